using System;
using System.IO;
using System.Text;

namespace XenExtRegions.XenLog;

/// <summary>One piece of console text, cleaned of control characters, with where it was.</summary>
internal readonly struct XenLogPiece
{
    public XenLogPiece(string text, int lineNumber, bool afterNul, bool truncated)
    {
        Text = text;
        LineNumber = lineNumber;
        AfterNul = afterNul;
        Truncated = truncated;
    }

    /// <summary>The text, without line breaks, NULs, ANSI escapes or other control characters.</summary>
    public string Text { get; }

    /// <summary>The 1-based physical line (CR, LF or CRLF ends a line; NUL splits a line into pieces, not lines).</summary>
    public int LineNumber { get; }

    /// <summary>True when the piece comes right after NUL bytes: in a console ring dumped from RAM it may be a cut line.</summary>
    public bool AfterNul { get; }

    /// <summary>True when the piece was longer than <see cref="XenLogLineSplitter.MaxPieceLength"/> and was cut.</summary>
    public bool Truncated { get; }
}

/// <summary>
/// Splits console text into pieces in one pass with bounded memory: CR, LF and CRLF end a line, NUL ends a piece
/// (an early console ring dumped from RAM is text padded with NULs), ANSI escape sequences and other control
/// characters are dropped, and a piece longer than <see cref="MaxPieceLength"/> is cut there (the rest skipped).
/// Pieces that are empty or blank are not returned.
/// </summary>
internal sealed class XenLogLineSplitter
{
    /// <summary>
    /// Longer than any line Xen prints (its printk buffer holds 1024 characters) with every console prefix added.
    /// </summary>
    public const int MaxPieceLength = 4096;

    private const int MaxEscapeLength = 32;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _piece = new();
    private int _position;
    private int _length;
    private bool _ended;
    private bool _sawCr;
    private bool _nulBefore;
    private bool _truncated;
    private int _escape; // 0 none, 1 after ESC, 2 inside a CSI sequence (ESC '[' … final byte)
    private int _escapeLength;
    private int _breaks;
    private bool _textSinceBreak;

    public XenLogLineSplitter(TextReader reader)
    {
        _reader = reader;
    }

    /// <summary>The number of physical lines read so far (as <see cref="TextReader.ReadLine"/> would count them).</summary>
    public int LineCount => _breaks + (_textSinceBreak ? 1 : 0);

    /// <summary>Reads the next non-blank piece.</summary>
    public bool TryRead(out XenLogPiece piece)
    {
        while (true)
        {
            if (_position == _length)
            {
                if (_ended || !Fill())
                {
                    _ended = true;
                    return TryEmit(_breaks + 1, out piece);
                }
            }

            char c = _buffer[_position++];
            bool wasCr = _sawCr;
            _sawCr = false;
            if (c is '\n' or '\r')
            {
                if (c == '\n' && wasCr)
                {
                    continue; // the LF of a CRLF: the CR already ended the line
                }

                _sawCr = c == '\r';
                int line = _breaks + 1;
                _breaks++;
                _textSinceBreak = false;
                _escape = 0;
                bool emittedLine = TryEmit(line, out piece);
                _nulBefore = false; // text after a line break starts a whole line, NULs or not
                if (emittedLine)
                {
                    return true;
                }

                continue;
            }

            _textSinceBreak = true;
            if (c == '\0')
            {
                _escape = 0;
                bool emitted = TryEmit(_breaks + 1, out piece);
                _nulBefore = true;
                if (emitted)
                {
                    return true;
                }

                continue;
            }

            Append(c);
        }
    }

    private bool Fill()
    {
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    private void Append(char c)
    {
        if (_escape == 1)
        {
            _escape = c == '[' ? 2 : 0;
            _escapeLength = 0;
            return;
        }

        if (_escape == 2)
        {
            // Parameters and intermediates (0x20-0x3F) until a final byte (0x40-0x7E); a control character, DEL or
            // non-ASCII (all outside 0x20-0x7E) ends it too, and so does length, so garbage cannot hide text for long.
            if (c >= '@' || c < ' ' || ++_escapeLength > MaxEscapeLength)
            {
                _escape = 0;
            }

            return;
        }

        if (c == '\u001b')
        {
            _escape = 1;
            return;
        }

        if (c == '\t')
        {
            c = ' ';
        }
        else if (c < ' ' || (c >= '\u007f' && c <= '\u009f'))
        {
            return;
        }

        if (_piece.Length >= MaxPieceLength)
        {
            _truncated = true;
            return;
        }

        _piece.Append(c);
    }

    private bool TryEmit(int lineNumber, out XenLogPiece piece)
    {
        bool blank = true;
        for (int i = 0; i < _piece.Length && blank; i++)
        {
            blank = _piece[i] == ' ';
        }

        if (blank)
        {
            _piece.Clear();
            _truncated = false;
            piece = default;
            return false;
        }

        // Each caller sets _nulBefore for the text that follows (a line break clears it, a NUL sets it).
        piece = new XenLogPiece(_piece.ToString(), lineNumber, _nulBefore, _truncated);
        _piece.Clear();
        _truncated = false;
        return true;
    }
}
