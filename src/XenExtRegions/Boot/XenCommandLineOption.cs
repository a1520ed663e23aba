using System;

namespace XenExtRegions.Boot;

/// <summary>One whitespace-separated option of Xen's command line, split as Xen's <c>parse_params</c> splits it.</summary>
public readonly struct XenCommandLineOption : IEquatable<XenCommandLineOption>
{
    /// <summary>Creates an option.</summary>
    /// <param name="name">The option name without a <c>no-</c> prefix.</param>
    /// <param name="value">The text after the first <c>=</c>, or null when there is none.</param>
    /// <param name="negated">True when the option was written with Xen's <c>no-</c> prefix.</param>
    public XenCommandLineOption(string name, string? value, bool negated)
    {
        Name = name ?? string.Empty;
        Value = value;
        Negated = negated;
    }

    /// <summary>The option name without a <c>no-</c> prefix, e.g. <c>ext_regions</c>.</summary>
    public string Name { get; }

    /// <summary>The text after the first <c>=</c>, or null when the option has none.</summary>
    public string? Value { get; }

    /// <summary>True when written as <c>no-NAME</c>.</summary>
    public bool Negated { get; }

    /// <inheritdoc/>
    public bool Equals(XenCommandLineOption other) =>
        string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal) && Negated == other.Negated;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XenCommandLineOption other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name) ^ (Negated ? 1 : 0);

    /// <summary>The option as written on a command line.</summary>
    /// <returns>For example <c>no-ext_regions</c> or <c>dom0_mem=512M</c>.</returns>
    public override string ToString() => (Negated ? "no-" : string.Empty) + Name + (Value is null ? string.Empty : "=" + Value);

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when name, value and prefix match.</returns>
    public static bool operator ==(XenCommandLineOption left, XenCommandLineOption right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(XenCommandLineOption left, XenCommandLineOption right) => !left.Equals(right);
}
