namespace XenExtRegions.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Library_assembly_loads() => Assert.NotNull(typeof(XenExtRegions.Ranges.AddressRange).Assembly);
}
