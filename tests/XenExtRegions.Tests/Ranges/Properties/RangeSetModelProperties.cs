using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges.Properties;

/// <summary>
/// RangeSet against <see cref="BitmapRangeModel"/>: random sequences of adds and removes over 256 addresses,
/// at the bottom of the space and at its very top (2^64-256 .. 2^64-1), where any last + 1 wrap shows.
/// </summary>
public sealed class RangeSetModelProperties
{
    private const ulong TopBase = ulong.MaxValue - (BitmapRangeModel.DefaultSize - 1);

    /// <summary>An operation on offsets within the universe: kind 0 = add, 1 = remove; First &lt;= Last.</summary>
    internal readonly record struct Op(int Kind, int First, int Last)
    {
        public override string ToString() => (Kind == 0 ? "Add" : "Remove") + $"({First}, {Last})";
    }

    // Short ranges make merges, splits and near misses frequent; long ones sweep across many ranges.
    private static readonly Gen<(int, int)> GenBounds =
        Gen.Frequency(
            (3, Gen.Int[0, BitmapRangeModel.DefaultSize - 1].SelectMany(a => Gen.Int[0, 6].Select(len => (a, System.Math.Min(a + len, BitmapRangeModel.DefaultSize - 1))))),
            (1, Gen.Int[0, BitmapRangeModel.DefaultSize - 1].SelectMany(a => Gen.Int[a, BitmapRangeModel.DefaultSize - 1].Select(b => (a, b)))));

    internal static readonly Gen<Op> GenOp =
        Gen.Select(Gen.Int[0, 9], GenBounds, (k, b) => new Op(k < 6 ? 0 : 1, b.Item1, b.Item2));

    internal static readonly Gen<Op[]> GenOps = GenOp.Array[1, 60];

    // Node capacity 4 grows trees several levels deep from a few dozen ranges, so splits, borrowing and merging
    // of leaves and inner nodes all run; 64 is the production size.
    [Theory]
    [InlineData(0UL, 64)]
    [InlineData(TopBase, 64)]
    [InlineData(0UL, 4)]
    [InlineData(TopBase, 4)]
    public void Random_op_sequences_match_the_bitmap_model(ulong @base, int nodeCapacity)
    {
        GenOps.Sample(ops =>
        {
            var model = new BitmapRangeModel(@base);
            var set = new RangeSet(nodeCapacity);
            foreach (Op op in ops)
            {
                Apply(set, model, op);
                RangeSetAssert.Canonical(set);
                set.VerifyStructure();
                Assert.Equal(model.Runs(), set.ToArray());
            }
        }, iter: 1000);
    }

    [Theory]
    [InlineData(0UL, 64)]
    [InlineData(TopBase, 64)]
    [InlineData(TopBase, 4)]
    public void Queries_match_the_bitmap_model(ulong @base, int nodeCapacity)
    {
        Gen.Select(GenOps, GenBounds.Array[8]).Sample((ops, windows) =>
        {
            var model = new BitmapRangeModel(@base);
            var set = new RangeSet(nodeCapacity);
            foreach (Op op in ops)
            {
                Apply(set, model, op);
            }

            foreach ((int a, int b) in windows)
            {
                ulong first = model.Address(a);
                ulong last = model.Address(b);
                bool covered = model.Floor(a) is AddressRange floor && floor.Last >= last;
                Assert.Equal(covered, set.Contains(first, last));
                Assert.Equal(model.Get(a), set.Contains(first));
                Assert.Equal(model.Any(a, b), set.Overlaps(first, last));
                Assert.Equal(model.Runs(a, b), set.Report(first, last).ToList());

                var reported = new List<AddressRange>();
                Assert.Equal(0, set.Report(first, last, r => { reported.Add(r); return 0; }));
                Assert.Equal(model.Runs(a, b), reported);

                AddressRange? expectedFloor = model.Floor(a);
                Assert.Equal(expectedFloor.HasValue, set.TryFindFloor(first, out AddressRange found));
                if (expectedFloor.HasValue)
                {
                    Assert.Equal(expectedFloor.Value, found);
                }

                RangeSet complement = set.Complement(first, last);
                RangeSetAssert.Canonical(complement);
                var inverse = model.Clone();
                inverse.Set(0, BitmapRangeModel.DefaultSize - 1, false);
                for (int i = a; i <= b; i++)
                {
                    inverse.Set(i, i, !model.Get(i));
                }

                Assert.Equal(inverse.Runs(), complement.ToArray());
            }
        }, iter: 1000);
    }

    [Theory]
    [InlineData(0UL, 64)]
    [InlineData(TopBase, 64)]
    [InlineData(TopBase, 4)]
    public void Set_operations_match_the_bitmap_model(ulong @base, int nodeCapacity)
    {
        Gen.Select(GenOps, GenOps).Sample((opsA, opsB) =>
        {
            var modelA = new BitmapRangeModel(@base);
            var modelB = new BitmapRangeModel(@base);
            var a = new RangeSet(nodeCapacity);
            var b = new RangeSet(nodeCapacity);
            foreach (Op op in opsA)
            {
                Apply(a, modelA, op);
            }

            foreach (Op op in opsB)
            {
                Apply(b, modelB, op);
            }

            var union = a.Clone();
            union.UnionWith(b);
            var except = a.Clone();
            except.ExceptWith(b);
            var intersect = a.Clone();
            intersect.IntersectWith(b);

            var expectedUnion = new BitmapRangeModel(@base);
            var expectedExcept = new BitmapRangeModel(@base);
            var expectedIntersect = new BitmapRangeModel(@base);
            for (int i = 0; i < BitmapRangeModel.DefaultSize; i++)
            {
                expectedUnion.Set(i, i, modelA.Get(i) || modelB.Get(i));
                expectedExcept.Set(i, i, modelA.Get(i) && !modelB.Get(i));
                expectedIntersect.Set(i, i, modelA.Get(i) && modelB.Get(i));
            }

            foreach (RangeSet result in new[] { union, except, intersect })
            {
                RangeSetAssert.Canonical(result);
                result.VerifyStructure();
            }

            Assert.Equal(expectedUnion.Runs(), union.ToArray());
            Assert.Equal(expectedExcept.Runs(), except.ToArray());
            Assert.Equal(expectedIntersect.Runs(), intersect.ToArray());

            // The operands are untouched, and the laws tie the operations together.
            Assert.Equal(modelA.Runs(), a.ToArray());
            Assert.Equal(modelB.Runs(), b.ToArray());
            var rebuilt = except.Clone();
            rebuilt.UnionWith(intersect);
            Assert.Equal(a.ToArray(), rebuilt.ToArray());
            var viaComplement = a.Clone();
            viaComplement.IntersectWith(b.Complement());
            Assert.Equal(except.ToArray(), viaComplement.ToArray());
            Assert.Equal(modelA.Runs(), new RangeSet(a.Reverse()).ToArray());
        }, iter: 1000);
    }

    /// <summary>
    /// A wider universe filled with hundreds of short ranges, so the B+tree grows many leaves and levels; then
    /// sweeping adds and removes that span leaves, merge them and split them.
    /// </summary>
    [Theory]
    [InlineData(0UL, 4)]
    [InlineData(ulong.MaxValue - 2047, 4)]
    [InlineData(ulong.MaxValue - 2047, 8)]
    public void Multi_leaf_sequences_match_the_bitmap_model(ulong @base, int nodeCapacity)
    {
        const int size = 2048;
        Gen<Op> fill = Gen.Int[0, size - 4].SelectMany(a => Gen.Int[0, 2].Select(len => new Op(0, a, a + len)));
        Gen<Op> sweep = Gen.Select(Gen.Int[0, 1], Gen.Int[0, size - 1], Gen.Int[0, 400], (k, a, len) => new Op(k, a, System.Math.Min(a + len, size - 1)));
        Gen<Op> punch = Gen.Int[0, size - 1].Select(a => new Op(1, a, a));
        Gen.Select(fill.Array[100, 400], Gen.Frequency((2, sweep), (3, punch), (3, fill)).Array[20, 60]).Sample((filling, ops) =>
        {
            var model = new BitmapRangeModel(@base, size);
            var set = new RangeSet(nodeCapacity);
            foreach (Op op in filling)
            {
                Apply(set, model, op);
            }

            set.VerifyStructure();
            Assert.Equal(model.Runs(), set.ToArray());
            foreach (Op op in ops)
            {
                Apply(set, model, op);
                set.VerifyStructure();
                Assert.Equal(model.Runs(), set.ToArray());
            }
        }, iter: 40);
    }

    private static void Apply(RangeSet set, BitmapRangeModel model, Op op)
    {
        ulong first = model.Address(op.First);
        ulong last = model.Address(op.Last);
        if (op.Kind == 0)
        {
            set.Add(first, last);
            model.Set(op.First, op.Last, true);
        }
        else
        {
            set.Remove(first, last);
            model.Set(op.First, op.Last, false);
        }
    }
}
