using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One property of a device-tree node: a name and raw big-endian bytes, with typed readers in
/// <c>DeviceTreeProperty.Values.cs</c>. Immutable.
/// </summary>
public sealed partial class DeviceTreeProperty
{
    private readonly ReadOnlyMemory<byte> _value;

    /// <summary>Creates a property holding a private copy of <paramref name="value"/>.</summary>
    /// <param name="name">The property name; not empty. Raw bytes are spelled as in <see cref="DeviceTreeNode.Name"/>.</param>
    /// <param name="value">The raw value bytes (an empty span for a boolean property).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, holds a lone surrogate that stands for no
    /// byte, or escapes of bytes that together are valid UTF-8 (a second spelling of another name).</exception>
    public DeviceTreeProperty(string name, ReadOnlySpan<byte> value)
        : this(CheckName(name), value.ToArray(), trusted: true)
    {
    }

    /// <summary>Creates a property that shares <paramref name="value"/> without copying; the caller must not change it.</summary>
    internal DeviceTreeProperty(string name, ReadOnlyMemory<byte> value, bool trusted)
    {
        _ = trusted;
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (name.Length == 0)
        {
            throw new ArgumentException("A device-tree property needs a non-empty name.", nameof(name));
        }

        Name = name;
        _value = value;
    }

    /// <summary>The property name, e.g. <c>reg</c> or <c>#address-cells</c>; bytes that are not valid UTF-8 read as
    /// lone surrogates U+DC80 + (byte − 0x80), as in <see cref="DeviceTreeNode.Name"/>.</summary>
    public string Name { get; }

    /// <summary>The node this property belongs to, once the node has been created.</summary>
    public DeviceTreeNode? Node { get; internal set; }

    /// <summary>
    /// The labels written before this property in DTS (<c>mac: local-mac-address = [...];</c>), in dtc's order; empty
    /// for blobs and for a property not attached to a node. Not part of <see cref="DeviceTreeComparer"/> equality.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<string> Labels =>
        (Node?.LabelSet?.ForProperty(Name)) ?? (System.Collections.Generic.IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>The raw value.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>The raw value as a span.</summary>
    public ReadOnlySpan<byte> Span => _value.Span;

    /// <summary>The value length in bytes.</summary>
    public int Length => _value.Length;

    /// <summary>True for a property without a value (a boolean flag such as <c>ranges;</c> or <c>dma-coherent;</c>).</summary>
    public bool IsEmpty => _value.IsEmpty;

    /// <summary>The full path of the owning node, for diagnostics; null before the property is attached.</summary>
    internal string? NodePath => Node?.Path;

    /// <summary>Prints <c>name</c> and the value length.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => FormattableString.Invariant($"{Name} ({Length} bytes)");

    internal DeviceTreeFormatException Error(string problem) => new(problem, null, NodePath, Name);

    private static string CheckName(string name)
    {
        if (name is not null && EscapedUtf8.NameProblem(name) is string problem)
        {
            throw new ArgumentException($"The property name '{EscapedUtf8.Printable(name)}' cannot be a device-tree name: {problem}", nameof(name));
        }

        return name!;
    }
}
