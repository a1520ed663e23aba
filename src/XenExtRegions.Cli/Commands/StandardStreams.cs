using System;
using System.IO;
using System.Threading;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// The process's standard input and binary standard output for one run, behind <c>-</c>: input is read once and
/// bounded, output takes binary data only when it is not a terminal. Tests pass streams of their own.
/// </summary>
internal sealed class StandardStreams
{
    /// <summary>The name messages give standard input, as dtc does.</summary>
    public const string InputName = "<stdin>";

    /// <summary>The name messages give standard output.</summary>
    public const string OutputName = "<stdout>";

    private static readonly AsyncLocal<StandardStreams?> CurrentRun = new();

    private readonly Func<Stream> _openInput;
    private readonly Func<Stream>? _openOutput;
    private string? _inputTakenBy;

    /// <param name="openInput">Opens standard input (called at most once).</param>
    /// <param name="openOutput">Opens binary standard output; null when the run has none (text only).</param>
    /// <param name="outputIsTerminal">True when standard output is a terminal: binary data is refused there.</param>
    public StandardStreams(Func<Stream> openInput, Func<Stream>? openOutput, bool outputIsTerminal)
    {
        _openInput = openInput;
        _openOutput = openOutput;
        OutputIsTerminal = outputIsTerminal;
    }

    /// <summary>No standard input (it reads empty) and no binary standard output.</summary>
    public static StandardStreams None { get; } = new(() => Stream.Null, null, outputIsTerminal: false);

    /// <summary>The streams of the run in progress on this logical thread (set by <see cref="CliApp.Run"/>).</summary>
    public static StandardStreams Current => CurrentRun.Value ?? None;

    /// <summary>True when standard output is a terminal.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>True when <paramref name="path"/> means standard input or output.</summary>
    public static bool IsStandard(string? path) => path == "-";

    /// <summary>Makes these the <see cref="Current"/> streams until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        StandardStreams? previous = CurrentRun.Value;
        CurrentRun.Value = this;
        return new Scope(previous);
    }

    /// <summary>Reads all of standard input, refusing more than <paramref name="maxBytes"/> and a second reader.</summary>
    /// <param name="what">The option or argument that named <c>-</c>, for messages.</param>
    /// <param name="maxBytes">The most accepted.</param>
    public byte[] ReadInput(string what, long maxBytes)
    {
        if (_inputTakenBy is not null)
        {
            throw new CliInputException($"{what}: standard input is already read by {_inputTakenBy}; only one input can be '-'");
        }

        _inputTakenBy = what;
        try
        {
            using Stream input = _openInput();
            return BoundedRead.ReadAll(input, maxBytes) ?? throw new CliInputException(
                $"{what}: {InputName} has more than {maxBytes} bytes, the most accepted here ({BoundedRead.Describe(maxBytes)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliInputException($"{what}: cannot read {InputName}: {e.Message}", e);
        }
    }

    /// <summary>Opens binary standard output, refusing a terminal.</summary>
    /// <param name="what">What asked for the blob, for messages (e.g. "--format dtb", "OUT").</param>
    /// <param name="fileHint">How to name a file instead, for messages (e.g. "--output FILE").</param>
    public Stream OpenBinaryOutput(string what, string fileHint)
    {
        if (OutputIsTerminal)
        {
            throw new CliInputException($"{what}: a DTB is binary data and standard output is a terminal: give {fileHint}, or redirect standard output");
        }

        return _openOutput?.Invoke() ?? throw new CliInputException($"{what}: a DTB is binary data and this run has no binary standard output: give {fileHint}");
    }

    private sealed class Scope(StandardStreams? previous) : IDisposable
    {
        public void Dispose() => CurrentRun.Value = previous;
    }
}
