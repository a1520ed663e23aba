using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Where <see cref="DtsWriter"/> puts its text: UTF-8 bytes in a buffer that is handed on in pieces (to a
/// <see cref="TextWriter"/>, decoded) or kept as a list of pieces and joined once (<see cref="ToArray"/>). Bytes,
/// not chars: the text is ASCII but for the line terminator, so appending is a store per character, the buffer is
/// half the size of a char one, and UTF-8 output needs no encoding pass.
/// </summary>
internal sealed class DtsTextSink
{
    /// <summary>A piece's size: below the large-object threshold, so pieces come from the young generation.</summary>
    private const int PieceSize = 32 * 1024;

    /// <summary>Text is handed on once a piece holds this much (checked between nodes, so a piece may grow past it).</summary>
    public const int FlushAt = PieceSize - 4096;

    private static readonly byte[] HexDigits = Encoding.ASCII.GetBytes("0123456789abcdef");

    private readonly TextWriter? _output;
    private readonly List<(byte[] Bytes, int Count)>? _pieces;
    private byte[] _buffer = new byte[PieceSize];
    private char[]? _chars;
    private int _count;
    private int _piecesLength;

    /// <summary>A sink that keeps the whole text (<paramref name="output"/> null) or passes it to <paramref name="output"/>.</summary>
    public DtsTextSink(TextWriter? output)
    {
        _output = output;
        _pieces = output is null ? new List<(byte[] Bytes, int Count)>() : null;
    }

    /// <summary>Passes the text so far on (or sets it aside as a piece) when there is at least <see cref="FlushAt"/> of it.</summary>
    public void FlushIfFull()
    {
        if (_count >= FlushAt)
        {
            Flush();
        }
    }

    /// <summary>Passes the text so far to the writer; for a kept text, sets the buffer aside as a piece.</summary>
    public void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        if (_output is not null)
        {
            // Every append ends on a whole character, so a piece decodes on its own.
            _chars ??= new char[Encoding.UTF8.GetMaxCharCount(PieceSize)];
            if (_chars.Length < Encoding.UTF8.GetMaxCharCount(_count))
            {
                _chars = new char[Encoding.UTF8.GetMaxCharCount(_count)];
            }

            int chars = Encoding.UTF8.GetChars(_buffer, 0, _count, _chars, 0);
            _output.Write(_chars, 0, chars);
            _count = 0;
            return;
        }

        _pieces!.Add((_buffer, _count));
        _piecesLength = checked(_piecesLength + _count);
        _buffer = new byte[PieceSize];
        _count = 0;
    }

    /// <summary>The whole text as UTF-8 (a sink without a writer only).</summary>
    public byte[] ToArray()
    {
        var result = new byte[checked(_piecesLength + _count)];
        int at = 0;
        foreach ((byte[] bytes, int count) in _pieces!)
        {
            Buffer.BlockCopy(bytes, 0, result, at, count);
            at += count;
        }

        Buffer.BlockCopy(_buffer, 0, result, at, _count);
        return result;
    }

    public void Append(byte b)
    {
        if (_count == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_count++] = b;
    }

    /// <summary>Appends bytes already in UTF-8 (the line terminator, encoded once).</summary>
    public void Append(byte[] bytes)
    {
        Reserve(bytes.Length);
        Buffer.BlockCopy(bytes, 0, _buffer, _count, bytes.Length);
        _count += bytes.Length;
    }

    /// <summary>Appends a name or label, which the writer has checked to be ASCII.</summary>
    public void AppendAscii(string text)
    {
        Reserve(text.Length);
        byte[] buffer = _buffer;
        int at = _count;
        foreach (char c in text)
        {
            buffer[at++] = (byte)c;
        }

        _count = at;
    }

    /// <summary>Appends two ASCII characters.</summary>
    public void Append(char a, char b)
    {
        Reserve(2);
        _buffer[_count] = (byte)a;
        _buffer[_count + 1] = (byte)b;
        _count += 2;
    }

    public void AppendTabs(int count)
    {
        Reserve(count);
        _buffer.AsSpan(_count, count).Fill((byte)'\t');
        _count += count;
    }

    /// <summary>A byte as two lower-case hex digits.</summary>
    public void AppendHexByte(byte value)
    {
        Reserve(2);
        _buffer[_count] = HexDigits[value >> 4];
        _buffer[_count + 1] = HexDigits[value & 0xf];
        _count += 2;
    }

    /// <summary>Lower-case hex with at least <paramref name="minDigits"/> digits (printf's <c>%0Nx</c>).</summary>
    public void AppendHex(ulong value, int minDigits)
    {
        int digits = 1;
        for (ulong v = value >> 4; v != 0; v >>= 4)
        {
            digits++;
        }

        int width = Math.Max(digits, minDigits);
        Reserve(width);
        byte[] buffer = _buffer;
        int end = _count + width;
        for (int at = end - 1; at >= _count; at--)
        {
            buffer[at] = HexDigits[(int)(value & 0xf)];
            value >>= 4;
        }

        _count = end;
    }

    private void Reserve(int bytes)
    {
        if (bytes > _buffer.Length - _count)
        {
            Grow(bytes);
        }
    }

    private void Grow(int bytes)
    {
        int size = Math.Max(checked(_count + bytes), checked(_buffer.Length * 2));
        Array.Resize(ref _buffer, size);
    }
}
