using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>The tree builder of <see cref="DtbReader"/>: one pass over the tokens with an explicit stack, no recursion.</summary>
public static partial class DtbReader
{
    /// <summary>Above this many entries a node's name checks switch from a linear scan to a hash set.</summary>
    private const int LinearScanLimit = 12;

    private static DeviceTree Build(byte[] blob, FdtHeader header, DtbReaderOptions options)
    {
        var reservations = new List<MemoryReservation>();
        var rsv = new FdtMemoryReservationReader(blob, header);
        while (rsv.Read())
        {
            reservations.Add(rsv.Current);
        }

        var reader = new FdtReader(blob, header, options);
        var frames = new List<Frame>();
        var nameIndexByOffset = new Dictionary<uint, int>();
        var names = new List<string>();
        var source = new PackedPropertySource(blob);
        DeviceTreeNode? root = null;
        int depth = 0;
        int nodeCount = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case FdtToken.BeginNode:
                        if (++nodeCount > options.MaxNodes)
                        {
                            throw new DeviceTreeFormatException(FormattableString.Invariant($"The tree has more than {options.MaxNodes} nodes (DtbReaderOptions.MaxNodes)."), reader.TokenOffset);
                        }

                        if (depth == frames.Count)
                        {
                            frames.Add(new Frame());
                        }

                        frames[depth].Begin(Encoding.UTF8.GetString(blob, reader.NameStart, reader.NameLength), reader.TokenOffset);
                        depth++;
                        break;

                    case FdtToken.Prop:
                    {
                        if (!nameIndexByOffset.TryGetValue(reader.PropertyNameOffset, out int nameIndex))
                        {
                            nameIndex = names.Count;
                            names.Add(Encoding.UTF8.GetString(blob, reader.NameStart, reader.NameLength));
                            nameIndexByOffset.Add(reader.PropertyNameOffset, nameIndex);
                        }

                        string name = names[nameIndex];
                        Frame frame = frames[depth - 1];
                        if (!frame.AddPropertyName(name))
                        {
                            throw new DeviceTreeFormatException(FormattableString.Invariant($"Duplicate property '{name}'."), reader.TokenOffset, PathOf(frames, depth), name);
                        }

                        // Property objects are made on first read (DeviceTreeNode); the tree keeps three ints each until then.
                        frame.PropertySlots.Add(nameIndex);
                        frame.PropertySlots.Add(reader.ValueStart);
                        frame.PropertySlots.Add(reader.ValueLength);
                        break;
                    }

                    case FdtToken.EndNode:
                    {
                        Frame frame = frames[depth - 1];
                        var node = new DeviceTreeNode(frame.Name, source, frame.PropertySlots.ToArray(), frame.Children.ToArray());
                        depth--;
                        if (depth == 0)
                        {
                            root = node;
                        }
                        else if (!frames[depth - 1].AddChild(node))
                        {
                            throw new DeviceTreeFormatException(FormattableString.Invariant($"Duplicate node name '{frame.Name}'."), frame.Offset, PathOf(frames, depth + 1));
                        }

                        frame.Clear();
                        break;
                    }
                }
            }
        }
        catch (DeviceTreeFormatException e) when (e.NodePath is null && depth > 0)
        {
            // The token reader knows offsets only; add the path of the node being read.
            throw new DeviceTreeFormatException(e.Problem, e.Offset, PathOf(frames, depth), e.PropertyName, e);
        }

        source.Names = names.ToArray();
        return new DeviceTree(root!, reservations, header.BootCpuIdPhys, header.Version, header.LastCompVersion);
    }

    private static string PathOf(List<Frame> frames, int depth)
    {
        if (depth <= 1)
        {
            return "/";
        }

        var path = new StringBuilder();
        for (int i = 1; i < depth; i++)
        {
            path.Append('/').Append(frames[i].Name);
        }

        return path.ToString();
    }

    /// <summary>The node being read at one depth; reused for every node at that depth to save allocations.</summary>
    private sealed class Frame
    {
        private HashSet<string>? _propertyNames;
        private HashSet<string>? _childNames;

        public string Name { get; private set; } = string.Empty;

        public int Offset { get; private set; }

        /// <summary>Name index, value start and value length of each property read so far.</summary>
        public List<int> PropertySlots { get; } = new();

        /// <summary>The property names read so far, for the duplicate check.</summary>
        public List<string> PropertyNames { get; } = new();

        public List<DeviceTreeNode> Children { get; } = new();

        public void Begin(string name, int offset)
        {
            Name = name;
            Offset = offset;
        }

        public void Clear()
        {
            PropertySlots.Clear();
            PropertyNames.Clear();
            Children.Clear();
            _propertyNames = null;
            _childNames = null;
        }

        public bool AddPropertyName(string name)
        {
            if (PropertyNames.Count < LinearScanLimit)
            {
                foreach (string p in PropertyNames)
                {
                    if (string.Equals(p, name, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                PropertyNames.Add(name);
                return true;
            }

            if (_propertyNames is null)
            {
                _propertyNames = new HashSet<string>(PropertyNames, StringComparer.Ordinal);
            }

            if (!_propertyNames.Add(name))
            {
                return false;
            }

            PropertyNames.Add(name);
            return true;
        }

        public bool AddChild(DeviceTreeNode child)
        {
            if (Children.Count < LinearScanLimit)
            {
                foreach (DeviceTreeNode c in Children)
                {
                    if (string.Equals(c.Name, child.Name, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }
            else
            {
                if (_childNames is null)
                {
                    _childNames = new HashSet<string>(StringComparer.Ordinal);
                    foreach (DeviceTreeNode c in Children)
                    {
                        _childNames.Add(c.Name);
                    }
                }

                if (!_childNames.Add(child.Name))
                {
                    return false;
                }
            }

            Children.Add(child);
            return true;
        }
    }
}
