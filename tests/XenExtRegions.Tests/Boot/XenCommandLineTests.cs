using System;
using XenExtRegions.Boot;

namespace XenExtRegions.Tests.Boot;

public sealed class XenCommandLineTests
{
    [Theory]
    [InlineData("ext_regions=0", false)]
    [InlineData("ext_regions=no", false)]
    [InlineData("ext_regions=off", false)]
    [InlineData("ext_regions=false", false)]
    [InlineData("ext_regions=disable", false)]
    [InlineData("ext_regions", true)]
    [InlineData("ext_regions=1", true)]
    [InlineData("ext_regions=enable", true)]
    [InlineData("no-ext_regions", false)]
    [InlineData("no-ext_regions=0", true)]
    [InlineData("ext_regions=0 ext_regions=yes", true)]
    [InlineData("console=dtuart  ext_regions=on   dom0_mem=512M", true)]
    public void Ext_regions_is_read_as_Xens_boolean_parameters_are(string line, bool expected)
    {
        XenCommandLine c = XenCommandLine.Parse(line);
        Assert.Equal(expected, c.ExtendedRegions);
        Assert.Empty(c.Problems);
    }

    [Theory]
    [InlineData("ext_regions=maybe")]
    [InlineData("ext_regions=On")]
    [InlineData("ext_regions=2")]
    public void An_unknown_boolean_word_leaves_the_option_unset_and_is_reported(string line)
    {
        XenCommandLine c = XenCommandLine.Parse(line);
        Assert.Null(c.ExtendedRegions);
        string problem = Assert.Single(c.Problems);
        Assert.Contains("\"ext_regions\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_option_is_null_so_the_caller_applies_Xens_default()
    {
        XenCommandLine c = XenCommandLine.Parse("console=dtuart dtuart=serial0");
        Assert.Null(c.ExtendedRegions);
        Assert.Null(c.Dom0Memory);
        Assert.Null(c.Iommu);
        Assert.Null(c.GrantTableMaxFrames);
        Assert.Null(c.LlcColoring);
        Assert.Equal(2, c.Options.Count);
        Assert.Equal("dtuart=serial0", c.Options[1].ToString());
    }

    [Theory]
    [InlineData("dom0_mem=512M", 512UL << 20)]
    [InlineData("dom0_mem=1G", 1UL << 30)]
    [InlineData("dom0_mem=1g", 1UL << 30)]
    [InlineData("dom0_mem=2T", 2UL << 40)]
    [InlineData("dom0_mem=524288", 512UL << 20)] // no suffix: KiB
    [InlineData("dom0_mem=536870912B", 0x20000000UL)]
    [InlineData("dom0_mem=0x1000B", 0x1000BUL << 10)] // B is a hex digit here: no suffix, so KiB, as in Xen
    [InlineData("dom0_mem=0x100000K", 1UL << 30)]
    [InlineData("dom0_mem=010M", 8UL << 20)] // a leading 0 is octal, as simple_strtoull reads it
    [InlineData("dom0_mem=256M dom0_mem=1G", 1UL << 30)]
    public void Dom0_mem_is_read_as_parse_size_and_unit_reads_it(string line, ulong bytes)
    {
        XenCommandLine c = XenCommandLine.Parse(line);
        Assert.Equal(bytes, c.Dom0Memory);
        Assert.Empty(c.Problems);
    }

    [Fact]
    public void A_dom0_mem_with_a_tail_is_reported_but_its_number_still_counts_as_in_Xen()
    {
        XenCommandLine c = XenCommandLine.Parse("dom0_mem=512MB");
        Assert.Equal(512UL << 20, c.Dom0Memory);
        Assert.Contains("\"dom0_mem\" has invalid value \"512MB\"", Assert.Single(c.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iommu=0", false, false)]
    [InlineData("iommu=no", false, false)]
    [InlineData("no-iommu", false, false)]
    [InlineData("iommu=1", true, false)]
    [InlineData("iommu=on,verbose", true, false)]
    [InlineData("iommu=required", null, true)]
    [InlineData("iommu=force", null, true)]
    [InlineData("iommu=1,force", true, true)]
    [InlineData("iommu=force,no-force", null, false)]
    public void Iommu_is_read_as_parse_iommu_param_reads_it(string line, bool? enabled, bool required)
    {
        XenCommandLine c = XenCommandLine.Parse(line);
        Assert.Equal(enabled, c.Iommu);
        Assert.Equal(required, c.IommuRequired);
    }

    [Theory]
    [InlineData("gnttab_max_frames=128", 128UL)]
    [InlineData("gnttab_max_frames=0x40", 64UL)]
    public void Gnttab_max_frames_is_an_integer(string line, ulong frames) =>
        Assert.Equal(frames, XenCommandLine.Parse(line).GrantTableMaxFrames);

    [Fact]
    public void A_non_numeric_gnttab_max_frames_is_reported()
    {
        XenCommandLine c = XenCommandLine.Parse("gnttab_max_frames=lots");
        Assert.Null(c.GrantTableMaxFrames);
        Assert.Single(c.Problems);
    }

    [Theory]
    [InlineData("llc-coloring=on", true)]
    [InlineData("llc-coloring", true)]
    [InlineData("llc-coloring=0", false)]
    public void Llc_coloring_is_a_boolean(string line, bool expected) => Assert.Equal(expected, XenCommandLine.Parse(line).LlcColoring);

    [Fact]
    public void Null_and_empty_lines_have_no_options() => Assert.Empty(XenCommandLine.Parse(null).Options);

    [Fact]
    public void A_long_hostile_line_is_read_in_one_pass()
    {
        string line = "dom0_mem=" + new string('9', 200_000) + " " + string.Concat(System.Linq.Enumerable.Repeat("ext_regions=0 ", 20_000));
        XenCommandLine c = XenCommandLine.Parse(line);
        Assert.False(c.ExtendedRegions);
        Assert.Equal(20_001, c.Options.Count);
    }
}
