// SPDX-License-Identifier: GPL-2.0
/*
 * Privilege and information, on a sim card with two lines whose device
 * node is opened to everyone for the test (its mode is put back after):
 *
 * - as an unprivileged user (nobody, no capabilities): a monitor handle
 *   cannot control a call (every control command is EPERM) and nothing
 *   changes; a line fd opened with TAPI_PRIV_NONE alone sees no party
 *   of a call it did not make (TAPI_PARTYID_UNAVAIL, no number, no name,
 *   no user-user information) as long as its handle is a monitor's, and
 *   its events carry none; netlink call get and dump are EPERM;
 * - a second unprivileged user cannot reach the media of the first one's
 *   call: not through its own line fd (ENOENT for every handle), not
 *   through /proc (fd, fdinfo, maps), pidfd_getfd() nor
 *   process_vm_readv();
 * - no kernel pointer value in anything tapi writes out: event records,
 *   ioctl replies, netlink dumps, sysfs files of the class, the sim's
 *   configfs files, the debugfs files, /proc/self/fdinfo of card, line
 *   and media fds, the media fd's kernel region, the tracepoint formats
 *   (no %px);
 * - poisoning: every record the kernel copies to user space is read into
 *   a buffer filled with a poison byte first; every reserved field must
 *   come back zero (a reserved field the kernel refuses non-zero, EINVAL,
 *   is given zero), string fields zero after their end, and bytes past
 *   what the kernel wrote (beyond the size user space gave, beyond the
 *   events read, beyond the handles and conference members given)
 *   untouched, forwarding entries past num_forward zero; an MSP data
 *   message read() leaves the buffer past it untouched.  io_uring's
 *   TAPI_URING_READ_EVENTS copies events with read()'s code.  The uapi structs
 *   have no implicit padding (pahole), so the reserved fields are all of
 *   it; netlink messages, the replies to requests and the notifications
 *   of both multicast groups, are walked, their padding and genlmsghdr's
 *   reserved must be zero.
 *
 * Each part prints how many commands, records and files it checked.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/tapi_netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"
#include "media.h"

#define UID_A		65534	/* nobody */
#define UID_B		65533	/* another user, no name needed */
#define WAIT_MS		5000
#define POISON		0xa5
#define ALL_EVENTS	TAPI_EV_MASK_VALID

FIXTURE(priv)
{
	struct sim_card card;
	mode_t mode;
	char num[2][TAPI_ADDRESS_LEN];
};

FIXTURE_SETUP(priv)
{
	struct stat st;
	int i, ret;

	ret = sim_card_create(&self->card, "priv", 2);
	ASSERT_EQ(0, ret) TH_LOG("card: %s", strerror(-ret));
	/* Park too, so that every control command reaches its privilege. */
	ASSERT_EQ(0, sim_card_set(&self->card, "park_numbers", "700"));
	ret = sim_card_live(&self->card, true);
	ASSERT_EQ(0, ret) TH_LOG("live: %s", strerror(-ret));
	for (i = 0; i < 2; i++)
		sim_default_number(&self->card, i, self->num[i],
				   sizeof(self->num[i]));
	ASSERT_EQ(0, stat(self->card.dev_path, &st));
	self->mode = st.st_mode & 07777;
	/* The unprivileged users of the test may open it; put back after. */
	ASSERT_EQ(0, chmod(self->card.dev_path, 0666));
}

FIXTURE_TEARDOWN(priv)
{
	chmod(self->card.dev_path, self->mode);
	sim_card_destroy(&self->card);
}

/* ------------------------------------------------------------------ */
/* Unprivileged children                                              */
/* ------------------------------------------------------------------ */

/* Failures of a child, printed as TAP comments; the exit status. */
static int bad;
#define BAD(...) do { printf("# " __VA_ARGS__); printf("\n"); \
		      fflush(stdout); bad++; } while (0)

/* Become @uid with no groups and no capabilities; false if it failed. */
static bool drop_to(uid_t uid)
{
	char line[256];
	bool capeff = false;
	FILE *f;

	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid) || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return false;
	f = fopen("/proc/self/status", "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strcmp(line, "CapEff:\t0000000000000000\n"))
			capeff = true;
	fclose(f);
	return capeff && geteuid() == uid;
}

typedef void (*child_fn)(const struct sim_card *card, const void *arg);

/* Fork, become @uid and run @fn; the pid, or -1. */
static pid_t spawn_as(uid_t uid, child_fn fn, const struct sim_card *card,
		      const void *arg)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	bad = 0;
	if (!drop_to(uid))
		BAD("cannot become uid %u without capabilities: %m", uid);
	else
		fn(card, arg);
	fflush(stdout);
	_exit(bad > 100 ? 100 : bad);
}

/* The child's failure count, or -1 if it did not exit. */
static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int run_as(uid_t uid, child_fn fn, const struct sim_card *card,
		  const void *arg)
{
	return reap(spawn_as(uid, fn, card, arg));
}

static int open_card(const struct sim_card *card)
{
	int fd = open(card->dev_path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		BAD("open %s as uid %u: %m", card->dev_path, geteuid());
	return fd;
}

/* ------------------------------------------------------------------ */
/* Monitors do not control                                            */
/* ------------------------------------------------------------------ */

union ctl_arg {
	struct tapi_call_request req;
	struct tapi_call_dial dial;
	struct tapi_call_pair pair;
	struct tapi_call_consult consult;
	struct tapi_call_complete_transfer xfer;
	struct tapi_call_setup_conf conf;
	struct tapi_call_park park;
	struct tapi_call_user_user uui;
	struct tapi_call_completion completion;
	struct tapi_call_handoff handoff;
	struct tapi_generate_digits digits;
	struct tapi_generate_tone tone;
	struct tapi_media_open media;
	struct tapi_call_privilege privilege;
};

struct ctl_cmd {
	const char *name;
	unsigned long cmd;
	size_t size;
};

#define CTL(c, s) { #c, TAPI_IOC_CALL_##c, sizeof(struct s) }
static const struct ctl_cmd control_cmds[] = {
	CTL(ANSWER, tapi_call_request),
	CTL(ACCEPT, tapi_call_request),
	CTL(DROP, tapi_call_request),
	CTL(DIAL, tapi_call_dial),
	CTL(HOLD, tapi_call_request),
	CTL(UNHOLD, tapi_call_request),
	CTL(SWAP_HOLD, tapi_call_pair),
	CTL(SETUP_TRANSFER, tapi_call_consult),
	CTL(COMPLETE_TRANSFER, tapi_call_complete_transfer),
	CTL(BLIND_TRANSFER, tapi_call_dial),
	CTL(SETUP_CONF, tapi_call_setup_conf),
	CTL(PREPARE_ADD_CONF, tapi_call_consult),
	CTL(ADD_TO_CONF, tapi_call_pair),
	CTL(REMOVE_FROM_CONF, tapi_call_request),
	CTL(REDIRECT, tapi_call_dial),
	CTL(PARK, tapi_call_park),
	CTL(SECURE, tapi_call_request),
	CTL(SEND_USER_USER, tapi_call_user_user),
	CTL(COMPLETE, tapi_call_completion),
	CTL(HANDOFF, tapi_call_handoff),
	CTL(GENERATE_DIGITS, tapi_generate_digits),
	CTL(GENERATE_TONE, tapi_generate_tone),
	CTL(MEDIA_OPEN, tapi_media_open),
};

/* A well-formed argument of @c on handle @call (@other: a second call). */
static void ctl_fill(const struct ctl_cmd *c, union ctl_arg *a, uint32_t call,
		     uint32_t other, const char *dest)
{
	memset(a, 0, sizeof(*a));
	a->req.size = c->size;
	a->req.call = call;
	switch (c->cmd) {
	case TAPI_IOC_CALL_DIAL:
	case TAPI_IOC_CALL_BLIND_TRANSFER:
	case TAPI_IOC_CALL_REDIRECT:
		snprintf(a->dial.digits, sizeof(a->dial.digits), "%s", dest);
		break;
	case TAPI_IOC_CALL_SWAP_HOLD:
	case TAPI_IOC_CALL_ADD_TO_CONF:
		a->pair.other = other;
		break;
	case TAPI_IOC_CALL_COMPLETE_TRANSFER:
		a->xfer.consult = other;
		break;
	case TAPI_IOC_CALL_SETUP_CONF:
		a->conf.num_parties = 3;
		break;
	case TAPI_IOC_CALL_PARK:
		a->park.mode = TAPI_PARK_NONDIRECTED;
		break;
	case TAPI_IOC_CALL_SEND_USER_USER:
		a->uui.len = 1;
		a->uui.data[0] = 'x';
		break;
	case TAPI_IOC_CALL_COMPLETE:
		a->completion.mode = TAPI_COMPLETION_CALLBACK;
		break;
	case TAPI_IOC_CALL_HANDOFF:
		strcpy(a->handoff.app_name, "x");
		break;
	case TAPI_IOC_CALL_GENERATE_DIGITS:
		a->digits.digit_mode = TAPI_DIGITMODE_DTMF;
		strcpy(a->digits.digits, "1");
		break;
	case TAPI_IOC_CALL_GENERATE_TONE:
		a->tone.tone_mode = TAPI_TONEMODE_BEEP;
		a->tone.duration_ms = 100;
		break;
	case TAPI_IOC_CALL_MEDIA_OPEN:
		a->media.flags = TAPI_MEDIA_OPEN_TX | TAPI_MEDIA_OPEN_CLOEXEC;
		break;
	}
}

/* Nothing queued on @fd within @ms. */
static bool quiet(int fd, int ms)
{
	struct tapi_event ev;

	return ev_read(fd, &ev, ms) == 0;
}

static void monitor_child(const struct sim_card *card, const void *arg)
{
	const char (*num)[TAPI_ADDRESS_LEN] = arg;
	struct tapi_call_status st0, st1, mst;
	struct tapi_call_info ci0, ci1;
	struct tapi_event ev;
	uint32_t ca, co, m, ca2, m2;
	union ctl_arg a;
	unsigned int i, n = 0;
	int cfd, la, lo, lm;

	cfd = open_card(card);
	if (cfd < 0)
		return;
	la = call_open_line(cfd, 0, TAPI_PRIV_NONE, EV_CALLS);
	lo = call_open_line(cfd, 1, TAPI_PRIV_OWNER, ALL_EVENTS);
	lm = call_open_line(cfd, 1, TAPI_PRIV_MONITOR, ALL_EVENTS);
	if (la < 0 || lo < 0 || lm < 0) {
		BAD("open lines: %d %d %d", la, lo, lm);
		return;
	}
	if (call_connect(la, lo, num[1], true, &ca, &co, WAIT_MS)) {
		BAD("connect as uid %u", geteuid());
		return;
	}
	if (ev_wait(lm, TAPI_EV_NEWCALL, 0, &ev, WAIT_MS) != 1) {
		BAD("the monitor got no handle");
		return;
	}
	m = ev.call;
	if (ev_wait_state(lm, m, TAPI_CALLSTATE_CONNECTED, &ev, WAIT_MS) != 1)
		BAD("the monitor did not see CONNECTED");
	/* A second call, offered, for the commands on two calls. */
	if (call_make(la, num[1], TAPI_CALL_MAKE_SYNC, &ca2) ||
	    ev_wait(lm, TAPI_EV_NEWCALL, 0, &ev, WAIT_MS) != 1) {
		BAD("no second call");
		return;
	}
	m2 = ev.call;
	usleep(100 * 1000);
	ev_drain(la);
	ev_drain(lo);
	ev_drain(lm);
	if (call_status(lo, co, &st0) || call_info(lo, co, &ci0)) {
		BAD("status before: %m");
		return;
	}

	for (i = 0; i < ARRAY_SIZE(control_cmds); i++) {
		const struct ctl_cmd *c = &control_cmds[i];

		ctl_fill(c, &a, m, m2, "2999");
		errno = 0;
		if (ioctl(lm, c->cmd, &a) != -1 || errno != EPERM)
			BAD("monitor %s: %m, not EPERM", c->name);
		n++;
		/* The same with the request made synchronous. */
		if (c->cmd == TAPI_IOC_CALL_DROP) {
			a.req.flags = TAPI_REQUEST_SYNC;
			errno = 0;
			if (ioctl(lm, c->cmd, &a) != -1 || errno != EPERM)
				BAD("monitor sync DROP: %m, not EPERM");
			n++;
		}
	}

	/* Nothing happened: not to the call, not to anyone's events. */
	if (!quiet(lo, 300) || !quiet(la, 0) || !quiet(lm, 0))
		BAD("events after refused commands");
	if (call_status(lo, co, &st1) || call_info(lo, co, &ci1))
		BAD("status after: %m");
	else if (st1.state != st0.state || st1.mode != st0.mode ||
		 st1.state_ns != st0.state_ns ||
		 ci1.num_owners != ci0.num_owners ||
		 ci1.num_monitors != ci0.num_monitors ||
		 ci1.related_call_id != ci0.related_call_id ||
		 ci1.param_flags != ci0.param_flags ||
		 ci1.user_user_len != ci0.user_user_len)
		BAD("the call changed: state 0x%x->0x%x owners %u->%u",
		    st0.state, st1.state, ci0.num_owners, ci1.num_owners);
	if (call_status(lm, m, &mst) || mst.privilege != TAPI_PRIV_MONITOR ||
	    mst.call_features)
		BAD("the monitor handle changed: priv %u features 0x%x",
		    mst.privilege, mst.call_features);
	if (call_state(la, ca) != TAPI_CALLSTATE_CONNECTED)
		BAD("the caller's call is no longer CONNECTED");
	if (call_state(lm, m2) != TAPI_CALLSTATE_OFFERING)
		BAD("the second call is no longer OFFERING");
	printf("# monitor (uid %u): %u control commands refused with EPERM, call unchanged, no events\n",
	       geteuid(), n);
	call_op(lo, TAPI_IOC_CALL_DROP, co, TAPI_REQUEST_SYNC);
}

TEST_F(priv, monitor_cannot_control)
{
	EXPECT_EQ(0, run_as(UID_A, monitor_child, &self->card, self->num));
}

/* ------------------------------------------------------------------ */
/* Parties withheld from lines without privileges                     */
/* ------------------------------------------------------------------ */

static bool party_hidden(const struct tapi_call_party *p)
{
	static const struct tapi_call_party unavail = {
		.flags = TAPI_PARTYID_UNAVAIL,
	};

	return !memcmp(p, &unavail, sizeof(*p));
}

static bool info_hidden(const struct tapi_call_info *ci)
{
	static const __u8 zero[TAPI_USERUSER_MAX];

	return party_hidden(&ci->caller) && party_hidden(&ci->called) &&
	       party_hidden(&ci->connected) &&
	       party_hidden(&ci->redirecting) &&
	       party_hidden(&ci->redirection) && !ci->user_user_len &&
	       !memcmp(ci->user_user_info, zero, sizeof(zero));
}

/* @ci shows the numbers of both lines in its caller and called party. */
static bool info_shows(const struct tapi_call_info *ci,
		       const char (*num)[TAPI_ADDRESS_LEN])
{
	return !strcmp(ci->caller.number, num[0]) &&
	       !strcmp(ci->called.number, num[1]);
}

/* Read what is queued on @fd; false if any record holds @s. */
static bool events_without(int fd, const char *s, unsigned int *records)
{
	struct tapi_event ev;
	bool ok = true;

	while (ev_read(fd, &ev, 50) == 1) {
		(*records)++;
		if (memmem(&ev, sizeof(ev), s, strlen(s)))
			ok = false;
	}
	return ok;
}

static void parties_child(const struct sim_card *card, const void *arg)
{
	const char (*num)[TAPI_ADDRESS_LEN] = arg;
	unsigned int records = 0, infos = 0;
	struct tapi_call_user_user uu = {
		.size = sizeof(uu), .flags = TAPI_REQUEST_SYNC, .len = 5,
		.data = "hello",
	};
	struct tapi_call_info ci, own;
	struct tapi_event ev;
	uint32_t ca, co, h, hm;
	int cfd, la, lo, ln, lm;

	cfd = open_card(card);
	if (cfd < 0)
		return;
	la = call_open_line(cfd, 0, TAPI_PRIV_NONE, EV_CALLS);
	lo = call_open_line(cfd, 1, TAPI_PRIV_OWNER, ALL_EVENTS);
	ln = call_open_line(cfd, 1, TAPI_PRIV_NONE, ALL_EVENTS);
	lm = call_open_line(cfd, 1, TAPI_PRIV_MONITOR, ALL_EVENTS);
	if (la < 0 || lo < 0 || ln < 0 || lm < 0) {
		BAD("open lines: %d %d %d %d", la, lo, ln, lm);
		return;
	}
	if (call_connect(la, lo, num[1], true, &ca, &co, WAIT_MS)) {
		BAD("connect");
		return;
	}
	/* The owner, and a monitor line, see who talks. */
	if (call_info(lo, co, &own) || !info_shows(&own, num))
		BAD("the owner sees caller '%s' called '%s', not %s and %s",
		    own.caller.number, own.called.number, num[0], num[1]);
	infos++;
	if (ev_wait(lm, TAPI_EV_NEWCALL, 0, &ev, WAIT_MS) != 1)
		BAD("no handle for the monitor line");
	else if (call_new_calls(lm, &hm, 1, NULL) != 0)
		BAD("the monitor line got a second handle");
	/* The caller, without privileges, sees the parties of its call. */
	if (call_info(la, ca, &ci) || strcmp(ci.called.number, num[1]))
		BAD("the caller does not see its called party '%s'", num[1]);
	infos++;

	/* A line fd without privileges asks for a handle: no parties. */
	if (call_new_calls(ln, &h, 1, NULL) != 1) {
		BAD("no handle from GET_NEW_CALLS: %m");
		return;
	}
	if (call_info(ln, h, &ci))
		BAD("info: %m");
	else if (!info_hidden(&ci))
		BAD("parties shown to a line without privileges: caller '%s' flags 0x%x",
		    ci.caller.number, ci.caller.flags);
	else if (ci.call_id != own.call_id || ci.origin != own.origin ||
		 ci.num_owners != own.num_owners ||
		 ci.num_monitors != own.num_monitors + 1)
		BAD("the rest of the info differs: id %u/%u", ci.call_id,
		    own.call_id);
	infos++;
	/* Raised to owner, in charge of the call, it sees them. */
	if (call_privilege(ln, h, TAPI_PRIV_OWNER))
		BAD("raise to owner: %m");
	if (call_info(ln, h, &ci) || !info_shows(&ci, num))
		BAD("parties not shown to the line once owner");
	infos++;
	/* Back to monitor, they are withheld again. */
	if (call_privilege(ln, h, TAPI_PRIV_MONITOR))
		BAD("step down: %m");
	if (call_info(ln, h, &ci) || !info_hidden(&ci))
		BAD("parties shown once a monitor again");
	infos++;
	/* The user-user information the far end sends is not shown either. */
	uu.call = ca;
	if (tapi_ioctl(la, TAPI_IOC_CALL_SEND_USER_USER, &uu))
		BAD("send user-user information: %m");
	usleep(200 * 1000);
	if (call_info(lo, co, &own) || own.user_user_len != 5)
		BAD("the owner got %u bytes of user-user information",
		    own.user_user_len);
	if (call_info(ln, h, &ci) || !info_hidden(&ci))
		BAD("user-user information shown");
	infos += 2;
	/* Its events carry no number either. */
	if (!events_without(ln, num[0], &records) ||
	    !events_without(ln, num[1], &records))
		BAD("a party number in an event record");
	printf("# parties (uid %u): %u call infos, %u event records of a line without privileges checked\n",
	       geteuid(), infos, records);
	call_op(lo, TAPI_IOC_CALL_DROP, co, TAPI_REQUEST_SYNC);
}

TEST_F(priv, parties_withheld_without_privileges)
{
	EXPECT_EQ(0, run_as(UID_A, parties_child, &self->card, self->num));
}

/* ------------------------------------------------------------------ */
/* Raw generic netlink                                                */
/* ------------------------------------------------------------------ */

#define NL_BUF		65536

struct nl_req {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char attrs[64];
};

static void nl_put_u32(struct nl_req *r, uint16_t type, uint32_t v)
{
	struct nlattr *a = (void *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + sizeof(v);
	memcpy((char *)a + NLA_HDRLEN, &v, sizeof(v));
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static int nl_send(int s, uint16_t family, uint8_t cmd, uint16_t flags,
		   const uint32_t *attrs, int nattrs)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nl_req r;
	int i;

	memset(&r, 0, sizeof(r));
	r.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r.n.nlmsg_type = family;
	r.n.nlmsg_flags = NLM_F_REQUEST | flags;
	r.n.nlmsg_seq = 1;
	r.g.cmd = cmd;
	r.g.version = TAPI_GENL_VERSION;
	for (i = 0; i < nattrs; i++)
		nl_put_u32(&r, attrs[2 * i], attrs[2 * i + 1]);
	return sendto(s, &r, r.n.nlmsg_len, 0, (void *)&sa, sizeof(sa)) < 0 ?
	       -errno : 0;
}

/* Find attribute @type among those at @p (@len bytes). */
static const struct nlattr *nl_attr(const void *p, int len, uint16_t type)
{
	const struct nlattr *a = p;

	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		len -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
	return NULL;
}

/* CTRL_ATTR_MCAST_GROUPS of the family, from the last nl_open(). */
static unsigned char mcast_groups[1024];
static int mcast_len;

/* The id of the family's multicast group @name, or 0. */
static uint32_t nl_group(const char *name)
{
	const unsigned char *p = mcast_groups;
	int len = mcast_len < (int)sizeof(mcast_groups) ?
		  mcast_len : (int)sizeof(mcast_groups);
	const struct nlattr *g, *a;
	uint32_t id;

	while (len >= NLA_HDRLEN) {
		g = (const void *)p;
		if (g->nla_len < NLA_HDRLEN || g->nla_len > len)
			break;
		a = nl_attr(p + NLA_HDRLEN, g->nla_len - NLA_HDRLEN,
			    CTRL_ATTR_MCAST_GRP_NAME);
		if (a && !strcmp((const char *)a + NLA_HDRLEN, name)) {
			a = nl_attr(p + NLA_HDRLEN, g->nla_len - NLA_HDRLEN,
				    CTRL_ATTR_MCAST_GRP_ID);
			if (!a)
				return 0;
			memcpy(&id, (const char *)a + NLA_HDRLEN, sizeof(id));
			return id;
		}
		len -= NLA_ALIGN(g->nla_len);
		p += NLA_ALIGN(g->nla_len);
	}
	return 0;
}

static int nl_open(uint16_t *family)
{
	static const char name[] = TAPI_GENL_NAME;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		struct nlattr a;
		char name[16];
	} r;
	const struct nlattr *id, *mcast;
	char buf[8192];
	struct nlmsghdr *n = (void *)buf;
	int s, len;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s < 0)
		return -errno;
	memset(&r, 0, sizeof(r));
	r.a.nla_type = CTRL_ATTR_FAMILY_NAME;
	r.a.nla_len = NLA_HDRLEN + sizeof(name);
	memcpy(r.name, name, sizeof(name));
	r.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(r.a.nla_len);
	r.n.nlmsg_type = GENL_ID_CTRL;
	r.n.nlmsg_flags = NLM_F_REQUEST;
	r.g.cmd = CTRL_CMD_GETFAMILY;
	r.g.version = 1;
	if (sendto(s, &r, r.n.nlmsg_len, 0, (void *)&sa, sizeof(sa)) < 0)
		goto fail;
	len = recv(s, buf, sizeof(buf), 0);
	if (len < (int)NLMSG_LENGTH(GENL_HDRLEN) ||
	    n->nlmsg_type == NLMSG_ERROR)
		goto fail;
	id = nl_attr((char *)NLMSG_DATA(n) + GENL_HDRLEN,
		     n->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
		     CTRL_ATTR_FAMILY_ID);
	if (!id)
		goto fail;
	memcpy(family, (const char *)id + NLA_HDRLEN, sizeof(*family));
	mcast = nl_attr((char *)NLMSG_DATA(n) + GENL_HDRLEN,
			n->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
			CTRL_ATTR_MCAST_GROUPS);
	if (mcast) {
		mcast_len = mcast->nla_len - NLA_HDRLEN;
		memcpy(mcast_groups, (const char *)mcast + NLA_HDRLEN,
		       mcast_len < (int)sizeof(mcast_groups) ?
		       mcast_len : (int)sizeof(mcast_groups));
	}
	return s;
fail:
	close(s);
	return -EPROTO;
}

/* What the kernel wrote out, scanned: byte counts and findings. */
struct scan {
	unsigned int files, records, commands, netlink, pointers, padding;
};

static struct scan sc;

/* Kernel pointers among the aligned u64 of @p: their number. */
static unsigned int scan_binary(const char *what, const void *p, size_t len)
{
	unsigned int found = 0;
	size_t i;

	for (i = 0; i + 8 <= len; i += 4) {
		uint64_t v;

		memcpy(&v, (const char *)p + i, sizeof(v));
		if (v >= 0xffff800000000000ull && v < 0xfffffffffffff000ull) {
			BAD("%s: kernel pointer 0x%llx at offset %zu", what,
			    (unsigned long long)v, i);
			found++;
		}
	}
	sc.pointers += found;
	return found;
}

/* Kernel pointers printed in hex in @s: their number. */
static unsigned int scan_text(const char *what, const char *s, size_t len)
{
	unsigned int found = 0;
	size_t i, j;

	for (i = 0; i + 16 <= len; i++) {
		if (strncasecmp(s + i, "ffff", 4) ||
		    !strchr("89abcdefABCDEF", s[i + 4]) ||
		    (i && isxdigit((unsigned char)s[i - 1])))
			continue;
		for (j = 5; j < 16 && isxdigit((unsigned char)s[i + j]); j++)
			;
		if (j == 16) {
			BAD("%s: kernel pointer '%.16s'", what, s + i);
			found++;
		}
	}
	sc.pointers += found;
	return found;
}

/* Attributes at @p: padding zero, recursing into nested ones. */
static void nl_check_attrs(const char *what, const unsigned char *p, int len)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		int alen = a->nla_len, i;

		if (alen < NLA_HDRLEN || alen > len) {
			BAD("%s: attribute length %d of %d", what, alen, len);
			return;
		}
		for (i = alen; i < NLA_ALIGN(alen) && i < len; i++)
			if (p[i]) {
				BAD("%s: attribute %u padding byte 0x%x",
				    what, a->nla_type & NLA_TYPE_MASK, p[i]);
				sc.padding++;
			}
		if (a->nla_type & NLA_F_NESTED)
			nl_check_attrs(what, p + NLA_HDRLEN, alen - NLA_HDRLEN);
		len -= NLA_ALIGN(alen);
		p += NLA_ALIGN(alen);
	}
}

/* The bytes between a message's end and the next, within @len: zero. */
static void nl_check_padding(const struct nlmsghdr *n, int len)
{
	int i;

	sc.netlink++;
	for (i = n->nlmsg_len; i < (int)NLMSG_ALIGN(n->nlmsg_len) && i < len;
	     i++)
		if (((const unsigned char *)n)[i]) {
			BAD("netlink: message padding 0x%x",
			    ((const unsigned char *)n)[i]);
			sc.padding++;
		}
}

/*
 * A generic netlink message's header, attributes and their padding, and
 * no kernel pointer in it.  Return: 0, or -EPROTO for a short message.
 */
static int nl_check_genl(const char *what, const struct nlmsghdr *n)
{
	const unsigned char *pl = NLMSG_DATA(n);
	int plen = n->nlmsg_len - NLMSG_HDRLEN;

	if (plen < (int)GENL_HDRLEN) {
		BAD("%s: short message", what);
		return -EPROTO;
	}
	if (((const struct genlmsghdr *)pl)->reserved) {
		BAD("%s: genlmsghdr reserved 0x%x", what,
		    ((const struct genlmsghdr *)pl)->reserved);
		sc.padding++;
	}
	scan_binary(what, pl, plen);
	nl_check_attrs(what, pl + GENL_HDRLEN, plen - GENL_HDRLEN);
	return 0;
}

/*
 * Send a request and read its answer into a poisoned buffer, each
 * message checked; *msgs counts the messages.  Return: 0, or the errno of
 * the kernel's error message (negative).
 */
static int nl_request(int s, uint16_t family, uint8_t cmd, uint16_t flags,
		      const uint32_t *attrs, int nattrs, unsigned int *msgs)
{
	static unsigned char buf[NL_BUF];
	int ret, len;

	*msgs = 0;
	ret = nl_send(s, family, cmd, flags, attrs, nattrs);
	if (ret)
		return ret;
	for (;;) {
		struct nlmsghdr *n;

		memset(buf, POISON, sizeof(buf));
		len = recv(s, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		for (n = (void *)buf; NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
			const unsigned char *pl = NLMSG_DATA(n);

			nl_check_padding(n, len);
			if (n->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(n);

				return e->error;
			}
			if (n->nlmsg_type == NLMSG_DONE) {
				int err;

				memcpy(&err, pl, sizeof(err));
				return err;
			}
			(*msgs)++;
			if (nl_check_genl("netlink", n))
				return -EPROTO;
			if (!(n->nlmsg_flags & NLM_F_MULTI))
				return 0;
		}
	}
}

/* A socket in both of the family's multicast groups, or -errno. */
static int nl_listen(void)
{
	static const char *const groups[] = {
		TAPI_GENL_MCGRP_MONITOR, TAPI_GENL_MCGRP_CALLS,
	};
	int s, size = 4 << 20;
	uint16_t family;
	unsigned int i;
	uint32_t id;

	s = nl_open(&family);
	if (s < 0)
		return s;
	/* Room for everything the test brings: read only at the end. */
	setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		id = nl_group(groups[i]);
		if (!id || setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
				      &id, sizeof(id))) {
			BAD("netlink: cannot join group %s", groups[i]);
			close(s);
			return -EPROTO;
		}
	}
	return s;
}

/* Read what @s has queued into a poisoned buffer, each message checked. */
static unsigned int nl_read_notifications(int s)
{
	static unsigned char buf[NL_BUF];
	unsigned int notes = 0;
	struct nlmsghdr *n;
	int len;

	for (;;) {
		memset(buf, POISON, sizeof(buf));
		len = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (len < 0) {
			if (errno != EAGAIN)
				BAD("netlink notifications: %m");
			return notes;
		}
		for (n = (void *)buf; NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
			nl_check_padding(n, len);
			notes++;
			if (nl_check_genl("netlink notification", n))
				return notes;
		}
	}
}

static void netlink_child(const struct sim_card *card, const void *arg)
{
	const uint32_t *call_id = arg;
	uint32_t attrs[4] = { TAPI_A_CARD_INDEX, card->index,
			      TAPI_A_CALL_ID, *call_id };
	unsigned int msgs, n = 0;
	uint16_t family;
	int s, ret;

	s = nl_open(&family);
	if (s < 0) {
		BAD("netlink family: %s", strerror(-s));
		return;
	}
	/* Cards and lines are answered ... */
	if (nl_request(s, family, TAPI_CMD_CARD_GET, NLM_F_DUMP, NULL, 0,
		       &msgs) || !msgs)
		BAD("card dump unprivileged: %u messages", msgs);
	n++;
	if (nl_request(s, family, TAPI_CMD_LINE_GET, NLM_F_DUMP, attrs, 1,
		       &msgs) || msgs != card->num_lines)
		BAD("line dump unprivileged: %u messages", msgs);
	n++;
	/* ... calls are not, whichever way they are asked for. */
	ret = nl_request(s, family, TAPI_CMD_CALL_GET, NLM_F_DUMP, NULL, 0,
			 &msgs);
	if (ret != -EPERM || msgs)
		BAD("call dump: %s, %u messages, not EPERM", strerror(-ret),
		    msgs);
	n++;
	ret = nl_request(s, family, TAPI_CMD_CALL_GET, NLM_F_DUMP, attrs, 1,
			 &msgs);
	if (ret != -EPERM || msgs)
		BAD("call dump of the card: %s, not EPERM", strerror(-ret));
	n++;
	ret = nl_request(s, family, TAPI_CMD_CALL_GET, 0, attrs, 2, &msgs);
	if (ret != -EPERM || msgs)
		BAD("call get: %s, not EPERM", strerror(-ret));
	n++;
	close(s);
	printf("# netlink (uid %u): %u requests, call get and dumps refused with EPERM\n",
	       geteuid(), n);
}

TEST_F(priv, netlink_calls_refused)
{
	struct tapi_call_info ci;
	uint32_t ca, co;
	int cfd, la, lo;

	cfd = sim_card_open(&self->card);
	ASSERT_LE(0, cfd);
	la = call_open_line(cfd, 0, TAPI_PRIV_NONE, EV_CALLS);
	lo = call_open_line(cfd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, la);
	ASSERT_LE(0, lo);
	ASSERT_EQ(0, call_connect(la, lo, self->num[1], true, &ca, &co,
				  WAIT_MS));
	ASSERT_EQ(0, call_info(la, ca, &ci));
	EXPECT_EQ(0, run_as(UID_A, netlink_child, &self->card, &ci.call_id));
	close(lo);
	close(la);
	close(cfd);
}

/* ------------------------------------------------------------------ */
/* Another user's media                                               */
/* ------------------------------------------------------------------ */

struct media_owner {
	pid_t pid;
	int line_fd;
	int media_fd;
	uint32_t handle;
	uint32_t kernel_size;
};

struct media_pipes {
	int info[2];	/* A -> B: struct media_owner */
	int done[2];	/* parent -> A: B is done */
};

/* User A: a call with its media open and mapped, until told. */
static void media_owner_child(const struct sim_card *card, const void *arg)
{
	const struct media_pipes *p = arg;
	struct media_owner mo = { .pid = getpid() };
	char num[TAPI_ADDRESS_LEN], c;
	uint32_t ca, co;
	struct media m;
	int cfd, la, lo, ret;

	sim_default_number(card, 1, num, sizeof(num));
	cfd = open_card(card);
	la = call_open_line(cfd, 0, TAPI_PRIV_NONE, EV_CALLS);
	lo = call_open_line(cfd, 1, TAPI_PRIV_OWNER, EV_CALLS);
	if (cfd < 0 || la < 0 || lo < 0 ||
	    call_connect(la, lo, num, true, &ca, &co, WAIT_MS)) {
		BAD("owner: no call");
		mo.pid = 0;
	} else {
		ret = media_open(lo, co, TAPI_MEDIA_OPEN_TX, 0, 0, 0, 0, &m);
		if (ret) {
			BAD("owner: media open: %s", strerror(-ret));
			mo.pid = 0;
		} else {
			mo.line_fd = lo;
			mo.media_fd = m.fd;
			mo.handle = co;
			mo.kernel_size = m.mo.off.kernel_size;
		}
	}
	if (write(p->info[1], &mo, sizeof(mo)) != sizeof(mo))
		BAD("owner: write: %m");
	if (read(p->done[0], &c, 1) < 0)
		BAD("owner: read: %m");
}

/* Opening @path must fail (EACCES or EPERM). */
static void refused_open(const char *path, unsigned int *n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 || (errno != EACCES && errno != EPERM))
		BAD("open %s: %s, not refused", path,
		    fd >= 0 ? "opened" : strerror(errno));
	if (fd >= 0)
		close(fd);
	(*n)++;
}

/* User B: tries every way to A's media it can think of. */
static void media_other_child(const struct sim_card *card, const void *arg)
{
	const struct media_owner *mo = arg;
	char path[PATH_MAX], buf[64];
	struct iovec local = { buf, sizeof(buf) }, remote = { NULL, 1 };
	struct tapi_media_open op;
	unsigned int n = 0;
	uint32_t h;
	int cfd, lb, pfd, fd;
	void *p;

	cfd = open_card(card);
	lb = call_open_line(cfd, 1, TAPI_PRIV_MONITOR | TAPI_PRIV_OWNER,
			    EV_CALLS);
	if (cfd < 0 || lb < 0) {
		BAD("other: open line: %d", lb);
		return;
	}
	/* Handles are the fd's own: B names none of A's calls. */
	for (h = 0; h <= 16; h++) {
		memset(&op, 0, sizeof(op));
		op.size = sizeof(op);
		op.flags = TAPI_MEDIA_OPEN_CLOEXEC;
		op.call = h ? h : mo->handle;
		errno = 0;
		if (ioctl(lb, TAPI_IOC_CALL_MEDIA_OPEN, &op) != -1 ||
		    errno != ENOENT)
			BAD("other: media open of handle %u: %m, not ENOENT",
			    op.call);
		n++;
	}
	/* A line fd is no media fd. */
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, lb, TAPI_MEDIA_OFF_KERNEL);
	if (p != MAP_FAILED)
		BAD("other: its line fd maps");
	n++;
	/* A's fds are not B's to open, nor its memory to read. */
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", mo->pid, mo->media_fd);
	refused_open(path, &n);
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", mo->pid, mo->line_fd);
	refused_open(path, &n);
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", mo->pid,
		 mo->media_fd);
	refused_open(path, &n);
	snprintf(path, sizeof(path), "/proc/%d/maps", mo->pid);
	refused_open(path, &n);
	snprintf(path, sizeof(path), "/proc/%d/mem", mo->pid);
	refused_open(path, &n);
	pfd = syscall(SYS_pidfd_open, mo->pid, 0);
	if (pfd < 0) {
		BAD("other: pidfd_open: %m");
	} else {
		fd = syscall(SYS_pidfd_getfd, pfd, mo->media_fd, 0);
		if (fd >= 0 || errno != EPERM)
			BAD("other: pidfd_getfd: %s, not EPERM",
			    fd >= 0 ? "got it" : strerror(errno));
		n++;
		close(pfd);
	}
	remote.iov_base = (void *)0x10000;
	if (syscall(SYS_process_vm_readv, mo->pid, &local, 1, &remote, 1,
		    0) >= 0 || errno != EPERM)
		BAD("other: process_vm_readv: %m, not EPERM");
	n++;
	printf("# media (uid %u against uid %u): %u attempts refused\n",
	       geteuid(), UID_A, n);
}

TEST_F(priv, media_of_another_user)
{
	struct media_pipes p;
	struct media_owner mo;
	pid_t a;

	ASSERT_EQ(0, pipe2(p.info, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(p.done, O_CLOEXEC));
	a = spawn_as(UID_A, media_owner_child, &self->card, &p);
	ASSERT_LT(0, a);
	ASSERT_EQ((ssize_t)sizeof(mo), read(p.info[0], &mo, sizeof(mo)));
	EXPECT_NE(0, mo.pid);
	if (mo.pid)
		EXPECT_EQ(0, run_as(UID_B, media_other_child, &self->card,
				    &mo));
	ASSERT_EQ(1, write(p.done[1], "x", 1));
	EXPECT_EQ(0, reap(a));
}

/* ------------------------------------------------------------------ */
/* Poisoned records                                                   */
/* ------------------------------------------------------------------ */

struct span {
	uint16_t off, len;
};

#define SPAN(s, m)	{ offsetof(struct s, m), sizeof(((struct s *)0)->m) }
#define SPANS_MAX	12

/*
 * One command that copies a record out: @in its input (the first @in_len
 * bytes are given, the rest is poison), @min the smallest size accepted.
 */
struct record {
	const char *name;
	int fd;
	unsigned long cmd;
	size_t size, min;
	const void *in;
	size_t in_len;
	struct span reserved[SPANS_MAX];
	struct span strings[SPANS_MAX];
};

static bool span_poisoned(const unsigned char *b, struct span s)
{
	unsigned int i;

	for (i = 0; i < s.len; i++)
		if (b[s.off + i] != POISON)
			return false;
	return true;
}

/* Run @r with user size @size in a poisoned buffer of @r->size; checked. */
static void record_run(const struct record *r, size_t size)
{
	unsigned char buf[4096];
	unsigned int i, j;
	bool zeroed = false;
	size_t k;

	if (r->size > sizeof(buf)) {
		BAD("%s: %zu bytes", r->name, r->size);
		return;
	}
again:
	memset(buf, POISON, sizeof(buf));
	memcpy(buf, r->in, r->in_len);
	*(uint32_t *)buf = size;
	if (zeroed)
		for (i = 0; i < SPANS_MAX && r->reserved[i].len; i++)
			if (r->reserved[i].off + r->reserved[i].len <= size)
				memset(buf + r->reserved[i].off, 0,
				       r->reserved[i].len);
	errno = 0;
	if (ioctl(r->fd, r->cmd, buf)) {
		/* A reserved field that must be zero on input. */
		if (errno == EINVAL && !zeroed) {
			zeroed = true;
			goto again;
		}
		BAD("%s (size %zu): %m", r->name, size);
		return;
	}
	sc.records++;
	/* Reserved fields within what was written: zero. */
	for (i = 0; i < SPANS_MAX && r->reserved[i].len; i++) {
		struct span s = r->reserved[i];

		if (s.off + s.len > size)
			continue;
		for (j = 0; j < s.len; j++)
			if (buf[s.off + j]) {
				BAD("%s: reserved byte %u is 0x%x", r->name,
				    s.off + j, buf[s.off + j]);
				sc.padding++;
				break;
			}
	}
	/* Strings: nothing after their end. */
	for (i = 0; i < SPANS_MAX && r->strings[i].len; i++) {
		struct span s = r->strings[i];
		const unsigned char *p = buf + s.off;
		size_t end;

		if (s.off + s.len > size || span_poisoned(buf, s))
			continue;
		end = strnlen((const char *)p, s.len);
		for (k = end; k < s.len; k++)
			if (p[k]) {
				BAD("%s: byte %zu after the string at %u is 0x%x",
				    r->name, k, s.off, p[k]);
				sc.padding++;
				break;
			}
	}
	/* Past the size user space gave: untouched. */
	for (k = size; k < sizeof(buf); k++)
		if (buf[k] != POISON) {
			BAD("%s (size %zu): byte %zu written", r->name, size,
			    k);
			sc.padding++;
			break;
		}
	scan_binary(r->name, buf, size);
}

static void record_check(const struct record *r)
{
	record_run(r, r->size);
	if (r->min != r->size)
		record_run(r, r->min);
}

/* Read events from @fd into a poisoned buffer; each one checked. */
static void events_check(int fd)
{
	unsigned char buf[3 * sizeof(struct tapi_event) + 20];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n, k;

	while (poll(&pfd, 1, 100) == 1) {
		memset(buf, POISON, sizeof(buf));
		n = read(fd, buf, sizeof(buf));
		if (n <= 0 || n % sizeof(struct tapi_event)) {
			BAD("read events: %zd", n);
			return;
		}
		for (k = 0; k < n; k += sizeof(struct tapi_event)) {
			const struct tapi_event *ev = (const void *)(buf + k);

			sc.records++;
			if (ev->reserved) {
				BAD("event type %u: reserved 0x%x", ev->type,
				    ev->reserved);
				sc.padding++;
			}
		}
		for (k = n; k < (ssize_t)sizeof(buf); k++)
			if (buf[k] != POISON) {
				BAD("read events: byte %zd past %zd written",
				    k, n);
				sc.padding++;
				break;
			}
		scan_binary("events", buf, n);
	}
}

#define PARTY_STRINGS(p) SPAN(tapi_call_info, p.number), \
			 SPAN(tapi_call_info, p.name)
#define PARTY_RESERVED(p) SPAN(tapi_call_info, p.reserved)

static void poison_records(int cfd, int lf, uint32_t call)
{
	struct tapi_features feat = { 0 };
	struct tapi_card_info card = { 0 };
	struct tapi_line_devcaps caps = { .line = 1 };
	struct tapi_address_caps acaps = { .line = 1 };
	struct tapi_address_status ast = { 0 };
	struct tapi_line_devstatus ds = { 0 };
	struct tapi_call_info ci = { .call = call };
	struct tapi_call_status cs = { .call = call };
	const struct record records[] = {
		{ "GET_FEATURES (card)", cfd, TAPI_IOC_GET_FEATURES,
		  sizeof(feat), sizeof(feat), &feat, 8,
		  { SPAN(tapi_features, reserved) }, { } },
		{ "GET_FEATURES (line)", lf, TAPI_IOC_GET_FEATURES,
		  sizeof(feat), sizeof(feat), &feat, 8,
		  { SPAN(tapi_features, reserved) }, { } },
		{ "CARD_GET_INFO", cfd, TAPI_IOC_CARD_GET_INFO,
		  sizeof(card), sizeof(card), &card, 8, { },
		  { SPAN(tapi_card_info, name),
		    SPAN(tapi_card_info, driver) } },
		{ "LINE_GET_DEVCAPS", cfd, TAPI_IOC_LINE_GET_DEVCAPS,
		  sizeof(caps), sizeof(caps), &caps, 12,
		  { SPAN(tapi_line_devcaps, reserved) },
		  { SPAN(tapi_line_devcaps, name) } },
		{ "ADDRESS_GET_CAPS", cfd, TAPI_IOC_ADDRESS_GET_CAPS,
		  sizeof(acaps), 96, &acaps, 16,
		  { SPAN(tapi_address_caps, reserved) },
		  { SPAN(tapi_address_caps, address) } },
		{ "LINE_GET_DEVSTATUS", lf, TAPI_IOC_LINE_GET_DEVSTATUS,
		  sizeof(ds), sizeof(ds), &ds, 8,
		  { SPAN(tapi_line_devstatus, reserved) }, { } },
		{ "ADDRESS_GET_STATUS", lf, TAPI_IOC_ADDRESS_GET_STATUS,
		  sizeof(ast), 32, &ast, 12,
		  { SPAN(tapi_address_status, forward[0].reserved) },
		  { SPAN(tapi_address_status, forward[0].dest) } },
		{ "CALL_GET_INFO", lf, TAPI_IOC_CALL_GET_INFO,
		  sizeof(ci), 872, &ci, 12,
		  { SPAN(tapi_call_info, reserved),
		    SPAN(tapi_call_info, reserved2),
		    PARTY_RESERVED(caller), PARTY_RESERVED(called),
		    PARTY_RESERVED(connected), PARTY_RESERVED(redirecting),
		    PARTY_RESERVED(redirection) },
		  { PARTY_STRINGS(caller), PARTY_STRINGS(called),
		    PARTY_STRINGS(connected), PARTY_STRINGS(redirecting),
		    PARTY_STRINGS(redirection) } },
		{ "CALL_GET_STATUS", lf, TAPI_IOC_CALL_GET_STATUS,
		  sizeof(cs), sizeof(cs), &cs, 12, { }, { } },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(records); i++) {
		record_check(&records[i]);
		sc.commands++;
	}
}

/* GET_NEW_CALLS: handles past the count untouched, counts right. */
static void poison_new_calls(int fd, unsigned int want)
{
	uint32_t handles[8];
	struct tapi_line_new_calls nc;
	unsigned int i;

	memset(handles, POISON, sizeof(handles));
	memset(&nc, POISON, sizeof(nc));
	nc.size = sizeof(nc);
	nc.flags = 0;
	nc.address_id = 0;
	nc.capacity = ARRAY_SIZE(handles);
	nc.handles = (uintptr_t)handles;
	if (ioctl(fd, TAPI_IOC_LINE_GET_NEW_CALLS, &nc)) {
		BAD("GET_NEW_CALLS: %m");
		return;
	}
	sc.records++;
	sc.commands++;
	if (nc.count != want || nc.remaining)
		BAD("GET_NEW_CALLS: %u handles, %u remaining, not %u", nc.count,
		    nc.remaining, want);
	for (i = nc.count; i < ARRAY_SIZE(handles); i++)
		if (handles[i] != 0xa5a5a5a5u) {
			BAD("GET_NEW_CALLS: entry %u written", i);
			sc.padding++;
		}
}

/*
 * ADDRESS_GET_STATUS of a forwarding address: the entry in use has its
 * reserved word zero and nothing after its destination, the entries past
 * num_forward are zero.
 */
static void poison_forward(int fd, const char *dest)
{
	struct tapi_line_forward f = {
		.size = sizeof(f),
		.flags = TAPI_REQUEST_SYNC,
		.num_entries = 1,
		.entries[0] = { .mode = TAPI_FORWARD_UNCOND },
	};
	static const struct tapi_forward_entry zero;
	struct tapi_address_status st;
	unsigned int i;

	snprintf(f.entries[0].dest, sizeof(f.entries[0].dest), "%s", dest);
	if (tapi_ioctl(fd, TAPI_IOC_LINE_FORWARD, &f)) {
		BAD("forward: %m");
		return;
	}
	memset(&st, POISON, sizeof(st));
	st.size = sizeof(st);
	st.flags = 0;
	st.address_id = 0;
	if (ioctl(fd, TAPI_IOC_ADDRESS_GET_STATUS, &st)) {
		BAD("ADDRESS_GET_STATUS, forwarding: %m");
		goto out;
	}
	sc.records++;
	sc.commands++;
	if (st.num_forward != 1 || strcmp(st.forward[0].dest, dest))
		BAD("ADDRESS_GET_STATUS: %u entries, '%.8s'", st.num_forward,
		    st.forward[0].dest);
	for (i = strlen(st.forward[0].dest) + 1; i < TAPI_DIAL_LEN; i++)
		if (st.forward[0].dest[i]) {
			BAD("ADDRESS_GET_STATUS: dest byte %u is 0x%x", i,
			    st.forward[0].dest[i]);
			sc.padding++;
			break;
		}
	if (st.forward[0].reserved) {
		BAD("ADDRESS_GET_STATUS: entry reserved 0x%x",
		    st.forward[0].reserved);
		sc.padding++;
	}
	for (i = 1; i < TAPI_FORWARD_MAX; i++)
		if (memcmp(&st.forward[i], &zero, sizeof(zero))) {
			BAD("ADDRESS_GET_STATUS: unused entry %u not zero", i);
			sc.padding++;
		}
	scan_binary("ADDRESS_GET_STATUS", &st, sizeof(st));
out:
	f.num_entries = 0;
	memset(f.entries, 0, sizeof(f.entries));
	if (tapi_ioctl(fd, TAPI_IOC_LINE_FORWARD, &f))
		BAD("forward off: %m");
}

/*
 * GET_CONF_RELATED of a conference set up on @call: the members written
 * have their reserved word zero, the room past them is untouched.
 */
static void poison_conf(int fd, uint32_t call)
{
	struct tapi_call_setup_conf sc_arg = {
		.size = sizeof(sc_arg), .flags = TAPI_REQUEST_SYNC,
		.call = call, .num_parties = 2,
	};
	struct tapi_conf_member members[4];
	struct tapi_conf_related cr;
	unsigned int i, found = 0;

	if (tapi_ioctl(fd, TAPI_IOC_CALL_SETUP_CONF, &sc_arg)) {
		BAD("SETUP_CONF: %m");
		return;
	}
	memset(members, POISON, sizeof(members));
	memset(&cr, POISON, sizeof(cr));
	cr.size = sizeof(cr);
	cr.flags = 0;
	cr.call = sc_arg.conf;
	cr.capacity = ARRAY_SIZE(members);
	cr.members = (uintptr_t)members;
	if (ioctl(fd, TAPI_IOC_CALL_GET_CONF_RELATED, &cr)) {
		BAD("GET_CONF_RELATED: %m");
		return;
	}
	sc.records++;
	sc.commands++;
	for (i = 0; i < cr.count && i < ARRAY_SIZE(members); i++)
		found += members[i].handle == call;
	if (!cr.count || cr.count >= ARRAY_SIZE(members) || cr.remaining ||
	    found != 1)
		BAD("GET_CONF_RELATED: %u members, %u remaining, call %s",
		    cr.count, cr.remaining, found ? "in" : "not in");
	for (i = 0; i < cr.count && i < ARRAY_SIZE(members); i++)
		if (members[i].reserved) {
			BAD("GET_CONF_RELATED: member %u reserved 0x%x", i,
			    members[i].reserved);
			sc.padding++;
		}
	for (i = cr.count; i < ARRAY_SIZE(members); i++)
		if (members[i].call_id != 0xa5a5a5a5u ||
		    members[i].reserved != 0xa5a5a5a5u) {
			BAD("GET_CONF_RELATED: entry %u written", i);
			sc.padding++;
		}
	scan_binary("GET_CONF_RELATED", members, sizeof(members));
}

/* MEDIA_OPEN: its reply, and the kernel region it maps. */
/*
 * The MSP data channel: the sim sends what an MSP writes back to the
 * call's media fds, and read() must copy the message and nothing more.
 */
static void poison_msp_data(int fd)
{
	static const char msg[] = "msp data";
	static unsigned char buf[TAPI_MSP_DATA_MAX];
	ssize_t n;
	size_t i;

	if (write(fd, msg, sizeof(msg)) != sizeof(msg)) {
		BAD("MSP data write: %m");
		return;
	}
	memset(buf, POISON, sizeof(buf));
	n = read(fd, buf, sizeof(buf));
	sc.records++;
	if (n != sizeof(msg) || memcmp(buf, msg, sizeof(msg))) {
		BAD("MSP data read: %zd bytes", n);
		return;
	}
	for (i = n; i < sizeof(buf); i++) {
		if (buf[i] != POISON) {
			BAD("MSP data read: byte %zu past the message written",
			    i);
			sc.padding++;
			break;
		}
	}
}

static void poison_media(int fd, uint32_t call, int *media_fd)
{
	struct tapi_media_open mo;
	unsigned char *k;

	memset(&mo, POISON, sizeof(mo));
	mo.size = sizeof(mo);
	mo.flags = TAPI_MEDIA_OPEN_CLOEXEC;
	mo.call = call;
	mo.format = TAPI_MEDIA_LINEAR16;
	mo.frame_ms = 0;
	mo.rx_entries = 0;
	mo.tx_entries = 0;
	mo.reserved = 0;
	if (ioctl(fd, TAPI_IOC_CALL_MEDIA_OPEN, &mo)) {
		BAD("MEDIA_OPEN: %m");
		return;
	}
	sc.records++;
	sc.commands++;
	*media_fd = mo.fd;
	if (mo.reserved || mo.off.reserved[0] || mo.off.reserved[1]) {
		BAD("MEDIA_OPEN: reserved 0x%x 0x%x 0x%x", mo.reserved,
		    mo.off.reserved[0], mo.off.reserved[1]);
		sc.padding++;
	}
	scan_binary("MEDIA_OPEN", &mo, sizeof(mo));
	k = mmap(NULL, mo.off.kernel_size, PROT_READ, MAP_SHARED, mo.fd,
		 TAPI_MEDIA_OFF_KERNEL);
	if (k == MAP_FAILED) {
		BAD("map the kernel region: %m");
		return;
	}
	scan_binary("media kernel region", k, mo.off.kernel_size);
	sc.records++;
	munmap(k, mo.off.kernel_size);
	poison_msp_data(mo.fd);
}

/* ------------------------------------------------------------------ */
/* Files                                                              */
/* ------------------------------------------------------------------ */

static void scan_file(const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return;		/* write-only attributes */
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return;
	buf[n] = '\0';
	sc.files++;
	scan_text(path, buf, n);
}

/* Every file under @dir, symbolic links not followed, @depth levels. */
static void scan_tree(const char *dir, int depth)
{
	char path[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode) && depth > 0)
			scan_tree(path, depth - 1);
		else if (S_ISREG(st.st_mode))
			scan_file(path);
	}
	closedir(d);
}

/* The tracepoint formats: no %px. */
static unsigned int scan_trace_formats(void)
{
	const char *dir = "/sys/kernel/tracing/events/tapi";
	char path[PATH_MAX], buf[8192];
	struct dirent *de;
	unsigned int n = 0;
	ssize_t len;
	DIR *d;
	int fd;

	if (access(dir, F_OK))
		mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/format", dir, de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len < 0)
			continue;
		buf[len] = '\0';
		n++;
		sc.files++;
		if (strstr(buf, "%px"))
			BAD("%s prints %%px", path);
	}
	closedir(d);
	return n;
}

TEST_F(priv, no_pointers_no_stale_bytes)
{
	char path[PATH_MAX], real[PATH_MAX];
	unsigned int msgs, formats, files[3], notes;
	uint32_t ca, co;
	int cfd, la, lo, lm, media = -1, s, mc;
	uint16_t family;
	struct stat st;

	memset(&sc, 0, sizeof(sc));
	bad = 0;
	/* Netlink notifications of all that follows, as root. */
	mc = nl_listen();
	ASSERT_LE(0, mc);
	cfd = sim_card_open(&self->card);
	ASSERT_LE(0, cfd);
	la = call_open_line(cfd, 0, TAPI_PRIV_NONE, ALL_EVENTS);
	lo = call_open_line(cfd, 1, TAPI_PRIV_OWNER, ALL_EVENTS);
	lm = call_open_line(cfd, 1, TAPI_PRIV_MONITOR, ALL_EVENTS);
	ASSERT_LE(0, la);
	ASSERT_LE(0, lo);
	ASSERT_LE(0, lm);
	ASSERT_EQ(0, call_connect(la, lo, self->num[1], true, &ca, &co,
				  WAIT_MS));
	usleep(200 * 1000);
	/* What the call brought so far. */
	events_check(la);
	events_check(lo);
	events_check(lm);
	/* A second monitor line asks for the call. */
	s = call_open_line(cfd, 1, TAPI_PRIV_NONE, ALL_EVENTS);
	ASSERT_LE(0, s);
	poison_new_calls(s, 1);
	poison_new_calls(s, 0);
	poison_records(cfd, lo, co);
	poison_media(lo, co, &media);
	poison_forward(lo, self->num[0]);
	/* Replies of requests, and what the call's end brings. */
	ASSERT_EQ(0, call_op(lo, TAPI_IOC_CALL_HOLD, co, TAPI_REQUEST_SYNC));
	EXPECT_LT(0, call_op(lo, TAPI_IOC_CALL_UNHOLD, co, 0));
	usleep(200 * 1000);
	events_check(la);
	events_check(lo);
	events_check(lm);
	events_check(s);
	/* A conference, its members, and the events it brings. */
	poison_conf(lo, co);
	usleep(200 * 1000);
	events_check(la);
	events_check(lo);
	events_check(lm);

	/* The notifications those brought, then every card, line and call. */
	notes = nl_read_notifications(mc);
	EXPECT_LE(5u, notes);
	close(mc);
	s = nl_open(&family);
	ASSERT_LE(0, s);
	EXPECT_EQ(0, nl_request(s, family, TAPI_CMD_CARD_GET, NLM_F_DUMP,
				NULL, 0, &msgs));
	EXPECT_LE(1u, msgs);
	EXPECT_EQ(0, nl_request(s, family, TAPI_CMD_LINE_GET, NLM_F_DUMP,
				NULL, 0, &msgs));
	EXPECT_LE(2u, msgs);
	EXPECT_EQ(0, nl_request(s, family, TAPI_CMD_CALL_GET, NLM_F_DUMP,
				NULL, 0, &msgs));
	EXPECT_LE(2u, msgs);
	close(s);

	/* Files: the class, configfs, debugfs, fdinfo, trace formats. */
	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/%s",
		 strrchr(self->card.dev_path, '/') + 1);
	ASSERT_NE(NULL, realpath(path, real));
	scan_tree(real, 3);
	scan_tree(SIM_SYSFS_CLASS, 0);
	files[0] = sc.files;
	scan_tree(self->card.dir, 2);
	files[1] = sc.files - files[0];
	if (stat("/sys/kernel/debug/tapi", &st))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	EXPECT_EQ(0, stat("/sys/kernel/debug/tapi/state", &st));
	scan_tree("/sys/kernel/debug/tapi", 1);
	files[2] = sc.files - files[0] - files[1];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", cfd);
	scan_file(path);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", lo);
	scan_file(path);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", media);
	scan_file(path);
	formats = scan_trace_formats();

	printf("# %u commands, %u records (ioctl replies, events read, media region, MSP data), %u netlink messages (%u notifications) checked\n",
	       sc.commands, sc.records, sc.netlink, notes);
	printf("# %u files checked: sysfs %u, configfs %u, debugfs %u, fdinfo 3, trace formats %u\n",
	       sc.files, files[0], files[1], files[2], formats);
	printf("# found: %u kernel pointers, %u bad padding/reserved/stale bytes\n",
	       sc.pointers, sc.padding);
	fflush(stdout);
	EXPECT_EQ(0, bad);
	EXPECT_EQ(0u, sc.pointers);
	EXPECT_EQ(0u, sc.padding);
	EXPECT_LE(10u, sc.files);
	call_op(lo, TAPI_IOC_CALL_DROP, co, TAPI_REQUEST_SYNC);
	if (media >= 0)
		close(media);
	close(lm);
	close(lo);
	close(la);
	close(cfd);
}

int main(int argc, char **argv)
{
	sim_require("privilege_test");
	return test_harness_run(argc, argv);
}
