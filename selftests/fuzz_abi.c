// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_abi - a structure-aware fuzzer of the tapi character-device ABI.
 *
 * Usage: [FUZZ_SEED=SEED] [FUZZ_JOBS=N] fuzz_abi [-s SEED] [-n OPS]
 *        [-t SECONDS] [-j RUNNERS] [-v]
 *
 * RUNNERS processes (default one per CPU, at most FZ_MAX_RUNNERS) fuzz
 * side by side, each on cards of its own and from its own stream of the
 * seed's, until OPS operations in all or SECONDS have gone by.
 * Makes sim cards through configfs, opens card, line and media fds, and
 * issues random sequences of every command of uapi/linux/tapi.h, as
 * ioctls and as io_uring uring_cmds: handles valid, stale, foreign and
 * random; sizes exact, old, short, long with a zero or non-zero tail and
 * huge; flags defined and not; reserved fields zero and not; argument
 * pointers valid, NULL, unmapped, read-only, kernel addresses, or running
 * into a guard page.  Between them: read() and poll() of event fds,
 * mmap() and munmap() of media rings, writes to them, MSP data, close()
 * of random fds, fork() (the child does a few operations on the fds it
 * inherited, then _exit()s), events the sim's network injects, and sim
 * cards taken down, removed and made again.  A scenario step now and then
 * connects two lines properly and goes on to hold, transfer, conference,
 * park or media, so that the deep paths see random arguments too.
 *
 * What it checks, and fails on:
 * - the operations run in a child; it must end by itself, killed by no
 *   signal (the fuzzer sends none) and not hung (a watchdog);
 * - every result is 0 (or the documented positive value) or an errno of
 *   the set Documentation/uapi.rst and the header's DOC blocks document
 *   for that operation; where the documented order of checks fixes the
 *   errno (an unknown command or the wrong kind of fd: ENOTTY; a removed
 *   card: ENODEV; an argument that cannot be read: EFAULT; a size below
 *   the minimum: EINVAL; a non-zero tail: E2BIG) it must be that one;
 * - poll() of a removed card's fds reports POLLHUP | POLLERR, event
 *   records are well formed;
 * - at the end every fd is closed and every card removed, and then no
 *   card of the run is left (configfs, /sys/class/tapi, debugfs), no
 *   tapi fd is left open, the tapi and tapi_sim module reference counts
 *   are back where they started, and with kmemleak, nothing of tapi
 *   leaked.
 *
 * The run is the seed's: the same seed makes the same choices, though
 * what the kernel answers may differ with timing (deferred replies,
 * events), so a rerun follows the same path only as far as the kernel
 * answers the same.  The seed is printed first; -v prints every
 * operation to stderr; a failure prints the operations that led to it.
 *
 * Exit status: 0 pass, 1 fail, 4 skip (no tapi_sim).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/tapi_netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "fuzz_abi.h"

struct fz_state fz;
struct fz_shared *sh;

static const char *const row_names[FZ_ROWS] = {
	[ROW_READ_EVENTS] = "URING_READ_EVENTS",
	[ROW_BAD_CMD] = "(unknown command)",
	[ROW_LINE_READ] = "read(line fd)",
	[ROW_MEDIA_READ] = "read(media fd)",
	[ROW_MEDIA_WRITE] = "write(media fd)",
	[ROW_MMAP] = "mmap(media fd)",
	[ROW_MPROTECT] = "mprotect(ring)",
	[ROW_NETWORK] = "sim network write",
	[ROW_CONFIGFS] = "sim configfs write",
	[ROW_GENL] = "genetlink request",
};

/* ---- sim cards --------------------------------------------------------- */

static unsigned int live_cards(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < FZ_MAX_CARDS; i++)
		n += fz.cards[i].live;
	return n;
}

static int card_pick_live(void)
{
	unsigned int i, n = live_cards(), k;

	if (!n)
		return -1;
	k = rnd(n);
	for (i = 0; i < FZ_MAX_CARDS; i++)
		if (fz.cards[i].live && !k--)
			return i;
	return -1;
}

/* A configfs write that must work; a failure is the kernel's. */
static int cfg(struct fz_card *c, int line, const char *attr, const char *val)
{
	struct fz_rec *r = rec_begin(W_CARD_UP);
	int ret;

	r->cmd = line < 0 ? 0 : line;
	ret = line < 0 ? sim_card_set(&c->sim, attr, val) :
		sim_line_set(&c->sim, line, attr, val);
	rec_end(r, ret);
	stat_count(ROW_CONFIGFS, false, -ret);
	if (ret)
		violation(r, "writing %s: %s", attr,
			  strerrorname_np(-ret) ?: "?");
	return ret;
}

/* Describe card @i, if it has no directory, and make it live. */
static void card_up(int i)
{
	struct fz_card *c = &fz.cards[i];
	unsigned int l, n = 2 + rnd(FZ_MAX_LINES - 1);
	char buf[64];
	int ret;

	if (c->live)
		return;
	if (!c->exists) {
		ret = c->sim.name[0] && one_in(3) ?
			sim_card_new_named(&c->sim, c->sim.name) :
			sim_card_new(&c->sim, "fz");
		if (ret) {
			violation(NULL, "mkdir card: %s",
				  strerrorname_np(-ret) ?: "?");
			return;
		}
		c->exists = true;
		for (l = 0; l < n; l++) {
			snprintf(buf, sizeof(buf), l ? "%u" : "%u 2100",
				 2000 + l);
			ret = sim_line_add(&c->sim, l, buf);
			if (ret) {
				violation(NULL, "mkdir line: %s",
					  strerrorname_np(-ret) ?: "?");
				return;
			}
			if (l < 2)
				cfg(c, l, "pickup_group", "g1");
			if (one_in(8))
				cfg(c, l, "max_calls", "2");
			if (one_in(10))
				cfg(c, l, "call_features", one_in(2) ? "0x8" :
				    "0x1f8000f");
			if (one_in(10))
				cfg(c, l, "law", one_in(2) ? "ulaw" : "alaw");
		}
		cfg(c, -1, "park_numbers", "7000 7001");
		c->delay_ms = one_in(4) ? 1 + rnd(3) : 0;
		snprintf(buf, sizeof(buf), "%u", c->delay_ms);
		cfg(c, -1, "reply_delay_ms", buf);
		cfg(c, -1, "remote_answer_ms", one_in(3) ? "5" : "0");
		if (one_in(3))
			cfg(c, -1, "no_answer_ms", "500");
	}
	ret = sim_card_live(&c->sim, true);
	if (ret) {
		violation(NULL, "live=1: %s", strerrorname_np(-ret) ?: "?");
		return;
	}
	c->live = true;
	c->gen++;
	__atomic_fetch_add(&sh->card_ups, 1, __ATOMIC_RELAXED);
}

/* Take card @i down, and with @rmdir remove its directories. */
static void card_down(int i, bool rmdir)
{
	struct fz_card *c = &fz.cards[i];
	struct fz_rec *r = rec_begin(W_CARD_DOWN);
	int ret = 0;

	r->cmd = i;
	if (c->live) {
		ret = sim_card_live(&c->sim, false);
		c->live = false;
		__atomic_fetch_add(&sh->card_downs, 1, __ATOMIC_RELAXED);
	}
	if (!ret && rmdir && c->exists) {
		ret = sim_card_rmdir(&c->sim);
		c->exists = false;
		__atomic_fetch_add(&sh->card_rmdirs, 1, __ATOMIC_RELAXED);
	}
	rec_end(r, ret);
	if (ret)
		violation(r, "taking the card down: %s",
			  strerrorname_np(-ret) ?: "?");
}

static struct fz_fd *open_card_fd(int i)
{
	struct fz_card *c = &fz.cards[i];
	struct fz_rec *r = rec_begin(W_OPEN);
	int fd;

	fd = open(c->sim.dev_path, O_RDWR | O_CLOEXEC);
	rec_end(r, fd < 0 ? -errno : fd);
	/* A child's card may be gone: the runner takes cards down. */
	if (fd < 0 && !fz.child) {
		violation(r, "open %s: %s", c->sim.dev_path,
			  strerrorname_np(errno) ?: "?");
		return NULL;
	}
	if (fd < 0)
		return NULL;
	return fd_new(fd, K_CARD, i);
}

/* A live card's fd of @kind (and @line, @priv, for line fds), opened if need be. */
static struct fz_fd *fd_for(int card, enum fz_kind kind, int line,
			    uint32_t priv);

static long wf_cmd(struct fz_fd *f, unsigned long ioc, void *arg);

static struct fz_fd *fd_for(int card, enum fz_kind kind, int line,
			    uint32_t priv)
{
	struct tapi_line_open lo = { 0 };
	struct fz_fd *cf = NULL;
	unsigned int i;

	for (i = 0; i < FZ_MAX_FDS; i++) {
		struct fz_fd *f = &fz.fds[i];

		if (f->kind != kind || f->card != card || fd_dead(f))
			continue;
		if (kind == K_CARD)
			return f;
		if ((int)f->line == line && (f->priv & priv) == priv &&
		    f->nonblock)
			return f;
	}
	if (kind == K_CARD)
		return open_card_fd(card);
	cf = fd_for(card, K_CARD, 0, 0);
	if (!cf)
		return NULL;
	lo.flags = TAPI_LINE_OPEN_NONBLOCK | TAPI_LINE_OPEN_CLOEXEC;
	lo.line = line;
	lo.privileges = priv ? priv : TAPI_PRIV_NONE;
	if (priv & TAPI_PRIV_OWNER)
		lo.media_modes = TAPI_MEDIA_INTERACTIVEVOICE;
	snprintf(lo.app_name, sizeof(lo.app_name), "fz%d", line);
	if (wf_cmd(cf, TAPI_IOC_LINE_OPEN, &lo) < 0)
		return NULL;
	for (i = 0; i < FZ_MAX_FDS; i++)
		if (fz.fds[i].kind == K_LINE && fz.fds[i].fd == lo.fd)
			return &fz.fds[i];
	return NULL;
}

static void op_network(void)
{
	static const char *const states[] = {
		"idle", "offering", "connected", "disconnected", "onhold",
		"busy", "ringback", "proceeding", "specialinfo", "dialtone",
		"bogus", "0x100", "conferenced",
	};
	int i = card_pick_live();
	struct fz_card *c;
	struct fz_rec *r;
	char cmd[192];
	unsigned int line;
	int ret;

	if (i < 0)
		return;
	c = &fz.cards[i];
	line = rnd(c->sim.num_lines);
	switch (rnd(12)) {
	case 0:
	case 1:
	case 2:
		snprintf(cmd, sizeof(cmd), "offer 555%u%s%s%s", rnd(1000),
			 one_in(4) ? " media=0x4" : "",
			 one_in(4) ? " address=1" : "",
			 one_in(6) ? " blockid" : "");
		break;
	case 3:
		snprintf(cmd, sizeof(cmd), "answer%s",
			 one_in(3) ? " delay=3" : "");
		break;
	case 4:
		snprintf(cmd, sizeof(cmd), "hangup%s",
			 one_in(2) ? " busy" : "");
		break;
	case 5:
		snprintf(cmd, sizeof(cmd), "state %s",
			 states[rnd(ARRAY_SIZE(states))]);
		break;
	case 6:
		snprintf(cmd, sizeof(cmd), "party connected number=%u name=x",
			 rnd(100000));
		break;
	case 7:
		snprintf(cmd, sizeof(cmd), "digits 12#%s",
			 one_in(2) ? " mode=pulse" : "");
		break;
	case 8:
		snprintf(cmd, sizeof(cmd), "dtmf 1A");
		break;
	case 9:
		snprintf(cmd, sizeof(cmd), "useruser %s",
			 one_in(4) ? "4" : "414243");
		break;
	case 10:
		snprintf(cmd, sizeof(cmd), "offer 1 call=%u", rnd(5));
		break;
	default:
		snprintf(cmd, sizeof(cmd), "%s call=%u",
			 one_in(2) ? "answer" : "hangup", rnd(40));
		break;
	}
	r = rec_begin(W_NETWORK);
	r->cmd = i;
	r->call = line;
	__atomic_fetch_add(&sh->network, 1, __ATOMIC_RELAXED);
	ret = sim_network(&c->sim, line, "%s", cmd);
	rec_end(r, ret);
	stat_count(ROW_NETWORK, false, -ret);
	/* Documentation/tsp-sim.rst, "The network attribute". */
	if (ret && ret != -EINVAL && ret != -ENOENT && ret != -EBADFD &&
	    ret != -ENODEV && ret != -EBUSY && ret != -ENOMEM)
		violation(r, "network \"%s\": %s", cmd,
			  strerrorname_np(-ret) ?: "?");
}

/* Settings of a live card cannot be written (EBUSY; EINVAL if malformed). */
static void op_configfs(void)
{
	static const char *const attrs[] = {
		"max_calls", "numbers", "media_modes", "name", "law",
	};
	int i = card_pick_live();
	struct fz_rec *r;
	int ret;

	if (i < 0)
		return;
	r = rec_begin(W_CARD_UP);
	r->cmd = i;
	ret = one_in(3) ? sim_card_set(&fz.cards[i].sim, "reply_delay_ms", "7") :
		sim_line_set(&fz.cards[i].sim, 0, attrs[rnd(ARRAY_SIZE(attrs))],
			     one_in(2) ? "3" : "junk\x01");
	rec_end(r, ret);
	stat_count(ROW_CONFIGFS, false, -ret);
	if (ret != -EBUSY && ret != -EINVAL)
		violation(r, "live card's setting written: %s",
			  ret ? strerrorname_np(-ret) ?: "?" : "ok");
}

/* ---- the generic netlink family ------------------------------------------ */

struct nl_answer {
	bool done;
	int err;
	unsigned int msgs;
};

static int nl_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nl_answer *a = arg;

	(void)nla;
	a->err = e->error;
	a->done = true;
	return NL_STOP;
}

static int nl_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct nl_answer *a = arg;

	if (nlmsg_datalen(h) >= (int)sizeof(int))
		memcpy(&a->err, nlmsg_data(h), sizeof(int));
	a->done = true;
	return NL_STOP;
}

static int nl_ack(struct nl_msg *msg, void *arg)
{
	struct nl_answer *a = arg;

	(void)msg;
	a->done = true;
	return NL_STOP;
}

static int nl_valid(struct nl_msg *msg, void *arg)
{
	struct nl_answer *a = arg;

	(void)msg;
	a->msgs++;
	return NL_OK;
}

/*
 * A request of the "tapi" family with random attributes, mostly the ones
 * requests take, sometimes others, of the wrong length or unknown.
 * Documentation/uapi.rst, "Generic netlink": EINVAL (a missing, unknown or
 * malformed attribute), ENODEV (no such card), ENOENT (no such line or
 * call), EPERM (CALL_GET without CAP_NET_ADMIN); a command the family
 * has no request for is EOPNOTSUPP, genetlink's answer.
 */
static void op_netlink(void)
{
	static const uint8_t cmds_nl[] = {
		TAPI_CMD_CARD_GET, TAPI_CMD_LINE_GET, TAPI_CMD_CALL_GET,
	};
	static struct nl_sock *sk;
	static int family = -1;
	struct timeval tv = { .tv_sec = 5 };
	struct nl_answer a = { 0 };
	struct nl_msg *msg;
	struct nl_cb *cb;
	struct fz_rec *r;
	unsigned int i, n = rnd(4);
	uint8_t cmd;
	int ret;

	if (!sk) {
		sk = nl_socket_alloc();
		if (!sk || genl_connect(sk)) {
			violation(NULL, "generic netlink socket");
			return;
		}
		setsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_RCVTIMEO, &tv,
			   sizeof(tv));
		family = genl_ctrl_resolve(sk, TAPI_GENL_NAME);
		if (family < 0)
			violation(NULL, "no \"%s\" family", TAPI_GENL_NAME);
	}
	if (family < 0)
		return;
	cmd = one_in(10) ? rnd(__TAPI_CMD_MAX + 2) : cmds_nl[rnd(3)];
	msg = nlmsg_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb) {
		nlmsg_free(msg);
		nl_cb_put(cb);
		return;
	}
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
		    NLM_F_ACK | (one_in(2) ? NLM_F_DUMP : 0), cmd,
		    TAPI_GENL_VERSION);
	for (i = 0; i < n; i++) {
		static const int types[] = {
			TAPI_A_CARD_INDEX, TAPI_A_LINE_INDEX, TAPI_A_CALL_ID,
		};
		int type = one_in(8) ? (int)rnd(__TAPI_A_MAX + 3) :
			types[rnd(3)];
		uint64_t v = one_in(4) ? rnd64() : rnd(6);

		if (one_in(10))
			nla_put(msg, type, 1 + rnd(8), &v);
		else
			nla_put_u32(msg, type, (uint32_t)v);
	}
	nl_cb_err(cb, NL_CB_CUSTOM, nl_error, &a);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, nl_finish, &a);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, nl_ack, &a);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, nl_valid, &a);
	r = rec_begin(W_GENL);
	r->cmd = cmd;
	r->size = n;
	ret = nl_send_auto(sk, msg);
	while (ret >= 0 && !a.done)
		ret = nl_recvmsgs(sk, cb);
	rec_end(r, a.done ? a.err : -EIO);
	nlmsg_free(msg);
	nl_cb_put(cb);
	__atomic_fetch_add(&sh->netlink, 1, __ATOMIC_RELAXED);
	stat_count(ROW_GENL, false, a.done ? -a.err : EIO);
	if (!a.done) {
		violation(r, "no answer to a netlink request (%d)", ret);
		/* The socket may be out of step: a new one next time. */
		nl_socket_free(sk);
		sk = NULL;
	} else if (a.err && a.err != -EINVAL && a.err != -ENODEV &&
		   a.err != -ENOENT && a.err != -EPERM &&
		   a.err != -EOPNOTSUPP && a.err != -ENOMEM) {
		violation(r, "netlink: %s", strerrorname_np(-a.err) ?: "?");
	}
}

/* ---- well-formed commands and scenarios ------------------------------- */

/* @arg as the command wants it, through the same checks; written back. */
static long wf_cmd(struct fz_fd *f, unsigned long ioc, void *arg)
{
	static struct fz_issue is;
	const struct fz_cmd *cmd = &cmds[_IOC_NR(ioc)];
	long ret;

	issue_init(&is, f, f->fd);
	is.c.cmd = cmd;
	is.c.nr = cmd->nr;
	is.c.usize = cmd->size;
	is.c.ptr = P_OK;
	is.ioc = ioc;
	is.inner = NULL;
	memcpy(is.arg, arg, cmd->size);
	((uint32_t *)is.arg)[0] = cmd->size;
	ret = issue_ioctl(&is);
	memcpy(arg, is.arg, cmd->size);
	return ret;
}

static long wf_request(struct fz_fd *f, unsigned long ioc, uint32_t call)
{
	struct tapi_call_request rq = {
		.flags = TAPI_REQUEST_SYNC,
		.call = call,
	};

	return wf_cmd(f, ioc, &rq);
}

static long wf_dial(struct fz_fd *f, unsigned long ioc, uint32_t call,
		    unsigned int line)
{
	struct tapi_call_dial d = { .flags = TAPI_REQUEST_SYNC, .call = call };

	snprintf(d.digits, sizeof(d.digits), "%u", 2000 + line);
	return wf_cmd(f, ioc, &d);
}

/*
 * The owner handle of a call newly offered on @line of card @ci, within
 * @ms; *@fp gets the line fd that holds it.  Every line fd of the line is
 * read, so the monitors' records go too.
 */
static uint32_t wait_offered(int ci, unsigned int line, int ms,
			     struct fz_fd **fp)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ull;
	struct tapi_event ev[8];
	unsigned int x;
	uint32_t h = 0;
	int n, i;

	for (;;) {
		for (x = 0; x < FZ_MAX_FDS; x++) {
			struct fz_fd *f = &fz.fds[x];

			if (f->kind != K_LINE || f->card != ci ||
			    f->line != line || fd_dead(f))
				continue;
			do {
				n = op_read(f, ev, ARRAY_SIZE(ev));
				for (i = 0; i < n; i++) {
					if (ev[i].type != TAPI_EV_NEWCALL ||
					    ev[i].param[1] != TAPI_PRIV_OWNER)
						continue;
					h = ev[i].call;
					*fp = f;
				}
			} while (n == ARRAY_SIZE(ev));
		}
		if (h || now_ns() > end)
			return h;
		usleep(1000);
	}
}

/* A line of card @c other than @a and @b if there is one. */
static unsigned int third_line(const struct fz_card *c, unsigned int a,
			       unsigned int b)
{
	unsigned int n = c->sim.num_lines, k;

	for (k = 0; k < n; k++)
		if (k != a && k != b)
			return k;
	return b;
}

/*
 * Connect two lines of a live card properly, then go on with one of the
 * services, each step through the checked path.
 */
static void op_scenario(void)
{
	int ci = card_pick_live();
	struct fz_fd *a, *b, *k, *mf;
	unsigned int n, i, j, kl;
	struct fz_card *c;
	uint32_t ha, hb, hk;
	int ms;

	if (ci < 0)
		return;
	__atomic_fetch_add(&sh->scenarios, 1, __ATOMIC_RELAXED);
	c = &fz.cards[ci];
	n = c->sim.num_lines;
	i = rnd(n);
	j = (i + 1 + rnd(n - 1)) % n;
	kl = third_line(c, i, j);
	ms = c->delay_ms ? 40 : 2;
	a = fd_for(ci, K_LINE, i, TAPI_PRIV_OWNER);
	b = fd_for(ci, K_LINE, j, TAPI_PRIV_OWNER);
	k = fd_for(ci, K_LINE, kl, TAPI_PRIV_OWNER);
	if (!a || !b || !k)
		return;
	{
		struct tapi_call_make mk = { .flags = TAPI_REQUEST_SYNC };

		snprintf(mk.dest, sizeof(mk.dest), "%u", 2000 + j);
		if (wf_cmd(a, TAPI_IOC_CALL_MAKE, &mk))
			return;
		ha = mk.call;
	}
	hb = wait_offered(ci, j, ms, &b);
	if (!hb)
		return;
	switch (rnd(10)) {
	case 0:
		wf_dial(b, TAPI_IOC_CALL_REDIRECT, hb, kl);
		return;
	case 1:
		wf_request(b, TAPI_IOC_CALL_ACCEPT, hb);
		return;
	case 2:
		wf_request(b, TAPI_IOC_CALL_DROP, hb);
		return;
	default:
		if (wf_request(b, TAPI_IOC_CALL_ANSWER, hb))
			return;
		break;
	}
	__atomic_fetch_add(&sh->connected, 1, __ATOMIC_RELAXED);
	switch (rnd(10)) {
	case 0: {	/* hold, unhold, swap */
		wf_request(a, TAPI_IOC_CALL_HOLD, ha);
		if (one_in(2))
			wf_request(a, TAPI_IOC_CALL_UNHOLD, ha);
		break;
	}
	case 1: {	/* consultation transfer, or a three-way conference */
		struct tapi_call_consult cs = {
			.flags = TAPI_REQUEST_SYNC,
			.call = ha,
		};
		struct tapi_call_complete_transfer ct = {
			.flags = TAPI_REQUEST_SYNC |
				 (one_in(2) ? TAPI_COMPLETE_TRANSFER_CONFERENCE : 0),
			.call = ha,
		};

		if (wf_cmd(a, TAPI_IOC_CALL_SETUP_TRANSFER, &cs) ||
		    wf_dial(a, TAPI_IOC_CALL_DIAL, cs.consult, kl))
			break;
		hk = wait_offered(ci, kl, ms, &k);
		if (!hk || wf_request(k, TAPI_IOC_CALL_ANSWER, hk))
			break;
		if (one_in(4)) {
			struct tapi_call_pair sw = {
				.flags = TAPI_REQUEST_SYNC,
				.call = cs.consult,
				.other = ha,
			};

			wf_cmd(a, TAPI_IOC_CALL_SWAP_HOLD, &sw);
		}
		ct.consult = cs.consult;
		wf_cmd(a, TAPI_IOC_CALL_COMPLETE_TRANSFER, &ct);
		break;
	}
	case 2: {	/* conference */
		struct tapi_call_setup_conf sc = {
			.flags = TAPI_REQUEST_SYNC,
			.call = ha,
			.num_parties = 3,
		};
		struct tapi_call_pair add = { .flags = TAPI_REQUEST_SYNC };
		struct tapi_conf_related cr = {
			.capacity = 8,
			.members = (uintptr_t)(fz.rw + FZ_PAGE + FZ_PAGE / 2),
		};

		if (wf_cmd(a, TAPI_IOC_CALL_SETUP_CONF, &sc) ||
		    wf_dial(a, TAPI_IOC_CALL_DIAL, sc.consult, kl))
			break;
		hk = wait_offered(ci, kl, ms, &k);
		if (!hk || wf_request(k, TAPI_IOC_CALL_ANSWER, hk))
			break;
		add.call = sc.conf;
		add.other = sc.consult;
		if (wf_cmd(a, TAPI_IOC_CALL_ADD_TO_CONF, &add))
			break;
		cr.call = sc.conf;
		wf_cmd(a, TAPI_IOC_CALL_GET_CONF_RELATED, &cr);
		memset(fz.rw + FZ_PAGE + FZ_PAGE / 2, 0, FZ_PAGE / 2);
		if (one_in(2)) {
			wf_request(a, TAPI_IOC_CALL_REMOVE_FROM_CONF, ha);
		} else {
			struct tapi_call_consult pa = {
				.flags = TAPI_REQUEST_SYNC,
				.call = sc.conf,
			};

			wf_cmd(a, TAPI_IOC_CALL_PREPARE_ADD_CONF, &pa);
		}
		if (one_in(2))
			wf_request(a, TAPI_IOC_CALL_DROP, sc.conf);
		break;
	}
	case 3:		/* blind transfer */
		wf_dial(a, TAPI_IOC_CALL_BLIND_TRANSFER, ha, kl);
		break;
	case 4: {	/* park here, unpark there */
		struct tapi_call_park pk = {
			.flags = TAPI_REQUEST_SYNC,
			.call = ha,
			.mode = TAPI_PARK_DIRECTED,
		};
		struct tapi_line_pickup up = { .flags = TAPI_REQUEST_SYNC };

		snprintf(pk.dest, sizeof(pk.dest), "700%u", rnd(2));
		if (wf_cmd(a, TAPI_IOC_CALL_PARK, &pk))
			break;
		memcpy(up.dest, pk.dest, sizeof(pk.dest));
		wf_cmd(k, TAPI_IOC_LINE_UNPARK, &up);
		break;
	}
	case 5:
	case 6: {	/* media */
		struct tapi_media_open mo = {
			.flags = TAPI_MEDIA_OPEN_NONBLOCK |
				 TAPI_MEDIA_OPEN_CLOEXEC |
				 (one_in(3) ? 0 : TAPI_MEDIA_OPEN_TX),
			.call = one_in(2) ? ha : hb,
			.format = rnd(3),
			.frame_ms = one_in(2) ? 10 : 0,
		};
		unsigned int x;

		if (wf_cmd(mo.call == ha ? a : b, TAPI_IOC_CALL_MEDIA_OPEN,
			   &mo))
			break;
		for (x = 0; x < FZ_MAX_FDS; x++) {
			mf = &fz.fds[x];
			if (mf->kind == K_MEDIA && mf->fd == mo.fd) {
				op_mmap(mf);
				op_mmap(mf);
				op_media_io(mf);
				break;
			}
		}
		break;
	}
	case 7: {	/* digits */
		struct tapi_generate_digits gd = { .call = ha };
		struct tapi_monitor_digits md = {
			.call = hb,
			.digit_modes = TAPI_DIGITMODE_DTMF,
		};
		struct tapi_gather_digits gt = {
			.call = hb,
			.digit_modes = TAPI_DIGITMODE_DTMF,
			.num_digits = 2,
			.first_timeout_ms = 200,
		};

		snprintf(gd.digits, sizeof(gd.digits), "1#");
		wf_cmd(b, TAPI_IOC_CALL_MONITOR_DIGITS, &md);
		wf_cmd(b, TAPI_IOC_CALL_GATHER_DIGITS, &gt);
		wf_cmd(a, TAPI_IOC_CALL_GENERATE_DIGITS, &gd);
		break;
	}
	case 8: {	/* call services */
		struct tapi_call_user_user uu = {
			.flags = TAPI_REQUEST_SYNC,
			.call = ha,
			.len = 3,
			.data = { 1, 2, 3 },
		};

		wf_request(a, TAPI_IOC_CALL_SECURE, ha);
		wf_cmd(a, TAPI_IOC_CALL_SEND_USER_USER, &uu);
		break;
	}
	default:
		wf_request(one_in(2) ? a : b, TAPI_IOC_CALL_DROP,
			   one_in(2) ? ha : hb);
		break;
	}
}

/* Clean up the calls of a line fd: deallocate idle ones, drop some. */
static void op_sweep(void)
{
	struct fz_fd *f = fd_pick(K_LINE);
	unsigned int x;

	if (!f || fd_dead(f))
		return;
	for (x = 0; x < FZ_MAX_HANDLES; x++) {
		struct tapi_call_status st = { .call = f->handles[x] };
		struct tapi_call_dealloc da = { .call = f->handles[x] };
		long ret;

		if (!st.call)
			continue;
		ret = wf_cmd(f, TAPI_IOC_CALL_GET_STATUS, &st);
		if (ret == -ENOENT) {
			f->handles[x] = 0;
			continue;
		}
		if (ret)
			continue;
		if (st.state != TAPI_CALLSTATE_IDLE &&
		    st.privilege == TAPI_PRIV_OWNER &&
		    (st.state & (TAPI_CALLSTATE_DISCONNECTED |
				 TAPI_CALLSTATE_BUSY |
				 TAPI_CALLSTATE_SPECIALINFO) || one_in(3)))
			wf_request(f, TAPI_IOC_CALL_DROP, st.call);
		if (st.state == TAPI_CALLSTATE_IDLE ||
		    st.privilege == TAPI_PRIV_MONITOR || one_in(2))
			wf_cmd(f, TAPI_IOC_CALL_DEALLOCATE, &da);
	}
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A synchronous request a timer interrupts: EINTR, the request goes on. */
static void op_eintr(void)
{
	struct itimerval it = { .it_value = { .tv_usec = 300 + rnd(2000) } };
	struct itimerval off = { 0 };
	struct tapi_call_make mk = { .flags = TAPI_REQUEST_SYNC };
	int ci = card_pick_live();
	struct fz_fd *f;

	if (ci < 0 || !fz.cards[ci].delay_ms)
		return;
	f = fd_for(ci, K_LINE, 0, TAPI_PRIV_OWNER);
	if (!f)
		return;
	snprintf(mk.dest, sizeof(mk.dest), "2001");
	setitimer(ITIMER_REAL, &it, NULL);
	wf_cmd(f, TAPI_IOC_CALL_MAKE, &mk);
	setitimer(ITIMER_REAL, &off, NULL);
}

/* Open a line fd of a random line with random privileges. */
static void op_open(void)
{
	static const uint32_t privs[] = {
		TAPI_PRIV_NONE, TAPI_PRIV_MONITOR, TAPI_PRIV_OWNER,
		TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
	};
	int ci = card_pick_live();
	struct fz_fd *cf;

	if (ci < 0)
		return;
	if (one_in(6)) {
		open_card_fd(ci);
		return;
	}
	cf = fd_for(ci, K_CARD, 0, 0);
	if (cf) {
		struct tapi_line_open lo = {
			.flags = (one_in(3) ? 0 : TAPI_LINE_OPEN_NONBLOCK) |
				 TAPI_LINE_OPEN_CLOEXEC,
			.line = rnd(fz.cards[ci].sim.num_lines),
			.privileges = privs[rnd(ARRAY_SIZE(privs))],
			.event_queue_depth = one_in(4) ? 4 : 0,
		};

		if (lo.privileges & TAPI_PRIV_OWNER)
			lo.media_modes = TAPI_MEDIA_INTERACTIVEVOICE;
		snprintf(lo.app_name, sizeof(lo.app_name), "fz%u", rnd(3));
		wf_cmd(cf, TAPI_IOC_LINE_OPEN, &lo);
	}
}

/* ---- the operation mix ------------------------------------------------- */

static int stale_number(void)
{
	switch (rnd(4)) {
	case 0:
		return (int)rnd(64);
	case 1:
		return one_in(2) ? -1 : 1 << 20;
	default:
		return fz.stale_fds[rnd(FZ_STALE)];
	}
}

/* A command on some fd: mostly line fds, some card, media and stale. */
static void op_any_cmd(bool with_handles)
{
	bool uring = fz.ring_up && one_in(4);
	unsigned int r = rnd(100);
	struct fz_fd *f;

	if (r < 6) {
		op_cmd(NULL, stale_number(), uring);
		return;
	}
	f = fd_pick(r < 20 ? K_CARD : r < 24 ? K_MEDIA : K_LINE);
	if (f && with_handles && f->kind == K_LINE && !handle_count(f))
		f = fd_pick(K_LINE);
	if (!f) {
		op_open();
		return;
	}
	op_cmd(f, f->fd, uring);
}

static void child_main(uint64_t seed)
{
	unsigned int n, i;

	fz.child = true;
	fz.pid = getpid();
	fz.rng = seed;
	fz.ring_up = false;
	fz.pending = 0;
	memset(fz.slots, 0, sizeof(fz.slots));
	memset(fz.children, 0, sizeof(fz.children));
	if (one_in(3))
		fz.ring_up = !io_uring_queue_init(8, &fz.ring, 0);
	n = 5 + rnd(20);
	for (i = 0; i < n; i++) {
		struct fz_fd *f;
		struct fz_map *m;

		switch (rnd(10)) {
		case 0:
			f = fd_pick(K_LINE);
			if (f)
				op_read(f, NULL, 0);
			break;
		case 1:
			op_poll();
			break;
		case 2:
			f = fd_pick(K_FREE);
			if (f && one_in(2))
				fd_close(f);
			break;
		case 3:
			m = map_pick();
			if (m)
				op_poke(m);
			else
				op_media();
			break;
		default:
			op_any_cmd(one_in(2));
			break;
		}
	}
	/* Pending uring commands are left to the kernel to cancel. */
	_exit(0);
}

static uint64_t child_start[FZ_MAX_CHILDREN];

static void reap_children(bool all)
{
	uint64_t limit = 20ull * 1000000000ull;
	unsigned int i;
	int st;

	for (i = 0; i < FZ_MAX_CHILDREN; i++) {
		pid_t pid = fz.children[i], w;

		if (!pid)
			continue;
		for (;;) {
			w = waitpid(pid, &st, WNOHANG);
			if (w == pid || w < 0)
				break;
			if (now_ns() - child_start[i] > limit) {
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
				__atomic_fetch_add(&sh->child_failures, 1,
						   __ATOMIC_RELAXED);
				violation(NULL, "child %d hung", pid);
				w = pid;
				st = 0;
				break;
			}
			if (!all)
				break;
			usleep(10000);
		}
		if (w == 0)
			continue;
		fz.children[i] = 0;
		if (w == pid && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
			__atomic_fetch_add(&sh->child_failures, 1,
					   __ATOMIC_RELAXED);
			violation(NULL, "child %d ended with %s %d", pid,
				  WIFSIGNALED(st) ? "signal" : "status",
				  WIFSIGNALED(st) ? WTERMSIG(st) :
				  WEXITSTATUS(st));
		}
	}
}

static void op_fork(void)
{
	uint64_t seed = rnd64();
	struct fz_rec *r;
	unsigned int i;
	pid_t pid;

	for (i = 0; i < FZ_MAX_CHILDREN; i++)
		if (!fz.children[i])
			break;
	if (i == FZ_MAX_CHILDREN)
		return;
	r = rec_begin(W_FORK);
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		child_main(seed);
	rec_end(r, pid < 0 ? -errno : pid);
	if (pid < 0) {
		violation(r, "fork failed");
		return;
	}
	fz.children[i] = pid;
	child_start[i] = now_ns();
	__atomic_fetch_add(&sh->forks, 1, __ATOMIC_RELAXED);
}

static void op_one(void)
{
	unsigned int r = rnd(1000), i;
	struct fz_fd *f;
	int ci;

	if (!live_cards() || one_in(400)) {
		for (i = 0; i < FZ_MAX_CARDS; i++) {
			if (!fz.cards[i].live) {
				card_up(i);
				return;
			}
		}
	}
	if (one_in(1500)) {
		op_fork();
		return;
	}
	if (one_in(3000)) {
		ci = card_pick_live();
		if (ci >= 0) {
			card_down(ci, !one_in(3));
			if (one_in(2))
				card_up(ci);
		}
		return;
	}
	if (fz.ring_up && one_in(20000)) {
		ring_exit();
		ring_setup();
		return;
	}
	if (one_in(800)) {
		op_eintr();
		return;
	}
	if (r < 560) {
		op_any_cmd(false);
	} else if (r < 640) {
		f = fd_pick(K_LINE);
		if (f)
			op_read(f, NULL, 0);
	} else if (r < 680) {
		op_poll();
	} else if (r < 720) {
		op_media();
	} else if (r < 750) {
		op_open();
	} else if (r < 765) {
		f = fd_pick(K_FREE);
		if (f)
			fd_close(f);
	} else if (r < 795) {
		op_scenario();
	} else if (r < 825) {
		op_sweep();
	} else if (r < 845) {
		op_network();
	} else if (r < 850) {
		op_configfs();
	} else if (r < 855) {
		op_netlink();
	} else {
		op_any_cmd(true);
	}
}

/* A tapi fd (card, line, media, uring-made), reported as left open. */
static bool tapi_fd_left(const char *name, const char *target, void *ctx)
{
	(void)ctx;
	if (!strstr(target, "tapi-") && strncmp(target, "/dev/tapi", 9))
		return false;
	violation(NULL, "fd %s left open: %s", name, target);
	return true;
}

/* tapi fds this process still has open (the checks' "no fd left"). */
static int tapi_fds_open(void)
{
	int n = count_fds_if(tapi_fd_left, NULL);

	return n < 0 ? 0 : n;
}

static int runner(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct tapi_features feat;
	struct fz_fd *cf;
	unsigned int i;
	int ret;

	setpgid(0, 0);
	fz.pid = getpid();
	sigaction(SIGALRM, &sa, NULL);
	ret = arena_init();
	if (ret) {
		violation(NULL, "arena: %s", strerrorname_np(-ret) ?: "?");
		return 1;
	}
	memset(fz.stale_fds, 0xff, sizeof(fz.stale_fds));
	card_up(0);
	card_up(1);
	if (!live_cards())
		return 1;
	cf = fd_for(card_pick_live(), K_CARD, 0, 0);
	memset(&feat, 0, sizeof(feat));
	if (cf && !wf_cmd(cf, TAPI_IOC_GET_FEATURES, &feat) &&
	    (feat.features & TAPI_FEATURE_URING))
		ring_setup();
	fz.uring_ok = fz.ring_up;
	while (__atomic_load_n(&sh->ops, __ATOMIC_RELAXED) < fz.max_ops &&
	       now_ns() < fz.deadline_ns) {
		op_one();
		if (!(fz.seq & 31)) {
			reap_children(false);
			uring_reap();
		}
	}

	/* Everything closed and removed: what the checks then look at. */
	reap_children(true);
	for (i = 0; i < FZ_MAX_FDS; i++)
		if (fz.fds[i].kind != K_FREE)
			fd_close(&fz.fds[i]);
	if (fz.ring_up)
		ring_exit();
	for (i = 0; i < FZ_MAX_MAPS; i++)
		if (fz.maps[i].addr)
			map_drop(&fz.maps[i]);
	for (i = 0; i < FZ_MAX_CARDS; i++)
		card_down(i, true);
	tapi_fds_open();
	return 0;
}

/* ---- the parent: watchdog, what is left, figures ------------------------ */

static void print_last_ops(void)
{
	uint32_t end = __atomic_load_n(&sh->last_idx, __ATOMIC_RELAXED);
	uint32_t i = end > FZ_LAST ? end - FZ_LAST : 0;
	char buf[FZ_MSG];

	printf("# the last operations:\n");
	for (; i < end; i++) {
		rec_format(&sh->last[i % FZ_LAST], buf, sizeof(buf));
		printf("#   %s\n", buf);
	}
}

static void print_row(unsigned int row, bool uring)
{
	char line[1024];
	uint64_t total = 0;
	size_t len = 0;
	int e;

	for (e = 0; e < FZ_ERRNO_MAX; e++)
		total += sh->count[row][uring][e];
	if (!total)
		return;
	len += snprintf(line + len, sizeof(line) - len, "#   %-22s %-5s %9" PRIu64 ": ok %" PRIu64,
			row < ncmds ? cmds[row].name : row_names[row],
			uring ? "uring" : "", total, sh->count[row][uring][0]);
	for (e = 1; e < FZ_ERRNO_MAX && len < sizeof(line) - 40; e++) {
		if (!sh->count[row][uring][e])
			continue;
		len += snprintf(line + len, sizeof(line) - len, " %s %" PRIu64,
				e == FZ_ERRNO_MAX - 1 ? "other" :
				strerrorname_np(e) ?: "?",
				sh->count[row][uring][e]);
	}
	printf("%s\n", line);
}

static void print_figures(double secs)
{
	unsigned int row;

	printf("# %" PRIu64 " operations in %.1f s: %.0f ops/s\n", sh->ops,
	       secs, secs > 0 ? sh->ops / secs : 0.0);
	printf("# ioctls %" PRIu64 ", uring cmds %" PRIu64 " (%" PRIu64 " pending at most), reads %" PRIu64 ", polls %" PRIu64 ", events read %" PRIu64 "\n",
	       sh->ioctls, sh->urings, sh->pending_max, sh->reads, sh->polls,
	       sh->events);
	printf("# mmaps %" PRIu64 ", munmaps %" PRIu64 ", ring writes %" PRIu64 ", closes %" PRIu64 ", forks %" PRIu64 ", ring teardowns %" PRIu64 "\n",
	       sh->mmaps, sh->munmaps, sh->pokes, sh->closes, sh->forks,
	       sh->ring_exits);
	printf("# cards up %" PRIu64 ", taken down %" PRIu64 ", removed %" PRIu64 "; sim network writes %" PRIu64 "; netlink requests %" PRIu64 "; scenarios %" PRIu64 " (%" PRIu64 " calls connected)\n",
	       sh->card_ups, sh->card_downs, sh->card_rmdirs, sh->network,
	       sh->netlink, sh->scenarios, sh->connected);
	printf("# results per command (ok, then each errno):\n");
	for (row = 0; row < FZ_ROWS; row++) {
		print_row(row, false);
		print_row(row, true);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz_abi [-s SEED] [-n OPS] [-t SECONDS] [-j RUNNERS] [-v]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	bool debug = access(SIM_KMEMLEAK, F_OK) == 0;
	unsigned long long seed = now_ns() ^ ((uint64_t)getpid() << 32);
	unsigned long long ops = FZ_DEFAULT_OPS;
	unsigned int secs = debug ? FZ_DEFAULT_SECS_DEBUG : FZ_DEFAULT_SECS;
	unsigned int hang = debug ? FZ_HANG_SECS_DEBUG : FZ_HANG_SECS;
	long ref_tapi, ref_sim;
	uint64_t t0, last_ops = 0, last_change;
	bool runner_ok = true, leak_check, left_ok;
	int opt, st = 0, left = 0, leaks = -1, fail = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int i, jobs, running;
	pid_t pid[FZ_MAX_RUNNERS], w;
	char prefix[32];
	const char *why;
	double elapsed;

	/* One runner per CPU: the operations of each go on side by side. */
	jobs = cpus < 1 ? 1 : cpus > FZ_MAX_RUNNERS ? FZ_MAX_RUNNERS : cpus;

	/* FUZZ_SEED reruns a seed through run_tests.sh. */
	if (getenv("FUZZ_SEED"))
		seed = strtoull(getenv("FUZZ_SEED"), NULL, 0);
	if (getenv("FUZZ_JOBS"))
		jobs = strtoul(getenv("FUZZ_JOBS"), NULL, 0);
	while ((opt = getopt(argc, argv, "s:n:t:j:v")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			ops = strtoull(optarg, NULL, 0);
			break;
		case 't':
			secs = strtoul(optarg, NULL, 0);
			break;
		case 'j':
			jobs = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			fz.verbose = true;
			break;
		default:
			usage();
		}
	}
	if (!jobs || jobs > FZ_MAX_RUNNERS)
		usage();
	printf("# seed %llu: rerun with fuzz_abi -s %llu -n %llu -j %u\n", seed,
	       seed, ops, jobs);
	fflush(stdout);
	why = sim_unavailable();
	if (why) {
		printf("TAP version 13\n1..0 # SKIP %s\n", why);
		return 4;
	}
	printf("TAP version 13\n1..5\n");
	printf("# at most %llu operations or %u s%s, %u runner%s\n", ops, secs,
	       debug ? " (a kernel with kmemleak)" : "", jobs,
	       jobs > 1 ? "s side by side" : "");
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	leak_check = debug && access(SIM_KMEMLEAK, W_OK) == 0 &&
		     !(getenv("FUZZ_KMEMLEAK") &&
		       !strcmp(getenv("FUZZ_KMEMLEAK"), "0"));
	if (leak_check)
		sim_write(SIM_KMEMLEAK, "clear");
	ref_tapi = sim_read_long("/sys/module/tapi/refcnt");
	ref_sim = sim_read_long("/sys/module/tapi_sim/refcnt");

	fz.max_ops = ops;
	t0 = now_ns();
	fz.deadline_ns = t0 + secs * 1000000000ull;
	fflush(NULL);
	/* Runner i draws from its own stream of the seed's. */
	for (i = 0; i < jobs; i++) {
		fz.rng = seed + i * 0x9e3779b97f4a7c15ull;
		pid[i] = fork();
		if (pid[i] < 0) {
			perror("fork");
			return 1;
		}
		if (pid[i] == 0)
			_exit(runner());
	}

	/* The watchdog: the runners must make progress and end. */
	last_change = now_ns();
	for (running = jobs; running;) {
		w = waitpid(-1, &st, WNOHANG);
		for (i = 0; w > 0 && i < jobs; i++) {
			if (w != pid[i])
				continue;
			running--;
			if (runner_ok && !(WIFEXITED(st) && !WEXITSTATUS(st))) {
				printf("# runner %u ended with %s %d\n", i,
				       WIFSIGNALED(st) ? "signal" : "status",
				       WIFSIGNALED(st) ? WTERMSIG(st) :
				       WEXITSTATUS(st));
				runner_ok = false;
			}
		}
		if (w > 0)
			continue;
		usleep(200000);
		if (sh->ops != last_ops) {
			last_ops = sh->ops;
			last_change = now_ns();
		} else if (now_ns() - last_change > hang * 1000000000ull) {
			printf("# no operation finished for %u s: hung\n", hang);
			for (i = 0; i < jobs; i++) {
				kill(-pid[i], SIGKILL);
				kill(pid[i], SIGKILL);
			}
			while (waitpid(-1, &st, 0) > 0)
				;
			runner_ok = false;
			break;
		}
	}
	elapsed = (now_ns() - t0) / 1e9;
	/* Their children and grandchildren, if one died. */
	for (i = 0; i < jobs; i++)
		kill(-pid[i], SIGKILL);
	if (!runner_ok)
		print_last_ops();

	/* What is left of the run. */
	for (i = 0; i < jobs; i++) {
		snprintf(prefix, sizeof(prefix), SIM_PREFIX "fz-%d-", pid[i]);
		left += sim_remove_left_cards(prefix);
		for (opt = 0; opt < 40; opt++) {
			if (!sim_cards_shown(prefix))
				break;
			usleep(100000);
		}
		left += sim_cards_shown(prefix);
	}
	/* Closing is done, but an fput may be deferred a moment. */
	left_ok = sim_module_refs_back(ref_tapi, ref_sim, debug ? 20000 : 5000) &&
		  !left;
	if (leak_check)
		leaks = sim_kmemleak_tapi();

	print_figures(elapsed);
	if (sh->ops < ops)
		printf("# %" PRIu64 " operations of the %llu asked for: the time budget (%u s) ran out\n",
		       sh->ops, ops, secs);
	if (sh->nfails) {
		printf("# %" PRIu64 " results not as documented; the first:\n",
		       sh->violations);
		for (opt = 0; opt < (int)MIN(sh->nfails, FZ_FAILS); opt++)
			printf("#   %s\n", sh->fails[opt]);
		print_last_ops();
	}
	printf("# seed %llu: rerun with fuzz_abi -s %llu -n %llu -j %u\n", seed,
	       seed, ops, jobs);

	printf("%sok 1 the operations ran to the end: no crash, no hang\n",
	       runner_ok ? "" : "not ");
	printf("%sok 2 every result as the ABI documents (%" PRIu64 " not)\n",
	       sh->violations ? "not " : "", sh->violations);
	printf("%sok 3 forked children ended normally (%" PRIu64 " forks)\n",
	       sh->child_failures ? "not " : "", sh->forks);
	printf("%sok 4 nothing of the run left: cards, fds, module references\n",
	       left_ok ? "" : "not ");
	if (leaks < 0)
		printf("ok 5 kmemleak: nothing of tapi leaked # SKIP %s\n",
		       leak_check ? "kmemleak scan failed" : "no kmemleak");
	else
		printf("%sok 5 kmemleak: nothing of tapi leaked (%d)\n",
		       leaks ? "not " : "", leaks);
	fail = !runner_ok || sh->violations || sh->child_failures ||
	       !left_ok || leaks > 0;
	return fail ? 1 : 0;
}

