// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency stress: for a fixed time budget (-t SECONDS or
 * STRESS_SECONDS; 60 s, on the debug kernel too, where setting up,
 * tearing down and the kmemleak scan add about a minute), 8 workers each
 * drive a sim card of 4 lines, owner fds on every line, through calls: make, answer, reject, drop,
 * hold and unhold, consultation transfer (completed as a transfer or as a
 * conference), blind transfer, conference, deallocation; asynchronous
 * requests mostly, %TAPI_REQUEST_SYNC a quarter of the time.  Around
 * them, at the same time:
 *
 * - per worker, an event reader that reads its 4 line fds and every now
 *   and then stalls (sleeps without reading), so that small event queues
 *   (-q DEPTH or STRESS_QUEUE_DEPTH; by default each line fd gets 4,
 *   16, 64 or 256) overflow;
 * - per worker, an MSP that opens media fds on the worker's connected
 *   calls, maps their rings, moves frames, and unmaps and closes them;
 * - a closer that closes line and media fds the other threads hold;
 * - a card cycler that takes a worker's card down, sometimes removes it
 *   from configfs, and brings it back (with another reply_delay_ms).
 *
 * The closer closes an fd by dup2()ing /dev/null over it: the tapi file
 * is closed as by close() while the fd number stays taken, so that no
 * thread using the number can reach a file opened since.  Only the thread
 * that owns an fd (the reader for line fds, the MSP for media fds) frees
 * the number, once nobody is in a call on it.
 *
 * Checks:
 * 1. every thread ends (a watchdog), and the run did work;
 * 2. every request id an ioctl returned gets exactly one %TAPI_EV_REPLY
 *    on its fd: never two, never one for an id not outstanding, and none
 *    lost.  A reply may only be missing when its fd was closed under it
 *    (by the closer), which is counted as accounted for by the close;
 *    when the card goes away every outstanding request must have its
 *    reply (%ENODEV) before read() fails with %ENODEV; and before a worker
 *    closes its own fds it waits for every reply;
 * 3. replies come in seqno order on every fd;
 * 4. nothing is left: no tapi fd, no card, module references as before;
 * 5. with kmemleak, a scan shows nothing of tapi.
 *
 * The figures (operations per kind and errno, calls per kind, replies,
 * events, overflows, media, closes, card cycles) are printed at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "calls.h"
#include "media.h"

#define WORKERS		8
#define LINES		4
#define MAXOUT		256	/* outstanding requests tracked per fd */
#define MAXEARLY	8	/* replies read before their ioctl returned */
#define MAXOFFERED	16	/* NEWCALL handles waiting for the worker */
#define ERRNO_MAX	134	/* errno buckets; the last is "other" */
#define SECS_STOCK	60
#define SECS_DEBUG	60
#define FAILS		16	/* failure messages kept */

enum row {
	R_LINE_OPEN, R_MAKE, R_ANSWER, R_DROP, R_DEALLOC, R_DIAL, R_HOLD,
	R_UNHOLD, R_SETUP_TRANSFER, R_COMPLETE_TRANSFER, R_BLIND_TRANSFER,
	R_SETUP_CONF, R_ADD_TO_CONF, R_MEDIA_OPEN, R_ROWS
};

static const char *const row_names[R_ROWS] = {
	"line open", "make call", "answer", "drop", "deallocate", "dial",
	"hold", "unhold", "setup transfer", "complete transfer",
	"blind transfer", "setup conference", "add to conference",
	"media open",
};

enum kind { K_PLAIN, K_HOLD, K_TRANSFER, K_BLIND, K_CONF, K_KINDS };

static const char *const kind_names[K_KINDS] = {
	"plain", "hold/unhold", "consultation transfer", "blind transfer",
	"conference",
};

/* Who may use a line fd: see slot_get() and the reader. */
enum slot_state {
	S_FREE,		/* no fd */
	S_LIVE,		/* open, in use */
	S_DEAD,		/* closed (dup2 of /dev/null) or the card is gone */
};

/**
 * struct slot - one line fd of a worker
 * @lock: protects everything below
 * @state: &enum slot_state
 * @fd: the fd number while not S_FREE
 * @users: threads in a call on @fd; the reader frees the number at 0
 * @out: request ids waiting for their reply
 * @early: replies read while a request's ioctl had not returned yet
 * @early_result: their results
 * @refused: the last request ids asynchronous ioctls wrote back and
 *	failed with (to name them when a reply comes for one)
 * @refused_err: those ioctls' errors
 * @offered: handles of NEWCALLs, oldest first, for the worker
 * @last_seq: seqno of the last sequenced record read
 * @last_reply_seq: seqno of the last reply read
 * @media_call: a connected call of the worker's, for the MSP (0: none)
 */
struct slot {
	pthread_mutex_t lock;
	enum slot_state state;
	int fd;
	unsigned int users;
	uint32_t out[MAXOUT];
	unsigned int nout;
	uint32_t early[MAXEARLY];
	int32_t early_result[MAXEARLY];
	unsigned int nearly;
	uint32_t refused[MAXEARLY];
	int refused_err[MAXEARLY];
	uint8_t refused_row[MAXEARLY];
	unsigned int nrefused;
	uint32_t offered[MAXOFFERED];
	unsigned int noffered;
	uint32_t last_seq;
	uint32_t last_reply_seq;
	uint32_t media_call;
};

/* The MSP's media fd, which the closer may close under it. */
struct mslot {
	pthread_mutex_t lock;
	enum slot_state state;
	int fd;
};

struct worker {
	unsigned int id;
	pthread_t thread, reader, msp;
	uint64_t rng, rng_reader, rng_msp;
	/* The card: the cycler changes it under card_lock. */
	pthread_mutex_t card_lock;
	struct sim_card card;
	bool card_up;
	unsigned int card_gen;
	/* The worker's own. */
	int card_fd;
	unsigned int fd_gen;
	bool gone;
	struct slot s[LINES];
	struct mslot m;
	volatile bool done;
};

struct stats {
	uint64_t ops[R_ROWS][2][ERRNO_MAX];	/* [row][sync][errno] */
	uint64_t calls[K_KINDS][3];		/* started, connected, done */
	uint64_t ids, replies, by_close, lost, unknown, overfull;
	uint64_t reply_err[ERRNO_MAX];
	uint64_t events, overflows, ev_lost, stalls, disorder, reply_disorder;
	uint64_t removed_seen;
	uint64_t media_opens, frames_tx, frames_rx;
	uint64_t close_line, close_media;
	uint64_t card_down, card_rmdir, card_up, card_err;
	uint64_t recycles;
	char fails[FAILS][160];
	unsigned int nfails;
};

static struct stats st;
static pthread_mutex_t fail_lock = PTHREAD_MUTEX_INITIALIZER;
static struct worker workers[WORKERS];
static volatile bool stop;
static int devnull = -1;
static unsigned int queue_depth;	/* -q; 0: a mix */
static int tmo_ms = 1000;	/* how long a step of a call may take */
static int drain_ms = 5000;	/* how long replies may take to come */
static int stall_ms = 300;	/* longest reader stall */
static int valid_ms = 200;	/* how long a new handle may take to be valid */
static int cycle_ms = 200;	/* shortest time between two card cycles */

#define ADD(x, n)	__atomic_fetch_add(&(x), (n), __ATOMIC_RELAXED)

static enum slot_state state_of(const struct slot *s)
{
	return __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
}

static uint32_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint32_t)(*s >> 16);
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&fail_lock);
	if (st.nfails < FAILS) {
		va_start(ap, fmt);
		vsnprintf(st.fails[st.nfails], sizeof(st.fails[0]), fmt, ap);
		va_end(ap);
	}
	st.nfails++;
	pthread_mutex_unlock(&fail_lock);
}

static unsigned int errno_bucket(int err)
{
	return err > 0 && err < ERRNO_MAX - 1 ? err : err ? ERRNO_MAX - 1 : 0;
}

/* ---- line fd slots ------------------------------------------------------ */

/* Take @s for a call on its fd: -EBADF when it has none. */
static int slot_get(struct slot *s, int *fd)
{
	int ret = -EBADF;

	pthread_mutex_lock(&s->lock);
	if (s->state == S_LIVE) {
		s->users++;
		*fd = s->fd;
		ret = 0;
	}
	pthread_mutex_unlock(&s->lock);
	return ret;
}

/* Remove @id from @ids (@n of them); true if it was there. */
static bool id_take(uint32_t *ids, int32_t *results, unsigned int *n,
		    uint32_t id)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		if (ids[i] == id) {
			ids[i] = ids[--*n];
			if (results)
				results[i] = results[*n];
			return true;
		}
	}
	return false;
}

/* A reply to no outstanding id: say what is known of it.  Lock held. */
static void reply_unknown(struct slot *s, unsigned int wid, uint32_t id,
			  int32_t result)
{
	unsigned int i;

	ADD(st.unknown, 1);
	for (i = 0; i < s->nrefused; i++) {
		if (s->refused[i] == id) {
			fail("worker %u: reply (%s) for request id %u, whose ioctl (%s) failed with %s",
			     wid, strerrorname_np(-result) ?: "0", id,
			     row_names[s->refused_row[i]],
			     strerrorname_np(s->refused_err[i]) ?: "?");
			return;
		}
	}
	fail("worker %u: reply (%s) for request id %u, not outstanding",
	     wid, strerrorname_np(-result) ?: "0", id);
}

/*
 * Done with @s after slot_get(); @id > 0 is a request id the ioctl
 * returned, whose reply is now expected; else, with @rid, the ioctl
 * failed with -@id after writing back request id @rid.
 */
static void slot_put(struct slot *s, int id, uint32_t rid, enum row row,
		     unsigned int wid)
{
	unsigned int i;

	pthread_mutex_lock(&s->lock);
	s->users--;
	if (id < 0 && rid) {
		s->refused[s->nrefused % MAXEARLY] = rid;
		s->refused_err[s->nrefused % MAXEARLY] = -id;
		s->refused_row[s->nrefused % MAXEARLY] = row;
		if (++s->nrefused == 2 * MAXEARLY)
			s->nrefused = MAXEARLY;
	}
	if (id > 0) {
		ADD(st.ids, 1);
		if (id_take(s->early, s->early_result, &s->nearly, id)) {
			ADD(st.replies, 1);
		} else if (s->state != S_LIVE) {
			/* closed under the request, or the card went */
			ADD(st.by_close, 1);
		} else if (s->nout == MAXOUT) {
			fail("worker %u: more than %d requests outstanding",
			     wid, MAXOUT);
			ADD(st.overfull, 1);
		} else {
			s->out[s->nout++] = id;
		}
	}
	if (!s->users) {
		for (i = 0; i < s->nearly; i++)
			reply_unknown(s, wid, s->early[i], s->early_result[i]);
		s->nearly = 0;
	}
	pthread_mutex_unlock(&s->lock);
}

/* Close @s's fd under whoever uses it; true if it had one. */
static bool slot_revoke(struct slot *s)
{
	bool done = false;

	pthread_mutex_lock(&s->lock);
	if (s->state == S_LIVE) {
		if (dup2(devnull, s->fd) < 0)
			fail("dup2: %s", strerror(errno));
		s->state = S_DEAD;
		done = true;
	}
	pthread_mutex_unlock(&s->lock);
	return done;
}

/*
 * Wait until every request of @s has its reply (or the fd went); the
 * replies still missing after drain_ms are lost.
 */
static void slot_drain(struct worker *w, unsigned int li)
{
	struct slot *s = &w->s[li];
	uint64_t end = now_ns() + drain_ms * 1000000ull;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		if (s->state != S_LIVE || !s->nout) {
			pthread_mutex_unlock(&s->lock);
			return;
		}
		if (now_ns() > end) {
			fail("worker %u line %u: %u replies lost (first id %u)",
			     w->id, li, s->nout, s->out[0]);
			ADD(st.lost, s->nout);
			s->nout = 0;
			pthread_mutex_unlock(&s->lock);
			return;
		}
		pthread_mutex_unlock(&s->lock);
		usleep(1000);
	}
}

/* ---- requests ------------------------------------------------------------ */

static void count_op(enum row row, int ret, bool sync)
{
	ADD(st.ops[row][sync][errno_bucket(ret < 0 ? -ret : 0)], 1);
}

/*
 * ioctl @cmd with @arg (a request structure: size, flags, ...) on line
 * @li; an asynchronous request's id is expected back as a reply.
 * Return: the ioctl's result, -EBADF when the line has no fd now.
 */
static int req(struct worker *w, unsigned int li, enum row row,
	       unsigned long cmd, void *arg, const uint32_t *rid)
{
	bool sync = ((uint32_t *)arg)[1] & TAPI_REQUEST_SYNC;
	struct slot *s = &w->s[li];
	int fd, ret;

	if (slot_get(s, &fd))
		return -EBADF;
	ret = ioctl(fd, cmd, arg);
	if (ret < 0)
		ret = -errno;
	slot_put(s, sync ? 0 : ret, sync ? 0 : *rid, row, w->id);
	count_op(row, ret, sync);
	if (ret == -ENODEV)
		w->gone = true;
	return ret;
}

/* req() of a request structure @arg, with its request_id. */
#define REQ(w, li, row, cmd, arg) \
	req(w, li, row, cmd, arg, &(arg)->request_id)

static uint32_t req_flags(struct worker *w)
{
	return rnd(&w->rng) % 4 ? 0 : TAPI_REQUEST_SYNC;
}

static int do_call_op(struct worker *w, unsigned int li, enum row row,
		      unsigned long cmd, uint32_t call)
{
	struct tapi_call_request r = {
		.size = sizeof(r), .flags = req_flags(w), .call = call,
	};

	return REQ(w, li, row, cmd, &r);
}

static int do_dial(struct worker *w, unsigned int li, enum row row,
		   unsigned long cmd, uint32_t call, unsigned int to)
{
	struct tapi_call_dial d = {
		.size = sizeof(d), .flags = req_flags(w), .call = call,
	};

	sim_default_number(&w->card, to, d.digits, sizeof(d.digits));
	return REQ(w, li, row, cmd, &d);
}

static int do_dealloc(struct worker *w, unsigned int li, uint32_t call)
{
	struct tapi_call_dealloc d = { .size = sizeof(d), .call = call };
	int fd, ret;

	if (slot_get(&w->s[li], &fd))
		return -EBADF;
	ret = ioctl(fd, TAPI_IOC_CALL_DEALLOCATE, &d) ? -errno : 0;
	slot_put(&w->s[li], 0, 0, 0, w->id);
	count_op(R_DEALLOC, ret, false);
	return ret;
}

/* The state of @call on line @li once it is in @mask: or -errno. */
static int wait_state_ms(struct worker *w, unsigned int li, uint32_t call,
			 uint32_t mask, int ms)
{
	uint64_t end = now_ns() + ms * 1000000ull;
	int fd, state;

	for (;;) {
		if (slot_get(&w->s[li], &fd))
			return -EBADF;
		state = call_state(fd, call);
		slot_put(&w->s[li], 0, 0, 0, w->id);
		if (state == -ENODEV)
			w->gone = true;
		/* a placed call's handle is not valid before its reply */
		if (state < 0 && state != -ENOENT)
			return state;
		if (state > 0 && (state & mask))
			return state;
		if (now_ns() > end || stop)
			return -ETIMEDOUT;
		usleep(1000);
	}
}

static int wait_state(struct worker *w, unsigned int li, uint32_t call,
		      uint32_t mask)
{
	return wait_state_ms(w, li, call, mask, tmo_ms);
}

/* The oldest handle NEWCALL gave line @li, waiting for one; 0 if none. */
static uint32_t take_offered(struct worker *w, unsigned int li, int ms)
{
	uint64_t end = now_ns() + ms * 1000000ull;
	struct slot *s = &w->s[li];
	uint32_t call = 0;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		if (s->noffered) {
			call = s->offered[0];
			memmove(s->offered, s->offered + 1,
				--s->noffered * sizeof(s->offered[0]));
		}
		pthread_mutex_unlock(&s->lock);
		if (call || now_ns() > end || stop || state_of(s) != S_LIVE)
			return call;
		usleep(1000);
	}
}

/* ---- the worker ----------------------------------------------------------- */

/* Open the card (again) and the 4 lines; 0 or -errno. */
static int lines_open(struct worker *w)
{
	static const unsigned int depths[] = { 4, 16, 64, 256 };
	unsigned int li;
	int ret, fd;

	pthread_mutex_lock(&w->card_lock);
	if (!w->card_up) {
		pthread_mutex_unlock(&w->card_lock);
		return -EAGAIN;
	}
	if (w->card_fd >= 0 && w->fd_gen != w->card_gen) {
		close(w->card_fd);
		w->card_fd = -1;
	}
	if (w->card_fd < 0) {
		w->card_fd = sim_card_open(&w->card);
		w->fd_gen = w->card_gen;
	}
	pthread_mutex_unlock(&w->card_lock);
	if (w->card_fd < 0)
		return w->card_fd;
	w->gone = false;
	for (li = 0; li < LINES; li++) {
		struct tapi_line_open lo = {
			.flags = TAPI_LINE_OPEN_NONBLOCK |
				 TAPI_LINE_OPEN_CLOEXEC,
			.line = li,
			.privileges = TAPI_PRIV_OWNER,
			.media_modes = TAPI_MEDIA_INTERACTIVEVOICE,
			.event_queue_depth = queue_depth ?:
				depths[rnd(&w->rng) % 4],
		};
		struct slot *s = &w->s[li];

		/* the reader frees the last fd of the slot */
		while (state_of(s) != S_FREE)
			usleep(1000);
		fd = tapi_open_line_args(w->card_fd, &lo);
		count_op(R_LINE_OPEN, fd, false);
		if (fd < 0) {
			ret = fd;
			if (ret == -ENODEV)
				w->gone = true;
			return ret;
		}
		pthread_mutex_lock(&s->lock);
		s->fd = fd;
		s->state = S_LIVE;
		s->nout = s->nearly = s->noffered = s->nrefused = 0;
		s->last_seq = s->last_reply_seq = 0;
		s->media_call = 0;
		pthread_mutex_unlock(&s->lock);
	}
	return 0;
}

/*
 * Close the worker's line fds, after waiting for their replies (unless
 * the card is gone: the reader sees those out), and wait until the
 * reader has freed them.
 */
static void lines_close(struct worker *w)
{
	uint64_t end = now_ns() + drain_ms * 1000000ull;
	unsigned int li, open = 0;

	for (li = 0; li < LINES; li++) {
		if (state_of(&w->s[li]) == S_FREE)
			continue;
		open++;
		if (w->gone)
			continue;
		slot_drain(w, li);
		slot_revoke(&w->s[li]);
	}
	for (li = 0; li < LINES; li++) {
		while (state_of(&w->s[li]) != S_FREE) {
			/* the reader must see the removal out, or give up */
			if (now_ns() > end && slot_revoke(&w->s[li]))
				fail("worker %u line %u: card gone, read() never failed with ENODEV",
				     w->id, li);
			usleep(1000);
		}
	}
	if (w->gone && w->card_fd >= 0) {
		close(w->card_fd);
		w->card_fd = -1;
	}
	if (open)
		ADD(st.recycles, 1);
}

static bool lines_ok(struct worker *w)
{
	unsigned int li;

	if (w->gone)
		return false;
	for (li = 0; li < LINES; li++)
		if (state_of(&w->s[li]) != S_LIVE)
			return false;
	return true;
}

struct handle {
	unsigned int li;
	uint32_t call;
};

/* Drop every handle of @h, then deallocate them, and the leftovers. */
static void hang_up(struct worker *w, struct handle *h, unsigned int n)
{
	unsigned int i, li;
	uint32_t call;

	for (i = 0; i < n; i++) {
		if (!h[i].call)
			continue;
		/* a new handle is valid once its request's reply came */
		if (do_call_op(w, h[i].li, R_DROP, TAPI_IOC_CALL_DROP,
			       h[i].call) == -ENOENT &&
		    wait_state_ms(w, h[i].li, h[i].call, TAPI_CALLSTATE_VALID,
				  valid_ms) > 0)
			do_call_op(w, h[i].li, R_DROP, TAPI_IOC_CALL_DROP,
				   h[i].call);
	}
	for (i = 0; i < n; i++) {
		if (!h[i].call)
			continue;
		if (wait_state_ms(w, h[i].li, h[i].call, TAPI_CALLSTATE_IDLE,
				  valid_ms) != -ETIMEDOUT)
			do_dealloc(w, h[i].li, h[i].call);
	}
	/* calls offered that no step took (late, or a stale handle) */
	for (li = 0; li < LINES; li++) {
		while ((call = take_offered(w, li, 0))) {
			do_call_op(w, li, R_DROP, TAPI_IOC_CALL_DROP, call);
			wait_state(w, li, call, TAPI_CALLSTATE_IDLE);
			do_dealloc(w, li, call);
		}
	}
}

/*
 * Dial consultation call @cons of line @x to line @z, answer it there
 * (its handle in @hz) and wait until @cons is connected.
 */
static bool consult(struct worker *w, unsigned int x, uint32_t cons,
		    unsigned int z, struct handle *hz)
{
	if (wait_state(w, x, cons, TAPI_CALLSTATE_DIALTONE) < 0 ||
	    do_dial(w, x, R_DIAL, TAPI_IOC_CALL_DIAL, cons, z) < 0)
		return false;
	*hz = (struct handle){ z, take_offered(w, z, tmo_ms) };
	return hz->call &&
	       do_call_op(w, z, R_ANSWER, TAPI_IOC_CALL_ANSWER,
			  hz->call) >= 0 &&
	       wait_state(w, x, cons, TAPI_CALLSTATE_CONNECTED) > 0;
}

static void scenario(struct worker *w)
{
	enum kind kind = rnd(&w->rng) % K_KINDS;
	unsigned int x = rnd(&w->rng) % LINES, y, z;
	struct tapi_call_make m = {
		.size = sizeof(m), .flags = req_flags(w),
	};
	struct handle h[5] = {};
	uint32_t cons = 0, conf = 0;
	bool ok = false;
	int ret;

	y = (x + 1 + rnd(&w->rng) % (LINES - 1)) % LINES;
	do {
		z = rnd(&w->rng) % LINES;
	} while (z == x || z == y);
	ADD(st.calls[kind][0], 1);

	sim_default_number(&w->card, y, m.dest, sizeof(m.dest));
	ret = REQ(w, x, R_MAKE, TAPI_IOC_CALL_MAKE, &m);
	if (ret < 0)
		goto out;
	h[0] = (struct handle){ x, m.call };
	h[1] = (struct handle){ y, take_offered(w, y, tmo_ms) };
	if (!h[1].call)
		goto out;
	if (!(rnd(&w->rng) % 8))
		goto out;	/* rejected: dropped while offered */
	if (do_call_op(w, y, R_ANSWER, TAPI_IOC_CALL_ANSWER, h[1].call) < 0 ||
	    wait_state(w, x, h[0].call, TAPI_CALLSTATE_CONNECTED) < 0)
		goto out;
	ADD(st.calls[kind][1], 1);
	w->s[x].media_call = h[0].call;
	w->s[y].media_call = h[1].call;
	usleep(rnd(&w->rng) % 3000);

	switch (kind) {
	case K_PLAIN:
		ok = true;
		break;
	case K_HOLD:
		ok = do_call_op(w, x, R_HOLD, TAPI_IOC_CALL_HOLD,
				h[0].call) >= 0 &&
		     wait_state(w, x, h[0].call, TAPI_CALLSTATE_ONHOLD) > 0 &&
		     do_call_op(w, x, R_UNHOLD, TAPI_IOC_CALL_UNHOLD,
				h[0].call) >= 0 &&
		     wait_state(w, x, h[0].call,
				TAPI_CALLSTATE_CONNECTED) > 0;
		break;
	case K_TRANSFER: {
		struct tapi_call_consult c = {
			.size = sizeof(c), .flags = req_flags(w),
			.call = h[0].call,
		};
		struct tapi_call_complete_transfer t = {
			.size = sizeof(t), .flags = req_flags(w),
			.call = h[0].call,
		};

		if (REQ(w, x, R_SETUP_TRANSFER, TAPI_IOC_CALL_SETUP_TRANSFER,
			&c) < 0)
			break;
		cons = c.consult;
		h[2] = (struct handle){ x, cons };
		if (!consult(w, x, cons, z, &h[3]))
			break;
		if (rnd(&w->rng) % 3 == 0)
			t.flags |= TAPI_COMPLETE_TRANSFER_CONFERENCE;
		t.consult = cons;
		ret = REQ(w, x, R_COMPLETE_TRANSFER,
			  TAPI_IOC_CALL_COMPLETE_TRANSFER, &t);
		if (t.conf)
			h[4] = (struct handle){ x, t.conf };
		ok = ret >= 0;
		break;
	}
	case K_BLIND:
		if (do_dial(w, x, R_BLIND_TRANSFER,
			    TAPI_IOC_CALL_BLIND_TRANSFER, h[0].call, z) < 0)
			break;
		h[3] = (struct handle){ z, take_offered(w, z, tmo_ms) };
		ok = h[3].call &&
		     do_call_op(w, z, R_ANSWER, TAPI_IOC_CALL_ANSWER,
				h[3].call) >= 0;
		break;
	case K_CONF: {
		struct tapi_call_setup_conf sc = {
			.size = sizeof(sc), .flags = req_flags(w),
			.call = h[0].call,
		};
		struct tapi_call_pair p = {
			.size = sizeof(p), .flags = req_flags(w),
		};

		if (REQ(w, x, R_SETUP_CONF, TAPI_IOC_CALL_SETUP_CONF,
			&sc) < 0)
			break;
		conf = sc.conf;
		cons = sc.consult;
		h[2] = (struct handle){ x, cons };
		h[4] = (struct handle){ x, conf };
		if (!consult(w, x, cons, z, &h[3]))
			break;
		p.call = conf;
		p.other = cons;
		ok = REQ(w, x, R_ADD_TO_CONF, TAPI_IOC_CALL_ADD_TO_CONF,
			 &p) >= 0;
		if (ok)
			w->s[x].media_call = conf;
		break;
	}
	default:
		break;
	}
	if (ok)
		ADD(st.calls[kind][2], 1);
	usleep(rnd(&w->rng) % 3000);
out:
	w->s[x].media_call = 0;
	w->s[y].media_call = 0;
	/* the far ends first half of the time */
	if (rnd(&w->rng) % 2) {
		struct handle t = h[0];

		h[0] = h[1];
		h[1] = t;
	}
	hang_up(w, h, 5);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int n = 0, li;

	while (!stop) {
		if (!lines_ok(w)) {
			lines_close(w);
			if (lines_open(w)) {
				usleep(2000);
				continue;
			}
		}
		scenario(w);
		n++;
		/* every reply must come: wait for them now and then */
		if (!(n % 8))
			for (li = 0; li < LINES; li++)
				slot_drain(w, li);
		if (!(n % 32))
			lines_close(w);
	}
	lines_close(w);
	if (w->card_fd >= 0)
		close(w->card_fd);
	w->card_fd = -1;
	w->done = true;
	return NULL;
}

/* ---- the event reader -------------------------------------------------- */

static void on_event(struct worker *w, unsigned int li, struct slot *s,
		     const struct tapi_event *ev)
{
	ADD(st.events, 1);
	if (ev->type == TAPI_EV_OVERFLOW) {
		ADD(st.overflows, 1);
		ADD(st.ev_lost, ev->param[0]);
		return;
	}
	if (ev->seqno <= s->last_seq)
		ADD(st.disorder, 1);
	s->last_seq = ev->seqno;
	switch (ev->type) {
	case TAPI_EV_REPLY:
		if (ev->seqno <= s->last_reply_seq) {
			ADD(st.reply_disorder, 1);
			fail("worker %u line %u: reply seqno %u after %u",
			     w->id, li, ev->seqno, s->last_reply_seq);
		}
		s->last_reply_seq = ev->seqno;
		ADD(st.reply_err[errno_bucket(-(int32_t)ev->param[0])], 1);
		if (id_take(s->out, NULL, &s->nout, ev->request_id)) {
			ADD(st.replies, 1);
		} else if (s->users && s->nearly < MAXEARLY) {
			s->early_result[s->nearly] = ev->param[0];
			s->early[s->nearly++] = ev->request_id;
		} else {
			reply_unknown(s, w->id, ev->request_id, ev->param[0]);
		}
		break;
	case TAPI_EV_NEWCALL:
		if (s->noffered < MAXOFFERED)
			s->offered[s->noffered++] = ev->call;
		break;
	case TAPI_EV_REMOVED:
		ADD(st.removed_seen, 1);
		break;
	default:
		break;
	}
}

/* Read what @s has queued; called with its lock held. */
static void slot_read(struct worker *w, unsigned int li, struct slot *s)
{
	struct tapi_event ev[16];
	ssize_t n;
	int i;

	for (;;) {
		n = read(s->fd, ev, sizeof(ev));
		if (n > 0) {
			for (i = 0; i < n / (ssize_t)sizeof(ev[0]); i++)
				on_event(w, li, s, &ev[i]);
			continue;
		}
		if (n < 0 && errno == ENODEV) {
			/* the card is gone: every reply came before this */
			if (s->nout) {
				fail("worker %u line %u: card removed, %u replies never came (first id %u)",
				     w->id, li, s->nout, s->out[0]);
				ADD(st.lost, s->nout);
				s->nout = 0;
			}
			s->state = S_DEAD;
		}
		return;
	}
}

static void *reader_main(void *arg)
{
	struct worker *w = arg;
	struct pollfd p[LINES];
	unsigned int li, n, map[LINES], nfree;
	struct slot *s;

	for (;;) {
		n = 0;
		nfree = 0;
		for (li = 0; li < LINES; li++) {
			s = &w->s[li];
			pthread_mutex_lock(&s->lock);
			if (s->state == S_DEAD && !s->users) {
				/* what was outstanding went with the fd */
				ADD(st.by_close, s->nout);
				s->nout = 0;
				s->nearly = 0;
				close(s->fd);
				s->fd = -1;
				s->state = S_FREE;
			}
			if (s->state == S_LIVE) {
				p[n].fd = s->fd;
				p[n].events = POLLIN;
				map[n++] = li;
			} else if (s->state == S_FREE) {
				nfree++;
			}
			pthread_mutex_unlock(&s->lock);
		}
		if (w->done && nfree == LINES)
			break;
		/* a stall: events pile up, the queue overflows */
		if (!(rnd(&w->rng_reader) % 64)) {
			ADD(st.stalls, 1);
			usleep((1 + rnd(&w->rng_reader) % stall_ms) * 1000);
		}
		if (poll(p, n, 10) <= 0)
			continue;
		for (li = 0; li < n; li++) {
			if (!p[li].revents)
				continue;
			s = &w->s[map[li]];
			pthread_mutex_lock(&s->lock);
			if (s->state == S_LIVE)
				slot_read(w, map[li], s);
			pthread_mutex_unlock(&s->lock);
		}
	}
	return NULL;
}

/* ---- the MSP --------------------------------------------------------------- */

static void *msp_main(void *arg)
{
	struct worker *w = arg;
	static const uint8_t silence[8 * 40];
	uint8_t rx[8 * 40 * 8];
	unsigned int li, i, rounds;
	struct slot *s;
	struct media m;
	uint32_t call;
	bool tx;
	int fd, ret;

	while (!stop) {
		li = rnd(&w->rng_msp) % LINES;
		s = &w->s[li];
		call = s->media_call;
		if (!call || slot_get(s, &fd)) {
			usleep(2000);
			continue;
		}
		tx = rnd(&w->rng_msp) % 2;
		ret = media_open(fd, call, tx ? TAPI_MEDIA_OPEN_TX : 0, 0, 0,
				 0, 0, &m);
		slot_put(s, 0, 0, 0, w->id);
		count_op(R_MEDIA_OPEN, ret, false);
		if (ret)
			continue;
		ADD(st.media_opens, 1);
		pthread_mutex_lock(&w->m.lock);
		w->m.fd = m.fd;
		w->m.state = S_LIVE;
		pthread_mutex_unlock(&w->m.lock);
		rounds = 1 + rnd(&w->rng_msp) % 8;
		for (i = 0; i < rounds && !stop; i++) {
			if (tx && m.mo.frame_size <= sizeof(silence) &&
			    !media_tx_queue(&m, silence,
					    media_frame_samples(&m)))
				ADD(st.frames_tx, 1);
			if (m.mo.frame_size <= sizeof(rx) / 8)
				ADD(st.frames_rx,
				    media_rx_take(&m, rx, 0,
						  8 * media_frame_samples(&m)) /
				    media_frame_samples(&m));
			usleep(2000 + rnd(&w->rng_msp) % 10000);
		}
		pthread_mutex_lock(&w->m.lock);
		media_close(&m);	/* /dev/null's fd if the closer came */
		w->m.state = S_FREE;
		pthread_mutex_unlock(&w->m.lock);
	}
	return NULL;
}

/* ---- the closer and the card cycler -------------------------------------- */

static void *closer_main(void *arg)
{
	uint64_t rng = (uintptr_t)arg;
	struct worker *w;

	while (!stop) {
		usleep(2000 + rnd(&rng) % 20000);
		w = &workers[rnd(&rng) % WORKERS];
		if (rnd(&rng) % 3) {
			if (slot_revoke(&w->s[rnd(&rng) % LINES]))
				ADD(st.close_line, 1);
			continue;
		}
		pthread_mutex_lock(&w->m.lock);
		if (w->m.state == S_LIVE) {
			if (dup2(devnull, w->m.fd) < 0)
				fail("dup2: %s", strerror(errno));
			w->m.state = S_DEAD;
			ADD(st.close_media, 1);
		}
		pthread_mutex_unlock(&w->m.lock);
	}
	return NULL;
}

/* Make @w's card: 4 lines, @delay ms reply delay, live. */
static int card_make(struct worker *w, unsigned int delay, bool again)
{
	char num[32], val[16];
	unsigned int li;
	int ret;

	ret = again ? sim_card_new_named(&w->card, w->card.name) :
		      sim_card_new(&w->card, "str");
	for (li = 0; !ret && li < LINES; li++) {
		sim_default_number(&w->card, li, num, sizeof(num));
		ret = sim_line_add(&w->card, li, num);
	}
	snprintf(val, sizeof(val), "%u", delay);
	if (!ret)
		ret = sim_card_set(&w->card, "reply_delay_ms", val);
	if (!ret)
		ret = sim_card_live(&w->card, true);
	return ret;
}

static void *cycler_main(void *arg)
{
	static const unsigned int delays[] = { 0, 0, 1, 3 };
	uint64_t rng = (uintptr_t)arg;
	struct worker *w;
	char val[16];
	int ret;

	while (!stop) {
		usleep((cycle_ms + rnd(&rng) % (3 * cycle_ms)) * 1000);
		if (stop)
			break;
		w = &workers[rnd(&rng) % WORKERS];
		pthread_mutex_lock(&w->card_lock);
		w->card_up = false;
		ret = sim_card_live(&w->card, false);
		ADD(st.card_down, 1);
		if (!ret && rnd(&rng) % 2) {
			ret = sim_card_rmdir(&w->card);
			if (!ret)
				ret = card_make(w, delays[rnd(&rng) % 4], true);
			ADD(st.card_rmdir, 1);
		} else if (!ret) {
			snprintf(val, sizeof(val), "%u", delays[rnd(&rng) % 4]);
			ret = sim_card_set(&w->card, "reply_delay_ms", val);
			if (!ret)
				ret = sim_card_live(&w->card, true);
		}
		if (ret) {
			ADD(st.card_err, 1);
			fail("card %s: cannot bring it back: %s", w->card.name,
			     strerror(-ret));
		} else {
			w->card_up = true;
			w->card_gen++;
			ADD(st.card_up, 1);
		}
		pthread_mutex_unlock(&w->card_lock);
	}
	return NULL;
}

/* ---- main: setup, watchdog, what is left, figures ------------------------ */

static void print_row(unsigned int row, bool sync)
{
	char line[1024];
	uint64_t total = 0;
	size_t len;
	int e;

	for (e = 0; e < ERRNO_MAX; e++)
		total += st.ops[row][sync][e];
	if (!total)
		return;
	len = snprintf(line, sizeof(line), "#   %-18s %-5s %8" PRIu64 ": ok %" PRIu64,
		       row_names[row], sync ? "sync" : "", total,
		       st.ops[row][sync][0]);
	for (e = 1; e < ERRNO_MAX && len < sizeof(line) - 40; e++) {
		if (st.ops[row][sync][e])
			len += snprintf(line + len, sizeof(line) - len,
					" %s %" PRIu64,
					e == ERRNO_MAX - 1 ? "other" :
					strerrorname_np(e) ?: "?",
					st.ops[row][sync][e]);
	}
	printf("%s\n", line);
}

static void print_figures(double secs, unsigned int budget)
{
	uint64_t ops = 0;
	unsigned int r, k, e;
	char line[1024];
	size_t len;

	for (r = 0; r < R_ROWS; r++)
		for (e = 0; e < ERRNO_MAX; e++)
			ops += st.ops[r][0][e] + st.ops[r][1][e];
	printf("# %u workers for %.1f s (budget %u s): %" PRIu64 " operations, %.0f/s\n",
	       WORKERS, secs, budget, ops, secs > 0 ? ops / secs : 0.0);
	printf("# calls per kind: started, connected, carried out\n");
	for (k = 0; k < K_KINDS; k++)
		printf("#   %-22s %7" PRIu64 " %7" PRIu64 " %7" PRIu64 "\n",
		       kind_names[k], st.calls[k][0], st.calls[k][1],
		       st.calls[k][2]);
	printf("# operations per kind (ok, then each errno):\n");
	for (r = 0; r < R_ROWS; r++) {
		print_row(r, false);
		print_row(r, true);
	}
	printf("# request ids %" PRIu64 ": replied %" PRIu64 ", accounted by a close %" PRIu64 ", lost %" PRIu64 "; replies to no outstanding id %" PRIu64 "\n",
	       st.ids, st.replies, st.by_close, st.lost, st.unknown);
	len = snprintf(line, sizeof(line), "# reply results: ok %" PRIu64,
		       st.reply_err[0]);
	for (e = 1; e < ERRNO_MAX && len < sizeof(line) - 40; e++)
		if (st.reply_err[e])
			len += snprintf(line + len, sizeof(line) - len,
					" %s %" PRIu64,
					e == ERRNO_MAX - 1 ? "other" :
					strerrorname_np(e) ?: "?",
					st.reply_err[e]);
	printf("%s\n", line);
	printf("# events read %" PRIu64 ", reader stalls %" PRIu64 ", overflow records %" PRIu64 " (%" PRIu64 " events dropped), records out of seqno order %" PRIu64 ", replies out of order %" PRIu64 ", fds that read REMOVED %" PRIu64 "\n",
	       st.events, st.stalls, st.overflows, st.ev_lost, st.disorder,
	       st.reply_disorder, st.removed_seen);
	printf("# media fds opened %" PRIu64 ", frames sent %" PRIu64 ", received %" PRIu64 "\n",
	       st.media_opens, st.frames_tx, st.frames_rx);
	printf("# closed under their users: line fds %" PRIu64 ", media fds %" PRIu64 "; line sets reopened %" PRIu64 "\n",
	       st.close_line, st.close_media, st.recycles);
	printf("# cards taken down %" PRIu64 " (of them removed and made again %" PRIu64 "), back up %" PRIu64 ", failed %" PRIu64 "\n",
	       st.card_down, st.card_rmdir, st.card_up, st.card_err);
}

/* A tapi fd (card, line, media) this process still has open. */
static bool tapi_fd(const char *name, const char *target, void *ctx)
{
	(void)ctx;
	if (!strstr(target, "tapi-") && strncmp(target, "/dev/tapi", 9))
		return false;
	printf("# fd %s left open: %s\n", name, target);
	return true;
}

static void usage(void)
{
	fprintf(stderr, "usage: stress_test [-t SECONDS] [-q EVENT_QUEUE_DEPTH]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	bool debug = access(SIM_KMEMLEAK, F_OK) == 0;
	unsigned int secs = debug ? SECS_DEBUG : SECS_STOCK;
	unsigned int grace = debug ? 120 : 30, i, unfinished = 0;
	pthread_t closer, cycler;
	long ref_tapi, ref_sim;
	struct timespec dl;
	int opt, left, leaks = -1, ret;
	bool leak_check, left_ok, worked;
	char prefix[32];
	const char *why;
	uint64_t t0, t_stop, t_end;
	double secs_run;

	/* the same through run_tests.sh */
	if (getenv("STRESS_SECONDS"))
		secs = strtoul(getenv("STRESS_SECONDS"), NULL, 0);
	if (getenv("STRESS_QUEUE_DEPTH"))
		queue_depth = strtoul(getenv("STRESS_QUEUE_DEPTH"), NULL, 0);
	while ((opt = getopt(argc, argv, "t:q:")) != -1) {
		switch (opt) {
		case 't':
			secs = strtoul(optarg, NULL, 0);
			break;
		case 'q':
			queue_depth = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	why = sim_unavailable();
	if (why) {
		printf("TAP version 13\n1..0 # SKIP %s\n", why);
		return 4;
	}
	if (debug) {
		tmo_ms = 5000;
		drain_ms = 20000;
		valid_ms = 1000;
		cycle_ms = 400;
	}
	printf("TAP version 13\n1..5\n");
	if (queue_depth)
		printf("# %u workers for %u s%s, event queues of %u records\n",
		       WORKERS, secs, debug ? " (a kernel with kmemleak)" : "",
		       queue_depth);
	else
		printf("# %u workers for %u s%s, event queues of 4 to 256 records\n",
		       WORKERS, secs, debug ? " (a kernel with kmemleak)" : "");
	fflush(stdout);
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 1;
	}
	leak_check = debug && access(SIM_KMEMLEAK, W_OK) == 0;
	if (leak_check)
		sim_write(SIM_KMEMLEAK, "clear");
	ref_tapi = sim_read_long("/sys/module/tapi/refcnt");
	ref_sim = sim_read_long("/sys/module/tapi_sim/refcnt");
	snprintf(prefix, sizeof(prefix), SIM_PREFIX "str-%d-", (int)getpid());

	t0 = now_ns();
	for (i = 0; i < WORKERS; i++) {
		struct worker *w = &workers[i];
		unsigned int li;

		w->id = i;
		w->rng = t0 ^ (i + 1) * 0x9e3779b97f4a7c15ull;
		w->rng_reader = w->rng * 3 + 1;
		w->rng_msp = w->rng * 5 + 1;
		w->card_fd = -1;
		pthread_mutex_init(&w->card_lock, NULL);
		pthread_mutex_init(&w->m.lock, NULL);
		for (li = 0; li < LINES; li++) {
			pthread_mutex_init(&w->s[li].lock, NULL);
			w->s[li].fd = -1;
		}
		ret = card_make(w, i % 2, false);
		if (ret) {
			printf("Bail out! sim card: %s\n", strerror(-ret));
			sim_remove_left_cards(prefix);
			return 1;
		}
		w->card_up = true;
	}
	for (i = 0; i < WORKERS; i++) {
		struct worker *w = &workers[i];

		if (pthread_create(&w->reader, NULL, reader_main, w) ||
		    pthread_create(&w->msp, NULL, msp_main, w) ||
		    pthread_create(&w->thread, NULL, worker_main, w)) {
			printf("Bail out! pthread_create\n");
			return 1;
		}
	}
	if (pthread_create(&closer, NULL, closer_main,
			   (void *)(uintptr_t)(t0 | 1)) ||
	    pthread_create(&cycler, NULL, cycler_main,
			   (void *)(uintptr_t)(t0 * 7 + 1))) {
		printf("Bail out! pthread_create\n");
		return 1;
	}

	sleep(secs);
	stop = true;
	t_stop = now_ns();

	/* The watchdog: every thread must end within the grace time. */
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += grace;
	for (i = 0; i < WORKERS; i++) {
		struct worker *w = &workers[i];

		if (pthread_timedjoin_np(w->thread, NULL, &dl)) {
			printf("# worker %u did not end\n", i);
			unfinished++;
		}
		if (pthread_timedjoin_np(w->msp, NULL, &dl)) {
			printf("# MSP %u did not end\n", i);
			unfinished++;
		}
		if (pthread_timedjoin_np(w->reader, NULL, &dl)) {
			printf("# reader %u did not end\n", i);
			unfinished++;
		}
	}
	if (pthread_timedjoin_np(closer, NULL, &dl)) {
		printf("# the closer did not end\n");
		unfinished++;
	}
	if (pthread_timedjoin_np(cycler, NULL, &dl)) {
		printf("# the card cycler did not end\n");
		unfinished++;
	}
	secs_run = (now_ns() - t0) / 1e9;
	if (unfinished) {
		/* threads are still in there: nothing else can be checked */
		print_figures(secs_run, secs);
		printf("not ok 1 every thread ended (%u did not in %u s)\n",
		       unfinished, grace);
		fflush(stdout);
		_exit(1);
	}

	/* What is left of the run. */
	left = count_fds_if(tapi_fd, NULL);
	left = left < 0 ? 0 : left;
	for (i = 0; i < WORKERS; i++)
		sim_card_destroy(&workers[i].card);
	left += sim_remove_left_cards(prefix);
	for (i = 0; i < 40 && sim_cards_shown(prefix); i++)
		usleep(100000);
	left += sim_cards_shown(prefix);
	left_ok = sim_module_refs_back(ref_tapi, ref_sim,
				       debug ? 20000 : 5000) && !left;
	t_end = now_ns();
	if (leak_check)
		leaks = sim_kmemleak_tapi();

	print_figures(secs_run, secs);
	printf("# threads ended %.1f s after the budget; end checks %.1f s, kmemleak scan %.1f s\n",
	       (t0 + secs_run * 1e9 - t_stop) / 1e9,
	       (t_end - t0) / 1e9 - secs_run, (now_ns() - t_end) / 1e9);
	if (st.nfails) {
		printf("# %u failures; the first:\n", st.nfails);
		for (i = 0; i < st.nfails && i < FAILS; i++)
			printf("#   %s\n", st.fails[i]);
	}
	worked = st.calls[K_PLAIN][1] && st.replies && st.media_opens &&
		 st.card_up && st.close_line && !st.card_err;
	printf("%sok 1 every thread ended, and the run did work (calls connected, replies, media, closes, card cycles)\n",
	       worked ? "" : "not ");
	printf("%sok 2 every request id got one reply or its fd was closed first (%" PRIu64 " lost, %" PRIu64 " unknown)\n",
	       st.lost || st.unknown || st.overfull ? "not " : "", st.lost,
	       st.unknown);
	printf("%sok 3 replies in seqno order on every fd (%" PRIu64 " not)\n",
	       st.reply_disorder ? "not " : "", st.reply_disorder);
	printf("%sok 4 nothing of the run left: fds, cards, module references\n",
	       left_ok ? "" : "not ");
	if (leaks < 0)
		printf("ok 5 kmemleak: nothing of tapi leaked # SKIP %s\n",
		       leak_check ? "kmemleak scan failed" : "no kmemleak");
	else
		printf("%sok 5 kmemleak: nothing of tapi leaked (%d)\n",
		       leaks ? "not " : "", leaks);
	return worked && !st.lost && !st.unknown && !st.overfull &&
	       !st.reply_disorder && left_ok && leaks <= 0 ? 0 : 1;
}
