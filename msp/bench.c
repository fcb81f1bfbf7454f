// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapi-mediabench: connected call pairs on sim cards, an MSP pumping
 * frames both ways on every call end, for a fixed time; prints the cost.
 *
 * Usage: tapi-mediabench [--clock[=MS]] [--seconds N] [--format F]
 *                        CARD:FIRST:PAIRS... | CARD@LINES...
 *
 * Each CARD:FIRST:PAIRS has 2 x PAIRS lines numbered FIRST, FIRST+1...:
 * line i calls line PAIRS + i, which answers.  CARD@LINES places a call
 * with no number on each of its first LINES lines, whose far end is not a
 * tapi line (the DAHDI bridge's phone lines: off hook, at dial tone).  Every call end (a "channel") gets a
 * transmitting media fd of 20 ms frames, driven by one msp loop for all of
 * them: RX frames are read (summed) and released, the TX ring is kept
 * full.  After a second of warm-up the loop runs N seconds (default 10);
 * the line printed gives, per channel-second, this process's CPU time
 * (getrusage, user + system), the whole machine's busy CPU time (all but
 * idle, /proc/uptime: the kernel's timers and softirqs that move the
 * audio too, and anything else running), the syscalls the loop made, and
 * the frames moved, overrun and underrun (the media fds' counters).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "msp.h"

#define WAIT_NS		(10 * 1000000000LL)

struct end {
	struct msp_call call;
	struct tapi_media *media;
};

struct totals {
	double cpu_s;		/* this process, user + system */
	double machine_s;	/* every CPU, busy */
	struct msp_loop_stats loop;
	struct tapi_media_stats media;
};

static struct end *ends;
static unsigned int num_ends;
static uint64_t checksum;

static void die(const char *what)
{
	fprintf(stderr, "tapi-mediabench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int rx(struct msp_chan *chan, unsigned int ready, void *data)
{
	struct tapi_media *m = msp_chan_get_media(chan);
	unsigned int size = tapi_media_get_frame_size(m), i, k;

	(void)data;
	for (i = 0; i < ready; i++) {
		const uint8_t *f = tapi_media_rx_frame(m, i);

		for (k = 0; k < size; k += 16)
			checksum += f[k];
	}
	tapi_media_rx_release(m, ready);
	return MSP_CONTINUE;
}

static int tx(struct msp_chan *chan, unsigned int room, void *data)
{
	struct tapi_media *m = msp_chan_get_media(chan);
	unsigned int i;

	(void)data;
	for (i = 0; i < room; i++)
		memset(tapi_media_tx_frame(m, i), 0x55,
		       tapi_media_get_frame_size(m));
	return tapi_media_tx_commit(m, room) ? -1 : MSP_CONTINUE;
}

static void hangup(struct msp_chan *chan, void *data)
{
	(void)chan;
	(void)data;
	fprintf(stderr, "tapi-mediabench: a call ended\n");
}

static const struct msp_chan_ops ops = {
	.rx = rx,
	.tx = tx,
	.hangup = hangup,
};

/* CARD@LINES: on each of the first LINES lines, a call left at dial tone. */
static void setup_lines(struct tapi_card *card, unsigned int lines)
{
	unsigned int i;

	for (i = 0; i < lines; i++) {
		if (msp_call_open_on(&ends[num_ends + i].call, card, i) ||
		    msp_call_place(&ends[num_ends + i].call, "",
				   TAPI_CALLSTATE_DIALTONE, WAIT_NS))
			die("placing a call");
	}
	num_ends += lines;
}

/* CARD:FIRST:PAIRS: open 2 x PAIRS lines, connect them in pairs. */
static void setup_pairs(struct tapi_card *card, unsigned int first,
			unsigned int pairs)
{
	char num[32];
	unsigned int i;
	struct end *a, *b;

	for (i = 0; i < 2 * pairs; i++)
		if (msp_call_open_on(&ends[num_ends + i].call, card, i))
			die("opening a line");
	for (i = 0; i < pairs; i++) {
		a = &ends[num_ends + i];
		b = &ends[num_ends + pairs + i];
		snprintf(num, sizeof(num), "%u", first + pairs + i);
		if (msp_call_place(&a->call, num, TAPI_CALLSTATE_RINGBACK |
				   TAPI_CALLSTATE_CONNECTED, WAIT_NS) ||
		    msp_call_answer(&b->call, WAIT_NS) ||
		    msp_call_wait(&a->call, TAPI_CALLSTATE_CONNECTED, WAIT_NS))
			die("connecting a pair");
	}
	num_ends += 2 * pairs;
}

static void setup_card(const char *spec)
{
	unsigned int first, pairs, lines;
	struct tapi_card *card;
	char name[64];
	bool by_lines;

	by_lines = sscanf(spec, "%63[^@]@%u", name, &lines) == 2 && lines;
	if (!by_lines &&
	    (sscanf(spec, "%63[^:]:%u:%u", name, &first, &pairs) != 3 ||
	     !pairs)) {
		fprintf(stderr, "tapi-mediabench: '%s' is not CARD:FIRST:PAIRS or CARD@LINES\n",
			spec);
		exit(2);
	}
	card = tapi_card_open(name);
	if (!card)
		die(name);
	ends = realloc(ends, (num_ends + (by_lines ? lines : 2 * pairs)) *
			     sizeof(*ends));
	if (!ends)
		die("memory");
	if (by_lines)
		setup_lines(card, lines);
	else
		setup_pairs(card, first, pairs);
	tapi_card_close(card);
}

/*
 * Busy CPU time of the whole machine so far: CPUs times uptime less idle
 * time, from /proc/uptime.  The kernel measures idle time exactly (NOHZ),
 * while /proc/stat's user, system and softirq times are samples taken at
 * the tick, which miss work done in step with a timer, as here.
 */
static double machine_busy_s(void)
{
	double up, idle;
	FILE *f = fopen("/proc/uptime", "r");

	if (!f || fscanf(f, "%lf %lf", &up, &idle) != 2)
		die("/proc/uptime");
	fclose(f);
	return up * sysconf(_SC_NPROCESSORS_ONLN) - idle;
}

static void snapshot(struct msp_loop *loop, struct totals *t)
{
	struct tapi_media_stats s;
	struct rusage ru;
	unsigned int i;

	memset(t, 0, sizeof(*t));
	getrusage(RUSAGE_SELF, &ru);
	t->cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		   ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	t->machine_s = machine_busy_s();
	msp_loop_get_stats(loop, &t->loop);
	for (i = 0; i < num_ends; i++) {
		tapi_media_get_stats(ends[i].media, &s);
		t->media.rx_frames += s.rx_frames;
		t->media.rx_overruns += s.rx_overruns;
		t->media.tx_frames += s.tx_frames;
		t->media.tx_underruns += s.tx_underruns;
	}
}

static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return;
	rl.rlim_cur = rl.rlim_max;
	if (rl.rlim_cur < 65536 && geteuid() == 0)
		rl.rlim_cur = rl.rlim_max = 65536;
	setrlimit(RLIMIT_NOFILE, &rl);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "clock", optional_argument, NULL, 'c' },
		{ "seconds", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	enum msp_mode mode = MSP_MODE_WAKE;
	unsigned int tick_ms = 0, seconds = 10, i;
	int format = TAPI_MEDIA_LINEAR16, c;
	struct totals t0, t1;
	struct msp_loop *loop;
	double chan_s, setup;
	struct timespec ts;

	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 'c':
			mode = MSP_MODE_CLOCK;
			tick_ms = optarg ? atoi(optarg) : 0;
			break;
		case 's':
			seconds = atoi(optarg);
			break;
		case 'f':
			format = msp_format_parse(optarg);
			if (format < 0)
				die(optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind == argc || !seconds) {
		fputs("usage: tapi-mediabench [--clock[=MS]] [--seconds N] "
		      "[--format F] CARD:FIRST:PAIRS... | CARD@LINES...\n",
		      stderr);
		return 2;
	}
	raise_fd_limit();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	setup = ts.tv_sec + ts.tv_nsec / 1e9;
	for (; optind < argc; optind++)
		setup_card(argv[optind]);
	loop = msp_loop_new(mode, tick_ms);
	if (!loop)
		die("loop");
	for (i = 0; i < num_ends; i++) {
		ends[i].media = tapi_line_open_media(ends[i].call.line,
						     ends[i].call.call,
						     TAPI_MEDIA_OPEN_TX, format,
						     0, 0);
		if (!ends[i].media)
			die("opening a media fd");
		if (!msp_loop_add(loop, ends[i].media, &ops, NULL))
			die("adding a channel");
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	setup = ts.tv_sec + ts.tv_nsec / 1e9 - setup;

	if (msp_loop_run(loop, 1000000000LL) < 0)
		die("warm-up");
	snapshot(loop, &t0);
	if (msp_loop_run(loop, seconds * 1000000000LL) != 1)
		die("the loop stopped");
	snapshot(loop, &t1);

	chan_s = (double)num_ends * seconds;
	printf("%s channels=%u seconds=%u setup_s=%.1f "
	       "cpu_us_per_chan_s=%.1f machine_us_per_chan_s=%.1f "
	       "syscalls_per_chan_s=%.3f wakeups_per_s=%.1f "
	       "rx_frames_per_chan_s=%.2f tx_frames_per_chan_s=%.2f "
	       "rx_overruns=%llu tx_underruns=%llu\n",
	       mode == MSP_MODE_CLOCK ? "clock" : "wake", num_ends, seconds,
	       setup, (t1.cpu_s - t0.cpu_s) * 1e6 / chan_s,
	       (t1.machine_s - t0.machine_s) * 1e6 / chan_s,
	       (t1.loop.syscalls - t0.loop.syscalls) / chan_s,
	       (t1.loop.wakeups - t0.loop.wakeups) / (double)seconds,
	       (t1.media.rx_frames - t0.media.rx_frames) / chan_s,
	       (t1.media.tx_frames - t0.media.tx_frames) / chan_s,
	       (unsigned long long)(t1.media.rx_overruns - t0.media.rx_overruns),
	       (unsigned long long)(t1.media.tx_underruns -
				    t0.media.tx_underruns));
	msp_loop_free(loop);
	for (i = 0; i < num_ends; i++) {
		tapi_media_close(ends[i].media);
		msp_call_close(&ends[i].call);
	}
	free(ends);
	return checksum == 1 ? 1 : 0;	/* keep the reads */
}
