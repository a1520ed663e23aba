using System;

namespace XenExtRegions.ExtendedRegions;

/// <summary>P2, <c>find_memory_holes</c>: the IPA window minus every described window of the host tree.</summary>
internal static class DeviceTreeHolesProducer
{
    public static (XenError Error, string? Culprit) Run(ProducerContext ctx)
    {
        ExtendedRegionsInput input = ctx.Input;
        ReleaseProfile profile = ctx.Profile;
        FreeSpace holes = ctx.NewFreeSpace();
        holes.Add(0, ctx.WindowLastUnit);

        if (profile.ExcludesSharedMemory)
        {
            ctx.RemoveBanks(holes, input.DomainSharedMemory);
        }

        foreach (DescribedWindow window in input.DescribedWindows)
        {
            XenError error = window.ErrorFor(profile.ChecksPciRangeWidth);
            if (error == XenError.InvalidArgument)
            {
                if (window.Kind == DescribedWindowKind.Reg)
                {
                    ctx.Log(XenLogLevel.Error, XenLogMessage.AddressRetrievalFailed,
                        FormattableString.Invariant($"Unable to retrieve address {window.Index} for {window.NodePath}"));
                }

                // dt_device_get_address / dt_for_each_range return -EINVAL and the producer stops there.
                return (error, window.NodePath);
            }

            if (error == XenError.OutOfRange)
            {
                ctx.Log(XenLogLevel.Error, XenLogMessage.PciRangeTooWide, FormattableString.Invariant(
                    $"{window.NodePath}: [0x{window.Address:x}, 0x{unchecked(window.Address + window.Size):x}] exceeds the maximum allowed PA width ({XenConstants.Arm64PaddrBits} bits)"));
                return (error, window.NodePath);
            }

            if (window.TranslationFailure is { } why)
            {
                ctx.Diagnose(EngineDiagnosticId.UntranslatedPciRangeRemoved, FormattableString.Invariant(
                    $"PCI range {window.Index}: {why}; this release removes it at the all-ones address, as computed"), window.NodePath);
            }

            (ulong first, ulong last) = ctx.WindowToUnits(window);
            holes.Remove(first, last);
        }

        if (profile.ExcludesXenReg)
        {
            ctx.RemoveBanks(holes, input.XenReg);
        }

        ctx.Report(holes, 0, ctx.WindowLastUnit);
        return (XenError.None, null);
    }
}
