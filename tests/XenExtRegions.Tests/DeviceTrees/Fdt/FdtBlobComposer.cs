using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>
/// A test-only raw blob composer, deliberately separate from the product writer: tokens are appended word by word
/// exactly as given, so a test can break one rule at a time. Layout: header (40), reservations, struct, strings.
/// </summary>
internal sealed class FdtBlobComposer
{
    private readonly List<byte> _struct = new();
    private readonly List<byte> _strings = new();
    private readonly Dictionary<string, int> _stringOffsets = new(StringComparer.Ordinal);
    private readonly List<(ulong Address, ulong Size)> _reservations = new();

    public uint Version { get; set; } = 17;

    public uint LastCompVersion { get; set; } = 16;

    public uint BootCpu { get; set; }

    public bool TerminateReservations { get; set; } = true;

    public int ReservationCount => _reservations.Count;

    /// <summary>The absolute blob offset where the next struct word goes.</summary>
    public int Here => StructOffset + _struct.Count;

    public int StructOffset => 40 + (16 * (_reservations.Count + (TerminateReservations ? 1 : 0)));

    public int StringsOffset => StructOffset + _struct.Count;

    public FdtBlobComposer Reserve(ulong address, ulong size)
    {
        _reservations.Add((address, size));
        return this;
    }

    public FdtBlobComposer Word(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _struct.AddRange(b.ToArray());
        return this;
    }

    public FdtBlobComposer RawBytes(params byte[] bytes)
    {
        _struct.AddRange(bytes);
        return this;
    }

    public FdtBlobComposer BeginNode(string name) => BeginNodeRaw(Encoding.UTF8.GetBytes(name));

    /// <summary>A BEGIN_NODE whose name is exactly these bytes (for names that are not valid UTF-8).</summary>
    public FdtBlobComposer BeginNodeRaw(params byte[] name)
    {
        Word(1);
        _struct.AddRange(name);
        _struct.Add(0);
        Pad();
        return this;
    }

    public FdtBlobComposer EndNode() => Word(2);

    public FdtBlobComposer Nop() => Word(4);

    public FdtBlobComposer End() => Word(9);

    public int StringOffset(string name)
    {
        if (!_stringOffsets.TryGetValue(name, out int offset))
        {
            offset = _strings.Count;
            _stringOffsets.Add(name, offset);
            _strings.AddRange(Encoding.UTF8.GetBytes(name));
            _strings.Add(0);
        }

        return offset;
    }

    public FdtBlobComposer Prop(string name, params byte[] value) => PropRaw((uint)value.Length, (uint)StringOffset(name), value);

    public FdtBlobComposer PropCell(string name, uint cell) => Prop(name, new[] { (byte)(cell >> 24), (byte)(cell >> 16), (byte)(cell >> 8), (byte)cell });

    public FdtBlobComposer PropRaw(uint length, uint nameOffset, byte[] value)
    {
        Word(3).Word(length).Word(nameOffset);
        _struct.AddRange(value);
        Pad();
        return this;
    }

    /// <summary>Appends raw bytes to the strings block (e.g. an unterminated name).</summary>
    public FdtBlobComposer RawString(params byte[] bytes)
    {
        _strings.AddRange(bytes);
        return this;
    }

    /// <summary>A valid minimal tree: root with one property and one child.</summary>
    public static FdtBlobComposer Minimal() =>
        new FdtBlobComposer().BeginNode(string.Empty).Prop("model", Encoding.ASCII.GetBytes("m\0")).BeginNode("child@1").PropCell("reg", 1).EndNode().EndNode().End();

    public byte[] Build()
    {
        int structOffset = StructOffset;
        int stringsOffset = structOffset + _struct.Count;
        int total = stringsOffset + _strings.Count;
        var blob = new byte[total];
        Set(blob, 0, 0xd00dfeed);
        Set(blob, 4, (uint)total);
        Set(blob, 8, (uint)structOffset);
        Set(blob, 12, (uint)stringsOffset);
        Set(blob, 16, 40);
        Set(blob, 20, Version);
        Set(blob, 24, LastCompVersion);
        Set(blob, 28, BootCpu);
        Set(blob, 32, (uint)_strings.Count);
        Set(blob, 36, (uint)_struct.Count);
        int at = 40;
        foreach ((ulong address, ulong size) in _reservations)
        {
            BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(at), address);
            BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(at + 8), size);
            at += 16;
        }

        _struct.CopyTo(blob, structOffset);
        _strings.CopyTo(blob, stringsOffset);
        return blob;
    }

    public static void Set(byte[] blob, int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(offset), value);

    public static uint Get(byte[] blob, int offset) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(offset));

    private void Pad()
    {
        while (_struct.Count % 4 != 0)
        {
            _struct.Add(0);
        }
    }
}
