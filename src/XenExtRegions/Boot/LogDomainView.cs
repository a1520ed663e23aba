using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>What a boot log says about one domain.</summary>
internal sealed class LogDomainView
{
    public LogDomainView(string name) => Name = name;

    public string Name { get; }

    public List<MemoryBank> Ram { get; } = new();

    public bool? DirectMapped { get; set; }

    public MemoryBank? GrantTable { get; set; }

    public List<MemoryBank> Regions { get; } = new();

    public XenLogRegionsOutcome Outcome { get; set; }

    public int OutcomeLine { get; set; }

    public List<string> ProducerErrors { get; } = new();
}
