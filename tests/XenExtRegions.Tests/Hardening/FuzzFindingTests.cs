using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>Every input afl-fuzz saved (Fixtures/fuzz/TARGET/), replayed through the same oracle as the fuzz target.</summary>
public sealed class FuzzFindingTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        string root = Path.Combine(AppContext.BaseDirectory, "Hardening", "Fixtures", "fuzz");
        foreach (string target in new[] { "dtb", "dts", "engine" })
        {
            string folder = Path.Combine(root, target);
            IEnumerable<string> files = Directory.Exists(folder) ? Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal) : [];
            foreach (string file in files)
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_saved_fuzz_input_ends_cleanly(string target, string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Hardening", "Fixtures", "fuzz", target, file));
        switch (target)
        {
            case "dts":
                if (HostileInput.ParseDts(Encoding.UTF8.GetString(input), file, out DeviceTree? parsed))
                {
                    DtsReader.Parse(DtsWriter.Write(parsed!), "again.dts");
                }

                break;
            default:
                if (HostileInput.ReadDtb(input, file, out DeviceTree? tree))
                {
                    Assert.Null(DeviceTreeComparer.FindFirstDifference(tree!, DtbReader.Read(DtbWriter.Write(tree!))));
                    if (target == "engine")
                    {
                        TreePipeline.Run(tree!);
                    }
                }

                break;
        }
    }
}
