// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The call an MSP tool runs on: open a line as owner of interactive
 * voice, then place a call or answer one, following the line's events
 * until the call is where the tool needs it; or open it as a monitor and
 * take a handle to a call another application owns, to listen to it.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "msp.h"

/* Events read at once. */
#define EVENT_BATCH	16
/* Call handles asked for at once. */
#define HANDLE_BATCH	16

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Open line @line of @card with @privileges: as owner, of interactive
 * voice calls; as monitor, of none.
 */
static int line_open(struct msp_call *c, struct tapi_card *card,
		     unsigned int line, uint32_t privileges)
{
	struct tapi_line_settings *s;
	int err;

	memset(c, 0, sizeof(*c));
	s = tapi_line_settings_new();
	c->events = tapi_event_buffer_new(EVENT_BATCH);
	if (!s || !c->events)
		goto err;
	tapi_line_settings_set_privileges(s, privileges);
	if (privileges & TAPI_PRIV_OWNER)
		tapi_line_settings_set_media_modes(s,
						   TAPI_MEDIA_INTERACTIVEVOICE);
	tapi_line_settings_set_app_name(s, "msp");
	c->line = tapi_card_open_line(card, line, s);
	if (!c->line)
		goto err;
	tapi_line_settings_free(s);
	c->monitor = privileges == TAPI_PRIV_MONITOR;
	return 0;

err:
	err = errno;
	tapi_line_settings_free(s);
	tapi_event_buffer_free(c->events);
	memset(c, 0, sizeof(*c));
	errno = err;
	return -1;
}

/* line_open() on card @card, which the call keeps open. */
static int card_line_open(struct msp_call *c, const char *card,
			  unsigned int line, uint32_t privileges)
{
	struct tapi_card *tc;
	int err;

	tc = tapi_card_open(card);
	if (!tc)
		return -1;
	if (line_open(c, tc, line, privileges)) {
		err = errno;
		tapi_card_close(tc);
		errno = err;
		return -1;
	}
	c->card = tc;
	return 0;
}

int msp_call_open_on(struct msp_call *c, struct tapi_card *card,
		     unsigned int line)
{
	return line_open(c, card, line, TAPI_PRIV_OWNER);
}

int msp_call_open(struct msp_call *c, const char *card, unsigned int line)
{
	return card_line_open(c, card, line, TAPI_PRIV_OWNER);
}

int msp_call_open_monitor(struct msp_call *c, const char *card,
			  unsigned int line)
{
	return card_line_open(c, card, line, TAPI_PRIV_MONITOR);
}

int msp_call_find(struct msp_call *c, uint32_t call_id)
{
	struct tapi_line_call_status *st;
	unsigned int remaining, i;
	uint32_t handles[HANDLE_BATCH];
	int n;

	/* Handles to every call of the line we have none to: keep one. */
	do {
		n = tapi_line_get_new_calls(c->line, handles, HANDLE_BATCH,
					    TAPI_ALL_ADDRESSES, &remaining);
		if (n < 0)
			return -1;
		for (i = 0; i < (unsigned int)n; i++) {
			st = tapi_line_get_call_status(c->line, handles[i]);
			if (!c->call && st &&
			    tapi_line_call_status_get_call_id(st) == call_id) {
				c->call = handles[i];
				c->state = tapi_line_call_status_get_state(st);
				c->mode = tapi_line_call_status_get_mode(st);
			} else {
				tapi_line_deallocate_call(c->line, handles[i]);
			}
			tapi_line_call_status_free(st);
		}
	} while (remaining);
	if (!c->call) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/*
 * What the events say of our call; 1 to stop dispatching.  Waiting for a
 * state (@until), or for one event of type @event about the call, whose
 * parameters and digits are kept.
 */
struct wait {
	struct msp_call *c;
	uint32_t until;
	bool offered;	/* answering: take the first offered call */
	unsigned int event;
	uint32_t param[3];
	char digits[TAPI_GATHER_MAX_DIGITS + 1];
	int num_digits;
	bool done;
};

static int wait_event(const struct tapi_line_event *ev, void *data)
{
	struct wait *w = data;
	struct msp_call *c = w->c;
	uint32_t handle = tapi_line_event_get_call(ev);
	unsigned int type = tapi_line_event_get_type(ev);
	unsigned int i;

	if (w->event && type == w->event && c->call && handle == c->call) {
		for (i = 0; i < 3; i++)
			w->param[i] = tapi_line_event_get_param(ev, i);
		if (type == TAPI_EV_GATHERDIGITS)
			w->num_digits = tapi_line_event_get_digits(ev,
					w->digits, sizeof(w->digits));
		w->done = true;
		return 1;
	}
	if (type != TAPI_EV_CALLSTATE)
		return 0;
	if (w->offered && !c->call &&
	    tapi_line_event_get_call_state(ev) == TAPI_CALLSTATE_OFFERING)
		c->call = handle;
	if (!c->call || handle != c->call)
		return 0;
	c->state = tapi_line_event_get_call_state(ev);
	c->mode = tapi_line_event_get_call_mode(ev);
	if (w->event)
		return 0;
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
	if (!w->event && c->call && c->state & w->until)
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
	if (!w->event && !(c->state & w->until)) {
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

int msp_call_send_digits(struct msp_call *c, const char *digits,
			 unsigned int duration_ms, int64_t timeout_ns)
{
	struct wait w = { .event = TAPI_EV_GENERATE };
	uint32_t num_digits = 0;
	const char *d;

	if (tapi_line_generate_digits(c->line, c->call, digits, duration_ms))
		return -1;
	if (follow(c, &w, timeout_ns))
		return -1;
	for (d = digits; *d; d++)
		num_digits += *d != ',';
	/*
	 * param[2] counts the digits that went out, one cut short included
	 * once it sounded long enough to be heard: a far end that hangs up
	 * on the digit it waited for (an IVR that got its '#') heard it.
	 */
	if (w.param[0] != TAPI_GENERATE_TERM_DONE && w.param[2] < num_digits) {
		errno = ECANCELED;
		return -1;
	}
	return 0;
}

int msp_call_gather_start(struct msp_call *c, unsigned int num_digits,
			  const char *terminators,
			  unsigned int first_timeout_ms,
			  unsigned int inter_timeout_ms)
{
	return tapi_line_gather_digits(c->line, c->call, TAPI_DIGITMODE_DTMF,
				       num_digits, terminators,
				       first_timeout_ms, inter_timeout_ms);
}

int msp_call_gather_wait(struct msp_call *c, char *buf, size_t size,
			 uint32_t *term, int64_t timeout_ns)
{
	struct wait w = { .event = TAPI_EV_GATHERDIGITS };

	if (follow(c, &w, timeout_ns))
		return -1;
	if (w.num_digits < 0) {
		errno = EPROTO;
		return -1;
	}
	if ((size_t)w.num_digits >= size) {
		errno = ERANGE;
		return -1;
	}
	memcpy(buf, w.digits, w.num_digits + 1);
	*term = w.param[0];
	return w.num_digits;
}

void msp_call_close(struct msp_call *c)
{
	int err = errno;

	if (c->call) {
		/* Errors do not matter: closing the line drops it anyway. */
		if (!c->monitor && !(c->state & TAPI_CALLSTATE_IDLE))
			tapi_line_drop_sync(c->line, c->call);
		tapi_line_deallocate_call(c->line, c->call);
	}
	tapi_line_close(c->line);
	tapi_event_buffer_free(c->events);
	tapi_card_close(c->card);
	memset(c, 0, sizeof(*c));
	errno = err;
}
