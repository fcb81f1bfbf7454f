// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the six media control commands (TAPI_IOC_CALL_GENERATE_DIGITS
 * to TAPI_IOC_CALL_MONITOR_MEDIA): check the arguments, then, under the
 * call's locks, check the handle and the call's state and set up the
 * per-call state media-control.c runs on the audio path.
 */
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "media-control.h"

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
		fresh = tapi_mctl_alloc(call, GFP_KERNEL_ACCOUNT);
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
