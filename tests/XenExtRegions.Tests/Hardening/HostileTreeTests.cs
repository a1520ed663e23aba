using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// Well-formed trees with hostile contents (cell counts 0, 5, 2^31, 2^32-1; short and long cell properties; reg and
/// ranges full of edge values; PCI, memory, /chosen and reserved-memory nodes) through the decoder, the boot facts
/// scanner and the engine. The reader accepts all of them, so everything after it must cope: no exception at all.
/// </summary>
public sealed class HostileTreeTests
{
    private static readonly uint[] CellCounts = [0, 1, 2, 3, 4, 5, 0x80000000, 0xffffffff];

    private static readonly uint[] CellValues = [0, 1, 2, 0x1000, 0x200000, 0x40000000, 0x7fffffff, 0x80000000, 0xfffff000, 0xfffffffe, 0xffffffff];

    private static readonly string[] Names = ["memory@0", "memory", "pcie@0", "pci", "soc", "bus@1", "uart@0", "reserved-memory", "module@0", "domU", "hypervisor"];

    private static readonly string[] Compatibles = ["simple-bus", "multiboot,module", "multiboot,kernel", "xen,linux-zimage", "xen,domain", "xen,evtchn", "xen,xen"];

    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);

        public DeviceTree Tree()
        {
            var items = new List<object>();
            AddCellCounts(items);
            int children = 1 + _random.Next(6);
            for (int i = 0; i < children; i++)
            {
                items.Add(Node(Names[_random.Next(Names.Length)] + "-" + i, 1));
            }

            items.Add(Chosen());
            return XenExtRegions.Tests.DeviceTrees.TreeBuilder.Tree(items.ToArray());
        }

        private DeviceTreeNode Node(string name, int depth)
        {
            var items = new List<object>();
            AddCellCounts(items);
            if (Chance(3))
            {
                items.Add(Str("device_type", Pick("memory", "pci", "PCI", "pciex", "cpu")));
            }

            if (Chance(2))
            {
                items.Add(Cells("reg", RandomCells(14)));
            }

            if (Chance(3))
            {
                items.Add(Chance(3) ? Flag("ranges") : Cells("ranges", RandomCells(16)));
            }

            if (Chance(4))
            {
                items.Add(Str("status", Pick("okay", "disabled", "fail", "ok")));
            }

            if (Chance(4))
            {
                items.Add(Str("compatible", Compatibles[_random.Next(Compatibles.Length)]));
            }

            if (Chance(6))
            {
                items.Add(Cells(Pick("xen,static-mem", "xen,shared-mem", "xen,reg", "dma-ranges"), RandomCells(10)));
            }

            if (depth < 4)
            {
                int children = _random.Next(4);
                for (int i = 0; i < children; i++)
                {
                    items.Add(Node(Names[_random.Next(Names.Length)] + "-" + i, depth + 1));
                }
            }

            return N(name, items.ToArray());
        }

        private DeviceTreeNode Chosen()
        {
            var items = new List<object>();
            AddCellCounts(items);
            if (Chance(2))
            {
                items.Add(Cells("linux,initrd-start", RandomCells(2)));
                items.Add(Cells("linux,initrd-end", RandomCells(2)));
            }

            if (Chance(2))
            {
                items.Add(Cells("xen,static-heap", RandomCells(8)));
            }

            int modules = _random.Next(3);
            for (int i = 0; i < modules; i++)
            {
                items.Add(N("module@" + i, Str("compatible", Pick("multiboot,module", "multiboot,kernel", "multiboot,ramdisk")), Cells("reg", RandomCells(6))));
            }

            if (Chance(2))
            {
                items.Add(N("domU1", Str("compatible", "xen,domain"), Ac(CellCount()), Sc(CellCount()), Cells("memory", RandomCells(3)), Cells("xen,static-mem", RandomCells(8)),
                    N("shm", Str("compatible", "xen,domain-shared-memory-v1"), Str("xen,shm-id", "s"), Cells("xen,shared-mem", RandomCells(8)))));
            }

            return N("chosen", items.ToArray());
        }

        private void AddCellCounts(List<object> items)
        {
            if (Chance(2))
            {
                items.Add(Chance(8) ? Bytes("#address-cells", 0, 2) : Ac(CellCount()));
            }

            if (Chance(2))
            {
                items.Add(Chance(8) ? Bytes("#size-cells", 0, 0, 0, 1, 0, 0, 0, 1) : Sc(CellCount()));
            }
        }

        private uint CellCount() => Chance(2) ? (uint)(1 + _random.Next(2)) : CellCounts[_random.Next(CellCounts.Length)];

        private uint[] RandomCells(int max)
        {
            var cells = new uint[_random.Next(max + 1)];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = Chance(4) ? (uint)_random.Next() : CellValues[_random.Next(CellValues.Length)];
            }

            return cells;
        }

        private bool Chance(int oneIn) => _random.Next(oneIn) == 0;

        private string Pick(params string[] options) => options[_random.Next(options.Length)];
    }

    [Fact]
    public void Random_trees_with_hostile_cells_run_through_decoder_boot_facts_and_engine()
    {
        var generator = new Generator(0x7ee5);
        for (int i = 0; i < 800; i++)
        {
            DeviceTree tree = generator.Tree();
            try
            {
                TreePipeline.Run(tree);
            }
            catch (Exception e)
            {
                // The tree as DTS makes the failure reproducible by hand.
                throw new Xunit.Sdk.XunitException(FormattableString.Invariant($"tree {i}: {e.GetType().Name}: {e.Message}\n{DtsWriter.Write(tree)}\n{e}"));
            }
        }
    }
}
