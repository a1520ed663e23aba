using System;
using System.Collections.Generic;
using System.Globalization;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>
/// Everything <see cref="XenBootLogParser"/> gathers while it reads, including which domain Xen is building: Xen
/// builds the hardware domain first (create_dom0), then each dom0less domain in <c>/chosen</c> order
/// (create_domUs), one at a time, so a line without a domain name belongs to the domain being built.
/// </summary>
internal sealed class XenLogReadState
{
    private const int MaxDiagnostics = 500;

    private readonly List<XenLogDomainBuilder> _domains = new();
    private readonly Dictionary<string, XenLogDomainBuilder> _byName = new(StringComparer.Ordinal);
    private readonly List<XenLogDiagnostic> _diagnostics = new();
    private XenLogDomainBuilder? _current;
    private bool _afterBoot; // read only while _current is null, and after the start only EndConstruction, which sets it, nulls _current
    private int _droppedDiagnostics;

    public Version? Version { get; set; }

    public string? VersionText { get; set; }

    public int VersionLineNumber { get; set; }

    /// <summary>True once a full <c>Xen version</c> banner was read (an early banner does not replace it).</summary>
    public bool HasFullBanner { get; set; }

    public string? CommandLine { get; set; }

    public int CommandLineLineNumber { get; set; }

    public bool CommandLineHadXenPrefix { get; set; }

    public bool? IommuEnabled { get; set; }

    public int IommuLineNumber { get; set; }

    public int? IpaBits { get; set; }

    public int IpaBitsLineNumber { get; set; }

    public bool Dom0lessMode { get; set; }

    public int XenLineCount { get; set; }

    public List<MemoryBank> HostRam { get; } = new();

    public List<XenLogReservedLine> ReservedLines { get; } = new();

    public List<PendingModule> PendingModules { get; } = new();

    /// <summary>The last grant-table line, whatever the domain (the historical <see cref="XenBootLog.GrantTable"/>).</summary>
    public MemoryBank? GrantTable { get; set; }

    public List<XenLogExtendedRegion> Regions { get; } = new();

    public List<string> RegionWarnings { get; } = new();

    /// <summary>Adds a diagnostic; after <see cref="MaxDiagnostics"/> they are only counted, so garbage cannot fill memory.</summary>
    public void Diagnose(int lineNumber, string line, string message)
    {
        if (_diagnostics.Count < MaxDiagnostics)
        {
            _diagnostics.Add(new XenLogDiagnostic(lineNumber, line, message));
        }
        else
        {
            _droppedDiagnostics++;
        }
    }

    public IReadOnlyList<XenLogDiagnostic> BuildDiagnostics()
    {
        var list = new List<XenLogDiagnostic>(_diagnostics);
        if (_droppedDiagnostics > 0)
        {
            list.Add(new XenLogDiagnostic(0, string.Empty, FormattableString.Invariant($"{_droppedDiagnostics} more diagnostics not kept")));
        }

        return list;
    }

    /// <summary>The domain of that name (normalised), created in order of first mention.</summary>
    public XenLogDomainBuilder Named(string name)
    {
        if (!_byName.TryGetValue(name, out XenLogDomainBuilder? builder))
        {
            builder = new XenLogDomainBuilder(name);
            _byName.Add(name, builder);
            _domains.Add(builder);
        }

        return builder;
    }

    public XenLogDomainBuilder? Find(string name) => _byName.TryGetValue(name, out XenLogDomainBuilder? b) ? b : null;

    /// <summary>A line names the domain being built: it becomes the current one (a domU waiting for its id gets it).</summary>
    public XenLogDomainBuilder Construct(string name)
    {
        XenLogDomainBuilder target = Named(name);
        if (_current is { Name: null } pending)
        {
            target.MergeFrom(pending);
        }

        _current = target;
        return target;
    }

    /// <summary><c>*** LOADING DOMAIN 0 ***</c>.</summary>
    public void StartDom0(int lineNumber) => Construct("d0").Touch(lineNumber);

    /// <summary><c>*** LOADING DOMU … ***</c>: a domU whose id comes with its next named line.</summary>
    public void StartDomU(int lineNumber)
    {
        DropPending();
        _current = new XenLogDomainBuilder(null);
        _current.Touch(lineNumber);
    }

    /// <summary><c>Freed …kB init memory</c>: boot is over, no domain is being built.</summary>
    public void EndConstruction()
    {
        DropPending();
        _current = null;
        _afterBoot = true;
    }

    /// <summary>The domain a line without a name belongs to: the one being built, else Dom0 (null in dom0less mode).</summary>
    public XenLogDomainBuilder? Current(int lineNumber, string line)
    {
        if (_current is not null)
        {
            return _current;
        }

        if (_afterBoot)
        {
            Diagnose(lineNumber, line, "after 'Freed …kB init memory' no domain is being built: cannot tell which domain this line belongs to; ignored");
            return null;
        }

        if (Dom0lessMode)
        {
            Diagnose(lineNumber, line, "in dom0less mode and no domain is being built here: cannot tell which domain this line belongs to; ignored");
            return null;
        }

        return _current = Named("d0");
    }

    /// <summary>True while a domU is being built whose id has not been printed yet.</summary>
    public bool HasPendingDomU => _current is { Name: null };

    public IReadOnlyList<XenLogDomain> BuildDomains()
    {
        DropPending();
        var list = new List<XenLogDomain>(_domains.Count);
        foreach (XenLogDomainBuilder b in _domains)
        {
            list.Add(b.Build(b.Name!));
        }

        return list;
    }

    /// <summary>Normalises <c>dom0</c>, <c>Dom0</c>, <c>(d1)</c>, <c>d01</c> to Xen's <c>d0</c>, <c>d1</c>.</summary>
    public static string NormaliseDomain(string text)
    {
        string t = text.Trim('(', ')', ':', ' ').ToLowerInvariant();
        string? digits = t.StartsWith("dom", StringComparison.Ordinal) ? t.Substring(3)
            : t.StartsWith("d", StringComparison.Ordinal) ? t.Substring(1)
            : null;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? "d" + id.ToString(CultureInfo.InvariantCulture)
            : t;
    }

    private void DropPending()
    {
        // What a pending domU can hold is listed at MergeFrom; any of it is lost, so say so at its LOADING line.
        if (_current is { Name: null } pending && pending.HasFacts)
        {
            Diagnose(pending.FirstLineNumber, string.Empty, "a dom0less domain was being built from this line but the log never printed its id (dN): its lines were not attributed to any domain");
        }
    }
}

/// <summary>A MODULE line waiting for the release, which decides its end convention.</summary>
internal readonly struct PendingModule
{
    public PendingModule(ulong start, ulong end, string kind, string line, int lineNumber)
    {
        Start = start;
        End = end;
        Kind = kind;
        Line = line;
        LineNumber = lineNumber;
    }

    public ulong Start { get; }

    public ulong End { get; }

    public string Kind { get; }

    public string Line { get; }

    public int LineNumber { get; }
}
