using System;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>The message says where (node, property), what, and libfdt's error name; the parts stay readable apart.</summary>
public sealed class DeviceTreeOverlayExceptionTests
{
    [Theory]
    [InlineData(DeviceTreeOverlayError.NotFound, "FDT_ERR_NOTFOUND")]
    [InlineData(DeviceTreeOverlayError.BadOverlay, "FDT_ERR_BADOVERLAY")]
    [InlineData(DeviceTreeOverlayError.BadPhandle, "FDT_ERR_BADPHANDLE")]
    [InlineData(DeviceTreeOverlayError.NoPhandles, "FDT_ERR_NOPHANDLES")]
    [InlineData(DeviceTreeOverlayError.BadValue, "FDT_ERR_BADVALUE")]
    [InlineData(DeviceTreeOverlayError.BadPath, "FDT_ERR_BADPATH")]
    [InlineData(DeviceTreeOverlayError.NoSpace, "FDT_ERR_NOSPACE")]
    [InlineData(DeviceTreeOverlayError.NoBaseSymbols, "FDT_ERR_BADOFFSET")]
    public void Each_error_carries_libfdts_name(DeviceTreeOverlayError error, string name)
    {
        var e = new DeviceTreeOverlayException(error, "p");
        Assert.Equal(name, e.LibfdtErrorName);
        Assert.Equal($"p ({name})", e.Message);
    }

    [Theory]
    [InlineData("/f", "target", "/f, property 'target': bad (FDT_ERR_BADPHANDLE)")]
    [InlineData("/f", null, "/f: bad (FDT_ERR_BADPHANDLE)")]
    [InlineData(null, "target", "property 'target': bad (FDT_ERR_BADPHANDLE)")]
    [InlineData(null, null, "bad (FDT_ERR_BADPHANDLE)")]
    public void The_message_starts_with_whatever_location_is_known(string? node, string? property, string message)
    {
        var e = new DeviceTreeOverlayException(DeviceTreeOverlayError.BadPhandle, "bad", node, property);
        Assert.Equal(message, e.Message);
        Assert.Equal(("bad", node, property), (e.Problem, e.NodePath, e.PropertyName));
    }

    [Fact]
    public void The_standard_constructors_make_a_bad_overlay()
    {
        var plain = new DeviceTreeOverlayException();
        Assert.Equal((DeviceTreeOverlayError.BadOverlay, "The overlay cannot be applied."), (plain.Error, plain.Problem));
        Assert.Equal("The overlay cannot be applied. (FDT_ERR_BADOVERLAY)", plain.Message);

        var withMessage = new DeviceTreeOverlayException("m");
        Assert.Equal((DeviceTreeOverlayError.BadOverlay, "m", "m (FDT_ERR_BADOVERLAY)"), (withMessage.Error, withMessage.Problem, withMessage.Message));

        var inner = new InvalidOperationException("cause");
        var wrapped = new DeviceTreeOverlayException("outer", inner);
        Assert.Equal((DeviceTreeOverlayError.BadOverlay, "outer", "outer"), (wrapped.Error, wrapped.Problem, wrapped.Message));
        Assert.Same(inner, wrapped.InnerException);
        Assert.Null(wrapped.NodePath);

        Assert.Equal(string.Empty, new DeviceTreeOverlayException(DeviceTreeOverlayError.NotFound, null!).Problem);
        Assert.Equal(string.Empty, new DeviceTreeOverlayException(null!, inner).Problem);
    }

    [Fact]
    public void The_default_options_keep_base_phandles() => Assert.True(DeviceTreeOverlayOptions.Default.KeepBasePhandles);
}
