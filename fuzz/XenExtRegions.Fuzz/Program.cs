using System;
using System.IO;
using SharpFuzz;

namespace XenExtRegions.Fuzz;

/// <summary>
/// AFL++ entry point: <c>XenExtRegions.Fuzz dtb|dts|engine</c> reads inputs from afl-fuzz through SharpFuzz's fork
/// server. Our documented exceptions are swallowed; anything else escapes and afl-fuzz records a crash. Run without
/// afl-fuzz, <c>XenExtRegions.Fuzz TARGET FILE...</c> replays files and prints each outcome (for minimising and triage).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTargets.TryGet(args[0], out Action<byte[]>? target))
        {
            Console.Error.WriteLine("usage: XenExtRegions.Fuzz dtb|dts|engine|bootlog|dtsout|builder|overlay|check [FILE...]");
            return 2;
        }

        if (args.Length > 1)
        {
            return Replay(target, args);
        }

        // Out of process: a stack overflow or fail-fast in the target kills only the child, which afl-fuzz sees as a crash.
        Fuzzer.OutOfProcess.Run(stream => target(ReadAll(stream)));
        return 0;
    }

    private static int Replay(Action<byte[]> target, string[] args)
    {
        int failures = 0;
        for (int i = 1; i < args.Length; i++)
        {
            try
            {
                target(File.ReadAllBytes(args[i]));
                Console.WriteLine(args[i] + ": ok");
            }
#pragma warning disable CA1031 // Replay reports every escaping exception: that is its whole job.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                Console.WriteLine(args[i] + ": FINDING " + e.GetType().FullName + ": " + e.Message);
                Console.WriteLine(e.StackTrace);
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
