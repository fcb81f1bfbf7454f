// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "tapi" through libtapi's netlink API, on the
 * sim card: cards, lines and calls got and dumped must be what the ioctls
 * say, field by field; a missing card, line or call is the documented
 * errno; cards and lines made and removed through configfs, lines opened
 * and calls made by another process are notified as they happen, calls
 * with the state they left; notifications lost to a full socket buffer
 * are ENOBUFS, after which the socket goes on.  Unprivileged (the test
 * runs itself again under setpriv as nobody, without capabilities): cards
 * and lines are seen, calls are refused with EPERM, and so is the "calls"
 * group, while "monitor" may be joined.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libtapi.h>
#include <linux/tapi_netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "calls.h"
#include "harness.h"

#define NLINES		3
#define TIMEOUT_MS	5000
/* Set, with a card index, when the test runs itself unprivileged. */
#define UNPRIV_ENV	"TAPI_NETLINK_TEST_UNPRIV"

static const char *const numbers[NLINES] = { "6100 6101", "6200", "6300" };

FIXTURE(nl)
{
	struct sim_card card;
	struct sim_card other;	/* a second card, made by some tests */
	struct tapi_nl *nl;
	int fd;
};

FIXTURE_SETUP(nl)
{
	unsigned int i;
	int ret;

	self->nl = NULL;
	self->fd = -1;
	memset(&self->other, 0, sizeof(self->other));
	ret = sim_card_new(&self->card, "nl");
	ASSERT_EQ(0, ret) TH_LOG("mkdir card: %s", strerror(-ret));
	for (i = 0; i < NLINES; i++)
		ASSERT_EQ(0, sim_line_add(&self->card, i, numbers[i]));
	ASSERT_EQ(0, sim_line_set(&self->card, 0, "name", "reception"));
	ASSERT_EQ(0, sim_line_set(&self->card, 1, "max_calls", "2"));
	ret = sim_card_live(&self->card, true);
	ASSERT_EQ(0, ret) TH_LOG("live: %s", strerror(-ret));
	self->fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->fd);
	self->nl = tapi_nl_open();
	ASSERT_NE(NULL, self->nl) TH_LOG("tapi_nl_open: %m");
}

FIXTURE_TEARDOWN(nl)
{
	tapi_nl_close(self->nl);
	if (self->fd >= 0)
		close(self->fd);
	if (self->other.dir[0])
		sim_card_destroy(&self->other);
	sim_card_destroy(&self->card);
}

/* ------------------------------------------------------------------ */
/* Field by field                                                      */
/* ------------------------------------------------------------------ */

static void check_card(struct __test_metadata *_metadata,
		       const struct tapi_card_info *want,
		       const struct tapi_card_info *got)
{
	EXPECT_EQ(want->index, got->index);
	EXPECT_EQ(want->num_lines, got->num_lines);
	EXPECT_STREQ(want->name, got->name);
	EXPECT_STREQ(want->driver, got->driver);
	EXPECT_EQ(sizeof(*got), got->size);
	EXPECT_EQ(0u, got->flags);
}

/* A line as the ioctls see it: caps, addresses, status through @line_fd. */
static void check_line(struct __test_metadata *_metadata, int card_fd,
		       int line_fd, unsigned int card, unsigned int index,
		       const struct tapi_nl_line *l)
{
	const struct tapi_line_devcaps *c = tapi_nl_line_get_caps(l);
	const struct tapi_line_devstatus *s = tapi_nl_line_get_status(l);
	const struct tapi_address_caps *a;
	struct tapi_line_devstatus st;
	struct tapi_line_devcaps dc;
	struct tapi_address_caps ac;
	unsigned int i;

	ASSERT_EQ(0, tapi_devcaps(card_fd, index, &dc));
	EXPECT_EQ(card, tapi_nl_line_get_card(l));
	EXPECT_EQ(index, c->line);
	EXPECT_STREQ(dc.name, c->name);
	EXPECT_EQ(dc.permanent_line_id, c->permanent_line_id);
	EXPECT_EQ(dc.num_addresses, c->num_addresses);
	EXPECT_EQ(dc.max_active_calls, c->max_active_calls);
	EXPECT_EQ(dc.media_modes, c->media_modes);
	EXPECT_EQ(dc.bearer_modes, c->bearer_modes);
	EXPECT_EQ(dc.line_features, c->line_features);
	EXPECT_EQ(dc.devcaps_flags, c->devcaps_flags);
	EXPECT_EQ(dc.gen_digit_modes, c->gen_digit_modes);
	EXPECT_EQ(dc.monitor_digit_modes, c->monitor_digit_modes);
	EXPECT_EQ(dc.gen_tone_max_freqs, c->gen_tone_max_freqs);
	EXPECT_EQ(dc.monitor_tone_max_freqs, c->monitor_tone_max_freqs);
	EXPECT_EQ(dc.monitor_tone_max, c->monitor_tone_max);
	EXPECT_EQ(dc.string_format, c->string_format);

	ASSERT_EQ(dc.num_addresses, tapi_nl_line_get_num_addresses(l));
	for (i = 0; i < dc.num_addresses; i++) {
		ASSERT_EQ(0, tapi_addrcaps(card_fd, index, i, &ac));
		a = tapi_nl_line_get_address(l, i);
		ASSERT_NE(NULL, a);
		EXPECT_EQ(index, a->line);
		EXPECT_EQ(ac.address_id, a->address_id);
		EXPECT_STREQ(ac.address, a->address);
		EXPECT_EQ(ac.max_calls, a->max_calls);
		EXPECT_EQ(ac.address_features, a->address_features);
		EXPECT_EQ(ac.call_features, a->call_features);
		EXPECT_EQ(ac.transfer_modes, a->transfer_modes);
		EXPECT_EQ(ac.max_conf_members, a->max_conf_members);
		EXPECT_EQ(ac.park_modes, a->park_modes);
		EXPECT_EQ(ac.forward_modes, a->forward_modes);
		EXPECT_EQ(ac.completion_modes, a->completion_modes);
		EXPECT_EQ(ac.max_user_user, a->max_user_user);
	}
	errno = 0;
	EXPECT_EQ(NULL, tapi_nl_line_get_address(l, i));
	EXPECT_EQ(ENOENT, errno);

	if (line_fd < 0)
		return;
	ASSERT_EQ(0, tapi_devstatus(line_fd, &st));
	EXPECT_EQ(st.num_opens, s->num_opens);
	EXPECT_EQ(st.num_owners, s->num_owners);
	EXPECT_EQ(st.num_monitors, s->num_monitors);
	EXPECT_EQ(st.open_media_modes, s->open_media_modes);
	EXPECT_EQ(st.num_active_calls, s->num_active_calls);
	EXPECT_EQ(st.num_onhold_calls, s->num_onhold_calls);
	EXPECT_EQ(st.num_onholdpend_calls, s->num_onholdpend_calls);
	EXPECT_EQ(st.line_features, s->line_features);
	EXPECT_EQ(st.devstatus_flags, s->devstatus_flags);
}

/* A party the kernel knows nothing of is not sent: it reads as zero. */
static void check_party(struct __test_metadata *_metadata, const char *what,
			const struct tapi_call_party *want,
			const struct tapi_call_party *got)
{
	EXPECT_EQ(want->flags, got->flags) TH_LOG("%s flags", what);
	EXPECT_STREQ(want->number, got->number) TH_LOG("%s number", what);
	EXPECT_STREQ(want->name, got->name) TH_LOG("%s name", what);
}

/* Call @handle of @line_fd as TAPI_IOC_CALL_GET_INFO and _STATUS see it. */
static void check_call(struct __test_metadata *_metadata, int line_fd,
		       uint32_t handle, unsigned int card,
		       const struct tapi_nl_call *call)
{
	const struct tapi_call_info *got = tapi_nl_call_get_info(call);
	struct tapi_call_status st;
	struct tapi_call_info ci;

	ASSERT_EQ(0, call_info(line_fd, handle, &ci));
	ASSERT_EQ(0, call_status(line_fd, handle, &st));
	EXPECT_EQ(card, tapi_nl_call_get_card(call));
	EXPECT_EQ(ci.call_id, got->call_id);
	EXPECT_EQ(ci.line, got->line);
	EXPECT_EQ(ci.address_id, got->address_id);
	EXPECT_EQ(ci.related_call_id, got->related_call_id);
	EXPECT_EQ(ci.media_mode, got->media_mode);
	EXPECT_EQ(ci.bearer_mode, got->bearer_mode);
	EXPECT_EQ(ci.origin, got->origin);
	EXPECT_EQ(ci.reason, got->reason);
	EXPECT_EQ(ci.num_owners, got->num_owners);
	EXPECT_EQ(ci.num_monitors, got->num_monitors);
	EXPECT_EQ(ci.create_ns, got->create_ns);
	EXPECT_EQ(ci.param_flags, got->param_flags);
	EXPECT_EQ(0u, got->call);
	check_party(_metadata, "caller", &ci.caller, &got->caller);
	check_party(_metadata, "called", &ci.called, &got->called);
	check_party(_metadata, "connected", &ci.connected, &got->connected);
	check_party(_metadata, "redirecting", &ci.redirecting,
		    &got->redirecting);
	check_party(_metadata, "redirection", &ci.redirection,
		    &got->redirection);
	EXPECT_EQ(st.state, tapi_nl_call_get_state(call));
	EXPECT_EQ(st.mode, tapi_nl_call_get_mode(call));
	EXPECT_EQ(st.state_ns, tapi_nl_call_get_state_ns(call));
	EXPECT_EQ(0u, tapi_nl_call_get_old_state(call));
	EXPECT_EQ(0u, tapi_nl_call_get_info_fields(call));
}

TEST_F(nl, cards)
{
	struct tapi_nl_card **cards, *card;
	struct tapi_card_info info;
	int i, n, found = 0;

	ASSERT_EQ(0, tapi_card_info(self->fd, &info));
	card = tapi_nl_get_card(self->nl, self->card.index);
	ASSERT_NE(NULL, card) TH_LOG("get card: %m");
	check_card(_metadata, &info, tapi_nl_card_get_info(card));
	tapi_nl_card_free(card);

	n = tapi_nl_dump_cards(self->nl, &cards);
	ASSERT_LE(1, n) TH_LOG("dump cards: %m");
	EXPECT_EQ(NULL, cards[n]);
	for (i = 0; i < n; i++) {
		if (i) {
			EXPECT_LT(tapi_nl_card_get_info(cards[i - 1])->index,
				  tapi_nl_card_get_info(cards[i])->index);
		}
		if (tapi_nl_card_get_info(cards[i])->index !=
		    (unsigned int)self->card.index)
			continue;
		found++;
		check_card(_metadata, &info, tapi_nl_card_get_info(cards[i]));
	}
	EXPECT_EQ(1, found);
	tapi_nl_card_list_free(cards);
}

TEST_F(nl, lines)
{
	struct tapi_nl_line **lines, *l;
	int fds[NLINES], i, n, found = 0;

	/* Opens of every kind, so that the status says something. */
	fds[0] = call_open_line(self->fd, 0, TAPI_PRIV_OWNER, 0);
	fds[1] = call_open_line(self->fd, 1, TAPI_PRIV_MONITOR, 0);
	fds[2] = call_open_line(self->fd, 2, TAPI_PRIV_NONE, 0);
	for (i = 0; i < NLINES; i++)
		ASSERT_LE(0, fds[i]);

	for (i = 0; i < NLINES; i++) {
		l = tapi_nl_get_line(self->nl, self->card.index, i);
		ASSERT_NE(NULL, l) TH_LOG("get line %d: %m", i);
		check_line(_metadata, self->fd, fds[i], self->card.index, i,
			   l);
		tapi_nl_line_free(l);
	}
	l = tapi_nl_get_line(self->nl, self->card.index, 0);
	ASSERT_NE(NULL, l);
	EXPECT_STREQ("reception", tapi_nl_line_get_caps(l)->name);
	EXPECT_EQ(2u, tapi_nl_line_get_num_addresses(l));
	EXPECT_STREQ("6101", tapi_nl_line_get_address(l, 1)->address);
	EXPECT_EQ(1u, tapi_nl_line_get_status(l)->num_owners);
	tapi_nl_line_free(l);

	n = tapi_nl_dump_lines(self->nl, self->card.index, &lines);
	ASSERT_EQ(NLINES, n) TH_LOG("dump lines of the card: %m");
	for (i = 0; i < n; i++)
		check_line(_metadata, self->fd, fds[i], self->card.index, i,
			   lines[i]);
	tapi_nl_line_list_free(lines);

	n = tapi_nl_dump_lines(self->nl, TAPI_NL_ALL, &lines);
	ASSERT_LE(NLINES, n) TH_LOG("dump every line: %m");
	for (i = 0; i < n; i++) {
		if (tapi_nl_line_get_card(lines[i]) !=
		    (unsigned int)self->card.index)
			continue;
		check_line(_metadata, self->fd, fds[found], self->card.index,
			   found, lines[i]);
		found++;
	}
	EXPECT_EQ(NLINES, found);
	tapi_nl_line_list_free(lines);
	for (i = 0; i < NLINES; i++)
		close(fds[i]);
}

TEST_F(nl, errors)
{
	struct tapi_nl_call **calls;
	struct tapi_nl_line **lines;

	errno = 0;
	EXPECT_EQ(NULL, tapi_nl_get_card(self->nl, 100000));
	EXPECT_EQ(ENODEV, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_nl_get_line(self->nl, 100000, 0));
	EXPECT_EQ(ENODEV, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_nl_get_line(self->nl, self->card.index, NLINES));
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_nl_get_call(self->nl, self->card.index,
					 0x7ffffff0));
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_EQ(NULL, tapi_nl_get_call(self->nl, 100000, 1));
	EXPECT_EQ(ENODEV, errno);
	/* Filters that match nothing: empty. */
	EXPECT_EQ(0, tapi_nl_dump_lines(self->nl, 100000, &lines));
	EXPECT_EQ(NULL, lines[0]);
	tapi_nl_line_list_free(lines);
	EXPECT_EQ(0, tapi_nl_dump_calls(self->nl, self->card.index, NLINES,
					&calls));
	tapi_nl_call_list_free(calls);
	/* Refused before anything is sent. */
	errno = 0;
	EXPECT_EQ(-1, tapi_nl_dump_calls(self->nl, TAPI_NL_ALL, 0, &calls));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_nl_dump_lines(self->nl, -2, &lines));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_nl_subscribe(self->nl, 0));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_nl_get_fd(self->nl));
	EXPECT_EQ(ENOTCONN, errno);
	errno = 0;
	EXPECT_EQ(-1, tapi_nl_dispatch_events(self->nl, NULL, NULL));
	EXPECT_EQ(ENOTCONN, errno);
}

/* The snapshot of call @call_id in @calls, NULL if none. */
static const struct tapi_nl_call *find_call(struct tapi_nl_call **calls,
					    uint32_t call_id)
{
	for (; *calls; calls++)
		if (tapi_nl_call_get_info(*calls)->call_id == call_id)
			return *calls;
	return NULL;
}

TEST_F(nl, calls)
{
	struct tapi_nl_call **calls, *one;
	uint32_t ca, cb, cc, id[3];
	struct tapi_call_info ci;
	struct tapi_event ev;
	int a, b, c, i, n;

	/* Line 0 calls line 1, which answers; the network offers line 2 a
	 * call from a named caller, which its owner leaves ringing. */
	a = call_open_line(self->fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	b = call_open_line(self->fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	c = call_open_line(self->fd, 2, TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
			   EV_CALLS);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_LE(0, c);
	ASSERT_EQ(0, call_connect(a, b, "6200", true, &ca, &cb, TIMEOUT_MS));
	ASSERT_EQ(0, sim_network(&self->card, 2, "offer 5551234 name=Alice"));
	ASSERT_EQ(1, ev_wait_state(c, 0, TAPI_CALLSTATE_OFFERING, &ev,
				   TIMEOUT_MS));
	cc = ev.call;

	n = tapi_nl_dump_calls(self->nl, self->card.index, TAPI_NL_ALL,
			       &calls);
	ASSERT_EQ(3, n) TH_LOG("dump calls: %m");
	ASSERT_EQ(0, call_info(a, ca, &ci));
	id[0] = ci.call_id;
	ASSERT_EQ(0, call_info(b, cb, &ci));
	id[1] = ci.call_id;
	ASSERT_EQ(0, call_info(c, cc, &ci));
	id[2] = ci.call_id;
	ASSERT_NE(NULL, find_call(calls, id[0]));
	ASSERT_NE(NULL, find_call(calls, id[1]));
	ASSERT_NE(NULL, find_call(calls, id[2]));
	check_call(_metadata, a, ca, self->card.index,
		   find_call(calls, id[0]));
	check_call(_metadata, b, cb, self->card.index,
		   find_call(calls, id[1]));
	check_call(_metadata, c, cc, self->card.index,
		   find_call(calls, id[2]));
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_CONNECTED,
		  tapi_nl_call_get_state(find_call(calls, id[0])));
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_OFFERING,
		  tapi_nl_call_get_state(find_call(calls, id[2])));
	EXPECT_STREQ("Alice",
		     tapi_nl_call_get_info(find_call(calls, id[2]))->caller.name);
	EXPECT_STREQ("5551234",
		     tapi_nl_call_get_info(find_call(calls, id[2]))->caller.number);
	EXPECT_STREQ("6200",
		     tapi_nl_call_get_info(find_call(calls, id[0]))->called.number);
	tapi_nl_call_list_free(calls);

	/* By line, and every card. */
	n = tapi_nl_dump_calls(self->nl, self->card.index, 2, &calls);
	ASSERT_EQ(1, n);
	EXPECT_EQ(id[2], tapi_nl_call_get_info(calls[0])->call_id);
	tapi_nl_call_list_free(calls);
	n = tapi_nl_dump_calls(self->nl, TAPI_NL_ALL, TAPI_NL_ALL, &calls);
	ASSERT_LE(3, n);
	for (i = 0; i < 3; i++)
		EXPECT_NE(NULL, find_call(calls, id[i]));
	tapi_nl_call_list_free(calls);

	/* One by one. */
	one = tapi_nl_get_call(self->nl, self->card.index, id[1]);
	ASSERT_NE(NULL, one) TH_LOG("get call: %m");
	check_call(_metadata, b, cb, self->card.index, one);
	tapi_nl_call_free(one);

	/* A held call. */
	ASSERT_EQ(0, call_op(b, TAPI_IOC_CALL_HOLD, cb, TAPI_REQUEST_SYNC));
	one = tapi_nl_get_call(self->nl, self->card.index, id[1]);
	ASSERT_NE(NULL, one);
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_ONHOLD, tapi_nl_call_get_state(one));
	check_call(_metadata, b, cb, self->card.index, one);
	tapi_nl_call_free(one);

	close(a);
	close(b);
	close(c);
}

/* ------------------------------------------------------------------ */
/* Notifications                                                       */
/* ------------------------------------------------------------------ */

#define MAX_SEEN	256

/**
 * struct seen - notifications recorded
 * @type, @card, @line, @call_id, @state, @old_state, @fields, @num_opens:
 *	one entry per notification
 */
struct seen {
	unsigned int n;
	struct {
		unsigned int type;
		unsigned int card;
		unsigned int line;
		uint32_t call_id;
		uint32_t state;
		uint32_t old_state;
		uint32_t fields;
		uint32_t num_opens;
		char name[TAPI_NAME_LEN];
	} ev[MAX_SEEN];
};

static int record(const struct tapi_nl_event *ev, void *data)
{
	const struct tapi_nl_card *card = tapi_nl_event_get_card(ev);
	const struct tapi_nl_line *line = tapi_nl_event_get_line(ev);
	const struct tapi_nl_call *call = tapi_nl_event_get_call(ev);
	struct seen *s = data;

	if (s->n == MAX_SEEN)
		return 1;
	memset(&s->ev[s->n], 0, sizeof(s->ev[s->n]));
	s->ev[s->n].type = tapi_nl_event_get_type(ev);
	if (card) {
		s->ev[s->n].card = tapi_nl_card_get_info(card)->index;
		strcpy(s->ev[s->n].name, tapi_nl_card_get_info(card)->name);
	} else if (line) {
		s->ev[s->n].card = tapi_nl_line_get_card(line);
		s->ev[s->n].line = tapi_nl_line_get_caps(line)->line;
		s->ev[s->n].num_opens =
			tapi_nl_line_get_status(line)->num_opens;
	} else if (call) {
		s->ev[s->n].card = tapi_nl_call_get_card(call);
		s->ev[s->n].line = tapi_nl_call_get_info(call)->line;
		s->ev[s->n].call_id = tapi_nl_call_get_info(call)->call_id;
		s->ev[s->n].state = tapi_nl_call_get_state(call);
		s->ev[s->n].old_state = tapi_nl_call_get_old_state(call);
		s->ev[s->n].fields = tapi_nl_call_get_info_fields(call);
	}
	s->n++;
	return 0;
}

/* Index of the first notification @type of @card after @from, or -1. */
static int find(const struct seen *s, unsigned int from, unsigned int type,
		unsigned int card)
{
	unsigned int i;

	for (i = from; i < s->n; i++)
		if (s->ev[i].type == type && s->ev[i].card == card)
			return i;
	return -1;
}

static unsigned int count(const struct seen *s, unsigned int type,
			  unsigned int card)
{
	unsigned int i, n = 0;

	for (i = 0; i < s->n; i++)
		if (s->ev[i].type == type && s->ev[i].card == card)
			n++;
	return n;
}

/* Record notifications until @done(@s, @arg) or @ms pass; true if done. */
static bool collect(struct tapi_nl *nl, struct seen *s, int ms,
		    bool (*done)(const struct seen *s, const void *arg),
		    const void *arg)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000;

	while (!done(s, arg) && now_ns() < end) {
		if (tapi_nl_wait_event(nl, 100000000) < 0)
			return false;
		if (tapi_nl_dispatch_events(nl, record, s) < 0)
			return false;
	}
	return done(s, arg);
}

struct card_goal {
	unsigned int card;
	unsigned int type;
	unsigned int num;
};

static bool card_done(const struct seen *s, const void *arg)
{
	const struct card_goal *g = arg;

	return count(s, g->type, g->card) >= g->num;
}

TEST_F(nl, monitor_cards)
{
	struct sim_card *other = &self->other;
	struct card_goal goal;
	struct seen *s;
	int i, ret, idx;

	s = calloc(1, sizeof(*s));
	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, tapi_nl_subscribe(self->nl, TAPI_NL_GROUP_MONITOR));
	ASSERT_LE(0, tapi_nl_get_fd(self->nl));
	ret = sim_card_create(other, "nlmon", 2);
	ASSERT_EQ(0, ret);
	ret = sim_card_live(other, true);
	ASSERT_EQ(0, ret);
	idx = other->index;

	goal.card = idx;
	goal.type = TAPI_CMD_LINE_NEW;
	goal.num = 2;
	EXPECT_TRUE(collect(self->nl, s, TIMEOUT_MS, card_done, &goal));
	i = find(s, 0, TAPI_CMD_CARD_NEW, idx);
	ASSERT_LE(0, i) TH_LOG("no CARD_NEW for %s", other->dev_path);
	EXPECT_STREQ(other->name, s->ev[i].name);
	/* The card first, then its lines, in order. */
	EXPECT_LT(i, find(s, 0, TAPI_CMD_LINE_NEW, idx));
	EXPECT_EQ(0u, s->ev[find(s, 0, TAPI_CMD_LINE_NEW, idx)].line);

	ASSERT_EQ(0, sim_card_live(other, false));
	goal.type = TAPI_CMD_CARD_DEL;
	goal.num = 1;
	EXPECT_TRUE(collect(self->nl, s, TIMEOUT_MS, card_done, &goal));
	EXPECT_EQ(2u, count(s, TAPI_CMD_LINE_DEL, idx));
	EXPECT_EQ(1u, count(s, TAPI_CMD_CARD_DEL, idx));
	EXPECT_STREQ(other->name,
		     s->ev[find(s, 0, TAPI_CMD_CARD_DEL, idx)].name);
	/* Calls were not asked for. */
	EXPECT_EQ(0u, count(s, TAPI_CMD_CALL_NEW, self->card.index));
	free(s);
}

/*
 * Another process opens lines 0 and 1, line 0 calls line 1, which
 * answers, and line 0 hangs up.  Exits 0 when all went so.
 */
static int other_process(int card_fd)
{
	struct tapi_event ev;
	uint32_t ca, cb;
	int a, b;

	a = call_open_line(card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	b = call_open_line(card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	if (a < 0 || b < 0)
		return 10;
	if (call_connect(a, b, "6200", true, &ca, &cb, TIMEOUT_MS))
		return 11;
	if (call_op(a, TAPI_IOC_CALL_DROP, ca, TAPI_REQUEST_SYNC))
		return 12;
	/* The far end hung up: line 1 drops its call too. */
	if (ev_wait_state(b, cb, TAPI_CALLSTATE_DISCONNECTED, &ev,
			  TIMEOUT_MS) != 1)
		return 13;
	if (call_op(b, TAPI_IOC_CALL_DROP, cb, TAPI_REQUEST_SYNC))
		return 14;
	if (call_state(a, ca) != TAPI_CALLSTATE_IDLE ||
	    call_state(b, cb) != TAPI_CALLSTATE_IDLE)
		return 15;
	return 0;
}

struct call_goal {
	unsigned int card;
};

/* Two calls appeared, and both went idle. */
static bool calls_done(const struct seen *s, const void *arg)
{
	const struct call_goal *g = arg;
	unsigned int i, idle = 0;

	for (i = 0; i < s->n; i++)
		if (s->ev[i].card == g->card &&
		    s->ev[i].type == TAPI_CMD_CALL_STATE &&
		    s->ev[i].state == TAPI_CALLSTATE_IDLE)
			idle++;
	return count(s, TAPI_CMD_CALL_NEW, g->card) >= 2 && idle >= 2;
}

TEST_F(nl, monitor_calls)
{
	struct call_goal goal = { .card = self->card.index };
	bool connected = false, opened = false;
	unsigned int i, k, idle;
	struct seen *s;
	int status;
	pid_t pid;

	s = calloc(1, sizeof(*s));
	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, tapi_nl_subscribe(self->nl, TAPI_NL_GROUP_MONITOR |
					       TAPI_NL_GROUP_CALLS))
		TH_LOG("subscribe: %m");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(other_process(self->fd));
	EXPECT_TRUE(collect(self->nl, s, 2 * TIMEOUT_MS, calls_done, &goal));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));

	EXPECT_EQ(2u, count(s, TAPI_CMD_CALL_NEW, self->card.index));
	EXPECT_LE(1u, count(s, TAPI_CMD_CALL_INFO, self->card.index));
	for (i = 0; i < s->n; i++) {
		if (s->ev[i].card != (unsigned int)self->card.index)
			continue;
		if (s->ev[i].type == TAPI_CMD_LINE_STATE &&
		    s->ev[i].line == 0 && s->ev[i].num_opens)
			opened = true;
		if (s->ev[i].type == TAPI_CMD_CALL_INFO) {
			EXPECT_NE(0u, s->ev[i].fields);
		}
		if (s->ev[i].type != TAPI_CMD_CALL_STATE)
			continue;
		/* Every state change says what it left. */
		EXPECT_NE(0u, s->ev[i].old_state);
		EXPECT_NE(s->ev[i].state, s->ev[i].old_state);
		if (s->ev[i].state == TAPI_CALLSTATE_CONNECTED &&
		    s->ev[i].line == 1 &&
		    s->ev[i].old_state == TAPI_CALLSTATE_OFFERING)
			connected = true;
	}
	EXPECT_TRUE(opened) TH_LOG("no LINE_STATE for the other's open");
	EXPECT_TRUE(connected) TH_LOG("no CALL_STATE offering -> connected");
	/*
	 * Each call that appeared ended, and changed state no more (its
	 * information may: handles are released after).
	 */
	for (i = 0; i < s->n; i++) {
		if (s->ev[i].type != TAPI_CMD_CALL_NEW)
			continue;
		idle = 0;
		for (k = i; k < s->n; k++) {
			if (s->ev[k].call_id != s->ev[i].call_id ||
			    s->ev[k].card != s->ev[i].card)
				continue;
			if (idle) {
				EXPECT_NE((unsigned int)TAPI_CMD_CALL_STATE, s->ev[k].type)
					TH_LOG("a state after idle: %s",
					       state_name(s->ev[k].state));
			}
			if (s->ev[k].type == TAPI_CMD_CALL_STATE &&
			    s->ev[k].state == TAPI_CALLSTATE_IDLE)
				idle = 1;
		}
		EXPECT_EQ(1u, idle) TH_LOG("call %u never idle",
					  s->ev[i].call_id);
	}
	free(s);
}

static int count_events(const struct tapi_nl_event *ev, void *data)
{
	(void)ev;
	(*(unsigned int *)data)++;
	return 0;
}

TEST_F(nl, overflow)
{
	unsigned int n = 0;
	int fd, size = 1, i, ret, lost = 0;

	ASSERT_EQ(0, tapi_nl_subscribe(self->nl, TAPI_NL_GROUP_MONITOR));
	/* The smallest buffer the kernel allows: a few messages. */
	ASSERT_EQ(0, setsockopt(tapi_nl_get_fd(self->nl), SOL_SOCKET,
				SO_RCVBUF, &size, sizeof(size)));
	for (i = 0; i < 64; i++) {
		fd = call_open_line(self->fd, i % NLINES, TAPI_PRIV_NONE, 0);
		ASSERT_LE(0, fd);
		close(fd);
	}
	/* Let the core's queue drain into the socket. */
	for (i = 0; i < 50 && !lost; i++) {
		usleep(20000);
		ret = tapi_nl_dispatch_events(self->nl, count_events, &n);
		if (ret < 0) {
			ASSERT_EQ(ENOBUFS, errno) TH_LOG("dispatch: %m");
			lost = 1;
		}
	}
	EXPECT_TRUE(lost) TH_LOG("%u notifications read, none lost", n);

	/* After the loss the socket goes on, with room again. */
	size = 1 << 20;
	ASSERT_EQ(0, setsockopt(tapi_nl_get_fd(self->nl), SOL_SOCKET,
				SO_RCVBUF, &size, sizeof(size)));
	for (i = 0; i < 100; i++)
		if (!tapi_nl_dispatch_events(self->nl, count_events, &n))
			break;
	n = 0;
	fd = call_open_line(self->fd, 0, TAPI_PRIV_NONE, 0);
	ASSERT_LE(0, fd);
	close(fd);
	for (i = 0; i < 100 && n < 2; i++) {
		tapi_nl_wait_event(self->nl, 50000000);
		ret = tapi_nl_dispatch_events(self->nl, count_events, &n);
		if (ret < 0) {
			EXPECT_EQ(ENOBUFS, errno);
		}
	}
	EXPECT_LE(2u, n);
}

/* ------------------------------------------------------------------ */
/* Unprivileged                                                        */
/* ------------------------------------------------------------------ */

/*
 * Run as nobody without capabilities: cards and lines of card @index are
 * seen, calls are EPERM, the "calls" group is EPERM, "monitor" is not.
 * Prints what went wrong; returns the number of failures.
 */
static int unprivileged(unsigned int index)
{
	struct tapi_nl_call **calls;
	struct tapi_nl_line **lines;
	struct tapi_nl_card *card;
	struct tapi_nl *nl;
	int n, bad = 0;

#define BAD(...) do { printf("# unprivileged: " __VA_ARGS__); \
		      printf("\n"); bad++; } while (0)
	if (!geteuid())
		BAD("still root");
	nl = tapi_nl_open();
	if (!nl) {
		BAD("tapi_nl_open: %m");
		return bad;
	}
	card = tapi_nl_get_card(nl, index);
	if (!card || tapi_nl_card_get_info(card)->num_lines != NLINES)
		BAD("get card %u: %m", index);
	tapi_nl_card_free(card);
	n = tapi_nl_dump_lines(nl, index, &lines);
	if (n != NLINES)
		BAD("dump lines: %d (%m)", n);
	else
		tapi_nl_line_list_free(lines);
	errno = 0;
	n = tapi_nl_dump_calls(nl, TAPI_NL_ALL, TAPI_NL_ALL, &calls);
	if (n != -1 || errno != EPERM)
		BAD("dump calls: %d (%m), not EPERM", n);
	errno = 0;
	if (tapi_nl_get_call(nl, index, 1) || errno != EPERM)
		BAD("get call: %m, not EPERM");
	errno = 0;
	if (tapi_nl_subscribe(nl, TAPI_NL_GROUP_CALLS) != -1 ||
	    errno != EPERM)
		BAD("join calls: %m, not EPERM");
	if (tapi_nl_subscribe(nl, TAPI_NL_GROUP_MONITOR))
		BAD("join monitor: %m");
	errno = 0;
	if (tapi_nl_subscribe(nl, TAPI_NL_GROUP_MONITOR |
				  TAPI_NL_GROUP_CALLS) != -1 ||
	    errno != EPERM || tapi_nl_get_fd(nl) < 0)
		BAD("join both: %m, not EPERM with monitor joined");
	tapi_nl_close(nl);
#undef BAD
	return bad;
}

TEST_F(nl, unprivileged)
{
	char exe[4096], index[16];
	ssize_t len;
	int status;
	pid_t pid;

	if (access("/usr/bin/setpriv", X_OK))
		SKIP(return, "no setpriv (util-linux)");
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, len);
	exe[len] = '\0';
	snprintf(index, sizeof(index), "%d", self->card.index);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		setenv(UNPRIV_ENV, index, 1);
		execl("/usr/bin/setpriv", "setpriv", "--reuid=65534",
		      "--regid=65534", "--clear-groups", "--inh-caps=-all",
		      "--bounding-set=-all", exe, (char *)NULL);
		_exit(127);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("the unprivileged run failed (see above)");
}

/*
 * The kernel's own refusals, of requests the library would not send: one
 * hand-made request at a time on a plain libnl socket, its answer as the
 * errno the kernel put in its error or done message.
 */
struct raw_answer {
	int err;
	bool done;
};

static int raw_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct raw_answer *a = arg;

	(void)nla;
	a->err = e->error;
	a->done = true;
	return NL_STOP;
}

static int raw_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct raw_answer *a = arg;

	/* A dump that failed at once says so in its done message. */
	if (nlmsg_datalen(h) >= (int)sizeof(int))
		memcpy(&a->err, nlmsg_data(h), sizeof(int));
	a->done = true;
	return NL_STOP;
}

static int raw_ack(struct nl_msg *msg, void *arg)
{
	struct raw_answer *a = arg;

	(void)msg;
	a->done = true;
	return NL_STOP;
}

/* Send @cmd with u32 attributes @attrs (type, value pairs, then 0). */
static int raw_request(struct nl_sock *sk, int family, uint8_t cmd, int flags,
		       const uint32_t *attrs)
{
	struct raw_answer a = { 0 };
	struct nl_msg *msg;
	struct nl_cb *cb;
	int ret;

	msg = nlmsg_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb)
		return -ENOMEM;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
		    flags | NLM_F_ACK, cmd, TAPI_GENL_VERSION);
	for (; attrs && attrs[0]; attrs += 2)
		nla_put_u32(msg, attrs[0], attrs[1]);
	nl_cb_err(cb, NL_CB_CUSTOM, raw_error, &a);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, raw_finish, &a);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, raw_ack, &a);
	ret = nl_send_auto(sk, msg);
	while (ret >= 0 && !a.done)
		ret = nl_recvmsgs(sk, cb);
	nlmsg_free(msg);
	nl_cb_put(cb);
	/* libnl's own status is negative after an error message: ours wins. */
	return a.done ? a.err : -EIO;
}

TEST_F(nl, raw_refusals)
{
	const uint32_t card = self->card.index;
	const uint32_t none[] = { 0 };
	const uint32_t card_only[] = { TAPI_A_CARD_INDEX, card, 0 };
	const uint32_t line_only[] = { TAPI_A_LINE_INDEX, 0, 0 };
	const uint32_t foreign[] = { TAPI_A_CARD_INDEX, card, TAPI_A_CALL_ID,
				     1, 0 };
	const uint32_t unknown[] = { TAPI_A_CARD_INDEX, card, 200, 1, 0 };
	struct nl_sock *sk;
	int family;

	sk = nl_socket_alloc();
	ASSERT_NE(NULL, sk);
	ASSERT_EQ(0, genl_connect(sk));
	family = genl_ctrl_resolve(sk, TAPI_GENL_NAME);
	ASSERT_LT(0, family);

	EXPECT_EQ(-EINVAL, raw_request(sk, family, TAPI_CMD_CARD_GET, 0, none))
		TH_LOG("card get without a card");
	EXPECT_EQ(-EINVAL, raw_request(sk, family, TAPI_CMD_LINE_GET, 0,
				       card_only))
		TH_LOG("line get without a line");
	EXPECT_EQ(-EINVAL, raw_request(sk, family, TAPI_CMD_CALL_GET, 0,
				       card_only))
		TH_LOG("call get without a call");
	EXPECT_EQ(-EINVAL, raw_request(sk, family, TAPI_CMD_CARD_GET, 0,
				       foreign))
		TH_LOG("an attribute of another command");
	EXPECT_EQ(-EINVAL, raw_request(sk, family, TAPI_CMD_CARD_GET, 0,
				       unknown))
		TH_LOG("an attribute the family does not have");
	EXPECT_EQ(-EINVAL, raw_request(sk, family, TAPI_CMD_CALL_GET,
				       NLM_F_DUMP, line_only))
		TH_LOG("a call dump of a line without its card");
	EXPECT_EQ(-EOPNOTSUPP, raw_request(sk, family, TAPI_CMD_CARD_NEW, 0,
					   none))
		TH_LOG("a notification sent as a request");
	/* The same requests made right are answered. */
	EXPECT_EQ(0, raw_request(sk, family, TAPI_CMD_CARD_GET, 0, card_only))
		TH_LOG("card get");
	EXPECT_EQ(0, raw_request(sk, family, TAPI_CMD_CALL_GET, NLM_F_DUMP,
				 card_only))
		TH_LOG("call dump of a card");
	nl_socket_free(sk);
}

int main(int argc, char **argv)
{
	const char *unpriv = getenv(UNPRIV_ENV);

	if (unpriv)
		return unprivileged(strtoul(unpriv, NULL, 10)) ? 1 : 0;
	sim_require("netlink_test");
	return test_harness_run(argc, argv);
}
