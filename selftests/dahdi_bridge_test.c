// SPDX-License-Identifier: GPL-2.0
/*
 * The DAHDI bridge (dahdi_dynamic_tapi) against real DAHDI: this program
 * is both the PBX on DAHDI channels (dahdi_pbx.c: /dev/dahdi/channel,
 * DAHDI_SPECIFY, DAHDI_HOOK, DAHDI_GETEVENT, read/write) and the tapi
 * application on the lines of the span's card.
 *
 * Run by dahdi_bridge.sh, which loads DAHDI and the bridge and writes the
 * system.conf named by $DAHDI_BRIDGE_CONF: span DYN/tapi/kstbridge of six
 * channels, 1-2 fxoks (tapi lines 0-1 are phones), 3-4 fxsks (lines 2-3
 * are the exchange), 5 e&m (refused), 6 unconfigured.  Every test
 * configures the span afresh (dahdi_cfg) and destroys it after.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <dahdi/user.h>

#include "calls.h"
#include "dahdi_pbx.h"
#include "harness.h"
#include "media.h"

#define T		3000	/* ms: longest wait for a prompt reply */
#define T_RING		9000	/* ms: a ring cadence and then some */
#define SPAN		"DYN/tapi/kstbridge"
#define NLINES		6
#define RAMP_BYTES	(256 * 8)	/* every byte value, eight times */
#define RAMP_MS		3000	/* ms of ramp the tapi side collects */
#define RX_MAX		(RAMP_MS * 8)

/* The span's lines by role. */
enum { PHONE0, PHONE1, EXCH0, EXCH1, REFUSED, UNCONFIGURED };

static const char *conf_path(void)
{
	return getenv("DAHDI_BRIDGE_CONF");
}

static int run(const char *fmt, const char *arg)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	return system(cmd);
}

/* Read a whole small sysfs file into @buf, without the newline. */
static int read_attr(const char *path, char *buf, size_t len)
{
	int ret = sim_read(path, buf, len);

	if (ret >= 0)
		buf[strcspn(buf, "\n")] = '\0';
	return ret;
}

/* /dev/tapiN of the card named @name, waiting up to @ms. */
static int card_open_by_name(const char *name, int ms)
{
	char path[256], dir[256], val[64];
	uint64_t end = now_ns() + ms * 1000000ull;
	glob_t g;
	size_t i;
	int fd = -ENOENT;

	do {
		if (glob("/sys/class/tapi/tapi*/name", 0, NULL, &g) == 0) {
			for (i = 0; i < g.gl_pathc && fd < 0; i++) {
				if (read_attr(g.gl_pathv[i], val, sizeof(val)) < 0 ||
				    strcmp(val, name))
					continue;
				/* .../tapiN/name: open /dev/tapiN */
				snprintf(dir, sizeof(dir), "%s", g.gl_pathv[i]);
				*strrchr(dir, '/') = '\0';
				snprintf(path, sizeof(path), "/dev/%s",
					 strrchr(dir, '/') + 1);
				fd = open(path, O_RDWR | O_CLOEXEC);
				if (fd < 0)
					fd = -errno;
			}
			globfree(&g);
		}
		if (fd >= 0)
			return fd;
		usleep(20000);
	} while (now_ns() < end);
	return fd;
}

/* The DAHDI channel number of the span's first channel, or -errno. */
static int span_basechan(const char *name)
{
	char path[256], val[64];
	glob_t g;
	size_t i;
	int base = -ENOENT;

	if (glob("/sys/bus/dahdi_spans/devices/*/name", 0, NULL, &g))
		return -ENOENT;
	for (i = 0; i < g.gl_pathc; i++) {
		if (read_attr(g.gl_pathv[i], val, sizeof(val)) < 0 ||
		    strcmp(val, name))
			continue;
		snprintf(path, sizeof(path), "%.*s/basechan",
			 (int)(strrchr(g.gl_pathv[i], '/') - g.gl_pathv[i]),
			 g.gl_pathv[i]);
		if (read_attr(path, val, sizeof(val)) >= 0)
			base = atoi(val);
	}
	globfree(&g);
	return base;
}

static bool module_loaded(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

FIXTURE(bridge)
{
	int card_fd;
	int base;
	int line[NLINES];
	struct dpbx_chan pbx[NLINES];
	struct dpbx_dtmf dtmf[NLINES];	/* what each PBX channel hears */
};

/* Open tapi line @x as owner of every call (all events). */
static int open_line(FIXTURE_DATA(bridge) *self, int x)
{
	if (self->line[x] < 0)
		self->line[x] = call_open_line(self->card_fd, x,
					       TAPI_PRIV_OWNER, 0);
	return self->line[x];
}

/*
 * Open DAHDI channel of line @x for the PBX: 20 ms blocks, 32 of them
 * each way, so that a test thread the emulated machine stalls for a
 * moment loses nothing.
 */
static int open_pbx(FIXTURE_DATA(bridge) *self, int x)
{
	dpbx_dtmf_init(&self->dtmf[x]);
	return dpbx_open(&self->pbx[x], self->base + x, DPBX_FRAME, 32);
}

static void close_all(FIXTURE_DATA(bridge) *self)
{
	int x;

	for (x = 0; x < NLINES; x++) {
		if (self->line[x] >= 0)
			close(self->line[x]);
		self->line[x] = -1;
		dpbx_close(&self->pbx[x]);
	}
	if (self->card_fd >= 0)
		close(self->card_fd);
	self->card_fd = -1;
}

/* Wait until line @x's status says in service (or not, @in). */
static bool wait_service(int fd, bool in, int ms)
{
	struct tapi_line_devstatus st;
	uint64_t end = now_ns() + ms * 1000000ull;

	do {
		if (tapi_devstatus(fd, &st) == 0 &&
		    !!(st.devstatus_flags & TAPI_DEVSTATUS_INSERVICE) == in)
			return true;
		usleep(20000);
	} while (now_ns() < end);
	return false;
}

FIXTURE_SETUP(bridge)
{
	int x;

	self->card_fd = -1;
	for (x = 0; x < NLINES; x++) {
		self->line[x] = -1;
		self->pbx[x].fd = -1;
	}
	if (!conf_path())
		SKIP(return, "run by dahdi_bridge.sh (DAHDI_BRIDGE_CONF)");
	if (!module_loaded("dahdi_dynamic_tapi"))
		ASSERT_EQ(0, run("insmod %s", getenv("DAHDI_TAPI_KO")));
	ASSERT_EQ(0, run("dahdi_cfg -c %s >/dev/null", conf_path()));
	self->card_fd = card_open_by_name(SPAN, T);
	ASSERT_LE(0, self->card_fd);
	self->base = span_basechan(SPAN);
	ASSERT_LT(0, self->base);
	for (x = PHONE0; x <= EXCH1; x++) {
		ASSERT_LE(0, open_line(self, x));
		ASSERT_TRUE(wait_service(self->line[x], true, T))
			TH_LOG("line %d never in service", x);
	}
}

FIXTURE_TEARDOWN(bridge)
{
	close_all(self);
	if (!conf_path())
		return;
	/* dahdi_cfg -s exits 1 even when it destroyed every span. */
	run("dahdi_cfg -s -c %s >/dev/null 2>&1", conf_path());
	if (!module_loaded("dahdi_dynamic_tapi"))
		run("insmod %s", getenv("DAHDI_TAPI_KO"));
}

/* The call a CALLSTATE @state event names on @fd, or 0. */
static uint32_t wait_call_in(int fd, uint32_t state, int ms)
{
	struct tapi_event ev;

	if (ev_wait_state(fd, 0, state, &ev, ms) != 1)
		return 0;
	return ev.call;
}

/*
 * The tapi side of a ramp exchange: for @ms, send the byte ramp (0, 1, ...
 * 255, 0 ...) in @m's format if @send (a linear fd sends it decoded), and
 * collect what arrives into @rx (room for @max samples).  Return: the
 * samples collected.
 */
static int16_t ramp_linear(uint8_t b)
{
	return g711_ulaw_decode(b);
}

static void ramp_fill(const struct media *m, void *buf, int n, int from)
{
	int i;

	for (i = 0; i < n; i++) {
		uint8_t b = (from + i) & 0xff;

		if (m->mo.format == TAPI_MEDIA_LINEAR16)
			((int16_t *)buf)[i] = ramp_linear(b);
		else
			((uint8_t *)buf)[i] = b;
	}
}

static int ramp_run(struct media *m, bool send, int ms, void *rx, int max)
{
	int spf = media_frame_samples(m), sent = 0, len = 0;
	uint64_t end = now_ns() + ms * 1000000ull;
	int16_t frame[TAPI_MEDIA_FRAME_MS_MAX * 8];

	while (now_ns() < end && len < max) {
		struct pollfd p = { .fd = m->fd, .events = POLLIN };

		while (send && media_tx_room(m) > 0) {
			ramp_fill(m, frame, spf, sent);
			if (media_tx_queue(m, frame, spf))
				break;
			sent += spf;
		}
		len = media_rx_take(m, rx, len, max);
		poll(&p, 1, 20);
	}
	return len;
}

/*
 * Whether @rx (@len samples of @m's format) holds the ramp bit for bit
 * through every byte value twice.
 */
static bool ramp_found(const struct media *m, const void *rx, int len)
{
	int16_t want[512];

	ramp_fill(m, want, 512, 0);
	return media_find(rx, len, want, 512, media_bps(m)) >= 0;
}

/* The PBX side of a ramp exchange, in a thread. */
struct pbx_pump {
	pthread_t thread;
	struct dpbx_stream s;
	int ret;
};

static void *pbx_pump_fn(void *arg)
{
	struct pbx_pump *pp = arg;

	pp->ret = dpbx_pump(&pp->s, 1, 8000);
	return NULL;
}

static void pbx_pump_start(struct pbx_pump *pp, struct dpbx_chan *c)
{
	dpbx_stream_init(&pp->s, c, 3 * RAMP_BYTES, RAMP_BYTES);
	pthread_create(&pp->thread, NULL, pbx_pump_fn, pp);
}

static void pbx_pump_end(struct pbx_pump *pp)
{
	pthread_join(pp->thread, NULL);
	dpbx_stream_free(&pp->s);
}

/*
 * Audio both ways on a connected call: the PBX's ramp reaches the tapi
 * fd, and the fd's ramp reaches the PBX, both bit for bit in @format, the
 * law of DAHDI's channel.
 */
static void audio_both_ways(struct __test_metadata *_metadata, int line_fd,
			    uint32_t call, struct dpbx_chan *c, uint32_t format)
{
	static uint8_t rx[RX_MAX];
	struct pbx_pump pp;
	struct media m;
	int len;

	ASSERT_EQ(0, media_open(line_fd, call, TAPI_MEDIA_OPEN_TX, format,
				20, 64, 64, &m));
	pbx_pump_start(&pp, c);
	len = ramp_run(&m, true, RAMP_MS, rx, RX_MAX);
	pbx_pump_end(&pp);
	EXPECT_EQ(0, pp.ret);
	EXPECT_TRUE(ramp_found(&m, rx, len)) TH_LOG("in %d bytes", len);
	EXPECT_LE(RAMP_BYTES, pp.s.rx_bytes)
		TH_LOG("the PBX got %lld ramp bytes", pp.s.rx_bytes);
	EXPECT_EQ(0, pp.s.rx_bad);
	media_close(&m);
}

/*
 * (1) DAHDI rings a phone line: offered, answered, DAHDI sees the off
 * hook, audio both ways bit for bit, DAHDI hangs up: DISCONNECTED, IDLE.
 */
TEST_F_TIMEOUT(bridge, phone_inbound, 60)
{
	struct dpbx_chan *p = &self->pbx[PHONE0];
	int a = self->line[PHONE0];
	struct tapi_event ev;
	uint32_t call;

	ASSERT_EQ(0, open_pbx(self, PHONE0));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_RING));
	call = wait_call_in(a, TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, call);
	ASSERT_EQ(0, call_op(a, TAPI_IOC_CALL_ANSWER, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, dpbx_expect(p, DAHDI_EVENT_RINGOFFHOOK, T, NULL, 0));

	audio_both_ways(_metadata, a, call, p, TAPI_MEDIA_ULAW);

	ASSERT_EQ(0, dpbx_hook(p, DAHDI_ONHOOK));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NORMAL, ev.param[1]);
	ASSERT_EQ(0, call_op(a, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_IDLE, &ev, T));
}

/*
 * Collect DTMF the PBX hears on @c, with its detector @d (which keeps a
 * digit heard before from being heard again), until @want is complete.
 */
static int pbx_hear_digits(struct dpbx_chan *c, struct dpbx_dtmf *d,
			   const char *want, char *got, size_t len, int ms)
{
	long long end = dpbx_now_ms() + ms;
	uint8_t buf[DPBX_FRAME];
	ssize_t n;

	got[0] = '\0';
	while (dpbx_now_ms() < end && strlen(got) < strlen(want)) {
		n = dpbx_read(c, buf, sizeof(buf), 100);
		if (n == -ELAST) {
			dpbx_event(c, 0);
			continue;
		}
		if (n < 0)
			return n;
		dpbx_dtmf_feed_ulaw(d, buf, n, got + strlen(got),
				    len - strlen(got));
	}
	return strcmp(got, want) ? -ETIMEDOUT : 0;
}

/*
 * (2) tapi places a call on a phone line: DAHDI sees the off hook and
 * hears the number in DTMF; the call goes through DIALTONE and DIALING to
 * CONNECTED; dropping it is an on hook for DAHDI.
 */
TEST_F_TIMEOUT(bridge, phone_outbound, 60)
{
	struct dpbx_chan *p = &self->pbx[PHONE1];
	int a = self->line[PHONE1];
	struct tapi_event ev;
	char heard[16];
	uint32_t call;

	ASSERT_EQ(0, open_pbx(self, PHONE1));
	ASSERT_LT(0, call_make(a, "4#7*", 0, &call));
	ASSERT_EQ(0, dpbx_expect(p, DAHDI_EVENT_RINGOFFHOOK, T, NULL, 0));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_DIALTONE, &ev, T));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_DIALING, &ev, T));
	EXPECT_EQ(0, pbx_hear_digits(p, &self->dtmf[PHONE1], "4#7*", heard,
				     sizeof(heard), 5000))
		TH_LOG("the PBX heard \"%s\"", heard);
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_PROCEEDING, &ev, T));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_CONNECTED, &ev, T));

	ASSERT_EQ(0, call_op(a, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_IDLE, &ev, T));
	/* fxoks takes an on hook after its 1.25 s flash window. */
	EXPECT_EQ(0, dpbx_expect(p, DAHDI_EVENT_ONHOOK, T, NULL, 0));
}

/*
 * A number ending in ';' leaves the call dialling; the rest comes with
 * TAPI_IOC_CALL_DIAL.  Digits a loop cannot dial are refused.
 */
TEST_F_TIMEOUT(bridge, phone_dial_more, 60)
{
	struct dpbx_chan *p = &self->pbx[PHONE0];
	int a = self->line[PHONE0];
	struct tapi_event ev;
	char heard[16];
	uint32_t call;

	ASSERT_EQ(0, open_pbx(self, PHONE0));
	EXPECT_EQ(-EINVAL, call_make(a, "12x", 0, &call));
	ASSERT_LT(0, call_make(a, "9;", 0, &call));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_DIALING, &ev, T));
	EXPECT_EQ(0, pbx_hear_digits(p, &self->dtmf[PHONE0], "9", heard,
				     sizeof(heard), 3000));
	EXPECT_EQ(-EINVAL, call_dial(a, call, "5!", TAPI_REQUEST_SYNC));
	/* Asynchronous: the PBX listens while they go out. */
	ASSERT_LT(0, call_dial(a, call, "55", 0));
	EXPECT_EQ(0, pbx_hear_digits(p, &self->dtmf[PHONE0], "55", heard,
				     sizeof(heard), 3000))
		TH_LOG("the PBX heard \"%s\"", heard);
	ASSERT_EQ(1, ev_wait(a, TAPI_EV_REPLY, call, &ev, T));
	EXPECT_EQ(0, (int)ev.param[0]);
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, call_op(a, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
}

/*
 * (3) tapi places a call on an exchange line: DAHDI's phone rings, the
 * PBX answers: CONNECTED; a linear media fd hears DAHDI's mu-law decoded
 * exactly; the PBX hangs up: DISCONNECTED.
 */
TEST_F_TIMEOUT(bridge, exchange_outbound, 60)
{
	struct dpbx_chan *p = &self->pbx[EXCH0];
	int c = self->line[EXCH0];
	static int16_t rx[RX_MAX];
	struct tapi_event ev;
	struct pbx_pump pp;
	struct media m;
	uint32_t call;
	int len;

	ASSERT_EQ(0, open_pbx(self, EXCH0));
	ASSERT_LT(0, call_make(c, "3", 0, &call));
	ASSERT_EQ(1, ev_wait_state(c, call, TAPI_CALLSTATE_RINGBACK, &ev, T));
	/* fxsks ignores ringing for 2 s after it was put on hook. */
	ASSERT_EQ(0, dpbx_expect(p, DAHDI_EVENT_RINGBEGIN, T_RING, NULL, 0));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_OFFHOOK));
	ASSERT_EQ(1, ev_wait_state(c, call, TAPI_CALLSTATE_CONNECTED, &ev, T));

	ASSERT_EQ(0, media_open(c, call, 0, TAPI_MEDIA_LINEAR16, 20, 64, 0,
				&m));
	pbx_pump_start(&pp, p);
	len = ramp_run(&m, false, RAMP_MS, rx, RX_MAX);
	pbx_pump_end(&pp);
	EXPECT_TRUE(ramp_found(&m, rx, len)) TH_LOG("in %d samples", len);
	media_close(&m);

	ASSERT_EQ(0, dpbx_hook(p, DAHDI_ONHOOK));
	ASSERT_EQ(1, ev_wait_state(c, call, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NORMAL, ev.param[1]);
	ASSERT_EQ(0, call_op(c, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
}

/*
 * (3) the reverse: DAHDI's phone goes off hook: a call is offered on the
 * exchange line; answered, the digits DAHDI dials arrive as digit events
 * (DAHDI in A-law, the tapi fd in A-law: bit for bit both ways); tapi
 * drops: DAHDI's phone sees the far end hang up.
 */
TEST_F_TIMEOUT(bridge, exchange_inbound, 60)
{
	struct dpbx_chan *p = &self->pbx[EXCH1];
	int c = self->line[EXCH1];
	int law = DAHDI_LAW_ALAW;
	struct tapi_event ev;
	uint32_t call;
	const char *s = "258";
	size_t i;

	ASSERT_EQ(0, open_pbx(self, EXCH1));
	ASSERT_EQ(0, ioctl(p->fd, DAHDI_SETLAW, &law));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_OFFHOOK));
	call = wait_call_in(c, TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, call);
	ASSERT_EQ(0, call_op(c, TAPI_IOC_CALL_ANSWER, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(c, call, TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, mctl_monitor_digits(c, call, TAPI_DIGITMODE_DTMF));
	ASSERT_EQ(0, dpbx_dial(p, s));
	for (i = 0; i < strlen(s); i++) {
		ASSERT_EQ(1, ev_wait(c, TAPI_EV_MONITORDIGITS, call, &ev, T))
			TH_LOG("digit %zu of %s", i, s);
		EXPECT_EQ((uint32_t)s[i], ev.param[0]);
	}
	ASSERT_EQ(0, dpbx_expect(p, DAHDI_EVENT_DIALCOMPLETE, T, NULL, 0));

	ASSERT_EQ(0, call_op(c, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(c, call, TAPI_CALLSTATE_IDLE, &ev, T));
	EXPECT_EQ(0, dpbx_expect(p, DAHDI_EVENT_ONHOOK, T, NULL, 0));
}

/* A-law end to end: DAHDI's channel and the tapi fd both A-law. */
TEST_F_TIMEOUT(bridge, alaw_passthrough, 60)
{
	struct dpbx_chan *p = &self->pbx[EXCH1];
	int c = self->line[EXCH1];
	int law = DAHDI_LAW_ALAW;
	struct tapi_event ev;
	uint32_t call;

	ASSERT_EQ(0, open_pbx(self, EXCH1));
	ASSERT_EQ(0, ioctl(p->fd, DAHDI_SETLAW, &law));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_OFFHOOK));
	call = wait_call_in(c, TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, call);
	ASSERT_EQ(0, call_op(c, TAPI_IOC_CALL_ANSWER, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(c, call, TAPI_CALLSTATE_CONNECTED, &ev, T));
	audio_both_ways(_metadata, c, call, p, TAPI_MEDIA_ALAW);
	ASSERT_EQ(0, call_op(c, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
}

/*
 * The caller gives up while an offered call rings: the call goes IDLE
 * once DAHDI's ringing has paused ring_gap_ms.  A call dropped while
 * DAHDI rings on is not offered again by the next ring.
 */
TEST_F_TIMEOUT(bridge, phone_ring_stops, 60)
{
	struct dpbx_chan *p = &self->pbx[PHONE0];
	int a = self->line[PHONE0];
	struct tapi_event ev;
	uint32_t call;

	ASSERT_EQ(0, open_pbx(self, PHONE0));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_RING));
	call = wait_call_in(a, TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, call);
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_ONHOOK));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_IDLE, &ev, T_RING));

	ASSERT_EQ(0, dpbx_hook(p, DAHDI_RING));
	call = wait_call_in(a, TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, call);
	ASSERT_EQ(0, call_op(a, TAPI_IOC_CALL_DROP, call, TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(a, call, TAPI_CALLSTATE_IDLE, &ev, T));
	/* Rings on through a whole cadence: no new call. */
	EXPECT_EQ(0, ev_wait(a, TAPI_EV_NEWCALL, 0, &ev, 6500));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_ONHOOK));
}

/* What the bridge refuses, and that nothing changes. */
TEST_F_TIMEOUT(bridge, refusals, 60)
{
	struct dpbx_chan *p = &self->pbx[EXCH0];
	struct tapi_event ev;
	uint32_t call;
	int fd;

	/* e&m and unconfigured channels: out of service, no calls. */
	fd = open_line(self, REFUSED);
	ASSERT_LE(0, fd);
	EXPECT_TRUE(wait_service(fd, false, 100));
	EXPECT_EQ(-ENXIO, call_make(fd, "1", TAPI_CALL_MAKE_SYNC, &call));
	fd = open_line(self, UNCONFIGURED);
	ASSERT_LE(0, fd);
	EXPECT_TRUE(wait_service(fd, false, 100));
	EXPECT_EQ(-ENXIO, call_make(fd, "1", TAPI_CALL_MAKE_SYNC, &call));

	/* An exchange line whose DAHDI phone is off hook: busy. */
	ASSERT_EQ(0, open_pbx(self, EXCH0));
	ASSERT_EQ(0, dpbx_hook(p, DAHDI_OFFHOOK));
	call = wait_call_in(self->line[EXCH0], TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, call);
	/* One call a line: a second is refused by the core or the card. */
	EXPECT_GT(0, call_make(self->line[EXCH0], "1", TAPI_CALL_MAKE_SYNC,
			       &call));
	ASSERT_EQ(0, call_op(self->line[EXCH0], TAPI_IOC_CALL_ANSWER, call,
			     TAPI_REQUEST_SYNC));
	/* An exchange line does not dial. */
	EXPECT_GT(0, call_dial(self->line[EXCH0], call, "1",
			       TAPI_REQUEST_SYNC));
	ASSERT_EQ(0, call_op(self->line[EXCH0], TAPI_IOC_CALL_DROP, call,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->line[EXCH0], call,
				   TAPI_CALLSTATE_IDLE, &ev, T));
	/* Its phone is still off hook: a new call is busy. */
	EXPECT_EQ(-EBUSY, call_make(self->line[EXCH0], "1",
				    TAPI_CALL_MAKE_SYNC, &call));
}

/* (5) dahdi_scan shows the span. */
TEST_F(bridge, dahdi_scan)
{
	char line[256];
	bool name = false, chans = false;
	FILE *f = popen("dahdi_scan", "r");

	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		name |= !strcmp(line, "name=" SPAN "\n");
		chans |= name && !strcmp(line, "totchans=6\n");
	}
	EXPECT_EQ(0, pclose(f));
	EXPECT_TRUE(name);
	EXPECT_TRUE(chans);
}

/*
 * Calls up on two lines with their fds and a media fd open; then @gone
 * takes the card away.  Every line fd gets CLOSE then REMOVED, later
 * ioctls ENODEV, poll HUP; the media fd hangs up.
 */
static void removal(struct __test_metadata *_metadata,
		    FIXTURE_DATA(bridge) *self, int (*gone)(void))
{
	int a = self->line[PHONE0], c = self->line[EXCH0], fd;
	struct pollfd pfd;
	struct tapi_event ev;
	uint32_t ca, cc;
	struct media m;
	int x;

	ASSERT_EQ(0, open_pbx(self, PHONE0));
	ASSERT_EQ(0, dpbx_hook(&self->pbx[PHONE0], DAHDI_RING));
	ca = wait_call_in(a, TAPI_CALLSTATE_OFFERING, T);
	ASSERT_NE(0u, ca);
	ASSERT_EQ(0, call_op(a, TAPI_IOC_CALL_ANSWER, ca, TAPI_REQUEST_SYNC));
	ASSERT_EQ(0, media_open(a, ca, 0, TAPI_MEDIA_ULAW, 20, 64, 0, &m));
	ASSERT_LT(0, call_make(c, "1", 0, &cc));
	ASSERT_EQ(1, ev_wait_state(c, cc, TAPI_CALLSTATE_RINGBACK, &ev, T));
	/* DAHDI keeps a span with open channels. */
	dpbx_close(&self->pbx[PHONE0]);

	ASSERT_EQ(0, gone());

	for (x = PHONE0; x <= EXCH1; x++) {
		fd = self->line[x];
		ASSERT_EQ(1, ev_wait(fd, TAPI_EV_CLOSE, 0, &ev, T))
			TH_LOG("line %d: no CLOSE", x);
		ASSERT_EQ(1, ev_wait(fd, TAPI_EV_REMOVED, 0, &ev, T));
		pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
		EXPECT_EQ(1, poll(&pfd, 1, 0));
		EXPECT_TRUE(pfd.revents & POLLHUP);
	}
	EXPECT_EQ(-ENODEV, call_state(a, ca));
	EXPECT_EQ(-ENODEV, call_make(c, "1", TAPI_CALL_MAKE_SYNC, &cc));
	pfd = (struct pollfd){ .fd = m.fd, .events = POLLIN };
	EXPECT_EQ(1, poll(&pfd, 1, T));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	media_close(&m);
}

static int destroy_span(void)
{
	return dpbx_dynamic_destroy("tapi", "kstbridge");
}

static int remove_module(void)
{
	return syscall(SYS_delete_module, "dahdi_dynamic_tapi", O_NONBLOCK) ?
	       -errno : 0;
}

/* (4) the span destroyed with calls up and fds open. */
TEST_F_TIMEOUT(bridge, span_destroyed, 60)
{
	removal(_metadata, self, destroy_span);
}

/* (4) the bridge's module removed with calls up and fds open. */
TEST_F_TIMEOUT(bridge, module_removed, 60)
{
	removal(_metadata, self, remove_module);
	EXPECT_FALSE(module_loaded("dahdi_dynamic_tapi"));
}

TEST_HARNESS_MAIN
