using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
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

    /// <summary>
    /// Says whether Linux's flat-DT probe (<c>fdt_find_hyper_node</c>) finds the guest tree's hypervisor node: a
    /// child of the root named exactly <c>hypervisor</c> (no unit address) whose first compatible string is
    /// <c>xen,xen-&lt;version&gt;</c> and which is compatible with <c>xen,xen</c>.
    /// </summary>
    /// <param name="tree">The guest's device tree.</param>
    /// <returns>The problems, each naming the node; empty when Linux finds the node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public static IReadOnlyList<string> CheckNode(DeviceTree tree)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        var problems = new List<string>();
        DeviceTreeNode? exact = null;
        foreach (DeviceTreeNode child in tree.Root.Children)
        {
            if (child.Name == "hypervisor")
            {
                exact = child;
                break;
            }
        }

        if (exact is null)
        {
            foreach (DeviceTreeNode child in tree.Root.Children)
            {
                if (child.BaseName == "hypervisor")
                {
                    problems.Add(child.Path + ": Linux looks for a node named exactly 'hypervisor' (no unit address): this one is not found and Xen support stays off");
                }
            }

            foreach (DeviceTreeNode node in tree.Nodes)
            {
                if (node.Parent is { IsRoot: false } && node.IsCompatible("xen,xen"))
                {
                    problems.Add(node.Path + ": a xen,xen node below depth 1 is not found by Linux (it looks only at the root's children)");
                }
            }

            if (problems.Count == 0)
            {
                problems.Add("no /hypervisor node at depth 1: Linux finds no Xen support");
            }

            return problems;
        }

        if (!exact.TryGetCompatible(out IReadOnlyList<string>? compatible))
        {
            problems.Add(exact.Path + ": compatible is not a list of NUL-terminated strings: Linux does not take it as Xen's node");
            return problems;
        }

        if (!exact.IsCompatible("xen,xen"))
        {
            problems.Add(exact.Path + ": compatible lacks \"xen,xen\": Linux does not take it as Xen's node");
        }

        // Linux reads the version from the first compatible string only.
        if (compatible.Count == 0 || !compatible[0].StartsWith("xen,xen-", StringComparison.Ordinal) || compatible[0].Length == "xen,xen-".Length)
        {
            problems.Add(exact.Path + ": the first compatible string is not \"xen,xen-<version>\": Linux finds no Xen version and stays off");
        }

        return problems;
    }

    // Past the last section it wraps to a value below the alignment, so to 0: below any start, hence no window.
    private static ulong AlignUp(ulong value, ulong alignment) => unchecked((value + alignment - 1) & ~(alignment - 1));
}
