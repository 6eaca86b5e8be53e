#!/usr/bin/env bash
# The Debian/Ubuntu packages the tests and the native modules need (run as root or with sudo). Used by .ci/run too.
#   chromium                 browser end-to-end tests (Playwright drives Debian's Chromium)
#   libsecret-1-dev          keytar builds from source against it
#   gnome-keyring dbus       the keychain test tier (a real Secret Service)
#   xvfb                     a display for the Electron tier where the Electron binary exists
#   redis-server postgresql  the scale-out (several hub processes) suites
#   fonts-dejavu-core        readable text in screenshots
#   poppler-utils            pdftoppm: the review e2e renders the hub's monthly PDF report to PNG
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  chromium libsecret-1-dev gnome-keyring dbus dbus-x11 xvfb redis-server postgresql fonts-dejavu-core poppler-utils \
  python3 make g++ >/dev/null
echo "system packages installed"
