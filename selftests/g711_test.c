// SPDX-License-Identifier: GPL-2.0
/*
 * The TSPI's G.711 path and in-band DTMF, through the sim card's "law" line
 * attribute: lines that move their audio with tapi_media_tx_g711() and
 * tapi_media_rx_g711(), and dial in band with tapi_call_send_dtmf().
 *
 * - every byte value passes unchanged between two mu-law (A-law) media
 *   fds over two mu-law (A-law) lines, both ways;
 * - over mu-law lines, A-law and linear media fds get the bytes
 *   converted, checked against G.711 as the standard gives it (media.c,
 *   written independently of the kernel's code);
 * - DTMF the card sends with tapi_call_send_dtmf() (the "dtmf" network
 *   command) is detected on the far end; an application's digits replace
 *   it; a G.711 line's dial request plays its digits in band and completes
 *   once they have played;
 * - the attribute's and the command's bad arguments.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"
#include "media.h"

#define T	3000	/* ms: longest wait for anything expected */
#define FRAME	160	/* samples a 20 ms frame */
#define REPS	4	/* times the 256 values are sent */
#define RXMAX	(FRAME * 100)
#define DTMF_MODES	(TAPI_DIGITMODE_DTMF | TAPI_DIGITMODE_DTMFEND)

FIXTURE(g711)
{
	struct sim_card card;
	int card_fd;
	int a, b;
	char num_b[TAPI_ADDRESS_LEN];
	uint32_t ca, cb;
};

FIXTURE_SETUP(g711)
{
	self->card_fd = self->a = self->b = -1;
	memset(&self->card, 0, sizeof(self->card));
}

FIXTURE_TEARDOWN(g711)
{
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

/* A live card whose lines 0 and 1 have @law0 and @law1; both opened. */
static int make_card(FIXTURE_DATA(g711) *self, const char *law0,
		     const char *law1)
{
	int ret;

	ret = sim_card_create(&self->card, "g711", 2);
	if (!ret)
		ret = sim_line_set(&self->card, 0, "law", law0);
	if (!ret)
		ret = sim_line_set(&self->card, 1, "law", law1);
	if (!ret)
		ret = sim_card_live(&self->card, true);
	if (ret)
		return ret;
	self->card_fd = sim_card_open(&self->card);
	if (self->card_fd < 0)
		return self->card_fd;
	self->a = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER,
				 EV_CALLS | EV(GENERATE) | EV(MONITORDIGITS));
	self->b = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER,
				 EV_CALLS | EV(GENERATE) | EV(MONITORDIGITS));
	if (self->a < 0 || self->b < 0)
		return -EIO;
	sim_default_number(&self->card, 1, self->num_b, sizeof(self->num_b));
	return 0;
}

/* 20 ms frames, 128 RX entries, 64 TX entries if @flags has TX. */
static int open_media(int line_fd, uint32_t call, uint32_t flags,
		      uint32_t format, struct media *m)
{
	return media_open(line_fd, call, flags, format, 20, 128,
			  flags & TAPI_MEDIA_OPEN_TX ? 64 : 0, m);
}

static int connect_ab(FIXTURE_DATA(g711) *self)
{
	return call_connect(self->a, self->b, self->num_b, true, &self->ca,
			    &self->cb, T);
}

/* Receive on every fd of @m until each holds @want or @ms pass. */
static void rx_until(struct media *m[], void *buf[], int len[], int nm,
		     const void *want[], int n, int ms)
{
	uint64_t end = now_ns() + ms * 1000000ull;
	bool all;
	int i;

	do {
		usleep(20000);
		all = true;
		for (i = 0; i < nm; i++) {
			len[i] = media_rx_take(m[i], buf[i], len[i], RXMAX);
			if (media_find(buf[i], len[i], want[i], n,
				       media_bps(m[i])) < 0)
				all = false;
		}
	} while (!all && now_ns() < end);
}

static void passthrough(struct __test_metadata *_metadata,
			FIXTURE_DATA(g711) *self, uint32_t fmt)
{
	static uint8_t rx_a[RXMAX], rx_b[RXMAX];
	uint8_t up[256 * REPS], down[256 * REPS];
	struct media ma, mb, *m[2] = { &ma, &mb };
	void *buf[2] = { rx_a, rx_b };
	const void *want[2] = { down, up };
	int len[2] = { 0, 0 }, i;

	ASSERT_EQ(0, connect_ab(self));
	ASSERT_EQ(0, open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX, fmt,
				&ma));
	ASSERT_EQ(0, open_media(self->b, self->cb, TAPI_MEDIA_OPEN_TX, fmt,
				&mb));
	/* Every value, 0x7f (mu-law's negative zero) too, in both orders. */
	for (i = 0; i < 256 * REPS; i++) {
		up[i] = i;
		down[i] = 255 - i % 256;
	}
	ASSERT_EQ(0, media_tx_queue(&ma, up, sizeof(up)));
	ASSERT_EQ(0, media_tx_queue(&mb, down, sizeof(down)));
	rx_until(m, buf, len, 2, want, sizeof(up), T);
	EXPECT_LE(0, media_find(rx_b, len[1], up, sizeof(up), 1))
		TH_LOG("b did not get a's %zu bytes unchanged", sizeof(up));
	EXPECT_LE(0, media_find(rx_a, len[0], down, sizeof(down), 1))
		TH_LOG("a did not get b's %zu bytes unchanged", sizeof(down));
	media_close(&ma);
	media_close(&mb);
}

/* The law attribute: default, values, bad values, frozen while live. */
TEST_F(g711, law_attribute)
{
	char buf[32];

	ASSERT_EQ(0, sim_card_create(&self->card, "g711", 1));
	ASSERT_LT(0, sim_line_get(&self->card, 0, "law", buf, sizeof(buf)));
	EXPECT_STREQ("linear", buf);
	EXPECT_EQ(0, sim_line_set(&self->card, 0, "law", "alaw"));
	ASSERT_LT(0, sim_line_get(&self->card, 0, "law", buf, sizeof(buf)));
	EXPECT_STREQ("alaw", buf);
	EXPECT_EQ(-EINVAL, sim_line_set(&self->card, 0, "law", "slinear"));
	EXPECT_EQ(0, sim_line_set(&self->card, 0, "law", "ulaw\n"));
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	EXPECT_EQ(-EBUSY, sim_line_set(&self->card, 0, "law", "linear"));
	ASSERT_LT(0, sim_line_get(&self->card, 0, "law", buf, sizeof(buf)));
	EXPECT_STREQ("ulaw", buf);
}

/* mu-law fds over mu-law lines: all 256 values unchanged, both ways. */
TEST_F(g711, ulaw_passthrough)
{
	ASSERT_EQ(0, make_card(self, "ulaw", "ulaw"));
	passthrough(_metadata, self, TAPI_MEDIA_ULAW);
}

/* A-law fds over A-law lines: the same. */
TEST_F(g711, alaw_passthrough)
{
	ASSERT_EQ(0, make_card(self, "alaw", "alaw"));
	passthrough(_metadata, self, TAPI_MEDIA_ALAW);
}

/*
 * mu-law lines; a's mu-law fd sends every value: b's mu-law fd gets them
 * unchanged, its linear fd decoded, its A-law fd transcoded.  Then b's
 * A-law fd sends every value: a's mu-law and linear fds get them
 * transcoded to the mu-law of the wire.
 */
TEST_F(g711, ulaw_line_converts)
{
	static uint8_t rx_u[RXMAX], rx_a[RXMAX];
	static int16_t rx_l[RXMAX];
	uint8_t sent[256 * REPS], want_a[256 * REPS], want_u[256 * REPS];
	int16_t want_l[256 * REPS];
	struct media ta, tb, bu, bl, al;
	struct media *m[3];
	void *buf[3];
	const void *want[3];
	int len[3] = { 0, 0, 0 }, i, n = 256 * REPS;

	ASSERT_EQ(0, make_card(self, "ulaw", "ulaw"));
	ASSERT_EQ(0, connect_ab(self));
	ASSERT_EQ(0, open_media(self->a, self->ca, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_ULAW, &ta));
	ASSERT_EQ(0, open_media(self->b, self->cb, 0, TAPI_MEDIA_ULAW, &bu));
	ASSERT_EQ(0, open_media(self->b, self->cb, 0, TAPI_MEDIA_LINEAR16,
				&bl));
	ASSERT_EQ(0, open_media(self->b, self->cb, TAPI_MEDIA_OPEN_TX,
				TAPI_MEDIA_ALAW, &tb));
	for (i = 0; i < n; i++) {
		sent[i] = i;
		want_l[i] = g711_ulaw_decode(i % 256);
		want_a[i] = g711_alaw_encode(want_l[i]);
	}
	ASSERT_EQ(0, media_tx_queue(&ta, sent, n));
	m[0] = &bu, buf[0] = rx_u, want[0] = sent;
	m[1] = &bl, buf[1] = rx_l, want[1] = want_l;
	m[2] = &tb, buf[2] = rx_a, want[2] = want_a;
	rx_until(m, buf, len, 3, want, n, T);
	EXPECT_LE(0, media_find(rx_u, len[0], sent, n, 1))
		TH_LOG("mu-law fd: not the bytes sent");
	EXPECT_LE(0, media_find(rx_l, len[1], want_l, n, 2))
		TH_LOG("linear fd: not G.711 mu-law decoded");
	EXPECT_LE(0, media_find(rx_a, len[2], want_a, n, 1))
		TH_LOG("A-law fd: not mu-law transcoded to A-law");
	/* The other way: A-law from b's MSP, mu-law on the wire. */
	media_close(&bu);
	media_close(&bl);
	ASSERT_EQ(0, open_media(self->a, self->ca, 0, TAPI_MEDIA_LINEAR16,
				&al));
	for (i = 0; i < n; i++) {
		want_u[i] = g711_ulaw_encode(g711_alaw_decode(i % 256));
		want_l[i] = g711_ulaw_decode(want_u[i]);
	}
	memset(len, 0, sizeof(len));
	ASSERT_EQ(0, media_tx_queue(&tb, sent, n));
	m[0] = &ta, buf[0] = rx_u, want[0] = want_u;
	m[1] = &al, buf[1] = rx_l, want[1] = want_l;
	rx_until(m, buf, len, 2, want, n, T);
	EXPECT_LE(0, media_find(rx_u, len[0], want_u, n, 1))
		TH_LOG("mu-law fd: not A-law transcoded to mu-law");
	EXPECT_LE(0, media_find(rx_l, len[1], want_l, n, 2))
		TH_LOG("linear fd: not the wire's mu-law decoded");
	media_close(&ta);
	media_close(&tb);
	media_close(&al);
}

/* Wait for the digits of @s, each as DTMF start (in band) then end. */
static void hear_digits(struct __test_metadata *_metadata, int fd,
			uint32_t call, const char *s)
{
	struct tapi_event ev;
	size_t i;

	for (i = 0; i < strlen(s); i++) {
		ASSERT_EQ(1, ev_wait(fd, TAPI_EV_MONITORDIGITS, call, &ev, T))
			TH_LOG("digit %zu of %s", i, s);
		EXPECT_EQ((uint32_t)s[i], ev.param[0]);
		EXPECT_EQ((uint32_t)TAPI_DIGITMODE_DTMF, ev.param[1]);
		EXPECT_EQ((uint32_t)TAPI_DIGIT_INBAND, ev.param[2]);
		ASSERT_EQ(1, ev_wait(fd, TAPI_EV_MONITORDIGITS, call, &ev, T));
		EXPECT_EQ((uint32_t)s[i], ev.param[0]);
		EXPECT_EQ((uint32_t)TAPI_DIGITMODE_DTMFEND, ev.param[1]);
		/* 100 ms, within a detector block either way. */
		EXPECT_LE(85u, ev.param[3]);
		EXPECT_GE(115u, ev.param[3]);
	}
}

/* The card's in-band DTMF, on each kind of line, heard by the far end. */
TEST_F(g711, dtmf_heard_far_end)
{
	static const char *const laws[][2] = {
		{ "ulaw", "ulaw" }, { "alaw", "linear" }, { "linear", "ulaw" },
	};
	struct tapi_event ev;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		if (i) {
			close(self->a);
			close(self->b);
			close(self->card_fd);
			sim_card_destroy(&self->card);
		}
		ASSERT_EQ(0, make_card(self, laws[i][0], laws[i][1]));
		ASSERT_EQ(0, connect_ab(self));
		ASSERT_EQ(0, mctl_monitor_digits(self->b, self->cb,
						 DTMF_MODES));
		ASSERT_EQ(0, sim_network(&self->card, 0, "dtmf 19*#AD"));
		hear_digits(_metadata, self->b, self->cb, "19*#AD");
		/* Nobody is told the card's digits are done. */
		EXPECT_EQ(0, ev_wait(self->a, TAPI_EV_GENERATE, 0, &ev, 300));
		EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORDIGITS, 0, &ev,
				     100));
	}
}

/*
 * An application's digits replace the card's (which end silently); the
 * card's refuse to replace an application's.
 */
TEST_F(g711, dtmf_and_application_digits)
{
	struct tapi_event ev;

	ASSERT_EQ(0, make_card(self, "ulaw", "ulaw"));
	ASSERT_EQ(0, connect_ab(self));
	ASSERT_EQ(0, mctl_monitor_digits(self->b, self->cb, DTMF_MODES));
	ASSERT_EQ(0, sim_network(&self->card, 0, "dtmf 123456789"));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORDIGITS, self->cb, &ev, T));
	EXPECT_EQ((uint32_t)'1', ev.param[0]);
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "0000000", 60));
	/* The application's run: the card may not cut in. */
	EXPECT_EQ(-EBUSY, sim_network(&self->card, 0, "dtmf 5"));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, 3 * T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_DONE, ev.param[0]);
	EXPECT_EQ(7u, ev.param[2]);
	/* Only one GENERATE: the card's digits ended without one. */
	EXPECT_EQ(0, ev_wait(self->a, TAPI_EV_GENERATE, 0, &ev, 300));
	/* The application's done: the card may again. */
	EXPECT_EQ(0, sim_network(&self->card, 0, "dtmf 5"));
}

/*
 * A mu-law line dials in band: DIALING, its digits heard on the call
 * itself (sidetone), the request complete once they played (200 ms a
 * digit), then the number routed.
 */
TEST_F(g711, dial_in_band)
{
	struct tapi_event ev;
	uint64_t t0, ms;

	ASSERT_EQ(0, make_card(self, "ulaw", "linear"));
	ASSERT_EQ(0, call_make(self->a, "", TAPI_CALL_MAKE_SYNC, &self->ca));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca, TAPI_CALLSTATE_DIALTONE,
				   &ev, T));
	ASSERT_EQ(0, mctl_monitor_digits(self->a, self->ca, DTMF_MODES));
	t0 = now_ns();
	ASSERT_EQ(0, call_dial(self->a, self->ca, self->num_b,
			       TAPI_REQUEST_SYNC));
	ms = (now_ns() - t0) / 1000000;
	EXPECT_LE(strlen(self->num_b) * 200 - 20, ms);
	EXPECT_GE(strlen(self->num_b) * 200 + 1000, ms);
	hear_digits(_metadata, self->a, self->ca, self->num_b);
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T));
	EXPECT_EQ((int)TAPI_CALLSTATE_RINGBACK, call_state(self->a, self->ca));
}

/* A second dial while the first plays; digits not DTMF go out of band. */
TEST_F(g711, dial_busy_and_out_of_band)
{
	struct tapi_event ev;
	int req;

	ASSERT_EQ(0, make_card(self, "alaw", "linear"));
	ASSERT_EQ(0, call_make(self->a, "", TAPI_CALL_MAKE_SYNC, &self->ca));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca, TAPI_CALLSTATE_DIALTONE,
				   &ev, T));
	req = call_dial(self->a, self->ca, "20", 0);
	ASSERT_LT(0, req);
	EXPECT_EQ(-EBUSY, call_dial(self->a, self->ca, "0", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_REPLY, self->ca, &ev, T));
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
	/* "0," holds a pause: not for in-band dialling, dialled at once. */
	ASSERT_EQ(0, call_dial(self->a, self->ca, "0,", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
}

/* The dtmf command's bad arguments, and a call whose media has ended. */
TEST_F(g711, dtmf_bad_arguments)
{
	char many[80];

	ASSERT_EQ(0, make_card(self, "ulaw", "ulaw"));
	ASSERT_EQ(0, connect_ab(self));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "dtmf"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "dtmf 12x"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "dtmf 1,2"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "dtmf abcd"));
	memset(many, '1', 64);
	many[64] = '\0';
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "dtmf %s", many));
	many[63] = '\0';
	EXPECT_EQ(0, sim_network(&self->card, 0, "dtmf %s", many));
	EXPECT_EQ(-ENOENT, sim_network(&self->card, 0, "dtmf 1 call=%u",
				       0x7fffffffu));
	/* b hangs up: a's call is disconnected, its media over. */
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_DROP, self->cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ((int)TAPI_CALLSTATE_DISCONNECTED,
		  call_state(self->a, self->ca));
	EXPECT_EQ(-EBADFD, sim_network(&self->card, 0, "dtmf 1"));
}

TEST_HARNESS_MAIN
