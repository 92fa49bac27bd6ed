#!/usr/bin/env bash
# Runs every test of Limbic on a fresh Debian machine: installs what the tests need, then builds and tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian packages that the tests drive for real (dbus-daemon and python3-dbusmock host the fake BlueZ of the TinyB tests;
# chromium and chromium-driver run the responder page tests in a real headless browser).
apt_packages=(prometheus prometheus-alertmanager dbus-daemon python3-dbusmock chromium chromium-driver)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js for the dashboard type check (any packaged version with npm will do; keep one that is installed).
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing test dependencies: nodejs npm" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi
# The pinned npm packages of the dashboard type check (@grafana/schema, typescript), from the npm registry.
(cd src/test/grafana && npm ci --no-audit --no-fund)

mvn -B -ntp verify
