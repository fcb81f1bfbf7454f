// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: io_uring commands (IORING_OP_URING_CMD) on card and line fds.
 *
 * A command's cmd_op is the ioctl number and its 16-byte command area a
 * struct tapi_uring_cmd pointing to the ioctl's structure, so every
 * command runs through ioctl.c's table with the same checks and results.
 * Two kinds stay pending (-EIOCBQUEUED), each with a struct
 * tapi_uring_wait on a list of its line fd:
 *
 * - a command that started an asynchronous request whose outcome is its
 *   completion (the request's ->uring points back to it);
 * - %TAPI_URING_READ_EVENTS while the fd's event queue is empty.
 *
 * A pending command is completed exactly once, by whoever takes its wait
 * off the fd's list under the fd's wait.lock ("claims" it): the request's
 * outcome, an event being queued, or the reaper and flush below, which
 * cancel it.  Completions that may come from any context (a TSP's reply,
 * an event queued from an interrupt) go through task work, which runs in
 * the submitter's context where user memory can be written and the ring
 * can be posted to.
 *
 * Linux 6.1 has no way to ask a driver to cancel its pending uring_cmds
 * (IO_URING_F_CANCEL came in 6.7): io_uring waits for them when the ring
 * is torn down or its task exits, and a pending command keeps a reference
 * on the line fd.  So the core notices by itself: ->flush() cancels the
 * closing process's commands, and a reaper, run every %TAPI_URING_REAP_MS
 * while an fd has pending commands, cancels those whose ring is dying or
 * whose submitting task is exiting.
 *
 * Everything that depends on the io_uring version is in the compat part
 * just below; the rest uses only its helpers.
 */
#include <linux/fs.h>
#include <linux/io_uring.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/workqueue.h>

#include "tapi_core.h"

/*
 * Compat: the io_uring driver API of the kernel we build against.
 *
 * Linux 6.1 (as Debian 12 ships it: io_uring_cmd_done() and the task-work
 * callback take issue_flags) is the only one built and tested.  Later
 * kernels differ in what this block hides: 6.7 adds IO_URING_F_CANCEL and
 * io_uring_cmd_mark_cancelable() (the reaper becomes unnecessary), 6.10
 * moves the API to <linux/io_uring/cmd.h> with io_uring_cmd_to_pdu().  On
 * any other kernel the core builds without io_uring support and does not
 * report %TAPI_FEATURE_URING.
 */
#if IS_ENABLED(CONFIG_IO_URING) && \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0) && \
	LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#define TAPI_HAVE_URING 1
#include <linux/io_uring_types.h>
#include <linux/percpu-refcount.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

typedef void (*tapi_uring_tw_t)(struct io_uring_cmd *ioucmd,
				unsigned int issue_flags);

/* Our per-command pointer, kept in the command's free pdu area. */
static struct tapi_uring_wait **tapi_uring_pdu(struct io_uring_cmd *ioucmd)
{
	static_assert(sizeof(struct tapi_uring_wait *) <=
		      sizeof_field(struct io_uring_cmd, pdu));
	return (struct tapi_uring_wait **)ioucmd->pdu;
}

static void tapi_uring_done(struct io_uring_cmd *ioucmd, int res, u32 res2,
			    unsigned int issue_flags)
{
	io_uring_cmd_done(ioucmd, res, res2, issue_flags);
}

static void tapi_uring_in_task(struct io_uring_cmd *ioucmd, tapi_uring_tw_t fn)
{
	io_uring_cmd_complete_in_task(ioucmd, fn);
}

/*
 * Is nobody going to reap this command's completion: its ring is being
 * torn down (the last ring fd closed), or the task that submitted it is
 * exiting, or its whole process is.  The last one is for an SQPOLL ring:
 * its submitter is the ring's kernel thread, which shares the process's
 * files (so the ring fd stays open) and, when the process is killed,
 * waits for its pending commands before it begins to exit.  Only for a
 * command still pending, whose ring and task are therefore still there.
 */
static bool tapi_uring_orphaned(struct io_uring_cmd *ioucmd)
{
	struct io_kiocb *req = cmd_to_io_kiocb(ioucmd);

	return percpu_ref_is_dying(&req->ctx->refs) ||
	       READ_ONCE(req->task->flags) & PF_EXITING ||
	       READ_ONCE(req->task->signal->flags) & SIGNAL_GROUP_EXIT;
}
#else
#define TAPI_HAVE_URING 0
#endif

/**
 * struct tapi_uring_wait - one pending io_uring command of a line fd
 * @node: entry in lf->uring_events or lf->uring_requests while pending
 *	and unclaimed; under lf->wait.lock
 * @claimed: taken off its list by whoever completes it; under
 *	lf->wait.lock
 * @ioucmd: the command
 * @lf: its line fd (the command holds a reference on the file)
 * @owner: the files of the submitting process, for ->flush()
 * @req: the request whose outcome it waits for (a reference is held), or
 *	NULL for %TAPI_URING_READ_EVENTS
 * @request_id: @req's id, for the completion's second word
 * @buf: %TAPI_URING_READ_EVENTS: the user buffer
 * @len: and its size
 * @result: what to complete with, set by the claimer
 */
struct tapi_uring_wait {
	struct list_head node;
	bool claimed;
	struct io_uring_cmd *ioucmd;
	struct tapi_line_file *lf;
	fl_owner_t owner;
	struct tapi_request *req;
	u32 request_id;
	char __user *buf;
	u32 len;
	int result;
};

/**
 * tapi_uring_supported() - is io_uring support built in
 *
 * Return: true if card and line fds take IORING_OP_URING_CMD.
 */
bool tapi_uring_supported(void)
{
	return TAPI_HAVE_URING;
}

#if TAPI_HAVE_URING

/* Make sure the reaper runs while @lf has pending commands; lock held. */
static void tapi_uring_reap_arm_locked(struct tapi_line_file *lf)
{
	queue_delayed_work(system_wq, &lf->uring_reap,
			   msecs_to_jiffies(TAPI_URING_REAP_MS));
}

static void tapi_uring_add_locked(struct tapi_uring_wait *w,
				  struct list_head *list)
{
	w->claimed = false;
	list_add_tail(&w->node, list);
	tapi_uring_reap_arm_locked(w->lf);
}

/* Claim @w if nobody has: off its list, ours to complete.  Lock held. */
static bool tapi_uring_claim_locked(struct tapi_uring_wait *w)
{
	if (w->claimed)
		return false;
	w->claimed = true;
	list_del_init(&w->node);
	return true;
}

/*
 * Complete a claimed command and free its wait.  Process context (task
 * work, or the reaper's worker), no lock held.  The completion may drop
 * the last reference on the line fd's file: nothing of @w->lf after it.
 */
static void tapi_uring_finish(struct tapi_uring_wait *w, int result,
			      unsigned int issue_flags)
{
	if (w->req)
		tapi_request_put(w->req);
	tapi_uring_done(w->ioucmd, result, w->request_id, issue_flags);
	kfree(w);
}

static void tapi_uring_finish_tw(struct io_uring_cmd *ioucmd,
				 unsigned int issue_flags)
{
	struct tapi_uring_wait *w = *tapi_uring_pdu(ioucmd);

	tapi_uring_finish(w, w->result, issue_flags);
}

/*
 * %TAPI_URING_READ_EVENTS: copy what is queued, or leave @w pending on the
 * fd until something is.  Return: bytes copied, an error, or -EIOCBQUEUED.
 */
static int tapi_uring_read_or_wait(struct tapi_uring_wait *w)
{
	struct tapi_line_file *lf = w->lf;
	ssize_t ret;

	for (;;) {
		ret = tapi_event_read(lf, w->buf, w->len, true);
		if (ret != -EAGAIN)
			return ret;
		spin_lock_irq(&lf->wait.lock);
		if (!tapi_event_pending_locked(lf) && !lf->removed) {
			tapi_uring_add_locked(w, &lf->uring_events);
			spin_unlock_irq(&lf->wait.lock);
			return -EIOCBQUEUED;
		}
		spin_unlock_irq(&lf->wait.lock);
	}
}

/* Events came for a waiting %TAPI_URING_READ_EVENTS: read them. */
static void tapi_uring_events_tw(struct io_uring_cmd *ioucmd,
				 unsigned int issue_flags)
{
	struct tapi_uring_wait *w = *tapi_uring_pdu(ioucmd);
	int ret;

	/*
	 * A task that is exiting, or a worker standing in for it, has no
	 * user memory to copy to, and a ring being torn down no reader (its
	 * buffer may be freed already): the records stay queued.
	 */
	if (current->flags & (PF_EXITING | PF_KTHREAD) || !current->mm ||
	    tapi_uring_orphaned(ioucmd)) {
		ret = -ECANCELED;
	} else {
		ret = tapi_uring_read_or_wait(w);
		if (ret == -EIOCBQUEUED)
			return;
	}
	tapi_uring_finish(w, ret, issue_flags);
}

/**
 * tapi_uring_events_ready_locked() - events were queued on a line fd
 * @lf: the line fd; its wait.lock is held
 * @all: wake every waiting reader (the card is gone), not only the oldest
 *
 * Context: any context.
 */
void tapi_uring_events_ready_locked(struct tapi_line_file *lf, bool all)
{
	struct tapi_uring_wait *w, *tmp;

	list_for_each_entry_safe(w, tmp, &lf->uring_events, node) {
		tapi_uring_claim_locked(w);
		tapi_uring_in_task(w->ioucmd, tapi_uring_events_tw);
		if (!all)
			break;
	}
}

/**
 * tapi_uring_bind_request() - make a started request's outcome the
 *	completion of the io_uring command that started it
 * @ucmd: the command, with its wait allocated
 * @req: the request, with the requester's reference, which passes to the
 *	wait
 *
 * If the outcome is already known, the command completes with it at once.
 *
 * Context: process context.
 * Return: -EIOCBQUEUED.
 */
int tapi_uring_bind_request(struct tapi_ucmd *ucmd, struct tapi_request *req)
{
	struct tapi_uring_wait *w = ucmd->uring_wait;
	struct tapi_line_file *lf = ucmd->lf;
	struct tapi_card *card = req->card;

	ucmd->uring_wait = NULL;
	w->req = req;
	w->request_id = req->id;

	spin_lock_irq(&card->req_lock);
	if (req->finished) {
		w->result = req->result;
		spin_unlock_irq(&card->req_lock);
		tapi_uring_in_task(w->ioucmd, tapi_uring_finish_tw);
		return -EIOCBQUEUED;
	}
	req->uring = w;
	spin_lock(&lf->wait.lock);
	tapi_uring_add_locked(w, &lf->uring_requests);
	spin_unlock(&lf->wait.lock);
	spin_unlock_irq(&card->req_lock);
	return -EIOCBQUEUED;
}

/**
 * tapi_uring_request_finished() - a request bound to a command finished
 * @w: the request's ->uring
 * @result: its outcome
 *
 * Context: any context; the card's req_lock is held.
 * Return: true if the command completes with @result, false if it is
 * being cancelled (the outcome must then go out as a reply event).
 */
bool tapi_uring_request_finished(struct tapi_uring_wait *w, int result)
{
	struct tapi_line_file *lf = w->lf;
	unsigned long flags;
	bool claimed;

	spin_lock_irqsave(&lf->wait.lock, flags);
	claimed = tapi_uring_claim_locked(w);
	spin_unlock_irqrestore(&lf->wait.lock, flags);
	if (claimed) {
		w->result = result;
		tapi_uring_in_task(w->ioucmd, tapi_uring_finish_tw);
	}
	return claimed;
}

/*
 * Cancel claimed commands.  A request goes on; its outcome becomes a reply
 * event (the request's ->uring is cleared, unless it finished meanwhile
 * and saw the claim).
 *
 * @in_task: complete through task work rather than here.  ->flush() may
 * run in the submitter itself while it exits, after io_uring has settled
 * its references on the task: a completion posted directly from there
 * would take one that is never given back.  Task work is run by io_uring,
 * which settles them.
 */
static void tapi_uring_cancel(struct list_head *claimed, bool in_task)
{
	struct tapi_uring_wait *w, *tmp;

	list_for_each_entry_safe(w, tmp, claimed, node) {
		struct tapi_request *req = w->req;

		list_del(&w->node);
		if (req) {
			spin_lock_irq(&req->card->req_lock);
			if (req->uring == w) {
				req->uring = NULL;
				req->sync = false;
			}
			spin_unlock_irq(&req->card->req_lock);
		}
		w->result = -ECANCELED;
		if (in_task)
			tapi_uring_in_task(w->ioucmd, tapi_uring_finish_tw);
		else
			tapi_uring_finish(w, w->result, IO_URING_F_UNLOCKED);
	}
}

/* Claim @lf's pending commands for which @match is true; lock held. */
static void tapi_uring_claim_matching_locked(struct tapi_line_file *lf,
					     bool (*match)(struct tapi_uring_wait *,
							   void *),
					     void *data, struct list_head *out)
{
	struct list_head *lists[] = { &lf->uring_events, &lf->uring_requests };
	struct tapi_uring_wait *w, *tmp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		list_for_each_entry_safe(w, tmp, lists[i], node) {
			if (!match(w, data))
				continue;
			w->claimed = true;
			list_move_tail(&w->node, out);
		}
	}
}

static bool tapi_uring_match_orphaned(struct tapi_uring_wait *w, void *data)
{
	return tapi_uring_orphaned(w->ioucmd);
}

static bool tapi_uring_match_owner(struct tapi_uring_wait *w, void *owner)
{
	return w->owner == owner;
}

static void tapi_uring_reap(struct work_struct *work)
{
	struct tapi_line_file *lf = container_of(to_delayed_work(work),
						 struct tapi_line_file,
						 uring_reap);
	LIST_HEAD(claimed);

	spin_lock_irq(&lf->wait.lock);
	tapi_uring_claim_matching_locked(lf, tapi_uring_match_orphaned, NULL,
					 &claimed);
	if (!list_empty(&lf->uring_events) || !list_empty(&lf->uring_requests))
		tapi_uring_reap_arm_locked(lf);
	spin_unlock_irq(&lf->wait.lock);
	/* A worker: never the submitter, whose references stay right. */
	tapi_uring_cancel(&claimed, false);
}

/**
 * tapi_line_flush() - ->flush() of a line fd: a process closes an fd of it
 * @file: the line fd's file
 * @id: the closing process's files
 *
 * Cancels the io_uring commands that process submitted on the line fd, as
 * POSIX record locks are released: the pending commands hold references
 * on the file, so ->release() would not come while they are pending.
 *
 * Return: 0.
 */
int tapi_line_flush(struct file *file, fl_owner_t id)
{
	struct tapi_line_file *lf = file->private_data;
	LIST_HEAD(claimed);

	spin_lock_irq(&lf->wait.lock);
	tapi_uring_claim_matching_locked(lf, tapi_uring_match_owner, id,
					 &claimed);
	spin_unlock_irq(&lf->wait.lock);
	tapi_uring_cancel(&claimed, true);
	return 0;
}

/* Run one command of the ioctl table; see "io_uring" in the uapi header. */
static int tapi_uring_cmd(struct io_uring_cmd *ioucmd, struct tapi_card *card,
			  struct tapi_line_file *lf, unsigned int on)
{
	const struct tapi_uring_cmd *area = ioucmd->cmd;
	struct tapi_ucmd ucmd = {
		.card = card,
		.lf = lf,
		.uring = true,
	};
	struct tapi_uring_wait *w;
	u64 arg;
	u32 len;
	long ret;

	/* The area is in memory user space shares: read it once. */
	arg = READ_ONCE(area->arg);
	len = READ_ONCE(area->len);
	ucmd.uring_flags = READ_ONCE(area->flags);
	if (ucmd.uring_flags & ~TAPI_URING_VALID)
		return -EINVAL;

	w = kzalloc(sizeof(*w), GFP_KERNEL_ACCOUNT);
	if (!w)
		return -ENOMEM;
	INIT_LIST_HEAD(&w->node);
	w->ioucmd = ioucmd;
	w->lf = lf;
	w->owner = current->files;
	*tapi_uring_pdu(ioucmd) = w;

	if (ioucmd->cmd_op == TAPI_URING_READ_EVENTS) {
		if (!lf)
			ret = -ENOTTY;
		else if (len < sizeof(struct tapi_event))
			ret = -EINVAL;
		else {
			w->buf = u64_to_user_ptr(arg);
			w->len = len;
			ret = tapi_uring_read_or_wait(w);
		}
	} else if (len) {
		ret = -EINVAL;
	} else {
		ucmd.uarg = u64_to_user_ptr(arg);
		ucmd.uring_wait = lf ? w : NULL;
		ret = tapi_ucmd_run(&ucmd, on, ioucmd->cmd_op);
	}
	if (ret != -EIOCBQUEUED)
		kfree(w);
	return ret;
}

/**
 * tapi_line_uring_cmd() - ->uring_cmd() of a line fd
 * @ioucmd: the command
 * @issue_flags: io_uring's IO_URING_F_* flags
 *
 * Return: the command's result, or -EIOCBQUEUED if it completes later.
 */
int tapi_line_uring_cmd(struct io_uring_cmd *ioucmd, unsigned int issue_flags)
{
	struct tapi_line_file *lf = ioucmd->file->private_data;

	return tapi_uring_cmd(ioucmd, lf->line->card, lf, TAPI_ON_LINE);
}

/**
 * tapi_card_uring_cmd() - ->uring_cmd() of a card fd
 * @ioucmd: the command
 * @issue_flags: io_uring's IO_URING_F_* flags
 *
 * Return: the command's result; no card command stays pending.
 */
int tapi_card_uring_cmd(struct io_uring_cmd *ioucmd, unsigned int issue_flags)
{
	return tapi_uring_cmd(ioucmd, ioucmd->file->private_data, NULL,
			      TAPI_ON_CARD);
}

#else /* !TAPI_HAVE_URING */

void tapi_uring_events_ready_locked(struct tapi_line_file *lf, bool all)
{
}

int tapi_uring_bind_request(struct tapi_ucmd *ucmd, struct tapi_request *req)
{
	return -EOPNOTSUPP;
}

bool tapi_uring_request_finished(struct tapi_uring_wait *w, int result)
{
	return false;
}

int tapi_line_flush(struct file *file, fl_owner_t id)
{
	return 0;
}

int tapi_line_uring_cmd(struct io_uring_cmd *ioucmd, unsigned int issue_flags)
{
	return -EOPNOTSUPP;
}

int tapi_card_uring_cmd(struct io_uring_cmd *ioucmd, unsigned int issue_flags)
{
	return -EOPNOTSUPP;
}

static void tapi_uring_reap(struct work_struct *work)
{
}

#endif /* TAPI_HAVE_URING */

/**
 * tapi_uring_init_lf() - set up the io_uring part of a new line fd
 * @lf: the line fd
 */
void tapi_uring_init_lf(struct tapi_line_file *lf)
{
	INIT_LIST_HEAD(&lf->uring_events);
	INIT_LIST_HEAD(&lf->uring_requests);
	INIT_DELAYED_WORK(&lf->uring_reap, tapi_uring_reap);
}

/**
 * tapi_uring_release_lf() - a line fd is freed
 * @lf: the line fd; no command can be pending (each holds the file)
 *
 * Context: process context.
 */
void tapi_uring_release_lf(struct tapi_line_file *lf)
{
	cancel_delayed_work_sync(&lf->uring_reap);
	WARN_ON_ONCE(!list_empty(&lf->uring_events) ||
		     !list_empty(&lf->uring_requests));
}
