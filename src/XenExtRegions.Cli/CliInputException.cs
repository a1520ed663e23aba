using System;

namespace XenExtRegions.Cli;

/// <summary>Bad usage or bad input that the user can fix: exit code 2, the message names the option or file.</summary>
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
