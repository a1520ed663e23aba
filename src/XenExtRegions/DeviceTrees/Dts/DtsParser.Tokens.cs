using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Tokens: names, labels, references, separators, and how to describe a character in an error.</summary>
internal sealed partial class DtsParser
{
    private bool SkipTriviaThen()
    {
        _s.SkipTrivia();
        return true;
    }

    private static string DisplayName(DtsSourceNode node) => node.Parent is null ? "/" : node.Path;

    private void ExpectSemicolon(string context)
    {
        _s.SkipTrivia();
        if (_s.Current != ';')
        {
            throw _s.Location.Error($"Expected ';' {context}, but found {Describe(_s.Current)}.");
        }

        _s.Advance();
    }

    private string ReadNameAfterKeyword(string keyword)
    {
        _s.SkipTrivia();
        if (!DtsCharacters.IsNameChar(_s.Current))
        {
            throw _s.Location.Error($"Expected a name after '{keyword}', but found {Describe(_s.Current)}.");
        }

        return ReadName();
    }

    /// <summary>Reads a node or property name (<c>[a-zA-Z0-9,._+*#?@-]+</c>).</summary>
    private string ReadName()
    {
        string text = _s.Text;
        int start = _s.Pos;
        int pos = start;
        while (pos < text.Length && DtsCharacters.IsNameChar(text[pos]))
        {
            pos++;
        }

        _s.Pos = pos;
        return _names.Get(text, start, pos - start);
    }

    /// <summary>Reads "label:" when the current token is one, else leaves the position unchanged.</summary>
    private bool TryReadLabel([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? label) => TryReadLabel(out label, out _);

    /// <summary>As <see cref="TryReadLabel(out string?)"/>; <paramref name="runEnd"/> is where the run of label characters ended.</summary>
    private bool TryReadLabel([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? label, out int runEnd)
    {
        string text = _s.Text;
        int start = _s.Pos;
        runEnd = start;
        if (start >= text.Length || !DtsCharacters.IsLabelStart(text[start]))
        {
            label = null;
            return false;
        }

        int pos = start + 1;
        while (pos < text.Length && DtsCharacters.IsLabelChar(text[pos]))
        {
            pos++;
        }

        runEnd = pos;
        if (pos >= text.Length || text[pos] != ':')
        {
            label = null;
            return false;
        }

        label = _names.Get(text, start, pos - start);
        SawLabels = true;
        _s.Pos = pos + 1;
        return true;
    }

    /// <summary>Reads <c>&amp;label</c> or <c>&amp;{/path}</c> at '&amp;'; returns the label or the path.</summary>
    private string ReadReference()
    {
        DtsSourceLocation at = _s.Location;
        _s.Advance();
        string text = _s.Text;
        if (_s.Current == '{')
        {
            _s.Advance();
            int start = _s.Pos;
            int pos = start;
            while (pos < text.Length && DtsCharacters.IsPathChar(text[pos]))
            {
                pos++;
            }

            _s.Pos = pos;
            if (_s.Current != '}')
            {
                throw _s.Location.Error($"Expected '}}' to end the path reference, but found {Describe(_s.Current)}.");
            }

            string path = text.Substring(start, pos - start);
            _s.Advance();
            if (path.Length == 0 || path[0] != '/')
            {
                throw at.Error($"A path reference '&{{{path}}}' must start with '/'.");
            }

            return path;
        }

        if (!DtsCharacters.IsLabelStart(_s.Current))
        {
            throw at.Error($"Expected a label or '{{/path}}' after '&', but found {Describe(_s.Current)}.");
        }

        int s0 = _s.Pos;
        int p = s0;
        while (p < text.Length && DtsCharacters.IsLabelChar(text[p]))
        {
            p++;
        }

        _s.Pos = p;
        return _names.Get(text, s0, p - s0);
    }

    private string Describe(char c)
    {
        if (_s.AtEndOfFile)
        {
            return "the end of the file";
        }

        return c switch
        {
            '\n' => "a line break",
            '\'' => "\"'\"",
            _ when c < ' ' || c == 0x7f => FormattableString.Invariant($"character U+{(int)c:X4}"),
            _ when EscapedUtf8.IsEscape(c) => FormattableString.Invariant($"byte 0x{EscapedUtf8.EscapedByte(c):x2} (not valid UTF-8)"),
            _ when char.IsSurrogate(c) => FormattableString.Invariant($"lone surrogate U+{(int)c:X4}"),
            _ => "'" + c + "'",
        };
    }

}
