# tests/briefing.sh - sourced by tests/run.sh: the briefing parts of issue 11
# read back from the PDF with pdftotext (docs/format.md):
#   - each options.reference_style sets its entries exactly as documented
#     (labelled, plain, gbt7714), date_label included, a title typed with
#     its own 《》 printed once;
#   - "cited": false needs no citation: no warning, --strict accepts it;
#   - the masthead and back matter: classification, 总第 N 期, a producer
#     line without a label, 编者按, the 报尾 on the last page, GB/T 9704
#     page numbers, options.contents_parts;
#   - "draft": "false" (a string) prints no mark.
# Needs pdftotext and pdfinfo.

bf=$OUT/briefing
mkdir -p "$bf"

# briefing_refs FILE STYLE: three short references, the third uncited.
briefing_refs() {
	cat >"$1" <<JSON
{
  "nqpdf": 1,
  "title": "新质生产力每日动态",
  "organization": "江州市发展和改革委员会",
  "date": "2026-05-14",
  "sections": [{"heading": "政策动向", "paragraphs": ["八部门印发方案[1][2]。"]}],
  "references": [
    {"source": "新华社", "title": "专项行动方案", "date": "2026-05-12", "purpose": "说明背景", "url": "https://a.cn/1"},
    {"source": "人民网", "title": "《答记者问》", "date": "2026-05-14", "date_label": "抓取于", "url": "https://b.cn/2"},
    {"source": "海关总署", "title": "进出口情况", "date": "2026-05-10", "cited": false}
  ],
  "options": {"reference_style": "$2", "contents": false}
}
JSON
}

# The reference list as pdftotext reads it, from its heading to the end.
briefing_list() {
	pdftotext "$1" - 2>/dev/null | sed -n '/^参考资料$/,$p' | sed '/^$/d;/^\f*1$/d;s/\f//g'
}

if have pdftotext && have pdfinfo; then
	for st in labelled plain gbt7714; do
		: >"$bf/$st.detail"
		briefing_refs "$bf/$st.json" $st
		timeout 30 "$NQPDF" "$bf/$st.json" -o "$bf/$st.pdf" 2>"$bf/$st.err" ||
			echo "render failed" >>"$bf/$st.detail"
		case $st in
		labelled) cat >"$bf/$st.want" <<'TXT'
参考资料
[1] 来源：新华社，《专项行动方案》，日期：2026 年 5 月 12 日。用途：说明背景。链接：
https://a.cn/1
[2] 来源：人民网，《答记者问》，抓取于 2026 年 5 月 14 日。链接：https://b.cn/2
[3] 来源：海关总署，《进出口情况》，日期：2026 年 5 月 10 日。
TXT
		;;
		plain) cat >"$bf/$st.want" <<'TXT'
参考资料
1. 新华社，《专项行动方案》，2026-05-12。用途：说明背景。链接：https://a.cn/1
2. 人民网，《答记者问》，抓取于 2026-05-14。链接：https://b.cn/2
3. 海关总署，《进出口情况》，2026-05-10。
TXT
		;;
		gbt7714) cat >"$bf/$st.want" <<'TXT'
参考资料
[1] 新华社. 专项行动方案[EB/OL]. (2026-05-12). https://a.cn/1.
[2] 人民网. 答记者问[EB/OL]. [2026-05-14]. https://b.cn/2.
[3] 海关总署. 进出口情况[EB/OL]. (2026-05-10).
TXT
		;;
		esac
		briefing_list "$bf/$st.pdf" >"$bf/$st.got"
		diff -u "$bf/$st.want" "$bf/$st.got" >>"$bf/$st.detail" 2>&1
		# The one warning: the typed 《》; never "never cited".
		grep -v '^ ' "$bf/$st.err" | grep -v 'typed with its own' >>"$bf/$st.detail"
		check "briefing: reference_style $st sets the documented text (pdftotext)" "$bf/$st.detail"
	done

	# --strict: an uncited reference marked "cited": false passes; the
	# same reference without the mark is refused.
	: >"$bf/strict.detail"
	sed 's/"title": "《答记者问》"/"title": "答记者问"/' "$bf/plain.json" >"$bf/strict.json"
	timeout 30 "$NQPDF" --strict "$bf/strict.json" -o "$bf/strict.pdf" 2>>"$bf/strict.detail" ||
		echo "--strict refused an issue whose only uncited reference is \"cited\": false" >>"$bf/strict.detail"
	sed 's/, "cited": false//' "$bf/strict.json" >"$bf/strict2.json"
	if timeout 30 "$NQPDF" --strict "$bf/strict2.json" -o "$bf/strict2.pdf" 2>/dev/null; then
		echo "--strict accepted a never-cited reference" >>"$bf/strict.detail"
	fi
	check "briefing: \"cited\": false passes --strict; an unmarked uncited reference does not" "$bf/strict.detail"

	# The whole example: masthead, 编者按, contents_parts, 报尾, folios.
	: >"$bf/full.detail"
	timeout 30 "$NQPDF" examples/full-briefing.json -o "$bf/full.pdf" 2>>"$bf/full.detail"
	pages=$(pdfinfo "$bf/full.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	pdftotext -layout -l 1 "$bf/full.pdf" "$bf/full.p1" 2>/dev/null
	pdftotext -layout -f "${pages:-1}" -l "${pages:-1}" "$bf/full.pdf" "$bf/full.last" 2>/dev/null
	# (pdftotext -layout writes the ideographic space as spaces, and the
	# folio's thin gaps beside the dashes as nothing.)
	head -1 "$bf/full.p1" | grep -q '^内部资料 *注意保存' ||
		echo "page 1 does not open with the classification at the left" >>"$bf/full.detail"
	for want in '第 129 期 *总第 1046 期' '博雅云创 & 中科创新驱动' '^ *编者按：近期' '— *1 *—'; do
		grep -q "$want" "$bf/full.p1" || echo "page 1 lacks /$want/" >>"$bf/full.detail"
	done
	grep -q '编制：\|承办：博雅' "$bf/full.p1" && echo "the producer line got a label" >>"$bf/full.detail"
	# contents_parts lists sections, insight, references: not the abstract.
	sed -n '/^目录/,/^一、/p' "$bf/full.p1" | grep -q '^摘要' &&
		echo "the contents list the abstract, which contents_parts leaves out" >>"$bf/full.detail"
	sed -n '/^目录/,/^ *$/p' "$bf/full.p1" | grep -q '^参考资料' ||
		echo "the contents do not list the references" >>"$bf/full.detail"
	for want in '报：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。' \
		'发：各区发展改革局，市发展改革委各处室。' '（共印 120 份）' "— *$pages *—"; do
		grep -q "$want" "$bf/full.last" || echo "the last page lacks /$want/" >>"$bf/full.detail"
	done
	# The 报尾 is the last text before the folio: at the foot.
	tail_text=$(sed '/^[ \f]*$/d' "$bf/full.last" | tail -2 | head -1)
	case $tail_text in *'（共印 120 份）'*) ;; *) echo "the 报尾 is not at the foot: '$tail_text'" >>"$bf/full.detail" ;; esac
	check "briefing: classification, 总第 N 期, producer line, 编者按, contents_parts, 报尾, — n — (pdftotext)" "$bf/full.detail"

	# "draft": "false" as a string: a warning, and no mark on the page.
	: >"$bf/draft.detail"
	sed 's/"contents": false/"contents": false, "draft": "false"/' "$bf/strict.json" >"$bf/draft.json"
	timeout 30 "$NQPDF" "$bf/draft.json" -o "$bf/draft.pdf" 2>"$bf/draft.err" ||
		echo "render failed" >>"$bf/draft.detail"
	grep -q 'a boolean written as the string "false"' "$bf/draft.err" ||
		echo "no warning for \"draft\": \"false\"" >>"$bf/draft.detail"
	pdftotext "$bf/draft.pdf" - 2>/dev/null | grep -q 'false\|草稿' &&
		echo "a draft mark was printed" >>"$bf/draft.detail"
	check "briefing: \"draft\": \"false\" warns and prints no mark" "$bf/draft.detail"
else
	skip "briefing: reference styles, masthead and back matter (no pdftotext/pdfinfo)"
fi

# `nqpdf --schema` accepts every example (JSON Schema 2020-12, Python's
# jsonschema when it is installed): the schema knows every field they use.
: >"$bf/schema.detail"
if have python3 && python3 -c 'import jsonschema' 2>/dev/null; then
	"$NQPDF" --schema >"$bf/schema.json" 2>>"$bf/schema.detail"
	python3 - "$bf/schema.json" examples/*.json >>"$bf/schema.detail" 2>&1 <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        print(f"{f}: /{'/'.join(map(str, e.path))}: {e.message[:160]}")
PY
	check "briefing: nqpdf --schema validates every example" "$bf/schema.detail"
else
	skip "briefing: nqpdf --schema against the examples (no python3 jsonschema)"
fi

# A 报尾 taller than a page: a warning with its place, and it flows over
# the pages that follow, while the section before it stays on page 1 (the
# heading's keep does not reach into the 报尾).
: >"$bf/tall.detail"
if have pdftotext; then
	timeout 30 "$NQPDF" tests/diag/render/distribution-too-tall.json -o "$bf/tall.pdf" 2>/dev/null ||
		echo "render failed" >>"$bf/tall.detail"
	pdftotext -l 1 "$bf/tall.pdf" - 2>/dev/null | grep -q '八部门印发方案' ||
		echo "the section left page 1 for the 报尾's sake" >>"$bf/tall.detail"
	pdftotext "$bf/tall.pdf" - 2>/dev/null | grep -q '（共印 120 份）' ||
		echo "the print run is missing" >>"$bf/tall.detail"
	check "briefing: a 报尾 taller than a page flows on; the section before it stays" "$bf/tall.detail"
fi

# The references' contents part on the ninth anchor: new_anchor() grows the
# anchors array there, and c->anchors[new_anchor(...)].part once wrote the
# part past the end of the old array (unsequenced), so it was lost (the
# references were listed against contents_parts) and the next block of the
# arena was overwritten (a crash in the tagged-PDF writer).
: >"$bf/anchors.detail"
if have pdftotext; then
	python3 - "$bf/anchors.json" <<'PY'
import json, sys
secs = [{"heading": "第%d部分" % i, "paragraphs": ["正文第%d段[1]。" % i]} for i in range(1, 9)]
json.dump({"nqpdf": 1, "title": "新质生产力每日动态", "organization": "江州市发展和改革委员会",
           "date": "2026-05-14", "sections": secs,
           "references": [{"source": "新华社", "title": "专项行动方案"}],
           "options": {"contents_parts": ["sections"]}}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
	timeout 30 "$NQPDF" "$bf/anchors.json" -o "$bf/anchors.pdf" 2>>"$bf/anchors.detail" ||
		echo "render failed" >>"$bf/anchors.detail"
	pdftotext -l 1 "$bf/anchors.pdf" - 2>/dev/null | sed -n '/^目录$/,$p' | grep -q '参考资料' &&
		echo "the contents list 参考资料 although contents_parts is [\"sections\"]" >>"$bf/anchors.detail"
	pdftotext -l 1 "$bf/anchors.pdf" - 2>/dev/null | grep -q '第 *8 *部分' ||
		echo "the contents lack the eighth section" >>"$bf/anchors.detail"
	check "briefing: contents_parts holds for the references on the ninth anchor (the anchors array grows)" "$bf/anchors.detail"
fi
