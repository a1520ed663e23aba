using System;
using System.IO;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>A malformed value met after loading is bad input naming file, node and property (exit 2), not an internal error.</summary>
public sealed class CliMalformedValueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-bad-value-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_getter_error_is_traced_to_the_file_that_holds_the_node_and_property()
    {
        var backend = new LibraryBackend();
        string a = WriteFile("a.dts", "/dts-v1/;\n/ { dev { compatible = [78 79]; }; };\n");
        string b = WriteFile("b.dts", "/dts-v1/;\n/ { dev { }; other { compatible = \"ok\"; }; };\n");
        LoadedTree first = backend.LoadTree(a, File.ReadAllBytes(a));
        backend.LoadTree(b, File.ReadAllBytes(b));

        var e = Assert.Throws<DeviceTreeFormatException>(() => _ = first.Tree.FindNode("/dev")!.Compatible);
        string message = backend.DescribeInputError(e);

        Assert.StartsWith(a + ": ", message, StringComparison.Ordinal);
        Assert.Contains("node /dev", message, StringComparison.Ordinal);
        Assert.Contains("property 'compatible'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(b, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_keeps_its_own_file_and_line()
    {
        var backend = new LibraryBackend();
        var e = new DtsSyntaxException("unexpected brace", "x.dts", 3, 1);

        Assert.Equal(e.Message, backend.DescribeInputError(e));
    }

    [Fact]
    public void A_getter_error_escaping_a_command_is_bad_input_naming_the_file_not_an_internal_error()
    {
        string path = WriteFile("bad.dts", "/dts-v1/;\n/ { dev { compatible = [78 79]; }; };\n");

        // A command whose library call reads compatible on the loaded tree, as any later code might.
        var backend = new CompatibleReadingBackend();
        CliResult result = CliRunner.Run(backend, "dt", "regs", path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: " + path + ": ", result.Error, StringComparison.Ordinal);
        Assert.Contains("node /dev, property 'compatible'", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The real backend, except that dt regs reads every node's compatible first.</summary>
    private sealed class CompatibleReadingBackend : IRegionsBackend
    {
        private readonly LibraryBackend _real = new();

        public LoadedTree LoadTree(string path, byte[] content, TreeReadChoices? choices = null) => _real.LoadTree(path, content, choices);

        public string DescribeInputError(DeviceTreeFormatException error) => _real.DescribeInputError(error);

        public LoadedTree LoadEmbeddedBoard(string dtsText) => _real.LoadEmbeddedBoard(dtsText);

        public bool TryNormaliseXenVersion(string text, out string normalised, out string known) => _real.TryNormaliseXenVersion(text, out normalised, out known);

        public XenExtRegions.Cli.Rendering.RegionReport ComputeDom0(Dom0Request request) => _real.ComputeDom0(request);

        public XenExtRegions.Cli.Rendering.RegionReport ComputeDomU(DomURequest request) => _real.ComputeDomU(request);

        public XenExtRegions.Cli.Rendering.BootReport AnalyzeBoot(BootRequest request) => _real.AnalyzeBoot(request);

        public GuestReport CheckGuest(LoadedTree guest, ulong sectionSize) => _real.CheckGuest(guest, sectionSize);

        public XenExtRegions.Cli.Rendering.JsonRegsDocument DecodeRegs(LoadedTree tree)
        {
            foreach (DeviceTreeNode node in tree.Tree.Nodes)
            {
                _ = node.Compatible;
            }

            return _real.DecodeRegs(tree);
        }

        public byte[] WriteDts(LoadedTree tree) => _real.WriteDts(tree);

        public byte[] WriteDtb(LoadedTree tree) => _real.WriteDtb(tree);

        public byte[] WriteDtbWithHypervisor(LoadedTree? tree, XenExtRegions.Cli.Rendering.RegionReport report) => _real.WriteDtbWithHypervisor(tree, report);
    }
}
