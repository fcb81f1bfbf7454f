// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call services: the redirect, pickup, park, unpark, forward, secure call,
 * user-user information and call completion commands of a line fd
 * (lineRedirect, linePickup, linePark, lineUnpark, lineForward,
 * lineSecureCall, lineSendUserUserInfo, lineCompleteCall,
 * lineUncompleteCall).
 *
 * As in call.c, each function fills one uapi structure and issues one
 * ioctl; the structures are filled by the same helpers for io_uring
 * (ring-services.c).  Every request is asynchronous, with a _sync()
 * variant.  The forwarding list is forward.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

/* ---- redirect: struct tapi_call_dial ---- */

TAPI_API int tapi_line_redirect(struct tapi_line *line, uint32_t call,
				const char *dest)
{
	return tapi_dial_request(line, call, dest, TAPI_IOC_CALL_REDIRECT,
				 false);
}

TAPI_API int tapi_line_redirect_sync(struct tapi_line *line, uint32_t call,
				     const char *dest)
{
	return tapi_dial_request(line, call, dest, TAPI_IOC_CALL_REDIRECT,
				 true);
}

/* ---- pickup, unpark: struct tapi_line_pickup ---- */

int tapi_fill_line_pickup(struct tapi_line_pickup *req,
			  unsigned int address_id, const char *dest,
			  const char *group)
{
	memset(req, 0, sizeof(*req));
	if ((dest && tapi_set_kstr(req->dest, sizeof(req->dest), dest)) ||
	    (group && tapi_set_kstr(req->group, sizeof(req->group), group)))
		return -1;
	req->size = sizeof(*req);
	req->address_id = address_id;
	return 0;
}

/* A request that brings a call onto the line: its handle in *@call. */
static int take_call(struct tapi_line *line, unsigned long cmd,
		     unsigned int address_id, const char *dest,
		     const char *group, uint32_t *call, bool sync)
{
	struct tapi_line_pickup req;

	if (!call) {
		errno = EINVAL;
		return -1;
	}
	if (tapi_fill_line_pickup(&req, address_id, dest, group))
		return -1;
	req.flags = tapi_sync_flag(sync);
	return tapi_request_ids_result(ioctl(tapi_line_get_fd(line), cmd,
					     &req), sync, &req.call, &call, 1);
}

TAPI_API int tapi_line_pickup(struct tapi_line *line, unsigned int address_id,
			      const char *dest, const char *group,
			      uint32_t *call)
{
	return take_call(line, TAPI_IOC_LINE_PICKUP, address_id, dest, group,
			 call, false);
}

TAPI_API int tapi_line_pickup_sync(struct tapi_line *line,
				   unsigned int address_id, const char *dest,
				   const char *group, uint32_t *call)
{
	return take_call(line, TAPI_IOC_LINE_PICKUP, address_id, dest, group,
			 call, true);
}

/* Unpark takes a park address, never a group. */
static int unpark(struct tapi_line *line, unsigned int address_id,
		  const char *dest, uint32_t *call, bool sync)
{
	if (!dest) {
		errno = EINVAL;
		return -1;
	}
	return take_call(line, TAPI_IOC_LINE_UNPARK, address_id, dest, NULL,
			 call, sync);
}

TAPI_API int tapi_line_unpark(struct tapi_line *line, unsigned int address_id,
			      const char *dest, uint32_t *call)
{
	return unpark(line, address_id, dest, call, false);
}

TAPI_API int tapi_line_unpark_sync(struct tapi_line *line,
				   unsigned int address_id, const char *dest,
				   uint32_t *call)
{
	return unpark(line, address_id, dest, call, true);
}

/* ---- park ---- */

int tapi_fill_call_park(struct tapi_call_park *req, uint32_t call,
			uint32_t mode, const char *dest)
{
	memset(req, 0, sizeof(*req));
	if (dest && tapi_set_kstr(req->dest, sizeof(req->dest), dest))
		return -1;
	req->size = sizeof(*req);
	req->call = call;
	req->mode = mode;
	return 0;
}

static int park(struct tapi_line *line, uint32_t call, uint32_t mode,
		const char *dest, bool sync)
{
	struct tapi_call_park req;

	if (tapi_fill_call_park(&req, call, mode, dest))
		return -1;
	req.flags = tapi_sync_flag(sync);
	return tapi_request_result(ioctl(tapi_line_get_fd(line),
					 TAPI_IOC_CALL_PARK, &req), sync);
}

TAPI_API int tapi_line_park(struct tapi_line *line, uint32_t call,
			    uint32_t mode, const char *dest)
{
	return park(line, call, mode, dest, false);
}

TAPI_API int tapi_line_park_sync(struct tapi_line *line, uint32_t call,
				 uint32_t mode, const char *dest,
				 char *park_address, size_t size)
{
	struct tapi_line_call_info *info;

	if (park_address && size < TAPI_DIAL_LEN) {
		errno = EINVAL;
		return -1;
	}
	if (park(line, call, mode, dest, true))
		return -1;
	if (!park_address)
		return 0;
	/* The core names the park address as the redirection party. */
	info = tapi_line_get_call_info(line, call);
	snprintf(park_address, size, "%s", info ?
		 tapi_line_call_info_get_party_number(info,
						      TAPI_PARTY_REDIRECTION) :
		 "");
	tapi_line_call_info_free(info);
	return 0;
}

/* ---- forward: struct tapi_line_forward (forward.c fills it) ---- */

static int forward(struct tapi_line *line, int address_id,
		   const struct tapi_forward_list *list, bool sync)
{
	struct tapi_line_forward req;

	if (tapi_fill_line_forward(&req, address_id, list))
		return -1;
	req.flags |= tapi_sync_flag(sync);
	return tapi_request_result(ioctl(tapi_line_get_fd(line),
					 TAPI_IOC_LINE_FORWARD, &req), sync);
}

TAPI_API int tapi_line_forward(struct tapi_line *line, int address_id,
			       const struct tapi_forward_list *list)
{
	return forward(line, address_id, list, false);
}

TAPI_API int tapi_line_forward_sync(struct tapi_line *line, int address_id,
				    const struct tapi_forward_list *list)
{
	return forward(line, address_id, list, true);
}

/* ---- secure call: struct tapi_call_request ---- */

TAPI_API int tapi_line_secure_call(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_SECURE, false);
}

TAPI_API int tapi_line_secure_call_sync(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_SECURE, true);
}

/* ---- user-user information ---- */

int tapi_fill_call_user_user(struct tapi_call_user_user *req, uint32_t call,
			     const void *data, size_t len)
{
	if (len > sizeof(req->data) || (len && !data)) {
		errno = EINVAL;
		return -1;
	}
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->call = call;
	req->len = len;
	if (len)
		memcpy(req->data, data, len);
	return 0;
}

static int send_user_user(struct tapi_line *line, uint32_t call,
			  const void *data, size_t len, bool sync)
{
	struct tapi_call_user_user req;

	if (tapi_fill_call_user_user(&req, call, data, len))
		return -1;
	req.flags = tapi_sync_flag(sync);
	return tapi_request_result(ioctl(tapi_line_get_fd(line),
					 TAPI_IOC_CALL_SEND_USER_USER, &req),
				   sync);
}

TAPI_API int tapi_line_send_user_user_info(struct tapi_line *line,
					   uint32_t call, const void *data,
					   size_t len)
{
	return send_user_user(line, call, data, len, false);
}

TAPI_API int tapi_line_send_user_user_info_sync(struct tapi_line *line,
						uint32_t call,
						const void *data, size_t len)
{
	return send_user_user(line, call, data, len, true);
}

/* ---- call completion ---- */

void tapi_fill_call_completion(struct tapi_call_completion *req,
			       uint32_t call, uint32_t mode)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->call = call;
	req->mode = mode;
}

static int complete_call(struct tapi_line *line, uint32_t call, uint32_t mode,
			 uint32_t *completion_id, bool sync)
{
	struct tapi_call_completion req;

	if (!completion_id) {
		errno = EINVAL;
		return -1;
	}
	tapi_fill_call_completion(&req, call, mode);
	req.flags = tapi_sync_flag(sync);
	return tapi_request_ids_result(ioctl(tapi_line_get_fd(line),
					     TAPI_IOC_CALL_COMPLETE, &req),
				       sync, &req.completion_id,
				       &completion_id, 1);
}

TAPI_API int tapi_line_complete_call(struct tapi_line *line, uint32_t call,
				     uint32_t mode, uint32_t *completion_id)
{
	return complete_call(line, call, mode, completion_id, false);
}

TAPI_API int tapi_line_complete_call_sync(struct tapi_line *line,
					  uint32_t call, uint32_t mode,
					  uint32_t *completion_id)
{
	return complete_call(line, call, mode, completion_id, true);
}

void tapi_fill_line_uncomplete(struct tapi_line_uncomplete *req,
			       uint32_t completion_id)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->completion_id = completion_id;
}

static int uncomplete_call(struct tapi_line *line, uint32_t completion_id,
			   bool sync)
{
	struct tapi_line_uncomplete req;

	tapi_fill_line_uncomplete(&req, completion_id);
	req.flags = tapi_sync_flag(sync);
	return tapi_request_result(ioctl(tapi_line_get_fd(line),
					 TAPI_IOC_LINE_UNCOMPLETE, &req),
				   sync);
}

TAPI_API int tapi_line_uncomplete_call(struct tapi_line *line,
				       uint32_t completion_id)
{
	return uncomplete_call(line, completion_id, false);
}

TAPI_API int tapi_line_uncomplete_call_sync(struct tapi_line *line,
					    uint32_t completion_id)
{
	return uncomplete_call(line, completion_id, true);
}
