#!/usr/bin/env bash
# Start-up time of `./parking fee` (issue 16: under 0.3 s on the 2-core development machine),
# with the plain `java -cp gate-controller.jar` command beside it for comparison.
#
# usage: benchmarks/fee-startup.sh [RUNS]        (default 40; run from anywhere)
#
# Each command runs 3 times unmeasured, then RUNS times, one after another, output discarded.
# Prints wall time p50/p90/min/max, CPU (user + system) per run,
# and the load average before and after: on a shared machine the wall time follows the load, so
# quote them together. Needs only bash; no hyperfine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-40}"
args=(--tariff config/tariffs/city-centre.yaml --entry 2027-01-09T10:00 --exit 2027-01-09T12:01)

# The first run after a build builds what is missing and makes the class-data archive.
./parking fee "${args[@]}" >/dev/null

# One line per run: wall, user and system seconds (bash's `time`, which counts children).
measure() {
  local label="$1" i log
  shift
  log="$(mktemp)"
  for i in 1 2 3; do "$@" >/dev/null 2>&1; done
  for ((i = 0; i < runs; i++)); do
    { time "$@" >/dev/null 2>&1; } 2>>"$log"
  done
  sort -n "$log" | awk -v label="$label" '
    { t[NR] = $1 * 1000; cpu += ($2 + $3) * 1000 }
    END {
      p50 = t[int((NR + 1) / 2)]; p90 = t[int(NR * 0.9 + 0.5)]
      printf "%-38s %3d runs  p50 %4.0f ms  p90 %4.0f ms  min %4.0f ms  max %4.0f ms  cpu %4.0f ms/run\n",
        label, NR, p50, p90, t[1], t[NR], cpu / NR }'
  rm -f "$log"
}

TIMEFORMAT='%R %U %S'
echo "load before: $(uptime | sed 's/.*load average: //')"
measure "./parking fee" ./parking fee "${args[@]}"
measure "java -cp gate-controller.jar (plain)" \
  java -cp gate-controller/target/gate-controller.jar org.parkgate.fee.cli.FeeCli "${args[@]}"
echo "load after:  $(uptime | sed 's/.*load average: //')"
