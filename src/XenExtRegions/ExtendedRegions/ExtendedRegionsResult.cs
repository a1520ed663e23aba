using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>What a Xen release (or libxl) advertises for a domain, how it got there, and what it printed.</summary>
public sealed class ExtendedRegionsResult
{
    internal ExtendedRegionsResult(
        ExtendedRegionsInput input,
        ProducerKind producer,
        ExtendedRegionsOutcome outcome,
        XenError error,
        string? culprit,
        IReadOnlyList<MemoryBank> regions,
        IReadOnlyList<XenLogLine> logLines,
        IReadOnlyList<FreeRangeFate> explanation,
        IReadOnlyList<EngineDiagnostic> diagnostics)
    {
        Input = input;
        Release = input.Release;
        Producer = producer;
        Outcome = outcome;
        Error = error;
        Culprit = culprit;
        Regions = regions;
        LogLines = logLines;
        Explanation = explanation;
        Diagnostics = diagnostics;
        GrantWindow = input.EffectiveGrantWindow;
    }

    /// <summary>The input the result was computed from.</summary>
    public ExtendedRegionsInput Input { get; }

    /// <summary>The release reproduced.</summary>
    public XenRelease Release { get; }

    /// <summary>The producer that ran.</summary>
    public ProducerKind Producer { get; }

    /// <summary>How it ended.</summary>
    public ExtendedRegionsOutcome Outcome { get; }

    /// <summary>The producer's error (<see cref="XenError.None"/> when regions were found or none was looked for).</summary>
    public XenError Error { get; }

    /// <summary>
    /// What the producer returns, as a number: 0, or Xen's negative errno (-2 ENOENT when nothing was found, -22 EINVAL
    /// for an entry that cannot be decoded, -34 ERANGE for a PCI range past 2^64). For a toolstack domain libxl returns
    /// 0 even when nothing was found. (libxl's own ERROR_INVAL, -6, for a <c>gpaddr_bits</c> above 64 never shows here:
    /// <see cref="ExtendedRegionsEngine"/> refuses such an input before any producer runs.)
    /// </summary>
    public int ReturnCode => Error.ToErrno();

    /// <summary>The node path or range responsible for a failure, else null.</summary>
    public string? Culprit { get; }

    /// <summary>Region 0 of the <c>reg</c> property: the grant-table window.</summary>
    public MemoryBank GrantWindow { get; }

    /// <summary>The extended regions (reg entries 1..N), in the order advertised.</summary>
    public IReadOnlyList<MemoryBank> Regions { get; }

    /// <summary>The lines Xen or libxl prints, in order.</summary>
    public IReadOnlyList<XenLogLine> LogLines { get; }

    /// <summary>Every free range the producer saw and what became of it.</summary>
    public IReadOnlyList<FreeRangeFate> Explanation { get; }

    /// <summary>The engine's findings (undefined behaviour met, historic bugs triggered, lists full…).</summary>
    public IReadOnlyList<EngineDiagnostic> Diagnostics { get; }
}
