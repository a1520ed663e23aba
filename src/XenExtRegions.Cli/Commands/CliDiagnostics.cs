using System;
using System.IO;
using System.Text;
using System.Threading;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// Standard error as the commands see it: every line starts with its severity (<c>error:</c>, <c>warning:</c>,
/// <c>note:</c>, <c>debug:</c>, or <c>wrote</c> for files written), and <see cref="Verbosity"/> decides which lines
/// pass. Filtering by line keeps -q and -v working for every command without each one asking.
/// </summary>
internal sealed class CliDiagnostics : TextWriter
{
    private static readonly AsyncLocal<CliDiagnostics?> CurrentRun = new();
    private static readonly string[] QuietDrops = ["note:", "warning:", "wrote "];

    private readonly TextWriter _inner;
    private readonly StringBuilder _line = new();

    /// <param name="inner">The real standard error.</param>
    public CliDiagnostics(TextWriter inner)
    {
        _inner = inner;
    }

    /// <summary>The diagnostics of the run in progress on this logical thread; a sink that drops all when none.</summary>
    public static CliDiagnostics Current => CurrentRun.Value ?? new CliDiagnostics(Null) { Verbosity = CliVerbosity.Quiet };

    /// <summary>Which lines pass; set once the global options are parsed.</summary>
    public CliVerbosity Verbosity { get; set; } = CliVerbosity.Normal;

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Makes this the <see cref="Current"/> sink until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        CliDiagnostics? previous = CurrentRun.Value;
        CurrentRun.Value = this;
        return new Scope(previous);
    }

    /// <summary>Writes a <c>debug:</c> line (shown with -v only).</summary>
    public void Debug(string message)
    {
        if (Verbosity == CliVerbosity.Verbose)
        {
            WriteLine("debug: " + message);
        }
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value == '\n')
        {
            EmitLine();
        }
        else
        {
            _line.Append(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        int start = 0;
        for (int newline = value.IndexOf('\n', StringComparison.Ordinal); newline >= 0; newline = value.IndexOf('\n', start))
        {
            _line.Append(value, start, newline - start);
            EmitLine();
            start = newline + 1;
        }

        _line.Append(value, start, value.Length - start);
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <summary>Writes out a last line that has no newline yet.</summary>
    public override void Flush()
    {
        if (_line.Length > 0)
        {
            string rest = _line.ToString();
            _line.Clear();
            if (Passes(rest))
            {
                _inner.Write(rest);
            }
        }

        _inner.Flush();
    }

    private void EmitLine()
    {
        string line = _line.ToString().TrimEnd('\r');
        _line.Clear();
        if (Passes(line))
        {
            _inner.WriteLine(line);
        }
    }

    private bool Passes(string line)
    {
        if (line.StartsWith("debug:", StringComparison.Ordinal))
        {
            return Verbosity == CliVerbosity.Verbose;
        }

        return Verbosity != CliVerbosity.Quiet || Array.TrueForAll(QuietDrops, p => !line.StartsWith(p, StringComparison.Ordinal));
    }

    private sealed class Scope(CliDiagnostics? previous) : IDisposable
    {
        public void Dispose() => CurrentRun.Value = previous;
    }
}
