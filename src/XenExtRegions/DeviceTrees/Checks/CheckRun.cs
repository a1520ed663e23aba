using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>One check's pass over a tree: the shared facts, and the findings it makes.</summary>
internal sealed class CheckRun
{
    private readonly List<DeviceTreeCheckFinding>? _findings;

    public CheckRun(CheckDefinition check, CheckScope scope, List<DeviceTreeCheckFinding>? findings)
    {
        Check = check;
        Scope = scope;
        _findings = findings;
    }

    public CheckDefinition Check { get; }

    public CheckScope Scope { get; }

    /// <summary>True once the check has found anything (reported or not), as dtc's FAILED status.</summary>
    public bool Failed { get; private set; }

    public IReadOnlyList<DeviceTreeNode> Nodes => Scope.Nodes;

    public void Fail(DeviceTreeNode node, string message) => Fail(node, null, message);

    public void Fail(DeviceTreeNode node, string? property, string message)
    {
        Failed = true;
        _findings?.Add(new DeviceTreeCheckFinding(Check.Name, Check.Id, Check.Severity, node.Path, property, message));
    }
}
