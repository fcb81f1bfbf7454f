/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi core: in-band signal processing on 8 kHz 16-bit linear audio, in
 * fixed point: DTMF and tone detection (Goertzel) and DTMF and tone
 * generation.  No locking and no core objects here: the caller serializes
 * each detector and generator (media-control.c does, under
 * call->media_lock).  Everything may run in any context.
 */
#ifndef _TAPI_DSP_H
#define _TAPI_DSP_H

#include <linux/types.h>
#include <linux/tapi.h>

/**
 * struct tapi_goertzel - one frequency's Goertzel filter over a block
 * @coeff: 2 cos(2 pi f / 8000), Q14
 * @s1: the filter's last output
 * @s2: the one before
 */
struct tapi_goertzel {
	s32 coeff;
	s32 s1;
	s32 s2;
};

/**
 * struct tapi_dtmf_det - a DTMF detector
 * @row: filters of the four low-group frequencies
 * @col: filters of the four high-group frequencies
 * @energy: sum of the squares of the block's samples
 * @n: samples of the current block so far
 * @digit: the digit being heard (reported at its start), 0 if none
 * @cand: the digit the last block heard, 0 if none
 * @hits: blocks in a row that heard @cand
 * @misses: blocks in a row, since @digit started, that did not hear it
 * @start_ns: when @digit started
 * @end_ns: when it ended (valid on %TAPI_DTMF_END)
 * @samples: samples fed so far
 * @start_sample: @samples where @digit started
 * @end_sample: @samples where it ended (valid on %TAPI_DTMF_END); the
 *	length comes from these, not from clock times, which bunch up when
 *	a card delivers late audio in bursts
 *
 * A digit's edges fall inside the blocks around it; a block mostly filled
 * by the digit hears it, so the first and last block that heard it stand
 * for its start and end, to within half a block.
 */
struct tapi_dtmf_det {
	struct tapi_goertzel row[4];
	struct tapi_goertzel col[4];
	u64 energy;
	u32 n;
	char digit;
	char cand;
	u32 hits;
	u32 misses;
	u64 start_ns;
	u64 end_ns;
	u64 samples;
	u64 start_sample;
	u64 end_sample;
};

/**
 * enum tapi_dtmf_what - what tapi_dtmf_feed() found
 * @TAPI_DTMF_NONE: nothing new
 * @TAPI_DTMF_START: a digit started
 * @TAPI_DTMF_END: the digit ended
 */
enum tapi_dtmf_what {
	TAPI_DTMF_NONE,
	TAPI_DTMF_START,
	TAPI_DTMF_END,
};

/**
 * struct tapi_tone_det - a detector of one tone (up to three frequencies,
 *	or silence)
 * @f: a filter per frequency
 * @nf: frequencies used; 0 listens for silence
 * @energy: sum of the squares of the block's samples
 * @n: samples of the current block so far
 * @blocks: blocks in a row the tone was heard in
 * @need: blocks it must be heard in to count
 * @reported: it was reported since it last stopped
 */
struct tapi_tone_det {
	struct tapi_goertzel f[TAPI_TONE_MAX_FREQS];
	u32 nf;
	u64 energy;
	u32 n;
	u32 blocks;
	u32 need;
	bool reported;
};

/**
 * struct tapi_tone_gen - a generator of a tone of up to three components
 *	with their own cadences
 * @inc: phase step a sample of each component
 * @phase: phase of each component
 * @amp: peak of each component
 * @on: samples each component sounds in a period (0: steady)
 * @period: samples of each component's period
 * @at: where each component is in its period
 * @nc: components used
 * @pos: samples generated so far
 * @total: samples to generate, 0 for no end
 */
struct tapi_tone_gen {
	u32 inc[TAPI_TONE_MAX_FREQS];
	u32 phase[TAPI_TONE_MAX_FREQS];
	s32 amp[TAPI_TONE_MAX_FREQS];
	u32 on[TAPI_TONE_MAX_FREQS];
	u32 period[TAPI_TONE_MAX_FREQS];
	u32 at[TAPI_TONE_MAX_FREQS];
	u32 nc;
	u64 pos;
	u64 total;
};

/* Samples of a DTMF and of a tone detection block. */
#define TAPI_DTMF_BLOCK		102
#define TAPI_TONE_BLOCK		200

void tapi_dtmf_det_init(struct tapi_dtmf_det *d);
enum tapi_dtmf_what tapi_dtmf_feed(struct tapi_dtmf_det *d, s16 x,
				   u64 now_ns);
void tapi_tone_det_init(struct tapi_tone_det *t, const u32 *freq_hz,
			u32 duration_ms);
bool tapi_tone_feed(struct tapi_tone_det *t, s16 x);

void tapi_tone_gen_init(struct tapi_tone_gen *g,
			const struct tapi_tone_component *c, unsigned int nc,
			u32 duration_ms);
bool tapi_tone_gen_run(struct tapi_tone_gen *g, s16 *out, unsigned int n,
		       unsigned int *done);
int tapi_dtmf_freqs(char digit, u32 *low, u32 *high);

#endif /* _TAPI_DSP_H */
