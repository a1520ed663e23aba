using System.IO;
using System.Reflection;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Boards;

/// <summary>
/// The embedded sample board (Renesas Salvator-X H3) and its Dom0 defaults, which a host
/// tree does not carry: Dom0 RAM comes from Xen's allocator, the grant window from where Xen's image sits.
/// </summary>
internal static class SampleBoard
{
    public const string Name = "embedded sample board (Renesas Salvator-X H3)";

    /// <summary>Where <see cref="Dom0Ram"/> comes from, as the boot table and the pictures print it.</summary>
    public const string DefaultRamSource = "sample board default: where Xen's allocator puts Dom0 on this board (--dom0-bank gives yours)";

    /// <summary>Where <see cref="GrantTable"/> comes from, as the boot table and the pictures print it.</summary>
    public const string DefaultGrantTableSource = "sample board default: 64 frames at Xen's _stext on this board (--gnttab gives yours)";

    private const string ResourceName = "XenExtRegions.Cli.Boards.salvator-x-h3.dts";

    /// <summary>Dom0 RAM on this board: [0x60000000, 0x6fffffff].</summary>
    public static MemoryBank Dom0Ram => new(0x60000000, 0x10000000, MemoryBankKind.DomainRam, DefaultRamSource);

    /// <summary>Grant window on this board: 64 frames at Xen's _stext, [0x78080000, 0x780bffff].</summary>
    public static MemoryBank GrantTable => new(0x78080000, 0x40000, MemoryBankKind.GrantTable, DefaultGrantTableSource);

    /// <summary>The board's DTS text.</summary>
    public static string ReadDts()
    {
        using Stream stream = typeof(SampleBoard).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new FileNotFoundException("The embedded sample board is missing from the tool's resources.", ResourceName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
