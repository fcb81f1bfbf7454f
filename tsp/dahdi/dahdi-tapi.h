/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dahdi_dynamic_tapi: DAHDI dynamic spans as tapi cards.
 *
 * span.c is the DAHDI side: the dynamic span driver "tapi" (create,
 * destroy, and transmit(), which DAHDI calls every millisecond with one
 * frame for all channels of a span and which answers at once with the
 * far end's frame).  chan.c is the tapi side: each channel is a line, and
 * its signalling type decides whether the line is the phone or the
 * exchange.
 */
#ifndef _DAHDI_TAPI_H
#define _DAHDI_TAPI_H

#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <tapi/tsp.h>

struct dahdi_chan;
struct dahdi_dynamic;

/*
 * Most channels of one span.  DAHDI's dynamic receive path mishandles
 * frames of more channels than about 168 (measured), so spans are
 * capped there.
 */
#define TAPI_DAHDI_MAX_CHANS	168
/* Samples per channel in one frame: DAHDI_CHUNKSIZE. */
#define TAPI_DAHDI_CHUNK	8
/* Longest span address: "DYN/tapi/<address>" must fit a card name. */
#define TAPI_DAHDI_ADDR_LEN	(TAPI_NAME_LEN - sizeof("DYN/tapi/"))

/* Signalling bits of one channel, as DAHDI's RBS code has them. */
#define TAPI_DAHDI_A		0x8
#define TAPI_DAHDI_B		0x4
#define TAPI_DAHDI_BD		0x5	/* on hook, loop idle */
#define TAPI_DAHDI_ABCD		0xf	/* off hook; kewl (loop open) */
#define TAPI_DAHDI_RING		0x0	/* B clear: ringing */

/**
 * enum tapi_dahdi_role - what the tapi line is, from the channel's
 *	DAHDI signalling
 * @TAPI_DAHDI_ROLE_NONE: not configured (yet): no calls
 * @TAPI_DAHDI_ROLE_PHONE: fxoks/fxols: DAHDI is the exchange, the line
 *	the phone
 * @TAPI_DAHDI_ROLE_EXCHANGE: fxsks/fxsls: DAHDI is the phone, the line
 *	the exchange
 * @TAPI_DAHDI_ROLE_REFUSED: another signalling: refused, no calls
 */
enum tapi_dahdi_role {
	TAPI_DAHDI_ROLE_NONE,
	TAPI_DAHDI_ROLE_PHONE,
	TAPI_DAHDI_ROLE_EXCHANGE,
	TAPI_DAHDI_ROLE_REFUSED,
};

/**
 * enum tapi_dahdi_phase - where a channel's call is
 * @TAPI_DAHDI_IDLE: no call
 * @TAPI_DAHDI_IN_RINGING: phone: DAHDI rings, the call is offered
 * @TAPI_DAHDI_OUT_SEIZE: phone: off hook, waiting for dial tone
 * @TAPI_DAHDI_OUT_DIALTONE: phone: off hook, the application may dial
 * @TAPI_DAHDI_OUT_DIALING: phone: DTMF digits going out
 * @TAPI_DAHDI_RING_OUT: exchange: ringing the DAHDI phone
 * @TAPI_DAHDI_IN_OFFHOOK: exchange: the DAHDI phone went off hook, the
 *	call is offered
 * @TAPI_DAHDI_TALK: connected
 * @TAPI_DAHDI_FAR_GONE: the far end hung up or never answered; the call
 *	is disconnected until the application drops it
 * @TAPI_DAHDI_REJECTED: phone: an offered call was dropped while DAHDI
 *	rings on; no call until the ringing stops
 */
enum tapi_dahdi_phase {
	TAPI_DAHDI_IDLE,
	TAPI_DAHDI_IN_RINGING,
	TAPI_DAHDI_OUT_SEIZE,
	TAPI_DAHDI_OUT_DIALTONE,
	TAPI_DAHDI_OUT_DIALING,
	TAPI_DAHDI_RING_OUT,
	TAPI_DAHDI_IN_OFFHOOK,
	TAPI_DAHDI_TALK,
	TAPI_DAHDI_FAR_GONE,
	TAPI_DAHDI_REJECTED,
};

/* Bits of &tapi_dahdi_chan.events: what the tick saw for the work. */
enum {
	TAPI_DAHDI_EV_BITS,	/* DAHDI's signalling bits changed */
	TAPI_DAHDI_EV_TIMER,	/* the channel's timer ran out */
	TAPI_DAHDI_EV_SIG,	/* the channel's signalling type changed */
};

/**
 * struct tapi_dahdi_chan - one channel of a span: one tapi line
 * @index: the channel's position in the span, from 0: the line index
 * @dchan: DAHDI's channel
 * @events: TAPI_DAHDI_EV_* bits the tick raised for the work
 *
 * The rest is under &tapi_dahdi_span.lock (the tick reads it every
 * millisecond); only the work and the call operations, under
 * &tapi_dahdi_span.mutex, change it.
 *
 * @dahdi_bits: the signalling bits DAHDI sends, as last seen by the tick
 * @sig: DAHDI's signalling type of the channel, as last seen by the tick
 * @role: the line's role, from @sig (work only)
 * @phase: where the call is
 * @call: the call, with a reference of ours, or NULL
 * @dial_req: a dial request to complete when its digits are out
 * @dial_more: the digits sent end with ';': more will follow
 * @dest: digits waiting to be dialled: a placed call's number until
 *	dial tone, or a dial's while earlier digits go out (work only)
 * @dest_more: @dest ended with ';'
 * @dest_req: the dial request of @dest, or NULL
 * @our_bits: the signalling bits we send (the far end's hook)
 * @ringing: ringing the DAHDI phone, with the cadence
 * @ring_pos: milliseconds into the ring cadence
 * @kewl_ms: milliseconds of loop open still to send, then @our_bits
 * @timer_ms: milliseconds until TAPI_DAHDI_EV_TIMER; 0: off
 * @audio: audio flows between DAHDI and @call
 */
struct tapi_dahdi_chan {
	unsigned int index;
	struct dahdi_chan *dchan;
	unsigned long events;

	u8 dahdi_bits;
	int sig;
	enum tapi_dahdi_role role;
	enum tapi_dahdi_phase phase;
	struct tapi_call *call;
	struct tapi_request *dial_req;
	bool dial_more;
	char dest[TAPI_DIAL_LEN];
	bool dest_more;
	struct tapi_request *dest_req;
	u8 our_bits;
	bool ringing;
	u32 ring_pos;
	u32 kewl_ms;
	u32 timer_ms;
	bool audio;
};

/**
 * struct tapi_dahdi_span - one DAHDI dynamic span served as a tapi card
 * @dyn: DAHDI's span
 * @card: the tapi card
 * @lock: the channels' tick state; taken in DAHDI's transmit() (atomic)
 * @mutex: serialises the work and the call operations
 * @work: runs the channels' state machines in process context
 * @dead: the span is going: operations refused, work does nothing
 * @reply: the frame handed back to DAHDI
 * @reply_len: its length
 * @nchans: number of channels
 * @chans: the channels
 */
struct tapi_dahdi_span {
	struct dahdi_dynamic *dyn;
	struct tapi_card *card;
	spinlock_t lock;
	struct mutex mutex;
	struct work_struct work;
	bool dead;
	u8 *reply;
	size_t reply_len;
	unsigned int nchans;
	struct tapi_dahdi_chan chans[];
};

/* Timing (module parameters, span.c). */
extern unsigned int tapi_dahdi_ring_on_ms;
extern unsigned int tapi_dahdi_ring_off_ms;
extern unsigned int tapi_dahdi_dialtone_ms;
extern unsigned int tapi_dahdi_ring_gap_ms;
extern unsigned int tapi_dahdi_kewl_ms;
extern unsigned int tapi_dahdi_no_answer_ms;

/* chan.c */
extern const struct tapi_tsp_ops tapi_dahdi_ops;
void tapi_dahdi_fill_line(struct tapi_dahdi_span *s, unsigned int x,
			  struct tapi_line_desc *ld,
			  struct tapi_address_desc *ad, char *number,
			  size_t number_len);
void tapi_dahdi_work(struct work_struct *work);
void tapi_dahdi_release_calls(struct tapi_dahdi_span *s);

#endif /* _DAHDI_TAPI_H */
