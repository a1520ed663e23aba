using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Limits and include search paths for <see cref="DtsReader"/>.</summary>
public sealed class DtsReaderOptions
{
    /// <summary>The options used when none are given.</summary>
    public static DtsReaderOptions Default { get; } = new();

    /// <summary>
    /// The deepest node nesting accepted (the root is depth 0). Deeper input is rejected with a
    /// <see cref="DtsSyntaxException"/>; the parser never recurses per level, so this bounds memory, not the stack.
    /// Default 1024.
    /// </summary>
    public int MaxDepth { get; init; } = 1024;

    /// <summary>
    /// The deepest nesting of parentheses, unary operators and <c>?:</c> in one cell expression. Default 256.
    /// </summary>
    public int MaxExpressionDepth { get; init; } = 256;

    /// <summary>The deepest nesting of <c>/include/</c> files. Default 32.</summary>
    public int MaxIncludeDepth { get; init; } = 32;

    /// <summary>
    /// Directories searched for <c>/include/</c> and <c>/incbin/</c> files after the directory of the including file
    /// (dtc's <c>-i</c>).
    /// </summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = System.Array.Empty<string>();

    /// <summary>
    /// The directory relative includes of text passed to <see cref="DtsReader.Parse"/> are resolved against;
    /// null means the current directory. <see cref="DtsReader.ParseFile"/> uses the file's own directory.
    /// </summary>
    public string? BaseDirectory { get; init; }
}
