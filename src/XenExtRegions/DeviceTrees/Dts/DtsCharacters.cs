namespace XenExtRegions.DeviceTrees;

/// <summary>The character classes of dtc's DTS lexer.</summary>
internal static class DtsCharacters
{
    /// <summary>A character of a node or property name: <c>[a-zA-Z0-9,._+*#?@-]</c>.</summary>
    public static bool IsNameChar(char c) => c < 64 ? (NameCharsLow & (1UL << c)) != 0 : c < 128 && (NameCharsHigh & (1UL << (c - 64))) != 0;

    // [a-zA-Z0-9,._+*#?@-] as a 128-bit set (names are checked a character at a time before every DTS is printed):
    // bit c of the low word for c < 64, bit c - 64 of the high word above.
    private const ulong NameCharsLow = 0x83ff7c0800000000UL;
    private const ulong NameCharsHigh = 0x7fffffe87ffffffUL;

    /// <summary>A character of a label: <c>[a-zA-Z0-9_]</c>.</summary>
    public static bool IsLabelChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

    /// <summary>The first character of a label: <c>[a-zA-Z_]</c>.</summary>
    public static bool IsLabelStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    /// <summary>A character of a path in <c>&amp;{/path}</c>.</summary>
    public static bool IsPathChar(char c) => IsNameChar(c) || c == '/';

    public static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>C's <c>isprint</c> in the C locale.</summary>
    public static bool IsPrintable(byte b) => b >= 0x20 && b < 0x7f;
}
