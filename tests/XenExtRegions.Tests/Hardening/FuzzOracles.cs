using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>A broken rule found by a fuzz oracle (not an exception the library throws).</summary>
internal sealed class FuzzFindingException : Exception
{
    public FuzzFindingException(string message)
        : base("FINDING: " + message)
    {
    }

    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message, Exception innerException)
        : base("FINDING: " + message, innerException)
    {
    }
}

/// <summary>
/// The oracles of the fuzz targets dtsout, overlay and check (fuzz/README.md), shared with the CsCheck properties in
/// FuzzOraclePropertyTests so that CI runs the same rules. Each takes any bytes, lets the exceptions the API documents
/// for bad input pass silently, and throws FuzzFindingException (or lets an undocumented exception escape) otherwise.
/// The builder oracle is BuilderScript.
/// </summary>
internal static class FuzzOracles
{
    // What a fuzzed DTS may read: nothing (as in the dts target).
    private static readonly DtsReaderOptions DtsOptions = new() { FileAccess = DtsFileAccess.None };

    private static readonly DeviceTreeOverlayOptions[] OverlayRules = [DeviceTreeOverlayOptions.Default, new() { KeepBasePhandles = false }];

    /// <summary>DTB → tree → DTB reads back equal; tree → DTS is refused with DtsWriteException or reads back equal.</summary>
    public static void WriterRoundTrip(byte[] input)
    {
        if (TryRead(input) is not { } tree)
        {
            return;
        }

        RoundTrips(tree, "DTB");
    }

    /// <summary>The tree writes as DTB and reads back equal, and writes as DTS (or is refused) and reads back equal.</summary>
    public static void RoundTrips(DeviceTree tree, string what)
    {
        byte[] blob;
        try
        {
            blob = DtbWriter.Write(tree);
        }
        catch (ArgumentException e)
        {
            throw new FuzzFindingException($"{what}: a tree that was read or built cannot be written as DTB: {e.Message}", e);
        }

        Same(tree, DtbReader.Read(blob), what + " → DTB → tree");

        string text;
        try
        {
            text = DtsWriter.Write(tree);
        }
        catch (DtsWriteException)
        {
            return; // Documented: a name or phandle DTS cannot carry so that it reads back.
        }

        DeviceTree back;
        try
        {
            back = DtsReader.Parse(text, "round-trip.dts", DtsOptions);
        }
        catch (DtsSyntaxException e)
        {
            throw new FuzzFindingException($"{what}: the DTS written does not read back: {e.Message}", e);
        }

        // DTS has no syntax for boot_cpuid_phys (dtc takes it from -b), so that header field is left out here.
        SameExceptBootCpu(tree, back, what + " → DTS → tree");
    }

    /// <summary>
    /// The input is a base and an overlay: two concatenated DTBs when it starts with the DTB magic (the base's
    /// totalsize splits them), else split where its first two bytes say. Apply returns a tree that writes and reads
    /// back equal, or throws DeviceTreeOverlayException (or DeviceTreeFormatException for a malformed value).
    /// </summary>
    public static void Overlay(byte[] input)
    {
        (byte[] first, byte[] second) = Split(input);
        if (TryRead(first) is not { } baseTree || TryRead(second) is not { } overlay)
        {
            return;
        }

        foreach (DeviceTreeOverlayOptions rules in OverlayRules)
        {
            DeviceTree merged;
            try
            {
                merged = DeviceTreeOverlay.Apply(baseTree, overlay, rules);
            }
            catch (DeviceTreeOverlayException)
            {
                continue;
            }
            catch (DeviceTreeFormatException)
            {
                continue;
            }

            Same(merged, DtbReader.Read(DtbWriter.Write(merged)), "overlay result → DTB → tree");
        }
    }

    /// <summary>DeviceTreeChecker never throws for a tree DtbReader read, with every check on.</summary>
    public static void Checks(byte[] input)
    {
        if (TryRead(input) is not { } tree)
        {
            return;
        }

        foreach (DeviceTreeCheckFinding finding in new DeviceTreeChecker().Check(tree))
        {
            if (string.IsNullOrEmpty(finding.Message) || string.IsNullOrEmpty(finding.CheckName))
            {
                throw new FuzzFindingException("a check finding without a name or a message: " + finding);
            }
        }
    }

    public static (byte[] Base, byte[] Overlay) Split(byte[] input)
    {
        if (input.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(input) == FdtHeader.Magic)
        {
            int size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(input.AsSpan(4)), (uint)input.Length);
            return (input[..size], input[size..]);
        }

        if (input.Length < 2)
        {
            return (input, Array.Empty<byte>());
        }

        int at = 2 + (BinaryPrimitives.ReadUInt16BigEndian(input) % (input.Length - 1));
        return (input[2..at], input[at..]);
    }

    /// <summary>Concatenates a base and an overlay the way <see cref="Split"/> takes them apart.</summary>
    public static byte[] Join(byte[] baseBlob, byte[] overlayBlob)
    {
        var joined = new byte[baseBlob.Length + overlayBlob.Length];
        baseBlob.CopyTo(joined, 0);
        overlayBlob.CopyTo(joined, baseBlob.Length);
        return joined;
    }

    private static DeviceTree? TryRead(byte[] blob)
    {
        try
        {
            return DtbReader.Read(blob);
        }
        catch (DeviceTreeFormatException)
        {
            return null;
        }
    }

    private static void Same(DeviceTree expected, DeviceTree actual, string what)
    {
        if (DeviceTreeComparer.FindFirstDifference(expected, actual) is { } difference)
        {
            throw new FuzzFindingException($"{what} differs: {difference}");
        }
    }

    private static void SameExceptBootCpu(DeviceTree expected, DeviceTree actual, string what)
    {
        IReadOnlyList<MemoryReservation> a = expected.MemoryReservations;
        IReadOnlyList<MemoryReservation> b = actual.MemoryReservations;
        bool sameReservations = a.Count == b.Count;
        for (int i = 0; sameReservations && i < a.Count; i++)
        {
            sameReservations = a[i] == b[i];
        }

        if (!sameReservations)
        {
            throw new FuzzFindingException($"{what}: the memory reservations differ");
        }

        if (DeviceTreeComparer.FindFirstDifference(expected.Root, actual.Root) is { } difference)
        {
            throw new FuzzFindingException($"{what} differs: {difference}");
        }
    }
}
