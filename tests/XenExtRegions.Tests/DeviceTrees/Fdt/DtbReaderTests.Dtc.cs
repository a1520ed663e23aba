using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>Our reader and writer against dtc and fdtget on the fixture DTS files.</summary>
public sealed class DtbReaderDtcTests
{
    public static TheoryData<string> Fixtures => new() { "board.dts", "edge-cases.dts" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reader_matches_fdtget_node_by_node_and_byte_by_byte(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtget");
        byte[] blob = DtcTool.CompileFixture(fixture);
        DeviceTree tree = DtbReader.Read(blob);
        DtcTool.WithTempFile(blob, path =>
        {
            var pairs = new List<string> { "-t", "bx", path };
            var expected = new List<DeviceTreeProperty>();
            foreach (DeviceTreeNode node in tree.Nodes)
            {
                string[] children = Lines(DtcTool.Run("fdtget", "-l", path, node.Path));
                Assert.Equal(children, node.Children.Select(c => c.Name).ToArray());
                string[] properties = Lines(DtcTool.Run("fdtget", "-p", path, node.Path));
                Assert.Equal(properties, node.Properties.Select(p => p.Name).ToArray());
                foreach (DeviceTreeProperty property in node.Properties)
                {
                    pairs.Add(node.Path);
                    pairs.Add(property.Name);
                    expected.Add(property);
                }
            }

            string[] values = DtcTool.Run("fdtget", pairs.ToArray()).Split('\n');
            for (int i = 0; i < expected.Count; i++)
            {
                byte[] bytes = values[i].Length == 0
                    ? []
                    : values[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
                Assert.True(bytes.AsSpan().SequenceEqual(expected[i].Span), $"{expected[i].NodePath}:{expected[i].Name}");
            }

            return 0;
        });
    }

    [Fact]
    public void Reader_keeps_reservations_and_header_facts()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        DeviceTree tree = DtbReader.Read(DtcTool.CompileFixture("board.dts", "-b", "3"));
        Assert.Equal(new[] { new MemoryReservation(0x48000000, 0x100000), new MemoryReservation(0xfffff000, 0x1000) }, tree.MemoryReservations);
        Assert.Equal(3u, tree.BootCpuIdPhys);
        Assert.Equal(17u, tree.Version);
        Assert.Equal(16u, tree.LastCompatibleVersion);
        Assert.Equal("/soc/serial@9000000", tree.FindNode("serial0")!.Path);
        Assert.Equal(2, tree.FindByDeviceType("memory").Count());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("16")]
    public void Older_versions_read_to_the_same_tree(string version)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        DeviceTree latest = DtbReader.Read(DtcTool.CompileFixture("board.dts"));
        DeviceTree old = DtbReader.Read(DtcTool.CompileFixture("board.dts", "-V", version));
        Assert.Equal(uint.Parse(version, CultureInfo.InvariantCulture), old.Version);
        Assert.Equal(latest.MemoryReservations, old.MemoryReservations);
        DeviceTreeNode[] a = latest.Nodes.ToArray();
        DeviceTreeNode[] b = old.Nodes.ToArray();
        Assert.Equal(a.Select(n => n.Path), b.Select(n => n.Path));
        for (int i = 0; i < a.Length; i++)
        {
            // Before version 16 dtc adds a "name" property (the node name) to every node; the reader keeps what is there.
            if (version != "16")
            {
                Assert.Equal(i == 0 ? string.Empty : a[i].BaseName, b[i].GetProperty("name")!.GetString());
            }

            DeviceTreeProperty[] rest = b[i].Properties.Where(p => version == "16" || p.Name != "name").ToArray();
            Assert.Equal(a[i].Properties.Select(p => p.Name), rest.Select(p => p.Name));
            for (int j = 0; j < rest.Length; j++)
            {
                Assert.True(a[i].Properties[j].Span.SequenceEqual(rest[j].Span), $"{a[i].Path}:{rest[j].Name}");
            }
        }
    }

    [Fact]
    public void Padded_blob_is_read()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        DeviceTree plain = DtbReader.Read(DtcTool.CompileFixture("board.dts"));
        DeviceTree padded = DtbReader.Read(DtcTool.CompileFixture("board.dts", "-p", "4096"));
        Assert.Null(DeviceTreeComparer.FindFirstDifference(plain, padded));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Writer_output_decompiles_like_dtc_own_blob(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] dtcBlob = DtcTool.CompileFixture(fixture);
        byte[] ours = DtbWriter.Write(DtbReader.Read(dtcBlob));
        Assert.Equal(DtcTool.Decompile(dtcBlob), DtcTool.Decompile(ours));
        byte[] padded = DtbWriter.Write(DtbReader.Read(dtcBlob), new DtbWriterOptions { ExtraFreeSpace = 1000 });
        Assert.Equal(DtcTool.Decompile(dtcBlob), DtcTool.Decompile(padded));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_write_read_gives_an_equal_tree_and_write_is_stable(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        DeviceTree first = DtbReader.Read(DtcTool.CompileFixture(fixture));
        byte[] written = DtbWriter.Write(first);
        DeviceTree second = DtbReader.Read(written);
        Assert.Null(DeviceTreeComparer.FindFirstDifference(first, second));
        Assert.True(written.AsSpan().SequenceEqual(DtbWriter.Write(second)));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
