using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Checks;

/// <summary>
/// Our findings against dtc's on the repository's real and test board trees (the embedded Salvator-X H3, the
/// recorded QEMU host trees, the reader fixtures): the same findings for every check that carries dtc's name.
/// </summary>
public sealed class DeviceTreeCheckerBoardCrossCheckTests
{
    public static TheoryData<string> Boards()
    {
        var data = new TheoryData<string>();
        string? root = RepositoryRoot();
        if (root is null)
        {
            data.Add("(repository not found)");
            return data;
        }

        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.dts", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "*.dts", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/Checks/Fixtures/", StringComparison.Ordinal) && !f.Contains("/Hardening/", StringComparison.Ordinal)
                && !f.Contains("/Overlays/Fixtures/", StringComparison.Ordinal) // overlay sources (/plugin/) are not boards
                && !f.Contains("/Fixtures/Overlays/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Board_findings_equal_dtcs(string board)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string? root = RepositoryRoot();
        if (root is null)
        {
            Assert.Skip("The repository's source tree is not beside the test output, so its board trees cannot be read.");
        }

        string path = Path.Combine(root, board);
        (string stderr, int exit) = DtcCheckOutput.Run("-I", "dts", "-O", "dtb", "-o", "/dev/null", path);
        if (exit != 0)
        {
            Assert.Skip($"dtc does not compile {board} (exit {exit}); nothing to compare.");
        }

        var options = new DtsReaderOptions { BaseDirectory = Path.GetDirectoryName(path) };
        (IReadOnlyList<DeviceTreeCheckFinding> findings, DeviceTree? tree) = new DeviceTreeChecker().CheckSource(DtsReader.DecodeSource(File.ReadAllBytes(path)), board, options);
        Assert.NotNull(tree);
        SortedSet<string> dtcs = DtcCheckOutput.Keys(stderr);
        SortedSet<string> ours = DtcCheckOutput.Keys(findings);
        Assert.True(ours.SetEquals(dtcs), DtcCheckOutput.Describe(ours, dtcs));
    }

    private static string? RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "XenExtRegions.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
