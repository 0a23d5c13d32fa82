#!/usr/bin/env bash
# What `npm test` needs from the machine besides Node and npm:
#   redis-server    the tests start a private one when nothing answers on REDIS_URL
#   chromium        the browser tests drive it through playwright-core (never a downloaded build)
#   prometheus      the local-topology test scrapes every service with a real Prometheus
#   promtool        checks of deploy/prometheus (same package as prometheus)
#   docker-compose  `docker-compose config` checks of the compose file
#   python3-ezdxf   the CAD (DXF) export's tests read what it writes with Python's ezdxf
#   prometheus-redis-exporter  the local-topology test scrapes Redis through it, as the
#                   monitoring profile does
#
# Where apt-get exists (Debian, Ubuntu) the missing ones are installed from the distribution's
# packages (as root, or through sudo). Anywhere else, or when that is not possible, it names
# each missing tool and how to get it, and exits 0: the tests that need a missing tool fail
# with the same message (support/require-tool.ts asks this script), the others run.
#
# Usage: scripts/ensure-test-deps.sh [--require]     install what is missing (apt), else explain
#        scripts/ensure-test-deps.sh --check TOOL     exit 0 and print its path when TOOL is
#                                                     there; else print how to get it, exit 1
#   --require  exit 1 when anything is still missing afterwards (CI)
# Nothing is downloaded from anywhere but the distribution's archive. Works with bash 3.2 (macOS).
set -euo pipefail

TOOLS="redis-server chromium prometheus promtool docker-compose python3-ezdxf prometheus-redis-exporter"

# debian_package TOOL: the Debian package that provides it.
debian_package() {
  case "$1" in
    promtool) echo prometheus ;;
    *) echo "$1" ;;
  esac
}

# tool_path TOOL: prints where the tool is and succeeds, or fails silently.
tool_path() {
  case "$1" in
    python3-ezdxf)
      local python
      for python in /usr/bin/python3 python3; do
        if "$python" -c 'import ezdxf' >/dev/null 2>&1; then
          command -v "$python"
          return 0
        fi
      done
      return 1
      ;;
    chromium)
      if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
        echo "$CHROMIUM_PATH"
        return 0
      fi
      command -v chromium || command -v chromium-browser
      ;;
    *) command -v "$1" ;;
  esac
}

# how_to_get TOOL: what the tool is for and how to install it, on this machine and elsewhere.
how_to_get() {
  local why apt brew other
  case "$1" in
    redis-server)
      why="the queue, service and reliability tests need a Redis server binary"
      brew="brew install redis"
      other="your distribution's redis (or valkey) package, which provides redis-server"
      ;;
    chromium)
      why="test/browser drives the dashboard in Chromium through playwright-core"
      brew="brew install --cask chromium, then export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium"
      other="your distribution's chromium package, or set CHROMIUM_PATH to a Chromium or Chrome binary"
      ;;
    prometheus | promtool)
      why="test/deployment runs a real Prometheus and checks deploy/prometheus with promtool"
      brew="brew install prometheus (promtool comes with it)"
      other="a Prometheus release archive (prometheus and promtool are both in it), on PATH"
      ;;
    docker-compose)
      why="test/deployment checks docker-compose.yml with docker-compose config"
      brew="brew install docker-compose"
      other="the docker-compose package of your distribution, or the standalone Compose binary on PATH as docker-compose"
      ;;
    prometheus-redis-exporter)
      why="test/deployment's local topology scrapes Redis through the exporter the monitoring profile runs"
      brew="brew install redis_exporter, then link it as prometheus-redis-exporter on PATH"
      other="a redis_exporter release (github.com/oliver006/redis_exporter) on PATH as prometheus-redis-exporter"
      ;;
    python3-ezdxf)
      why="the CAD (DXF) export tests read its files with Python's ezdxf (checked with python3 -c 'import ezdxf')"
      brew="python3 -m pip install --user ezdxf"
      other="python3 -m pip install --user ezdxf (or your distribution's python3-ezdxf package)"
      ;;
    *)
      echo "ensure-test-deps: unknown tool $1 (known: $TOOLS)" >&2
      return 2
      ;;
  esac
  apt="sudo apt-get install $(debian_package "$1")"
  echo "missing $1: $why."
  if command -v apt-get >/dev/null 2>&1; then
    echo "  install it: $apt (or run scripts/ensure-test-deps.sh as root)"
  elif [ "$(uname -s 2>/dev/null || true)" = Darwin ]; then
    echo "  install it: $brew"
  else
    echo "  install it: $other"
    echo "  (Debian/Ubuntu: $apt; macOS: $brew)"
  fi
}

if [ "${1:-}" = --check ]; then
  [ $# -eq 2 ] || {
    echo "usage: $0 --check TOOL (one of: $TOOLS)" >&2
    exit 2
  }
  case " $TOOLS " in
    *" $2 "*) ;;
    *)
      echo "ensure-test-deps: unknown tool $2 (known: $TOOLS)" >&2
      exit 2
      ;;
  esac
  tool_path "$2" 2>/dev/null && exit 0
  how_to_get "$2"
  exit 1
fi

require=false
for arg in "$@"; do
  case "$arg" in
    --require) require=true ;;
    -h | --help)
      sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "ensure-test-deps: unknown option $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

missing_tools() {
  local tool
  for tool in $TOOLS; do
    tool_path "$tool" >/dev/null 2>&1 || echo "$tool"
  done
}

missing=$(missing_tools)
[ -z "$missing" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=sudo
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
  packages=$(for tool in $missing; do debian_package "$tool"; done | sort -u | tr '\n' ' ')
  echo "ensure-test-deps: installing ${packages}(Debian packages)"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages fonts-dejavu-core >/dev/null
  # Debian's prometheus package starts a daemon on :9090 through its service scripts where it can;
  # the tests run their own on free ports, so a running one is harmless.
  missing=$(missing_tools)
  [ -z "$missing" ] && exit 0
fi

{
  echo "ensure-test-deps: the tests that need these tools will fail until they are installed:"
  for tool in $missing; do how_to_get "$tool" | sed 's/^/  /'; done
} >&2
if $require; then exit 1; fi
exit 0
