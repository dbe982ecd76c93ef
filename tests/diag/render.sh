# tests/diag/render.sh - sourced by tests/diag/run.sh: messages that only a
# render raises (layout's overfull lines, missing characters), which
# --check, stopping after the model, never sees.  Each
# tests/diag/render/NAME.json has NAME.err (the exact stderr of
# `nqpdf NAME.json -o NEW.pdf`) and NAME.rc; REGEN=1 rewrites them (read
# every regenerated line:col before committing).  Under `timeout 30`: a
# hang is a failure.

rd=$dg/render
mkdir -p "$rd"
for json in tests/diag/render/*.json; do
	name=$(basename "$json" .json)
	d=$rd/$name.detail
	: >"$d"
	rm -f "$rd/$name.pdf"
	timeout 30 "$NQPDF" "$json" -o "$rd/$name.pdf" >"$rd/$name.stdout" 2>"$rd/$name.err"
	rc=$?
	diag_expect "$d" tests/diag/render "$rd" "$name" "$rc" ""
	want=$(cat "tests/diag/render/$name.rc" 2>/dev/null)
	if [ "$want" = 0 ]; then
		head -c 5 "$rd/$name.pdf" 2>/dev/null | grep -q '^%PDF-' || echo "no PDF written" >>"$d"
	else
		[ -e "$rd/$name.pdf" ] && echo "$rd/$name.pdf was created although rc is $rc" >>"$d"
	fi
	rm -f "$rd/$name.pdf"
	check "diag render: $name (exit $want)" "$d"
done
