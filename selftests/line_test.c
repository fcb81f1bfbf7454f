// SPDX-License-Identifier: GPL-2.0
/*
 * Line fds: opening with each privilege, the open arguments that must be
 * refused, the device status counts, open_lines, fd flags, read() and poll()
 * on a line with no events.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <unistd.h>

#include "sim.h"
#include "harness.h"

/* line 0: the default media modes; line 1: data modem and fax only */
#define LINE1_MEDIA	(TAPI_MEDIA_DATAMODEM | TAPI_MEDIA_G3FAX)
#define IV		TAPI_MEDIA_INTERACTIVEVOICE
#define AV		TAPI_MEDIA_AUTOMATEDVOICE

static int make_card(struct sim_card *card, const char *tag)
{
	char buf[32];
	int ret;

	ret = sim_card_create(card, tag, 2);
	if (ret)
		return ret;
	snprintf(buf, sizeof(buf), "%u", LINE1_MEDIA);
	ret = sim_line_set(card, 1, "media_modes", buf);
	if (!ret)
		ret = sim_card_live(card, true);
	if (ret)
		sim_card_destroy(card);
	return ret;
}

static void check_line_fd(struct __test_metadata *_metadata, int fd)
{
	char path[64], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	ASSERT_LT(0, n);
	link[n] = '\0';
	EXPECT_STREQ("anon_inode:tapi-line", link);
}

/* ---- each privilege ----------------------------------------------------- */

FIXTURE(open)
{
	struct sim_card card;
	int card_fd;
};

FIXTURE_VARIANT(open)
{
	uint32_t priv;
	uint32_t media;
};

FIXTURE_VARIANT_ADD(open, none) { .priv = TAPI_PRIV_NONE };
FIXTURE_VARIANT_ADD(open, monitor) { .priv = TAPI_PRIV_MONITOR };
FIXTURE_VARIANT_ADD(open, owner) { .priv = TAPI_PRIV_OWNER, .media = IV };
FIXTURE_VARIANT_ADD(open, owner_monitor) {
	.priv = TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
	.media = IV | AV | TAPI_MEDIA_UNKNOWN,
};

FIXTURE_SETUP(open)
{
	int ret;

	self->card_fd = -1;
	ret = make_card(&self->card, "open");
	ASSERT_EQ(0, ret) TH_LOG("making a sim card: %s", strerror(-ret));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
}

FIXTURE_TEARDOWN(open)
{
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

TEST_F(open, status)
{
	struct tapi_line_devstatus st;
	bool owner = variant->priv & TAPI_PRIV_OWNER;
	bool monitor = variant->priv & TAPI_PRIV_MONITOR;
	int fd;

	EXPECT_EQ(0, sim_card_open_lines(&self->card));
	fd = tapi_open_line(self->card_fd, 0, variant->priv, variant->media, 0);
	ASSERT_LE(0, fd) TH_LOG("LINE_OPEN: %s", strerror(-fd));
	check_line_fd(_metadata, fd);
	EXPECT_EQ(1, sim_card_open_lines(&self->card));

	ASSERT_EQ(0, tapi_devstatus(fd, &st));
	EXPECT_EQ(1u, st.num_opens);
	EXPECT_EQ(owner ? 1u : 0u, st.num_owners);
	EXPECT_EQ(monitor ? 1u : 0u, st.num_monitors);
	EXPECT_EQ(owner ? variant->media : 0u, st.open_media_modes);
	EXPECT_EQ(0u, st.num_active_calls);
	EXPECT_EQ(0u, st.num_onhold_calls);
	EXPECT_EQ(0u, st.num_onholdpend_calls);
	EXPECT_EQ(0u, st.line_features & ~TAPI_LINEFEATURE_VALID);
	EXPECT_EQ(0u, st.devstatus_flags &
		      ~(TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE |
			TAPI_DEVSTATUS_MSGWAIT | TAPI_DEVSTATUS_LOCKED));
	EXPECT_EQ(0u, st.reserved);

	EXPECT_EQ(0, close(fd));
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

/* ---- one card, many opens ----------------------------------------------- */

FIXTURE(line)
{
	struct sim_card card;
	int card_fd;
	int fds;
};

FIXTURE_SETUP(line)
{
	int ret;

	self->card_fd = -1;
	ret = make_card(&self->card, "line");
	ASSERT_EQ(0, ret) TH_LOG("making a sim card: %s", strerror(-ret));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->fds = count_fds();
}

FIXTURE_TEARDOWN(line)
{
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

struct bad_open {
	const char *what;
	uint32_t line, priv, media, depth;
	uint64_t mask;
	bool long_name;
	int err;
};

static const struct bad_open bad_opens[] = {
	{ "no privilege", 0, 0, 0, 0, 0, false, EINVAL },
	{ "none|owner", 0, TAPI_PRIV_NONE | TAPI_PRIV_OWNER, IV, 0, 0, false,
	  EINVAL },
	{ "none|owner, no media", 0, TAPI_PRIV_NONE | TAPI_PRIV_OWNER, 0, 0, 0,
	  false, EINVAL },
	{ "none|monitor", 0, TAPI_PRIV_NONE | TAPI_PRIV_MONITOR, 0, 0, 0,
	  false, EINVAL },
	{ "none|monitor|owner", 0, TAPI_PRIV_VALID, IV, 0, 0, false, EINVAL },
	{ "privilege bit 3", 0, 1u << 3, 0, 0, 0, false, EOPNOTSUPP },
	{ "privilege bit 31", 0, 1u << 31, 0, 0, 0, false, EOPNOTSUPP },
	{ "monitor|bit 3", 0, TAPI_PRIV_MONITOR | 1u << 3, 0, 0, 0, false,
	  EOPNOTSUPP },
	{ "owner, no media", 0, TAPI_PRIV_OWNER, 0, 0, 0, false, EINVAL },
	{ "owner|monitor, no media", 0, TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
	  0, 0, 0, false, EINVAL },
	{ "owner, media the line lacks", 0, TAPI_PRIV_OWNER,
	  TAPI_MEDIA_DATAMODEM, 0, 0, false, EOPNOTSUPP },
	{ "owner, media partly lacking", 0, TAPI_PRIV_OWNER,
	  IV | TAPI_MEDIA_DATAMODEM, 0, 0, false, EOPNOTSUPP },
	{ "owner, voice on a data line", 1, TAPI_PRIV_OWNER, IV, 0, 0, false,
	  EOPNOTSUPP },
	{ "owner, undefined media bit", 0, TAPI_PRIV_OWNER,
	  TAPI_MEDIA_VALID + 1, 0, 0, false, EOPNOTSUPP },
	{ "owner, media bit 31", 0, TAPI_PRIV_OWNER, 1u << 31, 0, 0, false,
	  EOPNOTSUPP },
	{ "monitor with media", 0, TAPI_PRIV_MONITOR, IV, 0, 0, false,
	  EINVAL },
	{ "none with media", 0, TAPI_PRIV_NONE, IV, 0, 0, false, EINVAL },
	{ "queue depth max + 1", 0, TAPI_PRIV_NONE, 0,
	  TAPI_EVENT_QUEUE_MAX + 1, 0, false, EINVAL },
	{ "queue depth 2 * max", 0, TAPI_PRIV_NONE, 0,
	  2 * TAPI_EVENT_QUEUE_MAX, 0, false, EINVAL },
	{ "queue depth ~0", 0, TAPI_PRIV_NONE, 0, 0xffffffff, 0, false,
	  EINVAL },
	{ "event bit 0", 0, TAPI_PRIV_NONE, 0, 0, 1, false, EOPNOTSUPP },
	{ "event bit TAPI_EV_MAX", 0, TAPI_PRIV_NONE, 0, 0,
	  1ull << TAPI_EV_MAX, false, EOPNOTSUPP },
	{ "event bit 63", 0, TAPI_PRIV_NONE, 0, 0, 1ull << 63, false,
	  EOPNOTSUPP },
	{ "app_name without NUL", 0, TAPI_PRIV_NONE, 0, 0, 0, true, EINVAL },
	{ "no such line", 2, TAPI_PRIV_NONE, 0, 0, 0, false, ENOENT },
};

TEST_F(line, bad_open)
{
	struct tapi_line_open lo;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(bad_opens); i++) {
		const struct bad_open *b = &bad_opens[i];

		memset(&lo, 0, sizeof(lo));
		lo.line = b->line;
		lo.privileges = b->priv;
		lo.media_modes = b->media;
		lo.event_queue_depth = b->depth;
		lo.event_mask = b->mask;
		if (b->long_name)
			memset(lo.app_name, 'x', sizeof(lo.app_name));
		ret = tapi_open_line_args(self->card_fd, &lo);
		EXPECT_EQ(-b->err, ret) TH_LOG("%s: got %s", b->what,
					       strerror(ret < 0 ? -ret : 0));
		if (ret >= 0)
			close(ret);
		EXPECT_EQ(self->fds, count_fds()) TH_LOG("%s", b->what);
		EXPECT_EQ(0, sim_card_open_lines(&self->card))
			TH_LOG("%s", b->what);
	}
}

struct good_open {
	const char *what;
	uint32_t line, priv, media, depth;
	uint64_t mask;
	uint32_t granted;	/* event queue depth written back */
};

#define DEF TAPI_EVENT_QUEUE_DEFAULT

static const struct good_open good_opens[] = {
	{ "queue depth 1", 0, TAPI_PRIV_NONE, 0, 1, 0, 1 },
	{ "queue depth 3", 0, TAPI_PRIV_NONE, 0, 3, 0, 4 },
	{ "queue depth 257", 0, TAPI_PRIV_NONE, 0, 257, 0, 512 },
	{ "queue depth max", 0, TAPI_PRIV_NONE, 0, TAPI_EVENT_QUEUE_MAX, 0,
	  TAPI_EVENT_QUEUE_MAX },
	{ "every event", 0, TAPI_PRIV_MONITOR, 0, 0, TAPI_EV_MASK_VALID, DEF },
	{ "only the events always sent", 0, TAPI_PRIV_MONITOR, 0, 0,
	  TAPI_EV_ALWAYS_MASK, DEF },
	{ "one event", 0, TAPI_PRIV_NONE, 0, 0, 1ull << TAPI_EV_CALLSTATE,
	  DEF },
	{ "owner of every media of line 0", 0, TAPI_PRIV_OWNER,
	  SIM_DEFAULT_MEDIA, 0, 0, DEF },
	{ "owner of fax on line 1", 1, TAPI_PRIV_OWNER, TAPI_MEDIA_G3FAX, 0,
	  0, DEF },
	{ "owner|monitor of line 1", 1, TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
	  LINE1_MEDIA, 0, 0, DEF },
};

TEST_F(line, good_open)
{
	struct tapi_line_devstatus st;
	struct tapi_line_open lo;
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(good_opens); i++) {
		const struct good_open *g = &good_opens[i];

		memset(&lo, 0, sizeof(lo));
		lo.line = g->line;
		lo.privileges = g->priv;
		lo.media_modes = g->media;
		lo.event_queue_depth = g->depth;
		lo.event_mask = g->mask;
		strcpy(lo.app_name, "a name of 31 characters, max..");
		fd = tapi_open_line_args(self->card_fd, &lo);
		ASSERT_LE(0, fd) TH_LOG("%s: %s", g->what, strerror(-fd));
		/*
		 * The depth granted: the default, or rounded up to 2^n (a
		 * queue of one may be made two).
		 */
		EXPECT_LE(g->granted, lo.event_queue_depth)
			TH_LOG("%s", g->what);
		EXPECT_GE(g->granted < 2 ? 2 : g->granted, lo.event_queue_depth)
			TH_LOG("%s", g->what);
		ASSERT_EQ(0, tapi_devstatus(fd, &st));
		EXPECT_EQ(1u, st.num_opens);
		EXPECT_EQ(g->priv & TAPI_PRIV_OWNER ? g->media : 0u,
			  st.open_media_modes);
		EXPECT_EQ(0, close(fd));
		EXPECT_EQ(self->fds, count_fds());
	}
}

/* /sys/class/tapi/tapiN/lineK/num_opens */
static int sysfs_num_opens(const struct sim_card *card, unsigned int line)
{
	unsigned long long v;
	char path[128];
	int ret;

	snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/tapi%d/line%u/num_opens",
		 card->index, line);
	ret = sim_read_u64(path, &v);
	return ret ? ret : (int)v;
}

/* The status of @line as line fd @fd sees it, and as sysfs counts it. */
static void expect_status(struct __test_metadata *_metadata,
			  const struct sim_card *card, unsigned int line,
			  int fd, unsigned int opens, unsigned int owners,
			  unsigned int monitors, unsigned int media)
{
	struct tapi_line_devstatus st;

	ASSERT_EQ(0, tapi_devstatus(fd, &st));
	EXPECT_EQ(opens, st.num_opens);
	EXPECT_EQ((int)opens, sysfs_num_opens(card, line));
	EXPECT_EQ(owners, st.num_owners);
	EXPECT_EQ(monitors, st.num_monitors);
	EXPECT_EQ(media, st.open_media_modes);
}

/* The counts are the line's, whichever fd (or card fd) asks. */
TEST_F(line, status_counts)
{
	int card2, a, b, c, d, e;

	card2 = sim_card_open(&self->card);
	ASSERT_LE(0, card2);
	a = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0, 0);
	b = tapi_open_line(card2, 0, TAPI_PRIV_MONITOR, 0, 0);
	c = tapi_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, IV, 0);
	d = tapi_open_line(card2, 0, TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR, AV,
			   0);
	e = tapi_open_line(self->card_fd, 1, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_LE(0, c);
	ASSERT_LE(0, d);
	ASSERT_LE(0, e);

	expect_status(_metadata, &self->card, 0, a, 4, 2, 2, IV | AV);
	expect_status(_metadata, &self->card, 0, d, 4, 2, 2, IV | AV);
	expect_status(_metadata, &self->card, 1, e, 1, 0, 0, 0);

	/* a second owner of the same media mode is allowed and counted */
	close(card2);
	ASSERT_EQ(0, close(c));
	expect_status(_metadata, &self->card, 0, a, 3, 1, 2, AV);
	ASSERT_EQ(0, close(b));
	expect_status(_metadata, &self->card, 0, a, 2, 1, 1, AV);
	ASSERT_EQ(0, close(d));
	expect_status(_metadata, &self->card, 0, a, 1, 0, 0, 0);
	expect_status(_metadata, &self->card, 1, e, 1, 0, 0, 0);
	ASSERT_EQ(0, close(a));
	ASSERT_EQ(0, close(e));
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

TEST_F(line, same_media_two_owners)
{
	int a, b;

	a = tapi_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, IV | AV, 0);
	b = tapi_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, IV, 0);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	expect_status(_metadata, &self->card, 0, b, 2, 2, 0, IV | AV);
	close(a);
	expect_status(_metadata, &self->card, 0, b, 1, 1, 0, IV);
	close(b);
}

/* open_lines follows the first open and the last close of each line. */
TEST_F(line, open_lines)
{
	int a, b, c;

	EXPECT_EQ(0, sim_card_open_lines(&self->card));
	a = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, a);
	EXPECT_EQ(1, sim_card_open_lines(&self->card));
	b = tapi_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, 0, 0);
	ASSERT_LE(0, b);
	EXPECT_EQ(1, sim_card_open_lines(&self->card));
	c = tapi_open_line(self->card_fd, 1, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, c);
	EXPECT_EQ(2, sim_card_open_lines(&self->card));
	close(a);
	EXPECT_EQ(2, sim_card_open_lines(&self->card));
	close(b);
	EXPECT_EQ(1, sim_card_open_lines(&self->card));
	close(c);
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

TEST_F(line, many_opens)
{
	struct tapi_line_devstatus st;
	int fd[64], i;

	for (i = 0; i < 64; i++) {
		fd[i] = tapi_open_line(self->card_fd, 1, TAPI_PRIV_MONITOR, 0,
				       0);
		ASSERT_LE(0, fd[i]) TH_LOG("open #%d: %s", i, strerror(-fd[i]));
	}
	ASSERT_EQ(0, tapi_devstatus(fd[0], &st));
	EXPECT_EQ(64u, st.num_opens);
	EXPECT_EQ(64u, st.num_monitors);
	for (i = 0; i < 63; i++)
		close(fd[i]);
	expect_status(_metadata, &self->card, 1, fd[63], 1, 0, 1, 0);
	close(fd[63]);
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

/* A line fd outlives the card fd it was opened from. */
TEST_F(line, card_fd_closed)
{
	struct tapi_features f;
	int fd;

	fd = tapi_open_line(self->card_fd, 1, TAPI_PRIV_OWNER,
			    TAPI_MEDIA_DATAMODEM, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(self->card_fd));
	self->card_fd = -1;
	expect_status(_metadata, &self->card, 1, fd, 1, 1, 0,
		      TAPI_MEDIA_DATAMODEM);
	EXPECT_EQ(0, tapi_features(fd, &f));
	EXPECT_EQ(1, sim_card_open_lines(&self->card));
	close(fd);
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
}

TEST_F(line, fd_flags)
{
	int plain, nb, ce, both;

	plain = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0, 0);
	nb = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0,
			    TAPI_LINE_OPEN_NONBLOCK);
	ce = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0,
			    TAPI_LINE_OPEN_CLOEXEC);
	both = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0,
			      TAPI_LINE_OPEN_VALID);
	ASSERT_LE(0, plain);
	ASSERT_LE(0, nb);
	ASSERT_LE(0, ce);
	ASSERT_LE(0, both);

	EXPECT_EQ(0, fcntl(plain, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(0, fcntl(plain, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_NONBLOCK, fcntl(nb, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(0, fcntl(nb, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(0, fcntl(ce, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(FD_CLOEXEC, fcntl(ce, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_NONBLOCK, fcntl(both, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(FD_CLOEXEC, fcntl(both, F_GETFD) & FD_CLOEXEC);
	close(plain);
	close(nb);
	close(ce);
	close(both);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Arm a one-shot SIGALRM in @ms that interrupts (does not restart) calls. */
static void arm_alarm(int ms)
{
	struct itimerval it = { .it_value = { ms / 1000, (ms % 1000) * 1000 } };
	struct sigaction sa = { .sa_handler = on_alarm };

	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

TEST_F(line, read_empty)
{
	struct tapi_event ev[2];
	uint64_t t0;
	int nb, fd;

	nb = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0,
			    TAPI_LINE_OPEN_NONBLOCK);
	ASSERT_LE(0, nb);
	EXPECT_EQ(-1, read(nb, ev, sizeof(ev[0])));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(-1, read(nb, ev, sizeof(ev)));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(-1, read(nb, ev, sizeof(ev[0]) + 1));
	EXPECT_EQ(EAGAIN, errno);
	close(nb);

	/* O_NONBLOCK set later through fcntl() counts too */
	fd = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, read(fd, ev, sizeof(ev[0])));
	EXPECT_EQ(EAGAIN, errno);

	/* blocking: it waits, and a signal gets the reader out */
	ASSERT_EQ(0, fcntl(fd, F_SETFL, 0));
	t0 = now_ns();
	arm_alarm(200);
	EXPECT_EQ(-1, read(fd, ev, sizeof(ev[0])));
	EXPECT_EQ(EINTR, errno);
	EXPECT_LE(150000000ull, now_ns() - t0) TH_LOG("read did not block");
	close(fd);
}

TEST_F(line, read_too_small)
{
	struct tapi_event ev;
	int nb, fd;

	nb = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0,
			    TAPI_LINE_OPEN_NONBLOCK);
	ASSERT_LE(0, nb);
	EXPECT_EQ(-1, read(nb, &ev, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, read(nb, &ev, sizeof(ev) - 1));
	EXPECT_EQ(EINVAL, errno);
	close(nb);

	/* refused at once, not after waiting for an event */
	fd = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, fd);
	arm_alarm(2000);
	EXPECT_EQ(-1, read(fd, &ev, sizeof(ev) - 1));
	EXPECT_EQ(EINVAL, errno);
	arm_alarm(0);
	close(fd);
}

TEST_F(line, poll_empty)
{
	struct epoll_event ee = { .events = EPOLLIN };
	struct pollfd pfd;
	uint64_t t0;
	int fd, ep;

	fd = tapi_open_line(self->card_fd, 0, TAPI_PRIV_MONITOR, 0, 0);
	ASSERT_LE(0, fd);
	pfd.fd = fd;
	pfd.events = POLLIN | POLLPRI;
	pfd.revents = 0;
	t0 = now_ns();
	EXPECT_EQ(0, poll(&pfd, 1, 200));
	EXPECT_EQ(0, pfd.revents);
	EXPECT_LE(150000000ull, now_ns() - t0);

	ep = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_LE(0, ep);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ee));
	EXPECT_EQ(0, epoll_wait(ep, &ee, 1, 100));
	close(ep);
	close(fd);
}

int main(int argc, char **argv)
{
	sim_require("line_test");
	return test_harness_run(argc, argv);
}
