// SPDX-License-Identifier: GPL-2.0
/*
 * Supplementary services on the sim card's switch: hold, unhold, swap
 * hold, consultation and blind transfer, conference (set up from a call,
 * from a transfer, prepare and add, remove, related calls), the call
 * features of each state, every refusal (state, privilege, handle, flags,
 * full conference, last member, unreachable or busy destination), and the
 * owner or the card going away in the middle of it all.
 *
 * Four lines: A 2000 (line 0), B 2001 (line 1, the station that holds,
 * transfers and conferences), C 2002, D 2003; each opened by an owner.
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
#define LINES	4

FIXTURE(supp)
{
	struct sim_card card;
	int card_fd;
	int fd[LINES];
};

FIXTURE_SETUP(supp)
{
	unsigned int i;
	int ret;

	self->card_fd = -1;
	for (i = 0; i < LINES; i++)
		self->fd[i] = -1;
	ret = sim_card_create(&self->card, "supp", LINES);
	if (!ret)
		ret = sim_line_set(&self->card, 1, "max_conf_members", "2");
	if (!ret)
		ret = sim_line_set(&self->card, 2, "max_calls", "1");
	/* D: basic call control and media control only. */
	if (!ret)
		ret = sim_line_set(&self->card, 3, "call_features", "0x1f8000f");
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

FIXTURE_TEARDOWN(supp)
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

static int pair_op(int fd, unsigned long cmd, uint32_t call, uint32_t other,
		   uint32_t flags)
{
	struct tapi_call_pair p = {
		.size = sizeof(p),
		.flags = flags,
		.call = call,
		.other = other,
	};

	return tapi_ioctl(fd, cmd, &p);
}

static int consult_op(int fd, unsigned long cmd, uint32_t call,
		      uint32_t *consult)
{
	struct tapi_call_consult c = {
		.size = sizeof(c),
		.flags = SYNC,
		.call = call,
	};
	int ret = tapi_ioctl(fd, cmd, &c);

	*consult = c.consult;
	return ret;
}

static int complete_transfer(int fd, uint32_t call, uint32_t consult,
			     uint32_t flags, uint32_t *conf)
{
	struct tapi_call_complete_transfer t = {
		.size = sizeof(t),
		.flags = flags | SYNC,
		.call = call,
		.consult = consult,
	};
	int ret = tapi_ioctl(fd, TAPI_IOC_CALL_COMPLETE_TRANSFER, &t);

	if (conf)
		*conf = t.conf;
	return ret;
}

static int setup_conf(int fd, uint32_t call, uint32_t parties, uint32_t *conf,
		      uint32_t *consult)
{
	struct tapi_call_setup_conf s = {
		.size = sizeof(s),
		.flags = SYNC,
		.call = call,
		.num_parties = parties,
	};
	int ret = tapi_ioctl(fd, TAPI_IOC_CALL_SETUP_CONF, &s);

	*conf = s.conf;
	*consult = s.consult;
	return ret;
}

static int blind(int fd, uint32_t call, const char *dest)
{
	struct tapi_call_dial d = {
		.size = sizeof(d),
		.flags = SYNC,
		.call = call,
	};

	snprintf(d.digits, sizeof(d.digits), "%s", dest);
	return tapi_ioctl(fd, TAPI_IOC_CALL_BLIND_TRANSFER, &d);
}

static uint32_t features(int fd, uint32_t call)
{
	struct tapi_call_status st;

	if (call_status(fd, call, &st))
		return 0;
	return st.call_features;
}

/* The consultation call of @fd dials @dest, whose line @far answers. */
static int consult_connect(int fd, uint32_t consult, int far, const char *dest,
			   uint32_t *fcall)
{
	struct tapi_event ev;
	int ret;

	ret = call_dial(fd, consult, dest, SYNC);
	if (ret)
		return ret;
	if (ev_wait(far, TAPI_EV_NEWCALL, 0, &ev, T) != 1)
		return -ETIMEDOUT;
	*fcall = ev.call;
	ret = call_op(far, TAPI_IOC_CALL_ANSWER, *fcall, SYNC);
	if (ret)
		return ret;
	return ev_wait_state(fd, consult, TAPI_CALLSTATE_CONNECTED, &ev, T) ==
	       1 ? 0 : -ETIMEDOUT;
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

TEST_F(supp, hold_and_unhold)
{
	uint32_t ca, cb;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	EXPECT_EQ((uint32_t)TAPI_CALLFEATURE_HOLD,
		  features(B, cb) & (TAPI_CALLFEATURE_HOLD |
				     TAPI_CALLFEATURE_UNHOLD |
				     TAPI_CALLFEATURE_SWAPHOLD));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_HOLD, cb, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLD, call_state(B, cb));
	/* The far end stays connected, and learns it is held. */
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_ACTIVEHELD, ev.param[1]);
	EXPECT_EQ((uint32_t)TAPI_CALLFEATURE_UNHOLD,
		  features(B, cb) & (TAPI_CALLFEATURE_HOLD |
				     TAPI_CALLFEATURE_UNHOLD));
	/* Held twice, or unheld while connected: illegal, nothing changes. */
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_HOLD, cb, SYNC));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_UNHOLD, cb, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
	ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_ACTIVE, ev.param[1]);
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_UNHOLD, cb, SYNC));
	/* Asynchronous: a request id, then the reply (io_uring: completion). */
	if (transport_is_uring()) {
		ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_HOLD, cb, 0));
	} else {
		ASSERT_LT(0, call_op(B, TAPI_IOC_CALL_HOLD, cb, 0));
		ASSERT_EQ(1, ev_wait(B, TAPI_EV_REPLY, cb, &ev, T));
		EXPECT_EQ(0, (int)ev.param[0]);
	}
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLD, call_state(B, cb));
}

TEST_F(supp, refusals_of_every_kind)
{
	struct tapi_call_pair p = { .size = sizeof(p), .flags = SYNC };
	struct tapi_conf_related r = { .size = sizeof(r) };
	uint32_t ca, cb, conf, consult, h[2];
	int mon;

	ASSERT_EQ(0, call_connect(A, B, "2001", false, &ca, &cb, T));
	/* OFFERING: nothing supplementary is legal yet. */
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_HOLD, cb, SYNC));
	EXPECT_EQ(-EBADFD, blind(B, cb, "2002"));
	EXPECT_EQ(-EBADFD, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb,
				      &consult));
	EXPECT_EQ(-EBADFD, setup_conf(B, cb, 2, &conf, &consult));
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_REMOVE_FROM_CONF, cb,
				   SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_OFFERING, call_state(B, cb));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_ANSWER, cb, SYNC));

	/* Bad handles, flags, reserved bytes, arguments. */
	EXPECT_EQ(-ENOENT, call_op(B, TAPI_IOC_CALL_HOLD, 9999, SYNC));
	EXPECT_EQ(-EOPNOTSUPP, call_op(B, TAPI_IOC_CALL_HOLD, cb, 0x80));
	EXPECT_EQ(-ENOENT, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, cb, 9999, SYNC));
	EXPECT_EQ(-EINVAL, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, cb, cb, SYNC));
	/* 0 is no handle, as a second call too (fuzz_abi found an oops). */
	EXPECT_EQ(-ENOENT, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, cb, 0, SYNC));
	EXPECT_EQ(-ENOENT, pair_op(B, TAPI_IOC_CALL_ADD_TO_CONF, cb, 0, SYNC));
	EXPECT_EQ(-ENOENT, complete_transfer(B, cb, 0, 0, NULL));
	p.call = cb;
	p.other = cb;
	p.reserved = 1;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_CALL_ADD_TO_CONF, &p));
	EXPECT_EQ(-EINVAL, blind(B, cb, ""));
	EXPECT_EQ(-EOPNOTSUPP, complete_transfer(B, cb, cb, 0x100, NULL));
	EXPECT_EQ(-EINVAL, setup_conf(B, cb, 1, &conf, &consult));
	EXPECT_EQ(-EINVAL, setup_conf(B, cb, 3, &conf, &consult));
	/* Not a conference or a member. */
	r.call = cb;
	EXPECT_EQ(-EINVAL, tapi_ioctl(B, TAPI_IOC_CALL_GET_CONF_RELATED, &r));
	/* One call named twice. */
	EXPECT_EQ(-EINVAL, complete_transfer(B, cb, cb, 0, NULL));
	/* Wrong states. */
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_UNHOLD, cb, SYNC));
	EXPECT_EQ(-EBADFD, consult_op(B, TAPI_IOC_CALL_PREPARE_ADD_CONF, cb,
				      &consult));

	/* A monitor may look but not act. */
	mon = call_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR, 0);
	ASSERT_LE(0, mon);
	ASSERT_EQ(1, call_new_calls(mon, h, 2, NULL));
	EXPECT_EQ(-EPERM, call_op(mon, TAPI_IOC_CALL_HOLD, h[0], SYNC));
	EXPECT_EQ(-EPERM, blind(mon, h[0], "2002"));
	EXPECT_EQ(-EPERM, consult_op(mon, TAPI_IOC_CALL_SETUP_TRANSFER, h[0],
				     &consult));
	EXPECT_EQ(0u, features(mon, h[0]));
	close(mon);
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
}

TEST_F(supp, consultation_transfer)
{
	struct tapi_call_info ci, oi;
	uint32_t ca, cb, consult, cc;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb, &consult));
	ASSERT_NE(0u, consult);
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLDPENDTRANSFER, call_state(B, cb));
	EXPECT_EQ(TAPI_CALLSTATE_DIALTONE, call_state(B, consult));
	EXPECT_EQ(1, ev_wait_state(B, consult, TAPI_CALLSTATE_DIALTONE, &ev,
				   T));
	EXPECT_EQ((uint32_t)TAPI_PRIV_OWNER, ev.param[2]);
	/* Related to each other, both ways. */
	ASSERT_EQ(0, call_info(B, consult, &ci));
	ASSERT_EQ(0, call_info(B, cb, &oi));
	EXPECT_EQ(oi.call_id, ci.related_call_id);
	EXPECT_EQ(ci.call_id, oi.related_call_id);
	/* Not completable before the consulted party answers. */
	EXPECT_EQ(-EBADFD, complete_transfer(B, cb, consult, 0, NULL));
	ASSERT_EQ(0, consult_connect(B, consult, C, "2002", &cc));
	EXPECT_TRUE(!!(features(B, cb) & TAPI_CALLFEATURE_COMPLETETRANSF));
	EXPECT_TRUE(!!(features(B, consult) & TAPI_CALLFEATURE_SWAPHOLD));
	ev_drain(A);
	ev_drain(C);

	ASSERT_EQ(0, complete_transfer(B, cb, consult, 0, NULL));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, cb));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, consult));
	/* A and C talk; each knows who to, who transferred it, and why. */
	ASSERT_EQ(1, wait_info(A, ca, TAPI_CALLINFO_REASON));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("2002", ci.connected.number);
	EXPECT_STREQ("2001", ci.redirecting.number);
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_TRANSFER, ci.reason);
	ASSERT_EQ(1, wait_info(C, cc, TAPI_CALLINFO_REASON));
	ASSERT_EQ(0, call_info(C, cc, &ci));
	EXPECT_STREQ("2000", ci.connected.number);
	EXPECT_STREQ("2001", ci.redirecting.number);
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(A, ca));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(C, cc));
	EXPECT_EQ(0, call_dealloc(B, cb));
	EXPECT_EQ(0, call_dealloc(B, consult));
	/* When A hangs up, C hears it: they are peers now. */
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	EXPECT_EQ(1, ev_wait_state(C, cc, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
}

TEST_F(supp, swap_hold_then_transfer_from_the_other_side)
{
	uint32_t ca, cb, consult, cc;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	/* Nothing held yet: no swap. */
	EXPECT_FALSE(!!(features(B, cb) & TAPI_CALLFEATURE_SWAPHOLD));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb, &consult));
	ASSERT_EQ(0, consult_connect(B, consult, C, "2002", &cc));
	EXPECT_EQ(-EBADFD, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, cb, consult,
				   SYNC));
	ASSERT_EQ(0, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, consult, cb, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLDPENDTRANSFER, call_state(B, consult));
	ASSERT_EQ(0, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, cb, consult, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLDPENDTRANSFER, call_state(B, cb));
	ASSERT_EQ(0, pair_op(B, TAPI_IOC_CALL_SWAP_HOLD, consult, cb, SYNC));
	ASSERT_EQ(0, complete_transfer(B, consult, cb, 0, NULL));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(A, ca));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(C, cc));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, cb));
}

TEST_F(supp, consultation_to_unknown_party_gives_the_call_back)
{
	uint32_t ca, cb, consult;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb, &consult));
	ASSERT_EQ(0, call_dial(B, consult, "2999", SYNC));
	ASSERT_EQ(1, ev_wait_state(B, consult, TAPI_CALLSTATE_DISCONNECTED,
				   &ev, T));
	EXPECT_EQ(-EBADFD, complete_transfer(B, cb, consult, 0, NULL));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_DROP, consult, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(A, ca));
}

TEST_F(supp, blind_transfer)
{
	struct tapi_call_info ci;
	uint32_t ca, cb, cc, cd;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	/* Nowhere to go: refused, the call stays. */
	EXPECT_EQ(-ENXIO, blind(B, cb, "2999"));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
	/* C's only call is in use: busy, the call stays. */
	ASSERT_EQ(0, call_make(C, "2003", TAPI_CALL_MAKE_SYNC, &cc));
	ASSERT_EQ(1, ev_wait(D, TAPI_EV_NEWCALL, 0, &ev, T));
	cd = ev.call;
	EXPECT_EQ(-EBUSY, blind(B, cb, "2002"));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, cb));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	ASSERT_EQ(0, call_dealloc(C, cc));
	ASSERT_EQ(1, ev_wait_state(D, cd, TAPI_CALLSTATE_DISCONNECTED, &ev,
				   T));

	ASSERT_EQ(0, blind(B, cb, "2002"));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, cb));
	ASSERT_EQ(1, ev_wait(C, TAPI_EV_NEWCALL, 0, &ev, T));
	cc = ev.call;
	ASSERT_EQ(0, call_info(C, cc, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLREASON_TRANSFER, ci.reason);
	EXPECT_STREQ("2000", ci.caller.number);
	EXPECT_STREQ("2001", ci.redirecting.number);
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_ANSWER, cc, SYNC));
	ASSERT_EQ(1, wait_info(A, ca, TAPI_CALLINFO_CONNECTEDID));
	ASSERT_EQ(0, call_info(A, ca, &ci));
	EXPECT_STREQ("2002", ci.connected.number);
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(A, ca));
}

/* The entries of TAPI_IOC_CALL_GET_CONF_RELATED; their number or -errno. */
static int related(int fd, uint32_t call, struct tapi_conf_member *m,
		   unsigned int n)
{
	struct tapi_conf_related r = {
		.size = sizeof(r),
		.call = call,
		.capacity = n,
		.members = (uintptr_t)m,
	};
	int ret = tapi_ioctl(fd, TAPI_IOC_CALL_GET_CONF_RELATED, &r);

	return ret ? ret : (int)r.count;
}

TEST_F(supp, transfer_resolved_as_conference)
{
	uint32_t ca, cb, consult, cc, conf, c2;
	struct tapi_conf_member m[4];
	struct tapi_call_info ci;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb, &consult));
	ASSERT_EQ(0, consult_connect(B, consult, C, "2002", &cc));
	ASSERT_EQ(0, complete_transfer(B, cb, consult,
				       TAPI_COMPLETE_TRANSFER_CONFERENCE,
				       &conf));
	ASSERT_NE(0u, conf);
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, conf));
	ASSERT_EQ(0, call_info(B, conf, &ci));
	EXPECT_EQ((uint32_t)TAPI_CALLORIGIN_CONFERENCE, ci.origin);
	/* Each member's CONFERENCED names the conference call. */
	ASSERT_EQ(1, ev_wait_state(B, cb, TAPI_CALLSTATE_CONFERENCED, &ev, T));
	EXPECT_EQ((uint32_t)ci.call_id, ev.param[3]);
	EXPECT_EQ(TAPI_CALLSTATE_CONFERENCED, call_state(B, consult));
	/* A, held for the transfer (ACTIVEHELD), is no longer held. */
	do {
		ASSERT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_CONNECTED,
					   &ev, T));
	} while (ev.param[1] == TAPI_CONNECTEDMODE_ACTIVEHELD);
	EXPECT_EQ((uint32_t)TAPI_CONNECTEDMODE_ACTIVE, ev.param[1]);
	ASSERT_EQ(3, related(B, cb, m, 4));
	EXPECT_EQ((uint32_t)ci.call_id, m[0].call_id);
	EXPECT_EQ((uint32_t)conf, m[0].handle);
	EXPECT_EQ((uint32_t)cb, m[1].handle);
	EXPECT_EQ((uint32_t)consult, m[2].handle);
	EXPECT_EQ((uint32_t)TAPI_CALLSTATE_CONFERENCED, m[2].state);
	/* Full (max_conf_members is 2): no more. */
	EXPECT_FALSE(!!(features(B, conf) & TAPI_CALLFEATURE_PREPAREADDCONF));
	EXPECT_EQ(-ENOSPC, consult_op(B, TAPI_IOC_CALL_PREPARE_ADD_CONF, conf,
				      &c2));
	/* Remove one: it is held; the other cannot go, it is the last. */
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_REMOVE_FROM_CONF, consult, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLD, call_state(B, consult));
	EXPECT_FALSE(!!(features(B, cb) & TAPI_CALLFEATURE_REMOVEFROMCONF));
	EXPECT_EQ(-EBADFD, call_op(B, TAPI_IOC_CALL_REMOVE_FROM_CONF, cb,
				   SYNC));
	EXPECT_EQ(2, related(B, conf, m, 4));
	/* Dropping the conference drops its member; the held call stays. */
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_DROP, conf, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, conf));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, cb));
	EXPECT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLD, call_state(B, consult));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(C, cc));
}

TEST_F(supp, setup_conference_prepare_and_add)
{
	struct tapi_conf_related r = { .size = sizeof(r) };
	uint32_t ca, cb, conf, consult, cc, c2, cd;
	struct tapi_conf_member m[4];
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, setup_conf(B, cb, 2, &conf, &consult));
	EXPECT_EQ(TAPI_CALLSTATE_CONFERENCED, call_state(B, cb));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLDPENDCONF, call_state(B, conf));
	EXPECT_EQ(TAPI_CALLSTATE_DIALTONE, call_state(B, consult));
	EXPECT_TRUE(!!(features(B, conf) & TAPI_CALLFEATURE_ADDTOCONF));
	/* Only a connected call can join. */
	EXPECT_EQ(-EBADFD, pair_op(B, TAPI_IOC_CALL_ADD_TO_CONF, conf, consult,
				   SYNC));
	ASSERT_EQ(0, consult_connect(B, consult, C, "2002", &cc));
	ASSERT_EQ(0, pair_op(B, TAPI_IOC_CALL_ADD_TO_CONF, conf, consult,
			     SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, conf));
	EXPECT_EQ(TAPI_CALLSTATE_CONFERENCED, call_state(B, consult));
	EXPECT_EQ(3, related(B, conf, m, 4));
	/* Counting only: capacity 0. */
	r.call = conf;
	ASSERT_EQ(0, tapi_ioctl(B, TAPI_IOC_CALL_GET_CONF_RELATED, &r));
	EXPECT_EQ(0u, r.count);
	EXPECT_EQ(3u, r.remaining);
	/* Full now: a further party cannot join. */
	ASSERT_EQ(-ENOSPC, consult_op(B, TAPI_IOC_CALL_PREPARE_ADD_CONF, conf,
				      &c2));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_REMOVE_FROM_CONF, consult, SYNC));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_PREPARE_ADD_CONF, conf, &c2));
	EXPECT_EQ(TAPI_CALLSTATE_ONHOLDPENDCONF, call_state(B, conf));
	EXPECT_EQ(TAPI_CALLSTATE_DIALTONE, call_state(B, c2));
	ASSERT_EQ(0, consult_connect(B, c2, D, "2003", &cd));
	ASSERT_EQ(0, pair_op(B, TAPI_IOC_CALL_ADD_TO_CONF, conf, c2, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_CONFERENCED, call_state(B, c2));
	/* The last member leaving takes the conference with it. */
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	ASSERT_EQ(1, ev_wait_state(B, cb, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_DROP, cb, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(B, conf));
	ASSERT_EQ(0, call_op(D, TAPI_IOC_CALL_DROP, cd, SYNC));
	ASSERT_EQ(1, ev_wait_state(B, c2, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	ASSERT_EQ(0, call_op(B, TAPI_IOC_CALL_DROP, c2, SYNC));
	EXPECT_EQ(TAPI_CALLSTATE_IDLE, call_state(B, conf));
}

TEST_F(supp, owner_gone_mid_transfer_and_with_a_conference)
{
	uint32_t ca, cb, consult, cc, conf, cd;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb, &consult));
	ASSERT_EQ(0, consult_connect(B, consult, C, "2002", &cc));
	/* B's owner closes mid-transfer: its calls are dropped. */
	close(B);
	B = -1;
	EXPECT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	EXPECT_EQ(1, ev_wait_state(C, cc, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	ASSERT_EQ(0, call_op(A, TAPI_IOC_CALL_DROP, ca, SYNC));
	ASSERT_EQ(0, call_op(C, TAPI_IOC_CALL_DROP, cc, SYNC));
	ASSERT_EQ(0, call_dealloc(A, ca));
	ASSERT_EQ(0, call_dealloc(C, cc));

	B = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER, 0);
	ASSERT_LE(0, B);
	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, consult_op(B, TAPI_IOC_CALL_SETUP_TRANSFER, cb, &consult));
	ASSERT_EQ(0, consult_connect(B, consult, D, "2003", &cd));
	ASSERT_EQ(0, complete_transfer(B, cb, consult,
				       TAPI_COMPLETE_TRANSFER_CONFERENCE,
				       &conf));
	close(B);
	B = -1;
	EXPECT_EQ(1, ev_wait_state(A, ca, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
	EXPECT_EQ(1, ev_wait_state(D, cd, TAPI_CALLSTATE_DISCONNECTED, &ev, T));
}

TEST_F(supp, card_removed_with_a_conference_of_several_lines)
{
	uint32_t ca, cb, consult, cc, conf;
	struct tapi_event ev;

	ASSERT_EQ(0, call_connect(A, B, "2001", true, &ca, &cb, T));
	ASSERT_EQ(0, setup_conf(B, cb, 2, &conf, &consult));
	ASSERT_EQ(0, consult_connect(B, consult, C, "2002", &cc));
	ASSERT_EQ(0, pair_op(B, TAPI_IOC_CALL_ADD_TO_CONF, conf, consult,
			     SYNC));
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	EXPECT_EQ(1, ev_wait(B, TAPI_EV_REMOVED, 0, &ev, T));
	EXPECT_EQ(1, ev_wait(A, TAPI_EV_REMOVED, 0, &ev, T));
	EXPECT_EQ(-ENODEV, call_op(B, TAPI_IOC_CALL_HOLD, conf, SYNC));
}

TEST_F(supp, capabilities_and_features)
{
	uint32_t ca, cd, consult, conf;
	struct tapi_address_caps ac;
	struct tapi_features f;

	ASSERT_EQ(0, tapi_features(self->card_fd, &f));
	EXPECT_TRUE(!!(f.features & TAPI_FEATURE_SUPPLEMENTARY));
	ASSERT_EQ(0, tapi_addrcaps(self->card_fd, 1, 0, &ac));
	EXPECT_EQ((uint32_t)TAPI_TRANSFER_VALID, ac.transfer_modes);
	EXPECT_EQ((uint32_t)2, ac.max_conf_members);
	EXPECT_EQ((uint32_t)TAPI_CALLFEATURE_HOLD | TAPI_CALLFEATURE_UNHOLD |
		  TAPI_CALLFEATURE_SWAPHOLD | TAPI_CALLFEATURE_SETUPTRANSFER |
		  TAPI_CALLFEATURE_COMPLETETRANSF |
		  TAPI_CALLFEATURE_BLINDTRANSFER | TAPI_CALLFEATURE_SETUPCONF |
		  TAPI_CALLFEATURE_PREPAREADDCONF | TAPI_CALLFEATURE_ADDTOCONF |
		  TAPI_CALLFEATURE_REMOVEFROMCONF,
		  ac.call_features & 0x3ff0);
	ASSERT_EQ(0, tapi_addrcaps(self->card_fd, 0, 0, &ac));
	EXPECT_EQ((uint32_t)3, ac.max_conf_members);
	/* A line without them: no modes, no limit, every one refused. */
	ASSERT_EQ(0, tapi_addrcaps(self->card_fd, 3, 0, &ac));
	EXPECT_EQ((uint32_t)0, ac.transfer_modes);
	EXPECT_EQ((uint32_t)0, ac.max_conf_members);
	EXPECT_EQ(0u, ac.call_features & 0x3ff0);
	ASSERT_EQ(0, call_connect(A, D, "2003", true, &ca, &cd, T));
	EXPECT_EQ(0u, features(D, cd) & 0x3ff0);
	EXPECT_EQ(-EOPNOTSUPP, call_op(D, TAPI_IOC_CALL_HOLD, cd, SYNC));
	EXPECT_EQ(-EOPNOTSUPP, blind(D, cd, "2000"));
	EXPECT_EQ(-EOPNOTSUPP, consult_op(D, TAPI_IOC_CALL_SETUP_TRANSFER, cd,
					  &consult));
	EXPECT_EQ(-EOPNOTSUPP, setup_conf(D, cd, 2, &conf, &consult));
	EXPECT_EQ(TAPI_CALLSTATE_CONNECTED, call_state(D, cd));
}

TEST_HARNESS_MAIN
