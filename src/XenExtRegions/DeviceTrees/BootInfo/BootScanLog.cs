using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>Source-generated log methods of the boot scan; event ids are <see cref="BootScanDiagnosticId"/> values.</summary>
internal static partial class BootScanLog
{
    public static void Write(ILogger logger, BootScanDiagnosticId id, LogLevel level, string message)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        switch (id)
        {
            case BootScanDiagnosticId.NestedTooDeep: NestedTooDeep(logger, level, message); break;
            case BootScanDiagnosticId.DisabledNodeSkipped: DisabledNodeSkipped(logger, level, message); break;
            case BootScanDiagnosticId.EmptyBankIgnored: EmptyBankIgnored(logger, level, message); break;
            case BootScanDiagnosticId.RamBankLimitReached: RamBankLimitReached(logger, level, message); break;
            case BootScanDiagnosticId.ReservedBankLimitReached: ReservedBankLimitReached(logger, level, message); break;
            case BootScanDiagnosticId.InvalidCells: InvalidCells(logger, level, message); break;
            case BootScanDiagnosticId.ReservedOverlap: ReservedOverlap(logger, level, message); break;
            case BootScanDiagnosticId.TrailingPartialTuple: TrailingPartialTuple(logger, level, message); break;
            case BootScanDiagnosticId.ModuleWithoutReg: ModuleWithoutReg(logger, level, message); break;
            case BootScanDiagnosticId.MemoryReservationNotReserved: MemoryReservationNotReserved(logger, level, message); break;
            case BootScanDiagnosticId.InvalidInitrd: InvalidInitrd(logger, level, message); break;
            case BootScanDiagnosticId.InvalidSharedMemory: InvalidSharedMemory(logger, level, message); break;
            case BootScanDiagnosticId.ModuleOutsideChosen: ModuleOutsideChosen(logger, level, message); break;
            case BootScanDiagnosticId.DomainWithoutMemory: DomainWithoutMemory(logger, level, message); break;
            case BootScanDiagnosticId.NestedTooDeepHangsBoot: NestedTooDeepHangsBoot(logger, level, message); break;
            case BootScanDiagnosticId.StaticMemoryNotCompiledIn: StaticMemoryNotCompiledIn(logger, level, message); break;
            default: MemoryNodesSkippedForUefi(logger, level, message); break;
        }
    }

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.NestedTooDeep, EventName = "NestedTooDeep", Message = "{Message}")]
    private static partial void NestedTooDeep(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.DisabledNodeSkipped, EventName = "DisabledNodeSkipped", Message = "{Message}")]
    private static partial void DisabledNodeSkipped(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.EmptyBankIgnored, EventName = "EmptyBankIgnored", Message = "{Message}")]
    private static partial void EmptyBankIgnored(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.RamBankLimitReached, EventName = "RamBankLimitReached", Message = "{Message}")]
    private static partial void RamBankLimitReached(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.ReservedBankLimitReached, EventName = "ReservedBankLimitReached", Message = "{Message}")]
    private static partial void ReservedBankLimitReached(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.InvalidCells, EventName = "InvalidCells", Message = "{Message}")]
    private static partial void InvalidCells(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.ReservedOverlap, EventName = "ReservedOverlap", Message = "{Message}")]
    private static partial void ReservedOverlap(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.TrailingPartialTuple, EventName = "TrailingPartialTuple", Message = "{Message}")]
    private static partial void TrailingPartialTuple(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.ModuleWithoutReg, EventName = "ModuleWithoutReg", Message = "{Message}")]
    private static partial void ModuleWithoutReg(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.MemoryReservationNotReserved, EventName = "MemoryReservationNotReserved", Message = "{Message}")]
    private static partial void MemoryReservationNotReserved(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.InvalidInitrd, EventName = "InvalidInitrd", Message = "{Message}")]
    private static partial void InvalidInitrd(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.InvalidSharedMemory, EventName = "InvalidSharedMemory", Message = "{Message}")]
    private static partial void InvalidSharedMemory(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.ModuleOutsideChosen, EventName = "ModuleOutsideChosen", Message = "{Message}")]
    private static partial void ModuleOutsideChosen(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.DomainWithoutMemory, EventName = "DomainWithoutMemory", Message = "{Message}")]
    private static partial void DomainWithoutMemory(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.MemoryNodesSkippedForUefi, EventName = "MemoryNodesSkippedForUefi", Message = "{Message}")]
    private static partial void MemoryNodesSkippedForUefi(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.NestedTooDeepHangsBoot, EventName = "NestedTooDeepHangsBoot", Message = "{Message}")]
    private static partial void NestedTooDeepHangsBoot(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)BootScanDiagnosticId.StaticMemoryNotCompiledIn, EventName = "StaticMemoryNotCompiledIn", Message = "{Message}")]
    private static partial void StaticMemoryNotCompiledIn(ILogger logger, LogLevel level, string message);
}
