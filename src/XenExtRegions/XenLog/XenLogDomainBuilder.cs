using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>The facts gathered for one domain while a log is read; <see cref="Name"/> is null for a domU whose id is not printed yet.</summary>
internal sealed class XenLogDomainBuilder
{
    private readonly List<int> _lines = new();

    public XenLogDomainBuilder(string? name)
    {
        Name = name;
    }

    public string? Name { get; }

    public List<MemoryBank> Ram { get; } = new();

    public List<MemoryBank> StaticMemory { get; } = new();

    public bool? DirectMapped { get; set; }

    public ulong? AllocatedMiB { get; set; }

    public MemoryBank? GrantTable { get; set; }

    public List<XenLogExtendedRegion> Regions { get; } = new();

    public XenLogRegionsOutcome? Message { get; private set; }

    public int MessageLineNumber { get; private set; }

    public List<string> ProducerErrors { get; } = new();

    /// <summary>The first line attributed to the domain: asked only of a pending domU, whose LOADING line touched it.</summary>
    public int FirstLineNumber => _lines[0];

    /// <summary>True when a line gave the domain any fact (not only its LOADING line).</summary>
    public bool HasFacts => Ram.Count > 0 || ProducerErrors.Count > 0 || AllocatedMiB is not null || GrantTable is not null || DirectMapped is not null;

    public void Touch(int lineNumber)
    {
        if (_lines.Count == 0 || _lines[_lines.Count - 1] != lineNumber)
        {
            _lines.Add(lineNumber);
        }
    }

    /// <summary>Records an outcome message; the first one stays (a second boot in the same file does not overwrite it).</summary>
    public bool TrySetMessage(XenLogRegionsOutcome outcome, int lineNumber)
    {
        if (Message is not null)
        {
            return false;
        }

        Message = outcome;
        MessageLineNumber = lineNumber;
        return true;
    }

    /// <summary>
    /// Takes over what was gathered for a domU before its id was printed: only unnamed lines reach it (BANK,
    /// allocation, grant table, producer errors); STATIC BANK, region and outcome lines always go to a named domain.
    /// </summary>
    public void MergeFrom(XenLogDomainBuilder other)
    {
        Ram.AddRange(other.Ram);
        DirectMapped ??= other.DirectMapped;
        AllocatedMiB ??= other.AllocatedMiB;
        GrantTable ??= other.GrantTable;
        ProducerErrors.AddRange(other.ProducerErrors);
        foreach (int line in other._lines)
        {
            Touch(line);
        }
    }

    public XenLogDomain Build(string name)
    {
        XenLogRegionsOutcome outcome = XenLogRegionsOutcome.NotInLog;
        int line = 0;
        if (Message is { } message)
        {
            outcome = message;
            line = MessageLineNumber;
        }
        else if (Regions.Count > 0)
        {
            outcome = XenLogRegionsOutcome.Found;
            line = Regions[0].LineNumber;
        }

        var lines = new List<int>(_lines);
        lines.Sort();
        return new XenLogDomain(
            name,
            Ram.ToArray(),
            StaticMemory.ToArray(),
            DirectMapped,
            AllocatedMiB,
            GrantTable,
            Regions.ToArray(),
            outcome,
            line,
            ProducerErrors.ToArray(),
            lines.ToArray());
    }
}
