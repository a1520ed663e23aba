using System;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsReaderIncludeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dts-include-" + Guid.NewGuid().ToString("N"));

    public DtsReaderIncludeTests() => Directory.CreateDirectory(Path.Combine(_dir, "sub"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Include_is_relative_to_the_including_file_and_works_at_top_level_and_in_nodes()
    {
        Write("sub/soc.dtsi", "/ { soc { /include/ \"props.dtsi\" }; };");
        Write("sub/props.dtsi", "compatible = \"simple-bus\";");
        string main = Write("board.dts", "/dts-v1/;\n/include/ \"sub/soc.dtsi\"\n/ { model = \"b\"; };");
        DeviceTree tree = DtsReader.ParseFile(main);
        Assert.Equal("simple-bus", tree.FindNode("/soc")!.GetProperty("compatible")!.GetString());
        Assert.Equal(new[] { "model" }, tree.Root.Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData("/include/ \"/a\0b\"\n/dts-v1/;\n/ { };\n")]
    [InlineData("/dts-v1/;\n/ { x = /incbin/(\"/a\0b\"); };\n")]
    public void A_NUL_in_an_include_or_incbin_name_is_a_syntax_error_with_its_location(string source)
    {
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(source, "nul.dts"));
        Assert.Contains("NUL", ex.Message, StringComparison.Ordinal);
        Assert.Equal("nul.dts", ex.File);
    }

    [Fact]
    public void Include_directories_are_searched_after_the_including_files_directory()
    {
        Write("sub/common.dtsi", "/ { common; };");
        string main = Write("board.dts", "/dts-v1/;\n/include/ \"common.dtsi\"");
        DeviceTree tree = DtsReader.ParseFile(main, new DtsReaderOptions { IncludeDirectories = new[] { Path.Combine(_dir, "sub") } });
        Assert.True(tree.Root.HasProperty("common"));
    }

    [Fact]
    public void Errors_inside_included_files_name_that_file()
    {
        string inc = Write("bad.dtsi", "/ {\n  p = <1>\n};");
        string main = Write("board.dts", "/dts-v1/;\n/include/ \"bad.dtsi\"");
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.ParseFile(main));
        Assert.Equal((inc, 3, 1), (ex.File, ex.Line, ex.Column));
    }

    [Fact]
    public void Include_cycles_are_detected()
    {
        Write("a.dtsi", "/include/ \"b.dtsi\"");
        Write("b.dtsi", "/include/ \"a.dtsi\"");
        string main = Write("board.dts", "/dts-v1/;\n/include/ \"a.dtsi\"\n/ { };");
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.ParseFile(main));
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_depth_is_limited()
    {
        for (int i = 0; i < 5; i++)
        {
            Write($"d{i}.dtsi", $"/include/ \"d{i + 1}.dtsi\"");
        }

        Write("d5.dtsi", "/ { };");
        string main = Write("board.dts", "/dts-v1/;\n/include/ \"d0.dtsi\"");
        Assert.NotNull(DtsReader.ParseFile(main));
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.ParseFile(main, new DtsReaderOptions { MaxIncludeDepth = 3 }));
        Assert.Contains("nested more than 3 deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_include_names_the_file_and_place()
    {
        string main = Write("board.dts", "/dts-v1/;\n  /include/ \"nope.dtsi\"\n/ { };");
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.ParseFile(main));
        Assert.Equal((2, 12), (ex.Line, ex.Column));
        Assert.Contains("'nope.dtsi' not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_resolves_includes_against_the_base_directory()
    {
        Write("x.dtsi", "/ { x; };");
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/include/ \"x.dtsi\"", "mem.dts", new DtsReaderOptions { BaseDirectory = _dir });
        Assert.True(tree.Root.HasProperty("x"));
    }
}
