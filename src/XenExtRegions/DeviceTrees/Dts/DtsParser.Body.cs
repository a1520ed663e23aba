using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Node blocks: properties, child nodes, deletions, labels, duplicates within a block.</summary>
internal sealed partial class DtsParser
{
    /// <summary>
    /// Parses the statements of a node block after its '{' up to and including the matching "};", applying them
    /// to <paramref name="node"/>. Nested blocks are handled with an explicit stack.
    /// </summary>
    private void ParseNodeBody(DtsSourceNode node, bool created)
    {
        var stack = new Stack<BlockFrame>();
        var frame = new BlockFrame(node, _s.Location, ++_blockCount) { Creates = created };
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
                if (frame.Creates)
                {
                    // In a block that creates its node dtc keeps the deletion as one more (deleted) property: it does
                    // not remove one the block assigns, and a later block assigning the name revives it in its place.
                    if (deleted < 0)
                    {
                        deleted = SetProperty(frame.Node, name, at, out _);
                        frame.Node.PropertyAt(deleted).Deleted = true;
                    }
                }
                else if (deleted >= 0)
                {
                    frame.Node.PropertyAt(deleted).Deleted = true;
                    frame.Node.PropertyAt(deleted).ClearLabels();
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
                if (frame.Creates)
                {
                    // dtc keeps '/delete-node/ name;' in a block that creates its node as a deleted child of that
                    // name: a second one of the name in the block is a duplicate, and a later block revives it there.
                    if (frame.Node.FindChild(name) is not null)
                    {
                        throw at.Error($"Duplicate node name: '{name}' is defined and deleted in one block of '{DisplayName(frame.Node)}', which creates that node (dtc keeps both).");
                    }

                    DtsSourceNode placeholder = GetOrReviveChild(frame.Node, name, at, out _);
                    placeholder.DefinedInBlock = frame.Id;
                    placeholder.Deleted = true;
                }
                else if (frame.Node.FindChild(name) is { Deleted: false } child)
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

                DtsSourceNode child = GetOrReviveChild(frame.Node, itemName, nameAt, out bool childCreated);
                if (child.DefinedInBlock == frame.Id)
                {
                    throw nameAt.Error($"Duplicate node name: '{itemName}' is defined twice in one block of '{DisplayName(frame.Node)}'.");
                }

                child.DefinedInBlock = frame.Id;
                child.OmitIfNoRef |= omit;
                if (labels is not null)
                {
                    AddNodeLabels(child, labels, childCreated);
                }

                stack.Push(frame);
                frame = new BlockFrame(child, nameAt, ++_blockCount) { Creates = childCreated };
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
            ref DtsSourceProperty property = ref frame.Node.PropertyAt(SetProperty(frame.Node, itemName, nameAt, out bool newProperty));
            SawPhandleProperty |= itemName == "phandle" || itemName == "linux,phandle";
            if (property.DefinedInBlock == frame.Id)
            {
                throw nameAt.Error($"Duplicate property name: '{itemName}' is assigned twice in one block of '{DisplayName(frame.Node)}'.");
            }

            property.DefinedInBlock = frame.Id;
            if (labels is not null)
            {
                for (int k = 0; k < labels.Count; k++)
                {
                    property.AddLabel(labels[LabelOrder(k, labels.Count, newProperty)]);
                }
            }

            if (next == ';')
            {
                _s.Advance();
                property.Value = Array.Empty<byte>();
                property.References = null;
                property.ValueLabels = null;
                continue;
            }

            _s.Advance(); // '='
            ParsePropertyValue(ref property);
        }
    }

    private DtsSourceNode GetOrReviveChild(DtsSourceNode parent, string name, DtsSourceLocation at, out bool created)
    {
        DtsSourceNode? child = parent.FindChild(name);
        created = child is null;
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
    private static int SetProperty(DtsSourceNode node, string name, DtsSourceLocation at, out bool created)
    {
        int index = node.FindProperty(name);
        created = index < 0;
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

    /// <summary>Gives the labels written before one definition of <paramref name="node"/> to it, in dtc's order (see <see cref="LabelOrder"/>).</summary>
    private void AddNodeLabels(DtsSourceNode node, List<string> labels, bool created)
    {
        for (int k = 0; k < labels.Count; k++)
        {
            AddNodeLabel(node, labels[LabelOrder(k, labels.Count, created)]);
        }
    }

    /// <summary>
    /// Which of <paramref name="count"/> labels written before a definition to add <paramref name="k"/>-th. dtc keeps a
    /// new item's labels as written, and an item defined before takes them one by one, each in front of those it has
    /// (so <c>a: b:</c> on a second definition lists b before a). Label lists keep adding order, the reverse of dtc's,
    /// so a new item takes its labels last first.
    /// </summary>
    private static int LabelOrder(int k, int count, bool created) => created ? count - 1 - k : k;

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

        /// <summary>True when this block creates its node (it did not exist before), rather than extending one.</summary>
        public bool Creates { get; init; }
    }
}
