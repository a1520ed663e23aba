using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>
/// <see cref="DtsReaderOptions.FileAccess"/>: what each mode lets <c>/include/</c> and <c>/incbin/</c> read, and the
/// rule of every mode that only regular files are read.
/// </summary>
public sealed class DtsReaderFileAccessTests : IDisposable
{
    private static readonly DtsReaderOptions Confined = new() { FileAccess = DtsFileAccess.SearchDirectoriesOnly };

    // _dir/root: the sources; _dir/root2: a sibling whose name starts like root's; _dir/outside; _dir/inc: -i dir.
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-dts-access-").FullName;

    public DtsReaderFileAccessTests()
    {
        foreach (string sub in new[] { "root/sub", "root2", "outside", "inc" })
        {
            Directory.CreateDirectory(Path.Combine(_dir, sub));
        }

        Write("root/sub/soc.dtsi", "/ { soc { }; };");
        Write("root/blob.bin", "0123456789abcdef");
        Write("root2/secret.dtsi", "/ { secret; };");
        Write("outside/secret.dtsi", "/ { secret; };");
        Write("outside/secret.bin", "SECRET");
        Write("inc/common.dtsi", "/ { common; };");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Root => Path.Combine(_dir, "root");

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Board(string body) => Write("root/board.dts", "/dts-v1/;\n" + body);

    private static DtsSyntaxException Refused(Func<object> parse, int line, int column, params string[] parts)
    {
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(parse);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"{ex.File}:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
        foreach (string part in parts)
        {
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    private static void SkipUnlessUnix()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Skip("Needs Unix device files, FIFOs and symbolic links.");
        }
    }

    [Fact]
    public void The_default_is_unrestricted_as_dtc()
    {
        Assert.Equal(DtsFileAccess.Unrestricted, DtsReaderOptions.Default.FileAccess);
        Assert.Equal(DtsFileAccess.Unrestricted, new DtsReaderOptions().FileAccess);
        Assert.Equal(DtsFileAccess.None, DtsReaderOptions.Untrusted.FileAccess);
    }

    [Fact]
    public void Unrestricted_reads_absolute_paths_and_climbs_out_with_dot_dot()
    {
        string secret = Path.Combine(_dir, "outside", "secret.bin");
        DeviceTree tree = DtsReader.ParseFile(Board($"/include/ \"../outside/secret.dtsi\"\n/ {{ s = /incbin/(\"{secret}\"); }};"));
        Assert.True(tree.Root.HasProperty("secret"));
        Assert.Equal("SECRET"u8.ToArray(), tree.Root.GetProperty("s")!.Value.ToArray());
    }

    [Theory]
    [InlineData("/include/ \"sub/soc.dtsi\"\n/ { };", 2, 10, "/include/")]
    [InlineData("/ { p = /incbin/(\"blob.bin\"); };", 2, 9, "/incbin/")]
    public void None_refuses_every_include_and_incbin_even_of_existing_files(string body, int line, int column, string directive)
    {
        var options = new DtsReaderOptions { FileAccess = DtsFileAccess.None, BaseDirectory = Root };
        Refused(() => DtsReader.Parse("/dts-v1/;\n" + body, "u.dts", options), line, column, directive, "file access is disabled by DtsReaderOptions.FileAccess");
        Refused(() => DtsReader.ParseFile(Board(body), options), line, column, "DtsReaderOptions.FileAccess");
        Refused(() => DtsReader.Parse("/dts-v1/;\n" + body, "u.dts", DtsReaderOptions.Untrusted), line, column, "DtsReaderOptions.FileAccess");
        Assert.False(DtsReader.TryParse("/dts-v1/;\n" + body, out _, out DtsSyntaxException? error, "u.dts", DtsReaderOptions.Untrusted));
        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Confined_reads_files_inside_the_source_directory_and_the_include_directories()
    {
        var options = new DtsReaderOptions
        {
            FileAccess = DtsFileAccess.SearchDirectoriesOnly,
            IncludeDirectories = new[] { Path.Combine(_dir, "inc") },
        };
        Write("root/sub/deeper.dtsi", "/include/ \"../sub/./soc.dtsi\"\n/include/ \"common.dtsi\"");
        DeviceTree tree = DtsReader.ParseFile(Board("/include/ \"sub/deeper.dtsi\"\n/ { b = /incbin/(\"sub/../blob.bin\", 4, 2); };"), options);
        Assert.NotNull(tree.FindNode("/soc"));
        Assert.True(tree.Root.HasProperty("common"));
        Assert.Equal("45"u8.ToArray(), tree.Root.GetProperty("b")!.Value.ToArray());

        // Text given to Parse: BaseDirectory is its directory; without one, only the include directories count.
        Assert.NotNull(DtsReader.Parse("/dts-v1/;\n/include/ \"sub/soc.dtsi\"", "t.dts", new DtsReaderOptions { FileAccess = DtsFileAccess.SearchDirectoriesOnly, BaseDirectory = Root }).FindNode("/soc"));
        Assert.True(DtsReader.Parse("/dts-v1/;\n/include/ \"common.dtsi\"", "t.dts", options).Root.HasProperty("common"));
    }

    [Theory]
    [InlineData("/include/ \"../outside/secret.dtsi\"\n/ { };", 2, 10)]
    [InlineData("/include/ \"../root2/secret.dtsi\"\n/ { };", 2, 10)] // a sibling whose path starts with the root's
    [InlineData("/include/ \"sub/../../outside/secret.dtsi\"\n/ { };", 2, 10)]
    [InlineData("/ { s = /incbin/(\"../outside/secret.bin\"); };", 2, 9)]
    [InlineData("/include/ \"../outside/does-not-exist.dtsi\"\n/ { };", 2, 10)] // refused before looking: no existence oracle
    public void Confined_refuses_names_that_climb_out_of_the_search_directories(string body, int line, int column) =>
        Refused(() => DtsReader.ParseFile(Board(body), Confined), line, column, "outside the search directories", "DtsReaderOptions.FileAccess");

    [Fact]
    public void Confined_refuses_an_include_file_that_climbs_out()
    {
        string inner = Write("root/sub/evil.dtsi", "\n  /include/ \"../../outside/secret.dtsi\"");
        DtsSyntaxException ex = Refused(() => DtsReader.ParseFile(Board("/include/ \"sub/evil.dtsi\"\n/ { };"), Confined), 2, 12, "outside the search directories");
        Assert.Equal(inner, ex.File);
    }

    [Fact]
    public void Confined_refuses_absolute_paths_even_inside_the_search_directories()
    {
        string inside = Path.Combine(Root, "sub", "soc.dtsi");
        Refused(() => DtsReader.ParseFile(Board($"/include/ \"{inside}\"\n/ {{ }};"), Confined), 2, 10, "absolute paths are not allowed", "DtsReaderOptions.FileAccess");
        Refused(() => DtsReader.ParseFile(Board($"/ {{ s = /incbin/(\"{Path.Combine(Root, "blob.bin")}\"); }};"), Confined), 2, 9, "absolute paths are not allowed");
    }

    [Fact]
    public void Confined_refuses_symbolic_links_to_files_and_directories()
    {
        SkipUnlessUnix();
        File.CreateSymbolicLink(Path.Combine(Root, "link.dtsi"), Path.Combine(_dir, "outside", "secret.dtsi"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "linkdir"), Path.Combine(_dir, "outside"));
        Refused(() => DtsReader.ParseFile(Board("/include/ \"link.dtsi\"\n/ { };"), Confined), 2, 10, "symbolic link");
        Refused(() => DtsReader.ParseFile(Board("/ { s = /incbin/(\"linkdir/secret.bin\"); };"), Confined), 2, 9, "symbolic link");

        // Unrestricted follows them, as dtc.
        Assert.True(DtsReader.ParseFile(Board("/include/ \"link.dtsi\"\n/ { };")).Root.HasProperty("secret"));
    }

    [Theory]
    [InlineData(DtsFileAccess.Unrestricted)]
    [InlineData(DtsFileAccess.SearchDirectoriesOnly)]
    public void Devices_are_never_read(DtsFileAccess mode)
    {
        SkipUnlessUnix();
        var options = new DtsReaderOptions { FileAccess = mode };

        // In the confined mode /dev is reached through a link in the root, itself refused; make sure it is the
        // device that is refused in the unrestricted mode.
        Directory.CreateSymbolicLink(Path.Combine(Root, "dev"), "/dev");
        string include = mode == DtsFileAccess.Unrestricted ? "/dev/zero" : "dev/zero";
        string message = mode == DtsFileAccess.Unrestricted ? "is not a regular file (a device, FIFO" : "symbolic link";
        Refused(() => DtsReader.ParseFile(Board($"/include/ \"{include}\"\n/ {{ }};"), options), 2, 10, message);
        Refused(() => DtsReader.ParseFile(Board($"/ {{ z = /incbin/(\"{include}\", 0, 16); }};"), options), 2, 9, message);
        Refused(() => DtsReader.ParseFile(Board($"/ {{ z = /incbin/(\"{include}\"); }};"), options), 2, 9, message);
    }

    [Fact]
    public void ParseFile_refuses_a_device_as_the_source_itself()
    {
        SkipUnlessUnix();
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.ParseFile("/dev/zero"));
        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => DtsReader.ParseFile(Path.Combine(_dir, "missing.dts")));
    }

    [Fact]
    public void A_FIFO_is_refused_before_it_is_opened()
    {
        SkipUnlessUnix();
        string fifo = Path.Combine(Root, "pipe.dtsi");
        MakeFifo(fifo);
        Assert.False(DtsFileKind.IsRegularFile(fifo));
        Assert.True(DtsFileKind.IsRegularFile(Path.Combine(Root, "blob.bin")));

        // Opening a FIFO for reading blocks until a writer comes: give it one, so a reader that wrongly opens the FIFO
        // reads it empty (and the test fails) instead of hanging; then release the writer if nobody read.
        // Both helper threads swallow I/O errors: the test class deletes the folder when done, and an exception on a
        // thread of its own would bring the whole test run down.
        var writer = new Thread(() => OpenQuietly(fifo, FileAccess.Write)) { IsBackground = true };
        writer.Start();
        try
        {
            Refused(() => DtsReader.ParseFile(Board("/include/ \"pipe.dtsi\"\n/ { };"), Confined), 2, 10, "not a regular file");
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
            using var stream = new FileStream(path, FileMode.Open, access);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public void A_file_read_whole_must_end_where_its_length_said()
    {
        SkipUnlessUnix();

        // The bounded read behind the type check: /dev/zero says length 0 and never ends.
        var gate = new DtsFileGate(DtsReaderOptions.Default, null);
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => gate.Read("/dev/zero", "/dev/zero", 0, null, new DtsSourceLocation("t.dts", 3, 4)));
        Assert.Equal("t.dts:3:4: '/dev/zero' grew while being read, or is not a regular file.", ex.Message);
    }

    private static void MakeFifo(string path)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Assert.Skip("mkfifo failed.");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("mkfifo is not installed.");
        }
    }
}
