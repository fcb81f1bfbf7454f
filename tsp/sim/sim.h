/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_sim: declarations shared by the configfs front end (sim-configfs.c)
 * and the TSP proper (sim-card.c).
 */
#ifndef _TAPI_SIM_H
#define _TAPI_SIM_H

#include <linux/atomic.h>
#include <linux/configfs.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/tapi.h>

#include <tapi/tsp.h>

struct tapi_card;
struct tapi_sim_card;

/* Limits of the numeric line attributes. */
#define TAPI_SIM_MAX_CALLS		64
#define TAPI_SIM_MAX_TONE_FREQS		3
#define TAPI_SIM_MAX_MONITOR_TONES	16
/* Limit of the card's timing attributes, in ms. */
#define TAPI_SIM_MAX_MS			600000
/* Most members of one conference call. */
#define TAPI_SIM_MAX_CONF_MEMBERS	8
/* Samples of one audio tick (sim-media.c). */
#define TAPI_SIM_TICK_SAMPLES		160
/* Most park addresses of a card. */
#define TAPI_SIM_MAX_PARK		8
/* Most times one call is forwarded on its way (a loop ends there). */
#define TAPI_SIM_MAX_FORWARD_HOPS	4
/* Longest pickup group name, with its NUL. */
#define TAPI_SIM_GROUP_LEN		32

/**
 * struct tapi_sim_fwd - the forwarding of one address of the switch
 * @modes: &enum tapi_forward_mode bits in force
 * @no_answer_ms: how long a call alerts before %TAPI_FORWARD_NOANSWER
 *	takes it
 * @dest: the destination of each mode, by the mode's bit number
 */
struct tapi_sim_fwd {
	u32 modes;
	u32 no_answer_ms;
	char dest[3][TAPI_DIAL_LEN];
};

/**
 * struct tapi_sim_number - one entry of the switch's directory
 * @line: the line the number rings
 * @address: the address of the line it is
 * @number: the number
 * @group: the line's pickup group, or empty
 * @fwd: the address's forwarding
 */
struct tapi_sim_number {
	unsigned int line;
	unsigned int address;
	char number[TAPI_ADDRESS_LEN];
	char group[TAPI_SIM_GROUP_LEN];
	struct tapi_sim_fwd fwd;
};

/**
 * struct tapi_sim_config - how a card's switch behaves (card attributes)
 * @no_answer_ms: an unanswered call gives up after this long, unless the
 *	application asked for another timeout
 * @remote_answer_ms: the network answers calls to external numbers after
 *	this long; 0: only when told to (the line's network attribute)
 * @reply_delay_ms: the card completes requests this long after they are
 *	made, from a work item; 0: at once, inside the ioctl
 * @unknown_specialinfo: a call to an unknown number gets SPECIALINFO
 *	(NOCIRCUIT) instead of DISCONNECTED(BADADDRESS)
 * @external_prefix: numbers starting with it, and longer, are external:
 *	they go to the simulated network; empty: no external calls
 * @forward_no_answer_ms: a call alerts this long before a no-answer
 *	forwarding takes it, unless the forwarding says how long
 * @num_park: entries of @park
 * @park: the park addresses of the switch; none: no parking
 * @tone_zone: the country whose call-progress tones callers hear
 *	(the card's tone_zone attribute)
 */
struct tapi_sim_config {
	u32 tone_zone;
	u32 no_answer_ms;
	u32 remote_answer_ms;
	u32 reply_delay_ms;
	bool unknown_specialinfo;
	char external_prefix[TAPI_ADDRESS_LEN];
	u32 forward_no_answer_ms;
	unsigned int num_park;
	char park[TAPI_SIM_MAX_PARK][TAPI_ADDRESS_LEN];
};

/**
 * enum tapi_sim_audio - what a call hears (sim-media.c)
 * @SIM_AUDIO_NONE: nothing: no frames reach its media fds
 * @SIM_AUDIO_PEER: the other line's MSP, and it hears this one's
 * @SIM_AUDIO_NETWORK: silence from the network, which takes the MSP's audio
 * @SIM_AUDIO_TONE: a call-progress tone
 * @SIM_AUDIO_CONF: a party of a conference bridge: hears the sum of the
 *	other parties
 * @SIM_AUDIO_SIDETONE: a G.711 line dialling in band: hears what it sends
 */
enum tapi_sim_audio {
	SIM_AUDIO_NONE,
	SIM_AUDIO_PEER,
	SIM_AUDIO_NETWORK,
	SIM_AUDIO_TONE,
	SIM_AUDIO_CONF,
	SIM_AUDIO_SIDETONE,
};

/**
 * enum tapi_sim_tone_kind - call-progress tones of a tone zone
 * @SIM_TONE_DIAL: dial tone
 * @SIM_TONE_RINGBACK: audible ringing
 * @SIM_TONE_BUSY: the called station is busy
 * @SIM_TONE_CONGESTION: no way through (reorder, fast busy)
 * @SIM_TONE_SIT: special information tone (number unobtainable)
 * @SIM_TONE_COUNT: number of kinds
 */
enum tapi_sim_tone_kind {
	SIM_TONE_DIAL,
	SIM_TONE_RINGBACK,
	SIM_TONE_BUSY,
	SIM_TONE_CONGESTION,
	SIM_TONE_SIT,
	SIM_TONE_COUNT,
};

struct tapi_sim_tone_seg;

/**
 * struct tapi_sim_media_call - one call's audio, in its struct tapi_sim_call
 * @node: entry in &tapi_sim_media.active while @kind is not NONE
 * @call: the core's call
 * @law: how its line's audio moves: %TAPI_MEDIA_LINEAR16, or G.711
 *	(%TAPI_MEDIA_ULAW, %TAPI_MEDIA_ALAW) through the core's G.711
 *	helpers; fixed when the call is made
 * @kind: &enum tapi_sim_audio
 * @peer: for %SIM_AUDIO_PEER, the other end once it has audio too
 * @tone: for %SIM_AUDIO_TONE, the cadence
 * @seg: the part of the cadence playing
 * @pos: samples of it played
 * @phase: of each frequency, in 0.1 Hz samples modulo 80000
 * @bridge: for %SIM_AUDIO_CONF, the conference call's audio state, whose
 *	@parties this call is on (@bridge_node); maybe this call itself
 * @bridge_node: entry in @bridge->parties
 * @parties: when this is a conference call's audio: the parties of its
 *	bridge
 * @bridges_node: entry in &tapi_sim_media.bridges while @parties is not
 *	empty
 * @mix: for %SIM_AUDIO_CONF, what the party sent in this tick
 *
 * Every field but @call is protected by &tapi_sim_media.lock.
 */
struct tapi_sim_media_call {
	struct list_head node;
	struct tapi_call *call;
	u32 law;
	enum tapi_sim_audio kind;
	struct tapi_sim_media_call *peer;
	const struct tapi_sim_tone_seg *tone;
	unsigned int seg;
	u32 pos;
	u32 phase[2];
	struct tapi_sim_media_call *bridge;
	struct list_head bridge_node;
	struct list_head parties;
	struct list_head bridges_node;
	s16 mix[TAPI_SIM_TICK_SAMPLES];
};

/**
 * struct tapi_sim_media - a switch's audio
 * @lock: protects everything here and in the calls on @active; taken by
 *	the timer (softirq) with interrupts off
 * @active: the calls with audio (struct tapi_sim_media_call.node), but
 *	conference parties
 * @bridges: conference bridges with parties (struct
 *	tapi_sim_media_call.bridges_node)
 * @timer: the tick
 * @running: @timer is armed
 * @stopped: the card is going: no call gets audio
 */
struct tapi_sim_media {
	spinlock_t lock;
	struct list_head active;
	struct list_head bridges;
	struct hrtimer timer;
	bool running;
	bool stopped;
};

int tapi_sim_zone_find(const char *name);
const char *tapi_sim_zone_name(unsigned int zone);
void tapi_sim_media_init(struct tapi_sim_media *sm);
void tapi_sim_media_update(struct tapi_sim_media *sm,
			   struct tapi_sim_media_call *mc,
			   enum tapi_sim_audio kind,
			   enum tapi_sim_tone_kind tone,
			   struct tapi_sim_media_call *peer, unsigned int zone);
void tapi_sim_media_init_call(struct tapi_sim_media_call *mc,
			      struct tapi_call *call, u32 law);
void tapi_sim_media_join(struct tapi_sim_media *sm,
			 struct tapi_sim_media_call *mc,
			 struct tapi_sim_media_call *bridge);
void tapi_sim_media_end_bridge(struct tapi_sim_media *sm,
			       struct tapi_sim_media_call *mc);
void tapi_sim_media_start(struct tapi_sim_media *sm);
void tapi_sim_media_stop(struct tapi_sim_media *sm);

/**
 * enum tapi_sim_mb_mode - how a card misbehaves (its misbehave attribute,
 *	sim-misbehave.c, Documentation/tsp-sim.rst)
 * @SIM_MB_BADSTATE: before each state it reports, it reports invalid
 *	states, an invalid mode and a transition the call model forbids
 * @SIM_MB_TWICE: it completes each request twice
 * @SIM_MB_NEVER: it never completes a request but a drop's
 * @SIM_MB_BADRESULT: it completes requests with results that are no errno
 * @SIM_MB_LIE: dial, answer and accept refuse a request they completed
 * @SIM_MB_BADRETURN: dial, answer and accept return a positive number
 * @SIM_MB_IRQ: states, completions and digits from hard IRQ (irq_work)
 * @SIM_MB_HRTIMER: ... from an hrtimer in hard-IRQ mode
 * @SIM_MB_TIMER: ... from a timer_list (softirq)
 * @SIM_MB_GHOST: it keeps every call that goes idle, for the network's
 *	bogus command to report on
 * @SIM_MB_UNREGISTER: its call operations, line_open and line_close call
 *	tapi_card_unregister() (and line_open tapi_call_offer())
 * @SIM_MB_MODES: the number of modes
 */
enum tapi_sim_mb_mode {
	SIM_MB_BADSTATE,
	SIM_MB_TWICE,
	SIM_MB_NEVER,
	SIM_MB_BADRESULT,
	SIM_MB_LIE,
	SIM_MB_BADRETURN,
	SIM_MB_IRQ,
	SIM_MB_HRTIMER,
	SIM_MB_TIMER,
	SIM_MB_GHOST,
	SIM_MB_UNREGISTER,
	SIM_MB_MODES,
};

/*
 * What the misbehave attribute counts: one entry per mode (what the mode
 * injected), then the network's bogus command's, and the reports a
 * context mode found made in another context than its own.
 */
#define SIM_MB_GHOSTMEDIA	SIM_MB_MODES
#define SIM_MB_BOGUS		(SIM_MB_MODES + 1)
#define SIM_MB_BOGUSVOID	(SIM_MB_MODES + 2)
#define SIM_MB_WRONGCTX		(SIM_MB_MODES + 3)
#define SIM_MB_KINDS		(SIM_MB_MODES + 4)

struct tapi_sim_job;

/**
 * struct tapi_sim_misbehave - a card's misbehaviour (sim-misbehave.c)
 * @modes: BIT(&enum tapi_sim_mb_mode) of the modes on; written by the
 *	misbehave attribute at any time, read once per report
 * @injected: per kind, the bad reports made
 * @refused: per kind, those of them the core's helper refused (returned
 *	an error); kinds whose helpers return nothing count none
 * @irq_work: runs @job in hard IRQ context
 * @hrtimer: runs @job from an hrtimer in hard-IRQ mode
 * @timer: runs @job from a timer_list
 * @job: the report waiting for one of them; under sw->lock
 * @next_ctx: the context mode to use next, round robin; under sw->lock
 * @flip: alternates the bad results; under sw->lock
 * @last_completed: the request completed last; under sw->lock
 * @ghosts: calls kept after they went idle (struct tapi_sim_ghost);
 *	under sw->lock
 */
struct tapi_sim_misbehave {
	u32 modes;
	atomic_t injected[SIM_MB_KINDS];
	atomic_t refused[SIM_MB_KINDS];
	struct irq_work irq_work;
	struct hrtimer hrtimer;
	struct timer_list timer;
	struct tapi_sim_job *job;
	unsigned int next_ctx;
	bool flip;
	struct tapi_request *last_completed;
	struct list_head ghosts;
};

/**
 * struct tapi_sim_switch - the in-kernel switch of one live card
 * @lock: protects everything below.  Process context only: taken by the
 *	&tapi_tsp_ops call operations, the switch's work items and the
 *	network attribute, never by line_open/line_close; held around
 *	tapi_call_offer() and the tapi_call_* helpers, never around
 *	tapi_card_unregister().
 * @live: calls may be made; cleared before the card is unregistered
 * @tcard: the registered card
 * @cfg: the card's configuration, frozen while live
 * @num_lines: the card's lines
 * @num_numbers: entries in @dir
 * @dir: every number of every line, to route calls, in line order: the
 *	numbers of line L are @dir[@dir_first[L]] .. @dir[@dir_first[L + 1] - 1]
 * @dir_first: by line index, where the line's numbers start in @dir;
 *	@num_lines + 1 entries
 * @dir_sorted: indexes of @dir sorted by number (then by index), for
 *	tapi_sim_classify() to search a card of thousands of lines
 * @calls: the switch's calls (struct tapi_sim_call.node)
 * @ops: operations waiting to run (struct tapi_sim_op.node), with
 *	@cfg.reply_delay_ms, in the order they were made
 * @op_work: runs @ops when they are due
 * @parked: what each park address of @cfg holds
 * @completions: call completions pending (struct
 *	tapi_sim_completion.node), oldest first
 * @completion_work: looks for completions whose far end is free
 * @media: the calls' audio (under its own lock, not @lock)
 * @laws: each line's law (&tapi_sim_line.law), by line index
 * @mb: how the card misbehaves, for tests of the core
 */
struct tapi_sim_switch {
	struct mutex lock;
	bool live;
	struct tapi_card *tcard;
	struct tapi_sim_config cfg;
	unsigned int num_lines;
	unsigned int num_numbers;
	struct tapi_sim_number *dir;
	u32 *dir_first;
	u32 *dir_sorted;
	struct list_head calls;
	struct list_head ops;
	struct delayed_work op_work;
	struct tapi_sim_parked *parked;
	struct list_head completions;
	struct work_struct completion_work;
	struct tapi_sim_media media;
	u32 *laws;
	struct tapi_sim_misbehave mb;
};

/**
 * struct tapi_sim_line - configuration of one line: tapi-sim/CARD/lineN
 * @group: the configfs directory
 * @card: the card the line belongs to (its parent directory, which the
 *	line holds a reference on)
 * @node: entry in &tapi_sim_card.lines
 * @index: N of lineN
 * @name: the line's name, NUL-terminated
 * @num_numbers: entries used in @numbers; 0 until the user writes some
 * @numbers: the line's addresses (directory numbers), NUL-terminated
 * @media_modes: &enum tapi_media_mode bits
 * @bearer_modes: &enum tapi_bearer_mode bits
 * @max_calls: most active calls on the line, and on each address
 * @max_conf_members: most members of a conference call of the line
 * @gen_digit_modes: &enum tapi_digit_mode bits the line generates
 * @monitor_digit_modes: &enum tapi_digit_mode bits the line detects
 * @gen_tone_max_freqs: most frequencies of a generated tone
 * @monitor_tone_max_freqs: most frequencies of a monitored tone
 * @monitor_tone_max: most tones monitored at once
 * @call_features: &enum tapi_call_feature bits the line's addresses offer
 * @address_features: &enum tapi_address_feature bits the line's addresses
 *	offer
 * @pickup_group: the line's pickup group, or empty for none
 * @law: how the card moves the line's audio: %TAPI_MEDIA_LINEAR16 (the
 *	linear helpers), %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW (the G.711
 *	helpers, and in-band dialling)
 *
 * Every field but @group, @card and @index (fixed at mkdir) is protected by
 * @card->lock.
 */
struct tapi_sim_line {
	struct config_group group;
	struct tapi_sim_card *card;
	struct list_head node;
	unsigned int index;
	char name[TAPI_LINE_NAME_LEN];
	unsigned int num_numbers;
	char numbers[TAPI_MAX_ADDRESSES][TAPI_ADDRESS_LEN];
	u32 media_modes;
	u32 bearer_modes;
	u32 max_calls;
	u32 max_conf_members;
	u32 gen_digit_modes;
	u32 monitor_digit_modes;
	u32 gen_tone_max_freqs;
	u32 monitor_tone_max_freqs;
	u32 monitor_tone_max;
	u32 call_features;
	u32 address_features;
	char pickup_group[TAPI_SIM_GROUP_LEN];
	u32 law;
};

/* Address operations the simulated switch implements. */
#define TAPI_SIM_ADDRESS_FEATURES	(TAPI_ADDRFEATURE_MAKECALL |	\
					 TAPI_ADDRFEATURE_PICKUP |	\
					 TAPI_ADDRFEATURE_UNPARK |	\
					 TAPI_ADDRFEATURE_FORWARD)

/* Call operations the simulated switch implements. */
#define TAPI_SIM_CALL_FEATURES		(TAPI_CALLFEATURE_ACCEPT |	\
					 TAPI_CALLFEATURE_ANSWER |	\
					 TAPI_CALLFEATURE_DIAL |	\
					 TAPI_CALLFEATURE_DROP |	\
					 TAPI_SIM_SUPP_FEATURES |	\
					 TAPI_SIM_SERVICE_FEATURES |	\
					 TAPI_SIM_MEDIA_FEATURES)
/* Supplementary services (sim-supp.c). */
#define TAPI_SIM_SUPP_FEATURES		(TAPI_CALLFEATURE_HOLD |	\
					 TAPI_CALLFEATURE_UNHOLD |	\
					 TAPI_CALLFEATURE_SWAPHOLD |	\
					 TAPI_CALLFEATURE_SETUPTRANSFER | \
					 TAPI_CALLFEATURE_COMPLETETRANSF | \
					 TAPI_CALLFEATURE_BLINDTRANSFER | \
					 TAPI_CALLFEATURE_SETUPCONF |	\
					 TAPI_CALLFEATURE_PREPAREADDCONF | \
					 TAPI_CALLFEATURE_ADDTOCONF |	\
					 TAPI_CALLFEATURE_REMOVEFROMCONF)
/* Call services (sim-services.c). */
#define TAPI_SIM_SERVICE_FEATURES	(TAPI_CALLFEATURE_REDIRECT |	\
					 TAPI_CALLFEATURE_PARK |	\
					 TAPI_CALLFEATURE_SECURECALL |	\
					 TAPI_CALLFEATURE_SENDUSERUSER | \
					 TAPI_CALLFEATURE_COMPLETECALL)
/* Media control (the core's, on the switch's audio). */
#define TAPI_SIM_MEDIA_FEATURES		(TAPI_CALLFEATURE_GENERATEDIGITS | \
					 TAPI_CALLFEATURE_GENERATETONE | \
					 TAPI_CALLFEATURE_MONITORDIGITS | \
					 TAPI_CALLFEATURE_GATHERDIGITS | \
					 TAPI_CALLFEATURE_MONITORTONES | \
					 TAPI_CALLFEATURE_MONITORMEDIA)

/**
 * struct tapi_sim_card - configuration and state of one card: tapi-sim/CARD
 * @group: the configfs directory; its name is the card's name
 * @lock: protects @lines, @num_lines, @tcard and the configuration of every
 *	line of the card.  Taken in process context only: by configfs
 *	attribute show/store, and by make_group/drop_item (where configfs
 *	holds the subsystem's su_mutex, which is therefore taken before it).
 *	Never taken by the &tapi_tsp_ops callbacks: tapi_card_unregister(),
 *	called under @lock, calls them and waits for them.
 * @lines: the card's line directories (&tapi_sim_line.node), in mkdir order
 * @num_lines: entries in @lines
 * @extra_lines: lines the card has after those of @lines, made without a
 *	directory (the extra_lines attribute), each with the defaults of a
 *	new line directory
 * @extra_first: the number of the first extra line; the next ones count
 *	up from it
 * @tcard: the registered card while live, else NULL
 * @cfg: the switch configuration (card attributes); under @lock
 * @open_lines: lines of the card opened by user space; touched by the
 *	callbacks only, hence atomic and not under @lock
 * @sw: the switch, running while live
 */
struct tapi_sim_card {
	struct config_group group;
	struct mutex lock;	/* see @lock above */
	struct list_head lines;
	unsigned int num_lines;
	unsigned int extra_lines;
	u64 extra_first;
	struct tapi_card *tcard;
	struct tapi_sim_config cfg;
	atomic_t open_lines;
	struct tapi_sim_switch sw;
};

/* sim-card.c: the TSP */
struct tapi_card *tapi_sim_card_register(struct tapi_sim_card *card,
					 struct tapi_sim_line *const *lines,
					 unsigned int num_lines);
void tapi_sim_card_unregister(struct tapi_sim_card *card);

/* sim-switch.c: calls */
void tapi_sim_switch_init(struct tapi_sim_switch *sw);
int tapi_sim_switch_start(struct tapi_sim_switch *sw, struct tapi_card *tcard,
			  const struct tapi_sim_config *cfg,
			  struct tapi_sim_line *const *lines,
			  unsigned int num_lines);
void tapi_sim_switch_stop(struct tapi_sim_switch *sw);
int tapi_sim_make_call(struct tapi_card *tcard, struct tapi_call *call,
		       const struct tapi_call_params *params,
		       struct tapi_request *req);
int tapi_sim_dial(struct tapi_card *tcard, struct tapi_call *call,
		  const char *digits, struct tapi_request *req);
int tapi_sim_answer(struct tapi_card *tcard, struct tapi_call *call,
		    struct tapi_request *req);
int tapi_sim_accept(struct tapi_card *tcard, struct tapi_call *call,
		    struct tapi_request *req);
int tapi_sim_drop(struct tapi_card *tcard, struct tapi_call *call,
		  enum tapi_drop_reason reason, struct tapi_request *req);
ssize_t tapi_sim_switch_show_calls(struct tapi_sim_switch *sw, char *page);

/* sim-supp.c: supplementary services */
int tapi_sim_hold(struct tapi_card *tcard, struct tapi_call *call,
		  struct tapi_request *req);
int tapi_sim_unhold(struct tapi_card *tcard, struct tapi_call *call,
		    struct tapi_request *req);
int tapi_sim_swap_hold(struct tapi_card *tcard, struct tapi_call *call,
		       struct tapi_call *held, struct tapi_request *req);
int tapi_sim_setup_transfer(struct tapi_card *tcard, struct tapi_call *call,
			    struct tapi_call *consult,
			    struct tapi_request *req);
int tapi_sim_complete_transfer(struct tapi_card *tcard, struct tapi_call *call,
			       struct tapi_call *consult,
			       struct tapi_call *conf,
			       struct tapi_request *req);
int tapi_sim_blind_transfer(struct tapi_card *tcard, struct tapi_call *call,
			    const char *dest, struct tapi_request *req);
int tapi_sim_setup_conference(struct tapi_card *tcard, struct tapi_call *call,
			      struct tapi_call *conf, struct tapi_call *consult,
			      unsigned int num_parties,
			      struct tapi_request *req);
int tapi_sim_prepare_add_to_conference(struct tapi_card *tcard,
				       struct tapi_call *conf,
				       struct tapi_call *consult,
				       struct tapi_request *req);
int tapi_sim_add_to_conference(struct tapi_card *tcard, struct tapi_call *conf,
			       struct tapi_call *call,
			       struct tapi_request *req);
int tapi_sim_remove_from_conference(struct tapi_card *tcard,
				    struct tapi_call *call,
				    struct tapi_request *req);

/* sim-services.c: call services */
int tapi_sim_redirect(struct tapi_card *tcard, struct tapi_call *call,
		      const char *dest, struct tapi_request *req);
int tapi_sim_pickup(struct tapi_card *tcard, struct tapi_call *call,
		    const char *dest, const char *group,
		    struct tapi_request *req);
int tapi_sim_park(struct tapi_card *tcard, struct tapi_call *call, u32 mode,
		  const char *dest, struct tapi_request *req);
int tapi_sim_unpark(struct tapi_card *tcard, struct tapi_call *call,
		    const char *dest, struct tapi_request *req);
int tapi_sim_forward(struct tapi_card *tcard, unsigned int line,
		     int address_id, const struct tapi_forward_list *fwd,
		     struct tapi_request *req);
int tapi_sim_secure_call(struct tapi_card *tcard, struct tapi_call *call,
			 struct tapi_request *req);
int tapi_sim_send_user_user(struct tapi_card *tcard, struct tapi_call *call,
			    const u8 *data, size_t len,
			    struct tapi_request *req);
int tapi_sim_complete_call(struct tapi_card *tcard, struct tapi_call *call,
			   u32 mode, u32 completion_id,
			   struct tapi_request *req);
int tapi_sim_uncomplete_call(struct tapi_card *tcard, unsigned int line,
			     u32 completion_id, struct tapi_request *req);

/* sim-misbehave.c: misbehaviour on demand */
void tapi_sim_misbehave_init(struct tapi_sim_switch *sw);
void tapi_sim_misbehave_stop(struct tapi_sim_switch *sw);
int tapi_sim_misbehave_parse(const char *page, u32 *modes);
ssize_t tapi_sim_misbehave_show(u32 modes, char *page);
ssize_t tapi_sim_misbehave_counts(struct tapi_sim_switch *sw, char *page);
int tapi_sim_state_to_core(struct tapi_sim_switch *sw, struct tapi_call *call,
			   u32 state, u32 mode);
void tapi_sim_complete(struct tapi_sim_switch *sw, struct tapi_request *req,
		       int result);
void tapi_sim_complete_drop(struct tapi_sim_switch *sw,
			    struct tapi_request *req, int result);
int tapi_sim_digit(struct tapi_sim_switch *sw, struct tapi_call *call,
		   u32 mode, char digit, unsigned int duration_ms);
int tapi_sim_mb_op_enter(struct tapi_sim_switch *sw, struct tapi_card *tcard,
			 bool may_refuse);
int tapi_sim_mb_op_leave(struct tapi_sim_switch *sw,
			 struct tapi_request *req, int ret);
void tapi_sim_mb_line_callback(struct tapi_sim_switch *sw,
			       struct tapi_card *tcard, unsigned int line,
			       bool open);
void tapi_sim_ghost_keep(struct tapi_sim_switch *sw, struct tapi_call *call);
int tapi_sim_bogus(struct tapi_sim_switch *sw, unsigned int line);

/* sim-network.c: the far end, driven through the network attribute */
int tapi_sim_network_command(struct tapi_sim_switch *sw, unsigned int line,
			     char *cmd);

/* Used by sim-network.c, with sw->lock held. */
struct tapi_sim_call *tapi_sim_find_call(struct tapi_sim_switch *sw,
					 unsigned int line, u32 id);
int tapi_sim_offer(struct tapi_sim_switch *sw, unsigned int line,
		   const struct tapi_call_offer *offer);
int tapi_sim_remote_answer(struct tapi_sim_call *sc, u32 delay_ms);
int tapi_sim_remote_hangup(struct tapi_sim_call *sc, u32 mode);
int tapi_sim_report_state(struct tapi_sim_call *sc, u32 state, u32 mode);
struct tapi_call *tapi_sim_call_core(struct tapi_sim_call *sc);
int tapi_sim_network_user_user(struct tapi_sim_call *sc, const u8 *data,
			       size_t len);

#endif /* _TAPI_SIM_H */
