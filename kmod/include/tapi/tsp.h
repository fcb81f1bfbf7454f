/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The telephony service provider interface (TSPI): what a telephony card
 * driver (a TSP) gives the tapi core and what the core gives back.
 *
 * A TSP describes a card (its lines, and each line's addresses with their
 * capabilities) in a struct tapi_card_desc and calls tapi_card_register().
 * The core copies the description, creates /dev/tapiN and its sysfs
 * attributes, and from then on calls the TSP only through its struct
 * tapi_tsp_ops.  tapi_card_unregister() takes the card away: it waits for
 * callbacks in progress, tells every open line fd that the card is gone, and
 * returns; from then on the core never calls the TSP for that card again, so
 * the TSP may free its private data and its module may be unloaded while
 * user space still holds fds (they then fail with -ENODEV).
 *
 * The core does all copying from and to user space and all validation of
 * user input; callbacks get kernel values only.
 */
#ifndef _TAPI_TSP_H
#define _TAPI_TSP_H

#include <linux/types.h>
#include <linux/tapi.h>

struct device;
struct module;
struct tapi_card;
struct tapi_call;
struct tapi_request;

/**
 * struct tapi_address_desc - one address (directory number) of a line
 * @address: the number as dialled to reach it; copied; must not be empty
 *	and must fit %TAPI_ADDRESS_LEN with its NUL
 * @max_calls: most calls active at once on this address, >= 1
 * @address_features: &enum tapi_address_feature bits
 * @call_features: &enum tapi_call_feature bits calls on the address can
 *	ever offer
 * @transfer_modes: &enum tapi_transfer_mode bits complete transfer takes;
 *	required (non-zero) with %TAPI_CALLFEATURE_COMPLETETRANSF
 * @max_conf_members: most members of one conference call; at least 2
 *	with %TAPI_CALLFEATURE_SETUPCONF or %TAPI_TRANSFER_CONFERENCE
 * @park_modes: &enum tapi_park_mode bits &tapi_tsp_ops.park takes;
 *	required (non-zero) with %TAPI_CALLFEATURE_PARK
 * @forward_modes: &enum tapi_forward_mode bits &tapi_tsp_ops.forward
 *	takes; required with %TAPI_ADDRFEATURE_FORWARD
 * @completion_modes: &enum tapi_completion_mode bits
 *	&tapi_tsp_ops.complete_call takes; required with
 *	%TAPI_CALLFEATURE_COMPLETECALL
 * @max_user_user: most bytes &tapi_tsp_ops.send_user_user sends, 1 to
 *	%TAPI_USERUSER_MAX; required with %TAPI_CALLFEATURE_SENDUSERUSER
 */
struct tapi_address_desc {
	const char *address;
	u32 max_calls;
	u32 address_features;
	u32 call_features;
	u32 transfer_modes;
	u32 max_conf_members;
	u32 park_modes;
	u32 forward_modes;
	u32 completion_modes;
	u32 max_user_user;
};

/**
 * struct tapi_line_desc - one line of a card and its capabilities
 * @name: the line's name; copied; must fit %TAPI_LINE_NAME_LEN
 * @permanent_line_id: id of the line, stable for the card, unique on it
 * @max_active_calls: most calls active on the line at once, >= 1
 * @media_modes: &enum tapi_media_mode bits the line supports, non-zero
 * @bearer_modes: &enum tapi_bearer_mode bits the line supports, non-zero
 * @line_features: &enum tapi_line_feature bits
 * @devcaps_flags: &enum tapi_devcaps_flag bits
 * @gen_digit_modes: &enum tapi_digit_mode bits the line can generate
 * @monitor_digit_modes: &enum tapi_digit_mode bits the line can detect
 * @gen_tone_max_freqs: most frequencies of one generated tone (0: none)
 * @monitor_tone_max_freqs: most frequencies of one monitored tone
 * @monitor_tone_max: most tones monitored at once (0: none)
 * @num_addresses: number of entries in @addresses, 1 to
 *	%TAPI_MAX_ADDRESSES
 * @addresses: the line's addresses; copied
 */
struct tapi_line_desc {
	const char *name;
	u32 permanent_line_id;
	u32 max_active_calls;
	u32 media_modes;
	u32 bearer_modes;
	u32 line_features;
	u32 devcaps_flags;
	u32 gen_digit_modes;
	u32 monitor_digit_modes;
	u32 gen_tone_max_freqs;
	u32 monitor_tone_max_freqs;
	u32 monitor_tone_max;
	unsigned int num_addresses;
	const struct tapi_address_desc *addresses;
};

/**
 * enum tapi_drop_reason - why the core asks a TSP to drop a call
 * @TAPI_DROP_REQUESTED: an application dropped it (%TAPI_IOC_CALL_DROP)
 * @TAPI_DROP_NO_OWNER: an inbound call found no application owning its
 *	media mode: the far end should see %TAPI_DISCONNECTMODE_UNAVAIL
 * @TAPI_DROP_OWNER_CLOSED: the last owner of the call closed its line fd
 *	(or exited) while the call was not idle
 */
enum tapi_drop_reason {
	TAPI_DROP_REQUESTED,
	TAPI_DROP_NO_OWNER,
	TAPI_DROP_OWNER_CLOSED,
};

/**
 * struct tapi_call_params - what an application asked of a new call
 * @dest: the number to call, NUL-terminated, without control characters;
 *	may be empty
 *	(then the call should go to %TAPI_CALLSTATE_DIALTONE and wait for
 *	&tapi_tsp_ops.dial)
 * @address_id: the address of the line to call from, checked
 * @media_mode: one &enum tapi_media_mode bit the line supports
 * @bearer_mode: one &enum tapi_bearer_mode bit the line supports
 * @no_answer_timeout_ms: give up after alerting this long; 0: the TSP's
 *	default
 * @block_id: withhold the caller's number from the far end
 */
struct tapi_call_params {
	const char *dest;
	unsigned int address_id;
	u32 media_mode;
	u32 bearer_mode;
	u32 no_answer_timeout_ms;
	bool block_id;
};

/**
 * struct tapi_party - a party of a call as a TSP reports it
 * @number: the party's number, or NULL/empty if unknown; copied,
 *	truncated to %TAPI_DIAL_LEN - 1
 * @name: the party's name, or NULL/empty; copied, truncated to
 *	%TAPI_PARTY_NAME_LEN - 1
 * @flags: &enum tapi_party_flag bits; 0 lets the core derive ADDRESS,
 *	NAME or UNKNOWN from what is given
 */
struct tapi_party {
	const char *number;
	const char *name;
	u32 flags;
};

/**
 * enum tapi_party_kind - which party of a call, for tapi_call_set_party()
 * @TAPI_PARTY_CALLER: the calling party
 * @TAPI_PARTY_CALLED: the called party
 * @TAPI_PARTY_CONNECTED: the party the call is connected to
 * @TAPI_PARTY_REDIRECTING: the party that redirected the call
 * @TAPI_PARTY_REDIRECTION: the party the call was redirected to
 * @TAPI_PARTY_COUNT: the number of kinds
 */
enum tapi_party_kind {
	TAPI_PARTY_CALLER,
	TAPI_PARTY_CALLED,
	TAPI_PARTY_CONNECTED,
	TAPI_PARTY_REDIRECTING,
	TAPI_PARTY_REDIRECTION,
	TAPI_PARTY_COUNT,
};

/**
 * struct tapi_call_offer - an inbound call as a TSP reports it
 * @address_id: the address of the line the call arrives on
 * @media_mode: &enum tapi_media_mode bits of the call, non-zero, all
 *	supported by the line; decides which application owns it
 * @bearer_mode: one &enum tapi_bearer_mode bit; 0: %TAPI_BEARER_VOICE
 * @origin: one &enum tapi_call_origin bit; 0: %TAPI_CALLORIGIN_INBOUND
 * @reason: one &enum tapi_call_reason bit; 0: %TAPI_CALLREASON_DIRECT
 * @offering_mode: &enum tapi_offering_mode; 0: active
 * @related_call_id: call id of a related call on the card, or 0
 * @completion_id: for the call back of a call completion (reason
 *	%TAPI_CALLREASON_CALLCOMPLETION), the id &tapi_tsp_ops.complete_call
 *	was given, else 0.  The completion is over with this offer; the
 *	line fd that asked for it gets the call if it still can
 * @caller: the calling party, or NULL if unknown
 * @called: the called party, or NULL for the address's own number
 * @redirecting: the party that redirected or forwarded the call here,
 *	or NULL
 */
struct tapi_call_offer {
	unsigned int address_id;
	u32 media_mode;
	u32 bearer_mode;
	u32 origin;
	u32 reason;
	u32 offering_mode;
	u32 related_call_id;
	u32 completion_id;
	const struct tapi_party *caller;
	const struct tapi_party *called;
	const struct tapi_party *redirecting;
};

/**
 * struct tapi_forward_list - a forwarding list, as the core checked it
 * @num_entries: entries in @entries, 0 to %TAPI_FORWARD_MAX (0: no
 *	forwarding)
 * @no_answer_ms: with a %TAPI_FORWARD_NOANSWER entry, how long a call
 *	alerts before it is forwarded; 0 for the TSP's default
 * @entries: one per mode, in the order of the mode bits; each mode one of
 *	the address's forward_modes, each @dest non-empty and not the
 *	address's own number
 */
struct tapi_forward_list {
	unsigned int num_entries;
	u32 no_answer_ms;
	const struct tapi_forward_entry *entries;
};

/**
 * struct tapi_tsp_ops - operations a TSP provides to the core
 * @owner: the TSP's module (THIS_MODULE).  Required.  The core reports
 *	its name as the card's driver.
 * @line_open: Optional.  Called, in process context and allowed to sleep,
 *	when the first line fd of @line is opened, before the fd is handed
 *	to user space; a negative errno fails the open with that error.
 *	Used to power up or seize a line.
 * @line_close: Optional.  Called, in process context, when the last line
 *	fd of @line is closed, and for every line still open when the card
 *	is unregistered.  Cannot fail.
 * @line_get_devstatus: Optional.  Called in process context to fill
 *	@devstatus_flags (&enum tapi_devstatus_flag) for
 *	%TAPI_IOC_LINE_GET_DEVSTATUS.  Without it the core reports
 *	%TAPI_DEVSTATUS_CONNECTED | %TAPI_DEVSTATUS_INSERVICE.
 * @make_call: Optional (without it, lines cannot place calls).  Place
 *	@call, a new call the core created in %TAPI_CALLSTATE_UNKNOWN with
 *	its handle held by the requester, as @params says; report progress
 *	with tapi_call_set_state().  Complete @req with
 *	tapi_request_complete() once the call is under way (0) or failed
 *	(negative errno: the core then makes the call idle).
 * @dial: Optional.  Send @digits on @call, which is in DIALTONE or
 *	DIALING; complete @req.  A card that dials in band (@make_call's
 *	destination too) plays them with tapi_call_send_dtmf() and
 *	completes @req once they have played.
 * @answer: Optional.  Answer @call (OFFERING or ACCEPTED); complete @req.
 * @accept: Optional.  Accept @call (OFFERING); complete @req.
 * @drop: Required if @make_call is given or the TSP offers calls.  Drop
 *	@call, in any state but IDLE, and take it to %TAPI_CALLSTATE_IDLE.
 *	@req is NULL when the core drops on its own (@reason is then not
 *	%TAPI_DROP_REQUESTED): there is nothing to complete, and the return
 *	value is only logged.
 * @hold: Optional.  Put @call (CONNECTED) on hold: ONHOLD.
 * @unhold: Optional.  Retrieve @call (ONHOLD): CONNECTED.
 * @swap_hold: Optional.  Exchange the states of @call (CONNECTED) and
 *	@held (ONHOLD or ONHOLDPENDTRANSFER), two calls of one line.
 * @setup_transfer: Optional.  Put @call (CONNECTED) ONHOLDPENDTRANSFER and
 *	take @consult, a new call the core created in UNKNOWN on the same
 *	line and address, to DIALTONE.  If @req fails the core makes
 *	@consult idle: the TSP must not keep it then.
 * @complete_transfer: Optional.  @call is ONHOLDPENDTRANSFER, @consult
 *	CONNECTED.  With @conf NULL, connect their far parties to each other
 *	and take both calls to IDLE; else make both CONFERENCED members of
 *	@conf, a new call in UNKNOWN (origin %TAPI_CALLORIGIN_CONFERENCE),
 *	and take @conf to CONNECTED.
 * @blind_transfer: Optional.  Transfer the far party of @call
 *	(CONNECTED) to @dest and take @call to IDLE; complete @req with
 *	-ENXIO for a number the card cannot reach, -EBUSY for a busy one,
 *	leaving @call as it was.
 * @setup_conference: Optional.  Make @call (CONNECTED) a CONFERENCED
 *	member of @conf, take @conf (new, UNKNOWN, origin CONFERENCE) to
 *	ONHOLDPENDCONF and @consult (new, UNKNOWN) to DIALTONE.
 *	@num_parties is the application's hint.  A failed @req makes both
 *	new calls idle.
 * @prepare_add_to_conference: Optional.  Take @conf (a CONNECTED
 *	conference call) to ONHOLDPENDCONF and @consult (new) to DIALTONE.
 * @add_to_conference: Optional.  Make @call (CONNECTED) a member of @conf
 *	(ONHOLDPENDCONF) and take @conf to CONNECTED.
 * @remove_from_conference: Optional.  Take member @call out of its
 *	conference: the sim puts it ONHOLD, a card may also make it
 *	CONNECTED.
 * @redirect: Optional.  Deflect @call (OFFERING or ACCEPTED) to @dest:
 *	take it to IDLE once its caller is on the way there; complete @req
 *	with -ENXIO for a number the card cannot reach, -EBUSY for a busy
 *	one, leaving @call as it was.
 * @pickup: Optional.  Take onto @call (new, UNKNOWN, on the requester's
 *	line and address, reason %TAPI_CALLREASON_PICKUP) the call alerting
 *	at @dest, or with @dest empty the one alerting longest in pickup
 *	group @group (empty: the address's own): report the picked call's
 *	parties and origin on @call and take it to CONNECTED, the picked
 *	call to DISCONNECTED (%TAPI_DISCONNECTMODE_PICKUP).  Complete @req
 *	with -ESRCH when nothing alerts there, -ENXIO for an unknown
 *	number; the core then makes @call idle.
 * @park: Optional.  Park the far party of @call (CONNECTED) at @dest
 *	(%TAPI_PARK_DIRECTED) or at a free park address
 *	(%TAPI_PARK_NONDIRECTED, @dest empty): report the park address as
 *	@call's %TAPI_PARTY_REDIRECTION, then take @call to IDLE.  Complete
 *	@req with -EBUSY for a taken address or none free, -ENXIO for a
 *	number that is not a park address.
 * @unpark: Optional.  As @pickup, for the call parked at @dest (reason
 *	%TAPI_CALLREASON_UNPARK); -ESRCH when nothing is parked there,
 *	-ENXIO for a number that is not a park address.
 * @forward: Optional.  Replace the forwarding of @address_id of @line
 *	(or of every address of the line, @address_id -1) with @fwd,
 *	report what is now in force with tapi_address_set_forward(), and
 *	complete @req; -ENXIO for a destination the card cannot reach.
 *	@fwd is valid during the call only.
 * @secure_call: Optional.  Secure @call (any state but IDLE and
 *	DISCONNECTED) from interruptions: report %TAPI_CALLPARAM_SECURE with
 *	tapi_call_set_param_flags() and complete @req.
 * @send_user_user: Optional.  Send @len bytes of @data (1 to the
 *	address's max_user_user) to the far end of @call; the far end, if
 *	a call of the card, gets them with tapi_call_set_user_user().  @data
 *	is valid during the call only.
 * @complete_call: Optional.  Complete @call (BUSY, or RINGBACK for a
 *	call back) as @mode says; @completion_id, unique on the card, names
 *	the completion from now on.  A call back is a tapi_call_offer()
 *	on @call's line and address with that id in
 *	&tapi_call_offer.completion_id; a camp-on that goes on tells the
 *	core with tapi_completion_finished() first, then takes @call from
 *	BUSY to RINGBACK, so that the id names nothing once the application
 *	hears of it.  Complete @req once the completion is registered (the
 *	call may then be dropped); -ENXIO for a far end the card cannot
 *	complete calls to.
 * @uncomplete_call: Required with @complete_call.  Cancel completion
 *	@completion_id of @line and complete @req; @req is NULL when the
 *	line fd that asked for it closed (nothing to complete): then a
 *	complete_call request for that id the TSP has not carried out yet
 *	must not register either.  An id already finished is not an
 *	error: complete @req with 0.
 *
 * @msp_data: Optional.  A message of @len bytes (1 to %TAPI_MSP_DATA_MAX)
 *	an MSP wrote to a media fd of @call (TAPI's TSPI_lineReceiveMSPData).
 *	Called in process context, may sleep, in the order the messages were
 *	written on that fd; @data is valid during the call only.  Return 0,
 *	or a negative errno that write() then returns.  Messages to the MSP
 *	go with tapi_media_msp_data().
 *
 * A member call of a conference is CONFERENCED with its related call id
 * set to the conference call's (tapi_call_set_related(), before the
 * state).  The core checks the privilege and state of every call an
 * operation names, the conference limit and the room for new calls
 * before the callback; new calls given to a callback carry a reference
 * of the core's only: tapi_call_get() one to keep.
 *
 * The call operations are called in process context, may sleep, and hold
 * no core lock.  Each returns 0 when it has taken @req on: it must then
 * complete it exactly once with tapi_request_complete(), from any context,
 * now or later.  A negative errno means it refused: the ioctl fails with
 * it, the TSP must not complete @req, and nothing may have changed.  The
 * core checked the handle, privilege and call state before the call, but
 * the state may move on between the check and the callback: a TSP answers
 * an operation it can no longer do with -EBADFD.
 *
 * A TSP stops completing requests and reporting calls before it calls
 * tapi_card_unregister() (quiesce interrupts, cancel timers and work):
 * that call completes what is still outstanding with -ENODEV and drops the
 * TSP's references on those requests.
 *
 * Callbacks are never called concurrently with tapi_card_unregister()
 * returning, and never after it.  They are called with no core spinlock
 * held (line_open and line_close with the card's open/close mutex) and may
 * call the tapi_* helpers, except tapi_card_unregister(): that waits for
 * callbacks in progress and calls line_close itself, so a TSP must also not
 * hold, around tapi_card_unregister(), a lock its callbacks take.  Called
 * from inside a callback of its card anyway, it refuses with -EDEADLK and
 * the card stays registered.  line_open and line_close must not take a
 * lock the TSP holds while it calls tapi_call_offer(), which takes the
 * card's open/close mutex (and refuses with -EDEADLK when called from
 * inside them).
 *
 * The core checks what a TSP passes to its helpers as it checks user
 * input: a NULL pointer, a line, address or call id the card does not
 * have, a state, mode, result or flag the ABI does not define, a report
 * about an IDLE call, a report once the card is unregistered, a helper
 * that sleeps called where it cannot: each is refused (the helper's
 * errno, or nothing done for one that returns nothing) and logged,
 * ratelimited, never with a WARN.  What it cannot check is a pointer to
 * memory already freed: a request completed (or completed by
 * tapi_card_unregister()) and completed again, a call whose last reference
 * was put.  A TSP that may do so holds references of its own
 * (tapi_request_get(), tapi_call_get()).
 */
struct tapi_tsp_ops {
	struct module *owner;
	int (*line_open)(struct tapi_card *card, unsigned int line);
	void (*line_close)(struct tapi_card *card, unsigned int line);
	void (*line_get_devstatus)(struct tapi_card *card, unsigned int line,
				   u32 *devstatus_flags);
	int (*make_call)(struct tapi_card *card, struct tapi_call *call,
			 const struct tapi_call_params *params,
			 struct tapi_request *req);
	int (*dial)(struct tapi_card *card, struct tapi_call *call,
		    const char *digits, struct tapi_request *req);
	int (*answer)(struct tapi_card *card, struct tapi_call *call,
		      struct tapi_request *req);
	int (*accept)(struct tapi_card *card, struct tapi_call *call,
		      struct tapi_request *req);
	int (*drop)(struct tapi_card *card, struct tapi_call *call,
		    enum tapi_drop_reason reason, struct tapi_request *req);
	int (*hold)(struct tapi_card *card, struct tapi_call *call,
		    struct tapi_request *req);
	int (*unhold)(struct tapi_card *card, struct tapi_call *call,
		      struct tapi_request *req);
	int (*swap_hold)(struct tapi_card *card, struct tapi_call *call,
			 struct tapi_call *held, struct tapi_request *req);
	int (*setup_transfer)(struct tapi_card *card, struct tapi_call *call,
			      struct tapi_call *consult,
			      struct tapi_request *req);
	int (*complete_transfer)(struct tapi_card *card, struct tapi_call *call,
				 struct tapi_call *consult,
				 struct tapi_call *conf,
				 struct tapi_request *req);
	int (*blind_transfer)(struct tapi_card *card, struct tapi_call *call,
			      const char *dest, struct tapi_request *req);
	int (*setup_conference)(struct tapi_card *card, struct tapi_call *call,
				struct tapi_call *conf,
				struct tapi_call *consult,
				unsigned int num_parties,
				struct tapi_request *req);
	int (*prepare_add_to_conference)(struct tapi_card *card,
					 struct tapi_call *conf,
					 struct tapi_call *consult,
					 struct tapi_request *req);
	int (*add_to_conference)(struct tapi_card *card, struct tapi_call *conf,
				 struct tapi_call *call,
				 struct tapi_request *req);
	int (*remove_from_conference)(struct tapi_card *card,
				      struct tapi_call *call,
				      struct tapi_request *req);
	int (*redirect)(struct tapi_card *card, struct tapi_call *call,
			const char *dest, struct tapi_request *req);
	int (*pickup)(struct tapi_card *card, struct tapi_call *call,
		      const char *dest, const char *group,
		      struct tapi_request *req);
	int (*park)(struct tapi_card *card, struct tapi_call *call, u32 mode,
		    const char *dest, struct tapi_request *req);
	int (*unpark)(struct tapi_card *card, struct tapi_call *call,
		      const char *dest, struct tapi_request *req);
	int (*forward)(struct tapi_card *card, unsigned int line,
		       int address_id, const struct tapi_forward_list *fwd,
		       struct tapi_request *req);
	int (*secure_call)(struct tapi_card *card, struct tapi_call *call,
			   struct tapi_request *req);
	int (*send_user_user)(struct tapi_card *card, struct tapi_call *call,
			      const u8 *data, size_t len,
			      struct tapi_request *req);
	int (*complete_call)(struct tapi_card *card, struct tapi_call *call,
			     u32 mode, u32 completion_id,
			     struct tapi_request *req);
	int (*uncomplete_call)(struct tapi_card *card, unsigned int line,
			       u32 completion_id, struct tapi_request *req);
	int (*msp_data)(struct tapi_card *card, struct tapi_call *call,
			const void *data, size_t len);
};

/**
 * struct tapi_card_desc - a card as its TSP describes it to the core
 * @name: the card's name; copied; must fit %TAPI_NAME_LEN.  The TSP keeps
 *	it unique among its own cards (the core does not check)
 * @parent: the card's parent device, or NULL
 * @ops: the TSP's operations; must stay valid until
 *	tapi_card_unregister() returns
 * @priv: the TSP's private data, returned by tapi_card_priv()
 * @num_lines: number of entries in @lines, 1 to %TAPI_MAX_LINES
 * @lines: the card's lines; copied
 */
struct tapi_card_desc {
	const char *name;
	struct device *parent;
	const struct tapi_tsp_ops *ops;
	void *priv;
	unsigned int num_lines;
	const struct tapi_line_desc *lines;
};

/* Cards (kmod/card.c) */
struct tapi_card *tapi_card_register(const struct tapi_card_desc *desc);
int tapi_card_unregister(struct tapi_card *card);
void *tapi_card_priv(struct tapi_card *card);
int tapi_card_index(struct tapi_card *card);
void tapi_line_devstate_changed(struct tapi_card *card, unsigned int line,
				u32 devstatus_flags);

/* Calls (kmod/call.c) */
struct tapi_call *tapi_call_offer(struct tapi_card *card, unsigned int line,
				  const struct tapi_call_offer *offer);
int tapi_call_set_state(struct tapi_call *call, u32 state, u32 mode);
int tapi_call_set_party(struct tapi_call *call, enum tapi_party_kind kind,
			const struct tapi_party *party);
int tapi_call_set_related(struct tapi_call *call, u32 related_call_id);
int tapi_call_set_reason(struct tapi_call *call, u32 reason);
int tapi_call_set_origin(struct tapi_call *call, u32 origin);
int tapi_call_set_media_mode(struct tapi_call *call, u32 media_mode);
int tapi_call_set_param_flags(struct tapi_call *call, u32 flags);
int tapi_call_set_user_user(struct tapi_call *call, const void *data,
			    size_t len);
struct tapi_call *tapi_call_get(struct tapi_call *call);
void tapi_call_put(struct tapi_call *call);
void tapi_call_set_drvdata(struct tapi_call *call, void *data);
void *tapi_call_drvdata(const struct tapi_call *call);
struct tapi_card *tapi_call_card(const struct tapi_call *call);
unsigned int tapi_call_line(const struct tapi_call *call);
unsigned int tapi_call_address(const struct tapi_call *call);
u32 tapi_call_id(const struct tapi_call *call);

/*
 * Media (kmod/media.c): 8 kHz audio, 16-bit linear samples or G.711 bytes
 * (%TAPI_MEDIA_ULAW, %TAPI_MEDIA_ALAW: copied unchanged to and from media
 * fds in the same law), any context
 */
void tapi_media_rx(struct tapi_call *call, const s16 *samples, unsigned int n);
unsigned int tapi_media_tx(struct tapi_call *call, s16 *samples,
			   unsigned int n);
void tapi_media_rx_g711(struct tapi_call *call, u32 format, const u8 *data,
			unsigned int n);
unsigned int tapi_media_tx_g711(struct tapi_call *call, u32 format, u8 *data,
				unsigned int n);
int tapi_media_msp_data(struct tapi_call *call, const void *data,
			size_t len);
/* Digits (kmod/media-control.c), any context */
int tapi_call_digit(struct tapi_call *call, u32 mode, char digit,
		    unsigned int duration_ms);
int tapi_call_send_dtmf(struct tapi_call *call, const char *digits,
			u32 digit_ms);
void tapi_call_stop_dtmf(struct tapi_call *call);
u32 tapi_call_state(const struct tapi_call *call);

/* Asynchronous requests (kmod/request.c), any context */
void tapi_request_complete(struct tapi_request *req, int result);
struct tapi_request *tapi_request_get(struct tapi_request *req);
void tapi_request_put(struct tapi_request *req);

/* Addresses and call completions (kmod/call-services.c) */
int tapi_address_set_forward(struct tapi_card *card, unsigned int line,
			     unsigned int address_id,
			     const struct tapi_forward_list *fwd);
void tapi_completion_finished(struct tapi_card *card, u32 completion_id);

#endif /* _TAPI_TSP_H */
