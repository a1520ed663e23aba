using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>The token walk with a struct visitor: the same tokens and checks as <see cref="Read"/> in a loop.</summary>
// Why a second shape: a Read loop keeps the reader's state in the caller's frame, and the JIT leaves a struct of this
// size in memory, so every token stores and reloads the position (a store-forwarding round trip on the loop's
// critical path). Here position, depth and the root flag are locals, and so is the visitor (copied in and out), so
// they stay in registers. The fields are written back only when the walk returns or leaves the inlined path.
public ref partial struct FdtReader
{
    /// <summary>The walk's name-length table has 2^this entries (a real tree has a few dozen property names).</summary>
    private const int NameLengthCacheBits = 6;

    /// <summary>
    /// Reads the remaining tokens, handing each to <paramref name="visitor"/>, until <c>FDT_END</c> or until the
    /// visitor returns false. The tokens, checks and failures are those of calling <see cref="Read"/> in a loop, and
    /// so is the reader's state afterwards: on the token the visitor stopped at, after <c>FDT_END</c>, or at the fault.
    /// </summary>
    /// <typeparam name="TVisitor">A struct, so its calls are inlined.</typeparam>
    /// <param name="visitor">Receives each token; the walk works on a copy, stored back here when it returns or fails.</param>
    /// <returns>True once <c>FDT_END</c> has been read (where <see cref="Read"/> returns false); false when the visitor stopped the walk.</returns>
    /// <exception cref="DeviceTreeFormatException">The structure block is malformed at <see cref="DeviceTreeFormatException.Offset"/>.</exception>
    /// <remarks>When the visitor itself throws, the reader and <paramref name="visitor"/> are left as they were before the walk or at a later token.</remarks>
    public bool Walk<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IFdtTokenVisitor
    {
        // Everything the inlined path reads lives in locals; the visitor is one too (`current`), so a visitor's
        // running sums stay in registers as the C loop's do.
        TVisitor current = visitor;
        ref byte blob = ref MemoryMarshal.GetReference(_blob);
        int structEnd = _structEnd;
        int stringsStart = _stringsStart;
        int stringsEnd = _stringsEnd;
        int maxDepth = _maxDepth;
        int maxPropertySize = _maxPropertySize;
        uint terminatedNameLimit = _terminatedNameLimit;

        // A tree uses a few property names over and over, so each name's length is remembered by its strings-block
        // offset (offset + 1 in the high half, 0 meaning empty; the length in the low half) instead of scanned for
        // at every property: a table hit is one predictable compare where the scan's loop exit depends on the name.
        Span<ulong> nameLengths = stackalloc ulong[1 << NameLengthCacheBits];
        while (true)
        {
            int fastLimit = _fastLimit;
            int position = _position;
            int depth = Depth;
            bool sawRoot = _sawRoot;

            // The last token of each kind taken on the inlined path since the fields were written (-1: none).
            int lastAt = -1;
            int lastNamedAt = -1;
            int lastPropAt = -1;
            bool go = true;
            while (go && position <= fastLimit)
            {
                int at = position;
                uint tag = ReadBigEndian(ref blob, at);
                if (tag == (uint)FdtToken.Prop)
                {
                    // The checks of TryReadPropertyFast, in the same order.
                    uint length = ReadBigEndian(ref blob, at + 4);
                    uint nameOffset = ReadBigEndian(ref blob, at + 8);
                    int valueStart = at + PropHeaderSize;
                    int nameStart = stringsStart + (int)nameOffset;
                    if (depth == 0
                        || length > (uint)Math.Min(structEnd - valueStart, maxPropertySize)
                        || nameOffset >= terminatedNameLimit
                        || Unsafe.Add(ref blob, nameStart) == 0)
                    {
                        break;
                    }

                    position = Align4(valueStart + (int)length);
                    lastAt = at;
                    lastNamedAt = at;
                    lastPropAt = at;
                    int slot = (int)((nameOffset * 0x9E3779B1u) >> (32 - NameLengthCacheBits));
                    ulong remembered = nameLengths[slot];
                    int nameLength;
                    if ((uint)(remembered >> 32) == nameOffset + 1)
                    {
                        nameLength = (int)(uint)remembered;
                    }
                    else
                    {
                        nameLength = IndexOfNul(ref blob, nameStart, stringsEnd) - nameStart;
                        nameLengths[slot] = ((ulong)(nameOffset + 1) << 32) | (uint)nameLength;
                    }

                    go = current.OnProperty(_blob.Slice(nameStart, nameLength), _blob.Slice(valueStart, (int)length), at);
                }
                else if (tag == (uint)FdtToken.BeginNode)
                {
                    // The checks of TryReadBeginNodeFast.
                    int nameStart = at + TokenSize;
                    int terminator = IndexOfNul(ref blob, nameStart, structEnd);
                    int next = Align4(terminator + 1);
                    if ((depth == 0 && sawRoot) || terminator < 0 || next > structEnd || depth >= maxDepth)
                    {
                        break;
                    }

                    sawRoot = true;
                    depth++;
                    position = next;
                    lastAt = at;
                    lastNamedAt = at;
                    go = current.OnBeginNode(_blob.Slice(nameStart, terminator - nameStart), at);
                }
                else if (tag == (uint)FdtToken.EndNode && depth != 0)
                {
                    depth--;
                    position = at + TokenSize;
                    lastAt = at;
                    go = current.OnEndNode(at);
                }
                else
                {
                    break;
                }
            }

            SetWalkState(position, depth, sawRoot, lastAt, lastNamedAt, lastPropAt);
            visitor = current;
            if (!go)
            {
                return false;
            }

            // Anything else (NOP, END, old blobs, the block's last bytes, every fault) takes Read's checked path.
            if (!ReadChecked())
            {
                return true;
            }

            go = TokenType switch
            {
                FdtToken.BeginNode => current.OnBeginNode(NodeName, TokenOffset),
                FdtToken.Prop => current.OnProperty(PropertyName, PropertyValue, TokenOffset),
                _ => current.OnEndNode(TokenOffset),
            };
            visitor = current;
            if (!go)
            {
                return false;
            }
        }
    }

    /// <summary>Writes the fields as the <see cref="Read"/> calls for the tokens taken by the walk's inlined path would have.</summary>
    private void SetWalkState(int position, int depth, bool sawRoot, int lastAt, int lastNamedAt, int lastPropAt)
    {
        ref byte blob = ref MemoryMarshal.GetReference(_blob);
        _position = position;
        Depth = depth;
        _sawRoot = sawRoot;
        if (lastAt >= 0)
        {
            TokenOffset = lastAt;
            TokenType = (FdtToken)ReadBigEndian(ref blob, lastAt);
        }

        if (lastNamedAt >= 0)
        {
            if (ReadBigEndian(ref blob, lastNamedAt) == (uint)FdtToken.Prop)
            {
                NameStart = _stringsStart + (int)ReadBigEndian(ref blob, lastNamedAt + 8);
                _nameLength = -1;
                ValueStart = lastNamedAt + PropHeaderSize;
                ValueLength = (int)ReadBigEndian(ref blob, lastNamedAt + 4);
            }
            else
            {
                NameStart = lastNamedAt + TokenSize;
                _nameLength = IndexOfNul(ref blob, NameStart, _structEnd) - NameStart;
                ValueStart = 0;
                ValueLength = 0;
            }
        }

        if (lastPropAt >= 0)
        {
            PropertyNameOffset = ReadBigEndian(ref blob, lastPropAt + 8);
        }
    }
}
