#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: the browsers the tests drive, then npm packages.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
# French UI strings in tests need Chromium's locale files.
[ -f /usr/lib/chromium/locales/fr.pak ] || need+=(chromium-l10n)
[ -x /usr/lib/firefox-esr/firefox-esr ] || need+=(firefox-esr)
# The video e2e tests build their clips at test time (issue 5).
command -v ffmpeg >/dev/null || need+=(ffmpeg)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
fi

# onnxruntime-node's install script would download GPU files; its CPU binary ships in the package.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
fi
