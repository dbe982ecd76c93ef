# tests/fonts.sh - sourced by tests/run.sh: the font fallback chain
# (docs/fonts.md).  Characters outside the BMP, fonts named by --font and by
# the issue, what is refused (CFF, paths leaving the issue's directory) and
# the warning for characters no font has, and damaged fonts (cut short,
# inconsistent maxp/head/loca, a glyph FreeType cannot load: exit 3).
#
# Fixtures in tests/fonts/: astral.ttf and cff.otf (made by mkfont.py: the
# same two glyphs, U+20BB7 and U+20000, as TrueType and as CFF), astral.json
# (names astral.ttf in "options.fonts") and missing.json (names no font).
# System fonts are kept out with --no-system-fonts, or replaced by a
# fontconfig configuration that lists only a fixture directory, so that the
# results do not depend on what the machine has installed.

fd=$OUT/fonts
mkdir -p "$fd"
fx=tests/fonts

# pdffonts_has PDF NAME DETAIL: the PDF lists a font whose name contains
# NAME, embedded, subset and with ToUnicode (see tests/pdf.sh for the
# columns); otherwise a line in DETAIL.
pdffonts_has() {
	pdffonts "$1" 2>&1 | awk -v n="$2" 'NR > 2 && index($1, n) { found = 1
		if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") print "not emb/sub/uni: " $0 }
		END { if (!found) print "no font named *" n "* in the PDF" }' >>"$3"
}

# with_fonts LIST: missing.json with "options": {"fonts": [LIST]} added.
with_fonts() {
	sed "s|^  \"date\": \"2026-05-14\",\$|&\\
  \"options\": { \"fonts\": [$1] },|" $fx/missing.json
}

# ---- the fixtures are what mkfont.py makes
if have python3; then
	d=$fd/mkfont.detail
	: >"$d"
	python3 $fx/mkfont.py "$fd/astral.ttf" 2>>"$d" && python3 $fx/mkfont.py "$fd/cff.otf" --cff 2>>"$d"
	cmp -s "$fd/astral.ttf" $fx/astral.ttf || echo "tests/fonts/astral.ttf differs from mkfont.py's" >>"$d"
	cmp -s "$fd/cff.otf" $fx/cff.otf || echo "tests/fonts/cff.otf differs from mkfont.py --cff's" >>"$d"
	check "fonts: the fixture fonts are mkfont.py's output" "$d"
else
	skip "fonts: fixture check (python3 missing)"
fi

# ---- characters outside the BMP from the issue's own font
d=$fd/astral.detail
: >"$d"
"$NQPDF" $fx/astral.json -o "$fd/astral.pdf" --no-system-fonts 2>"$fd/astral.err"
rc=$?
[ $rc -eq 0 ] || echo "exit $rc" >>"$d"
[ -s "$fd/astral.err" ] && { echo "diagnostics:"; cat "$fd/astral.err"; } >>"$d"
check "fonts: an issue naming its own font renders U+20BB7 and U+20000 without diagnostics" "$d"

if have pdftotext; then
	d=$fd/astral.text.detail
	: >"$d"
	pdftotext "$fd/astral.pdf" - 2>>"$d" | tr -d ' \n' >"$fd/astral.txt"
	for s in 生僻字𠮷测试 基本平面以外的字𠀀 异体字𠮷（U+20BB7）与𠀀（U+20000） 加粗的𠮷也用; do
		grep -qF "$s" "$fd/astral.txt" || echo "pdftotext lacks: $s" >>"$d"
	done
	check "fonts: pdftotext gives U+20BB7 and U+20000 back (ToUnicode surrogate pairs)" "$d"
else
	skip "fonts: pdftotext checks (pdftotext missing)"
fi

if have pdffonts; then
	d=$fd/astral.fonts.detail
	: >"$d"
	pdffonts_has "$fd/astral.pdf" NQTestAstral "$d"
	pdffonts_has "$fd/astral.pdf" NotoSerifSC-Regular "$d"
	check "fonts: pdffonts lists the fallback font embedded, subset, with ToUnicode" "$d"
else
	skip "fonts: pdffonts checks (pdffonts missing)"
fi

if have qpdf; then
	if qpdf --check "$fd/astral.pdf" >"$fd/astral.qpdf" 2>&1; then
		ok "fonts: qpdf --check passes with a fallback font"
	else
		fail "fonts: qpdf --check passes with a fallback font" "$fd/astral.qpdf"
	fi
else
	skip "fonts: qpdf --check (qpdf missing)"
fi

"$NQPDF" $fx/astral.json -o "$fd/astral2.pdf" --no-system-fonts 2>/dev/null
if cmp -s "$fd/astral.pdf" "$fd/astral2.pdf"; then
	ok "fonts: the same input with a fallback font twice gives identical PDFs"
else
	fail "fonts: the same input with a fallback font twice gives identical PDFs"
fi

# ---- a character no font has: a warning at its place, .notdef, exit 0
d=$fd/missing.detail
: >"$d"
"$NQPDF" $fx/missing.json -o "$fd/missing.pdf" --no-system-fonts 2>"$fd/missing.err"
rc=$?
[ $rc -eq 0 ] || echo "exit $rc, expected 0 (a missing character is a warning)" >>"$d"
[ -s "$fd/missing.pdf" ] || echo "no PDF written" >>"$d"
# The paragraph's character: FILE:LINE:COL, its JSON pointer, U+ and the
# character itself; LINE is the paragraph's line in the file.
line=$(grep -n '异体字𠮷' $fx/missing.json | cut -d: -f1)
grep -q "^$fx/missing.json:$line:[0-9]*: warning: /sections/0/paragraphs/0: no font has U+20BB7 '𠮷'" \
	"$fd/missing.err" || echo "no warning for U+20BB7 at $fx/missing.json:$line with its JSON pointer" >>"$d"
# The title's character: the model hands layout the title's pointer and
# place too.
line=$(grep -n '"title"' $fx/missing.json | cut -d: -f1)
grep -q "^$fx/missing.json:$line:[0-9]*: warning: /title: no font has U+20000 '𠀀'" "$fd/missing.err" ||
	echo "no warning for U+20000 at the title's line $line" >>"$d"
n=$(grep -c 'no font has' "$fd/missing.err")
[ "$n" -eq 2 ] || echo "$n missing-character warnings, expected 2 (one per character and text)" >>"$d"
[ -s "$d" ] && { echo "stderr:"; cat "$fd/missing.err"; } >>"$d"
check "fonts: a character no font has is a warning with FILE:LINE:COL, path and U+XXXX" "$d"

if have pdftotext; then
	d=$fd/missing.text.detail
	: >"$d"
	pdftotext "$fd/missing.pdf" - 2>>"$d" | tr -d ' \n' >"$fd/missing.txt"
	# Two missing characters share .notdef; U+2F00 and U+4E00 share one
	# Noto glyph.  Each must still copy as itself (one CID per text).
	for s in 缺字测试𠀀 异体字𠮷不在 部首⼀与汉字一共用; do
		grep -qF "$s" "$fd/missing.txt" || echo "pdftotext lacks: $s" >>"$d"
	done
	check "fonts: glyphs standing for several characters copy as each of them" "$d"
fi

# --report counts what the chain did.
"$NQPDF" $fx/missing.json -o "$fd/report.pdf" --no-system-fonts --report 2>"$fd/report.err"
d=$fd/report.detail
: >"$d"
grep -Eq 'characters no font has +2$' "$fd/report.err" || echo "report does not count 2 missing" >>"$d"
grep -Eq 'characters set in a fallback font +0$' "$fd/report.err" || echo "report does not count 0 fallback" >>"$d"
"$NQPDF" $fx/astral.json -o "$fd/report.pdf" --no-system-fonts --report 2>"$fd/report2.err"
# 𠮷 in the title and twice in the paragraph; 𠀀 in the heading (twice:
# the contents and the body) and once in the paragraph: 3 + 3.
grep -Eq 'characters set in a fallback font +6$' "$fd/report2.err" ||
	echo "report does not count 6 fallback characters for astral.json" >>"$d"
[ -s "$d" ] && { cat "$fd/report.err" "$fd/report2.err"; } >>"$d"
check "fonts: --report counts fallback and missing characters" "$d"

# ---- --font: the command line's own fallback, tried first
d=$fd/opt.detail
: >"$d"
"$NQPDF" $fx/missing.json -o "$fd/opt.pdf" --no-system-fonts --font $fx/astral.ttf 2>"$fd/opt.err" ||
	echo "exit $?" >>"$d"
[ -s "$fd/opt.err" ] && { echo "diagnostics:"; cat "$fd/opt.err"; } >>"$d"
have pdffonts && pdffonts_has "$fd/opt.pdf" NQTestAstral "$d"
check "fonts: --font supplies the characters the bundled fonts lack" "$d"

# ---- CFF named explicitly: exit 3 and a clear message, nothing written
d=$fd/cff.detail
: >"$d"
rm -f "$fd/cff.pdf"
"$NQPDF" $fx/missing.json -o "$fd/cff.pdf" --font $fx/cff.otf 2>"$fd/cff.err"
rc=$?
[ $rc -eq 3 ] || echo "exit $rc, expected 3" >>"$d"
grep -q "error: font '$fx/cff.otf' has CFF outlines; nqpdf embeds TrueType (glyf) fonts only" \
	"$fd/cff.err" || { echo "no CFF message naming the file:"; cat "$fd/cff.err"; } >>"$d"
[ -e "$fd/cff.pdf" ] && echo "a PDF was written" >>"$d"
check "fonts: --font with a CFF font is exit 3 with a message naming it" "$d"

mkdir -p "$fd/cffissue"
cp $fx/cff.otf "$fd/cffissue/"
with_fonts '"cff.otf"' >"$fd/cffissue/missing.json"
"$NQPDF" "$fd/cffissue/missing.json" -o "$fd/cff.pdf" 2>"$fd/cff2.err"
rc=$?
d=$fd/cff2.detail
: >"$d"
[ $rc -eq 3 ] || echo "exit $rc, expected 3" >>"$d"
grep -q "^$fd/cffissue/missing.json:[0-9]*:[0-9]*: error: /options/fonts/0: font 'cff.otf' has CFF outlines" \
	"$fd/cff2.err" || { echo "no CFF message at the issue's options.fonts:"; cat "$fd/cff2.err"; } >>"$d"
check "fonts: a CFF font in options.fonts is exit 3 at its JSON place" "$d"

# ---- fonts the issue names stay in its directory
# $fd/esc/issue/ holds the issue; the font lies one level up, in esc/.
esc=$fd/esc
mkdir -p "$esc/issue/sub"
cp $fx/astral.ttf "$esc/outside.ttf"
cp $fx/astral.ttf "$esc/issue/sub/inside.ttf"
ln -sf "$(pwd)/$esc/outside.ttf" "$esc/issue/link-out.ttf"
ln -sf sub/inside.ttf "$esc/issue/link-in.ttf"
for f in ../outside.ttf link-out.ttf sub/../../outside.ttf "$(pwd)/$esc/outside.ttf" link-in.ttf sub/inside.ttf; do
	n=$(echo "$f" | tr '/.' '__')
	with_fonts "\"$f\"" >"$esc/issue/$n.json"
done

# escape NAME WHY: refused (exit 1, at /options/fonts/0), then accepted
# with --allow-outside.
escape() {
	j=$esc/issue/$(echo "$1" | tr '/.' '__').json
	d=$fd/esc-$(echo "$1" | tr '/.' '__').detail
	: >"$d"
	"$NQPDF" "$j" -o "$fd/esc.pdf" --no-system-fonts 2>"$d.err"
	rc=$?
	[ $rc -eq 1 ] || echo "exit $rc, expected 1" >>"$d"
	grep -q "^$j:[0-9]*:[0-9]*: error: /options/fonts/0: font '$1' .*outside the issue's directory" \
		"$d.err" || { echo "no error at /options/fonts/0:"; cat "$d.err"; } >>"$d"
	"$NQPDF" "$j" -o "$fd/esc.pdf" --no-system-fonts --allow-outside 2>"$d.err2" ||
		echo "--allow-outside: exit $?" >>"$d"
	[ -s "$d.err2" ] && { echo "--allow-outside: diagnostics:"; cat "$d.err2"; } >>"$d"
	check "fonts: options.fonts $2 is refused, and accepted with --allow-outside" "$d"
}
escape ../outside.ttf "\"../outside.ttf\""
escape sub/../../outside.ttf "\"sub/../../outside.ttf\""
escape "$(pwd)/$esc/outside.ttf" "with an absolute path"
escape link-out.ttf "naming a symlink that points out of the directory"

d=$fd/esc-inside.detail
: >"$d"
for f in sub/inside.ttf link-in.ttf; do
	j=$esc/issue/$(echo "$f" | tr '/.' '__').json
	"$NQPDF" "$j" -o "$fd/esc.pdf" --no-system-fonts 2>"$d.err" || echo "$f: exit $?" >>"$d"
	[ -s "$d.err" ] && { echo "$f:"; cat "$d.err"; } >>"$d"
done
check "fonts: options.fonts in a subdirectory, or a symlink staying inside, is accepted" "$d"

d=$fd/notfound.detail
: >"$d"
with_fonts '"nope.ttf"' >"$esc/issue/notfound.json"
"$NQPDF" "$esc/issue/notfound.json" -o "$fd/esc.pdf" 2>"$d.err"
rc=$?
[ $rc -eq 3 ] || echo "exit $rc, expected 3" >>"$d"
grep -q "error: /options/fonts/0: font 'nope.ttf' not found" "$d.err" ||
	{ echo "no not-found error:"; cat "$d.err"; } >>"$d"
check "fonts: a font the issue names that does not exist is exit 3 at its JSON place" "$d"

# ---- system fonts through fontconfig, with a configuration of our own
# FONTCONFIG_FILE makes fontconfig read only this file: one directory of
# fixtures, and a cache in tests/out.
fcconf() {
	mkdir -p "$fd/fc/$1" "$fd/fc/cache"
	cp "$2" "$fd/fc/$1/"
	cat >"$fd/fc/$1.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>$(pwd)/$fd/fc/$1</dir>
  <cachedir>$(pwd)/$fd/fc/cache</cachedir>
</fontconfig>
EOF
}
fcconf ttf $fx/astral.ttf
fcconf cff $fx/cff.otf

d=$fd/sys.detail
: >"$d"
FONTCONFIG_FILE=$(pwd)/$fd/fc/ttf.conf "$NQPDF" $fx/missing.json -o "$fd/sys.pdf" 2>"$fd/sys.err" ||
	echo "exit $?" >>"$d"
[ -s "$fd/sys.err" ] && { echo "diagnostics:"; cat "$fd/sys.err"; } >>"$d"
have pdffonts && pdffonts_has "$fd/sys.pdf" NQTestAstral "$d"
check "fonts: a system font fontconfig finds supplies the missing characters" "$d"

d=$fd/nosys.detail
: >"$d"
FONTCONFIG_FILE=$(pwd)/$fd/fc/ttf.conf "$NQPDF" $fx/missing.json -o "$fd/nosys.pdf" --no-system-fonts \
	2>"$fd/nosys.err" || echo "exit $?" >>"$d"
n=$(grep -c 'no font has' "$fd/nosys.err")
[ "$n" -eq 2 ] || echo "$n missing-character warnings, expected 2" >>"$d"
have pdffonts && pdffonts "$fd/nosys.pdf" 2>&1 | grep -q NQTestAstral && echo "the system font was used" >>"$d"
check "fonts: --no-system-fonts leaves fontconfig's fonts alone" "$d"

d=$fd/syscff.detail
: >"$d"
FONTCONFIG_FILE=$(pwd)/$fd/fc/cff.conf "$NQPDF" $fx/missing.json -o "$fd/syscff.pdf" 2>"$fd/syscff.err" ||
	echo "exit $?, expected 0: a CFF system font is passed over, not an error" >>"$d"
n=$(grep -c 'no font has' "$fd/syscff.err")
[ "$n" -eq 2 ] || { echo "$n missing-character warnings, expected 2:"; cat "$fd/syscff.err"; } >>"$d"
have pdffonts && pdffonts "$fd/syscff.pdf" 2>&1 | grep -q NQTestCFF && echo "the CFF font was embedded" >>"$d"
check "fonts: a CFF system font is skipped quietly" "$d"

# ---- damaged fonts (docs/fonts.md, "Damaged fonts"): exit 3 naming the
# file and the damage, nothing written.  Copies of the bundled body font,
# cut or patched with head/dd/printf; the offsets come from its table
# directory (od), so they follow the font if it is ever updated.
body=fonts/NotoSerifSC_400Regular.ttf

# table_off FILE TAG: the offset of table TAG (OpenType table directory).
table_off() {
	nt=$(od -An -tu2 --endian=big -j4 -N2 "$1" | tr -d ' ')
	i=0
	while [ "$i" -lt "$nt" ]; do
		r=$((12 + 16 * i))
		if [ "$(dd if="$1" bs=1 skip=$r count=4 2>/dev/null)" = "$2" ]; then
			od -An -tu4 --endian=big -j$((r + 8)) -N4 "$1" | tr -d ' '
			return
		fi
		i=$((i + 1))
	done
	echo 0
}

# poke FILE OFFSET OCTAL-BYTES: overwrite bytes in place.
poke() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# dmgdir NAME: a --font-dir whose body font is a copy to damage (the
# other two are links to the intact ones); prints the copy's path.
dmgdir() {
	rm -rf "$fd/$1"
	mkdir -p "$fd/$1"
	for f in fonts/*.ttf; do ln -s "$(pwd)/$f" "$fd/$1/"; done
	rm "$fd/$1/NotoSerifSC_400Regular.ttf"
	cp $body "$fd/$1/NotoSerifSC_400Regular.ttf"
	echo "$fd/$1/NotoSerifSC_400Regular.ttf"
}

# damaged NAME TITLE EXPECTED-TEXT [nqpdf arguments...]: exit 3, the
# message names the font file and says what is wrong, no PDF.
damaged() {
	name=$1 title=$2 want=$3
	shift 3
	d=$fd/$name.detail
	: >"$d"
	rm -f "$fd/$name.pdf"
	timeout 30 "$NQPDF" "$@" -o "$fd/$name.pdf" --no-system-fonts 2>"$fd/$name.err"
	rc=$?
	[ $rc -eq 3 ] || echo "exit $rc, expected 3 (a damaged font)" >>"$d"
	grep -qF -- "$want" "$fd/$name.err" || echo "no message containing: $want" >>"$d"
	[ -e "$fd/$name.pdf" ] && echo "a PDF was written" >>"$d"
	[ -s "$d" ] && { echo "stderr:"; cat "$fd/$name.err"; } >>"$d"
	check "fonts: damaged: $title" "$d"
}

glyf=$(table_off $body glyf)
loca=$(table_off $body loca)
maxp=$(table_off $body maxp)
head=$(table_off $body head)

# Cut to 2 MB, inside glyf: every glyph past the cut printed as nothing.
f=$(dmgdir cut)
head -c 2000000 $body >"$f"
damaged cut "a bundled font cut inside glyf (--font-dir)" \
	"font '$f' is damaged: its 'glyf' table is cut short (" examples/minimal.json --font-dir "$fd/cut"
rm -f "$f"

head -c 2000000 $body >"$fd/cut-named.ttf"
damaged cut-named "a --font file cut inside glyf" \
	"font '$fd/cut-named.ttf' is damaged: its 'glyf' table is cut short" \
	$fx/missing.json --font "$fd/cut-named.ttf"
mkdir -p "$fd/issue-cut"
mv "$fd/cut-named.ttf" "$fd/issue-cut/cut.ttf"
with_fonts '"cut.ttf"' >"$fd/issue-cut/issue.json"
line=$(grep -n '"cut.ttf"' "$fd/issue-cut/issue.json" | cut -d: -f1)
damaged cut-issue "an options.fonts file cut inside glyf, at its place in the issue" \
	"issue.json:$line:26: error: /options/fonts/0: font 'cut.ttf' is damaged: its 'glyf' table is cut short" \
	"$fd/issue-cut/issue.json"
rm -f "$fd/issue-cut/cut.ttf"

# maxp.numGlyphs 65535, more than loca holds (FreeType quietly lowers it).
f=$(dmgdir maxp-big)
poke "$f" $((maxp + 4)) '\377\377'
damaged maxp-big "maxp counting more glyphs than loca holds" \
	"font '$f' is damaged: maxp counts 65535 glyphs but its loca table has offsets for only" \
	examples/minimal.json --font-dir "$fd/maxp-big"
rm -f "$f"

# maxp.numGlyphs 100: cmap names glyphs past it (was exit 4, "pdf: glyph
# id outside the font", without the font's name).
f=$(dmgdir maxp-small)
poke "$f" $((maxp + 4)) '\000\144'
damaged maxp-small "maxp counting fewer glyphs than the cmap uses" \
	"font '$f' is damaged: the text needs glyph" examples/minimal.json --font-dir "$fd/maxp-small"
rm -f "$f"

# head.indexToLocFormat 7 (offset 50 in head).
f=$(dmgdir locfmt)
poke "$f" $((head + 50)) '\000\007'
damaged locfmt "head.indexToLocFormat neither 0 nor 1" \
	"font '$f' is damaged: head.indexToLocFormat is 7 (0 or 1)" \
	examples/minimal.json --font-dir "$fd/locfmt"
rm -f "$f"

# A loca offset past the end of glyf (long offsets: entry 5 is 4 bytes).
f=$(dmgdir loca)
poke "$f" $((loca + 20)) '\177\377\377\377'
damaged loca "a loca offset past the end of glyf" \
	"font '$f' is damaged: the loca offset of glyph 5 (2147483647) goes backwards or past the end of glyf" \
	examples/minimal.json --font-dir "$fd/loca"
rm -f "$f"

# Glyph 0 (.notdef, which a character no font has is set in) with 32767
# contours: FreeType refuses it, and its box would have printed as nothing.
f=$(dmgdir glyph)
poke "$f" "$glyf" '\177\377'
printf '{"nqpdf": 1, "title": "标题", "organization": "单位", "date": "2026-05-14",\n "sections": [{"heading": "一", "paragraphs": ["私用区\\ue000字符"]}]}\n' >"$fd/pua.json"
damaged glyph "a glyph FreeType cannot load" \
	"font '$f' is damaged: glyph 0 cannot be loaded (FreeType error" "$fd/pua.json" --font-dir "$fd/glyph"
rm -f "$f"

# ---- many distinct characters no font has: each gets a CID of its own for
# .notdef (so it copies as itself) through a hash table, not a linear
# search (60,000 took 19 s); past the 65,536 CIDs a PDF font has, the rest
# share .notdef's CID with a warning (was "cannot subset font", exit 3,
# blaming the bundled font).  70,000 characters of plane 15's private use
# area (U+F0000 on), in paragraphs of 30,000, written by awk.
LC_ALL=C awk -v n=70000 'BEGIN {
	printf "{\"nqpdf\": 1, \"title\": \"缺字\", \"organization\": \"单位\", \"date\": \"2026-05-14\",\n"
	printf " \"sections\": [{\"heading\": \"一\", \"paragraphs\": [\""
	for (i = 0; i < n; i++) {
		if (i && i % 30000 == 0) printf "\", \""
		cp = 983040 + i
		printf "%c%c%c%c", 240 + int(cp / 262144), 128 + int(cp / 4096) % 64, 128 + int(cp / 64) % 64, 128 + cp % 64
	}
	printf "\"]}]}\n" }' >"$fd/manymissing.json"
d=$fd/manymissing.detail
: >"$d"
timeout 30 "$NQPDF" "$fd/manymissing.json" -o "$fd/manymissing.pdf" --no-system-fonts 2>"$fd/manymissing.err"
rc=$?
[ $rc -eq 0 ] || echo "exit $rc, expected 0 (warnings only)" >>"$d"
grep -q "characters past the 65,536 CIDs a PDF font can have share their glyph's CID" "$fd/manymissing.err" ||
	echo "no warning about the CID limit" >>"$d"
grep -q "cannot subset" "$fd/manymissing.err" && echo "the font is blamed" >>"$d"
if [ -s "$fd/manymissing.pdf" ] && have pdftotext; then
	# The first characters have CIDs of their own: U+F0000 and U+F7530
	# (the 30,000th, first of the second paragraph) copy as themselves.
	pdftotext "$fd/manymissing.pdf" - 2>>"$d" | od -An -tx1 | tr -d ' \n' >"$fd/manymissing.hex"
	for h in f3b08080 f3b794b0; do
		grep -q "$h" "$fd/manymissing.hex" || echo "pdftotext lacks the character $h" >>"$d"
	done
fi
[ -s "$d" ] && { echo "stderr (head):"; head -n 5 "$fd/manymissing.err"; } >>"$d"
check "fonts: 70,000 distinct characters no font has: under 30 s, a warning past 65,536 CIDs, no font blamed" "$d"

# ---- one base character with 87,000 combining marks (U+0301): HarfBuzz's
# mark positioning is quadratic in a cluster (6.8 s per paragraph); the
# model keeps 30 in a row (UAX #15 Stream-Safe Text Format) and warns at
# the first one dropped.  The exact message is tests/diag/combining-marks-run.
LC_ALL=C awk 'BEGIN {
	printf "{\"nqpdf\": 1, \"title\": \"组合符号\", \"organization\": \"单位\", \"date\": \"2026-05-14\",\n"
	printf " \"sections\": [{\"heading\": \"一\", \"paragraphs\": [\"前a"
	for (i = 0; i < 87000; i++) printf "%c%c", 204, 129
	printf "后\", \"第二段a"
	for (i = 0; i < 87000; i++) printf "%c%c", 204, 129
	printf "\"]}]}\n" }' >"$fd/marks.json"
d=$fd/marks.detail
: >"$d"
timeout 30 "$NQPDF" "$fd/marks.json" -o "$fd/marks.pdf" --no-system-fonts 2>"$fd/marks.err"
rc=$?
[ $rc -eq 0 ] || echo "exit $rc, expected 0 (a warning)" >>"$d"
n=$(grep -c "^$fd/marks.json:2:[0-9]*: warning: /sections/0/paragraphs/[01]: more than 30 combining marks in a row; 86970 marks" "$fd/marks.err")
[ "$n" -eq 2 ] || { echo "$n warnings at the paragraphs, expected 2:"; head -c 600 "$fd/marks.err"; } >>"$d"
check "fonts: 87,000 combining marks on one base: cut to 30 with a warning, under 30 s" "$d"

# ---- a damaged system font is passed over quietly, like any unusable one:
# astral.ttf with maxp.numGlyphs 65535, far more than its loca holds.
mkdir -p "$fd/fc-dmg"
cp $fx/astral.ttf "$fd/fc-dmg/astral-damaged.ttf"
poke "$fd/fc-dmg/astral-damaged.ttf" $(($(table_off $fx/astral.ttf maxp) + 4)) '\377\377'
fcconf dmg "$fd/fc-dmg/astral-damaged.ttf"
d=$fd/sysdmg.detail
: >"$d"
FONTCONFIG_FILE=$(pwd)/$fd/fc/dmg.conf "$NQPDF" $fx/missing.json -o "$fd/sysdmg.pdf" 2>"$fd/sysdmg.err" ||
	echo "exit $?, expected 0: a damaged system font is passed over, not an error" >>"$d"
n=$(grep -c 'no font has' "$fd/sysdmg.err")
[ "$n" -eq 2 ] || { echo "$n missing-character warnings, expected 2:"; cat "$fd/sysdmg.err"; } >>"$d"
grep -q 'damaged' "$fd/sysdmg.err" && echo "the system font was reported" >>"$d"
have pdffonts && pdffonts "$fd/sysdmg.pdf" 2>&1 | grep -q NQTestAstral && echo "the damaged font was embedded" >>"$d"
check "fonts: a damaged system font is skipped quietly" "$d"
