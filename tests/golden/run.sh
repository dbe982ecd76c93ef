# tests/golden/run.sh - sourced by tests/run.sh: stage dumps of the examples
# against tests/golden/EXAMPLE.STAGE (diff -u; REGEN=1 rewrites them).
# A dump must come without diagnostics, except the ones recorded in
# tests/golden/EXAMPLE.STAGE.err: the real briefings (policy-briefing,
# industry-briefing) cite percent-encoded URLs that the line breaker cannot
# break yet, and those warnings are part of what the dump shows.

gd=$OUT/golden
mkdir -p "$gd"
for ex in minimal daily-2026-05-14 policy-briefing industry-briefing full-briefing; do
	for stage in model lines layout; do
		g=$ex.$stage
		"$NQPDF" "examples/$ex.json" --dump=$stage >"$gd/$g" 2>"$gd/$g.err"
		rc=$?
		if [ -n "$REGEN" ]; then
			rm -f "tests/golden/$g.err"
			[ -s "$gd/$g.err" ] && cp "$gd/$g.err" "tests/golden/$g.err"
		fi
		if [ $rc -ne 0 ]; then
			fail "golden: $ex --dump=$stage: nqpdf failed (exit $rc)" "$gd/$g.err"
			continue
		fi
		if [ -f "tests/golden/$g.err" ]; then
			golden "golden: $ex --dump=$stage: the recorded warnings" "tests/golden/$g.err" "$gd/$g.err"
		elif [ -s "$gd/$g.err" ]; then
			fail "golden: $ex --dump=$stage: nqpdf warned" "$gd/$g.err"
			continue
		fi
		golden "golden: $ex --dump=$stage" "tests/golden/$g" "$gd/$g"
	done
	# --dump with -o writes the dump to the file instead of stdout.
	"$NQPDF" "examples/$ex.json" --dump=lines -o "$gd/$ex.lines.o" >"$gd/$ex.stdout" 2>"$gd/$ex.stderr"
	if [ ! -s "$gd/$ex.stdout" ] && cmp -s "$gd/$ex.lines.o" "$gd/$ex.lines"; then
		ok "golden: $ex --dump=lines -o FILE equals stdout"
	else
		fail "golden: $ex --dump=lines -o FILE equals stdout"
	fi
done

# Inputs kept here for one rule each (tests/golden/NAME.json): the model,
# lines and layout dumps.  bare-urls: web addresses typed in a paragraph become
# URL spans (linked, broken as URLs), ending where RFC 3986 and GFM's
# autolinks say.
for f in tests/golden/*.json; do
	ex=$(basename "$f" .json)
	for stage in model lines layout; do
		g=$ex.$stage
		if "$NQPDF" "$f" --dump=$stage >"$gd/$g" 2>"$gd/$g.err" && [ ! -s "$gd/$g.err" ]; then
			golden "golden: $ex --dump=$stage" "tests/golden/$g" "$gd/$g"
		else
			fail "golden: $ex --dump=$stage: nqpdf failed or warned" "$gd/$g.err"
		fi
	done
done
