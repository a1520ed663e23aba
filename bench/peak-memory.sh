#!/usr/bin/env bash
# Peak working set of reading a large DTB, each mode in a fresh process (the kernel's VmHWM is per process):
#   bytes             File.ReadAllBytes only: the baseline (runtime + the blob itself)
#   walk              the bytes, walked token by token with FdtReader
#   build             DtbReader.ReadFile: the immutable tree model (properties stay packed until read)
#   build-properties  build, then every node's Path and Properties materialised (what a full consumer touches)
# "model" columns subtract the baseline, so they show what the walk or the model costs on top of holding the blob.
#
# Usage: bench/peak-memory.sh [FILE.dtb]   (default: the synthetic 1000 x 500 blob, ~68 MB, 501 001 nodes, written to a
#        temp folder); RUNS=3 runs per mode, the median is shown. Runtime knobs (DOTNET_gcServer, DOTNET_GCgen0size, ...)
#        in the environment reach every measured process.
set -euo pipefail

runs=${RUNS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
project=$repo/bench/XenExtRegions.Benchmarks
dll=$project/bin/Release/net10.0/XenExtRegions.Benchmarks.dll
work=$(mktemp -d "${TMPDIR:-/tmp}/xer-peak-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT

dotnet build "$project" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

blob=${1:-}
if [[ -z $blob ]]; then
  blob=$work/synthetic.dtb
  dotnet "$dll" write-synthetic "$blob" >&2
fi

for mode in bytes walk build build-properties; do
  for ((i = 0; i < runs; i++)); do
    dotnet "$dll" peak-memory "$mode" "$blob" >>"$work/results.txt"
  done
done

echo
echo "Peak memory reading $(basename "$blob") ($(stat -c %s "$blob") bytes), median of $runs fresh processes per mode;" \
  ".NET $(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }'), $(nproc) CPUs, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
awk '
  function median(mode, key,    n, i, j, t, v) {
    n = 0
    for (i = 1; i <= count[mode]; i++) v[++n] = val[mode, i, key]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    delete kv
    for (f = 1; f <= NF; f++) { split($f, p, "="); kv[p[1]] = p[2] }
    m = kv["mode"]
    if (!(m in count)) order[++modes] = m
    i = ++count[m]
    for (k in kv) val[m, i, k] = kv[k]
    if (kv["nodes"] > nodes) nodes = kv["nodes"]
    blob = kv["file_bytes"]
    gcs[m] = kv["gc_count"]
  }
  END {
    base = median("bytes", "vm_hwm_kib")
    mib = 1048576
    print "| mode | peak RSS, VmHWM (MiB) | model: peak - baseline (MiB) | per node (B) | allocated (MiB) | retained after full GC (MiB) | retained - blob, per node (B) | time (ms) | GCs gen0/1/2 |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for (o = 1; o <= modes; o++) {
      m = order[o]
      hwm = median(m, "vm_hwm_kib"); retained = median(m, "retained_bytes")
      printf "| %s | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.0f | %s |\n", m, hwm / 1024, (hwm - base) / 1024, \
        (hwm - base) * 1024 / nodes, median(m, "allocated_bytes") / mib, retained / mib, (retained - blob) / nodes, \
        median(m, "ms"), gcs[m]
    }
    printf "\n%d nodes; baseline = mode bytes (runtime + the %d-byte blob).\n", nodes, blob
  }' "$work/results.txt"
