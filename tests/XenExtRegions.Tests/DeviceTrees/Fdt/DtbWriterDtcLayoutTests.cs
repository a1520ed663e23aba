using System;
using System.IO;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>The writer lays a blob out byte for byte as dtc 1.6.1 does, string tails included.</summary>
public sealed class DtbWriterDtcLayoutTests
{
    public static TheoryData<string> RealBlobs => new()
    {
        "bcm2712-rpi-5-b.dtb",
        "meson-a1-ad402.dtb",
        "fvp-base-revc.dtb",
        "mt7986a-bananapi-bpi-r3.dtb",
        "imx8mm-phygate-tauri-l.dtb",
    };

    // Not edge-cases.dts: its "/memreserve/ 0x0 0x0;" is written by dtc but ends the block for every reader, ours too.
    public static TheoryData<string> Fixtures => new() { "board.dts" };

    private static byte[] Real(string name) => File.ReadAllBytes(DtcTool.FixturePath(Path.Combine("linux-6.12", name)));

    [Theory]
    [MemberData(nameof(RealBlobs))]
    public void A_real_dtc_blob_is_written_back_to_the_same_bytes(string name)
    {
        byte[] original = Real(name);
        Assert.Equal(original, DtbWriter.Write(DtbReader.Read(original)));
    }

    [Theory]
    [MemberData(nameof(RealBlobs))]
    public void Dtc_rewrites_our_blob_of_a_real_tree_unchanged(string name)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] ours = DtbWriter.Write(DtbReader.Read(Real(name)));
        byte[] dtcs = DtcTool.WithTempFile(ours, path => DtcTool.RunDtc("-q", "-I", "dtb", "-O", "dtb", path));
        Assert.Equal(dtcs, ours);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_fixture_compiled_by_dtc_is_written_back_to_dtcs_bytes(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] dtcBlob = DtcTool.CompileFixture(fixture);
        Assert.Equal(dtcBlob, DtbWriter.Write(DtbReader.Read(dtcBlob)));
    }

    [Fact]
    public void Names_sharing_tails_are_laid_out_as_dtc_lays_them_out()
    {
        DtcTool.SkipUnlessInstalled("dtc");

        // Shorter names before, after and between the longer ones they end, in the root, a node and its child.
        var b = new DeviceTreeBuilder();
        b.Root.SetUInt32("a-reg", 1).SetUInt32("reg", 2);
        b.AddNode("/n1").SetEmpty("xreg").SetEmpty("eg").SetEmpty("g").SetEmpty("interrupt-names").SetEmpty("names");
        b.AddNode("/n1/c").SetEmpty("ab").SetEmpty("b").SetEmpty("cb").SetEmpty("reg-names");
        b.AddNode("/n2").SetEmpty("zz").SetEmpty("z").SetEmpty("-names");
        byte[] ours = DtbWriter.Write(b.Build());
        byte[] dtcs = DtcTool.WithTempFile(ours, path => DtcTool.RunDtc("-q", "-I", "dtb", "-O", "dtb", path));
        Assert.Equal(dtcs, ours);
    }

    [Fact]
    public void Random_trees_come_back_from_dtc_unchanged()
    {
        DtcTool.SkipUnlessInstalled("dtc");

        // Few letters, so that names often end one another; one dtc run per tree keeps this short.
        Gen<string> names = Gen.String[Gen.Char['a', 'c'], 1, 5];
        Gen<(string Node, string[] Properties)[]> shapes =
            Gen.Select(Gen.String[Gen.Char['a', 'c'], 1, 3], names.Array[0, 6]).Array[1, 6];
        shapes.Sample(
            nodes =>
            {
                var b = new DeviceTreeBuilder();
                int index = 0;
                foreach ((string node, string[] properties) in nodes)
                {
                    DeviceTreeNodeBuilder n = b.AddNode(FormattableString.Invariant($"/{node}{index++}"));
                    foreach (string property in properties)
                    {
                        n.SetEmpty(property);
                    }
                }

                byte[] ours = DtbWriter.Write(b.Build());
                byte[] dtcs = DtcTool.WithTempFile(ours, path => DtcTool.RunDtc("-q", "-I", "dtb", "-O", "dtb", path));
                Assert.Equal(dtcs, ours);
            },
            iter: 25);
    }
}
