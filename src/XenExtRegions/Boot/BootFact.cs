using System;

namespace XenExtRegions.Boot;

/// <summary>One input of a boot analysis as a person reads it, with where it came from.</summary>
public readonly struct BootFact : IEquatable<BootFact>
{
    /// <summary>Creates a fact.</summary>
    /// <param name="name">What the fact is, e.g. <c>IOMMU</c>.</param>
    /// <param name="value">Its value as text, e.g. <c>on</c>.</param>
    /// <param name="origin">Where it came from.</param>
    /// <param name="source">Where exactly: a node path and property, <c>log line 57</c>, an option name, or why a default was taken.</param>
    public BootFact(string name, string value, BootFactOrigin origin, string source)
    {
        Name = name ?? string.Empty;
        Value = value ?? string.Empty;
        Origin = origin;
        Source = source ?? string.Empty;
    }

    /// <summary>What the fact is.</summary>
    public string Name { get; }

    /// <summary>Its value as text.</summary>
    public string Value { get; }

    /// <summary>Where it came from.</summary>
    public BootFactOrigin Origin { get; }

    /// <summary>Where exactly (node path, log line, option), or why a default was taken.</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public bool Equals(BootFact other) =>
        string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal)
        && Origin == other.Origin && string.Equals(Source, other.Source, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BootFact other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name) ^ StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The fact as one line.</summary>
    /// <returns>For example <c>IOMMU: on (boot log: log line 57)</c>.</returns>
    public override string ToString() => Name + ": " + Value + " (" + Origin + ": " + Source + ")";

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when all fields match.</returns>
    public static bool operator ==(BootFact left, BootFact right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(BootFact left, BootFact right) => !left.Equals(right);
}
