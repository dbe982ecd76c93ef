#!/bin/sh
# valgrind.sh - nqpdf under valgrind (memcheck): both examples and three bad
# inputs (one with control characters in keys, escaped in the messages), no
# definite or indirect leaks and no memory errors.  `make valgrind`.
cd "$(dirname "$0")/.." || exit 1
NQPDF=${NQPDF:-./nqpdf}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "skipped: valgrind (tool missing)"
	echo "0 passed, 0 failed"
	exit 0
fi
OUT=tests/out/valgrind
rm -rf "$OUT"
mkdir -p "$OUT"
npass=0
nfail=0
# run NAME EXPECTED-RC ARGS...
run() {
	name=$1
	want=$2
	shift 2
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=9 --log-file="$OUT/$name.log" "$NQPDF" "$@" >/dev/null 2>&1
	rc=$?
	if [ $rc -eq "$want" ] && [ ! -s "$OUT/$name.log" ]; then
		npass=$((npass + 1))
		echo "ok - valgrind: $name"
	else
		nfail=$((nfail + 1))
		echo "FAIL - valgrind: $name (exit $rc, expected $want)"
		sed 's/^/    /' "$OUT/$name.log"
	fi
}
run minimal 0 examples/minimal.json -o "$OUT/minimal.pdf"
run daily-2026-05-14 0 examples/daily-2026-05-14.json -o "$OUT/daily.pdf"
run syntax-duplicate-key 1 tests/diag/syntax-duplicate-key.json -o "$OUT/bad1.pdf"
run cite-missing 1 tests/diag/cite-missing.json -o "$OUT/bad2.pdf"
run escape-controls-keys 1 tests/diag/escape-controls-keys.json -o "$OUT/bad3.pdf"
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
