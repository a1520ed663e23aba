using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>The per-token checks of <see cref="FdtReader"/>.</summary>
public ref partial struct FdtReader
{
    private void ReadBeginNode(int at)
    {
        if (Depth == 0 && _sawRoot)
        {
            throw Fail("A second root node follows the first; a tree has one root.", at);
        }

        int nameStart = at + TokenSize;
        int terminator = _blob.Slice(nameStart, Math.Max(0, _structEnd - nameStart)).IndexOf((byte)0);
        if (terminator < 0)
        {
            throw Fail("A node name runs to the end of the structure block without a NUL terminator.", nameStart);
        }

        int next = Align4(nameStart + terminator + 1);
        if (next > _structEnd)
        {
            throw Fail("The padding after a node name runs past the end of the structure block.", nameStart + terminator);
        }

        if (Depth >= _maxDepth)
        {
            throw Fail(FormattableString.Invariant($"Nodes nest deeper than the limit of {_maxDepth} (DtbReaderOptions.MaxDepth)."), at);
        }

        int nameLength = terminator;
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
        NameLength = nameLength;
        ValueStart = 0;
        ValueLength = 0;
        _position = next;
    }

    private void ReadProperty(int at)
    {
        if (Depth == 0)
        {
            throw Fail(_sawRoot ? "A property follows the end of the root node." : "A property comes before the first node.", at);
        }

        if (_structEnd - at < PropHeaderSize)
        {
            throw Fail("A PROP token is truncated by the end of the structure block.", at);
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(_blob.Slice(at + 4, 4));
        uint nameOffset = BinaryPrimitives.ReadUInt32BigEndian(_blob.Slice(at + 8, 4));
        int valueStart = at + PropHeaderSize;

        // Before version 16, values of 8 bytes or more were aligned to 8 within the structure block.
        if (_fullPathNames && length >= 8 && ((valueStart - _structStart) % 8) != 0)
        {
            valueStart += 4;
        }

        if (length > (uint)Math.Max(0, _structEnd - valueStart))
        {
            throw Fail(FormattableString.Invariant($"A property value of {length} bytes runs past the end of the structure block ({Math.Max(0, _structEnd - valueStart)} bytes left)."), at + 4);
        }

        if (length > (uint)_maxPropertySize)
        {
            throw Fail(FormattableString.Invariant($"A property value of {length} bytes exceeds the limit of {_maxPropertySize} bytes (DtbReaderOptions.MaxPropertySize)."), at + 4);
        }

        if (nameOffset >= (uint)(_stringsEnd - _stringsStart))
        {
            throw Fail(FormattableString.Invariant($"The property name offset 0x{nameOffset:x} lies outside the {_stringsEnd - _stringsStart}-byte strings block."), at + 8);
        }

        int nameStart = _stringsStart + (int)nameOffset;
        int nameLength = _blob.Slice(nameStart, _stringsEnd - nameStart).IndexOf((byte)0);
        if (nameLength < 0)
        {
            throw Fail(FormattableString.Invariant($"The property name at strings offset 0x{nameOffset:x} has no NUL terminator inside the strings block."), at + 8);
        }

        if (nameLength == 0)
        {
            throw Fail(FormattableString.Invariant($"The property name at strings offset 0x{nameOffset:x} is empty."), at + 8);
        }

        TokenType = FdtToken.Prop;
        NameStart = nameStart;
        NameLength = nameLength;
        ValueStart = valueStart;
        ValueLength = (int)length;
        PropertyNameOffset = nameOffset;

        // A value ending in the last bytes of an unaligned block leaves _position past the end; the next Read reports it.
        _position = (int)Math.Min((long)Align4(valueStart + (int)length), (long)_structEnd + TokenSize);
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
    }

    /// <summary>The current name decoded as the model decodes names (for diagnostics and tests).</summary>
    /// <returns>The node or property name.</returns>
    internal readonly string NameToString() => EscapedUtf8.Decode(_blob.Slice(NameStart, NameLength));
}
