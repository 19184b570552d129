#!/usr/bin/env bash
# Side-by-side comparisons of what a user waits for, so anyone can repeat
# the figures of the README and the performance notes:
#
#   galley parse (one page, whole process)  vs  AutoCorrect's CLI (npm)
#   galley search (whole process)           vs  ripgrep over the same stories exported as text
#                                               and sqlite3 scanning the stories table
#   parse with metadata (MB/s, one core)    vs  AutoCorrect over the same 20 MB
#   import rate, search latency in process       (Go benchmarks)
#
# Usage: scripts/bench.sh [PAGES]     PAGES: archive size for search (default 2000)
#        BENCH_ROUNDS=N               rounds per comparison (default 5)
#
# Times are CPU time (user + system) of the whole process, peers run
# interleaved round by round, and each ratio is the median of the rounds'
# ratios, so that a busy machine slows both sides alike. Missing tools
# (ripgrep, sqlite3, GNU time, AutoCorrect) are installed first: apt for
# the first three, npm into the cache folder for AutoCorrect.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-2000}
rounds=${BENCH_ROUNDS:-5}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/galley-bench
mkdir -p "$cache"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
[[ -x /usr/bin/time ]] || need_apt+=(time)
command -v npm >/dev/null || need_apt+=(npm)
if ((${#need_apt[@]})); then
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	echo "installing: ${need_apt[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
autocorrect=$cache/node_modules/.bin/autocorrect
if [[ ! -x $autocorrect ]]; then
	echo "installing AutoCorrect (npm autocorrect-node) into $cache" >&2
	(cd "$cache" && npm install --silent --no-audit --no-fund autocorrect-node >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building galley…" >&2
go build -o "$work/galley" .
galley=$work/galley
page=assets/seeds/000_84aa73dab9e593a4.txt

# cpu CMD... runs CMD (stdin from $STDIN if set), prints "cpu_seconds max_rss_kb".
cpu() {
	/usr/bin/time -o "$work/time.out" -f "%U %S %M" "$@" <"${STDIN:-/dev/null}" >/dev/null 2>&1 || true
	# GNU time puts "Command exited with non-zero status N" first (rg
	# finding nothing): the figures are the last line.
	tail -1 "$work/time.out" | awk '{printf "%.3f %d\n", $1 + $2, $3}'
}

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# compare NAME_A NAME_B -- CMD_A... -- CMD_B...: rounds of A then B,
# prints medians of CPU and peak RSS and the median ratio B/A.
compare() {
	local na=$1 nb=$2
	shift 2
	[[ $1 == -- ]] && shift
	local a=() b=()
	while [[ $1 != -- ]]; do a+=("$1"); shift; done
	shift
	b=("$@")
	local ta=() tb=() ma=() mb=() ratios=()
	cpu "${a[@]}" >/dev/null; cpu "${b[@]}" >/dev/null # warm the page cache
	for ((r = 0; r < rounds; r++)); do
		read -r t m < <(cpu "${a[@]}"); ta+=("$t"); ma+=("$m")
		read -r u n < <(cpu "${b[@]}"); tb+=("$u"); mb+=("$n")
		ratios+=("$(awk -v x="$t" -v y="$u" 'BEGIN {if (x > 0) print y / x; else print y / 0.005}')")
	done
	printf "  %-34s %7.3f s CPU %7.1f MiB\n" "$na" "$(printf '%s\n' "${ta[@]}" | median)" "$(printf '%s\n' "${ma[@]}" | median | awk '{print $1 / 1024}')"
	printf "  %-34s %7.3f s CPU %7.1f MiB\n" "$nb" "$(printf '%s\n' "${tb[@]}" | median)" "$(printf '%s\n' "${mb[@]}" | median | awk '{print $1 / 1024}')"
	printf "  ratio %s / %s: %.1f×\n\n" "$nb" "$na" "$(printf '%s\n' "${ratios[@]}" | median)"
}

echo
echo "== one page, whole process ($page)"
"$galley" parse "$page" >/dev/null # compiles the dictionary on a first run
STDIN=$page compare "galley parse" "autocorrect --stdin" -- "$galley" parse "$page" -- "$autocorrect" --stdin

echo "== search, whole process, archive of $pages synthetic pages"
db=$cache/bench-$pages.db
if [[ ! -s $db ]]; then
	echo "building the archive (once; kept in $db)…" >&2
	stories=$((pages * 16))
	GALLEY_BENCH_STORIES=$stories GALLEY_BENCH_DB=$db go test -run '^$' -bench Archive -benchtime 1x -timeout 3h ./importer/ |
		grep -E 'pages/s|imported' >&2
fi
txt=$cache/bench-$pages-txt
if [[ ! -d $txt ]]; then
	"$galley" --db "$db" export --format txt --out "$txt" >/dev/null
fi
"$galley" --db "$db" search 科技 >/dev/null
for q in 科技 中试基地 应急演练 tribune 不存在的词语; do
	echo " query $q"
	compare "galley search" "rg -l (exported text)" -- "$galley" --db "$db" search "$q" -- rg -l "$q" "$txt"
	compare "galley search" "sqlite3 instr() scan" -- "$galley" --db "$db" search "$q" -- \
		sqlite3 "$db" "SELECT count(*) FROM stories WHERE instr(title, '$q') OR instr(paragraphs, '$q')"
done

echo "== parse with metadata, 20 MB, one core"
big=$work/big.txt
while [[ ! -s $big || $(stat -c %s "$big") -lt 20000000 ]]; do
	cat assets/seeds/000_84aa73dab9e593a4.txt >>"$big"
	printf '\n\n' >>"$big"
done
size=$(stat -c %s "$big")
galley_mbs=$(GOMAXPROCS=1 go test -run '^$' -bench 'ParseWithMetadata$' -benchtime 3x -cpu 1 . | awk '/MB\/s/ {for (i = 1; i < NF; i++) if ($(i + 1) == "MB/s") print $i}' | tail -1)
read -r act _ < <(STDIN=$big cpu "$autocorrect" --stdin)
ac_mbs=$(awk -v s="$size" -v t="$act" 'BEGIN {printf "%.2f", s / 1e6 / t}')
echo "  galley parse with metadata        ${galley_mbs:-?} MB/s"
echo "  autocorrect --stdin               $ac_mbs MB/s"
awk -v g="${galley_mbs:-0}" -v a="$ac_mbs" 'BEGIN {if (a > 0) printf "  ratio galley / autocorrect: %.1f×\n\n", g / a}'

echo "== import and search in process (Go benchmarks)"
GALLEY_BENCH_DB=$db go test -run '^$' -bench Archive -benchtime 1x ./importer/ | grep -E 'search-|load average' | tr '\t' '\n' | grep -E 'search-(median|p95|cpu)|load' | sed 's/^ */  /'
go test -run '^$' -bench 'Archive' -benchtime 1x ./importer/ | tr '\t' '\n' | grep -E 'pages/s|stories/s' | sed 's/^ */  import (fresh 200 pages) /'
