using System;
using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Checks a region list as a Linux guest does (<c>arch/arm/xen/enlighten.c</c>, <c>unpopulated-alloc.c</c>).</summary>
public static class LinuxGuestView
{
    /// <summary>Checks the list and lists the section-aligned windows Linux can use.</summary>
    /// <param name="regions">The extended regions (reg entries 1..N) in DT order.</param>
    /// <param name="options">The kernel's section size; 128 MiB by default.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> is null.</exception>
    /// <exception cref="ArgumentException">The section size is not a power of two.</exception>
    public static LinuxGuestReport Check(IReadOnlyList<MemoryBank> regions, LinuxGuestOptions? options = null)
    {
        if (regions is null)
        {
            throw new ArgumentNullException(nameof(regions));
        }

        ulong section = (options ?? new LinuxGuestOptions()).SectionSize;
        if (section == 0 || (section & (section - 1)) != 0)
        {
            throw new ArgumentException("The section size must be a power of two.", nameof(options));
        }

        if (regions.Count == 0)
        {
            return new LinuxGuestReport(false, "No extended regions are found (the kernel falls back to ballooned pages)", [], [], 0);
        }

        for (int i = 0; i < regions.Count; i++)
        {
            if (regions[i].Size == 0 || regions[i].Overflows)
            {
                return new LinuxGuestReport(false, FormattableString.Invariant($"region {i} is empty or runs past 2^64"), [], [], 0);
            }

            if (i > 0)
            {
                // prev.end + 1 > next.start: overlap or descending order disables the feature (-EINVAL).
                ulong prevLast = regions[i - 1].Start + regions[i - 1].Size - 1;
                if (prevLast + 1 > regions[i].Start || prevLast == ulong.MaxValue)
                {
                    return new LinuxGuestReport(false, FormattableString.Invariant(
                        $"region {i} at {Hex.Of(regions[i].Start)} is not above region {i - 1} ending at {Hex.Of(prevLast)}: Linux disables extended regions (-EINVAL)"), [], [], 0);
                }
            }
        }

        // Adjacent regions leave no "Unavailable space" between them, so a section may span both.
        var windows = new List<AddressRange>();
        var useless = new List<int>();
        ulong total = 0;
        int first = 0;
        while (first < regions.Count)
        {
            int last = first;
            while (last + 1 < regions.Count && regions[last].Start + regions[last].Size == regions[last + 1].Start)
            {
                last++;
            }

            ulong start = regions[first].Start;
            ulong end = regions[last].Start + regions[last].Size;
            ulong alignedStart = AlignUp(start, section);
            ulong alignedEnd = end & ~(section - 1);
            if (alignedStart < alignedEnd && alignedStart >= start)
            {
                windows.Add(new AddressRange(alignedStart, alignedEnd - 1));
                total += alignedEnd - alignedStart;
            }

            for (int i = first; i <= last; i++)
            {
                ulong rs = regions[i].Start;
                ulong re = rs + regions[i].Size;
                if (!(alignedStart < alignedEnd && alignedStart < re && alignedEnd > rs))
                {
                    useless.Add(i);
                }
            }

            first = last + 1;
        }

        return new LinuxGuestReport(true, null, windows, useless, total);
    }

    private static ulong AlignUp(ulong value, ulong alignment) =>
        value > ulong.MaxValue - (alignment - 1) ? 0 : (value + alignment - 1) & ~(alignment - 1);
}
