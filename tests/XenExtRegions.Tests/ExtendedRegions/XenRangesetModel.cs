using System;
using System.Collections.Generic;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// A literal port of Xen's linked-list rangeset (xen/common/rangeset.c) with the historic subtraction behind a
/// switch: the model the engine's compatibility layer is proven against. Deliberately the list algorithm, step by
/// step, with no canonical-set shortcut. Undefined behaviour (walking off the list) throws.
/// </summary>
internal sealed class XenRangesetModel
{
    private sealed class Node
    {
        public ulong S;
        public ulong E;
    }

    private readonly List<Node> _list = new();
    private readonly bool _oldSubtraction;

    public XenRangesetModel(bool oldSubtraction) => _oldSubtraction = oldSubtraction;

    public IReadOnlyList<(ulong S, ulong E)> Ranges
    {
        get
        {
            var r = new List<(ulong, ulong)>();
            foreach (Node n in _list)
            {
                r.Add((n.S, n.E));
            }

            return r;
        }
    }

    private int Find(ulong s)
    {
        int x = -1;
        for (int i = 0; i < _list.Count; i++)
        {
            if (_list[i].S > s)
            {
                break;
            }

            x = i;
        }

        return x;
    }

    public void Add(ulong s, ulong e)
    {
        if (s > e)
        {
            throw new InvalidOperationException("inverted add");
        }

        Node? xn = At(Find(s));
        Node? yn = At(Find(e));
        Node x;
        if (ReferenceEquals(xn, yn))
        {
            if (xn is null || (xn.E < s && xn.E + 1 != s))
            {
                x = new Node { S = s, E = e };
                int at = yn is null ? 0 : _list.IndexOf(yn) + 1;
                _list.Insert(at, x);
            }
            else
            {
                x = xn;
                if (x.E < e)
                {
                    x.E = e;
                }
            }
        }
        else
        {
            if (xn is null)
            {
                x = _list[0];
                x.S = s;
            }
            else if (xn.E < s && xn.E + 1 != s)
            {
                x = Next(xn)!;
                x.S = s;
            }
            else
            {
                x = xn;
            }

            x.E = yn!.E > e ? yn.E : e;
            while (true)
            {
                Node? y = Next(x);
                if (y is null || y.E > x.E)
                {
                    break;
                }

                _list.Remove(y);
            }
        }

        Node? after = Next(x);
        if (after is not null && x.E + 1 == after.S)
        {
            x.E = after.E;
            _list.Remove(after);
        }
    }

    public void Remove(ulong s, ulong e)
    {
        Node? x = At(Find(s));
        Node? y = At(Find(e));
        if (ReferenceEquals(x, y))
        {
            if (x is null || x.E < s)
            {
                return;
            }

            if (x.S < s && x.E > e)
            {
                var split = new Node { S = e + 1, E = x.E };
                x.E = s - 1;
                _list.Insert(_list.IndexOf(x) + 1, split);
            }
            else if (x.S == s && x.E <= e)
            {
                _list.Remove(x);
            }
            else if (x.S == s)
            {
                x.S = e + 1;
            }
            else if (x.E <= e)
            {
                x.E = s - 1;
            }

            return;
        }

        x ??= _list.Count > 0 ? _list[0] : throw new InvalidOperationException("walks an empty list");
        if (x.S < s)
        {
            if (_oldSubtraction || x.E >= s)
            {
                x.E = s - 1;
            }

            x = Next(x);
        }

        while (!ReferenceEquals(x, y))
        {
            if (x is null)
            {
                throw new InvalidOperationException("undefined: the walk left the list");
            }

            Node t = x;
            x = Next(x);
            _list.Remove(t);
        }

        if (x is null)
        {
            throw new InvalidOperationException("undefined: the walk left the list");
        }

        x.S = e + 1;
        if (x.S > x.E)
        {
            _list.Remove(x);
        }
    }

    public List<(ulong S, ulong E)> Report(ulong s, ulong e)
    {
        var output = new List<(ulong, ulong)>();
        foreach (Node x in _list)
        {
            if (x.S > e)
            {
                break;
            }

            if (x.E >= s)
            {
                output.Add((Math.Max(x.S, s), Math.Min(x.E, e)));
            }
        }

        return output;
    }

    private Node? At(int index) => index < 0 ? null : _list[index];

    private Node? Next(Node x)
    {
        int i = _list.IndexOf(x);
        return i + 1 < _list.Count ? _list[i + 1] : null;
    }
}
