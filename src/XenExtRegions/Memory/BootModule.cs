using System;

namespace XenExtRegions.Memory;

/// <summary>A boot module: a blob the bootloader placed in RAM for Xen (kernel, ramdisk, XSM policy…).</summary>
public readonly struct BootModule : IEquatable<BootModule>
{
    /// <summary>Creates a module.</summary>
    /// <param name="kind">What the module is.</param>
    /// <param name="start">Physical start address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="source">Where it was found (node path or log line), or null.</param>
    public BootModule(BootModuleKind kind, ulong start, ulong size, string? source = null)
    {
        Kind = kind;
        Start = start;
        Size = size;
        Source = source;
    }

    /// <summary>What the module is.</summary>
    public BootModuleKind Kind { get; }

    /// <summary>Physical start address.</summary>
    public ulong Start { get; }

    /// <summary>Size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>Where the module was found, or null.</summary>
    public string? Source { get; }

    /// <summary>The module as a memory bank of kind <see cref="MemoryBankKind.BootModule"/>.</summary>
    public MemoryBank Bank => new(Start, Size, MemoryBankKind.BootModule, Source ?? Kind.ToString());

    /// <inheritdoc/>
    public bool Equals(BootModule other) =>
        Kind == other.Kind && Start == other.Start && Size == other.Size && string.Equals(Source, other.Source, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BootModule other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Start.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ (int)Kind;

    /// <summary>Prints kind, start and size in hexadecimal.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => FormattableString.Invariant($"{Kind} 0x{Start:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when all fields match.</returns>
    public static bool operator ==(BootModule left, BootModule right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(BootModule left, BootModule right) => !left.Equals(right);
}
