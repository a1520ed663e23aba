using System;
using System.IO;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Commands;

namespace XenExtRegions.Tests.Cli;

/// <summary>-q keeps errors only, -v adds debug lines; a failed write to standard output is an I/O error (exit 2).</summary>
public sealed class CliVerbosityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-verb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Board
    {
        get
        {
            string path = Path.Combine(_dir, "board.dts");
            File.WriteAllText(path, SampleBoard.ReadDts());
            return path;
        }
    }

    [Fact]
    public void Quiet_drops_notes_warnings_and_wrote_lines_but_keeps_errors()
    {
        string dts = Path.Combine(_dir, "guest.dts");
        File.WriteAllText(dts, "/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n hypervisor { reg = <0 0x38000000 0 0x1000000>; }; };\n");
        CliResult loud = CliRunner.Run("guest", dts);
        Assert.Contains("warning:", loud.Error, StringComparison.Ordinal);
        CliResult quiet = CliRunner.Run("guest", dts, "-q");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(loud.Out, quiet.Out);
        Assert.Equal(string.Empty, quiet.Error);

        string dtb = Path.Combine(_dir, "b.dtb");
        Assert.Contains("wrote " + dtb, CliRunner.Run("dt", "convert", Board, dtb).Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, CliRunner.Run("--quiet", "dt", "convert", Board, dtb).Error);

        CliResult failed = CliRunner.Run("-q", "dt", "dump", Path.Combine(_dir, "missing.dts"));
        Assert.Equal(2, failed.ExitCode);
        Assert.StartsWith("error: FILE: ", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_adds_debug_lines_on_what_was_read_and_written()
    {
        string board = Board;
        long size = new FileInfo(board).Length;
        Assert.DoesNotContain("debug:", CliRunner.Run("dt", "dump", board).Error, StringComparison.Ordinal);
        CliResult verbose = CliRunner.Run("dt", "dump", board, "-v");
        Assert.Equal(0, verbose.ExitCode);
        Assert.Contains($"debug: FILE: read {size} bytes from {board}", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_and_verbose_together_are_refused()
    {
        CliResult result = CliRunner.Run("-q", "-v", "dt", "dump", Board);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--quiet and --verbose", result.Error, StringComparison.Ordinal);
    }

#pragma warning disable CA1848, CA1873 // The plain extension methods are the shortest way to log a line in a test.
    [Fact]
    public void The_library_log_shows_debug_lines_only_when_verbose()
    {
        var sink = new StringWriter();
        var diagnostics = new CliDiagnostics(sink);
        var logger = new CliLogger(diagnostics);
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(logger, "scanned {Count} nodes", 3);
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "odd reg");
        diagnostics.Flush();
        Assert.Equal("warning: odd reg" + Environment.NewLine, sink.ToString());
        diagnostics.Verbosity = CliVerbosity.Verbose;
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(logger, "scanned {Count} nodes", 3);
        Assert.EndsWith("debug: scanned 3 nodes" + Environment.NewLine, sink.ToString(), StringComparison.Ordinal);
    }
#pragma warning restore CA1848, CA1873

    [Fact]
    public void The_filter_works_on_whole_lines_however_they_are_written()
    {
        var sink = new StringWriter();
        var diagnostics = new CliDiagnostics(sink) { Verbosity = CliVerbosity.Quiet };
        diagnostics.Write("not");
        diagnostics.Write("e: dropped\nerror: kept\nwarn");
        diagnostics.WriteLine("ing: dropped");
        diagnostics.Write("error: last, without newline");
        diagnostics.Flush();
        Assert.Equal("error: kept" + Environment.NewLine + "error: last, without newline", sink.ToString());
    }

    [Fact]
    public void A_full_standard_output_is_an_IO_error_naming_it()
    {
        CliResult result = CliRunner.RunWithStdout(new FailingWriter(), "dt", "dump", Board);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: <stdout>: cannot write the output: No space left on device", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_full_as_standard_output_is_an_IO_error_for_text_and_blobs()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "no /dev/full here");
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var text = new StreamWriter(full);
        CliResult result = CliRunner.RunWithStdout(text, "dt", "dump", Board);
        try
        {
            text.Dispose(); // still holds what it could not write
        }
        catch (IOException)
        {
        }

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: <stdout>: cannot write the output:", result.Error, StringComparison.Ordinal);

        var stderr = new StringWriter();
        using var binary = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var streams = new StandardStreams(() => Stream.Null, () => binary, outputIsTerminal: false);
        int exit = XenExtRegions.Cli.CliApp.Run(["dom0", "--format", "dtb"], new StringWriter(), stderr, null, streams);
        Assert.True(exit == 2, stderr.ToString());
        Assert.Contains("error: <stdout>: cannot write the output:", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Standard output on a full disk.</summary>
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");
    }
}
