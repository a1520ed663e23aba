using System.Linq;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// Everything a parsed log says, as one comparable string, without line numbers (which move when lines are inserted):
/// for tests that check two readings agree.
/// </summary>
internal static class XenLogFacts
{
    public static string Of(XenBootLog log)
    {
        static string Banks(System.Collections.Generic.IEnumerable<XenExtRegions.Memory.MemoryBank> banks) =>
            string.Join(",", banks.Select(b => $"{b.Start:x}+{b.Size:x}/{b.Kind}"));

        string domains = string.Join(
            ";",
            log.Domains.Select(d => $"{d.Name}|{Banks(d.Ram)}|{Banks(d.StaticMemory)}|{d.DirectMapped}|{d.AllocatedMiB}|"
                + $"{(d.GrantTable is { } g ? Banks(new[] { g }) : "-")}|"
                + $"{string.Join(",", d.ExtendedRegions.Select(r => r.ToString()))}|{d.Outcome}|{string.Join(",", d.ProducerErrors)}"));
        return string.Join(
            "\n",
            $"version={log.Version} text={log.VersionText} pre={log.IsPreRelease}",
            $"cmdline={log.CommandLine} iommu={log.IommuEnabled} ipa={log.IpaBits} dom0less={log.Dom0lessMode}",
            $"ram={Banks(log.HostRam)}",
            $"resvd={string.Join(",", log.ReservedLines.Select(r => $"{r.Index}:{r.Start:x}-{r.PrintedEnd:x}"))}",
            $"reserved={Banks(log.Reserved)} memreserve={Banks(log.MemoryReservations)}",
            $"modules={string.Join(",", log.Modules.Select(m => $"{m.Kind}:{m.Start:x}+{m.Size:x}"))}",
            $"grant={(log.GrantTable is { } gt ? Banks(new[] { gt }) : "-")}",
            $"regions={string.Join(",", log.ExtendedRegions.Select(r => r.ToString()))}",
            $"warnings={string.Join(",", log.ExtendedRegionWarnings)}",
            $"domains={domains}");
    }
}
