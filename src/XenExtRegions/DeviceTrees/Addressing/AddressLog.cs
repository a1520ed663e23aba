using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>Source-generated log methods of the address decoder; event ids are <see cref="AddressDiagnosticId"/> values.</summary>
internal static partial class AddressLog
{
    public static void Write(ILogger logger, AddressDiagnosticId id, LogLevel level, string message)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        switch (id)
        {
            case AddressDiagnosticId.MissingDeviceType: MissingDeviceType(logger, level, message); break;
            case AddressDiagnosticId.NoRanges: NoRanges(logger, level, message); break;
            case AddressDiagnosticId.NoMatchingRange: NoMatchingRange(logger, level, message); break;
            case AddressDiagnosticId.NotABus: NotABus(logger, level, message); break;
            case AddressDiagnosticId.BadCellCount: BadCellCount(logger, level, message); break;
            case AddressDiagnosticId.UnableToRetrieveAddress: UnableToRetrieveAddress(logger, level, message); break;
            case AddressDiagnosticId.TrailingPartialTuple: TrailingPartialTuple(logger, level, message); break;
            case AddressDiagnosticId.SizeTruncated: SizeTruncated(logger, level, message); break;
            case AddressDiagnosticId.AddressOverflow: AddressOverflow(logger, level, message); break;
            case AddressDiagnosticId.ZeroSize: ZeroSize(logger, level, message); break;
            case AddressDiagnosticId.PciRangeUntranslatable: PciRangeUntranslatable(logger, level, message); break;
            case AddressDiagnosticId.CannotEnumerateRanges: CannotEnumerateRanges(logger, level, message); break;
            case AddressDiagnosticId.PciDeviceTypeCaseMismatch: PciDeviceTypeCaseMismatch(logger, level, message); break;
            case AddressDiagnosticId.InvalidCellCountNoAddresses: InvalidCellCountNoAddresses(logger, level, message); break;
            case AddressDiagnosticId.RootReg: RootReg(logger, level, message); break;
            case AddressDiagnosticId.RegUnderPciBus: RegUnderPciBus(logger, level, message); break;
            case AddressDiagnosticId.EmptyAddressProperty: EmptyAddressProperty(logger, level, message); break;
            default: NotOnABus(logger, level, message); break;
        }
    }

    [LoggerMessage(EventId = (int)AddressDiagnosticId.MissingDeviceType, EventName = "MissingDeviceType", Message = "{Message}")]
    private static partial void MissingDeviceType(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.NoRanges, EventName = "NoRanges", Message = "DT: no ranges; cannot translate. {Message}")]
    private static partial void NoRanges(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.NoMatchingRange, EventName = "NoMatchingRange", Message = "{Message}")]
    private static partial void NoMatchingRange(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.NotABus, EventName = "NotABus", Message = "{Message}")]
    private static partial void NotABus(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.BadCellCount, EventName = "BadCellCount", Message = "{Message}")]
    private static partial void BadCellCount(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.UnableToRetrieveAddress, EventName = "UnableToRetrieveAddress", Message = "{Message}")]
    private static partial void UnableToRetrieveAddress(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.TrailingPartialTuple, EventName = "TrailingPartialTuple", Message = "{Message}")]
    private static partial void TrailingPartialTuple(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.SizeTruncated, EventName = "SizeTruncated", Message = "{Message}")]
    private static partial void SizeTruncated(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.AddressOverflow, EventName = "AddressOverflow", Message = "{Message}")]
    private static partial void AddressOverflow(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.ZeroSize, EventName = "ZeroSize", Message = "{Message}")]
    private static partial void ZeroSize(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.PciRangeUntranslatable, EventName = "PciRangeUntranslatable", Message = "{Message}")]
    private static partial void PciRangeUntranslatable(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.CannotEnumerateRanges, EventName = "CannotEnumerateRanges", Message = "{Message}")]
    private static partial void CannotEnumerateRanges(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.PciDeviceTypeCaseMismatch, EventName = "PciDeviceTypeCaseMismatch", Message = "{Message}")]
    private static partial void PciDeviceTypeCaseMismatch(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.InvalidCellCountNoAddresses, EventName = "InvalidCellCountNoAddresses", Message = "{Message}")]
    private static partial void InvalidCellCountNoAddresses(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.NotOnABus, EventName = "NotOnABus", Message = "{Message}")]
    private static partial void NotOnABus(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.RootReg, EventName = "RootReg", Message = "{Message}")]
    private static partial void RootReg(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.RegUnderPciBus, EventName = "RegUnderPciBus", Message = "{Message}")]
    private static partial void RegUnderPciBus(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = (int)AddressDiagnosticId.EmptyAddressProperty, EventName = "EmptyAddressProperty", Message = "{Message}")]
    private static partial void EmptyAddressProperty(ILogger logger, LogLevel level, string message);
}
