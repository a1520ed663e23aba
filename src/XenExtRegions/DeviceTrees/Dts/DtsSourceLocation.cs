using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>A place in DTS source: file, one-based line and column.</summary>
internal readonly struct DtsSourceLocation
{
    public DtsSourceLocation(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public DtsSyntaxException Error(string problem) => new(problem, File, Line, Column);

    public override string ToString() => FormattableString.Invariant($"{File}:{Line}:{Column}");
}
