# tests/footer.sh - sourced by tests/run.sh: the 关注我们 footer with two and
# three codes and long captions, on A4, B5 and Letter, read back from the
# PDF (docs/typography.md, "The footer"):
#   - every caption and the note are in the text layer whole (pdftotext);
#   - no two caption lines overlap or touch (pdftotext -bbox word boxes);
#   - every code is drawn at one size (mutool trace: the dark box of each
#     code's path), and zbarimg decodes every payload;
#   - heading, codes, captions and note land on one page wherever the body
#     ends, with at least the last paragraph's last line above them (a
#     sweep of body lengths);
#   - a caption that cannot fit is reported with its place.
# Needs pdftotext, pdfinfo; mutool, pdftoppm and zbarimg for their parts.

fo=$OUT/footer
mkdir -p "$fo"

# footer_issue FILE BODY-PARAGRAPHS CODES-JSON: a small issue with n one-line
# paragraphs and the given footer codes.
footer_issue() {
	{
		printf '{"nqpdf": 1, "title": "新质生产力每日动态", "organization": "江州市发展和改革委员会",\n'
		printf '"date": "2026-05-14", "sections": [{"heading": "政策动向", "paragraphs": ['
		i=0
		while [ $i -lt "$2" ]; do
			[ $i -gt 0 ] && printf ', '
			printf '"第%d段：工业和信息化部发布人工智能赋能新型工业化的有关安排。"' $i
			i=$((i + 1))
		done
		printf ']}],\n"footer": {"codes": %s,\n' "$3"
		printf '"note": "本刊根据公开资料整理，仅供内部参考，不代表编制单位观点。欢迎扫码关注西部数字经济研究中心，获取往期内容与数据附录。"}}\n'
	} >"$1"
}

codes2='[{"caption": "扫码关注高促会新质生产力工委", "payload": "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzkxNjQ2ODc1Mg==#wechat_redirect"},
 {"caption": "扫码关注工业智能算网平台", "payload": "https://www.example.org.cn/ai/"}]'
codes3='[{"caption": "扫码关注西部数字经济研究中心微信公众号", "payload": "https://mp.weixin.qq.com/s/Xq3-kD9vWm2Lr8TzQ1aB7Q"},
 {"caption": "扫码访问研究中心官方网站获取往期内容", "payload": "https://www.wdei.org.cn/publications/daily/2026/05/14/index.html?from=pdf&issue=128"},
 {"caption": "扫码关注工业智能算网平台", "payload": "https://www.example.org.cn/ai/"}]'

# footer_words PDF PAGE OUT: the word boxes under the 关注我们 heading on
# PAGE (the lowest 关注我们: the contents may list it too), above the
# folio, as "xmin xmax ymin ymax text" (pdftotext -bbox).
footer_words() {
	pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null | awk '
		/<page / { match($0, /height="[0-9.]*"/); ph = substr($0, RSTART + 8, RLENGTH - 9) + 0 }
		/<word / {
			t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
			split($0, q, "\"")
			if (t == "关注我们" && q[8] + 0 > top) top = q[8] + 0
			n++; w[n] = q[2] " " q[6] " " q[4] " " q[8] " " t; y[n] = q[4] + 0
		}
		END { for (i = 1; i <= n; i++) if (top && y[i] > top && y[i] < ph - 60) print w[i] }' >"$3"
}

# captions_whole WORDS WANT DETAIL: every line of WANT (captions, note) is in
# the words, read column by column: a caption's lines are centred on its
# code, so words are grouped by their centre (within 1.5 pt), top to bottom.
captions_whole() {
	awk '{ printf "%.2f %.2f %s\n", ($1 + $2) / 2, $3, $5 }' "$1" | sort -n -k1,1 |
		awk 'NR == 1 || $1 > last + 1.5 { g++ } { last = $1; printf "%d %09.2f %s\n", g, $2, $3 }' |
		sort -n -k1,1 -k2,2 | awk '{ printf "%s", $3 } END { print "" }' >"$1.flat"
	while IFS= read -r t; do
		grep -qF -- "$t" "$1.flat" || echo "not in the text layer whole: $t (found: $(cat "$1.flat"))"
	done <"$2" >>"$3"
}

# no_overlap WORDS DETAIL: no two words on one line (overlapping heights)
# overlap or come closer than 1 pt.
no_overlap() {
	awk '{ x0[NR] = $1; x1[NR] = $2; y0[NR] = $3; y1[NR] = $4; t[NR] = $5 }
	END {
		for (i = 1; i <= NR; i++)
			for (j = i + 1; j <= NR; j++) {
				if (y0[i] >= y1[j] || y0[j] >= y1[i]) continue
				if (x0[i] < x1[j] + 1 && x0[j] < x1[i] + 1)
					printf "\"%s\" (%.1f-%.1f) and \"%s\" (%.1f-%.1f) overlap or touch\n",
					       t[i], x0[i], x1[i], t[j], x0[j], x1[j]
			}
	}' "$1" >>"$2"
}

# qr_sizes PDF PAGE: the size of every QR code on PAGE, one "W H" a line:
# the box of each black filled path with more than a few points (a code's
# modules are one path; text and rules are not black paths).
qr_sizes() {
	mutool trace "$1" "$2" 2>/dev/null | awk '
		/<fill_path / { on = index($0, "color=\"0 0 0\"") > 0; n = 0; next }
		on && /<(moveto|lineto) / {
			split($0, q, "\""); x = q[2] + 0; y = q[4] + 0
			if (!n || x < x0) x0 = x; if (!n || x > x1) x1 = x
			if (!n || y < y0) y0 = y; if (!n || y > y1) y1 = y
			n++
		}
		/<\/fill_path>/ { if (on && n > 40) printf "%.2f %.2f\n", x1 - x0, y1 - y0; on = 0 }'
}

if ! have pdftotext || ! have pdfinfo; then
	skip "footer: pdftotext or pdfinfo missing"
else
	for codes in 2 3; do
		eval "cj=\$codes$codes"
		for paper in A4 B5 Letter; do
			name=footer-$codes-$paper
			d=$fo/$name.detail
			: >"$d"
			footer_issue "$fo/$name.json" 3 "$cj"
			if ! "$NQPDF" "$fo/$name.json" -o "$fo/$name.pdf" --paper=$paper 2>"$fo/$name.err" ||
				[ -s "$fo/$name.err" ]; then
				{ echo "nqpdf failed or warned:"; cat "$fo/$name.err"; } >>"$d"
				check "footer: $codes codes on $paper" "$d"
				continue
			fi
			pages=$(pdfinfo "$fo/$name.pdf" | sed -n 's/^Pages: *//p')
			footer_words "$fo/$name.pdf" "$pages" "$fo/$name.words"
			{
				sed -n 's/.*"caption": "\([^"]*\)".*/\1/p' "$fo/$name.json"
				sed -n 's/.*"note": "\([^"]*\)".*/\1/p' "$fo/$name.json"
			} >"$fo/$name.want"
			[ "$(wc -l <"$fo/$name.want")" -eq $((codes + 1)) ] || echo "test is broken: $(cat "$fo/$name.want")" >>"$d"
			captions_whole "$fo/$name.words" "$fo/$name.want" "$d"
			no_overlap "$fo/$name.words" "$d"
			if have mutool; then
				qr_sizes "$fo/$name.pdf" "$pages" >"$fo/$name.sizes"
				n=$(sort -u "$fo/$name.sizes" | wc -l)
				[ "$(wc -l <"$fo/$name.sizes")" -eq $codes ] && [ "$n" -eq 1 ] ||
					echo "QR codes drawn at different sizes (W H, pt): $(tr '\n' ';' <"$fo/$name.sizes")" >>"$d"
			fi
			if have zbarimg && have pdftoppm; then
				sed -n 's/.*"payload": "\([^"]*\)".*/\1/p' "$fo/$name.json" | sort >"$fo/$name.payloads"
				rm -f "$fo/$name"-p*.png
				pdftoppm -r 300 -f "$pages" -l "$pages" -png "$fo/$name.pdf" "$fo/$name-p"
				zbarimg --raw -q "$fo/$name"-p*.png 2>/dev/null | sed '/^$/d' | sort >"$fo/$name.decoded"
				diff -u "$fo/$name.payloads" "$fo/$name.decoded" >>"$d"
			fi
			# Balanced: a wrapped caption's shortest line is at least
			# half its longest (the line dump's widths), not a full
			# line and a stub of 1-3 characters.
			"$NQPDF" "$fo/$name.json" --dump=lines --paper=$paper 2>/dev/null | awk '
				/^para / { cap = $2 ~ /^\/footer\/codes\/[0-9]*\/caption$/; n = 0; next }
				cap && /^  \|/ { w = $NF + 0; t[n++] = $0
					if (n == 1 || w > mx) mx = w; if (n == 1 || w < mn) mn = w
					if (n > 1 && mn < mx / 2) { print "unbalanced caption:"; for (i = 0; i < n; i++) print t[i]; cap = 0 } }' >>"$d"
			check "footer: $codes codes on $paper: captions whole, apart, balanced, one code size, all decode" "$d"
		done
	done

	# Kept together: whatever the body's length, the page with 关注我们
	# has every caption and the note whole.  1 to 37 short paragraphs
	# move the footer through a whole page.
	for paper in A4 B5 Letter; do
		d=$fo/keep-$paper.detail
		: >"$d"
		sed -n 's/.*"caption": "\([^"]*\)".*/\1/p' "$fo/footer-3-A4.json" >"$fo/keep.want"
		sed -n 's/.*"note": "\([^"]*\)".*/\1/p' "$fo/footer-3-A4.json" >>"$fo/keep.want"
		k=1
		while [ $k -le 37 ]; do
			footer_issue "$fo/keep.json" $k "$codes3"
			if "$NQPDF" "$fo/keep.json" -o "$fo/keep-$paper.pdf" --paper=$paper 2>"$fo/keep.err"; then
				pages=$(pdfinfo "$fo/keep-$paper.pdf" | sed -n 's/^Pages: *//p')
				footer_words "$fo/keep-$paper.pdf" "$pages" "$fo/keep.words"
				: >"$fo/keep.d"
				captions_whole "$fo/keep.words" "$fo/keep.want" "$fo/keep.d"
				# ... and never alone there: the last paragraph's
				# line comes with it (the text above 关注我们).
				# (The lowest 关注我们: the contents list it too.)
				pdftotext -f "$pages" -l "$pages" "$fo/keep-$paper.pdf" - |
					awk '{ t[NR] = $0 } $0 == "关注我们" { at = NR }
					     END { for (i = 1; i < at; i++) print t[i] }' |
					grep -q '第 *[0-9]* *段' ||
					echo "the footer's page $pages has no body text above 关注我们" >>"$fo/keep.d"
				[ -s "$fo/keep.d" ] && { echo "$k paragraphs:"; cat "$fo/keep.d"; } >>"$d"
			else
				{ echo "$k paragraphs: nqpdf failed"; cat "$fo/keep.err"; } >>"$d"
			fi
			k=$((k + 4))
		done
		check "footer: heading, codes, captions and note stay on one page, never alone on it ($paper, 10 body lengths)" "$d"
	done
fi

# A caption that cannot fit even alone across the measure: a warning with
# its place, the caption still whole in the dump.
d=$fo/toolong.detail
: >"$d"
long='扫码ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
footer_issue "$fo/toolong.json" 1 "[{\"caption\": \"扫码关注\", \"payload\": \"https://a.cn/\"}, {\"caption\": \"$long\", \"payload\": \"https://b.cn/\"}]"
"$NQPDF" "$fo/toolong.json" --dump=layout >"$fo/toolong.layout" 2>"$fo/toolong.err"
rc=$?
[ $rc -eq 0 ] || echo "exit $rc" >>"$d"
grep -q '^tests/out/footer/toolong.json:[0-9]*:[0-9]*: warning: /footer/codes/1/caption: ' "$fo/toolong.err" ||
	{ echo "no warning at /footer/codes/1/caption:"; cat "$fo/toolong.err"; } >>"$d"
sed -n 's/^  text .*"\(.*\)" to .*/\1/p' "$fo/toolong.layout" | tr -d '\n' | grep -qF "$long" ||
	echo "the long caption is not drawn whole" >>"$d"
check "footer: a caption wider than the measure is warned about at its place, drawn whole" "$d"

# A footer taller than a page (eight codes, each caption 300 ideographs):
# it cannot be kept on one page, and says so at the tallest caption.
d=$fo/tall.detail
: >"$d"
cap=$(awk 'BEGIN { for (i = 0; i < 30; i++) printf "扫码关注研究中心公众号"; }')
cj=$(awk -v c="$cap" 'BEGIN { printf "["; for (i = 0; i < 8; i++) printf "%s{\"caption\": \"%s\", \"payload\": \"https://a.cn/%d\"}", i ? "," : "", c, i; printf "]" }')
footer_issue "$fo/tall.json" 1 "$cj"
"$NQPDF" "$fo/tall.json" -o "$fo/tall.pdf" 2>"$fo/tall.err"
rc=$?
[ $rc -eq 0 ] || echo "exit $rc" >>"$d"
grep -q '^tests/out/footer/tall.json:[0-9]*:[0-9]*: warning: /footer/codes/0/caption: the footer is [0-9]* pt tall and a page holds [0-9]* pt' "$fo/tall.err" ||
	{ echo "no warning that the footer is taller than a page:"; cat "$fo/tall.err"; } >>"$d"
check "footer: a footer taller than a page is warned about" "$d"

# A footer nearly a page tall (six codes with long captions): the last
# paragraph's lines go with it only when all of them fit on one page.
# Otherwise the paragraph stays where it would be without the footer, not
# on a page of its own before the footer's (with 19aaff2 alone, all five
# lengths here put it there: a page more, the footer alone all the same).
d=$fo/tall.detail
: >"$d"
# page_of PDF TEXT: the last page that holds TEXT
page_of() {
	p=1 at=0
	np=$(pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p')
	while [ "$p" -le "${np:-0}" ]; do
		pdftotext -f $p -l $p "$1" - 2>/dev/null | tr -d ' ' | grep -qF "$2" && at=$p
		p=$((p + 1))
	done
	echo $at
}
if have python3 && have pdftotext && have pdfinfo; then
	for n in 27 29 31 33 35; do
		for with in 0 1; do
			python3 - "$n" "$with" >"$fo/tall-$n-$with.json" <<'PY'
import json, sys
n, with_footer = int(sys.argv[1]), sys.argv[2] == '1'
d = {"nqpdf": 1, "title": "新质生产力每日动态", "organization": "江州市发展和改革委员会", "date": "2026-05-14",
     "options": {"contents": False},
     "sections": [{"heading": "政策动向", "paragraphs": [
         "第%d段：工业和信息化部发布人工智能赋能新型工业化的有关安排，明确了重点任务和保障措施，要求各地结合实际抓好落实并及时报送进展情况。" % i
         for i in range(n)]}]}
if with_footer:
    d["footer"] = {"codes": [{"caption": ("扫码关注研究中心" * 40)[:270], "payload": "https://example.org/%d" % j}
                             for j in range(6)]}
print(json.dumps(d, ensure_ascii=False))
PY
			"$NQPDF" "$fo/tall-$n-$with.json" -o "$fo/tall-$n-$with.pdf" 2>>"$d" || echo "$n: exit $?" >>"$d"
		done
		last="第$((n - 1))段"
		alone=$(page_of "$fo/tall-$n-0.pdf" "$last")
		para=$(page_of "$fo/tall-$n-1.pdf" "$last")
		foot=$(page_of "$fo/tall-$n-1.pdf" "关注我们")
		[ "$para" = "$alone" ] || [ "$para" = "$foot" ] ||
			echo "$n paragraphs: the last on page $para (without the footer $alone), the footer on page $foot" >>"$d"
	done
	check "footer: nearly a page tall, the last lines go with it only if all fit on one page" "$d"
else
	skip "footer: nearly a page tall (python3, pdftotext, pdfinfo needed)"
fi
