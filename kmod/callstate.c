// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the call model.  Which states a call may go to from which,
 * which modes each state takes, and which operations are legal in each
 * state.  Pure functions of their arguments, callable from any context.
 *
 * The model, as Documentation/uapi.rst describes it:
 *
 *  - IDLE is terminal: a call never leaves it.
 *  - UNKNOWN may go anywhere (a driver that lost track reports UNKNOWN and
 *    then the state it finds); any state may go to UNKNOWN, DISCONNECTED
 *    (the far end left) or IDLE (the call was dropped), except that
 *    DISCONNECTED only goes on to IDLE.
 *  - Otherwise a call follows the progress of a real call: an outbound
 *    call through DIALTONE, DIALING, PROCEEDING, RINGBACK (or BUSY or
 *    SPECIALINFO) to CONNECTED; an inbound one from OFFERING through
 *    ACCEPTED to CONNECTED; a connected call into and out of the hold and
 *    conference states.  A BUSY call camped on the busy station goes on
 *    to RINGBACK when the station is free.
 *  - Reporting the state a call is already in, with another mode, is a
 *    mode change and always legal.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>

#include "tapi_core.h"

#define S(x)	TAPI_CALLSTATE_##x

/* Where each state may go, besides UNKNOWN, DISCONNECTED and IDLE. */
static const struct {
	u32 state;
	u32 next;
} tapi_transitions[] = {
	{ S(OFFERING),	S(ACCEPTED) | S(CONNECTED) },
	{ S(ACCEPTED),	S(CONNECTED) },
	{ S(DIALTONE),	S(DIALING) | S(PROCEEDING) | S(RINGBACK) | S(BUSY) |
			S(SPECIALINFO) | S(CONNECTED) },
	{ S(DIALING),	S(DIALTONE) | S(PROCEEDING) | S(RINGBACK) | S(BUSY) |
			S(SPECIALINFO) | S(CONNECTED) },
	{ S(PROCEEDING), S(DIALING) | S(RINGBACK) | S(BUSY) |
			S(SPECIALINFO) | S(CONNECTED) },
	{ S(RINGBACK),	S(BUSY) | S(SPECIALINFO) | S(CONNECTED) },
	{ S(BUSY),	S(RINGBACK) },
	{ S(SPECIALINFO), 0 },
	{ S(CONNECTED),	S(ONHOLD) | S(ONHOLDPENDCONF) |
			S(ONHOLDPENDTRANSFER) | S(CONFERENCED) },
	{ S(ONHOLD),	S(CONNECTED) | S(CONFERENCED) },
	{ S(CONFERENCED), S(CONNECTED) | S(ONHOLD) },
	{ S(ONHOLDPENDCONF), S(CONNECTED) | S(CONFERENCED) | S(ONHOLD) },
	{ S(ONHOLDPENDTRANSFER), S(CONNECTED) | S(ONHOLD) | S(CONFERENCED) },
};

/* The mode enum of each state that has modes, and its default. */
static const struct {
	u32 state;
	u32 valid;
	u32 dflt;
} tapi_state_modes[] = {
	{ S(OFFERING), TAPI_OFFERINGMODE_VALID, TAPI_OFFERINGMODE_ACTIVE },
	{ S(DIALTONE), TAPI_DIALTONEMODE_VALID, TAPI_DIALTONEMODE_UNKNOWN },
	{ S(BUSY), TAPI_BUSYMODE_VALID, TAPI_BUSYMODE_UNKNOWN },
	{ S(SPECIALINFO), TAPI_SPECIALINFO_VALID, TAPI_SPECIALINFO_UNKNOWN },
	{ S(CONNECTED), TAPI_CONNECTEDMODE_VALID, TAPI_CONNECTEDMODE_ACTIVE },
	{ S(DISCONNECTED), TAPI_DISCONNECTMODE_VALID,
	  TAPI_DISCONNECTMODE_UNKNOWN },
};

/* Operations legal in each state, before the TSP's caps are applied. */
#define TAPI_FEATURES_ANY_LIVE	TAPI_CALLFEATURE_DROP

/* What a connected two-party call (not a conference call) may start. */
#define TAPI_FEATURES_TWO_PARTY	(TAPI_CALLFEATURE_SETUPTRANSFER |	\
				 TAPI_CALLFEATURE_BLINDTRANSFER |	\
				 TAPI_CALLFEATURE_SETUPCONF |		\
				 TAPI_CALLFEATURE_PARK)

/* User-user information goes along while a call is set up and up. */
#define TAPI_FEATURES_UUI	TAPI_CALLFEATURE_SENDUSERUSER

static const struct {
	u32 state;
	u32 features;
} tapi_state_features[] = {
	{ S(OFFERING),	TAPI_CALLFEATURE_ACCEPT | TAPI_CALLFEATURE_ANSWER |
			TAPI_CALLFEATURE_REDIRECT | TAPI_FEATURES_UUI },
	{ S(ACCEPTED),	TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_REDIRECT |
			TAPI_FEATURES_UUI },
	{ S(DIALTONE),	TAPI_CALLFEATURE_DIAL },
	{ S(DIALING),	TAPI_CALLFEATURE_DIAL },
	{ S(PROCEEDING), TAPI_FEATURES_UUI },
	{ S(RINGBACK),	TAPI_FEATURES_UUI | TAPI_CALLFEATURE_COMPLETECALL },
	{ S(BUSY),	TAPI_CALLFEATURE_COMPLETECALL },
	{ S(CONNECTED),	TAPI_CALLFEATURE_GENERATEDIGITS |
			TAPI_CALLFEATURE_GENERATETONE | TAPI_CALLFEATURE_HOLD |
			TAPI_FEATURES_TWO_PARTY | TAPI_CALLFEATURE_SWAPHOLD |
			TAPI_CALLFEATURE_PREPAREADDCONF | TAPI_FEATURES_UUI },
	{ S(ONHOLD),	TAPI_CALLFEATURE_UNHOLD },
	{ S(ONHOLDPENDTRANSFER), TAPI_CALLFEATURE_COMPLETETRANSF },
	{ S(ONHOLDPENDCONF), TAPI_CALLFEATURE_ADDTOCONF },
	{ S(CONFERENCED), TAPI_CALLFEATURE_REMOVEFROMCONF },
};

/*
 * Detection (digits, tones, media) and securing the call, in every live
 * state but DISCONNECTED.
 */
#define TAPI_FEATURES_DETECT	(TAPI_CALLFEATURE_MONITORDIGITS |	\
				 TAPI_CALLFEATURE_GATHERDIGITS |	\
				 TAPI_CALLFEATURE_MONITORTONES |	\
				 TAPI_CALLFEATURE_MONITORMEDIA |	\
				 TAPI_CALLFEATURE_SECURECALL)

static const char *const tapi_state_names[TAPI_CALLSTATE_COUNT] = {
	"idle", "offering", "accepted", "dialtone", "dialing", "ringback",
	"busy", "specialinfo", "connected", "proceeding", "onhold",
	"conferenced", "onholdpendconf", "onholdpendtransfer", "disconnected",
	"unknown",
};

/**
 * tapi_callstate_valid() - is @state exactly one call state bit
 * @state: the value to check
 *
 * Return: true for one bit of %TAPI_CALLSTATE_VALID.
 */
bool tapi_callstate_valid(u32 state)
{
	return state && !(state & ~TAPI_CALLSTATE_VALID) && is_power_of_2(state);
}

/**
 * tapi_callstate_mode() - check and normalize the mode of a state
 * @state: a valid state
 * @mode: the mode reported: 0 for the state's default, else one bit of the
 *	state's mode enum; states without modes take 0 only
 * @out: where to store the normalized mode
 *
 * Return: 0, or -EINVAL for a mode the state does not take.
 */
int tapi_callstate_mode(u32 state, u32 mode, u32 *out)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tapi_state_modes); i++) {
		if (tapi_state_modes[i].state != state)
			continue;
		if (!mode) {
			*out = tapi_state_modes[i].dflt;
			return 0;
		}
		if (!is_power_of_2(mode) || mode & ~tapi_state_modes[i].valid)
			return -EINVAL;
		*out = mode;
		return 0;
	}
	if (mode)
		return -EINVAL;
	*out = 0;
	return 0;
}

/**
 * tapi_callstate_transition_ok() - may a call go from @from to @to
 * @from: the current state, a valid state
 * @to: the new state, a valid state
 *
 * Return: true if the call model allows it; @from == @to is a mode change
 * and allowed, except in IDLE.
 */
bool tapi_callstate_transition_ok(u32 from, u32 to)
{
	unsigned int i;

	if (from == S(IDLE))
		return false;
	if (from == to || from == S(UNKNOWN) || to == S(IDLE))
		return true;
	if (from == S(DISCONNECTED))
		return false;
	if (to == S(UNKNOWN) || to == S(DISCONNECTED))
		return true;
	for (i = 0; i < ARRAY_SIZE(tapi_transitions); i++) {
		if (tapi_transitions[i].state == from)
			return tapi_transitions[i].next & to;
	}
	return false;
}

/**
 * tapi_callstate_features() - call operations legal in a state
 * @state: a valid state
 *
 * Return: &enum tapi_call_feature bits, before the card's capabilities and
 * the handle's privilege are applied.
 */
u32 tapi_callstate_features(u32 state)
{
	u32 f = TAPI_FEATURES_ANY_LIVE;
	unsigned int i;

	if (state == S(IDLE))
		return 0;
	if (state != S(DISCONNECTED))
		f |= TAPI_FEATURES_DETECT;
	for (i = 0; i < ARRAY_SIZE(tapi_state_features); i++) {
		if (tapi_state_features[i].state == state)
			return tapi_state_features[i].features | f;
	}
	return f;
}

/**
 * tapi_callstate_context_features() - call operations legal now, given the
 *	calls around it
 * @state: the call's state, valid
 * @conf: the call is a conference call
 * @held_other: another call of the line is ONHOLD or ONHOLDPENDTRANSFER
 * @members: for a conference call, its members; for a CONFERENCED call,
 *	the members of its conference
 * @max_members: for a conference call, the most members it may have
 * @secure: the call is secure already
 *
 * Return: tapi_callstate_features() of @state, less what the situation
 * rules out: transfer, park and a new conference on a conference call,
 * joining a full conference, swap hold with nothing held, removing the
 * last member, securing a secure call.
 */
u32 tapi_callstate_context_features(u32 state, bool conf, bool held_other,
				    unsigned int members, u32 max_members,
				    bool secure)
{
	u32 f = tapi_callstate_features(state);

	if (secure)
		f &= ~TAPI_CALLFEATURE_SECURECALL;

	if (conf)
		f &= ~(TAPI_FEATURES_TWO_PARTY | TAPI_CALLFEATURE_SWAPHOLD);
	else
		f &= ~(TAPI_CALLFEATURE_PREPAREADDCONF |
		       TAPI_CALLFEATURE_ADDTOCONF);
	if (!held_other)
		f &= ~TAPI_CALLFEATURE_SWAPHOLD;
	if (members >= max_members)
		f &= ~(TAPI_CALLFEATURE_PREPAREADDCONF |
		       TAPI_CALLFEATURE_ADDTOCONF);
	if (members < 2)
		f &= ~TAPI_CALLFEATURE_REMOVEFROMCONF;
	return f;
}

/**
 * tapi_callstate_held() - is a call in @state held (of any kind)
 * @state: a valid state
 *
 * Return: true for ONHOLD, ONHOLDPENDCONF and ONHOLDPENDTRANSFER.
 */
bool tapi_callstate_held(u32 state)
{
	return state & (S(ONHOLD) | S(ONHOLDPENDCONF) | S(ONHOLDPENDTRANSFER));
}

/**
 * tapi_callstate_active() - does a call in @state take one of the line's
 *	active calls
 * @state: a valid state
 *
 * Return: false for IDLE, DISCONNECTED and the held states.
 */
bool tapi_callstate_active(u32 state)
{
	return !(state & (S(IDLE) | S(DISCONNECTED))) &&
	       !tapi_callstate_held(state);
}

/**
 * tapi_callstate_kind() - which of its line's call counts (&struct
 *	tapi_call_counts) a call in @state is in
 * @state: a valid state
 *
 * Return: the same number for states counted the same way: idle; on hold;
 * held pending a transfer or a conference; active; disconnected.
 */
unsigned int tapi_callstate_kind(u32 state)
{
	if (state == S(IDLE))
		return 0;
	if (state == S(ONHOLD))
		return 1;
	if (tapi_callstate_held(state))
		return 2;
	return tapi_callstate_active(state) ? 3 : 4;
}

/**
 * tapi_callstate_name() - the name of a state, for logs
 * @state: a state bit, valid or not
 *
 * Return: a lower-case name, or "invalid".
 */
const char *tapi_callstate_name(u32 state)
{
	if (!tapi_callstate_valid(state))
		return "invalid";
	return tapi_state_names[__ffs(state)];
}
