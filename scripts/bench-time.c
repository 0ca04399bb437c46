/*
 * bench-time: time commands against each other, taking turns.
 *
 *	bench-time [-f] [-n runs] [-i input] [-p prepare] cmd args ... [::: cmd args ...]
 *
 * Runs each command (no shell) `runs` times, the commands alternating so
 * that a noisy machine slows them alike; stdin from `input` (else
 * /dev/null), stdout to /dev/null.  `prepare` is a shell command run,
 * untimed, before every run.  Prints a line per command: median, min and
 * max wall-clock milliseconds and the largest resident set in KiB.  A run
 * that fails stops everything with status 1.
 *
 * -f: the time to the first line instead: stdout is a terminal (a pty
 * of 80 columns and 24 lines), the time taken when the first newline
 * reaches it, and the command is then killed (its status not checked).
 */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <err.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXCMD	8

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
prepare(const char *cmd)
{
	int	 st;

	if (cmd == NULL)
		return;
	/* The prepare step is a shell command by design (-p). */
	st = system(cmd);	/* NOLINT(cert-env33-c) */
	if (st != 0)
		errx(1, "prepare failed: %s", cmd);
}

/* One timed run; returns milliseconds, sets *rss to its max RSS in KiB. */
static double
run(char **argv, const char *input, long *rss)
{
	struct rusage	 ru;
	double		 t0, t1;
	pid_t		 pid;
	int		 st, fd;

	t0 = now_ms();
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		if ((fd = open(input ? input : "/dev/null", O_RDONLY)) == -1)
			err(127, "%s", input);
		dup2(fd, 0);
		if ((fd = open("/dev/null", O_WRONLY)) == -1)
			err(127, "/dev/null");
		dup2(fd, 1);
		execvp(argv[0], argv);
		err(127, "%s", argv[0]);
	}
	if (wait4(pid, &st, 0, &ru) == -1)
		err(1, "wait4");
	t1 = now_ms();
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		errx(1, "%s: exit status %d", argv[0],
		    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	*rss = ru.ru_maxrss;
	return t1 - t0;
}

/* One run to its first line on a terminal; milliseconds. */
static double
run_first(char **argv, const char *input, long *rss)
{
	struct winsize	 ws = { 24, 80, 0, 0 };
	struct rusage	 ru;
	double		 t0, t1 = 0;
	char		 buf[4096];
	ssize_t		 n;
	pid_t		 pid;
	int		 master, slave, st, fd;

	if (openpty(&master, &slave, NULL, NULL, &ws) == -1)
		err(1, "openpty");
	t0 = now_ms();
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		if ((fd = open(input ? input : "/dev/null", O_RDONLY)) == -1)
			err(127, "%s", input);
		dup2(fd, 0);
		dup2(slave, 1);
		close(master);
		close(slave);
		execvp(argv[0], argv);
		err(127, "%s", argv[0]);
	}
	close(slave);
	while ((n = read(master, buf, sizeof(buf))) > 0)
		if (memchr(buf, '\n', (size_t)n) != NULL) {
			t1 = now_ms();
			break;
		}
	if (t1 == 0)
		errx(1, "%s: no line on the terminal", argv[0]);
	kill(pid, SIGTERM);
	close(master);
	if (wait4(pid, &st, 0, &ru) == -1)
		err(1, "wait4");
	*rss = ru.ru_maxrss;
	return t1 - t0;
}

int
main(int argc, char *argv[])
{
	char		**cmd[MAXCMD];
	const char	*input = NULL, *prep = NULL, *errstr;
	double		*ms[MAXCMD];
	long		 rss[MAXCMD], r;
	int		 ncmd = 0, runs = 5, first = 0, ch, i, k;

	while ((ch = getopt(argc, argv, "+fn:i:p:")) != -1) {
		switch (ch) {
		case 'f':
			first = 1;
			break;
		case 'n':
			runs = strtonum(optarg, 1, 1000, &errstr);
			if (errstr != NULL)
				errx(64, "-n %s: %s", optarg, errstr);
			break;
		case 'i':
			input = optarg;
			break;
		case 'p':
			prep = optarg;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		goto usage;
	cmd[ncmd++] = argv;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], ":::") != 0)
			continue;
		argv[i] = NULL;
		/* No command before or after a ":::". */
		if (ncmd == MAXCMD || i + 1 == argc || cmd[ncmd - 1][0] == NULL)
			goto usage;
		cmd[ncmd++] = &argv[i + 1];
	}
	for (k = 0; k < ncmd; k++) {
		if ((ms[k] = calloc(runs, sizeof(double))) == NULL)
			err(1, NULL);
		rss[k] = 0;
	}
	for (i = 0; i < runs; i++)
		for (k = 0; k < ncmd; k++) {
			prepare(prep);
			ms[k][i] = first ? run_first(cmd[k], input, &r) :
			    run(cmd[k], input, &r);
			if (r > rss[k])
				rss[k] = r;
		}
	for (k = 0; k < ncmd; k++) {
		qsort(ms[k], runs, sizeof(double), cmp);
		printf("%.2f\t%.2f\t%.2f\t%ld\n", runs % 2 ? ms[k][runs / 2] :
		    (ms[k][runs / 2 - 1] + ms[k][runs / 2]) / 2, ms[k][0],
		    ms[k][runs - 1], rss[k]);
		free(ms[k]);
	}
	return 0;
usage:
	fprintf(stderr, "usage: bench-time [-f] [-n runs] [-i input] [-p prepare] "
	    "cmd args ... [::: cmd args ...]\n");
	return 64;
}
