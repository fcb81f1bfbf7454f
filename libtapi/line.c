// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Open lines (lineOpen/lineClose).
 *
 * The library keeps no call state: a line is its fd and what it was opened
 * with; everything else is asked of the core.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/*
 * @refs: the opener's reference, dropped by tapi_line_close(), and one per
 * io_uring operation of a &struct tapi_ring in flight on the line (ring.c),
 * so that the object outlives its close until their completions are
 * reaped.  @fd is -1 once the line is closed.
 */
struct tapi_line {
	int fd;
	unsigned int line;
	uint32_t privileges;
	uint32_t media_modes;
	unsigned int refs;
};

TAPI_API struct tapi_line *
tapi_card_open_line(struct tapi_card *card, unsigned int line,
		    const struct tapi_line_settings *settings)
{
	struct tapi_line_settings *defaults = NULL;
	struct tapi_line_open req;
	struct tapi_line *tl;
	const char *name;
	int err;

	if (!settings) {
		defaults = tapi_line_settings_new();
		if (!defaults)
			return NULL;
		settings = defaults;
	}

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.flags = TAPI_LINE_OPEN_CLOEXEC;
	if (tapi_line_settings_get_nonblock(settings))
		req.flags |= TAPI_LINE_OPEN_NONBLOCK;
	req.line = line;
	req.privileges = tapi_line_settings_get_privileges(settings);
	req.media_modes = tapi_line_settings_get_media_modes(settings);
	req.event_queue_depth = tapi_line_settings_get_event_queue_depth(settings);
	req.event_mask = tapi_line_settings_get_event_mask(settings);
	req.fd = -1;
	name = tapi_line_settings_get_app_name(settings);
	/* The setter guarantees it fits with its NUL. */
	memcpy(req.app_name, name, strlen(name));
	tapi_line_settings_free(defaults);

	tl = calloc(1, sizeof(*tl));
	if (!tl)
		return NULL;

	if (ioctl(tapi_card_get_fd(card), TAPI_IOC_LINE_OPEN, &req))
		goto err_free;
	if (req.fd < 0) {
		errno = EIO;	/* the core broke its promise */
		goto err_free;
	}

	tl->fd = req.fd;
	tl->refs = 1;
	tl->line = line;
	tl->privileges = req.privileges;
	tl->media_modes = req.media_modes;
	return tl;

err_free:
	err = errno;
	free(tl);
	errno = err;
	return NULL;
}

TAPI_API void tapi_line_close(struct tapi_line *line)
{
	if (!line)
		return;
	close(line->fd);
	line->fd = -1;
	tapi_line_unref(line);
}

void tapi_line_ref(struct tapi_line *line)
{
	__atomic_add_fetch(&line->refs, 1, __ATOMIC_RELAXED);
}

void tapi_line_unref(struct tapi_line *line)
{
	if (!__atomic_sub_fetch(&line->refs, 1, __ATOMIC_ACQ_REL))
		free(line);
}

bool tapi_line_is_closed(const struct tapi_line *line)
{
	return line->fd < 0;
}

TAPI_API int tapi_line_get_fd(struct tapi_line *line)
{
	return line->fd;
}

TAPI_API unsigned int tapi_line_get_line(struct tapi_line *line)
{
	return line->line;
}

TAPI_API uint32_t tapi_line_get_privileges(struct tapi_line *line)
{
	return line->privileges;
}

TAPI_API uint32_t tapi_line_get_media_modes(struct tapi_line *line)
{
	return line->media_modes;
}

TAPI_API int tapi_line_wait_event(struct tapi_line *line, int64_t timeout_ns)
{
	struct pollfd pfd = { .fd = line->fd, .events = POLLIN | POLLPRI };
	struct timespec ts, *tsp = NULL;
	int ret;

	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}

	ret = ppoll(&pfd, 1, tsp, NULL);
	if (ret <= 0)
		return ret;
	if (pfd.revents & POLLNVAL) {
		errno = EBADF;
		return -1;
	}
	/* POLLHUP/POLLERR: the card is gone; reading tells the rest. */
	return 1;
}
