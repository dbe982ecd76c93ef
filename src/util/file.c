/*
 * file.c - reading the input and writing the output atomically.
 *
 * CI print jobs run nqpdf unattended: a failure must never leave a partial
 * PDF or clobber the previous one.  So the PDF goes to a temp file beside the
 * target (same filesystem, so rename(2) is atomic), is fsynced, then renamed
 * over the target.  Any error removes the temp file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Inputs above this are refused before reading: a daily briefing is a few
 * dozen KiB; 16 MiB leaves room for anything real (docs/format.md). */
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
		if (n == cap) {
			if (cap >= NQ_MAX_INPUT) {
				nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, -1,
				            "'%s' is larger than the %u MiB limit", path,
				            NQ_MAX_INPUT >> 20);
				if (fd != STDIN_FILENO)
					close(fd);
				return false;
			}
			buf = nq_grow(a, buf, n, 2 * cap + 1);
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n);
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
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': is a directory", path);
		return false;
	}
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	if (!tmp)
		abort();
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp-XXXXXX", 12);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': %s", path,
		            strerror(errno));
		free(tmp);
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
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write '%s': %s", path,
		            strerror(err));
	}
	free(tmp);
	return ok;
}
