/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The transport the selftests' tapi_ioctl() uses: ioctl(2), or io_uring
 * IORING_OP_URING_CMD when TAPI_TRANSPORT=uring is in the environment, so
 * that one test program checks both and requires the same results.
 *
 * Over io_uring an asynchronous request is submitted the way that gives
 * the ioctl's result: with %TAPI_REQUEST_SYNC in its flags the completion
 * is the outcome (the ring's own way), without it %TAPI_URING_REPLY_EVENT
 * makes the completion the request id and the outcome a reply event.
 */
#ifndef _TAPI_SELFTEST_TRANSPORT_H
#define _TAPI_SELFTEST_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>

/* Is TAPI_TRANSPORT=uring set. */
bool transport_is_uring(void);
/* "ioctl" or "io_uring", for messages. */
const char *transport_name(void);

struct io_uring_sqe;

/*
 * Fill @sqe with one tapi command on @fd: IORING_OP_URING_CMD, @cmd_op,
 * and the command area (struct tapi_uring_cmd) @arg, @len, @flags.
 */
void uring_prep_cmd(struct io_uring_sqe *sqe, int fd, unsigned int cmd_op,
		    void *arg, uint32_t len, uint32_t flags);

/*
 * One command on @fd through io_uring, waiting for its completion.
 * @uring_flags: struct tapi_uring_cmd's flags; @len its len.
 * Return: the CQE's res.
 */
int uring_cmd_sync(int fd, unsigned int cmd_op, void *arg, uint32_t len,
		   uint32_t uring_flags);

#endif /* _TAPI_SELFTEST_TRANSPORT_H */
