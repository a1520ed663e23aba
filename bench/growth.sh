#!/usr/bin/env sh
# Runs the growth suite (bench/XenExtRegions.Benchmarks/Growth) and prints the growth table (see bench/GROWTH.md).
# Usage: bench/growth.sh [extra BenchmarkDotNet arguments]   (default: --job short --inProcess)
# Run from the repository root; results land in BenchmarkDotNet.Artifacts/results.
set -eu
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || set -- --job short --inProcess
echo "load before: $(uptime)"
dotnet run -c Release --project bench/XenExtRegions.Benchmarks -- --filter '*.Growth.*' "$@"
echo "load after:  $(uptime)"
python3 bench/growth-table.py BenchmarkDotNet.Artifacts/results --match Growth
