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
 * @media_mode: the call's media mode
 * @no_answer_ms: how long an outbound call may ring
 * @dialed: the number dialled so far (outbound)
 * @no_answer: gives up on an unanswered outbound call
 * @remote_answer: the network answers an external call
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
	u32 media_mode;
	u32 no_answer_ms;
	char dialed[TAPI_DIAL_LEN];
	struct delayed_work no_answer;
	struct delayed_work remote_answer;
	struct tapi_sim_media_call media;
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
};

/**
 * struct tapi_sim_op - an operation the card carries out, now or later
 * @node: entry in sw->ops, in submission order
 * @due: when to run it, in jiffies
 * @kind: what to do
 * @sc: the call; a reference is held
 * @req: the request to complete
 * @reason: for a drop
 * @digits: for a dial, the digits; for a blind transfer, the destination
 * @other: a second call of the switch (swap hold: the held one; complete
 *	transfer: the consultation; add to conference: the call to add), or
 *	NULL; a reference is held
 * @conf: a new conference call of the core, or NULL; a reference is held
 * @consult: a new consultation call of the core, or NULL; a reference is
 *	held
 */
struct tapi_sim_op {
	struct list_head node;
	unsigned long due;
	enum tapi_sim_op_kind kind;
	struct tapi_sim_call *sc;
	struct tapi_request *req;
	enum tapi_drop_reason reason;
	char digits[TAPI_DIAL_LEN];
	struct tapi_sim_call *other;
	struct tapi_call *conf;
	struct tapi_call *consult;
};

/* sim-switch.c */
struct tapi_sim_call *tapi_sim_call_new(struct tapi_sim_switch *sw,
					struct tapi_call *call);
void tapi_sim_call_end(struct tapi_sim_call *sc);
int tapi_sim_set(struct tapi_sim_call *sc, u32 state, u32 mode);
void tapi_sim_audio_refresh(struct tapi_sim_call *sc);
const char *tapi_sim_own_number(struct tapi_sim_switch *sw,
				unsigned int line, unsigned int address);
const char *tapi_sim_number_of(struct tapi_sim_call *sc);
int tapi_sim_submit_op(struct tapi_sim_op *op);
struct tapi_sim_switch *tapi_sim_to_switch(struct tapi_card *tcard);
struct tapi_sim_call *tapi_sim_lock_call(struct tapi_sim_switch *sw,
					 struct tapi_call *call, int *err);
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

#endif /* _TAPI_SIM_SWITCH_H */
