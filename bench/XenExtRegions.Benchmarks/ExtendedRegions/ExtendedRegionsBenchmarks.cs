using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Benchmarks.ExtendedRegions;

/// <summary>The engine on large inputs and a typical board tree end to end.</summary>
[MemoryDiagnoser]
public class ExtendedRegionsBenchmarks
{
    private readonly ExtendedRegionsEngine _engine = new();
    private ExtendedRegionsInput _p1 = null!;
    private ExtendedRegionsInput _p2 = null!;
    private ExtendedRegionsInput _p2Legacy = null!;
    private byte[] _boardDtb = null!;

    [GlobalSetup]
    public void Setup()
    {
        // P1: 10 000 host banks of 256 MiB with 64 MiB gaps; Dom0 takes one bank in ten.
        var ram = new MemoryBank[10_000];
        var dom0 = new MemoryBank[1_000];
        for (int i = 0; i < ram.Length; i++)
        {
            ram[i] = new MemoryBank(0x40000000UL + ((ulong)i * 0x14000000), 0x10000000, MemoryBankKind.HostRam);
            if (i % 10 == 0)
            {
                dom0[i / 10] = new MemoryBank(ram[i].Start, 0x8000000, MemoryBankKind.DomainRam);
            }
        }

        _p1 = new ExtendedRegionsInput { IpaBits = 48, HostRam = ram, DomainRam = dom0, GrantWindow = new MemoryBank(0x40080000, 0x40000) };

        // P2: 100 000 reg entries of 64 KiB every 1 MiB (a hole between each), in document order.
        var windows = new DescribedWindow[100_000];
        for (int i = 0; i < windows.Length; i++)
        {
            windows[i] = DescribedWindow.Reg("/soc/dev", i, (ulong)i * 0x100000, 0x10000);
        }

        _p2 = new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 48, DescribedWindows = windows };
        _p2Legacy = _p2 with { Release = XenRelease.V4200 };
        _boardDtb = DtbWriter.Write(DtsReader.Parse(BoardDts()));
    }

    [Benchmark]
    public int P1_10000_host_banks() => _engine.Compute(_p1).Regions.Count;

    [Benchmark]
    public int P2_100000_reg_entries() => _engine.Compute(_p2).Regions.Count;

    [Benchmark]
    public int P2_100000_reg_entries_legacy_4_20_0() => _engine.Compute(_p2Legacy).Regions.Count;

    [Benchmark]
    public int Board_dtb_end_to_end()
    {
        DeviceTree tree = DtbReader.Read(_boardDtb);
        ExtendedRegionsInput input = new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 40 }.WithHostDeviceTree(tree);
        return _engine.Compute(input).Regions.Count;
    }

    /// <summary>A board-like tree: memory, reserved memory, a GIC, a PCIe bridge and ~450 devices under a soc bus (~60 KB DTB).</summary>
    public static string BoardDts()
    {
        var sb = new StringBuilder();
        sb.Append("/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>; compatible = \"vendor,board\"; model = \"Synthetic board\";\n");
        sb.Append(" memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x80000000>, <0x5 0x0 0x0 0x80000000>; };\n");
        sb.Append(" reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges; optee@43000000 { reg = <0x0 0x43000000 0x0 0x200000>; no-map; }; };\n");
        sb.Append(" chosen { bootargs = \"console=ttyAMA0 earlycon\"; };\n");
        sb.Append(" pcie@30000000 { device_type = \"pci\"; #address-cells = <3>; #size-cells = <2>; reg = <0x0 0x30000000 0x0 0x1000000>;\n");
        sb.Append("   ranges = <0x01000000 0x0 0x0 0x0 0x31000000 0x0 0x100000>, <0x02000000 0x0 0x32000000 0x0 0x32000000 0x0 0xe000000>; };\n");
        sb.Append(" soc { compatible = \"simple-bus\"; #address-cells = <2>; #size-cells = <2>; ranges;\n");
        for (int i = 0; i < 450; i++)
        {
            ulong address = 0xE0000000UL + ((ulong)i * 0x10000);
            sb.Append(CultureInfo.InvariantCulture, $"  dev@{address:x} {{ compatible = \"vendor,dev{i % 17}\", \"vendor,generic\"; reg = <0x0 0x{address:x} 0x0 0x1000>; interrupts = <0 {i % 200} 4>; clocks = <1 {i}>; status = \"okay\"; }};\n");
        }

        sb.Append(" };\n};\n");
        return sb.ToString();
    }
}
