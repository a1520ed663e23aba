namespace XenExtRegions.ExtendedRegions;

/// <summary>Xen's numbers and names for a <see cref="XenError"/>.</summary>
public static class XenErrorExtensions
{
    /// <summary>The value Xen's C code returns: 0, or the negated errno (<c>-22</c> for <see cref="XenError.InvalidArgument"/>).</summary>
    /// <param name="error">The error.</param>
    /// <returns>0 or a negative errno.</returns>
    public static int ToErrno(this XenError error) => -(int)error;

    /// <summary>The errno's symbol as Xen's sources write it: <c>ENOENT</c>, <c>ENOMEM</c>, <c>EINVAL</c>, <c>ERANGE</c>; empty for none.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The symbol.</returns>
    public static string ToSymbol(this XenError error) => error switch
    {
        XenError.None => string.Empty,
        XenError.NoEntry => "ENOENT",
        XenError.OutOfMemory => "ENOMEM",
        XenError.InvalidArgument => "EINVAL",
        XenError.OutOfRange => "ERANGE",
        _ => "E" + ((int)error).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
