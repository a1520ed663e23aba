using System;
using System.Linq;

namespace XenExtRegions.Cli.Wiring;

/// <summary>
/// The release profiles --xen-version accepts (spec §11). Kept here until the engine's release type is wired;
/// then <see cref="LibraryBackend.TryNormaliseXenVersion"/> asks the engine instead.
/// </summary>
internal static class XenVersions
{
    public const string Latest = "4.22";

    private static readonly string[] Known =
    [
        "4.16.0", "4.16.1", "4.16", "4.17", "4.18", "4.19.0", "4.19.1", "4.19.2", "4.19.3", "4.19",
        "4.20.0", "4.20.1", "4.20", "4.21", "4.22",
    ];

    public const string KnownList = "4.16.0, 4.16.1, 4.17, 4.18, 4.19.0 to 4.19.3, 4.20.0, 4.20.1, 4.21, 4.22, latest (point releases such as 4.17.5 map to their line)";

    public static bool TryNormalise(string text, out string normalised)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t.StartsWith('v') || t.StartsWith("xen-", StringComparison.Ordinal))
        {
            t = t.StartsWith('v') ? t[1..] : t[4..];
        }

        if (t is "latest" or "master")
        {
            normalised = Latest;
            return true;
        }

        if (Known.Contains(t))
        {
            normalised = t;
            return true;
        }

        // A later point release of a known line (4.17.5) behaves as its line, except where the line splits.
        string[] parts = t.Split('.');
        if (parts.Length == 3 && int.TryParse(parts[2], out int patch) && patch >= 0 && Known.Contains(parts[0] + "." + parts[1]))
        {
            string line = parts[0] + "." + parts[1];
            normalised = line switch
            {
                "4.16" => patch == 0 ? "4.16.0" : "4.16.1",
                "4.19" => patch < 3 ? "4.19." + patch.ToString(System.Globalization.CultureInfo.InvariantCulture) : "4.19.3",
                "4.20" => patch == 0 ? "4.20.0" : "4.20.1",
                _ => line,
            };
            return true;
        }

        normalised = string.Empty;
        return false;
    }
}
