using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// Computes the extended regions a Xen release (or libxl) advertises for a domain, bit for bit, with the log lines
/// it prints and an explanation of every free range. Stateless and thread-safe.
/// </summary>
public sealed class ExtendedRegionsEngine
{
    private readonly ILogger _logger;

    /// <summary>Creates an engine.</summary>
    /// <param name="logger">Receives Xen's lines and the engine's findings; <see cref="NullLogger.Instance"/> when null.</param>
    public ExtendedRegionsEngine(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <summary>Computes the regions. Never throws for what Xen would do with the input; only for misuse.</summary>
    /// <param name="input">The facts.</param>
    /// <returns>The regions, outcome, log lines, explanation and findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The release is the default value, the domain name is null, <see cref="ExtendedRegionsInput.IpaBits"/> is outside 1–64 (0–64 for a toolstack domain), or a guest RAM bank size is one no domain can have: a non-zero third bank, or RAM reaching the last 2 MiB below 2^64 (where Xen's <c>align_up</c> of the bank end would wrap). A size larger than its guest bank but below that is computed as Xen does: the bank yields no region. Also when <see cref="ExtendedRegionsInput.ReservedMemory"/> repeats <see cref="ExtendedRegionsInput.MemoryReservations"/> (see there).</exception>
    public ExtendedRegionsResult Compute(ExtendedRegionsInput input)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        Validate(input);
        ExtendedRegionsResult result = ComputeCore(input);
        if (_logger.IsEnabled(LogLevel.Debug) || _logger.IsEnabled(LogLevel.Warning))
        {
            ExtendedRegionsLog.Emit(_logger, result);
        }

        return result;
    }

    private static void Validate(ExtendedRegionsInput input)
    {
        if (input.Release.Major == 0)
        {
            throw new ArgumentException("Release is the default XenRelease value; use XenRelease.Latest or a parsed release.", nameof(input));
        }

        if (input.DomainName is null)
        {
            throw new ArgumentException("DomainName must not be null.", nameof(input));
        }

        int min = input.Kind == DomainKind.ToolstackDomU ? 0 : 1;
        if (input.IpaBits < min || input.IpaBits > 64)
        {
            throw new ArgumentException(FormattableString.Invariant($"IpaBits {input.IpaBits} is outside {min}..64."), nameof(input));
        }

        ValidateGuestRamBanks(input);
        ValidateReservedLists(input);
    }

    /// <summary>
    /// Xen keeps one reserved list (<c>bootinfo.reserved_mem</c>); the input splits it in two so that releases before
    /// 4.19 can leave <c>/memreserve/</c> out. A caller who puts Xen's whole list in both would remove those entries
    /// twice (and in every release), so that is refused. A <c>/reserved-memory</c> child that repeats a
    /// <c>/memreserve/</c> entry is legitimate (firmware such as skiboot writes both; 4.19.2+ accepts it) and is told
    /// apart by its kind.
    /// </summary>
    private static void ValidateReservedLists(ExtendedRegionsInput input)
    {
        if (input.MemoryReservations.Count == 0)
        {
            return;
        }

        var reservations = new Dictionary<(ulong, ulong), int>();
        for (int j = input.MemoryReservations.Count - 1; j >= 0; j--)
        {
            reservations[(input.MemoryReservations[j].Start, input.MemoryReservations[j].Size)] = j;
        }

        for (int i = 0; i < input.ReservedMemory.Count; i++)
        {
            MemoryBank bank = input.ReservedMemory[i];
            if (bank.Kind == MemoryBankKind.MemoryReservation)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"ReservedMemory[{i}] ({bank}) is a /memreserve/ entry while MemoryReservations is also given: put /memreserve/ entries in MemoryReservations only (the engine adds them to Xen's reserved list itself, from 4.19), or build the input with WithBootFacts."),
                    nameof(input));
            }

            if (bank.Kind == MemoryBankKind.Unspecified && reservations.TryGetValue((bank.Start, bank.Size), out int j))
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"ReservedMemory[{i}] ({bank}) repeats MemoryReservations[{j}]: Xen's reserved list would hold it twice. Give /memreserve/ entries in MemoryReservations only; a /reserved-memory child that really repeats one says so with Kind = MemoryBankKind.ReservedMemory."),
                    nameof(input));
            }
        }
    }

    /// <summary>
    /// A guest RAM bank size larger than its bank is computed as Xen and libxl compute it (the bank's candidate starts
    /// past its end, so it yields nothing). Refused are only sizes no domain can have: RAM in a third guest bank (the
    /// guest layout has two, and Xen and libxl read only those), and RAM reaching the last 2 MiB below 2^64, where
    /// Xen's <c>align_up(GUEST_RAMi_BASE + size, 2 MiB)</c> wraps to a low address and would offer the bank's own RAM.
    /// </summary>
    private static void ValidateGuestRamBanks(ExtendedRegionsInput input)
    {
        ulong[] bases = [XenConstants.GuestRam0Base, XenConstants.GuestRam1Base];
        ulong[] capacity = [XenConstants.GuestRam0Size, XenConstants.GuestRam1Size];
        for (int i = 0; i < input.GuestRamBankSizes.Count; i++)
        {
            ulong size = input.GuestRamBankSizes[i];
            if (i >= bases.Length)
            {
                if (size != 0)
                {
                    throw new ArgumentException(FormattableString.Invariant(
                        $"GuestRamBankSizes[{i}] = 0x{size:x}: the guest layout has {bases.Length} RAM banks (GUEST_RAM0, GUEST_RAM1) and Xen and libxl read only those."),
                        nameof(input));
                }

                continue;
            }

            ulong limit = ulong.MaxValue - bases[i] - (XenConstants.RegionAlignment - 1);
            if (size > limit)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"GuestRamBankSizes[{i}] = 0x{size:x}: RAM from GUEST_RAM{i}_BASE 0x{bases[i]:x} would reach the last 2 MiB below 2^64, where Xen's align_up(base + size, 2 MiB) wraps to a low address; no domain has that much RAM (guest RAM bank {i} holds 0x{capacity[i]:x} bytes, so at most 0x{limit:x} is computed)."),
                    nameof(input));
            }
        }
    }

    private static ExtendedRegionsResult ComputeCore(ExtendedRegionsInput input)
    {
        var ctx = new ProducerContext(input);
        ReleaseProfile profile = ctx.Profile;
        if (!input.Release.IsKnown)
        {
            ctx.Diagnose(EngineDiagnosticId.UnknownRelease, FormattableString.Invariant(
                $"Xen {input.Release} is not a release this library knows; the behaviour of {input.Release.BehavesAs} is reproduced"));
        }

        if (input.Kind == DomainKind.ToolstackDomU)
        {
            // libxl runs before (and instead of) Xen's checks: ext_regions= is a Xen command-line option for Dom0 and
            // dom0less domUs, and libxl has no 32-bit test.
            if (input.Width == DomainWidth.Bits32 || !input.ExtendedRegionsEnabled)
            {
                ctx.Diagnose(EngineDiagnosticId.ToolstackIgnoresWidthAndOption,
                    "libxl ignores the guest's width and Xen's ext_regions option: an xl-created domU gets regions even when 32-bit or with ext_regions=0");
            }

            // libxl's only error here (gpaddr_bits > 64) is refused by Validate: no space is a warning, not a failure.
            ToolstackProducer.Run(ctx);
            ExtendedRegionsOutcome libxlOutcome = ctx.Normaliser.Regions.Count == 0 ? ExtendedRegionsOutcome.NoneFound : ExtendedRegionsOutcome.Found;
            return Finish(ctx, ProducerKind.Toolstack, libxlOutcome, XenError.None, null, ctx.Normaliser.Regions);
        }

        bool isDomU = input.Kind is DomainKind.Dom0lessDomU or DomainKind.DirectMappedDomU;
        if (isDomU && (profile.Dispatch == ProducerDispatchRule.Dom0Only || !input.XenEnhanced))
        {
            // 4.16 builds /hypervisor for Dom0 only; later releases only for domUs with xen,enhanced.
            return Finish(ctx, ProducerKind.None, ExtendedRegionsOutcome.NoHypervisorNode, XenError.None, null, []);
        }

        if (!input.ExtendedRegionsEnabled)
        {
            ctx.Log(XenLogLevel.Info, XenLogMessage.Disabled, ctx.Prefix("The extended regions support is disabled", "extended regions support is disabled"));
            return Finish(ctx, ProducerKind.None, ExtendedRegionsOutcome.Disabled, XenError.None, null, []);
        }

        if (input.Width == DomainWidth.Bits32)
        {
            ctx.Log(XenLogLevel.Warning, XenLogMessage.Unsupported32Bit, ctx.Prefix(
                "The extended regions are only supported for 64-bit guest currently", "extended regions not supported for 32-bit guests"));
            return Finish(ctx, ProducerKind.None, ExtendedRegionsOutcome.Unsupported32Bit, XenError.None, null, []);
        }

        ProducerKind producer = ChooseProducer(ctx);
        if (input.IpaBits >= 64)
        {
            // find_domU_holes before 4.21 clips with ~0 >> (64 - ipa_bits) instead, which keeps everything.
            bool unclipped = producer == ProducerKind.DomUHoles && profile.DomUHoles != DomUHolesVariant.Rangeset;
            ctx.Diagnose(EngineDiagnosticId.AddressWindowEmpty, unclipped
                ? "ipa_bits 64: find_domU_holes clips the banks with ~0 >> (64 - 64), which clips nothing, so the whole bank tails are offered"
                : "ipa_bits 64: (1 << 64) - 1 computes to 0 on Arm64, so the window is [0, 0] and nothing is found");
        }

        (XenError error, string? culprit) = producer switch
        {
            ProducerKind.HostUnallocatedMemory => HostUnallocatedProducer.Run(ctx),
            ProducerKind.DeviceTreeHoles => DeviceTreeHolesProducer.Run(ctx),
            _ => DomUHolesProducer.Run(ctx),
        };

        // Epilogue of Xen's producers (after add_ext_regions): a failure empties the list; an empty list is -ENOENT.
        List<MemoryBank> regions = error == XenError.None ? ctx.Normaliser.Regions : [];
        if (error == XenError.None && regions.Count == 0)
        {
            error = XenError.NoEntry;
        }

        if (ctx.Normaliser.DroppedBecauseFull > 0)
        {
            ctx.Diagnose(EngineDiagnosticId.RegionListFull, FormattableString.Invariant(
                $"{ctx.Normaliser.DroppedBecauseFull} free range(s) dropped silently: the list holds {profile.Capacity} regions"));
        }

        if (error != XenError.None)
        {
            ctx.Log(XenLogLevel.Warning, XenLogMessage.AllocationFailed, ctx.Prefix("Failed to allocate extended regions", "failed to allocate extended regions"));
        }

        for (int i = 0; i < regions.Count; i++)
        {
            ulong start = regions[i].Start;
            ulong end = unchecked(start + regions[i].Size);
            ctx.Log(XenLogLevel.Info, XenLogMessage.RegionAdvertised, ctx.Prefix(
                FormattableString.Invariant($"Extended region {i}: {Hex.Of(start)}->{Hex.Of(end)}"),
                FormattableString.Invariant($"extended region {i}: {Hex.Of(start)}->{Hex.Of(end)}")));
        }

        ExtendedRegionsOutcome outcome = error switch
        {
            XenError.None => ExtendedRegionsOutcome.Found,
            XenError.NoEntry => ExtendedRegionsOutcome.NoneFound,
            _ => ExtendedRegionsOutcome.Failed,
        };
        return Finish(ctx, producer, outcome, error, culprit, regions);
    }

    private static ProducerKind ChooseProducer(ProducerContext ctx)
    {
        DomainKind kind = ctx.Input.Kind;
        bool hostLayout;
        switch (ctx.Profile.Dispatch)
        {
            case ProducerDispatchRule.Dom0Only:
                hostLayout = true;
                break;
            case ProducerDispatchRule.DirectMapped:
                if (kind == DomainKind.ColouredHardwareDomain)
                {
                    ctx.Diagnose(EngineDiagnosticId.ColouredHardwareDomainBefore420,
                        "a non direct-mapped hardware domain needs 4.20+; this release tests is_domain_direct_mapped and would use find_domU_holes");
                }

                hostLayout = kind is DomainKind.HardwareDomain or DomainKind.DirectMappedDomU;
                break;
            default:
                hostLayout = kind is DomainKind.HardwareDomain or DomainKind.ColouredHardwareDomain or DomainKind.DirectMappedDomU;
                break;
        }

        if (!hostLayout)
        {
            return ProducerKind.DomUHoles;
        }

        return ctx.Input.IommuEnabled ? ProducerKind.DeviceTreeHoles : ProducerKind.HostUnallocatedMemory;
    }

    private static ExtendedRegionsResult Finish(
        ProducerContext ctx, ProducerKind producer, ExtendedRegionsOutcome outcome, XenError error, string? culprit, IReadOnlyList<MemoryBank> regions) =>
        new(ctx.Input, producer, outcome, error, culprit, regions, ctx.LogLines, ctx.Normaliser.Explanation, ctx.Diagnostics);
}
