using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// OverlayRedirects composes libfdt's replacements ("every cell equal to FROM becomes TO", one pass over the local
/// fixups each) into one map: for any sequence, the map sends every value where the replacements one after another
/// would have taken it.
/// </summary>
public sealed class OverlayRedirectsModelTests
{
    private const uint Values = 8;

    [Fact]
    public void Composed_redirects_equal_the_replacements_applied_one_after_another()
    {
        Gen.Select(Gen.UInt[0, Values - 1], Gen.UInt[0, Values - 1]).Array[0, 24].Sample(steps =>
        {
            var redirects = new OverlayRedirects();
            uint[] cells = Enumerable.Range(0, (int)Values).Select(v => (uint)v).ToArray();
            foreach ((uint from, uint to) in steps)
            {
                redirects.Redirect(from, to);
                for (int i = 0; i < cells.Length; i++)
                {
                    if (cells[i] == from)
                    {
                        cells[i] = to;
                    }
                }
            }

            Dictionary<uint, uint> map = redirects.Compose();
            for (uint v = 0; v < Values; v++)
            {
                uint composed = map.TryGetValue(v, out uint to) ? to : v;
                Assert.True(composed == cells[v], $"{string.Join(" ", steps)}: {v} -> {composed}, expected {cells[v]}");
            }

            // Only values that change are in the map, and a sequence of no-ops leaves nothing to do.
            Assert.All(map, e => Assert.NotEqual(e.Key, e.Value));
            Assert.Equal(steps.All(s => s.Item1 == s.Item2), redirects.IsEmpty);
        });
    }

    [Fact]
    public void A_chain_and_a_merge_of_redirects_compose()
    {
        var redirects = new OverlayRedirects();
        redirects.Redirect(1, 2);
        redirects.Redirect(3, 4);
        redirects.Redirect(2, 4); // 1 and 2 join 3 at 4
        redirects.Redirect(1, 9); // nothing is at 1 any more
        Assert.Equal(new Dictionary<uint, uint> { [1] = 4, [2] = 4, [3] = 4 }, redirects.Compose());
    }
}
