// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the in-kernel switch of a simulated card.  Lines of a card call
 * each other by number; numbers starting with the card's external prefix
 * reach the simulated public network, which the tests drive through each
 * line's network attribute (sim-network.c).
 *
 * This is also the part of the reference TSP that shows how call control
 * is done: every call operation of struct tapi_tsp_ops runs here, reports
 * progress with tapi_call_set_state() and tapi_call_set_party(), creates
 * inbound calls with tapi_call_offer(), and completes each request it took
 * on with tapi_request_complete(): at once, or later from a work item when
 * the card's reply_delay_ms says so, as a card that waits for its hardware
 * would.
 *
 * Life of a call here: struct tapi_sim_call (sc) is the switch's side of a
 * core call, found again with tapi_call_drvdata().  It exists from make
 * call (or offer) until the call goes idle; a reference is held by the
 * switch's list and by each pending work item, so a work item that runs
 * late finds sc->gone set and does nothing.  Timers are delayed work items,
 * so everything runs in process context under sw->lock.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <tapi/tsp.h>

#include "sim.h"
#include "sim-switch.h"

static void tapi_sim_no_answer_work(struct work_struct *work);
static void tapi_sim_remote_answer_work(struct work_struct *work);

/**
 * tapi_sim_to_switch() - the switch of a registered sim card
 * @tcard: the card
 *
 * Return: its switch.
 */
struct tapi_sim_switch *tapi_sim_to_switch(struct tapi_card *tcard)
{
	struct tapi_sim_card *card = tapi_card_priv(tcard);

	return &card->sw;
}

#define to_switch tapi_sim_to_switch

static void tapi_sim_call_release(struct kref *ref)
{
	struct tapi_sim_call *sc = container_of(ref, struct tapi_sim_call, ref);

	tapi_call_put(sc->call);
	kfree(sc);
}

/**
 * tapi_sim_call_put() - drop a reference on a switch call
 * @sc: the call
 */
void tapi_sim_call_put(struct tapi_sim_call *sc)
{
	kref_put(&sc->ref, tapi_sim_call_release);
}

/**
 * tapi_sim_call_core() - the core's call of a switch call
 * @sc: the switch call
 *
 * Return: the call; valid while @sc is.
 */
struct tapi_call *tapi_sim_call_core(struct tapi_sim_call *sc)
{
	return sc->call;
}

/**
 * tapi_sim_call_new() - the switch's side of a call
 * @sw: the switch; its lock held
 * @call: the core's call; the caller's reference is taken over
 *
 * Return: the new call, or NULL (the reference is dropped then).
 */
struct tapi_sim_call *tapi_sim_call_new(struct tapi_sim_switch *sw,
					       struct tapi_call *call)
{
	struct tapi_sim_call *sc;

	lockdep_assert_held(&sw->lock);
	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc) {
		tapi_call_put(call);
		return NULL;
	}
	kref_init(&sc->ref);
	sc->sw = sw;
	sc->call = call;
	sc->id = tapi_call_id(call);
	sc->line = tapi_call_line(call);
	sc->address = tapi_call_address(call);
	sc->no_answer_ms = sw->cfg.no_answer_ms;
	tapi_sim_media_init_call(&sc->media, call,
				 sw->laws ? sw->laws[sc->line] : TAPI_MEDIA_LINEAR16);
	INIT_DELAYED_WORK(&sc->no_answer, tapi_sim_no_answer_work);
	INIT_DELAYED_WORK(&sc->remote_answer, tapi_sim_remote_answer_work);
	INIT_DELAYED_WORK(&sc->fwd_no_answer, tapi_sim_fwd_no_answer_work);
	list_add_tail(&sc->node, &sw->calls);
	tapi_call_set_drvdata(call, sc);
	return sc;
}

/*
 * Jiffies to wait for at least @ms: the current tick is already partly
 * gone, so one more.
 */
static unsigned long tapi_sim_at_least(u32 ms)
{
	return msecs_to_jiffies(ms) + 1;
}

/**
 * tapi_sim_arm() - schedule one of a call's timers
 * @sc: the call; the timer holds a reference on it while pending
 * @dw: the timer
 * @ms: when, at the earliest
 */
void tapi_sim_arm(struct tapi_sim_call *sc, struct delayed_work *dw, u32 ms)
{
	kref_get(&sc->ref);
	if (!mod_delayed_work(system_wq, dw, tapi_sim_at_least(ms)))
		return;
	/* It was pending already and keeps its reference. */
	tapi_sim_call_put(sc);
}

/**
 * tapi_sim_disarm() - cancel one of a call's timers, if pending
 * @sc: the call
 * @dw: the timer
 */
void tapi_sim_disarm(struct tapi_sim_call *sc, struct delayed_work *dw)
{
	if (cancel_delayed_work(dw))
		tapi_sim_call_put(sc);
}

/**
 * tapi_sim_call_end() - the call went idle: off the switch
 * @sc: the call; its timers find @sc->gone
 *
 * Context: sw->lock held.
 */
void tapi_sim_call_end(struct tapi_sim_call *sc)
{
	if (sc->gone)
		return;
	sc->gone = true;
	tapi_sim_media_update(&sc->sw->media, &sc->media, SIM_AUDIO_NONE, 0,
			      NULL, 0);
	tapi_sim_supp_call_end(sc);
	tapi_sim_services_call_end(sc);
	if (sc->peer)
		sc->peer->peer = NULL;
	sc->peer = NULL;
	list_del_init(&sc->node);
	tapi_sim_disarm(sc, &sc->no_answer);
	tapi_sim_disarm(sc, &sc->remote_answer);
	tapi_call_set_drvdata(sc->call, NULL);
	tapi_sim_ghost_keep(sc->sw, sc->call);
	tapi_sim_call_put(sc);
}

/* What a call in @state (@mode) hears; *tone for SIM_AUDIO_TONE. */
static enum tapi_sim_audio tapi_sim_audio_of(struct tapi_sim_call *sc,
					     u32 state, u32 mode,
					     enum tapi_sim_tone_kind *tone)
{
	switch (state) {
	case TAPI_CALLSTATE_CONNECTED:
		return sc->external ? SIM_AUDIO_NETWORK : SIM_AUDIO_PEER;
	case TAPI_CALLSTATE_DIALTONE:
		*tone = SIM_TONE_DIAL;
		return SIM_AUDIO_TONE;
	case TAPI_CALLSTATE_DIALING:
		/* A G.711 line dials in band, and hears it. */
		return sc->media.law ? SIM_AUDIO_SIDETONE : SIM_AUDIO_NONE;
	case TAPI_CALLSTATE_RINGBACK:
		*tone = SIM_TONE_RINGBACK;
		return SIM_AUDIO_TONE;
	case TAPI_CALLSTATE_BUSY:
		*tone = mode & TAPI_BUSYMODE_TRUNK ? SIM_TONE_CONGESTION :
			SIM_TONE_BUSY;
		return SIM_AUDIO_TONE;
	case TAPI_CALLSTATE_SPECIALINFO:
		*tone = SIM_TONE_SIT;
		return SIM_AUDIO_TONE;
	default:
		return SIM_AUDIO_NONE;
	}
}

/* What a call in @state (@mode) hears, set up.  sw->lock held. */
static void tapi_sim_audio_set(struct tapi_sim_call *sc, u32 state, u32 mode)
{
	enum tapi_sim_tone_kind tone = SIM_TONE_DIAL;
	struct tapi_sim_media_call *bridge;
	enum tapi_sim_audio audio;

	bridge = tapi_sim_bridge_of(sc, state);
	if (bridge) {
		tapi_sim_media_join(&sc->sw->media, &sc->media, bridge);
		return;
	}
	audio = tapi_sim_audio_of(sc, state, mode, &tone);
	tapi_sim_media_update(&sc->sw->media, &sc->media, audio, tone,
			      sc->peer ? &sc->peer->media : NULL,
			      sc->sw->cfg.tone_zone);
}

/**
 * tapi_sim_audio_refresh() - a call's peer or conference changed: what it
 *	hears now
 * @sc: the call
 *
 * Context: sw->lock held.
 */
void tapi_sim_audio_refresh(struct tapi_sim_call *sc)
{
	if (!sc->gone)
		tapi_sim_audio_set(sc, tapi_call_state(sc->call), 0);
}

/**
 * tapi_sim_set() - change a call's state in the core, and what it hears
 * @sc: the call
 * @state: the state
 * @mode: its mode
 *
 * Context: sw->lock held.
 * Return: 0 or tapi_call_set_state()'s error.
 */
int tapi_sim_set(struct tapi_sim_call *sc, u32 state, u32 mode)
{
	int ret;

	ret = tapi_sim_state_to_core(sc->sw, sc->call, state, mode);
	if (ret || sc->gone)
		return ret;
	tapi_sim_audio_set(sc, state, mode);
	return 0;
}

/**
 * tapi_sim_own_number() - the number of a line's address
 * @sw: the switch
 * @line: the line
 * @address: the address
 *
 * Return: the number, from the directory; "" if unknown.
 */
const char *tapi_sim_own_number(struct tapi_sim_switch *sw,
				       unsigned int line, unsigned int address)
{
	const struct tapi_sim_number *n = tapi_sim_dir_entry(sw, line, address);

	return n ? n->number : "";
}

/**
 * tapi_sim_number_of() - the number of a call's own address
 * @sc: the call
 *
 * Return: the number; "" if unknown.
 */
const char *tapi_sim_number_of(struct tapi_sim_call *sc)
{
	return tapi_sim_own_number(sc->sw, sc->line, sc->address);
}

/**
 * tapi_sim_classify() - where a (partly) dialled number leads
 * @sw: the switch
 * @num: the number
 * @to: the directory entry, for %SIM_ROUTE_LINE
 *
 * Return: &enum tapi_sim_route.
 */
enum tapi_sim_route tapi_sim_classify(struct tapi_sim_switch *sw,
					     const char *num,
					     const struct tapi_sim_number **to)
{
	const char *prefix = sw->cfg.external_prefix;
	size_t len = strlen(num), plen = strlen(prefix);
	const struct tapi_sim_number *e;
	unsigned int lo = 0, hi = sw->num_numbers, mid;
	bool partial = false;

	/*
	 * The card's own numbers come first, the first line that has it: the
	 * first entry not below @num in @dir_sorted is that line's if it is
	 * @num, and starts with @num if any entry does.
	 */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(sw->dir[sw->dir_sorted[mid]].number, num) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sw->num_numbers) {
		e = &sw->dir[sw->dir_sorted[lo]];
		if (!strcmp(e->number, num)) {
			*to = e;
			return SIM_ROUTE_LINE;
		}
		partial = !strncmp(e->number, num, len);
	}
	if (partial)
		return SIM_ROUTE_INCOMPLETE;
	if (plen && !strncmp(num, prefix, min(len, plen)))
		return len > plen ? SIM_ROUTE_EXTERNAL : SIM_ROUTE_INCOMPLETE;
	return SIM_ROUTE_UNKNOWN;
}

static void tapi_sim_unknown_number(struct tapi_sim_call *sc)
{
	if (sc->sw->cfg.unknown_specialinfo)
		tapi_sim_set(sc, TAPI_CALLSTATE_SPECIALINFO,
			     TAPI_SPECIALINFO_NOCIRCUIT);
	else
		tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_BADADDRESS);
}

/* Ring the station @to for @sc: offer it a call, or report busy. */
static void tapi_sim_ring_line(struct tapi_sim_call *sc,
			       const struct tapi_sim_number *to)
{
	struct tapi_sim_switch *sw = sc->sw;
	struct tapi_sim_delivery d;
	struct tapi_sim_call *psc;
	struct tapi_party caller;

	tapi_sim_delivery_from(sc, 0, &caller, &d);
	psc = tapi_sim_deliver(sw, to, &d);
	if (IS_ERR(psc)) {
		if (PTR_ERR(psc) == -EBUSY)
			tapi_sim_set(sc, TAPI_CALLSTATE_BUSY,
				     TAPI_BUSYMODE_STATION);
		else
			tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED,
				     TAPI_DISCONNECTMODE_TEMPFAILURE);
		return;
	}
	if (psc) {
		psc->peer = sc;
		sc->peer = psc;
	} else {
		/* Forwarded to the network. */
		sc->external = true;
		strscpy(sc->dialed, d.network_dest, sizeof(sc->dialed));
		if (sw->cfg.remote_answer_ms)
			tapi_sim_arm(sc, &sc->remote_answer,
				     sw->cfg.remote_answer_ms);
	}
	tapi_sim_set(sc, TAPI_CALLSTATE_RINGBACK, 0);
	tapi_sim_arm(sc, &sc->no_answer, sc->no_answer_ms);
}

/* The number in @sc->dialed is complete: connect it somewhere. */
static void tapi_sim_route(struct tapi_sim_call *sc)
{
	const struct tapi_sim_number *to = NULL;
	struct tapi_sim_switch *sw = sc->sw;

	switch (tapi_sim_classify(sw, sc->dialed, &to)) {
	case SIM_ROUTE_LINE:
		tapi_sim_ring_line(sc, to);
		break;
	case SIM_ROUTE_EXTERNAL:
		sc->external = true;
		tapi_sim_set(sc, TAPI_CALLSTATE_RINGBACK, 0);
		if (sw->cfg.remote_answer_ms)
			tapi_sim_arm(sc, &sc->remote_answer,
				     sw->cfg.remote_answer_ms);
		tapi_sim_arm(sc, &sc->no_answer, sc->no_answer_ms);
		break;
	default:
		tapi_sim_unknown_number(sc);
		break;
	}
}

/* The operations proper; sw->lock held, @sc not gone. */

static void tapi_sim_do_make_call(struct tapi_sim_call *sc,
				  struct tapi_request *req)
{
	tapi_sim_complete(sc->sw, req, 0);
	if (!sc->dialed[0]) {
		tapi_sim_set(sc, TAPI_CALLSTATE_DIALTONE,
			     TAPI_DIALTONEMODE_INTERNAL);
		return;
	}
	tapi_sim_set(sc, TAPI_CALLSTATE_PROCEEDING, 0);
	tapi_sim_route(sc);
}

/* The digits dialled so far are in @sc->dialed: route them if complete. */
static void tapi_sim_dialed(struct tapi_sim_call *sc)
{
	const struct tapi_sim_number *to;

	switch (tapi_sim_classify(sc->sw, sc->dialed, &to)) {
	case SIM_ROUTE_INCOMPLETE:
		break;
	case SIM_ROUTE_UNKNOWN:
		tapi_sim_unknown_number(sc);
		break;
	default:
		tapi_sim_set(sc, TAPI_CALLSTATE_PROCEEDING, 0);
		tapi_sim_route(sc);
		break;
	}
}

/*
 * A G.711 line dials in band: DIALING, the digits as DTMF, and the request
 * completes (and the number is looked at) once they have played.
 * Return: false if @digits cannot go in band (they go out of band then).
 */
static bool tapi_sim_dial_inband(struct tapi_sim_call *sc, const char *digits,
				 struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_DIALED,
		.sc = sc,
		.req = req,
	};
	int ms;

	if (!sc->media.law ||
	    strspn(digits, "0123456789*#ABCD") != strlen(digits))
		return false;
	tapi_sim_set(sc, TAPI_CALLSTATE_DIALING, 0);
	ms = tapi_call_send_dtmf(sc->call, digits, 0);
	op.delay_ms = max(ms, 1);
	if (ms < 0 || tapi_sim_submit_op(&op)) {
		tapi_call_stop_dtmf(sc->call);
		return false;
	}
	sc->dialing_inband = true;
	return true;
}

static void tapi_sim_do_dial(struct tapi_sim_call *sc, const char *digits,
			     struct tapi_request *req)
{
	u32 state = tapi_call_state(sc->call);

	if (state != TAPI_CALLSTATE_DIALTONE &&
	    state != TAPI_CALLSTATE_DIALING) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	if (sc->dialing_inband) {
		tapi_sim_complete(sc->sw, req, -EBUSY);
		return;
	}
	if (strlcat(sc->dialed, digits, sizeof(sc->dialed)) >=
	    sizeof(sc->dialed)) {
		tapi_sim_complete(sc->sw, req, -EINVAL);
		return;
	}
	if (tapi_sim_dial_inband(sc, digits, req))
		return;
	tapi_sim_complete(sc->sw, req, 0);
	tapi_sim_set(sc, TAPI_CALLSTATE_DIALING, 0);
	tapi_sim_dialed(sc);
}

/* The in-band digits of a dial have played. */
static void tapi_sim_do_dialed(struct tapi_sim_call *sc,
			       struct tapi_request *req)
{
	sc->dialing_inband = false;
	/* Played by now, unless the card's clock fell behind: no leftovers. */
	tapi_call_stop_dtmf(sc->call);
	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_DIALING) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_complete(sc->sw, req, 0);
	tapi_sim_dialed(sc);
}

/**
 * tapi_sim_connected_party() - tell a call who it is connected to
 * @sc: the call
 * @number: the number of the other end
 */
void tapi_sim_connected_party(struct tapi_sim_call *sc, const char *number)
{
	struct tapi_party p = { .number = number };

	tapi_call_set_party(sc->call, TAPI_PARTY_CONNECTED, &p);
}

static void tapi_sim_do_answer(struct tapi_sim_call *sc,
			       struct tapi_request *req)
{
	struct tapi_sim_call *peer = sc->peer;
	u32 state = tapi_call_state(sc->call);

	if (state != TAPI_CALLSTATE_OFFERING &&
	    state != TAPI_CALLSTATE_ACCEPTED) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_complete(sc->sw, req, 0);
	tapi_sim_set(sc, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_disarm(sc, &sc->fwd_no_answer);
	if (tapi_sim_answer_callback(sc) || !peer)
		return;
	tapi_sim_disarm(peer, &peer->no_answer);
	tapi_sim_set(peer, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_connected_party(sc, peer->block_id ? "" :
				 tapi_sim_own_number(sc->sw, peer->line,
						     peer->address));
	tapi_sim_connected_party(peer, tapi_sim_own_number(sc->sw, sc->line,
							   sc->address));
}

static void tapi_sim_do_accept(struct tapi_sim_call *sc,
			       struct tapi_request *req)
{
	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_OFFERING) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_complete(sc->sw, req, 0);
	tapi_sim_set(sc, TAPI_CALLSTATE_ACCEPTED, 0);
}

/**
 * tapi_sim_do_drop() - drop a call: its far end is disconnected
 * @sc: the call, not gone
 * @reason: why
 * @req: the request to complete, or NULL
 *
 * A conference call's members are dropped first.
 *
 * Context: sw->lock held.
 */
void tapi_sim_do_drop(struct tapi_sim_call *sc, enum tapi_drop_reason reason,
		      struct tapi_request *req)
{
	struct tapi_sim_call *peer = sc->peer;
	struct tapi_sim_call *m;
	bool gone;
	u32 pstate;

	/* Digits still being dialled in band stop with the call. */
	tapi_call_stop_dtmf(sc->call);
	if (sc->is_conf) {
		/* Each drop changes the list: look again from the start. */
		kref_get(&sc->ref);
again:
		list_for_each_entry(m, &sc->sw->calls, node) {
			if (m->conf == sc) {
				tapi_sim_do_drop(m, reason, NULL);
				goto again;
			}
		}
		/* The last member took the conference with it. */
		gone = sc->gone;
		if (gone && req)
			tapi_sim_complete_drop(sc->sw, req, 0);
		tapi_sim_call_put(sc);
		if (gone)
			return;
	}

	if (peer) {
		pstate = tapi_call_state(peer->call);
		tapi_sim_disarm(peer, &peer->no_answer);
		if (pstate != TAPI_CALLSTATE_IDLE &&
		    pstate != TAPI_CALLSTATE_DISCONNECTED)
			tapi_sim_set(peer, TAPI_CALLSTATE_DISCONNECTED,
				     reason == TAPI_DROP_NO_OWNER ?
				     TAPI_DISCONNECTMODE_UNAVAIL :
				     TAPI_DISCONNECTMODE_NORMAL);
		peer->peer = NULL;
		sc->peer = NULL;
	}
	if (req)
		tapi_sim_complete_drop(sc->sw, req, 0);
	tapi_sim_set(sc, TAPI_CALLSTATE_IDLE, 0);
	tapi_sim_call_end(sc);
}

/* Deferred operations (reply_delay_ms) */

static void tapi_sim_op_run(struct tapi_sim_op *op)
{
	struct tapi_sim_call *sc = op->sc;

	if (sc && sc->gone) {
		/* Dropped meanwhile: the core has answered already. */
		tapi_sim_complete(op->sw, op->req, -ECANCELED);
		return;
	}
	switch (op->kind) {
	case SIM_OP_MAKE_CALL:
		tapi_sim_do_make_call(sc, op->req);
		break;
	case SIM_OP_DIAL:
		tapi_sim_do_dial(sc, op->digits, op->req);
		break;
	case SIM_OP_ANSWER:
		tapi_sim_do_answer(sc, op->req);
		break;
	case SIM_OP_ACCEPT:
		tapi_sim_do_accept(sc, op->req);
		break;
	case SIM_OP_DROP:
		tapi_sim_do_drop(sc, op->reason, op->req);
		break;
	case SIM_OP_DIALED:
		tapi_sim_do_dialed(sc, op->req);
		break;
	default:
		tapi_sim_services_run(op);
		break;
	}
}

/* Drop the references an operation holds. */
static void tapi_sim_op_release(struct tapi_sim_op *op)
{
	if (op->sc)
		tapi_sim_call_put(op->sc);
	if (op->other)
		tapi_sim_call_put(op->other);
	tapi_call_put(op->conf);
	tapi_call_put(op->consult);
}

/**
 * tapi_sim_op_free() - free an operation taken off sw->ops
 * @op: the operation; the references it holds are dropped
 */
void tapi_sim_op_free(struct tapi_sim_op *op)
{
	tapi_sim_op_release(op);
	kfree(op);
}

/*
 * Run the operations that are due, in the order they were made, as a card
 * working through its queue would; come back for the next one.
 */
static void tapi_sim_ops_work(struct work_struct *work)
{
	struct tapi_sim_switch *sw = container_of(to_delayed_work(work),
						  struct tapi_sim_switch,
						  op_work);
	struct tapi_sim_op *op;
	u64 now;

	mutex_lock(&sw->lock);
	/* A stopping switch frees the ops and leaves the requests to the core. */
	while (sw->live && !list_empty(&sw->ops)) {
		op = list_first_entry(&sw->ops, struct tapi_sim_op, node);
		now = ktime_get_ns();
		if (now < op->due_ns) {
			queue_delayed_work(system_wq, &sw->op_work,
					   nsecs_to_jiffies(op->due_ns - now) +
					   1);
			break;
		}
		list_del(&op->node);
		tapi_sim_op_run(op);
		tapi_sim_op_free(op);
	}
	mutex_unlock(&sw->lock);
}

/**
 * tapi_sim_submit_op() - run an operation now, or queue it for
 *	reply_delay_ms
 * @op: the operation; its sc, other, conf and consult are borrowed: a
 *	queued copy takes references of its own.  Without sc (an operation
 *	on a line), sw must be set.
 *
 * Context: sw->lock held.
 * Return: 0 (the request is taken on) or -ENOMEM.
 */
int tapi_sim_submit_op(struct tapi_sim_op *op)
{
	struct tapi_sim_switch *sw = op->sc ? op->sc->sw : op->sw;
	u32 delay_ms = op->delay_ms ?: sw->cfg.reply_delay_ms;
	unsigned long delay = tapi_sim_at_least(delay_ms);
	struct tapi_sim_op *later;

	op->sw = sw;
	if (!delay_ms || (!op->req && !op->delay_ms)) {
		tapi_sim_op_run(op);
		return 0;
	}
	later = kmemdup(op, sizeof(*op), GFP_KERNEL);
	if (!later)
		return -ENOMEM;
	/* The copy's own forwarding entries. */
	later->fwd.entries = later->fwd_entries;
	if (later->sc)
		kref_get(&later->sc->ref);
	if (later->other)
		kref_get(&later->other->ref);
	if (later->conf)
		tapi_call_get(later->conf);
	if (later->consult)
		tapi_call_get(later->consult);
	later->due_ns = ktime_get_ns() + (u64)delay_ms * NSEC_PER_MSEC;
	if (list_empty(&sw->ops))
		queue_delayed_work(system_wq, &sw->op_work, delay);
	list_add_tail(&later->node, &sw->ops);
	return 0;
}

/* Run an operation on one call now, or later.  sw->lock held. */
static int tapi_sim_submit(struct tapi_sim_call *sc, enum tapi_sim_op_kind kind,
			   struct tapi_request *req,
			   enum tapi_drop_reason reason, const char *digits)
{
	struct tapi_sim_op op = {
		.kind = kind,
		.sc = sc,
		.req = req,
		.reason = reason,
	};

	if (digits)
		strscpy(op.digits, digits, sizeof(op.digits));
	return tapi_sim_submit_op(&op);
}

/* Timers */

static void tapi_sim_no_answer_work(struct work_struct *work)
{
	struct tapi_sim_call *sc = container_of(to_delayed_work(work),
						struct tapi_sim_call,
						no_answer);
	struct tapi_sim_switch *sw = sc->sw;
	struct tapi_sim_call *peer;

	mutex_lock(&sw->lock);
	if (sw->live && !sc->gone &&
	    tapi_call_state(sc->call) == TAPI_CALLSTATE_RINGBACK) {
		peer = sc->peer;
		tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_NOANSWER);
		if (peer) {
			tapi_sim_set(peer, TAPI_CALLSTATE_DISCONNECTED,
				     TAPI_DISCONNECTMODE_NOANSWER);
			peer->peer = NULL;
			sc->peer = NULL;
		}
		tapi_sim_disarm(sc, &sc->remote_answer);
	}
	mutex_unlock(&sw->lock);
	tapi_sim_call_put(sc);
}

static void tapi_sim_remote_answer_work(struct work_struct *work)
{
	struct tapi_sim_call *sc = container_of(to_delayed_work(work),
						struct tapi_sim_call,
						remote_answer);
	struct tapi_sim_switch *sw = sc->sw;

	mutex_lock(&sw->lock);
	if (sw->live && !sc->gone)
		tapi_sim_remote_answer(sc, 0);
	mutex_unlock(&sw->lock);
	tapi_sim_call_put(sc);
}

/* The network's side, for sim-network.c; sw->lock held. */

/**
 * tapi_sim_remote_answer() - the network answers an external call
 * @sc: an outbound external call, ringing
 * @delay_ms: answer after this long; 0: now
 *
 * Return: 0, or -EBADFD if @sc is not an external call being alerted.
 */
int tapi_sim_remote_answer(struct tapi_sim_call *sc, u32 delay_ms)
{
	u32 state = tapi_call_state(sc->call);

	if (!sc->external || (state != TAPI_CALLSTATE_RINGBACK &&
			      state != TAPI_CALLSTATE_PROCEEDING))
		return -EBADFD;
	if (delay_ms) {
		tapi_sim_arm(sc, &sc->remote_answer, delay_ms);
		return 0;
	}
	tapi_sim_disarm(sc, &sc->no_answer);
	tapi_sim_disarm(sc, &sc->remote_answer);
	tapi_sim_set(sc, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_connected_party(sc, sc->dialed);
	return 0;
}

/**
 * tapi_sim_remote_hangup() - the far end of an external call hangs up
 * @sc: a call whose far end is the network
 * @mode: the disconnect mode the line sees
 *
 * Return: 0, -EINVAL for an internal call, or tapi_call_set_state()'s
 * error (-EINVAL for a call already idle; a disconnected one only
 * changes mode).
 */
int tapi_sim_remote_hangup(struct tapi_sim_call *sc, u32 mode)
{
	if (!sc->external)
		return -EINVAL;
	tapi_sim_disarm(sc, &sc->no_answer);
	tapi_sim_disarm(sc, &sc->remote_answer);
	return tapi_sim_set(sc, TAPI_CALLSTATE_DISCONNECTED, mode);
}

/**
 * tapi_sim_report_state() - report any state for a call, as a card might
 * @sc: the call
 * @state: the state
 * @mode: its mode
 *
 * The core decides whether the transition is legal; a call that went idle
 * leaves the switch.
 *
 * Return: 0 or tapi_call_set_state()'s error.
 */
int tapi_sim_report_state(struct tapi_sim_call *sc, u32 state, u32 mode)
{
	int ret = tapi_sim_set(sc, state, mode);

	if (!ret && state == TAPI_CALLSTATE_IDLE)
		tapi_sim_call_end(sc);
	return ret;
}

/**
 * tapi_sim_offer() - the network calls a line
 * @sw: the switch
 * @line: the line
 * @offer: the call
 *
 * The line's forwarding applies: the call may ring elsewhere, or go
 * back to the network.
 *
 * Return: 0, -EINVAL for an address the line does not have, or
 * tapi_sim_deliver()'s error.
 */
int tapi_sim_offer(struct tapi_sim_switch *sw, unsigned int line,
		   const struct tapi_call_offer *offer)
{
	const struct tapi_sim_number *to;
	struct tapi_sim_delivery d = { .offer = *offer };
	struct tapi_sim_call *sc;

	to = tapi_sim_dir_entry(sw, line, offer->address_id);
	if (!to)
		return -EINVAL;
	sc = tapi_sim_deliver(sw, to, &d);
	return PTR_ERR_OR_ZERO(sc);
}

/**
 * tapi_sim_dir_entry() - the directory entry of a line's address
 * @sw: the switch
 * @line: the line
 * @address: the address
 *
 * Return: the entry, or NULL if the line or the address does not exist.
 */
const struct tapi_sim_number *tapi_sim_dir_entry(struct tapi_sim_switch *sw,
						 unsigned int line,
						 unsigned int address)
{
	if (!sw->dir_first || line >= sw->num_lines ||
	    address >= sw->dir_first[line + 1] - sw->dir_first[line])
		return NULL;
	return &sw->dir[sw->dir_first[line] + address];
}

/**
 * tapi_sim_find_call() - a call of a line by id, or the line's newest
 * @sw: the switch
 * @line: the line
 * @id: the call id, or 0 for the newest call of @line
 *
 * Return: the call, or NULL.
 */
struct tapi_sim_call *tapi_sim_find_call(struct tapi_sim_switch *sw,
					 unsigned int line, u32 id)
{
	struct tapi_sim_call *sc, *found = NULL;

	list_for_each_entry(sc, &sw->calls, node) {
		if (sc->line != line)
			continue;
		if (sc->id == id)
			return sc;
		if (!id)
			found = sc;
	}
	return found;
}

/* The struct tapi_tsp_ops call operations */

/**
 * tapi_sim_lock_call() - the switch call of a call, if the switch is live
 * @sw: the switch
 * @call: the core's call
 * @req: the request about to be carried out on it
 * @err: -ENODEV or -EBADFD when there is none; 0 when @req was completed
 *	instead (the operation then returns 0: taken on)
 *
 * A call the switch has ended already was reported IDLE, and the core
 * answered every request outstanding on it right then: a request that
 * raced with that report, its operation called just after, is completed
 * here rather than refused.  A refusal cannot take back the answer the
 * application has (the core would log it as a TSP mistake); the
 * completion only releases the request, or answers it if it came after.
 *
 * Return: the call with sw->lock taken, or NULL (not taken).
 */
struct tapi_sim_call *tapi_sim_lock_call(struct tapi_sim_switch *sw,
						struct tapi_call *call,
						struct tapi_request *req,
						int *err)
{
	struct tapi_sim_call *sc;

	mutex_lock(&sw->lock);
	sc = tapi_call_drvdata(call);
	if (!sw->live) {
		*err = -ENODEV;
	} else if (!sc || sc->gone) {
		*err = -EBADFD;
		if (req && tapi_call_state(call) == TAPI_CALLSTATE_IDLE) {
			tapi_request_complete(req, -EBADFD);
			*err = 0;
		}
	} else {
		return sc;
	}
	mutex_unlock(&sw->lock);
	return NULL;
}

/**
 * tapi_sim_make_call() - &tapi_tsp_ops.make_call of the sim card
 * @tcard: the card
 * @call: the new call
 * @params: what the application asked for
 * @req: the request to complete
 *
 * Return: 0, -ENODEV once the card is going away, -ENOMEM.
 */
int tapi_sim_make_call(struct tapi_card *tcard, struct tapi_call *call,
		       const struct tapi_call_params *params,
		       struct tapi_request *req)
{
	struct tapi_sim_switch *sw = to_switch(tcard);
	struct tapi_sim_call *sc;
	int ret;

	mutex_lock(&sw->lock);
	if (!sw->live) {
		ret = -ENODEV;
		goto out;
	}
	tapi_sim_mb_op_enter(sw, tcard, false);
	sc = tapi_sim_call_new(sw, tapi_call_get(call));
	if (!sc) {
		ret = -ENOMEM;
		goto out;
	}
	sc->media_mode = params->media_mode;
	sc->block_id = params->block_id;
	if (params->no_answer_timeout_ms)
		sc->no_answer_ms = params->no_answer_timeout_ms;
	strscpy(sc->dialed, params->dest, sizeof(sc->dialed));
	ret = tapi_sim_submit(sc, SIM_OP_MAKE_CALL, req, 0, NULL);
	if (ret)
		tapi_sim_call_end(sc);
out:
	mutex_unlock(&sw->lock);
	return ret;
}

/*
 * The operations on an existing call: find the switch's side of @call and
 * run @kind on it, now or after reply_delay_ms.
 */
static int tapi_sim_call_op(struct tapi_card *tcard, struct tapi_call *call,
			    enum tapi_sim_op_kind kind, struct tapi_request *req,
			    enum tapi_drop_reason reason, const char *digits)
{
	struct tapi_sim_switch *sw = to_switch(tcard);
	struct tapi_sim_call *sc;
	int ret = 0;

	sc = tapi_sim_lock_call(sw, call, req, &ret);
	if (!sc)
		return ret;
	/* A misbehaving card may refuse or lie (sim-misbehave.c). */
	ret = tapi_sim_mb_op_enter(sw, tcard, kind != SIM_OP_DROP);
	if (!ret)
		ret = tapi_sim_submit(sc, kind, req, reason, digits);
	if (kind != SIM_OP_DROP)
		ret = tapi_sim_mb_op_leave(sw, req, ret);
	mutex_unlock(&sw->lock);
	return ret;
}

/**
 * tapi_sim_dial() - &tapi_tsp_ops.dial of the sim card
 * @tcard: the card
 * @call: the call
 * @digits: the digits
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_dial(struct tapi_card *tcard, struct tapi_call *call,
		  const char *digits, struct tapi_request *req)
{
	return tapi_sim_call_op(tcard, call, SIM_OP_DIAL, req, 0, digits);
}

/**
 * tapi_sim_answer() - &tapi_tsp_ops.answer of the sim card
 * @tcard: the card
 * @call: the call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_answer(struct tapi_card *tcard, struct tapi_call *call,
		    struct tapi_request *req)
{
	return tapi_sim_call_op(tcard, call, SIM_OP_ANSWER, req, 0, NULL);
}

/**
 * tapi_sim_accept() - &tapi_tsp_ops.accept of the sim card
 * @tcard: the card
 * @call: the call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_accept(struct tapi_card *tcard, struct tapi_call *call,
		    struct tapi_request *req)
{
	return tapi_sim_call_op(tcard, call, SIM_OP_ACCEPT, req, 0, NULL);
}

/**
 * tapi_sim_drop() - &tapi_tsp_ops.drop of the sim card
 * @tcard: the card
 * @call: the call
 * @reason: why
 * @req: the request to complete, or NULL for the core's own drops
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_drop(struct tapi_card *tcard, struct tapi_call *call,
		  enum tapi_drop_reason reason, struct tapi_request *req)
{
	return tapi_sim_call_op(tcard, call, SIM_OP_DROP, req, reason, NULL);
}

/* Starting and stopping */

/**
 * tapi_sim_switch_init() - set up a card's switch, stopped
 * @sw: the switch
 */
void tapi_sim_switch_init(struct tapi_sim_switch *sw)
{
	mutex_init(&sw->lock);
	INIT_LIST_HEAD(&sw->calls);
	INIT_LIST_HEAD(&sw->ops);
	INIT_DELAYED_WORK(&sw->op_work, tapi_sim_ops_work);
	tapi_sim_services_init(sw);
	tapi_sim_media_init(&sw->media);
	tapi_sim_misbehave_init(sw);
}

/* Order of @dir_sorted: by number, then by place in the directory. */
static int tapi_sim_dir_cmp(const void *a, const void *b, const void *priv)
{
	const struct tapi_sim_number *dir = priv;
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return strcmp(dir[x].number, dir[y].number) ?: (x > y) - (x < y);
}

/**
 * tapi_sim_switch_start() - run the switch of a card going live
 * @sw: the switch
 * @tcard: the registered card
 * @cfg: the card's configuration; copied
 * @lines: the card's lines, by index
 * @num_lines: their number
 *
 * Return: 0 or -ENOMEM.
 */
int tapi_sim_switch_start(struct tapi_sim_switch *sw, struct tapi_card *tcard,
			  const struct tapi_sim_config *cfg,
			  struct tapi_sim_line *const *lines,
			  unsigned int num_lines)
{
	struct tapi_sim_parked *parked;
	struct tapi_sim_number *dir;
	u32 *laws, *first, *sorted;
	unsigned int i, j, n = 0;

	for (i = 0; i < num_lines; i++)
		n += lines[i]->num_numbers;
	dir = kvcalloc(n, sizeof(*dir), GFP_KERNEL);
	first = kvcalloc(num_lines + 1, sizeof(*first), GFP_KERNEL);
	sorted = kvcalloc(n, sizeof(*sorted), GFP_KERNEL);
	parked = kcalloc(TAPI_SIM_MAX_PARK, sizeof(*parked), GFP_KERNEL);
	laws = kvcalloc(num_lines, sizeof(*laws), GFP_KERNEL);
	if (!dir || !first || !sorted || !parked || !laws) {
		kvfree(laws);
		kfree(parked);
		kvfree(sorted);
		kvfree(first);
		kvfree(dir);
		return -ENOMEM;
	}
	n = 0;
	for (i = 0; i < num_lines; i++) {
		laws[i] = lines[i]->law;
		first[i] = n;
		for (j = 0; j < lines[i]->num_numbers; j++, n++) {
			dir[n].line = i;
			dir[n].address = j;
			strscpy(dir[n].number, lines[i]->numbers[j],
				sizeof(dir[n].number));
			strscpy(dir[n].group, lines[i]->pickup_group,
				sizeof(dir[n].group));
			sorted[n] = n;
		}
	}
	first[num_lines] = n;
	sort_r(sorted, n, sizeof(*sorted), tapi_sim_dir_cmp, NULL, dir);

	mutex_lock(&sw->lock);
	sw->tcard = tcard;
	sw->cfg = *cfg;
	sw->dir = dir;
	sw->dir_first = first;
	sw->dir_sorted = sorted;
	sw->parked = parked;
	sw->laws = laws;
	sw->num_lines = num_lines;
	sw->num_numbers = n;
	sw->live = true;
	mutex_unlock(&sw->lock);
	tapi_sim_media_start(&sw->media);
	return 0;
}

/**
 * tapi_sim_switch_stop() - stop the switch before its card is unregistered
 * @sw: the switch
 *
 * Refuses new operations, waits for the work items and forgets every call
 * (their references are dropped).  Requests whose deferred operation never
 * ran are left to the core, which completes them with -ENODEV.
 *
 * Context: process context; no lock a work item takes may be held.
 */
void tapi_sim_switch_stop(struct tapi_sim_switch *sw)
{
	struct tapi_sim_call *sc, *stmp;
	struct tapi_sim_op *op, *otmp;
	LIST_HEAD(calls);
	LIST_HEAD(ops);

	mutex_lock(&sw->lock);
	sw->live = false;
	list_splice_init(&sw->calls, &calls);
	list_splice_init(&sw->ops, &ops);
	mutex_unlock(&sw->lock);

	/* A work item that runs now finds !live and does nothing. */
	cancel_delayed_work_sync(&sw->op_work);
	tapi_sim_services_stop(sw);
	tapi_sim_media_stop(&sw->media);
	tapi_sim_misbehave_stop(sw);
	list_for_each_entry_safe(op, otmp, &ops, node)
		tapi_sim_op_free(op);
	list_for_each_entry_safe(sc, stmp, &calls, node) {
		if (cancel_delayed_work_sync(&sc->no_answer))
			tapi_sim_call_put(sc);
		if (cancel_delayed_work_sync(&sc->remote_answer))
			tapi_sim_call_put(sc);
		if (cancel_delayed_work_sync(&sc->fwd_no_answer))
			tapi_sim_call_put(sc);
		sc->gone = true;
		tapi_call_set_drvdata(sc->call, NULL);
		list_del_init(&sc->node);
		tapi_sim_call_put(sc);
	}

	mutex_lock(&sw->lock);
	kvfree(sw->dir);
	sw->dir = NULL;
	kvfree(sw->dir_first);
	sw->dir_first = NULL;
	kvfree(sw->dir_sorted);
	sw->dir_sorted = NULL;
	sw->num_lines = 0;
	kvfree(sw->laws);
	sw->laws = NULL;
	sw->num_numbers = 0;
	sw->tcard = NULL;
	mutex_unlock(&sw->lock);
}

/**
 * tapi_sim_switch_show_calls() - the card's calls attribute
 * @sw: the switch
 * @page: the configfs page
 *
 * One line per call: "ID line=N state=STATE far=WHO", WHO being "network",
 * the peer's call id, or "none".
 *
 * Return: the length written.
 */
ssize_t tapi_sim_switch_show_calls(struct tapi_sim_switch *sw, char *page)
{
	struct tapi_sim_call *sc;
	ssize_t len = 0;

	mutex_lock(&sw->lock);
	list_for_each_entry(sc, &sw->calls, node) {
		len += scnprintf(page + len, PAGE_SIZE - len,
				 "%u line=%u state=%#x far=", sc->id, sc->line,
				 tapi_call_state(sc->call));
		if (sc->external)
			len += scnprintf(page + len, PAGE_SIZE - len,
					 "network\n");
		else if (sc->peer)
			len += scnprintf(page + len, PAGE_SIZE - len, "%u\n",
					 sc->peer->id);
		else
			len += scnprintf(page + len, PAGE_SIZE - len, "none\n");
	}
	mutex_unlock(&sw->lock);
	return len;
}
