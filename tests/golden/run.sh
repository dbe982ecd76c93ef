# tests/golden/run.sh - sourced by tests/run.sh: stage dumps of the examples
# against tests/golden/EXAMPLE.STAGE (diff -u; REGEN=1 rewrites them).

gd=$OUT/golden
mkdir -p "$gd"
for ex in minimal daily-2026-05-14; do
	for stage in model lines layout; do
		g=$ex.$stage
		if "$NQPDF" "examples/$ex.json" --dump=$stage >"$gd/$g" 2>"$gd/$g.err" && [ ! -s "$gd/$g.err" ]; then
			golden "golden: $ex --dump=$stage" "tests/golden/$g" "$gd/$g"
		else
			fail "golden: $ex --dump=$stage: nqpdf failed or warned" "$gd/$g.err"
		fi
	done
	# --dump with -o writes the dump to the file instead of stdout.
	"$NQPDF" "examples/$ex.json" --dump=lines -o "$gd/$ex.lines.o" >"$gd/$ex.stdout" 2>&1
	if [ ! -s "$gd/$ex.stdout" ] && cmp -s "$gd/$ex.lines.o" "$gd/$ex.lines"; then
		ok "golden: $ex --dump=lines -o FILE equals stdout"
	else
		fail "golden: $ex --dump=lines -o FILE equals stdout"
	fi
done
