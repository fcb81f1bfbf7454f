// SPDX-License-Identifier: GPL-2.0
/*
 * fault_test - every allocation failure on the way of an operation gives
 * user space a clean error and leaves nothing behind.
 *
 * Usage: fault_test [-v]
 *
 * For each operation (opening a card, opening a line, making a call
 * synchronously and asynchronously, answering, holding, setting up a
 * transfer and a conference, forwarding a line, opening and mapping a
 * call's media, making a sim line in configfs, taking a card live, i.e.
 * registering it with the core), the test enumerates its failure points with the kernel's
 * fail-nth (Documentation/fault-injection/fault-injection.rst): writing N
 * to /proc/thread-self/fail-nth makes the N-th fault-injection check of
 * this task fail, here the slab allocations (failslab, with
 * ignore-gfp-wait off so that GFP_KERNEL ones count).  Only this task's
 * allocations fail: the operation's own path through the VFS, the core,
 * the sim card and the driver core.  For N = 1, 2, ... until the
 * operation runs without reaching the N-th check:
 *
 * - the operation either fails with ENOMEM or succeeds (the failure was
 *   one the kernel can do without);
 * - when it failed, the core's and the sim card's state (the debugfs dump
 *   of every card, line, fd, call and request; the configfs directory of
 *   the card; the registered cards; this process's fds) is what it was
 *   before: no partial object;
 * - the same operation then runs again without a fault and succeeds (and
 *   is undone, back to the same state).
 *
 * The test runs twice: as fault_test, its commands through ioctl(), and as
 * fault_test@uring through io_uring (TAPI_TRANSPORT=uring), whose own
 * allocations then fail too.
 *
 * The end of the run (modules unloaded by the test runner, kmemleak on the
 * debug kernel) shows anything a failure path leaked.  Needs root, debugfs
 * and a kernel with CONFIG_FAILSLAB and CONFIG_FAULT_INJECTION_DEBUG_FS;
 * skips otherwise (Debian's stock kernel has neither).
 *
 * Prints TAP: one test per operation, with its failure points and
 * outcomes; exit status 0 pass, 1 fail, 4 skip.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "media.h"

#define FAILSLAB	"/sys/kernel/debug/failslab"
#define STATE		"/sys/kernel/debug/tapi/state"
#define STATE_MAX	(64 << 10)
#define T		5000
/* More failure points than any operation here has: a runaway loop. */
#define MAX_POINTS	2000

static struct {
	struct sim_card card;	/* live, lines 0 and 1 */
	struct sim_card spare;	/* for the configfs and live operations */
	int card_fd;
	int a, b;		/* owner fds of lines 0 and 1 */
	uint32_t ca, cb;	/* a call between them, when one is up */
	uint32_t consult, conf;	/* a's consultation and conference calls */
	int fd;			/* what an operation opened */
	struct media m;
	int nth_fd;		/* /proc/thread-self/fail-nth, kept open */
	bool verbose;
} t = { .card_fd = -1, .a = -1, .b = -1, .fd = -1, .nth_fd = -1 };

/* ---- the state an operation must leave as it found when it fails ------ */

/*
 * The debugfs dump without what moves on its own (ages, queue fill,
 * sequence numbers) or is renumbered by a new object (card indexes, call
 * ids), the card's configfs directory, and this process's fd count.
 */
static int snapshot(char *buf, size_t len)
{
	static const char *const drop[] = {
		"age_ms=[0-9]+", "queued=[0-9]+/", "seqno=[0-9]+",
		"lost=[0-9]+", "^card [0-9]+", "call [0-9]+",
	};
	char *raw = malloc(STATE_MAX), *p;
	struct dirent *de;
	size_t used = 0;
	regmatch_t mt;
	unsigned int i;
	regex_t re;
	DIR *d;
	int n;

	if (!raw)
		return -ENOMEM;
	n = sim_read(STATE, raw, STATE_MAX);
	if (n < 0) {
		free(raw);
		return n;
	}
	/* Each match becomes one '_', whatever its length. */
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
		if (regcomp(&re, drop[i], REG_EXTENDED | REG_NEWLINE))
			continue;
		p = raw;
		while (!regexec(&re, p, 1, &mt, 0)) {
			p[mt.rm_so] = '_';
			memmove(p + mt.rm_so + 1, p + mt.rm_eo,
				strlen(p + mt.rm_eo) + 1);
			p += mt.rm_so + 1;
		}
		regfree(&re);
	}
	used = snprintf(buf, len, "%s\nfds %d\nconfigfs", raw, count_fds());
	free(raw);
	d = opendir(t.spare.dir);
	while (d && (de = readdir(d)) && used < len)
		used += snprintf(buf + used, len - used, " %s", de->d_name);
	if (d)
		closedir(d);
	return 0;
}

/* ---- fail-nth ----------------------------------------------------------- */

static int failslab_set(const char *attr, const char *val, char *old,
			size_t len)
{
	char path[128];

	snprintf(path, sizeof(path), FAILSLAB "/%s", attr);
	if (old && sim_read(path, old, len) < 0)
		return -errno;
	return sim_write(path, val);
}

static void fail_nth(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(t.nth_fd, buf, len, 0) != len && n)
		perror("fail-nth");
}

/* Was the fault injected?  Then fail-nth reads 0; disarm it either way. */
static bool fail_nth_hit(void)
{
	char buf[16] = "";
	bool hit;

	hit = pread(t.nth_fd, buf, sizeof(buf) - 1, 0) > 0 && atoi(buf) == 0;
	fail_nth(0);
	return hit;
}

/* ---- the operations ----------------------------------------------------- */

struct fault_op {
	const char *name;
	int (*setup)(void);	/* without faults, before the points */
	int (*run)(void);	/* under the fault: 0 or -errno */
	int (*undo)(void);	/* after a run that succeeded */
	void (*teardown)(void);
};

static int close_fd(void)
{
	int ret = close(t.fd) ? -errno : 0;

	t.fd = -1;
	return ret;
}

static int open_card(void)
{
	t.fd = open(t.card.dev_path, O_RDWR | O_CLOEXEC);
	return t.fd < 0 ? -errno : 0;
}

static int open_line(void)
{
	t.fd = call_open_line(t.card_fd, 0, TAPI_PRIV_OWNER, 0);
	return t.fd < 0 ? t.fd : 0;
}

static int make_call(void)
{
	int ret = call_make(t.a, "", TAPI_CALL_MAKE_SYNC, &t.ca);

	return ret < 0 ? ret : 0;
}

/* Drop a's call (if any) and b's, deallocate, drain: back to idle lines. */
static int hang_up(void)
{
	int ret = 0;

	if (t.ca) {
		ret = call_op(t.a, TAPI_IOC_CALL_DROP, t.ca, TAPI_REQUEST_SYNC);
		if (!ret)
			ret = call_dealloc(t.a, t.ca);
	}
	if (t.cb) {
		call_op(t.b, TAPI_IOC_CALL_DROP, t.cb, TAPI_REQUEST_SYNC);
		if (call_dealloc(t.b, t.cb) && !ret)
			ret = -EIO;
	}
	t.ca = t.cb = 0;
	usleep(20000);
	ev_drain(t.a);
	ev_drain(t.b);
	return ret < 0 ? ret : 0;
}

static int b_number(char *num, size_t len)
{
	sim_default_number(&t.card, 1, num, len);
	return 0;
}

/* An offered call from a to b, not answered. */
static int offer(void)
{
	char num[TAPI_ADDRESS_LEN];

	b_number(num, sizeof(num));
	return call_connect(t.a, t.b, num, false, &t.ca, &t.cb, T);
}

/* The one system call under the fault; what follows waits without one. */
static int answer(void)
{
	return call_op(t.b, TAPI_IOC_CALL_ANSWER, t.cb, TAPI_REQUEST_SYNC);
}

/* Answered calls cannot be unanswered: hang up and offer again. */
static int reoffer(void)
{
	int ret = hang_up();

	return ret ? ret : offer();
}

static int connect_ab(void)
{
	struct tapi_event ev;
	int ret = offer();

	if (!ret)
		ret = answer();
	if (!ret && ev_wait_state(t.a, t.ca, TAPI_CALLSTATE_CONNECTED, &ev,
				  T) != 1)
		ret = -ETIMEDOUT;
	return ret;
}

static int hold(void)
{
	return call_op(t.a, TAPI_IOC_CALL_HOLD, t.ca, TAPI_REQUEST_SYNC);
}

static int unhold(void)
{
	return call_op(t.a, TAPI_IOC_CALL_UNHOLD, t.ca, TAPI_REQUEST_SYNC);
}

static int open_media(void)
{
	/* The default format, frame and ring sizes. */
	return media_open(t.a, t.ca, TAPI_MEDIA_OPEN_TX, 0, 0, 0, 0, &t.m);
}

static int close_media(void)
{
	media_close(&t.m);
	return 0;
}

static void hang_up_teardown(void)
{
	hang_up();
}

/* The reply to request @id on @fd: its result, or -ETIMEDOUT. */
static int reply_of(int fd, int id)
{
	struct tapi_event ev;

	do {
		if (ev_wait(fd, TAPI_EV_REPLY, 0, &ev, T) != 1)
			return -ETIMEDOUT;
	} while (ev.request_id != (uint32_t)id);
	return (int32_t)ev.param[0];
}

/* Asynchronous: the outcome is the reply's (the call stays to undo). */
static int make_call_async(void)
{
	int id = call_make(t.a, "", 0, &t.ca);

	return id <= 0 ? id : reply_of(t.a, id);
}

/* Drop and deallocate a's other calls, then a and b's: idle lines. */
static int hang_up_all(void)
{
	uint32_t *c[] = { &t.consult, &t.conf };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (!*c[i])
			continue;
		call_op(t.a, TAPI_IOC_CALL_DROP, *c[i], TAPI_REQUEST_SYNC);
		call_dealloc(t.a, *c[i]);
		*c[i] = 0;
	}
	if (t.ca && call_state(t.a, t.ca) == TAPI_CALLSTATE_IDLE) {
		call_dealloc(t.a, t.ca);
		t.ca = 0;
	}
	return hang_up();
}

/* Back to a and b connected, after an operation that changed their call. */
static int reconnect(void)
{
	int ret = hang_up_all();

	return ret ? ret : connect_ab();
}

static void hang_up_all_teardown(void)
{
	hang_up_all();
}

static int setup_transfer(void)
{
	struct tapi_call_consult c = {
		.size = sizeof(c),
		.flags = TAPI_REQUEST_SYNC,
		.call = t.ca,
	};
	int ret = tapi_ioctl(t.a, TAPI_IOC_CALL_SETUP_TRANSFER, &c);

	if (!ret)
		t.consult = c.consult;
	return ret;
}

static int setup_conf(void)
{
	struct tapi_call_setup_conf sc = {
		.size = sizeof(sc),
		.flags = TAPI_REQUEST_SYNC,
		.call = t.ca,
		.num_parties = 3,
	};
	int ret = tapi_ioctl(t.a, TAPI_IOC_CALL_SETUP_CONF, &sc);

	if (!ret) {
		t.conf = sc.conf;
		t.consult = sc.consult;
	}
	return ret;
}

/* Forward line 0 (a) unconditionally to b; 0 entries cancel. */
static int forward_a(unsigned int entries)
{
	struct tapi_line_forward f = {
		.size = sizeof(f),
		.flags = TAPI_REQUEST_SYNC,
		.num_entries = entries,
	};

	/* Entries past num_entries must be zero. */
	if (entries) {
		f.entries[0].mode = TAPI_FORWARD_UNCOND;
		b_number(f.entries[0].dest, sizeof(f.entries[0].dest));
	}
	return tapi_ioctl(t.a, TAPI_IOC_LINE_FORWARD, &f);
}

static int forward(void)
{
	return forward_a(1);
}

static int unforward(void)
{
	return forward_a(0);
}

static int spare_line(void)
{
	return sim_line_add(&t.spare, 0, NULL);
}

static int spare_line_rmdir(void)
{
	char path[192];

	snprintf(path, sizeof(path), "%s/line0", t.spare.dir);
	t.spare.num_lines = 0;
	return rmdir(path) ? -errno : 0;
}

/* Only the write to "live" is under the fault (sim_card_live() reads more). */
static int spare_live(void)
{
	return sim_card_set(&t.spare, "live", "1");
}

static int spare_down(void)
{
	return sim_card_set(&t.spare, "live", "0");
}

static int spare_setup(void)
{
	return sim_line_add(&t.spare, 0, "7700");
}

static void spare_teardown(void)
{
	spare_down();
	spare_line_rmdir();
}

static const struct fault_op ops[] = {
	{ "open /dev/tapiN", NULL, open_card, close_fd, NULL },
	{ "TAPI_IOC_LINE_OPEN", NULL, open_line, close_fd, NULL },
	{ "TAPI_IOC_CALL_MAKE (sync)", NULL, make_call, hang_up, NULL },
	{ "TAPI_IOC_CALL_MAKE (async, reply event)", NULL, make_call_async,
	  hang_up, NULL },
	{ "TAPI_IOC_CALL_ANSWER (sync)", offer, answer, reoffer,
	  hang_up_teardown },
	{ "TAPI_IOC_CALL_HOLD (sync)", connect_ab, hold, unhold,
	  hang_up_teardown },
	{ "TAPI_IOC_CALL_SETUP_TRANSFER (sync)", connect_ab, setup_transfer,
	  reconnect, hang_up_all_teardown },
	{ "TAPI_IOC_CALL_SETUP_CONF (sync)", connect_ab, setup_conf,
	  reconnect, hang_up_all_teardown },
	{ "TAPI_IOC_LINE_FORWARD (sync)", NULL, forward, unforward, NULL },
	{ "TAPI_IOC_CALL_MEDIA_OPEN and mmap", connect_ab, open_media,
	  close_media, hang_up_teardown },
	{ "sim configfs: mkdir lineN", NULL, spare_line, spare_line_rmdir,
	  NULL },
	{ "sim configfs: live=1 (tapi_card_register)", spare_setup, spare_live,
	  spare_down, spare_teardown },
};

/*
 * Enumerate an operation's failure points.  Return: true if every one
 * gave ENOMEM or success, changed nothing when it failed, and the
 * operation then succeeded again.
 */
static bool run_op(const struct fault_op *op, int num)
{
	static char before[STATE_MAX + 4096], after[STATE_MAX + 4096];
	unsigned int n, refused = 0, tolerated = 0;
	bool ok = true;
	int ret, again;

	if (op->setup && (ret = op->setup())) {
		printf("not ok %d %s # setup: %s\n", num, op->name,
		       strerror(-ret));
		return false;
	}
	if (snapshot(before, sizeof(before))) {
		printf("not ok %d %s # no state dump\n", num, op->name);
		return false;
	}
	for (n = 1; n <= MAX_POINTS && ok; n++) {
		fail_nth(n);
		ret = op->run();
		if (!fail_nth_hit()) {
			/* Fewer than n checks: every point was tried. */
			if (ret) {
				printf("# %s: fails with %s without a fault\n",
				       op->name, strerror(-ret));
				ok = false;
			} else if (op->undo()) {
				ok = false;
			}
			break;
		}
		if (!ret) {
			tolerated++;
			if (op->undo()) {
				printf("# %s: point %u: undo failed\n",
				       op->name, n);
				ok = false;
			}
		} else if (ret != -ENOMEM) {
			printf("# %s: point %u: %s, not ENOMEM\n", op->name, n,
			       strerror(-ret));
			ok = false;
		} else {
			refused++;
		}
		if (snapshot(after, sizeof(after)) || strcmp(before, after)) {
			printf("# %s: point %u (%s) left the state changed\n"
			       "# before:\n%s\n# after:\n%s\n", op->name, n,
			       ret ? strerror(-ret) : "tolerated", before,
			       after);
			ok = false;
			break;
		}
		/* The same operation, without a fault, works. */
		again = op->run();
		if (again) {
			printf("# %s: after point %u: again: %s\n", op->name,
			       n, strerror(-again));
			ok = false;
		} else if ((again = op->undo())) {
			printf("# %s: after point %u: undo: %s\n", op->name,
			       n, strerror(-again));
			ok = false;
		}
		if (t.verbose)
			printf("# %s: point %u: %s\n", op->name, n,
			       ret ? strerror(-ret) : "tolerated");
	}
	if (n > MAX_POINTS) {
		printf("# %s: more than %d failure points\n", op->name,
		       MAX_POINTS);
		ok = false;
	}
	if (op->teardown)
		op->teardown();
	printf("# %s: %u failure points: %u refused with ENOMEM, %u tolerated\n",
	       op->name, refused + tolerated, refused, tolerated);
	printf("%sok %d %s\n", ok ? "" : "not ", num, op->name);
	return ok;
}

int main(int argc, char **argv)
{
	char ign[16] = "", verb[16] = "";
	unsigned int i, failed = 0;
	const char *why;

	t.verbose = argc > 1 && !strcmp(argv[1], "-v");
	printf("TAP version 13\n");
	why = sim_unavailable();
	if (!why && access(FAILSLAB, F_OK))
		why = "no failslab in debugfs (CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS)";
	if (!why && access(STATE, R_OK))
		why = "no " STATE;
	if (!why) {
		t.nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
		if (t.nth_fd < 0)
			why = "no /proc/thread-self/fail-nth";
	}
	if (why) {
		printf("1..0 # SKIP %s\n", why);
		return 4;
	}
	printf("1..%zu\n", sizeof(ops) / sizeof(ops[0]));
	/* GFP_KERNEL allocations fail too; no splat for each one. */
	if (failslab_set("ignore-gfp-wait", "N", ign, sizeof(ign)) ||
	    failslab_set("verbose", "0", verb, sizeof(verb))) {
		printf("Bail out! cannot set up failslab\n");
		return 1;
	}
	if (sim_card_create_live(&t.card, "fault", 2) ||
	    sim_card_new(&t.spare, "faultx") ||
	    (t.card_fd = sim_card_open(&t.card)) < 0 ||
	    (t.a = call_open_line(t.card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS)) < 0 ||
	    (t.b = call_open_line(t.card_fd, 1, TAPI_PRIV_OWNER, EV_CALLS)) < 0) {
		printf("Bail out! cannot make the sim cards\n");
		failed = 1;
		goto out;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		fflush(stdout);
		if (!run_op(&ops[i], i + 1))
			failed++;
	}
out:
	fail_nth(0);
	if (t.a >= 0)
		close(t.a);
	if (t.b >= 0)
		close(t.b);
	if (t.card_fd >= 0)
		close(t.card_fd);
	sim_card_destroy(&t.spare);
	sim_card_destroy(&t.card);
	failslab_set("ignore-gfp-wait", ign[0] ? ign : "Y", NULL, 0);
	failslab_set("verbose", verb[0] ? verb : "2", NULL, 0);
	printf("# %u of %zu operations failed\n", failed,
	       sizeof(ops) / sizeof(ops[0]));
	return failed ? 1 : 0;
}
