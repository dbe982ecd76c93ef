# tests/io.sh - sourced by tests/run.sh: the output's safety, signals and
# limits of the process (docs/cli.md "Files and signals", docs/limits.md
# "Output").  In order: an output that is the input, outputs that are open
# descriptors (/dev/stdout >>log), long names, permissions, signals during
# the write (at the test-only pause NQPDF_TEST_PAUSE_BEFORE_RENAME, so no
# timing is raced), a file-size limit, a cancelled batch, a full standard
# output for --help/--version/--schema, SOURCE_DATE_EPOCH, empty path
# options, FIFOs, and out of memory (ulimit -v; not under ASan, which needs
# terabytes of address space: a binary whose path contains "asan", as
# `make asan`'s build-asan/nqpdf, or NQPDF_ASAN=1, skips it).
#
# Every nqpdf run is bounded: `timeout 30`, or for one run in the
# background a watchdog that kills it after 30 s.

iox=$OUT/io
rm -rf "$iox"
mkdir -p "$iox"
io_src=examples/minimal.json
"$NQPDF" "$io_src" -o "$iox/ref.pdf" 2>"$iox/ref.err" || fail "io: the reference PDF" "$iox/ref.err"
printf 'an older PDF\n' >"$iox/old"
case ${NQPDF_ASAN:-$NQPDF} in *asan* | 1) io_asan=1 ;; *) io_asan= ;; esac
io_bin=$(cd "$(dirname "$NQPDF")" && pwd)/$(basename "$NQPDF")
# Runs in the background get every signal back to its default (sh makes
# them ignore SIGINT; a nohup'ed make would make them ignore SIGHUP).
if env --default-signal true 2>/dev/null; then
	io_env="env --default-signal"
else
	io_env=env
fi

# io_run NAME ARGS...: nqpdf with stdout/stderr to $iox/NAME.out/.err,
# exit code in $io_rc.
io_run() {
	io_name=$1
	shift
	timeout 30 "$NQPDF" "$@" >"$iox/$io_name.out" 2>"$iox/$io_name.err"
	io_rc=$?
}

# io_want DETAIL RC MESSAGE: the last io_run's exit code and whole stderr.
io_want() {
	[ "$io_rc" = "$2" ] || echo "$io_name: exit $io_rc, expected $2" >>"$1"
	if [ -z "$3" ]; then
		[ -s "$iox/$io_name.err" ] && { echo "$io_name: stderr:"; cat "$iox/$io_name.err"; } >>"$1"
	else
		printf '%s\n' "$3" | diff -u - "$iox/$io_name.err" >>"$1" 2>&1
	fi
}

# io_clean DETAIL DIR: nothing in DIR but old.pdf, and that unchanged.
io_clean() {
	left=$(ls -A "$2" | grep -v '^old\.pdf$')
	[ -z "$left" ] || echo "left in $2: $left" >>"$1"
	if [ -e "$2/old.pdf" ]; then
		cmp -s "$iox/old" "$2/old.pdf" || echo "$2/old.pdf was changed" >>"$1"
	fi
}

# io_alive PID: the process runs (a zombie nobody reaps counts as ended).
io_alive() {
	[ -r "/proc/$1/stat" ] && ! sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'
}

# io_bg ARGS...: run a command in the background, pid in $io_pid, with a
# watchdog; io_reap waits for it (exit code in $io_rc) and ends the watchdog.
io_bg() {
	"$@" &
	io_pid=$!
	# Polls rather than sleeps 30 s, so it ends with the run and holds no
	# pipe of the caller's open for long.
	(
		i=0
		while io_alive "$io_pid" && [ $i -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		[ $i -lt 300 ] || kill -KILL "$io_pid"
	) >/dev/null 2>&1 &
	io_wd=$!
}
io_reap() {
	{ wait "$io_pid"; } 2>/dev/null # no "Terminated" from the shell
	io_rc=$?
	kill "$io_wd" 2>/dev/null
	wait "$io_wd" 2>/dev/null
}

# io_await FILE LINES: wait until FILE has LINES lines (20 s at most: a
# loaded machine, ASan).
io_await() {
	i=0
	while [ "$(cat "$1" 2>/dev/null | wc -l)" -lt "$2" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(cat "$1" 2>/dev/null | wc -l)" -ge "$2" ]
}

# A FIFO output nobody reads: runs in the background while the rest goes
# on, since it takes the 5 s nqpdf waits for a reader; checked at the end.
mkfifo "$iox/noreader" 2>/dev/null && io_fifo=1 || io_fifo=
if [ -n "$io_fifo" ]; then
	timeout 30 "$NQPDF" "$io_src" -o "$iox/noreader" >/dev/null 2>"$iox/noreader.err" &
	io_fifo_pid=$!
fi

# ------------------------------------------------- the output is the input
d=$iox/same.detail
: >"$d"
mkdir -p "$iox/same"
cp "$io_src" "$iox/same/in.json"
cp "$io_src" "$iox/same/keep"
ln -sf in.json "$iox/same/link.pdf"
ln -f "$iox/same/in.json" "$iox/same/hard.pdf"
for o in in.json link.pdf hard.pdf; do
	io_run same-$o "$iox/same/in.json" -o "$iox/same/$o"
	io_want "$d" 2 "nqpdf: the output '$iox/same/$o' is the input file '$iox/same/in.json'; choose another output
Try 'nqpdf --help'."
done
# -o /dev/stdout appending to the input, and - for both.
timeout 30 "$NQPDF" "$iox/same/in.json" -o /dev/stdout >>"$iox/same/in.json" 2>"$iox/same-stdout.err"
[ $? = 2 ] || echo "-o /dev/stdout >>INPUT: not refused" >>"$d"
timeout 30 "$NQPDF" - -o - <"$iox/same/in.json" >>"$iox/same/in.json" 2>"$iox/same-dash.err"
[ $? = 2 ] || echo "- -o - <INPUT >>INPUT: not refused" >>"$d"
cmp -s "$iox/same/in.json" "$iox/same/keep" || echo "the input was changed" >>"$d"
[ -L "$iox/same/link.pdf" ] || echo "the symbolic link was replaced" >>"$d"
ls -A "$iox/same" | grep -q '^\.nqpdf-' && echo "a temp file was left" >>"$d"
# A batch whose OUTDIR/NAME.pdf is one of its inputs.
mkdir -p "$iox/same/b" "$iox/same/bout"
cp "$io_src" "$iox/same/b/a.json"
cp "$iox/old" "$iox/same/bout/a.pdf"
io_run same-batch "$iox/same/b/a.json" "$iox/same/bout/a.pdf" -d "$iox/same/bout"
io_want "$d" 2 "nqpdf: the output '$iox/same/bout/a.pdf' is the input file '$iox/same/bout/a.pdf'; choose another output
Try 'nqpdf --help'."
cmp -s "$iox/same/bout/a.pdf" "$iox/old" || echo "batch: the input OUTDIR/a.pdf was overwritten" >>"$d"
check "io: -o naming the input (itself, symbolic link, hard link, /dev/stdout, batch) is refused, exit 2" "$d"

# ------------------------------------------ outputs that are descriptors
d=$iox/fd.detail
: >"$d"
printf 'LOG LINE\n' >"$iox/build.log"
timeout 30 "$NQPDF" "$io_src" -o /dev/stdout >>"$iox/build.log" 2>>"$d" || echo "-o /dev/stdout >>log failed" >>"$d"
{
	printf 'LOG LINE\n'
	cat "$iox/ref.pdf"
} >"$iox/build.want"
cmp -s "$iox/build.want" "$iox/build.log" || echo "-o /dev/stdout >>build.log: the log is not LOG LINE + the PDF" >>"$d"
# /dev/fd/N, and a symbolic link to /dev/stdout, on descriptor 3.
printf 'LOG LINE\n' >"$iox/fd3.log"
timeout 30 "$NQPDF" "$io_src" -o /dev/fd/3 3>>"$iox/fd3.log" 2>>"$d" || echo "-o /dev/fd/3 failed" >>"$d"
cmp -s "$iox/build.want" "$iox/fd3.log" || echo "-o /dev/fd/3 3>>log: the log was replaced" >>"$d"
ln -sf /dev/stdout "$iox/to-stdout.pdf"
printf 'LOG LINE\n' >"$iox/link.log"
timeout 30 "$NQPDF" "$io_src" -o "$iox/to-stdout.pdf" >>"$iox/link.log" 2>>"$d"
cmp -s "$iox/build.want" "$iox/link.log" || echo "-o LINK-TO-/dev/stdout >>log: the log was replaced" >>"$d"
[ -L "$iox/to-stdout.pdf" ] || echo "the link to /dev/stdout was replaced" >>"$d"
ls -A "$iox" | grep -q '^\.nqpdf-' && echo "a temp file was left" >>"$d"
check "io: -o /dev/stdout, /dev/fd/3 and a link to them append to a >> log instead of replacing it" "$d"

# ------------------------------------------------ long names, permissions
d=$iox/name.detail
: >"$d"
mkdir -p "$iox/name"
n251=$(printf 'x%.0s' $(seq 247)).pdf
io_run name251 "$io_src" -o "$iox/name/$n251"
io_want "$d" 0 ""
cmp -s "$iox/ref.pdf" "$iox/name/$n251" || echo "no PDF under the 251-byte name" >>"$d"
[ "$(ls -A "$iox/name" | wc -l)" = 1 ] || echo "left in $iox/name: $(ls -A "$iox/name")" >>"$d"
check "io: a 251-byte output name is written (the temp name is short)" "$d"

d=$iox/mode.detail
: >"$d"
mkdir -p "$iox/mode"
cp "$iox/old" "$iox/mode/private.pdf"
chmod 600 "$iox/mode/private.pdf"
io_run mode600 "$io_src" -o "$iox/mode/private.pdf"
io_want "$d" 0 ""
[ "$(stat -c %a "$iox/mode/private.pdf")" = 600 ] ||
	echo "an existing 0600 output became $(stat -c %a "$iox/mode/private.pdf")" >>"$d"
cmp -s "$iox/ref.pdf" "$iox/mode/private.pdf" || echo "the 0600 file was not replaced" >>"$d"
(umask 027 && timeout 30 "$NQPDF" "$io_src" -o "$iox/mode/new.pdf") 2>>"$d"
[ "$(stat -c %a "$iox/mode/new.pdf")" = 640 ] ||
	echo "a new file under umask 027 is $(stat -c %a "$iox/mode/new.pdf"), expected 640" >>"$d"
check "io: a replaced output keeps its mode (0600); a new one gets 0666 less the umask" "$d"

# ------------------------------------------------- signals during the write
# Each run pauses with its temp file complete; the signal arrives there.
io_sigs="TERM:143 HUP:129"
[ "$io_env" = env ] && skip "io: SIGINT during the write (env --default-signal missing)" ||
	io_sigs="$io_sigs INT:130"
for s in $io_sigs; do
	sig=${s%%:*}
	d=$iox/sig-$sig.detail
	: >"$d"
	rm -rf "$iox/sig"
	mkdir -p "$iox/sig"
	cp "$iox/old" "$iox/sig/old.pdf"
	io_bg $io_env NQPDF_TEST_PAUSE_BEFORE_RENAME="$iox/sig/mark" "$NQPDF" "$io_src" \
		-o "$iox/sig/old.pdf" 2>"$iox/sig.err"
	if io_await "$iox/sig/mark" 1; then
		tmp=$(cut -d' ' -f2- "$iox/sig/mark")
		[ -f "$tmp" ] || echo "the pause came without a temp file ($tmp)" >>"$d"
		rm -f "$iox/sig/mark"
		kill -"$sig" "$io_pid"
	else
		echo "nqpdf never paused before the rename" >>"$d"
	fi
	io_reap
	[ "$io_rc" = "${s#*:}" ] || echo "exit $io_rc, expected ${s#*:} (killed by SIG$sig)" >>"$d"
	io_clean "$d" "$iox/sig"
	check "io: SIG$sig during the write leaves no temp file and the old PDF untouched" "$d"
done

# ----------------------------------------------------- a file-size limit
d=$iox/fsize.detail
: >"$d"
mkdir -p "$iox/fsize"
cp "$iox/old" "$iox/fsize/old.pdf"
# 16 blocks: 8 or 16 KiB (dash counts 512 bytes, bash 1 KiB); the PDF is 23 KiB.
(ulimit -f 16 && timeout 30 "$NQPDF" "$io_src" -o "$iox/fsize/old.pdf" 2>"$iox/fsize.err")
io_rc=$?
io_name=fsize
io_want "$d" 3 "nqpdf: error: cannot write '$iox/fsize/old.pdf': File too large"
(ulimit -f 16 && timeout 30 "$NQPDF" "$io_src" -o "$iox/fsize/new.pdf" 2>"$iox/fsize.err")
io_rc=$?
io_want "$d" 3 "nqpdf: error: cannot write '$iox/fsize/new.pdf': File too large"
io_clean "$d" "$iox/fsize"
check "io: past ulimit -f: exit 3, 'File too large', nothing left, the old PDF untouched" "$d"

# -------------------------------------------- a reader that stops early
# The example's PDF (220 KiB) is more than a pipe holds (64 KiB), and head
# stops after 10 bytes: the write fails with EPIPE, which is an error with
# a message and exit 3, not a death by SIGPIPE (141 in the shell).
d=$iox/epipe.detail
: >"$d"
{ $io_env timeout 30 "$NQPDF" examples/daily-2026-05-14.json -o - 2>"$iox/epipe.err"; echo $? >"$iox/epipe.rc"; } |
	head -c 10 >/dev/null
io_rc=$(cat "$iox/epipe.rc")
io_name=epipe
io_want "$d" 3 "nqpdf: error: cannot write to standard output: Broken pipe"
check "io: a reader that stops early: exit 3, 'Broken pipe', not SIGPIPE" "$d"

# --watch whose messages no one reads any more (`2>&1 | head`, a log pipe
# that dies): with SIGPIPE ignored, its next message fails with EPIPE, and
# it stops with exit 3 instead of rendering unseen until killed.
d=$iox/watchpipe.detail
: >"$d"
w=$iox/watchpipe
mkdir -p "$w"
cp examples/minimal.json "$w/in.json"
rm -f "$w/fifo"
mkfifo "$w/fifo"
timeout 30 "$NQPDF" --color=never --watch "$w/in.json" -o "$w/out.pdf" 2>"$w/fifo" &
wpid=$!
head -n 1 "$w/fifo" >/dev/null # the first line, then the reader is gone
i=0
while kill -0 $wpid 2>/dev/null && [ $i -lt 20 ]; do
	cp "$w/in.json" "$w/in.tmp" && mv "$w/in.tmp" "$w/in.json" # a save: one more cycle
	sleep 1
	i=$((i + 1))
done
wait $wpid
wrc=$?
[ $wrc = 3 ] || echo "exit $wrc, expected 3 (124: still watching after 30 s)" >>"$d"
check "io: --watch stops (exit 3) when no one reads its messages" "$d"

# ------------------------------------------------------ a cancelled batch
# -j 2 on three inputs: both workers pause with their temp files; the
# parent is signalled (TERM: passed on and waited for; KILL: the kernel's
# parent-death signal).  Then no worker runs, no temp file and no PDF is
# there, and the third input was never started.
for s in TERM:143 KILL:137; do
	sig=${s%%:*}
	d=$iox/batch-$sig.detail
	: >"$d"
	rm -rf "$iox/batch"
	mkdir -p "$iox/batch/in" "$iox/batch/out"
	for b in a b c; do cp "$io_src" "$iox/batch/in/$b.json"; done
	io_bg $io_env NQPDF_TEST_PAUSE_BEFORE_RENAME="$iox/batch/mark" "$NQPDF" "$iox/batch/in/a.json" \
		"$iox/batch/in/b.json" "$iox/batch/in/c.json" -d "$iox/batch/out" -j 2 2>"$iox/batch.err"
	if io_await "$iox/batch/mark" 2; then
		kill -"$sig" "$io_pid"
	else
		echo "the workers never paused: $(cat "$iox/batch/mark" 2>/dev/null)" >>"$d"
	fi
	io_reap
	[ "$io_rc" = "${s#*:}" ] || echo "exit $io_rc, expected ${s#*:}" >>"$d"
	for w in $(cut -d' ' -f1 "$iox/batch/mark" 2>/dev/null); do
		i=0
		while io_alive "$w" && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		io_alive "$w" && echo "worker $w still runs" >>"$d" && kill -KILL "$w"
	done
	io_clean "$d" "$iox/batch/out"
	check "io: a batch cancelled with SIG$sig leaves no worker, no temp file, no PDF" "$d"
done

# ------------------------------------------- a full disk on standard output
d=$iox/full.detail
: >"$d"
for o in --help --version --schema; do
	timeout 30 "$NQPDF" $o >/dev/full 2>"$iox/full.err"
	io_rc=$?
	io_name=full$o
	cp "$iox/full.err" "$iox/$io_name.err"
	io_want "$d" 3 "nqpdf: error: cannot write to standard output: No space left on device"
done
check "io: --help, --version, --schema on a full disk (/dev/full): exit 3 with a message" "$d"

# ------------------------------------------------------- SOURCE_DATE_EPOCH
# reproducible-builds.org: a malformed value is an error.  Up to
# 253402300799, 9999-12-31T23:59:59Z, the last second a PDF date holds.
d=$iox/sde.detail
: >"$d"
io_dig="is not a number of seconds"
io_late="is after 253402300799 (9999-12-31T23:59:59Z), the last date a PDF can hold"
for v in "253402300800|$io_late" "9223372036854775807|$io_late" "99999999999999999999|$io_late" \
	"-1|$io_dig" "+1|$io_dig" " 1|$io_dig" "1e9|$io_dig" "0x10|$io_dig" "12abc|$io_dig"; do
	val=${v%%|*}
	case ${v#*|} in
	"$io_late") want="nqpdf: SOURCE_DATE_EPOCH $val ${v#*|}" ;;
	*) want="nqpdf: SOURCE_DATE_EPOCH '$val' ${v#*|}" ;;
	esac
	SOURCE_DATE_EPOCH=$val timeout 30 "$NQPDF" "$io_src" -o "$iox/sde.pdf" >/dev/null 2>"$iox/sde.err"
	io_rc=$?
	io_name=sde
	io_want "$d" 2 "$want
Try 'nqpdf --help'."
	[ -e "$iox/sde.pdf" ] && echo "SOURCE_DATE_EPOCH='$val': a PDF was written" >>"$d" && rm -f "$iox/sde.pdf"
done
# init: the same check, no file.
(cd "$iox" && SOURCE_DATE_EPOCH=253402300800 timeout 30 "$io_bin" init sde-init.json >/dev/null 2>&1)
[ $? = 2 ] || echo "init with SOURCE_DATE_EPOCH past 9999: not exit 2" >>"$d"
[ -e "$iox/sde-init.json" ] && echo "init wrote $(grep '"date"' "$iox/sde-init.json")" >>"$d"
# The last valid second, and the first.
for v in "253402300799|9999-12-31T23:59:59" "0|1970-01-01T00:00:00" "000|1970-01-01T00:00:00"; do
	SOURCE_DATE_EPOCH=${v%%|*} timeout 30 "$NQPDF" "$io_src" -o "$iox/sde.pdf" 2>>"$d" ||
		echo "SOURCE_DATE_EPOCH=${v%%|*}: refused" >>"$d"
	if have pdfinfo; then
		pdfinfo -isodates "$iox/sde.pdf" 2>/dev/null | grep -q "^CreationDate: *${v#*|}" ||
			echo "SOURCE_DATE_EPOCH=${v%%|*}: $(pdfinfo -isodates "$iox/sde.pdf" 2>&1 | grep CreationDate)" >>"$d"
	fi
	rm -f "$iox/sde.pdf"
done
SOURCE_DATE_EPOCH=253402300799 timeout 30 "$NQPDF" init - 2>>"$d" | grep -q '"date": "9999-12-31"' ||
	echo "init with SOURCE_DATE_EPOCH=253402300799 does not write 9999-12-31" >>"$d"
check "io: SOURCE_DATE_EPOCH: digits only, at most 253402300799, else exit 2 before any work" "$d"

# ---------------------------------------------------- empty path options
d=$iox/empty.detail
: >"$d"
for o in --font-dir= --font= -o= -d=; do
	name=${o%=}
	case $o in
	-?=) io_run empty "$io_src" "$name" "" ;;
	*) io_run empty "$io_src" -o "$iox/empty.pdf" "$o" ;;
	esac
	io_want "$d" 2 "nqpdf: option '$name' needs a file or directory name, not an empty one
Try 'nqpdf --help'."
done
[ -e "$iox/empty.pdf" ] && echo "a PDF was written" >>"$d"
check "io: --font-dir=, --font=, -o '', -d '' (empty) are usage errors, exit 2" "$d"

# ------------------------------------------------------------------ FIFOs
if [ -n "$io_fifo" ]; then
	d=$iox/fifo.detail
	: >"$d"
	# An input FIFO waits for its writer, as cat does.
	mkfifo "$iox/in.fifo"
	io_bg "$NQPDF" "$iox/in.fifo" -o "$iox/fifo-in.pdf" 2>"$iox/fifo-in.err"
	cat "$io_src" >"$iox/in.fifo"
	io_reap
	[ "$io_rc" = 0 ] || echo "FIFO input: exit $io_rc: $(cat "$iox/fifo-in.err")" >>"$d"
	cmp -s "$iox/ref.pdf" "$iox/fifo-in.pdf" || echo "FIFO input: not the reference PDF" >>"$d"
	# An output FIFO with a reader gets the PDF.
	mkfifo "$iox/out.fifo"
	io_bg "$NQPDF" "$io_src" -o "$iox/out.fifo" 2>"$iox/fifo-out.err"
	cat "$iox/out.fifo" >"$iox/fifo-out.pdf"
	io_reap
	[ "$io_rc" = 0 ] || echo "FIFO output: exit $io_rc: $(cat "$iox/fifo-out.err")" >>"$d"
	cmp -s "$iox/ref.pdf" "$iox/fifo-out.pdf" || echo "FIFO output: not the reference PDF" >>"$d"
	[ -p "$iox/out.fifo" ] || echo "the output FIFO was replaced by a file" >>"$d"
	# The one started at the top, with no reader: exit 3 after 5 s.
	wait "$io_fifo_pid"
	io_rc=$?
	io_name=noreader
	io_want "$d" 3 "nqpdf: error: cannot write '$iox/noreader': no process opened the FIFO for reading within 5 s"
	[ -p "$iox/noreader" ] || echo "the output FIFO without a reader was replaced" >>"$d"
	check "io: FIFOs: an input waits for its writer; an output gets 5 s to find a reader, then exit 3" "$d"
else
	skip "io: FIFOs (mkfifo failed)"
fi

# ---------------------------------------------------------- out of memory
# ulimit -v a little above what nqpdf maps before its first allocation of
# size (measured while it waits for a FIFO input), then an input that
# needs more: exit 4 with a message, not abort().
if [ -n "$io_asan" ]; then
	skip "io: out of memory (ASan reserves more address space than ulimit -v allows)"
elif [ -n "$io_fifo" ]; then
	d=$iox/oom.detail
	: >"$d"
	rm -f "$iox/mem.fifo"
	mkfifo "$iox/mem.fifo"
	io_bg "$NQPDF" "$iox/mem.fifo" -o "$iox/oom.pdf"
	i=0
	vm=
	while [ -z "$vm" ] && [ $i -lt 100 ]; do
		sleep 0.1
		vm=$(sed -n 's/^VmSize:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$io_pid/status" 2>/dev/null)
		i=$((i + 1))
	done
	kill "$io_pid"
	io_reap
	if [ -n "$vm" ]; then
		{
			printf '{'
			head -c 15000000 /dev/zero | tr '\0' ' '
			printf '}\n'
		} >"$iox/oom.json"
		(ulimit -v $((vm + 8192)) && timeout 30 "$NQPDF" "$iox/oom.json" -o "$iox/oom.pdf" 2>"$iox/oom.err")
		io_rc=$?
		io_name=oom
		io_want "$d" 4 "nqpdf: error: out of memory"
		(ulimit -v $((vm + 8192)) && LC_ALL=zh_CN.UTF-8 timeout 30 "$NQPDF" "$iox/oom.json" \
			-o "$iox/oom.pdf" 2>"$iox/oom.err")
		io_rc=$?
		io_want "$d" 4 "nqpdf: 错误: 内存不足"
		[ -e "$iox/oom.pdf" ] && echo "a PDF was written" >>"$d"
		ls -A "$iox" | grep -q '^\.nqpdf-' && echo "a temp file was left" >>"$d"
		rm -f "$iox/oom.json"
	else
		echo "no VmSize for nqpdf waiting on a FIFO" >>"$d"
	fi
	check "io: out of memory (ulimit -v): exit 4 with a message, in Chinese too; no abort()" "$d"
fi
