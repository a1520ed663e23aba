using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.Ranges;

namespace XenExtRegions.Memory;

/// <summary>
/// An immutable, ordered list of <see cref="MemoryBank"/>s with Xen's bank capacity (<c>NR_MEM_BANKS</c>):
/// 128 in Xen 4.16.0, 256 from 4.16.1 / 4.17 (commit f1f38e26c3). Adding returns a new list.
/// </summary>
/// <remarks>
/// The list keeps the order banks were added in; <see cref="SortedByStart"/> gives Xen's sorted order. A full
/// list refuses more banks: <see cref="TryAdd"/> says so, <see cref="Add"/> throws
/// <see cref="MemoryBankCapacityExceededException"/>. Nothing is silently dropped here (the silent dropping of
/// extra extended regions, as Xen's <c>add_ext_regions</c> does, is the engine's business).
/// </remarks>
public sealed class MemoryBankList : IReadOnlyList<MemoryBank>, IEquatable<MemoryBankList>
{
    /// <summary><c>NR_MEM_BANKS</c> of Xen 4.16.0.</summary>
    public const int DefaultCapacity = 128;

    /// <summary><c>NR_MEM_BANKS</c> from Xen 4.16.1 and 4.17 (commit f1f38e26c3); also libxl's <c>MAX_NR_EXT_REGIONS</c>.</summary>
    public const int ExtendedCapacity = 256;

    private readonly MemoryBank[] _banks;

    /// <summary>Creates an empty list.</summary>
    /// <param name="capacity">The most banks the list may hold; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public MemoryBankList(int capacity = DefaultCapacity)
        : this(CheckCapacity(capacity), [])
    {
    }

    /// <summary>Creates a list holding <paramref name="banks"/> in order.</summary>
    /// <param name="banks">The banks.</param>
    /// <param name="capacity">The most banks the list may hold; at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="banks"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    /// <exception cref="MemoryBankCapacityExceededException">There are more banks than <paramref name="capacity"/>.</exception>
    public MemoryBankList(IEnumerable<MemoryBank> banks, int capacity = DefaultCapacity)
        : this(CheckCapacity(capacity), CheckFits(banks, capacity))
    {
    }

    private MemoryBankList(int capacity, MemoryBank[] banks)
    {
        Capacity = capacity;
        _banks = banks;
    }

    /// <summary>The most banks the list may hold.</summary>
    public int Capacity { get; }

    /// <summary>The number of banks.</summary>
    public int Count => _banks.Length;

    /// <summary>True when the list holds <see cref="Capacity"/> banks.</summary>
    public bool IsFull => _banks.Length >= Capacity;

    /// <summary>True when the list holds no bank.</summary>
    public bool IsEmpty => _banks.Length == 0;

    /// <summary>The bank at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public MemoryBank this[int index] => _banks[index];

    /// <summary>A list with <paramref name="bank"/> appended, unless the list is full.</summary>
    /// <param name="bank">The bank to add.</param>
    /// <param name="result">The longer list, or this list when it is full.</param>
    /// <returns>False when the list already holds <see cref="Capacity"/> banks.</returns>
    public bool TryAdd(MemoryBank bank, out MemoryBankList result)
    {
        if (IsFull)
        {
            result = this;
            return false;
        }

        var banks = new MemoryBank[_banks.Length + 1];
        _banks.CopyTo(banks, 0);
        banks[_banks.Length] = bank;
        result = new MemoryBankList(Capacity, banks);
        return true;
    }

    /// <summary>A list with <paramref name="bank"/> appended.</summary>
    /// <param name="bank">The bank to add.</param>
    /// <returns>The longer list.</returns>
    /// <exception cref="MemoryBankCapacityExceededException">The list already holds <see cref="Capacity"/> banks.</exception>
    public MemoryBankList Add(MemoryBank bank) =>
        TryAdd(bank, out MemoryBankList result) ? result : throw new MemoryBankCapacityExceededException(Capacity, bank);

    /// <summary>A list with <paramref name="banks"/> appended in order.</summary>
    /// <param name="banks">The banks to add.</param>
    /// <returns>The longer list.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="banks"/> is null.</exception>
    /// <exception cref="MemoryBankCapacityExceededException">They do not all fit; the message names the first that does not.</exception>
    public MemoryBankList AddRange(IEnumerable<MemoryBank> banks)
    {
        if (banks is null)
        {
            throw new ArgumentNullException(nameof(banks));
        }

        var all = new List<MemoryBank>(_banks);
        all.AddRange(banks);
        return new MemoryBankList(all, Capacity);
    }

    /// <summary>The same list with another capacity.</summary>
    /// <param name="capacity">The new capacity; at least <see cref="Count"/>.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    /// <exception cref="MemoryBankCapacityExceededException">The list holds more than <paramref name="capacity"/> banks.</exception>
    public MemoryBankList WithCapacity(int capacity) => new(_banks, capacity);

    /// <summary>A copy sorted by ascending start (then size), as Xen sorts its bank arrays; the sort is stable.</summary>
    /// <returns>The sorted list.</returns>
    public MemoryBankList SortedByStart()
    {
        var indexed = new KeyValuePair<int, MemoryBank>[_banks.Length];
        for (int i = 0; i < _banks.Length; i++)
        {
            indexed[i] = new KeyValuePair<int, MemoryBank>(i, _banks[i]);
        }

        Array.Sort(indexed, static (a, b) =>
        {
            int order = a.Value.Start.CompareTo(b.Value.Start);
            order = order != 0 ? order : a.Value.Size.CompareTo(b.Value.Size);
            return order != 0 ? order : a.Key.CompareTo(b.Key);
        });

        var sorted = new MemoryBank[_banks.Length];
        for (int i = 0; i < indexed.Length; i++)
        {
            sorted[i] = indexed[i].Value;
        }

        return new MemoryBankList(Capacity, sorted);
    }

    /// <summary>The banks of one kind, in order.</summary>
    /// <param name="kind">The kind wanted.</param>
    /// <returns>A list with the same capacity.</returns>
    public MemoryBankList OfKind(MemoryBankKind kind) => new(Capacity, Array.FindAll(_banks, bank => bank.Kind == kind));

    /// <summary>True when some bank has the kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True when found.</returns>
    public bool ContainsKind(MemoryBankKind kind) => Array.Exists(_banks, bank => bank.Kind == kind);

    /// <summary>The sum of the bank sizes, when it fits 64 bits.</summary>
    /// <param name="total">The total in bytes.</param>
    /// <returns>False when the sum exceeds 2^64-1.</returns>
    public bool TryGetTotalSize(out ulong total)
    {
        total = 0;
        foreach (MemoryBank bank in _banks)
        {
            if (bank.Size > ulong.MaxValue - total)
            {
                total = 0;
                return false;
            }

            total += bank.Size;
        }

        return true;
    }

    /// <summary>The sum of the bank sizes.</summary>
    /// <exception cref="OverflowException">The sum exceeds 2^64-1.</exception>
    public ulong TotalSize => TryGetTotalSize(out ulong total)
        ? total
        : throw new OverflowException("The bank sizes add up to more than 2^64-1 bytes.");

    /// <summary>
    /// The union of the banks as a <see cref="RangeSet"/>. Empty banks are skipped; banks that run past
    /// 2^64-1 are left out and returned in <paramref name="overflowing"/>, never wrapped.
    /// </summary>
    /// <param name="overflowing">The banks whose end exceeds 2^64 (empty when none), in order.</param>
    /// <returns>The set of addresses covered by the other banks.</returns>
    public RangeSet ToRangeSet(out IReadOnlyList<MemoryBank> overflowing)
    {
        var set = new RangeSet();
        List<MemoryBank>? bad = null;
        foreach (MemoryBank bank in _banks)
        {
            if (bank.IsEmpty)
            {
                continue;
            }

            if (bank.TryGetRange(out AddressRange range))
            {
                set.Add(range);
            }
            else
            {
                (bad ??= []).Add(bank);
            }
        }

        overflowing = bad ?? (IReadOnlyList<MemoryBank>)[];
        return set;
    }

    /// <summary>The union of the banks as a <see cref="RangeSet"/>, skipping empty banks.</summary>
    /// <returns>The set of covered addresses.</returns>
    /// <exception cref="InvalidOperationException">A bank runs past 2^64-1; the message names it.</exception>
    public RangeSet ToRangeSet()
    {
        RangeSet set = ToRangeSet(out IReadOnlyList<MemoryBank> overflowing);
        return overflowing.Count == 0
            ? set
            : throw new InvalidOperationException($"Bank {overflowing[0]} runs past 2^64-1 and cannot be a range.");
    }

    /// <inheritdoc/>
    public IEnumerator<MemoryBank> GetEnumerator() => ((IEnumerable<MemoryBank>)_banks).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when the capacity and the banks, in order, are equal.</summary>
    /// <param name="other">The other list.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(MemoryBankList? other)
    {
        if (other is null || other.Capacity != Capacity || other._banks.Length != _banks.Length)
        {
            return false;
        }

        for (int i = 0; i < _banks.Length; i++)
        {
            if (!_banks[i].Equals(other._banks[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MemoryBankList);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = Capacity;
        foreach (MemoryBank bank in _banks)
        {
            hash = (hash * 397) ^ bank.GetHashCode();
        }

        return hash;
    }

    /// <summary>One bank per line, with the count and capacity first.</summary>
    /// <returns>A readable listing.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(FormattableString.Invariant($"{_banks.Length}/{Capacity} banks"));
        foreach (MemoryBank bank in _banks)
        {
            text.Append('\n').Append("  ").Append(bank.ToString());
        }

        return text.ToString();
    }

    private static int CheckCapacity(int capacity) => capacity >= 1
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A bank list needs a capacity of at least 1.");

    private static MemoryBank[] CheckFits(IEnumerable<MemoryBank> banks, int capacity)
    {
        if (banks is null)
        {
            throw new ArgumentNullException(nameof(banks));
        }

        var list = new List<MemoryBank>(banks);
        return list.Count > capacity ? throw new MemoryBankCapacityExceededException(capacity, list[capacity]) : list.ToArray();
    }
}
