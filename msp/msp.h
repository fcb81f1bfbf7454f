/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libmsp: the helpers the project's media service providers are built on.
 *
 * - frames: G.711 and linear frames to and from 16-bit linear samples;
 * - the loop: one thread driving any number of media fds (libtapi's
 *   &struct tapi_media) with callbacks, woken by the kernel a frame at a
 *   time or pacing itself on its own clock with no syscall per frame;
 * - calls: open a line and place or answer the call an MSP runs on, or
 *   listen as a monitor to a call another application owns;
 * - WAV files through libsndfile, 8 kHz mono;
 * - tones: DTMF digits (spandsp's dtmf_rx) and call-progress tones by
 *   frequencies and cadence (spandsp's Goertzel filters);
 * - the jobs behind tapi-play, tapi-record and tapi-tonecheck, usable by
 *   any program that holds a line and a call handle.
 *
 * Conventions are libtapi's: -1 or NULL with errno on failure, nothing
 * changed then; the library never prints.  Not thread-safe per object.
 */
#ifndef _MSP_H
#define _MSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libtapi.h>

/* Media fds carry 8 kHz audio. */
#define MSP_RATE		8000
#define MSP_SAMPLES_PER_MS	8
/* Samples of the longest frame. */
#define MSP_MAX_FRAME_SAMPLES	(TAPI_MEDIA_FRAME_MS_MAX * MSP_SAMPLES_PER_MS)

/* ------------------------------------------------------------------ */
/* Frames (frame.c)                                                    */
/* ------------------------------------------------------------------ */

/**
 * msp_frame_decode() - a frame's samples as 16-bit linear
 * @format: &enum tapi_media_format of @frame
 * @frame: the frame
 * @out: where to put @samples samples
 * @samples: samples in the frame
 */
void msp_frame_decode(uint32_t format, const void *frame, int16_t *out,
		      unsigned int samples);

/**
 * msp_frame_encode() - 16-bit linear samples as a frame
 * @format: &enum tapi_media_format of @frame
 * @in: @samples samples
 * @frame: the frame to fill
 * @samples: samples in the frame
 */
void msp_frame_encode(uint32_t format, const int16_t *in, void *frame,
		      unsigned int samples);

/**
 * msp_format_parse() - a sample format by name
 * @name: "linear16" (or "linear", "slin"), "ulaw" ("mulaw", "pcmu") or
 *	"alaw" ("pcma")
 *
 * Return: the &enum tapi_media_format, or -1 with errno %EINVAL.
 */
int msp_format_parse(const char *name);

/**
 * msp_format_name() - name of a sample format
 * @format: &enum tapi_media_format
 *
 * Return: "linear16", "ulaw", "alaw", or "unknown".
 */
const char *msp_format_name(uint32_t format);

/* ------------------------------------------------------------------ */
/* The loop (loop.c)                                                   */
/* ------------------------------------------------------------------ */

struct msp_loop;
struct msp_chan;

/**
 * enum msp_mode - how a loop learns that rings need service
 * @MSP_MODE_WAKE: the kernel wakes it: poll for %POLLIN and, while a
 *	channel wants to send, %POLLOUT (a wake-up about a frame)
 * @MSP_MODE_CLOCK: it wakes itself every tick and services every ring;
 *	%TAPI_MEDIA_RX_NEED_WAKEUP is cleared, so the only syscall is one
 *	wait a tick for all channels, which also reports hang-ups
 */
enum msp_mode {
	MSP_MODE_WAKE,
	MSP_MODE_CLOCK,
};

/* What a channel callback returns, besides -1 (error, errno set). */
#define MSP_CONTINUE	0	/* keep the channel */
#define MSP_DONE	1	/* the channel is finished: remove it */

/**
 * struct msp_chan_ops - what a loop calls for a channel
 * @rx: RX frames are ready (@ready of them): read them with
 *	tapi_media_rx_frame() and release them (frames left are offered
 *	again at the next wake-up or tick); NULL to have them released
 *	unread
 * @tx: @room TX slots are free (only while msp_chan_set_tx() is on): fill
 *	some and commit them; NULL for a channel that does not send
 * @hangup: the call ended or the card went (after a last @rx for what was
 *	left); the channel is removed once it returns.  May be NULL.
 *
 * @rx and @tx return %MSP_CONTINUE, %MSP_DONE or -1 with errno set, which
 * stops msp_loop_run() with that error.
 */
struct msp_chan_ops {
	int (*rx)(struct msp_chan *chan, unsigned int ready, void *data);
	int (*tx)(struct msp_chan *chan, unsigned int room, void *data);
	void (*hangup)(struct msp_chan *chan, void *data);
};

/**
 * struct msp_loop_stats - what a loop did
 * @syscalls: syscalls it made: its waits, and epoll_ctl() when channels
 *	come and go (the media objects' own are not counted: they make none)
 * @wakeups: waits that returned with something to do (wake mode), or
 *	ticks serviced (clock mode)
 * @rounds: times the rings of a channel were looked at
 */
struct msp_loop_stats {
	uint64_t syscalls;
	uint64_t wakeups;
	uint64_t rounds;
};

/* Tick of a clock-mode loop asked for with 0 ms. */
#define MSP_TICK_MS_DEFAULT	20

/**
 * msp_loop_new() - a loop with no channel
 * @mode: &enum msp_mode
 * @tick_ms: for %MSP_MODE_CLOCK, how often it services the rings (0 for
 *	%MSP_TICK_MS_DEFAULT); keep it well below a ring's duration
 *
 * Return: a loop to free with msp_loop_free(), or NULL with errno set.
 */
struct msp_loop *msp_loop_new(enum msp_mode mode, unsigned int tick_ms);

/**
 * msp_loop_free() - remove every channel and free the loop
 * @loop: the loop, or NULL
 *
 * The media objects stay open: they are the caller's.
 */
void msp_loop_free(struct msp_loop *loop);

/**
 * msp_loop_add() - drive a media fd
 * @loop: the loop
 * @media: the media object; stays the caller's, and must stay open while
 *	its channel is in the loop
 * @ops: the callbacks, which must outlive the channel
 * @data: passed to them
 *
 * A clock-mode loop turns the fd's RX wake-ups off, a wake-mode loop on.
 * The channel starts with sending on if @ops has @tx.
 *
 * Return: the channel, valid until it is removed, or NULL with errno set.
 */
struct msp_chan *msp_loop_add(struct msp_loop *loop, struct tapi_media *media,
			      const struct msp_chan_ops *ops, void *data);

/**
 * msp_loop_remove() - stop driving a channel
 * @loop: the loop
 * @chan: one of its channels; invalid afterwards
 *
 * Safe from the channel's own callbacks.
 */
void msp_loop_remove(struct msp_loop *loop, struct msp_chan *chan);

/**
 * msp_chan_set_tx() - whether the loop offers a channel TX room
 * @chan: the channel
 * @on: true to call its @tx callback when there is room
 *
 * A channel with nothing more to send turns it off.  No syscall: a
 * wake-mode loop is woken (edge-triggered) when the kernel takes a TX
 * frame anyway, and looks at both rings whatever woke it.
 */
void msp_chan_set_tx(struct msp_chan *chan, bool on);

/**
 * msp_chan_get_media() - the media object of a channel
 * @chan: the channel
 *
 * Return: what was given to msp_loop_add().
 */
struct tapi_media *msp_chan_get_media(struct msp_chan *chan);

/**
 * msp_loop_run() - drive the channels
 * @loop: the loop
 * @timeout_ns: how long at most; negative for no limit
 *
 * Return: 0 when no channel is left or msp_loop_stop() was called, 1 when
 * the time ran out, -1 with errno set when a wait or a callback failed
 * (%EINTR: a signal arrived).
 */
int msp_loop_run(struct msp_loop *loop, int64_t timeout_ns);

/**
 * msp_loop_stop() - make msp_loop_run() return 0 after this round
 * @loop: the loop
 */
void msp_loop_stop(struct msp_loop *loop);

/**
 * msp_loop_num_chans() - channels in the loop
 * @loop: the loop
 *
 * Return: how many.
 */
unsigned int msp_loop_num_chans(struct msp_loop *loop);

/**
 * msp_loop_get_stats() - what the loop did so far
 * @loop: the loop
 * @stats: out
 */
void msp_loop_get_stats(struct msp_loop *loop, struct msp_loop_stats *stats);

/* ------------------------------------------------------------------ */
/* Calls (call.c)                                                      */
/* ------------------------------------------------------------------ */

/**
 * struct msp_call - a line opened by an MSP tool and the call it runs on
 * @card: the card, if msp_call_open() or msp_call_open_monitor() opened
 *	it (closed with the call)
 * @line: the line, opened as owner of interactive voice, or as a monitor
 * @events: for the line's events
 * @call: the call handle, 0 until there is a call
 * @state: the call's last state seen (&enum tapi_call_state)
 * @mode: its mode
 * @monitor: the line was opened as a monitor: the call is another
 *	application's, and is left up when we are done
 */
struct msp_call {
	struct tapi_card *card;
	struct tapi_line *line;
	struct tapi_event_buffer *events;
	uint32_t call;
	uint32_t state;
	uint32_t mode;
	bool monitor;
};

/**
 * msp_call_open() - open a line for an MSP
 * @c: filled in
 * @card: a card, as tapi_card_open() takes it ("tapi0", a name...)
 * @line: the line index
 *
 * Return: 0, or -1 with errno set (nothing open then).
 */
int msp_call_open(struct msp_call *c, const char *card, unsigned int line);

/**
 * msp_call_open_on() - open a line of a card already open
 * @c: filled in
 * @card: the card; stays the caller's, and may be closed at any time
 * @line: the line index
 *
 * Return: 0, or -1 with errno set (nothing open then).
 */
int msp_call_open_on(struct msp_call *c, struct tapi_card *card,
		     unsigned int line);

/**
 * msp_call_open_monitor() - open a line as a monitor, to listen to a call
 *	another application owns
 * @c: filled in
 * @card: a card, as tapi_card_open() takes it
 * @line: the line index
 *
 * A monitor may open receive-only media fds on any call of the line, and
 * gather digits on it, but not place, answer, drop or send into calls.
 * msp_call_find() takes a handle to the call.
 *
 * Return: 0, or -1 with errno set (nothing open then).
 */
int msp_call_open_monitor(struct msp_call *c, const char *card,
			  unsigned int line);

/**
 * msp_call_find() - take a handle to a call already on the line
 * @c: an open line with no call yet
 * @call_id: the call's id (the same for every handle on the call:
 *	``tapictl calls`` shows it)
 *
 * The handle is a monitor's (tapi_line_get_new_calls()); @c->state and
 * @c->mode say where the call is.
 *
 * Return: 0, or -1 with errno set: %ENOENT no such call on the line, or
 * it is idle.
 */
int msp_call_find(struct msp_call *c, uint32_t call_id);

/**
 * msp_call_place() - place a call and wait until it gets somewhere
 * @c: an open line with no call yet
 * @number: the number to call
 * @until: &enum tapi_call_state bits to wait for, e.g.
 *	%TAPI_CALLSTATE_CONNECTED
 * @timeout_ns: how long to wait, negative for ever
 *
 * Return: 0 once the call is in one of @until; -1 with errno set
 * otherwise: %ECONNREFUSED the call got stuck or ended in another state
 * (BUSY, SPECIALINFO, DISCONNECTED: @c->state and @c->mode say which),
 * %ETIMEDOUT, or the error of the request.  @c->call is set whenever
 * there is a call to hang up.
 */
int msp_call_place(struct msp_call *c, const char *number, uint32_t until,
		   int64_t timeout_ns);

/**
 * msp_call_answer() - wait for a call offered to the line and answer it
 * @c: an open line with no call yet
 * @timeout_ns: how long to wait for the call and the answer, negative
 *	for ever
 *
 * Return: 0 once the call is CONNECTED; -1 with errno set otherwise
 * (%ETIMEDOUT, %ECONNREFUSED the caller gave up, or the request's error).
 */
int msp_call_answer(struct msp_call *c, int64_t timeout_ns);

/**
 * msp_call_wait() - follow the call's events until its state is wanted
 * @c: a line with a call
 * @until: &enum tapi_call_state bits
 * @timeout_ns: how long, negative for ever
 *
 * Return: 0 once in one of @until, or -1 with errno %ETIMEDOUT,
 * %ECONNREFUSED (the call ended elsewhere), %EINTR or another error.
 */
int msp_call_wait(struct msp_call *c, uint32_t until, int64_t timeout_ns);

/**
 * msp_call_send_digits() - send DTMF digits in the call and wait until
 *	they went out
 * @c: a connected call
 * @digits: what tapi_line_generate_digits() takes
 * @duration_ms: each digit's length and the gap after it; 0 for the
 *	default (100 ms)
 * @timeout_ns: how long to wait, negative for ever
 *
 * The card generates the digits in band (%TAPI_IOC_CALL_GENERATE_DIGITS);
 * this returns on the %TAPI_EV_GENERATE event that ends it.  Events of
 * other kinds read meanwhile are dropped, call states noted in @c.
 *
 * Return: 0 when every digit went out (the far end may hang up on the
 * last once it sounded long enough to be heard: an IVR that got its
 * ``#``); -1 with errno set otherwise: %ECANCELED (the call ended or
 * generation was replaced before that), %ETIMEDOUT,
 * %EINTR, or the request's error (%EINVAL a bad digit, %EBADFD the call
 * is not connected).
 */
int msp_call_send_digits(struct msp_call *c, const char *digits,
			 unsigned int duration_ms, int64_t timeout_ns);

/**
 * msp_call_gather_start() - start collecting the digits the far end sends
 * @c: a call
 * @num_digits: at most this many, 1 to %TAPI_GATHER_MAX_DIGITS
 * @terminators: digits that end it early (kept as the last digit), or
 *	NULL
 * @first_timeout_ms: end if no digit comes this long after the start; 0
 *	for no limit
 * @inter_timeout_ms: end if no digit follows the previous one this long
 *	after it; 0 for no limit
 *
 * DTMF detected in the call's audio by the card or the core
 * (%TAPI_IOC_CALL_GATHER_DIGITS).  Gathering runs while the program does
 * other things (plays a prompt); msp_call_gather_wait() collects the
 * result.
 *
 * Return: 0, or -1 with errno set.
 */
int msp_call_gather_start(struct msp_call *c, unsigned int num_digits,
			  const char *terminators,
			  unsigned int first_timeout_ms,
			  unsigned int inter_timeout_ms);

/**
 * msp_call_gather_wait() - wait for the digits msp_call_gather_start()
 *	asked for
 * @c: the call
 * @buf: the digits, NUL-terminated
 * @size: its size; %TAPI_GATHER_MAX_DIGITS + 1 holds any
 * @term: why gathering ended, one &enum tapi_gather_term bit
 * @timeout_ns: how long to wait, negative for ever
 *
 * Gathering always ends with an event: the call's end cancels it
 * (%TAPI_GATHER_TERM_CANCEL), with the digits that came before.
 *
 * Return: the number of digits, or -1 with errno set (%ETIMEDOUT, %EINTR,
 * %ERANGE @buf too small).
 */
int msp_call_gather_wait(struct msp_call *c, char *buf, size_t size,
			 uint32_t *term, int64_t timeout_ns);

/**
 * msp_call_close() - hang up the call if there is one, close the line
 * @c: the call; zeroed afterwards
 *
 * A monitor's call (msp_call_open_monitor()) is not hung up: only our
 * handle to it is given back.
 */
void msp_call_close(struct msp_call *c);

/* ------------------------------------------------------------------ */
/* WAV files (wav.c)                                                   */
/* ------------------------------------------------------------------ */

struct msp_wav;

/**
 * msp_wav_open() - open a sound file to read 8 kHz audio from
 * @path: any file libsndfile reads (WAV, AU, FLAC...)
 * @why: out, on %EINVAL: a sentence saying what is wrong with the file
 *	(static storage)
 *
 * The file must be sampled at 8000 Hz; channels are mixed down to one.
 *
 * Return: the file, or NULL with errno set: %EINVAL not a sound file or
 * not 8000 Hz (see *@why), or the error of opening it.
 */
struct msp_wav *msp_wav_open(const char *path, const char **why);

/**
 * msp_wav_create() - create a WAV file of 8 kHz mono 16-bit samples
 * @path: where; replaced if it exists
 *
 * Return: the file, or NULL with errno set.
 */
struct msp_wav *msp_wav_create(const char *path);

/**
 * msp_wav_read() - read samples
 * @wav: a file from msp_wav_open()
 * @buf: where to put them
 * @n: how many at most
 *
 * Return: how many were read, 0 at the end, or -1 with errno %EIO.
 */
long msp_wav_read(struct msp_wav *wav, int16_t *buf, size_t n);

/**
 * msp_wav_write() - append samples
 * @wav: a file from msp_wav_create()
 * @buf: the samples
 * @n: how many
 *
 * Return: 0, or -1 with errno %EIO.
 */
int msp_wav_write(struct msp_wav *wav, const int16_t *buf, size_t n);

/**
 * msp_wav_close() - finish and close a file
 * @wav: the file, or NULL
 *
 * Return: 0, or -1 with errno %EIO if a file being written could not be
 * finished.
 */
int msp_wav_close(struct msp_wav *wav);

/* ------------------------------------------------------------------ */
/* Tones (tones.c)                                                     */
/* ------------------------------------------------------------------ */

struct msp_tones;

/**
 * enum msp_tone_kind - what a tone detector found
 * @MSP_TONE_DIGIT: a DTMF digit
 * @MSP_TONE_PROGRESS: a call-progress tone, by frequencies and cadence
 */
enum msp_tone_kind {
	MSP_TONE_DIGIT,
	MSP_TONE_PROGRESS,
};

/**
 * struct msp_tone_event - one finding
 * @kind: &enum msp_tone_kind
 * @at_ms: when, from the first sample fed: for a digit when it was
 *	recognised, for a tone when its cadence was complete
 * @digit: for a digit, one of 0-9 * # A-D
 * @name: for a tone: "dial", "ringback", "busy", "congestion" or "sit"
 * @zone: for a tone: the tone zone it belongs to, "us" or "cept"
 * @freq: for a tone: its frequencies in Hz (0 for none)
 * @on_ms: for a tone: measured length of the tone (0 for a steady one)
 * @off_ms: for a tone: measured length of the silence after it
 */
struct msp_tone_event {
	enum msp_tone_kind kind;
	uint64_t at_ms;
	char digit;
	const char *name;
	const char *zone;
	double freq[2];
	unsigned int on_ms;
	unsigned int off_ms;
};

/**
 * typedef msp_tone_cb - called for each finding
 * @ev: the finding, valid during the call
 * @data: as given to msp_tones_new()
 */
typedef void (*msp_tone_cb)(const struct msp_tone_event *ev, void *data);

/**
 * msp_tones_new() - a DTMF and call-progress tone detector
 * @cb: called for every digit, and for every tone when it starts being
 *	recognised (a tone that goes on is not reported again until another
 *	one was)
 * @data: for @cb
 *
 * Return: the detector, or NULL with errno set.
 */
struct msp_tones *msp_tones_new(msp_tone_cb cb, void *data);

/**
 * msp_tones_feed() - analyse 8 kHz linear samples
 * @t: the detector
 * @samples: the samples, following those fed before
 * @n: how many
 */
void msp_tones_feed(struct msp_tones *t, const int16_t *samples, size_t n);

/**
 * msp_tones_finish() - the input ended: report what its end completes
 * @t: the detector
 */
void msp_tones_finish(struct msp_tones *t);

/**
 * msp_tones_free() - free a detector
 * @t: the detector, or NULL
 */
void msp_tones_free(struct msp_tones *t);

/* ------------------------------------------------------------------ */
/* Jobs: play, record, tone check on a call (jobs.c)                   */
/* ------------------------------------------------------------------ */

/**
 * struct msp_media_opts - how a job opens its media fd and drives it
 * @format: &enum tapi_media_format
 * @frame_ms: frame length, 0 for the default
 * @entries: ring entries, 0 for the default
 * @mode: &enum msp_mode
 * @tick_ms: the clock mode's tick, 0 for the default
 */
struct msp_media_opts {
	uint32_t format;
	unsigned int frame_ms;
	unsigned int entries;
	enum msp_mode mode;
	unsigned int tick_ms;
};

/**
 * struct msp_job_result - what a job saw
 * @samples: samples played, recorded or analysed
 * @hangup: the call ended (%POLLHUP) before the job was done
 * @stats: the media fd's counters at the end
 * @loop: what the loop did
 */
struct msp_job_result {
	uint64_t samples;
	bool hangup;
	struct tapi_media_stats stats;
	struct msp_loop_stats loop;
};

/**
 * msp_play() - play a sound file into a call's TX ring
 * @line: the line holding @call
 * @call: an owner handle of the call
 * @src: the file, from msp_wav_open(), read to its end
 * @o: the media fd's settings
 * @res: out: what happened
 *
 * Returns once the whole file went out (the TX ring drained) or the call
 * ended.
 *
 * Return: 0, or -1 with errno set (media open, loop or file errors).
 */
int msp_play(struct tapi_line *line, uint32_t call, struct msp_wav *src,
	     const struct msp_media_opts *o, struct msp_job_result *res);

/**
 * msp_record() - record a call's RX ring into a WAV file
 * @line: the line holding @call
 * @call: a handle of the call (a monitor's will do)
 * @dst: the file, from msp_wav_create()
 * @max_ms: stop after this much audio; 0 for until the call ends
 * @o: the media fd's settings
 * @res: out: what happened
 *
 * Return: 0, or -1 with errno set.
 */
int msp_record(struct tapi_line *line, uint32_t call, struct msp_wav *dst,
	       uint64_t max_ms, const struct msp_media_opts *o,
	       struct msp_job_result *res);

/**
 * msp_tonecheck() - run a tone detector on a call's RX ring
 * @line: the line holding @call
 * @call: a handle of the call
 * @t: the detector, fed every received sample and finished at the end
 * @max_ms: stop after this much audio; 0 for until the call ends
 * @o: the media fd's settings
 * @res: out: what happened
 *
 * Return: 0, or -1 with errno set.
 */
int msp_tonecheck(struct tapi_line *line, uint32_t call, struct msp_tones *t,
		  uint64_t max_ms, const struct msp_media_opts *o,
		  struct msp_job_result *res);

#endif /* _MSP_H */
