using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>
/// The size limits of <see cref="DtsReaderOptions"/>: each accepts input exactly at the limit, refuses one past it
/// with a <see cref="DtsSyntaxException"/> naming the place and the option; bad option values are misuse.
/// </summary>
public sealed class DtsReaderLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-dts-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static DtsSyntaxException Refused(Func<object> parse, string option, string file, int line, int column)
    {
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(parse);
        Assert.Equal((file, line, column), (ex.File, ex.Line, ex.Column));
        Assert.StartsWith(FormattableString.Invariant($"{file}:{line}:{column}: "), ex.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(DtsReaderOptions.{option}).", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void MaxNodes_counts_the_root_and_every_node_created()
    {
        const string text = "/dts-v1/;\n/ {\n  a { x { }; };\n  b { };\n};\n/ { /delete-node/ b; c { }; };";
        Assert.Equal(4, DtsReader.Parse(text, "n.dts", new DtsReaderOptions { MaxNodes = 5 }).Nodes.Count());
        DtsSyntaxException ex = Refused(() => DtsReader.Parse(text, "n.dts", new DtsReaderOptions { MaxNodes = 4 }), "MaxNodes", "n.dts", 6, 22);
        Assert.Contains("more than 4 nodes", ex.Message, StringComparison.Ordinal);
        Refused(() => DtsReader.Parse(text, "n.dts", new DtsReaderOptions { MaxNodes = 1 }), "MaxNodes", "n.dts", 3, 3);
    }

    [Fact]
    public void MaxNodes_holds_for_any_tree_size()
    {
        Gen.Select(Gen.Int[0, 60], Gen.Int[1, 61]).Sample(
            (children, limit) =>
            {
                string text = "/dts-v1/;\n/ {" + string.Concat(Enumerable.Range(0, children).Select(i => $" n{i} {{ }};")) + " };";
                bool accepted = DtsReader.TryParse(text, out _, out _, options: new DtsReaderOptions { MaxNodes = limit });
                Assert.Equal(children + 1 <= limit, accepted);
            },
            iter: 200);
    }

    [Fact]
    public void MaxPropertySize_is_checked_per_value_and_per_cell()
    {
        // <1 2> is 8 bytes, "ab" 3: 11 in all.
        const string text = "/dts-v1/;\n/ {\n  p = <1 2>, \"ab\";\n};";
        Assert.Equal(11, DtsReader.Parse(text, "p.dts", new DtsReaderOptions { MaxPropertySize = 11 }).Root.GetProperty("p")!.Length);
        Refused(() => DtsReader.Parse(text, "p.dts", new DtsReaderOptions { MaxPropertySize = 10 }), "MaxPropertySize", "p.dts", 3, 14);

        // Cells can be 8 times their text: the cell that crosses the limit is named.
        const string cells = "/dts-v1/;\n/ { q = /bits/ 64 <1 2 3>; };";
        Assert.NotNull(DtsReader.Parse(cells, "q.dts", new DtsReaderOptions { MaxPropertySize = 24 }));
        DtsSyntaxException ex = Refused(() => DtsReader.Parse(cells, "q.dts", new DtsReaderOptions { MaxPropertySize = 23 }), "MaxPropertySize", "q.dts", 2, 24);
        Assert.Contains("larger than 23 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxPropertySize_refuses_incbin_data_before_reading_it()
    {
        Write("blob.bin", new string('z', 16));
        string board = Write("b.dts", "/dts-v1/;\n/ { p = [01], /incbin/(\"blob.bin\"); };");
        Assert.Equal(17, DtsReader.ParseFile(board, new DtsReaderOptions { MaxPropertySize = 17 }).Root.GetProperty("p")!.Length);
        Refused(() => DtsReader.ParseFile(board, new DtsReaderOptions { MaxPropertySize = 16 }), "MaxPropertySize", board, 2, 15);
    }

    [Fact]
    public void MaxTotalSize_counts_the_source_text_in_UTF8()
    {
        const string text = "/dts-v1/;\n/ { model = \"é\"; };";
        int bytes = Encoding.UTF8.GetByteCount(text);
        Assert.Equal(text.Length + 1, bytes);
        Assert.NotNull(DtsReader.Parse(text, "t.dts", new DtsReaderOptions { MaxTotalSize = bytes }));
        Refused(() => DtsReader.Parse(text, "t.dts", new DtsReaderOptions { MaxTotalSize = bytes - 1 }), "MaxTotalSize", "t.dts", 1, 1);

        string file = Write("t.dts", text);
        Assert.NotNull(DtsReader.ParseFile(file, new DtsReaderOptions { MaxTotalSize = bytes }));
        Refused(() => DtsReader.ParseFile(file, new DtsReaderOptions { MaxTotalSize = bytes - 1 }), "MaxTotalSize", file, 1, 1);
    }

    [Fact]
    public void MaxTotalSize_counts_each_inclusion_and_the_incbin_data()
    {
        string inc = Write("x.dtsi", "/ { };\n"); // 7 bytes, included twice
        Write("blob.bin", "0123456789"); // 10 bytes, 4 of them read
        string board = Write("b.dts", "/dts-v1/;\n/include/ \"x.dtsi\"\n/include/ \"x.dtsi\"\n/ { p = /incbin/(\"blob.bin\", 2, 4); };\n");
        long total = new FileInfo(board).Length + (2 * new FileInfo(inc).Length) + 4;
        Assert.NotNull(DtsReader.ParseFile(board, new DtsReaderOptions { MaxTotalSize = (int)total }));
        Refused(() => DtsReader.ParseFile(board, new DtsReaderOptions { MaxTotalSize = (int)total - 1 }), "MaxTotalSize", board, 4, 9);
        Refused(() => DtsReader.ParseFile(board, new DtsReaderOptions { MaxTotalSize = (int)total - 5 }), "MaxTotalSize", board, 3, 10);
    }

    [Fact]
    public void Include_chains_that_repeat_a_file_cost_no_more_than_MaxTotalSize()
    {
        // Each level includes the next one twice: 2^24 inclusions of the leaf without a total limit.
        for (int i = 0; i < 24; i++)
        {
            Write($"l{i}.dtsi", $"/include/ \"l{i + 1}.dtsi\"\n/include/ \"l{i + 1}.dtsi\"\n");
        }

        Write("l24.dtsi", "/ { };\n");
        string board = Write("b.dts", "/dts-v1/;\n/include/ \"l0.dtsi\"\n");
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.ParseFile(board, new DtsReaderOptions { MaxTotalSize = 1 << 20 }));
        Assert.Contains("DtsReaderOptions.MaxTotalSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxIncludeDepth_names_the_option_and_is_exact()
    {
        Write("d1.dtsi", "/include/ \"d2.dtsi\"");
        Write("d2.dtsi", "/ { };");
        string board = Write("b.dts", "/dts-v1/;\n/include/ \"d1.dtsi\"");
        Assert.NotNull(DtsReader.ParseFile(board, new DtsReaderOptions { MaxIncludeDepth = 2 }));
        Refused(() => DtsReader.ParseFile(board, new DtsReaderOptions { MaxIncludeDepth = 1 }), "MaxIncludeDepth", Path.Combine(_dir, "d1.dtsi"), 1, 10);
        Refused(() => DtsReader.ParseFile(board, new DtsReaderOptions { MaxIncludeDepth = 0 }), "MaxIncludeDepth", board, 2, 10);
    }

    [Fact]
    public void MaxDepth_is_exact()
    {
        const string text = "/dts-v1/;\n/ { a { b { }; }; };";
        Assert.NotNull(DtsReader.Parse(text, "d.dts", new DtsReaderOptions { MaxDepth = 2 }));
        Refused(() => DtsReader.Parse(text, "d.dts", new DtsReaderOptions { MaxDepth = 1 }), "MaxDepth", "d.dts", 2, 9);
    }

    [Fact]
    public void The_untrusted_preset_has_tight_limits_and_no_file_access()
    {
        DtsReaderOptions u = DtsReaderOptions.Untrusted;
        Assert.Equal(
            (DtsFileAccess.None, 64, 64, 0, 64 * 1024, 16 << 20, 64 << 20),
            (u.FileAccess, u.MaxDepth, u.MaxExpressionDepth, u.MaxIncludeDepth, u.MaxNodes, u.MaxPropertySize, u.MaxTotalSize));
        Assert.Equal(
            (DtsFileAccess.Unrestricted, 1024, 256, 32, 1 << 20, 1 << 30, 1 << 30),
            (DtsReaderOptions.Default.FileAccess, DtsReaderOptions.Default.MaxDepth, DtsReaderOptions.Default.MaxExpressionDepth, DtsReaderOptions.Default.MaxIncludeDepth,
             DtsReaderOptions.Default.MaxNodes, DtsReaderOptions.Default.MaxPropertySize, DtsReaderOptions.Default.MaxTotalSize));
        string board = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Fdt", "Fixtures", "board.dts"));
        Assert.NotNull(DtsReader.Parse(board, "board.dts", u));
    }

    public static TheoryData<DtsReaderOptions, string> BadOptions() => new()
    {
        { new DtsReaderOptions { MaxDepth = -1 }, "MaxDepth" },
        { new DtsReaderOptions { MaxExpressionDepth = -1 }, "MaxExpressionDepth" },
        { new DtsReaderOptions { MaxIncludeDepth = -1 }, "MaxIncludeDepth" },
        { new DtsReaderOptions { MaxNodes = 0 }, "MaxNodes" },
        { new DtsReaderOptions { MaxPropertySize = -1 }, "MaxPropertySize" },
        { new DtsReaderOptions { MaxTotalSize = int.MinValue }, "MaxTotalSize" },
        { new DtsReaderOptions { FileAccess = (DtsFileAccess)3 }, "FileAccess" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Out_of_range_options_are_misuse_not_bad_input(DtsReaderOptions options, string name)
    {
        string file = Write("ok.dts", "/dts-v1/;\n/ { };");
        foreach (Action parse in new Action[]
        {
            () => DtsReader.Parse("/dts-v1/;\n/ { };", "x.dts", options),
            () => _ = DtsReader.TryParse("/dts-v1/;\n/ { };", out _, out _, "x.dts", options),
            () => DtsReader.ParseFile(file, options),
        })
        {
            ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(parse);
            Assert.Contains("DtsReaderOptions." + name, ex.Message, StringComparison.Ordinal);
        }
    }
}
