# tests/blocks.sh - sourced by tests/run.sh: what is inside a section
# (sub-headings, lists, tables, figures), images (figures, the logo, footer
# codes as image files) and the schema against every example.  The exact
# messages for bad blocks and images are in the diagnostics catalogue
# (tests/diag/table-*.json, block-kinds.json, code-image-and-payload.json,
# tests/diag/render/image-*.json); the dumps in tests/golden/full-briefing.*.

bk=$OUT/blocks
mkdir -p "$bk"
fb=examples/full-briefing.json

# ------------------------------------------------------------- schema
d=$bk/schema.detail
: >"$d"
if python3 -c 'import jsonschema' 2>/dev/null; then
	"$NQPDF" --schema >"$bk/schema.json" 2>>"$d"
	for j in examples/*.json; do
		python3 - "$bk/schema.json" "$j" >>"$d" 2>&1 <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))):
    print(sys.argv[2], "/".join(map(str, e.absolute_path)), e.message[:200])
EOF
	done
	check "blocks: every example validates against nqpdf --schema" "$d"
else
	skip "blocks: schema validation (python3 jsonschema missing; make deps)"
fi

# ------------------------------------------------ layout of the example
d=$bk/layout.detail
: >"$d"
"$NQPDF" "$fb" --dump=layout >"$bk/fb.layout" 2>>"$d"
# Sub-headings are in the outline one level down, numbered per section.
for h in '（一）主要产业增势分化' '（二）需要关注的问题' '（一）典型做法'; do
	grep -q "^outline \"$h\" page [0-9]* y [0-9.]* level 1\$" "$bk/fb.layout" ||
		echo "no level-1 outline entry for $h" >>"$d"
done
# The figure and its caption share a page.
awk '/^page /{p=$2} /^  image .*full-briefing-chart.png/{ip=p} /"图1 /{cp=p}
     END{if (!ip || ip != cp) print "figure on page " ip ", caption on page " cp}' "$bk/fb.layout" >>"$d"
# Numbers are flush right: in the investment column (its cells are the
# only 9 pt numbers like 86.5), numbers ending in the same digit have
# their last digit at one x (the digits are proportional: a 1 is narrower).
awk '/size 9.00 "[0-9]+\.[0-9]"/{x=$NF; k=substr($(NF-2), length($(NF-2)) - 1, 1);
     if (!(k in first)) first[k]=x; else if (x-first[k]>0.02||first[k]-x>0.02) print "a number ending in " k " ends at " x ", the first at " first[k]}' \
	"$bk/fb.layout" >>"$d"
check "blocks: sub-headings in the outline, figure with its caption, numbers flush right" "$d"

# A table across a page: its header row again at the top of the next
# page, on A4 and B5; every row once.
for paper in A4 B5; do
	d=$bk/table-$paper.detail
	: >"$d"
	"$NQPDF" "$fb" --paper=$paper -o "$bk/fb-$paper.pdf" 2>>"$d"
	if have pdftotext; then
		pages=$(pdfinfo "$bk/fb-$paper.pdf" | awk '/^Pages:/{print $2}')
		heads=0
		p=1
		while [ "$p" -le "$pages" ]; do
			pdftotext -f $p -l $p -layout "$bk/fb-$paper.pdf" "$bk/p$p.txt"
			if grep -q '序号 *项目名称 *所在园区 *总投资（亿元） *进度' "$bk/p$p.txt"; then
				heads=$((heads + 1))
				# After the break: never the last row alone under the header.
				if [ "$heads" -eq 2 ]; then
					n=$(grep -c '^ *1[0-9] \+[^ ]' "$bk/p$p.txt")
					[ "$n" -ge 2 ] || echo "$n row(s) of the table after the break on page $p" >>"$d"
				fi
				# The header is the first table line of its page: no row above it.
				awk '/序号/{exit} /^ *[0-9]+ +[^ ]+ +[^ ]+ +[0-9]+\.[0-9]/{print "a row above the header on page '$p'"; exit}' \
					"$bk/p$p.txt" >>"$d"
			fi
			p=$((p + 1))
		done
		[ "$heads" -eq 2 ] || echo "header row on $heads pages, expected 2 (the table crosses one page break)" >>"$d"
		pdftotext -layout "$bk/fb-$paper.pdf" "$bk/fb-$paper.txt"
		for r in 江州晶圆级先进封装产线 城市数据要素流通平台 人形机器人关节模组产线; do
			n=$(grep -c "$r" "$bk/fb-$paper.txt")
			[ "$n" -eq 1 ] || echo "row $r printed $n times" >>"$d"
		done
		# Lists: numbered and bulleted markers before their items.
		grep -q '1\. *集成电路：' "$bk/fb-$paper.txt" || echo "no numbered item 1." >>"$d"
		grep -q '• *部分储能和光伏企业' "$bk/fb-$paper.txt" || echo "no bulleted item" >>"$d"
		check "blocks: $paper: the table's header row repeats after the page break, lists marked" "$d"
	else
		skip "blocks: table across a page (pdftotext missing)"
	fi
done

# Images embedded once each: the chart, the logo (with its alpha as an
# SMask), at their pixel sizes.
d=$bk/images.detail
: >"$d"
if have pdfimages; then
	pdfimages -list "$bk/fb-A4.pdf" >"$bk/images.list" 2>>"$d"
	grep -q ' image *720 *360 ' "$bk/images.list" || echo "no 720 x 360 chart image" >>"$d"
	grep -q ' image *128 *128 ' "$bk/images.list" || echo "no 128 x 128 logo image" >>"$d"
	grep -q ' smask *128 *128 ' "$bk/images.list" || echo "the logo's alpha is not an SMask" >>"$d"
	check "blocks: figure and logo embedded as image XObjects" "$d"
else
	skip "blocks: pdfimages missing"
fi

# Contents: sub-headings only when asked for.
d=$bk/contents.detail
: >"$d"
sed 's/"contents_subheadings": true/"contents_subheadings": false/' "$fb" >examples/.blocks-nosub.json
"$NQPDF" examples/.blocks-nosub.json --dump=layout >"$bk/nosub.layout" 2>>"$d"
rm -f examples/.blocks-nosub.json
n_with=$(awk '/^page 2/{exit} /（一）主要产业增势分化" to/' "$bk/fb.layout" | wc -l)
n_without=$(awk '/^page 2/{exit} /（一）主要产业增势分化" to/' "$bk/nosub.layout" | wc -l)
# With: the contents entry and the sub-heading itself on page 1; without:
# only the sub-heading.
[ "$n_with" -eq 2 ] && [ "$n_without" -eq 1 ] ||
	echo "sub-heading lines on page 1: $n_with with contents_subheadings, $n_without without" >>"$d"
grep -q '^outline "（一）主要产业增势分化"' "$bk/nosub.layout" || echo "no outline entry without the contents" >>"$d"
check "blocks: options.contents_subheadings lists sub-headings in the contents, the outline has them always" "$d"

# Images follow the fonts' confinement: outside the issue's directory only
# with --allow-outside, and a symbolic link out is refused too.
d=$bk/confine.detail
: >"$d"
mkdir -p "$bk/issue/sub"
cp examples/full-briefing-logo.png "$bk/logo.png"
ln -sf ../logo.png "$bk/issue/linked.png"
printf '{"nqpdf": 1, "title": "简报", "organization": "编辑部", "date": "2026-05-14", "logo": "%s", "sections": [{"heading": "动态", "paragraphs": ["正文。"]}]}\n' \
	../logo.png >"$bk/issue/up.json"
printf '{"nqpdf": 1, "title": "简报", "organization": "编辑部", "date": "2026-05-14", "logo": "%s", "sections": [{"heading": "动态", "paragraphs": ["正文。"]}]}\n' \
	linked.png >"$bk/issue/link.json"
"$NQPDF" "$bk/issue/up.json" -o "$bk/up.pdf" 2>"$bk/up.err"
[ $? -eq 1 ] && grep -q "image '../logo.png' is outside the issue's directory" "$bk/up.err" ||
	{ echo "../logo.png was not refused with exit 1:" >>"$d"; cat "$bk/up.err" >>"$d"; }
"$NQPDF" "$bk/issue/up.json" --allow-outside -o "$bk/up.pdf" 2>>"$d" || echo "--allow-outside: not accepted" >>"$d"
"$NQPDF" "$bk/issue/link.json" -o "$bk/link.pdf" 2>"$bk/link.err"
[ $? -eq 1 ] && grep -q "image 'linked.png' leads outside the issue's directory" "$bk/link.err" ||
	{ echo "a symbolic link out was not refused with exit 1:" >>"$d"; cat "$bk/link.err" >>"$d"; }
check "blocks: image paths confined to the issue's directory like fonts (--allow-outside lifts it)" "$d"

# Blocks have no Markdown form yet: convert refuses rather than drop them
# from the .md: nothing written, exit 5 (a valid issue the output form
# cannot hold, not 1: --check passes), each block named at its line and
# column (the kind's key), in the sections and the insight, in English
# and Chinese.
d=$bk/convert.detail
: >"$d"
rm -f "$bk/fb.md"
"$NQPDF" convert "$fb" -o "$bk/fb.md" 2>"$bk/convert.err"
rc=$?
[ $rc -eq 5 ] || echo "convert: exit $rc, expected 5" >>"$d"
[ -e "$bk/fb.md" ] && echo "convert wrote $bk/fb.md" >>"$d"
grep -q "^$fb:61:11: error: /sections/1/paragraphs/1: a block (sub-heading, list, table or figure) has no Markdown form yet" \
	"$bk/convert.err" || { echo "no message at the table's line and column:" >>"$d"; cat "$bk/convert.err" >>"$d"; }
printf '%s\n' '{"nqpdf": 1, "title": "洞察里的块", "organization": ["测试单位"], "date": "2026-05-14",' \
	'  "sections": [{"heading": "政策", "paragraphs": ["正文。"]}],' \
	'  "insight": {"paragraphs": ["洞察。", {"caption": "图1", "figure": "x.png"}]}}' >"$bk/ins-block.json"
LANG=zh_CN.UTF-8 LC_ALL= "$NQPDF" convert "$bk/ins-block.json" -o "$bk/ins-block.md" 2>"$bk/ins-block.err"
rc=$?
[ $rc -eq 5 ] || echo "convert (insight block): exit $rc, expected 5" >>"$d"
grep -q "^$bk/ins-block.json:3:55: 错误: /insight/paragraphs/1: 块（小标题、列表、表格或插图）还没有 Markdown 写法" \
	"$bk/ins-block.err" || { echo "no Chinese message at the figure key:" >>"$d"; cat "$bk/ins-block.err" >>"$d"; }
check "blocks: convert refuses an issue with blocks instead of dropping them" "$d"

# One file, one XObject: "logo.png" as the logo and a footer code and
# "./logo.png" as a figure are the same file; a JPEG passes through.
d=$bk/once.detail
: >"$d"
if have pdfimages; then
	"$NQPDF" tests/diag/render/images-ok.json -o "$bk/once.pdf" 2>>"$d"
	pdfimages -list "$bk/once.pdf" >"$bk/once.list" 2>>"$d"
	n=$(awk '$3 == "image" && $4 == 128 {print $11}' "$bk/once.list" | sort -u | wc -l)
	[ "$n" -eq 1 ] || echo "logo.png embedded as $n objects" >>"$d"
	grep -q ' image *67 *94 .* jpeg ' "$bk/once.list" || echo "the JPEG is not embedded as DCT data" >>"$d"
	check "blocks: an image file named three ways is one XObject; JPEG kept as JPEG" "$d"
fi

# PNG kinds (tests/blocks/pngkinds.py): grey and palette of 1, 2, 4 and 8
# bits and 8-bit RGB go in as their own IDAT data under /Predictor 15
# (src/pdf/image.c, png_raw), RGBA and 16-bit through libharu; every row
# filter type is used.  What mutool extract gets back out is the source's
# pixels, exactly (pdfimages -png misreads a 1-bit palette, the PDF
# renders the same as libharu's expansion of it).  Damaged data is refused
# a row at a time, an interlaced file with what to do.
d=$bk/pngkinds.detail
: >"$d"
mkdir -p "$bk/png"
if have python3 && have pdfimages && have qpdf && have mutool; then
	python3 tests/blocks/pngkinds.py make "$bk/png" 2>>"$d"
	png_issue() {
		printf '{"nqpdf": 1, "title": "简报", "organization": "编辑部", "date": "2026-05-14", "sections": [{"heading": "动态", "paragraphs": ["正文。", {"figure": "%s.png", "caption": "图1 %s"}]}]}\n' \
			"$1" "$1" >"$bk/png/$1.json"
	}
	for k in gray rgb pal gray1 gray2 gray4 pal1 pal2 pal4 split rgba gray16; do
		png_issue $k
		"$NQPDF" "$bk/png/$k.json" -o "$bk/png/$k.pdf" 2>>"$d" || { echo "$k: exit $?" >>"$d"; continue; }
		rm -rf "$bk/png/x" && mkdir "$bk/png/x"
		(cd "$bk/png/x" && mutool extract "../$k.pdf" >/dev/null 2>&1)
		# The first image: the picture (an RGBA's /SMask comes after).
		x=$(ls "$bk/png/x"/image-*.png 2>/dev/null | head -1)
		[ $k = gray16 ] || python3 tests/blocks/pngkinds.py same "$bk/png/$k.png" "${x:-none}" >>"$d" 2>&1
		n=$(qpdf --stream-data=preserve --object-streams=disable "$bk/png/$k.pdf" - 2>/dev/null | grep -ac '/Predictor 15')
		case $k in rgba | gray16) want=0 ;; *) want=1 ;; esac
		[ "$n" = $want ] || echo "$k: $n images with /Predictor 15, expected $want" >>"$d"
	done
	# The alpha of an RGBA PNG, its /SMask, is compressed too (libharu
	# made it unfiltered: full-briefing's 128 x 128 logo carried 16 KiB).
	pdfimages -list "$bk/png/rgba.pdf" | awk '$3 == "smask" && $NF == "100%" { bad = 1 } END { exit bad }' ||
		echo "rgba: the /SMask is not compressed" >>"$d"
	for k in bad-short:'not enough image data' bad-cut:'not enough image data' \
		bad-filter:'a row with an unknown filter type' bad-long:'more image data than its size' \
		bad-tail:'data after the end of the image data' bad-crc:'IDAT: CRC error' \
		bad-plte:'PLTE: CRC error' bad-order:'IDAT: Missing PLTE before IDAT' \
		interlaced:'is an interlaced PNG, which nqpdf cannot embed; save it without interlacing'; do
		name=${k%%:*}
		png_issue "$name"
		"$NQPDF" "$bk/png/$name.json" -o "$bk/png/$name.pdf" 2>"$bk/png/$name.err"
		rc=$?
		[ $rc = 3 ] || echo "$name: exit $rc, expected 3" >>"$d"
		grep -qF "image '$name.png' ${k#*:}" "$bk/png/$name.err" ||
			grep -qF "($(printf '%s' "${k#*:}"))" "$bk/png/$name.err" ||
			{ echo "$name: not refused with '${k#*:}':"; cat "$bk/png/$name.err"; } >>"$d"
		[ -e "$bk/png/$name.pdf" ] && echo "$name: a PDF was written" >>"$d"
	done
	check "blocks: PNG grey and palette of 1 to 8 bits and RGB passed through pixel-exact (all five row filters), RGBA (its /SMask compressed) and 16-bit through libharu, damaged data refused" "$d"
else
	skip "blocks: PNG kinds (python3, pdfimages, qpdf and mutool needed)"
fi

# Three 6000 x 6000 PNGs (the most one may have): passed through, their
# pixels are never decoded whole.  Before, the check and libharu decoded
# each (361 MB, 3.6 s).  Not under ASan, whose own memory is counted.
d=$bk/bigpng.detail
: >"$d"
case ${NQPDF_ASAN:-$NQPDF} in *asan* | 1) big_skip=1 ;; *) big_skip= ;; esac
if [ -z "$big_skip" ] && have python3 && [ -x /usr/bin/time ]; then
	python3 - "$bk/png/big.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    c = struct.pack('>I', len(d)) + t + d
    return c + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
w = h = 6000
co, z = zlib.compressobj(9), []
for y in range(h):
    z.append(co.compress(b'\x00' + bytes((200, 30, 30)) * w))
z.append(co.flush())
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', b''.join(z)) + chunk(b'IEND', b''))
PY
	cp "$bk/png/big.png" "$bk/png/big2.png"
	cp "$bk/png/big.png" "$bk/png/big3.png"
	printf '{"nqpdf": 1, "title": "简报", "organization": "编辑部", "date": "2026-05-14", "sections": [{"heading": "动态", "paragraphs": ["正文。", {"figure": "big.png"}, {"figure": "big2.png"}, {"figure": "big3.png"}]}]}\n' \
		>"$bk/png/big.json"
	/usr/bin/time -f '%M' -o "$bk/png/big.rss" timeout 30 "$NQPDF" "$bk/png/big.json" -o "$bk/png/big.pdf" 2>>"$d" ||
		echo "exit $?" >>"$d"
	kib=$(tail -1 "$bk/png/big.rss")
	[ "${kib:-999999}" -lt 65536 ] || echo "peak $kib KiB, expected under 64 MiB" >>"$d"
	check "blocks: three 6000 x 6000 PNGs in under 64 MiB (passed through, never decoded whole)" "$d"
else
	skip "blocks: big PNGs (under ASan, or no python3 or /usr/bin/time)"
fi
