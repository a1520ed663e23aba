namespace XenExtRegions.Boot;

/// <summary>Where a fact of a boot analysis came from.</summary>
public enum BootFactOrigin
{
    /// <summary>Nothing said it: Xen's default (or ours, where Xen's cannot be known) was taken.</summary>
    Default = 0,

    /// <summary>The host device tree (a node path says where).</summary>
    HostTree,

    /// <summary>Xen's boot log (a line number says where).</summary>
    BootLog,

    /// <summary>The caller (a command-line option of the tool).</summary>
    Option,

    /// <summary>Deduced from other facts (the source says from what).</summary>
    Inferred,
}
