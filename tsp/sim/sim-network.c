// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the far end.  Each line's write-only "network" attribute takes
 * one command per write, what the public network or the far party would do
 * to the line's calls, so that tests can reach every call state and mode:
 *
 *   offer FROM [name=NAME] [media=BITS] [address=N] [flags=BITS]
 *         [blockid] [inactive]
 *	an inbound call from FROM ("-": unknown) to the line; flags are the
 *	caller's party flags; blockid withholds FROM (flag BLOCKED, no
 *	number); inactive offers it without alerting
 *   answer [call=ID] [delay=MS]
 *	the far end of an outbound external call answers (after MS);
 *	EBADFD if the call is not an external one being alerted
 *   hangup [MODE] [call=ID]
 *	the far end of an external call hangs up; MODE is a disconnect mode
 *	(default normal); EINVAL for an internal call, or one idle already
 *   state STATE [mode=MODE] [call=ID]
 *	the card reports STATE (and MODE) for a call, as a card that lost
 *	track or a buggy one might: the core decides whether it is legal
 *   party KIND [number=N] [name=NAME] [flags=BITS] [call=ID]
 *	the network tells who a party (caller, called, connected,
 *	redirecting, redirection) of a call is
 *   digits DIGITS [mode=dtmf|pulse] [call=ID]
 *	the far end signals DIGITS out of band (an ISDN keypad, RFC 4733),
 *	each as lasting TAPI_SIM_DIGIT_MS; EINVAL for a digit the mode
 *	has not (pulse: 0-9 only)
 *   dtmf DIGITS [call=ID]
 *	the card sends DIGITS in band on the call (tapi_call_send_dtmf()),
 *	as an analog line dials: its far end hears them; EINVAL for a
 *	digit that is not DTMF (0-9 * # A-D), EBUSY while an application
 *	generates on the call, EBADFD once its media ended
 *   useruser HEX [call=ID]
 *	the far end of an external call sends user-user information, the
 *	bytes HEX (1 to TAPI_USERUSER_MAX of them, two hex digits each);
 *	EINVAL for an internal call
 *   bogus
 *	the card makes the mistakes a buggy TSP might, all refused by the
 *	core (sim-misbehave.c): it reports on the calls the ghost mode kept,
 *	offers calls on lines, addresses and related calls it does not
 *	have, passes NULL calls and requests, and calls the helpers that
 *	sleep under a spinlock; the card's misbehaviours attribute counts
 *	them
 *
 * STATE is a state's name, MODE one of that state's modes' names (the uapi
 * enums without their prefix, in any case: offering, busy, station,
 * noanswer...), or numbers.  Names and
 * numbers are single words.  ID is a call id (see the card's calls
 * attribute); without it the line's newest call is meant.  A write returns
 * the command's length, or the error: EINVAL for a malformed command or an
 * illegal report, ENOENT for no such call, ENODEV when the card is not
 * live, or the error of the core (EBUSY: no call to spare on the line).
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <tapi/tsp.h>

#include "sim.h"

struct tapi_sim_name {
	const char *name;
	u32 value;
};

static const struct tapi_sim_name tapi_sim_states[] = {
	{ "idle", TAPI_CALLSTATE_IDLE },
	{ "offering", TAPI_CALLSTATE_OFFERING },
	{ "accepted", TAPI_CALLSTATE_ACCEPTED },
	{ "dialtone", TAPI_CALLSTATE_DIALTONE },
	{ "dialing", TAPI_CALLSTATE_DIALING },
	{ "ringback", TAPI_CALLSTATE_RINGBACK },
	{ "busy", TAPI_CALLSTATE_BUSY },
	{ "specialinfo", TAPI_CALLSTATE_SPECIALINFO },
	{ "connected", TAPI_CALLSTATE_CONNECTED },
	{ "proceeding", TAPI_CALLSTATE_PROCEEDING },
	{ "onhold", TAPI_CALLSTATE_ONHOLD },
	{ "conferenced", TAPI_CALLSTATE_CONFERENCED },
	{ "onholdpendconf", TAPI_CALLSTATE_ONHOLDPENDCONF },
	{ "onholdpendtransfer", TAPI_CALLSTATE_ONHOLDPENDTRANSFER },
	{ "disconnected", TAPI_CALLSTATE_DISCONNECTED },
	{ "unknown", TAPI_CALLSTATE_UNKNOWN },
	{ }
};

static const struct tapi_sim_name tapi_sim_disconnect_modes[] = {
	{ "normal", TAPI_DISCONNECTMODE_NORMAL },
	{ "unknown", TAPI_DISCONNECTMODE_UNKNOWN },
	{ "reject", TAPI_DISCONNECTMODE_REJECT },
	{ "pickup", TAPI_DISCONNECTMODE_PICKUP },
	{ "forwarded", TAPI_DISCONNECTMODE_FORWARDED },
	{ "busy", TAPI_DISCONNECTMODE_BUSY },
	{ "noanswer", TAPI_DISCONNECTMODE_NOANSWER },
	{ "badaddress", TAPI_DISCONNECTMODE_BADADDRESS },
	{ "unreachable", TAPI_DISCONNECTMODE_UNREACHABLE },
	{ "congestion", TAPI_DISCONNECTMODE_CONGESTION },
	{ "incompatible", TAPI_DISCONNECTMODE_INCOMPATIBLE },
	{ "unavail", TAPI_DISCONNECTMODE_UNAVAIL },
	{ "nodialtone", TAPI_DISCONNECTMODE_NODIALTONE },
	{ "numberchanged", TAPI_DISCONNECTMODE_NUMBERCHANGED },
	{ "outoforder", TAPI_DISCONNECTMODE_OUTOFORDER },
	{ "tempfailure", TAPI_DISCONNECTMODE_TEMPFAILURE },
	{ "qosunavail", TAPI_DISCONNECTMODE_QOSUNAVAIL },
	{ "blocked", TAPI_DISCONNECTMODE_BLOCKED },
	{ "donotdisturb", TAPI_DISCONNECTMODE_DONOTDISTURB },
	{ "cancelled", TAPI_DISCONNECTMODE_CANCELLED },
	{ }
};

static const struct tapi_sim_name tapi_sim_busy_modes[] = {
	{ "station", TAPI_BUSYMODE_STATION },
	{ "trunk", TAPI_BUSYMODE_TRUNK },
	{ "unknown", TAPI_BUSYMODE_UNKNOWN },
	{ "unavail", TAPI_BUSYMODE_UNAVAIL },
	{ }
};

static const struct tapi_sim_name tapi_sim_dialtone_modes[] = {
	{ "normal", TAPI_DIALTONEMODE_NORMAL },
	{ "special", TAPI_DIALTONEMODE_SPECIAL },
	{ "internal", TAPI_DIALTONEMODE_INTERNAL },
	{ "external", TAPI_DIALTONEMODE_EXTERNAL },
	{ "unknown", TAPI_DIALTONEMODE_UNKNOWN },
	{ "unavail", TAPI_DIALTONEMODE_UNAVAIL },
	{ }
};

static const struct tapi_sim_name tapi_sim_offering_modes[] = {
	{ "active", TAPI_OFFERINGMODE_ACTIVE },
	{ "inactive", TAPI_OFFERINGMODE_INACTIVE },
	{ }
};

static const struct tapi_sim_name tapi_sim_specialinfo_modes[] = {
	{ "nocircuit", TAPI_SPECIALINFO_NOCIRCUIT },
	{ "custirreg", TAPI_SPECIALINFO_CUSTIRREG },
	{ "reorder", TAPI_SPECIALINFO_REORDER },
	{ "unknown", TAPI_SPECIALINFO_UNKNOWN },
	{ "unavail", TAPI_SPECIALINFO_UNAVAIL },
	{ }
};

static const struct tapi_sim_name tapi_sim_connected_modes[] = {
	{ "active", TAPI_CONNECTEDMODE_ACTIVE },
	{ "inactive", TAPI_CONNECTEDMODE_INACTIVE },
	{ "activeheld", TAPI_CONNECTEDMODE_ACTIVEHELD },
	{ "inactiveheld", TAPI_CONNECTEDMODE_INACTIVEHELD },
	{ "confirmed", TAPI_CONNECTEDMODE_CONFIRMED },
	{ }
};

/* The names of each state's modes; states without modes have none. */
static const struct {
	u32 state;
	const struct tapi_sim_name *modes;
} tapi_sim_state_modes[] = {
	{ TAPI_CALLSTATE_OFFERING, tapi_sim_offering_modes },
	{ TAPI_CALLSTATE_DIALTONE, tapi_sim_dialtone_modes },
	{ TAPI_CALLSTATE_BUSY, tapi_sim_busy_modes },
	{ TAPI_CALLSTATE_SPECIALINFO, tapi_sim_specialinfo_modes },
	{ TAPI_CALLSTATE_CONNECTED, tapi_sim_connected_modes },
	{ TAPI_CALLSTATE_DISCONNECTED, tapi_sim_disconnect_modes },
};

static const struct tapi_sim_name tapi_sim_parties[] = {
	{ "caller", TAPI_PARTY_CALLER },
	{ "called", TAPI_PARTY_CALLED },
	{ "connected", TAPI_PARTY_CONNECTED },
	{ "redirecting", TAPI_PARTY_REDIRECTING },
	{ "redirection", TAPI_PARTY_REDIRECTION },
	{ }
};

/* A name of @table or a number. */
static int tapi_sim_lookup(const struct tapi_sim_name *table, const char *s,
			   u32 *value)
{
	for (; table->name; table++) {
		if (!strcasecmp(table->name, s)) {
			*value = table->value;
			return 0;
		}
	}
	return kstrtou32(s, 0, value) ? -EINVAL : 0;
}

/*
 * The mode of @state named @s (one of the state's own mode names), or a
 * number, which the core then checks.
 */
static int tapi_sim_mode(u32 state, const char *s, u32 *mode)
{
	static const struct tapi_sim_name none[] = { { } };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tapi_sim_state_modes); i++) {
		if (tapi_sim_state_modes[i].state == state)
			return tapi_sim_lookup(tapi_sim_state_modes[i].modes, s,
					       mode);
	}
	return tapi_sim_lookup(none, s, mode);
}

/**
 * struct tapi_sim_args - the words of a command after its verb
 * @call: call=ID
 * @delay: delay=MS
 * @mode: mode=MODE, unparsed
 * @name: name=NAME
 * @number: number=N
 * @flags: flags=BITS
 * @media: media=BITS
 * @address: address=N
 * @blockid: the word blockid
 * @inactive: the word inactive
 * @word: the first word without '=' (FROM, MODE, STATE, KIND)
 */
struct tapi_sim_args {
	u32 call;
	u32 delay;
	const char *mode;
	const char *name;
	const char *number;
	u32 flags;
	u32 media;
	u32 address;
	bool blockid;
	bool inactive;
	const char *word;
};

static int tapi_sim_parse_args(char *s, struct tapi_sim_args *a)
{
	char *tok, *val;
	int ret = 0;

	while (!ret && (tok = strsep(&s, " \t"))) {
		if (!*tok)
			continue;
		val = strchr(tok, '=');
		if (!val) {
			if (!strcmp(tok, "blockid"))
				a->blockid = true;
			else if (!strcmp(tok, "inactive"))
				a->inactive = true;
			else if (!a->word)
				a->word = tok;
			else
				ret = -EINVAL;
			continue;
		}
		*val++ = '\0';
		if (!strcmp(tok, "call"))
			ret = kstrtou32(val, 0, &a->call);
		else if (!strcmp(tok, "delay"))
			ret = kstrtou32(val, 0, &a->delay);
		else if (!strcmp(tok, "flags"))
			ret = kstrtou32(val, 0, &a->flags);
		else if (!strcmp(tok, "media"))
			ret = kstrtou32(val, 0, &a->media);
		else if (!strcmp(tok, "address"))
			ret = kstrtou32(val, 0, &a->address);
		else if (!strcmp(tok, "mode"))
			a->mode = val;
		else if (!strcmp(tok, "name"))
			a->name = val;
		else if (!strcmp(tok, "number"))
			a->number = val;
		else
			ret = -EINVAL;
	}
	return ret ? -EINVAL : 0;
}

static int tapi_sim_cmd_offer(struct tapi_sim_switch *sw, unsigned int line,
			      const struct tapi_sim_args *a)
{
	struct tapi_party caller = { .name = a->name };
	struct tapi_call_offer offer = {
		.address_id = a->address,
		.media_mode = a->media ?: TAPI_MEDIA_INTERACTIVEVOICE,
		.origin = TAPI_CALLORIGIN_EXTERNAL,
		.offering_mode = a->inactive ? TAPI_OFFERINGMODE_INACTIVE : 0,
		.caller = &caller,
	};

	if (!a->word || a->delay || a->call || a->mode || a->number)
		return -EINVAL;
	/* A withheld number does not reach the line at all. */
	if (strcmp(a->word, "-") && !a->blockid)
		caller.number = a->word;
	caller.flags = a->flags | (a->blockid ? TAPI_PARTYID_BLOCKED : 0);
	return tapi_sim_offer(sw, line, &offer);
}

/*
 * The commands on a call: each checks its words first (EINVAL), then that
 * there is a call (@sc, NULL if none: ENOENT), then acts.
 */
static int tapi_sim_cmd_state(struct tapi_sim_call *sc,
			      const struct tapi_sim_args *a)
{
	u32 state, mode = 0;

	if (!a->word || tapi_sim_lookup(tapi_sim_states, a->word, &state))
		return -EINVAL;
	if (a->mode && tapi_sim_mode(state, a->mode, &mode))
		return -EINVAL;
	if (!sc)
		return -ENOENT;
	return tapi_sim_report_state(sc, state, mode);
}

static int tapi_sim_cmd_party(struct tapi_sim_call *sc,
			      const struct tapi_sim_args *a)
{
	struct tapi_party p = {
		.number = a->number,
		.name = a->name,
		.flags = a->flags,
	};
	u32 kind;

	if (!a->word || tapi_sim_lookup(tapi_sim_parties, a->word, &kind))
		return -EINVAL;
	if (!sc)
		return -ENOENT;
	return tapi_call_set_party(tapi_sim_call_core(sc), kind, &p);
}

/* How long each digit of a "digits" command is said to have lasted. */
#define TAPI_SIM_DIGIT_MS	100

static int tapi_sim_cmd_digits(struct tapi_sim_switch *sw,
			       struct tapi_sim_call *sc,
			       const struct tapi_sim_args *a)
{
	u32 mode = TAPI_DIGITMODE_DTMF;
	const char *d;
	int ret;

	if (!a->word || a->delay || a->number || a->name)
		return -EINVAL;
	if (a->mode && !strcasecmp(a->mode, "pulse"))
		mode = TAPI_DIGITMODE_PULSE;
	else if (a->mode && strcasecmp(a->mode, "dtmf"))
		return -EINVAL;
	for (d = a->word; *d; d++) {
		if (mode == TAPI_DIGITMODE_PULSE ? !isdigit(*d) :
		    !strchr("0123456789*#ABCDabcd", *d))
			return -EINVAL;
	}
	if (!sc)
		return -ENOENT;
	for (d = a->word; *d; d++) {
		ret = tapi_sim_digit(sw, tapi_sim_call_core(sc), mode, *d,
				      mode == TAPI_DIGITMODE_DTMF ?
				      TAPI_SIM_DIGIT_MS : 0);
		if (ret)
			return ret;
	}
	return 0;
}

static int tapi_sim_cmd_dtmf(struct tapi_sim_call *sc,
			     const struct tapi_sim_args *a)
{
	int ret;

	if (!a->word || a->delay || a->number || a->name || a->mode ||
	    strspn(a->word, "0123456789*#ABCD") != strlen(a->word) ||
	    strlen(a->word) >= TAPI_GENERATE_DIGITS_LEN)
		return -EINVAL;
	if (!sc)
		return -ENOENT;
	ret = tapi_call_send_dtmf(tapi_sim_call_core(sc), a->word, 0);
	return ret < 0 ? ret : 0;
}

static int tapi_sim_cmd_hangup(struct tapi_sim_call *sc,
			       const struct tapi_sim_args *a)
{
	u32 mode = TAPI_DISCONNECTMODE_NORMAL;

	if (a->word &&
	    tapi_sim_lookup(tapi_sim_disconnect_modes, a->word, &mode))
		return -EINVAL;
	if (!sc)
		return -ENOENT;
	return tapi_sim_remote_hangup(sc, mode);
}

static int tapi_sim_cmd_useruser(struct tapi_sim_call *sc,
				 const struct tapi_sim_args *a)
{
	u8 data[TAPI_USERUSER_MAX];
	size_t len;

	if (!a->word || a->delay || a->number || a->name || a->mode)
		return -EINVAL;
	len = strlen(a->word);
	if (!len || len % 2 || len / 2 > sizeof(data) ||
	    hex2bin(data, a->word, len / 2))
		return -EINVAL;
	if (!sc)
		return -ENOENT;
	return tapi_sim_network_user_user(sc, data, len / 2);
}

static int tapi_sim_cmd_answer(struct tapi_sim_call *sc,
			       const struct tapi_sim_args *a)
{
	if (a->word)
		return -EINVAL;
	if (!sc)
		return -ENOENT;
	return tapi_sim_remote_answer(sc, a->delay);
}

/**
 * tapi_sim_network_command() - run one command written to a line's network
 *	attribute
 * @sw: the card's switch
 * @line: the line
 * @cmd: the command, NUL-terminated, without its newline; modified
 *
 * Return: 0 or a negative errno (see the top of this file).
 */
int tapi_sim_network_command(struct tapi_sim_switch *sw, unsigned int line,
			     char *cmd)
{
	struct tapi_sim_args a = { };
	struct tapi_sim_call *sc;
	char *verb;
	int ret;

	verb = strsep(&cmd, " \t");
	if (!verb || !*verb)
		return -EINVAL;
	ret = tapi_sim_parse_args(cmd, &a);
	if (ret)
		return ret;

	mutex_lock(&sw->lock);
	if (!sw->live) {
		ret = -ENODEV;
		goto out;
	}
	if (!strcmp(verb, "offer")) {
		ret = tapi_sim_cmd_offer(sw, line, &a);
		goto out;
	}
	if (!strcmp(verb, "bogus")) {
		ret = a.word || a.call || a.delay ? -EINVAL :
		      tapi_sim_bogus(sw, line);
		goto out;
	}
	sc = tapi_sim_find_call(sw, line, a.call);
	if (!strcmp(verb, "answer"))
		ret = tapi_sim_cmd_answer(sc, &a);
	else if (!strcmp(verb, "hangup"))
		ret = tapi_sim_cmd_hangup(sc, &a);
	else if (!strcmp(verb, "state"))
		ret = tapi_sim_cmd_state(sc, &a);
	else if (!strcmp(verb, "party"))
		ret = tapi_sim_cmd_party(sc, &a);
	else if (!strcmp(verb, "digits"))
		ret = tapi_sim_cmd_digits(sw, sc, &a);
	else if (!strcmp(verb, "dtmf"))
		ret = tapi_sim_cmd_dtmf(sc, &a);
	else if (!strcmp(verb, "useruser"))
		ret = tapi_sim_cmd_useruser(sc, &a);
	else
		ret = -EINVAL;
out:
	mutex_unlock(&sw->lock);
	return ret;
}
