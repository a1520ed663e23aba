using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace XenExtRegions.Benchmarks.Memory;

/// <summary>
/// Bytes allocated per type, sampled from the runtime's AllocationTick events (one about every 100 KB), for
/// <c>timing … profile</c>: shows which types a path allocates without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private bool _on;

    public void Start() => _on = true;

    public void Stop() => _on = false;

    public void Print(int top)
    {
        lock (_bytes)
        {
            long total = _bytes.Values.Sum();
            foreach (KeyValuePair<string, long> entry in _bytes.OrderByDescending(e => e.Value).Take(top))
            {
                Console.WriteLine(FormattableString.Invariant($"  {100.0 * entry.Value / Math.Max(1, total),5:F1}%  {entry.Value,12}  {entry.Key}"));
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        int name = eventData.PayloadNames.IndexOf("TypeName");
        int amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (name < 0 || amount < 0)
        {
            return;
        }

        string type = eventData.Payload[name] as string ?? "?";
        long bytes = Convert.ToInt64(eventData.Payload[amount], System.Globalization.CultureInfo.InvariantCulture);
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + bytes;
        }
    }
}
