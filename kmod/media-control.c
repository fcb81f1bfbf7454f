// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: media control, TAPI's digits and tones on a call (see
 * "Digits and tones" in the uapi header): the per-call state, the hooks
 * on the call's audio path in media.c, and the call's life.  The six
 * commands that set it up are in media-control-cmds.c; what both share,
 * in media-control.h.
 *
 * A call that ever had media control has a struct tapi_mctl (call->mctl,
 * set once, freed with the call).  It holds the call's one generator, a
 * DTMF detector, and one struct tapi_mctl_sub per handle that asked for
 * detection: the handle's digit modes, its gathering and its tone and
 * media detectors.  A handle is named there by its mctl_id, a number
 * unique in the call, never by pointer: events found under media_lock are
 * queued in mctl->pending with that id, and delivered under call->lock to
 * the handle that still has it, if any.
 *
 * Locking: call->mctl and everything in it are under call->media_lock,
 * taken inside call->lock (never the other way round).  The audio hooks
 * run with media_lock only, from any context; they queue events, and
 * tapi_mctl_flush() delivers them afterwards with call->lock then
 * media_lock.  The gathering timer (irq-safe) takes both the same way, and
 * the call's release waits for it.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timer.h>

#include "media-control.h"

/* Media modes heard in band, and by which tone (see the uapi header). */
const struct tapi_media_tone tapi_media_tones[TAPI_MEDIA_TONES] = {
	{ TAPI_MEDIA_G3FAX, 1100, 500 },
	{ TAPI_MEDIA_DATAMODEM, 2100, 1000 },
	{ TAPI_MEDIA_DATAMODEM, 2225, 1000 },
};

/* Queue an event for handle @id.  media_lock held. */
static void tapi_mctl_queue(struct tapi_mctl *mc, u32 id, u32 type,
			    u64 ts, const u32 *param, unsigned int nparam)
{
	struct tapi_mctl_event *pe;

	if (mc->npending == TAPI_MCTL_PENDING) {
		pr_warn_ratelimited("tapi: call %u: media control events lost\n",
				    mc->call->id);
		return;
	}
	pe = &mc->pending[mc->npending++];
	memset(pe, 0, sizeof(*pe));
	pe->id = id;
	pe->ev.type = type;
	pe->ev.timestamp_ns = ts;
	memcpy(pe->ev.param, param, nparam * sizeof(*param));
}

/* Deliver the pending events.  call->lock and media_lock held. */
void tapi_mctl_deliver_locked(struct tapi_call *call,
			      struct tapi_mctl *mc)
{
	struct tapi_call_handle *h;
	unsigned int i;

	for (i = 0; i < mc->npending; i++) {
		struct tapi_event *ev = &mc->pending[i].ev;

		ev->line = call->line->index;
		list_for_each_entry(h, &call->handles, call_node) {
			if (!h->valid || h->mctl_id != mc->pending[i].id)
				continue;
			ev->call = h->handle;
			tapi_event_queue(h->lf, ev);
			break;
		}
	}
	mc->npending = 0;
}

/**
 * tapi_mctl_flush() - deliver the events the audio hooks found
 * @call: the call
 *
 * Context: any context; no core lock held.
 */
void tapi_mctl_flush(struct tapi_call *call)
{
	unsigned long flags;

	if (!READ_ONCE(call->mctl) || !READ_ONCE(call->mctl->npending))
		return;
	spin_lock_irqsave(&call->lock, flags);
	spin_lock(&call->media_lock);
	tapi_mctl_deliver_locked(call, call->mctl);
	spin_unlock(&call->media_lock);
	spin_unlock_irqrestore(&call->lock, flags);
}

/* ---- gathering ---- */

void tapi_mctl_gather_end(struct tapi_mctl *mc, struct tapi_mctl_sub *s,
			  u32 term)
{
	u32 param[8] = { term, s->gather.count };

	memcpy(&param[2], s->gather.buf, sizeof(s->gather.buf));
	tapi_mctl_queue(mc, s->id, TAPI_EV_GATHERDIGITS, 0, param, 8);
	s->gather.modes = 0;
	s->gather.timed = false;
}

/* Point the timer at the earliest gathering timeout.  media_lock held. */
void tapi_mctl_timer_arm(struct tapi_mctl *mc)
{
	struct tapi_mctl_sub *s;
	unsigned long next = 0;
	bool any = false;

	if (mc->stopped)
		return;
	list_for_each_entry(s, &mc->subs, node) {
		if (!s->gather.timed)
			continue;
		if (!any || time_before(s->gather.deadline, next))
			next = s->gather.deadline;
		any = true;
	}
	if (any)
		mod_timer(&mc->timer, next);
}

static void tapi_mctl_timer_fn(struct timer_list *t)
{
	struct tapi_mctl *mc = from_timer(mc, t, timer);
	struct tapi_call *call = mc->call;
	struct tapi_mctl_sub *s;
	unsigned long flags;

	spin_lock_irqsave(&call->lock, flags);
	spin_lock(&call->media_lock);
	if (!mc->stopped) {
		list_for_each_entry(s, &mc->subs, node) {
			if (!s->gather.timed ||
			    time_before(jiffies, s->gather.deadline))
				continue;
			tapi_mctl_gather_end(mc, s, s->gather.count ?
					     TAPI_GATHER_TERM_INTERTIMEOUT :
					     TAPI_GATHER_TERM_FIRSTTIMEOUT);
		}
		tapi_mctl_timer_arm(mc);
	}
	tapi_mctl_deliver_locked(call, mc);
	spin_unlock(&call->media_lock);
	spin_unlock_irqrestore(&call->lock, flags);
}

/* A digit started: gather it where wanted.  media_lock held. */
static void tapi_mctl_gather_digit(struct tapi_mctl *mc, char digit,
				   u32 mode)
{
	struct tapi_mctl_sub *s;
	bool rearm = false;

	list_for_each_entry(s, &mc->subs, node) {
		if (!(s->gather.modes & mode))
			continue;
		s->gather.buf[s->gather.count++] = digit;
		if (strchr(s->gather.term, digit)) {
			tapi_mctl_gather_end(mc, s, TAPI_GATHER_TERM_TERMDIGIT);
		} else if (s->gather.count == s->gather.max) {
			tapi_mctl_gather_end(mc, s,
					     TAPI_GATHER_TERM_BUFFERFULL);
		} else {
			s->gather.timed = s->gather.inter;
			s->gather.deadline = jiffies + s->gather.inter;
			rearm = true;
		}
	}
	if (rearm)
		tapi_mctl_timer_arm(mc);
}

/*
 * A digit, in band or signalled: report it to the handles monitoring
 * @mode, and gather it if it is a start.  media_lock held.
 */
static void tapi_mctl_digit(struct tapi_mctl *mc, char digit, u32 mode,
			    u32 source, u64 ts, u32 ms)
{
	u32 param[4] = { digit, mode, source, ms };
	struct tapi_mctl_sub *s;

	list_for_each_entry(s, &mc->subs, node) {
		if (s->digit_modes & mode)
			tapi_mctl_queue(mc, s->id, TAPI_EV_MONITORDIGITS, ts,
					param, 4);
	}
	if (mode != TAPI_DIGITMODE_DTMFEND)
		tapi_mctl_gather_digit(mc, digit, mode);
}

/**
 * tapi_call_digit() - a digit the card received out of band
 * @call: the call
 * @mode: %TAPI_DIGITMODE_DTMF or %TAPI_DIGITMODE_PULSE
 * @digit: ``0``-``9``, and for DTMF ``*``, ``#``, ``A``-``D``
 * @duration_ms: for DTMF, how long it lasted (it is reported as started
 *	that long ago and ended now); 0 if unknown
 *
 * Reports the digit to the handles monitoring or gathering it, as
 * %TAPI_DIGIT_SIGNALLED, like one detected in band.  Nothing happens on a
 * call without media control.
 *
 * Context: any context; no core lock held.
 * Return: 0, or -EINVAL for a bad mode or digit or a NULL @call; -EBADFD
 * for an IDLE call (logged once per call, ratelimited).
 */
int tapi_call_digit(struct tapi_call *call, u32 mode, char digit,
		    unsigned int duration_ms)
{
	u64 now = ktime_get_ns(), start = now - duration_ms * NSEC_PER_MSEC;
	struct tapi_mctl *mc;
	unsigned long flags;
	u32 lo, hi;

	if (!call) {
		tapi_tsp_refused_nocard("digit of a NULL call, refused\n");
		return -EINVAL;
	}
	if (READ_ONCE(call->state) == TAPI_CALLSTATE_IDLE) {
		if (tapi_call_refuse_first(call))
			tapi_tsp_refused(call->line->card,
					 "line %u: call %u: digit of an idle call, refused\n",
					 call->line->index, call->id);
		return -EBADFD;
	}
	if (digit >= 'a' && digit <= 'd')
		digit -= 'a' - 'A';
	if ((mode != TAPI_DIGITMODE_DTMF && mode != TAPI_DIGITMODE_PULSE) ||
	    tapi_dtmf_freqs(digit, &lo, &hi) ||
	    (mode == TAPI_DIGITMODE_PULSE && (digit < '0' || digit > '9')))
		return -EINVAL;
	spin_lock_irqsave(&call->media_lock, flags);
	mc = call->mctl;
	if (mc && !mc->stopped) {
		tapi_mctl_digit(mc, digit, mode, TAPI_DIGIT_SIGNALLED, start,
				0);
		if (mode == TAPI_DIGITMODE_DTMF)
			tapi_mctl_digit(mc, digit, TAPI_DIGITMODE_DTMFEND,
					TAPI_DIGIT_SIGNALLED, now,
					duration_ms);
	}
	spin_unlock_irqrestore(&call->media_lock, flags);
	tapi_mctl_flush(call);
	return 0;
}
EXPORT_SYMBOL_GPL(tapi_call_digit);

/* A digit string a TSP may send: DTMF digits only.  Return: its length. */
static int tapi_mctl_dtmf_string(const char *digits)
{
	size_t len = strnlen(digits, TAPI_GENERATE_DIGITS_LEN), i;
	u32 lo, hi;

	if (!len || len == TAPI_GENERATE_DIGITS_LEN)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if ((digits[i] >= 'a' && digits[i] <= 'd') ||
		    tapi_dtmf_freqs(digits[i], &lo, &hi))
			return -EINVAL;
	}
	return len;
}

/**
 * tapi_call_send_dtmf() - send digits in band: DTMF in the call's audio
 * @call: the call
 * @digits: ``0``-``9``, ``*``, ``#`` and ``A``-``D``, 1 to
 *	%TAPI_GENERATE_DIGITS_LEN - 1 of them, NUL-terminated
 * @digit_ms: how long each digit sounds, and the silence after it; 0 for
 *	%TAPI_GENERATE_DIGIT_MS_DEFAULT, else clamped to
 *	%TAPI_GENERATE_DIGIT_MS_MIN - %TAPI_GENERATE_DIGIT_MS_MAX
 *
 * For a card that dials in band (an analog line's &tapi_tsp_ops.dial and
 * &tapi_tsp_ops.make_call): starts the call's generator, the one behind
 * %TAPI_IOC_CALL_GENERATE_DIGITS, on @digits, so that what the TSP's
 * following tapi_media_tx() and tapi_media_tx_g711() calls return is the
 * DTMF, replacing the MSP's audio, until the digits are done.  The
 * generator only runs as the TSP takes audio: a TSP that stops calling
 * them stops the digits.  Nobody is told when they are done (no
 * %TAPI_EV_GENERATE): the TSP times its request with the return value.
 * Digits the TSP sent before are replaced.  An application's
 * %TAPI_IOC_CALL_GENERATE_DIGITS or %TAPI_IOC_CALL_GENERATE_TONE later
 * replaces them (silently for the TSP); tapi_call_stop_dtmf() ends them,
 * and so does the end of the call's media.
 *
 * Context: any context, also hard interrupt; does not sleep.  The first
 * use of digits and tones on a call allocates (GFP_ATOMIC).
 * Return: how long the digits take, in ms (each digit and its silence);
 * -EINVAL for an empty or too long string or a character that is not a
 * DTMF digit, or a NULL @call or @digits; -EBUSY while an application's
 * generation runs on the call; -EBADFD when the call's media has ended;
 * -ENOMEM.
 */
int tapi_call_send_dtmf(struct tapi_call *call, const char *digits,
			u32 digit_ms)
{
	struct tapi_mctl *mc, *fresh = NULL;
	unsigned long flags;
	int len, ret;

	if (!call || !digits)
		return -EINVAL;
	len = tapi_mctl_dtmf_string(digits);
	if (len < 0)
		return len;
	digit_ms = digit_ms ? clamp_t(u32, digit_ms, TAPI_GENERATE_DIGIT_MS_MIN,
				      TAPI_GENERATE_DIGIT_MS_MAX) :
			      TAPI_GENERATE_DIGIT_MS_DEFAULT;
	if (!READ_ONCE(call->mctl)) {
		fresh = tapi_mctl_alloc(call, GFP_ATOMIC);
		if (!fresh)
			return -ENOMEM;
	}
	/* call->lock too: call->mctl is set under both, as the commands do. */
	spin_lock_irqsave(&call->lock, flags);
	spin_lock(&call->media_lock);
	if (!call->mctl && !call->media_ended) {
		call->mctl = fresh;
		fresh = NULL;
	}
	mc = call->mctl;
	if (!mc || mc->stopped || call->media_ended) {
		ret = -EBADFD;
	} else if (mc->gen_kind && mc->gen_id) {
		ret = -EBUSY;
	} else {
		memcpy(mc->gen_digits, digits, len + 1);
		mc->gen_pos = 0;
		mc->gen_in_digit = false;
		mc->gen_digit_ms = digit_ms;
		mc->gen_count = 0;
		mc->gen_id = 0;
		tapi_mctl_gen_next_digit(mc);
		mc->gen_kind = TAPI_GENERATE_DIGITS;
		ret = len * 2 * digit_ms;
	}
	spin_unlock(&call->media_lock);
	spin_unlock_irqrestore(&call->lock, flags);
	kfree(fresh);
	return ret;
}
EXPORT_SYMBOL_GPL(tapi_call_send_dtmf);

/**
 * tapi_call_stop_dtmf() - stop the digits tapi_call_send_dtmf() sends
 * @call: the call
 *
 * What the TSP takes from then on is the MSP's audio again.  An
 * application's generation is left alone; nothing happens when no digits
 * of the TSP's are playing.
 *
 * Context: any context, also hard interrupt; does not sleep.
 */
void tapi_call_stop_dtmf(struct tapi_call *call)
{
	struct tapi_mctl *mc;
	unsigned long flags;

	if (!call)
		return;
	spin_lock_irqsave(&call->media_lock, flags);
	mc = call->mctl;
	if (mc && mc->gen_kind && !mc->gen_id)
		mc->gen_kind = 0;
	spin_unlock_irqrestore(&call->media_lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_call_stop_dtmf);

/* ---- the audio hooks ---- */

/**
 * tapi_mctl_hears_locked() - do the call's detectors want received audio
 * @call: the call
 *
 * Context: any context; call->media_lock held.
 * Return: true when some handle detects something on @call.
 */
bool tapi_mctl_hears_locked(struct tapi_call *call)
{
	struct tapi_mctl *mc = call->mctl;

	return mc && !mc->stopped && !list_empty(&mc->subs);
}

/**
 * tapi_mctl_rx_locked() - run the call's detectors on received audio
 * @call: the call
 * @samples: 8 kHz linear samples
 * @n: how many
 * @later: how many samples the card received after these (a chunk of a
 *	longer buffer): the events' timestamps count back from now
 *
 * Context: any context; call->media_lock held.  tapi_mctl_flush() after.
 */
void tapi_mctl_rx_locked(struct tapi_call *call, const s16 *samples,
			 unsigned int n, unsigned int later)
{
	struct tapi_mctl *mc = call->mctl;
	u64 now = ktime_get_ns(), ts;
	struct tapi_mctl_sub *s;
	unsigned int i, k;
	u32 ms;

	if (!mc || mc->stopped)
		return;
	for (i = 0; i < n; i++) {
		ts = now - (u64)(n - i + later) * 125000;
		if (mc->dtmf_on) {
			switch (tapi_dtmf_feed(&mc->dtmf, samples[i], ts)) {
			case TAPI_DTMF_START:
				tapi_mctl_digit(mc, mc->dtmf.digit,
						TAPI_DIGITMODE_DTMF,
						TAPI_DIGIT_INBAND,
						mc->dtmf.start_ns, 0);
				break;
			case TAPI_DTMF_END:
				ms = div_u64(mc->dtmf.end_sample -
					     mc->dtmf.start_sample, 8);
				tapi_mctl_digit(mc, mc->dtmf.digit,
						TAPI_DIGITMODE_DTMFEND,
						TAPI_DIGIT_INBAND,
						mc->dtmf.end_ns, ms);
				break;
			default:
				break;
			}
		}
		list_for_each_entry(s, &mc->subs, node) {
			for (k = 0; k < s->tones.num; k++) {
				u32 param[2] = { s->tones.app[k], k };

				if (tapi_tone_feed(&s->tones.det[k], samples[i]))
					tapi_mctl_queue(mc, s->id,
							TAPI_EV_MONITORTONE,
							ts, param, 2);
			}
			if (!(s->media.modes & ~s->media.heard))
				continue;
			for (k = 0; k < TAPI_MEDIA_TONES; k++) {
				u32 mode = tapi_media_tones[k].mode;

				if (!tapi_tone_feed(&s->media.det[k],
						    samples[i]) ||
				    !(s->media.modes & mode & ~s->media.heard))
					continue;
				s->media.heard |= mode;
				tapi_mctl_queue(mc, s->id, TAPI_EV_MONITORMEDIA,
						ts, &mode, 1);
			}
		}
	}
}

/*
 * The generator finished (or was cancelled): tell who started it.  A digit
 * cut short counts as sent once it sounded the least a DTMF receiver must
 * take (Q.24): a far end that hangs up on the digit it waited for heard it.
 * The TSP's digits (gen_id 0, no handle's) end without an event.
 */
void tapi_mctl_gen_end(struct tapi_mctl *mc, u32 term)
{
	u32 param[3] = { term, mc->gen_kind, mc->gen_count };

	if (!mc->gen_id) {
		mc->gen_kind = 0;
		return;
	}

	if (mc->gen_kind == TAPI_GENERATE_TONE)
		param[2] = mc->gen_count / 8;
	else if (mc->gen_in_digit &&
		 mc->gen.pos >= TAPI_GENERATE_DIGIT_MS_MIN * 8)
		param[2]++;
	tapi_mctl_queue(mc, mc->gen_id, TAPI_EV_GENERATE, 0, param, 3);
	mc->gen_kind = 0;
}

/*
 * Load the next part of a digit string into the generator: a digit's
 * tone, the gap after it, or a pause.  Return: false at the end.
 */
bool tapi_mctl_gen_next_digit(struct tapi_mctl *mc)
{
	struct tapi_tone_component c[2] = {
		{ .amplitude = TAPI_DTMF_AMPLITUDE },
		{ .amplitude = TAPI_DTMF_AMPLITUDE },
	};
	char d;

	if (mc->gen_in_digit) {
		/* The gap after a digit. */
		mc->gen_in_digit = false;
		mc->gen_count++;
		tapi_tone_gen_init(&mc->gen, NULL, 0, mc->gen_digit_ms);
		return true;
	}
	d = mc->gen_digits[mc->gen_pos];
	if (!d)
		return false;
	mc->gen_pos++;
	if (d == ',') {
		tapi_tone_gen_init(&mc->gen, NULL, 0, TAPI_GENERATE_PAUSE_MS);
		return true;
	}
	tapi_dtmf_freqs(d, &c[0].freq_hz, &c[1].freq_hz);
	tapi_tone_gen_init(&mc->gen, c, 2, mc->gen_digit_ms);
	mc->gen_in_digit = true;
	return true;
}

/**
 * tapi_mctl_tx_locked() - let the call's generator replace audio to send
 * @call: the call
 * @samples: the audio about to be sent, 8 kHz linear
 * @n: how many samples
 *
 * Context: any context; call->media_lock held.  tapi_mctl_flush() after.
 * Return: how many samples, from the first, the generator wrote.
 */
unsigned int tapi_mctl_tx_locked(struct tapi_call *call, s16 *samples,
				 unsigned int n)
{
	struct tapi_mctl *mc = call->mctl;
	unsigned int done = 0, k;
	bool ended;

	if (!mc || mc->stopped)
		return 0;
	while (mc->gen_kind && done < n) {
		ended = tapi_tone_gen_run(&mc->gen, samples + done, n - done,
					  &k);
		done += k;
		if (mc->gen_kind == TAPI_GENERATE_TONE)
			mc->gen_count += k;
		if (!ended)
			continue;
		if (mc->gen_kind == TAPI_GENERATE_DIGITS &&
		    tapi_mctl_gen_next_digit(mc))
			continue;
		tapi_mctl_gen_end(mc, TAPI_GENERATE_TERM_DONE);
	}
	return done;
}

/* ---- the call's life ---- */

/* A call's media control, empty.  Return: it, or NULL. */
struct tapi_mctl *tapi_mctl_alloc(struct tapi_call *call, gfp_t gfp)
{
	struct tapi_mctl *mc;

	mc = kzalloc(sizeof(*mc), gfp);
	if (!mc)
		return NULL;
	mc->call = call;
	INIT_LIST_HEAD(&mc->subs);
	timer_setup(&mc->timer, tapi_mctl_timer_fn, TIMER_IRQSAFE);
	return mc;
}

/**
 * tapi_mctl_call_ended() - the call was disconnected or went idle: end
 *	generation and gathering, with their events
 * @call: the call
 *
 * Context: process or atomic context; no core lock held.
 */
void tapi_mctl_call_ended(struct tapi_call *call)
{
	struct tapi_mctl_sub *s;
	struct tapi_mctl *mc;
	unsigned long flags;

	if (!READ_ONCE(call->mctl))
		return;
	spin_lock_irqsave(&call->lock, flags);
	spin_lock(&call->media_lock);
	mc = call->mctl;
	if (!mc->stopped) {
		if (mc->gen_kind)
			tapi_mctl_gen_end(mc, TAPI_GENERATE_TERM_CANCEL);
		list_for_each_entry(s, &mc->subs, node) {
			if (s->gather.modes)
				tapi_mctl_gather_end(mc, s,
						     TAPI_GATHER_TERM_CANCEL);
		}
		mc->stopped = true;
	}
	tapi_mctl_deliver_locked(call, mc);
	spin_unlock(&call->media_lock);
	spin_unlock_irqrestore(&call->lock, flags);
}

/**
 * tapi_mctl_stop_locked() - stop the call's media control, silently (the
 *	card is going)
 * @call: the call
 *
 * Context: call->media_lock held.
 */
void tapi_mctl_stop_locked(struct tapi_call *call)
{
	if (call->mctl) {
		call->mctl->stopped = true;
		call->mctl->npending = 0;
	}
}

static void tapi_mctl_sub_free(struct tapi_mctl_sub *s)
{
	list_del(&s->node);
	kfree(s);
}

/* Is DTMF detection needed.  media_lock held. */
void tapi_mctl_update_dtmf(struct tapi_mctl *mc)
{
	struct tapi_mctl_sub *s;
	bool on = false;

	list_for_each_entry(s, &mc->subs, node)
		on |= s->digit_modes || s->gather.modes;
	if (on && !mc->dtmf_on)
		tapi_dtmf_det_init(&mc->dtmf);
	mc->dtmf_on = on;
}

/**
 * tapi_mctl_handle_gone() - a handle left its call: forget what it asked
 * @call: the call; call->lock held
 * @id: the handle's mctl_id (0: it never asked anything)
 *
 * Its detectors go, and a generator it started stops without an event.
 */
void tapi_mctl_handle_gone(struct tapi_call *call, u32 id)
{
	struct tapi_mctl_sub *s, *tmp;
	struct tapi_mctl *mc;

	lockdep_assert_held(&call->lock);
	if (!id || !call->mctl)
		return;
	spin_lock(&call->media_lock);
	mc = call->mctl;
	list_for_each_entry_safe(s, tmp, &mc->subs, node) {
		if (s->id == id)
			tapi_mctl_sub_free(s);
	}
	if (mc->gen_kind && mc->gen_id == id)
		mc->gen_kind = 0;
	tapi_mctl_update_dtmf(mc);
	spin_unlock(&call->media_lock);
}

/**
 * tapi_mctl_free() - free a call's media control
 * @call: the call, being released
 *
 * Context: any context (the timer is irq-safe).
 */
void tapi_mctl_free(struct tapi_call *call)
{
	struct tapi_mctl *mc = call->mctl;
	struct tapi_mctl_sub *s, *tmp;

	if (!mc)
		return;
	del_timer_sync(&mc->timer);
	list_for_each_entry_safe(s, tmp, &mc->subs, node)
		tapi_mctl_sub_free(s);
	kfree(mc);
}
