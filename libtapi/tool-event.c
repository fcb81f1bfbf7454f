// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tapictl: printing line events, as text or as one JSON object per line,
 * with call ids (the same for every application) instead of handles.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapictl.h"

void printer_init(struct event_printer *p, struct tapi_line *line, bool json)
{
	memset(p, 0, sizeof(*p));
	p->line = line;
	p->json = json;
}

void printer_fini(struct event_printer *p)
{
	free(p->calls);
	free(p->requests);
	memset(p, 0, sizeof(*p));
}

static struct printer_call *find_call(struct event_printer *p, uint32_t handle)
{
	size_t i;

	for (i = 0; i < p->num_calls; i++)
		if (p->calls[i].handle == handle)
			return &p->calls[i];
	return NULL;
}

void printer_set_call_id(struct event_printer *p, uint32_t handle,
			 uint32_t call_id)
{
	struct printer_call *c = find_call(p, handle);

	if (!c) {
		p->calls = realloc(p->calls,
				   (p->num_calls + 1) * sizeof(*p->calls));
		if (!p->calls) {
			fputs("out of memory\n", stderr);
			exit(EXIT_FAIL);
		}
		c = &p->calls[p->num_calls++];
		c->handle = handle;
	}
	c->call_id = call_id;
}

uint32_t printer_call_id(struct event_printer *p, uint32_t handle)
{
	struct printer_call *c = find_call(p, handle);
	struct tapi_line_call_info *info;
	uint32_t id;

	if (c)
		return c->call_id;
	if (!handle)
		return 0;
	/* A handle not seen before: ask the core once. */
	info = tapi_line_get_call_info(p->line, handle);
	if (!info)
		return 0;
	id = tapi_line_call_info_get_call_id(info);
	tapi_line_call_info_free(info);
	printer_set_call_id(p, handle, id);
	return id;
}

void printer_forget_call(struct event_printer *p, uint32_t handle)
{
	struct printer_call *c = find_call(p, handle);

	if (c)
		*c = p->calls[--p->num_calls];
}

void printer_add_request(struct event_printer *p, uint32_t id,
			 const char *what)
{
	p->requests = realloc(p->requests,
			      (p->num_requests + 1) * sizeof(*p->requests));
	if (!p->requests) {
		fputs("out of memory\n", stderr);
		exit(EXIT_FAIL);
	}
	p->requests[p->num_requests].id = id;
	p->requests[p->num_requests++].what = what;
}

/* The name of request @id, forgotten once its reply is printed. */
static const char *take_request(struct event_printer *p, uint32_t id)
{
	const char *what;
	size_t i;

	for (i = 0; i < p->num_requests; i++) {
		if (p->requests[i].id != id)
			continue;
		what = p->requests[i].what;
		p->requests[i] = p->requests[--p->num_requests];
		return what;
	}
	return NULL;
}

const char *state_text(uint32_t state, uint32_t mode, char *buf, size_t size)
{
	const char *s = tapi_call_state_str(state);
	const char *m = tapi_call_mode_str(state, mode);
	char sbuf[16];

	if (!s) {
		snprintf(sbuf, sizeof(sbuf), "0x%x", state);
		s = sbuf;
	}
	if (m)
		snprintf(buf, size, "%s (%s)", s, m);
	else if (mode)
		snprintf(buf, size, "%s (0x%x)", s, mode);
	else
		snprintf(buf, size, "%s", s);
	return buf;
}

/* A name, or the value in hex when it has none. */
static const char *name_or_hex(const char *name, uint32_t v, char *buf,
			       size_t size)
{
	if (name)
		return name;
	snprintf(buf, size, "0x%x", v);
	return buf;
}

static void print_text(const struct tapi_line_event *ev, uint32_t call_id,
		       const char *request)
{
	unsigned int type = tapi_line_event_get_type(ev);
	const char *name = tapi_event_type_str(type);
	uint32_t p0 = tapi_line_event_get_param(ev, 0);
	uint32_t p1 = tapi_line_event_get_param(ev, 1);
	uint32_t p2 = tapi_line_event_get_param(ev, 2);
	uint32_t priv = tapi_line_event_get_privilege(ev);
	char buf[64], hex[16];
	int result, i, last;
	char *s;

	if (call_id)
		printf("call %" PRIu32 ": ", call_id);
	if (name)
		fputs(name, stdout);
	else
		printf("event %u", type);

	switch (type) {
	case TAPI_EV_REPLY:
		result = tapi_line_event_get_reply_result(ev);
		if (request)
			printf(" %s", request);
		else
			printf(" #%" PRIu32,
			       tapi_line_event_get_request_id(ev));
		if (!result)
			printf(": ok");
		else if (errno_name(-result))
			printf(": %s (%s)", strerror(-result),
			       errno_name(-result));
		else
			printf(": %s", strerror(-result));
		break;
	case TAPI_EV_CALLSTATE:
		printf(" %s", state_text(p0, p1, buf, sizeof(buf)));
		if (tapi_line_event_get_conf_call_id(ev))
			printf(" (conference %" PRIu32 ")",
			       tapi_line_event_get_conf_call_id(ev));
		if (priv)
			printf(" [%s]", name_or_hex(tapi_privilege_str(priv),
						    priv, hex, sizeof(hex)));
		break;
	case TAPI_EV_NEWCALL:
		printf(" on address %" PRIu32 " [%s]", p0,
		       name_or_hex(tapi_privilege_str(p1), p1, hex,
				   sizeof(hex)));
		break;
	case TAPI_EV_CALLINFO:
		s = flags_to_alloc_str(TAPI_FLAGS_CALLINFO, p0, "-");
		printf(" %s", s);
		free(s);
		break;
	case TAPI_EV_LINEDEVSTATE:
		s = flags_to_alloc_str(TAPI_FLAGS_DEVSTATUS, p0, "-");
		printf(" %s", s);
		free(s);
		break;
	case TAPI_EV_ADDRESSSTATE:
		s = flags_to_alloc_str(TAPI_FLAGS_ADDRESS_STATE, p1, "-");
		printf(" address %" PRIu32 ": %s, ", p0, s);
		free(s);
		/* With the forwarding, param 2 is what it forwards now. */
		if (p1 & TAPI_ADDRSTATE_FORWARD) {
			s = flags_to_alloc_str(TAPI_FLAGS_FORWARD_MODE,
				tapi_line_event_get_forward_modes(ev),
				"nothing");
			printf("forwards %s", s);
			free(s);
		} else {
			printf("%" PRIu32 " call%s in use", p2,
			       p2 == 1 ? "" : "s");
		}
		break;
	case TAPI_EV_CLOSE:
		printf(" %s", name_or_hex(tapi_close_reason_str(p0), p0, hex,
					  sizeof(hex)));
		break;
	case TAPI_EV_REMOVED:
		break;
	case TAPI_EV_OVERFLOW:
		printf(": %" PRIu32 " event%s lost from #%" PRIu32, p0,
		       p0 == 1 ? "" : "s", p1);
		break;
	default:
		/* The parameters up to the last non-zero one. */
		for (last = -1, i = 0; i < TAPI_LINE_EVENT_NUM_PARAMS; i++)
			if (tapi_line_event_get_param(ev, i))
				last = i;
		for (i = 0; i <= last; i++)
			printf(" 0x%" PRIx32, tapi_line_event_get_param(ev, i));
		break;
	}
	putchar('\n');
}

static void json_name(struct json_writer *w, const char *key,
		      const char *name, uint32_t v)
{
	char hex[16];

	json_string(w, key, name_or_hex(name, v, hex, sizeof(hex)));
}

static void print_json(const struct tapi_line_event *ev, uint32_t call_id,
		       const char *request)
{
	unsigned int type = tapi_line_event_get_type(ev);
	uint32_t p0 = tapi_line_event_get_param(ev, 0);
	uint32_t p1 = tapi_line_event_get_param(ev, 1);
	uint32_t p2 = tapi_line_event_get_param(ev, 2);
	uint32_t priv = tapi_line_event_get_privilege(ev);
	struct json_writer w;
	const char *mode;
	int result, i;

	json_init(&w, stdout);
	json_begin_inline_object(&w, NULL);
	json_uint(&w, "seqno", tapi_line_event_get_seqno(ev));
	json_uint(&w, "timestamp_ns", tapi_line_event_get_timestamp_ns(ev));
	if (tapi_event_type_str(type))
		json_string(&w, "type", tapi_event_type_str(type));
	else
		json_uint(&w, "type", type);
	json_uint(&w, "line", tapi_line_event_get_line(ev));
	if (call_id)
		json_uint(&w, "call_id", call_id);

	switch (type) {
	case TAPI_EV_REPLY:
		result = tapi_line_event_get_reply_result(ev);
		json_uint(&w, "request_id", tapi_line_event_get_request_id(ev));
		if (request)
			json_string(&w, "request", request);
		json_int(&w, "result", result);
		if (result && errno_name(-result))
			json_string(&w, "error", errno_name(-result));
		break;
	case TAPI_EV_CALLSTATE:
		json_name(&w, "state", tapi_call_state_str(p0), p0);
		mode = tapi_call_mode_str(p0, p1);
		if (mode || p1)
			json_name(&w, "mode", mode, p1);
		if (tapi_line_event_get_conf_call_id(ev))
			json_uint(&w, "conf_call_id",
				  tapi_line_event_get_conf_call_id(ev));
		if (priv)
			json_name(&w, "privilege", tapi_privilege_str(priv),
				  priv);
		break;
	case TAPI_EV_NEWCALL:
		json_uint(&w, "address_id", p0);
		json_name(&w, "privilege", tapi_privilege_str(p1), p1);
		break;
	case TAPI_EV_CALLINFO:
		json_flags(&w, "fields", TAPI_FLAGS_CALLINFO, p0);
		break;
	case TAPI_EV_LINEDEVSTATE:
		json_flags(&w, "devstatus_flags", TAPI_FLAGS_DEVSTATUS, p0);
		break;
	case TAPI_EV_ADDRESSSTATE:
		json_uint(&w, "address_id", p0);
		json_flags(&w, "fields", TAPI_FLAGS_ADDRESS_STATE, p1);
		if (p1 & TAPI_ADDRSTATE_FORWARD)
			json_flags(&w, "forward_modes", TAPI_FLAGS_FORWARD_MODE,
				   tapi_line_event_get_forward_modes(ev));
		else
			json_uint(&w, "num_inuse", p2);
		break;
	case TAPI_EV_CLOSE:
		json_name(&w, "reason", tapi_close_reason_str(p0), p0);
		break;
	case TAPI_EV_REMOVED:
		break;
	case TAPI_EV_OVERFLOW:
		json_uint(&w, "lost", p0);
		json_uint(&w, "first_lost_seqno", p1);
		break;
	default:
		json_begin_array(&w, "params", true);
		for (i = 0; i < TAPI_LINE_EVENT_NUM_PARAMS; i++)
			json_uint(&w, NULL, tapi_line_event_get_param(ev, i));
		json_end_array(&w);
		break;
	}
	json_end_object(&w);
	json_finish(&w);
}

void print_event(struct event_printer *p, const struct tapi_line_event *ev)
{
	unsigned int type = tapi_line_event_get_type(ev);
	uint32_t handle = tapi_line_event_get_call(ev);
	const char *request = NULL;
	uint32_t call_id;

	if (type == TAPI_EV_NEWCALL)
		printer_set_call_id(p, handle, tapi_line_event_get_call_id(ev));
	if (type == TAPI_EV_REPLY)
		request = take_request(p, tapi_line_event_get_request_id(ev));
	call_id = printer_call_id(p, handle);

	if (p->json)
		print_json(ev, call_id, request);
	else
		print_text(ev, call_id, request);
	fflush(stdout);
}
