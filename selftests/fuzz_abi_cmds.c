// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_abi: one operation at a time, issued and checked.  A command goes
 * through ioctl(2) or io_uring with its argument in the arena (read-write
 * pages, a guard page, a read-only page and a hole) or an io_uring slot;
 * its result is checked against the errno sets the ABI documents; what it
 * gave (fds, call handles) is taken.  Event records, poll(), media fds and
 * their rings too.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "fuzz_abi.h"
#include "transport.h"

/* ---- recording --------------------------------------------------------- */

static const char *const what_names[] = {
	"ioctl", "uring", "uring done", "read", "poll", "mmap", "munmap",
	"mprotect", "ring poke", "media read", "media write", "close", "open",
	"fork", "card down", "card up", "network", "ring exit", "genl",
};

static const char *const ptr_names[] = {
	"ok", "guard", "null", "unmapped", "ro", "kernel", "noncanon",
};

static const char *const kind_names[] = {
	"free", "card", "line", "media", "other",
};

struct fz_rec *rec_begin(enum fz_what what)
{
	uint32_t i = __atomic_fetch_add(&sh->last_idx, 1, __ATOMIC_RELAXED);
	struct fz_rec *r = &sh->last[i % FZ_LAST];

	memset(r, 0, sizeof(*r));
	r->seq = ++fz.seq;
	r->pid = fz.pid;
	r->what = what;
	r->fd = -1;
	/* A completion is the end of an operation already counted. */
	if (what != W_URING_DONE)
		__atomic_fetch_add(&sh->ops, 1, __ATOMIC_RELAXED);
	return r;
}

int rec_format(const struct fz_rec *r, char *buf, size_t len)
{
	return snprintf(buf, len,
			"#%" PRIu64 " pid %d %s %s fd %d (%s%s) ptr %s size %u flags %#x call %u uflags %#x ulen %u -> %" PRId64 "%s%s",
			r->seq, r->pid, what_names[r->what],
			r->what == W_IOCTL || r->what == W_URING ||
			r->what == W_URING_DONE ? cmd_name(r->cmd) : "",
			r->fd, kind_names[r->kind], r->dead ? ", card gone" : "",
			ptr_names[r->ptr], r->size, r->flags, r->call,
			r->uflags, r->ulen, r->result,
			r->done && r->result < 0 ? " " : "",
			r->done && r->result < 0 && -r->result < FZ_ERRNO_MAX ?
			strerrorname_np((int)-r->result) ?: "?" : "");
}

void rec_end(struct fz_rec *r, int64_t result)
{
	char buf[FZ_MSG];

	r->result = result;
	r->done = 1;
	if (fz.verbose) {
		rec_format(r, buf, sizeof(buf));
		fprintf(stderr, "%s\n", buf);
	}
}

void stat_count(unsigned int row, bool uring, int err)
{
	if (err < 0 || err >= FZ_ERRNO_MAX)
		err = FZ_ERRNO_MAX - 1;
	__atomic_fetch_add(&sh->count[row][uring][err], 1, __ATOMIC_RELAXED);
}

/* A result that is not what the ABI documents: record it, go on. */
void violation(const struct fz_rec *r, const char *fmt, ...)
{
	char why[96], op[FZ_MSG];
	uint32_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	__atomic_fetch_add(&sh->violations, 1, __ATOMIC_RELAXED);
	n = __atomic_fetch_add(&sh->nfails, 1, __ATOMIC_RELAXED);
	if (r)
		rec_format(r, op, sizeof(op));
	else
		op[0] = '\0';
	if (n < FZ_FAILS)
		snprintf(sh->fails[n], FZ_MSG, "%s: %s", why, op);
	if (n < 50)
		fprintf(stderr, "fuzz_abi: %s: %s\n", why, op);
}

/* ---- the errno sets the ABI documents ---------------------------------- */

/* Every command (Documentation/uapi.rst, "Errors"). */
static const int errs_cmd[] = {
	EFAULT, EINVAL, E2BIG, EOPNOTSUPP, ENOTTY, ENOENT, ENODEV, EPERM,
	EBADFD, EBUSY, EINTR, ESRCH, ENOSPC, ENXIO, ENOMEM, EAGAIN,
};

static bool in_set(int err, const int *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == err)
			return true;
	return false;
}

/*
 * The one errno the documented order of checks leaves, or 0 when several
 * are possible: ENOTTY (not a command for this fd), ENODEV (card gone),
 * then reading the argument: EFAULT, EINVAL (size), E2BIG.
 */
static int expected_errno(const struct fz_call *c)
{
	bool line_cmd = c->cmd && (c->cmd->on & ON_LINE);
	bool card_cmd = c->cmd && (c->cmd->on & ON_CARD);

	if (c->stale || c->kind == K_OTHER)
		return 0;
	if (c->kind == K_MEDIA)
		return c->uring ? EOPNOTSUPP : ENOTTY;
	if (c->uring) {
		if (c->uflags & ~TAPI_URING_VALID)
			return EINVAL;
		if (c->nr == TAPI_URING_READ_EVENTS) {
			if (c->kind == K_CARD)
				return ENOTTY;
			return c->ulen < sizeof(struct tapi_event) ? EINVAL : 0;
		}
		if (c->ulen)
			return EINVAL;
	}
	if (!c->cmd || (c->kind == K_CARD && !card_cmd) ||
	    (c->kind == K_LINE && !line_cmd))
		return ENOTTY;
	if (c->dead)
		return ENODEV;
	switch (c->ptr) {
	case P_NULL:
	case P_UNMAPPED:
	case P_KERNEL:
	case P_NONCANON:
		return EFAULT;
	case P_GUARD:
		if (c->guard_at < 4)
			return EFAULT;
		break;
	default:
		break;
	}
	if (c->usize < c->cmd->min_size)
		return EINVAL;
	if (c->ptr == P_GUARD)
		return EFAULT;
	if (c->usize > c->cmd->size && c->readable)
		return c->tail_nonzero ? E2BIG : 0;
	if (c->usize > c->cmd->size && !c->readable && c->ptr == P_OK)
		return c->tail_nonzero ? E2BIG : EFAULT;
	return 0;
}

/* Check one command's result (0 or positive, or -errno). */
static void check_cmd(const struct fz_call *c, struct fz_rec *r, long ret,
		      bool outcome)
{
	int err = ret < 0 ? (int)-ret : 0;
	int want;

	stat_count(c->cmd ? c->cmd->nr : c->nr == TAPI_URING_READ_EVENTS ?
	      ROW_READ_EVENTS : ROW_BAD_CMD, c->uring, err);
	want = expected_errno(c);
	if (want) {
		/* ENOMEM may always come; in a child the card may have gone. */
		if (err != want && err != ENOMEM &&
		    !(fz.child && err == ENODEV))
			violation(r, "expected %s", strerrorname_np(want));
		return;
	}
	if (!err)
		return;
	if (in_set(err, errs_cmd, ARRAY_SIZE(errs_cmd)))
		return;
	/* No fd to spare for a new line fd. */
	if (c->cmd && c->cmd->nr == _IOC_NR(TAPI_IOC_LINE_OPEN) &&
	    (err == EMFILE || err == ENFILE))
		return;
	/* A request that went on: cancelled when its call went idle. */
	if ((outcome || c->sync) && err == ECANCELED)
		return;
	/* A pending uring command cancelled (fd closed, ring torn down). */
	if (c->uring && err == ECANCELED)
		return;
	/* A number the fuzzer does not hold (closed, or never opened). */
	if (c->stale && (err == EBADF || err == EOPNOTSUPP))
		return;
	violation(r, "undocumented errno %s", strerrorname_np(err) ?: "?");
}

void fd_close(struct fz_fd *f)
{
	struct fz_rec *r = rec_begin(W_CLOSE);
	int ret;

	r->fd = f->fd;
	r->kind = f->kind;
	r->dead = f->kind != K_OTHER && fd_dead(f);
	ret = close(f->fd);
	rec_end(r, ret ? -errno : 0);
	if (ret)
		violation(r, "close failed");
	__atomic_fetch_add(&sh->closes, 1, __ATOMIC_RELAXED);
	stale_fd(f->fd);
	f->kind = K_FREE;
	f->fd = -1;
}

/* ---- the argument arena ------------------------------------------------ */

int arena_init(void)
{
	uint8_t *p;

	p = mmap(NULL, 5 * FZ_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	fz.rw = p;
	fz.guard = p + 2 * FZ_PAGE;
	fz.ro = p + 3 * FZ_PAGE;
	fz.hole = p + 4 * FZ_PAGE;
	if (mprotect(fz.guard, FZ_PAGE, PROT_NONE) ||
	    mprotect(fz.ro, FZ_PAGE, PROT_READ) || munmap(fz.hole, FZ_PAGE))
		return -errno;
	p = mmap(NULL, FZ_SLOTS * FZ_SLOT_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	fz.slot_mem = p;
	return 0;
}

/* An address nothing is mapped at: the hole, unless something took it. */
static void *unmapped_addr(void)
{
	unsigned char vec;

	if (mincore(fz.hole, FZ_PAGE, &vec) && errno == ENOMEM)
		return fz.hole;
	return (void *)0x1000;	/* below mmap_min_addr */
}

static void *bad_ptr(enum fz_ptr p)
{
	switch (p) {
	case P_UNMAPPED:
		return unmapped_addr();
	case P_KERNEL:
		return (void *)(uintptr_t)(one_in(2) ? 0xffff888000000000ull :
					   0xffffffff81000000ull);
	case P_NONCANON:
		return (void *)(uintptr_t)(one_in(2) ? 0x8000000000000000ull :
					   0x0000800000000000ull);
	default:
		return NULL;
	}
}

/* Put @len bytes of @src in the read-only page, the rest of it zero. */
static void ro_fill(const void *src, size_t len)
{
	mprotect(fz.ro, FZ_PAGE, PROT_READ | PROT_WRITE);
	memset(fz.ro, 0, FZ_PAGE);
	memcpy(fz.ro, src, MIN(len, FZ_PAGE));
	mprotect(fz.ro, FZ_PAGE, PROT_READ);
}

static enum fz_ptr ptr_pick(bool uring)
{
	unsigned int r = rnd(100);

	if (r < 3)
		return P_NULL;
	if (r < 6)
		return P_UNMAPPED;
	if (r < 9)
		return P_RO;
	if (r < 11)
		return P_KERNEL;
	if (r < 12)
		return P_NONCANON;
	if (r < 15 && !uring)
		return P_GUARD;
	return P_OK;
}

/* ---- one command --------------------------------------------------------- */

/* Size, flags, reserved and pointer: mostly right, sometimes not. */
static void issue_mutate(struct fz_issue *is, uint32_t max_tail)
{
	const struct fz_cmd *cmd = is->c.cmd;
	uint32_t size = cmd ? cmd->size : 64, min = cmd ? cmd->min_size : 8;
	uint32_t *head = (uint32_t *)is->arg;
	unsigned int r = rnd(40);

	is->c.usize = size;
	if (r == 0)
		is->c.usize = rnd(min);
	else if (r == 1)
		is->c.usize = min - 1;
	else if (r == 2 && !is->c.uring)
		is->c.usize = one_in(2) ? 0xffffffffu : size + FZ_PAGE * 3;
	else if (r < 6)
		is->c.usize = MIN(size + 8 * (1 + rnd(8)), max_tail);
	else if (r < 9) {
		is->c.usize = MIN(size + 8 * (1 + rnd(8)), max_tail);
		if (is->c.usize > size) {
			is->arg[size + rnd(is->c.usize - size)] =
				(uint8_t)(1 + rnd(255));
			is->c.tail_nonzero = true;
		}
	} else if (r < 13)
		is->c.usize = min;
	is->tail_len = is->c.usize > size ? MIN(is->c.usize, max_tail) - size :
		0;
	head[0] = is->c.usize;
	if (!cmd)
		head[1] = (uint32_t)rnd64();
	is->c.ptr = ptr_pick(is->c.uring);
}

/* Is the structure's flags field asking for TAPI_REQUEST_SYNC. */
static bool issue_sync(const struct fz_issue *is)
{
	const uint32_t *head = (const uint32_t *)is->arg;

	return is->c.cmd && (is->c.cmd->kind & C_ASYNC) &&
	       (head[1] & TAPI_REQUEST_SYNC);
}

/*
 * adopt_fd - track an fd a command made on F's card, of generation F's; an
 * fd made for an F since closed (a uring_cmd reaped late) is closed.
 */
static struct fz_fd *adopt_fd(const struct fz_fd *f, int fd,
			      enum fz_kind kind)
{
	struct fz_fd *n;

	if (!f || fd < 0) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	n = fd_new(fd, kind, f->card);
	if (n)
		n->gen = f->gen;
	return n;
}

static void post_success(struct fz_fd *f, const struct fz_cmd *cmd,
			 void *arg, const uint8_t *inner, uint32_t inner_len);

static bool makes_fd(const struct fz_cmd *cmd)
{
	return cmd->nr == _IOC_NR(TAPI_IOC_LINE_OPEN) ||
	       cmd->nr == _IOC_NR(TAPI_IOC_CALL_MEDIA_OPEN);
}

/* Where an asynchronous command's structure has its request_id. */
static size_t request_id_offset(unsigned int nr)
{
#define RID(_ioc, _struct) \
	case _IOC_NR(TAPI_IOC_##_ioc): \
		return offsetof(struct _struct, request_id)

	switch (nr) {
	RID(CALL_MAKE, tapi_call_make);
	RID(CALL_DIAL, tapi_call_dial);
	RID(CALL_BLIND_TRANSFER, tapi_call_dial);
	RID(CALL_REDIRECT, tapi_call_dial);
	RID(CALL_ANSWER, tapi_call_request);
	RID(CALL_ACCEPT, tapi_call_request);
	RID(CALL_DROP, tapi_call_request);
	RID(CALL_HOLD, tapi_call_request);
	RID(CALL_UNHOLD, tapi_call_request);
	RID(CALL_REMOVE_FROM_CONF, tapi_call_request);
	RID(CALL_SECURE, tapi_call_request);
	RID(CALL_SWAP_HOLD, tapi_call_pair);
	RID(CALL_ADD_TO_CONF, tapi_call_pair);
	RID(CALL_SETUP_TRANSFER, tapi_call_consult);
	RID(CALL_PREPARE_ADD_CONF, tapi_call_consult);
	RID(CALL_COMPLETE_TRANSFER, tapi_call_complete_transfer);
	RID(CALL_SETUP_CONF, tapi_call_setup_conf);
	RID(LINE_PICKUP, tapi_line_pickup);
	RID(LINE_UNPARK, tapi_line_pickup);
	RID(CALL_PARK, tapi_call_park);
	RID(LINE_FORWARD, tapi_line_forward);
	RID(CALL_SEND_USER_USER, tapi_call_user_user);
	RID(CALL_COMPLETE, tapi_call_completion);
	RID(LINE_UNCOMPLETE, tapi_line_uncomplete);
	default:
		return 0;
	}
#undef RID
}

/* Check what a successful command returned. */
static void check_success(const struct fz_issue *is, struct fz_rec *r,
			  long ret)
{
	const struct fz_cmd *cmd = is->c.cmd;
	const uint32_t *w = (const uint32_t *)is->arg;
	bool async = cmd && (cmd->kind & C_ASYNC);

	if (is->c.stale || !cmd)
		return;
	if (async && !is->c.sync && !is->c.uring) {
		if (ret <= 0)
			violation(r, "request id %ld", ret);
	} else if (async && is->c.uring &&
		   (is->c.uflags & TAPI_URING_REPLY_EVENT)) {
		if (ret <= 0)
			violation(r, "request id %ld", ret);
	} else if (ret != 0) {
		violation(r, "returned %ld", ret);
	}
	/* The request id written back is the one returned. */
	if (async && ret > 0 && is->c.ptr == P_OK) {
		size_t off = request_id_offset(cmd->nr);

		if (off && w[off / 4] != (uint32_t)ret)
			violation(r, "request_id %u written back, %ld returned",
				  w[off / 4], ret);
	}
}

/* What a record says of the command being issued. */
static void rec_issue(struct fz_rec *r, const struct fz_issue *is)
{
	r->fd = is->fd;
	r->kind = is->c.kind;
	r->dead = is->c.dead;
	r->ptr = is->c.ptr;
	r->size = is->c.usize;
	r->flags = ((const uint32_t *)is->arg)[1];
	r->call = ((const uint32_t *)is->arg)[2];
}

long issue_ioctl(struct fz_issue *is)
{
	const struct fz_cmd *cmd = is->c.cmd;
	uint32_t size = cmd ? cmd->size : 64;
	uint32_t span = size + is->tail_len;
	struct fz_rec *r = rec_begin(W_IOCTL);
	uint8_t *dst = NULL;
	long ret;

	r->cmd = cmd ? cmd->nr : 0xffff;
	rec_issue(r, is);
	is->c.sync = issue_sync(is);

	switch (is->c.ptr) {
	case P_OK:
		dst = fz.rw;
		memcpy(dst, is->arg, span);
		is->c.readable = is->c.usize <= 2 * FZ_PAGE;
		break;
	case P_GUARD:
		is->c.guard_at = rnd(MIN(is->c.usize, size));
		if (is->c.guard_at == 0)
			is->c.guard_at = 1;
		dst = fz.guard - is->c.guard_at;
		memcpy(dst, is->arg, is->c.guard_at);
		break;
	case P_RO:
		ro_fill(is->arg, span);
		dst = fz.ro;
		is->c.readable = is->c.usize <= FZ_PAGE;
		break;
	default:
		dst = bad_ptr(is->c.ptr);
		break;
	}
	__atomic_fetch_add(&sh->ioctls, 1, __ATOMIC_RELAXED);
	ret = ioctl(is->fd, is->ioc, dst);
	if (ret < 0)
		ret = -errno;
	rec_end(r, ret);
	if (is->c.ptr == P_OK) {
		memcpy(is->arg, fz.rw, size);
		memset(fz.rw, 0, span);
	} else if (is->c.ptr == P_GUARD) {
		memset(dst, 0, is->c.guard_at);
	}
	check_cmd(&is->c, r, ret, false);
	if (ret >= 0) {
		check_success(is, r, ret);
		if (is->c.ptr == P_OK && cmd)
			post_success(is->f, cmd, is->arg, is->inner,
				     is->inner_len);
	}
	if (is->inner && is->c.ptr == P_OK)
		memset(is->inner, 0, is->inner_len);
	return ret;
}

/* ---- io_uring ------------------------------------------------------------ */

static struct fz_slot *slot_get(void)
{
	uint64_t now = now_ns();
	unsigned int i;

	for (i = 0; i < FZ_SLOTS; i++) {
		struct fz_slot *s = &fz.slots[i];

		if (!s->busy && s->free_at <= now) {
			s->buf = fz.slot_mem + i * FZ_SLOT_SIZE;
			return s;
		}
	}
	return NULL;
}

static uint32_t fd_serial(const struct fz_fd *f)
{
	return (uint32_t)(f - fz.fds) | ((uint32_t)f->fd << 8);
}

/* Which of our fds a slot's command was for, if it is still that one. */
static struct fz_fd *slot_fd(const struct fz_slot *s)
{
	struct fz_fd *f;

	if (s->fdi < 0)
		return NULL;
	f = &fz.fds[s->fdi & 0xff];
	return f->kind != K_FREE && fd_serial(f) == (uint32_t)s->fdi ? f :
		NULL;
}

static void parse_events(struct fz_fd *f, const struct fz_rec *r,
			 const struct tapi_event *ev, size_t n);

static void uring_complete(struct io_uring_cqe *cqe)
{
	struct fz_slot *s = &fz.slots[cqe->user_data % FZ_SLOTS];
	struct fz_rec *r = rec_begin(W_URING_DONE);
	struct fz_issue is = { 0 };
	struct fz_fd *f = slot_fd(s);
	int res = cqe->res;

	*r = s->rec;
	r->what = W_URING_DONE;
	rec_end(r, res);
	is.c = *(struct fz_call *)s->buf;
	is.f = f;
	memcpy(is.arg, s->buf + 64, FZ_SLOT_SIZE - 64 - 512);
	is.inner = s->buf + FZ_SLOT_SIZE - 512;
	is.inner_len = 512;
	if (s->cmd_nr == TAPI_URING_READ_EVENTS) {
		if (res < 0)
			check_cmd(&is.c, r, res, true);
		else
			stat_count(ROW_READ_EVENTS, true, 0);
		if (res < 0) {
		} else if (res % sizeof(struct tapi_event) ||
			 (uint32_t)res > is.c.ulen) {
			violation(r, "read %d bytes", res);
		} else if (is.c.ptr == P_OK) {
			parse_events(f, r, (struct tapi_event *)(s->buf + 64),
				     res / sizeof(struct tapi_event));
		}
	} else {
		check_cmd(&is.c, r, res, true);
		if (res >= 0) {
			check_success(&is, r, res);
			/*
			 * A line or media fd the command made is ours to
			 * close even when the fd it went to is gone by now.
			 */
			if (is.c.ptr == P_OK && is.c.cmd &&
			    (f || makes_fd(is.c.cmd)))
				post_success(f, is.c.cmd, is.arg, is.inner,
					     is.inner_len);
		}
	}
	memset(s->buf, 0, FZ_SLOT_SIZE);
	s->busy = false;
	fz.pending--;
}

void uring_reap(void)
{
	struct io_uring_cqe *cqe;

	if (!fz.ring_up)
		return;
	while (!io_uring_peek_cqe(&fz.ring, &cqe)) {
		uring_complete(cqe);
		io_uring_cqe_seen(&fz.ring, cqe);
	}
}

void ring_setup(void)
{
	fz.ring_up = !io_uring_queue_init(FZ_RING_ENTRIES, &fz.ring, 0);
}

/* Tear the ring down with whatever is pending; its slots rest a while. */
void ring_exit(void)
{
	uint64_t later = now_ns() + 4ull * TAPI_URING_REAP_MS * 1000000ull;
	struct fz_rec *r = rec_begin(W_RING_EXIT);
	unsigned int i;

	uring_reap();
	r->cmd = fz.pending;
	io_uring_queue_exit(&fz.ring);
	fz.ring_up = false;
	rec_end(r, 0);
	for (i = 0; i < FZ_SLOTS; i++) {
		if (fz.slots[i].busy) {
			fz.slots[i].busy = false;
			fz.slots[i].free_at = later;
		}
	}
	fz.pending = 0;
	__atomic_fetch_add(&sh->ring_exits, 1, __ATOMIC_RELAXED);
}

/*
 * Issue @is as a uring_cmd.  Its structure lives in a slot from then on
 * (64 bytes in: the check information is kept before it), its inner
 * array at the slot's end.
 */
static void issue_uring(struct fz_issue *is, unsigned int cmd_op)
{
	const struct fz_cmd *cmd = is->c.cmd;
	uint32_t size = cmd ? cmd->size : 64;
	struct io_uring_sqe *sqe;
	struct fz_slot *s;
	struct fz_rec *r;
	void *dst;
	int ret;

	uring_reap();
	s = slot_get();
	if (!s || !fz.ring_up)
		return;
	sqe = io_uring_get_sqe(&fz.ring);
	if (!sqe)
		return;
	r = rec_begin(W_URING);
	r->cmd = cmd ? cmd->nr : cmd_op == TAPI_URING_READ_EVENTS ?
		TAPI_URING_READ_EVENTS : 0xffff;
	rec_issue(r, is);
	r->uflags = is->c.uflags;
	r->ulen = is->c.ulen;
	is->c.sync = issue_sync(is);

	switch (is->c.ptr) {
	case P_OK:
		dst = s->buf + 64;
		memcpy(dst, is->arg, MIN(size + is->tail_len,
					 FZ_SLOT_SIZE - 64 - 512));
		is->c.readable = true;
		break;
	case P_RO:
		ro_fill(is->arg, size + is->tail_len);
		dst = fz.ro;
		is->c.readable = is->c.usize <= FZ_PAGE;
		break;
	default:
		dst = bad_ptr(is->c.ptr);
		break;
	}
	if (is->inner && is->c.ptr == P_OK && cmd) {
		/* An array the structure names is the slot's own. */
		uint64_t inner = (uintptr_t)(s->buf + FZ_SLOT_SIZE - 512);
		__u64 *field = NULL;

		if (cmd->nr == _IOC_NR(TAPI_IOC_LINE_GET_NEW_CALLS))
			field = &((struct tapi_line_new_calls *)dst)->handles;
		if (cmd->nr == _IOC_NR(TAPI_IOC_CALL_GET_CONF_RELATED))
			field = &((struct tapi_conf_related *)dst)->members;
		if (field && *field == (uintptr_t)is->inner)
			*field = inner;
	}
	memcpy(s->buf, &is->c, sizeof(is->c));
	s->cmd = cmd;
	s->cmd_nr = cmd_op;
	s->fdi = is->f ? (int)fd_serial(is->f) : -1;
	s->rec = *r;
	s->busy = true;
	fz.pending++;
	if (fz.pending > sh->pending_max)
		sh->pending_max = fz.pending;
	uring_prep_cmd(sqe, is->fd, cmd_op, dst, is->c.ulen, is->c.uflags);
	sqe->user_data = s - fz.slots;
	__atomic_fetch_add(&sh->urings, 1, __ATOMIC_RELAXED);
	ret = io_uring_submit(&fz.ring);
	rec_end(r, ret);
	if (ret != 1)
		violation(r, "io_uring_submit returned %d", ret);
	uring_reap();
}

/* ---- what a successful command gave ------------------------------------ */

static void post_success(struct fz_fd *f, const struct fz_cmd *cmd,
			 void *arg, const uint8_t *inner, uint32_t inner_len)
{
	struct fz_fd *n;
	unsigned int i;

	switch (cmd->nr) {
	case _IOC_NR(TAPI_IOC_LINE_OPEN): {
		struct tapi_line_open *a = arg;

		n = adopt_fd(f, a->fd, K_LINE);
		if (n) {
			n->line = a->line;
			n->priv = a->privileges;
			n->nonblock = a->flags & TAPI_LINE_OPEN_NONBLOCK;
		}
		break;
	}
	case _IOC_NR(TAPI_IOC_CALL_MEDIA_OPEN): {
		struct tapi_media_open *a = arg;

		n = adopt_fd(f, a->fd, K_MEDIA);
		if (n) {
			n->off = a->off;
			n->tx = a->flags & TAPI_MEDIA_OPEN_TX;
			n->nonblock = a->flags & TAPI_MEDIA_OPEN_NONBLOCK;
		}
		break;
	}
	case _IOC_NR(TAPI_IOC_CALL_MAKE):
		handle_add(f, ((struct tapi_call_make *)arg)->call);
		break;
	case _IOC_NR(TAPI_IOC_LINE_PICKUP):
	case _IOC_NR(TAPI_IOC_LINE_UNPARK):
		handle_add(f, ((struct tapi_line_pickup *)arg)->call);
		break;
	case _IOC_NR(TAPI_IOC_CALL_SETUP_TRANSFER):
	case _IOC_NR(TAPI_IOC_CALL_PREPARE_ADD_CONF):
		handle_add(f, ((struct tapi_call_consult *)arg)->consult);
		break;
	case _IOC_NR(TAPI_IOC_CALL_SETUP_CONF):
		handle_add(f, ((struct tapi_call_setup_conf *)arg)->conf);
		handle_add(f, ((struct tapi_call_setup_conf *)arg)->consult);
		break;
	case _IOC_NR(TAPI_IOC_CALL_COMPLETE_TRANSFER):
		handle_add(f, ((struct tapi_call_complete_transfer *)arg)->conf);
		break;
	case _IOC_NR(TAPI_IOC_CALL_DEALLOCATE):
		if (f)
			handle_del(f, ((struct tapi_call_dealloc *)arg)->call);
		break;
	case _IOC_NR(TAPI_IOC_LINE_GET_NEW_CALLS): {
		struct tapi_line_new_calls *a = arg;

		if (a->count > a->capacity)
			break;
		for (i = 0; inner && i < a->count && i < inner_len / 4; i++)
			handle_add(f, ((const uint32_t *)inner)[i]);
		break;
	}
	case _IOC_NR(TAPI_IOC_CALL_COMPLETE):
		if (f)
			f->compl[rnd(FZ_MAX_COMPL)] =
				((struct tapi_call_completion *)arg)->completion_id;
		break;
	default:
		break;
	}
}

/* ---- building a command for an fd ------------------------------------- */

static const struct fz_cmd *cmd_pick(unsigned int on)
{
	const struct fz_cmd *c;

	do
		c = &cmds[rnd(ncmds)];
	while (!(c->on & on));
	return c;
}

void issue_init(struct fz_issue *is, struct fz_fd *f, int fd)
{
	memset(&is->c, 0, sizeof(is->c));
	/* Past this, arg stays zero: nothing but a huge size reaches it. */
	memset(is->arg, 0, FZ_SLOT_SIZE);
	is->f = f;
	is->fd = fd;
	is->tail_len = 0;
	is->inner = fz.rw + FZ_PAGE + FZ_PAGE / 2;
	is->inner_len = FZ_PAGE / 2;
	if (f) {
		is->c.kind = f->kind;
		is->c.dead = f->kind != K_OTHER && fd_dead(f);
	} else {
		is->c.kind = K_OTHER;
		is->c.stale = true;
	}
}

/* Generate @cmd's structure for @is (inner pointers as the pointer kind). */
static void issue_gen(struct fz_issue *is, const struct fz_cmd *cmd)
{
	struct fz_gen g = {
		.f = is->f,
		.cmd = cmd,
		.inner = (uintptr_t)is->inner,
		.inner_len = is->inner_len,
	};

	switch (rnd(16)) {
	case 0:
		g.inner = 0;
		break;
	case 1:
		g.inner = (uintptr_t)fz.ro;
		break;
	case 2:
		g.inner = (uintptr_t)unmapped_addr();
		break;
	case 3:
		g.inner = 0xffff888000000000ull;
		break;
	default:
		break;
	}
	is->c.cmd = cmd;
	is->c.nr = cmd->nr;
	is->ioc = _IO(TAPI_IOC_TYPE, cmd->nr);
	((uint32_t *)is->arg)[0] = cmd->size;
	((uint32_t *)is->arg)[1] = rnd_flags(cmd->flags_valid);
	cmd->gen(&g, is->arg);
}

/* A command number no fd takes: an unknown number or wrong bits. */
static unsigned long bad_ioc(void)
{
	switch (rnd(5)) {
	case 0:
		return _IO(TAPI_IOC_TYPE, 0x2f + rnd(0xd1));
	case 1:
		return _IOWR(TAPI_IOC_TYPE, rnd(0x2f), 8 * (1 + rnd(16)));
	case 2:
		return _IOR(TAPI_IOC_TYPE, rnd(0x2f), 16);
	case 3:
		return _IO(TAPI_IOC_TYPE ^ (1 + rnd(3)), rnd(0x2f));
	default:
		return _IO(TAPI_IOC_TYPE, TAPI_URING_READ_EVENTS & 0xff);
	}
}

/* A fuzzed command (ioctl or uring) on @f, or on a number we do not hold. */
void op_cmd(struct fz_fd *f, int fd, bool uring)
{
	static struct fz_issue is;
	const struct fz_cmd *cmd;
	unsigned int on = !f ? ON_CARD | ON_LINE : f->kind == K_CARD ?
		ON_CARD : ON_LINE;
	unsigned long ioc;

	issue_init(&is, f, fd);
	is.c.uring = uring;
	if (uring) {
		is.c.uflags = one_in(4) ? TAPI_URING_REPLY_EVENT :
			one_in(40) ? (uint32_t)rnd64() : 0;
		if (one_in(40))
			is.c.ulen = rnd(256);
		if (f && f->kind == K_LINE && one_in(8)) {
			/* read() for rings */
			is.c.nr = TAPI_URING_READ_EVENTS;
			is.c.ulen = one_in(10) ? rnd(64) :
				sizeof(struct tapi_event) * (1 + rnd(8));
			is.c.ptr = one_in(10) ? ptr_pick(true) : P_OK;
			is.c.uflags = one_in(20) ? (uint32_t)rnd64() : 0;
			is.inner = NULL;
			issue_uring(&is, TAPI_URING_READ_EVENTS);
			return;
		}
	}
	if (one_in(30)) {
		/* no such command */
		do
			ioc = bad_ioc();
		while (uring && ioc == TAPI_URING_READ_EVENTS);
		is.c.nr = _IOC_NR(ioc) | (ioc & ~0xffu ? 0x100 : 0);
		is.ioc = ioc;
		is.inner = NULL;
		issue_mutate(&is, 2 * FZ_PAGE - 64);
		if (uring)
			issue_uring(&is, (unsigned int)ioc);
		else
			issue_ioctl(&is);
		return;
	}
	cmd = cmd_pick(one_in(20) ? ON_CARD | ON_LINE : on);
	issue_gen(&is, cmd);
	issue_mutate(&is, uring ? FZ_SLOT_SIZE - 64 - 512 : 2 * FZ_PAGE - 64);
	if (uring)
		issue_uring(&is, is.ioc);
	else
		issue_ioctl(&is);
}

/* ---- events ------------------------------------------------------------- */

/*
 * read() that cannot hang: poll() said there is something, but a child
 * sharing the open file may take it first, so a blocking fd gets a timer
 * (SIGALRM without SA_RESTART: EINTR, which read() documents).
 */
static ssize_t guarded_read(const struct fz_fd *f, void *buf, size_t len)
{
	struct itimerval it = { .it_value = { .tv_usec = 50000 } };
	struct itimerval off = { 0 };
	ssize_t ret;
	int err;

	if (f->nonblock)
		return read(f->fd, buf, len);
	setitimer(ITIMER_REAL, &it, NULL);
	ret = read(f->fd, buf, len);
	err = errno;
	setitimer(ITIMER_REAL, &off, NULL);
	errno = err;
	return ret;
}

/* Results a reply may carry: 0, or an errno of a command or its outcome. */
static bool reply_result_ok(int32_t res)
{
	return !res || (res < 0 && (-res == ECANCELED ||
				    in_set(-res, errs_cmd, ARRAY_SIZE(errs_cmd))));
}

/* Check records read from @f and take the handles they name. */
static void parse_events(struct fz_fd *f, const struct fz_rec *r,
			 const struct tapi_event *ev, size_t n)
{
	uint32_t last = 0;
	size_t i;

	__atomic_fetch_add(&sh->events, n, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++) {
		const struct tapi_event *e = &ev[i];

		if (!e->type || e->type >= TAPI_EV_MAX || e->reserved) {
			violation(r, "event type %u reserved %u", e->type,
				  e->reserved);
			continue;
		}
		if (e->type == TAPI_EV_OVERFLOW) {
			if (e->seqno)
				violation(r, "overflow record with seqno %u",
					  e->seqno);
		} else {
			if (e->seqno <= last)
				violation(r, "seqno %u after %u", e->seqno,
					  last);
			last = e->seqno;
		}
		if (e->type == TAPI_EV_REPLY && !reply_result_ok((int32_t)e->param[0]))
			violation(r, "reply with result %d",
				  (int32_t)e->param[0]);
		if (!f)
			continue;
		if (e->type == TAPI_EV_NEWCALL || e->type == TAPI_EV_CALLSTATE)
			handle_add(f, e->call);
	}
}

/* read() of a line fd; returns the records read, or -errno. */
int op_read(struct fz_fd *f, struct tapi_event *out, unsigned int max)
{
	struct pollfd p = { .fd = f->fd, .events = POLLIN };
	size_t len = sizeof(struct tapi_event) * (1 + rnd(8));
	enum fz_ptr ptr = P_OK;
	struct fz_rec *r;
	void *buf = fz.rw;
	ssize_t ret;
	int want = 0;

	if (!f->nonblock) {
		/* Never block: read only what poll() says is there. */
		__atomic_fetch_add(&sh->polls, 1, __ATOMIC_RELAXED);
		if (poll(&p, 1, 0) != 1 || !p.revents)
			return 0;
	}
	if (out) {
		len = sizeof(struct tapi_event) * max;
	} else if (one_in(20)) {
		len = rnd(sizeof(struct tapi_event));
		want = EINVAL;
	} else if (one_in(20)) {
		len += rnd(sizeof(struct tapi_event));
	} else if (one_in(15)) {
		ptr = one_in(2) ? P_NULL : P_RO;
		buf = ptr == P_NULL ? NULL : fz.ro;
	}
	r = rec_begin(W_READ);
	r->fd = f->fd;
	r->kind = f->kind;
	r->dead = fd_dead(f);
	r->ptr = ptr;
	r->size = len;
	__atomic_fetch_add(&sh->reads, 1, __ATOMIC_RELAXED);
	ret = guarded_read(f, buf, len);
	if (ret < 0)
		ret = -errno;
	rec_end(r, ret);
	stat_count(ROW_LINE_READ, false, ret < 0 ? (int)-ret : 0);
	if (want && ret != -want && !(r->dead && ret == -ENODEV))
		violation(r, "expected %s", strerrorname_np(want));
	else if (ret < 0 && ret != -EAGAIN && ret != -EINTR &&
		 ret != -EINVAL && ret != -EFAULT && ret != -ENODEV)
		violation(r, "undocumented errno %s",
			  strerrorname_np((int)-ret) ?: "?");
	if (ret <= 0)
		return ret;
	if (ret % sizeof(struct tapi_event) || (size_t)ret > len) {
		violation(r, "read %zd bytes", ret);
		return 0;
	}
	parse_events(f, r, buf, ret / sizeof(struct tapi_event));
	if (out)
		memcpy(out, buf, ret);
	memset(fz.rw, 0, len);
	return ret / sizeof(struct tapi_event);
}

void op_poll(void)
{
	struct fz_fd *f = fd_pick(K_FREE);
	struct pollfd p = { .events = POLLIN | POLLOUT | POLLPRI };
	struct fz_rec *r = rec_begin(W_POLL);
	bool dead = false;
	int ret;

	if (f && !one_in(8)) {
		p.fd = f->fd;
		r->kind = f->kind;
		dead = f->kind != K_MEDIA && fd_dead(f);
	} else {
		p.fd = one_in(2) ? fz.stale_fds[rnd(FZ_STALE)] : (int)rnd(64);
		r->kind = K_OTHER;
	}
	r->fd = p.fd;
	r->dead = dead;
	__atomic_fetch_add(&sh->polls, 1, __ATOMIC_RELAXED);
	ret = poll(&p, 1, 0);
	rec_end(r, ret < 0 ? -errno : p.revents);
	if (ret < 0 && errno != EINTR)
		violation(r, "poll failed");
	else if (dead && (p.revents & (POLLHUP | POLLERR)) !=
		 (POLLHUP | POLLERR))
		violation(r, "removed card's fd polls %#x", p.revents);
}

/* ---- media fds and their rings ------------------------------------------ */

static struct fz_map *map_free(void)
{
	unsigned int i;

	for (i = 0; i < FZ_MAX_MAPS; i++)
		if (!fz.maps[i].addr)
			return &fz.maps[i];
	return NULL;
}

struct fz_map *map_pick(void)
{
	unsigned int i, n = 0, k;

	for (i = 0; i < FZ_MAX_MAPS; i++)
		n += !!fz.maps[i].addr;
	if (!n)
		return NULL;
	k = rnd(n);
	for (i = 0; i < FZ_MAX_MAPS; i++)
		if (fz.maps[i].addr && !k--)
			return &fz.maps[i];
	return NULL;
}

void map_drop(struct fz_map *m)
{
	struct fz_rec *r = rec_begin(W_MUNMAP);
	int ret;

	r->size = m->len;
	ret = munmap(m->addr, m->len);
	rec_end(r, ret ? -errno : 0);
	if (ret)
		violation(r, "munmap failed");
	__atomic_fetch_add(&sh->munmaps, 1, __ATOMIC_RELAXED);
	m->addr = NULL;
}

void op_mmap(struct fz_fd *f)
{
	bool user = one_in(2), shared = !one_in(20), write = user;
	bool bad_off = one_in(15), too_long = !bad_off && one_in(15);
	off_t off = user ? TAPI_MEDIA_OFF_USER : TAPI_MEDIA_OFF_KERNEL;
	size_t len = user ? f->off.user_size : f->off.kernel_size;
	struct fz_map *m = map_free();
	struct fz_rec *r;
	int want = 0;
	void *p;

	if (!m) {
		/* All in use: drop one. */
		m = map_pick();
		if (!m)
			return;
		map_drop(m);
	}
	if (bad_off)
		off = one_in(2) ? FZ_PAGE : 0x20000000;
	if (too_long)
		len += FZ_PAGE;
	else if (one_in(10))
		len = FZ_PAGE;
	if (!user && one_in(10))
		write = true;
	/* The checks of tapi_media_mmap(), in order. */
	if (!shared || bad_off)
		want = EINVAL;
	else if (!user && write)
		want = EPERM;
	else if (too_long)
		want = EINVAL;
	r = rec_begin(W_MMAP);
	r->fd = f->fd;
	r->kind = f->kind;
	r->size = len;
	r->flags = (uint32_t)off;
	__atomic_fetch_add(&sh->mmaps, 1, __ATOMIC_RELAXED);
	p = mmap(NULL, len, PROT_READ | (write ? PROT_WRITE : 0),
		 shared ? MAP_SHARED : MAP_PRIVATE, f->fd, off);
	rec_end(r, p == MAP_FAILED ? -errno : 0);
	stat_count(ROW_MMAP, false, p == MAP_FAILED ? errno : 0);
	if (p == MAP_FAILED) {
		if (want ? errno != want : errno != ENOMEM)
			violation(r, "mmap: %s", strerrorname_np(errno) ?: "?");
		return;
	}
	if (want)
		violation(r, "mmap succeeded, expected %s",
			  strerrorname_np(want));
	m->addr = p;
	m->len = len;
	m->user = user && write;
	m->off = f->off;
}

static uint32_t ring_load(const uint8_t *region, uint32_t off, size_t len)
{
	if (off + 4 > len)
		return 0;
	return __atomic_load_n((const uint32_t *)(region + off),
			       __ATOMIC_ACQUIRE);
}

/* Touch a mapping: read the kernel's indices, write ours, maybe junk. */
void op_poke(struct fz_map *m)
{
	struct fz_rec *r = rec_begin(W_RING_POKE);
	uint32_t v = 0;

	r->size = m->len;
	__atomic_fetch_add(&sh->pokes, 1, __ATOMIC_RELAXED);
	if (!m->user) {
		v = ring_load(m->addr, m->off.rx_producer, m->len) ^
		    ring_load(m->addr, m->off.tx_consumer, m->len);
		if (m->off.stats + sizeof(struct tapi_media_stats) <= m->len)
			v ^= (uint32_t)((struct tapi_media_stats *)
				(m->addr + m->off.stats))->rx_frames;
	} else {
		uint32_t which[] = {
			m->off.rx_consumer, m->off.tx_producer, m->off.rx_flags,
		};
		uint32_t o = which[rnd(3)];

		if (o + 4 <= m->len)
			__atomic_store_n((uint32_t *)(m->addr + o),
					 one_in(3) ? (uint32_t)rnd64() :
					 ring_load(m->addr, o, m->len) + 1,
					 __ATOMIC_RELEASE);
		if (m->off.tx_frames < m->len && one_in(3))
			memset(m->addr + m->off.tx_frames, (int)rnd(256),
			       MIN(m->len - m->off.tx_frames, 640));
	}
	rec_end(r, v & 0x7fffffff);
}

static void op_mprotect(struct fz_map *m)
{
	struct fz_rec *r = rec_begin(W_MPROTECT);
	int ret;

	r->size = m->len;
	ret = mprotect(m->addr, m->len, PROT_READ | PROT_WRITE);
	rec_end(r, ret ? -errno : 0);
	stat_count(ROW_MPROTECT, false, ret ? errno : 0);
	if (!m->user && !ret)
		violation(r, "the kernel region was made writable");
	else if (!m->user && errno != EACCES)
		violation(r, "expected EACCES");
	else if (m->user && ret)
		violation(r, "mprotect of the user region failed");
}

void op_media_io(struct fz_fd *f)
{
	bool wr = one_in(2);
	struct pollfd p = { .fd = f->fd, .events = POLLPRI };
	size_t len = rnd(2) ? 1 + rnd(64) : rnd(TAPI_MSP_DATA_MAX + 2);
	enum fz_ptr ptr = one_in(12) ? P_NULL : P_OK;
	struct fz_rec *r;
	ssize_t ret;
	int err, want = 0;

	if (!wr && !f->nonblock) {
		__atomic_fetch_add(&sh->polls, 1, __ATOMIC_RELAXED);
		if (poll(&p, 1, 0) != 1 || !p.revents)
			return;
	}
	if (wr && !len)
		want = EINVAL;
	else if (wr && len > TAPI_MSP_DATA_MAX)
		want = EMSGSIZE;
	else if (wr && ptr == P_NULL)
		want = EFAULT;
	r = rec_begin(wr ? W_MEDIA_WRITE : W_MEDIA_READ);
	r->fd = f->fd;
	r->kind = f->kind;
	r->dead = fd_dead(f);
	r->ptr = ptr;
	r->size = len;
	if (wr) {
		memset(fz.rw, 0x5a, len);
		ret = write(f->fd, ptr == P_OK ? fz.rw : NULL, len);
	} else {
		ret = guarded_read(f, ptr == P_OK ? fz.rw : NULL, len);
	}
	err = ret < 0 ? errno : 0;
	rec_end(r, ret < 0 ? -err : ret);
	memset(fz.rw, 0, MIN(len, 2 * FZ_PAGE));
	stat_count(wr ? ROW_MEDIA_WRITE : ROW_MEDIA_READ, false, err);
	if (want) {
		if (err != want)
			violation(r, "expected %s", strerrorname_np(want));
		return;
	}
	if (wr && !err && (size_t)ret != len)
		violation(r, "wrote %zd of %zu", ret, len);
	if (!err)
		return;
	/*
	 * write(): EINVAL, EMSGSIZE, EOPNOTSUPP, EPIPE, ENODEV or the
	 * driver's (the sim passes tapi_media_msp_data()'s: ENOTCONN,
	 * ENOMEM); read(): EMSGSIZE, EAGAIN; both EFAULT and EINTR.
	 */
	if (err == EFAULT || err == EINTR || err == ENOMEM ||
	    (wr && (err == EOPNOTSUPP || err == EPIPE || err == ENODEV ||
		    err == ENOTCONN)) ||
	    (!wr && (err == EMSGSIZE || err == EAGAIN)))
		return;
	violation(r, "undocumented errno %s", strerrorname_np(err) ?: "?");
}

void op_media(void)
{
	struct fz_fd *f = fd_pick(K_MEDIA);
	struct fz_map *m = map_pick();

	switch (rnd(8)) {
	case 0:
		if (f)
			op_mmap(f);
		break;
	case 1:
		if (m)
			map_drop(m);
		break;
	case 2:
		if (m && one_in(4))
			op_mprotect(m);
		break;
	case 3:
	case 4:
		if (f)
			op_media_io(f);
		break;
	default:
		if (m)
			op_poke(m);
		else if (f)
			op_mmap(f);
		break;
	}
}

