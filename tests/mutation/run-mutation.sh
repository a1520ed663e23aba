#!/usr/bin/env bash
# Mutation testing of the library, one folder at a time, with Stryker.NET (opt-in: not part of .ci/run or of
# `dotnet test`; a folder takes minutes to tens of minutes on a 2-core machine).
#
#   tests/mutation/run-mutation.sh [options] FOLDER... | all
#   tests/mutation/run-mutation.sh --list
#
# FOLDER is a path under src/XenExtRegions: Ranges, Memory, XenLog, Diagnostics, Boot, IO, DeviceTrees/Fdt,
# ExtendedRegions/Normalisation, ... A folder that has subfolders (DeviceTrees, ExtendedRegions) stands for its own
# files only; its subfolders are folders of their own. `all` runs every folder `--list` prints, one after another.
#
# Options:
#   -c, --concurrency N   Stryker's parallel test runners (default 1: the machine is usually shared).
#   -o, --output DIR      where reports go (default tests/mutation/reports/<UTC time>); one subfolder per folder,
#                         each with Stryker's JSON and HTML reports and log, plus summary.md for the whole run.
#   --include-long        also compile the long hardening tests (see below) into the run.
#   --timeout-ms N        Stryker's additional-timeout per mutant run (default 10000: the machine is slow when shared).
#   --since REF           only mutate files changed since the git ref REF (Stryker's --since).
#
# Why these settings:
# - Stryker's VSTest runner finds no tests in this xUnit v3 project; its Microsoft Testing Platform runner
#   (`--test-runner mtp`) does, with per-test coverage (`coverage-analysis: perTest`) so a mutant runs only the
#   tests that reach it.
# - Per-test coverage capture runs each test in its own test host; a test that runs for more than about 28 s makes
#   that capture fail. Stryker 5.1's `test-case-filter` is not applied by the MTP runner, so the long tests are left
#   out at compile time instead: the script sets the MSBuild property XerMutationRun=true, and
#   tests/XenExtRegions.Tests leaves out the files listed under that condition in its csproj.
# - The tool is pinned by tests/mutation/dotnet-tools.json (dotnet-stryker 5.1.0), restored on first use.
#
# The score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage). Survivors that cannot be
# killed are listed with the reason in tests/mutation/accepted-survivors.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LIB="$ROOT/src/XenExtRegions"
TESTS="$ROOT/tests/XenExtRegions.Tests/XenExtRegions.Tests.csproj"

CONCURRENCY=1
OUTPUT=""
INCLUDE_LONG=0
TIMEOUT_MS=10000
SINCE=""
FOLDERS=()

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

list_folders() {
    local top sub
    for top in "$LIB"/*/; do
        top="${top%/}"; top="${top##*/}"
        case "$top" in bin|obj) continue ;; esac
        if compgen -G "$LIB/$top/*/" >/dev/null; then
            compgen -G "$LIB/$top/*.cs" >/dev/null && echo "$top"
            for sub in "$LIB/$top"/*/; do
                sub="${sub%/}"; echo "$top/${sub##*/}"
            done
        else
            echo "$top"
        fi
    done
}

while [ $# -gt 0 ]; do
    case "$1" in
        -c|--concurrency) CONCURRENCY="$2"; shift 2 ;;
        -o|--output) OUTPUT="$2"; shift 2 ;;
        --include-long) INCLUDE_LONG=1; shift ;;
        --timeout-ms) TIMEOUT_MS="$2"; shift 2 ;;
        --since) SINCE="$2"; shift 2 ;;
        --list) list_folders; exit 0 ;;
        -h|--help) usage; exit 0 ;;
        all) mapfile -t FOLDERS < <(list_folders); shift ;;
        -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
        *) FOLDERS+=("${1%/}"); shift ;;
    esac
done

[ ${#FOLDERS[@]} -gt 0 ] || { usage >&2; exit 2; }
[[ "$CONCURRENCY" =~ ^[1-9][0-9]*$ ]] || { echo "--concurrency wants a positive whole number, got '$CONCURRENCY'" >&2; exit 2; }
[[ "$TIMEOUT_MS" =~ ^[0-9]+$ ]] || { echo "--timeout-ms wants a whole number of milliseconds, got '$TIMEOUT_MS'" >&2; exit 2; }
for f in "${FOLDERS[@]}"; do
    [ -d "$LIB/$f" ] || { echo "no folder src/XenExtRegions/$f (see --list)" >&2; exit 2; }
done

OUTPUT="${OUTPUT:-$HERE/reports/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUTPUT"
OUTPUT="$(cd "$OUTPUT" && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Read by tests/XenExtRegions.Tests.csproj (environment variables are MSBuild properties).
if [ "$INCLUDE_LONG" = 1 ]; then export XerMutationRun=false; else export XerMutationRun=true; fi

(cd "$HERE" && dotnet tool restore >/dev/null)

# Stryker's glob for a folder: everything below a leaf folder; only the folder's own files for one with subfolders.
glob_for() {
    if compgen -G "$LIB/$1/*/" >/dev/null; then echo "**/src/XenExtRegions/$1/*.cs"; else echo "**/src/XenExtRegions/$1/**/*.cs"; fi
}

# One row of the score table from a Stryker JSON report.
score_row() {
    jq -r --arg folder "$1" '
        [.files[].mutants[].status] as $s
        | ($s | map(select(. == "Killed")) | length) as $k
        | ($s | map(select(. == "Timeout")) | length) as $t
        | ($s | map(select(. == "Survived")) | length) as $sv
        | ($s | map(select(. == "NoCoverage")) | length) as $nc
        | ($k + $t + $sv + $nc) as $valid
        | "| \($folder) | \($k) | \($t) | \($sv) | \($nc) | "
          + (if $valid == 0 then "n/a" else ((($k + $t) * 1000 / $valid | round) / 10 | tostring) + " %" end) + " |"' "$2"
}

SUMMARY="$OUTPUT/summary.md"
{
    echo "| folder | killed | timeout | survived | no coverage | score | time |"
    echo "|---|---|---|---|---|---|---|"
} >"$SUMMARY"

status=0
for folder in "${FOLDERS[@]}"; do
    slug="${folder//\//-}"
    dir="$OUTPUT/$slug"
    mkdir -p "$dir"
    cat >"$dir/stryker-config.json" <<EOF
{
  "stryker-config": {
    "project": "XenExtRegions.csproj",
    "test-projects": [ "$TESTS" ],
    "target-framework": "net10.0",
    "configuration": "Release",
    "test-runner": "mtp",
    "coverage-analysis": "perTest",
    "concurrency": $CONCURRENCY,
    "additional-timeout": $TIMEOUT_MS,
    "mutate": [ "$(glob_for "$folder")" ],
    "reporters": [ "Progress", "Json", "Html" ],
    "thresholds": { "high": 90, "low": 80, "break": 0 }
  }
}
EOF
    echo "== $folder (concurrency $CONCURRENCY) -> $dir" >&2
    start=$(date +%s)
    args=(--config-file "$dir/stryker-config.json" --output "$dir" --skip-version-check)
    [ -n "$SINCE" ] && args+=("--since:$SINCE")
    if ! (cd "$HERE" && dotnet stryker "${args[@]}") >"$dir/stryker.log" 2>&1; then
        echo "Stryker failed on $folder; see $dir/stryker.log" >&2
        tail -20 "$dir/stryker.log" >&2
        status=1
        continue
    fi
    seconds=$(( $(date +%s) - start ))
    report="$(find "$dir" -name mutation-report.json | head -1)"
    if [ -z "$report" ]; then
        echo "no mutation-report.json for $folder; see $dir/stryker.log" >&2
        status=1
        continue
    fi
    echo "$(score_row "$folder" "$report") $((seconds / 60)) min $((seconds % 60)) s |" >>"$SUMMARY"
done

cat "$SUMMARY"
echo >&2
echo "reports: $OUTPUT" >&2
exit $status
