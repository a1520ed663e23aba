using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// DTS source text is malformed: a syntax error, an undefined label, a bad literal, an include that cannot be read.
/// The message starts with <c>file:line:column:</c> and says what was expected.
/// </summary>
public sealed class DtsSyntaxException : DeviceTreeFormatException
{
    /// <summary>Creates the exception for a fault at a place in a source file.</summary>
    /// <param name="problem">What is wrong, as one sentence without the location.</param>
    /// <param name="file">The source file name as given to the reader (or as named by an include or line marker).</param>
    /// <param name="line">One-based line number.</param>
    /// <param name="column">One-based column number (in UTF-16 code units).</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public DtsSyntaxException(string problem, string file, int line, int column, Exception? innerException = null)
        : base(problem, null, null, null, innerException)
    {
        File = file ?? throw new ArgumentNullException(nameof(file));
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with a message and no location.</summary>
    public DtsSyntaxException()
        : this("The DTS source is malformed.", "<input>", 0, 0)
    {
    }

    /// <summary>Creates the exception with a message and no location.</summary>
    /// <param name="message">What is wrong.</param>
    public DtsSyntaxException(string message)
        : this(message, "<input>", 0, 0)
    {
    }

    /// <summary>Creates the exception with a message, no location and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DtsSyntaxException(string message, Exception innerException)
        : this(message, "<input>", 0, 0, innerException)
    {
    }

    /// <summary>The source file the fault is in.</summary>
    public string File { get; }

    /// <summary>One-based line of the fault (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>One-based column of the fault (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>The message prefixed with <c>file:line:column:</c>.</summary>
    public override string Message => Line > 0
        ? FormattableString.Invariant($"{File}:{Line}:{Column}: {Problem}")
        : Problem;
}
