using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Integer literals and C expressions in cells, with dtc's operators, precedence and unsigned 64-bit arithmetic.
/// Recursion happens only for parentheses, unary operators and <c>?:</c>, and is bounded by
/// <see cref="DtsReaderOptions.MaxExpressionDepth"/>; chains of binary operators are parsed in a loop.
/// </summary>
internal sealed partial class DtsParser
{
    /// <summary>dtc's literal suffixes, longest first so the longest match wins.</summary>
    private static readonly string[] IntegerSuffixes = { "ULL", "UL", "LL", "U", "L" };

    private int _expressionDepth;

    /// <summary>dtc's integer_prim: a literal, a char literal, or '(' expression ')'.</summary>
    private ulong ParseIntegerPrim(string what)
    {
        _s.SkipTrivia();
        char c = _s.Current;
        if (c >= '0' && c <= '9')
        {
            return ReadIntegerLiteral();
        }

        if (c == '\'')
        {
            return ReadCharLiteral();
        }

        if (c == '(')
        {
            DtsSourceLocation open = _s.Location;
            _s.Advance();
            Enter(open);
            ulong value = ParseTernary();
            _s.SkipTrivia();
            if (_s.Current != ')')
            {
                throw _s.Location.Error($"Expected ')' to close the '(' at line {open.Line}, column {open.Column}, but found {Describe(_s.Current)}.");
            }

            _s.Advance();
            _expressionDepth--;
            return value;
        }

        throw _s.Location.Error($"Expected {what}: a number, a 'c'har literal or '(' expression ')', but found {Describe(c)}.");
    }

    private void Enter(DtsSourceLocation at)
    {
        if (++_expressionDepth > _options.MaxExpressionDepth)
        {
            throw at.Error(FormattableString.Invariant($"The expression is nested more than {_options.MaxExpressionDepth} deep (DtsReaderOptions.MaxExpressionDepth)."));
        }
    }

    private ulong ParseTernary()
    {
        ulong condition = ParseBinary(1);
        _s.SkipTrivia();
        if (_s.Current != '?')
        {
            return condition;
        }

        DtsSourceLocation at = _s.Location;
        _s.Advance();
        Enter(at);
        ulong whenTrue = ParseTernary();
        _s.SkipTrivia();
        if (_s.Current != ':')
        {
            throw _s.Location.Error($"Expected ':' in the '?:' expression, but found {Describe(_s.Current)}.");
        }

        _s.Advance();
        ulong whenFalse = ParseTernary();
        _expressionDepth--;
        return condition != 0 ? whenTrue : whenFalse;
    }

    /// <summary>Precedence climbing over the binary operators with precedence at least <paramref name="minPrecedence"/>.</summary>
    private ulong ParseBinary(int minPrecedence)
    {
        ulong left = ParseUnary();
        while (true)
        {
            _s.SkipTrivia();
            int precedence = PeekBinaryOperator(out string op);
            if (precedence < minPrecedence)
            {
                return left;
            }

            DtsSourceLocation at = _s.Location;
            _s.Advance(op.Length);

            // Left associative: the right operand binds only tighter operators. The depth of this recursion is
            // bounded by the number of precedence levels (10), not by the input.
            ulong right = ParseBinary(precedence + 1);
            left = Apply(op, left, right, at);
        }
    }

    private int PeekBinaryOperator(out string op)
    {
        char c = _s.Current;
        char n = _s.PeekAt(1);
        (op, int precedence) = c switch
        {
            '|' when n == '|' => ("||", 1),
            '&' when n == '&' => ("&&", 2),
            '|' => ("|", 3),
            '^' => ("^", 4),
            '&' => ("&", 5),
            '=' when n == '=' => ("==", 6),
            '!' when n == '=' => ("!=", 6),
            '<' when n == '<' => ("<<", 8),
            '>' when n == '>' => (">>", 8),
            '<' when n == '=' => ("<=", 7),
            '>' when n == '=' => (">=", 7),
            '<' => ("<", 7),
            '>' => (">", 7),
            '+' => ("+", 9),
            '-' => ("-", 9),
            '*' => ("*", 10),
            '/' => ("/", 10),
            '%' => ("%", 10),
            _ => (string.Empty, 0),
        };
        return precedence;
    }

    private static ulong Apply(string op, ulong a, ulong b, DtsSourceLocation at) => op switch
    {
        "||" => a != 0 || b != 0 ? 1UL : 0UL,
        "&&" => a != 0 && b != 0 ? 1UL : 0UL,
        "|" => a | b,
        "^" => a ^ b,
        "&" => a & b,
        "==" => a == b ? 1UL : 0UL,
        "!=" => a != b ? 1UL : 0UL,
        "<" => a < b ? 1UL : 0UL,
        ">" => a > b ? 1UL : 0UL,
        "<=" => a <= b ? 1UL : 0UL,
        ">=" => a >= b ? 1UL : 0UL,

        // dtc defines shifts by 64 or more as 0 (C leaves them undefined).
        "<<" => b < 64 ? a << (int)b : 0UL,
        ">>" => b < 64 ? a >> (int)b : 0UL,
        "+" => unchecked(a + b),
        "-" => unchecked(a - b),
        "*" => unchecked(a * b),
        "/" => b != 0 ? a / b : throw at.Error("Division by zero."),
        "%" => b != 0 ? a % b : throw at.Error("Division by zero (in '%')."),
        _ => throw new InvalidOperationException(op),
    };

    private ulong ParseUnary()
    {
        _s.SkipTrivia();
        char c = _s.Current;
        if (c == '-' || c == '~' || (c == '!' && _s.PeekAt(1) != '='))
        {
            DtsSourceLocation at = _s.Location;
            _s.Advance();
            Enter(at);
            ulong operand = ParseUnary();
            _expressionDepth--;
            return c switch
            {
                '-' => unchecked(0UL - operand),
                '~' => ~operand,
                _ => operand == 0 ? 1UL : 0UL,
            };
        }

        return ParseIntegerPrim("an operand");
    }

    /// <summary>Reads <c>([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)?</c> as dtc (a leading 0 means octal).</summary>
    private ulong ReadIntegerLiteral()
    {
        DtsSourceLocation at = _s.Location;
        string text = _s.Text;
        int start = _s.Pos;
        int pos = start;
        int radix = 10;
        if (text[pos] == '0' && pos + 2 < text.Length && (text[pos + 1] | 0x20) == 'x' && DtsCharacters.IsHexDigit(text[pos + 2]))
        {
            radix = 16;
            pos += 2;
        }
        else if (text[pos] == '0')
        {
            radix = 8;
        }

        ulong value = 0;
        bool overflow = false;
        bool badDigit = false;
        while (pos < text.Length && (radix == 16 ? DtsCharacters.IsHexDigit(text[pos]) : text[pos] >= '0' && text[pos] <= '9'))
        {
            int digit = DtsCharacters.HexValue(text[pos]);
            badDigit |= digit >= radix;
            ulong next = unchecked((value * (ulong)radix) + (ulong)digit);
            overflow |= value > (ulong.MaxValue - (ulong)digit) / (ulong)radix;
            value = next;
            pos++;
        }

        // Every suffix starts with 'U' or 'L': most literals have none, so look only then.
        if (pos < text.Length && (text[pos] == 'U' || text[pos] == 'L'))
        {
            foreach (string suffix in IntegerSuffixes)
            {
                if (string.CompareOrdinal(text, pos, suffix, 0, suffix.Length) == 0)
                {
                    pos += suffix.Length;
                    break;
                }
            }
        }

        bool trailing = pos < text.Length && DtsCharacters.IsLabelChar(text[pos]);
        while (pos < text.Length && DtsCharacters.IsLabelChar(text[pos]))
        {
            pos++;
        }

        _s.Pos = pos;
        if (badDigit || trailing)
        {
            throw at.Error($"Bad integer literal '{text.Substring(start, pos - start)}'.");
        }

        if (overflow)
        {
            throw at.Error($"Integer literal '{text.Substring(start, pos - start)}' is out of range (more than 64 bits).");
        }

        return value;
    }

    /// <summary>Reads a character literal such as <c>'a'</c>, <c>'\n'</c> or <c>'\x41'</c> (one byte).</summary>
    private ulong ReadCharLiteral()
    {
        DtsSourceLocation at = _s.Location;
        _s.Advance();
        var bytes = new ByteBuffer();
        while (true)
        {
            if (_s.AtEndOfFile || _s.Current == '\n')
            {
                throw at.Error("Unterminated character literal (expected a closing \"'\").");
            }

            char c = _s.Current;
            if (c == '\'')
            {
                _s.Advance();
                break;
            }

            if (c == '\\')
            {
                _s.Advance();
                if (_s.AtEndOfFile)
                {
                    throw at.Error("Unterminated character literal.");
                }

                ReadEscape(bytes);
            }
            else
            {
                int pos = _s.Pos;
                AppendUtf8(bytes, _s.Text, ref pos);
                _s.Pos = pos;
            }
        }

        if (bytes.Count == 0)
        {
            throw at.Error("Empty character literal.");
        }

        if (bytes.Count != 1)
        {
            throw at.Error(FormattableString.Invariant($"Character literal has {bytes.Count} characters instead of 1."));
        }

        return bytes.ToArray()[0];
    }
}
