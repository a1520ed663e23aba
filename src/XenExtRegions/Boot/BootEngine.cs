using System;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Boot;

/// <summary>Runs the engine for one domain of a boot; an input the engine refuses becomes a finding, not an exception.</summary>
internal static class BootEngine
{
    private static readonly ExtendedRegionsEngine Engine = new();

    public static ExtendedRegionsResult? Compute(BootContext ctx, string domain, ExtendedRegionsInput input)
    {
        try
        {
            return Engine.Compute(input);
        }
        catch (ArgumentException e)
        {
            ctx.Finding(BootFindingId.DomainNotComputable, BootFindingSeverity.Error, domain, "not computed: " + e.Message);
            return null;
        }
    }
}
