using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Typed property setters; every value is encoded big-endian as the Devicetree Specification requires.</summary>
public sealed partial class DeviceTreeNodeBuilder
{
    /// <summary>Sets an empty (boolean) property such as <c>ranges;</c> or <c>dma-coherent;</c>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>This node.</returns>
    public DeviceTreeNodeBuilder SetEmpty(string name) => SetBytes(name, ReadOnlySpan<byte>.Empty);

    /// <summary>Sets a one-cell value.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The cell.</param>
    /// <returns>This node.</returns>
    public DeviceTreeNodeBuilder SetUInt32(string name, uint value) => SetCells(name, value);

    /// <summary>Sets a two-cell (64-bit) value.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The number.</param>
    /// <returns>This node.</returns>
    public DeviceTreeNodeBuilder SetUInt64(string name, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return SetBytes(name, bytes);
    }

    /// <summary>Sets a cell array (<c>&lt;a b c&gt;</c>).</summary>
    /// <param name="name">The property name.</param>
    /// <param name="cells">The cells.</param>
    /// <returns>This node.</returns>
    public DeviceTreeNodeBuilder SetCells(string name, params uint[] cells)
    {
        if (cells is null)
        {
            throw new ArgumentNullException(nameof(cells));
        }

        var bytes = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        }

        return SetBytes(name, bytes);
    }

    /// <summary>Sets a list of numbers, each <paramref name="cellsPerNumber"/> cells wide.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="cellsPerNumber">Cells per number, 1 to 4 (numbers are at most 64 bits; wider ones are zero-extended).</param>
    /// <param name="numbers">The numbers.</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The width is out of range or a number does not fit it.</exception>
    public DeviceTreeNodeBuilder SetNumbers(string name, int cellsPerNumber, params ulong[] numbers)
    {
        if (numbers is null)
        {
            throw new ArgumentNullException(nameof(numbers));
        }

        CheckCells(cellsPerNumber, 1, nameof(cellsPerNumber));
        var bytes = new byte[numbers.Length * cellsPerNumber * 4];
        for (int i = 0; i < numbers.Length; i++)
        {
            WriteNumber(bytes, i * cellsPerNumber * 4, cellsPerNumber, numbers[i], name);
        }

        return SetBytes(name, bytes);
    }

    /// <summary>Sets (address, size) pairs encoded with the given cell counts, as in <c>reg</c>.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="addressCells">Cells per address, 0 to 4.</param>
    /// <param name="sizeCells">Cells per size, 0 to 4.</param>
    /// <param name="entries">The pairs.</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A cell count is out of range or a value does not fit its cells.</exception>
    public DeviceTreeNodeBuilder SetAddressSizePairs(string name, int addressCells, int sizeCells, params (ulong Address, ulong Size)[] entries)
    {
        if (entries is null)
        {
            throw new ArgumentNullException(nameof(entries));
        }

        CheckCells(addressCells, 0, nameof(addressCells));
        CheckCells(sizeCells, 0, nameof(sizeCells));
        int stride = (addressCells + sizeCells) * 4;
        var bytes = new byte[entries.Length * stride];
        for (int i = 0; i < entries.Length; i++)
        {
            WriteNumber(bytes, i * stride, addressCells, entries[i].Address, name);
            WriteNumber(bytes, (i * stride) + (addressCells * 4), sizeCells, entries[i].Size, name);
        }

        return SetBytes(name, bytes);
    }

    /// <summary>
    /// Sets <c>reg</c> with the parent's <c>#address-cells</c> and <c>#size-cells</c> (2 and 1 when the parent lacks
    /// them, as the Devicetree Specification says).
    /// </summary>
    /// <param name="entries">The (address, size) pairs.</param>
    /// <returns>This node.</returns>
    /// <exception cref="InvalidOperationException">The node is the root.</exception>
    public DeviceTreeNodeBuilder SetReg(params (ulong Address, ulong Size)[] entries)
    {
        if (Parent is null)
        {
            throw new InvalidOperationException("The root node has no parent to take #address-cells and #size-cells from.");
        }

        return SetAddressSizePairs("reg", Parent.CellCount("#address-cells", 2), Parent.CellCount("#size-cells", 1), entries);
    }

    /// <summary>
    /// Sets one NUL-terminated UTF-8 string; each lone surrogate U+DC80–U+DCFF is written as the raw byte
    /// 0x80–0xFF it stands for, as <see cref="DeviceTreeProperty.GetString"/> reads such bytes, so a string read
    /// from a tree and set again keeps its bytes.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The string; it must not contain NUL.</param>
    /// <exception cref="ArgumentException">The string contains NUL, or a lone surrogate outside U+DC80–U+DCFF.</exception>
    /// <returns>This node.</returns>
    public DeviceTreeNodeBuilder SetString(string name, string value) => SetStringList(name, value);

    /// <summary>Sets a list of NUL-terminated strings (e.g. <c>compatible</c>), each encoded as <see cref="SetString"/> encodes.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="values">The strings; none may contain NUL.</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentException">A string contains NUL, or a lone surrogate outside U+DC80–U+DCFF.</exception>
    public DeviceTreeNodeBuilder SetStringList(string name, params string[] values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        var bytes = new List<byte>();
        foreach (string value in values)
        {
            if (value is null || value.IndexOf('\0') >= 0)
            {
                throw new ArgumentException($"Property '{name}' of {Path}: a string value must not be null or contain NUL.", nameof(values));
            }

            byte[] encoded;
            try
            {
                encoded = EscapedUtf8.Encode(value);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Property '{name}' of {Path}: {e.Message}", nameof(values), e);
            }

            bytes.AddRange(encoded);
            bytes.Add(0);
        }

        return SetBytes(name, bytes.ToArray());
    }

    /// <summary>Sets a one-cell reference to <paramref name="target"/>'s phandle, giving the target a phandle when it has none.</summary>
    /// <param name="name">The property name, e.g. <c>interrupt-parent</c>.</param>
    /// <param name="target">A node of the same tree.</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentException">The target belongs to another tree.</exception>
    public DeviceTreeNodeBuilder SetPhandleReference(string name, DeviceTreeNodeBuilder target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (target.RootNode() != RootNode())
        {
            throw new ArgumentException($"Node {target.Path} is not in the same tree as {Path}.", nameof(target));
        }

        return SetUInt32(name, target.EnsurePhandle());
    }

    /// <summary>
    /// The node's phandle (<c>phandle</c>, else <c>linux,phandle</c>); when it has none, sets <c>phandle</c> to one more
    /// than the largest phandle in the tree, as dtc does.
    /// </summary>
    /// <returns>The phandle.</returns>
    /// <exception cref="InvalidOperationException">Every phandle value is used.</exception>
    public uint EnsurePhandle()
    {
        if (ReadPhandle(this) is uint existing)
        {
            return existing;
        }

        uint max = 0;
        var pending = new Stack<DeviceTreeNodeBuilder>();
        pending.Push(RootNode());
        while (pending.Count > 0)
        {
            DeviceTreeNodeBuilder node = pending.Pop();
            if (ReadPhandle(node) is uint value && value > max)
            {
                max = value;
            }

            foreach (DeviceTreeNodeBuilder child in node._children)
            {
                pending.Push(child);
            }
        }

        if (max >= 0xfffffffe)
        {
            throw new InvalidOperationException("No phandle value is left to allocate.");
        }

        SetUInt32("phandle", max + 1);
        return max + 1;
    }

    private static uint? ReadPhandle(DeviceTreeNodeBuilder node)
    {
        ReadOnlyMemory<byte>? value = node.GetPropertyValue("phandle") ?? node.GetPropertyValue("linux,phandle");
        if (value is { Length: 4 } v)
        {
            uint phandle = BinaryPrimitives.ReadUInt32BigEndian(v.Span);
            return phandle is 0 or uint.MaxValue ? null : phandle;
        }

        return null;
    }

    private static void CheckCells(int cells, int min, string parameter)
    {
        if (cells < min || cells > 4)
        {
            throw new ArgumentOutOfRangeException(parameter, cells, FormattableString.Invariant($"A cell count must be {min} to 4."));
        }
    }

    private void WriteNumber(byte[] bytes, int offset, int cells, ulong value, string name)
    {
        if (cells == 0 ? value != 0 : cells == 1 && value > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, FormattableString.Invariant($"Property '{name}' of {Path}: 0x{value:x} does not fit in {cells} cell(s)."));
        }

        if (cells == 1)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), (uint)value);
        }
        else if (cells >= 2)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(offset + ((cells - 2) * 4)), value);
        }
    }

    private int CellCount(string property, int fallback)
    {
        ReadOnlyMemory<byte>? value = GetPropertyValue(property);
        return value is { Length: 4 } v ? (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(v.Span), int.MaxValue) : fallback;
    }

    private DeviceTreeNodeBuilder RootNode()
    {
        DeviceTreeNodeBuilder node = this;
        while (node.Parent is not null)
        {
            node = node.Parent;
        }

        return node;
    }
}
