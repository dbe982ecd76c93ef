/*
 * msg.c - the message catalogue and its formatter.
 *
 * Takes an English printf format exactly as the sources write it (to
 * nq_diag_add, the model's err() and wrong_type(), the command line's
 * messages) and its arguments; makes the message in the reader's language.
 * The English text is the key, as in gettext, so the sources stay readable
 * and a message missing from the table still comes out, in English.
 *
 * Chinese word order differs from English, but every translation keeps the
 * English conversions in the same order (tests/cli.sh checks this), so the
 * arguments are formatted one by one with the English conversions and put
 * where the Chinese format has them.  Some arguments are themselves English
 * from the sources ("expected %s, found %s" with "a string", "an array");
 * the entry's args string marks those 'w', and they are looked up too, as
 * whole texts or, when a stage built them with snprintf ("duplicate key %.*s
 * (first at line %d, column %d)"), by matching them against the catalogue's
 * formats.  Data (keys, file names, the user's text) is never translated.
 *
 * Leaves to others: choosing the language (the command line asks
 * nq_msg_lang with the environment), printing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "util.h"

/* Entries: English, Chinese, argument kinds.  Grouped by where the English
 * comes from; the order does not matter. */
static const nq_msg catalogue[] = {
	/* ------------------------------------------------ diag.c: severities */
	{ "error", "错误", NULL },
	{ "warning", "警告", NULL },
	{ "note", "注", NULL },
	{ "and %d more errors not shown", "另有 %d 个错误未显示", NULL },
	{ "and %d more warnings not shown", "另有 %d 个警告未显示", NULL },
	{ "and %d more errors and %d more warnings not shown",
	  "另有 %d 个错误和 %d 个警告未显示", NULL },

	/* ------------------------------------------------------------ json.c */
	{ "JSON syntax: %s", "JSON 语法错误：%s", "w" },
	{ "JSON syntax: expected a \"quoted\" key, found %s",
	  "JSON 语法错误：此处应为带双引号的键，却是%s", "w" },
	{ "JSON syntax: duplicate key %.*s (first at line %d, column %d)",
	  "JSON 语法错误：重复的键 %.*s（第一次出现在第 %d 行第 %d 列）", "..." },
	{ "duplicate key %.*s (first at line %d, column %d)",
	  "重复的键 %.*s（第一次出现在第 %d 行第 %d 列）", "..." },
	{ "nesting deeper than %d levels", "嵌套超过 %d 层", NULL },
	{ "a full-width comma '，' between items; JSON needs the ASCII comma ','",
	  "各项之间用了全角逗号 '，'；JSON 要用半角逗号 ','", NULL },
	{ "a full-width colon '：' after the key; JSON needs the ASCII colon ':'",
	  "键后面用了全角冒号 '：'；JSON 要用半角冒号 ':'", NULL },
	{ "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
	  "无效的 UTF-8 字节 0x%02X；请把文件存为 UTF-8 编码", NULL },
	{ "the file is empty; expected a JSON object", "文件是空的；应为一个 JSON 对象", NULL },
	{ "JSON could not be parsed here", "此处无法解析 JSON", NULL },
	{ "\\u must be followed by four hex digits", "\\u 后面必须是四位十六进制数字", NULL },
	{ "\\u0000 (NUL) is not allowed in text", "文本中不允许出现 \\u0000（NUL）", NULL },
	{ "unpaired surrogate in \\u escape", "\\u 转义中有不成对的代理项", NULL },
	{ "invalid escape; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
	  "无效的转义；可用的转义有 \\\" \\\\ \\/ \\b \\f \\n \\r \\t 和 \\uXXXX", NULL },
	{ "line break inside a string (missing closing '\"'? write \\n for a newline)",
	  "字符串中有换行（是否漏了结尾的 '\"'？需要换行请写 \\n）", NULL },
	{ "NUL byte inside a string", "字符串中有 NUL 字节", NULL },
	{ "control character inside a string; escape it as \\uXXXX",
	  "字符串中有控制字符；请写成 \\uXXXX 转义", NULL },
	{ "unterminated string: no closing '\"'", "字符串没有结束：缺少结尾的 '\"'", NULL },
	{ "invalid number", "无效的数字", NULL },
	{ "invalid number: digits must follow '.'", "无效的数字：'.' 后面必须有数字", NULL },
	{ "invalid number: digits must follow the exponent", "无效的数字：指数后面必须有数字", NULL },
	{ "invalid number (leading zeros and hex are not JSON)",
	  "无效的数字（JSON 不允许前导零和十六进制数）", NULL },
	{ "unterminated object: '{' without a matching '}'", "对象没有结束：'{' 没有对应的 '}'", NULL },
	{ "trailing comma before '}'", "'}' 前面多了一个逗号", NULL },
	{ "unexpected end of input: expected ':'", "输入意外结束：应为 ':'", NULL },
	{ "expected ':' after the key", "键的后面应为 ':'", NULL },
	{ "missing ',' between object members", "对象成员之间缺少 ','", NULL },
	{ "expected ',' or '}' after an object member", "对象成员后面应为 ',' 或 '}'", NULL },
	{ "trailing comma before ']'", "']' 前面多了一个逗号", NULL },
	{ "unterminated array: '[' without a matching ']'", "数组没有结束：'[' 没有对应的 ']'", NULL },
	{ "expected ',' or ']' after an array element", "数组元素后面应为 ',' 或 ']'", NULL },
	{ "expected ',' or ']' after an array element; a \" inside a text must be written \\\" (or use “ ”)",
	  "数组元素后面应为 ',' 或 ']'；文字里的 \" 要写成 \\\"（或改用中文引号“ ”）", NULL },
	{ "expected ',' or '}' after an object member; a \" inside a text must be written \\\" (or use “ ”)",
	  "对象成员后面应为 ',' 或 '}'；文字里的 \" 要写成 \\\"（或改用中文引号“ ”）", NULL },
	{ "invalid literal (expected true, false or null)",
	  "无效的字面量（应为 true、false 或 null）", NULL },
	{ "unexpected end of input: expected a value", "输入意外结束：应为一个值", NULL },
	{ "strings must use double quotes \"...\"", "字符串必须用双引号 \"...\"", NULL },
	{ "expected a value here", "此处应为一个值", NULL },
	{ "text must be inside \"double quotes\"", "文字必须放在 \"双引号\" 里", NULL },
	{ "unexpected character; expected a value", "意外的字符；应为一个值", NULL },
	{ "unexpected text after the end of the JSON value", "JSON 值结束之后还有多余的内容", NULL },
	{ "end of input", "输入结尾", NULL },
	{ "'\\'' (JSON strings use double quotes)", "'\\''（JSON 字符串要用双引号）", NULL },
	{ "this character", "这个字符", NULL },
	{ "a Chinese quotation mark (JSON needs ASCII \" around keys and texts)",
	  "中文引号（JSON 的键和文字要用英文双引号 \" 括起来）", NULL },
	{ "string of %zu bytes; at most 256 KiB per string (split long text into paragraphs)",
	  "字符串有 %zu 字节；每个字符串最多 256 KiB（长文请分成多个段落）", NULL },
	{ "more than %zu values in the file; an issue needs a few hundred",
	  "文件中的值超过 %zu 个；一期只需要几百个", NULL },

	/* ----------------------------------------------- model.c, inline.c */
	{ "expected %s, found %s", "应为%s，实际是%s", "ww" },
	{ "a string", "字符串", NULL },
	{ "a number", "数字", NULL },
	{ "true", "值 true", NULL },
	{ "false", "值 false", NULL },
	{ "null", "值 null", NULL },
	{ "an array", "数组", NULL },
	{ "an object", "对象", NULL },
	{ "a string or an array of strings", "字符串或字符串数组", NULL },
	{ "an array of paragraph strings", "由段落字符串组成的数组", NULL },
	{ "a date string \"YYYY-MM-DD\"", "日期字符串 \"YYYY-MM-DD\"", NULL },
	{ "an array of sections", "由各部分组成的数组", NULL },
	{ "a positive integer", "正整数", NULL },
	{ "a URL string", "网址字符串", NULL },
	{ "an array of references", "参考资料数组", NULL },
	{ "an array of QR codes", "二维码数组", NULL },
	{ "true or false", "布尔值（true 或 false）", NULL },
	{ "true, false or a string", "布尔值（true 或 false）或字符串", NULL },
	{ "an array of font file names", "字体文件名数组", NULL },
	{ "the format version number 1", "格式版本号 1", NULL },
	{ "a number or a string", "数字或字符串", NULL },
	{ "%s must not be empty", "%s不能为空", "w" },
	{ "text", "文本", NULL },
	{ "the list", "列表", NULL },
	{ "%s must have at least one paragraph", "%s至少要有一段", "w" },
	{ "unknown key \"%s\"; did you mean \"%s\"?", "未知的键 \"%s\"；是不是想写 \"%s\"？", NULL },
	{ "unknown key \"%s\" (expected one of: %s)", "未知的键 \"%s\"（可用的键：%s）", NULL },
	{ "missing required key \"%s\"", "缺少必填的键 \"%s\"", NULL },
	{ "invalid date \"%s\"; write it as YYYY-MM-DD, e.g. 2026-05-14",
	  "无效的日期 \"%s\"；请写成 YYYY-MM-DD，例如 2026-05-14", NULL },
	{ "invalid date \"%s\": no such day in the calendar", "无效的日期 \"%s\"：日历上没有这一天", NULL },
	{ "heading starts with typed numbering; nqpdf numbers sections itself (一、二、…), remove it",
	  "标题以手写的编号开头；nqpdf 会自动给各部分编号（一、二、…），请删去", NULL },
	{ "%s: an issue needs at least one section", "%s：一期至少要有一个部分", "w" },
	{ "empty array", "空数组", NULL },
	{ "more than %d sections", "部分超过 %d 个", NULL },
	{ "%s must be a whole number from 1 to 9999", "%s必须是 1 到 9999 之间的整数", "w" },
	{ "a reference id", "参考资料编号", NULL },
	{ "invalid URL: %s", "无效的网址：%s", "w" },
	{ "must start with http:// or https://", "必须以 http:// 或 https:// 开头", NULL },
	{ "has no host name", "没有主机名", NULL },
	{ "has an invalid character in the host name", "主机名中有无效字符", NULL },
	{ "has an invalid host name", "主机名无效", NULL },
	{ "contains a space or control character (write %20)", "含有空格或控制字符（空格请写成 %20）", NULL },
	{ "contains a full-width space", "含有全角空格", NULL },
	{ "more than %d references", "参考资料超过 %d 条", NULL },
	{ "duplicate reference id %d (also %s)", "参考资料编号 %d 重复（另见 %s）", NULL },
	{ "QR payload is %zu bytes; at most %d fit a printable code",
	  "二维码内容有 %zu 字节；可印刷的二维码最多容纳 %d 字节", NULL },
	{ "%s: the footer needs at least one QR code", "%s：页尾至少要有一个二维码", "w" },
	{ "more than %d QR codes", "二维码超过 %d 个", NULL },
	{ "\"%s\" is not one of %s", "\"%s\" 不是可选的值（%s）", NULL },
	{ "format version %g is not supported; this nqpdf %s reads version %d",
	  "不支持格式版本 %g；本 nqpdf（%s）读取的是版本 %d", NULL },
	{ "%s must be a positive whole number or a string", "%s必须是正整数或字符串", "w" },
	{ "the issue number", "期号", NULL },
	{ "reference [%d] is never cited", "参考资料 [%d] 没有被引用", NULL },
	{ "\"**\" opens bold text that is never closed", "\"**\" 开始的加粗文字没有结束", NULL },
	{ "paragraph has no text", "段落没有文字", NULL },
	{ "invalid date \"%s\": the year must be from 1900 to 2999",
	  "无效的日期 \"%s\"：年份必须在 1900 到 2999 之间", NULL },
	{ "text of %zu bytes; at most %zu bytes fit here", "文字有 %zu 字节；此处最多 %zu 字节", NULL },
	{ "more than %d entries in the list", "列表超过 %d 项", NULL },
	{ "more than %d paragraphs in the issue", "本期的段落超过 %d 个", NULL },
	{ "citation [%d] has no reference with id %d (references: %d of them)",
	  "引用 [%d] 找不到编号为 %d 的参考资料（参考资料共 %d 条）", NULL },
	{ "a boolean written as the string \"%s\"; write %s without quotes (read as %s)",
	  "布尔值写成了字符串 \"%s\"；请去掉引号写 %s（按 %s 处理）", NULL },
	{ "ASCII '%s' between Han characters; write the full-width '%s'",
	  "汉字之间用了半角的 '%s'；请改用全角的 '%s'", NULL },
	{ "ASCII '%s' between a Han character and a digit; write the full-width '%s'",
	  "汉字与数字之间用了半角的 '%s'；请改用全角的 '%s'", NULL },
	{ "the title is typed with its own %s; nqpdf adds them, remove them",
	  "题名自带了%s；nqpdf 会自动加上，请删去", NULL },
	{ "reference [%d] is marked \"cited\": false but is cited",
	  "参考资料 [%d] 标为 \"cited\": false，却被引用了", NULL },
	{ "%s must be a positive whole number", "%s必须是正整数", "w" },
	{ "the running total", "总期号", NULL },
	{ "the print run", "印数", NULL },
	{ "the distribution block needs \"recipients\", \"copies\" or both",
	  "报尾至少要有 \"recipients\" 或 \"copies\"", NULL },
	{ "an array of recipient lines", "由发送行组成的数组", NULL },
	{ "the distribution block is %.0f pt tall and a page holds %.0f pt: it is split over pages; shorten the recipient lines",
	  "报尾高 %.0f pt，一页只容得下 %.0f pt：只能分在几页排；请缩短发送范围", NULL },
	{ "%s: give at least one recipient line, or leave out \"recipients\"",
	  "%s：至少写一行发送范围，或者删去 \"recipients\"", "w" },
	{ "more than %d recipient lines", "发送行超过 %d 行", NULL },
	{ "an array of part names", "由部分名称组成的数组", NULL },
	{ "%s: list at least one part, or set \"contents\" to false",
	  "%s：至少列出一个部分，或者把 \"contents\" 设为 false", "w" },
	{ "citation [%d] but the issue has no \"references\"",
	  "引用了 [%d]，但本期没有 \"references\"", NULL },
	{ "more than %d citations in the issue (each is a link in the PDF)",
	  "全期引用超过 %d 处（每处都是 PDF 中的一个链接）", NULL },
	{ "more than %d links in the issue, citations and web addresses together (each is a link in the PDF)",
	  "全期引用和网址合计超过 %d 处（每处都是 PDF 中的一个链接）", NULL },

	/* ------------------------------------------- model.c: blocks, images */
	{ "a paragraph string or a block object", "段落字符串或块对象", NULL },
	{ "an array of paragraph strings and blocks", "由段落字符串和块组成的数组", NULL },
	{ "a block has both \"%s\" and \"%s\"; one block per object",
	  "一个块同时有 \"%s\" 和 \"%s\"；每个对象只能是一个块", NULL },
	{ "a block object needs one of the keys %s", "块对象必须有以下键之一：%s", NULL },
	{ "sub-heading starts with typed numbering; nqpdf numbers sub-headings itself "
	  "(（一）（二）…), remove it",
	  "小标题以手写的编号开头；nqpdf 会自动给小标题编号（（一）（二）…），请删去", NULL },
	{ "more than %d sub-headings in a section", "一个部分的小标题超过 %d 个", NULL },
	{ "an array of list items", "由列表项组成的数组", NULL },
	{ "%s: a list needs at least one item", "%s：列表至少要有一项", "w" },
	{ "more than %d items in a list", "列表超过 %d 项", NULL },
	{ "an array of cell strings", "由单元格字符串组成的数组", NULL },
	{ "%s: a row needs at least one cell", "%s：一行至少要有一个单元格", "w" },
	{ "more than %d columns in a table", "表格超过 %d 列", NULL },
	{ "an array of rows (arrays of cell strings)", "由行（单元格字符串数组）组成的数组", NULL },
	{ "%s: a table needs a header row and at least one row", "%s：表格要有表头行和至少一行内容", "w" },
	{ "one row", "只有一行", NULL },
	{ "more than %d rows in a table", "表格超过 %d 行", NULL },
	{ "row has %zu cells but the header row has %zu; every row of a table has one cell per "
	  "column (write \"\" for an empty cell)",
	  "这一行有 %zu 个单元格，表头行有 %zu 个；表格每行的单元格数必须与列数相同（空单元格写 \"\"）", NULL },
	{ "more than %d image files in the issue", "本期的图片文件超过 %d 个", NULL },
	{ "a block (sub-heading, list, table or figure) has no Markdown form yet; convert would lose it",
	  "块（小标题、列表、表格或插图）还没有 Markdown 写法；转换会丢失它", NULL },
	{ "table row is %.0f pt tall and a page holds %.0f pt: it runs past the foot of the page; "
	  "shorten its cells",
	  "表格的一行高 %.0f pt，而一页只能容纳 %.0f pt：这一行会超出页面底部；请缩短其单元格内容", NULL },
	{ "a QR code has both \"payload\" and \"image\"; give one",
	  "二维码同时有 \"payload\" 和 \"image\"；只能给出其中一个", NULL },
	{ "missing required key \"payload\" (or \"image\", a code as an image file)",
	  "缺少必填的键 \"payload\"（或 \"image\"，以图片文件给出的二维码）", NULL },

	/* ------------------------------------------------------------ file.c */
	{ "cannot open '%s': %s", "无法打开 '%s'：%s", ".w" },
	{ "cannot read '%s': is a directory", "无法读取 '%s'：这是一个目录", NULL },
	{ "'%s' is larger than the %u MiB limit", "'%s' 超过了 %u MiB 的上限", NULL },
	{ "cannot read '%s': %s", "无法读取 '%s'：%s", ".w" },
	{ "cannot write to standard output: %s", "无法写入标准输出：%s", "w" },
	{ "cannot write '%s': is a directory", "无法写入 '%s'：这是一个目录", NULL },
	{ "cannot write '%s': %s", "无法写入 '%s'：%s", ".w" },
	/* strerror() in the C locale, for the file messages above. */
	{ "No such file or directory", "没有那个文件或目录", NULL },
	{ "Permission denied", "权限不够", NULL },
	{ "Is a directory", "是一个目录", NULL },
	{ "Not a directory", "不是目录", NULL },
	{ "No space left on device", "设备上没有空间", NULL },
	{ "Read-only file system", "只读文件系统", NULL },
	{ "File exists", "文件已存在", NULL },
	{ "Disk quota exceeded", "超出磁盘配额", NULL },
	{ "File name too long", "文件名过长", NULL },
	{ "Too many levels of symbolic links", "符号链接的层数过多", NULL },
	{ "Input/output error", "输入/输出错误", NULL },
	{ "Too many open files", "打开的文件过多", NULL },
	{ "Cannot allocate memory", "无法分配内存", NULL },
	{ "Invalid argument", "无效的参数", NULL },
	{ "Resource temporarily unavailable", "资源暂时不可用", NULL },

	/* ------------------------------------------- shape/, linebreak/, ... */
	{ "the bundled fonts are not in %s; reinstall nqpdf, or set --font-dir or NQPDF_FONT_DIR",
	  "在 %s 中都找不到自带字体；请重新安装 nqpdf，或用 --font-dir 或 NQPDF_FONT_DIR 指定字体目录", NULL },
	{ "%d warning(s) and --strict: nothing written", "有 %d 个警告，且使用了 --strict：不写任何文件", NULL },
	{ "font '%s' not found (set --font-dir or NQPDF_FONT_DIR)",
	  "找不到字体 '%s'（请用 --font-dir 或 NQPDF_FONT_DIR 指定字体目录）", NULL },
	{ "font '%s' has %s outlines; nqpdf embeds TrueType (glyf) and OpenType "
	  "CFF outlines only, use a static .ttf or .otf build of the family",
	  "字体 '%s' 的轮廓是 %s 格式；nqpdf 只能嵌入 TrueType（glyf）和 OpenType CFF 轮廓，"
	  "请改用该字体的静态 .ttf 或 .otf 版本",
	  ".w" },
	{ "non-TrueType", "非 TrueType", NULL },
	{ "CFF2 (variable)", "CFF2（可变字体）", NULL },
	{ "bare CFF (not OpenType)", "裸 CFF（不是 OpenType）", NULL },
	{ "has %ld faces; #%u is not one of them (#0 to #%ld)",
	  "只有 %ld 个字体，没有第 #%u 个（应为 #0 到 #%ld）", NULL },
	{ "is damaged: HarfBuzz cannot read its 'CFF ' table",
	  "已损坏，HarfBuzz 无法读取其 'CFF ' 表", NULL },
	{ "is damaged: FreeType cannot read its 'CFF ' table (FreeType error 0x%02X)",
	  "已损坏，FreeType 无法读取其 'CFF ' 表（FreeType 错误 0x%02X）", NULL },
	{ "is damaged: HarfBuzz cannot read the charstring of glyph %u",
	  "已损坏，HarfBuzz 无法读取字形 %u 的 charstring", NULL },
	{ "is damaged: maxp counts %u glyphs but its 'CFF ' table has charstrings for only %u",
	  "已损坏，maxp 记有 %u 个字形，而 'CFF ' 表只有 %u 个字形的 charstring", NULL },
	{ "bitmap-only", "仅有位图", NULL },
	{ "unknown", "未知", NULL },
	{ "font '%s' %s", "字体 '%s'：%s", ".w" },
	{ "out of memory", "内存不足", NULL },
	{ "not found", "找不到", NULL },
	{ "cannot be read", "无法读取", NULL },
	{ "cannot be opened (FreeType failed to start)", "无法打开（FreeType 无法启动）", NULL },
	{ "is not a font FreeType can read", "不是 FreeType 能读取的字体", NULL },
	{ "has outlines nqpdf cannot embed", "轮廓格式 nqpdf 无法嵌入", NULL },
	{ "has no glyf outlines", "没有 glyf 轮廓", NULL },
	{ "URL of %zu bytes; at most %d bytes fit a printed reference (link to a shorter address "
	  "of the page)",
	  "URL 有 %zu 字节；印在参考资料里的网址最多 %d 字节（请改用该网页较短的地址）", NULL },
	{ "font '%s': %zu characters past the 65,536 CIDs a PDF font can have share their glyph's "
	  "CID; they print right but copy from the PDF as another character",
	  "字体 '%s'：有 %zu 个字符超出了 PDF 字体最多 65,536 个 CID 的上限，只能与其字形共用 CID；"
	  "它们显示正确，但从 PDF 复制出来会变成别的字符", NULL },
	{ "control character U+%04X in the text is dropped", "文字中的控制字符 U+%04X 已删去", NULL },
	{ "control character U+%04X in the text is dropped, and %zu more after it",
	  "文字中的控制字符 U+%04X 已删去，其后另有 %zu 个也已删去", NULL },
	{ "more than %d combining marks in a row; %zu marks past the first %d of a run are dropped "
	  "(Unicode Stream-Safe Text Format, UAX #15)",
	  "连续的组合符号超过 %d 个；已删去 %zu 个排在每串前 %d 个之后的组合符号"
	  "（Unicode 流安全文本格式，UAX #15）", NULL },
	/* font.c: why a font is damaged (f->why, filled into "font '%s' %s") */
	{ "is damaged: its table directory is cut short (the file has %u bytes)",
	  "已损坏，表目录不完整（文件只有 %u 字节）", NULL },
	{ "is damaged: its '%s' table is cut short (%u of its %u bytes are in the file)",
	  "已损坏，'%s' 表被截断（文件中只有 %u 字节，应有 %u 字节）", NULL },
	{ "is damaged: head.indexToLocFormat is %d (0 or 1)",
	  "已损坏，head.indexToLocFormat 为 %d（应为 0 或 1）", NULL },
	{ "is damaged: maxp counts %u glyphs but its loca table has offsets for only %u",
	  "已损坏，maxp 记有 %u 个字形，而 loca 表只有 %u 个字形的偏移", NULL },
	{ "is damaged: the loca offset of glyph %u (%u) goes backwards or past the end of glyf (%u bytes)",
	  "已损坏，字形 %u 的 loca 偏移（%u）倒退或超出 glyf 表的末尾（%u 字节）", NULL },
	{ "is damaged: the text needs glyph %u but maxp counts only %u glyphs",
	  "已损坏，文字需要字形 %u，而 maxp 只记有 %u 个字形", NULL },
	{ "is damaged: glyph %u cannot be loaded (FreeType error 0x%02X)",
	  "已损坏，无法载入字形 %u（FreeType 错误 0x%02X）", NULL },
	{ "out of memory loading fonts", "载入字体时内存不足", NULL },
	{ "font '%s' is outside the issue's directory; fonts the issue names must be in its "
	  "directory (or below), unless --allow-outside is given",
	  "字体 '%s' 在本期文件所在的目录之外；文件中指定的字体必须位于该目录（或其子目录）中，"
	  "除非使用 --allow-outside",
	  NULL },
	{ "font '%s' not found (%s: %s)", "找不到字体 '%s'（%s：%s）", "..w" },
	{ "cannot resolve the issue's directory '%s': %s", "无法解析本期文件所在的目录 '%s'：%s", ".w" },
	{ "font '%s' leads outside the issue's directory (it resolves to %s through a symbolic "
	  "link); allowed only with --allow-outside",
	  "字体 '%s' 通过符号链接指向本期文件所在目录之外（实际位置 %s）；只有使用 --allow-outside 时才允许",
	  NULL },
	{ "font '%s': too many fonts (at most %d)", "字体 '%s'：字体太多（最多 %d 个）", NULL },

	/* ---------------------------------------------------- pdf/image.c */
	{ "image '%s' is outside the issue's directory; images the issue names must be in its "
	  "directory (or below), unless --allow-outside is given",
	  "图片 '%s' 在本期文件所在的目录之外；文件中指定的图片必须位于该目录（或其子目录）中，"
	  "除非使用 --allow-outside",
	  NULL },
	{ "image '%s' not found (%s: %s)", "找不到图片 '%s'（%s：%s）", "..w" },
	{ "image '%s' leads outside the issue's directory (it resolves to %s through a symbolic "
	  "link); allowed only with --allow-outside",
	  "图片 '%s' 通过符号链接指向本期文件所在目录之外（实际位置 %s）；只有使用 --allow-outside 时才允许",
	  NULL },
	{ "image '%s' is %zu bytes; at most %u MiB", "图片 '%s' 有 %zu 字节；最多 %u MiB", NULL },
	{ "image '%s' is a damaged PNG file (%s)", "图片 '%s' 是损坏的 PNG 文件（%s）", NULL },
	{ "image '%s' is an interlaced PNG, which nqpdf cannot embed; save it without interlacing",
	  "图片 '%s' 是隔行扫描（interlaced）的 PNG，nqpdf 无法嵌入；请另存为非隔行扫描的 PNG", NULL },
	{ "image '%s' is not a PNG or JPEG file", "图片 '%s' 不是 PNG 或 JPEG 文件", NULL },
	{ "image '%s' is %u x %u pixels; at most %d on a side",
	  "图片 '%s' 为 %u × %u 像素；每边最多 %d 像素", NULL },
	{ "image '%s' cannot be read as %s (damaged or an unsupported kind; libharu error 0x%04X)",
	  "图片 '%s' 无法按 %s 读取（文件损坏或不受支持；libharu 错误 0x%04X）", NULL },
	{ "fontconfig could not load its configuration; no system fonts are used",
	  "fontconfig 无法载入配置；不使用系统字体", NULL },
	{ "more characters are in no font; after %d they are not listed one by one",
	  "还有更多字符没有任何字体含有；超过 %d 个之后不再逐一列出", NULL },
	{ "no font has U+%04X%s%s%s: it is set as the .notdef box; name a font that has it with "
	  "--font or \"options\": {\"fonts\": [...]}",
	  "没有字体含有 U+%04X%s%s%s：它将排成 .notdef 方框；请用 --font 或 "
	  "\"options\": {\"fonts\": [...]} 指定含有它的字体",
	  NULL },
	{ "the issue needs more than %d pages; split it into several issues",
	  "本期需要超过 %d 页；请拆分成几期", NULL },
	{ "the issue has %.1f MiB of text; at most %d MiB (about 250 pages) can be set",
	  "本期的文字有 %.1f MiB；最多只能排 %d MiB（约 250 页）", NULL },
	{ "line %d is %.1f pt too wide: no break allowed in \"%.*s%s\"",
	  "第 %d 行超出版心 %.1f pt：\"%.*s%s\" 中没有可以断行的位置", NULL },
	{ "line %d breaks inside a word longer than the line: \"%.*s|%.*s\"",
	  "第 %d 行在一个比行还长的词中间断开：\"%.*s|%.*s\"", NULL },
	{ "QR code for \"%s\" could not be made", "无法为 \"%s\" 生成二维码", NULL },
	{ "the footer is %.0f pt tall and a page holds %.0f pt: it runs past the foot of the page; shorten the captions or the note",
	  "页尾高 %.0f pt，一页只能容纳 %.0f pt：超出版面下边；请缩短二维码说明或附注", NULL },
	{ "contents page numbers did not settle after %d passes",
	  "排版 %d 轮后目录页码仍未稳定", NULL },
	{ "libharu error 0x%04X (detail %u)", "libharu 出错 0x%04X（详细代码 %u）", NULL },
	{ "libharu error 0x%04X (detail %u) while writing %s",
	  "libharu 出错 0x%04X（详细代码 %u），发生在写入 %s 时", NULL },
	{ "pdf: %s", "pdf：%s", NULL },
	{ "cannot subset font %s", "无法为字体 %s 生成子集", NULL },
	{ "libharu: cannot create a document", "libharu：无法创建文档", NULL },

	/* ---------------------------------------------------------- src/cli */
	{ "Try 'nqpdf --help'.", "运行 'nqpdf --help' 查看用法。", NULL },
	{ "ambiguous option '%s'", "选项 '%s' 有歧义（可能是几个选项的开头）", NULL },
	{ "option '--%s' takes no value", "选项 '--%s' 不带值", NULL },
	{ "option '--face' takes ROLE=FILE, ROLE one of body, bold and heading, not '%s'",
	  "选项 '--face' 的值应为 角色=文件，角色是 body、bold 或 heading 之一，而不是 '%s'", NULL },
	{ "unknown option '%s'", "未知的选项 '%s'", NULL },
	{ "option '%s' needs a value", "选项 '%s' 需要一个值", NULL },
	{ "-j needs a number of jobs from 1 to %d, not '%s'", "-j 需要 1 到 %d 之间的任务数，而不是 '%s'", NULL },
	{ "unknown stage '%s' (model, lines or layout)", "未知的阶段 '%s'（可用 model、lines 或 layout）", NULL },
	{ "unknown paper size '%s' (A4, B5 or Letter)", "未知的纸张 '%s'（可用 A4、B5 或 Letter）", NULL },
	{ "unknown PDF standard '%s' (a-2u or none)", "未知的 PDF 标准 '%s'（可用 a-2u 或 none）", NULL },
	{ "--draft= needs a text (or use --no-draft)", "--draft= 需要文字（不要草稿标记请用 --no-draft）", NULL },
	{ "unknown prohibition level '%s' (basic, gb or strict)",
	  "未知的禁则级别 '%s'（可用 basic、gb 或 strict）", NULL },
	{ "unknown punctuation style '%s' (quanjiao, kaiming, banjiao or fixed)",
	  "未知的标点样式 '%s'（可用 quanjiao、kaiming、banjiao 或 fixed）", NULL },
	{ "unknown colour setting '%s' (auto, always or never)",
	  "未知的颜色设置 '%s'（可用 auto、always 或 never）", NULL },
	{ "no input file", "没有输入文件", NULL },
	{ "%s cannot be used with %s", "%s 不能与 %s 同时使用", NULL },
	{ "-o takes one input; use -d OUTDIR for several", "-o 只对应一个输入文件；多个文件请用 -d 输出目录", NULL },
	{ "--dump takes one input", "--dump 只能用于一个输入文件", NULL },
	{ "several inputs need -d OUTDIR (or --check)", "多个输入文件需要 -d 输出目录（或 --check）", NULL },
	{ "standard input (-) cannot be used with -d or several inputs",
	  "标准输入（-）不能与 -d 或多个输入文件一起使用", NULL },
	{ "no output file: use -o FILE.pdf (or --check)", "没有输出文件：请用 -o 文件.pdf（或 --check）", NULL },
	{ "SOURCE_DATE_EPOCH '%s' is not a number of seconds", "SOURCE_DATE_EPOCH '%s' 不是秒数", NULL },
	{ "SOURCE_DATE_EPOCH %s is after %lld (9999-12-31T23:59:59Z), the last date a PDF can hold",
	  "SOURCE_DATE_EPOCH %s 晚于 %lld（9999-12-31T23:59:59Z），PDF 能记录的最后日期", NULL },
	{ "option '%s' needs a file or directory name, not an empty one",
	  "选项 '%s' 需要文件名或目录名，不能为空", NULL },
	{ "the output '%s' is the input file '%s'; choose another output",
	  "输出 '%s' 就是输入文件 '%s'；请换一个输出文件", NULL },
	/* file.c's output cases and the strerror() texts they bring. */
	{ "cannot write '%s': no process opened the FIFO for reading within %d s",
	  "无法写入 '%s'：%d 秒内没有进程打开这个 FIFO 读取", NULL },
	{ "File too large", "文件过大", NULL },
	{ "Bad file descriptor", "错误的文件描述符", NULL },
	{ "Broken pipe", "断开的管道", NULL },
	{ "No such device or address", "没有那个设备或地址", NULL },
	{ "'%s' and '%s' would both be written to '%s'", "'%s' 和 '%s' 都会写到 '%s'", NULL },
	{ "cannot create directory '%s': %s", "无法创建目录 '%s'：%s", ".w" },
	{ "%s: the worker stopped on signal %d", "%s：工作进程因信号 %d 而终止", NULL },
	{ "%s: cannot start a worker: %s", "%s：无法启动工作进程：%s", ".w" },
	{ "checked %d, failed %d (%.2f s)", "已校验 %d 个，失败 %d 个（用时 %.2f 秒）", NULL },
	{ "rendered %d, failed %d (%.2f s)", "已生成 %d 个，失败 %d 个（用时 %.2f 秒）", NULL },
	{ "init writes one file; '%s' is one too many", "init 只写一个文件；多了 '%s'", NULL },
	{ "'%s' already exists; add --force to replace it", "'%s' 已经存在；要覆盖请加 --force", NULL },
	{ "wrote %s; fill it in, then: nqpdf --check %s", "已写出 %s；填好内容后运行：nqpdf --check %s", NULL },
	{ "typographic report for %s", "%s 的排版自检", NULL },
	{ "pages", "页数", NULL },
	{ "paragraphs", "段落数", NULL },
	{ "lines", "行数", NULL },
	{ "overfull lines", "超出版心的行", NULL },
	{ "characters set in a fallback font", "用后备字体排的字符", NULL },
	{ "characters no font has", "缺字（没有字体含有）", NULL },
	{ "contents layout passes", "目录排版轮次", NULL },
	{ "largest added ideograph gap", "最大的汉字间加宽", NULL },
	{ "look again: overfull lines or missing characters (see the warnings above)",
	  "请复查：有超出版心的行或缺字（见上面的警告）", NULL },
	{ "loose lines (ideograph gaps over 0.05 em)", "字距过松的行（汉字间加宽超过 0.05 em）", NULL },
	{ "marks squeezed alone (over 0.2 em)", "单独被挤压的标点（超过 0.2 em）", NULL },
	{ "headings ending in 1-3 characters", "末行只有 1-3 个字的标题", NULL },
	{ "paragraphs ending in one character or a citation", "末行只有一个字或只有引用的段落", NULL },
	{ "line %zu: marks squeezed alone to justify it: %d", "第 %zu 行：为对齐而单独挤压的标点：%d 个", NULL },
	{ "the last line holds 1-3 characters under a longer one", "末行只有 1-3 个字，上一行更长", NULL },
	{ "the last line holds one character or only a citation", "末行只有一个字或只有引用", NULL },
	{ "look again: loose lines, squeezed marks or short last lines (see the notes above)",
	  "请复查：有字距过松的行、被挤压的标点或过短的末行（见上面的提示）", NULL },
	{ "all good: no overfull, loose or squeezed lines, no missing characters",
	  "良好：没有超出版心、过松或挤压的行，也没有缺字", NULL },
	{ "line %zu: no better break, ideograph gaps widened by %.3f em",
	  "第 %zu 行：没有更好的断行处，汉字间加宽了 %.3f em", NULL },
	/* ------------------------------------- src/md, convert.c, watch.c */
	{ "unknown input format '%s' (json or md)", "未知的输入格式 '%s'（可用 json 或 md）", NULL },
	{ "--watch takes one input file and -o FILE.pdf", "--watch 需要一个输入文件和 -o 文件.pdf", NULL },
	{ "convert takes one input; '%s' is one too many", "convert 只转换一个输入；'%s' 多余", NULL },
	{ "no output file: use -o FILE.md or -o FILE.json", "没有输出文件：请用 -o 文件.md 或 -o 文件.json", NULL },
	{ "cannot watch '%s': %s", "无法监视 '%s'：%s", ".w" },
	{ "YAML front matter could not be written", "无法写出 YAML 元数据", NULL },
	{ "YAML front matter: %s: %s", "YAML 元数据：%s：%s", NULL },
	{ "YAML front matter: %s", "YAML 元数据：%s", NULL },
	{ "YAML front matter: a key must be plain text", "YAML 元数据：键必须是普通文字", NULL },
	{ "YAML front matter: aliases (*name) are not supported; write the value out",
	  "YAML 元数据：不支持别名（*name），请把值直接写出", NULL },
	{ "'%s' comes from the body (## headings), not the front matter",
	  "'%s' 来自正文（## 标题），不能写在元数据里", NULL },
	{ "the front matter must be a YAML mapping of the format's top-level keys (key: value)",
	  "元数据必须是格式顶层字段的 YAML 映射（键: 值）", NULL },
	{ "the front matter has no closing '---' line", "元数据缺少结尾的 '---' 行", NULL },
	{ "reference %d: empty item; write 来源，《题名》，日期。用途：……。链接：URL",
	  "参考资料 %d：空条目；请写成 来源，《题名》，日期。用途：……。链接：网址", NULL },
	{ "reference %d: only the item's first paragraph is read", "参考资料 %d：只读取条目的第一段", NULL },
	{ "reference %d: no http:// or https:// URL after the link label",
	  "参考资料 %d：链接标签后面没有 http:// 或 https:// 网址", NULL },
	{ "reference %d: 《 without its 》; the title runs to the end of the item",
	  "参考资料 %d：《 没有对应的 》；题名取到条目末尾", NULL },
	{ "reference %d: no 《title》; the text after the first comma is taken as the title",
	  "参考资料 %d：没有《题名》；取第一个逗号后的文字作题名", NULL },
	{ "reference %d: no 《title》 (write 来源，《题名》，日期)",
	  "参考资料 %d：没有《题名》（请写成 来源，《题名》，日期）", NULL },
	{ "reference %d: no source before the title (write 来源，《题名》)",
	  "参考资料 %d：题名前没有来源（请写成 来源，《题名》）", NULL },
	{ "reference %d: no date (2026-05-12 or 2026年5月12日) in '%.*s'; it is left out",
	  "参考资料 %d：'%.*s' 中没有日期（2026-05-12 或 2026年5月12日），已略去", NULL },
	{ "reference %d: '%.*s' after the date is left out", "参考资料 %d：日期后面的 '%.*s' 已略去", NULL },
	{ "empty item under the footer; write caption：payload", "“关注我们”下的空条目；请写成 说明：内容", NULL },
	{ "footer item without '：' between caption and payload; it is left out",
	  "“关注我们”的条目在说明和内容之间没有 '：'，已略去", NULL },
	{ "footer item: %d more '%s' outside brackets could end the caption; it ends at the "
	  "last one, here (write the footer in the front matter to say otherwise)",
	  "“关注我们”的条目：括号外还有 %d 个 '%s' 也可能是说明的结尾；说明到最后一个为止，即此处"
	  "（如要在别处分开，请把 footer 写在元数据里）", NULL },
	{ "a second title: the front matter has 'title' (use ## for a section)",
	  "第二个刊名：元数据里已有 title（正文部分请用 ##）", NULL },
	{ "the # title must come before the first ## heading", "# 刊名必须写在第一个 ## 标题之前", NULL },
	{ "a second '## %.*s'; each part comes once", "第二个 '## %.*s'；每个部分只能出现一次", NULL },
	{ "'## %.*s' and a front-matter 'footer': keep one", "'## %.*s' 与元数据中的 footer 只能保留一个", NULL },
	{ "section '%.*s' after the abstract/insight/references/footer parts; sections come together",
	  "部分 '%.*s' 写在了摘要、趋势洞察、参考资料或关注我们之后；编号部分要连在一起", NULL },
	{ "the heading '%.*s' is only numbering; nqpdf numbers sections itself, write the heading's text",
	  "标题 '%.*s' 只有编号；编号由 nqpdf 生成，请写出标题文字", NULL },
	{ "a table is not supported yet (see docs/markdown.md)", "暂不支持表格（见 docs/markdown.md）", NULL },
	{ "text before the first ## heading; start with '## %s' or a section heading",
	  "第一个 ## 标题之前有正文；请以 '## %s' 或某部分的标题开始", NULL },
	{ "a paragraph under '## %s' is left out; references are a numbered list (1. …)",
	  "'## %s' 下的段落已略去；参考资料要写成编号列表（1. …）", NULL },
	{ "the footer has one note; this paragraph is left out", "“关注我们”只有一段附注；这一段已略去", NULL },
	{ "references are a numbered list (1. …); the numbers are read as written",
	  "参考资料要写成编号列表（1. …）；编号按所写的读取", NULL },
	{ "heading level %d: sub-headings are not supported yet; use ## for a section",
	  "%d 级标题：暂不支持小标题；正文部分请用 ##", NULL },
	{ "a thematic break (---) is left out", "分隔线（---）已略去", NULL },
	{ "%s is not supported here yet (paragraphs only; lists are for references and the footer)",
	  "这里暂不支持%s（只能写段落；列表只用于参考资料和关注我们）", "w" },
	{ "a block quote (>)", "引用块（>）", NULL },
	{ "a list", "列表", NULL },
	{ "a code block", "代码块", NULL },
	{ "an HTML block", "HTML 块", NULL },
	{ "a thematic break (---)", "分隔线（---）", NULL },
	{ "a heading", "标题", NULL },
	{ "%s: %d page(s), %d warning(s), %.2f s", "%s：%d 页，%d 条警告，%.2f 秒", NULL },
	{ "%s: %d error(s); %s kept as it was (exit code %d), %.2f s",
	  "%s：%d 个错误；%s 保持原样（退出码 %d），%.2f 秒", NULL },
	{ "watching %s; Ctrl-C stops", "正在监视 %s；按 Ctrl-C 结束", NULL },
	{ "stopped watching %s", "已停止监视 %s", NULL },
	{ "this block", "这个块", NULL },
};

const nq_msg *nq_msg_table(size_t *n)
{
	*n = sizeof catalogue / sizeof *catalogue;
	return catalogue;
}

const nq_msg *nq_msg_find(const char *en)
{
	/* A linear scan: a run looks up a handful of messages. */
	for (size_t i = 0; i < sizeof catalogue / sizeof *catalogue; i++)
		if (strcmp(catalogue[i].en, en) == 0)
			return &catalogue[i];
	return NULL;
}

nq_lang nq_msg_lang(const char *lc_all, const char *lc_messages, const char *lang)
{
	/* POSIX (XBD 8.2): LC_ALL beats LC_MESSAGES beats LANG; empty is
	 * unset.  Any zh locale (zh_CN, zh_TW, zh_HK, zh_SG, zh) is Chinese:
	 * the catalogue has one Chinese, in simplified characters. */
	const char *v = lc_all && *lc_all             ? lc_all
	              : lc_messages && *lc_messages ? lc_messages
	                                            : lang;
	return v && v[0] == 'z' && v[1] == 'h' && (v[2] == 0 || v[2] == '_' || v[2] == '.' || v[2] == '@')
	           ? NQ_LANG_ZH
	           : NQ_LANG_EN;
}

const char *nq_msg_tr(nq_lang lang, const char *s)
{
	if (lang == NQ_LANG_EN)
		return s;
	const nq_msg *m = nq_msg_find(s);
	return m ? m->zh : s;
}

/* ----------------------------------------------------- printf conversions */

/* One conversion of a format: where it is, which letter, which length
 * modifier, whether width or precision come from arguments. */
typedef struct conv {
	size_t at, len;
	char c;
	char mod; /* 0, 'h', 'l', 'q' (ll), 'z', 'j', 't', 'L' */
	bool star_w, star_p;
} conv;

/* At most this many conversions in one message; the longest has four. */
#define MAX_CONV 8

/* Parse the conversion at f[i] == '%' (not "%%").  Returns false for what
 * nqpdf's messages never use: positional arguments, %n, unknown letters. */
static bool parse_conv(const char *f, size_t i, conv *cv)
{
	size_t j = i + 1;
	*cv = (conv){ .at = i };
	while (f[j] && strchr("-+ #0", f[j]))
		j++;
	if (f[j] == '*') {
		cv->star_w = true;
		j++;
	} else {
		while (f[j] >= '0' && f[j] <= '9')
			j++;
	}
	if (f[j] == '$')
		return false;
	if (f[j] == '.') {
		j++;
		if (f[j] == '*') {
			cv->star_p = true;
			j++;
		} else {
			while (f[j] >= '0' && f[j] <= '9')
				j++;
		}
	}
	if (f[j] == 'h') {
		cv->mod = 'h';
		j += f[j + 1] == 'h' ? 2 : 1;
	} else if (f[j] == 'l') {
		cv->mod = f[j + 1] == 'l' ? 'q' : 'l';
		j += f[j + 1] == 'l' ? 2 : 1;
	} else if (f[j] && strchr("zjtL", f[j])) {
		cv->mod = f[j++];
	}
	if (!f[j] || !strchr("diouxXcsfFeEgGaAp", f[j]))
		return false;
	cv->c = f[j];
	cv->len = j + 1 - i;
	return true;
}

/* All conversions of f; -1 when malformed or too many. */
static int convs(const char *f, conv *out)
{
	int n = 0;
	for (size_t i = 0; f[i]; i++) {
		if (f[i] != '%')
			continue;
		if (f[i + 1] == '%') {
			i++;
			continue;
		}
		if (n == MAX_CONV || !parse_conv(f, i, &out[n]))
			return -1;
		i += out[n].len - 1;
		n++;
	}
	return n;
}

const char *nq_msg_conversions(nq_arena *a, const char *fmt)
{
	conv cv[MAX_CONV];
	int n = convs(fmt, cv);
	if (n < 0)
		return NULL;
	nq_buf b = { .a = a };
	for (int k = 0; k < n; k++) {
		if (k)
			nq_buf_puts(&b, " ");
		nq_buf_put(&b, fmt + cv[k].at, cv[k].len);
	}
	return nq_buf_cstr(&b);
}

/* Format one argument with its own conversion. */
#define EMIT(T, val) \
	do { \
		T v_ = (val); \
		int n_ = cv->star_w && cv->star_p ? snprintf(NULL, 0, spec, w, p, v_) \
		       : cv->star_w               ? snprintf(NULL, 0, spec, w, v_) \
		       : cv->star_p               ? snprintf(NULL, 0, spec, p, v_) \
		                                  : snprintf(NULL, 0, spec, v_); \
		size_t z_ = (size_t)(n_ < 0 ? 0 : n_) + 1; \
		out = nq_alloc(a, z_); \
		if (cv->star_w && cv->star_p) \
			snprintf(out, z_, spec, w, p, v_); \
		else if (cv->star_w) \
			snprintf(out, z_, spec, w, v_); \
		else if (cv->star_p) \
			snprintf(out, z_, spec, p, v_); \
		else \
			snprintf(out, z_, spec, v_); \
	} while (0)

static char *piece(nq_arena *a, const char *fmt, const conv *cv, va_list *ap)
{
	char spec[32];
	size_t sl = cv->len < sizeof spec ? cv->len : sizeof spec - 1;
	memcpy(spec, fmt + cv->at, sl);
	spec[sl] = 0;
	int w = cv->star_w ? va_arg(*ap, int) : 0;
	int p = cv->star_p ? va_arg(*ap, int) : 0;
	char *out = NULL;
	switch (cv->c) {
	case 'd':
	case 'i':
		switch (cv->mod) {
		case 'l': EMIT(long, va_arg(*ap, long)); break;
		case 'q': EMIT(long long, va_arg(*ap, long long)); break;
		case 'z': EMIT(size_t, va_arg(*ap, size_t)); break;
		case 'j': EMIT(intmax_t, va_arg(*ap, intmax_t)); break;
		case 't': EMIT(ptrdiff_t, va_arg(*ap, ptrdiff_t)); break;
		default: EMIT(int, va_arg(*ap, int)); break;
		}
		break;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		switch (cv->mod) {
		case 'l': EMIT(unsigned long, va_arg(*ap, unsigned long)); break;
		case 'q': EMIT(unsigned long long, va_arg(*ap, unsigned long long)); break;
		case 'z': EMIT(size_t, va_arg(*ap, size_t)); break;
		case 'j': EMIT(uintmax_t, va_arg(*ap, uintmax_t)); break;
		case 't': EMIT(ptrdiff_t, va_arg(*ap, ptrdiff_t)); break;
		default: EMIT(unsigned, va_arg(*ap, unsigned)); break;
		}
		break;
	case 'c':
		EMIT(int, va_arg(*ap, int));
		break;
	case 's':
		EMIT(const char *, va_arg(*ap, const char *));
		break;
	case 'p':
		EMIT(void *, va_arg(*ap, void *));
		break;
	default: /* f F e E g G a A */
		if (cv->mod == 'L')
			EMIT(long double, va_arg(*ap, long double));
		else
			EMIT(double, va_arg(*ap, double));
		break;
	}
	return out;
}

/* The Chinese format zh with its conversions replaced by the finished
 * pieces, in order; NULL when zh does not have n conversions. */
static char *fill(nq_arena *a, const char *zh, char **pieces, int n)
{
	conv cv[MAX_CONV];
	if (convs(zh, cv) != n)
		return NULL;
	nq_buf b = { .a = a };
	size_t i = 0;
	for (int k = 0; k <= n; k++) {
		size_t to = k < n ? cv[k].at : strlen(zh);
		for (; i < to; i++) {
			nq_buf_put(&b, zh + i, 1);
			if (zh[i] == '%' && zh[i + 1] == '%')
				i++; /* "%%" is one '%' */
		}
		if (k < n) {
			nq_buf_puts(&b, pieces[k]);
			i += cv[k].len;
		}
	}
	return (char *)nq_buf_cstr(&b);
}

bool nq_cp_unsafe(int32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *nq_msg_escape(nq_arena *a, const char *s)
{
	size_t n = strlen(s), i = 0;
	/* Most messages have nothing to escape: no copy for them. */
	while (i < n) {
		size_t j = i;
		int32_t cp = nq_utf8_next(s, n, &j);
		if (cp < 0 || nq_cp_unsafe(cp))
			break;
		i = j;
	}
	if (i == n)
		return s;
	nq_buf b = { .a = a };
	nq_buf_put(&b, s, i);
	while (i < n) {
		size_t j = i;
		int32_t cp = nq_utf8_next(s, n, &j);
		if (cp < 0)
			nq_buf_printf(&b, "\\x%02x", (unsigned char)s[i]);
		else if (!nq_cp_unsafe(cp))
			nq_buf_put(&b, s + i, j - i);
		else if (cp == '\n')
			nq_buf_puts(&b, "\\n");
		else if (cp == '\r')
			nq_buf_puts(&b, "\\r");
		else if (cp == '\t')
			nq_buf_puts(&b, "\\t");
		else
			nq_buf_printf(&b, "\\u%04x", (unsigned)cp);
		i = j;
	}
	return nq_buf_cstr(&b);
}

/* The message before escaping: see nq_msg_vformat. */
static char *vformat(nq_arena *a, nq_lang lang, const char *fmt, va_list ap)
{
	const nq_msg *m = lang == NQ_LANG_EN ? NULL : nq_msg_find(fmt);
	conv cv[MAX_CONV];
	int n = m ? convs(fmt, cv) : -1;
	if (n < 0) {
		/* English, or nothing in the catalogue: plain vsnprintf. */
		va_list ap2;
		va_copy(ap2, ap);
		int len = vsnprintf(NULL, 0, fmt, ap);
		char *s = nq_alloc(a, (size_t)(len < 0 ? 0 : len) + 1);
		if (len > 0)
			vsnprintf(s, (size_t)len + 1, fmt, ap2);
		va_end(ap2);
		return s;
	}
	char *pieces[MAX_CONV];
	va_list ap2;
	va_copy(ap2, ap);
	for (int k = 0; k < n; k++) {
		pieces[k] = piece(a, fmt, &cv[k], &ap2);
		if (cv[k].c == 's' && m->args && (int)strlen(m->args) > k && m->args[k] == 'w')
			pieces[k] = (char *)nq_msg_text(a, lang, pieces[k]);
	}
	va_end(ap2);
	char *s = fill(a, m->zh, pieces, n);
	if (!s) {
		/* A broken entry: say it in English rather than garble it. */
		nq_buf b = { .a = a };
		int k = 0;
		for (size_t i = 0; fmt[i]; i++) {
			if (k < n && i == cv[k].at) {
				nq_buf_puts(&b, pieces[k]);
				i += cv[k].len - 1;
				k++;
			} else {
				nq_buf_put(&b, fmt + i, 1);
				if (fmt[i] == '%' && fmt[i + 1] == '%')
					i++;
			}
		}
		s = (char *)nq_buf_cstr(&b);
	}
	return s;
}

char *nq_msg_vformat(nq_arena *a, nq_lang lang, const char *fmt, va_list ap)
{
	/* Every message, whatever its arguments (keys, the user's text,
	 * file names, command-line words), is escaped here, once, so no
	 * caller can forget: no message prints a control character. */
	return (char *)nq_msg_escape(a, vformat(a, lang, fmt, ap));
}

char *nq_msg_format(nq_arena *a, nq_lang lang, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = nq_msg_vformat(a, lang, fmt, ap);
	va_end(ap);
	return s;
}

/* ------------------------------------------------ matching finished text */

/* How many bytes of s, from the start, conversion c could have printed:
 * the longest run of its characters (numbers), or -1 for "any" (%s). */
static size_t run_of(char c, const char *s)
{
	const char *set = c == 'd' || c == 'i' || c == 'u' ? "-+0123456789"
	                : c == 'x' || c == 'X'             ? "0123456789abcdefABCDEF"
	                : c == 'o'                         ? "01234567"
	                                                   : "-+0123456789.eEinfaINFA";
	return strspn(s, set);
}

/* Does s match format f from conversion k on?  Fills at[] and len[] with
 * the text each conversion stands for.  %s matches as little as it can,
 * numbers as much; backtracking covers the rest.  The messages are short. */
static bool match(const char *f, const conv *cv, int n, int k, size_t fi, const char *s,
                  const char **at, size_t *len)
{
	size_t lit = (k < n ? cv[k].at : strlen(f)) - fi;
	/* The literal text up to the next conversion ("%%" is one '%'). */
	for (size_t i = 0; i < lit; i++, s++) {
		if (*s != f[fi + i])
			return false;
		if (f[fi + i] == '%')
			i++;
	}
	if (k == n)
		return *s == 0;
	size_t next = cv[k].at + cv[k].len;
	at[k] = s;
	if (cv[k].c == 's' || cv[k].c == 'c' || cv[k].c == 'p') {
		size_t max = strlen(s);
		for (size_t l = cv[k].c == 'c' ? 1 : 0; l <= max; l++) {
			len[k] = l;
			if (match(f, cv, n, k + 1, next, s + l, at, len))
				return true;
			if (cv[k].c == 'c')
				break;
		}
		return false;
	}
	for (size_t l = run_of(cv[k].c, s); l > 0; l--) {
		len[k] = l;
		if (match(f, cv, n, k + 1, next, s + l, at, len))
			return true;
	}
	return false;
}

const char *nq_msg_text(nq_arena *a, nq_lang lang, const char *s)
{
	if (lang == NQ_LANG_EN)
		return s;
	conv cv[MAX_CONV];
	const nq_msg *m = nq_msg_find(s);
	if (m && convs(m->en, cv) <= 0)
		return m->zh;
	size_t nc = sizeof catalogue / sizeof *catalogue;
	for (size_t e = 0; e < nc; e++) {
		int n = convs(catalogue[e].en, cv);
		if (n <= 0)
			continue;
		const char *at[MAX_CONV];
		size_t len[MAX_CONV];
		if (!match(catalogue[e].en, cv, n, 0, 0, s, at, len))
			continue;
		char *pieces[MAX_CONV];
		for (int k = 0; k < n; k++) {
			pieces[k] = nq_strndup(a, at[k], len[k]);
			const char *args = catalogue[e].args;
			if (cv[k].c == 's' && args && (int)strlen(args) > k && args[k] == 'w')
				pieces[k] = (char *)nq_msg_text(a, lang, pieces[k]);
		}
		char *t = fill(a, catalogue[e].zh, pieces, n);
		if (t)
			return t;
	}
	return s;
}
