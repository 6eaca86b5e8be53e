#!/usr/bin/env bash
# Runs inside dbus-run-session: start an unlocked gnome-keyring (Secret Service) with a throwaway HOME, then the
# keychain suite against it. $1: where vitest writes its JSON report.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export HOME="$(mktemp -d)"
mkdir -p "$HOME/.cache" "$HOME/.local/share/keyrings"
# --daemonize: without it the daemon keeps our stdout open and the command substitution never returns.
# It exits by itself when dbus-run-session closes the bus.
eval "$(echo -n opentas-test | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
cd "$root"
status=0
npx vitest run --root "$root" --config test/keychain/vitest.config.ts --reporter=default --reporter=json --outputFile="$1" || status=$?
exit $status
