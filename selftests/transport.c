// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_ioctl() over ioctl(2) or io_uring; see transport.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <liburing.h>
#include <linux/tapi.h>

#include "sim.h"
#include "transport.h"

/* One ring per thread, made again in a forked child. */
static __thread struct io_uring tls_ring;
static __thread pid_t tls_ring_pid;

bool transport_is_uring(void)
{
	const char *t = getenv("TAPI_TRANSPORT");

	return t && !strcmp(t, "uring");
}

const char *transport_name(void)
{
	return transport_is_uring() ? "io_uring" : "ioctl";
}

static struct io_uring *thread_ring(void)
{
	pid_t pid = getpid();

	if (tls_ring_pid != pid) {
		/* A ring inherited over fork stays the parent's. */
		if (io_uring_queue_init(8, &tls_ring, 0))
			return NULL;
		tls_ring_pid = pid;
	}
	return &tls_ring;
}

void uring_prep_cmd(struct io_uring_sqe *sqe, int fd, unsigned int cmd_op,
		    void *arg, uint32_t len, uint32_t flags)
{
	struct tapi_uring_cmd area = {
		.arg = (uintptr_t)arg,
		.len = len,
		.flags = flags,
	};

	io_uring_prep_rw(IORING_OP_URING_CMD, sqe, fd, NULL, 0, 0);
	sqe->cmd_op = cmd_op;
	memcpy(sqe->cmd, &area, sizeof(area));
}

int uring_cmd_sync(int fd, unsigned int cmd_op, void *arg, uint32_t len,
		   uint32_t uring_flags)
{
	struct io_uring *ring = thread_ring();
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	int ret;

	if (!ring)
		return -ENOMEM;
	sqe = io_uring_get_sqe(ring);
	if (!sqe)
		return -EBUSY;
	uring_prep_cmd(sqe, fd, cmd_op, arg, len, uring_flags);
	sqe->user_data = cmd_op;
	ret = io_uring_submit(ring);
	if (ret != 1)
		return ret < 0 ? ret : -EIO;
	do {
		ret = io_uring_wait_cqe(ring, &cqe);
	} while (ret == -EINTR);
	if (ret)
		return ret;
	ret = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return ret;
}

/* The commands that start a request: struct tapi_call_request's flags. */
static bool starts_request(unsigned long cmd)
{
	return cmd == TAPI_IOC_CALL_MAKE || cmd == TAPI_IOC_CALL_DIAL ||
	       cmd == TAPI_IOC_CALL_ANSWER || cmd == TAPI_IOC_CALL_ACCEPT ||
	       cmd == TAPI_IOC_CALL_DROP;
}

/*
 * The flags of the structure at @arg (every one starts with size and
 * flags), read without faulting: tests pass bad pointers on purpose.
 */
static uint32_t arg_flags(void *arg)
{
	uint32_t head[2] = { 0, 0 };
	struct iovec local = { head, sizeof(head) };
	struct iovec remote = { arg, sizeof(head) };

	if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) !=
	    sizeof(head))
		return 0;
	return head[1];
}

int tapi_ioctl(int fd, unsigned long cmd, void *arg)
{
	uint32_t flags = 0;
	int ret;

	if (transport_is_uring()) {
		if (starts_request(cmd) &&
		    !(arg_flags(arg) & TAPI_REQUEST_SYNC))
			flags = TAPI_URING_REPLY_EVENT;
		return uring_cmd_sync(fd, cmd, arg, 0, flags);
	}
	ret = ioctl(fd, cmd, arg);
	return ret < 0 ? -errno : ret;
}
