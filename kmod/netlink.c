// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the generic netlink family "tapi" (uapi/linux/tapi_netlink.h)
 * and its requests: card, line and call get, each as do and dump.  Its
 * messages are built in netlink-msg.c, its notifications sent from
 * netlink-notify.c.
 */
#include <linux/tapi_netlink.h>
#include <net/genetlink.h>

#include "netlink.h"

static const struct genl_multicast_group tapi_nl_mcgrps[TAPI_NL_GRP_COUNT] = {
	[TAPI_NL_GRP_MONITOR] = { .name = TAPI_GENL_MCGRP_MONITOR },
	[TAPI_NL_GRP_CALLS] = {
		.name = TAPI_GENL_MCGRP_CALLS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

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

struct genl_family tapi_nl_family = {
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
		tapi_nl_notify_start();
	return ret;
}

/**
 * tapi_nl_exit() - unregister the family, dropping what was not sent
 *
 * Context: no card is registered and nothing reports calls any more.
 */
void tapi_nl_exit(void)
{
	tapi_nl_notify_stop();
	genl_unregister_family(&tapi_nl_family);
}
