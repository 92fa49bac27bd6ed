#!/usr/bin/env bash
# Draws docs/dashboard-team-stress.png, docs/dashboard-oncall-load.png and docs/dashboard-gateway.png: runs
# `limbic demo` with a real Prometheus and Alertmanager (Debian packages `prometheus`, `prometheus-alertmanager`)
# for SECONDS (default 180), then draws every dashboard panel from the dashboards' own queries
# (dev.limbic.grafana.DashboardPictures, in the test sources). Usage: bash src/scripts/dashboard-pictures.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
java -Djava.awt.headless=true -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.limbic.grafana.DashboardPictures "${1:-180}" docs
