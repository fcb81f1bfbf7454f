// SPDX-License-Identifier: GPL-2.0
/*
 * libtapi's io_uring API (struct tapi_ring) against the real core, on a
 * sim card of three lines (2000, 2001, 2002):
 *
 * - a whole call between lines 0 and 1 through the ring only: make call
 *   completing with its outcome, events read by armed reads (OFFERING,
 *   CONNECTED on both ends), answer, drop, deallocate, call info and
 *   status, and no reply event for requests that complete as CQEs;
 * - requests in reply-event mode: the completion is the request id, the
 *   outcome a TAPI_EV_REPLY read through the ring;
 * - a batch of operations sent with one submission, each completing with
 *   what the synchronous API says;
 * - the application's NOPs on the same ring handed back as its own, on a
 *   ring of libtapi's and on the application's own ring;
 * - armed reads ending: ECANCELED when the line is closed, the last events
 *   then ENODEV when the card is removed.
 *
 * libtapi's unit tests (libtapi/tests/test-ring.c) play the kernel; this
 * is where the ring meets it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <liburing.h>
#include <libtapi.h>

#include "calls.h"
#include "harness.h"

#define T_NS	2000000000LL	/* to wait for what must come */
#define MAX_EV	128

/* One event as a reader saw it. */
struct seen_event {
	uint32_t type;
	uint32_t call;
	uint32_t request_id;
	uint32_t state;
	uint32_t mode;
	int result;
};

/*
 * What the test hands the ring as user data: an operation, or an armed
 * read with the events it brought.
 */
struct tag {
	const char *name;
	/* an operation */
	unsigned int completions;
	int op;			/* enum tapi_ring_op */
	int result;
	uint32_t call;
	uint32_t request_id;
	uint32_t state;		/* GET_CALL_STATUS */
	char caller[TAPI_DIAL_LEN];	/* GET_CALL_INFO */
	char called[TAPI_DIAL_LEN];
	unsigned int num_opens;	/* GET_STATUS */
	/* an armed read */
	bool reader;
	bool ended;
	unsigned int nev;
	struct seen_event ev[MAX_EV];
};

FIXTURE(ring)
{
	struct sim_card card;
	struct tapi_card *tc;
	struct tapi_line *a;	/* line 0 (2000), owner */
	struct tapi_line *b;	/* line 1 (2001), owner */
	struct tapi_ring *ring;
	struct tapi_completion *c;
	bool uring;		/* the core has TAPI_FEATURE_URING */
	int fds;
};

static struct tapi_line *open_owner(struct tapi_card *tc, unsigned int line)
{
	struct tapi_line_settings *s = tapi_line_settings_new();
	struct tapi_line *l;

	if (!s)
		return NULL;
	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_INTERACTIVEVOICE);
	tapi_line_settings_set_event_mask(s, EV_CALLS);
	l = tapi_card_open_line(tc, line, s);
	tapi_line_settings_free(s);
	return l;
}

FIXTURE_SETUP(ring)
{
	struct tapi_core_info *ci;
	int ret;

	self->fds = count_fds();
	ret = sim_card_create_live(&self->card, "ring", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	self->tc = tapi_card_open(self->card.dev_path);
	ASSERT_NE(NULL, self->tc) TH_LOG("tapi_card_open: %m");
	ci = tapi_card_get_core_info(self->tc);
	ASSERT_NE(NULL, ci);
	self->uring = tapi_core_info_has_feature(ci, TAPI_FEATURE_URING);
	tapi_core_info_free(ci);
	self->a = open_owner(self->tc, 0);
	ASSERT_NE(NULL, self->a) TH_LOG("line 0: %m");
	self->b = open_owner(self->tc, 1);
	ASSERT_NE(NULL, self->b) TH_LOG("line 1: %m");
	self->ring = tapi_ring_new(32);
	ASSERT_NE(NULL, self->ring) TH_LOG("tapi_ring_new: %m");
	self->c = tapi_completion_new();
	ASSERT_NE(NULL, self->c);
}

FIXTURE_TEARDOWN(ring)
{
	/* Lines first: their pending commands are cancelled at once. */
	tapi_line_close(self->a);
	tapi_line_close(self->b);
	tapi_ring_free(self->ring);
	tapi_completion_free(self->c);
	tapi_card_close(self->tc);
	sim_card_destroy(&self->card);
}

#define REQUIRE_URING() do {						\
	if (!self->uring)						\
		SKIP(return, "the core has no TAPI_FEATURE_URING");	\
} while (0)

/* Record what completion @c says in its tag. */
static void record(const struct tapi_completion *c)
{
	struct tag *t = tapi_completion_get_user_data(c);
	const struct tapi_event_buffer *buf;
	const struct tapi_line_call_status *st;
	const struct tapi_line_call_info *ci;
	const struct tapi_line_status *ls;
	unsigned int i;

	if (!t || tapi_completion_get_op(c) == TAPI_RING_OP_APP) {
		if (t) {
			t->completions++;
			t->op = TAPI_RING_OP_APP;
			t->result = tapi_completion_get_result(c);
		}
		return;
	}
	t->completions++;
	t->op = (int)tapi_completion_get_op(c);
	t->result = tapi_completion_get_result(c);
	t->call = tapi_completion_get_call(c);
	t->request_id = tapi_completion_get_request_id(c);

	st = tapi_completion_get_call_status(c);
	if (st)
		t->state = tapi_line_call_status_get_state(st);
	ci = tapi_completion_get_call_info(c);
	if (ci) {
		snprintf(t->caller, sizeof(t->caller), "%s",
			 tapi_line_call_info_get_party_number(ci,
							TAPI_PARTY_CALLER));
		snprintf(t->called, sizeof(t->called), "%s",
			 tapi_line_call_info_get_party_number(ci,
							TAPI_PARTY_CALLED));
	}
	ls = tapi_completion_get_line_status(c);
	if (ls)
		t->num_opens = tapi_line_status_get_num_opens(ls);

	if (!t->reader)
		return;
	buf = tapi_completion_get_events(c);
	for (i = 0; buf && i < tapi_event_buffer_get_num_events(buf); i++) {
		const struct tapi_line_event *ev = tapi_event_buffer_get(buf, i);
		struct seen_event *s;

		if (t->nev == MAX_EV)
			break;
		s = &t->ev[t->nev++];
		s->type = tapi_line_event_get_type(ev);
		s->call = tapi_line_event_get_call(ev);
		s->request_id = tapi_line_event_get_request_id(ev);
		s->state = tapi_line_event_get_call_state(ev);
		s->mode = tapi_line_event_get_call_mode(ev);
		s->result = tapi_line_event_get_reply_result(ev);
	}
	if (!tapi_completion_has_more(c))
		t->ended = true;
}

/* Handle completions until @t has @n of them.  Return: 0, or -ETIME. */
static int wait_tag(FIXTURE_DATA(ring) *self, struct tag *t, unsigned int n)
{
	uint64_t end = now_ns() + T_NS;

	while (t->completions < n) {
		int64_t left = (int64_t)(end - now_ns());

		if (left <= 0 ||
		    tapi_ring_wait(self->ring, self->c, left) != 1)
			return -ETIME;
		record(self->c);
	}
	return 0;
}

/* Wait for @t's next completion: its result, or -ETIME. */
#define DONE(t)	(wait_tag(self, &(t), (t).completions + 1) ?: (t).result)

/*
 * Handle completions until reader @r has seen an event of @type (and
 * @call, @state unless 0) at or after index @from.  Return: its index,
 * or -1.
 */
static int wait_event(FIXTURE_DATA(ring) *self, struct tag *r,
		      unsigned int from, uint32_t type, uint32_t call,
		      uint32_t state)
{
	uint64_t end = now_ns() + T_NS;
	unsigned int i;

	for (;;) {
		for (i = from; i < r->nev; i++) {
			if (r->ev[i].type == type &&
			    (!call || r->ev[i].call == call) &&
			    (!state || r->ev[i].state == state))
				return (int)i;
		}
		from = r->nev;
		if (r->ended || (int64_t)(end - now_ns()) <= 0 ||
		    tapi_ring_wait(self->ring, self->c,
				   (int64_t)(end - now_ns())) != 1)
			return -1;
		record(self->c);
	}
}

/* Handle completions until none came for 200 ms. */
static void drain(FIXTURE_DATA(ring) *self)
{
	while (tapi_ring_wait(self->ring, self->c, 200000000LL) == 1)
		record(self->c);
}

/* Whether reader @r saw a reply event for request @id. */
static bool saw_reply(const struct tag *r, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < r->nev; i++) {
		if (r->ev[i].type == TAPI_EV_REPLY && r->ev[i].request_id == id)
			return true;
	}
	return false;
}

TEST_F(ring, call_through_ring)
{
	struct tag ra = { .name = "read a", .reader = true };
	struct tag rb = { .name = "read b", .reader = true };
	struct tag mk = { .name = "make call" }, ans = { .name = "answer" };
	struct tag drop_a = { 0 }, drop_b = { 0 }, dealloc_a = { 0 };
	struct tag dealloc_b = { 0 }, info = { 0 }, status = { 0 };
	struct tag gone = { 0 };
	uint32_t ca, cb;
	int i;

	REQUIRE_URING();
	ASSERT_EQ(0, tapi_ring_queue_read_events(self->ring, self->a, 8, &ra));
	ASSERT_EQ(0, tapi_ring_queue_read_events(self->ring, self->b, 8, &rb));
	ASSERT_EQ(0, tapi_ring_queue_make_call(self->ring, self->a, "2001",
					       NULL, 0, &mk));
	ASSERT_EQ(3, tapi_ring_submit(self->ring));

	/* The request completes with its outcome and the new handle. */
	ASSERT_EQ(0, DONE(mk)) TH_LOG("make call: %d", mk.result);
	EXPECT_EQ(TAPI_RING_OP_MAKE_CALL, mk.op);
	ca = mk.call;
	ASSERT_NE(0u, ca);
	EXPECT_NE(0u, mk.request_id);

	/* The callee is offered the call: read through its armed read. */
	i = wait_event(self, &rb, 0, TAPI_EV_NEWCALL, 0, 0);
	ASSERT_LE(0, i) TH_LOG("no NEWCALL on line 1");
	cb = rb.ev[i].call;
	ASSERT_LE(0, wait_event(self, &rb, i, TAPI_EV_CALLSTATE, cb,
				TAPI_CALLSTATE_OFFERING));
	ASSERT_LE(0, wait_event(self, &ra, 0, TAPI_EV_CALLSTATE, ca,
				TAPI_CALLSTATE_RINGBACK));

	ASSERT_EQ(0, tapi_ring_queue_get_call_info(self->ring, self->b, cb,
						   &info));
	ASSERT_EQ(0, DONE(info));
	EXPECT_STREQ("2000", info.caller);
	EXPECT_STREQ("2001", info.called);

	/* Answer: connected on both ends. */
	ASSERT_EQ(0, tapi_ring_queue_answer(self->ring, self->b, cb, 0, &ans));
	ASSERT_EQ(0, DONE(ans)) TH_LOG("answer: %d", ans.result);
	EXPECT_EQ(cb, ans.call);
	ASSERT_LE(0, wait_event(self, &rb, 0, TAPI_EV_CALLSTATE, cb,
				TAPI_CALLSTATE_CONNECTED));
	ASSERT_LE(0, wait_event(self, &ra, 0, TAPI_EV_CALLSTATE, ca,
				TAPI_CALLSTATE_CONNECTED));
	ASSERT_EQ(0, tapi_ring_queue_get_call_status(self->ring, self->a, ca,
						     &status));
	ASSERT_EQ(0, DONE(status));
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_CONNECTED, status.state);

	/* The caller hangs up; the callee drops too; both deallocate. */
	ASSERT_EQ(0, tapi_ring_queue_drop(self->ring, self->a, ca, 0, &drop_a));
	ASSERT_EQ(0, DONE(drop_a));
	ASSERT_LE(0, wait_event(self, &ra, 0, TAPI_EV_CALLSTATE, ca,
				TAPI_CALLSTATE_IDLE));
	ASSERT_LE(0, wait_event(self, &rb, 0, TAPI_EV_CALLSTATE, cb,
				TAPI_CALLSTATE_DISCONNECTED));
	ASSERT_EQ(0, tapi_ring_queue_drop(self->ring, self->b, cb, 0, &drop_b));
	ASSERT_EQ(0, DONE(drop_b));
	ASSERT_EQ(0, tapi_ring_queue_deallocate_call(self->ring, self->a, ca,
						     &dealloc_a));
	ASSERT_EQ(0, tapi_ring_queue_deallocate_call(self->ring, self->b, cb,
						     &dealloc_b));
	ASSERT_EQ(0, DONE(dealloc_a));
	ASSERT_EQ(0, DONE(dealloc_b));
	ASSERT_EQ(0, tapi_ring_queue_get_call_status(self->ring, self->b, cb,
						     &gone));
	EXPECT_EQ(-ENOENT, DONE(gone));

	/* Requests that completed as CQEs queued no reply event. */
	EXPECT_FALSE(saw_reply(&ra, mk.request_id));
	EXPECT_FALSE(saw_reply(&ra, drop_a.request_id));
	EXPECT_FALSE(saw_reply(&rb, ans.request_id));
	EXPECT_FALSE(saw_reply(&rb, drop_b.request_id));
	EXPECT_FALSE(ra.ended);
	EXPECT_FALSE(rb.ended);
	EXPECT_EQ(2u, tapi_ring_get_num_in_flight(self->ring));

	/* Closing a line ends its read, waiting for events: ECANCELED. */
	drain(self);
	EXPECT_FALSE(ra.ended);
	tapi_line_close(self->a);
	self->a = NULL;
	ASSERT_EQ(0, wait_tag(self, &ra, ra.completions + 1));
	EXPECT_TRUE(ra.ended);
	EXPECT_EQ(-ECANCELED, ra.result);
	EXPECT_EQ(1u, tapi_ring_get_num_in_flight(self->ring));
}

TEST_F(ring, reply_as_event)
{
	struct tag ra = { .name = "read a", .reader = true };
	struct tag mk = { .name = "make call" }, drop = { .name = "drop" };
	struct tag dealloc = { 0 };
	uint32_t ca;
	int i;

	REQUIRE_URING();
	ASSERT_EQ(0, tapi_ring_queue_read_events(self->ring, self->a, 0, &ra));
	ASSERT_EQ(0, tapi_ring_queue_make_call(self->ring, self->a, "2001",
					       NULL, TAPI_URING_REPLY_EVENT,
					       &mk));
	ASSERT_EQ(2, tapi_ring_submit(self->ring));

	/* At once: the request id and the handle; the outcome as an event. */
	ASSERT_LT(0, DONE(mk)) TH_LOG("make call: %d", mk.result);
	EXPECT_EQ((uint32_t)mk.result, mk.request_id);
	ca = mk.call;
	ASSERT_NE(0u, ca);
	i = wait_event(self, &ra, 0, TAPI_EV_REPLY, ca, 0);
	ASSERT_LE(0, i) TH_LOG("no reply event");
	EXPECT_EQ(mk.request_id, ra.ev[i].request_id);
	EXPECT_EQ(0, ra.ev[i].result);
	ASSERT_LE(0, wait_event(self, &ra, i, TAPI_EV_CALLSTATE, ca,
				TAPI_CALLSTATE_RINGBACK));

	ASSERT_EQ(0, tapi_ring_queue_drop(self->ring, self->a, ca,
					  TAPI_URING_REPLY_EVENT, &drop));
	ASSERT_LT(0, DONE(drop));
	EXPECT_EQ(ca, drop.call);
	i = wait_event(self, &ra, 0, TAPI_EV_REPLY, ca, 0);
	while (i >= 0 && ra.ev[i].request_id != (uint32_t)drop.result)
		i = wait_event(self, &ra, i + 1, TAPI_EV_REPLY, ca, 0);
	ASSERT_LE(0, i) TH_LOG("no reply event for the drop");
	EXPECT_EQ(0, ra.ev[i].result);
	ASSERT_LE(0, wait_event(self, &ra, 0, TAPI_EV_CALLSTATE, ca,
				TAPI_CALLSTATE_IDLE));
	ASSERT_EQ(0, tapi_ring_queue_deallocate_call(self->ring, self->a, ca,
						     &dealloc));
	EXPECT_EQ(0, DONE(dealloc));
}

/* A batch of operations, one submission, each as the sync API says. */
TEST_F(ring, batch)
{
	enum { N = 8 };
	struct tag t[N];
	struct tapi_line_status *st;
	struct io_uring *u;
	unsigned int i;

	REQUIRE_URING();
	memset(t, 0, sizeof(t));
	ASSERT_EQ(0, tapi_ring_queue_get_status(self->ring, self->a, &t[0]));
	ASSERT_EQ(0, tapi_ring_queue_get_address_status(self->ring, self->a,
							0, &t[1]));
	ASSERT_EQ(0, tapi_ring_queue_set_event_mask(self->ring, self->a,
						    EV_CALLS, &t[2]));
	ASSERT_EQ(0, tapi_ring_queue_set_priority(self->ring, self->a,
						  TAPI_MEDIA_INTERACTIVEVOICE,
						  1, &t[3]));
	ASSERT_EQ(0, tapi_ring_queue_get_new_calls(self->ring, self->a, 4,
						   TAPI_ALL_ADDRESSES, &t[4]));
	ASSERT_EQ(0, tapi_ring_queue_get_call_status(self->ring, self->a, 999,
						     &t[5]));
	ASSERT_EQ(0, tapi_ring_queue_deallocate_call(self->ring, self->a, 999,
						     &t[6]));
	ASSERT_EQ(0, tapi_ring_queue_answer(self->ring, self->a, 999, 0,
					    &t[7]));
	u = tapi_ring_get_uring(self->ring);
	EXPECT_EQ((unsigned int)N, io_uring_sq_ready(u));
	EXPECT_EQ((unsigned int)N, tapi_ring_get_num_in_flight(self->ring));

	ASSERT_EQ(N, tapi_ring_submit(self->ring));
	for (i = 0; i < N; i++) {
		if (tapi_ring_wait(self->ring, self->c, T_NS) != 1)
			break;
		record(self->c);
	}
	ASSERT_EQ((unsigned int)N, i);
	for (i = 0; i < N; i++)
		EXPECT_EQ(1u, t[i].completions) TH_LOG("operation %u", i);
	EXPECT_EQ(0u, tapi_ring_get_num_in_flight(self->ring));

	st = tapi_line_get_status(self->a);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(TAPI_RING_OP_GET_STATUS, t[0].op);
	EXPECT_EQ(0, t[0].result);
	EXPECT_EQ(tapi_line_status_get_num_opens(st), t[0].num_opens);
	tapi_line_status_free(st);
	EXPECT_EQ(TAPI_RING_OP_GET_ADDRESS_STATUS, t[1].op);
	EXPECT_EQ(0, t[1].result);
	EXPECT_EQ(0, t[2].result);
	EXPECT_EQ(0, t[3].result);
	EXPECT_EQ(TAPI_RING_OP_GET_NEW_CALLS, t[4].op);
	EXPECT_EQ(0, t[4].result);	/* no calls */
	/* A handle that does not exist, as the ioctl says it. */
	EXPECT_EQ(-ENOENT, t[5].result);
	EXPECT_EQ(-ENOENT, t[6].result);
	EXPECT_EQ(-ENOENT, t[7].result);
	EXPECT_EQ(TAPI_RING_OP_ANSWER, t[7].op);
	EXPECT_EQ(0u, t[7].request_id);
}

/* The application's NOP on libtapi's ring comes back as its own. */
TEST_F(ring, app_nop_on_library_ring)
{
	struct tag nop = { .name = "app" }, status = { .name = "status" };
	struct io_uring_sqe *sqe;

	REQUIRE_URING();
	sqe = io_uring_get_sqe(tapi_ring_get_uring(self->ring));
	ASSERT_NE(NULL, sqe);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data(sqe, &nop);
	ASSERT_EQ(0, tapi_ring_queue_get_status(self->ring, self->a, &status));
	ASSERT_EQ(2, tapi_ring_submit(self->ring));
	ASSERT_EQ(0, wait_tag(self, &nop, 1));
	EXPECT_EQ(TAPI_RING_OP_APP, nop.op);
	EXPECT_EQ(0, nop.result);
	ASSERT_EQ(0, wait_tag(self, &status, 1));
	EXPECT_EQ(TAPI_RING_OP_GET_STATUS, status.op);
	EXPECT_EQ(0, status.result);
	EXPECT_EQ(0u, tapi_ring_get_num_in_flight(self->ring));
}

/* libtapi on the application's ring, the application reaping. */
TEST_F(ring, app_ring_shared)
{
	struct tag nop = { .name = "app" }, status = { .name = "status" };
	struct tapi_ring *tr;
	struct io_uring uring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	unsigned int app = 0, lib = 0;
	int ret;

	REQUIRE_URING();
	ASSERT_EQ(0, io_uring_queue_init(8, &uring, 0));
	tr = tapi_ring_attach(&uring);
	ASSERT_NE(NULL, tr);

	sqe = io_uring_get_sqe(&uring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data(sqe, &nop);
	ASSERT_EQ(0, tapi_ring_queue_get_status(tr, self->b, &status));
	ASSERT_EQ(0, tapi_ring_flush(tr));
	ASSERT_EQ(2, io_uring_submit(&uring));

	while (app + lib < 2) {
		ret = io_uring_wait_cqe_timeout(&uring, &cqe,
				&(struct __kernel_timespec){ .tv_sec = 2 });
		ASSERT_EQ(0, ret);
		ret = tapi_ring_handle_cqe(tr, cqe, self->c);
		if (ret == 0) {
			EXPECT_EQ((uintptr_t)&nop, cqe->user_data);
			app++;
		} else {
			ASSERT_EQ(1, ret);
			EXPECT_EQ(&status, tapi_completion_get_user_data(self->c));
			EXPECT_EQ(0, tapi_completion_get_result(self->c));
			EXPECT_NE(NULL,
				  tapi_completion_get_line_status(self->c));
			lib++;
		}
		io_uring_cqe_seen(&uring, cqe);
	}
	EXPECT_EQ(1u, app);
	EXPECT_EQ(1u, lib);
	EXPECT_EQ(0u, tapi_ring_get_num_in_flight(tr));
	tapi_ring_free(tr);
	io_uring_queue_exit(&uring);
}

/* A card removed under an armed read: its last events, then ENODEV. */
TEST_F(ring, read_ends_on_removal)
{
	struct tag ra = { .name = "read a", .reader = true };
	int i;

	REQUIRE_URING();
	ASSERT_EQ(0, tapi_ring_queue_read_events(self->ring, self->a, 4, &ra));
	ASSERT_EQ(1, tapi_ring_submit(self->ring));
	ASSERT_EQ(0, sim_card_live(&self->card, false));

	i = wait_event(self, &ra, 0, TAPI_EV_CLOSE, 0, 0);
	ASSERT_LE(0, i);
	ASSERT_LE(0, wait_event(self, &ra, i, TAPI_EV_REMOVED, 0, 0));
	while (!ra.ended) {
		ASSERT_EQ(0, wait_tag(self, &ra, ra.completions + 1));
	}
	EXPECT_EQ(-ENODEV, ra.result);
	EXPECT_EQ(0u, tapi_ring_get_num_in_flight(self->ring));
}

/* Nothing left behind: the ring fd and the lines' fds go. */
TEST_F(ring, no_fd_leak)
{
	struct tag ra = { .reader = true }, rb = { .reader = true };
	int i;

	REQUIRE_URING();
	ASSERT_EQ(0, tapi_ring_queue_read_events(self->ring, self->a, 0, &ra));
	ASSERT_EQ(0, tapi_ring_queue_read_events(self->ring, self->b, 0, &rb));
	ASSERT_EQ(2, tapi_ring_submit(self->ring));
	tapi_line_close(self->a);
	tapi_line_close(self->b);
	self->a = self->b = NULL;
	tapi_ring_free(self->ring);
	self->ring = NULL;
	tapi_card_close(self->tc);
	self->tc = NULL;
	EXPECT_EQ(self->fds, count_fds());
	/* The cancelled commands let go of the line files soon after. */
	for (i = 0; i < 100 && sim_card_open_lines(&self->card); i++)
		usleep(10000);
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

int main(int argc, char **argv)
{
	sim_require("libtapi_ring_test");
	return test_harness_run(argc, argv);
}
