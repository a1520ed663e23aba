using System;
using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Named checks of a device tree: a set of dtc's checks under dtc's own names and rules (unit_address_vs_reg,
/// reg_format, ranges_format, simple_bus_reg, avoid_unnecessary_addr_size, unique_unit_address, explicit_phandles,
/// phandle_references, interrupts_property and the checks they need), plus checks of what Xen on Arm cannot cope with,
/// named <c>xen_…</c>. As in dtc, a check whose prerequisite fails is skipped for the whole tree and says so.
/// </summary>
public sealed class DeviceTreeChecker
{
    private readonly HashSet<string> _disabled;

    /// <summary>Creates a checker.</summary>
    /// <param name="options">Which checks to report; null for all.</param>
    /// <exception cref="ArgumentException">A disabled check's name is not a known check.</exception>
    public DeviceTreeChecker(DeviceTreeCheckerOptions? options = null)
    {
        Options = options ?? DeviceTreeCheckerOptions.Default;
        _disabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in Options.DisabledChecks)
        {
            if (CheckTable.Find(name) is null)
            {
                throw new ArgumentException($"Unrecognized check name \"{name}\"", nameof(options));
            }

            CheckTable.Disable(_disabled, name);
        }
    }

    /// <summary>The names of every check, in run order.</summary>
    public static IReadOnlyList<string> CheckNames { get; } = CheckTable.All.Select(c => c.Name).ToArray();

    /// <summary>The options.</summary>
    public DeviceTreeCheckerOptions Options { get; }

    /// <summary>Whether a check runs and is reported (not disabled, directly or through a prerequisite).</summary>
    /// <param name="name">The check's name.</param>
    /// <returns>True when enabled; false when disabled or unknown.</returns>
    public bool IsEnabled(string name) => CheckNames.Contains(name) && !_disabled.Contains(name);

    /// <summary>Runs every check on a tree.</summary>
    /// <param name="tree">The tree.</param>
    /// <returns>The findings of the enabled checks, check by check in run order, nodes in document order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public IReadOnlyList<DeviceTreeCheckFinding> Check(DeviceTree tree)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        var scope = new CheckScope(tree);
        var findings = new List<DeviceTreeCheckFinding>();
        var passed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (CheckDefinition check in CheckTable.All)
        {
            bool enabled = !_disabled.Contains(check.Name);
            bool blocked = false;
            foreach (string prerequisite in check.Prerequisites)
            {
                if (!passed[prerequisite])
                {
                    blocked = true;
                    if (enabled)
                    {
                        findings.Add(new DeviceTreeCheckFinding(check.Name, check.Id, check.Severity, null, null, $"Failed prerequisite '{prerequisite}'"));
                    }
                }
            }

            if (blocked)
            {
                passed[check.Name] = false;
                continue;
            }

            // A disabled check still runs: the checks that need it are skipped when it fails, as in dtc.
            var run = new CheckRun(check, scope, enabled ? findings : null);
            check.Body(run);
            passed[check.Name] = !run.Failed;
        }

        return findings;
    }

    /// <summary>
    /// Reads DTS source and checks it. A source dtc would stop on in its reference checks (a reference to a label or
    /// path no node has, a duplicated phandle) cannot become a tree; it gives one error finding under dtc's check name
    /// (phandle_references, explicit_phandles) instead of an exception.
    /// </summary>
    /// <param name="text">The DTS text.</param>
    /// <param name="fileName">The name used in locations.</param>
    /// <param name="options">Reader options; null for the defaults.</param>
    /// <returns>The findings, and the tree when it could be built.</returns>
    /// <exception cref="DtsSyntaxException">The source is malformed in another way.</exception>
    public (IReadOnlyList<DeviceTreeCheckFinding> Findings, DeviceTree? Tree) CheckSource(string text, string fileName = "<input>", DtsReaderOptions? options = null)
    {
        DeviceTree tree;
        try
        {
            tree = DtsReader.Parse(text, fileName, options);
        }
        catch (DtsSyntaxException e) when (SourceReferenceFailure.Classify(e) is { } name)
        {
            var findings = new List<DeviceTreeCheckFinding>();
            CheckDefinition check = CheckTable.Find(name)!;
            if (!_disabled.Contains(name))
            {
                findings.Add(new DeviceTreeCheckFinding(check.Name, check.Id, check.Severity, null, null, e.Message));
            }

            return (findings, null);
        }

        return (Check(tree), tree);
    }
}
