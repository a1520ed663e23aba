using System;
using System.IO;
using System.Text;
using XenExtRegions.Cli;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Commands;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>'-' is standard input for every input and standard output for every output, binary included when it is not a terminal.</summary>
public sealed class CliStandardStreamTests : IDisposable
{
    private static readonly byte[] BoardDtsBytes = Encoding.UTF8.GetBytes(SampleBoard.ReadDts());
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-std-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Dt_dump_reads_standard_input()
    {
        CliResult result = CliRunner.RunPiped(BoardDtsBytes, false, "dt", "dump", "-");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(DtsReader.Parse(result.Out, "dump.dts").FindNode("/soc/serial@e6e88000"));
    }

    [Fact]
    public void A_malformed_source_on_standard_input_is_named_stdin()
    {
        CliResult result = CliRunner.RunPiped(Encoding.UTF8.GetBytes("/dts-v1/;\n/ {\n  a = <1 2;\n};\n"), false, "dt", "regs", "-");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("<stdin>:3:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dt_convert_from_and_to_standard_streams_gives_the_same_blob_as_files()
    {
        string dts = Path.Combine(_dir, "board.dts");
        string dtb = Path.Combine(_dir, "board.dtb");
        File.WriteAllBytes(dts, BoardDtsBytes);
        Assert.Equal(0, CliRunner.Run("dt", "convert", dts, dtb).ExitCode);

        // DTS in, '-' out: the other form, a blob, on binary standard output.
        CliResult piped = CliRunner.RunPiped(BoardDtsBytes, false, "dt", "convert", "-", "-");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Equal(File.ReadAllBytes(dtb), piped.Binary);
        Assert.Equal(string.Empty, piped.Out);

        // DTB in, '-' out: source text.
        CliResult back = CliRunner.RunPiped(File.ReadAllBytes(dtb), false, "dt", "convert", "-", "-");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Contains("serial@e6e88000 {", back.Out, StringComparison.Ordinal);
        Assert.Empty(back.Binary);

        // -O overrides: DTB in, DTB out.
        CliResult same = CliRunner.RunPiped(File.ReadAllBytes(dtb), false, "dt", "convert", "-", "-", "-O", "dtb");
        Assert.Equal(File.ReadAllBytes(dtb), same.Binary);
    }

    [Fact]
    public void A_blob_is_not_written_to_a_terminal()
    {
        CliResult result = CliRunner.RunPiped(BoardDtsBytes, true, "dt", "convert", "-", "-");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: OUT: a DTB is binary data and standard output is a terminal", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Binary);

        CliResult dom0 = CliRunner.RunPiped([], true, "dom0", "--format", "dtb");
        Assert.Equal(2, dom0.ExitCode);
        Assert.Contains("error: --format dtb: a DTB is binary data and standard output is a terminal", dom0.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_dtb_goes_to_standard_output_when_it_is_not_a_terminal()
    {
        CliResult result = CliRunner.RunPiped([], false, "dom0", "--format", "dtb", "-o", "-");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(DtbReader.Read(result.Binary).FindNode("/hypervisor"));
        Assert.Equal(result.Binary, CliRunner.RunPiped([], false, "dom0", "--format", "dtb").Binary);
    }

    [Fact]
    public void Dom0_reads_the_log_from_standard_input_and_refuses_a_second_reader()
    {
        byte[] log = File.ReadAllBytes(CliRunner.FixturePath("salvator-x-h3-xen-4.17.log"));
        CliResult result = CliRunner.RunPiped(log, false, "dom0", "--xen-log", "-", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using (var doc = System.Text.Json.JsonDocument.Parse(result.Out))
        {
            Assert.True(doc.RootElement.GetProperty("matchesLog").GetBoolean());
        }

        // dom0 reads the tree first (the log is read with the tree's /memreserve/ count), so the log is the second reader.
        byte[] tree = Encoding.UTF8.GetBytes(XenExtRegions.Cli.Boards.SampleBoard.ReadDts());
        CliResult twice = CliRunner.RunPiped(tree, false, "dom0", "--xen-log", "-", "--dtb", "-");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("error: --xen-log: standard input is already read by --dtb", twice.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Guest_reads_standard_input_and_text_output_dash_is_standard_output()
    {
        string guest = CliRunner.Run("dom0", "--format", "dts").Out;
        CliResult result = CliRunner.RunPiped(Encoding.UTF8.GetBytes(guest), false, "guest", "-", "-o", "-");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Guest tree <stdin>", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void Standard_input_is_read_bounded_even_when_it_never_ends()
    {
        var endless = new StandardStreams(() => new EndlessStream(), null, false);
        var ex = Assert.Throws<CliInputException>(() => endless.ReadInput("--xen-log", 1 << 20));
        Assert.Equal("--xen-log: <stdin> has more than 1048576 bytes, the most accepted here (1 MiB)", ex.Message);

        var exact = new StandardStreams(() => new MemoryStream(new byte[100]), null, false);
        Assert.Equal(100, exact.ReadInput("FILE", 100).Length);
    }

    /// <summary>A stream of zeros without end, as /dev/zero piped in.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
