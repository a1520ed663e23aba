using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A node of the parser's mutable tree. As in dtc, deleted nodes and properties stay in their lists, flagged, so a
/// later block that names them again revives them at their old position.
/// </summary>
internal sealed class DtsSourceNode
{
    private Dictionary<string, DtsSourceNode>? _childIndex;
    private Dictionary<string, int>? _propertyIndex;

    public DtsSourceNode(string name, DtsSourceNode? parent, DtsSourceLocation location)
    {
        Name = name;
        Parent = parent;
        Location = location;
    }

    public string Name { get; }

    public DtsSourceNode? Parent { get; }

    public DtsSourceLocation Location { get; }

    // An array of structs and a count rather than a List of objects: fewer objects per node of a tree that lives
    // until linking ends.
    private DtsSourceProperty[]? _properties;
    private int _propertyCount;

    /// <summary>The properties, deleted ones included, in order (a view that <see cref="AddProperty"/> invalidates).</summary>
    public System.Span<DtsSourceProperty> Properties => new(_properties, 0, _propertyCount);

    /// <summary>The number of properties, deleted ones included.</summary>
    public int PropertyCount => _propertyCount;

    /// <summary>The property at <paramref name="index"/>; the reference is valid until the next <see cref="AddProperty"/>.</summary>
    public ref DtsSourceProperty PropertyAt(int index) => ref _properties![index];

    // Children and labels are created on first use: most nodes are leaves without labels, and the whole source
    // tree lives (and is promoted by the GC) until linking ends.
    private List<DtsSourceNode>? _children;

    /// <summary>The number of children, deleted ones included.</summary>
    public int ChildCount => _children?.Count ?? 0;

    /// <summary>The labels the node ever took, live or deleted; null when none.</summary>
    public DtsLabelList? Labels { get; private set; }

    public bool Deleted { get; set; }

    /// <summary>The id of the last block that defined this item (duplicates within one block are an error, as in dtc).</summary>
    public int DefinedInBlock { get; set; }

    public bool OmitIfNoRef { get; set; }

    public bool Referenced { get; set; }

    /// <summary>The phandle, explicit or assigned; 0 when none.</summary>
    public uint Phandle { get; set; }

    public int Depth { get; init; }

    /// <summary>The child called <paramref name="name"/>, deleted or not.</summary>
    public DtsSourceNode? FindChild(string name)
    {
        if (_childIndex is not null)
        {
            return _childIndex.TryGetValue(name, out DtsSourceNode? n) ? n : null;
        }

        if (_children is null)
        {
            return null;
        }

        foreach (DtsSourceNode child in _children)
        {
            if (child.Name == name)
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The child at <paramref name="index"/> (0 ≤ index &lt; <see cref="ChildCount"/>).</summary>
    public DtsSourceNode ChildAt(int index) => _children![index];

    public void AddChild(DtsSourceNode child)
    {
        (_children ??= new List<DtsSourceNode>()).Add(child);
        if (_childIndex is not null)
        {
            _childIndex[child.Name] = child;
        }
        else if (_children.Count > 8)
        {
            // Wide nodes get an index so lookups stay O(1) in large generated trees.
            _childIndex = new Dictionary<string, DtsSourceNode>(System.StringComparer.Ordinal);
            foreach (DtsSourceNode c in _children)
            {
                _childIndex[c.Name] = c;
            }
        }
    }

    /// <summary>Adds <paramref name="label"/> (or revives it) unless the node has it live; returns true when it was added.</summary>
    public bool AddLabel(string label) => (Labels ??= new DtsLabelList()).Add(label);

    public bool HasLabel(string label) => Labels is not null && Labels.Has(label);

    /// <summary>Deletes the labels (they keep their places for a revival, as in dtc).</summary>
    public void ClearLabels() => Labels?.DeleteAll();

    /// <summary>The index of the property called <paramref name="name"/>, deleted or not; -1 when none.</summary>
    public int FindProperty(string name)
    {
        if (_propertyIndex is not null)
        {
            return _propertyIndex.TryGetValue(name, out int i) ? i : -1;
        }

        for (int i = 0; i < _propertyCount; i++)
        {
            if (_properties![i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the live property called <paramref name="name"/>; -1 when none.</summary>
    public int FindLiveProperty(string name)
    {
        int i = FindProperty(name);
        return i >= 0 && !_properties![i].Deleted ? i : -1;
    }

    /// <summary>Appends a new property; returns its index.</summary>
    public int AddProperty(string name, DtsSourceLocation location)
    {
        if (_properties is null || _propertyCount == _properties.Length)
        {
            System.Array.Resize(ref _properties, _propertyCount == 0 ? 4 : _propertyCount * 2);
        }

        int index = _propertyCount++;
        _properties[index] = new DtsSourceProperty(name, location);
        if (_propertyIndex is not null)
        {
            _propertyIndex[name] = index;
        }
        else if (_propertyCount > 8)
        {
            _propertyIndex = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < _propertyCount; i++)
            {
                _propertyIndex[_properties[i].Name] = i;
            }
        }

        return index;
    }

    /// <summary>The full path, e.g. <c>/soc/serial@1000</c>.</summary>
    public string Path
    {
        get
        {
            if (Parent is null)
            {
                return "/";
            }

            var names = new List<string>();
            for (DtsSourceNode? n = this; n?.Parent is not null; n = n.Parent)
            {
                names.Add(n.Name);
            }

            names.Reverse();
            return "/" + string.Join("/", names);
        }
    }
}
