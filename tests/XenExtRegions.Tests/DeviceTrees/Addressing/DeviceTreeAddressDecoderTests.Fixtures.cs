using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Dts;

namespace XenExtRegions.Tests.DeviceTrees.Addressing;

public sealed partial class DeviceTreeAddressDecoderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Addressing", "Fixtures", name);

    [Fact]
    public void E2_board_fixture_enumerates_like_xens_p2()
    {
        DeviceTree tree = DtsReader.ParseFile(Fixture("e2-board.dts"));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        Assert.True(all.Succeeded);
        Assert.Equal(
            new[]
            {
                "/memory@40000000 Reg 0 0x40000000 0x80000000",
                "/memory@40000000 Reg 1 0x880000000 0x80000000",
                "/soc/interrupt-controller@8000000 Reg 0 0x8000000 0x10000",
                "/soc/interrupt-controller@8000000 Reg 1 0x8010000 0x10000",
                "/soc/serial@9000000 Reg 0 0x9000000 0x1000",
                "/soc/apb/rtc@123 Reg 0 0x9010123 0x10",
                "/soc/apb/i2c@1000 Reg 0 0x9011000 0x100",
                "/pcie@3eff0000 Reg 0 0x3eff0000 0x10000",
                "/pcie@3eff0000 PciRange 0 0x3f000000 0x1000000",
                "/pcie@3eff0000 PciRange 1 0x10000000 0x2eff0000",
                "/pcie@3eff0000 PciRange 2 0x8000000000 0x8000000000",
            },
            all.Items.Select(i => FormattableString.Invariant($"{i.NodePath} {i.Kind} {i.Index} 0x{i.Address:x} 0x{i.Size:x}")).ToArray());
    }

    [Theory]
    [InlineData("/memory@40000000")]
    [InlineData("/soc/apb/rtc@123")]
    [InlineData("/pcie@3eff0000")]
    public void Raw_reg_cells_agree_with_fdtget_on_the_dtc_compiled_fixture(string path)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        if (!File.Exists("/usr/bin/fdtget"))
        {
            Assert.Skip("fdtget is not installed at /usr/bin/fdtget (Debian package device-tree-compiler); the cross-check needs it.");
        }

        string dtb = Path.Combine(Path.GetTempPath(), "xer-e2-" + Guid.NewGuid().ToString("N") + ".dtb");
        try
        {
            DtcTool.RunDtc("-I", "dts", "-O", "dtb", "-o", dtb, Fixture("e2-board.dts"));
            var info = new ProcessStartInfo("/usr/bin/fdtget") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in new[] { "-t", "x", dtb, path, "reg" })
            {
                info.ArgumentList.Add(a);
            }

            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            ulong[] fdtgetCells = output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(c => Convert.ToUInt64(c, 16)).ToArray();

            DeviceTree tree = DtsReader.ParseFile(Fixture("e2-board.dts"));
            DeviceTreeNode node = tree.Find(path);
            var entries = Xen.DecodeReg(node);
            int na = entries[0].AddressCells;
            int ns = entries[0].SizeCells;
            Assert.Equal(entries.Count * (na + ns), fdtgetCells.Length);
            for (int i = 0; i < entries.Count; i++)
            {
                ulong address = 0, size = 0;
                for (int c = 0; c < na; c++)
                {
                    address = (address << 32) | fdtgetCells[(i * (na + ns)) + c];
                }

                for (int c = 0; c < ns; c++)
                {
                    size = (size << 32) | fdtgetCells[(i * (na + ns)) + na + c];
                }

                Assert.Equal((address, size), (entries[i].Address, entries[i].Size));
            }
        }
        finally
        {
            File.Delete(dtb);
        }
    }

    [Fact]
    public void Dtc_compiled_fixture_read_as_dtb_enumerates_like_the_dts()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] blob = DtcTool.RunDtc("-I", "dts", "-O", "dtb", Fixture("e2-board.dts"));

        AddressEnumeration fromDtb = Xen.EnumerateAddresses(DtbReader.Read(blob));
        AddressEnumeration fromDts = Xen.EnumerateAddresses(DtsReader.ParseFile(Fixture("e2-board.dts")));

        Assert.Equal(
            fromDts.Items.Select(i => (i.NodePath, i.Kind, i.Index, i.Address, i.Size)).ToArray(),
            fromDtb.Items.Select(i => (i.NodePath, i.Kind, i.Index, i.Address, i.Size)).ToArray());
        Assert.Equal(11, fromDtb.Items.Count);
    }
}
