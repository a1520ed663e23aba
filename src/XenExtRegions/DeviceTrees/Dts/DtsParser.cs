using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Recursive-descent DTS parser in the grammar of dtc's <c>dtc-parser.y</c>, building a <see cref="DtsSourceNode"/>
/// tree. Node nesting uses an explicit stack (no recursion per level); only cell expressions recurse, bounded by
/// <see cref="DtsReaderOptions.MaxExpressionDepth"/>. Partial files: values, expressions.
/// </summary>
internal sealed partial class DtsParser
{
    private readonly DtsScanner _s;
    private readonly DtsReaderOptions _options;
    private static readonly List<string> NoLabels = new(0);
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

    // What the source used, so that the linker can skip whole-tree passes that would find nothing to do (each flag
    // is set for any use, even one later deleted: a pass runs whenever it might matter).

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

        while (_s.LookingAt("/dts-v1/") || _s.LookingAt("/plugin/"))
        {
            if (_s.LookingAt("/plugin/"))
            {
                throw _s.Location.Error("Device tree overlays ('/plugin/') are not supported; only base trees can be read.");
            }

            _s.Advance(8);
            ExpectSemicolon("after '/dts-v1/'");
            _s.SkipTrivia();
        }

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

            DtsSourceNode target2;
            if (_s.Current == '/' && !_s.LookingAt("/memreserve/") && !_s.LookingAt("/dts-v1/") && !_s.LookingAt("/delete-property/"))
            {
                _s.Advance();
                _s.SkipTrivia();
                if (_s.Current != '{')
                {
                    throw _s.Location.Error("Expected '{' after '/' to open the root node.");
                }

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
                if (_root is null)
                {
                    throw refAt.Error($"Node extension '&{target} {{ ... }}' needs a root node '/ {{ ... }};' before it.");
                }

                target2 = FindNodeByReference(target) ?? throw refAt.Error($"Label or path '{target}' not found.");
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
                    : "Expected '/memreserve/' or the root node '/ {'.");
            }

            foreach (string label in _pendingLabels)
            {
                AddNodeLabel(target2, label);
            }

            _s.Advance(); // '{'
            ParseNodeBody(target2);
        }
    }

    /// <summary>
    /// Parses the statements of a node block after its '{' up to and including the matching "};", applying them
    /// to <paramref name="node"/>. Nested blocks are handled with an explicit stack.
    /// </summary>
    private void ParseNodeBody(DtsSourceNode node)
    {
        var stack = new Stack<BlockFrame>();
        var frame = new BlockFrame(node, _s.Location, ++_blockCount);
        while (true)
        {
            _s.SkipTrivia();
            if (_s.AtEndOfFile)
            {
                throw _s.Location.Error(FormattableString.Invariant(
                    $"Unexpected end of file: node '{DisplayName(frame.Node)}' opened at line {frame.OpenedAt.Line} is not closed (expected '}}')."));
            }

            char c = _s.Current;
            if (c == '}')
            {
                _s.Advance();
                _s.SkipTrivia();
                if (_s.Current != ';')
                {
                    // The message is built only on failure: a node's path costs O(depth).
                    throw _s.Location.Error($"Expected ';' after '}}' closing node '{DisplayName(frame.Node)}', but found {Describe(_s.Current)}.");
                }

                _s.Advance();
                if (stack.Count == 0)
                {
                    return;
                }

                frame = stack.Pop();
                continue;
            }

            DtsSourceLocation at = _s.Location;
            List<string>? labels = null;
            bool omit = false;
            while (true)
            {
                if (TryReadLabel(out string? label))
                {
                    (labels ??= new List<string>()).Add(label);
                }
                else if (_s.LookingAt("/omit-if-no-ref/"))
                {
                    _s.Advance(16);
                    omit = true;
                    SawOmitIfNoRef = true;
                }
                else
                {
                    break;
                }

                _s.SkipTrivia();
            }

            if (_s.LookingAt("/delete-property/"))
            {
                if (labels is not null || omit)
                {
                    throw at.Error("Labels and '/omit-if-no-ref/' cannot precede '/delete-property/'.");
                }

                _s.Advance(17);
                string name = ReadNameAfterKeyword("/delete-property/");
                if (frame.SeenSubnode)
                {
                    throw at.Error($"Properties must precede subnodes: '/delete-property/ {name}' comes after a child node of '{DisplayName(frame.Node)}'.");
                }

                ExpectSemicolon($"after '/delete-property/ {name}'");
                int deleted = frame.Node.FindProperty(name);
                if (deleted >= 0)
                {
                    frame.Node.PropertyAt(deleted).Deleted = true;
                }

                continue;
            }

            if (_s.LookingAt("/delete-node/"))
            {
                if (labels is not null || omit)
                {
                    throw at.Error("Labels and '/omit-if-no-ref/' cannot precede '/delete-node/'.");
                }

                _s.Advance(13);
                if (_s.Current == '&' || (SkipTriviaThen() && _s.Current == '&'))
                {
                    throw _s.Location.Error("'/delete-node/ &label;' is only allowed at the top level; inside a node give the child's name.");
                }

                string name = ReadNameAfterKeyword("/delete-node/");
                ExpectSemicolon($"after '/delete-node/ {name}'");
                frame.SeenSubnode = true;
                if (frame.Node.FindChild(name) is { Deleted: false } child)
                {
                    DeleteSubtree(child);
                }

                continue;
            }

            if (!DtsCharacters.IsNameChar(_s.Current))
            {
                throw at.Error(FormattableString.Invariant(
                    $"Expected a property, a child node, '/delete-property/', '/delete-node/' or '}}' in node '{DisplayName(frame.Node)}', but found {Describe(_s.Current)}."));
            }

            DtsSourceLocation nameAt = _s.Location;
            string itemName = ReadName();
            _s.SkipTrivia();
            char next = _s.Current;
            if (next == '{')
            {
                _s.Advance();
                frame.SeenSubnode = true;
                if (frame.Node.Depth + 1 > _options.MaxDepth)
                {
                    throw nameAt.Error(FormattableString.Invariant($"Nodes are nested more than {_options.MaxDepth} deep (DtsReaderOptions.MaxDepth)."));
                }

                DtsSourceNode child = GetOrReviveChild(frame.Node, itemName, nameAt);
                if (child.DefinedInBlock == frame.Id)
                {
                    throw nameAt.Error($"Duplicate node name: '{itemName}' is defined twice in one block of '{DisplayName(frame.Node)}'.");
                }

                child.DefinedInBlock = frame.Id;
                child.OmitIfNoRef |= omit;
                if (labels is not null)
                {
                    foreach (string label in labels)
                    {
                        AddNodeLabel(child, label);
                    }
                }

                stack.Push(frame);
                frame = new BlockFrame(child, nameAt, ++_blockCount);
                continue;
            }

            if (omit)
            {
                throw at.Error($"'/omit-if-no-ref/' applies to nodes, but '{itemName}' is a property.");
            }

            if (next != '=' && next != ';')
            {
                throw _s.Location.Error($"Expected '=', ';' or '{{' after '{itemName}', but found {Describe(next)}.");
            }

            if (frame.SeenSubnode)
            {
                throw nameAt.Error($"Properties must precede subnodes: property '{itemName}' comes after a child node of '{DisplayName(frame.Node)}'.");
            }

            // By reference into the node's array: nothing adds a property to this node until the value is read.
            ref DtsSourceProperty property = ref frame.Node.PropertyAt(SetProperty(frame.Node, itemName, nameAt));
            SawPhandleProperty |= itemName == "phandle" || itemName == "linux,phandle";
            if (property.DefinedInBlock == frame.Id)
            {
                throw nameAt.Error($"Duplicate property name: '{itemName}' is assigned twice in one block of '{DisplayName(frame.Node)}'.");
            }

            property.DefinedInBlock = frame.Id;
            if (labels is not null)
            {
                foreach (string label in labels)
                {
                    property.AddLabel(label);
                }
            }

            if (next == ';')
            {
                _s.Advance();
                property.Value = Array.Empty<byte>();
                property.References = null;
                continue;
            }

            _s.Advance(); // '='
            ParsePropertyValue(ref property);
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

    private bool SkipTriviaThen()
    {
        _s.SkipTrivia();
        return true;
    }

    private static string DisplayName(DtsSourceNode node) => node.Parent is null ? "/" : node.Path;

    private DtsSourceNode GetOrReviveChild(DtsSourceNode parent, string name, DtsSourceLocation at)
    {
        DtsSourceNode? child = parent.FindChild(name);
        if (child is null)
        {
            CountNode(at);
            child = new DtsSourceNode(name, parent, at) { Depth = parent.Depth + 1 };
            parent.AddChild(child);
        }
        else
        {
            // dtc revives a deleted node in place; its old content stays deleted.
            child.Deleted = false;
        }

        return child;
    }

    /// <summary>Finds or appends the property called <paramref name="name"/>; returns its index.</summary>
    private static int SetProperty(DtsSourceNode node, string name, DtsSourceLocation at)
    {
        int index = node.FindProperty(name);
        if (index < 0)
        {
            return node.AddProperty(name, at);
        }

        // A later assignment replaces the value in place, as dtc's merge does.
        ref DtsSourceProperty property = ref node.PropertyAt(index);
        property.Deleted = false;
        property.Location = at;
        return index;
    }

    private void AddNodeLabel(DtsSourceNode node, string label)
    {
        if (!node.AddLabel(label))
        {
            return; // the node has it, so its owners know already
        }

        if (!_labels.TryGetValue(label, out DtsLabelOwners? owners))
        {
            owners = new DtsLabelOwners(label);
            _labels.Add(label, owners);
        }

        owners.Took(node);
    }

    /// <summary>Marks a node, its properties and its descendants deleted, and drops their labels (as dtc's delete_node).</summary>
    private void DeleteSubtree(DtsSourceNode node)
    {
        var stack = new Stack<DtsSourceNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            DtsSourceNode n = stack.Pop();
            foreach (string label in n.Labels ?? NoLabels)
            {
                _labels[label].Lost(n);
            }

            n.Deleted = true;
            n.ClearLabels();
            foreach (ref DtsSourceProperty p in n.Properties)
            {
                p.Deleted = true;
                p.ClearLabels();
            }

            for (int i = 0; i < n.ChildCount; i++)
            {
                DtsSourceNode child = n.ChildAt(i);
                if (!child.Deleted)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Finds a live node by label or by path (as dtc's get_node_by_ref).</summary>
    public DtsSourceNode? FindNodeByReference(string target)
    {
        if (_root is null)
        {
            return null;
        }

        if (target.Length > 0 && target[0] == '/')
        {
            DtsSourceNode node = _root;
            foreach (string part in target.Split('/'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                DtsSourceNode? child = node.FindChild(part);
                if (child is null || child.Deleted)
                {
                    return null;
                }

                node = child;
            }

            return node;
        }

        return _labels.TryGetValue(target, out DtsLabelOwners? owners) ? owners.Current() : null;
    }

    private void ExpectSemicolon(string context)
    {
        _s.SkipTrivia();
        if (_s.Current != ';')
        {
            throw _s.Location.Error($"Expected ';' {context}, but found {Describe(_s.Current)}.");
        }

        _s.Advance();
    }

    private string ReadNameAfterKeyword(string keyword)
    {
        _s.SkipTrivia();
        if (!DtsCharacters.IsNameChar(_s.Current))
        {
            throw _s.Location.Error($"Expected a name after '{keyword}', but found {Describe(_s.Current)}.");
        }

        return ReadName();
    }

    /// <summary>Reads a node or property name (<c>[a-zA-Z0-9,._+*#?@-]+</c>).</summary>
    private string ReadName()
    {
        string text = _s.Text;
        int start = _s.Pos;
        int pos = start;
        while (pos < text.Length && DtsCharacters.IsNameChar(text[pos]))
        {
            pos++;
        }

        _s.Pos = pos;
        return _names.Get(text, start, pos - start);
    }

    /// <summary>Reads "label:" when the current token is one, else leaves the position unchanged.</summary>
    private bool TryReadLabel([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? label) => TryReadLabel(out label, out _);

    /// <summary>As <see cref="TryReadLabel(out string?)"/>; <paramref name="runEnd"/> is where the run of label characters ended.</summary>
    private bool TryReadLabel([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? label, out int runEnd)
    {
        string text = _s.Text;
        int start = _s.Pos;
        runEnd = start;
        if (start >= text.Length || !DtsCharacters.IsLabelStart(text[start]))
        {
            label = null;
            return false;
        }

        int pos = start + 1;
        while (pos < text.Length && DtsCharacters.IsLabelChar(text[pos]))
        {
            pos++;
        }

        runEnd = pos;
        if (pos >= text.Length || text[pos] != ':')
        {
            label = null;
            return false;
        }

        label = _names.Get(text, start, pos - start);
        SawLabels = true;
        _s.Pos = pos + 1;
        return true;
    }

    /// <summary>Reads <c>&amp;label</c> or <c>&amp;{/path}</c> at '&amp;'; returns the label or the path.</summary>
    private string ReadReference()
    {
        DtsSourceLocation at = _s.Location;
        _s.Advance();
        string text = _s.Text;
        if (_s.Current == '{')
        {
            _s.Advance();
            int start = _s.Pos;
            int pos = start;
            while (pos < text.Length && DtsCharacters.IsPathChar(text[pos]))
            {
                pos++;
            }

            _s.Pos = pos;
            if (_s.Current != '}')
            {
                throw _s.Location.Error($"Expected '}}' to end the path reference, but found {Describe(_s.Current)}.");
            }

            string path = text.Substring(start, pos - start);
            _s.Advance();
            if (path.Length == 0 || path[0] != '/')
            {
                throw at.Error($"A path reference '&{{{path}}}' must start with '/'.");
            }

            return path;
        }

        if (!DtsCharacters.IsLabelStart(_s.Current))
        {
            throw at.Error($"Expected a label or '{{/path}}' after '&', but found {Describe(_s.Current)}.");
        }

        int s0 = _s.Pos;
        int p = s0;
        while (p < text.Length && DtsCharacters.IsLabelChar(text[p]))
        {
            p++;
        }

        _s.Pos = p;
        return _names.Get(text, s0, p - s0);
    }

    private string Describe(char c)
    {
        if (_s.AtEndOfFile)
        {
            return "the end of the file";
        }

        return c switch
        {
            '\n' => "a line break",
            '\'' => "\"'\"",
            _ when c < ' ' || c == 0x7f => FormattableString.Invariant($"character U+{(int)c:X4}"),
            _ when EscapedUtf8.IsEscape(c) => FormattableString.Invariant($"byte 0x{EscapedUtf8.EscapedByte(c):x2} (not valid UTF-8)"),
            _ when char.IsSurrogate(c) => FormattableString.Invariant($"lone surrogate U+{(int)c:X4}"),
            _ => "'" + c + "'",
        };
    }

    /// <summary>A block being parsed; a struct so that a node costs no frame object (only the current frame changes).</summary>
    private struct BlockFrame
    {
        public BlockFrame(DtsSourceNode node, DtsSourceLocation openedAt, int id)
        {
            Node = node;
            OpenedAt = openedAt;
            Id = id;
        }

        /// <summary>A number unique to this block, stamped on what it defines to catch duplicates in one block.</summary>
        public int Id { get; }

        public DtsSourceNode Node { get; }

        public DtsSourceLocation OpenedAt { get; }

        public bool SeenSubnode { get; set; }
    }
}
