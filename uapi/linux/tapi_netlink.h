/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * tapi: the generic netlink family "tapi", for seeing every card, line and
 * call of the system without opening anything, and for hearing about them.
 *
 * Documentation/netlink/specs/tapi.yaml describes the same family in the
 * kernel's YAML netlink spec format; Documentation/uapi.rst ("Generic
 * netlink") describes its use.
 */
#ifndef _UAPI_LINUX_TAPI_NETLINK_H
#define _UAPI_LINUX_TAPI_NETLINK_H

/**
 * DOC: The tapi generic netlink family
 *
 * Family %TAPI_GENL_NAME, version %TAPI_GENL_VERSION, in the initial network
 * namespace only (cards are not per namespace).  No family header follows
 * the generic netlink header: every message is attributes of
 * &enum tapi_attr.
 *
 * Commands (requests user space sends):
 *
 * - %TAPI_CMD_CARD_GET: do with %TAPI_A_CARD_INDEX, or dump of every card.
 *   Replies are %TAPI_CMD_CARD_NEW messages.  Needs no privilege.
 * - %TAPI_CMD_LINE_GET: do with %TAPI_A_CARD_INDEX and %TAPI_A_LINE_INDEX,
 *   or dump of every line (of one card if %TAPI_A_CARD_INDEX is given).
 *   Replies are %TAPI_CMD_LINE_NEW messages with the line's capabilities
 *   (%TAPI_A_LINE_CAPS), status (%TAPI_A_LINE_STATUS) and addresses
 *   (%TAPI_A_LINE_ADDRESS, one per address).  Needs no privilege.
 * - %TAPI_CMD_CALL_GET: do with %TAPI_A_CARD_INDEX and %TAPI_A_CALL_ID, or
 *   dump of every call (of one card, or one line of it, if
 *   %TAPI_A_CARD_INDEX and %TAPI_A_LINE_INDEX are given).  Replies are
 *   %TAPI_CMD_CALL_NEW messages.  Call parties are personal data: this
 *   command needs %CAP_NET_ADMIN (else %EPERM).
 *
 * Multicast groups and their notifications:
 *
 * - %TAPI_GENL_MCGRP_MONITOR ("monitor"), open to everyone:
 *   %TAPI_CMD_CARD_NEW and %TAPI_CMD_CARD_DEL when a card appears or goes
 *   (TAPI's LINE_CREATE and LINE_REMOVE), %TAPI_CMD_LINE_NEW and
 *   %TAPI_CMD_LINE_DEL for each of its lines, %TAPI_CMD_LINE_STATE when a
 *   line's status changes (opens, privileges, calls by kind, device state).
 * - %TAPI_GENL_MCGRP_CALLS ("calls"), the call part of monitoring, which
 *   needs %CAP_NET_ADMIN to join: %TAPI_CMD_CALL_NEW when a call appears,
 *   %TAPI_CMD_CALL_STATE at each state change (%TAPI_CALLSTATE_IDLE is its
 *   end), %TAPI_CMD_CALL_INFO when its information changes.
 *
 * Notifications are sent in the order things happened, from process
 * context shortly after.  When a listener's socket buffer or the core's
 * queue of notifications overflows the listener gets %ENOBUFS from recv(),
 * as for any netlink multicast: it should dump again to resynchronise.  A
 * dump that raced with cards appearing or going carries
 * %NLM_F_DUMP_INTERRUPTED.
 *
 * Attributes are added at the end of their enum only; a reader ignores
 * attributes it does not know.
 */

#define TAPI_GENL_NAME			"tapi"
#define TAPI_GENL_VERSION		1
#define TAPI_GENL_MCGRP_MONITOR		"monitor"
#define TAPI_GENL_MCGRP_CALLS		"calls"

/**
 * enum tapi_cmd - commands and notifications of the tapi family
 * @TAPI_CMD_UNSPEC: unused
 * @TAPI_CMD_CARD_GET: get one card or dump them all (request)
 * @TAPI_CMD_CARD_NEW: a card (reply; notification: the card appeared)
 * @TAPI_CMD_CARD_DEL: the card went away (notification)
 * @TAPI_CMD_LINE_GET: get one line or dump them (request)
 * @TAPI_CMD_LINE_NEW: a line (reply; notification: the line appeared)
 * @TAPI_CMD_LINE_DEL: the line went away with its card (notification)
 * @TAPI_CMD_LINE_STATE: the line's status changed; the message is the
 *	whole line as %TAPI_CMD_LINE_NEW (notification)
 * @TAPI_CMD_CALL_GET: get one call or dump them (request; %CAP_NET_ADMIN)
 * @TAPI_CMD_CALL_NEW: a call (reply; notification: the call appeared)
 * @TAPI_CMD_CALL_STATE: the call changed state: the whole call as then,
 *	with %TAPI_A_CALL_OLD_STATE (notification)
 * @TAPI_CMD_CALL_INFO: the call's information changed: the whole call as
 *	then, with %TAPI_A_CALL_INFO_FIELDS (notification)
 * @__TAPI_CMD_MAX: one past the last command
 * @TAPI_CMD_MAX: the last command
 */
enum tapi_cmd {
	TAPI_CMD_UNSPEC,
	TAPI_CMD_CARD_GET,
	TAPI_CMD_CARD_NEW,
	TAPI_CMD_CARD_DEL,
	TAPI_CMD_LINE_GET,
	TAPI_CMD_LINE_NEW,
	TAPI_CMD_LINE_DEL,
	TAPI_CMD_LINE_STATE,
	TAPI_CMD_CALL_GET,
	TAPI_CMD_CALL_NEW,
	TAPI_CMD_CALL_STATE,
	TAPI_CMD_CALL_INFO,

	__TAPI_CMD_MAX,
	TAPI_CMD_MAX = __TAPI_CMD_MAX - 1
};

/**
 * enum tapi_attr - the top-level attributes
 * @TAPI_A_UNSPEC: unused
 * @TAPI_A_PAD: padding of 64-bit attributes
 * @TAPI_A_CARD_INDEX: u32, N of /dev/tapiN
 * @TAPI_A_CARD_NAME: string, the card's name
 * @TAPI_A_CARD_DRIVER: string, the TSP module driving it
 * @TAPI_A_CARD_NUM_LINES: u32, lines of the card
 * @TAPI_A_LINE_INDEX: u32, the line on its card
 * @TAPI_A_LINE_NAME: string, the line's name
 * @TAPI_A_LINE_CAPS: nest of &enum tapi_line_caps_attr
 * @TAPI_A_LINE_STATUS: nest of &enum tapi_line_status_attr
 * @TAPI_A_LINE_ADDRESS: nest of &enum tapi_address_attr, once per address
 *	in address order
 * @TAPI_A_CALL_ID: u32, the call id (the same as &tapi_call_info.call_id)
 * @TAPI_A_CALL_ADDRESS_ID: u32, the address of the line the call is on
 * @TAPI_A_CALL_STATE: u32, one &enum tapi_call_state bit
 * @TAPI_A_CALL_MODE: u32, the state's mode
 * @TAPI_A_CALL_OLD_STATE: u32, %TAPI_CMD_CALL_STATE only: the state left
 * @TAPI_A_CALL_MEDIA_MODE: u32, &enum tapi_media_mode bits
 * @TAPI_A_CALL_BEARER_MODE: u32, one &enum tapi_bearer_mode bit
 * @TAPI_A_CALL_ORIGIN: u32, one &enum tapi_call_origin bit
 * @TAPI_A_CALL_REASON: u32, one &enum tapi_call_reason bit
 * @TAPI_A_CALL_RELATED_ID: u32, call id of a related call, or 0
 * @TAPI_A_CALL_PARAM_FLAGS: u32, &enum tapi_call_param_flag bits
 * @TAPI_A_CALL_NUM_OWNERS: u32, handles with owner privilege
 * @TAPI_A_CALL_NUM_MONITORS: u32, handles with monitor privilege
 * @TAPI_A_CALL_CREATE_NS: u64, when the call appeared, CLOCK_MONOTONIC
 * @TAPI_A_CALL_STATE_NS: u64, when it entered its current state
 * @TAPI_A_CALL_CALLER: nest of &enum tapi_party_attr, the calling party
 * @TAPI_A_CALL_CALLED: nest, the called party
 * @TAPI_A_CALL_CONNECTED: nest, the party the call is connected to
 * @TAPI_A_CALL_REDIRECTING: nest, the party that redirected the call
 * @TAPI_A_CALL_REDIRECTION: nest, the party it was redirected to
 * @TAPI_A_CALL_INFO_FIELDS: u32, %TAPI_CMD_CALL_INFO only: &enum
 *	tapi_callinfo_field bits that changed
 * @__TAPI_A_MAX: one past the last attribute
 * @TAPI_A_MAX: the last attribute
 *
 * A party nest is present only when the party has flags, a number or a
 * name.
 */
enum tapi_attr {
	TAPI_A_UNSPEC,
	TAPI_A_PAD,
	TAPI_A_CARD_INDEX,
	TAPI_A_CARD_NAME,
	TAPI_A_CARD_DRIVER,
	TAPI_A_CARD_NUM_LINES,
	TAPI_A_LINE_INDEX,
	TAPI_A_LINE_NAME,
	TAPI_A_LINE_CAPS,
	TAPI_A_LINE_STATUS,
	TAPI_A_LINE_ADDRESS,
	TAPI_A_CALL_ID,
	TAPI_A_CALL_ADDRESS_ID,
	TAPI_A_CALL_STATE,
	TAPI_A_CALL_MODE,
	TAPI_A_CALL_OLD_STATE,
	TAPI_A_CALL_MEDIA_MODE,
	TAPI_A_CALL_BEARER_MODE,
	TAPI_A_CALL_ORIGIN,
	TAPI_A_CALL_REASON,
	TAPI_A_CALL_RELATED_ID,
	TAPI_A_CALL_PARAM_FLAGS,
	TAPI_A_CALL_NUM_OWNERS,
	TAPI_A_CALL_NUM_MONITORS,
	TAPI_A_CALL_CREATE_NS,
	TAPI_A_CALL_STATE_NS,
	TAPI_A_CALL_CALLER,
	TAPI_A_CALL_CALLED,
	TAPI_A_CALL_CONNECTED,
	TAPI_A_CALL_REDIRECTING,
	TAPI_A_CALL_REDIRECTION,
	TAPI_A_CALL_INFO_FIELDS,

	__TAPI_A_MAX,
	TAPI_A_MAX = __TAPI_A_MAX - 1
};

/**
 * enum tapi_line_caps_attr - a line's capabilities (&struct
 *	tapi_line_devcaps), all u32
 * @TAPI_A_LINE_CAPS_UNSPEC: unused
 * @TAPI_A_LINE_CAPS_PERMANENT_ID: &tapi_line_devcaps.permanent_line_id
 * @TAPI_A_LINE_CAPS_NUM_ADDRESSES: &tapi_line_devcaps.num_addresses
 * @TAPI_A_LINE_CAPS_MAX_ACTIVE_CALLS: &tapi_line_devcaps.max_active_calls
 * @TAPI_A_LINE_CAPS_MEDIA_MODES: &tapi_line_devcaps.media_modes
 * @TAPI_A_LINE_CAPS_BEARER_MODES: &tapi_line_devcaps.bearer_modes
 * @TAPI_A_LINE_CAPS_LINE_FEATURES: &tapi_line_devcaps.line_features
 * @TAPI_A_LINE_CAPS_DEVCAPS_FLAGS: &tapi_line_devcaps.devcaps_flags
 * @TAPI_A_LINE_CAPS_GEN_DIGIT_MODES: &tapi_line_devcaps.gen_digit_modes
 * @TAPI_A_LINE_CAPS_MONITOR_DIGIT_MODES:
 *	&tapi_line_devcaps.monitor_digit_modes
 * @TAPI_A_LINE_CAPS_GEN_TONE_MAX_FREQS:
 *	&tapi_line_devcaps.gen_tone_max_freqs
 * @TAPI_A_LINE_CAPS_MONITOR_TONE_MAX_FREQS:
 *	&tapi_line_devcaps.monitor_tone_max_freqs
 * @TAPI_A_LINE_CAPS_MONITOR_TONE_MAX: &tapi_line_devcaps.monitor_tone_max
 * @TAPI_A_LINE_CAPS_STRING_FORMAT: &tapi_line_devcaps.string_format
 * @__TAPI_A_LINE_CAPS_MAX: one past the last attribute
 * @TAPI_A_LINE_CAPS_MAX: the last attribute
 */
enum tapi_line_caps_attr {
	TAPI_A_LINE_CAPS_UNSPEC,
	TAPI_A_LINE_CAPS_PERMANENT_ID,
	TAPI_A_LINE_CAPS_NUM_ADDRESSES,
	TAPI_A_LINE_CAPS_MAX_ACTIVE_CALLS,
	TAPI_A_LINE_CAPS_MEDIA_MODES,
	TAPI_A_LINE_CAPS_BEARER_MODES,
	TAPI_A_LINE_CAPS_LINE_FEATURES,
	TAPI_A_LINE_CAPS_DEVCAPS_FLAGS,
	TAPI_A_LINE_CAPS_GEN_DIGIT_MODES,
	TAPI_A_LINE_CAPS_MONITOR_DIGIT_MODES,
	TAPI_A_LINE_CAPS_GEN_TONE_MAX_FREQS,
	TAPI_A_LINE_CAPS_MONITOR_TONE_MAX_FREQS,
	TAPI_A_LINE_CAPS_MONITOR_TONE_MAX,
	TAPI_A_LINE_CAPS_STRING_FORMAT,

	__TAPI_A_LINE_CAPS_MAX,
	TAPI_A_LINE_CAPS_MAX = __TAPI_A_LINE_CAPS_MAX - 1
};

/**
 * enum tapi_line_status_attr - a line's status (&struct
 *	tapi_line_devstatus, as every fd of the line would read it), all u32
 * @TAPI_A_LINE_STATUS_UNSPEC: unused
 * @TAPI_A_LINE_STATUS_NUM_OPENS: open line fds
 * @TAPI_A_LINE_STATUS_NUM_OWNERS: of them, with owner privilege
 * @TAPI_A_LINE_STATUS_NUM_MONITORS: of them, with monitor privilege
 * @TAPI_A_LINE_STATUS_OPEN_MEDIA_MODES: media modes owned by them
 * @TAPI_A_LINE_STATUS_NUM_ACTIVE_CALLS: calls active
 * @TAPI_A_LINE_STATUS_NUM_ONHOLD_CALLS: calls on hold
 * @TAPI_A_LINE_STATUS_NUM_ONHOLDPEND_CALLS: calls on hold pending a
 *	transfer or a conference
 * @TAPI_A_LINE_STATUS_LINE_FEATURES: &enum tapi_line_feature bits legal now
 * @TAPI_A_LINE_STATUS_DEVSTATUS_FLAGS: &enum tapi_devstatus_flag bits
 * @__TAPI_A_LINE_STATUS_MAX: one past the last attribute
 * @TAPI_A_LINE_STATUS_MAX: the last attribute
 */
enum tapi_line_status_attr {
	TAPI_A_LINE_STATUS_UNSPEC,
	TAPI_A_LINE_STATUS_NUM_OPENS,
	TAPI_A_LINE_STATUS_NUM_OWNERS,
	TAPI_A_LINE_STATUS_NUM_MONITORS,
	TAPI_A_LINE_STATUS_OPEN_MEDIA_MODES,
	TAPI_A_LINE_STATUS_NUM_ACTIVE_CALLS,
	TAPI_A_LINE_STATUS_NUM_ONHOLD_CALLS,
	TAPI_A_LINE_STATUS_NUM_ONHOLDPEND_CALLS,
	TAPI_A_LINE_STATUS_LINE_FEATURES,
	TAPI_A_LINE_STATUS_DEVSTATUS_FLAGS,

	__TAPI_A_LINE_STATUS_MAX,
	TAPI_A_LINE_STATUS_MAX = __TAPI_A_LINE_STATUS_MAX - 1
};

/**
 * enum tapi_address_attr - one address of a line (&struct
 *	tapi_address_caps)
 * @TAPI_A_ADDRESS_UNSPEC: unused
 * @TAPI_A_ADDRESS_ID: u32, the address index on its line
 * @TAPI_A_ADDRESS_ADDRESS: string, the directory number
 * @TAPI_A_ADDRESS_MAX_CALLS: u32, &tapi_address_caps.max_calls
 * @TAPI_A_ADDRESS_FEATURES: u32, &tapi_address_caps.address_features
 * @TAPI_A_ADDRESS_CALL_FEATURES: u32, &tapi_address_caps.call_features
 * @TAPI_A_ADDRESS_NUM_CALLS: u32, calls of the address not idle
 * @TAPI_A_ADDRESS_TRANSFER_MODES: u32, &tapi_address_caps.transfer_modes
 * @TAPI_A_ADDRESS_MAX_CONF_MEMBERS: u32,
 *	&tapi_address_caps.max_conf_members
 * @TAPI_A_ADDRESS_PARK_MODES: u32, &tapi_address_caps.park_modes
 * @TAPI_A_ADDRESS_FORWARD_MODES: u32, &tapi_address_caps.forward_modes
 * @TAPI_A_ADDRESS_COMPLETION_MODES: u32,
 *	&tapi_address_caps.completion_modes
 * @TAPI_A_ADDRESS_MAX_USER_USER: u32, &tapi_address_caps.max_user_user
 * @__TAPI_A_ADDRESS_MAX: one past the last attribute
 * @TAPI_A_ADDRESS_MAX: the last attribute
 */
enum tapi_address_attr {
	TAPI_A_ADDRESS_UNSPEC,
	TAPI_A_ADDRESS_ID,
	TAPI_A_ADDRESS_ADDRESS,
	TAPI_A_ADDRESS_MAX_CALLS,
	TAPI_A_ADDRESS_FEATURES,
	TAPI_A_ADDRESS_CALL_FEATURES,
	TAPI_A_ADDRESS_NUM_CALLS,
	TAPI_A_ADDRESS_TRANSFER_MODES,
	TAPI_A_ADDRESS_MAX_CONF_MEMBERS,
	TAPI_A_ADDRESS_PARK_MODES,
	TAPI_A_ADDRESS_FORWARD_MODES,
	TAPI_A_ADDRESS_COMPLETION_MODES,
	TAPI_A_ADDRESS_MAX_USER_USER,

	__TAPI_A_ADDRESS_MAX,
	TAPI_A_ADDRESS_MAX = __TAPI_A_ADDRESS_MAX - 1
};

/**
 * enum tapi_party_attr - one party of a call (&struct tapi_call_party)
 * @TAPI_A_PARTY_UNSPEC: unused
 * @TAPI_A_PARTY_FLAGS: u32, &enum tapi_party_flag bits
 * @TAPI_A_PARTY_NUMBER: string, the number (absent if unknown)
 * @TAPI_A_PARTY_NAME: string, the name (absent if unknown)
 * @__TAPI_A_PARTY_MAX: one past the last attribute
 * @TAPI_A_PARTY_MAX: the last attribute
 */
enum tapi_party_attr {
	TAPI_A_PARTY_UNSPEC,
	TAPI_A_PARTY_FLAGS,
	TAPI_A_PARTY_NUMBER,
	TAPI_A_PARTY_NAME,

	__TAPI_A_PARTY_MAX,
	TAPI_A_PARTY_MAX = __TAPI_A_PARTY_MAX - 1
};

#endif /* _UAPI_LINUX_TAPI_NETLINK_H */
