using System.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Turns the bytes of a DTS file into the text the scanner reads. dtc reads a source as bytes and copies the bytes
/// of a string literal as they are, valid UTF-8 or not; to do the same through a string, bytes that are not valid
/// UTF-8 become the lone surrogates U+DC80–U+DCFF of <see cref="EscapedUtf8"/>, which the parser turns back into
/// those bytes.
/// </summary>
internal static class DtsSourceText
{
    /// <summary>The text of a source file: UTF-8 (a UTF-8 byte order mark is skipped) unless a UTF-16/32 byte order mark says otherwise.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return EscapedUtf8.Decode(bytes, 3, bytes.Length - 3);
        }

        bool utf16Or32 = bytes.Length >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)
            || (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF));
        if (!utf16Or32)
        {
            return EscapedUtf8.Decode(bytes, 0, bytes.Length);
        }

        // Text in those encodings has no raw bytes to keep; the framework reads it as File.ReadAllText would.
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
