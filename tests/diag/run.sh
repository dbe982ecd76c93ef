# tests/diag/run.sh - sourced by tests/run.sh: the bad-input catalogue.
#
# Each tests/diag/NAME.json has NAME.err (the exact stderr) and NAME.rc (the
# exit code).  Every case runs three ways, with identical stderr and exit
# code each time:
#   nqpdf --check NAME.json
#   nqpdf NAME.json -o NEW.pdf        (NEW.pdf must not appear unless rc is 0)
#   nqpdf NAME.json -o EXISTING.pdf   (left byte-identical unless rc is 0)
# and no *.tmp-* file may be left behind.  REGEN=1 rewrites NAME.err (and
# NAME.rc when missing); read every regenerated line:col before committing.
# Then the command-line cases, whose expectations are written out below,
# and the parts: render.sh (messages only a render raises), scale.sh
# (many messages, long lines), limits.sh, io.sh.

dg=$OUT/diag
mkdir -p "$dg"

# diag_expect DETAIL SRC OUT NAME RC LABEL: a case's run against its
# catalogue entry SRC/NAME.err and SRC/NAME.rc (rewritten under REGEN=1):
# the exit code, nothing on stdout (OUT/NAME.stdout), stderr
# (OUT/NAME.err) byte for byte.  LABEL prefixes each complaint.
diag_expect() {
	if [ -n "$REGEN" ]; then
		cp "$3/$4.err" "$2/$4.err"
		[ -f "$2/$4.rc" ] || echo "$5" >"$2/$4.rc"
	fi
	want=$(cat "$2/$4.rc" 2>/dev/null)
	[ "$5" = "$want" ] || echo "${6}exit code $5, expected $want" >>"$1"
	[ -s "$3/$4.stdout" ] && echo "${6}wrote to stdout" >>"$1"
	if ! diff -u "$2/$4.err" "$3/$4.err" >"$3/$4.diff" 2>&1; then
		echo "${6}stderr differs from $2/$4.err:" >>"$1"
		cat "$3/$4.diff" >>"$1"
	fi
}
printf 'previous contents\n' >"$dg/orig"

for json in tests/diag/*.json; do
	name=$(basename "$json" .json)
	d=$dg/$name.detail
	: >"$d"
	"$NQPDF" --check "$json" >"$dg/$name.stdout" 2>"$dg/$name.err"
	rc=$?
	diag_expect "$d" tests/diag "$dg" "$name" "$rc" "--check: "
	want=$(cat "tests/diag/$name.rc" 2>/dev/null)

	# -o to a new file.
	new=$dg/$name-new.pdf
	"$NQPDF" "$json" -o "$new" >/dev/null 2>"$dg/$name.err2"
	rc2=$?
	[ "$rc2" = "$want" ] || echo "-o new: exit code $rc2, expected $want" >>"$d"
	cmp -s "$dg/$name.err" "$dg/$name.err2" || echo "-o new: stderr differs from --check" >>"$d"
	if [ "$want" = 0 ]; then
		head -c 5 "$new" 2>/dev/null | grep -q '^%PDF-' || echo "-o new: no PDF written" >>"$d"
	else
		[ -e "$new" ] && echo "-o new: $new was created although the input is invalid" >>"$d"
	fi

	# -o over an existing file.
	old=$dg/$name-old.pdf
	cp "$dg/orig" "$old"
	"$NQPDF" "$json" -o "$old" >/dev/null 2>"$dg/$name.err3"
	rc3=$?
	[ "$rc3" = "$want" ] || echo "-o existing: exit code $rc3, expected $want" >>"$d"
	cmp -s "$dg/$name.err" "$dg/$name.err3" || echo "-o existing: stderr differs from --check" >>"$d"
	if [ "$want" = 0 ]; then
		head -c 5 "$old" | grep -q '^%PDF-' || echo "-o existing: not replaced by the PDF" >>"$d"
	else
		cmp -s "$dg/orig" "$old" || echo "-o existing: the existing file was changed" >>"$d"
	fi
	ls "$dg" | grep -q '\.tmp-' && echo "a temporary file was left: $(ls "$dg" | grep '\.tmp-')" >>"$d"
	rm -f "$dg"/*.tmp-*
	check "diag: $name (exit $want)" "$d"
done

# ------------------------------------------------------- command line
# cli NAME WANT-RC EXPECTED-STDERR-FILE -- ARGS...: run, compare exit code and
# stderr; no file may appear in $cl (the scratch directory).
cl=$dg/cli
mkdir -p "$cl"
cli() {
	cname=$1
	cwant=$2
	cexp=$3
	shift 4
	d=$cl/$cname.detail
	: >"$d"
	"$NQPDF" "$@" >"$cl/$cname.stdout" 2>"$cl/$cname.err"
	crc=$?
	[ "$crc" = "$cwant" ] || echo "exit code $crc, expected $cwant" >>"$d"
	if ! diff -u "$cexp" "$cl/$cname.err" >"$cl/$cname.diff" 2>&1; then
		echo "stderr differs:" >>"$d"
		cat "$cl/$cname.diff" >>"$d"
	fi
	extra=$(ls "$cl/out" 2>/dev/null | grep -v '^keep')
	[ -n "$extra" ] && echo "files were left in $cl/out: $extra" >>"$d"
	check "cli: $cname (exit $cwant)" "$d"
}
mkdir -p "$cl/out/keep.pdf"   # a directory where a file is expected
usage_tail="Try 'nqpdf --help'."
valid=tests/diag/heading-numbered.json

printf '%s\n' "nqpdf: error: cannot open 'tests/diag/no-such-file.json': No such file or directory" >"$cl/e1"
cli missing-input 3 "$cl/e1" -- tests/diag/no-such-file.json -o "$cl/out/x.pdf"

printf '%s\n' "nqpdf: error: cannot read 'tests/diag': is a directory" >"$cl/e2"
cli directory-input 3 "$cl/e2" -- tests/diag -o "$cl/out/x.pdf"

# A valid input (with one warning) to an output directory that does not
# exist, and to a path that is a directory: the warning, then the error.
{
	cat tests/diag/heading-numbered.err
	echo "nqpdf: error: cannot write '/nonexistent-dir/x.pdf': No such file or directory"
} >"$cl/e3"
cli unwritable-output-dir 3 "$cl/e3" -- "$valid" -o /nonexistent-dir/x.pdf

{
	cat tests/diag/heading-numbered.err
	echo "nqpdf: error: cannot write '$cl/out/keep.pdf': is a directory"
} >"$cl/e4"
cli output-is-directory 3 "$cl/e4" -- "$valid" -o "$cl/out/keep.pdf"
[ -d "$cl/out/keep.pdf" ] || fail "cli: output-is-directory: the directory was replaced"

printf 'nqpdf: no output file: use -o FILE.pdf (or --check)\n%s\n' "$usage_tail" >"$cl/e5"
cli no-output 2 "$cl/e5" -- "$valid"

printf "nqpdf: unknown option '--frobnicate'\n%s\n" "$usage_tail" >"$cl/e6"
cli unknown-option 2 "$cl/e6" -- "$valid" --frobnicate -o "$cl/out/x.pdf"

printf "nqpdf: unknown stage 'pdf' (model, lines or layout)\n%s\n" "$usage_tail" >"$cl/e7"
cli unknown-dump-stage 2 "$cl/e7" -- "$valid" --dump=pdf

printf 'nqpdf: no input file\n%s\n' "$usage_tail" >"$cl/e8"
cli no-input 2 "$cl/e8" -- -o "$cl/out/x.pdf"

printf "nqpdf: SOURCE_DATE_EPOCH 'yesterday' is not a number of seconds\n%s\n" "$usage_tail" >"$cl/e9"
SOURCE_DATE_EPOCH=yesterday
export SOURCE_DATE_EPOCH
cli bad-source-date-epoch 2 "$cl/e9" -- "$valid" -o "$cl/out/x.pdf"
unset SOURCE_DATE_EPOCH

# Standard input and output: "-" both ways gives the same bytes as a file.
d=$cl/stdio.detail
: >"$d"
"$NQPDF" - -o - <examples/minimal.json >"$cl/stdio.pdf" 2>"$cl/stdio.err" ||
	echo "nqpdf - -o - failed: $(cat "$cl/stdio.err")" >>"$d"
"$NQPDF" examples/minimal.json -o "$cl/file.pdf" 2>>"$d"
cmp -s "$cl/stdio.pdf" "$cl/file.pdf" || echo "stdin/stdout PDF differs from the file PDF" >>"$d"
rm -f "$cl/file.pdf" "$cl/stdio.pdf"
check "cli: stdin to stdout" "$d"

. tests/diag/render.sh
. tests/diag/scale.sh
. tests/diag/limits.sh
. tests/diag/io.sh
