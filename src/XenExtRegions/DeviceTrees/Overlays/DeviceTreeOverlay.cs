using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Applies a device tree overlay (a DTB compiled from a <c>/plugin/;</c> source with <c>dtc -@</c>) to a base tree
/// the way libfdt's <c>fdt_overlay_apply</c> and the <c>fdtoverlay</c> tool do.
/// </summary>
/// <remarks>
/// The overlay's phandles are moved above the base's largest, the cells its <c>__local_fixups__</c> lists follow,
/// the references its <c>__fixups__</c> lists (<c>label = "path:property:offset"</c>) get the phandle of the base's
/// node of that label (found through the base's <c>__symbols__</c>), an overlay node merged into a base node that has
/// a phandle takes that phandle (as libfdt 1.7 and later do; see <see cref="DeviceTreeOverlayOptions.KeepBasePhandles"/>), each fragment's <c>__overlay__</c> is merged into its
/// <c>target</c> (a phandle) or <c>target-path</c>, and the overlay's <c>__symbols__</c> are added to the base's with
/// the paths rewritten to the targets. New properties and nodes come first in their parent, as libfdt adds them.
/// </remarks>
public static class DeviceTreeOverlay
{
    /// <summary>Returns <paramref name="baseTree"/> with <paramref name="overlay"/> applied; neither input changes.</summary>
    /// <param name="baseTree">The tree to extend. It needs <c>__symbols__</c> (<c>dtc -@</c>) when the overlay has <c>__fixups__</c>.</param>
    /// <param name="overlay">The overlay tree (fragments with <c>__overlay__</c> nodes).</param>
    /// <returns>The merged tree, with the base's memory reservations and <c>boot_cpuid_phys</c>.</returns>
    /// <exception cref="DeviceTreeOverlayException">The overlay does not fit the base: its message names the fragment or fixup, the property and the libfdt error.</exception>
    public static DeviceTree Apply(DeviceTree baseTree, DeviceTree overlay) => Apply(baseTree, overlay, DeviceTreeOverlayOptions.Default);

    /// <summary>Returns <paramref name="baseTree"/> with <paramref name="overlay"/> applied under <paramref name="options"/>; neither input changes.</summary>
    /// <param name="baseTree">The tree to extend. It needs <c>__symbols__</c> (<c>dtc -@</c>) when the overlay has <c>__fixups__</c>.</param>
    /// <param name="overlay">The overlay tree (fragments with <c>__overlay__</c> nodes).</param>
    /// <param name="options">Which libfdt version's rules to follow.</param>
    /// <returns>The merged tree, with the base's memory reservations and <c>boot_cpuid_phys</c>.</returns>
    /// <exception cref="DeviceTreeOverlayException">The overlay does not fit the base: its message names the fragment or fixup, the property and the libfdt error.</exception>
    public static DeviceTree Apply(DeviceTree baseTree, DeviceTree overlay, DeviceTreeOverlayOptions options)
    {
        if (baseTree is null)
        {
            throw new ArgumentNullException(nameof(baseTree));
        }

        if (overlay is null)
        {
            throw new ArgumentNullException(nameof(overlay));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var target = new OverlayTree(baseTree.Root);
        var source = new OverlayTree(overlay.Root);
        uint delta = target.MaxPhandle();
        OverlayPhandles.Renumber(source, delta);
        OverlayPhandles.FixLocalReferences(source, delta);
        OverlayPhandles.FixExternalReferences(target, source);
        if (options.KeepBasePhandles)
        {
            OverlayPhandles.KeepBasePhandles(target, source);
        }

        OverlayMerge.MergeFragments(target, source);
        OverlayMerge.MergeSymbols(target, source);
        return new DeviceTree(target.Root.ToModel(), baseTree.MemoryReservations, baseTree.BootCpuIdPhys);
    }
}
