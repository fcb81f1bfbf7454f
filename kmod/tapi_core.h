/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal declarations of the tapi core, shared by its files only.
 *
 * Objects and their lifetimes:
 *
 * struct tapi_card is one registered card: /dev/tapiN.  Its struct device is
 * the reference count: the TSP's registration holds one reference, every open
 * card fd holds one, every line holds one (taken explicitly: the parent
 * link of a device is dropped by device_del(), and lines outlive that).
 *
 * struct tapi_line is one line of a card, a child device "lineK" of the card
 * device.  Every open line fd and every call holds a reference on the line
 * device, which keeps the line and the card in memory after the card is
 * unregistered.
 *
 * struct tapi_line_file is one open line fd (anonymous inode "tapi-line").
 *
 * struct tapi_call is one call, shared by every application holding a
 * handle to it (kref: one per handle, one per reference the TSP took, one
 * per request about it).  It sits on its line's call list from creation to
 * its last put.
 *
 * struct tapi_call_handle is one line fd's handle (a u32, TAPI's hCall) to
 * a call: in the fd's handle xarray and on the call's handle list.  kref:
 * the xarray's, and one per user (an ioctl looking it up, a make-call
 * request waiting to make it valid).
 *
 * struct tapi_request is one asynchronous request (kref: the TSP's until it
 * completes it, the requester's while an ioctl waits on it, the lists').
 *
 * Locking, outermost first:
 *
 * card->ops_sem (rw_semaphore): card->ops is non-NULL while the card is
 *	registered.  Readers hold it across every callback into the TSP and
 *	across every ioctl, so tapi_card_unregister() (the only writer) waits
 *	for them and afterwards nobody calls into the TSP.  Never taken by
 *	the helpers a TSP calls.
 * card->lock (mutex): the open/close decisions of every line of the card
 *	(first open, last close), the per-line open counters, and every
 *	creation of a handle for an fd other than the caller's own (offer
 *	distribution, handoff), so that an fd leaving line->opens under it
 *	gets no handle afterwards.  Never held across a call operation of the
 *	TSP.
 * card->req_lock (spinlock, irq-safe): every request list (card, line fd,
 *	call) and the request fields marked so; the card's call completions.
 * call->lock (spinlock, irq-safe): the call's state, information and
 *	handle list, and each handle's privilege and validity.
 * call->media_lock (spinlock, irq-safe): the call's media fds, their ring
 *	state and its media control; taken inside call->lock, never the
 *	other way round (media.c, media-control.c).
 * line->opens_lock, line->calls_lock (spinlocks, irq-safe): the lists of
 *	open fds and of calls of a line.  Taken inside call->lock for a
 *	broadcast, never the other way round.
 * line->fwd_lock (spinlock, irq-safe): the forwarding of the line's
 *	addresses.  Nothing is taken inside it.
 * lf->handles' xa_lock (irq-safe): the fd's handle table.
 * lf->wait.lock (spinlock, irq-safe): the event queue of one line fd and
 *	its counters.  Innermost.
 * tapi_nl_lock (spinlock, irq-safe, netlink-notify.c): the queue of
 *	generic netlink notifications; taken inside call->lock, nothing
 *	inside it.  Sending them takes card->ops_sem for reading, from a
 *	work item, with no other core lock held.
 */
#ifndef _TAPI_CORE_H
#define _TAPI_CORE_H

#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/io_uring.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include <linux/tapi_netlink.h>
#include <tapi/tsp.h>

/* Most cards registered at once: the size of the char device region. */
#define TAPI_MAX_CARDS		256

/* Number of media mode bits: entries of tapi_line_file.priority. */
#define TAPI_MEDIA_BITS		15

/**
 * struct tapi_address_fwd - the forwarding in force on one address, as the
 *	TSP reported it (tapi_address_set_forward())
 * @num: entries of @entries used
 * @no_answer_ms: the no-answer time of a %TAPI_FORWARD_NOANSWER entry
 * @entries: in the order of their mode bits
 */
struct tapi_address_fwd {
	u32 num;
	u32 no_answer_ms;
	struct tapi_forward_entry entries[TAPI_FORWARD_MAX];
};

/**
 * struct tapi_line - one line of a card
 * @card: the card the line belongs to
 * @index: index of the line on the card
 * @dev: the line's sysfs device, child of the card's device
 * @caps: the line's capabilities, as the TSP described them
 * @addrs: @caps.num_addresses address capabilities
 * @opens_lock: protects @opens
 * @opens: open line fds of this line (struct tapi_line_file.node), in
 *	open order; changed under card->lock and @opens_lock both
 * @num_opens: how many line fds are open; under card->lock
 * @calls_lock: protects @calls
 * @calls: the line's calls (struct tapi_call.line_node)
 * @fwd_lock: protects @fwd
 * @fwd: @caps.num_addresses forwarding states
 */
struct tapi_line {
	struct tapi_card *card;
	unsigned int index;
	struct device dev;
	struct tapi_line_devcaps caps;
	struct tapi_address_caps *addrs;
	spinlock_t opens_lock;
	struct list_head opens;
	unsigned int num_opens;
	spinlock_t calls_lock;
	struct list_head calls;
	spinlock_t fwd_lock;
	struct tapi_address_fwd *fwd;
};

/**
 * struct tapi_card - one card registered by a TSP
 * @dev: the card's device, /dev/tapiN and /sys/class/tapi/tapiN
 * @cdev: the character device
 * @index: N of tapiN, also the minor number
 * @name: the card's name
 * @driver: the name of the TSP module
 * @priv: the TSP's private data
 * @ops_sem: see the locking comment at the top of this file
 * @ops: the TSP's operations; NULL once the card is unregistered
 * @lock: see the locking comment at the top of this file
 * @remove_wait: pollers of card fds, woken when the card goes away
 * @node: entry in the list of registered cards (tapi_cards_lock)
 * @num_lines: number of entries in @lines
 * @lines: the card's lines
 * @call_ids: the card's calls by call id, allocated cyclically from 1
 * @next_call_id: the cursor of that allocation
 * @req_lock: see the locking comment at the top of this file
 * @requests: requests handed to the TSP and not completed by it yet
 *	(struct tapi_request.card_node); under @req_lock
 * @completions: call completions pending (struct tapi_completion.node);
 *	under @req_lock
 * @next_completion_id: the last completion id handed out; under @req_lock
 */
struct tapi_card {
	struct device dev;
	struct cdev cdev;
	int index;
	char name[TAPI_NAME_LEN];
	char driver[TAPI_NAME_LEN];
	void *priv;
	struct rw_semaphore ops_sem;
	const struct tapi_tsp_ops *ops;
	struct mutex lock;
	wait_queue_head_t remove_wait;
	struct list_head node;
	unsigned int num_lines;
	struct tapi_line **lines;
	struct xarray call_ids;
	u32 next_call_id;
	spinlock_t req_lock;
	struct list_head requests;
	struct list_head completions;
	u32 next_completion_id;
};

/**
 * struct tapi_completion - a call completion the TSP holds for a line fd
 * @node: entry in card->completions; under card->req_lock
 * @lf: the line fd that asked; the entry goes before the fd does
 * @id: the completion id, unique on the card among the pending ones
 */
struct tapi_completion {
	struct list_head node;
	struct tapi_line_file *lf;
	u32 id;
};

/**
 * struct tapi_line_file - one open line fd
 * @line: the line; a reference on @line->dev is held
 * @node: entry in @line->opens
 * @privileges: &enum tapi_privilege bits granted
 * @media_modes: media modes owned (with %TAPI_PRIV_OWNER)
 * @priority: inbound call priority per media mode (index: bit number);
 *	under card->lock
 * @event_mask: event types delivered, as bits (1 << type); read locklessly
 * @app_name: the application's name
 * @handles: the fd's call handles (struct tapi_call_handle), allocated
 *	cyclically from 1
 * @next_handle: the cursor of the cyclic allocation
 * @requests: requests of this fd awaiting their reply (struct
 *	tapi_request.lf_node); under card->req_lock
 * @next_request_id: the last request id handed out; under card->req_lock
 * @wait: readers and pollers; its lock protects the fields below
 * @events: queued event records
 * @seqno: sequence number of the last event queued
 * @lost: events dropped since the last %TAPI_EV_OVERFLOW was read
 * @first_lost: sequence number of the first of those
 * @replies: replies queued apart from @events (struct tapi_reply.node),
 *	in sequence order; never dropped
 * @replies_owed: requests of this fd not yet answered, or answered with a
 *	reply record not yet read; at most the depth of @events
 * @removed: the card is gone; no more events will come
 * @uring_events: pending io_uring %TAPI_URING_READ_EVENTS commands
 *	(struct tapi_uring_wait.node), oldest first; under @wait's lock
 * @uring_requests: pending io_uring commands whose completion is a
 *	request's outcome (struct tapi_uring_wait.node); under @wait's lock
 * @uring_reap: looks for pending commands whose ring or submitter went
 *	away, every %TAPI_URING_REAP_MS while there are any
 */
struct tapi_line_file {
	struct tapi_line *line;
	struct list_head node;
	u32 privileges;
	u32 media_modes;
	u32 priority[TAPI_MEDIA_BITS];
	u64 event_mask;
	char app_name[TAPI_NAME_LEN];
	struct xarray handles;
	u32 next_handle;
	struct list_head requests;
	u32 next_request_id;
	wait_queue_head_t wait;
	DECLARE_KFIFO_PTR(events, struct tapi_event);
	u32 seqno;
	u32 lost;
	u32 first_lost;
	struct list_head replies;
	atomic_t replies_owed;
	bool removed;
	struct list_head uring_events;
	struct list_head uring_requests;
	struct delayed_work uring_reap;
};

/**
 * struct tapi_call - one call
 * @ref: see the top of this file
 * @line: the call's line; a reference on its device is held
 * @address_id: the address of @line the call is on
 * @id: the call id, unique on the card while the call exists
 * @drvdata: the TSP's data (tapi_call_set_drvdata())
 * @line_node: entry in @line->calls
 * @drop_work: the core's own drop (no owner), run on tapi_wq
 * @drop_reason: &enum tapi_drop_reason for @drop_work
 * @requests: outstanding requests about the call (struct
 *	tapi_request.call_node); under card->req_lock
 * @lock: protects every field below
 * @state: one &enum tapi_call_state bit
 * @mode: the state's mode
 * @warned: an illegal transition of this call has been logged
 * @media_mode: &enum tapi_media_mode bits
 * @bearer_mode: one &enum tapi_bearer_mode bit
 * @origin: one &enum tapi_call_origin bit
 * @reason: one &enum tapi_call_reason bit
 * @related_id: call id of a related call, or 0
 * @param_flags: &enum tapi_call_param_flag bits
 * @completion_id: the call completion the call answers, or 0
 * @uui_len: bytes of @uui valid
 * @uui: user-user information the far end sent last
 * @create_ns: creation time
 * @state_ns: when the call last entered each state
 * @parties: the parties, by &enum tapi_party_kind
 * @handles: handles to the call (struct tapi_call_handle.call_node)
 * @num_owners: handles on @handles with owner privilege
 * @num_monitors: handles on @handles with monitor privilege
 * @media_lock: protects the fields below and the ring state of every
 *	media fd on @media (see media.c)
 * @media: the call's media fds (struct tapi_media.node)
 * @media_tx: the one of them that transmits, or NULL
 * @media_ended: the call's media stopped for good: no new media fd
 * @mctl: the call's media control (digits and tones), once used; under
 *	@media_lock (see media-control.c)
 * @mctl_next_id: the last &tapi_call_handle.mctl_id given; under @lock
 */
struct tapi_call {
	struct kref ref;
	struct tapi_line *line;
	unsigned int address_id;
	u32 id;
	void *drvdata;
	struct list_head line_node;
	struct work_struct drop_work;
	enum tapi_drop_reason drop_reason;
	struct list_head requests;

	spinlock_t lock;
	u32 state;
	u32 mode;
	bool warned;
	u32 media_mode;
	u32 bearer_mode;
	u32 origin;
	u32 reason;
	u32 related_id;
	u32 param_flags;
	u32 completion_id;
	u32 uui_len;
	u8 uui[TAPI_USERUSER_MAX];
	u64 create_ns;
	u64 state_ns[TAPI_CALLSTATE_COUNT];
	struct tapi_call_party parties[TAPI_PARTY_COUNT];
	struct list_head handles;
	unsigned int num_owners;
	unsigned int num_monitors;
	spinlock_t media_lock;
	struct list_head media;
	struct tapi_media *media_tx;
	bool media_ended;
	struct tapi_mctl *mctl;
	u32 mctl_next_id;
};

/**
 * struct tapi_call_handle - one line fd's handle to a call
 * @ref: see the top of this file
 * @lf: the line fd holding the handle
 * @call: the call; a reference is held
 * @handle: the handle's number in @lf->handles
 * @call_node: entry in @call->handles while @linked
 * @linked: on @call->handles; under call->lock
 * @valid: usable and receiving events (a make-call handle becomes valid
 *	with its successful reply); under call->lock
 * @announce: the next CALLSTATE carries the privilege; under call->lock
 * @privilege: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR; under call->lock
 * @mctl_id: names the handle in the call's media control, 0 until it
 *	used any; unique in the call; under call->lock
 */
struct tapi_call_handle {
	struct kref ref;
	struct tapi_line_file *lf;
	struct tapi_call *call;
	u32 handle;
	struct list_head call_node;
	bool linked;
	bool valid;
	bool announce;
	u32 privilege;
	u32 mctl_id;
};

/**
 * enum tapi_request_op - what a request asks of the TSP
 * @TAPI_OP_MAKE_CALL: make call
 * @TAPI_OP_DIAL: dial
 * @TAPI_OP_ANSWER: answer
 * @TAPI_OP_ACCEPT: accept
 * @TAPI_OP_DROP: drop
 * @TAPI_OP_HOLD: hold
 * @TAPI_OP_UNHOLD: unhold
 * @TAPI_OP_SWAP_HOLD: swap hold
 * @TAPI_OP_SETUP_TRANSFER: setup transfer
 * @TAPI_OP_COMPLETE_TRANSFER: complete transfer
 * @TAPI_OP_BLIND_TRANSFER: blind transfer
 * @TAPI_OP_SETUP_CONF: setup conference
 * @TAPI_OP_PREPARE_ADD_CONF: prepare add to conference
 * @TAPI_OP_ADD_TO_CONF: add to conference
 * @TAPI_OP_REMOVE_FROM_CONF: remove from conference
 * @TAPI_OP_REDIRECT: redirect
 * @TAPI_OP_PICKUP: pickup
 * @TAPI_OP_PARK: park
 * @TAPI_OP_UNPARK: unpark
 * @TAPI_OP_FORWARD: forward (no call)
 * @TAPI_OP_SECURE: secure call
 * @TAPI_OP_SEND_USER_USER: send user-user information
 * @TAPI_OP_COMPLETE_CALL: call completion
 * @TAPI_OP_UNCOMPLETE_CALL: cancel a call completion (no call)
 */
enum tapi_request_op {
	TAPI_OP_MAKE_CALL,
	TAPI_OP_DIAL,
	TAPI_OP_ANSWER,
	TAPI_OP_ACCEPT,
	TAPI_OP_DROP,
	TAPI_OP_HOLD,
	TAPI_OP_UNHOLD,
	TAPI_OP_SWAP_HOLD,
	TAPI_OP_SETUP_TRANSFER,
	TAPI_OP_COMPLETE_TRANSFER,
	TAPI_OP_BLIND_TRANSFER,
	TAPI_OP_SETUP_CONF,
	TAPI_OP_PREPARE_ADD_CONF,
	TAPI_OP_ADD_TO_CONF,
	TAPI_OP_REMOVE_FROM_CONF,
	TAPI_OP_REDIRECT,
	TAPI_OP_PICKUP,
	TAPI_OP_PARK,
	TAPI_OP_UNPARK,
	TAPI_OP_FORWARD,
	TAPI_OP_SECURE,
	TAPI_OP_SEND_USER_USER,
	TAPI_OP_COMPLETE_CALL,
	TAPI_OP_UNCOMPLETE_CALL,
};

/* Most calls one request creates (setup conference: conference, consult). */
#define TAPI_REQUEST_NEW_CALLS	2

/**
 * struct tapi_request_args - what a request gives the TSP besides its call
 * @params: make call: what was asked
 * @digits: dial: the digits; blind transfer, redirect, pickup, park,
 *	unpark: the destination
 * @group: pickup: the pickup group
 * @other: swap hold: the held call; add to conference: the call to add;
 *	complete transfer: the consultation call
 * @conf: a conference call, new or existing
 * @consult: a new consultation call
 * @num_parties: setup conference: the hint
 * @mode: park, call completion: the mode
 * @line: forward, uncomplete: the line index
 * @address_id: forward: the address, or -1 for all
 * @fwd: forward: the list
 * @data: send user-user information: the bytes
 * @len: their number
 * @completion_id: call completion, uncomplete: the completion
 */
struct tapi_request_args {
	const struct tapi_call_params *params;
	const char *digits;
	const char *group;
	struct tapi_call *other;
	struct tapi_call *conf;
	struct tapi_call *consult;
	unsigned int num_parties;
	u32 mode;
	unsigned int line;
	int address_id;
	const struct tapi_forward_list *fwd;
	const u8 *data;
	size_t len;
	u32 completion_id;
};

/**
 * struct tapi_reply - a %TAPI_EV_REPLY record waiting to be read
 * @node: entry in tapi_line_file.replies
 * @ev: the record
 *
 * Replies are queued apart from the other events so that an overflowing
 * queue never drops one; the reader gets both in sequence order.
 */
struct tapi_reply {
	struct list_head node;
	struct tapi_event ev;
};

/**
 * struct tapi_request - one asynchronous request
 * @ref: see the top of this file
 * @reply: the record its reply will be, allocated with the request so that
 *	completing it never allocates; handed to @lf's queue, or freed with
 *	the request
 * @card: the card
 * @call: the call it is about, or NULL (forward, uncomplete); a
 *	reference is held
 * @new_handles: handles of the calls the request creates (make call,
 *	consultation and conference calls), the requester's, made valid on
 *	success, removed with their calls made idle on failure; a reference
 *	is held on each
 * @op: &enum tapi_request_op
 * @id: the request id, unique among the outstanding ones of @lf
 * @line: the index of @lf's line, for tracing once @lf is gone
 * @handle: the call handle the reply names
 * @sync: the requester waits on @done; no reply event.  Under
 *	card->req_lock: a signal while waiting turns it asynchronous
 * @done: completed when the outcome is known
 * @result: the outcome, once @finished
 * @card_node: entry in card->requests while the TSP holds the request
 * @lf_node: entry in lf->requests until finished
 * @call_node: entry in call->requests until finished
 * @lf: the requester, NULL once finished or once the fd is closed;
 *	under card->req_lock
 * @tsp_done: the TSP completed it (or the card went away); under
 *	card->req_lock
 * @finished: the outcome was delivered; under card->req_lock
 * @uring: the io_uring command whose completion is the outcome (with
 *	@sync set: no reply event); under card->req_lock
 * @idle_node: entry in a local list of requests whose new calls must go
 *	idle, once req_lock is released
 * @completion_id: call completion, uncomplete: the completion whose
 *	entry goes if the request fails (completion) or succeeds (uncomplete)
 */
struct tapi_request {
	struct kref ref;
	struct tapi_reply *reply;
	struct tapi_card *card;
	struct tapi_call *call;
	struct tapi_call_handle *new_handles[TAPI_REQUEST_NEW_CALLS];
	enum tapi_request_op op;
	u32 id;
	u32 line;
	u32 handle;
	bool sync;
	struct completion done;
	int result;
	struct list_head card_node;
	struct list_head lf_node;
	struct list_head call_node;
	struct tapi_line_file *lf;
	bool tsp_done;
	bool finished;
	struct tapi_uring_wait *uring;
	struct list_head idle_node;
	u32 completion_id;
};

/* core.c */
extern struct class tapi_class;
extern dev_t tapi_devt;
extern struct workqueue_struct *tapi_wq;

/* card.c */
extern const struct file_operations tapi_card_fops;
struct tapi_card *tapi_card_get_next(u32 *index);
unsigned int tapi_cards_generation(void);

/* debugfs.c */
void tapi_debugfs_init(void);
void tapi_debugfs_exit(void);

/* line.c */
extern const struct file_operations tapi_line_fops;
int tapi_line_file_open(struct tapi_card *card, struct tapi_line_open *arg,
			struct file **filep);
void tapi_line_status(struct tapi_line *line, struct tapi_line_devstatus *st);
void tapi_line_get_devstatus(struct tapi_line_file *lf,
			     struct tapi_line_devstatus *st);
void tapi_line_removed(struct tapi_line *line);
int tapi_check_event_mask(u64 mask);

/* event.c */
int tapi_event_queue_init(struct tapi_line_file *lf, unsigned int depth);
void tapi_event_queue_free(struct tapi_line_file *lf);
void tapi_event_queue(struct tapi_line_file *lf, const struct tapi_event *ev);
bool tapi_event_queue_reply(struct tapi_line_file *lf, struct tapi_reply *r);
bool tapi_event_pending_locked(struct tapi_line_file *lf);
void tapi_event_queue_removed(struct tapi_line_file *lf);
ssize_t tapi_event_read(struct tapi_line_file *lf, char __user *buf,
			size_t count, bool nonblock);
__poll_t tapi_event_poll(struct tapi_line_file *lf, struct file *file,
			 poll_table *wait);
void tapi_line_broadcast(struct tapi_line *line, const struct tapi_event *ev);

/* callstate.c: the call model, pure functions */
bool tapi_callstate_valid(u32 state);
int tapi_callstate_mode(u32 state, u32 mode, u32 *out);
bool tapi_callstate_transition_ok(u32 from, u32 to);
u32 tapi_callstate_features(u32 state);
u32 tapi_callstate_context_features(u32 state, bool conf, bool held_other,
				    unsigned int members, u32 max_members,
				    bool secure);
bool tapi_callstate_active(u32 state);
bool tapi_callstate_held(u32 state);
unsigned int tapi_callstate_kind(u32 state);
const char *tapi_callstate_name(u32 state);

/* call.c */
/**
 * struct tapi_call_counts - calls of a line or an address by kind
 * @inuse: not idle
 * @active: not idle, not held of any kind and not disconnected
 * @onhold: on hold
 * @onholdpend: on hold pending a transfer or a conference
 */
struct tapi_call_counts {
	unsigned int inuse;
	unsigned int active;
	unsigned int onhold;
	unsigned int onholdpend;
};
struct tapi_call *tapi_call_create(struct tapi_line *line,
				   unsigned int address_id, u32 state,
				   u32 mode);
struct tapi_call *tapi_call_get_next(struct tapi_card *card, u32 *id);
struct tapi_call *tapi_call_create_new(struct tapi_line *line,
				       unsigned int address_id);
void tapi_call_count(struct tapi_line *line, int address_id,
		     struct tapi_call_counts *c);
bool tapi_line_has_room(struct tapi_line *line, unsigned int address_id);
bool tapi_line_has_room_except(struct tapi_line *line,
			       unsigned int address_id,
			       struct tapi_call *except);
bool tapi_call_is_conf(struct tapi_call *call);
unsigned int tapi_conf_members(struct tapi_call *conf);
void tapi_call_fanout_locked(struct tapi_call *call,
			     const struct tapi_event *ev);
void tapi_call_fanout_info_locked(struct tapi_call *call, u32 fields);
void tapi_call_queue_state_locked(struct tapi_call *call,
				  struct tapi_call_handle *h);
void tapi_call_address_changed(struct tapi_call *call);
void tapi_call_schedule_drop(struct tapi_call *call,
			     enum tapi_drop_reason reason);
int tapi_call_drop_now(struct tapi_call *call, enum tapi_drop_reason reason);
void tapi_call_force_idle(struct tapi_call *call);
void tapi_call_discard(struct tapi_call *call);
u32 tapi_call_features(struct tapi_call *call, struct tapi_call_handle *h);
u32 tapi_call_legal_features(struct tapi_call *call);
u32 tapi_call_supported_features(const struct tapi_tsp_ops *ops);
void tapi_call_fill_info(struct tapi_call *call, struct tapi_call_info *ci);
void tapi_call_init_outbound(struct tapi_call *call, u32 media_mode,
			     u32 bearer_mode, const char *dest);
void tapi_call_init_taken(struct tapi_call *call, u32 media_mode, u32 reason);

/* handle.c */
struct tapi_call_handle *tapi_handle_new(struct tapi_line_file *lf,
					 struct tapi_call *call);
int tapi_handle_link(struct tapi_call_handle *h, u32 privilege, bool valid,
		     bool newcall);
struct tapi_call_handle *tapi_handle_get(struct tapi_line_file *lf,
					 u32 handle);
void tapi_handle_put(struct tapi_call_handle *h);
void tapi_handle_remove(struct tapi_call_handle *h);
int tapi_handle_dealloc(struct tapi_call_handle *h);
int tapi_handle_set_privilege(struct tapi_call_handle *h, u32 privilege);
void tapi_call_distribute(struct tapi_call *call,
			  struct tapi_line_file *except);
void tapi_call_distribute_to(struct tapi_call *call,
			     struct tapi_line_file *owner);
int tapi_handoff(struct tapi_call_handle *h, u32 media_mode,
		 const char *app_name);
struct tapi_ucmd;
int tapi_line_new_calls(struct tapi_line_file *lf, struct tapi_ucmd *ucmd);
void tapi_handles_release(struct tapi_line_file *lf);

/* request.c */
struct tapi_request *tapi_request_new(struct tapi_line_file *lf,
				      struct tapi_call *call,
				      enum tapi_request_op op, u32 handle,
				      bool sync);
void tapi_request_submit(struct tapi_request *req);
void tapi_request_abort(struct tapi_request *req);
int tapi_request_wait(struct tapi_request *req);
void tapi_request_put(struct tapi_request *req);
void tapi_requests_cancel_call(struct tapi_call *call);
void tapi_requests_detach_lf(struct tapi_line_file *lf);
void tapi_requests_card_gone(struct tapi_card *card);

/* ioctl.c */
/* Which fds a command is valid on. */
#define TAPI_ON_CARD	BIT(0)
#define TAPI_ON_LINE	BIT(1)
long tapi_card_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
long tapi_line_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

struct tapi_ioctl_op;

/**
 * struct tapi_ucmd - one command being executed
 * @op: the command's entry in the ioctl table
 * @card: the card of the fd
 * @lf: the line fd, or NULL for a card fd
 * @cmd: kernel copy of the user structure
 * @uarg: the user structure
 * @user_size: its size as user space gave it
 * @responded: the handler already copied @cmd back (tapi_ucmd_respond())
 * @new_file: a file a handler created, to install as @new_fd once the
 *	result has reached user space
 * @new_fd: the reserved fd for @new_file
 * @wait_req: a synchronous request to wait for once the card's ops_sem is
 *	released; its outcome becomes the command's result
 * @uring: the command came through io_uring
 * @uring_flags: &enum tapi_uring_flag bits of its command area
 * @uring_wait: for an io_uring command of a line fd, what keeps it pending
 *	if it starts a request whose outcome is its completion
 */
struct tapi_ucmd {
	const struct tapi_ioctl_op *op;
	struct tapi_card *card;
	struct tapi_line_file *lf;
	void *cmd;
	void __user *uarg;
	u32 user_size;
	bool responded;
	struct file *new_file;
	int new_fd;
	struct tapi_request *wait_req;
	bool uring;
	u32 uring_flags;
	struct tapi_uring_wait *uring_wait;
};
long tapi_ucmd_run(struct tapi_ucmd *ucmd, unsigned int on, unsigned int cmd);

/* call-ioctl.c: the call commands, for ioctl.c's table */
int tapi_ucmd_respond(struct tapi_ucmd *ucmd);
int tapi_cmd_call_make(struct tapi_ucmd *ucmd);
int tapi_cmd_call_dial(struct tapi_ucmd *ucmd);
int tapi_cmd_call_answer(struct tapi_ucmd *ucmd);
int tapi_cmd_call_accept(struct tapi_ucmd *ucmd);
int tapi_cmd_call_drop(struct tapi_ucmd *ucmd);
int tapi_cmd_call_dealloc(struct tapi_ucmd *ucmd);
int tapi_cmd_call_get_info(struct tapi_ucmd *ucmd);
int tapi_cmd_call_get_status(struct tapi_ucmd *ucmd);
int tapi_cmd_call_set_privilege(struct tapi_ucmd *ucmd);
int tapi_cmd_call_handoff(struct tapi_ucmd *ucmd);
int tapi_cmd_line_new_calls(struct tapi_ucmd *ucmd);
int tapi_cmd_address_get_status(struct tapi_ucmd *ucmd);
int tapi_cmd_line_set_event_mask(struct tapi_ucmd *ucmd);
int tapi_cmd_line_set_priority(struct tapi_ucmd *ucmd);
int tapi_request_sync(struct tapi_ucmd *ucmd, u32 flags, bool *sync);
bool tapi_dial_string_ok(const char *s, size_t len, bool empty_ok);
int tapi_call_op(struct tapi_ucmd *ucmd, struct tapi_call_request *arg,
		 enum tapi_request_op op, u32 feature,
		 const struct tapi_request_args *args);
int tapi_call_op_digits(struct tapi_ucmd *ucmd, enum tapi_request_op op,
			u32 feature);
int tapi_line_op(struct tapi_ucmd *ucmd, bool sync, enum tapi_request_op op,
		 const struct tapi_request_args *args, u32 *id_out);
struct tapi_call_handle *tapi_call_op_check(struct tapi_ucmd *ucmd, u32 flags,
					    u32 handle, enum tapi_request_op op,
					    u32 feature,
					    const struct tapi_request_args *args,
					    bool *sync, u32 *state);
int tapi_call_op_start(struct tapi_ucmd *ucmd, struct tapi_call_handle *h,
		       bool sync, enum tapi_request_op op,
		       const struct tapi_request_args *args, u32 *id_out,
		       bool *started);
int tapi_call_op_out(struct tapi_ucmd *ucmd, u32 flags, u32 handle,
		     u32 *id_out, enum tapi_request_op op, u32 feature,
		     const struct tapi_request_args *args);
int tapi_place_call(struct tapi_ucmd *ucmd, struct tapi_call *call,
		    enum tapi_request_op op, const struct tapi_request_args *args,
		    bool sync, u32 *call_out, u32 *id_out);
int tapi_start_request(struct tapi_ucmd *ucmd, struct tapi_request *req,
		       struct tapi_call *call,
		       const struct tapi_request_args *args);
int tapi_request_result(struct tapi_ucmd *ucmd, struct tapi_request *req);
bool tapi_op_present(const struct tapi_tsp_ops *ops, enum tapi_request_op op);

/* call-supp.c: hold, transfer and conference commands */
int tapi_cmd_call_hold(struct tapi_ucmd *ucmd);
int tapi_cmd_call_unhold(struct tapi_ucmd *ucmd);
int tapi_cmd_call_swap_hold(struct tapi_ucmd *ucmd);
int tapi_cmd_call_setup_transfer(struct tapi_ucmd *ucmd);
int tapi_cmd_call_complete_transfer(struct tapi_ucmd *ucmd);
int tapi_cmd_call_blind_transfer(struct tapi_ucmd *ucmd);
int tapi_cmd_call_setup_conf(struct tapi_ucmd *ucmd);
int tapi_cmd_call_prepare_add_conf(struct tapi_ucmd *ucmd);
int tapi_cmd_call_add_to_conf(struct tapi_ucmd *ucmd);
int tapi_cmd_call_remove_from_conf(struct tapi_ucmd *ucmd);
int tapi_cmd_call_get_conf_related(struct tapi_ucmd *ucmd);

/* call-services.c: redirect, pickup, park, forward, secure, user-user,
 * completion */
int tapi_cmd_call_redirect(struct tapi_ucmd *ucmd);
int tapi_cmd_line_pickup(struct tapi_ucmd *ucmd);
int tapi_cmd_call_park(struct tapi_ucmd *ucmd);
int tapi_cmd_line_unpark(struct tapi_ucmd *ucmd);
int tapi_cmd_call_secure(struct tapi_ucmd *ucmd);
int tapi_cmd_call_send_user_user(struct tapi_ucmd *ucmd);
int tapi_cmd_call_complete(struct tapi_ucmd *ucmd);

/* address.c: forwarding and call completions of a line's addresses */
int tapi_cmd_line_forward(struct tapi_ucmd *ucmd);
int tapi_cmd_line_uncomplete(struct tapi_ucmd *ucmd);
void tapi_address_fill_forward(struct tapi_line *line,
			       unsigned int address_id,
			       struct tapi_address_status *st);
int tapi_completion_add(struct tapi_line_file *lf, u32 *id);
void tapi_completion_remove(struct tapi_card *card, u32 id);
void tapi_completion_remove_locked(struct tapi_card *card, u32 id);
struct tapi_line_file *tapi_completion_claim(struct tapi_card *card, u32 id);
void tapi_completions_release(struct tapi_line_file *lf);

/* uring.c: io_uring commands */
struct tapi_uring_wait;
bool tapi_uring_supported(void);

/* media.c: media fds */
int tapi_cmd_call_media_open(struct tapi_ucmd *ucmd);
void tapi_media_call_ended(struct tapi_call *call);

/* media-control.c, media-control-cmds.c: digits and tones */
struct tapi_mctl;
int tapi_cmd_call_generate_digits(struct tapi_ucmd *ucmd);
int tapi_cmd_call_generate_tone(struct tapi_ucmd *ucmd);
int tapi_cmd_call_monitor_digits(struct tapi_ucmd *ucmd);
int tapi_cmd_call_gather_digits(struct tapi_ucmd *ucmd);
int tapi_cmd_call_monitor_tones(struct tapi_ucmd *ucmd);
int tapi_cmd_call_monitor_media(struct tapi_ucmd *ucmd);
bool tapi_mctl_hears_locked(struct tapi_call *call);
void tapi_mctl_rx_locked(struct tapi_call *call, const s16 *samples,
			 unsigned int n, unsigned int later);
unsigned int tapi_mctl_tx_locked(struct tapi_call *call, s16 *samples,
				 unsigned int n);
void tapi_mctl_flush(struct tapi_call *call);
void tapi_mctl_call_ended(struct tapi_call *call);
void tapi_mctl_stop_locked(struct tapi_call *call);
void tapi_mctl_handle_gone(struct tapi_call *call, u32 id);
void tapi_mctl_free(struct tapi_call *call);
u32 tapi_mctl_call_features(const struct tapi_line_devcaps *caps);

/* g711.c */
void tapi_g711_init(void);
u8 tapi_linear_to_ulaw(s16 pcm);
u8 tapi_linear_to_alaw(s16 pcm);
s16 tapi_ulaw_to_linear(u8 u);
s16 tapi_alaw_to_linear(u8 a);
u8 tapi_g711_silence(u32 format);
void tapi_g711_decode(u32 format, s16 *dst, const u8 *src, unsigned int n);
void tapi_g711_encode(u32 format, u8 *dst, const s16 *src, unsigned int n);
void tapi_g711_transcode(u32 to, u8 *dst, const u8 *src, unsigned int n);
void tapi_uring_init_lf(struct tapi_line_file *lf);
void tapi_uring_release_lf(struct tapi_line_file *lf);
int tapi_line_uring_cmd(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
int tapi_card_uring_cmd(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
int tapi_line_flush(struct file *file, fl_owner_t id);
void tapi_uring_events_ready_locked(struct tapi_line_file *lf, bool all);
bool tapi_uring_request_finished(struct tapi_uring_wait *w, int result);
int tapi_uring_bind_request(struct tapi_ucmd *ucmd, struct tapi_request *req);

/* netlink*.c: the generic netlink family */
int tapi_nl_init(void);
void tapi_nl_exit(void);
void tapi_nl_card_added(struct tapi_card *card);
void tapi_nl_card_removed(struct tapi_card *card);
void tapi_nl_line_changed(struct tapi_line *line);
void tapi_nl_call_changed_locked(struct tapi_call *call, u8 cmd,
				 u32 old_state, u32 fields);

/* sysfs.c */
extern const struct attribute_group *tapi_card_groups[];
extern const struct attribute_group *tapi_line_groups[];

#endif /* _TAPI_CORE_H */
