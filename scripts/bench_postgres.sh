#!/usr/bin/env bash
# Benchmarks the archive on SQLite and on PostgreSQL side by side on this
# machine: import of PAGES synthetic pages through the whole pipeline, search
# latency over the fixed queries of importer/bench_test.go, and galley copy of
# the archive both ways. A throwaway PostgreSQL server (default settings,
# fsync on) is started in a temporary folder on a unix socket only, and
# removed at the end. Usage: scripts/bench_postgres.sh [PAGES]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-2000}
stories=$((pages * 16)) # the synthetic pages average a little over 16 stories
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
d=$(mktemp -d)
as=()
if [[ $(id -u) -eq 0 ]]; then chown postgres "$d"; as=(runuser -u postgres --); fi
cleanup() { "${as[@]}" "$bin/pg_ctl" stop -D "$d/data" -m fast >/dev/null 2>&1 || true; rm -rf "$d"; }
trap cleanup EXIT
"${as[@]}" "$bin/initdb" -D "$d/data" -U galley -A trust --no-locale -E UTF8 >/dev/null
"${as[@]}" "$bin/pg_ctl" start -w -D "$d/data" -l "$d/log" -o "-c listen_addresses='' -k $d -c shared_buffers=256MB" >/dev/null
"$bin/createdb" -h "$d" -U galley bench
"$bin/createdb" -h "$d" -U galley copy
pg="postgres://galley@/bench?host=$d"
go build -o "$d/galley" .
run() { # name db
	echo "== $1: import of $pages pages, then search"
	GALLEY_BENCH_STORIES=$stories GALLEY_BENCH_DB=$2 go test -run '^$' -bench Archive -benchtime 1x -timeout 3h ./importer 2>&1 |
		grep -E 'BenchmarkArchive|imported|archive|query' || true
}
lite=$d/bench.db
run SQLite "$lite"
run PostgreSQL "$pg"
echo "== copy SQLite → PostgreSQL"
/usr/bin/time -f '%e s, %M KB peak' "$d/galley" copy --from "$lite" --to "postgres://galley@/copy?host=$d" | tail -2
echo "== copy PostgreSQL → SQLite"
/usr/bin/time -f '%e s, %M KB peak' "$d/galley" copy --from "$pg" --to "$d/back.db" | tail -2
