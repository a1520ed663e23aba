using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Short-hands for reader tests.</summary>
internal static class DtsTestText
{
    public static DeviceTree Parse(string body) => DtsReader.Parse("/dts-v1/;\n" + body, "test.dts");

    public static byte[] Value(DeviceTree tree, string path, string property) =>
        tree.FindNode(path)!.GetProperty(property)!.Value.ToArray();

    public static DtsSyntaxException Error(string text) =>
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(text, "bad.dts"));

    public static byte[] Bytes(params int[] values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[i] = (byte)values[i];
        }

        return bytes;
    }
}
