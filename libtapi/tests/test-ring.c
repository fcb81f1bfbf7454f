// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libtapi's io_uring API without a tapi core: a real io_uring, and lines
 * from fake-tapi.so (LD_PRELOAD), whose fds are pipes.
 *
 * Most tests play the kernel: they read the SQE a queue function
 * prepared (its command, its command area and the structure it points
 * to), write what the core would write, and hand tapi_ring_handle_cqe() a
 * CQE made up for it, without ever submitting.  The others submit for
 * real: the application's NOPs come back as the application's, and
 * libtapi's commands on a pipe complete with EOPNOTSUPP, as on any file
 * that is not a tapi fd; they check batching, a full submission queue and
 * the limit of operations in flight.
 *
 * TAP output; exit 0 when every test passed, 1 otherwise, 4 (skip) when
 * the fake is not preloaded or io_uring is not available.
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liburing.h>
#include <libtapi.h>

#include "ring-helpers.h"
#include "tap.h"

/* The application's own objects, for user data. */
static int app_a, app_b, app_c;

static void test_names(void)
{
	ok(streq(tapi_ring_op_str(TAPI_RING_OP_MAKE_CALL), "makecall") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_READ_EVENTS), "readevents") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_APP), "app") &&
	   !tapi_ring_op_str(TAPI_RING_OP_NUM) &&
	   !tapi_ring_op_str((enum tapi_ring_op)-1), "operation names");
	ok(streq(tapi_ring_op_str(TAPI_RING_OP_HOLD), "hold") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE),
		 "prepareaddtoconference") &&
	   streq(tapi_ring_op_str(TAPI_RING_OP_GET_CONF_RELATED_CALLS),
		 "getconfrelatedcalls"), "supplementary operation names");
	for (unsigned int op = 0; op < TAPI_RING_OP_NUM; op++)
		if (!tapi_ring_op_str(op))
			ok(false, "operation %u has no name", op);
}

/* Bad arguments fail at once with EINVAL and queue nothing. */
static void test_bad_args(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(8);
	struct tapi_line *line = open_line(card);
	char long_str[TAPI_DIAL_LEN + 1];
	bool all = true;

	ok(ring && line, "ring and line");
	if (!ring || !line)
		goto out;
	memset(long_str, '1', sizeof(long_str) - 1);
	long_str[sizeof(long_str) - 1] = '\0';

#define EXPECT_EINVAL(what, call) do {				\
		int ret_;						\
									\
		errno = 0;						\
		ret_ = (call);						\
		if (ret_ != -1 || errno != EINVAL) {			\
			ok(false, "%s: EINVAL (%d, %s)", what, ret_,	\
			   strerror(errno));				\
			all = false;					\
		}							\
	} while (0)

	EXPECT_EINVAL("NULL ring", tapi_ring_queue_answer(NULL, line, 1, 0,
							  NULL));
	EXPECT_EINVAL("NULL line", tapi_ring_queue_answer(ring, NULL, 1, 0,
							  NULL));
	EXPECT_EINVAL("NULL line (status)",
		      tapi_ring_queue_get_status(ring, NULL, NULL));
	EXPECT_EINVAL("NULL line (read)",
		      tapi_ring_queue_read_events(ring, NULL, 0, NULL));
	EXPECT_EINVAL("unknown flag",
		      tapi_ring_queue_make_call(ring, line, "1", NULL, 2,
						NULL));
	EXPECT_EINVAL("unknown flag (drop)",
		      tapi_ring_queue_drop(ring, line, 1, 1u << 31, NULL));
	EXPECT_EINVAL("NULL number",
		      tapi_ring_queue_make_call(ring, line, NULL, NULL, 0,
						NULL));
	EXPECT_EINVAL("number too long",
		      tapi_ring_queue_make_call(ring, line, long_str, NULL, 0,
						NULL));
	EXPECT_EINVAL("digits too long",
		      tapi_ring_queue_dial(ring, line, 1, long_str, 0, NULL));
	EXPECT_EINVAL("no digits",
		      tapi_ring_queue_dial(ring, line, 1, NULL, 0, NULL));
	EXPECT_EINVAL("handoff: both targets",
		      tapi_ring_queue_handoff(ring, line, 1, TAPI_MEDIA_G3FAX,
					      "app", NULL));
	EXPECT_EINVAL("handoff: no target",
		      tapi_ring_queue_handoff(ring, line, 1, 0, NULL, NULL));
	EXPECT_EINVAL("new calls: bad address",
		      tapi_ring_queue_get_new_calls(ring, line, 4, -2, NULL));
	EXPECT_EINVAL("new calls: capacity",
		      tapi_ring_queue_get_new_calls(ring, line,
						    (unsigned int)INT_MAX + 1,
						    0, NULL));
	EXPECT_EINVAL("submit: NULL ring", tapi_ring_submit(NULL));
	EXPECT_EINVAL("flush: NULL ring", tapi_ring_flush(NULL));
	EXPECT_EINVAL("handle: NULL CQE",
		      tapi_ring_handle_cqe(ring, NULL, NULL));
	EXPECT_EINVAL("wait: NULL ring", tapi_ring_wait(NULL, NULL, 0));
	EXPECT_EINVAL("wait: NULL completion", tapi_ring_wait(ring, NULL, 0));
#undef EXPECT_EINVAL
	ok(all, "bad arguments fail with EINVAL");
	ok(sq_ready(ring) == 0 && tapi_ring_get_num_in_flight(ring) == 0,
	   "nothing queued, nothing in flight");
	errno = 0;
	ok(!tapi_ring_attach(NULL) && errno == EINVAL, "attach NULL: EINVAL");
out:
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* The SQE of make call, as the kernel reads it; its completions. */
static void test_make_call(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(8);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	struct tapi_call_params *p = tapi_call_params_new();
	struct tapi_call_make *req;
	struct io_uring_sqe *sqe;
	int ret;

	ok(ring && line && c && p, "ring, line, completion, params");
	if (!ring || !line || !c || !p)
		goto out;
	ok(tapi_ring_get_max_in_flight(ring) == 16,
	   "as many in flight as the CQ holds (%u)",
	   tapi_ring_get_max_in_flight(ring));
	ok(tapi_completion_get_op(c) == TAPI_RING_OP_APP &&
	   !tapi_completion_get_user_data(c) && !tapi_completion_get_line(c) &&
	   !tapi_completion_get_events(c), "a new completion is empty");

	tapi_call_params_set_address_id(p, 1);
	tapi_call_params_set_block_id(p, true);
	tapi_call_params_set_no_answer_timeout_ms(p, 5000);
	ret = tapi_ring_queue_make_call(ring, line, "1001", p,
					TAPI_URING_REPLY_EVENT, &app_a);
	tapi_call_params_free(p);
	p = NULL;
	ok(ret == 0 && sq_ready(ring) == 1 &&
	   tapi_ring_get_num_in_flight(ring) == 1, "make call queued");
	sqe = last_sqe(ring);
	req = arg_of(sqe);
	ok(sqe->opcode == IORING_OP_URING_CMD &&
	   sqe->fd == tapi_line_get_fd(line) &&
	   sqe->cmd_op == TAPI_IOC_CALL_MAKE && sqe->flags == 0,
	   "IORING_OP_URING_CMD, line fd, cmd_op TAPI_IOC_CALL_MAKE");
	ok(cmd_of(sqe)->len == 0 &&
	   cmd_of(sqe)->flags == TAPI_URING_REPLY_EVENT,
	   "command area: len 0, TAPI_URING_REPLY_EVENT");
	ok(req && req->size == sizeof(*req) &&
	   req->flags == TAPI_CALL_MAKE_BLOCKID && req->address_id == 1 &&
	   req->no_answer_timeout_ms == 5000 && streq(req->dest, "1001"),
	   "arg: struct tapi_call_make filled as for the ioctl");
	ok(sqe->user_data != (uintptr_t)&app_a,
	   "the SQE's user_data is libtapi's, not the application's");

	/* Reply as an event: the CQE says the request id. */
	req->call = 12;
	req->request_id = 5;
	ret = complete(ring, sqe, 5, c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_MAKE_CALL &&
	   tapi_completion_get_result(c) == 5 &&
	   tapi_completion_get_request_id(c) == 5 &&
	   tapi_completion_get_call(c) == 12 &&
	   tapi_completion_get_user_data(c) == &app_a &&
	   tapi_completion_get_line(c) == line &&
	   !tapi_completion_has_more(c),
	   "reply as event: result and request id 5, call 12, user data");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");
	errno = 0;
	ok(complete(ring, sqe, 5, c) == -1 && errno == EINVAL,
	   "the same CQE twice: EINVAL");

	/* Reply as the CQE: the outcome. */
	ret = tapi_ring_queue_make_call(ring, line, "1001", NULL, 0, &app_b);
	sqe = last_sqe(ring);
	req = arg_of(sqe);
	ok(!ret && cmd_of(sqe)->flags == 0 && req->flags == 0 &&
	   req->address_id == 0, "default params, reply as CQE");
	req->call = 13;
	req->request_id = 6;
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_call(c) == 13 &&
	   tapi_completion_get_request_id(c) == 6 &&
	   tapi_completion_get_user_data(c) == &app_b,
	   "reply as CQE: outcome 0, call 13, request id 6");

	ret = tapi_ring_queue_make_call(ring, line, "1001", NULL, 0, &app_b);
	sqe = last_sqe(ring);
	req = arg_of(sqe);
	req->call = 14;
	ret = complete(ring, sqe, -EBUSY, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EBUSY &&
	   tapi_completion_get_call(c) == 0,
	   "a failed request: -EBUSY, no handle");

	ret = tapi_ring_queue_make_call(ring, line, "1001", NULL, 0, NULL);
	sqe = last_sqe(ring);
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EIO &&
	   tapi_completion_get_call(c) == 0,
	   "success without a handle: EIO");

	ret = tapi_ring_queue_make_call(ring, line, "1001", NULL,
					TAPI_URING_REPLY_EVENT, NULL);
	sqe = last_sqe(ring);
	((struct tapi_call_make *)arg_of(sqe))->call = 15;
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EIO,
	   "reply as event without a request id: EIO");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");
out:
	tapi_call_params_free(p);
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* The supplementary requests: their commands and their completions. */
static void test_supp_ops(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(32);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	const struct tapi_conf_member *m;
	struct io_uring_sqe *sqe;
	bool all = true;
	int ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;

	static const struct {
		int (*fn)(struct tapi_ring *, struct tapi_line *, uint32_t,
			  unsigned int, void *);
		uint32_t cmd;
		enum tapi_ring_op op;
		const char *what;
	} reqs[] = {
		{ tapi_ring_queue_hold, TAPI_IOC_CALL_HOLD,
		  TAPI_RING_OP_HOLD, "hold" },
		{ tapi_ring_queue_unhold, TAPI_IOC_CALL_UNHOLD,
		  TAPI_RING_OP_UNHOLD, "unhold" },
		{ tapi_ring_queue_remove_from_conference,
		  TAPI_IOC_CALL_REMOVE_FROM_CONF,
		  TAPI_RING_OP_REMOVE_FROM_CONFERENCE, "remove from conference" },
	};
	for (unsigned int i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		struct tapi_call_request *r;

		ret = reqs[i].fn(ring, line, 9, 0, &app_b);
		sqe = last_sqe(ring);
		r = arg_of(sqe);
		ok(!ret && sqe->cmd_op == reqs[i].cmd &&
		   r->size == sizeof(*r) && r->call == 9 && r->flags == 0 &&
		   cmd_of(sqe)->flags == 0,
		   "%s: struct tapi_call_request", reqs[i].what);
		r->request_id = 50 + i;
		ret = complete(ring, sqe, -EBADFD, c);
		ok(ret == 1 && tapi_completion_get_op(c) == reqs[i].op &&
		   tapi_completion_get_call(c) == 9 &&
		   tapi_completion_get_result(c) == -EBADFD &&
		   tapi_completion_get_request_id(c) == 50 + i,
		   "%s: the outcome and the request id", reqs[i].what);
	}

	static const struct {
		int (*fn)(struct tapi_ring *, struct tapi_line *, uint32_t,
			  uint32_t, unsigned int, void *);
		uint32_t cmd;
		enum tapi_ring_op op;
		const char *what;
	} pairs[] = {
		{ tapi_ring_queue_swap_hold, TAPI_IOC_CALL_SWAP_HOLD,
		  TAPI_RING_OP_SWAP_HOLD, "swap hold" },
		{ tapi_ring_queue_add_to_conference, TAPI_IOC_CALL_ADD_TO_CONF,
		  TAPI_RING_OP_ADD_TO_CONFERENCE, "add to conference" },
	};
	for (unsigned int i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct tapi_call_pair *r;

		ret = pairs[i].fn(ring, line, 4, 5, TAPI_URING_REPLY_EVENT,
				  &app_a);
		sqe = last_sqe(ring);
		r = arg_of(sqe);
		ok(!ret && sqe->cmd_op == pairs[i].cmd &&
		   r->size == sizeof(*r) && r->call == 4 && r->other == 5 &&
		   r->flags == 0 && !r->reserved &&
		   cmd_of(sqe)->flags == TAPI_URING_REPLY_EVENT,
		   "%s: struct tapi_call_pair", pairs[i].what);
		r->request_id = 60 + i;
		ret = complete(ring, sqe, 60 + i, c);
		ok(ret == 1 && tapi_completion_get_op(c) == pairs[i].op &&
		   tapi_completion_get_call(c) == 4 &&
		   tapi_completion_get_result(c) == (int)(60 + i) &&
		   tapi_completion_get_consult_call(c) == 0,
		   "%s: the request id", pairs[i].what);
	}

	/* Setup transfer: the consultation call comes with the CQE. */
	ret = tapi_ring_queue_setup_transfer(ring, line, 4, 0, &app_a);
	sqe = last_sqe(ring);
	{
		struct tapi_call_consult *r = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_SETUP_TRANSFER &&
		   r->size == sizeof(*r) && r->call == 4 && r->flags == 0,
		   "setup transfer: struct tapi_call_consult");
		r->consult = 20;
		r->request_id = 7;
	}
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_op(c) ==
	   TAPI_RING_OP_SETUP_TRANSFER && tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_call(c) == 4 &&
	   tapi_completion_get_consult_call(c) == 20 &&
	   tapi_completion_get_conf_call(c) == 0 &&
	   tapi_completion_get_request_id(c) == 7,
	   "setup transfer: consultation call 20");
	ret = tapi_ring_queue_prepare_add_to_conference(ring, line, 6, 0, NULL);
	sqe = last_sqe(ring);
	ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_PREPARE_ADD_CONF &&
	   ((struct tapi_call_consult *)arg_of(sqe))->call == 6,
	   "prepare add: struct tapi_call_consult");
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EIO &&
	   tapi_completion_get_consult_call(c) == 0,
	   "prepare add: success without a handle is EIO");
	ret = tapi_ring_queue_setup_transfer(ring, line, 4, 0, NULL);
	sqe = last_sqe(ring);
	((struct tapi_call_consult *)arg_of(sqe))->consult = 21;
	ret = complete(ring, sqe, -EBUSY, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EBUSY &&
	   tapi_completion_get_consult_call(c) == 0,
	   "a failed setup transfer: no handle");

	/* Complete transfer, as a transfer and as a conference. */
	ret = tapi_ring_queue_complete_transfer(ring, line, 4, 20,
						TAPI_TRANSFER_TRANSFER, 0,
						NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_call_complete_transfer *r = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_COMPLETE_TRANSFER &&
		   r->size == sizeof(*r) && r->call == 4 && r->consult == 20 &&
		   r->flags == 0, "complete transfer: as a transfer");
	}
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == 0 &&
	   tapi_completion_get_conf_call(c) == 0, "no conference call");
	ret = tapi_ring_queue_complete_transfer(ring, line, 4, 20,
						TAPI_TRANSFER_CONFERENCE,
						TAPI_URING_REPLY_EVENT, NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_call_complete_transfer *r = arg_of(sqe);

		ok(!ret && r->flags == TAPI_COMPLETE_TRANSFER_CONFERENCE,
		   "complete transfer: as a conference");
		r->conf = 22;
		r->request_id = 8;
	}
	ret = complete(ring, sqe, 8, c);
	ok(ret == 1 && tapi_completion_get_result(c) == 8 &&
	   tapi_completion_get_conf_call(c) == 22 &&
	   tapi_completion_get_request_id(c) == 8,
	   "reply as event: request id 8, conference call 22");

	/* Blind transfer, setup conference. */
	ret = tapi_ring_queue_blind_transfer(ring, line, 4, "2003", 0, NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_call_dial *r = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_BLIND_TRANSFER &&
		   r->size == sizeof(*r) && r->call == 4 &&
		   streq(r->digits, "2003"), "blind transfer: the number");
	}
	ret = complete(ring, sqe, -ENXIO, c);
	ok(ret == 1 && tapi_completion_get_op(c) ==
	   TAPI_RING_OP_BLIND_TRANSFER && tapi_completion_get_result(c) ==
	   -ENXIO, "blind transfer: -ENXIO");
	ret = tapi_ring_queue_setup_conference(ring, line, 4, 3, 0, &app_c);
	sqe = last_sqe(ring);
	{
		struct tapi_call_setup_conf *r = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_SETUP_CONF &&
		   r->size == sizeof(*r) && r->call == 4 &&
		   r->num_parties == 3 && !r->reserved,
		   "setup conference: struct tapi_call_setup_conf");
		r->conf = 30;
		r->consult = 31;
	}
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_conf_call(c) == 30 &&
	   tapi_completion_get_consult_call(c) == 31 &&
	   tapi_completion_get_user_data(c) == &app_c,
	   "setup conference: both new handles");

	/* The calls of a conference. */
	ret = tapi_ring_queue_get_conf_related_calls(ring, line, 30, 2, NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_conf_related *r = arg_of(sqe);
		struct tapi_conf_member *out =
			(struct tapi_conf_member *)(uintptr_t)r->members;

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_GET_CONF_RELATED &&
		   r->size == sizeof(*r) && r->call == 30 && r->capacity == 2 &&
		   out, "conference query: room for 2");
		if (out) {
			out[0].call_id = 100;
			out[0].handle = 30;
			out[1].call_id = 101;
			out[1].state = TAPI_CALLSTATE_CONFERENCED;
		}
		r->count = 2;
		r->remaining = 1;
	}
	ret = complete(ring, sqe, 0, c);
	m = tapi_completion_get_conf_member(c, 1);
	ok(ret == 1 && tapi_completion_get_result(c) == 2 &&
	   tapi_completion_get_remaining(c) == 1 &&
	   tapi_completion_get_conf_member(c, 0)->handle == 30 && m &&
	   m->call_id == 101 && m->state == TAPI_CALLSTATE_CONFERENCED &&
	   !tapi_completion_get_conf_member(c, 2),
	   "conference query: two entries, one left out");
	ret = tapi_ring_queue_get_conf_related_calls(ring, line, 30, 1, NULL);
	sqe = last_sqe(ring);
	((struct tapi_conf_related *)arg_of(sqe))->count = 2;
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EIO &&
	   !tapi_completion_get_conf_member(c, 0),
	   "conference query: a count beyond the capacity is EIO");

#define EXPECT_EINVAL(what, call) do {				\
		errno = 0;						\
		if ((call) != -1 || errno != EINVAL) {			\
			ok(false, "%s: EINVAL", what);			\
			all = false;					\
		}							\
	} while (0)
	EXPECT_EINVAL("hold: unknown flag",
		      tapi_ring_queue_hold(ring, line, 1, 2, NULL));
	EXPECT_EINVAL("complete transfer: no mode",
		      tapi_ring_queue_complete_transfer(ring, line, 1, 2, 0, 0,
							NULL));
	EXPECT_EINVAL("blind transfer: NULL",
		      tapi_ring_queue_blind_transfer(ring, line, 1, NULL, 0,
						     NULL));
	EXPECT_EINVAL("conference query: capacity",
		      tapi_ring_queue_get_conf_related_calls(ring, line, 1,
						(unsigned int)INT_MAX + 1,
						NULL));
#undef EXPECT_EINVAL
	ok(all, "bad arguments of the supplementary requests: EINVAL");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* Each call operation: its command and its completion. */
static void test_call_ops(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(32);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	struct io_uring_sqe *sqe;
	int ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;

	ret = tapi_ring_queue_dial(ring, line, 7, "123#", 0, &app_a);
	sqe = last_sqe(ring);
	{
		struct tapi_call_dial *d = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_DIAL &&
		   d->size == sizeof(*d) && d->call == 7 && d->flags == 0 &&
		   streq(d->digits, "123#"), "dial: struct tapi_call_dial");
		d->request_id = 3;
	}
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_DIAL &&
	   tapi_completion_get_call(c) == 7 &&
	   tapi_completion_get_request_id(c) == 3 &&
	   tapi_completion_get_result(c) == 0, "dial completes");

	static const struct {
		int (*fn)(struct tapi_ring *, struct tapi_line *, uint32_t,
			  unsigned int, void *);
		uint32_t cmd;
		enum tapi_ring_op op;
		const char *what;
	} reqs[] = {
		{ tapi_ring_queue_answer, TAPI_IOC_CALL_ANSWER,
		  TAPI_RING_OP_ANSWER, "answer" },
		{ tapi_ring_queue_accept, TAPI_IOC_CALL_ACCEPT,
		  TAPI_RING_OP_ACCEPT, "accept" },
		{ tapi_ring_queue_drop, TAPI_IOC_CALL_DROP,
		  TAPI_RING_OP_DROP, "drop" },
	};
	for (unsigned int i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		struct tapi_call_request *r;

		ret = reqs[i].fn(ring, line, 9, TAPI_URING_REPLY_EVENT, &app_b);
		sqe = last_sqe(ring);
		r = arg_of(sqe);
		ok(!ret && sqe->cmd_op == reqs[i].cmd &&
		   r->size == sizeof(*r) && r->call == 9 && r->flags == 0 &&
		   cmd_of(sqe)->flags == TAPI_URING_REPLY_EVENT,
		   "%s: struct tapi_call_request", reqs[i].what);
		r->request_id = 40 + i;
		ret = complete(ring, sqe, 40 + i, c);
		ok(ret == 1 && tapi_completion_get_op(c) == reqs[i].op &&
		   tapi_completion_get_call(c) == 9 &&
		   tapi_completion_get_result(c) == (int)(40 + i) &&
		   tapi_completion_get_request_id(c) == 40 + i,
		   "%s: the request id", reqs[i].what);
	}

	ret = tapi_ring_queue_deallocate_call(ring, line, 9, &app_c);
	sqe = last_sqe(ring);
	{
		struct tapi_call_dealloc *d = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_DEALLOCATE &&
		   d->size == sizeof(*d) && d->call == 9,
		   "deallocate: struct tapi_call_dealloc");
	}
	ret = complete(ring, sqe, -EBUSY, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EBUSY &&
	   tapi_completion_get_request_id(c) == 0 &&
	   tapi_completion_get_user_data(c) == &app_c,
	   "deallocate: the core's error");

	ret = tapi_ring_queue_set_call_privilege(ring, line, 9,
						 TAPI_PRIV_OWNER, NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_call_privilege *pr = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_SET_PRIVILEGE &&
		   pr->size == sizeof(*pr) && pr->call == 9 &&
		   pr->privilege == TAPI_PRIV_OWNER, "set call privilege");
	}
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_op(c) == TAPI_RING_OP_SET_CALL_PRIVILEGE,
	   "set call privilege completes");

	ret = tapi_ring_queue_handoff(ring, line, 9, 0, "other", NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_call_handoff *h = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_HANDOFF &&
		   h->size == sizeof(*h) && h->call == 9 &&
		   h->media_mode == 0 && streq(h->app_name, "other"),
		   "handoff: struct tapi_call_handoff");
	}
	ok(complete(ring, sqe, -ESRCH, c) == 1 &&
	   tapi_completion_get_result(c) == -ESRCH, "handoff: ESRCH");

	ret = tapi_ring_queue_set_event_mask(ring, line, 1ull << TAPI_EV_REPLY,
					     NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_line_event_mask *m = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_SET_EVENT_MASK &&
		   m->size == sizeof(*m) &&
		   m->event_mask == 1ull << TAPI_EV_REPLY, "set event mask");
	}
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_call(c) == 0, "set event mask completes");

	ret = tapi_ring_queue_set_priority(ring, line,
					   TAPI_MEDIA_INTERACTIVEVOICE, 3,
					   NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_line_priority *pr = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_SET_PRIORITY &&
		   pr->size == sizeof(*pr) &&
		   pr->media_modes == TAPI_MEDIA_INTERACTIVEVOICE &&
		   pr->priority == 3, "set priority");
	}
	ok(complete(ring, sqe, 0, c) == 1, "set priority completes");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* Queries: the snapshots come with the completion. */
static void test_queries(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(16);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	const struct tapi_line_call_status *cs;
	const struct tapi_line_call_info *ci;
	const struct tapi_line_address_status *as;
	const struct tapi_line_status *ls;
	struct io_uring_sqe *sqe;
	int ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;

	ret = tapi_ring_queue_get_call_status(ring, line, 7, &app_a);
	sqe = last_sqe(ring);
	{
		struct tapi_call_status *st = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_GET_STATUS &&
		   st->size == sizeof(*st) && st->call == 7,
		   "call status: struct tapi_call_status");
		st->state = TAPI_CALLSTATE_CONNECTED;
		st->mode = TAPI_CONNECTEDMODE_ACTIVE;
		st->privilege = TAPI_PRIV_OWNER;
		st->call_features = TAPI_CALLFEATURE_DROP;
		st->call_id = 66;
		st->state_ns = 1234;
	}
	ret = complete(ring, sqe, 0, c);
	cs = tapi_completion_get_call_status(c);
	ok(ret == 1 && cs && tapi_line_call_status_get_call(cs) == 7 &&
	   tapi_line_call_status_get_state(cs) == TAPI_CALLSTATE_CONNECTED &&
	   tapi_line_call_status_get_mode(cs) == TAPI_CONNECTEDMODE_ACTIVE &&
	   tapi_line_call_status_get_privilege(cs) == TAPI_PRIV_OWNER &&
	   tapi_line_call_status_get_features(cs) == TAPI_CALLFEATURE_DROP &&
	   tapi_line_call_status_get_call_id(cs) == 66 &&
	   tapi_line_call_status_get_state_ns(cs) == 1234,
	   "call status: the snapshot");
	ok(!tapi_completion_get_call_info(c) &&
	   !tapi_completion_get_events(c), "and nothing else");

	ret = tapi_ring_queue_get_call_status(ring, line, 8, NULL);
	sqe = last_sqe(ring);
	ret = complete(ring, sqe, -ENOENT, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -ENOENT &&
	   !tapi_completion_get_call_status(c), "call status: ENOENT");

	ret = tapi_ring_queue_get_call_info(ring, line, 7, &app_b);
	sqe = last_sqe(ring);
	{
		struct tapi_call_info *info = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_CALL_GET_INFO &&
		   info->size == sizeof(*info) && info->call == 7,
		   "call info: struct tapi_call_info");
		info->call_id = 66;
		info->address_id = 1;
		strcpy(info->caller.number, "555");
		/* No NUL: the snapshot must terminate it. */
		memset(info->called.name, 'x', sizeof(info->called.name));
	}
	ret = complete(ring, sqe, 0, c);
	ci = tapi_completion_get_call_info(c);
	ok(ret == 1 && ci && tapi_line_call_info_get_call(ci) == 7 &&
	   tapi_line_call_info_get_call_id(ci) == 66 &&
	   tapi_line_call_info_get_address_id(ci) == 1 &&
	   streq(tapi_line_call_info_get_party_number(ci, TAPI_PARTY_CALLER),
		 "555") &&
	   strlen(tapi_line_call_info_get_party_name(ci, TAPI_PARTY_CALLED)) ==
	   TAPI_PARTY_NAME_LEN - 1, "call info: the snapshot, terminated");

	ret = tapi_ring_queue_get_address_status(ring, line, 1, NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_address_status *st = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_ADDRESS_GET_STATUS &&
		   st->size == sizeof(*st) && st->address_id == 1,
		   "address status: struct tapi_address_status");
		st->num_inuse = 2;
		st->address_features = TAPI_ADDRFEATURE_MAKECALL;
	}
	ret = complete(ring, sqe, 0, c);
	as = tapi_completion_get_address_status(c);
	ok(ret == 1 && as && tapi_completion_get_op(c) ==
	   TAPI_RING_OP_GET_ADDRESS_STATUS &&
	   tapi_line_address_status_get_address_id(as) == 1 &&
	   tapi_line_address_status_get_num_inuse(as) == 2 &&
	   tapi_line_address_status_get_features(as) ==
	   TAPI_ADDRFEATURE_MAKECALL, "address status: the snapshot");

	ret = tapi_ring_queue_get_status(ring, line, NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_line_devstatus *ds = arg_of(sqe);

		ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_GET_DEVSTATUS &&
		   ds->size == sizeof(*ds), "line status: struct "
		   "tapi_line_devstatus");
		ds->num_opens = 3;
		ds->devstatus_flags = TAPI_DEVSTATUS_INSERVICE;
	}
	ret = complete(ring, sqe, 0, c);
	ls = tapi_completion_get_line_status(c);
	ok(ret == 1 && ls && tapi_line_status_get_num_opens(ls) == 3 &&
	   tapi_line_status_get_flags(ls) == TAPI_DEVSTATUS_INSERVICE,
	   "line status: the snapshot");

	ret = tapi_ring_queue_get_new_calls(ring, line, 4, 1, &app_c);
	sqe = last_sqe(ring);
	{
		struct tapi_line_new_calls *nc = arg_of(sqe);
		uint32_t *h = (uint32_t *)(uintptr_t)nc->handles;

		ok(!ret && sqe->cmd_op == TAPI_IOC_LINE_GET_NEW_CALLS &&
		   nc->size == sizeof(*nc) && nc->capacity == 4 && h &&
		   nc->flags == TAPI_NEW_CALLS_ADDRESS && nc->address_id == 1,
		   "new calls: struct tapi_line_new_calls with an array");
		h[0] = 21;
		h[1] = 22;
		nc->count = 2;
		nc->remaining = 5;
	}
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == 2 &&
	   tapi_completion_get_new_call(c, 0) == 21 &&
	   tapi_completion_get_new_call(c, 1) == 22 &&
	   tapi_completion_get_new_call(c, 2) == 0 &&
	   tapi_completion_get_remaining(c) == 5,
	   "new calls: 2 handles, 5 remaining");

	ret = tapi_ring_queue_get_new_calls(ring, line, 0, TAPI_ALL_ADDRESSES,
					    NULL);
	sqe = last_sqe(ring);
	{
		struct tapi_line_new_calls *nc = arg_of(sqe);

		ok(!ret && !nc->handles && !nc->flags && !nc->capacity,
		   "new calls: counting only");
		nc->count = 1;	/* more than the capacity */
	}
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EIO &&
	   tapi_completion_get_remaining(c) == 0,
	   "new calls: a count past the capacity is EIO");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

static void put_event(struct tapi_event *ev, uint32_t seqno, uint32_t type)
{
	memset(ev, 0, sizeof(*ev));
	ev->seqno = seqno;
	ev->type = type;
	ev->call = 7;
}

/* A read of events, re-armed until it ends. */
static void test_read_events(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(8);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	const struct tapi_event_buffer *buf;
	const struct tapi_line_event *ev;
	struct io_uring_sqe *sqe;
	struct tapi_event *recs, *first;
	uint64_t ud;
	int ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;

	ret = tapi_ring_queue_read_events(ring, line, 4, &app_a);
	sqe = last_sqe(ring);
	ud = sqe->user_data;
	first = recs = arg_of(sqe);
	ok(!ret && sqe->cmd_op == TAPI_URING_READ_EVENTS &&
	   cmd_of(sqe)->len == 4 * sizeof(struct tapi_event) && recs &&
	   cmd_of(sqe)->flags == 0, "read: a buffer of 4 records");

	put_event(&recs[0], 1, TAPI_EV_CALLSTATE);
	put_event(&recs[1], 2, TAPI_EV_REPLY);
	put_event(&recs[2], 3, TAPI_EV_CALLINFO);
	ret = complete(ring, sqe, 3 * sizeof(struct tapi_event), c);
	buf = tapi_completion_get_events(c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_READ_EVENTS &&
	   tapi_completion_get_result(c) == 3 && buf &&
	   tapi_event_buffer_get_num_events(buf) == 3 &&
	   tapi_completion_has_more(c) &&
	   tapi_completion_get_user_data(c) == &app_a,
	   "three events, more to come");
	ev = buf ? tapi_event_buffer_get(buf, 2) : NULL;
	ok(ev && tapi_line_event_get_seqno(ev) == 3 &&
	   tapi_line_event_get_type(ev) == TAPI_EV_CALLINFO &&
	   tapi_line_event_get_call(ev) == 7, "the events themselves");
	ok(tapi_ring_get_num_in_flight(ring) == 1 && sq_ready(ring) == 1,
	   "still in flight, not queued again yet");

	ok(tapi_ring_flush(ring) == 0 && sq_ready(ring) == 2,
	   "flush queues the read again");
	sqe = last_sqe(ring);
	recs = arg_of(sqe);
	ok(sqe->user_data == ud && sqe->cmd_op == TAPI_URING_READ_EVENTS &&
	   cmd_of(sqe)->len == 4 * sizeof(struct tapi_event) && recs &&
	   recs != first, "same record, another buffer");
	/* The kernel writes the next batch: the first stays as it was. */
	put_event(&recs[0], 4, TAPI_EV_NEWCALL);
	ok(tapi_line_event_get_seqno(tapi_event_buffer_get(buf, 0)) == 1,
	   "the completion's events are not overwritten by the next read");
	ret = complete(ring, sqe, sizeof(struct tapi_event), c);
	buf = tapi_completion_get_events(c);
	ok(ret == 1 && tapi_completion_get_result(c) == 1 && buf &&
	   tapi_event_buffer_get_num_events(buf) == 1 &&
	   tapi_line_event_get_seqno(tapi_event_buffer_get(buf, 0)) == 4 &&
	   tapi_completion_has_more(c), "the next batch");

	tapi_ring_flush(ring);
	sqe = last_sqe(ring);
	ok(arg_of(sqe) == first, "buffers go round: no allocation any more");
	ret = complete(ring, sqe, 100, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -EIO &&
	   !tapi_completion_has_more(c) && !tapi_completion_get_events(c),
	   "part of a record: EIO, the read ends");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");

	/* The end: the card is gone. */
	tapi_ring_queue_read_events(ring, line, 0, &app_b);
	sqe = last_sqe(ring);
	ok(cmd_of(sqe)->len ==
	   TAPI_EVENT_BUFFER_DEFAULT * sizeof(struct tapi_event),
	   "0 events: the default buffer");
	ret = complete(ring, sqe, -ENODEV, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -ENODEV &&
	   !tapi_completion_has_more(c) &&
	   tapi_ring_get_num_in_flight(ring) == 0, "ENODEV ends the read");

	tapi_ring_queue_read_events(ring, line, TAPI_EVENT_QUEUE_MAX + 1,
				    NULL);
	sqe = last_sqe(ring);
	ok(cmd_of(sqe)->len == TAPI_EVENT_QUEUE_MAX * sizeof(struct tapi_event),
	   "at most TAPI_EVENT_QUEUE_MAX events");
	ret = complete(ring, sqe, -ECANCELED, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -ECANCELED &&
	   !tapi_completion_has_more(c), "ECANCELED ends the read");
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* A line closed while its operations are in flight. */
static void test_closed_line(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(8);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	struct io_uring_sqe *sqe, *status_sqe;
	struct tapi_event *recs;
	uint64_t read_ud;
	int ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;

	tapi_ring_queue_read_events(ring, line, 2, &app_a);
	sqe = last_sqe(ring);
	read_ud = sqe->user_data;
	tapi_ring_queue_get_status(ring, line, &app_b);
	status_sqe = last_sqe(ring);
	recs = arg_of(sqe);
	put_event(&recs[0], 1, TAPI_EV_CALLSTATE);
	ret = complete(ring, sqe, sizeof(struct tapi_event), c);
	ok(ret == 1 && tapi_completion_has_more(c), "a read completes");

	tapi_line_close(line);
	errno = 0;
	ok(tapi_ring_queue_answer(ring, line, 1, 0, NULL) == -1 &&
	   errno == EBADF, "queueing on a closed line: EBADF");
	ok(tapi_ring_flush(ring) == 0, "flush");
	sqe = last_sqe(ring);
	ok(sqe->opcode == IORING_OP_NOP && sqe->user_data == read_ud,
	   "the read is not re-armed on a closed line: a NOP instead");
	ret = complete(ring, sqe, 0, c);
	ok(ret == 1 && tapi_completion_get_op(c) == TAPI_RING_OP_READ_EVENTS &&
	   tapi_completion_get_result(c) == -ECANCELED &&
	   !tapi_completion_has_more(c) &&
	   tapi_completion_get_user_data(c) == &app_a,
	   "and ends with ECANCELED");
	ok(tapi_completion_get_line(c) == line &&
	   tapi_line_get_fd(line) == -1,
	   "the completion's line is still there, without its fd");

	ret = complete(ring, status_sqe, -ECANCELED, c);
	ok(ret == 1 && tapi_completion_get_result(c) == -ECANCELED &&
	   tapi_completion_get_user_data(c) == &app_b &&
	   tapi_ring_get_num_in_flight(ring) == 0,
	   "the other operation completes after the close");
	line = NULL;	/* freed with the completion (valgrind) */
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* CQEs that are not libtapi's are left to the application. */
static void test_not_ours(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(8);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	struct io_uring_cqe cqe = { .res = 0 };
	struct io_uring_sqe *sqe;
	bool all = true;
	uint64_t ours;
	int i;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;
	tapi_ring_queue_get_status(ring, line, &app_a);
	sqe = last_sqe(ring);
	ours = sqe->user_data;

	const uint64_t values[] = {
		0, 1, (uintptr_t)&app_a, (uintptr_t)c, (uintptr_t)ring,
		ours + 1, ours - 1, ours + 64 * 1024, ~0ull, 1ull << 63,
	};
	for (i = 0; i < (int)(sizeof(values) / sizeof(values[0])); i++) {
		cqe.user_data = values[i];
		if (tapi_ring_handle_cqe(ring, &cqe, c) != 0) {
			ok(false, "user_data %#llx is the application's",
			   (unsigned long long)values[i]);
			all = false;
		}
	}
	ok(all, "the application's user_data is never taken for libtapi's");
	ok(tapi_completion_get_op(c) == TAPI_RING_OP_APP &&
	   !tapi_completion_get_user_data(c),
	   "the completion is left untouched");
	ok(complete(ring, sqe, 0, c) == 1 &&
	   tapi_completion_get_user_data(c) == &app_a, "libtapi's own is");
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/*
 * Through the kernel: the application's NOPs and libtapi's commands on
 * one ring, submitted in one batch, told apart.
 */
static void test_shared_ring(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(8);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	struct io_uring_sqe *sqe;
	bool saw_a = false, saw_b = false, saw_c = false, bad = false;
	int i, ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;

	sqe = io_uring_get_sqe(tapi_ring_get_uring(ring));
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data(sqe, &app_a);
	ok(tapi_ring_queue_get_status(ring, line, &app_b) == 0 &&
	   tapi_ring_queue_read_events(ring, line, 0, &app_c) == 0,
	   "an application NOP, then two operations of libtapi's");
	ret = tapi_ring_submit(ring);
	ok(ret == 3, "one submission of the three (%d)", ret);

	for (i = 0; i < 3; i++) {
		ret = tapi_ring_wait(ring, c, 1000000000LL);
		if (ret != 1) {
			bad = true;
			break;
		}
		if (tapi_completion_get_user_data(c) == &app_a)
			saw_a = tapi_completion_get_op(c) == TAPI_RING_OP_APP &&
				tapi_completion_get_result(c) == 0 &&
				!tapi_completion_get_line(c);
		else if (tapi_completion_get_user_data(c) == &app_b)
			saw_b = tapi_completion_get_op(c) ==
				TAPI_RING_OP_GET_STATUS &&
				tapi_completion_get_result(c) == -EOPNOTSUPP;
		else if (tapi_completion_get_user_data(c) == &app_c)
			saw_c = tapi_completion_get_op(c) ==
				TAPI_RING_OP_READ_EVENTS &&
				tapi_completion_get_result(c) == -EOPNOTSUPP &&
				!tapi_completion_has_more(c);
		else
			bad = true;
	}
	ok(!bad && saw_a, "the NOP comes back as the application's");
	ok(saw_b && saw_c, "libtapi's commands on a pipe: EOPNOTSUPP");
	ok(tapi_ring_get_num_in_flight(ring) == 0, "nothing in flight");
	ok(tapi_ring_wait(ring, c, 0) == 0, "then nothing: a timeout");

	/* The application reaping itself. */
	sqe = io_uring_get_sqe(tapi_ring_get_uring(ring));
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data(sqe, &app_a);
	tapi_ring_queue_set_event_mask(ring, line, 0, &app_b);
	ok(io_uring_submit_and_wait(tapi_ring_get_uring(ring), 2) == 2,
	   "submitted by the application");
	{
		struct io_uring *u = tapi_ring_get_uring(ring);
		struct io_uring_cqe *cqe;
		unsigned int head, app = 0, lib = 0, seen = 0;

		io_uring_for_each_cqe(u, head, cqe) {
			ret = tapi_ring_handle_cqe(ring, cqe, c);
			if (ret == 0 && cqe->user_data == (uintptr_t)&app_a)
				app++;
			if (ret == 1 && tapi_completion_get_user_data(c) ==
			    &app_b)
				lib++;
			seen++;
		}
		io_uring_cq_advance(u, seen);
		ok(app == 1 && lib == 1,
		   "tapi_ring_handle_cqe() in the application's loop");
	}
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* A full submission queue, and the limit of operations in flight. */
static void test_limits(struct tapi_card *card)
{
	struct tapi_ring *ring = tapi_ring_new(4);
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	int i, n = 0, ret;

	ok(ring && line && c, "ring, line, completion");
	if (!ring || !line || !c)
		goto out;
	ok(tapi_ring_get_max_in_flight(ring) == 8, "8 in flight at most");

	for (i = 0; i < 4; i++)
		n += !tapi_ring_queue_get_status(ring, line, NULL);
	errno = 0;
	ret = tapi_ring_queue_get_status(ring, line, NULL);
	ok(n == 4 && ret == -1 && errno == EBUSY,
	   "a full submission queue: EBUSY");
	ok(sq_ready(ring) == 4 && tapi_ring_get_num_in_flight(ring) == 4,
	   "and nothing more queued");
	ok(tapi_ring_submit(ring) == 4, "submit the four");
	for (i = 0; i < 4; i++)
		n += !tapi_ring_queue_get_status(ring, line, NULL);
	ok(n == 8 && tapi_ring_submit(ring) == 4, "four more");
	errno = 0;
	ret = tapi_ring_queue_get_status(ring, line, NULL);
	ok(ret == -1 && errno == ENOBUFS && sq_ready(ring) == 0,
	   "eight in flight: ENOBUFS");

	for (i = 0; i < 8; i++) {
		if (tapi_ring_wait(ring, c, 1000000000LL) != 1 ||
		    tapi_completion_get_result(c) != -EOPNOTSUPP)
			break;
	}
	ok(i == 8 && tapi_ring_get_num_in_flight(ring) == 0,
	   "the eight completions handled");
	ok(tapi_ring_queue_get_status(ring, line, NULL) == 0,
	   "room again");
out:
	tapi_completion_free(c);
	tapi_line_close(line);
	tapi_ring_free(ring);
}

/* An application's ring. */
static void test_attach(struct tapi_card *card)
{
	struct tapi_line *line = open_line(card);
	struct tapi_completion *c = tapi_completion_new();
	struct io_uring uring, iopoll;
	struct tapi_ring *ring;

	ok(line && c && !io_uring_queue_init(4, &uring, 0),
	   "the application's ring");
	ring = tapi_ring_attach(&uring);
	ok(ring && tapi_ring_get_uring(ring) == &uring &&
	   tapi_ring_get_max_in_flight(ring) == 8, "attached");
	if (ring && line && c) {
		ok(tapi_ring_queue_read_events(ring, line, 1, &app_a) == 0 &&
		   tapi_ring_submit(ring) == 1 &&
		   tapi_ring_wait(ring, c, 1000000000LL) == 1 &&
		   tapi_completion_get_user_data(c) == &app_a &&
		   tapi_completion_get_result(c) == -EOPNOTSUPP,
		   "a read of events on a pipe: EOPNOTSUPP");
	}
	tapi_ring_free(ring);
	ok(io_uring_get_sqe(&uring) != NULL,
	   "the ring stays the application's after tapi_ring_free()");
	io_uring_queue_exit(&uring);

	if (!io_uring_queue_init(4, &iopoll, IORING_SETUP_IOPOLL)) {
		errno = 0;
		ok(!tapi_ring_attach(&iopoll) && errno == EOPNOTSUPP,
		   "an IOPOLL ring: EOPNOTSUPP");
		io_uring_queue_exit(&iopoll);
	}
	tapi_completion_free(c);
	tapi_line_close(line);
}

int main(void)
{
	struct tapi_ring *probe;
	struct tapi_card *card;

	printf("TAP version 13\n");
	if (!dlsym(RTLD_DEFAULT, "fake_tapi_log"))
		return tap_skip_all("fake-tapi.so is not preloaded");
	probe = tapi_ring_new(0);
	if (!probe)
		return tap_skip_all("no io_uring here: %s", strerror(errno));
	ok(tapi_ring_get_max_in_flight(probe) == 2 * TAPI_RING_DEFAULT_ENTRIES,
	   "tapi_ring_new(0): the default size");
	tapi_ring_free(probe);

	test_names();
	card = tapi_card_open("tapi0");
	ok(card != NULL, "open tapi0");
	if (card) {
		test_bad_args(card);
		test_make_call(card);
		test_call_ops(card);
		test_supp_ops(card);
		test_queries(card);
		test_read_events(card);
		test_closed_line(card);
		test_not_ours(card);
		test_shared_ring(card);
		test_limits(card);
		test_attach(card);
		tapi_card_close(card);
	}
	return tap_done();
}
