// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the event queue of a line fd.
 *
 * Each line fd has a kfifo of fixed-size struct tapi_event records protected
 * by the lock of its wait queue, so events can be queued from any context
 * (process, timer, hard IRQ).  When the fifo is full the oldest record is
 * dropped and counted; the reader then gets one %TAPI_EV_OVERFLOW record
 * before the first surviving one, and the gap in sequence numbers shows
 * where the loss happened.  Nothing is dropped silently.
 *
 * Replies (%TAPI_EV_REPLY) are never dropped: each request carries its
 * reply record (struct tapi_reply), which goes on a list of its own, and
 * the reader takes from the list and the fifo in sequence order.  Their
 * number is bounded by the fd's requests, at most the fifo's depth
 * (request.c).
 */
#include <linux/kfifo.h>
#include <linux/log2.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "tapi_core.h"
#include "trace.h"

/**
 * tapi_event_queue_init() - allocate the event queue of a line fd
 * @lf: the line fd
 * @depth: records the queue holds, 1 to %TAPI_EVENT_QUEUE_MAX; rounded up to
 *	a power of two, and at least 2 (the smallest kfifo)
 *
 * Return: 0 or -ENOMEM.
 */
int tapi_event_queue_init(struct tapi_line_file *lf, unsigned int depth)
{
	init_waitqueue_head(&lf->wait);
	return kfifo_alloc(&lf->events, roundup_pow_of_two(max(depth, 2U)),
			   GFP_KERNEL_ACCOUNT);
}

void tapi_event_queue_free(struct tapi_line_file *lf)
{
	struct tapi_reply *r, *tmp;

	list_for_each_entry_safe(r, tmp, &lf->replies, node)
		kfree(r);
	kfifo_free(&lf->events);
}

/* A record was queued: wake readers and pollers.  wait.lock held. */
static void tapi_event_wake_locked(struct tapi_line_file *lf)
{
	wake_up_locked_poll(&lf->wait, EPOLLIN | EPOLLRDNORM);
	tapi_uring_events_ready_locked(lf, false);
}

/* Sequence number and, unless set, the time.  wait.lock held. */
static void tapi_event_stamp_locked(struct tapi_line_file *lf,
				    struct tapi_event *ev)
{
	ev->seqno = ++lf->seqno;
	if (!ev->timestamp_ns)
		ev->timestamp_ns = ktime_get_ns();
}

/* Queue one record; the caller holds lf->wait.lock. */
static void tapi_event_queue_locked(struct tapi_line_file *lf,
				    const struct tapi_event *ev)
{
	struct tapi_event rec = *ev;
	struct tapi_event old;

	if (lf->removed)
		return;
	tapi_event_stamp_locked(lf, &rec);
	if (kfifo_is_full(&lf->events) && kfifo_get(&lf->events, &old)) {
		if (!lf->lost++)
			lf->first_lost = old.seqno;
		trace_tapi_event_overflow(lf, &old);
	}
	kfifo_put(&lf->events, rec);
	tapi_event_wake_locked(lf);
}

/**
 * tapi_event_queue() - queue an event on one line fd, if it wants it
 * @lf: the line fd
 * @ev: the record; seqno is assigned here, and the timestamp when zero
 *
 * Context: any context.
 */
void tapi_event_queue(struct tapi_line_file *lf, const struct tapi_event *ev)
{
	unsigned long flags;

	if (!(READ_ONCE(lf->event_mask) & BIT_ULL(ev->type)))
		return;
	spin_lock_irqsave(&lf->wait.lock, flags);
	tapi_event_queue_locked(lf, ev);
	spin_unlock_irqrestore(&lf->wait.lock, flags);
}

/**
 * tapi_event_queue_reply() - queue a request's reply on its line fd
 * @lf: the requester
 * @r: the reply record, its seqno assigned here
 *
 * The record is the queue's until read; no event mask applies, and no
 * overflow drops it.
 *
 * Context: any context.
 * Return: true if queued; false once the card is gone (the caller keeps
 * @r).
 */
bool tapi_event_queue_reply(struct tapi_line_file *lf, struct tapi_reply *r)
{
	unsigned long flags;
	bool queued = false;

	spin_lock_irqsave(&lf->wait.lock, flags);
	if (!lf->removed) {
		tapi_event_stamp_locked(lf, &r->ev);
		list_add_tail(&r->node, &lf->replies);
		tapi_event_wake_locked(lf);
		queued = true;
	}
	spin_unlock_irqrestore(&lf->wait.lock, flags);
	return queued;
}

/**
 * tapi_event_queue_removed() - queue the last records of a line fd
 * @lf: the line fd whose card went away
 *
 * Queues %TAPI_EV_CLOSE (reason %TAPI_CLOSE_REMOVED) and %TAPI_EV_REMOVED,
 * then marks the queue finished: readers get what is queued and then
 * -ENODEV, pollers see EPOLLHUP | EPOLLERR.
 *
 * Context: any context.
 */
void tapi_event_queue_removed(struct tapi_line_file *lf)
{
	struct tapi_event ev = {
		.timestamp_ns = ktime_get_ns(),
		.line = lf->line->index,
	};
	unsigned long flags;

	spin_lock_irqsave(&lf->wait.lock, flags);
	ev.type = TAPI_EV_CLOSE;
	ev.param[0] = TAPI_CLOSE_REMOVED;
	tapi_event_queue_locked(lf, &ev);
	ev.type = TAPI_EV_REMOVED;
	ev.param[0] = 0;
	tapi_event_queue_locked(lf, &ev);
	lf->removed = true;
	wake_up_locked_poll(&lf->wait, EPOLLIN | EPOLLHUP | EPOLLERR);
	tapi_uring_events_ready_locked(lf, true);
	spin_unlock_irqrestore(&lf->wait.lock, flags);
}

/**
 * tapi_line_broadcast() - queue an event on every open fd of a line
 * @line: the line
 * @ev: the record; each fd gets its own seqno
 *
 * Context: any context.
 */
void tapi_line_broadcast(struct tapi_line *line, const struct tapi_event *ev)
{
	struct tapi_line_file *lf;
	unsigned long flags;

	spin_lock_irqsave(&line->opens_lock, flags);
	list_for_each_entry(lf, &line->opens, node)
		tapi_event_queue(lf, ev);
	spin_unlock_irqrestore(&line->opens_lock, flags);
}

/**
 * tapi_event_pending_locked() - has a line fd something to read
 * @lf: the line fd; its wait.lock held
 *
 * Return: true if a record, a reply or an overflow record is waiting.
 */
bool tapi_event_pending_locked(struct tapi_line_file *lf)
{
	return !kfifo_is_empty(&lf->events) || lf->lost ||
	       !list_empty(&lf->replies);
}

/*
 * Take the next record to hand to the reader: a synthesized overflow record
 * if events were lost, else the oldest of the fifo's head and the first
 * reply.  Caller holds the lock.
 */
static bool tapi_event_next_locked(struct tapi_line_file *lf,
				   struct tapi_event *ev)
{
	struct tapi_reply *r;
	if (lf->lost) {
		memset(ev, 0, sizeof(*ev));
		ev->timestamp_ns = ktime_get_ns();
		ev->type = TAPI_EV_OVERFLOW;
		ev->line = lf->line->index;
		ev->param[0] = lf->lost;
		ev->param[1] = lf->first_lost;
		lf->lost = 0;
		return true;
	}
	r = list_first_entry_or_null(&lf->replies, struct tapi_reply, node);
	if (r && (!kfifo_peek(&lf->events, ev) ||
		  (s32)(r->ev.seqno - ev->seqno) < 0)) {
		*ev = r->ev;
		list_del(&r->node);
		kfree(r);
		atomic_dec(&lf->replies_owed);
		return true;
	}
	return kfifo_get(&lf->events, ev);
}

/**
 * tapi_event_read() - read() of a line fd
 * @lf: the line fd
 * @buf: user buffer
 * @count: its size; at least one record
 * @nonblock: the fd is non-blocking
 *
 * Return: bytes read (whole records), -EINVAL for a buffer smaller than one
 * record, -EAGAIN, -ERESTARTSYS, -EFAULT (the record being copied is lost),
 * or -ENODEV once the card is gone and the queue is empty.
 */
ssize_t tapi_event_read(struct tapi_line_file *lf, char __user *buf,
			size_t count, bool nonblock)
{
	struct tapi_event ev;
	ssize_t done = 0;
	int ret;

	if (count < sizeof(ev))
		return -EINVAL;

	do {
		spin_lock_irq(&lf->wait.lock);
		if (!tapi_event_pending_locked(lf)) {
			if (done) {
				spin_unlock_irq(&lf->wait.lock);
				break;
			}
			if (lf->removed) {
				spin_unlock_irq(&lf->wait.lock);
				return -ENODEV;
			}
			if (nonblock) {
				spin_unlock_irq(&lf->wait.lock);
				return -EAGAIN;
			}
			ret = wait_event_interruptible_locked_irq(lf->wait,
					tapi_event_pending_locked(lf) ||
					lf->removed);
			if (ret) {
				spin_unlock_irq(&lf->wait.lock);
				return ret;
			}
		}
		if (!tapi_event_next_locked(lf, &ev)) {
			/* Woken by removal with nothing left. */
			spin_unlock_irq(&lf->wait.lock);
			continue;
		}
		spin_unlock_irq(&lf->wait.lock);

		if (copy_to_user(buf + done, &ev, sizeof(ev)))
			return done ? done : -EFAULT;
		done += sizeof(ev);
	} while (count - done >= sizeof(ev));

	return done;
}

/**
 * tapi_event_poll() - poll() of a line fd
 * @lf: the line fd
 * @file: its file
 * @wait: the poll table
 *
 * Return: EPOLLIN | EPOLLRDNORM while records are queued, plus
 * EPOLLHUP | EPOLLERR once the card is gone.
 */
__poll_t tapi_event_poll(struct tapi_line_file *lf, struct file *file,
			 poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &lf->wait, wait);

	spin_lock_irq(&lf->wait.lock);
	if (tapi_event_pending_locked(lf))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (lf->removed)
		mask |= EPOLLHUP | EPOLLERR;
	spin_unlock_irq(&lf->wait.lock);

	return mask;
}
