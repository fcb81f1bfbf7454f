// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: asynchronous requests (TAPI's request ids and LINE_REPLY).
 *
 * An ioctl creates a request, hands it to the TSP and returns its id; the
 * TSP completes it once, from any context, with tapi_request_complete().
 * The outcome goes to the requester as a %TAPI_EV_REPLY record, to an
 * ioctl waiting for it (%TAPI_REQUEST_SYNC), or as the completion of the
 * io_uring command that started it (uring.c).
 *
 * The outcome can also be decided before the TSP completes: when the call
 * goes idle (-ECANCELED, or 0 for a drop) and when the card goes away
 * (-ENODEV).  A request is "finished" once its outcome is delivered and
 * "tsp_done" once the TSP has completed it or can no longer do so; it is
 * freed when both have happened and nobody waits on it.
 *
 * A request that creates calls (make call, the consultation and conference
 * calls of transfer and conference, pickup, unpark) also carries the
 * requester's new handles, which become valid when the request succeeds,
 * and are removed (and their calls made idle) when it fails.
 *
 * Forward and uncomplete are about a line, not a call: their request has
 * no call, and its reply names none.  A call completion's entry
 * (address.c) goes with the outcome: when its request fails, and when an
 * uncomplete request for it succeeds.
 */
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "tapi_core.h"
#include "trace.h"

static void tapi_request_release(struct kref *ref)
{
	struct tapi_request *req = container_of(ref, struct tapi_request, ref);

	unsigned int i;

	for (i = 0; i < TAPI_REQUEST_NEW_CALLS; i++) {
		if (req->new_handles[i])
			tapi_handle_put(req->new_handles[i]);
	}
	tapi_call_put(req->call);
	kfree(req->reply);
	kfree(req);
}

/**
 * tapi_request_put() - drop a reference on a request
 * @req: the request
 *
 * Context: any context.
 */
void tapi_request_put(struct tapi_request *req)
{
	kref_put(&req->ref, tapi_request_release);
}

/* Is @id the id of one of @lf's outstanding requests; req_lock held. */
static bool tapi_request_id_busy(struct tapi_line_file *lf, u32 id)
{
	struct tapi_request *req;

	list_for_each_entry(req, &lf->requests, lf_node) {
		if (req->id == id)
			return true;
	}
	return false;
}

/**
 * tapi_request_new() - create a request of a line fd about a call
 * @lf: the requester
 * @call: the call, or NULL for a request about the line
 * @op: what is asked
 * @handle: @lf's handle to @call, named in the reply; 0 without a call
 * @sync: the requester will wait with tapi_request_wait()
 *
 * The request is outstanding (it has its id) but not yet with the TSP:
 * tapi_request_submit() hands it over, tapi_request_abort() takes it back.
 * It counts against @lf's replies owed until its reply is read (or it
 * finishes without one); an fd owes at most its event queue's depth.
 *
 * Context: process context.
 * Return: the request with the requester's reference, -ENOMEM, or -EAGAIN
 * when @lf already owes that many replies.
 */
struct tapi_request *tapi_request_new(struct tapi_line_file *lf,
				      struct tapi_call *call,
				      enum tapi_request_op op, u32 handle,
				      bool sync)
{
	struct tapi_card *card = lf->line->card;
	struct tapi_request *req;
	u32 id;

	if (atomic_inc_return(&lf->replies_owed) > kfifo_size(&lf->events)) {
		atomic_dec(&lf->replies_owed);
		return ERR_PTR(-EAGAIN);
	}
	req = kzalloc(sizeof(*req), GFP_KERNEL_ACCOUNT);
	if (req)
		req->reply = kzalloc(sizeof(*req->reply), GFP_KERNEL_ACCOUNT);
	if (!req || !req->reply) {
		kfree(req);
		atomic_dec(&lf->replies_owed);
		return ERR_PTR(-ENOMEM);
	}
	kref_init(&req->ref);
	req->card = card;
	req->call = call ? tapi_call_get(call) : NULL;
	req->op = op;
	req->line = lf->line->index;
	req->handle = handle;
	req->sync = sync;
	init_completion(&req->done);
	INIT_LIST_HEAD(&req->card_node);
	INIT_LIST_HEAD(&req->call_node);
	/* Not with the TSP yet: tapi_request_complete() must not be valid. */
	req->tsp_done = true;

	spin_lock_irq(&card->req_lock);
	/* 1 to INT_MAX: the ioctl returns it as a positive int. */
	do {
		if (++lf->next_request_id > INT_MAX)
			lf->next_request_id = 1;
		id = lf->next_request_id;
	} while (tapi_request_id_busy(lf, id));
	req->id = id;
	req->lf = lf;
	list_add_tail(&req->lf_node, &lf->requests);
	if (call)
		list_add_tail(&req->call_node, &call->requests);
	spin_unlock_irq(&card->req_lock);
	return req;
}

/**
 * tapi_request_submit() - hand a request to the TSP
 * @req: the request
 *
 * The TSP gets its own reference, which tapi_request_complete() drops.
 */
void tapi_request_submit(struct tapi_request *req)
{
	struct tapi_card *card = req->card;

	kref_get(&req->ref);
	spin_lock_irq(&card->req_lock);
	req->tsp_done = false;
	list_add_tail(&req->card_node, &card->requests);
	spin_unlock_irq(&card->req_lock);
	trace_tapi_request_submit(req);
}

/*
 * The outcome of a request that created calls: make their handles valid,
 * or take them back.  Return: true if the new calls must now go idle.
 */
static bool tapi_request_new_calls_done(struct tapi_request *req,
					struct tapi_line_file *lf, int result)
{
	struct tapi_call_handle *h;
	unsigned int i;

	for (i = 0; i < TAPI_REQUEST_NEW_CALLS; i++) {
		h = req->new_handles[i];
		if (!h || !lf)
			continue;
		spin_lock(&h->call->lock);
		if (!result && h->linked) {
			WRITE_ONCE(h->valid, true);
			h->announce = true;
			tapi_call_queue_state_locked(h->call, h);
		}
		spin_unlock(&h->call->lock);
		if (result)
			tapi_handle_remove(h);
	}
	return result && req->new_handles[0];
}

/* A request that created calls failed: they go idle.  No lock held. */
static void tapi_request_new_calls_idle(struct tapi_request *req)
{
	unsigned int i;

	for (i = 0; i < TAPI_REQUEST_NEW_CALLS; i++) {
		if (req->new_handles[i])
			tapi_call_force_idle(req->new_handles[i]->call);
	}
}

/*
 * Deliver the outcome, once.  card->req_lock held.
 * Return: true if the call must now be made idle (a failed make call).
 */
static bool tapi_request_finish_locked(struct tapi_request *req, int result)
{
	struct tapi_line_file *lf = req->lf;
	bool event = !req->sync;
	bool idle = false;

	if (req->finished)
		return false;
	req->finished = true;
	req->result = result;
	trace_tapi_request_complete(req, result);
	req->lf = NULL;
	list_del_init(&req->lf_node);
	list_del_init(&req->call_node);
	if ((req->op == TAPI_OP_COMPLETE_CALL && result) ||
	    (req->op == TAPI_OP_UNCOMPLETE_CALL && !result))
		tapi_completion_remove_locked(req->card, req->completion_id);
	if (req->uring) {
		/* The completion carries it, unless the command is going. */
		event = !tapi_uring_request_finished(req->uring, result);
		req->uring = NULL;
	}
	if (lf && event) {
		req->reply->ev = (struct tapi_event) {
			.type = TAPI_EV_REPLY,
			.line = lf->line->index,
			.call = req->handle,
			.request_id = req->id,
			.param = { (u32)result },
		};
		/* The reply, read, pays what the request owes. */
		if (tapi_event_queue_reply(lf, req->reply))
			req->reply = NULL;
		else
			atomic_dec(&lf->replies_owed);
	} else if (lf) {
		atomic_dec(&lf->replies_owed);
	}
	idle = tapi_request_new_calls_done(req, lf, result);
	complete_all(&req->done);
	return idle;
}

/**
 * tapi_request_abort() - take back a request the TSP refused (or never got)
 * @req: the request
 *
 * No reply is queued; a make-call handle is left to the caller to remove.
 */
void tapi_request_abort(struct tapi_request *req)
{
	struct tapi_card *card = req->card;
	bool put_tsp;

	spin_lock_irq(&card->req_lock);
	put_tsp = !req->tsp_done;
	if (put_tsp) {
		req->tsp_done = true;
		list_del_init(&req->card_node);
	}
	if (req->lf && !req->finished)
		atomic_dec(&req->lf->replies_owed);
	req->finished = true;
	req->lf = NULL;
	list_del_init(&req->lf_node);
	list_del_init(&req->call_node);
	spin_unlock_irq(&card->req_lock);
	if (put_tsp)
		tapi_request_put(req);
}

/**
 * tapi_request_complete() - a TSP reports the outcome of a request
 * @req: the request its operation was given
 * @result: 0 for success, else a negative errno for the application
 *
 * Must be called exactly once for each request the TSP took on (its
 * operation returned 0), and never once the TSP has called
 * tapi_card_unregister(), which completes the rest with -ENODEV.  If the
 * core has already answered the application (the call went idle), this
 * only releases the request.
 *
 * Context: any context.
 */
void tapi_request_complete(struct tapi_request *req, int result)
{
	struct tapi_card *card = req->card;
	unsigned long flags;
	bool idle;

	if (WARN_ON_ONCE(result > 0 || result < -MAX_ERRNO))
		result = -EIO;
	spin_lock_irqsave(&card->req_lock, flags);
	if (req->tsp_done) {
		spin_unlock_irqrestore(&card->req_lock, flags);
		dev_warn_ratelimited(&card->dev,
				     "request %u completed twice\n", req->id);
		return;
	}
	req->tsp_done = true;
	list_del_init(&req->card_node);
	idle = tapi_request_finish_locked(req, result);
	spin_unlock_irqrestore(&card->req_lock, flags);
	if (idle)
		tapi_request_new_calls_idle(req);
	tapi_request_put(req);
}
EXPORT_SYMBOL_GPL(tapi_request_complete);

/**
 * tapi_request_wait() - wait for the outcome of a synchronous request
 * @req: the request, with the caller's reference
 *
 * A signal ends the wait: the request becomes asynchronous, so that its
 * outcome, if still to come, is queued as a reply.
 *
 * Context: process context, no lock held.
 * Return: the outcome, or -EINTR if a signal came first.
 */
int tapi_request_wait(struct tapi_request *req)
{
	struct tapi_card *card = req->card;
	bool finished;

	if (!wait_for_completion_interruptible(&req->done))
		return req->result;
	spin_lock_irq(&card->req_lock);
	finished = req->finished;
	if (!finished)
		req->sync = false;
	spin_unlock_irq(&card->req_lock);
	return finished ? req->result : -EINTR;
}

/**
 * tapi_requests_cancel_call() - a call went idle: finish its requests
 * @call: the call
 *
 * A drop in progress succeeds; anything else fails with -ECANCELED.
 *
 * Context: any context.
 */
void tapi_requests_cancel_call(struct tapi_call *call)
{
	struct tapi_card *card = call->line->card;
	struct tapi_request *req, *tmp;
	unsigned long flags;
	LIST_HEAD(idle);

	spin_lock_irqsave(&card->req_lock, flags);
	list_for_each_entry_safe(req, tmp, &call->requests, call_node) {
		if (tapi_request_finish_locked(req, req->op == TAPI_OP_DROP ?
					       0 : -ECANCELED)) {
			kref_get(&req->ref);
			list_add_tail(&req->idle_node, &idle);
		}
	}
	spin_unlock_irqrestore(&card->req_lock, flags);

	/* The calls those requests created go with them. */
	list_for_each_entry_safe(req, tmp, &idle, idle_node) {
		tapi_request_new_calls_idle(req);
		tapi_request_put(req);
	}
}

/**
 * tapi_requests_detach_lf() - a line fd is closing: no replies for it
 * @lf: the line fd
 *
 * Its requests stay with the TSP, which still completes them.
 */
void tapi_requests_detach_lf(struct tapi_line_file *lf)
{
	struct tapi_card *card = lf->line->card;
	struct tapi_request *req, *tmp;

	spin_lock_irq(&card->req_lock);
	list_for_each_entry_safe(req, tmp, &lf->requests, lf_node) {
		req->lf = NULL;
		list_del_init(&req->lf_node);
	}
	spin_unlock_irq(&card->req_lock);
}

/**
 * tapi_requests_card_gone() - the card is unregistered: finish every
 *	request the TSP still holds with -ENODEV
 * @card: the card; its ops are NULL already
 *
 * The TSP must not complete them any more; the core drops its references.
 *
 * Context: process context.
 */
void tapi_requests_card_gone(struct tapi_card *card)
{
	struct tapi_request *req, *tmp;
	LIST_HEAD(gone);

	spin_lock_irq(&card->req_lock);
	list_for_each_entry_safe(req, tmp, &card->requests, card_node) {
		req->tsp_done = true;
		list_move_tail(&req->card_node, &gone);
		/* The card's calls all go idle as its lines are removed. */
		tapi_request_finish_locked(req, -ENODEV);
	}
	spin_unlock_irq(&card->req_lock);

	list_for_each_entry_safe(req, tmp, &gone, card_node) {
		list_del_init(&req->card_node);
		tapi_request_put(req);
	}
}
