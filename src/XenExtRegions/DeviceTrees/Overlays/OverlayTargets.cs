using System.Globalization;

namespace XenExtRegions.DeviceTrees;

/// <summary>libfdt's fdt_overlay_target_offset: where a fragment goes in the base tree.</summary>
internal static class OverlayTargets
{
    /// <summary>
    /// Resolves a fragment's <c>target</c> (a phandle, tried first) or <c>target-path</c>. Returns the base node, or
    /// null with <paramref name="failure"/> set. <paramref name="literalPath"/> is the <c>target-path</c> string
    /// when that was used (libfdt names symbols after it as written, alias included).
    /// </summary>
    public static OverlayNode? Resolve(OverlayTree baseTree, OverlayNode fragment, out string? literalPath, out DeviceTreeOverlayException? failure)
    {
        literalPath = null;
        failure = null;
        OverlayProperty? target = fragment.GetProperty("target");
        uint phandle = 0;
        if (target is not null)
        {
            if (target.Value.Length != 4 || target.ReadCell(0) == uint.MaxValue)
            {
                failure = new DeviceTreeOverlayException(
                    DeviceTreeOverlayError.BadPhandle,
                    target.Value.Length != 4
                        ? string.Format(CultureInfo.InvariantCulture, "target must be one phandle cell, but it is {0} bytes long", target.Value.Length)
                        : "target is 0xffffffff, which is not a phandle",
                    fragment.Path,
                    "target");
                return null;
            }

            phandle = target.ReadCell(0);
        }

        if (phandle != 0)
        {
            OverlayNode? byPhandle = baseTree.FindByPhandle(phandle);
            if (byPhandle is null)
            {
                failure = new DeviceTreeOverlayException(
                    DeviceTreeOverlayError.NotFound,
                    string.Format(CultureInfo.InvariantCulture, "target = <0x{0:x}> is the phandle of no node of the base tree", phandle),
                    fragment.Path,
                    "target");
            }

            return byPhandle;
        }

        OverlayProperty? pathProperty = fragment.GetProperty("target-path");
        if (pathProperty is null)
        {
            failure = new DeviceTreeOverlayException(
                DeviceTreeOverlayError.BadOverlay,
                "the fragment has an __overlay__ node but neither a target nor a target-path property",
                fragment.Path);
            return null;
        }

        string path = OverlayTree.CString(pathProperty.Value.Span);
        OverlayNode? node = baseTree.FindPath(path, out DeviceTreeOverlayError error);
        if (node is null)
        {
            string why = error == DeviceTreeOverlayError.BadPath
                ? $"target-path \"{path}\" {WhyBadPath(baseTree, path)}"
                : $"target-path \"{path}\" is not a node of the base tree";
            failure = new DeviceTreeOverlayException(error, why, fragment.Path, "target-path");
            return null;
        }

        literalPath = path;
        return node;
    }

    /// <summary>Which of fdt_path_offset's FDT_ERR_BADPATH cases <paramref name="path"/> is, in words.</summary>
    private static string WhyBadPath(OverlayTree baseTree, string path)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        OverlayProperty? value = baseTree.LeadingAlias(path, out string alias);
        return value is null
            ? $"starts with alias '{alias}', which the base tree's /aliases does not define"
            : $"starts with alias '{alias}', whose value \"{OverlayTree.CString(value.Value.Span)}\" is not an absolute path (an alias naming another alias is not followed, as in libfdt 1.7)";
    }

    public static OverlayNode ResolveOrThrow(OverlayTree baseTree, OverlayNode fragment, out string? literalPath) =>
        Resolve(baseTree, fragment, out literalPath, out DeviceTreeOverlayException? failure) ?? throw failure!;
}
