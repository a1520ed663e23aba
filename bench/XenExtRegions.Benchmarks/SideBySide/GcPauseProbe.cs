using System;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Threading;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The garbage collector's share of a path: runs it back to back (after one collection, as a round starts) and reports
/// the total pause (<see cref="GC.GetTotalPauseDuration"/>) over the wall time, the longest single pause (from the
/// runtime's GC suspend/restart events, which an in-process <see cref="EventListener"/> receives), collections by
/// generation and bytes allocated per call.
/// </summary>
internal static class GcPauseProbe
{
    /// <summary>Runs <paramref name="call"/> <paramref name="calls"/> times and describes the collections it caused.</summary>
    public static string Describe(Func<long> call, int calls)
    {
        using var listener = new PauseListener();
        GC.KeepAlive(call());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Let the listener see the forced collections before it starts keeping the longest pause.
        Thread.Sleep(1200);
        listener.Reset();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        TimeSpan pause0 = GC.GetTotalPauseDuration();
        long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += call();
        }

        double wallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        double pauseMs = (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
        int g0 = GC.CollectionCount(0) - gen0, g1 = GC.CollectionCount(1) - gen1, g2 = GC.CollectionCount(2) - gen2;
        GC.KeepAlive(sum);

        // The events are dispatched to the listener asynchronously: give the last ones time to arrive.
        Thread.Sleep(1200);
        double maxMs = listener.MaxPauseMs;
        string max = listener.Pauses > 0
            ? FormattableString.Invariant($"longest pause {maxMs:F1} ms ({100 * maxMs / (wallMs / calls):F1} % of one call)")
            : "longest pause not reported (no GC events)";
        return FormattableString.Invariant(
            $"GC pause {100 * pauseMs / wallMs:F1} % of wall over {calls} calls back to back ({pauseMs / calls:F1} ms per call), {max}; collections gen0/1/2 {g0 - g1}/{g1 - g2}/{g2}; allocated {allocated / (double)calls / 1024:F0} KiB per call");
    }

    /// <summary>Pairs the runtime's GCSuspendEEBegin and GCRestartEEEnd events: one pause each (what GetTotalPauseDuration adds up).</summary>
    private sealed class PauseListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly object _gate = new();
        private DateTime _suspended;
        private double _maxMs;
        private int _pauses;

        public double MaxPauseMs
        {
            get
            {
                lock (_gate)
                {
                    return _maxMs;
                }
            }
        }

        public int Pauses
        {
            get
            {
                lock (_gate)
                {
                    return _pauses;
                }
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _maxMs = 0;
                _pauses = 0;
                _suspended = default;
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            lock (_gate)
            {
                if (eventData.EventName?.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal) == true)
                {
                    _suspended = eventData.TimeStamp;
                }
                else if (eventData.EventName?.StartsWith("GCRestartEEEnd", StringComparison.Ordinal) == true && _suspended != default)
                {
                    _maxMs = Math.Max(_maxMs, (eventData.TimeStamp - _suspended).TotalMilliseconds);
                    _pauses++;
                    _suspended = default;
                }
            }
        }
    }
}
