using System;

namespace XenExtRegions.Cli.Wiring;

/// <summary>A library piece the tool calls has not been wired yet (exit code 1).</summary>
internal sealed class NotWiredException : Exception
{
    public NotWiredException(string what)
        : base($"{what} is not available in this build of xen-ext-regions yet.")
    {
    }

    public NotWiredException()
    {
    }

    public NotWiredException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
