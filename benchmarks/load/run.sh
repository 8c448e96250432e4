#!/usr/bin/env bash
# One load-test run as docs/reliability.md reports them: a fresh production server on loopback,
# 50 signed-in users for a while, locust's statistics per request kind printed and kept.
#
#   benchmarks/load/run.sh setup                       # once: roles, migrations, ANALYZE, sessions
#   benchmarks/load/run.sh NAME THINK RUNTIME          # e.g. run.sh slow 5,15 120s
#
# LOAD_DB (default csphub_bench on 127.0.0.1) must hold bench_cases.py's data at scale 1; SRC runs
# another tree's src/ (e.g. a `git archive` of an earlier commit) for a before/after comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=.venv/bin
DB=${LOAD_DB:-csphub_bench}
OUT=${LOAD_OUT:-var/load}
mkdir -p "$OUT"
export PYTHONPATH=${SRC:-$PWD/src}
export DJANGO_SETTINGS_MODULE=csphub.config.settings.production
# One key for the set-up and every run: the sessions made at set-up are signed with it.
[ -f "$OUT/secret_key" ] || echo "load-test-only-$(head -c 32 /dev/urandom | base64)" > "$OUT/secret_key"
export CSPHUB_SECRET_KEY=$(cat "$OUT/secret_key")
export CSPHUB_ALLOWED_HOSTS=127.0.0.1,localhost CSPHUB_DATA_DIR=$PWD/$OUT/data
export DATABASE_URL=postgresql://csphub_app@127.0.0.1:5432/$DB

if [ "${1:-}" = setup ]; then
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB $B/csphub db roles
  CSPHUB_MIGRATION_DATABASE_URL=postgresql://csphub_owner@127.0.0.1:5432/$DB $B/csphub migrate
  psql -h 127.0.0.1 -U postgres "$DB" -qc ANALYZE
  $B/python benchmarks/load/make_sessions.py --users 50 --out "$OUT/sessions.json"
  exit 0
fi

NAME=$1 THINK=$2 RUNTIME=$3
$B/csphub serve --production --port 8765 > "$OUT/$NAME.server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -s -o /dev/null http://127.0.0.1:8765/ && break; sleep 1; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
CSPHUB_LOAD_THINK=$THINK CSPHUB_LOAD_SESSIONS=$OUT/sessions.json $B/locust -f benchmarks/load/locustfile.py \
  --headless --host http://127.0.0.1:8765 --users 50 --spawn-rate 10 --run-time "$RUNTIME" \
  --csv "$OUT/$NAME" --only-summary > "$OUT/$NAME.locust.log" 2>&1 || echo "locust reported failures: $OUT/$NAME.locust.log"
$B/python - "$OUT/${NAME}_stats.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(f"{r['Name'][:32]:32} n={r['Request Count']:>5} failures={r['Failure Count']:>3} "
          f"p50={r['50%']:>5} p95={r['95%']:>5} p99={r['99%']:>5} req/s={float(r['Requests/s']):.1f}")
PY
