using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Writes a <see cref="DeviceTree"/> as a version 17 DTB (last_comp_version 16) in dtc's layout: header, memory
/// reservation block (8-byte aligned, ending with 0,0), structure block (4-byte aligned), strings block, then
/// optional free space. Property names are stored as dtc 1.6.1 stores them: in the order first met (node before its
/// children, properties in order), a name that ends an earlier stored name sharing that tail, so a tree read from a
/// dtc-made blob is written back byte for byte. The output depends only on the tree's content, so writing is deterministic.
/// </summary>
/// <remarks>
/// Names are written as UTF-8, except that each lone surrogate U+DC80–U+DCFF becomes the raw byte 0x80–0xFF it
/// stands for (the way <see cref="DtbReader"/> reads bytes that are not valid UTF-8), so a blob read and written
/// back keeps its names byte for byte.
/// </remarks>
public static class DtbWriter
{
    private const int TokenSize = 4;

    /// <summary>Writes <paramref name="tree"/> to a new array.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="options">Choices; <see cref="DtbWriterOptions.Default"/> when null.</param>
    /// <returns>The blob.</returns>
    /// <exception cref="ArgumentException">A name holds a NUL character, a memory reservation is (0, 0), or the blob would exceed 2 GiB.</exception>
    public static byte[] Write(DeviceTree tree, DtbWriterOptions? options = null)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        options ??= DtbWriterOptions.Default;
        options.Validate();
        Layout layout = Measure(tree, options);
        var blob = new byte[layout.TotalSize];
        Fill(tree, layout, blob);
        return blob;
    }

    /// <summary>Writes <paramref name="tree"/> to <paramref name="destination"/>.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="destination">The stream written to.</param>
    /// <param name="options">Choices; <see cref="DtbWriterOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A name holds a NUL character, a memory reservation is (0, 0), or the blob would exceed 2 GiB.</exception>
    public static void Write(DeviceTree tree, Stream destination, DtbWriterOptions? options = null)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        byte[] blob = Write(tree, options);
        destination.Write(blob, 0, blob.Length);
    }

    private static Layout Measure(DeviceTree tree, DtbWriterOptions options)
    {
        var layout = new Layout();
        long structSize = TokenSize; // FDT_END
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            CheckName(node.Name, node, null);
            structSize += TokenSize + Align4(EscapedUtf8.GetByteCount(node.Name) + 1) + TokenSize;
            // Indexing, not foreach: an interface enumerator per node would be most of the writer's garbage.
            IReadOnlyList<DeviceTreeProperty> properties = node.Properties;
            for (int i = 0; i < properties.Count; i++)
            {
                DeviceTreeProperty property = properties[i];
                structSize += 12 + Align4(property.Length);
                if (!layout.Strings.HasInstance(property.Name))
                {
                    CheckName(property.Name, node, property.Name);
                    layout.Strings.Add(property.Name);
                }
            }
        }

        foreach (MemoryReservation reservation in tree.MemoryReservations)
        {
            if (reservation.Address == 0 && reservation.Size == 0)
            {
                throw new ArgumentException("A (0, 0) memory reservation cannot be written: readers take it for the end of the block.", nameof(tree));
            }
        }

        long rsvmapOffset = FdtHeader.Size; // 40 is already 8-byte aligned
        long structOffset = rsvmapOffset + ((tree.MemoryReservations.Count + 1L) * 16);
        long stringsOffset = structOffset + structSize;
        long stringsSize = layout.Strings.Length;
        long total = stringsOffset + stringsSize + options.ExtraFreeSpace;
        if (total > int.MaxValue - 64)
        {
            throw new ArgumentException(FormattableString.Invariant($"The tree needs a {total}-byte blob; a DTB is limited to 2 GiB."), nameof(tree));
        }

        layout.RsvmapOffset = (int)rsvmapOffset;
        layout.StructOffset = (int)structOffset;
        layout.StructSize = (int)structSize;
        layout.StringsOffset = (int)stringsOffset;
        layout.StringsSize = (int)stringsSize;
        layout.TotalSize = (int)total;
        return layout;
    }

    private static void Fill(DeviceTree tree, Layout layout, byte[] blob)
    {
        Span<byte> span = blob;
        WriteU32(span, 0, FdtHeader.Magic);
        WriteU32(span, 4, (uint)layout.TotalSize);
        WriteU32(span, 8, (uint)layout.StructOffset);
        WriteU32(span, 12, (uint)layout.StringsOffset);
        WriteU32(span, 16, (uint)layout.RsvmapOffset);
        WriteU32(span, 20, DeviceTree.DefaultVersion);
        WriteU32(span, 24, DeviceTree.DefaultLastCompatibleVersion);
        WriteU32(span, 28, tree.BootCpuIdPhys);
        WriteU32(span, 32, (uint)layout.StringsSize);
        WriteU32(span, 36, (uint)layout.StructSize);

        int at = layout.RsvmapOffset;
        foreach (MemoryReservation reservation in tree.MemoryReservations)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span.Slice(at, 8), reservation.Address);
            BinaryPrimitives.WriteUInt64BigEndian(span.Slice(at + 8, 8), reservation.Size);
            at += 16;
        }

        // The (0, 0) terminator and every padding byte are already zero in the new array.
        at = layout.StructOffset;
        var stack = new Stack<(DeviceTreeNode Node, int NextChild)>();
        at = BeginNode(blob, at, tree.Root, layout);
        stack.Push((tree.Root, 0));
        while (stack.Count > 0)
        {
            (DeviceTreeNode node, int next) = stack.Pop();
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                DeviceTreeNode child = node.Children[next];
                at = BeginNode(blob, at, child, layout);
                stack.Push((child, 0));
            }
            else
            {
                WriteU32(span, at, (uint)FdtToken.EndNode);
                at += TokenSize;
            }
        }

        WriteU32(span, at, (uint)FdtToken.End);
        layout.Strings.Bytes.CopyTo(span.Slice(layout.StringsOffset));
    }

    private static int BeginNode(byte[] blob, int at, DeviceTreeNode node, Layout layout)
    {
        WriteU32(blob, at, (uint)FdtToken.BeginNode);
        at += TokenSize;
        at += Align4(EscapedUtf8.Encode(node.Name, blob, at) + 1);
        IReadOnlyList<DeviceTreeProperty> properties = node.Properties;
        for (int i = 0; i < properties.Count; i++)
        {
            DeviceTreeProperty property = properties[i];
            WriteU32(blob, at, (uint)FdtToken.Prop);
            WriteU32(blob, at + 4, (uint)property.Length);
            WriteU32(blob, at + 8, (uint)layout.Strings.Add(property.Name));
            property.Span.CopyTo(blob.AsSpan(at + 12));
            at += 12 + Align4(property.Length);
        }

        return at;
    }

    private static void CheckName(string name, DeviceTreeNode node, string? propertyName)
    {
        if (name.IndexOf('\0') >= 0)
        {
            throw new ArgumentException(
                propertyName is null
                    ? $"The node name '{name}' holds a NUL character and cannot be written ({node.Path})."
                    : $"The property name '{propertyName}' holds a NUL character and cannot be written ({node.Path}).");
        }
    }

    private static void WriteU32(Span<byte> span, int at, uint value) => BinaryPrimitives.WriteUInt32BigEndian(span.Slice(at, 4), value);

    private static int Align4(int value) => (value + 3) & ~3;

    /// <summary>Offsets and sizes computed before writing, plus the strings block in order.</summary>
    private sealed class Layout
    {
        public DtbStringsBlock Strings { get; } = new();

        public int RsvmapOffset { get; set; }

        public int StructOffset { get; set; }

        public int StructSize { get; set; }

        public int StringsOffset { get; set; }

        public int StringsSize { get; set; }

        public int TotalSize { get; set; }
    }
}
