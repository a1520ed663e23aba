using System;

namespace XenExtRegions.ExtendedRegions;

/// <summary>An <c>iomem</c> entry of an xl configuration: <c>number</c> frames mapped at guest frame <c>gfn</c>.</summary>
public readonly struct IoMemRange : IEquatable<IoMemRange>
{
    /// <summary>Creates an entry.</summary>
    /// <param name="guestFrame">The first guest frame (gfn; xl defaults it to the machine frame).</param>
    /// <param name="frameCount">The number of 4 KiB frames.</param>
    public IoMemRange(ulong guestFrame, ulong frameCount)
    {
        GuestFrame = guestFrame;
        FrameCount = frameCount;
    }

    /// <summary>The first guest frame number.</summary>
    public ulong GuestFrame { get; }

    /// <summary>The number of frames.</summary>
    public ulong FrameCount { get; }

    /// <inheritdoc/>
    public bool Equals(IoMemRange other) => GuestFrame == other.GuestFrame && FrameCount == other.FrameCount;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IoMemRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (GuestFrame.GetHashCode() * 397) ^ FrameCount.GetHashCode();

    /// <summary>Prints the first frame and the count in hexadecimal.</summary>
    /// <returns>The entry.</returns>
    public override string ToString() => FormattableString.Invariant($"gfn 0x{GuestFrame:x} x 0x{FrameCount:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(IoMemRange left, IoMemRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(IoMemRange left, IoMemRange right) => !left.Equals(right);
}
