using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>Runs a tool to completion with its output captured (and dropped); a non-zero exit is an error.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="exe"/> with <paramref name="args"/>.</summary>
    /// <returns>The length of what it printed on standard output.</returns>
    public static long Run(string exe, params string[] args)
    {
        var info = new ProcessStartInfo(exe)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new IOException($"Could not start {exe}.");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException($"{exe} {string.Join(' ', args)} exited with {process.ExitCode}: {errors.Result.Trim()}");
        }

        return output.Length;
    }
}
