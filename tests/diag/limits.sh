# tests/diag/limits.sh - sourced by tests/diag/run.sh: the limits of
# docs/limits.md, each just past its edge (and, where cheap, at it).  The
# big inputs are generated here, never committed.  Every refused input must
# exit 1 with its message at FILE:LINE:COL (when it has a place), create no
# output file and leave an existing one byte-identical.

lm=$dg/limits
mkdir -p "$lm"

# gen_chars N CHAR: N copies of the ASCII CHAR, no newline.
gen_chars() {
	head -c "$1" /dev/zero | tr '\0' "$2"
}

# issue_with_paragraphs FILE: a valid issue whose only section's
# paragraphs are what stdin holds (the inside of a JSON array).
issue_with_paragraphs() {
	{
		printf '{\n  "nqpdf": 1,\n  "title": "t",\n  "organization": "o",\n'
		printf '  "date": "2026-05-14",\n  "sections": [{"heading": "h",\n  "paragraphs": ['
		cat
		printf ']}]\n}\n'
	} >"$1"
}

# limit NAME WANT-RC PATTERN FILE [nqpdf options]: PATTERN (grep -E) must
# match stderr, or stderr must be empty if PATTERN is; a located message
# must carry FILE:LINE:COL.
limit() {
	lname=$1
	lwant=$2
	lpat=$3
	lin=$4
	shift 4
	d=$lm/$lname.detail
	: >"$d"
	rm -f "$lm/new.pdf"
	cp "$dg/orig" "$lm/old.pdf"
	"$NQPDF" "$lin" "$@" -o "$lm/new.pdf" >/dev/null 2>"$lm/$lname.err"
	lrc=$?
	"$NQPDF" "$lin" "$@" -o "$lm/old.pdf" >/dev/null 2>/dev/null
	[ "$lrc" = "$lwant" ] || echo "exit code $lrc, expected $lwant" >>"$d"
	if [ -z "$lpat" ]; then
		[ -s "$lm/$lname.err" ] && { echo "stderr is not empty:"; head -c 2000 "$lm/$lname.err"; } >>"$d"
	else
		grep -Eq -- "$lpat" "$lm/$lname.err" ||
			{ echo "stderr does not match /$lpat/:"; head -c 2000 "$lm/$lname.err"; } >>"$d"
	fi
	if [ "$lwant" = 0 ]; then
		head -c 5 "$lm/new.pdf" 2>/dev/null | grep -q '^%PDF-' || echo "no PDF written" >>"$d"
	else
		[ -e "$lm/new.pdf" ] && echo "$lm/new.pdf was created" >>"$d"
		cmp -s "$dg/orig" "$lm/old.pdf" || echo "the existing output was changed" >>"$d"
	fi
	ls "$lm" | grep -q '\.tmp-' && echo "a temporary file was left" >>"$d"
	rm -f "$lm"/*.tmp-* "$lin"
	check "limits: $lname (exit $lwant)" "$d"
}

# A 10 MB paragraph with no break opportunity: refused by the reader at
# its opening quote, before any shaping.
{ printf '"'; gen_chars 10485760 a; printf '"'; } | issue_with_paragraphs "$lm/para-10mb.json"
limit paragraph-10-mb-no-break 1 \
	"para-10mb\.json:7:18: error: string of 10485760 bytes; at most 256 KiB per string" "$lm/para-10mb.json"

# At the limit it is accepted: one overfull line, a warning (at the first
# character, not the quote), a PDF.
{ printf '"'; gen_chars 262144 a; printf '"'; } | issue_with_paragraphs "$lm/para-256k.json"
limit paragraph-256-kib-accepted 0 "para-256k\.json:7:19: warning: .*breaks inside a word longer than the line" "$lm/para-256k.json"
{ printf '"'; gen_chars 262145 a; printf '"'; } | issue_with_paragraphs "$lm/para-256k1.json"
limit paragraph-256-kib-plus-1 1 "para-256k1\.json:7:18: error: string of 262145 bytes" "$lm/para-256k1.json"

# 100,000 nested arrays: refused at the 65th level, with no deep recursion.
{ gen_chars 100000 '['; gen_chars 100000 ']'; } >"$lm/deep.json"
limit nesting-100000-deep 1 "deep\.json:1:65: error: JSON syntax: nesting deeper than 64 levels" "$lm/deep.json"

# Values, paragraphs, references: one past each limit.  The object, "1"
# and the array are values too, so the 99,998th zero is one too many.
awk 'BEGIN { printf "{\"nqpdf\": 1, \"$comment\": ["; for (i = 0; i < 100000; i++) printf "0,"; printf "0]}\n" }' \
	>"$lm/values.json"
limit values-100001 1 "values\.json:1:200021: error: more than 100000 values in the file" "$lm/values.json"

awk 'BEGIN { for (i = 0; i < 10001; i++) printf "%s\"p\"", (i ? "," : "") }' |
	issue_with_paragraphs "$lm/paras.json"
limit paragraphs-10001 1 "paras\.json:7:40018: error: /sections/0/paragraphs/10000: more than 10000 paragraphs" \
	"$lm/paras.json"

awk 'BEGIN {
	printf "{\"nqpdf\": 1, \"title\": \"t\", \"organization\": \"o\", \"date\": \"2026-05-14\",\n"
	printf "\"sections\": [{\"heading\": \"h\", \"paragraphs\": [\"p\"]}],\n\"references\": [\n"
	for (i = 0; i < 1000; i++) printf "%s{\"source\": \"s\", \"title\": \"t\"}\n", (i ? "," : "")
	printf "]}\n" }' >"$lm/refs.json"
limit references-1000 1 "refs\.json:1003:2: error: /references: more than 999 references" "$lm/refs.json"

# Citations: each is a link annotation (about 6 KB of libharu objects), so
# 123,000 "[1]" in 1 MiB of text peaked at 1.2 GB.  5,000 are set; the
# 5,001st is refused at its number, before any layout.
cite_issue() {
	awk -v n="$2" 'BEGIN {
		printf "{\"nqpdf\": 1, \"title\": \"t\", \"organization\": \"o\", \"date\": \"2026-05-14\",\n"
		printf "\"sections\": [{\"heading\": \"h\", \"paragraphs\": [\""
		for (i = 0; i < n; i++) printf "x[1]"
		printf "\"]}],\n\"references\": [{\"id\": 1, \"source\": \"s\", \"title\": \"t\"}]}\n" }' >"$1"
}
cite_issue "$lm/cites-5000.json" 5000
limit citations-5000-accepted 0 "" "$lm/cites-5000.json"
cite_issue "$lm/cites-5001.json" 5001
limit citations-5001 1 \
	"cites-5001\.json:2:20049: error: /sections/0/paragraphs/0: more than 5000 citations in the issue" \
	"$lm/cites-5001.json"
# Web addresses typed in a paragraph are links too, counted with the
# citations: 4,999 citations and one address pass, one more address fails
# at itself.
link_issue() {
	awk -v more="$2" 'BEGIN {
		printf "{\"nqpdf\": 1, \"title\": \"t\", \"organization\": \"o\", \"date\": \"2026-05-14\",\n"
		printf "\"sections\": [{\"heading\": \"h\", \"paragraphs\": [\""
		for (i = 0; i < 4999; i++) printf "x[1]"
		printf " https://a.example.org/1\""
		if (more) printf ",\n\"见 https://b.example.org/2\""
		printf "]}],\n\"references\": [{\"id\": 1, \"source\": \"s\", \"title\": \"t\"}]}\n" }' >"$1"
}
link_issue "$lm/links-5000.json" 0
limit links-5000-accepted 0 "" "$lm/links-5000.json"
link_issue "$lm/links-5001.json" 1
limit links-5001 1 \
	"links-5001\.json:3:4: error: /sections/0/paragraphs/1: more than 5000 links in the issue, citations and web addresses together" \
	"$lm/links-5001.json"

# The 5,001st link a citation after addresses: the message names both
# kinds (it said "more than 5000 citations" of an issue with one).
awk 'BEGIN {
	printf "{\"nqpdf\": 1, \"title\": \"t\", \"organization\": \"o\", \"date\": \"2026-05-14\",\n"
	printf "\"sections\": [{\"heading\": \"h\", \"paragraphs\": [\""
	for (i = 0; i < 5000; i++) printf "https://a.example.org/%d ", i
	printf "\",\n\"x[1]\"]}],\n\"references\": [{\"id\": 1, \"source\": \"s\", \"title\": \"t\"}]}\n" }' \
	>"$lm/links-5001-cite.json"
limit links-5001-cite 1 \
	"links-5001-cite\.json:3:4: error: /sections/0/paragraphs/1: more than 5000 links in the issue, citations and web addresses together" \
	"$lm/links-5001-cite.json"

# A web address in a reference's purpose is a link too, counted with the
# rest: 4,999 citations and a purpose with two addresses fail at the
# reference; in GB/T 7714 style, which leaves the purpose out, they are no
# links and pass (they were counted and refused).
purpose_issue() {
	awk -v style="$2" 'BEGIN {
		printf "{\"nqpdf\": 1, \"title\": \"t\", \"organization\": \"o\", \"date\": \"2026-05-14\",\n"
		if (style) printf "\"options\": {\"reference_style\": \"%s\"},\n", style
		printf "\"sections\": [{\"heading\": \"h\", \"paragraphs\": [\""
		for (i = 0; i < 4999; i++) printf "x[1]"
		printf "\"]}],\n\"references\": [{\"id\": 1, \"source\": \"s\", \"title\": \"t\",\n"
		printf "\"purpose\": \"https://a.example.org/1 https://b.example.org/2\"}]}\n" }' >"$1"
}
purpose_issue "$lm/links-purpose-5001.json" ""
limit links-purpose-5001 1 \
	"links-purpose-5001\.json:[0-9]+:[0-9]+: error: /references/0: more than 5000 links in the issue, citations and web addresses together" \
	"$lm/links-purpose-5001.json"
purpose_issue "$lm/links-purpose-gbt7714.json" gbt7714
limit links-purpose-gbt7714-accepted 0 "" "$lm/links-purpose-gbt7714.json"

# A web address typed in a paragraph is a link up to 2,048 bytes
# (MAX_BARE_URL); a longer one is text, all of it: an "http://" inside it
# ("/web/2020/http://...") starts no link to its tail.
d=$lm/bare-url-2048.detail
: >"$d"
u=https://a.example.org/$(gen_chars 2026 a) # 22 + 2026 = 2048 bytes
printf '"%s", "%s/http://b.example.org/c"' "$u" "$u" | issue_with_paragraphs "$lm/bare-url-2048.json"
"$NQPDF" --dump=model "$lm/bare-url-2048.json" >"$lm/bare-url-2048.model" 2>>"$d" || echo "exit $?" >>"$d"
grep -q "^  para /sections/0/paragraphs/0: {url \"$u\"}\$" "$lm/bare-url-2048.model" ||
	echo "the 2,048-byte address is not one URL span" >>"$d"
grep -q "^  para /sections/0/paragraphs/1: \"$u/http://b.example.org/c\"\$" "$lm/bare-url-2048.model" ||
	{ echo "the longer address is not all text:"; grep paragraphs/1 "$lm/bare-url-2048.model" | sed "s/aaaa*/a.../"; } >>"$d"
check "limits: a web address of 2,048 bytes is a link, a longer one all text" "$d"

# The input file: 16 MiB exactly is read (and is only whitespace here, so
# "empty"); one byte more is refused before parsing, also from a pipe.
gen_chars 16777216 ' ' >"$lm/16mib.json"
limit input-16-mib-read 1 "16mib\.json: error: the file is empty" "$lm/16mib.json"
gen_chars 16777217 ' ' >"$lm/16mib1.json"
limit input-16-mib-plus-1 1 "16mib1\.json: error: '.*16mib1\.json' is larger than the 16 MiB limit" "$lm/16mib1.json"
d=$lm/stdin.detail
: >"$d"
gen_chars 16777217 ' ' | "$NQPDF" - -o "$lm/new.pdf" 2>"$lm/stdin.err"
lrc=$?
[ "$lrc" = 1 ] || echo "exit code $lrc, expected 1" >>"$d"
grep -q "^<stdin>: error: '-' is larger than the 16 MiB limit" "$lm/stdin.err" ||
	{ echo "stderr:"; cat "$lm/stdin.err"; } >>"$d"
[ -e "$lm/new.pdf" ] && echo "$lm/new.pdf was created" >>"$d"
check "limits: input-16-mib-plus-1 from a pipe (exit 1)" "$d"

# 32,000 citation ranges "[1-9999]" in one paragraph, no references: every
# missing id (1 to 9999, inner numbers too) is reported once, not three
# hundred million times; the first at its number.  100 are printed, then
# one line for the other 9899 (docs/limits.md, "Messages").
awk 'BEGIN { printf "\""; for (i = 0; i < 32000; i++) printf "[1-9999]"; printf "\"" }' |
	issue_with_paragraphs "$lm/cites.json"
cp "$lm/cites.json" "$lm/cites-copy.json"
limit citation-ranges-32000 1 \
	'cites\.json:7:20: error: /sections/0/paragraphs/0: citation \[1\] but the issue has no "references"' \
	"$lm/cites.json"
n=$(grep -c ': error: ' "$lm/citation-ranges-32000.err")
[ "$n" = 100 ] && grep -q '^[^ ]*cites\.json: note: and 9899 more errors not shown$' "$lm/citation-ranges-32000.err" &&
	ok "limits: citation-ranges-32000: 100 errors printed, then \"and 9899 more\" (one per missing id)" ||
	fail "limits: citation-ranges-32000: $n errors printed, expected 100 and a line for 9899 more"
# Under a time limit: before, each range marked its inner numbers one by one.
timeout 30 "$NQPDF" --check "$lm/cites-copy.json" >/dev/null 2>&1
[ $? = 1 ] && ok "limits: citation-ranges-32000 within 30 s" ||
	fail "limits: citation-ranges-32000 took more than 30 s or did not exit 1"
rm -f "$lm/cites-copy.json"
