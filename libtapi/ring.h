/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi internals of the io_uring API, shared by ring.c (the ring, its
 * operation records, submission and reaping), ring-ops.c (the queue
 * functions) and completion.c.  Nothing here is part of the public API.
 */
#ifndef _LIBTAPI_RING_H
#define _LIBTAPI_RING_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

/*
 * Where an operation record is:
 * @RING_OP_FREE: on the ring's free list
 * @RING_OP_QUEUED: its SQE is in the submission queue or in the kernel;
 *	one CQE will come for it
 * @RING_OP_REARM: a read of events whose last completion was handled and
 *	that waits on the ring's re-arm list for an SQE; no CQE will come
 * @RING_OP_ENDING: a read that cannot be re-armed (its line was closed);
 *	a NOP SQE carries it to a last completion with @end_result
 */
enum ring_op_state {
	RING_OP_FREE,
	RING_OP_QUEUED,
	RING_OP_REARM,
	RING_OP_ENDING,
};

/**
 * struct ring_op - one operation of a ring, from queueing to its completion
 * @state: &enum ring_op_state
 * @kind: what the operation is
 * @uring_flags: struct tapi_uring_cmd's flags
 * @next: free list or re-arm list
 * @line: the line, with a reference held while the record is in use
 * @user_data: the application's
 * @call: the call handle the operation is about, 0 if none
 * @end_result: %RING_OP_ENDING: the result of the last completion
 * @arg: the command's structure, the kernel's to read and write until
 *	the CQE
 * @call_info: %TAPI_RING_OP_GET_CALL_INFO: the structure (too big for @arg)
 * @handles: %TAPI_RING_OP_GET_NEW_CALLS: the array for the new handles
 * @events: %TAPI_RING_OP_READ_EVENTS: the buffer for the event records
 * @members: %TAPI_RING_OP_GET_CONF_RELATED_CALLS: the array for the
 *	entries
 * @capacity: the size of @handles, @events or @members, in elements
 *
 * The user_data of the record's SQEs is the record's address, inside the
 * ring's array of records: that is how tapi_ring_handle_cqe() knows its
 * own CQEs without ever reading memory that is not the ring's.
 */
struct ring_op {
	enum ring_op_state state;
	enum tapi_ring_op kind;
	uint32_t uring_flags;
	struct ring_op *next;
	struct tapi_line *line;
	void *user_data;
	uint32_t call;
	int end_result;
	union {
		struct tapi_call_make make;
		struct tapi_call_dial dial;
		struct tapi_call_request request;
		struct tapi_call_dealloc dealloc;
		struct tapi_call_privilege privilege;
		struct tapi_call_handoff handoff;
		struct tapi_line_new_calls new_calls;
		struct tapi_line_event_mask event_mask;
		struct tapi_line_priority priority;
		struct tapi_call_status call_status;
		struct tapi_address_status address_status;
		struct tapi_line_devstatus devstatus;
		struct tapi_call_pair pair;
		struct tapi_call_consult consult;
		struct tapi_call_complete_transfer complete;
		struct tapi_call_setup_conf setup_conf;
		struct tapi_conf_related conf_related;
		struct tapi_line_pickup pickup;
		struct tapi_call_park park;
		struct tapi_line_forward forward;
		struct tapi_call_user_user user_user;
		struct tapi_call_completion completion;
		struct tapi_line_uncomplete uncomplete;
	} arg;
	struct tapi_call_info *call_info;
	uint32_t *handles;
	struct tapi_line_event *events;
	struct tapi_conf_member *members;
	unsigned int capacity;
};

/**
 * struct tapi_completion - what one completion of a ring operation says
 * @kind: the operation, %TAPI_RING_OP_APP for the application's own CQE
 * @result: see tapi_completion_get_result()
 * @cqe_flags: the CQE's flags
 * @more: a read of events stays armed
 * @user_data: the application's
 * @line: the line, with a reference held, or NULL
 * @call: the call handle, 0 if none
 * @consult_call: a consultation call the operation created, 0 if none
 * @conf_call: a conference call the operation created, 0 if none
 * @completion_id: a call completion the operation asked for, 0 if none
 * @request_id: the request's id, 0 if none
 * @events: %TAPI_RING_OP_READ_EVENTS: the events read (the buffer stays
 *	allocated from one completion to the next)
 * @call_info: %TAPI_RING_OP_GET_CALL_INFO: the snapshot
 * @call_status: %TAPI_RING_OP_GET_CALL_STATUS: the snapshot
 * @line_status: %TAPI_RING_OP_GET_STATUS: the snapshot
 * @address_status: %TAPI_RING_OP_GET_ADDRESS_STATUS: the snapshot
 * @new_calls: %TAPI_RING_OP_GET_NEW_CALLS: the handles
 * @num_new_calls: how many
 * @members: %TAPI_RING_OP_GET_CONF_RELATED_CALLS: the entries
 * @num_members: how many
 * @remaining: calls left without a handle, or entries left out
 */
struct tapi_completion {
	enum tapi_ring_op kind;
	int result;
	uint32_t cqe_flags;
	bool more;
	void *user_data;
	struct tapi_line *line;
	uint32_t call;
	uint32_t consult_call;
	uint32_t conf_call;
	uint32_t completion_id;
	uint32_t request_id;
	struct tapi_event_buffer *events;
	struct tapi_line_call_info *call_info;
	struct tapi_line_call_status *call_status;
	struct tapi_line_status *line_status;
	struct tapi_line_address_status *address_status;
	uint32_t *new_calls;
	unsigned int num_new_calls;
	struct tapi_conf_member *members;
	unsigned int num_members;
	unsigned int remaining;
};

/* The flags a request takes: 0, or -1 with errno %EINVAL. */
static inline int tapi_ring_check_request_flags(unsigned int flags)
{
	if (flags & ~TAPI_URING_REPLY_EVENT) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Forget what @c held (snapshots, handles, the line's reference). */
void tapi_completion_reset(struct tapi_completion *c);

/*
 * A new record for an operation of @kind on @line, or NULL with errno set
 * (%EINVAL: @ring or @line NULL; %EBADF: @line closed; %ENOBUFS: as many
 * operations in flight as the ring allows; %EBUSY: no room in the
 * submission queue).  Nothing is queued yet.
 */
struct ring_op *tapi_ring_op_get(struct tapi_ring *ring, struct tapi_line *line,
				 enum tapi_ring_op kind, void *user_data);
/* Give back a record that was never queued, or whose work is done. */
void tapi_ring_op_put(struct tapi_ring *ring, struct ring_op *op);
/*
 * Put @op's command in an SQE: @cmd_op on the line fd, struct
 * tapi_uring_cmd { @arg, @len, @uring_flags }.  tapi_ring_op_get() made
 * sure there is room.
 */
void tapi_ring_op_queue(struct tapi_ring *ring, struct ring_op *op,
			uint32_t cmd_op, void *arg, uint32_t len,
			uint32_t uring_flags);
/* The same for a read of events, into @op's buffer. */
void tapi_ring_op_queue_read(struct tapi_ring *ring, struct ring_op *op);

/*
 * Queue a request whose structure @arg of @size bytes is filled already
 * (ring-ops.c): the operation's record takes a copy, which the SQE
 * points to.  @call is the handle the completion names, 0 if none.
 * Return: as the tapi_ring_queue_*() functions.
 */
int tapi_ring_queue_arg(struct tapi_ring *ring, struct tapi_line *line,
			enum tapi_ring_op kind, uint32_t call, uint32_t cmd,
			const void *arg, size_t size, unsigned int flags,
			void *user_data);

/*
 * Queue a request on one call with a number, struct tapi_call_dial
 * (ring-ops.c): dial, blind transfer, redirect.
 */
int tapi_ring_queue_dial_request(struct tapi_ring *ring,
				 struct tapi_line *line, uint32_t call,
				 const char *digits, unsigned int flags,
				 void *user_data, enum tapi_ring_op kind,
				 uint32_t cmd);

/*
 * Queue a request on one call, struct tapi_call_request (ring-ops.c):
 * answer, accept, drop, hold, unhold, remove from conference, secure
 * call; @kind is the operation, @cmd its command.  Return: as the
 * tapi_ring_queue_*() functions.
 */
int tapi_ring_queue_call_request(struct tapi_ring *ring, struct tapi_line *line,
				 uint32_t call, unsigned int flags,
				 void *user_data, enum tapi_ring_op kind,
				 uint32_t cmd);

#endif /* _LIBTAPI_RING_H */
