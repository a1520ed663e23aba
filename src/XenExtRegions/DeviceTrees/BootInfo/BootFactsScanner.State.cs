using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using XenExtRegions.Memory;

namespace XenExtRegions.DeviceTrees;

/// <summary>The mutable bookkeeping of one scan (Xen's <c>bootinfo</c>).</summary>
public sealed partial class BootFactsScanner
{
    /// <summary>One depth of <see cref="Walk"/>: the children still to visit, their depth and the cells they inherit.</summary>
    private struct WalkFrame
    {
        public WalkFrame(NodeChildCursor children, int depth, uint ac, uint sc)
        {
            Children = children;
            Depth = depth;
            Ac = ac;
            Sc = sc;
        }

        // A field, not a property: the walk moves the cursor in place in the frame array.
        public NodeChildCursor Children;

        public int Depth { get; }

        public uint Ac { get; }

        public uint Sc { get; }
    }

    private sealed class ScanState
    {
        private readonly ILogger _logger;

        public ScanState(BootScanOptions options, ILogger logger)
        {
            Options = options;
            _logger = logger;
        }

        public BootScanOptions Options { get; }

        public List<MemoryBank> Ram { get; } = new();

        public List<MemoryBank> Reserved { get; } = new();

        public List<MemoryBank> Reservations { get; } = new();

        public List<MemoryBank> ShmHost { get; } = new();

        public List<StaticSharedMemoryBank> Shm { get; } = new();

        public List<(BootModule Module, string ParentPath)> Modules { get; } = new();

        public List<BootScanDiagnostic> Diagnostics { get; } = new();

        /// <summary>Xen's static <c>kind_guess</c>: shared by every unnamed module of the scan.</summary>
        public int KindGuess { get; set; }

        public void Report(BootScanDiagnosticId id, LogLevel level, string nodePath, string message)
        {
            Diagnostics.Add(new BootScanDiagnostic(id, level, nodePath, message));
            BootScanLog.Write(_logger, id, level, message);
        }
    }
}
