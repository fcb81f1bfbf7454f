// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl: calls taken over or made, followed until done, for the
 * commands on calls some application owns (tool-supp.c).
 *
 * tapictl opens the line without privileges and takes a call some
 * application owns over as an extra owner, the way drop does; the calls a
 * request makes are its own.  It follows them: prints their events, keeps
 * their states, waits for replies and states, and gives every handle back
 * before it exits.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/* ------------------------------------------------------------------ */
/* The calls followed                                                  */
/* ------------------------------------------------------------------ */

struct followed *find_followed(struct supp *s, uint32_t handle)
{
	size_t i;

	for (i = 0; handle && i < s->num_calls; i++)
		if (s->calls[i].handle == handle)
			return &s->calls[i];
	return NULL;
}

/*
 * The state of @handle as the core says it now (and its mode in *@mode,
 * if not NULL); 0 if it cannot tell, e.g. for a handle not valid yet.
 */
uint32_t get_state(struct supp *s, uint32_t handle, uint32_t *mode)
{
	struct tapi_line_call_status *st;
	uint32_t state;

	st = tapi_line_get_call_status(s->line, handle);
	if (!st)
		return 0;
	state = tapi_line_call_status_get_state(st);
	if (mode)
		*mode = tapi_line_call_status_get_mode(st);
	tapi_line_call_status_free(st);
	return state;
}

static uint32_t current_state(struct supp *s, uint32_t handle)
{
	return get_state(s, handle, NULL);
}

/*
 * Follow @handle: print its events, track its state.  The handles a
 * request makes are followed as soon as it is issued, so that the first
 * events of the new calls, which may come with the reply, are seen.
 */
void follow(struct supp *s, uint32_t handle)
{
	struct followed *f = find_followed(s, handle);

	if (!f) {
		s->calls = realloc(s->calls,
				   (s->num_calls + 1) * sizeof(*s->calls));
		if (!s->calls) {
			fputs("out of memory\n", stderr);
			exit(EXIT_FAIL);
		}
		f = &s->calls[s->num_calls++];
		f->handle = handle;
	}
	f->mode = 0;
	f->state = get_state(s, handle, &f->mode);
}

/* Stop following @handle (a new call's that never became valid). */
void unfollow(struct supp *s, uint32_t handle)
{
	struct followed *f = find_followed(s, handle);

	if (f)
		*f = s->calls[--s->num_calls];
}

uint32_t state_of(struct supp *s, uint32_t handle)
{
	struct followed *f = find_followed(s, handle);

	return f ? f->state : current_state(s, handle);
}

/* Give a handle back: deallocated, or first made a monitor's if live. */
void release(struct supp *s, uint32_t handle)
{
	struct followed *f = find_followed(s, handle);
	uint32_t id = printer_call_id(&s->pr, handle);

	if (current_state(s, handle) != TAPI_CALLSTATE_IDLE &&
	    tapi_line_set_call_privilege(s->line, handle, TAPI_PRIV_MONITOR) &&
	    errno == EBUSY)
		error("call %" PRIu32 ": no other owner left: it is dropped "
		      "as " PROG " exits", id);
	tapi_line_deallocate_call(s->line, handle);
	printer_forget_call(&s->pr, handle);
	if (f)
		*f = s->calls[--s->num_calls];
	if (handle == s->call)
		s->call = 0;
}

/*
 * "call 7: cannot hold: <strerror>" for @err, with "(it is onhold)" after
 * %EBADFD: the state that did not allow it.
 */
void op_error(struct supp *s, uint32_t handle, const char *what,
	      int err)
{
	uint32_t state = err == EBADFD ? current_state(s, handle) : 0;
	char buf[64];

	if (state) {
		error("call %" PRIu32 ": cannot %s: %s (it is %s)",
		      printer_call_id(&s->pr, handle), what, strerror(err),
		      state_text(state, 0, buf, sizeof(buf)));
		return;
	}
	error("call %" PRIu32 ": cannot %s: %s",
	      printer_call_id(&s->pr, handle), what, strerror(err));
}

/* ------------------------------------------------------------------ */
/* Events and waiting                                                  */
/* ------------------------------------------------------------------ */

void request_drop(struct supp *s, uint32_t handle)
{
	int id = tapi_line_drop(s->line, handle);

	if (id > 0)
		printer_add_request(&s->pr, id, "drop");
	else if (errno != EBADFD)	/* idle meanwhile: fine */
		op_error(s, handle, "drop", errno);
}

/* While the conference runs: hang up on members that ended. */
void running_state(struct supp *s, struct followed *f)
{
	if (f->handle == s->conf)
		return;
	switch (f->state) {
	case TAPI_CALLSTATE_BUSY:
	case TAPI_CALLSTATE_SPECIALINFO:
	case TAPI_CALLSTATE_DISCONNECTED:
		request_drop(s, f->handle);
		break;
	case TAPI_CALLSTATE_IDLE:
		release(s, f->handle);
		break;
	}
}

static void resync(struct supp *s)
{
	size_t i;

	for (i = 0; i < s->num_calls; i++)
		s->calls[i].state = get_state(s, s->calls[i].handle,
					      &s->calls[i].mode);
}

static int supp_event(const struct tapi_line_event *ev, void *data)
{
	struct supp *s = data;
	unsigned int type = tapi_line_event_get_type(ev);
	struct followed *f = find_followed(s, tapi_line_event_get_call(ev));

	if (!s->quiet && (f || type == TAPI_EV_CLOSE ||
			  type == TAPI_EV_REMOVED || type == TAPI_EV_OVERFLOW))
		print_event(&s->pr, ev);

	switch (type) {
	case TAPI_EV_REPLY:
		if (s->request &&
		    tapi_line_event_get_request_id(ev) == s->request) {
			s->request = 0;
			s->replied = true;
			s->result = tapi_line_event_get_reply_result(ev);
		}
		break;
	case TAPI_EV_CALLSTATE:
		if (!f)
			break;
		f->state = tapi_line_event_get_call_state(ev);
		f->mode = tapi_line_event_get_call_mode(ev);
		if (s->running)
			running_state(s, f);
		break;
	case TAPI_EV_OVERFLOW:
		resync(s);
		break;
	case TAPI_EV_CLOSE:
	case TAPI_EV_REMOVED:
		error("the line was closed under us");
		s->failed = true;
		break;
	}
	return 0;
}

/*
 * Print events until @cond(@s, @handle) is met or fails, a signal
 * arrives, @deadline (now_ns() clock, < 0 none) passes or the line fails.
 */
enum wait_result wait_for(struct supp *s, wait_fn cond, uint32_t handle,
			  int64_t deadline)
{
	int r;

	for (;;) {
		r = cond(s, handle);
		if (r)
			return r > 0 ? WAIT_OK : WAIT_FAILED;
		if (s->failed)
			return WAIT_ERROR;
		switch (loop_wait(&s->loop, deadline)) {
		case LOOP_ERROR:
			return WAIT_ERROR;
		case LOOP_SIGNAL:
			return WAIT_SIGNAL;
		case LOOP_TIMEOUT:
			return WAIT_TIMEOUT;
		case LOOP_EVENTS:
			if (tapi_line_dispatch_events(s->line, s->loop.buffer,
						      supp_event, s) < 0) {
				error("%s", errno == ENODEV ?
				      "the card was removed" : strerror(errno));
				s->failed = true;
			}
			break;
		}
	}
}

static int replied(struct supp *s, uint32_t handle)
{
	(void)handle;
	return s->replied;
}

int is_idle(struct supp *s, uint32_t handle)
{
	return state_of(s, handle) == TAPI_CALLSTATE_IDLE;
}

/*
 * Await the reply of request @id (-1 if it did not start: errno says
 * why), named @what, about @handle; @doing names it in messages.  The
 * core always replies, if only with ECANCELED when the call ends.  A
 * signal meanwhile is remembered and the reply still awaited; a second
 * one gives up.  Returns 0 or -1 (reported).
 */
int await_reply(struct supp *s, int id, uint32_t handle,
		const char *what, const char *doing)
{
	if (id < 0) {
		op_error(s, handle, doing, errno);
		return -1;
	}
	printer_add_request(&s->pr, id, what);
	s->request = id;
	s->replied = false;
	for (;;) {
		switch (wait_for(s, replied, 0, -1)) {
		case WAIT_OK:
			if (!s->result)
				return 0;
			op_error(s, handle, doing, -s->result);
			return -1;
		case WAIT_SIGNAL:
			if (!s->interrupted) {
				s->interrupted = true;
				continue;
			}
			error("interrupted");
			return -1;
		default:
			return -1;
		}
	}
}

/* Drop @handle and wait until it is idle; then let it go. */
void drop_wait(struct supp *s, uint32_t handle)
{
	if (state_of(s, handle) != TAPI_CALLSTATE_IDLE) {
		request_drop(s, handle);
		if (wait_for(s, is_idle, handle,
			     now_ns() + SUPP_TIMEOUT_NS) == WAIT_TIMEOUT)
			error("call %" PRIu32 " did not go idle",
			      printer_call_id(&s->pr, handle));
	}
	release(s, handle);
}

/* Print what is already queued, without waiting. */
void drain(struct supp *s)
{
	if (!s->failed)
		tapi_line_dispatch_events(s->line, s->loop.buffer, supp_event,
					  s);
}

/* ------------------------------------------------------------------ */
/* Opening, taking a call over                                         */
/* ------------------------------------------------------------------ */

/* Open LINE and start the loop.  Returns an exit status, 0 if open. */
int supp_open(struct supp *s, const char *cmd, const char *line_arg,
	      bool json)
{
	unsigned int index;
	char *card;

	memset(s, 0, sizeof(*s));
	s->line_arg = line_arg;
	s->json = json;
	if (parse_line_arg(cmd, line_arg, &card, &index))
		return EXIT_USAGE;
	s->line = open_owner_line(card, index, TAPI_PRIV_NONE, 0);
	free(card);
	if (!s->line)
		return EXIT_FAIL;
	printer_init(&s->pr, s->line, json);
	if (loop_init(&s->loop, s->line)) {
		printer_fini(&s->pr);
		tapi_line_close(s->line);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

void supp_close(struct supp *s)
{
	loop_fini(&s->loop);
	printer_fini(&s->pr);
	free(s->calls);
	tapi_line_close(s->line);
}

/* A handle to call @call_id, with no privilege raised; 0 if none. */
uint32_t supp_find(struct supp *s, uint32_t call_id)
{
	uint32_t handle = find_call_id(s->line, call_id);

	if (!handle) {
		if (errno == ENOENT)
			error("%s: no call %" PRIu32, s->line_arg, call_id);
		else
			error("%s: cannot get the calls: %s", s->line_arg,
			      strerror(errno));
		return 0;
	}
	printer_set_call_id(&s->pr, handle, call_id);
	return handle;
}

/*
 * Take call @call_id over as an extra owner, following it.  It must have
 * an owner besides tapictl, or it would be dropped as tapictl exits.
 * Returns the handle, or 0 (reported; no handle kept).
 */
uint32_t supp_take_call(struct supp *s, uint32_t call_id)
{
	struct tapi_line_call_info *info;
	unsigned int owners = 0;
	uint32_t handle;

	handle = supp_find(s, call_id);
	if (!handle)
		return 0;
	info = tapi_line_get_call_info(s->line, handle);
	if (!info) {
		error("call %" PRIu32 ": %s", call_id, strerror(errno));
	} else {
		owners = tapi_line_call_info_get_num_owners(info);
		tapi_line_call_info_free(info);
		if (!owners)
			error("call %" PRIu32 " has no owner: " PROG
			      " would drop it as it exits", call_id);
	}
	if (owners &&
	    tapi_line_set_call_privilege(s->line, handle, TAPI_PRIV_OWNER)) {
		error("call %" PRIu32 ": cannot become owner: %s", call_id,
		      strerror(errno));
		owners = 0;
	}
	if (!owners) {
		release(s, handle);
		return 0;
	}
	follow(s, handle);
	return handle;
}

int supp_take(struct supp *s, uint32_t call_id)
{
	s->call_id = call_id;
	s->call = supp_take_call(s, call_id);
	return s->call ? 0 : -1;
}

int supp_run(const char *cmd, const char *line_arg, bool json, bool quiet,
	     uint32_t call_id, supp_fn fn, const void *data)
{
	struct supp s;
	int ret;

	ret = supp_open(&s, cmd, line_arg, json);
	if (ret)
		return ret;
	s.quiet = quiet;
	ret = EXIT_FAIL;
	if (!supp_take(&s, call_id))
		ret = fn(&s, data);
	drain(&s);
	if (s.call)
		release(&s, s.call);
	supp_close(&s);
	return ret;
}

/* {"call_id", @key: true, ..., "state"} or "call N: @text, state". */
void print_outcome(struct supp *s, const char *key, const char *text,
		   const char *to_key, const char *to, uint32_t conf_id)
{
	uint32_t mode = 0, state = get_state(s, s->call, &mode);
	struct json_writer w;
	char buf[64];

	if (!s->json) {
		printf("call %" PRIu32 ": %s%s%s, %s\n", s->call_id, text,
		       to ? " " : "", to ? to : "",
		       state ? state_text(state, mode, buf, sizeof(buf)) :
		       "?");
		return;
	}
	json_init(&w, stdout);
	json_begin_object(&w, NULL);
	json_uint(&w, "call_id", s->call_id);
	json_bool(&w, key, true);
	if (to)
		json_string(&w, to_key, to);
	if (conf_id)
		json_uint(&w, "conf_call_id", conf_id);
	if (tapi_call_state_str(state))
		json_string(&w, "state", tapi_call_state_str(state));
	json_end_object(&w);
	json_finish(&w);
}

/* Parse ID; a usage error if it is not one. */
int parse_call_id(const char *cmd, const char *arg, uint32_t *id)
{
	unsigned int v;

	if (parse_uint(arg, &v) || !v) {
		usage_error(cmd, "'%s' is not a call id", arg);
		return -1;
	}
	*id = v;
	return 0;
}

/* NUMBER: non-empty, fits the uapi's field; a usage error if not. */
int check_number(const char *cmd, const char *number)
{
	if (!*number) {
		usage_error(cmd, "NUMBER is empty");
		return -1;
	}
	if (strlen(number) >= TAPI_DIAL_LEN) {
		usage_error(cmd, "NUMBER is longer than %d bytes",
			    TAPI_DIAL_LEN - 1);
		return -1;
	}
	return 0;
}
