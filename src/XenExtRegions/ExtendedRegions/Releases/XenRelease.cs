using System;
using System.Globalization;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// A Xen release as far as extended regions are concerned (spec §11): a major.minor.patch triple whose behaviour
/// profile (<see cref="Profile"/>) says which producer rules, bugs and log wording apply.
/// </summary>
/// <remarks>
/// Releases from 4.16.0 to 4.22 are known. Later versions behave as the latest known release (no change found in
/// master). Earlier versions do not have the feature and are refused by <see cref="TryParse"/>.
/// </remarks>
public readonly struct XenRelease : IEquatable<XenRelease>, IComparable<XenRelease>
{
    /// <summary>Creates a release.</summary>
    /// <param name="major">The major version (4).</param>
    /// <param name="minor">The minor version (16 to 22).</param>
    /// <param name="patch">The patch level (0 for the first tag of a branch).</param>
    /// <exception cref="ArgumentOutOfRangeException">The version is older than 4.16.0, or a part is negative.</exception>
    public XenRelease(int major, int minor, int patch = 0)
    {
        if (major < 0 || minor < 0 || patch < 0 || major < 4 || (major == 4 && minor < 16))
        {
            throw new ArgumentOutOfRangeException(nameof(minor), FormattableString.Invariant(
                $"Xen {major}.{minor}.{patch} has no extended regions: the feature starts with 4.16.0."));
        }

        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>4.16.0: the first release; output list capacity 128.</summary>
    public static XenRelease V4160 => new(4, 16, 0);

    /// <summary>4.16.1 and later 4.16.x: capacity 256.</summary>
    public static XenRelease V4161 => new(4, 16, 1);

    /// <summary>4.17.0: dom0less domU regions (P3), domain-prefixed log lines.</summary>
    public static XenRelease V417 => new(4, 17, 0);

    /// <summary>4.18.0: frame-granular rangesets and the 2 MiB-short normaliser.</summary>
    public static XenRelease V418 => new(4, 18, 0);

    /// <summary>4.19.0 (up to 4.19.2: old rangeset subtraction).</summary>
    public static XenRelease V4190 => new(4, 19, 0);

    /// <summary>4.19.3: fixed rangeset subtraction.</summary>
    public static XenRelease V4193 => new(4, 19, 3);

    /// <summary>4.20.0: old subtraction, host-layout dispatch.</summary>
    public static XenRelease V4200 => new(4, 20, 0);

    /// <summary>4.20.1: fixed subtraction.</summary>
    public static XenRelease V4201 => new(4, 20, 1);

    /// <summary>4.21.0: fixed normaliser, rangeset P3, xen,reg and libxl iomem exclusions.</summary>
    public static XenRelease V421 => new(4, 21, 0);

    /// <summary>4.22.0, the latest release studied (no extended-region change from 4.21).</summary>
    public static XenRelease V422 => new(4, 22, 0);

    /// <summary>The latest release studied; the default.</summary>
    public static XenRelease Latest => V422;

    /// <summary>One representative of every behaviour class of spec §11, oldest first.</summary>
    public static XenRelease[] Representatives =>
        [V4160, V4161, V417, V418, V4190, V4193, V4200, V4201, V421, V422];

    /// <summary>The major version.</summary>
    public int Major { get; }

    /// <summary>The minor version.</summary>
    public int Minor { get; }

    /// <summary>The patch level.</summary>
    public int Patch { get; }

    /// <summary>The behaviour of this release.</summary>
    public ReleaseProfile Profile => ReleaseProfile.For(this);

    /// <summary>The <c>compatible</c> string Xen writes into <c>/hypervisor</c>: <c>xen,xen-MAJOR.MINOR</c>.</summary>
    public string CompatibleString => FormattableString.Invariant($"xen,xen-{Major}.{Minor}");

    /// <summary>Parses <c>4.19.1</c>, <c>4.20</c> (= 4.20.0), <c>RELEASE-4.17.3</c>, <c>4.19.3+</c> or <c>latest</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The release.</returns>
    /// <exception cref="FormatException">The text is not a supported release.</exception>
    public static XenRelease Parse(string text) =>
        TryParse(text, out XenRelease release)
            ? release
            : throw new FormatException($"'{text}' is not a Xen release with extended regions (expected e.g. 4.19.1, 4.20 or latest; 4.16.0 or later).");

    /// <summary>Parses a release without throwing.</summary>
    /// <param name="text">The text (see <see cref="Parse"/>).</param>
    /// <param name="release">The release, when the method returns true.</param>
    /// <returns>False when the text is not a supported release.</returns>
    public static bool TryParse(string? text, out XenRelease release)
    {
        release = default;
        if (text is null)
        {
            return false;
        }

        string t = text.Trim();
        if (t.Length == 0)
        {
            return false;
        }

        if (string.Equals(t, "latest", StringComparison.OrdinalIgnoreCase) || string.Equals(t, "master", StringComparison.OrdinalIgnoreCase))
        {
            release = Latest;
            return true;
        }

        if (t.StartsWith("RELEASE-", StringComparison.OrdinalIgnoreCase))
        {
            t = t.Substring("RELEASE-".Length);
        }

        if (t.EndsWith("+", StringComparison.Ordinal))
        {
            t = t.Substring(0, t.Length - 1);
        }

        string[] parts = t.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        int[] numbers = new int[3];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        if (numbers[0] < 4 || (numbers[0] == 4 && numbers[1] < 16))
        {
            return false;
        }

        release = new XenRelease(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>True when this release is at least <c>major.minor.patch</c>.</summary>
    /// <param name="major">Major.</param>
    /// <param name="minor">Minor.</param>
    /// <param name="patch">Patch.</param>
    /// <returns>True when not older.</returns>
    public bool IsAtLeast(int major, int minor, int patch = 0) => CompareTo(new XenRelease(major, minor, patch)) >= 0;

    /// <inheritdoc/>
    public int CompareTo(XenRelease other)
    {
        int c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    /// <inheritdoc/>
    public bool Equals(XenRelease other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XenRelease other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Major * 1000 + Minor) * 1000 + Patch;

    /// <summary>Prints <c>4.19.1</c>.</summary>
    /// <returns>The version.</returns>
    public override string ToString() => FormattableString.Invariant($"{Major}.{Minor}.{Patch}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(XenRelease left, XenRelease right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(XenRelease left, XenRelease right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when older.</returns>
    public static bool operator <(XenRelease left, XenRelease right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when newer.</returns>
    public static bool operator >(XenRelease left, XenRelease right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when not newer.</returns>
    public static bool operator <=(XenRelease left, XenRelease right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when not older.</returns>
    public static bool operator >=(XenRelease left, XenRelease right) => left.CompareTo(right) >= 0;
}
