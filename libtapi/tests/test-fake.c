// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libtapi against fake-tapi.so (LD_PRELOAD): enumeration, opening by path,
 * node and name, snapshots, line open requests, events and status, event
 * dispatching, and calls: the requests the call functions send, the
 * replies and snapshots they decode, and their argument checks.  TAP
 * output; exit 0 when every test passed, 1 otherwise, 4 (skip) when the
 * fake is not preloaded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libtapi.h>

#include "call-helpers.h"
#include "fake-tapi.h"

#include "tap.h"

static struct fake_tapi_log *fake_log;
#define last_open (&fake_log->line_open)

static void test_list(void)
{
	char **paths = NULL;
	int n;

	n = tapi_list_cards(&paths);
	ok(n == 3, "three cards listed (%d)", n);
	if (n != 3)
		return;
	ok(streq(paths[0], "/dev/tapi0") && streq(paths[1], "/dev/tapi2") &&
	   streq(paths[2], "/dev/tapi10") && !paths[3],
	   "sorted by index, NULL-terminated, non-cards skipped");
	ok(tapi_is_card_device(paths[0]), "%s is a card", paths[0]);
	tapi_card_list_free(paths);
}

static void test_open(void)
{
	struct tapi_card *card;

	card = tapi_card_open("/dev/tapi2");
	ok(card && tapi_card_get_index(card) == 2 &&
	   streq(tapi_card_get_path(card), "/dev/tapi2"), "open by path");
	tapi_card_close(card);

	card = tapi_card_open("tapi10");
	ok(card && tapi_card_get_index(card) == 10 &&
	   streq(tapi_card_get_driver(card), "tapi_dahdi") &&
	   tapi_card_get_num_lines(card) == 0, "open by node name");
	tapi_card_close(card);

	card = tapi_card_open("sim0");
	ok(card && tapi_card_get_index(card) == 0 &&
	   streq(tapi_card_get_name(card), "sim0") &&
	   streq(tapi_card_get_path(card), "/dev/tapi0") &&
	   tapi_card_get_fd(card) >= 0, "open by card name");
	tapi_card_close(card);

	errno = 0;
	card = tapi_card_open("span1");
	ok(!card && errno == ENOTUNIQ, "ambiguous name: ENOTUNIQ");
	errno = 0;
	card = tapi_card_open("nosuch");
	ok(!card && errno == ENOENT, "unknown name: ENOENT");
	errno = 0;
	card = tapi_card_open("/dev/null");
	ok(!card && errno == ENOTTY, "/dev/null is not a card: ENOTTY");
	errno = 0;
	card = tapi_card_open("tapi7");
	ok(!card && errno == ENOENT, "no tapi7: ENOENT");
}

static void test_info(struct tapi_card *card)
{
	struct tapi_address_info *ai;
	struct tapi_core_info *ci;
	struct tapi_line_info *li;

	ci = tapi_card_get_core_info(card);
	ok(ci && tapi_core_info_get_abi_version(ci) == TAPI_ABI_VERSION &&
	   tapi_core_info_get_max_lines(ci) == TAPI_MAX_LINES &&
	   tapi_core_info_get_max_addresses(ci) == TAPI_MAX_ADDRESSES &&
	   tapi_core_info_get_max_event_queue(ci) == TAPI_EVENT_QUEUE_MAX,
	   "core info");
	ok(ci && tapi_core_info_has_feature(ci, TAPI_FEATURE_LINE_CAPS) &&
	   !tapi_core_info_has_feature(ci, TAPI_FEATURE_LINE_OPEN) &&
	   !tapi_core_info_has_feature(ci, 0) &&
	   tapi_core_info_get_features(ci) ==
	   (TAPI_FEATURE_CARD_INFO | TAPI_FEATURE_LINE_CAPS),
	   "core features");
	tapi_core_info_free(ci);

	li = tapi_card_get_line_info(card, 0);
	ok(li && tapi_line_info_get_line(li) == 0 &&
	   streq(tapi_line_info_get_name(li), "Line 0 \"front desk\"") &&
	   tapi_line_info_get_num_addresses(li) == 2 &&
	   tapi_line_info_get_max_active_calls(li) == 4 &&
	   tapi_line_info_get_media_modes(li) ==
	   (TAPI_MEDIA_INTERACTIVEVOICE | TAPI_MEDIA_AUTOMATEDVOICE) &&
	   tapi_line_info_get_string_format(li) == TAPI_STRINGFORMAT_UTF8 &&
	   tapi_line_info_get_monitor_tone_max(li) == 4,
	   "line info of line 0");
	tapi_line_info_free(li);

	errno = 0;
	li = tapi_card_get_line_info(card, 2);
	ok(!li && errno == ENOENT, "no line 2: ENOENT");

	ai = tapi_card_get_address_info(card, 0, 1);
	ok(ai && tapi_address_info_get_line(ai) == 0 &&
	   tapi_address_info_get_id(ai) == 1 &&
	   streq(tapi_address_info_get_address(ai), "1001") &&
	   tapi_address_info_get_max_calls(ai) == 1 &&
	   (tapi_address_info_get_call_features(ai) &
	    (TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_ACCEPT |
	     TAPI_CALLFEATURE_HOLD)) ==
	   (TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_HOLD) &&
	   tapi_address_info_get_transfer_modes(ai) ==
	   TAPI_TRANSFER_TRANSFER &&
	   tapi_address_info_get_max_conf_members(ai) == 2,
	   "address info of 0/1");
	tapi_address_info_free(ai);

	ai = tapi_card_get_address_info(card, 0, 0);
	ok(ai && tapi_address_info_get_transfer_modes(ai) ==
	   (TAPI_TRANSFER_TRANSFER | TAPI_TRANSFER_CONFERENCE) &&
	   tapi_address_info_get_max_conf_members(ai) == 3,
	   "address 0/0: transfer modes and conference size");
	ok(ai && tapi_address_info_get_park_modes(ai) ==
	   (TAPI_PARK_DIRECTED | TAPI_PARK_NONDIRECTED) &&
	   tapi_address_info_get_forward_modes(ai) ==
	   (TAPI_FORWARD_UNCOND | TAPI_FORWARD_BUSY | TAPI_FORWARD_NOANSWER) &&
	   tapi_address_info_get_completion_modes(ai) ==
	   (TAPI_COMPLETION_CAMPON | TAPI_COMPLETION_CALLBACK) &&
	   tapi_address_info_get_max_user_user(ai) == FAKE_MAX_USER_USER,
	   "address 0/0: park, forward and completion modes, user-user size");
	tapi_address_info_free(ai);
	ai = tapi_card_get_address_info(card, 0, 1);
	ok(ai && tapi_address_info_get_park_modes(ai) == TAPI_PARK_DIRECTED &&
	   tapi_address_info_get_forward_modes(ai) == TAPI_FORWARD_UNCOND &&
	   tapi_address_info_get_completion_modes(ai) == 0 &&
	   tapi_address_info_get_max_user_user(ai) == 0,
	   "address 0/1: directed park, unconditional forwarding only");
	tapi_address_info_free(ai);
	ai = tapi_card_get_address_info(card, 1, 0);
	ok(ai && tapi_address_info_get_transfer_modes(ai) == 0 &&
	   tapi_address_info_get_max_conf_members(ai) == 0 &&
	   tapi_address_info_get_park_modes(ai) == 0 &&
	   tapi_address_info_get_forward_modes(ai) == 0 &&
	   tapi_address_info_get_completion_modes(ai) == 0 &&
	   tapi_address_info_get_max_user_user(ai) == 0,
	   "address 1/0: no transfers, no conferences, no call services");
	tapi_address_info_free(ai);

	errno = 0;
	ai = tapi_card_get_address_info(card, 0, 2);
	ok(!ai && errno == ENOENT, "no address 0/2: ENOENT");
}

static void test_line(struct tapi_card *card)
{
	struct tapi_line_settings *s;
	struct tapi_event_buffer *buf;
	const struct tapi_line_event *ev;
	struct tapi_line_event *copy;
	struct tapi_line_status *st;
	struct tapi_line *line;
	struct timespec t0, t1;
	int ret, fl;

	line = tapi_card_open_line(card, 0, NULL);
	ok(line && last_open->privileges == TAPI_PRIV_NONE &&
	   last_open->flags == TAPI_LINE_OPEN_CLOEXEC &&
	   last_open->media_modes == 0 && last_open->event_mask == 0 &&
	   last_open->event_queue_depth == 0 && !last_open->app_name[0] &&
	   last_open->size == sizeof(*last_open),
	   "NULL settings: privilege none, close-on-exec");
	ok(line && tapi_line_get_privileges(line) == TAPI_PRIV_NONE &&
	   tapi_line_get_line(line) == 0, "line getters");
	if (line) {
		fl = fcntl(tapi_line_get_fd(line), F_GETFD);
		ok(fl >= 0 && (fl & FD_CLOEXEC), "line fd is close-on-exec");
	}
	tapi_line_close(line);

	s = tapi_line_settings_new();
	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER |
					  TAPI_PRIV_MONITOR);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_AUTOMATEDVOICE);
	tapi_line_settings_set_event_queue_depth(s, 100);
	tapi_line_settings_set_event_mask(s, 1ULL << TAPI_EV_CALLSTATE);
	tapi_line_settings_set_app_name(s, "ivr");
	tapi_line_settings_set_nonblock(s, true);
	line = tapi_card_open_line(card, 0, s);
	ok(line && last_open->line == 0 &&
	   last_open->privileges == (TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR) &&
	   last_open->media_modes == TAPI_MEDIA_AUTOMATEDVOICE &&
	   last_open->event_queue_depth == 100 &&
	   last_open->event_mask == 1ULL << TAPI_EV_CALLSTATE &&
	   last_open->flags ==
	   (TAPI_LINE_OPEN_CLOEXEC | TAPI_LINE_OPEN_NONBLOCK) &&
	   streq(last_open->app_name, "ivr") && !last_open->reserved,
	   "settings reach the request");
	ok(line && tapi_line_get_media_modes(line) ==
	   TAPI_MEDIA_AUTOMATEDVOICE, "owned media modes");

	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_G3FAX);
	errno = 0;
	ok(!tapi_card_open_line(card, 0, s) && errno == EOPNOTSUPP,
	   "a media mode the line lacks: EOPNOTSUPP");
	tapi_line_settings_set_privileges(s, TAPI_PRIV_NONE);
	errno = 0;
	ok(!tapi_card_open_line(card, 0, s) && errno == EINVAL,
	   "media modes without owner: EINVAL");
	errno = 0;
	ok(!tapi_card_open_line(card, 5, NULL) && errno == ENOENT,
	   "no line 5: ENOENT");
	tapi_line_settings_free(s);
	if (!line)
		return;

	ok(tapi_line_wait_event(line, 0) == 1, "events pending");

	buf = tapi_event_buffer_new(2);
	ret = tapi_line_read_events(line, buf, 0);
	ok(ret == 2 && tapi_event_buffer_get_num_events(buf) == 2,
	   "read fills the buffer's capacity (%d)", ret);
	ev = tapi_event_buffer_get(buf, 1);
	ok(ev && tapi_line_event_get_type(ev) == TAPI_EV_NEWCALL &&
	   tapi_line_event_get_seqno(ev) == 2 &&
	   tapi_line_event_get_call(ev) == 7 &&
	   tapi_line_event_get_line(ev) == 0 &&
	   tapi_line_event_get_timestamp_ns(ev) > 0 &&
	   tapi_line_event_get_request_id(ev) == 0,
	   "second event is NEWCALL seqno 2 call 7");
	copy = ev ? tapi_line_event_copy(ev) : NULL;

	ret = tapi_line_read_events(line, buf, 1);
	ev = tapi_event_buffer_get(buf, 0);
	ok(ret == 1 && ev && tapi_line_event_get_type(ev) == TAPI_EV_CALLSTATE &&
	   tapi_line_event_get_param(ev, 0) == 2 &&
	   tapi_line_event_get_param(ev, 1) == TAPI_OFFERINGMODE_ACTIVE &&
	   tapi_line_event_get_param(ev, 7) == 0 &&
	   tapi_line_event_get_param(ev, 8) == 0,
	   "third event is CALLSTATE with its params");
	ok(!tapi_event_buffer_get(buf, 1), "only one event in the buffer");
	ok(copy && tapi_line_event_get_seqno(copy) == 2 &&
	   tapi_line_event_get_type(copy) == TAPI_EV_NEWCALL,
	   "a copy survives the next read");
	tapi_line_event_free(copy);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = tapi_line_wait_event(line, 50000000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ok(ret == 0 && (t1.tv_sec - t0.tv_sec) * 1000000000L +
	   (t1.tv_nsec - t0.tv_nsec) >= 40000000L,
	   "wait times out after 50 ms when nothing is queued");
	errno = 0;
	ret = tapi_line_read_events(line, buf, 0);
	ok(ret == -1 && errno == EAGAIN &&
	   tapi_event_buffer_get_num_events(buf) == 0,
	   "non-blocking read of an empty queue: EAGAIN, buffer emptied");
	tapi_event_buffer_free(buf);

	st = tapi_line_get_status(line);
	ok(st && tapi_line_status_get_num_opens(st) == 1 &&
	   tapi_line_status_get_num_owners(st) == 1 &&
	   tapi_line_status_get_num_monitors(st) == 0 &&
	   tapi_line_status_get_open_media_modes(st) ==
	   TAPI_MEDIA_INTERACTIVEVOICE &&
	   tapi_line_status_get_num_active_calls(st) == 1 &&
	   tapi_line_status_get_num_onhold_calls(st) == 2 &&
	   tapi_line_status_get_num_onholdpend_calls(st) == 3 &&
	   tapi_line_status_get_features(st) == TAPI_LINEFEATURE_MAKECALL &&
	   tapi_line_status_get_flags(st) ==
	   (TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE),
	   "line status");
	tapi_line_status_free(st);

	/* The line outlives its card object. */
	tapi_card_close(card);
	st = tapi_line_get_status(line);
	ok(st != NULL, "line usable after its card is closed");
	tapi_line_status_free(st);
	tapi_line_close(line);
}

static void test_removed(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(8);
	const struct tapi_line_event *ev;
	struct tapi_line *line;
	int ret;

	setenv("FAKE_TAPI_REMOVED", "1", 1);
	line = tapi_card_open_line(card, 1, NULL);
	unsetenv("FAKE_TAPI_REMOVED");
	ok(line != NULL, "open a line whose card goes away");
	if (!line || !buf) {
		tapi_event_buffer_free(buf);
		return;
	}
	ret = tapi_line_read_events(line, buf, 0);
	ev = tapi_event_buffer_get(buf, 1);
	ok(ret == 2 && ev && tapi_line_event_get_type(ev) == TAPI_EV_REMOVED &&
	   tapi_line_event_get_line(ev) == 1,
	   "queued events are read, the last one REMOVED");
	ok(tapi_line_wait_event(line, -1) == 1,
	   "wait returns at once once the card is gone");
	errno = 0;
	ret = tapi_line_read_events(line, buf, 0);
	ok(ret == -1 && errno == ENODEV, "then reads fail with ENODEV");
	tapi_line_close(line);
	tapi_event_buffer_free(buf);
}

/* ---- calls ---- */

static void test_dispatch(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(2);
	struct seen seen = { 0 };
	struct tapi_line *line;
	int ret;

	/* A blocking line: dispatch must not block all the same. */
	line = open_voice_line(card, false);
	ok(line && buf, "open a blocking line for dispatching");
	if (!line || !buf)
		goto out;

	seen.stop_at = 1;
	ret = tapi_line_dispatch_events(line, buf, collect, &seen);
	ok(ret == 1 && seen.n == 1 &&
	   tapi_line_event_get_type(seen.ev[0]) == TAPI_EV_LINEDEVSTATE,
	   "a callback stops dispatching after its event (%d)", ret);
	seen_clear(&seen);
	ret = tapi_line_dispatch_events(line, buf, collect, &seen);
	ok(ret == 2 && seen.n == 2 &&
	   tapi_line_event_get_type(seen.ev[0]) == TAPI_EV_NEWCALL &&
	   tapi_line_event_get_seqno(seen.ev[0]) == 2 &&
	   tapi_line_event_get_type(seen.ev[1]) == TAPI_EV_CALLSTATE &&
	   tapi_line_event_get_seqno(seen.ev[1]) == 3,
	   "the next call dispatches the rest, left-over first (%d)", ret);
	ok(seen.n == 2 &&
	   tapi_line_event_get_call_id(seen.ev[0]) == FAKE_CALL_ID_A &&
	   tapi_line_event_get_address_id(seen.ev[0]) == 0 &&
	   tapi_line_event_get_privilege(seen.ev[0]) == TAPI_PRIV_OWNER &&
	   tapi_line_event_get_call_state(seen.ev[1]) ==
	   TAPI_CALLSTATE_OFFERING &&
	   tapi_line_event_get_call_mode(seen.ev[1]) ==
	   TAPI_OFFERINGMODE_ACTIVE &&
	   tapi_line_event_get_privilege(seen.ev[1]) == TAPI_PRIV_OWNER &&
	   tapi_line_event_get_call_id(seen.ev[1]) == 0 &&
	   tapi_line_event_get_address_id(seen.ev[1]) == -1 &&
	   tapi_line_event_get_reply_result(seen.ev[1]) == 0,
	   "new call and call state getters");

	ret = dispatch(line, buf, &seen);
	ok(ret == 0 && seen.n == 0,
	   "nothing pending: 0 at once, on a blocking fd");
	errno = 0;
	ok(tapi_line_dispatch_events(line, buf, NULL, NULL) == -1 &&
	   errno == EINVAL, "no callback: EINVAL");
out:
	seen_clear(&seen);
	tapi_line_close(line);
	tapi_event_buffer_free(buf);

	setenv("FAKE_TAPI_REMOVED", "1", 1);
	line = tapi_card_open_line(card, 1, NULL);
	unsetenv("FAKE_TAPI_REMOVED");
	buf = tapi_event_buffer_new(0);
	if (line && buf) {
		ret = dispatch(line, buf, &seen);
		ok(ret == 2 && tapi_line_event_get_type(seen.ev[1]) ==
		   TAPI_EV_REMOVED, "removal: the queued events first (%d)",
		   ret);
		errno = 0;
		ret = dispatch(line, buf, &seen);
		ok(ret == -1 && errno == ENODEV, "then ENODEV");
		errno = 0;
		ok(tapi_line_deallocate_call(line, 1) == -1 &&
		   errno == ENODEV, "call commands fail with ENODEV");
	}
	seen_clear(&seen);
	tapi_line_close(line);
	tapi_event_buffer_free(buf);
}

static void test_make_call(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	struct tapi_call_params *params = tapi_call_params_new();
	struct tapi_line_call_status *st;
	struct tapi_line_call_info *ci;
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t call = 0;
	int id, i, j;

	line = open_voice_line(card, true);
	ok(line && buf && params, "open line 0 quietly");
	if (!line || !buf || !params)
		goto out;
	dispatch(line, buf, &seen);

	tapi_call_params_set_address_id(params, 0);
	tapi_call_params_set_media_mode(params, TAPI_MEDIA_AUTOMATEDVOICE);
	tapi_call_params_set_bearer_mode(params, TAPI_BEARER_SPEECH);
	tapi_call_params_set_no_answer_timeout_ms(params, 30000);
	tapi_call_params_set_block_id(params, true);
	id = tapi_line_make_call(line, "1001", params, &call);
	ok(id > 0 && call >= FAKE_FIRST_HANDLE,
	   "make call: request id %d, handle %u", id, call);
	ok(fake_log->call_make.size == sizeof(struct tapi_call_make) &&
	   fake_log->call_make.flags == TAPI_CALL_MAKE_BLOCKID &&
	   fake_log->call_make.address_id == 0 &&
	   fake_log->call_make.media_mode == TAPI_MEDIA_AUTOMATEDVOICE &&
	   fake_log->call_make.bearer_mode == TAPI_BEARER_SPEECH &&
	   fake_log->call_make.no_answer_timeout_ms == 30000 &&
	   fake_log->call_make.request_id == 0 &&
	   fake_log->call_make.call == 0 &&
	   streq(fake_log->call_make.dest, "1001"),
	   "make call: the request as sent");

	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_REPLY, call, 0);
	ok(i >= 0 && tapi_line_event_get_request_id(seen.ev[i]) == (uint32_t)id
	   && tapi_line_event_get_reply_result(seen.ev[i]) == 0,
	   "make call: reply with the request id and result 0");
	j = find_event(&seen, TAPI_EV_CALLSTATE, call, 0);
	ok(j > i && tapi_line_event_get_privilege(seen.ev[j]) ==
	   TAPI_PRIV_OWNER, "then the first call state, with the privilege");
	j = seen.n - 1;
	ok(j >= 0 && tapi_line_event_get_call_state(seen.ev[j]) ==
	   TAPI_CALLSTATE_CONNECTED &&
	   tapi_line_event_get_privilege(seen.ev[j]) == 0,
	   "and last: connected, privilege unchanged (0)");

	st = tapi_line_get_call_status(line, call);
	ok(st && fake_log->call_status.size == sizeof(struct tapi_call_status)
	   && fake_log->call_status.call == call &&
	   tapi_line_call_status_get_call(st) == call &&
	   tapi_line_call_status_get_state(st) == TAPI_CALLSTATE_CONNECTED &&
	   tapi_line_call_status_get_mode(st) == TAPI_CONNECTEDMODE_ACTIVE &&
	   tapi_line_call_status_get_privilege(st) == TAPI_PRIV_OWNER &&
	   (tapi_line_call_status_get_features(st) & TAPI_CALLFEATURE_DROP) &&
	   tapi_line_call_status_get_state_ns(st) > 0, "call status");
	ci = tapi_line_get_call_info(line, call);
	ok(st && ci && tapi_line_call_status_get_call_id(st) ==
	   tapi_line_call_info_get_call_id(ci) &&
	   tapi_line_call_status_get_call_id(st) != 0,
	   "call status: the call id of call info");
	tapi_line_call_info_free(ci);
	tapi_line_call_status_free(st);

	ci = tapi_line_get_call_info(line, call);
	ok(ci && fake_log->call_info.size == sizeof(struct tapi_call_info) &&
	   fake_log->call_info.call == call &&
	   tapi_line_call_info_get_call(ci) == call &&
	   tapi_line_call_info_get_line(ci) == 0 &&
	   tapi_line_call_info_get_address_id(ci) == 0 &&
	   tapi_line_call_info_get_call_id(ci) == FAKE_FIRST_CALL_ID &&
	   tapi_line_call_info_get_related_call_id(ci) == 0 &&
	   tapi_line_call_info_get_media_mode(ci) ==
	   TAPI_MEDIA_AUTOMATEDVOICE &&
	   tapi_line_call_info_get_bearer_mode(ci) == TAPI_BEARER_SPEECH &&
	   tapi_line_call_info_get_origin(ci) == TAPI_CALLORIGIN_OUTBOUND &&
	   tapi_line_call_info_get_reason(ci) == TAPI_CALLREASON_DIRECT &&
	   tapi_line_call_info_get_num_owners(ci) == 1 &&
	   tapi_line_call_info_get_num_monitors(ci) == 0 &&
	   tapi_line_call_info_get_create_ns(ci) > 0, "call info");
	ok(ci && tapi_line_call_info_get_state_entry_ns(ci,
			TAPI_CALLSTATE_CONNECTED) >=
	   tapi_line_call_info_get_state_entry_ns(ci,
			TAPI_CALLSTATE_PROCEEDING) &&
	   tapi_line_call_info_get_state_entry_ns(ci,
			TAPI_CALLSTATE_PROCEEDING) > 0 &&
	   tapi_line_call_info_get_state_entry_ns(ci, TAPI_CALLSTATE_IDLE) ==
	   0 && tapi_line_call_info_get_state_entry_ns(ci, 0) == 0 &&
	   tapi_line_call_info_get_state_entry_ns(ci,
			TAPI_CALLSTATE_CONNECTED | TAPI_CALLSTATE_PROCEEDING)
	   == 0 && tapi_line_call_info_get_state_entry_ns(ci, 1u << 16) == 0,
	   "state entry times: by state, 0 for never and for bad states");
	ok(ci && streq(tapi_line_call_info_get_party_number(ci,
			TAPI_PARTY_CALLED), "1001") &&
	   streq(tapi_line_call_info_get_party_number(ci,
			TAPI_PARTY_CALLER), "1000") &&
	   tapi_line_call_info_get_party_flags(ci, TAPI_PARTY_CALLER) ==
	   TAPI_PARTYID_BLOCKED &&
	   streq(tapi_line_call_info_get_party_number(ci,
			TAPI_PARTY_CONNECTED), "1001") &&
	   streq(tapi_line_call_info_get_party_name(ci,
			TAPI_PARTY_REDIRECTING), "") &&
	   tapi_line_call_info_get_party_flags(ci, TAPI_PARTY_REDIRECTION) ==
	   TAPI_PARTYID_UNKNOWN, "parties");
	errno = 0;
	ok(ci && !tapi_line_call_info_get_party_number(ci,
			TAPI_PARTY_NUM_KINDS) && errno == EINVAL &&
	   !tapi_line_call_info_get_party_name(ci, (enum tapi_party_kind)-1) &&
	   tapi_line_call_info_get_party_flags(ci, TAPI_PARTY_NUM_KINDS) == 0,
	   "unknown party: NULL, EINVAL, flags 0");
	tapi_line_call_info_free(ci);

	errno = 0;
	ok(tapi_line_dial(line, call, "5") == -1 && errno == EBADFD,
	   "dial while connected: EBADFD from the core");
	ok(fake_log->call_dial.size == sizeof(struct tapi_call_dial) &&
	   fake_log->call_dial.flags == 0 && fake_log->call_dial.call == call
	   && streq(fake_log->call_dial.digits, "5"), "dial request as sent");
	errno = 0;
	ok(tapi_line_deallocate_call(line, call) == -1 && errno == EBUSY,
	   "deallocate the only owner's live call: EBUSY");

	ok(tapi_line_drop_sync(line, call) == 0, "drop, synchronously");
	ok(fake_log->call_request_cmd == TAPI_IOC_CALL_DROP &&
	   fake_log->call_request.size == sizeof(struct tapi_call_request) &&
	   fake_log->call_request.flags == TAPI_REQUEST_SYNC &&
	   fake_log->call_request.call == call, "drop request as sent");
	dispatch(line, buf, &seen);
	ok(find_event(&seen, TAPI_EV_REPLY, call, 0) < 0 &&
	   (i = find_event(&seen, TAPI_EV_CALLSTATE, call, 0)) >= 0 &&
	   tapi_line_event_get_call_state(seen.ev[i]) == TAPI_CALLSTATE_IDLE,
	   "no reply for a synchronous request; the call went idle");

	ok(tapi_line_deallocate_call(line, call) == 0 &&
	   fake_log->call_dealloc.size == sizeof(struct tapi_call_dealloc) &&
	   fake_log->call_dealloc.call == call && !fake_log->call_dealloc.flags
	   && !fake_log->call_dealloc.reserved, "deallocate the idle call");
	errno = 0;
	ok(!tapi_line_get_call_status(line, call) && errno == ENOENT,
	   "status of a deallocated handle: ENOENT");
	errno = 0;
	ok(!tapi_line_get_call_info(line, call) && errno == ENOENT,
	   "info of a deallocated handle: ENOENT");
	errno = 0;
	ok(tapi_line_deallocate_call(line, call) == -1 && errno == ENOENT,
	   "deallocate twice: ENOENT");
	errno = 0;
	ok(tapi_line_drop(line, 999) == -1 && errno == ENOENT,
	   "drop an unknown handle: ENOENT");

	/* Synchronous make call; asynchronous drop. */
	call = 0;
	ok(tapi_line_make_call_sync(line, "busy", NULL, &call) == 0 &&
	   call > 0, "make call, synchronously: handle %u", call);
	ok(fake_log->call_make.flags == TAPI_CALL_MAKE_SYNC &&
	   fake_log->call_make.media_mode == 0 &&
	   fake_log->call_make.bearer_mode == 0 &&
	   fake_log->call_make.address_id == 0,
	   "NULL params: defaults, only the sync flag");
	dispatch(line, buf, &seen);
	i = seen.n - 1;
	ok(find_event(&seen, TAPI_EV_REPLY, call, 0) < 0 && i >= 0 &&
	   tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_DISCONNECTED &&
	   tapi_line_event_get_call_mode(seen.ev[i]) ==
	   TAPI_DISCONNECTMODE_BUSY, "no reply; disconnected (busy)");
	id = tapi_line_drop(line, call);
	ok(id > 0 && fake_log->call_request.flags == 0,
	   "drop, asynchronously: request id %d", id);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_REPLY, call, 0);
	ok(i >= 0 && tapi_line_event_get_request_id(seen.ev[i]) == (uint32_t)id,
	   "drop reply");
	ok(tapi_line_deallocate_call(line, call) == 0, "deallocate");

	/* Failures: of the request, and of the ioctl. */
	call = 0;
	id = tapi_line_make_call(line, "fail", NULL, &call);
	ok(id > 0, "a call that will fail: request id %d", id);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_REPLY, call, 0);
	ok(i >= 0 && tapi_line_event_get_reply_result(seen.ev[i]) == -EIO,
	   "its reply carries -EIO");
	errno = 0;
	ok(!tapi_line_get_call_status(line, call) && errno == ENOENT,
	   "and its handle never became valid");
	errno = 0;
	ok(tapi_line_make_call_sync(line, "fail", NULL, &call) == -1 &&
	   errno == EIO, "synchronous failure: -1, errno EIO");
	errno = 0;
	ok(tapi_line_make_call(line, "full", NULL, &call) == -1 &&
	   errno == EBUSY, "no call to spare: EBUSY");
	tapi_call_params_set_address_id(params, 5);
	errno = 0;
	ok(tapi_line_make_call(line, "1", params, &call) == -1 &&
	   errno == ENOENT, "no such address: ENOENT");

	/* Dial tone, then dial. */
	ok(tapi_line_make_call_sync(line, "", NULL, &call) == 0,
	   "an empty number: dial tone");
	id = tapi_line_dial(line, call, "123#");
	ok(id > 0 && streq(fake_log->call_dial.digits, "123#"), "dial");
	ok(tapi_line_dial_sync(line, call, "4") == 0 &&
	   fake_log->call_dial.flags == TAPI_REQUEST_SYNC, "dial, sync");
	ok(tapi_line_drop_sync(line, call) == 0 &&
	   tapi_line_deallocate_call(line, call) == 0, "drop, deallocate");
out:
	seen_clear(&seen);
	tapi_call_params_free(params);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

static void test_bad_args(struct tapi_card *card)
{
	char longstr[TAPI_DIAL_LEN + 1];
	char name[TAPI_NAME_LEN + 1];
	struct tapi_line *line;
	unsigned int before;
	uint32_t call = 0, calls[1];

	line = open_voice_line(card, true);
	ok(line != NULL, "open line 0 for argument checks");
	if (!line)
		return;
	memset(longstr, '1', TAPI_DIAL_LEN);
	longstr[TAPI_DIAL_LEN] = '\0';
	memset(name, 'n', TAPI_NAME_LEN);
	name[TAPI_NAME_LEN] = '\0';

	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_make_call(line, NULL, NULL, &call) == -1 &&
	   errno == EINVAL, "make call to NULL: EINVAL");
	errno = 0;
	ok(tapi_line_make_call(line, "1", NULL, NULL) == -1 &&
	   errno == EINVAL, "make call without a place for the handle: EINVAL");
	errno = 0;
	ok(tapi_line_make_call_sync(line, longstr, NULL, &call) == -1 &&
	   errno == EINVAL, "number of %d bytes: EINVAL", TAPI_DIAL_LEN);
	errno = 0;
	ok(tapi_line_dial(line, 1, NULL) == -1 && errno == EINVAL,
	   "dial NULL: EINVAL");
	errno = 0;
	ok(tapi_line_dial_sync(line, 1, longstr) == -1 && errno == EINVAL,
	   "dial %d digits: EINVAL", TAPI_DIAL_LEN);
	errno = 0;
	ok(tapi_line_handoff(line, 1, 0, NULL) == -1 && errno == EINVAL,
	   "handoff to nobody: EINVAL");
	errno = 0;
	ok(tapi_line_handoff(line, 1, 0, "") == -1 && errno == EINVAL,
	   "handoff to '': EINVAL");
	errno = 0;
	ok(tapi_line_handoff(line, 1, TAPI_MEDIA_G3FAX, "fax") == -1 &&
	   errno == EINVAL, "handoff to a media mode and a name: EINVAL");
	errno = 0;
	ok(tapi_line_handoff(line, 1, 0, name) == -1 && errno == EINVAL,
	   "handoff to a name of %d bytes: EINVAL", TAPI_NAME_LEN);
	errno = 0;
	ok(tapi_line_get_new_calls(line, NULL, 1, TAPI_ALL_ADDRESSES,
				   NULL) == -1 && errno == EINVAL,
	   "new calls into NULL: EINVAL");
	errno = 0;
	ok(tapi_line_get_new_calls(line, calls, 1, -2, NULL) == -1 &&
	   errno == EINVAL, "new calls on address -2: EINVAL");
	ok(fake_log->line_ioctls == before,
	   "no ioctl was issued for any of these");

	/* A number of TAPI_DIAL_LEN - 1 bytes fits. */
	longstr[TAPI_DIAL_LEN - 1] = '\0';
	ok(tapi_line_make_call_sync(line, longstr, NULL, &call) == 0 &&
	   strlen(fake_log->call_make.dest) == TAPI_DIAL_LEN - 1,
	   "a number of %d bytes fits", TAPI_DIAL_LEN - 1);
	tapi_line_close(line);
}

/* Hold, swap hold, transfers. */
static void test_hold_transfer(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t a = 0, b = 0, consult = 0, conf = 99, calls[2];
	int id, i, j;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 for hold and transfer");
	if (!line || !buf)
		goto out;

	ok(tapi_line_make_call_sync(line, "2001", NULL, &a) == 0 &&
	   state_of(line, a) == TAPI_CALLSTATE_CONNECTED, "a connected call");
	ok((features_of(line, a) & (TAPI_CALLFEATURE_HOLD |
				    TAPI_CALLFEATURE_SETUPTRANSFER |
				    TAPI_CALLFEATURE_UNHOLD)) ==
	   (TAPI_CALLFEATURE_HOLD | TAPI_CALLFEATURE_SETUPTRANSFER),
	   "connected: hold and setup transfer, not unhold");
	dispatch(line, buf, &seen);
	id = tapi_line_hold(line, a);
	ok(id > 0 && fake_log->call_request_cmd == TAPI_IOC_CALL_HOLD &&
	   fake_log->call_request.size == sizeof(struct tapi_call_request) &&
	   fake_log->call_request.flags == 0 &&
	   fake_log->call_request.call == a, "hold: request id %d, as sent",
	   id);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_REPLY, a, 0);
	j = last_state(&seen, a);
	ok(i >= 0 && tapi_line_event_get_request_id(seen.ev[i]) ==
	   (uint32_t)id && tapi_line_event_get_reply_result(seen.ev[i]) == 0 &&
	   j > i && tapi_line_event_get_call_state(seen.ev[j]) ==
	   TAPI_CALLSTATE_ONHOLD, "hold: reply, then onhold");
	errno = 0;
	ok(tapi_line_hold_sync(line, a) == -1 && errno == EBADFD,
	   "hold a held call: EBADFD");
	ok(tapi_line_unhold_sync(line, a) == 0 &&
	   fake_log->call_request_cmd == TAPI_IOC_CALL_UNHOLD &&
	   fake_log->call_request.flags == TAPI_REQUEST_SYNC &&
	   state_of(line, a) == TAPI_CALLSTATE_CONNECTED,
	   "unhold, synchronously: connected");
	id = tapi_line_unhold(line, a);
	ok(id == -1 && errno == EBADFD, "unhold a connected call: EBADFD");

	/* Consultation transfer, with a swap on the way. */
	dispatch(line, buf, &seen);
	id = tapi_line_setup_transfer(line, a, &consult);
	ok(id > 0 && consult >= FAKE_FIRST_HANDLE && consult != a &&
	   fake_log->call_consult_cmd == TAPI_IOC_CALL_SETUP_TRANSFER &&
	   fake_log->call_consult.size == sizeof(struct tapi_call_consult) &&
	   fake_log->call_consult.flags == 0 &&
	   fake_log->call_consult.call == a,
	   "setup transfer: request id %d, consultation call %u", id,
	   consult);
	dispatch(line, buf, &seen);
	i = last_state(&seen, a);
	j = last_state(&seen, consult);
	ok(i >= 0 && tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_ONHOLDPENDTRANSFER && j >= 0 &&
	   tapi_line_event_get_call_state(seen.ev[j]) ==
	   TAPI_CALLSTATE_DIALTONE &&
	   tapi_line_event_get_privilege(seen.ev[j]) == TAPI_PRIV_OWNER,
	   "held pending transfer; the consultation call at dial tone, owned");
	ok(tapi_line_dial_sync(line, consult, "2002") == 0 &&
	   state_of(line, consult) == TAPI_CALLSTATE_CONNECTED,
	   "the consultation call answers");
	ok(tapi_line_swap_hold_sync(line, consult, a) == 0 &&
	   fake_log->call_pair_cmd == TAPI_IOC_CALL_SWAP_HOLD &&
	   fake_log->call_pair.size == sizeof(struct tapi_call_pair) &&
	   fake_log->call_pair.flags == TAPI_REQUEST_SYNC &&
	   fake_log->call_pair.call == consult &&
	   fake_log->call_pair.other == a &&
	   state_of(line, a) == TAPI_CALLSTATE_CONNECTED &&
	   state_of(line, consult) == TAPI_CALLSTATE_ONHOLDPENDTRANSFER,
	   "swap hold: the states exchanged");
	id = tapi_line_swap_hold(line, a, consult);
	ok(id > 0 && state_of(line, consult) == TAPI_CALLSTATE_CONNECTED,
	   "swap back, asynchronously: request id %d", id);
	errno = 0;
	ok(tapi_line_swap_hold(line, consult, consult) == -1 &&
	   errno == EINVAL, "swap a call with itself: EINVAL");
	errno = 0;
	ok(tapi_line_complete_transfer(line, a, consult, 0, NULL) == -1 &&
	   errno == EINVAL && tapi_line_complete_transfer(line, a, consult,
		TAPI_TRANSFER_VALID, &conf) == -1 && errno == EINVAL,
	   "complete transfer: not one mode, EINVAL");
	errno = 0;
	ok(tapi_line_complete_transfer(line, a, consult,
				       TAPI_TRANSFER_CONFERENCE, NULL) == -1 &&
	   errno == EINVAL, "as a conference without a place for it: EINVAL");
	dispatch(line, buf, &seen);
	ok(tapi_line_complete_transfer_sync(line, a, consult,
					    TAPI_TRANSFER_TRANSFER,
					    &conf) == 0 && conf == 0 &&
	   fake_log->complete_transfer.size ==
	   sizeof(struct tapi_call_complete_transfer) &&
	   fake_log->complete_transfer.flags == TAPI_COMPLETE_TRANSFER_SYNC &&
	   fake_log->complete_transfer.call == a &&
	   fake_log->complete_transfer.consult == consult,
	   "complete transfer: as sent, no conference call");
	dispatch(line, buf, &seen);
	i = last_state(&seen, a);
	j = last_state(&seen, consult);
	ok(i >= 0 && j >= 0 && tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_IDLE && tapi_line_event_get_call_state(seen.ev[j]) ==
	   TAPI_CALLSTATE_IDLE, "both calls went idle");
	ok(drop_dealloc(line, a) && drop_dealloc(line, consult),
	   "deallocate them");

	/* Dropping the consultation call gives the held call back. */
	ok(tapi_line_make_call_sync(line, "2001", NULL, &a) == 0 &&
	   tapi_line_setup_transfer_sync(line, a, &consult) == 0 &&
	   fake_log->call_consult.flags == TAPI_REQUEST_SYNC,
	   "setup transfer, synchronously");
	ok(drop_dealloc(line, consult) &&
	   state_of(line, a) == TAPI_CALLSTATE_CONNECTED,
	   "consultation call dropped: the call is connected again");

	/* Blind transfer. */
	dispatch(line, buf, &seen);
	id = tapi_line_blind_transfer(line, a, "busy");
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_REPLY, a, 0);
	ok(id > 0 && i >= 0 && tapi_line_event_get_reply_result(seen.ev[i]) ==
	   -EBUSY && fake_log->blind_transfer.size ==
	   sizeof(struct tapi_call_dial) &&
	   streq(fake_log->blind_transfer.digits, "busy") &&
	   fake_log->blind_transfer.call == a &&
	   state_of(line, a) == TAPI_CALLSTATE_CONNECTED,
	   "blind transfer to a busy number: reply -EBUSY, the call stays");
	errno = 0;
	ok(tapi_line_blind_transfer_sync(line, a, "nowhere") == -1 &&
	   errno == ENXIO, "to a number nobody can reach: ENXIO");
	ok(tapi_line_blind_transfer_sync(line, a, "2003") == 0 &&
	   fake_log->blind_transfer.flags == TAPI_REQUEST_SYNC &&
	   state_of(line, a) == TAPI_CALLSTATE_IDLE,
	   "blind transfer: the call goes idle");
	ok(drop_dealloc(line, a), "deallocate it");

	/* A monitor's handle. */
	ok(tapi_line_get_new_calls(line, calls, 2, 1, NULL) == 1 &&
	   (b = calls[0]) && call_id_of(line, b) == FAKE_CALL_ID_B,
	   "a monitor handle to call %d", FAKE_CALL_ID_B);
	errno = 0;
	ok(tapi_line_hold(line, b) == -1 && errno == EPERM,
	   "hold with a monitor handle: EPERM");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

/* Conferences: three-way from a transfer, setup, add, remove, the list. */
static void test_conference(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	struct tapi_conf_member m[4];
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t a = 0, c1 = 0, c2 = 0, conf = 0, conf_id, x = 0;
	unsigned int remaining = 99, before;
	int id, i, n;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 for conferences");
	if (!line || !buf)
		goto out;

	ok(tapi_line_make_call_sync(line, "2001", NULL, &a) == 0,
	   "a connected call");
	dispatch(line, buf, &seen);
	id = tapi_line_setup_conference(line, a, 3, &conf, &c1);
	ok(id > 0 && conf && c1 && conf != c1 && conf != a &&
	   fake_log->setup_conf.size == sizeof(struct tapi_call_setup_conf) &&
	   fake_log->setup_conf.flags == 0 && fake_log->setup_conf.call == a &&
	   fake_log->setup_conf.num_parties == 3,
	   "setup conference: request id %d, conference %u, consultation %u",
	   id, conf, c1);
	conf_id = call_id_of(line, conf);
	dispatch(line, buf, &seen);
	i = last_state(&seen, a);
	ok(i >= 0 && tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_CONFERENCED && conf_id &&
	   tapi_line_event_get_conf_call_id(seen.ev[i]) == conf_id,
	   "the call is conferenced; the event names conference %u", conf_id);
	i = last_state(&seen, conf);
	ok(i >= 0 && tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_ONHOLDPENDCONF &&
	   tapi_line_event_get_conf_call_id(seen.ev[i]) == 0 &&
	   state_of(line, c1) == TAPI_CALLSTATE_DIALTONE,
	   "conference call onholdpendconf, consultation call at dial tone");
	ok(tapi_line_dial_sync(line, c1, "2002") == 0 &&
	   tapi_line_add_to_conference_sync(line, conf, c1) == 0 &&
	   fake_log->call_pair_cmd == TAPI_IOC_CALL_ADD_TO_CONF &&
	   fake_log->call_pair.call == conf && fake_log->call_pair.other == c1
	   && state_of(line, c1) == TAPI_CALLSTATE_CONFERENCED &&
	   state_of(line, conf) == TAPI_CALLSTATE_CONNECTED,
	   "add to conference: member conferenced, conference connected");

	n = tapi_line_get_conf_related_calls(line, c1, m, 4, &remaining);
	ok(n == 3 && remaining == 0 && m[0].call_id == conf_id &&
	   m[0].handle == conf && m[0].state == TAPI_CALLSTATE_CONNECTED &&
	   m[1].handle == a && m[2].handle == c1 &&
	   m[2].state == TAPI_CALLSTATE_CONFERENCED &&
	   fake_log->conf_related.size == sizeof(struct tapi_conf_related) &&
	   fake_log->conf_related.call == c1 &&
	   fake_log->conf_related.capacity == 4 &&
	   fake_log->conf_related.members == (uintptr_t)m,
	   "conference related calls: %d, the conference call first", n);
	n = tapi_line_get_conf_related_calls(line, conf, m, 1, &remaining);
	ok(n == 1 && remaining == 2 && m[0].handle == conf,
	   "room for one: the rest counted as remaining");
	ok(tapi_line_get_conf_related_calls(line, conf, NULL, 0, NULL) == 0,
	   "capacity 0 only counts");
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_get_conf_related_calls(line, conf, NULL, 1, NULL) == -1 &&
	   errno == EINVAL && fake_log->line_ioctls == before,
	   "NULL array with a capacity: EINVAL, no ioctl");

	id = tapi_line_prepare_add_to_conference(line, conf, &c2);
	ok(id > 0 && c2 && fake_log->call_consult_cmd ==
	   TAPI_IOC_CALL_PREPARE_ADD_CONF && fake_log->call_consult.call == conf
	   && state_of(line, conf) == TAPI_CALLSTATE_ONHOLDPENDCONF &&
	   state_of(line, c2) == TAPI_CALLSTATE_DIALTONE,
	   "prepare add: conference held, consultation call %u", c2);
	ok(tapi_line_dial_sync(line, c2, "2003") == 0 &&
	   tapi_line_add_to_conference(line, conf, c2) > 0 &&
	   state_of(line, conf) == TAPI_CALLSTATE_CONNECTED, "third member");
	errno = 0;
	ok(tapi_line_prepare_add_to_conference_sync(line, conf, &x) == -1 &&
	   errno == ENOSPC && x == 0, "a full conference: ENOSPC");

	ok(tapi_line_remove_from_conference_sync(line, c2) == 0 &&
	   fake_log->call_request_cmd == TAPI_IOC_CALL_REMOVE_FROM_CONF &&
	   fake_log->call_request.call == c2 &&
	   state_of(line, c2) == TAPI_CALLSTATE_ONHOLD,
	   "remove from conference: the member is held");
	ok(drop_dealloc(line, c2), "drop it");
	ok(tapi_line_remove_from_conference(line, a) > 0,
	   "remove another member");
	errno = 0;
	ok(tapi_line_remove_from_conference(line, c1) == -1 &&
	   errno == EBADFD, "the last member cannot be removed: EBADFD");
	ok(drop_dealloc(line, a), "drop the removed member");
	ok(drop_dealloc(line, c1) && state_of(line, conf) ==
	   TAPI_CALLSTATE_IDLE, "the last member gone: the conference is idle");
	ok(tapi_line_get_conf_related_calls(line, conf, m, 4, NULL) == 1 &&
	   m[0].state == TAPI_CALLSTATE_IDLE, "an idle conference: itself");
	ok(drop_dealloc(line, conf), "deallocate the conference call");
	ok(tapi_line_make_call_sync(line, "2006", NULL, &a) == 0,
	   "a two-party call");
	errno = 0;
	ok(tapi_line_get_conf_related_calls(line, a, m, 4, NULL) == -1 &&
	   errno == EINVAL, "not in a conference: EINVAL");
	ok(drop_dealloc(line, a), "drop it");

	/* A transfer completed as a conference; dropping the conference. */
	ok(tapi_line_make_call_sync(line, "2004", NULL, &a) == 0 &&
	   tapi_line_setup_transfer_sync(line, a, &c1) == 0 &&
	   tapi_line_dial_sync(line, c1, "2005") == 0,
	   "a consultation call, answered");
	conf = 0;
	dispatch(line, buf, &seen);
	id = tapi_line_complete_transfer(line, a, c1,
					 TAPI_TRANSFER_CONFERENCE, &conf);
	ok(id > 0 && conf && fake_log->complete_transfer.flags ==
	   TAPI_COMPLETE_TRANSFER_CONFERENCE,
	   "complete transfer as a conference: conference call %u", conf);
	conf_id = call_id_of(line, conf);
	dispatch(line, buf, &seen);
	i = last_state(&seen, c1);
	ok(i >= 0 && tapi_line_event_get_conf_call_id(seen.ev[i]) == conf_id &&
	   state_of(line, a) == TAPI_CALLSTATE_CONFERENCED &&
	   state_of(line, conf) == TAPI_CALLSTATE_CONNECTED,
	   "both calls conferenced, the conference connected");
	ok(tapi_line_drop_sync(line, conf) == 0 &&
	   state_of(line, a) == TAPI_CALLSTATE_IDLE &&
	   state_of(line, c1) == TAPI_CALLSTATE_IDLE,
	   "dropping the conference call drops every member");
	ok(drop_dealloc(line, a) && drop_dealloc(line, c1) &&
	   drop_dealloc(line, conf), "deallocate them");

	/* Arguments the library refuses. */
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_setup_conference(line, a, 0, NULL, &c1) == -1 &&
	   errno == EINVAL, "setup conference without a place: EINVAL");
	errno = 0;
	ok(tapi_line_setup_transfer_sync(line, a, NULL) == -1 &&
	   errno == EINVAL, "setup transfer without a place: EINVAL");
	errno = 0;
	ok(tapi_line_prepare_add_to_conference(line, a, NULL) == -1 &&
	   errno == EINVAL, "prepare add without a place: EINVAL");
	errno = 0;
	ok(tapi_line_blind_transfer(line, a, NULL) == -1 && errno == EINVAL,
	   "blind transfer to NULL: EINVAL");
	ok(fake_log->line_ioctls == before, "no ioctl for any of these");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

static void test_inbound(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	struct tapi_line_address_status *as;
	struct tapi_line_call_status *st;
	struct tapi_line_call_info *ci;
	struct seen seen = { 0 };
	struct tapi_line *line;
	unsigned int remaining = 99, k;
	uint32_t calls[4], a = 0, b = 0;
	char name[TAPI_NAME_LEN];
	int n, i;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 quietly, for inbound calls");
	if (!line || !buf)
		goto out;

	n = tapi_line_get_new_calls(line, NULL, 0, TAPI_ALL_ADDRESSES,
				    &remaining);
	ok(n == 0 && remaining == 2 &&
	   fake_log->new_calls.size == sizeof(struct tapi_line_new_calls) &&
	   fake_log->new_calls.flags == 0 && fake_log->new_calls.capacity == 0,
	   "capacity 0 counts: 2 calls");
	n = tapi_line_get_new_calls(line, calls, 4, 1, &remaining);
	ok(n == 1 && remaining == 0 &&
	   fake_log->new_calls.flags == TAPI_NEW_CALLS_ADDRESS &&
	   fake_log->new_calls.address_id == 1 &&
	   fake_log->new_calls.handles == (uintptr_t)calls,
	   "address 1 only: one call");
	b = n == 1 ? calls[0] : 0;
	n = tapi_line_get_new_calls(line, calls, 4, TAPI_ALL_ADDRESSES, NULL);
	ok(n == 1, "the whole line: the other one");
	a = n == 1 ? calls[0] : 0;
	n = tapi_line_get_new_calls(line, calls, 4, TAPI_ALL_ADDRESSES,
				    &remaining);
	ok(n == 0 && remaining == 0, "then none is new");
	errno = 0;
	ok(tapi_line_get_new_calls(line, calls, 4, 2, NULL) == -1 &&
	   errno == ENOENT, "no address 2: ENOENT");

	ci = tapi_line_get_call_info(line, a);
	ok(ci && tapi_line_call_info_get_call_id(ci) == FAKE_CALL_ID_A &&
	   tapi_line_call_info_get_origin(ci) == TAPI_CALLORIGIN_EXTERNAL &&
	   streq(tapi_line_call_info_get_party_number(ci, TAPI_PARTY_CALLER),
		 "555") &&
	   streq(tapi_line_call_info_get_party_name(ci, TAPI_PARTY_CALLER),
		 "Bob") &&
	   tapi_line_call_info_get_party_flags(ci, TAPI_PARTY_CALLER) ==
	   (TAPI_PARTYID_ADDRESS | TAPI_PARTYID_NAME) &&
	   tapi_line_call_info_get_num_monitors(ci) == 1,
	   "the offered call's info");
	ok(ci && tapi_line_call_info_get_param_flags(ci) == 0 &&
	   tapi_line_call_info_get_completion_id(ci) == 0 &&
	   tapi_line_call_info_get_user_user_len(ci) == 0 &&
	   tapi_line_call_info_get_user_user_info(ci) != NULL,
	   "not secure, no completion, no user-user information");
	tapi_line_call_info_free(ci);
	ci = tapi_line_get_call_info(line, b);
	ok(ci && tapi_line_call_info_get_param_flags(ci) ==
	   TAPI_CALLPARAM_SECURE &&
	   tapi_line_call_info_get_user_user_len(ci) ==
	   strlen(FAKE_USER_USER_B) &&
	   !memcmp(tapi_line_call_info_get_user_user_info(ci),
		   FAKE_USER_USER_B, strlen(FAKE_USER_USER_B)),
	   "the connected call: secure, with the far end's user-user info");
	tapi_line_call_info_free(ci);

	st = tapi_line_get_call_status(line, a);
	ok(st && tapi_line_call_status_get_privilege(st) == TAPI_PRIV_MONITOR
	   && tapi_line_call_status_get_features(st) == 0 &&
	   tapi_line_call_status_get_state(st) == TAPI_CALLSTATE_OFFERING,
	   "a monitor handle: no call features");
	tapi_line_call_status_free(st);
	errno = 0;
	ok(tapi_line_answer(line, a) == -1 && errno == EPERM,
	   "answer as a monitor: EPERM");
	errno = 0;
	ok(tapi_line_accept(line, b) == -1 && errno == EOPNOTSUPP,
	   "accept on an address that cannot: EOPNOTSUPP");

	errno = 0;
	ok(tapi_line_set_call_privilege(line, a, TAPI_PRIV_NONE) == -1 &&
	   errno == EINVAL, "privilege none: EINVAL from the core");
	ok(tapi_line_set_call_privilege(line, a, TAPI_PRIV_OWNER) == 0 &&
	   fake_log->call_privilege.size ==
	   sizeof(struct tapi_call_privilege) &&
	   fake_log->call_privilege.call == a &&
	   fake_log->call_privilege.privilege == TAPI_PRIV_OWNER,
	   "become owner");
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_CALLSTATE, a, 0);
	ok(find_event(&seen, TAPI_EV_CALLINFO, a, 0) >= 0 && i >= 0 &&
	   tapi_line_event_get_privilege(seen.ev[i]) == TAPI_PRIV_OWNER,
	   "call info and call state with the new privilege");

	errno = 0;
	ok(tapi_line_handoff(line, a, 0, "ivr") == -1 && errno == ESRCH &&
	   fake_log->call_handoff.size == sizeof(struct tapi_call_handoff) &&
	   fake_log->call_handoff.call == a &&
	   fake_log->call_handoff.media_mode == 0 &&
	   streq(fake_log->call_handoff.app_name, "ivr"),
	   "handoff by name: the request, and ESRCH");
	memset(name, 'n', TAPI_NAME_LEN - 1);
	name[TAPI_NAME_LEN - 1] = '\0';
	errno = 0;
	ok(tapi_line_handoff(line, a, 0, name) == -1 && errno == ESRCH,
	   "a name of %d bytes fits", TAPI_NAME_LEN - 1);
	errno = 0;
	ok(tapi_line_handoff(line, a, TAPI_MEDIA_AUTOMATEDVOICE, NULL) == -1 &&
	   errno == ESRCH && fake_log->call_handoff.media_mode ==
	   TAPI_MEDIA_AUTOMATEDVOICE && !fake_log->call_handoff.app_name[0],
	   "handoff by media mode: the request, and ESRCH");

	ok(tapi_line_accept_sync(line, a) == 0 &&
	   fake_log->call_request_cmd == TAPI_IOC_CALL_ACCEPT,
	   "accept, synchronously");
	n = tapi_line_answer(line, a);
	ok(n > 0 && fake_log->call_request_cmd == TAPI_IOC_CALL_ANSWER &&
	   fake_log->call_request.flags == 0, "answer: request id %d", n);
	st = tapi_line_get_call_status(line, a);
	ok(st && tapi_line_call_status_get_state(st) ==
	   TAPI_CALLSTATE_CONNECTED, "connected");
	tapi_line_call_status_free(st);
	errno = 0;
	ok(tapi_line_answer_sync(line, a) == -1 && errno == EBADFD,
	   "answer again: EBADFD");

	as = tapi_line_get_address_status(line, 0);
	ok(as && fake_log->address_status.size ==
	   sizeof(struct tapi_address_status) &&
	   fake_log->address_status.address_id == 0 &&
	   tapi_line_address_status_get_address_id(as) == 0 &&
	   tapi_line_address_status_get_num_inuse(as) == 1 &&
	   tapi_line_address_status_get_num_active_calls(as) == 1 &&
	   tapi_line_address_status_get_num_onhold_calls(as) == 0 &&
	   tapi_line_address_status_get_num_onholdpend_calls(as) == 0 &&
	   tapi_line_address_status_get_features(as) ==
	   (TAPI_ADDRFEATURE_MAKECALL | TAPI_ADDRFEATURE_PICKUP |
	    TAPI_ADDRFEATURE_UNPARK | TAPI_ADDRFEATURE_FORWARD),
	   "address 0 status");
	ok(as && tapi_line_address_status_get_num_forward(as) == 0 &&
	   tapi_line_address_status_get_forward_no_answer_ms(as) == 0 &&
	   tapi_line_address_status_get_forward_mode(as, 0) == 0,
	   "address 0 does not forward");
	errno = 0;
	ok(as && !tapi_line_address_status_get_forward_dest(as, 0) &&
	   errno == EINVAL, "no forwarding entry 0: NULL, EINVAL");
	tapi_line_address_status_free(as);
	as = tapi_line_get_address_status(line, 1);
	ok(as && tapi_line_address_status_get_num_inuse(as) == 1 &&
	   tapi_line_address_status_get_features(as) ==
	   TAPI_ADDRFEATURE_FORWARD,
	   "address 1 is full: no makecall, forward still");
	tapi_line_address_status_free(as);
	errno = 0;
	ok(!tapi_line_get_address_status(line, 2) && errno == ENOENT,
	   "no address 2: ENOENT");

	/* A monitor's handle to a live call can go. */
	ok(tapi_line_deallocate_call(line, b) == 0,
	   "deallocate a monitor handle");
	n = tapi_line_get_new_calls(line, calls, 4, TAPI_ALL_ADDRESSES, NULL);
	ok(n == 1, "the call is new again");

	dispatch(line, buf, &seen);
	ok(tapi_line_set_event_mask(line, 1ULL << TAPI_EV_CALLSTATE) == 0 &&
	   fake_log->event_mask.size == sizeof(struct tapi_line_event_mask) &&
	   fake_log->event_mask.event_mask == 1ULL << TAPI_EV_CALLSTATE,
	   "set the event mask");
	ok(tapi_line_drop(line, a) > 0, "drop, asynchronously");
	dispatch(line, buf, &seen);
	for (k = 0, i = 0; k < seen.n; k++) {
		unsigned int type = tapi_line_event_get_type(seen.ev[k]);

		if (type != TAPI_EV_CALLSTATE && type != TAPI_EV_REPLY)
			i = -1;
	}
	ok(seen.n == 2 && i == 0, "masked: only the reply and call states");
	errno = 0;
	ok(tapi_line_set_event_mask(line, 1ULL << 63) == -1 &&
	   errno == EOPNOTSUPP, "an unknown event type: EOPNOTSUPP");

	ok(tapi_line_set_priority(line, TAPI_MEDIA_INTERACTIVEVOICE, 5) == 0 &&
	   fake_log->priority.size == sizeof(struct tapi_line_priority) &&
	   fake_log->priority.media_modes == TAPI_MEDIA_INTERACTIVEVOICE &&
	   fake_log->priority.priority == 5, "set the priority");
	errno = 0;
	ok(tapi_line_set_priority(line, TAPI_MEDIA_G3FAX, 5) == -1 &&
	   errno == EINVAL, "priority for a media mode not owned: EINVAL");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

int main(void)
{
	struct tapi_card *card;

	printf("TAP version 13\n");
	fake_log = dlsym(RTLD_DEFAULT, "fake_tapi_log");
	if (!fake_log)
		return tap_skip_all("fake-tapi.so is not preloaded");

	test_list();
	test_open();
	card = tapi_card_open("tapi0");
	ok(card != NULL, "open tapi0");
	if (card) {
		test_info(card);
		test_removed(card);
		test_dispatch(card);
		test_make_call(card);
		test_bad_args(card);
		test_hold_transfer(card);
		test_conference(card);
		test_inbound(card);
		test_line(card);	/* closes the card */
	}
	return tap_done();
}
