// SPDX-License-Identifier: GPL-2.0
/*
 * libtapi against the real core: the library's view of a sim card must be
 * what the card was configured with (configfs) and what the ioctls say; its
 * errors must be the documented -1/NULL + errno; it must not leak fds; and
 * a line opened through it must see the card's removal as the ABI says.
 *
 * Calls through the library: placed, answered, dropped and deallocated on
 * the sim card's switch, events dispatched to a callback, info and status
 * decoded, names of states and modes, errors as -1 and errno.
 *
 * libtapi's unit tests on the host run against a preloaded test double;
 * this is where the library meets the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libtapi.h>

#include "calls.h"
#include "harness.h"

#define NLINES 3

static const char *const line_names[NLINES] = { "desk", "fax", "line2" };
static const char *const line_numbers[NLINES] = { "4100 4101", "4200", "4300" };
static const unsigned int line_media[NLINES] = {
	SIM_DEFAULT_MEDIA,
	TAPI_MEDIA_G3FAX | TAPI_MEDIA_DATAMODEM,
	SIM_DEFAULT_MEDIA,
};

FIXTURE(lib)
{
	struct sim_card card;
	struct tapi_card *tc;
	int fds;	/* fds open before the library opened anything */
};

FIXTURE_SETUP(lib)
{
	char val[32];
	unsigned int i;
	int ret;

	self->tc = NULL;
	self->fds = count_fds();
	ret = sim_card_new(&self->card, "lib");
	ASSERT_EQ(0, ret) TH_LOG("mkdir card: %s", strerror(-ret));
	for (i = 0; i < NLINES; i++) {
		ASSERT_EQ(0, sim_line_add(&self->card, i, line_numbers[i]));
		if (strcmp(line_names[i], "line2")) {
			ASSERT_EQ(0, sim_line_set(&self->card, i, "name",
						  line_names[i]));
		}
		snprintf(val, sizeof(val), "%#x", line_media[i]);
		ASSERT_EQ(0, sim_line_set(&self->card, i, "media_modes", val));
	}
	ASSERT_EQ(0, sim_card_set(&self->card, "park_numbers", "7000 7001"));
	ret = sim_card_live(&self->card, true);
	ASSERT_EQ(0, ret) TH_LOG("live: %s", strerror(-ret));
	self->tc = tapi_card_open(self->card.dev_path);
	ASSERT_NE(NULL, self->tc) TH_LOG("tapi_card_open: %m");
}

FIXTURE_TEARDOWN(lib)
{
	tapi_card_close(self->tc);
	sim_card_destroy(&self->card);
}

TEST_F(lib, list_cards)
{
	char **paths = NULL;
	int n, i, found = 0;

	n = tapi_list_cards(&paths);
	ASSERT_LE(1, n) TH_LOG("tapi_list_cards: %m");
	for (i = 0; i < n; i++) {
		ASSERT_NE(NULL, paths[i]);
		if (!strcmp(paths[i], self->card.dev_path))
			found++;
	}
	EXPECT_EQ(NULL, paths[n]);
	EXPECT_EQ(1, found);
	tapi_card_list_free(paths);
}

TEST_F(lib, open_three_ways)
{
	const char *names[] = { self->card.dev_path, self->card.dev_path + 5,
				self->card.name };
	struct tapi_card *c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		c = tapi_card_open(names[i]);
		ASSERT_NE(NULL, c) TH_LOG("tapi_card_open(%s): %m", names[i]);
		EXPECT_EQ(self->card.index, (int)tapi_card_get_index(c));
		EXPECT_STREQ(self->card.dev_path, tapi_card_get_path(c));
		tapi_card_close(c);
	}
	EXPECT_EQ(self->fds + 1, count_fds());
}

TEST_F(lib, open_errors)
{
	errno = 0;
	EXPECT_EQ(NULL, tapi_card_open("kst-no-such-card-name"));
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_card_open("/dev/tapi255"));
	EXPECT_EQ(ENOENT, errno);
	/* a character device that is not a card */
	errno = 0;
	EXPECT_EQ(NULL, tapi_card_open("/dev/null"));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_FALSE(tapi_is_card_device("/dev/null"));
	EXPECT_TRUE(tapi_is_card_device(self->card.dev_path));
	EXPECT_EQ(self->fds + 1, count_fds());
}

TEST_F(lib, card_and_core)
{
	struct tapi_core_info *ci;

	EXPECT_EQ((unsigned int)NLINES, tapi_card_get_num_lines(self->tc));
	EXPECT_STREQ(self->card.name, tapi_card_get_name(self->tc));
	EXPECT_STREQ("tapi_sim", tapi_card_get_driver(self->tc));

	ci = tapi_card_get_core_info(self->tc);
	ASSERT_NE(NULL, ci) TH_LOG("core info: %m");
	EXPECT_EQ((uint32_t)TAPI_ABI_VERSION, tapi_core_info_get_abi_version(ci));
	EXPECT_TRUE(tapi_core_info_has_feature(ci, TAPI_FEATURE_LINE_OPEN));
	EXPECT_TRUE(tapi_core_info_has_feature(ci, TAPI_FEATURE_LINE_EVENTS));
	EXPECT_EQ((uint32_t)TAPI_MAX_LINES, tapi_core_info_get_max_lines(ci));
	EXPECT_EQ((uint32_t)TAPI_EVENT_QUEUE_MAX, tapi_core_info_get_max_event_queue(ci));
	tapi_core_info_free(ci);
}

/* Line and address info as configured, and the same as the raw ioctls. */
TEST_F(lib, line_and_address_info)
{
	char nums[TAPI_MAX_ADDRESSES][TAPI_ADDRESS_LEN];
	struct tapi_address_info *ai;
	struct tapi_line_devcaps dc;
	struct tapi_line_info *li;
	unsigned int i, a;
	int n;

	for (i = 0; i < NLINES; i++) {
		li = tapi_card_get_line_info(self->tc, i);
		ASSERT_NE(NULL, li) TH_LOG("line %u: %m", i);
		ASSERT_EQ(0, tapi_devcaps(tapi_card_get_fd(self->tc), i, &dc));
		EXPECT_EQ(i, tapi_line_info_get_line(li));
		EXPECT_STREQ(line_names[i], tapi_line_info_get_name(li));
		EXPECT_EQ(line_media[i], tapi_line_info_get_media_modes(li));
		EXPECT_EQ(dc.bearer_modes, tapi_line_info_get_bearer_modes(li));
		EXPECT_EQ(dc.max_active_calls,
			  tapi_line_info_get_max_active_calls(li));
		EXPECT_EQ(dc.permanent_line_id,
			  tapi_line_info_get_permanent_id(li));
		EXPECT_EQ(dc.line_features, tapi_line_info_get_features(li));
		EXPECT_EQ(dc.devcaps_flags,
			  tapi_line_info_get_devcaps_flags(li));
		EXPECT_EQ((uint32_t)TAPI_STRINGFORMAT_UTF8,
			  tapi_line_info_get_string_format(li));

		n = split_list(line_numbers[i], nums, TAPI_MAX_ADDRESSES);
		EXPECT_EQ(n, (int)tapi_line_info_get_num_addresses(li));
		for (a = 0; a < (unsigned int)n; a++) {
			ai = tapi_card_get_address_info(self->tc, i, a);
			ASSERT_NE(NULL, ai) TH_LOG("line %u address %u: %m",
						   i, a);
			EXPECT_STREQ(nums[a], tapi_address_info_get_address(ai));
			EXPECT_EQ(i, tapi_address_info_get_line(ai));
			EXPECT_EQ(a, tapi_address_info_get_id(ai));
			tapi_address_info_free(ai);
		}
		errno = 0;
		EXPECT_EQ(NULL, tapi_card_get_address_info(self->tc, i, a));
		EXPECT_EQ(ENOENT, errno);
		tapi_line_info_free(li);
	}
	errno = 0;
	EXPECT_EQ(NULL, tapi_card_get_line_info(self->tc, NLINES));
	EXPECT_EQ(ENOENT, errno);
}

static struct tapi_line *open_line(struct tapi_card *tc, unsigned int line,
				   uint32_t priv, uint32_t media, bool nonblock)
{
	struct tapi_line_settings *s = tapi_line_settings_new();
	struct tapi_line *l;
	int err;

	if (!s)
		return NULL;
	tapi_line_settings_set_privileges(s, priv);
	tapi_line_settings_set_media_modes(s, media);
	tapi_line_settings_set_nonblock(s, nonblock);
	l = tapi_card_open_line(tc, line, s);
	err = errno;
	tapi_line_settings_free(s);
	errno = err;
	return l;
}

TEST_F(lib, open_lines_and_status)
{
	struct tapi_line *owner, *mon, *none;
	struct tapi_line_status *st;

	owner = open_line(self->tc, 0, TAPI_PRIV_OWNER,
			  TAPI_MEDIA_INTERACTIVEVOICE, false);
	ASSERT_NE(NULL, owner) TH_LOG("owner: %m");
	mon = open_line(self->tc, 0, TAPI_PRIV_MONITOR, 0, false);
	ASSERT_NE(NULL, mon) TH_LOG("monitor: %m");
	none = tapi_card_open_line(self->tc, 0, NULL);
	ASSERT_NE(NULL, none) TH_LOG("default settings: %m");
	EXPECT_EQ((uint32_t)TAPI_PRIV_NONE, tapi_line_get_privileges(none));
	EXPECT_EQ(0u, tapi_line_get_line(owner));
	EXPECT_EQ((uint32_t)TAPI_MEDIA_INTERACTIVEVOICE,
		  tapi_line_get_media_modes(owner));
	EXPECT_EQ(1, sim_card_open_lines(&self->card));

	st = tapi_line_get_status(mon);
	ASSERT_NE(NULL, st) TH_LOG("status: %m");
	EXPECT_EQ(3u, tapi_line_status_get_num_opens(st));
	EXPECT_EQ(1u, tapi_line_status_get_num_owners(st));
	EXPECT_EQ(1u, tapi_line_status_get_num_monitors(st));
	EXPECT_EQ((uint32_t)TAPI_MEDIA_INTERACTIVEVOICE,
		  tapi_line_status_get_open_media_modes(st));
	EXPECT_EQ(0u, tapi_line_status_get_num_active_calls(st));
	EXPECT_EQ((uint32_t)(TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE),
		  tapi_line_status_get_flags(st));
	tapi_line_status_free(st);

	tapi_line_close(owner);
	tapi_line_close(mon);
	tapi_line_close(none);
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
	EXPECT_EQ(self->fds + 1, count_fds());
}

/* Refused opens: the kernel's errno reaches the caller, nothing leaks. */
TEST_F(lib, open_line_errors)
{
	errno = 0;
	EXPECT_EQ(NULL, open_line(self->tc, NLINES, TAPI_PRIV_NONE, 0, false));
	EXPECT_EQ(ENOENT, errno);
	/* owner without media modes */
	errno = 0;
	EXPECT_EQ(NULL, open_line(self->tc, 0, TAPI_PRIV_OWNER, 0, false));
	EXPECT_EQ(EINVAL, errno);
	/* a media mode line 1 (fax, modem) does not have */
	errno = 0;
	EXPECT_EQ(NULL, open_line(self->tc, 1, TAPI_PRIV_OWNER,
				  TAPI_MEDIA_INTERACTIVEVOICE, false));
	EXPECT_EQ(EOPNOTSUPP, errno);
	/* none combined with monitor */
	errno = 0;
	EXPECT_EQ(NULL, open_line(self->tc, 0,
				  TAPI_PRIV_NONE | TAPI_PRIV_MONITOR, 0,
				  false));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
	EXPECT_EQ(self->fds + 1, count_fds());
}

/* Removal seen through the library: CLOSE, REMOVED, then ENODEV. */
TEST_F(lib, removal)
{
	struct tapi_event_buffer *buf;
	const struct tapi_line_event *ev;
	struct tapi_line *l;
	unsigned int i, n = 0;
	uint32_t types[4];
	int ret;

	l = open_line(self->tc, 2, TAPI_PRIV_MONITOR, 0, true);
	ASSERT_NE(NULL, l) TH_LOG("open: %m");
	buf = tapi_event_buffer_new(0);
	ASSERT_NE(NULL, buf);

	EXPECT_EQ(0, tapi_line_wait_event(l, 0));
	errno = 0;
	EXPECT_EQ(-1, tapi_line_read_events(l, buf, 0));
	EXPECT_EQ(EAGAIN, errno);

	ASSERT_EQ(0, sim_card_live(&self->card, false));
	EXPECT_EQ(1, tapi_line_wait_event(l, 1000000000LL));

	while ((ret = tapi_line_read_events(l, buf, 1)) > 0) {
		for (i = 0; i < (unsigned int)ret && n < ARRAY_SIZE(types);
		     i++) {
			ev = tapi_event_buffer_get(buf, i);
			ASSERT_NE(NULL, ev);
			EXPECT_EQ(2u, tapi_line_event_get_line(ev));
			EXPECT_EQ(n + 1, tapi_line_event_get_seqno(ev));
			types[n++] = tapi_line_event_get_type(ev);
		}
	}
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(ENODEV, errno);
	ASSERT_EQ(2u, n);
	EXPECT_EQ((uint32_t)TAPI_EV_CLOSE, types[0]);
	EXPECT_EQ((uint32_t)TAPI_EV_REMOVED, types[1]);

	errno = 0;
	EXPECT_EQ(NULL, tapi_line_get_status(l));
	EXPECT_EQ(ENODEV, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_card_get_line_info(self->tc, 0));
	EXPECT_EQ(ENODEV, errno);

	tapi_event_buffer_free(buf);
	tapi_line_close(l);
	EXPECT_EQ(self->fds + 1, count_fds());
}

/* What a dispatch callback saw. */
struct seen {
	unsigned int n;
	uint32_t type[32];
	uint32_t call[32];
	uint32_t state[32];
	uint32_t mode[32];
	uint32_t request_id[32];
	int result[32];
};

static int collect(const struct tapi_line_event *ev, void *data)
{
	struct seen *s = data;

	if (s->n == ARRAY_SIZE(s->type))
		return 1;
	s->type[s->n] = tapi_line_event_get_type(ev);
	s->call[s->n] = tapi_line_event_get_call(ev);
	s->request_id[s->n] = tapi_line_event_get_request_id(ev);
	if (s->type[s->n] == TAPI_EV_REPLY)
		s->result[s->n] = tapi_line_event_get_reply_result(ev);
	if (s->type[s->n] == TAPI_EV_CALLSTATE) {
		s->state[s->n] = tapi_line_event_get_call_state(ev);
		s->mode[s->n] = tapi_line_event_get_call_mode(ev);
	}
	s->n++;
	return 0;
}

/* Dispatch until an event of @type (for @call, unless 0) was seen. */
static int until(struct tapi_line *l, struct tapi_event_buffer *buf,
		 struct seen *s, uint32_t type, uint32_t call)
{
	unsigned int i, from = 0;
	int tries;

	for (tries = 0; tries < 40; tries++) {
		for (i = from; i < s->n; i++) {
			if (s->type[i] == type && (!call || s->call[i] == call))
				return (int)i;
		}
		from = s->n;
		if (tapi_line_wait_event(l, 100000000LL) < 0 ||
		    tapi_line_dispatch_events(l, buf, collect, s) < 0)
			return -1;
	}
	return -1;
}

TEST_F(lib, call_through_library)
{
	struct tapi_line_call_status *st;
	struct tapi_line_call_info *ci;
	struct tapi_event_buffer *buf;
	struct tapi_call_params *p;
	struct seen sa = { 0 }, sc = { 0 };
	struct tapi_line *a, *c;
	uint32_t ca, cc;
	int req, i;

	a = open_line(self->tc, 0, TAPI_PRIV_OWNER,
		      TAPI_MEDIA_INTERACTIVEVOICE, false);
	c = open_line(self->tc, 2, TAPI_PRIV_OWNER,
		      TAPI_MEDIA_INTERACTIVEVOICE, false);
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, c);
	buf = tapi_event_buffer_new(0);
	ASSERT_NE(NULL, buf);
	p = tapi_call_params_new();
	ASSERT_NE(NULL, p);
	tapi_call_params_set_address_id(p, 1);	/* from 4101 */

	req = tapi_line_make_call(a, "4300", p, &ca);
	ASSERT_LT(0, req) TH_LOG("make call: %m");
	i = until(a, buf, &sa, TAPI_EV_REPLY, ca);
	ASSERT_LE(0, i);
	EXPECT_EQ((uint32_t)req, sa.request_id[i]);
	EXPECT_EQ(0, sa.result[i]);

	i = until(c, buf, &sc, TAPI_EV_NEWCALL, 0);
	ASSERT_LE(0, i);
	cc = sc.call[i];
	ci = tapi_line_get_call_info(c, cc);
	ASSERT_NE(NULL, ci) TH_LOG("call info: %m");
	EXPECT_STREQ("4101",
		     tapi_line_call_info_get_party_number(ci, TAPI_PARTY_CALLER));
	EXPECT_STREQ("4300",
		     tapi_line_call_info_get_party_number(ci, TAPI_PARTY_CALLED));
	EXPECT_EQ(2u, tapi_line_call_info_get_line(ci));
	st = tapi_line_get_call_status(c, cc);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(tapi_line_call_info_get_call_id(ci),
		  tapi_line_call_status_get_call_id(st));
	EXPECT_STREQ("offering",
		     tapi_call_state_str(tapi_line_call_status_get_state(st)));
	tapi_line_call_status_free(st);
	tapi_line_call_info_free(ci);

	ASSERT_EQ(0, tapi_line_answer_sync(c, cc)) TH_LOG("answer: %m");
	ASSERT_LE(0, until(a, buf, &sa, TAPI_EV_CALLSTATE, ca));
	st = tapi_line_get_call_status(a, ca);
	ASSERT_NE(NULL, st);
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_CONNECTED,
		  tapi_line_call_status_get_state(st));
	tapi_line_call_status_free(st);

	ASSERT_EQ(0, tapi_line_drop_sync(a, ca));
	for (;;) {
		i = until(c, buf, &sc, TAPI_EV_CALLSTATE, cc);
		ASSERT_LE(0, i);
		if (sc.state[i] == TAPI_CALLSTATE_DISCONNECTED)
			break;
		sc.type[i] = 0;	/* seen: look further */
	}
	EXPECT_STREQ("normal", tapi_call_mode_str(sc.state[i], sc.mode[i]));

	/* Errors come back as -1 and the kernel's errno. */
	errno = 0;
	EXPECT_EQ(-1, tapi_line_deallocate_call(c, cc));
	EXPECT_EQ(EBUSY, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_line_answer(c, cc));
	EXPECT_EQ(EBADFD, errno);
	ASSERT_EQ(0, tapi_line_drop_sync(c, cc));
	EXPECT_EQ(0, tapi_line_deallocate_call(c, cc));
	EXPECT_EQ(0, tapi_line_deallocate_call(a, ca));
	errno = 0;
	EXPECT_EQ(-1, tapi_line_answer(c, cc));
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_line_get_call_info(a, ca));
	EXPECT_EQ(ENOENT, errno);

	tapi_call_params_free(p);
	tapi_event_buffer_free(buf);
	tapi_line_close(a);
	tapi_line_close(c);
	EXPECT_EQ(self->fds + 1, count_fds());
}

/*
 * Line 0 (owner: *@a) calls 4300, line 2's number; line 2 (owner: *@c)
 * answers: *@ca and *@cc their handles, @sc what *@c saw.  0 or -1.
 */
static int connect_lines(struct tapi_card *tc, struct tapi_event_buffer *buf,
			 struct seen *sc, struct tapi_line **a,
			 struct tapi_line **c, uint32_t *ca, uint32_t *cc)
{
	int i;

	*a = open_line(tc, 0, TAPI_PRIV_OWNER, TAPI_MEDIA_INTERACTIVEVOICE,
		       false);
	*c = open_line(tc, 2, TAPI_PRIV_OWNER, TAPI_MEDIA_INTERACTIVEVOICE,
		       false);
	if (!*a || !*c || tapi_line_make_call_sync(*a, "4300", NULL, ca))
		return -1;
	i = until(*c, buf, sc, TAPI_EV_NEWCALL, 0);
	if (i < 0)
		return -1;
	*cc = sc->call[i];
	return tapi_line_answer_sync(*c, *cc);
}

/*
 * Call services through the library: user-user information, secure call,
 * park (the park address read back) and unpark, forward (the status read
 * back) and its cancelling, and the errors of pickup and uncomplete.
 */
TEST_F(lib, services_through_library)
{
	struct tapi_line_address_status *as;
	struct tapi_forward_list *fl;
	struct tapi_line_call_info *ci;
	struct tapi_event_buffer *buf;
	struct seen sc = { 0 };
	struct tapi_line *a, *c;
	uint32_t ca, cc, cu, cx;
	char parked[TAPI_DIAL_LEN];

	buf = tapi_event_buffer_new(0);
	ASSERT_NE(NULL, buf);
	ASSERT_EQ(0, connect_lines(self->tc, buf, &sc, &a, &c, &ca, &cc));

	/* A few bytes to the far end, which reads them in its call info. */
	ASSERT_EQ(0, tapi_line_send_user_user_info_sync(c, cc, "hi\0!", 4));
	ci = tapi_line_get_call_info(a, ca);
	ASSERT_NE(NULL, ci);
	ASSERT_EQ(4u, tapi_line_call_info_get_user_user_len(ci));
	EXPECT_EQ(0, memcmp("hi\0!",
			    tapi_line_call_info_get_user_user_info(ci), 4));
	tapi_line_call_info_free(ci);

	ASSERT_EQ(0, tapi_line_secure_call_sync(c, cc));
	ci = tapi_line_get_call_info(c, cc);
	ASSERT_NE(NULL, ci);
	EXPECT_EQ((uint32_t)TAPI_CALLPARAM_SECURE,
		  tapi_line_call_info_get_param_flags(ci));
	tapi_line_call_info_free(ci);
	errno = 0;
	EXPECT_EQ(-1, tapi_line_secure_call(c, cc));
	EXPECT_EQ(EBADFD, errno);

	/* Parked where the switch likes, and back onto the same line. */
	ASSERT_EQ(0, tapi_line_park_sync(c, cc, TAPI_PARK_NONDIRECTED, NULL,
					 parked, sizeof(parked)));
	EXPECT_STREQ("7000", parked);
	errno = 0;
	EXPECT_EQ(-1, tapi_line_unpark_sync(c, 0, "7001", &cu));
	EXPECT_EQ(ESRCH, errno);
	ASSERT_EQ(0, tapi_line_unpark_sync(c, 0, "7000", &cu));
	ci = tapi_line_get_call_info(c, cu);
	ASSERT_NE(NULL, ci);
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_UNPARK,
		  tapi_line_call_info_get_reason(ci));
	EXPECT_STREQ("4100", tapi_line_call_info_get_party_number(
					ci, TAPI_PARTY_CONNECTED));
	tapi_line_call_info_free(ci);

	/* Forward line 2 to the desk; the status says so; cancel it. */
	fl = tapi_forward_list_new();
	ASSERT_NE(NULL, fl);
	ASSERT_EQ(0, tapi_forward_list_set(fl, TAPI_FORWARD_BUSY, "4100"));
	ASSERT_EQ(0, tapi_forward_list_set(fl, TAPI_FORWARD_NOANSWER, "4101"));
	ASSERT_EQ(0, tapi_forward_list_set_no_answer_ms(fl, 5000));
	ASSERT_EQ(0, tapi_line_forward_sync(c, 0, fl));
	as = tapi_line_get_address_status(c, 0);
	ASSERT_NE(NULL, as);
	ASSERT_EQ(2u, tapi_line_address_status_get_num_forward(as));
	EXPECT_EQ((uint32_t)TAPI_FORWARD_BUSY,
		  tapi_line_address_status_get_forward_mode(as, 0));
	EXPECT_STREQ("4100", tapi_line_address_status_get_forward_dest(as, 0));
	EXPECT_EQ((uint32_t)TAPI_FORWARD_NOANSWER,
		  tapi_line_address_status_get_forward_mode(as, 1));
	EXPECT_EQ(5000u, tapi_line_address_status_get_forward_no_answer_ms(as));
	tapi_line_address_status_free(as);
	/* To itself: refused by the core, nothing changes. */
	tapi_forward_list_reset(fl);
	ASSERT_EQ(0, tapi_forward_list_set(fl, TAPI_FORWARD_UNCOND, "4300"));
	errno = 0;
	EXPECT_EQ(-1, tapi_line_forward_sync(c, 0, fl));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, tapi_line_forward_sync(c, 0, NULL));
	as = tapi_line_get_address_status(c, 0);
	ASSERT_NE(NULL, as);
	EXPECT_EQ(0u, tapi_line_address_status_get_num_forward(as));
	tapi_line_address_status_free(as);
	tapi_forward_list_free(fl);

	/* Nothing to pick up, nothing to cancel. */
	errno = 0;
	EXPECT_EQ(-1, tapi_line_pickup_sync(a, 0, "4300", NULL, &cx));
	EXPECT_EQ(ESRCH, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_line_uncomplete_call_sync(a, 4242));
	EXPECT_EQ(ENOENT, errno);

	tapi_event_buffer_free(buf);
	tapi_line_close(a);
	tapi_line_close(c);
	EXPECT_EQ(self->fds + 1, count_fds());
}

/* The digits and reason of the first GATHERDIGITS event. */
struct gathered {
	int n;
	uint32_t term;
	char digits[TAPI_GATHER_MAX_DIGITS + 1];
};

static int take_gathered(const struct tapi_line_event *ev, void *data)
{
	struct gathered *g = data;

	if (tapi_line_event_get_type(ev) != TAPI_EV_GATHERDIGITS || g->n >= 0)
		return 0;
	g->term = tapi_line_event_get_param(ev, 0);
	g->n = tapi_line_event_get_digits(ev, g->digits, sizeof(g->digits));
	return 1;
}

/* DTMF generated and gathered through the library. */
TEST_F(lib, digits_through_library)
{
	struct gathered g = { .n = -1 };
	struct tapi_event_buffer *buf;
	struct seen sa = { 0 }, sc = { 0 };
	struct tapi_line *a, *c;
	uint32_t ca, cc;
	int i;

	buf = tapi_event_buffer_new(0);
	ASSERT_NE(NULL, buf);
	ASSERT_EQ(0, connect_lines(self->tc, buf, &sc, &a, &c, &ca, &cc));
	ASSERT_LE(0, until(a, buf, &sa, TAPI_EV_CALLSTATE, ca));

	ASSERT_EQ(0, tapi_line_gather_digits(c, cc, TAPI_DIGITMODE_DTMF, 8,
					     "#", 0, 0)) TH_LOG("%m");
	ASSERT_EQ(0, tapi_line_generate_digits(a, ca, "42#", 60))
		TH_LOG("%m");
	for (i = 0; i < 40 && g.n < 0; i++) {
		ASSERT_LE(0, tapi_line_wait_event(c, 100000000LL));
		ASSERT_LE(0, tapi_line_dispatch_events(c, buf, take_gathered,
						       &g));
	}
	EXPECT_EQ(3, g.n);
	EXPECT_EQ((uint32_t)TAPI_GATHER_TERM_TERMDIGIT, g.term);
	EXPECT_STREQ("42#", g.digits);

	/* Errors: the kernel's errno; too long a string before any ioctl. */
	errno = 0;
	EXPECT_EQ(-1, tapi_line_generate_digits(c, cc, "1x", 0));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_line_gather_digits(c, cc, TAPI_DIGITMODE_DTMF, 2,
					      "0123456789ABCD*#", 0, 0));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_line_monitor_tones(c, cc, NULL, 1));
	EXPECT_EQ(EINVAL, errno);

	ASSERT_EQ(0, tapi_line_drop_sync(a, ca));
	tapi_event_buffer_free(buf);
	tapi_line_close(a);
	tapi_line_close(c);
}

/* A late monitor takes the calls already there, through the library. */
TEST_F(lib, new_calls_through_library)
{
	struct tapi_line *owner, *mon;
	uint32_t h[4], remaining;
	char cmd[64];

	owner = open_line(self->tc, 0, TAPI_PRIV_OWNER,
			  TAPI_MEDIA_INTERACTIVEVOICE, false);
	ASSERT_NE(NULL, owner);
	snprintf(cmd, sizeof(cmd), "offer 123");
	ASSERT_EQ(0, sim_network(&self->card, 0, "%s", cmd));
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 124 address=1"));
	mon = open_line(self->tc, 0, TAPI_PRIV_MONITOR, 0, false);
	ASSERT_NE(NULL, mon);
	EXPECT_EQ(1, tapi_line_get_new_calls(mon, h, 4, 1, &remaining));
	EXPECT_EQ(0u, remaining);
	EXPECT_EQ(1, tapi_line_get_new_calls(mon, h + 1, 4,
					     TAPI_ALL_ADDRESSES, &remaining));
	EXPECT_NE(h[0], h[1]);
	EXPECT_EQ(0, tapi_line_get_new_calls(mon, h, 4, TAPI_ALL_ADDRESSES,
					     &remaining));
	errno = 0;
	EXPECT_EQ(-1, tapi_line_get_new_calls(mon, h, 4, 7, &remaining));
	EXPECT_EQ(ENOENT, errno);
	tapi_line_close(mon);
	tapi_line_close(owner);
}

int main(int argc, char **argv)
{
	sim_require("libtapi_test");
	return test_harness_run(argc, argv);
}
