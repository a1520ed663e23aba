using System.Globalization;
using XenExtRegions.Diagnostics;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>Formatting helpers shared by the renderers.</summary>
internal static class Hex
{
    public static string Of(ulong value) => AddressText.ToHex(value);

    /// <summary>The exclusive end as hex; a bank reaching 2^64 prints 0x10000000000000000.</summary>
    public static string End(MemoryBank bank) =>
        bank.TryGetEnd(out ulong end) ? Of(end) : "0x1" + new string('0', 16);

    /// <summary>The last byte as hex.</summary>
    public static string Last(MemoryBank bank) =>
        bank.Size == 0 ? Of(bank.Start) : Of(unchecked(bank.Start + bank.Size - 1));

    public static string Size(ulong size) => AddressText.FormatSize(size);

    public static string Range(MemoryBank bank) =>
        string.Create(CultureInfo.InvariantCulture, $"{Of(bank.Start)}-{Last(bank)} ({Size(bank.Size)})");
}
