using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class AuditTests
{
    [Fact]
    public void P1_regions_over_boot_modules_and_user_exclusions_are_flagged()
    {
        ExtendedRegionsInput e1 = E1("latest");
        var input = new ExtendedRegionsInput
        {
            HostRam = e1.HostRam, ReservedMemory = e1.ReservedMemory, DomainRam = e1.DomainRam, GrantWindow = e1.GrantWindow,
            BootModules = [new BootModule(BootModuleKind.Kernel, 0x4A000000, 0x2000000, "/chosen/module@4a000000")],
            UserExclusions = [new MemoryBank(0x600000000, 0x1000, MemoryBankKind.UserExclusion, "my FPGA window")],
        };
        var findings = ExtendedRegionAudit.Audit(Run(input));
        AuditFinding module = Assert.Single(findings, f => f.Kind == AuditFindingKind.OverlapsBootModule);
        Assert.Equal(0, module.RegionIndex);
        Assert.Equal("/chosen/module@4a000000", module.Subject);
        Assert.Equal(AuditSeverity.Note, module.Severity);
        AuditFinding user = Assert.Single(findings, f => f.Kind == AuditFindingKind.OverlapsUserExclusion);
        Assert.Equal(5, user.RegionIndex);
        Assert.Equal(new AddressRange(0x600000000, 0x600000FFF), user.Overlap);
    }

    [Fact]
    public void A_clean_result_has_no_unsafe_finding() =>
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(Run(E2("latest"))), f => f.Severity == AuditSeverity.Unsafe);

    [Fact]
    public void The_wrap_hazard_output_is_rejected_by_Linux()
    {
        // 4.16 byte rangeset: a removal ending at 2^64-1 whose start lies below the last range corrupts the list.
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.V4161, IommuEnabled = true, IpaBits = 40,
            DescribedWindows = [DescribedWindow.Reg("/low", 0, 0x10000000, 0x10000000), DescribedWindow.Reg("/top", 0, 0x08000000, 0xFFFFFFFFF8000000)],
        };
        ExtendedRegionsResult result = Run(input);
        Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.RangesetOrderCorrupted);
        Assert.Equal("0x0->0x8000000, 0x0->0x10000000000", Format(result));
        Assert.Contains(ExtendedRegionAudit.Audit(result), f => f.Kind == AuditFindingKind.RejectedByLinux);
    }

    [Fact]
    public void Regions_of_64_MiB_are_useless_to_Linux()
    {
        var findings = ExtendedRegionAudit.Audit(Run(E4("latest")));
        Assert.Contains(findings, f => f.Kind == AuditFindingKind.UnusableByLinux && f.RegionIndex == 0 && f.Severity == AuditSeverity.Warning);
    }
}
