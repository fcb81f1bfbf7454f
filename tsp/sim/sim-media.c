// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the switch's audio.  Every MEDIA_TICK_MS a soft hrtimer moves
 * a tick of 8 kHz samples for every call that has audio:
 *
 * - a call connected to another line of the card hears what the other
 *   end's MSP transmits (tapi_media_tx() of the peer, tapi_media_rx() of
 *   this call), in both directions;
 * - a call connected to the simulated network hears silence, and what its
 *   MSP transmits goes into the network;
 * - a caller hears the call-progress tone of its state in the card's tone
 *   zone: dial tone, ringback, busy, congestion (busy because no trunk or
 *   station is free: BUSY with mode UNAVAIL) or special information;
 * - the parties of a conference bridge (the conference call itself, for
 *   the station that holds the conference, and the far ends of its
 *   members) each hear the sum of what the others send, saturated to 16
 *   bits: every party's tick is taken once, summed, and each gets the sum
 *   less its own;
 * - a call of a G.711 line dialling in band hears what it sends.
 *
 * A call of a line whose law is G.711 transmits through
 * tapi_media_tx_g711() in that law, and what it sends reaches the far end
 * through tapi_media_rx_g711() in the same law, byte for byte (struct
 * tapi_sim_tick carries the law with the audio); tones and bridges are
 * computed, and moved, in linear.
 *
 * The switch (process context, sw->lock) says which audio each call has
 * with tapi_sim_media_update() whenever the call changes state; the timer
 * walks the list of calls with audio under sm->lock, a spinlock, and calls
 * the core's media helpers, which may be called from any context.
 */
#include <linux/bug.h>
#include <linux/fixp-arith.h>
#include <linux/hrtimer.h>
#include <linux/string.h>

#include "sim.h"

#define MEDIA_TICK_MS		20
#define MEDIA_TICK_SAMPLES	(MEDIA_TICK_MS * 8)
static_assert(MEDIA_TICK_SAMPLES == TAPI_SIM_TICK_SAMPLES);
/* Ticks caught up at most when the timer ran late. */
#define MEDIA_MAX_CATCHUP	5
/* Amplitude of each of a tone's frequencies: about -13 dBm0. */
#define TONE_AMPLITUDE		5000
/* Frequencies are in tenths of a hertz: one turn is 8000 Hz * 10. */
#define TONE_TWOPI		80000

/**
 * struct tapi_sim_tone_seg - one part of a tone's cadence
 * @freq: up to two frequencies in 0.1 Hz; 0 for none (silence)
 * @ms: duration; 0 ends the cadence (a tone of one such part is steady)
 */
struct tapi_sim_tone_seg {
	u32 freq[2];
	u32 ms;
};

#define TONE_SEGS	5

/**
 * struct tapi_sim_zone - the call-progress tones of one country or region
 * @name: as written to the card's tone_zone attribute
 * @tones: by &enum tapi_sim_tone_kind; each cadence repeats
 */
struct tapi_sim_zone {
	const char *name;
	struct tapi_sim_tone_seg tones[SIM_TONE_COUNT][TONE_SEGS];
};

/* North America (ANSI T1.401, "precise tones"); ITU-T E.180 for CEPT. */
static const struct tapi_sim_zone tapi_sim_zones[] = {
	{
		.name = "us",
		.tones = {
			[SIM_TONE_DIAL] = { { { 3500, 4400 }, 0 } },
			[SIM_TONE_RINGBACK] = { { { 4400, 4800 }, 2000 },
						{ { 0, 0 }, 4000 } },
			[SIM_TONE_BUSY] = { { { 4800, 6200 }, 500 },
					    { { 0, 0 }, 500 } },
			[SIM_TONE_CONGESTION] = { { { 4800, 6200 }, 250 },
						  { { 0, 0 }, 250 } },
			[SIM_TONE_SIT] = { { { 9138, 0 }, 274 },
					   { { 13706, 0 }, 274 },
					   { { 17767, 0 }, 380 },
					   { { 0, 0 }, 4000 } },
		},
	},
	{
		.name = "cept",
		.tones = {
			[SIM_TONE_DIAL] = { { { 4250, 0 }, 0 } },
			[SIM_TONE_RINGBACK] = { { { 4250, 0 }, 1000 },
						{ { 0, 0 }, 4000 } },
			[SIM_TONE_BUSY] = { { { 4250, 0 }, 500 },
					    { { 0, 0 }, 500 } },
			[SIM_TONE_CONGESTION] = { { { 4250, 0 }, 250 },
						  { { 0, 0 }, 250 } },
			[SIM_TONE_SIT] = { { { 9500, 0 }, 330 },
					   { { 14000, 0 }, 330 },
					   { { 18000, 0 }, 330 },
					   { { 0, 0 }, 1000 } },
		},
	},
};

/**
 * tapi_sim_zone_find() - look a tone zone up by name
 * @name: its name
 *
 * Return: its index, or -EINVAL.
 */
int tapi_sim_zone_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tapi_sim_zones); i++) {
		if (sysfs_streq(name, tapi_sim_zones[i].name))
			return i;
	}
	return -EINVAL;
}

/**
 * tapi_sim_zone_name() - a tone zone's name
 * @zone: its index
 *
 * Return: the name.
 */
const char *tapi_sim_zone_name(unsigned int zone)
{
	return tapi_sim_zones[zone].name;
}

/**
 * struct tapi_sim_tick - one tick of audio on its way, in its law
 * @law: %TAPI_MEDIA_LINEAR16 (@lin) or a G.711 law (@g711)
 * @lin: linear samples
 * @g711: G.711 bytes
 */
struct tapi_sim_tick {
	u32 law;
	union {
		s16 lin[MEDIA_TICK_SAMPLES];
		u8 g711[MEDIA_TICK_SAMPLES];
	};
};

/* What @mc transmits this tick, in its line's law. */
static void tapi_sim_tick_tx(struct tapi_sim_media_call *mc,
			     struct tapi_sim_tick *t)
{
	t->law = mc->law;
	if (t->law == TAPI_MEDIA_LINEAR16)
		tapi_media_tx(mc->call, t->lin, MEDIA_TICK_SAMPLES);
	else
		tapi_media_tx_g711(mc->call, t->law, t->g711,
				   MEDIA_TICK_SAMPLES);
}

/* A tick of silence in @law. */
static void tapi_sim_tick_silence(struct tapi_sim_tick *t, u32 law)
{
	t->law = law;
	if (law == TAPI_MEDIA_LINEAR16)
		memset(t->lin, 0, sizeof(t->lin));
	else
		memset(t->g711, law == TAPI_MEDIA_ALAW ? 0xd5 : 0xff,
		       sizeof(t->g711));
}

/* @mc receives tick @t, in the law it came in. */
static void tapi_sim_tick_rx(struct tapi_sim_media_call *mc,
			     const struct tapi_sim_tick *t)
{
	if (t->law == TAPI_MEDIA_LINEAR16)
		tapi_media_rx(mc->call, t->lin, MEDIA_TICK_SAMPLES);
	else
		tapi_media_rx_g711(mc->call, t->law, t->g711,
				   MEDIA_TICK_SAMPLES);
}

/* One tick of @mc's tone into @buf.  sm->lock held. */
static void tapi_sim_tone_tick(struct tapi_sim_media_call *mc, s16 *buf,
			       unsigned int n)
{
	const struct tapi_sim_tone_seg *seg = mc->tone;
	unsigned int i, k;
	s32 v;

	for (i = 0; i < n; i++) {
		const struct tapi_sim_tone_seg *s = &seg[mc->seg];

		v = 0;
		for (k = 0; k < ARRAY_SIZE(s->freq); k++) {
			if (!s->freq[k])
				continue;
			v += fixp_sin32_rad(mc->phase[k], TONE_TWOPI) /
			     (0x7fffffff / TONE_AMPLITUDE);
			mc->phase[k] = (mc->phase[k] + s->freq[k]) % TONE_TWOPI;
		}
		buf[i] = v;
		if (!s->ms || ++mc->pos < s->ms * 8)
			continue;
		mc->pos = 0;
		mc->seg++;
		if (mc->seg == TONE_SEGS || !seg[mc->seg].ms)
			mc->seg = 0;
	}
}

/* One tick of a conference bridge: each party hears the others. */
static void tapi_sim_bridge_tick(struct tapi_sim_media_call *bridge)
{
	struct tapi_sim_media_call *p;
	s32 sum[MEDIA_TICK_SAMPLES] = { };
	s16 out[MEDIA_TICK_SAMPLES];
	unsigned int i;

	list_for_each_entry(p, &bridge->parties, bridge_node) {
		tapi_media_tx(p->call, p->mix, MEDIA_TICK_SAMPLES);
		for (i = 0; i < MEDIA_TICK_SAMPLES; i++)
			sum[i] += p->mix[i];
	}
	list_for_each_entry(p, &bridge->parties, bridge_node) {
		for (i = 0; i < MEDIA_TICK_SAMPLES; i++)
			out[i] = clamp_t(s32, sum[i] - p->mix[i], S16_MIN,
					 S16_MAX);
		tapi_media_rx(p->call, out, MEDIA_TICK_SAMPLES);
	}
}

/* One tick of audio for every call that has some.  sm->lock held. */
static void tapi_sim_media_tick(struct tapi_sim_media *sm)
{
	struct tapi_sim_media_call *mc;
	struct tapi_sim_tick t;

	list_for_each_entry(mc, &sm->bridges, bridges_node)
		tapi_sim_bridge_tick(mc);

	list_for_each_entry(mc, &sm->active, node) {
		switch (mc->kind) {
		case SIM_AUDIO_PEER:
			if (mc->peer)
				tapi_sim_tick_tx(mc->peer, &t);
			else
				tapi_sim_tick_silence(&t, mc->law);
			break;
		case SIM_AUDIO_NETWORK:
			/* What the MSP sends goes into the network. */
			tapi_sim_tick_tx(mc, &t);
			tapi_sim_tick_silence(&t, mc->law);
			break;
		case SIM_AUDIO_TONE:
			t.law = TAPI_MEDIA_LINEAR16;
			tapi_sim_tone_tick(mc, t.lin, MEDIA_TICK_SAMPLES);
			break;
		case SIM_AUDIO_SIDETONE:
			tapi_sim_tick_tx(mc, &t);
			break;
		default:
			continue;
		}
		tapi_sim_tick_rx(mc, &t);
	}
}

static enum hrtimer_restart tapi_sim_media_timer(struct hrtimer *timer)
{
	struct tapi_sim_media *sm = container_of(timer, struct tapi_sim_media,
						 timer);
	enum hrtimer_restart ret = HRTIMER_RESTART;
	unsigned long flags;
	u64 ticks;

	ticks = hrtimer_forward_now(timer, ms_to_ktime(MEDIA_TICK_MS));
	spin_lock_irqsave(&sm->lock, flags);
	if (list_empty(&sm->active) && list_empty(&sm->bridges)) {
		sm->running = false;
		ret = HRTIMER_NORESTART;
	} else {
		for (ticks = min_t(u64, ticks, MEDIA_MAX_CATCHUP); ticks;
		     ticks--)
			tapi_sim_media_tick(sm);
	}
	spin_unlock_irqrestore(&sm->lock, flags);
	return ret;
}

/**
 * tapi_sim_media_init() - set up a switch's audio, stopped
 * @sm: the switch's audio
 */
void tapi_sim_media_init(struct tapi_sim_media *sm)
{
	spin_lock_init(&sm->lock);
	INIT_LIST_HEAD(&sm->active);
	INIT_LIST_HEAD(&sm->bridges);
	hrtimer_init(&sm->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	sm->timer.function = tapi_sim_media_timer;
}

/**
 * tapi_sim_media_init_call() - set up a call's audio state: no audio
 * @mc: the call's audio state
 * @call: the core's call
 * @law: its line's law (&tapi_sim_line.law)
 */
void tapi_sim_media_init_call(struct tapi_sim_media_call *mc,
			      struct tapi_call *call, u32 law)
{
	INIT_LIST_HEAD(&mc->node);
	INIT_LIST_HEAD(&mc->bridge_node);
	INIT_LIST_HEAD(&mc->parties);
	INIT_LIST_HEAD(&mc->bridges_node);
	mc->call = call;
	mc->law = law;
}

/* Take @mc off its bridge.  sm->lock held. */
static void tapi_sim_media_leave(struct tapi_sim_media_call *mc)
{
	struct tapi_sim_media_call *bridge = mc->bridge;

	if (!bridge)
		return;
	list_del_init(&mc->bridge_node);
	mc->bridge = NULL;
	mc->kind = SIM_AUDIO_NONE;
	if (list_empty(&bridge->parties))
		list_del_init(&bridge->bridges_node);
}

/* Take every party off the bridge of conference call @mc.  sm->lock held. */
static void tapi_sim_media_close_bridge(struct tapi_sim_media_call *mc)
{
	struct tapi_sim_media_call *p, *tmp;

	list_for_each_entry_safe(p, tmp, &mc->parties, bridge_node)
		tapi_sim_media_leave(p);
}

/* Take @mc off the list, and every peer link to it.  sm->lock held. */
static void tapi_sim_media_unlink(struct tapi_sim_media *sm,
				  struct tapi_sim_media_call *mc)
{
	struct tapi_sim_media_call *other;

	tapi_sim_media_leave(mc);
	if (list_empty(&mc->node))
		return;
	list_del_init(&mc->node);
	list_for_each_entry(other, &sm->active, node) {
		if (other->peer == mc)
			other->peer = NULL;
	}
	mc->peer = NULL;
	mc->kind = SIM_AUDIO_NONE;
}

/**
 * tapi_sim_media_update() - which audio a call has now
 * @sm: the switch's audio
 * @mc: the call's audio state
 * @kind: &enum tapi_sim_audio
 * @tone: for %SIM_AUDIO_TONE, the &enum tapi_sim_tone_kind
 * @peer: for %SIM_AUDIO_PEER, the other end's audio state; it is linked
 *	once the other end has audio too
 * @zone: the card's tone zone
 *
 * Context: process context; the switch's lock held.
 */
void tapi_sim_media_update(struct tapi_sim_media *sm,
			   struct tapi_sim_media_call *mc,
			   enum tapi_sim_audio kind,
			   enum tapi_sim_tone_kind tone,
			   struct tapi_sim_media_call *peer, unsigned int zone)
{
	const struct tapi_sim_tone_seg *t;

	t = kind == SIM_AUDIO_TONE ? tapi_sim_zones[zone].tones[tone] : NULL;
	spin_lock_irq(&sm->lock);
	if (mc->kind == kind && mc->tone == t &&
	    (kind != SIM_AUDIO_PEER || mc->peer == peer)) {
		spin_unlock_irq(&sm->lock);
		return;
	}
	tapi_sim_media_unlink(sm, mc);
	if (kind != SIM_AUDIO_NONE && !sm->stopped) {
		mc->kind = kind;
		mc->tone = t;
		mc->seg = 0;
		mc->pos = 0;
		memset(mc->phase, 0, sizeof(mc->phase));
		if (kind == SIM_AUDIO_PEER && peer &&
		    peer->kind == SIM_AUDIO_PEER) {
			mc->peer = peer;
			peer->peer = mc;
		}
		list_add_tail(&mc->node, &sm->active);
		if (!sm->running) {
			sm->running = true;
			hrtimer_start(&sm->timer, ms_to_ktime(MEDIA_TICK_MS),
				      HRTIMER_MODE_REL_SOFT);
		}
	}
	spin_unlock_irq(&sm->lock);
}

/**
 * tapi_sim_media_join() - make a call a party of a conference bridge
 * @sm: the switch's audio
 * @mc: the call's audio state; whatever audio it had stops
 * @bridge: the conference call's audio state (maybe @mc itself)
 *
 * Context: process context; the switch's lock held.
 */
void tapi_sim_media_join(struct tapi_sim_media *sm,
			 struct tapi_sim_media_call *mc,
			 struct tapi_sim_media_call *bridge)
{
	spin_lock_irq(&sm->lock);
	if (mc->bridge == bridge || sm->stopped) {
		spin_unlock_irq(&sm->lock);
		return;
	}
	tapi_sim_media_unlink(sm, mc);
	mc->kind = SIM_AUDIO_CONF;
	mc->bridge = bridge;
	memset(mc->mix, 0, sizeof(mc->mix));
	list_add_tail(&mc->bridge_node, &bridge->parties);
	if (list_empty(&bridge->bridges_node))
		list_add_tail(&bridge->bridges_node, &sm->bridges);
	if (!sm->running) {
		sm->running = true;
		hrtimer_start(&sm->timer, ms_to_ktime(MEDIA_TICK_MS),
			      HRTIMER_MODE_REL_SOFT);
	}
	spin_unlock_irq(&sm->lock);
}

/**
 * tapi_sim_media_end_bridge() - a conference call ends: its bridge's
 *	parties lose their audio
 * @sm: the switch's audio
 * @mc: the conference call's audio state
 *
 * Context: process context; the switch's lock held.
 */
void tapi_sim_media_end_bridge(struct tapi_sim_media *sm,
			       struct tapi_sim_media_call *mc)
{
	spin_lock_irq(&sm->lock);
	tapi_sim_media_close_bridge(mc);
	spin_unlock_irq(&sm->lock);
}

/**
 * tapi_sim_media_start() - let calls have audio again (the card is live)
 * @sm: the switch's audio
 */
void tapi_sim_media_start(struct tapi_sim_media *sm)
{
	spin_lock_irq(&sm->lock);
	sm->stopped = false;
	spin_unlock_irq(&sm->lock);
}

/**
 * tapi_sim_media_stop() - silence every call and stop the timer
 * @sm: the switch's audio
 *
 * Context: process context; no lock the timer takes may be held.
 */
void tapi_sim_media_stop(struct tapi_sim_media *sm)
{
	struct tapi_sim_media_call *mc, *tmp;

	spin_lock_irq(&sm->lock);
	sm->stopped = true;
	list_for_each_entry_safe(mc, tmp, &sm->active, node)
		tapi_sim_media_unlink(sm, mc);
	list_for_each_entry_safe(mc, tmp, &sm->bridges, bridges_node)
		tapi_sim_media_close_bridge(mc);
	spin_unlock_irq(&sm->lock);
	hrtimer_cancel(&sm->timer);
	sm->running = false;
}
