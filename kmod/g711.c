// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: G.711 (ITU-T G.711) mu-law and A-law, to and from 16-bit
 * linear samples, for media fds that asked for a companded format.
 *
 * Encoding works on the sample's magnitude: find its segment (a power of
 * two, the exponent), keep four bits below the leading one (the mantissa).
 * mu-law adds a bias of 33 (in 14-bit units) first so that every segment
 * starts at a power of two, and inverts all bits; A-law has a linear first
 * segment and inverts the even bits.  Decoding is by tables built at load.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "tapi_core.h"

#define ULAW_BIAS	0x84		/* 33 << 2: the bias in 16-bit units */
#define ULAW_CLIP	(0x7fff - ULAW_BIAS)

static s16 tapi_ulaw_table[256];
static s16 tapi_alaw_table[256];
/* One law straight to the other, through linear: built at load too. */
static u8 tapi_ulaw_to_alaw_table[256];
static u8 tapi_alaw_to_ulaw_table[256];

/**
 * tapi_linear_to_ulaw() - encode one sample in mu-law
 * @pcm: the linear sample
 *
 * Return: the mu-law byte.
 */
u8 tapi_linear_to_ulaw(s16 pcm)
{
	int mag = pcm < 0 ? -(int)pcm : pcm;
	u8 sign = pcm < 0 ? 0x80 : 0;
	int exp;

	mag = min(mag, ULAW_CLIP) + ULAW_BIAS;
	/* mag is now 0x84..0x7fff: its leading one is bit 7 to bit 14. */
	exp = fls(mag) - 8;
	return ~(sign | exp << 4 | ((mag >> (exp + 3)) & 0x0f));
}

static s16 tapi_ulaw_decode(u8 u)
{
	int exp, mag;

	u = ~u;
	exp = (u >> 4) & 0x07;
	mag = ((((u & 0x0f) << 3) + ULAW_BIAS) << exp) - ULAW_BIAS;
	return u & 0x80 ? -mag : mag;
}

/**
 * tapi_linear_to_alaw() - encode one sample in A-law
 * @pcm: the linear sample
 *
 * Return: the A-law byte.
 */
u8 tapi_linear_to_alaw(s16 pcm)
{
	/* A-law codes 13-bit magnitudes; negative ones are one's complement. */
	int mag = pcm >= 0 ? pcm >> 3 : (-(int)pcm - 1) >> 3;
	u8 code, mask = pcm >= 0 ? 0xd5 : 0x55;
	int seg;

	if (mag < 32) {
		code = mag >> 1;			/* segments 0 and 1 */
	} else {
		seg = fls(mag) - 5;			/* 1..7 for 32..4095 */
		code = seg > 7 ? 0x7f : seg << 4 | ((mag >> seg) & 0x0f);
	}
	return code ^ mask;
}

static s16 tapi_alaw_decode(u8 a)
{
	int seg, mag;

	a ^= 0x55;
	seg = (a >> 4) & 0x07;
	mag = (a & 0x0f) << 4 | 0x08;			/* mid-step */
	if (seg)
		mag = (mag | 0x100) << (seg - 1);
	return a & 0x80 ? mag : -mag;
}

/**
 * tapi_ulaw_to_linear() - decode one mu-law byte
 * @u: the byte
 *
 * Return: the linear sample.
 */
s16 tapi_ulaw_to_linear(u8 u)
{
	return tapi_ulaw_table[u];
}

/**
 * tapi_alaw_to_linear() - decode one A-law byte
 * @a: the byte
 *
 * Return: the linear sample.
 */
s16 tapi_alaw_to_linear(u8 a)
{
	return tapi_alaw_table[a];
}

/**
 * tapi_g711_silence() - the byte of silence of a law
 * @format: %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW
 *
 * Return: 0xff for mu-law, 0xd5 for A-law (what linear 0 encodes to).
 */
u8 tapi_g711_silence(u32 format)
{
	return format == TAPI_MEDIA_ALAW ? 0xd5 : 0xff;
}

/**
 * tapi_g711_decode() - decode G.711 bytes to linear samples
 * @format: %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW
 * @dst: the samples
 * @src: the bytes
 * @n: how many
 */
void tapi_g711_decode(u32 format, s16 *dst, const u8 *src, unsigned int n)
{
	const s16 *table = format == TAPI_MEDIA_ALAW ? tapi_alaw_table :
						       tapi_ulaw_table;
	unsigned int i;

	for (i = 0; i < n; i++)
		dst[i] = table[src[i]];
}

/**
 * tapi_g711_encode() - encode linear samples in G.711
 * @format: %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW
 * @dst: the bytes
 * @src: the samples
 * @n: how many
 */
void tapi_g711_encode(u32 format, u8 *dst, const s16 *src, unsigned int n)
{
	unsigned int i;

	if (format == TAPI_MEDIA_ALAW) {
		for (i = 0; i < n; i++)
			dst[i] = tapi_linear_to_alaw(src[i]);
	} else {
		for (i = 0; i < n; i++)
			dst[i] = tapi_linear_to_ulaw(src[i]);
	}
}

/**
 * tapi_g711_transcode() - G.711 bytes of one law into the other
 * @to: the law of @dst, %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW; @src is in
 *	the other
 * @dst: the bytes converted
 * @src: the bytes to convert
 * @n: how many
 *
 * The same as decoding @src and encoding the samples in @to.
 */
void tapi_g711_transcode(u32 to, u8 *dst, const u8 *src, unsigned int n)
{
	const u8 *table = to == TAPI_MEDIA_ALAW ? tapi_ulaw_to_alaw_table :
						  tapi_alaw_to_ulaw_table;
	unsigned int i;

	for (i = 0; i < n; i++)
		dst[i] = table[src[i]];
}

/**
 * tapi_g711_init() - build the decoding tables; at module load
 */
void tapi_g711_init(void)
{
	unsigned int i;

	for (i = 0; i < 256; i++) {
		tapi_ulaw_table[i] = tapi_ulaw_decode(i);
		tapi_alaw_table[i] = tapi_alaw_decode(i);
	}
	for (i = 0; i < 256; i++) {
		tapi_ulaw_to_alaw_table[i] =
			tapi_linear_to_alaw(tapi_ulaw_table[i]);
		tapi_alaw_to_ulaw_table[i] =
			tapi_linear_to_ulaw(tapi_alaw_table[i]);
	}
}
