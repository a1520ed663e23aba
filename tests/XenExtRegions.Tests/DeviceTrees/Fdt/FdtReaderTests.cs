using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

public sealed class FdtReaderTests
{
    [Fact]
    public void Walks_tokens_with_depth_names_and_values()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        var reader = new FdtReader(blob);
        var seen = new List<string>();
        while (reader.Read())
        {
            seen.Add(reader.TokenType switch
            {
                FdtToken.BeginNode => $"begin '{Encoding.ASCII.GetString(reader.NodeName)}' d{reader.Depth} @{reader.TokenOffset}",
                FdtToken.Prop => $"prop {Encoding.ASCII.GetString(reader.PropertyName)}={reader.PropertyValue.Length} d{reader.Depth} off{reader.PropertyNameOffset}",
                _ => $"end d{reader.Depth}",
            });
        }

        Assert.Equal(
            new[] { "begin '' d1 @56", "prop model=2 d1 off0", "begin 'child@1' d2 @80", "prop reg=4 d2 off6", "end d1", "end d0" },
            seen);
        Assert.Equal(FdtToken.End, reader.TokenType);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Nop_tokens_are_skipped()
    {
        var c = new FdtBlobComposer().Nop().BeginNode(string.Empty).Nop().Nop().PropCell("x", 1).Nop().EndNode().Nop().End();
        var reader = new FdtReader(c.Build());
        var tokens = new List<FdtToken>();
        while (reader.Read())
        {
            tokens.Add(reader.TokenType);
        }

        Assert.Equal(new[] { FdtToken.BeginNode, FdtToken.Prop, FdtToken.EndNode }, tokens);
    }

    [Fact]
    public void Skip_jumps_over_a_subtree()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("a").BeginNode("b").PropCell("x", 1).EndNode().EndNode().PropCell("y", 2).EndNode().End();
        var reader = new FdtReader(c.Build());
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal("a", Encoding.ASCII.GetString(reader.NodeName));
        reader.Skip();
        Assert.Equal(FdtToken.EndNode, reader.TokenType);
        Assert.Equal(1, reader.Depth);
        Assert.True(reader.Read());
        Assert.Equal("y", Encoding.ASCII.GetString(reader.PropertyName));
    }

    [Fact]
    public void Reservations_are_read_until_the_terminator()
    {
        byte[] blob = new FdtBlobComposer().Reserve(1, 2).Reserve(3, 4).BeginNode(string.Empty).EndNode().End().Build();
        var rsv = new FdtMemoryReservationReader(blob);
        var list = new List<MemoryReservation>();
        while (rsv.Read())
        {
            list.Add(rsv.Current);
        }

        Assert.Equal(new[] { new MemoryReservation(1, 2), new MemoryReservation(3, 4) }, list);
        Assert.False(rsv.Read());
    }

    [Fact]
    public void Old_version_full_path_names_give_the_last_component()
    {
        var c = new FdtBlobComposer { Version = 16, LastCompVersion = 16 };
        c.BeginNode("/").BeginNode("/soc").BeginNode("/soc/uart@1").EndNode().EndNode().EndNode().End();
        byte[] blob = c.Build();
        FdtBlobComposer.Set(blob, 20, 3);
        FdtBlobComposer.Set(blob, 24, 2);
        DeviceTree tree = DtbReader.Read(blob);
        Assert.Equal("/soc/uart@1", tree.FindNode("/soc/uart@1")!.Path);
        Assert.Equal(string.Empty, tree.Root.Name);
    }
}
