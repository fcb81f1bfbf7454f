// SPDX-License-Identifier: GPL-2.0
/*
 * Call services on the sim card's switch: redirect, pickup (directed and
 * group), park and unpark (directed, non-directed, collisions), forward
 * (unconditional, busy, no answer, to the network, cancel, loops), secure
 * call, user-user information both ways, call completion (camp-on, call
 * back, cancel, the requester closing), and every refusal: arguments,
 * handles, capabilities, privilege, state, busy and unknown numbers.
 *
 * Five lines: A 2000 (line 0), B 2001 (pickup group "sales"), C 2002 (one
 * call at most, group "sales"), D 2003 (no call services at all), E 2004;
 * park addresses 700 and 701; each line opened by an owner.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"
#include "transport.h"

#define T	2000	/* ms to wait for an event that must come */
#define SYNC	TAPI_REQUEST_SYNC
#define LINES	5

FIXTURE(services)
{
	struct sim_card card;
	int card_fd;
	int fd[LINES];
};

FIXTURE_SETUP(services)
{
	unsigned int i;
	int ret;

	self->card_fd = -1;
	for (i = 0; i < LINES; i++)
		self->fd[i] = -1;
	ret = sim_card_create(&self->card, "svc", LINES);
	if (!ret)
		ret = sim_card_set(&self->card, "park_numbers", "700 701");
	if (!ret)
		ret = sim_line_set(&self->card, 1, "pickup_group", "sales");
	if (!ret)
		ret = sim_line_set(&self->card, 2, "pickup_group", "sales");
	if (!ret)
		ret = sim_line_set(&self->card, 2, "max_calls", "1");
	/* D: basic call control and media control, make call only. */
	if (!ret)
		ret = sim_line_set(&self->card, 3, "call_features", "0x1f8000f");
	if (!ret)
		ret = sim_line_set(&self->card, 3, "address_features", "1");
	if (!ret)
		ret = sim_card_live(&self->card, true);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	for (i = 0; i < LINES; i++) {
		self->fd[i] = call_open_line(self->card_fd, i, TAPI_PRIV_OWNER,
					     0);
		ASSERT_LE(0, self->fd[i]);
	}
}

FIXTURE_TEARDOWN(services)
{
	unsigned int i;

	for (i = 0; i < LINES; i++) {
		if (self->fd[i] >= 0)
			close(self->fd[i]);
	}
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

#define A	(self->fd[0])
#define B	(self->fd[1])
#define C	(self->fd[2])
#define D	(self->fd[3])
#define E	(self->fd[4])

static int redirect(int fd, uint32_t call, const char *dest)
{
	struct tapi_call_dial d = {
		.size = sizeof(d),
		.flags = SYNC,
		.call = call,
	};

	snprintf(d.digits, sizeof(d.digits), "%s", dest);
	return tapi_ioctl(fd, TAPI_IOC_CALL_REDIRECT, &d);
}

/* Pickup or unpark (@cmd) onto address 0; *call gets the new handle. */
static int take(int fd, unsigned long cmd, const char *dest,
		const char *group, uint32_t *call)
{
	struct tapi_line_pickup p = { .size = sizeof(p), .flags = SYNC };
	int ret;

	snprintf(p.dest, sizeof(p.dest), "%s", dest);
	snprintf(p.group, sizeof(p.group), "%s", group);
	ret = tapi_ioctl(fd, cmd, &p);
	if (call)
		*call = p.call;
	return ret;
}

static int park(int fd, uint32_t call, uint32_t mode, const char *dest)
{
	struct tapi_call_park p = {
		.size = sizeof(p),
		.flags = SYNC,
		.call = call,
		.mode = mode,
	};

	snprintf(p.dest, sizeof(p.dest), "%s", dest);
	return tapi_ioctl(fd, TAPI_IOC_CALL_PARK, &p);
}

/* Forward address 0 of @fd's line: up to two entries, mode 0 ends. */
static int forward(int fd, uint32_t flags, uint32_t no_answer_ms,
		   uint32_t m1, const char *d1, uint32_t m2, const char *d2)
{
	struct tapi_line_forward f = {
		.size = sizeof(f),
		.flags = flags | SYNC,
		.no_answer_ms = no_answer_ms,
	};

	if (m1) {
		f.entries[f.num_entries].mode = m1;
		snprintf(f.entries[f.num_entries++].dest, TAPI_DIAL_LEN, "%s",
			 d1);
	}
	if (m2) {
		f.entries[f.num_entries].mode = m2;
		snprintf(f.entries[f.num_entries++].dest, TAPI_DIAL_LEN, "%s",
			 d2);
	}
	return tapi_ioctl(fd, TAPI_IOC_LINE_FORWARD, &f);
}

/* Send the bytes of string @data, saying there are @len of them. */
static int user_user(int fd, uint32_t call, const char *data, uint32_t len)
{
	struct tapi_call_user_user u = {
		.size = sizeof(u),
		.flags = SYNC,
		.call = call,
		.len = len,
	};

	memcpy(u.data, data, strnlen(data, sizeof(u.data)));
	return tapi_ioctl(fd, TAPI_IOC_CALL_SEND_USER_USER, &u);
}

static int complete(int fd, uint32_t call, uint32_t mode, uint32_t *id)
{
	struct tapi_call_completion c = {
		.size = sizeof(c),
		.flags = SYNC,
		.call = call,
		.mode = mode,
	};
	int ret = tapi_ioctl(fd, TAPI_IOC_CALL_COMPLETE, &c);

	if (id)
		*id = c.completion_id;
	return ret;
}

static int uncomplete(int fd, uint32_t id)
{
	struct tapi_line_uncomplete u = {
		.size = sizeof(u),
		.flags = SYNC,
		.completion_id = id,
	};

	return tapi_ioctl(fd, TAPI_IOC_LINE_UNCOMPLETE, &u);
}

static uint32_t features(int fd, uint32_t call)
{
	struct tapi_call_status st;

	if (call_status(fd, call, &st))
		return 0;
	return st.call_features;
}

/* Wait for a CALLINFO of @call naming @field.  1, 0 on timeout. */
static int wait_info(int fd, uint32_t call, uint32_t field)
{
	struct tapi_event ev;

	while (ev_wait(fd, TAPI_EV_CALLINFO, call, &ev, T) == 1) {
		if (ev.param[0] & field)
			return 1;
	}
	return 0;
}

/* The next NEWCALL on @fd: its handle, 0 if none comes. */
static uint32_t new_call(int fd, int timeout_ms)
{
	struct tapi_event ev;

	return ev_wait(fd, TAPI_EV_NEWCALL, 0, &ev, timeout_ms) == 1 ? ev.call :
									   0;
}

/* C's only call is in use: C calls D, which leaves it offering. */
static uint32_t make_c_busy(struct __test_metadata *_metadata, int c, int d,
			    uint32_t *dcall)
{
	uint32_t cc;

	EXPECT_EQ(0, call_make(c, "2003", TAPI_CALL_MAKE_SYNC, &cc));
	*dcall = new_call(d, T);
	EXPECT_NE(0u, *dcall);
	return cc;
}

TEST_F(services, redirect)
{
	struct tapi_call_info ci;
	uint32_t ca, cb, ce, cc, cd;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	EXPECT_TRUE(!!(features(B, cb) & TAPI_CALLFEATURE_REDIRECT));
	/* Nowhere, and busy: refused, still offered here. */
	EXPECT_EQ(-ENXIO, redirect(B, cb, "2999"));
	cc = make_c_busy(_metadata, C, D, &cd);
	EXPECT_EQ(-EBUSY, redirect(B, cb, "2002"));
	EXPECT_EQ(TAPI_CALLSTATE_OFFERING, call_state(B, cb));
	EXPECT_EQ(-EINVAL, redirect(B, cb, ""));

	ASSERT_EQ(0, redirect(B, cb, "2004"));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, cb));
	ce = new_call(E, T);
	ASSERT_NE(0u, ce);
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_REDIRECT, ci.reason);
	EXPECT_STREQ("2001", ci.redirecting.number);
	EXPECT_STREQ("2000", ci.caller.number);
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("2004", ci.redirection.number);
	EXPECT_EQ(TAPI_CALLSTATE_RINGBACK, call_state(A, ca));
	/* Answered at E: A talks to E. */
	ASSERT_EQ(0, call_op(E, TAPI_IOC_CALL_ANSWER, ce, SYNC));
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("2004", ci.connected.number);
	/* Connected: no redirect any more. */
	EXPECT_FALSE(!!(features(E, ce) & TAPI_CALLFEATURE_REDIRECT));
	EXPECT_EQ(-EBADFD, redirect(E, ce, "2001"));
	EXPECT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
}

TEST_F(services, pickup_directed_and_by_group)
{
	struct tapi_call_info ci;
	uint32_t ca, cb, ce, cc, cx;
	struct tapi_event ev;

	/* E takes the call ringing at B. */
	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	ASSERT_EQ(0, take(E, TAPI_IOC_LINE_PICKUP, "2001", "", &ce));
	ASSERT_NE(0u, ce);
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(E, ce));
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_PICKUP, ci.reason);
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_INTERNAL, ci.origin);
	EXPECT_STREQ("2000", ci.caller.number);
	EXPECT_STREQ("2000", ci.connected.number);
	ASSERT_EQ(1, ev_wait_state(B, cb, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_PICKUP, ev.param[1]);
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("2004", ci.connected.number);
	/* Nothing rings there any more. */
	EXPECT_EQ(-ESRCH, take(E, TAPI_IOC_LINE_PICKUP, "2001", "", &cx));
	EXPECT_EQ(-ENXIO, take(E, TAPI_IOC_LINE_PICKUP, "2999", "", &cx));
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_DROP, cb, SYNC));

	/* B's own group (sales) has C ringing; E has no group. */
	ASSERT_EQ(0, call_connect(A, C, "2002", false, &ca, &cc, T));
	EXPECT_EQ(-ESRCH, take(E, TAPI_IOC_LINE_PICKUP, "", "", &cx));
	EXPECT_EQ(-ESRCH, take(E, TAPI_IOC_LINE_PICKUP, "", "support", &cx));
	ASSERT_EQ(0, take(B, TAPI_IOC_LINE_PICKUP, "", "", &cb));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
	ASSERT_EQ(1, ev_wait_state(C, cc, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));

	/* Named group, from a line outside it. */
	ASSERT_EQ(0, call_connect(A, C, "2002", false, &ca, &cc, T));
	ASSERT_EQ(0, take(E, TAPI_IOC_LINE_PICKUP, "", "sales", &cx));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(E, cx));

	/* Arguments: a group with a number, a bad address, flags. */
	EXPECT_EQ(-EINVAL, take(E, TAPI_IOC_LINE_PICKUP, "2001", "sales",
				NULL));
	EXPECT_EQ(-EINVAL, take(E, TAPI_IOC_LINE_UNPARK, "700", "sales",
				NULL));
	EXPECT_EQ(-EINVAL, take(E, TAPI_IOC_LINE_UNPARK, "", "", NULL));
	/* A line that cannot pick up. */
	EXPECT_EQ(-EOPNOTSUPP, take(D, TAPI_IOC_LINE_PICKUP, "2001", "", NULL));
}

TEST_F(services, pickup_needs_room)
{
	struct tapi_line_pickup p = { .size = sizeof(p), .flags = SYNC };
	struct tapi_address_status st;
	uint32_t ca, cb, cc, cd;

	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, call_address_status(C, 0, &st));
	EXPECT_FALSE(!!(st.address_features & TAPI_ADDRFEATURE_PICKUP));
	EXPECT_EQ(-EBUSY, take(C, TAPI_IOC_LINE_PICKUP, "2001", "", NULL));
	EXPECT_EQ(TAPI_CALLSTATE_OFFERING, call_state(B, cb));
	ASSERT_EQ(0, call_address_status(E, 0, &st));
	EXPECT_TRUE(!!(st.address_features & TAPI_ADDRFEATURE_PICKUP));
	p.address_id = 5;
	EXPECT_EQ(-ENOENT, tapi_ioctl(E, TAPI_IOC_LINE_PICKUP, &p));
	p.address_id = 0;
	p.reserved = 1;
	EXPECT_EQ(-EINVAL, tapi_ioctl(E, TAPI_IOC_LINE_PICKUP, &p));
	p.reserved = 0;
	p.flags = 0x10;
	EXPECT_EQ(-EOPNOTSUPP, tapi_ioctl(E, TAPI_IOC_LINE_PICKUP, &p));
	EXPECT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
}

TEST_F(services, park_and_unpark)
{
	uint32_t ca, cb, ca2, cb2, ce, cx;
	struct tapi_call_info ci;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	EXPECT_TRUE(!!(features(B, cb) & TAPI_CALLFEATURE_PARK));
	/* Not a park address; arguments. */
	EXPECT_EQ(-ENXIO, park(B, cb, TAPI_PARK_DIRECTED, "2004"));
	EXPECT_EQ(-EINVAL, park(B, cb, TAPI_PARK_DIRECTED, ""));
	EXPECT_EQ(-EINVAL, park(B, cb, TAPI_PARK_NONDIRECTED, "700"));
	EXPECT_EQ(-EINVAL, park(B, cb, TAPI_PARK_VALID, "700"));
	EXPECT_EQ(-EINVAL, park(B, cb, 0, ""));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));

	ASSERT_EQ(0, park(B, cb, TAPI_PARK_DIRECTED, "700"));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, cb));
	ASSERT_EQ(0, call_info(B, cb, &ci));
	EXPECT_STREQ("700", ci.redirection.number);
	/* The parked party is held by the switch, and knows why. */
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_ACTIVEHELD, ev.param[1]);
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_PARKED, ci.reason);
	EXPECT_STREQ("2001", ci.redirecting.number);

	/* 700 is taken; non-directed gets 701; then none is left. */
	ASSERT_EQ(0, call_connect(E, B, "2001", true, &ca2, &cb2, T));
	EXPECT_EQ(-EBUSY, park(B, cb2, TAPI_PARK_DIRECTED, "700"));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb2));
	ASSERT_EQ(0, park(B, cb2, TAPI_PARK_NONDIRECTED, ""));
	ASSERT_EQ(0, call_info(B, cb2, &ci));
	EXPECT_STREQ("701", ci.redirection.number);
	ASSERT_EQ(0, call_connect(C, B, "2001", true, &cx, &cb, T));
	EXPECT_EQ(-EBUSY, park(B, cb, TAPI_PARK_NONDIRECTED, ""));
	EXPECT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cx, SYNC));

	/* D unparks 700: it talks to A. */
	EXPECT_EQ(-EOPNOTSUPP, take(D, TAPI_IOC_LINE_UNPARK, "700", "", NULL));
	ASSERT_EQ(0, take(C, TAPI_IOC_LINE_UNPARK, "700", "", &ce));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(C, ce));
	ASSERT_EQ(0, call_info(C, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_UNPARK, ci.reason);
	EXPECT_STREQ("2000", ci.connected.number);
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_ACTIVE, ev.param[1]);
	EXPECT_EQ(-ESRCH, take(E, TAPI_IOC_LINE_UNPARK, "700", "", NULL));
	EXPECT_EQ(-ENXIO, take(E, TAPI_IOC_LINE_UNPARK, "2001", "", NULL));

	/* The party parked at 701 hangs up: nothing is parked there. */
	ASSERT_EQ(0, call_op(E, TAPI_IOC_CALL_DROP, ca2, SYNC));
	EXPECT_EQ(-ESRCH, take(A, TAPI_IOC_LINE_UNPARK, "701", "", NULL));
	/* Hang up while C talks to A: A hears it. */
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, ce, SYNC));
	EXPECT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
}

TEST_F(services, park_a_caller_from_the_network)
{
	struct tapi_call_info ci;
	uint32_t cb, ce;

	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 5551234"));
	cb = new_call(B, T);
	ASSERT_NE(0u, cb);
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_ANSWER, cb, SYNC));
	ASSERT_EQ(0, park(B, cb, TAPI_PARK_NONDIRECTED, ""));
	ASSERT_EQ(0, call_info(B, cb, &ci));
	EXPECT_STREQ("700", ci.redirection.number);
	ASSERT_EQ(0, take(E, TAPI_IOC_LINE_UNPARK, "700", "", &ce));
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_EXTERNAL, ci.origin);
	EXPECT_STREQ("5551234", ci.caller.number);
	/* The network's party, on E now, hangs up. */
	ASSERT_EQ(0, sim_network(&self->card, 4, "hangup"));
	EXPECT_EQ(TAPI_CALLSTATE_DISCONNECTED, call_state(E, ce));
}

/* The forwarding of @fd's address 0 as the status shows it. */
static int fwd_status(int fd, struct tapi_address_status *st)
{
	return call_address_status(fd, 0, st);
}

TEST_F(services, forward_unconditional_and_cancel)
{
	struct tapi_address_status st;
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t ca, ce, cb;

	ASSERT_EQ(0, forward(B, 0, 0, TAPI_FORWARD_UNCOND, "2004", 0, NULL));
	/* Every fd of the line hears of it. */
	ASSERT_EQ(1, ev_wait(B, TAPI_EV_ADDRESSSTATE, 0, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_ADDRSTATE_FORWARD, ev.param[1]);
	EXPECT_EQ((uint32_t)TAPI_FORWARD_UNCOND, ev.param[2]);
	ASSERT_EQ(0, fwd_status(B, &st));
	ASSERT_EQ(1u, st.num_forward);
	EXPECT_EQ((uint32_t)TAPI_FORWARD_UNCOND, st.forward[0].mode);
	EXPECT_STREQ("2004", st.forward[0].dest);

	ASSERT_EQ(0, call_make(A, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	ce = new_call(E, T);
	ASSERT_NE(0u, ce);
	/* Nothing rang at B. */
	EXPECT_EQ(0, ev_wait(B, TAPI_EV_NEWCALL, 0, &ev, 0));
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_FWDUNCOND, ci.reason);
	EXPECT_STREQ("2001", ci.redirecting.number);
	EXPECT_STREQ("2001", ci.called.number);
	EXPECT_STREQ("2000", ci.caller.number);
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("2004", ci.redirection.number);
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));

	/* Cancelled: calls ring at B again. */
	ASSERT_EQ(0, forward(B, 0, 0, 0, NULL, 0, NULL));
	ASSERT_EQ(0, fwd_status(B, &st));
	EXPECT_EQ(0u, st.num_forward);
	EXPECT_EQ(0u, st.forward[0].mode);
	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
}

TEST_F(services, forward_on_busy_no_answer_and_to_the_network)
{
	struct tapi_address_status st;
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t ca, cb, cc, cd, ce;

	/* C busy, forwarding on busy to E. */
	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, forward(C, 0, 0, TAPI_FORWARD_BUSY, "2004", 0, NULL));
	ASSERT_EQ(0, call_make(A, "2002", TAPI_CALL_MAKE_SYNC, &ca));
	ce = new_call(E, T);
	ASSERT_NE(0u, ce);
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_FWDBUSY, ci.reason);
	EXPECT_STREQ("2002", ci.redirecting.number);
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));

	/* B: on no answer after 300 ms to E, unconditionally elsewhere. */
	ASSERT_EQ(0, forward(B, 0, 300, TAPI_FORWARD_NOANSWER, "2004", 0,
			     NULL));
	ASSERT_EQ(0, fwd_status(B, &st));
	EXPECT_EQ(300u, st.forward_no_answer_ms);
	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	ASSERT_EQ(1, ev_wait_state(B, cb, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_FORWARDED, ev.param[1]);
	ce = new_call(E, T);
	ASSERT_NE(0u, ce);
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_FWDNOANSWER, ci.reason);
	ASSERT_EQ(0, call_op(E, TAPI_IOC_CALL_ANSWER, ce, SYNC));
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));

	/* Unconditionally to the network. */
	ASSERT_EQ(0, forward(B, 0, 0, TAPI_FORWARD_UNCOND, "95550000", 0,
			     NULL));
	ASSERT_EQ(0, call_make(A, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("95550000", ci.redirection.number);
	EXPECT_EQ(TAPI_CALLSTATE_RINGBACK, call_state(A, ca));
	ASSERT_EQ(0, sim_network(&self->card, 0, "answer"));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(A, ca));
}

TEST_F(services, forward_loop_ends)
{
	struct tapi_call_info ci;
	uint32_t ca, cb;

	/* B to C, C to B: the call stops after a few hops, at B. */
	ASSERT_EQ(0, forward(B, 0, 0, TAPI_FORWARD_UNCOND, "2002", 0, NULL));
	ASSERT_EQ(0, forward(C, 0, 0, TAPI_FORWARD_UNCOND, "2001", 0, NULL));
	ASSERT_EQ(0, call_make(A, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	cb = new_call(B, T);
	ASSERT_NE(0u, cb);
	ASSERT_EQ(0, call_info(B, cb, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_FWDUNCOND, ci.reason);
	EXPECT_STREQ("2002", ci.redirecting.number);
}

TEST_F(services, forward_refusals)
{
	struct tapi_line_forward f = {
		.size = sizeof(f),
		.flags = SYNC,
		.num_entries = 1,
		.entries = { { .mode = TAPI_FORWARD_UNCOND, .dest = "2004" } },
	};
	struct tapi_address_status st;

	EXPECT_EQ(-EINVAL, forward(B, 0, 0, TAPI_FORWARD_BUSY, "2004",
				   TAPI_FORWARD_BUSY, "2000"));
	EXPECT_EQ(-EINVAL, forward(B, 0, 0, TAPI_FORWARD_BUSY, "", 0, NULL));
	EXPECT_EQ(-EINVAL, forward(B, 0, 100, TAPI_FORWARD_BUSY, "2004", 0,
				   NULL));
	EXPECT_EQ(-EINVAL, forward(B, 0, 0, TAPI_FORWARD_UNCOND |
				   TAPI_FORWARD_BUSY, "2004", 0, NULL));
	EXPECT_EQ(-EINVAL, forward(B, 0, 0, 0x80, "2004", 0, NULL));
	/* To itself. */
	EXPECT_EQ(-EINVAL, forward(B, 0, 0, TAPI_FORWARD_UNCOND, "2001", 0,
				   NULL));
	/* Nowhere: the card refuses it. */
	EXPECT_EQ(-ENXIO, forward(B, 0, 0, TAPI_FORWARD_UNCOND, "2999", 0,
				  NULL));
	EXPECT_EQ(-EOPNOTSUPP, forward(D, 0, 0, TAPI_FORWARD_UNCOND, "2004", 0,
				       NULL));
	EXPECT_EQ(-EOPNOTSUPP, forward(B, 0x80, 0, TAPI_FORWARD_UNCOND, "2004",
				       0, NULL));
	f.num_entries = TAPI_FORWARD_MAX + 1;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_LINE_FORWARD, &f));
	f.num_entries = 1;
	f.entries[1].mode = TAPI_FORWARD_BUSY;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_LINE_FORWARD, &f));
	f.entries[1].mode = 0;
	f.entries[0].reserved = 1;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_LINE_FORWARD, &f));
	f.entries[0].reserved = 0;
	f.address_id = 1;
	EXPECT_EQ(-ENOENT, tapi_ioctl(B, TAPI_IOC_LINE_FORWARD, &f));
	f.flags |= TAPI_LINE_FORWARD_ALL_ADDRESSES;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_LINE_FORWARD, &f));
	f.address_id = 0;
	/* Every address of the line: fine, and shown. */
	ASSERT_EQ(0, tapi_ioctl(B, TAPI_IOC_LINE_FORWARD, &f));
	ASSERT_EQ(0, fwd_status(B, &st));
	EXPECT_EQ(1u, st.num_forward);
	/* Nothing changed by the refusals elsewhere. */
	ASSERT_EQ(0, fwd_status(D, &st));
	EXPECT_EQ(0u, st.num_forward);
}

TEST_F(services, secure_call_keeps_a_second_call_away)
{
	struct tapi_call_info ci;
	uint32_t ca, cb, ce;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	/* Unsecured, B takes a second call (call waiting). */
	ASSERT_EQ(0, call_make(E, "2001", TAPI_CALL_MAKE_SYNC, &ce));
	EXPECT_EQ(TAPI_CALLSTATE_RINGBACK, call_state(E, ce));
	ASSERT_EQ(0, call_op(E, TAPI_IOC_CALL_DROP, ce, SYNC));
	ASSERT_EQ(0, call_dealloc(E, ce));
	ev_drain(B);

	EXPECT_TRUE(!!(features(B, cb) & TAPI_CALLFEATURE_SECURECALL));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_SECURE, cb, SYNC));
	ASSERT_EQ(1, wait_info(B, cb, TAPI_CALLINFO_CALLPARAMFLAGS));
	ASSERT_EQ(0, call_info(B, cb, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLPARAM_SECURE, ci.param_flags);
	EXPECT_FALSE(!!(features(B, cb) & TAPI_CALLFEATURE_SECURECALL));
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_SECURE, cb, SYNC));
	/* Secured: the second caller finds B busy. */
	ASSERT_EQ(0, call_make(E, "2001", TAPI_CALL_MAKE_SYNC, &ce));
	EXPECT_EQ(TAPI_CALLSTATE_BUSY, call_state(E, ce));
	ASSERT_EQ(0, call_op(E, TAPI_IOC_CALL_DROP, ce, SYNC));
	/* Once it ends, B takes calls again. */
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_DROP, cb, SYNC));
	ASSERT_EQ(0, call_make(E, "2001", TAPI_CALL_MAKE_SYNC, &ce));
	EXPECT_EQ(TAPI_CALLSTATE_RINGBACK, call_state(E, ce));
	/* A call placed with a withheld number says so. */
	ASSERT_EQ(0, call_make(A, "2004", TAPI_CALL_MAKE_SYNC |
			       TAPI_CALL_MAKE_BLOCKID, &ca));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLPARAM_BLOCKID, ci.param_flags);
}

TEST_F(services, user_user_information_both_ways)
{
	struct tapi_call_user_user u = { .size = sizeof(u), .flags = SYNC };
	struct tapi_call_info ci;
	uint32_t ca, cb, cn;

	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	/* The callee answers the caller's setup with a few bytes. */
	ASSERT_EQ(0, user_user(B, cb, "hello", 5));
	ASSERT_EQ(1, wait_info(A, ca, TAPI_CALLINFO_USERUSERINFO));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	ASSERT_EQ(5u, ci.user_user_len);
	EXPECT_EQ(0, memcmp(ci.user_user_info, "hello", 5));
	EXPECT_EQ(0, ci.user_user_info[5]);
	/* And from the ringing side, the other way. */
	ASSERT_EQ(0, user_user(A, ca, "hi", 2));
	ASSERT_EQ(1, wait_info(B, cb, TAPI_CALLINFO_USERUSERINFO));
	ASSERT_EQ(0, call_info(B, cb, &ci));
	EXPECT_EQ(2u, ci.user_user_len);
	EXPECT_EQ(0, memcmp(ci.user_user_info, "hi", 2));

	/* Bad lengths, bytes past the length, reserved, handles. */
	EXPECT_EQ(-EINVAL, user_user(B, cb, "", 0));
	EXPECT_EQ(-EINVAL, user_user(B, cb, "x", TAPI_USERUSER_MAX + 1));
	u.call = cb;
	u.len = 1;
	u.data[1] = 'x';
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_CALL_SEND_USER_USER, &u));
	u.data[1] = 0;
	u.reserved = 1;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_CALL_SEND_USER_USER, &u));
	EXPECT_EQ(-ENOENT, user_user(B, 9999, "x", 1));
	/* Idle: no more. */
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	EXPECT_EQ(-EBADFD, user_user(A, ca, "x", 1));

	/* From the network, on an external call only. */
	ASSERT_EQ(0, sim_network(&self->card, 4, "offer 5550001"));
	cn = new_call(E, T);
	ASSERT_NE(0u, cn);
	ASSERT_EQ(0, sim_network(&self->card, 4, "useruser 414243"));
	ASSERT_EQ(0, call_info(E, cn, &ci));
	EXPECT_EQ(3u, ci.user_user_len);
	EXPECT_EQ(0, memcmp(ci.user_user_info, "ABC", 3));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 4, "useruser 41424"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 1, "useruser 41"));
	/* To the network: it takes it. */
	EXPECT_EQ(0, user_user(E, cn, "ok", 2));
}

TEST_F(services, camp_on_a_busy_station)
{
	struct tapi_call_info ci;
	uint32_t ca, cc, cd, cc2, id = 0;
	struct tapi_event ev;

	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, call_make(A, "2002", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(TAPI_CALLSTATE_BUSY, call_state(A, ca));
	EXPECT_TRUE(!!(features(A, ca) & TAPI_CALLFEATURE_COMPLETECALL));
	ASSERT_EQ(0, complete(A, ca, TAPI_COMPLETION_CAMPON, &id));
	EXPECT_NE(0u, id);
	EXPECT_EQ(TAPI_CALLSTATE_BUSY, call_state(A, ca));
	/* C hangs up: the camped call rings C. */
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	ASSERT_EQ(0, call_dealloc(C, cc));
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_RINGBACK, &ev, T));
	cc2 = new_call(C, T);
	ASSERT_NE(0u, cc2);
	ASSERT_EQ(0, call_info(C, cc2, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_CAMPEDON, ci.reason);
	EXPECT_STREQ("2000", ci.caller.number);
	/* The completion is over: its id names nothing. */
	EXPECT_EQ(-ENOENT, uncomplete(A, id));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_ANSWER, cc2, SYNC));
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	/* Connected: nothing to complete. */
	EXPECT_EQ(-EBADFD, complete(A, ca, TAPI_COMPLETION_CALLBACK, &id));
}

TEST_F(services, call_back_when_free)
{
	struct tapi_call_info ci;
	uint32_t ca, cc, cd, cb2, cc2, id = 0, id2 = 0;
	struct tapi_event ev;

	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, call_make(A, "2002", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(TAPI_CALLSTATE_BUSY, call_state(A, ca));
	ASSERT_EQ(0, complete(A, ca, TAPI_COMPLETION_CALLBACK, &id));
	ASSERT_NE(0u, id);
	/* A second one, cancelled: ENOENT from then on. */
	ASSERT_EQ(0, complete(A, ca, TAPI_COMPLETION_CALLBACK, &id2));
	EXPECT_NE(id, id2);
	EXPECT_EQ(-ENOENT, uncomplete(B, id2));
	ASSERT_EQ(0, uncomplete(A, id2));
	EXPECT_EQ(-ENOENT, uncomplete(A, id2));
	/* A lets its call go; C hangs up: A is called back. */
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	ASSERT_EQ(0, call_dealloc(A, ca));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	ASSERT_EQ(0, call_dealloc(C, cc));
	ASSERT_EQ(0, call_op(D, TAPI_IOC_CALL_DROP, cd, SYNC));
	cb2 = new_call(A, T);
	ASSERT_NE(0u, cb2);
	ASSERT_EQ(0, call_info(A, cb2, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_CALLCOMPLETION, ci.reason);
	EXPECT_EQ(id, ci.completion_id);
	EXPECT_STREQ("2002", ci.caller.number);
	/* Only one call back: the cancelled one never comes. */
	EXPECT_EQ(0u, new_call(A, 300));
	EXPECT_EQ(-ENOENT, uncomplete(A, id));
	/* Answering it rings C, which answers: A talks to C. */
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_ANSWER, cb2, SYNC));
	cc2 = new_call(C, T);
	ASSERT_NE(0u, cc2);
	ASSERT_EQ(0, call_info(C, cc2, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_CALLCOMPLETION, ci.reason);
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_ANSWER, cc2, SYNC));
	ASSERT_EQ(1, wait_info(A, cb2, TAPI_CALLINFO_CONNECTEDID));
	ASSERT_EQ(0, call_info(A, cb2, &ci));
	EXPECT_STREQ("2002", ci.connected.number);
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc2, SYNC));
	EXPECT_EQ(1, ev_wait_state(A, cb2, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
}

TEST_F(services, a_call_back_picked_up_elsewhere)
{
	struct tapi_call_info ci;
	uint32_t ca, cc, cd, ce, cc2, id;
	struct tapi_event ev;

	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, call_make(A, "2002", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(0, complete(A, ca, TAPI_COMPLETION_CALLBACK, &id));
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	ASSERT_EQ(0, call_dealloc(C, cc));
	ASSERT_NE(0u, new_call(A, T));
	/* E takes the call back ringing at A: it rings C for E. */
	ASSERT_EQ(0, take(E, TAPI_IOC_LINE_PICKUP, "2000", "", &ce));
	ASSERT_EQ(0, call_info(E, ce, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_INTERNAL, ci.origin);
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_PICKUP, ci.reason);
	cc2 = new_call(C, T);
	ASSERT_NE(0u, cc2);
	ASSERT_EQ(0, call_info(C, cc2, &ci));
	EXPECT_STREQ("2004", ci.caller.number);
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_ANSWER, cc2, SYNC));
	ASSERT_EQ(0, call_info(C, cc2, &ci));
	EXPECT_STREQ("2004", ci.connected.number);
	/* E and C talk: C's hang-up reaches E. */
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc2, SYNC));
	EXPECT_EQ(1, ev_wait_state(E, ce, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));
}

/*
 * A card that answers requests late: a completion asked for by a line fd
 * that closes before the card got to it never happens.
 */
FIXTURE(late_card) {};
FIXTURE_SETUP(late_card) {}
FIXTURE_TEARDOWN(late_card) {}

TEST_F(late_card, completion_of_a_closed_fd_never_happens)
{
	uint32_t cx, cy, id;
	struct tapi_call_completion c = { .size = sizeof(c) };
	struct sim_card card;
	int card_fd, x1, x2, y, z, ret;
	struct tapi_event ev;

	ret = sim_card_create(&card, "svcq", 3);
	if (!ret)
		ret = sim_line_set(&card, 1, "max_calls", "1");
	if (!ret)
		ret = sim_card_set(&card, "reply_delay_ms", "300");
	if (!ret)
		ret = sim_card_live(&card, true);
	ASSERT_EQ(0, ret);
	card_fd = sim_card_open(&card);
	ASSERT_LE(0, card_fd);
	x1 = call_open_line(card_fd, 0, TAPI_PRIV_OWNER, 0);
	x2 = call_open_line(card_fd, 0, TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
			    0);
	y = call_open_line(card_fd, 1, TAPI_PRIV_OWNER, 0);
	z = call_open_line(card_fd, 2, TAPI_PRIV_OWNER, 0);
	ASSERT_LE(0, x1);
	ASSERT_LE(0, x2);
	ASSERT_LE(0, y);
	ASSERT_LE(0, z);
	/* Y busy (its one call rings Z); X calls Y: busy. */
	ASSERT_EQ(0, call_make(y, "2002", TAPI_CALL_MAKE_SYNC, &cy));
	ASSERT_NE(0u, new_call(z, T));
	ASSERT_EQ(0, call_make(x1, "2001", TAPI_CALL_MAKE_SYNC, &cx));
	ASSERT_EQ(1, ev_wait_state(x1, cx, TAPI_CALLSTATE_BUSY, &ev, T));
	/* X2, a monitor, owns the call too, so it outlives X1. */
	ASSERT_EQ(1, ev_wait(x2, TAPI_EV_NEWCALL, 0, &ev, T));
	ASSERT_EQ(0, call_privilege(x2, ev.call, TAPI_PRIV_OWNER));
	/* X1 asks for a camp-on, and closes before the card took it. */
	c.call = cx;
	c.mode = TAPI_COMPLETION_CAMPON;
	ret = tapi_ioctl(x1, TAPI_IOC_CALL_COMPLETE, &c);
	ASSERT_LE(0, ret);
	id = c.completion_id;
	EXPECT_NE(0u, id);
	close(x1);
	/* Y frees up: nothing is camped on it. */
	ASSERT_EQ(0, call_op(y, TAPI_IOC_CALL_DROP, cy, TAPI_REQUEST_SYNC));
	EXPECT_EQ(0u, new_call(y, 1000));
	EXPECT_EQ((int)TAPI_CALLSTATE_BUSY, call_state(x2, ev.call));
	close(x2);
	close(y);
	close(z);
	close(card_fd);
	sim_card_destroy(&card);
}

TEST_F(services, completions_refused_limited_and_closed)
{
	uint32_t ca, cc, cd, ce, id, ids[TAPI_MAX_COMPLETIONS];
	struct tapi_call_completion c = { .size = sizeof(c), .flags = SYNC };
	unsigned int i;
	int a2;

	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, call_make(A, "2002", TAPI_CALL_MAKE_SYNC, &ca));
	/* Modes: none, two, unknown; a card's mode check comes first. */
	EXPECT_EQ(-EINVAL, complete(A, ca, 0, &id));
	EXPECT_EQ(-EINVAL, complete(A, ca, TAPI_COMPLETION_VALID, &id));
	EXPECT_EQ(-EINVAL, complete(A, ca, 0x100, &id));
	EXPECT_EQ(-ENOENT, complete(A, 9999, TAPI_COMPLETION_CAMPON, &id));
	c.call = ca;
	c.mode = TAPI_COMPLETION_CAMPON;
	c.flags |= 0x40;
	EXPECT_EQ(-EOPNOTSUPP, tapi_ioctl(A, TAPI_IOC_CALL_COMPLETE, &c));
	/* At most TAPI_MAX_COMPLETIONS pending per line fd. */
	for (i = 0; i < TAPI_MAX_COMPLETIONS; i++)
		ASSERT_EQ(0, complete(A, ca, TAPI_COMPLETION_CALLBACK,
				      &ids[i]));
	EXPECT_EQ(-ENOSPC, complete(A, ca, TAPI_COMPLETION_CALLBACK, &id));
	/* Another fd of the line has its own. */
	a2 = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, 0);
	ASSERT_LE(0, a2);
	EXPECT_EQ(-ENOENT, uncomplete(a2, ids[0]));

	/* Ringing, not busy: call back yes, camp-on no. */
	ASSERT_EQ(0, call_make(E, "2001", TAPI_CALL_MAKE_SYNC, &ce));
	EXPECT_EQ(-EBADFD, complete(E, ce, TAPI_COMPLETION_CAMPON, &id));

	/* A closes with all of them pending: no call back ever comes. */
	close(A);
	A = -1;
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	EXPECT_EQ(0u, new_call(a2, 500));
	close(a2);
}

TEST_F(services, not_for_monitors_nor_lines_without_them)
{
	uint32_t ca, cb, h[2], cd, cx;
	int mon;

	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	mon = call_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR, 0);
	ASSERT_LE(0, mon);
	ASSERT_EQ(1, call_new_calls(mon, h, 2, NULL));
	EXPECT_EQ(-EPERM, redirect(mon, h[0], "2004"));
	EXPECT_EQ(-EPERM, call_op(mon, TAPI_IOC_CALL_SECURE, h[0], SYNC));
	EXPECT_EQ(-EPERM, user_user(mon, h[0], "x", 1));
	EXPECT_EQ(-EPERM, complete(mon, h[0], TAPI_COMPLETION_CALLBACK, NULL));
	close(mon);
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_ANSWER, cb, SYNC));
	mon = call_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR, 0);
	ASSERT_LE(0, mon);
	ASSERT_EQ(1, call_new_calls(mon, h, 2, NULL));
	EXPECT_EQ(-EPERM, park(mon, h[0], TAPI_PARK_NONDIRECTED, ""));
	close(mon);
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));

	/* D has none of the call services. */
	ASSERT_EQ(0, call_connect(A, D, "2003", false, &ca, &cd, T));
	EXPECT_EQ(-EOPNOTSUPP, redirect(D, cd, "2004"));
	EXPECT_EQ(-EOPNOTSUPP, user_user(D, cd, "x", 1));
	EXPECT_EQ(-EOPNOTSUPP, call_op(D, TAPI_IOC_CALL_SECURE, cd, SYNC));
	EXPECT_EQ(-EOPNOTSUPP, complete(D, cd, TAPI_COMPLETION_CALLBACK, NULL));
	/* The handle is checked before the capability. */
	EXPECT_EQ(-ENOENT, redirect(D, 9999, "2004"));
	ASSERT_EQ(0, call_op(D, TAPI_IOC_CALL_ANSWER, cd, SYNC));
	EXPECT_EQ(-EOPNOTSUPP, park(D, cd, TAPI_PARK_NONDIRECTED, ""));
	EXPECT_EQ(0u, features(D, cd) & (TAPI_CALLFEATURE_REDIRECT |
					  TAPI_CALLFEATURE_PARK |
					  TAPI_CALLFEATURE_SECURECALL |
					  TAPI_CALLFEATURE_SENDUSERUSER |
					  TAPI_CALLFEATURE_COMPLETECALL));
	EXPECT_EQ(-EOPNOTSUPP, take(D, TAPI_IOC_LINE_PICKUP, "2001", "", &cx));
}

TEST_F(services, capabilities)
{
	struct tapi_line_devcaps lc;
	struct tapi_address_caps ac;
	struct tapi_features f;

	ASSERT_EQ(0, tapi_features(self->card_fd, &f));
	EXPECT_TRUE(!!(f.features & TAPI_FEATURE_CALL_SERVICES));
	ASSERT_EQ(0, tapi_addrcaps(self->card_fd, 1, 0, &ac));
	EXPECT_EQ((uint32_t)TAPI_PARK_VALID, ac.park_modes);
	EXPECT_EQ((uint32_t)TAPI_FORWARD_VALID, ac.forward_modes);
	EXPECT_EQ((uint32_t)TAPI_COMPLETION_VALID, ac.completion_modes);
	EXPECT_EQ((uint32_t)TAPI_USERUSER_MAX, ac.max_user_user);
	EXPECT_EQ((uint32_t)(TAPI_ADDRFEATURE_MAKECALL |
			     TAPI_ADDRFEATURE_PICKUP |
			     TAPI_ADDRFEATURE_UNPARK |
			     TAPI_ADDRFEATURE_FORWARD), ac.address_features);
	ASSERT_EQ(0, tapi_devcaps(self->card_fd, 1, &lc));
	EXPECT_TRUE(!!(lc.line_features & TAPI_LINEFEATURE_FORWARD));
	/* Without the features, no modes and no limits. */
	ASSERT_EQ(0, tapi_addrcaps(self->card_fd, 3, 0, &ac));
	EXPECT_EQ(0u, ac.park_modes);
	EXPECT_EQ(0u, ac.forward_modes);
	EXPECT_EQ(0u, ac.completion_modes);
	EXPECT_EQ(0u, ac.max_user_user);
	EXPECT_EQ((uint32_t)TAPI_ADDRFEATURE_MAKECALL, ac.address_features);
}

TEST_F(services, card_removed_with_a_parked_call_and_a_completion)
{
	uint32_t ca, cb, cc, cd, cx, id;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, park(B, cb, TAPI_PARK_DIRECTED, "701"));
	cc = make_c_busy(_metadata, C, D, &cd);
	ASSERT_EQ(0, call_make(E, "2002", TAPI_CALL_MAKE_SYNC, &cx));
	ASSERT_EQ(0, complete(E, cx, TAPI_COMPLETION_CAMPON, &id));
	ASSERT_EQ(0, forward(B, 0, 0, TAPI_FORWARD_UNCOND, "2004", 0, NULL));
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	EXPECT_EQ(1, ev_wait(E, TAPI_EV_REMOVED, 0, &ev, T));
	EXPECT_EQ(-ENODEV, uncomplete(E, id));
	EXPECT_EQ(-ENODEV, take(E, TAPI_IOC_LINE_UNPARK, "701", "", NULL));
	(void)cc;
}

TEST_HARNESS_MAIN
