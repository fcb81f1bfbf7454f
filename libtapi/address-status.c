// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Address status: a snapshot of the state of one address of an open line
 * (LINEADDRESSSTATUS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

struct tapi_line_address_status {
	unsigned int address_id;
	unsigned int num_inuse;
	unsigned int num_active_calls;
	unsigned int num_onhold_calls;
	unsigned int num_onholdpend_calls;
	uint32_t features;
	unsigned int num_forward;
	unsigned int forward_no_answer_ms;
	struct tapi_forward_entry forward[TAPI_FORWARD_MAX];
};

struct tapi_line_address_status *
tapi_line_address_status_from(const struct tapi_address_status *as)
{
	struct tapi_line_address_status *status;
	unsigned int i;

	status = calloc(1, sizeof(*status));
	if (!status)
		return NULL;
	status->address_id = as->address_id;
	status->num_inuse = as->num_inuse;
	status->num_active_calls = as->num_active_calls;
	status->num_onhold_calls = as->num_onhold_calls;
	status->num_onholdpend_calls = as->num_onholdpend_calls;
	status->features = as->address_features;
	/* No more entries than there is room for, whatever the core says. */
	status->num_forward = as->num_forward;
	if (status->num_forward > TAPI_FORWARD_MAX)
		status->num_forward = TAPI_FORWARD_MAX;
	status->forward_no_answer_ms = as->forward_no_answer_ms;
	for (i = 0; i < status->num_forward; i++) {
		status->forward[i].mode = as->forward[i].mode;
		tapi_copy_kstr(status->forward[i].dest, as->forward[i].dest,
			       sizeof(status->forward[i].dest));
	}
	return status;
}

TAPI_API struct tapi_line_address_status *
tapi_line_get_address_status(struct tapi_line *line, unsigned int address_id)
{
	struct tapi_address_status as;

	memset(&as, 0, sizeof(as));
	as.size = sizeof(as);
	as.address_id = address_id;
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_ADDRESS_GET_STATUS, &as))
		return NULL;
	/* The address asked for, whatever the core wrote back. */
	as.address_id = address_id;
	return tapi_line_address_status_from(&as);
}

TAPI_API void
tapi_line_address_status_free(struct tapi_line_address_status *status)
{
	free(status);
}

TAPI_API unsigned int tapi_line_address_status_get_address_id(
	const struct tapi_line_address_status *status)
{
	return status->address_id;
}

TAPI_API unsigned int tapi_line_address_status_get_num_inuse(
	const struct tapi_line_address_status *status)
{
	return status->num_inuse;
}

TAPI_API unsigned int tapi_line_address_status_get_num_active_calls(
	const struct tapi_line_address_status *status)
{
	return status->num_active_calls;
}

TAPI_API unsigned int tapi_line_address_status_get_num_onhold_calls(
	const struct tapi_line_address_status *status)
{
	return status->num_onhold_calls;
}

TAPI_API unsigned int tapi_line_address_status_get_num_onholdpend_calls(
	const struct tapi_line_address_status *status)
{
	return status->num_onholdpend_calls;
}

TAPI_API uint32_t tapi_line_address_status_get_features(
	const struct tapi_line_address_status *status)
{
	return status->features;
}

TAPI_API unsigned int tapi_line_address_status_get_num_forward(
	const struct tapi_line_address_status *status)
{
	return status->num_forward;
}

TAPI_API unsigned int tapi_line_address_status_get_forward_no_answer_ms(
	const struct tapi_line_address_status *status)
{
	return status->forward_no_answer_ms;
}

TAPI_API uint32_t tapi_line_address_status_get_forward_mode(
	const struct tapi_line_address_status *status, unsigned int index)
{
	if (index >= status->num_forward)
		return 0;
	return status->forward[index].mode;
}

TAPI_API const char *tapi_line_address_status_get_forward_dest(
	const struct tapi_line_address_status *status, unsigned int index)
{
	if (index >= status->num_forward) {
		errno = EINVAL;
		return NULL;
	}
	return status->forward[index].dest;
}
