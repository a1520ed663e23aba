using System;
using System.Buffers.Binary;
using System.IO;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// A real-sized board blob, mutated with a fixed seed, through the reader and then through everything that reads a
/// tree (decoder, boot facts, engine). The reader's own hostile tests use a small hand-made blob; here the whole
/// pipeline meets the mutants.
/// </summary>
public sealed class DtbPipelineMutationTests
{
    private static byte[] BoardBlob()
    {
        string dts = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Fdt", "Fixtures", "board.dts"));
        return DtbWriter.Write(DtsReader.Parse(dts, "board.dts"));
    }

    private static void ReadAndRun(byte[] blob, string what)
    {
        if (HostileInput.ReadDtb(blob, what, out DeviceTree? tree))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            TreePipeline.Run(tree!);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // The engine keeps per-call state only; the decoder and scanner lists are in proportion to the tree.
            Assert.True(allocated <= HostileInput.Bound(blob.Length) * 8, FormattableString.Invariant($"{what}: the pipeline allocated {allocated} bytes for a {blob.Length}-byte blob."));
        }
    }

    [Fact]
    public void The_board_blob_is_real_sized_and_runs_through_the_pipeline()
    {
        byte[] blob = BoardBlob();
        Assert.InRange(blob.Length, 2000, 16_384);
        ReadAndRun(blob, "board");
    }

    [Fact]
    public void Truncation_at_every_offset_of_the_board_ends_cleanly()
    {
        byte[] blob = BoardBlob();
        for (int length = 0; length < blob.Length; length++)
        {
            byte[] cut = blob[..length];
            ReadAndRun(cut, FormattableString.Invariant($"cut at {length}"));
            if (length >= 40)
            {
                // totalsize claims the cut length, so the blocks themselves are cut, not just the buffer.
                BinaryPrimitives.WriteUInt32BigEndian(cut.AsSpan(4), (uint)length);
                ReadAndRun(cut, FormattableString.Invariant($"cut at {length}, totalsize adjusted"));
            }
        }
    }

    [Fact]
    public void Random_bit_flips_and_word_stores_in_the_board_end_cleanly()
    {
        byte[] original = BoardBlob();
        uint[] interesting = [0, 1, 2, 3, 4, 5, 9, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x1000, (uint)original.Length, (uint)original.Length + 1];
        var random = new Random(0x5eed);
        for (int mutant = 0; mutant < 1500; mutant++)
        {
            byte[] blob = (byte[])original.Clone();
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits; e++)
            {
                if (random.Next(2) == 0)
                {
                    int bit = random.Next(blob.Length * 8);
                    blob[bit / 8] ^= (byte)(1 << (bit % 8));
                }
                else
                {
                    // A 4-aligned word (a token, a length, a name offset or a cell) set to an edge value.
                    int at = random.Next(blob.Length / 4) * 4;
                    BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), interesting[random.Next(interesting.Length)]);
                }
            }

            ReadAndRun(blob, FormattableString.Invariant($"mutant {mutant}"));
        }
    }

    [Fact]
    public void Cells_of_the_board_set_to_edge_values_run_through_the_pipeline()
    {
        // Every 4-byte word of the structure block in turn set to each hostile cell value: this reaches every
        // #address-cells, #size-cells, reg and ranges cell of a real tree.
        byte[] original = BoardBlob();
        uint offStruct = BinaryPrimitives.ReadUInt32BigEndian(original.AsSpan(8));
        uint sizeStruct = BinaryPrimitives.ReadUInt32BigEndian(original.AsSpan(36));
        uint[] values = [0, 5, 0xffffffff, 0x80000000];
        for (uint at = offStruct; at + 4 <= offStruct + sizeStruct; at += 4)
        {
            foreach (uint value in values)
            {
                byte[] blob = (byte[])original.Clone();
                BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan((int)at), value);
                ReadAndRun(blob, FormattableString.Invariant($"word at 0x{at:x} = 0x{value:x}"));
            }
        }
    }
}
