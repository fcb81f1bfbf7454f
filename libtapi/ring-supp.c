// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The queue functions of rings for the supplementary services (hold,
 * transfer, conference): each fills the same uapi structure as its
 * function in call-supp.c, in the operation's record, and prepares one
 * IORING_OP_URING_CMD SQE with the ioctl's number.  Completions are
 * decoded in ring.c (complete_supp(), complete_conf_related()).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

TAPI_API int tapi_ring_queue_hold(struct tapi_ring *ring,
				  struct tapi_line *line, uint32_t call,
				  unsigned int flags, void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data, TAPI_RING_OP_HOLD,
					    TAPI_IOC_CALL_HOLD);
}

TAPI_API int tapi_ring_queue_unhold(struct tapi_ring *ring,
				    struct tapi_line *line, uint32_t call,
				    unsigned int flags, void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data, TAPI_RING_OP_UNHOLD,
					    TAPI_IOC_CALL_UNHOLD);
}

TAPI_API int tapi_ring_queue_remove_from_conference(struct tapi_ring *ring,
						    struct tapi_line *line,
						    uint32_t call,
						    unsigned int flags,
						    void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data,
					    TAPI_RING_OP_REMOVE_FROM_CONFERENCE,
					    TAPI_IOC_CALL_REMOVE_FROM_CONF);
}

/* Swap hold, add to conference: struct tapi_call_pair. */
static int queue_call_pair(struct tapi_ring *ring, struct tapi_line *line,
			   uint32_t call, uint32_t other, unsigned int flags,
			   void *user_data, enum tapi_ring_op kind,
			   uint32_t cmd)
{
	struct ring_op *op;

	if (tapi_ring_check_request_flags(flags))
		return -1;
	op = tapi_ring_op_get(ring, line, kind, user_data);
	if (!op)
		return -1;
	op->call = call;
	tapi_fill_call_pair(&op->arg.pair, call, other);
	tapi_ring_op_queue(ring, op, cmd, &op->arg.pair, 0, flags);
	return 0;
}

TAPI_API int tapi_ring_queue_swap_hold(struct tapi_ring *ring,
				       struct tapi_line *line,
				       uint32_t active_call,
				       uint32_t held_call, unsigned int flags,
				       void *user_data)
{
	return queue_call_pair(ring, line, active_call, held_call, flags,
			       user_data, TAPI_RING_OP_SWAP_HOLD,
			       TAPI_IOC_CALL_SWAP_HOLD);
}

TAPI_API int tapi_ring_queue_add_to_conference(struct tapi_ring *ring,
					       struct tapi_line *line,
					       uint32_t conf_call,
					       uint32_t call,
					       unsigned int flags,
					       void *user_data)
{
	return queue_call_pair(ring, line, conf_call, call, flags, user_data,
			       TAPI_RING_OP_ADD_TO_CONFERENCE,
			       TAPI_IOC_CALL_ADD_TO_CONF);
}

/* Setup transfer, prepare add to conference: struct tapi_call_consult. */
static int queue_call_consult(struct tapi_ring *ring, struct tapi_line *line,
			      uint32_t call, unsigned int flags,
			      void *user_data, enum tapi_ring_op kind,
			      uint32_t cmd)
{
	struct ring_op *op;

	if (tapi_ring_check_request_flags(flags))
		return -1;
	op = tapi_ring_op_get(ring, line, kind, user_data);
	if (!op)
		return -1;
	op->call = call;
	tapi_fill_call_consult(&op->arg.consult, call);
	tapi_ring_op_queue(ring, op, cmd, &op->arg.consult, 0, flags);
	return 0;
}

TAPI_API int tapi_ring_queue_setup_transfer(struct tapi_ring *ring,
					    struct tapi_line *line,
					    uint32_t call, unsigned int flags,
					    void *user_data)
{
	return queue_call_consult(ring, line, call, flags, user_data,
				  TAPI_RING_OP_SETUP_TRANSFER,
				  TAPI_IOC_CALL_SETUP_TRANSFER);
}

TAPI_API int tapi_ring_queue_prepare_add_to_conference(struct tapi_ring *ring,
						       struct tapi_line *line,
						       uint32_t conf_call,
						       unsigned int flags,
						       void *user_data)
{
	return queue_call_consult(ring, line, conf_call, flags, user_data,
				  TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE,
				  TAPI_IOC_CALL_PREPARE_ADD_CONF);
}

TAPI_API int tapi_ring_queue_complete_transfer(struct tapi_ring *ring,
					       struct tapi_line *line,
					       uint32_t call,
					       uint32_t consult_call,
					       uint32_t mode,
					       unsigned int flags,
					       void *user_data)
{
	struct tapi_call_complete_transfer req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_complete_transfer(&req, call, consult_call, mode))
		return -1;
	return tapi_ring_queue_arg(ring, line, TAPI_RING_OP_COMPLETE_TRANSFER,
				   call, TAPI_IOC_CALL_COMPLETE_TRANSFER, &req,
				   sizeof(req), flags, user_data);
}

TAPI_API int tapi_ring_queue_blind_transfer(struct tapi_ring *ring,
					    struct tapi_line *line,
					    uint32_t call, const char *dest,
					    unsigned int flags,
					    void *user_data)
{
	return tapi_ring_queue_dial_request(ring, line, call, dest, flags,
					    user_data,
					    TAPI_RING_OP_BLIND_TRANSFER,
					    TAPI_IOC_CALL_BLIND_TRANSFER);
}

TAPI_API int tapi_ring_queue_setup_conference(struct tapi_ring *ring,
					      struct tapi_line *line,
					      uint32_t call,
					      unsigned int num_parties,
					      unsigned int flags,
					      void *user_data)
{
	struct ring_op *op;

	if (tapi_ring_check_request_flags(flags))
		return -1;
	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_SETUP_CONFERENCE,
			      user_data);
	if (!op)
		return -1;
	op->call = call;
	tapi_fill_setup_conf(&op->arg.setup_conf, call, num_parties);
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_SETUP_CONF,
			   &op->arg.setup_conf, 0, flags);
	return 0;
}

TAPI_API int tapi_ring_queue_get_conf_related_calls(struct tapi_ring *ring,
						    struct tapi_line *line,
						    uint32_t call,
						    unsigned int capacity,
						    void *user_data)
{
	struct tapi_conf_related req;
	struct tapi_conf_member *members = NULL;
	struct ring_op *op;

	if (tapi_fill_conf_related(&req, call, capacity))
		return -1;
	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_GET_CONF_RELATED_CALLS,
			      user_data);
	if (!op)
		return -1;
	if (capacity) {
		members = calloc(capacity, sizeof(*members));
		if (!members) {
			tapi_ring_op_put(ring, op);
			errno = ENOMEM;
			return -1;
		}
	}
	op->call = call;
	op->members = members;
	op->capacity = capacity;
	req.members = (uintptr_t)members;
	op->arg.conf_related = req;
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_GET_CONF_RELATED,
			   &op->arg.conf_related, 0, 0);
	return 0;
}
