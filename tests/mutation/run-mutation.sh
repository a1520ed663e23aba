#!/usr/bin/env bash
# Mutation testing of the library by folder with Stryker.NET (opt-in: not part of .ci/run or of `dotnet test`; a
# folder takes minutes to tens of minutes on a 2-core machine). The folders asked for are mutated in one Stryker run.
#
#   tests/mutation/run-mutation.sh [options] FOLDER... | all
#   tests/mutation/run-mutation.sh --list
#
# FOLDER is a path under src/XenExtRegions: Ranges, Memory, XenLog, Diagnostics, Boot, IO, DeviceTrees/Fdt,
# ExtendedRegions/Normalisation, ... A folder that has subfolders (DeviceTrees, ExtendedRegions) stands for its own
# files only; its subfolders are folders of their own. `all` is every folder `--list` prints.
#
# Options:
#   -c, --concurrency N   Stryker's parallel test runners (default 1: the machine is usually shared).
#   -o, --output DIR      where reports go (default tests/mutation/reports/<UTC time>): Stryker's JSON and HTML
#                         reports and log, summary.md (the score table), survivors-<folder>.txt per folder.
#   --include-long        also compile the long hardening tests (see below) into the run.
#   --timeout-ms N        Stryker's additional-timeout per mutant run (default 10000: the machine is slow when shared).
#   --since REF           only mutate files changed since the git ref REF (Stryker's --since).
#   -t, --tests DIR       a focused run: compile only the tests under tests/XenExtRegions.Tests/DIR (repeatable;
#                         the root files and the two shared builders always come). Capture is minutes shorter and
#                         the score is a lower bound: the tests left out could only kill more mutants. A compile
#                         error naming a missing test helper means its folder must come too.
#
# Why these settings:
# - Stryker's VSTest runner finds no tests in this xUnit v3 project; its Microsoft Testing Platform runner
#   (`--test-runner mtp`) does, with per-test coverage (`coverage-analysis: perTest`) so a mutant runs only the
#   tests that reach it.
# - Per-test coverage capture runs each test in its own test host; a test that runs for more than about 28 s makes
#   that capture fail. Stryker 5.1's `test-case-filter` is not applied by the MTP runner, so the long tests are left
#   out at compile time instead: the script sets the MSBuild property XerMutationRun=true, and
#   tests/XenExtRegions.Tests leaves out the files listed under that condition in its csproj (the hardening tests,
#   and the CLI renderer tests, whose coverage Stryker never receives: each such "dubious" test costs 10 s of
#   capture and then runs against every mutant).
# - Overhead (build, initial test run, coverage capture of ~2 400 tests) is about 8 minutes per run on a quiet
#   2-core machine whatever is mutated; then about 0.8 mutants a second at concurrency 2.
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
TEST_DIRS=()
TESTS_ROOT="$ROOT/tests/XenExtRegions.Tests"

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
        -t|--tests) TEST_DIRS+=("${2%/}"); shift 2 ;;
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

focused=""
for d in "${TEST_DIRS[@]}"; do
    [ -d "$TESTS_ROOT/$d" ] || { echo "no test folder tests/XenExtRegions.Tests/$d" >&2; exit 2; }
    focused+="${focused:+;}${d//\//\\}\\**\\*.cs"
done

OUTPUT="${OUTPUT:-$HERE/reports/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUTPUT"
OUTPUT="$(cd "$OUTPUT" && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Read by tests/XenExtRegions.Tests.csproj (environment variables are MSBuild properties).
if [ "$INCLUDE_LONG" = 1 ]; then export XerMutationRun=false; else export XerMutationRun=true; fi
if [ -n "$focused" ]; then export XerMutationRun=true XerMutationTests="$focused"; else unset XerMutationTests; fi

(cd "$HERE" && dotnet tool restore >/dev/null)

# Stryker's glob for a folder: everything below a leaf folder; only the folder's own files for one with subfolders.
glob_for() {
    if compgen -G "$LIB/$1/*/" >/dev/null; then echo "**/src/XenExtRegions/$1/*.cs"; else echo "**/src/XenExtRegions/$1/**/*.cs"; fi
}

SUMMARY="$OUTPUT/summary.md"
# One Stryker run for every folder asked for: building, the initial test run and per-test coverage capture cost
# several minutes whatever is mutated, so they are paid once; the table is then split by folder from the report.
mutate_json=""
for folder in "${FOLDERS[@]}"; do
    mutate_json+="${mutate_json:+, }\"$(glob_for "$folder")\""
done
cat >"$OUTPUT/stryker-config.json" <<EOF
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
    "mutate": [ $mutate_json ],
    "reporters": [ "Progress", "Json", "Html" ],
    "thresholds": { "high": 90, "low": 80, "break": 0 }
  }
}
EOF
echo "== ${FOLDERS[*]} (concurrency $CONCURRENCY) -> $OUTPUT" >&2
start=$(date +%s)
args=(--config-file "$OUTPUT/stryker-config.json" --output "$OUTPUT" --skip-version-check)
[ -n "$SINCE" ] && args+=("--since:$SINCE")
if ! (cd "$HERE" && dotnet stryker "${args[@]}") >"$OUTPUT/stryker.log" 2>&1; then
    echo "Stryker failed; see $OUTPUT/stryker.log" >&2
    tail -20 "$OUTPUT/stryker.log" >&2
    exit 1
fi
seconds=$(( $(date +%s) - start ))
report="$(find "$OUTPUT" -name mutation-report.json | head -1)"
[ -n "$report" ] || { echo "no mutation-report.json; see $OUTPUT/stryker.log" >&2; exit 1; }

# A folder's files as a regular expression over the report's absolute paths (own files only for a folder with
# subfolders, as in glob_for).
path_regex() {
    if compgen -G "$LIB/$1/*/" >/dev/null; then echo "/src/XenExtRegions/$1/[^/]+[.]cs\$"; else echo "/src/XenExtRegions/$1/.+[.]cs\$"; fi
}

# One row of the score table from the report.
score_row() {
    jq -r --arg folder "$1" --arg re "$2" '
        [.files | to_entries[] | select(.key | test($re)) | .value.mutants[].status] as $s
        | ($s | map(select(. == "Killed")) | length) as $k
        | ($s | map(select(. == "Timeout")) | length) as $t
        | ($s | map(select(. == "Survived")) | length) as $sv
        | ($s | map(select(. == "NoCoverage")) | length) as $nc
        | ($k + $t + $sv + $nc) as $valid
        | "| \($folder) | \($k) | \($t) | \($sv) | \($nc) | "
          + (if $valid == 0 then "n/a" else ((($k + $t) * 1000 / $valid | round) / 10 | tostring) + " %" end) + " |"' "$report"
}

# What a folder's tests let through, one mutant a line: file:line status mutator: replacement.
survivors() {
    jq -r --arg re "$1" '
        .files | to_entries[] | select(.key | test($re)) | .key as $f
        | .value.mutants[] | select(.status == "Survived" or .status == "NoCoverage")
        | "\($f | sub(".*/src/XenExtRegions/"; "")):\(.location.start.line) \(.status) \(.mutatorName): \(.replacement | gsub("\n"; " ") | .[0:160])"' "$report"
}

{
    echo "| folder | killed | timeout | survived | no coverage | score |"
    echo "|---|---|---|---|---|---|"
    for folder in "${FOLDERS[@]}"; do
        score_row "$folder" "$(path_regex "$folder")"
        survivors "$(path_regex "$folder")" >"$OUTPUT/survivors-${folder//\//-}.txt"
    done
    echo
    echo "One Stryker run: $((seconds / 60)) min $((seconds % 60)) s at concurrency $CONCURRENCY for ${#FOLDERS[@]} folder(s)."
    [ -z "$focused" ] || echo "Focused run (a lower bound): only the tests under ${TEST_DIRS[*]} were compiled."
} >"$SUMMARY"

cat "$SUMMARY"
echo >&2
echo "reports: $OUTPUT (survivors-<folder>.txt: what each folder's tests let through)" >&2
