// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Digits and tones on a call (lineGenerateDigits, lineGenerateTone,
 * lineMonitorDigits, lineGatherDigits, lineMonitorTones,
 * lineMonitorMedia): each function fills one uapi structure and issues
 * one ioctl; the outcomes arrive as events on the line.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

/* Copy a string into a fixed uapi field: EINVAL if it does not fit. */
static int copy_field(char *dst, size_t size, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= size) {
		errno = EINVAL;
		return -1;
	}
	memcpy(dst, src ? src : "", len + 1);
	return 0;
}

static int line_ioctl(struct tapi_line *line, unsigned long cmd, void *arg)
{
	return ioctl(tapi_line_get_fd(line), cmd, arg) < 0 ? -1 : 0;
}

TAPI_API int tapi_line_generate_digits(struct tapi_line *line, uint32_t call,
				       const char *digits,
				       unsigned int duration_ms)
{
	struct tapi_generate_digits g;

	memset(&g, 0, sizeof(g));
	g.size = sizeof(g);
	g.call = call;
	g.digit_mode = TAPI_DIGITMODE_DTMF;
	g.duration_ms = duration_ms;
	if (copy_field(g.digits, sizeof(g.digits), digits))
		return -1;
	return line_ioctl(line, TAPI_IOC_CALL_GENERATE_DIGITS, &g);
}

TAPI_API int tapi_line_generate_tone(struct tapi_line *line, uint32_t call,
				     uint32_t tone_mode,
				     unsigned int duration_ms,
				     const struct tapi_tone_component *components,
				     unsigned int num_components)
{
	struct tapi_generate_tone g;

	if (num_components > TAPI_TONE_MAX_FREQS ||
	    (num_components && !components)) {
		errno = EINVAL;
		return -1;
	}
	memset(&g, 0, sizeof(g));
	g.size = sizeof(g);
	g.call = call;
	g.tone_mode = tone_mode;
	g.duration_ms = duration_ms;
	g.num_components = num_components;
	if (num_components)
		memcpy(g.components, components,
		       num_components * sizeof(*components));
	return line_ioctl(line, TAPI_IOC_CALL_GENERATE_TONE, &g);
}

TAPI_API int tapi_line_monitor_digits(struct tapi_line *line, uint32_t call,
				      uint32_t digit_modes)
{
	struct tapi_monitor_digits m;

	memset(&m, 0, sizeof(m));
	m.size = sizeof(m);
	m.call = call;
	m.digit_modes = digit_modes;
	return line_ioctl(line, TAPI_IOC_CALL_MONITOR_DIGITS, &m);
}

TAPI_API int tapi_line_gather_digits(struct tapi_line *line, uint32_t call,
				     uint32_t digit_modes,
				     unsigned int num_digits,
				     const char *terminators,
				     unsigned int first_timeout_ms,
				     unsigned int inter_timeout_ms)
{
	struct tapi_gather_digits g;

	memset(&g, 0, sizeof(g));
	g.size = sizeof(g);
	g.call = call;
	g.digit_modes = digit_modes;
	g.num_digits = num_digits;
	g.first_timeout_ms = first_timeout_ms;
	g.inter_timeout_ms = inter_timeout_ms;
	if (copy_field(g.terminators, sizeof(g.terminators), terminators))
		return -1;
	return line_ioctl(line, TAPI_IOC_CALL_GATHER_DIGITS, &g);
}

TAPI_API int tapi_line_monitor_tones(struct tapi_line *line, uint32_t call,
				     const struct tapi_tone_desc *tones,
				     unsigned int num_tones)
{
	struct tapi_monitor_tones m;

	if (num_tones > TAPI_MONITOR_TONES_MAX || (num_tones && !tones)) {
		errno = EINVAL;
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.size = sizeof(m);
	m.call = call;
	m.num_tones = num_tones;
	if (num_tones)
		memcpy(m.tones, tones, num_tones * sizeof(*tones));
	return line_ioctl(line, TAPI_IOC_CALL_MONITOR_TONES, &m);
}

TAPI_API int tapi_line_monitor_media(struct tapi_line *line, uint32_t call,
				     uint32_t media_modes)
{
	struct tapi_monitor_media m;

	memset(&m, 0, sizeof(m));
	m.size = sizeof(m);
	m.call = call;
	m.media_modes = media_modes;
	return line_ioctl(line, TAPI_IOC_CALL_MONITOR_MEDIA, &m);
}

TAPI_API int tapi_line_event_get_digits(const struct tapi_line_event *event,
					char *buf, size_t size)
{
	const struct tapi_event *ev = &event->ev;
	size_t n;

	if (ev->type == TAPI_EV_MONITORDIGITS) {
		n = 1;
		if (size < 2)
			goto too_small;
		buf[0] = (char)ev->param[0];
	} else if (ev->type == TAPI_EV_GATHERDIGITS) {
		n = ev->param[1];
		if (n > TAPI_GATHER_MAX_DIGITS)
			n = TAPI_GATHER_MAX_DIGITS;
		if (size < n + 1)
			goto too_small;
		memcpy(buf, &ev->param[2], n);
	} else {
		errno = EINVAL;
		return -1;
	}
	buf[n] = '\0';
	return (int)n;

too_small:
	errno = ERANGE;
	return -1;
}
