using System;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>A fact Xen's boot scan would log or act on: what, how serious, where.</summary>
public readonly struct BootScanDiagnostic : IEquatable<BootScanDiagnostic>
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="id">Stable identifier (also the log event id).</param>
    /// <param name="level">Severity.</param>
    /// <param name="nodePath">The node concerned (or <c>/memreserve/</c>).</param>
    /// <param name="message">A sentence for people.</param>
    public BootScanDiagnostic(BootScanDiagnosticId id, LogLevel level, string nodePath, string message)
    {
        Id = id;
        Level = level;
        NodePath = nodePath ?? string.Empty;
        Message = message ?? string.Empty;
    }

    /// <summary>Stable identifier.</summary>
    public BootScanDiagnosticId Id { get; }

    /// <summary>Severity.</summary>
    public LogLevel Level { get; }

    /// <summary>The node concerned.</summary>
    public string NodePath { get; }

    /// <summary>A sentence for people.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(BootScanDiagnostic other) =>
        Id == other.Id && Level == other.Level && string.Equals(NodePath, other.NodePath, StringComparison.Ordinal) &&
        string.Equals(Message, other.Message, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BootScanDiagnostic other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Id * 397) ^ (NodePath?.GetHashCode() ?? 0);

    /// <summary>Prints level, id and message.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => FormattableString.Invariant($"{Level} XB{(int)Id}: {Message}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(BootScanDiagnostic left, BootScanDiagnostic right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(BootScanDiagnostic left, BootScanDiagnostic right) => !left.Equals(right);
}
