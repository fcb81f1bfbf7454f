// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wavtool: make and compare the sound files the MSP tests use.
 *
 *   wavtool noise FILE SECONDS [SEED]      pseudo-random linear PCM
 *   wavtool dtmf FILE DIGITS [BEFORE_MS [AFTER_MS]]
 *                                          DTMF (spandsp's dtmf_tx), after
 *                                          and before silence (200 ms)
 *   wavtool tone FILE ZONE NAME SECONDS    a call-progress tone (tone_gen)
 *   wavtool match PLAYED RECORDED FORMAT   is PLAYED inside RECORDED?
 *
 * match looks for the offset in RECORDED where PLAYED starts and compares
 * every sample from there: bit-exact for linear16, within the G.711
 * quantisation error for ulaw and alaw.  It prints the offset and the
 * largest difference; exit 0 when the whole of PLAYED is there, 1 if not,
 * 2 for bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

#include "msp.h"

/* Samples compared to find where PLAYED starts. */
#define PROBE		64
/* Silence before and after DTMF digits, unless told. */
#define DTMF_SILENCE_MS	200
/* Each frequency of a tone, in dBm0 (as the sim card's). */
#define TONE_LEVEL	(-13)

static int usage(void)
{
	fputs("usage: wavtool noise FILE SECONDS [SEED] |"
	      " dtmf FILE DIGITS [BEFORE_MS [AFTER_MS]] |"
	      " tone FILE ZONE NAME SECONDS | match PLAYED RECORDED FORMAT\n",
	      stderr);
	return 2;
}

static int write_all(const char *path, const int16_t *s, size_t n)
{
	struct msp_wav *w = msp_wav_create(path);

	if (!w || msp_wav_write(w, s, n) || msp_wav_close(w)) {
		fprintf(stderr, "wavtool: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int16_t *read_all(const char *path, size_t *n)
{
	size_t cap = MSP_RATE, len = 0;
	int16_t *s = malloc(cap * sizeof(*s));
	struct msp_wav *w;
	const char *why;
	long got;

	w = msp_wav_open(path, &why);
	if (!w || !s) {
		fprintf(stderr, "wavtool: %s: %s\n", path,
			w ? strerror(errno) : errno == EINVAL ? why :
			strerror(errno));
		exit(1);
	}
	for (;;) {
		if (len == cap) {
			cap *= 2;
			s = realloc(s, cap * sizeof(*s));
			if (!s)
				exit(1);
		}
		got = msp_wav_read(w, s + len, cap - len);
		if (got <= 0)
			break;
		len += got;
	}
	msp_wav_close(w);
	*n = len;
	return s;
}

static int make_noise(const char *path, unsigned int seconds, unsigned int seed)
{
	size_t n = seconds * MSP_RATE, i;
	uint32_t x = seed ? seed : 1;
	int16_t *s = malloc(n * sizeof(*s));
	int ret;

	if (!s)
		return 1;
	for (i = 0; i < n; i++) {
		/* xorshift32, the full 16-bit range but for the extremes */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		s[i] = (int16_t)(x >> 16) / 2 * 2 + (int16_t)(x & 1);
	}
	ret = write_all(path, s, n);
	free(s);
	return ret;
}

/* @digits with @before_ms of silence before them and @after_ms after. */
static int make_dtmf(const char *path, const char *digits,
		     unsigned int before_ms, unsigned int after_ms)
{
	size_t before = (size_t)before_ms * MSP_SAMPLES_PER_MS;
	size_t after = (size_t)after_ms * MSP_SAMPLES_PER_MS;
	size_t cap = before + (strlen(digits) + 1) * MSP_RATE / 4 + after;
	int16_t *s = calloc(cap, sizeof(*s));
	dtmf_tx_state_t *tx = dtmf_tx_init(NULL);
	size_t n = before;
	int got, ret;

	if (!s || !tx)
		return 1;
	dtmf_tx_put(tx, digits, -1);
	while ((got = dtmf_tx(tx, s + n, cap - after - n)) > 0)
		n += got;
	n += after;
	ret = write_all(path, s, n);
	dtmf_tx_free(tx);
	free(s);
	return ret;
}

static const struct {
	const char *zone, *name;
	int f1, f2, on, off;
} tone_table[] = {
	{ "us", "dial", 350, 440, 0, 0 },
	{ "us", "ringback", 440, 480, 2000, 4000 },
	{ "us", "busy", 480, 620, 500, 500 },
	{ "us", "congestion", 480, 620, 250, 250 },
	{ "cept", "dial", 425, 0, 0, 0 },
	{ "cept", "ringback", 425, 0, 1000, 4000 },
	{ "cept", "busy", 425, 0, 500, 500 },
	{ "cept", "congestion", 425, 0, 250, 250 },
};

static int make_tone(const char *path, const char *zone, const char *name,
		unsigned int seconds)
{
	size_t n = seconds * MSP_RATE, i;
	tone_gen_descriptor_t *d;
	tone_gen_state_t *g;
	int16_t *s;
	int ret, on, off;

	for (i = 0; i < sizeof(tone_table) / sizeof(tone_table[0]); i++)
		if (!strcmp(zone, tone_table[i].zone) &&
		    !strcmp(name, tone_table[i].name))
			break;
	if (i == sizeof(tone_table) / sizeof(tone_table[0]))
		return usage();
	on = tone_table[i].on ? tone_table[i].on : (int)seconds * 1000;
	off = tone_table[i].off;
	d = tone_gen_descriptor_init(NULL, tone_table[i].f1, TONE_LEVEL,
				     tone_table[i].f2, TONE_LEVEL, on, off,
				     0, 0, 1);
	g = tone_gen_init(NULL, d);
	s = calloc(n, sizeof(*s));
	if (!d || !g || !s)
		return 1;
	tone_gen(g, s, n);
	ret = write_all(path, s, n);
	tone_gen_free(g);
	tone_gen_descriptor_free(d);
	free(s);
	return ret;
}

/* How far a sample may be from what was played, in @format. */
static int tolerance(int format, int16_t x)
{
	int mag = x < 0 ? -x : x;

	if (format == TAPI_MEDIA_LINEAR16)
		return 0;
	/* G.711: 4 bits of mantissa, so half a step is under 1/32 + 1/64. */
	return mag / 16 + 32;
}

static bool close_enough(int format, int16_t played, int16_t got, int *err)
{
	int d = abs(played - got);

	if (d > *err)
		*err = d;
	return d <= tolerance(format, played);
}

static int match(const char *played_path, const char *rec_path,
		 const char *fmt)
{
	size_t np, nr, off, i;
	int16_t *p, *r;
	int format = msp_format_parse(fmt), err = 0;

	if (format < 0)
		return usage();
	p = read_all(played_path, &np);
	r = read_all(rec_path, &nr);
	if (np < PROBE) {
		fprintf(stderr, "wavtool: %s: too short\n", played_path);
		return 1;
	}
	for (off = 0; off + np <= nr; off++) {
		int e = 0;

		for (i = 0; i < PROBE; i++)
			if (!close_enough(format, p[i], r[off + i], &e))
				break;
		if (i == PROBE)
			break;
	}
	if (off + np > nr) {
		printf("no match: %zu samples played, %zu recorded\n", np, nr);
		return 1;
	}
	for (i = 0; i < np; i++)
		if (!close_enough(format, p[i], r[off + i], &err))
			break;
	printf("offset %zu: %zu of %zu samples match, largest difference %d\n",
	       off, i, np, err);
	free(p);
	free(r);
	return i == np ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "noise"))
		return make_noise(argv[2], atoi(argv[3]), 1);
	if (argc == 5 && !strcmp(argv[1], "noise"))
		return make_noise(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc >= 4 && argc <= 6 && !strcmp(argv[1], "dtmf"))
		return make_dtmf(argv[2], argv[3],
				 argc > 4 ? atoi(argv[4]) : DTMF_SILENCE_MS,
				 argc > 5 ? atoi(argv[5]) : DTMF_SILENCE_MS);
	if (argc == 6 && !strcmp(argv[1], "tone"))
		return make_tone(argv[2], argv[3], argv[4], atoi(argv[5]));
	if (argc == 5 && !strcmp(argv[1], "match"))
		return match(argv[2], argv[3], argv[4]);
	return usage();
}
