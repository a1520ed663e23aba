using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A tree cannot be printed as DTS source that reads back to the same tree: a node or property name has a character
/// DTS names cannot hold (only <c>[a-zA-Z0-9,._+*#?@-]</c>), or a <c>phandle</c> / <c>linux,phandle</c> property
/// that a DTS reader refuses (not one cell, 0, 0xffffffff, repeated, or the two disagreeing). Blobs can carry all of
/// these; dtc and <see cref="DtsReader"/> cannot read them back. <see cref="DeviceTreeFormatException.NodePath"/>
/// and <see cref="DeviceTreeFormatException.PropertyName"/> say where, with unprintable characters escaped
/// (<c>\xNN</c>, <c>\uNNNN</c>) so that the message is safe to show on a terminal.
/// </summary>
public sealed class DtsWriteException : DeviceTreeFormatException
{
    /// <summary>Creates the exception for a node or property that cannot be printed.</summary>
    /// <param name="problem">What is wrong, as one sentence without the location.</param>
    /// <param name="nodePath">Printable path of the node concerned.</param>
    /// <param name="propertyName">Printable name of the property concerned, when it is a property.</param>
    public DtsWriteException(string problem, string nodePath, string? propertyName = null)
        : base(problem, null, nodePath, propertyName)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DtsWriteException()
        : this("The tree cannot be printed as DTS source.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public DtsWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DtsWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
