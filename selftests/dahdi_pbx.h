/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dahdi_pbx.h - the "PBX side" of the DAHDI tests: a DAHDI channel driven
 * the way Asterisk's chan_dahdi drives one, through /dev/dahdi/channel.
 *
 * A channel is opened by number (DAHDI_SPECIFY) with a block size (20 ms
 * = 160 bytes by default) and raw G.711 bytes in the channel's law.  Its
 * state (hook, dialling, buffers) lives as long as the fd: DAHDI puts a
 * channel back on hook when its last opener closes it.
 *
 * DAHDI's semantics the functions follow (dahdi-base.c, 2.11):
 * - read() and write() fail with ELAST while a signalling event is queued:
 *   the event must be taken with DAHDI_GETEVENT first; poll() reports a
 *   queued event as POLLPRI.
 * - write() cancels a dial string or tone in progress: nothing may be
 *   written from DAHDI_DIAL to its DAHDI_EVENT_DIALCOMPLETE.
 * - DAHDI_TONEDETECT is left to the span's driver; dynamic spans have
 *   none (ENOTTY), so DTMF is detected here, in software (Goertzel).
 *
 * All functions return 0 (or a count) on success and -errno on failure.
 */
#ifndef DAHDI_PBX_H
#define DAHDI_PBX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define DPBX_FRAME	160	/* bytes in a 20 ms frame of G.711 */
#define DPBX_RATE	8000

struct dpbx_chan {
	int fd;
	int channo;
	int blocksize;
};

/* Open channel CHANNO with BLOCKSIZE-byte blocks and NUMBUFS buffers each
 * way (0: DAHDI's default of 2), receive and transmit starting at once.
 */
int dpbx_open(struct dpbx_chan *c, int channo, int blocksize, int numbufs);
void dpbx_close(struct dpbx_chan *c);

/* The transmit buffer policy: DAHDI_POLICY_IMMEDIATE (the default) or
 * DAHDI_POLICY_WHEN_FULL (transmit starts once every buffer is full).
 */
int dpbx_set_txpolicy(struct dpbx_chan *c, int policy, int numbufs);
int dpbx_flush(struct dpbx_chan *c, int what);

/* Signalling: DAHDI_ONHOOK, DAHDI_OFFHOOK, DAHDI_RING, ... */
int dpbx_hook(struct dpbx_chan *c, int op);
/* The channel's signalling type (DAHDI_SIG_*) and whether the far end is
 * off hook (rxisoffhook), from DAHDI_GET_PARAMS.
 */
int dpbx_params(struct dpbx_chan *c, int *sigtype, int *rxisoffhook);

/* The next signalling event, waiting up to TIMEOUT_MS (-1: for ever):
 * DAHDI_EVENT_* (> 0), 0 on timeout, -errno.
 */
int dpbx_event(struct dpbx_chan *c, int timeout_ms);
/* Wait up to TIMEOUT_MS for event WANT, skipping others (each stored in
 * SEEN, a string of "name " words, when SEEN is not NULL). 0 when WANT
 * came, -ETIMEDOUT, -errno.
 */
int dpbx_expect(struct dpbx_chan *c, int want, int timeout_ms,
		char *seen, size_t seenlen);
const char *dpbx_event_name(int event);
/* DAHDI_EVENT_* by name ("RINGOFFHOOK", "ringbegin"), -1 if unknown. */
int dpbx_event_by_name(const char *name);

/* One block of audio each way, waiting up to TIMEOUT_MS: the byte count,
 * 0 on timeout, -ELAST when a signalling event is queued, -errno.
 */
ssize_t dpbx_read(struct dpbx_chan *c, void *buf, size_t len, int timeout_ms);
ssize_t dpbx_write(struct dpbx_chan *c, const void *buf, size_t len,
		   int timeout_ms);

/* Dial DIGITS as DTMF (DAHDI_DIAL, "T" prepended); the end of the string
 * is reported as DAHDI_EVENT_DIALCOMPLETE.
 */
int dpbx_dial(struct dpbx_chan *c, const char *digits);

/* Create or destroy a dynamic span through /dev/dahdi/ctl; create
 * returns the new span number.
 */
int dpbx_dynamic_create(const char *driver, const char *addr, int nchans,
			int timing);
int dpbx_dynamic_destroy(const char *driver, const char *addr);

/* G.711 mu-law. */
int16_t dpbx_ulaw_to_linear(uint8_t u);
uint8_t dpbx_linear_to_ulaw(int16_t s);

/* DTMF detection over 8 kHz linear samples: feed any amount, get the
 * digits whose key-down completed in it.
 */
#define DPBX_DTMF_BLOCK	102

struct dpbx_dtmf {
	int16_t block[DPBX_DTMF_BLOCK];
	int fill;
	char last;	/* the digit of the previous block, 0 for none */
	char down;	/* the digit reported as down, 0 for none */
};

void dpbx_dtmf_init(struct dpbx_dtmf *d);
/* Returns the number of digits stored in OUT (NUL-terminated, at most
 * OUTLEN - 1).
 */
int dpbx_dtmf_feed(struct dpbx_dtmf *d, const int16_t *samples, size_t n,
		   char *out, size_t outlen);
int dpbx_dtmf_feed_ulaw(struct dpbx_dtmf *d, const uint8_t *ulaw, size_t n,
			char *out, size_t outlen);

/*
 * Audio streams for tests and benchmarks: each stream sends DPBX_LEAD
 * bytes of silence then a ramp of byte values (0, 1, ... 255, 0, ...:
 * every mu-law code) on its channel
 * from 0 and checks that what it receives is the same ramp, bit for bit,
 * from its first byte (0) on; the idle bytes before it are skipped.  A
 * received byte off the ramp counts as bad and the check picks the ramp
 * up again.
 */
#define DPBX_LEAD	4000	/* 500 ms of silence before the ramp */
#define DPBX_ULAW_SILENCE 0x7f	/* DAHDI's mu-law silence */

struct dpbx_stream {
	struct dpbx_chan *c;
	long long tx_lead;	/* bytes of silence before the ramp: the far
				 * end's reader has that long to start (what
				 * reaches a channel whose read buffers are
				 * full is lost)
				 */
	long long tx_lead_bytes;
	long long tx_target;	/* bytes to send */
	long long rx_target;	/* ramp bytes to receive */
	long long tx_bytes;
	long long rx_bytes;	/* ramp bytes received */
	long long rx_skipped;	/* bytes before the ramp (or between) */
	long long rx_bad;	/* bytes that broke the ramp */
	long long events;	/* signalling events taken meanwhile */
	int last_event;
	uint8_t tx_next;
	uint8_t rx_next;
	int rx_started;
	int rx_synced;
	char *blockbuf;		/* dpbx_pump()'s, one block */
	int rx_noise;		/* non-idle bytes before the ramp */
	int trace;		/* $DPBX_TRACE set: ramp breaks and
				 * events on stderr
				 */
};

void dpbx_stream_init(struct dpbx_stream *s, struct dpbx_chan *c,
		      long long tx_bytes, long long rx_bytes);
/* Move audio on N streams (poll over all of them) until every stream has
 * sent and received its target, or TIMEOUT_MS passed (-ETIMEDOUT).
 */
int dpbx_pump(struct dpbx_stream *s, int n, int timeout_ms);
void dpbx_stream_free(struct dpbx_stream *s);

/* Milliseconds of CLOCK_MONOTONIC. */
long long dpbx_now_ms(void);

#endif /* DAHDI_PBX_H */
