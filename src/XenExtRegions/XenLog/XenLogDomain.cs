using System;
using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>
/// What a Xen console log says about one domain Xen built at boot (the hardware domain or a dom0less domain): its
/// RAM banks, grant-table window, extended regions and the outcome Xen printed. Lines without a domain name are
/// attributed to the domain Xen was building when it printed them (<c>*** LOADING DOMAIN 0 ***</c>,
/// <c>*** LOADING DOMU … ***</c>, <c>Loading dN kernel …</c>, <c>Allocating … for dN</c>).
/// </summary>
public sealed class XenLogDomain
{
    internal XenLogDomain(
        string name,
        IReadOnlyList<MemoryBank> ram,
        IReadOnlyList<MemoryBank> staticMemory,
        bool? directMapped,
        ulong? allocatedMiB,
        MemoryBank? grantTable,
        IReadOnlyList<XenLogExtendedRegion> extendedRegions,
        XenLogRegionsOutcome outcome,
        int outcomeLineNumber,
        IReadOnlyList<string> producerErrors,
        IReadOnlyList<int> lineNumbers)
    {
        Name = name;
        Id = IdOf(name);
        Ram = ram;
        StaticMemory = staticMemory;
        DirectMapped = directMapped;
        AllocatedMiB = allocatedMiB;
        GrantTable = grantTable;
        ExtendedRegions = extendedRegions;
        Outcome = outcome;
        OutcomeLineNumber = outcomeLineNumber;
        ProducerErrors = producerErrors;
        LineNumbers = lineNumbers;
    }

    /// <summary>Xen's name for the domain, <c>d0</c>, <c>d1</c>… (<c>dom0</c> and <c>(d1)</c> forms are normalised).</summary>
    public string Name { get; }

    /// <summary>The domain id (the number in <see cref="Name"/>).</summary>
    public int Id { get; }

    /// <summary>
    /// The domain's RAM from its <c>BANK[i] S-E (NMB)</c> lines (unprefixed for allocate_memory_11, the 1:1 hardware
    /// domain; <c>dN BANK[i] …</c> for allocate_memory, a guest-layout domain), exclusive end, kind
    /// <see cref="MemoryBankKind.DomainRam"/>. Guest-physical addresses (equal to host addresses when direct-mapped).
    /// </summary>
    public IReadOnlyList<MemoryBank> Ram { get; }

    /// <summary>
    /// Host-physical banks from <c>dN: STATIC BANK[i] S-E</c> lines (<c>xen,static-mem</c>), exclusive end, kind
    /// <see cref="MemoryBankKind.StaticMemory"/>. For a direct-mapped domain they are also its guest RAM.
    /// </summary>
    public IReadOnlyList<MemoryBank> StaticMemory { get; }

    /// <summary>
    /// True when the log says <c>Allocating 1:1 mappings …</c> for the domain (allocate_memory_11), false for
    /// <c>Allocating mappings …</c> (allocate_memory, guest layout; also an LLC-coloured hardware domain), null when
    /// the log has neither.
    /// </summary>
    public bool? DirectMapped { get; }

    /// <summary>The size from the <c>Allocating … mappings totalling NMB</c> line, in MiB, or null.</summary>
    public ulong? AllocatedMiB { get; }

    /// <summary>The grant-table window from <c>Grant table range: S-E</c> (hardware domain only; exclusive end), or null.</summary>
    public MemoryBank? GrantTable { get; }

    /// <summary>The domain's <c>extended region i: S-&gt;E</c> lines in log order (4.16's unprefixed lines are Dom0's).</summary>
    public IReadOnlyList<XenLogExtendedRegion> ExtendedRegions { get; }

    /// <summary>What Xen printed about the domain's extended regions; a message line wins over region lines.</summary>
    public XenLogRegionsOutcome Outcome { get; }

    /// <summary>The line of the outcome message, or of the first region line for <see cref="XenLogRegionsOutcome.Found"/>; 0 for <see cref="XenLogRegionsOutcome.NotInLog"/>.</summary>
    public int OutcomeLineNumber { get; }

    /// <summary>
    /// Error lines printed while the domain was being built, as printed: find_memory_holes' <c>Unable to retrieve
    /// address i for /path</c> and <c>… exceeds the maximum allowed PA width (N bits)</c>, and the rangeset errors
    /// <c>Failed to add: S-&gt;E</c> / <c>Failed to remove: S-&gt;E</c>. They explain a <see cref="XenLogRegionsOutcome.FailedToAllocate"/>.
    /// </summary>
    public IReadOnlyList<string> ProducerErrors { get; }

    /// <summary>Every line number attributed to this domain, ascending.</summary>
    public IReadOnlyList<int> LineNumbers { get; }

    /// <summary>The extended regions as banks of kind <see cref="MemoryBankKind.ExtendedRegion"/>, in log order.</summary>
    /// <returns>The regions.</returns>
    public IReadOnlyList<MemoryBank> GetExtendedRegionBanks()
    {
        var list = new List<MemoryBank>(ExtendedRegions.Count);
        foreach (XenLogExtendedRegion r in ExtendedRegions)
        {
            list.Add(new MemoryBank(r.Start, r.Size, MemoryBankKind.ExtendedRegion, FormattableString.Invariant($"log line {r.LineNumber}")));
        }

        return list;
    }

    private static int IdOf(string name)
    {
        // Names are normalised "d<1-5 digits>".
        int id = 0;
        for (int i = 1; i < name.Length; i++)
        {
            id = (id * 10) + (name[i] - '0');
        }

        return id;
    }

    /// <summary>The domain's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
