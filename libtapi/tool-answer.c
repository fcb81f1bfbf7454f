// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl answer: take an offered call, already there or still to come,
 * answer it and follow it until it ends.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/**
 * struct answer - finding the call to answer
 * @o: the options (@o.call_id: the call wanted, 0 for the first offered)
 * @s: the session, once a call is found (@s.call)
 * @found: a call was chosen
 * @failed: the call wanted cannot be answered (reported)
 */
struct answer {
	struct call_opts o;
	struct session s;
	bool found;
	bool failed;
};

/* Is it the call to answer?  1 yes, 0 no, -1 it cannot be (reported). */
static int answer_pick(struct answer *a, uint32_t call_id, uint32_t state,
		       uint32_t mode)
{
	char buf[64];

	if (!a->o.call_id)
		return state == TAPI_CALLSTATE_OFFERING;
	if (call_id != a->o.call_id)
		return 0;
	if (state == TAPI_CALLSTATE_OFFERING ||
	    state == TAPI_CALLSTATE_ACCEPTED)
		return 1;
	error("call %" PRIu32 " is %s, not offered", call_id,
	      state_text(state, mode, buf, sizeof(buf)));
	return -1;
}

/* A handle we do not want: give it back (errors do not matter). */
static void answer_skip(struct answer *a, uint32_t handle)
{
	tapi_line_deallocate_call(a->s.line, handle);
	printer_forget_call(&a->s.pr, handle);
}

/* Look at the calls already there.  Returns 0, or -1 (reported). */
static int answer_existing(struct answer *a)
{
	struct tapi_line_call_status *st;
	unsigned int remaining, k;
	uint32_t handles[16], id;
	int n, r;

	do {
		n = tapi_line_get_new_calls(a->s.line, handles, 16,
					    TAPI_ALL_ADDRESSES, &remaining);
		if (n < 0) {
			error("cannot get the calls of the line: %s",
			      strerror(errno));
			return -1;
		}
		for (k = 0; k < (unsigned int)n; k++) {
			id = printer_call_id(&a->s.pr, handles[k]);
			st = tapi_line_get_call_status(a->s.line, handles[k]);
			if (a->found || !id || !st) {
				tapi_line_call_status_free(st);
				answer_skip(a, handles[k]);
				continue;
			}
			r = answer_pick(a, id,
					tapi_line_call_status_get_state(st),
					tapi_line_call_status_get_mode(st));
			tapi_line_call_status_free(st);
			if (r < 0)
				return -1;
			if (r) {
				a->found = true;
				a->s.call = handles[k];
			} else {
				answer_skip(a, handles[k]);
			}
		}
	} while (remaining);
	return 0;
}

static int answer_wait_event(const struct tapi_line_event *ev, void *data)
{
	struct answer *a = data;
	uint32_t handle = tapi_line_event_get_call(ev);
	int r;

	switch (tapi_line_event_get_type(ev)) {
	case TAPI_EV_NEWCALL:
		printer_set_call_id(&a->s.pr, handle,
				    tapi_line_event_get_call_id(ev));
		return 0;
	case TAPI_EV_CALLSTATE:
		r = answer_pick(a, printer_call_id(&a->s.pr, handle),
				tapi_line_event_get_call_state(ev),
				tapi_line_event_get_call_mode(ev));
		if (r < 0) {
			a->failed = true;
			return 1;
		}
		if (!r) {
			answer_skip(a, handle);
			return 0;
		}
		a->found = true;
		a->s.call = handle;
		print_event(&a->s.pr, ev);
		/* The rest of what was read goes to the session. */
		return 1;
	case TAPI_EV_CLOSE:
	case TAPI_EV_REMOVED:
		print_event(&a->s.pr, ev);
		error("the line was closed under us");
		a->failed = true;
		return 1;
	default:
		return 0;
	}
}

/* Wait for the call to be offered.  Returns 0, or -1 (reported). */
static int answer_wait(struct answer *a)
{
	int64_t deadline = a->o.wait >= 0 ? now_ns() + a->o.wait : -1;

	while (!a->found && !a->failed) {
		switch (loop_wait(&a->s.loop, deadline)) {
		case LOOP_ERROR:
			return -1;
		case LOOP_SIGNAL:
			error("interrupted: no call answered");
			return -1;
		case LOOP_TIMEOUT:
			error("no call was offered in %" PRId64 " s",
			      a->o.wait / 1000000000);
			return -1;
		case LOOP_EVENTS:
			if (tapi_line_dispatch_events(a->s.line,
					a->s.loop.buffer, answer_wait_event,
					a) < 0) {
				error("%s", errno == ENODEV ?
				      "the card was removed" : strerror(errno));
				return -1;
			}
			break;
		}
	}
	return a->failed ? -1 : 0;
}

/* Become owner of the call found and answer it. */
static int answer_start(struct answer *a)
{
	struct tapi_line_call_status *st;
	uint32_t id = printer_call_id(&a->s.pr, a->s.call);
	int req;

	st = tapi_line_get_call_status(a->s.line, a->s.call);
	if (!st) {
		error("call %" PRIu32 ": %s", id, strerror(errno));
		return -1;
	}
	if (tapi_line_call_status_get_privilege(st) != TAPI_PRIV_OWNER &&
	    tapi_line_set_call_privilege(a->s.line, a->s.call,
					 TAPI_PRIV_OWNER)) {
		error("call %" PRIu32 ": cannot become owner: %s", id,
		      strerror(errno));
		tapi_line_call_status_free(st);
		return -1;
	}
	tapi_line_call_status_free(st);
	req = tapi_line_answer(a->s.line, a->s.call);
	if (req < 0) {
		error("call %" PRIu32 ": cannot answer: %s", id,
		      strerror(errno));
		return -1;
	}
	session_expect(&a->s, req, "answer");
	return 0;
}

int cmd_answer(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "call",	  required_argument, NULL, 'c' },
		{ "wait",	  required_argument, NULL, 'w' },
		{ "media",	  required_argument, NULL, 'm' },
		{ "hangup-after", required_argument, NULL, OPT_HANGUP_AFTER },
		{ NULL,		  0,		     NULL, 0 },
	};
	struct answer a = {
		.o = {
			.cmd = argv[0],
			.media_mode = TAPI_MEDIA_INTERACTIVEVOICE,
			.hangup_after = -1,
			.wait = -1,
		},
	};
	struct common_opts opts;
	struct tapi_line *line;
	unsigned int index;
	char *card;
	int i, ret = EXIT_FAIL;

	i = parse_options(argc, argv, "c:w:m:", longopts, call_option, &a.o,
			  &opts);
	if (check_args(&ret, argc, argv, i, "LINE", NULL))
		return ret;
	if (parse_line_arg(argv[0], argv[i], &card, &index))
		return EXIT_USAGE;

	line = open_owner_line(card, index, TAPI_PRIV_OWNER |
			       TAPI_PRIV_MONITOR, a.o.media_mode);
	free(card);
	if (!line)
		return EXIT_FAIL;
	if (session_init(&a.s, line, opts.json, a.o.hangup_after))
		goto out;

	if (!answer_existing(&a) && (a.found || !answer_wait(&a)) &&
	    !answer_start(&a))
		ret = session_run(&a.s);
	session_fini(&a.s);
out:
	tapi_line_close(line);
	return ret;
}
