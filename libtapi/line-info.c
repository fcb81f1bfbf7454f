// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Line information: a snapshot of a line's capabilities (LINEDEVCAPS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

struct tapi_line_info {
	unsigned int line;
	uint32_t permanent_id;
	unsigned int num_addresses;
	unsigned int max_active_calls;
	uint32_t media_modes;
	uint32_t bearer_modes;
	uint32_t features;
	uint32_t devcaps_flags;
	uint32_t string_format;
	uint32_t gen_digit_modes;
	uint32_t monitor_digit_modes;
	unsigned int gen_tone_max_freqs;
	unsigned int monitor_tone_max_freqs;
	unsigned int monitor_tone_max;
	char name[TAPI_LINE_NAME_LEN];
};

TAPI_API struct tapi_line_info *tapi_card_get_line_info(struct tapi_card *card,
							unsigned int line)
{
	struct tapi_line_devcaps caps;
	struct tapi_line_info *info;

	memset(&caps, 0, sizeof(caps));
	caps.size = sizeof(caps);
	caps.line = line;
	if (ioctl(tapi_card_get_fd(card), TAPI_IOC_LINE_GET_DEVCAPS, &caps))
		return NULL;

	info = calloc(1, sizeof(*info));
	if (!info)
		return NULL;
	info->line = line;
	info->permanent_id = caps.permanent_line_id;
	info->num_addresses = caps.num_addresses;
	info->max_active_calls = caps.max_active_calls;
	info->media_modes = caps.media_modes;
	info->bearer_modes = caps.bearer_modes;
	info->features = caps.line_features;
	info->devcaps_flags = caps.devcaps_flags;
	info->string_format = caps.string_format;
	info->gen_digit_modes = caps.gen_digit_modes;
	info->monitor_digit_modes = caps.monitor_digit_modes;
	info->gen_tone_max_freqs = caps.gen_tone_max_freqs;
	info->monitor_tone_max_freqs = caps.monitor_tone_max_freqs;
	info->monitor_tone_max = caps.monitor_tone_max;
	tapi_copy_kstr(info->name, caps.name, sizeof(info->name));
	return info;
}

TAPI_API void tapi_line_info_free(struct tapi_line_info *info)
{
	free(info);
}

TAPI_API unsigned int tapi_line_info_get_line(const struct tapi_line_info *info)
{
	return info->line;
}

TAPI_API const char *tapi_line_info_get_name(const struct tapi_line_info *info)
{
	return info->name;
}

TAPI_API uint32_t
tapi_line_info_get_permanent_id(const struct tapi_line_info *info)
{
	return info->permanent_id;
}

TAPI_API unsigned int
tapi_line_info_get_num_addresses(const struct tapi_line_info *info)
{
	return info->num_addresses;
}

TAPI_API unsigned int
tapi_line_info_get_max_active_calls(const struct tapi_line_info *info)
{
	return info->max_active_calls;
}

TAPI_API uint32_t
tapi_line_info_get_media_modes(const struct tapi_line_info *info)
{
	return info->media_modes;
}

TAPI_API uint32_t
tapi_line_info_get_bearer_modes(const struct tapi_line_info *info)
{
	return info->bearer_modes;
}

TAPI_API uint32_t tapi_line_info_get_features(const struct tapi_line_info *info)
{
	return info->features;
}

TAPI_API uint32_t
tapi_line_info_get_devcaps_flags(const struct tapi_line_info *info)
{
	return info->devcaps_flags;
}

TAPI_API uint32_t
tapi_line_info_get_string_format(const struct tapi_line_info *info)
{
	return info->string_format;
}

TAPI_API uint32_t
tapi_line_info_get_gen_digit_modes(const struct tapi_line_info *info)
{
	return info->gen_digit_modes;
}

TAPI_API uint32_t
tapi_line_info_get_monitor_digit_modes(const struct tapi_line_info *info)
{
	return info->monitor_digit_modes;
}

TAPI_API unsigned int
tapi_line_info_get_gen_tone_max_freqs(const struct tapi_line_info *info)
{
	return info->gen_tone_max_freqs;
}

TAPI_API unsigned int
tapi_line_info_get_monitor_tone_max_freqs(const struct tapi_line_info *info)
{
	return info->monitor_tone_max_freqs;
}

TAPI_API unsigned int
tapi_line_info_get_monitor_tone_max(const struct tapi_line_info *info)
{
	return info->monitor_tone_max;
}
