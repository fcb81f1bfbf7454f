// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl monitor and calls: watch a line's events, list its calls.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/* Open LINE (CARD:N) as a monitor; NULL with *@status set if not. */
static struct tapi_line *open_monitor(const char *cmd, const char *arg,
				      int *status)
{
	struct tapi_line_settings *settings;
	struct tapi_line *line;
	unsigned int index;
	char *card;

	if (parse_line_spec(arg, &card, &index)) {
		*status = usage_error(cmd, "'%s' is not a line: use CARD:N",
				      arg);
		return NULL;
	}
	*status = EXIT_FAIL;
	settings = tapi_line_settings_new();
	if (!settings) {
		error("%s", strerror(errno));
		free(card);
		return NULL;
	}
	tapi_line_settings_set_privileges(settings, TAPI_PRIV_MONITOR);
	tapi_line_settings_set_app_name(settings, PROG);
	line = open_line(card, index, settings);
	tapi_line_settings_free(settings);
	free(card);
	return line;
}

/*
 * Monitor handles to the calls already on the line (a line fd gets the
 * later ones by itself).  Returns the number in *@handles (allocated), or
 * -1 with errno set.
 */
static int get_calls(struct tapi_line *line, uint32_t **handles)
{
	unsigned int remaining;
	uint32_t *h = NULL, *tmp;
	size_t num = 0;
	int n, err;

	do {
		tmp = realloc(h, (num + 16) * sizeof(*h));
		if (!tmp) {
			free(h);
			errno = ENOMEM;
			return -1;
		}
		h = tmp;
		n = tapi_line_get_new_calls(line, h + num, 16,
					    TAPI_ALL_ADDRESSES, &remaining);
		if (n < 0) {
			err = errno;
			free(h);
			errno = err;
			return -1;
		}
		num += n;
	} while (remaining);
	*handles = h;
	return num;
}

/* ------------------------------------------------------------------ */
/* tapictl monitor                                                     */
/* ------------------------------------------------------------------ */

struct monitor {
	struct tapi_line *line;
	struct event_printer pr;
	unsigned int count;	/* events still to print; 0: no limit */
	bool limited;
	bool closed;
};

static int monitor_event(const struct tapi_line_event *ev, void *data)
{
	struct monitor *m = data;
	unsigned int type = tapi_line_event_get_type(ev);
	uint32_t handle = tapi_line_event_get_call(ev);

	print_event(&m->pr, ev);
	/* An idle call only awaits deallocation: do not collect handles. */
	if (type == TAPI_EV_CALLSTATE &&
	    tapi_line_event_get_call_state(ev) == TAPI_CALLSTATE_IDLE) {
		tapi_line_deallocate_call(m->line, handle);
		printer_forget_call(&m->pr, handle);
	}
	if (type == TAPI_EV_REMOVED)
		m->closed = true;
	if (m->limited && !--m->count)
		return 1;
	return 0;
}

static int monitor_option(int c, const char *arg, void *data)
{
	struct monitor *m = data;

	if (c == 'n' && !parse_uint(arg, &m->count) && m->count) {
		m->limited = true;
		return 0;
	}
	usage_error("monitor", "invalid argument '%s' of '--count'", arg);
	return -1;
}

int cmd_monitor(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "count",	required_argument, NULL, 'n' },
		{ NULL,		0,		   NULL, 0 },
	};
	struct monitor m = { 0 };
	struct common_opts opts;
	struct event_loop loop;
	uint32_t *handles;
	int i, k, n, ret = EXIT_OK;
	bool done = false;

	i = parse_options(argc, argv, "n:", longopts, monitor_option, &m,
			  &opts);
	if (check_args(&ret, argc, argv, i, "LINE", NULL))
		return ret;
	m.line = open_monitor(argv[0], argv[i], &ret);
	if (!m.line)
		return ret;
	ret = EXIT_OK;
	printer_init(&m.pr, m.line, opts.json);
	if (loop_init(&loop, m.line)) {
		ret = EXIT_FAIL;
		goto out;
	}

	/*
	 * Handles to the calls already there, so that we hear of them.  A
	 * card already gone (ENODEV) still has its last events to read.
	 */
	n = get_calls(m.line, &handles);
	if (n < 0 && errno != ENODEV) {
		error("%s: cannot get the calls: %s", argv[i],
		      strerror(errno));
		ret = EXIT_FAIL;
		goto out_loop;
	}
	for (k = 0; k < n; k++)
		printer_call_id(&m.pr, handles[k]);
	if (n >= 0)
		free(handles);

	while (!done) {
		switch (loop_wait(&loop, -1)) {
		case LOOP_ERROR:
			ret = EXIT_FAIL;
			done = true;
			break;
		case LOOP_SIGNAL:
			done = true;
			break;
		case LOOP_TIMEOUT:
			break;
		case LOOP_EVENTS:
			n = tapi_line_dispatch_events(m.line, loop.buffer,
						      monitor_event, &m);
			if (n < 0) {
				if (errno != ENODEV || !m.closed)
					error("%s: %s", argv[i],
					      errno == ENODEV ?
					      "the card was removed" :
					      strerror(errno));
				ret = EXIT_FAIL;
				done = true;
			} else if (m.limited && !m.count) {
				done = true;
			}
			break;
		}
	}
out_loop:
	loop_fini(&loop);
out:
	printer_fini(&m.pr);
	tapi_line_close(m.line);
	return ret;
}

/* ------------------------------------------------------------------ */
/* tapictl calls                                                       */
/* ------------------------------------------------------------------ */

struct call_row {
	struct tapi_line_call_info *info;
	struct tapi_line_call_status *status;
};

static int cmp_rows(const void *a, const void *b)
{
	uint32_t x = tapi_line_call_info_get_call_id(
		((const struct call_row *)a)->info);
	uint32_t y = tapi_line_call_info_get_call_id(
		((const struct call_row *)b)->info);

	return (x > y) - (x < y);
}

/* Our own monitor handle is not one of the call's monitors to show. */
static unsigned int other_monitors(const struct call_row *r)
{
	unsigned int n = tapi_line_call_info_get_num_monitors(r->info);

	if (tapi_line_call_status_get_privilege(r->status) ==
	    TAPI_PRIV_MONITOR && n)
		n--;
	return n;
}

/* '555 "Bob"', '555', '"Bob"', or the party flags, or "-". */
static char *party_text(const struct tapi_line_call_info *info,
			enum tapi_party_kind kind)
{
	const char *number = tapi_line_call_info_get_party_number(info, kind);
	const char *name = tapi_line_call_info_get_party_name(info, kind);
	uint32_t flags = tapi_line_call_info_get_party_flags(info, kind);

	if (*number && *name)
		return xasprintf("%s \"%s\"", number, name);
	if (*number)
		return xstrdup(number);
	if (*name)
		return xasprintf("\"%s\"", name);
	flags &= ~(TAPI_PARTYID_NAME | TAPI_PARTYID_ADDRESS);
	return flags_to_alloc_str(TAPI_FLAGS_PARTY_ID, flags, "-");
}

static void json_party(struct json_writer *w,
		       const struct tapi_line_call_info *info,
		       enum tapi_party_kind kind)
{
	json_begin_object(w, tapi_party_kind_str(kind));
	json_string(w, "number",
		    tapi_line_call_info_get_party_number(info, kind));
	json_string(w, "name", tapi_line_call_info_get_party_name(info, kind));
	json_flags(w, "flags", TAPI_FLAGS_PARTY_ID,
		   tapi_line_call_info_get_party_flags(info, kind));
	json_end_object(w);
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

/* User-user information as hex, "68656c6c6f"; allocated. */
static char *user_user_hex(const struct tapi_line_call_info *info)
{
	const uint8_t *data = tapi_line_call_info_get_user_user_info(info);
	size_t len = tapi_line_call_info_get_user_user_len(info), i;
	char *hex = xmalloc(2 * len + 1);

	for (i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02x", data[i]);
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
static char *call_extras(const struct tapi_line_call_info *info)
{
	const uint8_t *data = tapi_line_call_info_get_user_user_info(info);
	size_t len = tapi_line_call_info_get_user_user_len(info), i;
	uint32_t params = tapi_line_call_info_get_param_flags(info);
	uint32_t completion = tapi_line_call_info_get_completion_id(info);
	bool text = true;
	char *s = NULL;

	if (params)
		add_part(&s, flags_to_alloc_str(TAPI_FLAGS_CALL_PARAM, params,
						""));
	if (completion)
		add_part(&s, xasprintf("call back of completion %" PRIu32,
				       completion));
	if (!len)
		return s;
	for (i = 0; i < len; i++)
		if (data[i] < 0x20 || data[i] > 0x7e || data[i] == '"')
			text = false;
	if (text) {
		add_part(&s, xasprintf("user-user info \"%.*s\"", (int)len,
				       (const char *)data));
	} else {
		char *hex = user_user_hex(info);

		add_part(&s, xasprintf("user-user info 0x%s", hex));
		free(hex);
	}
	return s;
}

static void calls_json(const struct call_row *rows, int n)
{
	const struct tapi_line_call_info *ci;
	struct json_writer w;
	uint32_t state, mode;
	char *hex;
	int i, k;

	json_init(&w, stdout);
	json_begin_object(&w, NULL);
	json_begin_array(&w, "calls", false);
	for (i = 0; i < n; i++) {
		ci = rows[i].info;
		state = tapi_line_call_status_get_state(rows[i].status);
		mode = tapi_line_call_status_get_mode(rows[i].status);
		json_begin_object(&w, NULL);
		json_uint(&w, "call_id", tapi_line_call_info_get_call_id(ci));
		json_uint(&w, "address_id",
			  tapi_line_call_info_get_address_id(ci));
		json_name(&w, "state", tapi_call_state_str(state), state);
		if (mode || tapi_call_mode_str(state, mode))
			json_name(&w, "mode", tapi_call_mode_str(state, mode),
				  mode);
		json_name(&w, "origin", tapi_call_origin_str(
				tapi_line_call_info_get_origin(ci)),
			  tapi_line_call_info_get_origin(ci));
		json_name(&w, "reason", tapi_call_reason_str(
				tapi_line_call_info_get_reason(ci)),
			  tapi_line_call_info_get_reason(ci));
		json_flags(&w, "media_mode", TAPI_FLAGS_MEDIA_MODE,
			   tapi_line_call_info_get_media_mode(ci));
		json_flags(&w, "bearer_mode", TAPI_FLAGS_BEARER_MODE,
			   tapi_line_call_info_get_bearer_mode(ci));
		json_uint(&w, "related_call_id",
			  tapi_line_call_info_get_related_call_id(ci));
		for (k = 0; k < TAPI_PARTY_NUM_KINDS; k++)
			json_party(&w, ci, k);
		json_uint(&w, "num_owners",
			  tapi_line_call_info_get_num_owners(ci));
		json_uint(&w, "num_monitors", other_monitors(&rows[i]));
		json_flags(&w, "param_flags", TAPI_FLAGS_CALL_PARAM,
			   tapi_line_call_info_get_param_flags(ci));
		json_uint(&w, "completion_id",
			  tapi_line_call_info_get_completion_id(ci));
		hex = user_user_hex(ci);
		json_string(&w, "user_user_info", hex);
		free(hex);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

static void calls_text(const struct call_row *rows, int n)
{
	static const char *const header[] = {
		"CALL", "ADDRESS", "STATE", "ORIGIN", "CALLER", "CALLED",
		"CONNECTED", "OWNERS", "MONITORS",
	};
	const struct tapi_line_call_info *ci;
	char *row[9], buf[64];
	struct table t;
	uint32_t origin;
	int i, k;

	table_init(&t, 9);
	for (k = 0; k < 9; k++)
		row[k] = xstrdup(header[k]);
	table_add_row(&t, row);
	for (i = 0; i < n; i++) {
		ci = rows[i].info;
		origin = tapi_line_call_info_get_origin(ci);
		row[0] = xasprintf("%" PRIu32,
				   tapi_line_call_info_get_call_id(ci));
		row[1] = xasprintf("%u",
				   tapi_line_call_info_get_address_id(ci));
		row[2] = xstrdup(state_text(
			tapi_line_call_status_get_state(rows[i].status),
			tapi_line_call_status_get_mode(rows[i].status),
			buf, sizeof(buf)));
		row[3] = tapi_call_origin_str(origin) ?
			xstrdup(tapi_call_origin_str(origin)) :
			xasprintf("0x%x", origin);
		row[4] = party_text(ci, TAPI_PARTY_CALLER);
		row[5] = party_text(ci, TAPI_PARTY_CALLED);
		row[6] = party_text(ci, TAPI_PARTY_CONNECTED);
		row[7] = xasprintf("%u",
				   tapi_line_call_info_get_num_owners(ci));
		row[8] = xasprintf("%u", other_monitors(&rows[i]));
		table_add_row(&t, row);
	}
	table_print(&t, stdout, "");
	table_free(&t);
	for (i = 0, k = 0; i < n; i++) {
		char *extras = call_extras(rows[i].info);

		if (!extras)
			continue;
		printf("%scall %" PRIu32 ": %s\n", k++ ? "" : "\n",
		       tapi_line_call_info_get_call_id(rows[i].info), extras);
		free(extras);
	}
}

int cmd_calls(int argc, char **argv)
{
	struct call_row *rows = NULL;
	struct common_opts opts;
	struct tapi_line *line;
	uint32_t *handles;
	int i, k, n, num = 0, ret = EXIT_FAIL;

	i = parse_options(argc, argv, NULL, NULL, NULL, NULL, &opts);
	if (check_args(&ret, argc, argv, i, "LINE", NULL))
		return ret;
	line = open_monitor(argv[0], argv[i], &ret);
	if (!line)
		return ret;
	ret = EXIT_FAIL;
	n = get_calls(line, &handles);
	if (n < 0) {
		error("%s: cannot get the calls: %s", argv[i],
		      strerror(errno));
		goto out;
	}

	rows = xcalloc(n, sizeof(*rows));
	for (k = 0; k < n; k++) {
		rows[num].info = tapi_line_get_call_info(line, handles[k]);
		rows[num].status = tapi_line_get_call_status(line, handles[k]);
		if (rows[num].info && rows[num].status) {
			num++;
			continue;
		}
		/* Gone between the two questions: skip it. */
		tapi_line_call_info_free(rows[num].info);
		tapi_line_call_status_free(rows[num].status);
	}
	free(handles);
	qsort(rows, num, sizeof(*rows), cmp_rows);

	if (opts.json)
		calls_json(rows, num);
	else if (num)
		calls_text(rows, num);
	else
		fprintf(stderr, "no calls on %s\n", argv[i]);
	ret = EXIT_OK;

	for (k = 0; k < num; k++) {
		tapi_line_call_info_free(rows[k].info);
		tapi_line_call_status_free(rows[k].status);
	}
	free(rows);
out:
	tapi_line_close(line);
	return ret;
}
