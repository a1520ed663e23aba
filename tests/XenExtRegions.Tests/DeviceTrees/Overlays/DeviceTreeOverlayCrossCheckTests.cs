using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Overlays.DeviceTreeOverlayTests;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// DeviceTreeOverlay.Apply against Debian's fdtoverlay on overlays compiled with dtc -@ at test time: the merged trees
/// are equal node by node and property by property, in order (libfdt puts new properties and nodes first).
/// </summary>
/// <remarks>
/// The blobs are not byte-identical: libfdt appends each new property name at the end of the strings block, our DTB
/// writer lists names in order of first use. Same length, same structure, other name offsets.
/// Debian ships dtc 1.6.1, whose fdt_overlay_apply predates overlay_prevent_phandle_overwrite (libfdt 1.7): where an
/// overlay node with a phandle merges into a base node with one (phandle-conflict.dts), fdtoverlay is compared with
/// KeepBasePhandles = false, and the default (libfdt 1.7) result is checked on its own.
/// </remarks>
public sealed class DeviceTreeOverlayCrossCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-overlay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Overlay chains applied in order to base.dts.</summary>
    public static TheoryData<string> Applied => new()
    {
        "target-path",
        "label-target",
        "local-fixups",
        "nested",
        "replace",
        "two-fragments",
        "alias-target",
        "local-fixups+stacked",
        "phandle-conflict",
    };

    [Theory]
    [MemberData(nameof(Applied))]
    public void Apply_gives_the_tree_fdtoverlay_gives(string chain)
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtoverlay");
        string basePath = Compile("base", withSymbols: true);
        string[] overlays = chain.Split('+').Select(o => Compile(o, withSymbols: true)).ToArray();
        string expectedPath = Path.Combine(_dir, "expected.dtb");
        DtcTool.Run("fdtoverlay", [.. new[] { "-i", basePath, "-o", expectedPath }, .. overlays]);
        byte[] expectedBlob = File.ReadAllBytes(expectedPath);

        DeviceTree ours = DtbReader.Read(File.ReadAllBytes(basePath));
        foreach (string overlay in overlays)
        {
            ours = DeviceTreeOverlay.Apply(ours, DtbReader.Read(File.ReadAllBytes(overlay)), LibfdtOneSix);
        }

        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(DtbReader.Read(expectedBlob), ours);
        Assert.True(difference is null, $"{chain}: {difference}");
        Assert.Equal(expectedBlob.Length, DtbWriter.Write(ours).Length);
    }

    [Fact]
    public void By_default_the_base_phandle_is_kept_where_fdtoverlay_1_6_replaces_it()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        DeviceTree baseTree = DtbReader.Read(File.ReadAllBytes(Compile("base", withSymbols: true)));
        DeviceTree overlay = DtbReader.Read(File.ReadAllBytes(Compile("phandle-conflict", withSymbols: true)));
        uint basePhandle = baseTree.Find("/soc/i2c@2000").GetProperty("phandle")!.GetUInt32();

        DeviceTree kept = DeviceTreeOverlay.Apply(baseTree, overlay);
        DeviceTree replaced = DeviceTreeOverlay.Apply(baseTree, overlay, LibfdtOneSix);

        Assert.Equal(basePhandle, kept.Find("/soc/i2c@2000").GetProperty("phandle")!.GetUInt32());
        Assert.Equal(basePhandle, kept.Find("/soc/bus-user").GetProperty("i2c-bus")!.GetUInt32());
        Assert.NotEqual(basePhandle, replaced.Find("/soc/i2c@2000").GetProperty("phandle")!.GetUInt32());
    }

    [Fact]
    public void Symbols_of_the_overlays_are_merged_with_their_target_paths()
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtoverlay");
        DeviceTree ours = DtbReader.Read(File.ReadAllBytes(Compile("base", withSymbols: true)));
        foreach (string overlay in new[] { "local-fixups", "nested", "alias-target" })
        {
            ours = DeviceTreeOverlay.Apply(ours, DtbReader.Read(File.ReadAllBytes(Compile(overlay, withSymbols: true))));
        }

        DeviceTreeNode symbols = ours.Find("/__symbols__");
        Assert.Equal("/soc/clock-controller@4000", symbols.GetProperty("myclk")!.GetString());
        Assert.Equal("/soc/i2c@2000/mux@70/i2c@0/temperature-sensor@48", symbols.GetProperty("sensor")!.GetString());

        // target-path = "serial0": libfdt writes the alias as the path's start, as it was written.
        Assert.Equal("serial0/console", symbols.GetProperty("console")!.GetString());
    }

    public static TheoryData<string, bool, DeviceTreeOverlayError, string> Refused => new()
    {
        { "missing-symbol", true, DeviceTreeOverlayError.NotFound, "FDT_ERR_NOTFOUND" },
        { "bad-target", true, DeviceTreeOverlayError.NotFound, "FDT_ERR_NOTFOUND" },

        // libfdt 1.7 and later return FDT_ERR_BADOFFSET here; Debian's 1.6.1 returns FDT_ERR_NOTFOUND.
        { "label-target", false, DeviceTreeOverlayError.NoBaseSymbols, "FDT_ERR_" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Apply_refuses_what_fdtoverlay_refuses(string overlay, bool baseWithSymbols, DeviceTreeOverlayError error, string fdtoverlayError)
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtoverlay");
        string basePath = Compile("base", baseWithSymbols);
        string overlayPath = Compile(overlay, withSymbols: true);
        InvalidOperationException theirs = Assert.Throws<InvalidOperationException>(
            () => DtcTool.Run("fdtoverlay", "-i", basePath, "-o", Path.Combine(_dir, "refused.dtb"), overlayPath));
        Assert.Contains(fdtoverlayError, theirs.Message, StringComparison.Ordinal);

        DeviceTree baseTree = DtbReader.Read(File.ReadAllBytes(basePath));
        DeviceTree overlayTree = DtbReader.Read(File.ReadAllBytes(overlayPath));
        DeviceTreeOverlayException ours = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlayTree));
        Assert.Equal(error, ours.Error);
        if (error == DeviceTreeOverlayError.NoBaseSymbols)
        {
            Assert.Contains("compile it with dtc -@", ours.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(ours.LibfdtErrorName, theirs.Message, StringComparison.Ordinal);
        }
    }

    // Every fixture but phandle-conflict gives the same tree either way. Tried by hand on Debian's arm64 kernel package:
    // the 68 overlay/board pairs fdtoverlay applies give its tree with LibfdtOneSix, and 13 differ under the default,
    // by this rule only.
    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Overlays", "Fixtures", name + ".dts");

    private string Compile(string name, bool withSymbols)
    {
        string output = Path.Combine(_dir, $"{name}{(withSymbols ? string.Empty : "-nosym")}.dtb");
        var args = new List<string> { "-q", "-I", "dts", "-O", "dtb", "-o", output };
        if (withSymbols)
        {
            args.Add("-@");
        }

        args.Add(FixturePath(name));
        DtcTool.Run("dtc", args.ToArray());
        return output;
    }
}
