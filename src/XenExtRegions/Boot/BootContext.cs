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
        Log = input.Log is null ? null : BootLogView.From(input.Log);
    }

    public BootAnalysisInput Input { get; }

    public DeviceTree Tree => Input.HostTree;

    public BootLogView? Log { get; }

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

    public List<BootFinding> Findings { get; } = new();

    public void Fact(string name, string value, BootFactOrigin origin, string source) => Facts.Add(new BootFact(name, value, origin, source));

    public void Finding(BootFindingId id, BootFindingSeverity severity, string? domain, string message) =>
        Findings.Add(new BootFinding(id, severity, domain, message));

    /// <summary>The source text of a log line, e.g. <c>boot.log line 57</c>.</summary>
    public string LogLine(int line) => line > 0 ? Input.LogName + " line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : Input.LogName;

    /// <summary>A log reader's bank source (<c>log line 57</c>) with the log's name, e.g. <c>boot.log line 57</c>.</summary>
    public string LogSource(string? source) =>
        source is not null && source.StartsWith("log line ", System.StringComparison.Ordinal) ? Input.LogName + source.Remove(0, 3) : source ?? Input.LogName;

    /// <summary>The source text of a tree location, e.g. <c>host.dtb /chosen xen,xen-bootargs</c>.</summary>
    public string TreePlace(string path, string? property = null) => Input.HostTreeName + " " + path + (property is null ? string.Empty : " " + property);
}
