using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The nodes that ever carried one node label, in the order they first took it; a reference to the label finds the
/// first of them that has it now (deletion takes a node's labels away). A label moved between many nodes, each
/// deleted in turn, would make a scan per reference quadratic, so past a few owners the ones holding the label are
/// kept in a sorted set of positions.
/// </summary>
internal sealed class DtsLabelOwners
{
    private const int IndexThreshold = 8;

    private readonly string _label;
    private readonly List<DtsSourceNode> _nodes = new(1);
    private Dictionary<DtsSourceNode, int>? _positions;
    private SortedSet<int>? _holding;

    public DtsLabelOwners(string label) => _label = label;

    /// <summary>Records that <paramref name="node"/> has (just taken) the label.</summary>
    public void Took(DtsSourceNode node)
    {
        int position = PositionOf(node);
        if (position < 0)
        {
            position = _nodes.Count;
            _nodes.Add(node);
            if (_positions is not null)
            {
                _positions.Add(node, position);
            }
            else if (_nodes.Count > IndexThreshold)
            {
                _positions = new Dictionary<DtsSourceNode, int>(_nodes.Count);
                _holding = new SortedSet<int>();
                for (int i = 0; i < _nodes.Count; i++)
                {
                    _positions.Add(_nodes[i], i);
                    if (Holds(_nodes[i]))
                    {
                        _holding.Add(i);
                    }
                }
            }
        }

        _holding?.Add(position);
    }

    /// <summary>Records that <paramref name="node"/> is being deleted (and so loses its labels).</summary>
    public void Lost(DtsSourceNode node)
    {
        if (_holding is not null && _positions!.TryGetValue(node, out int position))
        {
            _holding.Remove(position);
        }
    }

    /// <summary>The first owner, in order of first taking the label, that is live and has it.</summary>
    public DtsSourceNode? Current()
    {
        if (_holding is not null)
        {
            return _holding.Count == 0 ? null : _nodes[_holding.Min];
        }

        foreach (DtsSourceNode node in _nodes)
        {
            if (Holds(node))
            {
                return node;
            }
        }

        return null;
    }

    private bool Holds(DtsSourceNode node) => !node.Deleted && node.HasLabel(_label);

    private int PositionOf(DtsSourceNode node)
    {
        if (_positions is not null)
        {
            return _positions.TryGetValue(node, out int position) ? position : -1;
        }

        return _nodes.IndexOf(node);
    }
}
