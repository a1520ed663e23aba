using System;
using System.Buffers.Binary;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

// FdtReader as it was before the token walk was made fast (bounds-checked span reads, a NUL search per name):
// the oracle FdtReaderEquivalenceTests compare the fast walk with, token by token and failure by failure.
internal ref struct ReferenceFdtReader
{
    private const int TokenSize = 4;
    private const int PropHeaderSize = 12;

    private readonly ReadOnlySpan<byte> _blob;
    private readonly int _structStart;
    private readonly int _structEnd;
    private readonly int _stringsStart;
    private readonly int _stringsEnd;
    private readonly int _maxDepth;
    private readonly int _maxPropertySize;
    private readonly bool _fullPathNames;
    private readonly bool _exactStructSize;
    private int _position;
    private bool _sawRoot;
    private bool _ended;

    public ReferenceFdtReader(ReadOnlySpan<byte> blob, DtbReaderOptions? options = null)
        : this(blob, FdtHeader.Read(blob), options ?? DtbReaderOptions.Default)
    {
    }

    private ReferenceFdtReader(ReadOnlySpan<byte> blob, FdtHeader header, DtbReaderOptions options)
    {
        options.Validate();
        if (header.TotalSize > (uint)options.MaxTotalSize)
        {
            throw new DeviceTreeFormatException(FormattableString.Invariant($"The blob's totalsize {header.TotalSize} exceeds the limit of {options.MaxTotalSize} bytes (DtbReaderOptions.MaxTotalSize)."), 4);
        }

        _blob = blob;
        Header = header;
        _structStart = (int)header.OffDtStruct;
        _structEnd = (int)(header.OffDtStruct + header.SizeDtStruct);
        _stringsStart = (int)header.OffDtStrings;
        _stringsEnd = (int)(header.OffDtStrings + header.SizeDtStrings);
        _maxDepth = options.MaxDepth;
        _maxPropertySize = options.MaxPropertySize;
        _fullPathNames = header.HasFullPathNames;
        _exactStructSize = header.Version >= 17;
        _position = _structStart;
        _sawRoot = false;
        _ended = false;
        TokenType = FdtToken.None;
        TokenOffset = -1;
        Depth = 0;
        NameStart = 0;
        NameLength = 0;
        ValueStart = 0;
        ValueLength = 0;
        PropertyNameOffset = 0;
    }

    public FdtHeader Header { get; }

    public FdtToken TokenType { get; private set; }

    public int TokenOffset { get; private set; }

    public int Depth { get; private set; }

    public int BytesConsumed => _position;

    public readonly ReadOnlySpan<byte> NodeName => TokenType == FdtToken.BeginNode ? _blob.Slice(NameStart, NameLength) : default;

    public readonly ReadOnlySpan<byte> PropertyName => TokenType == FdtToken.Prop ? _blob.Slice(NameStart, NameLength) : default;

    public readonly ReadOnlySpan<byte> PropertyValue => TokenType == FdtToken.Prop ? _blob.Slice(ValueStart, ValueLength) : default;

    public uint PropertyNameOffset { get; private set; }

    public int NameStart { get; private set; }

    public int NameLength { get; private set; }

    public int ValueStart { get; private set; }

    public int ValueLength { get; private set; }

    public bool Read()
    {
        if (_ended)
        {
            return false;
        }

        while (true)
        {
            int at = _position;
            if (_structEnd - at < TokenSize)
            {
                throw Fail(
                    at == _structEnd ? "The structure block ends without an END token." : "The structure block ends inside a token.",
                    at);
            }

            TokenOffset = at;
            uint tag = BinaryPrimitives.ReadUInt32BigEndian(_blob.Slice(at, TokenSize));
            switch (tag)
            {
                case (uint)FdtToken.BeginNode:
                    ReadBeginNode(at);
                    return true;
                case (uint)FdtToken.EndNode:
                    if (Depth == 0)
                    {
                        throw Fail("END_NODE without a matching BEGIN_NODE.", at);
                    }

                    Depth--;
                    TokenType = FdtToken.EndNode;
                    _position = at + TokenSize;
                    return true;
                case (uint)FdtToken.Prop:
                    ReadProperty(at);
                    return true;
                case (uint)FdtToken.Nop:
                    _position = at + TokenSize;
                    continue;
                case (uint)FdtToken.End:
                    ReadEnd(at);
                    return false;
                default:
                    throw Fail(FormattableString.Invariant($"Unknown token 0x{tag:x8} in the structure block."), at);
            }
        }
    }

    public void Skip()
    {
        if (TokenType != FdtToken.BeginNode)
        {
            throw new InvalidOperationException("Skip() needs the reader to be on a BEGIN_NODE token.");
        }

        int target = Depth - 1;
        while (Read() && Depth > target)
        {
        }
    }

    private static DeviceTreeFormatException Fail(string problem, int offset) => new(problem, offset);

    private static int Align4(int value) => (value + 3) & ~3;

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

    public readonly string NameToString() => Encoding.UTF8.GetString(_blob.Slice(NameStart, NameLength).ToArray());
}
