using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace XenExtRegions.Tests.Cli;

/// <summary><c>dt check</c>: dtc's message lines, dtc's -W, exit 2 only for errors, JSON, standard input.</summary>
public sealed class DtCheckCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Checks", "Fixtures", name);

    [Fact]
    public void Warnings_print_as_dtc_prints_them_and_exit_0()
    {
        string path = Fixture("unit-address.dts");
        CliResult r = CliRunner.Run("dt", "check", path);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith(path + ": Warning (unit_address_vs_reg): /no-unit: node has a reg or ranges property, but no unit name\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(4, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void An_error_finding_exits_2_as_dtc_refuses_such_a_tree()
    {
        CliResult r = CliRunner.Run("dt", "check", Fixture("xen.dts"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ERROR (xen_node_too_deep): /l1/", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Minus_W_no_name_turns_a_check_off_and_its_dependents_too()
    {
        CliResult r = CliRunner.Run("dt", "check", Fixture("xen.dts"), "-W", "no-xen_node_too_deep", "-W", "no-xen_untranslatable_reg");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("xen_node_too_deep", r.Out, StringComparison.Ordinal);
        CliResult cells = CliRunner.Run("dt", "check", Fixture("reg-format.dts"), "-W", "no-reg_format");
        Assert.DoesNotContain("(reg_format)", cells.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(simple_bus_reg)", cells.Out, StringComparison.Ordinal);
        Assert.Contains("(ranges_format)", cells.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_check_name_is_refused_with_the_known_ones()
    {
        CliResult r = CliRunner.Run("dt", "check", Fixture("xen.dts"), "-W", "no-bogus");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("-W: Unrecognized check name \"bogus\"", r.Error, StringComparison.Ordinal);
        Assert.Contains("unit_address_vs_reg", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_the_findings_with_ids_and_severities()
    {
        CliResult r = CliRunner.Run("dt", "check", Fixture("xen.dts"), "--format", "json");
        Assert.Equal(2, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        JsonElement first = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("unit_address_vs_reg", first.GetProperty("check").GetString());
        Assert.Equal("DTC001", first.GetProperty("id").GetString());
        Assert.Equal("warning", first.GetProperty("severity").GetString());
        Assert.Equal("/memory@80000000", first.GetProperty("path").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void A_dts_reference_to_no_node_is_dtcs_phandle_references_error()
    {
        byte[] dts = Encoding.UTF8.GetBytes("/dts-v1/;\n/ { a { interrupt-parent = <&gone>; }; };\n");
        CliResult r = CliRunner.RunPiped(dts, false, "dt", "check", "-");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(": ERROR (phandle_references): ", r.Out, StringComparison.Ordinal);
        Assert.Contains("gone", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_from_standard_input_is_checked_too()
    {
        byte[] blob = XenExtRegions.DeviceTrees.DtbWriter.Write(XenExtRegions.DeviceTrees.DtsReader.ParseFile(Fixture("unique-unit.dts")));
        CliResult r = CliRunner.RunPiped(blob, false, "dt", "check", "-");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Warning (unique_unit_address): /serial@1000: duplicate unit-address (also used in node /timer@1000)", r.Out, StringComparison.Ordinal);
    }
}
