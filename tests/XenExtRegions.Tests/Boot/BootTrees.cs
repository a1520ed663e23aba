using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Boot;

/// <summary>Small host trees for boot-analysis tests: 2 GiB of RAM at 1 GiB, a serial port, optional IOMMU and domains.</summary>
internal sealed class BootTrees
{
    public string Bootargs { get; set; } = "console=dtuart dtuart=serial0 dom0_mem=256M";

    public bool Dom0Kernel { get; set; } = true;

    public string Memory { get; set; } = "memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x80000000>; };";

    public string? Iommu { get; set; }

    public List<string> Domains { get; } = new();

    public string MemReserve { get; set; } = string.Empty;

    /// <summary>Adds a dom0less domain node with a kernel module; <paramref name="extra"/> holds more properties.</summary>
    public BootTrees Domain(string name, string memoryKiB, string extra = "xen,enhanced = \"enabled\";", int kernelAt = 0x4a000000)
    {
        Domains.Add(
            name + " { compatible = \"xen,domain\"; #address-cells = <2>; #size-cells = <2>; memory = <0x0 " + memoryKiB + ">; cpus = <1>; " + extra
            + " module@" + kernelAt.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + " { compatible = \"multiboot,kernel\", \"multiboot,module\"; reg = <0x0 0x"
            + kernelAt.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + " 0x0 0x1000000>; }; };");
        return this;
    }

    public string Dts()
    {
        var s = new StringBuilder();
        s.Append("/dts-v1/;\n").Append(MemReserve).Append("/ {\n #address-cells = <2>;\n #size-cells = <2>;\n ").Append(Memory).Append('\n');
        s.Append(" chosen {\n  #address-cells = <2>;\n  #size-cells = <2>;\n  xen,xen-bootargs = \"").Append(Bootargs).Append("\";\n");
        if (Dom0Kernel)
        {
            s.Append("  module@42000000 { compatible = \"multiboot,kernel\", \"multiboot,module\"; reg = <0x0 0x42000000 0x0 0x1000000>; };\n");
        }

        foreach (string d in Domains)
        {
            s.Append("  ").Append(d).Append('\n');
        }

        s.Append(" };\n soc {\n  compatible = \"simple-bus\";\n  #address-cells = <2>;\n  #size-cells = <2>;\n  ranges;\n");
        s.Append("  serial@9000000 { compatible = \"arm,pl011\"; reg = <0x0 0x9000000 0x0 0x1000>; };\n");
        if (Iommu is not null)
        {
            s.Append("  iommu@5000000 { compatible = \"").Append(Iommu).Append("\"; reg = <0x0 0x5000000 0x0 0x20000>; };\n");
        }

        s.Append(" };\n};\n");
        return s.ToString();
    }

    public DeviceTree Tree() => DtsReader.Parse(Dts(), "host.dts");
}
