using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Every address of a tree as Xen's <c>find_memory_holes</c> walks it: items in document order, the failures among
/// them, and diagnostics.
/// </summary>
public sealed class AddressEnumeration
{
    internal AddressEnumeration(IReadOnlyList<AddressItem> items, IReadOnlyList<AddressTranslationError> errors, IReadOnlyList<AddressDiagnostic> diagnostics)
    {
        Items = items;
        Errors = errors;
        Diagnostics = diagnostics;
    }

    /// <summary>Every <c>reg</c> entry and PCI range in P2 order (document order; a node's <c>reg</c> before its ranges).</summary>
    public IReadOnlyList<AddressItem> Items { get; }

    /// <summary>The failures, in order; Xen's P2 fails as a whole on the first one.</summary>
    public IReadOnlyList<AddressTranslationError> Errors { get; }

    /// <summary>Warnings and notes (partial tuples, size-0 entries, overflows, missing device_type…).</summary>
    public IReadOnlyList<AddressDiagnostic> Diagnostics { get; }

    /// <summary>True when every item translated.</summary>
    public bool Succeeded => Errors.Count == 0;
}
