#!/bin/sh
# run.sh - the whole nqpdf test suite (POSIX sh).  `make test` runs it.
#
#   NQPDF=path/to/nqpdf   the binary under test (default ./nqpdf)
#   UNIT=path/to/unit     the unit-test binary (default build/unit_tests)
#   REGEN=1               rewrite the golden files instead of comparing
#
# Prints one line per test, `ok - name` or `FAIL - name` (with details
# indented below), and ends with exactly one line `N passed, N failed`.
# The unit binary's own counts are added to those.  Scratch files go to
# tests/out/ (removed by `make clean`).  Parts, sourced in order:
#   tests/unit (binary), tests/linebreak/run.sh, tests/diag/run.sh,
#   tests/golden/run.sh, tests/pdf.sh, tests/pdfa.sh, tests/fonts.sh, tests/typeset.sh,
#   tests/footer.sh, tests/briefing.sh, tests/blocks.sh, tests/cli.sh, tests/io.sh, tests/md.sh,
#   tests/fuzz/run.sh (replay
#   binaries beside UNIT, in fuzz/).

# Paths given relative to the caller stay valid after the cd below.
here=$(pwd)
case ${NQPDF:-} in '' | /*) ;; *) NQPDF=$here/$NQPDF ;; esac
case ${UNIT:-} in '' | /*) ;; *) UNIT=$here/$UNIT ;; esac
cd "$(dirname "$0")/.." || exit 1
NQPDF=${NQPDF:-./nqpdf}
UNIT=${UNIT:-build/unit_tests}
REGEN=${REGEN:-}
OUT=tests/out
LC_ALL=C.UTF-8
export LC_ALL
unset SOURCE_DATE_EPOCH

rm -rf "$OUT"
mkdir -p "$OUT"
npass=0
nfail=0

ok() {
	npass=$((npass + 1))
	echo "ok - $1"
}

# fail NAME [DETAIL-FILE]
fail() {
	nfail=$((nfail + 1))
	echo "FAIL - $1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		sed 's/^/    /' "$2"
	fi
}

# check NAME DETAIL-FILE: ok when the detail file is empty, else fail with it.
check() {
	if [ -s "$2" ]; then fail "$1" "$2"; else ok "$1"; fi
}

# golden NAME EXPECTED ACTUAL: diff -u, or rewrite under REGEN=1.
golden() {
	if [ -n "$REGEN" ]; then
		mkdir -p "$(dirname "$2")"
		cp "$3" "$2"
		ok "$1 (regenerated)"
	elif [ ! -f "$2" ]; then
		echo "missing golden $2 (run make regen)" >"$OUT/golden.diff"
		fail "$1" "$OUT/golden.diff"
	elif diff -u "$2" "$3" >"$OUT/golden.diff" 2>&1; then
		ok "$1"
	else
		fail "$1" "$OUT/golden.diff"
	fi
}

have() {
	command -v "$1" >/dev/null 2>&1
}

skip() {
	echo "skipped: $1"
}

if [ ! -x "$NQPDF" ]; then
	echo "FAIL - $NQPDF is not built"
	echo "0 passed, 1 failed"
	exit 1
fi

# ------------------------------------------------------------------ unit
if [ -x "$UNIT" ]; then
	"$UNIT" >"$OUT/unit.out" 2>"$OUT/unit.err"
	urc=$?
	line=$(grep '^unit: [0-9]* passed, [0-9]* failed$' "$OUT/unit.out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "unit binary exited $urc without its summary line" >>"$OUT/unit.err"
		fail "unit tests ($UNIT)" "$OUT/unit.err"
	else
		up=$(echo "$line" | sed 's/^unit: \([0-9]*\) passed.*/\1/')
		uf=$(echo "$line" | sed 's/.*passed, \([0-9]*\) failed$/\1/')
		npass=$((npass + up))
		nfail=$((nfail + uf))
		if [ "$uf" -eq 0 ] && [ "$urc" -eq 0 ]; then
			echo "ok - unit tests: $up checks"
		else
			[ "$uf" -eq 0 ] && nfail=$((nfail + 1)) &&
				echo "unit binary exited $urc" >>"$OUT/unit.err"
			echo "FAIL - unit tests: $uf of $((up + uf)) checks failed"
			sed 's/^/    /' "$OUT/unit.err"
		fi
	fi
else
	fail "unit tests: $UNIT is not built (make $UNIT)"
fi

. tests/linebreak/run.sh
. tests/diag/run.sh
. tests/golden/run.sh
. tests/pdf.sh
. tests/pdfa.sh
. tests/fonts.sh
. tests/typeset.sh
. tests/footer.sh
. tests/briefing.sh
. tests/blocks.sh
. tests/cli.sh
. tests/io.sh
. tests/md.sh
. tests/fuzz/run.sh
pdf_sweep

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
