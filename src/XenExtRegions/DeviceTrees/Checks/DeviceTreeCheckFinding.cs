using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>One problem a <see cref="DeviceTreeChecker"/> check found in a tree.</summary>
public sealed class DeviceTreeCheckFinding
{
    /// <summary>Creates a finding.</summary>
    /// <param name="checkName">The check's name (dtc's own name for dtc's checks; <c>xen_…</c> for ours).</param>
    /// <param name="id">The check's stable id (<c>DTC…</c> or <c>XEN…</c>).</param>
    /// <param name="severity">Warning or error.</param>
    /// <param name="nodePath">The node's full path; null for a finding about the check itself (a failed prerequisite).</param>
    /// <param name="propertyName">The property concerned, or null.</param>
    /// <param name="message">What is wrong.</param>
    public DeviceTreeCheckFinding(string checkName, string id, DeviceTreeCheckSeverity severity, string? nodePath, string? propertyName, string message)
    {
        CheckName = checkName ?? throw new ArgumentNullException(nameof(checkName));
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Severity = severity;
        NodePath = nodePath;
        PropertyName = propertyName;
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>The check's name, as <c>-W no-NAME</c> takes it.</summary>
    public string CheckName { get; }

    /// <summary>The check's stable id.</summary>
    public string Id { get; }

    /// <summary>Warning or error.</summary>
    public DeviceTreeCheckSeverity Severity { get; }

    /// <summary>The node's full path, or null when the finding is about the check itself (dtc's "Failed prerequisite").</summary>
    public string? NodePath { get; }

    /// <summary>The property concerned, or null.</summary>
    public string? PropertyName { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <summary>The finding as dtc prints it after the file name: <c>Warning (NAME): PATH:PROPERTY: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string level = Severity == DeviceTreeCheckSeverity.Error ? "ERROR" : "Warning";
        string where = NodePath is null ? string.Empty : PropertyName is null ? NodePath + ": " : NodePath + ":" + PropertyName + ": ";
        return $"{level} ({CheckName}): {where}{Message}";
    }
}
