using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Fdt;

/// <summary>The low-level walk both DTB suites time: every token, touching each name and value.</summary>
internal static class FdtWalk
{
    /// <summary>Walks <paramref name="blob"/> with <see cref="FdtReader"/>.</summary>
    /// <returns>A checksum, so the walk cannot be optimised away.</returns>
    public static long SumTokens(byte[] blob)
    {
        var reader = new FdtReader(blob);
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.PropertyValue.Length + reader.NodeName.Length;
        }

        return sum;
    }
}
