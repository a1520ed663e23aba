using System;
using System.IO;
using System.Runtime.InteropServices;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

public sealed class DtbReaderTests
{
    [Fact]
    public void Reading_an_array_shares_it_for_property_values()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        DeviceTree tree = DtbReader.Read(blob);
        Assert.True(MemoryMarshal.TryGetArray(tree.Root.GetProperty("model")!.Value, out ArraySegment<byte> segment));
        Assert.Same(blob, segment.Array);
    }

    [Fact]
    public void Reading_a_span_takes_one_private_copy()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        DeviceTree tree = DtbReader.Read(blob.AsSpan());
        Assert.True(MemoryMarshal.TryGetArray(tree.Root.GetProperty("model")!.Value, out ArraySegment<byte> model));
        Assert.True(MemoryMarshal.TryGetArray(tree.FindNode("/child@1")!.GetProperty("reg")!.Value, out ArraySegment<byte> reg));
        Assert.NotSame(blob, model.Array);
        Assert.Same(model.Array, reg.Array);
    }

    [Fact]
    public void Bytes_after_totalsize_are_ignored()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        byte[] longer = new byte[blob.Length + 64];
        blob.CopyTo(longer, 0);
        longer.AsSpan(blob.Length).Fill(0xff);
        Assert.True(DeviceTreeComparer.AreEqual(DtbReader.Read(blob), DtbReader.Read(longer)));
    }

    [Fact]
    public void ReadFile_reads_and_refuses_files_over_the_limit_before_reading()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, FdtBlobComposer.Minimal().Build());
            Assert.Equal("m", DtbReader.ReadFile(path).Root.GetProperty("model")!.GetString());
            DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.ReadFile(path, new DtbReaderOptions { MaxTotalSize = 48 }));
            Assert.Contains("more than the limit of 48 bytes", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
