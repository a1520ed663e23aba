using System;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// The <c>/hypervisor</c> node as Xen (or libxl) writes it: <c>compatible</c>, <c>reg</c>
/// (region 0 = grant window, then the extended regions) and, when known, <c>interrupts</c>.
/// Build it with <see cref="HypervisorNodeBuilder"/>.
/// </summary>
public sealed class HypervisorNode
{
    private readonly byte[] _reg;
    private readonly byte[] _compatible;
    private readonly byte[]? _interrupts;

    internal HypervisorNode(
        IReadOnlyList<string> compatible, byte[] compatibleBytes, IReadOnlyList<MemoryBank> entries, byte[] reg,
        int addressCells, int sizeCells, uint[]? interrupts, uint? interruptParent, IReadOnlyList<EngineDiagnostic> warnings)
    {
        Compatible = compatible;
        _compatible = compatibleBytes;
        Entries = entries;
        _reg = reg;
        AddressCells = addressCells;
        SizeCells = sizeCells;
        InterruptCells = interrupts;
        InterruptParent = interruptParent;
        Warnings = warnings;
        if (interrupts is not null)
        {
            _interrupts = new byte[interrupts.Length * 4];
            for (int i = 0; i < interrupts.Length; i++)
            {
                WriteCell(_interrupts, i * 4, interrupts[i]);
            }
        }
    }

    /// <summary><c>xen,xen-MAJOR.MINOR</c> then <c>xen,xen</c>.</summary>
    public IReadOnlyList<string> Compatible { get; }

    /// <summary>The <c>reg</c> entries in order, as computed (before any truncation to 32-bit cells).</summary>
    public IReadOnlyList<MemoryBank> Entries { get; }

    /// <summary>The encoded <c>reg</c> property: <c>(N+1)·(addrcells+sizecells)·4</c> bytes, big-endian.</summary>
    public ReadOnlyMemory<byte> Reg => _reg;

    /// <summary>The <c>#address-cells</c> used.</summary>
    public int AddressCells { get; }

    /// <summary>The <c>#size-cells</c> used.</summary>
    public int SizeCells { get; }

    /// <summary>The <c>interrupts</c> cells (<c>1 (irq-16) 0xf08</c>), or null.</summary>
    public IReadOnlyList<uint>? InterruptCells { get; }

    /// <summary>The <c>interrupt-parent</c> phandle, or null.</summary>
    public uint? InterruptParent { get; }

    /// <summary>Hazards reproduced but flagged, e.g. values truncated to 32-bit cells.</summary>
    public IReadOnlyList<EngineDiagnostic> Warnings { get; }

    /// <summary>The node as a device-tree node named <c>hypervisor</c>.</summary>
    /// <returns>A new, parentless node.</returns>
    public DeviceTreeNode ToDeviceTreeNode()
    {
        var properties = new List<DeviceTreeProperty>
        {
            new("compatible", _compatible),
            new("reg", _reg),
        };
        if (_interrupts is not null)
        {
            properties.Add(new DeviceTreeProperty("interrupts", _interrupts));
        }

        if (InterruptParent is uint phandle)
        {
            byte[] cell = new byte[4];
            WriteCell(cell, 0, phandle);
            properties.Add(new DeviceTreeProperty("interrupt-parent", cell));
        }

        return new DeviceTreeNode("hypervisor", properties);
    }

    /// <summary>The node in DTS syntax, e.g. for the CLI.</summary>
    /// <returns>DTS text of the node.</returns>
    public string ToDts()
    {
        var sb = new StringBuilder();
        sb.Append("hypervisor {\n\tcompatible = ");
        for (int i = 0; i < Compatible.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append('"').Append(Compatible[i]).Append('"');
        }

        sb.Append(";\n\treg = ");
        int perEntry = AddressCells + SizeCells;
        for (int e = 0; e * perEntry * 4 < _reg.Length; e++)
        {
            sb.Append(e == 0 ? "<" : ",\n\t      <");
            for (int c = 0; c < perEntry; c++)
            {
                int offset = ((e * perEntry) + c) * 4;
                uint cell = ((uint)_reg[offset] << 24) | ((uint)_reg[offset + 1] << 16) | ((uint)_reg[offset + 2] << 8) | _reg[offset + 3];
                sb.Append(c == 0 ? string.Empty : " ").Append(FormattableString.Invariant($"0x{cell:x}"));
            }

            sb.Append('>');
        }

        sb.Append(";\n");
        if (InterruptCells is { } cells)
        {
            sb.Append("\tinterrupts = <").Append(FormattableString.Invariant($"0x{cells[0]:x} 0x{cells[1]:x} 0x{cells[2]:x}")).Append(">;\n");
        }

        if (InterruptParent is uint parent)
        {
            sb.Append(FormattableString.Invariant($"\tinterrupt-parent = <0x{parent:x}>;\n"));
        }

        return sb.Append("};\n").ToString();
    }

    internal static void WriteCell(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}
