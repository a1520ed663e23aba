using System;

namespace XenExtRegions.ExtendedRegions;

/// <summary>A finding of the engine about the input or about Xen's behaviour on it.</summary>
public sealed class EngineDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="message">A sentence saying what happened.</param>
    /// <param name="subject">What it is about (a node path, a bank), or null.</param>
    public EngineDiagnostic(EngineDiagnosticId id, string message, string? subject = null)
    {
        Id = id;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Subject = subject;
    }

    /// <summary>The stable id.</summary>
    public EngineDiagnosticId Id { get; }

    /// <summary>The message.</summary>
    public string Message { get; }

    /// <summary>The node path or bank it is about, or null.</summary>
    public string? Subject { get; }

    /// <summary>Prints <c>XER5201 subject: message</c>.</summary>
    /// <returns>The diagnostic.</returns>
    public override string ToString() => Subject is null
        ? FormattableString.Invariant($"XER{(int)Id}: {Message}")
        : FormattableString.Invariant($"XER{(int)Id} {Subject}: {Message}");
}
