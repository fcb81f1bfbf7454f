// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Supplementary services: the hold, transfer and conference commands of a
 * line fd (lineHold, lineUnhold, lineSwapHold, lineSetupTransfer,
 * lineCompleteTransfer, lineBlindTransfer, lineSetupConference,
 * linePrepareAddToConference, lineAddToConference,
 * lineRemoveFromConference, lineGetConfRelatedCalls).
 *
 * As in call.c, each function fills one uapi structure and issues one
 * ioctl; the structures are filled by the same helpers for io_uring
 * (ring-ops.c).  Every request but the conference query is asynchronous,
 * with a _sync() variant.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

int tapi_request_ids_result(int ret, bool sync, const uint32_t *made,
			    uint32_t **out, unsigned int num)
{
	unsigned int i;

	ret = tapi_request_result(ret, sync);
	if (ret < 0 && errno != EINTR)
		return -1;
	for (i = 0; i < num; i++) {
		if (!made[i]) {
			if (ret < 0)
				return -1;	/* EINTR before the ids */
			errno = EIO;	/* the core broke its promise */
			return -1;
		}
	}
	for (i = 0; i < num; i++)
		if (out[i])
			*out[i] = made[i];
	return ret;
}

/* ---- hold, unhold, remove from conference: struct tapi_call_request ---- */

TAPI_API int tapi_line_hold(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_HOLD, false);
}

TAPI_API int tapi_line_hold_sync(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_HOLD, true);
}

TAPI_API int tapi_line_unhold(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_UNHOLD, false);
}

TAPI_API int tapi_line_unhold_sync(struct tapi_line *line, uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_UNHOLD, true);
}

TAPI_API int tapi_line_remove_from_conference(struct tapi_line *line,
					      uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_REMOVE_FROM_CONF,
				 false);
}

TAPI_API int tapi_line_remove_from_conference_sync(struct tapi_line *line,
						   uint32_t call)
{
	return tapi_call_request(line, call, TAPI_IOC_CALL_REMOVE_FROM_CONF,
				 true);
}

/* ---- swap hold, add to conference: struct tapi_call_pair ---- */

void tapi_fill_call_pair(struct tapi_call_pair *req, uint32_t call,
			 uint32_t other)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->call = call;
	req->other = other;
}

static int call_pair(struct tapi_line *line, uint32_t call, uint32_t other,
		     unsigned long cmd, bool sync)
{
	struct tapi_call_pair req;

	tapi_fill_call_pair(&req, call, other);
	req.flags = tapi_sync_flag(sync);
	return tapi_request_result(ioctl(tapi_line_get_fd(line), cmd, &req),
				   sync);
}

TAPI_API int tapi_line_swap_hold(struct tapi_line *line, uint32_t active_call,
				 uint32_t held_call)
{
	return call_pair(line, active_call, held_call, TAPI_IOC_CALL_SWAP_HOLD,
			 false);
}

TAPI_API int tapi_line_swap_hold_sync(struct tapi_line *line,
				      uint32_t active_call, uint32_t held_call)
{
	return call_pair(line, active_call, held_call, TAPI_IOC_CALL_SWAP_HOLD,
			 true);
}

TAPI_API int tapi_line_add_to_conference(struct tapi_line *line,
					 uint32_t conf_call, uint32_t call)
{
	return call_pair(line, conf_call, call, TAPI_IOC_CALL_ADD_TO_CONF,
			 false);
}

TAPI_API int tapi_line_add_to_conference_sync(struct tapi_line *line,
					      uint32_t conf_call, uint32_t call)
{
	return call_pair(line, conf_call, call, TAPI_IOC_CALL_ADD_TO_CONF,
			 true);
}

/* ---- setup transfer, prepare add: struct tapi_call_consult ---- */

void tapi_fill_call_consult(struct tapi_call_consult *req, uint32_t call)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->call = call;
}

static int call_consult(struct tapi_line *line, uint32_t call,
			uint32_t *consult_call, unsigned long cmd, bool sync)
{
	struct tapi_call_consult req;

	if (!consult_call) {
		errno = EINVAL;
		return -1;
	}
	tapi_fill_call_consult(&req, call);
	req.flags = tapi_sync_flag(sync);
	return tapi_request_ids_result(ioctl(tapi_line_get_fd(line), cmd,
					     &req), sync, &req.consult,
				       &consult_call, 1);
}

TAPI_API int tapi_line_setup_transfer(struct tapi_line *line, uint32_t call,
				      uint32_t *consult_call)
{
	return call_consult(line, call, consult_call,
			    TAPI_IOC_CALL_SETUP_TRANSFER, false);
}

TAPI_API int tapi_line_setup_transfer_sync(struct tapi_line *line,
					   uint32_t call,
					   uint32_t *consult_call)
{
	return call_consult(line, call, consult_call,
			    TAPI_IOC_CALL_SETUP_TRANSFER, true);
}

TAPI_API int tapi_line_prepare_add_to_conference(struct tapi_line *line,
						 uint32_t conf_call,
						 uint32_t *consult_call)
{
	return call_consult(line, conf_call, consult_call,
			    TAPI_IOC_CALL_PREPARE_ADD_CONF, false);
}

TAPI_API int tapi_line_prepare_add_to_conference_sync(struct tapi_line *line,
						      uint32_t conf_call,
						      uint32_t *consult_call)
{
	return call_consult(line, conf_call, consult_call,
			    TAPI_IOC_CALL_PREPARE_ADD_CONF, true);
}

/* ---- complete transfer ---- */

int tapi_fill_complete_transfer(struct tapi_call_complete_transfer *req,
				uint32_t call, uint32_t consult_call,
				uint32_t mode)
{
	if (mode != TAPI_TRANSFER_TRANSFER &&
	    mode != TAPI_TRANSFER_CONFERENCE) {
		errno = EINVAL;
		return -1;
	}
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	if (mode == TAPI_TRANSFER_CONFERENCE)
		req->flags = TAPI_COMPLETE_TRANSFER_CONFERENCE;
	req->call = call;
	req->consult = consult_call;
	return 0;
}

static int complete_transfer(struct tapi_line *line, uint32_t call,
			     uint32_t consult_call, uint32_t mode,
			     uint32_t *conf_call, bool sync)
{
	struct tapi_call_complete_transfer req;
	int ret;

	if (tapi_fill_complete_transfer(&req, call, consult_call, mode))
		return -1;
	if (mode == TAPI_TRANSFER_CONFERENCE && !conf_call) {
		errno = EINVAL;
		return -1;
	}
	if (sync)
		req.flags |= TAPI_COMPLETE_TRANSFER_SYNC;
	ret = ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_COMPLETE_TRANSFER,
		    &req);
	if (mode == TAPI_TRANSFER_CONFERENCE)
		return tapi_request_ids_result(ret, sync, &req.conf,
					       &conf_call, 1);
	ret = tapi_request_result(ret, sync);
	if (ret >= 0 && conf_call)
		*conf_call = 0;		/* no conference call */
	return ret;
}

TAPI_API int tapi_line_complete_transfer(struct tapi_line *line, uint32_t call,
					 uint32_t consult_call, uint32_t mode,
					 uint32_t *conf_call)
{
	return complete_transfer(line, call, consult_call, mode, conf_call,
				 false);
}

TAPI_API int tapi_line_complete_transfer_sync(struct tapi_line *line,
					      uint32_t call,
					      uint32_t consult_call,
					      uint32_t mode,
					      uint32_t *conf_call)
{
	return complete_transfer(line, call, consult_call, mode, conf_call,
				 true);
}

/* ---- blind transfer: struct tapi_call_dial ---- */

TAPI_API int tapi_line_blind_transfer(struct tapi_line *line, uint32_t call,
				      const char *dest)
{
	return tapi_dial_request(line, call, dest, TAPI_IOC_CALL_BLIND_TRANSFER,
				 false);
}

TAPI_API int tapi_line_blind_transfer_sync(struct tapi_line *line,
					   uint32_t call, const char *dest)
{
	return tapi_dial_request(line, call, dest, TAPI_IOC_CALL_BLIND_TRANSFER,
				 true);
}

/* ---- setup conference ---- */

void tapi_fill_setup_conf(struct tapi_call_setup_conf *req, uint32_t call,
			  unsigned int num_parties)
{
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->call = call;
	req->num_parties = num_parties;
}

static int setup_conference(struct tapi_line *line, uint32_t call,
			    unsigned int num_parties, uint32_t *conf_call,
			    uint32_t *consult_call, bool sync)
{
	struct tapi_call_setup_conf req;
	uint32_t made[2], *out[2] = { conf_call, consult_call };
	int ret;

	if (!conf_call || !consult_call) {
		errno = EINVAL;
		return -1;
	}
	tapi_fill_setup_conf(&req, call, num_parties);
	req.flags = tapi_sync_flag(sync);
	ret = ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_SETUP_CONF, &req);
	made[0] = req.conf;
	made[1] = req.consult;
	return tapi_request_ids_result(ret, sync, made, out, 2);
}

TAPI_API int tapi_line_setup_conference(struct tapi_line *line, uint32_t call,
					unsigned int num_parties,
					uint32_t *conf_call,
					uint32_t *consult_call)
{
	return setup_conference(line, call, num_parties, conf_call,
				consult_call, false);
}

TAPI_API int tapi_line_setup_conference_sync(struct tapi_line *line,
					     uint32_t call,
					     unsigned int num_parties,
					     uint32_t *conf_call,
					     uint32_t *consult_call)
{
	return setup_conference(line, call, num_parties, conf_call,
				consult_call, true);
}

/* ---- the calls of a conference ---- */

int tapi_fill_conf_related(struct tapi_conf_related *req, uint32_t call,
			   unsigned int capacity)
{
	if (capacity > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(req, 0, sizeof(*req));
	req->size = sizeof(*req);
	req->call = call;
	req->capacity = capacity;
	return 0;
}

TAPI_API int tapi_line_get_conf_related_calls(struct tapi_line *line,
					      uint32_t call,
					      struct tapi_conf_member *members,
					      unsigned int capacity,
					      unsigned int *remaining)
{
	struct tapi_conf_related req;

	if (capacity && !members) {
		errno = EINVAL;
		return -1;
	}
	if (tapi_fill_conf_related(&req, call, capacity))
		return -1;
	req.members = (uintptr_t)members;
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_GET_CONF_RELATED,
		  &req))
		return -1;
	if (req.count > capacity) {
		errno = EIO;	/* wrote past the array? */
		return -1;
	}
	if (remaining)
		*remaining = req.remaining;
	return req.count;
}
