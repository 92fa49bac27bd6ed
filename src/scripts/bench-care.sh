#!/usr/bin/env bash
# Care benchmark: builds target/limbic.jar, then runs `limbic bench care`: the gateway (child process, embedded
# PostgreSQL) under 10,000 device streams at 1 Hz, of which 100 probe responders are paged and their heart rate
# climbs from 70 to 132 bpm. Prints the decisive sample -> breathing prompt latency on the live channel
# (goal of issue 4: p99 < 50 ms). Takes about four minutes. Extra arguments go to the run (e.g. --probes 200).
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -ntp -q -DskipTests package
java -jar target/limbic.jar bench care --streams 10000 "$@"
