using System;
using System.Runtime.CompilerServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>The errors of <see cref="FdtReader"/>, built out of line so the token walk stays small.</summary>
public ref partial struct FdtReader
{
    private static DeviceTreeFormatException Fail(string problem, int offset) => new(problem, offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly DeviceTreeFormatException StructureEndsEarly(int at) =>
        Fail(at == _structEnd ? "The structure block ends without an END token." : "The structure block ends inside a token.", at);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DeviceTreeFormatException UnknownToken(uint tag, int at) =>
        Fail(FormattableString.Invariant($"Unknown token 0x{tag:x8} in the structure block."), at);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly DeviceTreeFormatException TooDeep(int at) =>
        Fail(FormattableString.Invariant($"Nodes nest deeper than the limit of {_maxDepth} (DtbReaderOptions.MaxDepth)."), at);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly DeviceTreeFormatException PropertyOutsideRoot(int at) =>
        Fail(_sawRoot ? "A property follows the end of the root node." : "A property comes before the first node.", at);

    /// <summary>The value is longer than the bytes left in the structure block (<paramref name="room"/>) or than the limit.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly DeviceTreeFormatException BadPropertyLength(uint length, uint room, int at) =>
        length > room
            ? Fail(FormattableString.Invariant($"A property value of {length} bytes runs past the end of the structure block ({room} bytes left)."), at + 4)
            : Fail(FormattableString.Invariant($"A property value of {length} bytes exceeds the limit of {_maxPropertySize} bytes (DtbReaderOptions.MaxPropertySize)."), at + 4);

    /// <summary>The name offset is outside the strings block, or its name is unterminated or empty.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly DeviceTreeFormatException BadPropertyName(uint nameOffset, int at)
    {
        int stringsSize = _stringsEnd - _stringsStart;
        if (nameOffset >= (uint)stringsSize)
        {
            return Fail(FormattableString.Invariant($"The property name offset 0x{nameOffset:x} lies outside the {stringsSize}-byte strings block."), at + 8);
        }

        return nameOffset >= _terminatedNameLimit
            ? Fail(FormattableString.Invariant($"The property name at strings offset 0x{nameOffset:x} has no NUL terminator inside the strings block."), at + 8)
            : Fail(FormattableString.Invariant($"The property name at strings offset 0x{nameOffset:x} is empty."), at + 8);
    }
}
