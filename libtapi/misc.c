// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Library version and the core's features.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

#ifndef LIBTAPI_VERSION
#error "LIBTAPI_VERSION must be defined by the build"
#endif

struct tapi_core_info {
	uint32_t abi_version;
	uint32_t max_lines;
	uint32_t max_addresses;
	uint32_t max_event_queue;
	uint64_t features;
};

TAPI_API const char *tapi_api_version(void)
{
	return LIBTAPI_VERSION;
}

TAPI_API struct tapi_core_info *tapi_card_get_core_info(struct tapi_card *card)
{
	struct tapi_core_info *info;
	struct tapi_features feat;

	memset(&feat, 0, sizeof(feat));
	feat.size = sizeof(feat);
	if (ioctl(tapi_card_get_fd(card), TAPI_IOC_GET_FEATURES, &feat))
		return NULL;

	info = calloc(1, sizeof(*info));
	if (!info)
		return NULL;
	info->abi_version = feat.abi_version;
	info->max_lines = feat.max_lines;
	info->max_addresses = feat.max_addresses;
	info->max_event_queue = feat.max_event_queue;
	info->features = feat.features;
	return info;
}

TAPI_API void tapi_core_info_free(struct tapi_core_info *info)
{
	free(info);
}

TAPI_API uint32_t
tapi_core_info_get_abi_version(const struct tapi_core_info *info)
{
	return info->abi_version;
}

TAPI_API uint64_t tapi_core_info_get_features(const struct tapi_core_info *info)
{
	return info->features;
}

TAPI_API bool tapi_core_info_has_feature(const struct tapi_core_info *info,
					 uint64_t feature)
{
	return feature && (info->features & feature) == feature;
}

TAPI_API uint32_t tapi_core_info_get_max_lines(const struct tapi_core_info *info)
{
	return info->max_lines;
}

TAPI_API uint32_t
tapi_core_info_get_max_addresses(const struct tapi_core_info *info)
{
	return info->max_addresses;
}

TAPI_API uint32_t
tapi_core_info_get_max_event_queue(const struct tapi_core_info *info)
{
	return info->max_event_queue;
}
