# tests/diag/scale.sh - sourced by tests/diag/run.sh: many messages, and
# messages on very long lines, cost time linear in the input and bounded
# memory (docs/limits.md, "Messages").  Every run is under `timeout 30`: a
# hang is a failure (the speed itself is `make bench`'s business).  The
# inputs are generated here, never committed.

sc=$dg/scale
mkdir -p "$sc"

# scale_run NAME WANT-RC FILE [nqpdf options]: --check FILE under timeout 30
# into $sc/NAME.err; echoes nothing, writes problems to $sc/NAME.detail.
scale_run() {
	sname=$1
	swant=$2
	sin=$3
	shift 3
	: >"$sc/$sname.detail"
	timeout 30 "$NQPDF" --check "$sin" "$@" >/dev/null 2>"$sc/$sname.err"
	src=$?
	[ "$src" = 124 ] && echo "did not finish in 30 s" >>"$sc/$sname.detail"
	[ "$src" = "$swant" ] || echo "exit code $src, expected $swant" >>"$sc/$sname.detail"
}

# 99,000 unknown keys on one line of 1.1 MB: each message used to walk from
# the start of the file and copy its whole line (past 30 s).  The first
# 100 are printed, in source order, then one line for the rest.
awk 'BEGIN {
	printf "{\"nqpdf\": 1, \"title\": \"t\", \"organization\": \"o\", \"date\": \"2026-05-14\", "
	printf "\"sections\": [{\"heading\": \"h\", \"paragraphs\": [\"p\"]}]"
	for (i = 0; i < 99000; i++) printf ",\"k%05d\":0", i
	printf "}\n" }' >"$sc/keys.json"
scale_run unknown-keys-99000 1 "$sc/keys.json"
d=$sc/unknown-keys-99000.detail
n=$(grep -c ': error: /k[0-9]*: unknown key' "$sc/unknown-keys-99000.err")
[ "$n" = 100 ] || echo "$n unknown-key errors printed, expected 100" >>"$d"
grep -q '^[^ ]*keys\.json:1:123: error: /k00000: unknown key "k00000"' "$sc/unknown-keys-99000.err" ||
	echo "the first message is not the first key, at 1:123" >>"$d"
[ "$(tail -n 1 "$sc/unknown-keys-99000.err")" = "$sc/keys.json: note: and 98900 more errors not shown" ] ||
	echo "last line is not 'and 98900 more errors not shown': $(tail -n 1 "$sc/unknown-keys-99000.err")" >>"$d"
# The excerpt of a 1.1 MB line is a window, not the line.
awk '/^ *[0-9]+ [|] / && length > 200 { print "an excerpt line of " length " bytes"; exit }' "$sc/unknown-keys-99000.err" >>"$d"
check "scale: 99,000 unknown keys on one 1.1 MB line, 100 printed (exit 1)" "$d"
rm -f "$sc/keys.json"

# A minified 3 MB issue (one line) with 900 warnings (references never
# cited) after 3 MB of paragraphs: 49 s before.  Warnings do not change
# the exit code, capped or not.
awk 'BEGIN {
	printf "{\"nqpdf\":1,\"title\":\"t\",\"organization\":\"o\",\"date\":\"2026-05-14\","
	printf "\"sections\":[{\"heading\":\"h\",\"paragraphs\":["
	for (p = 0; p < 12; p++) {
		printf "%s\"", (p ? "," : "")
		for (i = 0; i < 16000; i++) printf "这是正文。"
		printf "\""
	}
	printf "]}],\"references\":["
	for (i = 1; i <= 900; i++) printf "%s{\"id\":%d,\"source\":\"s\",\"title\":\"t\"}", (i > 1 ? "," : ""), i
	printf "]}\n" }' >"$sc/min3.json"
scale_run minified-3mb-900-warnings 0 "$sc/min3.json"
d=$sc/minified-3mb-900-warnings.detail
n=$(grep -c ': warning: /references/[0-9]*: reference \[[0-9]*\] is never cited' "$sc/minified-3mb-900-warnings.err")
[ "$n" = 100 ] || echo "$n warnings printed, expected 100" >>"$d"
[ "$(tail -n 1 "$sc/minified-3mb-900-warnings.err")" = "$sc/min3.json: note: and 800 more warnings not shown" ] ||
	echo "last line is not 'and 800 more warnings not shown'" >>"$d"
check "scale: minified 3 MB issue with 900 warnings, 100 printed (exit 0)" "$d"
rm -f "$sc/min3.json"

# A syntax error at the end of one 16 MiB line: the excerpt allocated 32
# bytes per byte of the line (560 MB) and aborted under a 450 MB limit.
# ulimit -v means nothing to a sanitizer's shadow memory or to valgrind,
# so this one runs on the plain build only.
{
	printf '{"nqpdf": 1,'
	head -c $((16777216 - 14)) /dev/zero | tr '\0' ' '
	printf 'x}'
} >"$sc/long.json"
if ldd "$NQPDF" 2>/dev/null | grep -q "lib[at]san\|libubsan"; then
	skip "scale: 16 MiB line under a 450 MB memory limit (sanitizer build)"
else
	: >"$sc/long.detail"
	(ulimit -v 460800 && exec timeout 30 "$NQPDF" --check "$sc/long.json") >/dev/null 2>"$sc/long.err"
	lrc=$?
	d=$sc/long.detail
	[ "$lrc" = 1 ] || echo "exit code $lrc, expected 1 (134 is abort: out of memory)" >>"$d"
	grep -q '^[^ ]*long\.json:1:16777215: error: JSON syntax: expected a "quoted" key, found this character$' \
		"$sc/long.err" || echo "no error at 1:16777215" >>"$d"
	# The window ends at the end of the line, with the caret under "x".
	grep -q '^    1 | \.\.\. *x}$' "$sc/long.err" || echo "no excerpt ending in x}" >>"$d"
	awk '/^ *[0-9]+ [|] / && length > 200 { print "an excerpt line of " length " bytes"; exit }' "$sc/long.err" >>"$d"
	[ -s "$d" ] && { echo "stderr:"; head -c 1000 "$sc/long.err"; } >>"$d"
	check "scale: syntax error at the end of a 16 MiB line, under a 450 MB memory limit (exit 1)" "$d"
fi
rm -f "$sc/long.json"
