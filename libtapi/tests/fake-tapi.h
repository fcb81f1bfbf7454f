/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What fake-tapi.so records of the requests it receives, for the tests to
 * check that the library fills the uapi structures right.  Found with
 * dlsym(RTLD_DEFAULT, "fake_tapi_log") when the fake is preloaded.
 */
#ifndef _FAKE_TAPI_H
#define _FAKE_TAPI_H

#include <linux/tapi.h>

/**
 * struct fake_tapi_log - the last request of each kind, as received
 * @line_open: %TAPI_IOC_LINE_OPEN
 * @call_make: %TAPI_IOC_CALL_MAKE
 * @call_dial: %TAPI_IOC_CALL_DIAL
 * @call_request: %TAPI_IOC_CALL_ANSWER, ACCEPT, DROP, HOLD, UNHOLD,
 *	REMOVE_FROM_CONF or SECURE (see @call_request_cmd)
 * @call_request_cmd: which of them @call_request was
 * @call_dealloc: %TAPI_IOC_CALL_DEALLOCATE
 * @call_privilege: %TAPI_IOC_CALL_SET_PRIVILEGE
 * @call_handoff: %TAPI_IOC_CALL_HANDOFF
 * @new_calls: %TAPI_IOC_LINE_GET_NEW_CALLS
 * @event_mask: %TAPI_IOC_LINE_SET_EVENT_MASK
 * @priority: %TAPI_IOC_LINE_SET_PRIORITY
 * @call_info: %TAPI_IOC_CALL_GET_INFO, the input part (size, flags, call)
 * @call_status: %TAPI_IOC_CALL_GET_STATUS, the input part
 * @address_status: %TAPI_IOC_ADDRESS_GET_STATUS, the input part
 * @call_pair: %TAPI_IOC_CALL_SWAP_HOLD or ADD_TO_CONF (see @call_pair_cmd)
 * @call_pair_cmd: which of the two @call_pair was
 * @call_consult: %TAPI_IOC_CALL_SETUP_TRANSFER or PREPARE_ADD_CONF (see
 *	@call_consult_cmd)
 * @call_consult_cmd: which of the two @call_consult was
 * @complete_transfer: %TAPI_IOC_CALL_COMPLETE_TRANSFER
 * @blind_transfer: %TAPI_IOC_CALL_BLIND_TRANSFER
 * @setup_conf: %TAPI_IOC_CALL_SETUP_CONF
 * @conf_related: %TAPI_IOC_CALL_GET_CONF_RELATED
 * @redirect: %TAPI_IOC_CALL_REDIRECT
 * @pickup: %TAPI_IOC_LINE_PICKUP or UNPARK (see @pickup_cmd)
 * @pickup_cmd: which of the two @pickup was
 * @park: %TAPI_IOC_CALL_PARK
 * @forward: %TAPI_IOC_LINE_FORWARD
 * @user_user: %TAPI_IOC_CALL_SEND_USER_USER
 * @completion: %TAPI_IOC_CALL_COMPLETE
 * @uncomplete: %TAPI_IOC_LINE_UNCOMPLETE
 * @line_ioctls: ioctls received on line fds so far
 */
struct fake_tapi_log {
	struct tapi_line_open line_open;
	struct tapi_call_make call_make;
	struct tapi_call_dial call_dial;
	struct tapi_call_request call_request;
	unsigned long call_request_cmd;
	struct tapi_call_dealloc call_dealloc;
	struct tapi_call_privilege call_privilege;
	struct tapi_call_handoff call_handoff;
	struct tapi_line_new_calls new_calls;
	struct tapi_line_event_mask event_mask;
	struct tapi_line_priority priority;
	struct tapi_call_info call_info;
	struct tapi_call_status call_status;
	struct tapi_address_status address_status;
	struct tapi_call_pair call_pair;
	unsigned long call_pair_cmd;
	struct tapi_call_consult call_consult;
	unsigned long call_consult_cmd;
	struct tapi_call_complete_transfer complete_transfer;
	struct tapi_call_dial blind_transfer;
	struct tapi_call_setup_conf setup_conf;
	struct tapi_conf_related conf_related;
	struct tapi_call_dial redirect;
	struct tapi_line_pickup pickup;
	unsigned long pickup_cmd;
	struct tapi_call_park park;
	struct tapi_line_forward forward;
	struct tapi_call_user_user user_user;
	struct tapi_call_completion completion;
	struct tapi_line_uncomplete uncomplete;
	unsigned int line_ioctls;
};

/*
 * The calls of the fake's line tapi0:0, as every line fd sees them: two
 * calls are there when the fd opens, CALL_A also announced with
 * %TAPI_EV_NEWCALL (handle FAKE_HANDLE_A) unless FAKE_TAPI_QUIET is set.
 */
#define FAKE_CALL_ID_A		66	/* offering on address 0 */
#define FAKE_CALL_ID_B		67	/* connected on address 1 */
#define FAKE_HANDLE_A		7
#define FAKE_FIRST_HANDLE	10	/* the handles made later */
#define FAKE_FIRST_CALL_ID	100	/* the ids of calls placed */

/*
 * With FAKE_TAPI_CONF set, tapi0:0 also has someone else's conference on
 * address 0: the conference call FAKE_CONF_ID (connected) and its members
 * FAKE_CONF_ID + 1 and + 2 (conferenced).
 */
#define FAKE_CONF_ID		80

/* Call FAKE_CALL_ID_B is secure, and its far end sent this. */
#define FAKE_USER_USER_B	"hello"
/* Most bytes of user-user information address 0 of tapi0:0 sends. */
#define FAKE_MAX_USER_USER	32

/*
 * With FAKE_TAPI_FORWARD set, address 0 of tapi0:0 forwards busy calls
 * to FAKE_FWD_BUSY and unanswered ones, after FAKE_FWD_NO_ANSWER_MS, to
 * FAKE_FWD_NOANSWER; a %TAPI_EV_ADDRESSSTATE says so after the line's
 * first event.
 */
#define FAKE_FWD_BUSY		"2002"
#define FAKE_FWD_NOANSWER	"2003"
#define FAKE_FWD_NO_ANSWER_MS	15000

/*
 * The switch's park addresses: "70" to "73".  When a line fd opens,
 * FAKE_PARKED_PARTY is parked at FAKE_PARK_TAKEN and the others are free;
 * a non-directed park takes the first free one.  Any other number is no
 * park address (ENXIO).
 */
#define FAKE_PARK_SLOTS		4
#define FAKE_PARK_FREE		"70"
#define FAKE_PARK_TAKEN		"71"
#define FAKE_PARKED_PARTY	"556"

/*
 * Pickup: a call from FAKE_PICKUP_CALLER alerts at FAKE_PICKUP_DEST, in
 * group FAKE_PICKUP_GROUP and in the address's own group, nowhere else
 * (ESRCH); "nowhere" is a number the card does not know (ENXIO).
 */
#define FAKE_PICKUP_DEST	"2002"
#define FAKE_PICKUP_GROUP	"1"
#define FAKE_PICKUP_CALLER	"557"

/*
 * With FAKE_TAPI_HELD set, tapi0:0 also has someone else's call
 * FAKE_CALL_ID_HELD on address 0, on hold.
 */
#define FAKE_CALL_ID_HELD	68

#endif /* _FAKE_TAPI_H */
