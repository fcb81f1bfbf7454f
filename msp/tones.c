// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DTMF and call-progress tone detection.
 *
 * Digits: spandsp's DTMF receiver.
 *
 * Tones: the signal is cut in blocks of 20 ms.  A block is silent when its
 * power is low; otherwise spandsp's Goertzel filters measure the share of
 * its power at each frequency of the tones we know, and the block is
 * classified as the frequency set (one or two of them) that carries most
 * of it, or as "other".  Runs of blocks of one class are segments.  A tone
 * is recognised by its frequencies and its cadence: a segment of a set,
 * then a silent one, each as long as the tone's on and off times; a
 * steady tone by a segment longer than any cadence's tone part; the
 * special information tone by its three frequencies in a row.  The first
 * segment of the input may be cut short: it only has to be no longer than
 * the tone part.  Times are allowed TOL_PERCENT per cent plus TOL_MS.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

#include "msp.h"

#define BLOCK		160			/* 20 ms */
#define BLOCK_MS	(BLOCK / MSP_SAMPLES_PER_MS)
/* Mean power of a block below which it is silence (an rms of 100). */
#define SILENCE_POWER	(100.0 * 100.0)
/* Share of a block's power a frequency set must carry. */
#define MIN_SHARE	0.75
#define TOL_PERCENT	15
#define TOL_MS		60
/* A tone part longer than this is steady. */
#define STEADY_MS	2500

/* Block classes that are not frequency sets. */
#define CLASS_SILENCE	(-1)
#define CLASS_OTHER	(-2)

static const double freqs[] = {
	350, 440, 480, 620, 425, 913.8, 1370.6, 1776.7, 950, 1400, 1800,
};
#define NUM_FREQS	(sizeof(freqs) / sizeof(freqs[0]))

/* Frequency sets, as indices into freqs[] (-1: none). */
enum {
	SET_US_DIAL, SET_US_RING, SET_US_BUSY, SET_CEPT,
	SET_US_SIT1, SET_US_SIT2, SET_US_SIT3,
	SET_CEPT_SIT1, SET_CEPT_SIT2, SET_CEPT_SIT3,
	NUM_SETS
};

static const int sets[NUM_SETS][2] = {
	[SET_US_DIAL] = { 0, 1 },
	[SET_US_RING] = { 1, 2 },
	[SET_US_BUSY] = { 2, 3 },
	[SET_CEPT] = { 4, -1 },
	[SET_US_SIT1] = { 5, -1 },
	[SET_US_SIT2] = { 6, -1 },
	[SET_US_SIT3] = { 7, -1 },
	[SET_CEPT_SIT1] = { 8, -1 },
	[SET_CEPT_SIT2] = { 9, -1 },
	[SET_CEPT_SIT3] = { 10, -1 },
};

/*
 * The tones (Documentation/tsp-sim.rst, "Audio": ANSI T1.401 and ITU-T
 * E.180).  @on_ms 0: steady.  A "sit" entry names the first of three
 * sets in a row, each @on_ms long but the last, @off_ms.
 */
struct tone {
	const char *name;
	const char *zone;
	int set;
	unsigned int on_ms;
	unsigned int off_ms;
};

static const struct tone tones[] = {
	{ "dial", "us", SET_US_DIAL, 0, 0 },
	{ "ringback", "us", SET_US_RING, 2000, 4000 },
	{ "busy", "us", SET_US_BUSY, 500, 500 },
	{ "congestion", "us", SET_US_BUSY, 250, 250 },
	{ "sit", "us", SET_US_SIT1, 274, 380 },
	{ "dial", "cept", SET_CEPT, 0, 0 },
	{ "ringback", "cept", SET_CEPT, 1000, 4000 },
	{ "busy", "cept", SET_CEPT, 500, 500 },
	{ "congestion", "cept", SET_CEPT, 250, 250 },
	{ "sit", "cept", SET_CEPT_SIT1, 330, 330 },
};
#define NUM_TONES	(sizeof(tones) / sizeof(tones[0]))

struct segment {
	int cls;
	uint64_t start;		/* block */
	unsigned int len;	/* blocks */
};

struct msp_tones {
	msp_tone_cb cb;
	void *data;
	dtmf_rx_state_t *dtmf;
	goertzel_descriptor_t desc[NUM_FREQS];
	goertzel_state_t g[NUM_FREQS];
	double scale;		/* goertzel_result() of a unit share */
	int16_t block[BLOCK];
	unsigned int fill;
	uint64_t blocks;	/* blocks classified */
	struct segment cur;
	struct segment hist[3];	/* closed segments, newest first */
	int last;		/* tone reported last, or -1 */
	bool cur_reported;	/* the steady tone of @cur was reported */
	bool edge;		/* @cur's last block was "other" */
};

static unsigned int tol(unsigned int ms)
{
	return ms * TOL_PERCENT / 100 + TOL_MS;
}

static bool about(unsigned int got, unsigned int want)
{
	return got + tol(want) >= want && got <= want + tol(want);
}

static unsigned int seg_ms(const struct segment *s)
{
	return s->len * BLOCK_MS;
}

static void report_tone(struct msp_tones *t, int i, unsigned int on_ms,
			unsigned int off_ms)
{
	const struct tone *tn = &tones[i];
	struct msp_tone_event ev = { .kind = MSP_TONE_PROGRESS };
	int k;

	if (t->last == i)
		return;
	t->last = i;
	ev.at_ms = (t->blocks + 1) * BLOCK_MS;
	ev.name = tn->name;
	ev.zone = tn->zone;
	for (k = 0; k < 2; k++)
		ev.freq[k] = sets[tn->set][k] < 0 ? 0 : freqs[sets[tn->set][k]];
	ev.on_ms = on_ms;
	ev.off_ms = off_ms;
	t->cb(&ev, t->data);
}

static void digits_cb(void *data, const char *digits, int len)
{
	struct msp_tones *t = data;
	struct msp_tone_event ev = { .kind = MSP_TONE_DIGIT };
	int i;

	ev.at_ms = t->blocks * BLOCK_MS + t->fill / MSP_SAMPLES_PER_MS;
	for (i = 0; i < len; i++) {
		ev.digit = digits[i];
		t->cb(&ev, t->data);
	}
}

struct msp_tones *msp_tones_new(msp_tone_cb cb, void *data)
{
	struct msp_tones *t;
	int16_t cal[BLOCK];
	unsigned int i;

	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->cb = cb;
	t->data = data;
	t->dtmf = dtmf_rx_init(NULL, digits_cb, t);
	if (!t->dtmf) {
		free(t);
		errno = ENOMEM;
		return NULL;
	}
	for (i = 0; i < NUM_FREQS; i++) {
		make_goertzel_descriptor(&t->desc[i], freqs[i], BLOCK);
		goertzel_init(&t->g[i], &t->desc[i]);
	}
	/* What the filter says of a sine carrying all a block's power. */
	for (i = 0; i < BLOCK; i++)
		cal[i] = 8000 * sin(2 * M_PI * freqs[0] * i / MSP_RATE);
	goertzel_update(&t->g[0], cal, BLOCK);
	t->scale = goertzel_result(&t->g[0]);
	goertzel_reset(&t->g[0]);
	t->cur.cls = CLASS_SILENCE;
	t->last = -1;
	for (i = 0; i < 3; i++)
		t->hist[i].cls = CLASS_OTHER;
	return t;
}

void msp_tones_free(struct msp_tones *t)
{
	if (!t)
		return;
	dtmf_rx_free(t->dtmf);
	free(t);
}

/*
 * The class of the block just filled: silence, the frequency set that
 * carries most of its power, or other.
 */
static int classify(struct msp_tones *t)
{
	double power = 0, ref = 0, share[NUM_FREQS], best = 0;
	unsigned int i;
	int s, cls = CLASS_OTHER;

	for (i = 0; i < BLOCK; i++)
		power += (double)t->block[i] * t->block[i];
	for (i = 0; i < NUM_FREQS; i++) {
		goertzel_update(&t->g[i], t->block, BLOCK);
		share[i] = goertzel_result(&t->g[i]);
		goertzel_reset(&t->g[i]);
	}
	if (power / BLOCK < SILENCE_POWER)
		return CLASS_SILENCE;
	/* The calibration sine: amplitude 8000, power 8000^2 / 2 a sample. */
	ref = power / (8000.0 * 8000.0 / 2 * BLOCK);
	for (s = 0; s < NUM_SETS; s++) {
		double sum = 0;

		for (i = 0; i < 2; i++)
			if (sets[s][i] >= 0)
				sum += share[sets[s][i]] / t->scale / ref;
		if (sum > best) {
			best = sum;
			cls = s;
		}
	}
	return best >= MIN_SHARE ? cls : CLASS_OTHER;
}

/* A tone part of set @set, then silence: which cadenced tone is it? */
static void match_cadence(struct msp_tones *t, const struct segment *on,
			  unsigned int off_ms, bool off_cut)
{
	unsigned int on_ms = seg_ms(on), i;
	const struct tone *tn;

	for (i = 0; i < NUM_TONES; i++) {
		tn = &tones[i];
		if (tn->set != on->cls || !tn->on_ms || !strcmp(tn->name, "sit"))
			continue;
		if (on->start ? !about(on_ms, tn->on_ms) :
				on_ms > tn->on_ms + tol(tn->on_ms))
			continue;
		if (off_cut ? off_ms + tol(tn->off_ms) < tn->off_ms :
			      !about(off_ms, tn->off_ms))
			continue;
		report_tone(t, i, on_ms, off_ms);
		return;
	}
}

/* The last three segments closed: the special information tone? */
static void match_sit(struct msp_tones *t)
{
	const struct segment *h = t->hist;
	unsigned int i, k;

	for (i = 0; i < NUM_TONES; i++) {
		const struct tone *tn = &tones[i];

		if (strcmp(tn->name, "sit"))
			continue;
		for (k = 0; k < 3; k++) {
			unsigned int want = k == 2 ? tn->off_ms : tn->on_ms;

			/* hist[2] is the first of the three. */
			if (h[2 - k].cls != tn->set + (int)k ||
			    !about(seg_ms(&h[2 - k]), want))
				break;
		}
		if (k == 3)
			report_tone(t, i, seg_ms(&h[0]) + seg_ms(&h[1]) +
				    seg_ms(&h[2]), 0);
	}
}

static void close_segment(struct msp_tones *t)
{
	memmove(&t->hist[1], &t->hist[0], 2 * sizeof(t->hist[0]));
	t->hist[0] = t->cur;
	if (t->hist[0].cls == CLASS_SILENCE && t->hist[1].cls >= 0)
		match_cadence(t, &t->hist[1], seg_ms(&t->hist[0]), false);
	match_sit(t);
}

/* A steady tone: as soon as its segment is long enough. */
static void check_steady(struct msp_tones *t)
{
	unsigned int i;

	if (t->cur.cls < 0 || t->cur_reported || seg_ms(&t->cur) < STEADY_MS)
		return;
	t->cur_reported = true;
	for (i = 0; i < NUM_TONES; i++)
		if (tones[i].set == t->cur.cls && !tones[i].on_ms)
			report_tone(t, i, 0, 0);
}

static void start_segment(struct msp_tones *t, int cls, unsigned int len)
{
	if (t->cur.len)
		close_segment(t);
	t->cur.cls = cls;
	t->cur.start = t->blocks + 1 - len;
	t->cur.len = len;
	t->cur_reported = false;
}

/*
 * A block where a tone starts or stops is partly silent: neither silence
 * nor the tone.  One such block counts in the segment it ends; a second
 * "other" block in a row starts an "other" segment with both.
 */
static void block_done(struct msp_tones *t)
{
	int cls = classify(t);

	if (t->edge) {
		t->edge = false;
		if (cls == CLASS_OTHER) {
			t->cur.len--;
			start_segment(t, CLASS_OTHER, 2);
			goto out;
		}
	}
	if (cls == t->cur.cls) {
		t->cur.len++;
	} else if (cls == CLASS_OTHER && t->cur.len) {
		t->edge = true;
		t->cur.len++;
	} else {
		start_segment(t, cls, 1);
	}
out:
	check_steady(t);
	t->blocks++;
	t->fill = 0;
}

void msp_tones_feed(struct msp_tones *t, const int16_t *samples, size_t n)
{
	size_t k;

	while (n) {
		k = BLOCK - t->fill;
		if (k > n)
			k = n;
		memcpy(t->block + t->fill, samples, k * sizeof(*samples));
		dtmf_rx(t->dtmf, samples, k);
		t->fill += k;
		samples += k;
		n -= k;
		if (t->fill == BLOCK)
			block_done(t);
	}
}

void msp_tones_finish(struct msp_tones *t)
{
	/* Silence at the end may complete a cadence: it was cut short. */
	if (t->cur.cls == CLASS_SILENCE && t->hist[0].cls >= 0)
		match_cadence(t, &t->hist[0], seg_ms(&t->cur), true);
}
