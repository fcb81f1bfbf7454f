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
 * ENOENT        no such line or address on this card; no such call handle
 *               on this line fd (never allocated, deallocated, or another
 *               fd's: handles are private to the fd that holds them)
 * ENODEV        the card has been removed; the fd is dead and can only be
 *               closed (read() first returns the queued events, ending with
 *               %TAPI_EV_REMOVED)
 * EPERM         the line fd lacks the privilege the operation needs (a
 *               monitor handle used to control a call)
 * EBADFD        the operation is not legal in the call's current state
 *               (its bit is not in the call features of
 *               %TAPI_IOC_CALL_GET_STATUS); nothing changed
 * EBUSY         deallocating a call that is not idle by its only owner,
 *               or that owner stepping down to monitor; placing a call on
 *               a line or address whose calls are all in use (also by
 *               pickup and unpark); a transfer, redirect or park to a
 *               busy number or a taken park address
 * EINTR         a signal ended the wait of a %TAPI_REQUEST_SYNC request;
 *               the request goes on (see "Asynchronous requests")
 * ESRCH         a handoff found no application to hand the call to; a
 *               pickup or unpark found no call to take
 * ENOSPC        a conference is full (``max_conf_members``); the line fd
 *               has %TAPI_MAX_COMPLETIONS call completions pending
 * ENXIO         a transfer, redirect, park, pickup, unpark or forward to
 *               a number the card cannot reach, or that is not a park
 *               address; a call completion to a far end the card cannot
 *               complete calls to
 * ENOMEM        the kernel could not allocate what the command needs
 * ============  ==========================================================
 *
 * The call commands check, in this order: the size and unknown flags
 * (as every command), the command's own arguments (EINVAL: digits, names,
 * modes), the handle (ENOENT), whether the card can do the operation at
 * all (EOPNOTSUPP), the privilege (EPERM), then the call state (EBADFD).
 */

/**
 * DOC: Asynchronous requests
 *
 * Operations that involve the network (make call, dial, answer, accept,
 * drop) are asynchronous, as in TAPI.  Their ioctl validates the request,
 * hands it to the card's driver and returns at once with a request id
 * (> 0), also written to the structure's ``request_id``.  The outcome
 * arrives later as a %TAPI_EV_REPLY record on the same line fd, carrying
 * that id and the result (0 or a negative errno).  Request ids are unique
 * among the fd's outstanding requests.  A reply is never masked by the
 * event mask and goes to the requester only.
 *
 * With %TAPI_REQUEST_SYNC in ``flags`` the ioctl instead waits for the
 * outcome and returns it (0 or a negative errno); no reply record is
 * queued.  A signal ends the wait with %EINTR (never restarted: the
 * request is not made twice): the request goes on, and its outcome then
 * arrives as a %TAPI_EV_REPLY with the ``request_id`` the ioctl wrote
 * back, as if it had been asynchronous.
 *
 * Request ids are 1 to INT_MAX, so the ioctl's return value is never
 * mistaken for an error.
 *
 * Without %TAPI_REQUEST_SYNC, an error returned by the ioctl means the
 * request was never started: nothing changed and no reply will come (the
 * ``request_id`` and, for make call, ``call`` written back before the card
 * refused it name nothing then).  With it, a negative return is either
 * such an error or the request's failed outcome; %EINTR is neither (see
 * below).
 *
 * A reply is never lost to an overflowing event queue.  A line fd owes at
 * most its event queue's depth of replies (requests not answered yet, and
 * replies not read yet); a request beyond that fails with %EAGAIN.
 *
 * When a call goes idle, requests still outstanding on it complete with
 * %ECANCELED (a drop completes with 0: the call is dropped).  When the
 * card is removed, every outstanding request completes with %ENODEV
 * before the fd's %TAPI_EV_CLOSE.
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
#define TAPI_MAX_LINES		65536
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
 * @TAPI_FEATURE_CALLS: calls: %TAPI_IOC_CALL_MAKE to
 *	%TAPI_IOC_LINE_SET_PRIORITY, call events, asynchronous requests
 * @TAPI_FEATURE_URING: every command as io_uring ``IORING_OP_URING_CMD``,
 *	replies as completions, %TAPI_URING_READ_EVENTS (see "io_uring")
 * @TAPI_FEATURE_MEDIA: media fds, %TAPI_IOC_CALL_MEDIA_OPEN (see "Media
 *	rings")
 * @TAPI_FEATURE_MEDIA_CONTROL: digits and tones: %TAPI_IOC_CALL_GENERATE_DIGITS
 *	to %TAPI_IOC_CALL_MONITOR_MEDIA (see "Digits and tones")
 * @TAPI_FEATURE_MSP_DATA: the TSP-MSP data channel: read() and write()
 *	on a media fd (see "MSP data")
 * @TAPI_FEATURE_SUPPLEMENTARY: hold, transfer and conference:
 *	%TAPI_IOC_CALL_HOLD to %TAPI_IOC_CALL_GET_CONF_RELATED (see
 *	"Supplementary services")
 * @TAPI_FEATURE_CALL_SERVICES: redirect, pickup, park, forward, secure
 *	call, user-user information and call completion: %TAPI_IOC_CALL_REDIRECT
 *	to %TAPI_IOC_LINE_UNCOMPLETE (see "Call services")
 * @TAPI_FEATURE_VALID: every feature bit this header defines
 */
enum tapi_feature {
	TAPI_FEATURE_CARD_INFO		= 1 << 0,
	TAPI_FEATURE_LINE_CAPS		= 1 << 1,
	TAPI_FEATURE_ADDRESS_CAPS	= 1 << 2,
	TAPI_FEATURE_LINE_OPEN		= 1 << 3,
	TAPI_FEATURE_LINE_EVENTS	= 1 << 4,
	TAPI_FEATURE_LINE_STATUS	= 1 << 5,
	TAPI_FEATURE_CALLS		= 1 << 6,
	TAPI_FEATURE_URING		= 1 << 7,
	TAPI_FEATURE_MEDIA		= 1 << 8,
	TAPI_FEATURE_MEDIA_CONTROL	= 1 << 9,
	TAPI_FEATURE_MSP_DATA		= 1 << 10,
	TAPI_FEATURE_SUPPLEMENTARY	= 1 << 11,
	TAPI_FEATURE_CALL_SERVICES	= 1 << 12,
	TAPI_FEATURE_VALID		= (1 << 13) - 1,
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
 * @transfer_modes: out: &enum tapi_transfer_mode bits
 *	%TAPI_IOC_CALL_COMPLETE_TRANSFER takes on this address
 * @max_conf_members: out: most member calls (far parties, not counting
 *	this station) one conference call of the address holds; 0 when
 *	the address has no conferences
 * @park_modes: out: &enum tapi_park_mode bits %TAPI_IOC_CALL_PARK takes;
 *	0 when calls of the address cannot be parked
 * @forward_modes: out: &enum tapi_forward_mode bits %TAPI_IOC_LINE_FORWARD
 *	takes; 0 when the address cannot be forwarded
 * @completion_modes: out: &enum tapi_completion_mode bits
 *	%TAPI_IOC_CALL_COMPLETE takes; 0 when there is no call completion
 * @max_user_user: out: most bytes of user-user information
 *	%TAPI_IOC_CALL_SEND_USER_USER sends at once, at most
 *	%TAPI_USERUSER_MAX; 0 when it cannot be sent
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
	__u32 transfer_modes;
	__u32 max_conf_members;
	__u32 park_modes;
	__u32 forward_modes;
	__u32 completion_modes;
	__u32 max_user_user;
};

/**
 * enum tapi_privilege - privileges a line fd asks for (LINECALLPRIVILEGE_*)
 * @TAPI_PRIV_NONE: neither owner nor monitor: the opener places calls,
 *	receives line events, and gets handles to other calls only when it
 *	asks (%TAPI_IOC_LINE_GET_NEW_CALLS), through which it sees no party
 *	(%TAPI_IOC_CALL_GET_INFO) unless it becomes owner; not combinable
 *	with the others
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
 * @num_active_calls: out: calls on the line not idle, not held of any
 *	kind and not disconnected: those that count against
 *	&tapi_line_devcaps.max_active_calls
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

/**
 * enum tapi_call_state - call states (TAPI's LINECALLSTATE_*), as bits
 * @TAPI_CALLSTATE_IDLE: no call exists any more; terminal: the call never
 *	leaves it, and its handles only await deallocation
 * @TAPI_CALLSTATE_OFFERING: an inbound call is offered (ringing); mode:
 *	&enum tapi_offering_mode
 * @TAPI_CALLSTATE_ACCEPTED: the offered call was accepted (ringing at the
 *	station, claimed by an application)
 * @TAPI_CALLSTATE_DIALTONE: dial tone is heard; mode: &enum
 *	tapi_dialtone_mode
 * @TAPI_CALLSTATE_DIALING: digits are being sent to the switch
 * @TAPI_CALLSTATE_RINGBACK: the far end is being alerted
 * @TAPI_CALLSTATE_BUSY: the far end is busy; mode: &enum tapi_busy_mode.
 *	A call camped on the busy station (%TAPI_COMPLETION_CAMPON) goes on
 *	to RINGBACK once it is free
 * @TAPI_CALLSTATE_SPECIALINFO: special information (an intercept tone)
 *	was received; mode: &enum tapi_specialinfo_mode
 * @TAPI_CALLSTATE_CONNECTED: the call is established; mode: &enum
 *	tapi_connected_mode
 * @TAPI_CALLSTATE_PROCEEDING: dialling is complete, the call proceeds
 *	through the network
 * @TAPI_CALLSTATE_ONHOLD: the call is held by the switch
 * @TAPI_CALLSTATE_CONFERENCED: the call is a member of a conference
 * @TAPI_CALLSTATE_ONHOLDPENDCONF: held while being added to a conference
 * @TAPI_CALLSTATE_ONHOLDPENDTRANSFER: held while being transferred
 * @TAPI_CALLSTATE_DISCONNECTED: the far end disconnected; mode: &enum
 *	tapi_disconnect_mode.  The call stays until it is dropped.
 * @TAPI_CALLSTATE_UNKNOWN: the state is not known (yet): a call placed
 *	by make call is UNKNOWN until the card reports its progress
 * @TAPI_CALLSTATE_VALID: every state bit defined
 *
 * The bit values are TAPI's.  A call is always in exactly one state; the
 * core checks every transition a driver reports against the call model
 * (Documentation/uapi.rst) and refuses illegal ones.
 */
enum tapi_call_state {
	TAPI_CALLSTATE_IDLE			= 1 << 0,
	TAPI_CALLSTATE_OFFERING			= 1 << 1,
	TAPI_CALLSTATE_ACCEPTED			= 1 << 2,
	TAPI_CALLSTATE_DIALTONE			= 1 << 3,
	TAPI_CALLSTATE_DIALING			= 1 << 4,
	TAPI_CALLSTATE_RINGBACK			= 1 << 5,
	TAPI_CALLSTATE_BUSY			= 1 << 6,
	TAPI_CALLSTATE_SPECIALINFO		= 1 << 7,
	TAPI_CALLSTATE_CONNECTED		= 1 << 8,
	TAPI_CALLSTATE_PROCEEDING		= 1 << 9,
	TAPI_CALLSTATE_ONHOLD			= 1 << 10,
	TAPI_CALLSTATE_CONFERENCED		= 1 << 11,
	TAPI_CALLSTATE_ONHOLDPENDCONF		= 1 << 12,
	TAPI_CALLSTATE_ONHOLDPENDTRANSFER	= 1 << 13,
	TAPI_CALLSTATE_DISCONNECTED		= 1 << 14,
	TAPI_CALLSTATE_UNKNOWN			= 1 << 15,
	TAPI_CALLSTATE_VALID			= (1 << 16) - 1,
};

/* The number of call states: state_entry_ns[] of struct tapi_call_info. */
#define TAPI_CALLSTATE_COUNT	16

/**
 * enum tapi_busy_mode - mode of %TAPI_CALLSTATE_BUSY (LINEBUSYMODE_*)
 * @TAPI_BUSYMODE_STATION: the called station is busy
 * @TAPI_BUSYMODE_TRUNK: a trunk or circuit is busy
 * @TAPI_BUSYMODE_UNKNOWN: which is busy is not known
 * @TAPI_BUSYMODE_UNAVAIL: which is busy is not available
 * @TAPI_BUSYMODE_VALID: every mode defined
 */
enum tapi_busy_mode {
	TAPI_BUSYMODE_STATION	= 1 << 0,
	TAPI_BUSYMODE_TRUNK	= 1 << 1,
	TAPI_BUSYMODE_UNKNOWN	= 1 << 2,
	TAPI_BUSYMODE_UNAVAIL	= 1 << 3,
	TAPI_BUSYMODE_VALID	= (1 << 4) - 1,
};

/**
 * enum tapi_dialtone_mode - mode of %TAPI_CALLSTATE_DIALTONE
 * @TAPI_DIALTONEMODE_NORMAL: a normal dial tone
 * @TAPI_DIALTONEMODE_SPECIAL: a special dial tone (e.g. message waiting)
 * @TAPI_DIALTONEMODE_INTERNAL: an internal (PBX) dial tone
 * @TAPI_DIALTONEMODE_EXTERNAL: an external (public network) dial tone
 * @TAPI_DIALTONEMODE_UNKNOWN: the kind of dial tone is not known
 * @TAPI_DIALTONEMODE_UNAVAIL: the kind of dial tone is not available
 * @TAPI_DIALTONEMODE_VALID: every mode defined
 */
enum tapi_dialtone_mode {
	TAPI_DIALTONEMODE_NORMAL	= 1 << 0,
	TAPI_DIALTONEMODE_SPECIAL	= 1 << 1,
	TAPI_DIALTONEMODE_INTERNAL	= 1 << 2,
	TAPI_DIALTONEMODE_EXTERNAL	= 1 << 3,
	TAPI_DIALTONEMODE_UNKNOWN	= 1 << 4,
	TAPI_DIALTONEMODE_UNAVAIL	= 1 << 5,
	TAPI_DIALTONEMODE_VALID		= (1 << 6) - 1,
};

/**
 * enum tapi_offering_mode - mode of %TAPI_CALLSTATE_OFFERING
 * @TAPI_OFFERINGMODE_ACTIVE: the call is alerting at this station
 * @TAPI_OFFERINGMODE_INACTIVE: the call is offered but not alerting
 * @TAPI_OFFERINGMODE_VALID: every mode defined
 */
enum tapi_offering_mode {
	TAPI_OFFERINGMODE_ACTIVE	= 1 << 0,
	TAPI_OFFERINGMODE_INACTIVE	= 1 << 1,
	TAPI_OFFERINGMODE_VALID		= (1 << 2) - 1,
};

/**
 * enum tapi_specialinfo_mode - mode of %TAPI_CALLSTATE_SPECIALINFO
 * @TAPI_SPECIALINFO_NOCIRCUIT: no circuit (vacant code, all circuits busy)
 * @TAPI_SPECIALINFO_CUSTIRREG: customer irregularity (number not in
 *	service, wrong number)
 * @TAPI_SPECIALINFO_REORDER: reorder (equipment or routing failure)
 * @TAPI_SPECIALINFO_UNKNOWN: the information is not known
 * @TAPI_SPECIALINFO_UNAVAIL: the information is not available
 * @TAPI_SPECIALINFO_VALID: every mode defined
 */
enum tapi_specialinfo_mode {
	TAPI_SPECIALINFO_NOCIRCUIT	= 1 << 0,
	TAPI_SPECIALINFO_CUSTIRREG	= 1 << 1,
	TAPI_SPECIALINFO_REORDER	= 1 << 2,
	TAPI_SPECIALINFO_UNKNOWN	= 1 << 3,
	TAPI_SPECIALINFO_UNAVAIL	= 1 << 4,
	TAPI_SPECIALINFO_VALID		= (1 << 5) - 1,
};

/**
 * enum tapi_connected_mode - mode of %TAPI_CALLSTATE_CONNECTED
 * @TAPI_CONNECTEDMODE_ACTIVE: connected at this station
 * @TAPI_CONNECTEDMODE_INACTIVE: connected at another station sharing the
 *	address
 * @TAPI_CONNECTEDMODE_ACTIVEHELD: active here, held by the far end
 * @TAPI_CONNECTEDMODE_INACTIVEHELD: inactive here, held by the far end
 * @TAPI_CONNECTEDMODE_CONFIRMED: the network confirmed the connection
 * @TAPI_CONNECTEDMODE_VALID: every mode defined
 */
enum tapi_connected_mode {
	TAPI_CONNECTEDMODE_ACTIVE	= 1 << 0,
	TAPI_CONNECTEDMODE_INACTIVE	= 1 << 1,
	TAPI_CONNECTEDMODE_ACTIVEHELD	= 1 << 2,
	TAPI_CONNECTEDMODE_INACTIVEHELD	= 1 << 3,
	TAPI_CONNECTEDMODE_CONFIRMED	= 1 << 4,
	TAPI_CONNECTEDMODE_VALID	= (1 << 5) - 1,
};

/**
 * enum tapi_disconnect_mode - mode of %TAPI_CALLSTATE_DISCONNECTED: why
 *	the call ended (LINEDISCONNECTMODE_*)
 * @TAPI_DISCONNECTMODE_NORMAL: the far end hung up normally
 * @TAPI_DISCONNECTMODE_UNKNOWN: the reason is not known
 * @TAPI_DISCONNECTMODE_REJECT: the far end rejected the call
 * @TAPI_DISCONNECTMODE_PICKUP: the call was picked up elsewhere
 * @TAPI_DISCONNECTMODE_FORWARDED: the call was forwarded by the switch
 * @TAPI_DISCONNECTMODE_BUSY: the far end was busy
 * @TAPI_DISCONNECTMODE_NOANSWER: the far end did not answer in time
 * @TAPI_DISCONNECTMODE_BADADDRESS: the destination is not a valid number
 * @TAPI_DISCONNECTMODE_UNREACHABLE: the destination cannot be reached
 * @TAPI_DISCONNECTMODE_CONGESTION: the network is congested
 * @TAPI_DISCONNECTMODE_INCOMPATIBLE: the far end's equipment is
 *	incompatible with the call
 * @TAPI_DISCONNECTMODE_UNAVAIL: the reason is unavailable; also what a
 *	caller sees when nobody owns the call at the far end
 * @TAPI_DISCONNECTMODE_NODIALTONE: no dial tone within the time allowed
 * @TAPI_DISCONNECTMODE_NUMBERCHANGED: the number has changed
 * @TAPI_DISCONNECTMODE_OUTOFORDER: the destination is out of order
 * @TAPI_DISCONNECTMODE_TEMPFAILURE: a temporary network failure
 * @TAPI_DISCONNECTMODE_QOSUNAVAIL: the quality of service asked for is
 *	not available
 * @TAPI_DISCONNECTMODE_BLOCKED: the far end blocks calls from this caller
 * @TAPI_DISCONNECTMODE_DONOTDISTURB: the far end does not want calls now
 * @TAPI_DISCONNECTMODE_CANCELLED: the call was cancelled
 * @TAPI_DISCONNECTMODE_VALID: every mode defined
 */
enum tapi_disconnect_mode {
	TAPI_DISCONNECTMODE_NORMAL		= 1 << 0,
	TAPI_DISCONNECTMODE_UNKNOWN		= 1 << 1,
	TAPI_DISCONNECTMODE_REJECT		= 1 << 2,
	TAPI_DISCONNECTMODE_PICKUP		= 1 << 3,
	TAPI_DISCONNECTMODE_FORWARDED		= 1 << 4,
	TAPI_DISCONNECTMODE_BUSY		= 1 << 5,
	TAPI_DISCONNECTMODE_NOANSWER		= 1 << 6,
	TAPI_DISCONNECTMODE_BADADDRESS		= 1 << 7,
	TAPI_DISCONNECTMODE_UNREACHABLE		= 1 << 8,
	TAPI_DISCONNECTMODE_CONGESTION		= 1 << 9,
	TAPI_DISCONNECTMODE_INCOMPATIBLE	= 1 << 10,
	TAPI_DISCONNECTMODE_UNAVAIL		= 1 << 11,
	TAPI_DISCONNECTMODE_NODIALTONE		= 1 << 12,
	TAPI_DISCONNECTMODE_NUMBERCHANGED	= 1 << 13,
	TAPI_DISCONNECTMODE_OUTOFORDER		= 1 << 14,
	TAPI_DISCONNECTMODE_TEMPFAILURE		= 1 << 15,
	TAPI_DISCONNECTMODE_QOSUNAVAIL		= 1 << 16,
	TAPI_DISCONNECTMODE_BLOCKED		= 1 << 17,
	TAPI_DISCONNECTMODE_DONOTDISTURB	= 1 << 18,
	TAPI_DISCONNECTMODE_CANCELLED		= 1 << 19,
	TAPI_DISCONNECTMODE_VALID		= (1 << 20) - 1,
};

/**
 * enum tapi_call_origin - where a call came from (LINECALLORIGIN_*)
 * @TAPI_CALLORIGIN_OUTBOUND: placed from this line
 * @TAPI_CALLORIGIN_INTERNAL: inbound from a station of the same switch
 * @TAPI_CALLORIGIN_EXTERNAL: inbound from the public network
 * @TAPI_CALLORIGIN_UNKNOWN: inbound, origin not known yet
 * @TAPI_CALLORIGIN_UNAVAIL: inbound, origin not available
 * @TAPI_CALLORIGIN_CONFERENCE: a conference call
 * @TAPI_CALLORIGIN_INBOUND: inbound, no more is known
 * @TAPI_CALLORIGIN_VALID: every origin defined
 *
 * Bit 3 is unused, as in TAPI (it was a conference origin that TAPI
 * dropped): the values are TAPI's.
 */
enum tapi_call_origin {
	TAPI_CALLORIGIN_OUTBOUND	= 1 << 0,
	TAPI_CALLORIGIN_INTERNAL	= 1 << 1,
	TAPI_CALLORIGIN_EXTERNAL	= 1 << 2,
	TAPI_CALLORIGIN_UNKNOWN		= 1 << 4,
	TAPI_CALLORIGIN_UNAVAIL		= 1 << 5,
	TAPI_CALLORIGIN_CONFERENCE	= 1 << 6,
	TAPI_CALLORIGIN_INBOUND		= 1 << 7,
	TAPI_CALLORIGIN_VALID		= 0xf7,
};

/**
 * enum tapi_call_reason - why a call arrived (LINECALLREASON_*)
 * @TAPI_CALLREASON_DIRECT: dialled directly
 * @TAPI_CALLREASON_FWDBUSY: forwarded on busy
 * @TAPI_CALLREASON_FWDNOANSWER: forwarded on no answer
 * @TAPI_CALLREASON_FWDUNCOND: forwarded unconditionally
 * @TAPI_CALLREASON_PICKUP: picked up from another station
 * @TAPI_CALLREASON_UNPARK: retrieved from a park
 * @TAPI_CALLREASON_REDIRECT: redirected (deflected) to this station
 * @TAPI_CALLREASON_CALLCOMPLETION: the result of a call completion request
 * @TAPI_CALLREASON_TRANSFER: transferred to this station
 * @TAPI_CALLREASON_REMINDER: a reminder (recall) of a held or parked call
 * @TAPI_CALLREASON_UNKNOWN: the reason is not known
 * @TAPI_CALLREASON_UNAVAIL: the reason is not available
 * @TAPI_CALLREASON_INTRUDE: another station intruded
 * @TAPI_CALLREASON_PARKED: the call was parked
 * @TAPI_CALLREASON_CAMPEDON: the call camped on
 * @TAPI_CALLREASON_ROUTEREQUEST: a route request
 * @TAPI_CALLREASON_VALID: every reason defined
 */
enum tapi_call_reason {
	TAPI_CALLREASON_DIRECT		= 1 << 0,
	TAPI_CALLREASON_FWDBUSY		= 1 << 1,
	TAPI_CALLREASON_FWDNOANSWER	= 1 << 2,
	TAPI_CALLREASON_FWDUNCOND	= 1 << 3,
	TAPI_CALLREASON_PICKUP		= 1 << 4,
	TAPI_CALLREASON_UNPARK		= 1 << 5,
	TAPI_CALLREASON_REDIRECT	= 1 << 6,
	TAPI_CALLREASON_CALLCOMPLETION	= 1 << 7,
	TAPI_CALLREASON_TRANSFER	= 1 << 8,
	TAPI_CALLREASON_REMINDER	= 1 << 9,
	TAPI_CALLREASON_UNKNOWN		= 1 << 10,
	TAPI_CALLREASON_UNAVAIL		= 1 << 11,
	TAPI_CALLREASON_INTRUDE		= 1 << 12,
	TAPI_CALLREASON_PARKED		= 1 << 13,
	TAPI_CALLREASON_CAMPEDON	= 1 << 14,
	TAPI_CALLREASON_ROUTEREQUEST	= 1 << 15,
	TAPI_CALLREASON_VALID		= (1 << 16) - 1,
};

/**
 * enum tapi_party_flag - what is known of a party (LINECALLPARTYID_*)
 * @TAPI_PARTYID_BLOCKED: the party withheld its identity
 * @TAPI_PARTYID_OUTOFAREA: the identity could not be passed on
 * @TAPI_PARTYID_NAME: the name is valid
 * @TAPI_PARTYID_ADDRESS: the number is valid
 * @TAPI_PARTYID_PARTIAL: the number is incomplete
 * @TAPI_PARTYID_UNKNOWN: the identity is not known
 * @TAPI_PARTYID_UNAVAIL: the identity is not available
 * @TAPI_PARTYID_VALID: every flag defined
 */
enum tapi_party_flag {
	TAPI_PARTYID_BLOCKED	= 1 << 0,
	TAPI_PARTYID_OUTOFAREA	= 1 << 1,
	TAPI_PARTYID_NAME	= 1 << 2,
	TAPI_PARTYID_ADDRESS	= 1 << 3,
	TAPI_PARTYID_PARTIAL	= 1 << 4,
	TAPI_PARTYID_UNKNOWN	= 1 << 5,
	TAPI_PARTYID_UNAVAIL	= 1 << 6,
	TAPI_PARTYID_VALID	= (1 << 7) - 1,
};

/**
 * enum tapi_callinfo_field - which call information changed: param[0] of
 *	%TAPI_EV_CALLINFO (LINECALLINFOSTATE_*)
 * @TAPI_CALLINFO_MEDIAMODE: the media mode
 * @TAPI_CALLINFO_BEARERMODE: the bearer mode
 * @TAPI_CALLINFO_ORIGIN: the origin
 * @TAPI_CALLINFO_REASON: the reason
 * @TAPI_CALLINFO_RELATEDCALLID: the related call id
 * @TAPI_CALLINFO_NUMOWNERS: the number of owners
 * @TAPI_CALLINFO_NUMMONITORS: the number of monitors
 * @TAPI_CALLINFO_CALLERID: the caller
 * @TAPI_CALLINFO_CALLEDID: the called party
 * @TAPI_CALLINFO_CONNECTEDID: the connected party
 * @TAPI_CALLINFO_REDIRECTINGID: the redirecting party
 * @TAPI_CALLINFO_REDIRECTIONID: the redirection party
 * @TAPI_CALLINFO_CALLPARAMFLAGS: the &enum tapi_call_param_flag bits
 *	(the call was secured)
 * @TAPI_CALLINFO_COMPLETIONID: the call completion the call answers
 * @TAPI_CALLINFO_USERUSERINFO: user-user information arrived from the far
 *	end
 * @TAPI_CALLINFO_VALID: every bit defined
 */
enum tapi_callinfo_field {
	TAPI_CALLINFO_MEDIAMODE		= 1 << 0,
	TAPI_CALLINFO_BEARERMODE	= 1 << 1,
	TAPI_CALLINFO_ORIGIN		= 1 << 2,
	TAPI_CALLINFO_REASON		= 1 << 3,
	TAPI_CALLINFO_RELATEDCALLID	= 1 << 4,
	TAPI_CALLINFO_NUMOWNERS		= 1 << 5,
	TAPI_CALLINFO_NUMMONITORS	= 1 << 6,
	TAPI_CALLINFO_CALLERID		= 1 << 7,
	TAPI_CALLINFO_CALLEDID		= 1 << 8,
	TAPI_CALLINFO_CONNECTEDID	= 1 << 9,
	TAPI_CALLINFO_REDIRECTINGID	= 1 << 10,
	TAPI_CALLINFO_REDIRECTIONID	= 1 << 11,
	TAPI_CALLINFO_CALLPARAMFLAGS	= 1 << 12,
	TAPI_CALLINFO_COMPLETIONID	= 1 << 13,
	TAPI_CALLINFO_USERUSERINFO	= 1 << 14,
	TAPI_CALLINFO_VALID		= (1 << 15) - 1,
};

/**
 * enum tapi_call_param_flag - what holds for a call (LINECALLPARAMFLAGS_*):
 *	&tapi_call_info.param_flags
 * @TAPI_CALLPARAM_SECURE: the call is secured from interruptions
 *	(%TAPI_IOC_CALL_SECURE, or placed so): no call waiting, no intrusion
 * @TAPI_CALLPARAM_BLOCKID: the caller withholds its number
 *	(%TAPI_CALL_MAKE_BLOCKID)
 * @TAPI_CALLPARAM_VALID: every flag defined
 */
enum tapi_call_param_flag {
	TAPI_CALLPARAM_SECURE		= 1 << 0,
	TAPI_CALLPARAM_BLOCKID		= 1 << 1,
	TAPI_CALLPARAM_VALID		= (1 << 2) - 1,
};

/**
 * enum tapi_addrstate_field - what changed on an address: param[1] of
 *	%TAPI_EV_ADDRESSSTATE (LINEADDRESSSTATE_*)
 * @TAPI_ADDRSTATE_INUSEZERO: the address went idle: no call in use
 * @TAPI_ADDRSTATE_INUSEONE: one call is in use on the address
 * @TAPI_ADDRSTATE_INUSEMANY: more than one call is in use
 * @TAPI_ADDRSTATE_NUMCALLS: the number of calls in use changed (param[2]
 *	is the new number)
 * @TAPI_ADDRSTATE_FORWARD: the address's forwarding changed (param[2] is
 *	the &enum tapi_forward_mode bits forwarded now; see
 *	%TAPI_IOC_ADDRESS_GET_STATUS).  A record with this bit has no other
 * @TAPI_ADDRSTATE_VALID: every bit defined
 */
enum tapi_addrstate_field {
	TAPI_ADDRSTATE_INUSEZERO	= 1 << 0,
	TAPI_ADDRSTATE_INUSEONE		= 1 << 1,
	TAPI_ADDRSTATE_INUSEMANY	= 1 << 2,
	TAPI_ADDRSTATE_NUMCALLS		= 1 << 3,
	TAPI_ADDRSTATE_FORWARD		= 1 << 4,
	TAPI_ADDRSTATE_VALID		= (1 << 5) - 1,
};

/**
 * enum tapi_request_flag - flags of every asynchronous command
 * @TAPI_REQUEST_SYNC: wait for the outcome and return it instead of a
 *	request id; no %TAPI_EV_REPLY is queued
 */
enum tapi_request_flag {
	TAPI_REQUEST_SYNC	= 1 << 0,
};

/* Flags of struct tapi_call_request, tapi_call_dial. */
#define TAPI_REQUEST_VALID	TAPI_REQUEST_SYNC

/**
 * enum tapi_call_make_flag - flags of struct tapi_call_make
 * @TAPI_CALL_MAKE_SYNC: %TAPI_REQUEST_SYNC
 * @TAPI_CALL_MAKE_BLOCKID: withhold this line's number from the far end
 * @TAPI_CALL_MAKE_VALID: every flag defined
 */
enum tapi_call_make_flag {
	TAPI_CALL_MAKE_SYNC	= TAPI_REQUEST_SYNC,
	TAPI_CALL_MAKE_BLOCKID	= 1 << 1,
	TAPI_CALL_MAKE_VALID	= (1 << 2) - 1,
};

/* Longest destination or digit string, with its NUL. */
#define TAPI_DIAL_LEN		64
/* Longest party name, with its NUL. */
#define TAPI_PARTY_NAME_LEN	64
/* Most bytes of user-user information (ITU-T Q.931 user-user, UUS1). */
#define TAPI_USERUSER_MAX	128

/**
 * struct tapi_call_make - place a call (TAPI's lineMakeCall); asynchronous
 * @size: sizeof(struct tapi_call_make) as known to user space
 * @flags: &enum tapi_call_make_flag bits
 * @address_id: in: the address to call from, 0 to num_addresses - 1
 * @media_mode: in: one &enum tapi_media_mode bit the line supports; 0
 *	means %TAPI_MEDIA_INTERACTIVEVOICE
 * @bearer_mode: in: one &enum tapi_bearer_mode bit the line supports; 0
 *	means %TAPI_BEARER_VOICE
 * @no_answer_timeout_ms: in: give up with %TAPI_DISCONNECTMODE_NOANSWER
 *	after this long alerting; 0 means the card's default
 * @call: out: the new call's handle.  It becomes valid, and starts
 *	receiving events, only once the request has succeeded: with its
 *	%TAPI_EV_REPLY (then a %TAPI_EV_CALLSTATE with the call's state and
 *	this fd's privilege follows), or when a %TAPI_REQUEST_SYNC call
 *	returns 0.  If the request fails the handle never becomes valid.
 * @request_id: out: the request id (also the ioctl's return value)
 * @dest: in: the number to call, NUL-terminated, no control characters
 *	(bytes 0x01-0x1f and 0x7f);
 *	empty leaves the call at %TAPI_CALLSTATE_DIALTONE for
 *	%TAPI_IOC_CALL_DIAL
 *
 * Any line fd may place calls, whatever its privileges; the caller owns
 * the new call.  Monitors of the line get a handle with %TAPI_EV_NEWCALL.
 * Fails with %EBUSY when the line or the address has no call to spare.
 */
struct tapi_call_make {
	__u32 size;
	__u32 flags;
	__u32 address_id;
	__u32 media_mode;
	__u32 bearer_mode;
	__u32 no_answer_timeout_ms;
	__u32 call;
	__u32 request_id;
	char dest[TAPI_DIAL_LEN];
};

/**
 * struct tapi_call_dial - dial more digits on a call (lineDial);
 *	asynchronous; legal in %TAPI_CALLSTATE_DIALTONE and DIALING.  Also
 *	the argument of %TAPI_IOC_CALL_BLIND_TRANSFER (lineBlindTransfer),
 *	@digits then the number to transfer the far party to: the call goes
 *	IDLE once the card took the transfer; a number it cannot reach
 *	fails the request with %ENXIO, a busy one with %EBUSY, and the call
 *	stays as it was.  The same for %TAPI_IOC_CALL_REDIRECT (lineRedirect)
 *	of an offered call
 * @size: sizeof(struct tapi_call_dial) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: the call handle
 * @request_id: out: the request id (also the ioctl's return value)
 * @digits: in: the digits, NUL-terminated, non-empty, no control
 *	characters
 */
struct tapi_call_dial {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 request_id;
	char digits[TAPI_DIAL_LEN];
};

/**
 * struct tapi_call_request - an asynchronous operation on one call:
 *	%TAPI_IOC_CALL_ANSWER, %TAPI_IOC_CALL_ACCEPT, %TAPI_IOC_CALL_DROP,
 *	%TAPI_IOC_CALL_HOLD, %TAPI_IOC_CALL_UNHOLD,
 *	%TAPI_IOC_CALL_REMOVE_FROM_CONF, %TAPI_IOC_CALL_SECURE
 * @size: sizeof(struct tapi_call_request) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: the call handle
 * @request_id: out: the request id (also the ioctl's return value)
 */
struct tapi_call_request {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 request_id;
};

/**
 * struct tapi_call_dealloc - release a call handle (lineDeallocateCall)
 * @size: sizeof(struct tapi_call_dealloc) as known to user space
 * @flags: must be zero
 * @call: in: the call handle; invalid from then on
 * @reserved: must be zero
 *
 * Refused with %EBUSY if the caller is the only owner of a call that is
 * not idle: drop it first.  The handle's outstanding requests are not
 * cancelled, but their replies carry a handle that no longer exists.
 */
struct tapi_call_dealloc {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 reserved;
};

/**
 * struct tapi_call_status - state of a call as this fd sees it
 *	(LINECALLSTATUS)
 * @size: sizeof(struct tapi_call_status) as known to user space
 * @flags: must be zero
 * @call: in: the call handle
 * @state: out: one &enum tapi_call_state bit
 * @mode: out: the state's mode (one bit of the state's mode enum), or 0
 *	for a state without modes
 * @privilege: out: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR: this handle's
 * @call_features: out: &enum tapi_call_feature bits this handle may use
 *	now; 0 for a monitor handle
 * @call_id: out: the call's id, as in &struct tapi_call_info
 * @state_ns: out: when the call entered @state, CLOCK_MONOTONIC
 */
struct tapi_call_status {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 state;
	__u32 mode;
	__u32 privilege;
	__u32 call_features;
	__u32 call_id;
	__aligned_u64 state_ns;
};

/**
 * struct tapi_call_party - one party of a call
 * @flags: &enum tapi_party_flag bits: what of @number and @name is valid
 * @reserved: zero
 * @number: the party's number, NUL-terminated (empty if unknown)
 * @name: the party's name, NUL-terminated (empty if unknown)
 */
struct tapi_call_party {
	__u32 flags;
	__u32 reserved;
	char number[TAPI_DIAL_LEN];
	char name[TAPI_PARTY_NAME_LEN];
};

/**
 * struct tapi_call_info - what is known of a call (LINECALLINFO)
 * @size: sizeof(struct tapi_call_info) as known to user space
 * @flags: must be zero
 * @call: in: the call handle
 * @line: out: the line index on the card
 * @address_id: out: the address of the line the call is on
 * @call_id: out: the call's id, unique on the card while the call exists
 *	and the same for every application (TAPI's dwCallID)
 * @related_call_id: out: call id of a related call (consultation,
 *	conference), 0 if none
 * @media_mode: out: &enum tapi_media_mode bits of the call
 * @bearer_mode: out: one &enum tapi_bearer_mode bit
 * @origin: out: one &enum tapi_call_origin bit
 * @reason: out: one &enum tapi_call_reason bit
 * @num_owners: out: handles to the call with owner privilege
 * @num_monitors: out: handles to the call with monitor privilege
 * @reserved: must be zero
 * @create_ns: out: when the call appeared, CLOCK_MONOTONIC
 * @state_entry_ns: out: when the call last entered each state, indexed
 *	by the state's bit number (ffs(state) - 1); 0 for states it never
 *	was in
 * @caller: out: the calling party
 * @called: out: the called party
 * @connected: out: the party the call is connected to
 * @redirecting: out: the party that redirected the call
 * @redirection: out: the party the call was redirected to; for a call
 *	this station parked, the park address (%TAPI_IOC_CALL_PARK)
 * @param_flags: out: &enum tapi_call_param_flag bits
 * @completion_id: out: for a call the switch places to answer a call
 *	completion (reason %TAPI_CALLREASON_CALLCOMPLETION), the completion's
 *	id (%TAPI_IOC_CALL_COMPLETE); else 0
 * @user_user_len: out: bytes of @user_user_info valid
 * @reserved2: must be zero
 * @user_user_info: out: the user-user information the far end sent last
 *	(%TAPI_IOC_CALL_SEND_USER_USER at its end), @user_user_len bytes
 *
 * Through a handle a line fd opened with %TAPI_PRIV_NONE alone got from
 * %TAPI_IOC_LINE_GET_NEW_CALLS, while it is a monitor handle, the five
 * parties are %TAPI_PARTYID_UNAVAIL with no number and no name, and there
 * is no user-user information.
 */
struct tapi_call_info {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 line;
	__u32 address_id;
	__u32 call_id;
	__u32 related_call_id;
	__u32 media_mode;
	__u32 bearer_mode;
	__u32 origin;
	__u32 reason;
	__u32 num_owners;
	__u32 num_monitors;
	__u32 reserved;
	__aligned_u64 create_ns;
	__aligned_u64 state_entry_ns[TAPI_CALLSTATE_COUNT];
	struct tapi_call_party caller;
	struct tapi_call_party called;
	struct tapi_call_party connected;
	struct tapi_call_party redirecting;
	struct tapi_call_party redirection;
	__u32 param_flags;
	__u32 completion_id;
	__u32 user_user_len;
	__u32 reserved2;
	__u8 user_user_info[TAPI_USERUSER_MAX];
};

/**
 * struct tapi_call_privilege - change this fd's privilege on a call
 *	(lineSetCallPrivilege)
 * @size: sizeof(struct tapi_call_privilege) as known to user space
 * @flags: must be zero
 * @call: in: the call handle
 * @privilege: in: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR
 *
 * Becoming owner is always allowed; an owner may step down to monitor,
 * unless it is the only owner of a call that is not idle (%EBUSY).  Every
 * handle holder gets %TAPI_EV_CALLINFO with the counts that changed, and
 * this handle a %TAPI_EV_CALLSTATE with its new privilege.
 */
struct tapi_call_privilege {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 privilege;
};

/**
 * struct tapi_call_handoff - give ownership of a call to another
 *	application (lineHandoff)
 * @size: sizeof(struct tapi_call_handoff) as known to user space
 * @flags: must be zero
 * @call: in: the call handle; this fd must own the call
 * @media_mode: in: hand off to the highest-priority owner of this one
 *	media mode on the line (see %TAPI_IOC_LINE_SET_PRIORITY); 0 for a
 *	directed handoff by @app_name
 * @app_name: in: with @media_mode 0, the target's application name as
 *	given at line open; the first owner of the line with that name
 *	wins.  Must be empty otherwise.
 *
 * The target becomes an owner of the call: a new handle with
 * %TAPI_EV_NEWCALL, or its monitor handle raised to owner, and a
 * %TAPI_EV_CALLSTATE with its privilege either way.  The caller stays an
 * owner until it deallocates its handle or steps down to monitor.
 * The target is a line fd of the same line opened with %TAPI_PRIV_OWNER:
 * for a media mode handoff, the one %TAPI_IOC_LINE_SET_PRIORITY would give
 * an inbound call of that mode (highest priority, first opener among
 * equals); for a directed one, the first owner of that name other than
 * the caller.  Fails with %ESRCH if there is none, and with %EINVAL if
 * the media mode's target is the caller itself, or the caller is the only
 * owner of that name (TAPI's LINEERR_TARGETSELF).
 */
struct tapi_call_handoff {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 media_mode;
	char app_name[TAPI_NAME_LEN];
};

/**
 * enum tapi_new_calls_flag - flags of struct tapi_line_new_calls
 * @TAPI_NEW_CALLS_ADDRESS: only calls on @address_id, not the whole line
 * @TAPI_NEW_CALLS_VALID: every flag defined
 */
enum tapi_new_calls_flag {
	TAPI_NEW_CALLS_ADDRESS	= 1 << 0,
	TAPI_NEW_CALLS_VALID	= (1 << 1) - 1,
};

/**
 * struct tapi_line_new_calls - get monitor handles to the calls of the
 *	line this fd has no handle to (lineGetNewCalls)
 * @size: sizeof(struct tapi_line_new_calls) as known to user space
 * @flags: &enum tapi_new_calls_flag bits
 * @address_id: in: with %TAPI_NEW_CALLS_ADDRESS, the address
 * @capacity: in: how many __u32 @handles points to; 0 only counts
 * @count: out: handles created and written to @handles
 * @remaining: out: calls left without a handle because @handles was full
 * @handles: in: user pointer to an array of @capacity __u32
 *
 * Idle calls are skipped.  No events are queued for the new handles'
 * creation; they receive the calls' events from then on.
 */
struct tapi_line_new_calls {
	__u32 size;
	__u32 flags;
	__u32 address_id;
	__u32 capacity;
	__u32 count;
	__u32 remaining;
	__aligned_u64 handles;
};

/**
 * enum tapi_forward_mode - when an address forwards its calls
 *	(LINEFORWARDMODE_*)
 * @TAPI_FORWARD_UNCOND: every call, at once
 * @TAPI_FORWARD_BUSY: calls that find the address busy
 * @TAPI_FORWARD_NOANSWER: calls not answered within the forwarding's
 *	no-answer time
 * @TAPI_FORWARD_VALID: every mode defined
 */
enum tapi_forward_mode {
	TAPI_FORWARD_UNCOND		= 1 << 0,
	TAPI_FORWARD_BUSY		= 1 << 1,
	TAPI_FORWARD_NOANSWER		= 1 << 2,
	TAPI_FORWARD_VALID		= (1 << 3) - 1,
};

/* Most entries of one forwarding list: one per mode, with room to grow. */
#define TAPI_FORWARD_MAX	4

/**
 * struct tapi_forward_entry - one entry of a forwarding list
 * @mode: one &enum tapi_forward_mode bit
 * @reserved: must be zero
 * @dest: the number calls go to, NUL-terminated, non-empty, no control
 *	characters
 */
struct tapi_forward_entry {
	__u32 mode;
	__u32 reserved;
	char dest[TAPI_DIAL_LEN];
};

/**
 * struct tapi_address_status - state of one address of the line
 *	(LINEADDRESSSTATUS); issued on a line fd
 * @size: sizeof(struct tapi_address_status) as known to user space
 * @flags: must be zero
 * @address_id: in: the address, 0 to num_addresses - 1
 * @num_inuse: out: calls on the address that are not idle
 * @num_active_calls: out: of those, calls not held and not disconnected
 * @num_onhold_calls: out: calls on hold
 * @num_onholdpend_calls: out: calls on hold pending transfer or conference
 * @address_features: out: &enum tapi_address_feature bits legal now
 * @num_forward: out: entries of @forward in use: the address forwards
 *	its calls as they say (in the order of their mode bits); 0 when it
 *	does not forward
 * @forward_no_answer_ms: out: with a %TAPI_FORWARD_NOANSWER entry, how
 *	long a call alerts before it is forwarded
 * @forward: out: the forwarding in force, as the card reports it
 *	(%TAPI_IOC_LINE_FORWARD, or set at the switch); unused entries zero
 */
struct tapi_address_status {
	__u32 size;
	__u32 flags;
	__u32 address_id;
	__u32 num_inuse;
	__u32 num_active_calls;
	__u32 num_onhold_calls;
	__u32 num_onholdpend_calls;
	__u32 address_features;
	__u32 num_forward;
	__u32 forward_no_answer_ms;
	struct tapi_forward_entry forward[TAPI_FORWARD_MAX];
};

/**
 * struct tapi_line_event_mask - choose the events a line fd receives
 *	(lineSetStatusMessages)
 * @size: sizeof(struct tapi_line_event_mask) as known to user space
 * @flags: must be zero
 * @event_mask: in: as &tapi_line_open.event_mask; 0 means all
 */
struct tapi_line_event_mask {
	__u32 size;
	__u32 flags;
	__aligned_u64 event_mask;
};

/**
 * struct tapi_line_priority - this fd's priority for inbound calls
 *	(lineSetAppPriority, per line fd)
 * @size: sizeof(struct tapi_line_priority) as known to user space
 * @flags: must be zero
 * @media_modes: in: &enum tapi_media_mode bits, non-zero, all owned by
 *	this fd (else %EINVAL)
 * @priority: in: the priority for each of them; higher wins, 0 is the
 *	default
 *
 * An inbound call goes to the owner of its media mode with the highest
 * priority; among equals, to the one that opened the line first.  A
 * media mode handoff picks its target the same way.
 */
struct tapi_line_priority {
	__u32 size;
	__u32 flags;
	__u32 media_modes;
	__u32 priority;
};

/**
 * DOC: Supplementary services
 *
 * Hold, transfer and conference (TAPI's lineHold to
 * lineRemoveFromConference) are asynchronous requests like answer and
 * drop: the ioctl returns a request id and the outcome arrives as a
 * %TAPI_EV_REPLY, or %TAPI_REQUEST_SYNC waits for it.  Each needs owner
 * privilege on every call it names, and is legal only where its bit is
 * in the call features of %TAPI_IOC_CALL_GET_STATUS, which follow the
 * call's state and the calls around it:
 *
 * ==================  =====================================================
 * HOLD                CONNECTED (a conference call too)
 * UNHOLD              ONHOLD
 * SWAPHOLD            CONNECTED, not a conference call, while another call
 *                     of the line is held (ONHOLD or ONHOLDPENDTRANSFER)
 * SETUPTRANSFER       CONNECTED, not a conference call
 * COMPLETETRANSF      ONHOLDPENDTRANSFER
 * BLINDTRANSFER       CONNECTED, not a conference call
 * SETUPCONF           CONNECTED, not a conference call
 * PREPAREADDCONF      a conference call, CONNECTED, below its limit
 * ADDTOCONF           a conference call, ONHOLDPENDCONF, below its limit
 * REMOVEFROMCONF      CONFERENCED, while the conference has another member
 * ==================  =====================================================
 *
 * Requests that create calls (the consultation call of setup transfer,
 * setup conference and prepare add to conference, the conference call of
 * setup conference and of a transfer resolved as a conference) write the
 * new handles back at once, owned by the requester; they become valid
 * with the successful reply (then a %TAPI_EV_CALLSTATE with the call's
 * state and the privilege follows), and never do if the request fails.
 * The line's monitors get handles to them with %TAPI_EV_NEWCALL.  A
 * consultation call needs room on the address as any new call does
 * (%EBUSY), counting the call it puts on hold as gone; conferenced
 * members do not count, their conference call does.
 *
 * A conference call (origin %TAPI_CALLORIGIN_CONFERENCE) carries this
 * station's side of the conference: its media fds hear every member and
 * are heard by all.  Each member call is CONFERENCED, its
 * ``related_call_id`` the conference call's id, and its
 * %TAPI_EV_CALLSTATE names the conference call's id in param[3].
 * Dropping the conference call drops every member; dropping a member
 * takes that party out.  A conference whose last member goes idle goes
 * idle too.
 *
 * What the card does to the far parties (connected ids, reasons) is
 * reported as %TAPI_EV_CALLINFO on their calls.
 */

/**
 * enum tapi_transfer_mode - how %TAPI_IOC_CALL_COMPLETE_TRANSFER resolves
 *	(LINETRANSFERMODE_*)
 * @TAPI_TRANSFER_TRANSFER: the held party and the consulted party are
 *	connected to each other; both calls of this station go idle
 * @TAPI_TRANSFER_CONFERENCE: the three parties form a conference: a new
 *	conference call, both calls its members
 * @TAPI_TRANSFER_VALID: every mode defined
 */
enum tapi_transfer_mode {
	TAPI_TRANSFER_TRANSFER		= 1 << 0,
	TAPI_TRANSFER_CONFERENCE	= 1 << 1,
	TAPI_TRANSFER_VALID		= (1 << 2) - 1,
};

/**
 * struct tapi_call_pair - an asynchronous operation on two calls of this
 *	fd: %TAPI_IOC_CALL_SWAP_HOLD, %TAPI_IOC_CALL_ADD_TO_CONF
 * @size: sizeof(struct tapi_call_pair) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: swap hold: the active call; add to conference: the
 *	conference call
 * @other: in: swap hold: the held call; add to conference: the call to
 *	add, CONNECTED, on the same line
 * @request_id: out: the request id (also the ioctl's return value)
 * @reserved: must be zero
 *
 * Swap hold exchanges the two calls' states: the active call takes the
 * held call's (ONHOLD or ONHOLDPENDTRANSFER), the held call becomes
 * CONNECTED, so a transfer under way can still be completed from either
 * side.  Add to conference makes @other CONFERENCED and the conference
 * call CONNECTED; %ENOSPC when the conference is full.
 */
struct tapi_call_pair {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 other;
	__u32 request_id;
	__u32 reserved;
};

/**
 * struct tapi_call_consult - an operation that creates a consultation
 *	call: %TAPI_IOC_CALL_SETUP_TRANSFER, %TAPI_IOC_CALL_PREPARE_ADD_CONF
 * @size: sizeof(struct tapi_call_consult) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: setup transfer: the call to transfer, CONNECTED; it goes
 *	ONHOLDPENDTRANSFER.  Prepare add: the conference call, CONNECTED;
 *	it goes ONHOLDPENDCONF
 * @consult: out: the handle of the consultation call, in DIALTONE once
 *	the request succeeded: dial the party to consult with
 *	%TAPI_IOC_CALL_DIAL
 * @request_id: out: the request id (also the ioctl's return value)
 * @reserved: must be zero
 *
 * Dropping the consultation call before the transfer or the addition
 * completes gives the held call back: it becomes CONNECTED again.
 */
struct tapi_call_consult {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 consult;
	__u32 request_id;
	__u32 reserved;
};

/**
 * enum tapi_complete_transfer_flag - flags of struct
 *	tapi_call_complete_transfer
 * @TAPI_COMPLETE_TRANSFER_SYNC: %TAPI_REQUEST_SYNC
 * @TAPI_COMPLETE_TRANSFER_CONFERENCE: resolve into a three-way conference
 *	(%TAPI_TRANSFER_CONFERENCE) instead of transferring
 * @TAPI_COMPLETE_TRANSFER_VALID: every flag defined
 */
enum tapi_complete_transfer_flag {
	TAPI_COMPLETE_TRANSFER_SYNC		= TAPI_REQUEST_SYNC,
	TAPI_COMPLETE_TRANSFER_CONFERENCE	= 1 << 1,
	TAPI_COMPLETE_TRANSFER_VALID		= (1 << 2) - 1,
};

/**
 * struct tapi_call_complete_transfer - complete a consultation transfer
 *	(lineCompleteTransfer); asynchronous
 * @size: sizeof(struct tapi_call_complete_transfer) as known to user space
 * @flags: &enum tapi_complete_transfer_flag bits
 * @call: in: the call being transferred, ONHOLDPENDTRANSFER
 * @consult: in: its consultation call, CONNECTED (the one setup transfer
 *	created, or the other side of a swap hold)
 * @conf: out: with %TAPI_COMPLETE_TRANSFER_CONFERENCE, the handle of the
 *	new conference call (valid once the request succeeded); else 0
 * @request_id: out: the request id (also the ioctl's return value)
 *
 * A transfer connects the two far parties to each other: both calls go
 * IDLE (deallocate them), and the far parties' calls get the other as
 * their connected party, this station as the redirecting party and the
 * reason %TAPI_CALLREASON_TRANSFER.  A conference makes both calls
 * CONFERENCED members of the new conference call, CONNECTED.
 */
struct tapi_call_complete_transfer {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 consult;
	__u32 conf;
	__u32 request_id;
};

/**
 * struct tapi_call_setup_conf - start a conference from a two-party call
 *	(lineSetupConference); asynchronous
 * @size: sizeof(struct tapi_call_setup_conf) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: the call to start from, CONNECTED; it becomes the first
 *	member (CONFERENCED)
 * @num_parties: in: members expected, 2 to the address's
 *	``max_conf_members`` (a hint for the card; 0 means 2)
 * @conf: out: the conference call's handle, ONHOLDPENDCONF once the
 *	request succeeded
 * @consult: out: the consultation call's handle, DIALTONE once the
 *	request succeeded; add it with %TAPI_IOC_CALL_ADD_TO_CONF once the
 *	party answered
 * @request_id: out: the request id (also the ioctl's return value)
 * @reserved: must be zero
 */
struct tapi_call_setup_conf {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 num_parties;
	__u32 conf;
	__u32 consult;
	__u32 request_id;
	__u32 reserved;
};

/**
 * struct tapi_conf_member - one entry of %TAPI_IOC_CALL_GET_CONF_RELATED
 * @call_id: the call's id (``call_id`` of %TAPI_IOC_CALL_GET_INFO)
 * @handle: this fd's handle to the call, 0 if it has none
 *	(%TAPI_IOC_LINE_GET_NEW_CALLS gets one)
 * @state: the call's state
 * @reserved: zero
 */
struct tapi_conf_member {
	__u32 call_id;
	__u32 handle;
	__u32 state;
	__u32 reserved;
};

/**
 * struct tapi_conf_related - the calls of a conference
 *	(lineGetConfRelatedCalls); synchronous, any privilege
 * @size: sizeof(struct tapi_conf_related) as known to user space
 * @flags: must be zero
 * @call: in: the conference call or one of its members
 * @capacity: in: how many entries @members points to; 0 only counts
 * @count: out: entries written: the conference call first, then its
 *	members (CONFERENCED calls) in the order they joined
 * @remaining: out: entries left out because @members was full
 * @members: in: user pointer to an array of @capacity struct
 *	tapi_conf_member
 *
 * %EINVAL (with @count 0) if @call is neither a conference call nor a
 * member of one.
 */
struct tapi_conf_related {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 capacity;
	__u32 count;
	__u32 remaining;
	__aligned_u64 members;
};

/**
 * DOC: Call services
 *
 * Redirect, pickup, park and unpark, forward, secure call, user-user
 * information and call completion (TAPI's lineRedirect, linePickup,
 * linePark, lineUnpark, lineForward, lineSecureCall,
 * lineSendUserUserInfo, lineCompleteCall and lineUncompleteCall) are
 * asynchronous requests like hold: a request id and a %TAPI_EV_REPLY, or
 * %TAPI_REQUEST_SYNC.  Those on a call need owner privilege and the
 * call's feature bit (%TAPI_IOC_CALL_GET_STATUS), legal in these states:
 *
 * ==================  =====================================================
 * REDIRECT            OFFERING, ACCEPTED
 * PARK                CONNECTED, not a conference call
 * SECURECALL          any state but IDLE and DISCONNECTED, while the call
 *                     is not secure yet
 * SENDUSERUSER        OFFERING, ACCEPTED, PROCEEDING, RINGBACK, CONNECTED
 * COMPLETECALL        BUSY (camp-on or call back), RINGBACK (call back)
 * ==================  =====================================================
 *
 * Pickup, unpark, forward and uncomplete act on the line: any line fd may
 * issue them, if the address has the feature (&enum
 * tapi_address_feature; %TAPI_IOC_ADDRESS_GET_STATUS says which are legal
 * now: pickup and unpark need room for one more call).
 *
 * Redirect deflects a call offered here to another number before it is
 * answered: the call goes IDLE here, and the caller's call reports the
 * new destination as its redirection party.  The new station sees the
 * reason %TAPI_CALLREASON_REDIRECT and this address as the redirecting
 * party.  %EBUSY (a busy number) and %ENXIO (an unknown one) leave the
 * call offered here.
 *
 * Pickup (struct tapi_line_pickup) answers, from this line, a call
 * alerting at another station: the one at @dest (directed pickup), or
 * the one alerting longest in pickup group @group (empty: this address's
 * own group, as the card configures it).  It creates a call like make
 * call does: the new handle is written back at once and becomes valid
 * with the successful reply, CONNECTED, reason %TAPI_CALLREASON_PICKUP,
 * origin as the picked call's.  The call at the other station goes
 * DISCONNECTED with %TAPI_DISCONNECTMODE_PICKUP.  %ESRCH: nothing alerts
 * there.
 *
 * Park (struct tapi_call_park) puts the far party of a CONNECTED call on
 * a park address of the switch, at one the application names
 * (%TAPI_PARK_DIRECTED) or one the switch picks
 * (%TAPI_PARK_NONDIRECTED).  The call goes IDLE here; before it does, its
 * redirection party (%TAPI_IOC_CALL_GET_INFO, until the handle is
 * deallocated) names the park address, announced by a %TAPI_EV_CALLINFO.
 * The parked party stays connected to the switch, held.  A taken park
 * address, or none free, is %EBUSY; a number that is no park address
 * %ENXIO.  Unpark (struct tapi_line_pickup, @group empty) retrieves the
 * call parked at @dest onto this line, as pickup does (reason
 * %TAPI_CALLREASON_UNPARK); %ESRCH when nothing is parked there.
 *
 * Forward (struct tapi_line_forward) replaces the forwarding of one
 * address, or of every address of the line, with a list of at most one
 * entry per &enum tapi_forward_mode; an empty list cancels it.  Once the
 * card has applied it, %TAPI_IOC_ADDRESS_GET_STATUS shows it, and if it
 * changed what was in force, every line fd gets %TAPI_EV_ADDRESSSTATE
 * with %TAPI_ADDRSTATE_FORWARD (so does a change the switch makes on its
 * own).
 * Calls forwarded away reach their new station with reason
 * %TAPI_CALLREASON_FWDUNCOND, FWDBUSY or FWDNOANSWER and this address as
 * the redirecting party; one that was alerting here when its no-answer
 * time ran out goes DISCONNECTED with %TAPI_DISCONNECTMODE_FORWARDED.
 *
 * Secure call sets %TAPI_CALLPARAM_SECURE in the call's
 * ``param_flags``: the switch keeps call waiting and intrusion away from
 * it (a second call finds the line busy).
 *
 * Send user-user information passes up to the address's
 * ``max_user_user`` bytes to the far end, whose call reports them in its
 * call information with %TAPI_CALLINFO_USERUSERINFO.
 *
 * Call completion (struct tapi_call_completion) asks the switch to
 * complete a call that found the far end busy or not answering.  Camp-on
 * (%TAPI_COMPLETION_CAMPON, BUSY only) leaves the call waiting: when the
 * far end is free it is alerted, and the call goes BUSY to RINGBACK.
 * Call back (%TAPI_COMPLETION_CALLBACK) lets the call go: once the far end
 * is free the switch calls this line, with reason
 * %TAPI_CALLREASON_CALLCOMPLETION and the completion's id in the call
 * information; answering it rings the far end again.  The call back goes
 * to the line fd that asked for it, if it is still open and owns the
 * call's media mode, else to the line's owner as any inbound call.  The
 * completion id is written back at once; it names the completion on
 * this line fd until the completion is answered or cancelled, by
 * %TAPI_IOC_LINE_UNCOMPLETE or by closing the fd.
 */

/**
 * enum tapi_park_mode - how %TAPI_IOC_CALL_PARK picks the park address
 *	(LINEPARKMODE_*)
 * @TAPI_PARK_DIRECTED: at the address the application names
 * @TAPI_PARK_NONDIRECTED: at a free one the switch picks
 * @TAPI_PARK_VALID: every mode defined
 */
enum tapi_park_mode {
	TAPI_PARK_DIRECTED		= 1 << 0,
	TAPI_PARK_NONDIRECTED		= 1 << 1,
	TAPI_PARK_VALID			= (1 << 2) - 1,
};

/**
 * enum tapi_completion_mode - how a busy or unanswered call is completed
 *	(LINECALLCOMPLMODE_*)
 * @TAPI_COMPLETION_CAMPON: wait at the busy station until it is free
 * @TAPI_COMPLETION_CALLBACK: call this line back once the station is free
 * @TAPI_COMPLETION_VALID: every mode defined
 */
enum tapi_completion_mode {
	TAPI_COMPLETION_CAMPON		= 1 << 0,
	TAPI_COMPLETION_CALLBACK	= 1 << 1,
	TAPI_COMPLETION_VALID		= (1 << 2) - 1,
};

/* Most call completions one line fd may have pending. */
#define TAPI_MAX_COMPLETIONS	16

/**
 * struct tapi_line_pickup - take a call from elsewhere onto this line:
 *	%TAPI_IOC_LINE_PICKUP (linePickup), %TAPI_IOC_LINE_UNPARK
 *	(lineUnpark); asynchronous
 * @size: sizeof(struct tapi_line_pickup) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @address_id: in: the address of this line the call comes to
 * @call: out: the new call's handle, valid once the request succeeded
 *	(as &tapi_call_make.call)
 * @request_id: out: the request id (also the ioctl's return value)
 * @reserved: must be zero
 * @dest: in: pickup: the number of the station whose alerting call to
 *	take, or empty for a group pickup; unpark: the park address,
 *	non-empty.  NUL-terminated, no control characters
 * @group: in: pickup with @dest empty: the pickup group, empty for the
 *	address's own; must be empty otherwise and for unpark
 */
struct tapi_line_pickup {
	__u32 size;
	__u32 flags;
	__u32 address_id;
	__u32 call;
	__u32 request_id;
	__u32 reserved;
	char dest[TAPI_DIAL_LEN];
	char group[TAPI_DIAL_LEN];
};

/**
 * struct tapi_call_park - park a call (linePark); asynchronous
 * @size: sizeof(struct tapi_call_park) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: the call handle, CONNECTED
 * @mode: in: one &enum tapi_park_mode bit of the address's ``park_modes``
 * @request_id: out: the request id (also the ioctl's return value)
 * @reserved: must be zero
 * @dest: in: %TAPI_PARK_DIRECTED: the park address, non-empty, no control
 *	characters; %TAPI_PARK_NONDIRECTED: empty
 */
struct tapi_call_park {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 mode;
	__u32 request_id;
	__u32 reserved;
	char dest[TAPI_DIAL_LEN];
};

/**
 * enum tapi_line_forward_flag - flags of struct tapi_line_forward
 * @TAPI_LINE_FORWARD_SYNC: %TAPI_REQUEST_SYNC
 * @TAPI_LINE_FORWARD_ALL_ADDRESSES: forward every address of the line
 *	(the line needs %TAPI_LINEFEATURE_FORWARD, and every address
 *	%TAPI_ADDRFEATURE_FORWARD and each mode of the list in its
 *	``forward_modes``); @address_id must be 0
 * @TAPI_LINE_FORWARD_VALID: every flag defined
 */
enum tapi_line_forward_flag {
	TAPI_LINE_FORWARD_SYNC		= TAPI_REQUEST_SYNC,
	TAPI_LINE_FORWARD_ALL_ADDRESSES	= 1 << 1,
	TAPI_LINE_FORWARD_VALID		= (1 << 2) - 1,
};

/* Longest no-answer time of a forwarding, in ms. */
#define TAPI_FORWARD_NO_ANSWER_MS_MAX	600000

/**
 * struct tapi_line_forward - set or cancel the forwarding of an address
 *	(lineForward); asynchronous
 * @size: sizeof(struct tapi_line_forward) as known to user space
 * @flags: &enum tapi_line_forward_flag bits
 * @address_id: in: the address, without %TAPI_LINE_FORWARD_ALL_ADDRESSES
 * @no_answer_ms: in: with a %TAPI_FORWARD_NOANSWER entry, how long a call
 *	alerts before it is forwarded, at most
 *	%TAPI_FORWARD_NO_ANSWER_MS_MAX; 0 for the card's default.  Must be 0
 *	without such an entry
 * @num_entries: in: entries of @entries used, at most %TAPI_FORWARD_MAX;
 *	0 cancels all forwarding
 * @request_id: out: the request id (also the ioctl's return value)
 * @entries: in: the forwarding list: each mode of the address's
 *	``forward_modes`` at most once (%EINVAL twice), to a number that is
 *	not the address's own (%EINVAL); unused entries must be zero
 */
struct tapi_line_forward {
	__u32 size;
	__u32 flags;
	__u32 address_id;
	__u32 no_answer_ms;
	__u32 num_entries;
	__u32 request_id;
	struct tapi_forward_entry entries[TAPI_FORWARD_MAX];
};

/**
 * struct tapi_call_user_user - send user-user information to the far end
 *	(lineSendUserUserInfo); asynchronous
 * @size: sizeof(struct tapi_call_user_user) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: the call handle
 * @request_id: out: the request id (also the ioctl's return value)
 * @len: in: bytes of @data to send, 1 to the address's ``max_user_user``
 *	(else %EINVAL)
 * @reserved: must be zero
 * @data: in: the information; bytes past @len must be zero
 */
struct tapi_call_user_user {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 request_id;
	__u32 len;
	__u32 reserved;
	__u8 data[TAPI_USERUSER_MAX];
};

/**
 * struct tapi_call_completion - ask the switch to complete a busy or
 *	unanswered call (lineCompleteCall); asynchronous
 * @size: sizeof(struct tapi_call_completion) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @call: in: the call handle, BUSY or RINGBACK
 * @mode: in: one &enum tapi_completion_mode bit of the address's
 *	``completion_modes``; %TAPI_COMPLETION_CAMPON needs the call BUSY
 *	(else %EBADFD).  A far end the card cannot complete calls to (the
 *	sim: one outside the card) fails the request with %ENXIO
 * @completion_id: out: the completion's id on this line fd, written at
 *	once; it names nothing if the request fails
 * @request_id: out: the request id (also the ioctl's return value)
 */
struct tapi_call_completion {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 mode;
	__u32 completion_id;
	__u32 request_id;
};

/**
 * struct tapi_line_uncomplete - cancel a call completion
 *	(lineUncompleteCall); asynchronous
 * @size: sizeof(struct tapi_line_uncomplete) as known to user space
 * @flags: %TAPI_REQUEST_VALID bits
 * @completion_id: in: a pending completion this line fd asked for
 *	(%ENOENT otherwise: never made, answered, or cancelled)
 * @request_id: out: the request id (also the ioctl's return value)
 *
 * A camped-on call stays BUSY, no longer waiting; a call back will not
 * come.
 */
struct tapi_line_uncomplete {
	__u32 size;
	__u32 flags;
	__u32 completion_id;
	__u32 request_id;
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
#define TAPI_IOC_LINE_SET_EVENT_MASK	_IO(TAPI_IOC_TYPE, 0x06)
#define TAPI_IOC_LINE_SET_PRIORITY	_IO(TAPI_IOC_TYPE, 0x07)
#define TAPI_IOC_ADDRESS_GET_STATUS	_IO(TAPI_IOC_TYPE, 0x08)
#define TAPI_IOC_LINE_GET_NEW_CALLS	_IO(TAPI_IOC_TYPE, 0x09)
#define TAPI_IOC_CALL_MAKE		_IO(TAPI_IOC_TYPE, 0x0a)
#define TAPI_IOC_CALL_DIAL		_IO(TAPI_IOC_TYPE, 0x0b)
#define TAPI_IOC_CALL_ANSWER		_IO(TAPI_IOC_TYPE, 0x0c)
#define TAPI_IOC_CALL_ACCEPT		_IO(TAPI_IOC_TYPE, 0x0d)
#define TAPI_IOC_CALL_DROP		_IO(TAPI_IOC_TYPE, 0x0e)
#define TAPI_IOC_CALL_DEALLOCATE	_IO(TAPI_IOC_TYPE, 0x0f)
#define TAPI_IOC_CALL_GET_INFO		_IO(TAPI_IOC_TYPE, 0x10)
#define TAPI_IOC_CALL_GET_STATUS	_IO(TAPI_IOC_TYPE, 0x11)
#define TAPI_IOC_CALL_SET_PRIVILEGE	_IO(TAPI_IOC_TYPE, 0x12)
#define TAPI_IOC_CALL_HANDOFF		_IO(TAPI_IOC_TYPE, 0x13)
#define TAPI_IOC_CALL_MEDIA_OPEN	_IO(TAPI_IOC_TYPE, 0x14)
#define TAPI_IOC_CALL_GENERATE_DIGITS	_IO(TAPI_IOC_TYPE, 0x15)
#define TAPI_IOC_CALL_GENERATE_TONE	_IO(TAPI_IOC_TYPE, 0x16)
#define TAPI_IOC_CALL_MONITOR_DIGITS	_IO(TAPI_IOC_TYPE, 0x17)
#define TAPI_IOC_CALL_GATHER_DIGITS	_IO(TAPI_IOC_TYPE, 0x18)
#define TAPI_IOC_CALL_MONITOR_TONES	_IO(TAPI_IOC_TYPE, 0x19)
#define TAPI_IOC_CALL_MONITOR_MEDIA	_IO(TAPI_IOC_TYPE, 0x1a)
#define TAPI_IOC_CALL_HOLD		_IO(TAPI_IOC_TYPE, 0x1b)
#define TAPI_IOC_CALL_UNHOLD		_IO(TAPI_IOC_TYPE, 0x1c)
#define TAPI_IOC_CALL_SWAP_HOLD		_IO(TAPI_IOC_TYPE, 0x1d)
#define TAPI_IOC_CALL_SETUP_TRANSFER	_IO(TAPI_IOC_TYPE, 0x1e)
#define TAPI_IOC_CALL_COMPLETE_TRANSFER	_IO(TAPI_IOC_TYPE, 0x1f)
#define TAPI_IOC_CALL_BLIND_TRANSFER	_IO(TAPI_IOC_TYPE, 0x20)
#define TAPI_IOC_CALL_SETUP_CONF	_IO(TAPI_IOC_TYPE, 0x21)
#define TAPI_IOC_CALL_PREPARE_ADD_CONF	_IO(TAPI_IOC_TYPE, 0x22)
#define TAPI_IOC_CALL_ADD_TO_CONF	_IO(TAPI_IOC_TYPE, 0x23)
#define TAPI_IOC_CALL_REMOVE_FROM_CONF	_IO(TAPI_IOC_TYPE, 0x24)
#define TAPI_IOC_CALL_GET_CONF_RELATED	_IO(TAPI_IOC_TYPE, 0x25)
#define TAPI_IOC_CALL_REDIRECT		_IO(TAPI_IOC_TYPE, 0x26)
#define TAPI_IOC_LINE_PICKUP		_IO(TAPI_IOC_TYPE, 0x27)
#define TAPI_IOC_CALL_PARK		_IO(TAPI_IOC_TYPE, 0x28)
#define TAPI_IOC_LINE_UNPARK		_IO(TAPI_IOC_TYPE, 0x29)
#define TAPI_IOC_LINE_FORWARD		_IO(TAPI_IOC_TYPE, 0x2a)
#define TAPI_IOC_CALL_SECURE		_IO(TAPI_IOC_TYPE, 0x2b)
#define TAPI_IOC_CALL_SEND_USER_USER	_IO(TAPI_IOC_TYPE, 0x2c)
#define TAPI_IOC_CALL_COMPLETE		_IO(TAPI_IOC_TYPE, 0x2d)
#define TAPI_IOC_LINE_UNCOMPLETE	_IO(TAPI_IOC_TYPE, 0x2e)

/**
 * enum tapi_event_type - type of a struct tapi_event (TAPI's LINE_* messages)
 * @TAPI_EV_REPLY: an asynchronous request completed: request_id is its
 *	id, call the call handle it was about, param[0] (read as __s32) its
 *	result: 0 or a negative errno.  Sent to the requester only.
 * @TAPI_EV_CALLSTATE: a call changed state: param[0] the state (&enum
 *	tapi_call_state), param[1] its mode, param[2] this fd's privilege on
 *	the call (%TAPI_PRIV_OWNER/%TAPI_PRIV_MONITOR) in the first
 *	CALLSTATE for a handle and whenever the privilege changed, else 0;
 *	param[3], for %TAPI_CALLSTATE_CONFERENCED, the call id of the
 *	conference call (TAPI's hConfCall), else 0
 * @TAPI_EV_CALLINFO: call information changed: param[0] the &enum
 *	tapi_callinfo_field bits of what changed
 * @TAPI_EV_NEWCALL: this fd got a handle (call) to a call it did not
 *	place (TAPI's LINE_APPNEWCALL): param[0] the address id, param[1]
 *	the privilege, param[2] the call id.  A %TAPI_EV_CALLSTATE with the
 *	call's current state follows.
 * @TAPI_EV_LINEDEVSTATE: the line's device state changed; param[0] the new
 *	&enum tapi_devstatus_flag bits
 * @TAPI_EV_ADDRESSSTATE: an address's state changed; param[0] the address
 *	id, param[1] which (&enum tapi_addrstate_field), param[2] the number
 *	of calls now in use on the address, or with %TAPI_ADDRSTATE_FORWARD
 *	the &enum tapi_forward_mode bits forwarded now
 * @TAPI_EV_GENERATE: digit or tone generation ended: param[0] the &enum
 *	tapi_generate_term, param[1] %TAPI_GENERATE_DIGITS or
 *	%TAPI_GENERATE_TONE, param[2] digits sent (digits; one cut short
 *	counts once it sounded %TAPI_GENERATE_DIGIT_MS_MIN, enough for a
 *	receiver to take it) or milliseconds played (tone).  To the handle
 *	that started it only.
 * @TAPI_EV_MONITORDIGITS: a digit was detected: param[0] the digit (its
 *	ASCII code: ``0``-``9``, ``*``, ``#``, ``A``-``D``), param[1] the
 *	&enum tapi_digit_mode it is reported in (%TAPI_DIGITMODE_DTMF at its
 *	start, %TAPI_DIGITMODE_DTMFEND at its end), param[2] the &enum
 *	tapi_digit_source, param[3] with DTMFEND its length in milliseconds.
 *	@timestamp_ns is when the digit started (ended, for DTMFEND).  To
 *	handles monitoring that mode (%TAPI_IOC_CALL_MONITOR_DIGITS) only.
 * @TAPI_EV_GATHERDIGITS: digit gathering ended: param[0] the &enum
 *	tapi_gather_term, param[1] the number of digits gathered, param[2]
 *	to param[7] the digits (ASCII, in order, zero-padded: up to
 *	%TAPI_GATHER_MAX_DIGITS).  To the gathering handle only.
 * @TAPI_EV_MONITORTONE: a monitored tone was heard for its duration:
 *	param[0] its ``app_specific``, param[1] its index in the list given
 *	to %TAPI_IOC_CALL_MONITOR_TONES.  To the monitoring handle only.
 * @TAPI_EV_MONITORMEDIA: a media mode was detected: param[0] the &enum
 *	tapi_media_mode bit.  To handles monitoring it only.
 * @TAPI_EV_DEVSPECIFIC: device-specific notification from the TSP
 * @TAPI_EV_MSPDATA: the TSP sent data to the MSP: param[0] its length;
 *	read() it from a media fd of the call (see "MSP data").  To every
 *	handle of the call.
 * @TAPI_EV_CLOSE: the line was closed under the opener (forced close);
 *	param[0] is a &enum tapi_close_reason
 * @TAPI_EV_REMOVED: the card was removed; the last record of a line fd,
 *	right after a %TAPI_EV_CLOSE with reason %TAPI_CLOSE_REMOVED
 * @TAPI_EV_MEDIA: a media fd of the call lost audio: param[0] the
 *	&enum tapi_media_xrun bits of what happened since the last such
 *	event for that fd, param[1] and param[2] its RX overrun and TX
 *	underrun counts so far.  At most one a second per media fd, to every
 *	handle of the call.
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
	TAPI_EV_MEDIA		= 17,
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

/**
 * DOC: Media rings
 *
 * A call's audio reaches user space (the MSP) through a media fd, opened
 * with %TAPI_IOC_CALL_MEDIA_OPEN on a line fd holding a handle to the call
 * (anonymous inode ``tapi-media``).  Every media fd of a call receives
 * what the far end sends (RX); one at most, opened with
 * %TAPI_MEDIA_OPEN_TX on an owner handle, transmits (TX).
 *
 * Each direction is a single-producer single-consumer ring of
 * ``entries`` fixed-size frames (a power of two) of ``frame_ms``
 * milliseconds of 8 kHz audio in the fd's &enum tapi_media_format.  Its
 * producer and consumer indices are free-running __u32: frame ``i`` is at
 * ``frames + (i & (entries - 1)) * frame_size``, the ring holds
 * ``producer - consumer`` frames, and each index sits on a cache line of
 * its own.  The fd has two regions to mmap(), each at its offset in the
 * file, with the layout published in struct tapi_media_offsets rather
 * than fixed by this header:
 *
 * - %TAPI_MEDIA_OFF_KERNEL, ``kernel_size`` bytes, written by the kernel
 *   only and mapped read-only (``PROT_WRITE`` is refused with %EPERM, and
 *   mprotect() cannot add it): the RX producer, the TX consumer, the RX
 *   frames and struct tapi_media_stats;
 * - %TAPI_MEDIA_OFF_USER, ``user_size`` bytes, written by the MSP: the RX
 *   consumer, the TX producer, the RX flags and the TX frames.
 *
 * Any other offset, or a length beyond the region, is %EINVAL.
 *
 * The barrier contract, for the side that produces (writes frames, then
 * publishes the producer index) and the side that consumes (reads the
 * producer, then the frames, then publishes the consumer index):
 *
 * - the producer reads the consumer index with an acquire load, writes
 *   frames only into free slots, then stores the new producer index with
 *   a release store;
 * - the consumer reads the producer index with an acquire load, reads
 *   those frames, then stores the new consumer index with a release
 *   store.
 *
 * (``__atomic_load_n(p, __ATOMIC_ACQUIRE)`` and
 * ``__atomic_store_n(p, v, __ATOMIC_RELEASE)`` in C; the kernel's
 * smp_load_acquire() and smp_store_release().)  The kernel trusts no
 * index user space writes: a TX producer more than ``entries`` ahead of
 * the consumer counts in ``tx_invalid`` and the ring is taken as empty.
 *
 * The kernel fills RX as the card delivers audio; when RX is full the
 * frame is dropped and counted in ``rx_overruns``.  It drains TX as the
 * card transmits; when TX is empty silence goes out and counts in
 * ``tx_underruns``.  poll() reports %EPOLLIN while RX holds a frame and
 * %EPOLLOUT while TX has room (on a TX fd); a new RX frame wakes pollers
 * only while %TAPI_MEDIA_RX_NEED_WAKEUP is set in ``rx_flags`` (the
 * kernel sets it at open: an MSP reading the ring on its own clock clears
 * it and then needs no syscall at all).  An MSP that sets it again and
 * then checks the RX producer before sleeping puts a full barrier
 * (``__atomic_thread_fence(__ATOMIC_SEQ_CST)``) between the two, so that
 * it either sees the new frame or is woken for it.  When the call is disconnected or
 * goes idle, or the card goes away, the rings stop and poll() reports
 * %EPOLLHUP; the fd stays usable for reading what is left.
 */

/* mmap() offsets of a media fd's two regions. */
#define TAPI_MEDIA_OFF_KERNEL	0x00000000ULL
#define TAPI_MEDIA_OFF_USER	0x10000000ULL

/* Frame length limits, in milliseconds, and the default. */
#define TAPI_MEDIA_FRAME_MS_MIN		1
#define TAPI_MEDIA_FRAME_MS_MAX		20
#define TAPI_MEDIA_FRAME_MS_DEFAULT	20
/* Ring entries: a power of two in these bounds; the default. */
#define TAPI_MEDIA_ENTRIES_MIN		2
#define TAPI_MEDIA_ENTRIES_MAX		1024
#define TAPI_MEDIA_ENTRIES_DEFAULT	32

/**
 * enum tapi_media_format - sample format of a media fd's frames
 * @TAPI_MEDIA_LINEAR16: signed 16-bit linear, host byte order (default)
 * @TAPI_MEDIA_ULAW: G.711 mu-law, one byte a sample
 * @TAPI_MEDIA_ALAW: G.711 A-law, one byte a sample
 */
enum tapi_media_format {
	TAPI_MEDIA_LINEAR16	= 0,
	TAPI_MEDIA_ULAW		= 1,
	TAPI_MEDIA_ALAW		= 2,
};

/**
 * enum tapi_media_open_flag - flags of struct tapi_media_open
 * @TAPI_MEDIA_OPEN_TX: the fd transmits too (a TX ring); needs an owner
 *	handle, and no other TX media fd on the call
 * @TAPI_MEDIA_OPEN_CLOEXEC: the media fd is opened %O_CLOEXEC
 * @TAPI_MEDIA_OPEN_NONBLOCK: the media fd is opened %O_NONBLOCK
 * @TAPI_MEDIA_OPEN_VALID: every flag defined
 */
enum tapi_media_open_flag {
	TAPI_MEDIA_OPEN_TX		= 1 << 0,
	TAPI_MEDIA_OPEN_CLOEXEC		= 1 << 1,
	TAPI_MEDIA_OPEN_NONBLOCK	= 1 << 2,
	TAPI_MEDIA_OPEN_VALID		= (1 << 3) - 1,
};

/**
 * struct tapi_media_offsets - where things are in a media fd's regions
 * @rx_producer: in the kernel region: __u32 RX producer index
 * @tx_consumer: in the kernel region: __u32 TX consumer index
 * @rx_frames: in the kernel region: the RX frames
 * @stats: in the kernel region: struct tapi_media_stats
 * @rx_consumer: in the user region: __u32 RX consumer index
 * @tx_producer: in the user region: __u32 TX producer index
 * @rx_flags: in the user region: __u32 &enum tapi_media_rx_flag bits
 * @tx_frames: in the user region: the TX frames (none without TX)
 * @kernel_size: length of the kernel region
 * @user_size: length of the user region
 * @reserved: out: zero
 */
struct tapi_media_offsets {
	__u32 rx_producer;
	__u32 tx_consumer;
	__u32 rx_frames;
	__u32 stats;
	__u32 rx_consumer;
	__u32 tx_producer;
	__u32 rx_flags;
	__u32 tx_frames;
	__u32 kernel_size;
	__u32 user_size;
	__u32 reserved[2];
};

/**
 * enum tapi_media_rx_flag - bits of the ``rx_flags`` word, set by the MSP
 * @TAPI_MEDIA_RX_NEED_WAKEUP: wake pollers of the fd for each new RX frame
 */
enum tapi_media_rx_flag {
	TAPI_MEDIA_RX_NEED_WAKEUP	= 1 << 0,
};

/**
 * enum tapi_media_xrun - param[0] of %TAPI_EV_MEDIA
 * @TAPI_MEDIA_XRUN_RX_OVERRUN: RX frames were dropped: the ring was full
 * @TAPI_MEDIA_XRUN_TX_UNDERRUN: silence went out: the TX ring was empty
 */
enum tapi_media_xrun {
	TAPI_MEDIA_XRUN_RX_OVERRUN	= 1 << 0,
	TAPI_MEDIA_XRUN_TX_UNDERRUN	= 1 << 1,
};

/**
 * struct tapi_media_stats - counters of a media fd, in its kernel region
 * @rx_frames: frames put on the RX ring
 * @rx_overruns: frames dropped because the RX ring was full
 * @tx_frames: frames taken from the TX ring
 * @tx_underruns: frames of silence sent because the TX ring was empty
 * @tx_invalid: times the TX producer was found more than ``entries``
 *	ahead of the consumer
 * @msp_dropped: messages from the TSP dropped because the fd's queue
 *	was full (see "MSP data")
 * @reserved: zero
 */
struct tapi_media_stats {
	__aligned_u64 rx_frames;
	__aligned_u64 rx_overruns;
	__aligned_u64 tx_frames;
	__aligned_u64 tx_underruns;
	__aligned_u64 tx_invalid;
	__aligned_u64 msp_dropped;
	__aligned_u64 reserved[2];
};

/**
 * struct tapi_media_open - open a media fd on a call
 *	(%TAPI_IOC_CALL_MEDIA_OPEN, on a line fd)
 * @size: sizeof(struct tapi_media_open) as known to user space
 * @flags: &enum tapi_media_open_flag bits
 * @call: in: the call handle; the call must not be idle
 * @format: in: &enum tapi_media_format
 * @frame_ms: in: frame length, %TAPI_MEDIA_FRAME_MS_MIN to
 *	%TAPI_MEDIA_FRAME_MS_MAX, 0 for %TAPI_MEDIA_FRAME_MS_DEFAULT
 * @rx_entries: in: RX ring entries, a power of two from
 *	%TAPI_MEDIA_ENTRIES_MIN to %TAPI_MEDIA_ENTRIES_MAX, 0 for the
 *	default; out: the value used
 * @tx_entries: the same for TX, with %TAPI_MEDIA_OPEN_TX (else must be 0)
 * @fd: out: the media fd
 * @frame_size: out: bytes a frame
 * @reserved: zero
 * @off: out: the layout of the fd's regions
 *
 * Errors: %ENOENT unknown handle; %EPERM %TAPI_MEDIA_OPEN_TX on a monitor
 * handle; %EBUSY another media fd of the call transmits; %EINVAL bad
 * format, frame length or entries, or reserved bits; %EOPNOTSUPP unknown
 * flags; %ESRCH the call is idle or disconnected; %ENODEV the card is gone.
 */
struct tapi_media_open {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 format;
	__u32 frame_ms;
	__u32 rx_entries;
	__u32 tx_entries;
	__s32 fd;
	__u32 frame_size;
	__u32 reserved;
	struct tapi_media_offsets off;
};

/**
 * DOC: Digits and tones
 *
 * TAPI's media control: generating and detecting DTMF digits and tones on
 * a call.  The core does it in band, on the audio the card's driver moves
 * through the media helpers of the TSPI, for every card whose lines
 * advertise it (&struct tapi_line_devcaps ``gen_digit_modes``,
 * ``monitor_digit_modes``, ``gen_tone_max_freqs``,
 * ``monitor_tone_max_freqs``, ``monitor_tone_max``); a card that signals
 * digits out of band (ISDN keypad, RFC 4733) reports them too, and both
 * kinds reach the application the same way, told apart by &enum
 * tapi_digit_source.  None of this needs a media fd.
 *
 * Generation (%TAPI_IOC_CALL_GENERATE_DIGITS, %TAPI_IOC_CALL_GENERATE_TONE)
 * needs an owner handle and a connected call; the call has one generator,
 * and starting one ends the previous with %TAPI_GENERATE_TERM_CANCEL.
 * While it runs, what it generates replaces the MSP's audio toward the far
 * end (the MSP's TX frames are still consumed, at the same pace).  It ends
 * with a %TAPI_EV_GENERATE record to the handle that started it, also when
 * the call is disconnected (%TAPI_GENERATE_TERM_CANCEL).
 *
 * Detection (%TAPI_IOC_CALL_MONITOR_DIGITS, %TAPI_IOC_CALL_GATHER_DIGITS,
 * %TAPI_IOC_CALL_MONITOR_TONES, %TAPI_IOC_CALL_MONITOR_MEDIA) is per
 * handle, monitors included, in any state but idle: each handle has its
 * own settings, each new call of a command replaces that handle's earlier
 * one, and the events go to that handle only.  DTMF is detected per
 * ITU-T Q.24 (a digit must last 40 ms; its two frequencies within 2 % and
 * their levels within 8 dB of each other) on 13 ms blocks; tones on
 * 25 ms blocks.
 *
 * Errors common to all six, in order: %EINVAL reserved fields or bad
 * values; %EOPNOTSUPP unknown flags, or a mode, frequency count or tone
 * count beyond the line's capabilities, or an address without the call
 * feature (%TAPI_CALLFEATURE_GENERATEDIGITS ...); %ENOENT unknown handle;
 * %EPERM generation on a monitor handle; %EBADFD the call's state does not
 * allow it (generation outside CONNECTED, anything on an idle call);
 * %ENODEV the card is gone.
 */

/* Longest digit string to generate, with its NUL. */
#define TAPI_GENERATE_DIGITS_LEN	64
/* Digit length of generated DTMF, in milliseconds: bounds and default. */
#define TAPI_GENERATE_DIGIT_MS_MIN	40
#define TAPI_GENERATE_DIGIT_MS_MAX	1000
#define TAPI_GENERATE_DIGIT_MS_DEFAULT	100
/* Pause a ``,`` in generated digits stands for, in milliseconds. */
#define TAPI_GENERATE_PAUSE_MS		500

/**
 * enum tapi_generate_kind - param[1] of %TAPI_EV_GENERATE
 * @TAPI_GENERATE_DIGITS: %TAPI_IOC_CALL_GENERATE_DIGITS
 * @TAPI_GENERATE_TONE: %TAPI_IOC_CALL_GENERATE_TONE
 */
enum tapi_generate_kind {
	TAPI_GENERATE_DIGITS	= 1,
	TAPI_GENERATE_TONE	= 2,
};

/**
 * enum tapi_generate_term - why generation ended (LINEGENERATETERM_*)
 * @TAPI_GENERATE_TERM_DONE: everything was generated
 * @TAPI_GENERATE_TERM_CANCEL: replaced by a new generation, cancelled, or
 *	the call was disconnected
 */
enum tapi_generate_term {
	TAPI_GENERATE_TERM_DONE		= 1,
	TAPI_GENERATE_TERM_CANCEL	= 2,
};

/**
 * struct tapi_generate_digits - send digits in band (TAPI's
 *	lineGenerateDigits)
 * @size: sizeof(struct tapi_generate_digits) as known to user space
 * @flags: zero
 * @call: the call handle, an owner's
 * @digit_mode: %TAPI_DIGITMODE_DTMF (0 means it); the line's
 *	``gen_digit_modes`` must have it
 * @duration_ms: each digit's tone, and the silence after it:
 *	%TAPI_GENERATE_DIGIT_MS_MIN to %TAPI_GENERATE_DIGIT_MS_MAX, 0 for
 *	%TAPI_GENERATE_DIGIT_MS_DEFAULT
 * @reserved: zero
 * @digits: NUL-terminated: ``0``-``9``, ``*``, ``#``, ``A``-``D``
 *	(``a``-``d`` too) and ``,`` for a pause of %TAPI_GENERATE_PAUSE_MS.
 *	Empty cancels the call's generator (no error when none runs).
 *
 * Synchronous: returns once generation started; a %TAPI_EV_GENERATE
 * record follows.
 */
struct tapi_generate_digits {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 digit_mode;
	__u32 duration_ms;
	__u32 reserved;
	char digits[TAPI_GENERATE_DIGITS_LEN];
};

/* Most frequencies of one tone, generated or monitored. */
#define TAPI_TONE_MAX_FREQS	3
/* Frequencies of tones, in Hz. */
#define TAPI_TONE_FREQ_MIN	50
#define TAPI_TONE_FREQ_MAX	3950
/* Longest on or off time of a tone's cadence, in milliseconds. */
#define TAPI_TONE_CADENCE_MS_MAX	60000
/* Longest tone %TAPI_IOC_CALL_GENERATE_TONE plays: a day, in milliseconds. */
#define TAPI_GENERATE_TONE_MS_MAX	86400000

/**
 * enum tapi_tone_mode - what %TAPI_IOC_CALL_GENERATE_TONE plays
 *	(LINETONEMODE_*)
 * @TAPI_TONEMODE_CUSTOM: the components given
 * @TAPI_TONEMODE_RINGBACK: ringback (440 + 480 Hz, 2 s on, 4 s off)
 * @TAPI_TONEMODE_BUSY: busy (480 + 620 Hz, 0.5 s on, 0.5 s off)
 * @TAPI_TONEMODE_BEEP: a beep (1000 Hz, steady)
 * @TAPI_TONEMODE_BILLING: a billing tone (1000 Hz + 1400 Hz, steady)
 */
enum tapi_tone_mode {
	TAPI_TONEMODE_CUSTOM	= 1 << 0,
	TAPI_TONEMODE_RINGBACK	= 1 << 1,
	TAPI_TONEMODE_BUSY	= 1 << 2,
	TAPI_TONEMODE_BEEP	= 1 << 3,
	TAPI_TONEMODE_BILLING	= 1 << 4,
};

/**
 * struct tapi_tone_component - one frequency of a generated tone
 *	(TAPI's LINEGENERATETONE)
 * @freq_hz: %TAPI_TONE_FREQ_MIN to %TAPI_TONE_FREQ_MAX
 * @on_ms: how long it sounds in each cadence period; 0 for steady, else
 *	at most %TAPI_TONE_CADENCE_MS_MAX
 * @off_ms: how long it is silent after that, at most
 *	%TAPI_TONE_CADENCE_MS_MAX; 0 with @on_ms 0
 * @amplitude: peak of its sine in 16-bit linear, 1 to 16383; 0 for 4000
 *	(about -15 dBm0)
 */
struct tapi_tone_component {
	__u32 freq_hz;
	__u32 on_ms;
	__u32 off_ms;
	__u32 amplitude;
};

/**
 * struct tapi_generate_tone - play a tone (TAPI's lineGenerateTone)
 * @size: sizeof(struct tapi_generate_tone) as known to user space
 * @flags: zero
 * @call: the call handle, an owner's
 * @tone_mode: one &enum tapi_tone_mode bit; 0 cancels the call's
 *	generator (no error when none runs)
 * @duration_ms: how long, at most %TAPI_GENERATE_TONE_MS_MAX; 0 until
 *	cancelled or replaced
 * @num_components: with %TAPI_TONEMODE_CUSTOM, how many of @components
 *	are used: 1 to the line's ``gen_tone_max_freqs``; otherwise 0
 * @components: the tone's frequencies; components of a custom tone sound
 *	together, each with its own cadence
 *
 * Synchronous: returns once the tone started; a %TAPI_EV_GENERATE
 * record follows when it ends.
 */
struct tapi_generate_tone {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 tone_mode;
	__u32 duration_ms;
	__u32 num_components;
	struct tapi_tone_component components[TAPI_TONE_MAX_FREQS];
};

/**
 * enum tapi_digit_source - param[2] of %TAPI_EV_MONITORDIGITS
 * @TAPI_DIGIT_INBAND: detected in the call's audio
 * @TAPI_DIGIT_SIGNALLED: signalled out of band by the card or network
 */
enum tapi_digit_source {
	TAPI_DIGIT_INBAND	= 1,
	TAPI_DIGIT_SIGNALLED	= 2,
};

/**
 * struct tapi_monitor_digits - report digits as events (TAPI's
 *	lineMonitorDigits)
 * @size: sizeof(struct tapi_monitor_digits) as known to user space
 * @flags: zero
 * @call: the call handle
 * @digit_modes: &enum tapi_digit_mode bits to report, all in the line's
 *	``monitor_digit_modes``; 0 stops
 */
struct tapi_monitor_digits {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 digit_modes;
};

/* Most digits one gathering collects (they fit param[2] to param[7]). */
#define TAPI_GATHER_MAX_DIGITS	24
/* Longest list of termination digits, with its NUL. */
#define TAPI_GATHER_TERM_LEN	16
/* Longest first-digit or inter-digit timeout: one hour. */
#define TAPI_GATHER_TIMEOUT_MS_MAX	3600000

/**
 * enum tapi_gather_term - param[0] of %TAPI_EV_GATHERDIGITS
 *	(LINEGATHERTERM_*)
 * @TAPI_GATHER_TERM_BUFFERFULL: ``num_digits`` digits were gathered
 * @TAPI_GATHER_TERM_TERMDIGIT: a termination digit came (it is the last
 *	digit gathered)
 * @TAPI_GATHER_TERM_FIRSTTIMEOUT: no digit within ``first_timeout_ms``
 * @TAPI_GATHER_TERM_INTERTIMEOUT: no digit within ``inter_timeout_ms`` of
 *	the previous one
 * @TAPI_GATHER_TERM_CANCEL: replaced by a new gathering, cancelled, or the
 *	call was disconnected or went idle
 */
enum tapi_gather_term {
	TAPI_GATHER_TERM_BUFFERFULL	= 1 << 0,
	TAPI_GATHER_TERM_TERMDIGIT	= 1 << 1,
	TAPI_GATHER_TERM_FIRSTTIMEOUT	= 1 << 2,
	TAPI_GATHER_TERM_INTERTIMEOUT	= 1 << 3,
	TAPI_GATHER_TERM_CANCEL		= 1 << 4,
};

/**
 * struct tapi_gather_digits - collect digits into a buffer (TAPI's
 *	lineGatherDigits)
 * @size: sizeof(struct tapi_gather_digits) as known to user space
 * @flags: zero
 * @call: the call handle
 * @digit_modes: %TAPI_DIGITMODE_DTMF and/or %TAPI_DIGITMODE_PULSE, within
 *	the line's ``monitor_digit_modes``; 0 cancels this handle's
 *	gathering (no error when none runs)
 * @num_digits: 1 to %TAPI_GATHER_MAX_DIGITS
 * @first_timeout_ms: end if no digit comes this long after the start; 0
 *	for no limit, else at most %TAPI_GATHER_TIMEOUT_MS_MAX
 * @inter_timeout_ms: end if no digit comes this long after the previous
 *	one; 0 for no limit, else at most %TAPI_GATHER_TIMEOUT_MS_MAX
 * @reserved: zero
 * @terminators: NUL-terminated digits that end gathering, each at most
 *	once; may be empty
 *
 * Digits count from their start (%TAPI_DIGITMODE_DTMF), whatever the
 * handle monitors.  A %TAPI_EV_GATHERDIGITS record ends every gathering.
 */
struct tapi_gather_digits {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 digit_modes;
	__u32 num_digits;
	__u32 first_timeout_ms;
	__u32 inter_timeout_ms;
	__u32 reserved;
	char terminators[TAPI_GATHER_TERM_LEN];
};

/* Most tones one handle monitors at once (the line may allow fewer). */
#define TAPI_MONITOR_TONES_MAX	16
/* Duration a monitored tone must last: bounds, in milliseconds. */
#define TAPI_MONITOR_TONE_MS_MIN	25
#define TAPI_MONITOR_TONE_MS_MAX	60000

/**
 * struct tapi_tone_desc - a tone to listen for (TAPI's LINEMONITORTONE)
 * @app_specific: returned in param[0] of %TAPI_EV_MONITORTONE
 * @duration_ms: how long it must last, %TAPI_MONITOR_TONE_MS_MIN to
 *	%TAPI_MONITOR_TONE_MS_MAX; it is reported once each time it has
 *	lasted that long, and again only after it stopped
 * @freq_hz: its frequencies, %TAPI_TONE_FREQ_MIN to %TAPI_TONE_FREQ_MAX,
 *	the unused ones (at the end) 0; all 0 listens for silence
 * @reserved: zero
 */
struct tapi_tone_desc {
	__u32 app_specific;
	__u32 duration_ms;
	__u32 freq_hz[TAPI_TONE_MAX_FREQS];
	__u32 reserved;
};

/**
 * struct tapi_monitor_tones - report tones as events (TAPI's
 *	lineMonitorTones)
 * @size: sizeof(struct tapi_monitor_tones) as known to user space
 * @flags: zero
 * @call: the call handle
 * @num_tones: how many of @tones are used, up to the line's
 *	``monitor_tone_max``; 0 stops
 * @tones: the tones; each with at most the line's
 *	``monitor_tone_max_freqs`` frequencies
 */
struct tapi_monitor_tones {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 num_tones;
	struct tapi_tone_desc tones[TAPI_MONITOR_TONES_MAX];
};

/*
 * Media modes the core detects in band: CNG (1100 Hz, 0.5 s) for fax, an
 * answer tone (2100 Hz or 2225 Hz, 1 s) for a data modem.
 */
#define TAPI_MONITOR_MEDIA_DETECTABLE	(TAPI_MEDIA_G3FAX | TAPI_MEDIA_DATAMODEM)

/**
 * struct tapi_monitor_media - report media modes as they are detected
 *	(TAPI's lineMonitorMedia)
 * @size: sizeof(struct tapi_monitor_media) as known to user space
 * @flags: zero
 * @call: the call handle
 * @media_modes: &enum tapi_media_mode bits, within the line's media modes
 *	and %TAPI_MONITOR_MEDIA_DETECTABLE; 0 stops
 *
 * Each mode is reported once per call and handle, when first heard.
 */
struct tapi_monitor_media {
	__u32 size;
	__u32 flags;
	__u32 call;
	__u32 media_modes;
};

/**
 * DOC: MSP data
 *
 * TAPI's LINE_SENDMSPDATA and lineReceiveMSPData: opaque messages between
 * the MSP and the card's driver, through a media fd.  write() on a media
 * fd sends one message of 1 to %TAPI_MSP_DATA_MAX bytes to the TSP (a
 * larger one is %EMSGSIZE, none at all %EINVAL); %EOPNOTSUPP if the card
 * takes none, %EPIPE once the call's media stopped, %ENODEV once the card
 * is gone, or the TSP's own error.  Messages from the TSP queue on every
 * media fd of the call, each read() returning one whole message (a buffer
 * too small is %EMSGSIZE and the message stays queued); poll() reports
 * them as %EPOLLPRI, and each also comes as a %TAPI_EV_MSPDATA record.
 * Each fd queues at most %TAPI_MSP_DATA_QUEUE messages: later ones are
 * dropped and counted in ``msp_dropped`` of struct tapi_media_stats.
 * Messages keep their order in both directions.
 */
#define TAPI_MSP_DATA_MAX	4096
#define TAPI_MSP_DATA_QUEUE	64

/**
 * DOC: io_uring
 *
 * Every command of a card fd or a line fd can be submitted as an io_uring
 * ``IORING_OP_URING_CMD`` on that fd, with ``sqe->cmd_op`` set to the
 * ioctl number and the SQE's 16-byte command area (``sqe->cmd``, a
 * normal 64-byte SQE is enough) holding a struct tapi_uring_cmd whose
 * ``arg`` points to the very structure the ioctl takes.  The kernel reads
 * the command area once, when the command is issued; the structure is
 * read and written as by the ioctl, and must stay valid until the
 * command's completion (CQE).  The CQE's ``res`` is what the ioctl would
 * return: the same values, the same errors, checked in the same order.
 *
 * Asynchronous requests (make call, dial, answer, accept, drop) complete
 * as CQEs: the command stays pending and its CQE carries the request's
 * outcome (0 or a negative errno) once the card's driver replies, with no
 * %TAPI_EV_REPLY record.  The structure's ``request_id`` (and, for make
 * call, ``call``) are written when the command is issued; on a ring set up
 * with ``IORING_SETUP_CQE32`` the CQE's ``big_cqe[0]`` also carries the
 * request id.  This is what %TAPI_REQUEST_SYNC asks of the ioctl, so that
 * flag changes nothing here.  With %TAPI_URING_REPLY_EVENT instead, the
 * command completes at once with the request id and the outcome arrives
 * as a %TAPI_EV_REPLY record, exactly as for the ioctl without
 * %TAPI_REQUEST_SYNC (asking for both is %EINVAL).  A command that starts
 * no request ignores %TAPI_URING_REPLY_EVENT.
 *
 * %TAPI_URING_READ_EVENTS, on a line fd only, is read() for rings: ``arg``
 * points to a buffer of ``len`` bytes (at least one struct tapi_event).
 * It completes, with the number of bytes of whole event records copied,
 * as soon as at least one record is queued; while none is, it stays
 * pending, so an application can live on its completion queue alone by
 * submitting it again after each completion (io_uring in Linux 6.1 cannot
 * post several completions for one command).  Once the card is gone it
 * returns the records still queued and then completes with %ENODEV.  The
 * records are those read() returns, and each record goes to one reader
 * only, whichever asks first.
 *
 * A pending command is completed with %ECANCELED when its ring is torn
 * down (the ring fd's last close), when the task that submitted it exits,
 * and when the submitting process closes an fd of the line (like a POSIX
 * record lock, any fd of the same open line, in any of its threads); the
 * kernel notices within %TAPI_URING_REAP_MS.  A request whose command is
 * cancelled goes on: its outcome then arrives as a %TAPI_EV_REPLY record
 * if the line fd is still open.  A pending request also completes, like
 * the ioctl's, with %ECANCELED when its call goes idle and with %ENODEV
 * when the card is removed.
 *
 * Errors of the command area, before the command itself is looked at:
 * %EINVAL for a flag outside %TAPI_URING_VALID or a non-zero ``len`` on a
 * command other than %TAPI_URING_READ_EVENTS; %ENOTTY for an unknown
 * ``cmd_op``; %EOPNOTSUPP for a ring set up with ``IORING_SETUP_IOPOLL``.
 */

/**
 * struct tapi_uring_cmd - the command area of an ``IORING_OP_URING_CMD`` SQE
 * @arg: user pointer to the command's structure (the ioctl's argument);
 *	for %TAPI_URING_READ_EVENTS, to the buffer for event records
 * @len: for %TAPI_URING_READ_EVENTS, the size of the buffer; otherwise
 *	zero (the structure's ``size`` field gives its size)
 * @flags: &enum tapi_uring_flag bits
 */
struct tapi_uring_cmd {
	__aligned_u64 arg;
	__u32 len;
	__u32 flags;
};

/**
 * enum tapi_uring_flag - flags of struct tapi_uring_cmd
 * @TAPI_URING_REPLY_EVENT: complete an asynchronous request at once with
 *	its id and deliver the outcome as a %TAPI_EV_REPLY record
 */
enum tapi_uring_flag {
	TAPI_URING_REPLY_EVENT	= 1 << 0,
};

#define TAPI_URING_VALID	TAPI_URING_REPLY_EVENT

/* Longest time the kernel takes to notice a pending command's end. */
#define TAPI_URING_REAP_MS	250

/* The io_uring-only command reading event records (no ioctl). */
#define TAPI_URING_READ_EVENTS		_IO(TAPI_IOC_TYPE, 0x40)

#endif /* _UAPI_LINUX_TAPI_H */
