using System;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.Cli.Commands;

/// <summary>The library's <see cref="ILogger"/> messages as tool diagnostics: Debug and Trace as <c>debug:</c> lines (-v), Information as notes, Warning and above as warnings.</summary>
internal sealed class CliLogger : ILogger
{
    private readonly CliDiagnostics _diagnostics;

    public CliLogger(CliDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public IDisposable BeginScope<TState>(TState state) => NoScope.Instance;

    public bool IsEnabled(LogLevel logLevel) => logLevel switch
    {
        LogLevel.None => false,
        LogLevel.Trace or LogLevel.Debug => _diagnostics.Verbosity == CliVerbosity.Verbose,
        _ => true,
    };

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel) || formatter is null)
        {
            return;
        }

        string prefix = logLevel switch
        {
            LogLevel.Trace or LogLevel.Debug => "debug",
            LogLevel.Information => "note",
            _ => "warning",
        };
        string id = eventId.Name is { Length: > 0 } name ? $" [{name}]" : string.Empty;
        _diagnostics.WriteLine($"{prefix}: {formatter(state, exception)}{id}");
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
