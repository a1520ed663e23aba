using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One property as <see cref="DeviceTreeNode.EnumeratePropertyViews"/> yields it: its name and its value bytes, read
/// in place (from the blob, for a tree read from a DTB) without creating a <see cref="DeviceTreeProperty"/>.
/// </summary>
/// <remarks>
/// A view is only valid as long as its tree: it slices the tree's own storage. It carries no typed readers; when
/// you need them (or the property's labels), use <see cref="DeviceTreeNode.GetProperty(string)"/>.
/// </remarks>
public readonly struct DeviceTreePropertyView
{
    private readonly string? _name;

    internal DeviceTreePropertyView(string name, ReadOnlyMemory<byte> value)
    {
        _name = name;
        Value = value;
    }

    /// <summary>
    /// The property name, the same string as <see cref="DeviceTreeProperty.Name"/> (a tree read from a DTB shares one
    /// instance per distinct name, so reading it allocates nothing); empty for a <c>default</c> view.
    /// </summary>
    public string Name => _name ?? string.Empty;

    /// <summary>The raw value.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The raw value as a span.</summary>
    public ReadOnlySpan<byte> Span => Value.Span;

    /// <summary>The value length in bytes.</summary>
    public int Length => Value.Length;

    /// <summary>True for a property without a value (a boolean flag such as <c>ranges;</c>).</summary>
    public bool IsEmpty => Value.IsEmpty;

    /// <summary>Prints <c>name</c> and the value length, as <see cref="DeviceTreeProperty.ToString"/> does.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => FormattableString.Invariant($"{Name} ({Length} bytes)");
}
