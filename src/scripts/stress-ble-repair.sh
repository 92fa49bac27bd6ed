#!/usr/bin/env bash
# Stress for TinyB object lifetimes: RepairingOnFakeBluezTest with 6 straps x 40 unpair/re-pair/relink rounds
# (the test run does 3 x 20), RUNS times (default 10), against TinyB's real natives and the fake BlueZ
# (dbus-daemon + python3-dbusmock, installed by src/scripts/test.sh). Prints how many runs the JVM survived.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
mvn -B -ntp -q -DskipTests test-compile >/dev/null || exit 1
survived=0
for i in $(seq 1 "$runs"); do
    if mvn -B -q -o surefire:test@fake-bluez -Dtest=RepairingOnFakeBluezTest \
            -Dlimbic.repairing.straps=6 -Dlimbic.repairing.cycles=40 >"target/stress-ble-repair-$i.log" 2>&1; then
        survived=$((survived + 1))
        echo "run $i: survived"
    else
        echo "run $i: FAILED (target/stress-ble-repair-$i.log; hs_err_pid*.log if the JVM crashed)"
    fi
done
echo "$survived of $runs runs survived"
