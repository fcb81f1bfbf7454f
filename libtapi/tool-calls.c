// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl calls: the calls of every card, of one card or of one line.
 *
 * They are read through the generic netlink family, which needs
 * CAP_NET_ADMIN; without it, or on a core without the family, from the
 * card nodes: each line opened as a monitor, with handles to its calls.
 * Either way a call is a struct tapi_call_info with its state.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/**
 * struct call_row - one call to show
 * @card: its card's index
 * @info: what is known of it; num_monitors does not count tapictl's own
 * @state: its state
 * @mode: the state's mode
 */
struct call_row {
	unsigned int card;
	struct tapi_call_info info;
	uint32_t state;
	uint32_t mode;
};

struct call_rows {
	struct call_row *rows;
	size_t num;
	size_t alloc;
};

static struct call_row *add_row(struct call_rows *r)
{
	if (r->num == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->rows = realloc(r->rows, r->alloc * sizeof(*r->rows));
		if (!r->rows) {
			fputs("out of memory\n", stderr);
			exit(EXIT_FAIL);
		}
	}
	memset(&r->rows[r->num], 0, sizeof(r->rows[r->num]));
	return &r->rows[r->num++];
}

static int cmp_rows(const void *a, const void *b)
{
	const struct call_row *x = a, *y = b;

	if (x->card != y->card)
		return (x->card > y->card) - (x->card < y->card);
	return (x->info.call_id > y->info.call_id) -
	       (x->info.call_id < y->info.call_id);
}

static const struct tapi_call_party *party_of(const struct tapi_call_info *ci,
					      enum tapi_party_kind kind)
{
	switch (kind) {
	case TAPI_PARTY_CALLER:		return &ci->caller;
	case TAPI_PARTY_CALLED:		return &ci->called;
	case TAPI_PARTY_CONNECTED:	return &ci->connected;
	case TAPI_PARTY_REDIRECTING:	return &ci->redirecting;
	default:			return &ci->redirection;
	}
}

/* ------------------------------------------------------------------ */
/* Through the card nodes                                              */
/* ------------------------------------------------------------------ */

static void copy_party(struct tapi_call_party *p,
		       const struct tapi_line_call_info *info,
		       enum tapi_party_kind kind)
{
	p->flags = tapi_line_call_info_get_party_flags(info, kind);
	snprintf(p->number, sizeof(p->number), "%s",
		 tapi_line_call_info_get_party_number(info, kind));
	snprintf(p->name, sizeof(p->name), "%s",
		 tapi_line_call_info_get_party_name(info, kind));
}

static void row_from_line(struct call_row *row, unsigned int card,
			  const struct tapi_line_call_info *info,
			  const struct tapi_line_call_status *status)
{
	struct tapi_call_info *ci = &row->info;
	size_t len = tapi_line_call_info_get_user_user_len(info);

	row->card = card;
	row->state = tapi_line_call_status_get_state(status);
	row->mode = tapi_line_call_status_get_mode(status);
	ci->line = tapi_line_call_info_get_line(info);
	ci->address_id = tapi_line_call_info_get_address_id(info);
	ci->call_id = tapi_line_call_info_get_call_id(info);
	ci->related_call_id = tapi_line_call_info_get_related_call_id(info);
	ci->media_mode = tapi_line_call_info_get_media_mode(info);
	ci->bearer_mode = tapi_line_call_info_get_bearer_mode(info);
	ci->origin = tapi_line_call_info_get_origin(info);
	ci->reason = tapi_line_call_info_get_reason(info);
	ci->num_owners = tapi_line_call_info_get_num_owners(info);
	ci->num_monitors = tapi_line_call_info_get_num_monitors(info);
	/* Our own monitor handle is not one of the call's monitors to show. */
	if (tapi_line_call_status_get_privilege(status) == TAPI_PRIV_MONITOR &&
	    ci->num_monitors)
		ci->num_monitors--;
	copy_party(&ci->caller, info, TAPI_PARTY_CALLER);
	copy_party(&ci->called, info, TAPI_PARTY_CALLED);
	copy_party(&ci->connected, info, TAPI_PARTY_CONNECTED);
	copy_party(&ci->redirecting, info, TAPI_PARTY_REDIRECTING);
	copy_party(&ci->redirection, info, TAPI_PARTY_REDIRECTION);
	ci->param_flags = tapi_line_call_info_get_param_flags(info);
	ci->completion_id = tapi_line_call_info_get_completion_id(info);
	if (len > sizeof(ci->user_user_info))
		len = sizeof(ci->user_user_info);
	ci->user_user_len = len;
	memcpy(ci->user_user_info, tapi_line_call_info_get_user_user_info(info),
	       len);
}

/* The calls of line @index of @card, opened as a monitor. */
static int line_rows(struct tapi_card *card, unsigned int index,
		     struct call_rows *r)
{
	struct tapi_line_settings *settings = tapi_line_settings_new();
	struct tapi_line_call_status *status;
	struct tapi_line_call_info *info;
	struct tapi_line *line = NULL;
	uint32_t *handles;
	int k, n;

	if (settings) {
		tapi_line_settings_set_privileges(settings, TAPI_PRIV_MONITOR);
		tapi_line_settings_set_app_name(settings, PROG);
		line = tapi_card_open_line(card, index, settings);
		tapi_line_settings_free(settings);
	}
	if (!line) {
		error("%s: cannot open line %u: %s", tapi_card_get_path(card),
		      index, strerror(errno));
		return -1;
	}
	n = get_calls(line, &handles);
	if (n < 0) {
		error("tapi%u:%u: cannot get the calls: %s",
		      tapi_card_get_index(card), index, strerror(errno));
		tapi_line_close(line);
		return -1;
	}
	for (k = 0; k < n; k++) {
		info = tapi_line_get_call_info(line, handles[k]);
		status = tapi_line_get_call_status(line, handles[k]);
		/* Gone between the two questions: skip it. */
		if (info && status)
			row_from_line(add_row(r), tapi_card_get_index(card),
				      info, status);
		tapi_line_call_info_free(info);
		tapi_line_call_status_free(status);
	}
	free(handles);
	tapi_line_close(line);
	return 0;
}

/* The calls of line @line (every line if < 0) of card @spec. */
static int card_rows(const char *spec, int line, struct call_rows *r)
{
	struct tapi_card *card = open_card(spec);
	unsigned int i, n;
	int ret = 0;

	if (!card)
		return -1;
	n = tapi_card_get_num_lines(card);
	if (line >= 0 && (unsigned int)line >= n) {
		error("%s: no line %d (the card has %u line%s)",
		      tapi_card_get_path(card), line, n, n == 1 ? "" : "s");
		ret = -1;
	} else if (line >= 0) {
		ret = line_rows(card, line, r);
	} else {
		for (i = 0; i < n; i++)
			if (line_rows(card, i, r))
				ret = -1;
	}
	tapi_card_close(card);
	return ret;
}

/* The calls of every card present. */
static int all_card_rows(struct call_rows *r)
{
	char **paths;
	int i, n, ret = 0;

	n = tapi_list_cards(&paths);
	if (n < 0) {
		error("cannot list tapi cards in /dev: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (card_rows(paths[i], -1, r))
			ret = -1;
	tapi_card_list_free(paths);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Through netlink                                                     */
/* ------------------------------------------------------------------ */

/*
 * The calls of card @spec (all if NULL), line @line (all if < 0).
 * Returns 0, -1 after an error (reported), or 1 when the caller must
 * fall back to the card nodes (no privilege, or no family).
 */
static int nl_rows(const char *spec, int line, struct call_rows *r)
{
	struct tapi_nl_call **calls;
	struct tapi_nl_line *l;
	struct call_row *row;
	struct tapi_nl *nl;
	int card = TAPI_NL_ALL, i, n;
	bool absent;

	nl = nl_connect(&absent);
	if (!nl)
		return absent ? 1 : -1;
	if (spec) {
		card = nl_card_index(nl, spec);
		if (card < 0) {
			tapi_nl_close(nl);
			return -1;
		}
	}
	if (line >= 0) {
		/* A dump of a line that is not there is merely empty. */
		l = tapi_nl_get_line(nl, card, line);
		if (!l && errno == ENOENT) {
			error("%s: no line %d", spec, line);
			tapi_nl_close(nl);
			return -1;
		}
		tapi_nl_line_free(l);
	}
	n = tapi_nl_dump_calls(nl, card, line, &calls);
	tapi_nl_close(nl);
	if (n < 0 && errno == EPERM)
		return 1;
	if (n < 0) {
		error("cannot list the calls: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		/* An idle call only awaits its handles' release. */
		if (tapi_nl_call_get_state(calls[i]) == TAPI_CALLSTATE_IDLE)
			continue;
		row = add_row(r);
		row->card = tapi_nl_call_get_card(calls[i]);
		row->info = *tapi_nl_call_get_info(calls[i]);
		row->state = tapi_nl_call_get_state(calls[i]);
		row->mode = tapi_nl_call_get_mode(calls[i]);
	}
	tapi_nl_call_list_free(calls);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

/* '555 "Bob"', '555', '"Bob"', or the party flags, or "-". */
static char *party_text(const struct tapi_call_party *p)
{
	uint32_t flags = p->flags;

	if (*p->number && *p->name)
		return xasprintf("%s \"%s\"", p->number, p->name);
	if (*p->number)
		return xstrdup(p->number);
	if (*p->name)
		return xasprintf("\"%s\"", p->name);
	flags &= ~(TAPI_PARTYID_NAME | TAPI_PARTYID_ADDRESS);
	return flags_to_alloc_str(TAPI_FLAGS_PARTY_ID, flags, "-");
}

static void json_name(struct json_writer *w, const char *key,
		      const char *name, uint32_t v)
{
	char hex[16];

	if (!name) {
		snprintf(hex, sizeof(hex), "0x%x", v);
		name = hex;
	}
	json_string(w, key, name);
}

void json_state_name(struct json_writer *w, const char *key, uint32_t state)
{
	json_name(w, key, tapi_call_state_str(state), state);
}

/* User-user information as hex, "68656c6c6f"; allocated. */
static char *user_user_hex(const struct tapi_call_info *ci)
{
	size_t len = ci->user_user_len, i;
	char *hex;

	if (len > sizeof(ci->user_user_info))
		len = sizeof(ci->user_user_info);
	hex = xmalloc(2 * len + 1);
	for (i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02x", ci->user_user_info[i]);
	hex[2 * len] = '\0';
	return hex;
}

/* *@s ", " @part, or @part alone; both allocated, @part taken. */
static void add_part(char **s, char *part)
{
	char *both;

	if (!*s) {
		*s = part;
		return;
	}
	both = xasprintf("%s, %s", *s, part);
	free(*s);
	free(part);
	*s = both;
}

/*
 * What the table leaves out of a call, if anything: "secure, call back
 * of completion 3, user-user info "hello"" (or as hex, when not
 * printable ASCII); NULL when there is nothing to say.  Allocated.
 */
static char *call_extras(const struct tapi_call_info *ci)
{
	const uint8_t *data = ci->user_user_info;
	size_t len = ci->user_user_len, i;
	bool text = true;
	char *s = NULL;

	if (ci->param_flags)
		add_part(&s, flags_to_alloc_str(TAPI_FLAGS_CALL_PARAM,
						ci->param_flags, ""));
	if (ci->completion_id)
		add_part(&s, xasprintf("call back of completion %" PRIu32,
				       ci->completion_id));
	if (!len || len > sizeof(ci->user_user_info))
		return s;
	for (i = 0; i < len; i++)
		if (data[i] < 0x20 || data[i] > 0x7e || data[i] == '"')
			text = false;
	if (text) {
		add_part(&s, xasprintf("user-user info \"%.*s\"", (int)len,
				       (const char *)data));
	} else {
		char *hex = user_user_hex(ci);

		add_part(&s, xasprintf("user-user info 0x%s", hex));
		free(hex);
	}
	return s;
}

void json_call_members(struct json_writer *w, unsigned int card,
		       const struct tapi_call_info *ci, uint32_t state,
		       uint32_t mode)
{
	const struct tapi_call_party *p;
	char *hex;
	int k;

	json_uint(w, "call_id", ci->call_id);
	json_uint(w, "card", card);
	json_uint(w, "line", ci->line);
	json_uint(w, "address_id", ci->address_id);
	json_state_name(w, "state", state);
	if (mode || tapi_call_mode_str(state, mode))
		json_name(w, "mode", tapi_call_mode_str(state, mode), mode);
	json_name(w, "origin", tapi_call_origin_str(ci->origin), ci->origin);
	json_name(w, "reason", tapi_call_reason_str(ci->reason), ci->reason);
	json_flags(w, "media_mode", TAPI_FLAGS_MEDIA_MODE, ci->media_mode);
	json_flags(w, "bearer_mode", TAPI_FLAGS_BEARER_MODE, ci->bearer_mode);
	json_uint(w, "related_call_id", ci->related_call_id);
	for (k = 0; k < TAPI_PARTY_NUM_KINDS; k++) {
		p = party_of(ci, k);
		json_begin_object(w, tapi_party_kind_str(k));
		json_string(w, "number", p->number);
		json_string(w, "name", p->name);
		json_flags(w, "flags", TAPI_FLAGS_PARTY_ID, p->flags);
		json_end_object(w);
	}
	json_uint(w, "num_owners", ci->num_owners);
	json_uint(w, "num_monitors", ci->num_monitors);
	json_flags(w, "param_flags", TAPI_FLAGS_CALL_PARAM, ci->param_flags);
	json_uint(w, "completion_id", ci->completion_id);
	hex = user_user_hex(ci);
	json_string(w, "user_user_info", hex);
	free(hex);
}

static void calls_json(const struct call_rows *r)
{
	struct json_writer w;
	size_t i;

	json_init(&w, stdout);
	json_begin_object(&w, NULL);
	json_begin_array(&w, "calls", false);
	for (i = 0; i < r->num; i++) {
		json_begin_object(&w, NULL);
		json_call_members(&w, r->rows[i].card, &r->rows[i].info,
				  r->rows[i].state, r->rows[i].mode);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

/* The table; with @line_column, a LINE column says where each call is. */
static void calls_text(const struct call_rows *r, bool line_column)
{
	static const char *const header[] = {
		"CALL", "LINE", "ADDRESS", "STATE", "ORIGIN", "CALLER",
		"CALLED", "CONNECTED", "OWNERS", "MONITORS",
	};
	const struct tapi_call_info *ci;
	size_t ncols = line_column ? 10 : 9, i, k;
	char *row[10], **cell, buf[64];
	struct table t;

	table_init(&t, ncols);
	for (k = 0, cell = row; k < 10; k++)
		if (k != 1 || line_column)
			*cell++ = xstrdup(header[k]);
	table_add_row(&t, row);
	for (i = 0; i < r->num; i++) {
		ci = &r->rows[i].info;
		cell = row;
		*cell++ = xasprintf("%" PRIu32, ci->call_id);
		if (line_column)
			*cell++ = xasprintf("tapi%u:%u", r->rows[i].card,
					    ci->line);
		*cell++ = xasprintf("%u", ci->address_id);
		*cell++ = xstrdup(state_text(r->rows[i].state, r->rows[i].mode,
					     buf, sizeof(buf)));
		*cell++ = tapi_call_origin_str(ci->origin) ?
			xstrdup(tapi_call_origin_str(ci->origin)) :
			xasprintf("0x%x", ci->origin);
		*cell++ = party_text(&ci->caller);
		*cell++ = party_text(&ci->called);
		*cell++ = party_text(&ci->connected);
		*cell++ = xasprintf("%u", ci->num_owners);
		*cell++ = xasprintf("%u", ci->num_monitors);
		table_add_row(&t, row);
	}
	table_print(&t, stdout, "");
	table_free(&t);
	for (i = 0, k = 0; i < r->num; i++) {
		char *extras = call_extras(&r->rows[i].info);

		if (!extras)
			continue;
		printf("%scall %" PRIu32 ": %s\n", k++ ? "" : "\n",
		       r->rows[i].info.call_id, extras);
		free(extras);
	}
}

int cmd_calls(int argc, char **argv)
{
	struct call_rows r = { 0 };
	struct common_opts opts;
	const char *arg = NULL;
	char *card = NULL;
	unsigned int index;
	int i, line = -1, ret = EXIT_FAIL, got;

	i = parse_options(argc, argv, NULL, NULL, NULL, NULL, &opts);
	if (i < 0 || i < argc) {
		if (check_args(&ret, argc, argv, i, "LINE", NULL))
			return ret;
		arg = argv[i];
	}
	if (arg && !parse_line_spec(arg, &card, &index) && index <= INT32_MAX)
		line = index;
	else if (arg)
		card = xstrdup(arg);

	got = nl_rows(card, line, &r);
	if (got > 0)
		got = card ? card_rows(card, line, &r) : all_card_rows(&r);
	free(card);
	if (got < 0)
		goto out;
	qsort(r.rows, r.num, sizeof(*r.rows), cmp_rows);

	if (opts.json)
		calls_json(&r);
	else if (r.num)
		calls_text(&r, line < 0);
	else if (arg)
		fprintf(stderr, "no calls on %s\n", arg);
	else
		fprintf(stderr, "no calls\n");
	ret = EXIT_OK;
out:
	free(r.rows);
	return ret;
}
