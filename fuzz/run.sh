#!/usr/bin/env bash
# Coverage-guided fuzzing of XenExtRegions with SharpFuzz + AFL++ (see fuzz/README.md).
#   fuzz/run.sh TARGET SECONDS      TARGET: dtb | dts | engine | bootlog | dtsout | builder | overlay | check
# Environment: FUZZ_WORK (default /tmp/xer-fuzz) holds the build, seeds and afl-fuzz output;
#              FUZZ_TIMEOUT_MS (default 2000) is afl-fuzz's per-input time limit;
#              FUZZ_RESUME=1 continues an earlier run in the same FUZZ_WORK instead of starting anew.
set -euo pipefail

TARGET="${1:-}"; SECONDS_TO_RUN="${2:-}"
USAGE="usage: $0 dtb|dts|engine|bootlog|dtsout|builder|overlay|check SECONDS"
case "$TARGET" in dtb|dts|engine|bootlog|dtsout|builder|overlay|check) ;; *) echo "$USAGE" >&2; exit 2;; esac
[[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ ]] || { echo "$USAGE" >&2; exit 2; }

REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${FUZZ_WORK:-/tmp/xer-fuzz}"
TOOLS="$WORK/tools"
BUILD="$WORK/build-$TARGET"   # one build per target: three targets may run (and rebuild) in parallel
SEEDS="$WORK/seeds-$TARGET"
OUT="$WORK/out-$TARGET"
mkdir -p "$WORK" "$TOOLS"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools: AFL++ from Debian, the sharpfuzz instrumenter as a dotnet tool in a private folder ---------------
if ! command -v afl-fuzz >/dev/null; then
    echo "installing afl++ (apt-get)"
    (apt-get update -qq && apt-get install -y -qq afl++) >"$WORK/apt.log" 2>&1 || { echo "cannot install afl++: see $WORK/apt.log" >&2; exit 1; }
fi
if [ ! -x "$TOOLS/sharpfuzz" ]; then
    echo "installing SharpFuzz.CommandLine 2.3.0"
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$TOOLS" >"$WORK/sharpfuzz-install.log"
fi
command -v dtc >/dev/null || { echo "dtc is needed for the DTB seeds (apt-get install device-tree-compiler)" >&2; exit 1; }

# --- build: publish the harness, then instrument the library only (not the harness, not the BCL) ---------------
echo "building the harness into $BUILD"
rm -rf "$BUILD"
dotnet publish "$REPO/fuzz/XenExtRegions.Fuzz/XenExtRegions.Fuzz.csproj" -c Release -o "$BUILD" -p:UseAppHost=false >"$WORK/build-$TARGET.log" 2>&1 \
    || { tail -20 "$WORK/build-$TARGET.log" >&2; exit 1; }
"$TOOLS/sharpfuzz" "$BUILD/XenExtRegions.dll" >>"$WORK/build-$TARGET.log" 2>&1
echo "instrumented $BUILD/XenExtRegions.dll"

# --- seeds: our own fixtures, kept small (afl-fuzz wants inputs of a few KiB at most) ----------------------------
rm -rf "$SEEDS"; mkdir -p "$SEEDS"
while IFS= read -r -d '' dts; do
    name="$(basename "$(dirname "$(dirname "$dts")")")-$(basename "$dts" .dts)"
    if [ "$TARGET" = dts ]; then
        cp "$dts" "$SEEDS/$name.dts"
    else
        dtc -q -I dts -O dtb -o "$SEEDS/$name.dtb" "$dts" 2>/dev/null || continue
    fi
done < <(find "$REPO/tests" -path '*/Fixtures/*' -name '*.dts' -size -16k -print0 | sort -z)
# bootlog: the recorded real Xen logs (serial capture and console ring), not trees.
if [ "$TARGET" = bootlog ]; then
    rm -rf "$SEEDS"; mkdir -p "$SEEDS"
    for log in "$REPO"/tests/XenExtRegions.Tests/Boot/Fixtures/real/*/*.log; do
        cp "$log" "$SEEDS/$(basename "$(dirname "$log")")-$(basename "$log")"
    done
fi
# overlay: a base and an overlay concatenated (the harness splits them at the base's totalsize), from the overlay
# fixtures compiled with dtc -@, on the base with and without __symbols__.
if [ "$TARGET" = overlay ]; then
    rm -rf "$SEEDS"; mkdir -p "$SEEDS"
    FIX="$REPO/tests/XenExtRegions.Tests/DeviceTrees/Overlays/Fixtures"
    dtc -q -@ -I dts -O dtb -o "$WORK/overlay-base.dtb" "$FIX/base.dts"
    dtc -q -I dts -O dtb -o "$WORK/overlay-base-nosym.dtb" "$FIX/base.dts"
    for dts in "$FIX"/*.dts; do
        name="$(basename "$dts" .dts)"; [ "$name" = base ] && continue
        dtc -q -@ -I dts -O dtb -o "$WORK/overlay-$name.dtbo" "$dts" 2>/dev/null || continue
        cat "$WORK/overlay-base.dtb" "$WORK/overlay-$name.dtbo" >"$SEEDS/$name.bin"
        cat "$WORK/overlay-base-nosym.dtb" "$WORK/overlay-$name.dtbo" >"$SEEDS/$name-nosym.bin"
    done
fi
# Findings already kept as regression fixtures seed the next run too.
if [ -d "$REPO/tests/XenExtRegions.Tests/Hardening/Fixtures/fuzz/$TARGET" ]; then
    cp "$REPO/tests/XenExtRegions.Tests/Hardening/Fixtures/fuzz/$TARGET"/* "$SEEDS/" 2>/dev/null || true
fi
echo "seeds: $(ls "$SEEDS" | wc -l) files, $(du -sb "$SEEDS" | cut -f1) bytes"
[ "$(ls "$SEEDS" | wc -l)" -gt 0 ] || { echo "no seeds found" >&2; exit 1; }

# --- fuzz ------------------------------------------------------------------------------------------------------
DICT=()
[ "$TARGET" = dts ] && DICT=(-x "$REPO/fuzz/dts.dict")
case "$TARGET" in dtb|engine|dtsout|check) DICT=(-x "$REPO/fuzz/dtb.dict");; overlay) DICT=(-x "$REPO/fuzz/dtb.dict" -x "$REPO/fuzz/overlay.dict");; esac
INPUT=(-i "$SEEDS")
if [ "${FUZZ_RESUME:-0}" = 1 ] && [ -d "$OUT/default" ]; then INPUT=(-i -); else rm -rf "$OUT"; fi

export AFL_SKIP_BIN_CHECK=1                    # the target is `dotnet`; the coverage map comes from SharpFuzz
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1                              # plain progress lines, fit for a log file
export AFL_FAST_CAL=1                           # .NET start-up makes calibration slow otherwise
echo "afl-fuzz: target $TARGET for ${SECONDS_TO_RUN}s, output $OUT"
set +e
afl-fuzz "${INPUT[@]}" -o "$OUT" -t "${FUZZ_TIMEOUT_MS:-2000}" -m none -V "$SECONDS_TO_RUN" "${DICT[@]}" \
    -- dotnet "$BUILD/XenExtRegions.Fuzz.dll" "$TARGET" >"$WORK/afl-$TARGET.log" 2>&1
rc=$?
set -e

# --- report ----------------------------------------------------------------------------------------------------
STATS="$OUT/default/fuzzer_stats"
if [ ! -f "$STATS" ]; then
    echo "afl-fuzz did not start (exit $rc); last lines of $WORK/afl-$TARGET.log:" >&2
    tail -30 "$WORK/afl-$TARGET.log" >&2
    exit 1
fi
stat() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$STATS"; }
crashes="$(stat saved_crashes)"; hangs="$(stat saved_hangs)"
echo "target:          $TARGET"
echo "run time:        $(( $(stat last_update) - $(stat start_time) )) s"
echo "executions:      $(stat execs_done) ($(stat execs_per_sec)/s)"
echo "paths (corpus):  $(stat corpus_count) (found $(stat corpus_found), seeds $(( $(stat corpus_count) - $(stat corpus_found) )))"
echo "coverage:        $(stat bitmap_cvg) of the map, $(stat edges_found) edges"
echo "crashes:         ${crashes:-0} (in $OUT/default/crashes)"
echo "hangs:           ${hangs:-0} (in $OUT/default/hangs)"
echo "replay one:      dotnet $BUILD/XenExtRegions.Fuzz.dll $TARGET FILE"
