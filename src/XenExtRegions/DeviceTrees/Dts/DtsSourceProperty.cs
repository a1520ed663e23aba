using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A property of the parser's mutable tree: bytes with the references still to fill in. A struct kept inline in
/// its node's array (reached by <c>ref</c>), because the source tree lives until linking ends and an object per
/// property was a large share of what the GC had to trace and copy.
/// </summary>
internal struct DtsSourceProperty
{
    public DtsSourceProperty(string name, DtsSourceLocation location)
    {
        Name = name;
        Location = location;
        Value = System.Array.Empty<byte>();
        References = null;
        Labels = null;
        ValueLabels = null;
        Deleted = false;
        DefinedInBlock = 0;
    }

    public string Name { get; }

    public DtsSourceLocation Location { get; set; }

    /// <summary>The value; phandle references hold a 4-byte placeholder, path references none (spliced in later).</summary>
    public System.Memory<byte> Value { get; set; }

    /// <summary>The references in the value, in offset order; null when there are none.</summary>
    public List<DtsValueReference>? References { get; set; }

    /// <summary>The labels the property ever took (<c>label: name = ...</c>), live or deleted; null when none.</summary>
    public DtsLabelList? Labels { get; private set; }

    /// <summary>Labels inside the current value (<c>&lt;1 mid: 2&gt;</c>), kept only for the duplicate-label check; null when none.</summary>
    public List<string>? ValueLabels { get; set; }

    public void AddLabel(string label) => (Labels ??= new DtsLabelList()).Add(label);

    public void AddValueLabel(string label) => (ValueLabels ??= new List<string>(1)).Add(label);

    public readonly void ClearLabels()
    {
        Labels?.DeleteAll();
        ValueLabels?.Clear();
    }

    public bool Deleted { get; set; }

    /// <summary>The id of the last block that defined this item (duplicates within one block are an error, as in dtc).</summary>
    public int DefinedInBlock { get; set; }
}

/// <summary>A <c>&amp;label</c> or <c>&amp;{/path}</c> inside a property value.</summary>
internal readonly struct DtsValueReference
{
    public DtsValueReference(int offset, string target, bool isPhandle, DtsSourceLocation location)
    {
        Offset = offset;
        Target = target;
        IsPhandle = isPhandle;
        Location = location;
    }

    /// <summary>Byte offset in the value: of the placeholder cell, or where the path string goes.</summary>
    public int Offset { get; }

    /// <summary>A label, or a path starting with '/'.</summary>
    public string Target { get; }

    /// <summary>True inside a cell array (a phandle); false for a path string.</summary>
    public bool IsPhandle { get; }

    public DtsSourceLocation Location { get; }
}
