namespace XenExtRegions.DeviceTrees;

/// <summary>The type dtc guesses for a raw property value when printing it.</summary>
internal enum DtsValueKind
{
    Empty,
    Strings,
    Cells,
    Bytes,
}
