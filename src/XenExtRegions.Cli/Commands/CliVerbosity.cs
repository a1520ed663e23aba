namespace XenExtRegions.Cli.Commands;

/// <summary>How much the tool says on standard error besides errors (-q / -v).</summary>
internal enum CliVerbosity
{
    /// <summary>Errors only (-q): notes, warnings and "wrote" lines are dropped.</summary>
    Quiet,

    /// <summary>Errors, warnings and notes.</summary>
    Normal,

    /// <summary>All of those and debug lines (-v): what was read and written, and the library's Debug log.</summary>
    Verbose,
}
