using System;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// Says how two blobs of the same tree differ byte for byte, as named classes; what no class explains is reported
/// as unexplained, and the cross-checks fail on it.
/// </summary>
internal static class DtbLayoutComparison
{
    /// <summary>
    /// Only the strings block's layout differs (and with it the name offsets in the structure block, the strings
    /// block's size and the total size): libfdt keeps the base's block as dtc wrote it and appends each name a merge
    /// brings that the block does not hold yet, whole or as the tail of a longer name; our writer lays the block out
    /// afresh from the merged tree. Checked, not assumed: the expected block must be the base's followed by new names.
    /// </summary>
    public const string StringsLayout = "strings-layout";

    /// <summary>
    /// Only alignment padding in the structure block differs: libfdt leaves whatever bytes were there after a value
    /// or node name it shortened or moved, while our writer (as dtc) writes zeros. Checked: every other structure
    /// byte is equal and our padding is all zero.
    /// </summary>
    public const string StalePadding = "stale-padding";

    /// <summary>Explains how <paramref name="actual"/> differs from <paramref name="expected"/>, fdtoverlay's result on <paramref name="baseBlob"/>.</summary>
    public static (IReadOnlyList<string> Classes, IReadOnlyList<string> Unexplained) Explain(byte[] expected, byte[] actual, byte[] baseBlob)
    {
        var classes = new List<string>();
        var unexplained = new List<string>();
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return (classes, unexplained);
        }

        FdtHeader e = FdtHeader.Read(expected);
        FdtHeader a = FdtHeader.Read(actual);
        void Same(string field, uint x, uint y)
        {
            if (x != y)
            {
                unexplained.Add(FormattableString.Invariant($"header {field}: 0x{x:x} vs 0x{y:x}"));
            }
        }

        Same("version", e.Version, a.Version);
        Same("last_comp_version", e.LastCompVersion, a.LastCompVersion);
        Same("boot_cpuid_phys", e.BootCpuIdPhys, a.BootCpuIdPhys);
        Same("off_mem_rsvmap", e.OffMemRsvmap, a.OffMemRsvmap);
        Same("off_dt_struct", e.OffDtStruct, a.OffDtStruct);
        Same("size_dt_struct", e.SizeDtStruct, a.SizeDtStruct);
        Same("off_dt_strings", e.OffDtStrings, a.OffDtStrings);
        if (!Slice(expected, e.OffMemRsvmap, e.OffDtStruct - e.OffMemRsvmap).SequenceEqual(Slice(actual, a.OffMemRsvmap, a.OffDtStruct - a.OffMemRsvmap)))
        {
            unexplained.Add("memory reservation block");
        }

        bool sameStrings = Slice(expected, e.OffDtStrings, e.SizeDtStrings).SequenceEqual(Slice(actual, a.OffDtStrings, a.SizeDtStrings));
        bool sameStruct = Slice(expected, e.OffDtStruct, e.SizeDtStruct).SequenceEqual(Slice(actual, a.OffDtStruct, a.SizeDtStruct));
        string? tokenDifference = FirstTokenDifference(expected, actual);
        if (tokenDifference is not null)
        {
            unexplained.Add(tokenDifference);
        }
        else if (!sameStrings)
        {
            // Same tokens, names and values: only name offsets can differ in the structure block.
            string? notAppended = NotBaseThenAppended(expected, e, baseBlob);
            if (notAppended is null)
            {
                classes.Add(StringsLayout);
            }
            else
            {
                unexplained.Add(notAppended);
            }
        }
        else if (!sameStruct)
        {
            if (DiffersOnlyInPadding(expected, actual, e, a))
            {
                classes.Add(StalePadding);
            }
            else
            {
                unexplained.Add("structure block bytes differ with the same tokens and the same strings block");
            }
        }

        if (e.TotalSize - e.SizeDtStrings != a.TotalSize - a.SizeDtStrings)
        {
            unexplained.Add(FormattableString.Invariant($"totalsize 0x{e.TotalSize:x} vs 0x{a.TotalSize:x} beyond the strings block (free space or padding)"));
        }

        return (classes, unexplained);
    }

    // libfdt's rule for the expected block: the base's block unchanged, then names it did not hold, each once.
    private static string? NotBaseThenAppended(byte[] expected, FdtHeader e, byte[] baseBlob)
    {
        FdtHeader b = FdtHeader.Read(baseBlob);
        ReadOnlySpan<byte> baseStrings = Slice(baseBlob, b.OffDtStrings, b.SizeDtStrings);
        ReadOnlySpan<byte> strings = Slice(expected, e.OffDtStrings, e.SizeDtStrings);
        if (!strings.StartsWith(baseStrings))
        {
            return "strings block: the expected one does not start with the base's";
        }

        ReadOnlySpan<byte> added = strings.Slice(baseStrings.Length);
        while (!added.IsEmpty)
        {
            int end = added.IndexOf((byte)0);
            if (end <= 0)
            {
                return "strings block: the appended part is not a list of names";
            }

            ReadOnlySpan<byte> name = added.Slice(0, end + 1);
            if (baseStrings.IndexOf(name) >= 0)
            {
                return "strings block: a name appended although the base's block held it";
            }

            added = added.Slice(end + 1);
        }

        return null;
    }

    private static ReadOnlySpan<byte> Slice(byte[] blob, uint offset, uint length) => blob.AsSpan((int)offset, (int)length);

    // Same tokens at the same offsets (checked before): blank the padding after each node name and property value in
    // a copy of the expected block; it must then equal ours, and ours must hold zeros there.
    private static bool DiffersOnlyInPadding(byte[] expected, byte[] actual, FdtHeader e, FdtHeader a)
    {
        byte[] blanked = (byte[])expected.Clone();
        var reader = new FdtReader(actual);
        while (reader.Read())
        {
            int start, end;
            if (reader.TokenType == FdtToken.BeginNode)
            {
                start = reader.TokenOffset + 4 + reader.NodeName.Length + 1;
            }
            else if (reader.TokenType == FdtToken.Prop)
            {
                start = reader.TokenOffset + 12 + reader.PropertyValue.Length;
            }
            else
            {
                continue;
            }

            end = (start + 3) & ~3;
            for (int i = start; i < end; i++)
            {
                int at = i - (int)a.OffDtStruct + (int)e.OffDtStruct;
                if (actual[i] != 0)
                {
                    return false;
                }

                blanked[at] = 0;
            }
        }

        return Slice(blanked, e.OffDtStruct, e.SizeDtStruct).SequenceEqual(Slice(actual, a.OffDtStruct, a.SizeDtStruct));
    }

    // The structure blocks token by token, with property names resolved (NOPs would show as a size difference).
    private static string? FirstTokenDifference(byte[] expected, byte[] actual)
    {
        var e = new FdtReader(expected);
        var a = new FdtReader(actual);
        int index = 0;
        while (true)
        {
            bool more = e.Read();
            if (more != a.Read())
            {
                return $"token {index}: one structure block ends first";
            }

            if (!more)
            {
                return null;
            }

            if (e.TokenType != a.TokenType || e.TokenOffset != a.TokenOffset
                || !e.NodeName.SequenceEqual(a.NodeName) || !e.PropertyName.SequenceEqual(a.PropertyName)
                || !e.PropertyValue.SequenceEqual(a.PropertyValue))
            {
                return FormattableString.Invariant($"token {index} at 0x{e.TokenOffset:x}: {Describe(e)} vs {Describe(a)}");
            }

            index++;
        }
    }

    private static string Describe(FdtReader reader) => reader.TokenType switch
    {
        FdtToken.BeginNode => "node '" + Encoding.UTF8.GetString(reader.NodeName.ToArray()) + "'",
        FdtToken.Prop => "property '" + Encoding.UTF8.GetString(reader.PropertyName.ToArray()) + "' of " + reader.PropertyValue.Length + " bytes",
        _ => reader.TokenType.ToString(),
    };
}
