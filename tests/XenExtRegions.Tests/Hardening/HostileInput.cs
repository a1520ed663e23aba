using System;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// Runs a reader on hostile input and checks the outcome: success or our documented exception, with an allocation
/// in proportion to the input. Any other exception propagates and fails the test.
/// </summary>
internal static class HostileInput
{
    /// <summary>Fixed allowance for the model, options, exception and message objects, whatever the input size.</summary>
    public const long FixedAllowance = 1024 * 1024;

    /// <summary>
    /// Bytes allowed per input byte (or char): the tree model keeps a copy of the blob plus node and property objects.
    /// Generous on purpose: the point is to catch allocations sized by a length field, which are orders bigger.
    /// </summary>
    public const long PerInputUnit = 512;

    /// <summary>The allocation bound for an input of <paramref name="inputSize"/> bytes or chars.</summary>
    public static long Bound(long inputSize) => FixedAllowance + (PerInputUnit * inputSize);

    /// <summary>Runs <paramref name="read"/>; true on success, false on <typeparamref name="TExpected"/>.</summary>
    public static bool Run<TExpected>(long inputSize, Action read, string what)
        where TExpected : Exception
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok;
        try
        {
            read();
            ok = true;
        }
        catch (TExpected)
        {
            ok = false;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= Bound(inputSize), FormattableString.Invariant($"{what}: {allocated} bytes allocated for an input of {inputSize}, more than {Bound(inputSize)}."));
        return ok;
    }

    /// <summary>Reads a blob; true when it was read, false on <see cref="DeviceTreeFormatException"/>.</summary>
    public static bool ReadDtb(byte[] blob, string what, out DeviceTree? tree)
    {
        DeviceTree? read = null;
        bool ok = Run<DeviceTreeFormatException>(blob.Length, () => read = DtbReader.Read(blob), what);
        tree = read;
        return ok;
    }

    /// <summary>Parses DTS text; true when it parsed, false on <see cref="DtsSyntaxException"/>.</summary>
    public static bool ParseDts(string text, string what, out DeviceTree? tree, DtsReaderOptions? options = null)
    {
        DeviceTree? parsed = null;
        bool ok = Run<DtsSyntaxException>(text.Length, () => parsed = DtsReader.Parse(text, "hostile.dts", options), what);
        tree = parsed;
        return ok;
    }
}
