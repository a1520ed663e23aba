using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>String literals: their bytes, escapes, and raw bytes kept as they are.</summary>
internal sealed partial class DtsParser
{
    /// <summary>Reads a "..." string at '"', appending its bytes (UTF-8, escapes decoded) without a terminator.</summary>
    private void ReadString(ByteBuffer into)
    {
        DtsSourceLocation start = _s.Location;
        _s.Advance();
        string text = _s.Text;
        while (true)
        {
            int pos = _s.Pos;

            // Fast path: a run of plain ASCII.
            while (pos < text.Length)
            {
                char ch = text[pos];
                if (ch == '"' || ch == '\\' || ch == '\n' || ch >= 0x80)
                {
                    break;
                }

                into.Add((byte)ch);
                pos++;
            }

            _s.Pos = pos;
            if (_s.AtEndOfFile)
            {
                throw start.Error("Unterminated string: the file ends before the closing '\"'.");
            }

            char c = text[pos];
            if (c == '"')
            {
                _s.Advance();
                return;
            }

            if (c == '\n')
            {
                // dtc allows a string to span lines.
                into.Add((byte)'\n');
                _s.AdvanceAny();
                continue;
            }

            if (c == '\\')
            {
                _s.Advance();
                if (_s.AtEndOfFile)
                {
                    throw start.Error("Unterminated string: the file ends after a backslash.");
                }

                ReadEscape(into);
                continue;
            }

            AppendUtf8(into, text, ref pos);
            _s.Pos = pos;
        }
    }

    /// <summary>Decodes the escape after a backslash, as dtc's get_escape_char.</summary>
    private void ReadEscape(ByteBuffer into)
    {
        char c = _s.Current;
        switch (c)
        {
            case 'a': into.Add(7); _s.Advance(); return;
            case 'b': into.Add(8); _s.Advance(); return;
            case 't': into.Add(9); _s.Advance(); return;
            case 'n': into.Add(10); _s.Advance(); return;
            case 'v': into.Add(11); _s.Advance(); return;
            case 'f': into.Add(12); _s.Advance(); return;
            case 'r': into.Add(13); _s.Advance(); return;
            case 'x':
            {
                DtsSourceLocation at = _s.Location;
                _s.Advance();
                int value = 0;
                int digits = 0;
                while (digits < 2 && DtsCharacters.IsHexDigit(_s.Current))
                {
                    value = (value << 4) | DtsCharacters.HexValue(_s.Current);
                    _s.Advance();
                    digits++;
                }

                if (digits == 0)
                {
                    throw at.Error("'\\x' is used with no following hex digits.");
                }

                into.Add((byte)value);
                return;
            }

            default:
                if (c >= '0' && c <= '7')
                {
                    int value = 0;
                    for (int digits = 0; digits < 3 && _s.Current >= '0' && _s.Current <= '7'; digits++)
                    {
                        value = (value << 3) | (_s.Current - '0');
                        _s.Advance();
                    }

                    into.Add((byte)value);
                    return;
                }

                if (c == '\n' || c == '\r')
                {
                    // dtc's string token does not allow an escaped line break.
                    throw _s.LocationOf(_s.Pos - 1).Error("A backslash cannot end a line inside a string or character literal.");
                }

                // Any other escaped character stands for itself (\\, \", \' and the rest).
                int pos = _s.Pos;
                AppendUtf8(into, _s.Text, ref pos);
                _s.Pos = pos;
                return;
        }
    }

    /// <summary>
    /// Appends the bytes of the character at <paramref name="pos"/> inside a string or character literal: UTF-8, or
    /// the raw byte a lone surrogate U+DC80–U+DCFF stands for (a byte of the file that is not valid UTF-8, which
    /// dtc keeps as it is).
    /// </summary>
    private void AppendUtf8(ByteBuffer into, string text, ref int pos)
    {
        char c = text[pos];
        if (c < 0x80)
        {
            into.Add((byte)c);
            pos++;
            return;
        }

        // A low surrogate here is lone: a pair is taken whole at its high half.
        if (EscapedUtf8.IsEscape(c))
        {
            into.Add(EscapedUtf8.EscapedByte(c));
            pos++;
            return;
        }

        bool pair = char.IsHighSurrogate(c) && pos + 1 < text.Length && char.IsLowSurrogate(text[pos + 1]);
        if (char.IsSurrogate(c) && !pair)
        {
            throw _s.LocationOf(pos).Error(FormattableString.Invariant(
                $"Lone surrogate U+{(int)c:X4} in a literal: only U+DC80-U+DCFF stand for raw bytes (0x80-0xFF); other lone surrogates have no bytes."));
        }

        int length = pair ? 2 : 1;
        into.AddRange(System.Text.Encoding.UTF8.GetBytes(text.Substring(pos, length)));
        pos += length;
    }
}
