using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// Everything past the reader that takes a tree as input: the address decoder (every public entry), the boot facts
/// scanner and the engine (dom0 with P1 and P2, and every dom0less domain node with P3). None of them documents an
/// exception for a bad tree, so any exception escaping here is a finding. The regions must also be sane whatever the
/// tree: no region runs past 2^64-1, they are sorted and disjoint, and Xen-built ones are 2 MiB aligned and at least
/// 64 MiB long.
/// </summary>
internal static class TreePipeline
{
    private static readonly ExtendedRegionsEngine Engine = new();

    // The oldest and newest rules: they differ in memory-node matching, disabled nodes and PCI range failures.
    private static readonly XenRelease[] Releases = [XenRelease.Parse("4.16"), XenRelease.Latest];

    public static void Run(DeviceTree tree)
    {
        var decoder = new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Xen);
        decoder.EnumerateAddresses(tree);
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            decoder.GetAddressCells(node);
            decoder.GetSizeCells(node);
            int count = decoder.GetAddressCount(node);
            var diagnostics = new List<AddressDiagnostic>();
            decoder.DecodeReg(node, diagnostics);
            decoder.TranslateAll(node, diagnostics);
            decoder.TryGetRanges(node, out _, out _, diagnostics);
            for (int i = 0; i < Math.Min(count, 4); i++)
            {
                decoder.TryTranslate(node, i, out _, out _);
            }
        }

        foreach (XenRelease release in Releases)
        {
            BootFacts facts = new BootFactsScanner(BootScanOptions.ForRelease(release)).Scan(tree);
            ExtendedRegionsInput host = new ExtendedRegionsInput { Release = release }.WithHostDeviceTree(tree);
            Check(Engine.Compute(host with { IommuEnabled = true }));
            Check(Engine.Compute(host with { IommuEnabled = false }));
            foreach (DomainNodeFacts domain in facts.Domains)
            {
                ExtendedRegionsInput domU;
                try
                {
                    domU = host.WithDomainNode(domain) with { DomainName = "d1" };
                }
                catch (DeviceTreeFormatException)
                {
                    continue; // documented: a domain Xen cannot build (memory past 64 bits or the guest banks)
                }

                Check(Engine.Compute(domU));
            }
        }
    }

    /// <summary>Invariants every result must keep, whatever the input.</summary>
    public static void Check(ExtendedRegionsResult result)
    {
        ulong previousEnd = 0;
        bool first = true;
        foreach (MemoryBank region in result.Regions)
        {
            if (region.Size == 0 || region.Overflows)
            {
                throw new InvalidOperationException("Region " + region + " is empty or runs past 2^64-1.");
            }

            if (!first && region.Start < previousEnd)
            {
                throw new InvalidOperationException("Region " + region + " is out of order or overlaps the one before.");
            }

            bool xenBuilt = result.Input.Kind != DomainKind.ToolstackDomU;
            if (xenBuilt && (region.Size < XenConstants.MinimumRegionSize || region.Start % XenConstants.RegionAlignment != 0))
            {
                throw new InvalidOperationException("Region " + region + " is under 64 MiB or not 2 MiB aligned.");
            }

            previousEnd = region.Start + region.Size;
            first = false;
        }

        // The texts are part of the result: formatting them must not throw either.
        foreach (XenLogLine line in result.LogLines)
        {
            _ = line.Text;
        }

        foreach (FreeRangeFate fate in result.Explanation)
        {
            _ = fate.ToString();
        }

        ExtendedRegionAudit.Audit(result);
        HypervisorNodeBuilder.TryBuild(result, null, out _, out _);
    }
}
