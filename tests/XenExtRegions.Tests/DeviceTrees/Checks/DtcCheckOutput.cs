using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Checks;

/// <summary>Runs dtc for its check messages and reduces them, and ours, to comparable keys: <c>NAME PATH[:PROPERTY]</c>.</summary>
internal static class DtcCheckOutput
{
    private static readonly Regex Line = new(@"^.*?: (?<text>(?:Warning|ERROR) \((?<name>[a-z0-9_]+)\): (?<rest>.*))$", RegexOptions.CultureInvariant);

    /// <summary>The checks both tools have (dtc's names).</summary>
    public static readonly HashSet<string> Shared = new(DeviceTreeChecker.CheckNames.Where(n => !n.StartsWith("xen_", StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>Runs dtc and returns its standard error and exit code.</summary>
    public static (string Stderr, int Exit) Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(DtcTool.Find("dtc") ?? "dtc") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (stderr, process.ExitCode);
    }

    public static string Version() => Run("--version").Stderr + DtcTool.Run("dtc", "--version");

    /// <summary>dtc's findings for the checks we share, as distinct sorted keys.</summary>
    public static SortedSet<string> Keys(string stderr)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in stderr.Split('\n'))
        {
            Match m = Line.Match(line);
            if (!m.Success || !Shared.Contains(m.Groups["name"].Value))
            {
                continue;
            }

            string rest = m.Groups["rest"].Value;
            string where = rest.Length > 0 && rest[0] == '/' ? rest.Substring(0, rest.IndexOf(": ", StringComparison.Ordinal)) : rest;
            keys.Add(m.Groups["name"].Value + " " + where);
        }

        return keys;
    }

    /// <summary>dtc's findings for the checks we share: key (as <see cref="Keys(string)"/>) to the texts dtc prints after the file name.</summary>
    public static Dictionary<string, SortedSet<string>> Texts(string stderr)
    {
        var texts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (string line in stderr.Split('\n'))
        {
            Match m = Line.Match(line);
            if (m.Success && Shared.Contains(m.Groups["name"].Value))
            {
                Add(texts, Keys(line).Single(), m.Groups["text"].Value);
            }
        }

        return texts;
    }

    /// <summary>Our findings for the checks we share: key to the texts as <see cref="DeviceTreeCheckFinding.ToString"/> prints them.</summary>
    public static Dictionary<string, SortedSet<string>> Texts(IEnumerable<DeviceTreeCheckFinding> findings)
    {
        var texts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (DeviceTreeCheckFinding f in findings.Where(f => Shared.Contains(f.CheckName)))
        {
            Add(texts, Keys(new[] { f }).Single(), f.ToString());
        }

        return texts;
    }

    private static void Add(Dictionary<string, SortedSet<string>> texts, string key, string text)
    {
        if (!texts.TryGetValue(key, out SortedSet<string>? set))
        {
            texts[key] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(text);
    }

    /// <summary>Our findings for the checks we share, as distinct sorted keys.</summary>
    public static SortedSet<string> Keys(IEnumerable<DeviceTreeCheckFinding> findings) =>
        new(findings.Where(f => Shared.Contains(f.CheckName)).Select(f =>
            f.CheckName + " " + (f.NodePath is null ? f.Message : f.PropertyName is null ? f.NodePath : f.NodePath + ":" + f.PropertyName)), StringComparer.Ordinal);

    public static string Describe(SortedSet<string> ours, SortedSet<string> dtcs) =>
        "only ours: [" + string.Join("; ", ours.Except(dtcs)) + "]\nonly dtc's: [" + string.Join("; ", dtcs.Except(ours)) + "]";
}
