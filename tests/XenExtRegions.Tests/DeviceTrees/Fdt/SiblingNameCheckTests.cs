using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>
/// The sibling-name check against a quadratic model: the hash table, the sorting fallback it switches to when
/// its probe budget runs out, and the reader end to end must all name the same first duplicate.
/// </summary>
public sealed class SiblingNameCheckTests
{
    // A small alphabet makes duplicates common; the non-ASCII entries share a prefix and differ in invalid bytes.
    private static readonly byte[][] Names =
    [
        "a"u8.ToArray(), "b"u8.ToArray(), "dev@1"u8.ToArray(), "dev@10"u8.ToArray(), "dev@100"u8.ToArray(),
        "caf\u00e9"u8.ToArray(), [0x6e, 0xff], [0x6e, 0xfe], [0x6e, 0xc3], "x,y-z"u8.ToArray(),
    ];

    private static readonly Gen<int[]> Siblings = Gen.Int[0, Names.Length - 1].Array[0, 60];

    private static int? Model(int[] names)
    {
        // Names are equal exactly when their bytes are (the reader decodes losslessly).
        for (int j = 0; j < names.Length; j++)
        {
            for (int i = 0; i < j; i++)
            {
                if (Names[names[i]].AsSpan().SequenceEqual(Names[names[j]]))
                {
                    return j;
                }
            }
        }

        return null;
    }

    [Fact]
    public void The_reader_reports_the_models_first_duplicate()
    {
        Siblings.Sample(names =>
        {
            var c = new FdtBlobComposer().BeginNode(string.Empty);
            var offsets = new List<int>();
            foreach (int n in names)
            {
                offsets.Add(c.Here);
                c.BeginNodeRaw(Names[n]).EndNode();
            }

            c.EndNode().End();
            int? expected = Model(names);
            if (expected is int j)
            {
                DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
                Assert.Equal(offsets[j], e.Offset);
            }
            else
            {
                Assert.Equal(names.Length, DtbReader.Read(c.Build()).Root.Children.Count);
            }
        }, iter: 400);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    public void Hash_table_and_sorting_fallback_agree_with_the_model(int probesPerChild)
    {
        // One blob holding every name once; entries may repeat a name to make duplicates. Non-ASCII names come
        // decoded, as the reader hands them over.
        byte[] blob = Names.SelectMany(n => n).ToArray();
        int[] starts = new int[Names.Length];
        for (int i = 1; i < Names.Length; i++)
        {
            starts[i] = starts[i - 1] + Names[i - 1].Length;
        }

        Siblings.Sample(names =>
        {
            // One check per sample: CsCheck runs samples on several threads, and a check reuses its table.
            var check = new SiblingNameCheck(probesPerChild);
            var entries = names.Select(n => new DtbChildEntry(blob, starts[n], Names[n].Length, Names[n].All(b => b < 0x80) ? null : EscapedUtf8.Decode(blob, starts[n], Names[n].Length), n)).ToList();
            int? expected = Model(names);
            Assert.Equal(expected, check.FindFirstDuplicate(entries));
            Assert.Equal(expected, SiblingNameCheck.FindFirstDuplicateBySorting(entries));
        }, iter: 400);
    }
}
