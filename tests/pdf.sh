# tests/pdf.sh - sourced by tests/run.sh: render both examples and check the
# PDFs with real tools (poppler-utils, qpdf, zbar-tools).  A check whose tool
# is missing prints "skipped: ... (tool missing)" and counts neither way.

pd=$OUT/pdf
mkdir -p "$pd"

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

for ex in minimal daily-2026-05-14; do
	src=examples/$ex.json
	pdf=$pd/$ex.pdf
	if ! "$NQPDF" "$src" -o "$pdf" 2>"$pd/$ex.err" || [ -s "$pd/$ex.err" ]; then
		fail "pdf: $ex renders without diagnostics" "$pd/$ex.err"
		continue
	fi
	ok "pdf: $ex renders without diagnostics"

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

		# Reference URLs: intact in the text layer once the line breaks
		# inside them are removed.  -raw reads the content stream
		# order; the default mode is what readers copy and search.
		json_values url "$src" >"$pd/$ex.urls"
		if [ -s "$pd/$ex.urls" ]; then
			pdftotext -raw "$pdf" - 2>/dev/null | tr -d '\n' >"$pd/$ex.raw"
			tr -d '\n' <"$pd/$ex.txt" >"$pd/$ex.joined"
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
		minpages=1
		[ $ex = minimal ] || minpages=3
		[ "${pages:-0}" -ge $minpages ] || echo "Pages: $pages, expected >= $minpages" >>"$d"
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
	else
		skip "pdf: $ex: qpdf --check (qpdf missing)"
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
