using System;
using System.Globalization;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// A Xen release as far as extended regions are concerned: a major.minor.patch triple (or <see cref="Master"/>, the
/// development tree) whose behaviour profile (<see cref="Profile"/>) says which producer rules, bugs and log wording apply.
/// </summary>
/// <remarks>
/// <para>
/// Every release tag from 4.16.0 to 4.22.0 is known (<see cref="Known"/>), and so is the development tree
/// (<see cref="Master"/>, whose banner reads <c>4.23-unstable</c>). <see cref="TryParse(string?, out XenRelease, out string?)"/>
/// reads Xen's own banner forms: <c>4.20.5-pre</c> is the stable branch after its last tag and behaves as that tag
/// (4.20.4); <c>4.23-unstable</c> or <c>4.23-dev</c> is master.
/// </para>
/// <para>
/// Versions this library does not know are refused, never taken as the latest: a future release (4.24, 5.0), a
/// patch level beyond a branch's last tag (4.17.99, 4.22.1) or one before 4.16. Pass a known release (for instance
/// <c>master</c> for a newer development tree) to choose whose behaviour to reproduce. The constructor accepts any
/// version from 4.16.0 for programmatic use; such a value behaves as the newest known release not newer than it
/// (<see cref="BehavesAs"/>), and the engine says so in a diagnostic.
/// </para>
/// </remarks>
public readonly partial struct XenRelease : IEquatable<XenRelease>, IComparable<XenRelease>
{
    private readonly bool _development;

    /// <summary>Creates a release.</summary>
    /// <param name="major">The major version (4).</param>
    /// <param name="minor">The minor version (16 to 22).</param>
    /// <param name="patch">The patch level (0 for the first tag of a branch).</param>
    /// <exception cref="ArgumentOutOfRangeException">The version is older than 4.16.0, or a part is negative.</exception>
    public XenRelease(int major, int minor, int patch = 0)
        : this(major, minor, patch, development: false)
    {
    }

    private XenRelease(int major, int minor, int patch, bool development)
    {
        if (major < 0 || minor < 0 || patch < 0 || major < 4 || (major == 4 && minor < 16))
        {
            throw new ArgumentOutOfRangeException(nameof(minor), FormattableString.Invariant(
                $"Xen {major}.{minor}.{patch} has no extended regions: the feature starts with 4.16.0."));
        }

        Major = major;
        Minor = minor;
        Patch = patch;
        _development = development;
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

    /// <summary>4.19.2: a reserved-memory region wholly inside a <c>/memreserve/</c> entry is accepted at boot.</summary>
    public static XenRelease V4192 => new(4, 19, 2);

    /// <summary>4.19.3: fixed rangeset subtraction.</summary>
    public static XenRelease V4193 => new(4, 19, 3);

    /// <summary>4.20.0: old subtraction, host-layout dispatch.</summary>
    public static XenRelease V4200 => new(4, 20, 0);

    /// <summary>4.20.1: fixed subtraction.</summary>
    public static XenRelease V4201 => new(4, 20, 1);

    /// <summary>4.20.4: the boot scan skips nodes nested too deep instead of hanging.</summary>
    public static XenRelease V4204 => new(4, 20, 4);

    /// <summary>4.21.0: fixed normaliser, rangeset P3, xen,reg and libxl iomem exclusions.</summary>
    public static XenRelease V421 => new(4, 21, 0);

    /// <summary>4.21.1 (boot scan still hangs on nodes nested too deep).</summary>
    public static XenRelease V4211 => new(4, 21, 1);

    /// <summary>4.21.2: the boot scan skips nodes nested too deep instead of hanging.</summary>
    public static XenRelease V4212 => new(4, 21, 2);

    /// <summary>4.22.0, the latest release (no extended-region change from 4.21; deep nodes skipped).</summary>
    public static XenRelease V422 => new(4, 22, 0);

    /// <summary>
    /// The development tree (master), whose banner reads <c>4.23-unstable</c>: 4.22 plus a boot-time refusal of
    /// <c>xen,static-mem</c> when Xen is built without CONFIG_STATIC_MEMORY. Sorts after every 4.22.x and before 4.23.0.
    /// </summary>
    public static XenRelease Master => new(4, 23, 0, development: true);

    /// <summary>The latest release (a tag, not master); the default.</summary>
    public static XenRelease Latest => V422;

    /// <summary>One representative of every behaviour class, oldest first (master last).</summary>
    public static XenRelease[] Representatives =>
        [V4160, V4161, V417, V418, V4190, V4192, V4193, V4200, V4201, V4204, V421, V4212, V422, Master];

    /// <summary>True for <see cref="Master"/>, the development tree (<c>4.23-unstable</c>).</summary>
    public bool IsDevelopment => _development;

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

    /// <summary>True when this release is at least <c>major.minor.patch</c>.</summary>
    /// <param name="major">Major.</param>
    /// <param name="minor">Minor.</param>
    /// <param name="patch">Patch.</param>
    /// <returns>True when not older.</returns>
    public bool IsAtLeast(int major, int minor, int patch = 0) => CompareTo(new XenRelease(major, minor, patch)) >= 0;

    /// <inheritdoc/>
    /// <remarks>A development tree sorts before the first tag of its own version (4.23-unstable &lt; 4.23.0).</remarks>
    public int CompareTo(XenRelease other)
    {
        int c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        if (c != 0)
        {
            return c;
        }

        c = other._development.CompareTo(_development);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    /// <inheritdoc/>
    public bool Equals(XenRelease other) =>
        Major == other.Major && Minor == other.Minor && Patch == other.Patch && _development == other._development;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XenRelease other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((((Major * 1000) + Minor) * 1000) + Patch) * 2 + (_development ? 1 : 0);

    /// <summary>Prints <c>4.19.1</c>, or <c>4.23-unstable</c> for <see cref="Master"/> (as Xen's banner does); <see cref="Parse"/> reads it back.</summary>
    /// <returns>The version.</returns>
    public override string ToString() => _development
        ? FormattableString.Invariant($"{Major}.{Minor}-unstable")
        : FormattableString.Invariant($"{Major}.{Minor}.{Patch}");

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
