/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * tapi: the telephony API user ABI.
 *
 * Cards appear as /dev/tapiN.  Opening a line of a card returns a line fd
 * (anonymous inode "tapi-line") from which fixed-size event records are read.
 */
#ifndef _UAPI_LINUX_TAPI_H
#define _UAPI_LINUX_TAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: General ioctl format
 *
 * Every ioctl is ``_IO(TAPI_IOC_TYPE, nr)``; its argument is a pointer to a
 * structure whose first two fields are ``__u32 size`` (the size of the
 * structure as user space knows it) and ``__u32 flags``.  The same command
 * numbers are used for io_uring ``IORING_OP_URING_CMD`` (``cmd_op``).
 *
 * A structure grows only at its end.  The kernel accepts any size from the
 * command's minimum (the end of its last field in ABI version 1) upwards:
 * a shorter size than it knows gets the missing fields as zero, a longer size
 * is accepted when every byte past what the kernel knows is zero.  Output is
 * written back only up to the size given.
 *
 * Every ``reserved`` field must be zero on input and is zeroed on output.
 * Every flags field has a ``..._VALID`` mask listing the bits defined.
 *
 * Errors, the same for every command:
 *
 * ============  ==========================================================
 * EFAULT        the argument or a pointer in it is not readable/writable
 * EINVAL        size smaller than the command's minimum; a reserved field
 *               is not zero; contradictory flags; a value out of range
 * E2BIG         size larger than the kernel knows and the extra bytes are
 *               not all zero
 * EOPNOTSUPP    a flag bit the kernel does not define; a capability this
 *               card, line or address does not have
 * ENOTTY        unknown command, or a command issued on the wrong kind of fd
 * ENOENT        no such line, address (or, later, call handle) on this card
 * ENODEV        the card has been removed; the fd is dead and can only be
 *               closed (read() first returns the queued events, ending with
 *               %TAPI_EV_REMOVED)
 * EPERM         the line fd lacks the privilege the operation needs
 * ENOMEM        the kernel could not allocate what the command needs
 * ============  ==========================================================
 */

/*
 * Free in Documentation/userspace-api/ioctl/ioctl-number.rst (6.1); 0xB8,
 * also free there, is taken by later kernels' /dev/mshv.
 */
#define TAPI_IOC_TYPE		0xD5

/* ABI version reported by %TAPI_IOC_GET_FEATURES. */
#define TAPI_ABI_VERSION	1

/* Lengths of the fixed strings in the structures below (NUL-terminated). */
#define TAPI_NAME_LEN		32
#define TAPI_LINE_NAME_LEN	64
#define TAPI_ADDRESS_LEN	64

/* Kernel limits, also reported in struct tapi_features. */
#define TAPI_MAX_LINES		1024
#define TAPI_MAX_ADDRESSES	16
#define TAPI_EVENT_QUEUE_DEFAULT 256
#define TAPI_EVENT_QUEUE_MAX	8192

/**
 * enum tapi_media_mode - media modes (TAPI's LINEMEDIAMODE_*), as bits
 * @TAPI_MEDIA_UNKNOWN: media of the call not yet determined
 * @TAPI_MEDIA_INTERACTIVEVOICE: a person talks to a person
 * @TAPI_MEDIA_AUTOMATEDVOICE: voice played or recorded by a machine (IVR)
 * @TAPI_MEDIA_DATAMODEM: data modem
 * @TAPI_MEDIA_G3FAX: group 3 fax
 * @TAPI_MEDIA_TDD: telephony device for the deaf
 * @TAPI_MEDIA_G4FAX: group 4 fax
 * @TAPI_MEDIA_DIGITALDATA: unformatted digital data
 * @TAPI_MEDIA_TELETEX: teletex
 * @TAPI_MEDIA_VIDEOTEX: videotex
 * @TAPI_MEDIA_TELEX: telex
 * @TAPI_MEDIA_MIXED: ISDN mixed mode
 * @TAPI_MEDIA_ADSI: analog display services interface
 * @TAPI_MEDIA_VOICEVIEW: voice and data
 * @TAPI_MEDIA_VIDEO: video
 * @TAPI_MEDIA_VALID: every media mode bit defined
 */
enum tapi_media_mode {
	TAPI_MEDIA_UNKNOWN		= 1 << 0,
	TAPI_MEDIA_INTERACTIVEVOICE	= 1 << 1,
	TAPI_MEDIA_AUTOMATEDVOICE	= 1 << 2,
	TAPI_MEDIA_DATAMODEM		= 1 << 3,
	TAPI_MEDIA_G3FAX		= 1 << 4,
	TAPI_MEDIA_TDD			= 1 << 5,
	TAPI_MEDIA_G4FAX		= 1 << 6,
	TAPI_MEDIA_DIGITALDATA		= 1 << 7,
	TAPI_MEDIA_TELETEX		= 1 << 8,
	TAPI_MEDIA_VIDEOTEX		= 1 << 9,
	TAPI_MEDIA_TELEX		= 1 << 10,
	TAPI_MEDIA_MIXED		= 1 << 11,
	TAPI_MEDIA_ADSI			= 1 << 12,
	TAPI_MEDIA_VOICEVIEW		= 1 << 13,
	TAPI_MEDIA_VIDEO		= 1 << 14,
	TAPI_MEDIA_VALID		= (1 << 15) - 1,
};

/**
 * enum tapi_bearer_mode - bearer modes (TAPI's LINEBEARERMODE_*), as bits
 * @TAPI_BEARER_VOICE: regular 3.1 kHz analog voice grade
 * @TAPI_BEARER_SPEECH: G.711 speech transmission on the call
 * @TAPI_BEARER_MULTIUSE: ISDN multiple use
 * @TAPI_BEARER_DATA: unrestricted data transfer
 * @TAPI_BEARER_ALTSPEECHDATA: alternate speech and data
 * @TAPI_BEARER_NONCALLSIGNALING: non-call-associated signalling
 * @TAPI_BEARER_PASSTHROUGH: the TSP passes the bearer through untouched
 * @TAPI_BEARER_RESTRICTEDDATA: restricted data transfer
 * @TAPI_BEARER_VALID: every bearer mode bit defined
 */
enum tapi_bearer_mode {
	TAPI_BEARER_VOICE		= 1 << 0,
	TAPI_BEARER_SPEECH		= 1 << 1,
	TAPI_BEARER_MULTIUSE		= 1 << 2,
	TAPI_BEARER_DATA		= 1 << 3,
	TAPI_BEARER_ALTSPEECHDATA	= 1 << 4,
	TAPI_BEARER_NONCALLSIGNALING	= 1 << 5,
	TAPI_BEARER_PASSTHROUGH		= 1 << 6,
	TAPI_BEARER_RESTRICTEDDATA	= 1 << 7,
	TAPI_BEARER_VALID		= (1 << 8) - 1,
};

/**
 * enum tapi_line_feature - line operations a line supports (LINEFEATURE_*)
 * @TAPI_LINEFEATURE_MAKECALL: calls can be placed on the line
 * @TAPI_LINEFEATURE_FORWARD: the line's addresses can be forwarded
 * @TAPI_LINEFEATURE_SETMEDIACONTROL: media control can be set on the line
 * @TAPI_LINEFEATURE_SETDEVSTATUS: device status can be set
 * @TAPI_LINEFEATURE_DEVSPECIFIC: device-specific requests are understood
 * @TAPI_LINEFEATURE_VALID: every line feature bit defined
 */
enum tapi_line_feature {
	TAPI_LINEFEATURE_MAKECALL	= 1 << 0,
	TAPI_LINEFEATURE_FORWARD	= 1 << 1,
	TAPI_LINEFEATURE_SETMEDIACONTROL = 1 << 2,
	TAPI_LINEFEATURE_SETDEVSTATUS	= 1 << 3,
	TAPI_LINEFEATURE_DEVSPECIFIC	= 1 << 4,
	TAPI_LINEFEATURE_VALID		= (1 << 5) - 1,
};

/**
 * enum tapi_address_feature - address operations (LINEADDRFEATURE_*)
 * @TAPI_ADDRFEATURE_MAKECALL: calls can be placed on the address
 * @TAPI_ADDRFEATURE_PICKUP: alerting calls elsewhere can be picked up
 * @TAPI_ADDRFEATURE_UNPARK: parked calls can be retrieved
 * @TAPI_ADDRFEATURE_FORWARD: the address can be forwarded
 * @TAPI_ADDRFEATURE_SETUPCONF: conference calls can be set up
 * @TAPI_ADDRFEATURE_VALID: every address feature bit defined
 */
enum tapi_address_feature {
	TAPI_ADDRFEATURE_MAKECALL	= 1 << 0,
	TAPI_ADDRFEATURE_PICKUP		= 1 << 1,
	TAPI_ADDRFEATURE_UNPARK		= 1 << 2,
	TAPI_ADDRFEATURE_FORWARD	= 1 << 3,
	TAPI_ADDRFEATURE_SETUPCONF	= 1 << 4,
	TAPI_ADDRFEATURE_VALID		= (1 << 5) - 1,
};

/**
 * enum tapi_call_feature - call operations (LINECALLFEATURE_*), as bits
 * @TAPI_CALLFEATURE_ACCEPT: accept an offering call
 * @TAPI_CALLFEATURE_ANSWER: answer an offering or accepted call
 * @TAPI_CALLFEATURE_DIAL: dial more digits
 * @TAPI_CALLFEATURE_DROP: drop the call
 * @TAPI_CALLFEATURE_HOLD: put the call on hold
 * @TAPI_CALLFEATURE_UNHOLD: retrieve a held call
 * @TAPI_CALLFEATURE_SWAPHOLD: swap the active and the held call
 * @TAPI_CALLFEATURE_SETUPTRANSFER: start a consultation transfer
 * @TAPI_CALLFEATURE_COMPLETETRANSF: complete a transfer or make a conference
 * @TAPI_CALLFEATURE_BLINDTRANSFER: single-step transfer
 * @TAPI_CALLFEATURE_SETUPCONF: set up a conference
 * @TAPI_CALLFEATURE_PREPAREADDCONF: prepare a call to be added to a conference
 * @TAPI_CALLFEATURE_ADDTOCONF: add a call to a conference
 * @TAPI_CALLFEATURE_REMOVEFROMCONF: remove a call from a conference
 * @TAPI_CALLFEATURE_REDIRECT: deflect an offering call
 * @TAPI_CALLFEATURE_PARK: park the call
 * @TAPI_CALLFEATURE_SECURECALL: secure the call from interruptions
 * @TAPI_CALLFEATURE_SENDUSERUSER: send user-user information
 * @TAPI_CALLFEATURE_COMPLETECALL: call completion (camp-on, call back)
 * @TAPI_CALLFEATURE_GENERATEDIGITS: generate digits on the call
 * @TAPI_CALLFEATURE_GENERATETONE: generate tones on the call
 * @TAPI_CALLFEATURE_MONITORDIGITS: monitor digits on the call
 * @TAPI_CALLFEATURE_GATHERDIGITS: gather digits on the call
 * @TAPI_CALLFEATURE_MONITORTONES: monitor tones on the call
 * @TAPI_CALLFEATURE_MONITORMEDIA: monitor media modes on the call
 * @TAPI_CALLFEATURE_SETCALLPARAMS: change bearer or media parameters
 * @TAPI_CALLFEATURE_VALID: every call feature bit defined
 */
enum tapi_call_feature {
	TAPI_CALLFEATURE_ACCEPT		= 1 << 0,
	TAPI_CALLFEATURE_ANSWER		= 1 << 1,
	TAPI_CALLFEATURE_DIAL		= 1 << 2,
	TAPI_CALLFEATURE_DROP		= 1 << 3,
	TAPI_CALLFEATURE_HOLD		= 1 << 4,
	TAPI_CALLFEATURE_UNHOLD		= 1 << 5,
	TAPI_CALLFEATURE_SWAPHOLD	= 1 << 6,
	TAPI_CALLFEATURE_SETUPTRANSFER	= 1 << 7,
	TAPI_CALLFEATURE_COMPLETETRANSF	= 1 << 8,
	TAPI_CALLFEATURE_BLINDTRANSFER	= 1 << 9,
	TAPI_CALLFEATURE_SETUPCONF	= 1 << 10,
	TAPI_CALLFEATURE_PREPAREADDCONF	= 1 << 11,
	TAPI_CALLFEATURE_ADDTOCONF	= 1 << 12,
	TAPI_CALLFEATURE_REMOVEFROMCONF	= 1 << 13,
	TAPI_CALLFEATURE_REDIRECT	= 1 << 14,
	TAPI_CALLFEATURE_PARK		= 1 << 15,
	TAPI_CALLFEATURE_SECURECALL	= 1 << 16,
	TAPI_CALLFEATURE_SENDUSERUSER	= 1 << 17,
	TAPI_CALLFEATURE_COMPLETECALL	= 1 << 18,
	TAPI_CALLFEATURE_GENERATEDIGITS	= 1 << 19,
	TAPI_CALLFEATURE_GENERATETONE	= 1 << 20,
	TAPI_CALLFEATURE_MONITORDIGITS	= 1 << 21,
	TAPI_CALLFEATURE_GATHERDIGITS	= 1 << 22,
	TAPI_CALLFEATURE_MONITORTONES	= 1 << 23,
	TAPI_CALLFEATURE_MONITORMEDIA	= 1 << 24,
	TAPI_CALLFEATURE_SETCALLPARAMS	= 1 << 25,
	TAPI_CALLFEATURE_VALID		= (1 << 26) - 1,
};

/**
 * enum tapi_digit_mode - digit signalling modes (LINEDIGITMODE_*), as bits
 * @TAPI_DIGITMODE_PULSE: rotary pulse digits 0-9
 * @TAPI_DIGITMODE_DTMF: DTMF digits 0-9 * # A-D, reported on tone onset
 * @TAPI_DIGITMODE_DTMFEND: DTMF digits, also reported when the tone ends
 * @TAPI_DIGITMODE_VALID: every digit mode bit defined
 */
enum tapi_digit_mode {
	TAPI_DIGITMODE_PULSE		= 1 << 0,
	TAPI_DIGITMODE_DTMF		= 1 << 1,
	TAPI_DIGITMODE_DTMFEND		= 1 << 2,
	TAPI_DIGITMODE_VALID		= (1 << 3) - 1,
};

/**
 * enum tapi_devcaps_flag - line device capability flags (LINEDEVCAPFLAGS_*)
 * @TAPI_DEVCAPS_CROSSADDRCONF: conferences may span several addresses
 * @TAPI_DEVCAPS_HIGHLEVCOMP: high-level compatibility info is supported
 * @TAPI_DEVCAPS_LOWLEVCOMP: low-level compatibility info is supported
 * @TAPI_DEVCAPS_MEDIACONTROL: media control operations are supported
 * @TAPI_DEVCAPS_MULTIPLEADDR: make call may pick among several addresses
 * @TAPI_DEVCAPS_CLOSEDROP: closing the last owner drops the line's calls
 * @TAPI_DEVCAPS_DIALBILLING: '$' (wait for billing tone) can be dialled
 * @TAPI_DEVCAPS_DIALQUIET: '@' (wait for quiet answer) can be dialled
 * @TAPI_DEVCAPS_DIALDIALTONE: 'W' (wait for dial tone) can be dialled
 * @TAPI_DEVCAPS_VALID: every flag defined
 */
enum tapi_devcaps_flag {
	TAPI_DEVCAPS_CROSSADDRCONF	= 1 << 0,
	TAPI_DEVCAPS_HIGHLEVCOMP	= 1 << 1,
	TAPI_DEVCAPS_LOWLEVCOMP		= 1 << 2,
	TAPI_DEVCAPS_MEDIACONTROL	= 1 << 3,
	TAPI_DEVCAPS_MULTIPLEADDR	= 1 << 4,
	TAPI_DEVCAPS_CLOSEDROP		= 1 << 5,
	TAPI_DEVCAPS_DIALBILLING	= 1 << 6,
	TAPI_DEVCAPS_DIALQUIET		= 1 << 7,
	TAPI_DEVCAPS_DIALDIALTONE	= 1 << 8,
	TAPI_DEVCAPS_VALID		= (1 << 9) - 1,
};

/**
 * enum tapi_feature - what this build of the core supports
 * @TAPI_FEATURE_CARD_INFO: %TAPI_IOC_CARD_GET_INFO
 * @TAPI_FEATURE_LINE_CAPS: %TAPI_IOC_LINE_GET_DEVCAPS
 * @TAPI_FEATURE_ADDRESS_CAPS: %TAPI_IOC_ADDRESS_GET_CAPS
 * @TAPI_FEATURE_LINE_OPEN: %TAPI_IOC_LINE_OPEN and line fds
 * @TAPI_FEATURE_LINE_EVENTS: event records read() from line fds
 * @TAPI_FEATURE_LINE_STATUS: %TAPI_IOC_LINE_GET_DEVSTATUS
 * @TAPI_FEATURE_VALID: every feature bit this header defines
 */
enum tapi_feature {
	TAPI_FEATURE_CARD_INFO		= 1 << 0,
	TAPI_FEATURE_LINE_CAPS		= 1 << 1,
	TAPI_FEATURE_ADDRESS_CAPS	= 1 << 2,
	TAPI_FEATURE_LINE_OPEN		= 1 << 3,
	TAPI_FEATURE_LINE_EVENTS	= 1 << 4,
	TAPI_FEATURE_LINE_STATUS	= 1 << 5,
	TAPI_FEATURE_VALID		= (1 << 6) - 1,
};

/**
 * struct tapi_features - ABI version and feature bitmap of the core
 * @size: sizeof(struct tapi_features) as known to user space
 * @flags: must be zero
 * @abi_version: out: %TAPI_ABI_VERSION
 * @max_lines: out: most lines one card may have
 * @max_addresses: out: most addresses one line may have
 * @max_event_queue: out: largest event queue a line fd may ask for
 * @features: out: bitmap of &enum tapi_feature
 * @event_size: out: size of one event record read() from a line fd,
 *	sizeof(struct tapi_event) of this kernel; a later ABI may grow it
 *	at its end as structures grow
 * @reserved: must be zero
 */
struct tapi_features {
	__u32 size;
	__u32 flags;
	__u32 abi_version;
	__u32 max_lines;
	__u32 max_addresses;
	__u32 max_event_queue;
	__aligned_u64 features;
	__u32 event_size;
	__u32 reserved;
};

/**
 * struct tapi_card_info - what a card is
 * @size: sizeof(struct tapi_card_info) as known to user space
 * @flags: must be zero
 * @index: out: N of /dev/tapiN
 * @num_lines: out: number of lines on the card
 * @name: out: the card's name, unique among the cards of its TSP
 * @driver: out: name of the TSP module driving the card
 */
struct tapi_card_info {
	__u32 size;
	__u32 flags;
	__u32 index;
	__u32 num_lines;
	char name[TAPI_NAME_LEN];
	char driver[TAPI_NAME_LEN];
};

/* String formats of struct tapi_line_devcaps::string_format. */
#define TAPI_STRINGFORMAT_UTF8	1

/**
 * struct tapi_line_devcaps - capabilities of one line (TAPI's LINEDEVCAPS)
 * @size: sizeof(struct tapi_line_devcaps) as known to user space
 * @flags: must be zero
 * @line: in: line index on the card, 0 to num_lines - 1
 * @permanent_line_id: out: id of the line, stable across reboots and
 *	unique on the card
 * @num_addresses: out: number of addresses (numbers) on the line, >= 1
 * @max_active_calls: out: most calls the line can have active at once
 * @media_modes: out: &enum tapi_media_mode bits the line supports
 * @bearer_modes: out: &enum tapi_bearer_mode bits the line supports
 * @line_features: out: &enum tapi_line_feature bits
 * @devcaps_flags: out: &enum tapi_devcaps_flag bits
 * @string_format: out: %TAPI_STRINGFORMAT_UTF8
 * @gen_digit_modes: out: &enum tapi_digit_mode bits the line can generate
 * @monitor_digit_modes: out: &enum tapi_digit_mode bits it can detect
 * @gen_tone_max_freqs: out: most frequencies in one generated tone (0: none)
 * @monitor_tone_max_freqs: out: most frequencies in one monitored tone
 * @monitor_tone_max: out: most tones monitored at once (0: none)
 * @reserved: must be zero
 * @name: out: the line's name
 */
struct tapi_line_devcaps {
	__u32 size;
	__u32 flags;
	__u32 line;
	__u32 permanent_line_id;
	__u32 num_addresses;
	__u32 max_active_calls;
	__u32 media_modes;
	__u32 bearer_modes;
	__u32 line_features;
	__u32 devcaps_flags;
	__u32 string_format;
	__u32 gen_digit_modes;
	__u32 monitor_digit_modes;
	__u32 gen_tone_max_freqs;
	__u32 monitor_tone_max_freqs;
	__u32 monitor_tone_max;
	__u32 reserved[4];
	char name[TAPI_LINE_NAME_LEN];
};

/**
 * struct tapi_address_caps - capabilities of one address (LINEADDRESSCAPS)
 * @size: sizeof(struct tapi_address_caps) as known to user space
 * @flags: must be zero
 * @line: in: line index on the card
 * @address_id: in: address index on the line, 0 to num_addresses - 1
 * @max_calls: out: most calls active on this address at once
 * @address_features: out: &enum tapi_address_feature bits
 * @call_features: out: &enum tapi_call_feature bits calls on this address
 *	may ever offer (which are legal now is per call)
 * @reserved: must be zero
 * @address: out: the address (directory number) as dialled to reach it
 */
struct tapi_address_caps {
	__u32 size;
	__u32 flags;
	__u32 line;
	__u32 address_id;
	__u32 max_calls;
	__u32 address_features;
	__u32 call_features;
	__u32 reserved;
	char address[TAPI_ADDRESS_LEN];
};

/**
 * enum tapi_privilege - privileges a line fd asks for (LINECALLPRIVILEGE_*)
 * @TAPI_PRIV_NONE: neither owner nor monitor: the opener only places calls
 *	and receives line events; not combinable with the others
 * @TAPI_PRIV_MONITOR: gets a monitor handle to every call on the line
 * @TAPI_PRIV_OWNER: may be offered inbound calls of its media modes;
 *	requires a non-empty media_modes
 * @TAPI_PRIV_VALID: every privilege bit defined
 */
enum tapi_privilege {
	TAPI_PRIV_NONE		= 1 << 0,
	TAPI_PRIV_MONITOR	= 1 << 1,
	TAPI_PRIV_OWNER		= 1 << 2,
	TAPI_PRIV_VALID		= (1 << 3) - 1,
};

/**
 * enum tapi_line_open_flag - flags of struct tapi_line_open
 * @TAPI_LINE_OPEN_NONBLOCK: the line fd is opened %O_NONBLOCK
 * @TAPI_LINE_OPEN_CLOEXEC: the line fd is opened %O_CLOEXEC
 * @TAPI_LINE_OPEN_VALID: every flag defined
 */
enum tapi_line_open_flag {
	TAPI_LINE_OPEN_NONBLOCK	= 1 << 0,
	TAPI_LINE_OPEN_CLOEXEC	= 1 << 1,
	TAPI_LINE_OPEN_VALID	= (1 << 2) - 1,
};

/**
 * struct tapi_line_open - open a line (TAPI's lineOpen)
 * @size: sizeof(struct tapi_line_open) as known to user space
 * @flags: &enum tapi_line_open_flag bits
 * @line: in: line index on the card
 * @privileges: in: &enum tapi_privilege bits: exactly %TAPI_PRIV_NONE, or
 *	%TAPI_PRIV_MONITOR and/or %TAPI_PRIV_OWNER
 * @media_modes: in: with %TAPI_PRIV_OWNER, the &enum tapi_media_mode bits
 *	of inbound calls this opener will own; each must be supported by the
 *	line (else %EOPNOTSUPP); must be 0 without %TAPI_PRIV_OWNER
 * @event_queue_depth: in/out: events the fd can hold before the oldest
 *	are dropped; 0 means %TAPI_EVENT_QUEUE_DEFAULT; at most
 *	%TAPI_EVENT_QUEUE_MAX (else %EINVAL); rounded up to a power of two
 *	of at least 2, and the depth granted is written back
 * @event_mask: in: bitmap of (1 << &enum tapi_event_type) the opener wants;
 *	REPLY, CLOSE, REMOVED and OVERFLOW are always delivered; 0 means all.
 *	A bit for a type this kernel does not know fails with %EOPNOTSUPP
 *	(%TAPI_EV_MASK_VALID of the kernel's ABI version)
 * @fd: out: the new line fd
 * @reserved: must be zero
 * @app_name: in: the application's name, NUL-terminated (may be empty)
 */
struct tapi_line_open {
	__u32 size;
	__u32 flags;
	__u32 line;
	__u32 privileges;
	__u32 media_modes;
	__u32 event_queue_depth;
	__aligned_u64 event_mask;
	__s32 fd;
	__u32 reserved;
	char app_name[TAPI_NAME_LEN];
};

/**
 * enum tapi_devstatus_flag - line device status flags (LINEDEVSTATUSFLAGS_*)
 * @TAPI_DEVSTATUS_CONNECTED: the line is connected to the network
 * @TAPI_DEVSTATUS_INSERVICE: the line is in service
 * @TAPI_DEVSTATUS_MSGWAIT: a message is waiting
 * @TAPI_DEVSTATUS_LOCKED: the line is locked
 * @TAPI_DEVSTATUS_VALID: every flag defined
 */
enum tapi_devstatus_flag {
	TAPI_DEVSTATUS_CONNECTED	= 1 << 0,
	TAPI_DEVSTATUS_INSERVICE	= 1 << 1,
	TAPI_DEVSTATUS_MSGWAIT		= 1 << 2,
	TAPI_DEVSTATUS_LOCKED		= 1 << 3,
	TAPI_DEVSTATUS_VALID		= (1 << 4) - 1,
};

/**
 * struct tapi_line_devstatus - status of an open line (LINEDEVSTATUS);
 *	issued on a line fd
 * @size: sizeof(struct tapi_line_devstatus) as known to user space
 * @flags: must be zero
 * @num_opens: out: line fds open on this line, system-wide
 * @num_owners: out: of those, how many hold %TAPI_PRIV_OWNER
 * @num_monitors: out: of those, how many hold %TAPI_PRIV_MONITOR
 * @open_media_modes: out: union of the media modes owned by the openers
 * @num_active_calls: out: calls on the line not idle and not on hold
 * @num_onhold_calls: out: calls on hold
 * @num_onholdpend_calls: out: calls on hold pending transfer or conference
 * @line_features: out: &enum tapi_line_feature bits legal now
 * @devstatus_flags: out: &enum tapi_devstatus_flag bits
 * @reserved: must be zero
 */
struct tapi_line_devstatus {
	__u32 size;
	__u32 flags;
	__u32 num_opens;
	__u32 num_owners;
	__u32 num_monitors;
	__u32 open_media_modes;
	__u32 num_active_calls;
	__u32 num_onhold_calls;
	__u32 num_onholdpend_calls;
	__u32 line_features;
	__u32 devstatus_flags;
	__u32 reserved;
};

/*
 * Commands on the card fd (/dev/tapiN).  TAPI_IOC_GET_FEATURES also works
 * on a line fd.
 */
#define TAPI_IOC_GET_FEATURES		_IO(TAPI_IOC_TYPE, 0x00)
#define TAPI_IOC_CARD_GET_INFO		_IO(TAPI_IOC_TYPE, 0x01)
#define TAPI_IOC_LINE_GET_DEVCAPS	_IO(TAPI_IOC_TYPE, 0x02)
#define TAPI_IOC_ADDRESS_GET_CAPS	_IO(TAPI_IOC_TYPE, 0x03)
#define TAPI_IOC_LINE_OPEN		_IO(TAPI_IOC_TYPE, 0x04)
/* Commands on a line fd. */
#define TAPI_IOC_LINE_GET_DEVSTATUS	_IO(TAPI_IOC_TYPE, 0x05)

/**
 * enum tapi_event_type - type of a struct tapi_event (TAPI's LINE_* messages)
 * @TAPI_EV_REPLY: an asynchronous request completed; param[0], read as
 *	__s32, is its result (0 or a negative errno)
 * @TAPI_EV_CALLSTATE: a call changed state; param[0] state, param[1] mode,
 *	param[2] privilege of this fd's handle (first event for a new handle)
 * @TAPI_EV_CALLINFO: call information changed; param[0] which fields
 * @TAPI_EV_NEWCALL: a new handle to a call was created for this fd
 * @TAPI_EV_LINEDEVSTATE: the line's device state changed; param[0] the new
 *	&enum tapi_devstatus_flag bits
 * @TAPI_EV_ADDRESSSTATE: an address's state changed; param[0] the address
 *	id, param[1] which
 * @TAPI_EV_GENERATE: digit or tone generation ended
 * @TAPI_EV_MONITORDIGITS: a digit was detected
 * @TAPI_EV_GATHERDIGITS: digit gathering ended
 * @TAPI_EV_MONITORTONE: a monitored tone was detected
 * @TAPI_EV_MONITORMEDIA: a media mode was detected
 * @TAPI_EV_DEVSPECIFIC: device-specific notification from the TSP
 * @TAPI_EV_MSPDATA: data for the MSP is available
 * @TAPI_EV_CLOSE: the line was closed under the opener (forced close);
 *	param[0] is a &enum tapi_close_reason
 * @TAPI_EV_REMOVED: the card was removed; the last record of a line fd,
 *	right after a %TAPI_EV_CLOSE with reason %TAPI_CLOSE_REMOVED
 * @TAPI_EV_OVERFLOW: events were lost; param[0] how many, param[1] the
 *	sequence number of the first one lost.  Not sequenced itself (seqno 0)
 *	and placed before the first record that survived.
 * @TAPI_EV_MAX: one past the last type
 */
enum tapi_event_type {
	TAPI_EV_REPLY		= 1,
	TAPI_EV_CALLSTATE	= 2,
	TAPI_EV_CALLINFO	= 3,
	TAPI_EV_NEWCALL		= 4,
	TAPI_EV_LINEDEVSTATE	= 5,
	TAPI_EV_ADDRESSSTATE	= 6,
	TAPI_EV_GENERATE	= 7,
	TAPI_EV_MONITORDIGITS	= 8,
	TAPI_EV_GATHERDIGITS	= 9,
	TAPI_EV_MONITORTONE	= 10,
	TAPI_EV_MONITORMEDIA	= 11,
	TAPI_EV_DEVSPECIFIC	= 12,
	TAPI_EV_MSPDATA		= 13,
	TAPI_EV_CLOSE		= 14,
	TAPI_EV_REMOVED		= 15,
	TAPI_EV_OVERFLOW	= 16,
	TAPI_EV_MAX,
};

/* Event types a line fd always receives, whatever its event_mask. */
#define TAPI_EV_ALWAYS_MASK	((1ULL << TAPI_EV_REPLY) | \
				 (1ULL << TAPI_EV_CLOSE) | \
				 (1ULL << TAPI_EV_REMOVED) | \
				 (1ULL << TAPI_EV_OVERFLOW))
/* Every bit of tapi_line_open::event_mask that names an event type. */
#define TAPI_EV_MASK_VALID	(((1ULL << TAPI_EV_MAX) - 1) & ~1ULL)

/**
 * enum tapi_close_reason - param[0] of %TAPI_EV_CLOSE
 * @TAPI_CLOSE_REMOVED: the card was removed
 * @TAPI_CLOSE_FORCED: the TSP or the administrator closed the line
 */
enum tapi_close_reason {
	TAPI_CLOSE_REMOVED	= 1,
	TAPI_CLOSE_FORCED	= 2,
};

/**
 * struct tapi_event - one event record, read() from a line fd
 * @timestamp_ns: when the event happened, CLOCK_MONOTONIC nanoseconds
 * @seqno: per-fd sequence number, starting at 1, one per event queued;
 *	a gap means events were lost (see %TAPI_EV_OVERFLOW)
 * @type: &enum tapi_event_type
 * @line: line index on the card
 * @call: call handle this event is about, 0 if none
 * @request_id: for %TAPI_EV_REPLY the request id, otherwise 0
 * @reserved: zero
 * @param: type-specific parameters, see &enum tapi_event_type; unused
 *	ones are zero
 *
 * read() returns whole records only: its buffer must hold at least one
 * (else %EINVAL); it blocks while the queue is empty unless the fd is
 * non-blocking (%EAGAIN).  Once the card is gone it returns the records
 * still queued and then fails with %ENODEV.
 */
struct tapi_event {
	__aligned_u64 timestamp_ns;
	__u32 seqno;
	__u32 type;
	__u32 line;
	__u32 call;
	__u32 request_id;
	__u32 reserved;
	__u32 param[8];
};

#endif /* _UAPI_LINUX_TAPI_H */
