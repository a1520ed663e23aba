using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Labels of a node being edited, and of its properties; kept through edits and copied into the built tree.</summary>
public sealed partial class DeviceTreeNodeBuilder
{
    private List<string>? _labels;
    private HashSet<string>? _labelSet;

    // Property labels are rare; the map holds only properties that have some, and drops a property's when it is removed.
    private Dictionary<string, string[]>? _propertyLabels;

    /// <summary>
    /// The node's labels (<see cref="DeviceTreeNode.Labels"/>), in order; copied from the tree the builder started
    /// from and kept while the node is edited.
    /// </summary>
    public IReadOnlyList<string> Labels => (IReadOnlyList<string>?)_labels ?? Array.Empty<string>();

    /// <summary>Adds a label at the end unless the node has it.</summary>
    /// <param name="label">A DTS label: a letter or '_' followed by letters, digits and '_'.</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentException">The label is not spelled as DTS labels are.</exception>
    public DeviceTreeNodeBuilder AddLabel(string label)
    {
        if (label is null)
        {
            throw new ArgumentNullException(nameof(label));
        }

        if (!DtsWriteCheck.IsLabel(label))
        {
            throw new ArgumentException($"'{label}' is not a DTS label (a letter or '_' followed by letters, digits and '_'); node {Path}.", nameof(label));
        }

        if (!HasLabel(label))
        {
            AppendLabel(label);
        }

        return this;
    }

    /// <summary>Removes a label.</summary>
    /// <param name="label">The label.</param>
    /// <returns>True when the node had it.</returns>
    public bool RemoveLabel(string label)
    {
        if (label is null)
        {
            throw new ArgumentNullException(nameof(label));
        }

        if (!HasLabel(label))
        {
            return false;
        }

        _labels!.Remove(label);
        _labelSet?.Remove(label);
        return true;
    }

    private bool HasLabel(string label) => _labelSet is not null ? _labelSet.Contains(label) : _labels is not null && _labels.Contains(label);

    private void AppendLabel(string label)
    {
        (_labels ??= new List<string>(1)).Add(label);
        if (_labelSet is not null)
        {
            _labelSet.Add(label);
        }
        else if (_labels.Count > 8)
        {
            // A set once a node has many, so adding stays O(1) (a hostile source can give a node 100 000).
            _labelSet = new HashSet<string>(_labels, StringComparer.Ordinal);
        }
    }

    /// <summary>Takes the labels of <paramref name="source"/> and of its properties (names already unique there).</summary>
    private void CopyLabelsFrom(DeviceTreeNode source)
    {
        foreach (string label in source.Labels)
        {
            AppendLabel(label);
        }

        if (source.LabelSet?.Properties is { } properties)
        {
            _propertyLabels = new Dictionary<string, string[]>(properties, StringComparer.Ordinal);
        }
    }

    /// <summary>A property went away: its labels go with it.</summary>
    private void ForgetPropertyLabels(string name) => _propertyLabels?.Remove(name);

    /// <summary>The labels for the built node, or null when none.</summary>
    internal DeviceTreeLabels? BuildLabels() => DeviceTreeLabels.Create(_labels?.ToArray(), _propertyLabels is null ? null : new Dictionary<string, string[]>(_propertyLabels, StringComparer.Ordinal));
}
