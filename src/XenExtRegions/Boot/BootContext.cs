using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Boot;

/// <summary>The state of one boot analysis while it runs: the inputs, the facts decided so far and the findings.</summary>
internal sealed class BootContext
{
    public BootContext(BootAnalysisInput input)
    {
        Input = input;
    }

    public BootAnalysisInput Input { get; }

    public DeviceTree Tree => Input.HostTree;

    public XenExtRegions.XenLog.XenBootLog? Log => Input.Log;

    public XenRelease Release { get; set; } = XenRelease.Latest;

    public XenCommandLine CommandLine { get; set; } = XenCommandLine.Parse(null);

    public BootFacts HostFacts { get; set; } = null!;

    public IReadOnlyList<IommuNode> IommuNodes { get; set; } = [];

    public bool IommuEnabled { get; set; }

    public bool ExtendedRegionsEnabled { get; set; } = true;

    public int IpaBits { get; set; } = 40;

    public IReadOnlyList<MemoryBank> HostRam { get; set; } = [];

    public IReadOnlyList<MemoryBank> ReservedMemory { get; set; } = [];

    public List<BootFact> Facts { get; } = new();

    /// <summary>Host RAM as a set, built once for every domain's bank checks (after <see cref="HostRam"/> is decided).</summary>
    public XenExtRegions.Ranges.RangeSet HostRamSet => _hostRamSet ??= SetOf(HostRam);

    /// <summary>Reserved memory as a set, built once (after <see cref="ReservedMemory"/> is decided).</summary>
    public XenExtRegions.Ranges.RangeSet ReservedSet => _reservedSet ??= SetOf(ReservedMemory);

    private XenExtRegions.Ranges.RangeSet? _hostRamSet;
    private XenExtRegions.Ranges.RangeSet? _reservedSet;

    private static XenExtRegions.Ranges.RangeSet SetOf(IReadOnlyList<MemoryBank> banks)
    {
        var set = new XenExtRegions.Ranges.RangeSet();
        foreach (MemoryBank b in banks)
        {
            if (b.TryGetRange(out XenExtRegions.Ranges.AddressRange r))
            {
                set.Add(r);
            }
        }

        return set;
    }

    public List<BootFinding> Findings { get; } = new();

    /// <summary>Where the command line Xen used came from (its fact), once decided.</summary>
    public BootFact CommandLineFact { get; set; }

    public BootFact Fact(string name, string value, BootFactOrigin origin, string source)
    {
        var fact = new BootFact(name, value, origin, source);
        Facts.Add(fact);
        return fact;
    }

    public void Finding(BootFindingId id, BootFindingSeverity severity, string? domain, string message) =>
        Findings.Add(new BootFinding(id, severity, domain, message));

    /// <summary>The source text of a log line, e.g. <c>boot.log line 57</c>.</summary>
    public string LogLine(int line) => line > 0 ? Input.LogName + " line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : Input.LogName;

    /// <summary>A log reader's bank source (<c>log line 57</c>) with the log's name, e.g. <c>boot.log line 57</c>.</summary>
    public string LogSource(string? source) =>
        source is not null && source.StartsWith("log line ", System.StringComparison.Ordinal) ? Input.LogName + source.Remove(0, 3) : source ?? Input.LogName;

    /// <summary>The source text of a tree location, e.g. <c>host.dtb /chosen xen,xen-bootargs</c>.</summary>
    public string TreePlace(string path, string? property = null) => Input.HostTreeName + " " + path + (property is null ? string.Empty : " " + property);

    /// <summary>A 32-bit domain is known only from Xen's own line; everything else is taken as 64-bit.</summary>
    public DomainWidth WidthFromLog(XenExtRegions.XenLog.XenLogDomain? logged, List<BootFact> facts)
    {
        if (logged?.Outcome == XenExtRegions.XenLog.XenLogRegionsOutcome.Unsupported32Bit)
        {
            facts.Add(new BootFact("width", "32-bit", BootFactOrigin.BootLog, LogLine(logged.OutcomeLineNumber)));
            return DomainWidth.Bits32;
        }

        return DomainWidth.Bits64;
    }
}
