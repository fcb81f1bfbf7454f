// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: what belongs to a line's addresses rather than to a call:
 * their forwarding (%TAPI_IOC_LINE_FORWARD, tapi_address_set_forward())
 * and the call completions the TSP holds for line fds
 * (%TAPI_IOC_CALL_COMPLETE's ids, %TAPI_IOC_LINE_UNCOMPLETE,
 * tapi_completion_finished()).
 *
 * The forwarding in force is the TSP's to report: a request asks the TSP
 * to change it, and the TSP tells the core what it now is, whether a
 * request or the switch itself changed it.  The core keeps that copy for
 * %TAPI_IOC_ADDRESS_GET_STATUS and announces each change to the line's
 * fds.
 *
 * A call completion is the TSP's to carry out; the core keeps, per card,
 * which line fd each pending completion id belongs to (card->completions,
 * under card->req_lock), so that only that fd may cancel it, its call
 * back reaches it, and its close cancels what it left.
 */
#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "tapi_core.h"

static int tapi_fwd_cmp(const void *a, const void *b)
{
	const struct tapi_forward_entry *x = a, *y = b;

	return x->mode < y->mode ? -1 : x->mode > y->mode;
}

/*
 * Check a forwarding list and sort it by mode: each entry one mode bit of
 * @modes (-EOPNOTSUPP for a valid mode outside them), each mode once,
 * destinations non-empty; no-answer time only with a no-answer entry.
 */
static int tapi_fwd_check(struct tapi_forward_entry *e, unsigned int n,
			  u32 no_answer_ms, u32 modes)
{
	u32 seen = 0;
	unsigned int i;

	if (n > TAPI_FORWARD_MAX ||
	    no_answer_ms > TAPI_FORWARD_NO_ANSWER_MS_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!is_power_of_2(e[i].mode) ||
		    e[i].mode & ~TAPI_FORWARD_VALID || e[i].mode & seen ||
		    e[i].reserved ||
		    !tapi_dial_string_ok(e[i].dest, sizeof(e[i].dest), false))
			return -EINVAL;
		seen |= e[i].mode;
	}
	if (no_answer_ms && !(seen & TAPI_FORWARD_NOANSWER))
		return -EINVAL;
	if (seen & ~modes)
		return -EOPNOTSUPP;
	sort(e, n, sizeof(*e), tapi_fwd_cmp, NULL);
	return 0;
}

/* Is @num the number of one of the addresses @line forwards. */
static bool tapi_fwd_to_self(struct tapi_line *line, int address_id,
			     const char *num)
{
	unsigned int i;

	for (i = 0; i < line->caps.num_addresses; i++) {
		if ((address_id < 0 || i == address_id) &&
		    !strcmp(line->addrs[i].address, num))
			return true;
	}
	return false;
}

/**
 * tapi_cmd_line_forward() - %TAPI_IOC_LINE_FORWARD
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_line_forward(struct tapi_ucmd *ucmd)
{
	struct tapi_line_forward *arg = ucmd->cmd;
	struct tapi_line *line = ucmd->lf->line;
	bool all = arg->flags & TAPI_LINE_FORWARD_ALL_ADDRESSES;
	/* Sorted here: what user space gave is written back as it was. */
	struct tapi_forward_entry e[TAPI_FORWARD_MAX];
	struct tapi_forward_list fwd = {
		.num_entries = arg->num_entries,
		.no_answer_ms = arg->no_answer_ms,
		.entries = e,
	};
	struct tapi_request_args args = {
		.line = line->index,
		.address_id = all ? -1 : (int)arg->address_id,
		.fwd = &fwd,
	};
	u32 lacking = 0, modes = TAPI_FORWARD_VALID;
	unsigned int i;
	bool sync;
	int ret;

	if (arg->flags & ~TAPI_LINE_FORWARD_VALID)
		return -EOPNOTSUPP;
	ret = tapi_request_sync(ucmd, arg->flags, &sync);
	if (ret)
		return ret;
	if (arg->num_entries > TAPI_FORWARD_MAX ||
	    memchr_inv(&arg->entries[arg->num_entries], 0,
		       sizeof(arg->entries[0]) *
		       (TAPI_FORWARD_MAX - arg->num_entries)) ||
	    (all && arg->address_id))
		return -EINVAL;
	memcpy(e, arg->entries, sizeof(e));
	ret = tapi_fwd_check(e, arg->num_entries, arg->no_answer_ms,
			     TAPI_FORWARD_VALID);
	if (ret)
		return ret;
	if (arg->address_id >= line->caps.num_addresses)
		return -ENOENT;

	/* Every address forwarded must be able to, in every mode asked. */
	for (i = 0; i < line->caps.num_addresses; i++) {
		if (!all && i != arg->address_id)
			continue;
		lacking |= ~line->addrs[i].address_features &
			   TAPI_ADDRFEATURE_FORWARD;
		modes &= line->addrs[i].forward_modes;
	}
	if (!ucmd->card->ops->forward || lacking ||
	    (all && !(line->caps.line_features & TAPI_LINEFEATURE_FORWARD)))
		return -EOPNOTSUPP;
	ret = tapi_fwd_check(e, arg->num_entries, arg->no_answer_ms, modes);
	if (ret)
		return ret;
	for (i = 0; i < arg->num_entries; i++) {
		if (tapi_fwd_to_self(line, args.address_id, e[i].dest))
			return -EINVAL;
	}

	return tapi_line_op(ucmd, sync, TAPI_OP_FORWARD, &args,
			    &arg->request_id);
}

/**
 * tapi_address_fill_forward() - the forwarding part of an address's status
 * @line: the line
 * @address_id: the address, checked by the caller
 * @st: the reply
 *
 * Context: any context.
 */
void tapi_address_fill_forward(struct tapi_line *line,
			       unsigned int address_id,
			       struct tapi_address_status *st)
{
	const struct tapi_address_fwd *f = &line->fwd[address_id];
	unsigned long flags;

	memset(st->forward, 0, sizeof(st->forward));
	spin_lock_irqsave(&line->fwd_lock, flags);
	st->num_forward = f->num;
	st->forward_no_answer_ms = f->no_answer_ms;
	memcpy(st->forward, f->entries, f->num * sizeof(f->entries[0]));
	spin_unlock_irqrestore(&line->fwd_lock, flags);
}

/* The modes of a forwarding state, as bits. */
static u32 tapi_fwd_modes(const struct tapi_address_fwd *f)
{
	u32 modes = 0;
	unsigned int i;

	for (i = 0; i < f->num; i++)
		modes |= f->entries[i].mode;
	return modes;
}

/**
 * tapi_address_set_forward() - report the forwarding now in force on an
 *	address
 * @card: the card
 * @line: the line index
 * @address_id: the address of the line
 * @fwd: what is in force: entries as %TAPI_IOC_LINE_FORWARD takes them
 *	(each mode one of the address's forward_modes, at most once,
 *	destinations non-empty); @fwd->num_entries 0 for no forwarding.
 *	Copied.
 *
 * A TSP reports with this what a forward request made of an address, or
 * what the switch changed on its own.  A change is queued as
 * %TAPI_EV_ADDRESSSTATE (%TAPI_ADDRSTATE_FORWARD, param[2] the modes
 * forwarded) on every fd of the line; %TAPI_IOC_ADDRESS_GET_STATUS shows
 * the entries.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for a NULL @card, a bad line, address or list;
 * -ENODEV once the card is unregistered.  Refusals are logged,
 * ratelimited.
 */
int tapi_address_set_forward(struct tapi_card *card, unsigned int line,
			     unsigned int address_id,
			     const struct tapi_forward_list *fwd)
{
	struct tapi_address_fwd f = { };
	struct tapi_event ev = {
		.type = TAPI_EV_ADDRESSSTATE,
		.line = line,
		.param = { address_id, TAPI_ADDRSTATE_FORWARD },
	};
	struct tapi_line *tline;
	unsigned long flags;
	bool changed;

	if (!card) {
		tapi_tsp_refused_nocard("forwarding of a NULL card, refused\n");
		return -EINVAL;
	}
	if (tapi_card_gone(card)) {
		tapi_tsp_refused(card, "forwarding reported after the card was unregistered, refused\n");
		return -ENODEV;
	}
	if (line >= card->num_lines || !fwd ||
	    fwd->num_entries > TAPI_FORWARD_MAX ||
	    (fwd->num_entries && !fwd->entries))
		goto bad;
	tline = card->lines[line];
	if (address_id >= tline->caps.num_addresses)
		goto bad;
	f.num = fwd->num_entries;
	f.no_answer_ms = fwd->no_answer_ms;
	memcpy(f.entries, fwd->entries, f.num * sizeof(f.entries[0]));
	if (tapi_fwd_check(f.entries, f.num, 0,
			   tline->addrs[address_id].forward_modes))
		goto bad;
	if (!(tapi_fwd_modes(&f) & TAPI_FORWARD_NOANSWER))
		f.no_answer_ms = 0;

	spin_lock_irqsave(&tline->fwd_lock, flags);
	changed = memcmp(&tline->fwd[address_id], &f, sizeof(f));
	tline->fwd[address_id] = f;
	spin_unlock_irqrestore(&tline->fwd_lock, flags);
	if (changed) {
		ev.param[2] = tapi_fwd_modes(&f);
		tapi_line_broadcast(tline, &ev);
	}
	return 0;

bad:
	tapi_tsp_refused(card, "bad forwarding of line %u address %u, refused\n",
			 line, address_id);
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(tapi_address_set_forward);

/* Call completions */

/* The pending completion @id of @card, or NULL; req_lock held. */
static struct tapi_completion *tapi_completion_find(struct tapi_card *card,
						    u32 id)
{
	struct tapi_completion *c;

	list_for_each_entry(c, &card->completions, node) {
		if (c->id == id)
			return c;
	}
	return NULL;
}

/**
 * tapi_completion_add() - a new call completion of a line fd
 * @lf: the line fd asking for it
 * @id: its id, unique on the card among the pending ones, from 1
 *
 * Return: 0, -ENOSPC when @lf has %TAPI_MAX_COMPLETIONS pending, -ENOMEM.
 */
int tapi_completion_add(struct tapi_line_file *lf, u32 *id)
{
	struct tapi_card *card = lf->line->card;
	struct tapi_completion *c, *n;
	unsigned int mine = 0;

	n = kzalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	n->lf = lf;
	spin_lock_irq(&card->req_lock);
	list_for_each_entry(c, &card->completions, node)
		mine += c->lf == lf;
	if (mine >= TAPI_MAX_COMPLETIONS) {
		spin_unlock_irq(&card->req_lock);
		kfree(n);
		return -ENOSPC;
	}
	/* Cyclic, skipping 0 and the ids in use. */
	do {
		n->id = ++card->next_completion_id;
	} while (!n->id || tapi_completion_find(card, n->id));
	list_add_tail(&n->node, &card->completions);
	spin_unlock_irq(&card->req_lock);
	*id = n->id;
	return 0;
}

/**
 * tapi_completion_remove_locked() - a completion is over
 * @card: the card
 * @id: its id; an id not pending is ignored
 *
 * Context: card->req_lock held.
 */
void tapi_completion_remove_locked(struct tapi_card *card, u32 id)
{
	struct tapi_completion *c = tapi_completion_find(card, id);

	lockdep_assert_held(&card->req_lock);
	if (!c)
		return;
	list_del(&c->node);
	kfree(c);
}

/**
 * tapi_completion_remove() - a completion is over
 * @card: the card
 * @id: its id; an id not pending is ignored
 *
 * Context: any context.
 */
void tapi_completion_remove(struct tapi_card *card, u32 id)
{
	unsigned long flags;

	spin_lock_irqsave(&card->req_lock, flags);
	tapi_completion_remove_locked(card, id);
	spin_unlock_irqrestore(&card->req_lock, flags);
}

/**
 * tapi_completion_finished() - a TSP reports that a call completion is
 *	over
 * @card: the card
 * @completion_id: the id &tapi_tsp_ops.complete_call was given
 *
 * For what the core cannot see for itself: a camp-on that reached the
 * far end, a completion the switch gave up.  (A call back offered with
 * &tapi_call_offer.completion_id ends its completion already.)  From then
 * on the id names nothing for the application, which may get it again
 * for a new completion.  An id not pending is ignored, and so is a NULL
 * @card (logged).
 *
 * Context: any context.
 */
void tapi_completion_finished(struct tapi_card *card, u32 completion_id)
{
	if (!card) {
		tapi_tsp_refused_nocard("completion of a NULL card finished, refused\n");
		return;
	}
	tapi_completion_remove(card, completion_id);
}
EXPORT_SYMBOL_GPL(tapi_completion_finished);

/**
 * tapi_completion_claim() - the call back of a completion arrives
 * @card: the card
 * @id: the completion's id
 *
 * The completion is over.
 *
 * Context: card->lock held (so the fd returned, if on its line's list of
 * opens, stays open).
 * Return: the line fd that asked for it, or NULL if none is pending: a
 * pointer to compare with the line's open fds only, never to follow.
 */
struct tapi_line_file *tapi_completion_claim(struct tapi_card *card, u32 id)
{
	struct tapi_line_file *lf = NULL;
	struct tapi_completion *c;

	lockdep_assert_held(&card->lock);
	spin_lock_irq(&card->req_lock);
	c = tapi_completion_find(card, id);
	if (c) {
		lf = c->lf;
		list_del(&c->node);
		kfree(c);
	}
	spin_unlock_irq(&card->req_lock);
	return lf;
}

/**
 * tapi_cmd_line_uncomplete() - %TAPI_IOC_LINE_UNCOMPLETE
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_line_uncomplete(struct tapi_ucmd *ucmd)
{
	struct tapi_line_uncomplete *arg = ucmd->cmd;
	struct tapi_line_file *lf = ucmd->lf;
	struct tapi_card *card = ucmd->card;
	struct tapi_request_args args = {
		.line = lf->line->index,
		.completion_id = arg->completion_id,
	};
	struct tapi_completion *c;
	bool sync, mine;
	int ret;

	if (arg->flags & ~TAPI_REQUEST_VALID)
		return -EOPNOTSUPP;
	ret = tapi_request_sync(ucmd, arg->flags, &sync);
	if (ret)
		return ret;
	spin_lock_irq(&card->req_lock);
	c = tapi_completion_find(card, arg->completion_id);
	mine = c && c->lf == lf;
	spin_unlock_irq(&card->req_lock);
	if (!mine)
		return -ENOENT;
	if (!tapi_op_present(card->ops, TAPI_OP_UNCOMPLETE_CALL))
		return -EOPNOTSUPP;

	return tapi_line_op(ucmd, sync, TAPI_OP_UNCOMPLETE_CALL, &args,
			    &arg->request_id);
}

/**
 * tapi_completions_release() - a line fd closes: cancel its completions
 * @lf: the line fd, off its line's list of opens already
 *
 * Each is taken out of the card's list, then the TSP is told to forget
 * it (&tapi_tsp_ops.uncomplete_call with no request), if the card is
 * still there.
 *
 * Context: process context, no lock held.
 */
void tapi_completions_release(struct tapi_line_file *lf)
{
	struct tapi_card *card = lf->line->card;
	struct tapi_completion *c, *tmp;
	LIST_HEAD(gone);

	spin_lock_irq(&card->req_lock);
	list_for_each_entry_safe(c, tmp, &card->completions, node) {
		if (c->lf == lf)
			list_move_tail(&c->node, &gone);
	}
	spin_unlock_irq(&card->req_lock);
	if (list_empty(&gone))
		return;

	down_read(&card->ops_sem);
	list_for_each_entry_safe(c, tmp, &gone, node) {
		struct tapi_tsp_frame f;

		if (card->ops && card->ops->uncomplete_call) {
			tapi_tsp_enter(card, &f, false);
			card->ops->uncomplete_call(card, lf->line->index,
						   c->id, NULL);
			tapi_tsp_leave(card, &f);
		}
		list_del(&c->node);
		kfree(c);
	}
	up_read(&card->ops_sem);
}
