// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The generic netlink view's snapshots (cards, lines, calls, notifications)
 * and the parser that fills them from the family's messages, with libnl's
 * attribute policies: every attribute is checked for its type and, for
 * strings, for its NUL and for fitting the uapi field it lands in.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/genl/genl.h>

#include "nl-internal.h"

/* A string attribute of at most @len bytes, its NUL included. */
#define NL_STR(len)	{ .type = NLA_STRING, .maxlen = (len) }
#define NL_U32		{ .type = NLA_U32 }
#define NL_U64		{ .type = NLA_U64 }
#define NL_NEST		{ .type = NLA_NESTED }

static const struct nla_policy top_policy[TAPI_A_MAX + 1] = {
	[TAPI_A_CARD_INDEX]		= NL_U32,
	[TAPI_A_CARD_NAME]		= NL_STR(TAPI_NAME_LEN),
	[TAPI_A_CARD_DRIVER]		= NL_STR(TAPI_NAME_LEN),
	[TAPI_A_CARD_NUM_LINES]		= NL_U32,
	[TAPI_A_LINE_INDEX]		= NL_U32,
	[TAPI_A_LINE_NAME]		= NL_STR(TAPI_LINE_NAME_LEN),
	[TAPI_A_LINE_CAPS]		= NL_NEST,
	[TAPI_A_LINE_STATUS]		= NL_NEST,
	[TAPI_A_LINE_ADDRESS]		= NL_NEST,
	[TAPI_A_CALL_ID]		= NL_U32,
	[TAPI_A_CALL_ADDRESS_ID]	= NL_U32,
	[TAPI_A_CALL_STATE]		= NL_U32,
	[TAPI_A_CALL_MODE]		= NL_U32,
	[TAPI_A_CALL_OLD_STATE]		= NL_U32,
	[TAPI_A_CALL_MEDIA_MODE]	= NL_U32,
	[TAPI_A_CALL_BEARER_MODE]	= NL_U32,
	[TAPI_A_CALL_ORIGIN]		= NL_U32,
	[TAPI_A_CALL_REASON]		= NL_U32,
	[TAPI_A_CALL_RELATED_ID]	= NL_U32,
	[TAPI_A_CALL_PARAM_FLAGS]	= NL_U32,
	[TAPI_A_CALL_NUM_OWNERS]	= NL_U32,
	[TAPI_A_CALL_NUM_MONITORS]	= NL_U32,
	[TAPI_A_CALL_CREATE_NS]		= NL_U64,
	[TAPI_A_CALL_STATE_NS]		= NL_U64,
	[TAPI_A_CALL_CALLER]		= NL_NEST,
	[TAPI_A_CALL_CALLED]		= NL_NEST,
	[TAPI_A_CALL_CONNECTED]		= NL_NEST,
	[TAPI_A_CALL_REDIRECTING]	= NL_NEST,
	[TAPI_A_CALL_REDIRECTION]	= NL_NEST,
	[TAPI_A_CALL_INFO_FIELDS]	= NL_U32,
};

/* Every capability is a u32. */
static const struct nla_policy caps_policy[TAPI_A_LINE_CAPS_MAX + 1] = {
	[TAPI_A_LINE_CAPS_PERMANENT_ID]		= NL_U32,
	[TAPI_A_LINE_CAPS_NUM_ADDRESSES]	= NL_U32,
	[TAPI_A_LINE_CAPS_MAX_ACTIVE_CALLS]	= NL_U32,
	[TAPI_A_LINE_CAPS_MEDIA_MODES]		= NL_U32,
	[TAPI_A_LINE_CAPS_BEARER_MODES]		= NL_U32,
	[TAPI_A_LINE_CAPS_LINE_FEATURES]	= NL_U32,
	[TAPI_A_LINE_CAPS_DEVCAPS_FLAGS]	= NL_U32,
	[TAPI_A_LINE_CAPS_GEN_DIGIT_MODES]	= NL_U32,
	[TAPI_A_LINE_CAPS_MONITOR_DIGIT_MODES]	= NL_U32,
	[TAPI_A_LINE_CAPS_GEN_TONE_MAX_FREQS]	= NL_U32,
	[TAPI_A_LINE_CAPS_MONITOR_TONE_MAX_FREQS] = NL_U32,
	[TAPI_A_LINE_CAPS_MONITOR_TONE_MAX]	= NL_U32,
	[TAPI_A_LINE_CAPS_STRING_FORMAT]	= NL_U32,
};

static const struct nla_policy status_policy[TAPI_A_LINE_STATUS_MAX + 1] = {
	[TAPI_A_LINE_STATUS_NUM_OPENS]		= NL_U32,
	[TAPI_A_LINE_STATUS_NUM_OWNERS]		= NL_U32,
	[TAPI_A_LINE_STATUS_NUM_MONITORS]	= NL_U32,
	[TAPI_A_LINE_STATUS_OPEN_MEDIA_MODES]	= NL_U32,
	[TAPI_A_LINE_STATUS_NUM_ACTIVE_CALLS]	= NL_U32,
	[TAPI_A_LINE_STATUS_NUM_ONHOLD_CALLS]	= NL_U32,
	[TAPI_A_LINE_STATUS_NUM_ONHOLDPEND_CALLS] = NL_U32,
	[TAPI_A_LINE_STATUS_LINE_FEATURES]	= NL_U32,
	[TAPI_A_LINE_STATUS_DEVSTATUS_FLAGS]	= NL_U32,
};

static const struct nla_policy address_policy[TAPI_A_ADDRESS_MAX + 1] = {
	[TAPI_A_ADDRESS_ID]		= NL_U32,
	[TAPI_A_ADDRESS_ADDRESS]	= NL_STR(TAPI_ADDRESS_LEN),
	[TAPI_A_ADDRESS_MAX_CALLS]	= NL_U32,
	[TAPI_A_ADDRESS_FEATURES]	= NL_U32,
	[TAPI_A_ADDRESS_CALL_FEATURES]	= NL_U32,
	[TAPI_A_ADDRESS_NUM_CALLS]	= NL_U32,
	[TAPI_A_ADDRESS_TRANSFER_MODES]	= NL_U32,
	[TAPI_A_ADDRESS_MAX_CONF_MEMBERS] = NL_U32,
	[TAPI_A_ADDRESS_PARK_MODES]	= NL_U32,
	[TAPI_A_ADDRESS_FORWARD_MODES]	= NL_U32,
	[TAPI_A_ADDRESS_COMPLETION_MODES] = NL_U32,
	[TAPI_A_ADDRESS_MAX_USER_USER]	= NL_U32,
};

static const struct nla_policy party_policy[TAPI_A_PARTY_MAX + 1] = {
	[TAPI_A_PARTY_FLAGS]	= NL_U32,
	[TAPI_A_PARTY_NUMBER]	= NL_STR(TAPI_DIAL_LEN),
	[TAPI_A_PARTY_NAME]	= NL_STR(TAPI_PARTY_NAME_LEN),
};

/* ------------------------------------------------------------------ */
/* Attribute helpers: absent reads as zero                             */
/* ------------------------------------------------------------------ */

static uint32_t get_u32(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

static uint64_t get_u64(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u64(tb[type]) : 0;
}

/* The policy made sure the string and its NUL fit @len. */
static void get_str(struct nlattr **tb, int type, char *dst, size_t len)
{
	if (tb[type])
		nla_strlcpy(dst, tb[type], len);
}

int tapi_nl_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_SUCCESS:	return 0;
	case NLE_INTR:		return EINTR;
	case NLE_BAD_SOCK:	return EBADF;
	case NLE_AGAIN:		return EAGAIN;
	case NLE_NOMEM:		return ENOMEM;
	case NLE_EXIST:		return EEXIST;
	case NLE_INVAL:		return EINVAL;
	case NLE_RANGE:		return ERANGE;
	case NLE_MSGSIZE:	return EMSGSIZE;
	case NLE_OPNOTSUPP:	return EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:	return EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND:	return ENOENT;
	case NLE_NOACCESS:	return EACCES;
	case NLE_PERM:		return EPERM;
	case NLE_BUSY:		return EBUSY;
	case NLE_NODEV:		return ENODEV;
	case NLE_PROTO_MISMATCH: return EPROTONOSUPPORT;
	case NLE_DUMP_INTR:	return EAGAIN;
	default:		return EPROTO;
	}
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

static int parse_nested(struct nlattr **tb, int maxtype, struct nlattr *nest,
			const struct nla_policy *policy)
{
	memset(tb, 0, (maxtype + 1) * sizeof(*tb));
	if (!nest)
		return 0;
	if (nla_parse_nested(tb, maxtype, nest, policy) < 0) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}

static struct tapi_nl_card *parse_card(struct nlattr **tb)
{
	struct tapi_nl_card *card = calloc(1, sizeof(*card));

	if (!card)
		return NULL;
	card->info.size = sizeof(card->info);
	card->info.index = get_u32(tb, TAPI_A_CARD_INDEX);
	card->info.num_lines = get_u32(tb, TAPI_A_CARD_NUM_LINES);
	get_str(tb, TAPI_A_CARD_NAME, card->info.name,
		sizeof(card->info.name));
	get_str(tb, TAPI_A_CARD_DRIVER, card->info.driver,
		sizeof(card->info.driver));
	return card;
}

static int parse_caps(struct tapi_nl_line *line, struct nlattr *nest)
{
	struct tapi_line_devcaps *c = &line->caps;
	struct nlattr *tb[TAPI_A_LINE_CAPS_MAX + 1];

	if (parse_nested(tb, TAPI_A_LINE_CAPS_MAX, nest, caps_policy))
		return -1;
	c->permanent_line_id = get_u32(tb, TAPI_A_LINE_CAPS_PERMANENT_ID);
	c->num_addresses = get_u32(tb, TAPI_A_LINE_CAPS_NUM_ADDRESSES);
	c->max_active_calls = get_u32(tb, TAPI_A_LINE_CAPS_MAX_ACTIVE_CALLS);
	c->media_modes = get_u32(tb, TAPI_A_LINE_CAPS_MEDIA_MODES);
	c->bearer_modes = get_u32(tb, TAPI_A_LINE_CAPS_BEARER_MODES);
	c->line_features = get_u32(tb, TAPI_A_LINE_CAPS_LINE_FEATURES);
	c->devcaps_flags = get_u32(tb, TAPI_A_LINE_CAPS_DEVCAPS_FLAGS);
	c->gen_digit_modes = get_u32(tb, TAPI_A_LINE_CAPS_GEN_DIGIT_MODES);
	c->monitor_digit_modes =
		get_u32(tb, TAPI_A_LINE_CAPS_MONITOR_DIGIT_MODES);
	c->gen_tone_max_freqs =
		get_u32(tb, TAPI_A_LINE_CAPS_GEN_TONE_MAX_FREQS);
	c->monitor_tone_max_freqs =
		get_u32(tb, TAPI_A_LINE_CAPS_MONITOR_TONE_MAX_FREQS);
	c->monitor_tone_max = get_u32(tb, TAPI_A_LINE_CAPS_MONITOR_TONE_MAX);
	c->string_format = get_u32(tb, TAPI_A_LINE_CAPS_STRING_FORMAT);
	return 0;
}

static int parse_status(struct tapi_nl_line *line, struct nlattr *nest)
{
	struct tapi_line_devstatus *s = &line->status;
	struct nlattr *tb[TAPI_A_LINE_STATUS_MAX + 1];

	if (parse_nested(tb, TAPI_A_LINE_STATUS_MAX, nest, status_policy))
		return -1;
	s->num_opens = get_u32(tb, TAPI_A_LINE_STATUS_NUM_OPENS);
	s->num_owners = get_u32(tb, TAPI_A_LINE_STATUS_NUM_OWNERS);
	s->num_monitors = get_u32(tb, TAPI_A_LINE_STATUS_NUM_MONITORS);
	s->open_media_modes = get_u32(tb, TAPI_A_LINE_STATUS_OPEN_MEDIA_MODES);
	s->num_active_calls = get_u32(tb, TAPI_A_LINE_STATUS_NUM_ACTIVE_CALLS);
	s->num_onhold_calls = get_u32(tb, TAPI_A_LINE_STATUS_NUM_ONHOLD_CALLS);
	s->num_onholdpend_calls =
		get_u32(tb, TAPI_A_LINE_STATUS_NUM_ONHOLDPEND_CALLS);
	s->line_features = get_u32(tb, TAPI_A_LINE_STATUS_LINE_FEATURES);
	s->devstatus_flags = get_u32(tb, TAPI_A_LINE_STATUS_DEVSTATUS_FLAGS);
	return 0;
}

/* Every %TAPI_A_LINE_ADDRESS of the message, in order. */
static int parse_addresses(struct tapi_nl_line *line, struct nlmsghdr *nlh)
{
	struct genlmsghdr *gnlh = genlmsg_hdr(nlh);
	struct nlattr *tb[TAPI_A_ADDRESS_MAX + 1];
	struct tapi_address_caps *a;
	struct nlattr *nla;
	unsigned int n = 0;
	int rem;

	nla_for_each_attr(nla, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem)
		if (nla_type(nla) == TAPI_A_LINE_ADDRESS)
			n++;
	if (!n)
		return 0;
	line->addresses = calloc(n, sizeof(*line->addresses));
	line->num_calls = calloc(n, sizeof(*line->num_calls));
	if (!line->addresses || !line->num_calls)
		return -1;

	nla_for_each_attr(nla, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_type(nla) != TAPI_A_LINE_ADDRESS)
			continue;
		if (parse_nested(tb, TAPI_A_ADDRESS_MAX, nla, address_policy))
			return -1;
		a = &line->addresses[line->num_addresses];
		a->size = sizeof(*a);
		a->line = line->caps.line;
		a->address_id = get_u32(tb, TAPI_A_ADDRESS_ID);
		a->max_calls = get_u32(tb, TAPI_A_ADDRESS_MAX_CALLS);
		a->address_features = get_u32(tb, TAPI_A_ADDRESS_FEATURES);
		a->call_features = get_u32(tb, TAPI_A_ADDRESS_CALL_FEATURES);
		a->transfer_modes = get_u32(tb, TAPI_A_ADDRESS_TRANSFER_MODES);
		a->max_conf_members =
			get_u32(tb, TAPI_A_ADDRESS_MAX_CONF_MEMBERS);
		a->park_modes = get_u32(tb, TAPI_A_ADDRESS_PARK_MODES);
		a->forward_modes = get_u32(tb, TAPI_A_ADDRESS_FORWARD_MODES);
		a->completion_modes =
			get_u32(tb, TAPI_A_ADDRESS_COMPLETION_MODES);
		a->max_user_user = get_u32(tb, TAPI_A_ADDRESS_MAX_USER_USER);
		get_str(tb, TAPI_A_ADDRESS_ADDRESS, a->address,
			sizeof(a->address));
		line->num_calls[line->num_addresses] =
			get_u32(tb, TAPI_A_ADDRESS_NUM_CALLS);
		line->num_addresses++;
	}
	return 0;
}

static struct tapi_nl_line *parse_line(struct nlattr **tb,
				       struct nlmsghdr *nlh)
{
	struct tapi_nl_line *line = calloc(1, sizeof(*line));

	if (!line)
		return NULL;
	line->card = get_u32(tb, TAPI_A_CARD_INDEX);
	line->caps.size = sizeof(line->caps);
	line->caps.line = get_u32(tb, TAPI_A_LINE_INDEX);
	get_str(tb, TAPI_A_LINE_NAME, line->caps.name,
		sizeof(line->caps.name));
	line->status.size = sizeof(line->status);
	if (parse_caps(line, tb[TAPI_A_LINE_CAPS]) ||
	    parse_status(line, tb[TAPI_A_LINE_STATUS]) ||
	    parse_addresses(line, nlh)) {
		tapi_nl_line_free(line);
		return NULL;
	}
	return line;
}

static int parse_party(struct tapi_call_party *party, struct nlattr *nest)
{
	struct nlattr *tb[TAPI_A_PARTY_MAX + 1];

	if (parse_nested(tb, TAPI_A_PARTY_MAX, nest, party_policy))
		return -1;
	party->flags = get_u32(tb, TAPI_A_PARTY_FLAGS);
	get_str(tb, TAPI_A_PARTY_NUMBER, party->number, sizeof(party->number));
	get_str(tb, TAPI_A_PARTY_NAME, party->name, sizeof(party->name));
	return 0;
}

static struct tapi_nl_call *parse_call(struct nlattr **tb)
{
	struct tapi_nl_call *call = calloc(1, sizeof(*call));
	struct tapi_call_info *ci;

	if (!call)
		return NULL;
	ci = &call->info;
	call->card = get_u32(tb, TAPI_A_CARD_INDEX);
	call->state = get_u32(tb, TAPI_A_CALL_STATE);
	call->mode = get_u32(tb, TAPI_A_CALL_MODE);
	call->old_state = get_u32(tb, TAPI_A_CALL_OLD_STATE);
	call->info_fields = get_u32(tb, TAPI_A_CALL_INFO_FIELDS);
	call->state_ns = get_u64(tb, TAPI_A_CALL_STATE_NS);
	ci->size = sizeof(*ci);
	ci->line = get_u32(tb, TAPI_A_LINE_INDEX);
	ci->address_id = get_u32(tb, TAPI_A_CALL_ADDRESS_ID);
	ci->call_id = get_u32(tb, TAPI_A_CALL_ID);
	ci->related_call_id = get_u32(tb, TAPI_A_CALL_RELATED_ID);
	ci->media_mode = get_u32(tb, TAPI_A_CALL_MEDIA_MODE);
	ci->bearer_mode = get_u32(tb, TAPI_A_CALL_BEARER_MODE);
	ci->origin = get_u32(tb, TAPI_A_CALL_ORIGIN);
	ci->reason = get_u32(tb, TAPI_A_CALL_REASON);
	ci->num_owners = get_u32(tb, TAPI_A_CALL_NUM_OWNERS);
	ci->num_monitors = get_u32(tb, TAPI_A_CALL_NUM_MONITORS);
	ci->create_ns = get_u64(tb, TAPI_A_CALL_CREATE_NS);
	ci->param_flags = get_u32(tb, TAPI_A_CALL_PARAM_FLAGS);
	if (parse_party(&ci->caller, tb[TAPI_A_CALL_CALLER]) ||
	    parse_party(&ci->called, tb[TAPI_A_CALL_CALLED]) ||
	    parse_party(&ci->connected, tb[TAPI_A_CALL_CONNECTED]) ||
	    parse_party(&ci->redirecting, tb[TAPI_A_CALL_REDIRECTING]) ||
	    parse_party(&ci->redirection, tb[TAPI_A_CALL_REDIRECTION])) {
		free(call);
		return NULL;
	}
	return call;
}

int tapi_nl_parse(struct nlmsghdr *nlh, struct tapi_nl_event *ev)
{
	struct nlattr *tb[TAPI_A_MAX + 1];
	unsigned int cmd;

	memset(ev, 0, sizeof(*ev));
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_parse(nlh, 0, tb, TAPI_A_MAX, top_policy) < 0) {
		errno = EPROTO;
		return -1;
	}
	cmd = genlmsg_hdr(nlh)->cmd;
	switch (cmd) {
	case TAPI_CMD_CARD_NEW:
	case TAPI_CMD_CARD_DEL:
		ev->card = parse_card(tb);
		break;
	case TAPI_CMD_LINE_NEW:
	case TAPI_CMD_LINE_DEL:
	case TAPI_CMD_LINE_STATE:
		ev->line = parse_line(tb, nlh);
		break;
	case TAPI_CMD_CALL_NEW:
	case TAPI_CMD_CALL_STATE:
	case TAPI_CMD_CALL_INFO:
		ev->call = parse_call(tb);
		break;
	default:
		return 0;
	}
	if (!ev->card && !ev->line && !ev->call)
		return -1;	/* errno set by the parser or calloc() */
	ev->type = cmd;
	return 1;
}

void tapi_nl_event_release(struct tapi_nl_event *ev)
{
	tapi_nl_card_free(ev->card);
	tapi_nl_line_free(ev->line);
	tapi_nl_call_free(ev->call);
	memset(ev, 0, sizeof(*ev));
}

/* ------------------------------------------------------------------ */
/* Getters                                                             */
/* ------------------------------------------------------------------ */

TAPI_API void tapi_nl_card_free(struct tapi_nl_card *card)
{
	free(card);
}

TAPI_API const struct tapi_card_info *
tapi_nl_card_get_info(const struct tapi_nl_card *card)
{
	return &card->info;
}

TAPI_API void tapi_nl_line_free(struct tapi_nl_line *line)
{
	if (!line)
		return;
	free(line->addresses);
	free(line->num_calls);
	free(line);
}

TAPI_API unsigned int tapi_nl_line_get_card(const struct tapi_nl_line *line)
{
	return line->card;
}

TAPI_API const struct tapi_line_devcaps *
tapi_nl_line_get_caps(const struct tapi_nl_line *line)
{
	return &line->caps;
}

TAPI_API const struct tapi_line_devstatus *
tapi_nl_line_get_status(const struct tapi_nl_line *line)
{
	return &line->status;
}

TAPI_API unsigned int
tapi_nl_line_get_num_addresses(const struct tapi_nl_line *line)
{
	return line->num_addresses;
}

TAPI_API const struct tapi_address_caps *
tapi_nl_line_get_address(const struct tapi_nl_line *line, unsigned int index)
{
	if (index >= line->num_addresses) {
		errno = ENOENT;
		return NULL;
	}
	return &line->addresses[index];
}

TAPI_API unsigned int
tapi_nl_line_get_address_num_calls(const struct tapi_nl_line *line,
				   unsigned int index)
{
	return index < line->num_addresses ? line->num_calls[index] : 0;
}

TAPI_API void tapi_nl_call_free(struct tapi_nl_call *call)
{
	free(call);
}

TAPI_API unsigned int tapi_nl_call_get_card(const struct tapi_nl_call *call)
{
	return call->card;
}

TAPI_API const struct tapi_call_info *
tapi_nl_call_get_info(const struct tapi_nl_call *call)
{
	return &call->info;
}

TAPI_API uint32_t tapi_nl_call_get_state(const struct tapi_nl_call *call)
{
	return call->state;
}

TAPI_API uint32_t tapi_nl_call_get_mode(const struct tapi_nl_call *call)
{
	return call->mode;
}

TAPI_API uint64_t tapi_nl_call_get_state_ns(const struct tapi_nl_call *call)
{
	return call->state_ns;
}

TAPI_API uint32_t tapi_nl_call_get_old_state(const struct tapi_nl_call *call)
{
	return call->old_state;
}

TAPI_API uint32_t
tapi_nl_call_get_info_fields(const struct tapi_nl_call *call)
{
	return call->info_fields;
}

TAPI_API unsigned int tapi_nl_event_get_type(const struct tapi_nl_event *ev)
{
	return ev->type;
}

TAPI_API const struct tapi_nl_card *
tapi_nl_event_get_card(const struct tapi_nl_event *ev)
{
	return ev->card;
}

TAPI_API const struct tapi_nl_line *
tapi_nl_event_get_line(const struct tapi_nl_event *ev)
{
	return ev->line;
}

TAPI_API const struct tapi_nl_call *
tapi_nl_event_get_call(const struct tapi_nl_event *ev)
{
	return ev->call;
}
