using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace XenExtRegions.ExtendedRegions;

/// <summary>The known release tags, and reading a version as a user or Xen's banner writes it.</summary>
public readonly partial struct XenRelease
{
    /// <summary>The last tag of each stable branch from 4.16 (4.16.7 … 4.22.0); anything after it is not known yet.</summary>
    private static readonly (int Minor, int LastPatch)[] Branches = [(16, 7), (17, 7), (18, 6), (19, 6), (20, 4), (21, 2), (22, 0)];

    private static readonly XenRelease[] KnownList = BuildKnownList();

    /// <summary>Every release this library knows: each tag from 4.16.0 to 4.22.0, oldest first, then <see cref="Master"/>.</summary>
    public static IReadOnlyList<XenRelease> Known => KnownList;

    /// <summary>
    /// The known releases as one line for help and error texts, e.g. <c>4.16.0 to 4.16.7, …, 4.22.0, master (4.23-unstable), latest (= 4.22.0)</c>.
    /// </summary>
    public static string KnownReleasesText { get; } = BuildKnownText();

    /// <summary>True when this is a release tag this library knows, or <see cref="Master"/>.</summary>
    public bool IsKnown
    {
        get
        {
            if (_development)
            {
                return Equals(Master);
            }

            foreach ((int minor, int lastPatch) in Branches)
            {
                if (Major == 4 && Minor == minor && Patch <= lastPatch)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The known release whose behaviour this one gets: itself when <see cref="IsKnown"/>, else the newest known release
    /// not newer than it (4.17.99 → 4.17.7, 4.24.0 → master).
    /// </summary>
    public XenRelease BehavesAs
    {
        get
        {
            if (Major == 0 || IsKnown)
            {
                return this;
            }

            XenRelease self = this;
            return KnownList.Last(k => k <= self);
        }
    }

    /// <summary>
    /// Parses a release: a tag (<c>4.19.1</c>, <c>4.20</c> = 4.20.0, <c>RELEASE-4.17.3</c>, <c>4.19.3+</c>), <c>latest</c>,
    /// <c>master</c>, or a banner version (<c>4.20.5-pre</c> = 4.20.4, <c>4.23-unstable</c> / <c>4.23-dev</c> = master).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The release.</returns>
    /// <exception cref="FormatException">The text is not a known release; the message lists the known ones.</exception>
    public static XenRelease Parse(string text) =>
        TryParse(text, out XenRelease release, out string? note) ? release : throw new FormatException(note);

    /// <summary>Parses a release without throwing (see <see cref="Parse"/>). Unknown versions are refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="release">The release, when the method returns true.</param>
    /// <returns>False when the text is not a known release.</returns>
    public static bool TryParse(string? text, out XenRelease release) => TryParse(text, out release, out _);

    /// <summary>
    /// Parses a release without throwing, and says what was assumed or what is wrong (see <see cref="Parse"/>).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="release">The release, when the method returns true.</param>
    /// <param name="note">
    /// When true is returned: null for a plain tag, else a sentence naming the release whose behaviour is used (a
    /// <c>-pre</c> branch head, a development tree of a released version, a release candidate). When false: why the text
    /// was refused, with the list of known releases.
    /// </param>
    /// <returns>False when the text is not a known release.</returns>
    public static bool TryParse(string? text, out XenRelease release, out string? note)
    {
        release = default;
        string t = (text ?? string.Empty).Trim();
        if (string.Equals(t, "latest", StringComparison.OrdinalIgnoreCase))
        {
            release = Latest;
            note = null;
            return true;
        }

        if (string.Equals(t, "master", StringComparison.OrdinalIgnoreCase))
        {
            release = Master;
            note = null;
            return true;
        }

        if (t.StartsWith("RELEASE-", StringComparison.OrdinalIgnoreCase))
        {
            t = t.Substring("RELEASE-".Length);
        }

        string suffix = string.Empty;
        int dash = t.IndexOf('-');
        if (dash >= 0)
        {
            suffix = t.Substring(dash + 1).ToLowerInvariant();
            t = t.Substring(0, dash);
        }
        else if (t.EndsWith("+", StringComparison.Ordinal))
        {
            t = t.Substring(0, t.Length - 1);
        }

        if (!TryReadNumbers(t, out int major, out int minor, out int? patch))
        {
            note = Refusal(text, "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre");
            return false;
        }

        if (major < 4 || (major == 4 && minor < 16))
        {
            note = Refusal(text, "extended regions start with Xen 4.16.0");
            return false;
        }

        return suffix.Length == 0 ? Tag(text, major, minor, patch ?? 0, out release, out note)
            : suffix == "pre" ? BranchHead(text, major, minor, patch, out release, out note)
            : suffix is "unstable" or "dev" ? DevelopmentTree(text, major, minor, patch, out release, out note)
            : suffix.StartsWith("rc", StringComparison.Ordinal) ? ReleaseCandidate(text, major, minor, patch ?? 0, out release, out note)
            : Refused(text, "-" + suffix + " is not a suffix Xen's version uses (-pre, -unstable, -rc)", out release, out note);
    }

    private static bool Tag(string? text, int major, int minor, int patch, out XenRelease release, out string? note)
    {
        var candidate = new XenRelease(major, minor, patch);
        if (!candidate.IsKnown)
        {
            return Refused(text, FormattableString.Invariant($"{candidate} is not a release tag this library knows (a newer Xen is not assumed to behave as the latest)"), out release, out note);
        }

        release = candidate;
        note = null;
        return true;
    }

    /// <summary><c>X.Y.Z-pre</c>: the stable branch after tag X.Y.(Z-1), which it behaves as.</summary>
    private static bool BranchHead(string? text, int major, int minor, int? patch, out XenRelease release, out string? note)
    {
        if (patch is not int p || p == 0 || !new XenRelease(major, minor, p - 1).IsKnown)
        {
            return Refused(text, "a -pre version names the stable branch after a known tag (e.g. 4.20.5-pre after 4.20.4)", out release, out note);
        }

        release = new XenRelease(major, minor, p - 1);
        note = FormattableString.Invariant($"{major}.{minor}.{p}-pre is the stable-{major}.{minor} branch after {release}: {release}'s behaviour is used.");
        return true;
    }

    /// <summary><c>X.Y-unstable</c>: master while X.Y was being developed.</summary>
    private static bool DevelopmentTree(string? text, int major, int minor, int? patch, out XenRelease release, out string? note)
    {
        if (patch is not null and not 0)
        {
            return Refused(text, "a development tree has no patch level (e.g. 4.23-unstable)", out release, out note);
        }

        if (major == Master.Major && minor == Master.Minor)
        {
            release = Master;
            note = null;
            return true;
        }

        var first = new XenRelease(major, minor, 0);
        if (!first.IsKnown)
        {
            return Refused(text, FormattableString.Invariant($"{major}.{minor}-unstable is newer than the development tree this library knows ({Master})"), out release, out note);
        }

        // The tree that became X.Y.0 is closer to X.Y.0 than to today's master (which has later changes).
        release = first;
        note = FormattableString.Invariant($"{major}.{minor}-unstable is a development snapshot before {first}: {first}'s behaviour is used; a snapshot may lack some of its changes.");
        return true;
    }

    private static bool ReleaseCandidate(string? text, int major, int minor, int patch, out XenRelease release, out string? note)
    {
        var tag = new XenRelease(major, minor, patch);
        release = tag.IsKnown ? tag : major == Master.Major && minor == Master.Minor && patch == 0 ? Master : default;
        if (release.Major == 0)
        {
            return Refused(text, FormattableString.Invariant($"{tag} is not a release this library knows"), out release, out note);
        }

        note = FormattableString.Invariant($"{text?.Trim()} is a release candidate of {tag}: {release}'s behaviour is used.");
        return true;
    }

    private static bool Refused(string? text, string reason, out XenRelease release, out string? note)
    {
        release = default;
        note = Refusal(text, reason);
        return false;
    }

    private static string Refusal(string? text, string reason) =>
        $"'{text}' is not a known Xen release: {reason}. Known: {KnownReleasesText}. For another version, pass the known release whose behaviour you want (e.g. master).";

    private static bool TryReadNumbers(string t, out int major, out int minor, out int? patch)
    {
        major = minor = 0;
        patch = null;
        string[] parts = t.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        int[] numbers = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        major = numbers[0];
        minor = numbers[1];
        patch = parts.Length == 3 ? numbers[2] : null;
        return true;
    }

    private static XenRelease[] BuildKnownList()
    {
        var list = new List<XenRelease>();
        foreach ((int minor, int last) in Branches)
        {
            for (int p = 0; p <= last; p++)
            {
                list.Add(new XenRelease(4, minor, p));
            }
        }

        list.Add(Master);
        return list.ToArray();
    }

    private static string BuildKnownText()
    {
        var sb = new StringBuilder();
        foreach ((int minor, int last) in Branches)
        {
            sb.Append(last == 0 ? FormattableString.Invariant($"4.{minor}.0, ") : FormattableString.Invariant($"4.{minor}.0 to 4.{minor}.{last}, "));
        }

        sb.Append(FormattableString.Invariant($"master ({Master}, also {Master.Major}.{Master.Minor}-dev), latest (= {Latest})"));
        return sb.ToString();
    }
}
