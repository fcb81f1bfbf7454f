// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Names of the ABI's flags and values, to print and to parse.
 *
 * A name is the constant's name after its prefix, in lower case: they are
 * stable, scripts may rely on them.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

struct flag_name {
	uint64_t bit;
	const char *name;
};

#define FLAG(bit, name)	{ (bit), (name) }

static const struct flag_name media_modes[] = {
	FLAG(TAPI_MEDIA_UNKNOWN,		"unknown"),
	FLAG(TAPI_MEDIA_INTERACTIVEVOICE,	"interactivevoice"),
	FLAG(TAPI_MEDIA_AUTOMATEDVOICE,		"automatedvoice"),
	FLAG(TAPI_MEDIA_DATAMODEM,		"datamodem"),
	FLAG(TAPI_MEDIA_G3FAX,			"g3fax"),
	FLAG(TAPI_MEDIA_TDD,			"tdd"),
	FLAG(TAPI_MEDIA_G4FAX,			"g4fax"),
	FLAG(TAPI_MEDIA_DIGITALDATA,		"digitaldata"),
	FLAG(TAPI_MEDIA_TELETEX,		"teletex"),
	FLAG(TAPI_MEDIA_VIDEOTEX,		"videotex"),
	FLAG(TAPI_MEDIA_TELEX,			"telex"),
	FLAG(TAPI_MEDIA_MIXED,			"mixed"),
	FLAG(TAPI_MEDIA_ADSI,			"adsi"),
	FLAG(TAPI_MEDIA_VOICEVIEW,		"voiceview"),
	FLAG(TAPI_MEDIA_VIDEO,			"video"),
};

static const struct flag_name bearer_modes[] = {
	FLAG(TAPI_BEARER_VOICE,			"voice"),
	FLAG(TAPI_BEARER_SPEECH,		"speech"),
	FLAG(TAPI_BEARER_MULTIUSE,		"multiuse"),
	FLAG(TAPI_BEARER_DATA,			"data"),
	FLAG(TAPI_BEARER_ALTSPEECHDATA,		"altspeechdata"),
	FLAG(TAPI_BEARER_NONCALLSIGNALING,	"noncallsignaling"),
	FLAG(TAPI_BEARER_PASSTHROUGH,		"passthrough"),
	FLAG(TAPI_BEARER_RESTRICTEDDATA,	"restricteddata"),
};

static const struct flag_name line_features[] = {
	FLAG(TAPI_LINEFEATURE_MAKECALL,		"makecall"),
	FLAG(TAPI_LINEFEATURE_FORWARD,		"forward"),
	FLAG(TAPI_LINEFEATURE_SETMEDIACONTROL,	"setmediacontrol"),
	FLAG(TAPI_LINEFEATURE_SETDEVSTATUS,	"setdevstatus"),
	FLAG(TAPI_LINEFEATURE_DEVSPECIFIC,	"devspecific"),
};

static const struct flag_name address_features[] = {
	FLAG(TAPI_ADDRFEATURE_MAKECALL,		"makecall"),
	FLAG(TAPI_ADDRFEATURE_PICKUP,		"pickup"),
	FLAG(TAPI_ADDRFEATURE_UNPARK,		"unpark"),
	FLAG(TAPI_ADDRFEATURE_FORWARD,		"forward"),
	FLAG(TAPI_ADDRFEATURE_SETUPCONF,	"setupconf"),
};

static const struct flag_name call_features[] = {
	FLAG(TAPI_CALLFEATURE_ACCEPT,		"accept"),
	FLAG(TAPI_CALLFEATURE_ANSWER,		"answer"),
	FLAG(TAPI_CALLFEATURE_DIAL,		"dial"),
	FLAG(TAPI_CALLFEATURE_DROP,		"drop"),
	FLAG(TAPI_CALLFEATURE_HOLD,		"hold"),
	FLAG(TAPI_CALLFEATURE_UNHOLD,		"unhold"),
	FLAG(TAPI_CALLFEATURE_SWAPHOLD,		"swaphold"),
	FLAG(TAPI_CALLFEATURE_SETUPTRANSFER,	"setuptransfer"),
	FLAG(TAPI_CALLFEATURE_COMPLETETRANSF,	"completetransf"),
	FLAG(TAPI_CALLFEATURE_BLINDTRANSFER,	"blindtransfer"),
	FLAG(TAPI_CALLFEATURE_SETUPCONF,	"setupconf"),
	FLAG(TAPI_CALLFEATURE_PREPAREADDCONF,	"prepareaddconf"),
	FLAG(TAPI_CALLFEATURE_ADDTOCONF,	"addtoconf"),
	FLAG(TAPI_CALLFEATURE_REMOVEFROMCONF,	"removefromconf"),
	FLAG(TAPI_CALLFEATURE_REDIRECT,		"redirect"),
	FLAG(TAPI_CALLFEATURE_PARK,		"park"),
	FLAG(TAPI_CALLFEATURE_SECURECALL,	"securecall"),
	FLAG(TAPI_CALLFEATURE_SENDUSERUSER,	"senduseruser"),
	FLAG(TAPI_CALLFEATURE_COMPLETECALL,	"completecall"),
	FLAG(TAPI_CALLFEATURE_GENERATEDIGITS,	"generatedigits"),
	FLAG(TAPI_CALLFEATURE_GENERATETONE,	"generatetone"),
	FLAG(TAPI_CALLFEATURE_MONITORDIGITS,	"monitordigits"),
	FLAG(TAPI_CALLFEATURE_GATHERDIGITS,	"gatherdigits"),
	FLAG(TAPI_CALLFEATURE_MONITORTONES,	"monitortones"),
	FLAG(TAPI_CALLFEATURE_MONITORMEDIA,	"monitormedia"),
	FLAG(TAPI_CALLFEATURE_SETCALLPARAMS,	"setcallparams"),
};

static const struct flag_name digit_modes[] = {
	FLAG(TAPI_DIGITMODE_PULSE,		"pulse"),
	FLAG(TAPI_DIGITMODE_DTMF,		"dtmf"),
	FLAG(TAPI_DIGITMODE_DTMFEND,		"dtmfend"),
};

static const struct flag_name devcaps_flags[] = {
	FLAG(TAPI_DEVCAPS_CROSSADDRCONF,	"crossaddrconf"),
	FLAG(TAPI_DEVCAPS_HIGHLEVCOMP,		"highlevcomp"),
	FLAG(TAPI_DEVCAPS_LOWLEVCOMP,		"lowlevcomp"),
	FLAG(TAPI_DEVCAPS_MEDIACONTROL,		"mediacontrol"),
	FLAG(TAPI_DEVCAPS_MULTIPLEADDR,		"multipleaddr"),
	FLAG(TAPI_DEVCAPS_CLOSEDROP,		"closedrop"),
	FLAG(TAPI_DEVCAPS_DIALBILLING,		"dialbilling"),
	FLAG(TAPI_DEVCAPS_DIALQUIET,		"dialquiet"),
	FLAG(TAPI_DEVCAPS_DIALDIALTONE,		"dialdialtone"),
};

static const struct flag_name devstatus_flags[] = {
	FLAG(TAPI_DEVSTATUS_CONNECTED,		"connected"),
	FLAG(TAPI_DEVSTATUS_INSERVICE,		"inservice"),
	FLAG(TAPI_DEVSTATUS_MSGWAIT,		"msgwait"),
	FLAG(TAPI_DEVSTATUS_LOCKED,		"locked"),
};

static const struct flag_name privileges[] = {
	FLAG(TAPI_PRIV_NONE,			"none"),
	FLAG(TAPI_PRIV_MONITOR,			"monitor"),
	FLAG(TAPI_PRIV_OWNER,			"owner"),
};

static const struct flag_name core_features[] = {
	FLAG(TAPI_FEATURE_CARD_INFO,		"card_info"),
	FLAG(TAPI_FEATURE_LINE_CAPS,		"line_caps"),
	FLAG(TAPI_FEATURE_ADDRESS_CAPS,		"address_caps"),
	FLAG(TAPI_FEATURE_LINE_OPEN,		"line_open"),
	FLAG(TAPI_FEATURE_LINE_EVENTS,		"line_events"),
	FLAG(TAPI_FEATURE_LINE_STATUS,		"line_status"),
	FLAG(TAPI_FEATURE_CALLS,		"calls"),
	FLAG(TAPI_FEATURE_URING,		"uring"),
	FLAG(TAPI_FEATURE_MEDIA,		"media"),
	FLAG(TAPI_FEATURE_MEDIA_CONTROL,	"media_control"),
	FLAG(TAPI_FEATURE_MSP_DATA,		"msp_data"),
	FLAG(TAPI_FEATURE_SUPPLEMENTARY,	"supplementary"),
	FLAG(TAPI_FEATURE_CALL_SERVICES,	"call_services"),
};

static const struct flag_name call_states[] = {
	FLAG(TAPI_CALLSTATE_IDLE,		"idle"),
	FLAG(TAPI_CALLSTATE_OFFERING,		"offering"),
	FLAG(TAPI_CALLSTATE_ACCEPTED,		"accepted"),
	FLAG(TAPI_CALLSTATE_DIALTONE,		"dialtone"),
	FLAG(TAPI_CALLSTATE_DIALING,		"dialing"),
	FLAG(TAPI_CALLSTATE_RINGBACK,		"ringback"),
	FLAG(TAPI_CALLSTATE_BUSY,		"busy"),
	FLAG(TAPI_CALLSTATE_SPECIALINFO,	"specialinfo"),
	FLAG(TAPI_CALLSTATE_CONNECTED,		"connected"),
	FLAG(TAPI_CALLSTATE_PROCEEDING,		"proceeding"),
	FLAG(TAPI_CALLSTATE_ONHOLD,		"onhold"),
	FLAG(TAPI_CALLSTATE_CONFERENCED,	"conferenced"),
	FLAG(TAPI_CALLSTATE_ONHOLDPENDCONF,	"onholdpendconf"),
	FLAG(TAPI_CALLSTATE_ONHOLDPENDTRANSFER,	"onholdpendtransfer"),
	FLAG(TAPI_CALLSTATE_DISCONNECTED,	"disconnected"),
	FLAG(TAPI_CALLSTATE_UNKNOWN,		"unknown"),
};

static const struct flag_name busy_modes[] = {
	FLAG(TAPI_BUSYMODE_STATION,		"station"),
	FLAG(TAPI_BUSYMODE_TRUNK,		"trunk"),
	FLAG(TAPI_BUSYMODE_UNKNOWN,		"unknown"),
	FLAG(TAPI_BUSYMODE_UNAVAIL,		"unavail"),
};

static const struct flag_name dialtone_modes[] = {
	FLAG(TAPI_DIALTONEMODE_NORMAL,		"normal"),
	FLAG(TAPI_DIALTONEMODE_SPECIAL,		"special"),
	FLAG(TAPI_DIALTONEMODE_INTERNAL,	"internal"),
	FLAG(TAPI_DIALTONEMODE_EXTERNAL,	"external"),
	FLAG(TAPI_DIALTONEMODE_UNKNOWN,		"unknown"),
	FLAG(TAPI_DIALTONEMODE_UNAVAIL,		"unavail"),
};

static const struct flag_name offering_modes[] = {
	FLAG(TAPI_OFFERINGMODE_ACTIVE,		"active"),
	FLAG(TAPI_OFFERINGMODE_INACTIVE,	"inactive"),
};

static const struct flag_name specialinfo_modes[] = {
	FLAG(TAPI_SPECIALINFO_NOCIRCUIT,	"nocircuit"),
	FLAG(TAPI_SPECIALINFO_CUSTIRREG,	"custirreg"),
	FLAG(TAPI_SPECIALINFO_REORDER,		"reorder"),
	FLAG(TAPI_SPECIALINFO_UNKNOWN,		"unknown"),
	FLAG(TAPI_SPECIALINFO_UNAVAIL,		"unavail"),
};

static const struct flag_name connected_modes[] = {
	FLAG(TAPI_CONNECTEDMODE_ACTIVE,		"active"),
	FLAG(TAPI_CONNECTEDMODE_INACTIVE,	"inactive"),
	FLAG(TAPI_CONNECTEDMODE_ACTIVEHELD,	"activeheld"),
	FLAG(TAPI_CONNECTEDMODE_INACTIVEHELD,	"inactiveheld"),
	FLAG(TAPI_CONNECTEDMODE_CONFIRMED,	"confirmed"),
};

static const struct flag_name disconnect_modes[] = {
	FLAG(TAPI_DISCONNECTMODE_NORMAL,	"normal"),
	FLAG(TAPI_DISCONNECTMODE_UNKNOWN,	"unknown"),
	FLAG(TAPI_DISCONNECTMODE_REJECT,	"reject"),
	FLAG(TAPI_DISCONNECTMODE_PICKUP,	"pickup"),
	FLAG(TAPI_DISCONNECTMODE_FORWARDED,	"forwarded"),
	FLAG(TAPI_DISCONNECTMODE_BUSY,		"busy"),
	FLAG(TAPI_DISCONNECTMODE_NOANSWER,	"noanswer"),
	FLAG(TAPI_DISCONNECTMODE_BADADDRESS,	"badaddress"),
	FLAG(TAPI_DISCONNECTMODE_UNREACHABLE,	"unreachable"),
	FLAG(TAPI_DISCONNECTMODE_CONGESTION,	"congestion"),
	FLAG(TAPI_DISCONNECTMODE_INCOMPATIBLE,	"incompatible"),
	FLAG(TAPI_DISCONNECTMODE_UNAVAIL,	"unavail"),
	FLAG(TAPI_DISCONNECTMODE_NODIALTONE,	"nodialtone"),
	FLAG(TAPI_DISCONNECTMODE_NUMBERCHANGED,	"numberchanged"),
	FLAG(TAPI_DISCONNECTMODE_OUTOFORDER,	"outoforder"),
	FLAG(TAPI_DISCONNECTMODE_TEMPFAILURE,	"tempfailure"),
	FLAG(TAPI_DISCONNECTMODE_QOSUNAVAIL,	"qosunavail"),
	FLAG(TAPI_DISCONNECTMODE_BLOCKED,	"blocked"),
	FLAG(TAPI_DISCONNECTMODE_DONOTDISTURB,	"donotdisturb"),
	FLAG(TAPI_DISCONNECTMODE_CANCELLED,	"cancelled"),
};

static const struct flag_name call_origins[] = {
	FLAG(TAPI_CALLORIGIN_OUTBOUND,		"outbound"),
	FLAG(TAPI_CALLORIGIN_INTERNAL,		"internal"),
	FLAG(TAPI_CALLORIGIN_EXTERNAL,		"external"),
	FLAG(TAPI_CALLORIGIN_UNKNOWN,		"unknown"),
	FLAG(TAPI_CALLORIGIN_UNAVAIL,		"unavail"),
	FLAG(TAPI_CALLORIGIN_CONFERENCE,	"conference"),
	FLAG(TAPI_CALLORIGIN_INBOUND,		"inbound"),
};

static const struct flag_name call_reasons[] = {
	FLAG(TAPI_CALLREASON_DIRECT,		"direct"),
	FLAG(TAPI_CALLREASON_FWDBUSY,		"fwdbusy"),
	FLAG(TAPI_CALLREASON_FWDNOANSWER,	"fwdnoanswer"),
	FLAG(TAPI_CALLREASON_FWDUNCOND,		"fwduncond"),
	FLAG(TAPI_CALLREASON_PICKUP,		"pickup"),
	FLAG(TAPI_CALLREASON_UNPARK,		"unpark"),
	FLAG(TAPI_CALLREASON_REDIRECT,		"redirect"),
	FLAG(TAPI_CALLREASON_CALLCOMPLETION,	"callcompletion"),
	FLAG(TAPI_CALLREASON_TRANSFER,		"transfer"),
	FLAG(TAPI_CALLREASON_REMINDER,		"reminder"),
	FLAG(TAPI_CALLREASON_UNKNOWN,		"unknown"),
	FLAG(TAPI_CALLREASON_UNAVAIL,		"unavail"),
	FLAG(TAPI_CALLREASON_INTRUDE,		"intrude"),
	FLAG(TAPI_CALLREASON_PARKED,		"parked"),
	FLAG(TAPI_CALLREASON_CAMPEDON,		"campedon"),
	FLAG(TAPI_CALLREASON_ROUTEREQUEST,	"routerequest"),
};

static const struct flag_name party_flags[] = {
	FLAG(TAPI_PARTYID_BLOCKED,		"blocked"),
	FLAG(TAPI_PARTYID_OUTOFAREA,		"outofarea"),
	FLAG(TAPI_PARTYID_NAME,			"name"),
	FLAG(TAPI_PARTYID_ADDRESS,		"address"),
	FLAG(TAPI_PARTYID_PARTIAL,		"partial"),
	FLAG(TAPI_PARTYID_UNKNOWN,		"unknown"),
	FLAG(TAPI_PARTYID_UNAVAIL,		"unavail"),
};

static const struct flag_name callinfo_fields[] = {
	FLAG(TAPI_CALLINFO_MEDIAMODE,		"mediamode"),
	FLAG(TAPI_CALLINFO_BEARERMODE,		"bearermode"),
	FLAG(TAPI_CALLINFO_ORIGIN,		"origin"),
	FLAG(TAPI_CALLINFO_REASON,		"reason"),
	FLAG(TAPI_CALLINFO_RELATEDCALLID,	"relatedcallid"),
	FLAG(TAPI_CALLINFO_NUMOWNERS,		"numowners"),
	FLAG(TAPI_CALLINFO_NUMMONITORS,		"nummonitors"),
	FLAG(TAPI_CALLINFO_CALLERID,		"callerid"),
	FLAG(TAPI_CALLINFO_CALLEDID,		"calledid"),
	FLAG(TAPI_CALLINFO_CONNECTEDID,		"connectedid"),
	FLAG(TAPI_CALLINFO_REDIRECTINGID,	"redirectingid"),
	FLAG(TAPI_CALLINFO_REDIRECTIONID,	"redirectionid"),
	FLAG(TAPI_CALLINFO_CALLPARAMFLAGS,	"callparamflags"),
	FLAG(TAPI_CALLINFO_COMPLETIONID,	"completionid"),
	FLAG(TAPI_CALLINFO_USERUSERINFO,	"useruserinfo"),
};

static const struct flag_name addrstate_fields[] = {
	FLAG(TAPI_ADDRSTATE_INUSEZERO,		"inusezero"),
	FLAG(TAPI_ADDRSTATE_INUSEONE,		"inuseone"),
	FLAG(TAPI_ADDRSTATE_INUSEMANY,		"inusemany"),
	FLAG(TAPI_ADDRSTATE_NUMCALLS,		"numcalls"),
	FLAG(TAPI_ADDRSTATE_FORWARD,		"forward"),
};

static const struct flag_name transfer_modes[] = {
	FLAG(TAPI_TRANSFER_TRANSFER,		"transfer"),
	FLAG(TAPI_TRANSFER_CONFERENCE,		"conference"),
};

static const struct flag_name park_modes[] = {
	FLAG(TAPI_PARK_DIRECTED,		"directed"),
	FLAG(TAPI_PARK_NONDIRECTED,		"nondirected"),
};

static const struct flag_name forward_modes[] = {
	FLAG(TAPI_FORWARD_UNCOND,		"uncond"),
	FLAG(TAPI_FORWARD_BUSY,			"busy"),
	FLAG(TAPI_FORWARD_NOANSWER,		"noanswer"),
};

static const struct flag_name completion_modes[] = {
	FLAG(TAPI_COMPLETION_CAMPON,		"campon"),
	FLAG(TAPI_COMPLETION_CALLBACK,		"callback"),
};

static const struct flag_name call_params[] = {
	FLAG(TAPI_CALLPARAM_SECURE,		"secure"),
	FLAG(TAPI_CALLPARAM_BLOCKID,		"blockid"),
};

#define EV(type, name)	FLAG(1ULL << (type), (name))

static const struct flag_name event_types[] = {
	EV(TAPI_EV_REPLY,			"reply"),
	EV(TAPI_EV_CALLSTATE,			"callstate"),
	EV(TAPI_EV_CALLINFO,			"callinfo"),
	EV(TAPI_EV_NEWCALL,			"newcall"),
	EV(TAPI_EV_LINEDEVSTATE,		"linedevstate"),
	EV(TAPI_EV_ADDRESSSTATE,		"addressstate"),
	EV(TAPI_EV_GENERATE,			"generate"),
	EV(TAPI_EV_MONITORDIGITS,		"monitordigits"),
	EV(TAPI_EV_GATHERDIGITS,		"gatherdigits"),
	EV(TAPI_EV_MONITORTONE,			"monitortone"),
	EV(TAPI_EV_MONITORMEDIA,		"monitormedia"),
	EV(TAPI_EV_DEVSPECIFIC,			"devspecific"),
	EV(TAPI_EV_MSPDATA,			"mspdata"),
	EV(TAPI_EV_CLOSE,			"close"),
	EV(TAPI_EV_REMOVED,			"removed"),
	EV(TAPI_EV_OVERFLOW,			"overflow"),
	EV(TAPI_EV_MEDIA,			"media"),
};

struct flag_table {
	const struct flag_name *names;
	size_t num;
};

#define TABLE(t)	{ (t), ARRAY_SIZE(t) }

static const struct flag_table flag_tables[] = {
	[TAPI_FLAGS_MEDIA_MODE]		= TABLE(media_modes),
	[TAPI_FLAGS_BEARER_MODE]	= TABLE(bearer_modes),
	[TAPI_FLAGS_LINE_FEATURE]	= TABLE(line_features),
	[TAPI_FLAGS_ADDRESS_FEATURE]	= TABLE(address_features),
	[TAPI_FLAGS_CALL_FEATURE]	= TABLE(call_features),
	[TAPI_FLAGS_DIGIT_MODE]		= TABLE(digit_modes),
	[TAPI_FLAGS_DEVCAPS]		= TABLE(devcaps_flags),
	[TAPI_FLAGS_DEVSTATUS]		= TABLE(devstatus_flags),
	[TAPI_FLAGS_PRIVILEGE]		= TABLE(privileges),
	[TAPI_FLAGS_CORE_FEATURE]	= TABLE(core_features),
	[TAPI_FLAGS_EVENT_MASK]		= TABLE(event_types),
	[TAPI_FLAGS_CALL_STATE]		= TABLE(call_states),
	[TAPI_FLAGS_BUSY_MODE]		= TABLE(busy_modes),
	[TAPI_FLAGS_DIALTONE_MODE]	= TABLE(dialtone_modes),
	[TAPI_FLAGS_OFFERING_MODE]	= TABLE(offering_modes),
	[TAPI_FLAGS_SPECIALINFO_MODE]	= TABLE(specialinfo_modes),
	[TAPI_FLAGS_CONNECTED_MODE]	= TABLE(connected_modes),
	[TAPI_FLAGS_DISCONNECT_MODE]	= TABLE(disconnect_modes),
	[TAPI_FLAGS_CALL_ORIGIN]	= TABLE(call_origins),
	[TAPI_FLAGS_CALL_REASON]	= TABLE(call_reasons),
	[TAPI_FLAGS_PARTY_ID]		= TABLE(party_flags),
	[TAPI_FLAGS_CALLINFO]		= TABLE(callinfo_fields),
	[TAPI_FLAGS_ADDRESS_STATE]	= TABLE(addrstate_fields),
	[TAPI_FLAGS_TRANSFER_MODE]	= TABLE(transfer_modes),
	[TAPI_FLAGS_PARK_MODE]		= TABLE(park_modes),
	[TAPI_FLAGS_FORWARD_MODE]	= TABLE(forward_modes),
	[TAPI_FLAGS_COMPLETION_MODE]	= TABLE(completion_modes),
	[TAPI_FLAGS_CALL_PARAM]		= TABLE(call_params),
};

_Static_assert(ARRAY_SIZE(flag_tables) == TAPI_FLAGS_NUM_KINDS,
	       "a flag kind without a table");

static const struct flag_table *get_table(enum tapi_flag_kind kind)
{
	if ((unsigned int)kind >= ARRAY_SIZE(flag_tables))
		return NULL;
	return &flag_tables[kind];
}

static const char *table_lookup(const struct flag_table *t, uint64_t bit)
{
	size_t i;

	for (i = 0; i < t->num; i++)
		if (t->names[i].bit == bit)
			return t->names[i].name;
	return NULL;
}

TAPI_API const char *tapi_flag_str(enum tapi_flag_kind kind, uint64_t bit)
{
	const struct flag_table *t = get_table(kind);

	return t ? table_lookup(t, bit) : NULL;
}

/* Append to a snprintf()-style buffer, keeping count of the full length. */
static void append(char *buf, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len < size) {
		size_t room = size - *len - 1;

		memcpy(buf + *len, s, n < room ? n : room);
	}
	*len += n;
}

TAPI_API int tapi_flags_to_str(enum tapi_flag_kind kind, uint64_t flags,
			       char *buf, size_t size)
{
	const struct flag_table *t = get_table(kind);
	size_t len = 0, i;
	char hex[2 + 16 + 1];

	if (!t || (!buf && size)) {
		errno = EINVAL;
		return -1;
	}

	for (i = 0; i < t->num; i++) {
		if (!(flags & t->names[i].bit))
			continue;
		if (len)
			append(buf, size, &len, "|");
		append(buf, size, &len, t->names[i].name);
		flags &= ~t->names[i].bit;
	}
	if (flags) {
		snprintf(hex, sizeof(hex), "0x%" PRIx64, flags);
		if (len)
			append(buf, size, &len, "|");
		append(buf, size, &len, hex);
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	if (len > INT32_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return len;
}

/* Parse one element: a name of the table or a number. */
static int parse_element(const struct flag_table *t, const char *s, size_t n,
			 uint64_t *bits)
{
	unsigned long long val;
	char num[24];
	char *end;
	size_t i;

	for (i = 0; i < t->num; i++) {
		const char *name = t->names[i].name;

		if (strlen(name) == n && !strncasecmp(name, s, n)) {
			*bits = t->names[i].bit;
			return 0;
		}
	}

	if (!n || n >= sizeof(num) || !isdigit((unsigned char)s[0]))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	errno = 0;
	val = strtoull(num, &end, 0);
	if (errno || *end)
		return -1;
	*bits = val;
	return 0;
}

TAPI_API int tapi_flags_from_str(enum tapi_flag_kind kind, const char *str,
				 uint64_t *flags)
{
	const struct flag_table *t = get_table(kind);
	uint64_t result = 0, bits;
	const char *p, *end;

	if (!t || !str || !flags) {
		errno = EINVAL;
		return -1;
	}

	for (p = str; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "|,");
		if (parse_element(t, p, end - p, &bits)) {
			errno = EINVAL;
			return -1;
		}
		result |= bits;
		/* A trailing separator leaves an empty last element. */
		if (*end && !end[1]) {
			errno = EINVAL;
			return -1;
		}
	}
	*flags = result;
	return 0;
}

TAPI_API const char *tapi_media_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_MEDIA_MODE, mode);
}

TAPI_API const char *tapi_bearer_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_BEARER_MODE, mode);
}

TAPI_API const char *tapi_privilege_str(uint32_t privilege)
{
	return tapi_flag_str(TAPI_FLAGS_PRIVILEGE, privilege);
}

TAPI_API const char *tapi_event_type_str(unsigned int type)
{
	if (type >= 64)
		return NULL;
	return tapi_flag_str(TAPI_FLAGS_EVENT_MASK, 1ULL << type);
}

TAPI_API const char *tapi_close_reason_str(unsigned int reason)
{
	switch (reason) {
	case TAPI_CLOSE_REMOVED:
		return "removed";
	case TAPI_CLOSE_FORCED:
		return "forced";
	default:
		return NULL;
	}
}

TAPI_API const char *tapi_call_state_str(uint32_t state)
{
	return tapi_flag_str(TAPI_FLAGS_CALL_STATE, state);
}

TAPI_API int tapi_call_mode_kind(uint32_t state)
{
	switch (state) {
	case TAPI_CALLSTATE_BUSY:
		return TAPI_FLAGS_BUSY_MODE;
	case TAPI_CALLSTATE_DIALTONE:
		return TAPI_FLAGS_DIALTONE_MODE;
	case TAPI_CALLSTATE_OFFERING:
		return TAPI_FLAGS_OFFERING_MODE;
	case TAPI_CALLSTATE_SPECIALINFO:
		return TAPI_FLAGS_SPECIALINFO_MODE;
	case TAPI_CALLSTATE_CONNECTED:
		return TAPI_FLAGS_CONNECTED_MODE;
	case TAPI_CALLSTATE_DISCONNECTED:
		return TAPI_FLAGS_DISCONNECT_MODE;
	default:
		errno = EINVAL;
		return -1;
	}
}

TAPI_API const char *tapi_call_mode_str(uint32_t state, uint32_t mode)
{
	int kind = tapi_call_mode_kind(state);

	return kind < 0 ? NULL : tapi_flag_str(kind, mode);
}

TAPI_API const char *tapi_disconnect_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_DISCONNECT_MODE, mode);
}

TAPI_API const char *tapi_call_origin_str(uint32_t origin)
{
	return tapi_flag_str(TAPI_FLAGS_CALL_ORIGIN, origin);
}

TAPI_API const char *tapi_call_reason_str(uint32_t reason)
{
	return tapi_flag_str(TAPI_FLAGS_CALL_REASON, reason);
}

TAPI_API const char *tapi_transfer_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_TRANSFER_MODE, mode);
}

TAPI_API const char *tapi_park_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_PARK_MODE, mode);
}

TAPI_API const char *tapi_forward_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_FORWARD_MODE, mode);
}

TAPI_API const char *tapi_completion_mode_str(uint32_t mode)
{
	return tapi_flag_str(TAPI_FLAGS_COMPLETION_MODE, mode);
}

TAPI_API const char *tapi_party_kind_str(enum tapi_party_kind party)
{
	switch (party) {
	case TAPI_PARTY_CALLER:
		return "caller";
	case TAPI_PARTY_CALLED:
		return "called";
	case TAPI_PARTY_CONNECTED:
		return "connected";
	case TAPI_PARTY_REDIRECTING:
		return "redirecting";
	case TAPI_PARTY_REDIRECTION:
		return "redirection";
	default:
		return NULL;
	}
}
