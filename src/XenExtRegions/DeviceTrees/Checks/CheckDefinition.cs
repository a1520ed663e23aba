using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>One named check: its dtc name (or our <c>xen_</c> name), stable id, severity, prerequisites and body.</summary>
internal sealed class CheckDefinition
{
    public CheckDefinition(string name, string id, DeviceTreeCheckSeverity severity, Action<CheckRun> body, params string[] prerequisites)
    {
        Name = name;
        Id = id;
        Severity = severity;
        Body = body;
        Prerequisites = prerequisites;
    }

    public string Name { get; }

    public string Id { get; }

    public DeviceTreeCheckSeverity Severity { get; }

    /// <summary>Checks that must pass first; as in dtc, a failed prerequisite skips this check for the whole tree.</summary>
    public string[] Prerequisites { get; }

    public Action<CheckRun> Body { get; }
}
