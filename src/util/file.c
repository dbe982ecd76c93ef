/*
 * file.c - reading the input and writing the output atomically.
 *
 * CI print jobs run nqpdf unattended: a failure must never leave a partial
 * PDF or clobber the previous one.  So the PDF goes to a temp file beside the
 * target (same filesystem, so rename(2) is atomic), is fsynced, then renamed
 * over the target.  Any error, a cancelling signal (SIGHUP, SIGINT,
 * SIGTERM), a file-size limit or running out of memory removes the temp
 * file.  Takes paths and bytes; makes files; leaves the choice of exit code
 * to the caller (errors are NQ_DC_IO diagnostics).
 */
#define _XOPEN_SOURCE 700 /* POSIX.1-2008 with XSI: realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* Inputs above this are refused as soon as the 16 MiB + 1st byte is read
 * (a pipe has no size to ask for): a daily briefing is a few dozen KiB; 16
 * MiB leaves room for anything real (docs/limits.md). */
#define NQ_MAX_INPUT (16u * 1024 * 1024)

/* Does the relative name stay inside its directory, read as written?
 * "a/../b.ttf" does, "../b.ttf" and "a/../../b.ttf" do not. */
static bool stays_inside(const char *name)
{
	int depth = 0;
	const char *s = name;
	while (*s) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (--depth < 0)
				return false;
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			depth++;
		}
		s += n;
		while (*s == '/')
			s++;
	}
	return true;
}

/* Where a file name the issue gives (a font, an image) points, or NULL
 * after an error.  Relative to
 * dir; unless allow, neither the name as written nor the file it finally
 * resolves to (realpath: every symlink followed) may leave dir.  The
 * resolved path is what gets opened, so the check and the use agree. */
const char *nq_file_confine(nq_arena *a, const char *dir, const char *file, const char *name,
                            const char *jpath, long off, bool allow, const nq_confine_msgs *m,
                            nq_diags *d)
{
	if (!name)
		name = file;
	const char *joined = file[0] == '/' ? file : nq_sprintf(a, "%s/%s", dir, file);
	if (!allow && (file[0] == '/' || !stays_inside(file))) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, jpath, off,
		            m->outside, name);
		return NULL;
	}
	char real[PATH_MAX], rdir[PATH_MAX];
	if (!realpath(joined, real)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, jpath, off, m->missing, name, joined, strerror(errno));
		return NULL;
	}
	if (!allow) {
		if (!realpath(dir, rdir)) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, jpath, off,
			            "cannot resolve the issue's directory '%s': %s", dir, strerror(errno));
			return NULL;
		}
		size_t n = strlen(rdir);
		bool inside = (n == 1 && rdir[0] == '/') ||
		              (strncmp(real, rdir, n) == 0 && real[n] == '/');
		if (!inside) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, jpath, off,
			            m->link, name, real);
			return NULL;
		}
	}
	return nq_strdup(a, real);
}


bool nq_file_read(nq_arena *a, const char *path, char **out, size_t *len, nq_diags *d)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot open '%s': %s", path,
		            strerror(errno));
		return false;
	}
	struct stat st;
	bool stat_ok = fstat(fd, &st) == 0;
	if (stat_ok && S_ISDIR(st.st_mode)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot read '%s': is a directory", path);
		close(fd);
		return false;
	}
	size_t cap = 64 * 1024, n = 0;
	/* A regular file is read into one buffer of its size (and a byte to
	 * see the end): doubling from 64 KiB kept up to twice the input in
	 * the arena, 2 MB for a 0.8 MB issue. */
	if (stat_ok && S_ISREG(st.st_mode) && st.st_size >= (off_t)cap)
		cap = st.st_size < NQ_MAX_INPUT ? (size_t)st.st_size + 1 : NQ_MAX_INPUT;
	char *buf = nq_alloc(a, cap + 1);
	for (;;) {
		if (n == cap && cap < NQ_MAX_INPUT) {
			size_t nc = 2 * cap < NQ_MAX_INPUT ? 2 * cap : NQ_MAX_INPUT;
			buf = nq_grow(a, buf, n, nc + 1);
			cap = nc;
		}
		/* At the limit, one byte more (into the NUL's place) tells a
		 * file of exactly 16 MiB from a larger one. */
		ssize_t r = read(fd, buf + n, n == cap ? 1 : cap - n);
		if (r > 0 && n == cap) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, -1,
			            "'%s' is larger than the %u MiB limit", path,
			            NQ_MAX_INPUT >> 20);
			if (fd != STDIN_FILENO)
				close(fd);
			return false;
		}
		if (r < 0) {
			if (errno == EINTR)
				continue;
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot read '%s': %s", path,
			            strerror(errno));
			if (fd != STDIN_FILENO)
				close(fd);
			return false;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	buf[n] = 0;
	*out = buf;
	*len = n;
	return true;
}

/* ------------------------------------------------------------- output
 *
 * Where the PDF goes decides how it is written:
 *   - "-", or a name for one of this process's open descriptors
 *     (/dev/stdout, /dev/fd/N, /proc/self/fd/N, or a symbolic link to one):
 *     written into that descriptor, at its offset and with its flags, so
 *     `-o /dev/stdout >>build.log` appends as `>>` asked (a rename would
 *     replace the whole log with the PDF);
 *   - an existing device, FIFO or socket: opened and written into
 *     (renaming over it would replace the node with a regular file);
 *   - anything else: a temp file beside the target, fsync, rename.
 * The temp file's name is short (.nqpdf-XXXXXX, not the target's name plus
 * a suffix), so any name the file system takes for the target works.  While
 * it exists its name sits in a static buffer, where the signal handler and
 * the out-of-memory exit (arena.c) find it and unlink it.
 */

/* The temp file being written, for the handler: a fixed buffer (a handler
 * may not allocate), live only between mkstemp and rename or unlink. */
static char tmp_path[PATH_MAX];
static volatile sig_atomic_t tmp_live;
static void (*on_signal_extra)(int sig);

/* The signals a job is cancelled with: kill's default, ^C, a closed
 * terminal or ssh session.  (SIGQUIT is left to dump core, SIGKILL cannot
 * be caught.) */
static const int cancel_signals[] = { SIGHUP, SIGINT, SIGTERM };
#define NCANCEL (sizeof cancel_signals / sizeof *cancel_signals)

/* How long an output FIFO may go without a reader (docs/cli.md): long
 * enough for a reader started beside nqpdf in the same script, short
 * enough that an unattended job whose spooler is down ends. */
#define FIFO_READER_WAIT_MS 5000
#define FIFO_READER_POLL_MS 50

void nq_file_drop_temp(void)
{
	if (tmp_live) {
		unlink(tmp_path);
		tmp_live = 0;
	}
}

static void cancel_set(sigset_t *s)
{
	sigemptyset(s);
	for (size_t i = 0; i < NCANCEL; i++)
		sigaddset(s, cancel_signals[i]);
}

/* Only async-signal-safe calls: unlink, kill, waitpid, sigaction,
 * sigprocmask, raise, _exit. */
static void on_signal(int sig)
{
	nq_file_drop_temp();
	if (on_signal_extra)
		on_signal_extra(sig);
	/* Die of the same signal, so the caller (a shell, CI) sees how
	 * nqpdf ended: the default action, unblocked, raised again. */
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig);
	_exit(128 + sig);
}

void nq_file_signals(void (*extra)(int sig))
{
	on_signal_extra = extra;
	struct sigaction sa = { .sa_handler = on_signal };
	/* One at a time: a second signal waits for the first's cleanup. */
	cancel_set(&sa.sa_mask);
	for (size_t i = 0; i < NCANCEL; i++) {
		struct sigaction old;
		/* A signal ignored when nqpdf starts (nohup, a background job
		 * of a script) stays ignored, as POSIX shells and GNU tools do. */
		if (sigaction(cancel_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(cancel_signals[i], &sa, NULL);
	}
	/* Past a file-size limit (ulimit -f) write() then fails with EFBIG,
	 * which is reported and cleaned up like a full disk, instead of the
	 * process being killed with the temp file left behind. */
	signal(SIGXFSZ, SIG_IGN);
	/* A reader that stops early (`-o - | head`, a spooler that dies, a
	 * FIFO closed mid-PDF) makes write() fail with EPIPE, reported as
	 * "cannot write to standard output: Broken pipe", exit 3: the job
	 * learns its PDF is cut short, where SIGPIPE ended nqpdf with no
	 * message and no exit code of ours (docs/cli.md). */
	signal(SIGPIPE, SIG_IGN);
}

static bool write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		len -= (size_t)w;
	}
	return true;
}

static void write_error(nq_diags *d, const char *path, int err)
{
	if (!strcmp(path, "-"))
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write to standard output: %s",
		            strerror(err));
	else
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': %s", path,
		            strerror(err));
}

/* Whether dir (as written) is this process's descriptor directory. */
static bool is_fd_dir(const char *dir)
{
	char *real = realpath(dir, NULL);
	if (!real)
		return false;
	char mine[64];
	snprintf(mine, sizeof mine, "/proc/%ld/fd", (long)getpid());
	/* /dev/fd and /proc/self/fd resolve to /proc/PID/fd on Linux; on the
	 * BSDs /dev/fd is a file system of its own. */
	bool yes = !strcmp(real, mine) || !strcmp(real, "/dev/fd");
	free(real);
	return yes;
}

/* The open descriptor path names (following symbolic links on the last
 * component, as /dev/stdout -> /proc/self/fd/1 is one), or -1. */
static int named_descriptor(const char *path)
{
	char cur[PATH_MAX], next[PATH_MAX];
	size_t n = strlen(path);
	if (n >= sizeof cur)
		return -1;
	memcpy(cur, path, n + 1);
	for (int hop = 0; hop < 40; hop++) { /* 40: Linux's MAXSYMLINKS */
		char *slash = strrchr(cur, '/');
		const char *base = slash ? slash + 1 : cur;
		size_t bl = strlen(base);
		if (slash && bl && bl < 10 && strspn(base, "0123456789") == bl) {
			char dir[PATH_MAX];
			size_t dl = slash == cur ? 1 : (size_t)(slash - cur);
			memcpy(dir, cur, dl);
			dir[dl] = 0;
			if (is_fd_dir(dir))
				return atoi(base);
		}
		ssize_t r = readlink(cur, next, sizeof next - 1);
		if (r < 0)
			return -1;
		next[r] = 0;
		if (next[0] != '/' && slash) { /* relative to the link's directory */
			size_t keep = (size_t)(slash - cur) + 1;
			if (keep + (size_t)r >= sizeof cur)
				return -1;
			memcpy(cur + keep, next, (size_t)r + 1);
		} else {
			memcpy(cur, next, (size_t)r + 1);
		}
	}
	return -1;
}

/* A device, FIFO or socket that exists: open and write into it. */
static bool write_special(const char *path, const struct stat *st, const void *data, size_t len,
                          nq_diags *d)
{
	/* O_NONBLOCK: opening a FIFO nobody reads fails (ENXIO) instead of
	 * blocking for ever; it is retried for FIFO_READER_WAIT_MS. */
	int fd, waited = 0;
	for (;;) {
		fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd >= 0 || errno != ENXIO || !S_ISFIFO(st->st_mode) || waited >= FIFO_READER_WAIT_MS)
			break;
		struct timespec ts = { 0, FIFO_READER_POLL_MS * 1000000L };
		nanosleep(&ts, NULL);
		waited += FIFO_READER_POLL_MS;
	}
	if (fd < 0 && errno == ENXIO && S_ISFIFO(st->st_mode)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1,
		            "cannot write '%s': no process opened the FIFO for reading within %d s", path,
		            FIFO_READER_WAIT_MS / 1000);
		return false;
	}
	struct stat now;
	if (fd >= 0 && fstat(fd, &now) == 0 && S_ISREG(now.st_mode)) {
		/* It became a regular file since the stat: write it whole. */
		close(fd);
		return nq_file_write_atomic(path, data, len, d);
	}
	/* Blocking again: a slow reader is waited for, write by write. */
	int fl = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
	bool ok = fd >= 0 && fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0 &&
	          write_all(fd, data, len);
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok)
		write_error(d, path, err);
	return ok;
}

/* Test-only (docs/cli.md): with NQPDF_TEST_PAUSE_BEFORE_RENAME=FILE, once
 * the temp file is complete, append "PID TEMP" to FILE and sleep (20 s at
 * most) before renaming, so tests/io.sh can signal a process at exactly
 * this point instead of racing it. */
static void test_pause(void)
{
	const char *f = getenv("NQPDF_TEST_PAUSE_BEFORE_RENAME");
	if (!f || !*f)
		return;
	int fd = open(f, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd >= 0) {
		char line[PATH_MAX + 32];
		int n = snprintf(line, sizeof line, "%ld %s\n", (long)getpid(), tmp_path);
		if (n > 0 && !write_all(fd, line, (size_t)n))
			n = 0;
		close(fd);
	}
	for (int i = 0; i < 200; i++) {
		struct timespec ts = { 0, 100 * 1000000L };
		nanosleep(&ts, NULL);
	}
}

bool nq_file_write_atomic(const char *path, const void *data, size_t len, nq_diags *d)
{
	int fd = !strcmp(path, "-") ? STDOUT_FILENO : named_descriptor(path);
	if (fd >= 0) {
		if (!write_all(fd, data, len)) {
			write_error(d, path, errno);
			return false;
		}
		return true;
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': is a directory", path);
		return false;
	}
	if (exists && !S_ISREG(st.st_mode))
		return write_special(path, &st, data, len, d);

	/* A symbolic link to the PDF stays one: the new file goes beside
	 * the file it names and replaces that. */
	char *real = NULL;
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
		real = realpath(path, NULL);
	const char *target = real ? real : path;
	const char *slash = strrchr(target, '/');
	size_t dl = slash ? (size_t)(slash - target) + 1 : 0;
	static const char tmp_name[] = ".nqpdf-XXXXXX";
	if (dl + sizeof tmp_name > sizeof tmp_path) {
		write_error(d, path, ENAMETOOLONG);
		free(real);
		return false;
	}
	/* Signals wait while the name is being made or given up, so the
	 * handler never sees half a name or unlinks a file not ours. */
	sigset_t cancel, old;
	cancel_set(&cancel);
	sigprocmask(SIG_BLOCK, &cancel, &old);
	memcpy(tmp_path, target, dl);
	memcpy(tmp_path + dl, tmp_name, sizeof tmp_name);
	fd = mkstemp(tmp_path);
	int err = errno;
	tmp_live = fd >= 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		write_error(d, path, err);
		free(real);
		return false;
	}
	/* mkstemp makes 0600.  A file replaced keeps its permissions (a
	 * 0600 PDF stays private); a new one gets 0666 less the umask, as
	 * open(2) would give it. */
	mode_t mode;
	if (exists) {
		mode = st.st_mode & 0777;
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	bool ok = fchmod(fd, mode) == 0 && write_all(fd, data, len) && fsync(fd) == 0;
	err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok)
		test_pause();
	sigprocmask(SIG_BLOCK, &cancel, &old);
	if (ok && rename(tmp_path, target) != 0) {
		ok = false;
		err = errno;
	}
	if (ok)
		tmp_live = 0;
	else
		nq_file_drop_temp();
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!ok)
		write_error(d, path, err);
	free(real);
	return ok;
}

bool nq_file_same(const char *in, const char *out)
{
	struct stat a, b;
	if ((strcmp(in, "-") ? stat(in, &a) : fstat(STDIN_FILENO, &a)) != 0 ||
	    (strcmp(out, "-") ? stat(out, &b) : fstat(STDOUT_FILENO, &b)) != 0)
		return false;
	/* Regular files only: a terminal is both standard input and output
	 * of an interactive `nqpdf - -o -`, and that is fine. */
	return S_ISREG(a.st_mode) && S_ISREG(b.st_mode) && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}
