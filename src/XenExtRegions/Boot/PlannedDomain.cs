using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Boot;

/// <summary>A domain Xen will build at boot, before its regions are computed: its name, id and describing node.</summary>
internal sealed class PlannedDomain
{
    public PlannedDomain(string name, int id, string nodePath, DomainNodeFacts? node, bool isHardwareDomain)
    {
        Name = name;
        Id = id;
        NodePath = nodePath;
        Node = node;
        IsHardwareDomain = isHardwareDomain;
    }

    public string Name { get; }

    public int Id { get; }

    public string NodePath { get; }

    /// <summary>The dom0less node, or null for the classic Dom0 built from <c>/chosen</c>'s modules.</summary>
    public DomainNodeFacts? Node { get; }

    public bool IsHardwareDomain { get; }
}
