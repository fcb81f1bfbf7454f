/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_sim: the switch's calls and operations, shared by the basic call
 * control (sim-switch.c) and the supplementary services (sim-supp.c).
 * Everything here is used with sw->lock held.
 */
#ifndef _TAPI_SIM_SWITCH_H
#define _TAPI_SIM_SWITCH_H

#include "sim.h"

/**
 * struct tapi_sim_call - the switch's side of one call
 * @ref: see the top of sim-switch.c
 * @sw: the switch
 * @call: the core's call; a reference is held until the call goes idle
 * @id: the core's call id, for the network attribute and the calls list
 * @line: the call's line
 * @address: the call's address on @line
 * @node: entry in sw->calls while not @gone
 * @peer: the other end on this card, or NULL
 * @consult: a consultation relation: the held call of a transfer or the
 *	conference call waiting for the call to add, and back; or NULL
 * @conf: for a conference member, its conference call; or NULL
 * @is_conf: the call is a conference call: its audio is the bridge
 * @external: the far end is the simulated network
 * @gone: the call went idle; work items that find this do nothing
 * @block_id: the caller withholds its number
 * @secure: the call is secured: its line takes no second call
 * @dialing_inband: a dial request's digits are playing as DTMF (a G.711
 *	line); its SIM_OP_DIALED is queued
 * @origin: for a call offered to a station, &enum tapi_call_origin
 * @media_mode: the call's media mode
 * @no_answer_ms: how long an outbound call may ring
 * @dialed: the number dialled so far (outbound); for an inbound call
 *	from the network, the caller's number
 * @parked: 1 + the park address the call's far end holds it at while
 *	parked there, else 0
 * @callback: for the call back of a call completion, the station to ring
 *	once it is answered; else NULL
 * @camp_id: the completion id of a camp-on this call waits for, or 0
 * @no_answer: gives up on an unanswered outbound call
 * @remote_answer: the network answers an external call
 * @fwd_no_answer: forwards an unanswered inbound call
 * @media: its audio (sim-media.c)
 */
struct tapi_sim_call {
	struct kref ref;
	struct tapi_sim_switch *sw;
	struct tapi_call *call;
	u32 id;
	unsigned int line;
	unsigned int address;
	struct list_head node;
	struct tapi_sim_call *peer;
	struct tapi_sim_call *consult;
	struct tapi_sim_call *conf;
	bool is_conf;
	bool external;
	bool gone;
	bool block_id;
	bool secure;
	bool dialing_inband;
	u32 origin;
	u32 media_mode;
	u32 no_answer_ms;
	char dialed[TAPI_DIAL_LEN];
	unsigned int parked;
	const struct tapi_sim_number *callback;
	u32 camp_id;
	struct delayed_work no_answer;
	struct delayed_work remote_answer;
	struct delayed_work fwd_no_answer;
	struct tapi_sim_media_call media;
};

/**
 * struct tapi_sim_parked - what one park address holds
 * @held: the parked party, if a call of the card (a reference is held);
 *	else NULL
 * @used: something is parked here
 * @external: the parked party is the network
 * @media_mode: the parked call's media mode
 * @number: the parked party's number
 */
struct tapi_sim_parked {
	struct tapi_sim_call *held;
	bool used;
	bool external;
	u32 media_mode;
	char number[TAPI_DIAL_LEN];
};

/**
 * struct tapi_sim_completion - a call completion the switch carries out
 * @node: entry in sw->completions
 * @id: the core's completion id
 * @mode: &enum tapi_completion_mode
 * @from: the requesting station (the call back rings it)
 * @to: the station to complete the call to
 * @camped: for a camp-on, the waiting call (a reference is held); NULL
 *	for a call back
 * @media_mode: the media mode of the call completed
 */
struct tapi_sim_completion {
	struct list_head node;
	u32 id;
	u32 mode;
	u32 media_mode;
	const struct tapi_sim_number *from;
	const struct tapi_sim_number *to;
	struct tapi_sim_call *camped;
};

/**
 * enum tapi_sim_op_kind - an operation waiting for reply_delay_ms
 * @SIM_OP_MAKE_CALL: make call
 * @SIM_OP_DIAL: dial
 * @SIM_OP_ANSWER: answer
 * @SIM_OP_ACCEPT: accept
 * @SIM_OP_DROP: drop
 * @SIM_OP_HOLD: hold
 * @SIM_OP_UNHOLD: unhold
 * @SIM_OP_SWAP_HOLD: swap hold
 * @SIM_OP_SETUP_TRANSFER: setup transfer
 * @SIM_OP_COMPLETE_TRANSFER: complete transfer
 * @SIM_OP_BLIND_TRANSFER: blind transfer
 * @SIM_OP_SETUP_CONF: setup conference
 * @SIM_OP_PREPARE_ADD_CONF: prepare add to conference
 * @SIM_OP_ADD_TO_CONF: add to conference
 * @SIM_OP_REMOVE_FROM_CONF: remove from conference
 * @SIM_OP_REDIRECT: redirect
 * @SIM_OP_PICKUP: pickup
 * @SIM_OP_PARK: park
 * @SIM_OP_UNPARK: unpark
 * @SIM_OP_FORWARD: forward (no call)
 * @SIM_OP_SECURE: secure call
 * @SIM_OP_USER_USER: send user-user information
 * @SIM_OP_COMPLETE: call completion
 * @SIM_OP_UNCOMPLETE: cancel a call completion (no call)
 * @SIM_OP_DIALED: the digits of a dial sent in band have played: complete
 *	the request and look at the number
 */
enum tapi_sim_op_kind {
	SIM_OP_MAKE_CALL,
	SIM_OP_DIAL,
	SIM_OP_ANSWER,
	SIM_OP_ACCEPT,
	SIM_OP_DROP,
	SIM_OP_HOLD,
	SIM_OP_UNHOLD,
	SIM_OP_SWAP_HOLD,
	SIM_OP_SETUP_TRANSFER,
	SIM_OP_COMPLETE_TRANSFER,
	SIM_OP_BLIND_TRANSFER,
	SIM_OP_SETUP_CONF,
	SIM_OP_PREPARE_ADD_CONF,
	SIM_OP_ADD_TO_CONF,
	SIM_OP_REMOVE_FROM_CONF,
	SIM_OP_REDIRECT,
	SIM_OP_PICKUP,
	SIM_OP_PARK,
	SIM_OP_UNPARK,
	SIM_OP_FORWARD,
	SIM_OP_SECURE,
	SIM_OP_USER_USER,
	SIM_OP_COMPLETE,
	SIM_OP_UNCOMPLETE,
	SIM_OP_DIALED,
};

/**
 * struct tapi_sim_op - an operation the card carries out, now or later
 * @node: entry in sw->ops, in submission order
 * @due_ns: when to run it, CLOCK_MONOTONIC (jiffies can run ahead of it
 *	on a virtual machine catching up lost ticks)
 * @delay_ms: run it this long from now, queued even without a request;
 *	0: the card's reply_delay_ms
 * @kind: what to do
 * @sw: the switch
 * @sc: the call, or NULL for an operation on a line; a reference is held
 * @req: the request to complete
 * @reason: for a drop
 * @digits: for a dial, the digits; for a blind transfer, redirect,
 *	pickup, park and unpark, the destination
 * @other: a second call of the switch (swap hold: the held one; complete
 *	transfer: the consultation; add to conference: the call to add), or
 *	NULL; a reference is held
 * @conf: a new conference call of the core, or NULL; a reference is held
 * @consult: a new consultation call of the core, or NULL; a reference is
 *	held
 * @group: for a pickup, the group
 * @mode: for a park or a call completion, the mode
 * @line: for a forward, the line
 * @address: for a forward, the address, or -1 for all
 * @id: for a call completion and its cancelling, the completion id
 * @fwd: for a forward, the list
 * @fwd_entries: its entries
 * @data: for user-user information, the bytes
 * @len: their number
 */
struct tapi_sim_op {
	struct list_head node;
	u64 due_ns;
	u32 delay_ms;
	enum tapi_sim_op_kind kind;
	struct tapi_sim_switch *sw;
	struct tapi_sim_call *sc;
	struct tapi_request *req;
	enum tapi_drop_reason reason;
	char digits[TAPI_DIAL_LEN];
	struct tapi_sim_call *other;
	struct tapi_call *conf;
	struct tapi_call *consult;
	char group[TAPI_DIAL_LEN];
	u32 mode;
	unsigned int line;
	int address;
	u32 id;
	struct tapi_forward_list fwd;
	struct tapi_forward_entry fwd_entries[TAPI_FORWARD_MAX];
	u8 data[TAPI_USERUSER_MAX];
	size_t len;
};

/* sim-switch.c */
struct tapi_sim_call *tapi_sim_call_new(struct tapi_sim_switch *sw,
					struct tapi_call *call);
void tapi_sim_call_put(struct tapi_sim_call *sc);
void tapi_sim_call_end(struct tapi_sim_call *sc);
void tapi_sim_arm(struct tapi_sim_call *sc, struct delayed_work *dw, u32 ms);
void tapi_sim_disarm(struct tapi_sim_call *sc, struct delayed_work *dw);
void tapi_sim_connected_party(struct tapi_sim_call *sc, const char *number);
const struct tapi_sim_number *tapi_sim_dir_entry(struct tapi_sim_switch *sw,
						 unsigned int line,
						 unsigned int address);
int tapi_sim_set(struct tapi_sim_call *sc, u32 state, u32 mode);
void tapi_sim_audio_refresh(struct tapi_sim_call *sc);
const char *tapi_sim_own_number(struct tapi_sim_switch *sw,
				unsigned int line, unsigned int address);
const char *tapi_sim_number_of(struct tapi_sim_call *sc);
int tapi_sim_submit_op(struct tapi_sim_op *op);
void tapi_sim_op_free(struct tapi_sim_op *op);
struct tapi_sim_switch *tapi_sim_to_switch(struct tapi_card *tcard);
struct tapi_sim_call *tapi_sim_lock_call(struct tapi_sim_switch *sw,
					 struct tapi_call *call,
					 struct tapi_request *req, int *err);
void tapi_sim_do_drop(struct tapi_sim_call *sc, enum tapi_drop_reason reason,
		      struct tapi_request *req);

/**
 * enum tapi_sim_route - where a (partly) dialled number leads
 * @SIM_ROUTE_LINE: a number of a line of the card
 * @SIM_ROUTE_EXTERNAL: the simulated network
 * @SIM_ROUTE_INCOMPLETE: the start of a number: wait for more digits
 * @SIM_ROUTE_UNKNOWN: nowhere
 */
enum tapi_sim_route {
	SIM_ROUTE_LINE,
	SIM_ROUTE_EXTERNAL,
	SIM_ROUTE_INCOMPLETE,
	SIM_ROUTE_UNKNOWN,
};

enum tapi_sim_route tapi_sim_classify(struct tapi_sim_switch *sw,
				      const char *num,
				      const struct tapi_sim_number **to);

/* sim-supp.c */
void tapi_sim_supp_run(struct tapi_sim_op *op);
void tapi_sim_supp_call_end(struct tapi_sim_call *sc);
struct tapi_sim_media_call *tapi_sim_bridge_of(struct tapi_sim_call *sc,
					       u32 state);
const char *tapi_sim_far_number(struct tapi_sim_call *sc);
void tapi_sim_far_to_network(struct tapi_sim_call *far, const char *dest);

/**
 * struct tapi_sim_delivery - a call on its way to a station of the card
 * @offer: the call as the station is to see it; its address_id, and on
 *	forwarding its reason and redirecting party, are set on the way
 * @far: the calling end, a call of the card, or NULL for the network
 * @no_forward: the station's forwarding does not apply (a call back)
 * @to_network: out: forwarding took the call to the network, to
 *	@network_dest; no call was offered
 * @network_dest: out: see @to_network
 */
struct tapi_sim_delivery {
	struct tapi_call_offer offer;
	struct tapi_sim_call *far;
	bool no_forward;
	bool to_network;
	char network_dest[TAPI_DIAL_LEN];
};

/* sim-services.c */
void tapi_sim_delivery_from(struct tapi_sim_call *sc, u32 reason,
			    struct tapi_party *caller,
			    struct tapi_sim_delivery *d);
struct tapi_sim_call *tapi_sim_deliver(struct tapi_sim_switch *sw,
				       const struct tapi_sim_number *to,
				       struct tapi_sim_delivery *d);
void tapi_sim_services_run(struct tapi_sim_op *op);
void tapi_sim_services_call_end(struct tapi_sim_call *sc);
bool tapi_sim_answer_callback(struct tapi_sim_call *sc);
void tapi_sim_services_init(struct tapi_sim_switch *sw);
void tapi_sim_services_stop(struct tapi_sim_switch *sw);
void tapi_sim_fwd_no_answer_work(struct work_struct *work);
bool tapi_sim_is_park(struct tapi_sim_switch *sw, const char *num);

#endif /* _TAPI_SIM_SWITCH_H */
