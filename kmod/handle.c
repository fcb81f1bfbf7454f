// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: call handles.  A handle is one line fd's name for a call
 * (TAPI's hCall): a u32 in the fd's xarray, allocated cyclically from 1 so
 * that a stale handle does not soon name another call.  This file gives
 * handles out (inbound distribution by media mode and priority, monitors,
 * handoff, get new calls), changes their privilege and takes them back
 * (deallocate, line fd closed).
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "tapi_core.h"

static void tapi_handle_release(struct kref *ref)
{
	struct tapi_call_handle *h = container_of(ref, struct tapi_call_handle,
						  ref);

	tapi_call_put(h->call);
	kfree(h);
}

/**
 * tapi_handle_put() - drop a reference on a handle
 * @h: the handle
 *
 * Context: any context.
 */
void tapi_handle_put(struct tapi_call_handle *h)
{
	kref_put(&h->ref, tapi_handle_release);
}

/**
 * tapi_handle_new() - allocate a handle to @call in @lf's table
 * @lf: the line fd
 * @call: the call
 *
 * The handle is in the table but not on the call (lookups fail with
 * -ENOENT) until tapi_handle_link().  Its one reference is the table's.
 *
 * Context: process context.
 * Return: the handle, or an ERR_PTR() (-ENOMEM, -EBUSY when the fd has
 * 2^32 - 1 handles).
 */
struct tapi_call_handle *tapi_handle_new(struct tapi_line_file *lf,
					 struct tapi_call *call)
{
	struct tapi_call_handle *h;
	int ret;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return ERR_PTR(-ENOMEM);
	kref_init(&h->ref);
	h->lf = lf;
	h->call = tapi_call_get(call);
	INIT_LIST_HEAD(&h->call_node);
	ret = xa_alloc_cyclic_irq(&lf->handles, &h->handle, h, xa_limit_32b,
				  &lf->next_handle, GFP_KERNEL_ACCOUNT);
	if (ret < 0) {
		tapi_call_put(call);
		kfree(h);
		return ERR_PTR(ret);
	}
	return h;
}

/* The info field a handle of @privilege counts in. */
static u32 tapi_priv_field(u32 privilege)
{
	return privilege == TAPI_PRIV_OWNER ? TAPI_CALLINFO_NUMOWNERS :
					      TAPI_CALLINFO_NUMMONITORS;
}

static void tapi_count_priv_locked(struct tapi_call *call, u32 privilege,
				   int delta)
{
	if (privilege == TAPI_PRIV_OWNER)
		call->num_owners += delta;
	else
		call->num_monitors += delta;
}

/* Queue NEWCALL for a fresh handle, then its first CALLSTATE. */
static void tapi_handle_newcall_locked(struct tapi_call_handle *h)
{
	struct tapi_call *call = h->call;
	struct tapi_event ev = {
		.type = TAPI_EV_NEWCALL,
		.line = call->line->index,
		.call = h->handle,
		.param = { call->address_id, h->privilege, call->id },
	};

	tapi_event_queue(h->lf, &ev);
	tapi_call_queue_state_locked(call, h);
}

/**
 * tapi_handle_link() - put a new handle on its call
 * @h: a handle from tapi_handle_new()
 * @privilege: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR
 * @valid: usable at once; a make-call handle waits for its reply
 * @newcall: queue %TAPI_EV_NEWCALL and the first %TAPI_EV_CALLSTATE
 *
 * The other handles of the call get %TAPI_EV_CALLINFO with the count that
 * changed.
 *
 * Context: any context.
 * Return: 0.
 */
int tapi_handle_link(struct tapi_call_handle *h, u32 privilege, bool valid,
		     bool newcall)
{
	struct tapi_call *call = h->call;
	unsigned long flags;

	spin_lock_irqsave(&call->lock, flags);
	tapi_call_fanout_info_locked(call, tapi_priv_field(privilege));
	h->privilege = privilege;
	h->announce = true;
	h->linked = true;
	WRITE_ONCE(h->valid, valid);
	list_add_tail(&h->call_node, &call->handles);
	tapi_count_priv_locked(call, privilege, 1);
	if (valid && newcall)
		tapi_handle_newcall_locked(h);
	spin_unlock_irqrestore(&call->lock, flags);
	return 0;
}

/**
 * tapi_handle_get() - look a valid handle up in a line fd's table
 * @lf: the line fd
 * @handle: the handle number from user space
 *
 * Context: any context.
 * Return: the handle with a reference (tapi_handle_put() it), or NULL.
 */
struct tapi_call_handle *tapi_handle_get(struct tapi_line_file *lf,
					 u32 handle)
{
	struct tapi_call_handle *h;
	unsigned long flags;

	xa_lock_irqsave(&lf->handles, flags);
	h = xa_load(&lf->handles, handle);
	if (h && READ_ONCE(h->valid))
		kref_get(&h->ref);
	else
		h = NULL;
	xa_unlock_irqrestore(&lf->handles, flags);
	return h;
}

/* Take @h off its call; call->lock held.  Return: the info field changed. */
static u32 tapi_handle_unlink_locked(struct tapi_call_handle *h)
{
	if (!h->linked)
		return 0;
	list_del_init(&h->call_node);
	h->linked = false;
	tapi_mctl_handle_gone(h->call, h->mctl_id);
	WRITE_ONCE(h->valid, false);
	tapi_count_priv_locked(h->call, h->privilege, -1);
	return tapi_priv_field(h->privilege);
}

/* Drop the table's reference, once. */
static void tapi_handle_erase(struct tapi_call_handle *h)
{
	struct tapi_line_file *lf = h->lf;
	struct tapi_call_handle *entry;
	unsigned long flags;

	xa_lock_irqsave(&lf->handles, flags);
	entry = __xa_cmpxchg(&lf->handles, h->handle, h, NULL, 0);
	xa_unlock_irqrestore(&lf->handles, flags);
	if (entry == h)
		tapi_handle_put(h);
}

/**
 * tapi_handle_remove() - take a handle away, whatever the call's state
 * @h: the handle; the caller's own reference, if any, stays
 *
 * Context: any context, no core spinlock held.
 */
void tapi_handle_remove(struct tapi_call_handle *h)
{
	struct tapi_call *call = h->call;
	unsigned long flags;
	u32 field;

	spin_lock_irqsave(&call->lock, flags);
	field = tapi_handle_unlink_locked(h);
	if (field)
		tapi_call_fanout_info_locked(call, field);
	spin_unlock_irqrestore(&call->lock, flags);
	tapi_handle_erase(h);
}

/* Would @h leaving ownership leave a live call without an owner. */
static bool tapi_handle_last_owner_locked(struct tapi_call_handle *h)
{
	struct tapi_call *call = h->call;

	return h->privilege == TAPI_PRIV_OWNER && call->num_owners == 1 &&
	       call->state != TAPI_CALLSTATE_IDLE;
}

/**
 * tapi_handle_dealloc() - %TAPI_IOC_CALL_DEALLOCATE
 * @h: the handle, looked up by the caller
 *
 * Return: 0, -EBUSY if @h is the only owner of a call that is not idle,
 * -ENOENT if it went away meanwhile.
 */
int tapi_handle_dealloc(struct tapi_call_handle *h)
{
	struct tapi_call *call = h->call;
	u32 field;

	spin_lock_irq(&call->lock);
	if (!h->linked) {
		spin_unlock_irq(&call->lock);
		return -ENOENT;
	}
	if (tapi_handle_last_owner_locked(h)) {
		spin_unlock_irq(&call->lock);
		return -EBUSY;
	}
	field = tapi_handle_unlink_locked(h);
	tapi_call_fanout_info_locked(call, field);
	spin_unlock_irq(&call->lock);
	tapi_handle_erase(h);
	return 0;
}

/* Change the privilege of a linked handle; call->lock held. */
static void tapi_handle_set_priv_locked(struct tapi_call_handle *h,
					u32 privilege)
{
	struct tapi_call *call = h->call;

	tapi_count_priv_locked(call, h->privilege, -1);
	tapi_count_priv_locked(call, privilege, 1);
	h->privilege = privilege;
	/* Everybody hears of the counts; @h also of its new privilege. */
	tapi_call_fanout_info_locked(call, TAPI_CALLINFO_NUMOWNERS |
					   TAPI_CALLINFO_NUMMONITORS);
	h->announce = true;
	if (h->valid)
		tapi_call_queue_state_locked(call, h);
}

/**
 * tapi_handle_set_privilege() - %TAPI_IOC_CALL_SET_PRIVILEGE
 * @h: the handle, looked up by the caller
 * @privilege: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR
 *
 * Return: 0, -EINVAL for another @privilege, -EBUSY when the only owner
 * of a live call would step down, -ENOENT if @h went away meanwhile.
 */
int tapi_handle_set_privilege(struct tapi_call_handle *h, u32 privilege)
{
	struct tapi_call *call = h->call;
	int ret = 0;

	if (privilege != TAPI_PRIV_OWNER && privilege != TAPI_PRIV_MONITOR)
		return -EINVAL;
	spin_lock_irq(&call->lock);
	if (!h->linked)
		ret = -ENOENT;
	else if (h->privilege == privilege)
		ret = 0;
	else if (tapi_handle_last_owner_locked(h))
		ret = -EBUSY;
	else
		tapi_handle_set_priv_locked(h, privilege);
	spin_unlock_irq(&call->lock);
	return ret;
}

/* This fd's priority for a call of @media_mode: the best of its bits. */
static u32 tapi_lf_priority(const struct tapi_line_file *lf, u32 media_mode)
{
	unsigned long bits = lf->media_modes & media_mode;
	unsigned int bit;
	u32 best = 0;

	for_each_set_bit(bit, &bits, TAPI_MEDIA_BITS)
		best = max(best, lf->priority[bit]);
	return best;
}

/*
 * The owner a call of @media_mode goes to: the highest priority, the
 * first opener among equals.  card->lock held.
 */
static struct tapi_line_file *tapi_pick_owner(struct tapi_line *line,
					      u32 media_mode)
{
	struct tapi_line_file *lf, *best = NULL;
	u32 prio, best_prio = 0;

	list_for_each_entry(lf, &line->opens, node) {
		if (!(lf->privileges & TAPI_PRIV_OWNER) ||
		    !(lf->media_modes & media_mode))
			continue;
		prio = tapi_lf_priority(lf, media_mode);
		if (!best || prio > best_prio) {
			best = lf;
			best_prio = prio;
		}
	}
	return best;
}

/* Give @lf a new valid handle with events; card->lock held. */
static void tapi_handle_give(struct tapi_line_file *lf, struct tapi_call *call,
			     u32 privilege)
{
	struct tapi_call_handle *h;

	h = tapi_handle_new(lf, call);
	if (IS_ERR(h)) {
		dev_warn_ratelimited(&call->line->card->dev,
				     "line %u: call %u: no handle for '%s': %ld\n",
				     call->line->index, call->id, lf->app_name,
				     PTR_ERR(h));
		return;
	}
	tapi_handle_link(h, privilege, true, true);
}

/* Does @lf own calls of @media_mode on @line now; card->lock held. */
static bool tapi_lf_owns(struct tapi_line *line, struct tapi_line_file *lf,
			 u32 media_mode)
{
	struct tapi_line_file *o;

	list_for_each_entry(o, &line->opens, node) {
		if (o == lf)
			return lf->privileges & TAPI_PRIV_OWNER &&
			       lf->media_modes & media_mode;
	}
	return false;
}

/* Give the line's fds their handles: @owner, or none if NULL, an owner's. */
static void tapi_call_give_handles(struct tapi_call *call,
				   struct tapi_line_file *except,
				   struct tapi_line_file *owner)
{
	struct tapi_line *line = call->line;
	struct tapi_line_file *lf;
	u32 priv;

	list_for_each_entry(lf, &line->opens, node) {
		if (lf == except)
			continue;
		if (lf == owner)
			priv = TAPI_PRIV_OWNER;
		else if (lf->privileges & TAPI_PRIV_MONITOR)
			priv = TAPI_PRIV_MONITOR;
		else
			continue;
		tapi_handle_give(lf, call, priv);
	}
}

/**
 * tapi_call_distribute() - give a new call's handles to the line's fds
 * @call: the call
 * @except: the fd that placed the call (it has its handle), or NULL for
 *	an inbound call, which then gets an owner
 *
 * Context: card->lock held.
 */
void tapi_call_distribute(struct tapi_call *call,
			  struct tapi_line_file *except)
{
	lockdep_assert_held(&call->line->card->lock);
	if (READ_ONCE(call->state) == TAPI_CALLSTATE_IDLE)
		return;
	tapi_call_give_handles(call, except, except ? NULL :
			       tapi_pick_owner(call->line, call->media_mode));
}

/**
 * tapi_call_distribute_to() - give an inbound call's handles to the
 *	line's fds, the owner's to one fd if it can take it
 * @call: the call
 * @owner: the fd that should own it (a call completion's requester), or
 *	NULL; a pointer that may be stale: it is only compared with the
 *	line's open fds.  If it is not one of them, or does not own the
 *	call's media mode, the owner is picked as for any inbound call.
 *
 * Context: card->lock held.
 */
void tapi_call_distribute_to(struct tapi_call *call,
			     struct tapi_line_file *owner)
{
	struct tapi_line *line = call->line;

	lockdep_assert_held(&line->card->lock);
	if (READ_ONCE(call->state) == TAPI_CALLSTATE_IDLE)
		return;
	if (!owner || !tapi_lf_owns(line, owner, call->media_mode))
		owner = tapi_pick_owner(line, call->media_mode);
	tapi_call_give_handles(call, NULL, owner);
}

/* @lf's handle to @call, or NULL; call->lock held. */
static struct tapi_call_handle *tapi_find_handle_locked(struct tapi_call *call,
							struct tapi_line_file *lf)
{
	struct tapi_call_handle *h;

	list_for_each_entry(h, &call->handles, call_node) {
		if (h->lf == lf)
			return h;
	}
	return NULL;
}

/* The fd a handoff goes to; card->lock held.  ERR_PTR() if none. */
static struct tapi_line_file *tapi_handoff_target(struct tapi_line_file *self,
						  u32 media_mode,
						  const char *app_name)
{
	struct tapi_line_file *lf;
	bool self_matches = false;

	if (media_mode) {
		lf = tapi_pick_owner(self->line, media_mode);
		if (!lf)
			return ERR_PTR(-ESRCH);
		return lf == self ? ERR_PTR(-EINVAL) : lf;
	}
	list_for_each_entry(lf, &self->line->opens, node) {
		if (!(lf->privileges & TAPI_PRIV_OWNER) ||
		    strcmp(lf->app_name, app_name))
			continue;
		if (lf != self)
			return lf;
		self_matches = true;
	}
	return ERR_PTR(self_matches ? -EINVAL : -ESRCH);
}

/**
 * tapi_handoff() - %TAPI_IOC_CALL_HANDOFF
 * @h: the caller's handle, looked up by the caller
 * @media_mode: one media mode bit, or 0 for a directed handoff
 * @app_name: the target's name for a directed handoff, NUL-terminated
 *
 * Return: 0, -EINVAL for bad arguments or a handoff to the caller itself,
 * -EPERM if @h is not an owner, -ESRCH if there is no target, -ENOENT if
 * @h went away meanwhile, -ENOMEM.
 */
int tapi_handoff(struct tapi_call_handle *h, u32 media_mode,
		 const char *app_name)
{
	struct tapi_call *call = h->call;
	struct tapi_card *card = call->line->card;
	struct tapi_call_handle *th;
	struct tapi_line_file *target;
	int ret = 0;

	if (!media_mode == !app_name[0])
		return -EINVAL;
	if (media_mode && (!is_power_of_2(media_mode) ||
			   media_mode & ~TAPI_MEDIA_VALID))
		return -EINVAL;

	mutex_lock(&card->lock);
	spin_lock_irq(&call->lock);
	if (!h->linked)
		ret = -ENOENT;
	else if (h->privilege != TAPI_PRIV_OWNER)
		ret = -EPERM;
	spin_unlock_irq(&call->lock);
	if (ret)
		goto out;

	target = tapi_handoff_target(h->lf, media_mode, app_name);
	if (IS_ERR(target)) {
		ret = PTR_ERR(target);
		goto out;
	}

	spin_lock_irq(&call->lock);
	th = tapi_find_handle_locked(call, target);
	if (th && th->privilege != TAPI_PRIV_OWNER)
		tapi_handle_set_priv_locked(th, TAPI_PRIV_OWNER);
	spin_unlock_irq(&call->lock);
	if (!th) {
		th = tapi_handle_new(target, call);
		if (IS_ERR(th))
			ret = PTR_ERR(th);
		else
			tapi_handle_link(th, TAPI_PRIV_OWNER, true, true);
	}
out:
	mutex_unlock(&card->lock);
	return ret;
}

/*
 * Take references on up to @max calls of @line, oldest first.
 * Return: how many were stored in @calls.
 */
static unsigned int tapi_line_grab_calls(struct tapi_line *line,
					 struct tapi_call **calls,
					 unsigned int max)
{
	struct tapi_call *call;
	unsigned int n = 0;

	spin_lock_irq(&line->calls_lock);
	list_for_each_entry(call, &line->calls, line_node) {
		if (n == max)
			break;
		/* A call on the list may be on its way out. */
		if (kref_get_unless_zero(&call->ref))
			calls[n++] = call;
	}
	spin_unlock_irq(&line->calls_lock);
	return n;
}

static unsigned int tapi_line_num_calls(struct tapi_line *line)
{
	struct tapi_call *call;
	unsigned int n = 0;

	spin_lock_irq(&line->calls_lock);
	list_for_each_entry(call, &line->calls, line_node)
		n++;
	spin_unlock_irq(&line->calls_lock);
	return n;
}

/*
 * Does @lf want a new handle to @call: on the address asked for, not idle,
 * no handle yet.
 */
static bool tapi_wants_handle(struct tapi_line_file *lf, struct tapi_call *call,
			      const struct tapi_line_new_calls *arg)
{
	bool want;

	if (arg->flags & TAPI_NEW_CALLS_ADDRESS &&
	    call->address_id != arg->address_id)
		return false;
	spin_lock_irq(&call->lock);
	want = call->state != TAPI_CALLSTATE_IDLE &&
	       !tapi_find_handle_locked(call, lf);
	spin_unlock_irq(&call->lock);
	return want;
}

/**
 * tapi_line_new_calls() - %TAPI_IOC_LINE_GET_NEW_CALLS
 * @lf: the line fd
 * @ucmd: the command; its argument's flags are checked
 *
 * The handles and the counts reach user space before this returns (the
 * command responds itself); if they cannot, the handles are taken back.
 *
 * Return: 0, -ENOENT for a bad address, -EFAULT (no handle is left
 * behind), -ENOMEM.
 */
int tapi_line_new_calls(struct tapi_line_file *lf, struct tapi_ucmd *ucmd)
{
	struct tapi_line_new_calls *arg = ucmd->cmd;
	struct tapi_line *line = lf->line;
	struct tapi_card *card = line->card;
	struct tapi_call_handle **made = NULL;
	struct tapi_call **calls;
	unsigned int n, i, count = 0, remaining = 0;
	u32 *numbers = NULL;
	int ret = 0;

	if (arg->flags & TAPI_NEW_CALLS_ADDRESS &&
	    arg->address_id >= line->caps.num_addresses)
		return -ENOENT;

	/* Calls come and go: take what is there now, plus some slack. */
	n = tapi_line_num_calls(line) + 8;
	calls = kvcalloc(n, sizeof(*calls), GFP_KERNEL);
	if (!calls)
		return -ENOMEM;
	n = tapi_line_grab_calls(line, calls, n);
	if (arg->capacity) {
		made = kvcalloc(min(n, arg->capacity), sizeof(*made),
				GFP_KERNEL);
		numbers = kvcalloc(min(n, arg->capacity), sizeof(*numbers),
				   GFP_KERNEL);
		if (!made || !numbers) {
			ret = -ENOMEM;
			goto out;
		}
	}

	/* Serializes with distribution, so no call gets two handles. */
	mutex_lock(&card->lock);
	for (i = 0; i < n; i++) {
		struct tapi_call_handle *h;

		if (!tapi_wants_handle(lf, calls[i], arg))
			continue;
		if (count == arg->capacity || count == n) {
			remaining++;
			continue;
		}
		h = tapi_handle_new(lf, calls[i]);
		if (IS_ERR(h)) {
			ret = PTR_ERR(h);
			break;
		}
		/* A line fd without privileges watches calls, not people. */
		h->hide_parties = lf->privileges == TAPI_PRIV_NONE;
		tapi_handle_link(h, TAPI_PRIV_MONITOR, true, false);
		made[count] = h;
		numbers[count++] = h->handle;
	}
	mutex_unlock(&card->lock);

	arg->count = count;
	arg->remaining = remaining;
	if (!ret && count &&
	    copy_to_user(u64_to_user_ptr(arg->handles), numbers,
			 count * sizeof(*numbers)))
		ret = -EFAULT;
	if (!ret)
		ret = tapi_ucmd_respond(ucmd);
	if (ret) {
		for (i = 0; i < count; i++)
			tapi_handle_remove(made[i]);
	}
out:
	for (i = 0; i < n; i++)
		tapi_call_put(calls[i]);
	kvfree(numbers);
	kvfree(made);
	kvfree(calls);
	return ret;
}

/**
 * tapi_handles_release() - take every handle of a closing line fd away
 * @lf: the line fd, already off its line's list of opens
 *
 * Calls of which @lf was the last owner, and which are not idle, are
 * dropped through the TSP (%TAPI_DROP_OWNER_CLOSED).
 *
 * Context: process context, no lock held.
 */
void tapi_handles_release(struct tapi_line_file *lf)
{
	struct tapi_call_handle *h;
	struct tapi_call *call;
	unsigned long idx;
	bool orphan;
	u32 field;

	xa_for_each(&lf->handles, idx, h) {
		call = tapi_call_get(h->call);
		spin_lock_irq(&call->lock);
		orphan = h->linked && tapi_handle_last_owner_locked(h);
		field = tapi_handle_unlink_locked(h);
		if (field)
			tapi_call_fanout_info_locked(call, field);
		spin_unlock_irq(&call->lock);
		tapi_handle_erase(h);
		if (orphan)
			tapi_call_drop_now(call, TAPI_DROP_OWNER_CLOSED);
		tapi_call_put(call);
	}
	xa_destroy(&lf->handles);
}
