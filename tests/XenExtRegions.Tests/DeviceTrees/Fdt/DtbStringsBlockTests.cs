using System;
using System.Collections.Generic;
using System.Text;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

public sealed class DtbStringsBlockTests
{
    /// <summary>dtc 1.6.1's rule, written the slow way: the first offset whose NUL-terminated string equals the name.</summary>
    private static int NaiveAdd(List<byte> block, string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        for (int at = 0; at < block.Count; at++)
        {
            int i = 0;
            while (i < bytes.Length && at + i < block.Count && block[at + i] == bytes[i])
            {
                i++;
            }

            if (i == bytes.Length && at + i < block.Count && block[at + i] == 0)
            {
                return at;
            }
        }

        int start = block.Count;
        block.AddRange(bytes);
        block.Add(0);
        return start;
    }

    [Fact]
    public void A_name_ending_an_earlier_name_takes_the_tail_of_the_earliest_one()
    {
        // The same names and order as a tree dtc 1.6.1 compiled to "a-reg\0xreg\0yreg\0ab\0zz\0".
        string[] names = { "a-reg", "reg", "xreg", "yreg", "eg", "g", "reg", "ab", "b", "zz", "z" };
        int[] dtcOffsets = { 0, 2, 6, 11, 3, 4, 2, 16, 17, 19, 20 };
        var block = new DtbStringsBlock();
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(dtcOffsets[i], block.Add(names[i]));
        }

        Assert.Equal("a-reg\0xreg\0yreg\0ab\0zz\0", Encoding.ASCII.GetString(block.Bytes.ToArray()));
    }

    [Fact]
    public void A_name_met_before_its_longer_form_is_stored_twice()
    {
        var block = new DtbStringsBlock();
        Assert.Equal(0, block.Add("reg"));
        Assert.Equal(4, block.Add("a-reg"));
        Assert.Equal(0, block.Add("reg"));
        Assert.Equal(5, block.Add("-reg"));
        Assert.Equal("reg\0a-reg\0", Encoding.ASCII.GetString(block.Bytes.ToArray()));
    }

    [Fact]
    public void Equal_names_from_different_instances_share_one_copy()
    {
        var block = new DtbStringsBlock();
        Assert.Equal(0, block.Add(new string('x', 3)));
        Assert.Equal(0, block.Add(new string('x', 3)));
        Assert.Equal(1, block.Add(new string('x', 2)));
        Assert.Equal(4, block.Length);
    }

    [Fact]
    public void Offsets_match_dtcs_scan_for_any_order_of_names()
    {
        // A two-letter alphabet makes tails, splits inside an edge and names ending mid-edge common.
        Gen.String[Gen.Char['a', 'b'], 1, 7].Array[1, 40].Sample(names =>
        {
            var block = new DtbStringsBlock();
            var naive = new List<byte>();
            foreach (string name in names)
            {
                Assert.Equal(NaiveAdd(naive, name), block.Add(name));
            }

            Assert.Equal(naive.ToArray(), block.Bytes.ToArray());
        });
    }

    [Fact]
    public void The_trie_stays_within_two_nodes_per_stored_string_on_long_names()
    {
        // Names of 4 KiB that differ only in their first byte: a trie node per byte would hold ~1 M nodes.
        var block = new DtbStringsBlock();
        string tail = new('t', 4096);
        int stored = 0;
        for (int i = 0; i < 250; i++)
        {
            int before = block.Length;
            block.Add((char)('A' + (i % 26)) + new string((char)('a' + (i / 26)), 1) + tail);
            stored += block.Length > before ? 1 : 0;
        }

        Assert.True(block.TrieNodeCount <= (2 * stored) + 1, $"{block.TrieNodeCount} trie nodes for {stored} strings");
        Assert.Equal(250, stored);
        Assert.Equal(2, block.Add(tail));
        Assert.Equal(1, block.Add("a" + tail));
    }
}
