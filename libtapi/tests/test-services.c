// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libtapi's call services against fake-tapi.so (LD_PRELOAD): forwarding
 * lists, redirect, pickup, park, unpark, forward, secure call, user-user
 * information and call completion.  For each: the request as the library
 * sends it, the outcome and the events it brings, the call or completion
 * it hands back, and each refusal, whether the library's (before any
 * ioctl) or the core's.  TAP output; exit 0 when every test passed, 1
 * otherwise, 4 (skip) when the fake is not preloaded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libtapi.h>

#include "call-helpers.h"
#include "fake-tapi.h"

#include "tap.h"

static struct fake_tapi_log *fake_log;

/* The reply to request @id in @seen: its result, or 1 if there is none. */
static int reply_of(const struct seen *seen, uint32_t call, int id)
{
	int i;

	for (i = 0; (i = find_event(seen, TAPI_EV_REPLY, call, i)) >= 0; i++)
		if (tapi_line_event_get_request_id(seen->ev[i]) == (uint32_t)id)
			return tapi_line_event_get_reply_result(seen->ev[i]);
	return 1;
}

/* A connected call placed from address 0, or 0. */
static uint32_t connected_call(struct tapi_line *line, const char *number)
{
	uint32_t call = 0;

	if (tapi_line_make_call_sync(line, number, NULL, &call))
		return 0;
	return call;
}

/* A handle to call @call_id of the line, with @privilege; 0 if none. */
static uint32_t handle_to(struct tapi_line *line, uint32_t call_id,
			  uint32_t privilege)
{
	uint32_t calls[8], found = 0;
	int n, k;

	n = tapi_line_get_new_calls(line, calls, 8, TAPI_ALL_ADDRESSES, NULL);
	for (k = 0; k < n; k++) {
		if (!found && call_id_of(line, calls[k]) == call_id)
			found = calls[k];
		else
			tapi_line_deallocate_call(line, calls[k]);
	}
	if (found && privilege == TAPI_PRIV_OWNER &&
	    tapi_line_set_call_privilege(line, found, TAPI_PRIV_OWNER))
		return 0;
	return found;
}

static const char *party(struct tapi_line *line, uint32_t call,
			 enum tapi_party_kind kind, char *buf)
{
	struct tapi_line_call_info *ci = tapi_line_get_call_info(line, call);

	snprintf(buf, TAPI_DIAL_LEN, "%s", ci ?
		 tapi_line_call_info_get_party_number(ci, kind) : "?");
	tapi_line_call_info_free(ci);
	return buf;
}

static uint32_t reason_of(struct tapi_line *line, uint32_t call)
{
	struct tapi_line_call_info *ci = tapi_line_get_call_info(line, call);
	uint32_t reason = ci ? tapi_line_call_info_get_reason(ci) : 0;

	tapi_line_call_info_free(ci);
	return reason;
}

static void test_forward_list(void)
{
	struct tapi_forward_list *l = tapi_forward_list_new();
	char longstr[TAPI_DIAL_LEN + 1];

	ok(l && tapi_forward_list_get_num_entries(l) == 0 &&
	   tapi_forward_list_get_no_answer_ms(l) == 0 &&
	   tapi_forward_list_get_mode(l, 0) == 0,
	   "a new forwarding list is empty");
	if (!l)
		return;
	ok(!tapi_forward_list_set(l, TAPI_FORWARD_NOANSWER, "2003") &&
	   !tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "2001") &&
	   !tapi_forward_list_set(l, TAPI_FORWARD_BUSY, "2002") &&
	   tapi_forward_list_get_num_entries(l) == 3 &&
	   tapi_forward_list_get_mode(l, 0) == TAPI_FORWARD_UNCOND &&
	   streq(tapi_forward_list_get_dest(l, 0), "2001") &&
	   tapi_forward_list_get_mode(l, 1) == TAPI_FORWARD_BUSY &&
	   streq(tapi_forward_list_get_dest(l, 1), "2002") &&
	   tapi_forward_list_get_mode(l, 2) == TAPI_FORWARD_NOANSWER &&
	   streq(tapi_forward_list_get_dest(l, 2), "2003"),
	   "three entries, in the order of their mode bits");
	ok(!tapi_forward_list_set(l, TAPI_FORWARD_BUSY, "2009") &&
	   tapi_forward_list_get_num_entries(l) == 3 &&
	   streq(tapi_forward_list_get_dest(l, 1), "2009"),
	   "a mode set again replaces its entry");

	memset(longstr, '1', TAPI_DIAL_LEN);
	longstr[TAPI_DIAL_LEN] = '\0';
	errno = 0;
	ok(tapi_forward_list_set(l, 0, "1") == -1 && errno == EINVAL &&
	   tapi_forward_list_set(l, TAPI_FORWARD_UNCOND | TAPI_FORWARD_BUSY,
				 "1") == -1 &&
	   tapi_forward_list_set(l, 1u << 3, "1") == -1,
	   "not one defined mode: EINVAL");
	errno = 0;
	ok(tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, NULL) == -1 &&
	   errno == EINVAL &&
	   tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "") == -1 &&
	   tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, longstr) == -1 &&
	   streq(tapi_forward_list_get_dest(l, 0), "2001"),
	   "no number, an empty one, one too long: EINVAL, entry kept");
	ok(!tapi_forward_list_set_no_answer_ms(l, TAPI_FORWARD_NO_ANSWER_MS_MAX)
	   && tapi_forward_list_get_no_answer_ms(l) ==
	   TAPI_FORWARD_NO_ANSWER_MS_MAX, "no-answer time at its most");
	errno = 0;
	ok(tapi_forward_list_set_no_answer_ms(l,
			TAPI_FORWARD_NO_ANSWER_MS_MAX + 1) == -1 &&
	   errno == EINVAL && tapi_forward_list_get_no_answer_ms(l) ==
	   TAPI_FORWARD_NO_ANSWER_MS_MAX, "a longer one: EINVAL, time kept");
	errno = 0;
	ok(!tapi_forward_list_get_dest(l, 3) && errno == EINVAL &&
	   tapi_forward_list_get_mode(l, 3) == 0, "no entry 3");
	tapi_forward_list_reset(l);
	ok(tapi_forward_list_get_num_entries(l) == 0 &&
	   tapi_forward_list_get_no_answer_ms(l) == 0 &&
	   !tapi_forward_list_get_dest(l, 0), "reset empties it");
	tapi_forward_list_free(l);
	tapi_forward_list_free(NULL);
}

/* Forwarding already in force: the address status and the event. */
static void test_forward_status(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	struct tapi_line_address_status *as;
	struct seen seen = { 0 };
	struct tapi_line *line;
	int i;

	setenv("FAKE_TAPI_FORWARD", "1", 1);
	line = open_voice_line(card, true);
	unsetenv("FAKE_TAPI_FORWARD");
	ok(line && buf, "open line 0, forwarded");
	if (!line || !buf)
		goto out;
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_ADDRESSSTATE, 0, 0);
	ok(i >= 0 && tapi_line_event_get_address_id(seen.ev[i]) == 0 &&
	   tapi_line_event_get_param(seen.ev[i], 1) == TAPI_ADDRSTATE_FORWARD &&
	   tapi_line_event_get_forward_modes(seen.ev[i]) ==
	   (TAPI_FORWARD_BUSY | TAPI_FORWARD_NOANSWER),
	   "address state event: forward, busy and noanswer");
	ok(tapi_line_event_get_forward_modes(seen.ev[0]) == 0,
	   "other events have no forward modes");

	as = tapi_line_get_address_status(line, 0);
	ok(as && tapi_line_address_status_get_num_forward(as) == 2 &&
	   tapi_line_address_status_get_forward_no_answer_ms(as) ==
	   FAKE_FWD_NO_ANSWER_MS &&
	   tapi_line_address_status_get_forward_mode(as, 0) ==
	   TAPI_FORWARD_BUSY &&
	   streq(tapi_line_address_status_get_forward_dest(as, 0),
		 FAKE_FWD_BUSY) &&
	   tapi_line_address_status_get_forward_mode(as, 1) ==
	   TAPI_FORWARD_NOANSWER &&
	   streq(tapi_line_address_status_get_forward_dest(as, 1),
		 FAKE_FWD_NOANSWER) &&
	   tapi_line_address_status_get_forward_mode(as, 2) == 0 &&
	   !tapi_line_address_status_get_forward_dest(as, 2),
	   "address 0 forwards: busy to %s, noanswer to %s after %d ms",
	   FAKE_FWD_BUSY, FAKE_FWD_NOANSWER, FAKE_FWD_NO_ANSWER_MS);
	tapi_line_address_status_free(as);
	as = tapi_line_get_address_status(line, 1);
	ok(as && tapi_line_address_status_get_num_forward(as) == 0,
	   "address 1 does not");
	tapi_line_address_status_free(as);
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

static void test_redirect(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	char longstr[TAPI_DIAL_LEN + 1];
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t a = FAKE_HANDLE_A, b, c;
	unsigned int before;
	int id, i;

	/* Call A is offered to this line, which owns it. */
	line = open_voice_line(card, false);
	ok(line && buf, "open line 0 for redirect");
	if (!line || !buf)
		goto out;
	dispatch(line, buf, &seen);
	ok((features_of(line, a) & TAPI_CALLFEATURE_REDIRECT) &&
	   state_of(line, a) == TAPI_CALLSTATE_OFFERING,
	   "an offered call can be redirected");

	id = tapi_line_redirect(line, a, "busy");
	dispatch(line, buf, &seen);
	ok(id > 0 && fake_log->redirect.size == sizeof(struct tapi_call_dial) &&
	   fake_log->redirect.flags == 0 && fake_log->redirect.call == a &&
	   streq(fake_log->redirect.digits, "busy") &&
	   reply_of(&seen, a, id) == -EBUSY &&
	   state_of(line, a) == TAPI_CALLSTATE_OFFERING,
	   "redirect to a busy number: reply -EBUSY, still offered");
	errno = 0;
	ok(tapi_line_redirect_sync(line, a, "nowhere") == -1 &&
	   errno == ENXIO && fake_log->redirect.flags == TAPI_REQUEST_SYNC &&
	   state_of(line, a) == TAPI_CALLSTATE_OFFERING,
	   "to a number nobody can reach: ENXIO, still offered");

	memset(longstr, '1', TAPI_DIAL_LEN);
	longstr[TAPI_DIAL_LEN] = '\0';
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_redirect(line, a, NULL) == -1 && errno == EINVAL &&
	   tapi_line_redirect_sync(line, a, longstr) == -1 &&
	   errno == EINVAL && fake_log->line_ioctls == before,
	   "no number, one too long: EINVAL, no ioctl");
	errno = 0;
	ok(tapi_line_redirect(line, a, "") == -1 && errno == EINVAL &&
	   fake_log->line_ioctls == before + 1,
	   "an empty one: the core's EINVAL");
	errno = 0;
	ok(tapi_line_redirect(line, 999, "2003") == -1 && errno == ENOENT,
	   "no such handle: ENOENT");

	c = connected_call(line, "2001");
	errno = 0;
	ok(c && tapi_line_redirect(line, c, "2003") == -1 && errno == EBADFD,
	   "a connected call cannot be redirected: EBADFD");
	ok(drop_dealloc(line, c), "drop it");
	b = handle_to(line, FAKE_CALL_ID_B, TAPI_PRIV_MONITOR);
	errno = 0;
	ok(b && tapi_line_redirect(line, b, "2003") == -1 &&
	   errno == EOPNOTSUPP, "on address 1, which cannot: EOPNOTSUPP");

	ok(tapi_line_redirect_sync(line, a, "2003") == 0 &&
	   state_of(line, a) == TAPI_CALLSTATE_IDLE,
	   "redirect: the call goes idle here");
	dispatch(line, buf, &seen);
	i = last_state(&seen, a);
	ok(i >= 0 && tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_IDLE, "and says so");
	ok(drop_dealloc(line, a), "deallocate it");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);

	/* A monitor's handle to an offered call. */
	line = open_voice_line(card, true);
	a = line ? handle_to(line, FAKE_CALL_ID_A, TAPI_PRIV_MONITOR) : 0;
	errno = 0;
	ok(a && tapi_line_redirect(line, a, "2003") == -1 && errno == EPERM,
	   "redirect with a monitor handle: EPERM");
	tapi_line_close(line);
}

static void test_pickup(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	char longstr[TAPI_DIAL_LEN + 1], num[TAPI_DIAL_LEN];
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t c = 0, d = 0;
	unsigned int before;
	int id, i, j;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 for pickup");
	if (!line || !buf)
		goto out;
	dispatch(line, buf, &seen);

	id = tapi_line_pickup(line, 0, FAKE_PICKUP_DEST, NULL, &c);
	ok(id > 0 && c >= FAKE_FIRST_HANDLE &&
	   fake_log->pickup_cmd == TAPI_IOC_LINE_PICKUP &&
	   fake_log->pickup.size == sizeof(struct tapi_line_pickup) &&
	   fake_log->pickup.flags == 0 && fake_log->pickup.address_id == 0 &&
	   fake_log->pickup.call == 0 && fake_log->pickup.reserved == 0 &&
	   streq(fake_log->pickup.dest, FAKE_PICKUP_DEST) &&
	   !fake_log->pickup.group[0],
	   "directed pickup: request id %d, call %u, as sent", id, c);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_REPLY, c, 0);
	j = last_state(&seen, c);
	ok(i >= 0 && reply_of(&seen, c, id) == 0 && j > i &&
	   tapi_line_event_get_call_state(seen.ev[j]) ==
	   TAPI_CALLSTATE_CONNECTED &&
	   tapi_line_event_get_privilege(seen.ev[j]) == TAPI_PRIV_OWNER,
	   "the reply, then the call connected, owned");
	ok(reason_of(line, c) == TAPI_CALLREASON_PICKUP &&
	   streq(party(line, c, TAPI_PARTY_CALLER, num), FAKE_PICKUP_CALLER),
	   "reason pickup, the picked call's caller");
	errno = 0;
	ok(tapi_line_pickup(line, 0, FAKE_PICKUP_DEST, NULL, &d) == -1 &&
	   errno == EBUSY && d == 0,
	   "no call to spare on the address: EBUSY, no handle");
	ok(drop_dealloc(line, c), "drop the picked call");

	c = 0;
	ok(tapi_line_pickup_sync(line, 0, NULL, FAKE_PICKUP_GROUP, &c) == 0 &&
	   c && fake_log->pickup.flags == TAPI_REQUEST_SYNC &&
	   !fake_log->pickup.dest[0] &&
	   streq(fake_log->pickup.group, FAKE_PICKUP_GROUP) &&
	   state_of(line, c) == TAPI_CALLSTATE_CONNECTED,
	   "group pickup, synchronously: connected");
	ok(drop_dealloc(line, c), "drop it");
	c = 0;
	ok(tapi_line_pickup_sync(line, 0, "", "", &c) == 0 && c &&
	   !fake_log->pickup.group[0],
	   "the address's own group");
	ok(drop_dealloc(line, c), "drop it");

	c = 0;
	id = tapi_line_pickup(line, 0, "2009", NULL, &c);
	dispatch(line, buf, &seen);
	errno = 0;
	ok(id > 0 && c && reply_of(&seen, c, id) == -ESRCH &&
	   !tapi_line_get_call_status(line, c) && errno == ENOENT,
	   "nothing alerts there: reply -ESRCH, the handle never valid");
	errno = 0;
	ok(tapi_line_pickup_sync(line, 0, NULL, "7", &c) == -1 &&
	   errno == ESRCH, "nothing alerts in group 7: ESRCH");
	errno = 0;
	ok(tapi_line_pickup_sync(line, 0, "nowhere", NULL, &c) == -1 &&
	   errno == ENXIO, "a number the card does not know: ENXIO");

	memset(longstr, '1', TAPI_DIAL_LEN);
	longstr[TAPI_DIAL_LEN] = '\0';
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_pickup(line, 0, FAKE_PICKUP_DEST, NULL, NULL) == -1 &&
	   errno == EINVAL && tapi_line_pickup(line, 0, longstr, NULL,
					       &c) == -1 && errno == EINVAL &&
	   tapi_line_pickup(line, 0, NULL, longstr, &c) == -1 &&
	   errno == EINVAL && fake_log->line_ioctls == before,
	   "no place for the handle, a string too long: EINVAL, no ioctl");
	errno = 0;
	ok(tapi_line_pickup(line, 0, FAKE_PICKUP_DEST, FAKE_PICKUP_GROUP,
			    &c) == -1 && errno == EINVAL,
	   "a number and a group: the core's EINVAL");
	errno = 0;
	ok(tapi_line_pickup(line, 5, FAKE_PICKUP_DEST, NULL, &c) == -1 &&
	   errno == ENOENT, "no address 5: ENOENT");
	errno = 0;
	ok(tapi_line_pickup(line, 1, FAKE_PICKUP_DEST, NULL, &c) == -1 &&
	   errno == EOPNOTSUPP, "address 1 cannot pick up: EOPNOTSUPP");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

static void test_park(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	char where[TAPI_DIAL_LEN], num[TAPI_DIAL_LEN];
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t a, b, c, d = 0;
	unsigned int before;
	int id, i;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 for park and unpark");
	if (!line || !buf)
		goto out;

	c = connected_call(line, "2001");
	ok(c && (features_of(line, c) & TAPI_CALLFEATURE_PARK),
	   "a connected call can be parked");
	memset(where, 'x', sizeof(where));
	ok(tapi_line_park_sync(line, c, TAPI_PARK_DIRECTED, "72", where,
			       sizeof(where)) == 0 &&
	   fake_log->park.size == sizeof(struct tapi_call_park) &&
	   fake_log->park.flags == TAPI_REQUEST_SYNC &&
	   fake_log->park.call == c &&
	   fake_log->park.mode == TAPI_PARK_DIRECTED &&
	   !fake_log->park.reserved && streq(fake_log->park.dest, "72") &&
	   streq(where, "72") && state_of(line, c) == TAPI_CALLSTATE_IDLE,
	   "directed park at 72: as sent, parked there, the call idle");
	ok(streq(party(line, c, TAPI_PARTY_REDIRECTION, num), "72"),
	   "its redirection party names the park address");
	ok(drop_dealloc(line, c), "deallocate it");

	c = connected_call(line, "2004");
	ok(c && tapi_line_park_sync(line, c, TAPI_PARK_NONDIRECTED, NULL,
				    where, sizeof(where)) == 0 &&
	   !fake_log->park.dest[0] &&
	   fake_log->park.mode == TAPI_PARK_NONDIRECTED &&
	   streq(where, FAKE_PARK_FREE),
	   "non-directed park: the switch picked %s", where);
	ok(drop_dealloc(line, c), "deallocate it");

	c = connected_call(line, "2005");
	dispatch(line, buf, &seen);
	id = tapi_line_park(line, c, TAPI_PARK_DIRECTED, FAKE_PARK_TAKEN);
	dispatch(line, buf, &seen);
	ok(id > 0 && fake_log->park.flags == 0 &&
	   reply_of(&seen, c, id) == -EBUSY &&
	   state_of(line, c) == TAPI_CALLSTATE_CONNECTED,
	   "park at a taken address: reply -EBUSY, still connected");
	errno = 0;
	ok(tapi_line_park_sync(line, c, TAPI_PARK_DIRECTED, "1234", NULL,
			       0) == -1 && errno == ENXIO,
	   "park at a number that is no park address: ENXIO");
	ok(tapi_line_park_sync(line, c, TAPI_PARK_DIRECTED, "73", NULL,
			       0) == 0 && drop_dealloc(line, c),
	   "park at 73, the last one free, without asking where");
	c = connected_call(line, "2006");
	errno = 0;
	ok(c && tapi_line_park_sync(line, c, TAPI_PARK_NONDIRECTED, NULL, NULL,
				    0) == -1 && errno == EBUSY,
	   "no park address free: EBUSY");

	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_park_sync(line, c, TAPI_PARK_DIRECTED, "73", where,
			       TAPI_DIAL_LEN - 1) == -1 && errno == EINVAL &&
	   fake_log->line_ioctls == before,
	   "no room for the park address: EINVAL, no ioctl");
	errno = 0;
	ok(tapi_line_park(line, c, 0, "73") == -1 && errno == EINVAL &&
	   tapi_line_park(line, c, TAPI_PARK_VALID, "73") == -1 &&
	   errno == EINVAL, "not one mode: EINVAL");
	errno = 0;
	ok(tapi_line_park(line, c, TAPI_PARK_DIRECTED, "") == -1 &&
	   errno == EINVAL && tapi_line_park(line, c, TAPI_PARK_NONDIRECTED,
					     "73") == -1 && errno == EINVAL,
	   "directed without a number, non-directed with one: EINVAL");
	errno = 0;
	ok(tapi_line_park(line, 999, TAPI_PARK_DIRECTED, "73") == -1 &&
	   errno == ENOENT, "no such handle: ENOENT");

	/* Unpark what was parked. */
	dispatch(line, buf, &seen);
	ok(drop_dealloc(line, c), "drop the connected call");
	id = tapi_line_unpark(line, 0, "72", &d);
	ok(id > 0 && d && fake_log->pickup_cmd == TAPI_IOC_LINE_UNPARK &&
	   fake_log->pickup.size == sizeof(struct tapi_line_pickup) &&
	   streq(fake_log->pickup.dest, "72") && !fake_log->pickup.group[0] &&
	   fake_log->pickup.address_id == 0,
	   "unpark 72: request id %d, call %u, as sent", id, d);
	dispatch(line, buf, &seen);
	i = last_state(&seen, d);
	ok(reply_of(&seen, d, id) == 0 && i >= 0 &&
	   tapi_line_event_get_call_state(seen.ev[i]) ==
	   TAPI_CALLSTATE_CONNECTED && reason_of(line, d) ==
	   TAPI_CALLREASON_UNPARK &&
	   streq(party(line, d, TAPI_PARTY_CALLER, num), "2001"),
	   "the parked party is back, reason unpark");
	ok(drop_dealloc(line, d), "drop it");
	d = 0;
	ok(tapi_line_unpark_sync(line, 0, FAKE_PARK_TAKEN, &d) == 0 && d &&
	   fake_log->pickup.flags == TAPI_REQUEST_SYNC &&
	   streq(party(line, d, TAPI_PARTY_CALLER, num), FAKE_PARKED_PARTY),
	   "unpark, synchronously, the party parked before the line opened");
	ok(drop_dealloc(line, d), "drop it");
	errno = 0;
	ok(tapi_line_unpark_sync(line, 0, FAKE_PARK_TAKEN, &d) == -1 &&
	   errno == ESRCH, "nothing parked there any more: ESRCH");
	errno = 0;
	ok(tapi_line_unpark_sync(line, 0, "1234", &d) == -1 && errno == ENXIO,
	   "a number that is no park address: ENXIO");
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_unpark(line, 0, NULL, &d) == -1 && errno == EINVAL &&
	   tapi_line_unpark(line, 0, "73", NULL) == -1 && errno == EINVAL &&
	   fake_log->line_ioctls == before,
	   "no park address, no place for the handle: EINVAL, no ioctl");
	errno = 0;
	ok(tapi_line_unpark(line, 0, "", &d) == -1 && errno == EINVAL,
	   "an empty park address: the core's EINVAL");
	errno = 0;
	ok(tapi_line_unpark(line, 1, "73", &d) == -1 && errno == EOPNOTSUPP,
	   "address 1 cannot unpark: EOPNOTSUPP");

	/* Call B, on address 1: directed parks only; A is offered. */
	b = handle_to(line, FAKE_CALL_ID_B, TAPI_PRIV_MONITOR);
	errno = 0;
	ok(b && tapi_line_park(line, b, TAPI_PARK_DIRECTED, "73") == -1 &&
	   errno == EPERM, "park with a monitor handle: EPERM");
	errno = 0;
	ok(!tapi_line_set_call_privilege(line, b, TAPI_PRIV_OWNER) &&
	   tapi_line_park(line, b, TAPI_PARK_NONDIRECTED, NULL) == -1 &&
	   errno == EOPNOTSUPP,
	   "non-directed where the address parks directed only: EOPNOTSUPP");
	a = handle_to(line, FAKE_CALL_ID_A, TAPI_PRIV_OWNER);
	errno = 0;
	ok(a && tapi_line_park(line, a, TAPI_PARK_DIRECTED, "73") == -1 &&
	   errno == EBADFD, "an offered call cannot be parked: EBADFD");
	c = connected_call(line, "2008");
	errno = 0;
	ok(c && tapi_line_unpark(line, 0, "73", &d) == -1 && errno == EBUSY,
	   "unpark with calls A and another on address 0: EBUSY");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

/* The forwarding of @address_id: "uncond:2002,busy:2004/15000". */
static const char *forwarding(struct tapi_line *line, unsigned int address_id,
			      char *out, size_t size)
{
	struct tapi_line_address_status *as;
	unsigned int i, n;
	size_t len = 0;

	as = tapi_line_get_address_status(line, address_id);
	if (!as)
		return "?";
	out[0] = '\0';
	n = tapi_line_address_status_get_num_forward(as);
	for (i = 0; i < n && len < size; i++) {
		uint32_t mode = tapi_line_address_status_get_forward_mode(as, i);

		len += snprintf(out + len, size - len, "%s%s:%s", i ? "," : "",
				tapi_forward_mode_str(mode),
				tapi_line_address_status_get_forward_dest(as,
									  i));
	}
	if (tapi_line_address_status_get_forward_no_answer_ms(as) &&
	    len < size)
		snprintf(out + len, size - len, "/%u",
			 tapi_line_address_status_get_forward_no_answer_ms(as));
	tapi_line_address_status_free(as);
	return out;
}

static void test_forward(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	struct tapi_forward_list *l = tapi_forward_list_new();
	const struct tapi_line_forward *req = &fake_log->forward;
	struct tapi_card *other;
	struct seen seen = { 0 };
	struct tapi_line *line;
	unsigned int before;
	char f[128];
	int id, i;

	line = open_voice_line(card, true);
	ok(line && buf && l, "open line 0 for forwarding");
	if (!line || !buf || !l)
		goto out;
	dispatch(line, buf, &seen);

	tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "2002");
	ok(tapi_line_forward_sync(line, 0, l) == 0 &&
	   req->size == sizeof(*req) && req->flags == TAPI_REQUEST_SYNC &&
	   req->address_id == 0 && req->num_entries == 1 &&
	   req->no_answer_ms == 0 &&
	   req->entries[0].mode == TAPI_FORWARD_UNCOND &&
	   !req->entries[0].reserved &&
	   streq(req->entries[0].dest, "2002") && !req->entries[1].mode &&
	   streq(forwarding(line, 0, f, sizeof(f)), "uncond:2002"),
	   "forward address 0 unconditionally: as sent, in force (%s)", f);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_ADDRESSSTATE, 0, 0);
	ok(i >= 0 && tapi_line_event_get_address_id(seen.ev[i]) == 0 &&
	   tapi_line_event_get_forward_modes(seen.ev[i]) ==
	   TAPI_FORWARD_UNCOND, "an address state event says so");

	tapi_forward_list_reset(l);
	tapi_forward_list_set(l, TAPI_FORWARD_NOANSWER, "2003");
	tapi_forward_list_set(l, TAPI_FORWARD_BUSY, "2004");
	tapi_forward_list_set_no_answer_ms(l, 15000);
	id = tapi_line_forward(line, 0, l);
	dispatch(line, buf, &seen);
	ok(id > 0 && req->flags == 0 && req->num_entries == 2 &&
	   req->no_answer_ms == 15000 && reply_of(&seen, 0, id) == 0 &&
	   streq(forwarding(line, 0, f, sizeof(f)),
		 "busy:2004,noanswer:2003/15000"),
	   "busy and no answer, asynchronously: replaced (%s)", f);

	ok(tapi_line_forward_sync(line, 0, NULL) == 0 &&
	   req->num_entries == 0 && !req->entries[0].mode &&
	   streq(forwarding(line, 0, f, sizeof(f)), ""),
	   "no list cancels the forwarding");

	tapi_forward_list_reset(l);
	tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "2005");
	ok(tapi_line_forward_sync(line, TAPI_ALL_ADDRESSES, l) == 0 &&
	   req->flags == (TAPI_REQUEST_SYNC |
			  TAPI_LINE_FORWARD_ALL_ADDRESSES) &&
	   req->address_id == 0 &&
	   streq(forwarding(line, 0, f, sizeof(f)), "uncond:2005") &&
	   streq(forwarding(line, 1, f, sizeof(f)), "uncond:2005"),
	   "every address of the line");
	tapi_forward_list_reset(l);
	ok(tapi_line_forward_sync(line, TAPI_ALL_ADDRESSES, l) == 0 &&
	   streq(forwarding(line, 1, f, sizeof(f)), ""),
	   "an empty list cancels it everywhere");

	tapi_forward_list_set(l, TAPI_FORWARD_BUSY, "2004");
	errno = 0;
	ok(tapi_line_forward_sync(line, 1, l) == -1 && errno == EOPNOTSUPP &&
	   tapi_line_forward_sync(line, TAPI_ALL_ADDRESSES, l) == -1 &&
	   errno == EOPNOTSUPP,
	   "busy forwarding where address 1 has none: EOPNOTSUPP");
	tapi_forward_list_set_no_answer_ms(l, 1000);
	errno = 0;
	ok(tapi_line_forward_sync(line, 0, l) == -1 && errno == EINVAL,
	   "a no-answer time without a noanswer entry: EINVAL");
	tapi_forward_list_reset(l);
	tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "1000");
	errno = 0;
	ok(tapi_line_forward_sync(line, 0, l) == -1 && errno == EINVAL,
	   "forward an address to itself: EINVAL");
	errno = 0;
	ok(tapi_line_forward_sync(line, 5, l) == -1 && errno == ENOENT,
	   "no address 5: ENOENT");
	tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "nowhere");
	errno = 0;
	ok(tapi_line_forward_sync(line, 0, l) == -1 && errno == ENXIO &&
	   streq(forwarding(line, 0, f, sizeof(f)), ""),
	   "to a number the card cannot reach: ENXIO, nothing changed");
	id = tapi_line_forward(line, 0, l);
	dispatch(line, buf, &seen);
	ok(id > 0 && reply_of(&seen, 0, id) == -ENXIO,
	   "asynchronously: reply -ENXIO");
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_forward(line, -2, l) == -1 && errno == EINVAL &&
	   fake_log->line_ioctls == before, "address -2: EINVAL, no ioctl");
	tapi_line_close(line);

	/* span1's line cannot forward at all. */
	other = tapi_card_open("tapi2");
	line = other ? tapi_card_open_line(other, 0, NULL) : NULL;
	tapi_card_close(other);
	tapi_forward_list_set(l, TAPI_FORWARD_UNCOND, "2002");
	errno = 0;
	ok(line && tapi_line_forward_sync(line, TAPI_ALL_ADDRESSES, l) == -1 &&
	   errno == EOPNOTSUPP && tapi_line_forward(line, 0, l) == -1 &&
	   errno == EOPNOTSUPP,
	   "a line and an address without forwarding: EOPNOTSUPP");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_forward_list_free(l);
	tapi_line_close(line);
}

static void test_secure_user_user(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	uint8_t data[TAPI_USERUSER_MAX + 1];
	struct tapi_line_call_info *ci;
	struct seen seen = { 0 };
	struct tapi_line *line;
	uint32_t a, b, c, d;
	unsigned int before;
	int id, i;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 to secure calls and send user-user info");
	if (!line || !buf)
		goto out;
	c = connected_call(line, "2001");
	dispatch(line, buf, &seen);
	ok(c && (features_of(line, c) & TAPI_CALLFEATURE_SECURECALL),
	   "a connected call can be secured");
	ok(tapi_line_secure_call_sync(line, c) == 0 &&
	   fake_log->call_request_cmd == TAPI_IOC_CALL_SECURE &&
	   fake_log->call_request.size == sizeof(struct tapi_call_request) &&
	   fake_log->call_request.flags == TAPI_REQUEST_SYNC &&
	   fake_log->call_request.call == c, "secure it: as sent");
	ci = tapi_line_get_call_info(line, c);
	ok(ci && tapi_line_call_info_get_param_flags(ci) ==
	   TAPI_CALLPARAM_SECURE &&
	   !(features_of(line, c) & TAPI_CALLFEATURE_SECURECALL),
	   "the call is secure, and cannot be secured again");
	tapi_line_call_info_free(ci);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_CALLINFO, c, 0);
	ok(i >= 0 && tapi_line_event_get_param(seen.ev[i], 0) ==
	   TAPI_CALLINFO_CALLPARAMFLAGS, "a call info event says so");
	errno = 0;
	ok(tapi_line_secure_call(line, c) == -1 && errno == EBADFD,
	   "secure it again: EBADFD");
	a = handle_to(line, FAKE_CALL_ID_A, TAPI_PRIV_OWNER);
	id = a ? tapi_line_secure_call(line, a) : -1;
	dispatch(line, buf, &seen);
	ok(id > 0 && fake_log->call_request.flags == 0 &&
	   reply_of(&seen, a, id) == 0 && state_of(line, a) ==
	   TAPI_CALLSTATE_OFFERING, "secure an offered call, asynchronously");

	memset(data, 0xa5, sizeof(data));
	memcpy(data, "hello", 5);
	ok(tapi_line_send_user_user_info_sync(line, c, data, 5) == 0 &&
	   fake_log->user_user.size == sizeof(struct tapi_call_user_user) &&
	   fake_log->user_user.flags == TAPI_REQUEST_SYNC &&
	   fake_log->user_user.call == c && fake_log->user_user.len == 5 &&
	   !fake_log->user_user.reserved &&
	   !memcmp(fake_log->user_user.data, "hello", 5) &&
	   !fake_log->user_user.data[5] &&
	   !fake_log->user_user.data[TAPI_USERUSER_MAX - 1],
	   "send 5 bytes of user-user info: as sent, the rest zero");
	id = tapi_line_send_user_user_info(line, c, data, FAKE_MAX_USER_USER);
	dispatch(line, buf, &seen);
	ok(id > 0 && fake_log->user_user.len == FAKE_MAX_USER_USER &&
	   reply_of(&seen, c, id) == 0,
	   "%d bytes, the address's most, asynchronously",
	   FAKE_MAX_USER_USER);
	errno = 0;
	ok(tapi_line_send_user_user_info(line, c, data,
					 FAKE_MAX_USER_USER + 1) == -1 &&
	   errno == EINVAL, "one more: the core's EINVAL");
	errno = 0;
	ok(tapi_line_send_user_user_info(line, c, data, 0) == -1 &&
	   errno == EINVAL, "none: the core's EINVAL");
	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_send_user_user_info(line, c, data,
					 TAPI_USERUSER_MAX + 1) == -1 &&
	   errno == EINVAL &&
	   tapi_line_send_user_user_info_sync(line, c, NULL, 3) == -1 &&
	   errno == EINVAL && fake_log->line_ioctls == before,
	   "more than %d bytes, or NULL: EINVAL, no ioctl",
	   TAPI_USERUSER_MAX);
	ok(drop_dealloc(line, c), "drop the secure call");
	d = connected_call(line, "busy");
	errno = 0;
	ok(d && state_of(line, d) == TAPI_CALLSTATE_DISCONNECTED &&
	   tapi_line_send_user_user_info(line, d, data, 2) == -1 &&
	   errno == EBADFD && tapi_line_secure_call(line, d) == -1 &&
	   errno == EBADFD,
	   "a disconnected call: no user-user info, no securing (EBADFD)");
	ok(drop_dealloc(line, d), "drop it");

	b = handle_to(line, FAKE_CALL_ID_B, TAPI_PRIV_MONITOR);
	errno = 0;
	ok(b && tapi_line_secure_call(line, b) == -1 && errno == EOPNOTSUPP &&
	   tapi_line_send_user_user_info(line, b, data, 2) == -1 &&
	   errno == EOPNOTSUPP, "address 1 can do neither: EOPNOTSUPP");
	errno = 0;
	ok(!tapi_line_set_call_privilege(line, a, TAPI_PRIV_MONITOR) &&
	   tapi_line_secure_call(line, a) == -1 && errno == EPERM &&
	   tapi_line_send_user_user_info(line, a, data, 2) == -1 &&
	   errno == EPERM, "with a monitor handle: EPERM");
	errno = 0;
	ok(tapi_line_secure_call_sync(line, 999) == -1 && errno == ENOENT &&
	   tapi_line_send_user_user_info_sync(line, 999, data, 2) == -1 &&
	   errno == ENOENT, "no such handle: ENOENT");
out:
	seen_clear(&seen);
	tapi_event_buffer_free(buf);
	tapi_line_close(line);
}

static void test_completion(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(0);
	const struct tapi_call_completion *req = &fake_log->completion;
	uint32_t a, b, c, id1 = 0, id2 = 0, ids[TAPI_MAX_COMPLETIONS];
	struct tapi_line_call_info *ci;
	struct seen seen = { 0 };
	struct tapi_line *line;
	unsigned int before, k, n;
	uint32_t back = 0;
	int id, i;

	line = open_voice_line(card, true);
	ok(line && buf, "open line 0 for call completion");
	if (!line || !buf)
		goto out;

	c = connected_call(line, "engaged");
	ok(c && state_of(line, c) == TAPI_CALLSTATE_BUSY &&
	   (features_of(line, c) & TAPI_CALLFEATURE_COMPLETECALL),
	   "a busy call can be completed");
	ok(tapi_line_complete_call_sync(line, c, TAPI_COMPLETION_CAMPON,
					&id1) == 0 && id1 &&
	   req->size == sizeof(*req) && req->flags == TAPI_REQUEST_SYNC &&
	   req->call == c && req->mode == TAPI_COMPLETION_CAMPON &&
	   req->completion_id == 0 &&
	   state_of(line, c) == TAPI_CALLSTATE_RINGBACK,
	   "camp on: completion %u; the station is free, it rings", id1);
	errno = 0;
	ok(tapi_line_uncomplete_call_sync(line, id1) == -1 && errno == ENOENT,
	   "that completion is over: ENOENT");
	errno = 0;
	ok(tapi_line_complete_call(line, c, TAPI_COMPLETION_CAMPON,
				   &id2) == -1 && errno == EBADFD,
	   "camp on a call that rings: EBADFD");
	ok(drop_dealloc(line, c), "drop it");

	c = connected_call(line, "engaged");
	dispatch(line, buf, &seen);
	id = tapi_line_complete_call(line, c, TAPI_COMPLETION_CALLBACK, &id2);
	dispatch(line, buf, &seen);
	i = find_event(&seen, TAPI_EV_NEWCALL, 0, 0);
	for (k = 0; k < seen.n && k < MAX_SEEN; k++)
		if (tapi_line_event_get_type(seen.ev[k]) == TAPI_EV_NEWCALL)
			back = tapi_line_event_get_call(seen.ev[k]);
	ok(id > 0 && id2 && id2 != id1 && req->flags == 0 &&
	   reply_of(&seen, c, id) == 0 && back &&
	   state_of(line, back) == TAPI_CALLSTATE_OFFERING,
	   "call back: completion %u, and the switch calls back (%d)", id2, i);
	ci = back ? tapi_line_get_call_info(line, back) : NULL;
	ok(ci && tapi_line_call_info_get_reason(ci) ==
	   TAPI_CALLREASON_CALLCOMPLETION &&
	   tapi_line_call_info_get_completion_id(ci) == id2,
	   "the call back names its completion");
	tapi_line_call_info_free(ci);
	ok(drop_dealloc(line, back) && drop_dealloc(line, c), "drop both");

	c = connected_call(line, "ringing");
	ok(c && state_of(line, c) == TAPI_CALLSTATE_RINGBACK &&
	   tapi_line_complete_call_sync(line, c, TAPI_COMPLETION_CALLBACK,
					&id1) == 0 && id1,
	   "call back of a call that rings: completion %u, pending", id1);
	ok(tapi_line_uncomplete_call_sync(line, id1) == 0 &&
	   fake_log->uncomplete.size == sizeof(struct tapi_line_uncomplete) &&
	   fake_log->uncomplete.flags == TAPI_REQUEST_SYNC &&
	   fake_log->uncomplete.completion_id == id1,
	   "uncomplete it: as sent");
	errno = 0;
	ok(tapi_line_uncomplete_call(line, id1) == -1 && errno == ENOENT,
	   "uncomplete it again: ENOENT");

	for (n = 0; n < TAPI_MAX_COMPLETIONS; n++)
		if (tapi_line_complete_call_sync(line, c,
						 TAPI_COMPLETION_CALLBACK,
						 &ids[n]))
			break;
	id2 = 0;
	errno = 0;
	ok(n == TAPI_MAX_COMPLETIONS &&
	   tapi_line_complete_call(line, c, TAPI_COMPLETION_CALLBACK,
				   &id2) == -1 && errno == ENOSPC && !id2,
	   "%d completions pending: ENOSPC", TAPI_MAX_COMPLETIONS);
	dispatch(line, buf, &seen);
	id = n ? tapi_line_uncomplete_call(line, ids[0]) : -1;
	dispatch(line, buf, &seen);
	ok(id > 0 && fake_log->uncomplete.flags == 0 &&
	   reply_of(&seen, 0, id) == 0, "uncomplete, asynchronously");
	for (k = 1; k < n; k++)
		tapi_line_uncomplete_call_sync(line, ids[k]);

	before = fake_log->line_ioctls;
	errno = 0;
	ok(tapi_line_complete_call(line, c, TAPI_COMPLETION_CALLBACK,
				   NULL) == -1 && errno == EINVAL &&
	   fake_log->line_ioctls == before,
	   "no place for the completion id: EINVAL, no ioctl");
	errno = 0;
	ok(tapi_line_complete_call(line, c, 0, &id1) == -1 &&
	   errno == EINVAL &&
	   tapi_line_complete_call(line, c, TAPI_COMPLETION_VALID,
				   &id1) == -1 && errno == EINVAL,
	   "not one mode: the core's EINVAL");
	errno = 0;
	ok(tapi_line_complete_call(line, 999, TAPI_COMPLETION_CALLBACK,
				   &id1) == -1 && errno == ENOENT,
	   "no such handle: ENOENT");
	ok(drop_dealloc(line, c), "drop the ringing call");
	c = connected_call(line, "2001");
	errno = 0;
	ok(c && tapi_line_complete_call(line, c, TAPI_COMPLETION_CALLBACK,
					&id1) == -1 && errno == EBADFD,
	   "a connected call needs no completion: EBADFD");
	ok(drop_dealloc(line, c), "drop it");

	b = handle_to(line, FAKE_CALL_ID_B, TAPI_PRIV_OWNER);
	errno = 0;
	ok(b && tapi_line_complete_call(line, b, TAPI_COMPLETION_CALLBACK,
					&id1) == -1 && errno == EOPNOTSUPP,
	   "address 1 completes no calls: EOPNOTSUPP");
	a = handle_to(line, FAKE_CALL_ID_A, TAPI_PRIV_MONITOR);
	errno = 0;
	ok(a && tapi_line_complete_call(line, a, TAPI_COMPLETION_CALLBACK,
					&id1) == -1 && errno == EPERM,
	   "with a monitor handle: EPERM");
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

	test_forward_list();
	card = tapi_card_open("tapi0");
	ok(card != NULL, "open tapi0");
	if (card) {
		test_forward_status(card);
		test_redirect(card);
		test_pickup(card);
		test_park(card);
		test_forward(card);
		test_secure_user_user(card);
		test_completion(card);
	}
	tapi_card_close(card);
	return tap_done();
}
