#!/usr/bin/env bash
# Ingest benchmark: builds target/limbic.jar, then runs `limbic bench ingest` in both modes. Each mode
# measures a bare Vert.x WebSocket sink and then the gateway, each as its own child process, with the same
# load client over loopback, and prints both and the goals of issue 2:
#   flood: maximum sustained frames/s with 5,000 streams (gateway >= 0.5x the sink; the gateway paces each
#          stream to 64 frames/s, so fewer streams would cap it below its limit);
#   fleet: 10,000 streams at 1 Hz (gateway p99 frame-to-state < 5 ms, < 25 % of one core, RSS <= 1.5x sink).
# Takes about six minutes. Extra arguments go to both runs (e.g. --gateway-jvm-option=-XX:StartFlightRecording=...).
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -ntp -q -DskipTests package
java -jar target/limbic.jar bench ingest --mode flood --streams 5000 "$@"
echo
java -jar target/limbic.jar bench ingest --mode fleet --streams 10000 --rate 1 "$@"
