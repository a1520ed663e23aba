using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using XenExtRegions.Benchmarks.Fdt;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Memory;

/// <summary>
/// One-shot modes for bench/peak-memory.sh, each meant to run in a fresh process so that the kernel's high-water mark
/// (VmHWM) belongs to that mode alone:
/// <c>write-synthetic FILE [BUSES DEVICES]</c> writes the synthetic blob (default 1000 x 500, ~68 MB);
/// <c>peak-memory bytes|walk|build|build-properties FILE</c> reads the file's bytes only, walks them with
/// <see cref="FdtReader"/>, builds the tree model with <see cref="DtbReader.ReadFile"/>, or builds it and then
/// materialises every node's properties and path (what a full consumer touches).
/// </summary>
internal static class PeakMemoryProgram
{
    public static bool IsMode(string[] args) => args.Length > 0 && args[0] is "peak-memory" or "write-synthetic";

    public static int Run(string[] args)
    {
        try
        {
            return args[0] == "write-synthetic" ? WriteSynthetic(args) : Measure(args);
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException or DeviceTreeFormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static int WriteSynthetic(string[] args)
    {
        if (args.Length is not (2 or 4))
        {
            throw new ArgumentException("usage: write-synthetic FILE [BUSES DEVICES_PER_BUS]");
        }

        int buses = args.Length == 4 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        int devices = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 500;
        DeviceTree tree = SyntheticDtb.Create(buses, devices);
        using (FileStream file = File.Create(args[1]))
        {
            DtbWriter.Write(tree, file);
        }

        Console.WriteLine(FormattableString.Invariant($"wrote {args[1]}: {new FileInfo(args[1]).Length} bytes, {1 + buses + ((long)buses * devices)} nodes"));
        return 0;
    }

    private static int Measure(string[] args)
    {
        if (args.Length != 3)
        {
            throw new ArgumentException("usage: peak-memory bytes|walk|build|build-properties FILE");
        }

        string mode = args[1];
        string path = args[2];
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        object? kept;
        long nodes;
        switch (mode)
        {
            case "bytes":
                byte[] bytes = File.ReadAllBytes(path);
                (kept, nodes) = (bytes, 0);
                break;
            case "walk":
                byte[] blob = File.ReadAllBytes(path);
                (kept, nodes) = (blob, Walk(blob));
                break;
            case "build":
                DeviceTree tree = DtbReader.ReadFile(path);
                (kept, nodes) = (tree, CountNodes(tree, touch: false));
                break;
            case "build-properties":
                DeviceTree touched = DtbReader.ReadFile(path);
                (kept, nodes) = (touched, CountNodes(touched, touch: true));
                break;
            default:
                throw new ArgumentException($"unknown mode '{mode}' (bytes, walk, build, build-properties)");
        }

        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // What the mode's result keeps alive: the full collection leaves only what 'kept' references (and the runtime's own).
        long retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(kept);
        GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
        Dictionary<string, long> status = ReadProcStatus();
        long fileLength = new FileInfo(path).Length;

        // One line of key=value pairs, for the script to pick apart.
        Console.WriteLine(FormattableString.Invariant(
            $"mode={mode} file_bytes={fileLength} nodes={nodes} ms={clock.Elapsed.TotalMilliseconds:F0} vm_hwm_kib={status.GetValueOrDefault("VmHWM")} vm_rss_kib={status.GetValueOrDefault("VmRSS")} allocated_bytes={allocated} retained_bytes={retained} gc_heap_bytes={gc.HeapSizeBytes} gc_committed_bytes={gc.TotalCommittedBytes} gc_count={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} server_gc={System.Runtime.GCSettings.IsServerGC}"));
        return 0;
    }

    private static long Walk(byte[] blob)
    {
        var reader = new FdtReader(blob);
        long nodes = 0;
        long sum = 0;
        while (reader.Read())
        {
            if (reader.TokenType == FdtToken.BeginNode)
            {
                nodes++;
            }

            // Touch names and values as a consumer would, so the walk cannot be cut short.
            sum += reader.PropertyValue.Length + reader.NodeName.Length;
        }

        GC.KeepAlive(sum);
        return nodes;
    }

    private static long CountNodes(DeviceTree tree, bool touch)
    {
        long nodes = 0;
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            nodes++;
            if (touch)
            {
                GC.KeepAlive(node.Path);
                GC.KeepAlive(node.Properties);
            }
        }

        return nodes;
    }

    /// <summary>The kB fields of /proc/self/status (Linux); empty elsewhere.</summary>
    private static Dictionary<string, long> ReadProcStatus()
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return fields;
        }

        foreach (string line in File.ReadAllLines(Status))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string[] parts = line.Substring(colon + 1).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (colon > 0 && parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out long kib))
            {
                fields[line.Substring(0, colon)] = kib;
            }
        }

        return fields;
    }
}
