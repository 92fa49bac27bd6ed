#!/usr/bin/env bash
# Soak test of the pager's one promise that never bends, a page is never dropped: the storm of bench-intake.sh's
# scenario 3 (a steady 10,000 alerts/s for 60 s, Alertmanager re-sends with 2% new) followed by probes with the
# gateway idle, repeated. Probes go out at 20/s (4 per second to each of five probe responders, within their rate
# limits), so a run pages about 1,200 probes during the storm and 600 alone. Prints each run's storm p99, its page
# latencies and every probe not paged within 15 s with what its webhook was answered; exits non-zero if any probe
# was not paged. Usage: soak-intake.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/../.."

runs="${1:-5}"
mvn -B -ntp -q -DskipTests package
JVM="-XX:+UseZGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch"
unpaged=0
for run in $(seq 1 "$runs"); do
    log=$(mktemp)
    java $JVM -jar target/limbic.jar bench intake --targets gateway --alerts-per-request 10 --distinct-alerts 5000 \
        --new-alerts-per-thousand 20 --alerts-per-second 10000 --probes-per-second 20 --seconds 60 >"$log" 2>&1
    echo "== run $run of $runs ($(date -u +%H:%M:%S))"
    grep -E 'alerts/s  |p99 in ms per|probes paged|not paged within|escalation caught up' "$log" || cat "$log"
    if grep -q 'not paged within' "$log"; then
        unpaged=$((unpaged + 1))
        echo "   full log kept: $log"
    else
        rm -f "$log"
    fi
done
echo "runs with a probe not paged within 15 s: $unpaged of $runs"
[ "$unpaged" -eq 0 ]
