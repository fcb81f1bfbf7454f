// SPDX-License-Identifier: GPL-2.0
/*
 * Many calls through io_uring alone, for scripts/bench-calls.sh: PAIRS
 * pairs of lines (line 2i calls line 2i+1, which answers; 2i drops, then
 * 2i+1, both deallocate: tapi_callloop's steps) cycle at once, driven by one thread from one completion
 * queue.  Every request's reply is its CQE, every event comes from a
 * TAPI_URING_READ_EVENTS command, and all that is ready is submitted in
 * one io_uring_enter per round.
 *
 *   tapi_ringloop DEV FIRST_NUMBER PAIRS COUNT
 *
 * Line k's number is FIRST_NUMBER + k.  Prints one line:
 *
 *   uring calls=N seconds=S calls_per_s=R syscalls_per_call=K pairs=P
 *
 * Exit status: 0 when every call went through, 1 otherwise, 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <liburing.h>

#include "calls.h"
#include "transport.h"

#define MAX_PAIRS	32
#define EVS		16

/* What a CQE answers: the low byte of its user_data; the pair above. */
enum op {
	OP_MAKE,
	OP_ANSWER,
	OP_DROP_A,
	OP_DROP_B,
	OP_DEALLOC_A,
	OP_DEALLOC_B,
	OP_EVENTS,
};

struct pair {
	int a, b;
	char dest[16];
	struct tapi_call_make make;
	struct tapi_call_request answer, drop_a, drop_b;
	struct tapi_call_dealloc dealloc_a, dealloc_b;
	struct tapi_event evs[EVS];
	uint32_t call_b;
	unsigned int done;	/* deallocations of this call, of 2 */
};

static struct io_uring ring;
static struct pair pairs[MAX_PAIRS];
static unsigned long started, finished, wanted;

static int queue(int fd, unsigned int cmd_op, void *arg, uint32_t len,
		 unsigned int pair, enum op op)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

	if (!sqe)
		return -EBUSY;
	uring_prep_cmd(sqe, fd, cmd_op, arg, len, 0);
	sqe->user_data = (uint64_t)pair << 8 | op;
	return 0;
}

static int start_call(unsigned int i)
{
	struct pair *p = &pairs[i];

	memset(&p->make, 0, sizeof(p->make));
	p->make.size = sizeof(p->make);
	strcpy(p->make.dest, p->dest);
	p->done = 0;
	p->call_b = 0;
	started++;
	return queue(p->a, TAPI_IOC_CALL_MAKE, &p->make, 0, i, OP_MAKE);
}

static int request(int fd, struct tapi_call_request *r, uint32_t call,
		   unsigned int i, enum op op)
{
	memset(r, 0, sizeof(*r));
	r->size = sizeof(*r);
	r->call = call;
	return queue(fd, r == &pairs[i].answer ? TAPI_IOC_CALL_ANSWER :
		     TAPI_IOC_CALL_DROP, r, 0, i, op);
}

static int dealloc(int fd, struct tapi_call_dealloc *d, uint32_t call,
		   unsigned int i, enum op op)
{
	memset(d, 0, sizeof(*d));
	d->size = sizeof(*d);
	d->call = call;
	return queue(fd, TAPI_IOC_CALL_DEALLOCATE, d, 0, i, op);
}

/* Line b's records: answer each new call. */
static int on_events(unsigned int i, int bytes)
{
	struct pair *p = &pairs[i];
	int n = bytes / sizeof(struct tapi_event), k, ret = 0;

	for (k = 0; k < n && !ret; k++) {
		const struct tapi_event *ev = &p->evs[k];

		if (ev->type == TAPI_EV_OVERFLOW)
			return -EOVERFLOW;
		if (ev->type != TAPI_EV_NEWCALL)
			continue;
		p->call_b = ev->call;
		ret = request(p->b, &p->answer, ev->call, i, OP_ANSWER);
	}
	return ret ?: queue(p->b, TAPI_URING_READ_EVENTS, p->evs,
			    sizeof(p->evs), i, OP_EVENTS);
}

static int on_cqe(uint64_t user_data, int res)
{
	unsigned int i = user_data >> 8;
	enum op op = user_data & 0xff;
	struct pair *p = &pairs[i];

	if (op == OP_EVENTS)
		return res < 0 ? res : on_events(i, res);
	if (res < 0) {
		fprintf(stderr, "tapi_ringloop: pair %u op %d: %s\n", i, op,
			strerror(-res));
		return res;
	}
	switch (op) {
	case OP_MAKE:
		return 0;	/* the answer drives it on */
	case OP_ANSWER:
		return request(p->a, &p->drop_a, p->make.call, i, OP_DROP_A);
	case OP_DROP_A:
		/* As tapi_callloop: b drops once a has. */
		return dealloc(p->a, &p->dealloc_a, p->make.call, i,
			       OP_DEALLOC_A) ?:
		       request(p->b, &p->drop_b, p->call_b, i, OP_DROP_B);
	case OP_DROP_B:
		return dealloc(p->b, &p->dealloc_b, p->call_b, i,
			       OP_DEALLOC_B);
	default:
		break;
	}
	/* A deallocation: the call is over when both ends are. */
	if (++p->done < 2)
		return 0;
	finished++;
	return started < wanted ? start_call(i) : 0;
}

int main(int argc, char **argv)
{
	unsigned long syscalls = 0;
	unsigned int npairs, i, first;
	struct io_uring_cqe *cqe;
	uint64_t t0, t1;
	int card, ret;

	if (argc != 5) {
		fprintf(stderr, "usage: tapi_ringloop DEV FIRST_NUMBER PAIRS COUNT\n");
		return 2;
	}
	first = strtoul(argv[2], NULL, 0);
	npairs = strtoul(argv[3], NULL, 0);
	wanted = strtoul(argv[4], NULL, 0);
	if (!npairs || npairs > MAX_PAIRS || wanted < npairs) {
		fprintf(stderr, "tapi_ringloop: 1 to %d pairs, a call each at least\n",
			MAX_PAIRS);
		return 2;
	}
	card = open(argv[1], O_RDWR | O_CLOEXEC);
	if (card < 0) {
		perror(argv[1]);
		return 1;
	}
	if (io_uring_queue_init(8 * npairs, &ring, 0)) {
		fprintf(stderr, "tapi_ringloop: io_uring_queue_init failed\n");
		return 1;
	}
	for (i = 0; i < npairs; i++) {
		struct pair *p = &pairs[i];

		p->a = call_open_line(card, 2 * i, TAPI_PRIV_OWNER,
				      EV(NEWCALL));
		p->b = call_open_line(card, 2 * i + 1, TAPI_PRIV_OWNER,
				      EV(NEWCALL));
		if (p->a < 0 || p->b < 0) {
			fprintf(stderr, "tapi_ringloop: open line pair %u: %s\n",
				i, strerror(-(p->a < 0 ? p->a : p->b)));
			return 1;
		}
		snprintf(p->dest, sizeof(p->dest), "%u", first + 2 * i + 1);
		if (queue(p->b, TAPI_URING_READ_EVENTS, p->evs, sizeof(p->evs),
			  i, OP_EVENTS))
			return 1;
	}

	t0 = now_ns();
	for (i = 0; i < npairs; i++)
		if (start_call(i))
			return 1;
	while (finished < wanted) {
		unsigned int head, n = 0;

		ret = io_uring_submit_and_wait(&ring, 1);
		syscalls++;
		if (ret < 0 && ret != -EINTR) {
			fprintf(stderr, "tapi_ringloop: submit: %s\n",
				strerror(-ret));
			return 1;
		}
		io_uring_for_each_cqe(&ring, head, cqe) {
			ret = on_cqe(cqe->user_data, cqe->res);
			if (ret)
				return 1;
			n++;
		}
		io_uring_cq_advance(&ring, n);
	}
	t1 = now_ns();

	printf("uring calls=%lu seconds=%.3f calls_per_s=%.0f syscalls_per_call=%.1f pairs=%u\n",
	       finished, (t1 - t0) / 1e9, finished / ((t1 - t0) / 1e9),
	       (double)syscalls / finished, npairs);
	io_uring_queue_exit(&ring);
	return 0;
}
