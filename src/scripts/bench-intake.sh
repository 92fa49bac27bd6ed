#!/usr/bin/env bash
# Intake benchmark: builds target/limbic.jar, then runs `limbic bench intake`: Alertmanager alerts over loopback at
# a bare Vert.x endpoint that only parses them, at the gateway (durable intake into the embedded PostgreSQL with
# fsync on, routing, paging) and at Prometheus Alertmanager 0.25's own POST /api/v2/alerts
# (/usr/bin/prometheus-alertmanager, Debian package prometheus-alertmanager). Prints alerts/s, p50, p99, the ratios,
# the load average, and webhook -> page received by its channel (during the load and alone).
# Extra arguments go to the command, e.g. --seconds 20 --connections 64 --alerts-per-request 10.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -ntp -q -DskipTests package
java -jar target/limbic.jar bench intake "$@"
