using System;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Dts;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// Overlays compiled from DTS by our reader, applied by DeviceTreeOverlay to a base compiled by dtc -@, against
/// fdtoverlay applying dtc's compilation of the same overlay: the same tree, node by node and property by property.
/// </summary>
public sealed class DeviceTreeOverlayDtsCrossCheckTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-dtsoverlay-" + Guid.NewGuid().ToString("N"));

    public DeviceTreeOverlayDtsCrossCheckTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The overlay sources whose targets and labels base-board.dts has.</summary>
    public static TheoryData<string> Applicable => new()
    {
        "label-target.dts",
        "path-target.dts",
        "both-forms.dts",
        "local-refs.dts",
        "external-arrays.dts",
        "property-labels.dts",
        "nested-labels.dts",
        "path-strings.dts",
        "explicit-phandles.dts",
        "deletions.dts",
        "label-twice.dts",
        "boot-cpu.dts",
        "sibling-order.dts",
    };

    [Theory]
    [MemberData(nameof(Applicable))]
    public void Our_compiled_overlay_applied_by_us_gives_fdtoverlays_tree(string overlay)
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtoverlay");
        string basePath = Path.Combine(_dir, "base.dtb");
        string overlayPath = Path.Combine(_dir, "overlay.dtbo");
        string expectedPath = Path.Combine(_dir, "expected.dtb");
        DtcTool.RunDtc("-q", "-@", "-I", "dts", "-O", "dtb", "-o", basePath, DtsOverlayDtcCrossCheckTests.FixturePath("base-board.dts"));
        DtcTool.RunDtc("-q", "-@", "-I", "dts", "-O", "dtb", "-o", overlayPath, DtsOverlayDtcCrossCheckTests.FixturePath(overlay));
        DtcTool.Run("fdtoverlay", "-i", basePath, "-o", expectedPath, overlayPath);

        DeviceTree ourOverlay = DtsReader.ParseFile(DtsOverlayDtcCrossCheckTests.FixturePath(overlay), new DtsReaderOptions { GenerateSymbols = true });
        DeviceTree ours = DeviceTreeOverlay.Apply(DtbReader.Read(File.ReadAllBytes(basePath)), ourOverlay, new DeviceTreeOverlayOptions { KeepBasePhandles = false });

        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(DtbReader.Read(File.ReadAllBytes(expectedPath)), ours);
        Assert.True(difference is null, $"{overlay}: {difference}");
    }

    [Fact]
    public void A_base_read_from_DTS_with_symbols_takes_the_overlay_as_dtcs_base_does()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string basePath = Path.Combine(_dir, "base.dtb");
        DtcTool.RunDtc("-q", "-@", "-I", "dts", "-O", "dtb", "-o", basePath, DtsOverlayDtcCrossCheckTests.FixturePath("base-board.dts"));
        var options = new DtsReaderOptions { GenerateSymbols = true };
        DeviceTree overlay = DtsReader.ParseFile(DtsOverlayDtcCrossCheckTests.FixturePath("external-arrays.dts"), options);

        DeviceTree fromDtc = DeviceTreeOverlay.Apply(DtbReader.Read(File.ReadAllBytes(basePath)), overlay);
        DeviceTree fromOurs = DeviceTreeOverlay.Apply(DtsReader.ParseFile(DtsOverlayDtcCrossCheckTests.FixturePath("base-board.dts"), options), overlay);

        Assert.Null(DeviceTreeComparer.FindFirstDifference(fromDtc, fromOurs));
        Assert.Equal(new[] { "uart0" }, fromOurs.FindNode("/soc/serial@1000")!.Labels.ToArray());
    }
}
