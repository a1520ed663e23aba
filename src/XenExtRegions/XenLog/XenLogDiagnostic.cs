using System;

namespace XenExtRegions.XenLog;

/// <summary>A log line the parser recognised as one of Xen's but could not read, or a note on how it read the log.</summary>
public readonly struct XenLogDiagnostic : IEquatable<XenLogDiagnostic>
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="lineNumber">The 1-based line number, or 0 for a note about the whole log.</param>
    /// <param name="line">The line's text (without its console prefixes), or empty.</param>
    /// <param name="message">What is wrong or what was assumed.</param>
    public XenLogDiagnostic(int lineNumber, string line, string message)
    {
        LineNumber = lineNumber;
        Line = line ?? string.Empty;
        Message = message ?? string.Empty;
    }

    /// <summary>The 1-based line number, or 0 for a note about the whole log.</summary>
    public int LineNumber { get; }

    /// <summary>The line's text without its console prefixes.</summary>
    public string Line { get; }

    /// <summary>What is wrong or what was assumed.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(XenLogDiagnostic other) =>
        LineNumber == other.LineNumber && string.Equals(Line, other.Line, StringComparison.Ordinal)
        && string.Equals(Message, other.Message, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XenLogDiagnostic other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (LineNumber * 397) ^ StringComparer.Ordinal.GetHashCode(Message);

    /// <summary>Prints <c>line N: message</c>.</summary>
    /// <returns>The diagnostic as text.</returns>
    public override string ToString() => LineNumber == 0
        ? Message
        : FormattableString.Invariant($"line {LineNumber}: {Message}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when all fields match.</returns>
    public static bool operator ==(XenLogDiagnostic left, XenLogDiagnostic right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(XenLogDiagnostic left, XenLogDiagnostic right) => !left.Equals(right);
}
