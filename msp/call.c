// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The call an MSP tool runs on: open a line as owner of interactive
 * voice, then place a call or answer one, following the line's events
 * until the call is where the tool needs it.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "msp.h"

/* Events read at once. */
#define EVENT_BATCH	16

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int msp_call_open_on(struct msp_call *c, struct tapi_card *card,
		     unsigned int line)
{
	struct tapi_line_settings *s;
	int err;

	memset(c, 0, sizeof(*c));
	s = tapi_line_settings_new();
	c->events = tapi_event_buffer_new(EVENT_BATCH);
	if (!s || !c->events)
		goto err;
	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_INTERACTIVEVOICE);
	tapi_line_settings_set_app_name(s, "msp");
	c->line = tapi_card_open_line(card, line, s);
	if (!c->line)
		goto err;
	tapi_line_settings_free(s);
	return 0;

err:
	err = errno;
	tapi_line_settings_free(s);
	tapi_event_buffer_free(c->events);
	memset(c, 0, sizeof(*c));
	errno = err;
	return -1;
}

int msp_call_open(struct msp_call *c, const char *card, unsigned int line)
{
	struct tapi_card *tc;
	int err;

	tc = tapi_card_open(card);
	if (!tc)
		return -1;
	if (msp_call_open_on(c, tc, line)) {
		err = errno;
		tapi_card_close(tc);
		errno = err;
		return -1;
	}
	c->card = tc;
	return 0;
}

/* What the events say of our call; 1 to stop dispatching. */
struct wait {
	struct msp_call *c;
	uint32_t until;
	bool offered;	/* answering: take the first offered call */
	bool done;
};

static int wait_event(const struct tapi_line_event *ev, void *data)
{
	struct wait *w = data;
	struct msp_call *c = w->c;
	uint32_t handle = tapi_line_event_get_call(ev);

	if (tapi_line_event_get_type(ev) != TAPI_EV_CALLSTATE)
		return 0;
	if (w->offered && !c->call &&
	    tapi_line_event_get_call_state(ev) == TAPI_CALLSTATE_OFFERING)
		c->call = handle;
	if (!c->call || handle != c->call)
		return 0;
	c->state = tapi_line_event_get_call_state(ev);
	c->mode = tapi_line_event_get_call_mode(ev);
	w->done = c->state & (w->until | TAPI_CALLSTATE_BUSY |
			      TAPI_CALLSTATE_SPECIALINFO |
			      TAPI_CALLSTATE_DISCONNECTED |
			      TAPI_CALLSTATE_IDLE);
	return w->done;
}

static int follow(struct msp_call *c, struct wait *w, int64_t timeout_ns)
{
	int64_t deadline = timeout_ns >= 0 ? now_ns() + timeout_ns : -1;
	int64_t left = -1;
	int ret;

	w->c = c;
	w->done = false;
	/* A state reached before we looked. */
	if (c->call && c->state & w->until)
		return 0;
	while (!w->done) {
		if (deadline >= 0) {
			left = deadline - now_ns();
			if (left <= 0) {
				errno = ETIMEDOUT;
				return -1;
			}
		}
		ret = tapi_line_wait_event(c->line, left);
		if (ret < 0)
			return -1;
		if (!ret)
			continue;
		if (tapi_line_dispatch_events(c->line, c->events, wait_event,
					      w) < 0)
			return -1;
	}
	if (!(c->state & w->until)) {
		errno = ECONNREFUSED;
		return -1;
	}
	return 0;
}

int msp_call_wait(struct msp_call *c, uint32_t until, int64_t timeout_ns)
{
	struct wait w = { .until = until };

	return follow(c, &w, timeout_ns);
}

int msp_call_place(struct msp_call *c, const char *number, uint32_t until,
		   int64_t timeout_ns)
{
	struct wait w = { .until = until };

	if (tapi_line_make_call_sync(c->line, number, NULL, &c->call))
		return -1;
	return follow(c, &w, timeout_ns);
}

int msp_call_answer(struct msp_call *c, int64_t timeout_ns)
{
	int64_t start = now_ns();
	struct wait w = { .until = TAPI_CALLSTATE_OFFERING, .offered = true };

	if (follow(c, &w, timeout_ns))
		return -1;
	if (tapi_line_answer_sync(c->line, c->call))
		return -1;
	if (timeout_ns >= 0) {
		timeout_ns -= now_ns() - start;
		if (timeout_ns < 0)
			timeout_ns = 0;
	}
	return msp_call_wait(c, TAPI_CALLSTATE_CONNECTED, timeout_ns);
}

void msp_call_close(struct msp_call *c)
{
	int err = errno;

	if (c->call) {
		/* Errors do not matter: closing the line drops it anyway. */
		if (!(c->state & TAPI_CALLSTATE_IDLE))
			tapi_line_drop_sync(c->line, c->call);
		tapi_line_deallocate_call(c->line, c->call);
	}
	tapi_line_close(c->line);
	tapi_event_buffer_free(c->events);
	tapi_card_close(c->card);
	memset(c, 0, sizeof(*c));
	errno = err;
}
