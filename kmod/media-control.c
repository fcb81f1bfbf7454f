// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: media control, TAPI's digits and tones on a call (see
 * "Digits and tones" in the uapi header): the six commands, the per-call
 * state they set up, and the hooks on the call's audio path in media.c.
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

#include "dsp.h"
#include "tapi_core.h"

/* Events queued between a hook and its flush, at most. */
#define TAPI_MCTL_PENDING	16
/* Amplitude of each frequency of generated DTMF (about -8 dBm0). */
#define TAPI_DTMF_AMPLITUDE	7000
/* Default amplitude of a generated tone's component (about -15 dBm0). */
#define TAPI_TONE_AMPLITUDE	4000
#define TAPI_TONE_AMPLITUDE_MAX	16383

/* Media modes heard in band, and by which tone (see the uapi header). */
static const struct {
	u32 mode;
	u32 freq_hz;
	u32 ms;
} tapi_media_tones[] = {
	{ TAPI_MEDIA_G3FAX, 1100, 500 },
	{ TAPI_MEDIA_DATAMODEM, 2100, 1000 },
	{ TAPI_MEDIA_DATAMODEM, 2225, 1000 },
};

#define TAPI_MEDIA_TONES	ARRAY_SIZE(tapi_media_tones)

/**
 * struct tapi_mctl_gather - one handle's digit gathering
 * @modes: digit modes gathered; 0 when not gathering
 * @max: digits to gather
 * @count: digits gathered so far
 * @inter: inter-digit timeout in jiffies, 0 for none
 * @deadline: jiffies of the timeout running, if @timed
 * @timed: a timeout runs
 * @buf: the digits gathered
 * @term: the termination digits, NUL-terminated
 */
struct tapi_mctl_gather {
	u32 modes;
	u32 max;
	u32 count;
	unsigned long inter;
	unsigned long deadline;
	bool timed;
	char buf[TAPI_GATHER_MAX_DIGITS];
	char term[TAPI_GATHER_TERM_LEN];
};

/**
 * struct tapi_mctl_tones - one handle's tone monitoring
 * @num: tones monitored
 * @app: their app_specific values
 * @det: their detectors
 */
struct tapi_mctl_tones {
	u32 num;
	u32 app[TAPI_MONITOR_TONES_MAX];
	struct tapi_tone_det det[TAPI_MONITOR_TONES_MAX];
};

/**
 * struct tapi_mctl_media - one handle's media mode monitoring
 * @modes: media modes monitored
 * @heard: media modes already reported
 * @det: a detector per entry of tapi_media_tones
 */
struct tapi_mctl_media {
	u32 modes;
	u32 heard;
	struct tapi_tone_det det[TAPI_MEDIA_TONES];
};

/**
 * struct tapi_mctl_sub - one handle's detection settings
 * @node: entry in tapi_mctl.subs
 * @id: the handle's mctl_id
 * @digit_modes: &enum tapi_digit_mode bits monitored
 * @gather: its gathering
 * @tones: its tone monitoring
 * @media: its media mode monitoring
 *
 * Each command replaces one part and keeps the others.
 */
struct tapi_mctl_sub {
	struct list_head node;
	u32 id;
	u32 digit_modes;
	struct tapi_mctl_gather gather;
	struct tapi_mctl_tones tones;
	struct tapi_mctl_media media;
};

/* Which part of a struct tapi_mctl_sub a command sets. */
enum tapi_mctl_part {
	TAPI_MCTL_DIGITS,
	TAPI_MCTL_GATHER,
	TAPI_MCTL_TONES,
	TAPI_MCTL_MEDIA,
};

/**
 * struct tapi_mctl_event - an event waiting for delivery
 * @id: the mctl_id of the handle it is for
 * @ev: the record (call and line filled in at delivery)
 */
struct tapi_mctl_event {
	u32 id;
	struct tapi_event ev;
};

/**
 * struct tapi_mctl - a call's media control
 * @call: the call (no reference: the call frees this)
 * @subs: struct tapi_mctl_sub of the handles that detect something
 * @dtmf_on: some handle monitors or gathers digits
 * @dtmf: the DTMF detector
 * @stopped: the call's media ended: no detection, generation or timer
 * @gen_kind: &enum tapi_generate_kind running, 0 if none
 * @gen_id: the mctl_id of the handle that started it
 * @gen_count: digits sent, or samples played
 * @gen: the tone generator (a digit, a gap or a tone)
 * @gen_digits: for digits: the string, NUL-terminated
 * @gen_pos: the next character of @gen_digits
 * @gen_in_digit: @gen plays a digit's tone (else a gap or pause)
 * @gen_digit_ms: each digit's length
 * @timer: ends gatherings on their timeouts
 * @pending: events waiting for tapi_mctl_flush()
 * @npending: how many
 */
struct tapi_mctl {
	struct tapi_call *call;
	struct list_head subs;
	bool dtmf_on;
	struct tapi_dtmf_det dtmf;
	bool stopped;
	u32 gen_kind;
	u32 gen_id;
	u32 gen_count;
	struct tapi_tone_gen gen;
	char gen_digits[TAPI_GENERATE_DIGITS_LEN];
	u32 gen_pos;
	bool gen_in_digit;
	u32 gen_digit_ms;
	struct timer_list timer;
	struct tapi_mctl_event pending[TAPI_MCTL_PENDING];
	unsigned int npending;
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
static void tapi_mctl_deliver_locked(struct tapi_call *call,
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

static void tapi_mctl_gather_end(struct tapi_mctl *mc,
				 struct tapi_mctl_sub *s, u32 term)
{
	u32 param[8] = { term, s->gather.count };

	memcpy(&param[2], s->gather.buf, sizeof(s->gather.buf));
	tapi_mctl_queue(mc, s->id, TAPI_EV_GATHERDIGITS, 0, param, 8);
	s->gather.modes = 0;
	s->gather.timed = false;
}

/* Point the timer at the earliest gathering timeout.  media_lock held. */
static void tapi_mctl_timer_arm(struct tapi_mctl *mc)
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
 * Return: 0, or -EINVAL for a bad mode or digit.
 */
int tapi_call_digit(struct tapi_call *call, u32 mode, char digit,
		    unsigned int duration_ms)
{
	u64 now = ktime_get_ns(), start = now - duration_ms * NSEC_PER_MSEC;
	struct tapi_mctl *mc;
	unsigned long flags;
	u32 lo, hi;

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

/* ---- the audio hooks ---- */

/**
 * tapi_mctl_rx_locked() - run the call's detectors on received audio
 * @call: the call
 * @samples: 8 kHz linear samples
 * @n: how many
 *
 * Context: any context; call->media_lock held.  tapi_mctl_flush() after.
 */
void tapi_mctl_rx_locked(struct tapi_call *call, const s16 *samples,
			 unsigned int n)
{
	struct tapi_mctl *mc = call->mctl;
	u64 now = ktime_get_ns(), ts;
	struct tapi_mctl_sub *s;
	unsigned int i, k;
	u32 ms;

	if (!mc || mc->stopped)
		return;
	for (i = 0; i < n; i++) {
		ts = now - (u64)(n - i) * 125000;
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
 */
static void tapi_mctl_gen_end(struct tapi_mctl *mc, u32 term)
{
	u32 param[3] = { term, mc->gen_kind, mc->gen_count };

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
static bool tapi_mctl_gen_next_digit(struct tapi_mctl *mc)
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
static void tapi_mctl_update_dtmf(struct tapi_mctl *mc)
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

/* ---- the commands ---- */

/**
 * struct tapi_mctl_cmd - what every media control command works on
 * @h: the handle, referenced
 * @call: its call
 * @mc: the call's media control
 * @sub: for detection commands, a fresh settings block to fill; the
 *	command swaps it for the handle's old one, freed after
 * @part: for detection commands, which part of @sub is new
 * @arg: the command's structure
 */
struct tapi_mctl_cmd {
	struct tapi_call_handle *h;
	struct tapi_call *call;
	struct tapi_mctl *mc;
	struct tapi_mctl_sub *sub;
	enum tapi_mctl_part part;
	const void *arg;
};

static struct tapi_mctl *tapi_mctl_alloc(struct tapi_call *call)
{
	struct tapi_mctl *mc;

	mc = kzalloc(sizeof(*mc), GFP_KERNEL_ACCOUNT);
	if (!mc)
		return NULL;
	mc->call = call;
	INIT_LIST_HEAD(&mc->subs);
	timer_setup(&mc->timer, tapi_mctl_timer_fn, TIMER_IRQSAFE);
	return mc;
}

/* The checks under the locks: handle, privilege, state.  Both held. */
static int tapi_mctl_check_locked(struct tapi_mctl_cmd *c, u32 feature,
				  bool owner)
{
	struct tapi_call *call = c->call;

	if (!c->h->linked)
		return -ENOENT;
	if (owner && c->h->privilege != TAPI_PRIV_OWNER)
		return -EPERM;
	if (!(tapi_callstate_features(call->state) & feature))
		return -EBADFD;
	if (!c->h->mctl_id)
		c->h->mctl_id = ++call->mctl_next_id;
	if (c->sub)
		c->sub->id = c->h->mctl_id;
	return 0;
}

/*
 * Run a media control command: look the handle up, check the address has
 * @feature, make sure the call has media control, and with call->lock and
 * media_lock held check the privilege (@owner: owners only) and state and
 * call @apply.  Events @apply queued are delivered before the locks go.
 * c->sub, if any, is freed unless @apply used it.
 */
static int tapi_mctl_run(struct tapi_ucmd *ucmd, u32 handle, u32 feature,
			 bool owner, struct tapi_mctl_cmd *c,
			 void (*apply)(struct tapi_mctl_cmd *c))
{
	struct tapi_mctl *fresh = NULL;
	struct tapi_call *call;
	int ret;

	c->h = tapi_handle_get(ucmd->lf, handle);
	if (!c->h) {
		ret = -ENOENT;
		goto out;
	}
	call = c->call = c->h->call;
	if (!(call->line->addrs[call->address_id].call_features & feature)) {
		ret = -EOPNOTSUPP;
		goto out_handle;
	}
	if (!READ_ONCE(call->mctl)) {
		fresh = tapi_mctl_alloc(call);
		if (!fresh) {
			ret = -ENOMEM;
			goto out_handle;
		}
	}
	spin_lock_irq(&call->lock);
	spin_lock(&call->media_lock);
	if (!call->mctl) {
		call->mctl = fresh;
		fresh = NULL;
	}
	c->mc = call->mctl;
	ret = tapi_mctl_check_locked(c, feature, owner);
	if (!ret)
		apply(c);
	tapi_mctl_deliver_locked(call, c->mc);
	spin_unlock(&call->media_lock);
	spin_unlock_irq(&call->lock);
	kfree(fresh);
out_handle:
	tapi_handle_put(c->h);
out:
	kfree(c->sub);
	return ret;
}

/*
 * Swap in the new settings of a detection command: c->part of c->sub,
 * the rest from the handle's old settings, if any.  Both locks held.
 */
static void tapi_mctl_install(struct tapi_mctl_cmd *c)
{
	struct tapi_mctl_sub *old = NULL, *new = c->sub, *s;
	enum tapi_mctl_part part = c->part;

	list_for_each_entry(s, &c->mc->subs, node) {
		if (s->id == new->id) {
			old = s;
			break;
		}
	}
	if (old) {
		if (part != TAPI_MCTL_DIGITS)
			new->digit_modes = old->digit_modes;
		if (part != TAPI_MCTL_GATHER)
			new->gather = old->gather;
		if (part != TAPI_MCTL_TONES)
			new->tones = old->tones;
		if (part != TAPI_MCTL_MEDIA)
			new->media = old->media;
		list_replace(&old->node, &new->node);
		c->sub = old;	/* freed by tapi_mctl_run() */
	} else {
		list_add_tail(&new->node, &c->mc->subs);
		c->sub = NULL;
	}
	tapi_mctl_update_dtmf(c->mc);
	tapi_mctl_timer_arm(c->mc);
}

/* The line whose capabilities a command is checked against. */
static struct tapi_line *tapi_mctl_line(struct tapi_ucmd *ucmd)
{
	return ucmd->lf->line;
}

static void tapi_mctl_apply_digits(struct tapi_mctl_cmd *c)
{
	const struct tapi_generate_digits *arg = c->arg;
	struct tapi_mctl *mc = c->mc;

	if (mc->gen_kind)
		tapi_mctl_gen_end(mc, TAPI_GENERATE_TERM_CANCEL);
	if (!arg->digits[0])
		return;
	memcpy(mc->gen_digits, arg->digits, sizeof(arg->digits));
	mc->gen_pos = 0;
	mc->gen_in_digit = false;
	mc->gen_digit_ms = arg->duration_ms ?: TAPI_GENERATE_DIGIT_MS_DEFAULT;
	mc->gen_count = 0;
	mc->gen_id = c->h->mctl_id;
	if (tapi_mctl_gen_next_digit(mc))
		mc->gen_kind = TAPI_GENERATE_DIGITS;
}

/**
 * tapi_cmd_call_generate_digits() - %TAPI_IOC_CALL_GENERATE_DIGITS
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_generate_digits(struct tapi_ucmd *ucmd)
{
	struct tapi_generate_digits *arg = ucmd->cmd;
	struct tapi_line *line = tapi_mctl_line(ucmd);
	struct tapi_mctl_cmd c = {};
	u32 ms = arg->duration_ms ?: TAPI_GENERATE_DIGIT_MS_DEFAULT;
	u32 mode = arg->digit_mode ?: TAPI_DIGITMODE_DTMF;
	u32 lo, hi;
	size_t i;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->reserved || ms < TAPI_GENERATE_DIGIT_MS_MIN ||
	    ms > TAPI_GENERATE_DIGIT_MS_MAX || !is_power_of_2(mode) ||
	    mode & ~TAPI_DIGITMODE_VALID)
		return -EINVAL;
	for (i = 0; i < sizeof(arg->digits) && arg->digits[i]; i++) {
		if (arg->digits[i] != ',' &&
		    tapi_dtmf_freqs(arg->digits[i], &lo, &hi))
			return -EINVAL;
	}
	if (i == sizeof(arg->digits))
		return -EINVAL;
	if (mode != TAPI_DIGITMODE_DTMF || !(line->caps.gen_digit_modes & mode))
		return -EOPNOTSUPP;

	c.arg = arg;
	return tapi_mctl_run(ucmd, arg->call, TAPI_CALLFEATURE_GENERATEDIGITS,
			     true, &c, tapi_mctl_apply_digits);
}

/* The components of a tone mode other than custom. */
static void tapi_mctl_tone_preset(u32 mode, struct tapi_tone_component *c,
				  unsigned int *nc)
{
	static const struct {
		u32 mode;
		u32 f[2];
		u32 on;
		u32 off;
	} presets[] = {
		{ TAPI_TONEMODE_RINGBACK, { 440, 480 }, 2000, 4000 },
		{ TAPI_TONEMODE_BUSY, { 480, 620 }, 500, 500 },
		{ TAPI_TONEMODE_BEEP, { 1000, 0 }, 0, 0 },
		{ TAPI_TONEMODE_BILLING, { 1000, 1400 }, 0, 0 },
	};
	unsigned int i, k;

	*nc = 0;
	for (i = 0; i < ARRAY_SIZE(presets); i++) {
		if (presets[i].mode != mode)
			continue;
		for (k = 0; k < 2 && presets[i].f[k]; k++) {
			c[k].freq_hz = presets[i].f[k];
			c[k].on_ms = presets[i].on;
			c[k].off_ms = presets[i].off;
			c[k].amplitude = TAPI_TONE_AMPLITUDE;
		}
		*nc = k;
	}
}

/* A custom tone's components: valid, defaults filled in. */
static int tapi_mctl_tone_components(struct tapi_generate_tone *arg)
{
	unsigned int i;

	if (!arg->num_components ||
	    arg->num_components > TAPI_TONE_MAX_FREQS)
		return -EINVAL;
	for (i = 0; i < TAPI_TONE_MAX_FREQS; i++) {
		struct tapi_tone_component *c = &arg->components[i];

		if (i >= arg->num_components) {
			if (c->freq_hz || c->on_ms || c->off_ms || c->amplitude)
				return -EINVAL;
			continue;
		}
		if (c->freq_hz < TAPI_TONE_FREQ_MIN ||
		    c->freq_hz > TAPI_TONE_FREQ_MAX ||
		    c->amplitude > TAPI_TONE_AMPLITUDE_MAX ||
		    (!c->on_ms && c->off_ms) ||
		    c->on_ms > TAPI_TONE_CADENCE_MS_MAX ||
		    c->off_ms > TAPI_TONE_CADENCE_MS_MAX)
			return -EINVAL;
		if (!c->amplitude)
			c->amplitude = TAPI_TONE_AMPLITUDE;
	}
	return 0;
}

static void tapi_mctl_apply_tone(struct tapi_mctl_cmd *c)
{
	const struct tapi_generate_tone *arg = c->arg;
	struct tapi_mctl *mc = c->mc;

	if (mc->gen_kind)
		tapi_mctl_gen_end(mc, TAPI_GENERATE_TERM_CANCEL);
	if (!arg->tone_mode)
		return;
	tapi_tone_gen_init(&mc->gen, arg->components, arg->num_components,
			   arg->duration_ms);
	mc->gen_count = 0;
	mc->gen_id = c->h->mctl_id;
	mc->gen_kind = TAPI_GENERATE_TONE;
}

/**
 * tapi_cmd_call_generate_tone() - %TAPI_IOC_CALL_GENERATE_TONE
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_generate_tone(struct tapi_ucmd *ucmd)
{
	struct tapi_generate_tone *arg = ucmd->cmd;
	struct tapi_line *line = tapi_mctl_line(ucmd);
	struct tapi_tone_component comp[TAPI_TONE_MAX_FREQS] = {};
	struct tapi_mctl_cmd c = {};
	unsigned int nc = 0;
	int ret;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->tone_mode & ~(TAPI_TONEMODE_BILLING * 2 - 1) ||
	    (arg->tone_mode && !is_power_of_2(arg->tone_mode)) ||
	    arg->duration_ms > TAPI_GENERATE_TONE_MS_MAX)
		return -EINVAL;
	if (arg->tone_mode == TAPI_TONEMODE_CUSTOM) {
		ret = tapi_mctl_tone_components(arg);
		if (ret)
			return ret;
		nc = arg->num_components;
		memcpy(comp, arg->components, sizeof(comp));
	} else {
		if (arg->num_components ||
		    memchr_inv(arg->components, 0, sizeof(arg->components)))
			return -EINVAL;
		tapi_mctl_tone_preset(arg->tone_mode, comp, &nc);
	}
	if (nc > line->caps.gen_tone_max_freqs)
		return -EOPNOTSUPP;

	/* What to play, for tapi_mctl_apply_tone(). */
	arg->num_components = nc;
	memcpy(arg->components, comp, sizeof(comp));
	c.arg = arg;
	return tapi_mctl_run(ucmd, arg->call, TAPI_CALLFEATURE_GENERATETONE,
			     true, &c, tapi_mctl_apply_tone);
}

static struct tapi_mctl_sub *tapi_mctl_sub_alloc(void)
{
	return kzalloc(sizeof(struct tapi_mctl_sub), GFP_KERNEL_ACCOUNT);
}

/**
 * tapi_cmd_call_monitor_digits() - %TAPI_IOC_CALL_MONITOR_DIGITS
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_monitor_digits(struct tapi_ucmd *ucmd)
{
	struct tapi_monitor_digits *arg = ucmd->cmd;
	struct tapi_line *line = tapi_mctl_line(ucmd);
	struct tapi_mctl_cmd c = {};

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->digit_modes & ~TAPI_DIGITMODE_VALID)
		return -EINVAL;
	if (arg->digit_modes & ~line->caps.monitor_digit_modes)
		return -EOPNOTSUPP;
	c.sub = tapi_mctl_sub_alloc();
	if (!c.sub)
		return -ENOMEM;
	c.sub->digit_modes = arg->digit_modes;
	c.part = TAPI_MCTL_DIGITS;
	return tapi_mctl_run(ucmd, arg->call, TAPI_CALLFEATURE_MONITORDIGITS,
			     false, &c, tapi_mctl_install);
}

/* A termination digit list: valid digits, each once. */
static bool tapi_mctl_terminators_ok(const char *t, size_t len)
{
	u32 lo, hi;
	size_t i;

	for (i = 0; i < len && t[i]; i++) {
		if (tapi_dtmf_freqs(t[i], &lo, &hi) ||
		    (t[i] >= 'a' && t[i] <= 'd') ||
		    memchr(t, t[i], i))
			return false;
	}
	return i < len;
}

/* End the handle's gathering, if one runs, then install the new one. */
static void tapi_mctl_apply_gather(struct tapi_mctl_cmd *c)
{
	struct tapi_mctl_sub *s;

	list_for_each_entry(s, &c->mc->subs, node) {
		if (s->id == c->sub->id && s->gather.modes)
			tapi_mctl_gather_end(c->mc, s, TAPI_GATHER_TERM_CANCEL);
	}
	tapi_mctl_install(c);
}

/**
 * tapi_cmd_call_gather_digits() - %TAPI_IOC_CALL_GATHER_DIGITS
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_gather_digits(struct tapi_ucmd *ucmd)
{
	struct tapi_gather_digits *arg = ucmd->cmd;
	struct tapi_line *line = tapi_mctl_line(ucmd);
	u32 gather = TAPI_DIGITMODE_DTMF | TAPI_DIGITMODE_PULSE;
	struct tapi_mctl_cmd c = {};
	struct tapi_mctl_sub *s;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->reserved || arg->digit_modes & ~gather ||
	    arg->first_timeout_ms > TAPI_GATHER_TIMEOUT_MS_MAX ||
	    arg->inter_timeout_ms > TAPI_GATHER_TIMEOUT_MS_MAX ||
	    !tapi_mctl_terminators_ok(arg->terminators,
				      sizeof(arg->terminators)))
		return -EINVAL;
	if (arg->digit_modes &&
	    (!arg->num_digits || arg->num_digits > TAPI_GATHER_MAX_DIGITS))
		return -EINVAL;
	if (arg->digit_modes & ~line->caps.monitor_digit_modes)
		return -EOPNOTSUPP;
	c.sub = s = tapi_mctl_sub_alloc();
	if (!s)
		return -ENOMEM;
	s->gather.modes = arg->digit_modes;
	s->gather.max = arg->num_digits;
	s->gather.inter = msecs_to_jiffies(arg->inter_timeout_ms);
	strscpy(s->gather.term, arg->terminators, sizeof(s->gather.term));
	if (arg->digit_modes && arg->first_timeout_ms) {
		s->gather.timed = true;
		s->gather.deadline = jiffies +
				     msecs_to_jiffies(arg->first_timeout_ms);
	}
	c.part = TAPI_MCTL_GATHER;
	return tapi_mctl_run(ucmd, arg->call, TAPI_CALLFEATURE_GATHERDIGITS,
			     false, &c, tapi_mctl_apply_gather);
}

/**
 * tapi_cmd_call_monitor_tones() - %TAPI_IOC_CALL_MONITOR_TONES
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_monitor_tones(struct tapi_ucmd *ucmd)
{
	struct tapi_monitor_tones *arg = ucmd->cmd;
	struct tapi_line *line = tapi_mctl_line(ucmd);
	struct tapi_mctl_cmd c = {};
	unsigned int i, k, nf;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->num_tones > TAPI_MONITOR_TONES_MAX)
		return -EINVAL;
	for (i = 0; i < TAPI_MONITOR_TONES_MAX; i++) {
		const struct tapi_tone_desc *t = &arg->tones[i];

		if (i >= arg->num_tones) {
			if (memchr_inv(t, 0, sizeof(*t)))
				return -EINVAL;
			continue;
		}
		if (t->reserved || t->duration_ms < TAPI_MONITOR_TONE_MS_MIN ||
		    t->duration_ms > TAPI_MONITOR_TONE_MS_MAX)
			return -EINVAL;
		for (k = 0, nf = 0; k < TAPI_TONE_MAX_FREQS; k++) {
			if (!t->freq_hz[k])
				continue;
			if (k != nf || t->freq_hz[k] < TAPI_TONE_FREQ_MIN ||
			    t->freq_hz[k] > TAPI_TONE_FREQ_MAX)
				return -EINVAL;
			nf++;
		}
		if (nf > line->caps.monitor_tone_max_freqs)
			return -EOPNOTSUPP;
	}
	if (arg->num_tones > line->caps.monitor_tone_max)
		return -EOPNOTSUPP;
	c.sub = tapi_mctl_sub_alloc();
	if (!c.sub)
		return -ENOMEM;
	c.sub->tones.num = arg->num_tones;
	for (i = 0; i < arg->num_tones; i++) {
		c.sub->tones.app[i] = arg->tones[i].app_specific;
		tapi_tone_det_init(&c.sub->tones.det[i], arg->tones[i].freq_hz,
				   arg->tones[i].duration_ms);
	}
	c.part = TAPI_MCTL_TONES;
	return tapi_mctl_run(ucmd, arg->call, TAPI_CALLFEATURE_MONITORTONES,
			     false, &c, tapi_mctl_install);
}

/**
 * tapi_cmd_call_monitor_media() - %TAPI_IOC_CALL_MONITOR_MEDIA
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_monitor_media(struct tapi_ucmd *ucmd)
{
	struct tapi_monitor_media *arg = ucmd->cmd;
	struct tapi_line *line = tapi_mctl_line(ucmd);
	struct tapi_mctl_cmd c = {};
	unsigned int k;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->media_modes & ~TAPI_MEDIA_VALID)
		return -EINVAL;
	if (arg->media_modes & ~(line->caps.media_modes &
				 TAPI_MONITOR_MEDIA_DETECTABLE))
		return -EOPNOTSUPP;
	c.sub = tapi_mctl_sub_alloc();
	if (!c.sub)
		return -ENOMEM;
	c.sub->media.modes = arg->media_modes;
	for (k = 0; k < TAPI_MEDIA_TONES; k++) {
		u32 f[TAPI_TONE_MAX_FREQS] = { tapi_media_tones[k].freq_hz };

		tapi_tone_det_init(&c.sub->media.det[k], f,
				   tapi_media_tones[k].ms);
	}
	c.part = TAPI_MCTL_MEDIA;
	return tapi_mctl_run(ucmd, arg->call, TAPI_CALLFEATURE_MONITORMEDIA,
			     false, &c, tapi_mctl_install);
}

/**
 * tapi_mctl_call_features() - the media control features a line can offer
 * @caps: the line's capabilities
 *
 * Return: &enum tapi_call_feature bits the core implements for the line.
 */
u32 tapi_mctl_call_features(const struct tapi_line_devcaps *caps)
{
	u32 f = 0;

	if (caps->gen_digit_modes & TAPI_DIGITMODE_DTMF)
		f |= TAPI_CALLFEATURE_GENERATEDIGITS;
	if (caps->gen_tone_max_freqs)
		f |= TAPI_CALLFEATURE_GENERATETONE;
	if (caps->monitor_digit_modes)
		f |= TAPI_CALLFEATURE_MONITORDIGITS |
		     TAPI_CALLFEATURE_GATHERDIGITS;
	if (caps->monitor_tone_max && caps->monitor_tone_max_freqs)
		f |= TAPI_CALLFEATURE_MONITORTONES;
	if (caps->media_modes & TAPI_MONITOR_MEDIA_DETECTABLE)
		f |= TAPI_CALLFEATURE_MONITORMEDIA;
	return f;
}
