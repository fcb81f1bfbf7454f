// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the messages of the generic netlink family "tapi": a card, a
 * line and a call as attributes (uapi/linux/tapi_netlink.h), for replies
 * and notifications alike.
 */
#include <linux/tapi_netlink.h>
#include <net/genetlink.h>

#include "netlink.h"

/* Message sizes: the largest each message can be. */
size_t tapi_nl_card_size(void)
{
	return nla_total_size(sizeof(u32)) * 2 +
	       nla_total_size(TAPI_NAME_LEN) * 2;
}

size_t tapi_nl_line_size(unsigned int num_addresses)
{
	size_t addr = nla_total_size(0) + nla_total_size(sizeof(u32)) *
					  (TAPI_A_ADDRESS_MAX - 1) +
		      nla_total_size(TAPI_ADDRESS_LEN);

	return nla_total_size(sizeof(u32)) * 2 +
	       nla_total_size(TAPI_LINE_NAME_LEN) +
	       nla_total_size(0) + nla_total_size(sizeof(u32)) *
				   TAPI_A_LINE_CAPS_MAX +
	       nla_total_size(0) + nla_total_size(sizeof(u32)) *
				   TAPI_A_LINE_STATUS_MAX +
	       addr * num_addresses;
}

size_t tapi_nl_call_size(void)
{
	size_t party = nla_total_size(0) + nla_total_size(sizeof(u32)) +
		       nla_total_size(TAPI_DIAL_LEN) +
		       nla_total_size(TAPI_PARTY_NAME_LEN);

	return nla_total_size(sizeof(u32)) * 17 +
	       nla_total_size_64bit(sizeof(u64)) * 2 + party * TAPI_PARTY_COUNT;
}

int tapi_nl_fill_card(struct sk_buff *skb, struct tapi_card *card,
			     u8 cmd, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &tapi_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TAPI_A_CARD_INDEX, card->index) ||
	    nla_put_string(skb, TAPI_A_CARD_NAME, card->name) ||
	    nla_put_string(skb, TAPI_A_CARD_DRIVER, card->driver) ||
	    nla_put_u32(skb, TAPI_A_CARD_NUM_LINES, card->num_lines))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int tapi_nl_put_u32s(struct sk_buff *skb, int type, const u32 *v,
			    unsigned int n)
{
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	/* Attribute i + 1 is v[i]. */
	for (i = 0; i < n; i++) {
		if (nla_put_u32(skb, i + 1, v[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int tapi_nl_put_caps(struct sk_buff *skb, struct tapi_line *line)
{
	const struct tapi_line_devcaps *c = &line->caps;
	const u32 v[TAPI_A_LINE_CAPS_MAX] = {
		[TAPI_A_LINE_CAPS_PERMANENT_ID - 1] = c->permanent_line_id,
		[TAPI_A_LINE_CAPS_NUM_ADDRESSES - 1] = c->num_addresses,
		[TAPI_A_LINE_CAPS_MAX_ACTIVE_CALLS - 1] = c->max_active_calls,
		[TAPI_A_LINE_CAPS_MEDIA_MODES - 1] = c->media_modes,
		[TAPI_A_LINE_CAPS_BEARER_MODES - 1] = c->bearer_modes,
		[TAPI_A_LINE_CAPS_LINE_FEATURES - 1] = c->line_features,
		[TAPI_A_LINE_CAPS_DEVCAPS_FLAGS - 1] = c->devcaps_flags,
		[TAPI_A_LINE_CAPS_GEN_DIGIT_MODES - 1] = c->gen_digit_modes,
		[TAPI_A_LINE_CAPS_MONITOR_DIGIT_MODES - 1] =
			c->monitor_digit_modes,
		[TAPI_A_LINE_CAPS_GEN_TONE_MAX_FREQS - 1] =
			c->gen_tone_max_freqs,
		[TAPI_A_LINE_CAPS_MONITOR_TONE_MAX_FREQS - 1] =
			c->monitor_tone_max_freqs,
		[TAPI_A_LINE_CAPS_MONITOR_TONE_MAX - 1] = c->monitor_tone_max,
		[TAPI_A_LINE_CAPS_STRING_FORMAT - 1] = c->string_format,
	};

	return tapi_nl_put_u32s(skb, TAPI_A_LINE_CAPS, v, ARRAY_SIZE(v));
}

static int tapi_nl_put_status(struct sk_buff *skb,
			      const struct tapi_line_devstatus *st)
{
	const u32 v[TAPI_A_LINE_STATUS_MAX] = {
		[TAPI_A_LINE_STATUS_NUM_OPENS - 1] = st->num_opens,
		[TAPI_A_LINE_STATUS_NUM_OWNERS - 1] = st->num_owners,
		[TAPI_A_LINE_STATUS_NUM_MONITORS - 1] = st->num_monitors,
		[TAPI_A_LINE_STATUS_OPEN_MEDIA_MODES - 1] =
			st->open_media_modes,
		[TAPI_A_LINE_STATUS_NUM_ACTIVE_CALLS - 1] =
			st->num_active_calls,
		[TAPI_A_LINE_STATUS_NUM_ONHOLD_CALLS - 1] =
			st->num_onhold_calls,
		[TAPI_A_LINE_STATUS_NUM_ONHOLDPEND_CALLS - 1] =
			st->num_onholdpend_calls,
		[TAPI_A_LINE_STATUS_LINE_FEATURES - 1] = st->line_features,
		[TAPI_A_LINE_STATUS_DEVSTATUS_FLAGS - 1] = st->devstatus_flags,
	};

	return tapi_nl_put_u32s(skb, TAPI_A_LINE_STATUS, v, ARRAY_SIZE(v));
}

static int tapi_nl_put_address(struct sk_buff *skb, struct tapi_line *line,
			       unsigned int id)
{
	const struct tapi_address_caps *ac = &line->addrs[id];
	struct tapi_call_counts calls;
	struct nlattr *nest;

	tapi_call_count(line, id, &calls);
	nest = nla_nest_start(skb, TAPI_A_LINE_ADDRESS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TAPI_A_ADDRESS_ID, id) ||
	    nla_put_string(skb, TAPI_A_ADDRESS_ADDRESS, ac->address) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_MAX_CALLS, ac->max_calls) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_FEATURES, ac->address_features) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_CALL_FEATURES, ac->call_features) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_NUM_CALLS, calls.inuse) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_TRANSFER_MODES, ac->transfer_modes) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_MAX_CONF_MEMBERS,
			ac->max_conf_members) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_PARK_MODES, ac->park_modes) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_FORWARD_MODES, ac->forward_modes) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_COMPLETION_MODES,
			ac->completion_modes) ||
	    nla_put_u32(skb, TAPI_A_ADDRESS_MAX_USER_USER, ac->max_user_user)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * A line.  With @st (the card live) the whole line; without it (the line
 * going away) only which line it was.
 */
int tapi_nl_fill_line(struct sk_buff *skb, struct tapi_line *line,
			     const struct tapi_line_devstatus *st, u8 cmd,
			     u32 portid, u32 seq, int flags)
{
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &tapi_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TAPI_A_CARD_INDEX, line->card->index) ||
	    nla_put_u32(skb, TAPI_A_LINE_INDEX, line->index) ||
	    nla_put_string(skb, TAPI_A_LINE_NAME, line->caps.name))
		goto cancel;
	if (st) {
		if (tapi_nl_put_caps(skb, line) || tapi_nl_put_status(skb, st))
			goto cancel;
		for (i = 0; i < line->caps.num_addresses; i++)
			if (tapi_nl_put_address(skb, line, i))
				goto cancel;
	}
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Fill a whole line; the caller holds card->ops_sem for reading. */
int tapi_nl_fill_line_live(struct sk_buff *skb, struct tapi_line *line,
				  u8 cmd, u32 portid, u32 seq, int flags)
{
	struct tapi_line_devstatus st;

	tapi_line_status(line, &st);
	return tapi_nl_fill_line(skb, line, &st, cmd, portid, seq, flags);
}

static int tapi_nl_put_party(struct sk_buff *skb, int type,
			     const struct tapi_call_party *p)
{
	struct nlattr *nest;

	if (!p->flags && !p->number[0] && !p->name[0])
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TAPI_A_PARTY_FLAGS, p->flags) ||
	    (p->number[0] &&
	     nla_put_string(skb, TAPI_A_PARTY_NUMBER, p->number)) ||
	    (p->name[0] && nla_put_string(skb, TAPI_A_PARTY_NAME, p->name))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Attributes of a call's parties, by &enum tapi_party_kind. */
static const int tapi_nl_party_attr[TAPI_PARTY_COUNT] = {
	[TAPI_PARTY_CALLER] = TAPI_A_CALL_CALLER,
	[TAPI_PARTY_CALLED] = TAPI_A_CALL_CALLED,
	[TAPI_PARTY_CONNECTED] = TAPI_A_CALL_CONNECTED,
	[TAPI_PARTY_REDIRECTING] = TAPI_A_CALL_REDIRECTING,
	[TAPI_PARTY_REDIRECTION] = TAPI_A_CALL_REDIRECTION,
};

/*
 * A call as it is now; call->lock held.  @old_state and @fields, when not
 * zero, go out as %TAPI_A_CALL_OLD_STATE and %TAPI_A_CALL_INFO_FIELDS.
 */
int tapi_nl_fill_call(struct sk_buff *skb, struct tapi_call *call,
			     u8 cmd, u32 old_state, u32 fields, u32 portid,
			     u32 seq, int flags)
{
	unsigned int i;
	void *hdr;

	lockdep_assert_held(&call->lock);
	hdr = genlmsg_put(skb, portid, seq, &tapi_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TAPI_A_CARD_INDEX, call->line->card->index) ||
	    nla_put_u32(skb, TAPI_A_LINE_INDEX, call->line->index) ||
	    nla_put_u32(skb, TAPI_A_CALL_ID, call->id) ||
	    nla_put_u32(skb, TAPI_A_CALL_ADDRESS_ID, call->address_id) ||
	    nla_put_u32(skb, TAPI_A_CALL_STATE, call->state) ||
	    nla_put_u32(skb, TAPI_A_CALL_MODE, call->mode) ||
	    (old_state &&
	     nla_put_u32(skb, TAPI_A_CALL_OLD_STATE, old_state)) ||
	    nla_put_u32(skb, TAPI_A_CALL_MEDIA_MODE, call->media_mode) ||
	    nla_put_u32(skb, TAPI_A_CALL_BEARER_MODE, call->bearer_mode) ||
	    nla_put_u32(skb, TAPI_A_CALL_ORIGIN, call->origin) ||
	    nla_put_u32(skb, TAPI_A_CALL_REASON, call->reason) ||
	    nla_put_u32(skb, TAPI_A_CALL_RELATED_ID, call->related_id) ||
	    nla_put_u32(skb, TAPI_A_CALL_PARAM_FLAGS, call->param_flags) ||
	    nla_put_u32(skb, TAPI_A_CALL_NUM_OWNERS, call->num_owners) ||
	    nla_put_u32(skb, TAPI_A_CALL_NUM_MONITORS, call->num_monitors) ||
	    nla_put_u64_64bit(skb, TAPI_A_CALL_CREATE_NS, call->create_ns,
			      TAPI_A_PAD) ||
	    nla_put_u64_64bit(skb, TAPI_A_CALL_STATE_NS,
			      call->state_ns[__ffs(call->state)], TAPI_A_PAD) ||
	    (fields && nla_put_u32(skb, TAPI_A_CALL_INFO_FIELDS, fields)))
		goto cancel;
	for (i = 0; i < TAPI_PARTY_COUNT; i++)
		if (tapi_nl_put_party(skb, tapi_nl_party_attr[i],
				      &call->parties[i]))
			goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}
