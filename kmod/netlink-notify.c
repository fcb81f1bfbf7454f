// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the notifications of the generic netlink family "tapi":
 * cards and lines appearing, going and changing on the "monitor" group;
 * calls appearing, changing state and information on the "calls" group.
 *
 * They are reported from any context (a TSP reports call states from
 * interrupts and timers), so they are never sent in place: a call's
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

#include "netlink.h"

/* Most notifications waiting to be sent; past that, listeners get ENOBUFS. */
#define TAPI_NL_QUEUE_MAX	4096

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
	for_each_set_bit(g, &lost, TAPI_NL_GRP_COUNT)
		netlink_set_err(init_net.genl_sock, 0,
				tapi_nl_family.mcgrp_offset + g, ENOBUFS);
}

/**
 * tapi_nl_notify_start() - start queueing notifications; the family is
 *	registered
 */
void tapi_nl_notify_start(void)
{
	WRITE_ONCE(tapi_nl_ready, true);
}

/**
 * tapi_nl_notify_stop() - stop queueing, send what is queued and drop what
 *	could not be sent, before the family goes
 *
 * Context: no card is registered and nothing reports calls any more.
 */
void tapi_nl_notify_stop(void)
{
	struct tapi_nl_note *note, *tmp;

	WRITE_ONCE(tapi_nl_ready, false);
	flush_work(&tapi_nl_work);
	list_for_each_entry_safe(note, tmp, &tapi_nl_notes, node)
		tapi_nl_note_free(note);
	INIT_LIST_HEAD(&tapi_nl_notes);
	tapi_nl_queued = 0;
}
