using System;
using System.Collections.Generic;
using System.Text;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

// The fast token walk (inlined Read, unchecked reads, property names checked against the strings block's last
// NUL) must behave exactly as the reader it replaced (ReferenceFdtReader): the same tokens with the same state
// after each Read, and the same failure (message, offset, state) at the same token, on well-formed, broken and
// mutated blobs, under tight and default limits.
public sealed partial class FdtReaderEquivalenceTests
{
    private static readonly string[] NodeNames = ["", "a", "cpu@0", "dev@1f4000001000", "bus@3e7", "abcdefg", "abcdefgh", "a/b", "/", "x/y/very-long-node-name@12345678"];
    private static readonly string[] PropertyNames = ["reg", "compatible", "status", "#address-cells", "a", "interrupts-extended"];

    // An op: kind, a parameter. Kinds: 0-1 begin, 2-4 prop, 5-6 end node, 7 nop, 8 end, 9 raw word.
    private static readonly Gen<(int Kind, int Parameter)[]> Ops = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000]).Array[0, 40];

    private static readonly Gen<(int Position, byte Value)[]> Mutations = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[0, 3];

    private static readonly Gen<Case> Cases =
        Gen.Select(Ops, Mutations, Gen.Int[0, 3], Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 2], Gen.Int[0, 2])
            .Select(t => new Case(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7));

    [Fact]
    public void Fast_walk_matches_the_reference_reader_on_random_and_mutated_blobs()
    {
        Cases.Sample(c => Assert.Equal(Walk(c.Blob, c.Options, reference: true), Walk(c.Blob, c.Options, reference: false)), iter: 3000);
    }

    [Fact]
    public void Fast_walk_matches_the_reference_reader_on_every_valid_prefix_cut()
    {
        // Each truncation of size_dt_struct of a well-formed tree stops the walk somewhere else.
        byte[] full = FdtBlobComposer.Minimal().Build();
        uint size = FdtBlobComposer.Get(full, 36);
        for (uint cut = 0; cut <= size; cut++)
        {
            foreach (uint version in new uint[] { 16, 17 })
            {
                byte[] blob = (byte[])full.Clone();
                FdtBlobComposer.Set(blob, 20, version);
                FdtBlobComposer.Set(blob, 36, cut);
                Assert.Equal(Walk(blob, null, reference: true), Walk(blob, null, reference: false));
            }
        }
    }

    [Fact]
    public void Fast_walk_matches_the_reference_reader_on_a_large_written_tree()
    {
        var children = new List<DeviceTreeNode>();
        for (int i = 0; i < 300; i++)
        {
            children.Add(new DeviceTreeNode(
                "dev@" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                [new DeviceTreeProperty("compatible", Encoding.ASCII.GetBytes("vendor,device-v2\0generic\0")), new DeviceTreeProperty("reg", new byte[16 + (i % 9)]), new DeviceTreeProperty("status", Encoding.ASCII.GetBytes("okay\0"))]));
        }

        byte[] blob = DtbWriter.Write(new DeviceTree(new DeviceTreeNode(string.Empty, [new DeviceTreeProperty("model", Encoding.ASCII.GetBytes("m\0"))], children)));
        List<string> expected = Walk(blob, null, reference: true);
        Assert.Equal(expected, Walk(blob, null, reference: false));
        Assert.Equal(2 + (300 * 5) + 3, expected.Count); // root, model, 300 x (begin, 3 props, end), root end, END, the Read after it
    }

    [Fact]
    public void A_property_name_running_into_the_unterminated_tail_of_the_strings_block_fails_as_before()
    {
        // The strings block "reg\0st" ends without a NUL: "reg" is fine, "st" is unterminated, offset 3 is empty.
        foreach (uint offset in new uint[] { 0, 3, 4, 5, 6, 7 })
        {
            var c = new FdtBlobComposer().RawString(Encoding.ASCII.GetBytes("reg\0st"));
            byte[] blob = c.BeginNode(string.Empty).PropRaw(4, offset, new byte[4]).EndNode().End().Build();
            List<string> expected = Walk(blob, null, reference: true);
            Assert.Equal(expected, Walk(blob, null, reference: false));
            Assert.Equal(offset == 0, expected.Exists(e => e.StartsWith("read Prop", StringComparison.Ordinal)));
        }
    }

    private static List<string> Walk(byte[] blob, DtbReaderOptions? options, bool reference)
    {
        var log = new List<string>();
        try
        {
            if (reference)
            {
                var r = new ReferenceFdtReader(blob, options);
                try
                {
                    for (int steps = 0; steps < 10_000; steps++)
                    {
                        bool more = r.Read();
                        log.Add(Describe(more, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        if (!more)
                        {
                            log.Add(Describe(r.Read(), r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                            break;
                        }
                    }
                }
                catch (DeviceTreeFormatException e)
                {
                    log.Add(Failure(e) + FormattableString.Invariant($" state {r.TokenOffset} {r.Depth} {r.BytesConsumed}"));
                }
            }
            else
            {
                var r = new FdtReader(blob, options);
                try
                {
                    for (int steps = 0; steps < 10_000; steps++)
                    {
                        bool more = r.Read();
                        log.Add(Describe(more, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        if (!more)
                        {
                            log.Add(Describe(r.Read(), r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                            break;
                        }
                    }
                }
                catch (DeviceTreeFormatException e)
                {
                    log.Add(Failure(e) + FormattableString.Invariant($" state {r.TokenOffset} {r.Depth} {r.BytesConsumed}"));
                }
            }
        }
        catch (DeviceTreeFormatException e)
        {
            log.Add("constructor " + Failure(e));
        }

        return log;
    }

    private static string Describe(bool more, FdtToken token, int offset, int depth, int consumed, ReadOnlySpan<byte> nodeName, ReadOnlySpan<byte> propertyName, ReadOnlySpan<byte> value, uint nameOffset) =>
        FormattableString.Invariant($"{(more ? "read" : "done")} {token} @{offset} d{depth} c{consumed} node '{Hex(nodeName)}' prop '{Hex(propertyName)}' = {Hex(value)} off{nameOffset}");

    private static string Failure(DeviceTreeFormatException e) => FormattableString.Invariant($"fail {e.Problem} @{e.Offset}");

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes.ToArray());

    private sealed class Case
    {
        public Case((int Kind, int Parameter)[] ops, (int Position, byte Value)[] mutations, int version, int structCut, int stringsCut, int depthLimit, int sizeLimit)
        {
            var c = new FdtBlobComposer { Version = version == 0 ? 16u : 17u, LastCompVersion = 16 };
            c.BeginNode(string.Empty);
            foreach ((int kind, int parameter) in ops)
            {
                _ = kind switch
                {
                    0 or 1 => c.BeginNode(NodeNames[parameter % NodeNames.Length]),
                    2 or 3 or 4 => c.Prop(PropertyNames[parameter % PropertyNames.Length], new byte[parameter % 21]),
                    5 or 6 => c.EndNode(),
                    7 => c.Nop(),
                    8 => c.End(),
                    _ => c.Word((uint)parameter % 12),
                };
            }

            c.EndNode().End();
            byte[] blob = c.Build();
            int structOffset = c.StructOffset;
            foreach ((int position, byte value) in mutations)
            {
                blob[structOffset + (position % (blob.Length - structOffset))] = value;
            }

            if (version == 1)
            {
                // Version 3: names are full paths and 8-byte values are aligned to 8.
                FdtBlobComposer.Set(blob, 20, 3);
                FdtBlobComposer.Set(blob, 24, 2);
            }

            FdtBlobComposer.Set(blob, 36, FdtBlobComposer.Get(blob, 36) - (uint)Math.Min(structCut, (int)FdtBlobComposer.Get(blob, 36)));
            FdtBlobComposer.Set(blob, 32, FdtBlobComposer.Get(blob, 32) - (uint)Math.Min(stringsCut, (int)FdtBlobComposer.Get(blob, 32)));
            Blob = blob;
            Options = new DtbReaderOptions
            {
                MaxDepth = depthLimit == 0 ? 2 : DtbReaderOptions.DefaultMaxDepth,
                MaxPropertySize = sizeLimit == 0 ? 8 : DtbReaderOptions.DefaultMaxPropertySize,
            };
        }

        public byte[] Blob { get; }

        public DtbReaderOptions Options { get; }

        public override string ToString() => Convert.ToBase64String(Blob);
    }
}
