using System;
using System.IO;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

public sealed class DtbWriterTests
{
    private static DeviceTree Sample()
    {
        var b = new DeviceTreeBuilder { BootCpuIdPhys = 5 };
        b.AddMemoryReservation(0x1000, 0x2000);
        b.Root.SetUInt32("#address-cells", 1).SetString("model", "m");
        b.AddNode("/a@1").SetUInt32("reg", 1).SetString("model", "abc");
        b.AddNode("/b").SetBytes("blob", new byte[] { 1, 2, 3 });
        return b.Build();
    }

    [Fact]
    public void Layout_follows_dtc()
    {
        byte[] blob = DtbWriter.Write(Sample());
        FdtHeader h = FdtHeader.Read(blob);
        Assert.Equal(17u, h.Version);
        Assert.Equal(16u, h.LastCompVersion);
        Assert.Equal(5u, h.BootCpuIdPhys);
        Assert.Equal(40u, h.OffMemRsvmap);
        Assert.Equal(40u + 32, h.OffDtStruct);
        Assert.Equal(h.OffDtStruct + h.SizeDtStruct, h.OffDtStrings);
        Assert.Equal(h.OffDtStrings + h.SizeDtStrings, h.TotalSize);
        Assert.Equal((uint)blob.Length, h.TotalSize);
        Assert.Equal(0u, h.SizeDtStruct % 4);

        // Strings are de-duplicated: "#address-cells", "model", "reg", "blob", once each, in first-use order.
        Assert.Equal("#address-cells\0model\0reg\0blob\0", Encoding.ASCII.GetString(blob, (int)h.OffDtStrings, (int)h.SizeDtStrings));

        // Reservation entry then the (0, 0) terminator.
        Assert.Equal(0x1000u, FdtBlobComposer.Get(blob, 44));
        Assert.Equal(0x2000u, FdtBlobComposer.Get(blob, 52));
        Assert.All(blob[56..72], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Structure_block_is_written_word_by_word()
    {
        var b = new DeviceTreeBuilder();
        b.AddNode("/n").SetBytes("p", new byte[] { 0xaa });
        byte[] blob = DtbWriter.Write(b.Build());
        FdtHeader h = FdtHeader.Read(blob);
        uint[] words = new uint[h.SizeDtStruct / 4];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = FdtBlobComposer.Get(blob, (int)h.OffDtStruct + (i * 4));
        }

        Assert.Equal(
            new uint[]
            {
                1, 0,                     // BEGIN_NODE ""
                1, 0x6e000000,            // BEGIN_NODE "n"
                3, 1, 0, 0xaa000000,      // PROP len 1, nameoff 0, value aa + padding
                2, 2, 9,                  // END_NODE x2, END
            },
            words);
    }

    [Fact]
    public void Extra_free_space_is_counted_in_totalsize()
    {
        byte[] plain = DtbWriter.Write(Sample());
        byte[] padded = DtbWriter.Write(Sample(), new DtbWriterOptions { ExtraFreeSpace = 100 });
        Assert.Equal(plain.Length + 100, padded.Length);
        Assert.Equal((uint)padded.Length, FdtHeader.Read(padded).TotalSize);
        Assert.True(DeviceTreeComparer.AreEqual(DtbReader.Read(plain), DtbReader.Read(padded)));
        Assert.Throws<ArgumentException>(() => DtbWriter.Write(Sample(), new DtbWriterOptions { ExtraFreeSpace = -1 }));
    }

    [Fact]
    public void Stream_overload_writes_the_same_bytes()
    {
        using var stream = new MemoryStream();
        DtbWriter.Write(Sample(), stream);
        Assert.Equal(DtbWriter.Write(Sample()), stream.ToArray());
    }

    [Fact]
    public void Names_with_nul_cannot_be_written()
    {
        var tree = new DeviceTree(new DeviceTreeNode(string.Empty, null, [new DeviceTreeNode("a\0b")]));
        Assert.Throws<ArgumentException>(() => DtbWriter.Write(tree));
    }
}
