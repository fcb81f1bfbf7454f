// SPDX-License-Identifier: GPL-2.0
/*
 * dahdi_pbx - the "PBX side" of the DAHDI tests, for shell scripts: the
 * functions of dahdi_pbx.h as subcommands.
 *
 *   dahdi_pbx create DRIVER ADDR NCHANS TIMING   a dynamic span; prints
 *                                                its number
 *   dahdi_pbx destroy DRIVER ADDR                 destroy one
 *   dahdi_pbx params CHAN                         "sig=0xS offhook=N"
 *   dahdi_pbx run CHAN STEP...                    drive channel CHAN
 *   dahdi_pbx bench SECONDS N CHAN_A CHAN_B       move audio on N channels
 *                                                from CHAN_A and N from
 *                                                CHAN_B; print the cost
 *
 * "run" keeps the channel open from the first step to the last (DAHDI
 * puts a channel on hook when it is closed) and prints a line a step.
 * STEPs:
 *   on off ring ringoff wink flash start   DAHDI_HOOK
 *   expect=EVENT[,MS]       wait for DAHDI_EVENT_EVENT (default 5000 ms),
 *                           printing the events seen; fail on timeout
 *   quiet=MS                fail if any event comes within MS
 *   events=MS               print the events of the next MS
 *   dial=DIGITS             dial DTMF, wait for DIALCOMPLETE
 *   detect=DIGITS[,MS]      read audio until DIGITS are heard (default
 *                           5000 ms); fail if others are
 *   ramp=BYTES[,MS]         send BYTES of the byte ramp and check that the
 *                           same comes back from the far end (dpbx_pump)
 *   sleep=MS
 *   offhook=0|1             check DAHDI_GET_PARAMS's rxisoffhook
 *   numbufs=N               buffers each way (first step only: at open)
 *
 * "bench" opens the 2 N channels (20 ms blocks, 8 buffers each way), moves
 * the byte ramp both ways on every one for SECONDS through one poll()
 * loop, and prints one line of name=value pairs: the process's CPU time
 * (getrusage, user and system) per channel-second, the whole machine's
 * busy time per channel-second (/proc/uptime: the spans' timer work
 * included), voluntary context switches per channel-second, ramp bytes
 * received per channel-second (8000 when it keeps up) and the breaks in
 * the ramp ("bad": audio lost to a late reader or writer).
 *
 * Exit status: 0 success, 1 a step or check failed, 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

#include <dahdi/user.h>

#include "dahdi_pbx.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: dahdi_pbx create DRIVER ADDR NCHANS TIMING\n"
		"       dahdi_pbx destroy DRIVER ADDR\n"
		"       dahdi_pbx params CHAN\n"
		"       dahdi_pbx run CHAN STEP...\n"
		"       dahdi_pbx bench SECONDS N CHAN_A CHAN_B\n");
	exit(2);
}

static int fail(const char *step, const char *why, int err)
{
	printf("%s: FAIL %s%s%s\n", step, why, err ? ": " : "",
	       err ? strerror(-err) : "");
	return 1;
}

static const struct {
	const char *name;
	int op;
} hooks[] = {
	{ "on", DAHDI_ONHOOK }, { "off", DAHDI_OFFHOOK },
	{ "ring", DAHDI_RING }, { "ringoff", DAHDI_RINGOFF },
	{ "wink", DAHDI_WINK }, { "flash", DAHDI_FLASH },
	{ "start", DAHDI_START },
};

/* "NAME=ARG[,MS]": ARG in arg, MS in *ms (left alone when absent). */
static char *step_arg(const char *step, char *arg, size_t len, int *ms)
{
	const char *eq = strchr(step, '='), *comma;

	if (!eq)
		return NULL;
	snprintf(arg, len, "%s", eq + 1);
	comma = strchr(arg, ',');
	if (comma) {
		if (ms)
			*ms = atoi(comma + 1);
		arg[comma - arg] = '\0';
	}
	return arg;
}

static int do_detect(struct dpbx_chan *c, const char *step, const char *want,
		     int ms)
{
	long long deadline = dpbx_now_ms() + ms;
	struct dpbx_dtmf det;
	char heard[64] = "", got[16];
	uint8_t buf[DPBX_FRAME * 8];
	ssize_t n;
	int ev;

	dpbx_dtmf_init(&det);
	while (strlen(heard) < strlen(want)) {
		if (dpbx_now_ms() >= deadline)
			return fail(step, heard[0] ? heard : "nothing heard",
				    0);
		n = dpbx_read(c, buf, c->blocksize, 200);
		if (n == -ELAST) {
			ev = dpbx_event(c, 0);
			printf("%s: event %s\n", step, dpbx_event_name(ev));
			continue;
		}
		if (n < 0)
			return fail(step, "read", n);
		dpbx_dtmf_feed_ulaw(&det, buf, n, got, sizeof(got));
		if (strlen(heard) + strlen(got) < sizeof(heard))
			strcat(heard, got);
	}
	printf("%s: heard %s\n", step, heard);
	return strcmp(heard, want) ? fail(step, "wrong digits", 0) : 0;
}

static int do_step(struct dpbx_chan *c, const char *step)
{
	char arg[256], seen[512];
	struct dpbx_stream s;
	unsigned int i;
	int ms = 5000, r, ev, v;

	for (i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		if (strcmp(step, hooks[i].name))
			continue;
		r = dpbx_hook(c, hooks[i].op);
		if (r)
			return fail(step, "DAHDI_HOOK", r);
		printf("%s: ok\n", step);
		return 0;
	}
	if (!step_arg(step, arg, sizeof(arg), &ms))
		return fail(step, "unknown step", 0);

	if (!strncmp(step, "expect=", 7)) {
		ev = dpbx_event_by_name(arg);
		if (ev < 0)
			return fail(step, "unknown event", 0);
		r = dpbx_expect(c, ev, ms, seen, sizeof(seen));
		printf("%s: seen %s\n", step, seen[0] ? seen : "nothing");
		return r ? fail(step, "not seen", r) : 0;
	}
	if (!strncmp(step, "quiet=", 6) || !strncmp(step, "events=", 7)) {
		long long deadline = dpbx_now_ms() + atoi(arg);
		int quiet = step[0] == 'q', bad = 0;

		while ((ms = deadline - dpbx_now_ms()) > 0) {
			ev = dpbx_event(c, ms);
			if (ev < 0)
				return fail(step, "event", ev);
			if (ev == 0)
				break;
			printf("%s: event %s\n", step, dpbx_event_name(ev));
			bad |= quiet;
		}
		if (bad)
			return fail(step, "events came", 0);
		printf("%s: ok\n", step);
		return 0;
	}
	if (!strncmp(step, "dial=", 5)) {
		r = dpbx_dial(c, arg);
		if (r)
			return fail(step, "DAHDI_DIAL", r);
		r = dpbx_expect(c, DAHDI_EVENT_DIALCOMPLETE, ms, seen,
				sizeof(seen));
		return r ? fail(step, seen, r) : (printf("%s: ok\n", step), 0);
	}
	if (!strncmp(step, "detect=", 7))
		return do_detect(c, step, arg, ms);
	if (!strncmp(step, "ramp=", 5)) {
		long long bytes = atoll(arg);

		if (ms == 5000)
			ms = 20000 + bytes / 4;
		dpbx_stream_init(&s, c, bytes, bytes);
		r = dpbx_pump(&s, 1, ms);
		printf("%s: sent %lld received %lld skipped %lld bad %lld events %lld\n",
		       step, s.tx_bytes, s.rx_bytes, s.rx_skipped, s.rx_bad,
		       s.events);
		dpbx_stream_free(&s);
		if (r)
			return fail(step, "pump", r);
		if (s.rx_bad || s.events)
			return fail(step, "not bit-exact", 0);
		return 0;
	}
	if (!strncmp(step, "sleep=", 6)) {
		usleep(atoi(arg) * 1000);
		printf("%s: ok\n", step);
		return 0;
	}
	if (!strncmp(step, "offhook=", 8)) {
		r = dpbx_params(c, NULL, &v);
		if (r)
			return fail(step, "DAHDI_GET_PARAMS", r);
		printf("%s: rxisoffhook %d\n", step, v);
		return v == atoi(arg) ? 0 : fail(step, "wrong", 0);
	}
	return fail(step, "unknown step", 0);
}

static int cmd_run(int argc, char **argv)
{
	struct dpbx_chan c;
	int i = 1, numbufs = 0, r;
	char arg[32];

	if (argc < 1)
		usage();
	if (argc > 1 && !strncmp(argv[1], "numbufs=", 8)) {
		numbufs = atoi(step_arg(argv[1], arg, sizeof(arg), NULL));
		i++;
	}
	r = dpbx_open(&c, atoi(argv[0]), DPBX_FRAME, numbufs);
	if (r)
		return fail("open", argv[0], r);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (r = 0; i < argc && !r; i++)
		r = do_step(&c, argv[i]);
	dpbx_close(&c);
	return r;
}

/*
 * Busy time of the whole machine in microseconds: CPUs times uptime less
 * idle time (/proc/uptime).  Idle time is measured exactly; /proc/stat's
 * per-state times are tick samples, which miss work done in step with a
 * timer (DAHDI's core timer drives the spans).
 */
static long long machine_busy_us(void)
{
	FILE *f = fopen("/proc/uptime", "r");
	double up, idle;
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "%lf %lf", &up, &idle);
	fclose(f);
	if (n != 2)
		return 0;
	return (up * sysconf(_SC_NPROCESSORS_ONLN) - idle) * 1e6;
}

static long long tv_us(const struct timeval *tv)
{
	return tv->tv_sec * 1000000LL + tv->tv_usec;
}

static int cmd_bench(int argc, char **argv)
{
	struct rusage r0, r1;
	struct dpbx_stream *s;
	struct dpbx_chan *c;
	long long t0, t1, m0, m1, bytes, rx = 0, bad = 0, ev = 0;
	double secs, chs, user, sys;
	int n, i, r, seconds, a, b, err = 0;

	if (argc != 4)
		usage();
	seconds = atoi(argv[0]);
	n = atoi(argv[1]);
	a = atoi(argv[2]);
	b = atoi(argv[3]);
	if (seconds <= 0 || n <= 0 || a <= 0 || b <= 0)
		usage();
	c = calloc(2 * n, sizeof(*c));
	s = calloc(2 * n, sizeof(*s));
	if (!c || !s)
		return fail("bench", "out of memory", 0);
	/* Audio for longer than the run: it ends on the clock. */
	bytes = (long long)seconds * DPBX_RATE * 4;
	for (i = 0; i < 2 * n; i++) {
		r = dpbx_open(&c[i], i < n ? a + i : b + i - n, DPBX_FRAME, 8);
		if (r)
			return fail("bench", "open", r);
		dpbx_stream_init(&s[i], &c[i], bytes, bytes);
		/* Every reader starts with the loop: no lead-in. */
		s[i].tx_lead = 0;
	}
	getrusage(RUSAGE_SELF, &r0);
	m0 = machine_busy_us();
	t0 = dpbx_now_ms();
	r = dpbx_pump(s, 2 * n, seconds * 1000);
	t1 = dpbx_now_ms();
	m1 = machine_busy_us();
	getrusage(RUSAGE_SELF, &r1);
	if (r != -ETIMEDOUT)
		err = fail("bench", "pump", r);
	for (i = 0; i < 2 * n; i++) {
		rx += s[i].rx_bytes;
		bad += s[i].rx_bad;
		ev += s[i].events;
		dpbx_stream_free(&s[i]);
		dpbx_close(&c[i]);
	}
	secs = (t1 - t0) / 1000.0;
	/* A channel-second: one channel's audio both ways for a second. */
	chs = 2.0 * n * secs;
	user = tv_us(&r1.ru_utime) - tv_us(&r0.ru_utime);
	sys = tv_us(&r1.ru_stime) - tv_us(&r0.ru_stime);
	printf("channels=%d seconds=%d wall_s=%.2f", 2 * n, seconds, secs);
	printf(" cpu_us_per_chan_s=%.1f user_us_per_chan_s=%.1f",
	       (user + sys) / chs, user / chs);
	printf(" sys_us_per_chan_s=%.1f machine_us_per_chan_s=%.1f",
	       sys / chs, (m1 - m0) / chs);
	printf(" vcsw_per_chan_s=%.1f rx_bytes_per_chan_s=%.0f",
	       (r1.ru_nvcsw - r0.ru_nvcsw) / chs, rx / chs);
	printf(" bad=%lld events=%lld\n", bad, ev);
	free(s);
	free(c);
	return err;
}

int main(int argc, char **argv)
{
	int r;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "create") && argc == 6) {
		r = dpbx_dynamic_create(argv[2], argv[3], atoi(argv[4]),
					atoi(argv[5]));
		if (r < 0)
			return fail("create", argv[3], r);
		printf("%d\n", r);
		return 0;
	}
	if (!strcmp(argv[1], "destroy") && argc == 4) {
		r = dpbx_dynamic_destroy(argv[2], argv[3]);
		return r ? fail("destroy", argv[3], r) : 0;
	}
	if (!strcmp(argv[1], "params") && argc == 3) {
		struct dpbx_chan c;
		int sig, off;

		r = dpbx_open(&c, atoi(argv[2]), 0, 0);
		if (!r)
			r = dpbx_params(&c, &sig, &off);
		dpbx_close(&c);
		if (r)
			return fail("params", argv[2], r);
		printf("sig=0x%x offhook=%d\n", sig, off);
		return 0;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "bench"))
		return cmd_bench(argc - 2, argv + 2);
	usage();
	return 2;
}
