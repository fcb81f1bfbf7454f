// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl park, swap, pickup, unpark and forward: the call services.
 *
 * park and swap act on calls some application owns, taken over and given
 * back as hold does (tool-follow.c).  pickup and unpark bring a call onto
 * the line, owned by tapictl alone, and follow it until it ends, as call
 * does (tool-session.c).  forward sets, cancels or shows the forwarding
 * of a line's addresses.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/* Options with no short form. */
enum {
	OPT_AT = 257,
	OPT_GROUP,
	OPT_UNCOND,
	OPT_BUSY,
	OPT_NOANSWER,
	OPT_AFTER,
	OPT_CANCEL,
	OPT_ALL_ADDRESSES,
};

/* ------------------------------------------------------------------ */
/* tapictl park                                                        */
/* ------------------------------------------------------------------ */

static int park_option(int c, const char *arg, void *data)
{
	const char **at = data;

	(void)c;	/* --at, the only one */
	*at = arg;
	return check_number("park", arg);
}

static int park(struct supp *s, const void *data)
{
	const char *at = data;
	char where[TAPI_DIAL_LEN], doing[TAPI_DIAL_LEN + 16];

	if (tapi_line_park_sync(s->line, s->call, at ? TAPI_PARK_DIRECTED :
				TAPI_PARK_NONDIRECTED, at, where,
				sizeof(where))) {
		if (at)
			snprintf(doing, sizeof(doing), "park at '%s'", at);
		else
			snprintf(doing, sizeof(doing), "park");
		op_error(s, s->call, doing, errno);
		return EXIT_FAIL;
	}
	/* The far party waits at the park address: the call goes. */
	if (wait_for(s, is_idle, s->call, now_ns() + SUPP_TIMEOUT_NS) !=
	    WAIT_OK)
		error("call %" PRIu32 " did not go idle", s->call_id);
	print_outcome(s, "parked", "parked at", "park_address",
		      *where ? where : "?", 0);
	return EXIT_OK;
}

int cmd_park(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at",	required_argument, NULL, OPT_AT },
		{ NULL,	0,		   NULL, 0 },
	};
	struct common_opts opts;
	const char *at = NULL;
	uint32_t call_id;
	int i, ret;

	i = parse_options(argc, argv, NULL, longopts, park_option, &at,
			  &opts);
	if (check_args(&ret, argc, argv, i, "LINE", "ID", NULL))
		return ret;
	if (parse_call_id(argv[0], argv[i + 1], &call_id))
		return EXIT_USAGE;
	return supp_run(argv[0], argv[i], opts.json, true, call_id, park, at);
}

/* ------------------------------------------------------------------ */
/* tapictl swap                                                        */
/* ------------------------------------------------------------------ */

/* "call 67: swapped, onhold" or {"call_id", "state"}, for one call. */
static void print_swapped(struct supp *s, struct json_writer *w,
			  uint32_t handle)
{
	uint32_t id = printer_call_id(&s->pr, handle), mode = 0;
	uint32_t state = get_state(s, handle, &mode);
	char buf[64];

	if (!w) {
		printf("call %" PRIu32 ": swapped, %s\n", id,
		       state ? state_text(state, mode, buf, sizeof(buf)) :
		       "?");
		return;
	}
	json_begin_inline_object(w, NULL);
	json_uint(w, "call_id", id);
	if (tapi_call_state_str(state))
		json_string(w, "state", tapi_call_state_str(state));
	json_end_object(w);
}

static int swap(struct supp *s, const void *data)
{
	uint32_t held_id = *(const uint32_t *)data;
	struct json_writer w;
	char doing[48];
	uint32_t held;

	held = supp_take_call(s, held_id);
	if (!held)
		return EXIT_FAIL;
	snprintf(doing, sizeof(doing), "swap hold with call %" PRIu32,
		 held_id);
	if (tapi_line_swap_hold_sync(s->line, s->call, held)) {
		op_error(s, s->call, doing, errno);
		release(s, held);
		return EXIT_FAIL;
	}
	if (s->json) {
		json_init(&w, stdout);
		json_begin_object(&w, NULL);
		json_bool(&w, "swapped", true);
		json_begin_array(&w, "calls", false);
		print_swapped(s, &w, s->call);
		print_swapped(s, &w, held);
		json_end_array(&w);
		json_end_object(&w);
		json_finish(&w);
	} else {
		print_swapped(s, NULL, s->call);
		print_swapped(s, NULL, held);
	}
	release(s, held);
	return EXIT_OK;
}

int cmd_swap(int argc, char **argv)
{
	struct common_opts opts;
	uint32_t active_id, held_id;
	int i, ret;

	i = parse_options(argc, argv, NULL, NULL, NULL, NULL, &opts);
	if (check_args(&ret, argc, argv, i, "LINE", "ACTIVE_ID", "HELD_ID",
		       NULL))
		return ret;
	if (parse_call_id(argv[0], argv[i + 1], &active_id) ||
	    parse_call_id(argv[0], argv[i + 2], &held_id))
		return EXIT_USAGE;
	if (active_id == held_id)
		return usage_error(argv[0], "ACTIVE_ID and HELD_ID are the "
				   "same call");
	return supp_run(argv[0], argv[i], opts.json, true, active_id, swap,
			&held_id);
}

/* ------------------------------------------------------------------ */
/* tapictl pickup, unpark                                              */
/* ------------------------------------------------------------------ */

/**
 * struct take_opts - the options of pickup and unpark
 * @o: those they share with call: --address, --media, --hangup-after
 * @group: pickup --group
 */
struct take_opts {
	struct call_opts o;
	const char *group;
};

static int take_option(int c, const char *arg, void *data)
{
	struct take_opts *t = data;

	if (c != OPT_GROUP)
		return call_option(c, arg, &t->o);
	if (strlen(arg) >= TAPI_DIAL_LEN) {
		usage_error(t->o.cmd, "GROUP is longer than %d bytes",
			    TAPI_DIAL_LEN - 1);
		return -1;
	}
	t->group = arg;
	return 0;
}

/*
 * Pick up (@unpark false) or unpark the call at @number, or of group
 * @group, and follow it.  Returns an exit status.
 */
static int take(const char *line_arg, const char *number, const char *group,
		const struct take_opts *t, bool json, bool unpark)
{
	char doing[2 * TAPI_DIAL_LEN + 32];
	struct tapi_line *line;
	struct session s;
	unsigned int index;
	uint32_t call = 0;
	char *card;
	int id, ret = EXIT_FAIL;

	if (unpark)
		snprintf(doing, sizeof(doing), "unpark the call at '%s'",
			 number);
	else if (number)
		snprintf(doing, sizeof(doing),
			 "pick up the call alerting at '%s'", number);
	else if (group)
		snprintf(doing, sizeof(doing),
			 "pick up a call of group '%s'", group);
	else
		snprintf(doing, sizeof(doing),
			 "pick up a call of the address's group");
	if (parse_line_arg(t->o.cmd, line_arg, &card, &index))
		return EXIT_USAGE;
	line = open_owner_line(card, index, TAPI_PRIV_OWNER |
			       TAPI_PRIV_MONITOR, t->o.media_mode);
	free(card);
	if (!line)
		return EXIT_FAIL;
	if (session_init(&s, line, json, t->o.hangup_after))
		goto out;
	if (unpark)
		id = tapi_line_unpark(line, t->o.address_id, number, &call);
	else
		id = tapi_line_pickup(line, t->o.address_id, number, group,
				      &call);
	if (id < 0) {
		error("%s: cannot %s: %s", line_arg, doing, strerror(errno));
	} else {
		s.call = call;
		session_expect_call(&s, id, unpark ? "unpark" : "pickup",
				    doing);
		ret = session_run(&s);
	}
	session_fini(&s);
out:
	tapi_line_close(line);
	return ret;
}

static int pickup_unpark(int argc, char **argv, bool unpark)
{
	/* --group first: unpark takes the table without it. */
	static const struct option longopts[] = {
		{ "group",	  required_argument, NULL, OPT_GROUP },
		{ "address",	  required_argument, NULL, 'a' },
		{ "media",	  required_argument, NULL, 'm' },
		{ "hangup-after", required_argument, NULL, OPT_HANGUP_AFTER },
		{ NULL,		  0,		     NULL, 0 },
	};
	struct take_opts t = {
		.o = {
			.cmd = argv[0],
			.media_mode = TAPI_MEDIA_INTERACTIVEVOICE,
			.hangup_after = -1,
		},
	};
	struct common_opts opts;
	const char *number;
	int i, ret;

	i = parse_options(argc, argv, "a:m:", longopts + unpark, take_option,
			  &t, &opts);
	if (unpark &&
	    check_args(&ret, argc, argv, i, "LINE", "NUMBER", NULL))
		return ret;
	if (i < 0)
		return i == -1 ? EXIT_OK : EXIT_USAGE;
	if (i >= argc)
		return usage_error(argv[0], "missing LINE");
	if (i + 2 < argc)
		return usage_error(argv[0], "unexpected argument '%s'",
				   argv[i + 2]);
	number = i + 1 < argc ? argv[i + 1] : NULL;
	if (number && check_number(argv[0], number))
		return EXIT_USAGE;
	if (number && t.group)
		return usage_error(argv[0], "give NUMBER or --group, not both");
	return take(argv[i], number, t.group, &t, opts.json, unpark);
}

int cmd_pickup(int argc, char **argv)
{
	return pickup_unpark(argc, argv, false);
}

int cmd_unpark(int argc, char **argv)
{
	return pickup_unpark(argc, argv, true);
}

/* ------------------------------------------------------------------ */
/* tapictl forward                                                     */
/* ------------------------------------------------------------------ */

/**
 * struct fwd_opts - the options of forward
 * @cmd: the command's name, for messages
 * @address_id: --address, when @one_address
 * @one_address: --address was given
 * @all: --all-addresses
 * @dest: the number of each forward mode, by mode bit (--uncond, --busy,
 *	--noanswer), NULL if not given
 * @after_ms: --after, when @after
 * @after: --after was given
 * @cancel: --cancel
 */
struct fwd_opts {
	const char *cmd;
	unsigned int address_id;
	bool one_address;
	bool all;
	const char *dest[3];
	unsigned int after_ms;
	bool after;
	bool cancel;
};

static const uint32_t fwd_modes[3] = {
	TAPI_FORWARD_UNCOND, TAPI_FORWARD_BUSY, TAPI_FORWARD_NOANSWER,
};

static int fwd_option(int c, const char *arg, void *data)
{
	struct fwd_opts *o = data;

	switch (c) {
	case 'a':
		o->one_address = true;
		if (!parse_uint(arg, &o->address_id))
			return 0;
		usage_error(o->cmd, "invalid argument '%s' of '--address'",
			    arg);
		return -1;
	case OPT_ALL_ADDRESSES:
		o->all = true;
		return 0;
	case OPT_UNCOND:
	case OPT_BUSY:
	case OPT_NOANSWER:
		o->dest[c - OPT_UNCOND] = arg;
		return check_number(o->cmd, arg);
	case OPT_AFTER:
		o->after = true;
		if (!parse_uint(arg, &o->after_ms) &&
		    o->after_ms <= TAPI_FORWARD_NO_ANSWER_MS_MAX)
			return 0;
		usage_error(o->cmd, "invalid argument '%s' of '--after' "
			    "(0 to %d ms)", arg, TAPI_FORWARD_NO_ANSWER_MS_MAX);
		return -1;
	case OPT_CANCEL:
		o->cancel = true;
		return 0;
	}
	return -1;	/* getopt hands over only the options above */
}

/* The numbers of a line's addresses, for messages; NULL if unknown. */
struct fwd_line {
	const char *line_arg;
	struct tapi_line *line;
	unsigned int num_addresses;
	char **addresses;
};

static void fwd_line_close(struct fwd_line *fl)
{
	unsigned int i;

	for (i = 0; i < fl->num_addresses; i++)
		free(fl->addresses[i]);
	free(fl->addresses);
	tapi_line_close(fl->line);
}

/* Open LINE without privileges, and learn its addresses. */
static int fwd_line_open(struct fwd_line *fl, const char *cmd,
			 const char *line_arg)
{
	struct tapi_address_info *ai;
	struct tapi_line_info *li;
	struct tapi_card *card;
	unsigned int index, i;
	char *spec;

	memset(fl, 0, sizeof(*fl));
	fl->line_arg = line_arg;
	if (parse_line_arg(cmd, line_arg, &spec, &index))
		return EXIT_USAGE;
	fl->line = open_owner_line(spec, index, TAPI_PRIV_NONE, 0);
	card = fl->line ? open_card(spec) : NULL;
	free(spec);
	if (!card) {
		tapi_line_close(fl->line);
		fl->line = NULL;
		return EXIT_FAIL;
	}
	li = tapi_card_get_line_info(card, index);
	fl->num_addresses = li ? tapi_line_info_get_num_addresses(li) : 0;
	tapi_line_info_free(li);
	fl->addresses = xcalloc(fl->num_addresses, sizeof(*fl->addresses));
	for (i = 0; i < fl->num_addresses; i++) {
		ai = tapi_card_get_address_info(card, index, i);
		fl->addresses[i] = xstrdup(ai ?
					   tapi_address_info_get_address(ai) :
					   "?");
		tapi_address_info_free(ai);
	}
	tapi_card_close(card);
	return EXIT_OK;
}

/* Print the forwarding of address @a.  Returns 0, or -1 (reported). */
static int fwd_show_address(const struct fwd_line *fl, unsigned int a,
			    struct json_writer *w)
{
	struct tapi_line_address_status *as;
	unsigned int i, n, ms;
	const char *mode;
	char hex[16];

	as = tapi_line_get_address_status(fl->line, a);
	if (!as) {
		error("%s: address %u: %s", fl->line_arg, a, strerror(errno));
		return -1;
	}
	n = tapi_line_address_status_get_num_forward(as);
	ms = tapi_line_address_status_get_forward_no_answer_ms(as);
	if (w) {
		json_begin_object(w, NULL);
		json_uint(w, "address_id", a);
		json_string(w, "address", fl->addresses[a]);
		json_uint(w, "num_forward", n);
		json_uint(w, "forward_no_answer_ms", ms);
		json_begin_array(w, "forward", false);
	} else {
		printf("address %u (%s): %s", a, fl->addresses[a],
		       n ? "" : "not forwarded");
	}
	for (i = 0; i < n; i++) {
		uint32_t m = tapi_line_address_status_get_forward_mode(as, i);
		const char *dest = tapi_line_address_status_get_forward_dest(
					as, i);

		mode = tapi_forward_mode_str(m);
		if (!mode) {
			snprintf(hex, sizeof(hex), "0x%x", m);
			mode = hex;
		}
		if (w) {
			json_begin_inline_object(w, NULL);
			json_string(w, "mode", mode);
			json_string(w, "dest", dest);
			json_end_object(w);
			continue;
		}
		printf("%s%s %s", i ? ", " : "", mode, dest);
		if (m == TAPI_FORWARD_NOANSWER && ms)
			printf(" after %u ms", ms);
	}
	if (w) {
		json_end_array(w);
		json_end_object(w);
	} else {
		putchar('\n');
	}
	tapi_line_address_status_free(as);
	return 0;
}

/* Print the forwarding of one address, or of all (@a < 0). */
static int fwd_show(const struct fwd_line *fl, int a, bool json)
{
	struct json_writer jw, *w = NULL;
	unsigned int i;
	int ret = EXIT_OK;

	if (json) {
		w = &jw;
		json_init(w, stdout);
		json_begin_object(w, NULL);
		json_begin_array(w, "addresses", false);
	}
	for (i = 0; i < fl->num_addresses; i++)
		if ((a < 0 || (unsigned int)a == i) &&
		    fwd_show_address(fl, i, w))
			ret = EXIT_FAIL;
	if (w) {
		json_end_array(w);
		json_end_object(w);
		json_finish(w);
	}
	return ret;
}

/* Set or cancel the forwarding, as @o says.  Returns 0, or -1. */
static int fwd_set(const struct fwd_line *fl, int a,
		   const struct fwd_opts *o)
{
	struct tapi_forward_list *list = NULL;
	char what[32];
	unsigned int k;
	int ret;

	if (!o->cancel) {
		list = tapi_forward_list_new();
		if (!list) {
			error("%s", strerror(errno));
			return -1;
		}
		for (k = 0; k < 3; k++)
			if (o->dest[k])
				tapi_forward_list_set(list, fwd_modes[k],
						      o->dest[k]);
		tapi_forward_list_set_no_answer_ms(list, o->after_ms);
	}
	ret = tapi_line_forward_sync(fl->line, a, list);
	tapi_forward_list_free(list);
	if (!ret)
		return 0;
	if (a < 0)
		snprintf(what, sizeof(what), "the line");
	else
		snprintf(what, sizeof(what), "address %d", a);
	error("%s: cannot %s %s: %s", fl->line_arg,
	      o->cancel ? "cancel the forwarding of" : "forward", what,
	      strerror(errno));
	return -1;
}

int cmd_forward(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "address",	   required_argument, NULL, 'a' },
		{ "all-addresses", no_argument,	      NULL, OPT_ALL_ADDRESSES },
		{ "uncond",	   required_argument, NULL, OPT_UNCOND },
		{ "busy",	   required_argument, NULL, OPT_BUSY },
		{ "noanswer",	   required_argument, NULL, OPT_NOANSWER },
		{ "after",	   required_argument, NULL, OPT_AFTER },
		{ "cancel",	   no_argument,	      NULL, OPT_CANCEL },
		{ NULL,		   0,		      NULL, 0 },
	};
	struct fwd_opts o = { .cmd = argv[0] };
	struct common_opts opts;
	struct fwd_line fl;
	bool numbers, set;
	int i, a, ret;

	i = parse_options(argc, argv, "a:", longopts, fwd_option, &o, &opts);
	if (check_args(&ret, argc, argv, i, "LINE", NULL))
		return ret;
	numbers = o.dest[0] || o.dest[1] || o.dest[2];
	set = numbers || o.cancel;
	if (o.one_address && o.all)
		return usage_error(argv[0], "give --address or "
				   "--all-addresses, not both");
	if (o.cancel && numbers)
		return usage_error(argv[0], "--cancel takes no number");
	if (o.after && !o.dest[2])
		return usage_error(argv[0], "--after needs --noanswer");
	ret = fwd_line_open(&fl, argv[0], argv[i]);
	if (ret)
		return ret;
	ret = EXIT_FAIL;
	if (o.one_address && o.address_id >= fl.num_addresses) {
		error("%s: no address %u (the line has %u)", argv[i],
		      o.address_id, fl.num_addresses);
		goto out;
	}
	/* Show every address, set one (0 by default) or all. */
	a = o.all || (!set && !o.one_address) ? TAPI_ALL_ADDRESSES :
		(int)o.address_id;
	if (!set || !fwd_set(&fl, a, &o))
		ret = fwd_show(&fl, a, opts.json);
out:
	fwd_line_close(&fl);
	return ret;
}
