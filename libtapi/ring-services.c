// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The queue functions of rings for the call services (redirect, pickup,
 * park, unpark, forward, secure call, user-user information, call
 * completion): each fills the same uapi structure as its function in
 * call-services.c, which the operation's record keeps, and prepares one
 * IORING_OP_URING_CMD SQE with the ioctl's number.  Completions are
 * decoded in ring.c (complete_services()).
 */
#include <errno.h>

#include "ring.h"

TAPI_API int tapi_ring_queue_redirect(struct tapi_ring *ring,
				      struct tapi_line *line, uint32_t call,
				      const char *dest, unsigned int flags,
				      void *user_data)
{
	return tapi_ring_queue_dial_request(ring, line, call, dest, flags,
					    user_data, TAPI_RING_OP_REDIRECT,
					    TAPI_IOC_CALL_REDIRECT);
}

/* Pickup, unpark: struct tapi_line_pickup; the new call comes back. */
static int queue_take(struct tapi_ring *ring, struct tapi_line *line,
		      unsigned int address_id, const char *dest,
		      const char *group, unsigned int flags, void *user_data,
		      enum tapi_ring_op kind, uint32_t cmd)
{
	struct tapi_line_pickup req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_line_pickup(&req, address_id, dest, group))
		return -1;
	return tapi_ring_queue_arg(ring, line, kind, 0, cmd, &req,
				   sizeof(req), flags, user_data);
}

TAPI_API int tapi_ring_queue_pickup(struct tapi_ring *ring,
				    struct tapi_line *line,
				    unsigned int address_id, const char *dest,
				    const char *group, unsigned int flags,
				    void *user_data)
{
	return queue_take(ring, line, address_id, dest, group, flags,
			  user_data, TAPI_RING_OP_PICKUP, TAPI_IOC_LINE_PICKUP);
}

TAPI_API int tapi_ring_queue_unpark(struct tapi_ring *ring,
				    struct tapi_line *line,
				    unsigned int address_id, const char *dest,
				    unsigned int flags, void *user_data)
{
	if (!dest) {
		errno = EINVAL;
		return -1;
	}
	return queue_take(ring, line, address_id, dest, NULL, flags,
			  user_data, TAPI_RING_OP_UNPARK, TAPI_IOC_LINE_UNPARK);
}

TAPI_API int tapi_ring_queue_park(struct tapi_ring *ring,
				  struct tapi_line *line, uint32_t call,
				  uint32_t mode, const char *dest,
				  unsigned int flags, void *user_data)
{
	struct tapi_call_park req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_call_park(&req, call, mode, dest))
		return -1;
	return tapi_ring_queue_arg(ring, line, TAPI_RING_OP_PARK, call,
				   TAPI_IOC_CALL_PARK, &req, sizeof(req),
				   flags, user_data);
}

TAPI_API int tapi_ring_queue_forward(struct tapi_ring *ring,
				     struct tapi_line *line, int address_id,
				     const struct tapi_forward_list *list,
				     unsigned int flags, void *user_data)
{
	struct tapi_line_forward req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_line_forward(&req, address_id, list))
		return -1;
	return tapi_ring_queue_arg(ring, line, TAPI_RING_OP_FORWARD, 0,
				   TAPI_IOC_LINE_FORWARD, &req, sizeof(req),
				   flags, user_data);
}

TAPI_API int tapi_ring_queue_secure_call(struct tapi_ring *ring,
					 struct tapi_line *line, uint32_t call,
					 unsigned int flags, void *user_data)
{
	return tapi_ring_queue_call_request(ring, line, call, flags,
					    user_data, TAPI_RING_OP_SECURE_CALL,
					    TAPI_IOC_CALL_SECURE);
}

TAPI_API int tapi_ring_queue_send_user_user_info(struct tapi_ring *ring,
						 struct tapi_line *line,
						 uint32_t call,
						 const void *data, size_t len,
						 unsigned int flags,
						 void *user_data)
{
	struct tapi_call_user_user req;

	if (tapi_ring_check_request_flags(flags) ||
	    tapi_fill_call_user_user(&req, call, data, len))
		return -1;
	return tapi_ring_queue_arg(ring, line,
				   TAPI_RING_OP_SEND_USER_USER_INFO, call,
				   TAPI_IOC_CALL_SEND_USER_USER, &req,
				   sizeof(req), flags, user_data);
}

TAPI_API int tapi_ring_queue_complete_call(struct tapi_ring *ring,
					   struct tapi_line *line,
					   uint32_t call, uint32_t mode,
					   unsigned int flags, void *user_data)
{
	struct tapi_call_completion req;

	if (tapi_ring_check_request_flags(flags))
		return -1;
	tapi_fill_call_completion(&req, call, mode);
	return tapi_ring_queue_arg(ring, line, TAPI_RING_OP_COMPLETE_CALL,
				   call, TAPI_IOC_CALL_COMPLETE, &req,
				   sizeof(req), flags, user_data);
}

TAPI_API int tapi_ring_queue_uncomplete_call(struct tapi_ring *ring,
					     struct tapi_line *line,
					     uint32_t completion_id,
					     unsigned int flags,
					     void *user_data)
{
	struct tapi_line_uncomplete req;

	if (tapi_ring_check_request_flags(flags))
		return -1;
	tapi_fill_line_uncomplete(&req, completion_id);
	return tapi_ring_queue_arg(ring, line, TAPI_RING_OP_UNCOMPLETE_CALL,
				   0, TAPI_IOC_LINE_UNCOMPLETE, &req,
				   sizeof(req), flags, user_data);
}
