#!/usr/bin/env bash
# First-time setup of the ceiling-grid docker compose stack:
#   - checks Docker (>= 20.10, engine reachable) and Compose (v2 plugin, or docker-compose >= 1.28);
#   - creates .env from .env.example when it is missing (never overwrites an existing one);
#   - warns about development secrets left in a production .env;
#   - prints the URLs and the login, and the command that starts the stack.
# Usage: scripts/setup.sh [--up] [--monitoring]
#   --up          also build and start the stack (docker compose up -d --build)
#   --monitoring  with --up, start Prometheus and Grafana too (profile `monitoring`)
set -euo pipefail
cd "$(dirname "$0")/.."

up=false
monitoring=false
for arg in "$@"; do
  case "$arg" in
    --up) up=true ;;
    --monitoring) monitoring=true ;;
    -h | --help)
      sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown option $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

say() { echo "[setup] $*"; }
die() {
  echo "[setup] ERROR: $*" >&2
  exit 1
}

# version_at_least HAVE WANT: true when dotted version HAVE >= WANT (leading "v" and suffixes ignored).
version_at_least() {
  local have want
  have=$(echo "$1" | sed -E 's/^v//; s/[^0-9.].*$//')
  want=$2
  [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n1)" = "$want" ]
}

# --- Docker -------------------------------------------------------------------------------
command -v docker >/dev/null 2>&1 ||
  die "docker not found. Install Docker Engine 20.10 or newer: https://docs.docker.com/engine/install/"
docker_version=$(docker version --format '{{.Client.Version}}' 2>/dev/null || true)
[ -n "$docker_version" ] || die "could not read the Docker client version (docker version)"
version_at_least "$docker_version" 20.10 || die "Docker $docker_version is too old; 20.10 or newer is needed"
if ! docker info >/dev/null 2>&1; then
  die "Docker $docker_version is installed but its engine does not answer. Start it (sudo systemctl start docker) or add your user to the docker group (sudo usermod -aG docker \$USER, then log in again)."
fi
say "Docker $docker_version, engine reachable"

# --- Compose ------------------------------------------------------------------------------
if compose_version=$(docker compose version --short 2>/dev/null) && [ -n "$compose_version" ]; then
  compose=(docker compose)
  version_at_least "$compose_version" 2.0 || die "Docker Compose $compose_version is too old; 2.x is needed"
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
  compose_version=$(docker-compose version --short 2>/dev/null || true)
  # 1.28 is the first docker-compose with profiles (the monitoring profile).
  version_at_least "$compose_version" 1.28 ||
    die "docker-compose $compose_version is too old; install the Compose v2 plugin (docker compose) or docker-compose >= 1.28"
else
  die "Docker Compose not found. Install the Compose plugin: https://docs.docker.com/compose/install/linux/"
fi
say "Compose $compose_version (${compose[*]})"

# --- .env ---------------------------------------------------------------------------------
if [ -f .env ]; then
  say ".env exists, left as it is"
else
  [ -f .env.example ] || die ".env.example is missing; cannot create .env"
  cp .env.example .env
  say "created .env from .env.example (development defaults; edit it before exposing the stack)"
fi

# env_value KEY: the value of KEY in .env, surrounding quotes removed (no shell evaluation).
env_value() {
  local line
  line=$(grep -E "^(export[[:space:]]+)?$1=" .env | tail -n1 || true)
  line=${line#*=}
  line=${line%\"}
  line=${line#\"}
  line=${line%\'}
  line=${line#\'}
  printf '%s' "$line"
}

node_env=$(env_value NODE_ENV)
dashboard_user=$(env_value DASHBOARD_USER)
dashboard_password=$(env_value DASHBOARD_PASSWORD)
grafana_user=$(env_value GRAFANA_ADMIN_USER)
grafana_password=$(env_value GRAFANA_ADMIN_PASSWORD)
api_token=$(env_value API_TOKEN)
publish=$(env_value PUBLISH_ADDRESS)

if [ "$node_env" = "production" ]; then
  problems=0
  for key in DASHBOARD_PASSWORD GRAFANA_ADMIN_PASSWORD; do
    value=$(env_value "$key")
    case "$value" in
      "" | dev-only-*)
        say "WARNING: NODE_ENV=production but $key is empty or the development default"
        problems=$((problems + 1))
        ;;
    esac
  done
  if [ -z "$api_token" ] || [ "$(env_value API_AUTH_DISABLED)" = "true" ]; then
    say "WARNING: NODE_ENV=production needs API_TOKEN set and API_AUTH_DISABLED=false"
    problems=$((problems + 1))
  fi
  [ "$problems" -eq 0 ] || say "fix the warnings above in .env (see docs/DEPLOYMENT.md, Production settings)"
fi

[ -f "$(env_value DAILY_GRID_PATH)" ] ||
  say "WARNING: the daily job's room $(env_value DAILY_GRID_PATH) does not exist (DAILY_GRID_PATH in .env)"

# --- start (optional) ---------------------------------------------------------------------
if $up; then
  profile=()
  $monitoring && profile=(--profile monitoring)
  say "starting: ${compose[*]} ${profile[*]} up -d --build"
  "${compose[@]}" "${profile[@]}" up -d --build
fi

# --- where things are ---------------------------------------------------------------------
case "$publish" in
  "" | 127.0.0.1 | 0.0.0.0) host=localhost ;;
  *) host=$publish ;;
esac
password_note() {
  case "$1" in
    dev-only-*) printf '%s (development default)' "$1" ;;
    "") printf '(empty: set it in .env)' ;;
    *) printf '(as set in .env)' ;;
  esac
}

cat <<EOF

ceiling-grid
  Scheduler API     http://$host:$(env_value SCHEDULER_PORT)/api/runs   (OpenAPI: /api/openapi.json, health: /healthz)
  Dashboard         http://$host:$(env_value DASHBOARD_PORT)/runs      (new run: /runs/new, Bull Board: /board)
                    login: ${dashboard_user} / $(password_note "$dashboard_password")
  Prometheus        http://$host:$(env_value PROMETHEUS_PORT)          (profile monitoring)
  Grafana           http://$host:$(env_value GRAFANA_PORT)          (profile monitoring)
                    login: ${grafana_user} / $(password_note "$grafana_password")
  API token         $([ -n "$api_token" ] && echo "set (send Authorization: Bearer \$API_TOKEN)" || echo "none (API_AUTH_DISABLED=$(env_value API_AUTH_DISABLED))")

Start:    ${compose[*]} up -d --build          (with monitoring: ${compose[*]} --profile monitoring up -d --build)
Trigger:  curl -X POST http://$host:$(env_value SCHEDULER_PORT)/api/runs -H 'content-type: application/json' -d @data/input/sample_grid.json
Docs:     docs/DEPLOYMENT.md
EOF
