using System;
using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>
/// What a Xen on Arm console log says about memory: the facts Xen printed at boot, read by
/// <see cref="XenBootLogParser"/>. Every address is converted to a <c>(start, size)</c> bank whatever end
/// convention the line used.
/// </summary>
public sealed class XenBootLog
{
    internal XenBootLog(
        Version? version,
        IReadOnlyList<MemoryBank> hostRam,
        IReadOnlyList<MemoryBank> reserved,
        IReadOnlyList<BootModule> modules,
        IReadOnlyList<MemoryBank> dom0Ram,
        MemoryBank? grantTable,
        int? ipaBits,
        IReadOnlyList<XenLogExtendedRegion> extendedRegions,
        IReadOnlyList<string> extendedRegionWarnings,
        IReadOnlyList<XenLogDiagnostic> diagnostics,
        int lineCount)
    {
        Version = version;
        HostRam = hostRam;
        Reserved = reserved;
        Modules = modules;
        Dom0Ram = dom0Ram;
        GrantTable = grantTable;
        IpaBits = ipaBits;
        ExtendedRegions = extendedRegions;
        ExtendedRegionWarnings = extendedRegionWarnings;
        Diagnostics = diagnostics;
        LineCount = lineCount;
    }

    /// <summary>The version of the <c>Xen version X.Y.Z</c> banner, or null when the log has none.</summary>
    public Version? Version { get; }

    /// <summary>Host RAM banks from <c>RAM: start - end</c> lines (inclusive end), kind <see cref="MemoryBankKind.HostRam"/>.</summary>
    public IReadOnlyList<MemoryBank> HostRam { get; }

    /// <summary>Reserved banks from <c>RESVD[n]: start - end</c> lines (inclusive end), kind <see cref="MemoryBankKind.ReservedMemory"/>.</summary>
    public IReadOnlyList<MemoryBank> Reserved { get; }

    /// <summary>
    /// Boot modules from <c>MODULE[n]: start - end kind</c> lines. The end is exclusive before Xen 4.20 and
    /// inclusive from 4.20; the parser decides by the log's version banner (see <see cref="XenBootLogOptions.AssumedVersion"/>).
    /// </summary>
    public IReadOnlyList<BootModule> Modules { get; }

    /// <summary>Dom0's RAM from the <c>BANK[n] start-end (NMB)</c> lines (exclusive end), kind <see cref="MemoryBankKind.DomainRam"/>.</summary>
    public IReadOnlyList<MemoryBank> Dom0Ram { get; }

    /// <summary>Dom0's grant-table window from <c>Grant table range: start-end</c> (exclusive end), or null.</summary>
    public MemoryBank? GrantTable { get; }

    /// <summary>The stage-2 input width from <c>P2M: N-bit IPA …</c>, or null.</summary>
    public int? IpaBits { get; }

    /// <summary>Every <c>extended region i: S-&gt;E</c> line, in log order, for every domain.</summary>
    public IReadOnlyList<XenLogExtendedRegion> ExtendedRegions { get; }

    /// <summary>Xen's warnings about extended regions (<c>failed to allocate extended regions</c>, <c>disabled</c>…), as printed.</summary>
    public IReadOnlyList<string> ExtendedRegionWarnings { get; }

    /// <summary>Lines recognised as Xen's but unreadable, and notes on assumptions made.</summary>
    public IReadOnlyList<XenLogDiagnostic> Diagnostics { get; }

    /// <summary>The number of lines read.</summary>
    public int LineCount { get; }

    /// <summary>True when the log says something about Dom0's extended regions (a region line or a warning).</summary>
    public bool HasDom0ExtendedRegionVerdict
    {
        get
        {
            foreach (XenLogExtendedRegion r in ExtendedRegions)
            {
                if (r.IsDom0)
                {
                    return true;
                }
            }

            return ExtendedRegionWarnings.Count > 0;
        }
    }

    /// <summary>Dom0's extended regions (domain <c>d0</c> or unnamed) as banks of kind <see cref="MemoryBankKind.ExtendedRegion"/>, in log order.</summary>
    /// <returns>The regions.</returns>
    public IReadOnlyList<MemoryBank> GetDom0ExtendedRegions()
    {
        var list = new List<MemoryBank>();
        foreach (XenLogExtendedRegion r in ExtendedRegions)
        {
            if (r.IsDom0)
            {
                list.Add(new MemoryBank(r.Start, r.Size, MemoryBankKind.ExtendedRegion, FormattableString.Invariant($"log line {r.LineNumber}")));
            }
        }

        return list;
    }
}
