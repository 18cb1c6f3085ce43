#!/usr/bin/env bash
# A month of traffic through the whole system (issue 17): config/scenarios/month.yaml on a
# stepped clock against real simulator, gate-controller and cashier-console processes, timed.
#
# usage: benchmarks/scenario-month.sh [SCENARIO]   (default config/scenarios/month.yaml)
#
# Builds what is missing first (./parking does), then copies the three jars aside so a build
# started meanwhile cannot change them under the running processes. Prints the runner's summary
# (vehicles, money reconciled with the ledger, unsafe closes, days and months closed), the real
# time, the CPU it took and the load average before and after: quote them together.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scenario="${1:-config/scenarios/month.yaml}"
case "$scenario" in /*) ;; *) scenario="$PWD/$scenario" ;; esac
./parking scenario run --help >/dev/null
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
for m in simulator gate-controller cashier-console; do
  mkdir -p "$copy/$m/target"
  cp -r "$m/target/$m.jar" "$m/target/lib" "$copy/$m/target/"
done
echo "load before: $(uptime | sed 's/.*load average: //')"
TIMEFORMAT='real %R s, cpu %U s user + %S s system (runner and the three processes)'
time java -Dparkgate.root="$copy" -cp "$copy/simulator/target/simulator.jar" \
  org.parkgate.simulator.scenario.ScenarioMain run "$scenario"
echo "load after: $(uptime | sed 's/.*load average: //')"
