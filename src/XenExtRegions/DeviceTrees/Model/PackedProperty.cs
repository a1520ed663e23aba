namespace XenExtRegions.DeviceTrees;

/// <summary>A property still packed in its blob: its (shared) name and where its value lies.</summary>
internal readonly struct PackedProperty
{
    public PackedProperty(string name, int valueStart, int valueLength)
    {
        Name = name;
        ValueStart = valueStart;
        ValueLength = valueLength;
    }

    public string Name { get; }

    public int ValueStart { get; }

    public int ValueLength { get; }
}
