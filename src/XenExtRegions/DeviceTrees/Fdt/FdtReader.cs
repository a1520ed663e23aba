using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A forward-only reader over the structure block of a DTB (Devicetree Specification v0.4, section 5.4), in the
/// manner of <c>Utf8JsonReader</c>: no allocation per token, names and values exposed as spans of the blob.
/// Every token is checked as it is read; a fault throws <see cref="DeviceTreeFormatException"/> with its offset.
/// </summary>
/// <remarks>
/// <c>FDT_NOP</c> tokens are skipped. After <see cref="Read"/> returns false (at <c>FDT_END</c>) the whole
/// structure block has been checked: nodes balanced, one root, nothing after the end.
/// </remarks>
// Speed: the constructor proves both blocks lie inside the blob, so tokens are read without per-read bounds
// checks (each read is preceded by the same "how much is left" test as before); property values are skipped by
// length; a property name is checked against the last NUL of the strings block, found once, instead of being
// searched per property (its length is measured only when asked for). Read itself is inlined into the caller's
// loop and takes BEGIN_NODE, PROP and END_NODE tokens that pass every check; anything else, every failure
// included, goes to ReadChecked, which reads the same token again with the checks in their documented order.
public ref partial struct FdtReader
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

    // Strings-block offsets below this have a NUL at or after them inside the block: one past its last NUL.
    private readonly uint _terminatedNameLimit;

    // Tokens at or below this offset may take the inlined path: room for a PROP header, not yet ended, and a
    // version 16+ blob (older ones align values differently and always take ReadChecked).
    private int _fastLimit;
    private int _position;
    private int _nameLength;
    private bool _sawRoot;
    private bool _ended;

    /// <summary>Checks the header of <paramref name="blob"/> and positions the reader before the first token.</summary>
    /// <param name="blob">The whole blob.</param>
    /// <param name="options">Limits; <see cref="DtbReaderOptions.Default"/> when null.</param>
    /// <exception cref="DeviceTreeFormatException">The header is malformed, or the blob is larger than <see cref="DtbReaderOptions.MaxTotalSize"/>.</exception>
    public FdtReader(ReadOnlySpan<byte> blob, DtbReaderOptions? options = null)
        : this(blob, FdtHeader.Read(blob), options ?? DtbReaderOptions.Default)
    {
    }

    internal FdtReader(ReadOnlySpan<byte> blob, FdtHeader header, DtbReaderOptions options)
    {
        options.Validate();
        if (header.TotalSize > (uint)options.MaxTotalSize)
        {
            throw new DeviceTreeFormatException(FormattableString.Invariant($"The blob's totalsize {header.TotalSize} exceeds the limit of {options.MaxTotalSize} bytes (DtbReaderOptions.MaxTotalSize)."), 4);
        }

        // FdtHeader.Read has already checked that both blocks lie inside totalsize, and totalsize inside the blob;
        // the walk reads without bounds checks on that promise, so it is checked here, once, rather than trusted.
        ulong structEnd = (ulong)header.OffDtStruct + header.SizeDtStruct;
        ulong stringsEnd = (ulong)header.OffDtStrings + header.SizeDtStrings;
        if (structEnd > (ulong)blob.Length || stringsEnd > (ulong)blob.Length)
        {
            throw new DeviceTreeFormatException(FormattableString.Invariant($"The structure or strings block runs past the {blob.Length}-byte blob."), 8);
        }

        // Offsets are ints and rounding one up to 4 must not overflow.
        if (structEnd > int.MaxValue - 8)
        {
            throw new DeviceTreeFormatException(FormattableString.Invariant($"The structure block ends at 0x{structEnd:x}; blobs of 2 GiB or more are not supported."), 8);
        }

        _blob = blob;
        Header = header;
        _structStart = (int)header.OffDtStruct;
        _structEnd = (int)structEnd;
        _stringsStart = (int)header.OffDtStrings;
        _stringsEnd = (int)stringsEnd;
        _terminatedNameLimit = (uint)(blob.Slice(_stringsStart, _stringsEnd - _stringsStart).LastIndexOf((byte)0) + 1);
        _maxDepth = options.MaxDepth;
        _maxPropertySize = options.MaxPropertySize;
        _fullPathNames = header.HasFullPathNames;
        _exactStructSize = header.Version >= 17;
        _position = _structStart;
        _fastLimit = _fullPathNames ? int.MinValue : _structEnd - PropHeaderSize;
        _sawRoot = false;
        _ended = false;
        TokenType = FdtToken.None;
        TokenOffset = -1;
        Depth = 0;
        NameStart = 0;
        _nameLength = 0;
        ValueStart = 0;
        ValueLength = 0;
        PropertyNameOffset = 0;
    }

    /// <summary>The checked header.</summary>
    public FdtHeader Header { get; }

    /// <summary>The token read last (<see cref="FdtToken.None"/> before the first <see cref="Read"/>).</summary>
    public FdtToken TokenType { get; private set; }

    /// <summary>The byte offset of the current token in the blob.</summary>
    public int TokenOffset { get; private set; }

    /// <summary>
    /// The number of open nodes after the current token: 1 for the root's <c>BEGIN_NODE</c> and its properties,
    /// 0 after the root's <c>END_NODE</c>.
    /// </summary>
    public int Depth { get; private set; }

    /// <summary>The byte offset where the structure block ends (or the reader stopped).</summary>
    public int BytesConsumed => _position;

    /// <summary>The name of the node just begun (with unit address; empty for the root). Empty for other tokens.</summary>
    /// <remarks>For blobs older than version 16, whose names are full paths, this is the last path component.</remarks>
    public readonly ReadOnlySpan<byte> NodeName => TokenType == FdtToken.BeginNode ? _blob.Slice(NameStart, NameLength) : default;

    /// <summary>The current property's name, resolved through the strings block. Empty for other tokens.</summary>
    public readonly ReadOnlySpan<byte> PropertyName => TokenType == FdtToken.Prop ? _blob.Slice(NameStart, NameLength) : default;

    /// <summary>The current property's value. Empty for other tokens.</summary>
    public readonly ReadOnlySpan<byte> PropertyValue => TokenType == FdtToken.Prop ? _blob.Slice(ValueStart, ValueLength) : default;

    /// <summary>The current property's name offset in the strings block.</summary>
    public uint PropertyNameOffset { get; private set; }

    /// <summary>The blob offset of the current name (node or property).</summary>
    internal int NameStart { get; private set; }

    /// <summary>The byte length of the current name (a property name is measured here, on demand).</summary>
    // A property name is known to end with a NUL inside the strings block; names are short, so the inlined word scan
    // beats a call into the vectorised IndexOf.
    internal readonly int NameLength
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _nameLength >= 0 ? _nameLength : IndexOfNul(ref MemoryMarshal.GetReference(_blob), NameStart, _stringsEnd) - NameStart;
    }

    /// <summary>The blob offset of the current property value.</summary>
    internal int ValueStart { get; private set; }

    /// <summary>The byte length of the current property value.</summary>
    internal int ValueLength { get; private set; }

    /// <summary>Advances to the next token, skipping <c>FDT_NOP</c>.</summary>
    /// <returns>True for <c>BEGIN_NODE</c>, <c>END_NODE</c> and <c>PROP</c>; false once <c>FDT_END</c> has been read.</returns>
    /// <exception cref="DeviceTreeFormatException">The structure block is malformed at <see cref="DeviceTreeFormatException.Offset"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read()
    {
        int at = _position;
        if (at <= _fastLimit)
        {
            ref byte blob = ref MemoryMarshal.GetReference(_blob);
            uint tag = ReadBigEndian(ref blob, at);
            if (tag == (uint)FdtToken.Prop)
            {
                if (TryReadPropertyFast(ref blob, at))
                {
                    return true;
                }
            }
            else if (tag == (uint)FdtToken.BeginNode)
            {
                if (TryReadBeginNodeFast(ref blob, at))
                {
                    return true;
                }
            }
            else if (tag == (uint)FdtToken.EndNode && Depth != 0)
            {
                TokenOffset = at;
                Depth--;
                TokenType = FdtToken.EndNode;
                _position = at + TokenSize;
                return true;
            }
        }

        return ReadChecked();
    }

    /// <summary>Skips the children and properties of the node just begun, leaving the reader on its <c>END_NODE</c>.</summary>
    /// <exception cref="InvalidOperationException">The current token is not <c>BEGIN_NODE</c>.</exception>
    /// <exception cref="DeviceTreeFormatException">The structure block is malformed.</exception>
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

    private static int Align4(int value) => (value + 3) & ~3;

    /// <summary>Every token, every check: the path for anything the inlined <see cref="Read"/> does not take.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadChecked()
    {
        if (_ended)
        {
            return false;
        }

        ref byte blob = ref MemoryMarshal.GetReference(_blob);
        while (true)
        {
            int at = _position;
            if (_structEnd - at < TokenSize)
            {
                throw StructureEndsEarly(at);
            }

            TokenOffset = at;
            uint tag = ReadBigEndian(ref blob, at);
            switch (tag)
            {
                case (uint)FdtToken.Prop:
                    ReadProperty(ref blob, at);
                    return true;
                case (uint)FdtToken.BeginNode:
                    ReadBeginNode(ref blob, at);
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
                case (uint)FdtToken.Nop:
                    _position = at + TokenSize;
                    continue;
                case (uint)FdtToken.End:
                    ReadEnd(at);
                    return false;
                default:
                    throw UnknownToken(tag, at);
            }
        }
    }
}
