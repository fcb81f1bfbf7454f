// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the call services of the simulated switch: delivery of calls
 * to its stations with forwarding, redirect, pickup, park and unpark,
 * secure call, user-user information and call completion (camp-on and
 * call back).  This is the part of the reference TSP that shows how a
 * card does them with the TSPI:
 *
 *  - requests that create a call (pickup, unpark) get it from the core in
 *    UNKNOWN, as make call does; the TSP reports its parties, origin and
 *    state, or fails the request and forgets it (the core makes it idle);
 *  - forwarding is the switch's: the forward operation changes it and
 *    reports what is in force with tapi_address_set_forward();
 *  - a call completion is the switch's too, named by the id the core
 *    gave: a call back is offered with that id, a camp-on that goes on is
 *    reported with tapi_completion_finished().
 *
 * Every call to a station of the card goes through tapi_sim_deliver(),
 * which applies the station's forwarding (unconditional, busy, and a
 * no-answer timer on the offered call) and its secure calls (a line with
 * a secure call takes no second one: busy).
 *
 * Everything runs under sw->lock, now or after reply_delay_ms.
 */
#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <tapi/tsp.h>

#include "sim.h"
#include "sim-switch.h"

/* Delivery */

/* Does @line have a secure call that keeps a second one away. */
static bool tapi_sim_line_secured(struct tapi_sim_switch *sw,
				  unsigned int line)
{
	struct tapi_sim_call *sc;
	u32 state;

	list_for_each_entry(sc, &sw->calls, node) {
		state = tapi_call_state(sc->call);
		if (sc->line == line && sc->secure &&
		    !(state & (TAPI_CALLSTATE_IDLE |
			       TAPI_CALLSTATE_DISCONNECTED)))
			return true;
	}
	return false;
}

/* The forwarding destination of @mode (one bit) of @f. */
static const char *tapi_sim_fwd_dest(const struct tapi_sim_fwd *f, u32 mode)
{
	return f->dest[__ffs(mode)];
}

/* Offer the call to @to, as it is: no forwarding.  sw->lock held. */
static struct tapi_sim_call *tapi_sim_offer_to(struct tapi_sim_switch *sw,
					       const struct tapi_sim_number *to,
					       struct tapi_sim_delivery *d)
{
	const struct tapi_party *caller = d->offer.caller;
	struct tapi_sim_call *psc;
	struct tapi_call *call;

	if (tapi_sim_line_secured(sw, to->line))
		return ERR_PTR(-EBUSY);
	d->offer.address_id = to->address;
	call = tapi_call_offer(sw->tcard, to->line, &d->offer);
	if (IS_ERR(call))
		return ERR_CAST(call);
	psc = tapi_sim_call_new(sw, call);
	if (!psc)
		return ERR_PTR(-ENOMEM);
	psc->media_mode = d->offer.media_mode;
	psc->origin = d->offer.origin ?: TAPI_CALLORIGIN_INBOUND;
	psc->external = !d->far;
	if (psc->external && caller && caller->number)
		strscpy(psc->dialed, caller->number, sizeof(psc->dialed));
	return psc;
}

/**
 * tapi_sim_deliver() - offer a call to a station of the card
 * @sw: the switch
 * @to: the station called
 * @d: the call; @d->offer.called NULL means @to's number
 *
 * Follows @to's forwarding: unconditional first, busy when the station
 * (or the station it forwards to) is busy, at most
 * %TAPI_SIM_MAX_FORWARD_HOPS times; a station forwarding on no answer
 * gets a timer on the offered call.  A forwarded call arrives with the
 * reason of its last forwarding and the forwarding station as its
 * redirecting party, and the calling end (@d->far) learns where it went
 * (its redirection party).  Nothing links the new call to @d->far: the
 * caller does.
 *
 * Context: sw->lock held.
 * Return: the switch's side of the offered call; NULL when forwarding
 * took the call to the network (@d->to_network); or an ERR_PTR():
 * -EBUSY, -ENXIO for a forwarding to nowhere, the core's error.
 */
struct tapi_sim_call *tapi_sim_deliver(struct tapi_sim_switch *sw,
				       const struct tapi_sim_number *to,
				       struct tapi_sim_delivery *d)
{
	struct tapi_party by = { }, called = { .number = to->number };
	const struct tapi_sim_number *next;
	const struct tapi_sim_fwd *f;
	struct tapi_sim_call *psc;
	unsigned int hops = 0;
	struct tapi_party went;
	const char *dest;

	if (!d->offer.called)
		d->offer.called = &called;
	for (;;) {
		f = &to->fwd;
		if (d->no_forward || hops >= TAPI_SIM_MAX_FORWARD_HOPS)
			f = NULL;
		if (f && f->modes & TAPI_FORWARD_UNCOND) {
			dest = tapi_sim_fwd_dest(f, TAPI_FORWARD_UNCOND);
			d->offer.reason = TAPI_CALLREASON_FWDUNCOND;
		} else {
			psc = tapi_sim_offer_to(sw, to, d);
			if (!IS_ERR(psc))
				break;
			if (PTR_ERR(psc) != -EBUSY || !f ||
			    !(f->modes & TAPI_FORWARD_BUSY))
				return psc;
			dest = tapi_sim_fwd_dest(f, TAPI_FORWARD_BUSY);
			d->offer.reason = TAPI_CALLREASON_FWDBUSY;
		}
		/* Forwarded: on to the next station, or the network. */
		hops++;
		by.number = to->number;
		d->offer.redirecting = &by;
		switch (tapi_sim_classify(sw, dest, &next)) {
		case SIM_ROUTE_LINE:
			to = next;
			continue;
		case SIM_ROUTE_EXTERNAL:
			d->to_network = true;
			strscpy(d->network_dest, dest, sizeof(d->network_dest));
			psc = NULL;
			goto out;
		default:
			return ERR_PTR(-ENXIO);
		}
	}
	f = &to->fwd;
	if (!d->no_forward && f->modes & TAPI_FORWARD_NOANSWER &&
	    hops < TAPI_SIM_MAX_FORWARD_HOPS)
		tapi_sim_arm(psc, &psc->fwd_no_answer,
			     f->no_answer_ms ?: sw->cfg.forward_no_answer_ms);
out:
	if (hops && d->far) {
		went = (struct tapi_party){
			.number = d->to_network ? d->network_dest : to->number,
		};
		tapi_call_set_party(d->far->call, TAPI_PARTY_REDIRECTION, &went);
	}
	return psc;
}

/**
 * tapi_sim_delivery_from() - a call @sc places to a station of the card
 * @sc: the calling end
 * @reason: &enum tapi_call_reason of the offered call, 0 for direct
 * @caller: filled: the caller as the station sees it (@sc's number, or
 *	withheld)
 * @d: filled; @caller must live as long as it
 */
void tapi_sim_delivery_from(struct tapi_sim_call *sc, u32 reason,
			    struct tapi_party *caller,
			    struct tapi_sim_delivery *d)
{
	if (sc->block_id)
		*caller = (struct tapi_party){ .flags = TAPI_PARTYID_BLOCKED };
	else
		*caller = (struct tapi_party){
			.number = tapi_sim_number_of(sc),
		};
	*d = (struct tapi_sim_delivery){
		.offer = {
			.media_mode = sc->media_mode,
			.origin = TAPI_CALLORIGIN_INTERNAL,
			.reason = reason,
			.related_call_id = sc->id,
			.caller = caller,
		},
		.far = sc,
	};
}

/* Link a delivered call @psc (or the network) to its calling end @far. */
static void tapi_sim_link_delivered(struct tapi_sim_call *far,
				    struct tapi_sim_call *psc,
				    const struct tapi_sim_delivery *d)
{
	if (!psc) {
		tapi_sim_far_to_network(far, d->network_dest);
		return;
	}
	psc->peer = far;
	if (far)
		far->peer = psc;
}

/* The caller of a call leaving @sc's station, as the next one sees it. */
static void tapi_sim_caller_of(struct tapi_sim_call *sc, struct tapi_party *p)
{
	*p = (struct tapi_party){ .number = tapi_sim_far_number(sc) };
	if (sc->peer && sc->peer->block_id)
		*p = (struct tapi_party){ .flags = TAPI_PARTYID_BLOCKED };
}

/*
 * Send the far end of @sc, an inbound call alerting here, on to @to with
 * @reason: the delivery for it.
 */
static void tapi_sim_onward(struct tapi_sim_call *sc, u32 reason,
			    struct tapi_party *caller, struct tapi_party *by,
			    struct tapi_sim_delivery *d)
{
	tapi_sim_caller_of(sc, caller);
	*by = (struct tapi_party){ .number = tapi_sim_number_of(sc) };
	*d = (struct tapi_sim_delivery){
		.offer = {
			.media_mode = sc->media_mode,
			.origin = sc->peer ? TAPI_CALLORIGIN_INTERNAL :
					     TAPI_CALLORIGIN_EXTERNAL,
			.reason = reason,
			.related_call_id = sc->peer ? sc->peer->id : 0,
			.caller = caller,
			.redirecting = by,
		},
		.far = sc->peer,
	};
}

/**
 * tapi_sim_fwd_no_answer_work() - a call alerted too long at a station
 *	forwarding on no answer: send it on
 * @work: &tapi_sim_call.fwd_no_answer
 *
 * The call leaves the station (DISCONNECTED, %TAPI_DISCONNECTMODE_FORWARDED)
 * only once it was offered elsewhere; if it cannot be, it goes on alerting
 * here.
 */
void tapi_sim_fwd_no_answer_work(struct work_struct *work)
{
	struct tapi_sim_call *sc = container_of(to_delayed_work(work),
						struct tapi_sim_call,
						fwd_no_answer);
	struct tapi_sim_switch *sw = sc->sw;
	const struct tapi_sim_number *to, *next;
	struct tapi_party caller, by;
	struct tapi_sim_delivery d;
	struct tapi_sim_call *far, *psc;
	const char *dest;

	mutex_lock(&sw->lock);
	to = tapi_sim_dir_entry(sw, sc->line, sc->address);
	if (!sw->live || sc->gone || !to ||
	    !(to->fwd.modes & TAPI_FORWARD_NOANSWER) ||
	    !(tapi_call_state(sc->call) & (TAPI_CALLSTATE_OFFERING |
					   TAPI_CALLSTATE_ACCEPTED)))
		goto out;
	far = sc->peer;
	dest = tapi_sim_fwd_dest(&to->fwd, TAPI_FORWARD_NOANSWER);
	tapi_sim_onward(sc, TAPI_CALLREASON_FWDNOANSWER, &caller, &by, &d);
	switch (tapi_sim_classify(sw, dest, &next)) {
	case SIM_ROUTE_LINE:
		psc = tapi_sim_deliver(sw, next, &d);
		break;
	case SIM_ROUTE_EXTERNAL:
		d.to_network = true;
		strscpy(d.network_dest, dest, sizeof(d.network_dest));
		psc = NULL;
		break;
	default:
		psc = ERR_PTR(-ENXIO);
		break;
	}
	/* Nowhere to go: it goes on alerting here. */
	if (IS_ERR(psc))
		goto out;
	sc->peer = NULL;
	tapi_sim_link_delivered(far, psc, &d);
	if (far) {
		struct tapi_party went = {
			.number = psc ? tapi_sim_number_of(psc) : d.network_dest,
		};

		tapi_call_set_party(far->call, TAPI_PARTY_REDIRECTION, &went);
	}
	tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED,
		     TAPI_DISCONNECTMODE_FORWARDED);
out:
	mutex_unlock(&sw->lock);
	tapi_sim_call_put(sc);
}

/* Redirect */

static void tapi_sim_do_redirect(struct tapi_sim_call *sc, const char *dest,
				 struct tapi_request *req)
{
	const struct tapi_sim_number *to;
	struct tapi_sim_call *far = sc->peer, *psc;
	struct tapi_party caller, by, went;
	struct tapi_sim_delivery d;

	if (!(tapi_call_state(sc->call) & (TAPI_CALLSTATE_OFFERING |
					   TAPI_CALLSTATE_ACCEPTED))) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_onward(sc, TAPI_CALLREASON_REDIRECT, &caller, &by, &d);
	switch (tapi_sim_classify(sc->sw, dest, &to)) {
	case SIM_ROUTE_LINE:
		psc = tapi_sim_deliver(sc->sw, to, &d);
		if (IS_ERR(psc)) {
			tapi_sim_complete(sc->sw, req, PTR_ERR(psc));
			return;
		}
		break;
	case SIM_ROUTE_EXTERNAL:
		d.to_network = true;
		strscpy(d.network_dest, dest, sizeof(d.network_dest));
		psc = NULL;
		break;
	default:
		tapi_sim_complete(sc->sw, req, -ENXIO);
		return;
	}
	sc->peer = NULL;
	tapi_sim_link_delivered(far, psc, &d);
	/* The caller learns where it went (where forwarding took it). */
	if (far) {
		went.number = psc ? tapi_sim_number_of(psc) : d.network_dest;
		tapi_call_set_party(far->call, TAPI_PARTY_REDIRECTION, &went);
	}
	tapi_sim_disarm(sc, &sc->fwd_no_answer);
	tapi_sim_complete(sc->sw, req, 0);
	tapi_sim_set(sc, TAPI_CALLSTATE_IDLE, 0);
	tapi_sim_call_end(sc);
}

/* Pickup and unpark */

/*
 * @nsc, the new call of a pickup or unpark, takes over the far end @far
 * (or the network, as @number, unless @origin says the call is the
 * switch's own) of a call: both CONNECTED, each told who the other is.
 */
static void tapi_sim_take(struct tapi_sim_call *nsc, struct tapi_sim_call *far,
			  const char *number, u32 media_mode, u32 origin,
			  struct tapi_request *req)
{
	struct tapi_party them = { .number = number };
	struct tapi_party me = { .number = tapi_sim_number_of(nsc) };

	nsc->peer = far;
	nsc->external = !far && origin != TAPI_CALLORIGIN_INTERNAL;
	nsc->media_mode = media_mode;
	if (nsc->external)
		strscpy(nsc->dialed, number, sizeof(nsc->dialed));
	tapi_call_set_origin(nsc->call, origin);
	tapi_call_set_media_mode(nsc->call, media_mode);
	tapi_call_set_party(nsc->call, TAPI_PARTY_CALLER, &them);
	tapi_call_set_party(nsc->call, TAPI_PARTY_CONNECTED, &them);
	tapi_sim_set(nsc, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_complete(nsc->sw, req, 0);
	if (!far)
		return;
	far->peer = nsc;
	tapi_sim_disarm(far, &far->no_answer);
	tapi_call_set_party(far->call, TAPI_PARTY_CONNECTED, &me);
	tapi_sim_set(far, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
}

/* The request of @nsc failed: off the switch, the core makes it idle. */
static void tapi_sim_take_failed(struct tapi_sim_call *nsc,
				 struct tapi_request *req, int err)
{
	struct tapi_sim_switch *sw = nsc->sw;

	tapi_sim_call_end(nsc);
	tapi_sim_complete(sw, req, err);
}

/* Is @sc alerting at its station: offered or accepted, not yet answered. */
static bool tapi_sim_alerting(struct tapi_sim_call *sc)
{
	return tapi_call_state(sc->call) & (TAPI_CALLSTATE_OFFERING |
					    TAPI_CALLSTATE_ACCEPTED);
}

/*
 * The call a pickup from @nsc's line takes: the longest alerting at the
 * station @dest, or in group @group (empty: @nsc's own).  NULL with *err
 * set when there is none.
 */
static struct tapi_sim_call *tapi_sim_pickup_target(struct tapi_sim_call *nsc,
						    const char *dest,
						    const char *group,
						    int *err)
{
	struct tapi_sim_switch *sw = nsc->sw;
	const struct tapi_sim_number *to = NULL, *at;
	struct tapi_sim_call *sc;

	*err = -ESRCH;
	if (dest[0]) {
		if (tapi_sim_classify(sw, dest, &to) != SIM_ROUTE_LINE) {
			*err = -ENXIO;
			return NULL;
		}
	} else if (!group[0]) {
		at = tapi_sim_dir_entry(sw, nsc->line, nsc->address);
		group = at ? at->group : "";
		if (!group[0])
			return NULL;
	}
	/* sw->calls is in the order the calls came: the first waited most. */
	list_for_each_entry(sc, &sw->calls, node) {
		if (sc->line == nsc->line || !tapi_sim_alerting(sc))
			continue;
		at = tapi_sim_dir_entry(sw, sc->line, sc->address);
		if (!at)
			continue;
		if (to ? at == to : !strcmp(at->group, group))
			return sc;
	}
	return NULL;
}

static void tapi_sim_do_pickup(struct tapi_sim_call *nsc, const char *dest,
			       const char *group, struct tapi_request *req)
{
	struct tapi_sim_call *sc, *far;
	char number[TAPI_DIAL_LEN];
	int err;

	sc = tapi_sim_pickup_target(nsc, dest, group, &err);
	if (!sc) {
		tapi_sim_take_failed(nsc, req, err);
		return;
	}
	far = sc->peer;
	strscpy(number, tapi_sim_far_number(sc), sizeof(number));
	sc->peer = NULL;
	tapi_sim_disarm(sc, &sc->fwd_no_answer);
	tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED,
		     TAPI_DISCONNECTMODE_PICKUP);
	tapi_sim_take(nsc, far, number, sc->media_mode, sc->origin, req);
	/* A call back picked up here rings its station as if answered. */
	nsc->callback = sc->callback;
	sc->callback = NULL;
	tapi_sim_answer_callback(nsc);
}

/**
 * tapi_sim_is_park() - is a number a park address of the switch
 * @sw: the switch
 * @num: the number
 *
 * Return: true if it is.
 */
bool tapi_sim_is_park(struct tapi_sim_switch *sw, const char *num)
{
	unsigned int i;

	for (i = 0; i < sw->cfg.num_park; i++) {
		if (!strcmp(sw->cfg.park[i], num))
			return true;
	}
	return false;
}

/* The park address @num, or NULL. */
static struct tapi_sim_parked *tapi_sim_park_slot(struct tapi_sim_switch *sw,
						  const char *num)
{
	unsigned int i;

	for (i = 0; i < sw->cfg.num_park; i++) {
		if (!strcmp(sw->cfg.park[i], num))
			return &sw->parked[i];
	}
	return NULL;
}

/* Empty a park address, dropping its reference on the parked call. */
static void tapi_sim_park_clear(struct tapi_sim_parked *p)
{
	if (p->held) {
		p->held->parked = 0;
		tapi_sim_call_put(p->held);
	}
	memset(p, 0, sizeof(*p));
}

static void tapi_sim_do_unpark(struct tapi_sim_call *nsc, const char *dest,
			       struct tapi_request *req)
{
	struct tapi_sim_parked *p = tapi_sim_park_slot(nsc->sw, dest);
	struct tapi_sim_call *far;

	if (!p || !p->used) {
		tapi_sim_take_failed(nsc, req, p ? -ESRCH : -ENXIO);
		return;
	}
	far = p->held;
	if (far) {
		far->parked = 0;
		tapi_call_set_reason(far->call, TAPI_CALLREASON_UNPARK);
	}
	tapi_sim_take(nsc, far, p->number, p->media_mode,
		      far ? TAPI_CALLORIGIN_INTERNAL : TAPI_CALLORIGIN_EXTERNAL,
		      req);
	tapi_sim_park_clear(p);
}

static void tapi_sim_do_park(struct tapi_sim_call *sc, u32 mode,
			     const char *dest, struct tapi_request *req)
{
	struct tapi_sim_switch *sw = sc->sw;
	struct tapi_sim_call *far = sc->peer;
	struct tapi_party at, by = { .number = tapi_sim_number_of(sc) };
	struct tapi_sim_parked *p = NULL;
	unsigned int i;

	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_CONNECTED ||
	    sc->is_conf || sc->conf) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	if (mode == TAPI_PARK_DIRECTED) {
		p = tapi_sim_park_slot(sw, dest);
		if (!p) {
			tapi_sim_complete(sc->sw, req, -ENXIO);
			return;
		}
		i = p - sw->parked;
	} else {
		for (i = 0; i < sw->cfg.num_park && sw->parked[i].used; i++)
			;
		if (i < sw->cfg.num_park)
			p = &sw->parked[i];
	}
	if (!p || p->used) {
		tapi_sim_complete(sc->sw, req, -EBUSY);
		return;
	}

	p->used = true;
	p->external = !far;
	p->media_mode = sc->media_mode;
	strscpy(p->number, tapi_sim_far_number(sc), sizeof(p->number));
	at = (struct tapi_party){ .number = sw->cfg.park[i] };
	tapi_call_set_party(sc->call, TAPI_PARTY_REDIRECTION, &at);
	sc->peer = NULL;
	if (far) {
		kref_get(&far->ref);
		p->held = far;
		far->peer = NULL;
		far->parked = i + 1;
		tapi_call_set_party(far->call, TAPI_PARTY_REDIRECTING, &by);
		tapi_call_set_reason(far->call, TAPI_CALLREASON_PARKED);
		tapi_sim_set(far, TAPI_CALLSTATE_CONNECTED,
			     TAPI_CONNECTEDMODE_ACTIVEHELD);
		tapi_sim_audio_refresh(far);
	}
	tapi_sim_complete(sc->sw, req, 0);
	tapi_sim_set(sc, TAPI_CALLSTATE_IDLE, 0);
	tapi_sim_call_end(sc);
}

/* Forwarding */

static void tapi_sim_do_forward(struct tapi_sim_switch *sw, unsigned int line,
				int address, const struct tapi_forward_list *fwd,
				struct tapi_request *req)
{
	const struct tapi_sim_number *to;
	struct tapi_sim_fwd f = { };
	unsigned int i;

	for (i = 0; i < fwd->num_entries; i++) {
		const struct tapi_forward_entry *e = &fwd->entries[i];

		switch (tapi_sim_classify(sw, e->dest, &to)) {
		case SIM_ROUTE_LINE:
		case SIM_ROUTE_EXTERNAL:
			break;
		default:
			tapi_sim_complete(sw, req, -ENXIO);
			return;
		}
		f.modes |= e->mode;
		strscpy(f.dest[__ffs(e->mode)], e->dest, sizeof(f.dest[0]));
	}
	if (f.modes & TAPI_FORWARD_NOANSWER)
		f.no_answer_ms = fwd->no_answer_ms ?:
				 sw->cfg.forward_no_answer_ms;
	for (i = sw->dir_first[line]; i < sw->dir_first[line + 1]; i++) {
		struct tapi_sim_number *n = &sw->dir[i];
		struct tapi_forward_list now = *fwd;

		if (address >= 0 && n->address != address)
			continue;
		n->fwd = f;
		now.no_answer_ms = f.no_answer_ms;
		tapi_address_set_forward(sw->tcard, line, n->address, &now);
	}
	tapi_sim_complete(sw, req, 0);
}

/* Secure call, user-user information */

static void tapi_sim_do_secure(struct tapi_sim_call *sc,
			       struct tapi_request *req)
{
	u32 state = tapi_call_state(sc->call);

	if (state & (TAPI_CALLSTATE_IDLE | TAPI_CALLSTATE_DISCONNECTED)) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	sc->secure = true;
	tapi_call_set_param_flags(sc->call, TAPI_CALLPARAM_SECURE |
				  (sc->block_id ? TAPI_CALLPARAM_BLOCKID : 0));
	tapi_sim_complete(sc->sw, req, 0);
}

static void tapi_sim_do_user_user(struct tapi_sim_call *sc, const u8 *data,
				  size_t len, struct tapi_request *req)
{
	if (!(tapi_call_state(sc->call) & (TAPI_CALLSTATE_OFFERING |
					   TAPI_CALLSTATE_ACCEPTED |
					   TAPI_CALLSTATE_PROCEEDING |
					   TAPI_CALLSTATE_RINGBACK |
					   TAPI_CALLSTATE_CONNECTED))) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	/* The network takes it and says nothing. */
	if (sc->peer)
		tapi_call_set_user_user(sc->peer->call, data, len);
	tapi_sim_complete(sc->sw, req, 0);
}

/**
 * tapi_sim_network_user_user() - the network sends user-user information
 * @sc: a call whose far end is the network
 * @data: the bytes
 * @len: their number, 1 to %TAPI_USERUSER_MAX
 *
 * Return: 0, or -EINVAL for an internal call or a bad @len.
 */
int tapi_sim_network_user_user(struct tapi_sim_call *sc, const u8 *data,
			       size_t len)
{
	if (!sc->external)
		return -EINVAL;
	return tapi_call_set_user_user(sc->call, data, len);
}

/* Call completion */

static struct tapi_sim_completion *
tapi_sim_completion_find(struct tapi_sim_switch *sw, u32 id)
{
	struct tapi_sim_completion *c;

	list_for_each_entry(c, &sw->completions, node) {
		if (c->id == id)
			return c;
	}
	return NULL;
}

static void tapi_sim_completion_free(struct tapi_sim_completion *c)
{
	list_del(&c->node);
	if (c->camped) {
		c->camped->camp_id = 0;
		tapi_sim_call_put(c->camped);
	}
	kfree(c);
}

/* Are there no calls at station @to. */
static bool tapi_sim_station_free(struct tapi_sim_switch *sw,
				  const struct tapi_sim_number *to)
{
	struct tapi_sim_call *sc;

	list_for_each_entry(sc, &sw->calls, node) {
		if (sc->line == to->line && sc->address == to->address)
			return false;
	}
	return true;
}

static void tapi_sim_do_complete(struct tapi_sim_call *sc, u32 mode, u32 id,
				 struct tapi_request *req)
{
	struct tapi_sim_switch *sw = sc->sw;
	const struct tapi_sim_number *to = NULL;
	struct tapi_sim_completion *c;
	u32 state = tapi_call_state(sc->call);

	if (state != TAPI_CALLSTATE_BUSY &&
	    (state != TAPI_CALLSTATE_RINGBACK ||
	     mode != TAPI_COMPLETION_CALLBACK)) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	/* The switch completes calls to its own stations only. */
	if (sc->external || tapi_sim_classify(sw, sc->dialed, &to) !=
			    SIM_ROUTE_LINE) {
		tapi_sim_complete(sc->sw, req, -ENXIO);
		return;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c) {
		tapi_sim_complete(sc->sw, req, -ENOMEM);
		return;
	}
	c->id = id;
	c->mode = mode;
	c->media_mode = sc->media_mode;
	c->from = tapi_sim_dir_entry(sw, sc->line, sc->address);
	c->to = to;
	if (mode == TAPI_COMPLETION_CAMPON) {
		kref_get(&sc->ref);
		c->camped = sc;
		sc->camp_id = id;
	}
	list_add_tail(&c->node, &sw->completions);
	tapi_sim_complete(sc->sw, req, 0);
	queue_work(system_wq, &sw->completion_work);
}

/*
 * Cancel completion @id: the one registered, or a request for it still
 * waiting for reply_delay_ms (its requester closed: it must not register
 * after this).
 */
static void tapi_sim_do_uncomplete(struct tapi_sim_switch *sw, u32 id,
				   struct tapi_request *req)
{
	struct tapi_sim_completion *c = tapi_sim_completion_find(sw, id);
	struct tapi_sim_op *op, *tmp;

	if (c)
		tapi_sim_completion_free(c);
	list_for_each_entry_safe(op, tmp, &sw->ops, node) {
		if (op->kind != SIM_OP_COMPLETE || op->id != id)
			continue;
		list_del(&op->node);
		tapi_sim_complete(sw, op->req, -ECANCELED);
		tapi_sim_op_free(op);
	}
	if (req)
		tapi_sim_complete(sw, req, 0);
}

/* A camped-on call: ring the station it waits for, if it can now. */
static bool tapi_sim_camp_on(struct tapi_sim_completion *c)
{
	struct tapi_sim_call *sc = c->camped, *psc;
	struct tapi_sim_switch *sw = sc->sw;
	struct tapi_sim_delivery d;
	struct tapi_party caller;

	if (sc->gone || tapi_call_state(sc->call) != TAPI_CALLSTATE_BUSY)
		return true;
	tapi_sim_delivery_from(sc, TAPI_CALLREASON_CAMPEDON, &caller, &d);
	psc = tapi_sim_deliver(sw, c->to, &d);
	if (IS_ERR(psc))
		return false;
	/* Over before anyone hears of it: its id names nothing from now. */
	tapi_completion_finished(sw->tcard, c->id);
	tapi_sim_link_delivered(sc, psc, &d);
	tapi_sim_set(sc, TAPI_CALLSTATE_RINGBACK, 0);
	tapi_sim_arm(sc, &sc->no_answer, sc->no_answer_ms);
	return true;
}

/* A call back: ring the requesting station, if it can take it now. */
static bool tapi_sim_call_back(struct tapi_sim_switch *sw,
			       struct tapi_sim_completion *c)
{
	struct tapi_party caller = { .number = c->to->number };
	struct tapi_sim_delivery d = {
		.offer = {
			.media_mode = c->media_mode,
			.origin = TAPI_CALLORIGIN_INTERNAL,
			.reason = TAPI_CALLREASON_CALLCOMPLETION,
			.completion_id = c->id,
			.caller = &caller,
		},
		.no_forward = true,
	};
	struct tapi_sim_call *psc;

	if (!tapi_sim_station_free(sw, c->to))
		return false;
	psc = tapi_sim_deliver(sw, c->from, &d);
	if (IS_ERR(psc))
		return false;
	psc->external = false;
	psc->callback = c->to;
	return true;
}

/*
 * Carry out the completions whose far end is free now, oldest first: a
 * completion that cannot go on yet waits for the next call to end.
 */
static void tapi_sim_completion_work(struct work_struct *work)
{
	struct tapi_sim_switch *sw = container_of(work, struct tapi_sim_switch,
						  completion_work);
	struct tapi_sim_completion *c, *tmp;
	bool done;

	mutex_lock(&sw->lock);
	list_for_each_entry_safe(c, tmp, &sw->completions, node) {
		if (!sw->live)
			break;
		if (c->mode == TAPI_COMPLETION_CAMPON)
			done = tapi_sim_camp_on(c);
		else
			done = tapi_sim_call_back(sw, c);
		if (done)
			tapi_sim_completion_free(c);
	}
	mutex_unlock(&sw->lock);
}

/**
 * tapi_sim_answer_callback() - the call back of a completion was answered:
 *	ring the station it completes the call to
 * @sc: the call back, CONNECTED
 *
 * The requester hears ringback until the station answers; a busy station
 * disconnects the call back (%TAPI_DISCONNECTMODE_BUSY).
 *
 * Context: sw->lock held.
 * Return: true if @sc was a call back.
 */
bool tapi_sim_answer_callback(struct tapi_sim_call *sc)
{
	struct tapi_sim_switch *sw = sc->sw;
	const struct tapi_sim_number *to = sc->callback;
	struct tapi_party caller, them;
	struct tapi_sim_delivery d;
	struct tapi_sim_call *psc;

	if (!to)
		return false;
	sc->callback = NULL;
	tapi_sim_delivery_from(sc, TAPI_CALLREASON_CALLCOMPLETION, &caller, &d);
	psc = tapi_sim_deliver(sw, to, &d);
	if (IS_ERR(psc)) {
		tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_BUSY);
		return true;
	}
	tapi_sim_link_delivered(sc, psc, &d);
	them = (struct tapi_party){
		.number = psc ? tapi_sim_number_of(psc) : d.network_dest,
	};
	tapi_call_set_party(sc->call, TAPI_PARTY_CONNECTED, &them);
	if (psc)
		/* Ringback until the station answers (tapi_sim_do_answer). */
		tapi_sim_media_update(&sw->media, &sc->media, SIM_AUDIO_TONE,
				      SIM_TONE_RINGBACK, NULL,
				      sw->cfg.tone_zone);
	return true;
}

/**
 * tapi_sim_services_call_end() - a call goes idle: what the services
 *	held of it
 * @sc: the call
 *
 * A parked party that hangs up frees its park address; a camped-on call
 * that goes ends its completion; any call that ends may free a station a
 * completion waits for.
 *
 * Context: sw->lock held.
 */
void tapi_sim_services_call_end(struct tapi_sim_call *sc)
{
	struct tapi_sim_switch *sw = sc->sw;
	struct tapi_sim_completion *c;

	tapi_sim_disarm(sc, &sc->fwd_no_answer);
	if (sc->parked)
		tapi_sim_park_clear(&sw->parked[sc->parked - 1]);
	if (sc->camp_id) {
		c = tapi_sim_completion_find(sw, sc->camp_id);
		tapi_completion_finished(sw->tcard, sc->camp_id);
		if (c)
			tapi_sim_completion_free(c);
	}
	if (!list_empty(&sw->completions))
		queue_work(system_wq, &sw->completion_work);
}

/**
 * tapi_sim_services_run() - carry out a call services operation
 * @op: the operation; its call, if any, is not gone
 *
 * Context: sw->lock held.
 */
void tapi_sim_services_run(struct tapi_sim_op *op)
{
	struct tapi_sim_call *sc = op->sc;

	switch (op->kind) {
	case SIM_OP_REDIRECT:
		tapi_sim_do_redirect(sc, op->digits, op->req);
		break;
	case SIM_OP_PICKUP:
		tapi_sim_do_pickup(sc, op->digits, op->group, op->req);
		break;
	case SIM_OP_PARK:
		tapi_sim_do_park(sc, op->mode, op->digits, op->req);
		break;
	case SIM_OP_UNPARK:
		tapi_sim_do_unpark(sc, op->digits, op->req);
		break;
	case SIM_OP_FORWARD:
		tapi_sim_do_forward(op->sw, op->line, op->address, &op->fwd,
				    op->req);
		break;
	case SIM_OP_SECURE:
		tapi_sim_do_secure(sc, op->req);
		break;
	case SIM_OP_USER_USER:
		tapi_sim_do_user_user(sc, op->data, op->len, op->req);
		break;
	case SIM_OP_COMPLETE:
		tapi_sim_do_complete(sc, op->mode, op->id, op->req);
		break;
	case SIM_OP_UNCOMPLETE:
		tapi_sim_do_uncomplete(op->sw, op->id, op->req);
		break;
	default:
		tapi_sim_supp_run(op);
		break;
	}
}

/**
 * tapi_sim_services_init() - set up the services of a stopped switch
 * @sw: the switch
 */
void tapi_sim_services_init(struct tapi_sim_switch *sw)
{
	INIT_LIST_HEAD(&sw->completions);
	INIT_WORK(&sw->completion_work, tapi_sim_completion_work);
}

/**
 * tapi_sim_services_stop() - a stopping switch forgets parked calls and
 *	completions
 * @sw: the switch, no longer live
 *
 * Context: process context; sw->lock not held.
 */
void tapi_sim_services_stop(struct tapi_sim_switch *sw)
{
	struct tapi_sim_completion *c, *tmp;
	unsigned int i;

	cancel_work_sync(&sw->completion_work);
	mutex_lock(&sw->lock);
	list_for_each_entry_safe(c, tmp, &sw->completions, node)
		tapi_sim_completion_free(c);
	for (i = 0; sw->parked && i < sw->cfg.num_park; i++)
		tapi_sim_park_clear(&sw->parked[i]);
	kfree(sw->parked);
	sw->parked = NULL;
	mutex_unlock(&sw->lock);
}

/* The struct tapi_tsp_ops operations */

/*
 * Submit an operation: on @call's switch side (NULL: on the line), or,
 * with @adopt, on @call adopted as a new call of the switch (pickup,
 * unpark), as make call does.
 */
static int tapi_sim_services_submit(struct tapi_card *tcard,
				    struct tapi_call *call, bool adopt,
				    struct tapi_sim_op *op)
{
	struct tapi_sim_switch *sw = tapi_sim_to_switch(tcard);
	int ret = 0;

	op->sw = sw;
	if (call && !adopt) {
		op->sc = tapi_sim_lock_call(sw, call, op->req, &ret);
		if (!op->sc)
			return ret;
	} else {
		mutex_lock(&sw->lock);
		if (!sw->live) {
			ret = -ENODEV;
			goto out;
		}
	}
	if (adopt) {
		op->sc = tapi_sim_call_new(sw, tapi_call_get(call));
		if (!op->sc) {
			ret = -ENOMEM;
			goto out;
		}
	}
	ret = tapi_sim_submit_op(op);
	if (ret && adopt)
		tapi_sim_call_end(op->sc);
out:
	mutex_unlock(&sw->lock);
	return ret;
}

/**
 * tapi_sim_redirect() - &tapi_tsp_ops.redirect of the sim card
 * @tcard: the card
 * @call: the offered call
 * @dest: where to
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_redirect(struct tapi_card *tcard, struct tapi_call *call,
		      const char *dest, struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_REDIRECT, .req = req };

	strscpy(op.digits, dest, sizeof(op.digits));
	return tapi_sim_services_submit(tcard, call, false, &op);
}

/**
 * tapi_sim_pickup() - &tapi_tsp_ops.pickup of the sim card
 * @tcard: the card
 * @call: the new call
 * @dest: the station whose call to take, or empty
 * @group: with @dest empty, the pickup group (empty: the line's own)
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -ENOMEM.
 */
int tapi_sim_pickup(struct tapi_card *tcard, struct tapi_call *call,
		    const char *dest, const char *group,
		    struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_PICKUP, .req = req };

	strscpy(op.digits, dest, sizeof(op.digits));
	strscpy(op.group, group, sizeof(op.group));
	return tapi_sim_services_submit(tcard, call, true, &op);
}

/**
 * tapi_sim_park() - &tapi_tsp_ops.park of the sim card
 * @tcard: the card
 * @call: the call
 * @mode: directed or not
 * @dest: the park address, or empty
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_park(struct tapi_card *tcard, struct tapi_call *call, u32 mode,
		  const char *dest, struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_PARK,
		.req = req,
		.mode = mode,
	};

	strscpy(op.digits, dest, sizeof(op.digits));
	return tapi_sim_services_submit(tcard, call, false, &op);
}

/**
 * tapi_sim_unpark() - &tapi_tsp_ops.unpark of the sim card
 * @tcard: the card
 * @call: the new call
 * @dest: the park address
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -ENOMEM.
 */
int tapi_sim_unpark(struct tapi_card *tcard, struct tapi_call *call,
		    const char *dest, struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_UNPARK, .req = req };

	strscpy(op.digits, dest, sizeof(op.digits));
	return tapi_sim_services_submit(tcard, call, true, &op);
}

/**
 * tapi_sim_forward() - &tapi_tsp_ops.forward of the sim card
 * @tcard: the card
 * @line: the line
 * @address_id: the address, or -1 for all
 * @fwd: the forwarding list; copied
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -ENOMEM.
 */
int tapi_sim_forward(struct tapi_card *tcard, unsigned int line,
		     int address_id, const struct tapi_forward_list *fwd,
		     struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_FORWARD,
		.req = req,
		.line = line,
		.address = address_id,
		.fwd = *fwd,
	};

	memcpy(op.fwd_entries, fwd->entries,
	       fwd->num_entries * sizeof(op.fwd_entries[0]));
	op.fwd.entries = op.fwd_entries;
	return tapi_sim_services_submit(tcard, NULL, false, &op);
}

/**
 * tapi_sim_secure_call() - &tapi_tsp_ops.secure_call of the sim card
 * @tcard: the card
 * @call: the call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_secure_call(struct tapi_card *tcard, struct tapi_call *call,
			 struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_SECURE, .req = req };

	return tapi_sim_services_submit(tcard, call, false, &op);
}

/**
 * tapi_sim_send_user_user() - &tapi_tsp_ops.send_user_user of the sim card
 * @tcard: the card
 * @call: the call
 * @data: the bytes; copied
 * @len: their number
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_send_user_user(struct tapi_card *tcard, struct tapi_call *call,
			    const u8 *data, size_t len,
			    struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_USER_USER,
		.req = req,
		.len = len,
	};

	memcpy(op.data, data, len);
	return tapi_sim_services_submit(tcard, call, false, &op);
}

/**
 * tapi_sim_complete_call() - &tapi_tsp_ops.complete_call of the sim card
 * @tcard: the card
 * @call: the busy or unanswered call
 * @mode: camp-on or call back
 * @completion_id: the core's id of the completion
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_complete_call(struct tapi_card *tcard, struct tapi_call *call,
			   u32 mode, u32 completion_id,
			   struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_COMPLETE,
		.req = req,
		.mode = mode,
		.id = completion_id,
	};

	return tapi_sim_services_submit(tcard, call, false, &op);
}

/**
 * tapi_sim_uncomplete_call() - &tapi_tsp_ops.uncomplete_call of the sim
 *	card
 * @tcard: the card
 * @line: the line of the requester
 * @completion_id: the completion
 * @req: the request to complete, or NULL (the requester closed)
 *
 * Return: 0, -ENODEV, -ENOMEM.
 */
int tapi_sim_uncomplete_call(struct tapi_card *tcard, unsigned int line,
			     u32 completion_id, struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_UNCOMPLETE,
		.req = req,
		.line = line,
		.id = completion_id,
	};

	return tapi_sim_services_submit(tcard, NULL, false, &op);
}
