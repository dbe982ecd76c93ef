#!/bin/sh
# bench.sh - `make bench`: what a render costs, whole process, for the
# example issue and for generated issues of 1 to 200 pages.
#
# For each input: one warm-up run, then RUNS runs (default 10), and the
# median of each figure: CPU (user + sys), wall time, peak memory (max
# RSS) from the child's rusage (python3, to the microsecond; else
# /usr/bin/time, to 10 ms), and the PDF's size.  Tests never time anything;
# this only measures, on whatever else the machine is doing (run it idle).
#
#   RUNS=N        runs per input (default 10)
#   PAGES="1 200" generated sizes (default: 1 10 50 100 200)
#
# The generated issues repeat the example's own paragraphs (real text, with
# numbers, Latin names and citations) in sections of sixteen, so every size
# exercises the same typesetting.
cd "$(dirname "$0")/.." || exit 1
NQPDF=${NQPDF:-./nqpdf}
IN=examples/daily-2026-05-14.json
RUNS=${RUNS:-10}
PAGES=${PAGES:-1 10 50 100 200}
tmp=$(mktemp -d /tmp/nqpdf-bench.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x /usr/bin/time ]; then
	echo "bench: needs /usr/bin/time (make deps installs it)" >&2
	exit 1
fi

# gen PAGES FILE: an issue of about PAGES A4 pages.  The example's body
# paragraphs (one JSON string per line in the file) are the text; an A4
# page holds about 7.9 of them.
gen() {
	sed -n 's/^ *\("[^"]*[。”]",\{0,1\}\)$/\1/p' "$IN" | sed 's/,$//' >"$tmp/paras"
	np=$(wc -l <"$tmp/paras")
	awk -v pages="$1" -v np="$np" '
		NR == FNR { p[NR] = $0; next }
		END {
			n = int(pages * 7.9 + 0.5); if (n < 1) n = 1
			printf "{\"nqpdf\": 1, \"title\": \"新质生产力每日动态\", \"organization\": \"测试单位\",\n"
			printf " \"date\": \"2026-05-14\", \"references\": [{\"source\": \"新华社\", \"title\": \"标题\"}],\n"
			printf " \"sections\": ["
			for (i = 0; i < n; i++) {
				if (i % 16 == 0)
					printf "%s\n  {\"heading\": \"第%d部分：新质生产力动态与研判\", \"paragraphs\": [", i ? "]}," : "", i / 16 + 1
				else
					printf ","
				s = p[i % np + 1]
				gsub(/\[[0-9,-]+\]/, "[1]", s)
				printf "\n   %s", s
			}
			printf "]}\n ]}\n"
		}' "$tmp/paras" "$tmp/paras" >"$2"
}

# One run's "wall user sys maxrss-KiB", as /usr/bin/time -f '%e %U %S %M'
# prints them, but to the microsecond: time(1) rounds CPU to 10 ms, which
# made the example read 10, 20 or 30 ms.  The child's own rusage (wait4),
# so Python's start-up is not counted.
rusage='
import os, sys, time
t = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, st, ru = os.wait4(pid, 0)
print("%.6f %.6f %.6f %d" % (time.monotonic() - t, ru.ru_utime, ru.ru_stime, ru.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(st) != 0)
'
py=
command -v python3 >/dev/null 2>&1 && py=1

# measure NAME FILE: RUNS runs after a warm-up, one line of medians.
measure() {
	"$NQPDF" "$2" -o "$tmp/out.pdf" 2>/dev/null || { echo "bench: nqpdf failed on $1" >&2; return 1; }
	: >"$tmp/runs"
	i=0
	while [ $i -lt "$RUNS" ]; do
		if [ -n "$py" ]; then
			python3 -c "$rusage" "$NQPDF" "$2" -o "$tmp/out.pdf" >>"$tmp/runs" 2>/dev/null
		else
			/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$NQPDF" "$2" -o "$tmp/out.pdf" 2>/dev/null
			cat "$tmp/t" >>"$tmp/runs"
		fi
		i=$((i + 1))
	done
	pages=$(pdfinfo "$tmp/out.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	bytes=$(wc -c <"$tmp/out.pdf")
	awk -v name="$1" -v pages="$pages" -v bytes="$bytes" -v n="$RUNS" '
		function med(a,   i, j, k, t) {   # POSIX awk has no asort
			k = NR
			for (i = 2; i <= k; i++)
				for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
			return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
		}
		{ wall[NR] = $1 * 1000; cpu[NR] = ($2 + $3) * 1000; rss[NR] = $4 / 1024 }
		END {
			printf "%-22s %5d %10.1f %10.1f %10.1f %12.1f\n", name, pages, med(cpu), med(wall),
			       med(rss), bytes / 1024
		}' "$tmp/runs"
}

echo "nqpdf bench: median of $RUNS runs after a warm-up ($(nproc) cores)"
printf "%-22s %5s %10s %10s %10s %12s\n" input pages "CPU ms" "wall ms" "peak MiB" "PDF KiB"
measure "$(basename "$IN")" "$IN"
# One paragraph of 200 KB of English, a quote or apostrophe every eight
# characters: 'pwid' on each made its shaping quadratic (2.2 s, 0.10 s in
# pieces: src/shape/shape.c, PWID_PIECE).
awk 'BEGIN { s = "It’s the dog’s bone and they’re “quoted” words, isn’t it? "
	printf "{\"nqpdf\": 1, \"title\": \"English\", \"organization\": \"o\", \"date\": \"2026-05-14\",\n"
	printf " \"sections\": [{\"heading\": \"h\", \"paragraphs\": [\""
	for (i = 0; i < 3000; i++) printf "%s", s
	printf "\"]}]}\n" }' >"$tmp/english.json"
measure "english quotes 200 KB" "$tmp/english.json"
for p in $PAGES; do
	gen "$p" "$tmp/gen-$p.json"
	measure "generated $p pages" "$tmp/gen-$p.json"
done
