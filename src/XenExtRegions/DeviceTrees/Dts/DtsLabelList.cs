using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The labels of one source node or property, in the order dtc keeps them. dtc puts each label it adds in front of
/// the list, and a label deleted with its node or property stays in place, so that taking it again revives it
/// there. The list here is kept in adding order (newest last) with a live flag per entry; dtc's order is the
/// reverse. An index makes lookups O(1) once a node has many labels (hostile sources give one 100 000).
/// </summary>
internal sealed class DtsLabelList
{
    private const int IndexThreshold = 16;

    private readonly List<string> _labels = new(1);
    private readonly List<bool> _live = new(1);

    // Positions made live since the last DeleteAll: deleting costs what was added since, not every label ever held
    // (a node deleted and revived many times would otherwise be quadratic).
    private readonly List<int> _madeLive = new(1);
    private Dictionary<string, int>? _index;

    /// <summary>The number of live labels.</summary>
    public int LiveCount { get; private set; }

    /// <summary>Adds <paramref name="label"/> (in front, in dtc's order) or revives it in place; returns true unless it was live already.</summary>
    public bool Add(string label)
    {
        int at = IndexOf(label);
        if (at >= 0)
        {
            if (_live[at])
            {
                return false;
            }

            _live[at] = true;
            _madeLive.Add(at);
            LiveCount++;
            return true;
        }

        _labels.Add(label);
        _live.Add(true);
        _madeLive.Add(_labels.Count - 1);
        LiveCount++;
        if (_index is not null)
        {
            _index.Add(label, _labels.Count - 1);
        }
        else if (_labels.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < _labels.Count; i++)
            {
                _index.Add(_labels[i], i);
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="label"/> is live here.</summary>
    public bool Has(string label)
    {
        int at = IndexOf(label);
        return at >= 0 && _live[at];
    }

    /// <summary>Marks every label deleted (dtc's delete_labels), keeping their places for a revival.</summary>
    public void DeleteAll()
    {
        foreach (int at in _madeLive)
        {
            _live[at] = false;
        }

        _madeLive.Clear();
        LiveCount = 0;
    }

    /// <summary>The live labels, in no particular order; O(live labels).</summary>
    public IEnumerable<string> Live()
    {
        foreach (int at in _madeLive)
        {
            yield return _labels[at];
        }
    }

    /// <summary>The live labels in dtc's order (as dtc prints them and lists them in <c>__symbols__</c>); null when none.</summary>
    public string[]? ToDtcOrder()
    {
        if (LiveCount == 0)
        {
            return null;
        }

        var result = new string[LiveCount];
        int next = 0;
        for (int i = _labels.Count - 1; i >= 0; i--)
        {
            if (_live[i])
            {
                result[next++] = _labels[i];
            }
        }

        return result;
    }

    private int IndexOf(string label)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(label, out int at) ? at : -1;
        }

        for (int i = 0; i < _labels.Count; i++)
        {
            if (string.Equals(_labels[i], label, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
