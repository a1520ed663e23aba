using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>The per-token checks of <see cref="FdtReader"/>.</summary>
// Every read below is preceded by a test that the bytes lie inside the structure or strings block, which the
// constructor has checked lie inside the blob; the failures are built in FdtReader.Faults.cs, off the hot path.
public ref partial struct FdtReader
{
    /// <summary>
    /// The BEGIN_NODE token at <paramref name="at"/> (a version 16+ blob, so names are not paths) when it passes every
    /// check of <see cref="ReadBeginNode"/>; false, changing nothing, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadBeginNodeFast(ref byte blob, int at)
    {
        int nameStart = at + TokenSize;
        int terminator = IndexOfNul(ref blob, nameStart, _structEnd);
        int next = Align4(terminator + 1);
        if ((Depth == 0 && _sawRoot) || terminator < 0 || next > _structEnd || Depth >= _maxDepth)
        {
            return false;
        }

        TokenOffset = at;
        _sawRoot = true;
        Depth++;
        TokenType = FdtToken.BeginNode;
        NameStart = nameStart;
        _nameLength = terminator - nameStart;
        ValueStart = 0;
        ValueLength = 0;
        _position = next;
        return true;
    }

    private void ReadBeginNode(ref byte blob, int at)
    {
        if (Depth == 0 && _sawRoot)
        {
            throw Fail("A second root node follows the first; a tree has one root.", at);
        }

        int nameStart = at + TokenSize;
        int terminator = IndexOfNul(ref blob, nameStart, _structEnd);
        if (terminator < 0)
        {
            throw Fail("A node name runs to the end of the structure block without a NUL terminator.", nameStart);
        }

        int next = Align4(terminator + 1);
        if (next > _structEnd)
        {
            throw Fail("The padding after a node name runs past the end of the structure block.", terminator);
        }

        if (Depth >= _maxDepth)
        {
            throw TooDeep(at);
        }

        int nameLength = terminator - nameStart;
        if (_fullPathNames)
        {
            // Before version 16 a node name is its full path: keep the last component ("/" gives the empty root name).
            int slash = _blob.Slice(nameStart, nameLength).LastIndexOf((byte)'/');
            if (slash >= 0)
            {
                nameStart += slash + 1;
                nameLength -= slash + 1;
            }
        }

        _sawRoot = true;
        Depth++;
        TokenType = FdtToken.BeginNode;
        NameStart = nameStart;
        _nameLength = nameLength;
        ValueStart = 0;
        ValueLength = 0;
        _position = next;
    }

    /// <summary>
    /// The PROP token at <paramref name="at"/> (at most <c>_fastLimit</c>, so its header is inside the block, and a
    /// version 16+ blob) when it passes every check of <see cref="ReadProperty"/>; false, changing nothing, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadPropertyFast(ref byte blob, int at)
    {
        uint length = ReadBigEndian(ref blob, at + 4);
        uint nameOffset = ReadBigEndian(ref blob, at + 8);
        int valueStart = at + PropHeaderSize;
        if (Depth == 0
            || length > (uint)Math.Min(_structEnd - valueStart, _maxPropertySize)
            || nameOffset >= _terminatedNameLimit
            || Unsafe.Add(ref blob, _stringsStart + (int)nameOffset) == 0)
        {
            return false;
        }

        TokenOffset = at;
        SetProperty(nameOffset, valueStart, length);

        // The value ends inside the block, so the rounded end is at most 3 bytes past it (no clamp needed).
        _position = Align4(valueStart + (int)length);
        return true;
    }

    private void ReadProperty(ref byte blob, int at)
    {
        if (Depth == 0)
        {
            throw PropertyOutsideRoot(at);
        }

        if (_structEnd - at < PropHeaderSize)
        {
            throw Fail("A PROP token is truncated by the end of the structure block.", at);
        }

        uint length = ReadBigEndian(ref blob, at + 4);
        uint nameOffset = ReadBigEndian(ref blob, at + 8);
        int valueStart = at + PropHeaderSize;

        // Before version 16, values of 8 bytes or more were aligned to 8 within the structure block.
        if (_fullPathNames && length >= 8 && ((valueStart - _structStart) % 8) != 0)
        {
            valueStart += 4;
        }

        // One test for both limits on the fast path; the failure sorts out which one (room first, as always).
        uint room = (uint)Math.Max(0, _structEnd - valueStart);
        if (length > room || length > (uint)_maxPropertySize)
        {
            throw BadPropertyLength(length, room, at);
        }

        // An offset below the limit has a NUL after it inside the strings block (so the name is terminated); its
        // first byte being that NUL means an empty name.
        if (nameOffset >= _terminatedNameLimit || Unsafe.Add(ref blob, _stringsStart + (int)nameOffset) == 0)
        {
            throw BadPropertyName(nameOffset, at);
        }

        SetProperty(nameOffset, valueStart, length);

        // A value ending in the last bytes of an unaligned block leaves _position past the end; the next Read reports it.
        _position = (int)Math.Min((long)Align4(valueStart + (int)length), (long)_structEnd + TokenSize);
    }

    /// <summary>The current token becomes a property whose checks have passed (shared by the fast and checked paths).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetProperty(uint nameOffset, int valueStart, uint length)
    {
        TokenType = FdtToken.Prop;
        NameStart = _stringsStart + (int)nameOffset;
        _nameLength = -1;
        ValueStart = valueStart;
        ValueLength = (int)length;
        PropertyNameOffset = nameOffset;
    }

    private void ReadEnd(int at)
    {
        if (Depth != 0)
        {
            throw Fail(FormattableString.Invariant($"The END token comes while {Depth} node(s) are still open."), at);
        }

        if (!_sawRoot)
        {
            throw Fail("The structure block has no root node.", at);
        }

        _position = at + TokenSize;
        if (_exactStructSize && _position != _structEnd)
        {
            throw Fail(FormattableString.Invariant($"{_structEnd - _position} byte(s) of data follow the END token inside the structure block."), _position);
        }

        TokenType = FdtToken.End;
        _ended = true;
        _fastLimit = int.MinValue;
    }

    /// <summary>The big-endian word at <paramref name="offset"/>; the caller has checked the 4 bytes lie in the blob.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadBigEndian(ref byte blob, int offset)
    {
        uint raw = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref blob, offset));
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    /// <summary>The blob offset of the first NUL in <c>[from, end)</c>, or -1; <paramref name="end"/> is inside the blob.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfNul(ref byte blob, int from, int end)
    {
        // Eight bytes at a time: (w - 0x01..) & ~w & 0x80.. is non-zero exactly when some byte of w is zero, and
        // its lowest set bit marks the first zero byte (borrows only spill upwards). Names are short, so this beats
        // a call into a vectorised IndexOf.
        int p = from;
        while (end - p >= 8)
        {
            ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref blob, p));
            if (!BitConverter.IsLittleEndian)
            {
                word = BinaryPrimitives.ReverseEndianness(word);
            }

            ulong zeros = (word - 0x0101010101010101UL) & ~word & 0x8080808080808080UL;
            if (zeros != 0)
            {
                return p + (TrailingZeroCount(zeros) >> 3);
            }

            p += 8;
        }

        for (; p < end; p++)
        {
            if (Unsafe.Add(ref blob, p) == 0)
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>The current name decoded as the model decodes names (for diagnostics and tests).</summary>
    /// <returns>The node or property name.</returns>
    internal readonly string NameToString() => EscapedUtf8.Decode(_blob.Slice(NameStart, NameLength));
}
