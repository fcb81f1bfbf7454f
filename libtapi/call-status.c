// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call status: a snapshot of a call's state as this line fd sees it
 * (LINECALLSTATUS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

struct tapi_line_call_status {
	uint32_t call;
	uint32_t state;
	uint32_t mode;
	uint32_t privilege;
	uint32_t features;
	uint32_t call_id;
	uint64_t state_ns;
};

struct tapi_line_call_status *
tapi_line_call_status_from(uint32_t call, const struct tapi_call_status *cs)
{
	struct tapi_line_call_status *status;

	status = calloc(1, sizeof(*status));
	if (!status)
		return NULL;
	status->call = call;
	status->state = cs->state;
	status->mode = cs->mode;
	status->privilege = cs->privilege;
	status->features = cs->call_features;
	status->call_id = cs->call_id;
	status->state_ns = cs->state_ns;
	return status;
}

TAPI_API struct tapi_line_call_status *
tapi_line_get_call_status(struct tapi_line *line, uint32_t call)
{
	struct tapi_call_status cs;

	memset(&cs, 0, sizeof(cs));
	cs.size = sizeof(cs);
	cs.call = call;
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_GET_STATUS, &cs))
		return NULL;
	return tapi_line_call_status_from(call, &cs);
}

TAPI_API void tapi_line_call_status_free(struct tapi_line_call_status *status)
{
	free(status);
}

TAPI_API uint32_t
tapi_line_call_status_get_call(const struct tapi_line_call_status *status)
{
	return status->call;
}

TAPI_API uint32_t
tapi_line_call_status_get_state(const struct tapi_line_call_status *status)
{
	return status->state;
}

TAPI_API uint32_t
tapi_line_call_status_get_mode(const struct tapi_line_call_status *status)
{
	return status->mode;
}

TAPI_API uint32_t
tapi_line_call_status_get_privilege(const struct tapi_line_call_status *status)
{
	return status->privilege;
}

TAPI_API uint32_t
tapi_line_call_status_get_features(const struct tapi_line_call_status *status)
{
	return status->features;
}

TAPI_API uint32_t
tapi_line_call_status_get_call_id(const struct tapi_line_call_status *status)
{
	return status->call_id;
}

TAPI_API uint64_t
tapi_line_call_status_get_state_ns(const struct tapi_line_call_status *status)
{
	return status->state_ns;
}
