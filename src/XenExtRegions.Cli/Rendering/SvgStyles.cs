namespace XenExtRegions.Cli.Rendering;

/// <summary>Each lane's name, colours, and the word for several of its ranges ("12 windows").</summary>
internal static class SvgStyles
{
    public static (string Name, string Fill, string Stroke, string Plural) Of(MapLayer layer) => layer switch
    {
        MapLayer.HostRam => ("Host RAM", "#c8e6c9", "#2e7d32", "banks"),
        MapLayer.Reserved => ("Reserved memory", "#ffcc80", "#e65100", "ranges"),
        MapLayer.Module => ("Boot modules", "#e1bee7", "#7b1fa2", "modules"),
        MapLayer.DomainRam => ("Domain RAM", "#90caf9", "#1565c0", "banks"),
        MapLayer.GrantTable => ("Grant table", "#f48fb1", "#ad1457", "windows"),
        MapLayer.Mmio => ("Device reg windows", "#cfd8dc", "#455a64", "windows"),
        MapLayer.PciAperture => ("PCI apertures", "#80cbc4", "#00695c", "apertures"),
        MapLayer.Exclusion => ("User exclusions", "#ef9a9a", "#b71c1c", "ranges"),
        _ => ("Extended regions", "#ffd54f", "#e65100", "regions"),
    };
}
