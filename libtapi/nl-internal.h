/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi internals of the generic netlink view (netlink.c, netlink-msg.c):
 * the snapshot objects and the parser that fills them from a message.
 * Nothing here is part of the public API.
 */
#ifndef _LIBTAPI_NL_INTERNAL_H
#define _LIBTAPI_NL_INTERNAL_H

#include <netlink/msg.h>

#include "internal.h"

struct tapi_nl_card {
	struct tapi_card_info info;
};

struct tapi_nl_line {
	unsigned int card;
	struct tapi_line_devcaps caps;
	struct tapi_line_devstatus status;
	unsigned int num_addresses;
	struct tapi_address_caps *addresses;
	uint32_t *num_calls;
};

struct tapi_nl_call {
	unsigned int card;
	struct tapi_call_info info;
	uint32_t state;
	uint32_t mode;
	uint32_t old_state;
	uint32_t info_fields;
	uint64_t state_ns;
};

/**
 * struct tapi_nl_event - one message of the family, parsed
 * @type: its command (&enum tapi_cmd)
 * @card: for the card commands, else NULL
 * @line: for the line commands, else NULL
 * @call: for the call commands, else NULL
 *
 * Replies to requests are parsed into the same structure; the request
 * takes the object it asked for and tapi_nl_event_release() the rest.
 */
struct tapi_nl_event {
	unsigned int type;
	struct tapi_nl_card *card;
	struct tapi_nl_line *line;
	struct tapi_nl_call *call;
};

/*
 * Parse message @nlh of the family into @ev (zeroed first).  Every
 * attribute goes through an nla_policy; attributes not known are ignored,
 * absent ones read as zero.
 *
 * Return: 1 when @ev holds an object, 0 for a command this library does
 * not know (skipped), or -1 with errno set (%EPROTO: the message does not
 * parse, %ENOMEM).
 */
int tapi_nl_parse(struct nlmsghdr *nlh, struct tapi_nl_event *ev);

/* Free the objects of @ev and clear it. */
void tapi_nl_event_release(struct tapi_nl_event *ev);

/* The errno closest to libnl error @nle (a NLE_* value, either sign). */
int tapi_nl_errno(int nle);

#endif /* _LIBTAPI_NL_INTERNAL_H */
