using System;
using System.Collections.Generic;
using System.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The character-level layer of the DTS parser: the current position over a stack of source files, and the
/// trivia between tokens (whitespace, comments, <c>/include/</c>, C preprocessor line markers). Tokens themselves are
/// read by <see cref="DtsParser"/>, because which token comes next depends on where the parser is (as in dtc).
/// </summary>
internal sealed partial class DtsScanner
{
    private static readonly string[] PreprocessorDirectives =
    {
        "include", "include_next", "import", "define", "undef", "if", "ifdef", "ifndef", "elif", "else", "endif",
        "error", "warning", "pragma",
    };

    private readonly DtsReaderOptions _options;
    private readonly Stack<Source> _stack = new();
    private Source _src;

    public DtsScanner(string text, string fileName, string? directory, string? fullPath, DtsReaderOptions options, DtsFileGate files)
    {
        _options = options;
        Files = files;
        _src = new Source(text, fileName, directory, fullPath);
    }

    /// <summary>Where include and incbin files are found and read.</summary>
    public DtsFileGate Files { get; }

    /// <summary>The text of the file being read.</summary>
    public string Text => _src.Text;

    /// <summary>The index of the current character in <see cref="Text"/>.</summary>
    public int Pos
    {
        get => _src.Pos;
        set => _src.Pos = value;
    }

    /// <summary>The current character, or '\0' at the end of the current file.</summary>
    public char Current => _src.Pos < _src.Text.Length ? _src.Text[_src.Pos] : '\0';

    /// <summary>True at the end of the current file.</summary>
    public bool AtEndOfFile => _src.Pos >= _src.Text.Length;

    /// <summary>The directory of the current file, for <c>/incbin/</c>.</summary>
    public string? CurrentDirectory => _src.Directory;

    /// <summary>The location of the current character.</summary>
    public DtsSourceLocation Location => new(_src.File, _src.Line, _src.Pos - _src.LineStart + 1);

    /// <summary>The location of an earlier index on the current line (tokens never span lines except strings).</summary>
    public DtsSourceLocation LocationOf(int pos) => new(_src.File, _src.Line, pos - _src.LineStart + 1);

    /// <summary>The character at <see cref="Pos"/> + <paramref name="ahead"/>, or '\0'.</summary>
    public char PeekAt(int ahead)
    {
        int i = _src.Pos + ahead;
        return i < _src.Text.Length ? _src.Text[i] : '\0';
    }

    /// <summary>True when the text at the current position starts with <paramref name="s"/>.</summary>
    public bool LookingAt(string s)
    {
        // The first character decides most calls (every keyword starts with '/'), without a full ordinal compare.
        string text = _src.Text;
        int pos = _src.Pos;
        return pos < text.Length && text[pos] == s[0] && pos + s.Length <= text.Length && string.CompareOrdinal(text, pos, s, 0, s.Length) == 0;
    }

    /// <summary>Advances over one character that is not a line break.</summary>
    public void Advance() => _src.Pos++;

    /// <summary>Advances over <paramref name="count"/> characters that are not line breaks.</summary>
    public void Advance(int count) => _src.Pos += count;

    /// <summary>Advances over one character, keeping line numbers right when it is a line break.</summary>
    public void AdvanceAny()
    {
        if (_src.Text[_src.Pos] == '\n')
        {
            _src.Line++;
            _src.LineStart = _src.Pos + 1;
        }

        _src.Pos++;
    }

    /// <summary>
    /// Skips whitespace, comments, <c>/include/</c> directives (entering the included file) and C preprocessor line
    /// markers; returns to the including file at the end of an included one. Stops at the next token or at the end
    /// of the outermost file.
    /// </summary>
    public void SkipTrivia()
    {
        while (true)
        {
            string text = _src.Text;
            int pos = _src.Pos;
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c == '\n')
                {
                    _src.Line++;
                    _src.LineStart = pos + 1;
                    pos++;
                }
                else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
                {
                    pos++;
                }
                else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '/')
                {
                    pos += 2;
                    while (pos < text.Length && text[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
                {
                    _src.Pos = pos;
                    DtsSourceLocation start = Location;
                    pos += 2;
                    while (true)
                    {
                        if (pos + 1 >= text.Length)
                        {
                            _src.Pos = text.Length;
                            throw start.Error("Unterminated comment: '/*' has no matching '*/'.");
                        }

                        if (text[pos] == '*' && text[pos + 1] == '/')
                        {
                            pos += 2;
                            break;
                        }

                        if (text[pos] == '\n')
                        {
                            _src.Line++;
                            _src.LineStart = pos + 1;
                        }

                        pos++;
                    }
                }
                else if (c == '#' && IsAtLineStart(pos) && TryPreprocessorLine(ref pos))
                {
                    // A line marker was consumed; keep skipping.
                }
                else if (c == '/' && string.CompareOrdinal(text, pos, "/include/", 0, 9) == 0)
                {
                    _src.Pos = pos + 9;
                    EnterInclude();
                    goto Restart;
                }
                else
                {
                    break;
                }
            }

            _src.Pos = pos;
            if (pos < text.Length || _stack.Count == 0)
            {
                return;
            }

            // End of an included file: continue after the /include/ in the file that included it.
            _src = _stack.Pop();
        Restart:;
        }
    }

    private bool IsAtLineStart(int pos)
    {
        for (int i = pos - 1; i >= _src.LineStart; i--)
        {
            char c = _src.Text[i];
            if (c != ' ' && c != '\t')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// At a '#' that starts a line: consumes a cpp line marker (<c># 12 "file.dts"</c> or <c>#line 12</c>) and
    /// returns true; throws for any other preprocessor directive; returns false when the '#' starts a name such as
    /// <c>#address-cells</c>, which is what dtc's lexer does too.
    /// </summary>
    private bool TryPreprocessorLine(ref int pos)
    {
        string text = _src.Text;
        int i = pos + 1;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        int wordStart = i;
        while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
        {
            i++;
        }

        string word = text.Substring(wordStart, i - wordStart);
        bool endsWord = i >= text.Length || !DtsCharacters.IsNameChar(text[i]);
        if (word == "line" && endsWord)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
            {
                i++;
            }
        }
        else if (word.Length > 0)
        {
            if (endsWord && Array.IndexOf(PreprocessorDirectives, word) >= 0)
            {
                _src.Pos = pos;
                throw Location.Error(
                    $"C preprocessor directive '#{word}' found. This reader does not run the C preprocessor: run it first " +
                    "(for example 'cpp -nostdinc -undef -x assembler-with-cpp -I <include dirs> input.dts -o input.pre.dts') " +
                    "and read its output.");
            }

            return false;
        }

        // A line marker: '#' [line] digits [ "file" [flags] ]. Anything else (e.g. a lone '#') is left to the parser.
        int digitsStart = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            i++;
        }

        if (i == digitsStart || (i < text.Length && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n'))
        {
            return false;
        }

        long line = 0;
        for (int d = digitsStart; d < i; d++)
        {
            line = Math.Min((line * 10) + (text[d] - '0'), int.MaxValue);
        }

        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        if (i < text.Length && text[i] == '"')
        {
            int nameStart = ++i;
            while (i < text.Length && text[i] != '"' && text[i] != '\n')
            {
                i += text[i] == '\\' && i + 1 < text.Length && text[i + 1] != '\n' ? 2 : 1;
            }

            if (i < text.Length && text[i] == '"')
            {
                _src.File = text.Substring(nameStart, i - nameStart).Replace("\\\\", "\\").Replace("\\\"", "\"");
            }
        }

        while (i < text.Length && text[i] != '\n')
        {
            i++;
        }

        // The line after the marker has the number the marker gives.
        if (i < text.Length)
        {
            _src.Line = (int)line - 1;
        }

        pos = i;
        return true;
    }

    private void EnterInclude()
    {
        DtsSourceLocation at = Location;
        SkipSpaceOnly();
        if (Current != '"')
        {
            throw Location.Error("Expected a quoted file name after '/include/'.");
        }

        string name = ReadSimpleQuoted();

        // Resolved first, so that text without file access is told that, whatever the include depth limit.
        string fullPath = ResolveFile(name, "/include/", at);
        if (_stack.Count + 1 > _options.MaxIncludeDepth)
        {
            throw at.Error(FormattableString.Invariant(
                $"Includes are nested more than {_options.MaxIncludeDepth} deep (including '{name}') (DtsReaderOptions.MaxIncludeDepth)."));
        }

        if (IsOpen(fullPath))
        {
            throw at.Error($"'/include/ \"{name}\"' includes itself through a cycle of includes.");
        }

        byte[] bytes = Files.Read(fullPath, name, 0, null, at);
        string text = DtsSourceText.Decode(bytes);

        _stack.Push(_src);
        _src = new Source(text, fullPath, Path.GetDirectoryName(fullPath), fullPath);
    }

    /// <summary>Finds an include or incbin file as <see cref="DtsReaderOptions.FileAccess"/> allows; returns its full path.</summary>
    public string ResolveFile(string name, string directive, DtsSourceLocation at) =>
        Files.Resolve(name, _src.Directory, directive, at);

    private bool IsOpen(string fullPath)
    {
        if (string.Equals(_src.FullPath, fullPath, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (Source s in _stack)
        {
            if (string.Equals(s.FullPath, fullPath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void SkipSpaceOnly()
    {
        while (!AtEndOfFile && (Current == ' ' || Current == '\t' || Current == '\r' || Current == '\n'))
        {
            AdvanceAny();
        }
    }

    /// <summary>Reads a "..." file name with \" and \\ escapes only (dtc keeps other backslashes).</summary>
    private string ReadSimpleQuoted()
    {
        DtsSourceLocation start = Location;
        Advance();
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (AtEndOfFile || Current == '\n')
            {
                throw start.Error("Unterminated file name string.");
            }

            char c = Current;
            Advance();
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c == '\\' && (Current == '"' || Current == '\\'))
            {
                c = Current;
                Advance();
            }

            sb.Append(c);
        }
    }

    private sealed class Source
    {
        public Source(string text, string file, string? directory, string? fullPath)
        {
            Text = text;
            File = file;
            Directory = directory;
            FullPath = fullPath;
        }

        public string Text { get; }

        public string File { get; set; }

        public string? Directory { get; }

        public string? FullPath { get; }

        public int Pos { get; set; }

        public int Line { get; set; } = 1;

        public int LineStart { get; set; }
    }
}
