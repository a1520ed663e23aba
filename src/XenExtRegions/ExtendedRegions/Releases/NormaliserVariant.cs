namespace XenExtRegions.ExtendedRegions;

/// <summary>The three variants of Xen's <c>add_ext_regions</c>.</summary>
public enum NormaliserVariant
{
    /// <summary>4.16–4.17: byte rangeset, the free range's last byte is exact.</summary>
    Bytes = 0,

    /// <summary>4.18.0–4.20.x: frame rangeset with the end taken as the first byte of the last page (2 MiB-short bug).</summary>
    FramesTwoMiBShort,

    /// <summary>4.21+: frame rangeset with the end taken as the last byte of the last page (commit 9b21841fd1).</summary>
    Frames,
}
