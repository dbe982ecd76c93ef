# tests/cli.sh - sourced by tests/run.sh: the command line (docs/nqpdf.1,
# docs/cli.md).  In order: the message catalogue (tests/cli/msgcheck.c on
# the texts tests/cli/strings.pl finds in src/), the form of messages
# (excerpt and caret checked by tests/cli/caret.pl), language, colour,
# usage errors, every option (documented, and doing what it says), --schema,
# init, batch, the man page, and make install / uninstall.
#
# Needs perl (base of Debian) for the catalogue and caret checks; pdfinfo
# and pdftotext for the option checks on PDFs; script(1) for colour on a
# terminal; groff for the man page.  A missing tool skips its part.

cx=$OUT/cli
mkdir -p "$cx"
# The binary by an absolute path, for runs from other directories.
cx_bin=$(cd "$(dirname "$NQPDF")" && pwd)/$(basename "$NQPDF")

# cx_run NAME ARGS...: run nqpdf, stdout and stderr to $cx/NAME.out/.err,
# exit code to $cx_rc.
cx_run() {
	cx_name=$1
	shift
	"$NQPDF" "$@" >"$cx/$cx_name.out" 2>"$cx/$cx_name.err"
	cx_rc=$?
}

# cx_env NAME "VAR=value ..." ARGS...: the same in a changed environment.
cx_env() {
	cx_name=$1
	cx_vars=$2
	shift 2
	# shellcheck disable=SC2086
	env $cx_vars "$NQPDF" "$@" >"$cx/$cx_name.out" 2>"$cx/$cx_name.err"
	cx_rc=$?
}

# expect_rc DETAIL WANT: note a wrong exit code (with stderr) in DETAIL.
expect_rc() {
	[ "$cx_rc" = "$2" ] || { echo "exit $cx_rc, expected $2; stderr:"; cat "$cx/$cx_name.err"; } >>"$1"
}

# An issue with the given options object (the minimal example plus it).
cx_issue() {
	sed 's/^{/{"options": '"$1"',/' examples/minimal.json >"$2"
}

pages_of() {
	pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'
}

# ------------------------------------------------------ message catalogue
if have perl; then
	d=$cx/msgcheck.detail
	: >"$d"
	if ${CC:-cc} -std=c11 -Wall -Wextra -Werror -Iinclude -Isrc -o "$cx/msgcheck" tests/cli/msgcheck.c \
		src/util/msg.c src/util/width.c src/util/arena.c src/util/buf.c src/util/utf8.c 2>"$d"; then
		perl tests/cli/strings.pl $(find src -name '*.c' | sort) >"$cx/strings.txt" 2>>"$d"
		"$cx/msgcheck" <"$cx/strings.txt" >"$cx/msgcheck.out" 2>&1
		mrc=$?
		line=$(grep '^msgcheck: [0-9]* passed, [0-9]* failed$' "$cx/msgcheck.out")
		if [ -n "$line" ]; then
			mp=$(echo "$line" | sed 's/^msgcheck: \([0-9]*\) passed.*/\1/')
			mf=$(echo "$line" | sed 's/.*passed, \([0-9]*\) failed$/\1/')
			npass=$((npass + mp))
			nfail=$((nfail + mf))
			grep -e '^ok - ' -e '^FAIL - ' "$cx/msgcheck.out" |
				sed -e 's/^ok - /ok - msgcheck: /' -e 's/^FAIL - /FAIL - msgcheck: /'
			[ "$mrc" -eq 0 ] || [ "$mf" -gt 0 ] || fail "msgcheck exited $mrc" "$cx/msgcheck.out"
		else
			cat "$cx/msgcheck.out" >>"$d"
			fail "msgcheck: no summary line" "$d"
		fi
	else
		fail "msgcheck: does not compile" "$d"
	fi
else
	skip "cli: message catalogue checks (perl missing)"
fi

# ----------------------------------------------------------- message form
# A tab, then Han characters before the error: the caret under "5".
printf '{\n  "nqpdf": 1,\n\t"organization": ["江州市", 5],\n  "title": "标题",\n  "date": "2026-05-14",\n  "sections": [{"heading": "政策", "paragraphs": ["正文。"]}]\n}\n' >"$cx/wide.json"
cat >"$cx/wide.en" <<EOF
$cx/wide.json:3:26: error: /organization/1: expected a string, found a number
    3 |         "organization": ["江州市", 5],
      |                                    ^
EOF
cat >"$cx/wide.zh" <<EOF
$cx/wide.json:3:26: 错误: /organization/1: 应为字符串，实际是数字
    3 |         "organization": ["江州市", 5],
      |                                    ^
EOF
cx_run wide-en --check "$cx/wide.json"
d=$cx/wide.detail
: >"$d"
expect_rc "$d" 1
diff -u "$cx/wide.en" "$cx/wide-en.err" >>"$d" 2>&1
check "cli: message with excerpt, tab and Han characters before the caret" "$d"

cx_env wide-zh "LC_ALL=zh_CN.UTF-8" --check "$cx/wide.json"
d=$cx/wide-zh.detail
: >"$d"
expect_rc "$d" 1
diff -u "$cx/wide.zh" "$cx/wide-zh.err" >>"$d" 2>&1
check "cli: the same message in Chinese (LC_ALL=zh_CN.UTF-8)" "$d"

# Long lines: a window around the caret, cut with "...", at either end,
# both ends, or not at all; and every excerpt of the bad-input catalogue.
han=$(printf '测%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40)
han=$han$han$han
long() {
	printf '{\n  "nqpdf": 1, "title": "标题", "organization": "单位", "date": "2026-05-14",\n  "sections": [{"heading": "政策",\n    "paragraphs": ["%s[7]%s"]}]\n}\n' "$1" "$2" >"$cx/$3.json"
}
long "$han" "" long-end
long "$han" "$han" long-middle
long "a" "$han" long-start
if have perl; then
	d=$cx/caret.detail
	: >"$d"
	for f in "$cx"/long-*.json "$cx/wide.json" tests/diag/*.json; do
		"$NQPDF" --check "$f" 2>&1
	done >"$cx/caret.err"
	grep -c '^ *[0-9]* | ' "$cx/caret.err" | grep -q '^[1-9][0-9]' || echo "too few excerpts: $(cat "$cx/caret.err")" >>"$d"
	for w in start middle end; do
		grep -A1 "long-$w.json:4:" "$cx/caret.err" | tail -n 1 >"$cx/caret.$w"
		case $w in
		start) grep -q '^    4 |     "paragraphs": \["a\[7\]测.*\.\.\.$' "$cx/caret.$w" ;;
		middle) grep -q '^    4 | \.\.\..*测\[7\]测.*\.\.\.$' "$cx/caret.$w" ;;
		end) grep -q '^    4 | \.\.\..*测\[7\]"\]}\]$' "$cx/caret.$w" ;;
		esac || echo "long line cut at the $w: $(cat "$cx/caret.$w")" >>"$d"
	done
	perl tests/cli/caret.pl 80 <"$cx/caret.err" >>"$d" 2>&1
	check "cli: carets line up under the place in every excerpt (tests/diag, long lines)" "$d"
fi

# ------------------------------------------------------- language, usage
d=$cx/lang.detail
: >"$d"
cx_env zh-usage "LC_ALL=zh_CN.UTF-8" "$cx/wide.json" --frobnicate
expect_rc "$d" 2
printf "nqpdf: 未知的选项 '--frobnicate'\n运行 'nqpdf --help' 查看用法。\n" | diff -u - "$cx/zh-usage.err" >>"$d"
cx_env zh-help "LANG=zh_CN.UTF-8 LC_ALL=" --help
grep -q '^用法：nqpdf' "$cx/zh-help.out" || echo "LANG=zh_CN.UTF-8 --help is not Chinese" >>"$d"
cx_env c-help "LANG=zh_CN.UTF-8 LC_ALL=C" --help
grep -q '^usage: nqpdf' "$cx/c-help.out" || echo "LC_ALL=C does not win over LANG=zh_CN" >>"$d"
cx_env tw "LC_ALL= LC_MESSAGES=zh_TW.UTF-8 LANG=en_US.UTF-8" --check "$cx/wide.json"
grep -q ': 错误: ' "$cx/tw.err" || echo "LC_MESSAGES=zh_TW.UTF-8 is not Chinese" >>"$d"
cx_env zh-io "LC_ALL=zh_CN.UTF-8" tests/diag/no-such-file.json -o "$cx/x.pdf"
expect_rc "$d" 3
grep -qx "nqpdf: 错误: 无法打开 'tests/diag/no-such-file.json'：没有那个文件或目录" "$cx/zh-io.err" ||
	{ echo "Chinese file error:"; cat "$cx/zh-io.err"; } >>"$d"
check "cli: language from LC_ALL, LC_MESSAGES, LANG; usage errors and --help translated" "$d"

# Usage errors name what is wrong; exit 2, nothing written.
d=$cx/usage.detail
: >"$d"
for u in "--paper=A3|unknown paper size 'A3' (A4, B5 or Letter)" \
	"--prohibition=loose|unknown prohibition level 'loose' (basic, gb or strict)" \
	"--color=sometimes|unknown colour setting 'sometimes' (auto, always or never)" \
	"--draft=|--draft= needs a text (or use --no-draft)" \
	"-j 0|-j needs a number of jobs from 1 to 256, not '0'" \
	"--check=yes|option '--check' takes no value" \
	"--no|ambiguous option '--no'" \
	"--font|option '--font' needs a value" \
	"--report --check|--report cannot be used with --check"; do
	args=${u%%|*}
	want=${u#*|}
	# shellcheck disable=SC2086
	"$NQPDF" "$cx/wide.json" $args >"$cx/usage.out" 2>"$cx/usage.err"
	rc=$?
	[ $rc -eq 2 ] || echo "$args: exit $rc, expected 2" >>"$d"
	printf "nqpdf: %s\nTry 'nqpdf --help'.\n" "$want" | diff -u - "$cx/usage.err" >>"$d"
done
"$NQPDF" a.json b.json >/dev/null 2>"$cx/usage.err"
grep -q '^nqpdf: several inputs need -d OUTDIR (or --check)$' "$cx/usage.err" || cat "$cx/usage.err" >>"$d"
"$NQPDF" a.json -o x.pdf -d "$cx/none" >/dev/null 2>"$cx/usage.err"
grep -q '^nqpdf: -o cannot be used with -d$' "$cx/usage.err" || cat "$cx/usage.err" >>"$d"
[ -e "$cx/none" ] && echo "a usage error created $cx/none" >>"$d"
check "cli: usage errors name the problem, exit 2" "$d"

# ------------------------------------------------------------------ colour
d=$cx/color.detail
: >"$d"
esc=$(printf '\033')
cx_run col-always --check "$cx/wide.json" --color=always
grep -q "${esc}\[1;31merror:${esc}\[0m" "$cx/col-always.err" || echo "--color=always: no red error" >>"$d"
grep -q "${esc}\[1;32m^${esc}\[0m" "$cx/col-always.err" || echo "--color=always: no green caret" >>"$d"
cx_env col-nocolor "NO_COLOR=1" --check "$cx/wide.json" --color=always
grep -q "$esc" "$cx/col-nocolor.err" || echo "--color=always should win over NO_COLOR" >>"$d"
cx_run col-auto --check "$cx/wide.json"
grep -q "$esc" "$cx/col-auto.err" && echo "colour on a file without --color" >>"$d"
cx_run col-never --check "$cx/wide.json" --color=never
grep -q "$esc" "$cx/col-never.err" && echo "colour with --color=never" >>"$d"
if have script; then
	# On a terminal (script(1) gives one): colour unless NO_COLOR,
	# TERM=dumb or --color=never.
	tty_run() {
		script -qec "$*" /dev/null 2>&1 </dev/null
	}
	tty_run "env -u NO_COLOR TERM=xterm '$NQPDF' --check '$cx/wide.json'" >"$cx/tty.out"
	grep -q "$esc\[1;31m" "$cx/tty.out" || echo "no colour on a terminal" >>"$d"
	tty_run "NO_COLOR=1 TERM=xterm '$NQPDF' --check '$cx/wide.json'" >"$cx/tty-nc.out"
	grep -q "$esc\[" "$cx/tty-nc.out" && echo "colour on a terminal with NO_COLOR=1" >>"$d"
	tty_run "TERM=dumb '$NQPDF' --check '$cx/wide.json'" >"$cx/tty-dumb.out"
	grep -q "$esc\[" "$cx/tty-dumb.out" && echo "colour on a terminal with TERM=dumb" >>"$d"
	tty_run "env -u NO_COLOR TERM=xterm '$NQPDF' --check --color=never '$cx/wide.json'" >"$cx/tty-never.out"
	grep -q "$esc\[" "$cx/tty-never.out" && echo "colour on a terminal with --color=never" >>"$d"
	grep -q 'expected a string' "$cx/tty-never.out" || echo "script(1) ran nothing: $(cat "$cx/tty-never.out")" >>"$d"
else
	skip "cli: colour on a terminal (script missing)"
fi
check "cli: colour only on a terminal, never with NO_COLOR, --color=WHEN" "$d"

# ----------------------------------------------------- options documented
d=$cx/docs.detail
: >"$d"
"$NQPDF" --help >"$cx/help.en"
LC_ALL=zh_CN.UTF-8 "$NQPDF" --help >"$cx/help.zh"
for o in -o --output -d --output-dir -j --jobs --check --dump= --report --paper= --draft --no-draft \
	--contents --no-contents --prohibition= --font-dir --face --font --allow-outside --no-system-fonts \
	--pdf-standard= \
	--color --schema --help --version; do
	grep -q -e "$o\\b" -e "$o=" "$cx/help.en" || echo "--help lacks $o" >>"$d"
	grep -q -e "$o\\b" -e "$o=" "$cx/help.zh" || echo "the Chinese --help lacks $o" >>"$d"
	m=$(echo "$o" | sed 's/-/\\\\-/g')
	grep -q -e "$m" docs/nqpdf.1 || echo "docs/nqpdf.1 lacks $o" >>"$d"
done
[ "$(wc -l <"$cx/help.en")" -le 40 ] || echo "--help is longer than 40 lines" >>"$d"
"$NQPDF" --version >"$cx/version" 2>&1
grep -qx 'nqpdf [0-9][0-9.]* (input format [0-9]*)' "$cx/version" || echo "--version: $(cat "$cx/version")" >>"$d"
check "cli: every option in --help (both languages) and the man page; --version" "$d"

# ------------------------------------------------------- options at work
if have pdfinfo && have pdftotext; then
	# --paper overrides the issue (Letter here although it says B5).
	d=$cx/paper.detail
	: >"$d"
	cx_issue '{"paper": "B5"}' "$cx/b5.json"
	for p in "Letter|612 x 792" "letter|612 x 792" "B5|498.9 x 708.66" "A4|595.28 x 841.89"; do
		cx_run paper "$cx/b5.json" --paper="${p%%|*}" -o "$cx/paper.pdf"
		expect_rc "$d" 0
		pdfinfo "$cx/paper.pdf" 2>&1 | grep -q "^Page size: *${p#*|} pts" ||
			echo "--paper=${p%%|*}: $(pdfinfo "$cx/paper.pdf" 2>&1 | grep 'Page size')" >>"$d"
	done
	check "cli: --paper=A4|B5|Letter sets the page size over the issue's" "$d"

	# --draft, --draft=TEXT, --no-draft over the issue's "draft": true.
	d=$cx/draft.detail
	: >"$d"
	cx_issue '{"draft": true}' "$cx/draft.json"
	"$NQPDF" examples/minimal.json --draft -o "$cx/draft1.pdf" 2>>"$d"
	pdftotext "$cx/draft1.pdf" - | grep -q '草稿' || echo "--draft: no 草稿" >>"$d"
	"$NQPDF" examples/minimal.json --draft=送审稿 -o "$cx/draft2.pdf" 2>>"$d"
	pdftotext "$cx/draft2.pdf" - | grep -q '送审稿' || echo "--draft=送审稿: not on the page" >>"$d"
	"$NQPDF" "$cx/draft.json" --no-draft -o "$cx/draft3.pdf" 2>>"$d"
	pdftotext "$cx/draft3.pdf" - | grep -q '草稿' && echo "--no-draft: still a 草稿 mark" >>"$d"
	"$NQPDF" "$cx/draft.json" -o "$cx/draft4.pdf" 2>>"$d"
	pdftotext "$cx/draft4.pdf" - | grep -q '草稿' || echo "the issue's draft: true is lost (test broken)" >>"$d"
	check "cli: --draft, --draft=TEXT, --no-draft" "$d"

	# --contents / --no-contents over the issue.
	d=$cx/contents.detail
	: >"$d"
	cx_issue '{"contents": false}' "$cx/nocontents.json"
	"$NQPDF" "$cx/nocontents.json" --contents -o "$cx/c1.pdf" 2>>"$d"
	pdftotext -f 1 -l 1 "$cx/c1.pdf" - | grep -q '^目录$' || echo "--contents: no 目录" >>"$d"
	"$NQPDF" examples/minimal.json --no-contents -o "$cx/c2.pdf" 2>>"$d"
	pdftotext -f 1 -l 1 "$cx/c2.pdf" - | grep -q '^目录$' && echo "--no-contents: still a 目录" >>"$d"
	"$NQPDF" examples/minimal.json -o "$cx/c3.pdf" 2>>"$d"
	pdftotext -f 1 -l 1 "$cx/c3.pdf" - | grep -q '^目录$' || echo "the default has no 目录 (test broken)" >>"$d"
	check "cli: --contents, --no-contents" "$d"

	# --report: the self-check, its page count the PDF's.
	d=$cx/report.detail
	: >"$d"
	cx_run report examples/daily-2026-05-14.json --report -o "$cx/report.pdf"
	expect_rc "$d" 0
	grep -q '^nqpdf: typographic report for examples/daily-2026-05-14.json$' "$cx/report.err" ||
		echo "no report heading" >>"$d"
	n=$(sed -n 's/^  pages  *\([0-9]*\)$/\1/p' "$cx/report.err")
	[ -n "$n" ] && [ "$n" = "$(pages_of "$cx/report.pdf")" ] ||
		echo "report says $n pages, the PDF has $(pages_of "$cx/report.pdf")" >>"$d"
	for row in paragraphs lines 'overfull lines' 'characters set in a fallback font' \
		'characters no font has' 'contents layout passes' 'largest added ideograph gap'; do
		grep -q "^  $row  *[0-9.]*\( em\)*$" "$cx/report.err" || echo "no '$row' row" >>"$d"
	done
	cx_env report-zh "LC_ALL=zh_CN.UTF-8" examples/minimal.json --report -o "$cx/report.pdf"
	grep -q '^  页数  *1$' "$cx/report-zh.err" || { echo "Chinese report:"; cat "$cx/report-zh.err"; } >>"$d"
	check "cli: --report prints the self-check (pages as pdfinfo counts them), in Chinese too" "$d"
else
	skip "cli: --paper, --draft, --contents, --report on PDFs (pdfinfo or pdftotext missing)"
fi

# --report is honest: a line that must be letter-spaced (37 ideographs
# and a 2 em indent, then a Latin word too long to join them) is counted
# and named with its place, and the verdict is not "all good".
# The batch progress line (a terminal only) escapes the file name: a name
# holding ESC [31m must not colour the operator's terminal.
d=$cx/progress-escape.detail
: >"$d"
if have script; then
	esc=$(printf '\033')
	mkdir -p "$cx/pe" "$cx/pe-out"
	cp examples/minimal.json "$cx/pe/${esc}[31mred.json"
	script -qec "\"$NQPDF\" \"$cx/pe/${esc}[31mred.json\" examples/minimal.json -d \"$cx/pe-out\"" /dev/null \
		>"$cx/pe.tty" 2>&1 </dev/null
	grep -q '\[1/2\]\|\[2/2\]' "$cx/pe.tty" || echo "no progress line on a terminal" >>"$d"
	grep -q "${esc}\[31m" "$cx/pe.tty" && echo "a raw ESC [31m from the file name reached the terminal" >>"$d"
	grep -q 'u001b\[31mred' "$cx/pe.tty" || echo "the name is not shown escaped" >>"$d"
	check "cli: the batch progress line escapes control characters in file names" "$d"
else
	skip "cli: progress escaping (script missing)"
fi

d=$cx/report-loose.detail
: >"$d"
printf '{"nqpdf": 1, "title": "测试", "organization": "测试单位", "date": "2026-05-14",\n "sections": [{"heading": "测试", "paragraphs": ["%s"]}]}\n' \
	"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七Supercalifragilistic实验" >"$cx/loose.json"
cx_run report-loose "$cx/loose.json" --report -o "$cx/loose.pdf"
expect_rc "$d" 0
grep -q "^$cx/loose.json:2:[0-9]*: note: /sections/0/paragraphs/0: line 1: no better break" "$cx/report-loose.err" ||
	echo "no located note for the loose line" >>"$d"
grep -q '^  loose lines (ideograph gaps over 0.05 em)  *1$' "$cx/report-loose.err" || echo "loose lines not counted" >>"$d"
grep -q 'all good' "$cx/report-loose.err" && echo "says all good" >>"$d"
[ -s "$d" ] && cat "$cx/report-loose.err" >>"$d"
check "cli: --report counts and locates a letter-spaced line, and does not say all good" "$d"

# A bracket squeezed alone (beside an ideograph) counts like a comma: 38
# ideographs and （北） need the （ at half width; the report once counted
# only ，、；。？！： and said 0 (a real-text trial; pdfcheck saw it).
d=$cx/report-bracket.detail
: >"$d"
printf '{"nqpdf": 1, "title": "测试", "organization": "测试单位", "date": "2026-05-14",\n "sections": [{"heading": "测试", "paragraphs": ["%s"]}]}\n' \
	"春夏秋冬东南西北春夏秋冬东南西北春夏秋冬东南西北春夏秋冬东南西北春夏秋冬东南（北）春夏秋冬东南西北" >"$cx/bracket.json"
cx_run report-bracket "$cx/bracket.json" --report -o "$cx/bracket.pdf"
expect_rc "$d" 0
grep -q '^  marks squeezed alone (over 0.2 em)  *1$' "$cx/report-bracket.err" || echo "the squeezed （ is not counted" >>"$d"
[ -s "$d" ] && cat "$cx/report-bracket.err" >>"$d"
check "cli: --report counts a bracket squeezed alone" "$d"
cx_run noreport-loose "$cx/loose.json" -o "$cx/loose.pdf"
[ -s "$cx/noreport-loose.err" ] && { echo "notes without --report:"; cat "$cx/noreport-loose.err"; } >"$d" || : >"$d"
check "cli: without --report, a loose line prints nothing" "$d"

# agrees D OPTION KEY VALUE: --OPTION=VALUE sets the same lines as the
# issue's own "options": {"KEY": "VALUE"}; the lines go to $cx/KEY-cli.VALUE.
agrees() {
	sed 's/^{/{"options": {"'$3'": "'$4'"},/' examples/daily-2026-05-14.json >"$cx/$3-$4.json"
	"$NQPDF" "$cx/$3-$4.json" --dump=lines >"$cx/$3-issue.$4" 2>>"$1"
	"$NQPDF" examples/daily-2026-05-14.json --$2=$4 --dump=lines >"$cx/$3-cli.$4" 2>>"$1"
	[ -s "$cx/$3-cli.$4" ] && cmp -s "$cx/$3-issue.$4" "$cx/$3-cli.$4" ||
		echo "--$2=$4 differs from \"$3\": \"$4\"" >>"$1"
}

# --punctuation: the issue's own "punctuation"; the styles set different lines.
d=$cx/punctuation.detail
: >"$d"
for ps in quanjiao kaiming banjiao fixed; do
	agrees "$d" punctuation punctuation $ps
done
cmp -s "$cx/punctuation-cli.quanjiao" "$cx/punctuation-cli.kaiming" &&
	echo "kaiming sets the same lines as quanjiao" >>"$d"
"$NQPDF" examples/minimal.json --punctuation=round -o "$cx/pu.pdf" 2>/dev/null
[ $? -eq 2 ] || echo "--punctuation=round is not a usage error" >>"$d"
check "cli: --punctuation and \"punctuation\" agree; styles differ; a bad style is exit 2" "$d"

# --prohibition: the same lines as the issue's own "prohibition".
d=$cx/prohibition.detail
: >"$d"
for lv in basic gb strict; do
	agrees "$d" prohibition prohibition $lv
done
check "cli: --prohibition=basic|gb|strict acts as the issue's option" "$d"

# Fonts: --font-dir, --font, --no-system-fonts, --allow-outside.
d=$cx/fonts.detail
: >"$d"
cx_run fontdir examples/minimal.json --font-dir "$cx/no-fonts-here" -o "$cx/fd.pdf"
expect_rc "$d" 3
grep -q "no-fonts-here/NotoSerifSC_400Regular.ttf' not found" "$cx/fontdir.err" || cat "$cx/fontdir.err" >>"$d"
[ -e "$cx/fd.pdf" ] && echo "a PDF without fonts" >>"$d"
cx_run nosys tests/fonts/missing.json --no-system-fonts --report -o "$cx/nosys.pdf"
expect_rc "$d" 0
grep -q 'warning: .*no font has U+20BB7' "$cx/nosys.err" || echo "--no-system-fonts: no missing-character warning" >>"$d"
grep -q '^  characters no font has  *2$' "$cx/nosys.err" || echo "--no-system-fonts: missing count" >>"$d"
cx_run withfont tests/fonts/missing.json --no-system-fonts --font tests/fonts/astral.ttf --report -o "$cx/wf.pdf"
expect_rc "$d" 0
grep -q 'warning: .*no font has U+' "$cx/withfont.err" && echo "--font astral.ttf: still missing characters" >>"$d"
grep -q '^  characters set in a fallback font  *2$' "$cx/withfont.err" || echo "--font: fallback count" >>"$d"
mkdir -p "$cx/issue" "$cx/shared"
cp tests/fonts/astral.ttf "$cx/shared/"
sed 's|"astral.ttf"|"../shared/astral.ttf"|' tests/fonts/astral.json >"$cx/issue/outside.json"
cx_run outside "$cx/issue/outside.json" -o "$cx/out1.pdf"
[ "$cx_rc" = 0 ] && echo "a font outside the issue's directory was used without --allow-outside" >>"$d"
grep -q "font '../shared/astral.ttf' is outside the issue's directory" "$cx/outside.err" || cat "$cx/outside.err" >>"$d"
cx_run outside-ok "$cx/issue/outside.json" --allow-outside -o "$cx/out2.pdf"
expect_rc "$d" 0
check "cli: --font-dir, --font, --no-system-fonts, --allow-outside" "$d"

# --check writes nothing; --dump goes to stdout or -o.
d=$cx/check.detail
: >"$d"
cx_run chk examples/minimal.json --check
expect_rc "$d" 0
[ -s "$cx/chk.out" ] || [ -s "$cx/chk.err" ] && echo "--check printed something" >>"$d"
"$NQPDF" examples/minimal.json --dump=model >"$cx/dump.stdout" 2>>"$d"
"$NQPDF" examples/minimal.json --dump=model -o "$cx/dump.file" 2>>"$d"
[ -s "$cx/dump.stdout" ] && cmp -s "$cx/dump.stdout" "$cx/dump.file" || echo "--dump: stdout and -o differ" >>"$d"
check "cli: --check writes nothing; --dump to stdout or -o" "$d"

# ----------------------------------------------------------------- schema
d=$cx/schema.detail
: >"$d"
cx_run schema --schema
expect_rc "$d" 0
cmp "$cx/schema.out" docs/nqpdf.schema.json >>"$d" 2>&1
if have jq; then
	jq -e . "$cx/schema.out" >/dev/null 2>>"$d" || echo "--schema output is not JSON" >>"$d"
elif have python3; then
	python3 -m json.tool "$cx/schema.out" >/dev/null 2>>"$d" || echo "--schema output is not JSON" >>"$d"
else
	skip "cli: --schema JSON parse (jq and python3 missing)"
fi
check "cli: --schema prints docs/nqpdf.schema.json byte for byte, valid JSON" "$d"

# ------------------------------------------------------------------- init
d=$cx/init.detail
: >"$d"
rm -rf "$cx/init"
mkdir -p "$cx/init"
# 2026-05-14 12:00 UTC
cx_env init "SOURCE_DATE_EPOCH=1778760000" init "$cx/init/new.json"
expect_rc "$d" 0
grep -q '"date": "2026-05-14"' "$cx/init/new.json" || echo "init: not the SOURCE_DATE_EPOCH date" >>"$d"
grep -q '"\$comment' "$cx/init/new.json" || echo "init: no \$comment explanations" >>"$d"
cx_run init-check --check "$cx/init/new.json"
expect_rc "$d" 0
[ -s "$cx/init-check.err" ] && { echo "init's file has diagnostics:"; cat "$cx/init-check.err"; } >>"$d"
cx_run init-render "$cx/init/new.json" -o "$cx/init/new.pdf"
expect_rc "$d" 0
[ -s "$cx/init-render.err" ] && { echo "init's file renders with diagnostics:"; cat "$cx/init-render.err"; } >>"$d"
head -c 5 "$cx/init/new.pdf" 2>/dev/null | grep -q '^%PDF-' || echo "init's file gave no PDF" >>"$d"
# Not over an existing file, unless --force; "-" is stdout.
cp "$cx/init/new.json" "$cx/init/orig"
printf 'mine\n' >"$cx/init/new.json"
cx_env init-again "SOURCE_DATE_EPOCH=1778760000" init "$cx/init/new.json"
expect_rc "$d" 2
grep -q "^nqpdf: '$cx/init/new.json' already exists; add --force to replace it$" "$cx/init-again.err" ||
	cat "$cx/init-again.err" >>"$d"
[ "$(cat "$cx/init/new.json")" = mine ] || echo "init replaced an existing file" >>"$d"
cx_env init-force "SOURCE_DATE_EPOCH=1778760000" init --force "$cx/init/new.json"
expect_rc "$d" 0
cmp -s "$cx/init/new.json" "$cx/init/orig" || echo "init --force did not write the same file" >>"$d"
cx_env init-stdout "SOURCE_DATE_EPOCH=1778760000" init -
cmp -s "$cx/init-stdout.out" "$cx/init/orig" || echo "init - differs from the file" >>"$d"
ls -A "$cx/init" | grep -q '^\.nqpdf-' && echo "init left a temporary file" >>"$d"
# The default name, in the current directory.
(cd "$cx/init" && SOURCE_DATE_EPOCH=1778760000 "$cx_bin" init 2>/dev/null)
[ -f "$cx/init/daily-2026-05-14.json" ] || echo "init without FILE did not write daily-2026-05-14.json" >>"$d"
check "cli: init writes a valid issue that renders, never over a file unless --force" "$d"

# ------------------------------------------------------------------ batch
d=$cx/batch.detail
: >"$d"
rm -rf "$cx/batch" "$cx/bout"
mkdir -p "$cx/batch/a" "$cx/batch/b"
cp examples/minimal.json "$cx/batch/one.json"
cp examples/daily-2026-05-14.json "$cx/batch/two.json"
cp tests/diag/empty-text.json "$cx/batch/bad.json"
cp tests/diag/missing-required.json "$cx/batch/bad2.json"
cx_run batch "$cx/batch/one.json" "$cx/batch/bad.json" "$cx/batch/two.json" "$cx/batch/bad2.json" \
	-d "$cx/bout" -j 2
expect_rc "$d" 1
for f in one two; do
	head -c 5 "$cx/bout/$f.pdf" 2>/dev/null | grep -q '^%PDF-' || echo "batch: no $f.pdf" >>"$d"
done
[ -e "$cx/bout/bad.pdf" ] || [ -e "$cx/bout/bad2.pdf" ] && echo "batch: a PDF for a bad input" >>"$d"
ls -A "$cx/bout" | grep -q '^\.nqpdf-' && echo "batch: a temporary file was left" >>"$d"
# Each file's block whole, in input order, then the summary.
{
	"$NQPDF" --check "$cx/batch/bad.json" 2>&1
	"$NQPDF" --check "$cx/batch/bad2.json" 2>&1
	echo "nqpdf: rendered 2, failed 2 (TIME s)"
} >"$cx/batch.want"
sed 's/([0-9.]* s)$/(TIME s)/' "$cx/batch.err" | diff -u "$cx/batch.want" - >>"$d"
grep -q "$(printf '\r')" "$cx/batch.err" && echo "batch: a progress line in a file" >>"$d"
# One pass with -j 1 writes the same PDFs.
cx_run batch1 "$cx/batch/one.json" "$cx/batch/two.json" -d "$cx/bout1" -j 1
expect_rc "$d" 0
for f in one two; do
	cmp -s "$cx/bout/$f.pdf" "$cx/bout1/$f.pdf" || echo "batch: $f.pdf differs between -j 2 and -j 1" >>"$d"
done
grep -q '^nqpdf: rendered 2, failed 0 ([0-9.]* s)$' "$cx/batch1.err" || cat "$cx/batch1.err" >>"$d"
# The worst code wins: a missing file (3) beats an invalid one (1).
cx_run batch3 "$cx/batch/bad.json" "$cx/batch/none.json" "$cx/batch/one.json" -d "$cx/bout3"
expect_rc "$d" 3
# Several --check.
cx_run batchc --check "$cx/batch/one.json" "$cx/batch/bad.json"
expect_rc "$d" 1
grep -q '^nqpdf: checked 2, failed 1 ([0-9.]* s)$' "$cx/batchc.err" || cat "$cx/batchc.err" >>"$d"
# Two inputs, one name: refused before anything is written.
cp examples/minimal.json "$cx/batch/a/x.json"
cp examples/minimal.json "$cx/batch/b/x.json"
cx_run batchx "$cx/batch/a/x.json" "$cx/batch/b/x.json" -d "$cx/boutx"
expect_rc "$d" 2
grep -q "^nqpdf: '$cx/batch/a/x.json' and '$cx/batch/b/x.json' would both be written to '$cx/boutx/x.pdf'$" \
	"$cx/batchx.err" || cat "$cx/batchx.err" >>"$d"
[ -e "$cx/boutx" ] && echo "batch: a refused run created its directory" >>"$d"
check "cli: batch -d: every input, blocks in order, worst exit code, name collisions refused" "$d"
if have script; then
	d=$cx/progress.detail
	: >"$d"
	script -qec "'$NQPDF' '$cx/batch/one.json' '$cx/batch/two.json' -d '$cx/boutp'" /dev/null \
		</dev/null >"$cx/progress.out" 2>&1
	grep -q "$(printf '\r')\[2/2\] " "$cx/progress.out" || echo "no progress line on a terminal: $(cat -v "$cx/progress.out")" >>"$d"
	check "cli: batch shows [N/M] progress on a terminal" "$d"
fi

# --------------------------------------------------------------- man page
if have groff; then
	d=$cx/man.detail
	: >"$d"
	groff -man -ww -z docs/nqpdf.1 >>"$d" 2>&1
	groff -man -ww -z -Tutf8 docs/nqpdf.1 >>"$d" 2>&1
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES 'SEE ALSO'; do
		grep -q "^\.SH \"*$s\"*$" docs/nqpdf.1 || echo "no $s section" >>"$d"
	done
	for e in LANG LC_ALL LC_MESSAGES NO_COLOR SOURCE_DATE_EPOCH NQPDF_FONT_DIR; do
		grep -q "$e" docs/nqpdf.1 || echo "ENVIRONMENT lacks $e" >>"$d"
	done
	check "cli: docs/nqpdf.1 is clean for groff -ww and has every section" "$d"
else
	skip "cli: man page check (groff missing)"
fi

# ---------------------------------------------- make install / uninstall
# Into a temporary DESTDIR+PREFIX, with the binary under test; then the
# installed binary renders from another directory with NQPDF_FONT_DIR
# unset (fonts found from bin/../share/nqpdf/fonts), and uninstall leaves
# no file behind.
if have make && have install; then
	d=$cx/install.detail
	: >"$d"
	inst=$(cd "$cx" && pwd)/inst
	rm -rf "$inst"
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s install DESTDIR="$inst" PREFIX=/opt/nq \
		BIN="$cx_bin" -o "$cx_bin" >>"$d" 2>&1 || echo "make install failed" >>"$d"
	for f in bin/nqpdf share/man/man1/nqpdf.1 share/nqpdf/nqpdf.schema.json \
		share/nqpdf/fonts/NotoSerifSC_400Regular.ttf share/nqpdf/fonts/OFL-NotoSerifSC.txt; do
		[ -f "$inst/opt/nq/$f" ] || echo "not installed: $f" >>"$d"
	done
	mkdir -p "$cx/elsewhere"
	(cd "$cx/elsewhere" && env -u NQPDF_FONT_DIR "$inst/opt/nq/bin/nqpdf" \
		"$OLDPWD/examples/minimal.json" -o out.pdf) >>"$d" 2>&1 ||
		echo "the installed nqpdf cannot render from another directory" >>"$d"
	head -c 5 "$cx/elsewhere/out.pdf" 2>/dev/null | grep -q '^%PDF-' || echo "no PDF from the installed nqpdf" >>"$d"
	"$inst/opt/nq/bin/nqpdf" --schema | cmp -s - "$inst/opt/nq/share/nqpdf/nqpdf.schema.json" ||
		echo "installed schema differs from --schema" >>"$d"
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s uninstall DESTDIR="$inst" PREFIX=/opt/nq >>"$d" 2>&1 ||
		echo "make uninstall failed" >>"$d"
	left=$(find "$inst" -type f)
	[ -n "$left" ] && echo "left after uninstall: $left" >>"$d"
	[ -d "$inst/opt/nq/share/nqpdf" ] && echo "uninstall left share/nqpdf" >>"$d"
	check "cli: make install into DESTDIR, render from elsewhere, make uninstall" "$d"
else
	skip "cli: install test (make or install missing)"
fi
