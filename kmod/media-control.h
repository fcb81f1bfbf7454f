/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi core: what media control's engine (media-control.c: the audio
 * hooks, gathering, the call's life) and its commands
 * (media-control-cmds.c) share.  Internal to the core; the locking rules
 * are in media-control.c.
 */
#ifndef _TAPI_MEDIA_CONTROL_H
#define _TAPI_MEDIA_CONTROL_H

#include <linux/list.h>
#include <linux/timer.h>

#include "dsp.h"
#include "tapi_core.h"

/* Events queued between a hook and its flush, at most. */
#define TAPI_MCTL_PENDING	16
/* Amplitude of each frequency of generated DTMF (about -8 dBm0). */
#define TAPI_DTMF_AMPLITUDE	7000
/* Default amplitude of a generated tone's component (about -15 dBm0). */
#define TAPI_TONE_AMPLITUDE	4000
#define TAPI_TONE_AMPLITUDE_MAX	16383


/**
 * struct tapi_media_tone - a tone that tells a media mode
 * @mode: the &enum tapi_media_mode bit
 * @freq_hz: its frequency
 * @ms: how long it must last
 */
struct tapi_media_tone {
	u32 mode;
	u32 freq_hz;
	u32 ms;
};

#define TAPI_MEDIA_TONES	3
extern const struct tapi_media_tone tapi_media_tones[TAPI_MEDIA_TONES];

/**
 * struct tapi_mctl_gather - one handle's digit gathering
 * @modes: digit modes gathered; 0 when not gathering
 * @max: digits to gather
 * @count: digits gathered so far
 * @inter: inter-digit timeout in jiffies, 0 for none
 * @deadline: jiffies of the timeout running, if @timed
 * @timed: a timeout runs
 * @buf: the digits gathered
 * @term: the termination digits, NUL-terminated
 */
struct tapi_mctl_gather {
	u32 modes;
	u32 max;
	u32 count;
	unsigned long inter;
	unsigned long deadline;
	bool timed;
	char buf[TAPI_GATHER_MAX_DIGITS];
	char term[TAPI_GATHER_TERM_LEN];
};

/**
 * struct tapi_mctl_tones - one handle's tone monitoring
 * @num: tones monitored
 * @app: their app_specific values
 * @det: their detectors
 */
struct tapi_mctl_tones {
	u32 num;
	u32 app[TAPI_MONITOR_TONES_MAX];
	struct tapi_tone_det det[TAPI_MONITOR_TONES_MAX];
};

/**
 * struct tapi_mctl_media - one handle's media mode monitoring
 * @modes: media modes monitored
 * @heard: media modes already reported
 * @det: a detector per entry of tapi_media_tones
 */
struct tapi_mctl_media {
	u32 modes;
	u32 heard;
	struct tapi_tone_det det[TAPI_MEDIA_TONES];
};

/**
 * struct tapi_mctl_sub - one handle's detection settings
 * @node: entry in tapi_mctl.subs
 * @id: the handle's mctl_id
 * @digit_modes: &enum tapi_digit_mode bits monitored
 * @gather: its gathering
 * @tones: its tone monitoring
 * @media: its media mode monitoring
 *
 * Each command replaces one part and keeps the others.
 */
struct tapi_mctl_sub {
	struct list_head node;
	u32 id;
	u32 digit_modes;
	struct tapi_mctl_gather gather;
	struct tapi_mctl_tones tones;
	struct tapi_mctl_media media;
};

/* Which part of a struct tapi_mctl_sub a command sets. */
enum tapi_mctl_part {
	TAPI_MCTL_DIGITS,
	TAPI_MCTL_GATHER,
	TAPI_MCTL_TONES,
	TAPI_MCTL_MEDIA,
};

/**
 * struct tapi_mctl_event - an event waiting for delivery
 * @id: the mctl_id of the handle it is for
 * @ev: the record (call and line filled in at delivery)
 */
struct tapi_mctl_event {
	u32 id;
	struct tapi_event ev;
};

/**
 * struct tapi_mctl - a call's media control
 * @call: the call (no reference: the call frees this)
 * @subs: struct tapi_mctl_sub of the handles that detect something
 * @dtmf_on: some handle monitors or gathers digits
 * @dtmf: the DTMF detector
 * @stopped: the call's media ended: no detection, generation or timer
 * @gen_kind: &enum tapi_generate_kind running, 0 if none
 * @gen_id: the mctl_id of the handle that started it; 0 for the TSP's
 *	digits (tapi_call_send_dtmf())
 * @gen_count: digits sent, or samples played
 * @gen: the tone generator (a digit, a gap or a tone)
 * @gen_digits: for digits: the string, NUL-terminated
 * @gen_pos: the next character of @gen_digits
 * @gen_in_digit: @gen plays a digit's tone (else a gap or pause)
 * @gen_digit_ms: each digit's length
 * @timer: ends gatherings on their timeouts
 * @pending: events waiting for tapi_mctl_flush()
 * @npending: how many
 */
struct tapi_mctl {
	struct tapi_call *call;
	struct list_head subs;
	bool dtmf_on;
	struct tapi_dtmf_det dtmf;
	bool stopped;
	u32 gen_kind;
	u32 gen_id;
	u32 gen_count;
	struct tapi_tone_gen gen;
	char gen_digits[TAPI_GENERATE_DIGITS_LEN];
	u32 gen_pos;
	bool gen_in_digit;
	u32 gen_digit_ms;
	struct timer_list timer;
	struct tapi_mctl_event pending[TAPI_MCTL_PENDING];
	unsigned int npending;
};

/* A call's media control, empty.  Return: it, or NULL. */
struct tapi_mctl *tapi_mctl_alloc(struct tapi_call *call, gfp_t gfp);
/* Deliver the pending events.  call->lock and media_lock held. */
void tapi_mctl_deliver_locked(struct tapi_call *call, struct tapi_mctl *mc);
/* Generation ended with @term: queue its event.  media_lock held. */
void tapi_mctl_gen_end(struct tapi_mctl *mc, u32 term);
/* Load the next part of a digit string.  Return: false at its end. */
bool tapi_mctl_gen_next_digit(struct tapi_mctl *mc);
/* @s's gathering ended with @term: queue its event.  media_lock held. */
void tapi_mctl_gather_end(struct tapi_mctl *mc, struct tapi_mctl_sub *s,
			  u32 term);
/* Point the timer at the earliest gathering timeout.  media_lock held. */
void tapi_mctl_timer_arm(struct tapi_mctl *mc);
/* Turn DTMF detection on when some handle needs it.  media_lock held. */
void tapi_mctl_update_dtmf(struct tapi_mctl *mc);

#endif /* _TAPI_MEDIA_CONTROL_H */
