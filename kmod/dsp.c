// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: DTMF and tone detection and generation on 8 kHz 16-bit linear
 * audio, in fixed point (see dsp.h).
 *
 * Detection runs a Goertzel filter per frequency over a block of N
 * samples.  For a sine of amplitude A at the filter's frequency the
 * filter's power at the end of the block is about (N A / 2)^2, and the
 * block's energy (the sum of the squares of its samples) is N A^2 / 2;
 * so 2 P / N estimates the energy the block has at that frequency, and
 * comparing it with the block's energy says how much of what was heard is
 * that frequency.
 *
 * DTMF (ITU-T Q.23, Q.24): blocks of 102 samples (12.75 ms, 78 Hz
 * resolution: neighbouring DTMF frequencies are at least 73 Hz apart).  A
 * block hears a digit when its strongest row and column frequencies are
 * each above -35 dBm0, within 8 dB of each other (twist), each at least
 * 6 dB above the other frequencies of its group, and together at least
 * 60 % of the block's energy (not speech).  A digit starts when two blocks
 * in a row hear it (so it lasted 26 ms at least, and any tone of 40 ms
 * does) and ends when two blocks in a row do not.
 *
 * Tones: blocks of 200 samples (25 ms, 40 Hz resolution, so that the
 * frequencies of North American tones, multiples of 40 Hz or 10 Hz apart
 * from them, fall on or near filter bins).  A block hears a tone when the
 * block is above -35 dBm0, each of the tone's frequencies has at least a
 * tenth of its energy and all of them together half; silence is a block
 * below -50 dBm0.
 *
 * Generation sums sines from fixp_sin32_rad() with a phase in units of
 * 1/72000 of a turn (72000 is 8000 samples times 9, and a multiple of
 * 360, which that function's interpolation wants).
 */
#include <linux/bug.h>
#include <linux/fixp-arith.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "dsp.h"

/* Phase units of a turn; a frequency f steps by f * TAPI_DSP_PHASE_HZ. */
#define TAPI_DSP_TWOPI		72000
#define TAPI_DSP_PHASE_HZ	(TAPI_DSP_TWOPI / 8000)
/* A sine of this peak is -35 dBm0 (0 dBm0 is a peak of about 22700). */
#define TAPI_DSP_MIN_PEAK	400
/* A block below this RMS is silence (about -50 dBm0). */
#define TAPI_DSP_SILENCE_RMS	64
/* Block and filter lengths in time. */
#define TAPI_DTMF_BLOCK_NS	(TAPI_DTMF_BLOCK * 125000ULL)
#define TAPI_TONE_BLOCK_MS	(TAPI_TONE_BLOCK / 8)

static const u32 tapi_dtmf_row_hz[4] = { 697, 770, 852, 941 };
static const u32 tapi_dtmf_col_hz[4] = { 1209, 1336, 1477, 1633 };
static const char tapi_dtmf_keys[4][4] = {
	{ '1', '2', '3', 'A' },
	{ '4', '5', '6', 'B' },
	{ '7', '8', '9', 'C' },
	{ '*', '0', '#', 'D' },
};

static void tapi_goertzel_init(struct tapi_goertzel *g, u32 freq_hz)
{
	/* 2 cos(w) in Q14 is cos(w) in Q31 shifted down by 16. */
	g->coeff = fixp_cos32_rad(freq_hz * TAPI_DSP_PHASE_HZ,
				  TAPI_DSP_TWOPI) >> 16;
	g->s1 = 0;
	g->s2 = 0;
}

static inline void tapi_goertzel_step(struct tapi_goertzel *g, s16 x)
{
	s32 s0 = x + (s32)(((s64)g->coeff * g->s1) >> 14) - g->s2;

	g->s2 = g->s1;
	g->s1 = s0;
}

/* The block's energy at the filter's frequency (2 P / N); resets it. */
static u64 tapi_goertzel_energy(struct tapi_goertzel *g, u32 n)
{
	s64 s1 = g->s1, s2 = g->s2;
	s64 p = s1 * s1 + s2 * s2 - ((g->coeff * s1) >> 14) * s2;

	g->s1 = 0;
	g->s2 = 0;
	return p > 0 ? div_u64(2 * (u64)p, n) : 0;
}

/* The smallest energy of a block with a sine of peak @peak in it. */
static u64 tapi_block_energy(u32 peak, u32 n)
{
	return (u64)peak * peak / 2 * n;
}

/**
 * tapi_dtmf_det_init() - reset a DTMF detector
 * @d: the detector
 */
void tapi_dtmf_det_init(struct tapi_dtmf_det *d)
{
	unsigned int i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < 4; i++) {
		tapi_goertzel_init(&d->row[i], tapi_dtmf_row_hz[i]);
		tapi_goertzel_init(&d->col[i], tapi_dtmf_col_hz[i]);
	}
}

/* The strongest of four energies, if 6 dB above the other three. */
static int tapi_dtmf_pick(const u64 *e)
{
	unsigned int i, best = 0;

	for (i = 1; i < 4; i++) {
		if (e[i] > e[best])
			best = i;
	}
	for (i = 0; i < 4; i++) {
		if (i != best && e[i] * 4 > e[best])
			return -1;
	}
	return best;
}

/* The digit the block just ended heard, or 0.  Resets the filters. */
static char tapi_dtmf_block(struct tapi_dtmf_det *d)
{
	u64 min = tapi_block_energy(TAPI_DSP_MIN_PEAK, TAPI_DTMF_BLOCK);
	u64 er[4], ec[4];
	int r, c;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		er[i] = tapi_goertzel_energy(&d->row[i], TAPI_DTMF_BLOCK);
		ec[i] = tapi_goertzel_energy(&d->col[i], TAPI_DTMF_BLOCK);
	}
	r = tapi_dtmf_pick(er);
	c = tapi_dtmf_pick(ec);
	if (r < 0 || c < 0 || er[r] < min || ec[c] < min)
		return 0;
	/* Twist: 8 dB is a factor of 6.3 in energy. */
	if (er[r] * 63 < ec[c] * 10 || ec[c] * 63 < er[r] * 10)
		return 0;
	if ((er[r] + ec[c]) * 10 < d->energy * 6)
		return 0;
	return tapi_dtmf_keys[r][c];
}

/**
 * tapi_dtmf_feed() - one sample into a DTMF detector
 * @d: the detector
 * @x: the sample
 * @now_ns: when it was heard
 *
 * On %TAPI_DTMF_START, @d->digit is the digit and @d->start_ns when it
 * started; on %TAPI_DTMF_END, @d->digit is the digit that ended (until the
 * next call) and @d->end_ns when.
 *
 * Return: &enum tapi_dtmf_what.
 */
enum tapi_dtmf_what tapi_dtmf_feed(struct tapi_dtmf_det *d, s16 x,
				   u64 now_ns)
{
	unsigned int i;
	char hit;

	if (d->misses >= 2) {
		/* The END reported last time is over. */
		d->digit = 0;
		d->misses = 0;
	}
	for (i = 0; i < 4; i++) {
		tapi_goertzel_step(&d->row[i], x);
		tapi_goertzel_step(&d->col[i], x);
	}
	d->energy += (s32)x * x;
	d->samples++;
	if (++d->n < TAPI_DTMF_BLOCK)
		return TAPI_DTMF_NONE;

	hit = tapi_dtmf_block(d);
	d->n = 0;
	d->energy = 0;
	if (hit && hit == d->cand) {
		d->hits++;
	} else {
		d->cand = hit;
		d->hits = hit ? 1 : 0;
	}
	if (!d->digit) {
		if (d->hits < 2)
			return TAPI_DTMF_NONE;
		d->digit = d->cand;
		d->start_ns = now_ns - 2 * TAPI_DTMF_BLOCK_NS;
		d->end_ns = now_ns;
		d->start_sample = d->samples - 2 * TAPI_DTMF_BLOCK;
		d->end_sample = d->samples;
		d->misses = 0;
		return TAPI_DTMF_START;
	}
	if (d->cand == d->digit) {
		d->end_ns = now_ns;
		d->end_sample = d->samples;
		d->misses = 0;
		return TAPI_DTMF_NONE;
	}
	if (++d->misses < 2)
		return TAPI_DTMF_NONE;
	return TAPI_DTMF_END;
}

/**
 * tapi_tone_det_init() - set a tone detector up
 * @t: the detector
 * @freq_hz: %TAPI_TONE_MAX_FREQS frequencies, the unused ones (at the
 *	end) 0; all 0 for silence
 * @duration_ms: how long the tone must last to count
 */
void tapi_tone_det_init(struct tapi_tone_det *t, const u32 *freq_hz,
			u32 duration_ms)
{
	unsigned int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < TAPI_TONE_MAX_FREQS && freq_hz[i]; i++)
		tapi_goertzel_init(&t->f[i], freq_hz[i]);
	t->nf = i;
	t->need = max_t(u32, 1, duration_ms / TAPI_TONE_BLOCK_MS);
}

/* Did the block just ended hear the tone.  Resets the filters. */
static bool tapi_tone_block(struct tapi_tone_det *t)
{
	u64 e, sum = 0;
	bool each = true;
	unsigned int i;

	if (!t->nf)
		return t->energy < (u64)TAPI_DSP_SILENCE_RMS *
				   TAPI_DSP_SILENCE_RMS * TAPI_TONE_BLOCK;
	for (i = 0; i < t->nf; i++) {
		e = tapi_goertzel_energy(&t->f[i], TAPI_TONE_BLOCK);
		if (e * 10 < t->energy)
			each = false;
		sum += e;
	}
	return each && sum * 2 >= t->energy &&
	       t->energy >= tapi_block_energy(TAPI_DSP_MIN_PEAK,
					      TAPI_TONE_BLOCK);
}

/**
 * tapi_tone_feed() - one sample into a tone detector
 * @t: the detector
 * @x: the sample
 *
 * Return: true when the tone has now lasted its duration (once each time
 * it is heard, again only after it stopped).
 */
bool tapi_tone_feed(struct tapi_tone_det *t, s16 x)
{
	unsigned int i;
	bool heard;

	for (i = 0; i < t->nf; i++)
		tapi_goertzel_step(&t->f[i], x);
	t->energy += (s32)x * x;
	if (++t->n < TAPI_TONE_BLOCK)
		return false;
	heard = tapi_tone_block(t);
	t->n = 0;
	t->energy = 0;
	if (!heard) {
		t->blocks = 0;
		t->reported = false;
		return false;
	}
	if (++t->blocks < t->need || t->reported)
		return false;
	t->reported = true;
	return true;
}

/**
 * tapi_tone_gen_init() - set a tone generator up
 * @g: the generator
 * @c: the components, checked by the caller (frequency, amplitude)
 * @nc: how many; 0 generates silence
 * @duration_ms: how long, 0 for no end
 */
void tapi_tone_gen_init(struct tapi_tone_gen *g,
			const struct tapi_tone_component *c, unsigned int nc,
			u32 duration_ms)
{
	unsigned int i;

	memset(g, 0, sizeof(*g));
	g->nc = min_t(unsigned int, nc, TAPI_TONE_MAX_FREQS);
	for (i = 0; i < g->nc; i++) {
		g->inc[i] = c[i].freq_hz * TAPI_DSP_PHASE_HZ;
		g->amp[i] = c[i].amplitude;
		g->on[i] = c[i].on_ms * 8;
		g->period[i] = (c[i].on_ms + c[i].off_ms) * 8;
	}
	g->total = (u64)duration_ms * 8;
}

/**
 * tapi_tone_gen_run() - generate samples
 * @g: the generator
 * @out: where to put them
 * @n: how many are wanted
 * @done: set to how many were put in @out (fewer than @n when it ends)
 *
 * Return: true when the generator has ended.
 */
bool tapi_tone_gen_run(struct tapi_tone_gen *g, s16 *out, unsigned int n,
		       unsigned int *done)
{
	unsigned int i, k;
	s32 v;

	for (i = 0; i < n; i++) {
		if (g->total && g->pos >= g->total)
			break;
		v = 0;
		for (k = 0; k < g->nc; k++) {
			if (!g->on[k] || g->at[k] < g->on[k])
				v += ((s64)fixp_sin32_rad(g->phase[k],
							  TAPI_DSP_TWOPI) *
				      g->amp[k]) >> 31;
			g->phase[k] = (g->phase[k] + g->inc[k]) %
				      TAPI_DSP_TWOPI;
			if (g->period[k] && ++g->at[k] == g->period[k])
				g->at[k] = 0;
		}
		out[i] = clamp_t(s32, v, S16_MIN, S16_MAX);
		g->pos++;
	}
	*done = i;
	return g->total && g->pos >= g->total;
}

/**
 * tapi_dtmf_freqs() - the two frequencies of a DTMF digit
 * @digit: ``0``-``9``, ``*``, ``#``, ``A``-``D`` or ``a``-``d``
 * @low: set to its row frequency
 * @high: set to its column frequency
 *
 * Return: 0, or -EINVAL for anything else.
 */
int tapi_dtmf_freqs(char digit, u32 *low, u32 *high)
{
	unsigned int r, c;

	if (digit >= 'a' && digit <= 'd')
		digit -= 'a' - 'A';
	for (r = 0; r < 4; r++) {
		for (c = 0; c < 4; c++) {
			if (tapi_dtmf_keys[r][c] != digit)
				continue;
			*low = tapi_dtmf_row_hz[r];
			*high = tapi_dtmf_col_hz[c];
			return 0;
		}
	}
	return -EINVAL;
}
