using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>boot_cpuid_phys from DTS: dtc's guess (first /cpus child's one-cell reg) unless set, as dtc's -b.</summary>
public sealed class DtsReaderBootCpuTests
{
    private const string Cpus = "/ { cpus { #address-cells = <1>; #size-cells = <0>; cpu@102 { reg = <0x102>; }; cpu@0 { reg = <0>; }; }; };";

    [Fact]
    public void The_first_cpu_nodes_reg_is_the_boot_cpu()
    {
        Assert.Equal(0x102u, Parse(Cpus).BootCpuIdPhys);
    }

    [Fact]
    public void The_option_sets_it_as_dtcs_b_does()
    {
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n" + Cpus, "t.dts", new DtsReaderOptions { BootCpuIdPhys = 7 });
        Assert.Equal(7u, tree.BootCpuIdPhys);
    }

    [Theory]
    [InlineData("/ { };")]
    [InlineData("/ { cpus { }; };")]
    [InlineData("/ { cpus { cpu-map { }; cpu@1 { reg = <1>; }; }; };")]
    [InlineData("/ { cpus { cpu@1 { reg = <0 1>; }; }; };")]
    [InlineData("/ { cpu { c { reg = <1>; }; }; };")]
    public void Without_a_one_cell_reg_on_the_first_cpus_child_it_is_zero(string source)
    {
        Assert.Equal(0u, Parse(source).BootCpuIdPhys);
    }

    [Fact]
    public void A_deleted_first_child_still_counts_as_dtc_counts_it()
    {
        // dtc looks at the first child written, deleted or not; a deleted one has no live reg, so 0.
        Assert.Equal(0u, Parse("/ { cpus { a { reg = <5>; }; b { reg = <6>; }; }; };\n/ { cpus { /delete-node/ a; }; };").BootCpuIdPhys);
    }

    [Fact]
    public void It_survives_DTS_to_DTB_and_dtc_agrees()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string source = "/dts-v1/;\n" + Cpus;
        byte[] ours = DtbWriter.Write(DtsReader.Parse(source, "t.dts"));
        byte[] theirs = DtcTool.WithTempFile(System.Text.Encoding.ASCII.GetBytes(source), path => DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", path));
        Assert.Equal(theirs, ours);
        Assert.Equal(0x102u, DtbReader.Read(ours).BootCpuIdPhys);
    }
}
