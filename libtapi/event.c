// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Events: buffers of fixed-size records read() from a line fd.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/*
 * @undispatched: of the @num_events read, how many at the end were not
 * handed to a callback yet, because one asked tapi_line_dispatch_events()
 * to stop.
 */
struct tapi_event_buffer {
	unsigned int capacity;
	unsigned int num_events;
	unsigned int undispatched;
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
	buffer->undispatched = 0;
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

void tapi_event_buffer_exchange(struct tapi_event_buffer *buffer,
				struct tapi_line_event **events,
				unsigned int *capacity, unsigned int num)
{
	struct tapi_line_event *old_events = buffer->events;
	unsigned int old_capacity = buffer->capacity;

	buffer->events = *events;
	buffer->capacity = *capacity;
	buffer->num_events = num;
	buffer->undispatched = 0;
	*events = old_events;
	*capacity = old_capacity;
}

void tapi_event_buffer_clear(struct tapi_event_buffer *buffer)
{
	buffer->num_events = 0;
	buffer->undispatched = 0;
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

TAPI_API int
tapi_line_event_get_reply_result(const struct tapi_line_event *event)
{
	if (event->ev.type != TAPI_EV_REPLY)
		return 0;
	return (int32_t)event->ev.param[0];
}

TAPI_API uint32_t
tapi_line_event_get_call_state(const struct tapi_line_event *event)
{
	return event->ev.type == TAPI_EV_CALLSTATE ? event->ev.param[0] : 0;
}

TAPI_API uint32_t
tapi_line_event_get_call_mode(const struct tapi_line_event *event)
{
	return event->ev.type == TAPI_EV_CALLSTATE ? event->ev.param[1] : 0;
}

TAPI_API uint32_t
tapi_line_event_get_privilege(const struct tapi_line_event *event)
{
	switch (event->ev.type) {
	case TAPI_EV_CALLSTATE:
		return event->ev.param[2];
	case TAPI_EV_NEWCALL:
		return event->ev.param[1];
	default:
		return 0;
	}
}

TAPI_API uint32_t
tapi_line_event_get_call_id(const struct tapi_line_event *event)
{
	return event->ev.type == TAPI_EV_NEWCALL ? event->ev.param[2] : 0;
}

TAPI_API uint32_t
tapi_line_event_get_conf_call_id(const struct tapi_line_event *event)
{
	if (event->ev.type != TAPI_EV_CALLSTATE ||
	    event->ev.param[0] != TAPI_CALLSTATE_CONFERENCED)
		return 0;
	return event->ev.param[3];
}

TAPI_API uint32_t
tapi_line_event_get_forward_modes(const struct tapi_line_event *event)
{
	if (event->ev.type != TAPI_EV_ADDRESSSTATE ||
	    !(event->ev.param[1] & TAPI_ADDRSTATE_FORWARD))
		return 0;
	return event->ev.param[2];
}

TAPI_API int
tapi_line_event_get_address_id(const struct tapi_line_event *event)
{
	switch (event->ev.type) {
	case TAPI_EV_NEWCALL:
	case TAPI_EV_ADDRESSSTATE:
		return event->ev.param[0] <= INT_MAX ?
			(int)event->ev.param[0] : -1;
	default:
		return -1;
	}
}

/* Is a record queued?  Never blocks: 1 yes, 0 no, -1 error. */
static int events_pending(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int ret;

	do
		ret = poll(&pfd, 1, 0);
	while (ret < 0 && errno == EINTR);
	if (ret <= 0)
		return ret;
	if (pfd.revents & POLLNVAL) {
		errno = EBADF;
		return -1;
	}
	/* POLLHUP/POLLERR: the card is gone; read() tells the rest. */
	return 1;
}

TAPI_API int tapi_line_dispatch_events(struct tapi_line *line,
				       struct tapi_event_buffer *buffer,
				       tapi_line_event_cb cb, void *data)
{
	int fd = tapi_line_get_fd(line);
	int ret, dispatched = 0;
	unsigned int i;

	if (!buffer || !cb) {
		errno = EINVAL;
		return -1;
	}

	for (;;) {
		/* What a callback left last time comes first. */
		while (buffer->undispatched) {
			i = buffer->num_events - buffer->undispatched--;
			dispatched++;
			if (cb(&buffer->events[i], data))
				return dispatched;
		}

		ret = events_pending(fd);
		if (ret < 0)
			return dispatched ? dispatched : -1;
		if (!ret)
			break;
		ret = tapi_line_read_events(line, buffer, 0);
		if (ret < 0) {
			/* EAGAIN: another reader of the fd was faster. */
			if (errno == EAGAIN)
				break;
			/* ENODEV and the like: the next call reports it. */
			return dispatched ? dispatched : -1;
		}
		buffer->undispatched = ret;
	}
	return dispatched;
}
