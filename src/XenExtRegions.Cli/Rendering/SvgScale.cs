using System;
using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// A piecewise address → x scale: the axis is cut at every bound of every drawn range, and each piece gets a
/// width that grows with the logarithm of its size. A 256 KiB grant window stays visible next to 16 GiB of RAM,
/// and a bigger piece is never drawn narrower than a smaller one.
/// </summary>
internal sealed class SvgScale
{
    private readonly UInt128[] _bounds;
    private readonly double[] _x;

    public SvgScale(IEnumerable<(UInt128 Start, UInt128 End)> ranges, double left, double width)
    {
        _bounds = ranges.SelectMany(r => new[] { r.Start, r.End }).Distinct().Order().ToArray();
        if (_bounds.Length < 2)
        {
            _bounds = [0, 1];
        }

        double[] weights = new double[_bounds.Length - 1];
        for (int i = 0; i < weights.Length; i++)
        {
            double pages = (double)(_bounds[i + 1] - _bounds[i]) / 4096.0;
            weights[i] = 0.8 + (0.25 * Math.Log2(pages + 1));
        }

        double total = weights.Sum();
        _x = new double[_bounds.Length];
        _x[0] = left;
        for (int i = 0; i < weights.Length; i++)
        {
            _x[i + 1] = _x[i] + (width * weights[i] / total);
        }
    }

    public IReadOnlyList<UInt128> Bounds => _bounds;

    public double X(UInt128 address)
    {
        int i = Array.BinarySearch(_bounds, address);
        if (i >= 0)
        {
            return _x[i];
        }

        int next = ~i;
        if (next == 0)
        {
            return _x[0];
        }

        if (next >= _bounds.Length)
        {
            return _x[^1];
        }

        double fraction = (double)(address - _bounds[next - 1]) / (double)(_bounds[next] - _bounds[next - 1]);
        return _x[next - 1] + (fraction * (_x[next] - _x[next - 1]));
    }
}
