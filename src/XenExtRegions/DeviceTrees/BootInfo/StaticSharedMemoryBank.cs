using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One static shared memory node (<c>compatible = "xen,domain-shared-memory-v1"</c>): <c>xen,shared-mem = &lt;[host] guest size&gt;</c>.
/// </summary>
public readonly struct StaticSharedMemoryBank : IEquatable<StaticSharedMemoryBank>
{
    /// <summary>Xen's INVALID_PADDR: the host address is chosen by Xen (4.19+ form without a host address).</summary>
    public const ulong InvalidAddress = ulong.MaxValue;

    /// <summary>Creates a bank.</summary>
    /// <param name="shmId">The <c>xen,shm-id</c>.</param>
    /// <param name="hostAddress">The host physical address, or <see cref="InvalidAddress"/>.</param>
    /// <param name="guestAddress">The guest physical address.</param>
    /// <param name="size">The size.</param>
    /// <param name="role">The <c>role</c> ("owner"/"borrower"), or null.</param>
    /// <param name="source">The node path.</param>
    /// <param name="domainPath">The path of the domain node it belongs to (<c>/chosen</c> for the hardware domain).</param>
    public StaticSharedMemoryBank(string shmId, ulong hostAddress, ulong guestAddress, ulong size, string? role, string source, string domainPath)
    {
        ShmId = shmId ?? string.Empty;
        HostAddress = hostAddress;
        GuestAddress = guestAddress;
        Size = size;
        Role = role;
        Source = source ?? string.Empty;
        DomainPath = domainPath ?? string.Empty;
    }

    /// <summary>The <c>xen,shm-id</c>.</summary>
    public string ShmId { get; }

    /// <summary>The host physical address, or <see cref="InvalidAddress"/> when Xen picks it.</summary>
    public ulong HostAddress { get; }

    /// <summary>The guest physical address.</summary>
    public ulong GuestAddress { get; }

    /// <summary>The size.</summary>
    public ulong Size { get; }

    /// <summary>The <c>role</c> property, or null (owner is then DOMID_IO).</summary>
    public string? Role { get; }

    /// <summary>The node path.</summary>
    public string Source { get; }

    /// <summary>The domain node path (<c>/chosen</c> for the hardware domain).</summary>
    public string DomainPath { get; }

    /// <summary>True when the host address is given.</summary>
    public bool HasHostAddress => HostAddress != InvalidAddress;

    /// <inheritdoc/>
    public bool Equals(StaticSharedMemoryBank other) =>
        string.Equals(ShmId, other.ShmId, StringComparison.Ordinal) && HostAddress == other.HostAddress && GuestAddress == other.GuestAddress &&
        Size == other.Size && string.Equals(Role, other.Role, StringComparison.Ordinal) &&
        string.Equals(Source, other.Source, StringComparison.Ordinal) && string.Equals(DomainPath, other.DomainPath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StaticSharedMemoryBank other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((GuestAddress.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ (ShmId?.GetHashCode() ?? 0);

    /// <summary>Prints id, host, guest and size.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => HasHostAddress
        ? FormattableString.Invariant($"{ShmId}: host 0x{HostAddress:x} guest 0x{GuestAddress:x} size 0x{Size:x}")
        : FormattableString.Invariant($"{ShmId}: host (Xen heap) guest 0x{GuestAddress:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(StaticSharedMemoryBank left, StaticSharedMemoryBank right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(StaticSharedMemoryBank left, StaticSharedMemoryBank right) => !left.Equals(right);
}
