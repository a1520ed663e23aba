using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// One line of Fixtures/real/pairs.txt: a board tree from Debian's arm64 kernel package, the overlays applied to it in
/// order, and either the kernel-built result or the error a refusal must carry.
/// </summary>
internal sealed class RealOverlayCase
{
    private RealOverlayCase(string line, string baseName, IReadOnlyList<string> overlays, string? built, DeviceTreeOverlayError? refusal)
    {
        Line = line;
        BaseName = baseName;
        Overlays = overlays;
        BuiltName = built;
        Refusal = refusal;
    }

    public string Line { get; }

    public string BaseName { get; }

    public IReadOnlyList<string> Overlays { get; }

    /// <summary>The kernel build's result for the same files, when the package ships it.</summary>
    public string? BuiltName { get; }

    /// <summary>The error expected instead of a tree.</summary>
    public DeviceTreeOverlayError? Refusal { get; }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Overlays", "Fixtures", "real");

    public static IReadOnlyList<RealOverlayCase> All { get; } = Load();

    public static RealOverlayCase Find(string line) => All.Single(c => c.Line == line);

    /// <summary>A fixture's bytes: board trees are stored gzip-compressed (name.dtb.gz), overlays as they are.</summary>
    public static byte[] Blob(string name)
    {
        string plain = Path.Combine(Folder, name);
        if (File.Exists(plain))
        {
            return File.ReadAllBytes(plain);
        }

        using FileStream file = File.OpenRead(plain + ".gz");
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Applies the overlays in order with DeviceTreeOverlay.</summary>
    public DeviceTree ApplyOurs(DeviceTreeOverlayOptions options)
    {
        DeviceTree tree = DtbReader.Read(Blob(BaseName));
        foreach (string overlay in Overlays)
        {
            tree = DeviceTreeOverlay.Apply(tree, DtbReader.Read(Blob(overlay)), options);
        }

        return tree;
    }

    private static List<RealOverlayCase> Load()
    {
        var cases = new List<RealOverlayCase>();
        foreach (string raw in File.ReadAllLines(Path.Combine(Folder, "pairs.txt")))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words[0] == "!")
            {
                DeviceTreeOverlayError error = Enum.Parse<DeviceTreeOverlayError>(words[1]);
                cases.Add(new RealOverlayCase(line, words[2], words.Skip(3).ToArray(), null, error));
                continue;
            }

            int equals = Array.IndexOf(words, "=");
            string[] files = equals < 0 ? words : words.Take(equals).ToArray();
            string? built = equals < 0 ? null : words[equals + 1];
            cases.Add(new RealOverlayCase(line, files[0], files.Skip(1).ToArray(), built, null));
        }

        return cases;
    }
}
