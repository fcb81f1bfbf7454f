// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Line settings: how a line is to be opened (lineOpen's parameters).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct tapi_line_settings {
	uint32_t privileges;
	uint32_t media_modes;
	unsigned int event_queue_depth;
	uint64_t event_mask;
	bool nonblock;
	char app_name[TAPI_NAME_LEN];
};

TAPI_API void tapi_line_settings_reset(struct tapi_line_settings *settings)
{
	memset(settings, 0, sizeof(*settings));
	settings->privileges = TAPI_PRIV_NONE;
}

TAPI_API struct tapi_line_settings *tapi_line_settings_new(void)
{
	struct tapi_line_settings *settings;

	settings = malloc(sizeof(*settings));
	if (!settings)
		return NULL;
	tapi_line_settings_reset(settings);
	return settings;
}

TAPI_API void tapi_line_settings_free(struct tapi_line_settings *settings)
{
	free(settings);
}

TAPI_API void
tapi_line_settings_set_privileges(struct tapi_line_settings *settings,
				  uint32_t privileges)
{
	settings->privileges = privileges;
}

TAPI_API uint32_t
tapi_line_settings_get_privileges(const struct tapi_line_settings *settings)
{
	return settings->privileges;
}

TAPI_API void
tapi_line_settings_set_media_modes(struct tapi_line_settings *settings,
				   uint32_t media_modes)
{
	settings->media_modes = media_modes;
}

TAPI_API uint32_t
tapi_line_settings_get_media_modes(const struct tapi_line_settings *settings)
{
	return settings->media_modes;
}

TAPI_API void
tapi_line_settings_set_event_queue_depth(struct tapi_line_settings *settings,
					 unsigned int depth)
{
	settings->event_queue_depth = depth;
}

TAPI_API unsigned int
tapi_line_settings_get_event_queue_depth(const struct tapi_line_settings *settings)
{
	return settings->event_queue_depth;
}

TAPI_API void
tapi_line_settings_set_event_mask(struct tapi_line_settings *settings,
				  uint64_t mask)
{
	settings->event_mask = mask;
}

TAPI_API uint64_t
tapi_line_settings_get_event_mask(const struct tapi_line_settings *settings)
{
	return settings->event_mask;
}

TAPI_API int
tapi_line_settings_set_app_name(struct tapi_line_settings *settings,
				const char *name)
{
	size_t len = name ? strlen(name) : 0;

	if (len >= sizeof(settings->app_name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(settings->app_name, 0, sizeof(settings->app_name));
	if (len)
		memcpy(settings->app_name, name, len);
	return 0;
}

TAPI_API const char *
tapi_line_settings_get_app_name(const struct tapi_line_settings *settings)
{
	return settings->app_name;
}

TAPI_API void
tapi_line_settings_set_nonblock(struct tapi_line_settings *settings,
				bool nonblock)
{
	settings->nonblock = nonblock;
}

TAPI_API bool
tapi_line_settings_get_nonblock(const struct tapi_line_settings *settings)
{
	return settings->nonblock;
}
