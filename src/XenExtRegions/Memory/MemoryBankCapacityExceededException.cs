using System;

namespace XenExtRegions.Memory;

/// <summary>
/// Thrown when a bank does not fit a <see cref="MemoryBankList"/> that already holds its capacity (Xen's
/// <c>NR_MEM_BANKS</c>). <see cref="MemoryBankList.TryAdd"/> reports the same condition without throwing.
/// </summary>
public sealed class MemoryBankCapacityExceededException : Exception
{
    /// <summary>Creates the exception for <paramref name="bank"/> not fitting a list of <paramref name="capacity"/> banks.</summary>
    /// <param name="capacity">The capacity of the full list.</param>
    /// <param name="bank">The bank that did not fit.</param>
    public MemoryBankCapacityExceededException(int capacity, MemoryBank bank)
        : base(FormattableString.Invariant($"The bank list is full: it holds its capacity of {capacity} banks, so {bank} does not fit."))
    {
        Capacity = capacity;
        Bank = bank;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public MemoryBankCapacityExceededException()
        : base("The bank list is full.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MemoryBankCapacityExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryBankCapacityExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The capacity of the full list (0 when not given).</summary>
    public int Capacity { get; }

    /// <summary>The bank that did not fit (default when not given).</summary>
    public MemoryBank Bank { get; }
}
