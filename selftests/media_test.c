// SPDX-License-Identifier: GPL-2.0
/*
 * Media fds: TAPI_IOC_CALL_MEDIA_OPEN, the two mmap regions, audio between
 * two lines of the sim card in both directions and formats, call-progress
 * tones, overrun and underrun counting, EPOLLHUP when the call or the
 * card goes, and every bad argument.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"
#include "media.h"

#define T	3000	/* ms: longest wait for anything expected */

static const struct tapi_media_stats *stats(const struct media *m)
{
	return (const struct tapi_media_stats *)(m->k + m->mo.off.stats);
}

/*
 * Read up to @max samples off @m's RX ring into @out, as linear samples,
 * waiting up to @ms.  Return: how many.
 */
static int rx_samples(struct media *m, int16_t *out, int max, int ms)
{
	bool ulaw = m->mo.format == TAPI_MEDIA_ULAW;
	uint8_t *raw = ulaw ? malloc(max) : (uint8_t *)out;
	int n = 0, got, spf = media_frame_samples(m);
	uint64_t end = now_ns() + ms * 1000000ull;

	if (!raw)
		return 0;
	while (n + spf <= max && now_ns() < end) {
		struct pollfd p = { .fd = m->fd, .events = POLLIN };

		got = media_rx_take(m, raw, n, max);
		if (got == n) {
			poll(&p, 1, 50);
			continue;
		}
		for (; ulaw && n < got; n++)
			out[n] = g711_ulaw_decode(raw[n]);
		n = got;
	}
	if (ulaw)
		free(raw);
	return n;
}

/* Queue frames of a @hz sine on @m's TX ring while there is room. */
static void tx_tone(struct media *m, double hz, double *phase)
{
	int n = media_tx_room(m) * media_frame_samples(m), i;
	int16_t *f = malloc(n * sizeof(*f));

	if (!f)
		return;
	for (i = 0; i < n; i++) {
		int16_t s = 8000 * sin(*phase);

		*phase += 2 * M_PI * hz / 8000;
		if (m->mo.format == TAPI_MEDIA_ULAW)
			((uint8_t *)f)[i] = g711_ulaw_encode(s);
		else
			f[i] = s;
	}
	media_tx_queue(m, f, n);
	free(f);
}

/* Power of @hz in @s (Goertzel), relative to the whole signal's power. */
static double tone_share(const int16_t *s, int n, double hz)
{
	double k = 2 * cos(2 * M_PI * hz / 8000), a = 0, b = 0, total = 0;
	int i;

	for (i = 0; i < n; i++) {
		double c = s[i] + k * a - b;

		b = a;
		a = c;
		total += (double)s[i] * s[i];
	}
	if (total == 0)
		return 0;
	return (a * a + b * b - k * a * b) / (total * n / 2);
}

FIXTURE(media)
{
	struct sim_card card;
	int card_fd;
	int a, b;
	char num_b[TAPI_ADDRESS_LEN];
	uint32_t ca, cb;
};

/* Line 0 calls line 1, which answers, unless @answer is false. */
static int connect_ab(FIXTURE_DATA(media) *self, bool answer)
{
	return call_connect(self->a, self->b, self->num_b, answer, &self->ca,
			    &self->cb, T);
}

FIXTURE_SETUP(media)
{
	int ret;

	self->card_fd = self->a = self->b = -1;
	ret = sim_card_create(&self->card, "media", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->a = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER,
				 EV_CALLS | EV(MEDIA));
	self->b = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER,
				 EV_CALLS | EV(MEDIA));
	ASSERT_LE(0, self->a);
	ASSERT_LE(0, self->b);
	sim_default_number(&self->card, 1, self->num_b, sizeof(self->num_b));
}

FIXTURE_TEARDOWN(media)
{
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

TEST_F(media, feature_reported)
{
	struct tapi_features f = { .size = sizeof(f) };

	ASSERT_EQ(0, ioctl(self->card_fd, TAPI_IOC_GET_FEATURES, &f));
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_MEDIA);
}

/* The published layout, and what mmap() accepts and refuses. */
TEST_F(media, layout_and_mmap)
{
	struct media m;
	void *p;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, media_open(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_LINEAR16, 0, 0, 0, &m));
	EXPECT_EQ(20u, m.mo.frame_ms);
	EXPECT_EQ(320u, m.mo.frame_size);
	EXPECT_EQ((uint32_t)TAPI_MEDIA_ENTRIES_DEFAULT, m.mo.rx_entries);
	EXPECT_EQ((uint32_t)TAPI_MEDIA_ENTRIES_DEFAULT, m.mo.tx_entries);
	EXPECT_LE(m.mo.off.rx_frames + 32 * 320, m.mo.off.kernel_size);
	EXPECT_LE(m.mo.off.tx_frames + 32 * 320, m.mo.off.user_size);
	/* Each index on a cache line of its own. */
	EXPECT_LE(64u, m.mo.off.tx_consumer - m.mo.off.rx_producer);
	EXPECT_LE(64u, m.mo.off.tx_producer - m.mo.off.rx_consumer);
	EXPECT_EQ((uint32_t)TAPI_MEDIA_RX_NEED_WAKEUP,
		  *media_idx(m.u, m.mo.off.rx_flags));

	/* The kernel region is read-only, for good. */
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd,
		 TAPI_MEDIA_OFF_KERNEL);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, mprotect(m.k, 4096, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	/* Unknown offsets, too long, private: EINVAL. */
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, m.fd, 4096);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EINVAL, errno);
	p = mmap(NULL, m.mo.off.kernel_size + 4096, PROT_READ, MAP_SHARED,
		 m.fd, TAPI_MEDIA_OFF_KERNEL);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EINVAL, errno);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, m.fd,
		 TAPI_MEDIA_OFF_USER);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EINVAL, errno);
	media_close(&m);
}

/* Every bad open, each changing nothing. */
TEST_F(media, bad_opens)
{
	static const struct {
		const char *what;
		uint32_t flags, format, frame_ms, rx, reserved;
		int err;
	} bad[] = {
		{ "unknown flag", 1u << 5, 0, 0, 0, 0, EOPNOTSUPP },
		{ "format", 0, 3, 0, 0, 0, EINVAL },
		{ "frame of 21 ms", 0, 0, 21, 0, 0, EINVAL },
		{ "3 entries", 0, 0, 0, 3, 0, EINVAL },
		{ "2048 entries", 0, 0, 0, 2048, 0, EINVAL },
		{ "1 entry", 0, 0, 0, 1, 0, EINVAL },
		{ "reserved", 0, 0, 0, 0, 1, EINVAL },
		{ "3 TX entries", TAPI_MEDIA_OPEN_TX, 0, 0, 0, 0, EINVAL },
	};
	struct tapi_media_open mo;
	struct media m, m2;
	uint32_t handles[4];
	unsigned int i;
	int mon;

	ASSERT_EQ(0, connect_ab(self, true));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&mo, 0, sizeof(mo));
		mo.size = sizeof(mo);
		mo.call = self->ca;
		mo.flags = bad[i].flags;
		mo.format = bad[i].format;
		mo.frame_ms = bad[i].frame_ms;
		mo.rx_entries = bad[i].rx;
		mo.reserved = bad[i].reserved;
		mo.tx_entries = bad[i].flags & TAPI_MEDIA_OPEN_TX ? 3 : 0;
		EXPECT_EQ(-1, ioctl(self->a, TAPI_IOC_CALL_MEDIA_OPEN, &mo))
			TH_LOG("%s", bad[i].what);
		EXPECT_EQ(bad[i].err, errno) TH_LOG("%s", bad[i].what);
	}
	memset(&mo, 0, sizeof(mo));
	mo.size = sizeof(mo);
	mo.call = self->ca;
	mo.tx_entries = 4;	/* without TAPI_MEDIA_OPEN_TX */
	EXPECT_EQ(-1, ioctl(self->a, TAPI_IOC_CALL_MEDIA_OPEN, &mo));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-ENOENT, media_open(self->a, 0x7777, 0, 0, 0, 0, 0, &m));

	/* One transmitter a call. */
	ASSERT_EQ(0, media_open(self->a, self->ca, TAPI_MEDIA_OPEN_TX, 0, 0, 0,
				0, &m));
	EXPECT_EQ(-EBUSY, media_open(self->a, self->ca, TAPI_MEDIA_OPEN_TX, 0,
				     0, 0, 0, &m2));
	EXPECT_EQ(0, media_open(self->a, self->ca, 0, 0, 0, 0, 0, &m2));
	media_close(&m2);

	/* A monitor receives but may not transmit. */
	mon = call_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, mon);
	ASSERT_EQ(1, call_new_calls(mon, handles, 4, NULL));
	EXPECT_EQ(-EPERM, media_open(mon, handles[0], TAPI_MEDIA_OPEN_TX, 0,
				     0, 0, 0, &m2));
	EXPECT_EQ(0, media_open(mon, handles[0], 0, 0, 0, 0, 0, &m2));
	media_close(&m2);
	close(mon);

	/* A disconnected call has no media any more. */
	ASSERT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, self->ca,
			     TAPI_REQUEST_SYNC));
	EXPECT_EQ(-ESRCH, media_open(self->a, self->ca, 0, 0, 0, 0, 0, &m2));
	media_close(&m);
}

/* a's MSP talks linear at 1 kHz, b's mu-law at 700 Hz: each hears the other. */
TEST_F(media, audio_both_ways)
{
	struct media ma, mb;
	int16_t s[8000];
	double pa = 0, pb = 0;
	int n, i;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, media_open(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_LINEAR16, 20, 64, 0, &ma));
	ASSERT_EQ(0, media_open(self->b, self->cb, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_ULAW, 10, 64, 0, &mb));
	EXPECT_EQ(80u, mb.mo.frame_size);
	/* Keep both TX rings full for a while, then listen. */
	for (i = 0; i < 10; i++) {
		tx_tone(&ma, 1000, &pa);
		tx_tone(&mb, 700, &pb);
		usleep(100000);
	}
	n = rx_samples(&mb, s, 4000, T);
	ASSERT_LE(1600, n);
	EXPECT_LT(0.5, tone_share(s + n - 1600, 1600, 1000))
		TH_LOG("b hears 1 kHz: %.3f", tone_share(s + n - 1600, 1600, 1000));
	EXPECT_GT(0.05, tone_share(s + n - 1600, 1600, 700));
	n = rx_samples(&ma, s, 4000, T);
	ASSERT_LE(1600, n);
	EXPECT_LT(0.5, tone_share(s + n - 1600, 1600, 700))
		TH_LOG("a hears 700 Hz: %.3f", tone_share(s + n - 1600, 1600, 700));
	EXPECT_LT(0u, stats(&ma)->tx_frames);
	EXPECT_LT(0u, stats(&mb)->rx_frames);
	media_close(&ma);
	media_close(&mb);
}

/* Ringing: the caller hears 440 + 480 Hz (US ringback). */
TEST_F(media, ringback_tone)
{
	struct tapi_event ev;
	int16_t s[1600];
	struct media m;
	int n;

	ASSERT_EQ(0, connect_ab(self, false));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca, TAPI_CALLSTATE_RINGBACK,
				   &ev, T));
	ASSERT_EQ(0, media_open(self->a, self->ca, 0, TAPI_MEDIA_LINEAR16, 20,
				0, 0, &m));
	n = rx_samples(&m, s, 800, T);
	ASSERT_EQ(800, n);
	EXPECT_LT(0.3, tone_share(s, n, 440));
	EXPECT_LT(0.3, tone_share(s, n, 480));
	EXPECT_GT(0.05, tone_share(s, n, 1000));
	media_close(&m);
}

/* Nobody reads or writes: overruns and underruns, and one TAPI_EV_MEDIA. */
TEST_F(media, xruns_counted_and_reported)
{
	struct tapi_event ev;
	struct media m;

	ASSERT_EQ(0, connect_ab(self, true));
	ev_drain(self->a);
	ASSERT_EQ(0, media_open(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_ALAW, 5, 2, 0, &m));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_MEDIA, self->ca, &ev, T));
	EXPECT_NE(0u, ev.param[0] & TAPI_MEDIA_XRUN_RX_OVERRUN);
	EXPECT_NE(0u, ev.param[0] & TAPI_MEDIA_XRUN_TX_UNDERRUN);
	EXPECT_LT(0u, ev.param[1]);
	EXPECT_LT(0u, ev.param[2]);
	EXPECT_LE(ev.param[1], stats(&m)->rx_overruns);
	EXPECT_EQ(2u, stats(&m)->rx_frames);
	EXPECT_LT(0u, stats(&m)->tx_underruns);
	/* A nonsense TX producer is counted, not followed. */
	__atomic_store_n(media_idx(m.u, m.mo.off.tx_producer), 1000,
			 __ATOMIC_RELEASE);
	usleep(200000);
	EXPECT_LT(0u, stats(&m)->tx_invalid);
	media_close(&m);
}

/* The call ends: EPOLLHUP, frames stop; the fd outlives the call. */
TEST_F(media, hangup_on_disconnect)
{
	struct tapi_event ev;
	struct pollfd p;
	struct media m;
	uint64_t frames;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, media_open(self->a, self->ca, 0, 0, 1, 0, 0, &m));
	p.fd = m.fd;
	p.events = POLLIN;
	ASSERT_EQ(1, poll(&p, 1, T));
	EXPECT_EQ(POLLIN, p.revents);
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_DROP, self->cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca,
				   TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	ASSERT_EQ(1, poll(&p, 1, T));
	EXPECT_TRUE(p.revents & POLLHUP);
	frames = stats(&m)->rx_frames;
	usleep(200000);
	EXPECT_EQ(frames, stats(&m)->rx_frames);
	media_close(&m);
}

/* The card goes with media fds open: EPOLLHUP, and closing is fine. */
TEST_F(media, card_removed)
{
	struct pollfd p;
	struct media m;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, media_open(self->b, self->cb, TAPI_MEDIA_OPEN_TX, 0, 0, 0,
				0, &m));
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	p.fd = m.fd;
	p.events = POLLIN;
	ASSERT_EQ(1, poll(&p, 1, T));
	EXPECT_TRUE(p.revents & POLLHUP);
	media_close(&m);
	/* No new media fd from the line fd of a card that is gone. */
	EXPECT_EQ(-ENODEV, media_open(self->b, self->cb, 0, 0, 0, 0, 0, &m));
}

/* The tone zone is a card setting, refused while live. */
TEST_F(media, tone_zone_attribute)
{
	char buf[16];

	ASSERT_LE(0, sim_card_get(&self->card, "tone_zone", buf, sizeof(buf)));
	EXPECT_STREQ("us", buf);
	EXPECT_EQ(-EBUSY, sim_card_set(&self->card, "tone_zone", "cept"));
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	EXPECT_EQ(-EINVAL, sim_card_set(&self->card, "tone_zone", "mars"));
	EXPECT_EQ(0, sim_card_set(&self->card, "tone_zone", "cept"));
	ASSERT_LE(0, sim_card_get(&self->card, "tone_zone", buf, sizeof(buf)));
	EXPECT_STREQ("cept", buf);
}

/*
 * A three-way conference held on line 1: line 0, line 1 (the conference
 * call's media) and line 2 each send their own tone; each hears the two
 * others, and not itself.
 */
TEST_F(media, conference_mixes_every_party)
{
	static const double hz[3] = { 500, 1000, 1500 };
	struct tapi_call_setup_conf sc = {
		.size = sizeof(sc), .flags = TAPI_REQUEST_SYNC,
	};
	struct tapi_call_pair add = {
		.size = sizeof(add), .flags = TAPI_REQUEST_SYNC,
	};
	struct media m[3];
	double phase[3] = { 0 };
	struct tapi_event ev;
	int16_t s[8000];
	uint32_t cc;
	int c, n, i, j;

	c = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, c);
	ASSERT_EQ(0, connect_ab(self, true));
	sc.call = self->cb;
	ASSERT_EQ(0, ioctl(self->b, TAPI_IOC_CALL_SETUP_CONF, &sc));
	ASSERT_EQ(0, call_dial(self->b, sc.consult, "2002", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait(c, TAPI_EV_NEWCALL, 0, &ev, T));
	cc = ev.call;
	ASSERT_EQ(0, call_op(c, TAPI_IOC_CALL_ANSWER, cc, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->b, sc.consult,
				   TAPI_CALLSTATE_CONNECTED, &ev, T));
	add.call = sc.conf;
	add.other = sc.consult;
	ASSERT_EQ(0, ioctl(self->b, TAPI_IOC_CALL_ADD_TO_CONF, &add));

	ASSERT_EQ(0, media_open(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_LINEAR16, 20, 64, 0, &m[0]));
	ASSERT_EQ(0, media_open(self->b, sc.conf, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_LINEAR16, 20, 64, 0, &m[1]));
	ASSERT_EQ(0, media_open(c, cc, TAPI_MEDIA_OPEN_TX, TAPI_MEDIA_ULAW, 10,
				64, 0, &m[2]));
	for (i = 0; i < 10; i++) {
		for (j = 0; j < 3; j++)
			tx_tone(&m[j], hz[j], &phase[j]);
		usleep(100000);
	}
	for (j = 0; j < 3; j++) {
		n = rx_samples(&m[j], s, 8000, T);
		ASSERT_LE(1600, n);
		for (i = 0; i < 3; i++) {
			double share = tone_share(s + n - 1600, 1600, hz[i]);

			if (i == j) {
				EXPECT_GT(0.05, share)
					TH_LOG("party %d hears itself: %.3f", j,
					       share);
			} else {
				EXPECT_LT(0.2, share)
					TH_LOG("party %d hears %g Hz: %.3f", j,
					       hz[i], share);
			}
		}
	}
	for (j = 0; j < 3; j++)
		media_close(&m[j]);
	close(c);
}

TEST_HARNESS_MAIN
