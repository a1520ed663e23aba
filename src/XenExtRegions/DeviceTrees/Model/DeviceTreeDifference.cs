namespace XenExtRegions.DeviceTrees;

/// <summary>The first structural difference <see cref="DeviceTreeComparer"/> found between two trees.</summary>
public sealed class DeviceTreeDifference
{
    /// <summary>Creates a difference.</summary>
    /// <param name="path">The path of the node (in the first tree) where the trees differ; empty for header facts.</param>
    /// <param name="propertyName">The property that differs, when the difference is in a property.</param>
    /// <param name="description">What differs, with both values.</param>
    public DeviceTreeDifference(string path, string? propertyName, string description)
    {
        Path = path;
        PropertyName = propertyName;
        Description = description;
    }

    /// <summary>The path of the node where the trees differ (in the first tree); empty for header facts.</summary>
    public string Path { get; }

    /// <summary>The property that differs, or null.</summary>
    public string? PropertyName { get; }

    /// <summary>What differs, with both values.</summary>
    public string Description { get; }

    /// <summary>Prints path, property and description on one line.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        (Path.Length == 0 ? string.Empty : Path + (PropertyName is null ? string.Empty : ":" + PropertyName) + ": ") + Description;
}
