using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Recursive-descent DTS parser in the grammar of dtc's <c>dtc-parser.y</c>, building a <see cref="DtsSourceNode"/>
/// tree. Node nesting uses an explicit stack (no recursion per level); only cell expressions recurse, bounded by
/// <see cref="DtsReaderOptions.MaxExpressionDepth"/>. Partial files: node bodies, values, expressions, tokens, the
/// tree's bookkeeping, and overlay fragments.
/// </summary>
internal sealed partial class DtsParser
{
    private readonly DtsScanner _s;
    private readonly DtsReaderOptions _options;
    private readonly Dictionary<string, DtsLabelOwners> _labels = new(StringComparer.Ordinal);
    private readonly List<MemoryReservation> _reservations = new();
    private readonly List<string> _pendingLabels = new();
    private readonly DtsNameTable _names = new();
    private DtsSourceNode? _root;
    private int _blockCount;
    private int _nodeCount;

    public DtsParser(DtsScanner scanner, DtsReaderOptions options)
    {
        _s = scanner;
        _options = options;
    }

    public DtsSourceNode Root => _root ?? throw new InvalidOperationException("Parse first.");

    public IReadOnlyList<MemoryReservation> Reservations => _reservations;

    public DtsReaderOptions Options => _options;

    // What the source used, so that the linker can skip whole-tree passes that would find nothing to do (each flag
    // is set for any use, even one later deleted: a pass runs whenever it might matter).

    /// <summary>True for an overlay source (<c>/plugin/;</c>): unresolved phandle references become fixups.</summary>
    public bool IsPlugin { get; private set; }

    /// <summary>True once any label was read.</summary>
    public bool SawLabels { get; private set; }

    /// <summary>True once any value held a <c>&amp;reference</c>.</summary>
    public bool SawReferences { get; private set; }

    /// <summary>True once any <c>/omit-if-no-ref/</c> was read.</summary>
    public bool SawOmitIfNoRef { get; private set; }

    /// <summary>True once any <c>phandle</c> or <c>linux,phandle</c> property was assigned.</summary>
    public bool SawPhandleProperty { get; private set; }

    /// <summary>Parses a whole source file: header, reservations, then root blocks and top-level statements.</summary>
    public void ParseSourceFile()
    {
        _s.SkipTrivia();
        if (!_s.LookingAt("/dts-v1/"))
        {
            throw _s.Location.Error("Expected '/dts-v1/;' at the start of the file (only version 1 DTS source is supported; dtc requires it too).");
        }

        // dtc's headers: "/dts-v1/;", each optionally followed by "/plugin/;", and every header alike.
        bool? plugin = null;
        while (_s.LookingAt("/dts-v1/"))
        {
            DtsSourceLocation at = _s.Location;
            _s.Advance(8);
            ExpectSemicolon("after '/dts-v1/'");
            _s.SkipTrivia();
            bool thisPlugin = _s.LookingAt("/plugin/");
            if (thisPlugin)
            {
                _s.Advance(8);
                ExpectSemicolon("after '/plugin/'");
                _s.SkipTrivia();
            }

            if (plugin is bool earlier && earlier != thisPlugin)
            {
                throw at.Error("This '/dts-v1/;' header does not match the earlier ones: either every header is followed by '/plugin/;' or none is.");
            }

            plugin = thisPlugin;
        }

        if (_s.LookingAt("/plugin/"))
        {
            throw _s.Location.Error("'/plugin/;' must directly follow '/dts-v1/;'.");
        }

        IsPlugin = plugin == true;
        ParseReservations();
        ParseTopLevel();
    }

    private void ParseReservations()
    {
        while (true)
        {
            _s.SkipTrivia();
            int save = _s.Pos;
            int labelCount = SkipLabelsForLookahead();
            if (!_s.LookingAt("/memreserve/"))
            {
                if (labelCount > 0)
                {
                    _s.Pos = save;
                }

                return;
            }

            _s.Advance(12);
            ulong address = ParseIntegerPrim("the address of /memreserve/");
            ulong size = ParseIntegerPrim("the size of /memreserve/");
            ExpectSemicolon("after '/memreserve/ address size'");
            _reservations.Add(new MemoryReservation(address, size));
        }
    }

    /// <summary>Consumes labels ("name:") on the current line for a lookahead; returns how many.</summary>
    private int SkipLabelsForLookahead()
    {
        int count = 0;
        while (TryReadLabel(out _))
        {
            count++;
            _s.SkipTrivia();
        }

        return count;
    }

    private void ParseTopLevel()
    {
        bool sawRoot = false;
        while (true)
        {
            _s.SkipTrivia();
            if (_s.AtEndOfFile)
            {
                if (!sawRoot)
                {
                    throw _s.Location.Error("Expected a root node '/ { ... };' but the file ended.");
                }

                return;
            }

            DtsSourceLocation at = _s.Location;
            _pendingLabels.Clear();
            while (TryReadLabel(out string? label))
            {
                _pendingLabels.Add(label);
                _s.SkipTrivia();
            }

            if (_s.LookingAt("/delete-node/") || _s.LookingAt("/omit-if-no-ref/"))
            {
                bool delete = _s.LookingAt("/delete-node/");
                string keyword = delete ? "/delete-node/" : "/omit-if-no-ref/";
                if (_pendingLabels.Count > 0)
                {
                    throw at.Error($"A label cannot precede '{keyword}'.");
                }

                _s.Advance(keyword.Length);
                _s.SkipTrivia();
                if (_s.Current != '&')
                {
                    throw _s.Location.Error($"Expected a reference ('&label' or '&{{/path}}') after '{keyword}' at the top level.");
                }

                DtsSourceLocation refAt = _s.Location;
                string target = ReadReference();
                DtsSourceNode node = FindNodeByReference(target) ?? throw refAt.Error($"Label or path '{target}' not found.");
                ExpectSemicolon($"after '{keyword} &{target}'");
                if (delete)
                {
                    if (node.Parent is null)
                    {
                        throw refAt.Error("The root node cannot be deleted.");
                    }

                    DeleteSubtree(node);
                }
                else
                {
                    node.OmitIfNoRef = true;
                    SawOmitIfNoRef = true;
                }

                continue;
            }

            if (_s.LookingAt("/plugin/"))
            {
                throw at.Error("'/plugin/;' must directly follow '/dts-v1/;'.");
            }

            DtsSourceNode target2;
            bool created = false;
            if (_s.Current == '/' && !_s.LookingAt("/memreserve/") && !_s.LookingAt("/dts-v1/") && !_s.LookingAt("/delete-property/"))
            {
                _s.Advance();
                _s.SkipTrivia();
                if (_s.Current != '{')
                {
                    throw _s.Location.Error("Expected '{' after '/' to open the root node.");
                }

                created = _root is null;
                if (_root is null)
                {
                    CountNode(at);
                    _root = new DtsSourceNode(string.Empty, null, at);
                }

                target2 = _root;
                sawRoot = true;
            }
            else if (_s.Current == '&')
            {
                DtsSourceLocation refAt = _s.Location;
                string target = ReadReference();
                if (IsFragment(target))
                {
                    target2 = AddFragment(target, refAt);
                    created = true;
                    sawRoot = true;
                }
                else
                {
                    if (_root is null)
                    {
                        throw refAt.Error($"Node extension '&{target} {{ ... }}' needs a root node '/ {{ ... }};' before it.");
                    }

                    target2 = FindNodeByReference(target) ?? throw refAt.Error($"Label or path '{target}' not found.");
                }

                _s.SkipTrivia();
                if (_s.Current != '{')
                {
                    throw _s.Location.Error($"Expected '{{' after '&{target}' to extend the node.");
                }
            }
            else if (_s.LookingAt("/memreserve/"))
            {
                throw at.Error("'/memreserve/' must come before the root node.");
            }
            else
            {
                throw at.Error(sawRoot
                    ? "Expected a root node '/ {', a node extension '&label {', '/delete-node/ &label;' or '/omit-if-no-ref/ &label;' at the top level."
                    : IsPlugin ? "Expected '/memreserve/', the root node '/ {' or an overlay fragment '&label {'." : "Expected '/memreserve/' or the root node '/ {'.");
            }

            foreach (string label in _pendingLabels)
            {
                AddNodeLabel(target2, label);
            }

            _s.Advance(); // '{'
            ParseNodeBody(target2, created);
        }
    }

    /// <summary>Counts a node about to be created against <see cref="DtsReaderOptions.MaxNodes"/>.</summary>
    private void CountNode(DtsSourceLocation at)
    {
        if (++_nodeCount > _options.MaxNodes)
        {
            throw at.Error(FormattableString.Invariant($"The tree has more than {_options.MaxNodes} nodes (DtsReaderOptions.MaxNodes)."));
        }
    }
}
