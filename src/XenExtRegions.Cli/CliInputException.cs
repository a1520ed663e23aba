using System;

namespace XenExtRegions.Cli;

/// <summary>Bad usage, bad input or a failed read or write that the user can fix: exit code 2, the message names the option or file.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CliInputException()
    {
    }
}
