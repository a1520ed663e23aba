using System;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Dts;

/// <summary>
/// DTS parse and write throughput on a generated source of about 32 MB (MB/s = SourceMegabytes / mean seconds;
/// the size is printed at setup). The source mixes what real trees hold: strings, string lists, cell arrays,
/// byte strings, labels, phandle references and comments.
/// </summary>
[MemoryDiagnoser]
public class DtsBenchmarks
{
    private string _source = string.Empty;
    private DeviceTree _tree = null!;

    /// <summary>Size of the generated source in MB (10^6 bytes), for the MB/s figure.</summary>
    public static double SourceMegabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = Generate(targetBytes: 32_000_000);
        SourceMegabytes = Encoding.UTF8.GetByteCount(_source) / 1e6;
        _tree = DtsReader.Parse(_source, "generated.dts");
        Console.WriteLine(FormattableString.Invariant($"// DTS source: {SourceMegabytes:F1} MB, printed: {DtsWriter.Write(_tree).Length / 1e6:F1} MB"));
    }

    [Benchmark]
    public DeviceTree Parse() => DtsReader.Parse(_source, "generated.dts");

    [Benchmark]
    public int Write() => DtsWriter.Write(_tree).Length;

    internal static string Generate(int targetBytes)
    {
        var sb = new StringBuilder(targetBytes + 4096);
        sb.Append("/dts-v1/;\n\n/memreserve/ 0x80000000 0x10000;\n\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n");
        sb.Append("\tclk: clock { compatible = \"fixed-clock\"; #clock-cells = <0>; clock-frequency = <24000000>; };\n");
        int bus = 0;
        while (sb.Length < targetBytes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n\tbus{bus}: bus@{bus:x} {{\n\t\tcompatible = \"simple-bus\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n");
            for (int dev = 0; dev < 200; dev++)
            {
                uint address = (uint)(0x10000000 + (dev * 0x1000));
                sb.Append(CultureInfo.InvariantCulture, $"\n\t\t/* device {dev} */\n\t\tdev{bus}_{dev}: device@{address:x} {{\n");
                sb.Append("\t\t\tcompatible = \"vendor,device-v2\", \"vendor,device\";\n");
                sb.Append(CultureInfo.InvariantCulture, $"\t\t\treg = <0x{address:x} 0x1000>;\n");
                sb.Append(CultureInfo.InvariantCulture, $"\t\t\tinterrupts = <0 {dev % 988} 4>, <0 {(dev + 1) % 988} 4>;\n");
                sb.Append("\t\t\tclocks = <&clk>;\n\t\t\tclock-names = \"apb_pclk\";\n");
                sb.Append("\t\t\tmac = [00 11 22 33 44 55];\n\t\t\tstatus = \"okay\";\n");
                if (dev > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"\t\t\tpeer = <&dev{bus}_{dev - 1} ({dev} * 2 + 1)>;\n");
                }

                sb.Append("\t\t};\n");
            }

            sb.Append("\t};\n");
            bus++;
        }

        return sb.Append("};\n").ToString();
    }
}
