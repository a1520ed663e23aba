using System;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>A fact the address decoder noticed: what, how serious, where.</summary>
public readonly struct AddressDiagnostic : IEquatable<AddressDiagnostic>
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="id">Stable identifier (also the log event id).</param>
    /// <param name="level">Severity.</param>
    /// <param name="nodePath">The node concerned.</param>
    /// <param name="index">Entry index, or -1.</param>
    /// <param name="message">A sentence for people.</param>
    public AddressDiagnostic(AddressDiagnosticId id, LogLevel level, string nodePath, int index, string message)
    {
        Id = id;
        Level = level;
        NodePath = nodePath ?? string.Empty;
        Index = index;
        Message = message ?? string.Empty;
    }

    /// <summary>Stable identifier.</summary>
    public AddressDiagnosticId Id { get; }

    /// <summary>Severity.</summary>
    public LogLevel Level { get; }

    /// <summary>The node concerned.</summary>
    public string NodePath { get; }

    /// <summary>Entry index, or -1.</summary>
    public int Index { get; }

    /// <summary>A sentence for people.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(AddressDiagnostic other) =>
        Id == other.Id && Level == other.Level && Index == other.Index &&
        string.Equals(NodePath, other.NodePath, StringComparison.Ordinal) && string.Equals(Message, other.Message, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AddressDiagnostic other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Id * 397) ^ (NodePath?.GetHashCode() ?? 0) ^ Index;

    /// <summary>Prints id, level and message.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => FormattableString.Invariant($"{Level} XA{(int)Id}: {Message}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(AddressDiagnostic left, AddressDiagnostic right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(AddressDiagnostic left, AddressDiagnostic right) => !left.Equals(right);
}
