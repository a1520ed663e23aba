using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>Collects address diagnostics and logs them once, through the source-generated methods.</summary>
internal sealed class DiagnosticSink
{
    private readonly ILogger _logger;
    private readonly ICollection<AddressDiagnostic>? _output;
    private HashSet<DeviceTreeNode>? _missingTypeReported;

    public DiagnosticSink(ILogger logger, ICollection<AddressDiagnostic>? output, AncestorFrames? frames = null)
    {
        _logger = logger;
        _output = output;
        Frames = frames;
    }

    /// <summary>
    /// For a whole-tree walk: the ancestors of the node being walked, caching bus kinds, cell counts and
    /// <c>ranges</c> per node (the tree is immutable); null otherwise.
    /// </summary>
    public AncestorFrames? Frames { get; }

    /// <summary>Xen prints "Missing device_type" on every match; we report each node once.</summary>
    public void MissingDeviceType(DeviceTreeNode node)
    {
        _missingTypeReported ??= new HashSet<DeviceTreeNode>();
        if (_missingTypeReported.Add(node))
        {
            Report(AddressDiagnosticId.MissingDeviceType, LogLevel.Warning, node.Path, -1, node.Path + ": Missing device_type (treated as a PCI bus because of its name).");
        }
    }

    public void UnableToRetrieve(AddressTranslationError error)
    {
        AddressDiagnosticId id = error.Reason switch
        {
            AddressTranslationFailure.NoRanges => AddressDiagnosticId.NoRanges,
            AddressTranslationFailure.NoMatchingRange => AddressDiagnosticId.NoMatchingRange,
            AddressTranslationFailure.NotABus => AddressDiagnosticId.NotABus,
            AddressTranslationFailure.BadCellCount => AddressDiagnosticId.BadCellCount,
            _ => AddressDiagnosticId.UnableToRetrieveAddress,
        };
        Report(id, LogLevel.Error, error.NodePath, error.Index, error.Message);
    }

    /// <summary>
    /// True when a diagnostic at <paramref name="level"/> would be kept or logged: callers skip formatting the
    /// message otherwise (the whole-tree walk would make one per node on some boards, for nobody).
    /// </summary>
    public bool Wants(LogLevel level) => _output is not null || _logger.IsEnabled(level);

    /// <summary>True when a diagnostic of any level would be kept or logged.</summary>
    public bool WantsAny()
    {
        if (_output is not null)
        {
            return true;
        }

        for (LogLevel level = LogLevel.Trace; level <= LogLevel.Critical; level++)
        {
            if (_logger.IsEnabled(level))
            {
                return true;
            }
        }

        return false;
    }

    public void Report(AddressDiagnosticId id, LogLevel level, string nodePath, int index, string message)
    {
        _output?.Add(new AddressDiagnostic(id, level, nodePath, index, message));
        AddressLog.Write(_logger, id, level, message);
    }
}
