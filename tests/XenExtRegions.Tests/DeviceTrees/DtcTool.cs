using System;
using System.Diagnostics;
using System.IO;

namespace XenExtRegions.Tests.DeviceTrees;

/// <summary>Runs Debian's device-tree-compiler tools (dtc, fdtget) for the cross-checks of every device-tree test folder; tests skip when they are absent.</summary>
internal static class DtcTool
{
    public static string? Find(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string SkipMessage(string tool) =>
        $"'{tool}' (Debian package device-tree-compiler) is not installed, so the cross-check against it was skipped.";

    public static void SkipUnlessInstalled(params string[] tools)
    {
        foreach (string tool in tools)
        {
            if (Find(tool) is null)
            {
                Assert.Skip(SkipMessage(tool));
            }
        }
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Fdt", "Fixtures", name);

    /// <summary>Compiles a fixture DTS to a DTB with dtc and returns the blob.</summary>
    public static byte[] CompileFixture(string name, params string[] extraArguments)
    {
        string output = Path.Combine(Path.GetTempPath(), $"xer-{Guid.NewGuid():N}.dtb");
        try
        {
            var args = new System.Collections.Generic.List<string> { "-q", "-I", "dts", "-O", "dtb", "-o", output };
            args.AddRange(extraArguments);
            args.Add(FixturePath(name));
            Run("dtc", args.ToArray());
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Decompiles a blob with <c>dtc -I dtb -O dts</c>.</summary>
    public static string Decompile(byte[] blob) => WithTempFile(blob, path => Run("dtc", "-q", "-I", "dtb", "-O", "dts", path));

    public static T WithTempFile<T>(byte[] blob, Func<string, T> action)
    {
        string path = Path.Combine(Path.GetTempPath(), $"xer-{Guid.NewGuid():N}.dtb");
        File.WriteAllBytes(path, blob);
        try
        {
            return action(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs dtc; returns its standard output as text.</summary>
    public static string RunDtcText(params string[] arguments) => System.Text.Encoding.UTF8.GetString(RunBytes("dtc", arguments));

    /// <summary>Runs dtc; returns its standard output as bytes (a blob with <c>-O dtb</c>).</summary>
    public static byte[] RunDtc(params string[] arguments) => RunBytes("dtc", arguments);

    public static string Run(string tool, params string[] arguments) => System.Text.Encoding.UTF8.GetString(RunBytes(tool, arguments));

    public static byte[] RunBytes(string tool, string[] arguments)
    {
        var info = new ProcessStartInfo(Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        using var stdout = new MemoryStream();
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {stderr.Result}");
        }

        return stdout.ToArray();
    }
}
