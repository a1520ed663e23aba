using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>ParseFile reads regular files only, within MaxLogBytes.</summary>
public sealed class XenBootLogFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xenlog-" + Guid.NewGuid().ToString("N"));

    public XenBootLogFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_regular_file_is_read_as_UTF8()
    {
        string path = Path.Combine(_dir, "boot.log");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(XenLogSamples.RenderAsCaptured(XenLogSamples.Xen417Dom0AndTwoDomUs)));
        XenBootLog log = XenBootLogParser.ParseFile(path);
        Assert.Equal(3, log.Domains.Count);
        Assert.Equal(XenLogFacts.Of(XenBootLogParser.Parse(XenLogSamples.Render(XenLogSamples.Xen417Dom0AndTwoDomUs))), XenLogFacts.Of(log));
    }

    [Fact]
    public void A_file_larger_than_MaxLogBytes_is_refused_naming_it_and_one_at_the_limit_is_read()
    {
        string path = Path.Combine(_dir, "big.log");
        File.WriteAllText(path, "(XEN) I/O virtualisation enabled\n");
        long size = new FileInfo(path).Length;
        Assert.True(XenBootLogParser.ParseFile(path, new XenBootLogOptions { MaxLogBytes = size }).IommuEnabled);
        IOException ex = Assert.Throws<IOException>(() => XenBootLogParser.ParseFile(path, new XenBootLogOptions { MaxLogBytes = size - 1 }));
        Assert.Contains("big.log", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxLogBytes", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => XenBootLogParser.ParseFile(path, new XenBootLogOptions { MaxLogBytes = 0 }));
    }

    [Fact]
    public void Directories_missing_files_and_empty_names_are_refused()
    {
        IOException dir = Assert.Throws<IOException>(() => XenBootLogParser.ParseFile(_dir));
        Assert.Contains("directory", dir.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => XenBootLogParser.ParseFile(Path.Combine(_dir, "missing.log")));
        Assert.Throws<ArgumentException>(() => XenBootLogParser.ParseFile(string.Empty));
        Assert.Throws<ArgumentNullException>(() => XenBootLogParser.ParseFile(null!));
    }

    [Fact]
    public void Each_refusal_names_the_file_or_the_option_at_fault()
    {
        string missing = Path.Combine(_dir, "missing.log");
        FileNotFoundException notFound = Assert.Throws<FileNotFoundException>(() => XenBootLogParser.ParseFile(missing));
        Assert.Equal($"Xen console log '{missing}' not found.", notFound.Message);
        Assert.Equal(missing, notFound.FileName);
        Assert.Equal($"'{_dir}' is a directory, not a Xen console log file.", Assert.Throws<IOException>(() => XenBootLogParser.ParseFile(_dir)).Message);

        ArgumentException empty = Assert.Throws<ArgumentException>(() => XenBootLogParser.ParseFile(string.Empty));
        Assert.Equal("path", empty.ParamName);
        Assert.StartsWith("The Xen console log file name is empty.", empty.Message, StringComparison.Ordinal);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => XenBootLogParser.ParseFile(null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => XenBootLogParser.Parse((TextReader)null!)).ParamName);

        string path = Path.Combine(_dir, "boot.log");
        File.WriteAllText(path, "(XEN) I/O virtualisation enabled\n");
        IOException big = Assert.Throws<IOException>(() => XenBootLogParser.ParseFile(path, new XenBootLogOptions { MaxLogBytes = 10 }));
        Assert.Equal($"'{path}' has 33 bytes, more than the 10 a Xen console log may have (XenBootLogOptions.MaxLogBytes).", big.Message);

        ArgumentException count = Assert.Throws<ArgumentException>(() => XenBootLogParser.ParseFile(path, new XenBootLogOptions { MemoryReservationCount = -1 }));
        Assert.Equal("MemoryReservationCount", count.ParamName);
        Assert.StartsWith("XenBootLogOptions.MemoryReservationCount must not be negative.", count.Message, StringComparison.Ordinal);
        ArgumentException max = Assert.Throws<ArgumentException>(() => XenBootLogParser.Parse("x", new XenBootLogOptions { MaxLogBytes = -1 }));
        Assert.Equal("MaxLogBytes", max.ParamName);
        Assert.StartsWith("XenBootLogOptions.MaxLogBytes must be positive.", max.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_or_invalid_UTF8_is_still_read()
    {
        string path = Path.Combine(_dir, "bom.log");
        byte[] text = Encoding.UTF8.GetBytes("(XEN) \u00e9\n(XEN) I/O virtualisation enabled\n");
        text[6] = 0xff; // an invalid byte becomes U+FFFD, not an error
        File.WriteAllBytes(path, [0xef, 0xbb, 0xbf, .. text]);
        XenBootLog log = XenBootLogParser.ParseFile(path);
        Assert.True(log.IommuEnabled);
        Assert.Equal(2, log.XenLineCount);
    }

    [Fact]
    public void Invalid_UTF8_without_a_byte_order_mark_becomes_U_FFFD_not_an_error()
    {
        // With a byte-order mark the reader switches to its own UTF-8 decoder; without one ParseFile's decoder decides.
        string path = Path.Combine(_dir, "raw.log");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("(XEN) Command line: a"), 0xff, .. Encoding.ASCII.GetBytes("b\n")]);
        Assert.Equal("a\ufffdb", XenBootLogParser.ParseFile(path).CommandLine);
    }

    [Fact]
    public void A_device_is_refused_before_it_is_read()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Skip("Needs Unix device files.");
        }

        IOException ex = Assert.Throws<IOException>(() => XenBootLogParser.ParseFile("/dev/zero"));
        Assert.Contains("/dev/zero", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_FIFO_is_refused_before_it_is_opened()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || !File.Exists("/usr/bin/mkfifo"))
        {
            Assert.Skip("Needs Unix FIFOs (mkfifo).");
        }

        string fifo = Path.Combine(_dir, "console.fifo");
        using (var mk = System.Diagnostics.Process.Start("/usr/bin/mkfifo", fifo))
        {
            mk.WaitForExit();
        }

        // A reader that wrongly opened the FIFO would block: give it a writer so the test fails instead of hanging.
        var writer = new Thread(() => OpenQuietly(fifo, FileAccess.Write)) { IsBackground = true };
        writer.Start();
        try
        {
            IOException ex = Assert.Throws<IOException>(() => XenBootLogParser.ParseFile(fifo));
            Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
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

    private static void OpenQuietly(string path, FileAccess access)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Open, access);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder may be gone already; nothing to do.
        }
    }
}
