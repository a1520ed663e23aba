using System.Diagnostics;
using System.IO;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Runs the system dtc for cross-checks; tests skip when it is absent.</summary>
internal static class DtcTool
{
    public const string Path = "/usr/bin/dtc";

    public static bool IsAvailable => File.Exists(Path);

    public static void SkipIfAbsent()
    {
        if (!IsAvailable)
        {
            Assert.Skip("dtc is not installed at /usr/bin/dtc (Debian package device-tree-compiler); the cross-check needs it.");
        }
    }

    /// <summary>Runs dtc with <paramref name="arguments"/>; returns stdout as text (stderr warnings ignored) and fails on a non-zero exit.</summary>
    public static string RunText(params string[] arguments) => System.Text.Encoding.UTF8.GetString(Run(arguments));

    public static byte[] Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path)
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
        Assert.True(process.ExitCode == 0, $"dtc {string.Join(" ", arguments)} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.ToArray();
    }
}
