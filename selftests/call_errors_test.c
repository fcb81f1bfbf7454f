// SPDX-License-Identifier: GPL-2.0
/*
 * The call model and its refusals: every call state and mode reachable and
 * reported; in each state, the operations that are not legal fail with
 * EBADFD and change nothing; illegal transitions reported by the card are
 * refused and logged once; stale, foreign and made-up handles (ENOENT),
 * monitors that try to control (EPERM), capabilities the card lacks
 * (EOPNOTSUPP), bad arguments (EINVAL) and the rules of deallocation; the
 * event mask and the overflow of the event queue.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"

#define T	2000

FIXTURE(model)
{
	struct sim_card card;
	int card_fd;
	int fd;		/* line 0, owner */
	int mon;	/* line 0, monitor */
};

FIXTURE_SETUP(model)
{
	int ret;

	self->card_fd = self->fd = self->mon = -1;
	ret = sim_card_create(&self->card, "model", 2);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	/* Line 1 can only drop calls; calls can be parked at 700. */
	ASSERT_EQ(0, sim_line_set(&self->card, 1, "call_features", "0x8"));
	ASSERT_EQ(0, sim_card_set(&self->card, "park_numbers", "700"));
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->fd = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, self->fd);
	self->mon = call_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR,
				   EV_CALLS);
	ASSERT_LE(0, self->mon);
}

FIXTURE_TEARDOWN(model)
{
	if (self->fd >= 0)
		close(self->fd);
	if (self->mon >= 0)
		close(self->mon);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

/*
 * An inbound call on line 0: the owner's handle in *c and the monitor's
 * in *m; both fds drained.
 */
static int offer(FIXTURE_DATA(model) *self, uint32_t *c, uint32_t *m)
{
	struct tapi_event ev;
	int ret;

	ret = sim_network(&self->card, 0, "offer 5550000");
	if (ret)
		return ret;
	if (ev_wait(self->fd, TAPI_EV_NEWCALL, 0, &ev, T) != 1)
		return -ETIMEDOUT;
	*c = ev.call;
	if (ev_wait(self->mon, TAPI_EV_NEWCALL, 0, &ev, T) != 1)
		return -ETIMEDOUT;
	*m = ev.call;
	ev_drain(self->fd);
	ev_drain(self->mon);
	return 0;
}

/* Every state with every one of its modes (0: a state without modes). */
static const struct {
	const char *state;
	uint32_t bit;
	const char *mode;
	uint32_t mode_bit;
} states[] = {
	{ "offering", TAPI_CALLSTATE_OFFERING, "active",
	  TAPI_OFFERINGMODE_ACTIVE },
	{ "offering", TAPI_CALLSTATE_OFFERING, "inactive",
	  TAPI_OFFERINGMODE_INACTIVE },
	{ "accepted", TAPI_CALLSTATE_ACCEPTED, NULL, 0 },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE, "normal",
	  TAPI_DIALTONEMODE_NORMAL },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE, "special",
	  TAPI_DIALTONEMODE_SPECIAL },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE, "internal",
	  TAPI_DIALTONEMODE_INTERNAL },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE, "external",
	  TAPI_DIALTONEMODE_EXTERNAL },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE, "unknown",
	  TAPI_DIALTONEMODE_UNKNOWN },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE, "unavail",
	  TAPI_DIALTONEMODE_UNAVAIL },
	{ "dialing", TAPI_CALLSTATE_DIALING, NULL, 0 },
	{ "ringback", TAPI_CALLSTATE_RINGBACK, NULL, 0 },
	{ "busy", TAPI_CALLSTATE_BUSY, "station", TAPI_BUSYMODE_STATION },
	{ "busy", TAPI_CALLSTATE_BUSY, "trunk", TAPI_BUSYMODE_TRUNK },
	{ "busy", TAPI_CALLSTATE_BUSY, "unknown", TAPI_BUSYMODE_UNKNOWN },
	{ "busy", TAPI_CALLSTATE_BUSY, "unavail", TAPI_BUSYMODE_UNAVAIL },
	{ "specialinfo", TAPI_CALLSTATE_SPECIALINFO, "nocircuit",
	  TAPI_SPECIALINFO_NOCIRCUIT },
	{ "specialinfo", TAPI_CALLSTATE_SPECIALINFO, "custirreg",
	  TAPI_SPECIALINFO_CUSTIRREG },
	{ "specialinfo", TAPI_CALLSTATE_SPECIALINFO, "reorder",
	  TAPI_SPECIALINFO_REORDER },
	{ "specialinfo", TAPI_CALLSTATE_SPECIALINFO, "unknown",
	  TAPI_SPECIALINFO_UNKNOWN },
	{ "specialinfo", TAPI_CALLSTATE_SPECIALINFO, "unavail",
	  TAPI_SPECIALINFO_UNAVAIL },
	{ "connected", TAPI_CALLSTATE_CONNECTED, "active",
	  TAPI_CONNECTEDMODE_ACTIVE },
	{ "connected", TAPI_CALLSTATE_CONNECTED, "inactive",
	  TAPI_CONNECTEDMODE_INACTIVE },
	{ "connected", TAPI_CALLSTATE_CONNECTED, "activeheld",
	  TAPI_CONNECTEDMODE_ACTIVEHELD },
	{ "connected", TAPI_CALLSTATE_CONNECTED, "inactiveheld",
	  TAPI_CONNECTEDMODE_INACTIVEHELD },
	{ "connected", TAPI_CALLSTATE_CONNECTED, "confirmed",
	  TAPI_CONNECTEDMODE_CONFIRMED },
	{ "proceeding", TAPI_CALLSTATE_PROCEEDING, NULL, 0 },
	{ "onhold", TAPI_CALLSTATE_ONHOLD, NULL, 0 },
	{ "conferenced", TAPI_CALLSTATE_CONFERENCED, NULL, 0 },
	{ "onholdpendconf", TAPI_CALLSTATE_ONHOLDPENDCONF, NULL, 0 },
	{ "onholdpendtransfer", TAPI_CALLSTATE_ONHOLDPENDTRANSFER, NULL, 0 },
	{ "unknown", TAPI_CALLSTATE_UNKNOWN, NULL, 0 },
#define DISC(m)	{ "disconnected", TAPI_CALLSTATE_DISCONNECTED, #m, \
		  TAPI_DISCONNECTMODE_##m }
	{ "disconnected", TAPI_CALLSTATE_DISCONNECTED, "normal",
	  TAPI_DISCONNECTMODE_NORMAL },
	DISC(UNKNOWN), DISC(REJECT), DISC(PICKUP), DISC(FORWARDED),
	DISC(BUSY), DISC(NOANSWER), DISC(BADADDRESS), DISC(UNREACHABLE),
	DISC(CONGESTION), DISC(INCOMPATIBLE), DISC(UNAVAIL), DISC(NODIALTONE),
	DISC(NUMBERCHANGED), DISC(OUTOFORDER), DISC(TEMPFAILURE),
	DISC(QOSUNAVAIL), DISC(BLOCKED), DISC(DONOTDISTURB), DISC(CANCELLED),
#undef DISC
	{ "idle", TAPI_CALLSTATE_IDLE, NULL, 0 },
};

/* The operations legal in each state, for an owner. */
/*
 * Detection the sim's default line offers (its media modes have no fax),
 * and securing the call: in every state but IDLE and DISCONNECTED.
 */
#define DETECT_FEATURES	(TAPI_CALLFEATURE_MONITORDIGITS |		\
			 TAPI_CALLFEATURE_GATHERDIGITS |		\
			 TAPI_CALLFEATURE_MONITORTONES |		\
			 TAPI_CALLFEATURE_SECURECALL)

static uint32_t legal_features(uint32_t state)
{
	switch (state) {
	case TAPI_CALLSTATE_IDLE:
		return 0;
	case TAPI_CALLSTATE_DISCONNECTED:
		return TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_OFFERING:
		return TAPI_CALLFEATURE_ACCEPT | TAPI_CALLFEATURE_ANSWER |
		       TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_REDIRECT | TAPI_CALLFEATURE_SENDUSERUSER;
	case TAPI_CALLSTATE_ACCEPTED:
		return TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_DROP |
		       DETECT_FEATURES | TAPI_CALLFEATURE_REDIRECT |
		       TAPI_CALLFEATURE_SENDUSERUSER;
	case TAPI_CALLSTATE_PROCEEDING:
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_SENDUSERUSER;
	case TAPI_CALLSTATE_RINGBACK:
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_SENDUSERUSER |
		       TAPI_CALLFEATURE_COMPLETECALL;
	case TAPI_CALLSTATE_BUSY:
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_COMPLETECALL;
	case TAPI_CALLSTATE_DIALTONE:
	case TAPI_CALLSTATE_DIALING:
		return TAPI_CALLFEATURE_DIAL | TAPI_CALLFEATURE_DROP |
		       DETECT_FEATURES;
	case TAPI_CALLSTATE_CONNECTED:
		/* Alone on its line: nothing held to swap with. */
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_GENERATEDIGITS |
		       TAPI_CALLFEATURE_GENERATETONE | TAPI_CALLFEATURE_HOLD |
		       TAPI_CALLFEATURE_SETUPTRANSFER |
		       TAPI_CALLFEATURE_BLINDTRANSFER |
		       TAPI_CALLFEATURE_SETUPCONF | TAPI_CALLFEATURE_PARK |
		       TAPI_CALLFEATURE_SENDUSERUSER;
	case TAPI_CALLSTATE_ONHOLD:
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_UNHOLD;
	case TAPI_CALLSTATE_ONHOLDPENDTRANSFER:
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES |
		       TAPI_CALLFEATURE_COMPLETETRANSF;
	default:
		return TAPI_CALLFEATURE_DROP | DETECT_FEATURES;
	}
}

/* Try each operation the state does not allow: EBADFD, nothing changes. */
static void illegal_ops(struct __test_metadata *_metadata, int fd,
			uint32_t c, uint32_t state)
{
	static const struct {
		uint32_t feature;
		unsigned long cmd;
	} ops[] = {
		{ TAPI_CALLFEATURE_ACCEPT, TAPI_IOC_CALL_ACCEPT },
		{ TAPI_CALLFEATURE_ANSWER, TAPI_IOC_CALL_ANSWER },
		{ TAPI_CALLFEATURE_DROP, TAPI_IOC_CALL_DROP },
		{ TAPI_CALLFEATURE_HOLD, TAPI_IOC_CALL_HOLD },
		{ TAPI_CALLFEATURE_UNHOLD, TAPI_IOC_CALL_UNHOLD },
		{ TAPI_CALLFEATURE_REMOVEFROMCONF,
		  TAPI_IOC_CALL_REMOVE_FROM_CONF },
		{ TAPI_CALLFEATURE_SECURECALL, TAPI_IOC_CALL_SECURE },
	};
	struct tapi_call_consult cs = { .size = sizeof(cs), .call = c };
	struct tapi_call_setup_conf sc = { .size = sizeof(sc), .call = c };
	struct tapi_call_dial bt = { .size = sizeof(bt), .call = c,
				     .digits = "2001" };
	struct tapi_call_user_user uu = { .size = sizeof(uu), .call = c,
					  .len = 1, .data = "u" };
	struct tapi_call_completion cc = {
		.size = sizeof(cc),
		.call = c,
		.mode = TAPI_COMPLETION_CALLBACK,
	};
	struct tapi_call_park pk = {
		.size = sizeof(pk),
		.call = c,
		.mode = TAPI_PARK_NONDIRECTED,
	};
	uint32_t legal = legal_features(state);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (legal & ops[i].feature)
			continue;
		EXPECT_EQ(-EBADFD, call_op(fd, ops[i].cmd, c, 0))
			TH_LOG("op %#x in %s", ops[i].feature,
			       state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_DIAL)) {
		EXPECT_EQ(-EBADFD, call_dial(fd, c, "1", 0))
			TH_LOG("dial in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_BLINDTRANSFER)) {
		EXPECT_EQ(-EBADFD,
			  tapi_ioctl(fd, TAPI_IOC_CALL_BLIND_TRANSFER, &bt))
			TH_LOG("blind transfer in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_SETUPTRANSFER)) {
		EXPECT_EQ(-EBADFD,
			  tapi_ioctl(fd, TAPI_IOC_CALL_SETUP_TRANSFER, &cs))
			TH_LOG("setup transfer in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_SETUPCONF)) {
		EXPECT_EQ(-EBADFD, tapi_ioctl(fd, TAPI_IOC_CALL_SETUP_CONF, &sc))
			TH_LOG("setup conference in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_PARK)) {
		EXPECT_EQ(-EBADFD, tapi_ioctl(fd, TAPI_IOC_CALL_PARK, &pk))
			TH_LOG("park in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_REDIRECT)) {
		EXPECT_EQ(-EBADFD, tapi_ioctl(fd, TAPI_IOC_CALL_REDIRECT, &bt))
			TH_LOG("redirect in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_SENDUSERUSER)) {
		EXPECT_EQ(-EBADFD,
			  tapi_ioctl(fd, TAPI_IOC_CALL_SEND_USER_USER, &uu))
			TH_LOG("user-user information in %s", state_name(state));
	}
	if (!(legal & TAPI_CALLFEATURE_COMPLETECALL)) {
		EXPECT_EQ(-EBADFD, tapi_ioctl(fd, TAPI_IOC_CALL_COMPLETE, &cc))
			TH_LOG("call completion in %s", state_name(state));
	}
	/* Camp-on only at a busy station. */
	if (state != TAPI_CALLSTATE_BUSY) {
		cc.mode = TAPI_COMPLETION_CAMPON;
		EXPECT_EQ(-EBADFD, tapi_ioctl(fd, TAPI_IOC_CALL_COMPLETE, &cc))
			TH_LOG("camp-on in %s", state_name(state));
	}
	/* This call is no conference call: never prepare add. */
	EXPECT_EQ(-EBADFD, tapi_ioctl(fd, TAPI_IOC_CALL_PREPARE_ADD_CONF, &cs))
		TH_LOG("prepare add in %s", state_name(state));
	EXPECT_EQ((int)state, call_state(fd, c));
}

TEST_F(model, every_state_and_mode)
{
	struct tapi_call_status st;
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t c, m, expect_mode;
	unsigned int i;
	char cmd[96];

	for (i = 0; i < ARRAY_SIZE(states); i++) {
		ASSERT_EQ(0, offer(self, &c, &m)) TH_LOG("entry %u", i);
		/* UNKNOWN leads anywhere. */
		ASSERT_EQ(0, sim_network(&self->card, 0, "state unknown"));
		snprintf(cmd, sizeof(cmd), "state %s%s%s", states[i].state,
			 states[i].mode ? " mode=" : "",
			 states[i].mode ?: "");
		ASSERT_EQ(0, sim_network(&self->card, 0, "%s", cmd))
			TH_LOG("%s", cmd);

		/* Owner and monitor both hear it, with its mode. */
		expect_mode = states[i].mode_bit;
		ASSERT_EQ(1, ev_wait_state(self->fd, c, states[i].bit, &ev,
					   T)) TH_LOG("%s", cmd);
		EXPECT_EQ(expect_mode, ev.param[1]) TH_LOG("%s", cmd);
		ASSERT_EQ(1, ev_wait_state(self->mon, m, states[i].bit, &ev,
					   T)) TH_LOG("%s", cmd);
		EXPECT_EQ(expect_mode, ev.param[1]) TH_LOG("%s", cmd);

		ASSERT_EQ(0, call_status(self->fd, c, &st));
		EXPECT_EQ(states[i].bit, st.state);
		EXPECT_EQ(expect_mode, st.mode);
		EXPECT_EQ(legal_features(st.state), st.call_features)
			TH_LOG("%s", cmd);
		ASSERT_EQ(0, call_status(self->mon, m, &st));
		EXPECT_EQ(0u, st.call_features);
		ASSERT_EQ(0, call_info(self->fd, c, &ci));
		EXPECT_NE(0u, ci.state_entry_ns[ffs(states[i].bit) - 1]);

		illegal_ops(_metadata, self->fd, c, states[i].bit);

		/* Done with it: drop (unless idle) and deallocate. */
		if (states[i].bit != TAPI_CALLSTATE_IDLE) {
			ASSERT_EQ(0, call_op(self->fd, TAPI_IOC_CALL_DROP, c,
					     TAPI_REQUEST_SYNC));
		}
		EXPECT_EQ((int)TAPI_CALLSTATE_IDLE, call_state(self->fd, c));
		EXPECT_EQ(0, call_dealloc(self->fd, c));
		EXPECT_EQ(0, call_dealloc(self->mon, m));
	}
}

/* How many kernel log lines mention "call ID: ... refused". */
static int refusals_logged(uint32_t id)
{
	static char buf[1 << 20];
	char needle[32], *p, *eol;
	int n, count = 0;

	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf) - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	snprintf(needle, sizeof(needle), "call %u: ", id);
	for (p = buf; (p = strstr(p, needle)); p = eol) {
		eol = strchrnul(p, '\n');
		if (memmem(p, eol - p, "refused", 7))
			count++;
	}
	return count;
}

TEST_F(model, illegal_transitions_refused)
{
	static const struct {
		const char *from, *to;
	} bad[] = {
		{ "offering", "busy" },
		{ "offering", "dialing" },
		{ "offering", "onhold" },
		{ "offering", "ringback" },
		{ "accepted", "offering" },
		{ "connected", "offering" },
		{ "connected", "dialtone" },
		{ "busy", "connected" },
		{ "ringback", "dialtone" },
		{ "onhold", "dialing" },
		{ "disconnected", "connected" },
		{ "disconnected", "unknown" },
		{ "disconnected", "offering" },
	};
	struct tapi_call_info ci;
	struct tapi_event ev;
	int before, after, logged = 0;
	uint32_t c, m;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ASSERT_EQ(0, offer(self, &c, &m));
		ASSERT_EQ(0, call_info(self->fd, c, &ci));
		before = refusals_logged(ci.call_id);
		ASSERT_LE(0, before);
		ASSERT_EQ(0, sim_network(&self->card, 0, "state unknown"));
		ASSERT_EQ(0, sim_network(&self->card, 0, "state %s",
					 bad[i].from));
		ev_drain(self->fd);
		/* Refused twice, logged once, nothing queued, unchanged. */
		EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "state %s",
					       bad[i].to))
			TH_LOG("%s -> %s", bad[i].from, bad[i].to);
		EXPECT_EQ(-EINVAL, sim_network(&self->card, 0, "state %s",
					       bad[i].to));
		EXPECT_EQ(0, ev_read(self->fd, &ev, 0));
		/* At most once per call (ratelimited: maybe not at all). */
		after = refusals_logged(ci.call_id);
		EXPECT_GE(1, after - before);
		logged += after - before;
		ASSERT_EQ(0, call_info(self->fd, c, &ci));
		EXPECT_STREQ(bad[i].from,
			     state_name(call_state(self->fd, c)));
		ASSERT_EQ(0, call_op(self->fd, TAPI_IOC_CALL_DROP, c,
				     TAPI_REQUEST_SYNC));
		EXPECT_EQ(0, call_dealloc(self->fd, c));
		EXPECT_EQ(0, call_dealloc(self->mon, m));
	}
	EXPECT_LT(0, logged);

	/* A mode the state does not take is refused the same way. */
	ASSERT_EQ(0, offer(self, &c, &m));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0,
				       "state connected mode=0x40"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0,
				       "state connected mode=3"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0,
				       "state accepted mode=1"));
	/* Mode names belong to their state. */
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0,
				       "state busy mode=internal"));
	EXPECT_EQ(-EINVAL, sim_network(&self->card, 0,
				       "state connected mode=noanswer"));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(self->fd, c));
}

/* Handles nobody gave this fd: ENOENT from every call command. */
TEST_F(model, unknown_handles)
{
	uint32_t c, m, stale, foreign = 0;
	struct tapi_call_info ci;
	struct tapi_event ev;
	uint32_t bad[4];
	unsigned int i;
	int other;

	ASSERT_EQ(0, offer(self, &c, &m));
	ASSERT_EQ(0, call_op(self->fd, TAPI_IOC_CALL_DROP, c,
			     TAPI_REQUEST_SYNC));
	stale = c;
	ASSERT_EQ(0, call_dealloc(self->fd, stale));
	ASSERT_EQ(0, offer(self, &c, &m));

	/* Another fd's handles run past this fd's. */
	other = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, other);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, sim_network(&self->card, 1, "offer 7%u", i));
		ASSERT_EQ(1, ev_wait(other, TAPI_EV_NEWCALL, 0, &ev, T));
		foreign = ev.call;
	}
	ASSERT_LT(c, foreign);

	bad[0] = stale;
	bad[1] = 0;
	bad[2] = 0xffffffff;
	bad[3] = foreign;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-ENOENT, call_state(self->fd, bad[i]));
		EXPECT_EQ(-ENOENT, call_info(self->fd, bad[i], &ci));
		EXPECT_EQ(-ENOENT, call_op(self->fd, TAPI_IOC_CALL_ANSWER,
					   bad[i], 0));
		EXPECT_EQ(-ENOENT, call_op(self->fd, TAPI_IOC_CALL_ACCEPT,
					   bad[i], 0));
		EXPECT_EQ(-ENOENT, call_op(self->fd, TAPI_IOC_CALL_DROP,
					   bad[i], 0));
		EXPECT_EQ(-ENOENT, call_dial(self->fd, bad[i], "1", 0));
		EXPECT_EQ(-ENOENT, call_dealloc(self->fd, bad[i]));
		EXPECT_EQ(-ENOENT, call_privilege(self->fd, bad[i],
						  TAPI_PRIV_OWNER));
		EXPECT_EQ(-ENOENT, call_handoff(self->fd, bad[i], 0, "x"));
	}
	/* The calls themselves did not notice. */
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(self->fd, c));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(other, foreign));
	close(other);
}

TEST_F(model, monitor_cannot_control)
{
	uint32_t c, m;

	ASSERT_EQ(0, offer(self, &c, &m));
	EXPECT_EQ(-EPERM, call_op(self->mon, TAPI_IOC_CALL_ANSWER, m, 0));
	EXPECT_EQ(-EPERM, call_op(self->mon, TAPI_IOC_CALL_ACCEPT, m, 0));
	EXPECT_EQ(-EPERM, call_op(self->mon, TAPI_IOC_CALL_DROP, m, 0));
	EXPECT_EQ(-EPERM, call_dial(self->mon, m, "1", 0));
	EXPECT_EQ(-EPERM, call_handoff(self->mon, m, 0, "x"));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(self->fd, c));
	/* Deallocating is always a monitor's right. */
	EXPECT_EQ(0, call_dealloc(self->mon, m));
}

TEST_F(model, capability_lacking)
{
	struct tapi_address_caps ac;
	struct tapi_call_status st;
	struct tapi_event ev;
	uint32_t c;
	int fd1;

	ASSERT_EQ(0, tapi_addrcaps(self->card_fd, 1, 0, &ac));
	EXPECT_EQ((uint32_t)TAPI_CALLFEATURE_DROP, ac.call_features);
	fd1 = call_open_line(self->card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, fd1);
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 1"));
	ASSERT_EQ(1, ev_wait(fd1, TAPI_EV_NEWCALL, 0, &ev, T));
	c = ev.call;
	ASSERT_EQ(0, call_status(fd1, c, &st));
	EXPECT_EQ((uint32_t)TAPI_CALLFEATURE_DROP, st.call_features);
	EXPECT_EQ(-EOPNOTSUPP, call_op(fd1, TAPI_IOC_CALL_ANSWER, c, 0));
	EXPECT_EQ(-EOPNOTSUPP, call_op(fd1, TAPI_IOC_CALL_ACCEPT, c, 0));
	EXPECT_EQ(-EOPNOTSUPP, call_dial(fd1, c, "1", 0));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING, call_state(fd1, c));
	EXPECT_EQ(0, call_op(fd1, TAPI_IOC_CALL_DROP, c, TAPI_REQUEST_SYNC));
	close(fd1);
}

/* A make call refused for its arguments leaves no call and no event. */
TEST_F(model, make_call_bad_arguments)
{
	static const struct {
		const char *what;
		uint32_t flags, address, media, bearer;
		const char *dest;
		int err;
	} bad[] = {
		{ "no such address", 0, 1, 0, 0, "2001", -ENOENT },
		{ "media the line lacks", 0, 0, TAPI_MEDIA_G3FAX, 0, "2001",
		  -EOPNOTSUPP },
		{ "two media modes", 0, 0, TAPI_MEDIA_INTERACTIVEVOICE |
		  TAPI_MEDIA_AUTOMATEDVOICE, 0, "2001", -EINVAL },
		{ "undefined media", 0, 0, 1u << 20, 0, "2001", -EINVAL },
		{ "bearer the line lacks", 0, 0, 0, TAPI_BEARER_DATA, "2001",
		  -EOPNOTSUPP },
		{ "control character", 0, 0, 0, 0, "20\n01", -EINVAL },
		{ "unknown flag", 1u << 7, 0, 0, 0, "2001", -EOPNOTSUPP },
	};
	struct tapi_line_devstatus ds;
	struct tapi_call_make mk;
	struct tapi_event ev;
	uint32_t remaining;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&mk, 0, sizeof(mk));
		mk.size = sizeof(mk);
		mk.flags = bad[i].flags;
		mk.address_id = bad[i].address;
		mk.media_mode = bad[i].media;
		mk.bearer_mode = bad[i].bearer;
		snprintf(mk.dest, sizeof(mk.dest), "%s", bad[i].dest);
		EXPECT_EQ(bad[i].err, tapi_ioctl(self->fd, TAPI_IOC_CALL_MAKE,
						 &mk)) TH_LOG("%s", bad[i].what);
	}
	/* A destination filling the field without its NUL. */
	memset(&mk, 0, sizeof(mk));
	mk.size = sizeof(mk);
	memset(mk.dest, '1', sizeof(mk.dest));
	EXPECT_EQ(-EINVAL, tapi_ioctl(self->fd, TAPI_IOC_CALL_MAKE, &mk));

	EXPECT_EQ(0, ev_read(self->fd, &ev, 0));
	EXPECT_EQ(0, ev_read(self->mon, &ev, 0));
	ASSERT_EQ(0, tapi_devstatus(self->fd, &ds));
	EXPECT_EQ(0u, ds.num_active_calls);
	EXPECT_EQ(0, call_new_calls(self->mon, NULL, 0, &remaining));
	EXPECT_EQ(0u, remaining);
}

TEST_F(model, dial_bad_digits)
{
	struct tapi_call_dial d = { .size = sizeof(d) };
	uint32_t c;

	ASSERT_EQ(0, call_make(self->fd, "", TAPI_CALL_MAKE_SYNC, &c));
	d.call = c;
	EXPECT_EQ(-EINVAL, tapi_ioctl(self->fd, TAPI_IOC_CALL_DIAL, &d));
	memset(d.digits, '5', sizeof(d.digits));
	EXPECT_EQ(-EINVAL, tapi_ioctl(self->fd, TAPI_IOC_CALL_DIAL, &d));
	snprintf(d.digits, sizeof(d.digits), "1\t2");
	EXPECT_EQ(-EINVAL, tapi_ioctl(self->fd, TAPI_IOC_CALL_DIAL, &d));
	d.flags = 1u << 3;
	snprintf(d.digits, sizeof(d.digits), "12");
	EXPECT_EQ(-EOPNOTSUPP, tapi_ioctl(self->fd, TAPI_IOC_CALL_DIAL, &d));
	EXPECT_EQ((int)TAPI_CALLSTATE_DIALTONE, call_state(self->fd, c));
}

TEST_F(model, event_mask)
{
	struct tapi_line_event_mask em = { .size = sizeof(em) };
	struct tapi_event ev;
	uint32_t c;
	int req;

	em.event_mask = 1ull << 40;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(self->fd, TAPI_IOC_LINE_SET_EVENT_MASK, &em));
	/* Only NEWCALL: a reply comes anyway, states do not. */
	em.event_mask = EV(NEWCALL);
	ASSERT_EQ(0, tapi_ioctl(self->fd, TAPI_IOC_LINE_SET_EVENT_MASK, &em));
	req = call_make(self->fd, "", 0, &c);
	ASSERT_LT(0, req);
	ASSERT_EQ(1, ev_read(self->fd, &ev, T));
	EXPECT_EQ((uint32_t)TAPI_EV_REPLY, ev.type);
	EXPECT_EQ((uint32_t)req, ev.request_id);
	EXPECT_EQ(0, ev_read(self->fd, &ev, 200));
	/* 0 means everything again. */
	em.event_mask = 0;
	ASSERT_EQ(0, tapi_ioctl(self->fd, TAPI_IOC_LINE_SET_EVENT_MASK, &em));
	ASSERT_EQ(0, sim_network(&self->card, 0, "state dialing call=0"));
	ASSERT_EQ(1, ev_wait_state(self->fd, c, TAPI_CALLSTATE_DIALING, &ev,
				   T));
}

TEST_F(model, new_calls_errors)
{
	struct tapi_line_new_calls nc = {
		.size = sizeof(nc),
		.flags = TAPI_NEW_CALLS_ADDRESS,
		.address_id = 1,
	};
	uint32_t c, m, h[4], remaining;
	void *gone;
	int late;

	ASSERT_EQ(0, offer(self, &c, &m));
	late = call_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, EV_CALLS);
	ASSERT_LE(0, late);
	EXPECT_EQ(-ENOENT, tapi_ioctl(late, TAPI_IOC_LINE_GET_NEW_CALLS, &nc));
	nc.flags = 1u << 5;
	EXPECT_EQ(-EOPNOTSUPP,
		  tapi_ioctl(late, TAPI_IOC_LINE_GET_NEW_CALLS, &nc));

	/* An unwritable array: EFAULT, and no handle left behind. */
	gone = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, gone);
	nc.flags = 0;
	nc.capacity = 4;
	nc.handles = (uintptr_t)gone;
	EXPECT_EQ(-EFAULT, tapi_ioctl(late, TAPI_IOC_LINE_GET_NEW_CALLS, &nc));
	munmap(gone, 4096);
	EXPECT_EQ(1, call_new_calls(late, h, 4, &remaining));
	EXPECT_EQ(0u, remaining);
	close(late);
}

/* The queue overflows: the oldest go, the reader is told how many. */
TEST_F(model, event_overflow)
{
	struct tapi_line_open lo = {
		.line = 0,
		.privileges = TAPI_PRIV_MONITOR,
		.event_queue_depth = 4,
	};
	struct tapi_event ev[16];
	uint32_t c, m;
	int small, i;
	ssize_t n;

	small = tapi_open_line_args(self->card_fd, &lo);
	ASSERT_LE(0, small);
	ASSERT_EQ(4u, lo.event_queue_depth);
	/* Each offer queues NEWCALL, CALLSTATE and ADDRESSSTATE. */
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, offer(self, &c, &m));
	n = read(small, ev, sizeof(ev));
	ASSERT_LT(0, n);
	n /= sizeof(ev[0]);
	ASSERT_EQ(5, n);	/* OVERFLOW, then the 4 newest */
	EXPECT_EQ((uint32_t)TAPI_EV_OVERFLOW, ev[0].type);
	EXPECT_EQ(0u, ev[0].seqno);
	EXPECT_EQ(5u, ev[0].param[0]);	/* 9 queued, 4 kept */
	EXPECT_EQ(1u, ev[0].param[1]);	/* from the first */
	EXPECT_EQ(6u, ev[1].seqno);
	for (i = 2; i < n; i++)
		EXPECT_EQ(ev[i - 1].seqno + 1, ev[i].seqno);
	close(small);
}

int main(int argc, char **argv)
{
	sim_require("call_errors_test");
	return test_harness_run(argc, argv);
}
