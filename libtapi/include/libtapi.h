/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi: a thin user-space library over the tapi character devices.
 *
 * Every object is opaque and reached through functions.  Functions that
 * return a pointer return NULL on failure, functions that return an int
 * return -1; in both cases errno says why.  The library never prints.
 * Getters of an object cannot fail when given a valid object.
 *
 * Objects are not thread-safe: use one object from one thread at a time,
 * or lock around it.  Different objects may be used from different threads.
 */
#ifndef _LIBTAPI_H
#define _LIBTAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/tapi.h>
#include <linux/tapi_netlink.h>

#ifdef __cplusplus
extern "C" {
#endif

struct tapi_card;
struct tapi_core_info;
struct tapi_line_info;
struct tapi_address_info;
struct tapi_line_settings;
struct tapi_line;
struct tapi_line_status;
struct tapi_event_buffer;
struct tapi_line_event;
struct tapi_call_params;
struct tapi_forward_list;
struct tapi_line_call_info;
struct tapi_line_call_status;
struct tapi_line_address_status;
struct tapi_media;

/**
 * DOC: Object model
 *
 * A &struct tapi_card is an open card node (/dev/tapiN).  From it one reads
 * snapshots of what the core and the card can do (&struct tapi_core_info,
 * &struct tapi_line_info, &struct tapi_address_info) and opens lines.
 * Opening a line with a &struct tapi_line_settings gives a &struct tapi_line,
 * which owns a line fd: events are read from it into a
 * &struct tapi_event_buffer and inspected as &struct tapi_line_event.
 * A line stays usable after its card object is closed.
 *
 * Snapshots are copies: they do not change when the device does, and they
 * stay valid after the object they came from is closed.  Each is released
 * with its own _free() function; every _free() and _close() accepts NULL.
 *
 * A call is not an object: it is a handle (a uint32_t, never 0) that is
 * valid on the &struct tapi_line it came from only.  The library keeps no
 * call state; &struct tapi_line_call_info, &struct tapi_line_call_status and
 * &struct tapi_line_address_status are snapshots read from the core, and
 * &struct tapi_call_params holds the parameters of a call to place, &struct
 * tapi_forward_list where an address's calls are to be forwarded.  (The
 * snapshots' names differ from the uapi's struct tapi_call_info,
 * tapi_call_status and tapi_address_status, which <linux/tapi.h> already
 * defines.)
 *
 * A &struct tapi_ring queues the same operations on an io_uring, and a
 * &struct tapi_completion receives what each one's completion says (see
 * "Asynchronous API on io_uring").
 */

/* ------------------------------------------------------------------ */
/* Library                                                             */
/* ------------------------------------------------------------------ */

/**
 * tapi_api_version() - version of the library
 *
 * Return: the library's version as a string, e.g. "0.1.0".
 */
const char *tapi_api_version(void);

/* ------------------------------------------------------------------ */
/* Cards                                                               */
/* ------------------------------------------------------------------ */

/**
 * tapi_is_card_device() - tell whether a path is a tapi card node
 * @path: path of a file, e.g. "/dev/tapi0"
 *
 * A card node is a character device of class "tapi" (checked in sysfs when
 * sysfs is mounted).
 *
 * Return: true if @path is a card node; false otherwise, with errno set
 * (%ENOTTY if it exists but is not a card node).
 */
bool tapi_is_card_device(const char *path);

/**
 * tapi_list_cards() - list the card nodes present
 * @paths: out: a NULL-terminated array of allocated paths ("/dev/tapiN"),
 *	sorted by card index; release it with tapi_card_list_free()
 *
 * Return: the number of cards (0 if there are none), or -1 with errno set.
 * On error *@paths is left untouched.
 */
int tapi_list_cards(char ***paths);

/**
 * tapi_card_list_free() - release a list returned by tapi_list_cards()
 * @paths: the list, or NULL
 */
void tapi_card_list_free(char **paths);

/**
 * tapi_card_open() - open a card
 * @card: "/dev/tapiN" (any path containing a '/'), "tapiN", or the card's
 *	name as reported by tapi_card_get_name()
 *
 * "tapiN" always means /dev/tapiN, even if a card is named so.  A name is
 * looked up by opening every card node in turn.
 *
 * Return: a new card object, or NULL with errno set: %ENOENT if there is
 * no such node or no card of that name, %ENOTUNIQ if several cards carry
 * the name, %ENOTTY if the node is not a tapi card, or the error of open()
 * or of the card info query.
 */
struct tapi_card *tapi_card_open(const char *card);

/**
 * tapi_card_close() - close a card and release its object
 * @card: the card, or NULL
 *
 * Lines opened through the card stay open.
 */
void tapi_card_close(struct tapi_card *card);

/**
 * tapi_card_get_fd() - file descriptor of an open card
 * @card: the card
 *
 * The descriptor belongs to the card object: do not close it.
 *
 * Return: the card fd.
 */
int tapi_card_get_fd(struct tapi_card *card);

/**
 * tapi_card_get_path() - path the card was opened by
 * @card: the card
 *
 * Return: the path of the card node, e.g. "/dev/tapi0"; valid until the
 * card is closed.
 */
const char *tapi_card_get_path(struct tapi_card *card);

/**
 * tapi_card_get_index() - index of the card
 * @card: the card
 *
 * Return: N of /dev/tapiN.
 */
unsigned int tapi_card_get_index(struct tapi_card *card);

/**
 * tapi_card_get_num_lines() - number of lines on the card
 * @card: the card
 *
 * Return: the number of lines; lines are numbered from 0.
 */
unsigned int tapi_card_get_num_lines(struct tapi_card *card);

/**
 * tapi_card_get_name() - name of the card
 * @card: the card
 *
 * Return: the card's name, unique among the cards of its driver; valid
 * until the card is closed.
 */
const char *tapi_card_get_name(struct tapi_card *card);

/**
 * tapi_card_get_driver() - driver of the card
 * @card: the card
 *
 * Return: the name of the service provider module driving the card; valid
 * until the card is closed.
 */
const char *tapi_card_get_driver(struct tapi_card *card);

/* ------------------------------------------------------------------ */
/* Core features                                                       */
/* ------------------------------------------------------------------ */

/**
 * tapi_card_get_core_info() - query the ABI version and features of the core
 * @card: the card to ask
 *
 * Return: a new snapshot to release with tapi_core_info_free(), or NULL
 * with errno set.
 */
struct tapi_core_info *tapi_card_get_core_info(struct tapi_card *card);

/**
 * tapi_core_info_free() - release a core info snapshot
 * @info: the snapshot, or NULL
 */
void tapi_core_info_free(struct tapi_core_info *info);

/**
 * tapi_core_info_get_abi_version() - ABI version of the running core
 * @info: the snapshot
 *
 * Return: the core's ABI version (%TAPI_ABI_VERSION of its headers).
 */
uint32_t tapi_core_info_get_abi_version(const struct tapi_core_info *info);

/**
 * tapi_core_info_get_features() - features of the running core
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_feature.
 */
uint64_t tapi_core_info_get_features(const struct tapi_core_info *info);

/**
 * tapi_core_info_has_feature() - test one feature of the running core
 * @info: the snapshot
 * @feature: one &enum tapi_feature bit
 *
 * Return: true if the core supports @feature.
 */
bool tapi_core_info_has_feature(const struct tapi_core_info *info,
				uint64_t feature);

/**
 * tapi_core_info_get_max_lines() - most lines one card may have
 * @info: the snapshot
 *
 * Return: the limit.
 */
uint32_t tapi_core_info_get_max_lines(const struct tapi_core_info *info);

/**
 * tapi_core_info_get_max_addresses() - most addresses one line may have
 * @info: the snapshot
 *
 * Return: the limit.
 */
uint32_t tapi_core_info_get_max_addresses(const struct tapi_core_info *info);

/**
 * tapi_core_info_get_max_event_queue() - largest event queue of a line
 * @info: the snapshot
 *
 * Return: the largest depth tapi_line_settings_set_event_queue_depth()
 * may ask for.
 */
uint32_t tapi_core_info_get_max_event_queue(const struct tapi_core_info *info);

/* ------------------------------------------------------------------ */
/* Line capabilities                                                   */
/* ------------------------------------------------------------------ */

/**
 * tapi_card_get_line_info() - read the capabilities of a line
 * @card: the card
 * @line: line index, 0 to tapi_card_get_num_lines() - 1
 *
 * Return: a new snapshot of the line's capabilities (TAPI's LINEDEVCAPS) to
 * release with tapi_line_info_free(), or NULL with errno set (%ENOENT: no
 * such line).
 */
struct tapi_line_info *tapi_card_get_line_info(struct tapi_card *card,
					       unsigned int line);

/**
 * tapi_line_info_free() - release a line info snapshot
 * @info: the snapshot, or NULL
 */
void tapi_line_info_free(struct tapi_line_info *info);

/**
 * tapi_line_info_get_line() - index of the line
 * @info: the snapshot
 *
 * Return: the line index on its card.
 */
unsigned int tapi_line_info_get_line(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_name() - name of the line
 * @info: the snapshot
 *
 * Return: the line's name (UTF-8, may be empty); valid until @info is freed.
 */
const char *tapi_line_info_get_name(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_permanent_id() - permanent id of the line
 * @info: the snapshot
 *
 * Return: an id stable across reboots and unique on the card.
 */
uint32_t tapi_line_info_get_permanent_id(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_num_addresses() - number of addresses on the line
 * @info: the snapshot
 *
 * Return: the number of addresses (directory numbers), at least 1.
 */
unsigned int tapi_line_info_get_num_addresses(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_max_active_calls() - most calls active at once
 * @info: the snapshot
 *
 * Return: the limit.
 */
unsigned int
tapi_line_info_get_max_active_calls(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_media_modes() - media modes the line supports
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_media_mode.
 */
uint32_t tapi_line_info_get_media_modes(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_bearer_modes() - bearer modes the line supports
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_bearer_mode.
 */
uint32_t tapi_line_info_get_bearer_modes(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_features() - operations the line supports
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_line_feature.
 */
uint32_t tapi_line_info_get_features(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_devcaps_flags() - device capability flags
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_devcaps_flag.
 */
uint32_t tapi_line_info_get_devcaps_flags(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_string_format() - format of the line's strings
 * @info: the snapshot
 *
 * Return: %TAPI_STRINGFORMAT_UTF8.
 */
uint32_t tapi_line_info_get_string_format(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_gen_digit_modes() - digit modes the line can generate
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_digit_mode.
 */
uint32_t tapi_line_info_get_gen_digit_modes(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_monitor_digit_modes() - digit modes the line can detect
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_digit_mode.
 */
uint32_t
tapi_line_info_get_monitor_digit_modes(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_gen_tone_max_freqs() - frequencies in a generated tone
 * @info: the snapshot
 *
 * Return: the most frequencies one generated tone may mix; 0 if the line
 * cannot generate tones.
 */
unsigned int
tapi_line_info_get_gen_tone_max_freqs(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_monitor_tone_max_freqs() - frequencies in a monitored tone
 * @info: the snapshot
 *
 * Return: the most frequencies one monitored tone may have.
 */
unsigned int
tapi_line_info_get_monitor_tone_max_freqs(const struct tapi_line_info *info);

/**
 * tapi_line_info_get_monitor_tone_max() - tones monitored at once
 * @info: the snapshot
 *
 * Return: the most tones monitored at once; 0 if the line cannot monitor
 * tones.
 */
unsigned int
tapi_line_info_get_monitor_tone_max(const struct tapi_line_info *info);

/* ------------------------------------------------------------------ */
/* Address capabilities                                                */
/* ------------------------------------------------------------------ */

/**
 * tapi_card_get_address_info() - read the capabilities of an address
 * @card: the card
 * @line: line index on the card
 * @address_id: address index on the line, 0 to num_addresses - 1
 *
 * Return: a new snapshot of the address's capabilities (LINEADDRESSCAPS) to
 * release with tapi_address_info_free(), or NULL with errno set (%ENOENT:
 * no such line or address).
 */
struct tapi_address_info *tapi_card_get_address_info(struct tapi_card *card,
						     unsigned int line,
						     unsigned int address_id);

/**
 * tapi_address_info_free() - release an address info snapshot
 * @info: the snapshot, or NULL
 */
void tapi_address_info_free(struct tapi_address_info *info);

/**
 * tapi_address_info_get_line() - line of the address
 * @info: the snapshot
 *
 * Return: the line index on its card.
 */
unsigned int tapi_address_info_get_line(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_id() - index of the address
 * @info: the snapshot
 *
 * Return: the address index on its line.
 */
unsigned int tapi_address_info_get_id(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_address() - the address itself
 * @info: the snapshot
 *
 * Return: the directory number as dialled to reach the address; valid until
 * @info is freed.
 */
const char *
tapi_address_info_get_address(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_max_calls() - most calls on the address at once
 * @info: the snapshot
 *
 * Return: the limit.
 */
unsigned int
tapi_address_info_get_max_calls(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_features() - operations the address supports
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_address_feature.
 */
uint32_t tapi_address_info_get_features(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_call_features() - operations calls may ever offer
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_call_feature; which are legal at a given
 * moment is a property of each call.
 */
uint32_t
tapi_address_info_get_call_features(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_transfer_modes() - how transfers may complete
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_transfer_mode: the modes
 * tapi_line_complete_transfer() takes on this address; 0 from a core
 * without %TAPI_FEATURE_SUPPLEMENTARY.
 */
uint32_t
tapi_address_info_get_transfer_modes(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_max_conf_members() - size of a conference
 * @info: the snapshot
 *
 * Return: the most member calls (far parties, not counting this station)
 * one conference call of the address holds; 0 if the address has no
 * conferences, or the core no %TAPI_FEATURE_SUPPLEMENTARY.
 */
unsigned int
tapi_address_info_get_max_conf_members(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_park_modes() - how calls of the address are parked
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_park_mode: the modes tapi_line_park()
 * takes on this address; 0 if its calls cannot be parked, or the core has
 * no %TAPI_FEATURE_CALL_SERVICES.
 */
uint32_t tapi_address_info_get_park_modes(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_forward_modes() - how the address can be forwarded
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_forward_mode: the modes a forwarding list
 * given to tapi_line_forward() may use on this address; 0 if it cannot be
 * forwarded.
 */
uint32_t
tapi_address_info_get_forward_modes(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_completion_modes() - how calls are completed
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_completion_mode: the modes
 * tapi_line_complete_call() takes on this address; 0 if there is no call
 * completion.
 */
uint32_t
tapi_address_info_get_completion_modes(const struct tapi_address_info *info);

/**
 * tapi_address_info_get_max_user_user() - size of user-user information
 * @info: the snapshot
 *
 * Return: the most bytes tapi_line_send_user_user_info() sends at once on
 * this address, at most %TAPI_USERUSER_MAX; 0 if it cannot send any.
 */
unsigned int
tapi_address_info_get_max_user_user(const struct tapi_address_info *info);

/* ------------------------------------------------------------------ */
/* Line settings                                                       */
/* ------------------------------------------------------------------ */

/**
 * tapi_line_settings_new() - create line open settings
 *
 * The defaults: privileges %TAPI_PRIV_NONE, no media modes, the core's
 * default event queue depth, every event type, an empty application name,
 * a blocking line fd.  Line fds are always opened close-on-exec.
 *
 * Return: new settings to release with tapi_line_settings_free(), or NULL
 * with errno set.
 */
struct tapi_line_settings *tapi_line_settings_new(void);

/**
 * tapi_line_settings_free() - release line open settings
 * @settings: the settings, or NULL
 */
void tapi_line_settings_free(struct tapi_line_settings *settings);

/**
 * tapi_line_settings_reset() - restore the defaults
 * @settings: the settings
 */
void tapi_line_settings_reset(struct tapi_line_settings *settings);

/**
 * tapi_line_settings_set_privileges() - set the privileges to ask for
 * @settings: the settings
 * @privileges: exactly %TAPI_PRIV_NONE, or %TAPI_PRIV_MONITOR and/or
 *	%TAPI_PRIV_OWNER (&enum tapi_privilege)
 *
 * The core checks the combination when the line is opened.
 */
void tapi_line_settings_set_privileges(struct tapi_line_settings *settings,
				       uint32_t privileges);

/**
 * tapi_line_settings_get_privileges() - privileges to ask for
 * @settings: the settings
 *
 * Return: a bitmap of &enum tapi_privilege.
 */
uint32_t
tapi_line_settings_get_privileges(const struct tapi_line_settings *settings);

/**
 * tapi_line_settings_set_media_modes() - set the media modes to own
 * @settings: the settings
 * @media_modes: &enum tapi_media_mode bits of the inbound calls the opener
 *	will own; must be non-zero with %TAPI_PRIV_OWNER and zero without
 */
void tapi_line_settings_set_media_modes(struct tapi_line_settings *settings,
					uint32_t media_modes);

/**
 * tapi_line_settings_get_media_modes() - media modes to own
 * @settings: the settings
 *
 * Return: a bitmap of &enum tapi_media_mode.
 */
uint32_t
tapi_line_settings_get_media_modes(const struct tapi_line_settings *settings);

/**
 * tapi_line_settings_set_event_queue_depth() - set the event queue depth
 * @settings: the settings
 * @depth: events the line fd holds before the oldest are dropped; 0 for the
 *	core's default (%TAPI_EVENT_QUEUE_DEFAULT); the core rounds it up to a
 *	power of two and refuses more than its maximum
 */
void
tapi_line_settings_set_event_queue_depth(struct tapi_line_settings *settings,
					 unsigned int depth);

/**
 * tapi_line_settings_get_event_queue_depth() - event queue depth asked for
 * @settings: the settings
 *
 * Return: the depth, 0 for the default.
 */
unsigned int
tapi_line_settings_get_event_queue_depth(const struct tapi_line_settings *settings);

/**
 * tapi_line_settings_set_event_mask() - choose the event types to receive
 * @settings: the settings
 * @mask: bitmap of (1 << &enum tapi_event_type); 0 for every type.  Replies,
 *	close, removal and overflow events are always delivered.
 */
void tapi_line_settings_set_event_mask(struct tapi_line_settings *settings,
				       uint64_t mask);

/**
 * tapi_line_settings_get_event_mask() - event types to receive
 * @settings: the settings
 *
 * Return: the mask, 0 for every type.
 */
uint64_t
tapi_line_settings_get_event_mask(const struct tapi_line_settings *settings);

/**
 * tapi_line_settings_set_app_name() - set the application's name
 * @settings: the settings
 * @name: a name shown to other openers and administrators, or NULL for
 *	none; at most %TAPI_NAME_LEN - 1 bytes
 *
 * Return: 0, or -1 with errno %ENAMETOOLONG (the name is unchanged).
 */
int tapi_line_settings_set_app_name(struct tapi_line_settings *settings,
				    const char *name);

/**
 * tapi_line_settings_get_app_name() - the application's name
 * @settings: the settings
 *
 * Return: the name, possibly empty; valid until it is changed or @settings
 * is freed.
 */
const char *
tapi_line_settings_get_app_name(const struct tapi_line_settings *settings);

/**
 * tapi_line_settings_set_nonblock() - choose a non-blocking line fd
 * @settings: the settings
 * @nonblock: true to open the line fd %O_NONBLOCK, so that
 *	tapi_line_read_events() fails with %EAGAIN instead of blocking
 */
void tapi_line_settings_set_nonblock(struct tapi_line_settings *settings,
				     bool nonblock);

/**
 * tapi_line_settings_get_nonblock() - whether the line fd is non-blocking
 * @settings: the settings
 *
 * Return: true if the line fd will be opened %O_NONBLOCK.
 */
bool tapi_line_settings_get_nonblock(const struct tapi_line_settings *settings);

/* ------------------------------------------------------------------ */
/* Open lines                                                          */
/* ------------------------------------------------------------------ */

/**
 * tapi_card_open_line() - open a line (TAPI's lineOpen)
 * @card: the card
 * @line: line index on the card
 * @settings: how to open it, or NULL for the defaults of
 *	tapi_line_settings_new() (privilege %TAPI_PRIV_NONE)
 *
 * The settings are copied: they may be freed or reused at once.
 *
 * Return: a new open line to close with tapi_line_close(), or NULL with
 * errno set (e.g. %ENOENT no such line, %EOPNOTSUPP a media mode the line
 * lacks, %EINVAL a bad combination of privileges and media modes).
 */
struct tapi_line *tapi_card_open_line(struct tapi_card *card, unsigned int line,
				      const struct tapi_line_settings *settings);

/**
 * tapi_line_close() - close a line (TAPI's lineClose) and release it
 * @line: the line, or NULL
 *
 * Calls only this opener owns are dropped by the core.
 */
void tapi_line_close(struct tapi_line *line);

/**
 * tapi_line_get_fd() - file descriptor of an open line
 * @line: the line
 *
 * The fd polls readable when events are queued; add it to your own poll or
 * epoll set.  It belongs to the line object: do not close it.
 *
 * Return: the line fd.
 */
int tapi_line_get_fd(struct tapi_line *line);

/**
 * tapi_line_get_line() - index of an open line
 * @line: the line
 *
 * Return: the line index on its card.
 */
unsigned int tapi_line_get_line(struct tapi_line *line);

/**
 * tapi_line_get_privileges() - privileges the line was opened with
 * @line: the line
 *
 * Return: a bitmap of &enum tapi_privilege.
 */
uint32_t tapi_line_get_privileges(struct tapi_line *line);

/**
 * tapi_line_get_media_modes() - media modes the line was opened to own
 * @line: the line
 *
 * Return: a bitmap of &enum tapi_media_mode.
 */
uint32_t tapi_line_get_media_modes(struct tapi_line *line);

/**
 * tapi_line_wait_event() - wait until events can be read
 * @line: the line
 * @timeout_ns: how long to wait in nanoseconds; 0 to poll, negative to
 *	wait forever
 *
 * Also returns 1 once the card is gone (the remaining events and then
 * %ENODEV come from tapi_line_read_events()).
 *
 * Return: 1 if events are pending, 0 on timeout, -1 with errno set
 * (%EINTR if a signal arrived).
 */
int tapi_line_wait_event(struct tapi_line *line, int64_t timeout_ns);

/**
 * tapi_line_read_events() - read events from a line
 * @line: the line
 * @buffer: where to put them; its previous contents are discarded
 * @max_events: read at most this many; 0, or more than the buffer's
 *	capacity, means the capacity
 *
 * Blocks until at least one event is queued unless the line was opened
 * non-blocking.
 *
 * Return: the number of events read (at least 1), or -1 with errno set:
 * %EAGAIN nothing queued on a non-blocking line, %ENODEV the card is gone
 * and every queued event was read.
 */
int tapi_line_read_events(struct tapi_line *line,
			  struct tapi_event_buffer *buffer,
			  unsigned int max_events);

/* ------------------------------------------------------------------ */
/* Line status                                                         */
/* ------------------------------------------------------------------ */

/**
 * tapi_line_get_status() - read the status of an open line (LINEDEVSTATUS)
 * @line: the line
 *
 * Return: a new snapshot to release with tapi_line_status_free(), or NULL
 * with errno set.
 */
struct tapi_line_status *tapi_line_get_status(struct tapi_line *line);

/**
 * tapi_line_status_free() - release a line status snapshot
 * @status: the snapshot, or NULL
 */
void tapi_line_status_free(struct tapi_line_status *status);

/**
 * tapi_line_status_get_num_opens() - line fds open on the line
 * @status: the snapshot
 *
 * Return: the number of line fds open on this line, system-wide.
 */
unsigned int
tapi_line_status_get_num_opens(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_num_owners() - openers holding the owner privilege
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int
tapi_line_status_get_num_owners(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_num_monitors() - openers holding the monitor privilege
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int
tapi_line_status_get_num_monitors(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_open_media_modes() - media modes owned by openers
 * @status: the snapshot
 *
 * Return: the union of the &enum tapi_media_mode bits owned on the line.
 */
uint32_t
tapi_line_status_get_open_media_modes(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_num_active_calls() - calls neither idle nor on hold
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int
tapi_line_status_get_num_active_calls(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_num_onhold_calls() - calls on hold
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int
tapi_line_status_get_num_onhold_calls(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_num_onholdpend_calls() - calls on hold pending
 *	transfer or conference
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int
tapi_line_status_get_num_onholdpend_calls(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_features() - line operations legal now
 * @status: the snapshot
 *
 * Return: a bitmap of &enum tapi_line_feature.
 */
uint32_t tapi_line_status_get_features(const struct tapi_line_status *status);

/**
 * tapi_line_status_get_flags() - device status flags
 * @status: the snapshot
 *
 * Return: a bitmap of &enum tapi_devstatus_flag.
 */
uint32_t tapi_line_status_get_flags(const struct tapi_line_status *status);

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/* Number of type-specific parameters of an event. */
#define TAPI_LINE_EVENT_NUM_PARAMS	8

/* Capacity of an event buffer asked for with capacity 0. */
#define TAPI_EVENT_BUFFER_DEFAULT	64

/**
 * tapi_event_buffer_new() - create a buffer for events
 * @capacity: most events it holds; 0 for %TAPI_EVENT_BUFFER_DEFAULT,
 *	values above %TAPI_EVENT_QUEUE_MAX are lowered to it
 *
 * Return: a new empty buffer to release with tapi_event_buffer_free(), or
 * NULL with errno set.
 */
struct tapi_event_buffer *tapi_event_buffer_new(unsigned int capacity);

/**
 * tapi_event_buffer_free() - release an event buffer and its events
 * @buffer: the buffer, or NULL
 */
void tapi_event_buffer_free(struct tapi_event_buffer *buffer);

/**
 * tapi_event_buffer_get_capacity() - capacity of an event buffer
 * @buffer: the buffer
 *
 * Return: the most events it holds.
 */
unsigned int
tapi_event_buffer_get_capacity(const struct tapi_event_buffer *buffer);

/**
 * tapi_event_buffer_get_num_events() - events held by a buffer
 * @buffer: the buffer
 *
 * Return: the number of events read by the last tapi_line_read_events().
 */
unsigned int
tapi_event_buffer_get_num_events(const struct tapi_event_buffer *buffer);

/**
 * tapi_event_buffer_get() - one event of a buffer
 * @buffer: the buffer
 * @index: 0 to tapi_event_buffer_get_num_events() - 1
 *
 * The event belongs to the buffer and is overwritten by the next read; use
 * tapi_line_event_copy() to keep it.
 *
 * Return: the event, or NULL with errno %EINVAL if @index is out of range.
 */
const struct tapi_line_event *
tapi_event_buffer_get(const struct tapi_event_buffer *buffer,
		      unsigned int index);

/**
 * tapi_line_event_copy() - copy an event
 * @event: the event
 *
 * Return: a copy to release with tapi_line_event_free(), or NULL with errno
 * set.
 */
struct tapi_line_event *tapi_line_event_copy(const struct tapi_line_event *event);

/**
 * tapi_line_event_free() - release a copied event
 * @event: an event from tapi_line_event_copy(), or NULL; never one owned by
 *	a buffer
 */
void tapi_line_event_free(struct tapi_line_event *event);

/**
 * tapi_line_event_get_type() - type of an event
 * @event: the event
 *
 * Return: an &enum tapi_event_type value (possibly one newer than these
 * headers: ignore types you do not know).
 */
unsigned int tapi_line_event_get_type(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_seqno() - sequence number of an event
 * @event: the event
 *
 * Return: the per-line-fd sequence number, from 1; a gap means events were
 * lost.  %TAPI_EV_OVERFLOW events carry 0.
 */
uint32_t tapi_line_event_get_seqno(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_timestamp_ns() - when an event happened
 * @event: the event
 *
 * Return: CLOCK_MONOTONIC time in nanoseconds.
 */
uint64_t tapi_line_event_get_timestamp_ns(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_line() - line an event is about
 * @event: the event
 *
 * Return: the line index on its card.
 */
unsigned int tapi_line_event_get_line(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_call() - call an event is about
 * @event: the event
 *
 * Return: the call handle (scoped to the line fd), 0 if none.
 */
uint32_t tapi_line_event_get_call(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_request_id() - request a reply event completes
 * @event: the event
 *
 * Return: for %TAPI_EV_REPLY the request id, otherwise 0.
 */
uint32_t tapi_line_event_get_request_id(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_param() - a type-specific parameter of an event
 * @event: the event
 * @index: 0 to %TAPI_LINE_EVENT_NUM_PARAMS - 1
 *
 * See &enum tapi_event_type for the meaning of each.  A reply's result
 * (param 0) is a negative errno stored as unsigned: cast it to int32_t.
 *
 * Return: the parameter, 0 if @index is out of range.
 */
uint32_t tapi_line_event_get_param(const struct tapi_line_event *event,
				   unsigned int index);

/**
 * tapi_line_event_get_reply_result() - outcome of an asynchronous request
 * @event: the event
 *
 * Return: for %TAPI_EV_REPLY, 0 if the request succeeded or a negative
 * errno (-%EBUSY...); 0 for every other type.
 */
int tapi_line_event_get_reply_result(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_call_state() - the new state of a call state event
 * @event: the event
 *
 * Return: for %TAPI_EV_CALLSTATE, one &enum tapi_call_state bit (param 0);
 * 0 for every other type.
 */
uint32_t tapi_line_event_get_call_state(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_call_mode() - the mode of a call state event's state
 * @event: the event
 *
 * Return: for %TAPI_EV_CALLSTATE, the state's mode (param 1; name it with
 * tapi_call_mode_str()), 0 for a state without modes and for every other
 * type.
 */
uint32_t tapi_line_event_get_call_mode(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_privilege() - this line's privilege on the call
 * @event: the event
 *
 * Return: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR for %TAPI_EV_NEWCALL and
 * for a %TAPI_EV_CALLSTATE that reports a new or changed privilege; 0
 * otherwise (the privilege did not change, or another type).
 */
uint32_t tapi_line_event_get_privilege(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_call_id() - call id of a new call event
 * @event: the event
 *
 * Call ids, unlike handles, are the same for every application; see
 * tapi_line_call_info_get_call_id() for the other events of a call.
 *
 * Return: for %TAPI_EV_NEWCALL, the call's id (param 2); 0 for every other
 * type.
 */
uint32_t tapi_line_event_get_call_id(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_conf_call_id() - the conference of a conferenced call
 * @event: the event
 *
 * Return: for a %TAPI_EV_CALLSTATE to %TAPI_CALLSTATE_CONFERENCED, the call
 * id of the conference call the call is a member of (param 3; TAPI's
 * hConfCall, as a call id: tapi_line_call_info_get_call_id() of a handle
 * to it says which); 0 for every other event.
 */
uint32_t
tapi_line_event_get_conf_call_id(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_address_id() - address a new call or address event
 *	is about
 * @event: the event
 *
 * Return: for %TAPI_EV_NEWCALL and %TAPI_EV_ADDRESSSTATE, the address id
 * (param 0); -1 for every other type.
 */
int tapi_line_event_get_address_id(const struct tapi_line_event *event);

/**
 * tapi_line_event_get_forward_modes() - what an address forwards now
 * @event: the event
 *
 * Return: for a %TAPI_EV_ADDRESSSTATE with %TAPI_ADDRSTATE_FORWARD, the
 * &enum tapi_forward_mode bits the address forwards now (param 2; 0: the
 * forwarding was cancelled; tapi_line_get_address_status() has the
 * destinations); 0 for every other event.
 */
uint32_t
tapi_line_event_get_forward_modes(const struct tapi_line_event *event);

/**
 * typedef tapi_line_event_cb - called by tapi_line_dispatch_events()
 * @event: one event, owned by the buffer: valid until the callback returns
 *	(copy it with tapi_line_event_copy() to keep it)
 * @data: the pointer given to tapi_line_dispatch_events()
 *
 * Return: 0 to go on, anything else to stop dispatching after @event.
 */
typedef int (*tapi_line_event_cb)(const struct tapi_line_event *event,
				  void *data);

/**
 * tapi_line_dispatch_events() - hand every pending event to a callback
 * @line: the line
 * @buffer: the buffer to read into; its previous contents are discarded,
 *	except events a callback left undispatched (see below)
 * @cb: called once per event, in order
 * @data: passed to @cb
 *
 * Never blocks, whether or not the line was opened non-blocking: it polls
 * the line fd with a zero timeout and reads only when a record is queued,
 * again and again until the queue is empty.  (A blocking line fd shared
 * with another reader, e.g. across fork(), may still block in read() if
 * the other reader takes the records between the poll and the read: open
 * such a line non-blocking.)  Call it when the line fd polls readable, or
 * in a loop around tapi_line_wait_event().
 *
 * If @cb returns non-zero, dispatching stops after that event.  Events
 * already read but not yet dispatched stay in @buffer, and the next call
 * with the same buffer dispatches them first (tapi_line_read_events() into
 * the buffer discards them).
 *
 * Return: the number of events dispatched, 0 if none was pending, or -1
 * with errno set if none was dispatched: %ENODEV once the card is gone and
 * every queued event was dispatched, %EINVAL for a NULL @buffer or @cb, or
 * the error of poll() or read().  An error after some events were
 * dispatched is reported by the next call.
 */
int tapi_line_dispatch_events(struct tapi_line *line,
			      struct tapi_event_buffer *buffer,
			      tapi_line_event_cb cb, void *data);

/* ------------------------------------------------------------------ */
/* Call parameters                                                     */
/* ------------------------------------------------------------------ */

/**
 * tapi_call_params_new() - create parameters for placing a call
 *
 * The defaults, the same as a NULL &struct tapi_call_params: address 0,
 * media mode 0 and bearer mode 0 (the core picks %TAPI_MEDIA_INTERACTIVEVOICE
 * and %TAPI_BEARER_VOICE), no-answer timeout 0 (the card's default), caller
 * id not blocked.
 *
 * Return: new parameters to release with tapi_call_params_free(), or NULL
 * with errno set.
 */
struct tapi_call_params *tapi_call_params_new(void);

/**
 * tapi_call_params_free() - release call parameters
 * @params: the parameters, or NULL
 */
void tapi_call_params_free(struct tapi_call_params *params);

/**
 * tapi_call_params_reset() - restore the defaults
 * @params: the parameters
 */
void tapi_call_params_reset(struct tapi_call_params *params);

/**
 * tapi_call_params_set_address_id() - choose the address to call from
 * @params: the parameters
 * @address_id: 0 to num_addresses - 1 of the line (checked by the core:
 *	%ENOENT)
 */
void tapi_call_params_set_address_id(struct tapi_call_params *params,
				     unsigned int address_id);

/**
 * tapi_call_params_get_address_id() - the address to call from
 * @params: the parameters
 *
 * Return: the address id.
 */
unsigned int
tapi_call_params_get_address_id(const struct tapi_call_params *params);

/**
 * tapi_call_params_set_media_mode() - choose the media mode of the call
 * @params: the parameters
 * @media_mode: one &enum tapi_media_mode bit the line supports, or 0 for
 *	%TAPI_MEDIA_INTERACTIVEVOICE (checked by the core: %EINVAL,
 *	%EOPNOTSUPP)
 */
void tapi_call_params_set_media_mode(struct tapi_call_params *params,
				     uint32_t media_mode);

/**
 * tapi_call_params_get_media_mode() - the media mode of the call
 * @params: the parameters
 *
 * Return: one &enum tapi_media_mode bit, or 0 for the default.
 */
uint32_t tapi_call_params_get_media_mode(const struct tapi_call_params *params);

/**
 * tapi_call_params_set_bearer_mode() - choose the bearer mode of the call
 * @params: the parameters
 * @bearer_mode: one &enum tapi_bearer_mode bit the line supports, or 0 for
 *	%TAPI_BEARER_VOICE (checked by the core: %EINVAL, %EOPNOTSUPP)
 */
void tapi_call_params_set_bearer_mode(struct tapi_call_params *params,
				      uint32_t bearer_mode);

/**
 * tapi_call_params_get_bearer_mode() - the bearer mode of the call
 * @params: the parameters
 *
 * Return: one &enum tapi_bearer_mode bit, or 0 for the default.
 */
uint32_t
tapi_call_params_get_bearer_mode(const struct tapi_call_params *params);

/**
 * tapi_call_params_set_no_answer_timeout_ms() - give up if nobody answers
 * @params: the parameters
 * @timeout_ms: after this many milliseconds of alerting the call ends in
 *	%TAPI_CALLSTATE_DISCONNECTED with %TAPI_DISCONNECTMODE_NOANSWER; 0
 *	for the card's default
 */
void tapi_call_params_set_no_answer_timeout_ms(struct tapi_call_params *params,
					       unsigned int timeout_ms);

/**
 * tapi_call_params_get_no_answer_timeout_ms() - the no-answer timeout
 * @params: the parameters
 *
 * Return: the timeout in milliseconds, 0 for the card's default.
 */
unsigned int tapi_call_params_get_no_answer_timeout_ms(
	const struct tapi_call_params *params);

/**
 * tapi_call_params_set_block_id() - withhold this line's number
 * @params: the parameters
 * @block_id: true to hide the caller id from the far end
 *	(%TAPI_CALL_MAKE_BLOCKID)
 */
void tapi_call_params_set_block_id(struct tapi_call_params *params,
				   bool block_id);

/**
 * tapi_call_params_get_block_id() - whether the caller id is withheld
 * @params: the parameters
 *
 * Return: true if the caller id is to be withheld.
 */
bool tapi_call_params_get_block_id(const struct tapi_call_params *params);

/* ------------------------------------------------------------------ */
/* Calls                                                               */
/* ------------------------------------------------------------------ */

/**
 * DOC: Asynchronous and synchronous call operations
 *
 * Making, dialling, answering, accepting and dropping a call involve the
 * network and are asynchronous, as in TAPI.  The plain function returns a
 * request id (> 0) at once; the outcome comes later as a %TAPI_EV_REPLY
 * event on the line with that request id (tapi_line_event_get_request_id())
 * and its result (tapi_line_event_get_reply_result(): 0 or a negative
 * errno).  The _sync() variant waits for the outcome and returns 0, or -1
 * with errno set to the outcome; no reply event is queued for it.  The wait
 * ends early only for a fatal signal.
 *
 * Either way, -1 returned by the function itself means that the request
 * was never started: nothing changed and no reply will come.  The errno
 * values are the core's (the table in uapi/linux/tapi.h): %ENOENT no such
 * call handle, %EOPNOTSUPP the card or address cannot do it, %EPERM the
 * handle is a monitor's, %EBADFD not legal in the call's current state,
 * %EBUSY no call to spare, %ENODEV the card is gone; the library adds
 * %EINVAL for a NULL or too long string.  Strings are never truncated.
 */

/* Any address of the line, for tapi_line_get_new_calls(). */
#define TAPI_ALL_ADDRESSES	(-1)

/**
 * tapi_line_make_call() - place a call (lineMakeCall), asynchronously
 * @line: the line; any privilege may place calls, and the caller owns them
 * @dest: the number to call, at most %TAPI_DIAL_LEN - 1 bytes, no control
 *	characters; "" leaves the call in %TAPI_CALLSTATE_DIALTONE for
 *	tapi_line_dial()
 * @params: how to place it, or NULL for the defaults of
 *	tapi_call_params_new()
 * @call: out: the new call's handle.  It becomes valid only once the
 *	request succeeded, with the reply event (whose call is this handle);
 *	a %TAPI_EV_CALLSTATE with the call's state follows.  If the request
 *	fails the handle never becomes valid.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @dest or
 * @call NULL, @dest too long; %EBUSY: the line or address has no call to
 * spare; %EOPNOTSUPP: the line or address cannot place calls, or lacks the
 * media or bearer mode).
 */
int tapi_line_make_call(struct tapi_line *line, const char *dest,
			const struct tapi_call_params *params, uint32_t *call);

/**
 * tapi_line_make_call_sync() - place a call and wait for the outcome
 * @line: the line
 * @dest: as for tapi_line_make_call()
 * @params: as for tapi_line_make_call()
 * @call: out: the new call's handle, valid when 0 is returned
 *
 * The synchronous functions wait for the card's answer.  A signal ends the
 * wait with %EINTR; the request goes on and its outcome comes as a
 * %TAPI_EV_REPLY event, as for the asynchronous functions (here, *@call
 * is set then too: the handle becomes valid with a successful reply).
 *
 * Return: 0, or -1 with errno set: the errors of tapi_line_make_call(), or
 * the outcome of the request, or %EINTR.
 */
int tapi_line_make_call_sync(struct tapi_line *line, const char *dest,
			     const struct tapi_call_params *params,
			     uint32_t *call);

/**
 * tapi_line_dial() - dial more digits on a call (lineDial), asynchronously
 * @line: the line
 * @call: the call handle; legal in %TAPI_CALLSTATE_DIALTONE and
 *	%TAPI_CALLSTATE_DIALING
 * @digits: the digits, non-empty, at most %TAPI_DIAL_LEN - 1 bytes
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_dial(struct tapi_line *line, uint32_t call, const char *digits);

/**
 * tapi_line_dial_sync() - dial more digits and wait for the outcome
 * @line: the line
 * @call: the call handle
 * @digits: as for tapi_line_dial()
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_dial_sync(struct tapi_line *line, uint32_t call,
			const char *digits);

/**
 * tapi_line_answer() - answer an offered call (lineAnswer), asynchronously
 * @line: the line
 * @call: the call handle, owned by this line; legal in
 *	%TAPI_CALLSTATE_OFFERING and %TAPI_CALLSTATE_ACCEPTED
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_answer(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_answer_sync() - answer a call and wait for the outcome
 * @line: the line
 * @call: the call handle
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_answer_sync(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_accept() - claim an offered call (lineAccept), asynchronously
 * @line: the line
 * @call: the call handle, owned by this line; legal in
 *	%TAPI_CALLSTATE_OFFERING
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_accept(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_accept_sync() - accept a call and wait for the outcome
 * @line: the line
 * @call: the call handle
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_accept_sync(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_drop() - drop a call (lineDrop), asynchronously
 * @line: the line
 * @call: the call handle, owned by this line
 *
 * The call goes to %TAPI_CALLSTATE_IDLE; deallocate the handle then.
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_drop(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_drop_sync() - drop a call and wait for the outcome
 * @line: the line
 * @call: the call handle
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_drop_sync(struct tapi_line *line, uint32_t call);

/* ------------------------------------------------------------------ */
/* Digits and tones                                                    */
/* ------------------------------------------------------------------ */

/**
 * DOC: Digits and tones
 *
 * The core generates and detects DTMF and tones in a call's audio (see
 * "Digits and tones" in the uapi header).  Each function below starts or
 * stops something and returns at once; what happens arrives as events on
 * the line: %TAPI_EV_GENERATE, %TAPI_EV_MONITORDIGITS,
 * %TAPI_EV_GATHERDIGITS, %TAPI_EV_MONITORTONE and %TAPI_EV_MONITORMEDIA,
 * whose parameters tapi_line_event_get_param() reads and whose digits
 * tapi_line_event_get_digits() gives as a string.  Detection is per
 * handle: monitors may detect too; generation needs an owner and a
 * connected call.
 */

/**
 * tapi_line_generate_digits() - send DTMF digits in band (lineGenerateDigits)
 * @line: the line
 * @call: the call handle, owned, connected
 * @digits: ``0``-``9``, ``*``, ``#``, ``A``-``D``, ``,`` for a pause;
 *	"" or NULL cancels the call's generation
 * @duration_ms: each digit's length and the gap after it, 40 to 1000; 0
 *	for 100
 *
 * Return: 0 (a %TAPI_EV_GENERATE event follows), or -1 with errno set.
 */
int tapi_line_generate_digits(struct tapi_line *line, uint32_t call,
			      const char *digits, unsigned int duration_ms);

/**
 * tapi_line_generate_tone() - play a tone in band (lineGenerateTone)
 * @line: the line
 * @call: the call handle, owned, connected
 * @tone_mode: one &enum tapi_tone_mode bit; 0 cancels
 * @duration_ms: how long; 0 until cancelled or replaced
 * @components: with %TAPI_TONEMODE_CUSTOM, the tone's frequencies
 * @num_components: how many, 1 to %TAPI_TONE_MAX_FREQS; else 0
 *
 * Return: 0 (a %TAPI_EV_GENERATE event follows), or -1 with errno set.
 */
int tapi_line_generate_tone(struct tapi_line *line, uint32_t call,
			    uint32_t tone_mode, unsigned int duration_ms,
			    const struct tapi_tone_component *components,
			    unsigned int num_components);

/**
 * tapi_line_monitor_digits() - report digits as events (lineMonitorDigits)
 * @line: the line
 * @call: the call handle
 * @digit_modes: &enum tapi_digit_mode bits; 0 stops
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_monitor_digits(struct tapi_line *line, uint32_t call,
			     uint32_t digit_modes);

/**
 * tapi_line_gather_digits() - collect digits (lineGatherDigits)
 * @line: the line
 * @call: the call handle
 * @digit_modes: %TAPI_DIGITMODE_DTMF and/or %TAPI_DIGITMODE_PULSE; 0
 *	cancels
 * @num_digits: 1 to %TAPI_GATHER_MAX_DIGITS
 * @terminators: digits that end gathering, or "" / NULL
 * @first_timeout_ms: 0 for none
 * @inter_timeout_ms: 0 for none
 *
 * Return: 0 (a %TAPI_EV_GATHERDIGITS event ends it), or -1 with errno set.
 */
int tapi_line_gather_digits(struct tapi_line *line, uint32_t call,
			    uint32_t digit_modes, unsigned int num_digits,
			    const char *terminators,
			    unsigned int first_timeout_ms,
			    unsigned int inter_timeout_ms);

/**
 * tapi_line_monitor_tones() - report tones as events (lineMonitorTones)
 * @line: the line
 * @call: the call handle
 * @tones: the tones to listen for
 * @num_tones: how many; 0 stops
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_monitor_tones(struct tapi_line *line, uint32_t call,
			    const struct tapi_tone_desc *tones,
			    unsigned int num_tones);

/**
 * tapi_line_monitor_media() - report fax and modem tones (lineMonitorMedia)
 * @line: the line
 * @call: the call handle
 * @media_modes: %TAPI_MEDIA_G3FAX and/or %TAPI_MEDIA_DATAMODEM; 0 stops
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_monitor_media(struct tapi_line *line, uint32_t call,
			    uint32_t media_modes);

/**
 * tapi_line_event_get_digits() - the digits of a digit event
 * @event: a %TAPI_EV_MONITORDIGITS or %TAPI_EV_GATHERDIGITS event
 * @buf: where to put them, NUL-terminated
 * @size: its size
 *
 * Return: the number of digits, or -1 with errno %EINVAL (another event
 * type) or %ERANGE (@buf too small).
 */
int tapi_line_event_get_digits(const struct tapi_line_event *event,
			       char *buf, size_t size);

/**
 * tapi_line_deallocate_call() - release a call handle (lineDeallocateCall)
 * @line: the line
 * @call: the call handle; invalid from then on
 *
 * Return: 0, or -1 with errno set (%ENOENT no such handle, %EBUSY this
 * line is the only owner of a call that is not idle: drop it first).
 */
int tapi_line_deallocate_call(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_set_call_privilege() - become owner or monitor of a call
 *	(lineSetCallPrivilege)
 * @line: the line
 * @call: the call handle
 * @privilege: %TAPI_PRIV_OWNER (always allowed) or %TAPI_PRIV_MONITOR
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_set_call_privilege(struct tapi_line *line, uint32_t call,
				 uint32_t privilege);

/**
 * tapi_line_handoff() - give ownership of a call to another application
 *	(lineHandoff)
 * @line: the line; it must own the call
 * @call: the call handle
 * @media_mode: hand the call to the highest-priority owner of this one
 *	media mode on the line, or 0 to hand it to @app_name
 * @app_name: with @media_mode 0, the target application's name as given
 *	at line open (at most %TAPI_NAME_LEN - 1 bytes); NULL or "" with a
 *	media mode
 *
 * Exactly one of @media_mode and @app_name names the target.  This line
 * stays an owner until it deallocates its handle or becomes a monitor.
 *
 * Return: 0, or -1 with errno set (%EINVAL: both or neither target, a too
 * long name, or the only application that qualifies is this one; %ESRCH:
 * no application to hand the call to).
 */
int tapi_line_handoff(struct tapi_line *line, uint32_t call,
		      uint32_t media_mode, const char *app_name);

/**
 * tapi_line_get_new_calls() - get handles to the calls this line has none
 *	to (lineGetNewCalls)
 * @line: the line
 * @calls: out: the new handles, with monitor privilege; may be NULL if
 *	@capacity is 0
 * @capacity: room in @calls; 0 only counts the calls
 * @address_id: only calls on this address, or %TAPI_ALL_ADDRESSES for the
 *	whole line
 * @remaining: out, may be NULL: calls left without a handle because
 *	@calls was full (call again to get them)
 *
 * Idle calls are skipped.  No events are queued for the new handles; they
 * receive their calls' events from then on.  A line opened with
 * %TAPI_PRIV_MONITOR gets handles to calls that start later by itself,
 * with %TAPI_EV_NEWCALL, but not to the calls already there when it opened:
 * this is how it gets those.
 *
 * Return: the number of handles written to @calls, or -1 with errno set
 * (%EINVAL: @calls NULL with a capacity, @capacity above INT_MAX, or a
 * negative @address_id other than %TAPI_ALL_ADDRESSES; %ENOENT: no such
 * address).
 */
int tapi_line_get_new_calls(struct tapi_line *line, uint32_t *calls,
			    unsigned int capacity, int address_id,
			    unsigned int *remaining);

/**
 * tapi_line_set_event_mask() - choose the events the line receives
 *	(lineSetStatusMessages)
 * @line: the line
 * @mask: bitmap of (1 << &enum tapi_event_type), as
 *	tapi_line_settings_set_event_mask(); 0 means all.  %TAPI_EV_REPLY,
 *	CLOSE, REMOVED and OVERFLOW are always received.
 *
 * Return: 0, or -1 with errno set (%EOPNOTSUPP: a type the core does not
 * know).
 */
int tapi_line_set_event_mask(struct tapi_line *line, uint64_t mask);

/**
 * tapi_line_set_priority() - set this line's priority for inbound calls
 *	(lineSetAppPriority)
 * @line: the line
 * @media_modes: &enum tapi_media_mode bits, all owned by this line
 * @priority: the priority for each; higher wins, 0 is the default
 *
 * An inbound call goes to the owner of its media mode with the highest
 * priority, among equals to the line opened first; a media mode handoff
 * picks its target the same way.
 *
 * Return: 0, or -1 with errno set (%EINVAL: @media_modes empty or not all
 * owned by this line).
 */
int tapi_line_set_priority(struct tapi_line *line, uint32_t media_modes,
			   uint32_t priority);

/* ------------------------------------------------------------------ */
/* Supplementary services                                              */
/* ------------------------------------------------------------------ */

/**
 * DOC: Hold, transfer and conference
 *
 * The supplementary services of the core (%TAPI_FEATURE_SUPPLEMENTARY,
 * "Supplementary services" in <linux/tapi.h>) are asynchronous requests
 * like answer and drop: the plain function returns a request id and the
 * outcome comes as a %TAPI_EV_REPLY event, the _sync() variant waits for
 * it (see "Asynchronous and synchronous call operations").  Each needs an
 * owner handle to every call it names, and is legal only where its bit is
 * in the call's features (tapi_line_call_status_get_features()): hold
 * and the transfers on a CONNECTED call, unhold on an ONHOLD one, and so
 * on.
 *
 * Requests that create calls (setup transfer, setup conference, prepare
 * add to conference, a transfer completed as a conference) hand back the
 * new handles at once, owned by this line, as tapi_line_make_call() does:
 * they become valid with the successful reply (or when the _sync()
 * variant returns 0), a %TAPI_EV_CALLSTATE with the call's state follows,
 * and they never become valid if the request fails.
 *
 * A conference call (origin %TAPI_CALLORIGIN_CONFERENCE) is this
 * station's side of a conference; its members are CONFERENCED, and
 * tapi_line_event_get_conf_call_id() names their conference.  Dropping
 * the conference call drops every member.
 *
 * Errors, besides those of every call operation: %EBUSY no call to spare
 * for a consultation call, %ENOSPC the conference is full, %ENXIO (the
 * outcome of a blind transfer) a number the card cannot reach, %EINVAL
 * the same call named twice or a handle pointer NULL.
 */

/**
 * tapi_line_hold() - put a call on hold (lineHold), asynchronously
 * @line: the line
 * @call: the call handle, owned; legal in %TAPI_CALLSTATE_CONNECTED (a
 *	conference call too)
 *
 * The call goes %TAPI_CALLSTATE_ONHOLD.
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_hold(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_hold_sync() - put a call on hold and wait for the outcome
 * @line: the line
 * @call: the call handle
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_hold_sync(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_unhold() - take a call off hold (lineUnhold), asynchronously
 * @line: the line
 * @call: the call handle, owned; legal in %TAPI_CALLSTATE_ONHOLD
 *
 * The call goes %TAPI_CALLSTATE_CONNECTED.
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_unhold(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_unhold_sync() - take a call off hold and wait for the outcome
 * @line: the line
 * @call: the call handle
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_unhold_sync(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_swap_hold() - swap an active and a held call (lineSwapHold),
 *	asynchronously
 * @line: the line
 * @active_call: a CONNECTED call, not a conference call
 * @held_call: another call of the line, %TAPI_CALLSTATE_ONHOLD or
 *	%TAPI_CALLSTATE_ONHOLDPENDTRANSFER
 *
 * The two calls exchange their states: @active_call takes the held
 * call's, @held_call becomes CONNECTED, so that a transfer under way can
 * still be completed from either side.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: the same
 * call twice).
 */
int tapi_line_swap_hold(struct tapi_line *line, uint32_t active_call,
			uint32_t held_call);

/**
 * tapi_line_swap_hold_sync() - swap two calls and wait for the outcome
 * @line: the line
 * @active_call: as for tapi_line_swap_hold()
 * @held_call: as for tapi_line_swap_hold()
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_swap_hold_sync(struct tapi_line *line, uint32_t active_call,
			     uint32_t held_call);

/**
 * tapi_line_setup_transfer() - start a consultation transfer
 *	(lineSetupTransfer), asynchronously
 * @line: the line
 * @call: the call to transfer, CONNECTED, not a conference call; it goes
 *	%TAPI_CALLSTATE_ONHOLDPENDTRANSFER
 * @consult_call: out: the handle of the new consultation call, owned by
 *	@line, in %TAPI_CALLSTATE_DIALTONE once the request succeeded: dial
 *	the party to consult with tapi_line_dial().  Valid only once the
 *	request succeeded, as for tapi_line_make_call().
 *
 * Dropping the consultation call before the transfer completes gives
 * @call back: it becomes CONNECTED again.  Complete the transfer with
 * tapi_line_complete_transfer().
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL:
 * @consult_call NULL; %EBUSY: no call to spare for the consultation call).
 */
int tapi_line_setup_transfer(struct tapi_line *line, uint32_t call,
			     uint32_t *consult_call);

/**
 * tapi_line_setup_transfer_sync() - start a consultation transfer and
 *	wait for the outcome
 * @line: the line
 * @call: as for tapi_line_setup_transfer()
 * @consult_call: out: the consultation call's handle, valid when 0 is
 *	returned (or, after %EINTR, with the successful reply)
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_setup_transfer_sync(struct tapi_line *line, uint32_t call,
				  uint32_t *consult_call);

/**
 * tapi_line_complete_transfer() - complete a consultation transfer
 *	(lineCompleteTransfer), asynchronously
 * @line: the line
 * @call: the call being transferred, %TAPI_CALLSTATE_ONHOLDPENDTRANSFER
 * @consult_call: its consultation call, CONNECTED (the one
 *	tapi_line_setup_transfer() made, or the other side of a swap hold)
 * @mode: %TAPI_TRANSFER_TRANSFER to connect the two far parties to each
 *	other: both calls go %TAPI_CALLSTATE_IDLE (deallocate them), the far
 *	parties' calls get %TAPI_EV_CALLINFO (connected and redirecting
 *	party, reason %TAPI_CALLREASON_TRANSFER); or
 *	%TAPI_TRANSFER_CONFERENCE for a three-way conference: both calls go
 *	%TAPI_CALLSTATE_CONFERENCED, members of a new conference call.  One
 *	of the address's tapi_address_info_get_transfer_modes() (else
 *	%EOPNOTSUPP).
 * @conf_call: out: with %TAPI_TRANSFER_CONFERENCE, the handle of the new
 *	conference call (CONNECTED once the request succeeded; valid only
 *	then); may be NULL with %TAPI_TRANSFER_TRANSFER, else set to 0
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @mode not
 * one mode, @conf_call NULL for a conference, the same call twice).
 */
int tapi_line_complete_transfer(struct tapi_line *line, uint32_t call,
				uint32_t consult_call, uint32_t mode,
				uint32_t *conf_call);

/**
 * tapi_line_complete_transfer_sync() - complete a consultation transfer
 *	and wait for the outcome
 * @line: the line
 * @call: as for tapi_line_complete_transfer()
 * @consult_call: as for tapi_line_complete_transfer()
 * @mode: as for tapi_line_complete_transfer()
 * @conf_call: as for tapi_line_complete_transfer(), valid when 0 is
 *	returned
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_complete_transfer_sync(struct tapi_line *line, uint32_t call,
				     uint32_t consult_call, uint32_t mode,
				     uint32_t *conf_call);

/**
 * tapi_line_blind_transfer() - transfer a call without consultation
 *	(lineBlindTransfer), asynchronously
 * @line: the line
 * @call: the call, CONNECTED, not a conference call
 * @dest: the number to transfer the far party to, non-empty, at most
 *	%TAPI_DIAL_LEN - 1 bytes, no control characters
 *
 * Once the card took the transfer the call goes %TAPI_CALLSTATE_IDLE
 * (deallocate it).  A number the card cannot reach fails the request with
 * %ENXIO, a busy one with %EBUSY, and the call stays as it was.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @dest NULL
 * or too long).
 */
int tapi_line_blind_transfer(struct tapi_line *line, uint32_t call,
			     const char *dest);

/**
 * tapi_line_blind_transfer_sync() - transfer a call without consultation
 *	and wait for the outcome
 * @line: the line
 * @call: the call handle
 * @dest: as for tapi_line_blind_transfer()
 *
 * Return: 0, or -1 with errno set (%ENXIO, %EBUSY: see
 * tapi_line_blind_transfer()).
 */
int tapi_line_blind_transfer_sync(struct tapi_line *line, uint32_t call,
				  const char *dest);

/**
 * tapi_line_setup_conference() - start a conference from a two-party call
 *	(lineSetupConference), asynchronously
 * @line: the line
 * @call: the call to start from, CONNECTED, not a conference call; it
 *	becomes the first member (%TAPI_CALLSTATE_CONFERENCED)
 * @num_parties: members expected, 2 to the address's
 *	tapi_address_info_get_max_conf_members(); 0 means 2 (else %EINVAL)
 * @conf_call: out: the conference call's handle, owned by @line,
 *	%TAPI_CALLSTATE_ONHOLDPENDCONF once the request succeeded
 * @consult_call: out: the consultation call's handle, owned by @line,
 *	%TAPI_CALLSTATE_DIALTONE once the request succeeded: dial the party
 *	with tapi_line_dial() and, once it answered, add it with
 *	tapi_line_add_to_conference()
 *
 * Both handles are valid only once the request succeeded, as for
 * tapi_line_make_call().
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: a handle
 * pointer NULL, @num_parties out of range; %EBUSY: no call to spare).
 */
int tapi_line_setup_conference(struct tapi_line *line, uint32_t call,
			       unsigned int num_parties, uint32_t *conf_call,
			       uint32_t *consult_call);

/**
 * tapi_line_setup_conference_sync() - start a conference and wait for the
 *	outcome
 * @line: the line
 * @call: as for tapi_line_setup_conference()
 * @num_parties: as for tapi_line_setup_conference()
 * @conf_call: out: as for tapi_line_setup_conference(), valid when 0 is
 *	returned
 * @consult_call: out: likewise
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_setup_conference_sync(struct tapi_line *line, uint32_t call,
				    unsigned int num_parties,
				    uint32_t *conf_call,
				    uint32_t *consult_call);

/**
 * tapi_line_prepare_add_to_conference() - make a consultation call to add
 *	a party to a conference (linePrepareAddToConference), asynchronously
 * @line: the line
 * @conf_call: the conference call, CONNECTED, below its limit of members
 *	(%ENOSPC otherwise); it goes %TAPI_CALLSTATE_ONHOLDPENDCONF
 * @consult_call: out: the new consultation call's handle, owned by @line,
 *	%TAPI_CALLSTATE_DIALTONE once the request succeeded (valid only
 *	then): dial the party, then tapi_line_add_to_conference()
 *
 * Dropping the consultation call before it is added gives the conference
 * back: @conf_call becomes CONNECTED again.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL:
 * @consult_call NULL).
 */
int tapi_line_prepare_add_to_conference(struct tapi_line *line,
					uint32_t conf_call,
					uint32_t *consult_call);

/**
 * tapi_line_prepare_add_to_conference_sync() - make a consultation call
 *	for a conference and wait for the outcome
 * @line: the line
 * @conf_call: as for tapi_line_prepare_add_to_conference()
 * @consult_call: out: as for tapi_line_prepare_add_to_conference(), valid
 *	when 0 is returned
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_prepare_add_to_conference_sync(struct tapi_line *line,
					     uint32_t conf_call,
					     uint32_t *consult_call);

/**
 * tapi_line_add_to_conference() - add a call to a conference
 *	(lineAddToConference), asynchronously
 * @line: the line
 * @conf_call: the conference call, %TAPI_CALLSTATE_ONHOLDPENDCONF, below
 *	its limit of members (%ENOSPC otherwise)
 * @call: the call to add, CONNECTED, on the same line, not a conference
 *	call: usually the consultation call of
 *	tapi_line_setup_conference() or
 *	tapi_line_prepare_add_to_conference()
 *
 * @call goes %TAPI_CALLSTATE_CONFERENCED, @conf_call CONNECTED.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: the same
 * call twice).
 */
int tapi_line_add_to_conference(struct tapi_line *line, uint32_t conf_call,
				uint32_t call);

/**
 * tapi_line_add_to_conference_sync() - add a call to a conference and
 *	wait for the outcome
 * @line: the line
 * @conf_call: as for tapi_line_add_to_conference()
 * @call: as for tapi_line_add_to_conference()
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_add_to_conference_sync(struct tapi_line *line,
				     uint32_t conf_call, uint32_t call);

/**
 * tapi_line_remove_from_conference() - take a member out of its conference
 *	(lineRemoveFromConference), asynchronously
 * @line: the line
 * @call: the member, %TAPI_CALLSTATE_CONFERENCED, while the conference has
 *	another member (%EBADFD for the last one: drop the conference call
 *	instead)
 *
 * The call leaves the conference: %TAPI_CALLSTATE_ONHOLD (a card may
 * make it CONNECTED instead).
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_remove_from_conference(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_remove_from_conference_sync() - take a member out of its
 *	conference and wait for the outcome
 * @line: the line
 * @call: the call handle
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_remove_from_conference_sync(struct tapi_line *line,
					  uint32_t call);

/**
 * tapi_line_get_conf_related_calls() - the calls of a conference
 *	(lineGetConfRelatedCalls)
 * @line: the line
 * @call: a handle (any privilege) to the conference call or one of its
 *	members
 * @members: out: the conference call first, then its members in the
 *	order they joined, each with its call id, this line's handle to it
 *	(0 if none: tapi_line_get_new_calls() gets one) and its state; may
 *	be NULL if @capacity is 0
 * @capacity: room in @members; 0 only counts
 * @remaining: out, may be NULL: entries left out because @members was
 *	full
 *
 * Synchronous: the core answers at once.
 *
 * Return: the number of entries written to @members, or -1 with errno set
 * (%EINVAL: @call is neither a conference call nor a member of one,
 * @members NULL with a capacity, @capacity above INT_MAX; %ENOENT: no
 * such handle).
 */
int tapi_line_get_conf_related_calls(struct tapi_line *line, uint32_t call,
				     struct tapi_conf_member *members,
				     unsigned int capacity,
				     unsigned int *remaining);

/* ------------------------------------------------------------------ */
/* Call services                                                       */
/* ------------------------------------------------------------------ */

/**
 * DOC: Call services
 *
 * Redirect, pickup, park and unpark, forward, secure call, user-user
 * information and call completion (%TAPI_FEATURE_CALL_SERVICES, "Call
 * services" in <linux/tapi.h>) are asynchronous requests like hold: the
 * plain function returns a request id and the outcome comes as a
 * %TAPI_EV_REPLY event, the _sync() variant waits for it.
 *
 * Those on a call (redirect, park, secure call, send user-user
 * information, complete call) need an owner handle and the call's feature
 * bit (tapi_line_call_status_get_features()).  Those on the line (pickup,
 * unpark, forward, uncomplete call) may be issued by any line, if the
 * address has the feature (tapi_line_address_status_get_features() says
 * which are legal now: pickup and unpark need room for one more call).
 * Modes must be among the address's (tapi_address_info_get_park_modes()
 * and friends; %EOPNOTSUPP otherwise).
 *
 * Pickup and unpark create a call, as tapi_line_make_call() does: its
 * handle is handed back at once, owned by the line, valid once the request
 * succeeded; it never becomes valid if the request fails.
 *
 * Errors, besides those of every call operation: %EBUSY a busy number, a
 * taken park address or none free, no call to spare for pickup or unpark;
 * %ENXIO a number the card cannot reach or that is no park address;
 * %ESRCH nothing alerts or is parked there (pickup, unpark); %ENOSPC the
 * line has %TAPI_MAX_COMPLETIONS call completions pending; %ENOENT no
 * such call completion.  Those about the far end are the outcome of the
 * request (its reply), the others refuse it at once.
 */

/**
 * tapi_line_redirect() - deflect an offered call to another number
 *	(lineRedirect), asynchronously
 * @line: the line
 * @call: the call, owned, %TAPI_CALLSTATE_OFFERING or
 *	%TAPI_CALLSTATE_ACCEPTED
 * @dest: the number to deflect it to, non-empty, at most %TAPI_DIAL_LEN -
 *	1 bytes, no control characters
 *
 * Once the caller is on the way to @dest the call goes
 * %TAPI_CALLSTATE_IDLE here (deallocate it); the new station sees reason
 * %TAPI_CALLREASON_REDIRECT.  A busy number fails the request with %EBUSY,
 * one the card cannot reach with %ENXIO, and the call stays offered.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @dest NULL
 * or too long).
 */
int tapi_line_redirect(struct tapi_line *line, uint32_t call,
		       const char *dest);

/**
 * tapi_line_redirect_sync() - deflect an offered call and wait for the
 *	outcome
 * @line: the line
 * @call: as for tapi_line_redirect()
 * @dest: as for tapi_line_redirect()
 *
 * Return: 0, or -1 with errno set (%EBUSY, %ENXIO: see
 * tapi_line_redirect()).
 */
int tapi_line_redirect_sync(struct tapi_line *line, uint32_t call,
			    const char *dest);

/**
 * tapi_line_pickup() - answer, from this line, a call alerting elsewhere
 *	(linePickup), asynchronously
 * @line: the line
 * @address_id: the address of @line the call comes to; it needs
 *	%TAPI_ADDRFEATURE_PICKUP
 * @dest: directed pickup: the number of the station whose alerting call
 *	to take; NULL or "" for a group pickup
 * @group: group pickup (@dest empty): the pickup group, NULL or "" for
 *	the address's own; must be empty with @dest (else %EINVAL)
 * @call: out: the new call's handle, owned by @line, valid once the
 *	request succeeded (as for tapi_line_make_call()): CONNECTED, reason
 *	%TAPI_CALLREASON_PICKUP, with the picked call's parties
 *
 * The call at the other station goes DISCONNECTED
 * (%TAPI_DISCONNECTMODE_PICKUP).  Nothing alerting there fails the request
 * with %ESRCH, a number the card does not know with %ENXIO.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @call
 * NULL, @dest and @group both given, a string too long; %EBUSY: no call
 * to spare on the address).
 */
int tapi_line_pickup(struct tapi_line *line, unsigned int address_id,
		     const char *dest, const char *group, uint32_t *call);

/**
 * tapi_line_pickup_sync() - pick up a call and wait for the outcome
 * @line: the line
 * @address_id: as for tapi_line_pickup()
 * @dest: as for tapi_line_pickup()
 * @group: as for tapi_line_pickup()
 * @call: out: the new call's handle, valid when 0 is returned (or, after
 *	%EINTR, with the successful reply)
 *
 * Return: 0, or -1 with errno set (%ESRCH, %ENXIO: see tapi_line_pickup()).
 */
int tapi_line_pickup_sync(struct tapi_line *line, unsigned int address_id,
			  const char *dest, const char *group,
			  uint32_t *call);

/**
 * tapi_line_park() - park a call (linePark), asynchronously
 * @line: the line
 * @call: the call, owned, %TAPI_CALLSTATE_CONNECTED, not a conference call
 * @mode: %TAPI_PARK_DIRECTED to park it at @dest, or
 *	%TAPI_PARK_NONDIRECTED at a free park address the switch picks; one
 *	of the address's tapi_address_info_get_park_modes() (else
 *	%EOPNOTSUPP)
 * @dest: %TAPI_PARK_DIRECTED: the park address, non-empty;
 *	%TAPI_PARK_NONDIRECTED: NULL or ""
 *
 * The far party stays connected to the switch, held, at the park address;
 * the call goes %TAPI_CALLSTATE_IDLE here.  Before it does, its
 * redirection party (tapi_line_call_info_get_party_number() with
 * %TAPI_PARTY_REDIRECTION, until the handle is deallocated) names the park
 * address, announced by a %TAPI_EV_CALLINFO; tapi_line_park_sync() reads
 * it for you.  A taken park address, or none free, fails the request with
 * %EBUSY, a number that is no park address with %ENXIO.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @mode not
 * one mode, @dest empty for a directed park or given for a non-directed
 * one, too long).
 */
int tapi_line_park(struct tapi_line *line, uint32_t call, uint32_t mode,
		   const char *dest);

/**
 * tapi_line_park_sync() - park a call, wait for the outcome and read
 *	where it is parked
 * @line: the line
 * @call: as for tapi_line_park()
 * @mode: as for tapi_line_park()
 * @dest: as for tapi_line_park()
 * @park_address: out, may be NULL: where the call is parked (with
 *	%TAPI_PARK_NONDIRECTED, the address the switch picked), as the core
 *	reports it in the call's redirection party; "" if it reports none
 * @size: room in @park_address: 0 with NULL, else at least %TAPI_DIAL_LEN
 *
 * Return: 0 (the call is parked, whether or not its park address could be
 * read), or -1 with errno set (%EINVAL: @size too small; %EBUSY, %ENXIO:
 * see tapi_line_park()).
 */
int tapi_line_park_sync(struct tapi_line *line, uint32_t call, uint32_t mode,
			const char *dest, char *park_address, size_t size);

/**
 * tapi_line_unpark() - retrieve a parked call onto this line (lineUnpark),
 *	asynchronously
 * @line: the line
 * @address_id: the address of @line the call comes to; it needs
 *	%TAPI_ADDRFEATURE_UNPARK
 * @dest: the park address, non-empty
 * @call: out: the new call's handle, owned by @line, valid once the
 *	request succeeded: CONNECTED, reason %TAPI_CALLREASON_UNPARK
 *
 * Nothing parked at @dest fails the request with %ESRCH, a number that is
 * no park address with %ENXIO.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @call or
 * @dest NULL, @dest too long; %EBUSY: no call to spare on the address).
 */
int tapi_line_unpark(struct tapi_line *line, unsigned int address_id,
		     const char *dest, uint32_t *call);

/**
 * tapi_line_unpark_sync() - retrieve a parked call and wait for the
 *	outcome
 * @line: the line
 * @address_id: as for tapi_line_unpark()
 * @dest: as for tapi_line_unpark()
 * @call: out: the new call's handle, valid when 0 is returned
 *
 * Return: 0, or -1 with errno set (%ESRCH, %ENXIO: see tapi_line_unpark()).
 */
int tapi_line_unpark_sync(struct tapi_line *line, unsigned int address_id,
			  const char *dest, uint32_t *call);

/**
 * tapi_forward_list_new() - create an empty forwarding list
 *
 * A forwarding list says where an address's calls go, for
 * tapi_line_forward(): at most one number per &enum tapi_forward_mode,
 * and a no-answer time.  It is the caller's, the library only reads it.
 *
 * Return: a new list to release with tapi_forward_list_free(), or NULL
 * with errno %ENOMEM.
 */
struct tapi_forward_list *tapi_forward_list_new(void);

/**
 * tapi_forward_list_free() - release a forwarding list
 * @list: the list, or NULL
 */
void tapi_forward_list_free(struct tapi_forward_list *list);

/**
 * tapi_forward_list_reset() - empty a forwarding list
 * @list: the list
 *
 * No entries and no no-answer time: given to tapi_line_forward(), an empty
 * list cancels the forwarding.
 */
void tapi_forward_list_reset(struct tapi_forward_list *list);

/**
 * tapi_forward_list_set() - forward the calls of one mode to a number
 * @list: the list
 * @mode: one &enum tapi_forward_mode bit: %TAPI_FORWARD_UNCOND every call,
 *	%TAPI_FORWARD_BUSY calls that find the address busy,
 *	%TAPI_FORWARD_NOANSWER calls not answered in time
 * @dest: the number, non-empty, at most %TAPI_DIAL_LEN - 1 bytes; copied
 *
 * An entry of the same mode is replaced.  Entries are kept in the order
 * of their mode bits.
 *
 * Return: 0, or -1 with errno %EINVAL (@mode not one defined bit, @dest
 * NULL, empty or too long); the list is unchanged then.
 */
int tapi_forward_list_set(struct tapi_forward_list *list, uint32_t mode,
			  const char *dest);

/**
 * tapi_forward_list_set_no_answer_ms() - how long a call alerts before it
 *	is forwarded
 * @list: the list
 * @ms: with a %TAPI_FORWARD_NOANSWER entry, the time in milliseconds, at
 *	most %TAPI_FORWARD_NO_ANSWER_MS_MAX; 0 for the card's default.  The
 *	core refuses a time without such an entry (%EINVAL).
 *
 * Return: 0, or -1 with errno %EINVAL (@ms too long; nothing changed).
 */
int tapi_forward_list_set_no_answer_ms(struct tapi_forward_list *list,
				       unsigned int ms);

/**
 * tapi_forward_list_get_no_answer_ms() - the no-answer time of a list
 * @list: the list
 *
 * Return: the time set with tapi_forward_list_set_no_answer_ms(), 0 if
 * none.
 */
unsigned int
tapi_forward_list_get_no_answer_ms(const struct tapi_forward_list *list);

/**
 * tapi_forward_list_get_num_entries() - entries of a list
 * @list: the list
 *
 * Return: the number of entries, 0 for an empty list.
 */
unsigned int
tapi_forward_list_get_num_entries(const struct tapi_forward_list *list);

/**
 * tapi_forward_list_get_mode() - the mode of an entry
 * @list: the list
 * @index: 0 to tapi_forward_list_get_num_entries() - 1
 *
 * Return: the entry's &enum tapi_forward_mode bit, 0 if @index is out of
 * range.
 */
uint32_t tapi_forward_list_get_mode(const struct tapi_forward_list *list,
				    unsigned int index);

/**
 * tapi_forward_list_get_dest() - the number of an entry
 * @list: the list
 * @index: 0 to tapi_forward_list_get_num_entries() - 1
 *
 * Return: the number, valid until the entry is replaced, the list reset or
 * freed; NULL with errno %EINVAL if @index is out of range.
 */
const char *tapi_forward_list_get_dest(const struct tapi_forward_list *list,
				       unsigned int index);

/**
 * tapi_line_forward() - set or cancel the forwarding of an address
 *	(lineForward), asynchronously
 * @line: the line
 * @address_id: the address (it needs %TAPI_ADDRFEATURE_FORWARD), or
 *	%TAPI_ALL_ADDRESSES for every address of the line (the line needs
 *	%TAPI_LINEFEATURE_FORWARD)
 * @list: the forwarding: each mode one of the address's
 *	tapi_address_info_get_forward_modes() (else %EOPNOTSUPP), each number
 *	not the address's own (else %EINVAL); NULL or an empty list cancels
 *	the forwarding.  Read at once.
 *
 * The list replaces the forwarding in force.  Once the card has applied
 * it, every line gets a %TAPI_EV_ADDRESSSTATE with %TAPI_ADDRSTATE_FORWARD
 * (tapi_line_event_get_forward_modes()) and
 * tapi_line_get_address_status() shows it.  A number the card cannot reach
 * fails the request with %ENXIO.
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @address_id
 * negative but not %TAPI_ALL_ADDRESSES, a no-answer time without a
 * %TAPI_FORWARD_NOANSWER entry).
 */
int tapi_line_forward(struct tapi_line *line, int address_id,
		      const struct tapi_forward_list *list);

/**
 * tapi_line_forward_sync() - set or cancel the forwarding of an address and
 *	wait for the outcome
 * @line: the line
 * @address_id: as for tapi_line_forward()
 * @list: as for tapi_line_forward()
 *
 * Return: 0, or -1 with errno set (%ENXIO: see tapi_line_forward()).
 */
int tapi_line_forward_sync(struct tapi_line *line, int address_id,
			   const struct tapi_forward_list *list);

/**
 * tapi_line_secure_call() - secure a call from interruptions
 *	(lineSecureCall), asynchronously
 * @line: the line
 * @call: the call, owned, in any state but IDLE and DISCONNECTED, not
 *	secure yet (else %EBADFD)
 *
 * The switch keeps call waiting and intrusion away from the call: its
 * tapi_line_call_info_get_param_flags() get %TAPI_CALLPARAM_SECURE,
 * announced by a %TAPI_EV_CALLINFO.
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_secure_call(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_secure_call_sync() - secure a call and wait for the outcome
 * @line: the line
 * @call: as for tapi_line_secure_call()
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_secure_call_sync(struct tapi_line *line, uint32_t call);

/**
 * tapi_line_send_user_user_info() - send user-user information to the far
 *	end (lineSendUserUserInfo), asynchronously
 * @line: the line
 * @call: the call, owned, OFFERING, ACCEPTED, PROCEEDING, RINGBACK or
 *	CONNECTED
 * @data: the bytes to send
 * @len: how many, 1 to the address's tapi_address_info_get_max_user_user()
 *	(else %EINVAL)
 *
 * The far end's call reports them with %TAPI_CALLINFO_USERUSERINFO
 * (tapi_line_call_info_get_user_user_info()).
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL: @data NULL,
 * @len above %TAPI_USERUSER_MAX, checked here, or above the address's
 * limit, or 0).
 */
int tapi_line_send_user_user_info(struct tapi_line *line, uint32_t call,
				  const void *data, size_t len);

/**
 * tapi_line_send_user_user_info_sync() - send user-user information and
 *	wait for the outcome
 * @line: the line
 * @call: as for tapi_line_send_user_user_info()
 * @data: as for tapi_line_send_user_user_info()
 * @len: as for tapi_line_send_user_user_info()
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_send_user_user_info_sync(struct tapi_line *line, uint32_t call,
				       const void *data, size_t len);

/**
 * tapi_line_complete_call() - ask the switch to complete a call that
 *	found the far end busy or not answering (lineCompleteCall),
 *	asynchronously
 * @line: the line
 * @call: the call, owned, %TAPI_CALLSTATE_BUSY or %TAPI_CALLSTATE_RINGBACK
 * @mode: %TAPI_COMPLETION_CAMPON to wait at the busy station (BUSY only,
 *	else %EBADFD): the call goes RINGBACK once it is free; or
 *	%TAPI_COMPLETION_CALLBACK: the switch calls this line back once the
 *	station is free (reason %TAPI_CALLREASON_CALLCOMPLETION, and the
 *	completion id in tapi_line_call_info_get_completion_id()), and the
 *	call may be dropped.  One of the address's
 *	tapi_address_info_get_completion_modes() (else %EOPNOTSUPP).
 * @completion_id: out: the completion's id, written at once; it names the
 *	completion on this line until it is answered or cancelled
 *	(tapi_line_uncomplete_call(), or closing the line), and nothing if
 *	the request fails
 *
 * Return: the request id (> 0), or -1 with errno set (%EINVAL:
 * @completion_id NULL, @mode not one mode; %ENOSPC: the line has
 * %TAPI_MAX_COMPLETIONS completions pending).
 */
int tapi_line_complete_call(struct tapi_line *line, uint32_t call,
			    uint32_t mode, uint32_t *completion_id);

/**
 * tapi_line_complete_call_sync() - ask for a call completion and wait for
 *	the outcome
 * @line: the line
 * @call: as for tapi_line_complete_call()
 * @mode: as for tapi_line_complete_call()
 * @completion_id: out: the completion's id, valid when 0 is returned (or,
 *	after %EINTR, with the successful reply)
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_complete_call_sync(struct tapi_line *line, uint32_t call,
				 uint32_t mode, uint32_t *completion_id);

/**
 * tapi_line_uncomplete_call() - cancel a call completion
 *	(lineUncompleteCall), asynchronously
 * @line: the line
 * @completion_id: a completion this line asked for, still pending (else
 *	%ENOENT: never made, answered or cancelled)
 *
 * A camped-on call stays BUSY, no longer waiting; a call back will not
 * come.
 *
 * Return: the request id (> 0), or -1 with errno set.
 */
int tapi_line_uncomplete_call(struct tapi_line *line, uint32_t completion_id);

/**
 * tapi_line_uncomplete_call_sync() - cancel a call completion and wait for
 *	the outcome
 * @line: the line
 * @completion_id: as for tapi_line_uncomplete_call()
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_line_uncomplete_call_sync(struct tapi_line *line,
				   uint32_t completion_id);

/* ------------------------------------------------------------------ */
/* Call information                                                    */
/* ------------------------------------------------------------------ */

/**
 * enum tapi_party_kind - the parties of a call, for the party getters of
 *	&struct tapi_line_call_info
 * @TAPI_PARTY_CALLER: the calling party
 * @TAPI_PARTY_CALLED: the called party
 * @TAPI_PARTY_CONNECTED: the party the call is connected to
 * @TAPI_PARTY_REDIRECTING: the party that redirected the call
 * @TAPI_PARTY_REDIRECTION: the party the call was redirected to
 * @TAPI_PARTY_NUM_KINDS: one past the last kind
 */
enum tapi_party_kind {
	TAPI_PARTY_CALLER,
	TAPI_PARTY_CALLED,
	TAPI_PARTY_CONNECTED,
	TAPI_PARTY_REDIRECTING,
	TAPI_PARTY_REDIRECTION,
	TAPI_PARTY_NUM_KINDS,
};

/**
 * tapi_line_get_call_info() - read what is known of a call (LINECALLINFO)
 * @line: the line
 * @call: the call handle
 *
 * Return: a new snapshot to release with tapi_line_call_info_free(), or
 * NULL with errno set (%ENOENT: no such handle on this line).
 */
struct tapi_line_call_info *tapi_line_get_call_info(struct tapi_line *line,
						    uint32_t call);

/**
 * tapi_line_call_info_free() - release a call info snapshot
 * @info: the snapshot, or NULL
 */
void tapi_line_call_info_free(struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_call() - the handle the snapshot was read with
 * @info: the snapshot
 *
 * Return: the call handle.
 */
uint32_t tapi_line_call_info_get_call(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_line() - line of the call
 * @info: the snapshot
 *
 * Return: the line index on its card.
 */
unsigned int
tapi_line_call_info_get_line(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_address_id() - address of the call
 * @info: the snapshot
 *
 * Return: the address index on its line.
 */
unsigned int
tapi_line_call_info_get_address_id(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_call_id() - id of the call (TAPI's dwCallID)
 * @info: the snapshot
 *
 * Return: the call id: unique on the card while the call exists and the
 * same for every application, unlike handles.  Show this one to users.
 */
uint32_t
tapi_line_call_info_get_call_id(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_related_call_id() - id of a related call
 * @info: the snapshot
 *
 * Return: the call id of a related call (consultation, conference), 0 if
 * none.
 */
uint32_t
tapi_line_call_info_get_related_call_id(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_media_mode() - media modes of the call
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_media_mode.
 */
uint32_t
tapi_line_call_info_get_media_mode(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_bearer_mode() - bearer mode of the call
 * @info: the snapshot
 *
 * Return: one &enum tapi_bearer_mode bit.
 */
uint32_t
tapi_line_call_info_get_bearer_mode(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_origin() - where the call came from
 * @info: the snapshot
 *
 * Return: one &enum tapi_call_origin bit; see tapi_call_origin_str().
 */
uint32_t tapi_line_call_info_get_origin(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_reason() - why the call arrived
 * @info: the snapshot
 *
 * Return: one &enum tapi_call_reason bit; see tapi_call_reason_str().
 */
uint32_t tapi_line_call_info_get_reason(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_num_owners() - handles owning the call
 * @info: the snapshot
 *
 * Return: the number of handles to the call with owner privilege, in
 * every application (this one's included).
 */
unsigned int
tapi_line_call_info_get_num_owners(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_num_monitors() - handles monitoring the call
 * @info: the snapshot
 *
 * Return: the number of handles to the call with monitor privilege, in
 * every application (this one's included).
 */
unsigned int
tapi_line_call_info_get_num_monitors(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_create_ns() - when the call appeared
 * @info: the snapshot
 *
 * Return: CLOCK_MONOTONIC time in nanoseconds.
 */
uint64_t
tapi_line_call_info_get_create_ns(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_state_entry_ns() - when the call last entered a
 *	state
 * @info: the snapshot
 * @state: one &enum tapi_call_state bit
 *
 * Return: CLOCK_MONOTONIC time in nanoseconds, or 0 if the call was never
 * in @state or @state is not one defined state bit.
 */
uint64_t
tapi_line_call_info_get_state_entry_ns(const struct tapi_line_call_info *info,
				       uint32_t state);

/**
 * tapi_line_call_info_get_party_number() - number of a party of the call
 * @info: the snapshot
 * @party: which party
 *
 * Whether the number is known is told by the party's flags
 * (%TAPI_PARTYID_ADDRESS).
 *
 * Return: the number, "" if unknown; valid until @info is freed.  NULL
 * with errno %EINVAL for an unknown @party.
 */
const char *
tapi_line_call_info_get_party_number(const struct tapi_line_call_info *info,
				     enum tapi_party_kind party);

/**
 * tapi_line_call_info_get_party_name() - name of a party of the call
 * @info: the snapshot
 * @party: which party
 *
 * Whether the name is known is told by the party's flags
 * (%TAPI_PARTYID_NAME).
 *
 * Return: the name (UTF-8), "" if unknown; valid until @info is freed.
 * NULL with errno %EINVAL for an unknown @party.
 */
const char *
tapi_line_call_info_get_party_name(const struct tapi_line_call_info *info,
				   enum tapi_party_kind party);

/**
 * tapi_line_call_info_get_party_flags() - what is known of a party
 * @info: the snapshot
 * @party: which party
 *
 * Return: a bitmap of &enum tapi_party_flag, 0 for an unknown @party.
 */
uint32_t
tapi_line_call_info_get_party_flags(const struct tapi_line_call_info *info,
				    enum tapi_party_kind party);

/**
 * tapi_line_call_info_get_param_flags() - what holds for the call
 * @info: the snapshot
 *
 * Return: a bitmap of &enum tapi_call_param_flag: %TAPI_CALLPARAM_SECURE
 * once the call was secured (tapi_line_secure_call()),
 * %TAPI_CALLPARAM_BLOCKID when the caller withholds its number.
 */
uint32_t
tapi_line_call_info_get_param_flags(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_completion_id() - the call completion a call
 *	answers
 * @info: the snapshot
 *
 * Return: for a call the switch placed to answer a call completion (reason
 * %TAPI_CALLREASON_CALLCOMPLETION), the completion's id as
 * tapi_line_complete_call() handed it back; 0 for every other call.
 */
uint32_t
tapi_line_call_info_get_completion_id(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_user_user_len() - bytes of user-user information
 * @info: the snapshot
 *
 * Return: how many bytes of user-user information the far end sent last
 * (tapi_line_call_info_get_user_user_info()), 0 to %TAPI_USERUSER_MAX; 0
 * if it sent none.
 */
size_t
tapi_line_call_info_get_user_user_len(const struct tapi_line_call_info *info);

/**
 * tapi_line_call_info_get_user_user_info() - user-user information from
 *	the far end
 * @info: the snapshot
 *
 * The bytes are the far end's, as it sent them (tapi_line_send_user_user_info()
 * at its end): not a string, not NUL-terminated.
 *
 * Return: the tapi_line_call_info_get_user_user_len() bytes the far end
 * sent last, valid until @info is freed; never NULL.
 */
const void *
tapi_line_call_info_get_user_user_info(const struct tapi_line_call_info *info);

/* ------------------------------------------------------------------ */
/* Call status                                                         */
/* ------------------------------------------------------------------ */

/**
 * tapi_line_get_call_status() - read the state of a call as this line sees
 *	it (LINECALLSTATUS)
 * @line: the line
 * @call: the call handle
 *
 * Return: a new snapshot to release with tapi_line_call_status_free(), or
 * NULL with errno set (%ENOENT: no such handle on this line).
 */
struct tapi_line_call_status *tapi_line_get_call_status(struct tapi_line *line,
							uint32_t call);

/**
 * tapi_line_call_status_free() - release a call status snapshot
 * @status: the snapshot, or NULL
 */
void tapi_line_call_status_free(struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_call() - the handle the snapshot was read with
 * @status: the snapshot
 *
 * Return: the call handle.
 */
uint32_t
tapi_line_call_status_get_call(const struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_state() - state of the call
 * @status: the snapshot
 *
 * Return: one &enum tapi_call_state bit; see tapi_call_state_str().
 */
uint32_t
tapi_line_call_status_get_state(const struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_mode() - mode of the call's state
 * @status: the snapshot
 *
 * Return: one bit of the state's mode enum, 0 for a state without modes;
 * see tapi_call_mode_str().
 */
uint32_t
tapi_line_call_status_get_mode(const struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_privilege() - this line's privilege on the call
 * @status: the snapshot
 *
 * Return: %TAPI_PRIV_OWNER or %TAPI_PRIV_MONITOR.
 */
uint32_t
tapi_line_call_status_get_privilege(const struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_features() - operations legal on the call now
 * @status: the snapshot
 *
 * Return: a bitmap of &enum tapi_call_feature this handle may use now; 0
 * for a monitor's handle.
 */
uint32_t
tapi_line_call_status_get_features(const struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_call_id() - the call's id
 * @status: the snapshot
 *
 * Return: the call id, the same for every application, as
 * tapi_line_call_info_get_call_id() gives it.
 */
uint32_t
tapi_line_call_status_get_call_id(const struct tapi_line_call_status *status);

/**
 * tapi_line_call_status_get_state_ns() - when the call entered its state
 * @status: the snapshot
 *
 * Return: CLOCK_MONOTONIC time in nanoseconds.
 */
uint64_t
tapi_line_call_status_get_state_ns(const struct tapi_line_call_status *status);

/* ------------------------------------------------------------------ */
/* Address status                                                      */
/* ------------------------------------------------------------------ */

/**
 * tapi_line_get_address_status() - read the state of an address of an open
 *	line (LINEADDRESSSTATUS)
 * @line: the line
 * @address_id: the address, 0 to num_addresses - 1
 *
 * Return: a new snapshot to release with tapi_line_address_status_free(),
 * or NULL with errno set (%ENOENT: no such address).
 */
struct tapi_line_address_status *
tapi_line_get_address_status(struct tapi_line *line, unsigned int address_id);

/**
 * tapi_line_address_status_free() - release an address status snapshot
 * @status: the snapshot, or NULL
 */
void tapi_line_address_status_free(struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_address_id() - the address
 * @status: the snapshot
 *
 * Return: the address index on its line.
 */
unsigned int tapi_line_address_status_get_address_id(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_num_inuse() - calls in use on the address
 * @status: the snapshot
 *
 * Return: the number of calls on the address that are not idle.
 */
unsigned int tapi_line_address_status_get_num_inuse(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_num_active_calls() - active calls
 * @status: the snapshot
 *
 * Return: of the calls in use, those neither held nor disconnected.
 */
unsigned int tapi_line_address_status_get_num_active_calls(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_num_onhold_calls() - calls on hold
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int tapi_line_address_status_get_num_onhold_calls(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_num_onholdpend_calls() - calls on hold
 *	pending transfer or conference
 * @status: the snapshot
 *
 * Return: the count.
 */
unsigned int tapi_line_address_status_get_num_onholdpend_calls(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_features() - address operations legal now
 * @status: the snapshot
 *
 * Return: a bitmap of &enum tapi_address_feature; %TAPI_ADDRFEATURE_MAKECALL
 * is absent while the address has no call to spare.
 */
uint32_t tapi_line_address_status_get_features(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_num_forward() - entries of the forwarding
 * @status: the snapshot
 *
 * The forwarding in force, as the card reports it (set with
 * tapi_line_forward() or at the switch): one entry per forwarded &enum
 * tapi_forward_mode, in the order of the mode bits, read with
 * tapi_line_address_status_get_forward_mode() and
 * tapi_line_address_status_get_forward_dest().
 *
 * Return: the number of entries, 0 to %TAPI_FORWARD_MAX; 0 when the
 * address does not forward its calls.
 */
unsigned int tapi_line_address_status_get_num_forward(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_forward_no_answer_ms() - no-answer time of
 *	the forwarding
 * @status: the snapshot
 *
 * Return: with a %TAPI_FORWARD_NOANSWER entry, how long a call alerts, in
 * milliseconds, before it is forwarded; 0 otherwise.
 */
unsigned int tapi_line_address_status_get_forward_no_answer_ms(
	const struct tapi_line_address_status *status);

/**
 * tapi_line_address_status_get_forward_mode() - when an entry forwards
 * @status: the snapshot
 * @index: 0 to tapi_line_address_status_get_num_forward() - 1
 *
 * Return: the entry's one &enum tapi_forward_mode bit; see
 * tapi_forward_mode_str().  0 if @index is out of range.
 */
uint32_t tapi_line_address_status_get_forward_mode(
	const struct tapi_line_address_status *status, unsigned int index);

/**
 * tapi_line_address_status_get_forward_dest() - where an entry forwards to
 * @status: the snapshot
 * @index: 0 to tapi_line_address_status_get_num_forward() - 1
 *
 * Return: the number calls go to, valid until @status is freed; NULL with
 * errno %EINVAL if @index is out of range.
 */
const char *tapi_line_address_status_get_forward_dest(
	const struct tapi_line_address_status *status, unsigned int index);

/* ------------------------------------------------------------------ */
/* Asynchronous API on io_uring                                        */
/* ------------------------------------------------------------------ */

struct io_uring;
struct io_uring_cqe;
struct tapi_ring;
struct tapi_completion;

/**
 * DOC: Asynchronous API on io_uring
 *
 * Every operation on a line can also be queued on an io_uring, as an
 * ``IORING_OP_URING_CMD`` on the line fd (see "io_uring" in
 * <linux/tapi.h>; the core reports %TAPI_FEATURE_URING).  A
 * &struct tapi_ring wraps a ring that libtapi creates (tapi_ring_new()) or
 * that the application owns and shares with its own I/O
 * (tapi_ring_attach()).  The tapi_ring_queue_*() functions each prepare one
 * SQE and take the application's user data; nothing reaches the kernel
 * until tapi_ring_submit() (or io_uring_submit(), see tapi_ring_flush())
 * submits the whole batch.  Each operation then ends with one completion:
 * tapi_ring_handle_cqe() turns a CQE of libtapi's into a
 * &struct tapi_completion and tells the application's own CQEs apart;
 * tapi_ring_wait() waits for the next CQE and does both.  The synchronous
 * API stays; both may be used on the same line.
 *
 * libtapi owns the structures the kernel reads and writes until the
 * completion: each operation has a record from a pool of
 * tapi_ring_get_max_in_flight() records (the size of the ring's completion
 * queue), allocated once, plus a buffer for the operations that need one
 * (call info, new calls, events).  The user_data of libtapi's SQEs is the
 * address of its record in that pool; a CQE whose user_data points
 * anywhere else is the application's.
 *
 * Asynchronous requests (make call, dial, answer, accept, drop, the
 * supplementary requests, hold to remove from conference, and the call
 * services, redirect to uncomplete call) complete, by default, when the
 * card has answered: the completion's result is the
 * request's outcome (0 or a negative errno) and no %TAPI_EV_REPLY event is
 * queued.  With the flag %TAPI_URING_REPLY_EVENT the completion comes at
 * once with the request id, and the outcome as a %TAPI_EV_REPLY event, as
 * for tapi_line_make_call() and friends.
 *
 * tapi_ring_queue_read_events() arms a read of the line's events: it
 * completes each time events are queued, and libtapi re-arms it with the
 * next submission, until it fails (%ENODEV once the card is gone,
 * %ECANCELED once the line is closed); tapi_completion_has_more() says
 * whether more completions will come for it.
 *
 * Errors: the queue functions return 0, or -1 with errno set and nothing
 * queued: %EINVAL for a NULL ring or line, an unknown flag or a bad
 * argument (as the synchronous function finds it), %EBADF for a closed
 * line, %EBUSY when the submission queue is full (submit, then queue
 * again), %ENOBUFS when tapi_ring_get_max_in_flight() operations are in
 * flight (handle completions first), %ENOMEM.  Everything the core says
 * comes in the completion's result, as a negative errno: the errors of
 * the synchronous function, and %ECANCELED for an operation still pending
 * when the ring is torn down, when the submitting thread exits or when the
 * process closes the line (a request then goes on, its outcome comes as a
 * %TAPI_EV_REPLY event); %EOPNOTSUPP from a core without
 * %TAPI_FEATURE_URING.
 *
 * A line must stay open until what was queued on it has been submitted:
 * an SQE names the line fd by number.  The line object itself stays valid
 * until the last completion of an operation on it has been handled, even
 * after tapi_line_close().  A ring, like every libtapi object, is used from
 * one thread at a time; the application's own use of a shared ring (its
 * SQEs, submissions and reaping) must not run at the same time either.
 */

/* Entries of a ring made by tapi_ring_new() with 0 entries. */
#define TAPI_RING_DEFAULT_ENTRIES	64

/**
 * enum tapi_ring_op - what a completion completes
 * @TAPI_RING_OP_APP: not an operation of libtapi: a CQE of the
 *	application's own that tapi_ring_wait() handed back
 * @TAPI_RING_OP_MAKE_CALL: tapi_ring_queue_make_call()
 * @TAPI_RING_OP_DIAL: tapi_ring_queue_dial()
 * @TAPI_RING_OP_ANSWER: tapi_ring_queue_answer()
 * @TAPI_RING_OP_ACCEPT: tapi_ring_queue_accept()
 * @TAPI_RING_OP_DROP: tapi_ring_queue_drop()
 * @TAPI_RING_OP_DEALLOCATE_CALL: tapi_ring_queue_deallocate_call()
 * @TAPI_RING_OP_SET_CALL_PRIVILEGE: tapi_ring_queue_set_call_privilege()
 * @TAPI_RING_OP_HANDOFF: tapi_ring_queue_handoff()
 * @TAPI_RING_OP_GET_NEW_CALLS: tapi_ring_queue_get_new_calls()
 * @TAPI_RING_OP_SET_EVENT_MASK: tapi_ring_queue_set_event_mask()
 * @TAPI_RING_OP_SET_PRIORITY: tapi_ring_queue_set_priority()
 * @TAPI_RING_OP_GET_CALL_INFO: tapi_ring_queue_get_call_info()
 * @TAPI_RING_OP_GET_CALL_STATUS: tapi_ring_queue_get_call_status()
 * @TAPI_RING_OP_GET_ADDRESS_STATUS: tapi_ring_queue_get_address_status()
 * @TAPI_RING_OP_GET_STATUS: tapi_ring_queue_get_status()
 * @TAPI_RING_OP_READ_EVENTS: tapi_ring_queue_read_events()
 * @TAPI_RING_OP_HOLD: tapi_ring_queue_hold()
 * @TAPI_RING_OP_UNHOLD: tapi_ring_queue_unhold()
 * @TAPI_RING_OP_SWAP_HOLD: tapi_ring_queue_swap_hold()
 * @TAPI_RING_OP_SETUP_TRANSFER: tapi_ring_queue_setup_transfer()
 * @TAPI_RING_OP_COMPLETE_TRANSFER: tapi_ring_queue_complete_transfer()
 * @TAPI_RING_OP_BLIND_TRANSFER: tapi_ring_queue_blind_transfer()
 * @TAPI_RING_OP_SETUP_CONFERENCE: tapi_ring_queue_setup_conference()
 * @TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE:
 *	tapi_ring_queue_prepare_add_to_conference()
 * @TAPI_RING_OP_ADD_TO_CONFERENCE: tapi_ring_queue_add_to_conference()
 * @TAPI_RING_OP_REMOVE_FROM_CONFERENCE:
 *	tapi_ring_queue_remove_from_conference()
 * @TAPI_RING_OP_GET_CONF_RELATED_CALLS:
 *	tapi_ring_queue_get_conf_related_calls()
 * @TAPI_RING_OP_REDIRECT: tapi_ring_queue_redirect()
 * @TAPI_RING_OP_PICKUP: tapi_ring_queue_pickup()
 * @TAPI_RING_OP_PARK: tapi_ring_queue_park()
 * @TAPI_RING_OP_UNPARK: tapi_ring_queue_unpark()
 * @TAPI_RING_OP_FORWARD: tapi_ring_queue_forward()
 * @TAPI_RING_OP_SECURE_CALL: tapi_ring_queue_secure_call()
 * @TAPI_RING_OP_SEND_USER_USER_INFO: tapi_ring_queue_send_user_user_info()
 * @TAPI_RING_OP_COMPLETE_CALL: tapi_ring_queue_complete_call()
 * @TAPI_RING_OP_UNCOMPLETE_CALL: tapi_ring_queue_uncomplete_call()
 * @TAPI_RING_OP_NUM: one past the last
 *
 * New operations are added before %TAPI_RING_OP_NUM; the values of the
 * others do not change.
 */
enum tapi_ring_op {
	TAPI_RING_OP_APP,
	TAPI_RING_OP_MAKE_CALL,
	TAPI_RING_OP_DIAL,
	TAPI_RING_OP_ANSWER,
	TAPI_RING_OP_ACCEPT,
	TAPI_RING_OP_DROP,
	TAPI_RING_OP_DEALLOCATE_CALL,
	TAPI_RING_OP_SET_CALL_PRIVILEGE,
	TAPI_RING_OP_HANDOFF,
	TAPI_RING_OP_GET_NEW_CALLS,
	TAPI_RING_OP_SET_EVENT_MASK,
	TAPI_RING_OP_SET_PRIORITY,
	TAPI_RING_OP_GET_CALL_INFO,
	TAPI_RING_OP_GET_CALL_STATUS,
	TAPI_RING_OP_GET_ADDRESS_STATUS,
	TAPI_RING_OP_GET_STATUS,
	TAPI_RING_OP_READ_EVENTS,
	TAPI_RING_OP_HOLD,
	TAPI_RING_OP_UNHOLD,
	TAPI_RING_OP_SWAP_HOLD,
	TAPI_RING_OP_SETUP_TRANSFER,
	TAPI_RING_OP_COMPLETE_TRANSFER,
	TAPI_RING_OP_BLIND_TRANSFER,
	TAPI_RING_OP_SETUP_CONFERENCE,
	TAPI_RING_OP_PREPARE_ADD_TO_CONFERENCE,
	TAPI_RING_OP_ADD_TO_CONFERENCE,
	TAPI_RING_OP_REMOVE_FROM_CONFERENCE,
	TAPI_RING_OP_GET_CONF_RELATED_CALLS,
	TAPI_RING_OP_REDIRECT,
	TAPI_RING_OP_PICKUP,
	TAPI_RING_OP_PARK,
	TAPI_RING_OP_UNPARK,
	TAPI_RING_OP_FORWARD,
	TAPI_RING_OP_SECURE_CALL,
	TAPI_RING_OP_SEND_USER_USER_INFO,
	TAPI_RING_OP_COMPLETE_CALL,
	TAPI_RING_OP_UNCOMPLETE_CALL,
	TAPI_RING_OP_NUM,
};

/**
 * tapi_ring_op_str() - name of a ring operation
 * @op: an &enum tapi_ring_op value
 *
 * Return: the name ("makecall", "readevents", "app"...), or NULL for an
 * unknown value.
 */
const char *tapi_ring_op_str(enum tapi_ring_op op);

/**
 * tapi_ring_new() - create an io_uring and a ring object that owns it
 * @entries: submission queue entries (io_uring_queue_init()); 0 for
 *	%TAPI_RING_DEFAULT_ENTRIES
 *
 * The completion queue is twice as large, and so many operations may be
 * in flight at once.  The application may add SQEs of its own to the ring
 * (tapi_ring_get_uring()); tapi_ring_wait() hands their completions back.
 *
 * Return: a new ring to release with tapi_ring_free(), or NULL with errno
 * set (the error of io_uring_queue_init(), e.g. %ENOSYS, %EPERM, %ENOMEM).
 */
struct tapi_ring *tapi_ring_new(unsigned int entries);

/**
 * tapi_ring_attach() - use an application's io_uring
 * @uring: an initialised ring (io_uring_queue_init() or the like); it must
 *	outlive the ring object
 *
 * libtapi only adds SQEs to @uring and recognises its own CQEs: the
 * application submits (tapi_ring_submit() or, after tapi_ring_flush(),
 * io_uring_submit()) and reaps, passing each CQE to tapi_ring_handle_cqe()
 * before marking it seen.  At most tapi_ring_get_max_in_flight() (the size
 * of @uring's completion queue) operations of libtapi are in flight.  Use
 * one ring object per io_uring.
 *
 * Return: a new ring object to release with tapi_ring_free(), or NULL with
 * errno set (%EINVAL: @uring NULL; %EOPNOTSUPP: @uring was set up with
 * ``IORING_SETUP_IOPOLL``, which commands cannot use).
 */
struct tapi_ring *tapi_ring_attach(struct io_uring *uring);

/**
 * tapi_ring_free() - release a ring object
 * @ring: the ring, or NULL
 *
 * A ring made by tapi_ring_new() is closed; the kernel cancels what is
 * still pending on it, and the completions not handled yet are lost.  An
 * attached ring is left alone: release its object when no operation is in
 * flight (tapi_ring_get_num_in_flight()), or after io_uring_queue_exit(),
 * never while CQEs of libtapi's may still be handed to
 * tapi_ring_handle_cqe().  Either way the references the ring's
 * operations held on lines are dropped.
 */
void tapi_ring_free(struct tapi_ring *ring);

/**
 * tapi_ring_get_uring() - the io_uring of a ring object
 * @ring: the ring
 *
 * For the application's own SQEs, or its own event loop (the ring fd,
 * io_uring_wait_cqe()...).  It belongs to @ring when made by
 * tapi_ring_new(): do not exit it.
 *
 * Return: the io_uring.
 */
struct io_uring *tapi_ring_get_uring(struct tapi_ring *ring);

/**
 * tapi_ring_get_max_in_flight() - most operations in flight at once
 * @ring: the ring
 *
 * Return: the size of the ring's completion queue.
 */
unsigned int tapi_ring_get_max_in_flight(const struct tapi_ring *ring);

/**
 * tapi_ring_get_num_in_flight() - operations not completed yet
 * @ring: the ring
 *
 * Return: the operations queued whose last completion has not been
 * handled yet (an armed read of events counts until it ends).
 */
unsigned int tapi_ring_get_num_in_flight(const struct tapi_ring *ring);

/**
 * tapi_ring_queue_make_call() - queue placing a call (lineMakeCall)
 * @ring: the ring
 * @line: the line
 * @dest: as for tapi_line_make_call()
 * @params: as for tapi_line_make_call(), or NULL; copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's, handed back with the completion
 *
 * The completion's call (tapi_completion_get_call()) is the new call's
 * handle, valid once the request succeeded: at this completion when its
 * result is 0, or with the %TAPI_EV_REPLY event in
 * %TAPI_URING_REPLY_EVENT mode (the result is then the request id).
 *
 * Return: 0, or -1 with errno set (see "Asynchronous API on io_uring").
 */
int tapi_ring_queue_make_call(struct tapi_ring *ring, struct tapi_line *line,
			      const char *dest,
			      const struct tapi_call_params *params,
			      unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_dial() - queue dialling digits on a call (lineDial)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @digits: as for tapi_line_dial()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_dial(struct tapi_ring *ring, struct tapi_line *line,
			 uint32_t call, const char *digits, unsigned int flags,
			 void *user_data);

/**
 * tapi_ring_queue_answer() - queue answering an offered call (lineAnswer)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_answer(struct tapi_ring *ring, struct tapi_line *line,
			   uint32_t call, unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_accept() - queue claiming an offered call (lineAccept)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_accept(struct tapi_ring *ring, struct tapi_line *line,
			   uint32_t call, unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_drop() - queue dropping a call (lineDrop)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_drop(struct tapi_ring *ring, struct tapi_line *line,
			 uint32_t call, unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_deallocate_call() - queue releasing a call handle
 *	(lineDeallocateCall)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_deallocate_call(struct tapi_ring *ring,
				    struct tapi_line *line, uint32_t call,
				    void *user_data);

/**
 * tapi_ring_queue_set_call_privilege() - queue becoming owner or monitor
 *	of a call (lineSetCallPrivilege)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @privilege: as for tapi_line_set_call_privilege()
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_set_call_privilege(struct tapi_ring *ring,
				       struct tapi_line *line, uint32_t call,
				       uint32_t privilege, void *user_data);

/**
 * tapi_ring_queue_handoff() - queue giving a call to another application
 *	(lineHandoff)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @media_mode: as for tapi_line_handoff()
 * @app_name: as for tapi_line_handoff(); copied at once
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_handoff(struct tapi_ring *ring, struct tapi_line *line,
			    uint32_t call, uint32_t media_mode,
			    const char *app_name, void *user_data);

/**
 * tapi_ring_queue_get_new_calls() - queue getting handles to the calls
 *	the line has none to (lineGetNewCalls)
 * @ring: the ring
 * @line: the line
 * @capacity: most handles to get; 0 only counts the calls
 * @address_id: as for tapi_line_get_new_calls()
 * @user_data: the application's
 *
 * The completion's result is the number of handles, read with
 * tapi_completion_get_new_call().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_get_new_calls(struct tapi_ring *ring,
				  struct tapi_line *line, unsigned int capacity,
				  int address_id, void *user_data);

/**
 * tapi_ring_queue_set_event_mask() - queue choosing the events the line
 *	receives (lineSetStatusMessages)
 * @ring: the ring
 * @line: the line
 * @mask: as for tapi_line_set_event_mask()
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_set_event_mask(struct tapi_ring *ring,
				   struct tapi_line *line, uint64_t mask,
				   void *user_data);

/**
 * tapi_ring_queue_set_priority() - queue setting the line's priority for
 *	inbound calls (lineSetAppPriority)
 * @ring: the ring
 * @line: the line
 * @media_modes: as for tapi_line_set_priority()
 * @priority: as for tapi_line_set_priority()
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_set_priority(struct tapi_ring *ring, struct tapi_line *line,
				 uint32_t media_modes, uint32_t priority,
				 void *user_data);

/**
 * tapi_ring_queue_get_call_info() - queue reading what is known of a call
 *	(LINECALLINFO)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @user_data: the application's
 *
 * The snapshot comes with the completion: tapi_completion_get_call_info().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_get_call_info(struct tapi_ring *ring,
				  struct tapi_line *line, uint32_t call,
				  void *user_data);

/**
 * tapi_ring_queue_get_call_status() - queue reading the state of a call
 *	(LINECALLSTATUS)
 * @ring: the ring
 * @line: the line
 * @call: the call handle
 * @user_data: the application's
 *
 * The snapshot comes with the completion:
 * tapi_completion_get_call_status().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_get_call_status(struct tapi_ring *ring,
				    struct tapi_line *line, uint32_t call,
				    void *user_data);

/**
 * tapi_ring_queue_get_address_status() - queue reading the state of an
 *	address (LINEADDRESSSTATUS)
 * @ring: the ring
 * @line: the line
 * @address_id: the address
 * @user_data: the application's
 *
 * The snapshot comes with the completion:
 * tapi_completion_get_address_status().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_get_address_status(struct tapi_ring *ring,
				       struct tapi_line *line,
				       unsigned int address_id,
				       void *user_data);

/**
 * tapi_ring_queue_get_status() - queue reading the status of the line
 *	(LINEDEVSTATUS)
 * @ring: the ring
 * @line: the line
 * @user_data: the application's
 *
 * The snapshot comes with the completion:
 * tapi_completion_get_line_status().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_get_status(struct tapi_ring *ring, struct tapi_line *line,
			       void *user_data);

/**
 * tapi_ring_queue_read_events() - arm reading the line's events
 * @ring: the ring
 * @line: the line
 * @max_events: most events one completion carries; 0 for
 *	%TAPI_EVENT_BUFFER_DEFAULT, values above %TAPI_EVENT_QUEUE_MAX are
 *	lowered to it
 * @user_data: the application's, handed back with every completion
 *
 * The read completes as soon as events are queued on the line, with their
 * number as the result and the events in tapi_completion_get_events().
 * Handling that completion re-arms the read, and the next
 * tapi_ring_submit(), tapi_ring_flush() or tapi_ring_wait() queues it
 * again; tapi_completion_has_more() is true.  The read ends with a
 * completion whose tapi_completion_has_more() is false: usually a negative
 * result (%ENODEV: the card is gone and every event was read; %ECANCELED:
 * the line was closed, the ring torn down or the thread exited; %EIO: the
 * core returned part of a record), but a last batch of events if the line
 * was closed meanwhile or no memory was left for the next buffer.  Each
 * event goes to one reader only, whichever asks first: do not also read
 * the line fd elsewhere.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_read_events(struct tapi_ring *ring, struct tapi_line *line,
				unsigned int max_events, void *user_data);

/**
 * tapi_ring_queue_hold() - queue putting a call on hold (lineHold)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_hold()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_hold(struct tapi_ring *ring, struct tapi_line *line,
			 uint32_t call, unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_unhold() - queue taking a call off hold (lineUnhold)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_unhold()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_unhold(struct tapi_ring *ring, struct tapi_line *line,
			   uint32_t call, unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_swap_hold() - queue swapping an active and a held call
 *	(lineSwapHold)
 * @ring: the ring
 * @line: the line
 * @active_call: as for tapi_line_swap_hold(); the completion's call
 * @held_call: as for tapi_line_swap_hold()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_swap_hold(struct tapi_ring *ring, struct tapi_line *line,
			      uint32_t active_call, uint32_t held_call,
			      unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_setup_transfer() - queue starting a consultation
 *	transfer (lineSetupTransfer)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_setup_transfer(); the completion's call
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * The consultation call's handle comes with the completion
 * (tapi_completion_get_consult_call()), valid once the request succeeded,
 * as for tapi_ring_queue_make_call().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_setup_transfer(struct tapi_ring *ring,
				   struct tapi_line *line, uint32_t call,
				   unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_complete_transfer() - queue completing a consultation
 *	transfer (lineCompleteTransfer)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_complete_transfer(); the completion's call
 * @consult_call: as for tapi_line_complete_transfer()
 * @mode: as for tapi_line_complete_transfer()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * With %TAPI_TRANSFER_CONFERENCE the conference call's handle comes with
 * the completion (tapi_completion_get_conf_call()), valid once the request
 * succeeded.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_complete_transfer(struct tapi_ring *ring,
				      struct tapi_line *line, uint32_t call,
				      uint32_t consult_call, uint32_t mode,
				      unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_blind_transfer() - queue transferring a call without
 *	consultation (lineBlindTransfer)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_blind_transfer()
 * @dest: as for tapi_line_blind_transfer(); copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_blind_transfer(struct tapi_ring *ring,
				   struct tapi_line *line, uint32_t call,
				   const char *dest, unsigned int flags,
				   void *user_data);

/**
 * tapi_ring_queue_setup_conference() - queue starting a conference
 *	(lineSetupConference)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_setup_conference(); the completion's call
 * @num_parties: as for tapi_line_setup_conference()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * The conference call's and the consultation call's handles come with the
 * completion (tapi_completion_get_conf_call(),
 * tapi_completion_get_consult_call()), valid once the request succeeded.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_setup_conference(struct tapi_ring *ring,
				     struct tapi_line *line, uint32_t call,
				     unsigned int num_parties,
				     unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_prepare_add_to_conference() - queue making a
 *	consultation call for a conference (linePrepareAddToConference)
 * @ring: the ring
 * @line: the line
 * @conf_call: as for tapi_line_prepare_add_to_conference(); the
 *	completion's call
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * The consultation call's handle comes with the completion
 * (tapi_completion_get_consult_call()), valid once the request succeeded.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_prepare_add_to_conference(struct tapi_ring *ring,
					      struct tapi_line *line,
					      uint32_t conf_call,
					      unsigned int flags,
					      void *user_data);

/**
 * tapi_ring_queue_add_to_conference() - queue adding a call to a
 *	conference (lineAddToConference)
 * @ring: the ring
 * @line: the line
 * @conf_call: as for tapi_line_add_to_conference(); the completion's call
 * @call: as for tapi_line_add_to_conference()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_add_to_conference(struct tapi_ring *ring,
				      struct tapi_line *line,
				      uint32_t conf_call, uint32_t call,
				      unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_remove_from_conference() - queue taking a member out of
 *	its conference (lineRemoveFromConference)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_remove_from_conference()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_remove_from_conference(struct tapi_ring *ring,
					   struct tapi_line *line,
					   uint32_t call, unsigned int flags,
					   void *user_data);

/**
 * tapi_ring_queue_get_conf_related_calls() - queue reading the calls of a
 *	conference (lineGetConfRelatedCalls)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_get_conf_related_calls()
 * @capacity: most entries to get; 0 only counts
 * @user_data: the application's
 *
 * The completion's result is the number of entries, read with
 * tapi_completion_get_conf_member(); tapi_completion_get_remaining() says
 * how many were left out.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_get_conf_related_calls(struct tapi_ring *ring,
					   struct tapi_line *line,
					   uint32_t call, unsigned int capacity,
					   void *user_data);

/**
 * tapi_ring_queue_redirect() - queue deflecting an offered call
 *	(lineRedirect)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_redirect()
 * @dest: as for tapi_line_redirect(); copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_redirect(struct tapi_ring *ring, struct tapi_line *line,
			     uint32_t call, const char *dest,
			     unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_pickup() - queue picking up a call alerting elsewhere
 *	(linePickup)
 * @ring: the ring
 * @line: the line
 * @address_id: as for tapi_line_pickup()
 * @dest: as for tapi_line_pickup(); copied at once
 * @group: as for tapi_line_pickup(); copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * The new call's handle comes with the completion
 * (tapi_completion_get_call()), valid once the request succeeded, as for
 * tapi_ring_queue_make_call().
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_pickup(struct tapi_ring *ring, struct tapi_line *line,
			   unsigned int address_id, const char *dest,
			   const char *group, unsigned int flags,
			   void *user_data);

/**
 * tapi_ring_queue_park() - queue parking a call (linePark)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_park()
 * @mode: as for tapi_line_park()
 * @dest: as for tapi_line_park(); copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Once the request succeeded, the park address is the call's redirection
 * party (tapi_ring_queue_get_call_info(), until the handle is
 * deallocated).
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_park(struct tapi_ring *ring, struct tapi_line *line,
			 uint32_t call, uint32_t mode, const char *dest,
			 unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_unpark() - queue retrieving a parked call (lineUnpark)
 * @ring: the ring
 * @line: the line
 * @address_id: as for tapi_line_unpark()
 * @dest: as for tapi_line_unpark(); copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * The new call's handle comes with the completion
 * (tapi_completion_get_call()), valid once the request succeeded.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_unpark(struct tapi_ring *ring, struct tapi_line *line,
			   unsigned int address_id, const char *dest,
			   unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_forward() - queue setting or cancelling the forwarding
 *	of an address (lineForward)
 * @ring: the ring
 * @line: the line
 * @address_id: as for tapi_line_forward()
 * @list: as for tapi_line_forward(); copied at once
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_forward(struct tapi_ring *ring, struct tapi_line *line,
			    int address_id,
			    const struct tapi_forward_list *list,
			    unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_secure_call() - queue securing a call (lineSecureCall)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_secure_call()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_secure_call(struct tapi_ring *ring, struct tapi_line *line,
				uint32_t call, unsigned int flags,
				void *user_data);

/**
 * tapi_ring_queue_send_user_user_info() - queue sending user-user
 *	information (lineSendUserUserInfo)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_send_user_user_info()
 * @data: as for tapi_line_send_user_user_info(); copied at once
 * @len: as for tapi_line_send_user_user_info()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_send_user_user_info(struct tapi_ring *ring,
					struct tapi_line *line, uint32_t call,
					const void *data, size_t len,
					unsigned int flags, void *user_data);

/**
 * tapi_ring_queue_complete_call() - queue asking for a call completion
 *	(lineCompleteCall)
 * @ring: the ring
 * @line: the line
 * @call: as for tapi_line_complete_call()
 * @mode: as for tapi_line_complete_call()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * The completion's id comes with the completion
 * (tapi_completion_get_completion_id()) once the request succeeded or, in
 * %TAPI_URING_REPLY_EVENT mode, was started.
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_complete_call(struct tapi_ring *ring,
				  struct tapi_line *line, uint32_t call,
				  uint32_t mode, unsigned int flags,
				  void *user_data);

/**
 * tapi_ring_queue_uncomplete_call() - queue cancelling a call completion
 *	(lineUncompleteCall)
 * @ring: the ring
 * @line: the line
 * @completion_id: as for tapi_line_uncomplete_call()
 * @flags: 0, or %TAPI_URING_REPLY_EVENT
 * @user_data: the application's
 *
 * Return: 0, or -1 with errno set.
 */
int tapi_ring_queue_uncomplete_call(struct tapi_ring *ring,
				    struct tapi_line *line,
				    uint32_t completion_id, unsigned int flags,
				    void *user_data);

/**
 * tapi_ring_flush() - queue the reads of events waiting to be re-armed
 * @ring: the ring
 *
 * tapi_ring_submit() and tapi_ring_wait() do it first; an application
 * that submits with io_uring_submit() calls it before.
 *
 * Return: 0, or -1 with errno %EBUSY if the submission queue had no room
 * for all of them (submit, then flush again).
 */
int tapi_ring_flush(struct tapi_ring *ring);

/**
 * tapi_ring_submit() - submit every queued SQE in one go
 * @ring: the ring
 *
 * Re-armed reads are queued first (tapi_ring_flush()); if they do not all
 * fit, the submission is repeated until they do.  On an attached ring the
 * application's SQEs are submitted too.
 *
 * Return: the number of SQEs submitted (io_uring_submit()), or -1 with
 * errno set.
 */
int tapi_ring_submit(struct tapi_ring *ring);

/**
 * tapi_ring_handle_cqe() - handle a CQE if it is libtapi's
 * @ring: the ring
 * @cqe: a CQE from the ring's completion queue; the caller marks it seen
 *	(io_uring_cqe_seen()) afterwards, whoever it belonged to
 * @completion: out: what the operation's completion says; its previous
 *	contents are released.  Untouched for a CQE of the application's.
 *
 * Return: 1 if @cqe was libtapi's (@completion is filled), 0 if it is the
 * application's (its user_data is none of libtapi's), or -1 with errno
 * %EINVAL: NULL arguments, or a CQE for an operation of libtapi's that is
 * not in flight (handled twice?).
 */
int tapi_ring_handle_cqe(struct tapi_ring *ring, const struct io_uring_cqe *cqe,
			 struct tapi_completion *completion);

/**
 * tapi_ring_wait() - submit, wait for the next completion and handle it
 * @ring: the ring
 * @completion: out: the completion
 * @timeout_ns: how long to wait in nanoseconds; 0 to poll, negative to
 *	wait forever
 *
 * Submits what is queued (tapi_ring_submit()), waits for one CQE, hands
 * it to tapi_ring_handle_cqe() and marks it seen.  A CQE of the
 * application's own comes back as a completion of kind
 * %TAPI_RING_OP_APP, with the CQE's user_data, res and flags (for a ring
 * of 32-byte CQEs, the extra words are not kept).
 *
 * Return: 1 with @completion filled, 0 on timeout, or -1 with errno set
 * (%EINTR if a signal arrived; the errors of tapi_ring_handle_cqe() and
 * of io_uring_wait_cqe()).
 */
int tapi_ring_wait(struct tapi_ring *ring, struct tapi_completion *completion,
		   int64_t timeout_ns);

/**
 * tapi_completion_new() - create a completion to handle CQEs into
 *
 * One completion object may be filled again and again; what it held is
 * released each time.
 *
 * Return: a new empty completion to release with tapi_completion_free(),
 * or NULL with errno set.
 */
struct tapi_completion *tapi_completion_new(void);

/**
 * tapi_completion_free() - release a completion and what it holds
 * @completion: the completion, or NULL
 */
void tapi_completion_free(struct tapi_completion *completion);

/**
 * tapi_completion_get_op() - the operation that completed
 * @completion: the completion
 *
 * Return: an &enum tapi_ring_op value; %TAPI_RING_OP_APP for an
 * application's CQE, or an empty completion.
 */
enum tapi_ring_op
tapi_completion_get_op(const struct tapi_completion *completion);

/**
 * tapi_completion_get_result() - the outcome of the operation
 * @completion: the completion
 *
 * Return: a negative errno if the operation failed.  Otherwise: for a
 * request in %TAPI_URING_REPLY_EVENT mode its request id (> 0), for a read
 * of events the number of events (> 0), for get new calls the number of
 * handles, for the application's CQE its res, else 0.
 */
int tapi_completion_get_result(const struct tapi_completion *completion);

/**
 * tapi_completion_get_user_data() - the application's user data
 * @completion: the completion
 *
 * Return: the pointer given when the operation was queued; for an
 * application's CQE, its user_data.
 */
void *tapi_completion_get_user_data(const struct tapi_completion *completion);

/**
 * tapi_completion_get_line() - the line of the operation
 * @completion: the completion
 *
 * The completion keeps the line object alive while it holds it, even if
 * the line was closed since (then it has no fd: its functions fail with
 * %EBADF).
 *
 * Return: the line the operation was queued on, NULL for an
 * application's CQE.
 */
struct tapi_line *
tapi_completion_get_line(const struct tapi_completion *completion);

/**
 * tapi_completion_get_call() - the call of the operation
 * @completion: the completion
 *
 * Return: for make call, pickup and unpark, the new call's handle once the
 * request succeeded or, in %TAPI_URING_REPLY_EVENT mode, was started (else
 * 0); for the other call operations the handle they were queued with (the
 * first one for those that name two calls); 0 otherwise (forward,
 * uncomplete call).
 */
uint32_t tapi_completion_get_call(const struct tapi_completion *completion);

/**
 * tapi_completion_get_consult_call() - the consultation call an operation
 *	created
 * @completion: the completion
 *
 * Return: for setup transfer, setup conference and prepare add to
 * conference, the new consultation call's handle once the request
 * succeeded or, in %TAPI_URING_REPLY_EVENT mode, was started (valid with
 * its successful reply then); 0 otherwise.
 */
uint32_t
tapi_completion_get_consult_call(const struct tapi_completion *completion);

/**
 * tapi_completion_get_conf_call() - the conference call an operation
 *	created
 * @completion: the completion
 *
 * Return: for setup conference and for complete transfer in
 * %TAPI_TRANSFER_CONFERENCE mode, the new conference call's handle once
 * the request succeeded or, in %TAPI_URING_REPLY_EVENT mode, was started;
 * 0 otherwise.
 */
uint32_t
tapi_completion_get_conf_call(const struct tapi_completion *completion);

/**
 * tapi_completion_get_completion_id() - the call completion an operation
 *	asked for
 * @completion: the completion
 *
 * Return: for complete call, the call completion's id once the request
 * succeeded or, in %TAPI_URING_REPLY_EVENT mode, was started (it names
 * the completion with its successful reply then); 0 otherwise.
 */
uint32_t
tapi_completion_get_completion_id(const struct tapi_completion *completion);

/**
 * tapi_completion_get_request_id() - the request an operation started
 * @completion: the completion
 *
 * Return: for make call, dial, answer, accept, drop, the supplementary
 * requests (hold to remove from conference) and the call services
 * (redirect to uncomplete call), the id the core gave the request (the
 * %TAPI_EV_REPLY of a request in %TAPI_URING_REPLY_EVENT mode carries it),
 * 0 if none was started; 0 for the other operations.
 */
uint32_t
tapi_completion_get_request_id(const struct tapi_completion *completion);

/**
 * tapi_completion_has_more() - whether a read of events stays armed
 * @completion: the completion
 *
 * Return: true if more completions will come for the same read of events
 * (as ``IORING_CQE_F_MORE``); false for its last one and for every other
 * operation.
 */
bool tapi_completion_has_more(const struct tapi_completion *completion);

/**
 * tapi_completion_get_cqe_flags() - flags of the CQE
 * @completion: the completion
 *
 * Return: the CQE's flags (``IORING_CQE_F_*``), useful for the
 * application's CQEs.
 */
uint32_t
tapi_completion_get_cqe_flags(const struct tapi_completion *completion);

/**
 * tapi_completion_get_events() - the events a read brought
 * @completion: the completion
 *
 * Return: for a successful read of events, a buffer holding them (read
 * with tapi_event_buffer_get_num_events() and tapi_event_buffer_get());
 * valid until @completion is filled again or freed.  NULL otherwise.
 */
const struct tapi_event_buffer *
tapi_completion_get_events(const struct tapi_completion *completion);

/**
 * tapi_completion_get_call_info() - the snapshot of a call info query
 * @completion: the completion
 *
 * Return: for a successful tapi_ring_queue_get_call_info(), the snapshot,
 * owned by @completion (valid until it is filled again or freed); NULL
 * otherwise.
 */
const struct tapi_line_call_info *
tapi_completion_get_call_info(const struct tapi_completion *completion);

/**
 * tapi_completion_get_call_status() - the snapshot of a call status query
 * @completion: the completion
 *
 * Return: for a successful tapi_ring_queue_get_call_status(), the
 * snapshot, owned by @completion; NULL otherwise.
 */
const struct tapi_line_call_status *
tapi_completion_get_call_status(const struct tapi_completion *completion);

/**
 * tapi_completion_get_address_status() - the snapshot of an address status
 *	query
 * @completion: the completion
 *
 * Return: for a successful tapi_ring_queue_get_address_status(), the
 * snapshot, owned by @completion; NULL otherwise.
 */
const struct tapi_line_address_status *
tapi_completion_get_address_status(const struct tapi_completion *completion);

/**
 * tapi_completion_get_line_status() - the snapshot of a line status query
 * @completion: the completion
 *
 * Return: for a successful tapi_ring_queue_get_status(), the snapshot,
 * owned by @completion; NULL otherwise.
 */
const struct tapi_line_status *
tapi_completion_get_line_status(const struct tapi_completion *completion);

/**
 * tapi_completion_get_new_call() - one handle of a get new calls query
 * @completion: the completion
 * @index: 0 to the result - 1
 *
 * Return: the handle (with monitor privilege), or 0 if @index is out of
 * range or the completion is of another operation.
 */
uint32_t tapi_completion_get_new_call(const struct tapi_completion *completion,
				      unsigned int index);

/**
 * tapi_completion_get_conf_member() - one entry of a conference query
 * @completion: the completion
 * @index: 0 to the result - 1
 *
 * Return: for a successful tapi_ring_queue_get_conf_related_calls(), the
 * entry (the conference call first, then its members), owned by
 * @completion; NULL if @index is out of range or the completion is of
 * another operation.
 */
const struct tapi_conf_member *
tapi_completion_get_conf_member(const struct tapi_completion *completion,
				unsigned int index);

/**
 * tapi_completion_get_remaining() - calls a query left out
 * @completion: the completion
 *
 * Return: for get new calls, the calls left without a handle because the
 * capacity was reached; for a conference query, the entries left out;
 * 0 for other operations.
 */
unsigned int
tapi_completion_get_remaining(const struct tapi_completion *completion);

/* ------------------------------------------------------------------ */
/* Media                                                               */
/* ------------------------------------------------------------------ */

/**
 * DOC: Media rings
 *
 * A &struct tapi_media is a media fd of one call with both of its regions
 * mapped: an RX ring of frames the far end sent, and, when opened with
 * %TAPI_MEDIA_OPEN_TX, a TX ring of frames to send.  A frame is
 * tapi_media_get_frame_ms() milliseconds of 8 kHz audio in the fd's
 * &enum tapi_media_format, tapi_media_get_frame_size() bytes.
 *
 * Reading: tapi_media_rx_ready() says how many frames are ready,
 * tapi_media_rx_frame() points to each, tapi_media_rx_release() gives them
 * back.  Writing: tapi_media_tx_room() says how many slots are free,
 * tapi_media_tx_frame() points to each, tapi_media_tx_commit() queues the
 * filled ones.  None of these makes a syscall.  The counts are an
 * acquire load of the kernel's index and the release and commit a
 * release store of ours, the barrier contract of "Media rings" in
 * <linux/tapi.h>: frames read after tapi_media_rx_ready() are whole, and
 * frames written before tapi_media_tx_commit() go out whole.
 *
 * Waiting: poll tapi_media_get_fd() for %POLLIN (RX frames ready),
 * %POLLOUT (TX room) and %POLLHUP (the call ended, or the card went: the
 * rings stopped; what is left can still be read).  New RX frames wake
 * pollers only while tapi_media_set_rx_wakeup() is on, as it is at open;
 * an MSP that reads the rings on its own clock turns it off and then
 * needs no syscall at all (%POLLHUP still wakes it).
 */

/**
 * tapi_line_open_media() - open a media fd on a call and map its rings
 * @line: the line the call handle belongs to
 * @call: the call handle; the call must not be idle or disconnected
 * @flags: &enum tapi_media_open_flag bits: %TAPI_MEDIA_OPEN_TX to
 *	transmit too (needs an owner handle, one a call),
 *	%TAPI_MEDIA_OPEN_NONBLOCK; the fd is always close-on-exec
 * @format: &enum tapi_media_format: %TAPI_MEDIA_LINEAR16 (host byte
 *	order), %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW
 * @frame_ms: frame length, %TAPI_MEDIA_FRAME_MS_MIN to
 *	%TAPI_MEDIA_FRAME_MS_MAX, or 0 for %TAPI_MEDIA_FRAME_MS_DEFAULT
 * @entries: frames of each ring, a power of two from
 *	%TAPI_MEDIA_ENTRIES_MIN to %TAPI_MEDIA_ENTRIES_MAX, or 0 for
 *	%TAPI_MEDIA_ENTRIES_DEFAULT
 *
 * Return: a new media object to close with tapi_media_close(), or NULL
 * with errno set: %ENOENT unknown handle, %EPERM %TAPI_MEDIA_OPEN_TX on a
 * monitor handle, %EBUSY another media fd of the call transmits,
 * %EINVAL a bad format, frame length or entries, %EOPNOTSUPP an unknown
 * flag, %ESRCH the call has ended, %ENODEV the card is gone, %EBADF the
 * line is closed, or the error of mmap().  Nothing is left open or mapped.
 */
struct tapi_media *tapi_line_open_media(struct tapi_line *line, uint32_t call,
					uint32_t flags, uint32_t format,
					unsigned int frame_ms,
					unsigned int entries);

/**
 * tapi_media_close() - unmap the rings, close the media fd, free the object
 * @media: the media object, or NULL
 *
 * errno is kept.
 */
void tapi_media_close(struct tapi_media *media);

/**
 * tapi_media_get_fd() - the media fd, for poll() and epoll
 * @media: the media object
 *
 * It belongs to the object: do not close it.
 *
 * Return: the fd.
 */
int tapi_media_get_fd(struct tapi_media *media);

/**
 * tapi_media_get_format() - sample format of the frames
 * @media: the media object
 *
 * Return: an &enum tapi_media_format value.
 */
uint32_t tapi_media_get_format(struct tapi_media *media);

/**
 * tapi_media_get_frame_ms() - length of a frame
 * @media: the media object
 *
 * Return: milliseconds a frame (the default filled in).
 */
unsigned int tapi_media_get_frame_ms(struct tapi_media *media);

/**
 * tapi_media_get_frame_samples() - samples in a frame
 * @media: the media object
 *
 * Return: 8 samples a millisecond of frame.
 */
unsigned int tapi_media_get_frame_samples(struct tapi_media *media);

/**
 * tapi_media_get_frame_size() - bytes in a frame
 * @media: the media object
 *
 * Return: the size of a frame: two bytes a sample for
 * %TAPI_MEDIA_LINEAR16, one for G.711.
 */
unsigned int tapi_media_get_frame_size(struct tapi_media *media);

/**
 * tapi_media_get_rx_entries() - frames the RX ring holds
 * @media: the media object
 *
 * Return: the RX ring's size, a power of two.
 */
unsigned int tapi_media_get_rx_entries(struct tapi_media *media);

/**
 * tapi_media_get_tx_entries() - frames the TX ring holds
 * @media: the media object
 *
 * Return: the TX ring's size, or 0 if the fd does not transmit.
 */
unsigned int tapi_media_get_tx_entries(struct tapi_media *media);

/**
 * tapi_media_rx_ready() - how many RX frames are ready to read
 * @media: the media object
 *
 * An acquire load of the RX producer: the frames it counts can be read
 * whole through tapi_media_rx_frame().
 *
 * Return: the number of frames ready, 0 to the ring's size.
 */
unsigned int tapi_media_rx_ready(struct tapi_media *media);

/**
 * tapi_media_rx_frame() - a ready RX frame
 * @media: the media object
 * @i: which: 0 is the oldest not yet released
 *
 * The frame stays valid until it is released.
 *
 * Return: the frame's tapi_media_get_frame_size() bytes, read-only; or
 * NULL with errno %ENOBUFS if @i is not below what tapi_media_rx_ready()
 * last counted (less what was released since).
 */
const void *tapi_media_rx_frame(struct tapi_media *media, unsigned int i);

/**
 * tapi_media_rx_release() - give read RX frames back to the kernel
 * @media: the media object
 * @n: how many, oldest first
 *
 * A release store of the RX consumer: the frames' slots may be refilled
 * once it is done.
 *
 * Return: 0, or -1 with errno %EINVAL if @n is more than were counted
 * ready (nothing is released then).
 */
int tapi_media_rx_release(struct tapi_media *media, unsigned int n);

/**
 * tapi_media_set_rx_wakeup() - whether new RX frames wake pollers
 * @media: the media object
 * @wakeup: true (as at open) for a wake-up a frame; false for an MSP that
 *	reads the ring on its own clock and makes no syscall
 *
 * After turning it back on, call tapi_media_rx_ready() once more before
 * sleeping in poll(): a frame that arrived meanwhile woke nobody.
 */
void tapi_media_set_rx_wakeup(struct tapi_media *media, bool wakeup);

/**
 * tapi_media_get_rx_wakeup() - whether new RX frames wake pollers
 * @media: the media object
 *
 * Return: the setting of tapi_media_set_rx_wakeup().
 */
bool tapi_media_get_rx_wakeup(struct tapi_media *media);

/**
 * tapi_media_tx_room() - how many TX slots are free
 * @media: the media object
 *
 * An acquire load of the TX consumer: the slots it counts are no longer
 * read by the kernel and may be filled through tapi_media_tx_frame().
 *
 * Return: the number of free slots, 0 to the ring's size (always 0 on an
 * fd that does not transmit).
 */
unsigned int tapi_media_tx_room(struct tapi_media *media);

/**
 * tapi_media_tx_frame() - a free TX slot
 * @media: the media object
 * @i: which: 0 is the next to go out
 *
 * Return: the slot's tapi_media_get_frame_size() bytes, to fill; or NULL
 * with errno %ENOBUFS if @i is not below what tapi_media_tx_room() last
 * counted (less what was committed since), %EPERM on an fd that does not
 * transmit.
 */
void *tapi_media_tx_frame(struct tapi_media *media, unsigned int i);

/**
 * tapi_media_tx_commit() - queue filled TX slots for sending
 * @media: the media object
 * @n: how many, in order from slot 0
 *
 * A release store of the TX producer: the frames are written before the
 * kernel can see them.
 *
 * Return: 0, or -1 with errno %EINVAL if @n is more than were counted
 * free, %EPERM on an fd that does not transmit (nothing is queued then).
 */
int tapi_media_tx_commit(struct tapi_media *media, unsigned int n);

/**
 * tapi_media_get_stats() - read the fd's counters
 * @media: the media object
 * @stats: out: frames received and dropped (overruns), sent and missed
 *	(underruns, silence went out), nonsense TX producers seen
 *	(&struct tapi_media_stats); reserved fields zero
 *
 * Each counter is read whole, the set not at one instant.
 */
void tapi_media_get_stats(struct tapi_media *media,
			  struct tapi_media_stats *stats);

/* ------------------------------------------------------------------ */
/* System-wide view: the generic netlink family "tapi"                 */
/* ------------------------------------------------------------------ */

/**
 * DOC: Generic netlink
 *
 * A &struct tapi_nl is a connection to the generic netlink family "tapi"
 * (uapi/linux/tapi_netlink.h): it sees every card, line and call of the
 * system without opening any card node, and hears about them as they
 * change.  It is built on libnl-genl.
 *
 * What it reports comes as snapshots in the uapi structures the ioctls
 * fill, so that the two views compare directly: a &struct tapi_nl_card
 * holds a &struct tapi_card_info, a &struct tapi_nl_line a &struct
 * tapi_line_devcaps, a &struct tapi_line_devstatus and a &struct
 * tapi_address_caps per address, a &struct tapi_nl_call a &struct
 * tapi_call_info with its parties.  Every size field is the structure's
 * size, and a field the family does not carry, or an attribute the kernel
 * did not send, reads as zero (&tapi_line_devcaps.string_format,
 * &tapi_call_info.state_entry_ns, the user-user information, and the
 * service modes of an address among them).
 *
 * Requests: the tapi_nl_get_*() functions ask for one object, the
 * tapi_nl_dump_*() functions for all of them (or those of one card or
 * line), as NULL-terminated arrays.  Reading calls needs %CAP_NET_ADMIN:
 * without it they fail with %EPERM.
 *
 * Notifications: tapi_nl_subscribe() joins the multicast groups,
 * tapi_nl_get_fd() gives the fd to poll, and tapi_nl_dispatch_events()
 * hands each notification, parsed, to a callback as a &struct
 * tapi_nl_event.  Its type is the command of the message: %TAPI_CMD_CARD_NEW,
 * %TAPI_CMD_CARD_DEL, %TAPI_CMD_LINE_NEW, %TAPI_CMD_LINE_DEL,
 * %TAPI_CMD_LINE_STATE (group "monitor"), %TAPI_CMD_CALL_NEW,
 * %TAPI_CMD_CALL_STATE, %TAPI_CMD_CALL_INFO (group "calls").
 * Notifications lost to a full socket buffer make tapi_nl_dispatch_events()
 * fail with %ENOBUFS: the application then dumps again to resynchronise.
 * Requests and notifications use two sockets, so a &struct tapi_nl can dump
 * while it listens.
 */

struct tapi_nl;
struct tapi_nl_card;
struct tapi_nl_line;
struct tapi_nl_call;
struct tapi_nl_event;

/* Every card, or every line of a card, for the tapi_nl_dump_*() filters. */
#define TAPI_NL_ALL	(-1)

/**
 * enum tapi_nl_group - multicast groups of the tapi family
 * @TAPI_NL_GROUP_MONITOR: %TAPI_GENL_MCGRP_MONITOR: cards and lines
 *	appearing, going and changing status; open to everyone
 * @TAPI_NL_GROUP_CALLS: %TAPI_GENL_MCGRP_CALLS: calls appearing, changing
 *	state and information; needs %CAP_NET_ADMIN
 */
enum tapi_nl_group {
	TAPI_NL_GROUP_MONITOR	= 1 << 0,
	TAPI_NL_GROUP_CALLS	= 1 << 1,
};

/**
 * tapi_nl_open() - connect to the tapi generic netlink family
 *
 * Resolves the family by name.
 *
 * Return: a new connection to close with tapi_nl_close(), or NULL with
 * errno set: %ENOENT if no family "tapi" is registered (tapi.ko not
 * loaded, or too old to have it), else why the socket failed.
 */
struct tapi_nl *tapi_nl_open(void);

/**
 * tapi_nl_close() - close a connection and release its object
 * @nl: the connection, or NULL
 */
void tapi_nl_close(struct tapi_nl *nl);

/**
 * tapi_nl_get_card() - read one card
 * @nl: the connection
 * @card: its index, N of /dev/tapiN
 *
 * Return: a new snapshot to release with tapi_nl_card_free(), or NULL
 * with errno set (%ENODEV: no such card).
 */
struct tapi_nl_card *tapi_nl_get_card(struct tapi_nl *nl, unsigned int card);

/**
 * tapi_nl_dump_cards() - read every card
 * @nl: the connection
 * @cards: out: a NULL-terminated array of snapshots, by card index; release
 *	it with tapi_nl_card_list_free()
 *
 * Return: the number of cards, or -1 with errno set (%EAGAIN: cards kept
 * coming and going while the kernel answered); *@cards is left untouched
 * on error.
 */
int tapi_nl_dump_cards(struct tapi_nl *nl, struct tapi_nl_card ***cards);

/**
 * tapi_nl_card_list_free() - release an array of tapi_nl_dump_cards()
 * @cards: the array, or NULL
 */
void tapi_nl_card_list_free(struct tapi_nl_card **cards);

/**
 * tapi_nl_card_free() - release a card snapshot
 * @card: the snapshot, or NULL
 */
void tapi_nl_card_free(struct tapi_nl_card *card);

/**
 * tapi_nl_card_get_info() - what the card is
 * @card: the snapshot
 *
 * Return: the card as %TAPI_IOC_CARD_GET_INFO would tell it; valid as long
 * as @card.  A %TAPI_CMD_CARD_DEL notification may carry the index only.
 */
const struct tapi_card_info *
tapi_nl_card_get_info(const struct tapi_nl_card *card);

/**
 * tapi_nl_get_line() - read one line
 * @nl: the connection
 * @card: the card's index
 * @line: the line's index on the card
 *
 * Return: a new snapshot to release with tapi_nl_line_free(), or NULL
 * with errno set (%ENODEV: no such card, %ENOENT: no such line).
 */
struct tapi_nl_line *tapi_nl_get_line(struct tapi_nl *nl, unsigned int card,
				      unsigned int line);

/**
 * tapi_nl_dump_lines() - read every line, or those of one card
 * @nl: the connection
 * @card: a card's index, or %TAPI_NL_ALL
 * @lines: out: a NULL-terminated array of snapshots, by card and line;
 *	release it with tapi_nl_line_list_free()
 *
 * A card that does not exist has no lines: an empty array.
 *
 * Return: the number of lines, or -1 with errno set (%EINVAL: a negative
 * @card other than %TAPI_NL_ALL, %EAGAIN as for tapi_nl_dump_cards());
 * *@lines is left untouched on error.
 */
int tapi_nl_dump_lines(struct tapi_nl *nl, int card,
		       struct tapi_nl_line ***lines);

/**
 * tapi_nl_line_list_free() - release an array of tapi_nl_dump_lines()
 * @lines: the array, or NULL
 */
void tapi_nl_line_list_free(struct tapi_nl_line **lines);

/**
 * tapi_nl_line_free() - release a line snapshot
 * @line: the snapshot, or NULL
 */
void tapi_nl_line_free(struct tapi_nl_line *line);

/**
 * tapi_nl_line_get_card() - the card of a line
 * @line: the snapshot
 *
 * Return: the card's index.
 */
unsigned int tapi_nl_line_get_card(const struct tapi_nl_line *line);

/**
 * tapi_nl_line_get_caps() - the capabilities of a line
 * @line: the snapshot
 *
 * Return: the line's capabilities as %TAPI_IOC_LINE_GET_DEVCAPS would tell
 * them (its index in &tapi_line_devcaps.line, its name in
 * &tapi_line_devcaps.name); valid as long as @line.
 */
const struct tapi_line_devcaps *
tapi_nl_line_get_caps(const struct tapi_nl_line *line);

/**
 * tapi_nl_line_get_status() - the status of a line
 * @line: the snapshot
 *
 * Return: the line's status as %TAPI_IOC_LINE_GET_DEVSTATUS on any of its
 * line fds would tell it; valid as long as @line.
 */
const struct tapi_line_devstatus *
tapi_nl_line_get_status(const struct tapi_nl_line *line);

/**
 * tapi_nl_line_get_num_addresses() - addresses reported with a line
 * @line: the snapshot
 *
 * Return: how many addresses came with the line (0 in a
 * %TAPI_CMD_LINE_DEL notification that carries none).
 */
unsigned int tapi_nl_line_get_num_addresses(const struct tapi_nl_line *line);

/**
 * tapi_nl_line_get_address() - one address of a line
 * @line: the snapshot
 * @index: 0 to tapi_nl_line_get_num_addresses() - 1, in the kernel's order
 *
 * Return: the address's capabilities as %TAPI_IOC_ADDRESS_GET_CAPS would
 * tell them, as far as the family carries them (line, address_id,
 * address, max_calls, address_features, call_features); NULL with errno
 * %ENOENT if there is no such entry.  Valid as long as @line.
 */
const struct tapi_address_caps *
tapi_nl_line_get_address(const struct tapi_nl_line *line, unsigned int index);

/**
 * tapi_nl_line_get_address_num_calls() - calls on one address of a line
 * @line: the snapshot
 * @index: as for tapi_nl_line_get_address()
 *
 * Return: the calls of the address that are not idle; 0 if there is no
 * such entry.
 */
unsigned int
tapi_nl_line_get_address_num_calls(const struct tapi_nl_line *line,
				   unsigned int index);

/**
 * tapi_nl_get_call() - read one call (needs %CAP_NET_ADMIN)
 * @nl: the connection
 * @card: the card's index
 * @call_id: the call's id (&tapi_call_info.call_id)
 *
 * Return: a new snapshot to release with tapi_nl_call_free(), or NULL
 * with errno set (%EPERM: not privileged, %ENODEV: no such card, %ENOENT:
 * no such call).
 */
struct tapi_nl_call *tapi_nl_get_call(struct tapi_nl *nl, unsigned int card,
				      uint32_t call_id);

/**
 * tapi_nl_dump_calls() - read every call, of a card, or of a line
 *	(needs %CAP_NET_ADMIN)
 * @nl: the connection
 * @card: a card's index, or %TAPI_NL_ALL
 * @line: with a card, one of its lines, or %TAPI_NL_ALL
 * @calls: out: a NULL-terminated array of snapshots, in the kernel's
 *	order; release it with tapi_nl_call_list_free()
 *
 * A card or line that does not exist has no calls: an empty array.  Idle
 * calls whose handles are not all released yet are included.
 *
 * Return: the number of calls, or -1 with errno set (%EPERM: not
 * privileged, %EINVAL: a line without a card or a negative value other
 * than %TAPI_NL_ALL, %EAGAIN as for tapi_nl_dump_cards()); *@calls is left
 * untouched on error.
 */
int tapi_nl_dump_calls(struct tapi_nl *nl, int card, int line,
		       struct tapi_nl_call ***calls);

/**
 * tapi_nl_call_list_free() - release an array of tapi_nl_dump_calls()
 * @calls: the array, or NULL
 */
void tapi_nl_call_list_free(struct tapi_nl_call **calls);

/**
 * tapi_nl_call_free() - release a call snapshot
 * @call: the snapshot, or NULL
 */
void tapi_nl_call_free(struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_card() - the card of a call
 * @call: the snapshot
 *
 * Return: the card's index.
 */
unsigned int tapi_nl_call_get_card(const struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_info() - what is known of a call
 * @call: the snapshot
 *
 * Return: the call as %TAPI_IOC_CALL_GET_INFO would tell it, with its line,
 * address, call id, related call, modes, origin, reason, owner and monitor
 * counts, creation time, parties and parameter flags; its handle
 * (&tapi_call_info.call) is 0, and what the family does not carry is zero
 * (see "Generic netlink").  Valid as long as @call.
 */
const struct tapi_call_info *
tapi_nl_call_get_info(const struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_state() - state of a call
 * @call: the snapshot
 *
 * Return: one &enum tapi_call_state bit (0 if not reported).
 */
uint32_t tapi_nl_call_get_state(const struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_mode() - mode of the call's state
 * @call: the snapshot
 *
 * Return: the mode, as tapi_line_call_status_get_mode() gives it.
 */
uint32_t tapi_nl_call_get_mode(const struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_state_ns() - when the call entered its state
 * @call: the snapshot
 *
 * Return: CLOCK_MONOTONIC time in ns (0 if not reported).
 */
uint64_t tapi_nl_call_get_state_ns(const struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_old_state() - the state a call left
 * @call: the snapshot
 *
 * Return: in a %TAPI_CMD_CALL_STATE notification, the state before; else 0.
 */
uint32_t tapi_nl_call_get_old_state(const struct tapi_nl_call *call);

/**
 * tapi_nl_call_get_info_fields() - what changed of a call
 * @call: the snapshot
 *
 * Return: in a %TAPI_CMD_CALL_INFO notification, &enum tapi_callinfo_field
 * bits; else 0.
 */
uint32_t tapi_nl_call_get_info_fields(const struct tapi_nl_call *call);

/**
 * tapi_nl_subscribe() - join multicast groups of the family
 * @nl: the connection
 * @groups: &enum tapi_nl_group bits
 *
 * The groups are joined in the order of their bits: when "calls" is
 * refused, "monitor", if asked for, stays joined.  Joining a group again
 * is harmless.
 *
 * Return: 0, or -1 with errno set: %EPERM if "calls" needs a privilege
 * the caller lacks, %EINVAL for unknown or no bits, %ENOENT if the kernel
 * has no such group.
 */
int tapi_nl_subscribe(struct tapi_nl *nl, unsigned int groups);

/**
 * tapi_nl_get_fd() - the fd notifications arrive on
 * @nl: the connection
 *
 * For poll() or epoll: readable when tapi_nl_dispatch_events() has
 * something to read.  It belongs to @nl: do not close it or read from it.
 *
 * Return: the fd, or -1 with errno %ENOTCONN before the first successful
 * tapi_nl_subscribe().
 */
int tapi_nl_get_fd(struct tapi_nl *nl);

/**
 * tapi_nl_wait_event() - wait until notifications can be read
 * @nl: the connection
 * @timeout_ns: how long to wait in nanoseconds; 0 to poll, negative to
 *	wait forever
 *
 * Return: 1 if notifications are pending, 0 on timeout, -1 with errno set
 * (%EINTR if a signal arrived, %ENOTCONN if not subscribed).
 */
int tapi_nl_wait_event(struct tapi_nl *nl, int64_t timeout_ns);

/**
 * typedef tapi_nl_event_cb - what tapi_nl_dispatch_events() calls
 * @ev: the notification, valid during the call only
 * @data: the caller's pointer
 *
 * Return: 0 to go on, non-zero to stop after this notification.
 */
typedef int (*tapi_nl_event_cb)(const struct tapi_nl_event *ev, void *data);

/**
 * tapi_nl_dispatch_events() - hand every pending notification to a callback
 * @nl: the connection
 * @cb: called once per notification, in order
 * @data: passed to @cb
 *
 * Never blocks.  Messages of the family that are not notifications, and
 * notifications of commands this library does not know, are skipped.
 *
 * Return: the number of notifications dispatched (0 if none was pending),
 * or -1 with errno set: %ENOBUFS when notifications were lost (the socket
 * buffer or the kernel's queue overflowed; what is known is stale: dump
 * again, then go on dispatching), %EPROTO for a message that does not
 * parse, %ENOTCONN if not subscribed.
 */
int tapi_nl_dispatch_events(struct tapi_nl *nl, tapi_nl_event_cb cb,
			    void *data);

/**
 * tapi_nl_event_get_type() - what a notification says
 * @ev: the notification
 *
 * Return: its command, an &enum tapi_cmd value (%TAPI_CMD_CARD_NEW...).
 */
unsigned int tapi_nl_event_get_type(const struct tapi_nl_event *ev);

/**
 * tapi_nl_event_get_card() - the card of a card notification
 * @ev: the notification
 *
 * Return: for %TAPI_CMD_CARD_NEW and %TAPI_CMD_CARD_DEL the card; else
 * NULL.  Valid during the callback only.
 */
const struct tapi_nl_card *
tapi_nl_event_get_card(const struct tapi_nl_event *ev);

/**
 * tapi_nl_event_get_line() - the line of a line notification
 * @ev: the notification
 *
 * Return: for %TAPI_CMD_LINE_NEW, %TAPI_CMD_LINE_DEL and
 * %TAPI_CMD_LINE_STATE the line; else NULL.  Valid during the callback only.
 */
const struct tapi_nl_line *
tapi_nl_event_get_line(const struct tapi_nl_event *ev);

/**
 * tapi_nl_event_get_call() - the call of a call notification
 * @ev: the notification
 *
 * Return: for %TAPI_CMD_CALL_NEW, %TAPI_CMD_CALL_STATE (see
 * tapi_nl_call_get_old_state()) and %TAPI_CMD_CALL_INFO (see
 * tapi_nl_call_get_info_fields()) the call; else NULL.  Valid during the
 * callback only.
 */
const struct tapi_nl_call *
tapi_nl_event_get_call(const struct tapi_nl_event *ev);

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

/**
 * enum tapi_flag_kind - the sets of named values the string helpers know
 * @TAPI_FLAGS_MEDIA_MODE: &enum tapi_media_mode
 * @TAPI_FLAGS_BEARER_MODE: &enum tapi_bearer_mode
 * @TAPI_FLAGS_LINE_FEATURE: &enum tapi_line_feature
 * @TAPI_FLAGS_ADDRESS_FEATURE: &enum tapi_address_feature
 * @TAPI_FLAGS_CALL_FEATURE: &enum tapi_call_feature
 * @TAPI_FLAGS_DIGIT_MODE: &enum tapi_digit_mode
 * @TAPI_FLAGS_DEVCAPS: &enum tapi_devcaps_flag
 * @TAPI_FLAGS_DEVSTATUS: &enum tapi_devstatus_flag
 * @TAPI_FLAGS_PRIVILEGE: &enum tapi_privilege
 * @TAPI_FLAGS_CORE_FEATURE: &enum tapi_feature
 * @TAPI_FLAGS_EVENT_MASK: event masks, bit (1 << &enum tapi_event_type)
 *	named after the event type
 * @TAPI_FLAGS_CALL_STATE: &enum tapi_call_state
 * @TAPI_FLAGS_BUSY_MODE: &enum tapi_busy_mode
 * @TAPI_FLAGS_DIALTONE_MODE: &enum tapi_dialtone_mode
 * @TAPI_FLAGS_OFFERING_MODE: &enum tapi_offering_mode
 * @TAPI_FLAGS_SPECIALINFO_MODE: &enum tapi_specialinfo_mode
 * @TAPI_FLAGS_CONNECTED_MODE: &enum tapi_connected_mode
 * @TAPI_FLAGS_DISCONNECT_MODE: &enum tapi_disconnect_mode
 * @TAPI_FLAGS_CALL_ORIGIN: &enum tapi_call_origin
 * @TAPI_FLAGS_CALL_REASON: &enum tapi_call_reason
 * @TAPI_FLAGS_PARTY_ID: &enum tapi_party_flag
 * @TAPI_FLAGS_CALLINFO: &enum tapi_callinfo_field
 * @TAPI_FLAGS_ADDRESS_STATE: &enum tapi_addrstate_field
 * @TAPI_FLAGS_TRANSFER_MODE: &enum tapi_transfer_mode
 * @TAPI_FLAGS_PARK_MODE: &enum tapi_park_mode
 * @TAPI_FLAGS_FORWARD_MODE: &enum tapi_forward_mode
 * @TAPI_FLAGS_COMPLETION_MODE: &enum tapi_completion_mode
 * @TAPI_FLAGS_CALL_PARAM: &enum tapi_call_param_flag
 * @TAPI_FLAGS_NUM_KINDS: one past the last kind
 *
 * New kinds are added before %TAPI_FLAGS_NUM_KINDS; the values of the
 * others do not change.
 */
enum tapi_flag_kind {
	TAPI_FLAGS_MEDIA_MODE,
	TAPI_FLAGS_BEARER_MODE,
	TAPI_FLAGS_LINE_FEATURE,
	TAPI_FLAGS_ADDRESS_FEATURE,
	TAPI_FLAGS_CALL_FEATURE,
	TAPI_FLAGS_DIGIT_MODE,
	TAPI_FLAGS_DEVCAPS,
	TAPI_FLAGS_DEVSTATUS,
	TAPI_FLAGS_PRIVILEGE,
	TAPI_FLAGS_CORE_FEATURE,
	TAPI_FLAGS_EVENT_MASK,
	TAPI_FLAGS_CALL_STATE,
	TAPI_FLAGS_BUSY_MODE,
	TAPI_FLAGS_DIALTONE_MODE,
	TAPI_FLAGS_OFFERING_MODE,
	TAPI_FLAGS_SPECIALINFO_MODE,
	TAPI_FLAGS_CONNECTED_MODE,
	TAPI_FLAGS_DISCONNECT_MODE,
	TAPI_FLAGS_CALL_ORIGIN,
	TAPI_FLAGS_CALL_REASON,
	TAPI_FLAGS_PARTY_ID,
	TAPI_FLAGS_CALLINFO,
	TAPI_FLAGS_ADDRESS_STATE,
	TAPI_FLAGS_TRANSFER_MODE,
	TAPI_FLAGS_PARK_MODE,
	TAPI_FLAGS_FORWARD_MODE,
	TAPI_FLAGS_COMPLETION_MODE,
	TAPI_FLAGS_CALL_PARAM,
	TAPI_FLAGS_NUM_KINDS,
};

/**
 * tapi_flag_str() - name of one flag bit
 * @kind: which set of flags
 * @bit: a single bit of that set, e.g. %TAPI_MEDIA_G3FAX
 *
 * Names are short lowercase words without prefix ("g3fax"), stable, and
 * the same as the constant's name after its prefix.
 *
 * Return: the name, or NULL if @bit is not one defined bit of @kind.
 */
const char *tapi_flag_str(enum tapi_flag_kind kind, uint64_t bit);

/**
 * tapi_flags_to_str() - print a flag set as names joined by '|'
 * @kind: which set of flags
 * @flags: the bitmap
 * @buf: where to print; may be NULL if @size is 0
 * @size: size of @buf; the output is truncated to fit and NUL-terminated
 *
 * Bits without a name are printed together as one hexadecimal number at
 * the end, e.g. "interactivevoice|automatedvoice|0x8000".  An empty set
 * prints as "".
 *
 * Return: the length of the full output (not counting the NUL), as
 * snprintf() does, or -1 with errno %EINVAL for an unknown @kind.
 */
int tapi_flags_to_str(enum tapi_flag_kind kind, uint64_t flags, char *buf,
		      size_t size);

/**
 * tapi_flags_from_str() - parse names joined by '|' or ','
 * @kind: which set of flags
 * @str: e.g. "interactivevoice|automatedvoice"; names are matched without
 *	regard to case, numbers (decimal or 0x hexadecimal) are taken as
 *	bitmaps; an empty string is the empty set
 * @flags: out: the bitmap
 *
 * Return: 0, or -1 with errno %EINVAL for an unknown @kind, an unknown
 * name or an empty element.
 */
int tapi_flags_from_str(enum tapi_flag_kind kind, const char *str,
			uint64_t *flags);

/**
 * tapi_media_mode_str() - name of a media mode
 * @mode: one &enum tapi_media_mode bit
 *
 * Return: the name ("interactivevoice"), or NULL if not one defined bit.
 */
const char *tapi_media_mode_str(uint32_t mode);

/**
 * tapi_bearer_mode_str() - name of a bearer mode
 * @mode: one &enum tapi_bearer_mode bit
 *
 * Return: the name ("voice"), or NULL if not one defined bit.
 */
const char *tapi_bearer_mode_str(uint32_t mode);

/**
 * tapi_privilege_str() - name of a privilege
 * @privilege: one &enum tapi_privilege bit
 *
 * Return: the name ("owner"), or NULL if not one defined bit.
 */
const char *tapi_privilege_str(uint32_t privilege);

/**
 * tapi_event_type_str() - name of an event type
 * @type: an &enum tapi_event_type value
 *
 * Return: the name ("callstate"), or NULL for an unknown type.
 */
const char *tapi_event_type_str(unsigned int type);

/**
 * tapi_close_reason_str() - name of the reason of a close event
 * @reason: an &enum tapi_close_reason value
 *
 * Return: the name ("removed"), or NULL for an unknown reason.
 */
const char *tapi_close_reason_str(unsigned int reason);

/**
 * tapi_call_state_str() - name of a call state
 * @state: one &enum tapi_call_state bit
 *
 * Return: the name ("onholdpendtransfer"), or NULL if not one defined bit.
 */
const char *tapi_call_state_str(uint32_t state);

/**
 * tapi_call_mode_kind() - the set of modes of a call state
 * @state: one &enum tapi_call_state bit
 *
 * Only BUSY, DIALTONE, OFFERING, SPECIALINFO, CONNECTED and DISCONNECTED
 * have modes, each its own set.
 *
 * Return: the &enum tapi_flag_kind of @state's modes (e.g.
 * %TAPI_FLAGS_DISCONNECT_MODE for %TAPI_CALLSTATE_DISCONNECTED), for
 * tapi_flag_str() and tapi_flags_from_str(); or -1 with errno %EINVAL for a
 * state without modes.
 */
int tapi_call_mode_kind(uint32_t state);

/**
 * tapi_call_mode_str() - name of the mode of a call state
 * @state: one &enum tapi_call_state bit
 * @mode: one bit of that state's mode enum, e.g. %TAPI_DISCONNECTMODE_BUSY
 *	for %TAPI_CALLSTATE_DISCONNECTED
 *
 * The same bit means different things in different states: bit 0 is
 * "station" when busy, "active" when connected, "normal" when
 * disconnected.
 *
 * Return: the name, or NULL if @state has no modes or @mode is not one
 * defined bit of them.
 */
const char *tapi_call_mode_str(uint32_t state, uint32_t mode);

/**
 * tapi_disconnect_mode_str() - why a call ended
 * @mode: one &enum tapi_disconnect_mode bit
 *
 * Return: the name ("noanswer"), or NULL if not one defined bit.
 */
const char *tapi_disconnect_mode_str(uint32_t mode);

/**
 * tapi_call_origin_str() - name of a call origin
 * @origin: one &enum tapi_call_origin bit
 *
 * Return: the name ("outbound"), or NULL if not one defined bit.
 */
const char *tapi_call_origin_str(uint32_t origin);

/**
 * tapi_call_reason_str() - name of a call reason
 * @reason: one &enum tapi_call_reason bit
 *
 * Return: the name ("fwdnoanswer"), or NULL if not one defined bit.
 */
const char *tapi_call_reason_str(uint32_t reason);

/**
 * tapi_transfer_mode_str() - name of a transfer mode
 * @mode: one &enum tapi_transfer_mode bit
 *
 * Return: the name ("conference"), or NULL if not one defined bit.
 */
const char *tapi_transfer_mode_str(uint32_t mode);

/**
 * tapi_park_mode_str() - name of a park mode
 * @mode: one &enum tapi_park_mode bit
 *
 * Return: the name ("nondirected"), or NULL if not one defined bit.
 */
const char *tapi_park_mode_str(uint32_t mode);

/**
 * tapi_forward_mode_str() - name of a forward mode
 * @mode: one &enum tapi_forward_mode bit
 *
 * Return: the name ("noanswer"), or NULL if not one defined bit.
 */
const char *tapi_forward_mode_str(uint32_t mode);

/**
 * tapi_completion_mode_str() - name of a call completion mode
 * @mode: one &enum tapi_completion_mode bit
 *
 * Return: the name ("campon"), or NULL if not one defined bit.
 */
const char *tapi_completion_mode_str(uint32_t mode);

/**
 * tapi_party_kind_str() - name of a party of a call
 * @party: an &enum tapi_party_kind value
 *
 * Return: "caller", "called", "connected", "redirecting" or "redirection",
 * or NULL for an unknown value.
 */
const char *tapi_party_kind_str(enum tapi_party_kind party);

#ifdef __cplusplus
}
#endif

#endif /* _LIBTAPI_H */
