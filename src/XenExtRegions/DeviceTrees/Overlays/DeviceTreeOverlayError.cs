namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Why an overlay could not be applied, as the libfdt error <c>fdt_overlay_apply</c> (and so <c>fdtoverlay</c>)
/// reports for the same input; <see cref="DeviceTreeOverlayException.LibfdtErrorName"/> gives libfdt's name.
/// </summary>
public enum DeviceTreeOverlayError
{
    /// <summary><c>FDT_ERR_NOTFOUND</c>: a target node, a symbol, a property or a phandle does not exist.</summary>
    NotFound,

    /// <summary><c>FDT_ERR_BADOVERLAY</c>: the overlay's structure is wrong (a fragment without target, a malformed fixup).</summary>
    BadOverlay,

    /// <summary><c>FDT_ERR_BADPHANDLE</c>: a <c>target</c> or <c>phandle</c> property is not one valid cell.</summary>
    BadPhandle,

    /// <summary><c>FDT_ERR_NOPHANDLES</c>: renumbering the overlay's phandles would pass 0xfffffffe.</summary>
    NoPhandles,

    /// <summary><c>FDT_ERR_BADVALUE</c>: a <c>__symbols__</c> entry of the overlay is not an absolute path string.</summary>
    BadValue,

    /// <summary><c>FDT_ERR_BADPATH</c>: a path is empty, or starts with an alias that <c>/aliases</c> does not define or whose value is not an absolute path.</summary>
    BadPath,

    /// <summary><c>FDT_ERR_NOSPACE</c>: a <c>__fixups__</c> offset points past the end of its property.</summary>
    NoSpace,

    /// <summary>
    /// <c>FDT_ERR_BADOFFSET</c>: the overlay has <c>__fixups__</c> but the base tree has no <c>__symbols__</c> node
    /// (the base was compiled without <c>dtc -@</c>).
    /// </summary>
    NoBaseSymbols,
}
