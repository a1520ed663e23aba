#!/usr/bin/env bash
# End-to-end process time of `xen-ext-regions dom0` (the embedded board) for three publish variants:
#   jit  framework-dependent, IL only (-p:XerNativeAot=false; the xen-ext-regions.any tool package, the fallback)
#   r2r  framework-dependent, ReadyToRun (-p:PublishReadyToRun=true -p:XerNativeAot=false)
#   aot  NativeAOT (the project's default for a RID; the xen-ext-regions.linux-x64 tool package)
# and, when fdtget is installed, `fdtget board.dtb / model` as the C baseline (each variant's ratio to it is shown).
# Publishes into a temp folder (own --artifacts-path: the worktree's bin/obj are not touched), checks that the r2r and
# aot binaries print byte-for-byte what the jit one prints (fails loudly otherwise), then runs each variant RUNS times
# (after one unmeasured warm-up) and prints a markdown table: wall time median/min, peak RSS median.
#
# Usage: bench/cli-process-time.sh [RUNS]      (default 10; KEEP=1 keeps the temp folder; GNU_TIME=none uses /proc)
set -euo pipefail

runs=${1:-10}
gnu_time=${GNU_TIME:-/usr/bin/time}
repo=$(cd "$(dirname "$0")/.." && pwd)
project=$repo/src/XenExtRegions.Cli
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
work=$(mktemp -d "${TMPDIR:-/tmp}/xer-cli-bench.XXXXXX")
if [[ ${KEEP:-0} != 1 ]]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work" >&2; fi

variants=(jit r2r aot)
declare -A flags=(
  [jit]="-p:XerNativeAot=false"
  [r2r]="-r $rid -p:PublishReadyToRun=true -p:XerNativeAot=false"
  [aot]="-r $rid"
)
declare -A publish_seconds

for v in "${variants[@]}"; do
  echo "publishing $v ..." >&2
  start=$(date +%s)
  # shellcheck disable=SC2086 # flags are words on purpose
  if ! dotnet publish "$project" -c Release --nologo -v quiet --artifacts-path "$work/artifacts" -o "$work/$v" ${flags[$v]} \
      >"$work/publish-$v.log" 2>&1; then
    cat "$work/publish-$v.log" >&2
    echo "FAILED: dotnet publish ($v)" >&2
    exit 1
  fi
  publish_seconds[$v]=$(( $(date +%s) - start ))
  if grep -q -E 'warning [A-Z]+[0-9]+' "$work/publish-$v.log"; then
    grep -E 'warning [A-Z]+[0-9]+' "$work/publish-$v.log" | sort -u >&2
    echo "FAILED: publish warnings ($v)" >&2
    exit 1
  fi
done

# Same output, same exit code, same stderr, same files: the cases cover every output form (the JSON one is source-generated,
# the likeliest to differ under AOT), input errors (bad option, truncated blob, missing file) and a DTB read back by `dt`.
cases=(
  "dom0"
  "dom0 --iommu"
  "dom0 --xen-version 4.16.0"
  "dom0 -f json"
  "dom0 -f dts"
  "dom0 -f svg"
  "dom0 -f dtb -o OUT/board.dtb"
  "dt dump IN/board.dtb -f json"
  "dt regs IN/board.dtb"
  "domu --memory 1G -f json"
  "dom0 --ipa-bits 99"
  "dt dump IN/truncated.dtb"
  "dom0 --dtb IN/missing.dtb"
  "--help"
  "--version"
)
run_case() { # variant case-index
  local dir=$work/out-$1-$2 rc=0
  mkdir -p "$dir"
  local args=${cases[$2]//OUT/$dir}
  # shellcheck disable=SC2086
  (cd "$dir" && "$work/$1/xen-ext-regions" ${args//IN/$work/in} >stdout 2>stderr) || rc=$?
  echo "$rc" >"$dir/rc"
  sed -i "s|$dir|OUT|g" "$dir/stdout" "$dir/stderr"
}
mkdir -p "$work/in"
"$work/jit/xen-ext-regions" dom0 -f dtb -o "$work/in/board.dtb" 2>/dev/null
head -c 1000 "$work/in/board.dtb" >"$work/in/truncated.dtb"
for i in "${!cases[@]}"; do
  run_case jit "$i"
  for v in r2r aot; do
    run_case "$v" "$i"
    if ! diff -r "$work/out-jit-$i" "$work/out-$v-$i" >"$work/diff.txt"; then
      cat "$work/diff.txt" >&2
      echo "FAILED: $v output differs from jit for: xen-ext-regions ${cases[$i]}" >&2
      exit 1
    fi
  done
done
echo "outputs identical (jit, r2r, aot) for ${#cases[@]} command lines" >&2

# One run of a command line: prints "wall_microseconds peak_rss_kib cpu_seconds" (user + system; "-" without GNU time).
measure_once() {
  local t0 t1 rss=0 cpu=- pid h
  if [[ -x $gnu_time ]]; then
    t0=$(date +%s%N)
    "$gnu_time" -f '%M %U %S' -o "$work/rss" "$@" >/dev/null
    t1=$(date +%s%N)
    read -r rss user sys < <(tail -n 1 "$work/rss")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  else
    # No GNU time: time a plain run, then sample VmHWM (the kernel's high-water mark) from /proc during a second run
    # until the process is gone; sampling misses the last moments, so this RSS is a lower bound.
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    "$@" >/dev/null &
    pid=$!
    while [[ -r /proc/$pid/status ]]; do
      while read -r key h _; do [[ $key == VmHWM: ]] && rss=$h; done <"/proc/$pid/status" 2>/dev/null || true
    done
    wait "$pid"
  fi
  echo "$(( (t1 - t0) / 1000 )) $rss $cpu"
}

median() { sort -g | awk '{ a[NR] = $1 } END { printf "%.1f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cpu_median() { if grep -q ' -$' "$1"; then echo -; else awk '{ print $3 * 1000 }' "$1" | median; fi; }
minimum() { sort -g | awk 'NR == 1 { printf "%.1f", $1 }'; }

load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)
# The C baseline: fdtget reading one property of the same board, one process per run like the tool.
have_fdtget=0
if command -v fdtget >/dev/null 2>&1; then have_fdtget=1; fi
declare -A rows walls
measure_series() { # name command...
  local name=$1 i
  shift
  "$@" >/dev/null # warm-up: page cache
  : >"$work/times-$name"
  for ((i = 0; i < runs; i++)); do measure_once "$@" >>"$work/times-$name"; done
  walls[$name]=$(awk '{ print $1 / 1000 }' "$work/times-$name" | median)
}
ratio() { if [[ $have_fdtget == 1 ]]; then awk -v a="$1" -v b="${walls[fdtget]}" 'BEGIN { printf "%.1f×", a / b }'; else echo -; fi; }
if [[ $have_fdtget == 1 ]]; then measure_series fdtget fdtget "$work/in/board.dtb" / model; fi
for v in "${variants[@]}"; do
  measure_series "$v" "$work/$v/xen-ext-regions" dom0
  size=$(find "$work/$v" -type f ! -name '*.pdb' ! -name '*.xml' ! -name '*.dbg' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }')
  rows[$v]="${walls[$v]} | $(ratio "${walls[$v]}") | "$(awk '{ print $1 / 1000 }' "$work/times-$v" | minimum)" | "$(awk '{ print $2 / 1024 }' "$work/times-$v" | median)" | "$(cpu_median "$work/times-$v")" | $size | ${publish_seconds[$v]}"
done
load_after=$(cut -d ' ' -f 1-3 /proc/loadavg)

echo
echo "\`xen-ext-regions dom0\` (embedded board), $runs runs each after one warm-up; $(nproc) CPUs; load average before $load_before, after $load_after"
echo
echo "| variant | wall median (ms) | × fdtget | wall min (ms) | peak RSS median (MiB) | CPU user+sys median (ms) | files to run (MiB) | publish (s) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
if [[ $have_fdtget == 1 ]]; then
  echo "| fdtget \`board.dtb / model\` (C, libfdt) | ${walls[fdtget]} | 1.0× | $(awk '{ print $1 / 1000 }' "$work/times-fdtget" | minimum) | $(awk '{ print $2 / 1024 }' "$work/times-fdtget" | median) | $(cpu_median "$work/times-fdtget") | - | - |"
fi
echo "| JIT (framework-dependent) | ${rows[jit]} |"
echo "| ReadyToRun (framework-dependent) | ${rows[r2r]} |"
echo "| NativeAOT | ${rows[aot]} |"
