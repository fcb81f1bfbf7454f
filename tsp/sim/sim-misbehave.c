// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: a card that misbehaves on demand, for the tests of the core's
 * defences (selftests/misbehave_test.c).  The card's misbehave attribute
 * turns modes on (Documentation/tsp-sim.rst); each mode breaks one rule of
 * the TSPI (Documentation/tspi.rst) wherever the switch would follow it,
 * and counts what it did in the same attribute:
 *
 *  - badstate: before each state it reports, the card reports no state,
 *    two states at once, a state the ABI does not define, the state with
 *    a mode it does not have, and (but from UNKNOWN, which may go
 *    anywhere) a transition the call model forbids;
 *  - twice: every request is completed twice, the second time with
 *    -EPROTO, the card holding a reference of its own across both
 *    (tapi_request_get());
 *  - never: no request is ever completed, but a drop's: the core answers
 *    them when their call goes idle or the card goes away;
 *  - badresult: requests are completed with results that are no errno (1,
 *    then -MAX_ERRNO - 1, in turn);
 *  - lie: dial, answer and accept that completed their request at once
 *    return -EBUSY all the same;
 *  - badreturn: dial, answer and accept return 1, doing nothing;
 *  - irq, hrtimer, timer: every state report, request completion and
 *    network digit goes to the core from hard IRQ context (irq_work), an
 *    hrtimer in hard-IRQ mode, or a timer_list (softirq); the switch
 *    waits for it, so nothing else changes.  With several on, they take
 *    turns;
 *  - ghost: every call that goes idle is kept (a reference), for the
 *    network's bogus command to report states, information, digits and
 *    media about once applications have deallocated it;
 *  - unregister: the call operations, line_open and line_close call
 *    tapi_card_unregister() for their own card, and line_open
 *    tapi_call_offer() (whose mutex it runs under): the core must refuse.
 *
 * The network's bogus command (tapi_sim_bogus()) also makes the one-shot
 * mistakes: offers on lines, addresses and related calls the card does
 * not have, NULL calls and requests, bad lines for the device state and
 * the forwarding, and the sleeping helpers called under a spinlock.
 *
 * Everything here runs with sw->lock held, but line_open and line_close
 * (which must not take it: see sim-card.c) and the jobs in IRQ and timer
 * context, which take no lock: their switch waits for them.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/hardirq.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include <tapi/tsp.h>

#include "sim.h"
#include "sim-switch.h"

#define MB(m)		BIT(SIM_MB_##m)
#define SIM_MB_CONTEXTS	(MB(IRQ) | MB(HRTIMER) | MB(TIMER))

/* The modes' names, in the order of enum tapi_sim_mb_mode. */
static const char *const tapi_sim_mb_names[SIM_MB_MODES] = {
	"badstate", "twice", "never", "badresult", "lie", "badreturn", "irq",
	"hrtimer", "timer", "ghost", "unregister",
};

/* What the counts are called; those whose helpers return a result. */
static const struct {
	const char *name;
	bool returns;
} tapi_sim_mb_kinds[SIM_MB_KINDS] = {
	[SIM_MB_BADSTATE] = { "badstate", true },
	[SIM_MB_TWICE] = { "twice", false },
	[SIM_MB_NEVER] = { "never", false },
	[SIM_MB_BADRESULT] = { "badresult", false },
	[SIM_MB_LIE] = { "lie", false },
	[SIM_MB_BADRETURN] = { "badreturn", false },
	[SIM_MB_IRQ] = { "irq", true },
	[SIM_MB_HRTIMER] = { "hrtimer", true },
	[SIM_MB_TIMER] = { "timer", true },
	[SIM_MB_GHOST] = { "ghost", true },
	[SIM_MB_UNREGISTER] = { "unregister", true },
	[SIM_MB_GHOSTMEDIA] = { "ghostmedia", false },
	[SIM_MB_BOGUS] = { "bogus", true },
	[SIM_MB_BOGUSVOID] = { "bogusvoid", false },
	[SIM_MB_WRONGCTX] = { "wrongctx", false },
};

/**
 * struct tapi_sim_ghost - a call kept after it went idle
 * @node: entry in &tapi_sim_misbehave.ghosts
 * @call: the core's call; a reference is held
 */
struct tapi_sim_ghost {
	struct list_head node;
	struct tapi_call *call;
};

/**
 * struct tapi_sim_job - one report to make in another context
 * @fn: makes it; returns the helper's result
 * @call: the call reported on
 * @req: the request completed
 * @a: the state, the result, or the digit mode
 * @b: the mode, or the digit
 * @c: the digit's duration
 * @twice: complete @req a second time
 * @ctx: the context mode it runs in
 * @in_ctx: it ran in that context
 * @ret: @fn's result
 * @done: completed once it ran
 */
struct tapi_sim_job {
	int (*fn)(struct tapi_sim_job *job);
	struct tapi_call *call;
	struct tapi_request *req;
	int a;
	u32 b;
	u32 c;
	bool twice;
	unsigned int ctx;
	bool in_ctx;
	int ret;
	struct completion done;
};

static bool tapi_sim_mb_on(struct tapi_sim_switch *sw, unsigned int mode)
{
	return READ_ONCE(sw->mb.modes) & BIT(mode);
}

/* Count one bad report of @kind, refused if @ret is an error. */
static int tapi_sim_mb_count(struct tapi_sim_switch *sw, unsigned int kind,
			     int ret)
{
	atomic_inc(&sw->mb.injected[kind]);
	if (ret < 0)
		atomic_inc(&sw->mb.refused[kind]);
	return ret;
}

/* Other contexts */

static void tapi_sim_job_run(struct tapi_sim_misbehave *mb, unsigned int ctx)
{
	struct tapi_sim_job *job = READ_ONCE(mb->job);

	if (!job)
		return;
	job->in_ctx = ctx == SIM_MB_TIMER ?
		      in_serving_softirq() && !in_hardirq() : in_hardirq();
	job->ret = job->fn(job);
	complete(&job->done);
}

static void tapi_sim_irq_work(struct irq_work *work)
{
	tapi_sim_job_run(container_of(work, struct tapi_sim_misbehave,
				      irq_work), SIM_MB_IRQ);
}

static enum hrtimer_restart tapi_sim_hrtimer(struct hrtimer *t)
{
	tapi_sim_job_run(container_of(t, struct tapi_sim_misbehave, hrtimer),
			 SIM_MB_HRTIMER);
	return HRTIMER_NORESTART;
}

static void tapi_sim_timer(struct timer_list *t)
{
	tapi_sim_job_run(container_of(t, struct tapi_sim_misbehave, timer),
			 SIM_MB_TIMER);
}

/* The next context mode that is on, after the last one used. */
static int tapi_sim_next_ctx(struct tapi_sim_switch *sw)
{
	u32 ctxs = READ_ONCE(sw->mb.modes) & SIM_MB_CONTEXTS;
	unsigned int i, m;

	if (!ctxs)
		return -1;
	for (i = 1; i <= SIM_MB_MODES; i++) {
		m = (sw->mb.next_ctx + i) % SIM_MB_MODES;
		if (ctxs & BIT(m)) {
			sw->mb.next_ctx = m;
			return m;
		}
	}
	return -1;
}

/*
 * Make the report of @job, in the next context mode that is on, and wait
 * for it; or here, with none on.  sw->lock held: one job at a time.
 * Return: the helper's result.
 */
static int tapi_sim_run(struct tapi_sim_switch *sw, struct tapi_sim_job *job)
{
	struct tapi_sim_misbehave *mb = &sw->mb;
	int ctx = tapi_sim_next_ctx(sw);

	lockdep_assert_held(&sw->lock);
	if (ctx < 0)
		return job->fn(job);
	init_completion(&job->done);
	job->ctx = ctx;
	WRITE_ONCE(mb->job, job);
	switch (ctx) {
	case SIM_MB_IRQ:
		irq_work_queue(&mb->irq_work);
		break;
	case SIM_MB_HRTIMER:
		hrtimer_start(&mb->hrtimer, ns_to_ktime(NSEC_PER_USEC),
			      HRTIMER_MODE_REL_HARD);
		break;
	default:
		mod_timer(&mb->timer, jiffies + 1);
		break;
	}
	wait_for_completion(&job->done);
	WRITE_ONCE(mb->job, NULL);
	if (job->in_ctx)
		tapi_sim_mb_count(sw, ctx, job->ret);
	else
		tapi_sim_mb_count(sw, SIM_MB_WRONGCTX, 0);
	return job->ret;
}

/* State reports */

static int tapi_sim_job_state(struct tapi_sim_job *job)
{
	return tapi_call_set_state(job->call, job->a, job->b);
}

/* The badstate mode: what must be refused before @state is reported. */
static void tapi_sim_bad_states(struct tapi_sim_switch *sw,
				struct tapi_call *call, u32 state)
{
	static const u32 invalid[] = {
		0,
		TAPI_CALLSTATE_CONNECTED | TAPI_CALLSTATE_ONHOLD,
		BIT(31),
	};
	u32 cur = tapi_call_state(call);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(invalid); i++)
		tapi_sim_mb_count(sw, SIM_MB_BADSTATE,
				  tapi_call_set_state(call, invalid[i], 0));
	tapi_sim_mb_count(sw, SIM_MB_BADSTATE,
			  tapi_call_set_state(call, state, BIT(31)));
	/* OFFERING comes from UNKNOWN only; DIALTONE never from OFFERING. */
	if (cur != TAPI_CALLSTATE_UNKNOWN)
		tapi_sim_mb_count(sw, SIM_MB_BADSTATE,
				  tapi_call_set_state(call,
						      cur == TAPI_CALLSTATE_OFFERING ?
						      TAPI_CALLSTATE_DIALTONE :
						      TAPI_CALLSTATE_OFFERING, 0));
}

/**
 * tapi_sim_state_to_core() - report a call's state, as the modes say
 * @sw: the switch; its lock held
 * @call: the call
 * @state: the state
 * @mode: its mode
 *
 * Return: tapi_call_set_state()'s result for @state.
 */
int tapi_sim_state_to_core(struct tapi_sim_switch *sw, struct tapi_call *call,
			   u32 state, u32 mode)
{
	struct tapi_sim_job job = {
		.fn = tapi_sim_job_state,
		.call = call,
		.a = state,
		.b = mode,
	};

	if (tapi_sim_mb_on(sw, SIM_MB_BADSTATE))
		tapi_sim_bad_states(sw, call, state);
	return tapi_sim_run(sw, &job);
}

/* Completions */

static int tapi_sim_job_complete(struct tapi_sim_job *job)
{
	tapi_request_complete(job->req, job->a);
	if (job->twice)
		tapi_request_complete(job->req, -EPROTO);
	return 0;
}

static void tapi_sim_do_complete_req(struct tapi_sim_switch *sw,
				     struct tapi_request *req, int result,
				     bool drop)
{
	struct tapi_sim_misbehave *mb = &sw->mb;
	struct tapi_sim_job job = {
		.fn = tapi_sim_job_complete,
		.req = req,
		.a = result,
	};

	lockdep_assert_held(&sw->lock);
	if (!drop && tapi_sim_mb_on(sw, SIM_MB_NEVER)) {
		tapi_sim_mb_count(sw, SIM_MB_NEVER, 0);
		return;
	}
	if (tapi_sim_mb_on(sw, SIM_MB_BADRESULT)) {
		mb->flip = !mb->flip;
		job.a = mb->flip ? 1 : -MAX_ERRNO - 1;
		tapi_sim_mb_count(sw, SIM_MB_BADRESULT, 0);
	}
	/* The first completion may free it: hold it for the second. */
	job.twice = tapi_sim_mb_on(sw, SIM_MB_TWICE);
	if (job.twice)
		tapi_request_get(req);
	tapi_sim_run(sw, &job);
	if (job.twice) {
		tapi_request_put(req);
		tapi_sim_mb_count(sw, SIM_MB_TWICE, 0);
	}
	mb->last_completed = req;
}

/**
 * tapi_sim_complete() - complete a request, as the modes say
 * @sw: the switch; its lock held
 * @req: the request
 * @result: its outcome
 */
void tapi_sim_complete(struct tapi_sim_switch *sw, struct tapi_request *req,
		       int result)
{
	tapi_sim_do_complete_req(sw, req, result, false);
}

/**
 * tapi_sim_complete_drop() - complete a drop request, as the modes say
 * @sw: the switch; its lock held
 * @req: the request
 * @result: its outcome
 *
 * As tapi_sim_complete(), but never forgotten, so that a test can always
 * end its calls.
 */
void tapi_sim_complete_drop(struct tapi_sim_switch *sw,
			    struct tapi_request *req, int result)
{
	tapi_sim_do_complete_req(sw, req, result, true);
}

/* Digits */

static int tapi_sim_job_digit(struct tapi_sim_job *job)
{
	return tapi_call_digit(job->call, job->a, job->b, job->c);
}

/**
 * tapi_sim_digit() - report a digit the far end signalled, as the modes say
 * @sw: the switch; its lock held
 * @call: the call
 * @mode: the digit mode
 * @digit: the digit
 * @duration_ms: how long it lasted
 *
 * Return: tapi_call_digit()'s result.
 */
int tapi_sim_digit(struct tapi_sim_switch *sw, struct tapi_call *call,
		   u32 mode, char digit, unsigned int duration_ms)
{
	struct tapi_sim_job job = {
		.fn = tapi_sim_job_digit,
		.call = call,
		.a = mode,
		.b = digit,
		.c = duration_ms,
	};

	return tapi_sim_run(sw, &job);
}

/* Operations and line callbacks */

/* The unregister mode: the core must refuse, and the card stays. */
static void tapi_sim_mb_unregister(struct tapi_sim_switch *sw,
				   struct tapi_card *tcard)
{
	if (tapi_sim_mb_on(sw, SIM_MB_UNREGISTER))
		tapi_sim_mb_count(sw, SIM_MB_UNREGISTER,
				  tapi_card_unregister(tcard));
}

/**
 * tapi_sim_mb_op_enter() - a call operation starts
 * @sw: the switch; its lock held
 * @tcard: the card
 * @may_refuse: dial, answer or accept, which badreturn and lie concern
 *
 * Return: 0 to go on, or the positive number badreturn returns instead.
 */
int tapi_sim_mb_op_enter(struct tapi_sim_switch *sw, struct tapi_card *tcard,
			 bool may_refuse)
{
	if (may_refuse && tapi_sim_mb_on(sw, SIM_MB_BADRETURN)) {
		tapi_sim_mb_count(sw, SIM_MB_BADRETURN, 0);
		return 1;
	}
	tapi_sim_mb_unregister(sw, tcard);
	sw->mb.last_completed = NULL;
	return 0;
}

/**
 * tapi_sim_mb_op_leave() - what dial, answer or accept return
 * @sw: the switch; its lock held
 * @req: their request
 * @ret: what they would return
 *
 * Lying is safe for a request completed already only: one still queued
 * would be completed after the core took it back.
 *
 * Return: @ret, or -EBUSY for a request just completed, in the lie mode.
 */
int tapi_sim_mb_op_leave(struct tapi_sim_switch *sw, struct tapi_request *req,
			 int ret)
{
	if (ret || sw->mb.last_completed != req ||
	    !tapi_sim_mb_on(sw, SIM_MB_LIE))
		return ret;
	tapi_sim_mb_count(sw, SIM_MB_LIE, 0);
	return -EBUSY;
}

/**
 * tapi_sim_mb_line_callback() - line_open or line_close runs
 * @sw: the switch; its lock not held (line callbacks must not take it)
 * @tcard: the card
 * @line: the line
 * @open: line_open (which may also try an offer)
 */
void tapi_sim_mb_line_callback(struct tapi_sim_switch *sw,
			       struct tapi_card *tcard, unsigned int line,
			       bool open)
{
	struct tapi_call_offer offer = {
		.media_mode = TAPI_MEDIA_INTERACTIVEVOICE,
	};
	struct tapi_call *call;

	tapi_sim_mb_unregister(sw, tcard);
	if (!open || !tapi_sim_mb_on(sw, SIM_MB_UNREGISTER))
		return;
	call = tapi_call_offer(tcard, line, &offer);
	tapi_sim_mb_count(sw, SIM_MB_UNREGISTER, PTR_ERR_OR_ZERO(call));
	/* Never taken: the core refuses it. */
	if (!IS_ERR(call))
		tapi_call_put(call);
}

/* Ghosts and bogus reports */

/**
 * tapi_sim_ghost_keep() - a call went idle: keep it, in the ghost mode
 * @sw: the switch; its lock held
 * @call: the call
 */
void tapi_sim_ghost_keep(struct tapi_sim_switch *sw, struct tapi_call *call)
{
	struct tapi_sim_ghost *g;

	if (!tapi_sim_mb_on(sw, SIM_MB_GHOST) ||
	    tapi_call_state(call) != TAPI_CALLSTATE_IDLE)
		return;
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return;
	g->call = tapi_call_get(call);
	list_add_tail(&g->node, &sw->mb.ghosts);
}

/* Everything a card might report about a call the core is done with. */
static void tapi_sim_haunt(struct tapi_sim_switch *sw, struct tapi_call *call)
{
	static const struct tapi_party party = { .number = "666" };
	static const u8 uui[] = { 0x66 };
	s16 pcm[TAPI_SIM_TICK_SAMPLES] = { };
	static const u32 states[] = {
		TAPI_CALLSTATE_CONNECTED, TAPI_CALLSTATE_DISCONNECTED,
		TAPI_CALLSTATE_UNKNOWN,
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(states); i++)
		tapi_sim_mb_count(sw, SIM_MB_GHOST,
				  tapi_call_set_state(call, states[i], 0));
	tapi_sim_mb_count(sw, SIM_MB_GHOST,
			  tapi_call_set_party(call, TAPI_PARTY_CONNECTED,
					      &party));
	tapi_sim_mb_count(sw, SIM_MB_GHOST, tapi_call_set_related(call, 0));
	tapi_sim_mb_count(sw, SIM_MB_GHOST,
			  tapi_call_set_reason(call, TAPI_CALLREASON_DIRECT));
	tapi_sim_mb_count(sw, SIM_MB_GHOST,
			  tapi_call_set_media_mode(call,
						   TAPI_MEDIA_INTERACTIVEVOICE));
	tapi_sim_mb_count(sw, SIM_MB_GHOST, tapi_call_set_param_flags(call, 0));
	tapi_sim_mb_count(sw, SIM_MB_GHOST,
			  tapi_call_set_user_user(call, uui, sizeof(uui)));
	tapi_sim_mb_count(sw, SIM_MB_GHOST,
			  tapi_call_digit(call, TAPI_DIGITMODE_DTMF, '5', 100));
	ret = tapi_call_send_dtmf(call, "5", 0);
	tapi_sim_mb_count(sw, SIM_MB_GHOST, ret < 0 ? ret : 0);
	tapi_sim_mb_count(sw, SIM_MB_GHOST,
			  tapi_media_msp_data(call, uui, sizeof(uui)));
	/* Media are for the living: nothing comes of them. */
	tapi_media_rx(call, pcm, ARRAY_SIZE(pcm));
	tapi_sim_mb_count(sw, SIM_MB_GHOSTMEDIA, 0);
	tapi_media_tx(call, pcm, ARRAY_SIZE(pcm));
	tapi_sim_mb_count(sw, SIM_MB_GHOSTMEDIA, 0);
	tapi_call_stop_dtmf(call);
	tapi_sim_mb_count(sw, SIM_MB_GHOSTMEDIA, 0);
}

static DEFINE_SPINLOCK(tapi_sim_bogus_lock);

/**
 * tapi_sim_bogus() - the network's bogus command: every kept ghost call
 *	is reported on and let go, then the one-shot mistakes are made
 * @sw: the switch; its lock held
 * @line: the line the command was written to
 *
 * Return: 0.
 */
int tapi_sim_bogus(struct tapi_sim_switch *sw, unsigned int line)
{
	struct tapi_card *tcard = sw->tcard;
	struct tapi_forward_list none = { };
	struct tapi_call_offer offer = {
		.media_mode = TAPI_MEDIA_INTERACTIVEVOICE,
	};
	struct tapi_sim_ghost *g, *tmp;
	struct tapi_sim_call *sc;
	struct tapi_call *call;
	s16 pcm[8] = { };
	unsigned int i;
	int ret;

	list_for_each_entry_safe(g, tmp, &sw->mb.ghosts, node) {
		tapi_sim_haunt(sw, g->call);
		list_del(&g->node);
		tapi_call_put(g->call);
		kfree(g);
	}

	/* Offers on what the card does not have, or where they cannot be. */
	for (i = 0; i < 5; i++) {
		struct tapi_call_offer bad = offer;
		struct tapi_card *on = tcard;
		unsigned int l = line;

		switch (i) {
		case 0:
			l = 1000;
			break;
		case 1:
			bad.address_id = 1000;
			break;
		case 2:
			bad.media_mode = 0;
			break;
		case 3:
			bad.related_call_id = 0x7ffffff0;
			break;
		default:
			on = NULL;
			break;
		}
		call = tapi_call_offer(on, l, &bad);
		tapi_sim_mb_count(sw, SIM_MB_BOGUS, PTR_ERR_OR_ZERO(call));
		if (!IS_ERR(call))
			tapi_call_put(call);
	}
	/* The sleeping helpers where they cannot sleep. */
	spin_lock(&tapi_sim_bogus_lock);
	call = tapi_call_offer(tcard, line, &offer);
	spin_unlock(&tapi_sim_bogus_lock);
	tapi_sim_mb_count(sw, SIM_MB_BOGUS, PTR_ERR_OR_ZERO(call));
	if (!IS_ERR(call))
		tapi_call_put(call);
	spin_lock(&tapi_sim_bogus_lock);
	ret = tapi_card_unregister(tcard);
	spin_unlock(&tapi_sim_bogus_lock);
	tapi_sim_mb_count(sw, SIM_MB_BOGUS, ret);

	/* NULL calls, and lines and addresses the card does not have. */
	tapi_sim_mb_count(sw, SIM_MB_BOGUS,
			  tapi_call_set_state(NULL, TAPI_CALLSTATE_IDLE, 0));
	tapi_sim_mb_count(sw, SIM_MB_BOGUS,
			  tapi_call_set_party(NULL, TAPI_PARTY_CALLER, NULL));
	tapi_sim_mb_count(sw, SIM_MB_BOGUS,
			  tapi_call_digit(NULL, TAPI_DIGITMODE_DTMF, '1', 0));
	tapi_sim_mb_count(sw, SIM_MB_BOGUS,
			  tapi_address_set_forward(tcard, 1000, 0, &none));
	tapi_sim_mb_count(sw, SIM_MB_BOGUS,
			  tapi_address_set_forward(tcard, line, 1000, &none));
	tapi_sim_mb_count(sw, SIM_MB_BOGUS,
			  tapi_address_set_forward(NULL, line, 0, &none));
	sc = tapi_sim_find_call(sw, line, 0);
	if (sc)
		tapi_sim_mb_count(sw, SIM_MB_BOGUS,
				  tapi_call_set_related(tapi_sim_call_core(sc),
							0x7ffffff0));

	/* And those whose helpers have nothing to return. */
	tapi_request_complete(NULL, 0);
	tapi_sim_mb_count(sw, SIM_MB_BOGUSVOID, 0);
	tapi_line_devstate_changed(tcard, 1000, TAPI_DEVSTATUS_CONNECTED);
	tapi_sim_mb_count(sw, SIM_MB_BOGUSVOID, 0);
	tapi_line_devstate_changed(tcard, line, BIT(31));
	tapi_sim_mb_count(sw, SIM_MB_BOGUSVOID, 0);
	tapi_media_rx(NULL, pcm, ARRAY_SIZE(pcm));
	tapi_sim_mb_count(sw, SIM_MB_BOGUSVOID, 0);
	if (sc) {
		tapi_media_rx_g711(tapi_sim_call_core(sc), TAPI_MEDIA_LINEAR16,
				   (const u8 *)pcm, ARRAY_SIZE(pcm));
		tapi_sim_mb_count(sw, SIM_MB_BOGUSVOID, 0);
	}
	return 0;
}

/* The attribute */

/**
 * tapi_sim_misbehave_parse() - the modes named in a misbehave attribute
 *	write
 * @page: mode names separated by spaces, tabs, commas or newlines; "none"
 *	or nothing for none
 * @modes: BIT(&enum tapi_sim_mb_mode) of each mode named
 *
 * Return: 0, or -EINVAL for a name that is no mode.
 */
int tapi_sim_misbehave_parse(const char *page, u32 *modes)
{
	char *buf, *s, *word;
	unsigned int i;
	int ret = 0;
	u32 m = 0;

	buf = kstrdup(page, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	s = buf;
	while (!ret && (word = strsep(&s, " \t\n,"))) {
		if (!*word || !strcmp(word, "none"))
			continue;
		for (i = 0; i < SIM_MB_MODES; i++) {
			if (!strcmp(word, tapi_sim_mb_names[i]))
				break;
		}
		if (i == SIM_MB_MODES)
			ret = -EINVAL;
		else
			m |= BIT(i);
	}
	kfree(buf);
	if (!ret)
		*modes = m;
	return ret;
}

/**
 * tapi_sim_misbehave_show() - the modes on, for the misbehave attribute
 * @modes: BIT(&enum tapi_sim_mb_mode) bits
 * @page: the configfs page
 *
 * Return: the length: the names separated by spaces, or "none".
 */
ssize_t tapi_sim_misbehave_show(u32 modes, char *page)
{
	ssize_t len = 0;
	unsigned int i;

	for (i = 0; i < SIM_MB_MODES; i++) {
		if (modes & BIT(i))
			len += sysfs_emit_at(page, len, "%s%s", len ? " " : "",
					     tapi_sim_mb_names[i]);
	}
	if (!len)
		len = sysfs_emit(page, "none");
	return len + sysfs_emit_at(page, len, "\n");
}

/**
 * tapi_sim_misbehave_counts() - the misbehaviours attribute
 * @sw: the switch
 * @page: the configfs page
 *
 * One line per kind: "NAME injected=N refused=M", without refused= for
 * the kinds whose helpers return nothing.
 *
 * Return: the length.
 */
ssize_t tapi_sim_misbehave_counts(struct tapi_sim_switch *sw, char *page)
{
	ssize_t len = 0;
	unsigned int i;

	for (i = 0; i < SIM_MB_KINDS; i++) {
		len += sysfs_emit_at(page, len, "%s injected=%d",
				     tapi_sim_mb_kinds[i].name,
				     atomic_read(&sw->mb.injected[i]));
		if (tapi_sim_mb_kinds[i].returns)
			len += sysfs_emit_at(page, len, " refused=%d",
					     atomic_read(&sw->mb.refused[i]));
		len += sysfs_emit_at(page, len, "\n");
	}
	return len;
}

/* Starting and stopping */

/**
 * tapi_sim_misbehave_init() - a well-behaved card, at mkdir
 * @sw: the switch
 */
void tapi_sim_misbehave_init(struct tapi_sim_switch *sw)
{
	struct tapi_sim_misbehave *mb = &sw->mb;

	mb->irq_work = IRQ_WORK_INIT_HARD(tapi_sim_irq_work);
	hrtimer_init(&mb->hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	mb->hrtimer.function = tapi_sim_hrtimer;
	timer_setup(&mb->timer, tapi_sim_timer, 0);
	INIT_LIST_HEAD(&mb->ghosts);
}

/**
 * tapi_sim_misbehave_stop() - the switch stops: let the ghosts go
 * @sw: the switch; its lock not held
 *
 * Every job was waited for; the timers are idle, but make sure.
 */
void tapi_sim_misbehave_stop(struct tapi_sim_switch *sw)
{
	struct tapi_sim_ghost *g, *tmp;
	LIST_HEAD(ghosts);

	irq_work_sync(&sw->mb.irq_work);
	hrtimer_cancel(&sw->mb.hrtimer);
	del_timer_sync(&sw->mb.timer);
	mutex_lock(&sw->lock);
	list_splice_init(&sw->mb.ghosts, &ghosts);
	mutex_unlock(&sw->lock);
	list_for_each_entry_safe(g, tmp, &ghosts, node) {
		tapi_call_put(g->call);
		kfree(g);
	}
}
