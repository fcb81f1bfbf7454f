// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl call and drop: place a call and follow it until it ends, or drop
 * a call by its id.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

/* ------------------------------------------------------------------ */
/* tapictl call                                                        */
/* ------------------------------------------------------------------ */

int cmd_call(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "address",	  required_argument, NULL, 'a' },
		{ "media",	  required_argument, NULL, 'm' },
		{ "timeout",	  required_argument, NULL, 't' },
		{ "hangup-after", required_argument, NULL, OPT_HANGUP_AFTER },
		{ NULL,		  0,		     NULL, 0 },
	};
	struct call_opts o = {
		.cmd = argv[0],
		.media_mode = TAPI_MEDIA_INTERACTIVEVOICE,
		.hangup_after = -1,
	};
	struct tapi_call_params *params;
	struct common_opts opts;
	struct tapi_line *line;
	struct session s;
	unsigned int index;
	const char *number;
	char *card;
	uint32_t call;
	int i, id, ret;

	i = parse_options(argc, argv, "a:m:t:", longopts, call_option, &o,
			  &opts);
	if (check_args(&ret, argc, argv, i, "LINE", "NUMBER", NULL))
		return ret;
	number = argv[i + 1];
	if (!*number)
		return usage_error(argv[0], "NUMBER is empty");
	if (strlen(number) >= TAPI_DIAL_LEN)
		return usage_error(argv[0], "NUMBER is longer than %d bytes",
				   TAPI_DIAL_LEN - 1);
	if (parse_line_arg(argv[0], argv[i], &card, &index))
		return EXIT_USAGE;

	line = open_owner_line(card, index, TAPI_PRIV_OWNER |
			       TAPI_PRIV_MONITOR, o.media_mode);
	free(card);
	if (!line)
		return EXIT_FAIL;
	params = tapi_call_params_new();
	if (!params || session_init(&s, line, opts.json, o.hangup_after)) {
		tapi_call_params_free(params);
		tapi_line_close(line);
		return EXIT_FAIL;
	}
	tapi_call_params_set_address_id(params, o.address_id);
	tapi_call_params_set_media_mode(params, o.media_mode);
	tapi_call_params_set_no_answer_timeout_ms(params, o.timeout_s * 1000);

	id = tapi_line_make_call(line, number, params, &call);
	tapi_call_params_free(params);
	if (id < 0) {
		error("%s: cannot place a call to '%s': %s", argv[i], number,
		      strerror(errno));
		ret = EXIT_FAIL;
	} else {
		s.call = call;
		session_expect_call(&s, id, "makecall", "place the call");
		ret = session_run(&s);
	}
	session_fini(&s);
	tapi_line_close(line);
	return ret;
}

/* ------------------------------------------------------------------ */
/* tapictl drop                                                        */
/* ------------------------------------------------------------------ */

uint32_t find_call_id(struct tapi_line *line, uint32_t call_id)
{
	struct tapi_line_call_info *info;
	unsigned int remaining, k;
	uint32_t handles[16], found = 0;
	int n;

	do {
		n = tapi_line_get_new_calls(line, handles, 16,
					    TAPI_ALL_ADDRESSES, &remaining);
		if (n < 0)
			return 0;
		for (k = 0; k < (unsigned int)n; k++) {
			info = tapi_line_get_call_info(line, handles[k]);
			if (!found && info &&
			    tapi_line_call_info_get_call_id(info) == call_id)
				found = handles[k];
			else
				tapi_line_deallocate_call(line, handles[k]);
			tapi_line_call_info_free(info);
		}
	} while (remaining);
	errno = ENOENT;
	return found;
}

int cmd_drop(int argc, char **argv)
{
	struct tapi_line_call_status *st;
	struct common_opts opts;
	struct tapi_line *line;
	struct json_writer w;
	unsigned int index, call_id;
	uint32_t call, state = 0;
	char *card, buf[64];
	int i, ret = EXIT_FAIL;

	i = parse_options(argc, argv, NULL, NULL, NULL, NULL, &opts);
	if (check_args(&ret, argc, argv, i, "LINE", "ID", NULL))
		return ret;
	if (parse_uint(argv[i + 1], &call_id) || !call_id)
		return usage_error(argv[0], "'%s' is not a call id",
				   argv[i + 1]);
	if (parse_line_arg(argv[0], argv[i], &card, &index))
		return EXIT_USAGE;

	line = open_owner_line(card, index, TAPI_PRIV_MONITOR, 0);
	free(card);
	if (!line)
		return EXIT_FAIL;

	call = find_call_id(line, call_id);
	if (!call) {
		if (errno == ENOENT)
			error("%s: no call %u", argv[i], call_id);
		else
			error("%s: cannot get the calls: %s", argv[i],
			      strerror(errno));
		goto out;
	}
	if (tapi_line_set_call_privilege(line, call, TAPI_PRIV_OWNER)) {
		error("call %u: cannot become owner: %s", call_id,
		      strerror(errno));
		goto out;
	}
	if (tapi_line_drop_sync(line, call)) {
		error("call %u: cannot drop: %s", call_id, strerror(errno));
		goto out;
	}
	st = tapi_line_get_call_status(line, call);
	if (st) {
		state = tapi_line_call_status_get_state(st);
		state_text(state, tapi_line_call_status_get_mode(st), buf,
			   sizeof(buf));
		tapi_line_call_status_free(st);
	} else {
		snprintf(buf, sizeof(buf), "?");
	}
	if (tapi_line_deallocate_call(line, call))
		error("call %u: cannot deallocate: %s", call_id,
		      strerror(errno));

	if (opts.json) {
		json_init(&w, stdout);
		json_begin_object(&w, NULL);
		json_uint(&w, "call_id", call_id);
		json_bool(&w, "dropped", true);
		if (tapi_call_state_str(state))
			json_string(&w, "state", tapi_call_state_str(state));
		json_end_object(&w);
		json_finish(&w);
	} else {
		printf("call %u: dropped, %s\n", call_id, buf);
	}
	ret = EXIT_OK;
out:
	tapi_line_close(line);
	return ret;
}
