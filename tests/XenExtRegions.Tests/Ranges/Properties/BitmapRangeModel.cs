using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges.Properties;

/// <summary>
/// A deliberately naive model of a range set: one flag per address of a small universe (256 addresses unless
/// told) placed at <see cref="Base"/> (0, or the top of the space). No merging logic at all; ranges are derived
/// by scanning the flags.
/// </summary>
internal sealed class BitmapRangeModel
{
    public const int DefaultSize = 256;

    private readonly bool[] _present;

    public BitmapRangeModel(ulong @base, int size = DefaultSize)
    {
        Base = @base;
        _present = new bool[size];
    }

    public ulong Base { get; }

    public int Size => _present.Length;

    public ulong Address(int offset) => Base + (ulong)offset;

    public void Set(int first, int last, bool value)
    {
        for (int i = first; i <= last; i++)
        {
            _present[i] = value;
        }
    }

    public bool Get(int offset) => _present[offset];

    public bool All(int first, int last)
    {
        for (int i = first; i <= last; i++)
        {
            if (!_present[i])
            {
                return false;
            }
        }

        return true;
    }

    public bool Any(int first, int last)
    {
        for (int i = first; i <= last; i++)
        {
            if (_present[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Maximal runs of present addresses inside the window, as absolute ranges.</summary>
    public List<AddressRange> Runs(int windowFirst = 0, int windowLast = -1)
    {
        if (windowLast < 0)
        {
            windowLast = Size - 1;
        }

        var runs = new List<AddressRange>();
        int i = windowFirst;
        while (i <= windowLast)
        {
            if (!_present[i])
            {
                i++;
                continue;
            }

            int start = i;
            while (i + 1 <= windowLast && _present[i + 1])
            {
                i++;
            }

            runs.Add(new AddressRange(Address(start), Address(i)));
            i++;
        }

        return runs;
    }

    /// <summary>The stored range holding the highest start at or below the offset (by scanning back to a run start).</summary>
    public AddressRange? Floor(int offset)
    {
        for (int i = offset; i >= 0; i--)
        {
            if (_present[i] && (i == 0 || !_present[i - 1]))
            {
                int end = i;
                while (end + 1 < Size && _present[end + 1])
                {
                    end++;
                }

                return new AddressRange(Address(i), Address(end));
            }
        }

        return null;
    }

    public BitmapRangeModel Clone()
    {
        var copy = new BitmapRangeModel(Base, Size);
        _present.CopyTo(copy._present, 0);
        return copy;
    }
}
