using Microsoft.Extensions.Logging;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Source-generated log methods of the engine; event ids equal <see cref="XenLogMessage"/> / <see cref="EngineDiagnosticId"/> values.</summary>
internal static partial class ExtendedRegionsLog
{
    [LoggerMessage(EventId = (int)XenLogMessage.RegionAdvertised, Level = LogLevel.Information, Message = "Xen {Release}: {Text}")]
    public static partial void RegionAdvertised(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.Disabled, Level = LogLevel.Information, Message = "Xen {Release}: {Text}")]
    public static partial void Disabled(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.Unsupported32Bit, Level = LogLevel.Warning, Message = "Xen {Release}: {Text}")]
    public static partial void Unsupported32Bit(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.AllocationFailed, Level = LogLevel.Warning, Message = "Xen {Release}: {Text}")]
    public static partial void AllocationFailed(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.AddressRetrievalFailed, Level = LogLevel.Error, Message = "Xen {Release}: {Text}")]
    public static partial void AddressRetrievalFailed(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.PciRangeTooWide, Level = LogLevel.Error, Message = "Xen {Release}: {Text}")]
    public static partial void PciRangeTooWide(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.ToolstackRegion, Level = LogLevel.Debug, Message = "libxl {Release}: {Text}")]
    public static partial void ToolstackRegion(ILogger logger, string release, string text);

    [LoggerMessage(EventId = (int)XenLogMessage.ToolstackNoSpace, Level = LogLevel.Warning, Message = "libxl {Release}: {Text}")]
    public static partial void ToolstackNoSpace(ILogger logger, string release, string text);

    [LoggerMessage(EventId = 5200, Level = LogLevel.Warning, Message = "Extended regions engine finding {Id}: {Text}")]
    public static partial void Finding(ILogger logger, EngineDiagnosticId id, string text);

    public static void Emit(ILogger logger, ExtendedRegionsResult result)
    {
        string release = result.Release.ToString();
        foreach (XenLogLine line in result.LogLines)
        {
            switch (line.Message)
            {
                case XenLogMessage.RegionAdvertised: RegionAdvertised(logger, release, line.Text); break;
                case XenLogMessage.Disabled: Disabled(logger, release, line.Text); break;
                case XenLogMessage.Unsupported32Bit: Unsupported32Bit(logger, release, line.Text); break;
                case XenLogMessage.AllocationFailed: AllocationFailed(logger, release, line.Text); break;
                case XenLogMessage.AddressRetrievalFailed: AddressRetrievalFailed(logger, release, line.Text); break;
                case XenLogMessage.PciRangeTooWide: PciRangeTooWide(logger, release, line.Text); break;
                case XenLogMessage.ToolstackRegion: ToolstackRegion(logger, release, line.Text); break;
                default: ToolstackNoSpace(logger, release, line.Text); break;
            }
        }

        foreach (EngineDiagnostic diagnostic in result.Diagnostics)
        {
            Finding(logger, diagnostic.Id, diagnostic.ToString());
        }
    }
}
