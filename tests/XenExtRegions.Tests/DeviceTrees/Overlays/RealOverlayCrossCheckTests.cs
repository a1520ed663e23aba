using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// DeviceTreeOverlay on the overlays and board trees of Debian trixie's arm64 kernel package (Fixtures/real, see its
/// README), against the fdtoverlay installed and against the results the kernel build made with its own fdtoverlay.
/// Each result is byte-identical, or differs only by a class DtbLayoutComparison names; each refusal of fdtoverlay
/// is ours too, as a DeviceTreeOverlayException naming the fixup or fragment and the property.
/// </summary>
public sealed class RealOverlayCrossCheckTests : IDisposable
{
    // The classes of byte difference these cross-checks accept, each explained where it is defined.
    private static readonly string[] AcceptedClasses = [DtbLayoutComparison.StringsLayout, DtbLayoutComparison.StalePadding];

    private readonly string _dir = Directory.CreateTempSubdirectory("xer-real-overlay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Applied => Lines(c => c.Refusal is null);

    public static TheoryData<string> Built => Lines(c => c.BuiltName is not null);

    public static TheoryData<string> Refused => Lines(c => c.Refusal is not null);

    [Theory]
    [MemberData(nameof(Applied))]
    public void Apply_gives_what_fdtoverlay_gives(string line)
    {
        DtcTool.SkipUnlessInstalled("fdtoverlay");
        RealOverlayCase c = RealOverlayCase.Find(line);
        byte[] theirs = RunFdtoverlay(c);
        DeviceTree ours = c.ApplyOurs(FdtoverlayRules.Value);

        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(DtbReader.Read(theirs), ours);
        Assert.True(difference is null, $"{line}: {difference}");
        AssertSameBytesOrNamedClasses(c, theirs, DtbWriter.Write(ours));
    }

    [Theory]
    [MemberData(nameof(Built))]
    public void Apply_gives_what_the_kernel_build_gave(string line)
    {
        RealOverlayCase c = RealOverlayCase.Find(line);
        byte[] built = RealOverlayCase.Blob(c.BuiltName!);
        DeviceTree ours = c.ApplyOurs(DeviceTreeOverlayOptions.Default);

        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(DtbReader.Read(built), ours);
        Assert.True(difference is null, $"{line}: {difference}");
        AssertSameBytesOrNamedClasses(c, built, DtbWriter.Write(ours));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Apply_refuses_what_fdtoverlay_refuses(string line)
    {
        RealOverlayCase c = RealOverlayCase.Find(line);
        DeviceTreeOverlayException ours = Assert.Throws<DeviceTreeOverlayException>(() => c.ApplyOurs(DeviceTreeOverlayOptions.Default));
        Assert.Equal(c.Refusal, ours.Error);
        Assert.False(string.IsNullOrEmpty(ours.NodePath), ours.Message);
        Assert.False(string.IsNullOrEmpty(ours.PropertyName), ours.Message);
        Assert.Contains(ours.PropertyName!, ours.Message, StringComparison.Ordinal);

        if (DtcTool.Find("fdtoverlay") is null)
        {
            return;
        }

        InvalidOperationException theirs = Assert.Throws<InvalidOperationException>(() => RunFdtoverlay(c));

        // A base without __symbols__ is FDT_ERR_NOTFOUND in libfdt 1.6 and FDT_ERR_BADOFFSET from 1.7 on; we name the cause.
        string expected = c.Refusal == DeviceTreeOverlayError.NoBaseSymbols ? "FDT_ERR_" : ours.LibfdtErrorName;
        Assert.Contains(expected, theirs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_real_overlay_fixture_is_cross_checked()
    {
        var used = new HashSet<string>(RealOverlayCase.All.SelectMany(c => c.Overlays.Append(c.BaseName)), StringComparer.Ordinal);
        string[] unused = Directory.GetFiles(RealOverlayCase.Folder)
            .Select(Path.GetFileName)
            .Select(name => name!.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name)
            .Where(name => name.EndsWith(".dtb", StringComparison.Ordinal) || name.EndsWith(".dtbo", StringComparison.Ordinal))
            .Where(name => !used.Contains(name) && !RealOverlayCase.All.Any(c => c.BuiltName == name))
            .ToArray();
        Assert.Empty(unused);
        Assert.Contains(RealOverlayCase.All, c => c.Overlays.Count > 2);
    }

    [Fact]
    public void A_difference_outside_the_strings_layout_is_not_explained_away()
    {
        RealOverlayCase c = RealOverlayCase.All.First(x => x.BuiltName is not null);
        byte[] built = RealOverlayCase.Blob(c.BuiltName!);
        byte[] baseBlob = RealOverlayCase.Blob(c.BaseName);
        DeviceTree ours = c.ApplyOurs(DeviceTreeOverlayOptions.Default);
        Assert.Equal([DtbLayoutComparison.StringsLayout], DtbLayoutComparison.Explain(built, DtbWriter.Write(ours), baseBlob).Classes);

        // Free space at the end, and one byte of a property value changed: both named as unexplained.
        Assert.NotEmpty(DtbLayoutComparison.Explain(built, DtbWriter.Write(ours, new DtbWriterOptions { ExtraFreeSpace = 8 }), baseBlob).Unexplained);
        var builder = new DeviceTreeBuilder(ours);
        builder.SetProperty("/", "model", "changed\0"u8);
        Assert.NotEmpty(DtbLayoutComparison.Explain(built, DtbWriter.Write(builder.Build()), baseBlob).Unexplained);
    }

    private static void AssertSameBytesOrNamedClasses(RealOverlayCase c, byte[] expected, byte[] actual)
    {
        (IReadOnlyList<string> classes, IReadOnlyList<string> unexplained) = DtbLayoutComparison.Explain(expected, actual, RealOverlayCase.Blob(c.BaseName));
        Assert.True(unexplained.Count == 0, $"{c.Line}: {string.Join("; ", unexplained)}");
        Assert.All(classes, c => Assert.Contains(c, AcceptedClasses));
        TestContext.Current.TestOutputHelper?.WriteLine(classes.Count == 0 ? "byte-identical" : "tree-identical: " + string.Join(", ", classes));
    }

    private byte[] RunFdtoverlay(RealOverlayCase c)
    {
        string basePath = Materialise(c.BaseName);
        string output = Path.Combine(_dir, "out.dtb");
        DtcTool.Run("fdtoverlay", ["-i", basePath, "-o", output, .. c.Overlays.Select(Materialise)]);
        return File.ReadAllBytes(output);
    }

    private string Materialise(string name)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, RealOverlayCase.Blob(name));
        return path;
    }

    private static TheoryData<string> Lines(Func<RealOverlayCase, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (RealOverlayCase c in RealOverlayCase.All.Where(which))
        {
            data.Add(c.Line);
        }

        return data;
    }

    // fdtoverlay before libfdt 1.7 gives a merged node the overlay's phandle (DeviceTreeOverlayOptions.KeepBasePhandles).
    private static readonly Lazy<DeviceTreeOverlayOptions> FdtoverlayRules = new(() =>
    {
        string version = DtcTool.Run("fdtoverlay", "--version");
        System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(version, @"(\d+)\.(\d+)");
        bool atLeastOneSeven = m.Success && (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 100)
            + int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 107;
        return atLeastOneSeven ? DeviceTreeOverlayOptions.Default : new DeviceTreeOverlayOptions { KeepBasePhandles = false };
    });
}
