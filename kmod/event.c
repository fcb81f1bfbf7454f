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
 */
#include <linux/kfifo.h>
#include <linux/log2.h>
#include <linux/poll.h>
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
	kfifo_free(&lf->events);
}

/* Queue one record; the caller holds lf->wait.lock. */
static void tapi_event_queue_locked(struct tapi_line_file *lf,
				    const struct tapi_event *ev)
{
	struct tapi_event rec = *ev;
	struct tapi_event old;

	if (lf->removed)
		return;
	rec.seqno = ++lf->seqno;
	if (!rec.timestamp_ns)
		rec.timestamp_ns = ktime_get_ns();
	if (kfifo_is_full(&lf->events) && kfifo_get(&lf->events, &old)) {
		if (!lf->lost++)
			lf->first_lost = old.seqno;
		trace_tapi_event_overflow(lf, &old);
	}
	kfifo_put(&lf->events, rec);
	wake_up_locked_poll(&lf->wait, EPOLLIN | EPOLLRDNORM);
	tapi_uring_events_ready_locked(lf, false);
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

/*
 * Take the next record to hand to the reader: a synthesized overflow record
 * if events were lost, else the oldest queued one.  Caller holds the lock.
 */
static bool tapi_event_next_locked(struct tapi_line_file *lf,
				   struct tapi_event *ev)
{
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
		if (kfifo_is_empty(&lf->events) && !lf->lost) {
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
					!kfifo_is_empty(&lf->events) ||
					lf->lost || lf->removed);
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
	if (!kfifo_is_empty(&lf->events) || lf->lost)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (lf->removed)
		mask |= EPOLLHUP | EPOLLERR;
	spin_unlock_irq(&lf->wait.lock);

	return mask;
}
