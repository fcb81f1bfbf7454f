// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the generic netlink family "tapi" (uapi/linux/tapi_netlink.h).
 *
 * Requests: card, line and call get, each as do and dump.  Notifications:
 * cards and lines appearing, going and changing on the "monitor" group;
 * calls appearing, changing state and information on the "calls" group.
 *
 * Notifications are reported from any context (a TSP reports call states
 * from interrupts and timers), so they are never sent in place: a call's
 * message is built at once under call->lock (it must show the call as it
 * was then) and queued; a card's or line's is queued as a note holding a
 * reference and built later, since a line's status asks the TSP.  One work
 * item sends everything queued, in order.  Nothing is queued while a group
 * has no listener.
 */
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/tapi_netlink.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "tapi_core.h"

/* Most notifications waiting to be sent; past that, listeners get ENOBUFS. */
#define TAPI_NL_QUEUE_MAX	4096

enum tapi_nl_group {
	TAPI_NL_GRP_MONITOR,
	TAPI_NL_GRP_CALLS,
};

static const struct genl_multicast_group tapi_nl_mcgrps[] = {
	[TAPI_NL_GRP_MONITOR] = { .name = TAPI_GENL_MCGRP_MONITOR },
	[TAPI_NL_GRP_CALLS] = {
		.name = TAPI_GENL_MCGRP_CALLS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

static struct genl_family tapi_nl_family;

/**
 * struct tapi_nl_note - one notification waiting to be sent
 * @node: entry in tapi_nl_notes
 * @cmd: &enum tapi_cmd
 * @group: &enum tapi_nl_group
 * @card: a card note: the card, with a reference on its device
 * @line: a line note: the line, with a reference on its device
 * @skb: a call note: the message, built already
 */
struct tapi_nl_note {
	struct list_head node;
	u8 cmd;
	u8 group;
	struct tapi_card *card;
	struct tapi_line *line;
	struct sk_buff *skb;
};

static DEFINE_SPINLOCK(tapi_nl_lock);
static LIST_HEAD(tapi_nl_notes);
static unsigned int tapi_nl_queued;
/* Groups that lost a notification: their listeners get ENOBUFS. */
static unsigned long tapi_nl_lost;
static void tapi_nl_work_fn(struct work_struct *work);
static DECLARE_WORK(tapi_nl_work, tapi_nl_work_fn);
/* Set once the family is registered, cleared before it goes. */
static bool tapi_nl_ready;

/* Message sizes: the largest each message can be. */
static size_t tapi_nl_card_size(void)
{
	return nla_total_size(sizeof(u32)) * 2 +
	       nla_total_size(TAPI_NAME_LEN) * 2;
}

static size_t tapi_nl_line_size(unsigned int num_addresses)
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

static size_t tapi_nl_call_size(void)
{
	size_t party = nla_total_size(0) + nla_total_size(sizeof(u32)) +
		       nla_total_size(TAPI_DIAL_LEN) +
		       nla_total_size(TAPI_PARTY_NAME_LEN);

	return nla_total_size(sizeof(u32)) * 17 +
	       nla_total_size_64bit(sizeof(u64)) * 2 + party * TAPI_PARTY_COUNT;
}

static int tapi_nl_fill_card(struct sk_buff *skb, struct tapi_card *card,
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
static int tapi_nl_fill_line(struct sk_buff *skb, struct tapi_line *line,
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
static int tapi_nl_fill_line_live(struct sk_buff *skb, struct tapi_line *line,
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
static int tapi_nl_fill_call(struct sk_buff *skb, struct tapi_call *call,
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

static void tapi_nl_note_free(struct tapi_nl_note *note)
{
	kfree_skb(note->skb);
	if (note->card)
		put_device(&note->card->dev);
	if (note->line)
		put_device(&note->line->dev);
	kfree(note);
}

/* A notification of @group is lost: its listeners will get ENOBUFS. */
static void tapi_nl_lost_set(enum tapi_nl_group group)
{
	unsigned long flags;

	spin_lock_irqsave(&tapi_nl_lock, flags);
	tapi_nl_lost |= BIT(group);
	spin_unlock_irqrestore(&tapi_nl_lock, flags);
	schedule_work(&tapi_nl_work);
}

/*
 * Queue @note, or drop it when the queue is full.  Whoever queues holds a
 * reference of its own on what the note refers to, so dropping one here is
 * never the last.
 */
static void tapi_nl_queue(struct tapi_nl_note *note)
{
	unsigned long flags;

	spin_lock_irqsave(&tapi_nl_lock, flags);
	if (tapi_nl_queued >= TAPI_NL_QUEUE_MAX) {
		tapi_nl_lost |= BIT(note->group);
		spin_unlock_irqrestore(&tapi_nl_lock, flags);
		tapi_nl_note_free(note);
	} else {
		list_add_tail(&note->node, &tapi_nl_notes);
		tapi_nl_queued++;
		spin_unlock_irqrestore(&tapi_nl_lock, flags);
	}
	schedule_work(&tapi_nl_work);
}

static bool tapi_nl_listened(enum tapi_nl_group group)
{
	return READ_ONCE(tapi_nl_ready) &&
	       genl_has_listeners(&tapi_nl_family, &init_net, group);
}

/* Queue a message built already. */
static void tapi_nl_queue_skb(struct sk_buff *skb, enum tapi_nl_group group,
			      gfp_t gfp)
{
	struct tapi_nl_note *note;

	note = kzalloc(sizeof(*note), gfp);
	if (!note) {
		nlmsg_free(skb);
		tapi_nl_lost_set(group);
		return;
	}
	note->group = group;
	note->skb = skb;
	tapi_nl_queue(note);
}

/*
 * Queue a note about @card or @line, built when it is sent, with a
 * reference on the device of the one given.
 */
static void tapi_nl_queue_ref(struct tapi_card *card, struct tapi_line *line,
			      u8 cmd, gfp_t gfp)
{
	struct tapi_nl_note *note;

	if (!tapi_nl_listened(TAPI_NL_GRP_MONITOR))
		return;
	note = kzalloc(sizeof(*note), gfp);
	if (!note) {
		tapi_nl_lost_set(TAPI_NL_GRP_MONITOR);
		return;
	}
	note->cmd = cmd;
	note->group = TAPI_NL_GRP_MONITOR;
	note->card = card;
	note->line = line;
	get_device(card ? &card->dev : &line->dev);
	tapi_nl_queue(note);
}

/**
 * tapi_nl_card_added() - tell the monitor group of a new card and its lines
 * @card: the card, registered
 *
 * Context: process context.
 */
void tapi_nl_card_added(struct tapi_card *card)
{
	tapi_nl_queue_ref(card, NULL, TAPI_CMD_CARD_NEW, GFP_KERNEL);
}

/**
 * tapi_nl_card_removed() - tell the monitor group that a card and its
 *	lines went away
 * @card: the card, unregistered, its lines still there
 *
 * The messages are built here: the lines may be gone when they are sent.
 *
 * Context: process context.
 */
void tapi_nl_card_removed(struct tapi_card *card)
{
	struct sk_buff *skb;
	unsigned int i;

	if (!tapi_nl_listened(TAPI_NL_GRP_MONITOR))
		return;
	for (i = 0; i <= card->num_lines; i++) {
		skb = genlmsg_new(i < card->num_lines ?
				  tapi_nl_line_size(0) : tapi_nl_card_size(),
				  GFP_KERNEL);
		if (!skb) {
			tapi_nl_lost_set(TAPI_NL_GRP_MONITOR);
			continue;
		}
		/* The lines first, then the card. */
		if (WARN_ON_ONCE(i < card->num_lines ?
				 tapi_nl_fill_line(skb, card->lines[i], NULL,
						   TAPI_CMD_LINE_DEL, 0, 0, 0) :
				 tapi_nl_fill_card(skb, card,
						   TAPI_CMD_CARD_DEL, 0, 0,
						   0))) {
			nlmsg_free(skb);
			continue;
		}
		tapi_nl_queue_skb(skb, TAPI_NL_GRP_MONITOR, GFP_KERNEL);
	}
}

/**
 * tapi_nl_line_changed() - tell the monitor group that a line's status
 *	changed
 * @line: the line
 *
 * The status is read when the notification is sent, so changes close
 * together may show the same status.
 *
 * Context: any context.
 */
void tapi_nl_line_changed(struct tapi_line *line)
{
	tapi_nl_queue_ref(NULL, line, TAPI_CMD_LINE_STATE, GFP_ATOMIC);
}

/**
 * tapi_nl_call_changed_locked() - tell the calls group about a call
 * @call: the call; call->lock held
 * @cmd: %TAPI_CMD_CALL_NEW, %TAPI_CMD_CALL_STATE or %TAPI_CMD_CALL_INFO
 * @old_state: %TAPI_CMD_CALL_STATE: the state the call left
 * @fields: %TAPI_CMD_CALL_INFO: the fields that changed
 *
 * Context: any context.
 */
void tapi_nl_call_changed_locked(struct tapi_call *call, u8 cmd,
				 u32 old_state, u32 fields)
{
	struct sk_buff *skb;

	lockdep_assert_held(&call->lock);
	if (!tapi_nl_listened(TAPI_NL_GRP_CALLS))
		return;
	skb = genlmsg_new(tapi_nl_call_size(), GFP_ATOMIC);
	if (!skb) {
		tapi_nl_lost_set(TAPI_NL_GRP_CALLS);
		return;
	}
	if (WARN_ON_ONCE(tapi_nl_fill_call(skb, call, cmd, old_state, fields,
					   0, 0, 0))) {
		nlmsg_free(skb);
		return;
	}
	tapi_nl_queue_skb(skb, TAPI_NL_GRP_CALLS, GFP_ATOMIC);
}

static void tapi_nl_multicast(struct sk_buff *skb, enum tapi_nl_group group)
{
	/* -ESRCH: the listeners left meanwhile. */
	genlmsg_multicast(&tapi_nl_family, skb, 0, group, GFP_KERNEL);
}

/*
 * Build and send the whole of a line; the card's ops_sem held for reading
 * and the card live.
 */
static void tapi_nl_send_line(struct tapi_line *line, u8 cmd)
{
	struct sk_buff *skb;

	skb = genlmsg_new(tapi_nl_line_size(line->caps.num_addresses),
			  GFP_KERNEL);
	if (!skb) {
		tapi_nl_lost_set(TAPI_NL_GRP_MONITOR);
		return;
	}
	if (WARN_ON_ONCE(tapi_nl_fill_line_live(skb, line, cmd, 0, 0, 0))) {
		nlmsg_free(skb);
		return;
	}
	tapi_nl_multicast(skb, TAPI_NL_GRP_MONITOR);
}

/*
 * A new card and its lines, unless it went again meanwhile: then its lines
 * may be gone, and its removal, queued after this, tells enough.
 */
static void tapi_nl_send_card(struct tapi_card *card)
{
	struct sk_buff *skb;
	unsigned int i;

	down_read(&card->ops_sem);
	if (!card->ops)
		goto out;
	skb = genlmsg_new(tapi_nl_card_size(), GFP_KERNEL);
	if (!skb) {
		tapi_nl_lost_set(TAPI_NL_GRP_MONITOR);
		goto out;
	}
	if (WARN_ON_ONCE(tapi_nl_fill_card(skb, card, TAPI_CMD_CARD_NEW, 0, 0,
					   0))) {
		nlmsg_free(skb);
		goto out;
	}
	tapi_nl_multicast(skb, TAPI_NL_GRP_MONITOR);
	for (i = 0; i < card->num_lines; i++)
		tapi_nl_send_line(card->lines[i], TAPI_CMD_LINE_NEW);
out:
	up_read(&card->ops_sem);
}

static void tapi_nl_send(struct tapi_nl_note *note)
{
	struct tapi_card *card;

	if (note->skb) {
		tapi_nl_multicast(note->skb, note->group);
		note->skb = NULL;
	} else if (note->card) {
		tapi_nl_send_card(note->card);
	} else if (note->line) {
		card = note->line->card;
		/* A line whose card went is told of by its removal. */
		down_read(&card->ops_sem);
		if (card->ops)
			tapi_nl_send_line(note->line, note->cmd);
		up_read(&card->ops_sem);
	}
}

static void tapi_nl_work_fn(struct work_struct *work)
{
	struct tapi_nl_note *note, *tmp;
	unsigned long lost, g;
	LIST_HEAD(list);

	spin_lock_irq(&tapi_nl_lock);
	list_splice_init(&tapi_nl_notes, &list);
	tapi_nl_queued = 0;
	lost = tapi_nl_lost;
	tapi_nl_lost = 0;
	spin_unlock_irq(&tapi_nl_lock);

	list_for_each_entry_safe(note, tmp, &list, node) {
		tapi_nl_send(note);
		tapi_nl_note_free(note);
	}
	/* As a socket that overflowed: the listener must dump again. */
	for_each_set_bit(g, &lost, ARRAY_SIZE(tapi_nl_mcgrps))
		netlink_set_err(init_net.genl_sock, 0,
				tapi_nl_family.mcgrp_offset + g, ENOBUFS);
}

/* Requests */

/* Mark a dump's message if the cards changed since the dump began. */
static void tapi_nl_dump_mark(struct netlink_callback *cb,
			      struct sk_buff *skb, unsigned int start)
{
	nl_dump_check_consistent(cb, (struct nlmsghdr *)(skb->data + start));
}

static struct tapi_card *tapi_nl_card(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TAPI_A_CARD_INDEX];
	struct tapi_card *card;
	u32 index;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CARD_INDEX))
		return ERR_PTR(-EINVAL);
	index = nla_get_u32(attr);
	card = tapi_card_get_next(&index);
	if (card && index != nla_get_u32(attr)) {
		put_device(&card->dev);
		card = NULL;
	}
	if (!card) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such card");
		return ERR_PTR(-ENODEV);
	}
	return card;
}

static int tapi_nl_card_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct tapi_card *card;
	struct sk_buff *msg;
	int ret;

	card = tapi_nl_card(info);
	if (IS_ERR(card))
		return PTR_ERR(card);
	msg = genlmsg_new(tapi_nl_card_size(), GFP_KERNEL);
	ret = -ENOMEM;
	if (msg)
		ret = tapi_nl_fill_card(msg, card, TAPI_CMD_CARD_NEW,
					info->snd_portid, info->snd_seq, 0);
	put_device(&card->dev);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

static int tapi_nl_card_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	u32 index = cb->args[0];
	struct tapi_card *card;
	unsigned int start;
	int ret = 0;

	cb->seq = tapi_cards_generation();
	while ((card = tapi_card_get_next(&index))) {
		start = skb->len;
		ret = tapi_nl_fill_card(skb, card, TAPI_CMD_CARD_NEW,
					NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI);
		put_device(&card->dev);
		if (ret)
			break;
		tapi_nl_dump_mark(cb, skb, start);
		index++;
	}
	cb->args[0] = index;
	return ret && !skb->len ? ret : skb->len;
}

static int tapi_nl_line_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TAPI_A_LINE_INDEX];
	struct tapi_card *card;
	struct tapi_line *line;
	struct sk_buff *msg;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_LINE_INDEX))
		return -EINVAL;
	card = tapi_nl_card(info);
	if (IS_ERR(card))
		return PTR_ERR(card);
	ret = -ENOENT;
	if (nla_get_u32(attr) >= card->num_lines) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such line");
		goto put;
	}
	line = card->lines[nla_get_u32(attr)];
	ret = -ENOMEM;
	msg = genlmsg_new(tapi_nl_line_size(line->caps.num_addresses),
			  GFP_KERNEL);
	if (!msg)
		goto put;
	down_read(&card->ops_sem);
	ret = card->ops ? tapi_nl_fill_line_live(msg, line, TAPI_CMD_LINE_NEW,
						 info->snd_portid,
						 info->snd_seq, 0) : -ENODEV;
	up_read(&card->ops_sem);
	if (ret) {
		nlmsg_free(msg);
		goto put;
	}
	put_device(&card->dev);
	return genlmsg_reply(msg, info);
put:
	put_device(&card->dev);
	return ret;
}

/* The card a dump asks for: -1 for every card. */
static s64 tapi_nl_dump_card_filter(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);

	if (!info->attrs[TAPI_A_CARD_INDEX])
		return -1;
	return nla_get_u32(info->attrs[TAPI_A_CARD_INDEX]);
}

/* Dump position: args[0] the card index, args[1] the line or call id. */
static int tapi_nl_line_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	u32 index = cb->args[0], i = cb->args[1];
	struct tapi_card *card;
	unsigned int start;
	s64 only = tapi_nl_dump_card_filter(cb);
	int ret = 0;

	if (only >= 0 && index < only)
		index = only;
	cb->seq = tapi_cards_generation();
	while ((card = tapi_card_get_next(&index))) {
		if (only >= 0 && index != only) {
			put_device(&card->dev);
			break;
		}
		down_read(&card->ops_sem);
		for (; card->ops && i < card->num_lines; i++) {
			start = skb->len;
			ret = tapi_nl_fill_line_live(skb, card->lines[i],
						     TAPI_CMD_LINE_NEW,
						     NETLINK_CB(cb->skb).portid,
						     cb->nlh->nlmsg_seq,
						     NLM_F_MULTI);
			if (ret)
				break;
			tapi_nl_dump_mark(cb, skb, start);
		}
		up_read(&card->ops_sem);
		put_device(&card->dev);
		if (ret)
			break;
		index++;
		i = 0;
	}
	cb->args[0] = index;
	cb->args[1] = i;
	return ret && !skb->len ? ret : skb->len;
}

static int tapi_nl_fill_call_locked(struct sk_buff *skb, struct tapi_call *call,
				    u32 portid, u32 seq, int flags)
{
	int ret;

	spin_lock_irq(&call->lock);
	ret = tapi_nl_fill_call(skb, call, TAPI_CMD_CALL_NEW, 0, 0, portid,
				seq, flags);
	spin_unlock_irq(&call->lock);
	return ret;
}

static int tapi_nl_call_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TAPI_A_CALL_ID];
	struct tapi_card *card;
	struct tapi_call *call;
	struct sk_buff *msg;
	u32 id;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, TAPI_A_CALL_ID))
		return -EINVAL;
	card = tapi_nl_card(info);
	if (IS_ERR(card))
		return PTR_ERR(card);
	id = nla_get_u32(attr);
	call = tapi_call_get_next(card, &id);
	if (call && id != nla_get_u32(attr)) {
		tapi_call_put(call);
		call = NULL;
	}
	ret = -ENOENT;
	if (!call) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such call");
		goto put_card;
	}
	ret = -ENOMEM;
	msg = genlmsg_new(tapi_nl_call_size(), GFP_KERNEL);
	if (msg)
		ret = tapi_nl_fill_call_locked(msg, call, info->snd_portid,
					       info->snd_seq, 0);
	tapi_call_put(call);
	if (ret) {
		nlmsg_free(msg);
		goto put_card;
	}
	put_device(&card->dev);
	return genlmsg_reply(msg, info);
put_card:
	put_device(&card->dev);
	return ret;
}

static int tapi_nl_call_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct nlattr *line_attr = info->attrs[TAPI_A_LINE_INDEX];
	u32 index = cb->args[0], id = cb->args[1];
	struct tapi_card *card;
	struct tapi_call *call;
	unsigned int start;
	s64 only = tapi_nl_dump_card_filter(cb);
	int ret = 0;

	if (line_attr && only < 0) {
		NL_SET_ERR_MSG_ATTR(cb->extack, line_attr,
				    "a line needs its card");
		return -EINVAL;
	}
	if (only >= 0 && index < only)
		index = only;
	cb->seq = tapi_cards_generation();
	while ((card = tapi_card_get_next(&index))) {
		if (only >= 0 && index != only) {
			put_device(&card->dev);
			break;
		}
		while ((call = tapi_call_get_next(card, &id))) {
			start = skb->len;
			if (!line_attr ||
			    call->line->index == nla_get_u32(line_attr))
				ret = tapi_nl_fill_call_locked(skb, call,
						NETLINK_CB(cb->skb).portid,
						cb->nlh->nlmsg_seq,
						NLM_F_MULTI);
			tapi_call_put(call);
			if (ret)
				break;
			if (skb->len != start)
				tapi_nl_dump_mark(cb, skb, start);
			if (id == U32_MAX)
				break;
			id++;
		}
		put_device(&card->dev);
		if (ret)
			break;
		index++;
		id = 0;
	}
	cb->args[0] = index;
	cb->args[1] = id;
	return ret && !skb->len ? ret : skb->len;
}

static const struct nla_policy tapi_nl_card_policy[TAPI_A_CARD_INDEX + 1] = {
	[TAPI_A_CARD_INDEX] = { .type = NLA_U32 },
};

static const struct nla_policy tapi_nl_line_policy[TAPI_A_LINE_INDEX + 1] = {
	[TAPI_A_CARD_INDEX] = { .type = NLA_U32 },
	[TAPI_A_LINE_INDEX] = { .type = NLA_U32 },
};

static const struct nla_policy tapi_nl_call_policy[TAPI_A_CALL_ID + 1] = {
	[TAPI_A_CARD_INDEX] = { .type = NLA_U32 },
	[TAPI_A_LINE_INDEX] = { .type = NLA_U32 },
	[TAPI_A_CALL_ID] = { .type = NLA_U32 },
};

static const struct genl_ops tapi_nl_ops[] = {
	{
		.cmd = TAPI_CMD_CARD_GET,
		.doit = tapi_nl_card_get_doit,
		.dumpit = tapi_nl_card_get_dumpit,
		.policy = tapi_nl_card_policy,
		.maxattr = ARRAY_SIZE(tapi_nl_card_policy) - 1,
	},
	{
		.cmd = TAPI_CMD_LINE_GET,
		.doit = tapi_nl_line_get_doit,
		.dumpit = tapi_nl_line_get_dumpit,
		.policy = tapi_nl_line_policy,
		.maxattr = ARRAY_SIZE(tapi_nl_line_policy) - 1,
	},
	{
		/* Call parties are personal data. */
		.cmd = TAPI_CMD_CALL_GET,
		.flags = GENL_ADMIN_PERM,
		.doit = tapi_nl_call_get_doit,
		.dumpit = tapi_nl_call_get_dumpit,
		.policy = tapi_nl_call_policy,
		.maxattr = ARRAY_SIZE(tapi_nl_call_policy) - 1,
	},
};

static struct genl_family tapi_nl_family = {
	.name = TAPI_GENL_NAME,
	.version = TAPI_GENL_VERSION,
	.module = THIS_MODULE,
	.ops = tapi_nl_ops,
	.n_ops = ARRAY_SIZE(tapi_nl_ops),
	.mcgrps = tapi_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(tapi_nl_mcgrps),
};

/**
 * tapi_nl_init() - register the generic netlink family
 *
 * Return: 0 or a negative errno.
 */
int tapi_nl_init(void)
{
	int ret;

	ret = genl_register_family(&tapi_nl_family);
	if (!ret)
		WRITE_ONCE(tapi_nl_ready, true);
	return ret;
}

/**
 * tapi_nl_exit() - unregister the family, dropping what was not sent
 *
 * Context: no card is registered and nothing reports calls any more.
 */
void tapi_nl_exit(void)
{
	struct tapi_nl_note *note, *tmp;

	WRITE_ONCE(tapi_nl_ready, false);
	flush_work(&tapi_nl_work);
	list_for_each_entry_safe(note, tmp, &tapi_nl_notes, node)
		tapi_nl_note_free(note);
	INIT_LIST_HEAD(&tapi_nl_notes);
	genl_unregister_family(&tapi_nl_family);
}
