using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// Everything past the reader that takes a tree as input: the address decoder (every public entry), the boot facts
/// scanner and the engine's P1/P2 for dom0. None of them documents an exception for a bad tree, so any exception
/// escaping here is a finding; only the documented <c>Get*</c>/<c>Translate</c> throwers are checked against their
/// <c>Try*</c> twins.
/// </summary>
internal static class TreePipeline
{
    private static readonly ExtendedRegionsEngine Engine = new();

    // The oldest and newest rules: they differ in memory-node matching, disabled nodes and PCI range failures.
    private static readonly (int Major, int Minor)[] Releases = [(4, 16), (4, 22)];

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

        foreach ((int major, int minor) in Releases)
        {
            BootFacts facts = new BootFactsScanner(BootScanOptions.ForRelease(major, minor)).Scan(tree);
            IReadOnlyList<DescribedWindow> windows = DescribedWindowReader.Read(tree);
            foreach (bool iommu in new[] { true, false })
            {
                Engine.Compute(new ExtendedRegionsInput
                {
                    Release = XenRelease.Parse(FormattableString.Invariant($"{major}.{minor}")),
                    IommuEnabled = iommu,
                    HostRam = facts.HostRam,
                    ReservedMemory = facts.ReservedMemory,
                    MemoryReservations = facts.MemoryReservations,
                    HostSharedMemory = facts.SharedMemoryHostBanks,
                    BootModules = facts.Modules,
                    DescribedWindows = windows,
                });
            }
        }
    }
}
