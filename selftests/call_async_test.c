// SPDX-License-Identifier: GPL-2.0
/*
 * Asynchronous requests on a card that answers late (reply_delay_ms): a
 * request id comes back at once and the reply later; a new call's handle
 * is not valid before its reply; a synchronous request waits; requests
 * outstanding on a call that goes idle fail with ECANCELED, exactly once;
 * an fd closed or a card removed with requests and calls in flight: replies
 * ENODEV before CLOSE and REMOVED, then ENODEV for everything, no leak;
 * replies survive an overflowing queue, and an fd owes at most its
 * queue's depth of them.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "calls.h"
#include "transport.h"
#include "harness.h"

#define T	3000
#define DELAY	"300"		/* ms: the card's reply delay */
#define DELAY_NS 300000000ull

FIXTURE(slow)
{
	struct sim_card card;
	int card_fd;
	int a;		/* line 0: owner */
	int b;		/* line 1: owner and monitor */
};

FIXTURE_SETUP(slow)
{
	int ret;

	self->card_fd = self->a = self->b = -1;
	ret = sim_card_create(&self->card, "async", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	ASSERT_EQ(0, sim_card_set(&self->card, "reply_delay_ms", DELAY));
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->a = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, self->a);
	self->b = call_open_line(self->card_fd, 1,
				 TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, self->b);
}

FIXTURE_TEARDOWN(slow)
{
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

/* An inbound call on line 1, offered to b; its handle. */
static uint32_t offer_b(FIXTURE_DATA(slow) *self)
{
	struct tapi_event ev;

	if (sim_network(&self->card, 1, "offer 4000"))
		return 0;
	if (ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T) != 1)
		return 0;
	ev_drain(self->b);
	return ev.call;
}

TEST_F(slow, handle_valid_only_after_reply)
{
	struct tapi_event ev;
	uint64_t t0;
	uint32_t c;
	int req;

	t0 = now_ns();
	req = call_make(self->a, "2001", 0, &c);
	ASSERT_LT(0, req);
	/*
	 * Returned before the card's reply, with a handle that is not valid
	 * yet.  (A debug kernel under emulation can stall a syscall for a
	 * good part of the delay: the bound is the delay itself.)
	 */
	ASSERT_GT(t0 + DELAY_NS, now_ns());
	EXPECT_NE(0u, c);
	EXPECT_EQ(-ENOENT, call_state(self->a, c));
	EXPECT_EQ(-ENOENT, call_op(self->a, TAPI_IOC_CALL_DROP, c, 0));

	ASSERT_EQ(1, ev_read(self->a, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_REPLY, ev.type);
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
	EXPECT_LE(t0 + DELAY_NS, ev.timestamp_ns);
	ASSERT_EQ(1, ev_read(self->a, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_CALLSTATE, ev.type);
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, ev.param[2]);
	EXPECT_LT(0, call_state(self->a, c));
}

TEST_F(slow, sync_request_waits)
{
	struct tapi_event ev;
	uint64_t t0;
	uint32_t c;
	int req;

	c = offer_b(self);
	ASSERT_NE(0u, c);
	t0 = now_ns();
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, c,
			     TAPI_REQUEST_SYNC));
	EXPECT_LE(t0 + DELAY_NS, now_ns());
	/*
	 * The state change may follow the reply (the sim replies first):
	 * CONNECTED comes, and no reply record for a synchronous request.
	 */
	while (ev_read(self->b, &ev, T) == 1) {
		EXPECT_NE((uint32_t)TAPI_EV_REPLY, ev.type);
		if (ev.type == TAPI_EV_CALLSTATE && ev.call == c &&
		    ev.param[0] == TAPI_CALLSTATE_CONNECTED)
			break;
	}
	EXPECT_EQ((int)TAPI_CALLSTATE_CONNECTED, call_state(self->b, c));
	while (ev_read(self->b, &ev, 100) == 1)
		EXPECT_NE((uint32_t)TAPI_EV_REPLY, ev.type);

	/*
	 * The card's own verdict is the result: two answers pass the core's
	 * check while offering; the card refuses the second.
	 */
	c = offer_b(self);
	ASSERT_NE(0u, c);
	req = call_op(self->b, TAPI_IOC_CALL_ANSWER, c, 0);
	ASSERT_LT(0, req);
	EXPECT_EQ(-EBADFD, call_op(self->b, TAPI_IOC_CALL_ANSWER, c,
				   TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_REPLY, c, &ev, T));
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A signal ends a synchronous wait; the outcome then comes as a reply. */
TEST_F(slow, sync_request_interrupted)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no restart */
	struct tapi_call_request r = {
		.size = sizeof(r),
		.flags = TAPI_REQUEST_SYNC,
	};
	const struct itimerval tick = {
		.it_interval = { .tv_usec = 20000 },
		.it_value = { .tv_usec = 20000 },
	};
	const struct itimerval off = { 0 };
	struct tapi_event ev;
	int ret;

	if (transport_is_uring())
		SKIP(return, "io_uring never waits in the kernel: no EINTR");
	r.call = offer_b(self);
	ASSERT_NE(0u, r.call);
	ASSERT_EQ(0, sigaction(SIGALRM, &sa, NULL));
	/*
	 * A signal every 20 ms, not just one: one that came before the
	 * ioctl began its wait (a slow machine) would interrupt nothing.
	 */
	ASSERT_EQ(0, setitimer(ITIMER_REAL, &tick, NULL));
	ret = tapi_ioctl(self->b, TAPI_IOC_CALL_ANSWER, &r);
	ASSERT_EQ(0, setitimer(ITIMER_REAL, &off, NULL));
	EXPECT_EQ(-EINTR, ret);
	EXPECT_LT(0u, r.request_id);
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_REPLY, r.call, &ev, T));
	EXPECT_EQ(r.request_id, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
	/* The sim replies first, then reports the state. */
	EXPECT_EQ(1, ev_wait_state(self->b, r.call, TAPI_CALLSTATE_CONNECTED,
				   &ev, T));
	signal(SIGALRM, SIG_DFL);
}

/* Ids are unique among the fd's requests and replies name them. */
TEST_F(slow, request_ids)
{
	int ids[4], i, j, replies = 0;
	bool seen[4] = { false };
	struct tapi_event ev;
	uint32_t c;

	c = offer_b(self);
	ASSERT_NE(0u, c);
	ids[0] = call_op(self->b, TAPI_IOC_CALL_ACCEPT, c, 0);
	for (i = 1; i < 4; i++)
		ids[i] = call_make(self->b, "", 0, NULL);
	for (i = 0; i < 4; i++) {
		ASSERT_LT(0, ids[i]) TH_LOG("request %d", i);
		for (j = 0; j < i; j++)
			EXPECT_NE(ids[i], ids[j]);
	}
	/* The card may complete them in any order; each exactly once. */
	while (replies < 8 && ev_wait(self->b, TAPI_EV_REPLY, 0, &ev, T) == 1) {
		replies++;
		EXPECT_EQ(0, (int32_t)ev.param[0]);
		for (i = 0; i < 4; i++) {
			if (ev.request_id != (uint32_t)ids[i])
				continue;
			EXPECT_FALSE(seen[i]);
			seen[i] = true;
		}
		if (replies == 4)
			break;
	}
	EXPECT_EQ(4, replies);
	for (i = 0; i < 4; i++)
		EXPECT_TRUE(seen[i]);
}

/*
 * Replies are never lost: on a line fd of the smallest queue (2 records),
 * two requests are owed, a third is EAGAIN; an offered call's events then
 * overflow the queue while the reader sleeps, and still each reply comes,
 * once, with the OVERFLOW record; read, they make room for new requests.
 */
TEST_F(slow, replies_survive_overflow)
{
	struct tapi_line_open args = {
		.line = 2,
		.privileges = TAPI_PRIV_OWNER,
		.media_modes = TAPI_MEDIA_INTERACTIVEVOICE,
		.event_queue_depth = 2,
	};
	int ids[2], seen[2] = { 0, 0 }, overflow = 0, fd, i, n;
	struct tapi_event ev;

	fd = tapi_open_line_args(self->card_fd, &args);
	ASSERT_LE(0, fd);
	ASSERT_EQ(2u, args.event_queue_depth);
	ASSERT_EQ(0, sim_network(&self->card, 2, "offer 4000"));
	for (i = 0; i < 2; i++) {
		ids[i] = call_make(fd, "", 0, NULL);
		ASSERT_LT(0, ids[i]) TH_LOG("request %d", i);
	}
	EXPECT_EQ(-EAGAIN, call_make(fd, "", 0, NULL));
	/* The offered call's caller changes: a CALLINFO record each. */
	for (i = 1; i <= 4; i++)
		ASSERT_EQ(0, sim_network(&self->card, 2,
					 "party caller number=40%02d", i));
	/* The replies (300 ms late) and the offers' events, unread. */
	usleep(3 * DELAY_NS / 1000);
	while ((n = ev_read(fd, &ev, 2 * T)) == 1) {
		if (ev.type == TAPI_EV_OVERFLOW)
			overflow++;
		for (i = 0; i < 2; i++) {
			if (ev.type == TAPI_EV_REPLY &&
			    ev.request_id == (uint32_t)ids[i]) {
				EXPECT_EQ(0, (int32_t)ev.param[0]);
				seen[i]++;
			}
		}
		if (seen[0] && seen[1])
			break;
	}
	EXPECT_LE(1, overflow);
	EXPECT_EQ(1, seen[0]);
	EXPECT_EQ(1, seen[1]);
	/* Both replies read: the fd owes none, and may ask again. */
	ids[0] = call_make(fd, "", 0, NULL);
	EXPECT_LT(0, ids[0]);
	EXPECT_EQ(1, ev_wait(fd, TAPI_EV_REPLY, 0, &ev, 2 * T));
	close(fd);
}

/* A call goes idle under an outstanding request: ECANCELED, once. */
TEST_F(slow, cancelled_when_call_goes_idle)
{
	struct tapi_event ev;
	int req, replies = 0;
	uint32_t c;

	c = offer_b(self);
	ASSERT_NE(0u, c);
	req = call_op(self->b, TAPI_IOC_CALL_ANSWER, c, 0);
	ASSERT_LT(0, req);
	ASSERT_EQ(0, sim_network(&self->card, 1, "state idle"));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_REPLY, c, &ev, T));
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(-ECANCELED, (int32_t)ev.param[0]);
	replies++;
	/* The card's late completion is swallowed. */
	while (ev_wait(self->b, TAPI_EV_REPLY, 0, &ev, 2 * 300) == 1)
		replies++;
	EXPECT_EQ(1, replies);
	EXPECT_EQ((int)TAPI_CALLSTATE_IDLE, call_state(self->b, c));
	EXPECT_EQ(0, call_dealloc(self->b, c));
}

/* A drop outstanding when the call goes idle succeeds. */
TEST_F(slow, drop_outstanding_succeeds)
{
	struct tapi_event ev;
	uint32_t c;
	int req;

	c = offer_b(self);
	ASSERT_NE(0u, c);
	req = call_op(self->b, TAPI_IOC_CALL_DROP, c, 0);
	ASSERT_LT(0, req);
	ASSERT_EQ(0, sim_network(&self->card, 1, "state idle"));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_REPLY, c, &ev, T));
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
}

/* The requester goes away: nothing for it, the call is dropped. */
TEST_F(slow, close_with_requests_outstanding)
{
	struct tapi_event ev;
	uint32_t ca, cb;
	int mon;

	mon = call_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, mon);
	ASSERT_LT(0, call_make(self->a, "2001", 0, &ca));
	ASSERT_EQ(1, ev_wait(mon, TAPI_EV_NEWCALL, 0, &ev, T));
	close(self->a);
	self->a = -1;
	/* The monitor sees the call that lost its only owner dropped. */
	ASSERT_EQ(1, ev_wait_state(mon, ev.call, TAPI_CALLSTATE_IDLE, &ev, T));
	/* And a call that was answered, then lost its owner mid-answer. */
	cb = offer_b(self);
	ASSERT_NE(0u, cb);
	ASSERT_LT(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0));
	close(self->b);
	self->b = -1;
	usleep(2 * 300 * 1000);
	close(mon);
}

/* Removal with requests outstanding: their replies, then the end. */
TEST_F(slow, removal_with_requests)
{
	struct tapi_event ev;
	uint32_t c;
	int req;

	c = offer_b(self);
	ASSERT_NE(0u, c);
	req = call_op(self->b, TAPI_IOC_CALL_ANSWER, c, 0);
	ASSERT_LT(0, req);
	ASSERT_EQ(0, sim_card_live(&self->card, false));

	ASSERT_EQ(1, ev_read(self->b, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_REPLY, ev.type);
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(-ENODEV, (int32_t)ev.param[0]);
	ASSERT_EQ(1, ev_read(self->b, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_CLOSE, ev.type);
	ASSERT_EQ(1, ev_read(self->b, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_REMOVED, ev.type);
	EXPECT_EQ(-ENODEV, ev_read(self->b, &ev, 100));
	EXPECT_EQ(-ENODEV, call_state(self->b, c));
	EXPECT_EQ(-ENODEV, call_dealloc(self->b, c));
	EXPECT_EQ(-ENODEV, call_make(self->b, "2000", 0, NULL));
}

/* Removal with calls in every state the switch produces, fds open. */
TEST_F(slow, removal_with_calls_everywhere)
{
	struct tapi_event ev;
	uint32_t c[6];
	int fds[3], i;
	ssize_t n;

	fds[0] = self->a;
	fds[1] = self->b;
	fds[2] = call_open_line(self->card_fd, 2,
				TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR, 0);
	ASSERT_LE(0, fds[2]);
	/* dial tone, ringing both ways, connected, disconnected, offering */
	ASSERT_EQ(0, call_make(self->a, "", TAPI_CALL_MAKE_SYNC, &c[0]));
	ASSERT_EQ(0, call_make(self->a, "2001", TAPI_CALL_MAKE_SYNC, &c[1]));
	ASSERT_EQ(0, call_make(fds[2], "95", TAPI_CALL_MAKE_SYNC, &c[2]));
	ASSERT_EQ(0, sim_network(&self->card, 2, "answer"));
	ASSERT_EQ(0, call_make(fds[2], "96", TAPI_CALL_MAKE_SYNC, &c[3]));
	ASSERT_EQ(0, sim_network(&self->card, 2, "hangup noanswer"));
	ASSERT_EQ(0, sim_network(&self->card, 2, "offer 1"));
	ASSERT_EQ(0, call_make(self->a, "777", TAPI_CALL_MAKE_SYNC, &c[4]));
	/* and some requests in flight */
	ASSERT_LT(0, call_make(self->a, "", 0, &c[5]));
	ASSERT_LT(0, call_dial(self->a, c[0], "9", 0));

	ASSERT_EQ(0, sim_card_live(&self->card, false));
	for (i = 0; i < 3; i++) {
		uint32_t last = 0, before_last = 0;

		/* Everything queued, ending with CLOSE and REMOVED. */
		while ((n = ev_read(fds[i], &ev, T)) == 1) {
			before_last = last;
			last = ev.type;
		}
		EXPECT_EQ(-ENODEV, n) TH_LOG("fd %d", i);
		EXPECT_EQ((uint32_t)TAPI_EV_CLOSE, before_last);
		EXPECT_EQ((uint32_t)TAPI_EV_REMOVED, last);
	}
	for (i = 0; i < 5; i++)
		EXPECT_EQ(-ENODEV, call_state(self->a, c[i]));
	close(fds[2]);
}

int main(int argc, char **argv)
{
	sim_require("call_async_test");
	return test_harness_run(argc, argv);
}
