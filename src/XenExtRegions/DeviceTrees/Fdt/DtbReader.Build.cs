using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The tree builder of <see cref="DtbReader"/>: one pass over the tokens with an explicit stack, no recursion.
/// Each node becomes one record in the tree's <see cref="PackedTreeStorage"/> (name as a blob slice, where its
/// properties start, its links): no object per node or property until a caller asks for one.
/// </summary>
public static partial class DtbReader
{
    private static DeviceTree Build(byte[] blob, FdtHeader header, DtbReaderOptions options)
    {
        var reservations = new List<MemoryReservation>();
        var rsv = new FdtMemoryReservationReader(blob, header);
        while (rsv.Read())
        {
            reservations.Add(rsv.Current);
        }

        var reader = new FdtReader(blob, header, options);
        DtbBuildScratch scratch = DtbBuildScratch.Take();
        List<DtbBuildFrame> frames = scratch.Frames;
        var names = new PropertyNameTable(header.SizeDtStrings, scratch.IndexByName, scratch.Names, scratch.KnownBits);
        var storage = new PackedTreeStorage(blob, names, scratch.Records);
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
                            frames.Add(new DtbBuildFrame(scratch));
                        }

                        DtbBuildFrame begun = frames[depth];
                        begun.Begin(blob, reader.NameStart, reader.NameLength, reader.TokenOffset);
                        begun.Index = storage.Add(begun.NameStart, begun.NameLength, begun.DecodedName, depth == 0 ? -1 : frames[depth - 1].Index);

                        depth++;
                        break;

                    case FdtToken.Prop:
                    {
                        int nameIndex = names.IndexOf(reader.PropertyNameOffset, blob, reader.NameStart, reader.NameLength);
                        DtbBuildFrame frame = frames[depth - 1];
                        if (!frame.AddProperty(nameIndex, names.KnownBit(nameIndex), reader.TokenOffset, reader.ValueStart, reader.ValueLength))
                        {
                            string name = names[nameIndex];
                            throw new DeviceTreeFormatException(FormattableString.Invariant($"Duplicate property '{EscapedUtf8.ForMessage(name)}'."), reader.TokenOffset, PathOf(frames, depth), name);
                        }

                        break;
                    }

                    case FdtToken.EndNode:
                    {
                        DtbBuildFrame frame = frames[depth - 1];
                        if (frame.FindDuplicateChild() is int duplicate)
                        {
                            throw new DeviceTreeFormatException(FormattableString.Invariant($"Duplicate node name '{EscapedUtf8.ForMessage(frame.ChildName(duplicate))}'."), frame.ChildOffset(duplicate), PathOf(frames, depth) + (depth == 1 ? string.Empty : "/") + frame.ChildName(duplicate));
                        }

                        storage.End(frame.Index, frame.FirstPropertyToken, frame.PropertyCount, frame.KnownNames, frame.PropertiesContiguous ? null : UnpackedProperties(frame, names, blob));
                        depth--;
                        if (depth > 0)
                        {
                            DtbBuildFrame parent = frames[depth - 1];
                            if (!parent.AddChild(frame.NameStart, frame.NameLength, frame.DecodedName, frame.Offset))
                            {
                                throw new DeviceTreeFormatException(FormattableString.Invariant($"Duplicate node name '{EscapedUtf8.ForMessage(frame.Name)}'."), frame.Offset, PathOf(frames, depth + 1));
                            }
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

        names.Seal();
        scratch.Records = storage.Complete(DtbBuildScratch.KeptRecords) ?? Array.Empty<FlatNode>();
        scratch.Return();
        return new DeviceTree(storage.NodeAt(0), reservations, header.BootCpuIdPhys, header.Version, header.LastCompVersion);
    }

    /// <summary>The properties of a node whose tokens are not back to back (NOPs or children between them, pre-16 padding): made at once.</summary>
    private static DeviceTreeProperty[] UnpackedProperties(DtbBuildFrame frame, PropertyNameTable names, byte[] blob)
    {
        int[] slots = frame.PropertySlots;
        var properties = new DeviceTreeProperty[frame.PropertyCount];
        for (int i = 0; i < properties.Length; i++)
        {
            properties[i] = new DeviceTreeProperty(names[slots[3 * i]], new ReadOnlyMemory<byte>(blob, slots[(3 * i) + 1], slots[(3 * i) + 2]), trusted: true);
        }

        return properties;
    }

    private static string PathOf(List<DtbBuildFrame> frames, int depth)
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
}
