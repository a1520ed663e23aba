using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Which checks a <see cref="DeviceTreeChecker"/> reports.</summary>
public sealed class DeviceTreeCheckerOptions
{
    /// <summary>Every check enabled.</summary>
    public static DeviceTreeCheckerOptions Default { get; } = new();

    /// <summary>
    /// Names of checks not to report, as dtc's <c>-W no-NAME</c>. As in dtc, disabling a check also disables every check
    /// that needs it as a prerequisite, and a disabled check still runs so that the checks needing it are skipped when it
    /// fails. An unknown name makes the checker throw <see cref="ArgumentException"/>.
    /// </summary>
    public IReadOnlyCollection<string> DisabledChecks { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Options from dtc's <c>-W</c> arguments in command-line order: <c>no-NAME</c> (or <c>no_NAME</c>) disables a check
    /// and the checks that need it; <c>NAME</c> enables it again with its prerequisites.
    /// </summary>
    /// <param name="flags">The <c>-W</c> values.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">A name is not a known check (dtc: "Unrecognized check name").</exception>
    public static DeviceTreeCheckerOptions FromWarningFlags(IEnumerable<string> flags)
    {
        if (flags is null)
        {
            throw new ArgumentNullException(nameof(flags));
        }

        var disabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (string flag in flags)
        {
            bool enable = !(flag.StartsWith("no-", StringComparison.Ordinal) || flag.StartsWith("no_", StringComparison.Ordinal));
            string name = enable ? flag : flag.Substring(3);
            if (CheckTable.Find(name) is null)
            {
                throw new ArgumentException($"Unrecognized check name \"{name}\"", nameof(flags));
            }

            if (enable)
            {
                CheckTable.Enable(disabled, name);
            }
            else
            {
                CheckTable.Disable(disabled, name);
            }
        }

        return new DeviceTreeCheckerOptions { DisabledChecks = disabled };
    }
}
