// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl hold, unhold, transfer and conference: the supplementary
 * services on a call some application owns, named by its call id.
 *
 * tapictl takes the call over as an extra owner, the way drop does.  hold,
 * unhold, a blind transfer and removing a member are one request each,
 * after which tapictl gives its ownership back and exits: the call stays
 * with its owner.  A consultation transfer and a conference make calls of
 * their own (the consultation and conference calls), which only tapictl
 * owns and which the core drops when it exits: so tapictl follows them,
 * printing their events as call does, until the transfer is done or the
 * conference is over.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/* Options with no short form. */
enum {
	OPT_TO = 257,
	OPT_CONSULT,
	OPT_CONFERENCE,
};

/* ------------------------------------------------------------------ */
/* tapictl hold, unhold                                                */
/* ------------------------------------------------------------------ */

static int hold_unhold_call(struct supp *s, const void *data)
{
	bool hold = *(const bool *)data;

	if (hold ? tapi_line_hold_sync(s->line, s->call) :
	    tapi_line_unhold_sync(s->line, s->call)) {
		op_error(s, s->call, hold ? "hold" : "take off hold", errno);
		return EXIT_FAIL;
	}
	print_outcome(s, hold ? "held" : "unheld",
		      hold ? "held" : "taken off hold", NULL, NULL, 0);
	return EXIT_OK;
}

static int hold_unhold(int argc, char **argv, bool hold)
{
	struct common_opts opts;
	uint32_t call_id;
	int i, ret;

	i = parse_options(argc, argv, NULL, NULL, NULL, NULL, &opts);
	if (check_args(&ret, argc, argv, i, "LINE", "ID", NULL))
		return ret;
	if (parse_call_id(argv[0], argv[i + 1], &call_id))
		return EXIT_USAGE;
	return supp_run(argv[0], argv[i], opts.json, true, call_id,
			hold_unhold_call, &hold);
}

int cmd_hold(int argc, char **argv)
{
	return hold_unhold(argc, argv, true);
}

int cmd_unhold(int argc, char **argv)
{
	return hold_unhold(argc, argv, false);
}

/* ------------------------------------------------------------------ */
/* Consultation calls and conferences                                  */
/* ------------------------------------------------------------------ */

/**
 * struct supp_opts - the options of transfer and conference
 * @cmd: the command's name, for messages
 * @to: transfer --to NUMBER
 * @consult: transfer --consult NUMBER
 * @conference: transfer --conference
 * @remove: conference --remove
 * @timeout: --timeout in ns: how long a consulted party may take to
 *	answer; <0 as long as the card lets it ring
 * @hangup_after: --hangup-after in ns, <0 never
 */
struct supp_opts {
	const char *cmd;
	const char *to;
	const char *consult;
	bool conference;
	bool remove;
	int64_t timeout;
	int64_t hangup_after;
};

static int supp_option(int c, const char *arg, void *data)
{
	struct supp_opts *o = data;

	switch (c) {
	case OPT_TO:
		o->to = arg;
		return check_number(o->cmd, arg);
	case OPT_CONSULT:
		o->consult = arg;
		return check_number(o->cmd, arg);
	case OPT_CONFERENCE:
		o->conference = true;
		return 0;
	case 'r':
		o->remove = true;
		return 0;
	case 't':
		if (!parse_seconds(arg, &o->timeout))
			return 0;
		break;
	case OPT_HANGUP_AFTER:
		if (!parse_seconds(arg, &o->hangup_after))
			return 0;
		break;
	}
	usage_error(o->cmd, "invalid argument '%s' of '%s'", arg,
		    c == 't' ? "--timeout" : "--hangup-after");
	return -1;
}

/* The consultation call: answered, or it never will be. */
static int answered(struct supp *s, uint32_t handle)
{
	switch (state_of(s, handle)) {
	case TAPI_CALLSTATE_CONNECTED:
		return 1;
	case TAPI_CALLSTATE_BUSY:
	case TAPI_CALLSTATE_SPECIALINFO:
	case TAPI_CALLSTATE_DISCONNECTED:
	case TAPI_CALLSTATE_IDLE:
		return -1;
	default:
		return 0;
	}
}

/*
 * Dial @number on the new consultation call @consult and wait until the
 * party answers.  If it does not, the consultation call is dropped (the
 * call it was made for comes back) and -1 returned (reported).
 */
static int consult_party(struct supp *s, uint32_t consult, const char *number,
			 const struct supp_opts *o)
{
	int64_t deadline = o->timeout >= 0 ? now_ns() + o->timeout : -1;
	uint32_t id = printer_call_id(&s->pr, consult);
	char buf[64], doing[TAPI_DIAL_LEN + 16];
	struct followed *f;

	snprintf(doing, sizeof(doing), "dial '%s'", number);
	if (!s->interrupted &&
	    await_reply(s, tapi_line_dial(s->line, consult, number), consult,
			"dial", doing))
		goto drop;
	switch (s->interrupted ? WAIT_SIGNAL :
		wait_for(s, answered, consult, deadline)) {
	case WAIT_OK:
		return 0;
	case WAIT_FAILED:
		f = find_followed(s, consult);
		error("call %" PRIu32 ": %s did not answer: %s", id, number,
		      state_text(f ? f->state : 0, f ? f->mode : 0, buf,
				 sizeof(buf)));
		break;
	case WAIT_TIMEOUT:
		error("call %" PRIu32 ": %s did not answer in %" PRId64 " s",
		      id, number, o->timeout / 1000000000);
		break;
	case WAIT_SIGNAL:
		s->interrupted = true;
		error("interrupted before %s answered", number);
		break;
	default:
		break;
	}
drop:
	drop_wait(s, consult);
	return -1;
}

static int conf_idle(struct supp *s, uint32_t handle)
{
	(void)handle;
	return state_of(s, s->conf) == TAPI_CALLSTATE_IDLE;
}

/*
 * Follow the conference until it ends; drop it on a signal or after
 * --hangup-after.  Returns an exit status.
 */
static int run_conference(struct supp *s, const struct supp_opts *o,
			  int status)
{
	int64_t hangup_at = o->hangup_after >= 0 ?
		now_ns() + o->hangup_after : -1;
	int64_t drop_deadline = -1;
	size_t i;

	s->running = true;
	/* What happened meanwhile to the members. */
	for (i = s->num_calls; i-- > 0;)
		running_state(s, &s->calls[i]);
	if (s->interrupted)
		hangup_at = now_ns();
	for (;;) {
		switch (wait_for(s, conf_idle, 0, drop_deadline >= 0 ?
				 drop_deadline : hangup_at)) {
		case WAIT_OK:
		case WAIT_FAILED:
			while (s->num_calls)
				release(s, s->calls[0].handle);
			return status;
		case WAIT_SIGNAL:
			if (drop_deadline >= 0) {
				error("interrupted");
				return EXIT_FAIL;
			}
			break;
		case WAIT_TIMEOUT:
			if (drop_deadline >= 0) {
				error("conference %" PRIu32 " did not go idle",
				      printer_call_id(&s->pr, s->conf));
				return EXIT_FAIL;
			}
			break;
		default:
			return EXIT_FAIL;
		}
		/* Hang up: the members go with the conference call. */
		request_drop(s, s->conf);
		drop_deadline = now_ns() + SUPP_TIMEOUT_NS;
	}
}

/* ------------------------------------------------------------------ */
/* tapictl transfer                                                    */
/* ------------------------------------------------------------------ */

static int blind_transfer(struct supp *s, const char *to)
{
	char doing[TAPI_DIAL_LEN + 16];

	snprintf(doing, sizeof(doing), "transfer to '%s'", to);
	if (tapi_line_blind_transfer_sync(s->line, s->call, to)) {
		op_error(s, s->call, doing, errno);
		return EXIT_FAIL;
	}
	/* The card takes the call away: it goes idle. */
	if (wait_for(s, is_idle, s->call, now_ns() + SUPP_TIMEOUT_NS) !=
	    WAIT_OK)
		error("call %" PRIu32 " did not go idle", s->call_id);
	print_outcome(s, "transferred", "transferred to", "to", to, 0);
	return EXIT_OK;
}

static int consult_transfer(struct supp *s, const struct supp_opts *o)
{
	uint32_t mode = o->conference ? TAPI_TRANSFER_CONFERENCE :
		TAPI_TRANSFER_TRANSFER;
	uint32_t consult = 0;
	int64_t deadline;
	int id;

	id = tapi_line_setup_transfer(s->line, s->call, &consult);
	if (id > 0)
		follow(s, consult);
	if (await_reply(s, id, s->call, "setuptransfer",
			"set up a transfer")) {
		unfollow(s, consult);
		return EXIT_FAIL;
	}
	if (consult_party(s, consult, o->consult, o))
		return EXIT_FAIL;
	id = -1;
	if (!s->interrupted) {
		id = tapi_line_complete_transfer(s->line, s->call, consult,
						 mode, &s->conf);
		if (id > 0 && s->conf)
			follow(s, s->conf);
	}
	if (s->interrupted ||
	    await_reply(s, id, s->call, "completetransfer", o->conference ?
			"complete the transfer as a conference" :
			"complete the transfer")) {
		if (s->interrupted)
			error("interrupted: call %" PRIu32 " not transferred",
			      s->call_id);
		if (s->conf)
			unfollow(s, s->conf);
		s->conf = 0;
		drop_wait(s, consult);
		return EXIT_FAIL;
	}
	if (o->conference)
		return run_conference(s, o, EXIT_OK);
	/* Both calls of this station go idle. */
	deadline = now_ns() + SUPP_TIMEOUT_NS;
	if (wait_for(s, is_idle, s->call, deadline) != WAIT_OK ||
	    wait_for(s, is_idle, consult, deadline) != WAIT_OK)
		error("the transferred calls did not go idle");
	release(s, consult);
	return EXIT_OK;
}

static int transfer(struct supp *s, const void *data)
{
	const struct supp_opts *o = data;

	return o->to ? blind_transfer(s, o->to) : consult_transfer(s, o);
}

int cmd_transfer(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "to",		  required_argument, NULL, OPT_TO },
		{ "consult",	  required_argument, NULL, OPT_CONSULT },
		{ "conference",	  no_argument,	     NULL, OPT_CONFERENCE },
		{ "timeout",	  required_argument, NULL, 't' },
		{ "hangup-after", required_argument, NULL, OPT_HANGUP_AFTER },
		{ NULL,		  0,		     NULL, 0 },
	};
	struct supp_opts o = {
		.cmd = argv[0],
		.timeout = -1,
		.hangup_after = -1,
	};
	struct common_opts opts;
	uint32_t call_id;
	int i, ret;

	i = parse_options(argc, argv, "t:", longopts, supp_option, &o,
			  &opts);
	if (check_args(&ret, argc, argv, i, "LINE", "ID", NULL))
		return ret;
	if (parse_call_id(argv[0], argv[i + 1], &call_id))
		return EXIT_USAGE;
	if (!o.to == !o.consult)
		return usage_error(argv[0], "give one of --to and --consult");
	if (o.to && (o.conference || o.timeout >= 0 || o.hangup_after >= 0))
		return usage_error(argv[0], "--to takes no other option");
	if (!o.conference && o.hangup_after >= 0)
		return usage_error(argv[0],
				   "--hangup-after needs --conference");
	return supp_run(argv[0], argv[i], opts.json, o.to != NULL, call_id,
			transfer, &o);
}

/* ------------------------------------------------------------------ */
/* tapictl conference                                                  */
/* ------------------------------------------------------------------ */

/* The calls of the conference of call @call_id. */
static int conf_list(struct supp *s, uint32_t call_id)
{
	struct tapi_conf_member *m = NULL;
	unsigned int remaining = 0, k;
	struct json_writer w;
	uint32_t handle;
	int n;

	handle = supp_find(s, call_id);
	if (!handle)
		return EXIT_FAIL;
	do {
		free(m);
		m = NULL;
		n = tapi_line_get_conf_related_calls(s->line, handle, NULL, 0,
						     &remaining);
		if (n >= 0 && remaining) {
			m = xcalloc(remaining, sizeof(*m));
			n = tapi_line_get_conf_related_calls(s->line, handle, m,
							     remaining,
							     &remaining);
		}
	} while (n >= 0 && remaining);
	if (n <= 0) {
		if (!n || errno == EINVAL)
			error("call %" PRIu32 " is in no conference", call_id);
		else
			error("call %" PRIu32 ": cannot get its conference: %s",
			      call_id, strerror(errno));
		free(m);
		return EXIT_FAIL;
	}
	if (s->json) {
		json_init(&w, stdout);
		json_begin_object(&w, NULL);
		json_uint(&w, "conf_call_id", m[0].call_id);
		if (tapi_call_state_str(m[0].state))
			json_string(&w, "state",
				    tapi_call_state_str(m[0].state));
		json_begin_array(&w, "members", false);
		for (k = 1; k < (unsigned int)n; k++) {
			json_begin_inline_object(&w, NULL);
			json_uint(&w, "call_id", m[k].call_id);
			if (tapi_call_state_str(m[k].state))
				json_string(&w, "state",
					    tapi_call_state_str(m[k].state));
			json_end_object(&w);
		}
		json_end_array(&w);
		json_end_object(&w);
		json_finish(&w);
	} else {
		printf("conference %" PRIu32 ": %s\n", m[0].call_id,
		       tapi_call_state_str(m[0].state) ?
		       tapi_call_state_str(m[0].state) : "?");
		for (k = 1; k < (unsigned int)n; k++)
			printf("  member %" PRIu32 ": %s\n", m[k].call_id,
			       tapi_call_state_str(m[k].state) ?
			       tapi_call_state_str(m[k].state) : "?");
	}
	free(m);
	return EXIT_OK;
}

static int conf_remove(struct supp *s, uint32_t call_id)
{
	struct tapi_line_call_info *info;
	uint32_t conf_id = 0;
	char text[48];

	if (supp_take(s, call_id))
		return EXIT_FAIL;
	info = tapi_line_get_call_info(s->line, s->call);
	if (info)
		conf_id = tapi_line_call_info_get_related_call_id(info);
	tapi_line_call_info_free(info);
	if (tapi_line_remove_from_conference_sync(s->line, s->call)) {
		op_error(s, s->call, "remove from its conference", errno);
		return EXIT_FAIL;
	}
	snprintf(text, sizeof(text), "removed from conference %" PRIu32,
		 conf_id);
	print_outcome(s, "removed", text, NULL, NULL, conf_id);
	return EXIT_OK;
}

/*
 * Start a conference from call ID, or add to conference ID, the parties
 * @numbers (@num of them), and follow it until it ends.
 */
static int conf_build(struct supp *s, uint32_t call_id, char **numbers,
		      int num, const struct supp_opts *o)
{
	struct tapi_line_call_info *info;
	uint32_t consult = 0, origin;
	int status = EXIT_OK, k, id;
	char doing[64];

	if (supp_take(s, call_id))
		return EXIT_FAIL;
	info = tapi_line_get_call_info(s->line, s->call);
	origin = info ? tapi_line_call_info_get_origin(info) : 0;
	tapi_line_call_info_free(info);

	if (origin == TAPI_CALLORIGIN_CONFERENCE) {
		s->conf = s->call;
	} else {
		snprintf(doing, sizeof(doing),
			 "set up a conference of %d members", num + 1);
		id = tapi_line_setup_conference(s->line, s->call, num + 1,
						&s->conf, &consult);
		if (id > 0) {
			follow(s, s->conf);
			follow(s, consult);
		}
		if (await_reply(s, id, s->call, "setupconference", doing)) {
			unfollow(s, consult);
			unfollow(s, s->conf);
			s->conf = 0;
			return EXIT_FAIL;
		}
	}

	for (k = 0; k < num && !s->interrupted; k++) {
		if (!consult) {
			id = tapi_line_prepare_add_to_conference(s->line,
								 s->conf,
								 &consult);
			if (id > 0)
				follow(s, consult);
			if (await_reply(s, id, s->conf,
					"prepareaddtoconference",
					"prepare adding a party")) {
				unfollow(s, consult);
				status = EXIT_FAIL;
				break;
			}
		}
		if (consult_party(s, consult, numbers[k], o)) {
			status = EXIT_FAIL;
			consult = 0;
			continue;
		}
		snprintf(doing, sizeof(doing), "join conference %" PRIu32,
			 printer_call_id(&s->pr, s->conf));
		if (s->interrupted ||
		    await_reply(s, tapi_line_add_to_conference(s->line,
						s->conf, consult),
				consult, "addtoconference", doing)) {
			status = EXIT_FAIL;
			drop_wait(s, consult);
		}
		consult = 0;
	}
	return run_conference(s, o, status);
}

int cmd_conference(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "remove",	  no_argument,	     NULL, 'r' },
		{ "timeout",	  required_argument, NULL, 't' },
		{ "hangup-after", required_argument, NULL, OPT_HANGUP_AFTER },
		{ NULL,		  0,		     NULL, 0 },
	};
	struct supp_opts o = {
		.cmd = argv[0],
		.timeout = -1,
		.hangup_after = -1,
	};
	struct common_opts opts;
	struct supp s;
	uint32_t call_id;
	int i, k, num, ret;

	i = parse_options(argc, argv, "rt:", longopts, supp_option, &o,
			  &opts);
	if (i < 0)
		return i == -1 ? EXIT_OK : EXIT_USAGE;
	if (i >= argc)
		return usage_error(argv[0], "missing LINE");
	if (i + 1 >= argc)
		return usage_error(argv[0], "missing ID");
	if (parse_call_id(argv[0], argv[i + 1], &call_id))
		return EXIT_USAGE;
	num = argc - i - 2;
	for (k = 0; k < num; k++)
		if (check_number(argv[0], argv[i + 2 + k]))
			return EXIT_USAGE;
	if (o.remove && num)
		return usage_error(argv[0], "unexpected argument '%s'",
				   argv[i + 2]);
	if ((o.remove || !num) && (o.timeout >= 0 || o.hangup_after >= 0))
		return usage_error(argv[0], "--timeout and --hangup-after "
				   "need a NUMBER");
	ret = supp_open(&s, argv[0], argv[i], opts.json);
	if (ret)
		return ret;
	s.quiet = o.remove || !num;
	if (o.remove)
		ret = conf_remove(&s, call_id);
	else if (!num)
		ret = conf_list(&s, call_id);
	else
		ret = conf_build(&s, call_id, argv + i + 2, num, &o);
	drain(&s);
	if (s.call)
		release(&s, s.call);
	supp_close(&s);
	return ret;
}
