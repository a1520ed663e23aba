using System;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsReaderHostileInputTests
{
    private static string Nested(int depth)
    {
        var sb = new StringBuilder("/dts-v1/;\n/ {");
        for (int i = 0; i < depth; i++)
        {
            sb.Append("n{");
        }

        for (int i = 0; i < depth; i++)
        {
            sb.Append("};");
        }

        return sb.Append("};").ToString();
    }

    [Fact]
    public void Deep_nesting_beyond_the_limit_is_a_syntax_error_not_a_stack_overflow()
    {
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(Nested(100_000)));
        Assert.Contains("nested more than 1024 deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_braces_are_a_syntax_error()
    {
        string text = "/dts-v1/;\n/ {" + new StringBuilder().Insert(0, "{", 100_000);
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(text));
    }

    [Fact]
    public void Very_deep_trees_parse_without_recursion_when_the_limit_allows()
    {
        DeviceTree tree = DtsReader.Parse(Nested(30_000), options: new DtsReaderOptions { MaxDepth = int.MaxValue });
        int depth = 0;
        for (DeviceTreeNode node = tree.Root; node.Children.Count > 0; node = node.Children[0])
        {
            depth++;
        }

        Assert.Equal(30_000, depth);
    }

    [Fact]
    public void Deep_trees_print_and_reparse_without_recursion()
    {
        // Printed indentation grows with the square of the depth, so this stays moderate.
        DeviceTree tree = DtsReader.Parse(Nested(3_000), options: new DtsReaderOptions { MaxDepth = int.MaxValue });
        string printed = DtsWriter.Write(tree);
        DeviceTree again = DtsReader.Parse(printed, options: new DtsReaderOptions { MaxDepth = int.MaxValue });
        TreeComparison.AssertEqual(tree, again);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("(-", ")")]
    [InlineData("(1?", ":0)")]
    public void Deep_expressions_are_a_syntax_error(string open, string close)
    {
        var sb = new StringBuilder("/dts-v1/;\n/ { p = <");
        sb.Insert(sb.Length, open, 100_000).Append('1').Insert(sb.Length, close, 100_000).Append(">; };");
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(sb.ToString()));
        Assert.Contains("MaxExpressionDepth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_unary_chains_are_a_syntax_error()
    {
        string text = "/dts-v1/;\n/ { p = <(" + new string('~', 100_000) + "1)>; };";
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(text));
    }

    [Fact]
    public void Long_binary_chains_are_parsed_iteratively()
    {
        var sb = new StringBuilder("/dts-v1/;\n/ { p = <(0");
        for (int i = 0; i < 100_000; i++)
        {
            sb.Append(" + 1");
        }

        DeviceTree tree = DtsReader.Parse(sb.Append(")>; };").ToString());
        Assert.Equal(100_000u, tree.Root.GetProperty("p")!.GetUInt32());
    }

    [Fact]
    public void Huge_literals_are_out_of_range()
    {
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse("/dts-v1/;\n/ { p = <" + new string('9', 100_000) + ">; };"));
        Assert.Contains("out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_strings_are_fine()
    {
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ { p = \"" + new string('x', 5_000_000) + "\"; };");
        Assert.Equal(5_000_001, tree.Root.GetProperty("p")!.Length);
    }

    [Theory]
    [InlineData("/dts-v1/;\n/ { p = <1")]
    [InlineData("/dts-v1/;\n/ { p = [01")]
    [InlineData("/dts-v1/;\n/ { p = \"")]
    [InlineData("/dts-v1/;\n/ { p = '")]
    [InlineData("/dts-v1/;\n/ { p = <'")]
    [InlineData("/dts-v1/;\n/ { p = <&")]
    [InlineData("/dts-v1/;\n/ { p = <&{/")]
    [InlineData("/dts-v1/;\n/ { p")]
    [InlineData("/dts-v1/;\n/ { p = /bits/")]
    [InlineData("/dts-v1/;\n/ { p = /incbin/")]
    [InlineData("/dts-v1/;\n/memreserve/")]
    [InlineData("/dts-v1/;\n/include/")]
    [InlineData("/dts-v1/;\n/ { /delete-node/")]
    [InlineData("/dts-v1/;\n/ { a: ")]
    [InlineData("/dts-v1/;\n/ { p = \"\\")]
    [InlineData("/dts-v1/;\n#")]
    [InlineData("/dts-v1")]
    [InlineData("")]
    public void Truncated_input_is_a_syntax_error(string text) =>
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(text));
}
