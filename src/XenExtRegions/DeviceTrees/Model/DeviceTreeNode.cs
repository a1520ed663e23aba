using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One node of an immutable device tree: its name (with unit address), properties and children, and a link to its
/// parent once it has been adopted. Trees are built bottom-up: a node adopts the children given to its constructor.
/// </summary>
/// <remarks>Nothing here recurses over the tree, so arbitrarily deep trees cannot exhaust the stack.</remarks>
public sealed partial class DeviceTreeNode
{
    // Null only for a node read from a DTB whose children nobody has asked for yet (see PackedTreeStorage).
    private DeviceTreeNode[]? _children;
    private DeviceTreeProperty[]? _properties;
    private DeviceTreeNode? _parent;
    private string? _name;
    private string? _path;

    /// <summary>Creates a node and adopts <paramref name="properties"/> and <paramref name="children"/>.</summary>
    /// <param name="name">The node name with its unit address (<c>serial@e6e88000</c>); empty for the root. A raw byte
    /// 0x80–0xFF that is not part of valid UTF-8 is written as the lone surrogate U+DC80 + (byte − 0x80), as
    /// <see cref="Name"/> reads it.</param>
    /// <param name="properties">The properties in order; names must be unique.</param>
    /// <param name="children">The children in order; names must be unique and none may belong to another node.</param>
    /// <exception cref="ArgumentException">A property name or child name repeats, a child or property already has an
    /// owner, or <paramref name="name"/> holds a lone surrogate that stands for no byte, or escapes of bytes that
    /// together are valid UTF-8 (a second spelling of another name).</exception>
    public DeviceTreeNode(string name, IEnumerable<DeviceTreeProperty>? properties = null, IEnumerable<DeviceTreeNode>? children = null)
        : this(name, ToArray(properties), ToArray(children), validate: true)
    {
    }

    /// <summary>Creates a node from arrays the caller hands over; <paramref name="validate"/> false skips uniqueness checks the caller already made.</summary>
    internal DeviceTreeNode(string name, DeviceTreeProperty[] properties, DeviceTreeNode[] children, bool validate)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _properties = properties;
        _children = children;
        if (validate)
        {
            if (EscapedUtf8.NameProblem(name) is string problem)
            {
                throw new ArgumentException($"The node name '{EscapedUtf8.Printable(name)}' cannot be a device-tree name: {problem}", nameof(name));
            }

            ValidateUniqueNames();
        }

        foreach (DeviceTreeProperty property in properties)
        {
            if (property.Node is not null)
            {
                throw new ArgumentException($"Property '{property.Name}' already belongs to node {property.Node.Path}.", nameof(properties));
            }

            property.Node = this;
        }

        foreach (DeviceTreeNode child in children)
        {
            if (child.Parent is not null)
            {
                throw new ArgumentException($"Node '{child.Name}' already belongs to node {child.Parent.Path}.", nameof(children));
            }

            child._parent = this;
        }
    }

    /// <summary>The node name including the unit address, e.g. <c>memory@48000000</c>; empty for the root.</summary>
    /// <remarks>
    /// Names are bytes; they are decoded as UTF-8, and each byte that is not part of valid UTF-8 becomes the lone
    /// surrogate U+DC80 + (byte − 0x80), as Python's "surrogateescape". Every writer turns such a character back into
    /// its byte, so a name read and written back is unchanged, and two names are equal exactly when their bytes are.
    /// </remarks>
    // Readers may race to decode a packed name; they make equal strings, so either may win.
    public string Name => _name ??= _packed!.NameOf(_packedIndex);

    /// <summary>The name before <c>@</c>, e.g. <c>memory</c>.</summary>
    public string BaseName
    {
        get
        {
            int at = Name.IndexOf('@');
            return at < 0 ? Name : Name.Substring(0, at);
        }
    }

    /// <summary>The unit address after <c>@</c>, or null when the name has none.</summary>
    public string? UnitAddress
    {
        get
        {
            int at = Name.IndexOf('@');
            return at < 0 ? null : Name.Substring(at + 1);
        }
    }

    /// <summary>The parent node; null for a root or for a node not yet adopted.</summary>
    public DeviceTreeNode? Parent => _parent ?? PackedParent();

    /// <summary>True for a node without a parent.</summary>
    public bool IsRoot => Parent is null;

    /// <summary>The properties in tree order.</summary>
    public IReadOnlyList<DeviceTreeProperty> Properties => _properties ?? MaterializeProperties();

    /// <summary>The children in tree order.</summary>
    public IReadOnlyList<DeviceTreeNode> Children => _children ?? MaterializeChildren();

    /// <summary>The children's array itself, for the internal walks (indexing it needs no interface call).</summary>
    internal DeviceTreeNode[] ChildArray => _children ?? MaterializeChildren();

    /// <summary>The number of ancestors (0 for the root).</summary>
    public int Depth
    {
        get
        {
            int depth = 0;
            for (DeviceTreeNode? p = Parent; p is not null; p = p.Parent)
            {
                depth++;
            }

            return depth;
        }
    }

    /// <summary>The full path, e.g. <c>/soc/serial@e6e88000</c>; <c>/</c> for the root.</summary>
    public string Path => _path ??= BuildPath();

    /// <summary>Finds a property by exact name.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The property, or null.</returns>
    public DeviceTreeProperty? GetProperty(string name)
    {
        if (LacksKnown(name))
        {
            return null;
        }

        foreach (DeviceTreeProperty property in _properties ?? MaterializeProperties())
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Finds a property by exact name.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="property">The property, when found.</param>
    /// <returns>True when the node has the property.</returns>
    public bool TryGetProperty(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceTreeProperty? property)
    {
        property = GetProperty(name);
        return property is not null;
    }

    /// <summary>True when the node has a property called <paramref name="name"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when present.</returns>
    public bool HasProperty(string name) => GetProperty(name) is not null;

    /// <summary>
    /// Finds a child by name: an exact match of the full name first, else the single child whose base name
    /// (before <c>@</c>) matches when <paramref name="name"/> has no unit address, as libfdt does.
    /// </summary>
    /// <param name="name">The child name, with or without unit address.</param>
    /// <returns>The child, or null when absent or ambiguous.</returns>
    public DeviceTreeNode? GetChild(string name)
    {
        DeviceTreeNode? byBaseName = null;
        bool ambiguous = false;
        bool nameHasUnit = name.IndexOf('@') >= 0;
        foreach (DeviceTreeNode child in ChildArray)
        {
            if (string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                return child;
            }

            if (!nameHasUnit && string.Equals(child.BaseName, name, StringComparison.Ordinal))
            {
                ambiguous |= byBaseName is not null;
                byBaseName = child;
            }
        }

        return ambiguous ? null : byBaseName;
    }

    /// <summary>This node and every descendant in document order (pre-order, depth first), without recursion.</summary>
    /// <returns>The nodes of the subtree.</returns>
    public IEnumerable<DeviceTreeNode> DescendantsAndSelf() => _packed is null ? ObjectDescendantsAndSelf() : PackedDescendantsAndSelf();

    private IEnumerable<DeviceTreeNode> ObjectDescendantsAndSelf()
    {
        var stack = new Stack<(DeviceTreeNode Node, int Next)>();
        yield return this;
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            (DeviceTreeNode node, int next) = stack.Pop();
            DeviceTreeNode[] children = node.ChildArray;
            if (next < children.Length)
            {
                stack.Push((node, next + 1));
                DeviceTreeNode child = children[next];
                yield return child;
                stack.Push((child, 0));
            }
        }
    }

    /// <summary>The ancestors, nearest first.</summary>
    /// <returns>Parent, grandparent, … up to the root.</returns>
    public IEnumerable<DeviceTreeNode> Ancestors()
    {
        for (DeviceTreeNode? p = Parent; p is not null; p = p.Parent)
        {
            yield return p;
        }
    }

    /// <summary>Prints the full path.</summary>
    /// <returns>The path.</returns>
    public override string ToString() => Path;

    private static T[] ToArray<T>(IEnumerable<T>? items) => items switch
    {
        null => Array.Empty<T>(),
        T[] array => (T[])array.Clone(),
        _ => new List<T>(items).ToArray(),
    };

    private DeviceTreeProperty[] MaterializeProperties()
    {
        PackedTreeStorage storage = _packed!;
        int count = storage[_packedIndex].PropertyCount;
        DeviceTreeProperty[] properties = count == 0 ? Array.Empty<DeviceTreeProperty>() : new DeviceTreeProperty[count];
        int token = storage[_packedIndex].FirstProperty;
        for (int i = 0; i < properties.Length; i++)
        {
            PackedProperty packed = storage.At(token, out token);
            properties[i] = new DeviceTreeProperty(packed.Name, new ReadOnlyMemory<byte>(storage.Blob, packed.ValueStart, packed.ValueLength), trusted: true)
            {
                Node = this,
            };
        }

        // Readers may race here; one array wins and every caller sees that one, so identities stay stable.
        return System.Threading.Interlocked.CompareExchange(ref _properties, properties, null) ?? properties;
    }

    private void ValidateUniqueNames()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DeviceTreeProperty property in _properties!)
        {
            if (property is null)
            {
                throw new ArgumentException($"Node '{Name}' was given a null property.", "properties");
            }

            if (!seen.Add(property.Name))
            {
                throw new ArgumentException($"Node '{Name}' has two properties named '{property.Name}'.", "properties");
            }
        }

        seen.Clear();
        foreach (DeviceTreeNode child in _children!)
        {
            if (child is null)
            {
                throw new ArgumentException($"Node '{Name}' was given a null child.", "children");
            }

            if (!seen.Add(child.Name))
            {
                throw new ArgumentException($"Node '{Name}' has two children named '{child.Name}'.", "children");
            }
        }
    }
}
