namespace XenExtRegions.ExtendedRegions;

/// <summary>When P1 removes the grant-table window.</summary>
public enum GrantWindowRule
{
    /// <summary>4.16–4.17 and 4.20: always removed, even with size 0 (an inverted range).</summary>
    Always = 0,

    /// <summary>4.18–4.19: skipped when its size is 0 (commit 21ec0c4226).</summary>
    SkipWhenEmpty,

    /// <summary>4.21+: removed only when grant tables are compiled in (commit c9205a01f7).</summary>
    WhenGrantTablesCompiledIn,
}
