using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The header of a flattened device tree blob (Devicetree Specification v0.4, section 5.2), parsed and checked
/// as libfdt's <c>fdt_check_header</c> does: magic, versions, sizes, offsets, block bounds, overlaps, alignment.
/// </summary>
/// <remarks>
/// Fields a version predates read as follows: <see cref="BootCpuIdPhys"/> is 0 before version 2,
/// <see cref="SizeDtStrings"/> before version 3 and <see cref="SizeDtStruct"/> before version 17 are the largest
/// sizes the other blocks and <see cref="TotalSize"/> leave room for.
/// </remarks>
public readonly partial struct FdtHeader : IEquatable<FdtHeader>
{
    /// <summary>The magic number every blob starts with (big-endian).</summary>
    public const uint Magic = 0xd00dfeed;

    /// <summary>The size of a version 17 header in bytes.</summary>
    public const int Size = 40;

    /// <summary>The oldest format version this library reads (as libfdt).</summary>
    public const uint FirstSupportedVersion = 2;

    /// <summary>The newest <c>last_comp_version</c> this library understands.</summary>
    public const uint LastSupportedVersion = 17;

    internal FdtHeader(uint magicValue, uint totalSize, uint offDtStruct, uint offDtStrings, uint offMemRsvmap, uint version, uint lastCompVersion, uint bootCpuIdPhys, uint sizeDtStrings, uint sizeDtStruct)
    {
        MagicValue = magicValue;
        TotalSize = totalSize;
        OffDtStruct = offDtStruct;
        OffDtStrings = offDtStrings;
        OffMemRsvmap = offMemRsvmap;
        Version = version;
        LastCompVersion = lastCompVersion;
        BootCpuIdPhys = bootCpuIdPhys;
        SizeDtStrings = sizeDtStrings;
        SizeDtStruct = sizeDtStruct;
    }

    /// <summary><c>magic</c>: 0xd00dfeed in a valid blob.</summary>
    public uint MagicValue { get; }

    /// <summary><c>totalsize</c>: the blob size in bytes, including every block and free space.</summary>
    public uint TotalSize { get; }

    /// <summary><c>off_dt_struct</c>: offset of the structure block.</summary>
    public uint OffDtStruct { get; }

    /// <summary><c>off_dt_strings</c>: offset of the strings block.</summary>
    public uint OffDtStrings { get; }

    /// <summary><c>off_mem_rsvmap</c>: offset of the memory reservation block.</summary>
    public uint OffMemRsvmap { get; }

    /// <summary><c>version</c>: the format version.</summary>
    public uint Version { get; }

    /// <summary><c>last_comp_version</c>: the oldest version this blob is compatible with.</summary>
    public uint LastCompVersion { get; }

    /// <summary><c>boot_cpuid_phys</c>: the physical id of the boot CPU (version 2 and later).</summary>
    public uint BootCpuIdPhys { get; }

    /// <summary><c>size_dt_strings</c>: the strings block size (version 3 and later; derived before).</summary>
    public uint SizeDtStrings { get; }

    /// <summary><c>size_dt_struct</c>: the structure block size (version 17 and later; derived before).</summary>
    public uint SizeDtStruct { get; }

    /// <summary>The header size the version implies: 28 (v1), 32 (v2), 36 (v3 to v16), 40 (v17 and later).</summary>
    public int HeaderSize => HeaderSizeFor(Version);

    /// <summary>True when node names in the structure block are full paths (versions before 16).</summary>
    public bool HasFullPathNames => Version < 16;

    /// <summary>Parses and checks the header of <paramref name="blob"/>.</summary>
    /// <param name="blob">The blob, at least <c>totalsize</c> bytes long.</param>
    /// <returns>The header.</returns>
    /// <exception cref="DeviceTreeFormatException">The header is malformed or does not fit the blob; the offset names the bad field.</exception>
    public static FdtHeader Read(ReadOnlySpan<byte> blob)
    {
        FdtHeaderStatus status = Parse(blob, out FdtHeader header, out string problem, out int offset);
        if (status != FdtHeaderStatus.Ok)
        {
            throw new DeviceTreeFormatException(problem, offset);
        }

        return header;
    }

    /// <summary>Parses and checks the header of <paramref name="blob"/> without throwing.</summary>
    /// <param name="blob">The blob.</param>
    /// <param name="header">The header when valid.</param>
    /// <param name="error">The problem when invalid.</param>
    /// <returns>True when the header is valid.</returns>
    public static bool TryRead(ReadOnlySpan<byte> blob, out FdtHeader header, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DeviceTreeFormatException? error)
    {
        if (Parse(blob, out header, out string problem, out int offset) == FdtHeaderStatus.Ok)
        {
            error = null;
            return true;
        }

        error = new DeviceTreeFormatException(problem, offset);
        return false;
    }

    internal static int HeaderSizeFor(uint version) => version switch
    {
        <= 1 => 28,
        2 => 32,
        < 17 => 36,
        _ => Size,
    };

    /// <inheritdoc/>
    public bool Equals(FdtHeader other) =>
        MagicValue == other.MagicValue && TotalSize == other.TotalSize && OffDtStruct == other.OffDtStruct &&
        OffDtStrings == other.OffDtStrings && OffMemRsvmap == other.OffMemRsvmap && Version == other.Version &&
        LastCompVersion == other.LastCompVersion && BootCpuIdPhys == other.BootCpuIdPhys &&
        SizeDtStrings == other.SizeDtStrings && SizeDtStruct == other.SizeDtStruct;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FdtHeader other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((int)(TotalSize * 31 + OffDtStruct * 17 + OffDtStrings * 7 + Version));

    /// <summary>Prints the fields as <c>fdtdump</c> does, one per line.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => FormattableString.Invariant(
        $"magic 0x{MagicValue:x}, totalsize 0x{TotalSize:x}, off_dt_struct 0x{OffDtStruct:x}, off_dt_strings 0x{OffDtStrings:x}, off_mem_rsvmap 0x{OffMemRsvmap:x}, version {Version}, last_comp_version {LastCompVersion}, boot_cpuid_phys 0x{BootCpuIdPhys:x}, size_dt_strings 0x{SizeDtStrings:x}, size_dt_struct 0x{SizeDtStruct:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when every field matches.</returns>
    public static bool operator ==(FdtHeader left, FdtHeader right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(FdtHeader left, FdtHeader right) => !left.Equals(right);

    private static uint ReadField(ReadOnlySpan<byte> blob, int offset) => BinaryPrimitives.ReadUInt32BigEndian(blob.Slice(offset, 4));
}
