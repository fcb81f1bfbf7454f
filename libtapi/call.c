// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls: the call commands of a line fd (lineMakeCall, lineDial,
 * lineAnswer, lineAccept, lineDrop, lineDeallocateCall,
 * lineSetCallPrivilege, lineHandoff, lineGetNewCalls) and the line-wide
 * settings that go with them (lineSetStatusMessages, lineSetAppPriority).
 *
 * A call is a (line, handle) pair: the library keeps nothing of it.  Each
 * function fills one uapi structure and issues one ioctl.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

int tapi_request_result(int ret, bool sync)
{
	if (ret < 0)
		return -1;
	if (sync)
		return 0;
	if (ret == 0) {
		errno = EIO;	/* the core broke its promise */
		return -1;
	}
	return ret;
}

int tapi_fill_call_make(struct tapi_call_make *req, const char *dest,
			const struct tapi_call_params *params)
{
	memset(req, 0, sizeof(*req));
	if (tapi_set_kstr(req->dest, sizeof(req->dest), dest))
		return -1;
	req->size = sizeof(*req);
	if (params) {
		if (tapi_call_params_get_block_id(params))
			req->flags |= TAPI_CALL_MAKE_BLOCKID;
		req->address_id = tapi_call_params_get_address_id(params);
		req->media_mode = tapi_call_params_get_media_mode(params);
		req->bearer_mode = tapi_call_params_get_bearer_mode(params);
		req->no_answer_timeout_ms =
			tapi_call_params_get_no_answer_timeout_ms(params);
	}
	return 0;
}

static int make_call(struct tapi_line *line, const char *dest,
		     const struct tapi_call_params *params, uint32_t *call,
		     bool sync)
{
	struct tapi_call_make req;
	int ret;

	if (!call) {
		errno = EINVAL;
		return -1;
	}
	if (tapi_fill_call_make(&req, dest, params))
		return -1;
	if (sync)
		req.flags |= TAPI_CALL_MAKE_SYNC;

	ret = tapi_request_result(ioctl(tapi_line_get_fd(line),
					TAPI_IOC_CALL_MAKE, &req), sync);
	if (ret < 0) {
		/* Interrupted, the request goes on: the handle is needed. */
		if (errno == EINTR && req.call)
			*call = req.call;
		return -1;
	}
	if (!req.call) {
		errno = EIO;	/* no handle: the core broke its promise */
		return -1;
	}
	*call = req.call;
	return ret;
}

TAPI_API int tapi_line_make_call(struct tapi_line *line, const char *dest,
				 const struct tapi_call_params *params,
				 uint32_t *call)
{
	return make_call(line, dest, params, call, false);
}

TAPI_API int tapi_line_make_call_sync(struct tapi_line *line, const char *dest,
				      const struct tapi_call_params *params,
				      uint32_t *call)
{
	return make_call(line, dest, params, call, true);
}

int tapi_fill_call_dial(struct tapi_call_dial *req, uint32_t call,
			const char *digits)
{
	memset(req, 0, sizeof(*req));
	if (tapi_set_kstr(req->digits, sizeof(req->digits), digits))
		return -1;
	req->size = sizeof(*req);
	req->call = call;
	return 0;
}

int tapi_dial_request(struct tapi_line *line, uint32_t call,
		      const char *digits, unsigned long cmd, bool sync)
{
	struct tapi_call_dial req;

	if (tapi_fill_call_dial(&req, call, digits))
		return -1;
	req.flags = tapi_sync_flag(sync);
	return tapi_request_result(ioctl(tapi_line_get_fd(line), cmd, &req),
				   sync);
}

TAPI_API int tapi_line_dial(struct tapi_line *line, uint32_t call,
			    const char *digits)
{
	return tapi_dial_request(line, call, digits, TAPI_IOC_CALL_DIAL, false);
}

TAPI_API int tapi_line_dial_sync(struct tapi_line *line, uint32_t call,
				 const char *digits)
{
	return tapi_dial_request(line, call, digits, TAPI_IOC_CALL_DIAL, true);
}

int tapi_call_request(struct tapi_line *line, uint32_t call,
		      unsigned long cmd, bool sync)
{
	struct tapi_call_request req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.flags = tapi_sync_flag(sync);
	req.call = call;
	return tapi_request_result(ioctl(tapi_line_get_fd(line), cmd, &req),
				   sync);
}

TAPI_API int tapi_line_answer(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_ANSWER, false);
}

TAPI_API int tapi_line_answer_sync(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_ANSWER, true);
}

TAPI_API int tapi_line_accept(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_ACCEPT, false);
}

TAPI_API int tapi_line_accept_sync(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_ACCEPT, true);
}

TAPI_API int tapi_line_drop(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_DROP, false);
}

TAPI_API int tapi_line_drop_sync(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_DROP, true);
}

TAPI_API int tapi_line_deallocate_call(struct tapi_line *line, uint32_t call)
{
	struct tapi_call_dealloc req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.call = call;
	return ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_DEALLOCATE, &req) ?
		-1 : 0;
}

TAPI_API int tapi_line_set_call_privilege(struct tapi_line *line,
					  uint32_t call, uint32_t privilege)
{
	struct tapi_call_privilege req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.call = call;
	req.privilege = privilege;
	return ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_SET_PRIVILEGE,
		     &req) ? -1 : 0;
}

int tapi_fill_call_handoff(struct tapi_call_handoff *req, uint32_t call,
			   uint32_t media_mode, const char *app_name)
{
	bool by_name = app_name && *app_name;

	/* Exactly one target: a media mode or an application. */
	if (!media_mode == !by_name) {
		errno = EINVAL;
		return -1;
	}
	memset(req, 0, sizeof(*req));
	if (by_name && tapi_set_kstr(req->app_name, sizeof(req->app_name),
				     app_name))
		return -1;
	req->size = sizeof(*req);
	req->call = call;
	req->media_mode = media_mode;
	return 0;
}

TAPI_API int tapi_line_handoff(struct tapi_line *line, uint32_t call,
			       uint32_t media_mode, const char *app_name)
{
	struct tapi_call_handoff req;

	if (tapi_fill_call_handoff(&req, call, media_mode, app_name))
		return -1;
	return ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_HANDOFF, &req) ?
		-1 : 0;
}

int tapi_fill_new_calls(struct tapi_line_new_calls *req, unsigned int capacity,
			int address_id)
{
	if (capacity > INT_MAX ||
	    (address_id < 0 && address_id != TAPI_ALL_ADDRESSES)) {
		errno = EINVAL;
		return -1;
	}
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	if (address_id != TAPI_ALL_ADDRESSES) {
		req->flags = TAPI_NEW_CALLS_ADDRESS;
		req->address_id = address_id;
	}
	req->capacity = capacity;
	return 0;
}

TAPI_API int tapi_line_get_new_calls(struct tapi_line *line, uint32_t *calls,
				     unsigned int capacity, int address_id,
				     unsigned int *remaining)
{
	struct tapi_line_new_calls req;

	if (capacity && !calls) {
		errno = EINVAL;
		return -1;
	}
	if (tapi_fill_new_calls(&req, capacity, address_id))
		return -1;
	req.handles = (uintptr_t)calls;
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_LINE_GET_NEW_CALLS, &req))
		return -1;
	if (req.count > capacity) {
		errno = EIO;	/* wrote past the array? */
		return -1;
	}
	if (remaining)
		*remaining = req.remaining;
	return req.count;
}

TAPI_API int tapi_line_set_event_mask(struct tapi_line *line, uint64_t mask)
{
	struct tapi_line_event_mask req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.event_mask = mask;
	return ioctl(tapi_line_get_fd(line), TAPI_IOC_LINE_SET_EVENT_MASK,
		     &req) ? -1 : 0;
}

TAPI_API int tapi_line_set_priority(struct tapi_line *line,
				    uint32_t media_modes, uint32_t priority)
{
	struct tapi_line_priority req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.media_modes = media_modes;
	req.priority = priority;
	return ioctl(tapi_line_get_fd(line), TAPI_IOC_LINE_SET_PRIORITY,
		     &req) ? -1 : 0;
}
