// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The call services on libtapi's io_uring API, with lines from
 * fake-tapi.so (LD_PRELOAD) on a real io_uring.  As in test-ring.c, the
 * tests play the kernel: they read the SQE each queue function prepared
 * and the structure it points to, write what the core would, and hand
 * tapi_ring_handle_cqe() a CQE made up for it; one request is submitted
 * for real, and fails on the fake's pipe as on any file that is not a
 * tapi fd.
 *
 * TAP output; exit 0 when every test passed, 1 otherwise, 4 (skip) when
 * the fake is not preloaded or io_uring is not available.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <liburing.h>
#include <libtapi.h>

#include "ring-helpers.h"
#include "tap.h"

static int app_a, app_b;

static void test_names(void)
{
	ok(streq(tapi_ring_op_str(TAPI_RING_OP_REDIRECT), "redirect") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_PICKUP), "pickup") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_PARK), "park") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_UNPARK), "unpark") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_FORWARD), "forward") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_SECURE_CALL), "securecall") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_SEND_USER_USER_INFO),
		 "senduseruserinfo") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_COMPLETE_CALL),
		 "completecall") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_UNCOMPLETE_CALL),
		 "uncompletecall"), "call service operation names");
}

/* Requests that name a call and bring back nothing but their outcome. */
static void test_call_requests(struct tapi_ring *ring, struct tapi_line *line,
			       struct tapi_completion *c)
{
	struct tapi_call_user_user *uu;
	struct tapi_call_request *sr;
	struct tapi_call_dial *rd;
	struct tapi_call_park *pk;
	struct io_uring_sqe *sqe;
	uint8_t data[4] = { 1, 2, 3, 4 };
	int ret;

	ret = tapi_ring_queue_redirect(ring, line, 9, "2003", 0, &app_a);
	sqe = last_sqe(ring);
	rd = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_REDIRECT &&
	   rd->size == sizeof(*rd) && rd->flags == 0 && rd->call == 9 &&
	   streq(rd->digits, "2003") && cmd_of(sqe)->flags == 0,
	   "redirect: struct tapi_call_dial");
	rd->request_id = 21;
	ret = complete(ring, sqe, -EBUSY, c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_REDIRECT &&
	   tapi_completion_get_call(c) == 9 &&
	   tapi_completion_get_result(c) == -EBUSY &&
	   tapi_completion_get_request_id(c) == 21 &&
	   tapi_completion_get_user_data(c) == &app_a,
	   "redirect: the outcome, the call, the request id");

	ret = tapi_ring_queue_park(ring, line, 9, TAPI_PARK_DIRECTED, "72",
				   TAPI_URING_REPLY_EVENT, &app_b);
	sqe = last_sqe(ring);
	pk = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_PARK &&
	   pk->size == sizeof(*pk) && pk->flags == 0 && pk->call == 9 &&
	   pk->mode == TAPI_PARK_DIRECTED && !pk->reserved &&
	   streq(pk->dest, "72") &&
	   cmd_of(sqe)->flags == TAPI_URING_REPLY_EVENT,
	   "park: struct tapi_call_park, reply as an event");
	pk->request_id = 22;
	ret = complete(ring, sqe, 22, c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_PARK &&
	   tapi_completion_get_result(c) == 22 &&
	   tapi_completion_get_request_id(c) == 22 &&
	   tapi_completion_get_call(c) == 9, "park: the request id");
	ret = tapi_ring_queue_park(ring, line, 9, TAPI_PARK_NONDIRECTED, NULL,
				   0, NULL);
	sqe = last_sqe(ring);
	pk = arg_of(sqe);
	ok(!ret && pk->mode == TAPI_PARK_NONDIRECTED && !pk->dest[0] &&
	   complete(ring, sqe, -ENXIO, c) == 1 &&
	   tapi_completion_get_result(c) == -ENXIO,
	   "non-directed park: no number; -ENXIO");

	ret = tapi_ring_queue_secure_call(ring, line, 7, 0, NULL);
	sqe = last_sqe(ring);
	sr = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_SECURE &&
	   sr->size == sizeof(*sr) && sr->call == 7 && sr->flags == 0,
	   "secure call: struct tapi_call_request");
	sr->request_id = 23;
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_SECURE_CALL &&
	   tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_request_id(c) == 23 &&
	   tapi_completion_get_call(c) == 7, "secure call: done");

	ret = tapi_ring_queue_send_user_user_info(ring, line, 7, data, 3, 0,
						  NULL);
	data[0] = 9;	/* copied at once */
	sqe = last_sqe(ring);
	uu = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_SEND_USER_USER &&
	   uu->size == sizeof(*uu) && uu->call == 7 && uu->len == 3 &&
	   !uu->reserved && uu->data[0] == 1 && uu->data[2] == 3 &&
	   !uu->data[3], "send user-user info: the bytes, copied");
	uu->request_id = 24;
	ok(complete(ring, sqe, -EINVAL, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_SEND_USER_USER_INFO &&
	   tapi_completion_get_result(c) == -EINVAL &&
	   tapi_completion_get_request_id(c) == 24,
	   "send user-user info: -EINVAL");
}

/* Pickup and unpark: the new call's handle comes with the completion. */
static void test_take(struct tapi_ring *ring, struct tapi_line *line,
		      struct tapi_completion *c)
{
	struct tapi_line_pickup *r;
	struct io_uring_sqe *sqe;
	int ret;

	ret = tapi_ring_queue_pickup(ring, line, 1, "2002", NULL, 0, &app_a);
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_PICKUP &&
	   r->size == sizeof(*r) && r->flags == 0 && r->address_id == 1 &&
	   streq(r->dest, "2002") && !r->group[0] && !r->reserved,
	   "pickup: struct tapi_line_pickup, directed");
	r->call = 40;
	r->request_id = 31;
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_PICKUP &&
	   tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_call(c) == 40 &&
	   tapi_completion_get_request_id(c) == 31,
	   "pickup: the new call 40");

	ret = tapi_ring_queue_pickup(ring, line, 0, NULL, "1",
				     TAPI_URING_REPLY_EVENT, NULL);
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	ok(!ret && !r->dest[0] && streq(r->group, "1"),
	   "group pickup: the group");
	r->call = 41;
	r->request_id = 32;
	ok(complete(ring, sqe, 32, c) == 1 &&
	   tapi_completion_get_result(c) == 32 &&
	   tapi_completion_get_call(c) == 41,
	   "reply as an event: request id and handle at once");

	ret = tapi_ring_queue_pickup(ring, line, 0, "2009", NULL, 0, NULL);
	sqe = last_sqe(ring);
	((struct tapi_line_pickup *)arg_of(sqe))->call = 42;
	ok(!ret && complete(ring, sqe, -ESRCH, c) == 1 &&
	   tapi_completion_get_result(c) == -ESRCH &&
	   tapi_completion_get_call(c) == 0,
	   "a failed pickup: no handle");
	ret = tapi_ring_queue_pickup(ring, line, 0, "2002", NULL, 0, NULL);
	sqe = last_sqe(ring);
	ok(!ret && complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_result(c) == -EIO &&
	   tapi_completion_get_call(c) == 0,
	   "success without a handle: EIO");

	ret = tapi_ring_queue_unpark(ring, line, 0, "71", 0, &app_b);
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_UNPARK &&
	   r->size == sizeof(*r) && streq(r->dest, "71") && !r->group[0],
	   "unpark: struct tapi_line_pickup");
	r->call = 43;
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_UNPARK &&
	   tapi_completion_get_call(c) == 43 &&
	   tapi_completion_get_user_data(c) == &app_b,
	   "unpark: the new call 43");
}

static void test_forward(struct tapi_ring *ring, struct tapi_line *line,
			 struct tapi_completion *c)
{
	struct tapi_forward_list *l = tapi_forward_list_new();
	struct tapi_line_forward *r;
	struct io_uring_sqe *sqe;
	int ret;

	ok(l != NULL, "a forwarding list");
	if (!l)
		return;
	tapi_forward_list_set(l, TAPI_FORWARD_NOANSWER, "2003");
	tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "2001");
	tapi_forward_list_set_no_answer_ms(l, 20000);
	ret = tapi_ring_queue_forward(ring, line, TAPI_ALL_ADDRESSES, l, 0,
				      NULL);
	tapi_forward_list_reset(l);	/* copied at once */
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_FORWARD &&
	   r->size == sizeof(*r) &&
	   r->flags == TAPI_LINE_FORWARD_ALL_ADDRESSES && r->address_id == 0 &&
	   r->no_answer_ms == 20000 && r->num_entries == 2 &&
	   r->entries[0].mode == TAPI_FORWARD_UNCOND &&
	   streq(r->entries[0].dest, "2001") &&
	   r->entries[1].mode == TAPI_FORWARD_NOANSWER &&
	   streq(r->entries[1].dest, "2003") && !r->entries[2].mode,
	   "forward every address: struct tapi_line_forward");
	r->request_id = 51;
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_FORWARD &&
	   tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_request_id(c) == 51 &&
	   tapi_completion_get_call(c) == 0, "forward: done, no call");
	ret = tapi_ring_queue_forward(ring, line, 1, NULL, 0, NULL);
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	ok(!ret && r->flags == 0 && r->address_id == 1 &&
	   r->num_entries == 0 && complete(ring, sqe, -ENXIO, c) == 1 &&
	   tapi_completion_get_result(c) == -ENXIO,
	   "cancel the forwarding of address 1; -ENXIO");
	tapi_forward_list_free(l);
}

static void test_completions(struct tapi_ring *ring, struct tapi_line *line,
			     struct tapi_completion *c)
{
	struct tapi_call_completion *r;
	struct tapi_line_uncomplete *u;
	struct io_uring_sqe *sqe;
	int ret;

	ret = tapi_ring_queue_complete_call(ring, line, 8,
					    TAPI_COMPLETION_CALLBACK, 0,
					    &app_a);
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_COMPLETE &&
	   r->size == sizeof(*r) && r->flags == 0 && r->call == 8 &&
	   r->mode == TAPI_COMPLETION_CALLBACK && r->completion_id == 0,
	   "complete call: struct tapi_call_completion");
	r->completion_id = 5;
	r->request_id = 61;
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_COMPLETE_CALL &&
	   tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_completion_id(c) == 5 &&
	   tapi_completion_get_call(c) == 8 &&
	   tapi_completion_get_request_id(c) == 61,
	   "complete call: completion 5");
	ret = tapi_ring_queue_complete_call(ring, line, 8,
					    TAPI_COMPLETION_CAMPON,
					    TAPI_URING_REPLY_EVENT, NULL);
	sqe = last_sqe(ring);
	r = arg_of(sqe);
	r->completion_id = 6;
	r->request_id = 62;
	ok(!ret && complete(ring, sqe, 62, c) == 1 &&
	   tapi_completion_get_result(c) == 62 &&
	   tapi_completion_get_completion_id(c) == 6,
	   "reply as an event: completion 6 at once");
	ret = tapi_ring_queue_complete_call(ring, line, 8,
					    TAPI_COMPLETION_CAMPON, 0, NULL);
	sqe = last_sqe(ring);
	((struct tapi_call_completion *)arg_of(sqe))->completion_id = 7;
	ok(!ret && complete(ring, sqe, -ENOSPC, c) == 1 &&
	   tapi_completion_get_result(c) == -ENOSPC &&
	   tapi_completion_get_completion_id(c) == 0,
	   "a refused completion: no id");
	ret = tapi_ring_queue_complete_call(ring, line, 8,
					    TAPI_COMPLETION_CAMPON, 0, NULL);
	sqe = last_sqe(ring);
	ok(!ret && complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_result(c) == -EIO &&
	   tapi_completion_get_completion_id(c) == 0,
	   "success without an id: EIO");

	ret = tapi_ring_queue_uncomplete_call(ring, line, 5, 0, &app_b);
	sqe = last_sqe(ring);
	u = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_UNCOMPLETE &&
	   u->size == sizeof(*u) && u->flags == 0 && u->completion_id == 5,
	   "uncomplete call: struct tapi_line_uncomplete");
	u->request_id = 63;
	ok(complete(ring, sqe, -ENOENT, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_UNCOMPLETE_CALL &&
	   tapi_completion_get_result(c) == -ENOENT &&
	   tapi_completion_get_request_id(c) == 63 &&
	   tapi_completion_get_call(c) == 0 &&
	   tapi_completion_get_completion_id(c) == 0,
	   "uncomplete call: -ENOENT");
}

static void test_bad_args(struct tapi_ring *ring, struct tapi_line *line)
{
	uint8_t data[TAPI_USERUSER_MAX + 1] = { 0 };
	unsigned int queued = sq_ready(ring);
	char longstr[TAPI_DIAL_LEN + 1];
	bool all = true;

	memset(longstr, '1', TAPI_DIAL_LEN);
	longstr[TAPI_DIAL_LEN] = '\0';
#define EXPECT_EINVAL(what, call) do {				\
		errno = 0;						\
		if ((call) != -1 || errno != EINVAL) {			\
			ok(false, "%s: EINVAL", what);			\
			all = false;					\
		}							\
	} while (0)
	EXPECT_EINVAL("redirect: unknown flag",
		      tapi_ring_queue_redirect(ring, line, 1, "1", 2, NULL));
	EXPECT_EINVAL("redirect: NULL",
		      tapi_ring_queue_redirect(ring, line, 1, NULL, 0, NULL));
	EXPECT_EINVAL("pickup: unknown flag",
		      tapi_ring_queue_pickup(ring, line, 0, "1", NULL, 4,
					     NULL));
	EXPECT_EINVAL("pickup: too long",
		      tapi_ring_queue_pickup(ring, line, 0, NULL, longstr, 0,
					     NULL));
	EXPECT_EINVAL("unpark: NULL",
		      tapi_ring_queue_unpark(ring, line, 0, NULL, 0, NULL));
	EXPECT_EINVAL("unpark: unknown flag",
		      tapi_ring_queue_unpark(ring, line, 0, "70", 8, NULL));
	EXPECT_EINVAL("park: too long",
		      tapi_ring_queue_park(ring, line, 1, TAPI_PARK_DIRECTED,
					   longstr, 0, NULL));
	EXPECT_EINVAL("park: unknown flag",
		      tapi_ring_queue_park(ring, line, 1, TAPI_PARK_DIRECTED,
					   "70", 2, NULL));
	EXPECT_EINVAL("forward: address -2",
		      tapi_ring_queue_forward(ring, line, -2, NULL, 0, NULL));
	EXPECT_EINVAL("forward: unknown flag",
		      tapi_ring_queue_forward(ring, line, 0, NULL, 2, NULL));
	EXPECT_EINVAL("secure call: unknown flag",
		      tapi_ring_queue_secure_call(ring, line, 1, 2, NULL));
	EXPECT_EINVAL("user-user info: too much",
		      tapi_ring_queue_send_user_user_info(ring, line, 1, data,
							  sizeof(data), 0,
							  NULL));
	EXPECT_EINVAL("user-user info: NULL",
		      tapi_ring_queue_send_user_user_info(ring, line, 1, NULL,
							  2, 0, NULL));
	EXPECT_EINVAL("complete call: unknown flag",
		      tapi_ring_queue_complete_call(ring, line, 1,
						    TAPI_COMPLETION_CAMPON, 2,
						    NULL));
	EXPECT_EINVAL("uncomplete call: unknown flag",
		      tapi_ring_queue_uncomplete_call(ring, line, 1, 2, NULL));
	EXPECT_EINVAL("NULL ring",
		      tapi_ring_queue_secure_call(NULL, line, 1, 0, NULL));
	EXPECT_EINVAL("NULL line",
		      tapi_ring_queue_forward(ring, NULL, 0, NULL, 0, NULL));
#undef EXPECT_EINVAL
	ok(all, "bad arguments of the call services: EINVAL");
	ok(sq_ready(ring) == queued && tapi_ring_get_num_in_flight(ring) == 0,
	   "nothing queued, nothing in flight");
}

/* Submitted for real, on a ring of its own: a pipe is no tapi fd. */
static void test_submit(struct tapi_line *line, struct tapi_completion *c)
{
	struct tapi_ring *ring = tapi_ring_new(4);
	int ret;

	ret = ring ? tapi_ring_queue_pickup(ring, line, 0, "2002", NULL, 0,
					    &app_a) : -1;
	ok(!ret && tapi_ring_wait(ring, c, 1000000000LL) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_PICKUP &&
	   tapi_completion_get_result(c) == -EOPNOTSUPP &&
	   tapi_completion_get_call(c) == 0 &&
	   tapi_completion_get_user_data(c) == &app_a &&
	   tapi_ring_get_num_in_flight(ring) == 0,
	   "a pickup on a pipe: EOPNOTSUPP, no call");
	tapi_ring_free(ring);
}

int main(void)
{
	struct tapi_completion *c;
	struct tapi_ring *ring;
	struct tapi_line *line;
	struct tapi_card *card;

	printf("TAP version 13\n");
	if (!dlsym(RTLD_DEFAULT, "fake_tapi_log"))
		return tap_skip_all("fake-tapi.so is not preloaded");
	ring = tapi_ring_new(32);
	if (!ring)
		return tap_skip_all("no io_uring here: %s", strerror(errno));
	test_names();
	card = tapi_card_open("tapi0");
	line = card ? open_line(card) : NULL;
	c = tapi_completion_new();
	ok(card && line && c, "ring, line, completion");
	if (card && line && c) {
		test_call_requests(ring, line, c);
		test_take(ring, line, c);
		test_forward(ring, line, c);
		test_completions(ring, line, c);
		test_bad_args(ring, line);
		test_submit(line, c);
		ok(tapi_ring_get_num_in_flight(ring) == 0,
		   "nothing left in flight");
	}
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_card_close(card);
	tapi_ring_free(ring);
	return tap_done();
}
