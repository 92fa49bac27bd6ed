#!/usr/bin/env bash
# Intake benchmark: builds target/limbic.jar, then runs `limbic bench intake`: Alertmanager alerts over loopback at
# a bare Vert.x endpoint that only parses them, at the gateway (durable intake into the embedded PostgreSQL with
# fsync on, routing, paging) and at Prometheus Alertmanager 0.25's own POST /api/v2/alerts
# (/usr/bin/prometheus-alertmanager, Debian package prometheus-alertmanager). Prints alerts/s, p50, p99, the ratios,
# the load average, CPU per alert, and webhook -> page received by its channel (during the load and alone).
#
# Without arguments it runs the four scenarios the README reports (about 6 minutes):
#   1. the most each target takes: 64 webhooks of 10 new alerts in flight (every alert opens an incident);
#   2. the gateway with Alertmanager's re-sends: alerts cycle through 5,000 fingerprints, so after the warm-up
#      each webhook repeats firing alerts that are deduplicated into their open incidents;
#   3. the issue's goal, an alert storm at a steady 10,000 alerts/s (wrk2-style schedule) sustained for 60 s:
#      Alertmanager re-sends of 5,000 firing alerts, 20 of every 1,000 alerts new (200 new incidents/s, each paged);
#   4. the gateway at a steady 1,000 new alerts/s: answer and page latency when every alert opens an incident.
# The JVM runs ZGC with a fixed 1 GB heap touched up front, as the README recommends for `limbic serve`: letting the
# heap grow to gigabytes under a storm put a long collection and page faults in the middle of the run.
# With arguments, one run with those (e.g. --seconds 20 --connections 64 --alerts-per-request 10).
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -ntp -q -DskipTests package
JVM="-XX:+UseZGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch"
if [ "$#" -gt 0 ]; then
    exec java $JVM -jar target/limbic.jar bench intake "$@"
fi
echo "== 1. saturation, every alert new"
java $JVM -jar target/limbic.jar bench intake --alerts-per-request 10 --probes-per-second 10
echo "== 2. saturation, re-sent alerts (deduplicated)"
java $JVM -jar target/limbic.jar bench intake --targets gateway --alerts-per-request 10 --distinct-alerts 5000 \
    --probes-per-second 10
echo "== 3. a storm at a steady 10,000 alerts/s: re-sends, 2% new, 60 s measured"
java $JVM -jar target/limbic.jar bench intake --targets gateway --alerts-per-request 10 --distinct-alerts 5000 \
    --new-alerts-per-thousand 20 --alerts-per-second 10000 --probes-per-second 10 --seconds 60
echo "== 4. a steady 1,000 new alerts/s"
java $JVM -jar target/limbic.jar bench intake --targets gateway --alerts-per-request 10 --alerts-per-second 1000 \
    --probes-per-second 10
