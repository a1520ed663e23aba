namespace XenExtRegions.ExtendedRegions;

/// <summary>The variants of P3, <c>find_domU_holes</c>.</summary>
public enum DomUHolesVariant
{
    /// <summary>4.16: dom0less domUs get no <c>/hypervisor</c> node.</summary>
    NotAvailable = 0,

    /// <summary>4.17–4.18: bank tails kept as they are (no 2 MiB truncation), static shm ignored.</summary>
    BankTails,

    /// <summary>4.19–4.20: bank tails; with static shm, rebuilt through a rangeset and the normaliser.</summary>
    BankTailsMinusSharedMemory,

    /// <summary>4.21+: bank tails in a frame rangeset, minus shm and xen,reg, through the normaliser.</summary>
    Rangeset,
}
