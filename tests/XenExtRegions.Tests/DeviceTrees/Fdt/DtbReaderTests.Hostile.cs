using System;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>Hostile input ends in success or <see cref="DeviceTreeFormatException"/>, never another exception, hang or huge allocation.</summary>
public sealed class DtbReaderHostileTests
{
    private static byte[] Sample()
    {
        var c = new FdtBlobComposer { BootCpu = 1 }.Reserve(0x1000, 0x2000).Reserve(0x80000000, 0x100000);
        c.BeginNode(string.Empty).Prop("compatible", "a,b\0c,d\0"u8.ToArray()).PropCell("#address-cells", 2).Nop()
            .BeginNode("soc").Prop("ranges").BeginNode("uart@1000").Prop("reg", new byte[16]).Prop("status", "okay\0"u8.ToArray()).EndNode()
            .BeginNode("memory@0").Prop("device_type", "memory\0"u8.ToArray()).Prop("reg", new byte[32]).EndNode().EndNode()
            .BeginNode("chosen").Prop("bootargs", "console=ttyS0\0"u8.ToArray()).EndNode().EndNode().End();
        return c.Build();
    }

    /// <summary>Reads with every entry point; only <see cref="DeviceTreeFormatException"/> may escape.</summary>
    private static bool ReadsOrFailsCleanly(byte[] blob)
    {
        try
        {
            var reader = new FdtReader(blob);
            while (reader.Read())
            {
                _ = reader.PropertyValue.Length + reader.NodeName.Length + reader.PropertyName.Length;
            }
        }
        catch (DeviceTreeFormatException)
        {
        }

        bool ok = DtbReader.TryRead(blob, out DeviceTree? tree, out DeviceTreeFormatException? error);
        Assert.True(ok ? tree is not null : error is not null);
        if (tree is not null)
        {
            // Whatever we accept we can write back and read again to the same tree.
            Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, DtbReader.Read(DtbWriter.Write(tree))));
        }

        return ok;
    }

    [Fact]
    public void Sample_is_valid()
    {
        Assert.True(ReadsOrFailsCleanly(Sample()));
    }

    [Fact]
    public void Truncation_at_every_offset_fails_cleanly()
    {
        byte[] blob = Sample();
        for (int length = 0; length < blob.Length; length++)
        {
            Assert.False(ReadsOrFailsCleanly(blob[..length]), $"length {length}");

            // Also with totalsize claiming the cut length, so the blocks themselves are cut.
            if (length >= 40)
            {
                byte[] cut = blob[..length];
                FdtBlobComposer.Set(cut, 4, (uint)length);
                Assert.False(ReadsOrFailsCleanly(cut), $"cut blocks at {length}");
            }
        }
    }

    [Fact]
    public void Random_bit_flips_fail_cleanly_or_read()
    {
        byte[] original = Sample();
        var random = new Random(20261125);
        for (int round = 0; round < 3000; round++)
        {
            byte[] blob = (byte[])original.Clone();
            int flips = 1 + random.Next(4);
            for (int i = 0; i < flips; i++)
            {
                blob[random.Next(blob.Length)] ^= (byte)(1 << random.Next(8));
            }

            ReadsOrFailsCleanly(blob);
        }
    }

    [Fact]
    public void Header_fields_at_extremes_fail_cleanly_or_read()
    {
        byte[] original = Sample();
        uint[] values = [0, 1, 3, 4, 8, 16, 17, 40, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, (uint)original.Length, (uint)original.Length + 1];
        for (int field = 0; field < 40; field += 4)
        {
            foreach (uint value in values)
            {
                byte[] blob = (byte[])original.Clone();
                FdtBlobComposer.Set(blob, field, value);
                ReadsOrFailsCleanly(blob);
            }
        }
    }

    [Fact]
    public void Long_run_of_nop_tokens_is_read()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < 100_000; i++)
        {
            c.Nop();
        }

        c.EndNode().End();
        Assert.True(ReadsOrFailsCleanly(c.Build()));
    }

    [Fact]
    public void Nesting_100000_deep_ends_in_the_depth_error()
    {
        byte[] blob = Nested(100_000);
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(blob));
        Assert.Contains("deeper than the limit of 1024", e.Message);
        Assert.Equal(56 + (1024 * 8), e.Offset);
    }

    [Fact]
    public void Nesting_100000_deep_reads_and_writes_without_recursion_when_allowed()
    {
        byte[] blob = Nested(100_000);
        DeviceTree tree = DtbReader.Read(blob, new DtbReaderOptions { MaxDepth = 200_000 });
        byte[] written = DtbWriter.Write(tree);
        Assert.True(blob.AsSpan().SequenceEqual(written));
        Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, DtbReader.Read(written, new DtbReaderOptions { MaxDepth = 200_000 })));
    }

    [Fact]
    public void Property_claiming_4_GB_is_rejected_with_a_tiny_allocation()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        int at = c.Here;
        c.PropRaw(0xffffffff, (uint)c.StringOffset("reg"), new byte[8]).EndNode().End();
        byte[] blob = c.Build();
        long before = GC.GetAllocatedBytesForCurrentThread();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(blob));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(at + 4, e.Offset);
        Assert.Contains("4294967295 bytes runs past the end of the structure block", e.Message);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Strings_offset_past_the_end_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        int at = c.Here;
        c.PropRaw(0, 0xfffffff0, []).EndNode().End();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
        Assert.Equal(at + 8, e.Offset);
    }

    private static byte[] Nested(int depth)
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 1; i < depth; i++)
        {
            c.BeginNode("n");
        }

        for (int i = 0; i < depth; i++)
        {
            c.EndNode();
        }

        return c.End().Build();
    }
}
