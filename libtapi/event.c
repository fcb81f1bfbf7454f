// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Events: buffers of fixed-size records read() from a line fd.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct tapi_event_buffer {
	unsigned int capacity;
	unsigned int num_events;
	struct tapi_line_event *events;
};

TAPI_API struct tapi_event_buffer *tapi_event_buffer_new(unsigned int capacity)
{
	struct tapi_event_buffer *buf;

	if (!capacity)
		capacity = TAPI_EVENT_BUFFER_DEFAULT;
	if (capacity > TAPI_EVENT_QUEUE_MAX)
		capacity = TAPI_EVENT_QUEUE_MAX;

	buf = calloc(1, sizeof(*buf));
	if (!buf)
		return NULL;
	buf->events = calloc(capacity, sizeof(*buf->events));
	if (!buf->events) {
		free(buf);
		return NULL;
	}
	buf->capacity = capacity;
	return buf;
}

TAPI_API void tapi_event_buffer_free(struct tapi_event_buffer *buffer)
{
	if (!buffer)
		return;
	free(buffer->events);
	free(buffer);
}

TAPI_API unsigned int
tapi_event_buffer_get_capacity(const struct tapi_event_buffer *buffer)
{
	return buffer->capacity;
}

TAPI_API unsigned int
tapi_event_buffer_get_num_events(const struct tapi_event_buffer *buffer)
{
	return buffer->num_events;
}

TAPI_API const struct tapi_line_event *
tapi_event_buffer_get(const struct tapi_event_buffer *buffer, unsigned int index)
{
	if (index >= buffer->num_events) {
		errno = EINVAL;
		return NULL;
	}
	return &buffer->events[index];
}

TAPI_API int tapi_line_read_events(struct tapi_line *line,
				   struct tapi_event_buffer *buffer,
				   unsigned int max_events)
{
	ssize_t ret;

	buffer->num_events = 0;
	if (!max_events || max_events > buffer->capacity)
		max_events = buffer->capacity;

	ret = read(tapi_line_get_fd(line), buffer->events,
		   (size_t)max_events * sizeof(*buffer->events));
	if (ret < 0)
		return -1;
	/* The core returns whole records only, and at least one. */
	if (ret == 0 || ret % sizeof(*buffer->events)) {
		errno = EIO;
		return -1;
	}
	buffer->num_events = ret / sizeof(*buffer->events);
	return buffer->num_events;
}

TAPI_API struct tapi_line_event *
tapi_line_event_copy(const struct tapi_line_event *event)
{
	struct tapi_line_event *copy;

	copy = malloc(sizeof(*copy));
	if (!copy)
		return NULL;
	memcpy(copy, event, sizeof(*copy));
	return copy;
}

TAPI_API void tapi_line_event_free(struct tapi_line_event *event)
{
	free(event);
}

TAPI_API unsigned int
tapi_line_event_get_type(const struct tapi_line_event *event)
{
	return event->ev.type;
}

TAPI_API uint32_t tapi_line_event_get_seqno(const struct tapi_line_event *event)
{
	return event->ev.seqno;
}

TAPI_API uint64_t
tapi_line_event_get_timestamp_ns(const struct tapi_line_event *event)
{
	return event->ev.timestamp_ns;
}

TAPI_API unsigned int
tapi_line_event_get_line(const struct tapi_line_event *event)
{
	return event->ev.line;
}

TAPI_API uint32_t tapi_line_event_get_call(const struct tapi_line_event *event)
{
	return event->ev.call;
}

TAPI_API uint32_t
tapi_line_event_get_request_id(const struct tapi_line_event *event)
{
	return event->ev.request_id;
}

TAPI_API uint32_t tapi_line_event_get_param(const struct tapi_line_event *event,
					    unsigned int index)
{
	if (index >= ARRAY_SIZE(event->ev.param))
		return 0;
	return event->ev.param[index];
}
