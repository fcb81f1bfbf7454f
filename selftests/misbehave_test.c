// SPDX-License-Identifier: GPL-2.0
/*
 * A misbehaving TSP: the sim card's misbehave modes (Documentation/
 * tsp-sim.rst) break the TSPI on purpose, and the core must refuse, log
 * and carry on.  For each mode the test checks what an application would
 * notice: the same call states as with a good card (bad reports refused,
 * nothing queued), exactly one reply per request, with the errno the
 * contract gives when the card completes badly or never, ioctls that
 * fail or succeed as the refusal says, and a card that stays usable.  It
 * checks the core's log lines about the card and that the kernel log has
 * no splat.  Each test prints its figures: what the card injected (its
 * misbehaviours attribute), what the core refused, and what the
 * application saw.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"

#define T	2000
/* How long to wait for what must not come. */
#define QUIET	300
#define SYNC	TAPI_REQUEST_SYNC

/* The kernel log from the fixture's start (/dev/kmsg). */
struct klog {
	int fd;
	char *buf;
	size_t len;
	size_t cap;
};

static void klog_open(struct klog *k)
{
	memset(k, 0, sizeof(*k));
	k->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd >= 0)
		lseek(k->fd, 0, SEEK_END);
}

/* Append the records logged since the last call. */
static void klog_pull(struct klog *k)
{
	char rec[8192];
	ssize_t n;

	if (k->fd < 0)
		return;
	for (;;) {
		n = read(k->fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten meanwhile */
		if (n <= 0)
			break;
		if (k->len + n + 1 > k->cap) {
			char *b = realloc(k->buf, k->cap + n + 65536);

			if (!b)
				break;
			k->buf = b;
			k->cap += n + 65536;
		}
		memcpy(k->buf + k->len, rec, n);
		k->len += n;
		k->buf[k->len] = '\0';
	}
}

/* Lines logged so far that contain @needle. */
static int klog_count(struct klog *k, const char *needle)
{
	const char *p;
	int n = 0;

	klog_pull(k);
	for (p = k->buf; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The first splat pattern the log has, or NULL (run_tests.sh's list). */
static const char *klog_splat(struct klog *k)
{
	static const char *const splats[] = {
		"Oops", "general protection fault", "BUG:", "kernel BUG",
		"WARNING:", "KASAN", "UBSAN", "possible circular locking",
		"inconsistent lock state", "possible recursive locking",
		"suspicious RCU usage", "unreferenced object", "Call Trace:",
		"blocked for more than", "list_add corruption",
		"list_del corruption", "refcount_t:", "ODEBUG:",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(splats); i++) {
		if (klog_count(k, splats[i]))
			return splats[i];
	}
	return NULL;
}

static void klog_close(struct klog *k)
{
	if (k->fd >= 0)
		close(k->fd);
	free(k->buf);
}

/* One line of the card's misbehaviours attribute. */
struct mb_count {
	int injected;
	int refused;	/* -1: the kind's helpers return nothing */
};

static struct mb_count mb_count(const struct sim_card *card,
				const char *kind)
{
	struct mb_count c = { -1, -1 };
	char buf[4096], want[32];
	const char *p;

	if (sim_card_get(card, "misbehaviours", buf, sizeof(buf)) < 0)
		return c;
	snprintf(want, sizeof(want), "%s injected=", kind);
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, want, strlen(want)))
			continue;
		if (sscanf(p + strlen(want), "%d refused=%d", &c.injected,
			   &c.refused) < 1)
			c.injected = -1;
		break;
	}
	return c;
}

/* The events that come on @fd until none has for @quiet ms; how many. */
static int collect(int fd, struct tapi_event *evs, int max, int quiet)
{
	int n = 0;

	while (n < max && ev_read(fd, &evs[n], quiet) == 1)
		n++;
	return n;
}

/* Replies to request @id among @evs; the last one's result in *result. */
static int replies(const struct tapi_event *evs, int n, int id, int *result)
{
	int i, count = 0;

	for (i = 0; i < n; i++) {
		if (evs[i].type != TAPI_EV_REPLY || evs[i].request_id != (uint32_t)id)
			continue;
		count++;
		*result = (int)evs[i].param[0];
	}
	return count;
}

/* Wait for the reply to @id on @fd: its result, or -ETIMEDOUT. */
static int reply_of(int fd, int id)
{
	struct tapi_event ev;

	for (;;) {
		if (ev_wait(fd, TAPI_EV_REPLY, 0, &ev, T) != 1)
			return -ETIMEDOUT;
		if (ev.request_id == (uint32_t)id)
			return (int)ev.param[0];
	}
}

/* A line of figures, as a TAP comment; flushed: the test runs in a child. */
static void __attribute__((format(printf, 1, 2))) figures(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

FIXTURE(mb)
{
	struct sim_card card;
	int card_fd;
	int a;		/* line 0 (2000), owner */
	int b;		/* line 1 (2001), owner */
	int mon;	/* line 1, monitor */
	struct klog log;
};

FIXTURE_SETUP(mb)
{
	int ret;

	self->card_fd = self->a = self->b = self->mon = -1;
	klog_open(&self->log);
	ret = sim_card_create(&self->card, "mb", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->a = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER,
				 EV_CALLS | EV(MONITORDIGITS));
	ASSERT_LE(0, self->a);
	self->b = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER,
				 EV_CALLS | EV(MONITORDIGITS));
	ASSERT_LE(0, self->b);
	self->mon = call_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR,
				   EV_CALLS);
	ASSERT_LE(0, self->mon);
}

FIXTURE_TEARDOWN(mb)
{
	sim_card_set(&self->card, "misbehave", "none");
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->mon >= 0)
		close(self->mon);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
	klog_close(&self->log);
}

/* No kernel report since the fixture started. */
#define EXPECT_NO_SPLAT(self)						\
	do {								\
		const char *_s = klog_splat(&(self)->log);		\
									\
		EXPECT_EQ(NULL, _s) TH_LOG("kernel log: %s", _s);	\
	} while (0)

static int misbehave(FIXTURE_DATA(mb) *self, const char *modes)
{
	return sim_card_set(&self->card, "misbehave", modes);
}

/* A call offered to line 1 from the network: B's handle, and mon's. */
static int offer(FIXTURE_DATA(mb) *self, uint32_t *cb, uint32_t *cm)
{
	struct tapi_event ev;
	int ret;

	ret = sim_network(&self->card, 1, "offer 5550000");
	if (ret)
		return ret;
	if (ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T) != 1)
		return -ETIMEDOUT;
	*cb = ev.call;
	if (ev_wait(self->mon, TAPI_EV_NEWCALL, 0, &ev, T) != 1)
		return -ETIMEDOUT;
	*cm = ev.call;
	ev_drain(self->b);
	ev_drain(self->mon);
	return 0;
}

/* B drops its call (and deallocates it, with mon's handle). */
static int hang_up(FIXTURE_DATA(mb) *self, uint32_t cb, uint32_t cm)
{
	int ret;

	if (call_state(self->b, cb) != TAPI_CALLSTATE_IDLE) {
		ret = call_op(self->b, TAPI_IOC_CALL_DROP, cb, SYNC);
		if (ret)
			return ret;
	}
	ret = call_dealloc(self->b, cb);
	return ret ?: call_dealloc(self->mon, cm);
}

/*
 * A calls B, B answers, A hangs up, then B: every CALLSTATE A, B and the
 * monitor get, as "state/mode" words in @out.
 */
static int call_story(FIXTURE_DATA(mb) *self, char *out, size_t len)
{
	struct tapi_event evs[64];
	uint32_t ca, cb, cm;
	int fds[3] = { self->a, self->b, self->mon };
	size_t used = 0;
	int ret, i, j, n;

	ret = call_connect(self->a, self->b, "2001", true, &ca, &cb, T);
	if (ret)
		return ret;
	ret = call_op(self->a, TAPI_IOC_CALL_DROP, ca, SYNC);
	if (ret)
		return ret;
	ret = call_op(self->b, TAPI_IOC_CALL_DROP, cb, SYNC);
	if (ret)
		return ret;
	/* The monitor's handle is the one its NEWCALL named. */
	cm = 0;
	out[0] = '\0';
	for (i = 0; i < 3; i++) {
		n = collect(fds[i], evs, 64, 50);
		for (j = 0; j < n; j++) {
			if (evs[j].type == TAPI_EV_NEWCALL && fds[i] == self->mon)
				cm = evs[j].call;
			if (evs[j].type != TAPI_EV_CALLSTATE)
				continue;
			used += snprintf(out + used, len - used, "%c%s/%x ",
					 "abm"[i], state_name(evs[j].param[0]),
					 evs[j].param[1]);
			if (used >= len)
				return -ENOSPC;
		}
	}
	ret = call_dealloc(self->a, ca);
	if (!ret)
		ret = call_dealloc(self->b, cb);
	if (!ret && cm)
		ret = call_dealloc(self->mon, cm);
	return ret;
}

/* Words in @s, each followed by a space. */
static int words(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == ' ';
	return n;
}

/*
 * badstate: invalid states and modes and forbidden transitions before
 * every state the card reports.  All refused, none seen, logged once per
 * call.
 */
TEST_F(mb, bad_states)
{
	char good[2048], bad[2048];
	struct mb_count c;
	int logged;

	ASSERT_EQ(0, call_story(self, good, sizeof(good)));
	logged = klog_count(&self->log, ") refused");
	ASSERT_EQ(0, misbehave(self, "badstate"));
	ASSERT_EQ(0, call_story(self, bad, sizeof(bad)));
	/* What applications saw: the good card's states, nothing else. */
	EXPECT_STREQ(good, bad);
	c = mb_count(&self->card, "badstate");
	EXPECT_LT(0, c.injected);
	EXPECT_EQ(c.injected, c.refused);
	/* Two calls, one line each (ratelimited per card: 20 in 5 s). */
	logged = klog_count(&self->log, ") refused") - logged;
	EXPECT_EQ(2, logged);
	figures("badstate: %d bad state reports injected, %d refused; the applications saw the good card's %d states and no other; %d log lines\n",
		c.injected, c.refused, words(good), logged);
	EXPECT_NO_SPLAT(self);
}

/*
 * twice, badresult, lie, badreturn: requests completed twice, with
 * results that are no errno, completed and then refused, or refused with
 * a positive number.  Exactly one answer each, the one the contract says.
 */
TEST_F(mb, bad_completions)
{
	struct tapi_event evs[64];
	uint32_t ca, cb, cm;
	int id, r1 = 1, r2 = 1, n, once = 0;
	struct mb_count tw, br, li, bret;

	/* twice: the first completion stands, the second is refused. */
	ASSERT_EQ(0, misbehave(self, "twice"));
	ASSERT_EQ(0, call_make(self->a, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &evs[0], T));
	cb = evs[0].call;
	id = call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0);
	ASSERT_LT(0, id);
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id, &r1));
	EXPECT_EQ(0, r1);
	once += replies(evs, n, id, &r1) == 1;
	id = call_op(self->a, TAPI_IOC_CALL_DROP, ca, 0);
	ASSERT_LT(0, id);
	n = collect(self->a, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id, &r1));
	EXPECT_EQ(0, r1);
	once += replies(evs, n, id, &r1) == 1;
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_DROP, cb, SYNC));
	EXPECT_EQ(0, call_dealloc(self->a, ca));
	EXPECT_EQ(0, call_dealloc(self->b, cb));
	ev_drain(self->mon);
	tw = mb_count(&self->card, "twice");
	EXPECT_LE(4, tw.injected);
	EXPECT_LE(1, klog_count(&self->log, "completed twice, ignored"));

	/* badresult: 1 and -4096 are no errno: -EIO, once. */
	ASSERT_EQ(0, misbehave(self, "badresult"));
	ASSERT_EQ(0, offer(self, &cb, &cm));
	id = call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0);
	ASSERT_LT(0, id);
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id, &r1));
	EXPECT_EQ(-EIO, r1);
	once += replies(evs, n, id, &r1) == 1;
	id = call_op(self->b, TAPI_IOC_CALL_DROP, cb, 0);
	ASSERT_LT(0, id);
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id, &r2));
	EXPECT_EQ(-EIO, r2);
	once += replies(evs, n, id, &r2) == 1;
	/* The card did drop it: it only said so badly. */
	EXPECT_EQ((int)TAPI_CALLSTATE_IDLE, call_state(self->b, cb));
	EXPECT_EQ(0, hang_up(self, cb, cm));
	br = mb_count(&self->card, "badresult");
	EXPECT_EQ(2, br.injected);
	EXPECT_LE(1, klog_count(&self->log, "completed with 1, taken as -5"));
	EXPECT_LE(1, klog_count(&self->log,
				"completed with -4096, taken as -5"));

	/* lie: refused after completing: the completion stands. */
	ASSERT_EQ(0, misbehave(self, "lie"));
	ASSERT_EQ(0, offer(self, &cb, &cm));
	id = call_op(self->b, TAPI_IOC_CALL_ACCEPT, cb, 0);
	EXPECT_LT(0, id);
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id, &r1));
	EXPECT_EQ(0, r1);
	once += replies(evs, n, id, &r1) == 1;
	EXPECT_EQ((int)TAPI_CALLSTATE_ACCEPTED, call_state(self->b, cb));
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, SYNC));
	EXPECT_EQ((int)TAPI_CALLSTATE_CONNECTED, call_state(self->b, cb));
	EXPECT_EQ(0, hang_up(self, cb, cm));
	li = mb_count(&self->card, "lie");
	EXPECT_EQ(2, li.injected);
	EXPECT_LE(1, klog_count(&self->log,
				"after it was answered, taken as answered"));

	/* badreturn: a positive return is a refusal, -EIO; no reply. */
	ASSERT_EQ(0, misbehave(self, "badreturn"));
	ASSERT_EQ(0, offer(self, &cb, &cm));
	EXPECT_EQ(-EIO, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0));
	/* Nothing happened: no reply, no state. */
	EXPECT_EQ(0, collect(self->b, evs, 64, QUIET));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(self->b, cb));
	ASSERT_EQ(0, misbehave(self, "none"));
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, SYNC));
	EXPECT_EQ(0, hang_up(self, cb, cm));
	bret = mb_count(&self->card, "badreturn");
	EXPECT_EQ(1, bret.injected);
	EXPECT_LE(1, klog_count(&self->log,
				"operation returned 1, taken as -5"));

	figures("twice: %d second completions injected, ignored; badresult: %d, taken as EIO; lie: %d refusals of requests already answered, the answer kept; badreturn: %d, taken as EIO; %d async requests checked, each with exactly one reply\n",
		tw.injected, br.injected, li.injected, bret.injected, once);
	EXPECT_EQ(5, once);
	EXPECT_NO_SPLAT(self);
}

/*
 * never: requests taken on and never completed.  The core answers each
 * once: -ECANCELED when the call goes idle, nothing when the fd is gone
 * (the call is dropped), -ENODEV when the card goes away.
 */
TEST_F(mb, never_completed)
{
	struct tapi_event evs[64];
	int r_ans = 1, r_drop = 1, id_ans, id_drop, n, i, removed = 0;
	uint32_t cb, cm;
	struct mb_count nv;
	char calls[512];

	ASSERT_EQ(0, misbehave(self, "never"));

	/* The application drops the call: its answer is cancelled. */
	ASSERT_EQ(0, offer(self, &cb, &cm));
	id_ans = call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0);
	ASSERT_LT(0, id_ans);
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(0, replies(evs, n, id_ans, &r_ans));
	id_drop = call_op(self->b, TAPI_IOC_CALL_DROP, cb, 0);
	ASSERT_LT(0, id_drop);
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id_drop, &r_drop));
	EXPECT_EQ(0, r_drop);
	EXPECT_EQ(1, replies(evs, n, id_ans, &r_ans));
	EXPECT_EQ(-ECANCELED, r_ans);
	EXPECT_EQ(0, hang_up(self, cb, cm));

	/* The line fd goes with its request: the core drops the call. */
	ASSERT_EQ(0, offer(self, &cb, &cm));
	ASSERT_LT(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0));
	close(self->b);
	self->b = -1;
	EXPECT_EQ(1, ev_wait_state(self->mon, cm, TAPI_CALLSTATE_IDLE,
				   &evs[0], T));
	EXPECT_EQ(0, call_dealloc(self->mon, cm));
	ASSERT_LE(0, sim_card_get(&self->card, "calls", calls,
				  sizeof(calls)));
	EXPECT_STREQ("", calls);
	self->b = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, self->b);

	/* The card goes away: -ENODEV, then the removal. */
	ASSERT_EQ(0, offer(self, &cb, &cm));
	id_ans = call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0);
	ASSERT_LT(0, id_ans);
	nv = mb_count(&self->card, "never");
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	n = collect(self->b, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id_ans, &r_ans));
	EXPECT_EQ(-ENODEV, r_ans);
	for (i = 0; i < n; i++) {
		if (evs[i].type == TAPI_EV_REMOVED)
			removed = i;
		if (evs[i].type == TAPI_EV_REPLY)
			EXPECT_EQ(0, removed);
	}
	EXPECT_LT(0, removed);
	EXPECT_EQ(3, nv.injected);
	figures("never: %d requests never completed; the core answered one with ECANCELED (call dropped), let one go with its fd (call dropped by the core), answered one with ENODEV (card removed); no second reply\n",
		nv.injected);
	EXPECT_NO_SPLAT(self);
}

/*
 * irq, hrtimer, timer: states, completions and digits from hard IRQ and
 * timer context, the three in turn.  Everything as with a good card.
 */
TEST_F(mb, other_contexts)
{
	struct tapi_monitor_digits md = { .size = sizeof(md) };
	struct tapi_line_pickup p = { .size = sizeof(p), .flags = SYNC };
	struct mb_count irq, hrt, tim, wrong;
	uint32_t ca, cb, digits = 0;
	struct tapi_event evs[64];
	int id, r = 1, n, i;

	ASSERT_EQ(0, misbehave(self, "irq hrtimer timer"));
	ASSERT_EQ(0, call_connect(self->a, self->b, "2001", false, &ca, &cb,
				  T));
	id = call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0);
	ASSERT_LT(0, id);
	EXPECT_EQ(0, reply_of(self->b, id));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_CONNECTED,
				   &evs[0], T));
	md.call = cb;
	md.digit_modes = TAPI_DIGITMODE_DTMF;
	ASSERT_EQ(0, tapi_ioctl(self->b, TAPI_IOC_CALL_MONITOR_DIGITS, &md));
	ASSERT_EQ(0, sim_network(&self->card, 1, "digits 123"));
	n = collect(self->b, evs, 64, QUIET);
	for (i = 0; i < n; i++)
		digits += evs[i].type == TAPI_EV_MONITORDIGITS;
	EXPECT_EQ(3u, digits);
	/*
	 * A request that creates a call and fails: the core makes the new
	 * call idle where the card completes it.
	 */
	snprintf(p.dest, sizeof(p.dest), "2002");
	EXPECT_EQ(-ESRCH, tapi_ioctl(self->a, TAPI_IOC_LINE_PICKUP, &p));
	id = call_op(self->a, TAPI_IOC_CALL_DROP, ca, 0);
	ASSERT_LT(0, id);
	n = collect(self->a, evs, 64, QUIET);
	EXPECT_EQ(1, replies(evs, n, id, &r));
	EXPECT_EQ(0, r);
	EXPECT_EQ(1, ev_wait_state(self->b, cb, TAPI_CALLSTATE_DISCONNECTED,
				   &evs[0], T));
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_DROP, cb, SYNC));
	EXPECT_EQ((int)TAPI_CALLSTATE_IDLE, call_state(self->a, ca));
	EXPECT_EQ(0, call_dealloc(self->a, ca));
	EXPECT_EQ(0, call_dealloc(self->b, cb));

	irq = mb_count(&self->card, "irq");
	hrt = mb_count(&self->card, "hrtimer");
	tim = mb_count(&self->card, "timer");
	wrong = mb_count(&self->card, "wrongctx");
	EXPECT_LT(0, irq.injected);
	EXPECT_LT(0, hrt.injected);
	EXPECT_LT(0, tim.injected);
	EXPECT_EQ(0, irq.refused + hrt.refused + tim.refused);
	EXPECT_EQ(0, wrong.injected);
	figures("contexts: %d reports and completions from hard IRQ (irq_work), %d from an hrtimer (hard), %d from a timer_list, %d elsewhere; %d refused; the applications saw every state, reply and digit\n",
		irq.injected, hrt.injected, tim.injected, wrong.injected,
		irq.refused + hrt.refused + tim.refused);
	EXPECT_NO_SPLAT(self);
}

/*
 * ghost: reports about calls that are idle and deallocated by every
 * application, then the bogus command: offers where the card has no
 * line, address or related call, NULL calls and requests, sleeping
 * helpers under a spinlock.  All refused, nothing reaches anyone.
 */
TEST_F(mb, ghosts_and_bogus)
{
	struct mb_count gh, gm, bo, bv;
	struct tapi_event ev;
	uint32_t cb, cm, cl;
	char story[2048];

	ASSERT_EQ(0, misbehave(self, "ghost"));
	ASSERT_EQ(0, call_story(self, story, sizeof(story)));
	ASSERT_EQ(0, offer(self, &cb, &cm));
	EXPECT_EQ(0, hang_up(self, cb, cm));
	/* A live call on line 0, for the reports about it. */
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 5551111"));
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_NEWCALL, 0, &ev, T));
	cl = ev.call;
	ev_drain(self->a);
	ev_drain(self->b);
	ev_drain(self->mon);

	ASSERT_EQ(0, sim_network(&self->card, 0, "bogus"));
	EXPECT_EQ(0, ev_read(self->a, &ev, QUIET));
	EXPECT_EQ(0, ev_read(self->b, &ev, 0));
	EXPECT_EQ(0, ev_read(self->mon, &ev, 0));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(self->a, cl));
	EXPECT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, cl, SYNC));
	EXPECT_EQ(0, call_dealloc(self->a, cl));

	gh = mb_count(&self->card, "ghost");
	gm = mb_count(&self->card, "ghostmedia");
	bo = mb_count(&self->card, "bogus");
	bv = mb_count(&self->card, "bogusvoid");
	/* A's call, B's, and the one offered: twelve reports each. */
	EXPECT_EQ(36, gh.injected);
	EXPECT_EQ(gh.injected, gh.refused);
	EXPECT_EQ(9, gm.injected);
	EXPECT_EQ(14, bo.injected);
	EXPECT_EQ(bo.injected, bo.refused);
	EXPECT_EQ(5, bv.injected);
	EXPECT_EQ(3, klog_count(&self->log, ": idle -> connected (mode 0x0) refused"));
	EXPECT_EQ(1, klog_count(&self->log, "call offered on line 1000 of 3, refused"));
	EXPECT_EQ(3, klog_count(&self->log, "line 0: bad call offer, refused"));
	EXPECT_EQ(1, klog_count(&self->log, "call offered from atomic context, refused"));
	EXPECT_EQ(1, klog_count(&self->log, "unregistered from atomic context, refused"));
	EXPECT_EQ(1, klog_count(&self->log, "NULL request completed, refused"));
	EXPECT_EQ(2, klog_count(&self->log, "bad forwarding of line"));
	EXPECT_EQ(2, klog_count(&self->log, "device state"));
	EXPECT_EQ(1, klog_count(&self->log, "is no other call of the card, refused"));
	EXPECT_EQ(1, klog_count(&self->log, "G.711 media in format"));
	figures("ghost: %d reports about 3 idle, deallocated calls injected, %d refused, %d media calls ignored; bogus: %d injected, %d refused, %d more with nothing to return; no event reached an application\n",
		gh.injected, gh.refused, gm.injected, bo.injected, bo.refused,
		bv.injected);
	EXPECT_NO_SPLAT(self);
}

/*
 * unregister: the card unregisters itself from inside line_open,
 * line_close and its call operations, and offers a call from line_open.
 * Refused (-EDEADLK), the card stays and works; then it goes away for
 * real, with the same mistakes in the line_close its removal calls.
 */
TEST_F(mb, unregister_in_callback)
{
	struct tapi_card_info info;
	struct mb_count un, before;
	uint32_t cb, cm;
	char path[64];
	int l2;

	ASSERT_EQ(0, misbehave(self, "unregister"));
	l2 = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, l2);
	close(l2);
	ASSERT_EQ(0, offer(self, &cb, &cm));
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, SYNC));
	EXPECT_EQ((int)TAPI_CALLSTATE_CONNECTED, call_state(self->b, cb));
	EXPECT_EQ(0, hang_up(self, cb, cm));
	EXPECT_EQ(0, tapi_card_info(self->card_fd, &info));
	un = mb_count(&self->card, "unregister");
	/* line_open: two; line_close, answer, drop: one each. */
	EXPECT_EQ(5, un.injected);
	EXPECT_EQ(un.injected, un.refused);
	EXPECT_EQ(4, klog_count(&self->log,
				"unregistered from inside its own callback, refused"));
	EXPECT_EQ(1, klog_count(&self->log,
				"call offered from line_open or line_close, refused"));

	/* The real removal: line_close for lines 0 and 1 try it too. */
	before = un;
	snprintf(path, sizeof(path), "%s", self->card.dev_path);
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	EXPECT_TRUE(sim_wait_path(path, false, T));
	un = mb_count(&self->card, "unregister");
	EXPECT_EQ(before.injected + 2, un.injected);
	EXPECT_EQ(un.injected, un.refused);
	EXPECT_EQ(-ENODEV, tapi_card_info(self->card_fd, &info));
	figures("unregister: %d calls of tapi_card_unregister() and tapi_call_offer() from inside callbacks injected, %d refused with EDEADLK; the card stayed until it was removed\n",
		un.injected, un.refused);
	EXPECT_NO_SPLAT(self);
}

TEST_HARNESS_MAIN
