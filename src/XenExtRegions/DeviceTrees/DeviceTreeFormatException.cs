using System;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A device tree (DTB blob, DTS source, or a property value) is malformed. The message says what is wrong; the
/// properties say where: byte offset in the blob, node path and property name when they are known.
/// </summary>
public class DeviceTreeFormatException : FormatException
{
    /// <summary>Creates the exception with a message and, when known, the place of the fault.</summary>
    /// <param name="problem">What is wrong, as one sentence without the location.</param>
    /// <param name="offset">Byte offset in the blob, when the fault is in a blob.</param>
    /// <param name="nodePath">Full path of the node concerned, when known.</param>
    /// <param name="propertyName">Name of the property concerned, when known.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public DeviceTreeFormatException(string problem, long? offset = null, string? nodePath = null, string? propertyName = null, Exception? innerException = null)
        : base(Compose(problem, offset, nodePath, propertyName), innerException)
    {
        Problem = problem;
        Offset = offset;
        NodePath = nodePath;
        PropertyName = propertyName;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeviceTreeFormatException()
        : this("The device tree is malformed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public DeviceTreeFormatException(string message)
        : this(message, null, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DeviceTreeFormatException(string message, Exception innerException)
        : this(message, null, null, null, innerException)
    {
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Byte offset in the blob where the fault was found, when the input was a blob.</summary>
    public long? Offset { get; }

    /// <summary>Full path of the node concerned, when known.</summary>
    public string? NodePath { get; }

    /// <summary>Name of the property concerned, when known.</summary>
    public string? PropertyName { get; }

    private static string Compose(string problem, long? offset, string? nodePath, string? propertyName)
    {
        if (offset is null && nodePath is null && propertyName is null)
        {
            return problem;
        }

        var where = new StringBuilder();
        if (offset is long at)
        {
            where.Append(FormattableString.Invariant($"at offset 0x{at:x} ({at})"));
        }

        if (nodePath is not null)
        {
            where.Append(where.Length > 0 ? ", " : string.Empty).Append("node ").Append(nodePath.Length == 0 ? "/" : EscapedUtf8.ForMessage(nodePath));
        }

        if (propertyName is not null)
        {
            where.Append(where.Length > 0 ? ", " : string.Empty).Append("property '").Append(EscapedUtf8.ForMessage(propertyName)).Append('\'');
        }

        return problem.TrimEnd('.') + " (" + where + ").";
    }
}
