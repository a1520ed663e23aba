using System.IO;
using Microsoft.Extensions.Logging;
using XenExtRegions.Cli.Wiring;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// What every command action needs: where to write (<see cref="Error"/> is filtered by -q/-v, see
/// <see cref="CliDiagnostics"/>), standard input and binary output for <c>-</c>, a logger for the library, and the
/// library seam.
/// </summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IRegionsBackend Backend)
{
    /// <summary>Standard input and binary standard output (for <c>-</c>).</summary>
    public StandardStreams Streams { get; init; } = StandardStreams.None;

    /// <summary>The library's log as diagnostics on <see cref="Error"/>: pass it to the library's constructors.</summary>
    public ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
