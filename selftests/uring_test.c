// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring commands on tapi fds: what only the ring has (replies as
 * completions, TAPI_URING_READ_EVENTS, the command area), the same results
 * as the ioctls side by side, bad SQEs, and pending commands ending when
 * their fd is closed, their ring is torn down, their task is killed, their
 * call goes idle or their card is removed.  The rest of the command set
 * runs on both transports through the PROG@uring runs of the other tests.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liburing.h>

#include "calls.h"
#include "transport.h"
#include "harness.h"

#define T	3000	/* ms: longest wait for anything expected */
#define QUIET	300	/* ms: how long "nothing comes" is watched */
/* A pending command ends within the reaper's period, plus slack. */
#define REAP_WAIT (TAPI_URING_REAP_MS * 4 + 500)

/* Queue one command; nothing submitted yet.  Return: 0 or -errno. */
static int queue_cmd(struct io_uring *ring, int fd, unsigned int cmd_op,
		     void *arg, uint32_t len, uint32_t flags, uint64_t tag)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe)
		return -EBUSY;
	uring_prep_cmd(sqe, fd, cmd_op, arg, len, flags);
	sqe->user_data = tag;
	return 0;
}

static int submit_cmd(struct io_uring *ring, int fd, unsigned int cmd_op,
		      void *arg, uint32_t len, uint32_t flags, uint64_t tag)
{
	int ret = queue_cmd(ring, fd, cmd_op, arg, len, flags, tag);

	if (ret)
		return ret;
	ret = io_uring_submit(ring);
	return ret == 1 ? 0 : ret < 0 ? ret : -EIO;
}

/*
 * Reap one CQE within @ms.  Return: 1 with *res, *tag (and *extra, the
 * CQE32 word, when asked), 0 on timeout.
 */
static int reap(struct io_uring *ring, int ms, int *res, uint64_t *tag,
		uint64_t *extra)
{
	struct __kernel_timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (ms % 1000) * 1000000ll,
	};
	struct io_uring_cqe *cqe;
	int ret;

	do {
		ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	} while (ret == -EINTR);
	if (ret == -ETIME)
		return 0;
	if (ret)
		return ret;
	*res = cqe->res;
	if (tag)
		*tag = cqe->user_data;
	if (extra)
		*extra = cqe->big_cqe[0];
	io_uring_cqe_seen(ring, cqe);
	return 1;
}

/* The number of open fds of @line, as @fd (a line fd of the card) sees. */
static int line_opens(int card_fd, unsigned int line)
{
	struct tapi_line_devstatus st;
	int fd, ret;

	fd = tapi_open_line(card_fd, line, TAPI_PRIV_NONE, 0, 0);
	if (fd < 0)
		return fd;
	ret = tapi_devstatus(fd, &st);
	close(fd);
	return ret ? ret : (int)st.num_opens - 1;
}

/* Wait up to @ms for @line to have @n open fds.  Return: the last count. */
static int wait_opens(int card_fd, unsigned int line, int n, int ms)
{
	uint64_t end = now_ns() + ms * 1000000ull;
	int got;

	for (;;) {
		got = line_opens(card_fd, line);
		if (got == n || now_ns() > end)
			return got;
		usleep(20000);
	}
}

FIXTURE(ring)
{
	struct sim_card card;
	int card_fd;
	int a;		/* line 0: owner */
	int b;		/* line 1: owner and monitor */
	char num_b[TAPI_ADDRESS_LEN];
	struct io_uring ring;
	bool ring_up;
};

/* Bring the card up with a reply delay of @delay ms; open a and b. */
static int card_up(FIXTURE_DATA(ring) *self, const char *delay)
{
	int ret;

	ret = sim_card_set(&self->card, "reply_delay_ms", delay);
	if (!ret)
		ret = sim_card_live(&self->card, true);
	if (ret)
		return ret;
	self->card_fd = sim_card_open(&self->card);
	if (self->card_fd < 0)
		return self->card_fd;
	self->a = call_open_line(self->card_fd, 0, TAPI_PRIV_OWNER, EV_CALLS);
	if (self->a < 0)
		return self->a;
	self->b = call_open_line(self->card_fd, 1,
				 TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR, EV_CALLS);
	return self->b < 0 ? self->b : 0;
}

/* The card again, with the card's replies @delay ms late. */
static int card_slow(FIXTURE_DATA(ring) *self, const char *delay)
{
	close(self->a);
	close(self->b);
	close(self->card_fd);
	self->card_fd = self->a = self->b = -1;
	sim_card_live(&self->card, false);
	return card_up(self, delay);
}

FIXTURE_SETUP(ring)
{
	int ret;

	self->card_fd = self->a = self->b = -1;
	ret = sim_card_create(&self->card, "ring", 3);
	ASSERT_EQ(0, ret) TH_LOG("sim card: %s", strerror(-ret));
	ASSERT_EQ(0, card_up(self, "0"));
	sim_default_number(&self->card, 1, self->num_b, sizeof(self->num_b));
	ASSERT_EQ(0, io_uring_queue_init(16, &self->ring, 0));
	self->ring_up = true;
}

FIXTURE_TEARDOWN(ring)
{
	if (self->ring_up)
		io_uring_queue_exit(&self->ring);
	if (self->a >= 0)
		close(self->a);
	if (self->b >= 0)
		close(self->b);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

static void make_args(struct tapi_call_make *m, const char *dest,
		      uint32_t flags)
{
	memset(m, 0, sizeof(*m));
	m->size = sizeof(*m);
	m->flags = flags;
	snprintf(m->dest, sizeof(m->dest), "%s", dest);
}

TEST_F(ring, feature_reported)
{
	struct tapi_features f = { .size = sizeof(f) };
	int res;

	ASSERT_EQ(0, submit_cmd(&self->ring, self->a, TAPI_IOC_GET_FEATURES,
				&f, 0, 0, 1));
	ASSERT_EQ(1, reap(&self->ring, T, &res, NULL, NULL));
	EXPECT_EQ(0, res);
	EXPECT_EQ((uint32_t)TAPI_ABI_VERSION, f.abi_version);
	EXPECT_NE(0ull, f.features & TAPI_FEATURE_URING);
}

/*
 * One command, both ways, on the same fd: the ioctl's return and the
 * CQE's res must be the same.
 */
struct both_case {
	const char *what;
	int on_card;
	unsigned int cmd;
	uint32_t size;		/* 0: the structure's */
	uint32_t flags;
	uint32_t call;
	bool bad_pointer;
	int expect;
};

static const struct both_case both_cases[] = {
	{ "features", 0, TAPI_IOC_GET_FEATURES, 0, 0, 0, false, 0 },
	{ "short size", 0, TAPI_IOC_LINE_GET_DEVSTATUS, 4, 0, 0, false,
	  -EINVAL },
	{ "unknown flag", 0, TAPI_IOC_LINE_GET_DEVSTATUS, 0, 1u << 31, 0,
	  false, -EOPNOTSUPP },
	{ "long size, junk tail", 0, TAPI_IOC_CALL_GET_STATUS, 4096, 0, 1,
	  false, -E2BIG },
	{ "stale handle status", 0, TAPI_IOC_CALL_GET_STATUS, 0, 0, 999,
	  false, -ENOENT },
	{ "stale handle answer", 0, TAPI_IOC_CALL_ANSWER, 0, 0, 999, false,
	  -ENOENT },
	{ "stale handle drop, sync", 0, TAPI_IOC_CALL_DROP, 0,
	  TAPI_REQUEST_SYNC, 12345, false, -ENOENT },
	{ "handle 0 dealloc", 0, TAPI_IOC_CALL_DEALLOCATE, 0, 0, 0, false,
	  -ENOENT },
	{ "card command on a line fd", 0, TAPI_IOC_CARD_GET_INFO, 0, 0, 0,
	  false, -ENOTTY },
	{ "line command on a card fd", 1, TAPI_IOC_CALL_GET_STATUS, 0, 0, 1,
	  false, -ENOTTY },
	{ "unknown command", 0, _IO(TAPI_IOC_TYPE, 0x3f), 0, 0, 0, false,
	  -ENOTTY },
	{ "foreign command", 0, _IO('T', 1), 0, 0, 0, false, -ENOTTY },
	{ "unmapped argument", 0, TAPI_IOC_LINE_GET_DEVSTATUS, 0, 0, 0, true,
	  -EFAULT },
	{ "card info", 1, TAPI_IOC_CARD_GET_INFO, 0, 0, 0, false, 0 },
};

TEST_F(ring, same_results_as_ioctl)
{
	static union {
		struct tapi_call_status st;
		uint8_t bytes[4096];
	} buf_ioctl, buf_uring;
	const struct both_case *c;
	unsigned int i;
	int r_ioctl, r_uring;

	for (i = 0; i < ARRAY_SIZE(both_cases); i++) {
		int fd;
		void *a1, *a2;

		c = &both_cases[i];
		fd = c->on_card ? self->card_fd : self->a;
		memset(&buf_ioctl, 0, sizeof(buf_ioctl));
		buf_ioctl.st.size = c->size ?: sizeof(struct tapi_call_info);
		buf_ioctl.st.flags = c->flags;
		buf_ioctl.st.call = c->call;
		if (c->size == 4096)
			buf_ioctl.bytes[4000] = 1;
		buf_uring = buf_ioctl;
		a1 = c->bad_pointer ? (void *)8 : &buf_ioctl;
		a2 = c->bad_pointer ? (void *)8 : &buf_uring;

		r_ioctl = ioctl(fd, c->cmd, a1);
		if (r_ioctl < 0)
			r_ioctl = -errno;
		r_uring = uring_cmd_sync(fd, c->cmd, a2, 0,
					 c->flags & TAPI_REQUEST_SYNC ?
					 0 : TAPI_URING_REPLY_EVENT);
		EXPECT_EQ(c->expect, r_ioctl) TH_LOG("%s: ioctl", c->what);
		EXPECT_EQ(r_ioctl, r_uring) TH_LOG("%s: ioctl %d, io_uring %d",
						   c->what, r_ioctl, r_uring);
		if (!c->bad_pointer)
			EXPECT_EQ(0, memcmp(&buf_ioctl, &buf_uring,
					    sizeof(buf_ioctl)))
				TH_LOG("%s: structures differ", c->what);
	}
}

/* What is wrong in the SQE itself. */
TEST_F(ring, bad_sqes)
{
	struct tapi_line_devstatus st = { .size = sizeof(st) };
	struct tapi_call_request r = { .size = sizeof(r), .call = 1,
				       .flags = TAPI_REQUEST_SYNC };
	struct tapi_event evs[2];
	void *ro;

	EXPECT_EQ(-EINVAL, uring_cmd_sync(self->a, TAPI_IOC_LINE_GET_DEVSTATUS,
					  &st, 0, 1u << 7));
	EXPECT_EQ(-EINVAL, uring_cmd_sync(self->a, TAPI_IOC_LINE_GET_DEVSTATUS,
					  &st, sizeof(st), 0));
	EXPECT_EQ(-ENOTTY, uring_cmd_sync(self->a, 0, &st, 0, 0));
	EXPECT_EQ(-EINVAL, uring_cmd_sync(self->a, TAPI_URING_READ_EVENTS, evs,
					  sizeof(evs[0]) - 1, 0));
	EXPECT_EQ(-ENOTTY, uring_cmd_sync(self->card_fd,
					  TAPI_URING_READ_EVENTS, evs,
					  sizeof(evs), 0));
	EXPECT_EQ(-ENOTTY, ioctl(self->a, TAPI_URING_READ_EVENTS, evs) < 0 ?
			   -errno : 0);
	/* Both ways of getting the outcome at once: contradictory. */
	EXPECT_EQ(-EINVAL, uring_cmd_sync(self->a, TAPI_IOC_CALL_ANSWER, &r, 0,
					  TAPI_URING_REPLY_EVENT));
	/* Readable but not writable: the result cannot be written back. */
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	memcpy(ro, &st, sizeof(st));
	ASSERT_EQ(0, mprotect(ro, 4096, PROT_READ));
	EXPECT_EQ(-EFAULT, uring_cmd_sync(self->a,
					  TAPI_IOC_LINE_GET_DEVSTATUS, ro, 0, 0));
	munmap(ro, 4096);
	/* A polled ring: io_uring itself refuses, tapi has no iopoll. */
	{
		struct io_uring polled;
		int res;

		ASSERT_EQ(0, io_uring_queue_init(4, &polled,
						 IORING_SETUP_IOPOLL));
		ASSERT_EQ(0, submit_cmd(&polled, self->a,
					TAPI_IOC_LINE_GET_DEVSTATUS, &st, 0,
					0, 1));
		ASSERT_EQ(1, reap(&polled, T, &res, NULL, NULL));
		EXPECT_EQ(-EOPNOTSUPP, res);
		io_uring_queue_exit(&polled);
	}
	/* The fd still works. */
	EXPECT_EQ(0, uring_cmd_sync(self->a, TAPI_IOC_LINE_GET_DEVSTATUS, &st,
				    0, 0));
	EXPECT_EQ(1u, st.num_opens);
}

/* Make call a -> b; the CQE is the reply, and no reply event comes. */
TEST_F(ring, reply_is_the_completion)
{
	struct io_uring big;
	struct tapi_call_make m;
	struct tapi_event ev;
	uint64_t tag, extra;
	int res;

	/* A CQE32 ring also gets the request id. */
	ASSERT_EQ(0, io_uring_queue_init(4, &big, IORING_SETUP_CQE32));
	make_args(&m, self->num_b, 0);
	ASSERT_EQ(0, submit_cmd(&big, self->a, TAPI_IOC_CALL_MAKE, &m, 0, 0,
				42));
	ASSERT_EQ(1, reap(&big, T, &res, &tag, &extra));
	EXPECT_EQ(0, res);
	EXPECT_EQ(42u, tag);
	EXPECT_LT(0u, m.request_id);
	EXPECT_EQ(m.request_id, extra);
	EXPECT_NE(0u, m.call);
	io_uring_queue_exit(&big);

	/* b is offered the call; a hears progress, never a reply. */
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T));
	while (ev_read(self->a, &ev, QUIET) == 1)
		EXPECT_NE((uint32_t)TAPI_EV_REPLY, ev.type) TH_LOG("a got a reply event");
	EXPECT_LE(0, call_state(self->a, m.call));
}

/* With TAPI_URING_REPLY_EVENT: the id at once, the outcome as an event. */
TEST_F(ring, reply_as_event)
{
	struct tapi_call_make m;
	struct tapi_event ev;
	int res;

	make_args(&m, self->num_b, 0);
	ASSERT_EQ(0, submit_cmd(&self->ring, self->a, TAPI_IOC_CALL_MAKE, &m,
				0, TAPI_URING_REPLY_EVENT, 1));
	ASSERT_EQ(1, reap(&self->ring, T, &res, NULL, NULL));
	EXPECT_LT(0, res);
	EXPECT_EQ((uint32_t)res, m.request_id);
	ASSERT_EQ(1, ev_wait(self->a, TAPI_EV_REPLY, 0, &ev, T));
	EXPECT_EQ(m.request_id, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
}

/* READ_EVENTS waits for a record, then returns what read() would. */
TEST_F(ring, read_events)
{
	struct tapi_event evs[8];
	uint32_t last = 0;
	int res, i, n;

	ev_drain(self->b);
	memset(evs, 0, sizeof(evs));
	ASSERT_EQ(0, submit_cmd(&self->ring, self->b, TAPI_URING_READ_EVENTS,
				evs, sizeof(evs), 0, 7));
	/* Nothing queued: it stays pending. */
	EXPECT_EQ(0, reap(&self->ring, QUIET, &res, NULL, NULL));
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 5551234"));
	ASSERT_EQ(1, reap(&self->ring, T, &res, NULL, NULL));
	ASSERT_LT(0, res);
	EXPECT_EQ(0, res % (int)sizeof(evs[0]));
	n = res / sizeof(evs[0]);
	for (i = 0; i < n; i++) {
		EXPECT_LT(last, evs[i].seqno);
		last = evs[i].seqno;
		EXPECT_EQ(1u, evs[i].line);
	}
	EXPECT_EQ((uint32_t)TAPI_EV_NEWCALL, evs[0].type);

	/* Records already queued: it completes at once, one record fits. */
	ASSERT_EQ(0, sim_network(&self->card, 1, "hangup busy"));
	usleep(QUIET * 1000);
	ASSERT_EQ(0, submit_cmd(&self->ring, self->b, TAPI_URING_READ_EVENTS,
				evs, sizeof(evs[0]), 0, 8));
	ASSERT_EQ(1, reap(&self->ring, T, &res, NULL, NULL));
	EXPECT_EQ((int)sizeof(evs[0]), res);
	EXPECT_LT(last, evs[0].seqno);
}

/* Many commands, one submission, every one answered. */
TEST_F(ring, batch)
{
	struct tapi_line_devstatus st[8];
	struct tapi_call_make m;
	struct tapi_event evs[4];
	unsigned int seen = 0;
	uint64_t tag;
	int i, res;

	for (i = 0; i < 8; i++) {
		memset(&st[i], 0, sizeof(st[i]));
		st[i].size = sizeof(st[i]);
		ASSERT_EQ(0, queue_cmd(&self->ring, self->a,
				       TAPI_IOC_LINE_GET_DEVSTATUS, &st[i], 0,
				       0, i));
	}
	ev_drain(self->b);
	ASSERT_EQ(0, queue_cmd(&self->ring, self->b, TAPI_URING_READ_EVENTS,
			       evs, sizeof(evs), 0, 8));
	make_args(&m, self->num_b, 0);
	ASSERT_EQ(0, queue_cmd(&self->ring, self->a, TAPI_IOC_CALL_MAKE, &m, 0,
			       0, 9));
	ASSERT_EQ(10, io_uring_submit(&self->ring));
	for (i = 0; i < 10; i++) {
		ASSERT_EQ(1, reap(&self->ring, T, &res, &tag, NULL));
		ASSERT_GT(10u, tag);
		EXPECT_LE(0, res) TH_LOG("command %llu: %d",
					 (unsigned long long)tag, res);
		seen |= 1u << tag;
	}
	EXPECT_EQ(0x3ffu, seen);
	EXPECT_EQ(1u, st[7].num_opens);
}

/* A pending command of a process that closes the fd ends at once. */
TEST_F(ring, fd_closed_cancels)
{
	struct tapi_call_make m;
	struct tapi_event evs[4];
	int fd, res, n = 0;
	uint64_t tag;

	ASSERT_EQ(0, card_slow(self, "5000"));
	fd = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, fd);
	ev_drain(fd);
	make_args(&m, self->num_b, 0);
	ASSERT_EQ(0, queue_cmd(&self->ring, fd, TAPI_URING_READ_EVENTS, evs,
			       sizeof(evs), 0, 1));
	ASSERT_EQ(0, queue_cmd(&self->ring, fd, TAPI_IOC_CALL_MAKE, &m, 0, 0,
			       2));
	ASSERT_EQ(2, io_uring_submit(&self->ring));
	EXPECT_EQ(0, reap(&self->ring, QUIET, &res, NULL, NULL));
	close(fd);
	while (n < 2 && reap(&self->ring, REAP_WAIT, &res, &tag, NULL) == 1) {
		EXPECT_EQ(-ECANCELED, res) TH_LOG("command %llu",
						  (unsigned long long)tag);
		n++;
	}
	EXPECT_EQ(2, n);
	EXPECT_EQ(0, wait_opens(self->card_fd, 2, 0, REAP_WAIT));
}

/*
 * The ring torn down mid-request: the command is cancelled, the request
 * goes on and its outcome comes as a reply event; nothing keeps the fd.
 */
TEST_F(ring, ring_closed_mid_request)
{
	struct tapi_call_make m;
	struct tapi_event evs[4], ev;
	int fd;

	ASSERT_EQ(0, card_slow(self, "1000"));
	fd = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, fd);
	make_args(&m, self->num_b, 0);
	ASSERT_EQ(0, queue_cmd(&self->ring, fd, TAPI_IOC_CALL_MAKE, &m, 0, 0,
			       1));
	ASSERT_EQ(0, queue_cmd(&self->ring, self->b, TAPI_URING_READ_EVENTS,
			       evs, sizeof(evs), 0, 2));
	ASSERT_EQ(2, io_uring_submit(&self->ring));
	io_uring_queue_exit(&self->ring);
	self->ring_up = false;

	ASSERT_EQ(1, ev_wait(fd, TAPI_EV_REPLY, 0, &ev, T));
	EXPECT_EQ(m.request_id, ev.request_id);
	EXPECT_EQ(0, (int32_t)ev.param[0]);
	close(fd);
	EXPECT_EQ(0, wait_opens(self->card_fd, 2, 0, REAP_WAIT));
}

/*
 * A process closes its ring with a read pending and lives on: the read is
 * cancelled, so it no longer takes the records read() should get.
 */
TEST_F(ring, ring_closed_process_alive)
{
	struct tapi_event evs[4], ev;
	int fd;

	fd = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
	ASSERT_LE(0, fd);
	ev_drain(fd);
	ASSERT_EQ(0, submit_cmd(&self->ring, fd, TAPI_URING_READ_EVENTS, evs,
				sizeof(evs), 0, 1));
	io_uring_queue_exit(&self->ring);
	self->ring_up = false;
	usleep(REAP_WAIT * 1000);
	ASSERT_EQ(0, sim_network(&self->card, 2, "offer 4002"));
	ASSERT_EQ(1, ev_wait(fd, TAPI_EV_NEWCALL, 0, &ev, T));
	close(fd);
	EXPECT_EQ(0, wait_opens(self->card_fd, 2, 0, REAP_WAIT));
}

/*
 * A child opens line 2, queues a read and a make call on a ring made with
 * @ring_flags (the card replies 5 s late, so both stay pending), and is
 * killed: it must go at once, and so must its line fd.
 */
static void kill_with_pending(struct __test_metadata *_metadata,
			      FIXTURE_DATA(ring) *self, unsigned int ring_flags)
{
	int ready[2], status, fd;
	uint64_t t0;
	pid_t pid;
	char c;

	ASSERT_EQ(0, card_slow(self, "5000"));
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct tapi_event evs[4];
		struct tapi_call_make m;
		struct io_uring r;

		fd = call_open_line(self->card_fd, 2, TAPI_PRIV_OWNER, EV_CALLS);
		if (fd < 0 || io_uring_queue_init(4, &r, ring_flags))
			_exit(1);
		ev_drain(fd);
		make_args(&m, self->num_b, 0);
		if (queue_cmd(&r, fd, TAPI_URING_READ_EVENTS, evs,
			      sizeof(evs), 0, 1) ||
		    queue_cmd(&r, fd, TAPI_IOC_CALL_MAKE, &m, 0, 0, 2) ||
		    io_uring_submit(&r) != 2)
			_exit(1);
		/* An SQ thread takes them in its own time: see them in. */
		for (int ms = 0; !m.request_id; ms++) {
			if (ms == T)
				_exit(1);
			usleep(1000);
		}
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	ASSERT_EQ(1, read(ready[0], &c, 1));
	EXPECT_EQ(1, line_opens(self->card_fd, 2));
	t0 = now_ns();
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_GT(2000000000ull, now_ns() - t0);
	EXPECT_EQ(0, wait_opens(self->card_fd, 2, 0, REAP_WAIT));
	close(ready[0]);
	close(ready[1]);
}

/* kill -9 with commands pending: the process goes at once, and the fd. */
TEST_F(ring, killed_with_commands_pending)
{
	kill_with_pending(_metadata, self, 0);
}

/* The same when a kernel thread polls the ring (IORING_SETUP_SQPOLL). */
TEST_F(ring, killed_with_commands_pending_sqpoll)
{
	kill_with_pending(_metadata, self, IORING_SETUP_SQPOLL);
}

/* A registered (fixed) file works as the line fd. */
TEST_F(ring, fixed_file)
{
	struct io_uring_sqe *sqe;
	struct tapi_call_make m;
	struct tapi_event ev;
	int res;

	ASSERT_EQ(0, io_uring_register_files(&self->ring, &self->a, 1));
	make_args(&m, self->num_b, 0);
	sqe = io_uring_get_sqe(&self->ring);
	ASSERT_NE(NULL, sqe);
	uring_prep_cmd(sqe, 0, TAPI_IOC_CALL_MAKE, &m, 0, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	ASSERT_EQ(1, io_uring_submit(&self->ring));
	ASSERT_EQ(1, reap(&self->ring, T, &res, NULL, NULL));
	EXPECT_EQ(0, res);
	EXPECT_NE(0u, m.call);
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T));
	EXPECT_EQ(0, io_uring_unregister_files(&self->ring));
}

/*
 * An SQPOLL ring: its kernel thread issues the commands, with no
 * io_uring_enter() to submit; replies and events come as on any ring.
 */
TEST_F(ring, sqpoll_ring)
{
	struct io_uring_params p = {
		.flags = IORING_SETUP_SQPOLL,
		.sq_thread_idle = 50,
	};
	struct tapi_event evs[8];
	struct tapi_call_make m;
	struct io_uring sq;
	int res, i, got = 0, newcall = 0;
	uint64_t tag;

	ASSERT_EQ(0, io_uring_queue_init_params(8, &sq, &p));
	ev_drain(self->b);
	make_args(&m, self->num_b, 0);
	ASSERT_EQ(0, queue_cmd(&sq, self->b, TAPI_URING_READ_EVENTS, evs,
			       sizeof(evs), 0, 1));
	ASSERT_EQ(0, queue_cmd(&sq, self->a, TAPI_IOC_CALL_MAKE, &m, 0, 0, 2));
	ASSERT_EQ(2, io_uring_submit(&sq));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(1, reap(&sq, T, &res, &tag, NULL));
		got |= 1 << tag;
		if (tag == 2) {
			EXPECT_EQ(0, res);
			continue;
		}
		ASSERT_LT(0, res);
		for (int k = 0; k < res / (int)sizeof(evs[0]); k++)
			newcall |= evs[k].type == TAPI_EV_NEWCALL;
	}
	EXPECT_EQ(6, got);
	EXPECT_TRUE(newcall);
	EXPECT_NE(0u, m.call);

	/* A read left pending when the ring goes: cancelled, fd let go. */
	ev_drain(self->b);
	ASSERT_EQ(0, submit_cmd(&sq, self->b, TAPI_URING_READ_EVENTS, evs,
				sizeof(evs), 0, 3));
	usleep(QUIET * 1000);
	io_uring_queue_exit(&sq);
	close(self->b);
	self->b = -1;
	EXPECT_EQ(0, wait_opens(self->card_fd, 1, 0, REAP_WAIT));
}

/* The card goes with a request and a read pending. */
TEST_F(ring, card_removed_with_commands_pending)
{
	struct tapi_event evs[8];
	struct tapi_call_make m;
	int res, got_make = 0, got_read = 0, i;
	uint64_t tag;

	ASSERT_EQ(0, card_slow(self, "5000"));
	make_args(&m, self->num_b, 0);
	ev_drain(self->a);
	ASSERT_EQ(0, submit_cmd(&self->ring, self->a, TAPI_IOC_CALL_MAKE, &m,
				0, 0, 1));
	ASSERT_EQ(0, reap(&self->ring, QUIET, &res, NULL, NULL));
	ev_drain(self->a);
	ASSERT_EQ(0, submit_cmd(&self->ring, self->a, TAPI_URING_READ_EVENTS,
				evs, sizeof(evs), 0, 2));
	ASSERT_EQ(0, sim_card_live(&self->card, false));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(1, reap(&self->ring, T, &res, &tag, NULL));
		if (tag == 1) {
			EXPECT_EQ(-ENODEV, res);
			got_make++;
		} else {
			/* The records up to REMOVED, then nothing more. */
			ASSERT_LT(0, res);
			EXPECT_EQ((uint32_t)TAPI_EV_REMOVED,
				  evs[res / sizeof(evs[0]) - 1].type);
			got_read++;
		}
	}
	EXPECT_EQ(1, got_make);
	EXPECT_EQ(1, got_read);
	EXPECT_EQ(-ENODEV, uring_cmd_sync(self->a, TAPI_URING_READ_EVENTS, evs,
					  sizeof(evs), 0));
	EXPECT_EQ(-ENODEV, uring_cmd_sync(self->a, TAPI_IOC_LINE_GET_DEVSTATUS,
					  &m, 0, 0));
}

/* A request pending while its call goes idle completes -ECANCELED. */
TEST_F(ring, call_idle_cancels_request)
{
	struct tapi_call_request r = { .size = sizeof(r) };
	struct tapi_event ev;
	int res;

	ASSERT_EQ(0, card_slow(self, "2000"));
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 4000"));
	ASSERT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T));
	r.call = ev.call;
	ASSERT_EQ(0, submit_cmd(&self->ring, self->b, TAPI_IOC_CALL_ANSWER, &r,
				0, 0, 1));
	ASSERT_EQ(0, reap(&self->ring, QUIET, &res, NULL, NULL));
	ASSERT_EQ(0, sim_network(&self->card, 1, "state idle"));
	ASSERT_EQ(1, reap(&self->ring, T, &res, NULL, NULL));
	EXPECT_EQ(-ECANCELED, res);
	EXPECT_EQ(0, call_dealloc(self->b, r.call));
}

/* Commands on an fd another process opened, from a ring of its own. */
TEST_F(ring, ring_in_another_process)
{
	struct tapi_event ev;
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct tapi_call_make m;
		struct io_uring r;
		int res;

		make_args(&m, self->num_b, 0);
		if (io_uring_queue_init(4, &r, 0) ||
		    submit_cmd(&r, self->a, TAPI_IOC_CALL_MAKE, &m, 0, 0, 1) ||
		    reap(&r, T, &res, NULL, NULL) != 1)
			_exit(2);
		_exit(res == 0 && m.call ? 0 : 3);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* The call is the fd's: it is offered to b and a has its handle. */
	EXPECT_EQ(1, ev_wait(self->b, TAPI_EV_NEWCALL, 0, &ev, T));
}

struct reader {
	int fd;
	int res;
	struct tapi_event evs[4];
};

static void *thread_reader(void *arg)
{
	struct reader *rd = arg;
	struct io_uring r;

	rd->res = -EIO;
	if (io_uring_queue_init(4, &r, 0))
		return NULL;
	if (!submit_cmd(&r, rd->fd, TAPI_URING_READ_EVENTS, rd->evs,
			sizeof(rd->evs), 0, 1))
		reap(&r, T, &rd->res, NULL, NULL);
	io_uring_queue_exit(&r);
	return NULL;
}

/* A thread waits for events on the main thread's fd. */
TEST_F(ring, ring_in_another_thread)
{
	struct reader rd = { .fd = self->b };
	pthread_t th;

	ev_drain(self->b);
	ASSERT_EQ(0, pthread_create(&th, NULL, thread_reader, &rd));
	usleep(100000);
	ASSERT_EQ(0, sim_network(&self->card, 1, "offer 4001"));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_LT(0, rd.res);
	EXPECT_EQ((uint32_t)TAPI_EV_NEWCALL, rd.evs[0].type);
}

TEST_HARNESS_MAIN
