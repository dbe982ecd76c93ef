# tests/diag/io.sh - sourced by tests/diag/run.sh: files that cannot be read
# or written.  Each case: exit 3 (usage, I/O), the message, no output file
# created, an existing output left byte-identical and no temp file left.
# The PDF is examples/minimal.json's, which renders without diagnostics.

io=$dg/io
mkdir -p "$io/dir"
valid_pdf_src=examples/minimal.json

# io_case NAME WANT-RC EXPECTED-STDERR DIR-TO-CHECK -- nqpdf args: DIR-TO-CHECK
# (if not empty) may hold only old.pdf, byte-identical to $dg/orig when
# there.  nqpdf's standard output goes to $IO_STDOUT when that is set.
io_case() {
	iname=$1
	iwant=$2
	iexp=$3
	idir=$4
	shift 5
	d=$io/$iname.detail
	: >"$d"
	"$NQPDF" "$@" >"${IO_STDOUT:-$io/$iname.stdout}" 2>"$io/$iname.err"
	irc=$?
	[ "$irc" = "$iwant" ] || echo "exit code $irc, expected $iwant" >>"$d"
	printf '%s\n' "$iexp" >"$io/$iname.exp"
	diff -u "$io/$iname.exp" "$io/$iname.err" >>"$d" 2>&1
	if [ -n "$idir" ]; then
		left=$(ls -A "$idir" | grep -v '^old\.pdf$')
		[ -z "$left" ] || echo "left in $idir: $left" >>"$d"
		if [ -e "$idir/old.pdf" ]; then
			cmp -s "$dg/orig" "$idir/old.pdf" || echo "$idir/old.pdf was changed" >>"$d"
		fi
	fi
	check "io: $iname (exit $iwant)" "$d"
}

# Disk full.  A small tmpfs is the real thing (only root may mount one);
# /dev/full fails every write with ENOSPC and needs no privileges.
mkdir -p "$io/full"
if mount -t tmpfs -o size=16k nqpdf-test "$io/full" 2>/dev/null; then
	cp "$dg/orig" "$io/full/old.pdf"
	io_case disk-full-tmpfs 3 "nqpdf: error: cannot write '$io/full/old.pdf': No space left on device" \
		"$io/full" -- "$valid_pdf_src" -o "$io/full/old.pdf"
	io_case disk-full-tmpfs-new-file 3 "nqpdf: error: cannot write '$io/full/new.pdf': No space left on device" \
		"$io/full" -- "$valid_pdf_src" -o "$io/full/new.pdf"
	umount "$io/full"
else
	skip "io: disk full on a 16 KiB tmpfs (mount not permitted; /dev/full below covers ENOSPC)"
fi
io_case disk-full-dev-full 3 "nqpdf: error: cannot write '/dev/full': No space left on device" \
	"" -- "$valid_pdf_src" -o /dev/full
[ -c /dev/full ] || fail "io: /dev/full is no longer a device: nqpdf renamed a file over it"
IO_STDOUT=/dev/full io_case disk-full-stdout 3 \
	"nqpdf: error: cannot write to standard output: No space left on device" "" -- "$valid_pdf_src" -o -

# A parent that is a file, an output directory that does not exist.
io_case output-parent-is-file 3 "nqpdf: error: cannot write '$valid_pdf_src/x.pdf': Not a directory" \
	"" -- "$valid_pdf_src" -o "$valid_pdf_src/x.pdf"
io_case output-dir-missing 3 "nqpdf: error: cannot write '$io/dir/missing/x.pdf': No such file or directory" \
	"$io/dir" -- "$valid_pdf_src" -o "$io/dir/missing/x.pdf"

# Permissions: root is not bound by them, so only as another user.
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$io/ro"
	cp "$dg/orig" "$io/ro/old.pdf"
	chmod 555 "$io/ro"
	io_case output-dir-read-only 3 "nqpdf: error: cannot write '$io/ro/old.pdf': Permission denied" \
		"$io/ro" -- "$valid_pdf_src" -o "$io/ro/old.pdf"
	chmod 755 "$io/ro"
	cp "$valid_pdf_src" "$io/unreadable.json"
	chmod 000 "$io/unreadable.json"
	io_case input-unreadable 3 "nqpdf: error: cannot open '$io/unreadable.json': Permission denied" \
		"$io/dir" -- "$io/unreadable.json" -o "$io/dir/x.pdf"
	chmod 644 "$io/unreadable.json"
else
	skip "io: read-only output directory, unreadable input (running as root)"
fi

# Outputs that are not regular files are written into, not replaced.
d=$io/special.detail
: >"$d"
"$NQPDF" "$valid_pdf_src" -o /dev/stdout >"$io/devstdout.pdf" 2>>"$d" || echo "-o /dev/stdout failed" >>"$d"
"$NQPDF" "$valid_pdf_src" -o "$io/file.pdf" 2>>"$d"
cmp -s "$io/devstdout.pdf" "$io/file.pdf" || echo "-o /dev/stdout differs from -o FILE" >>"$d"
check "io: -o /dev/stdout writes the PDF to standard output" "$d"

d=$io/symlink.detail
: >"$d"
cp "$dg/orig" "$io/target.pdf"
ln -sf target.pdf "$io/link.pdf"
"$NQPDF" "$valid_pdf_src" -o "$io/link.pdf" 2>>"$d" || echo "-o LINK failed" >>"$d"
[ -L "$io/link.pdf" ] || echo "the symbolic link was replaced by a file" >>"$d"
cmp -s "$io/target.pdf" "$io/file.pdf" || echo "the link's target is not the new PDF" >>"$d"
ls -A "$io" | grep -q '^\.nqpdf-' && echo "a temporary file was left" >>"$d"
check "io: -o SYMLINK replaces the file it points to and keeps the link" "$d"
