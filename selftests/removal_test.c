// SPDX-License-Identifier: GPL-2.0
/*
 * A card removed (taken down with live=0; or taken down and its configfs
 * directories removed at once, so that the TSP's own card is freed) while
 * card and line fds are open and readers are blocked: the readers
 * wake, read() gives the queued records ending with TAPI_EV_REMOVED and then
 * ENODEV, every ioctl fails with ENODEV, poll() says POLLHUP|POLLERR, the
 * fds close cleanly, and a card of the same name can be made again.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include "harness.h"

#define NLINES	3
#define MAXEV	8
#define SEC	1000000000ull

enum { L_READ, L_POLL, L_NB, L_MASKED, L_OWNER2, NFDS };

/* line, privileges, media, flags, event mask of each line fd */
static const struct {
	unsigned int line;
	uint32_t priv, media, flags;
	uint64_t mask;
} fd_cfg[NFDS] = {
	[L_READ]   = { 0, TAPI_PRIV_OWNER, TAPI_MEDIA_INTERACTIVEVOICE, 0, 0 },
	[L_POLL]   = { 1, TAPI_PRIV_MONITOR, 0, 0, 0 },
	[L_NB]     = { 0, TAPI_PRIV_NONE, 0, TAPI_LINE_OPEN_NONBLOCK, 0 },
	/* wants call states only: REMOVED comes anyway */
	[L_MASKED] = { 2, TAPI_PRIV_MONITOR, 0, TAPI_LINE_OPEN_NONBLOCK,
		       1ull << TAPI_EV_CALLSTATE },
	[L_OWNER2] = { 2, TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
		       TAPI_MEDIA_AUTOMATEDVOICE, 0, 0 },
};

FIXTURE(removal)
{
	struct sim_card card;
	int card_fd;
	int card_fd2;
	int fd[NFDS];
	uint64_t t_remove;	/* just before the removal */
	uint64_t t_removed;	/* just after it returned */
	char sysfs_dir[64];
};

FIXTURE_VARIANT(removal)
{
	/*
	 * After live=0 also remove the configfs directories (the sim keeps
	 * a live card's directories pinned: live=0 has to come first).
	 */
	bool rmdir;
};

FIXTURE_VARIANT_ADD(removal, live0) { .rmdir = false };
FIXTURE_VARIANT_ADD(removal, rmdir) { .rmdir = true };

FIXTURE_SETUP(removal)
{
	struct tapi_line_open lo;
	int i, ret;

	self->card_fd = self->card_fd2 = -1;
	for (i = 0; i < NFDS; i++)
		self->fd[i] = -1;
	ret = sim_card_create_live(&self->card, "rm", NLINES);
	ASSERT_EQ(0, ret) TH_LOG("making a sim card: %s", strerror(-ret));
	snprintf(self->sysfs_dir, sizeof(self->sysfs_dir),
		 SIM_SYSFS_CLASS "/tapi%d", self->card.index);
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->card_fd2 = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd2);
	for (i = 0; i < NFDS; i++) {
		memset(&lo, 0, sizeof(lo));
		lo.line = fd_cfg[i].line;
		lo.privileges = fd_cfg[i].priv;
		lo.media_modes = fd_cfg[i].media;
		lo.flags = fd_cfg[i].flags;
		lo.event_mask = fd_cfg[i].mask;
		self->fd[i] = tapi_open_line_args(i & 1 ? self->card_fd2 :
						  self->card_fd, &lo);
		ASSERT_LE(0, self->fd[i]) TH_LOG("line fd %d: %s", i,
						 strerror(-self->fd[i]));
	}
	ASSERT_EQ(NLINES, sim_card_open_lines(&self->card));
}

FIXTURE_TEARDOWN(removal)
{
	int i;

	for (i = 0; i < NFDS; i++)
		if (self->fd[i] >= 0)
			close(self->fd[i]);
	if (self->card_fd >= 0)
		close(self->card_fd);
	if (self->card_fd2 >= 0)
		close(self->card_fd2);
	sim_card_destroy(&self->card);
}

static void remove_card(struct __test_metadata *_metadata,
			FIXTURE_DATA(removal) *self,
			const FIXTURE_VARIANT(removal) *variant)
{
	int ret;

	self->t_remove = now_ns();
	ret = sim_card_live(&self->card, false);
	if (!ret && variant->rmdir)
		ret = sim_card_rmdir(&self->card);
	self->t_removed = now_ns();
	ASSERT_EQ(0, ret) TH_LOG("removing the card: %s", strerror(-ret));
}

/*
 * Read what a dead line fd still has: the records (at most MAXEV), then
 * the error that ends them.  Never blocks for long: a blocking fd of a
 * removed card must not wait.
 */
struct drained {
	struct tapi_event ev[MAXEV];
	int n;
	int err;		/* errno of the read() that ended it */
	ssize_t first;		/* what the first read() returned */
};

static void on_alarm(int sig)
{
	(void)sig;
}

static void drain(int fd, struct drained *d)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct tapi_event buf[MAXEV];
	ssize_t r;
	int i, k;

	memset(d, 0, sizeof(*d));
	sigaction(SIGALRM, &sa, NULL);
	alarm(5);
	for (k = 0; k < 2 * MAXEV; k++) {
		r = read(fd, buf, sizeof(buf));
		if (k == 0)
			d->first = r;
		if (r < 0) {
			d->err = errno;
			break;
		}
		if (r == 0 || r % sizeof(buf[0])) {
			d->err = EPROTO;	/* short or empty record */
			break;
		}
		for (i = 0; i < r / (ssize_t)sizeof(buf[0]) && d->n < MAXEV;
		     i++)
			d->ev[d->n++] = buf[i];
	}
	alarm(0);
}

static void check_records(struct __test_metadata *_metadata,
			  const struct drained *d, unsigned int line,
			  uint64_t t0, uint64_t t1)
{
	const struct tapi_event *ev;
	int i, j;

	ASSERT_LT(0, d->n) TH_LOG("no record, read() failed with %s",
				  strerror(d->err));
	EXPECT_EQ(ENODEV, d->err);
	for (i = 0; i < d->n; i++) {
		ev = &d->ev[i];
		EXPECT_EQ((unsigned int)i + 1, ev->seqno)
			TH_LOG("record %d of type %u", i, ev->type);
		EXPECT_EQ(line, ev->line);
		EXPECT_EQ(0u, ev->call);
		EXPECT_EQ(0u, ev->request_id);
		EXPECT_EQ(0u, ev->reserved);
		EXPECT_LE(t0, ev->timestamp_ns) TH_LOG("record %d", i);
		EXPECT_GE(t1, ev->timestamp_ns) TH_LOG("record %d", i);
		if (i) {
			EXPECT_LE(d->ev[i - 1].timestamp_ns, ev->timestamp_ns);
		}
		if (i < d->n - 1) {
			/* before REMOVED, at most a forced close */
			EXPECT_EQ((unsigned int)TAPI_EV_CLOSE, ev->type);
			EXPECT_EQ((unsigned int)TAPI_CLOSE_REMOVED,
				  ev->param[0]);
			continue;
		}
		EXPECT_EQ((unsigned int)TAPI_EV_REMOVED, ev->type);
		for (j = 0; j < 8; j++) {
			EXPECT_EQ(0u, ev->param[j]);
		}
	}
	EXPECT_GE(2, d->n) TH_LOG("%d records for one removal", d->n);
}

/* ---- blocked readers and pollers wake ------------------------------------ */

struct waiter {
	int fd;
	pid_t tid;
	struct drained d;
	struct pollfd pfd;
	int poll_ret;
	int poll_err;
	uint64_t t_done;
};

static void *reader(void *arg)
{
	struct waiter *w = arg;

	w->tid = gettid();
	drain(w->fd, &w->d);
	w->t_done = now_ns();
	return NULL;
}

static void *poller(void *arg)
{
	struct waiter *w = arg;

	w->tid = gettid();
	w->pfd.fd = w->fd;
	w->pfd.events = POLLIN;
	w->poll_ret = poll(&w->pfd, 1, 10000);
	w->poll_err = errno;
	w->t_done = now_ns();
	return NULL;
}

/* Wait until thread @tid sleeps (in the read or poll it was started for). */
static bool sleeping(pid_t *tid)
{
	char path[64], buf[256], *p;
	int i;

	for (i = 0; i < 300; i++) {
		usleep(10000);
		if (!__atomic_load_n(tid, __ATOMIC_ACQUIRE))
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat", *tid);
		if (sim_read(path, buf, sizeof(buf)) < 0)
			continue;
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return true;
	}
	return false;
}

static bool join(pthread_t t, int secs)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += secs;
	return pthread_timedjoin_np(t, NULL, &ts) == 0;
}

TEST_F(removal, blocked_wake)
{
	struct waiter rd = { .fd = self->fd[L_READ] };
	struct waiter pl = { .fd = self->fd[L_POLL] };
	struct waiter pl2 = { .fd = self->fd[L_OWNER2] };
	pthread_t trd, tpl, tpl2;
	int status, p[2];
	pid_t child;
	short rev;

	/* a child process polls too, on an fd it inherited */
	ASSERT_EQ(0, pipe(p));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		struct pollfd pfd = { .fd = self->fd[L_OWNER2],
				      .events = POLLIN };

		close(p[0]);
		if (poll(&pfd, 1, 10000) != 1)
			pfd.revents = -1;
		_exit(write(p[1], &pfd.revents, sizeof(pfd.revents)) !=
		      sizeof(pfd.revents));
	}
	close(p[1]);

	ASSERT_EQ(0, pthread_create(&trd, NULL, reader, &rd));
	ASSERT_EQ(0, pthread_create(&tpl, NULL, poller, &pl));
	ASSERT_EQ(0, pthread_create(&tpl2, NULL, poller, &pl2));
	ASSERT_TRUE(sleeping(&rd.tid)) TH_LOG("reader is not blocked");
	ASSERT_TRUE(sleeping(&pl.tid)) TH_LOG("poller is not blocked");
	ASSERT_TRUE(sleeping(&pl2.tid)) TH_LOG("poller is not blocked");
	/* nobody woke up early */
	EXPECT_EQ(0ull, rd.t_done);
	EXPECT_EQ(0ull, pl.t_done);

	remove_card(_metadata, self, variant);

	ASSERT_TRUE(join(trd, 5)) TH_LOG("blocked read() did not wake");
	ASSERT_TRUE(join(tpl, 5)) TH_LOG("blocked poll() did not wake");
	ASSERT_TRUE(join(tpl2, 5)) TH_LOG("blocked poll() did not wake");

	check_records(_metadata, &rd.d, 0, self->t_remove, rd.t_done);
	EXPECT_LT(0, rd.d.first);
	/* woken by the removal, not by a timeout */
	EXPECT_LE(self->t_remove, rd.t_done);
	EXPECT_GT(2 * SEC, rd.t_done - self->t_remove);

	ASSERT_EQ(1, pl.poll_ret) TH_LOG("poll: %s", strerror(pl.poll_err));
	EXPECT_EQ(POLLHUP | POLLERR, pl.pfd.revents & (POLLHUP | POLLERR));
	EXPECT_LE(self->t_remove, pl.t_done);
	EXPECT_GT(2 * SEC, pl.t_done - self->t_remove);
	ASSERT_EQ(1, pl2.poll_ret);
	EXPECT_EQ(POLLHUP | POLLERR, pl2.pfd.revents & (POLLHUP | POLLERR));

	rev = 0;
	ASSERT_EQ((ssize_t)sizeof(rev), read(p[0], &rev, sizeof(rev)))
		TH_LOG("the polling child said nothing");
	EXPECT_NE(-1, rev) TH_LOG("the child's poll() did not return 1");
	EXPECT_EQ(POLLHUP | POLLERR, rev & (POLLHUP | POLLERR));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	close(p[0]);
}

/* ---- after the removal --------------------------------------------------- */

TEST_F(removal, read_after)
{
	struct drained d;
	int i;

	remove_card(_metadata, self, variant);
	for (i = 0; i < NFDS; i++) {
		drain(self->fd[i], &d);
		check_records(_metadata, &d, fd_cfg[i].line, self->t_remove,
			      self->t_removed);
		/* ENODEV sticks */
		drain(self->fd[i], &d);
		EXPECT_EQ(0, d.n);
		EXPECT_EQ(ENODEV, d.err);
		/* whatever the buffer size */
		EXPECT_EQ(-1, read(self->fd[i], d.ev, 1));
		EXPECT_TRUE(errno == ENODEV || errno == EINVAL);
	}
}

TEST_F(removal, ioctl_enodev)
{
	struct tapi_line_devstatus st;
	struct tapi_line_devcaps dc;
	struct tapi_address_caps ac;
	struct tapi_card_info ci;
	struct tapi_features f;
	int i, c, fds;

	remove_card(_metadata, self, variant);
	fds = count_fds();
	for (i = 0; i < 2; i++) {
		c = i ? self->card_fd2 : self->card_fd;
		EXPECT_EQ(-ENODEV, tapi_features(c, &f));
		EXPECT_EQ(-ENODEV, tapi_card_info(c, &ci));
		EXPECT_EQ(-ENODEV, tapi_devcaps(c, 0, &dc));
		EXPECT_EQ(-ENODEV, tapi_addrcaps(c, 0, 0, &ac));
		EXPECT_EQ(-ENODEV, tapi_open_line(c, 0, TAPI_PRIV_NONE, 0, 0));
		EXPECT_EQ(-ENODEV, tapi_open_line(c, 1, TAPI_PRIV_OWNER,
						  TAPI_MEDIA_UNKNOWN, 0));
	}
	for (i = 0; i < NFDS; i++) {
		EXPECT_EQ(-ENODEV, tapi_features(self->fd[i], &f));
		EXPECT_EQ(-ENODEV, tapi_devstatus(self->fd[i], &st));
	}
	EXPECT_EQ(fds, count_fds());
}

TEST_F(removal, poll_after)
{
	struct epoll_event ee = { .events = EPOLLIN };
	struct pollfd pfd[NFDS + 2];
	struct drained d;
	int i, ep;

	remove_card(_metadata, self, variant);
	for (i = 0; i < NFDS; i++)
		pfd[i].fd = self->fd[i];
	pfd[NFDS].fd = self->card_fd;
	pfd[NFDS + 1].fd = self->card_fd2;
	for (i = 0; i < NFDS + 2; i++) {
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	EXPECT_EQ(NFDS + 2, poll(pfd, NFDS + 2, 0));
	for (i = 0; i < NFDS + 2; i++) {
		EXPECT_EQ(POLLHUP | POLLERR,
			  pfd[i].revents & (POLLHUP | POLLERR))
			TH_LOG("fd %d: revents %#x", i, pfd[i].revents);
	}
	/* line fds: the records are still there to read */
	for (i = 0; i < NFDS; i++) {
		EXPECT_EQ(POLLIN, pfd[i].revents & POLLIN);
	}

	/* still hung up once they are read */
	drain(self->fd[L_READ], &d);
	pfd[0].revents = 0;
	EXPECT_EQ(1, poll(pfd, 1, 1000));
	EXPECT_EQ(POLLHUP | POLLERR, pfd[0].revents & (POLLHUP | POLLERR));
	EXPECT_EQ(0, pfd[0].revents & POLLIN);

	ep = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_LE(0, ep);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, self->fd[L_READ], &ee));
	ASSERT_EQ(1, epoll_wait(ep, &ee, 1, 1000));
	EXPECT_EQ((uint32_t)(EPOLLHUP | EPOLLERR),
		  ee.events & (EPOLLHUP | EPOLLERR));
	close(ep);
}

TEST_F(removal, gone_from_system)
{
	struct stat st;

	remove_card(_metadata, self, variant);
	EXPECT_TRUE(sim_wait_path(self->sysfs_dir, false, 2000))
		TH_LOG("%s still there", self->sysfs_dir);
	if (!variant->rmdir) {
		char buf[32];

		ASSERT_LE(0, sim_card_get(&self->card, "dev_name", buf,
					  sizeof(buf)));
		EXPECT_STREQ("none", buf);
		/* the TSP was told every open line closed */
		EXPECT_EQ(0, sim_card_open_lines(&self->card));
	} else {
		EXPECT_EQ(-1, stat(self->card.dir, &st));
	}
}

/*
 * The card fds go first, before or after the removal: the line fds alone
 * must keep what they use alive (under KASAN a use-after-free shows here).
 */
static void line_fds_alone(struct __test_metadata *_metadata,
			   FIXTURE_DATA(removal) *self)
{
	struct tapi_line_devstatus st;
	struct tapi_features f;
	struct drained d;
	int i;

	for (i = 0; i < NFDS; i++) {
		EXPECT_EQ(-ENODEV, tapi_devstatus(self->fd[i], &st));
		EXPECT_EQ(-ENODEV, tapi_features(self->fd[i], &f));
		drain(self->fd[i], &d);
		check_records(_metadata, &d, fd_cfg[i].line, self->t_remove,
			      self->t_removed);
		EXPECT_EQ(0, close(self->fd[i]));
		self->fd[i] = -1;
	}
}

TEST_F(removal, card_fds_closed_first)
{
	remove_card(_metadata, self, variant);
	EXPECT_EQ(0, close(self->card_fd));
	EXPECT_EQ(0, close(self->card_fd2));
	self->card_fd = self->card_fd2 = -1;
	line_fds_alone(_metadata, self);
}

TEST_F(removal, card_fds_closed_before_removal)
{
	struct tapi_line_devstatus st;

	EXPECT_EQ(0, close(self->card_fd));
	EXPECT_EQ(0, close(self->card_fd2));
	self->card_fd = self->card_fd2 = -1;
	/* the line fds work without a card fd */
	EXPECT_EQ(0, tapi_devstatus(self->fd[L_READ], &st));
	EXPECT_EQ(2u, st.num_opens);
	remove_card(_metadata, self, variant);
	line_fds_alone(_metadata, self);
}

/* Closing works, and a card of the same name comes back, usable. */
TEST_F(removal, close_and_recreate)
{
	struct tapi_line_devstatus ds;
	struct tapi_card_info ci;
	int i, c, l;

	remove_card(_metadata, self, variant);
	for (i = 0; i < NFDS; i++) {
		EXPECT_EQ(0, close(self->fd[i]));
		self->fd[i] = -1;
	}
	EXPECT_EQ(0, close(self->card_fd));
	EXPECT_EQ(0, close(self->card_fd2));
	self->card_fd = self->card_fd2 = -1;

	if (variant->rmdir) {
		ASSERT_EQ(0, sim_card_new_named(&self->card,
						self->card.name));
		for (i = 0; i < NLINES; i++) {
			char num[16];

			sim_default_number(&self->card, i, num, sizeof(num));
			ASSERT_EQ(0, sim_line_add(&self->card, i, num));
		}
	}
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	c = sim_card_open(&self->card);
	ASSERT_LE(0, c);
	ASSERT_EQ(0, tapi_card_info(c, &ci));
	EXPECT_STREQ(self->card.name, ci.name);
	EXPECT_EQ((unsigned int)NLINES, ci.num_lines);
	l = tapi_open_line(c, 0, TAPI_PRIV_OWNER, TAPI_MEDIA_UNKNOWN, 0);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tapi_devstatus(l, &ds));
	EXPECT_EQ(1u, ds.num_opens);
	EXPECT_EQ(1, sim_card_open_lines(&self->card));
	close(l);
	close(c);
}

/*
 * The card comes back while the old fds are still open: they stay dead,
 * and do not count as opens of the new card.
 */
TEST_F(removal, old_fds_stay_dead)
{
	struct tapi_line_devstatus ds;
	struct tapi_card_info ci;
	struct drained d;
	int i, c, l;

	remove_card(_metadata, self, variant);
	if (variant->rmdir) {
		ASSERT_EQ(0, sim_card_new_named(&self->card,
						self->card.name));
		for (i = 0; i < NLINES; i++) {
			char num[16];

			sim_default_number(&self->card, i, num, sizeof(num));
			ASSERT_EQ(0, sim_line_add(&self->card, i, num));
		}
	}
	ASSERT_EQ(0, sim_card_live(&self->card, true));
	EXPECT_EQ(0, sim_card_open_lines(&self->card));
	c = sim_card_open(&self->card);
	ASSERT_LE(0, c);
	l = tapi_open_line(c, 0, TAPI_PRIV_NONE, 0, TAPI_LINE_OPEN_NONBLOCK);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, tapi_devstatus(l, &ds));
	EXPECT_EQ(1u, ds.num_opens);

	EXPECT_EQ(-ENODEV, tapi_card_info(self->card_fd, &ci));
	EXPECT_EQ(-ENODEV, tapi_devstatus(self->fd[L_READ], &ds));
	drain(self->fd[L_NB], &d);
	check_records(_metadata, &d, 0, self->t_remove, self->t_removed);
	/* the new card's fd does not see the old card's removal */
	drain(l, &d);
	EXPECT_EQ(0, d.n);
	EXPECT_EQ(EAGAIN, d.err);
	close(l);
	close(c);
}

int main(int argc, char **argv)
{
	sim_require("removal_test");
	return test_harness_run(argc, argv);
}
