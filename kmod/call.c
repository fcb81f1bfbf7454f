// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: calls.  A call is created by make call (outbound) or by its
 * TSP through tapi_call_offer() (inbound), is shared by every line fd
 * holding a handle to it, and changes state only through
 * tapi_call_set_state(), which checks every transition against the call
 * model (callstate.c) and fans the change out to the call's handles: no
 * scan of other calls or fds.
 */
#include <linux/bitops.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "tapi_core.h"
#include "trace.h"

static void tapi_call_drop_work(struct work_struct *work);

static void tapi_call_release(struct kref *ref)
{
	struct tapi_call *call = container_of(ref, struct tapi_call, ref);
	struct tapi_line *line = call->line;
	unsigned long flags;

	trace_tapi_call_free(call);
	spin_lock_irqsave(&line->calls_lock, flags);
	list_del(&call->line_node);
	spin_unlock_irqrestore(&line->calls_lock, flags);
	xa_lock_irqsave(&line->card->call_ids, flags);
	__xa_erase(&line->card->call_ids, call->id);
	xa_unlock_irqrestore(&line->card->call_ids, flags);
	tapi_mctl_free(call);
	kfree(call);
	put_device(&line->dev);
}

/**
 * tapi_call_get() - take a reference on a call
 * @call: the call
 *
 * Context: any context.
 * Return: @call (NULL for NULL).
 */
struct tapi_call *tapi_call_get(struct tapi_call *call)
{
	if (call)
		kref_get(&call->ref);
	return call;
}
EXPORT_SYMBOL_GPL(tapi_call_get);

/**
 * tapi_call_put() - drop a reference on a call
 * @call: the call, or NULL
 *
 * A TSP drops the reference tapi_call_offer() gave it, and each one it
 * took with tapi_call_get(), once it no longer uses the call; it must do
 * so before tapi_card_unregister() returns or right after.
 *
 * Context: any context.
 */
void tapi_call_put(struct tapi_call *call)
{
	if (call)
		kref_put(&call->ref, tapi_call_release);
}
EXPORT_SYMBOL_GPL(tapi_call_put);

/**
 * tapi_call_get_next() - the call of a card with the lowest id from @id on
 * @card: the card
 * @id: in: the first id to look at; out: the id of the call returned
 *
 * Context: any context.
 * Return: the call with a reference the caller puts, or NULL when there is
 * none from @id on.
 */
struct tapi_call *tapi_call_get_next(struct tapi_card *card, u32 *id)
{
	unsigned long index = *id, flags;
	struct tapi_call *call;

	xa_lock_irqsave(&card->call_ids, flags);
	xa_for_each_start(&card->call_ids, index, call, index) {
		/* Its release takes the xarray's lock to erase it. */
		if (kref_get_unless_zero(&call->ref))
			break;
	}
	xa_unlock_irqrestore(&card->call_ids, flags);
	if (call)
		*id = index;
	return call;
}

/**
 * tapi_call_set_drvdata() - attach the TSP's data to a call
 * @call: the call
 * @data: anything; the core never looks at it
 */
void tapi_call_set_drvdata(struct tapi_call *call, void *data)
{
	if (call)
		WRITE_ONCE(call->drvdata, data);
}
EXPORT_SYMBOL_GPL(tapi_call_set_drvdata);

/**
 * tapi_call_drvdata() - the TSP's data of a call
 * @call: the call
 *
 * Return: what tapi_call_set_drvdata() stored, or NULL (also for a NULL
 * @call).
 */
void *tapi_call_drvdata(const struct tapi_call *call)
{
	return call ? READ_ONCE(call->drvdata) : NULL;
}
EXPORT_SYMBOL_GPL(tapi_call_drvdata);

/**
 * tapi_call_card() - the card of a call
 * @call: the call
 *
 * Return: the card, or NULL for a NULL @call.
 */
struct tapi_card *tapi_call_card(const struct tapi_call *call)
{
	return call ? call->line->card : NULL;
}
EXPORT_SYMBOL_GPL(tapi_call_card);

/**
 * tapi_call_line() - the line of a call
 * @call: the call
 *
 * Return: the line index on the card.
 */
unsigned int tapi_call_line(const struct tapi_call *call)
{
	return call ? call->line->index : 0;
}
EXPORT_SYMBOL_GPL(tapi_call_line);

/**
 * tapi_call_address() - the address of a call
 * @call: the call
 *
 * Return: the address index on the call's line.
 */
unsigned int tapi_call_address(const struct tapi_call *call)
{
	return call ? call->address_id : 0;
}
EXPORT_SYMBOL_GPL(tapi_call_address);

/**
 * tapi_call_id() - the call id of a call
 * @call: the call
 *
 * Return: the id, unique on the card while the call exists, >= 1; 0 for a
 * NULL @call.
 */
u32 tapi_call_id(const struct tapi_call *call)
{
	return call ? call->id : 0;
}
EXPORT_SYMBOL_GPL(tapi_call_id);

/**
 * tapi_call_state() - the state of a call
 * @call: the call
 *
 * Context: any context; the state may change right after.
 * Return: one &enum tapi_call_state bit; IDLE for a NULL @call.
 */
u32 tapi_call_state(const struct tapi_call *call)
{
	return call ? READ_ONCE(call->state) : TAPI_CALLSTATE_IDLE;
}
EXPORT_SYMBOL_GPL(tapi_call_state);

/**
 * tapi_call_create() - create a call on a line and put it on its list
 * @line: the line
 * @address_id: the address, checked by the caller
 * @state: the first state, valid
 * @mode: its mode, valid
 *
 * Context: process context; card->lock held, so that the room check the
 * caller made still holds.
 * Return: the call with one reference, the caller's, or NULL.
 */
struct tapi_call *tapi_call_create(struct tapi_line *line,
				   unsigned int address_id, u32 state, u32 mode)
{
	struct tapi_card *card = line->card;
	struct tapi_call *call;
	u32 id;

	lockdep_assert_held(&card->lock);

	call = kzalloc(sizeof(*call), GFP_KERNEL_ACCOUNT);
	if (!call)
		return NULL;
	/* Cyclic: an id names one call only, for as long as it can. */
	if (xa_alloc_cyclic_irq(&card->call_ids, &id, call, xa_limit_32b,
				&card->next_call_id, GFP_KERNEL) < 0) {
		kfree(call);
		return NULL;
	}
	kref_init(&call->ref);
	get_device(&line->dev);
	call->line = line;
	call->address_id = address_id;
	call->id = id;
	INIT_WORK(&call->drop_work, tapi_call_drop_work);
	INIT_LIST_HEAD(&call->requests);
	spin_lock_init(&call->lock);
	INIT_LIST_HEAD(&call->handles);
	spin_lock_init(&call->media_lock);
	INIT_LIST_HEAD(&call->media);
	call->state = state;
	call->mode = mode;
	call->create_ns = ktime_get_ns();
	call->state_ns[__ffs(state)] = call->create_ns;

	spin_lock_irq(&line->calls_lock);
	list_add_tail(&call->line_node, &line->calls);
	spin_unlock_irq(&line->calls_lock);
	trace_tapi_call_create(call);

	spin_lock_irq(&call->lock);
	tapi_nl_call_changed_locked(call, TAPI_CMD_CALL_NEW, 0, 0);
	spin_unlock_irq(&call->lock);
	tapi_nl_line_changed(line);
	return call;
}

/**
 * tapi_call_create_new() - create a call the requester will place or take
 *	on an address, if the address has room for it
 * @line: the line
 * @address_id: the address, checked by the caller
 *
 * Context: process context; takes card->lock.
 * Return: the call, in UNKNOWN, with the caller's reference, or an
 * ERR_PTR(): -EBUSY when the line or the address has no call to spare,
 * -ENOMEM.
 */
struct tapi_call *tapi_call_create_new(struct tapi_line *line,
				       unsigned int address_id)
{
	struct tapi_card *card = line->card;
	struct tapi_call *call = ERR_PTR(-EBUSY);

	mutex_lock(&card->lock);
	if (tapi_line_has_room(line, address_id)) {
		call = tapi_call_create(line, address_id,
					TAPI_CALLSTATE_UNKNOWN, 0);
		if (!call)
			call = ERR_PTR(-ENOMEM);
	}
	mutex_unlock(&card->lock);
	return call;
}

/**
 * tapi_call_count() - count the calls of a line or of one address
 * @line: the line
 * @address_id: the address, or -1 for the whole line
 * @c: the counts
 *
 * Context: any context.  A snapshot: states may change right after.
 */
void tapi_call_count(struct tapi_line *line, int address_id,
		     struct tapi_call_counts *c)
{
	struct tapi_call *call;
	unsigned long flags;
	u32 state;

	memset(c, 0, sizeof(*c));
	spin_lock_irqsave(&line->calls_lock, flags);
	list_for_each_entry(call, &line->calls, line_node) {
		if (address_id >= 0 && call->address_id != address_id)
			continue;
		state = READ_ONCE(call->state);
		if (state == TAPI_CALLSTATE_IDLE)
			continue;
		c->inuse++;
		if (tapi_callstate_active(state))
			c->active++;
		if (state == TAPI_CALLSTATE_ONHOLD)
			c->onhold++;
		else if (tapi_callstate_held(state))
			c->onholdpend++;
	}
	spin_unlock_irqrestore(&line->calls_lock, flags);
}

/**
 * tapi_line_has_room() - can one more call become active on an address
 * @line: the line
 * @address_id: the address, checked by the caller
 *
 * Context: card->lock held by callers that then create the call.
 * Return: true if neither the line's max_active_calls nor the address's
 * max_calls is reached.
 */
bool tapi_line_has_room(struct tapi_line *line, unsigned int address_id)
{
	return tapi_line_has_room_except(line, address_id, NULL);
}

/**
 * tapi_line_has_room_except() - can one more call become active on an
 *	address once @except is held
 * @line: the line
 * @address_id: the address, checked by the caller
 * @except: a call of @line about to be held, not counted; or NULL
 *
 * Conferenced calls do not count: their conference call does.
 *
 * Context: card->lock held by callers that then create the call.
 * Return: true if neither the line's max_active_calls nor the address's
 * max_calls is reached.
 */
bool tapi_line_has_room_except(struct tapi_line *line,
			       unsigned int address_id,
			       struct tapi_call *except)
{
	unsigned int on_line = 0, on_address = 0;
	struct tapi_call *call;
	u32 state;

	spin_lock_irq(&line->calls_lock);
	list_for_each_entry(call, &line->calls, line_node) {
		state = READ_ONCE(call->state);
		if (call == except || state == TAPI_CALLSTATE_CONFERENCED ||
		    !tapi_callstate_active(state))
			continue;
		on_line++;
		if (call->address_id == address_id)
			on_address++;
	}
	spin_unlock_irq(&line->calls_lock);
	return on_line < line->caps.max_active_calls &&
	       on_address < line->addrs[address_id].max_calls;
}

/**
 * tapi_call_is_conf() - is a call a conference call
 * @call: the call
 *
 * Return: true for a call the core created as a conference call.
 */
bool tapi_call_is_conf(struct tapi_call *call)
{
	return READ_ONCE(call->origin) == TAPI_CALLORIGIN_CONFERENCE;
}

/* Members of the conference with call id @conf_id on @line. */
static unsigned int tapi_count_members(struct tapi_line *line, u32 conf_id)
{
	struct tapi_call *call;
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&line->calls_lock, flags);
	list_for_each_entry(call, &line->calls, line_node) {
		if (READ_ONCE(call->state) == TAPI_CALLSTATE_CONFERENCED &&
		    READ_ONCE(call->related_id) == conf_id)
			n++;
	}
	spin_unlock_irqrestore(&line->calls_lock, flags);
	return n;
}

/**
 * tapi_conf_members() - the members a conference call has now
 * @conf: a conference call
 *
 * Context: any context; a snapshot.
 * Return: the number of CONFERENCED calls whose related call is @conf.
 */
unsigned int tapi_conf_members(struct tapi_call *conf)
{
	return tapi_count_members(conf->line, conf->id);
}

/* Is another call of @call's line held, so that swap hold has a partner. */
static bool tapi_line_has_held(struct tapi_call *call)
{
	struct tapi_line *line = call->line;
	struct tapi_call *other;
	unsigned long flags;
	bool held = false;

	spin_lock_irqsave(&line->calls_lock, flags);
	list_for_each_entry(other, &line->calls, line_node) {
		if (other != call &&
		    READ_ONCE(other->state) & (TAPI_CALLSTATE_ONHOLD |
					       TAPI_CALLSTATE_ONHOLDPENDTRANSFER))
			held = true;
	}
	spin_unlock_irqrestore(&line->calls_lock, flags);
	return held;
}

/**
 * tapi_call_legal_features() - call operations legal on a call now
 * @call: the call; call->lock held
 *
 * Return: &enum tapi_call_feature bits of the call model for the call's
 * state and the calls around it, before the address's capabilities and
 * the handle's privilege are applied.
 */
u32 tapi_call_legal_features(struct tapi_call *call)
{
	bool conf = call->origin == TAPI_CALLORIGIN_CONFERENCE;
	u32 state = call->state, max = 0;
	unsigned int members = 0;

	lockdep_assert_held(&call->lock);
	if (conf) {
		members = tapi_conf_members(call);
		max = call->line->addrs[call->address_id].max_conf_members;
	} else if (state == TAPI_CALLSTATE_CONFERENCED) {
		members = tapi_count_members(call->line, call->related_id);
	}
	return tapi_callstate_context_features(state, conf,
					       state == TAPI_CALLSTATE_CONNECTED &&
					       tapi_line_has_held(call),
					       members, max,
					       call->param_flags &
					       TAPI_CALLPARAM_SECURE);
}

/**
 * tapi_call_fanout_locked() - queue an event on every valid handle
 * @call: the call; call->lock held
 * @ev: the record; its call field is set to each fd's handle
 */
void tapi_call_fanout_locked(struct tapi_call *call,
			     const struct tapi_event *ev)
{
	struct tapi_call_handle *h;
	struct tapi_event rec = *ev;

	lockdep_assert_held(&call->lock);
	if (!rec.timestamp_ns)
		rec.timestamp_ns = ktime_get_ns();
	list_for_each_entry(h, &call->handles, call_node) {
		if (!h->valid)
			continue;
		rec.call = h->handle;
		tapi_event_queue(h->lf, &rec);
	}
}

/**
 * tapi_call_fanout_info_locked() - queue %TAPI_EV_CALLINFO on every valid
 *	handle
 * @call: the call; call->lock held
 * @fields: &enum tapi_callinfo_field bits that changed
 */
void tapi_call_fanout_info_locked(struct tapi_call *call, u32 fields)
{
	struct tapi_event ev = {
		.type = TAPI_EV_CALLINFO,
		.line = call->line->index,
		.param = { fields },
	};

	tapi_call_fanout_locked(call, &ev);
	tapi_nl_call_changed_locked(call, TAPI_CMD_CALL_INFO, 0, fields);
}

/* One CALLSTATE for one handle, with the privilege if it is due. */
static void tapi_call_state_event_locked(struct tapi_call *call,
					 struct tapi_call_handle *h, u64 ts)
{
	struct tapi_event ev = {
		.timestamp_ns = ts,
		.type = TAPI_EV_CALLSTATE,
		.line = call->line->index,
		.call = h->handle,
		.param = { call->state, call->mode },
	};

	if (call->state == TAPI_CALLSTATE_CONFERENCED)
		ev.param[3] = call->related_id;
	if (h->announce) {
		ev.param[2] = h->privilege;
		h->announce = false;
	}
	tapi_event_queue(h->lf, &ev);
}

/**
 * tapi_call_queue_state_locked() - queue the call's current state on one
 *	handle
 * @call: the call; call->lock held
 * @h: a valid handle of the call
 */
void tapi_call_queue_state_locked(struct tapi_call *call,
				  struct tapi_call_handle *h)
{
	lockdep_assert_held(&call->lock);
	tapi_call_state_event_locked(call, h, ktime_get_ns());
}

/**
 * tapi_call_address_changed() - tell the line's fds how many calls are in
 *	use on the call's address now
 * @call: the call that appeared or went idle
 *
 * Context: any context.
 */
void tapi_call_address_changed(struct tapi_call *call)
{
	struct tapi_line *line = call->line;
	struct tapi_call_counts c;
	struct tapi_event ev = {
		.type = TAPI_EV_ADDRESSSTATE,
		.line = line->index,
	};

	tapi_call_count(line, call->address_id, &c);
	ev.param[0] = call->address_id;
	ev.param[1] = TAPI_ADDRSTATE_NUMCALLS |
		      (c.inuse == 0 ? TAPI_ADDRSTATE_INUSEZERO :
		       c.inuse == 1 ? TAPI_ADDRSTATE_INUSEONE :
				      TAPI_ADDRSTATE_INUSEMANY);
	ev.param[2] = c.inuse;
	tapi_line_broadcast(line, &ev);
}

/**
 * tapi_call_refuse_first() - is this the first refusal of a call's report
 * @call: the call
 *
 * A TSP's bad reports are logged once per call (ratelimited), whatever
 * they are: the first refusal says which call misbehaves.
 *
 * Context: any context; call->lock not held.
 * Return: true the first time for @call.
 */
bool tapi_call_refuse_first(struct tapi_call *call)
{
	unsigned long flags;
	bool first;

	spin_lock_irqsave(&call->lock, flags);
	first = !call->warned;
	call->warned = true;
	spin_unlock_irqrestore(&call->lock, flags);
	return first;
}

/* Log a driver's bad report, once per call and ratelimited. */
static void tapi_call_refused(struct tapi_call *call, bool first, u32 from,
			      u32 to, u32 mode)
{
	if (first)
		tapi_tsp_refused(call->line->card,
				 "line %u: call %u: %s -> %s (mode %#x) refused\n",
				 call->line->index, call->id,
				 tapi_callstate_name(from), tapi_callstate_name(to),
				 mode);
}

/*
 * A report about @call the TSP may make at all: not about a NULL call, nor
 * once the card is unregistered.  Return: 0 or the errno to refuse with.
 */
static int tapi_call_report_ok(struct tapi_call *call, const char *what)
{
	if (!call) {
		tapi_tsp_refused_nocard("%s of a NULL call, refused\n", what);
		return -EINVAL;
	}
	if (tapi_card_gone(call->line->card)) {
		if (tapi_call_refuse_first(call))
			tapi_tsp_refused(call->line->card,
					 "line %u: call %u: %s after the card was unregistered, refused\n",
					 call->line->index, call->id, what);
		return -ENODEV;
	}
	return 0;
}

/*
 * An information report about @call: refused for an IDLE call, which is
 * over for everyone (a TSP reporting for it lost track of it).
 * call->lock held.  Return: 0 or -EBADFD.
 */
static int tapi_call_info_ok_locked(struct tapi_call *call, bool *first)
{
	lockdep_assert_held(&call->lock);
	if (call->state != TAPI_CALLSTATE_IDLE)
		return 0;
	*first = !call->warned;
	call->warned = true;
	return -EBADFD;
}

/* Log a refused information report, if it is the call's first refusal. */
static int tapi_call_info_refused(struct tapi_call *call, bool first,
				  const char *what, int ret)
{
	if (first)
		tapi_tsp_refused(call->line->card,
				 "line %u: call %u: %s of an idle call, refused\n",
				 call->line->index, call->id, what);
	return ret;
}

/* Check and make a state change; the core's own ones come straight here. */
static int tapi_call_change_state(struct tapi_call *call, u32 state, u32 mode)
{
	struct tapi_call_handle *h;
	unsigned long flags;
	u32 old, norm;
	bool first;
	u64 ts;

	spin_lock_irqsave(&call->lock, flags);
	old = call->state;
	if (!tapi_callstate_valid(state) ||
	    tapi_callstate_mode(state, mode, &norm) ||
	    !tapi_callstate_transition_ok(old, state)) {
		first = !call->warned;
		call->warned = true;
		trace_tapi_call_state_refused(call, old, state, mode);
		spin_unlock_irqrestore(&call->lock, flags);
		tapi_call_refused(call, first, old, state, mode);
		return -EINVAL;
	}
	if (old == state && call->mode == norm) {
		spin_unlock_irqrestore(&call->lock, flags);
		return 0;
	}
	ts = ktime_get_ns();
	trace_tapi_call_state(call, old, state, norm);
	WRITE_ONCE(call->state, state);
	call->mode = norm;
	/* A mode change is not an entry into the state. */
	if (old != state)
		call->state_ns[__ffs(state)] = ts;
	list_for_each_entry(h, &call->handles, call_node) {
		if (h->valid)
			tapi_call_state_event_locked(call, h, ts);
	}
	tapi_nl_call_changed_locked(call, TAPI_CMD_CALL_STATE, old, 0);
	spin_unlock_irqrestore(&call->lock, flags);
	if (tapi_callstate_kind(old) != tapi_callstate_kind(state))
		tapi_nl_line_changed(call->line);

	if (state & (TAPI_CALLSTATE_DISCONNECTED | TAPI_CALLSTATE_IDLE)) {
		tapi_mctl_call_ended(call);
		tapi_media_call_ended(call);
	}
	if (state == TAPI_CALLSTATE_IDLE) {
		tapi_requests_cancel_call(call);
		tapi_call_address_changed(call);
	}
	return 0;
}

/**
 * tapi_call_set_state() - report a call's new state
 * @call: the call
 * @state: one &enum tapi_call_state bit
 * @mode: the state's mode (one bit of its mode enum), or 0 for the state's
 *	default (and for states without modes)
 *
 * Checks the transition against the call model; a legal one is recorded
 * with its time and queued as %TAPI_EV_CALLSTATE on every handle to the
 * call.  Reporting the current state and mode again does nothing.  Going
 * %TAPI_CALLSTATE_IDLE completes the call's outstanding requests (see
 * "Asynchronous requests" in the uapi header).
 *
 * Context: any context.
 * Return: 0; -EINVAL for an invalid state or mode or an illegal
 * transition (a call that is IDLE takes none), for a NULL @call; -ENODEV
 * once the card is unregistered.  A refused report changes nothing and is
 * logged once per call, ratelimited.
 */
int tapi_call_set_state(struct tapi_call *call, u32 state, u32 mode)
{
	int ret = tapi_call_report_ok(call, "state");

	return ret ?: tapi_call_change_state(call, state, mode);
}
EXPORT_SYMBOL_GPL(tapi_call_set_state);

/**
 * tapi_call_force_idle() - take a call to IDLE, whatever its state
 * @call: the call
 *
 * Context: any context; no core lock held.
 */
void tapi_call_force_idle(struct tapi_call *call)
{
	if (READ_ONCE(call->state) != TAPI_CALLSTATE_IDLE)
		tapi_call_change_state(call, TAPI_CALLSTATE_IDLE, 0);
}

/**
 * tapi_call_discard() - make a call nobody has heard of idle, quietly
 * @call: a call whose creation failed half-way; no valid handle, no
 *	request with the TSP
 */
void tapi_call_discard(struct tapi_call *call)
{
	u32 old;

	spin_lock_irq(&call->lock);
	old = call->state;
	WRITE_ONCE(call->state, TAPI_CALLSTATE_IDLE);
	/* System-wide monitors saw it come. */
	if (old != TAPI_CALLSTATE_IDLE)
		tapi_nl_call_changed_locked(call, TAPI_CMD_CALL_STATE, old, 0);
	spin_unlock_irq(&call->lock);
	if (old != TAPI_CALLSTATE_IDLE)
		tapi_nl_line_changed(call->line);
}

/* Fill a struct tapi_call_party from what a TSP gave. */
static int tapi_party_from(struct tapi_call_party *p,
			   const struct tapi_party *party)
{
	memset(p, 0, sizeof(*p));
	if (!party)
		goto unknown;
	if (party->flags & ~TAPI_PARTYID_VALID)
		return -EINVAL;
	if (party->number)
		strscpy(p->number, party->number, sizeof(p->number));
	if (party->name)
		strscpy(p->name, party->name, sizeof(p->name));
	p->flags = party->flags;
	if (p->flags)
		return 0;
	if (p->number[0])
		p->flags |= TAPI_PARTYID_ADDRESS;
	if (p->name[0])
		p->flags |= TAPI_PARTYID_NAME;
	if (p->flags)
		return 0;
unknown:
	p->flags = TAPI_PARTYID_UNKNOWN;
	return 0;
}

/**
 * tapi_call_set_party() - report who a party of a call is
 * @call: the call
 * @kind: which party
 * @party: number, name and flags; NULL for "unknown"
 *
 * A change is queued as %TAPI_EV_CALLINFO on every handle to the call.
 *
 * Context: any context.
 * Return: 0; -EINVAL for an unknown @kind or flag, or a NULL @call;
 * -EBADFD for an IDLE call (logged once per call); -ENODEV once the card
 * is unregistered.
 */
int tapi_call_set_party(struct tapi_call *call, enum tapi_party_kind kind,
			const struct tapi_party *party)
{
	struct tapi_call_party p;
	unsigned long flags;
	bool first = false;
	int ret;

	ret = tapi_call_report_ok(call, "party");
	if (ret)
		return ret;
	if (kind >= TAPI_PARTY_COUNT)
		return -EINVAL;
	ret = tapi_party_from(&p, party);
	if (ret)
		return ret;

	spin_lock_irqsave(&call->lock, flags);
	ret = tapi_call_info_ok_locked(call, &first);
	if (!ret && memcmp(&call->parties[kind], &p, sizeof(p))) {
		call->parties[kind] = p;
		tapi_call_fanout_info_locked(call,
					     TAPI_CALLINFO_CALLERID << kind);
	}
	spin_unlock_irqrestore(&call->lock, flags);
	return tapi_call_info_refused(call, first, "party", ret);
}
EXPORT_SYMBOL_GPL(tapi_call_set_party);

/*
 * Change one u32 of call information, with its CALLINFO event; @call
 * checked by tapi_call_report_ok().  Return: 0 or -EBADFD (IDLE call).
 */
static int tapi_call_set_field(struct tapi_call *call, u32 *field, u32 value,
			       u32 info, const char *what)
{
	unsigned long flags;
	bool first = false;
	int ret;

	spin_lock_irqsave(&call->lock, flags);
	ret = tapi_call_info_ok_locked(call, &first);
	if (!ret && *field != value) {
		WRITE_ONCE(*field, value);
		tapi_call_fanout_info_locked(call, info);
	}
	spin_unlock_irqrestore(&call->lock, flags);
	return tapi_call_info_refused(call, first, what, ret);
}

/* Is @id the call id of another call of @call's card. */
static bool tapi_call_id_known(struct tapi_call *call, u32 id)
{
	return id != call->id && xa_load(&call->line->card->call_ids, id);
}

/**
 * tapi_call_set_related() - report a call's related call
 * @call: the call
 * @related_call_id: the call id of a call of the same card (a
 *	consultation call, the conference call of a member), or 0
 *
 * A change is queued as %TAPI_EV_CALLINFO (%TAPI_CALLINFO_RELATEDCALLID)
 * on every handle to the call.  A conference member is related to its
 * conference call before it is reported CONFERENCED.
 *
 * Context: any context.
 * Return: 0; -EINVAL for an id naming no other call of the card, or a
 * NULL @call; -EBADFD for an IDLE call; -ENODEV once the card is
 * unregistered.  Refusals are logged once per call.
 */
int tapi_call_set_related(struct tapi_call *call, u32 related_call_id)
{
	int ret = tapi_call_report_ok(call, "related call");

	if (ret)
		return ret;
	if (related_call_id && !tapi_call_id_known(call, related_call_id)) {
		if (tapi_call_refuse_first(call))
			tapi_tsp_refused(call->line->card,
					 "line %u: call %u: related call %u is no other call of the card, refused\n",
					 call->line->index, call->id,
					 related_call_id);
		return -EINVAL;
	}
	return tapi_call_set_field(call, &call->related_id, related_call_id,
				   TAPI_CALLINFO_RELATEDCALLID, "related call");
}
EXPORT_SYMBOL_GPL(tapi_call_set_related);

/* Is @v one bit of @valid. */
static bool tapi_one_bit(u32 v, u32 valid)
{
	return is_power_of_2(v) && !(v & ~valid);
}

/**
 * tapi_call_set_reason() - report why a call is what it is now
 * @call: the call
 * @reason: one &enum tapi_call_reason bit (a transferred call:
 *	%TAPI_CALLREASON_TRANSFER)
 *
 * A change is queued as %TAPI_EV_CALLINFO (%TAPI_CALLINFO_REASON) on
 * every handle to the call.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for anything but one reason bit; for a NULL, an
 * IDLE call or an unregistered card as tapi_call_set_party().
 */
int tapi_call_set_reason(struct tapi_call *call, u32 reason)
{
	int ret = tapi_call_report_ok(call, "reason");

	if (ret)
		return ret;
	if (!tapi_one_bit(reason, TAPI_CALLREASON_VALID))
		return -EINVAL;
	return tapi_call_set_field(call, &call->reason, reason,
				   TAPI_CALLINFO_REASON, "reason");
}
EXPORT_SYMBOL_GPL(tapi_call_set_reason);

/**
 * tapi_call_set_origin() - report where a call came from
 * @call: the call
 * @origin: one &enum tapi_call_origin bit (a picked-up call: the picked
 *	call's origin)
 *
 * A change is queued as %TAPI_EV_CALLINFO (%TAPI_CALLINFO_ORIGIN) on
 * every handle to the call.  A conference call's origin stays
 * %TAPI_CALLORIGIN_CONFERENCE.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for anything but one origin bit, or for a change
 * to or from %TAPI_CALLORIGIN_CONFERENCE; for a NULL, an IDLE call or an
 * unregistered card as tapi_call_set_party().
 */
int tapi_call_set_origin(struct tapi_call *call, u32 origin)
{
	int ret = tapi_call_report_ok(call, "origin");

	if (ret)
		return ret;
	if (!tapi_one_bit(origin, TAPI_CALLORIGIN_VALID) ||
	    (origin == TAPI_CALLORIGIN_CONFERENCE) != tapi_call_is_conf(call))
		return -EINVAL;
	return tapi_call_set_field(call, &call->origin, origin,
				   TAPI_CALLINFO_ORIGIN, "origin");
}
EXPORT_SYMBOL_GPL(tapi_call_set_origin);

/**
 * tapi_call_set_media_mode() - report a call's media mode
 * @call: the call
 * @media_mode: &enum tapi_media_mode bits, non-zero, all of them the
 *	line's (a picked-up call: the picked call's)
 *
 * A change is queued as %TAPI_EV_CALLINFO (%TAPI_CALLINFO_MEDIAMODE) on
 * every handle to the call.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for no mode or a mode the line lacks; for a NULL,
 * an IDLE call or an unregistered card as tapi_call_set_party().
 */
int tapi_call_set_media_mode(struct tapi_call *call, u32 media_mode)
{
	int ret = tapi_call_report_ok(call, "media mode");

	if (ret)
		return ret;
	if (!media_mode || media_mode & ~call->line->caps.media_modes)
		return -EINVAL;
	return tapi_call_set_field(call, &call->media_mode, media_mode,
				   TAPI_CALLINFO_MEDIAMODE, "media mode");
}
EXPORT_SYMBOL_GPL(tapi_call_set_media_mode);

/**
 * tapi_call_set_param_flags() - report what holds for a call
 * @call: the call
 * @flags: &enum tapi_call_param_flag bits (a secured call:
 *	%TAPI_CALLPARAM_SECURE)
 *
 * A change is queued as %TAPI_EV_CALLINFO (%TAPI_CALLINFO_CALLPARAMFLAGS)
 * on every handle to the call.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for an unknown flag; for a NULL, an IDLE call or
 * an unregistered card as tapi_call_set_party().
 */
int tapi_call_set_param_flags(struct tapi_call *call, u32 flags)
{
	int ret = tapi_call_report_ok(call, "parameter flags");

	if (ret)
		return ret;
	if (flags & ~TAPI_CALLPARAM_VALID)
		return -EINVAL;
	return tapi_call_set_field(call, &call->param_flags, flags,
				   TAPI_CALLINFO_CALLPARAMFLAGS,
				   "parameter flags");
}
EXPORT_SYMBOL_GPL(tapi_call_set_param_flags);

/**
 * tapi_call_set_user_user() - user-user information arrived for a call
 * @call: the call, whose far end sent it
 * @data: the bytes; copied
 * @len: their number, 1 to %TAPI_USERUSER_MAX
 *
 * Replaces what the call reports in &tapi_call_info.user_user_info and
 * queues %TAPI_EV_CALLINFO (%TAPI_CALLINFO_USERUSERINFO) on every handle
 * to the call, even when the bytes are the same as last time: each
 * arrival is news.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for a bad @len or a NULL @data; for a NULL, an
 * IDLE call or an unregistered card as tapi_call_set_party().
 */
int tapi_call_set_user_user(struct tapi_call *call, const void *data,
			    size_t len)
{
	unsigned long flags;
	bool first = false;
	int ret;

	ret = tapi_call_report_ok(call, "user-user information");
	if (ret)
		return ret;
	if (!data || !len || len > TAPI_USERUSER_MAX)
		return -EINVAL;
	spin_lock_irqsave(&call->lock, flags);
	ret = tapi_call_info_ok_locked(call, &first);
	if (!ret) {
		memcpy(call->uui, data, len);
		memset(call->uui + len, 0, sizeof(call->uui) - len);
		call->uui_len = len;
		tapi_call_fanout_info_locked(call, TAPI_CALLINFO_USERUSERINFO);
	}
	spin_unlock_irqrestore(&call->lock, flags);
	return tapi_call_info_refused(call, first, "user-user information",
				      ret);
}
EXPORT_SYMBOL_GPL(tapi_call_set_user_user);

/* The address's own number as the called party of an inbound call. */
static void tapi_call_address_party(struct tapi_call *call,
				    struct tapi_call_party *p)
{
	memset(p, 0, sizeof(*p));
	strscpy(p->number, call->line->addrs[call->address_id].address,
		sizeof(p->number));
	p->flags = TAPI_PARTYID_ADDRESS;
}

/* Is @v zero or one bit of @valid. */
static bool tapi_one_bit_or_zero(u32 v, u32 valid)
{
	return !v || tapi_one_bit(v, valid);
}

static int tapi_check_offer(struct tapi_line *line,
			    const struct tapi_call_offer *offer)
{
	if (!offer || offer->address_id >= line->caps.num_addresses)
		return -EINVAL;
	if (offer->related_call_id &&
	    !xa_load(&line->card->call_ids, offer->related_call_id))
		return -EINVAL;
	if (!offer->media_mode || offer->media_mode & ~line->caps.media_modes)
		return -EINVAL;
	if (!tapi_one_bit_or_zero(offer->bearer_mode, line->caps.bearer_modes) ||
	    !tapi_one_bit_or_zero(offer->origin, TAPI_CALLORIGIN_VALID) ||
	    !tapi_one_bit_or_zero(offer->reason, TAPI_CALLREASON_VALID) ||
	    !tapi_one_bit_or_zero(offer->offering_mode,
				  TAPI_OFFERINGMODE_VALID))
		return -EINVAL;
	return 0;
}

/**
 * tapi_call_offer() - report an inbound call
 * @card: the card
 * @line: the line index the call arrives on
 * @offer: the call: address, media mode, parties...
 *
 * Creates the call in %TAPI_CALLSTATE_OFFERING and distributes it: the
 * line fd owning @offer->media_mode with the highest priority (see
 * %TAPI_IOC_LINE_SET_PRIORITY) gets an owner handle, every monitor a
 * monitor handle, each with %TAPI_EV_NEWCALL and %TAPI_EV_CALLSTATE.  The
 * call back of a call completion (@offer->completion_id) goes to the
 * line fd that asked for it instead, if it is still open and owns the
 * media mode; the completion is over either way.  If
 * no fd owns the media mode, the core asks the TSP to drop the call
 * (&tapi_tsp_ops.drop with %TAPI_DROP_NO_OWNER), soon and from another
 * context, so the TSP may hold its own locks around this call.
 *
 * Context: process context; sleeps; takes the card's open/close mutex.
 * Return: the call, with a reference for the TSP (tapi_call_put() it when
 * done), or an ERR_PTR(): -EINVAL for a NULL @card, a bad @line or @offer
 * (a related call id naming no call of the card included), -EBUSY when
 * the line or address has no call to spare, -EOPNOTSUPP if the TSP has no
 * &tapi_tsp_ops.drop, -ENODEV once the card is being unregistered,
 * -EWOULDBLOCK where it cannot sleep, -EDEADLK from inside
 * &tapi_tsp_ops.line_open or &tapi_tsp_ops.line_close (they hold the
 * mutex), -ENOMEM.  The refusals of a TSP's mistakes (-EINVAL,
 * -EWOULDBLOCK, -EDEADLK) are logged, ratelimited.
 */
struct tapi_call *tapi_call_offer(struct tapi_card *card, unsigned int line,
				  const struct tapi_call_offer *offer)
{
	struct tapi_line_file *owner;
	struct tapi_line *tline;
	struct tapi_call *call;
	unsigned int owners;
	bool card_lock;
	u32 mode;
	int ret;

	if (!card) {
		tapi_tsp_refused_nocard("call offered on a NULL card, refused\n");
		return ERR_PTR(-EINVAL);
	}
	if (!tapi_tsp_may_sleep()) {
		tapi_tsp_refused(card, "call offered from atomic context, refused\n");
		return ERR_PTR(-EWOULDBLOCK);
	}
	if (tapi_tsp_in_callback(card, &card_lock) && card_lock) {
		tapi_tsp_refused(card, "call offered from line_open or line_close, refused\n");
		return ERR_PTR(-EDEADLK);
	}
	if (line >= card->num_lines) {
		tapi_tsp_refused(card, "call offered on line %u of %u, refused\n",
				 line, card->num_lines);
		return ERR_PTR(-EINVAL);
	}
	tline = card->lines[line];
	ret = tapi_check_offer(tline, offer);
	if (ret) {
		tapi_tsp_refused(card, "line %u: bad call offer, refused\n", line);
		return ERR_PTR(ret);
	}
	mode = offer->offering_mode ?: TAPI_OFFERINGMODE_ACTIVE;

	mutex_lock(&card->lock);
	if (!card->ops) {
		ret = -ENODEV;
		goto err_unlock;
	}
	if (!card->ops->drop) {
		ret = -EOPNOTSUPP;
		goto err_unlock;
	}
	if (!tapi_line_has_room(tline, offer->address_id)) {
		ret = -EBUSY;
		goto err_unlock;
	}
	call = tapi_call_create(tline, offer->address_id,
				TAPI_CALLSTATE_OFFERING, mode);
	if (!call) {
		ret = -ENOMEM;
		goto err_unlock;
	}
	/* No handle yet: nobody can see the call, no lock needed. */
	call->media_mode = offer->media_mode;
	call->bearer_mode = offer->bearer_mode ?: TAPI_BEARER_VOICE;
	call->origin = offer->origin ?: TAPI_CALLORIGIN_INBOUND;
	call->reason = offer->reason ?: TAPI_CALLREASON_DIRECT;
	call->related_id = offer->related_call_id;
	call->completion_id = offer->completion_id;
	tapi_party_from(&call->parties[TAPI_PARTY_CALLER], offer->caller);
	tapi_party_from(&call->parties[TAPI_PARTY_CONNECTED], NULL);
	tapi_party_from(&call->parties[TAPI_PARTY_REDIRECTING],
			offer->redirecting);
	tapi_party_from(&call->parties[TAPI_PARTY_REDIRECTION], NULL);
	if (offer->called)
		tapi_party_from(&call->parties[TAPI_PARTY_CALLED],
				offer->called);
	else
		tapi_call_address_party(call,
					&call->parties[TAPI_PARTY_CALLED]);

	owner = offer->completion_id ?
		tapi_completion_claim(card, offer->completion_id) : NULL;
	tapi_call_distribute_to(call, owner);
	spin_lock_irq(&call->lock);
	owners = call->num_owners;
	spin_unlock_irq(&call->lock);
	mutex_unlock(&card->lock);

	tapi_call_address_changed(call);
	if (!owners)
		tapi_call_schedule_drop(call, TAPI_DROP_NO_OWNER);
	return call;

err_unlock:
	mutex_unlock(&card->lock);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(tapi_call_offer);

/**
 * tapi_call_drop_now() - ask the TSP to drop a call on the core's behalf
 * @call: the call
 * @reason: why; not %TAPI_DROP_REQUESTED
 *
 * Does nothing if the card is gone or the call is idle already.
 *
 * Context: process context, no core lock held.
 * Return: 0 or the TSP's error.
 */
int tapi_call_drop_now(struct tapi_call *call, enum tapi_drop_reason reason)
{
	struct tapi_card *card = call->line->card;
	struct tapi_tsp_frame f;
	int ret = 0;

	down_read(&card->ops_sem);
	if (card->ops && card->ops->drop &&
	    READ_ONCE(call->state) != TAPI_CALLSTATE_IDLE) {
		tapi_tsp_enter(card, &f, false);
		ret = card->ops->drop(card, call, reason, NULL);
		tapi_tsp_leave(card, &f);
	}
	up_read(&card->ops_sem);
	if (ret)
		tapi_tsp_refused(card, "line %u: call %u: failed to drop it: %d\n",
				 call->line->index, call->id, ret);
	return ret;
}

static void tapi_call_drop_work(struct work_struct *work)
{
	struct tapi_call *call = container_of(work, struct tapi_call,
					      drop_work);

	tapi_call_drop_now(call, call->drop_reason);
	tapi_call_put(call);
}

/**
 * tapi_call_schedule_drop() - drop a call from the core's workqueue
 * @call: the call
 * @reason: why; not %TAPI_DROP_REQUESTED
 *
 * Context: any context.
 */
void tapi_call_schedule_drop(struct tapi_call *call,
			     enum tapi_drop_reason reason)
{
	tapi_call_get(call);
	call->drop_reason = reason;
	if (!queue_work(tapi_wq, &call->drop_work))
		tapi_call_put(call);
}

/* Call features the core implements, given the TSP's operations. */
static u32 tapi_ops_call_features(const struct tapi_tsp_ops *ops)
{
	u32 f = 0;

	if (!ops)
		return 0;
	if (ops->accept)
		f |= TAPI_CALLFEATURE_ACCEPT;
	if (ops->answer)
		f |= TAPI_CALLFEATURE_ANSWER;
	if (ops->dial)
		f |= TAPI_CALLFEATURE_DIAL;
	if (ops->drop)
		f |= TAPI_CALLFEATURE_DROP;
	if (ops->hold)
		f |= TAPI_CALLFEATURE_HOLD;
	if (ops->unhold)
		f |= TAPI_CALLFEATURE_UNHOLD;
	if (ops->swap_hold)
		f |= TAPI_CALLFEATURE_SWAPHOLD;
	if (ops->setup_transfer)
		f |= TAPI_CALLFEATURE_SETUPTRANSFER;
	if (ops->complete_transfer)
		f |= TAPI_CALLFEATURE_COMPLETETRANSF;
	if (ops->blind_transfer)
		f |= TAPI_CALLFEATURE_BLINDTRANSFER;
	if (ops->setup_conference)
		f |= TAPI_CALLFEATURE_SETUPCONF;
	if (ops->prepare_add_to_conference)
		f |= TAPI_CALLFEATURE_PREPAREADDCONF;
	if (ops->add_to_conference)
		f |= TAPI_CALLFEATURE_ADDTOCONF;
	if (ops->remove_from_conference)
		f |= TAPI_CALLFEATURE_REMOVEFROMCONF;
	if (ops->redirect)
		f |= TAPI_CALLFEATURE_REDIRECT;
	if (ops->park)
		f |= TAPI_CALLFEATURE_PARK;
	if (ops->secure_call)
		f |= TAPI_CALLFEATURE_SECURECALL;
	if (ops->send_user_user)
		f |= TAPI_CALLFEATURE_SENDUSERUSER;
	if (ops->complete_call && ops->uncomplete_call)
		f |= TAPI_CALLFEATURE_COMPLETECALL;
	return f;
}

/**
 * tapi_call_supported_features() - call features a card can offer at all
 * @ops: the TSP's operations
 *
 * Return: &enum tapi_call_feature bits the core implements and the TSP
 * has an operation for.
 */
u32 tapi_call_supported_features(const struct tapi_tsp_ops *ops)
{
	return tapi_ops_call_features(ops);
}

/**
 * tapi_call_features() - operations a handle may use on a call now
 * @call: the call; call->lock held
 * @h: a handle of the call
 *
 * Return: &enum tapi_call_feature bits: the state's, within the address's
 * capabilities; 0 for a monitor handle.
 */
u32 tapi_call_features(struct tapi_call *call, struct tapi_call_handle *h)
{
	lockdep_assert_held(&call->lock);
	if (h->privilege != TAPI_PRIV_OWNER)
		return 0;
	return tapi_call_legal_features(call) &
	       call->line->addrs[call->address_id].call_features;
}

/**
 * tapi_call_fill_info() - fill call info for user space
 * @call: the call; call->lock held
 * @ci: the reply; call, size and flags are left alone
 */
void tapi_call_fill_info(struct tapi_call *call, struct tapi_call_info *ci)
{
	lockdep_assert_held(&call->lock);
	ci->line = call->line->index;
	ci->address_id = call->address_id;
	ci->call_id = call->id;
	ci->related_call_id = call->related_id;
	ci->media_mode = call->media_mode;
	ci->bearer_mode = call->bearer_mode;
	ci->origin = call->origin;
	ci->reason = call->reason;
	ci->num_owners = call->num_owners;
	ci->num_monitors = call->num_monitors;
	ci->reserved = 0;
	ci->create_ns = call->create_ns;
	memcpy(ci->state_entry_ns, call->state_ns, sizeof(ci->state_entry_ns));
	ci->caller = call->parties[TAPI_PARTY_CALLER];
	ci->called = call->parties[TAPI_PARTY_CALLED];
	ci->connected = call->parties[TAPI_PARTY_CONNECTED];
	ci->redirecting = call->parties[TAPI_PARTY_REDIRECTING];
	ci->redirection = call->parties[TAPI_PARTY_REDIRECTION];
	ci->param_flags = call->param_flags;
	ci->completion_id = call->completion_id;
	ci->user_user_len = call->uui_len;
	ci->reserved2 = 0;
	memcpy(ci->user_user_info, call->uui, sizeof(ci->user_user_info));
}

/**
 * tapi_call_info_hide_parties() - withhold who takes part in a call
 * @ci: call info filled by tapi_call_fill_info()
 *
 * For a monitor handle with &tapi_call_handle.hide_parties: every party becomes
 * %TAPI_PARTYID_UNAVAIL with no number and no name, and the user-user
 * information is left out.
 */
void tapi_call_info_hide_parties(struct tapi_call_info *ci)
{
	static const struct tapi_call_party unavail = {
		.flags = TAPI_PARTYID_UNAVAIL,
	};

	ci->caller = unavail;
	ci->called = unavail;
	ci->connected = unavail;
	ci->redirecting = unavail;
	ci->redirection = unavail;
	ci->user_user_len = 0;
	memset(ci->user_user_info, 0, sizeof(ci->user_user_info));
}

/**
 * tapi_call_init_outbound() - set up a call placed by make call
 * @call: the new call, not visible to anyone yet
 * @media_mode: its media mode
 * @bearer_mode: its bearer mode
 * @dest: the number called
 */
void tapi_call_init_outbound(struct tapi_call *call, u32 media_mode,
			     u32 bearer_mode, const char *dest)
{
	struct tapi_party called = { .number = dest };

	call->media_mode = media_mode;
	call->bearer_mode = bearer_mode;
	call->origin = TAPI_CALLORIGIN_OUTBOUND;
	call->reason = TAPI_CALLREASON_DIRECT;
	tapi_call_address_party(call, &call->parties[TAPI_PARTY_CALLER]);
	tapi_party_from(&call->parties[TAPI_PARTY_CALLED], &called);
	tapi_party_from(&call->parties[TAPI_PARTY_CONNECTED], NULL);
	tapi_party_from(&call->parties[TAPI_PARTY_REDIRECTING], NULL);
	tapi_party_from(&call->parties[TAPI_PARTY_REDIRECTION], NULL);
}

/**
 * tapi_call_init_taken() - set up a call that pickup or unpark creates
 * @call: the new call, not visible to anyone yet
 * @media_mode: its media mode
 * @reason: %TAPI_CALLREASON_PICKUP or %TAPI_CALLREASON_UNPARK
 *
 * An inbound call to this address as far as the core knows; the TSP
 * reports who its parties are and where it came from.
 */
void tapi_call_init_taken(struct tapi_call *call, u32 media_mode, u32 reason)
{
	unsigned int i;

	call->media_mode = media_mode;
	call->bearer_mode = TAPI_BEARER_VOICE;
	call->origin = TAPI_CALLORIGIN_INBOUND;
	call->reason = reason;
	for (i = 0; i < TAPI_PARTY_COUNT; i++)
		tapi_party_from(&call->parties[i], NULL);
	tapi_call_address_party(call, &call->parties[TAPI_PARTY_CALLED]);
}
