using System;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// Hostile DTS text ends in a tree or <see cref="DtsSyntaxException"/>, with work and memory in proportion to the text:
/// deep nesting of nodes and expressions, huge literals, unterminated constructs, truncations and random edits.
/// </summary>
public sealed class DtsHostileTests
{
    private const int Deep = 100_000;

    private static string Board() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Fdt", "Fixtures", "board.dts"));

    private static string Nest(int depth, string open, string inner, string close)
    {
        var text = new StringBuilder((open.Length + close.Length) * depth + inner.Length);
        for (int i = 0; i < depth; i++)
        {
            text.Append(open);
        }

        text.Append(inner);
        for (int i = 0; i < depth; i++)
        {
            text.Append(close);
        }

        return text.ToString();
    }

    private static DtsSyntaxException Rejects(string text, string what, DtsReaderOptions? options = null)
    {
        DtsSyntaxException? error = null;
        bool ok = HostileInput.Run<DtsSyntaxException>(text.Length, () =>
        {
            try
            {
                DtsReader.Parse(text, "hostile.dts", options);
            }
            catch (DtsSyntaxException e)
            {
                error = e;
                throw;
            }
        }, what);
        Assert.False(ok, what + " was accepted");
        Assert.NotNull(error);
        Assert.True(error.Line > 0, what + ": the error has no line: " + error.Message);
        return error;
    }

    private static DeviceTree Accepts(string text, string what, DtsReaderOptions? options = null)
    {
        Assert.True(HostileInput.ParseDts(text, what, out DeviceTree? tree, options), what + " was rejected");
        return tree!;
    }

    [Fact]
    public void Sibling_chains_1000_deep_allocate_in_proportion_to_the_text()
    {
        // Within the default MaxDepth (1024): many deep chains must not multiply memory by the depth (a node path
        // built per node once cost O(depth) each: 32 MB for one 1000-deep chain of 3 KB).
        string chain = "c {" + Nest(999, "n {", string.Empty, "};") + "};";
        string text = "/dts-v1/;\n/ {" + string.Concat(Enumerable.Range(0, 8).Select(i => chain.Replace("c {", "c" + i + " {", StringComparison.Ordinal))) + "};\n";
        Accepts(text, "8 chains 1000 deep");
    }

    [Fact]
    public void Nodes_nested_100000_deep_parse_when_the_limit_is_raised()
    {
        string text = "/dts-v1/;\n/ {" + Nest(Deep, "n {", "x = <1>;", "};") + "};\n";
        Assert.Equal(Deep + 1, DtsReader.Parse(text, "deep.dts", new DtsReaderOptions { MaxDepth = Deep + 1 }).Nodes.Count());
    }

    [Fact]
    public void A_path_reference_100000_components_deep_is_rejected_or_resolved_without_recursion()
    {
        string path = string.Concat(Enumerable.Repeat("/n", Deep));
        string text = "/dts-v1/;\n/ { p = <&{" + path + "}>; };\n";
        Rejects(text, "deep path reference");
    }

    [Fact]
    public void Unary_operators_100000_deep_end_in_the_expression_depth_error()
    {
        Rejects("/dts-v1/;\n/ { x = <(" + new string('~', Deep) + "1)>; };\n", "deep unary ~");
        Rejects("/dts-v1/;\n/ { x = <(" + new string('!', Deep) + "1)>; };\n", "deep unary !");
        Rejects("/dts-v1/;\n/ { x = <(" + string.Concat(Enumerable.Repeat("- ", Deep)) + "1)>; };\n", "deep unary -");
    }

    [Fact]
    public void Conditionals_nested_100000_deep_end_in_the_expression_depth_error()
    {
        Rejects("/dts-v1/;\n/ { x = <(" + string.Concat(Enumerable.Repeat("1 ? ", Deep)) + "1" + string.Concat(Enumerable.Repeat(" : 0", Deep)) + ")>; };\n", "deep ?: in the middle");
        Rejects("/dts-v1/;\n/ { x = <(" + string.Concat(Enumerable.Repeat("0 ? 0 : ", Deep)) + "1)>; };\n", "deep ?: in the else branch");
    }

    [Fact]
    public void Nesting_just_inside_the_expression_limit_is_evaluated()
    {
        DeviceTree tree = Accepts("/dts-v1/;\n/ { x = <" + Nest(200, "(", "7", ")") + ">; };\n", "200 parentheses");
        Assert.Equal(7u, tree.Root.GetProperty("x")!.ReadNumber(0, 1));
    }

    [Theory]
    [InlineData("(1 / 0)")]
    [InlineData("(1 % 0)")]
    [InlineData("(0xffffffffffffffff / 0)")]
    public void Division_by_zero_is_a_syntax_error_not_a_crash(string expression)
    {
        Rejects("/dts-v1/;\n/ { x = <" + expression + ">; };\n", expression);
    }

    [Theory]
    [InlineData("(0x8000000000000000 / -1)")]
    [InlineData("(1 << 64)")]
    [InlineData("(1 << 0xffffffffffffffff)")]
    [InlineData("(1 >> 65)")]
    [InlineData("(0xffffffffffffffff * 0xffffffffffffffff)")]
    [InlineData("(-0x8000000000000000)")]
    public void Extreme_arithmetic_ends_in_a_value_or_a_syntax_error(string expression)
    {
        HostileInput.ParseDts("/dts-v1/;\n/ { x = /bits/ 64 <" + expression + ">; };\n", expression, out _);
    }

    [Fact]
    public void A_1_M_cell_array_and_an_8_KB_byte_string_are_read_in_proportion()
    {
        DeviceTree cells = Accepts("/dts-v1/;\n/ { c = <" + string.Concat(Enumerable.Repeat("0x1 ", 1 << 20)) + ">; };\n", "1 M cells");
        Assert.Equal(4 << 20, cells.Root.GetProperty("c")!.Length);
        DeviceTree bytes = Accepts("/dts-v1/;\n/ { b = [" + string.Concat(Enumerable.Repeat("a5", 1 << 13)) + "]; };\n", "8 KB bytestring");
        Assert.Equal(1 << 13, bytes.Root.GetProperty("b")!.Length);
    }

    [Fact]
    public void A_1_MB_byte_string_is_read_in_proportion()
    {
        DeviceTree bytes = Accepts("/dts-v1/;\n/ { b = [" + string.Concat(Enumerable.Repeat("a5", 1 << 20)) + "]; };\n", "1 MB bytestring");
        Assert.Equal(1 << 20, bytes.Root.GetProperty("b")!.Length);
    }

    [Fact]
    public void Huge_numbers_and_names_end_in_a_syntax_error_or_a_tree()
    {
        Rejects("/dts-v1/;\n/ { x = <" + new string('9', Deep) + ">; };\n", "100000-digit decimal");
        Rejects("/dts-v1/;\n/ { x = <0x" + new string('f', Deep) + ">; };\n", "100000-digit hex");
        Rejects("/dts-v1/;\n/ { x = /bits/ " + new string('9', Deep) + " <1>; };\n", "100000-digit /bits/ width");
        Rejects("/dts-v1/;\n/ { x = /bits/ 4294967328 <1>; };\n", "/bits/ 2^32+32");
        HostileInput.ParseDts("/dts-v1/;\n/ { " + new string('p', Deep) + " = <1>; " + new string('n', Deep) + " { }; };\n", "100000-char names", out _);
        HostileInput.ParseDts("/dts-v1/;\n/ { " + new string('l', Deep) + ": n { }; p = <&" + new string('l', Deep) + ">; };\n", "100000-char label", out _);
    }

    [Fact]
    public void Many_labels_references_and_reservations_stay_in_proportion()
    {
        string labels = string.Concat(Enumerable.Range(0, 20_000).Select(i => "l" + i + ": "));
        string refs = string.Concat(Enumerable.Range(0, 20_000).Select(i => "&l" + i + " "));
        DeviceTree tree = Accepts("/dts-v1/;\n/ { p = <" + refs + ">; " + labels + "n { }; };\n", "20000 labels and references");
        Assert.Equal(80_000, tree.Root.GetProperty("p")!.Length);
        string reservations = string.Concat(Enumerable.Range(0, 20_000).Select(i => "/memreserve/ " + (i * 0x1000) + " 0x1000;\n"));
        Assert.Equal(20_000, Accepts("/dts-v1/;\n" + reservations + "/ { };\n", "20000 reservations").MemoryReservations.Count);
    }

    [Theory]
    [InlineData("/dts-v1/;\n/ { s = \"abc")]
    [InlineData("/dts-v1/;\n/ { s = \"abc\\")]
    [InlineData("/dts-v1/;\n/ { s = \"\\x")]
    [InlineData("/dts-v1/;\n/ { s = '")]
    [InlineData("/dts-v1/;\n/ { b = [00 1")]
    [InlineData("/dts-v1/;\n/ { c = <1 2")]
    [InlineData("/dts-v1/;\n/ { c = <(1 + ")]
    [InlineData("/dts-v1/;\n/ { c = <&")]
    [InlineData("/dts-v1/;\n/ { c = <&{/")]
    [InlineData("/dts-v1/;\n/* never closed")]
    [InlineData("/dts-v1/;\n/ { /incbin/(")]
    [InlineData("/dts-v1/;\n/ { x = /bits/")]
    [InlineData("/dts-v1/;\n/memreserve/ 1")]
    [InlineData("/dts-v1/;\n/ { n { /delete-node/")]
    [InlineData("/dts-v1/;\n/ { x = \"\\777\"; };")]
    [InlineData("/dts-v1/;\n/ { x = '\\x100'; };")]
    [InlineData("/dts-v1/;\n/ { x = <'ab'>; };")]
    [InlineData("/dts-v1/;\n/ { x = <''>; };")]
    [InlineData("/dts-v1/;\n# 99999999999999999999 \"x.dts\"\n/ { };")]
    [InlineData("/dts-v1/;\n# 1 \"")]
    [InlineData("\uFEFF/dts-v1/;\n/ { \0 };")]
    [InlineData("/dts-v1/;\n/ { x = \"\uD800\"; };")]
    public void Unterminated_and_odd_constructs_end_in_a_syntax_error_or_a_tree(string text)
    {
        HostileInput.ParseDts(text, text, out _);
    }

    [Fact]
    public void Truncation_of_a_real_board_at_every_offset_ends_cleanly()
    {
        string board = Board();
        Assert.True(HostileInput.ParseDts(board, "board", out _));
        for (int length = 0; length < board.Length; length++)
        {
            HostileInput.ParseDts(board[..length], FormattableString.Invariant($"board cut at {length}"), out _);
        }
    }

    [Fact]
    public void Random_edits_of_a_real_board_end_cleanly() => RandomEdits(checkRoundTrip: false);

    [Fact]
    public void Random_edits_of_a_real_board_that_parse_write_back_to_the_same_tree() => RandomEdits(checkRoundTrip: true);

    [Theory]
    [InlineData("x = \"a\", \"4b\";")]
    [InlineData("x = [61 00 34 62 00];")]
    [InlineData("x = [61 00 00 37 00];")]
    public void A_string_list_whose_next_string_starts_with_a_digit_round_trips(string property)
    {
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ { " + property + " };\n");
        Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, DtsReader.Parse(DtsWriter.Write(tree), "again.dts")));
    }

    private static void RandomEdits(bool checkRoundTrip)
    {
        // Fixed seed: the same 1000 mutants on every run. Each edit swaps, inserts or deletes characters from the
        // alphabet DTS cares about, so the parser sees near-valid input rather than noise.
        const string alphabet = "{}<>[]()\";:/&,=-~!?*+%|^0123456789xabcdef \n\\#@'";
        string board = Board();
        var random = new Random(20261125);
        for (int mutant = 0; mutant < 1000; mutant++)
        {
            var text = new StringBuilder(board);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(text.Length);
                char c = alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0: text[at] = c; break;
                    case 1: text.Insert(at, c); break;
                    default: text.Remove(at, 1); break;
                }
            }

            string input = text.ToString();
            if (HostileInput.ParseDts(input, FormattableString.Invariant($"mutant {mutant}"), out DeviceTree? tree) && checkRoundTrip)
            {
                // Whatever we accept, we can write and read back, except names our reader takes but dtc stops on
                // ('*' in a node name, '@' in a property name …), which the writer refuses naming dtc's check.
                string written;
                try
                {
                    written = DtsWriter.Write(tree!);
                }
                catch (DtsWriteException e) when (e.Message.Contains("_name_chars check", StringComparison.Ordinal) || e.Message.Contains("node_name_format check", StringComparison.Ordinal))
                {
                    continue;
                }

                Assert.Null(DeviceTreeComparer.FindFirstDifference(tree!, DtsReader.Parse(written, "again.dts")));
            }
        }
    }

    [Fact]
    public void A_file_that_includes_itself_ends_in_the_include_depth_error()
    {
        string dir = Path.Combine(Path.GetTempPath(), "xer-hardening-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "self.dtsi"), "/include/ \"self.dtsi\"\n");
            Rejects("/dts-v1/;\n/include/ \"self.dtsi\"\n/ { };\n", "self include", new DtsReaderOptions { BaseDirectory = dir });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
