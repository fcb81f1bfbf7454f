// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl monitor: watch a line's events, or with no line (tool-netlink.c)
 * every card's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

struct tapi_line *open_monitor(const char *cmd, const char *arg,
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

int get_calls(struct tapi_line *line, uint32_t **handles)
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

/* tapictl monitor without LINE: every card, through netlink. */
static int monitor_all(bool json, unsigned int count)
{
	struct tapi_nl *nl;
	bool absent;
	int ret;

	nl = nl_connect(&absent);
	if (!nl) {
		if (absent)
			error("no generic netlink family '%s' (is tapi.ko "
			      "loaded?): name a LINE to watch it",
			      TAPI_GENL_NAME);
		return EXIT_FAIL;
	}
	ret = nl_monitor(nl, json, count);
	tapi_nl_close(nl);
	return ret;
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
	if (i >= 0 && i == argc)
		return monitor_all(opts.json, m.limited ? m.count : 0);
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
