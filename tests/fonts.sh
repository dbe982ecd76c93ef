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

# ---- OpenType-CFF named explicitly: embedded as a CIDFontType0 with a
# CIDFontType0C program (pdffonts: "CID Type 0C"), copies back exactly.
# cff_ok NAME PDF ERR RC: exit 0, no diagnostics, the CFF font embedded,
# subset, with ToUnicode, and U+20BB7 and U+20000 back from pdftotext.
cff_ok() {
	d=$fd/$1.detail
	: >"$d"
	[ "$4" -eq 0 ] || echo "exit $4, expected 0" >>"$d"
	[ -s "$3" ] && { echo "diagnostics:"; cat "$3"; } >>"$d"
	if have pdffonts; then
		pdffonts_has "$2" NQTestCFF "$d"
		pdffonts "$2" 2>&1 | grep NQTestCFF | grep -q 'CID Type 0C' ||
			echo "NQTestCFF is not CID Type 0C: $(pdffonts "$2" 2>&1 | grep NQTestCFF)" >>"$d"
	fi
	if have pdftotext; then
		pdftotext "$2" - 2>>"$d" | tr -d ' \n' >"$fd/$1.txt"
		for s in 异体字𠮷不在 缺字测试𠀀; do
			grep -qF "$s" "$fd/$1.txt" || echo "pdftotext lacks: $s" >>"$d"
		done
	fi
}
rm -f "$fd/cff.pdf"
"$NQPDF" $fx/missing.json -o "$fd/cff.pdf" --no-system-fonts --font $fx/cff.otf 2>"$fd/cff.err"
cff_ok cff "$fd/cff.pdf" "$fd/cff.err" $?
check "fonts: --font with an OpenType-CFF font: embedded as CID Type 0C, subset, ToUnicode, copies back" "$d"

mkdir -p "$fd/cffissue"
cp $fx/cff.otf "$fd/cffissue/"
with_fonts '"cff.otf"' >"$fd/cffissue/missing.json"
"$NQPDF" "$fd/cffissue/missing.json" -o "$fd/cff2.pdf" --no-system-fonts 2>"$fd/cff2.err"
cff_ok cff2 "$fd/cff2.pdf" "$fd/cff2.err" $?
check "fonts: an OpenType-CFF font in options.fonts is embedded as CID Type 0C" "$d"

# What is still refused: a bare CFF program (the 'CFF ' table of cff.otf
# cut out with dd), not an OpenType font.
off=$(od -An -tu4 --endian=big -j$((12 + 8)) -N4 $fx/cff.otf | tr -d ' ')
d=$fd/barecff.detail
: >"$d"
[ "$(dd if=$fx/cff.otf bs=1 skip=12 count=4 2>/dev/null)" = "CFF " ] ||
	echo "cff.otf's first table is not 'CFF ' (mkfont.py changed?)" >>"$d"
len=$(od -An -tu4 --endian=big -j$((12 + 12)) -N4 $fx/cff.otf | tr -d ' ')
dd if=$fx/cff.otf of="$fd/bare.cff" bs=1 skip="$off" count="$len" 2>/dev/null
rm -f "$fd/bare.pdf"
"$NQPDF" $fx/missing.json -o "$fd/bare.pdf" --font "$fd/bare.cff" 2>"$fd/bare.err"
rc=$?
[ $rc -eq 3 ] || echo "exit $rc, expected 3" >>"$d"
grep -q "error: font '$fd/bare.cff' has bare CFF (not OpenType) outlines; nqpdf embeds TrueType (glyf) and OpenType CFF outlines only" \
	"$fd/bare.err" || { echo "no message naming the file and the format:"; cat "$fd/bare.err"; } >>"$d"
[ -e "$fd/bare.pdf" ] && echo "a PDF was written" >>"$d"
check "fonts: a bare CFF program (not OpenType) is exit 3 with a message naming it" "$d"

# FILE#INDEX past the faces of the file.
d=$fd/index.detail
: >"$d"
"$NQPDF" $fx/missing.json -o "$fd/index.pdf" --font "$fx/astral.ttf#3" 2>"$fd/index.err"
rc=$?
[ $rc -eq 3 ] || echo "exit $rc, expected 3" >>"$d"
grep -qF "error: font '$fx/astral.ttf#3' has 1 faces; #3 is not one of them (#0 to #0)" "$fd/index.err" ||
	{ echo "no message about the face index:"; cat "$fd/index.err"; } >>"$d"
"$NQPDF" $fx/missing.json -o "$fd/index.pdf" --no-system-fonts --font "$fx/astral.ttf#0" 2>"$fd/index0.err" ||
	echo "#0 of a single font: exit $?" >>"$d"
grep -q 'no font has' "$fd/index0.err" && echo "#0 of a single font was not used" >>"$d"
check "fonts: FILE#INDEX names a face; an index past the file's faces is exit 3 saying how many" "$d"

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

# Two system faces with the same characters, one of them fontconfig's
# serif: the body (Noto Serif SC) falls back to the serif one (a sans
# subscript ₄ in serif text, real-text trial 4).
mkdir -p "$fd/fc/two"
cp $fx/astral.ttf "$fd/fc/two/"
python3 $fx/mkfont.py "$fd/fc/two/serifish.ttf" --family Serifish
cat >"$fd/fc/two.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>$(pwd)/$fd/fc/two</dir>
  <cachedir>$(pwd)/$fd/fc/cache</cachedir>
  <alias><family>serif</family><prefer><family>NQ Test Serifish</family></prefer></alias>
  <alias><family>sans-serif</family><prefer><family>NQ Test Astral</family></prefer></alias>
</fontconfig>
EOF
d=$fd/serif.detail
: >"$d"
printf '{"nqpdf": 1, "title": "正文缺字", "organization": "单位", "date": "2026-05-14",\n "sections": [{"heading": "一", "paragraphs": ["异体字\360\240\256\267。"]}]}\n' >"$fd/serif.json"
FONTCONFIG_FILE=$(pwd)/$fd/fc/two.conf "$NQPDF" "$fd/serif.json" -o "$fd/serif.pdf" 2>"$fd/serif.err" ||
	echo "exit $?" >>"$d"
if have pdffonts; then
	pdffonts_has "$fd/serif.pdf" NQTestSerifish "$d"
	pdffonts "$fd/serif.pdf" 2>&1 | grep -q NQTestAstral && echo "the sans face was used for body text" >>"$d"
fi
check "fonts: body text falls back to a serif system face before a sans one" "$d"

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
	echo "exit $?" >>"$d"
grep -q 'no font has' "$fd/syscff.err" && { echo "missing characters:"; cat "$fd/syscff.err"; } >>"$d"
have pdffonts && pdffonts "$fd/syscff.pdf" 2>&1 | grep NQTestCFF | grep -q 'CID Type 0C' ||
	echo "the CFF system font is not embedded as CID Type 0C" >>"$d"
check "fonts: an OpenType-CFF system font fontconfig finds supplies the missing characters" "$d"

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

# ---- damaged OpenType-CFF fonts (docs/fonts.md, "Damaged fonts"): exit 3
# naming the file and the damage (a glyph found damaged while writing is
# named by its resolved path).  Copies of cff.otf; mkfont.py lays out
# its 'CFF ' table the same way every time: header, Name, Top DICT, String
# and Global Subr INDEXes (85 bytes), then the CharStrings INDEX.
cffo=$(table_off $fx/cff.otf 'CFF ')
cffmaxp=$(table_off $fx/cff.otf maxp)

head -c $((cffo + 60)) $fx/cff.otf >"$fd/cff-cut.otf"
damaged cff-cut "an OpenType-CFF font cut inside its 'CFF ' table" \
	"font '$fd/cff-cut.otf' is damaged: its 'CFF ' table is cut short" $fx/missing.json --font "$fd/cff-cut.otf"

cp $fx/cff.otf "$fd/cff-maxp.otf"
poke "$fd/cff-maxp.otf" $((cffmaxp + 4)) '\000\011'
damaged cff-maxp "maxp counting more glyphs than the CFF charstrings" \
	"font '$fd/cff-maxp.otf' is damaged: maxp counts 9 glyphs but its 'CFF ' table has charstrings for only 3" \
	$fx/missing.json --font "$fd/cff-maxp.otf"

# The CFF header's version and sizes overwritten: FreeType refuses the table.
cp $fx/cff.otf "$fd/cff-head.otf"
poke "$fd/cff-head.otf" "$cffo" '\011\011\011\011'
damaged cff-head "a 'CFF ' table FreeType cannot read" \
	"font '$fd/cff-head.otf' is damaged: FreeType cannot read its 'CFF ' table (FreeType error" \
	$fx/missing.json --font "$fd/cff-head.otf"

# The charstring of glyph 1 (U+20BB7) starts with `return` outside any
# subroutine (TN 5177, operator 11); its offset is in the CharStrings INDEX
# (count, offSize 4, offsets from 1).
cs=$((cffo + 85))
g1=$((cs + 2 + 1 + 4 * 4 - 1 + $(od -An -tu4 --endian=big -j$((cs + 3 + 4)) -N4 $fx/cff.otf | tr -d ' ')))
cp $fx/cff.otf "$fd/cff-glyph.otf"
poke "$fd/cff-glyph.otf" "$g1" '\013\013\013'
damaged cff-glyph "a CFF charstring that cannot be run" \
	"/cff-glyph.otf' is damaged: glyph 1 cannot be loaded (FreeType error" \
	$fx/missing.json --font "$fd/cff-glyph.otf"

# ---- faces per role (docs/fonts.md, "Faces per role") and synthetic bold,
# with a TrueType regular face that is always here: the bundled body font.
reg=fonts/NotoSerifSC_400Regular.ttf

# role_issue FILE PARAGRAPH: a one-section issue (the paragraph as JSON text).
role_issue() {
	printf '{"nqpdf": 1, "title": "字体角色", "organization": "单位", "date": "2026-05-14",\n "sections": [{"heading": "角色", "paragraphs": ["%s"]}]}\n' "$2" >"$1"
}
para='工业和信息化部等八部门联合印发《“人工智能+制造”专项行动方案（2026—2028年）》，提出到2028年打造100个以上行业大模型标杆应用，GPU 与 RISC-V 处理器进入量产。'
role_issue "$fd/plain.json" "$para$para"
role_issue "$fd/bold.json" "$para**$para**"

# qdf PDF: the content streams uncompressed, for grep.
qdf() {
	qpdf --qdf --object-streams=disable "$1" "$1.qdf" 2>/dev/null
	cat "$1.qdf"
}

d=$fd/synth.detail
: >"$d"
"$NQPDF" "$fd/bold.json" -o "$fd/synth.pdf" --no-system-fonts --face body=$reg 2>"$fd/synth.err" ||
	echo "exit $?" >>"$d"
[ -s "$fd/synth.err" ] && { echo "diagnostics:"; cat "$fd/synth.err"; } >>"$d"
if have pdffonts; then
	n=$(pdffonts "$fd/synth.pdf" 2>&1 | grep -c 'NotoSerifSC-Regular')
	[ "$n" -eq 2 ] || echo "$n subsets of NotoSerifSC-Regular, expected 2 (body, and bold from it)" >>"$d"
	pdffonts "$fd/synth.pdf" 2>&1 | grep -q 'NotoSerifSC-Bold' && echo "the bundled bold face was used" >>"$d"
fi
# Render mode 2 with a round-joined line of 3 % of the 10.5 pt body size,
# stroked in the text colour, inside q/Q.
if have qpdf; then
	qdf "$fd/synth.pdf" | grep -q '^q 2 Tr 1 j 0\.315 w 0 0 0 RG$' ||
		echo "no 'q 2 Tr 1 j 0.315 w 0 0 0 RG' before the bold run" >>"$d"
fi
check "fonts: --face body=REGULAR: bold is that face emboldened (render mode 2, 3 % em stroke)" "$d"

# Line breaking does not change: the bold paragraph breaks exactly where
# the same text does without the bold (same advances), which the bundled
# bold face (wider Latin and digits) would not.
d=$fd/synth-lines.detail
: >"$d"
"$NQPDF" "$fd/plain.json" --dump=lines -o "$fd/plain.lines" --no-system-fonts --face body=$reg 2>>"$d"
"$NQPDF" "$fd/bold.json" --dump=lines -o "$fd/bold.lines" --no-system-fonts --face body=$reg 2>>"$d"
"$NQPDF" "$fd/bold.json" --dump=lines -o "$fd/bundled.lines" --no-system-fonts 2>>"$d"
cmp -s "$fd/plain.lines" "$fd/bold.lines" ||
	{ echo "synthetic bold changed the lines:"; diff "$fd/plain.lines" "$fd/bold.lines" | head -n 10; } >>"$d"
cmp -s "$fd/plain.lines" "$fd/bundled.lines" &&
	echo "the bundled bold sets the same lines too: this check shows nothing (test broken)" >>"$d"
check "fonts: synthetic bold keeps the advances: the lines are those of the same text without bold" "$d"

if have pdftotext; then
	d=$fd/synth-text.detail
	: >"$d"
	"$NQPDF" "$fd/bold.json" -o "$fd/synth-b.pdf" --no-system-fonts 2>>"$d"
	pdftotext "$fd/synth-b.pdf" - | tr -d ' \n\f' >"$fd/synth-b.txt"
	pdftotext "$fd/synth.pdf" - | tr -d ' \n\f' >"$fd/synth.txt"
	cmp -s "$fd/synth-b.txt" "$fd/synth.txt" ||
		{ echo "text differs from the bundled fonts':"; cat "$fd/synth-b.txt" "$fd/synth.txt"; } >>"$d"
	grep -qF "$(echo "$para" | tr -d ' ')" "$fd/synth.txt" || echo "pdftotext lacks the paragraph" >>"$d"
	check "fonts: synthetic bold copies back exactly (pdftotext as with the bundled fonts)" "$d"
fi

# Visibly bold: the emboldened page has more ink than the same text
# without bold (pdftoppm, grey levels summed; measured: 31 % more with
# half of the text bold, and with no stroke the two are the same).
if have pdftoppm; then
	d=$fd/synth-ink.detail
	: >"$d"
	"$NQPDF" "$fd/plain.json" -o "$fd/synth-p.pdf" --no-system-fonts --face body=$reg 2>>"$d"
	ink() {
		pdftoppm -gray -r 72 -f 1 -l 1 "$1" >"$1.pgm" 2>/dev/null
		# P5 header (3 lines), then one byte a pixel; ink = 255 - grey.
		tail -n +4 "$1.pgm" | od -An -v -tu1 | awk '{ for (i = 1; i <= NF; i++) s += 255 - $i } END { print s + 0 }'
	}
	ip=$(ink "$fd/synth-p.pdf")
	ib=$(ink "$fd/synth.pdf")
	[ "$ip" -gt 0 ] && [ $((ib * 100)) -ge $((ip * 110)) ] ||
		echo "ink with bold $ib, without $ip: not 10 % more" >>"$d"
	check "fonts: synthetic bold is visibly bolder (more ink than the same text without it)" "$d"
fi

# A bold design in the bold role is not emboldened; a regular face as
# heading is (headings are bold).
if have qpdf; then
	d=$fd/synth-no.detail
	: >"$d"
	"$NQPDF" "$fd/bold.json" -o "$fd/synth-no.pdf" --no-system-fonts --face body=$reg \
		--face bold=fonts/NotoSerifSC_700Bold.ttf 2>>"$d" || echo "exit $?" >>"$d"
	qdf "$fd/synth-no.pdf" | grep -q ' Tr ' && echo "a bold face was emboldened" >>"$d"
	"$NQPDF" "$fd/plain.json" -o "$fd/synth-h.pdf" --no-system-fonts --face heading=$reg 2>>"$d" ||
		echo "exit $?" >>"$d"
	# 3 % of the heading size: some line width in a q 2 Tr block.
	qdf "$fd/synth-h.pdf" | grep -q '^q 2 Tr 1 j [0-9.]* w ' || echo "a regular heading face was not emboldened" >>"$d"
	check "fonts: a bold face in the bold role stays as it is; a regular heading face is emboldened" "$d"
fi

# options.faces does what --face does (the issue names the files, confined
# to its directory like options.fonts), and --face wins over it.
d=$fd/faces-opt.detail
: >"$d"
mkdir -p "$fd/faces"
cp $reg "$fd/faces/reg.ttf"
sed 's|^ "sections"| "options": {"faces": {"body": "reg.ttf"}},\n&|' "$fd/bold.json" >"$fd/faces/bold.json"
cp "$fd/faces/bold.json" "$fd/faces/bold2.json"
"$NQPDF" "$fd/faces/bold.json" -o "$fd/faces/opt.pdf" --no-system-fonts 2>>"$d" || echo "exit $?" >>"$d"
"$NQPDF" "$fd/faces/bold.json" -o "$fd/faces/cli.pdf" --no-system-fonts --face body="$fd/faces/reg.ttf" 2>>"$d"
cmp -s "$fd/faces/opt.pdf" "$fd/faces/cli.pdf" || echo "options.faces and --face give different PDFs" >>"$d"
"$NQPDF" "$fd/bold.json" -o "$fd/faces/plain.pdf" --no-system-fonts 2>>"$d"
cmp -s "$fd/faces/opt.pdf" "$fd/faces/plain.pdf" && echo "options.faces changed nothing" >>"$d"
"$NQPDF" "$fd/faces/bold.json" -o "$fd/faces/over.pdf" --no-system-fonts --face body=fonts/NotoSerifSC_400Regular.ttf \
	--face bold=fonts/NotoSerifSC_700Bold.ttf 2>>"$d"
have pdffonts && { pdffonts "$fd/faces/over.pdf" 2>&1 | grep -q NotoSerifSC-Bold || echo "--face bold= did not win over the issue" >>"$d"; }
sed 's|"reg.ttf"|"../reg.ttf"|' "$fd/faces/bold.json" >"$fd/faces/out.json"
"$NQPDF" "$fd/faces/out.json" -o "$fd/faces/out.pdf" 2>"$fd/faces/out.err"
rc=$?
[ $rc -eq 1 ] || echo "options.faces leaving the directory: exit $rc, expected 1" >>"$d"
grep -q "error: /options/faces/body: font '../reg.ttf' is outside the issue's directory" "$fd/faces/out.err" ||
	{ echo "no error at /options/faces/body:"; cat "$fd/faces/out.err"; } >>"$d"
check "fonts: options.faces names role faces like --face, confined to the issue's directory; --face wins" "$d"

d=$fd/face-usage.detail
: >"$d"
for a in "bdy=$reg" "$reg" "body="; do
	"$NQPDF" examples/minimal.json -o "$fd/usage.pdf" --face "$a" 2>"$fd/usage.err"
	rc=$?
	[ $rc -eq 2 ] || echo "--face '$a': exit $rc, expected 2" >>"$d"
	grep -q "face" "$fd/usage.err" || { echo "--face '$a':"; cat "$fd/usage.err"; } >>"$d"
done
check "fonts: --face with no role, an unknown role or no file is a usage error (exit 2)" "$d"

# ---- Debian's Noto CJK (fonts-noto-cjk, in make deps): OpenType-CFF
# collections, face #2 being SC.  Every example with the three roles in
# Noto CJK: CID Type 0C fonts, embedded, subset, with ToUnicode; the same
# text as with the bundled fonts; deterministic.
noto=/usr/share/fonts/opentype/noto
if [ -f $noto/NotoSerifCJK-Regular.ttc ] && [ -f $noto/NotoSerifCJK-Bold.ttc ] &&
	[ -f $noto/NotoSansCJK-Bold.ttc ] && have pdffonts && have pdftotext; then
	cjk="--face body=$noto/NotoSerifCJK-Regular.ttc#2 --face bold=$noto/NotoSerifCJK-Bold.ttc#2 --face heading=$noto/NotoSansCJK-Bold.ttc#2"
	for e in examples/*.json; do
		n=$(basename "$e" .json)
		d=$fd/cjk-$n.detail
		: >"$d"
		# shellcheck disable=SC2086 # $cjk is three options
		timeout 30 "$NQPDF" "$e" -o "$fd/cjk-$n.pdf" --no-system-fonts $cjk 2>"$fd/cjk-$n.err"
		rc=$?
		[ $rc -eq 0 ] || { echo "exit $rc:"; cat "$fd/cjk-$n.err"; } >>"$d"
		"$NQPDF" "$e" -o "$fd/cjk-$n-b.pdf" --no-system-fonts 2>/dev/null
		pdffonts "$fd/cjk-$n.pdf" >"$fd/cjk-$n.fonts" 2>&1
		for f in NotoSerifCJKsc-Regular NotoSerifCJKsc-Bold NotoSansCJKsc-Bold; do
			grep "+$f " "$fd/cjk-$n.fonts" | grep -q 'CID Type 0C' || echo "no CID Type 0C font $f" >>"$d"
			pdffonts_has "$fd/cjk-$n.pdf" "$f" "$d"
		done
		grep -Eq '\+Noto(Serif|Sans)SC-' "$fd/cjk-$n.fonts" && echo "a bundled font was used:" >>"$d" &&
			cat "$fd/cjk-$n.fonts" >>"$d"
		# The same characters as with the bundled fonts (sorted: a page
		# break may move a running head between two lines).
		for k in cjk-$n cjk-$n-b; do
			pdftotext "$fd/$k.pdf" - | tr -d ' \n\f' | sed 's/./&\n/g' | sort >"$fd/$k.chars"
		done
		cmp -s "$fd/cjk-$n.chars" "$fd/cjk-$n-b.chars" ||
			{ echo "pdftotext differs from the bundled fonts' (< bundled, > Noto CJK):"; diff "$fd/cjk-$n-b.chars" "$fd/cjk-$n.chars" | head -n 10; } >>"$d"
		check "fonts: Noto CJK: $e in CID Type 0C fonts, embedded, subset, ToUnicode, the bundled fonts' text" "$d"
	done

	d=$fd/cjk-det.detail
	: >"$d"
	# shellcheck disable=SC2086
	"$NQPDF" examples/daily-2026-05-14.json -o "$fd/cjk-det.pdf" --no-system-fonts $cjk 2>>"$d"
	cmp -s "$fd/cjk-det.pdf" "$fd/cjk-daily-2026-05-14.pdf" || echo "two runs differ" >>"$d"
	qpdf --check "$fd/cjk-det.pdf" >"$fd/cjk-det.qpdf" 2>&1 || cat "$fd/cjk-det.qpdf" >>"$d"
	check "fonts: Noto CJK: the same input twice gives identical PDFs, and qpdf --check passes" "$d"

	# One Noto CJK glyph for 一 U+4E00 and ⼀ U+2F00: a CFF font has no
	# CIDToGIDMap, so ⼀ gets a code of its own that the embedded CMap
	# sends to 一's CID; each copies as itself.
	d=$fd/cjk-shared.detail
	: >"$d"
	"$NQPDF" $fx/missing.json -o "$fd/cjk-shared.pdf" --no-system-fonts --face body="$noto/NotoSerifCJK-Regular.ttc#2" \
		2>"$fd/cjk-shared.err"
	pdftotext "$fd/cjk-shared.pdf" - | tr -d ' \n' >"$fd/cjk-shared.txt"
	for s in 部首⼀与汉字一共用 缺字测试; do
		grep -qF "$s" "$fd/cjk-shared.txt" || echo "pdftotext lacks: $s" >>"$d"
	done
	check "fonts: Noto CJK: one glyph for two characters (一 ⼀) copies as each (embedded CMap)" "$d"

	d=$fd/cjk-index.detail
	: >"$d"
	"$NQPDF" examples/minimal.json -o "$fd/cjk-index.pdf" --face "body=$noto/NotoSerifCJK-Regular.ttc#9" 2>"$fd/cjk-index.err"
	rc=$?
	[ $rc -eq 3 ] || echo "exit $rc, expected 3" >>"$d"
	grep -qF "NotoSerifCJK-Regular.ttc#9' has 5 faces; #9 is not one of them (#0 to #4)" "$fd/cjk-index.err" ||
		{ echo "no message about the face index:"; cat "$fd/cjk-index.err"; } >>"$d"
	check "fonts: Noto CJK: a face index past the collection is exit 3 saying how many faces it has" "$d"
else
	skip "fonts: Noto CJK faces (fonts-noto-cjk is not installed: make deps installs it)"
fi

# Every embedded TrueType subset holds at least 4 glyphs: MuPDF's text
# extraction (PyMuPDF's trace device) asks for glyph 3 of each font, and a
# bold face used for two characters (a title of 测试) made a 3-glyph
# subset that FreeType called invalid there (real-text trial 5).
d=$fd/min-glyphs.detail
: >"$d"
mkdir -p "$fd/min-glyphs"
cat >"$fd/min-glyphs.json" <<'J'
{"nqpdf": 1, "title": "测试", "organization": "测试", "date": "2026-05-14",
 "sections": [{"heading": "一", "paragraphs": ["一。"]}]}
J
"$NQPDF" "$fd/min-glyphs.json" -o "$fd/min-glyphs.pdf" --no-system-fonts 2>>"$d"
rm -f "$fd/min-glyphs/"*
(cd "$fd/min-glyphs" && mutool extract "../min-glyphs.pdf" >/dev/null 2>&1)
n=0
for f in "$fd/min-glyphs/"*.ttf; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	m=$(table_off "$f" maxp)
	g=$(od -An -tu2 --endian=big -j$((m + 4)) -N2 "$f" | tr -d ' ')
	[ "$g" -ge 4 ] || echo "$(basename "$f"): maxp counts $g glyphs" >>"$d"
done
[ "$n" -ge 3 ] || echo "mutool extracted $n TrueType fonts, expected 3" >>"$d"
check "fonts: every subset holds at least 4 glyphs (MuPDF reads glyph 3 of each)" "$d"
