using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A failed translation: which node and entry, why, and at which node the walk stopped. Xen's P2 fails as a whole
/// on any of these ("Unable to retrieve address &lt;i&gt; for &lt;node&gt;").
/// </summary>
public readonly struct AddressTranslationError : IEquatable<AddressTranslationError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="nodePath">Full path of the node whose entry failed.</param>
    /// <param name="index">Entry index in <c>reg</c>/<c>ranges</c>, or -1 when the whole property failed.</param>
    /// <param name="kind">Whether a <c>reg</c> entry or a PCI range failed.</param>
    /// <param name="reason">Why.</param>
    /// <param name="atNodePath">Node at which the walk stopped (the bus without <c>ranges</c>…).</param>
    /// <param name="message">A sentence for people.</param>
    public AddressTranslationError(string nodePath, int index, AddressItemKind kind, AddressTranslationFailure reason, string atNodePath, string message)
    {
        NodePath = nodePath ?? throw new ArgumentNullException(nameof(nodePath));
        Index = index;
        Kind = kind;
        Reason = reason;
        AtNodePath = atNodePath ?? nodePath;
        Message = message ?? string.Empty;
    }

    /// <summary>Full path of the node whose entry failed.</summary>
    public string NodePath { get; }

    /// <summary>Entry index, or -1 when the whole property failed.</summary>
    public int Index { get; }

    /// <summary>Whether a <c>reg</c> entry or a PCI range failed.</summary>
    public AddressItemKind Kind { get; }

    /// <summary>Why the translation failed.</summary>
    public AddressTranslationFailure Reason { get; }

    /// <summary>The node at which the walk stopped (e.g. the bus lacking <c>ranges</c>).</summary>
    public string AtNodePath { get; }

    /// <summary>A sentence for people, naming node, index and reason.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(AddressTranslationError other) =>
        string.Equals(NodePath, other.NodePath, StringComparison.Ordinal) && Index == other.Index && Kind == other.Kind &&
        Reason == other.Reason && string.Equals(AtNodePath, other.AtNodePath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AddressTranslationError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((NodePath?.GetHashCode() ?? 0) * 397) ^ (Index * 31) ^ (int)Reason;

    /// <summary>The message.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(AddressTranslationError left, AddressTranslationError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(AddressTranslationError left, AddressTranslationError right) => !left.Equals(right);
}
