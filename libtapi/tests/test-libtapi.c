// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device-less unit tests of libtapi and the tools' helpers: names of flags,
 * parsing, JSON escaping, settings and buffers.  TAP output; exit 0 when
 * every test passed, 1 otherwise.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libtapi.h>

#include "tool.h"

#include "tap.h"

/* The VALID mask of each kind, as the uapi defines it. */
static const struct {
	enum tapi_flag_kind kind;
	uint64_t valid;
	const char *what;
} kinds[] = {
	{ TAPI_FLAGS_MEDIA_MODE, TAPI_MEDIA_VALID, "media modes" },
	{ TAPI_FLAGS_BEARER_MODE, TAPI_BEARER_VALID, "bearer modes" },
	{ TAPI_FLAGS_LINE_FEATURE, TAPI_LINEFEATURE_VALID, "line features" },
	{ TAPI_FLAGS_ADDRESS_FEATURE, TAPI_ADDRFEATURE_VALID,
	  "address features" },
	{ TAPI_FLAGS_CALL_FEATURE, TAPI_CALLFEATURE_VALID, "call features" },
	{ TAPI_FLAGS_DIGIT_MODE, TAPI_DIGITMODE_VALID, "digit modes" },
	{ TAPI_FLAGS_DEVCAPS, TAPI_DEVCAPS_VALID, "devcaps flags" },
	{ TAPI_FLAGS_DEVSTATUS, TAPI_DEVSTATUS_VALID, "devstatus flags" },
	{ TAPI_FLAGS_PRIVILEGE, TAPI_PRIV_VALID, "privileges" },
	{ TAPI_FLAGS_CORE_FEATURE, TAPI_FEATURE_VALID, "core features" },
	{ TAPI_FLAGS_EVENT_MASK, TAPI_EV_MASK_VALID, "event types" },
	{ TAPI_FLAGS_CALL_STATE, TAPI_CALLSTATE_VALID, "call states" },
	/* No _VALID masks in the uapi for these: */
	{ TAPI_FLAGS_BUSY_MODE, (TAPI_BUSYMODE_UNAVAIL << 1) - 1,
	  "busy modes" },
	{ TAPI_FLAGS_DIALTONE_MODE, (TAPI_DIALTONEMODE_UNAVAIL << 1) - 1,
	  "dial tone modes" },
	{ TAPI_FLAGS_OFFERING_MODE, (TAPI_OFFERINGMODE_INACTIVE << 1) - 1,
	  "offering modes" },
	{ TAPI_FLAGS_SPECIALINFO_MODE, (TAPI_SPECIALINFO_UNAVAIL << 1) - 1,
	  "special info modes" },
	{ TAPI_FLAGS_CONNECTED_MODE, (TAPI_CONNECTEDMODE_CONFIRMED << 1) - 1,
	  "connected modes" },
	{ TAPI_FLAGS_DISCONNECT_MODE,
	  ((uint64_t)TAPI_DISCONNECTMODE_CANCELLED << 1) - 1,
	  "disconnect modes" },
	/* TAPI's LINECALLORIGIN_ has no 0x8. */
	{ TAPI_FLAGS_CALL_ORIGIN, TAPI_CALLORIGIN_OUTBOUND |
	  TAPI_CALLORIGIN_INTERNAL | TAPI_CALLORIGIN_EXTERNAL |
	  TAPI_CALLORIGIN_UNKNOWN | TAPI_CALLORIGIN_UNAVAIL |
	  TAPI_CALLORIGIN_CONFERENCE | TAPI_CALLORIGIN_INBOUND,
	  "call origins" },
	{ TAPI_FLAGS_CALL_REASON, (TAPI_CALLREASON_ROUTEREQUEST << 1) - 1,
	  "call reasons" },
	{ TAPI_FLAGS_PARTY_ID, TAPI_PARTYID_VALID, "party flags" },
	{ TAPI_FLAGS_CALLINFO, TAPI_CALLINFO_VALID, "call info fields" },
	{ TAPI_FLAGS_ADDRESS_STATE, TAPI_ADDRSTATE_VALID,
	  "address state fields" },
	{ TAPI_FLAGS_TRANSFER_MODE, TAPI_TRANSFER_VALID, "transfer modes" },
	{ TAPI_FLAGS_PARK_MODE, TAPI_PARK_VALID, "park modes" },
	{ TAPI_FLAGS_FORWARD_MODE, TAPI_FORWARD_VALID, "forward modes" },
	{ TAPI_FLAGS_COMPLETION_MODE, TAPI_COMPLETION_VALID,
	  "completion modes" },
	{ TAPI_FLAGS_CALL_PARAM, TAPI_CALLPARAM_VALID, "call param flags" },
};

/*
 * The name of every value of the call sets is the constant's name after
 * its prefix, in lower case.
 */
#define C(kind, prefix, constant) \
	{ kind, constant, #constant, sizeof(prefix) - 1 }

static const struct {
	enum tapi_flag_kind kind;
	uint64_t bit;
	const char *constant;
	size_t prefix_len;
} constants[] = {
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_IDLE),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_OFFERING),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_ACCEPTED),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_DIALTONE),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_DIALING),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_RINGBACK),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_BUSY),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_SPECIALINFO),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_CONNECTED),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_PROCEEDING),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_ONHOLD),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_CONFERENCED),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_",
	  TAPI_CALLSTATE_ONHOLDPENDCONF),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_",
	  TAPI_CALLSTATE_ONHOLDPENDTRANSFER),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_",
	  TAPI_CALLSTATE_DISCONNECTED),
	C(TAPI_FLAGS_CALL_STATE, "TAPI_CALLSTATE_", TAPI_CALLSTATE_UNKNOWN),
	C(TAPI_FLAGS_BUSY_MODE, "TAPI_BUSYMODE_", TAPI_BUSYMODE_STATION),
	C(TAPI_FLAGS_BUSY_MODE, "TAPI_BUSYMODE_", TAPI_BUSYMODE_TRUNK),
	C(TAPI_FLAGS_BUSY_MODE, "TAPI_BUSYMODE_", TAPI_BUSYMODE_UNKNOWN),
	C(TAPI_FLAGS_BUSY_MODE, "TAPI_BUSYMODE_", TAPI_BUSYMODE_UNAVAIL),
	C(TAPI_FLAGS_DIALTONE_MODE, "TAPI_DIALTONEMODE_",
	  TAPI_DIALTONEMODE_NORMAL),
	C(TAPI_FLAGS_DIALTONE_MODE, "TAPI_DIALTONEMODE_",
	  TAPI_DIALTONEMODE_SPECIAL),
	C(TAPI_FLAGS_DIALTONE_MODE, "TAPI_DIALTONEMODE_",
	  TAPI_DIALTONEMODE_INTERNAL),
	C(TAPI_FLAGS_DIALTONE_MODE, "TAPI_DIALTONEMODE_",
	  TAPI_DIALTONEMODE_EXTERNAL),
	C(TAPI_FLAGS_DIALTONE_MODE, "TAPI_DIALTONEMODE_",
	  TAPI_DIALTONEMODE_UNKNOWN),
	C(TAPI_FLAGS_DIALTONE_MODE, "TAPI_DIALTONEMODE_",
	  TAPI_DIALTONEMODE_UNAVAIL),
	C(TAPI_FLAGS_OFFERING_MODE, "TAPI_OFFERINGMODE_",
	  TAPI_OFFERINGMODE_ACTIVE),
	C(TAPI_FLAGS_OFFERING_MODE, "TAPI_OFFERINGMODE_",
	  TAPI_OFFERINGMODE_INACTIVE),
	C(TAPI_FLAGS_SPECIALINFO_MODE, "TAPI_SPECIALINFO_",
	  TAPI_SPECIALINFO_NOCIRCUIT),
	C(TAPI_FLAGS_SPECIALINFO_MODE, "TAPI_SPECIALINFO_",
	  TAPI_SPECIALINFO_CUSTIRREG),
	C(TAPI_FLAGS_SPECIALINFO_MODE, "TAPI_SPECIALINFO_",
	  TAPI_SPECIALINFO_REORDER),
	C(TAPI_FLAGS_SPECIALINFO_MODE, "TAPI_SPECIALINFO_",
	  TAPI_SPECIALINFO_UNKNOWN),
	C(TAPI_FLAGS_SPECIALINFO_MODE, "TAPI_SPECIALINFO_",
	  TAPI_SPECIALINFO_UNAVAIL),
	C(TAPI_FLAGS_CONNECTED_MODE, "TAPI_CONNECTEDMODE_",
	  TAPI_CONNECTEDMODE_ACTIVE),
	C(TAPI_FLAGS_CONNECTED_MODE, "TAPI_CONNECTEDMODE_",
	  TAPI_CONNECTEDMODE_INACTIVE),
	C(TAPI_FLAGS_CONNECTED_MODE, "TAPI_CONNECTEDMODE_",
	  TAPI_CONNECTEDMODE_ACTIVEHELD),
	C(TAPI_FLAGS_CONNECTED_MODE, "TAPI_CONNECTEDMODE_",
	  TAPI_CONNECTEDMODE_INACTIVEHELD),
	C(TAPI_FLAGS_CONNECTED_MODE, "TAPI_CONNECTEDMODE_",
	  TAPI_CONNECTEDMODE_CONFIRMED),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_NORMAL),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_UNKNOWN),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_REJECT),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_PICKUP),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_FORWARDED),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_BUSY),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_NOANSWER),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_BADADDRESS),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_UNREACHABLE),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_CONGESTION),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_INCOMPATIBLE),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_UNAVAIL),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_NODIALTONE),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_NUMBERCHANGED),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_OUTOFORDER),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_TEMPFAILURE),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_QOSUNAVAIL),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_BLOCKED),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_DONOTDISTURB),
	C(TAPI_FLAGS_DISCONNECT_MODE, "TAPI_DISCONNECTMODE_",
	  TAPI_DISCONNECTMODE_CANCELLED),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_", TAPI_CALLORIGIN_OUTBOUND),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_", TAPI_CALLORIGIN_INTERNAL),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_", TAPI_CALLORIGIN_EXTERNAL),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_", TAPI_CALLORIGIN_UNKNOWN),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_", TAPI_CALLORIGIN_UNAVAIL),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_",
	  TAPI_CALLORIGIN_CONFERENCE),
	C(TAPI_FLAGS_CALL_ORIGIN, "TAPI_CALLORIGIN_", TAPI_CALLORIGIN_INBOUND),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_DIRECT),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_FWDBUSY),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_",
	  TAPI_CALLREASON_FWDNOANSWER),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_",
	  TAPI_CALLREASON_FWDUNCOND),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_PICKUP),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_UNPARK),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_REDIRECT),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_",
	  TAPI_CALLREASON_CALLCOMPLETION),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_TRANSFER),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_REMINDER),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_UNKNOWN),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_UNAVAIL),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_INTRUDE),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_PARKED),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_", TAPI_CALLREASON_CAMPEDON),
	C(TAPI_FLAGS_CALL_REASON, "TAPI_CALLREASON_",
	  TAPI_CALLREASON_ROUTEREQUEST),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_BLOCKED),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_OUTOFAREA),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_NAME),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_ADDRESS),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_PARTIAL),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_UNKNOWN),
	C(TAPI_FLAGS_PARTY_ID, "TAPI_PARTYID_", TAPI_PARTYID_UNAVAIL),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_MEDIAMODE),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_BEARERMODE),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_ORIGIN),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_REASON),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_RELATEDCALLID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_NUMOWNERS),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_NUMMONITORS),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_CALLERID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_CALLEDID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_CONNECTEDID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_REDIRECTINGID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_REDIRECTIONID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_CALLPARAMFLAGS),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_COMPLETIONID),
	C(TAPI_FLAGS_CALLINFO, "TAPI_CALLINFO_", TAPI_CALLINFO_USERUSERINFO),
	C(TAPI_FLAGS_ADDRESS_STATE, "TAPI_ADDRSTATE_",
	  TAPI_ADDRSTATE_INUSEZERO),
	C(TAPI_FLAGS_ADDRESS_STATE, "TAPI_ADDRSTATE_", TAPI_ADDRSTATE_INUSEONE),
	C(TAPI_FLAGS_ADDRESS_STATE, "TAPI_ADDRSTATE_",
	  TAPI_ADDRSTATE_INUSEMANY),
	C(TAPI_FLAGS_ADDRESS_STATE, "TAPI_ADDRSTATE_", TAPI_ADDRSTATE_NUMCALLS),
	C(TAPI_FLAGS_ADDRESS_STATE, "TAPI_ADDRSTATE_", TAPI_ADDRSTATE_FORWARD),
	C(TAPI_FLAGS_CORE_FEATURE, "TAPI_FEATURE_", TAPI_FEATURE_CALLS),
	C(TAPI_FLAGS_CORE_FEATURE, "TAPI_FEATURE_",
	  TAPI_FEATURE_SUPPLEMENTARY),
	C(TAPI_FLAGS_TRANSFER_MODE, "TAPI_TRANSFER_", TAPI_TRANSFER_TRANSFER),
	C(TAPI_FLAGS_TRANSFER_MODE, "TAPI_TRANSFER_",
	  TAPI_TRANSFER_CONFERENCE),
	C(TAPI_FLAGS_CORE_FEATURE, "TAPI_FEATURE_",
	  TAPI_FEATURE_CALL_SERVICES),
	C(TAPI_FLAGS_PARK_MODE, "TAPI_PARK_", TAPI_PARK_DIRECTED),
	C(TAPI_FLAGS_PARK_MODE, "TAPI_PARK_", TAPI_PARK_NONDIRECTED),
	C(TAPI_FLAGS_FORWARD_MODE, "TAPI_FORWARD_", TAPI_FORWARD_UNCOND),
	C(TAPI_FLAGS_FORWARD_MODE, "TAPI_FORWARD_", TAPI_FORWARD_BUSY),
	C(TAPI_FLAGS_FORWARD_MODE, "TAPI_FORWARD_", TAPI_FORWARD_NOANSWER),
	C(TAPI_FLAGS_COMPLETION_MODE, "TAPI_COMPLETION_",
	  TAPI_COMPLETION_CAMPON),
	C(TAPI_FLAGS_COMPLETION_MODE, "TAPI_COMPLETION_",
	  TAPI_COMPLETION_CALLBACK),
	C(TAPI_FLAGS_CALL_PARAM, "TAPI_CALLPARAM_", TAPI_CALLPARAM_SECURE),
	C(TAPI_FLAGS_CALL_PARAM, "TAPI_CALLPARAM_", TAPI_CALLPARAM_BLOCKID),
};

static void test_names(void)
{
	uint64_t bit, back;
	const char *name, *other;
	unsigned int k, i, j;
	bool all_named, unique, round_trip;

	ok(sizeof(kinds) / sizeof(kinds[0]) == TAPI_FLAGS_NUM_KINDS,
	   "every flag kind is tested");

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		all_named = unique = round_trip = true;
		for (i = 0; i < 64; i++) {
			bit = 1ULL << i;
			name = tapi_flag_str(kinds[k].kind, bit);
			if (!(kinds[k].valid & bit)) {
				if (name)
					all_named = false;
				continue;
			}
			if (!name || !*name) {
				all_named = false;
				continue;
			}
			for (j = 0; j < i; j++) {
				other = tapi_flag_str(kinds[k].kind, 1ULL << j);
				if (streq(name, other))
					unique = false;
			}
			if (tapi_flags_from_str(kinds[k].kind, name, &back) ||
			    back != bit)
				round_trip = false;
		}
		ok(all_named, "%s: exactly the defined bits have names",
		   kinds[k].what);
		ok(unique, "%s: names are unique", kinds[k].what);
		ok(round_trip, "%s: every name parses back to its bit",
		   kinds[k].what);
	}

	for (i = 0, round_trip = true;
	     i < sizeof(constants) / sizeof(constants[0]); i++) {
		char want[64];
		size_t n;

		snprintf(want, sizeof(want), "%s",
			 constants[i].constant + constants[i].prefix_len);
		for (n = 0; want[n]; n++)
			want[n] = tolower((unsigned char)want[n]);
		if (!streq(tapi_flag_str(constants[i].kind, constants[i].bit),
			   want)) {
			printf("# %s is named '%s'\n", constants[i].constant,
			       tapi_flag_str(constants[i].kind,
					     constants[i].bit));
			round_trip = false;
		}
	}
	ok(round_trip, "call names are the constants' names after the prefix");

	ok(!tapi_flag_str(TAPI_FLAGS_MEDIA_MODE,
			  TAPI_MEDIA_INTERACTIVEVOICE | TAPI_MEDIA_G3FAX),
	   "two bits have no single name");
	ok(!tapi_flag_str(TAPI_FLAGS_NUM_KINDS, 1), "unknown kind: NULL");
	ok(!tapi_flag_str((enum tapi_flag_kind)-1, 1), "negative kind: NULL");

	ok(streq(tapi_media_mode_str(TAPI_MEDIA_INTERACTIVEVOICE),
		 "interactivevoice"), "media mode name");
	ok(streq(tapi_media_mode_str(TAPI_MEDIA_UNKNOWN), "unknown"),
	   "TAPI_MEDIA_UNKNOWN is named 'unknown'");
	ok(!tapi_media_mode_str(0), "no name for media mode 0");
	ok(!tapi_media_mode_str(1u << 15), "no name for an undefined mode");
	ok(streq(tapi_bearer_mode_str(TAPI_BEARER_SPEECH), "speech"),
	   "bearer mode name");
	ok(streq(tapi_privilege_str(TAPI_PRIV_OWNER), "owner"),
	   "privilege name");
	ok(streq(tapi_event_type_str(TAPI_EV_CALLSTATE), "callstate"),
	   "event type name");
	ok(streq(tapi_event_type_str(TAPI_EV_OVERFLOW), "overflow"),
	   "last event type name");
	ok(!tapi_event_type_str(0) && !tapi_event_type_str(TAPI_EV_MAX) &&
	   !tapi_event_type_str(64) && !tapi_event_type_str(~0u),
	   "no name for event types 0, MAX, 64, ~0");
	ok(streq(tapi_close_reason_str(TAPI_CLOSE_FORCED), "forced") &&
	   !tapi_close_reason_str(0), "close reasons");
}

static void test_flags_to_str(void)
{
	char buf[64];
	int ret;

	ret = tapi_flags_to_str(TAPI_FLAGS_MEDIA_MODE,
				TAPI_MEDIA_INTERACTIVEVOICE |
				TAPI_MEDIA_AUTOMATEDVOICE, buf, sizeof(buf));
	ok(ret == 31 && streq(buf, "interactivevoice|automatedvoice"),
	   "two media modes: '%s' (%d)", buf, ret);

	ret = tapi_flags_to_str(TAPI_FLAGS_MEDIA_MODE, 0, buf, sizeof(buf));
	ok(ret == 0 && streq(buf, ""), "empty set prints as ''");

	ret = tapi_flags_to_str(TAPI_FLAGS_BEARER_MODE,
				TAPI_BEARER_VOICE | 0x300, buf, sizeof(buf));
	ok(streq(buf, "voice|0x300") && ret == 11,
	   "unknown bits as one hex number: '%s'", buf);

	ret = tapi_flags_to_str(TAPI_FLAGS_BEARER_MODE, 0x100, buf,
				sizeof(buf));
	ok(streq(buf, "0x100"), "only unknown bits: '%s'", buf);

	memset(buf, 'x', sizeof(buf));
	ret = tapi_flags_to_str(TAPI_FLAGS_MEDIA_MODE,
				TAPI_MEDIA_INTERACTIVEVOICE |
				TAPI_MEDIA_AUTOMATEDVOICE, buf, 8);
	ok(ret == 31 && streq(buf, "interac") && buf[8] == 'x',
	   "truncates like snprintf: '%s' (%d)", buf, ret);

	ret = tapi_flags_to_str(TAPI_FLAGS_MEDIA_MODE, TAPI_MEDIA_VALID,
				NULL, 0);
	ok(ret > 100, "NULL buffer of size 0 measures (%d)", ret);

	errno = 0;
	ret = tapi_flags_to_str(TAPI_FLAGS_NUM_KINDS, 1, buf, sizeof(buf));
	ok(ret == -1 && errno == EINVAL, "unknown kind: EINVAL");
	errno = 0;
	ret = tapi_flags_to_str(TAPI_FLAGS_MEDIA_MODE, 1, NULL, 4);
	ok(ret == -1 && errno == EINVAL, "NULL buffer with a size: EINVAL");

	ret = tapi_flags_to_str(TAPI_FLAGS_EVENT_MASK, TAPI_EV_ALWAYS_MASK,
				buf, sizeof(buf));
	ok(streq(buf, "reply|close|removed|overflow"),
	   "event mask names: '%s'", buf);
}

static void test_flags_from_str(void)
{
	uint64_t f = 0;
	int ret;

	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE,
				  "interactivevoice|automatedvoice", &f);
	ok(!ret && f == (TAPI_MEDIA_INTERACTIVEVOICE |
			 TAPI_MEDIA_AUTOMATEDVOICE), "parse a|b");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "G3Fax,tdd", &f);
	ok(!ret && f == (TAPI_MEDIA_G3FAX | TAPI_MEDIA_TDD),
	   "parse a,b ignoring case");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "", &f);
	ok(!ret && f == 0, "empty string is the empty set");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "0x6|video", &f);
	ok(!ret && f == (6 | TAPI_MEDIA_VIDEO), "numbers are bitmaps");
	ret = tapi_flags_from_str(TAPI_FLAGS_PRIVILEGE, "owner|monitor", &f);
	ok(!ret && f == (TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR),
	   "parse privileges");

	f = 42;
	errno = 0;
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "voice", &f);
	ok(ret == -1 && errno == EINVAL && f == 42,
	   "a bearer name is not a media mode; output untouched");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "video|", &f);
	ok(ret == -1, "trailing separator refused");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "|video", &f);
	ok(ret == -1, "leading separator refused");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "video||tdd", &f);
	ok(ret == -1, "empty element refused");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "vid", &f);
	ok(ret == -1, "prefix of a name refused");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "12abc", &f);
	ok(ret == -1, "number with junk refused");
	ret = tapi_flags_from_str(TAPI_FLAGS_MEDIA_MODE, "99999999999999999999999",
				  &f);
	ok(ret == -1, "number out of range refused");
	errno = 0;
	ret = tapi_flags_from_str(TAPI_FLAGS_NUM_KINDS, "x", &f);
	ok(ret == -1 && errno == EINVAL, "unknown kind refused");
}

static void test_call_names(void)
{
	char buf[64];
	uint64_t f;

	ok(streq(tapi_call_state_str(TAPI_CALLSTATE_ONHOLDPENDTRANSFER),
		 "onholdpendtransfer") &&
	   streq(tapi_call_state_str(TAPI_CALLSTATE_IDLE), "idle") &&
	   !tapi_call_state_str(0) &&
	   !tapi_call_state_str(TAPI_CALLSTATE_IDLE |
				TAPI_CALLSTATE_OFFERING) &&
	   !tapi_call_state_str(1u << 16), "call state names");

	ok(streq(tapi_call_mode_str(TAPI_CALLSTATE_DISCONNECTED,
				    TAPI_DISCONNECTMODE_NOANSWER),
		 "noanswer"), "disconnected (noanswer)");
	/* Bit 0 of each state's modes, named after its own enum. */
	ok(streq(tapi_call_mode_str(TAPI_CALLSTATE_BUSY, 1), "station") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_DIALTONE, 1), "normal") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_OFFERING, 1), "active") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_SPECIALINFO, 1),
		 "nocircuit") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_CONNECTED, 1), "active") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_DISCONNECTED, 1), "normal"),
	   "mode names depend on the state");
	ok(streq(tapi_call_mode_str(TAPI_CALLSTATE_OFFERING,
				    TAPI_OFFERINGMODE_INACTIVE), "inactive") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_CONNECTED,
				    TAPI_CONNECTEDMODE_INACTIVEHELD),
		 "inactiveheld") &&
	   streq(tapi_call_mode_str(TAPI_CALLSTATE_SPECIALINFO,
				    TAPI_SPECIALINFO_CUSTIRREG), "custirreg"),
	   "more mode names");
	ok(!tapi_call_mode_str(TAPI_CALLSTATE_RINGBACK, 1) &&
	   !tapi_call_mode_str(TAPI_CALLSTATE_IDLE, 1) &&
	   !tapi_call_mode_str(TAPI_CALLSTATE_CONNECTED, 0) &&
	   !tapi_call_mode_str(TAPI_CALLSTATE_CONNECTED, 3) &&
	   !tapi_call_mode_str(TAPI_CALLSTATE_OFFERING,
			       TAPI_OFFERINGMODE_INACTIVE << 1) &&
	   !tapi_call_mode_str(TAPI_CALLSTATE_BUSY | TAPI_CALLSTATE_CONNECTED,
			       1), "no mode name: state without modes, 0, "
	   "two bits, undefined bit, two states");
	ok(tapi_call_mode_kind(TAPI_CALLSTATE_DISCONNECTED) ==
	   TAPI_FLAGS_DISCONNECT_MODE &&
	   tapi_call_mode_kind(TAPI_CALLSTATE_BUSY) == TAPI_FLAGS_BUSY_MODE &&
	   tapi_call_mode_kind(TAPI_CALLSTATE_DIALTONE) ==
	   TAPI_FLAGS_DIALTONE_MODE &&
	   tapi_call_mode_kind(TAPI_CALLSTATE_OFFERING) ==
	   TAPI_FLAGS_OFFERING_MODE &&
	   tapi_call_mode_kind(TAPI_CALLSTATE_SPECIALINFO) ==
	   TAPI_FLAGS_SPECIALINFO_MODE &&
	   tapi_call_mode_kind(TAPI_CALLSTATE_CONNECTED) ==
	   TAPI_FLAGS_CONNECTED_MODE, "mode kind of each state with modes");
	errno = 0;
	ok(tapi_call_mode_kind(TAPI_CALLSTATE_PROCEEDING) == -1 &&
	   errno == EINVAL, "no mode kind for proceeding: EINVAL");

	ok(streq(tapi_disconnect_mode_str(TAPI_DISCONNECTMODE_DONOTDISTURB),
		 "donotdisturb") && !tapi_disconnect_mode_str(0) &&
	   !tapi_disconnect_mode_str(1u << 20), "disconnect mode names");
	ok(streq(tapi_call_origin_str(TAPI_CALLORIGIN_INBOUND), "inbound") &&
	   streq(tapi_call_origin_str(TAPI_CALLORIGIN_UNKNOWN), "unknown") &&
	   !tapi_call_origin_str(1u << 3), "call origin names, no 0x8");
	ok(streq(tapi_call_reason_str(TAPI_CALLREASON_FWDNOANSWER),
		 "fwdnoanswer") && !tapi_call_reason_str(1u << 16),
	   "call reason names");
	ok(streq(tapi_transfer_mode_str(TAPI_TRANSFER_CONFERENCE),
		 "conference") &&
	   streq(tapi_transfer_mode_str(TAPI_TRANSFER_TRANSFER), "transfer") &&
	   !tapi_transfer_mode_str(TAPI_TRANSFER_VALID) &&
	   !tapi_transfer_mode_str(1u << 2), "transfer modes");
	ok(streq(tapi_party_kind_str(TAPI_PARTY_CALLER), "caller") &&
	   streq(tapi_party_kind_str(TAPI_PARTY_CALLED), "called") &&
	   streq(tapi_party_kind_str(TAPI_PARTY_CONNECTED), "connected") &&
	   streq(tapi_party_kind_str(TAPI_PARTY_REDIRECTING), "redirecting") &&
	   streq(tapi_party_kind_str(TAPI_PARTY_REDIRECTION), "redirection") &&
	   !tapi_party_kind_str(TAPI_PARTY_NUM_KINDS) &&
	   !tapi_party_kind_str((enum tapi_party_kind)-1), "party kinds");
	ok(streq(tapi_event_type_str(TAPI_EV_REPLY), "reply") &&
	   streq(tapi_event_type_str(TAPI_EV_NEWCALL), "newcall") &&
	   streq(tapi_event_type_str(TAPI_EV_ADDRESSSTATE), "addressstate") &&
	   streq(tapi_event_type_str(TAPI_EV_CALLINFO), "callinfo"),
	   "call event type names");

	tapi_flags_to_str(TAPI_FLAGS_CALLINFO, TAPI_CALLINFO_NUMOWNERS |
			  TAPI_CALLINFO_NUMMONITORS, buf, sizeof(buf));
	ok(streq(buf, "numowners|nummonitors"), "call info fields: '%s'", buf);
	tapi_flags_to_str(TAPI_FLAGS_PARTY_ID, TAPI_PARTYID_NAME |
			  TAPI_PARTYID_ADDRESS | (1u << 9), buf, sizeof(buf));
	ok(streq(buf, "name|address|0x200"), "party flags: '%s'", buf);
	ok(!tapi_flags_from_str(TAPI_FLAGS_ADDRESS_STATE, "InUseOne,numcalls",
				&f) &&
	   f == (TAPI_ADDRSTATE_INUSEONE | TAPI_ADDRSTATE_NUMCALLS),
	   "parse address state fields");
	ok(!tapi_flags_from_str(TAPI_FLAGS_CALL_STATE, "connected|idle", &f) &&
	   f == (TAPI_CALLSTATE_CONNECTED | TAPI_CALLSTATE_IDLE),
	   "parse call states");
	ok(tapi_flags_from_str(TAPI_FLAGS_CALL_STATE, "active", &f) == -1,
	   "a mode is not a state");
	ok(!tapi_flags_from_str(tapi_call_mode_kind(TAPI_CALLSTATE_CONNECTED),
				"activeheld", &f) &&
	   f == TAPI_CONNECTEDMODE_ACTIVEHELD, "parse a mode by its state");
	ok(streq(tapi_flag_str(TAPI_FLAGS_CORE_FEATURE, TAPI_FEATURE_CALLS),
		 "calls"), "core feature 'calls'");
}

static void test_service_names(void)
{
	char buf[64];
	uint64_t f;

	ok(streq(tapi_park_mode_str(TAPI_PARK_DIRECTED), "directed") &&
	   streq(tapi_park_mode_str(TAPI_PARK_NONDIRECTED), "nondirected") &&
	   !tapi_park_mode_str(0) && !tapi_park_mode_str(TAPI_PARK_VALID) &&
	   !tapi_park_mode_str(1u << 2), "park modes");
	ok(streq(tapi_forward_mode_str(TAPI_FORWARD_UNCOND), "uncond") &&
	   streq(tapi_forward_mode_str(TAPI_FORWARD_BUSY), "busy") &&
	   streq(tapi_forward_mode_str(TAPI_FORWARD_NOANSWER), "noanswer") &&
	   !tapi_forward_mode_str(0) &&
	   !tapi_forward_mode_str(TAPI_FORWARD_UNCOND | TAPI_FORWARD_BUSY) &&
	   !tapi_forward_mode_str(1u << 3), "forward modes");
	ok(streq(tapi_completion_mode_str(TAPI_COMPLETION_CAMPON), "campon") &&
	   streq(tapi_completion_mode_str(TAPI_COMPLETION_CALLBACK),
		 "callback") &&
	   !tapi_completion_mode_str(TAPI_COMPLETION_VALID) &&
	   !tapi_completion_mode_str(1u << 2), "completion modes");
	tapi_flags_to_str(TAPI_FLAGS_CALL_PARAM, TAPI_CALLPARAM_SECURE |
			  TAPI_CALLPARAM_BLOCKID | (1u << 5), buf, sizeof(buf));
	ok(streq(buf, "secure|blockid|0x20"), "call param flags: '%s'", buf);
	tapi_flags_to_str(TAPI_FLAGS_CALLINFO, TAPI_CALLINFO_CALLPARAMFLAGS |
			  TAPI_CALLINFO_USERUSERINFO, buf, sizeof(buf));
	ok(streq(buf, "callparamflags|useruserinfo"),
	   "call info fields of the services: '%s'", buf);
	ok(!tapi_flags_from_str(TAPI_FLAGS_FORWARD_MODE, "NoAnswer|uncond",
				&f) &&
	   f == (TAPI_FORWARD_NOANSWER | TAPI_FORWARD_UNCOND),
	   "parse forward modes");
	ok(!tapi_flags_from_str(TAPI_FLAGS_ADDRESS_STATE, "forward", &f) &&
	   f == TAPI_ADDRSTATE_FORWARD, "address state 'forward'");
	ok(streq(tapi_flag_str(TAPI_FLAGS_CORE_FEATURE,
			       TAPI_FEATURE_CALL_SERVICES), "call_services"),
	   "core feature 'call_services'");
}

static void test_call_params(void)
{
	struct tapi_call_params *p = tapi_call_params_new();

	ok(p != NULL, "call params allocated");
	if (!p)
		return;
	ok(tapi_call_params_get_address_id(p) == 0 &&
	   tapi_call_params_get_media_mode(p) == 0 &&
	   tapi_call_params_get_bearer_mode(p) == 0 &&
	   tapi_call_params_get_no_answer_timeout_ms(p) == 0 &&
	   !tapi_call_params_get_block_id(p), "call params defaults");

	tapi_call_params_set_address_id(p, 3);
	tapi_call_params_set_media_mode(p, TAPI_MEDIA_DATAMODEM);
	tapi_call_params_set_bearer_mode(p, TAPI_BEARER_DATA);
	tapi_call_params_set_no_answer_timeout_ms(p, 30000);
	tapi_call_params_set_block_id(p, true);
	ok(tapi_call_params_get_address_id(p) == 3 &&
	   tapi_call_params_get_media_mode(p) == TAPI_MEDIA_DATAMODEM &&
	   tapi_call_params_get_bearer_mode(p) == TAPI_BEARER_DATA &&
	   tapi_call_params_get_no_answer_timeout_ms(p) == 30000 &&
	   tapi_call_params_get_block_id(p), "call params setters");

	tapi_call_params_reset(p);
	ok(tapi_call_params_get_address_id(p) == 0 &&
	   tapi_call_params_get_media_mode(p) == 0 &&
	   tapi_call_params_get_no_answer_timeout_ms(p) == 0 &&
	   !tapi_call_params_get_block_id(p), "call params reset");
	tapi_call_params_free(p);
}

static char *json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	json_write_string(f, s);
	fclose(f);
	return buf;
}

static void check_json(const char *in, const char *want, const char *what)
{
	char *got = json_of(in);

	ok(streq(got, want), "json %s: %s", what, got);
	free(got);
}

static void test_json(void)
{
	struct json_writer w;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	check_json("plain", "\"plain\"", "plain");
	check_json("a\"b\\c", "\"a\\\"b\\\\c\"", "quote and backslash");
	check_json("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"", "short escapes");
	check_json("\x01\x1f", "\"\\u0001\\u001f\"", "control characters");
	check_json("\x7f/", "\"\x7f/\"", "DEL and slash pass");
	check_json("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e",
		   "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e\"",
		   "valid UTF-8 passes");
	check_json("a\xff" "b", "\"a\\ufffdb\"", "invalid byte replaced");
	check_json("\xc3", "\"\\ufffd\"", "truncated sequence at the end");
	check_json("\xc0\xaf", "\"\\ufffd\\ufffd\"", "overlong refused");
	check_json("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"",
		   "surrogate refused");
	check_json("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"",
		   "past U+10FFFF refused");
	check_json("", "\"\"", "empty string");

	f = open_memstream(&buf, &len);
	json_init(&w, f);
	json_begin_object(&w, NULL);
	json_begin_array(&w, "cards", false);
	json_begin_object(&w, NULL);
	json_string(&w, "name", "x");
	json_uint(&w, "n", 18446744073709551615ULL);
	json_bool(&w, "b", true);
	json_flags(&w, "media_modes", TAPI_FLAGS_MEDIA_MODE,
		   TAPI_MEDIA_INTERACTIVEVOICE | TAPI_MEDIA_AUTOMATEDVOICE |
		   (1u << 20));
	json_flags(&w, "empty", TAPI_FLAGS_MEDIA_MODE, 0);
	json_end_object(&w);
	json_end_array(&w);
	json_begin_array(&w, "none", false);
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
	fclose(f);
	ok(streq(buf,
		 "{\n"
		 "  \"cards\": [\n"
		 "    {\n"
		 "      \"name\": \"x\",\n"
		 "      \"n\": 18446744073709551615,\n"
		 "      \"b\": true,\n"
		 "      \"media_modes\": [\"interactivevoice\", \"automatedvoice\", \"0x100000\"],\n"
		 "      \"empty\": []\n"
		 "    }\n"
		 "  ],\n"
		 "  \"none\": []\n"
		 "}\n"), "json document layout");
	free(buf);
}

static void test_args(void)
{
	unsigned int line = 99, v;
	char *card = NULL;

	ok(!parse_line_spec("tapi0:3", &card, &line) &&
	   streq(card, "tapi0") && line == 3, "tapi0:3");
	free(card);
	card = NULL;
	ok(!parse_line_spec("/dev/tapi12:0", &card, &line) &&
	   streq(card, "/dev/tapi12") && line == 0, "/dev/tapi12:0");
	free(card);
	card = NULL;
	ok(!parse_line_spec("pbx:east:7", &card, &line) &&
	   streq(card, "pbx:east") && line == 7,
	   "a name with ':' splits at the last one");
	free(card);
	card = NULL;
	ok(parse_line_spec("tapi0", &card, &line) == -1 && !card,
	   "no ':' refused");
	ok(parse_line_spec(":1", &card, &line) == -1, "empty card refused");
	ok(parse_line_spec("tapi0:", &card, &line) == -1,
	   "empty line refused");
	ok(parse_line_spec("tapi0:-1", &card, &line) == -1,
	   "negative line refused");
	ok(parse_line_spec("tapi0:1x", &card, &line) == -1,
	   "junk after line refused");
	ok(parse_line_spec("tapi0: 1", &card, &line) == -1,
	   "space refused");
	ok(parse_line_spec("tapi0:4294967296", &card, &line) == -1,
	   "line out of range refused");
	ok(!parse_uint("4294967295", &v) && v == 4294967295u, "UINT_MAX");
	ok(parse_uint("+1", &v) == -1, "sign refused");
}

static void test_text(void)
{
	struct table t;
	char *row[3];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	ok(text_width("abc") == 3 && text_width("caf\xc3\xa9") == 4 &&
	   text_width("") == 0, "text width counts code points");

	row[0] = flags_to_alloc_str(TAPI_FLAGS_DIGIT_MODE, 0, "-");
	ok(streq(row[0], "-"), "empty flags use the placeholder");
	free(row[0]);
	row[0] = flags_to_alloc_str(TAPI_FLAGS_DIGIT_MODE,
				    TAPI_DIGITMODE_DTMF |
				    TAPI_DIGITMODE_DTMFEND, "-");
	ok(streq(row[0], "dtmf|dtmfend"), "flags string: %s", row[0]);
	free(row[0]);

	f = open_memstream(&buf, &len);
	table_init(&t, 3);
	row[0] = xstrdup("A");
	row[1] = xstrdup("NAME");
	row[2] = xstrdup("Z");
	table_add_row(&t, row);
	row[0] = xstrdup("10");
	row[1] = xstrdup("caf\xc3\xa9s");
	row[2] = xstrdup("last");
	table_add_row(&t, row);
	table_print(&t, f, "  ");
	table_free(&t);
	fclose(f);
	ok(streq(buf, "  A   NAME   Z\n  10  caf\xc3\xa9s  last\n"),
	   "table aligns by code points");
	free(buf);
}

static void test_settings(void)
{
	struct tapi_line_settings *s = tapi_line_settings_new();
	char name[TAPI_NAME_LEN + 1];

	ok(s != NULL, "settings allocated");
	if (!s)
		return;
	ok(tapi_line_settings_get_privileges(s) == TAPI_PRIV_NONE &&
	   tapi_line_settings_get_media_modes(s) == 0 &&
	   tapi_line_settings_get_event_queue_depth(s) == 0 &&
	   tapi_line_settings_get_event_mask(s) == 0 &&
	   !tapi_line_settings_get_nonblock(s) &&
	   streq(tapi_line_settings_get_app_name(s), ""),
	   "settings defaults");

	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_INTERACTIVEVOICE);
	tapi_line_settings_set_event_queue_depth(s, 100);
	tapi_line_settings_set_event_mask(s, 1ULL << TAPI_EV_CALLSTATE);
	tapi_line_settings_set_nonblock(s, true);
	ok(tapi_line_settings_get_privileges(s) == TAPI_PRIV_OWNER &&
	   tapi_line_settings_get_media_modes(s) ==
	   TAPI_MEDIA_INTERACTIVEVOICE &&
	   tapi_line_settings_get_event_queue_depth(s) == 100 &&
	   tapi_line_settings_get_event_mask(s) ==
	   1ULL << TAPI_EV_CALLSTATE &&
	   tapi_line_settings_get_nonblock(s), "settings setters");

	memset(name, 'a', TAPI_NAME_LEN - 1);
	name[TAPI_NAME_LEN - 1] = '\0';
	ok(!tapi_line_settings_set_app_name(s, name) &&
	   strlen(tapi_line_settings_get_app_name(s)) == TAPI_NAME_LEN - 1,
	   "app name of %d bytes fits", TAPI_NAME_LEN - 1);
	memset(name, 'b', TAPI_NAME_LEN);
	name[TAPI_NAME_LEN] = '\0';
	errno = 0;
	ok(tapi_line_settings_set_app_name(s, name) == -1 &&
	   errno == ENAMETOOLONG &&
	   tapi_line_settings_get_app_name(s)[0] == 'a',
	   "app name of %d bytes refused, old name kept", TAPI_NAME_LEN);
	ok(!tapi_line_settings_set_app_name(s, NULL) &&
	   streq(tapi_line_settings_get_app_name(s), ""),
	   "NULL app name clears it");

	tapi_line_settings_reset(s);
	ok(tapi_line_settings_get_privileges(s) == TAPI_PRIV_NONE &&
	   !tapi_line_settings_get_nonblock(s), "reset restores defaults");
	tapi_line_settings_free(s);
	tapi_line_settings_free(NULL);
}

static void test_buffers(void)
{
	struct tapi_event_buffer *b;

	b = tapi_event_buffer_new(0);
	ok(b && tapi_event_buffer_get_capacity(b) == TAPI_EVENT_BUFFER_DEFAULT,
	   "capacity 0 means the default");
	ok(b && tapi_event_buffer_get_num_events(b) == 0,
	   "a new buffer is empty");
	errno = 0;
	ok(b && !tapi_event_buffer_get(b, 0) && errno == EINVAL,
	   "no event 0 in an empty buffer");
	tapi_event_buffer_free(b);

	b = tapi_event_buffer_new(TAPI_EVENT_QUEUE_MAX * 4);
	ok(b && tapi_event_buffer_get_capacity(b) == TAPI_EVENT_QUEUE_MAX,
	   "capacity capped at TAPI_EVENT_QUEUE_MAX");
	tapi_event_buffer_free(b);
	tapi_event_buffer_free(NULL);

	/* Every release function accepts NULL. */
	tapi_card_close(NULL);
	tapi_card_list_free(NULL);
	tapi_core_info_free(NULL);
	tapi_line_info_free(NULL);
	tapi_address_info_free(NULL);
	tapi_line_close(NULL);
	tapi_line_status_free(NULL);
	tapi_line_event_free(NULL);
	tapi_call_params_free(NULL);
	tapi_line_call_info_free(NULL);
	tapi_line_call_status_free(NULL);
	tapi_line_address_status_free(NULL);
	ok(true, "release functions accept NULL");
}

static void test_open_errors(void)
{
	struct tapi_card *card;

	errno = 0;
	card = tapi_card_open(NULL);
	ok(!card && errno == EINVAL, "open NULL: EINVAL");
	errno = 0;
	card = tapi_card_open("");
	ok(!card && errno == EINVAL, "open '': EINVAL");
	errno = 0;
	card = tapi_card_open("/nonexistent/tapi0");
	ok(!card && errno == ENOENT, "open missing path: ENOENT");
	errno = 0;
	card = tapi_card_open("/dev/null");
	ok(!card && errno == ENOTTY, "open /dev/null: ENOTTY");
	errno = 0;
	card = tapi_card_open("/");
	ok(!card && errno == ENOTTY, "open a directory: ENOTTY");
	errno = 0;
	ok(!tapi_is_card_device("/dev/null") && errno == ENOTTY,
	   "/dev/null is not a card");
	ok(!tapi_is_card_device(NULL), "NULL is not a card");
	ok(streq(tapi_api_version(), LIBTAPI_VERSION), "api version %s",
	   tapi_api_version());
}

int main(void)
{
	printf("TAP version 13\n");
	test_names();
	test_flags_to_str();
	test_flags_from_str();
	test_call_names();
	test_service_names();
	test_call_params();
	test_json();
	test_args();
	test_text();
	test_settings();
	test_buffers();
	test_open_errors();
	return tap_done();
}
