using System;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>The boot-wide facts: banner, command line, IOMMU, IPA width, dom0less mode.</summary>
public sealed class XenBootLogBootFactsTests
{
    [Theory]
    [InlineData("Xen version 4.20.5-pre (Debian 4.20.4+39-g1234567-1) (gcc) debug=n", "4.20.5-pre", 4, 20, 5, true)]
    [InlineData("Xen version 4.17.7 (pkg-xen-devel@lists.alioth.debian.org) (gcc) debug=n", "4.17.7", 4, 17, 7, false)]
    [InlineData("Xen version 4.21-unstable (user@host) (gcc) debug=y", "4.21-unstable", 4, 21, 0, true)]
    [InlineData("Xen version 4.20-rc (user@host) (gcc) debug=y", "4.20-rc", 4, 20, 0, true)]
    [InlineData("Xen version 4.23-dev (user@host)", "4.23-dev", 4, 23, 0, true)]
    [InlineData("Xen version 4.20-RC1 (user@host)", "4.20-RC1", 4, 20, 0, true)]
    [InlineData("Xen 4.17.3 (c/s Mon Jan 1 2024 +0000 git:1234abcd) EFI loader", "4.17.3", 4, 17, 3, false)]
    [InlineData("Xen 4.17.3", "4.17.3", 4, 17, 3, false)]
    [InlineData("Xen-4.21-unstable", "4.21-unstable", 4, 21, 0, true)]
    public void Version_banners(string line, string text, int major, int minor, int patch, bool pre)
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) hello\n(XEN) " + line + "\n");
        Assert.Equal(text, log.VersionText);
        Assert.Equal(new Version(major, minor, patch), log.Version);
        Assert.Equal(pre, log.IsPreRelease);
        Assert.Equal(2, log.VersionLineNumber);
    }

    [Fact]
    public void The_full_banner_wins_over_the_EFI_loader_line_and_Linux_lines_are_not_banners()
    {
        XenBootLog log = XenBootLogParser.Parse("Xen 4.17.2 (c/s x) EFI loader\n(XEN) Xen version 4.17.3 (a@b) (gcc)\n[    0.000000] Xen 4.18 support found\n");
        Assert.Equal("4.17.3", log.VersionText);
        Assert.Equal(2, log.VersionLineNumber);
        XenBootLog linux = XenBootLogParser.Parse("[    0.000000] Xen 4.18 support found\nXen version: 4.18.0\n");
        Assert.Null(linux.VersionText);
        Assert.Equal(0, linux.VersionLineNumber);
    }

    [Fact]
    public void Command_line_IOMMU_IPA_and_dom0less_mode()
    {
        XenBootLog log = XenBootLogParser.Parse(
            "(XEN) Command line: console=dtuart ext_regions=0 dom0_mem=1G  \n(XEN) P2M: 40-bit IPA with 40-bit PA and 8-bit VMID\n"
            + "(XEN) I/O virtualisation enabled\n(XEN) Xen dom0less mode detected\n");
        Assert.Equal("console=dtuart ext_regions=0 dom0_mem=1G", log.CommandLine);
        Assert.Equal(1, log.CommandLineLineNumber);
        Assert.Equal(40, log.IpaBits);
        Assert.Equal(2, log.IpaBitsLineNumber);
        Assert.True(log.IommuEnabled);
        Assert.Equal(3, log.IommuLineNumber);
        Assert.True(log.Dom0lessMode);
        Assert.Equal(4, log.XenLineCount);
    }

    [Fact]
    public void Absent_facts_are_null_and_zero()
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) I/O virtualisation disabled\n");
        Assert.False(log.IommuEnabled);
        Assert.Null(log.CommandLine);
        Assert.Equal(0, log.CommandLineLineNumber);
        Assert.Null(log.IpaBits);
        Assert.Equal(0, log.IpaBitsLineNumber);
        Assert.False(log.Dom0lessMode);
        XenBootLog none = XenBootLogParser.Parse("(XEN) nothing\n");
        Assert.Null(none.IommuEnabled);
        Assert.Equal(0, none.IommuLineNumber);
    }

    [Fact]
    public void An_empty_command_line_is_empty_not_absent_and_Xens_own_wins_over_an_unprefixed_one()
    {
        Assert.Equal(string.Empty, XenBootLogParser.Parse("(XEN) Command line: \n").CommandLine);
        XenBootLog log = XenBootLogParser.Parse("Command line: BOOT_IMAGE=/vmlinuz\n(XEN) Command line: dom0_mem=512M\n");
        Assert.Equal("dom0_mem=512M", log.CommandLine);
        Assert.Equal(2, log.CommandLineLineNumber);
    }

    [Fact]
    public void The_first_of_repeated_boot_facts_is_kept()
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) I/O virtualisation enabled\n(XEN) I/O virtualisation disabled\n(XEN) Command line: a\n(XEN) Command line: b\n");
        Assert.True(log.IommuEnabled);
        Assert.Equal("a", log.CommandLine);
    }
}
