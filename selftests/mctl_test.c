// SPDX-License-Identifier: GPL-2.0
/*
 * Media control, TAPI's digits and tones: DTMF generated on one line of the
 * sim card and detected in band on the other (all 16 digits, in order),
 * digits signalled out of band by the simulated network, gathering ended
 * by count, by termination digit, by each timeout and by cancellation,
 * generated and monitored tones, the sim's ringback heard by the kernel's
 * tone detector, fax detected as a media mode, the MSP data channel, and
 * every bad argument.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"
#include "media.h"

#define T	3000	/* ms: longest wait for anything expected */
#define EV_MCTL	(EV(GENERATE) | EV(MONITORDIGITS) | EV(GATHERDIGITS) | \
		 EV(MONITORTONE) | EV(MONITORMEDIA) | EV(MSPDATA))

static int gen_tone(int fd, uint32_t call, uint32_t mode, uint32_t ms,
		    uint32_t freq, uint32_t on, uint32_t off)
{
	struct tapi_generate_tone g = {
		.size = sizeof(g),
		.call = call,
		.tone_mode = mode,
		.duration_ms = ms,
	};

	if (mode == TAPI_TONEMODE_CUSTOM) {
		g.num_components = 1;
		g.components[0].freq_hz = freq;
		g.components[0].on_ms = on;
		g.components[0].off_ms = off;
	}
	return tapi_ioctl(fd, TAPI_IOC_CALL_GENERATE_TONE, &g);
}

static int gather(int fd, uint32_t call, uint32_t n, const char *term,
		  uint32_t first_ms, uint32_t inter_ms)
{
	struct tapi_gather_digits g = {
		.size = sizeof(g),
		.call = call,
		.digit_modes = n ? TAPI_DIGITMODE_DTMF : 0,
		.num_digits = n,
		.first_timeout_ms = first_ms,
		.inter_timeout_ms = inter_ms,
	};

	strncpy(g.terminators, term, sizeof(g.terminators) - 1);
	return tapi_ioctl(fd, TAPI_IOC_CALL_GATHER_DIGITS, &g);
}

/* Monitor one tone of up to two frequencies (0: silence). */
static int monitor_tone(int fd, uint32_t call, uint32_t app, uint32_t ms,
			uint32_t f1, uint32_t f2)
{
	struct tapi_monitor_tones m = {
		.size = sizeof(m),
		.call = call,
		.num_tones = 1,
		.tones = { { .app_specific = app, .duration_ms = ms,
			     .freq_hz = { f1, f2 } } },
	};

	return tapi_ioctl(fd, TAPI_IOC_CALL_MONITOR_TONES, &m);
}

/* The digits of a GATHERDIGITS record, as a string. */
static void gathered(const struct tapi_event *ev, char *out)
{
	memcpy(out, &ev->param[2], TAPI_GATHER_MAX_DIGITS);
	out[TAPI_GATHER_MAX_DIGITS] = '\0';
}

FIXTURE(mctl)
{
	struct sim_card card;
	int card_fd;
	int a, b, c;
	char num_b[TAPI_ADDRESS_LEN];
	uint32_t ca, cb;
};

/* Line 0 calls line 1, which answers unless @answer is false. */
static int connect_ab(FIXTURE_DATA(mctl) *self, bool answer)
{
	return call_connect(self->a, self->b, self->num_b, answer, &self->ca,
			    &self->cb, T);
}

FIXTURE_SETUP(mctl)
{
	int ret;

	self->card_fd = self->a = self->b = self->c = -1;
	ret = sim_card_create(&self->card, "mctl", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	/* Line 1 takes fax; line 2 can neither generate nor detect. */
	ASSERT_EQ(0, sim_line_set(&self->card, 1, "media_modes", "0x17"));
	ASSERT_EQ(0, sim_line_set(&self->card, 2, "gen_digit_modes", "0"));
	ASSERT_EQ(0, sim_line_set(&self->card, 2, "monitor_digit_modes", "0"));
	ASSERT_EQ(0, sim_line_set(&self->card, 2, "gen_tone_max_freqs", "0"));
	ASSERT_EQ(0, sim_line_set(&self->card, 2, "monitor_tone_max", "0"));
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->a = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER,
				 EV_CALLS | EV_MCTL);
	self->b = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER,
				 EV_CALLS | EV_MCTL);
	self->c = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER,
				 EV_CALLS | EV_MCTL);
	ASSERT_LE(0, self->a);
	ASSERT_LE(0, self->b);
	ASSERT_LE(0, self->c);
	sim_default_number(&self->card, 1, self->num_b, sizeof(self->num_b));
}

FIXTURE_TEARDOWN(mctl)
{
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->c >= 0)
		close(self->c);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

TEST_F(mctl, features_and_caps)
{
	struct tapi_features f = { .size = sizeof(f) };
	struct tapi_call_status st;
	struct tapi_event ev;
	uint32_t media = TAPI_CALLFEATURE_GENERATEDIGITS |
			 TAPI_CALLFEATURE_GENERATETONE |
			 TAPI_CALLFEATURE_MONITORDIGITS |
			 TAPI_CALLFEATURE_GATHERDIGITS |
			 TAPI_CALLFEATURE_MONITORTONES;

	ASSERT_EQ(0, ioctl(self->card_fd, TAPI_IOC_GET_FEATURES, &f));
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_MEDIA_CONTROL);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_MSP_DATA);
	ASSERT_EQ(0, connect_ab(self, false));
	/* Ringing: detection yes, generation no. */
	ASSERT_EQ(0, call_status(self->a, self->ca, &st));
	EXPECT_EQ(media & ~(TAPI_CALLFEATURE_GENERATEDIGITS |
			    TAPI_CALLFEATURE_GENERATETONE),
		  st.call_features & (media | TAPI_CALLFEATURE_MONITORMEDIA));
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, self->cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->b, self->cb,
				   TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, call_status(self->b, self->cb, &st));
	/* Line 1 takes fax, so it can tell fax from voice. */
	EXPECT_EQ(media | TAPI_CALLFEATURE_MONITORMEDIA,
		  st.call_features & (media | TAPI_CALLFEATURE_MONITORMEDIA));
}

/* All 16 DTMF digits, generated on A, detected in B's audio, in order. */
TEST_F(mctl, dtmf_all_digits_in_band)
{
	static const char digits[] = "0123456789*#ABCD";
	struct tapi_event ev;
	uint64_t last = 0;
	unsigned int i;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, mctl_monitor_digits(self->b, self->cb,
					 TAPI_DIGITMODE_DTMF |
					 TAPI_DIGITMODE_DTMFEND));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, digits, 60));
	for (i = 0; i < strlen(digits); i++) {
		ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORDIGITS, self->cb,
				     &ev, T)) TH_LOG("digit %u", i);
		EXPECT_EQ((uint32_t)digits[i], ev.param[0]);
		EXPECT_EQ((uint32_t)TAPI_DIGITMODE_DTMF, ev.param[1]);
		EXPECT_EQ((uint32_t)TAPI_DIGIT_INBAND, ev.param[2]);
		EXPECT_LT(last, ev.timestamp_ns);
		last = ev.timestamp_ns;
		ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORDIGITS, self->cb,
				     &ev, T));
		EXPECT_EQ((uint32_t)digits[i], ev.param[0]);
		EXPECT_EQ((uint32_t)TAPI_DIGITMODE_DTMFEND, ev.param[1]);
		/* 60 ms, within a detector block (13 ms) either way. */
		EXPECT_LE(47u, ev.param[3]);
		EXPECT_GE(73u, ev.param[3]);
	}
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_DONE, ev.param[0]);
	EXPECT_EQ((uint32_t)TAPI_GENERATE_DIGITS, ev.param[1]);
	EXPECT_EQ(16u, ev.param[2]);
	/* Nothing more: no digit heard twice, none on A's side. */
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORDIGITS, 0, &ev, 300));
}

/* Gathering ends by count, by termination digit and by each timeout. */
TEST_F(mctl, gather_terminations)
{
	struct tapi_event ev;
	char got[TAPI_GATHER_MAX_DIGITS + 1];
	uint64_t t0;

	ASSERT_EQ(0, connect_ab(self, true));

	ASSERT_EQ(0, gather(self->b, self->cb, 4, "", 0, 0));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "12345", 50));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	gathered(&ev, got);
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_BUFFERFULL, ev.param[0]);
	EXPECT_EQ(4u, ev.param[1]);
	EXPECT_STREQ("1234", got);
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));

	ASSERT_EQ(0, gather(self->b, self->cb, 10, "*#", 0, 0));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "98#7", 50));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	gathered(&ev, got);
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_TERMDIGIT, ev.param[0]);
	EXPECT_STREQ("98#", got);
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));

	t0 = now_ns();
	ASSERT_EQ(0, gather(self->b, self->cb, 10, "", 300, 0));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_FIRSTTIMEOUT, ev.param[0]);
	EXPECT_EQ(0u, ev.param[1]);
	EXPECT_LE(290000000ull, now_ns() - t0);

	ASSERT_EQ(0, gather(self->b, self->cb, 10, "", 0, 400));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "56", 50));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	gathered(&ev, got);
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_INTERTIMEOUT, ev.param[0]);
	EXPECT_STREQ("56", got);
}

/* A new gathering, cancelling, and the call's end all cancel. */
TEST_F(mctl, gather_and_generate_cancelled)
{
	struct tapi_event ev;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, gather(self->b, self->cb, 5, "", 0, 0));
	ASSERT_EQ(0, gather(self->b, self->cb, 5, "", 0, 0));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_CANCEL, ev.param[0]);
	ASSERT_EQ(0, gather(self->b, self->cb, 0, "", 0, 0));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_CANCEL, ev.param[0]);
	/* Cancelling nothing is no error and no event. */
	ASSERT_EQ(0, gather(self->b, self->cb, 0, "", 0, 0));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "", 0));
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_GATHERDIGITS, 0, &ev, 200));
	EXPECT_EQ(0, ev_wait(self->a, TAPI_EV_GENERATE, 0, &ev, 10));

	/* Generation replaced by generation, then by nothing. */
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "1111111111",
					  500));
	ASSERT_EQ(0, gen_tone(self->a, self->ca, TAPI_TONEMODE_BEEP, 0, 0,
			      0, 0));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_CANCEL, ev.param[0]);
	EXPECT_EQ((uint32_t)TAPI_GENERATE_DIGITS, ev.param[1]);
	ASSERT_EQ(0, gen_tone(self->a, self->ca, 0, 0, 0, 0, 0));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_CANCEL, ev.param[0]);
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TONE, ev.param[1]);

	/* A digit cut short after it sounded 40 ms counts as sent. */
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "55", 1000));
	usleep(300000);
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "", 0));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_CANCEL, ev.param[0]);
	EXPECT_EQ(1u, ev.param[2]);

	/* The call ends: both end with CANCEL. */
	ASSERT_EQ(0, gather(self->b, self->cb, 5, "", 0, 0));
	ASSERT_EQ(0, gen_tone(self->b, self->cb, TAPI_TONEMODE_BUSY, 0, 0,
			      0, 0));
	ASSERT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, self->ca,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GENERATE, self->cb, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_CANCEL, ev.param[0]);
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_CANCEL, ev.param[0]);
	EXPECT_EQ(-EBADFD, gather(self->b, self->cb, 5, "", 0, 0));
}

/* A tone generated on A is heard on B for its length; so is silence. */
TEST_F(mctl, tone_generated_and_monitored)
{
	struct tapi_event ev;

	ASSERT_EQ(0, connect_ab(self, true));
	ASSERT_EQ(0, monitor_tone(self->b, self->cb, 77, 300, 1000, 0));
	ASSERT_EQ(0, gen_tone(self->a, self->ca, TAPI_TONEMODE_CUSTOM, 600,
			      1000, 0, 0));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORTONE, self->cb, &ev, T));
	EXPECT_EQ(77u, ev.param[0]);
	EXPECT_EQ(0u, ev.param[1]);
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_GENERATE, self->ca, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TERM_DONE, ev.param[0]);
	EXPECT_EQ((uint32_t)TAPI_GENERATE_TONE, ev.param[1]);
	EXPECT_EQ(600u, ev.param[2]);
	/* Reported once per hearing. */
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORTONE, 0, &ev, 300));

	/* A tone of other frequencies is not it; silence is silence. */
	ASSERT_EQ(0, monitor_tone(self->b, self->cb, 5, 200, 1400, 0));
	ASSERT_EQ(0, gen_tone(self->a, self->ca, TAPI_TONEMODE_CUSTOM, 500,
			      1000, 0, 0));
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORTONE, 0, &ev, 700));
	ASSERT_EQ(0, monitor_tone(self->b, self->cb, 9, 300, 0, 0));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORTONE, self->cb, &ev, T));
	EXPECT_EQ(9u, ev.param[0]);
}

/* The sim's ringback, in the caller's audio, is heard as ringback only. */
TEST_F(mctl, ringback_heard_by_the_kernel)
{
	struct tapi_monitor_tones m = {
		.size = sizeof(m),
		.num_tones = 3,
		.tones = {
			{ .app_specific = 1, .duration_ms = 1000,
			  .freq_hz = { 440, 480 } },
			{ .app_specific = 2, .duration_ms = 400,
			  .freq_hz = { 480, 620 } },
			{ .app_specific = 3, .duration_ms = 1000,
			  .freq_hz = { 350, 440 } },
		},
	};
	struct tapi_event ev;

	ASSERT_EQ(0, connect_ab(self, false));
	m.call = self->ca;
	ASSERT_EQ(0, tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_TONES, &m));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_MONITORTONE, self->ca, &ev,
			     2 * T));
	EXPECT_EQ(1u, ev.param[0]);
	EXPECT_EQ(0u, ev.param[1]);
	EXPECT_EQ(0, ev_wait(self->a, TAPI_EV_MONITORTONE, 0, &ev, 500));
}

/* Fax calling tone makes B report G3FAX, once. */
TEST_F(mctl, fax_detected)
{
	struct tapi_monitor_media mm = {
		.size = sizeof(mm),
		.media_modes = TAPI_MEDIA_G3FAX,
	};
	struct tapi_event ev;

	ASSERT_EQ(0, connect_ab(self, true));
	mm.call = self->cb;
	ASSERT_EQ(0, tapi_ioctl(self->b, TAPI_IOC_CALL_MONITOR_MEDIA, &mm));
	/* CNG: 1100 Hz, 0.5 s on, 3 s off. */
	ASSERT_EQ(0, gen_tone(self->a, self->ca, TAPI_TONEMODE_CUSTOM, 0,
			      1100, 600, 400));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORMEDIA, self->cb, &ev,
			     T));
	EXPECT_EQ((uint32_t)TAPI_MEDIA_G3FAX, ev.param[0]);
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORMEDIA, 0, &ev, 1200));
	/* A line without fax cannot listen for it. */
	mm.call = self->ca;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_MEDIA, &mm));
}

/* Digits the network signals out of band: monitored and gathered. */
TEST_F(mctl, signalled_digits)
{
	struct tapi_event ev;
	char got[TAPI_GATHER_MAX_DIGITS + 1];
	uint32_t c;

	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 5550100"));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T));
	c = ev.call;
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, c,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(0, mctl_monitor_digits(self->b, c, TAPI_DIGITMODE_DTMF));
	ASSERT_EQ(0, gather(self->b, c, 3, "", 0, 0));
	ASSERT_EQ(0, sim_network(&self->card, 1, "digits 7*b"));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_MONITORDIGITS, c, &ev, T));
	EXPECT_EQ((uint32_t)'7', ev.param[0]);
	EXPECT_EQ((uint32_t)TAPI_DIGIT_SIGNALLED, ev.param[2]);
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, c, &ev, T));
	gathered(&ev, got);
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_BUFFERFULL, ev.param[0]);
	EXPECT_STREQ("7*B", got);
	/* Pulse digits only when asked for pulse. */
	ASSERT_EQ(0, sim_network(&self->card, 1, "digits 42 mode=pulse"));
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORDIGITS, c, &ev, 200));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 1, "digits 4# mode=pulse"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 1, "digits 4x"));
}

/* Monitors may detect but not generate; a gone handle hears nothing. */
TEST_F(mctl, privileges_and_handles)
{
	struct tapi_event ev;
	uint32_t hs[4], m;
	int mon;

	ASSERT_EQ(0, connect_ab(self, true));
	mon = call_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR,
			     EV_CALLS | EV_MCTL);
	ASSERT_LE(0, mon);
	ASSERT_EQ(1, call_new_calls(mon, hs, 4, NULL));
	m = hs[0];
	EXPECT_EQ(-EPERM, mctl_generate_digits(mon, m, "1", 0));
	EXPECT_EQ(-EPERM, gen_tone(mon, m, TAPI_TONEMODE_BEEP, 0, 0, 0, 0));
	ASSERT_EQ(0, mctl_monitor_digits(mon, m, TAPI_DIGITMODE_DTMF));
	ASSERT_EQ(0, gather(self->b, self->cb, 2, "", 0, 0));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "4", 50));
	ASSERT_EQ(1, ev_wait(mon, TAPI_EV_MONITORDIGITS, m, &ev, T));
	EXPECT_EQ((uint32_t)'4', ev.param[0]);
	/* The owner did not ask to monitor: its gathering only. */
	EXPECT_EQ(0, ev_wait(self->b, TAPI_EV_MONITORDIGITS, 0, &ev, 100));
	/* The monitor's handle goes mid-call; its settings go with it. */
	ASSERT_EQ(0, call_dealloc(mon, m));
	ASSERT_EQ(0, mctl_generate_digits(self->a, self->ca, "5", 50));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_GATHERDIGITS, self->cb, &ev, T));
	EXPECT_EQ(0, ev_wait(mon, TAPI_EV_MONITORDIGITS, 0, &ev, 200));
	close(mon);
}

/* Every bad argument: the right error, nothing started. */
TEST_F(mctl, bad_arguments)
{
	struct tapi_generate_digits gd = { .size = sizeof(gd) };
	struct tapi_generate_tone gt = { .size = sizeof(gt) };
	struct tapi_monitor_tones mt = { .size = sizeof(mt) };
	struct tapi_gather_digits gg = { .size = sizeof(gg) };
	struct tapi_monitor_media mm = { .size = sizeof(mm) };
	struct tapi_event ev;
	uint32_t cc;

	ASSERT_EQ(0, connect_ab(self, false));
	/* Generation needs CONNECTED. */
	EXPECT_EQ(-EBADFD, mctl_generate_digits(self->a, self->ca, "1", 0));
	EXPECT_EQ(-EBADFD, gen_tone(self->a, self->ca, TAPI_TONEMODE_BEEP,
				    0, 0, 0, 0));
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, self->cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca,
				   TAPI_CALLSTATE_CONNECTED, &ev, T));

	EXPECT_EQ(-ENOENT, mctl_generate_digits(self->a, 9999, "1", 0));
	EXPECT_EQ(-ENOENT, mctl_monitor_digits(self->a, 0,
					       TAPI_DIGITMODE_DTMF));
	EXPECT_EQ(-EINVAL, mctl_generate_digits(self->a, self->ca, "12x", 0));
	EXPECT_EQ(-EINVAL, mctl_generate_digits(self->a, self->ca, "1", 39));
	EXPECT_EQ(-EINVAL, mctl_generate_digits(self->a, self->ca, "1", 1001));
	gd.call = self->ca;
	memset(gd.digits, '1', sizeof(gd.digits));
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_DIGITS, &gd));
	memset(gd.digits, 0, sizeof(gd.digits));
	gd.flags = 1;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_DIGITS, &gd));
	gd.flags = 0;
	gd.reserved = 1;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_DIGITS, &gd));
	gd.reserved = 0;
	gd.digit_mode = TAPI_DIGITMODE_PULSE;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_DIGITS, &gd));
	gd.digit_mode = 1u << 7;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_DIGITS, &gd));

	gt.call = self->ca;
	gt.tone_mode = TAPI_TONEMODE_BUSY | TAPI_TONEMODE_BEEP;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.tone_mode = TAPI_TONEMODE_CUSTOM;
	/* no components */
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.num_components = 1;
	gt.components[0].freq_hz = 4000;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.components[0].freq_hz = 1000;
	gt.components[0].off_ms = 100;
	/* off without on */
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.components[0].off_ms = 0;
	gt.components[1].freq_hz = 500;
	/* beyond num_components */
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.components[1].freq_hz = 0;
	gt.components[0].on_ms = TAPI_TONE_CADENCE_MS_MAX + 1;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.components[0].on_ms = 100;
	gt.components[0].off_ms = TAPI_TONE_CADENCE_MS_MAX + 1;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.components[0].off_ms = 0;
	gt.components[0].on_ms = 0;
	gt.duration_ms = TAPI_GENERATE_TONE_MS_MAX + 1;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));
	gt.duration_ms = 0;
	gt.tone_mode = TAPI_TONEMODE_BUSY;
	/* components with a preset */
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GENERATE_TONE, &gt));

	EXPECT_EQ(-EINVAL, mctl_monitor_digits(self->a, self->ca, 1u << 5));
	EXPECT_EQ(-EOPNOTSUPP, mctl_monitor_digits(self->a, self->ca,
						   TAPI_DIGITMODE_PULSE));
	EXPECT_EQ(-EINVAL, gather(self->a, self->ca, 25, "", 0, 0));
	EXPECT_EQ(-EINVAL, gather(self->a, self->ca, 2, "##", 0, 0));
	EXPECT_EQ(-EINVAL, gather(self->a, self->ca, 2, "x", 0, 0));
	EXPECT_EQ(-EINVAL, gather(self->a, self->ca, 2, "#",
				  TAPI_GATHER_TIMEOUT_MS_MAX + 1, 0));
	EXPECT_EQ(-EINVAL, gather(self->a, self->ca, 2, "#", 0,
				  TAPI_GATHER_TIMEOUT_MS_MAX + 1));
	gg.call = self->ca;
	gg.digit_modes = TAPI_DIGITMODE_DTMF;
	gg.num_digits = 0;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GATHER_DIGITS, &gg));
	gg.num_digits = 2;
	gg.digit_modes = TAPI_DIGITMODE_PULSE;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GATHER_DIGITS, &gg));
	gg.digit_modes = TAPI_DIGITMODE_DTMFEND;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_GATHER_DIGITS, &gg));

	EXPECT_EQ(-EINVAL, monitor_tone(self->a, self->ca, 0, 10, 440, 0));
	EXPECT_EQ(-EINVAL, monitor_tone(self->a, self->ca, 0, 100, 4000, 0));
	EXPECT_EQ(-EINVAL, monitor_tone(self->a, self->ca, 0, 100, 0, 440));
	mt.call = self->ca;
	mt.num_tones = 5;	/* the line allows 4 */
	for (cc = 0; cc < 5; cc++) {
		mt.tones[cc].duration_ms = 100;
		mt.tones[cc].freq_hz[0] = 400 + cc * 100;
	}
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_TONES, &mt));
	mt.num_tones = 4;
	/* a fifth tone beyond num_tones */
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_TONES, &mt));
	mt.num_tones = 17;
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_TONES, &mt));

	mm.call = self->ca;
	mm.media_modes = 1u << 31;	/* no such media mode */
	EXPECT_EQ(-EINVAL,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_MEDIA, &mm));
	mm.media_modes = TAPI_MEDIA_G3FAX;
	mm.flags = 1;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->a, TAPI_IOC_CALL_MONITOR_MEDIA, &mm));

	/* Nothing of it started anything. */
	EXPECT_EQ(0, ev_wait(self->a, TAPI_EV_GENERATE, 0, &ev, 300));

	/* A line without the capabilities: EOPNOTSUPP. */
	ASSERT_EQ(0, sim_network(&self->card, 2, "offer 5550199"));
	ASSERT_EQ(1, ev_wait(self->c, TAPI_EV_NEWCALL, 0, &ev, T));
	cc = ev.call;
	ASSERT_EQ(0, call_op(self->c, TAPI_IOC_CALL_ANSWER, cc,
			     TAPI_REQUEST_SYNC));
	EXPECT_EQ(-EOPNOTSUPP, mctl_generate_digits(self->c, cc, "1", 0));
	EXPECT_EQ(-EOPNOTSUPP, gen_tone(self->c, cc, TAPI_TONEMODE_BEEP, 0,
					0, 0, 0));
	EXPECT_EQ(-EOPNOTSUPP, mctl_monitor_digits(self->c, cc,
						   TAPI_DIGITMODE_DTMF));
	EXPECT_EQ(-EOPNOTSUPP, monitor_tone(self->c, cc, 0, 100, 440, 0));

	/* Idle calls: EBADFD. */
	ASSERT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, self->ca,
			     TAPI_REQUEST_SYNC));
	EXPECT_EQ(-EBADFD, mctl_monitor_digits(self->a, self->ca,
					       TAPI_DIGITMODE_DTMF));
}

/* The MSP data channel: the sim echoes each message back, in order. */
TEST_F(mctl, msp_data)
{
	struct tapi_media_open mo = { .size = sizeof(mo) };
	struct tapi_event ev;
	char buf[TAPI_MSP_DATA_MAX + 1], msg[32];
	struct pollfd p;
	int i, n, fd;

	ASSERT_EQ(0, connect_ab(self, true));
	mo.call = self->ca;
	mo.flags = TAPI_MEDIA_OPEN_CLOEXEC | TAPI_MEDIA_OPEN_NONBLOCK;
	ASSERT_EQ(0, ioctl(self->a, TAPI_IOC_CALL_MEDIA_OPEN, &mo));
	fd = mo.fd;

	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	for (i = 0; i < 50; i++) {
		n = snprintf(msg, sizeof(msg), "message %d", i);
		ASSERT_EQ(n, write(fd, msg, n));
	}
	p = (struct pollfd){ .fd = fd, .events = POLLPRI };
	ASSERT_EQ(1, poll(&p, 1, T));
	EXPECT_TRUE(p.revents & POLLPRI);
	/* Too small a buffer: EMSGSIZE, and the message stays. */
	EXPECT_EQ(-1, read(fd, buf, 3));
	EXPECT_EQ(EMSGSIZE, errno);
	for (i = 0; i < 50; i++) {
		n = snprintf(msg, sizeof(msg), "message %d", i);
		ASSERT_EQ(n, read(fd, buf, sizeof(buf)));
		ASSERT_EQ(0, memcmp(buf, msg, n));
	}
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_MSPDATA, self->ca, &ev, T));
	EXPECT_EQ(9u, ev.param[0]);

	EXPECT_EQ(-1, write(fd, buf, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(fd, buf, TAPI_MSP_DATA_MAX + 1));
	EXPECT_EQ(EMSGSIZE, errno);
	memset(buf, 'x', TAPI_MSP_DATA_MAX);
	EXPECT_EQ(TAPI_MSP_DATA_MAX, write(fd, buf, TAPI_MSP_DATA_MAX));
	EXPECT_EQ(TAPI_MSP_DATA_MAX, read(fd, buf, sizeof(buf)));

	/* A flood: the queue keeps TAPI_MSP_DATA_QUEUE, the rest counted. */
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(1, write(fd, "f", 1));
	for (n = 0; read(fd, buf, sizeof(buf)) == 1; n++)
		;
	EXPECT_EQ(TAPI_MSP_DATA_QUEUE, n);

	/* The call ends: EPIPE to write, end of file to read. */
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_DROP, self->cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, self->ca,
				   TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	EXPECT_EQ(-1, write(fd, "x", 1));
	EXPECT_EQ(EPIPE, errno);
	EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	close(fd);
}

/* Card removal under a media fd: ENODEV to write. */
TEST_F(mctl, msp_data_card_gone)
{
	struct tapi_media_open mo = { .size = sizeof(mo) };
	int fd;

	ASSERT_EQ(0, connect_ab(self, true));
	mo.call = self->cb;
	ASSERT_EQ(0, ioctl(self->b, TAPI_IOC_CALL_MEDIA_OPEN, &mo));
	fd = mo.fd;
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	EXPECT_EQ(-1, write(fd, "x", 1));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(0, read(fd, &mo, sizeof(mo)));
	close(fd);
}

TEST_HARNESS_MAIN
