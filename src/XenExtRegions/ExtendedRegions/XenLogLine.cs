using System;

namespace XenExtRegions.ExtendedRegions;

/// <summary>A line Xen or libxl would print, at its level, worded as the release words it.</summary>
public sealed class XenLogLine
{
    /// <summary>Creates a line.</summary>
    /// <param name="level">The level.</param>
    /// <param name="message">Which message.</param>
    /// <param name="text">The text, without the console's <c>(XEN)</c> prefix.</param>
    public XenLogLine(XenLogLevel level, XenLogMessage message, string text)
    {
        Level = level;
        Message = message;
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The level.</summary>
    public XenLogLevel Level { get; }

    /// <summary>Which message (its value is the stable event id).</summary>
    public XenLogMessage Message { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>Prints <c>WARNING: d0: failed to allocate extended regions</c>.</summary>
    /// <returns>Level and text.</returns>
    public override string ToString() => FormattableString.Invariant($"{Level.ToString().ToUpperInvariant()}: {Text}");
}
