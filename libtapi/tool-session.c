// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl: following one call until it ends (the session shared by call
 * and answer), and the options and line opening they share.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/* How long a dropped call may take to go idle. */
#define DROP_TIMEOUT_NS		(10 * 1000000000LL)

int session_init(struct session *s, struct tapi_line *line, bool json,
		 int64_t hangup_after)
{
	memset(s, 0, sizeof(*s));
	s->line = line;
	s->hangup_after = hangup_after;
	s->hangup_at = -1;
	printer_init(&s->pr, line, json);
	return loop_init(&s->loop, line);
}

void session_fini(struct session *s)
{
	loop_fini(&s->loop);
	printer_fini(&s->pr);
}

static void session_fail(struct session *s)
{
	s->status = EXIT_FAIL;
	s->done = true;
}

void session_expect(struct session *s, uint32_t id, const char *what)
{
	printer_add_request(&s->pr, id, what);
	s->request = id;
	s->what = what;
	s->new_call = false;
}

void session_expect_call(struct session *s, uint32_t id, const char *what,
			 const char *doing)
{
	session_expect(s, id, what);
	s->doing = doing;
	s->new_call = true;
}

/* The call is idle: give its handle back and stop. */
static void session_finish(struct session *s)
{
	if (tapi_line_deallocate_call(s->line, s->call)) {
		error("call %" PRIu32 ": cannot deallocate: %s",
		      printer_call_id(&s->pr, s->call), strerror(errno));
		s->status = EXIT_FAIL;
	}
	s->done = true;
}

static void session_drop(struct session *s)
{
	struct tapi_line_call_status *st;
	int id;

	if (s->dropping || s->done)
		return;
	if (s->request && s->new_call) {
		/* No valid handle yet: drop it once there is one. */
		s->drop_when_valid = true;
		return;
	}
	id = tapi_line_drop(s->line, s->call);
	if (id < 0 && errno == EBADFD) {
		/* Gone idle meanwhile? */
		st = tapi_line_get_call_status(s->line, s->call);
		if (st && tapi_line_call_status_get_state(st) ==
		    TAPI_CALLSTATE_IDLE) {
			tapi_line_call_status_free(st);
			session_finish(s);
			return;
		}
		tapi_line_call_status_free(st);
		errno = EBADFD;
	}
	if (id < 0) {
		error("call %" PRIu32 ": cannot drop: %s",
		      printer_call_id(&s->pr, s->call), strerror(errno));
		session_fail(s);
		return;
	}
	session_expect(s, id, "drop");
	s->dropping = true;
	s->drop_deadline = now_ns() + DROP_TIMEOUT_NS;
}

static void session_state(struct session *s, uint32_t state)
{
	switch (state) {
	case TAPI_CALLSTATE_CONNECTED:
		if (s->hangup_after >= 0 && s->hangup_at < 0)
			s->hangup_at = now_ns() + s->hangup_after;
		break;
	case TAPI_CALLSTATE_BUSY:
	case TAPI_CALLSTATE_SPECIALINFO:
	case TAPI_CALLSTATE_DISCONNECTED:
		/* The call can go no further: hang up. */
		session_drop(s);
		break;
	case TAPI_CALLSTATE_IDLE:
		session_finish(s);
		break;
	}
}

static void session_reply(struct session *s, int result)
{
	bool new_call = s->new_call;

	s->request = 0;
	s->new_call = false;
	if (!result) {
		if (new_call && s->drop_when_valid)
			session_drop(s);
		return;
	}
	if (new_call)
		error("cannot %s: %s", s->doing, strerror(-result));
	else
		error("call %" PRIu32 ": %s failed: %s",
		      printer_call_id(&s->pr, s->call), s->what,
		      strerror(-result));
	session_fail(s);
}

/* After lost events: ask the core where the call is. */
static void session_resync(struct session *s)
{
	struct tapi_line_call_status *st;

	if (s->request && s->new_call)
		return;	/* not valid yet; its reply is never lost */
	st = tapi_line_get_call_status(s->line, s->call);
	if (!st) {
		error("call %" PRIu32 ": %s", printer_call_id(&s->pr, s->call),
		      strerror(errno));
		session_fail(s);
		return;
	}
	session_state(s, tapi_line_call_status_get_state(st));
	tapi_line_call_status_free(st);
}

static int session_event(const struct tapi_line_event *ev, void *data)
{
	struct session *s = data;
	unsigned int type = tapi_line_event_get_type(ev);
	bool ours = tapi_line_event_get_call(ev) == s->call;

	if (ours || type == TAPI_EV_CLOSE || type == TAPI_EV_REMOVED ||
	    type == TAPI_EV_OVERFLOW)
		print_event(&s->pr, ev);

	switch (type) {
	case TAPI_EV_REPLY:
		if (s->request &&
		    tapi_line_event_get_request_id(ev) == s->request)
			session_reply(s, tapi_line_event_get_reply_result(ev));
		break;
	case TAPI_EV_CALLSTATE:
		if (ours)
			session_state(s, tapi_line_event_get_call_state(ev));
		break;
	case TAPI_EV_OVERFLOW:
		session_resync(s);
		break;
	case TAPI_EV_CLOSE:
	case TAPI_EV_REMOVED:
		error("the line was closed under us");
		session_fail(s);
		break;
	}
	return s->done;
}

int session_run(struct session *s)
{
	int64_t deadline;

	while (!s->done) {
		deadline = s->dropping ? s->drop_deadline : s->hangup_at;
		switch (loop_wait(&s->loop, deadline)) {
		case LOOP_ERROR:
			session_fail(s);
			break;
		case LOOP_SIGNAL:
			if (s->interrupted || s->dropping) {
				error("interrupted");
				session_fail(s);
				break;
			}
			s->interrupted = true;
			session_drop(s);
			break;
		case LOOP_TIMEOUT:
			if (s->dropping) {
				error("call %" PRIu32 " did not go idle",
				      printer_call_id(&s->pr, s->call));
				session_fail(s);
				break;
			}
			s->hangup_at = -1;
			session_drop(s);
			break;
		case LOOP_EVENTS:
			if (tapi_line_dispatch_events(s->line, s->loop.buffer,
						      session_event, s) < 0) {
				error("%s", errno == ENODEV ?
				      "the card was removed" : strerror(errno));
				session_fail(s);
			}
			break;
		}
	}
	return s->status;
}

/* ------------------------------------------------------------------ */
/* Options and lines of call and answer                                */
/* ------------------------------------------------------------------ */

static int parse_media(struct call_opts *o, const char *arg)
{
	uint64_t mode;

	if (tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, arg, &mode) || !mode ||
	    (mode & (mode - 1)) || (mode & ~(uint64_t)TAPI_MEDIA_VALID)) {
		usage_error(o->cmd, "'%s' is not one media mode", arg);
		return -1;
	}
	o->media_mode = mode;
	return 0;
}

int call_option(int c, const char *arg, void *data)
{
	struct call_opts *o = data;

	switch (c) {
	case 'a':
		if (parse_uint(arg, &o->address_id))
			goto bad;
		return 0;
	case 'm':
		return parse_media(o, arg);
	case 't':
		if (parse_uint(arg, &o->timeout_s) ||
		    o->timeout_s > UINT32_MAX / 1000)
			goto bad;
		return 0;
	case 'c':
		if (parse_uint(arg, &o->call_id) || !o->call_id)
			goto bad;
		return 0;
	case 'w':
		if (parse_seconds(arg, &o->wait))
			goto bad;
		return 0;
	case OPT_HANGUP_AFTER:
		if (parse_seconds(arg, &o->hangup_after))
			goto bad;
		return 0;
	}
bad:
	usage_error(o->cmd, "invalid argument '%s' of '%s'", arg,
		    c == OPT_HANGUP_AFTER ? "--hangup-after" :
		    c == 'a' ? "--address" : c == 't' ? "--timeout" :
		    c == 'c' ? "--call" : "--wait");
	return -1;
}

int parse_line_arg(const char *cmd, const char *arg, char **card,
		   unsigned int *line)
{
	if (parse_line_spec(arg, card, line)) {
		usage_error(cmd, "'%s' is not a line: use CARD:N", arg);
		return -1;
	}
	return 0;
}

struct tapi_line *open_owner_line(const char *card, unsigned int index,
				  uint32_t privileges, uint32_t media_mode)
{
	struct tapi_line_settings *settings;
	struct tapi_line *line;

	settings = tapi_line_settings_new();
	if (!settings) {
		error("%s", strerror(errno));
		return NULL;
	}
	tapi_line_settings_set_privileges(settings, privileges);
	if (privileges & TAPI_PRIV_OWNER)
		tapi_line_settings_set_media_modes(settings, media_mode);
	tapi_line_settings_set_app_name(settings, PROG);
	line = open_line(card, index, settings);
	tapi_line_settings_free(settings);
	return line;
}
