/*
 * file.c - reading the input and writing the output atomically.
 *
 * CI print jobs run nqpdf unattended: a failure must never leave a partial
 * PDF or clobber the previous one.  So the PDF goes to a temp file beside the
 * target (same filesystem, so rename(2) is atomic), is fsynced, then renamed
 * over the target.  Any error removes the temp file.
 */
#define _XOPEN_SOURCE 700 /* POSIX.1-2008 with XSI: realpath */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Inputs above this are refused as soon as the 16 MiB + 1st byte is read
 * (a pipe has no size to ask for): a daily briefing is a few dozen KiB; 16
 * MiB leaves room for anything real (docs/limits.md). */
#define NQ_MAX_INPUT (16u * 1024 * 1024)

bool nq_file_read(nq_arena *a, const char *path, char **out, size_t *len, nq_diags *d)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot open '%s': %s", path,
		            strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot read '%s': is a directory", path);
		close(fd);
		return false;
	}
	size_t cap = 64 * 1024, n = 0;
	char *buf = nq_alloc(a, cap + 1);
	for (;;) {
		if (n == cap && cap < NQ_MAX_INPUT) {
			buf = nq_grow(a, buf, n, 2 * cap + 1);
			cap *= 2;
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

/* A target that is a device, a pipe or a socket (/dev/stdout, /dev/full,
 * a FIFO a print spooler reads): renaming over it would replace the node
 * with a regular file, so write into it; atomicity means nothing there. */
static bool write_special(const char *path, const void *data, size_t len, nq_diags *d)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok = fd >= 0 && write_all(fd, data, len);
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok)
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': %s", path,
		            strerror(err));
	return ok;
}

bool nq_file_write_atomic(const char *path, const void *data, size_t len, nq_diags *d)
{
	if (strcmp(path, "-") == 0) {
		if (!write_all(STDOUT_FILENO, data, len)) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write to standard output: %s",
			            strerror(errno));
			return false;
		}
		return true;
	}
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': is a directory",
			            path);
			return false;
		}
		if (!S_ISREG(st.st_mode))
			return write_special(path, data, len, d);
	}
	/* A symbolic link to the PDF stays one: the new file goes beside
	 * the file it names and replaces that. */
	char *real = NULL;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	const char *shown = path;
	if (real)
		path = real;
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	if (!tmp)
		abort();
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp-XXXXXX", 12);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': %s", shown,
		            strerror(errno));
		free(tmp);
		free(real);
		return false;
	}
	/* mkstemp makes 0600; a PDF for mailing should be as readable as any
	 * file the user creates, so apply the umask like open(2) would. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	bool ok = write_all(fd, data, len) && fsync(fd) == 0;
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(tmp);
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': %s", shown,
		            strerror(err));
	}
	free(tmp);
	free(real);
	return ok;
}
