#!/bin/sh
# bench.sh - render examples/daily-2026-05-14.json 50 times and report the
# median and p90 wall time, the peak RSS and the PDF size.  `make bench`.
cd "$(dirname "$0")/.." || exit 1
NQPDF=${NQPDF:-./nqpdf}
IN=examples/daily-2026-05-14.json
RUNS=${RUNS:-50}
tmp=$(mktemp -d /tmp/nqpdf-bench.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

"$NQPDF" "$IN" -o "$tmp/out.pdf" || { echo "bench: nqpdf failed" >&2; exit 1; }
i=0
while [ $i -lt "$RUNS" ]; do
	t0=$(date +%s%N)
	"$NQPDF" "$IN" -o "$tmp/out.pdf" 2>/dev/null
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000)) >>"$tmp/times"   # microseconds
	i=$((i + 1))
done
sort -n "$tmp/times" | awk -v n="$RUNS" '
	{ t[NR] = $1 }
	END {
		med = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
		p = int(0.9 * n + 0.999999); if (p < 1) p = 1; if (p > n) p = n
		printf "runs: %d\nwall time: median %.1f ms, p90 %.1f ms\n", n, med / 1000, t[p] / 1000
	}'
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$tmp/rss" "$NQPDF" "$IN" -o "$tmp/out.pdf" 2>/dev/null
	awk '{ printf "peak memory: %.1f MiB\n", $1 / 1024 }' "$tmp/rss"
else
	echo "peak memory: n/a (install time)"
fi
size=$(wc -c <"$tmp/out.pdf")
awk -v s="$size" 'BEGIN { printf "PDF size: %.1f KB\n", s / 1024 }'
