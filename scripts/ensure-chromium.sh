#!/bin/sh
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (test/browser/),
# which drive it through playwright-core. Installs the distribution package with apt-get when it
# is missing; never downloads a browser build from anywhere else.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) already at $CHROMIUM"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Debian's chromium package" >&2
  exit 1
fi

# Root runs apt-get directly (containers, CI); anyone else goes through sudo.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-chromium: $CHROMIUM is missing; run as root or install sudo" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing Debian's chromium with apt-get"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed at $CHROMIUM"
