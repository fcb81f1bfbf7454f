// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Rings: line operations on an io_uring (IORING_OP_URING_CMD), the ring
 * itself, its pool of operation records, submission and reaping.
 *
 * Every operation has a record in the ring's pool from the moment it is
 * queued until its completion is handled: the record holds the command's
 * structure, which the kernel reads and writes until the CQE, and its
 * address is the SQE's user_data.  A CQE is libtapi's if and only if its
 * user_data is the address of a record of the pool, which is checked by
 * arithmetic alone, so that the application's user_data, whatever it
 * holds, is never read as a record.
 *
 * A read of events completes once per batch of events.  Handling its
 * completion puts the record on the re-arm list; the next flush gives it a
 * new SQE, unless the line was closed meanwhile (its fd number may name
 * another file by then): a NOP then brings the read to a last completion
 * with -ECANCELED, the result the kernel gives a read pending on a line
 * that is closed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <liburing.h>

#include "ring.h"

_Static_assert(offsetof(struct io_uring_sqe, addr3) +
	       sizeof(struct tapi_uring_cmd) <= sizeof(struct io_uring_sqe),
	       "struct tapi_uring_cmd fits a 64-byte SQE's command area");

/*
 * @uring: the io_uring, @own_uring or the application's
 * @owned: @uring is @own_uring, made by tapi_ring_new()
 * @ops: the pool, @max_ops records
 * @used: records handed out at least once: @ops[0] to @ops[@used - 1]
 *	(the others have never been touched)
 * @in_flight: records not on the free list
 * @free_list: records to reuse
 * @rearm: reads of events waiting for an SQE, oldest first; @rearm_tail
 *	points to the last one's @next
 */
struct tapi_ring {
	struct io_uring *uring;
	struct io_uring own_uring;
	bool owned;
	struct ring_op *ops;
	unsigned int max_ops;
	unsigned int used;
	unsigned int in_flight;
	struct ring_op *free_list;
	struct ring_op *rearm;
	struct ring_op **rearm_tail;
};

static const char *const op_names[TAPI_RING_OP_NUM] = {
	[TAPI_RING_OP_APP]			= "app",
	[TAPI_RING_OP_MAKE_CALL]		= "makecall",
	[TAPI_RING_OP_DIAL]			= "dial",
	[TAPI_RING_OP_ANSWER]			= "answer",
	[TAPI_RING_OP_ACCEPT]			= "accept",
	[TAPI_RING_OP_DROP]			= "drop",
	[TAPI_RING_OP_DEALLOCATE_CALL]		= "deallocatecall",
	[TAPI_RING_OP_SET_CALL_PRIVILEGE]	= "setcallprivilege",
	[TAPI_RING_OP_HANDOFF]			= "handoff",
	[TAPI_RING_OP_GET_NEW_CALLS]		= "getnewcalls",
	[TAPI_RING_OP_SET_EVENT_MASK]		= "seteventmask",
	[TAPI_RING_OP_SET_PRIORITY]		= "setpriority",
	[TAPI_RING_OP_GET_CALL_INFO]		= "getcallinfo",
	[TAPI_RING_OP_GET_CALL_STATUS]		= "getcallstatus",
	[TAPI_RING_OP_GET_ADDRESS_STATUS]	= "getaddressstatus",
	[TAPI_RING_OP_GET_STATUS]		= "getstatus",
	[TAPI_RING_OP_READ_EVENTS]		= "readevents",
	[TAPI_RING_OP_HOLD]			= "hold",
	[TAPI_RING_OP_UNHOLD]			= "unhold",
	[TAPI_RING_OP_SWAP_HOLD]		= "swaphold",
	[TAPI_RING_OP_SETUP_TRANSFER]		= "setuptransfer",
	[TAPI_RING_OP_COMPLETE_TRANSFER]	= "completetransfer",
	[TAPI_RING_OP_BLIND_TRANSFER]		= "blindtransfer",
	[TAPI_RING_OP_SETUP_CONFERENCE]		= "setupconference",
	[TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE] = "prepareaddtoconference",
	[TAPI_RING_OP_ADD_TO_CONFERENCE]	= "addtoconference",
	[TAPI_RING_OP_REMOVE_FROM_CONFERENCE]	= "removefromconference",
	[TAPI_RING_OP_GET_CONF_RELATED_CALLS]	= "getconfrelatedcalls",
	[TAPI_RING_OP_REDIRECT]			= "redirect",
	[TAPI_RING_OP_PICKUP]			= "pickup",
	[TAPI_RING_OP_PARK]			= "park",
	[TAPI_RING_OP_UNPARK]			= "unpark",
	[TAPI_RING_OP_FORWARD]			= "forward",
	[TAPI_RING_OP_SECURE_CALL]		= "securecall",
	[TAPI_RING_OP_SEND_USER_USER_INFO]	= "senduseruserinfo",
	[TAPI_RING_OP_COMPLETE_CALL]		= "completecall",
	[TAPI_RING_OP_UNCOMPLETE_CALL]		= "uncompletecall",
};

TAPI_API const char *tapi_ring_op_str(enum tapi_ring_op op)
{
	if ((unsigned int)op >= ARRAY_SIZE(op_names))
		return NULL;
	return op_names[op];
}

/* A ring object, without its io_uring and its pool yet. */
static struct tapi_ring *ring_alloc(void)
{
	struct tapi_ring *ring;

	ring = calloc(1, sizeof(*ring));
	if (!ring)
		return NULL;
	ring->rearm_tail = &ring->rearm;
	return ring;
}

/* The pool: as many records as the CQ has entries. */
static int ring_init_pool(struct tapi_ring *ring)
{
	ring->max_ops = ring->uring->cq.ring_entries;
	/* Allocated once: the ring never holds more. */
	ring->ops = calloc(ring->max_ops, sizeof(*ring->ops));
	return ring->ops ? 0 : -1;
}

TAPI_API struct tapi_ring *tapi_ring_new(unsigned int entries)
{
	struct tapi_ring *ring;
	int ret;

	ring = ring_alloc();
	if (!ring)
		return NULL;
	ret = io_uring_queue_init(entries ? entries : TAPI_RING_DEFAULT_ENTRIES,
				  &ring->own_uring, 0);
	if (ret < 0) {
		free(ring);
		errno = -ret;
		return NULL;
	}
	ring->uring = &ring->own_uring;
	ring->owned = true;
	if (ring_init_pool(ring)) {
		io_uring_queue_exit(&ring->own_uring);
		free(ring);
		errno = ENOMEM;
		return NULL;
	}
	return ring;
}

TAPI_API struct tapi_ring *tapi_ring_attach(struct io_uring *uring)
{
	struct tapi_ring *ring;

	if (!uring) {
		errno = EINVAL;
		return NULL;
	}
	if (uring->flags & IORING_SETUP_IOPOLL) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	ring = ring_alloc();
	if (!ring)
		return NULL;
	ring->uring = uring;
	if (ring_init_pool(ring)) {
		free(ring);
		errno = ENOMEM;
		return NULL;
	}
	return ring;
}

/* Release what a record holds, and clear it. */
static void op_release(struct ring_op *op)
{
	free(op->call_info);
	free(op->handles);
	free(op->events);
	free(op->members);
	if (op->line)
		tapi_line_unref(op->line);
	memset(op, 0, sizeof(*op));
	op->state = RING_OP_FREE;
}

TAPI_API void tapi_ring_free(struct tapi_ring *ring)
{
	unsigned int i;

	if (!ring)
		return;
	/*
	 * Closing the ring cancels what is pending in the kernel before the
	 * records go.
	 */
	if (ring->owned)
		io_uring_queue_exit(&ring->own_uring);
	for (i = 0; i < ring->used; i++) {
		if (ring->ops[i].state != RING_OP_FREE)
			op_release(&ring->ops[i]);
	}
	free(ring->ops);
	free(ring);
}

TAPI_API struct io_uring *tapi_ring_get_uring(struct tapi_ring *ring)
{
	return ring->uring;
}

TAPI_API unsigned int tapi_ring_get_max_in_flight(const struct tapi_ring *ring)
{
	return ring->max_ops;
}

TAPI_API unsigned int tapi_ring_get_num_in_flight(const struct tapi_ring *ring)
{
	return ring->in_flight;
}

struct ring_op *tapi_ring_op_get(struct tapi_ring *ring, struct tapi_line *line,
				 enum tapi_ring_op kind, void *user_data)
{
	struct ring_op *op;

	if (!ring || !line) {
		errno = EINVAL;
		return NULL;
	}
	if (tapi_line_is_closed(line)) {
		errno = EBADF;
		return NULL;
	}
	if (ring->in_flight == ring->max_ops) {
		errno = ENOBUFS;
		return NULL;
	}
	if (!io_uring_sq_space_left(ring->uring)) {
		errno = EBUSY;
		return NULL;
	}

	if (ring->free_list) {
		op = ring->free_list;
		ring->free_list = op->next;
	} else {
		op = &ring->ops[ring->used++];
	}
	ring->in_flight++;
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->line = line;
	tapi_line_ref(line);
	op->user_data = user_data;
	return op;
}

void tapi_ring_op_put(struct tapi_ring *ring, struct ring_op *op)
{
	op_release(op);
	op->next = ring->free_list;
	ring->free_list = op;
	ring->in_flight--;
}

/* A zeroed SQE for @op; the caller made sure there is room. */
static struct io_uring_sqe *op_sqe(struct tapi_ring *ring, struct ring_op *op)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring->uring);
	size_t size = sizeof(*sqe);

	if (ring->uring->flags & IORING_SETUP_SQE128)
		size *= 2;
	memset(sqe, 0, size);
	io_uring_sqe_set_data(sqe, op);
	return sqe;
}

void tapi_ring_op_queue(struct tapi_ring *ring, struct ring_op *op,
			uint32_t cmd_op, void *arg, uint32_t len,
			uint32_t uring_flags)
{
	struct io_uring_sqe *sqe = op_sqe(ring, op);
	struct tapi_uring_cmd cmd = {
		.arg = (uintptr_t)arg,
		.len = len,
		.flags = uring_flags,
	};

	sqe->opcode = IORING_OP_URING_CMD;
	sqe->fd = tapi_line_get_fd(op->line);
	sqe->cmd_op = cmd_op;
	/* The command area starts at addr3 (sqe->cmd in later headers). */
	memcpy((char *)sqe + offsetof(struct io_uring_sqe, addr3), &cmd,
	       sizeof(cmd));
	op->uring_flags = uring_flags;
	op->state = RING_OP_QUEUED;
}

void tapi_ring_op_queue_read(struct tapi_ring *ring, struct ring_op *op)
{
	tapi_ring_op_queue(ring, op, TAPI_URING_READ_EVENTS, op->events,
			   op->capacity * sizeof(*op->events), 0);
}

TAPI_API int tapi_ring_flush(struct tapi_ring *ring)
{
	struct ring_op *op;

	if (!ring) {
		errno = EINVAL;
		return -1;
	}
	while ((op = ring->rearm)) {
		if (!io_uring_sq_space_left(ring->uring)) {
			errno = EBUSY;
			return -1;
		}
		ring->rearm = op->next;
		if (!ring->rearm)
			ring->rearm_tail = &ring->rearm;
		op->next = NULL;
		if (tapi_line_is_closed(op->line)) {
			/* Ended as the kernel would have ended it. */
			io_uring_prep_nop(op_sqe(ring, op));
			op->end_result = -ECANCELED;
			op->state = RING_OP_ENDING;
		} else {
			tapi_ring_op_queue_read(ring, op);
		}
	}
	return 0;
}

TAPI_API int tapi_ring_submit(struct tapi_ring *ring)
{
	int ret, total = 0;

	if (!ring) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		bool full = tapi_ring_flush(ring) < 0;

		ret = io_uring_submit(ring->uring);
		if (ret < 0) {
			errno = -ret;
			return total ? total : -1;
		}
		total += ret;
		/* Re-arms left over: go again if the queue moved. */
		if (!full || !ret)
			return total;
	}
}

/* The record @user_data points to, if it is one of @ring's in use. */
static struct ring_op *op_of(struct tapi_ring *ring, uint64_t user_data)
{
	uintptr_t base = (uintptr_t)ring->ops;
	uint64_t off;

	if (user_data < base)
		return NULL;
	off = user_data - base;
	if (off % sizeof(struct ring_op) ||
	    off / sizeof(struct ring_op) >= ring->used)
		return NULL;
	return &ring->ops[off / sizeof(struct ring_op)];
}

/*
 * Asynchronous requests.  By default the result is the outcome (0 or
 * -errno); with TAPI_URING_REPLY_EVENT the request id or -errno.
 */
static void complete_request(const struct ring_op *op, int res,
			     uint32_t request_id, struct tapi_completion *c)
{
	bool event = op->uring_flags & TAPI_URING_REPLY_EVENT;

	if (event && res == 0)
		res = -EIO;	/* no request id: the core broke its promise */
	c->result = res;
	c->request_id = request_id;
}

/*
 * A request that writes an id back at once (a new call's handle, a call
 * completion's): @id, needed once the request succeeded or started, goes
 * to *@out.
 */
static void complete_with_id(const struct ring_op *op, int res,
			     uint32_t request_id, uint32_t id, uint32_t *out,
			     struct tapi_completion *c)
{
	bool event = op->uring_flags & TAPI_URING_REPLY_EVENT;

	complete_request(op, res, request_id, c);
	if (c->result < 0 || (!event && c->result > 0))
		return;
	if (!id) {
		c->result = -EIO;	/* the core broke its promise */
		return;
	}
	*out = id;
}

/*
 * A supplementary request that creates calls: @conf and @consult are the
 * handles the core wrote back, each needed when @want_conf or
 * @want_consult says so.
 */
static void complete_supp_calls(const struct ring_op *op, int res,
				uint32_t request_id, uint32_t conf,
				uint32_t consult, bool want_conf,
				bool want_consult, struct tapi_completion *c)
{
	bool event = op->uring_flags & TAPI_URING_REPLY_EVENT;

	complete_request(op, res, request_id, c);
	if (c->result < 0 || (!event && c->result > 0))
		return;
	if ((want_conf && !conf) || (want_consult && !consult)) {
		c->result = -EIO;	/* no handle */
		return;
	}
	c->conf_call = want_conf ? conf : 0;
	c->consult_call = want_consult ? consult : 0;
}

static void complete_supp(const struct ring_op *op, int res,
			  struct tapi_completion *c)
{
	const struct tapi_call_complete_transfer *ct = &op->arg.complete;
	const struct tapi_call_setup_conf *sc = &op->arg.setup_conf;
	const struct tapi_call_consult *cs = &op->arg.consult;

	switch (op->kind) {
	case TAPI_RING_OP_HOLD:
	case TAPI_RING_OP_UNHOLD:
	case TAPI_RING_OP_REMOVE_FROM_CONFERENCE:
		complete_request(op, res, op->arg.request.request_id, c);
		break;
	case TAPI_RING_OP_SWAP_HOLD:
	case TAPI_RING_OP_ADD_TO_CONFERENCE:
		complete_request(op, res, op->arg.pair.request_id, c);
		break;
	case TAPI_RING_OP_BLIND_TRANSFER:
		complete_request(op, res, op->arg.dial.request_id, c);
		break;
	case TAPI_RING_OP_SETUP_TRANSFER:
	case TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE:
		complete_supp_calls(op, res, cs->request_id, 0, cs->consult,
				    false, true, c);
		break;
	case TAPI_RING_OP_COMPLETE_TRANSFER:
		complete_supp_calls(op, res, ct->request_id, ct->conf, 0,
				    ct->flags &
				    TAPI_COMPLETE_TRANSFER_CONFERENCE,
				    false, c);
		break;
	case TAPI_RING_OP_SETUP_CONFERENCE:
		complete_supp_calls(op, res, sc->request_id, sc->conf,
				    sc->consult, true, true, c);
		break;
	default:
		c->result = res;
		break;
	}
}

static void complete_services(const struct ring_op *op, int res,
			      struct tapi_completion *c)
{
	const struct tapi_call_completion *cc = &op->arg.completion;
	const struct tapi_line_pickup *pu = &op->arg.pickup;

	switch (op->kind) {
	case TAPI_RING_OP_REDIRECT:
		complete_request(op, res, op->arg.dial.request_id, c);
		break;
	case TAPI_RING_OP_PICKUP:
	case TAPI_RING_OP_UNPARK:
		complete_with_id(op, res, pu->request_id, pu->call, &c->call,
				 c);
		break;
	case TAPI_RING_OP_PARK:
		complete_request(op, res, op->arg.park.request_id, c);
		break;
	case TAPI_RING_OP_FORWARD:
		complete_request(op, res, op->arg.forward.request_id, c);
		break;
	case TAPI_RING_OP_SECURE_CALL:
		complete_request(op, res, op->arg.request.request_id, c);
		break;
	case TAPI_RING_OP_SEND_USER_USER_INFO:
		complete_request(op, res, op->arg.user_user.request_id, c);
		break;
	case TAPI_RING_OP_COMPLETE_CALL:
		complete_with_id(op, res, cc->request_id, cc->completion_id,
				 &c->completion_id, c);
		break;
	case TAPI_RING_OP_UNCOMPLETE_CALL:
		complete_request(op, res, op->arg.uncomplete.request_id, c);
		break;
	default:
		c->result = res;
		break;
	}
}

static void complete_conf_related(struct ring_op *op, int res,
				  struct tapi_completion *c)
{
	const struct tapi_conf_related *cr = &op->arg.conf_related;

	c->result = res;
	if (res < 0)
		return;
	if (cr->count > cr->capacity) {
		c->result = -EIO;	/* wrote past the array? */
		return;
	}
	c->members = op->members;
	op->members = NULL;
	c->num_members = cr->count;
	c->remaining = cr->remaining;
	c->result = cr->count;
}

static void complete_new_calls(struct ring_op *op, int res,
			       struct tapi_completion *c)
{
	const struct tapi_line_new_calls *nc = &op->arg.new_calls;

	c->result = res;
	if (res < 0)
		return;
	if (nc->count > nc->capacity) {
		c->result = -EIO;	/* wrote past the array? */
		return;
	}
	c->new_calls = op->handles;
	op->handles = NULL;
	c->num_new_calls = nc->count;
	c->remaining = nc->remaining;
	c->result = nc->count;
}

/* A snapshot query: @snap is NULL if it could not be made. */
static void complete_snapshot(int res, const void *snap,
			      struct tapi_completion *c)
{
	c->result = res;
	if (res >= 0 && !snap)
		c->result = -ENOMEM;
}

static void complete_query(struct ring_op *op, int res,
			   struct tapi_completion *c)
{
	switch (op->kind) {
	case TAPI_RING_OP_GET_CALL_INFO:
		if (res >= 0)
			c->call_info = tapi_line_call_info_from(op->call_info);
		complete_snapshot(res, c->call_info, c);
		break;
	case TAPI_RING_OP_GET_CALL_STATUS:
		if (res >= 0)
			c->call_status = tapi_line_call_status_from(op->call,
						&op->arg.call_status);
		complete_snapshot(res, c->call_status, c);
		break;
	case TAPI_RING_OP_GET_ADDRESS_STATUS:
		if (res >= 0) {
			c->address_status = tapi_line_address_status_from(
						&op->arg.address_status);
		}
		complete_snapshot(res, c->address_status, c);
		break;
	case TAPI_RING_OP_GET_STATUS:
		if (res >= 0)
			c->line_status = tapi_line_status_from(&op->arg.devstatus);
		complete_snapshot(res, c->line_status, c);
		break;
	default:
		c->result = res;
		break;
	}
}

/*
 * A read of events: hand the filled buffer to @c and take @c's previous
 * one for the next read.  Return: true if the read goes on.
 */
static bool complete_read(struct ring_op *op, int res,
			  struct tapi_completion *c)
{
	struct tapi_line_event *events = op->events;
	unsigned int capacity = op->capacity;

	c->result = res;
	if (res <= 0 || (unsigned int)res % sizeof(*events) ||
	    (unsigned int)res / sizeof(*events) > op->capacity) {
		/* The core returns whole records only, and at least one. */
		if (res >= 0)
			c->result = -EIO;
		return false;
	}
	c->result = res / sizeof(*events);

	/* The first time, @c's buffer is too small to be used again. */
	tapi_event_buffer_exchange(c->events, &events, &capacity, c->result);
	if (capacity < op->capacity) {
		free(events);
		events = calloc(op->capacity, sizeof(*events));
	}
	op->events = events;
	/* Without a buffer the read ends here, its events delivered. */
	return events && !tapi_line_is_closed(op->line);
}

TAPI_API int tapi_ring_handle_cqe(struct tapi_ring *ring,
				  const struct io_uring_cqe *cqe,
				  struct tapi_completion *completion)
{
	struct tapi_completion *c = completion;
	struct ring_op *op;
	int res;

	if (!ring || !cqe || !c) {
		errno = EINVAL;
		return -1;
	}
	op = op_of(ring, cqe->user_data);
	if (!op)
		return 0;
	if (op->state != RING_OP_QUEUED && op->state != RING_OP_ENDING) {
		errno = EINVAL;
		return -1;
	}

	tapi_completion_reset(c);
	c->kind = op->kind;
	c->cqe_flags = cqe->flags;
	c->user_data = op->user_data;
	c->line = op->line;
	tapi_line_ref(c->line);
	c->call = op->call;
	res = cqe->res;

	if (op->state == RING_OP_ENDING) {
		c->result = op->end_result;
		tapi_ring_op_put(ring, op);
		return 1;
	}

	switch (op->kind) {
	case TAPI_RING_OP_MAKE_CALL:
		complete_with_id(op, res, op->arg.make.request_id,
				 op->arg.make.call, &c->call, c);
		break;
	case TAPI_RING_OP_DIAL:
		complete_request(op, res, op->arg.dial.request_id, c);
		break;
	case TAPI_RING_OP_ANSWER:
	case TAPI_RING_OP_ACCEPT:
	case TAPI_RING_OP_DROP:
		complete_request(op, res, op->arg.request.request_id, c);
		break;
	case TAPI_RING_OP_GET_NEW_CALLS:
		complete_new_calls(op, res, c);
		break;
	case TAPI_RING_OP_HOLD:
	case TAPI_RING_OP_UNHOLD:
	case TAPI_RING_OP_SWAP_HOLD:
	case TAPI_RING_OP_SETUP_TRANSFER:
	case TAPI_RING_OP_COMPLETE_TRANSFER:
	case TAPI_RING_OP_BLIND_TRANSFER:
	case TAPI_RING_OP_SETUP_CONFERENCE:
	case TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE:
	case TAPI_RING_OP_ADD_TO_CONFERENCE:
	case TAPI_RING_OP_REMOVE_FROM_CONFERENCE:
		complete_supp(op, res, c);
		break;
	case TAPI_RING_OP_GET_CONF_RELATED_CALLS:
		complete_conf_related(op, res, c);
		break;
	case TAPI_RING_OP_REDIRECT:
	case TAPI_RING_OP_PICKUP:
	case TAPI_RING_OP_PARK:
	case TAPI_RING_OP_UNPARK:
	case TAPI_RING_OP_FORWARD:
	case TAPI_RING_OP_SECURE_CALL:
	case TAPI_RING_OP_SEND_USER_USER_INFO:
	case TAPI_RING_OP_COMPLETE_CALL:
	case TAPI_RING_OP_UNCOMPLETE_CALL:
		complete_services(op, res, c);
		break;
	case TAPI_RING_OP_READ_EVENTS:
		if (complete_read(op, res, c)) {
			c->more = true;
			op->state = RING_OP_REARM;
			*ring->rearm_tail = op;
			ring->rearm_tail = &op->next;
			return 1;
		}
		break;
	default:
		complete_query(op, res, c);
		break;
	}
	tapi_ring_op_put(ring, op);
	return 1;
}

/* An application's CQE, as a completion. */
static void complete_app(const struct io_uring_cqe *cqe,
			 struct tapi_completion *c)
{
	tapi_completion_reset(c);
	c->kind = TAPI_RING_OP_APP;
	c->result = cqe->res;
	c->cqe_flags = cqe->flags;
	c->user_data = (void *)(uintptr_t)cqe->user_data;
}

TAPI_API int tapi_ring_wait(struct tapi_ring *ring,
			    struct tapi_completion *completion,
			    int64_t timeout_ns)
{
	struct __kernel_timespec ts;
	struct io_uring_cqe *cqe;
	int ret, err;

	if (!ring || !completion) {
		errno = EINVAL;
		return -1;
	}
	/*
	 * A full completion queue refuses submissions (EBUSY): reaping
	 * comes first then.
	 */
	if (tapi_ring_submit(ring) < 0 && errno != EBUSY && errno != EAGAIN)
		return -1;

	if (timeout_ns < 0) {
		ret = io_uring_wait_cqe(ring->uring, &cqe);
	} else {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		ret = io_uring_wait_cqe_timeout(ring->uring, &cqe, &ts);
	}
	if (ret == -ETIME)
		return 0;
	if (ret < 0) {
		errno = -ret;
		return -1;
	}

	ret = tapi_ring_handle_cqe(ring, cqe, completion);
	err = errno;
	if (!ret)
		complete_app(cqe, completion);
	io_uring_cqe_seen(ring->uring, cqe);
	if (ret < 0) {
		errno = err;
		return -1;
	}
	return 1;
}
