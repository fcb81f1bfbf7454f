// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call parameters: how a call is to be placed (lineMakeCall's
 * LINECALLPARAMS, the part the ABI has).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct tapi_call_params {
	unsigned int address_id;
	uint32_t media_mode;
	uint32_t bearer_mode;
	unsigned int no_answer_timeout_ms;
	bool block_id;
};

TAPI_API void tapi_call_params_reset(struct tapi_call_params *params)
{
	memset(params, 0, sizeof(*params));
}

TAPI_API struct tapi_call_params *tapi_call_params_new(void)
{
	struct tapi_call_params *params;

	params = malloc(sizeof(*params));
	if (!params)
		return NULL;
	tapi_call_params_reset(params);
	return params;
}

TAPI_API void tapi_call_params_free(struct tapi_call_params *params)
{
	free(params);
}

TAPI_API void tapi_call_params_set_address_id(struct tapi_call_params *params,
					      unsigned int address_id)
{
	params->address_id = address_id;
}

TAPI_API unsigned int
tapi_call_params_get_address_id(const struct tapi_call_params *params)
{
	return params->address_id;
}

TAPI_API void tapi_call_params_set_media_mode(struct tapi_call_params *params,
					      uint32_t media_mode)
{
	params->media_mode = media_mode;
}

TAPI_API uint32_t
tapi_call_params_get_media_mode(const struct tapi_call_params *params)
{
	return params->media_mode;
}

TAPI_API void tapi_call_params_set_bearer_mode(struct tapi_call_params *params,
					       uint32_t bearer_mode)
{
	params->bearer_mode = bearer_mode;
}

TAPI_API uint32_t
tapi_call_params_get_bearer_mode(const struct tapi_call_params *params)
{
	return params->bearer_mode;
}

TAPI_API void
tapi_call_params_set_no_answer_timeout_ms(struct tapi_call_params *params,
					  unsigned int timeout_ms)
{
	params->no_answer_timeout_ms = timeout_ms;
}

TAPI_API unsigned int tapi_call_params_get_no_answer_timeout_ms(
	const struct tapi_call_params *params)
{
	return params->no_answer_timeout_ms;
}

TAPI_API void tapi_call_params_set_block_id(struct tapi_call_params *params,
					    bool block_id)
{
	params->block_id = block_id;
}

TAPI_API bool
tapi_call_params_get_block_id(const struct tapi_call_params *params)
{
	return params->block_id;
}
