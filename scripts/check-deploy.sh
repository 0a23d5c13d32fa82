#!/usr/bin/env bash
# Static checks of the deployment files with the real tools (no Docker engine needed):
#   1. docker-compose config -q   Debian's docker-compose 1.29: schema, interpolation from .env
#                                 and .env.example (also `docker compose config -q` when the v2
#                                 plugin is there)
#   2. promtool check config      deploy/prometheus/prometheus.yml and the rule files it loads;
#      promtool test rules        the alerts' unit tests (deploy/prometheus/alerts.test.yml)
#   3. promtool check rules       every PromQL query of the Grafana dashboards, as recording rules
#   optional (never required): kubectl kustomize deploy/k8s, shellcheck on the scripts
# Usage: scripts/check-deploy.sh [--install] [--require]
#   --install  apt-get install docker-compose and prometheus when missing (root; what CI uses)
#   --require  a missing tool is a failure instead of a skip
# Prints one line per check; exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

install=false
require=false
for arg in "$@"; do
  case "$arg" in
    --install) install=true ;;
    --require) require=true ;;
    -h | --help)
      sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "check-deploy: unknown option $arg" >&2
      exit 2
      ;;
  esac
done

if $install; then
  missing=()
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[check-deploy] installing ${missing[*]} (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

failures=0
skipped=0
pass() { echo "[check-deploy] ok    $*"; }
fail() {
  echo "[check-deploy] FAIL  $*"
  failures=$((failures + 1))
}
skip() {
  echo "[check-deploy] skip  $* (tool not installed)"
  skipped=$((skipped + 1))
}

# 1. Compose file, with each env file the stack can be started with.
if command -v docker-compose >/dev/null 2>&1; then
  for env_file in .env .env.example; do
    if out=$(docker-compose --env-file "$env_file" -f docker-compose.yml --profile monitoring config -q 2>&1); then
      pass "docker-compose config -q (docker-compose $(docker-compose version --short 2>/dev/null), --env-file $env_file)"
    else
      fail "docker-compose config -q --env-file $env_file: $out"
    fi
  done
else
  skip "docker-compose config -q"
fi
if docker compose version >/dev/null 2>&1; then
  if out=$(docker compose --env-file .env -f docker-compose.yml --profile monitoring config -q 2>&1); then
    pass "docker compose config -q (Compose v2 plugin)"
  else
    fail "docker compose config -q: $out"
  fi
fi

# 2 and 3. Prometheus configuration, alert rules, dashboard queries.
if command -v promtool >/dev/null 2>&1; then
  if out=$(promtool check config deploy/prometheus/prometheus.yml 2>&1); then
    pass "promtool check config deploy/prometheus/prometheus.yml (and its rule files)"
  else
    fail "promtool check config: $out"
  fi
  if out=$(promtool test rules deploy/prometheus/alerts.test.yml 2>&1); then
    pass "promtool test rules deploy/prometheus/alerts.test.yml (the alerts fire when they should)"
  else
    fail "promtool test rules: $out"
  fi
  rules=$(mktemp --suffix=.yml)
  trap 'rm -f "$rules"' EXIT
  # Grafana's $__ variables are not PromQL: give them the values Grafana would.
  node --input-type=module - "$rules" deploy/grafana/dashboards/*.json <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
const [out, ...dashboards] = process.argv.slice(2);
const rules = [];
for (const file of dashboards) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  for (const panel of dashboard.panels ?? []) {
    for (const target of panel.targets ?? []) {
      const expr = target.expr.replaceAll('$__rate_interval', '1m').replaceAll('$__range', '1h').replaceAll('$__interval', '15s');
      rules.push({ record: `dashboard:panel_${panel.id}:${target.refId}`, expr });
    }
  }
}
writeFileSync(out, JSON.stringify({ groups: [{ name: 'grafana-dashboard-queries', rules }] }, null, 2));
console.error(`[check-deploy] ${rules.length} dashboard queries`);
EOF
  if out=$(promtool check rules "$rules" 2>&1); then
    pass "promtool check rules on the Grafana dashboard queries ($(grep -c '"record"' "$rules") queries)"
  else
    fail "dashboard queries are not valid PromQL: $out"
  fi
else
  skip "promtool check config / dashboard queries"
fi

# Optional extras: run when the tool is there, never counted as skipped.
if command -v kubectl >/dev/null 2>&1; then
  if out=$(kubectl kustomize deploy/k8s 2>&1); then
    pass "kubectl kustomize deploy/k8s ($(grep -c '^kind:' <<<"$out") objects)"
  else
    fail "kubectl kustomize deploy/k8s: $out"
  fi
fi
if command -v shellcheck >/dev/null 2>&1; then
  if out=$(shellcheck scripts/setup.sh scripts/check-deploy.sh 2>&1); then
    pass "shellcheck scripts/setup.sh scripts/check-deploy.sh"
  else
    fail "shellcheck: $out"
  fi
fi

if $require && [ "$skipped" -gt 0 ]; then
  echo "[check-deploy] $skipped check(s) skipped and --require given"
  exit 1
fi
if [ "$failures" -gt 0 ]; then
  echo "[check-deploy] $failures check(s) failed"
  exit 1
fi
echo "[check-deploy] all checks passed ($skipped skipped)"
