/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the tests that drive fake-tapi.so's calls share (test-fake.c,
 * test-services.c): events dispatched into a list to look at, the line
 * they play on, and a call's state, features and id.
 */
#ifndef _LIBTAPI_TESTS_CALL_HELPERS_H
#define _LIBTAPI_TESTS_CALL_HELPERS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libtapi.h>

#define MAX_SEEN	32

/* What dispatched events looked like; @stop_at stops at that many. */
struct seen {
	unsigned int n;
	unsigned int stop_at;
	struct tapi_line_event *ev[MAX_SEEN];
};

static inline int collect(const struct tapi_line_event *ev, void *data)
{
	struct seen *seen = data;

	if (seen->n < MAX_SEEN)
		seen->ev[seen->n] = tapi_line_event_copy(ev);
	seen->n++;
	return seen->stop_at && seen->n == seen->stop_at;
}

static inline void seen_clear(struct seen *seen)
{
	unsigned int i;

	for (i = 0; i < seen->n && i < MAX_SEEN; i++)
		tapi_line_event_free(seen->ev[i]);
	memset(seen, 0, sizeof(*seen));
}

/* Dispatch what is pending into @seen (cleared first). */
static inline int dispatch(struct tapi_line *line,
			   struct tapi_event_buffer *buf, struct seen *seen)
{
	seen_clear(seen);
	return tapi_line_dispatch_events(line, buf, collect, seen);
}

/* The index in @seen of the first event of @type for @call, or -1. */
static inline int find_event(const struct seen *seen, unsigned int type,
			     uint32_t call, unsigned int from)
{
	unsigned int i;

	for (i = from; i < seen->n && i < MAX_SEEN; i++)
		if (tapi_line_event_get_type(seen->ev[i]) == type &&
		    tapi_line_event_get_call(seen->ev[i]) == call)
			return i;
	return -1;
}

/* Line 0 of @card as owner of voice calls and monitor. */
static inline struct tapi_line *open_voice_line(struct tapi_card *card,
						bool quiet)
{
	struct tapi_line_settings *s = tapi_line_settings_new();
	struct tapi_line *line;

	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER |
					  TAPI_PRIV_MONITOR);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_INTERACTIVEVOICE);
	if (quiet)
		setenv("FAKE_TAPI_QUIET", "1", 1);
	line = tapi_card_open_line(card, 0, s);
	unsetenv("FAKE_TAPI_QUIET");
	tapi_line_settings_free(s);
	return line;
}

/* One field of @call's status now (@get), 0 if it cannot be read. */
static inline uint32_t
status_of(struct tapi_line *line, uint32_t call,
	  uint32_t (*get)(const struct tapi_line_call_status *status))
{
	struct tapi_line_call_status *st;
	uint32_t v;

	st = tapi_line_get_call_status(line, call);
	v = st ? get(st) : 0;
	tapi_line_call_status_free(st);
	return v;
}

/* The state of @call now, 0 if it cannot be read. */
static inline uint32_t state_of(struct tapi_line *line, uint32_t call)
{
	return status_of(line, call, tapi_line_call_status_get_state);
}

/* The call features of @call now, 0 if they cannot be read. */
static inline uint32_t features_of(struct tapi_line *line, uint32_t call)
{
	return status_of(line, call, tapi_line_call_status_get_features);
}

static inline uint32_t call_id_of(struct tapi_line *line, uint32_t call)
{
	struct tapi_line_call_info *ci = tapi_line_get_call_info(line, call);
	uint32_t id = ci ? tapi_line_call_info_get_call_id(ci) : 0;

	tapi_line_call_info_free(ci);
	return id;
}

/* The last CALLSTATE of @call in @seen, or -1. */
static inline int last_state(const struct seen *seen, uint32_t call)
{
	int i, last = -1;

	for (i = 0; (i = find_event(seen, TAPI_EV_CALLSTATE, call, i)) >= 0;
	     i++)
		last = i;
	return last;
}

static inline bool drop_dealloc(struct tapi_line *line, uint32_t call)
{
	if (state_of(line, call) != TAPI_CALLSTATE_IDLE &&
	    tapi_line_drop_sync(line, call))
		return false;
	return !tapi_line_deallocate_call(line, call);
}

#endif /* _LIBTAPI_TESTS_CALL_HELPERS_H */
