using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

public sealed class FdtHeaderTests
{
    private static DeviceTreeFormatException Fails(byte[] blob) => Assert.Throws<DeviceTreeFormatException>(() => FdtHeader.Read(blob));

    private static byte[] Patched(int offset, uint value)
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        FdtBlobComposer.Set(blob, offset, value);
        return blob;
    }

    [Fact]
    public void Valid_header_is_parsed_field_by_field()
    {
        var composer = FdtBlobComposer.Minimal();
        composer.BootCpu = 3;
        byte[] blob = composer.Build();
        FdtHeader header = FdtHeader.Read(blob);
        Assert.Equal(FdtHeader.Magic, header.MagicValue);
        Assert.Equal((uint)blob.Length, header.TotalSize);
        Assert.Equal(56u, header.OffDtStruct);
        Assert.Equal(40u, header.OffMemRsvmap);
        Assert.Equal(17u, header.Version);
        Assert.Equal(16u, header.LastCompVersion);
        Assert.Equal(3u, header.BootCpuIdPhys);
        Assert.Equal(header.OffDtStrings - header.OffDtStruct, header.SizeDtStruct);
        Assert.Equal(40, header.HeaderSize);
        Assert.True(FdtHeader.TryRead(blob, out _, out _));
    }

    [Fact]
    public void Blob_shorter_than_magic_is_rejected_at_its_end()
    {
        DeviceTreeFormatException e = Fails(new byte[] { 0xd0, 0x0d });
        Assert.Equal(2, e.Offset);
        Assert.Contains("too short", e.Message);
    }

    [Fact]
    public void Bad_magic_is_rejected_at_offset_0()
    {
        DeviceTreeFormatException e = Fails(Patched(0, 0xfeedd00d));
        Assert.Equal(0, e.Offset);
        Assert.Contains("Bad magic number 0xfeedd00d", e.Message);
    }

    [Fact]
    public void Header_cut_short_is_rejected()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build()[..30];
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(30, e.Offset);
        Assert.Contains("too short for a version 17 header", e.Message);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    public void Version_before_2_is_unsupported(uint version)
    {
        byte[] blob = Patched(20, version);
        FdtBlobComposer.Set(blob, 24, 0);
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(20, e.Offset);
        Assert.Contains("Unsupported version", e.Message);
    }

    [Fact]
    public void Last_comp_version_above_17_is_unsupported()
    {
        byte[] blob = Patched(24, 18);
        FdtBlobComposer.Set(blob, 20, 18);
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(24, e.Offset);
        Assert.Contains("last_comp_version 18", e.Message);
    }

    [Fact]
    public void Version_older_than_last_comp_version_is_rejected()
    {
        byte[] blob = Patched(24, 17);
        FdtBlobComposer.Set(blob, 20, 16);
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(20, e.Offset);
        Assert.Contains("older than last_comp_version", e.Message);
    }

    [Fact]
    public void Totalsize_beyond_the_buffer_is_rejected()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        FdtBlobComposer.Set(blob, 4, (uint)blob.Length + 1);
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(4, e.Offset);
        Assert.Contains("larger than the", e.Message);
    }

    [Fact]
    public void Totalsize_smaller_than_the_header_is_rejected()
    {
        DeviceTreeFormatException e = Fails(Patched(4, 39));
        Assert.Equal(4, e.Offset);
        Assert.Contains("smaller than the 40-byte header", e.Message);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(32u)]
    [InlineData(0xfffffff8u)]
    public void Reservation_block_outside_the_blob_is_rejected(uint offset)
    {
        DeviceTreeFormatException e = Fails(Patched(16, offset));
        Assert.Equal(16, e.Offset);
        Assert.Contains("off_mem_rsvmap", e.Message);
    }

    [Fact]
    public void Misaligned_reservation_block_is_rejected()
    {
        DeviceTreeFormatException e = Fails(Patched(16, 44));
        Assert.Equal(16, e.Offset);
        Assert.Contains("not 8-byte aligned", e.Message);
    }

    [Theory]
    [InlineData(8u)]
    [InlineData(0xffffff00u)]
    public void Structure_block_outside_the_blob_is_rejected(uint offset)
    {
        DeviceTreeFormatException e = Fails(Patched(8, offset));
        Assert.Equal(8, e.Offset);
        Assert.Contains("off_dt_struct", e.Message);
    }

    [Fact]
    public void Misaligned_structure_block_is_rejected()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        FdtBlobComposer.Set(blob, 8, FdtBlobComposer.Get(blob, 8) + 2);
        FdtBlobComposer.Set(blob, 36, 4);
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(8, e.Offset);
        Assert.Contains("not 4-byte aligned", e.Message);
    }

    [Fact]
    public void Strings_block_outside_the_blob_is_rejected()
    {
        DeviceTreeFormatException e = Fails(Patched(12, 0x7fffffff));
        Assert.Equal(12, e.Offset);
        Assert.Contains("off_dt_strings", e.Message);
    }

    [Fact]
    public void Strings_size_past_totalsize_is_rejected()
    {
        DeviceTreeFormatException e = Fails(Patched(32, 0xffffffff));
        Assert.Equal(32, e.Offset);
        Assert.Contains("size_dt_strings", e.Message);
    }

    [Fact]
    public void Struct_size_past_totalsize_is_rejected()
    {
        DeviceTreeFormatException e = Fails(Patched(36, 0xffffffff));
        Assert.Equal(36, e.Offset);
        Assert.Contains("size_dt_struct", e.Message);
    }

    [Fact]
    public void Overlapping_structure_and_strings_blocks_are_rejected()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        FdtBlobComposer.Set(blob, 12, FdtBlobComposer.Get(blob, 8) + 8);
        FdtBlobComposer.Set(blob, 32, 4);
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(12, e.Offset);
        Assert.Contains("overlap", e.Message);
    }

    [Fact]
    public void Reservation_block_inside_the_structure_block_is_rejected()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        FdtBlobComposer.Set(blob, 16, FdtBlobComposer.Get(blob, 8));
        DeviceTreeFormatException e = Fails(blob);
        Assert.Equal(16, e.Offset);
        Assert.Contains("overlaps the structure or strings block", e.Message);
    }

    [Theory]
    [InlineData(2u, 32)]
    [InlineData(3u, 36)]
    [InlineData(16u, 36)]
    [InlineData(17u, 40)]
    public void Header_size_follows_the_version(uint version, int size)
    {
        byte[] blob = Patched(20, version);
        FdtBlobComposer.Set(blob, 24, System.Math.Min(version, 16));
        Assert.Equal(size, FdtHeader.Read(blob).HeaderSize);
    }

    [Fact]
    public void TryRead_reports_the_problem_without_throwing()
    {
        Assert.False(FdtHeader.TryRead(Patched(0, 0), out _, out DeviceTreeFormatException? error));
        Assert.Equal(0, error.Offset);
    }
}
