using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The phandle replacements of libfdt's overlay_prevent_phandle_overwrite, composed so that one pass over the local
/// fixups gives the result of applying them one after another (libfdt walks all local fixups per replacement).
/// </summary>
internal sealed class OverlayRedirects
{
    // Current value -> the original values now carried to it; only originals touched by a replacement appear.
    private readonly Dictionary<uint, List<uint>> _originalsAt = new();
    private readonly HashSet<uint> _tracked = new();

    public bool IsEmpty => _tracked.Count == 0;

    /// <summary>Every cell now equal to <paramref name="from"/> becomes <paramref name="to"/>.</summary>
    public void Redirect(uint from, uint to)
    {
        if (from == to)
        {
            return;
        }

        if (!_originalsAt.TryGetValue(from, out List<uint>? moving))
        {
            moving = new List<uint>();
        }

        _originalsAt.Remove(from);
        if (_tracked.Add(from))
        {
            moving.Add(from); // an untouched original still has its own value
        }

        if (moving.Count == 0)
        {
            return;
        }

        if (_originalsAt.TryGetValue(to, out List<uint>? there))
        {
            // Merging the smaller list into the larger keeps the total work O(n log n).
            if (there.Count < moving.Count)
            {
                (there, moving) = (moving, there);
            }

            there.AddRange(moving);
            _originalsAt[to] = there;
        }
        else
        {
            _originalsAt[to] = moving;
        }
    }

    /// <summary>Original value -> final value, for the values that change.</summary>
    public Dictionary<uint, uint> Compose()
    {
        var map = new Dictionary<uint, uint>();
        foreach (KeyValuePair<uint, List<uint>> entry in _originalsAt)
        {
            foreach (uint original in entry.Value)
            {
                if (original != entry.Key)
                {
                    map[original] = entry.Key;
                }
            }
        }

        return map;
    }
}
