// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Address information: a snapshot of an address's capabilities
 * (LINEADDRESSCAPS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

struct tapi_address_info {
	unsigned int line;
	unsigned int id;
	unsigned int max_calls;
	uint32_t features;
	uint32_t call_features;
	uint32_t transfer_modes;
	unsigned int max_conf_members;
	uint32_t park_modes;
	uint32_t forward_modes;
	uint32_t completion_modes;
	unsigned int max_user_user;
	char address[TAPI_ADDRESS_LEN];
};

TAPI_API struct tapi_address_info *
tapi_card_get_address_info(struct tapi_card *card, unsigned int line,
			   unsigned int address_id)
{
	struct tapi_address_info *info;
	struct tapi_address_caps caps;

	memset(&caps, 0, sizeof(caps));
	caps.size = sizeof(caps);
	caps.line = line;
	caps.address_id = address_id;
	if (ioctl(tapi_card_get_fd(card), TAPI_IOC_ADDRESS_GET_CAPS, &caps))
		return NULL;

	info = calloc(1, sizeof(*info));
	if (!info)
		return NULL;
	info->line = line;
	info->id = address_id;
	info->max_calls = caps.max_calls;
	info->features = caps.address_features;
	info->call_features = caps.call_features;
	info->transfer_modes = caps.transfer_modes;
	info->max_conf_members = caps.max_conf_members;
	info->park_modes = caps.park_modes;
	info->forward_modes = caps.forward_modes;
	info->completion_modes = caps.completion_modes;
	info->max_user_user = caps.max_user_user;
	tapi_copy_kstr(info->address, caps.address, sizeof(info->address));
	return info;
}

TAPI_API void tapi_address_info_free(struct tapi_address_info *info)
{
	free(info);
}

TAPI_API unsigned int
tapi_address_info_get_line(const struct tapi_address_info *info)
{
	return info->line;
}

TAPI_API unsigned int
tapi_address_info_get_id(const struct tapi_address_info *info)
{
	return info->id;
}

TAPI_API const char *
tapi_address_info_get_address(const struct tapi_address_info *info)
{
	return info->address;
}

TAPI_API unsigned int
tapi_address_info_get_max_calls(const struct tapi_address_info *info)
{
	return info->max_calls;
}

TAPI_API uint32_t
tapi_address_info_get_features(const struct tapi_address_info *info)
{
	return info->features;
}

TAPI_API uint32_t
tapi_address_info_get_call_features(const struct tapi_address_info *info)
{
	return info->call_features;
}

TAPI_API uint32_t
tapi_address_info_get_transfer_modes(const struct tapi_address_info *info)
{
	return info->transfer_modes;
}

TAPI_API unsigned int
tapi_address_info_get_max_conf_members(const struct tapi_address_info *info)
{
	return info->max_conf_members;
}

TAPI_API uint32_t
tapi_address_info_get_park_modes(const struct tapi_address_info *info)
{
	return info->park_modes;
}

TAPI_API uint32_t
tapi_address_info_get_forward_modes(const struct tapi_address_info *info)
{
	return info->forward_modes;
}

TAPI_API uint32_t
tapi_address_info_get_completion_modes(const struct tapi_address_info *info)
{
	return info->completion_modes;
}

TAPI_API unsigned int
tapi_address_info_get_max_user_user(const struct tapi_address_info *info)
{
	return info->max_user_user;
}
