using System;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;
using XenExtRegions.Tests.Boot;
using XenExtRegions.Tests.DeviceTrees;

namespace XenExtRegions.Tests.Cli.Rendering;

/// <summary>--format zephyr: the hypervisor node as a Zephyr board overlay (spec §17.7), and guest's Zephyr and Linux-name checks (§17.6).</summary>
public sealed class ZephyrOverlayRendererTests : IDisposable
{
    private const string Wrapper = "/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; };\n";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-zephyr-" + Guid.NewGuid().ToString("N"));

    public ZephyrOverlayRendererTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Render(params MemoryBank[] regions)
    {
        RegionReport report = SvgTestReports.Small("d1") with { Regions = regions, GrantTable = new MemoryBank(0x38000000, 0x1000000, MemoryBankKind.GrantTable) };
        using var w = new StringWriter();
        ZephyrOverlayRenderer.Render(report, w);
        return w.ToString();
    }

    private string Compile(string fragment)
    {
        string dts = Path.Combine(_dir, "overlay.dts");
        string dtb = Path.Combine(_dir, "overlay.dtb");
        File.WriteAllText(dts, Wrapper + fragment);
        DtcTool.Run("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, dts);
        return dtb;
    }

    [Fact]
    public void Dom0_overlay_compiles_with_dtc_and_holds_the_grant_table_then_the_regions()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        CliResult r = CliRunner.Run("dom0", "--format", "zephyr");
        Assert.True(r.ExitCode == 0, r.ToString());
        DeviceTree tree = DtbReader.ReadFile(Compile(r.Out));
        DeviceTreeNode node = tree.FindNode("/hypervisor@78080000")!;
        Assert.Equal(["xen,xen"], node.Compatible);
        Assert.Equal("okay", node.Status);
        var reg = new DeviceTreeAddressDecoder().DecodeReg(node);
        Assert.Equal(8, reg.Count);
        Assert.Equal((0x78080000UL, 0x40000UL), (reg[0].Address, reg[0].Size));
        Assert.Equal((0x700000000UL, 0x80000000UL), (reg[7].Address, reg[7].Size));
    }

    [Fact]
    public void A_region_at_zero_starts_one_page_higher_and_one_of_a_page_is_dropped()
    {
        string moved = Render(new MemoryBank(0, 0x30000000, MemoryBankKind.ExtendedRegion), new MemoryBank(0x60000000, 0x4000000, MemoryBankKind.ExtendedRegion));
        Assert.Contains("<0x0 0x1000 0x0 0x2ffff000>", moved, StringComparison.Ordinal);
        Assert.DoesNotContain("<0x0 0x0 0x0 0x30000000>", moved, StringComparison.Ordinal);
        Assert.Contains("moved up one page", moved, StringComparison.Ordinal);

        string dropped = Render(new MemoryBank(0, 0x1000, MemoryBankKind.ExtendedRegion), new MemoryBank(0x60000000, 0x4000000, MemoryBankKind.ExtendedRegion));
        Assert.Contains("dropped", dropped, StringComparison.Ordinal);
        Assert.Contains("reg = <0x0 0x38000000 0x0 0x1000000>,\n\t\t      <0x0 0x60000000 0x0 0x4000000>;", dropped.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_is_named_after_the_grant_table_start_and_an_empty_list_is_said()
    {
        string text = Render();
        Assert.Contains("hypervisor: hypervisor@38000000 {", text, StringComparison.Ordinal);
        Assert.Contains("needs at least one", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Domu_and_boot_write_one_domain_and_boot_asks_for_domain_when_several()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        CliResult domu = CliRunner.Run("domu", "--memory", "512M", "--format", "zephyr");
        Assert.True(domu.ExitCode == 0, domu.ToString());
        Assert.NotNull(DtbReader.ReadFile(Compile(domu.Out)).FindNode("/hypervisor@38000000"));

        string tree = Path.Combine(_dir, "host.dts");
        File.WriteAllText(tree, new BootTrees().Domain("domU1", "0x100000").Dts());
        string log = Path.Combine(_dir, "boot.log");
        File.WriteAllText(log, "(XEN) Xen version 4.22.0 (builder@example.org) debug=n\n(XEN) Allocating 1:1 mappings totalling 256MB for dom0:\n(XEN) BANK[0] 0x00000060000000-0x00000070000000 (256MB)\n(XEN) Grant table range: 0x00000041000000-0x00000041040000\n");
        CliResult both = CliRunner.Run("boot", "--dtb", tree, "--xen-log", log, "--format", "zephyr");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--domain", both.Error, StringComparison.Ordinal);
        CliResult d1 = CliRunner.Run("boot", "--dtb", tree, "--xen-log", log, "--format", "zephyr", "--domain", "d1");
        Assert.True(d1.ExitCode == 0, d1.ToString());
        Assert.Contains("hypervisor@38000000", d1.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Guest_prints_zephyr_verdicts_and_says_linux_does_not_find_a_unit_address_node()
    {
        string good = Path.Combine(_dir, "guest.dts");
        File.WriteAllText(good, "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; hypervisor { compatible = \"xen,xen-4.22\", \"xen,xen\"; reg = <0 0x38000000 0 0x1000000>, <0 0x0 0 0x30000000>, <0 0x40000000 0 0x40000000>; }; };");
        CliResult r = CliRunner.Run("guest", good);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Zephyr: a build with this node in its board devicetree FAILS", r.Out, StringComparison.Ordinal);
        Assert.Contains("reg[1] region  refused: starts at 0", r.Out, StringComparison.Ordinal);
        Assert.Contains("reg[2] region  usable", r.Out, StringComparison.Ordinal);
        Assert.Contains("Linux accepts", r.Out, StringComparison.Ordinal);

        string unit = Path.Combine(_dir, "unit.dts");
        File.WriteAllText(unit, File.ReadAllText(good).Replace("hypervisor {", "hypervisor@38000000 {", StringComparison.Ordinal));
        CliResult u = CliRunner.Run("guest", unit);
        Assert.True(u.ExitCode == 0, u.ToString());
        Assert.Contains("Linux REJECTS", u.Out, StringComparison.Ordinal);
        Assert.Contains("/hypervisor@38000000: Linux looks for a node named exactly 'hypervisor'", u.Out, StringComparison.Ordinal);
        Assert.Equal(0, u.Out.Split('\n').Count(l => l.StartsWith("  in reg[", StringComparison.Ordinal)));
    }
}
