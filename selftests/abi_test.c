// SPDX-License-Identifier: GPL-2.0
/*
 * The tapi ioctl ABI: structure layout, and for every command the argument
 * length rules and the errno table of the DOC block in uapi/linux/tapi.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include "calls.h"
#include "harness.h"

/* ---- layout: no holes, no tail padding, size a multiple of 8 ---------- */

#define FEND(t, f)	(offsetof(t, f) + sizeof(((t *)0)->f))
#define AT(t, f, off)	_Static_assert(offsetof(t, f) == (off), \
				       #t "." #f " is not at " #off)
#define NEXT(t, a, b)	_Static_assert(offsetof(t, b) == FEND(t, a), \
				       #t ": hole between " #a " and " #b)
#define LAST(t, f)	_Static_assert(sizeof(t) == FEND(t, f), \
				       #t ": padding after " #f); \
			_Static_assert(sizeof(t) % 8 == 0, \
				       #t ": size not a multiple of 8")
#define HEAD(t)		AT(t, size, 0); NEXT(t, size, flags)

HEAD(struct tapi_features);
NEXT(struct tapi_features, flags, abi_version);
NEXT(struct tapi_features, abi_version, max_lines);
NEXT(struct tapi_features, max_lines, max_addresses);
NEXT(struct tapi_features, max_addresses, max_event_queue);
NEXT(struct tapi_features, max_event_queue, features);
NEXT(struct tapi_features, features, event_size);
NEXT(struct tapi_features, event_size, reserved);
LAST(struct tapi_features, reserved);

HEAD(struct tapi_card_info);
NEXT(struct tapi_card_info, flags, index);
NEXT(struct tapi_card_info, index, num_lines);
NEXT(struct tapi_card_info, num_lines, name);
NEXT(struct tapi_card_info, name, driver);
LAST(struct tapi_card_info, driver);

HEAD(struct tapi_line_devcaps);
NEXT(struct tapi_line_devcaps, flags, line);
NEXT(struct tapi_line_devcaps, line, permanent_line_id);
NEXT(struct tapi_line_devcaps, permanent_line_id, num_addresses);
NEXT(struct tapi_line_devcaps, num_addresses, max_active_calls);
NEXT(struct tapi_line_devcaps, max_active_calls, media_modes);
NEXT(struct tapi_line_devcaps, media_modes, bearer_modes);
NEXT(struct tapi_line_devcaps, bearer_modes, line_features);
NEXT(struct tapi_line_devcaps, line_features, devcaps_flags);
NEXT(struct tapi_line_devcaps, devcaps_flags, string_format);
NEXT(struct tapi_line_devcaps, string_format, gen_digit_modes);
NEXT(struct tapi_line_devcaps, gen_digit_modes, monitor_digit_modes);
NEXT(struct tapi_line_devcaps, monitor_digit_modes, gen_tone_max_freqs);
NEXT(struct tapi_line_devcaps, gen_tone_max_freqs, monitor_tone_max_freqs);
NEXT(struct tapi_line_devcaps, monitor_tone_max_freqs, monitor_tone_max);
NEXT(struct tapi_line_devcaps, monitor_tone_max, reserved);
NEXT(struct tapi_line_devcaps, reserved, name);
LAST(struct tapi_line_devcaps, name);

HEAD(struct tapi_address_caps);
NEXT(struct tapi_address_caps, flags, line);
NEXT(struct tapi_address_caps, line, address_id);
NEXT(struct tapi_address_caps, address_id, max_calls);
NEXT(struct tapi_address_caps, max_calls, address_features);
NEXT(struct tapi_address_caps, address_features, call_features);
NEXT(struct tapi_address_caps, call_features, reserved);
NEXT(struct tapi_address_caps, reserved, address);
NEXT(struct tapi_address_caps, address, transfer_modes);
NEXT(struct tapi_address_caps, transfer_modes, max_conf_members);
NEXT(struct tapi_address_caps, max_conf_members, park_modes);
NEXT(struct tapi_address_caps, park_modes, forward_modes);
NEXT(struct tapi_address_caps, forward_modes, completion_modes);
NEXT(struct tapi_address_caps, completion_modes, max_user_user);
LAST(struct tapi_address_caps, max_user_user);

HEAD(struct tapi_line_open);
NEXT(struct tapi_line_open, flags, line);
NEXT(struct tapi_line_open, line, privileges);
NEXT(struct tapi_line_open, privileges, media_modes);
NEXT(struct tapi_line_open, media_modes, event_queue_depth);
NEXT(struct tapi_line_open, event_queue_depth, event_mask);
NEXT(struct tapi_line_open, event_mask, fd);
NEXT(struct tapi_line_open, fd, reserved);
NEXT(struct tapi_line_open, reserved, app_name);
LAST(struct tapi_line_open, app_name);

HEAD(struct tapi_line_devstatus);
NEXT(struct tapi_line_devstatus, flags, num_opens);
NEXT(struct tapi_line_devstatus, num_opens, num_owners);
NEXT(struct tapi_line_devstatus, num_owners, num_monitors);
NEXT(struct tapi_line_devstatus, num_monitors, open_media_modes);
NEXT(struct tapi_line_devstatus, open_media_modes, num_active_calls);
NEXT(struct tapi_line_devstatus, num_active_calls, num_onhold_calls);
NEXT(struct tapi_line_devstatus, num_onhold_calls, num_onholdpend_calls);
NEXT(struct tapi_line_devstatus, num_onholdpend_calls, line_features);
NEXT(struct tapi_line_devstatus, line_features, devstatus_flags);
NEXT(struct tapi_line_devstatus, devstatus_flags, reserved);
LAST(struct tapi_line_devstatus, reserved);

AT(struct tapi_event, timestamp_ns, 0);
NEXT(struct tapi_event, timestamp_ns, seqno);
NEXT(struct tapi_event, seqno, type);
NEXT(struct tapi_event, type, line);
NEXT(struct tapi_event, line, call);
NEXT(struct tapi_event, call, request_id);
NEXT(struct tapi_event, request_id, reserved);
NEXT(struct tapi_event, reserved, param);
LAST(struct tapi_event, param);

HEAD(struct tapi_line_event_mask);
NEXT(struct tapi_line_event_mask, flags, event_mask);
LAST(struct tapi_line_event_mask, event_mask);

HEAD(struct tapi_line_priority);
NEXT(struct tapi_line_priority, flags, media_modes);
NEXT(struct tapi_line_priority, media_modes, priority);
LAST(struct tapi_line_priority, priority);

HEAD(struct tapi_address_status);
NEXT(struct tapi_address_status, flags, address_id);
NEXT(struct tapi_address_status, address_id, num_inuse);
NEXT(struct tapi_address_status, num_inuse, num_active_calls);
NEXT(struct tapi_address_status, num_active_calls, num_onhold_calls);
NEXT(struct tapi_address_status, num_onhold_calls, num_onholdpend_calls);
NEXT(struct tapi_address_status, num_onholdpend_calls, address_features);
NEXT(struct tapi_address_status, address_features, num_forward);
NEXT(struct tapi_address_status, num_forward, forward_no_answer_ms);
NEXT(struct tapi_address_status, forward_no_answer_ms, forward);
LAST(struct tapi_address_status, forward);

AT(struct tapi_forward_entry, mode, 0);
NEXT(struct tapi_forward_entry, mode, reserved);
NEXT(struct tapi_forward_entry, reserved, dest);
LAST(struct tapi_forward_entry, dest);

HEAD(struct tapi_line_new_calls);
NEXT(struct tapi_line_new_calls, flags, address_id);
NEXT(struct tapi_line_new_calls, address_id, capacity);
NEXT(struct tapi_line_new_calls, capacity, count);
NEXT(struct tapi_line_new_calls, count, remaining);
NEXT(struct tapi_line_new_calls, remaining, handles);
LAST(struct tapi_line_new_calls, handles);

HEAD(struct tapi_call_make);
NEXT(struct tapi_call_make, flags, address_id);
NEXT(struct tapi_call_make, address_id, media_mode);
NEXT(struct tapi_call_make, media_mode, bearer_mode);
NEXT(struct tapi_call_make, bearer_mode, no_answer_timeout_ms);
NEXT(struct tapi_call_make, no_answer_timeout_ms, call);
NEXT(struct tapi_call_make, call, request_id);
NEXT(struct tapi_call_make, request_id, dest);
LAST(struct tapi_call_make, dest);

HEAD(struct tapi_call_dial);
NEXT(struct tapi_call_dial, flags, call);
NEXT(struct tapi_call_dial, call, request_id);
NEXT(struct tapi_call_dial, request_id, digits);
LAST(struct tapi_call_dial, digits);

HEAD(struct tapi_call_request);
NEXT(struct tapi_call_request, flags, call);
NEXT(struct tapi_call_request, call, request_id);
LAST(struct tapi_call_request, request_id);

HEAD(struct tapi_call_dealloc);
NEXT(struct tapi_call_dealloc, flags, call);
NEXT(struct tapi_call_dealloc, call, reserved);
LAST(struct tapi_call_dealloc, reserved);

HEAD(struct tapi_call_status);
NEXT(struct tapi_call_status, flags, call);
NEXT(struct tapi_call_status, call, state);
NEXT(struct tapi_call_status, state, mode);
NEXT(struct tapi_call_status, mode, privilege);
NEXT(struct tapi_call_status, privilege, call_features);
NEXT(struct tapi_call_status, call_features, call_id);
NEXT(struct tapi_call_status, call_id, state_ns);
LAST(struct tapi_call_status, state_ns);

AT(struct tapi_call_party, flags, 0);
NEXT(struct tapi_call_party, flags, reserved);
NEXT(struct tapi_call_party, reserved, number);
NEXT(struct tapi_call_party, number, name);
LAST(struct tapi_call_party, name);

HEAD(struct tapi_call_info);
NEXT(struct tapi_call_info, flags, call);
NEXT(struct tapi_call_info, call, line);
NEXT(struct tapi_call_info, line, address_id);
NEXT(struct tapi_call_info, address_id, call_id);
NEXT(struct tapi_call_info, call_id, related_call_id);
NEXT(struct tapi_call_info, related_call_id, media_mode);
NEXT(struct tapi_call_info, media_mode, bearer_mode);
NEXT(struct tapi_call_info, bearer_mode, origin);
NEXT(struct tapi_call_info, origin, reason);
NEXT(struct tapi_call_info, reason, num_owners);
NEXT(struct tapi_call_info, num_owners, num_monitors);
NEXT(struct tapi_call_info, num_monitors, reserved);
NEXT(struct tapi_call_info, reserved, create_ns);
NEXT(struct tapi_call_info, create_ns, state_entry_ns);
NEXT(struct tapi_call_info, state_entry_ns, caller);
NEXT(struct tapi_call_info, caller, called);
NEXT(struct tapi_call_info, called, connected);
NEXT(struct tapi_call_info, connected, redirecting);
NEXT(struct tapi_call_info, redirecting, redirection);
NEXT(struct tapi_call_info, redirection, param_flags);
NEXT(struct tapi_call_info, param_flags, completion_id);
NEXT(struct tapi_call_info, completion_id, user_user_len);
NEXT(struct tapi_call_info, user_user_len, reserved2);
NEXT(struct tapi_call_info, reserved2, user_user_info);
LAST(struct tapi_call_info, user_user_info);

HEAD(struct tapi_call_privilege);
NEXT(struct tapi_call_privilege, flags, call);
NEXT(struct tapi_call_privilege, call, privilege);
LAST(struct tapi_call_privilege, privilege);

HEAD(struct tapi_call_handoff);
NEXT(struct tapi_call_handoff, flags, call);
NEXT(struct tapi_call_handoff, call, media_mode);
NEXT(struct tapi_call_handoff, media_mode, app_name);
LAST(struct tapi_call_handoff, app_name);

HEAD(struct tapi_line_pickup);
NEXT(struct tapi_line_pickup, flags, address_id);
NEXT(struct tapi_line_pickup, address_id, call);
NEXT(struct tapi_line_pickup, call, request_id);
NEXT(struct tapi_line_pickup, request_id, reserved);
NEXT(struct tapi_line_pickup, reserved, dest);
NEXT(struct tapi_line_pickup, dest, group);
LAST(struct tapi_line_pickup, group);

HEAD(struct tapi_call_park);
NEXT(struct tapi_call_park, flags, call);
NEXT(struct tapi_call_park, call, mode);
NEXT(struct tapi_call_park, mode, request_id);
NEXT(struct tapi_call_park, request_id, reserved);
NEXT(struct tapi_call_park, reserved, dest);
LAST(struct tapi_call_park, dest);

HEAD(struct tapi_line_forward);
NEXT(struct tapi_line_forward, flags, address_id);
NEXT(struct tapi_line_forward, address_id, no_answer_ms);
NEXT(struct tapi_line_forward, no_answer_ms, num_entries);
NEXT(struct tapi_line_forward, num_entries, request_id);
NEXT(struct tapi_line_forward, request_id, entries);
LAST(struct tapi_line_forward, entries);

HEAD(struct tapi_call_user_user);
NEXT(struct tapi_call_user_user, flags, call);
NEXT(struct tapi_call_user_user, call, request_id);
NEXT(struct tapi_call_user_user, request_id, len);
NEXT(struct tapi_call_user_user, len, reserved);
NEXT(struct tapi_call_user_user, reserved, data);
LAST(struct tapi_call_user_user, data);

HEAD(struct tapi_call_completion);
NEXT(struct tapi_call_completion, flags, call);
NEXT(struct tapi_call_completion, call, mode);
NEXT(struct tapi_call_completion, mode, completion_id);
NEXT(struct tapi_call_completion, completion_id, request_id);
LAST(struct tapi_call_completion, request_id);

HEAD(struct tapi_line_uncomplete);
NEXT(struct tapi_line_uncomplete, flags, completion_id);
NEXT(struct tapi_line_uncomplete, completion_id, request_id);
LAST(struct tapi_line_uncomplete, request_id);

FIXTURE(layout) {};
FIXTURE_SETUP(layout) {}
FIXTURE_TEARDOWN(layout) {}

/* The sizes are the ABI: a change here breaks every binary out there. */
TEST_F(layout, struct_sizes)
{
	EXPECT_EQ(40u, sizeof(struct tapi_features));
	EXPECT_EQ(80u, sizeof(struct tapi_card_info));
	EXPECT_EQ(144u, sizeof(struct tapi_line_devcaps));
	EXPECT_EQ(120u, sizeof(struct tapi_address_caps));
	EXPECT_EQ(72u, sizeof(struct tapi_line_open));
	EXPECT_EQ(48u, sizeof(struct tapi_line_devstatus));
	EXPECT_EQ(64u, sizeof(struct tapi_event));
	EXPECT_EQ(24u, sizeof(struct tapi_call_pair));
	EXPECT_EQ(24u, sizeof(struct tapi_call_consult));
	EXPECT_EQ(24u, sizeof(struct tapi_call_complete_transfer));
	EXPECT_EQ(32u, sizeof(struct tapi_call_setup_conf));
	EXPECT_EQ(16u, sizeof(struct tapi_conf_member));
	EXPECT_EQ(32u, sizeof(struct tapi_conf_related));
	EXPECT_EQ(16u, sizeof(struct tapi_line_event_mask));
	EXPECT_EQ(16u, sizeof(struct tapi_line_priority));
	EXPECT_EQ(328u, sizeof(struct tapi_address_status));
	EXPECT_EQ(72u, sizeof(struct tapi_forward_entry));
	EXPECT_EQ(152u, sizeof(struct tapi_line_pickup));
	EXPECT_EQ(88u, sizeof(struct tapi_call_park));
	EXPECT_EQ(312u, sizeof(struct tapi_line_forward));
	EXPECT_EQ(152u, sizeof(struct tapi_call_user_user));
	EXPECT_EQ(24u, sizeof(struct tapi_call_completion));
	EXPECT_EQ(16u, sizeof(struct tapi_line_uncomplete));
	EXPECT_EQ(32u, sizeof(struct tapi_line_new_calls));
	EXPECT_EQ(96u, sizeof(struct tapi_call_make));
	EXPECT_EQ(80u, sizeof(struct tapi_call_dial));
	EXPECT_EQ(16u, sizeof(struct tapi_call_request));
	EXPECT_EQ(16u, sizeof(struct tapi_call_dealloc));
	EXPECT_EQ(40u, sizeof(struct tapi_call_status));
	EXPECT_EQ(136u, sizeof(struct tapi_call_party));
	EXPECT_EQ(1016u, sizeof(struct tapi_call_info));
	EXPECT_EQ(16u, sizeof(struct tapi_call_privilege));
	EXPECT_EQ(48u, sizeof(struct tapi_call_handoff));
	EXPECT_EQ(24u, offsetof(struct tapi_line_new_calls, handles));
	EXPECT_EQ(32u, offsetof(struct tapi_call_status, state_ns));
	EXPECT_EQ(56u, offsetof(struct tapi_call_info, create_ns));
	/* 64-bit fields at 8-byte offsets so i386 and x86_64 agree. */
	EXPECT_EQ(24u, offsetof(struct tapi_features, features));
	EXPECT_EQ(24u, offsetof(struct tapi_line_open, event_mask));
	EXPECT_EQ(32u, offsetof(struct tapi_line_open, fd));
	EXPECT_EQ(8u, __alignof__(struct tapi_features));
	EXPECT_EQ(8u, __alignof__(struct tapi_event));
}

/* One type byte, sequential numbers, plain _IO: never renumbered. */
TEST_F(layout, ioctl_numbers)
{
	EXPECT_EQ(0xD5, TAPI_IOC_TYPE);
	EXPECT_EQ(_IO(0xD5, 0), TAPI_IOC_GET_FEATURES);
	EXPECT_EQ(_IO(0xD5, 1), TAPI_IOC_CARD_GET_INFO);
	EXPECT_EQ(_IO(0xD5, 2), TAPI_IOC_LINE_GET_DEVCAPS);
	EXPECT_EQ(_IO(0xD5, 3), TAPI_IOC_ADDRESS_GET_CAPS);
	EXPECT_EQ(_IO(0xD5, 4), TAPI_IOC_LINE_OPEN);
	EXPECT_EQ(_IO(0xD5, 5), TAPI_IOC_LINE_GET_DEVSTATUS);
	EXPECT_EQ(_IO(0xD5, 6), TAPI_IOC_LINE_SET_EVENT_MASK);
	EXPECT_EQ(_IO(0xD5, 7), TAPI_IOC_LINE_SET_PRIORITY);
	EXPECT_EQ(_IO(0xD5, 8), TAPI_IOC_ADDRESS_GET_STATUS);
	EXPECT_EQ(_IO(0xD5, 9), TAPI_IOC_LINE_GET_NEW_CALLS);
	EXPECT_EQ(_IO(0xD5, 10), TAPI_IOC_CALL_MAKE);
	EXPECT_EQ(_IO(0xD5, 11), TAPI_IOC_CALL_DIAL);
	EXPECT_EQ(_IO(0xD5, 12), TAPI_IOC_CALL_ANSWER);
	EXPECT_EQ(_IO(0xD5, 13), TAPI_IOC_CALL_ACCEPT);
	EXPECT_EQ(_IO(0xD5, 14), TAPI_IOC_CALL_DROP);
	EXPECT_EQ(_IO(0xD5, 15), TAPI_IOC_CALL_DEALLOCATE);
	EXPECT_EQ(_IO(0xD5, 16), TAPI_IOC_CALL_GET_INFO);
	EXPECT_EQ(_IO(0xD5, 17), TAPI_IOC_CALL_GET_STATUS);
	EXPECT_EQ(_IO(0xD5, 18), TAPI_IOC_CALL_SET_PRIVILEGE);
	EXPECT_EQ(_IO(0xD5, 19), TAPI_IOC_CALL_HANDOFF);
	EXPECT_EQ(_IO(0xD5, 0x1b), TAPI_IOC_CALL_HOLD);
	EXPECT_EQ(_IO(0xD5, 0x1c), TAPI_IOC_CALL_UNHOLD);
	EXPECT_EQ(_IO(0xD5, 0x1d), TAPI_IOC_CALL_SWAP_HOLD);
	EXPECT_EQ(_IO(0xD5, 0x1e), TAPI_IOC_CALL_SETUP_TRANSFER);
	EXPECT_EQ(_IO(0xD5, 0x1f), TAPI_IOC_CALL_COMPLETE_TRANSFER);
	EXPECT_EQ(_IO(0xD5, 0x20), TAPI_IOC_CALL_BLIND_TRANSFER);
	EXPECT_EQ(_IO(0xD5, 0x21), TAPI_IOC_CALL_SETUP_CONF);
	EXPECT_EQ(_IO(0xD5, 0x22), TAPI_IOC_CALL_PREPARE_ADD_CONF);
	EXPECT_EQ(_IO(0xD5, 0x23), TAPI_IOC_CALL_ADD_TO_CONF);
	EXPECT_EQ(_IO(0xD5, 0x24), TAPI_IOC_CALL_REMOVE_FROM_CONF);
	EXPECT_EQ(_IO(0xD5, 0x25), TAPI_IOC_CALL_GET_CONF_RELATED);
	EXPECT_EQ(_IO(0xD5, 0x26), TAPI_IOC_CALL_REDIRECT);
	EXPECT_EQ(_IO(0xD5, 0x27), TAPI_IOC_LINE_PICKUP);
	EXPECT_EQ(_IO(0xD5, 0x28), TAPI_IOC_CALL_PARK);
	EXPECT_EQ(_IO(0xD5, 0x29), TAPI_IOC_LINE_UNPARK);
	EXPECT_EQ(_IO(0xD5, 0x2a), TAPI_IOC_LINE_FORWARD);
	EXPECT_EQ(_IO(0xD5, 0x2b), TAPI_IOC_CALL_SECURE);
	EXPECT_EQ(_IO(0xD5, 0x2c), TAPI_IOC_CALL_SEND_USER_USER);
	EXPECT_EQ(_IO(0xD5, 0x2d), TAPI_IOC_CALL_COMPLETE);
	EXPECT_EQ(_IO(0xD5, 0x2e), TAPI_IOC_LINE_UNCOMPLETE);
	EXPECT_EQ(0ull, TAPI_EV_MASK_VALID & 1);
	EXPECT_EQ(0ull, TAPI_EV_ALWAYS_MASK & ~TAPI_EV_MASK_VALID);
}

/* ---- per-command argument rules ----------------------------------------- */

enum cmd_id { C_FEATURES, C_CARD_INFO, C_DEVCAPS, C_ADDRCAPS, C_OPEN,
	      C_DEVSTATUS, C_SET_MASK, C_SET_PRIO, C_ADDR_STATUS, C_NEW_CALLS,
	      C_MAKE, C_DIAL, C_ANSWER, C_ACCEPT, C_DROP, C_DEALLOC, C_INFO,
	      C_STATUS, C_PRIV, C_HANDOFF, C_HOLD, C_UNHOLD, C_REMOVE_CONF,
	      C_SWAP_HOLD, C_ADD_CONF, C_SETUP_XFER, C_PREPARE_ADD,
	      C_COMPLETE_XFER, C_BLIND_XFER, C_SETUP_CONF, C_CONF_RELATED,
	      C_REDIRECT, C_PICKUP, C_PARK, C_UNPARK, C_FORWARD, C_SECURE,
	      C_USER_USER, C_COMPLETE, C_UNCOMPLETE };

FIXTURE(ioctl)
{
	struct sim_card card;
	int card_fd;
	int line_fd;	/* line 0, owner and monitor */
	uint32_t call;	/* its outbound call, at dial tone */
	uint32_t offered; /* its inbound call, offering */
	long page;
	char *map;	/* two read-write pages, then one PROT_NONE page */
	char *guard;	/* the PROT_NONE page */
	char *ro;	/* one page, made read-only after filling */
	int fds;	/* fds open after setup */
};

FIXTURE_VARIANT(ioctl)
{
	enum cmd_id id;
	unsigned long cmd;
	size_t size;		/* the size this header knows */
	size_t min_size;	/* the command's minimum, if not @size */
	bool on_line_fd;
	uint32_t flags_valid;
	unsigned int n_reserved;
	size_t reserved[4];	/* offsets of the reserved __u32 fields */
	bool in_only;		/* nothing is written back */
	int state_err;		/* a valid request may also fail with this,
				 * once an earlier one changed the call */
};

FIXTURE_VARIANT_ADD(ioctl, get_features) {
	.id = C_FEATURES,
	.cmd = TAPI_IOC_GET_FEATURES,
	.size = sizeof(struct tapi_features),
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_features, reserved) },
};

FIXTURE_VARIANT_ADD(ioctl, card_get_info) {
	.id = C_CARD_INFO,
	.cmd = TAPI_IOC_CARD_GET_INFO,
	.size = sizeof(struct tapi_card_info),
};

FIXTURE_VARIANT_ADD(ioctl, line_get_devcaps) {
	.id = C_DEVCAPS,
	.cmd = TAPI_IOC_LINE_GET_DEVCAPS,
	.size = sizeof(struct tapi_line_devcaps),
	.n_reserved = 4,
	.reserved = {
		offsetof(struct tapi_line_devcaps, reserved[0]),
		offsetof(struct tapi_line_devcaps, reserved[1]),
		offsetof(struct tapi_line_devcaps, reserved[2]),
		offsetof(struct tapi_line_devcaps, reserved[3]),
	},
};

FIXTURE_VARIANT_ADD(ioctl, address_get_caps) {
	.id = C_ADDRCAPS,
	.cmd = TAPI_IOC_ADDRESS_GET_CAPS,
	.size = sizeof(struct tapi_address_caps),
	.min_size = FEND(struct tapi_address_caps, address),
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_address_caps, reserved) },
};

FIXTURE_VARIANT_ADD(ioctl, line_open) {
	.id = C_OPEN,
	.cmd = TAPI_IOC_LINE_OPEN,
	.size = sizeof(struct tapi_line_open),
	.flags_valid = TAPI_LINE_OPEN_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_line_open, reserved) },
};

FIXTURE_VARIANT_ADD(ioctl, line_get_devstatus) {
	.id = C_DEVSTATUS,
	.cmd = TAPI_IOC_LINE_GET_DEVSTATUS,
	.size = sizeof(struct tapi_line_devstatus),
	.on_line_fd = true,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_line_devstatus, reserved) },
};

FIXTURE_VARIANT_ADD(ioctl, line_set_event_mask) {
	.id = C_SET_MASK,
	.cmd = TAPI_IOC_LINE_SET_EVENT_MASK,
	.size = sizeof(struct tapi_line_event_mask),
	.on_line_fd = true,
	.in_only = true,
};

FIXTURE_VARIANT_ADD(ioctl, line_set_priority) {
	.id = C_SET_PRIO,
	.cmd = TAPI_IOC_LINE_SET_PRIORITY,
	.size = sizeof(struct tapi_line_priority),
	.on_line_fd = true,
	.in_only = true,
};

FIXTURE_VARIANT_ADD(ioctl, address_get_status) {
	.id = C_ADDR_STATUS,
	.cmd = TAPI_IOC_ADDRESS_GET_STATUS,
	.size = sizeof(struct tapi_address_status),
	.min_size = FEND(struct tapi_address_status, address_features),
	.on_line_fd = true,
};

FIXTURE_VARIANT_ADD(ioctl, line_get_new_calls) {
	.id = C_NEW_CALLS,
	.cmd = TAPI_IOC_LINE_GET_NEW_CALLS,
	.size = sizeof(struct tapi_line_new_calls),
	.on_line_fd = true,
	.flags_valid = TAPI_NEW_CALLS_VALID,
};

FIXTURE_VARIANT_ADD(ioctl, call_make) {
	.id = C_MAKE,
	.cmd = TAPI_IOC_CALL_MAKE,
	.size = sizeof(struct tapi_call_make),
	.on_line_fd = true,
	.flags_valid = TAPI_CALL_MAKE_VALID,
};

FIXTURE_VARIANT_ADD(ioctl, call_dial) {
	.id = C_DIAL,
	.cmd = TAPI_IOC_CALL_DIAL,
	.size = sizeof(struct tapi_call_dial),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_answer) {
	.id = C_ANSWER,
	.cmd = TAPI_IOC_CALL_ANSWER,
	.size = sizeof(struct tapi_call_request),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_accept) {
	.id = C_ACCEPT,
	.cmd = TAPI_IOC_CALL_ACCEPT,
	.size = sizeof(struct tapi_call_request),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_drop) {
	.id = C_DROP,
	.cmd = TAPI_IOC_CALL_DROP,
	.size = sizeof(struct tapi_call_request),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.state_err = -EBADFD,
};

/* Its only owner may not deallocate a live call: EBUSY is the answer. */
FIXTURE_VARIANT_ADD(ioctl, call_deallocate) {
	.id = C_DEALLOC,
	.cmd = TAPI_IOC_CALL_DEALLOCATE,
	.size = sizeof(struct tapi_call_dealloc),
	.on_line_fd = true,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_dealloc, reserved) },
	.in_only = true,
	.state_err = -EBUSY,
};

FIXTURE_VARIANT_ADD(ioctl, call_get_info) {
	.id = C_INFO,
	.cmd = TAPI_IOC_CALL_GET_INFO,
	.size = sizeof(struct tapi_call_info),
	.min_size = FEND(struct tapi_call_info, redirection),
	.on_line_fd = true,
	.n_reserved = 2,
	.reserved = { offsetof(struct tapi_call_info, reserved),
		      offsetof(struct tapi_call_info, reserved2) },
};

FIXTURE_VARIANT_ADD(ioctl, call_get_status) {
	.id = C_STATUS,
	.cmd = TAPI_IOC_CALL_GET_STATUS,
	.size = sizeof(struct tapi_call_status),
	.on_line_fd = true,
};

FIXTURE_VARIANT_ADD(ioctl, call_set_privilege) {
	.id = C_PRIV,
	.cmd = TAPI_IOC_CALL_SET_PRIVILEGE,
	.size = sizeof(struct tapi_call_privilege),
	.on_line_fd = true,
	.in_only = true,
};

/* Nobody else owns on the line: ESRCH is the answer. */
FIXTURE_VARIANT_ADD(ioctl, call_handoff) {
	.id = C_HANDOFF,
	.cmd = TAPI_IOC_CALL_HANDOFF,
	.size = sizeof(struct tapi_call_handoff),
	.on_line_fd = true,
	.in_only = true,
	.state_err = -ESRCH,
};

/*
 * The supplementary services: every one is illegal on the fixture's calls
 * (one at dial tone, one offered), so a valid request meets EBADFD, and
 * the conference query EINVAL (neither is a conference).
 */
#define SUPP_VARIANT(_name, _id, _cmd, _struct, _flags, _err)		\
FIXTURE_VARIANT_ADD(ioctl, _name) {					\
	.id = _id,							\
	.cmd = _cmd,							\
	.size = sizeof(_struct),					\
	.on_line_fd = true,						\
	.flags_valid = _flags,						\
	.state_err = _err,						\
}

SUPP_VARIANT(call_hold, C_HOLD, TAPI_IOC_CALL_HOLD, struct tapi_call_request,
	     TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(call_unhold, C_UNHOLD, TAPI_IOC_CALL_UNHOLD,
	     struct tapi_call_request, TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(call_remove_from_conf, C_REMOVE_CONF,
	     TAPI_IOC_CALL_REMOVE_FROM_CONF, struct tapi_call_request,
	     TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(call_blind_transfer, C_BLIND_XFER, TAPI_IOC_CALL_BLIND_TRANSFER,
	     struct tapi_call_dial, TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(call_complete_transfer, C_COMPLETE_XFER,
	     TAPI_IOC_CALL_COMPLETE_TRANSFER,
	     struct tapi_call_complete_transfer,
	     TAPI_COMPLETE_TRANSFER_VALID, -EBADFD);

FIXTURE_VARIANT_ADD(ioctl, call_swap_hold) {
	.id = C_SWAP_HOLD,
	.cmd = TAPI_IOC_CALL_SWAP_HOLD,
	.size = sizeof(struct tapi_call_pair),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_pair, reserved) },
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_add_to_conf) {
	.id = C_ADD_CONF,
	.cmd = TAPI_IOC_CALL_ADD_TO_CONF,
	.size = sizeof(struct tapi_call_pair),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_pair, reserved) },
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_setup_transfer) {
	.id = C_SETUP_XFER,
	.cmd = TAPI_IOC_CALL_SETUP_TRANSFER,
	.size = sizeof(struct tapi_call_consult),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_consult, reserved) },
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_prepare_add_conf) {
	.id = C_PREPARE_ADD,
	.cmd = TAPI_IOC_CALL_PREPARE_ADD_CONF,
	.size = sizeof(struct tapi_call_consult),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_consult, reserved) },
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_setup_conf) {
	.id = C_SETUP_CONF,
	.cmd = TAPI_IOC_CALL_SETUP_CONF,
	.size = sizeof(struct tapi_call_setup_conf),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_setup_conf, reserved) },
	.state_err = -EBADFD,
};

FIXTURE_VARIANT_ADD(ioctl, call_get_conf_related) {
	.id = C_CONF_RELATED,
	.cmd = TAPI_IOC_CALL_GET_CONF_RELATED,
	.size = sizeof(struct tapi_conf_related),
	.on_line_fd = true,
	.state_err = -EINVAL,
};

/*
 * The call services.  The fixture's card has no park addresses (park and
 * unpark: EOPNOTSUPP); redirect and call completion are illegal at dial
 * tone (EBADFD); the call at dial tone can be secured once (then
 * EBADFD); the completion id 1 is nobody's (ENOENT).  Pickup (nothing
 * rings at 2001: the reply says ESRCH), forward and user-user
 * information to the offered call start a request every time.
 */
SUPP_VARIANT(call_redirect, C_REDIRECT, TAPI_IOC_CALL_REDIRECT,
	     struct tapi_call_dial, TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(call_secure, C_SECURE, TAPI_IOC_CALL_SECURE,
	     struct tapi_call_request, TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(call_complete, C_COMPLETE, TAPI_IOC_CALL_COMPLETE,
	     struct tapi_call_completion, TAPI_REQUEST_VALID, -EBADFD);
SUPP_VARIANT(line_uncomplete, C_UNCOMPLETE, TAPI_IOC_LINE_UNCOMPLETE,
	     struct tapi_line_uncomplete, TAPI_REQUEST_VALID, -ENOENT);

FIXTURE_VARIANT_ADD(ioctl, line_pickup) {
	.id = C_PICKUP,
	.cmd = TAPI_IOC_LINE_PICKUP,
	.size = sizeof(struct tapi_line_pickup),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_line_pickup, reserved) },
};

FIXTURE_VARIANT_ADD(ioctl, line_unpark) {
	.id = C_UNPARK,
	.cmd = TAPI_IOC_LINE_UNPARK,
	.size = sizeof(struct tapi_line_pickup),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_line_pickup, reserved) },
	.state_err = -EOPNOTSUPP,
};

FIXTURE_VARIANT_ADD(ioctl, call_park) {
	.id = C_PARK,
	.cmd = TAPI_IOC_CALL_PARK,
	.size = sizeof(struct tapi_call_park),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_park, reserved) },
	.state_err = -EOPNOTSUPP,
};

FIXTURE_VARIANT_ADD(ioctl, line_forward) {
	.id = C_FORWARD,
	.cmd = TAPI_IOC_LINE_FORWARD,
	.size = sizeof(struct tapi_line_forward),
	.on_line_fd = true,
	.flags_valid = TAPI_LINE_FORWARD_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_line_forward, entries[0].reserved) },
};

FIXTURE_VARIANT_ADD(ioctl, call_send_user_user) {
	.id = C_USER_USER,
	.cmd = TAPI_IOC_CALL_SEND_USER_USER,
	.size = sizeof(struct tapi_call_user_user),
	.on_line_fd = true,
	.flags_valid = TAPI_REQUEST_VALID,
	.n_reserved = 1,
	.reserved = { offsetof(struct tapi_call_user_user, reserved) },
};

FIXTURE_SETUP(ioctl)
{
	struct tapi_event ev;
	int ret;

	self->card_fd = -1;
	self->line_fd = -1;
	self->page = sysconf(_SC_PAGESIZE);
	self->map = mmap(NULL, 3 * self->page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->map);
	self->guard = self->map + 2 * self->page;
	ASSERT_EQ(0, mprotect(self->guard, self->page, PROT_NONE));
	self->ro = mmap(NULL, self->page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->ro);

	ret = sim_card_create_live(&self->card, "abi", 2);
	ASSERT_EQ(0, ret) TH_LOG("making a sim card: %s", strerror(-ret));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd)
		TH_LOG("open %s: %s", self->card.dev_path,
		       strerror(-self->card_fd));
	/* The line fd the line commands use: line 0, owner and monitor. */
	self->line_fd = call_open_line(self->card_fd, 0,
				       TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR, 0);
	ASSERT_LE(0, self->line_fd)
		TH_LOG("LINE_OPEN: %s", strerror(-self->line_fd));
	/* A call at dial tone and one offered, for the call commands. */
	ASSERT_EQ(0, call_make(self->line_fd, "", TAPI_CALL_MAKE_SYNC,
			       &self->call));
	ASSERT_EQ(0, sim_network(&self->card, 0, "offer 5550100"));
	ASSERT_EQ(1, ev_wait(self->line_fd, TAPI_EV_NEWCALL, 0, &ev, 2000));
	self->offered = ev.call;
	ev_drain(self->line_fd);
	self->fds = count_fds();
}

FIXTURE_TEARDOWN(ioctl)
{
	if (self->line_fd >= 0)
		close(self->line_fd);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

/* Valid input for the command in @buf (zeroed by the caller). */
static void fill(FIXTURE_DATA(ioctl) *self, const FIXTURE_VARIANT(ioctl) *v,
		 void *buf, size_t size)
{
	uint32_t *head = buf;

	switch (v->id) {
	case C_DEVCAPS:
		((struct tapi_line_devcaps *)buf)->line = 1;
		break;
	case C_ADDRCAPS:
		((struct tapi_address_caps *)buf)->line = 1;
		((struct tapi_address_caps *)buf)->address_id = 0;
		break;
	case C_OPEN:
		/* line 1 so that a leaked open shows in open_lines */
		((struct tapi_line_open *)buf)->line = 1;
		((struct tapi_line_open *)buf)->privileges = TAPI_PRIV_NONE;
		((struct tapi_line_open *)buf)->fd = -1;
		break;
	case C_SET_PRIO:
		((struct tapi_line_priority *)buf)->media_modes =
			TAPI_MEDIA_INTERACTIVEVOICE;
		((struct tapi_line_priority *)buf)->priority = 1;
		break;
	case C_MAKE:
		/* the simulated network: rings until dropped */
		strcpy(((struct tapi_call_make *)buf)->dest, "91");
		break;
	case C_DIAL:
		((struct tapi_call_dial *)buf)->call = self->call;
		strcpy(((struct tapi_call_dial *)buf)->digits, "9");
		break;
	case C_ANSWER:
	case C_ACCEPT:
		((struct tapi_call_request *)buf)->call = self->offered;
		break;
	case C_DROP:
	case C_DEALLOC:
	case C_INFO:
	case C_STATUS:
		/* call is the third __u32 of all four */
		head[2] = self->call;
		break;
	case C_PRIV:
		((struct tapi_call_privilege *)buf)->call = self->call;
		((struct tapi_call_privilege *)buf)->privilege =
			TAPI_PRIV_OWNER;
		break;
	case C_HANDOFF:
		((struct tapi_call_handoff *)buf)->call = self->call;
		strcpy(((struct tapi_call_handoff *)buf)->app_name, "nobody");
		break;
	case C_HOLD:
	case C_UNHOLD:
	case C_REMOVE_CONF:
	case C_SETUP_XFER:
	case C_PREPARE_ADD:
	case C_SETUP_CONF:
	case C_CONF_RELATED:
		head[2] = self->call;
		break;
	case C_BLIND_XFER:
		((struct tapi_call_dial *)buf)->call = self->call;
		strcpy(((struct tapi_call_dial *)buf)->digits, "2001");
		break;
	case C_SWAP_HOLD:
	case C_ADD_CONF:
	case C_COMPLETE_XFER:
		/* the second call is the fourth __u32 of all three */
		head[2] = self->call;
		head[3] = self->offered;
		break;
	case C_REDIRECT:
		((struct tapi_call_dial *)buf)->call = self->call;
		strcpy(((struct tapi_call_dial *)buf)->digits, "2001");
		break;
	case C_PICKUP:
	case C_UNPARK:
		strcpy(((struct tapi_line_pickup *)buf)->dest,
		       v->id == C_PICKUP ? "2001" : "700");
		break;
	case C_PARK:
		((struct tapi_call_park *)buf)->call = self->call;
		((struct tapi_call_park *)buf)->mode = TAPI_PARK_DIRECTED;
		strcpy(((struct tapi_call_park *)buf)->dest, "700");
		break;
	case C_FORWARD: {
		struct tapi_line_forward *f = buf;

		f->num_entries = 1;
		f->entries[0].mode = TAPI_FORWARD_UNCOND;
		strcpy(f->entries[0].dest, "2001");
		break;
	}
	case C_SECURE:
		head[2] = self->call;
		break;
	case C_USER_USER:
		((struct tapi_call_user_user *)buf)->call = self->offered;
		((struct tapi_call_user_user *)buf)->len = 1;
		((struct tapi_call_user_user *)buf)->data[0] = 'x';
		break;
	case C_COMPLETE:
		((struct tapi_call_completion *)buf)->call = self->call;
		((struct tapi_call_completion *)buf)->mode =
			TAPI_COMPLETION_CALLBACK;
		break;
	case C_UNCOMPLETE:
		((struct tapi_line_uncomplete *)buf)->completion_id = 1;
		break;
	default:
		break;
	}
	head[0] = size;
}

static int issue(FIXTURE_DATA(ioctl) *self, const FIXTURE_VARIANT(ioctl) *v,
		 void *arg)
{
	return tapi_ioctl(v->on_line_fd ? self->line_fd : self->card_fd,
			  v->cmd, arg);
}

static void check_no_effect(struct __test_metadata *_metadata,
			    FIXTURE_DATA(ioctl) *self);

/*
 * The command (which returned @ret) did what it is for; closes a line fd
 * it returned, drops a call it made.
 */
static void check_ok(struct __test_metadata *_metadata,
		     FIXTURE_DATA(ioctl) *self,
		     const FIXTURE_VARIANT(ioctl) *v, void *buf, int ret)
{
	struct tapi_call_status st;
	char num[32];

	if (ret < 0) {
		/*
		 * Only an answer the call's state explains (an earlier
		 * request may have moved it on); no fd, no event.
		 */
		EXPECT_EQ(v->state_err, ret);
		ASSERT_NE(0, v->state_err);
		EXPECT_EQ(self->fds, count_fds());
		EXPECT_EQ(0, ev_drain(self->line_fd));
		return;
	}
	switch (v->id) {
	case C_FEATURES: {
		struct tapi_features *f = buf;

		EXPECT_EQ(TAPI_ABI_VERSION, (int)f->abi_version);
		EXPECT_EQ(TAPI_MAX_ADDRESSES, (int)f->max_addresses);
		EXPECT_EQ(sizeof(struct tapi_event), (size_t)f->event_size);
		break;
	}
	case C_CARD_INFO: {
		struct tapi_card_info *ci = buf;

		EXPECT_EQ(2u, ci->num_lines);
		EXPECT_EQ(self->card.index, (int)ci->index);
		EXPECT_STREQ(self->card.name, ci->name);
		break;
	}
	case C_DEVCAPS: {
		struct tapi_line_devcaps *dc = buf;

		EXPECT_EQ(1u, dc->line);
		EXPECT_EQ(1u, dc->num_addresses);
		EXPECT_STREQ("line1", dc->name);
		break;
	}
	case C_ADDRCAPS: {
		struct tapi_address_caps *ac = buf;

		sim_default_number(&self->card, 1, num, sizeof(num));
		EXPECT_STREQ(num, ac->address);
		break;
	}
	case C_OPEN: {
		struct tapi_line_open *lo = buf;

		ASSERT_LE(0, lo->fd);
		EXPECT_LE(0, fcntl(lo->fd, F_GETFD));
		EXPECT_EQ(2, sim_card_open_lines(&self->card));
		EXPECT_EQ(0, close(lo->fd));
		break;
	}
	case C_DEVSTATUS: {
		struct tapi_line_devstatus *ds = buf;

		EXPECT_EQ(1u, ds->num_opens);
		EXPECT_EQ(1u, ds->num_owners);
		EXPECT_EQ(2u, ds->num_active_calls);
		break;
	}
	case C_ADDR_STATUS:
		EXPECT_EQ(2u, ((struct tapi_address_status *)buf)->num_inuse);
		break;
	case C_NEW_CALLS:
		/* this fd has a handle to both calls */
		EXPECT_EQ(0u, ((struct tapi_line_new_calls *)buf)->count);
		EXPECT_EQ(0u, ((struct tapi_line_new_calls *)buf)->remaining);
		break;
	case C_MAKE: {
		struct tapi_call_make *mk = buf;

		EXPECT_EQ((uint32_t)ret, mk->request_id);
		ASSERT_EQ(0, call_status(self->line_fd, mk->call, &st));
		EXPECT_EQ(0, call_op(self->line_fd, TAPI_IOC_CALL_DROP,
				     mk->call, TAPI_REQUEST_SYNC));
		EXPECT_EQ(0, call_dealloc(self->line_fd, mk->call));
		break;
	}
	case C_DIAL:
	case C_ANSWER:
	case C_ACCEPT:
	case C_DROP:
		/* an id, in the structure too */
		EXPECT_LT(0, ret);
		EXPECT_EQ((uint32_t)ret, ((uint32_t *)buf)[3]);
		break;
	case C_SECURE:
	case C_USER_USER:
		EXPECT_LT(0, ret);
		EXPECT_EQ((uint32_t)ret, ((uint32_t *)buf)[3]);
		break;
	case C_PICKUP: {
		struct tapi_line_pickup *p = buf;
		struct tapi_event ev;

		/* A request and a handle; the reply says nothing rang. */
		EXPECT_LT(0, ret);
		EXPECT_EQ((uint32_t)ret, p->request_id);
		EXPECT_NE(0u, p->call);
		ASSERT_EQ(1, ev_wait(self->line_fd, TAPI_EV_REPLY, 0, &ev, 2000));
		EXPECT_EQ(-ESRCH, (int)ev.param[0]);
		EXPECT_EQ(-ENOENT, call_state(self->line_fd, p->call));
		break;
	}
	case C_FORWARD:
		EXPECT_LT(0, ret);
		EXPECT_EQ((uint32_t)ret,
			  ((struct tapi_line_forward *)buf)->request_id);
		break;
	case C_INFO:
		EXPECT_EQ(self->call, ((struct tapi_call_info *)buf)->call);
		EXPECT_NE(0u, ((struct tapi_call_info *)buf)->call_id);
		break;
	case C_STATUS:
		EXPECT_EQ((uint32_t)TAPI_CALLSTATE_DIALTONE,
			  ((struct tapi_call_status *)buf)->state);
		EXPECT_NE(0u, ((struct tapi_call_status *)buf)->call_id);
		break;
	default:
		EXPECT_EQ(0, ret);
		break;
	}
	ev_drain(self->line_fd);
	EXPECT_EQ(self->fds, count_fds());
}

/*
 * A failed command left nothing behind: no fd, no open line, no call, no
 * state change, no event.
 */
static void check_no_effect(struct __test_metadata *_metadata,
			    FIXTURE_DATA(ioctl) *self)
{
	struct tapi_line_devstatus ds;
	struct tapi_event ev;

	EXPECT_EQ(self->fds, count_fds());
	EXPECT_EQ(1, sim_card_open_lines(&self->card));
	EXPECT_EQ((int)TAPI_CALLSTATE_DIALTONE,
		  call_state(self->line_fd, self->call));
	EXPECT_EQ((int)TAPI_CALLSTATE_OFFERING,
		  call_state(self->line_fd, self->offered));
	ASSERT_EQ(0, tapi_devstatus(self->line_fd, &ds));
	EXPECT_EQ(2u, ds.num_active_calls);
	EXPECT_EQ(0, ev_read(self->line_fd, &ev, 0));
}

TEST_F(ioctl, size_exact)
{
	char *buf = self->map;

	fill(self, variant, buf, variant->size);
	check_ok(_metadata, self, variant, buf, issue(self, variant, buf));
	/* The size field is input only. */
	EXPECT_EQ(variant->size, (size_t)*(uint32_t *)buf);
}

TEST_F(ioctl, size_too_small)
{
	size_t min = variant->min_size ?: variant->size;
	size_t sizes[] = { 0, 1, 4, 8, min - 8, min - 1 };
	char *buf = self->map;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		memset(buf, 0, 2 * self->page);
		fill(self, variant, buf, sizes[i]);
		EXPECT_EQ(-EINVAL, issue(self, variant, buf))
			TH_LOG("size %zu", sizes[i]);
		check_no_effect(_metadata, self);
	}
}

TEST_F(ioctl, size_longer_zero_tail)
{
	size_t extras[] = { 1, 8, 64, self->page };
	char *buf = self->map;
	unsigned int i;
	size_t j;

	for (i = 0; i < ARRAY_SIZE(extras); i++) {
		size_t size = variant->size + extras[i];

		memset(buf, 0, 2 * self->page);
		fill(self, variant, buf, size);
		check_ok(_metadata, self, variant, buf,
			 issue(self, variant, buf));
		/* Nothing written past what the kernel knows. */
		for (j = variant->size; j < size; j++) {
			ASSERT_EQ(0, buf[j]) TH_LOG("byte %zu written", j);
		}
	}
}

TEST_F(ioctl, size_longer_nonzero_tail)
{
	size_t extras[] = { 1, 8, 64, self->page };
	char *buf = self->map;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(extras); i++) {
		size_t size = variant->size + extras[i];

		/* a non-zero byte at the end of the tail */
		memset(buf, 0, 2 * self->page);
		fill(self, variant, buf, size);
		buf[size - 1] = 0x5a;
		EXPECT_EQ(-E2BIG, issue(self, variant, buf))
			TH_LOG("size %zu, last byte set", size);
		check_no_effect(_metadata, self);

		/* ... and right after the known part */
		memset(buf, 0, 2 * self->page);
		fill(self, variant, buf, size);
		buf[variant->size] = 1;
		EXPECT_EQ(-E2BIG, issue(self, variant, buf))
			TH_LOG("size %zu, first tail byte set", size);
		check_no_effect(_metadata, self);
	}
}

TEST_F(ioctl, unknown_flags)
{
	char *buf = self->map;
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		if (variant->flags_valid & (1u << bit))
			continue;
		memset(buf, 0, 2 * self->page);
		fill(self, variant, buf, variant->size);
		((uint32_t *)buf)[1] = 1u << bit;
		EXPECT_EQ(-EOPNOTSUPP, issue(self, variant, buf))
			TH_LOG("flag bit %u", bit);
		check_no_effect(_metadata, self);
	}
}

TEST_F(ioctl, reserved_nonzero)
{
	static const uint32_t vals[] = { 1, 0x80000000u };
	char *buf = self->map;
	unsigned int i, j;

	if (!variant->n_reserved)
		SKIP(return, "no reserved field in this command");
	for (i = 0; i < variant->n_reserved; i++) {
		for (j = 0; j < 2; j++) {
			memset(buf, 0, 2 * self->page);
			fill(self, variant, buf, variant->size);
			*(uint32_t *)(buf + variant->reserved[i]) = vals[j];
			EXPECT_EQ(-EINVAL, issue(self, variant, buf))
				TH_LOG("reserved at offset %zu = %#x",
				       variant->reserved[i], vals[j]);
			check_no_effect(_metadata, self);
		}
	}
}

TEST_F(ioctl, efault)
{
	char *buf;

	/* no argument at all, and a wild pointer */
	EXPECT_EQ(-EFAULT, issue(self, variant, NULL));
	EXPECT_EQ(-EFAULT, issue(self, variant, (void *)8));
	/* the size field itself unreadable */
	EXPECT_EQ(-EFAULT, issue(self, variant, self->guard));
	check_no_effect(_metadata, self);

	/* header readable, body running into the guard page */
	buf = self->guard - 8;
	memset(buf, 0, 8);
	*(uint32_t *)buf = variant->size;
	EXPECT_EQ(-EFAULT, issue(self, variant, buf));
	check_no_effect(_metadata, self);

	/* known part readable, zero tail running into the guard page */
	buf = self->guard - variant->size;
	memset(buf, 0, variant->size);
	fill(self, variant, buf, variant->size + 8);
	EXPECT_EQ(-EFAULT, issue(self, variant, buf));
	check_no_effect(_metadata, self);
}

/*
 * Valid input the kernel cannot write the answer to: EFAULT and nothing
 * done, or, for a command with nothing to answer, done.
 */
TEST_F(ioctl, efault_readonly)
{
	int ret;

	memset(self->ro, 0, self->page);
	fill(self, variant, self->ro, variant->size);
	ASSERT_EQ(0, mprotect(self->ro, self->page, PROT_READ));
	if (variant->in_only) {
		check_ok(_metadata, self, variant, self->ro,
			 issue(self, variant, self->ro));
		return;
	}
	/*
	 * A request its call's state refuses is refused before anything
	 * is written back: that answer, or EFAULT.
	 */
	ret = issue(self, variant, self->ro);
	if (!variant->state_err || ret != variant->state_err)
		EXPECT_EQ(-EFAULT, ret);
	/*
	 * LINE_OPEN must not have installed (and leaked) the fd, a request
	 * must not have started, GET_NEW_CALLS must not have left handles.
	 */
	check_no_effect(_metadata, self);
}

/* Card commands on a line fd and line commands on a card fd: ENOTTY. */
TEST_F(ioctl, wrong_fd)
{
	char *buf = self->map;
	int fd = variant->on_line_fd ? self->card_fd : self->line_fd;

	memset(buf, 0, 2 * self->page);
	fill(self, variant, buf, variant->size);
	if (variant->id == C_FEATURES) {
		/* the one command both kinds of fd take */
		check_ok(_metadata, self, variant, buf,
			 tapi_ioctl(self->line_fd, variant->cmd, buf));
		return;
	}
	EXPECT_EQ(-ENOTTY, tapi_ioctl(fd, variant->cmd, buf));
	check_no_effect(_metadata, self);
}

/* ---- commands nobody defined ------------------------------------------ */

FIXTURE(unknown)
{
	struct sim_card card;
	int card_fd;
	int line_fd;
	int fd;		/* the one under test */
};

FIXTURE_VARIANT(unknown)
{
	bool line;
};

FIXTURE_VARIANT_ADD(unknown, card_fd) { .line = false };
FIXTURE_VARIANT_ADD(unknown, line_fd) { .line = true };

FIXTURE_SETUP(unknown)
{
	int ret;

	self->card_fd = -1;
	self->line_fd = -1;
	ret = sim_card_create_live(&self->card, "unk", 1);
	ASSERT_EQ(0, ret) TH_LOG("making a sim card: %s", strerror(-ret));
	self->card_fd = sim_card_open(&self->card);
	ASSERT_LE(0, self->card_fd);
	self->line_fd = tapi_open_line(self->card_fd, 0, TAPI_PRIV_NONE, 0, 0);
	ASSERT_LE(0, self->line_fd);
	self->fd = variant->line ? self->line_fd : self->card_fd;
}

FIXTURE_TEARDOWN(unknown)
{
	if (self->line_fd >= 0)
		close(self->line_fd);
	if (self->card_fd >= 0)
		close(self->card_fd);
	sim_card_destroy(&self->card);
}

TEST_F(unknown, unknown_nr)
{
	/* a zeroed, plausibly sized argument, so only the number is wrong */
	uint64_t arg[64] = { sizeof(arg) };

	EXPECT_EQ(-ENOTTY, tapi_ioctl(self->fd, _IO(TAPI_IOC_TYPE, 0x7f), arg));
	EXPECT_EQ(-ENOTTY, tapi_ioctl(self->fd, _IO(TAPI_IOC_TYPE, 0xff), arg));
}

TEST_F(unknown, other_type)
{
	uint64_t arg[64] = { sizeof(arg) };
	struct termios tio;

	EXPECT_EQ(-ENOTTY, tapi_ioctl(self->fd, _IO('X', 0x00), arg));
	EXPECT_EQ(-ENOTTY,
		  tapi_ioctl(self->fd, _IO(TAPI_IOC_TYPE - 1, 0), arg));
	EXPECT_EQ(-ENOTTY,
		  tapi_ioctl(self->fd, _IO(TAPI_IOC_TYPE + 1, 1), arg));
	/* not a terminal either */
	EXPECT_EQ(-1, tcgetattr(self->fd, &tio));
	EXPECT_EQ(ENOTTY, errno);
}

/*
 * Commands are plain _IO(): the same number with size/direction bits is
 * another command, which nobody defined.
 */
TEST_F(unknown, dir_size_bits)
{
	struct tapi_features f = { .size = sizeof(f) };

	EXPECT_EQ(-ENOTTY, tapi_ioctl(self->fd,
			_IOWR(TAPI_IOC_TYPE, 0x00, struct tapi_features), &f));
	EXPECT_EQ(-ENOTTY, tapi_ioctl(self->fd,
			_IOR(TAPI_IOC_TYPE, 0x00, struct tapi_features), &f));
	/* while the real one works on both kinds of fd */
	EXPECT_EQ(0, tapi_features(self->fd, &f));
	EXPECT_EQ(TAPI_ABI_VERSION, (int)f.abi_version);
}

int main(int argc, char **argv)
{
	sim_require("abi_test");
	return test_harness_run(argc, argv);
}
