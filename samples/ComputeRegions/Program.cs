// Computes the extended regions Xen gives Dom0 on a board: XenExtRegions as a NuGet user calls it.
// Usage: ComputeRegions BOARD.dts|BOARD.dtb [XEN-RELEASE]
// The Dom0 RAM and grant window are those of the spec's worked example E1 (Renesas Salvator-X H3, IOMMU off).
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

string path = args.Length > 0 ? args[0] : throw new ArgumentException("usage: ComputeRegions BOARD.dts|BOARD.dtb [XEN-RELEASE]");
DeviceTree host = path.EndsWith(".dtb", StringComparison.OrdinalIgnoreCase) ? DtbReader.ReadFile(path) : DtsReader.ParseFile(path);
ExtendedRegionsInput input = new ExtendedRegionsInput
{
    Release = XenRelease.Parse(args.Length > 1 ? args[1] : "latest"),
    DomainRam = [new MemoryBank(0x60000000, 0x10000000, MemoryBankKind.DomainRam)],
    GrantWindow = new MemoryBank(0x78080000, 0x40000, MemoryBankKind.GrantTable),
}.WithHostDeviceTree(host);

ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);
foreach (XenLogLine line in result.LogLines)
{
    Console.WriteLine(line.Text);
}

return result.Outcome == ExtendedRegionsOutcome.Found ? 0 : 1;
