using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Reads the memory reservation block (Devicetree Specification v0.4, section 5.3): 16-byte entries up to the
/// (0, 0) terminator, never past the next block or <c>totalsize</c>.
/// </summary>
public ref struct FdtMemoryReservationReader
{
    private readonly ReadOnlySpan<byte> _blob;
    private readonly int _limit;
    private int _position;
    private bool _done;

    /// <summary>Starts reading the reservation block of <paramref name="blob"/>.</summary>
    /// <param name="blob">The whole blob.</param>
    /// <exception cref="DeviceTreeFormatException">The header is malformed.</exception>
    public FdtMemoryReservationReader(ReadOnlySpan<byte> blob)
        : this(blob, FdtHeader.Read(blob))
    {
    }

    /// <summary>Starts reading the reservation block of <paramref name="blob"/> whose checked header is <paramref name="header"/>.</summary>
    internal FdtMemoryReservationReader(ReadOnlySpan<byte> blob, FdtHeader header)
    {
        _blob = blob;
        _position = (int)header.OffMemRsvmap;
        _limit = (int)header.ReservationLimit;
        _done = false;
        Current = default;
    }

    /// <summary>The entry read by the last successful <see cref="Read"/>.</summary>
    public MemoryReservation Current { get; private set; }

    /// <summary>The byte offset of the next entry.</summary>
    public int Offset => _position;

    /// <summary>Reads the next entry.</summary>
    /// <returns>False at the terminator.</returns>
    /// <exception cref="DeviceTreeFormatException">The block reaches the next block or the blob end without a terminator.</exception>
    public bool Read()
    {
        if (_done)
        {
            return false;
        }

        if (_limit - _position < FdtHeader.ReservationEntrySize)
        {
            _done = true;
            throw new DeviceTreeFormatException("The memory reservation block has no (0, 0) terminator before the next block or the end of the blob.", _position);
        }

        ulong address = BinaryPrimitives.ReadUInt64BigEndian(_blob.Slice(_position, 8));
        ulong size = BinaryPrimitives.ReadUInt64BigEndian(_blob.Slice(_position + 8, 8));
        _position += FdtHeader.ReservationEntrySize;
        if (address == 0 && size == 0)
        {
            _done = true;
            return false;
        }

        Current = new MemoryReservation(address, size);
        return true;
    }
}
