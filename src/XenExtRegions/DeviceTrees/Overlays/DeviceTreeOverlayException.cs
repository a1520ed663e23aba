using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// An overlay cannot be applied to a base tree. The message names the fragment (or fixup node) and the property
/// concerned and the cause, and ends with the libfdt error that <c>fdtoverlay</c> reports for the same input.
/// </summary>
public sealed class DeviceTreeOverlayException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The kind of failure.</param>
    /// <param name="problem">What is wrong, as one sentence without the location.</param>
    /// <param name="nodePath">The overlay node concerned (a fragment, a node under <c>__fixups__</c>...), when known.</param>
    /// <param name="propertyName">The property concerned, when known.</param>
    public DeviceTreeOverlayException(DeviceTreeOverlayError error, string problem, string? nodePath = null, string? propertyName = null)
        : base(Compose(error, problem, nodePath, propertyName))
    {
        Error = error;
        Problem = problem ?? string.Empty;
        NodePath = nodePath;
        PropertyName = propertyName;
    }

    /// <summary>Creates the exception with a message (kind <see cref="DeviceTreeOverlayError.BadOverlay"/>).</summary>
    public DeviceTreeOverlayException()
        : this(DeviceTreeOverlayError.BadOverlay, "The overlay cannot be applied.")
    {
    }

    /// <summary>Creates the exception with a message (kind <see cref="DeviceTreeOverlayError.BadOverlay"/>).</summary>
    /// <param name="message">The message.</param>
    public DeviceTreeOverlayException(string message)
        : this(DeviceTreeOverlayError.BadOverlay, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (kind <see cref="DeviceTreeOverlayError.BadOverlay"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DeviceTreeOverlayException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = DeviceTreeOverlayError.BadOverlay;
        Problem = message ?? string.Empty;
    }

    /// <summary>The kind of failure.</summary>
    public DeviceTreeOverlayError Error { get; }

    /// <summary>The cause without the location.</summary>
    public string Problem { get; }

    /// <summary>The path of the overlay node concerned (a fragment, or a node under <c>__fixups__</c> or <c>__symbols__</c>), when known.</summary>
    public string? NodePath { get; }

    /// <summary>The property concerned, when known.</summary>
    public string? PropertyName { get; }

    /// <summary>The libfdt error <c>fdt_overlay_apply</c> returns for the same input, e.g. <c>FDT_ERR_NOTFOUND</c>.</summary>
    public string LibfdtErrorName => NameOf(Error);

    internal static string NameOf(DeviceTreeOverlayError error) => error switch
    {
        DeviceTreeOverlayError.NotFound => "FDT_ERR_NOTFOUND",
        DeviceTreeOverlayError.BadOverlay => "FDT_ERR_BADOVERLAY",
        DeviceTreeOverlayError.BadPhandle => "FDT_ERR_BADPHANDLE",
        DeviceTreeOverlayError.NoPhandles => "FDT_ERR_NOPHANDLES",
        DeviceTreeOverlayError.BadValue => "FDT_ERR_BADVALUE",
        DeviceTreeOverlayError.BadPath => "FDT_ERR_BADPATH",
        DeviceTreeOverlayError.NoSpace => "FDT_ERR_NOSPACE",
        _ => "FDT_ERR_BADOFFSET",
    };

    private static string Compose(DeviceTreeOverlayError error, string problem, string? nodePath, string? propertyName)
    {
        string where = (nodePath, propertyName) switch
        {
            (null, null) => string.Empty,
            (not null, null) => nodePath + ": ",
            (null, not null) => $"property '{propertyName}': ",
            _ => $"{nodePath}, property '{propertyName}': ",
        };
        return $"{where}{problem} ({NameOf(error)})";
    }
}
