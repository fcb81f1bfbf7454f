// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Completions: what the completion of an operation queued on a ring says,
 * filled by tapi_ring_handle_cqe() (ring.c) and read through getters.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

TAPI_API struct tapi_completion *tapi_completion_new(void)
{
	struct tapi_completion *c;

	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	/*
	 * Reads of events hand over their filled buffer and take this one
	 * back (ring.c): having one from the start means that can never
	 * fail and lose events.
	 */
	c->events = tapi_event_buffer_new(1);
	if (!c->events) {
		free(c);
		errno = ENOMEM;
		return NULL;
	}
	return c;
}

void tapi_completion_reset(struct tapi_completion *c)
{
	struct tapi_event_buffer *events = c->events;

	tapi_line_call_info_free(c->call_info);
	tapi_line_call_status_free(c->call_status);
	tapi_line_status_free(c->line_status);
	tapi_line_address_status_free(c->address_status);
	free(c->new_calls);
	free(c->members);
	if (c->line)
		tapi_line_unref(c->line);

	/* The buffer and its array stay, for the next read. */
	tapi_event_buffer_clear(events);

	memset(c, 0, sizeof(*c));
	c->events = events;
}

TAPI_API void tapi_completion_free(struct tapi_completion *completion)
{
	if (!completion)
		return;
	tapi_completion_reset(completion);
	tapi_event_buffer_free(completion->events);
	free(completion);
}

TAPI_API enum tapi_ring_op
tapi_completion_get_op(const struct tapi_completion *completion)
{
	return completion->kind;
}

TAPI_API int tapi_completion_get_result(const struct tapi_completion *completion)
{
	return completion->result;
}

TAPI_API void *
tapi_completion_get_user_data(const struct tapi_completion *completion)
{
	return completion->user_data;
}

TAPI_API struct tapi_line *
tapi_completion_get_line(const struct tapi_completion *completion)
{
	return completion->line;
}

TAPI_API uint32_t
tapi_completion_get_call(const struct tapi_completion *completion)
{
	return completion->call;
}

TAPI_API uint32_t
tapi_completion_get_consult_call(const struct tapi_completion *completion)
{
	return completion->consult_call;
}

TAPI_API uint32_t
tapi_completion_get_conf_call(const struct tapi_completion *completion)
{
	return completion->conf_call;
}

TAPI_API uint32_t
tapi_completion_get_completion_id(const struct tapi_completion *completion)
{
	return completion->completion_id;
}

TAPI_API uint32_t
tapi_completion_get_request_id(const struct tapi_completion *completion)
{
	return completion->request_id;
}

TAPI_API bool tapi_completion_has_more(const struct tapi_completion *completion)
{
	return completion->more;
}

TAPI_API uint32_t
tapi_completion_get_cqe_flags(const struct tapi_completion *completion)
{
	return completion->cqe_flags;
}

TAPI_API const struct tapi_event_buffer *
tapi_completion_get_events(const struct tapi_completion *completion)
{
	if (completion->kind != TAPI_RING_OP_READ_EVENTS ||
	    completion->result <= 0)
		return NULL;
	return completion->events;
}

TAPI_API const struct tapi_line_call_info *
tapi_completion_get_call_info(const struct tapi_completion *completion)
{
	return completion->call_info;
}

TAPI_API const struct tapi_line_call_status *
tapi_completion_get_call_status(const struct tapi_completion *completion)
{
	return completion->call_status;
}

TAPI_API const struct tapi_line_address_status *
tapi_completion_get_address_status(const struct tapi_completion *completion)
{
	return completion->address_status;
}

TAPI_API const struct tapi_line_status *
tapi_completion_get_line_status(const struct tapi_completion *completion)
{
	return completion->line_status;
}

TAPI_API uint32_t
tapi_completion_get_new_call(const struct tapi_completion *completion,
			     unsigned int index)
{
	if (index >= completion->num_new_calls)
		return 0;
	return completion->new_calls[index];
}

TAPI_API const struct tapi_conf_member *
tapi_completion_get_conf_member(const struct tapi_completion *completion,
				unsigned int index)
{
	if (index >= completion->num_members)
		return NULL;
	return &completion->members[index];
}

TAPI_API unsigned int
tapi_completion_get_remaining(const struct tapi_completion *completion)
{
	return completion->remaining;
}
