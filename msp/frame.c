// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Frames of a media fd to and from 16-bit linear samples; G.711 through
 * spandsp's codecs.
 */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include <spandsp.h>

#include "msp.h"

void msp_frame_decode(uint32_t format, const void *frame, int16_t *out,
		      unsigned int samples)
{
	const uint8_t *b = frame;
	unsigned int i;

	switch (format) {
	case TAPI_MEDIA_ULAW:
		for (i = 0; i < samples; i++)
			out[i] = ulaw_to_linear(b[i]);
		break;
	case TAPI_MEDIA_ALAW:
		for (i = 0; i < samples; i++)
			out[i] = alaw_to_linear(b[i]);
		break;
	default:
		memcpy(out, frame, samples * sizeof(*out));
		break;
	}
}

void msp_frame_encode(uint32_t format, const int16_t *in, void *frame,
		      unsigned int samples)
{
	uint8_t *b = frame;
	unsigned int i;

	switch (format) {
	case TAPI_MEDIA_ULAW:
		for (i = 0; i < samples; i++)
			b[i] = linear_to_ulaw(in[i]);
		break;
	case TAPI_MEDIA_ALAW:
		for (i = 0; i < samples; i++)
			b[i] = linear_to_alaw(in[i]);
		break;
	default:
		memcpy(frame, in, samples * sizeof(*in));
		break;
	}
}

static const struct {
	const char *name;
	uint32_t format;
} format_names[] = {
	{ "linear16", TAPI_MEDIA_LINEAR16 },
	{ "linear", TAPI_MEDIA_LINEAR16 },
	{ "slin", TAPI_MEDIA_LINEAR16 },
	{ "ulaw", TAPI_MEDIA_ULAW },
	{ "mulaw", TAPI_MEDIA_ULAW },
	{ "pcmu", TAPI_MEDIA_ULAW },
	{ "alaw", TAPI_MEDIA_ALAW },
	{ "pcma", TAPI_MEDIA_ALAW },
};

int msp_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcasecmp(name, format_names[i].name))
			return format_names[i].format;
	errno = EINVAL;
	return -1;
}

const char *msp_format_name(uint32_t format)
{
	switch (format) {
	case TAPI_MEDIA_LINEAR16:
		return "linear16";
	case TAPI_MEDIA_ULAW:
		return "ulaw";
	case TAPI_MEDIA_ALAW:
		return "alaw";
	}
	return "unknown";
}
