using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Property values: strings, cell arrays, byte strings, references, <c>/incbin/</c>.</summary>
internal sealed partial class DtsParser
{
    private readonly ByteBuffer _value = new();
    private readonly DtsValueSlab _slab = new();
    private readonly List<DtsValueReference> _references = new();

    /// <summary>Parses the value after '=' up to and including ';' into <paramref name="property"/>.</summary>
    private void ParsePropertyValue(ref DtsSourceProperty property)
    {
        _value.Clear();
        _references.Clear();
        property.ValueLabels = null; // a new value replaces the old one's labels, as dtc's merge does
        string name = property.Name;
        while (true)
        {
            _s.SkipTrivia();
            ReadValueLabels(ref property);
            DtsSourceLocation pieceAt = _s.Location;
            char c = _s.Current;
            if (c == '"')
            {
                ReadString(_value);
                _value.Add(0);
            }
            else if (c == '<')
            {
                _s.Advance();
                ReadCells(32, ref property);
            }
            else if (c == '[')
            {
                ReadByteString(ref property);
            }
            else if (c == '&')
            {
                DtsSourceLocation at = _s.Location;
                string target = ReadReference();
                _references.Add(new DtsValueReference(_value.Count, target, isPhandle: false, at));
            }
            else if (_s.LookingAt("/bits/"))
            {
                _s.Advance(6);
                DtsSourceLocation at;
                _s.SkipTrivia();
                at = _s.Location;
                if (_s.Current < '0' || _s.Current > '9')
                {
                    // dtc's grammar takes a literal here, not an expression.
                    throw at.Error($"Expected an integer literal after '/bits/' (8, 16, 32 or 64), but found {Describe(_s.Current)}.");
                }

                ulong bits = ReadIntegerLiteral();
                if (bits is not (8 or 16 or 32 or 64))
                {
                    throw at.Error(FormattableString.Invariant($"Array elements must be 8, 16, 32 or 64 bits, not {bits}."));
                }

                _s.SkipTrivia();
                if (_s.Current != '<')
                {
                    throw _s.Location.Error($"Expected '<' after '/bits/ {bits}', but found {Describe(_s.Current)}.");
                }

                _s.Advance();
                ReadCells((int)bits, ref property);
            }
            else if (_s.LookingAt("/incbin/"))
            {
                ReadIncbin();
            }
            else
            {
                throw _s.Location.Error($"Expected a value for property '{name}' (a \"string\", <cells>, [bytes], &reference or /bits/), but found {Describe(c)}.");
            }

            CheckPropertySize(_value.Count, pieceAt);
            _s.SkipTrivia();
            ReadValueLabels(ref property);
            if (_s.Current == ',')
            {
                _s.Advance();
                continue;
            }

            if (_s.Current == ';')
            {
                _s.Advance();
                break;
            }

            throw _s.Location.Error($"Expected ';' after property '{name}' (or ',' and another value), but found {Describe(_s.Current)}.");
        }

        property.Value = _slab.Store(_value.Span);
        property.References = _references.Count == 0 ? null : new List<DtsValueReference>(_references);
        SawReferences |= _references.Count > 0;
    }

    /// <summary>
    /// Enforces <see cref="DtsReaderOptions.MaxPropertySize"/>. Text values are checked once read (their size is bounded
    /// by the text, already counted in MaxTotalSize); <c>/incbin/</c> data before it is read.
    /// </summary>
    private void CheckPropertySize(long size, DtsSourceLocation at)
    {
        if (size > _options.MaxPropertySize)
        {
            throw at.Error(FormattableString.Invariant(
                $"The property value is larger than {_options.MaxPropertySize} bytes (DtsReaderOptions.MaxPropertySize)."));
        }
    }

    private void ReadValueLabels(ref DtsSourceProperty property)
    {
        while (TryReadLabel(out string? label))
        {
            property.AddValueLabel(label);
            _s.SkipTrivia();
        }
    }

    /// <summary>Reads the elements of a cell array after '&lt;' up to and including '&gt;'.</summary>
    private void ReadCells(int bits, ref DtsSourceProperty property)
    {
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        while (true)
        {
            _s.SkipTrivia();
            char c = _s.Current;
            if (c == '>')
            {
                _s.Advance();
                return;
            }

            if (TryReadLabel(out string? label))
            {
                property.AddValueLabel(label);
                continue;
            }

            DtsSourceLocation at = _s.Location;
            if (c == '&')
            {
                string target = ReadReference();
                if (bits != 32)
                {
                    throw at.Error("References are only allowed in arrays with 32-bit elements.");
                }

                _references.Add(new DtsValueReference(_value.Count, target, isPhandle: true, at));
                _value.AppendBigEndian(uint.MaxValue, 4);
                CheckPropertySize(_value.Count, at);
                continue;
            }

            if ((c >= '0' && c <= '9') || c == '\'' || c == '(')
            {
                ulong v = ParseIntegerPrim("a cell");

                // As dtc: the bits above the element must be all zero, or all one (a sign-extended negative number).
                if (v > mask && (v | mask) != ulong.MaxValue)
                {
                    throw at.Error(FormattableString.Invariant($"Value 0x{v:x} is out of range for a {bits}-bit array element."));
                }

                _value.AppendBigEndian(v & mask, bits / 8);

                // Checked per element: cells can be four times (/bits/ 64: eight times) the size of their text.
                CheckPropertySize(_value.Count, at);
                continue;
            }

            if (_s.AtEndOfFile)
            {
                throw at.Error("Unexpected end of file in a cell array (expected '>').");
            }

            throw at.Error($"Expected a number, a 'c'har literal, '(' expression ')', a &reference or '>' in a cell array, but found {Describe(c)}.");
        }
    }

    /// <summary>Reads <c>[00 11 2233]</c>.</summary>
    private void ReadByteString(ref DtsSourceProperty property)
    {
        _s.Advance();

        // Unspaced bytes ("a5a5a5…") are one long run of label characters. A label starting anywhere in a run that
        // does not end in ':' cannot exist, so remember where the run ended instead of rescanning it at every byte
        // pair (which made long byte strings quadratic).
        int noLabelBefore = -1;
        while (true)
        {
            _s.SkipTrivia();
            char c = _s.Current;
            if (c == ']')
            {
                _s.Advance();
                return;
            }

            if (_s.Pos >= noLabelBefore)
            {
                if (TryReadLabel(out string? label, out int runEnd))
                {
                    property.AddValueLabel(label);
                    continue;
                }

                noLabelBefore = runEnd;
            }

            if (DtsCharacters.IsHexDigit(c) && DtsCharacters.IsHexDigit(_s.PeekAt(1)))
            {
                _value.Add((byte)((DtsCharacters.HexValue(c) << 4) | DtsCharacters.HexValue(_s.PeekAt(1))));
                _s.Advance(2);
                continue;
            }

            throw _s.Location.Error(_s.AtEndOfFile
                ? "Unexpected end of file in a byte string (expected ']')."
                : $"Expected two hex digits or ']' in a byte string, but found {Describe(c)}{(DtsCharacters.IsHexDigit(c) ? " followed by " + Describe(_s.PeekAt(1)) : string.Empty)}.");
        }
    }

    /// <summary>Reads <c>/incbin/("file")</c> or <c>/incbin/("file", offset, length)</c>, as dtc.</summary>
    private void ReadIncbin()
    {
        DtsSourceLocation at = _s.Location;
        _s.Advance(8);
        _s.SkipTrivia();
        if (_s.Current != '(')
        {
            throw _s.Location.Error("Expected '(' after '/incbin/'.");
        }

        _s.Advance();
        _s.SkipTrivia();
        if (_s.Current != '"')
        {
            throw _s.Location.Error("Expected a quoted file name in '/incbin/(...)'.");
        }

        var nameBytes = new ByteBuffer();
        ReadString(nameBytes);
        string name = System.Text.Encoding.UTF8.GetString(nameBytes.ToArray());
        ulong offset = 0;
        ulong? length = null;
        _s.SkipTrivia();
        if (_s.Current == ',')
        {
            _s.Advance();
            offset = ParseIntegerPrim("the offset of /incbin/");
            _s.SkipTrivia();
            if (_s.Current != ',')
            {
                throw _s.Location.Error("Expected ',' and a length after the offset of '/incbin/'.");
            }

            _s.Advance();
            length = ParseIntegerPrim("the length of /incbin/");
            _s.SkipTrivia();
        }

        if (_s.Current != ')')
        {
            throw _s.Location.Error($"Expected ')' to end '/incbin/(...)', but found {Describe(_s.Current)}.");
        }

        _s.Advance();
        string path = _s.ResolveFile(name, "/incbin/", at);
        long? count = length is ulong n ? (long)Math.Min(n, (ulong)long.MaxValue) : null;
        byte[] data = _s.Files.Read(path, name, (long)Math.Min(offset, (ulong)long.MaxValue), count, at, size => CheckPropertySize(_value.Count + size, at));
        _value.AddRange(data);
    }
}
