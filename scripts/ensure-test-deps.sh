#!/usr/bin/env bash
# What `npm test` needs from the machine, installed from Debian's packages when missing:
#   redis-server  the tests start a private one when nothing answers on REDIS_URL
#   chromium      the browser tests drive Debian's chromium through playwright-core
#   prometheus    the local-topology test scrapes every service with a real Prometheus
#   docker-compose `docker-compose config` checks of the compose file
#   prometheus-redis-exporter  the local-topology test scrapes Redis through it, as the monitoring profile does
#   python3-ezdxf  the CAD export tests read the DXF drawings with Debian's ezdxf (/usr/bin/python3)
# Nothing is downloaded from anywhere but Debian's archive. Prints one line per missing package.
set -euo pipefail

declare -A package_of=(
  [redis-server]=redis-server
  [chromium]=chromium
  [prometheus]=prometheus
  [docker-compose]=docker-compose
  [prometheus-redis-exporter]=prometheus-redis-exporter
)
missing=()
for command in "${!package_of[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${package_of[$command]}")
done
/usr/bin/python3 -c 'import ezdxf' >/dev/null 2>&1 || missing+=(python3-ezdxf)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: missing ${missing[*]} and apt-get is not available: install them first" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-test-deps: missing ${missing[*]}: run as root or install them with apt-get" >&2
    exit 1
  fi
  sudo=sudo
fi
echo "ensure-test-deps: installing ${missing[*]} (Debian packages)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
# Debian's prometheus package starts a daemon on :9090 through its service scripts where it can;
# the tests run their own on free ports, so a running one is harmless.
