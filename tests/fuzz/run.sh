# tests/fuzz/run.sh - sourced by tests/run.sh: replay the fuzz targets' seed
# corpora and every regression input (tests/fuzz/regress/TARGET/, one file
# per crash, hang or sanitizer report the fuzzers ever found) through the
# same LLVMFuzzerTestOneInput the fuzzers ran, built by the ordinary
# compiler with replay.c's main (make fuzz-replay-build).  Under `make asan`
# the replay binaries are the sanitized ones beside UNIT.
#
# One test per target and directory.  The JSON targets (model, render)
# replay each other's regressions too: a document that once broke the
# model must also get through the whole pipeline.  A failure names the
# input that was running (the replay prints each before running it).

fz=$OUT/fuzz
mkdir -p "$fz"
FUZZ_REPLAY_DIR=${FUZZ_REPLAY_DIR:-$(dirname "$UNIT")/fuzz}

for t in model linebreak render md font; do
	bin=$FUZZ_REPLAY_DIR/replay_$t
	case $t in
	model | render) dirs="corpus/$t regress/model regress/render" ;;
	*) dirs="corpus/$t regress/$t" ;;
	esac
	for dir in $dirs; do
		name="fuzz replay: $t: tests/fuzz/$dir"
		if [ ! -x "$bin" ]; then
			fail "$name ($bin is not built: make fuzz-replay-build)"
			continue
		fi
		if [ -z "$(ls "tests/fuzz/$dir" 2>/dev/null)" ]; then
			skip "$name (no inputs yet)"
			continue
		fi
		log=$fz/$t-$(echo "$dir" | tr / -)
		"$bin" "tests/fuzz/$dir" >"$log.out" 2>"$log.err"
		rc=$?
		n=$(sed -n 's/^replayed \([0-9]*\) files$/\1/p' "$log.out")
		if [ "$rc" -eq 0 ] && [ -n "$n" ]; then
			ok "$name ($n inputs)"
		else
			{
				echo "exit status $rc; the input running was:"
				grep '^replay ' "$log.out" | tail -n 1
				tail -n 30 "$log.err"
			} >"$log.detail"
			fail "$name" "$log.detail"
		fi
	done
done
