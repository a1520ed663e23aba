using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Commands;

namespace XenExtRegions.Tests.Cli;

/// <summary>Inputs are regular files read whole and bounded; anything else is refused at once, naming option, file and kind.</summary>
public sealed class CliInputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-in-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_directory_is_refused_as_a_directory_not_as_missing()
    {
        AssertRefused(CliRunner.Run("dt", "dump", _dir), $"FILE: {_dir} is a directory");
        AssertRefused(CliRunner.Run("dom0", "--xen-log", _dir), $"--xen-log: {_dir} is a directory");
        AssertRefused(CliRunner.Run("dom0", "--dtb", _dir, "--iommu", "--gnttab", "0x78080000:256K"), $"--dtb: {_dir} is a directory");
    }

    [Fact]
    public void Dev_zero_is_refused_as_a_device_for_every_kind_of_input()
    {
        SkipUnlessUnix();
        AssertRefused(CliRunner.Run("dom0", "--xen-log", "/dev/zero"), "--xen-log: /dev/zero is a device, not a regular file");
        AssertRefused(CliRunner.Run("dom0", "--dtb", "/dev/zero", "--iommu", "--gnttab", "0x78080000:256K"), "--dtb: /dev/zero is a device, not a regular file");
        AssertRefused(CliRunner.Run("dt", "dump", "/dev/zero"), "FILE: /dev/zero is a device, not a regular file");
        AssertRefused(CliRunner.Run("dt", "regs", "/dev/zero"), "FILE: /dev/zero is a device, not a regular file");
        AssertRefused(CliRunner.Run("dt", "convert", "/dev/zero", Path.Combine(_dir, "x.dts")), "IN: /dev/zero is a device, not a regular file");
        AssertRefused(CliRunner.Run("guest", "/dev/zero"), "FILE: /dev/zero is a device, not a regular file");
    }

    [Fact]
    public void A_FIFO_is_refused_before_it_is_opened()
    {
        SkipUnlessUnix();
        string fifo = Path.Combine(_dir, "pipe.log");
        using Process mkfifo = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.SkipWhen(mkfifo.ExitCode != 0, "mkfifo failed");

        // A writer, so that a tool that wrongly opens the FIFO reads it empty (and the test fails) instead of hanging.
        var writer = new Thread(() => OpenQuietly(fifo, FileAccess.Write)) { IsBackground = true };
        writer.Start();
        try
        {
            AssertRefused(CliRunner.Run("dom0", "--xen-log", fifo), $"--xen-log: {fifo} is a FIFO, not a regular file");
        }
        finally
        {
            if (writer.IsAlive)
            {
                new Thread(() => OpenQuietly(fifo, FileAccess.Read)) { IsBackground = true }.Start();
            }

            writer.Join(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void A_socket_is_refused_as_a_socket()
    {
        SkipUnlessUnix();
        string path = Path.Combine(_dir, "s.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        AssertRefused(CliRunner.Run("dt", "dump", path), $"FILE: {path} is a socket, not a regular file");
    }

    [Fact]
    public void A_missing_file_does_not_exist_and_an_unreadable_one_is_permission_denied()
    {
        string missing = Path.Combine(_dir, "missing.dtb");
        AssertRefused(CliRunner.Run("dt", "dump", missing), $"FILE: {missing} does not exist");
        string deeper = Path.Combine(_dir, "no", "such.dtb");
        AssertRefused(CliRunner.Run("dt", "dump", deeper), $"FILE: {deeper} does not exist");

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string locked = Path.Combine(_dir, "locked.dts");
        File.WriteAllText(locked, "/dts-v1/;\n/ { };\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        Assert.SkipWhen(CanOpen(locked), "running with the power to read any file (root), so nothing is denied");
        AssertRefused(CliRunner.Run("dt", "dump", locked), $"FILE: {locked}: permission denied");
    }

    [Fact]
    public void A_log_over_64_MiB_is_refused_with_the_limit_before_it_is_read()
    {
        string big = Path.Combine(_dir, "huge.log");
        using (var stream = new FileStream(big, FileMode.CreateNew))
        {
            stream.SetLength(InputFiles.MaxLogBytes + 1); // sparse where the file system allows
        }

        AssertRefused(CliRunner.Run("dom0", "--xen-log", big), $"--xen-log: {big} is 67108865 bytes, more than the 67108864 bytes (64 MiB) accepted here");
        Assert.Equal(64L << 20, InputFiles.MaxLogBytes);
    }

    [Fact]
    public void A_tree_over_1_GiB_is_refused_with_the_limit_before_it_is_read()
    {
        string big = Path.Combine(_dir, "huge.dtb");
        using (var stream = new FileStream(big, FileMode.CreateNew))
        {
            stream.SetLength(InputFiles.MaxTreeBytes + 1);
        }

        AssertRefused(CliRunner.Run("dt", "dump", big), $"FILE: {big} is 1073741825 bytes, more than the 1073741824 bytes (1 GiB) accepted here");
    }

    [Fact]
    public void A_regular_file_under_the_limit_is_read_whole()
    {
        string dts = Path.Combine(_dir, "board.dts");
        File.WriteAllText(dts, SampleBoard.ReadDts());
        byte[] bytes = InputFiles.ReadBytes(dts, "FILE", 1L << 20);
        Assert.Equal(File.ReadAllBytes(dts), bytes);
        var tooSmall = Assert.Throws<XenExtRegions.Cli.CliInputException>(() => InputFiles.ReadBytes(dts, "FILE", bytes.Length - 1));
        Assert.StartsWith($"FILE: {dts} is {bytes.Length} bytes, more than", tooSmall.Message, StringComparison.Ordinal);
    }

    private static void AssertRefused(CliResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error: " + message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
    }

    private static void SkipUnlessUnix() => Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file types");

    private static bool CanOpen(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void OpenQuietly(string path, FileAccess access)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, access);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
