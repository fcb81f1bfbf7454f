// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the supplementary services of the simulated switch: hold,
 * swap hold, transfer (consultation and blind) and conference.  This is
 * the part of the reference TSP that shows how a card does them: each
 * &tapi_tsp_ops operation re-checks the states it needs (the core checked
 * them, but they may have moved on), reports the new states with
 * tapi_call_set_state(), links members to their conference with
 * tapi_call_set_related(), tells the far parties who they are connected
 * to now with tapi_call_set_party() and tapi_call_set_reason(), and
 * completes its request.
 *
 * Relations between the switch's calls (struct tapi_sim_call):
 *  - @peer: the two ends of a call between two lines of the card;
 *  - @consult: a consultation call and the call it consults for (the call
 *    being transferred, or the conference call it is to join);
 *  - @conf: a member's conference call.  The conference call's audio is a
 *    bridge (sim-media.c) whose parties are the conference call itself
 *    (the station holding the conference) and the far end of every
 *    member connected to another line of the card; a member whose far end
 *    is the network adds nothing the simulated network would send.
 *
 * Everything runs under sw->lock, now or after reply_delay_ms.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include <tapi/tsp.h>

#include "sim.h"
#include "sim-switch.h"

/**
 * tapi_sim_bridge_of() - the conference bridge a call in @state joins
 * @sc: the call
 * @state: its state
 *
 * Return: the bridge for a CONNECTED conference call (its own) and for a
 * CONNECTED far end of a member; NULL otherwise.
 */
struct tapi_sim_media_call *tapi_sim_bridge_of(struct tapi_sim_call *sc,
					       u32 state)
{
	if (state != TAPI_CALLSTATE_CONNECTED)
		return NULL;
	if (sc->is_conf)
		return &sc->media;
	if (sc->peer && sc->peer->conf &&
	    tapi_call_state(sc->peer->call) == TAPI_CALLSTATE_CONFERENCED)
		return &sc->peer->conf->media;
	return NULL;
}

/* The far end of @sc on the card hears the right thing. */
static void tapi_sim_far_refresh(struct tapi_sim_call *sc)
{
	if (sc->peer)
		tapi_sim_audio_refresh(sc->peer);
}

/* Tell the far end of @sc whether this station holds it. */
static void tapi_sim_far_held(struct tapi_sim_call *sc, bool held)
{
	struct tapi_sim_call *far = sc->peer;

	if (far && tapi_call_state(far->call) == TAPI_CALLSTATE_CONNECTED)
		tapi_sim_set(far, TAPI_CALLSTATE_CONNECTED,
			     held ? TAPI_CONNECTEDMODE_ACTIVEHELD :
				    TAPI_CONNECTEDMODE_ACTIVE);
}

/* Members of conference call @conf. */
static unsigned int tapi_sim_members(struct tapi_sim_call *conf)
{
	struct tapi_sim_call *m;
	unsigned int n = 0;

	list_for_each_entry(m, &conf->sw->calls, node)
		n += m->conf == conf;
	return n;
}

static void tapi_sim_link_consult(struct tapi_sim_call *a,
				  struct tapi_sim_call *b)
{
	a->consult = b;
	b->consult = a;
	tapi_call_set_related(a->call, b->id);
	tapi_call_set_related(b->call, a->id);
}

static void tapi_sim_unlink_consult(struct tapi_sim_call *sc)
{
	if (sc->consult)
		sc->consult->consult = NULL;
	sc->consult = NULL;
}

/*
 * A new call of the core, created for a request, on the switch: it takes
 * a reference of its own.
 */
static struct tapi_sim_call *tapi_sim_adopt(struct tapi_sim_call *from,
					    struct tapi_call *call)
{
	struct tapi_sim_call *sc;

	sc = tapi_sim_call_new(from->sw, tapi_call_get(call));
	if (sc)
		sc->media_mode = from->media_mode;
	return sc;
}

/* Make @m a member of @conf. */
static void tapi_sim_join(struct tapi_sim_call *conf, struct tapi_sim_call *m)
{
	if (m->consult == conf)
		tapi_sim_unlink_consult(m);
	m->conf = conf;
	tapi_call_set_related(m->call, conf->id);
	tapi_sim_set(m, TAPI_CALLSTATE_CONFERENCED, 0);
	tapi_sim_far_refresh(m);
	/* A party held for a transfer is in the conference now. */
	tapi_sim_far_held(m, false);
}

/**
 * tapi_sim_supp_call_end() - a call goes idle: undo its relations
 * @sc: the call
 *
 * A consultation call that goes away gives the held call back; a
 * conference that loses its last member goes idle; a conference call
 * that goes away silences its bridge.
 *
 * Context: sw->lock held.
 */
void tapi_sim_supp_call_end(struct tapi_sim_call *sc)
{
	struct tapi_sim_call *other = sc->consult, *conf = sc->conf, *m;
	u32 state;

	tapi_sim_unlink_consult(sc);
	if (other && !other->gone) {
		state = tapi_call_state(other->call);
		if (state == TAPI_CALLSTATE_ONHOLDPENDTRANSFER ||
		    (state == TAPI_CALLSTATE_ONHOLDPENDCONF &&
		     tapi_sim_members(other))) {
			tapi_sim_set(other, TAPI_CALLSTATE_CONNECTED, 0);
			tapi_sim_far_held(other, false);
		}
	}
	if (sc->is_conf) {
		list_for_each_entry(m, &sc->sw->calls, node) {
			if (m->conf == sc)
				m->conf = NULL;
		}
		tapi_sim_media_end_bridge(&sc->sw->media, &sc->media);
	}
	sc->conf = NULL;
	if (conf && !conf->gone && !tapi_sim_members(conf)) {
		tapi_sim_set(conf, TAPI_CALLSTATE_IDLE, 0);
		tapi_sim_call_end(conf);
	}
}

static void tapi_sim_do_hold(struct tapi_sim_call *sc, struct tapi_request *req)
{
	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_CONNECTED) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_set(sc, TAPI_CALLSTATE_ONHOLD, 0);
	tapi_sim_far_held(sc, true);
	tapi_sim_complete(sc->sw, req, 0);
}

static void tapi_sim_do_unhold(struct tapi_sim_call *sc,
			       struct tapi_request *req)
{
	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_ONHOLD) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_set(sc, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_far_held(sc, false);
	tapi_sim_complete(sc->sw, req, 0);
}

static void tapi_sim_do_swap_hold(struct tapi_sim_call *sc,
				  struct tapi_sim_call *held,
				  struct tapi_request *req)
{
	u32 hstate = tapi_call_state(held->call);

	if (held->gone || tapi_call_state(sc->call) != TAPI_CALLSTATE_CONNECTED ||
	    !(hstate & (TAPI_CALLSTATE_ONHOLD |
			TAPI_CALLSTATE_ONHOLDPENDTRANSFER)) ||
	    (hstate == TAPI_CALLSTATE_ONHOLDPENDTRANSFER &&
	     held->consult != sc)) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	tapi_sim_set(sc, hstate, 0);
	tapi_sim_far_held(sc, true);
	tapi_sim_set(held, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_far_held(held, false);
	tapi_sim_complete(sc->sw, req, 0);
}

static void tapi_sim_do_setup_transfer(struct tapi_sim_call *sc,
				       struct tapi_call *consult,
				       struct tapi_request *req)
{
	struct tapi_sim_call *csc;

	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_CONNECTED ||
	    sc->consult) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	csc = tapi_sim_adopt(sc, consult);
	if (!csc) {
		tapi_sim_complete(sc->sw, req, -ENOMEM);
		return;
	}
	tapi_sim_link_consult(sc, csc);
	tapi_sim_set(sc, TAPI_CALLSTATE_ONHOLDPENDTRANSFER, 0);
	tapi_sim_far_held(sc, true);
	tapi_sim_set(csc, TAPI_CALLSTATE_DIALTONE, TAPI_DIALTONEMODE_INTERNAL);
	tapi_sim_complete(sc->sw, req, 0);
}

/* Tell a transferred party who it talks to now and who transferred it. */
static void tapi_sim_transferred(struct tapi_sim_call *far,
				 const char *connected, const char *by)
{
	struct tapi_party to = { .number = connected };
	struct tapi_party from = { .number = by };

	tapi_call_set_party(far->call, TAPI_PARTY_REDIRECTING, &from);
	tapi_call_set_party(far->call, TAPI_PARTY_CONNECTED, &to);
	tapi_call_set_reason(far->call, TAPI_CALLREASON_TRANSFER);
}

/**
 * tapi_sim_far_number() - the number a call of this station is connected
 *	to
 * @sc: the call
 *
 * Return: the far end's number: its station's on the card ("" if it
 * withholds it), else the network's (dialled, or the caller's).
 */
const char *tapi_sim_far_number(struct tapi_sim_call *sc)
{
	if (sc->peer)
		return sc->peer->block_id ? "" : tapi_sim_number_of(sc->peer);
	return sc->dialed;
}

/*
 * Join the far ends of @a and @b, two calls of this station, to each
 * other, and take @a and @b off the switch.
 */
static void tapi_sim_join_far_ends(struct tapi_sim_call *a,
				   struct tapi_sim_call *b)
{
	struct tapi_sim_call *fa = a->peer, *fb = b->peer;
	const char *me = tapi_sim_number_of(a);
	char na[TAPI_DIAL_LEN], nb[TAPI_DIAL_LEN];

	strscpy(na, tapi_sim_far_number(a), sizeof(na));
	strscpy(nb, tapi_sim_far_number(b), sizeof(nb));
	a->peer = NULL;
	b->peer = NULL;
	if (fa) {
		fa->peer = fb;
		fa->external = !fb;
		if (!fb)
			strscpy(fa->dialed, nb, sizeof(fa->dialed));
		tapi_sim_transferred(fa, nb, me);
	}
	if (fb) {
		fb->peer = fa;
		fb->external = !fa;
		if (!fa)
			strscpy(fb->dialed, na, sizeof(fb->dialed));
		tapi_sim_transferred(fb, na, me);
	}
	tapi_sim_unlink_consult(a);
	tapi_sim_set(a, TAPI_CALLSTATE_IDLE, 0);
	tapi_sim_call_end(a);
	tapi_sim_set(b, TAPI_CALLSTATE_IDLE, 0);
	tapi_sim_call_end(b);
	if (fa)
		tapi_sim_set(fa, TAPI_CALLSTATE_CONNECTED,
			     TAPI_CONNECTEDMODE_ACTIVE);
	if (fb)
		tapi_sim_set(fb, TAPI_CALLSTATE_CONNECTED,
			     TAPI_CONNECTEDMODE_ACTIVE);
}

static void tapi_sim_do_complete_transfer(struct tapi_sim_call *sc,
					  struct tapi_sim_call *csc,
					  struct tapi_call *conf,
					  struct tapi_request *req)
{
	struct tapi_sim_call *cf;

	if (csc->gone ||
	    tapi_call_state(sc->call) != TAPI_CALLSTATE_ONHOLDPENDTRANSFER ||
	    tapi_call_state(csc->call) != TAPI_CALLSTATE_CONNECTED ||
	    sc->consult != csc) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	if (!conf) {
		tapi_sim_complete(sc->sw, req, 0);
		tapi_sim_join_far_ends(sc, csc);
		return;
	}
	cf = tapi_sim_adopt(sc, conf);
	if (!cf) {
		tapi_sim_complete(sc->sw, req, -ENOMEM);
		return;
	}
	cf->is_conf = true;
	tapi_sim_unlink_consult(sc);
	tapi_sim_join(cf, sc);
	tapi_sim_join(cf, csc);
	tapi_sim_set(cf, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_complete(sc->sw, req, 0);
}

/**
 * tapi_sim_far_to_network() - the network takes a far end over
 * @far: a call of the card whose other end leaves it, or NULL (nothing
 *	to do)
 * @dest: the number the network reaches it at
 */
void tapi_sim_far_to_network(struct tapi_sim_call *far, const char *dest)
{
	if (!far)
		return;
	far->peer = NULL;
	far->external = true;
	strscpy(far->dialed, dest, sizeof(far->dialed));
	tapi_sim_audio_refresh(far);
}

/*
 * Blind transfer of @sc's far end to the station @to: offer it a call from
 * the far end, which hears ringback until the station answers.
 */
static int tapi_sim_blind_to_line(struct tapi_sim_call *sc,
				  const struct tapi_sim_number *to)
{
	struct tapi_sim_switch *sw = sc->sw;
	struct tapi_sim_call *far = sc->peer, *nsc;
	struct tapi_party caller = { .number = tapi_sim_far_number(sc) };
	struct tapi_party by = { .number = tapi_sim_number_of(sc) };
	struct tapi_sim_delivery d = {
		.offer = {
			.media_mode = sc->media_mode,
			.origin = far ? TAPI_CALLORIGIN_INTERNAL :
					TAPI_CALLORIGIN_EXTERNAL,
			.reason = TAPI_CALLREASON_TRANSFER,
			.caller = &caller,
			.redirecting = &by,
		},
		.far = far,
	};

	nsc = tapi_sim_deliver(sw, to, &d);
	if (IS_ERR(nsc))
		return PTR_ERR(nsc);
	sc->peer = NULL;
	if (!nsc) {
		/* Forwarded to the network, which answers at once. */
		if (far)
			tapi_sim_transferred(far, d.network_dest, by.number);
		tapi_sim_far_to_network(far, d.network_dest);
		return 0;
	}
	nsc->peer = far;
	if (far) {
		far->peer = nsc;
		tapi_call_set_party(far->call, TAPI_PARTY_REDIRECTING, &by);
		tapi_call_set_reason(far->call, TAPI_CALLREASON_TRANSFER);
		tapi_sim_set(far, TAPI_CALLSTATE_CONNECTED,
			     TAPI_CONNECTEDMODE_ACTIVE);
		/* Ringback until the new party answers (tapi_sim_do_answer). */
		tapi_sim_media_update(&sw->media, &far->media, SIM_AUDIO_TONE,
				      SIM_TONE_RINGBACK, NULL,
				      sw->cfg.tone_zone);
	}
	return 0;
}

static void tapi_sim_do_blind_transfer(struct tapi_sim_call *sc,
				       const char *dest,
				       struct tapi_request *req)
{
	const struct tapi_sim_number *to = NULL;
	struct tapi_sim_call *far = sc->peer;
	int ret = 0;

	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_CONNECTED) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	switch (tapi_sim_classify(sc->sw, dest, &to)) {
	case SIM_ROUTE_LINE:
		ret = tapi_sim_blind_to_line(sc, to);
		break;
	case SIM_ROUTE_EXTERNAL:
		/* The network takes the far end over: it answers at once. */
		if (far)
			tapi_sim_transferred(far, dest, tapi_sim_number_of(sc));
		sc->peer = NULL;
		tapi_sim_far_to_network(far, dest);
		break;
	default:
		ret = -ENXIO;
		break;
	}
	tapi_sim_complete(sc->sw, req, ret);
	if (ret)
		return;
	tapi_sim_set(sc, TAPI_CALLSTATE_IDLE, 0);
	tapi_sim_call_end(sc);
}

static void tapi_sim_do_setup_conf(struct tapi_sim_call *sc,
				   struct tapi_call *conf,
				   struct tapi_call *consult,
				   struct tapi_request *req)
{
	struct tapi_sim_call *cf, *csc;

	if (tapi_call_state(sc->call) != TAPI_CALLSTATE_CONNECTED ||
	    sc->consult || sc->is_conf) {
		tapi_sim_complete(sc->sw, req, -EBADFD);
		return;
	}
	cf = tapi_sim_adopt(sc, conf);
	if (!cf) {
		tapi_sim_complete(sc->sw, req, -ENOMEM);
		return;
	}
	cf->is_conf = true;
	csc = tapi_sim_adopt(sc, consult);
	if (!csc) {
		tapi_sim_call_end(cf);
		tapi_sim_complete(sc->sw, req, -ENOMEM);
		return;
	}
	tapi_sim_join(cf, sc);
	tapi_sim_set(cf, TAPI_CALLSTATE_ONHOLDPENDCONF, 0);
	tapi_sim_link_consult(cf, csc);
	tapi_sim_set(csc, TAPI_CALLSTATE_DIALTONE, TAPI_DIALTONEMODE_INTERNAL);
	tapi_sim_complete(sc->sw, req, 0);
}

static void tapi_sim_do_prepare_add(struct tapi_sim_call *cf,
				    struct tapi_call *consult,
				    struct tapi_request *req)
{
	struct tapi_sim_call *csc;

	if (!cf->is_conf || cf->consult ||
	    tapi_call_state(cf->call) != TAPI_CALLSTATE_CONNECTED) {
		tapi_sim_complete(cf->sw, req, -EBADFD);
		return;
	}
	csc = tapi_sim_adopt(cf, consult);
	if (!csc) {
		tapi_sim_complete(cf->sw, req, -ENOMEM);
		return;
	}
	tapi_sim_set(cf, TAPI_CALLSTATE_ONHOLDPENDCONF, 0);
	tapi_sim_link_consult(cf, csc);
	tapi_sim_set(csc, TAPI_CALLSTATE_DIALTONE, TAPI_DIALTONEMODE_INTERNAL);
	tapi_sim_complete(cf->sw, req, 0);
}

static void tapi_sim_do_add_to_conf(struct tapi_sim_call *cf,
				    struct tapi_sim_call *m,
				    struct tapi_request *req)
{
	u32 limit = TAPI_SIM_MAX_CONF_MEMBERS;

	if (m->gone || !cf->is_conf || m->is_conf || m->conf ||
	    tapi_call_state(m->call) != TAPI_CALLSTATE_CONNECTED) {
		tapi_sim_complete(cf->sw, req, -EBADFD);
		return;
	}
	if (tapi_sim_members(cf) >= limit) {
		tapi_sim_complete(cf->sw, req, -ENOSPC);
		return;
	}
	if (cf->consult && cf->consult != m)
		tapi_sim_unlink_consult(cf);
	tapi_sim_join(cf, m);
	tapi_sim_set(cf, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	tapi_sim_complete(cf->sw, req, 0);
}

static void tapi_sim_do_remove_from_conf(struct tapi_sim_call *m,
					 struct tapi_request *req)
{
	struct tapi_sim_call *cf = m->conf;

	if (!cf || tapi_call_state(m->call) != TAPI_CALLSTATE_CONFERENCED ||
	    tapi_sim_members(cf) < 2) {
		tapi_sim_complete(m->sw, req, -EBADFD);
		return;
	}
	m->conf = NULL;
	tapi_call_set_related(m->call, 0);
	tapi_sim_set(m, TAPI_CALLSTATE_ONHOLD, 0);
	tapi_sim_far_refresh(m);
	tapi_sim_far_held(m, true);
	tapi_sim_complete(m->sw, req, 0);
}

/**
 * tapi_sim_supp_run() - carry out a supplementary operation
 * @op: the operation; its call is not gone
 *
 * Context: sw->lock held.
 */
void tapi_sim_supp_run(struct tapi_sim_op *op)
{
	struct tapi_sim_call *sc = op->sc;

	switch (op->kind) {
	case SIM_OP_HOLD:
		tapi_sim_do_hold(sc, op->req);
		break;
	case SIM_OP_UNHOLD:
		tapi_sim_do_unhold(sc, op->req);
		break;
	case SIM_OP_SWAP_HOLD:
		tapi_sim_do_swap_hold(sc, op->other, op->req);
		break;
	case SIM_OP_SETUP_TRANSFER:
		tapi_sim_do_setup_transfer(sc, op->consult, op->req);
		break;
	case SIM_OP_COMPLETE_TRANSFER:
		tapi_sim_do_complete_transfer(sc, op->other, op->conf, op->req);
		break;
	case SIM_OP_BLIND_TRANSFER:
		tapi_sim_do_blind_transfer(sc, op->digits, op->req);
		break;
	case SIM_OP_SETUP_CONF:
		tapi_sim_do_setup_conf(sc, op->conf, op->consult, op->req);
		break;
	case SIM_OP_PREPARE_ADD_CONF:
		tapi_sim_do_prepare_add(sc, op->consult, op->req);
		break;
	case SIM_OP_ADD_TO_CONF:
		tapi_sim_do_add_to_conf(sc, op->other, op->req);
		break;
	case SIM_OP_REMOVE_FROM_CONF:
		tapi_sim_do_remove_from_conf(sc, op->req);
		break;
	default:
		tapi_sim_complete(op->sw, op->req, -EINVAL);
		break;
	}
}

/*
 * Submit a supplementary operation on @call: find the switch's side of it
 * and of @other (a second call of the core, or NULL).
 */
static int tapi_sim_supp_submit(struct tapi_card *tcard, struct tapi_call *call,
				struct tapi_sim_op *op, struct tapi_call *other)
{
	struct tapi_sim_switch *sw = tapi_sim_to_switch(tcard);
	int ret = 0;

	op->sc = tapi_sim_lock_call(sw, call, op->req, &ret);
	if (!op->sc)
		return ret;
	if (other) {
		op->other = tapi_call_drvdata(other);
		if (!op->other || op->other->gone) {
			ret = -EBADFD;
			goto out;
		}
	}
	ret = tapi_sim_submit_op(op);
out:
	mutex_unlock(&sw->lock);
	return ret;
}

/**
 * tapi_sim_hold() - &tapi_tsp_ops.hold of the sim card
 * @tcard: the card
 * @call: the call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_hold(struct tapi_card *tcard, struct tapi_call *call,
		  struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_HOLD, .req = req };

	return tapi_sim_supp_submit(tcard, call, &op, NULL);
}

/**
 * tapi_sim_unhold() - &tapi_tsp_ops.unhold of the sim card
 * @tcard: the card
 * @call: the call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_unhold(struct tapi_card *tcard, struct tapi_call *call,
		    struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_UNHOLD, .req = req };

	return tapi_sim_supp_submit(tcard, call, &op, NULL);
}

/**
 * tapi_sim_swap_hold() - &tapi_tsp_ops.swap_hold of the sim card
 * @tcard: the card
 * @call: the active call
 * @held: the held call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_swap_hold(struct tapi_card *tcard, struct tapi_call *call,
		       struct tapi_call *held, struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_SWAP_HOLD, .req = req };

	return tapi_sim_supp_submit(tcard, call, &op, held);
}

/**
 * tapi_sim_setup_transfer() - &tapi_tsp_ops.setup_transfer of the sim card
 * @tcard: the card
 * @call: the call to transfer
 * @consult: the new consultation call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_setup_transfer(struct tapi_card *tcard, struct tapi_call *call,
			    struct tapi_call *consult, struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_SETUP_TRANSFER,
		.req = req,
		.consult = consult,
	};

	return tapi_sim_supp_submit(tcard, call, &op, NULL);
}

/**
 * tapi_sim_complete_transfer() - &tapi_tsp_ops.complete_transfer of the
 *	sim card
 * @tcard: the card
 * @call: the call being transferred
 * @consult: its consultation call
 * @conf: the new conference call, or NULL for a transfer
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_complete_transfer(struct tapi_card *tcard, struct tapi_call *call,
			       struct tapi_call *consult,
			       struct tapi_call *conf,
			       struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_COMPLETE_TRANSFER,
		.req = req,
		.conf = conf,
	};

	return tapi_sim_supp_submit(tcard, call, &op, consult);
}

/**
 * tapi_sim_blind_transfer() - &tapi_tsp_ops.blind_transfer of the sim card
 * @tcard: the card
 * @call: the call
 * @dest: where to
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_blind_transfer(struct tapi_card *tcard, struct tapi_call *call,
			    const char *dest, struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_BLIND_TRANSFER, .req = req };

	strscpy(op.digits, dest, sizeof(op.digits));
	return tapi_sim_supp_submit(tcard, call, &op, NULL);
}

/**
 * tapi_sim_setup_conference() - &tapi_tsp_ops.setup_conference of the sim
 *	card
 * @tcard: the card
 * @call: the first member
 * @conf: the new conference call
 * @consult: the new consultation call
 * @num_parties: the application's hint, unused: the bridge has no size
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_setup_conference(struct tapi_card *tcard, struct tapi_call *call,
			      struct tapi_call *conf, struct tapi_call *consult,
			      unsigned int num_parties,
			      struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_SETUP_CONF,
		.req = req,
		.conf = conf,
		.consult = consult,
	};

	return tapi_sim_supp_submit(tcard, call, &op, NULL);
}

/**
 * tapi_sim_prepare_add_to_conference() - &tapi_tsp_ops.prepare_add_to_conference
 *	of the sim card
 * @tcard: the card
 * @conf: the conference call
 * @consult: the new consultation call
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_prepare_add_to_conference(struct tapi_card *tcard,
				       struct tapi_call *conf,
				       struct tapi_call *consult,
				       struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_PREPARE_ADD_CONF,
		.req = req,
		.consult = consult,
	};

	return tapi_sim_supp_submit(tcard, conf, &op, NULL);
}

/**
 * tapi_sim_add_to_conference() - &tapi_tsp_ops.add_to_conference of the
 *	sim card
 * @tcard: the card
 * @conf: the conference call
 * @call: the call to add
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_add_to_conference(struct tapi_card *tcard, struct tapi_call *conf,
			       struct tapi_call *call, struct tapi_request *req)
{
	struct tapi_sim_op op = { .kind = SIM_OP_ADD_TO_CONF, .req = req };

	return tapi_sim_supp_submit(tcard, conf, &op, call);
}

/**
 * tapi_sim_remove_from_conference() - &tapi_tsp_ops.remove_from_conference
 *	of the sim card
 * @tcard: the card
 * @call: the member
 * @req: the request to complete
 *
 * Return: 0, -ENODEV, -EBADFD, -ENOMEM.
 */
int tapi_sim_remove_from_conference(struct tapi_card *tcard,
				    struct tapi_call *call,
				    struct tapi_request *req)
{
	struct tapi_sim_op op = {
		.kind = SIM_OP_REMOVE_FROM_CONF,
		.req = req,
	};

	return tapi_sim_supp_submit(tcard, call, &op, NULL);
}
