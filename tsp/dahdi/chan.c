// SPDX-License-Identifier: GPL-2.0
/*
 * dahdi_dynamic_tapi: the tapi side.  Each channel of a span is a line
 * with one address (the channel's position, "1" up) and one call at a
 * time.  What the line is comes from how DAHDI signals the channel:
 *
 *  - fxoks, fxols: DAHDI is the exchange toward a phone, and the line is
 *    that phone.  DAHDI ringing (B bit clear) offers a call; answering
 *    goes off hook (A bit set); placing a call goes off hook, waits for
 *    dial tone and dials the number in band as DTMF; dropping goes on
 *    hook.  A kewlstart loop open from DAHDI (A bit set) is the far end
 *    hanging up.
 *  - fxsks, fxsls: DAHDI is the phone, and the line is its exchange.
 *    Placing a call rings the DAHDI phone with a cadence; its off hook
 *    connects.  Its off hook while idle offers a call on the line; the
 *    digits it then dials arrive in band, for the application's digit
 *    monitoring.  Its on hook disconnects; dropping a call it is still
 *    off hook for opens the loop briefly (kewlstart disconnect).
 *  - anything else is refused, with a log line, and the line is out of
 *    service.
 *
 * The tick (span.c, atomic) only notes what DAHDI signals and runs the
 * channel's timer; the state machine below runs in a work item and in the
 * call operations, all under the span's mutex, in process context.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <dahdi/kernel.h>

#include "dahdi-tapi.h"

#define TAPI_DAHDI_CALL_FEATURES (TAPI_CALLFEATURE_ANSWER |		\
				  TAPI_CALLFEATURE_DIAL |		\
				  TAPI_CALLFEATURE_DROP |		\
				  TAPI_CALLFEATURE_GENERATEDIGITS |	\
				  TAPI_CALLFEATURE_GENERATETONE |	\
				  TAPI_CALLFEATURE_MONITORDIGITS |	\
				  TAPI_CALLFEATURE_GATHERDIGITS |	\
				  TAPI_CALLFEATURE_MONITORTONES |	\
				  TAPI_CALLFEATURE_MONITORMEDIA)

static const char *tapi_dahdi_sig_name(int sig)
{
	switch (sig) {
	case DAHDI_SIG_NONE:
		return "none";
	case DAHDI_SIG_FXOKS:
		return "fxoks";
	case DAHDI_SIG_FXOLS:
		return "fxols";
	case DAHDI_SIG_FXOGS:
		return "fxogs";
	case DAHDI_SIG_FXSKS:
		return "fxsks";
	case DAHDI_SIG_FXSLS:
		return "fxsls";
	case DAHDI_SIG_FXSGS:
		return "fxsgs";
	case DAHDI_SIG_EM:
		return "e&m";
	case DAHDI_SIG_CLEAR:
		return "clear";
	default:
		return "other";
	}
}

static enum tapi_dahdi_role tapi_dahdi_role_of(int sig)
{
	switch (sig) {
	case DAHDI_SIG_NONE:
		return TAPI_DAHDI_ROLE_NONE;
	case DAHDI_SIG_FXOKS:
	case DAHDI_SIG_FXOLS:
		return TAPI_DAHDI_ROLE_PHONE;
	case DAHDI_SIG_FXSKS:
	case DAHDI_SIG_FXSLS:
		return TAPI_DAHDI_ROLE_EXCHANGE;
	default:
		return TAPI_DAHDI_ROLE_REFUSED;
	}
}

static bool tapi_dahdi_in_service(enum tapi_dahdi_role role)
{
	return role == TAPI_DAHDI_ROLE_PHONE ||
	       role == TAPI_DAHDI_ROLE_EXCHANGE;
}

/**
 * tapi_dahdi_fill_line() - describe channel @x of @s as a tapi line
 * @s: the span
 * @x: the channel's position, from 0
 * @ld: the line description to fill
 * @ad: its one address
 * @number: room for the address's number
 * @number_len: its size
 */
void tapi_dahdi_fill_line(struct tapi_dahdi_span *s, unsigned int x,
			  struct tapi_line_desc *ld,
			  struct tapi_address_desc *ad, char *number,
			  size_t number_len)
{
	snprintf(number, number_len, "%u", x + 1);
	ad->address = number;
	ad->max_calls = 1;
	ad->address_features = TAPI_ADDRFEATURE_MAKECALL;
	ad->call_features = TAPI_DAHDI_CALL_FEATURES;

	ld->name = s->chans[x].dchan->name;
	ld->permanent_line_id = x + 1;
	ld->max_active_calls = 1;
	ld->media_modes = TAPI_MEDIA_INTERACTIVEVOICE |
			  TAPI_MEDIA_AUTOMATEDVOICE;
	ld->bearer_modes = TAPI_BEARER_VOICE;
	ld->line_features = TAPI_LINEFEATURE_MAKECALL;
	ld->devcaps_flags = TAPI_DEVCAPS_MEDIACONTROL;
	ld->gen_digit_modes = TAPI_DIGITMODE_DTMF;
	ld->monitor_digit_modes = TAPI_DIGITMODE_DTMF;
	ld->gen_tone_max_freqs = TAPI_TONE_MAX_FREQS;
	ld->monitor_tone_max_freqs = TAPI_TONE_MAX_FREQS;
	ld->monitor_tone_max = TAPI_MONITOR_TONES_MAX;
	ld->num_addresses = 1;
	ld->addresses = ad;
}

/* Digits a phone line can dial in band, with an optional trailing ';'. */
static int tapi_dahdi_check_digits(const char *digits, size_t *len,
				   bool *more)
{
	size_t n = strlen(digits), i;

	*more = n && digits[n - 1] == ';';
	if (*more)
		n--;
	if (n >= TAPI_DIAL_LEN)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!isdigit(digits[i]) && !strchr("*#ABCD", digits[i]))
			return -EINVAL;
	*len = n;
	return 0;
}

/*
 * The call is over for the line: forget it, finish @req (a drop) and a
 * dial under way, and report IDLE.  s->mutex held.
 */
static void tapi_dahdi_end_call(struct tapi_dahdi_span *s,
				struct tapi_dahdi_chan *c,
				struct tapi_request *req)
{
	struct tapi_request *dial_req, *dest_req = c->dest_req;
	struct tapi_call *call;

	c->dest[0] = '\0';
	c->dest_req = NULL;
	spin_lock_irq(&s->lock);
	call = c->call;
	dial_req = c->dial_req;
	c->call = NULL;
	c->dial_req = NULL;
	c->audio = false;
	c->ringing = false;
	c->phase = TAPI_DAHDI_IDLE;
	c->timer_ms = 0;
	spin_unlock_irq(&s->lock);
	if (req)
		tapi_request_complete(req, 0);
	if (dial_req)
		tapi_request_complete(dial_req, -ECANCELED);
	if (dest_req)
		tapi_request_complete(dest_req, -ECANCELED);
	if (call) {
		tapi_call_set_state(call, TAPI_CALLSTATE_IDLE, 0);
		tapi_call_put(call);
	}
}

/* The far end hung up or did not answer.  s->mutex held. */
static void tapi_dahdi_far_gone(struct tapi_dahdi_span *s,
				struct tapi_dahdi_chan *c, u32 mode)
{
	spin_lock_irq(&s->lock);
	c->phase = TAPI_DAHDI_FAR_GONE;
	c->audio = false;
	c->ringing = false;
	c->timer_ms = 0;
	spin_unlock_irq(&s->lock);
	tapi_call_set_state(c->call, TAPI_CALLSTATE_DISCONNECTED, mode);
}

/* A call comes in on the line.  s->mutex held (allowed: see tsp.h). */
static void tapi_dahdi_offer(struct tapi_dahdi_span *s,
			     struct tapi_dahdi_chan *c)
{
	bool phone = c->role == TAPI_DAHDI_ROLE_PHONE;
	struct tapi_call_offer offer = {
		.media_mode = TAPI_MEDIA_INTERACTIVEVOICE,
		.origin = phone ? TAPI_CALLORIGIN_EXTERNAL :
				  TAPI_CALLORIGIN_INTERNAL,
	};
	struct tapi_call *call;

	call = tapi_call_offer(s->card, c->index, &offer);
	if (IS_ERR(call)) {
		pr_notice_ratelimited("%s: cannot offer a call: %ld\n",
				      c->dchan->name, PTR_ERR(call));
		return;
	}
	spin_lock_irq(&s->lock);
	c->call = call;
	if (phone) {
		c->phase = TAPI_DAHDI_IN_RINGING;
		c->timer_ms = tapi_dahdi_ring_gap_ms;
	} else {
		/* The DAHDI phone is off hook: hear it dial. */
		c->phase = TAPI_DAHDI_IN_OFFHOOK;
		c->audio = true;
	}
	spin_unlock_irq(&s->lock);
}

/*
 * Send @digits (checked) in band on a phone line's call.  s->mutex held.
 * Return: 0, or a negative errno with nothing changed.
 */
static int tapi_dahdi_start_dial(struct tapi_dahdi_span *s,
				 struct tapi_dahdi_chan *c, const char *digits,
				 size_t len, bool more,
				 struct tapi_request *req)
{
	char buf[TAPI_DIAL_LEN];
	int ms = 0;

	if (len) {
		memcpy(buf, digits, len);
		buf[len] = '\0';
		ms = tapi_call_send_dtmf(c->call, buf, 0);
		if (ms < 0)
			return ms;
	}
	spin_lock_irq(&s->lock);
	c->phase = TAPI_DAHDI_OUT_DIALING;
	c->dial_req = req;
	c->dial_more = more;
	c->timer_ms = ms + 1;
	spin_unlock_irq(&s->lock);
	tapi_call_set_state(c->call, TAPI_CALLSTATE_DIALING, 0);
	return 0;
}

/*
 * Dial the digits waiting in c->dest (a placed call's number at dial
 * tone, or a dial that came while digits went out).  s->mutex held.
 */
static void tapi_dahdi_dial_dest(struct tapi_dahdi_span *s,
				 struct tapi_dahdi_chan *c)
{
	struct tapi_request *req = c->dest_req;
	size_t len = strlen(c->dest);
	bool more = c->dest_more;
	int ret;

	c->dest_req = NULL;
	ret = tapi_dahdi_start_dial(s, c, c->dest, len, more, req);
	c->dest[0] = '\0';
	if (!ret)
		return;
	if (req)
		tapi_request_complete(req, ret);
	else
		tapi_dahdi_far_gone(s, c, TAPI_DISCONNECTMODE_UNAVAIL);
}

/* The digits are out.  s->mutex held. */
static void tapi_dahdi_dial_done(struct tapi_dahdi_span *s,
				 struct tapi_dahdi_chan *c)
{
	struct tapi_request *req;

	spin_lock_irq(&s->lock);
	req = c->dial_req;
	c->dial_req = NULL;
	c->phase = c->dial_more ? TAPI_DAHDI_OUT_DIALTONE : TAPI_DAHDI_TALK;
	spin_unlock_irq(&s->lock);
	if (req)
		tapi_request_complete(req, 0);
	/* A dial that came while these went out goes next. */
	if (c->dest[0] || c->dest_req)
		tapi_dahdi_dial_dest(s, c);
	if (c->phase != TAPI_DAHDI_TALK)
		return;
	/*
	 * An analog loop has no answer supervision: once the number is
	 * dialled the call proceeds and is taken as connected; what the
	 * exchange does next (ringback, busy) is in the audio.
	 */
	tapi_call_set_state(c->call, TAPI_CALLSTATE_PROCEEDING, 0);
	tapi_call_set_state(c->call, TAPI_CALLSTATE_CONNECTED, 0);
}

/*
 * Take the line's role from the channel's signalling as DAHDI has it now.
 * s->mutex held.
 */
static void tapi_dahdi_sig_changed(struct tapi_dahdi_span *s,
				   struct tapi_dahdi_chan *c)
{
	int sig = READ_ONCE(c->dchan->sig);
	enum tapi_dahdi_role role = tapi_dahdi_role_of(sig);
	u32 flags = 0;

	if (role == c->role)
		return;
	if (role == TAPI_DAHDI_ROLE_REFUSED)
		pr_notice("%s: %s signalling is not supported; the line takes no calls (fxoks, fxols, fxsks and fxsls are)\n",
			  c->dchan->name, tapi_dahdi_sig_name(sig));
	else if (role != TAPI_DAHDI_ROLE_NONE)
		pr_info("%s: %s signalling: the line is the %s\n",
			c->dchan->name, tapi_dahdi_sig_name(sig),
			role == TAPI_DAHDI_ROLE_PHONE ? "phone" : "exchange");
	WRITE_ONCE(c->role, role);
	if (c->call && c->phase != TAPI_DAHDI_FAR_GONE)
		tapi_dahdi_far_gone(s, c, TAPI_DISCONNECTMODE_UNAVAIL);
	if (tapi_dahdi_in_service(role))
		flags = TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE;
	tapi_line_devstate_changed(s->card, c->index, flags);
}

/* DAHDI, the exchange, signals to our phone line. */
static void tapi_dahdi_phone_bits(struct tapi_dahdi_span *s,
				  struct tapi_dahdi_chan *c, u8 bits)
{
	bool ring = !(bits & TAPI_DAHDI_B);
	bool loop_open = (bits & TAPI_DAHDI_A) && !ring;

	switch (c->phase) {
	case TAPI_DAHDI_IDLE:
		if (ring)
			tapi_dahdi_offer(s, c);
		break;
	case TAPI_DAHDI_OUT_SEIZE:
	case TAPI_DAHDI_OUT_DIALTONE:
	case TAPI_DAHDI_OUT_DIALING:
	case TAPI_DAHDI_TALK:
		if (loop_open)
			tapi_dahdi_far_gone(s, c, TAPI_DISCONNECTMODE_NORMAL);
		break;
	default:
		break;
	}
}

/* DAHDI, the phone, signals to our exchange line. */
static void tapi_dahdi_exchange_bits(struct tapi_dahdi_span *s,
				     struct tapi_dahdi_chan *c, u8 bits)
{
	bool offhook = bits & TAPI_DAHDI_A;

	switch (c->phase) {
	case TAPI_DAHDI_IDLE:
		if (offhook)
			tapi_dahdi_offer(s, c);
		break;
	case TAPI_DAHDI_RING_OUT:
		if (!offhook)
			break;
		spin_lock_irq(&s->lock);
		c->ringing = false;
		c->timer_ms = 0;
		c->phase = TAPI_DAHDI_TALK;
		c->audio = true;
		spin_unlock_irq(&s->lock);
		tapi_call_set_state(c->call, TAPI_CALLSTATE_CONNECTED, 0);
		break;
	case TAPI_DAHDI_IN_OFFHOOK:
	case TAPI_DAHDI_TALK:
		if (!offhook)
			tapi_dahdi_far_gone(s, c, TAPI_DISCONNECTMODE_NORMAL);
		break;
	default:
		break;
	}
}

static void tapi_dahdi_timer(struct tapi_dahdi_span *s,
			     struct tapi_dahdi_chan *c)
{
	switch (c->phase) {
	case TAPI_DAHDI_IN_RINGING:
		/* DAHDI stopped ringing: the caller gave up. */
		tapi_dahdi_end_call(s, c, NULL);
		break;
	case TAPI_DAHDI_OUT_SEIZE:
		spin_lock_irq(&s->lock);
		c->phase = TAPI_DAHDI_OUT_DIALTONE;
		spin_unlock_irq(&s->lock);
		tapi_call_set_state(c->call, TAPI_CALLSTATE_DIALTONE, 0);
		if (c->dest[0] || c->dest_more)
			tapi_dahdi_dial_dest(s, c);
		break;
	case TAPI_DAHDI_OUT_DIALING:
		tapi_dahdi_dial_done(s, c);
		break;
	case TAPI_DAHDI_RING_OUT:
		tapi_dahdi_far_gone(s, c, TAPI_DISCONNECTMODE_NOANSWER);
		break;
	default:
		break;
	}
}

static void tapi_dahdi_chan_events(struct tapi_dahdi_span *s,
				   struct tapi_dahdi_chan *c)
{
	u8 bits;

	if (test_and_clear_bit(TAPI_DAHDI_EV_SIG, &c->events))
		tapi_dahdi_sig_changed(s, c);
	if (test_and_clear_bit(TAPI_DAHDI_EV_BITS, &c->events)) {
		spin_lock_irq(&s->lock);
		bits = c->dahdi_bits;
		spin_unlock_irq(&s->lock);
		if (c->role == TAPI_DAHDI_ROLE_PHONE)
			tapi_dahdi_phone_bits(s, c, bits);
		else if (c->role == TAPI_DAHDI_ROLE_EXCHANGE)
			tapi_dahdi_exchange_bits(s, c, bits);
	}
	if (!test_and_clear_bit(TAPI_DAHDI_EV_TIMER, &c->events))
		return;
	if (c->phase == TAPI_DAHDI_REJECTED) {
		/* The ringing of the call dropped unanswered stopped. */
		spin_lock_irq(&s->lock);
		c->phase = TAPI_DAHDI_IDLE;
		spin_unlock_irq(&s->lock);
	} else if (c->call) {
		tapi_dahdi_timer(s, c);
	}
}

/**
 * tapi_dahdi_work() - run the channels' state machines
 * @work: &tapi_dahdi_span.work
 *
 * Queued by the tick when a channel has news.  Process context.
 */
void tapi_dahdi_work(struct work_struct *work)
{
	struct tapi_dahdi_span *s = container_of(work, struct tapi_dahdi_span,
						 work);
	unsigned int x;

	mutex_lock(&s->mutex);
	if (!s->dead)
		for (x = 0; x < s->nchans; x++)
			tapi_dahdi_chan_events(s, &s->chans[x]);
	mutex_unlock(&s->mutex);
}

/**
 * tapi_dahdi_release_calls() - drop our references on a gone card's calls
 * @s: the span, whose card is unregistered
 */
void tapi_dahdi_release_calls(struct tapi_dahdi_span *s)
{
	unsigned int x;

	for (x = 0; x < s->nchans; x++) {
		if (s->chans[x].call)
			tapi_call_put(s->chans[x].call);
		s->chans[x].call = NULL;
	}
}

static void tapi_dahdi_line_get_devstatus(struct tapi_card *card,
					  unsigned int line, u32 *flags)
{
	struct tapi_dahdi_span *s = tapi_card_priv(card);

	*flags = 0;
	if (tapi_dahdi_in_service(READ_ONCE(s->chans[line].role)))
		*flags = TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE;
}

/*
 * The channel of @call, with s->mutex held, if the span is alive: else
 * NULL and *err set.
 */
static struct tapi_dahdi_chan *tapi_dahdi_lock_chan(struct tapi_card *card,
						    struct tapi_call *call,
						    int *err)
{
	struct tapi_dahdi_span *s = tapi_card_priv(card);

	mutex_lock(&s->mutex);
	if (s->dead) {
		mutex_unlock(&s->mutex);
		*err = -ENODEV;
		return NULL;
	}
	return &s->chans[tapi_call_line(call)];
}

static int tapi_dahdi_refuse_role(struct tapi_dahdi_chan *c)
{
	pr_notice_ratelimited("%s: no calls: %s signalling (the tapi bridge takes fxoks, fxols, fxsks and fxsls)\n",
			      c->dchan->name,
			      tapi_dahdi_sig_name(READ_ONCE(c->dchan->sig)));
	return -ENXIO;
}

static int tapi_dahdi_make_call(struct tapi_card *card, struct tapi_call *call,
				const struct tapi_call_params *params,
				struct tapi_request *req)
{
	struct tapi_dahdi_span *s = tapi_card_priv(card);
	struct tapi_dahdi_chan *c;
	size_t len = 0;
	bool more = false;
	u8 bits;
	int ret = 0;

	c = tapi_dahdi_lock_chan(card, call, &ret);
	if (!c)
		return ret;
	/* dahdi_cfg may have configured it a moment ago. */
	tapi_dahdi_sig_changed(s, c);
	spin_lock_irq(&s->lock);
	bits = c->dahdi_bits;
	spin_unlock_irq(&s->lock);

	if (!tapi_dahdi_in_service(c->role)) {
		ret = tapi_dahdi_refuse_role(c);
	} else if (c->call) {
		ret = -EBUSY;
	} else if (c->role == TAPI_DAHDI_ROLE_PHONE) {
		ret = tapi_dahdi_check_digits(params->dest, &len, &more);
		/* Glare: DAHDI is ringing us. */
		if (!ret && !(bits & TAPI_DAHDI_B))
			ret = -EBUSY;
	} else if (bits & TAPI_DAHDI_A) {
		/* The DAHDI phone is off hook already. */
		ret = -EBUSY;
	}
	if (ret)
		goto out;

	tapi_call_get(call);
	if (c->role == TAPI_DAHDI_ROLE_PHONE) {
		spin_lock_irq(&s->lock);
		c->call = call;
		c->phase = TAPI_DAHDI_OUT_SEIZE;
		c->our_bits = TAPI_DAHDI_ABCD;
		c->audio = true;
		c->timer_ms = max(tapi_dahdi_dialtone_ms, 1U);
		spin_unlock_irq(&s->lock);
		/* The number waits for dial tone. */
		memcpy(c->dest, params->dest, len);
		c->dest[len] = '\0';
		c->dest_more = more;
		tapi_request_complete(req, 0);
	} else {
		spin_lock_irq(&s->lock);
		c->call = call;
		c->phase = TAPI_DAHDI_RING_OUT;
		c->ringing = true;
		c->ring_pos = 0;
		c->timer_ms = params->no_answer_timeout_ms ?:
			      max(tapi_dahdi_no_answer_ms, 1U);
		spin_unlock_irq(&s->lock);
		tapi_request_complete(req, 0);
		tapi_call_set_state(call, TAPI_CALLSTATE_RINGBACK, 0);
	}
out:
	mutex_unlock(&s->mutex);
	return ret;
}

static int tapi_dahdi_dial(struct tapi_card *card, struct tapi_call *call,
			   const char *digits, struct tapi_request *req)
{
	struct tapi_dahdi_span *s = tapi_card_priv(card);
	struct tapi_dahdi_chan *c;
	size_t len;
	bool more;
	int ret = 0;

	c = tapi_dahdi_lock_chan(card, call, &ret);
	if (!c)
		return ret;
	if (c->call != call)
		ret = -EBADFD;
	else if (c->role != TAPI_DAHDI_ROLE_PHONE)
		ret = -EOPNOTSUPP;
	else
		ret = tapi_dahdi_check_digits(digits, &len, &more);
	if (ret)
		goto out;
	if (c->phase == TAPI_DAHDI_OUT_DIALING && !c->dest_req &&
	    !c->dest[0]) {
		/* Digits still going out: these follow them. */
		memcpy(c->dest, digits, len);
		c->dest[len] = '\0';
		c->dest_more = more;
		c->dest_req = req;
	} else if (c->phase == TAPI_DAHDI_OUT_DIALING) {
		ret = -EBUSY;
	} else if (c->phase != TAPI_DAHDI_OUT_DIALTONE) {
		ret = -EBADFD;
	} else {
		ret = tapi_dahdi_start_dial(s, c, digits, len, more, req);
	}
out:
	mutex_unlock(&s->mutex);
	return ret;
}

static int tapi_dahdi_answer(struct tapi_card *card, struct tapi_call *call,
			     struct tapi_request *req)
{
	struct tapi_dahdi_span *s = tapi_card_priv(card);
	struct tapi_dahdi_chan *c;
	int ret = 0;

	c = tapi_dahdi_lock_chan(card, call, &ret);
	if (!c)
		return ret;
	if (c->call != call) {
		ret = -EBADFD;
	} else if (c->phase == TAPI_DAHDI_IN_RINGING) {
		/* Off hook: DAHDI stops ringing and connects. */
		spin_lock_irq(&s->lock);
		c->our_bits = TAPI_DAHDI_ABCD;
		c->phase = TAPI_DAHDI_TALK;
		c->audio = true;
		c->timer_ms = 0;
		spin_unlock_irq(&s->lock);
	} else if (c->phase == TAPI_DAHDI_IN_OFFHOOK) {
		spin_lock_irq(&s->lock);
		c->phase = TAPI_DAHDI_TALK;
		spin_unlock_irq(&s->lock);
	} else {
		ret = -EBADFD;
	}
	if (!ret) {
		tapi_request_complete(req, 0);
		tapi_call_set_state(call, TAPI_CALLSTATE_CONNECTED, 0);
	}
	mutex_unlock(&s->mutex);
	return ret;
}

static int tapi_dahdi_drop(struct tapi_card *card, struct tapi_call *call,
			   enum tapi_drop_reason reason,
			   struct tapi_request *req)
{
	struct tapi_dahdi_span *s = tapi_card_priv(card);
	struct tapi_dahdi_chan *c;
	bool ringing;
	int ret = 0;

	c = tapi_dahdi_lock_chan(card, call, &ret);
	if (!c)
		return ret;
	if (c->call != call) {
		ret = -EBADFD;
		goto out;
	}
	ringing = c->phase == TAPI_DAHDI_IN_RINGING;
	if (c->role == TAPI_DAHDI_ROLE_PHONE) {
		/* On hook. */
		spin_lock_irq(&s->lock);
		c->our_bits = TAPI_DAHDI_BD;
		spin_unlock_irq(&s->lock);
	} else if (c->phase == TAPI_DAHDI_IN_OFFHOOK ||
		   c->phase == TAPI_DAHDI_TALK) {
		/* The DAHDI phone is off hook: open the loop a moment. */
		spin_lock_irq(&s->lock);
		c->kewl_ms = tapi_dahdi_kewl_ms;
		spin_unlock_irq(&s->lock);
	}
	tapi_dahdi_end_call(s, c, req);
	if (ringing) {
		/* DAHDI rings on: its next ring is not a new call. */
		spin_lock_irq(&s->lock);
		c->phase = TAPI_DAHDI_REJECTED;
		c->timer_ms = tapi_dahdi_ring_gap_ms;
		spin_unlock_irq(&s->lock);
	}
out:
	mutex_unlock(&s->mutex);
	return ret;
}

const struct tapi_tsp_ops tapi_dahdi_ops = {
	.owner			= THIS_MODULE,
	.line_get_devstatus	= tapi_dahdi_line_get_devstatus,
	.make_call		= tapi_dahdi_make_call,
	.dial			= tapi_dahdi_dial,
	.answer			= tapi_dahdi_answer,
	.drop			= tapi_dahdi_drop,
};
