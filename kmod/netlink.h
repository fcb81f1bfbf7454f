/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi core: what the files of the generic netlink family share
 * (netlink.c: the family and its requests; netlink-msg.c: its messages;
 * netlink-notify.c: its notifications).
 */
#ifndef _TAPI_NETLINK_H
#define _TAPI_NETLINK_H

#include <net/genetlink.h>

#include "tapi_core.h"

/**
 * enum tapi_nl_group - the family's multicast groups, in its group table
 * @TAPI_NL_GRP_MONITOR: "monitor": cards and lines
 * @TAPI_NL_GRP_CALLS: "calls": calls; joining needs %CAP_NET_ADMIN
 * @TAPI_NL_GRP_COUNT: the number of groups
 */
enum tapi_nl_group {
	TAPI_NL_GRP_MONITOR,
	TAPI_NL_GRP_CALLS,
	TAPI_NL_GRP_COUNT,
};

extern struct genl_family tapi_nl_family;

/* netlink-msg.c: the largest each message can be, and filling them */
size_t tapi_nl_card_size(void);
size_t tapi_nl_line_size(unsigned int num_addresses);
size_t tapi_nl_call_size(void);
int tapi_nl_fill_card(struct sk_buff *skb, struct tapi_card *card, u8 cmd,
		      u32 portid, u32 seq, int flags);
int tapi_nl_fill_line(struct sk_buff *skb, struct tapi_line *line,
		      const struct tapi_line_devstatus *st, u8 cmd, u32 portid,
		      u32 seq, int flags);
int tapi_nl_fill_line_live(struct sk_buff *skb, struct tapi_line *line,
			   u8 cmd, u32 portid, u32 seq, int flags);
int tapi_nl_fill_call(struct sk_buff *skb, struct tapi_call *call, u8 cmd,
		      u32 old_state, u32 fields, u32 portid, u32 seq,
		      int flags);

/* netlink-notify.c */
void tapi_nl_notify_start(void);
void tapi_nl_notify_stop(void);

#endif /* _TAPI_NETLINK_H */
