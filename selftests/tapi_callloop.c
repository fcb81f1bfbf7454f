// SPDX-License-Identifier: GPL-2.0
/*
 * Many calls in a row, for call_leak.sh and scripts/bench-calls.sh: line 0
 * of a card calls line 1, which answers; line 0 drops, line 1 drops the
 * disconnected call, both deallocate.  Each step is checked; the first
 * surprise ends the run with a message.
 *
 *   tapi_callloop DEV NUMBER COUNT sync|async|null
 *
 * DEV is the card node, NUMBER line 1's number.  "sync" uses
 * TAPI_REQUEST_SYNC; "async" waits for each TAPI_EV_REPLY instead, as an
 * event-driven application does.  Prints one line:
 *
 *   MODE calls=N seconds=S calls_per_s=R syscalls_per_call=K
 *
 * "null" makes no call: it times COUNT ioctls of an unknown command on
 * line 0 (each fails with ENOTTY), what a syscall into the line fd costs
 * by itself, and prints
 *
 *   null syscalls=N seconds=S us_per_syscall=U
 *
 * Exit status: 0 when every call went through, 1 otherwise, 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "calls.h"

static const char *prog = "tapi_callloop";
static unsigned long syscalls;

static int fail(const char *what, int err)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(-err));
	return -1;
}

/* COUNT ioctls the line fd refuses at once: a syscall's own cost. */
static int null_syscalls(int fd, unsigned long count)
{
	unsigned long i;
	uint64_t t0, t1;

	t0 = now_ns();
	for (i = 0; i < count; i++) {
		if (ioctl(fd, _IO(TAPI_IOC_TYPE, 0xff)) != -1 ||
		    errno != ENOTTY)
			return fail("unknown ioctl", -EPROTO);
	}
	t1 = now_ns();
	printf("null syscalls=%lu seconds=%.3f us_per_syscall=%.2f\n", count,
	       (t1 - t0) / 1e9, count ? (t1 - t0) / 1e3 / count : 0.0);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long count, i;
	uint64_t t0, t1;
	const char *what;
	double secs;
	int card, a, b, ret;
	bool sync;

	if (argc != 5 || (strcmp(argv[4], "sync") && strcmp(argv[4], "async") &&
			  strcmp(argv[4], "null"))) {
		fprintf(stderr, "usage: %s DEV NUMBER COUNT sync|async|null\n",
			prog);
		return 2;
	}
	count = strtoul(argv[3], NULL, 0);
	sync = !strcmp(argv[4], "sync");

	card = open(argv[1], O_RDWR | O_CLOEXEC);
	if (card < 0) {
		perror(argv[1]);
		return 1;
	}
	/* Only what the loop reads: replies, and new calls on line 1. */
	a = call_open_line(card, 0, TAPI_PRIV_OWNER, EV(REPLY));
	b = call_open_line(card, 1, TAPI_PRIV_OWNER, EV(REPLY) | EV(NEWCALL));
	if (a < 0 || b < 0) {
		fail("line open", a < 0 ? a : b);
		return 1;
	}

	if (!strcmp(argv[4], "null"))
		return null_syscalls(a, count);

	t0 = now_ns();
	for (i = 0; i < count; i++) {
		ret = call_round(a, b, argv[2], sync, &what, &syscalls);
		if (ret) {
			fail(what, ret);
			fprintf(stderr, "%s: call %lu of %lu failed\n", prog,
				i + 1, count);
			return 1;
		}
	}
	t1 = now_ns();
	secs = (t1 - t0) / 1e9;
	printf("%s calls=%lu seconds=%.3f calls_per_s=%.0f syscalls_per_call=%.1f\n",
	       argv[4], count, secs, secs > 0 ? count / secs : 0.0,
	       count ? (double)syscalls / count : 0.0);
	close(a);
	close(b);
	close(card);
	return 0;
}
