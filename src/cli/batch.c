/*
 * batch.c - several inputs: `nqpdf a.json b.json -d OUT` writes OUT/a.pdf
 * and OUT/b.pdf; `nqpdf --check a.json b.json` checks both.
 *
 * Each input is rendered by its own forked worker process (at most -j at a
 * time), so one bad or crashing file cannot stop or corrupt the others and
 * all cores are used.  A worker writes its diagnostics (and --report) into
 * a pipe; the parent collects them and prints each file's block whole, in
 * the order the inputs were given, so logs read the same on every run.  On
 * a terminal a progress line `[3/10] name` is redrawn in place.  At the end
 * one summary line; the exit code is the worst of the files' codes.
 *
 * Naming: OUT/<input's base name without .json or .md>.pdf.  Two inputs that
 * would write the same file, or an output that is an input, are refused
 * before anything is rendered.
 *
 * Cancelling: SIGHUP, SIGINT or SIGTERM to the parent is passed on to the
 * workers and waited for; a parent killed outright takes its workers with
 * it (Linux's PR_SET_PDEATHSIG).  Each worker removes its temp file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util/msg.h"
#include "util/util.h"

/* The default -j: every online CPU, but no more than this; the render is
 * memory-light, yet a 200-CPU machine gains nothing from 200 workers on a
 * handful of files. */
#define DEFAULT_JOBS_CAP 32

typedef struct job {
	const char *in, *out;
	pid_t pid;
	int fd;        /* read end of the worker's pipe, -1 when closed */
	nq_buf text;   /* what the worker printed */
	int rc;
	bool done;
} job;

/* OUT/NAME.pdf for input path in. */
static const char *out_name(nq_arena *a, const char *dir, const char *in)
{
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	size_t n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".json"))
		n -= 5;
	else if (n > 3 && !strcmp(base + n - 3, ".md")) /* docs/markdown.md */
		n -= 3;
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--; /* "out/" and "out" name the same files */
	return nq_sprintf(a, "%.*s/%.*s.pdf", (int)dl, dir, (int)n, base);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A file's failure that is not in its diagnostics, in their form. */
static void job_error(const nq_cli *c, job *j, const char *msg)
{
	nq_buf_printf(&j->text, "nqpdf: %s: %s\n", nq_msg_tr(c->lang, "error"), msg);
}

/* The running workers' ids (0: none), for the signal handler: a batch
 * cancelled (SIGTERM from CI, ^C, a closed terminal) must not leave
 * workers behind that go on writing PDFs after the job is gone. */
static pid_t *live;
static size_t nlive;

/* The parent's part of the handler (util/file.c calls it, then dies of
 * the same signal): pass the signal on to every worker, whose own handler
 * removes its temp file, and wait for them, so that when the batch has
 * ended no worker and no temp file is left.  Async-signal-safe calls only. */
static void cancel_workers(int sig)
{
	for (size_t i = 0; i < nlive; i++)
		if (live[i] > 0)
			kill(live[i], sig);
	for (size_t i = 0; i < nlive; i++)
		if (live[i] > 0)
			while (waitpid(live[i], NULL, 0) < 0 && errno == EINTR)
				;
}

/* The worker: render, print into the pipe, exit with the file's code. */
static void work(const nq_cli *c, job *j, int wfd, pid_t parent)
{
#ifdef __linux__
	/* A parent killed outright (SIGKILL, the OOM killer) cannot pass a
	 * signal on; the kernel sends this one when it dies. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
	if (getppid() != parent) /* it died before prctl took effect */
		_exit(NQ_EXIT_INTERNAL);
	/* What writes to stderr directly (the out-of-memory exit, a
	 * library's warning) lands in this file's block too. */
	dup2(wfd, STDERR_FILENO);
	FILE *f = fdopen(wfd, "w");
	if (!f)
		_exit(NQ_EXIT_INTERNAL);
	int rc = nq_cli_render_one(c, j->in, j->out, f);
	if (fclose(f) != 0 && rc == NQ_EXIT_OK)
		rc = NQ_EXIT_IO;
	/* exit, not _exit: the parent flushed stdio before forking, and
	 * this lets the sanitizers check the worker too. */
	exit(rc);
}

static bool start(const nq_cli *c, job *jobs, size_t nj, job *j)
{
	int p[2];
	if (pipe(p) != 0)
		return false;
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid();
	/* The handler sees the new worker from its first instruction on. */
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid_t pid = fork();
	if (pid == 0) /* the worker's own handler, before signals come in */
		nq_file_signals(NULL);
	else if (pid > 0)
		live[j - jobs] = pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return false;
	}
	if (pid == 0) {
		close(p[0]);
		for (size_t k = 0; k < nj; k++)
			if (jobs[k].fd >= 0)
				close(jobs[k].fd);
		work(c, j, p[1], parent);
	}
	close(p[1]);
	j->pid = pid;
	j->fd = p[0];
	return true;
}

/* The worker's pipe is at its end: reap it and take its code. */
static void finish(const nq_cli *c, job *jobs, job *j)
{
	close(j->fd);
	j->fd = -1;
	int st;
	/* Reaped and forgotten at once: the handler never signals an id
	 * that may since belong to another process. */
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
		;
	live[j - jobs] = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (WIFEXITED(st)) {
		j->rc = WEXITSTATUS(st);
	} else {
		/* A crash is nqpdf's bug, and only this file's. */
		j->rc = NQ_EXIT_INTERNAL;
		job_error(c, j, nq_msg_format(c->a, c->lang, "%s: the worker stopped on signal %d",
		                              j->in, WIFSIGNALED(st) ? WTERMSIG(st) : 0));
	}
	j->done = true;
}

static void progress(const nq_cli *c, size_t done, size_t n, const char *name)
{
	if (!c->tty)
		return;
	/* \r and "erase to end of line" (ECMA-48 EL): the line is redrawn. */
	fprintf(stderr, "\r[%zu/%zu] %s\033[K", done, n, nq_msg_escape(c->a, name));
	fflush(stderr);
}

static void clear_progress(const nq_cli *c)
{
	if (c->tty)
		fputs("\r\033[K", stderr);
}

int nq_cli_batch(nq_cli *c)
{
	size_t n = c->nin;
	job *jobs = NQ_NEWN(c->a, job, n);
	for (size_t i = 0; i < n; i++) {
		jobs[i] = (job){ .in = c->in[i], .fd = -1, .text = { .a = c->a } };
		if (c->outdir)
			jobs[i].out = out_name(c->a, c->outdir, c->in[i]);
	}
	/* Refuse collisions before anything is written. */
	for (size_t i = 0; c->outdir && i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (!strcmp(jobs[i].out, jobs[k].out))
				return nq_cli_usage(c, "'%s' and '%s' would both be written to '%s'",
				                    jobs[k].in, jobs[i].in, jobs[i].out);
	/* An output that is one of the inputs (OUT/x.pdf given as an input
	 * too): refused, as with -o, before anything is written.  Each file
	 * is stat'ed once; then only numbers are compared. */
	struct stat *ids = NQ_NEWN(c->a, struct stat, n);
	for (size_t k = 0; c->outdir && k < n; k++)
		if (stat(jobs[k].in, &ids[k]) != 0 || !S_ISREG(ids[k].st_mode))
			ids[k].st_ino = 0; /* matches no file: none has inode 0 */
	for (size_t i = 0; c->outdir && i < n; i++) {
		struct stat st;
		if (stat(jobs[i].out, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		for (size_t k = 0; k < n; k++)
			if (ids[k].st_ino == st.st_ino && ids[k].st_dev == st.st_dev)
				return nq_cli_usage(c, "the output '%s' is the input file '%s'; choose another output",
				                    jobs[i].out, jobs[k].in);
	}
	if (c->outdir && mkdir(c->outdir, 0777) != 0 && errno != EEXIST) {
		nq_diags d = { .arena = c->a, .lang = c->lang, .color = c->color };
		nq_diag_add(&d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot create directory '%s': %s",
		            c->outdir, strerror(errno));
		nq_diag_print(&d, stderr);
		return nq_diag_exit_code(&d);
	}

	int max = c->jobs;
	if (max <= 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		max = cpus < 1 ? 1 : cpus > DEFAULT_JOBS_CAP ? DEFAULT_JOBS_CAP : (int)cpus;
	}
	live = NQ_NEWN(c->a, pid_t, n);
	nlive = n;
	nq_file_signals(cancel_workers);
	double t0 = now();
	size_t next = 0, running = 0, ndone = 0, printed = 0;
	int worst = NQ_EXIT_OK, failed = 0;
	struct pollfd *pf = NQ_NEWN(c->a, struct pollfd, (size_t)max);
	size_t *pj = NQ_NEWN(c->a, size_t, (size_t)max);
	char buf[4096];
	while (printed < n) {
		while (running < (size_t)max && next < n) {
			job *j = &jobs[next++];
			if (start(c, jobs, n, j)) {
				running++;
			} else {
				/* No worker: this file fails, the others go on. */
				j->rc = NQ_EXIT_INTERNAL;
				job_error(c, j, nq_msg_format(c->a, c->lang, "%s: cannot start a worker: %s",
				                              j->in, strerror(errno)));
				j->done = true;
				ndone++;
			}
		}
		size_t np = 0;
		for (size_t i = 0; i < n; i++)
			if (jobs[i].fd >= 0) {
				pf[np] = (struct pollfd){ .fd = jobs[i].fd, .events = POLLIN };
				pj[np++] = i;
			}
		if (np && poll(pf, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			/* poll itself failed (no memory): read the pipes
			 * one after the other instead, still to the end. */
			for (size_t k = 0; k < np; k++)
				pf[k].revents = POLLIN;
		}
		for (size_t k = 0; k < np; k++) {
			if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			job *j = &jobs[pj[k]];
			ssize_t got = read(j->fd, buf, sizeof buf);
			if (got > 0) {
				nq_buf_put(&j->text, buf, (size_t)got);
			} else if (got == 0 || errno != EINTR) {
				finish(c, jobs, j);
				running--;
				ndone++;
				progress(c, ndone, n, j->in);
			}
		}
		/* Print finished blocks in input order. */
		while (printed < n && jobs[printed].done) {
			job *j = &jobs[printed++];
			if (j->text.n) {
				clear_progress(c);
				fwrite(j->text.p, 1, j->text.n, stderr);
				progress(c, ndone, n, j->in);
			}
			if (j->rc != NQ_EXIT_OK)
				failed++;
			if (j->rc > worst)
				worst = j->rc;
		}
	}
	clear_progress(c);
	double secs = now() - t0;
	int ok = (int)n - failed;
	if (c->opt.check_only) /* checked: all of them, good or bad */
		nq_cli_note(c, stderr, "checked %d, failed %d (%.2f s)", (int)n, failed, secs);
	else
		nq_cli_note(c, stderr, "rendered %d, failed %d (%.2f s)", ok, failed, secs);
	return worst;
}
