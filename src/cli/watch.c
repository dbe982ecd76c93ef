/*
 * watch.c - `nqpdf --watch IN -o OUT`: render IN, then again on every save,
 * until Ctrl-C (exit 0).
 *
 * Takes one input and -o.  Watches the input's directory with inotify, not
 * the file: editors that save by writing a new file and renaming it over
 * the old one (vim, VS Code, gedit) replace the inode a file watch would
 * follow.  Events for the input's name are debounced (DEBOUNCE_MS of
 * quiet), so one save that writes in several steps renders once.  Each
 * cycle prints one line: the time taken, pages and warnings, or that the
 * input has errors (after their messages) and the last good OUT is kept;
 * a failed render writes nothing, and a good one replaces OUT atomically
 * (util/file.c), so a viewer that reloads on change (evince, okular,
 * zathura, mupdf) never sees half a file.  SIGINT, SIGTERM and SIGHUP are
 * blocked and read from a signalfd between cycles, so a render is never
 * cut off halfway and the exit is clean.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util/msg.h"
#include "util/util.h"

/* Quiet time before a render: editors write a save in a few calls within
 * milliseconds; 150 ms is below what a person notices between saving and
 * looking (entr and watchexec use 50-100 ms). */
#define DEBOUNCE_MS 150

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void stamp(FILE *f)
{
	time_t t = time(NULL);
	struct tm tm;
	char s[16];
	localtime_r(&t, &tm);
	strftime(s, sizeof s, "%H:%M:%S", &tm);
	fprintf(f, "[%s] ", s);
}

static void cycle(const nq_cli *c)
{
	double t0 = now();
	nq_arena *a = nq_arena_new();
	nq_diags d = nq_cli_diags(c, a, c->in[0]);
	nq_options opt = nq_cli_options(c, a, c->in[0]);
	nq_stats st = { 0 };
	opt.stats = &st;
	char *src;
	size_t len;
	int rc;
	if (!nq_file_read(a, c->in[0], &src, &len, &d)) {
		rc = nq_diag_exit_code(&d);
	} else {
		const unsigned char *data;
		size_t n;
		rc = nq_render(a, src, len, &opt, &d, &data, &n);
		if (rc == NQ_EXIT_OK && c->strict && d.warnings)
			rc = NQ_EXIT_INPUT;
		if (rc == NQ_EXIT_OK && !nq_file_write_atomic(c->out, data, n, &d))
			rc = nq_diag_exit_code(&d);
	}
	nq_diag_print(&d, stderr);
	stamp(stderr);
	if (rc == NQ_EXIT_OK)
		fprintf(stderr, "%s\n", nq_msg_format(a, c->lang, "%s: %d page(s), %d warning(s), %.2f s",
		                                       c->out, st.pages, d.warnings, now() - t0));
	else
		fprintf(stderr, "%s\n", nq_msg_format(a, c->lang,
		                                       "%s: %d error(s); %s kept as it was (exit code %d), %.2f s",
		                                       c->in[0], d.errors, c->out, rc, now() - t0));
	fflush(stderr);
	nq_arena_free(a);
}

int nq_cli_watch(nq_cli *c)
{
	const char *in = c->in[0];
	const char *slash = strrchr(in, '/');
	const char *dir = nq_cli_dir(c->a, in);
	const char *name = slash ? slash + 1 : in;

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC);
	int ifd = inotify_init1(IN_CLOEXEC);
	if (sfd < 0 || ifd < 0 ||
	    inotify_add_watch(ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY) < 0) {
		nq_diags d = { .arena = c->a, .lang = c->lang };
		nq_diag_add(&d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot watch '%s': %s", dir, strerror(errno));
		nq_diag_print(&d, stderr);
		return NQ_EXIT_IO;
	}
	cycle(c);
	stamp(stderr);
	fprintf(stderr, "%s\n", nq_msg_format(c->a, c->lang, "watching %s; Ctrl-C stops", in));
	fflush(stderr);
	bool pending = false, heard = true;
	for (;;) {
		/* Standard error too: SIGPIPE is ignored (util/file.c), so
		 * when no one reads what this says any more (`--watch ...
		 * 2>&1 | head`, a log pipe that dies), nothing else would end
		 * the watch.  A pipe's writing end polls POLLERR once its
		 * reader is gone; stop then, exit 3 like any write error. */
		struct pollfd p[3] = { { .fd = sfd, .events = POLLIN },
			               { .fd = ifd, .events = POLLIN },
			               { .fd = STDERR_FILENO, .events = 0 } };
		int r = poll(p, 3, pending ? DEBOUNCE_MS : -1);
		if (r < 0 && errno != EINTR)
			break;
		if (p[2].revents & POLLERR) {
			heard = false;
			break;
		}
		if (p[0].revents & POLLIN)
			break;
		if (r == 0 && pending) {
			pending = false;
			cycle(c);
			continue;
		}
		if (p[1].revents & POLLIN) {
			char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
			    __attribute__((aligned(__alignof__(struct inotify_event))));
			ssize_t n = read(ifd, buf, sizeof buf);
			for (ssize_t i = 0; i < n;) {
				const struct inotify_event *ev = (const struct inotify_event *)(buf + i);
				if (ev->len && !strcmp(ev->name, name))
					pending = true;
				i += (ssize_t)(sizeof *ev + ev->len);
			}
		}
	}
	close(ifd);
	close(sfd);
	stamp(stderr);
	fprintf(stderr, "%s\n", nq_msg_format(c->a, c->lang, "stopped watching %s", in));
	return heard ? NQ_EXIT_OK : NQ_EXIT_IO;
}
