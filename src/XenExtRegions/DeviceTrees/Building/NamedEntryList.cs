using System;
using System.Collections;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Named entries in document order with O(1) lookup by name, for builder nodes with huge numbers of properties or
/// children. Small lists are scanned (cheaper than hashing); past <see cref="IndexThreshold"/> entries a name index is
/// kept, and removals leave tombstones (so indices stay valid) that reading the list compacts away.
/// </summary>
/// <typeparam name="T">The entry value.</typeparam>
internal sealed class NamedEntryList<T> : IReadOnlyList<T>
{
    internal const int IndexThreshold = 16;

    private readonly List<Entry> _entries = new();
    private readonly bool _trackBaseNames;

    // Name -> index of its first live entry. Names repeat only when a model with duplicate names was copied in.
    private Dictionary<string, int>? _first;

    // Base name (before '@') of names with a unit address -> how many live entries have it, and the sum of their
    // indices: when the count is 1 the sum is the index of the single entry, so no list per base name is needed.
    private Dictionary<string, (int Count, long IndexSum)>? _bases;
    private int _dead;
    private int _duplicates;

    /// <summary>Creates an empty list.</summary>
    /// <param name="trackBaseNames">Also index base names (node names without the unit address).</param>
    public NamedEntryList(bool trackBaseNames) => _trackBaseNames = trackBaseNames;

    /// <inheritdoc/>
    public int Count
    {
        get
        {
            Compact();
            return _entries.Count;
        }
    }

    /// <inheritdoc/>
    public T this[int index]
    {
        get
        {
            Compact();
            return _entries[index].Value;
        }
    }

    /// <summary>The value at a raw index returned by <see cref="IndexOf"/> (valid until the next read of the list).</summary>
    public T At(int rawIndex) => _entries[rawIndex].Value;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        Compact();
        foreach (Entry entry in _entries)
        {
            yield return entry.Value;
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The raw index of the first live entry called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string? name)
    {
        if (name is null)
        {
            return -1; // as the scan always answered; a dictionary would throw
        }

        if (_first is not null)
        {
            return _first.TryGetValue(name, out int index) ? index : -1;
        }

        for (int i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The raw index of the single live entry whose name is <paramref name="baseName"/> followed by <c>@</c> and a unit
    /// address; -1 when there is none or more than one.
    /// </summary>
    public int IndexOfSingleBase(string baseName)
    {
        if (_bases is not null)
        {
            return _bases.TryGetValue(baseName, out (int Count, long IndexSum) b) && b.Count == 1 ? (int)b.IndexSum : -1;
        }

        int found = -1;
        for (int i = 0; i < _entries.Count; i++)
        {
            string? name = _entries[i].Name;
            if (name is not null && name.Length > baseName.Length && name[baseName.Length] == '@'
                && name.StartsWith(baseName, StringComparison.Ordinal))
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = i;
            }
        }

        return found;
    }

    /// <summary>Appends an entry (the name may repeat one already present).</summary>
    public void Add(string name, T value)
    {
        int index = _entries.Count;
        _entries.Add(new Entry(name, value));
        if (_first is null)
        {
            if (_entries.Count - _dead > IndexThreshold)
            {
                BuildIndex();
            }

            return;
        }

        IndexNew(name, index);
    }

    /// <summary>Replaces the value at a raw index, keeping its name.</summary>
    public void SetAt(int rawIndex, T value) => _entries[rawIndex] = new Entry(_entries[rawIndex].Name, value);

    /// <summary>Removes the entry at a raw index.</summary>
    public void RemoveAt(int rawIndex)
    {
        if (_first is null)
        {
            // Unindexed lists are short: shifting is cheaper than a tombstone.
            _entries.RemoveAt(rawIndex);
            return;
        }

        string name = _entries[rawIndex].Name!;
        _entries[rawIndex] = default;
        _dead++;
        _first.Remove(name);
        if (_duplicates > 0)
        {
            // Only models copied in with repeated names get here; the next entry of that name becomes the first.
            for (int i = rawIndex + 1; i < _entries.Count; i++)
            {
                if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
                {
                    _first[name] = i;
                    break;
                }
            }
        }

        if (_bases is not null && BaseOf(name) is string baseName)
        {
            (int count, long sum) = _bases[baseName];
            if (count == 1)
            {
                _bases.Remove(baseName);
            }
            else
            {
                _bases[baseName] = (count - 1, sum - rawIndex);
            }
        }

        // Keeps memory proportional to the live entries; each compaction is paid for by as many removals.
        if (_dead > _entries.Count / 2)
        {
            Compact();
        }
    }

    /// <summary>Drops the tombstones and re-indexes (O(n), and only after removals).</summary>
    private void Compact()
    {
        if (_dead == 0)
        {
            return;
        }

        _entries.RemoveAll(e => e.Name is null);
        _dead = 0;
        BuildIndex();
    }

    private void BuildIndex()
    {
        _first = new Dictionary<string, int>(_entries.Count, StringComparer.Ordinal);
        _bases = _trackBaseNames ? new Dictionary<string, (int, long)>(StringComparer.Ordinal) : null;
        _duplicates = 0;
        for (int i = 0; i < _entries.Count; i++)
        {
            IndexNew(_entries[i].Name!, i);
        }
    }

    private void IndexNew(string name, int index)
    {
        // TryGetValue then Add: Dictionary.TryAdd is missing on netstandard2.0.
        if (_first!.TryGetValue(name, out _))
        {
            _duplicates++;
        }
        else
        {
            _first.Add(name, index);
        }

        if (_bases is not null && BaseOf(name) is string baseName)
        {
            _bases[baseName] = _bases.TryGetValue(baseName, out (int Count, long IndexSum) b) ? (b.Count + 1, b.IndexSum + index) : (1, index);
        }
    }

    private static string? BaseOf(string name)
    {
        int at = name.IndexOf('@');
        return at < 0 ? null : name.Substring(0, at);
    }

    private readonly struct Entry
    {
        public Entry(string? name, T value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>Null for a removed entry.</summary>
        public string? Name { get; }

        public T Value { get; }
    }
}
