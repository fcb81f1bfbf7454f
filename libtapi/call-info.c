// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Call information: a snapshot of what is known of a call (LINECALLINFO).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

struct tapi_line_call_info {
	struct tapi_call_info ci;
};

/* The party of each enum tapi_party_kind, in the snapshot. */
static const struct tapi_call_party *
party_of(const struct tapi_line_call_info *info, enum tapi_party_kind party)
{
	switch (party) {
	case TAPI_PARTY_CALLER:
		return &info->ci.caller;
	case TAPI_PARTY_CALLED:
		return &info->ci.called;
	case TAPI_PARTY_CONNECTED:
		return &info->ci.connected;
	case TAPI_PARTY_REDIRECTING:
		return &info->ci.redirecting;
	case TAPI_PARTY_REDIRECTION:
		return &info->ci.redirection;
	default:
		return NULL;
	}
}

/* Whatever the kernel wrote, every party's strings end in a NUL. */
static void terminate_party(struct tapi_call_party *p)
{
	p->number[sizeof(p->number) - 1] = '\0';
	p->name[sizeof(p->name) - 1] = '\0';
}

struct tapi_line_call_info *
tapi_line_call_info_from(const struct tapi_call_info *ci)
{
	struct tapi_line_call_info *info;

	info = malloc(sizeof(*info));
	if (!info)
		return NULL;
	info->ci = *ci;
	terminate_party(&info->ci.caller);
	terminate_party(&info->ci.called);
	terminate_party(&info->ci.connected);
	terminate_party(&info->ci.redirecting);
	terminate_party(&info->ci.redirection);
	/* No more bytes than there is room for, whatever the core says. */
	if (info->ci.user_user_len > sizeof(info->ci.user_user_info))
		info->ci.user_user_len = sizeof(info->ci.user_user_info);
	return info;
}

TAPI_API struct tapi_line_call_info *
tapi_line_get_call_info(struct tapi_line *line, uint32_t call)
{
	struct tapi_call_info ci;

	memset(&ci, 0, sizeof(ci));
	ci.size = sizeof(ci);
	ci.call = call;
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_GET_INFO, &ci))
		return NULL;
	return tapi_line_call_info_from(&ci);
}

TAPI_API void tapi_line_call_info_free(struct tapi_line_call_info *info)
{
	free(info);
}

TAPI_API uint32_t
tapi_line_call_info_get_call(const struct tapi_line_call_info *info)
{
	return info->ci.call;
}

TAPI_API unsigned int
tapi_line_call_info_get_line(const struct tapi_line_call_info *info)
{
	return info->ci.line;
}

TAPI_API unsigned int
tapi_line_call_info_get_address_id(const struct tapi_line_call_info *info)
{
	return info->ci.address_id;
}

TAPI_API uint32_t
tapi_line_call_info_get_call_id(const struct tapi_line_call_info *info)
{
	return info->ci.call_id;
}

TAPI_API uint32_t
tapi_line_call_info_get_related_call_id(const struct tapi_line_call_info *info)
{
	return info->ci.related_call_id;
}

TAPI_API uint32_t
tapi_line_call_info_get_media_mode(const struct tapi_line_call_info *info)
{
	return info->ci.media_mode;
}

TAPI_API uint32_t
tapi_line_call_info_get_bearer_mode(const struct tapi_line_call_info *info)
{
	return info->ci.bearer_mode;
}

TAPI_API uint32_t
tapi_line_call_info_get_origin(const struct tapi_line_call_info *info)
{
	return info->ci.origin;
}

TAPI_API uint32_t
tapi_line_call_info_get_reason(const struct tapi_line_call_info *info)
{
	return info->ci.reason;
}

TAPI_API unsigned int
tapi_line_call_info_get_num_owners(const struct tapi_line_call_info *info)
{
	return info->ci.num_owners;
}

TAPI_API unsigned int
tapi_line_call_info_get_num_monitors(const struct tapi_line_call_info *info)
{
	return info->ci.num_monitors;
}

TAPI_API uint64_t
tapi_line_call_info_get_create_ns(const struct tapi_line_call_info *info)
{
	return info->ci.create_ns;
}

TAPI_API uint64_t
tapi_line_call_info_get_state_entry_ns(const struct tapi_line_call_info *info,
				       uint32_t state)
{
	unsigned int bit;

	/* One defined state bit, else 0. */
	if (!state || (state & (state - 1)) || (state & ~TAPI_CALLSTATE_VALID))
		return 0;
	bit = __builtin_ctz(state);
	if (bit >= ARRAY_SIZE(info->ci.state_entry_ns))
		return 0;
	return info->ci.state_entry_ns[bit];
}

TAPI_API const char *
tapi_line_call_info_get_party_number(const struct tapi_line_call_info *info,
				     enum tapi_party_kind party)
{
	const struct tapi_call_party *p = party_of(info, party);

	if (!p) {
		errno = EINVAL;
		return NULL;
	}
	return p->number;
}

TAPI_API const char *
tapi_line_call_info_get_party_name(const struct tapi_line_call_info *info,
				   enum tapi_party_kind party)
{
	const struct tapi_call_party *p = party_of(info, party);

	if (!p) {
		errno = EINVAL;
		return NULL;
	}
	return p->name;
}

TAPI_API uint32_t
tapi_line_call_info_get_party_flags(const struct tapi_line_call_info *info,
				    enum tapi_party_kind party)
{
	const struct tapi_call_party *p = party_of(info, party);

	return p ? p->flags : 0;
}

TAPI_API uint32_t
tapi_line_call_info_get_param_flags(const struct tapi_line_call_info *info)
{
	return info->ci.param_flags;
}

TAPI_API uint32_t
tapi_line_call_info_get_completion_id(const struct tapi_line_call_info *info)
{
	return info->ci.completion_id;
}

TAPI_API size_t
tapi_line_call_info_get_user_user_len(const struct tapi_line_call_info *info)
{
	return info->ci.user_user_len;
}

TAPI_API const void *
tapi_line_call_info_get_user_user_info(const struct tapi_line_call_info *info)
{
	return info->ci.user_user_info;
}
