using System.IO;
using XenExtRegions.Cli.Wiring;

namespace XenExtRegions.Cli.Commands;

/// <summary>What every command action needs: where to write, and the library seam.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IRegionsBackend Backend);
