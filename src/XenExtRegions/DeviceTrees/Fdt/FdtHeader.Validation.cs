using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>The header checks, in the order libfdt's <c>fdt_check_header</c> makes them, plus alignment and overlap.</summary>
public readonly partial struct FdtHeader
{
    private const int MagicOffset = 0;
    private const int TotalSizeOffset = 4;
    private const int OffDtStructOffset = 8;
    private const int OffDtStringsOffset = 12;
    private const int OffMemRsvmapOffset = 16;
    private const int VersionOffset = 20;
    private const int LastCompVersionOffset = 24;
    private const int BootCpuIdPhysOffset = 28;
    private const int SizeDtStringsOffset = 32;
    private const int SizeDtStructOffset = 36;

    /// <summary>The size of one memory reservation entry (two big-endian u64).</summary>
    internal const int ReservationEntrySize = 16;

    internal static FdtHeaderStatus Parse(ReadOnlySpan<byte> blob, out FdtHeader header, out string problem, out int offset)
    {
        header = default;
        if (blob.Length < 4)
        {
            return Fail(FdtHeaderStatus.Truncated, FormattableString.Invariant($"The blob is {blob.Length} bytes long, too short to hold the magic number."), blob.Length, out problem, out offset);
        }

        uint magic = ReadField(blob, MagicOffset);
        if (magic != Magic)
        {
            return Fail(FdtHeaderStatus.BadMagic, FormattableString.Invariant($"Bad magic number 0x{magic:x8}; a DTB starts with 0xd00dfeed."), MagicOffset, out problem, out offset);
        }

        if (blob.Length < LastCompVersionOffset + 4)
        {
            return Fail(FdtHeaderStatus.Truncated, FormattableString.Invariant($"The blob is {blob.Length} bytes long, too short for a header (at least 28 bytes)."), blob.Length, out problem, out offset);
        }

        uint version = ReadField(blob, VersionOffset);
        uint lastComp = ReadField(blob, LastCompVersionOffset);
        if (version < FirstSupportedVersion)
        {
            return Fail(FdtHeaderStatus.BadVersion, FormattableString.Invariant($"Unsupported version {version}; versions {FirstSupportedVersion} to {LastSupportedVersion} are read."), VersionOffset, out problem, out offset);
        }

        if (lastComp > LastSupportedVersion)
        {
            return Fail(FdtHeaderStatus.BadVersion, FormattableString.Invariant($"Unsupported last_comp_version {lastComp}; the blob needs a reader newer than version {LastSupportedVersion}."), LastCompVersionOffset, out problem, out offset);
        }

        if (version < lastComp)
        {
            return Fail(FdtHeaderStatus.BadVersion, FormattableString.Invariant($"The version {version} is older than last_comp_version {lastComp}."), VersionOffset, out problem, out offset);
        }

        int headerSize = HeaderSizeFor(version);
        if (blob.Length < headerSize)
        {
            return Fail(FdtHeaderStatus.Truncated, FormattableString.Invariant($"The blob is {blob.Length} bytes long, too short for a version {version} header ({headerSize} bytes)."), blob.Length, out problem, out offset);
        }

        uint totalSize = ReadField(blob, TotalSizeOffset);
        if (totalSize < (uint)headerSize)
        {
            return Fail(FdtHeaderStatus.BadTotalSize, FormattableString.Invariant($"totalsize {totalSize} is smaller than the {headerSize}-byte header."), TotalSizeOffset, out problem, out offset);
        }

        if (totalSize > (uint)blob.Length)
        {
            return Fail(FdtHeaderStatus.BadTotalSize, FormattableString.Invariant($"totalsize {totalSize} is larger than the {blob.Length} bytes available."), TotalSizeOffset, out problem, out offset);
        }

        uint offStruct = ReadField(blob, OffDtStructOffset);
        uint offStrings = ReadField(blob, OffDtStringsOffset);
        uint offRsvmap = ReadField(blob, OffMemRsvmapOffset);
        uint bootCpu = version >= 2 ? ReadField(blob, BootCpuIdPhysOffset) : 0;

        // The reservation block needs room for at least its terminating entry.
        if (offRsvmap < (uint)headerSize || (ulong)offRsvmap + ReservationEntrySize > totalSize)
        {
            return Fail(FdtHeaderStatus.BadOffset, FormattableString.Invariant($"off_mem_rsvmap 0x{offRsvmap:x} does not leave a reservation block between the header and totalsize 0x{totalSize:x}."), OffMemRsvmapOffset, out problem, out offset);
        }

        if (offRsvmap % 8 != 0)
        {
            return Fail(FdtHeaderStatus.Misaligned, FormattableString.Invariant($"off_mem_rsvmap 0x{offRsvmap:x} is not 8-byte aligned."), OffMemRsvmapOffset, out problem, out offset);
        }

        if (offStruct < (uint)headerSize || offStruct > totalSize)
        {
            return Fail(FdtHeaderStatus.BadOffset, FormattableString.Invariant($"off_dt_struct 0x{offStruct:x} lies outside the blob (header {headerSize} bytes, totalsize 0x{totalSize:x})."), OffDtStructOffset, out problem, out offset);
        }

        if (offStruct % 4 != 0)
        {
            return Fail(FdtHeaderStatus.Misaligned, FormattableString.Invariant($"off_dt_struct 0x{offStruct:x} is not 4-byte aligned."), OffDtStructOffset, out problem, out offset);
        }

        if (offStrings < (uint)headerSize || offStrings > totalSize)
        {
            return Fail(FdtHeaderStatus.BadOffset, FormattableString.Invariant($"off_dt_strings 0x{offStrings:x} lies outside the blob (header {headerSize} bytes, totalsize 0x{totalSize:x})."), OffDtStringsOffset, out problem, out offset);
        }

        uint sizeStrings;
        if (version >= 3)
        {
            sizeStrings = ReadField(blob, SizeDtStringsOffset);
            if (sizeStrings > totalSize - offStrings)
            {
                return Fail(FdtHeaderStatus.BadSize, FormattableString.Invariant($"size_dt_strings 0x{sizeStrings:x} runs past totalsize 0x{totalSize:x} (strings block at 0x{offStrings:x})."), SizeDtStringsOffset, out problem, out offset);
            }
        }
        else
        {
            sizeStrings = NextBlockStart(offStrings, totalSize, offStruct, offRsvmap) - offStrings;
        }

        uint sizeStruct;
        if (version >= 17)
        {
            sizeStruct = ReadField(blob, SizeDtStructOffset);
            if (sizeStruct > totalSize - offStruct)
            {
                return Fail(FdtHeaderStatus.BadSize, FormattableString.Invariant($"size_dt_struct 0x{sizeStruct:x} runs past totalsize 0x{totalSize:x} (structure block at 0x{offStruct:x})."), SizeDtStructOffset, out problem, out offset);
            }
        }
        else
        {
            // Before version 17 the structure block runs to the next block (or totalsize); END marks its real end.
            sizeStruct = NextBlockStart(offStruct, totalSize, sizeStrings > 0 ? offStrings : totalSize, offRsvmap) - offStruct;
        }

        if (Overlaps(offStruct, sizeStruct, offStrings, sizeStrings))
        {
            return Fail(FdtHeaderStatus.Overlap, FormattableString.Invariant($"The structure block [0x{offStruct:x}, 0x{(ulong)offStruct + sizeStruct:x}) and the strings block [0x{offStrings:x}, 0x{(ulong)offStrings + sizeStrings:x}) overlap."), OffDtStringsOffset, out problem, out offset);
        }

        if (Overlaps(offRsvmap, ReservationEntrySize, offStruct, sizeStruct) || Overlaps(offRsvmap, ReservationEntrySize, offStrings, sizeStrings))
        {
            return Fail(FdtHeaderStatus.Overlap, FormattableString.Invariant($"The memory reservation block at 0x{offRsvmap:x} overlaps the structure or strings block."), OffMemRsvmapOffset, out problem, out offset);
        }

        header = new FdtHeader(magic, totalSize, offStruct, offStrings, offRsvmap, version, lastComp, bootCpu, sizeStrings, sizeStruct);
        problem = string.Empty;
        offset = 0;
        return FdtHeaderStatus.Ok;
    }

    /// <summary>The end of the reservation block's room: the nearest block start above it, else totalsize.</summary>
    internal uint ReservationLimit
    {
        get
        {
            uint limit = TotalSize;
            if (OffDtStruct > OffMemRsvmap && OffDtStruct < limit)
            {
                limit = OffDtStruct;
            }

            if (SizeDtStrings > 0 && OffDtStrings > OffMemRsvmap && OffDtStrings < limit)
            {
                limit = OffDtStrings;
            }

            return limit;
        }
    }

    private static uint NextBlockStart(uint start, uint totalSize, uint other1, uint other2)
    {
        uint end = totalSize;
        if (other1 > start && other1 < end)
        {
            end = other1;
        }

        if (other2 > start && other2 < end)
        {
            end = other2;
        }

        return end;
    }

    private static bool Overlaps(uint start1, uint size1, uint start2, uint size2) =>
        size1 > 0 && size2 > 0 && (ulong)start1 < (ulong)start2 + size2 && (ulong)start2 < (ulong)start1 + size1;

    private static FdtHeaderStatus Fail(FdtHeaderStatus status, string message, int at, out string problem, out int offset)
    {
        problem = message;
        offset = at;
        return status;
    }
}
