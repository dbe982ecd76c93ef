# tests/pdf.sh - sourced by tests/run.sh: render the examples and check the
# PDFs with real tools (poppler-utils, qpdf, zbar-tools, mupdf-tools).  A
# check whose tool is missing prints "skipped: ... (tool missing)" and
# counts neither way.  Defines pdf_sweep, which run.sh calls at the end to
# check every PDF any part of the suite wrote.

pd=$OUT/pdf
mkdir -p "$pd"

# valid_pdf FILE DETAIL: append to DETAIL whatever qpdf --check, poppler
# (pdfinfo, pdffonts, pdftotext) and mupdf (mutool info, mutool clean -s)
# find wrong with FILE; nothing when it is valid.  Poppler and mupdf repair
# what they can and go on with exit status 0, so their stderr must be
# empty too.  Missing tools are left out (valid_tools says which ran).
valid_tools=
for t in qpdf pdfinfo pdffonts pdftotext mutool; do
	have $t && valid_tools="$valid_tools $t"
done
valid_pdf() {
	for t in $valid_tools; do
		case $t in
		qpdf) qpdf --check "$1" >"$pd/valid.out" 2>&1 ;;
		pdftotext) pdftotext "$1" - >/dev/null 2>"$pd/valid.out" ;;
		mutool)
			mutool info "$1" >/dev/null 2>"$pd/valid.out" &&
				mutool clean -s "$1" "$pd/valid-clean.pdf" 2>>"$pd/valid.out" ;;
		*) $t "$1" >/dev/null 2>"$pd/valid.out" ;;
		esac
		vrc=$?
		if [ "$vrc" -ne 0 ] || { [ $t != qpdf ] && [ -s "$pd/valid.out" ]; }; then
			echo "$1: $t (exit $vrc):"
			head -n 20 "$pd/valid.out"
		fi
	done >>"$2"
	rm -f "$pd/valid-clean.pdf"
}

# pdf_sweep: every PDF the suite wrote under $OUT (tests/run.sh calls this
# last), each distinct file once, through valid_pdf.
pdf_sweep() {
	if [ -z "$valid_tools" ]; then
		skip "pdf: every PDF the suite wrote is valid (qpdf, poppler, mupdf missing)"
		return
	fi
	d=$OUT/pdf-sweep.detail
	: >"$d"
	find "$OUT" -type f -name '*.pdf' | sort | while IFS= read -r f; do
		head -c 5 "$f" | grep -q '^%PDF-' || continue
		echo "$(cksum <"$f") $f"
	done | sort -u -k1,2 | while read -r _ _ f; do
		echo "$f" >>"$OUT/pdf-sweep.list"
		valid_pdf "$f" "$d"
	done
	n=$(wc -l <"$OUT/pdf-sweep.list" 2>/dev/null || echo 0)
	[ "$n" -ge 10 ] || echo "only $n PDFs found under $OUT" >>"$d"
	check "pdf: all $n distinct PDFs the suite wrote pass$valid_tools" "$d"
}

# strip FILE: the file without any whitespace (pdftotext puts spaces at the
# ¼ em Han-Latin gaps and newlines at line ends; JSON text has neither).
strip() {
	tr -d ' \t\n\r\f' <"$1"
}

# JSON string values of KEY in FILE, one per line (the examples keep one
# key per line and no escapes in these values).
json_values() {
	sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$2"
}

# The real briefings warn where the line breaker cannot break a
# percent-encoded URL yet; their render must give exactly the warnings
# recorded for the layout dump (tests/golden/EXAMPLE.layout.err).
# split_lines PDF: the places where pdftotext reads one printed line as
# two: lines of one page on the same baseline that overlap or come within
# 6 pt of each other.
split_lines() {
	pdftotext -bbox-layout "$1" - 2>/dev/null | awk '
		function num(k) { match($0, k "=\"[0-9.]*\""); return substr($0, RSTART + 6, RLENGTH - 7) + 0 }
		/<page / { n = 0; p++ }
		/<line / {
			x0 = num("xMin"); x1 = num("xMax"); y = num("yMin")
			for (k = 0; k < n; k++)
				if (y - Y[k] < 0.5 && Y[k] - y < 0.5 && x0 < X1[k] + 6 && x1 > X0[k] - 6)
					printf "page %d: two lines at y %.2f meet at x %.2f\n", p, y, x0
			X0[n] = x0; X1[n] = x1; Y[n] = y; n++
		}'
}

for ex in minimal daily-2026-05-14 policy-briefing industry-briefing; do
	src=examples/$ex.json
	pdf=$pd/$ex.pdf
	want=/dev/null
	[ -f "tests/golden/$ex.layout.err" ] && want=tests/golden/$ex.layout.err
	if ! "$NQPDF" "$src" -o "$pdf" 2>"$pd/$ex.err" || ! cmp -s "$want" "$pd/$ex.err"; then
		diff -u "$want" "$pd/$ex.err" >"$pd/$ex.err.diff"
		fail "pdf: $ex renders without diagnostics (but the recorded ones)" "$pd/$ex.err.diff"
		continue
	fi
	ok "pdf: $ex renders without diagnostics (but the recorded ones)"

	# ---- text layer
	if have pdftotext; then
		d=$pd/$ex.text.detail
		: >"$d"
		pdftotext "$pdf" "$pd/$ex.txt" 2>"$pd/$ex.txt.err" ||
			{ echo "pdftotext failed" >>"$d"; : >"$pd/$ex.txt"; }
		[ -s "$pd/$ex.txt.err" ] && { echo "pdftotext stderr:"; cat "$pd/$ex.txt.err"; } >>"$d"
		strip "$pd/$ex.txt" >"$pd/$ex.flat"
		{
			json_values title "$src" | head -n 1
			json_values heading "$src"
		} >"$pd/$ex.want"
		[ "$(wc -l <"$pd/$ex.want")" -ge 2 ] || echo "found no headings in $src" >>"$d"
		while IFS= read -r t; do
			w=$(printf '%s' "$t" | tr -d ' ')
			grep -qF -- "$w" "$pd/$ex.flat" || echo "text not found: $t" >>"$d"
		done <"$pd/$ex.want"
		check "pdf: $ex: pdftotext finds the title and every heading" "$d"

		# One printed line, one line of text: poppler ends a line
		# where two words overlap by over half an em, and a squeezed
		# mark (。《) overlaps by exactly that, so a rounding made
		# pdftotext read 《方案》 on a line of its own (cmap.c,
		# squeeze_cap), and a facing pair squeezed past its merged half
		# em (，“ 。《) overlaps by more, which hpdf.c's narrow_at
		# gives a narrow box.  Two lines of one page on the same
		# baseline that overlap or come within 6 pt are such a split.
		d=$pd/$ex.split.detail
	split_lines "$pdf" >"$d"
	check "pdf: $ex: pdftotext reads each printed line as one line" "$d"

		# Reference URLs: intact in the text layer once the line breaks
		# inside them are removed.  -raw reads the content stream
		# order; the default mode is what readers copy and search.
		# A URL nqpdf itself declared overfull (a recorded "no break
		# allowed in" warning quotes its start) runs past the margin and
		# is not checked; every other one must be whole.
		sed -n 's/.*no break allowed in "\([^"]*\)….*/\1/p' "$want" >"$pd/$ex.declared"
		json_values url "$src" | while IFS= read -r u; do
			declared=
			while IFS= read -r frag; do
				case $u in *"$frag"*) declared=1 ;; esac
			done <"$pd/$ex.declared"
			[ -n "$declared" ] || printf '%s\n' "$u"
		done >"$pd/$ex.urls"
		if [ -s "$pd/$ex.urls" ]; then
			# A URL may cross a page break: leave out the page
			# furniture between its pieces (folios, the running
			# head of title and date), nothing else.
			t=$(json_values title "$src" | head -n 1)
			furniture() {
				awk -v t="$t" '!/^[0-9]+$/ && $0 != t && index($0, t " ") != 1 &&
					!/^[0-9]+ 年 [0-9]+ 月 [0-9]+ 日$/ && $0 != ""'
			}
			pdftotext -raw "$pdf" - 2>/dev/null | tr -d "\f" | furniture | tr -d '\n' >"$pd/$ex.raw"
			tr -d "\f" <"$pd/$ex.txt" | furniture | tr -d '\n' >"$pd/$ex.joined"
			for mode in raw joined; do
				d=$pd/$ex.url-$mode.detail
				: >"$d"
				while IFS= read -r u; do
					grep -qF -- "$u" "$pd/$ex.$mode" || {
						echo "URL not intact: $u"
						grep -o "$(echo "$u" | cut -c1-30 | sed 's/[.?*[]/./g')[^ ]*" "$pd/$ex.$mode" |
							sed 's/^/    pdftotext has: /'
					} >>"$d"
				done <"$pd/$ex.urls"
				if [ $mode = raw ]; then
					check "pdf: $ex: every reference URL intact (pdftotext -raw, lines joined)" "$d"
				else
					check "pdf: $ex: every reference URL intact (pdftotext, lines joined)" "$d"
				fi
			done
		fi
	else
		skip "pdf: $ex: text checks (pdftotext missing)"
	fi

	# ---- fonts
	if have pdffonts; then
		d=$pd/$ex.fonts.detail
		pdffonts "$pdf" >"$pd/$ex.fonts" 2>"$d"
		# Columns end with "emb sub uni object-ID" and the ID is two
		# fields, so emb sub uni are fields NF-4, NF-3 and NF-2.
		awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes")
		                  print "not emb/sub/uni: " $0 }
		     END { if (n < 1) print "no fonts listed" }' "$pd/$ex.fonts" >>"$d"
		check "pdf: $ex: pdffonts: every font embedded, subset, with ToUnicode" "$d"
	else
		skip "pdf: $ex: font checks (pdffonts missing)"
	fi

	# ---- document info
	if have pdfinfo; then
		d=$pd/$ex.info.detail
		pdfinfo "$pdf" >"$pd/$ex.info" 2>"$d"
		title=$(json_values title "$src" | head -n 1)
		grep -qxF "Title:           $title" "$pd/$ex.info" ||
			echo "Title is not '$title': $(grep '^Title:' "$pd/$ex.info")" >>"$d"
		pages=$(sed -n 's/^Pages: *//p' "$pd/$ex.info")
		minpages=1 maxpages=999
		[ $ex = minimal ] || minpages=3
		# The real briefings are 3-5 A4 pages, as a daily briefing is.
		case $ex in *-briefing) maxpages=5 ;; esac
		[ "${pages:-0}" -ge $minpages ] && [ "${pages:-0}" -le $maxpages ] ||
			echo "Pages: $pages, expected $minpages to $maxpages" >>"$d"
		check "pdf: $ex: pdfinfo: Chinese Title, $minpages+ pages" "$d"
	else
		skip "pdf: $ex: info checks (pdfinfo missing)"
	fi

	# ---- structure
	if have qpdf; then
		if qpdf --check "$pdf" >"$pd/$ex.qpdf" 2>&1; then
			ok "pdf: $ex: qpdf --check"
		else
			fail "pdf: $ex: qpdf --check" "$pd/$ex.qpdf"
		fi
		# save.c: only streams stand alone; everything else is packed in
		# object streams, and the cross-reference is a stream too.
		d=$pd/$ex.objstm.detail
		: >"$d"
		nun=$(qpdf --show-xref "$pdf" | grep -c uncompressed)
		ncomp=$(qpdf --show-xref "$pdf" | grep -c '^[0-9]*/0: compressed')
		nstream=$(qpdf --json=2 --json-key=qpdf "$pdf" | grep -c '"stream": {')
		[ "$nun" -eq "$nstream" ] || echo "$nun objects stand alone, $nstream are streams" >>"$d"
		[ "$ncomp" -gt 0 ] || echo "no object is in an object stream" >>"$d"
		LC_ALL=C grep -aq '^xref' "$pdf" && echo "a classic xref table" >>"$d"
		LC_ALL=C grep -aq '/Type/XRef' "$pdf" || echo "no cross-reference stream" >>"$d"
		check "pdf: $ex: objects in object streams, a cross-reference stream" "$d"
	else
		skip "pdf: $ex: qpdf --check (qpdf missing)"
	fi
	if have mutool; then
		d=$pd/$ex.valid.detail
		: >"$d"
		valid_pdf "$pdf" "$d"
		check "pdf: $ex: qpdf, poppler and mutool info/clean -s report nothing" "$d"
	else
		skip "pdf: $ex: mutool checks (mupdf-tools missing)"
	fi

	# ---- QR codes on the last page decode to exactly the payloads
	json_values payload "$src" | sort >"$pd/$ex.payloads"
	if [ -s "$pd/$ex.payloads" ]; then
		if have zbarimg && have pdftoppm && have pdfinfo; then
			d=$pd/$ex.qr.detail
			: >"$d"
			pdftoppm -r 300 -f "$pages" -l "$pages" -png "$pdf" "$pd/$ex-footer" 2>>"$d"
			zbarimg --raw -q "$pd/$ex"-footer*.png 2>/dev/null | sed '/^$/d' | sort >"$pd/$ex.decoded"
			diff -u "$pd/$ex.payloads" "$pd/$ex.decoded" >>"$d"
			check "pdf: $ex: zbarimg decodes exactly the footer payloads" "$d"
		else
			skip "pdf: $ex: QR check (zbarimg or pdftoppm missing)"
		fi
	fi
done

# The same on other papers and punctuation styles, where a squeezed mark
# meets a run of another style on its line (**研判：**《方案》, B5).
if have pdftotext; then
	d=$pd/split-styles.detail
	: >"$d"
	for ex in daily-2026-05-14 stress; do
		for opt in --paper=B5 --paper=Letter --punctuation=kaiming --punctuation=banjiao; do
			o=$pd/split-$ex${opt#--}.pdf
			if "$NQPDF" "examples/$ex.json" $opt -o "$o" 2>/dev/null; then
				split_lines "$o" | sed "s/^/$ex $opt: /" >>"$d"
			else
				echo "$ex $opt: exit $?" >>"$d"
			fi
		done
	done
	check "pdf: daily and stress at B5, Letter, kaiming and banjiao: pdftotext reads each printed line as one line" "$d"
fi

# ---- determinism, SOURCE_DATE_EPOCH, atomic replacement
ex=daily-2026-05-14
"$NQPDF" examples/$ex.json -o "$pd/again.pdf" 2>/dev/null
if cmp -s "$pd/$ex.pdf" "$pd/again.pdf"; then
	ok "pdf: the same input twice gives byte-identical PDFs"
else
	fail "pdf: the same input twice gives byte-identical PDFs"
fi

if have pdfinfo; then
	SOURCE_DATE_EPOCH=0 "$NQPDF" examples/minimal.json -o "$pd/epoch0.pdf" 2>/dev/null
	d=$pd/epoch.detail
	: >"$d"
	c0=$(pdfinfo "$pd/epoch0.pdf" 2>&1 | sed -n 's/^CreationDate: *//p')
	c1=$(pdfinfo "$pd/minimal.pdf" 2>&1 | sed -n 's/^CreationDate: *//p')
	case $c0 in *1970*) ;; *) echo "SOURCE_DATE_EPOCH=0: CreationDate '$c0', expected 1970" >>"$d" ;; esac
	case $c1 in *2026*) ;; *) echo "default CreationDate '$c1', expected the issue date (2026)" >>"$d" ;; esac
	check "pdf: SOURCE_DATE_EPOCH=0 sets CreationDate to 1970, default is the issue date" "$d"
else
	skip "pdf: SOURCE_DATE_EPOCH check (pdfinfo missing)"
fi

d=$pd/atomic.detail
: >"$d"
mkdir -p "$pd/atomic"
printf 'old\n' >"$pd/atomic/out.pdf"
ino0=$(ls -i "$pd/atomic/out.pdf" | awk '{ print $1 }')
"$NQPDF" examples/minimal.json -o "$pd/atomic/out.pdf" 2>>"$d"
ino1=$(ls -i "$pd/atomic/out.pdf" | awk '{ print $1 }')
cmp -s "$pd/atomic/out.pdf" "$pd/minimal.pdf" || echo "the existing file was not replaced by the PDF" >>"$d"
[ "$ino0" != "$ino1" ] || echo "same inode: the file was rewritten in place, not renamed over" >>"$d"
left=$(ls -A "$pd/atomic" | grep -v '^out\.pdf$')
[ -z "$left" ] || echo "left in the directory: $left" >>"$d"
check "pdf: an existing output is replaced by rename, no temp files left" "$d"

# ---- long URLs: one URI action per URL, shared by the link annotation of
# every line the URL wraps over (libharu copied the URI into each: five
# 65 KB URLs made a 283 MB PDF).  Two references with the same 2,048-byte
# URL (the limit, docs/limits.md) and one with a short one: 2 actions.
if have qpdf; then
	d=$pd/longurl.detail
	: >"$d"
	u="https://example.org/$(head -c 2028 /dev/zero | tr '\0' 'a')"
	{
		printf '{"nqpdf": 1, "title": "长网址", "organization": "单位", "date": "2026-05-14",\n'
		printf ' "sections": [{"heading": "一", "paragraphs": ["见[1][2][3]。"]}],\n "references": [\n'
		printf '  {"source": "甲", "title": "一", "url": "%s"},\n' "$u"
		printf '  {"source": "乙", "title": "二", "url": "%s"},\n' "$u"
		printf '  {"source": "丙", "title": "三", "url": "https://example.org/short"}]}\n'
	} >"$pd/longurl.json"
	timeout 30 "$NQPDF" "$pd/longurl.json" -o "$pd/longurl.pdf" 2>"$pd/longurl.err" ||
		{ echo "exit $?:"; cat "$pd/longurl.err"; } >>"$d"
	if [ -s "$pd/longurl.pdf" ]; then
		qpdf --qdf --object-streams=disable "$pd/longurl.pdf" "$pd/longurl.qdf" 2>>"$d"
		nact=$(grep -c '/S /URI' "$pd/longurl.qdf")
		nlink=$(grep -c '/Subtype /Link' "$pd/longurl.qdf")
		size=$(wc -c <"$pd/longurl.pdf")
		[ "$nact" -eq 2 ] || echo "$nact URI actions for 2 distinct URLs" >>"$d"
		[ "$nlink" -ge 20 ] || echo "only $nlink link annotations: the URL did not wrap as expected" >>"$d"
		# About 31 KB; a copy of the URL in every line's annotation made 146 KB.
		[ "$size" -le 80000 ] || echo "$size bytes of PDF for 4 KB of URLs" >>"$d"
	else
		echo "no PDF" >>"$d"
	fi
	check "pdf: a URL wrapped over many lines has one shared URI action" "$d"
else
	skip "pdf: shared URI actions (qpdf missing)"
fi

# ---- web addresses typed in a paragraph are links (real-text trial 3:
# one was set as an unbreakable word, leaving the line before it 18 em
# short, and was not clickable): one URI action each, a table cell's and the reference's too.
if have qpdf; then
	d=$pd/bareurl.detail
	: >"$d"
	if timeout 30 "$NQPDF" tests/golden/bare-urls.json -o "$pd/bareurl.pdf" 2>"$pd/bareurl.err"; then
		qpdf --qdf --object-streams=disable "$pd/bareurl.pdf" "$pd/bareurl.qdf" 2>>"$d"
		for u in 'https://www.example.cn/dyrm/345564.html' 'https://en.wikipedia.org/wiki/Foo_\\(bar\\)' \
			'http://a.example.org/x' 'https://example.org/a?b=1&c=2' 'https://c.example.org/d' \
			'HTTPS://D.EXAMPLE.ORG/E' 'https://t.example.org/a/b' 'https://example.org/r'; do
			grep -aq "/URI ($u)" "$pd/bareurl.qdf" || echo "no link to $u" >>"$d"
		done
		nact=$(grep -c '/S /URI' "$pd/bareurl.qdf")
		[ "$nact" -eq 8 ] || echo "$nact URI actions for 8 addresses" >>"$d"
	else
		{ echo "exit $?:"; cat "$pd/bareurl.err"; } >>"$d"
	fi
	check "pdf: web addresses in a paragraph are links" "$d"
else
	skip "pdf: web addresses in a paragraph (qpdf missing)"
fi
