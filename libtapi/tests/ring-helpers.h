/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the io_uring tests share (test-ring.c, test-ring-services.c): they
 * play the kernel, reading the SQE a queue function prepared and the
 * structure it points to, and handing libtapi a CQE made up for it.
 */
#ifndef _LIBTAPI_TESTS_RING_HELPERS_H
#define _LIBTAPI_TESTS_RING_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include <liburing.h>
#include <libtapi.h>

/* The SQE queued last on @ring. */
static inline struct io_uring_sqe *last_sqe(struct tapi_ring *ring)
{
	struct io_uring *u = tapi_ring_get_uring(ring);

	return &u->sq.sqes[(u->sq.sqe_tail - 1) & u->sq.ring_mask];
}

/* The command area of an SQE. */
static inline struct tapi_uring_cmd *cmd_of(struct io_uring_sqe *sqe)
{
	return (struct tapi_uring_cmd *)((char *)sqe +
					 offsetof(struct io_uring_sqe, addr3));
}

static inline void *arg_of(struct io_uring_sqe *sqe)
{
	return (void *)(uintptr_t)cmd_of(sqe)->arg;
}

/* The kernel's answer to @sqe, handled by libtapi. */
static inline int complete(struct tapi_ring *ring, struct io_uring_sqe *sqe,
			   int res, struct tapi_completion *c)
{
	struct io_uring_cqe cqe = {
		.user_data = sqe->user_data,
		.res = res,
	};

	return tapi_ring_handle_cqe(ring, &cqe, c);
}

static inline unsigned int sq_ready(struct tapi_ring *ring)
{
	return io_uring_sq_ready(tapi_ring_get_uring(ring));
}

static inline struct tapi_line *open_line(struct tapi_card *card)
{
	return tapi_card_open_line(card, 0, NULL);
}

#endif /* _LIBTAPI_TESTS_RING_HELPERS_H */
