using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The per-file conversion rows: each board as DTB and as DTS (dtc's decompilation, made once in the scratch folder),
/// converted in process by us (file read, parse, write to a file: what dtc does minus its process) or by a process
/// per file (dtc, or our CLI's <c>dt convert</c>).
/// </summary>
internal sealed class ConversionPaths
{
    private readonly string _dtc;
    private readonly string[] _dtbs;
    private readonly string[] _dts;
    private readonly string _outDir;

    public ConversionPaths(IReadOnlyList<string> boards, string scratch, string dtc)
    {
        _dtc = dtc;
        _dtbs = [.. boards];
        _dts = new string[boards.Count];
        string dtsDir = Path.Combine(scratch, "dts");
        _outDir = Path.Combine(scratch, "out");
        Directory.CreateDirectory(dtsDir);
        Directory.CreateDirectory(_outDir);
        for (int i = 0; i < boards.Count; i++)
        {
            _dts[i] = Path.Combine(dtsDir, BoardName(boards[i]) + ".dts");
            if (!File.Exists(_dts[i]))
            {
                ChildProcess.Run(dtc, "-q", "-I", "dtb", "-O", "dts", "-o", _dts[i], boards[i]);
            }
        }
    }

    /// <summary>The number of files converted per call.</summary>
    public int Files => _dtbs.Length;

    /// <summary>"arm/juno.dtb" under any root gives "arm_juno".</summary>
    public static string BoardName(string path) =>
        Path.GetFileName(Path.GetDirectoryName(path)) + "_" + Path.GetFileNameWithoutExtension(path);

    /// <summary>Ours in process: every DTS file to a DTB file.</summary>
    public long OursDtsToDtb()
    {
        long sum = 0;
        for (int i = 0; i < _dts.Length; i++)
        {
            DeviceTree tree = DtsReader.ParseFile(_dts[i]);
            using FileStream output = File.Create(Out(i, ".ours.dtb"));
            DtbWriter.Write(tree, output);
            sum += output.Length;
        }

        return sum;
    }

    /// <summary>Ours in process: every DTB file to a DTS file.</summary>
    public long OursDtbToDts()
    {
        long sum = 0;
        for (int i = 0; i < _dtbs.Length; i++)
        {
            DeviceTree tree = DtbReader.ReadFile(_dtbs[i]);
            using var output = new StreamWriter(Out(i, ".ours.dts"), append: false, new UTF8Encoding(false));
            DtsWriter.Write(tree, output);
            output.Flush();
            sum += output.BaseStream.Length;
        }

        return sum;
    }

    /// <summary>One dtc process per DTS file.</summary>
    public long DtcDtsToDtb() => EachFile(i => ChildProcess.Run(_dtc, "-q", "-I", "dts", "-O", "dtb", "-o", Out(i, ".dtc.dtb"), _dts[i]));

    /// <summary>One dtc process per DTB file.</summary>
    public long DtcDtbToDts() => EachFile(i => ChildProcess.Run(_dtc, "-q", "-I", "dtb", "-O", "dts", "-o", Out(i, ".dtc.dts"), _dtbs[i]));

    /// <summary>One <c>xen-ext-regions dt convert</c> process per DTS file.</summary>
    public long CliDtsToDtb(string cli) => EachFile(i => ChildProcess.Run(cli, "dt", "convert", _dts[i], Out(i, ".cli.dtb")));

    /// <summary>One <c>xen-ext-regions dt convert</c> process per DTB file.</summary>
    public long CliDtbToDts(string cli) => EachFile(i => ChildProcess.Run(cli, "dt", "convert", _dtbs[i], Out(i, ".cli.dts")));

    private long EachFile(Func<int, long> run)
    {
        long sum = 0;
        for (int i = 0; i < _dtbs.Length; i++)
        {
            sum += 1 + run(i);
        }

        return sum;
    }

    private string Out(int index, string suffix) => Path.Combine(_outDir, BoardName(_dtbs[index]) + suffix);
}
