using CsCheck;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Addressing.Properties;

/// <summary>
/// Random two-window buses against a naive model written from the spec text (first window containing the start wins,
/// offset added to the parent base), deliberately not sharing code with the decoder.
/// </summary>
public sealed class TranslationModelProperties
{
    private static readonly DeviceTreeAddressDecoder Decoder = new();

    [Fact]
    public void Translation_matches_a_first_window_wins_model()
    {
        Gen<uint> gen32 = Gen.UInt[0, 0x0fffffff];
        Gen.Select(gen32, gen32, gen32, gen32, gen32, gen32, Gen.UInt[0, 0x3fffffff])
            .Sample((c1, p1, s1, c2, p2, s2, a) =>
            {
                // Two windows of a 1-cell bus under a 2-cell root; the parent bases sit above 4 GiB.
                DeviceTree tree = Tree(Ac(2), Sc(2),
                    N("bus", Ac(1), Sc(1), Rng(c1, 0x1, p1, s1, c2, 0x2, p2, s2), N("dev", Reg(a, 0x10))));

                ulong? expected = Model(a, (c1, 0x1_00000000UL + p1, s1), (c2, 0x2_00000000UL + p2, s2));
                bool ok = Decoder.TryTranslate(tree.Find("/bus/dev"), 0, out TranslatedAddress t, out AddressTranslationError error);

                Assert.Equal(expected.HasValue, ok);
                if (ok)
                {
                    Assert.Equal(expected!.Value, t.Address);
                }
                else
                {
                    Assert.Equal(AddressTranslationFailure.NoMatchingRange, error.Reason);
                }
            }, iter: 2000);
    }

    private static ulong? Model(ulong address, params (ulong Child, ulong Parent, ulong Size)[] windows)
    {
        foreach ((ulong child, ulong parent, ulong size) in windows)
        {
            if (address >= child && address - child < size)
            {
                return parent + (address - child);
            }
        }

        return null;
    }
}
