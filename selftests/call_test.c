// SPDX-License-Identifier: GPL-2.0
/*
 * Calls on the sim card's switch: placing, receiving, answering and
 * dropping calls between lines and to and from the simulated network; who
 * gets which handle (owner by media mode and priority, monitors, no owner);
 * privileges, handoff and get-new-calls; what happens when an owner goes
 * away; call info and line/address status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"

#define T	2000	/* ms to wait for an event that must come */

/* A card of three lines, numbers 2000, 2001, 2002, configured by @attrs. */
static int pbx_up(struct sim_card *card, const char *const *attrs)
{
	int ret = sim_card_create(card, "call", 3);

	for (; !ret && attrs && attrs[0]; attrs += 2)
		ret = sim_card_set(card, attrs[0], attrs[1]);
	if (!ret)
		ret = sim_card_live(card, true);
	return ret;
}

FIXTURE(pbx)
{
	struct sim_card card;
	int card_fd;
	int a;		/* line 0: owner and monitor */
	int b;		/* line 1: owner */
};

FIXTURE_SETUP(pbx)
{
	static const char *const attrs[] = { "no_answer_ms", "5000", NULL };
	int ret;

	self->card_fd = self->a = self->b = -1;
	ret = pbx_up(&self->card, attrs);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->a = call_open_line(self->card_fd, 0,
				 TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, self->a);
	self->b = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, self->b);
}

FIXTURE_TEARDOWN(pbx)
{
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

/* Wait for the NEWCALL of an inbound call on @fd; its handle, or 0. */
static uint32_t wait_newcall(int fd, uint32_t privilege)
{
	struct tapi_event ev;

	if (ev_wait(fd, TAPI_EV_NEWCALL, 0, &ev, T) != 1 ||
	    ev.param[1] != privilege)
		return 0;
	return ev.call;
}

/* A call from line 0 (fd a) to 2001 (fd b), answered: both handles. */
static void connect_ab(struct __test_metadata *_metadata,
		       FIXTURE_DATA(pbx) *self, uint32_t *ca, uint32_t *cb)
{
	struct tapi_event ev;

	ASSERT_EQ(0, call_make(self->a, "2001", TAPI_CALL_MAKE_SYNC, ca));
	*cb = wait_newcall(self->b, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, *cb);
	ASSERT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, *cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, *ca, TAPI_CALLSTATE_CONNECTED,
				   &ev, T));
	ASSERT_EQ(1, ev_wait_state(self->b, *cb, TAPI_CALLSTATE_CONNECTED,
				   &ev, T));
}

TEST_F(pbx, internal_call)
{
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t ca, cb;
	int req;

	req = call_make(self->a, "2001", 0, &ca);
	ASSERT_LT(0, req) TH_LOG("make call: %s", strerror(-req));

	/* The reply first, then the call's state with our privilege. */
	ASSERT_EQ(1, ev_read(self->a, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_REPLY, ev.type);
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(ca, ev.call);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
	ASSERT_EQ(1, ev_read(self->a, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_CALLSTATE, ev.type);
	EXPECT_EQ(ca, ev.call);
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, ev.param[2]);
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_RINGBACK, &ev,
				   T));
	EXPECT_EQ(0u, ev.param[2]);

	/* The callee's owner gets a new handle, offering. */
	ASSERT_EQ(1, ev_read(self->b, &ev, T));
	ASSERT_EQ((uint32_t)TAPI_EV_NEWCALL, ev.type);
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, ev.param[1]);
	cb = ev.call;
	ASSERT_EQ(1, ev_read(self->b, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_CALLSTATE, ev.type);
	EXPECT_EQ(cb, ev.call);
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_OFFERING, ev.param[0]);
	EXPECT_EQ((uint32_t)TAPI_OFFERINGMODE_ACTIVE, ev.param[1]);
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, ev.param[2]);

	ASSERT_EQ(0, call_info(self->b, cb, &ci));
	EXPECT_STREQ("2000", ci.caller.number);
	EXPECT_STREQ("2001", ci.called.number);
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_INTERNAL, ci.origin);
	EXPECT_EQ(1u, ci.line);
	EXPECT_EQ(1u, ci.num_owners);
	EXPECT_NE(0u, ci.state_entry_ns[1]);	/* offering */
	ASSERT_EQ(0, call_info(self->a, ca, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_OUTBOUND, ci.origin);
	EXPECT_STREQ("2001", ci.called.number);
	EXPECT_STREQ("2000", ci.caller.number);
	EXPECT_NE(0u, ci.state_entry_ns[5]);	/* ringback */

	/* Answer; both ends connected and know each other. */
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->b, cb, TAPI_CALLSTATE_CONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_ACTIVE, ev.param[1]);
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_CONNECTED,
				   &ev, T));
	ASSERT_EQ(0, call_info(self->a, ca, &ci));
	EXPECT_STREQ("2001", ci.connected.number);

	/* The caller hangs up: its reply, idle; the callee disconnected. */
	req = call_op(self->a, TAPI_IOC_CALL_DROP, ca, 0);
	ASSERT_LT(0, req);
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_REPLY, ca, &ev, T));
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_IDLE, &ev, T));
	ASSERT_EQ(1, ev_wait_state(self->b, cb, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NORMAL, ev.param[1]);

	/* The callee must drop before it may deallocate. */
	EXPECT_EQ(-EBUSY, call_dealloc(self->b, cb));
	EXPECT_EQ((int)TAPI_CALLSTATE_DISCONNECTED, call_state(self->b, cb));
	EXPECT_EQ(0, call_op(self->b, TAPI_IOC_CALL_DROP, cb,
			     TAPI_REQUEST_SYNC));
	EXPECT_EQ((int)TAPI_CALLSTATE_IDLE, call_state(self->b, cb));
	EXPECT_EQ(0, call_dealloc(self->b, cb));
	EXPECT_EQ(0, call_dealloc(self->a, ca));
	/* Gone for good. */
	EXPECT_EQ(-ENOENT, call_state(self->a, ca));
	EXPECT_EQ(-ENOENT, call_dealloc(self->b, cb));
}

/* An empty destination waits at dial tone; digits finish the number. */
TEST_F(pbx, dialtone_then_digits)
{
	struct tapi_event ev;
	uint32_t ca;

	ASSERT_EQ(0, call_make(self->a, "", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DIALTONE, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_DIALTONEMODE_INTERNAL, ev.param[1]);
	ASSERT_EQ(0, call_dial(self->a, ca, "20", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DIALING, &ev,
				   T));
	/* "20" starts 2000..2002: still dialing. */
	EXPECT_EQ((int)TAPI_CALLSTATE_DIALING, call_state(self->a, ca));
	ASSERT_EQ(0, call_dial(self->a, ca, "01", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_PROCEEDING,
				   &ev, T));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_RINGBACK, &ev,
				   T));
	EXPECT_NE(0u, wait_newcall(self->b, TAPI_PRIV_OWNER));
	/* No more digits once ringing. */
	EXPECT_EQ(-EBADFD, call_dial(self->a, ca, "5", 0));
	EXPECT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, ca,
			     TAPI_REQUEST_SYNC));
}

TEST_F(pbx, unknown_number)
{
	struct tapi_event ev;
	uint32_t ca;

	ASSERT_EQ(0, call_make(self->a, "7777", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_BADADDRESS, ev.param[1]);
	/* A dialled prefix that leads nowhere: the same. */
	ASSERT_EQ(0, call_make(self->a, "", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(0, call_dial(self->a, ca, "3", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_BADADDRESS, ev.param[1]);
}

TEST_F(pbx, callee_busy)
{
	struct tapi_event ev;
	uint32_t c[5], ca;
	int i, l2;

	/* Line 2 fills line 1 (4 calls), and is full itself then. */
	l2 = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, l2);
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, call_make(l2, "2001", TAPI_CALL_MAKE_SYNC,
				       &c[i]));
		ASSERT_NE(0u, wait_newcall(self->b, TAPI_PRIV_OWNER));
	}
	EXPECT_EQ(-EBUSY, call_make(l2, "2000", 0, &c[4]));
	/* Line 0 calls line 1 and hears busy. */
	ASSERT_EQ(0, call_make(self->a, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_BUSY, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_BUSYMODE_STATION, ev.param[1]);
	EXPECT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, ca,
			     TAPI_REQUEST_SYNC));
	close(l2);
}

/* The same through the network: an inbound call to a full line fails. */
TEST_F(pbx, network_offer_to_full_line)
{
	int i;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, sim_network(&self->card, 1, "offer 555%d", i));
	EXPECT_EQ(-EBUSY, sim_network(&self->card, 1, "offer 5559"));
}

TEST_F(pbx, inbound_external)
{
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t c;

	ASSERT_EQ(0, sim_network(&self->card, 0,
				 "offer 5551234 name=Alice media=2"));
	c = wait_newcall(self->a, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, c);
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_OFFERING, &ev,
				   T));
	ASSERT_EQ(0, call_info(self->a, c, &ci));
	EXPECT_STREQ("5551234", ci.caller.number);
	EXPECT_STREQ("Alice", ci.caller.name);
	EXPECT_EQ((uint32_t)(TAPI_PARTYID_ADDRESS | TAPI_PARTYID_NAME),
		  ci.caller.flags);
	EXPECT_STREQ("2000", ci.called.number);
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_EXTERNAL, ci.origin);
	EXPECT_EQ((uint32_t)TAPI_MEDIA_INTERACTIVEVOICE, ci.media_mode);

	EXPECT_EQ(0, call_op(self->a, TAPI_IOC_CALL_ACCEPT, c,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_ACCEPTED, &ev,
				   T));
	EXPECT_EQ(0, call_op(self->a, TAPI_IOC_CALL_ANSWER, c,
			     TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_CONNECTED, &ev,
				   T));
	/* The far end hangs up, busy for the sake of it. */
	ASSERT_EQ(0, sim_network(&self->card, 0, "hangup busy"));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_BUSY, ev.param[1]);
	EXPECT_EQ(0, call_op(self->a, TAPI_IOC_CALL_DROP, c,
			     TAPI_REQUEST_SYNC));
	EXPECT_EQ(0, call_dealloc(self->a, c));
}

TEST_F(pbx, blocked_caller_id)
{
	struct tapi_call_info ci;
	uint32_t ca, cb;

	ASSERT_EQ(0, call_make(self->a, "2001",
			       TAPI_CALL_MAKE_SYNC | TAPI_CALL_MAKE_BLOCKID,
			       &ca));
	cb = wait_newcall(self->b, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, cb);
	ASSERT_EQ(0, call_info(self->b, cb, &ci));
	EXPECT_EQ((uint32_t)TAPI_PARTYID_BLOCKED, ci.caller.flags);
	EXPECT_STREQ("", ci.caller.number);
	/* From the network: withheld, the number does not reach the line. */
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 4242 blockid"));
	cb = wait_newcall(self->a, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, cb);
	ASSERT_EQ(0, call_info(self->a, cb, &ci));
	EXPECT_EQ((uint32_t)TAPI_PARTYID_BLOCKED, ci.caller.flags);
	EXPECT_STREQ("", ci.caller.number);
}

/* A new mode is not a new entry into the state. */
TEST_F(pbx, mode_change_keeps_entry_time)
{
	struct tapi_call_status st0, st1;
	struct tapi_event ev;
	uint32_t c;

	ASSERT_EQ(0, call_make(self->a, "955", TAPI_CALL_MAKE_SYNC, &c));
	ASSERT_EQ(0, sim_network(&self->card, 0, "answer"));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_CONNECTED, &ev,
				   T));
	ASSERT_EQ(0, call_status(self->a, c, &st0));
	usleep(20000);
	ASSERT_EQ(0, sim_network(&self->card, 0,
				 "state connected mode=confirmed"));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_CONNECTED, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_CONFIRMED, ev.param[1]);
	ASSERT_EQ(0, call_status(self->a, c, &st1));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_CONFIRMED, st1.mode);
	EXPECT_EQ(st0.state_ns, st1.state_ns);
	/* The same state and mode again: nothing at all. */
	ASSERT_EQ(0, sim_network(&self->card, 0,
				 "state connected mode=confirmed"));
	EXPECT_EQ(0, ev_read(self->a, &ev, 100));
}

FIXTURE(pfx) {};
FIXTURE_SETUP(pfx) {}
FIXTURE_TEARDOWN(pfx) {}

/* A card set up to answer unknown numbers with special information. */
TEST_F(pfx, unknown_number_special_information)
{
	static const char *const attrs[] = {
		"unknown_number", "specialinfo", NULL
	};
	struct sim_card card;
	struct tapi_event ev;
	int card_fd, a;
	uint32_t c;

	ASSERT_EQ(0, pbx_up(&card, attrs));
	card_fd = sim_card_open(&card);
	ASSERT_LE(0, card_fd);
	a = call_open_line(card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, a);
	ASSERT_EQ(0, call_make(a, "7777", TAPI_CALL_MAKE_SYNC, &c));
	ASSERT_EQ(1, ev_wait_state(a, c, TAPI_CALLSTATE_SPECIALINFO, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_SPECIALINFO_NOCIRCUIT, ev.param[1]);
	EXPECT_EQ(0, call_op(a, TAPI_IOC_CALL_DROP, c, TAPI_REQUEST_SYNC));
	EXPECT_EQ((int)TAPI_CALLSTATE_IDLE, call_state(a, c));
	close(a);
	close(card_fd);
	sim_card_destroy(&card);
}

/* A line number behind the external prefix is still the line's. */
TEST_F(pfx, number_behind_external_prefix)
{
	struct sim_card card;
	struct tapi_event ev;
	int card_fd, a, b;
	uint32_t c;

	ASSERT_EQ(0, sim_card_new(&card, "pfx"));
	ASSERT_EQ(0, sim_line_add(&card, 0, "2000"));
	ASSERT_EQ(0, sim_line_add(&card, 1, "9555"));
	ASSERT_EQ(0, sim_card_live(&card, true));
	card_fd = sim_card_open(&card);
	ASSERT_LE(0, card_fd);
	a = call_open_line(card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	b = call_open_line(card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, call_make(a, "", TAPI_CALL_MAKE_SYNC, &c));
	ASSERT_EQ(0, call_dial(a, c, "95", TAPI_REQUEST_SYNC));
	EXPECT_EQ((int)TAPI_CALLSTATE_DIALING, call_state(a, c));
	ASSERT_EQ(0, call_dial(a, c, "55", TAPI_REQUEST_SYNC));
	EXPECT_EQ(1, ev_wait(b, TAPI_EV_NEWCALL, 0, &ev, T));
	/* Once the card's numbers are ruled out, the network. */
	ASSERT_EQ(0, call_make(a, "", TAPI_CALL_MAKE_SYNC, &c));
	ASSERT_EQ(0, call_dial(a, c, "94", TAPI_REQUEST_SYNC));
	ASSERT_EQ(1, ev_wait_state(a, c, TAPI_CALLSTATE_RINGBACK, &ev, T));
	close(a);
	close(b);
	close(card_fd);
	sim_card_destroy(&card);
}

TEST_F(pbx, outbound_external)
{
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t c;

	ASSERT_EQ(0, call_make(self->a, "90301234", TAPI_CALL_MAKE_SYNC, &c));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_RINGBACK, &ev,
				   T));
	ASSERT_EQ(0, sim_network(&self->card, 0, "answer"));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_CONNECTED, &ev,
				   T));
	ASSERT_EQ(0, call_info(self->a, c, &ci));
	EXPECT_STREQ("90301234", ci.connected.number);
	/* Answering twice: the call is not ringing any more. */
	EXPECT_EQ(-EBADFD, sim_network(&self->card, 0, "answer"));
}

/* A delayed answer from the network, asked for on the command. */
TEST_F(pbx, outbound_external_answer_delay)
{
	struct tapi_event ev;
	uint64_t t0;
	uint32_t c;

	ASSERT_EQ(0, call_make(self->a, "9555", TAPI_CALL_MAKE_SYNC, &c));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_RINGBACK, &ev,
				   T));
	t0 = now_ns();
	ASSERT_EQ(0, sim_network(&self->card, 0, "answer delay=300"));
	ASSERT_EQ(1, ev_wait_state(self->a, c, TAPI_CALLSTATE_CONNECTED, &ev,
				   T));
	EXPECT_LE(t0 + 250000000ull, ev.timestamp_ns);
}

TEST_F(pbx, no_owner_means_dropped)
{
	struct tapi_event ev;
	uint32_t ca, cm;
	int mon;

	/* Line 2 has a monitor and no owner. */
	mon = call_open_line(self->card_fd, 2, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, mon);
	ASSERT_EQ(0, call_make(self->a, "2002", TAPI_CALL_MAKE_SYNC, &ca));
	cm = wait_newcall(mon, TAPI_PRIV_MONITOR);
	ASSERT_NE(0u, cm);
	ASSERT_EQ(1, ev_wait_state(mon, cm, TAPI_CALLSTATE_OFFERING, &ev, T));
	ASSERT_EQ(1, ev_wait_state(mon, cm, TAPI_CALLSTATE_IDLE, &ev, T));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_UNAVAIL, ev.param[1]);
	/* A monitor may always deallocate. */
	EXPECT_EQ(0, call_dealloc(mon, cm));
	close(mon);
}

TEST_F(pbx, no_answer_timeout)
{
	struct tapi_call_make m = {
		.size = sizeof(m),
		.flags = TAPI_CALL_MAKE_SYNC,
		.no_answer_timeout_ms = 300,
		.dest = "2001",
	};
	struct tapi_event ev;
	uint32_t cb;

	ASSERT_EQ(0, tapi_ioctl(self->a, TAPI_IOC_CALL_MAKE, &m));
	cb = wait_newcall(self->b, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, cb);
	ASSERT_EQ(1, ev_wait_state(self->a, m.call,
				   TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NOANSWER, ev.param[1]);
	ASSERT_EQ(1, ev_wait_state(self->b, cb, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NOANSWER, ev.param[1]);
	/* Answering too late. */
	EXPECT_EQ(-EBADFD, call_op(self->b, TAPI_IOC_CALL_ANSWER, cb, 0));
}

/* The far end's owner closes its fd mid-call: the call is dropped. */
TEST_F(pbx, owner_closes_mid_call)
{
	struct tapi_event ev;
	uint32_t ca, cb;

	connect_ab(_metadata, self, &ca, &cb);
	close(self->b);
	self->b = -1;
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NORMAL, ev.param[1]);
}

/* The same when the owner is killed. */
TEST_F(pbx, owner_killed_mid_call)
{
	struct tapi_event ev;
	int status, p[2];
	uint32_t ca;
	pid_t pid;
	char c;

	close(self->b);
	self->b = -1;
	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int fd = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER,
					EV_CALLS);
		uint32_t cb = wait_newcall(fd, TAPI_PRIV_OWNER);

		if (fd < 0 || !cb ||
		    call_op(fd, TAPI_IOC_CALL_ANSWER, cb, TAPI_REQUEST_SYNC))
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	/* Wait until the child has the line open, then call it. */
	while (sim_card_open_lines(&self->card) < 2)
		usleep(10000);
	ASSERT_EQ(0, call_make(self->a, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(1, read(p[0], &c, 1));
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_CONNECTED, &ev,
				   T));
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ASSERT_EQ(1, ev_wait_state(self->a, ca, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ((uint32_t)TAPI_DISCONNECTMODE_NORMAL, ev.param[1]);
	close(p[0]);
	close(p[1]);
}

/* Owners of a media mode: first opener by default, then by priority. */
TEST_F(pbx, owner_by_priority)
{
	struct tapi_line_priority pr = {
		.size = sizeof(pr),
		.media_modes = TAPI_MEDIA_INTERACTIVEVOICE,
		.priority = 5,
	};
	struct tapi_event ev;
	uint32_t c;
	int b2;

	b2 = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, b2);
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 100"));
	EXPECT_NE(0u, wait_newcall(self->b, TAPI_PRIV_OWNER));
	EXPECT_EQ(0, ev_read(b2, &ev, 100));
	ev_drain(self->b);

	ASSERT_EQ(0, tapi_ioctl(b2, TAPI_IOC_LINE_SET_PRIORITY, &pr));
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 101"));
	c = wait_newcall(b2, TAPI_PRIV_OWNER);
	EXPECT_NE(0u, c);
	EXPECT_EQ(0, ev_read(self->b, &ev, 100));

	/* A media mode b2 does not own is not b2's to prioritize. */
	pr.media_modes = TAPI_MEDIA_G3FAX;
	EXPECT_EQ(-EINVAL, tapi_ioctl(b2, TAPI_IOC_LINE_SET_PRIORITY, &pr));
	close(b2);
}

/* An inbound call goes to the owner of its media mode only. */
TEST_F(pbx, owner_by_media_mode)
{
	struct tapi_line_open lo = {
		.line = 1,
		.privileges = TAPI_PRIV_OWNER,
		.media_modes = TAPI_MEDIA_AUTOMATEDVOICE,
		.event_mask = EV_CALLS,
	};
	struct tapi_event ev;
	int ivr;

	ivr = tapi_open_line_args(self->card_fd, &lo);
	ASSERT_LE(0, ivr);
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 300 media=%d",
				 TAPI_MEDIA_AUTOMATEDVOICE));
	EXPECT_NE(0u, wait_newcall(ivr, TAPI_PRIV_OWNER));
	EXPECT_EQ(0, ev_read(self->b, &ev, 100));
	close(ivr);
}

/* Monitors get a handle to every call, inbound and outbound. */
TEST_F(pbx, monitors_see_everything)
{
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t ca, m1, m2;
	int mon;

	mon = call_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, mon);
	ASSERT_EQ(0, call_make(self->a, "2001", TAPI_CALL_MAKE_SYNC, &ca));
	m1 = wait_newcall(mon, TAPI_PRIV_MONITOR);
	ASSERT_NE(0u, m1);
	ASSERT_EQ(1, ev_wait_state(mon, m1, TAPI_CALLSTATE_RINGBACK, &ev, T));
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 777"));
	m2 = wait_newcall(mon, TAPI_PRIV_MONITOR);
	ASSERT_NE(0u, m2);
	EXPECT_NE(m1, m2);
	ASSERT_EQ(0, call_info(mon, m1, &ci));
	EXPECT_EQ(1u, ci.num_owners);
	/* a placed the call and owns it; mon is the one monitor. */
	EXPECT_EQ(1u, ci.num_monitors);
	close(mon);
}

TEST_F(pbx, privilege_changes)
{
	struct tapi_call_status st;
	struct tapi_event ev;
	uint32_t c, h[4];
	int mon, n;

	mon = call_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, mon);
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 900"));
	c = wait_newcall(self->b, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, c);
	n = call_new_calls(mon, h, 4, NULL);
	EXPECT_EQ(0, n);	/* it got its handle with NEWCALL already */
	h[0] = wait_newcall(mon, TAPI_PRIV_MONITOR);
	ASSERT_NE(0u, h[0]);

	/* The only owner may not step down from a live call. */
	EXPECT_EQ(-EBUSY, call_privilege(self->b, c, TAPI_PRIV_MONITOR));
	/* A monitor may not answer, but may become owner, then answer. */
	EXPECT_EQ(-EPERM, call_op(mon, TAPI_IOC_CALL_ANSWER, h[0], 0));
	ev_drain(mon);
	ASSERT_EQ(0, call_privilege(mon, h[0], TAPI_PRIV_OWNER));
	ASSERT_EQ(1, ev_wait_state(mon, h[0], TAPI_CALLSTATE_OFFERING, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, ev.param[2]);
	ASSERT_EQ(0, call_status(mon, h[0], &st));
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, st.privilege);
	EXPECT_TRUE(!!(st.call_features & TAPI_CALLFEATURE_ANSWER));
	/* Now there are two owners: b may step down. */
	EXPECT_EQ(0, call_privilege(self->b, c, TAPI_PRIV_MONITOR));
	ASSERT_EQ(0, call_status(self->b, c, &st));
	EXPECT_EQ(0u, st.call_features);
	EXPECT_EQ(0, call_op(mon, TAPI_IOC_CALL_ANSWER, h[0],
			     TAPI_REQUEST_SYNC));
	EXPECT_EQ(-EINVAL, call_privilege(mon, h[0], TAPI_PRIV_NONE));
	close(mon);
}

TEST_F(pbx, handoff)
{
	struct tapi_line_open lo = {
		.line = 1,
		.privileges = TAPI_PRIV_OWNER,
		.media_modes = TAPI_MEDIA_INTERACTIVEVOICE,
		.event_mask = EV_CALLS,
		.app_name = "fax-app",
	};
	struct tapi_call_info ci;
	uint32_t c, c2;
	int other;

	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 600"));
	c = wait_newcall(self->b, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, c);

	/* Nobody else owns anything on the line yet. */
	EXPECT_EQ(-ESRCH, call_handoff(self->b, c, 0, "fax-app"));
	EXPECT_EQ(-EINVAL, call_handoff(self->b, c,
					TAPI_MEDIA_INTERACTIVEVOICE, NULL));
	EXPECT_EQ(-EINVAL, call_handoff(self->b, c, 0, NULL));
	EXPECT_EQ(-EINVAL, call_handoff(self->b, c,
					TAPI_MEDIA_INTERACTIVEVOICE,
					"fax-app"));

	other = tapi_open_line_args(self->card_fd, &lo);
	ASSERT_LE(0, other);
	EXPECT_EQ(0, call_handoff(self->b, c, 0, "fax-app"));
	c2 = wait_newcall(other, TAPI_PRIV_OWNER);
	ASSERT_NE(0u, c2);
	ASSERT_EQ(0, call_info(other, c2, &ci));
	EXPECT_EQ(2u, ci.num_owners);
	/* The caller stays an owner until it lets go. */
	EXPECT_EQ(0, call_dealloc(self->b, c));
	ASSERT_EQ(0, call_info(other, c2, &ci));
	EXPECT_EQ(1u, ci.num_owners);
	close(other);
}

TEST_F(pbx, get_new_calls)
{
	uint32_t h[8], remaining, ca;
	struct tapi_call_status st;
	int late, n, i;

	ASSERT_EQ(0, call_make(self->a, "90", TAPI_CALL_MAKE_SYNC, &ca));
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 1"));
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 2"));

	/* A monitor that comes late asks for the calls already there. */
	late = call_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, late);
	n = call_new_calls(late, h, 0, &remaining);
	EXPECT_EQ(0, n);
	EXPECT_EQ(3u, remaining);
	n = call_new_calls(late, h, 2, &remaining);
	EXPECT_EQ(2, n);
	EXPECT_EQ(1u, remaining);
	n = call_new_calls(late, h + 2, 8, &remaining);
	EXPECT_EQ(1, n);
	EXPECT_EQ(0u, remaining);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, call_status(late, h[i], &st));
		EXPECT_EQ((uint32_t)TAPI_PRIV_MONITOR, st.privilege);
	}
	/* Nothing new the second time. */
	EXPECT_EQ(0, call_new_calls(late, h, 8, &remaining));
	EXPECT_EQ(0u, remaining);
	close(late);
}

TEST_F(pbx, line_and_address_status)
{
	struct tapi_address_status as;
	struct tapi_line_devstatus ds;
	uint32_t c[4];
	int i;

	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, call_make(self->a, "91", TAPI_CALL_MAKE_SYNC,
				       &c[i]));
	ASSERT_EQ(0, tapi_devstatus(self->a, &ds));
	EXPECT_EQ(3u, ds.num_active_calls);
	EXPECT_TRUE(!!(ds.line_features & TAPI_LINEFEATURE_MAKECALL));
	ASSERT_EQ(0, call_address_status(self->a, 0, &as));
	EXPECT_EQ(3u, as.num_inuse);
	EXPECT_EQ(3u, as.num_active_calls);
	EXPECT_TRUE(!!(as.address_features & TAPI_ADDRFEATURE_MAKECALL));

	ASSERT_EQ(0, call_make(self->a, "92", TAPI_CALL_MAKE_SYNC, &c[3]));
	ASSERT_EQ(0, tapi_devstatus(self->a, &ds));
	EXPECT_EQ(4u, ds.num_active_calls);
	EXPECT_FALSE(!!(ds.line_features & TAPI_LINEFEATURE_MAKECALL));
	ASSERT_EQ(0, call_address_status(self->a, 0, &as));
	EXPECT_FALSE(!!(as.address_features & TAPI_ADDRFEATURE_MAKECALL));

	/* A disconnected call no longer takes a place. */
	ASSERT_EQ(0, sim_network(&self->card, 0, "hangup call=0"));
	ASSERT_EQ(0, tapi_devstatus(self->a, &ds));
	EXPECT_EQ(3u, ds.num_active_calls);
	ASSERT_EQ(0, call_address_status(self->a, 0, &as));
	EXPECT_EQ(4u, as.num_inuse);
	EXPECT_EQ(-ENOENT, call_address_status(self->a, 1, &as));
}

int main(int argc, char **argv)
{
	sim_require("call_test");
	return test_harness_run(argc, argv);
}
