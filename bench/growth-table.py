#!/usr/bin/env python3
"""Turn BenchmarkDotNet's *-report.csv files into a growth table: n, mean, time/n and fitted exponents.

For each benchmark (class, method, other parameters) the rows are sorted by the size parameter (default N) and
the exponent between successive sizes is log(t2/t1) / log(n2/n1): 1.0 is linear, n log n gives a little more
(1.12 from 10^3 to 10^4, 1.08 from 10^5 to 10^6), 2.0 is quadratic. The verdict looks at the exponent of the
top step (the two largest n): at most --threshold (default 1.15) is "<= n log n", anything above is flagged.

Usage: python3 bench/growth-table.py [RESULTS_DIR] [--match Growth] [--param N] [--threshold 1.15]
RESULTS_DIR defaults to BenchmarkDotNet.Artifacts/results (where `dotnet run` was started).
"""

import argparse
import csv
import glob
import math
import os
import re
import sys

TIME_UNITS = {"ps": 1e-3, "ns": 1.0, "us": 1e3, "\u03bcs": 1e3, "\u00b5s": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9}
SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}
# Columns BenchmarkDotNet writes that are neither parameters nor results.
RESULT_COLUMNS = {"Method", "Mean", "Error", "StdDev", "StdErr", "Median", "Min", "Max", "Q1", "Q3", "Op/s",
                  "Gen0", "Gen1", "Gen2", "Allocated", "Alloc Ratio", "Ratio", "RatioSD", "Rank", "Type",
                  "Completed Work Items", "Lock Contentions", "Code Size"}


def parse_quantity(text, units):
    """'2,641.6 ns' -> 2641.6 (in the base unit); None for NA, '-' or empty."""
    text = (text or "").strip()
    if text in ("", "NA", "?"):
        return None
    if text == "-":
        return 0.0
    match = re.fullmatch(r"([-+0-9.,eE]+)\s*(\S+)?", text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    unit = match.group(2)
    if unit is None:
        return value
    if unit not in units:
        raise ValueError(f"unknown unit {unit!r} in {text!r}")
    return value * units[unit]


def format_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def format_bytes(b):
    for unit, scale in (("MB", 1024**2), ("KB", 1024)):
        if b >= scale:
            return f"{b / scale:.3g} {unit}"
    return f"{b:.3g} B" if b >= 0.1 or b == 0 else "~0 B"


def read_groups(files, param, job_columns):
    """{(benchmark, other params): [(n, mean_ns, allocated_bytes)]}"""
    groups = {}
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        if not rows or param not in rows[0]:
            continue
        type_name = os.path.basename(path).split("-report")[0].split(".")[-1]
        header = list(rows[0].keys())
        # Parameter columns follow the job columns and precede Mean.
        extra = [c for c in header[header.index(param):header.index("Mean")] if c != param and c not in RESULT_COLUMNS] \
            if "Mean" in header else []
        for row in rows:
            mean = parse_quantity(row.get("Mean"), TIME_UNITS)
            if mean is None:
                continue
            n = int(row[param].replace(",", ""))
            allocated = parse_quantity(row.get("Allocated"), SIZE_UNITS) if "Allocated" in row else None
            name = f"{row.get('Type') or type_name}.{row['Method']}"
            others = ", ".join(f"{c}={row[c]}" for c in extra)
            if job_columns and row.get("Job"):
                others = ", ".join(x for x in (others, f"Job={row['Job']}") if x)
            groups.setdefault((name, others), []).append((n, mean, allocated))
    return groups


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="?", default="BenchmarkDotNet.Artifacts/results")
    parser.add_argument("--match", default="Growth", help="only report files whose name contains this ('' for all)")
    parser.add_argument("--param", default="N", help="the size parameter (default N)")
    parser.add_argument("--threshold", type=float, default=1.15, help="largest top-step exponent called <= n log n")
    parser.add_argument("--jobs", action="store_true", help="keep rows of different jobs apart")
    args = parser.parse_args()

    files = sorted(f for f in glob.glob(os.path.join(args.results, "*-report.csv")) if args.match in os.path.basename(f))
    groups = read_groups(files, args.param, args.jobs)
    if not groups:
        sys.exit(f"no *-report.csv with a '{args.param}' column matching '{args.match}' in {args.results}")

    print("| Benchmark | n | Mean | time/n | alloc/n | exponent | n log n | verdict |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    flagged = []
    for (name, others), points in sorted(groups.items()):
        points.sort()
        label = name + (f" ({others})" if others else "")
        for i, (n, mean, allocated) in enumerate(points):
            exponent = ""
            reference = ""
            verdict = ""
            if i > 0:
                n0, t0, _ = points[i - 1]
                k = math.log(mean / t0) / math.log(n / n0)
                exponent = f"{k:.2f}"
                # What n log n alone would give over this step.
                reference = f"{1 + math.log(math.log(n) / math.log(n0)) / math.log(n / n0):.2f}" if n0 > 1 else ""
                if i == len(points) - 1:
                    verdict = "<= n log n" if k <= args.threshold else f"FLAG (> {args.threshold})"
                    if k > args.threshold:
                        flagged.append(label)
            alloc = format_bytes(allocated / n) if allocated is not None else ""
            print(f"| {label if i == 0 else ''} | {n:,} | {format_time(mean)} | {format_time(mean / n)} | {alloc} | {exponent} | {reference} | {verdict} |")
    print()
    print(f"Exponent = log(t2/t1)/log(n2/n1) against the previous n; the n log n column is what n log n alone gives. "
          f"Verdict from the top step, threshold {args.threshold}.")
    if flagged:
        print("Flagged: " + "; ".join(flagged))


if __name__ == "__main__":
    main()
