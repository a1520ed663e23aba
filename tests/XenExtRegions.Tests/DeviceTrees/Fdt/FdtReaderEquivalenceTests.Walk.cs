using System;
using System.Collections.Generic;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

// FdtReader.Walk with a struct visitor must hand over the tokens ReferenceFdtReader reads, and leave the reader
// (and the caller's visitor) exactly as the Read calls would: after a visitor stops it, after FDT_END, and at a
// fault (message, offset, state). Walks are cut every few tokens and mixed with single Read calls.
public sealed partial class FdtReaderEquivalenceTests
{
    [Fact]
    public void Visitor_walk_matches_the_reference_reader_on_random_and_mutated_blobs()
    {
        Gen.Select(Cases, Gen.Int[0, 7]).Sample(
            (c, stopEvery) => Assert.Equal(ReferenceVisits(c.Blob, c.Options, stopEvery), Visits(c.Blob, c.Options, stopEvery)),
            iter: 3000);
    }

    [Fact]
    public void Visitor_walk_matches_the_reference_reader_on_every_valid_prefix_cut()
    {
        byte[] full = FdtBlobComposer.Minimal().Build();
        uint size = FdtBlobComposer.Get(full, 36);
        for (uint cut = 0; cut <= size; cut++)
        {
            foreach (uint version in new uint[] { 3, 16, 17 })
            {
                byte[] blob = (byte[])full.Clone();
                FdtBlobComposer.Set(blob, 20, version);
                FdtBlobComposer.Set(blob, 24, Math.Min(version, 16u) == 3 ? 2u : 16u);
                FdtBlobComposer.Set(blob, 36, cut);
                foreach (int stopEvery in new[] { 0, 1, 2 })
                {
                    Assert.Equal(ReferenceVisits(blob, null, stopEvery), Visits(blob, null, stopEvery));
                }
            }
        }
    }

    [Fact]
    public void A_visitor_walk_of_a_well_formed_tree_sees_every_token_once()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        List<string> visits = Visits(blob, null, stopEvery: 0);
        Assert.Equal(ReferenceVisits(blob, null, stopEvery: 0), visits);
        Assert.Contains(visits, v => v.StartsWith("prop ", StringComparison.Ordinal));
        Assert.StartsWith("walk True after", visits[visits.Count - 2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_visitor_walk_names_every_property_right_when_names_outnumber_its_name_length_table()
    {
        // 300 names of lengths 1 to 40, used in one order by the root and in another by its child: the walk's
        // table of name lengths (64 slots by strings-block offset) must evict and refill without mixing names up.
        var names = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            names.Add(new string((char)('a' + (i % 26)), 1 + (i % 40)) + FormattableString.Invariant($"{i}"));
        }

        var child = new List<object>();
        for (int i = names.Count - 1; i >= 0; i -= 7)
        {
            child.Add(TreeBuilder.Cells(names[i], (uint)i));
        }

        var root = new List<object>();
        root.AddRange(names.ConvertAll(n => (object)TreeBuilder.Cells(n)));
        root.Add(TreeBuilder.N("child", child.ToArray()));
        byte[] blob = DtbWriter.Write(TreeBuilder.Tree(root.ToArray()));

        List<string> visits = Visits(blob, null, stopEvery: 0);
        Assert.Equal(ReferenceVisits(blob, null, stopEvery: 0), visits);
        Assert.Equal(300 + 43, visits.FindAll(v => v.StartsWith("prop ", StringComparison.Ordinal)).Count);
    }

    // stopEvery > 0: the visitor stops the walk after that many tokens; after an odd-sized cut one Read follows.
    private static List<string> Visits(byte[] blob, DtbReaderOptions? options, int stopEvery)
    {
        var log = new List<string>();
        try
        {
            var r = new FdtReader(blob, options);
            var visitor = new Recorder(log, stopEvery);
            try
            {
                for (int walks = 0; walks < 10_000; walks++)
                {
                    bool ended = r.Walk(ref visitor);
                    log.Add(FormattableString.Invariant($"walk {ended} after {visitor.Count} ") + Describe(!ended, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                    if (ended)
                    {
                        bool more = r.Read();
                        log.Add(Describe(more, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        break;
                    }

                    if (stopEvery % 2 == 1)
                    {
                        bool more = r.Read();
                        log.Add("read " + Describe(more, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        if (!more)
                        {
                            break;
                        }
                    }
                }
            }
            catch (DeviceTreeFormatException e)
            {
                log.Add(Failure(e) + FormattableString.Invariant($" state {r.TokenOffset} {r.Depth} {r.BytesConsumed}"));
            }
        }
        catch (DeviceTreeFormatException e)
        {
            log.Add("constructor " + Failure(e));
        }

        return log;
    }

    private static List<string> ReferenceVisits(byte[] blob, DtbReaderOptions? options, int stopEvery)
    {
        var log = new List<string>();
        try
        {
            var r = new ReferenceFdtReader(blob, options);
            int count = 0;
            int sinceStop = 0;
            try
            {
                while (true)
                {
                    if (!r.Read())
                    {
                        log.Add(FormattableString.Invariant($"walk True after {count} ") + Describe(false, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        bool again = r.Read();
                        log.Add(Describe(again, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        break;
                    }

                    log.Add(Visit(r.TokenType, r.TokenOffset, r.TokenType == FdtToken.BeginNode ? r.NodeName : r.PropertyName, r.PropertyValue));
                    count++;
                    if (stopEvery == 0 || ++sinceStop < stopEvery)
                    {
                        continue;
                    }

                    sinceStop = 0;
                    log.Add(FormattableString.Invariant($"walk False after {count} ") + Describe(true, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                    if (stopEvery % 2 == 1)
                    {
                        bool more = r.Read();
                        log.Add("read " + Describe(more, r.TokenType, r.TokenOffset, r.Depth, r.BytesConsumed, r.NodeName, r.PropertyName, r.PropertyValue, r.PropertyNameOffset));
                        if (!more)
                        {
                            break;
                        }
                    }
                }
            }
            catch (DeviceTreeFormatException e)
            {
                log.Add(Failure(e) + FormattableString.Invariant($" state {r.TokenOffset} {r.Depth} {r.BytesConsumed}"));
            }
        }
        catch (DeviceTreeFormatException e)
        {
            log.Add("constructor " + Failure(e));
        }

        return log;
    }

    private static string Visit(FdtToken token, int offset, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => token switch
    {
        FdtToken.BeginNode => FormattableString.Invariant($"begin @{offset} '{Hex(name)}'"),
        FdtToken.Prop => FormattableString.Invariant($"prop @{offset} '{Hex(name)}' = {Hex(value)}"),
        _ => FormattableString.Invariant($"end @{offset}"),
    };

    // Count checks that the walk's copy of the visitor is stored back; the log is shared by every copy.
    private struct Recorder : IFdtTokenVisitor
    {
        private readonly List<string> _log;
        private readonly int _stopEvery;
        private int _sinceStop;

        public Recorder(List<string> log, int stopEvery)
        {
            _log = log;
            _stopEvery = stopEvery;
            _sinceStop = 0;
            Count = 0;
        }

        public int Count { get; private set; }

        public bool OnBeginNode(ReadOnlySpan<byte> name, int offset) => Take(Visit(FdtToken.BeginNode, offset, name, default));

        public bool OnProperty(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int offset) => Take(Visit(FdtToken.Prop, offset, name, value));

        public bool OnEndNode(int offset) => Take(Visit(FdtToken.EndNode, offset, default, default));

        private bool Take(string entry)
        {
            _log.Add(entry);
            Count++;
            if (_stopEvery == 0 || ++_sinceStop < _stopEvery)
            {
                return true;
            }

            _sinceStop = 0;
            return false;
        }
    }
}
