using System.Collections;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// In-order enumeration walks the linked leaves: no recursion and no stack, whatever the size.
public sealed partial class RangeSet
{
    private sealed class Enumerator : IEnumerator<AddressRange>
    {
        private readonly RangeSet _set;
        private readonly int _version;
        private Leaf? _leaf;
        private int _index;
        private AddressRange _current;

        public Enumerator(RangeSet set)
        {
            _set = set;
            _version = set._version;
            Reset();
        }

        public AddressRange Current => _current;

        object IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _set._version)
            {
                throw CollectionChanged();
            }

            while (_leaf is not null && _index >= _leaf.Count)
            {
                _leaf = _leaf.Next;
                _index = 0;
            }

            if (_leaf is null)
            {
                return false;
            }

            _current = new AddressRange(_leaf.Keys[_index], _leaf.Lasts[_index]);
            _index++;
            return true;
        }

        public void Reset()
        {
            if (_version != _set._version)
            {
                throw CollectionChanged();
            }

            _leaf = _set.FirstLeaf();
            _index = 0;
            _current = default;
        }

        public void Dispose()
        {
        }
    }
}
