using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Appends property slots in <see cref="PackedTreeStorage.SlotChunkSize"/> chunks: no copy when growing.</summary>
internal sealed class PackedSlotWriter
{
    private readonly List<int[]> _chunks = new();
    private int[] _current = Array.Empty<int>();
    private int _used = PackedTreeStorage.SlotChunkSize;

    /// <summary>The number of slots written.</summary>
    public int Count { get; private set; }

    /// <summary>Appends <paramref name="items"/>.</summary>
    public void AddRange(List<int> items)
    {
        foreach (int item in items)
        {
            if (_used == PackedTreeStorage.SlotChunkSize)
            {
                _current = new int[PackedTreeStorage.SlotChunkSize];
                _chunks.Add(_current);
                _used = 0;
            }

            _current[_used++] = item;
        }

        Count += items.Count;
    }

    /// <summary>The chunks written so far.</summary>
    public int[][] ToChunks() => _chunks.ToArray();
}
