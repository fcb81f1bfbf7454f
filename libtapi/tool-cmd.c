// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl: what the subcommands share: messages, option parsing, opening
 * cards and lines, and an event loop that also hears SIGINT and SIGTERM.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "tapictl.h"

void error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '" PROG "%s%s --help' for more information.\n",
		cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

bool check_args(int *status, int argc, char **argv, int i, ...)
{
	const char *name;
	bool done = false;
	va_list ap;

	if (i < 0) {
		*status = i == -1 ? EXIT_OK : EXIT_USAGE;
		return true;
	}
	va_start(ap, i);
	while (!done && (name = va_arg(ap, const char *))) {
		if (i >= argc) {
			*status = usage_error(argv[0], "missing %s", name);
			done = true;
		}
		i++;
	}
	va_end(ap);
	if (!done && i < argc) {
		*status = usage_error(argv[0], "unexpected argument '%s'",
				      argv[i]);
		done = true;
	}
	return done;
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

static void print_command_help(const struct command *cmd)
{
	printf("Usage: " PROG " %s %s\n\n%s.\n", cmd->name, cmd->args,
	       cmd->summary);
	printf("\nOptions:\n%s"
	       "  -j, --json                print JSON instead of text\n"
	       "  -h, --help                print this help and exit\n",
	       cmd->options ? cmd->options : "");
	if (strstr(cmd->args, "LINE"))
		printf("\nLINE is CARD:N, where N is the line index on the card and CARD is\n"
		       "tapiK, /dev/tapiK or the name of the card (see '" PROG " list').\n");
	if (cmd->notes)
		printf("\n%s", cmd->notes);
}

int parse_options(int argc, char **argv, const char *shortopts,
		  const struct option *longopts, option_fn fn, void *data,
		  struct common_opts *opts)
{
	static const struct option common[] = {
		{ "json",	no_argument,	NULL,	'j' },
		{ "help",	no_argument,	NULL,	'h' },
	};
	struct option *all;
	char *shorts;
	size_t n = 0, i;
	int c, ret = -3;

	while (longopts && longopts[n].name)
		n++;
	all = xcalloc(n + 3, sizeof(*all));
	memcpy(all, common, sizeof(common));
	for (i = 0; i < n; i++)
		all[2 + i] = longopts[i];
	/* ':' first: a missing argument is ':', not '?'. */
	shorts = xasprintf(":jh%s", shortopts ? shortopts : "");

	memset(opts, 0, sizeof(*opts));
	optind = 0;	/* full reset: we parse several argvs */
	opterr = 0;
	while (ret == -3 &&
	       (c = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			print_command_help(find_command(argv[0]));
			ret = -1;
			break;
		case ':':
			usage_error(argv[0], "option '%s' needs an argument",
				    argv[optind - 1]);
			ret = -2;
			break;
		case '?':
			if (optopt)
				usage_error(argv[0], "invalid option '-%c'",
					    optopt);
			else
				usage_error(argv[0], "invalid option '%s'",
					    argv[optind - 1]);
			ret = -2;
			break;
		default:
			if (!fn || fn(c, optarg, data))
				ret = -2;
			break;
		}
	}
	free(all);
	free(shorts);
	return ret == -3 ? optind : ret;
}

int parse_seconds(const char *s, int64_t *ns)
{
	unsigned int v;

	/* Up to a century, plenty for a timer, far from overflowing. */
	if (parse_uint(s, &v) || v > 100u * 366 * 24 * 3600)
		return -1;
	*ns = (int64_t)v * 1000000000;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Cards and lines                                                     */
/* ------------------------------------------------------------------ */

/* Does @spec name a node the way the library reads "tapiN"? */
static bool is_node_name(const char *spec)
{
	const char *p = spec + 4;

	if (strncmp(spec, "tapi", 4) || !*p || (p[0] == '0' && p[1]))
		return false;
	return strspn(p, "0123456789") == strlen(p);
}

struct tapi_card *open_card(const char *spec)
{
	struct tapi_card *card;

	card = tapi_card_open(spec);
	if (card)
		return card;

	if (errno == ENOTTY) {
		error("%s: not a tapi card", spec);
	} else if (strchr(spec, '/')) {
		error("%s: %s", spec, strerror(errno));
	} else if (is_node_name(spec)) {
		error("/dev/%s: %s", spec, strerror(errno));
	} else if (errno == ENOENT) {
		error("no tapi card named '%s'", spec);
	} else if (errno == ENOTUNIQ) {
		error("more than one card is named '%s': use tapiN", spec);
	} else {
		error("card '%s': %s", spec, strerror(errno));
	}
	return NULL;
}

struct tapi_line *open_line(const char *card_spec, unsigned int index,
			    const struct tapi_line_settings *settings)
{
	struct tapi_card *card;
	struct tapi_line *line;
	unsigned int n;

	card = open_card(card_spec);
	if (!card)
		return NULL;
	n = tapi_card_get_num_lines(card);
	if (index >= n) {
		error("%s: no line %u (the card has %u line%s)",
		      tapi_card_get_path(card), index, n, n == 1 ? "" : "s");
		tapi_card_close(card);
		return NULL;
	}
	line = tapi_card_open_line(card, index, settings);
	if (!line)
		error("%s: cannot open line %u: %s", tapi_card_get_path(card),
		      index, strerror(errno));
	tapi_card_close(card);
	return line;
}

const char *errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ ENODEV, "ENODEV" }, { EINVAL, "EINVAL" },
		{ ENOTTY, "ENOTTY" }, { EBADFD, "EBADFD" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { ETIMEDOUT, "ETIMEDOUT" },
		{ ECANCELED, "ECANCELED" }, { ECONNREFUSED, "ECONNREFUSED" },
		{ ENOSPC, "ENOSPC" }, { ENXIO, "ENXIO" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return NULL;
}

int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ------------------------------------------------------------------ */
/* Event loop                                                          */
/* ------------------------------------------------------------------ */

int loop_init(struct event_loop *loop, struct tapi_line *line)
{
	sigset_t set;

	memset(loop, 0, sizeof(*loop));
	loop->line = line;
	loop->sigfd = -1;
	loop->buffer = tapi_event_buffer_new(0);
	if (!loop->buffer) {
		error("%s", strerror(errno));
		return -1;
	}
	/* Signals become readable data: no race with the wait. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL)) {
		error("sigprocmask: %s", strerror(errno));
		goto err;
	}
	loop->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (loop->sigfd < 0) {
		error("signalfd: %s", strerror(errno));
		goto err;
	}
	return 0;
err:
	loop_fini(loop);
	return -1;
}

void loop_fini(struct event_loop *loop)
{
	sigset_t set;

	if (loop->sigfd >= 0)
		close(loop->sigfd);
	loop->sigfd = -1;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	tapi_event_buffer_free(loop->buffer);
	loop->buffer = NULL;
}

enum loop_result loop_wait(struct event_loop *loop, int64_t deadline_ns)
{
	struct pollfd pfd[2] = {
		{ .fd = tapi_line_get_fd(loop->line), .events = POLLIN },
		{ .fd = loop->sigfd, .events = POLLIN },
	};
	struct signalfd_siginfo si;
	int64_t left;
	int timeout, ret;

	for (;;) {
		timeout = -1;
		if (deadline_ns >= 0) {
			left = deadline_ns - now_ns();
			if (left <= 0)
				return LOOP_TIMEOUT;
			/* Round up: never wake before the deadline. */
			left = (left + 999999) / 1000000;
			timeout = left > 1000000 ? 1000000 : (int)left;
		}
		ret = poll(pfd, 2, timeout);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0) {
			error("poll: %s", strerror(errno));
			return LOOP_ERROR;
		}
		if (pfd[1].revents & POLLIN &&
		    read(loop->sigfd, &si, sizeof(si)) == sizeof(si))
			return LOOP_SIGNAL;
		if (pfd[0].revents)
			return LOOP_EVENTS;
	}
}
