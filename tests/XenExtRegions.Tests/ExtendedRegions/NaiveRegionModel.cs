using System;
using System.Collections.Generic;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// A naive re-implementation of P1/P2 for small windows, kept deliberately unlike the product: one bool per 4 KiB
/// page, runs found by scanning, the normaliser arithmetic written out again. Only for fixed-subtraction releases.
/// </summary>
internal static class NaiveRegionModel
{
    public static List<(ulong Start, ulong Size)> Holes(int ipaBits, IEnumerable<(ulong Address, ulong Size)> used, bool twoMiBShort)
    {
        bool[] free = new bool[1 << (ipaBits - 12)];
        Array.Fill(free, true);
        foreach ((ulong address, ulong size) in used)
        {
            Mark(free, address, size, value: false);
        }

        return Scan(free, twoMiBShort);
    }

    public static List<(ulong Start, ulong Size)> HostRam(int ipaBits, IEnumerable<(ulong Address, ulong Size)> ram, IEnumerable<(ulong Address, ulong Size)> excluded, bool twoMiBShort)
    {
        bool[] free = new bool[1 << (ipaBits - 12)];
        foreach ((ulong address, ulong size) in ram)
        {
            Mark(free, address, size, value: true);
        }

        foreach ((ulong address, ulong size) in excluded)
        {
            Mark(free, address, size, value: false);
        }

        return Scan(free, twoMiBShort);
    }

    private static void Mark(bool[] pages, ulong address, ulong size, bool value)
    {
        if (size == 0)
        {
            return;
        }

        ulong firstPage = address / 4096;
        ulong lastPage = (address + size - 1) / 4096;
        for (ulong p = firstPage; p <= lastPage && p < (ulong)pages.Length; p++)
        {
            pages[p] = value;
        }
    }

    private static List<(ulong, ulong)> Scan(bool[] free, bool twoMiBShort)
    {
        var regions = new List<(ulong, ulong)>();
        int p = 0;
        while (p < free.Length)
        {
            if (!free[p])
            {
                p++;
                continue;
            }

            int q = p;
            while (q + 1 < free.Length && free[q + 1])
            {
                q++;
            }

            ulong firstByte = (ulong)p * 4096;
            ulong lastByte = twoMiBShort ? (ulong)q * 4096 : ((ulong)q * 4096) + 4095;
            ulong start = (firstByte + 0x1FFFFF) / 0x200000 * 0x200000;
            if (start <= lastByte)
            {
                ulong size = (lastByte + 1 - start) / 0x200000 * 0x200000;
                if (size >= 64UL << 20 && regions.Count < XenConstants.MaxRegions)
                {
                    regions.Add((start, size));
                }
            }

            p = q + 1;
        }

        return regions;
    }
}
