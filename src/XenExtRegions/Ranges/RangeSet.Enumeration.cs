using System;
using System.Collections;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// In-order walks with an explicit stack, so enumeration never recurses, whatever the tree depth.
public sealed partial class RangeSet
{
    /// <summary>Walks the nodes with First &gt;= a start key in ascending order.</summary>
    private sealed class Cursor
    {
        private Node[] _stack = new Node[48];
        private int _depth;

        public Cursor(Node? root, ulong startKey)
        {
            // Keep the path of nodes not yet visited: those at or above the start key where the walk turned left.
            Node? node = root;
            while (node is not null)
            {
                if (node.First >= startKey)
                {
                    Push(node);
                    node = node.Left;
                }
                else
                {
                    node = node.Right;
                }
            }
        }

        public bool TryNext([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Node? node)
        {
            if (_depth == 0)
            {
                node = null;
                return false;
            }

            node = _stack[--_depth];
            for (Node? child = node.Right; child is not null; child = child.Left)
            {
                Push(child);
            }

            return true;
        }

        private void Push(Node node)
        {
            if (_depth == _stack.Length)
            {
                Array.Resize(ref _stack, _stack.Length * 2);
            }

            _stack[_depth++] = node;
        }
    }

    private sealed class Enumerator : IEnumerator<AddressRange>
    {
        private readonly RangeSet _set;
        private readonly int _version;
        private readonly ulong _startKey;
        private Cursor _cursor;
        private AddressRange _current;

        public Enumerator(RangeSet set, ulong startKey)
        {
            _set = set;
            _version = set._version;
            _startKey = startKey;
            _cursor = new Cursor(set._root, startKey);
        }

        public AddressRange Current => _current;

        object IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _set._version)
            {
                throw CollectionChanged();
            }

            if (_cursor.TryNext(out Node? node))
            {
                _current = new AddressRange(node.First, node.Last);
                return true;
            }

            return false;
        }

        public void Reset()
        {
            if (_version != _set._version)
            {
                throw CollectionChanged();
            }

            _cursor = new Cursor(_set._root, _startKey);
            _current = default;
        }

        public void Dispose()
        {
        }
    }
}
