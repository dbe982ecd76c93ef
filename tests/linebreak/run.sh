# tests/linebreak/run.sh - sourced by tests/run.sh: the CLREQ examples of
# tests/linebreak/spec.txt through `nqpdf --dump=lines`.  Under REGEN=1 the
# expected lines in spec.txt are rewritten from nqpdf's output (check them
# by hand before committing).

lb=$OUT/linebreak
mkdir -p "$lb"
# Split the spec: NAME.text, NAME.exp, NAME.measure; names in $lb/list.
awk -v dir="$lb" '
	/^````````````````````````````````+ example / {
		name = $3; measure = $4; state = 1
		print name >> (dir "/list"); print measure > (dir "/" name ".measure")
		close(dir "/" name ".measure")
		opts = ""; for (i = 5; i <= NF; i++) opts = opts " " $i
		print opts > (dir "/" name ".opts"); close(dir "/" name ".opts")
		printf "" > (dir "/" name ".exp")
		next
	}
	/^````````````````````````````````+$/ { if (state) { close(dir "/" name ".exp"); state = 0 }; next }
	state == 1 { print > (dir "/" name ".text"); close(dir "/" name ".text"); state = 2; next }
	state == 2 && $0 == "." { state = 3; next }
	state == 3 { print >> (dir "/" name ".exp") }
' tests/linebreak/spec.txt

if [ ! -s "$lb/list" ]; then
	fail "linebreak: no examples found in tests/linebreak/spec.txt"
else
	while read -r name; do
		d=$lb/$name.detail
		: >"$d"
		# The text as a JSON string: escape backslashes and quotes.
		text=$(sed 's/\\/\\\\/g; s/"/\\"/g' "$lb/$name.text")
		# Header options: prohibition=LEVEL sets the issue's level,
		# punctuation=STYLE its punctuation style;
		# warn=TEXT expects a warning containing TEXT (else stderr must
		# be empty).  A text citing [1] gets one reference to cite.
		# heading: the text is the section's heading (ragged, 13.5 pt,
		# numbered 一、), and the example shows its lines; url=URL: the
		# text cites [1], whose entry has that link, and the example
		# shows the entry's lines (labels and all).
		opts=$(cat "$lb/$name.opts")
		level=$(printf '%s\n' $opts | sed -n 's/^prohibition=//p')
		warn=$(printf '%s\n' $opts | sed -n 's/^warn=//p')
		extra=
		punct=$(printf '%s\n' $opts | sed -n 's/^punctuation=//p')
		o="\"contents\": false"
		[ -n "$level" ] && o="$o, \"prohibition\": \"$level\""
		[ -n "$punct" ] && o="$o, \"punctuation\": \"$punct\""
		# paper=B5: the 36 em measure (the example's MEASURE says 36).
		paper=$(printf '%s\n' $opts | sed -n 's/^paper=//p')
		[ -n "$paper" ] && o="$o, \"paper\": \"$paper\""
		extra=", \"options\": {$o}"
		url=$(printf '%s\n' $opts | sed -n 's/^url=//p')
		heading=$(printf '%s\n' $opts | grep -x heading)
		if [ -n "$url" ]; then
			# title=TEXT and purpose=TEXT give the entry a longer
			# title and a 用途 (no spaces in either).
			title=$(printf '%s\n' $opts | sed -n 's/^title=//p')
			purpose=$(printf '%s\n' $opts | sed -n 's/^purpose=//p')
			ref="\"source\": \"来源\", \"title\": \"${title:-标题}\", \"url\": \"$url\""
			[ -n "$purpose" ] && ref="$ref, \"purpose\": \"$purpose\""
			extra="$extra, \"references\": [{$ref}]"
		else
			case $text in *'[1]'*)
				extra="$extra, \"references\": [{\"source\": \"来源\", \"title\": \"标题\"}]" ;;
			esac
		fi
		if [ -n "$heading" ]; then
			printf '{"nqpdf": 1, "title": "测试", "organization": "测试单位", "date": "2026-05-14",\n "sections": [{"heading": "%s", "paragraphs": ["正文。"]}]%s}\n' \
				"$text" "$extra" >"$lb/$name.json"
		else
			printf '{"nqpdf": 1, "title": "测试", "organization": "测试单位", "date": "2026-05-14",\n "sections": [{"heading": "测试", "paragraphs": ["%s"]}]%s}\n' \
				"$text" "$extra" >"$lb/$name.json"
		fi
		"$NQPDF" "$lb/$name.json" --dump=lines >"$lb/$name.dump" 2>"$lb/$name.err"
		rc=$?
		[ $rc -eq 0 ] || echo "nqpdf exited $rc" >>"$d"
		if [ -n "$warn" ]; then
			grep -q "^$lb/$name.json:2:[0-9]*: warning: .*$warn" "$lb/$name.err" ||
				{ echo "expected a warning at line 2 with '$warn', stderr:"; cat "$lb/$name.err"; } >>"$d"
		elif [ -s "$lb/$name.err" ]; then
			{ echo "stderr:"; cat "$lb/$name.err"; } >>"$d"
		fi
		# The paragraph the example shows: the body's first, the
		# reference entry's, or the heading's (the para whose lines
		# read 一、TEXT).
		if [ -n "$url" ]; then
			want_para='^para \/references\/0 '
		else
			want_para='^para \/sections\/0\/paragraphs\/0 '
		fi
		if [ -n "$heading" ]; then
			awk -v t="一、$(cat "$lb/$name.text")" '
				function out() { if (!done && join == t && n) { print head; for (i = 1; i <= n; i++) print l[i]; done = 1 } }
				/^para/ { out(); head = $0; n = 0; join = ""; next }
				{ n++; l[n] = $0; s = $0; sub(/^  \|/, "", s); sub(/\|.*/, "", s); join = join s }
				END { out() }' \
				"$lb/$name.dump" >"$lb/$name.para"
		else
			awk -v p="$want_para" '$0 ~ p {on=1; print; next} /^para/{on=0} on' \
				"$lb/$name.dump" >"$lb/$name.para"
		fi
		head -n 1 "$lb/$name.para" >"$lb/$name.head"
		sed '1d; s/^  //' "$lb/$name.para" >"$lb/$name.act"
		# The measure in the dump is MEASURE em of 10.5 pt.
		m=$(cat "$lb/$name.measure")
		want=$(awk -v m="$m" 'BEGIN { printf "%.2f", m * 10.5 }')
		grep -q " width $want lines " "$lb/$name.head" ||
			echo "measure: expected width $want pt, dump says: $(cat "$lb/$name.head")" >>"$d"
		# Every line but the last is justified to the measure, none
		# overfull (a heading is ragged: its lines are checked by eye
		# in the expected output).
		[ -n "$heading" ] || awk -v w="$want" -v overfull_ok="$warn" '
			{ line[NR] = $0 }
			END {
				for (i = 1; i <= NR; i++) {
					if (line[i] ~ /OVERFULL|RAGGED/) {
						if (!overfull_ok) print "line " i " is overfull or ragged"
						continue
					}
					if (i == NR) continue
					# "| x X w W" and maybe " cjk +Eem" after it.
					s = line[i]; sub(/.*\| x /, "", s)
					split(s, f, " "); x = f[1]; wd = f[3]
					if ((x + wd - w) > 0.011 || (w - x - wd) > 0.011)
						print "line " i ": x " x " + w " wd " != " w
				}
			}' "$lb/$name.act" >>"$d"
		if [ -n "$REGEN" ]; then
			:
		elif ! diff -u "$lb/$name.exp" "$lb/$name.act" >"$lb/$name.diff"; then
			cat "$lb/$name.diff" >>"$d"
		fi
		check "linebreak: $name" "$d"
	done <"$lb/list"
	if [ -n "$REGEN" ]; then
		# Rewrite the expected lines of every example in spec.txt.
		awk -v dir="$lb" '
			/^````````````````````````````````+ example / { name = $3; state = 1; print; next }
			/^````````````````````````````````+$/ && state {
				f = dir "/" name ".act"
				while ((getline l < f) > 0) print l
				close(f); state = 0; print; next
			}
			state == 1 { print; state = 2; next }
			state == 2 && $0 == "." { print; state = 3; next }
			state == 3 { next }
			{ print }
		' tests/linebreak/spec.txt >"$lb/spec.new" && cp "$lb/spec.new" tests/linebreak/spec.txt
		echo "regenerated tests/linebreak/spec.txt"
	fi
fi
