using System;
using System.Buffers.Binary;
using System.Text;

namespace XenExtRegions.Cli.Editing;

/// <summary>
/// Edits a DTB in place as libfdt's read-write functions do (fdt_setprop, fdt_add_subnode, fdt_delprop, fdt_del_node,
/// then fdt_pack), so that the blob keeps every byte the edit does not touch and comes out as fdtput's would: a new
/// property goes first in its node, a new node first among its siblings, a property name reuses any string-table
/// entry it is the tail of, and deleted names stay in the string table. Takes a blob the DTB reader has accepted.
/// </summary>
internal sealed class FdtBlobEditor
{
    private const uint BeginNode = 1;
    private const uint EndNode = 2;
    private const uint Prop = 3;
    private const uint Nop = 4;
    private const uint End = 9;
    private const int HeaderSize = 40;

    private byte[] _fdt;

    /// <param name="blob">A version 16 or later blob, read and checked by the DTB reader.</param>
    public FdtBlobEditor(byte[] blob)
    {
        if (Header(blob, 20) < 17)
        {
            throw new CliInputException("FILE: editing in place needs a version 17 DTB (this one is older); convert it with 'dt convert' first");
        }

        int total = checked((int)Header(blob, 4));
        _fdt = new byte[total + 4096];
        Array.Copy(blob, _fdt, Math.Min(total, blob.Length));

        // fdt_open_into: ordered blocks stay where they are; otherwise they are packed into order first.
        if (!(OffRsvmap <= OffStruct && OffStruct <= OffStrings))
        {
            PackBlocks();
        }

        SetHeader(20, 17);
        SetHeader(24, 16);
    }

    private int OffStruct => (int)Header(_fdt, 8);

    private int OffStrings => (int)Header(_fdt, 12);

    private int OffRsvmap => (int)Header(_fdt, 16);

    private int SizeStrings => (int)Header(_fdt, 32);

    private int SizeStruct => (int)Header(_fdt, 36);

    private int DataEnd => OffStrings + SizeStrings;

    /// <summary>The struct offset of the node that comes <paramref name="index"/>-th in document order (0: the root).</summary>
    public int NodeAt(int index)
    {
        int offset = OffStruct;
        int seen = -1;
        while (true)
        {
            uint tag = NextTag(offset, out int next);
            if (tag == BeginNode && ++seen == index)
            {
                return offset;
            }

            if (tag == End)
            {
                throw new InvalidOperationException("Node index out of the blob.");
            }

            offset = next;
        }
    }

    /// <summary>fdt_subnode_offset: the first child of <paramref name="parent"/> named so (or name@… when it has no '@'), or -1.</summary>
    public int FindChild(int parent, string name)
    {
        byte[] wanted = Encoding.UTF8.GetBytes(name);
        bool hasUnit = Array.IndexOf(wanted, (byte)'@') >= 0;
        NextTag(parent, out int offset);
        int depth = 0;
        while (true)
        {
            uint tag = NextTag(offset, out int next);
            if (tag == BeginNode)
            {
                if (depth == 0)
                {
                    ReadOnlySpan<byte> childName = NameAt(offset + 4);
                    if (childName.StartsWith(wanted) && (childName.Length == wanted.Length || (!hasUnit && childName[wanted.Length] == '@')))
                    {
                        return offset;
                    }
                }

                depth++;
            }
            else if (tag == EndNode)
            {
                if (depth == 0)
                {
                    return -1;
                }

                depth--;
            }
            else if (tag == End)
            {
                return -1;
            }

            offset = next;
        }
    }

    /// <summary>fdt_add_subnode: a new empty child, put after the parent's properties, before its other children.</summary>
    public int AddSubnode(int parent, string name)
    {
        NextTag(parent, out int offset);
        while (true)
        {
            uint tag = NextTag(offset, out int next);
            if (tag != Prop && tag != Nop)
            {
                break;
            }

            offset = next;
        }

        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        int nameLength = Align(nameBytes.Length + 1);
        SpliceStruct(offset, 0, 4 + nameLength + 4);
        BinaryPrimitives.WriteUInt32BigEndian(_fdt.AsSpan(offset), BeginNode);
        _fdt.AsSpan(offset + 4, nameLength).Clear();
        nameBytes.CopyTo(_fdt, offset + 4);
        BinaryPrimitives.WriteUInt32BigEndian(_fdt.AsSpan(offset + 4 + nameLength), EndNode);
        return offset;
    }

    /// <summary>fdt_setprop: replaces the value in place (resizing it), or adds the property first in the node.</summary>
    public void SetProperty(int node, string name, byte[] value)
    {
        int prop = FindProperty(node, name);
        if (prop >= 0)
        {
            int oldLength = (int)BinaryPrimitives.ReadUInt32BigEndian(_fdt.AsSpan(prop + 4));
            SpliceStruct(prop + 12, Align(oldLength), Align(value.Length));
        }
        else
        {
            int nameOffset = FindOrAddString(name);
            NextTag(node, out prop); // right after the node's name
            SpliceStruct(prop, 0, 12 + Align(value.Length));
            BinaryPrimitives.WriteUInt32BigEndian(_fdt.AsSpan(prop), Prop);
            BinaryPrimitives.WriteUInt32BigEndian(_fdt.AsSpan(prop + 8), (uint)nameOffset);
        }

        // As libfdt, only the value's own bytes are written; the padding after it keeps what the splice left there.
        BinaryPrimitives.WriteUInt32BigEndian(_fdt.AsSpan(prop + 4), (uint)value.Length);
        value.CopyTo(_fdt, prop + 12);
    }

    /// <summary>fdt_delprop; false when the node has no such property.</summary>
    public bool DeleteProperty(int node, string name)
    {
        int prop = FindProperty(node, name);
        if (prop < 0)
        {
            return false;
        }

        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(_fdt.AsSpan(prop + 4));
        SpliceStruct(prop, 12 + Align(length), 0);
        return true;
    }

    /// <summary>fdt_del_node: the node and its subtree.</summary>
    public void DeleteNode(int node)
    {
        int depth = 0;
        int offset = node;
        while (true)
        {
            uint tag = NextTag(offset, out int next);
            offset = next;
            if (tag == BeginNode)
            {
                depth++;
            }
            else if (tag == EndNode && --depth == 0)
            {
                break;
            }
        }

        SpliceStruct(node, offset - node, 0);
    }

    /// <summary>fdt_pack: the blocks in order without gaps; the blob ends with the string table.</summary>
    public byte[] Pack()
    {
        PackBlocks();
        int total = DataEnd;
        SetHeader(4, (uint)total);
        return _fdt.AsSpan(0, total).ToArray();
    }

    private void PackBlocks()
    {
        int rsvSize = 16;
        while (BinaryPrimitives.ReadUInt64BigEndian(_fdt.AsSpan(OffRsvmap + rsvSize - 16)) != 0
            || BinaryPrimitives.ReadUInt64BigEndian(_fdt.AsSpan(OffRsvmap + rsvSize - 8)) != 0)
        {
            rsvSize += 16;
        }

        int structSize = SizeStruct;
        int stringsSize = SizeStrings;
        int rsvOffset = HeaderSize;
        int structOffset = rsvOffset + rsvSize;
        int stringsOffset = structOffset + structSize;
        Array.Copy(_fdt, OffRsvmap, _fdt, rsvOffset, rsvSize);
        SetHeader(16, (uint)rsvOffset);
        Array.Copy(_fdt, OffStruct, _fdt, structOffset, structSize);
        SetHeader(8, (uint)structOffset);
        Array.Copy(_fdt, OffStrings, _fdt, stringsOffset, stringsSize);
        SetHeader(12, (uint)stringsOffset);
    }

    private int FindProperty(int node, string name)
    {
        byte[] wanted = Encoding.UTF8.GetBytes(name);
        NextTag(node, out int offset);
        while (true)
        {
            uint tag = NextTag(offset, out int next);
            if (tag == Prop)
            {
                int nameOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(_fdt.AsSpan(offset + 8));
                if (NameAt(OffStrings + nameOffset).SequenceEqual(wanted))
                {
                    return offset;
                }
            }
            else if (tag != Nop)
            {
                return -1;
            }

            offset = next;
        }
    }

    /// <summary>fdt_find_add_string_: any position in the table where the name and its NUL appear, else appended.</summary>
    private int FindOrAddString(string name)
    {
        byte[] wanted = new byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, 0, name.Length, wanted, 0);
        int found = _fdt.AsSpan(OffStrings, SizeStrings).IndexOf(wanted);
        if (found >= 0)
        {
            return found;
        }

        int at = SizeStrings;
        Splice(OffStrings + at, 0, wanted.Length);
        SetHeader(32, (uint)(at + wanted.Length));
        wanted.CopyTo(_fdt, OffStrings + at);
        return at;
    }

    private void SpliceStruct(int at, int oldLength, int newLength)
    {
        Splice(at, oldLength, newLength);
        int delta = newLength - oldLength;
        SetHeader(36, (uint)(SizeStruct + delta));
        SetHeader(12, (uint)(OffStrings + delta));
    }

    /// <summary>fdt_splice_: moves everything after the old bytes (memmove, so a grown gap keeps the bytes that were there).</summary>
    private void Splice(int at, int oldLength, int newLength)
    {
        int end = DataEnd;
        int needed = end - oldLength + newLength;
        if (needed > _fdt.Length)
        {
            Array.Resize(ref _fdt, needed + 4096);
        }

        Array.Copy(_fdt, at + oldLength, _fdt, at + newLength, end - at - oldLength);
    }

    /// <summary>fdt_next_tag: the tag at <paramref name="offset"/> and where the next one starts.</summary>
    private uint NextTag(int offset, out int next)
    {
        uint tag = BinaryPrimitives.ReadUInt32BigEndian(_fdt.AsSpan(offset));
        next = tag switch
        {
            BeginNode => offset + 4 + Align(NameAt(offset + 4).Length + 1),
            Prop => offset + 12 + Align((int)BinaryPrimitives.ReadUInt32BigEndian(_fdt.AsSpan(offset + 4))),
            _ => offset + 4,
        };
        return tag;
    }

    private ReadOnlySpan<byte> NameAt(int offset)
    {
        ReadOnlySpan<byte> rest = _fdt.AsSpan(offset);
        return rest.Slice(0, rest.IndexOf((byte)0));
    }

    private static int Align(int length) => (length + 3) & ~3;

    private static uint Header(byte[] blob, int field) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(field));

    private void SetHeader(int field, uint value) => BinaryPrimitives.WriteUInt32BigEndian(_fdt.AsSpan(field), value);
}
