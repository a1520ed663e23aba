using System.Globalization;

namespace XenExtRegions.Boot;

/// <summary>Something a boot analysis noticed: a disagreement between tree and log, an impossible input, a missing fact.</summary>
public sealed class BootFinding
{
    /// <summary>Creates a finding.</summary>
    /// <param name="id">The stable identifier.</param>
    /// <param name="severity">How serious it is.</param>
    /// <param name="domain">The domain it concerns (<c>d0</c>…), or null for the whole boot.</param>
    /// <param name="message">What, and where (node path, log line, option).</param>
    public BootFinding(BootFindingId id, BootFindingSeverity severity, string? domain, string message)
    {
        Id = id;
        Severity = severity;
        Domain = domain;
        Message = message ?? string.Empty;
    }

    /// <summary>The stable identifier.</summary>
    public BootFindingId Id { get; }

    /// <summary>How serious it is.</summary>
    public BootFindingSeverity Severity { get; }

    /// <summary>The domain it concerns, or null.</summary>
    public string? Domain { get; }

    /// <summary>What, and where.</summary>
    public string Message { get; }

    /// <summary>The stable code, e.g. <c>XRB7005</c>.</summary>
    public string Code => "XRB" + ((int)Id).ToString(CultureInfo.InvariantCulture);

    /// <summary>One line: code, domain and message.</summary>
    /// <returns>For example <c>XRB7005: host tree has no usable memory node …</c>.</returns>
    public override string ToString() => Code + ": " + (Domain is null ? string.Empty : Domain + ": ") + Message;
}
