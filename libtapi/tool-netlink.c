// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl through the generic netlink family: the card names resolved,
 * list of every card and line, and monitor of the whole system.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "tapictl.h"

struct tapi_nl *nl_connect(bool *absent)
{
	struct tapi_nl *nl = tapi_nl_open();

	*absent = false;
	if (nl)
		return nl;
	if (errno == ENOENT)
		*absent = true;
	else
		error("generic netlink family '%s': %s", TAPI_GENL_NAME,
		      strerror(errno));
	return NULL;
}

/* "tapiN" or "/dev/tapiN": N, else -1. */
static int node_index(const char *spec)
{
	unsigned int n;

	if (!strncmp(spec, "/dev/", 5))
		spec += 5;
	if (strncmp(spec, "tapi", 4) || (spec[4] == '0' && spec[5]) ||
	    parse_uint(spec + 4, &n) || n > INT32_MAX)
		return -1;
	return n;
}

int nl_card_index(struct tapi_nl *nl, const char *spec)
{
	struct tapi_nl_card **cards, *card;
	struct tapi_card *tc;
	int i, n, index = -1, found = 0;

	index = node_index(spec);
	if (index >= 0) {
		card = tapi_nl_get_card(nl, index);
		if (!card) {
			error("%s: %s", spec, errno == ENODEV ?
			      "no such card" : strerror(errno));
			return -1;
		}
		tapi_nl_card_free(card);
		return index;
	}
	if (strchr(spec, '/')) {
		/* Another path to a node: ask the node. */
		tc = open_card(spec);
		if (!tc)
			return -1;
		index = tapi_card_get_index(tc);
		tapi_card_close(tc);
		return index;
	}
	n = tapi_nl_dump_cards(nl, &cards);
	if (n < 0) {
		error("cannot list the cards: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(tapi_nl_card_get_info(cards[i])->name, spec))
			continue;
		index = tapi_nl_card_get_info(cards[i])->index;
		found++;
	}
	tapi_nl_card_list_free(cards);
	if (!found)
		error("no tapi card named '%s'", spec);
	else if (found > 1)
		error("more than one card is named '%s': use tapiN", spec);
	return found == 1 ? index : -1;
}

/* ------------------------------------------------------------------ */
/* tapictl list                                                        */
/* ------------------------------------------------------------------ */

static void json_status(struct json_writer *w, const struct tapi_nl_line *l)
{
	const struct tapi_line_devstatus *s = tapi_nl_line_get_status(l);

	json_begin_object(w, "status");
	json_uint(w, "num_opens", s->num_opens);
	json_uint(w, "num_owners", s->num_owners);
	json_uint(w, "num_monitors", s->num_monitors);
	json_flags(w, "open_media_modes", TAPI_FLAGS_MEDIA_MODE,
		   s->open_media_modes);
	json_uint(w, "num_active_calls", s->num_active_calls);
	json_uint(w, "num_onhold_calls", s->num_onhold_calls);
	json_uint(w, "num_onholdpend_calls", s->num_onholdpend_calls);
	json_flags(w, "line_features", TAPI_FLAGS_LINE_FEATURE,
		   s->line_features);
	json_flags(w, "devstatus_flags", TAPI_FLAGS_DEVSTATUS,
		   s->devstatus_flags);
	json_end_object(w);
}

static void json_addresses(struct json_writer *w,
			   const struct tapi_nl_line *l)
{
	const struct tapi_address_caps *a;
	unsigned int i;

	json_begin_array(w, "addresses", false);
	for (i = 0; i < tapi_nl_line_get_num_addresses(l); i++) {
		a = tapi_nl_line_get_address(l, i);
		json_begin_object(w, NULL);
		json_address_members(w, a);
		json_uint(w, "num_calls",
			  tapi_nl_line_get_address_num_calls(l, i));
		json_end_object(w);
	}
	json_end_array(w);
}

/* The members of a line, inside an object begun. */
static void json_nl_line_members(struct json_writer *w,
				 const struct tapi_nl_line *l)
{
	const struct tapi_line_devcaps *c = tapi_nl_line_get_caps(l);

	json_uint(w, "line", c->line);
	json_string(w, "name", c->name);
	json_uint(w, "permanent_line_id", c->permanent_line_id);
	json_uint(w, "num_addresses", c->num_addresses);
	json_uint(w, "max_active_calls", c->max_active_calls);
	json_flags(w, "media_modes", TAPI_FLAGS_MEDIA_MODE, c->media_modes);
	json_flags(w, "bearer_modes", TAPI_FLAGS_BEARER_MODE, c->bearer_modes);
	json_flags(w, "line_features", TAPI_FLAGS_LINE_FEATURE,
		   c->line_features);
	json_flags(w, "devcaps_flags", TAPI_FLAGS_DEVCAPS, c->devcaps_flags);
	json_string_format(w, c->string_format);
	json_flags(w, "gen_digit_modes", TAPI_FLAGS_DIGIT_MODE,
		   c->gen_digit_modes);
	json_flags(w, "monitor_digit_modes", TAPI_FLAGS_DIGIT_MODE,
		   c->monitor_digit_modes);
	json_uint(w, "gen_tone_max_freqs", c->gen_tone_max_freqs);
	json_uint(w, "monitor_tone_max_freqs", c->monitor_tone_max_freqs);
	json_uint(w, "monitor_tone_max", c->monitor_tone_max);
	json_status(w, l);
	json_addresses(w, l);
}

static void json_nl_card_members(struct json_writer *w,
				 const struct tapi_card_info *ci)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/tapi%u", ci->index);
	json_string(w, "path", path);
	json_uint(w, "index", ci->index);
	json_string(w, "name", ci->name);
	json_string(w, "driver", ci->driver);
	json_uint(w, "num_lines", ci->num_lines);
}

static char *nl_addresses_text(const struct tapi_nl_line *l)
{
	unsigned int i, n = tapi_nl_line_get_num_addresses(l);
	char *s = xstrdup(""), *t;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i ? "," : "",
			      tapi_nl_line_get_address(l, i)->address);
		free(s);
		s = t;
	}
	if (!*s) {
		free(s);
		s = xstrdup("-");
	}
	return s;
}

static void nl_list_add_line(struct table *t, const struct tapi_nl_line *l)
{
	const struct tapi_line_devcaps *c = tapi_nl_line_get_caps(l);
	char *row[7];

	row[0] = xasprintf("%u", c->line);
	row[1] = xstrdup(*c->name ? c->name : "-");
	row[2] = nl_addresses_text(l);
	row[3] = flags_to_alloc_str(TAPI_FLAGS_MEDIA_MODE, c->media_modes,
				    "-");
	row[4] = flags_to_alloc_str(TAPI_FLAGS_BEARER_MODE, c->bearer_modes,
				    "-");
	row[5] = xasprintf("%u", c->max_active_calls);
	row[6] = flags_to_alloc_str(TAPI_FLAGS_LINE_FEATURE, c->line_features,
				    "-");
	table_add_row(t, row);
}

static void nl_list_card(const struct tapi_card_info *ci,
			 struct tapi_nl_line **lines, int num_lines,
			 struct json_writer *w)
{
	static const char *const header[] = {
		"LINE", "NAME", "ADDRESSES", "MEDIA MODES", "BEARER MODES",
		"CALLS", "LINE FEATURES",
	};
	struct table t;
	char *row[7];
	int i;

	if (w) {
		json_begin_object(w, NULL);
		json_nl_card_members(w, ci);
		json_begin_array(w, "lines", false);
	} else {
		printf("tapi%u: %s (driver %s, %u line%s)\n", ci->index,
		       ci->name, ci->driver, ci->num_lines,
		       ci->num_lines == 1 ? "" : "s");
		table_init(&t, 7);
		for (i = 0; i < 7; i++)
			row[i] = xstrdup(header[i]);
		table_add_row(&t, row);
	}
	for (i = 0; i < num_lines; i++) {
		if (tapi_nl_line_get_card(lines[i]) != ci->index)
			continue;
		if (w) {
			json_begin_object(w, NULL);
			json_nl_line_members(w, lines[i]);
			json_end_object(w);
		} else {
			nl_list_add_line(&t, lines[i]);
		}
	}
	if (w) {
		json_end_array(w);
		json_end_object(w);
	} else {
		if (t.nrows > 1)
			table_print(&t, stdout, "  ");
		else
			printf("  (no lines)\n");
		table_free(&t);
	}
}

int nl_list(struct tapi_nl *nl, bool json)
{
	struct json_writer jw, *w = NULL;
	struct tapi_nl_card **cards;
	struct tapi_nl_line **lines;
	int i, n, num_lines;

	n = tapi_nl_dump_cards(nl, &cards);
	if (n < 0) {
		error("cannot list the cards: %s", strerror(errno));
		return EXIT_FAIL;
	}
	num_lines = tapi_nl_dump_lines(nl, TAPI_NL_ALL, &lines);
	if (num_lines < 0) {
		error("cannot list the lines: %s", strerror(errno));
		tapi_nl_card_list_free(cards);
		return EXIT_FAIL;
	}
	w = list_begin(&jw, json, n);
	for (i = 0; i < n; i++) {
		if (!w && i)
			putchar('\n');
		nl_list_card(tapi_nl_card_get_info(cards[i]), lines,
			     num_lines, w);
	}
	list_end(w);
	tapi_nl_line_list_free(lines);
	tapi_nl_card_list_free(cards);
	return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* tapictl monitor, system-wide                                        */
/* ------------------------------------------------------------------ */

struct nl_monitor {
	bool json;
	bool limited;
	unsigned int count;	/* notifications still to print */
};

static const char *nl_event_name(unsigned int type)
{
	switch (type) {
	case TAPI_CMD_CARD_NEW:		return "card_new";
	case TAPI_CMD_CARD_DEL:		return "card_del";
	case TAPI_CMD_LINE_NEW:		return "line_new";
	case TAPI_CMD_LINE_DEL:		return "line_del";
	case TAPI_CMD_LINE_STATE:	return "line_state";
	case TAPI_CMD_CALL_NEW:		return "call_new";
	case TAPI_CMD_CALL_STATE:	return "call_state";
	case TAPI_CMD_CALL_INFO:	return "call_info";
	default:			return "unknown";
	}
}

static void nl_event_json(const struct tapi_nl_event *ev)
{
	const struct tapi_nl_card *card = tapi_nl_event_get_card(ev);
	const struct tapi_nl_line *line = tapi_nl_event_get_line(ev);
	const struct tapi_nl_call *call = tapi_nl_event_get_call(ev);
	unsigned int type = tapi_nl_event_get_type(ev);
	struct json_writer w;

	json_init(&w, stdout);
	json_begin_inline_object(&w, NULL);
	json_string(&w, "type", nl_event_name(type));
	if (card) {
		json_nl_card_members(&w, tapi_nl_card_get_info(card));
	} else if (line) {
		json_uint(&w, "card", tapi_nl_line_get_card(line));
		json_nl_line_members(&w, line);
	} else if (call) {
		json_call_members(&w, tapi_nl_call_get_card(call),
				  tapi_nl_call_get_info(call),
				  tapi_nl_call_get_state(call),
				  tapi_nl_call_get_mode(call));
		if (type == TAPI_CMD_CALL_STATE)
			json_state_name(&w, "old_state",
					tapi_nl_call_get_old_state(call));
		if (type == TAPI_CMD_CALL_INFO)
			json_flags(&w, "fields", TAPI_FLAGS_CALLINFO,
				   tapi_nl_call_get_info_fields(call));
	}
	json_end_object(&w);
	json_finish(&w);
}

static void nl_event_text(const struct tapi_nl_event *ev)
{
	const struct tapi_nl_card *card = tapi_nl_event_get_card(ev);
	const struct tapi_nl_line *line = tapi_nl_event_get_line(ev);
	const struct tapi_nl_call *call = tapi_nl_event_get_call(ev);
	unsigned int type = tapi_nl_event_get_type(ev);
	const struct tapi_card_info *ci;
	const struct tapi_line_devstatus *s;
	const struct tapi_call_info *info;
	char buf[64], *text;

	if (card) {
		ci = tapi_nl_card_get_info(card);
		if (type == TAPI_CMD_CARD_NEW)
			printf("tapi%u: new card %s (driver %s, %u line%s)\n",
			       ci->index, ci->name, ci->driver, ci->num_lines,
			       ci->num_lines == 1 ? "" : "s");
		else
			printf("tapi%u: card %s removed\n", ci->index,
			       ci->name);
	} else if (line) {
		printf("tapi%u:%u: ", tapi_nl_line_get_card(line),
		       tapi_nl_line_get_caps(line)->line);
		s = tapi_nl_line_get_status(line);
		if (type == TAPI_CMD_LINE_NEW) {
			text = nl_addresses_text(line);
			printf("new line %s, addresses %s\n",
			       tapi_nl_line_get_caps(line)->name, text);
			free(text);
		} else if (type == TAPI_CMD_LINE_DEL) {
			printf("line removed\n");
		} else {
			text = flags_to_alloc_str(TAPI_FLAGS_DEVSTATUS,
						  s->devstatus_flags, "-");
			printf("%u open%s (%u owner%s, %u monitor%s), %u "
			       "active, %u held, %s\n", s->num_opens,
			       s->num_opens == 1 ? "" : "s", s->num_owners,
			       s->num_owners == 1 ? "" : "s", s->num_monitors,
			       s->num_monitors == 1 ? "" : "s",
			       s->num_active_calls,
			       s->num_onhold_calls + s->num_onholdpend_calls,
			       text);
			free(text);
		}
	} else if (call) {
		info = tapi_nl_call_get_info(call);
		printf("tapi%u:%u: call %" PRIu32 ": ",
		       tapi_nl_call_get_card(call), info->line, info->call_id);
		state_text(tapi_nl_call_get_state(call),
			   tapi_nl_call_get_mode(call), buf, sizeof(buf));
		if (type == TAPI_CMD_CALL_NEW) {
			printf("new on address %u, %s\n", info->address_id,
			       buf);
		} else if (type == TAPI_CMD_CALL_STATE) {
			const char *old = tapi_call_state_str(
				tapi_nl_call_get_old_state(call));

			printf("callstate %s (was %s)\n", buf,
			       old ? old : "unknown");
		} else {
			text = flags_to_alloc_str(TAPI_FLAGS_CALLINFO,
				tapi_nl_call_get_info_fields(call), "-");
			printf("callinfo %s\n", text);
			free(text);
		}
	}
}

static int nl_monitor_event(const struct tapi_nl_event *ev, void *data)
{
	struct nl_monitor *m = data;

	if (m->json)
		nl_event_json(ev);
	else
		nl_event_text(ev);
	fflush(stdout);
	return m->limited && !--m->count;
}

int nl_monitor(struct tapi_nl *nl, bool json, unsigned int count)
{
	struct nl_monitor m = { .json = json, .limited = count > 0,
				.count = count };
	struct signalfd_siginfo si;
	struct pollfd pfd[2];
	sigset_t set;
	int n, ret = EXIT_OK;

	if (tapi_nl_subscribe(nl, TAPI_NL_GROUP_MONITOR | TAPI_NL_GROUP_CALLS)) {
		if (errno != EPERM || tapi_nl_get_fd(nl) < 0) {
			error("cannot join the notifications of family '%s': %s",
			      TAPI_GENL_NAME, strerror(errno));
			return EXIT_FAIL;
		}
		fprintf(stderr, PROG ": calls are not shown: watching them "
			"needs CAP_NET_ADMIN; cards and lines only\n");
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL)) {
		error("sigprocmask: %s", strerror(errno));
		return EXIT_FAIL;
	}
	pfd[0].fd = tapi_nl_get_fd(nl);
	pfd[0].events = POLLIN;
	pfd[1].fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	pfd[1].events = POLLIN;
	if (pfd[1].fd < 0) {
		error("signalfd: %s", strerror(errno));
		return EXIT_FAIL;
	}
	for (;;) {
		n = poll(pfd, 2, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error("poll: %s", strerror(errno));
			ret = EXIT_FAIL;
			break;
		}
		if (pfd[1].revents & POLLIN &&
		    read(pfd[1].fd, &si, sizeof(si)) == sizeof(si))
			break;
		if (!pfd[0].revents)
			continue;
		n = tapi_nl_dispatch_events(nl, nl_monitor_event, &m);
		if (n < 0 && errno == ENOBUFS) {
			/* Nothing to resynchronise: say so and go on. */
			if (json)
				printf("{\"type\": \"lost\"}\n");
			else
				printf("notifications lost\n");
			fflush(stdout);
		} else if (n < 0) {
			error("reading the notifications: %s",
			      strerror(errno));
			ret = EXIT_FAIL;
			break;
		}
		if (m.limited && !m.count)
			break;
	}
	close(pfd[1].fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return ret;
}
