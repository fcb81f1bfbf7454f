// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Line status: a snapshot of an open line's status (LINEDEVSTATUS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

struct tapi_line_status {
	unsigned int num_opens;
	unsigned int num_owners;
	unsigned int num_monitors;
	uint32_t open_media_modes;
	unsigned int num_active_calls;
	unsigned int num_onhold_calls;
	unsigned int num_onholdpend_calls;
	uint32_t features;
	uint32_t flags;
};

struct tapi_line_status *
tapi_line_status_from(const struct tapi_line_devstatus *ds)
{
	struct tapi_line_status *st;

	st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->num_opens = ds->num_opens;
	st->num_owners = ds->num_owners;
	st->num_monitors = ds->num_monitors;
	st->open_media_modes = ds->open_media_modes;
	st->num_active_calls = ds->num_active_calls;
	st->num_onhold_calls = ds->num_onhold_calls;
	st->num_onholdpend_calls = ds->num_onholdpend_calls;
	st->features = ds->line_features;
	st->flags = ds->devstatus_flags;
	return st;
}

TAPI_API struct tapi_line_status *tapi_line_get_status(struct tapi_line *line)
{
	struct tapi_line_devstatus ds;

	memset(&ds, 0, sizeof(ds));
	ds.size = sizeof(ds);
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_LINE_GET_DEVSTATUS, &ds))
		return NULL;
	return tapi_line_status_from(&ds);
}

TAPI_API void tapi_line_status_free(struct tapi_line_status *status)
{
	free(status);
}

TAPI_API unsigned int
tapi_line_status_get_num_opens(const struct tapi_line_status *status)
{
	return status->num_opens;
}

TAPI_API unsigned int
tapi_line_status_get_num_owners(const struct tapi_line_status *status)
{
	return status->num_owners;
}

TAPI_API unsigned int
tapi_line_status_get_num_monitors(const struct tapi_line_status *status)
{
	return status->num_monitors;
}

TAPI_API uint32_t
tapi_line_status_get_open_media_modes(const struct tapi_line_status *status)
{
	return status->open_media_modes;
}

TAPI_API unsigned int
tapi_line_status_get_num_active_calls(const struct tapi_line_status *status)
{
	return status->num_active_calls;
}

TAPI_API unsigned int
tapi_line_status_get_num_onhold_calls(const struct tapi_line_status *status)
{
	return status->num_onhold_calls;
}

TAPI_API unsigned int
tapi_line_status_get_num_onholdpend_calls(const struct tapi_line_status *status)
{
	return status->num_onholdpend_calls;
}

TAPI_API uint32_t
tapi_line_status_get_features(const struct tapi_line_status *status)
{
	return status->features;
}

TAPI_API uint32_t
tapi_line_status_get_flags(const struct tapi_line_status *status)
{
	return status->flags;
}
