using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>Which dtc check a DTS reader refusal corresponds to, for <see cref="DeviceTreeChecker.CheckSource"/>.</summary>
internal static class SourceReferenceFailure
{
    /// <summary>dtc's check name for the refusal, or null when it is not one of dtc's reference checks.</summary>
    /// <remarks>Matches the wording of DtsLinker's own messages; the tests of CheckSource pin both.</remarks>
    public static string? Classify(DtsSyntaxException exception)
    {
        string message = exception.Message;
        if (message.IndexOf("Reference to non-existent node", StringComparison.Ordinal) >= 0)
        {
            return "phandle_references";
        }

        if (message.IndexOf("Duplicated phandle", StringComparison.Ordinal) >= 0
            || message.IndexOf("mismatching 'phandle' and 'linux,phandle'", StringComparison.Ordinal) >= 0
            || message.IndexOf("phandle' property of", StringComparison.Ordinal) >= 0)
        {
            return "explicit_phandles";
        }

        return null;
    }
}
