# tests/typeset.sh - sourced by tests/run.sh: the issue's "options" (paper,
# contents, draft, prohibition) and the stress example, checked on the PDF
# with poppler and qpdf.  Needs pdfinfo, pdftotext and qpdf; skips without.

ts=$OUT/typeset
mkdir -p "$ts"

# issue_with OPTIONS-JSON FILE: the daily example with "options" replaced.
issue_with() {
	sed 's/^{/{"options": '"$1"',/' examples/daily-2026-05-14.json >"$2"
}

if ! have pdfinfo || ! have pdftotext || ! have qpdf; then
	skip "typeset: pdfinfo, pdftotext or qpdf missing"
else
	# Paper sizes: the page size pdfinfo reads, and every page of it.
	for p in "A4 595.28 x 841.89" "B5 498.9 x 708.66" "Letter 612 x 792"; do
		name=${p%% *}
		size=${p#* }
		d=$ts/paper-$name.detail
		: >"$d"
		issue_with "{\"paper\": \"$name\"}" "$ts/paper-$name.json"
		if "$NQPDF" "$ts/paper-$name.json" -o "$ts/paper-$name.pdf" 2>"$ts/paper-$name.err"; then
			pdfinfo -l 99 "$ts/paper-$name.pdf" >"$ts/paper-$name.info" 2>&1
			n=$(grep -c "^Page *[0-9]* size: *$size pts" "$ts/paper-$name.info")
			pages=$(sed -n 's/^Pages: *//p' "$ts/paper-$name.info")
			[ "$n" -ge 1 ] && [ "$n" = "$pages" ] ||
				echo "expected $pages pages of $size pt, pdfinfo says: $(grep size "$ts/paper-$name.info" | head -3)" >>"$d"
			qpdf --check "$ts/paper-$name.pdf" >/dev/null 2>&1 || echo "qpdf --check fails" >>"$d"
		else
			{ echo "nqpdf failed:"; cat "$ts/paper-$name.err"; } >>"$d"
		fi
		check "typeset: paper $name" "$d"
	done
	# B5 has a narrower measure (36 em), so the same issue needs more pages.
	a4=$(sed -n 's/^Pages: *//p' "$ts/paper-A4.info")
	b5=$(sed -n 's/^Pages: *//p' "$ts/paper-B5.info")
	if [ -n "$a4" ] && [ -n "$b5" ] && [ "$b5" -gt "$a4" ]; then
		ok "typeset: B5 takes more pages than A4 ($b5 > $a4)"
	else
		fail "typeset: B5 takes more pages than A4 (A4 $a4, B5 $b5)"
	fi

	# Contents hidden: no 目录 on page 1 and no leader dots, but the
	# bookmarks are all still there.
	d=$ts/contents.detail
	: >"$d"
	issue_with '{"contents": false}' "$ts/nocontents.json"
	if "$NQPDF" "$ts/nocontents.json" -o "$ts/nocontents.pdf" 2>"$ts/nocontents.err"; then
		pdftotext -f 1 -l 1 "$ts/nocontents.pdf" - >"$ts/nocontents.p1" 2>&1
		grep -q '^目录$' "$ts/nocontents.p1" && echo "page 1 still has the 目录 heading" >>"$d"
		"$NQPDF" examples/daily-2026-05-14.json -o "$ts/contents.pdf" 2>/dev/null
		pdftotext -f 1 -l 1 "$ts/contents.pdf" - >"$ts/contents.p1" 2>&1
		grep -q '^目录$' "$ts/contents.p1" || echo "the default issue has no 目录 (test is broken)" >>"$d"
		for f in contents nocontents; do
			qpdf --json=2 --json-key=outlines "$ts/$f.pdf" | grep -c '"title"' >"$ts/$f.outlines"
		done
		# The default has one more bookmark: the contents itself.
		[ "$(cat "$ts/nocontents.outlines")" -eq $(($(cat "$ts/contents.outlines") - 1)) ] ||
			echo "bookmarks: $(cat "$ts/nocontents.outlines") without contents, $(cat "$ts/contents.outlines") with" >>"$d"
	else
		{ echo "nqpdf failed:"; cat "$ts/nocontents.err"; } >>"$d"
	fi
	check "typeset: contents can be hidden, bookmarks stay" "$d"

	# Draft mark: on every page, the given text, or none.
	for v in 'true 草稿' '"送审稿" 送审稿' 'false -'; do
		val=${v%% *}
		word=${v#* }
		d=$ts/draft.detail
		: >"$d"
		issue_with "{\"draft\": $val}" "$ts/draft.json"
		if "$NQPDF" "$ts/draft.json" -o "$ts/draft.pdf" 2>"$ts/draft.err"; then
			pages=$(pdfinfo "$ts/draft.pdf" | sed -n 's/^Pages: *//p')
			pdftotext "$ts/draft.pdf" - >"$ts/draft.txt" 2>&1
			if [ "$word" = - ]; then
				grep -q '草稿' "$ts/draft.txt" && echo "a draft mark without draft" >>"$d"
			else
				n=$(grep -o "$word" "$ts/draft.txt" | wc -l)
				[ "$n" -eq "$pages" ] || echo "'$word' found $n times on $pages pages" >>"$d"
			fi
		else
			{ echo "nqpdf failed:"; cat "$ts/draft.err"; } >>"$d"
		fi
		check "typeset: draft $val" "$d"
	done

	# A bad option value: the error names the allowed values, exit 1.
	issue_with '{"paper": "A3"}' "$ts/badpaper.json"
	"$NQPDF" "$ts/badpaper.json" -o "$ts/badpaper.pdf" 2>"$ts/badpaper.err"
	rc=$?
	if [ $rc -eq 1 ] && [ ! -e "$ts/badpaper.pdf" ] &&
		grep -q '^tests/out/typeset/badpaper.json:1:[0-9]*: .*/options/paper.*"A4", "B5", "Letter"' "$ts/badpaper.err"; then
		ok "typeset: options.paper A3 is an error naming A4, B5, Letter"
	else
		echo "exit $rc" >>"$ts/badpaper.err"
		fail "typeset: options.paper A3 is an error naming A4, B5, Letter" "$ts/badpaper.err"
	fi

	# The stress example: renders, warns exactly once (the 96-character
	# token, broken inside as a last resort rather than run off the page)
	# with its place, and no line of the text layer starts or ends with a
	# prohibited mark.
	d=$ts/stress.detail
	: >"$d"
	"$NQPDF" examples/stress.json -o "$ts/stress.pdf" 2>"$ts/stress.err"
	rc=$?
	[ $rc -eq 0 ] || echo "exit $rc" >>"$d"
	n=$(grep -c 'warning' "$ts/stress.err")
	[ "$n" -eq 1 ] || { echo "expected 1 warning, got $n:"; cat "$ts/stress.err"; } >>"$d"
	grep -q '^examples/stress.json:[0-9]*:[0-9]*: warning: /sections/4/paragraphs/0: line [0-9]* breaks inside a word longer than the line' "$ts/stress.err" ||
		{ echo "the overfull warning lacks its place:"; cat "$ts/stress.err"; } >>"$d"
	if [ -s "$ts/stress.pdf" ]; then
		# Line edges from the line dump: pdftotext starts a new line
		# where a compressed mark overlaps a run in another font, so
		# its lines are not the typeset lines.
		"$NQPDF" examples/stress.json --dump=lines 2>/dev/null | sed -n 's/^  |\(.*\)| x .*/\1/p' >"$ts/stress.lines"
		[ "$(wc -l <"$ts/stress.lines")" -gt 40 ] || echo "too few lines in the dump" >>"$d"
		grep -n '^[，。、；：？！）》」』”’…—]' "$ts/stress.lines" | sed 's/^/bad line start: /' >>"$d"
		grep -n '[（《「『“‘]$' "$ts/stress.lines" | sed 's/^/bad line end: /' >>"$d"
		pdftotext -nopgbrk "$ts/stress.pdf" - >"$ts/stress.txt" 2>&1
		grep -q '破折号——作为一个两字宽的整体——不能拆开' "$ts/stress.txt" ||
			echo "the dash sentence does not copy whole" >>"$d"
		grep -q '13 亿美元' "$ts/stress.txt" || echo "13 亿美元 missing from the text layer" >>"$d"
		# Every reference URL is one link annotation, whole.
		qpdf --qdf --object-streams=disable "$ts/stress.pdf" "$ts/stress.qdf" 2>/dev/null
		for u in $(sed -n 's/.*"url": "\(.*\)".*/\1/p' examples/stress.json); do
			grep -aqF "/URI ($u)" "$ts/stress.qdf" || echo "no link to $u" >>"$d"
		done
		qpdf --check "$ts/stress.pdf" >/dev/null 2>&1 || echo "qpdf --check fails" >>"$d"
	fi
	check "typeset: stress example (CLREQ hard cases)" "$d"
fi

# Over 1 MiB of text: a clear error naming the limit, at once, no output.
awk 'BEGIN {
	p = "春夏秋冬东南西北"; for (i = 0; i < 6; i++) p = p p   # 512 ideographs
	printf "{\"nqpdf\": 1, \"title\": \"超长\", \"organization\": \"测试\", \"date\": \"2026-05-14\", \"sections\": ["
	for (s = 0; s < 30; s++) {
		printf "%s{\"heading\": \"第%d部分\", \"paragraphs\": [", s ? "," : "", s + 1
		for (k = 0; k < 25; k++) printf "%s\"%s\"", k ? "," : "", p
		printf "]}"
	}
	print "]}"
}' >"$ts/toolong.json"
"$NQPDF" "$ts/toolong.json" -o "$ts/toolong.pdf" 2>"$ts/toolong.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$ts/toolong.pdf" ] && grep -q 'MiB of text; at most 1 MiB' "$ts/toolong.err"; then
	ok "typeset: more than 1 MiB of text is refused ($(wc -c <"$ts/toolong.json") bytes)"
else
	echo "exit $rc" >>"$ts/toolong.err"
	fail "typeset: more than 1 MiB of text is refused" "$ts/toolong.err"
fi

# A binary without its fonts says every place it looked, exit 3.
mkdir -p "$ts/alone/bin"
cp "$NQPDF" "$ts/alone/bin/nqpdf"
(cd "$ts" && env -u NQPDF_FONT_DIR alone/bin/nqpdf ../../../examples/minimal.json -o alone.pdf) 2>"$ts/alone.err"
rc=$?
if [ $rc -eq 3 ] && [ ! -e "$ts/alone.pdf" ] &&
	grep -q "^nqpdf: error: the bundled fonts are not in .*alone/bin/fonts, .*alone/bin/../share/nqpdf/fonts, .*; reinstall nqpdf" "$ts/alone.err"; then
	ok "typeset: without its fonts, nqpdf names every folder it searched (exit 3)"
else
	echo "exit $rc" >>"$ts/alone.err"
	fail "typeset: without its fonts, nqpdf names every folder it searched (exit 3)" "$ts/alone.err"
fi

# The issue number: 128 and "129" become 第 N 期; other strings stay.
d=$ts/issue.detail
: >"$d"
for v in '128|第 128 期' '"129"|第 129 期' '"总第 130 期"|总第 130 期' '"0129"|0129'; do
	val=${v%%|*}
	want=${v#*|}
	sed "s/\"issue\": 128/\"issue\": $val/" examples/daily-2026-05-14.json >"$ts/issue.json"
	got=$("$NQPDF" "$ts/issue.json" --dump=model 2>&1 | sed -n 's/^issue "\(.*\)"$/\1/p')
	[ "$got" = "$want" ] || echo "issue $val: got '$got', want '$want'" >>"$d"
done
check "typeset: issue numbers as numbers or digit strings become 第 N 期" "$d"

# --strict: warnings fail the input (exit 1), nothing is written and an
# existing output stays; without warnings it renders as usual.
d=$ts/strict.detail
: >"$d"
echo keep >"$ts/strict.pdf"
"$NQPDF" examples/stress.json -o "$ts/strict.pdf" --strict 2>"$ts/strict.err"
rc=$?
[ $rc -eq 1 ] || echo "stress --strict: exit $rc, want 1" >>"$d"
[ "$(cat "$ts/strict.pdf")" = keep ] || echo "--strict replaced the existing output" >>"$d"
grep -q 'warning(s) and --strict: nothing written' "$ts/strict.err" || cat "$ts/strict.err" >>"$d"
"$NQPDF" examples/daily-2026-05-14.json -o "$ts/strict2.pdf" --strict 2>>"$d" || echo "a clean issue fails --strict" >>"$d"
[ -s "$ts/strict2.pdf" ] || echo "a clean issue with --strict wrote nothing" >>"$d"
printf '%s\n' '{"nqpdf": 1, "title": "t", "organization": "o", "date": "2026-05-14",' \
	'"sections": [{"heading": "h", "paragraphs": "p"}], "references": [{"source": "s", "title": "t"}]}' >"$ts/uncited.json"
"$NQPDF" --check "$ts/uncited.json" 2>/dev/null || echo "an uncited reference fails --check without --strict" >>"$d"
"$NQPDF" --check "$ts/uncited.json" --strict 2>/dev/null && echo "--check --strict passes an uncited reference" >>"$d"
check "typeset: --strict turns warnings into exit 1 and writes nothing" "$d"

# Text pasted from Word or a web page (model.c, controls): a tab is a
# space; a line break is nothing between two Chinese characters and a
# space elsewhere; U+2028 and VT alike; a BEL is dropped with a warning at
# its place, not set as a .notdef box nor copied out of the PDF.
d=$ts/controls.detail
: >"$d"
printf '%s\n' '{"nqpdf": 1, "title": "测试", "organization": "某市局", "date": "2026-03-07",' \
	'"sections": [{"heading": "测试", "paragraphs": ["本期\t关注。第一行\r\n第二行，Word\r\nline two. 响铃\u0007在此。分隔\u2028符。A\u000bB"]}]}' \
	>"$ts/controls.json"
if "$NQPDF" "$ts/controls.json" -o "$ts/controls.pdf" 2>"$ts/controls.err"; then
	want='本期 关注。第一行第二行，Word line two. 响铃在此。分隔符。A B'
	pdftotext "$ts/controls.pdf" - 2>/dev/null | grep -qxF "$want" ||
		{ echo "pdftotext does not read: $want"; pdftotext "$ts/controls.pdf" - | grep 本期; } >>"$d"
	grep -q ':2:86: warning: /sections/0/paragraphs/0: control character U+0007 in the text is dropped$' \
		"$ts/controls.err" || { echo "no warning at the BEL:"; cat "$ts/controls.err"; } >>"$d"
	[ "$(grep -c warning "$ts/controls.err")" = 1 ] || { echo "other warnings:"; cat "$ts/controls.err"; } >>"$d"
else
	echo "exit $? on pasted controls" >>"$d"
fi
check "typeset: tabs and line breaks pasted into text read as a space (none between Chinese), other controls dropped with a warning" "$d"

# No paragraph ends in a line of only a citation ("[4]。") or of one
# character (CLREQ's 孤字不成行), on any example or paper: the breaker
# pays up to a visibly looser or squeezed line to avoid one (RUNT_DEMERITS).
d=$ts/stubs.detail
: >"$d"
for e in examples/*.json; do
	for p in A4 B5 Letter; do
		"$NQPDF" --dump=lines --paper=$p "$e" 2>/dev/null | LC_ALL=C awk -v where="$e $p" '
			function flush(   t) {
				t = last
				sub(/^\|/, "", t); sub(/\|.*/, "", t)
				gsub(/\[[0-9,-]+\]/, "", t)             # citations
				gsub(/。|，|；|、|）|”|！|？/, "", t)     # marks
				gsub(/[\200-\277]/, "", t)               # one byte a character
				if (n >= 2 && length(t) <= 1)
					print where ": " para " ends in " last
			}
			/^para / { flush(); para = $2; n = 0; next }
			/^  \|/ { n++; last = substr($0, 3); next }
			END { flush() }' >>"$d"
	done
done
check "typeset: no paragraph ends in a line of only a citation or of one character (every example, A4, B5, Letter)" "$d"

# White space at the ends of a one-line text goes (Word's "　　" indent
# pasted into a heading printed as "一、　　工业…" in it and the contents).
d=$ts/trim.detail
: >"$d"
printf '%s\n' '{"nqpdf": 1, "title": " 测试\u3000", "organization": "某市局", "date": "2026-03-07",' \
	'"sections": [{"heading": "\u3000\u3000工业和信息化部：", "paragraphs": ["正文。"]}]}' >"$ts/trim.json"
if "$NQPDF" "$ts/trim.json" -o "$ts/trim.pdf" 2>"$ts/trim.err"; then
	n=$(pdftotext "$ts/trim.pdf" - 2>/dev/null | grep -cx '一、工业和信息化部：')
	[ "$n" = 2 ] || { echo "heading and contents entry not read as 一、工业和信息化部： ($n):"; pdftotext "$ts/trim.pdf" - | head -8; } >>"$d"
	pdfinfo "$ts/trim.pdf" 2>/dev/null | grep -q '^Title: *测试$' || echo "the title keeps its blanks" >>"$d"
else
	echo "exit $?" >>"$d"
fi
check "typeset: blanks at the ends of a title or heading are dropped" "$d"

# ‘’“” in English are proportional Latin glyphs (Noto Serif SC's 'pwid'
# forms), in Chinese full-width marks, and either way the text layer holds
# the characters themselves; "AI＋" has no Han–Latin gap, so it copies
# without a space (docs/typography.md, "Quotes in English").  The PDF's
# widths (mutool's char quads) are the glyph advances: ’ of "China’s" under
# ½ em (10.5 pt body: it was 10.5 pt and printed "China’ s"), “ of 他说“好”
# still 10.5 pt.
d=$ts/quotes.detail
: >"$d"
printf '%s\n' '{"nqpdf": 1, "title": "测试", "organization": "某市局", "date": "2026-03-07", "options": {"contents": false},' \
	'"sections": [{"heading": "测试", "paragraphs": ["China’s economy grew. 他说“好”，中央企业“AI＋”专项行动。"]}]}' >"$ts/quotes.json"
if "$NQPDF" "$ts/quotes.json" -o "$ts/quotes.pdf" 2>"$ts/quotes.err"; then
	pdftotext "$ts/quotes.pdf" - 2>/dev/null | grep -qF 'China’s economy grew. 他说“好”，中央企业“AI＋”专项行动。' ||
		{ echo "pdftotext does not read the paragraph as typed:"; pdftotext "$ts/quotes.pdf" - | grep econ; } >>"$d"
	if have mutool; then
		mutool draw -F stext -o "$ts/quotes.xml" "$ts/quotes.pdf" 1 2>/dev/null
		# quad="x0 y0 x1 y1 ...": the advance is x1 - x0.
		width() {
			grep "c=\"$1\"" "$ts/quotes.xml" | head -n 1 |
				sed 's/.*quad="\([^ ]*\) [^ ]* \([^ ]*\) .*/\1 \2/' | awk '{ printf "%.2f", $2 - $1 }'
		}
		w=$(width '&#x2019;')
		awk -v w="$w" 'BEGIN { exit !(w > 0 && w < 5.25) }' ||
			echo "’ in China’s is '$w' pt wide, want under ½ em (5.25 pt)" >>"$d"
		w=$(width '&#x201c;')
		[ "$w" = 10.50 ] || echo "“ in 他说“好” is '$w' pt wide, want 10.50" >>"$d"
	fi
else
	{ echo "nqpdf failed:"; cat "$ts/quotes.err"; } >>"$d"
fi
check "typeset: English quotes are proportional, Chinese ones full width, both copy as typed; AI＋ copies without a space" "$d"
