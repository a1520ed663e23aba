namespace XenExtRegions.DeviceTrees;

/// <summary>The character classes of dtc's DTS lexer.</summary>
internal static class DtsCharacters
{
    /// <summary>A character of a node or property name: <c>[a-zA-Z0-9,._+*#?@-]</c>.</summary>
    public static bool IsNameChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == ',' || c == '.' || c == '_' || c == '+' || c == '*' || c == '#' || c == '?' || c == '@' || c == '-';

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
