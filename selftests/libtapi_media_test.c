// SPDX-License-Identifier: GPL-2.0
/*
 * libtapi's media API against the real core: tapi_line_open_media() and
 * the ring helpers move audio between two connected sim lines bit-exact,
 * report the layout and counters the kernel has, turn RX wake-ups off and
 * on, and report POLLHUP at the end of the call.  Every bad open (unknown
 * handle, TX on a monitor handle, a second transmitter, bad format, frame
 * length or entries, unknown flag, ended call, closed line fd, card gone)
 * fails with the kernel's errno and leaves no fd open and nothing mapped;
 * so do out-of-range ring calls, which change nothing.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libtapi.h>

#include "calls.h"
#include "harness.h"

#define T	3000	/* ms: longest wait for anything expected */

/* Mappings of media fds in this process. */
static int count_media_maps(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "tapi-media"))
			n++;
	fclose(f);
	return n;
}

/* Fill @n TX slots of @m with samples counting up from *@next. */
static void tx_count(struct tapi_media *m, unsigned int n, int16_t *next)
{
	unsigned int spf = tapi_media_get_frame_samples(m), i, k;

	for (i = 0; i < n; i++) {
		int16_t *f = tapi_media_tx_frame(m, i);

		for (k = 0; k < spf; k++)
			f[k] = (*next)++;
	}
	tapi_media_tx_commit(m, n);
}

FIXTURE(media)
{
	struct sim_card card;
	struct tapi_card *tc;
	struct tapi_line *a, *b;
	uint32_t ca, cb;
	int fds, maps;
};

FIXTURE_SETUP(media)
{
	struct tapi_line_settings *s;
	char num_b[TAPI_ADDRESS_LEN];
	struct tapi_event ev;
	int ret;

	self->tc = NULL;
	self->a = self->b = NULL;
	ret = sim_card_create_live(&self->card, "lmedia", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	self->tc = tapi_card_open(self->card.dev_path);
	ASSERT_NE(NULL, self->tc);
	s = tapi_line_settings_new();
	ASSERT_NE(NULL, s);
	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_INTERACTIVEVOICE);
	self->a = tapi_card_open_line(self->tc, 0, s);
	self->b = tapi_card_open_line(self->tc, 1, s);
	tapi_line_settings_free(s);
	ASSERT_NE(NULL, self->a);
	ASSERT_NE(NULL, self->b);

	/* a calls b, b answers. */
	sim_default_number(&self->card, 1, num_b, sizeof(num_b));
	ASSERT_EQ(0, tapi_line_make_call_sync(self->a, num_b, NULL,
					      &self->ca));
	ASSERT_EQ(1, ev_wait(tapi_line_get_fd(self->b), TAPI_EV_NEWCALL, 0,
			     &ev, T));
	self->cb = ev.call;
	ASSERT_EQ(0, tapi_line_answer_sync(self->b, self->cb));
	ASSERT_EQ(1, ev_wait_state(tapi_line_get_fd(self->a), self->ca,
				   TAPI_CALLSTATE_CONNECTED, &ev, T));
	self->fds = count_fds();
	self->maps = count_media_maps();
	ASSERT_EQ(0, self->maps);
}

FIXTURE_TEARDOWN(media)
{
	tapi_line_close(self->a);
	tapi_line_close(self->b);
	tapi_card_close(self->tc);
	sim_card_destroy(&self->card);
}

/* Nothing of a failed open is left: no fd, no mapping. */
#define EXPECT_NOTHING_LEFT() do {					\
	EXPECT_EQ(self->fds, count_fds());				\
	EXPECT_EQ(0, count_media_maps());				\
} while (0)

TEST_F(media, defaults_and_layout)
{
	struct tapi_media_stats st;
	struct tapi_media *m;

	m = tapi_line_open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				 TAPI_MEDIA_LINEAR16, 0, 0);
	ASSERT_NE(NULL, m) TH_LOG("open: %m");
	EXPECT_EQ(self->fds + 1, count_fds());
	EXPECT_EQ(2, count_media_maps());
	EXPECT_LE(0, tapi_media_get_fd(m));
	EXPECT_EQ((uint32_t)TAPI_MEDIA_LINEAR16, tapi_media_get_format(m));
	EXPECT_EQ(20u, tapi_media_get_frame_ms(m));
	EXPECT_EQ(160u, tapi_media_get_frame_samples(m));
	EXPECT_EQ(320u, tapi_media_get_frame_size(m));
	EXPECT_EQ((unsigned int)TAPI_MEDIA_ENTRIES_DEFAULT,
		  tapi_media_get_rx_entries(m));
	EXPECT_EQ((unsigned int)TAPI_MEDIA_ENTRIES_DEFAULT,
		  tapi_media_get_tx_entries(m));
	EXPECT_TRUE(tapi_media_get_rx_wakeup(m));
	EXPECT_EQ((unsigned int)TAPI_MEDIA_ENTRIES_DEFAULT,
		  tapi_media_tx_room(m));
	tapi_media_get_stats(m, &st);
	EXPECT_EQ(0u, st.tx_invalid);
	EXPECT_EQ(0u, st.reserved[0]);
	tapi_media_close(m);
	EXPECT_NOTHING_LEFT();

	/* G.711 and a short frame: one byte a sample. */
	m = tapi_line_open_media(self->b, self->cb, 0, TAPI_MEDIA_ALAW, 5, 4);
	ASSERT_NE(NULL, m);
	EXPECT_EQ(40u, tapi_media_get_frame_samples(m));
	EXPECT_EQ(40u, tapi_media_get_frame_size(m));
	EXPECT_EQ(4u, tapi_media_get_rx_entries(m));
	EXPECT_EQ(0u, tapi_media_get_tx_entries(m));
	tapi_media_close(m);
	EXPECT_NOTHING_LEFT();
}

/* Counting samples from a's TX arrive on b's RX, each one, in order. */
TEST_F(media, audio_bit_exact)
{
	struct tapi_media *ma, *mb;
	struct tapi_media_stats st;
	struct pollfd p;
	int16_t next = 0, want = 0;
	unsigned int n, i, k, spf, got = 0;
	bool started = false;
	uint64_t end = now_ns() + 4 * 1000000000ull;

	ma = tapi_line_open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				  TAPI_MEDIA_LINEAR16, 10, 64);
	mb = tapi_line_open_media(self->b, self->cb, 0, TAPI_MEDIA_LINEAR16,
				  20, 64);
	ASSERT_NE(NULL, ma);
	ASSERT_NE(NULL, mb);
	spf = tapi_media_get_frame_samples(mb);
	p.fd = tapi_media_get_fd(mb);
	p.events = POLLIN;
	/* 1.6 s of audio; then listen until 8000 samples came through. */
	while (got < 8000 && now_ns() < end) {
		n = tapi_media_tx_room(ma);
		if (n && next < 12800)
			tx_count(ma, n, &next);
		poll(&p, 1, 100);
		n = tapi_media_rx_ready(mb);
		for (i = 0; i < n; i++) {
			const int16_t *f = tapi_media_rx_frame(mb, i);

			for (k = 0; k < spf && got < 8000; k++) {
				/* Silence until the first sample, 0. */
				if (!started && f[k] == 0 && k + 1 < spf &&
				    f[k + 1] == 1)
					started = true;
				if (!started)
					continue;
				ASSERT_EQ(want, f[k]) TH_LOG("sample %u", got);
				want++;
				got++;
			}
		}
		ASSERT_EQ(0, tapi_media_rx_release(mb, n));
	}
	EXPECT_EQ(8000u, got);
	tapi_media_get_stats(ma, &st);
	EXPECT_LT(0u, st.tx_frames);
	tapi_media_get_stats(mb, &st);
	EXPECT_LT(0u, st.rx_frames);
	tapi_media_close(ma);
	tapi_media_close(mb);
	EXPECT_NOTHING_LEFT();
}

/* Out-of-range ring calls fail and change nothing. */
TEST_F(media, ring_bounds)
{
	struct tapi_media *m, *rx;
	unsigned int room;

	m = tapi_line_open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				 TAPI_MEDIA_ULAW, 20, 8);
	ASSERT_NE(NULL, m);
	room = tapi_media_tx_room(m);
	EXPECT_EQ(NULL, tapi_media_tx_frame(m, room));
	EXPECT_EQ(ENOBUFS, errno);
	EXPECT_EQ(-1, tapi_media_tx_commit(m, room + 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(room, tapi_media_tx_room(m));
	EXPECT_EQ(0, tapi_media_tx_commit(m, 2));
	EXPECT_GE(room, tapi_media_tx_room(m));

	/* Nothing counted ready yet: no frame, no release. */
	EXPECT_EQ(NULL, tapi_media_rx_frame(m, 0));
	EXPECT_EQ(ENOBUFS, errno);
	EXPECT_EQ(-1, tapi_media_rx_release(m, 1));
	EXPECT_EQ(EINVAL, errno);

	/* An RX-only fd has no TX ring. */
	rx = tapi_line_open_media(self->b, self->cb, 0, TAPI_MEDIA_ULAW, 0, 0);
	ASSERT_NE(NULL, rx);
	EXPECT_EQ(0u, tapi_media_tx_room(rx));
	EXPECT_EQ(NULL, tapi_media_tx_frame(rx, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, tapi_media_tx_commit(rx, 0));
	EXPECT_EQ(EPERM, errno);
	tapi_media_close(rx);
	tapi_media_close(m);
	EXPECT_NOTHING_LEFT();
}

/* With wake-ups off a poller sleeps through new frames; on, it does not. */
TEST_F(media, rx_wakeup_control)
{
	struct tapi_media *m;
	struct pollfd p;
	uint64_t t0;

	m = tapi_line_open_media(self->b, self->cb, 0, TAPI_MEDIA_LINEAR16,
				 20, 64);
	ASSERT_NE(NULL, m);
	p.fd = tapi_media_get_fd(m);
	p.events = POLLIN;

	tapi_media_set_rx_wakeup(m, false);
	EXPECT_FALSE(tapi_media_get_rx_wakeup(m));
	ASSERT_EQ(0, tapi_media_rx_release(m, tapi_media_rx_ready(m)));
	t0 = now_ns();
	EXPECT_EQ(1, poll(&p, 1, 400));		/* re-checked at the end */
	EXPECT_LE(350 * 1000000ull, now_ns() - t0);
	EXPECT_LT(0u, tapi_media_rx_ready(m));	/* frames came all the same */

	tapi_media_set_rx_wakeup(m, true);
	EXPECT_TRUE(tapi_media_get_rx_wakeup(m));
	ASSERT_EQ(0, tapi_media_rx_release(m, tapi_media_rx_ready(m)));
	t0 = now_ns();
	EXPECT_EQ(1, poll(&p, 1, 2000));
	EXPECT_GT(300 * 1000000ull, now_ns() - t0);
	tapi_media_close(m);
}

/* The call ends: POLLHUP, what is left can be read, counters stand still. */
TEST_F(media, hangup)
{
	struct tapi_media_stats s0, s1;
	struct tapi_media *m;
	struct pollfd p;

	m = tapi_line_open_media(self->a, self->ca, 0, TAPI_MEDIA_LINEAR16,
				 0, 0);
	ASSERT_NE(NULL, m);
	ASSERT_EQ(0, tapi_line_drop_sync(self->b, self->cb));
	p.fd = tapi_media_get_fd(m);
	p.events = POLLIN;
	ASSERT_EQ(1, poll(&p, 1, T));
	EXPECT_TRUE(p.revents & POLLHUP);
	tapi_media_get_stats(m, &s0);
	usleep(200000);
	tapi_media_get_stats(m, &s1);
	EXPECT_EQ(s0.rx_frames, s1.rx_frames);
	EXPECT_EQ(s0.rx_frames, (uint64_t)tapi_media_rx_ready(m));
	tapi_media_close(m);
	EXPECT_NOTHING_LEFT();

	/* No media on a call that has ended. */
	EXPECT_EQ(NULL, tapi_line_open_media(self->a, self->ca, 0, 0, 0, 0));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_NOTHING_LEFT();
}

/* Every bad open: the kernel's errno, and nothing left open or mapped. */
TEST_F(media, bad_opens)
{
	static const struct {
		const char *what;
		uint32_t flags, format, frame_ms, entries;
		int err;
	} bad[] = {
		{ "unknown flag", 1u << 6, 0, 0, 0, EOPNOTSUPP },
		{ "format 3", 0, 3, 0, 0, EINVAL },
		{ "frame of 21 ms", 0, 0, 21, 0, EINVAL },
		{ "3 entries", 0, 0, 0, 3, EINVAL },
		{ "2048 entries", TAPI_MEDIA_OPEN_TX, 0, 0, 2048, EINVAL },
	};
	struct tapi_line_settings *s;
	struct tapi_media *m, *tx;
	struct tapi_line *mon;
	uint32_t handle;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = tapi_line_open_media(self->a, self->ca, bad[i].flags,
					 bad[i].format, bad[i].frame_ms,
					 bad[i].entries);
		EXPECT_EQ(NULL, m) TH_LOG("%s", bad[i].what);
		EXPECT_EQ(bad[i].err, errno) TH_LOG("%s", bad[i].what);
		EXPECT_NOTHING_LEFT();
	}

	m = tapi_line_open_media(self->a, 0x7777, 0, 0, 0, 0);
	EXPECT_EQ(NULL, m);
	EXPECT_EQ(ENOENT, errno);
	EXPECT_NOTHING_LEFT();

	/* One transmitter a call. */
	tx = tapi_line_open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX, 0, 0,
				  0);
	ASSERT_NE(NULL, tx);
	m = tapi_line_open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX, 0, 0,
				 0);
	EXPECT_EQ(NULL, m);
	EXPECT_EQ(EBUSY, errno);
	tapi_media_close(tx);
	EXPECT_NOTHING_LEFT();

	/* A monitor listens but may not transmit. */
	s = tapi_line_settings_new();
	ASSERT_NE(NULL, s);
	tapi_line_settings_set_privileges(s, TAPI_PRIV_MONITOR);
	mon = tapi_card_open_line(self->tc, 0, s);
	tapi_line_settings_free(s);
	ASSERT_NE(NULL, mon);
	self->fds++;
	ASSERT_EQ(1, tapi_line_get_new_calls(mon, &handle, 1,
					     TAPI_ALL_ADDRESSES, NULL));
	m = tapi_line_open_media(mon, handle, TAPI_MEDIA_OPEN_TX, 0, 0, 0);
	EXPECT_EQ(NULL, m);
	EXPECT_EQ(EPERM, errno);
	EXPECT_NOTHING_LEFT();
	m = tapi_line_open_media(mon, handle, 0, 0, 0, 0);
	EXPECT_NE(NULL, m);
	tapi_media_close(m);
	tapi_line_close(mon);
	self->fds--;
	EXPECT_NOTHING_LEFT();
}

/* A line fd closed under the library: EBADF, nothing left. */
TEST_F(media, closed_line_fd)
{
	struct tapi_media *m;

	ASSERT_EQ(0, close(tapi_line_get_fd(self->b)));
	self->fds--;
	m = tapi_line_open_media(self->b, self->cb, 0, 0, 0, 0);
	EXPECT_EQ(NULL, m);
	EXPECT_EQ(EBADF, errno);
	EXPECT_NOTHING_LEFT();
}

/* The card goes: open media fds get POLLHUP, new opens ENODEV. */
TEST_F(media, card_removed)
{
	struct tapi_media *m;
	struct pollfd p;

	m = tapi_line_open_media(self->b, self->cb, TAPI_MEDIA_OPEN_TX, 0, 0,
				 0);
	ASSERT_NE(NULL, m);
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	p.fd = tapi_media_get_fd(m);
	p.events = POLLIN | POLLOUT;
	ASSERT_EQ(1, poll(&p, 1, T));
	EXPECT_TRUE(p.revents & POLLHUP);
	tapi_media_close(m);
	EXPECT_NOTHING_LEFT();
	m = tapi_line_open_media(self->b, self->cb, 0, 0, 0, 0);
	EXPECT_EQ(NULL, m);
	EXPECT_EQ(ENODEV, errno);
	EXPECT_NOTHING_LEFT();
}

TEST_HARNESS_MAIN
