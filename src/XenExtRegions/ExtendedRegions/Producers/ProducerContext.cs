using System;
using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>The state one computation shares between the dispatcher and a producer: input, profile, lines, findings.</summary>
internal sealed class ProducerContext
{
    public ProducerContext(ExtendedRegionsInput input)
    {
        Input = input;
        Profile = input.Release.Profile;
        Normaliser = new ExtRegionNormaliser(Profile.Normaliser, Profile.Capacity);
    }

    public ExtendedRegionsInput Input { get; }

    public ReleaseProfile Profile { get; }

    public ExtRegionNormaliser Normaliser { get; }

    public List<XenLogLine> LogLines { get; } = new();

    public List<EngineDiagnostic> Diagnostics { get; } = new();

    /// <summary>The highest address of the IPA window, <c>(1 &lt;&lt; ipa_bits) - 1</c> as Arm64 computes it (a shift by 64 is a shift by 0).</summary>
    public ulong IpaLast => Input.IpaBits >= 64 ? 0 : (1UL << Input.IpaBits) - 1;

    /// <summary>The window's last element in the release's rangeset unit.</summary>
    public ulong WindowLastUnit => Profile.Unit == RangesetUnit.Frames ? IpaLast >> XenConstants.PageShift : IpaLast;

    public string Prefix(string domainLess, string withDomain) =>
        Profile.LogsWithDomainPrefix ? Input.DomainName + ": " + withDomain : domainLess;

    public void Log(XenLogLevel level, XenLogMessage message, string text) => LogLines.Add(new XenLogLine(level, message, text));

    public void Diagnose(EngineDiagnosticId id, string message, string? subject = null) =>
        Diagnostics.Add(new EngineDiagnostic(id, message, subject));

    public FreeSpace NewFreeSpace(bool? legacy = null)
    {
        var space = new FreeSpace(legacy ?? Profile.HasLegacySubtraction);
        string unit = Profile.Unit == RangesetUnit.Frames ? "frames" : "bytes";
        space.OnQuirk = (id, first, last) =>
        {
            string range = FormattableString.Invariant($"[0x{first:x}, 0x{last:x}] ({unit})");
            string message = id switch
            {
                EngineDiagnosticId.ZeroSizeRange =>
                    $"zero-size range {range}: Xen hands an inverted range to the rangeset (a debug build asserts); a release build splits the free range there or does nothing",
                EngineDiagnosticId.LegacySubtractionExtendedRange =>
                    $"the old rangeset subtraction extended the previous range over {range}, space that is not free is offered",
                EngineDiagnosticId.RangesetOrderCorrupted =>
                    $"a removal ending at 2^64-1 wrapped: the last range became {range} at the end of the list (unordered output)",
                _ => $"inverted range {range}: undefined in Xen; ignored",
            };
            Diagnose(id, message);
        };
        return space;
    }

    /// <summary>A bank as Xen's P1/P3 hand it to the rangeset: <c>[start, start+size-1]</c>, as frames with outward rounding from 4.18.</summary>
    public (ulong First, ulong Last) BankToUnits(MemoryBank bank)
    {
        ulong last = unchecked(bank.Start + bank.Size - 1);
        if (bank.Overflows)
        {
            Diagnose(EngineDiagnosticId.RangeWrapsAround, FormattableString.Invariant(
                $"bank 0x{bank.Start:x} size 0x{bank.Size:x} runs past 2^64; Xen computes its end modulo 2^64"), bank.Source);
        }

        return Profile.Unit == RangesetUnit.Frames
            ? (bank.Start >> XenConstants.PageShift, last >> XenConstants.PageShift)
            : (bank.Start, last);
    }

    /// <summary>A device-tree window as P2 removes it: <c>[addr &amp; ~0xfff, align_up(addr + size, 4K) - 1]</c>, no overflow check.</summary>
    /// <remarks>The window's node path is made only for a diagnostic: most windows never need it.</remarks>
    public (ulong First, ulong Last) WindowToUnits(in DescribedWindow window)
    {
        ulong address = window.Address;
        ulong size = window.Size;
        ulong start = address & ~(XenConstants.PageSize - 1);
        ulong rawEnd = unchecked(address + size);
        ulong end = unchecked((rawEnd + XenConstants.PageSize - 1) & ~(XenConstants.PageSize - 1));
        ulong last = unchecked(end - 1);
        if (size != 0 && size > ulong.MaxValue - address && rawEnd != 0)
        {
            Diagnose(EngineDiagnosticId.RangeWrapsAround, FormattableString.Invariant(
                $"0x{address:x} + 0x{size:x} wraps past 2^64; Xen removes [0x{start:x}, 0x{last:x}] as computed"), window.NodePath);
        }
        else if (size == 0 && end == 0)
        {
            Diagnose(EngineDiagnosticId.RangeWrapsAround, FormattableString.Invariant(
                $"size 0 at 0x{address:x}: the end wraps to 2^64-1 and Xen removes the whole space"), window.NodePath);
        }

        return Profile.Unit == RangesetUnit.Frames
            ? (start >> XenConstants.PageShift, last >> XenConstants.PageShift)
            : (start, last);
    }

    /// <summary>Notes a guest RAM bank size beyond its bank (Xen computes it; the bank then yields nothing).</summary>
    public void NoteGuestBankSize(int index, ulong bankSize)
    {
        ulong size = Input.GuestRamBankSize(index);
        if (size > bankSize)
        {
            Diagnose(EngineDiagnosticId.GuestRamBankLargerThanBank, FormattableString.Invariant(
                $"guest RAM bank {index} holds 0x{size:x} bytes, more than GUEST_RAM{index}_SIZE 0x{bankSize:x}; computed as Xen does (no region from this bank), though Xen and libxl never build such a domain"),
                FormattableString.Invariant($"GuestRamBankSizes[{index}]"));
        }
    }

    public bool Skips(MemoryBank bank) => Profile.SkipsInvalidPaddrBanks && bank.Start == XenConstants.InvalidPaddr;

    public void RemoveBanks(FreeSpace space, IEnumerable<MemoryBank> banks)
    {
        foreach (MemoryBank bank in banks)
        {
            if (Skips(bank))
            {
                continue;
            }

            (ulong first, ulong last) = BankToUnits(bank);
            space.Remove(first, last);
        }
    }

    public int Report(FreeSpace space, ulong first, ulong last) => space.Report(first, last, Normaliser.Add);
}
