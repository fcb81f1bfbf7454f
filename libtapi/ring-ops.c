// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The queue functions of rings: one for each operation of a line, each
 * filling the same uapi structure as the synchronous function (in the
 * operation's record, where it stays until the completion) and preparing
 * one IORING_OP_URING_CMD SQE with the ioctl's number.  Completions are
 * decoded in ring.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

int tapi_ring_queue_arg(struct tapi_ring *ring, struct tapi_line *line,
			enum tapi_ring_op kind, uint32_t call, uint32_t cmd,
			const void *arg, size_t size, unsigned int flags,
			void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, kind, user_data);
	if (!op)
		return -1;
	op->call = call;
	memcpy(&op->arg, arg, size);
	tapi_ring_op_queue(ring, op, cmd, &op->arg, 0, flags);
	return 0;
}

TAPI_API int tapi_ring_queue_make_call(struct tapi_ring *ring,
				       struct tapi_line *line, const char *dest,
				       const struct tapi_call_params *params,
				       unsigned int flags, void *user_data)
{
	struct tapi_call_make req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_call_make(&req, dest, params))
		return -1;
	return tapi_ring_queue_arg(ring, line, TAPI_RING_OP_MAKE_CALL, 0,
				   TAPI_IOC_CALL_MAKE, &req, sizeof(req),
				   flags, user_data);
}

int tapi_ring_queue_dial_request(struct tapi_ring *ring,
				 struct tapi_line *line, uint32_t call,
				 const char *digits, unsigned int flags,
				 void *user_data, enum tapi_ring_op kind,
				 uint32_t cmd)
{
	struct tapi_call_dial req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_call_dial(&req, call, digits))
		return -1;
	return tapi_ring_queue_arg(ring, line, kind, call, cmd, &req,
				   sizeof(req), flags, user_data);
}

TAPI_API int tapi_ring_queue_dial(struct tapi_ring *ring,
				  struct tapi_line *line, uint32_t call,
				  const char *digits, unsigned int flags,
				  void *user_data)
{
	return tapi_ring_queue_dial_request(ring, line, call, digits, flags,
					    user_data, TAPI_RING_OP_DIAL,
					    TAPI_IOC_CALL_DIAL);
}

int tapi_ring_queue_call_request(struct tapi_ring *ring, struct tapi_line *line,
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
	op->arg.request.size = sizeof(op->arg.request);
	op->arg.request.call = call;
	tapi_ring_op_queue(ring, op, cmd, &op->arg.request, 0, flags);
	return 0;
}

TAPI_API int tapi_ring_queue_answer(struct tapi_ring *ring,
				    struct tapi_line *line, uint32_t call,
				    unsigned int flags, void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data, TAPI_RING_OP_ANSWER,
					    TAPI_IOC_CALL_ANSWER);
}

TAPI_API int tapi_ring_queue_accept(struct tapi_ring *ring,
				    struct tapi_line *line, uint32_t call,
				    unsigned int flags, void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data, TAPI_RING_OP_ACCEPT,
					    TAPI_IOC_CALL_ACCEPT);
}

TAPI_API int tapi_ring_queue_drop(struct tapi_ring *ring,
				  struct tapi_line *line, uint32_t call,
				  unsigned int flags, void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data, TAPI_RING_OP_DROP,
					    TAPI_IOC_CALL_DROP);
}

TAPI_API int tapi_ring_queue_deallocate_call(struct tapi_ring *ring,
					     struct tapi_line *line,
					     uint32_t call, void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_DEALLOCATE_CALL,
			      user_data);
	if (!op)
		return -1;
	op->call = call;
	op->arg.dealloc.size = sizeof(op->arg.dealloc);
	op->arg.dealloc.call = call;
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_DEALLOCATE,
			   &op->arg.dealloc, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_set_call_privilege(struct tapi_ring *ring,
						struct tapi_line *line,
						uint32_t call,
						uint32_t privilege,
						void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_SET_CALL_PRIVILEGE,
			      user_data);
	if (!op)
		return -1;
	op->call = call;
	op->arg.privilege.size = sizeof(op->arg.privilege);
	op->arg.privilege.call = call;
	op->arg.privilege.privilege = privilege;
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_SET_PRIVILEGE,
			   &op->arg.privilege, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_handoff(struct tapi_ring *ring,
				     struct tapi_line *line, uint32_t call,
				     uint32_t media_mode, const char *app_name,
				     void *user_data)
{
	struct tapi_call_handoff req;
	struct ring_op *op;

	if (tapi_fill_call_handoff(&req, call, media_mode, app_name))
		return -1;
	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_HANDOFF, user_data);
	if (!op)
		return -1;
	op->call = call;
	op->arg.handoff = req;
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_HANDOFF, &op->arg.handoff,
			   0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_get_new_calls(struct tapi_ring *ring,
					   struct tapi_line *line,
					   unsigned int capacity,
					   int address_id, void *user_data)
{
	struct tapi_line_new_calls req;
	struct ring_op *op;
	uint32_t *handles = NULL;

	if (tapi_fill_new_calls(&req, capacity, address_id))
		return -1;
	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_GET_NEW_CALLS,
			      user_data);
	if (!op)
		return -1;
	if (capacity) {
		handles = calloc(capacity, sizeof(*handles));
		if (!handles) {
			tapi_ring_op_put(ring, op);
			errno = ENOMEM;
			return -1;
		}
	}
	op->handles = handles;
	op->capacity = capacity;
	req.handles = (uintptr_t)handles;
	op->arg.new_calls = req;
	tapi_ring_op_queue(ring, op, TAPI_IOC_LINE_GET_NEW_CALLS,
			   &op->arg.new_calls, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_set_event_mask(struct tapi_ring *ring,
					    struct tapi_line *line,
					    uint64_t mask, void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_SET_EVENT_MASK,
			      user_data);
	if (!op)
		return -1;
	op->arg.event_mask.size = sizeof(op->arg.event_mask);
	op->arg.event_mask.event_mask = mask;
	tapi_ring_op_queue(ring, op, TAPI_IOC_LINE_SET_EVENT_MASK,
			   &op->arg.event_mask, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_set_priority(struct tapi_ring *ring,
					  struct tapi_line *line,
					  uint32_t media_modes,
					  uint32_t priority, void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_SET_PRIORITY,
			      user_data);
	if (!op)
		return -1;
	op->arg.priority.size = sizeof(op->arg.priority);
	op->arg.priority.media_modes = media_modes;
	op->arg.priority.priority = priority;
	tapi_ring_op_queue(ring, op, TAPI_IOC_LINE_SET_PRIORITY,
			   &op->arg.priority, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_get_call_info(struct tapi_ring *ring,
					   struct tapi_line *line,
					   uint32_t call, void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_GET_CALL_INFO,
			      user_data);
	if (!op)
		return -1;
	op->call_info = calloc(1, sizeof(*op->call_info));
	if (!op->call_info) {
		tapi_ring_op_put(ring, op);
		errno = ENOMEM;
		return -1;
	}
	op->call = call;
	op->call_info->size = sizeof(*op->call_info);
	op->call_info->call = call;
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_GET_INFO, op->call_info, 0,
			   0);
	return 0;
}

TAPI_API int tapi_ring_queue_get_call_status(struct tapi_ring *ring,
					     struct tapi_line *line,
					     uint32_t call, void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_GET_CALL_STATUS,
			      user_data);
	if (!op)
		return -1;
	op->call = call;
	op->arg.call_status.size = sizeof(op->arg.call_status);
	op->arg.call_status.call = call;
	tapi_ring_op_queue(ring, op, TAPI_IOC_CALL_GET_STATUS,
			   &op->arg.call_status, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_get_address_status(struct tapi_ring *ring,
						struct tapi_line *line,
						unsigned int address_id,
						void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_GET_ADDRESS_STATUS,
			      user_data);
	if (!op)
		return -1;
	op->arg.address_status.size = sizeof(op->arg.address_status);
	op->arg.address_status.address_id = address_id;
	tapi_ring_op_queue(ring, op, TAPI_IOC_ADDRESS_GET_STATUS,
			   &op->arg.address_status, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_get_status(struct tapi_ring *ring,
					struct tapi_line *line,
					void *user_data)
{
	struct ring_op *op;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_GET_STATUS, user_data);
	if (!op)
		return -1;
	op->arg.devstatus.size = sizeof(op->arg.devstatus);
	tapi_ring_op_queue(ring, op, TAPI_IOC_LINE_GET_DEVSTATUS,
			   &op->arg.devstatus, 0, 0);
	return 0;
}

TAPI_API int tapi_ring_queue_read_events(struct tapi_ring *ring,
					 struct tapi_line *line,
					 unsigned int max_events,
					 void *user_data)
{
	struct ring_op *op;

	if (!max_events)
		max_events = TAPI_EVENT_BUFFER_DEFAULT;
	if (max_events > TAPI_EVENT_QUEUE_MAX)
		max_events = TAPI_EVENT_QUEUE_MAX;

	op = tapi_ring_op_get(ring, line, TAPI_RING_OP_READ_EVENTS, user_data);
	if (!op)
		return -1;
	op->events = calloc(max_events, sizeof(*op->events));
	if (!op->events) {
		tapi_ring_op_put(ring, op);
		errno = ENOMEM;
		return -1;
	}
	op->capacity = max_events;
	tapi_ring_op_queue_read(ring, op);
	return 0;
}
