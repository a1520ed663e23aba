using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsReaderErrorTests
{
    [Theory]
    [InlineData("/ { };", 1, 1, "Expected '/dts-v1/;'")]
    [InlineData("/dts-v1/\n/ { };", 2, 1, "Expected ';' after '/dts-v1/'")]
    [InlineData("/dts-v1/;\n/plugin/;\n/dts-v1/;\n/ { };", 3, 1, "does not match the earlier ones")]
    [InlineData("/dts-v1/;\n/memreserve/ 1 2;\n/plugin/;\n/ { };", 3, 1, "'/plugin/;' must directly follow '/dts-v1/;'")]
    [InlineData("/dts-v1/;\n/plugin/;\n/ { };\nnew: &missing { };", 4, 6, "Label or path 'missing' not found")]
    [InlineData("/dts-v1/;\n/plugin/;\n&a { p = &missing; };", 3, 10, "non-existent node or label 'missing'")]
    [InlineData("/dts-v1/;\n/plugin/;\n/ { fragment@0 { }; };\n&a { };", 4, 1, "second root node of that name")]
    [InlineData("/dts-v1/;\n/ { a { }; /delete-node/ a; };", 2, 12, "defined and deleted in one block")]
    [InlineData("/dts-v1/;\n/ { n { x: p = <x: 1>; }; };", 2, 12, "Duplicate label 'x'")]
    [InlineData("/dts-v1/;\n/ {\n\treg = <1>\n};", 4, 1, "Expected ';' after property 'reg'")]
    [InlineData("/dts-v1/;\n/ { a = ; };", 2, 9, "Expected a value for property 'a'")]
    [InlineData("/dts-v1/;\n/ { a = <1 + 2>; };", 2, 12, "Expected a number")]
    [InlineData("/dts-v1/;\n/ { a = <-1>; };", 2, 10, "Expected a number")]
    [InlineData("/dts-v1/;\n/ { a = <(1/0)>; };", 2, 12, "Division by zero")]
    [InlineData("/dts-v1/;\n/ { a = <(1%0)>; };", 2, 12, "Division by zero")]
    [InlineData("/dts-v1/;\n/ { a = <08>; };", 2, 10, "Bad integer literal '08'")]
    [InlineData("/dts-v1/;\n/ { a = <10l>; };", 2, 10, "Bad integer literal '10l'")]
    [InlineData("/dts-v1/;\n/ { a = <0x1ffffffffffffffff>; };", 2, 10, "out of range")]
    [InlineData("/dts-v1/;\n/ { a = <0x100000000>; };", 2, 10, "out of range for a 32-bit array element")]
    [InlineData("/dts-v1/;\n/ { a = /bits/ 8 <256>; };", 2, 19, "out of range for a 8-bit array element")]
    [InlineData("/dts-v1/;\n/ { a = /bits/ 16 <0x1ffff>; };", 2, 20, "out of range for a 16-bit array element")]
    [InlineData("/dts-v1/;\n/ { a = /bits/ 7 <1>; };", 2, 16, "must be 8, 16, 32 or 64 bits")]
    [InlineData("/dts-v1/;\n/ { a = /bits/ (8) <1>; };", 2, 16, "Expected an integer literal after '/bits/'")]
    [InlineData("/dts-v1/;\n/ { a = \"x\\\ny\"; };", 2, 11, "backslash cannot end a line")]
    [InlineData("/dts-v1/;\n/ { a = /bits/ 16 <&x>; x: n { }; };", 2, 20, "References are only allowed in arrays with 32-bit elements")]
    [InlineData("/dts-v1/;\n/ { a = <''>; };", 2, 10, "Empty character literal")]
    [InlineData("/dts-v1/;\n/ { a = <'ab'>; };", 2, 10, "2 characters instead of 1")]
    [InlineData("/dts-v1/;\n/ { a = \"abc; };", 2, 9, "Unterminated string")]
    [InlineData("/dts-v1/;\n/ { a = \"\\x\"; };", 2, 11, "'\\x' is used with no following hex digits")]
    [InlineData("/dts-v1/;\n/ { a = [0 1]; };", 2, 10, "Expected two hex digits")]
    [InlineData("/dts-v1/;\n/ { a = [01; };", 2, 12, "Expected two hex digits or ']'")]
    [InlineData("/dts-v1/;\n/ { a = <1; };", 2, 11, "Expected a number")]
    [InlineData("/dts-v1/;\n/ { a = <(1 + 2 3>; };", 2, 17, "Expected ')' to close the '(' at line 2, column 10")]
    [InlineData("/dts-v1/;\n/ { a = <(1 ? 2)>; };", 2, 16, "Expected ':'")]
    [InlineData("/dts-v1/;\n/ { n { };", 2, 11, "node '/' opened at line 2 is not closed")]
    [InlineData("/dts-v1/;\n/ { n { } };", 2, 11, "Expected ';' after '}' closing node '/n'")]
    [InlineData("/dts-v1/;\n/ { n { }; p = <1>; };", 2, 12, "Properties must precede subnodes")]
    [InlineData("/dts-v1/;\n/ { n { }; /delete-property/ p; };", 2, 12, "Properties must precede subnodes")]
    [InlineData("/dts-v1/;\n/ { a = <1>; a = <2>; };", 2, 14, "Duplicate property name: 'a'")]
    [InlineData("/dts-v1/;\n/ { n { }; n { }; };", 2, 12, "Duplicate node name: 'n'")]
    [InlineData("/dts-v1/;\n/ { n ! };", 2, 7, "Expected '=', ';' or '{' after 'n'")]
    [InlineData("/dts-v1/;\n/ { $ };", 2, 5, "Expected a property, a child node")]
    [InlineData("/dts-v1/;\n/ { p = <&nope>; };", 2, 10, "Reference to non-existent node or label 'nope'")]
    [InlineData("/dts-v1/;\n/ { p = &{/no/such}; };", 2, 9, "Reference to non-existent node '/no/such'")]
    [InlineData("/dts-v1/;\n/ { p = &{a/b}; };", 2, 9, "must start with '/'")]
    [InlineData("/dts-v1/;\n/ { };\n&nope { };", 3, 1, "Label or path 'nope' not found")]
    [InlineData("/dts-v1/;\n/ { };\n/delete-node/ &nope;", 3, 15, "Label or path 'nope' not found")]
    [InlineData("/dts-v1/;\n/ { a: b: x { }; };\n/ { p = <&a>; };\n/delete-node/ &b;\n/ { q = <&a>; };", 3, 10, "non-existent node or label 'a'")]
    [InlineData("/dts-v1/;\n/ { a: x { }; a: y { }; };", 2, 18, "Duplicate label 'a' on /y and /x")]
    [InlineData("/dts-v1/;\n/ { n { phandle = <0>; }; };", 2, 9, "Bad value (0x0)")]
    [InlineData("/dts-v1/;\n/ { n { phandle = <1 2>; }; };", 2, 9, "Bad length (8)")]
    [InlineData("/dts-v1/;\n/ { n { phandle = <1>; }; m { phandle = <1>; }; };", 2, 31, "Duplicated phandle 0x1 on /m (seen before at /n)")]
    [InlineData("/dts-v1/;\n/ { n { phandle = <1>; linux,phandle = <2>; }; };", 2, 5, "mismatching 'phandle' and 'linux,phandle'")]
    [InlineData("/dts-v1/;\n/ { };\n/memreserve/ 1 2;", 3, 1, "'/memreserve/' must come before the root node")]
    [InlineData("/dts-v1/;\n/memreserve/ 1;\n/ { };", 2, 15, "Expected the size of /memreserve/")]
    [InlineData("/dts-v1/;\n", 2, 1, "Expected a root node")]
    [InlineData("/dts-v1/;\n/ { }; junk", 2, 8, "at the top level")]
    [InlineData("/dts-v1/;\n/ { /* never closed };", 2, 5, "Unterminated comment")]
    [InlineData("/dts-v1/;\n/ { n { /delete-node/ &x; }; };", 2, 23, "only allowed at the top level")]
    [InlineData("/dts-v1/;\n/ { /omit-if-no-ref/ p = <1>; };", 2, 5, "applies to nodes")]
    [InlineData("/dts-v1/;\n&x { };", 2, 1, "needs a root node")]
    public void Syntax_errors_name_file_line_column_and_what_was_expected(string text, int line, int column, string fragment)
    {
        DtsSyntaxException ex = Error(text);
        Assert.Contains(fragment, ex.Message, System.StringComparison.Ordinal);
        Assert.Equal(("bad.dts", line, column), (ex.File, ex.Line, ex.Column));
        Assert.StartsWith($"bad.dts:{line}:{column}: ", ex.Message, System.StringComparison.Ordinal);
        Assert.IsAssignableFrom<DeviceTreeFormatException>(ex);
    }

    [Theory]
    [InlineData("#include <dt-bindings/gpio/gpio.h>", "#include")]
    [InlineData("#include \"board.dtsi\"", "#include")]
    [InlineData("  #define FOO 1", "#define")]
    [InlineData("#if 1", "#if")]
    [InlineData("#ifdef X", "#ifdef")]
    [InlineData("#endif", "#endif")]
    [InlineData("# undef X", "#undef")]
    public void Preprocessor_directives_ask_the_user_to_run_cpp(string directive, string word)
    {
        DtsSyntaxException ex = Error("/dts-v1/;\n/ {\n" + directive + "\n};");
        Assert.Equal(3, ex.Line);
        Assert.Contains($"C preprocessor directive '{word}'", ex.Message, System.StringComparison.Ordinal);
        Assert.Contains("cpp -nostdinc -undef -x assembler-with-cpp", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(DtsReader.TryParse("/dts-v1/; / { a = <1>", out DeviceTree? tree, out DtsSyntaxException? error));
        Assert.Null(tree);
        Assert.NotNull(error);
        Assert.True(DtsReader.TryParse("/dts-v1/; / { };", out tree, out error));
        Assert.NotNull(tree);
    }
}
