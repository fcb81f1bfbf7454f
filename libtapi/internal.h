/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi internals shared by the object files.  Nothing here is part of
 * the public API.
 */
#ifndef _LIBTAPI_INTERNAL_H
#define _LIBTAPI_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "libtapi.h"

/* Marks a definition as exported; everything else is hidden. */
#define TAPI_API	__attribute__((visibility("default")))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Copy a fixed-size string from a kernel structure, guaranteeing NUL
 * termination whatever the kernel wrote.
 */
static inline void tapi_copy_kstr(char *dst, const char *src, size_t len)
{
	memcpy(dst, src, len);
	dst[len - 1] = '\0';
}

/*
 * Copy a caller's string into a fixed-size field of an ioctl structure
 * (already zeroed), with its NUL.  Never truncates.
 *
 * Return: 0, or -1 with errno %EINVAL if @src is NULL or does not fit.
 */
static inline int tapi_set_kstr(char *dst, size_t len, const char *src)
{
	size_t n;

	if (!src) {
		errno = EINVAL;
		return -1;
	}
	n = strnlen(src, len);
	if (n >= len) {
		errno = EINVAL;
		return -1;
	}
	memcpy(dst, src, n);
	return 0;
}

/*
 * Lines (line.c).  A line object is reference-counted so that operations
 * queued on a ring (ring.c) can outlive tapi_line_close(): the opener holds
 * one reference, each operation in flight another.  A closed line keeps
 * its object, with no fd, until the last reference goes.
 */
void tapi_line_ref(struct tapi_line *line);
void tapi_line_unref(struct tapi_line *line);
bool tapi_line_is_closed(const struct tapi_line *line);

/*
 * The end of an asynchronous request (call.c): the core returns the
 * request id (> 0) or fails.  With %TAPI_REQUEST_SYNC it returns the
 * outcome, 0 or -1 with errno.  Return: the request id, 0 once
 * synchronous, or -1 with errno set.
 */
int tapi_request_result(int ret, bool sync);

/* The flags of a request, synchronous or not. */
static inline uint32_t tapi_sync_flag(bool sync)
{
	return sync ? TAPI_REQUEST_SYNC : 0;
}

/*
 * A request that writes ids back at once (call-supp.c): the handles of
 * the calls it creates, a call completion's id.  @ret is the ioctl's,
 * @made the ids it wrote back (@num of them, all needed), @out where the
 * caller wants them (entries may be NULL when not asked for).  Ids are
 * passed on when the request started, and when a synchronous wait was
 * interrupted (the request goes on: its reply makes them valid).
 * Return: as tapi_request_result(); errno %EIO if an id is missing.
 */
int tapi_request_ids_result(int ret, bool sync, const uint32_t *made,
			    uint32_t **out, unsigned int num);

/*
 * A request on one call, struct tapi_call_request (call.c): answer,
 * accept, drop, hold, unhold, remove from conference, secure call.
 */
int tapi_call_request(struct tapi_line *line, uint32_t call,
		      unsigned long cmd, bool sync);

/*
 * A request on one call with a number, struct tapi_call_dial (call.c):
 * dial, blind transfer, redirect.
 */
int tapi_dial_request(struct tapi_line *line, uint32_t call,
		      const char *digits, unsigned long cmd, bool sync);

/*
 * Fill a request structure from the public API's arguments, for the ioctl
 * (call.c) and for io_uring (ring-ops.c) alike.  @req is zeroed and its
 * size set here; tapi_fill_new_calls() leaves the handles array to the
 * caller.  Return: 0, or -1 with errno %EINVAL.
 */
int tapi_fill_call_make(struct tapi_call_make *req, const char *dest,
			const struct tapi_call_params *params);
int tapi_fill_call_dial(struct tapi_call_dial *req, uint32_t call,
			const char *digits);
int tapi_fill_call_handoff(struct tapi_call_handoff *req, uint32_t call,
			   uint32_t media_mode, const char *app_name);
int tapi_fill_new_calls(struct tapi_line_new_calls *req, unsigned int capacity,
			int address_id);

/*
 * The same for the supplementary services (call-supp.c).  Those that
 * return void cannot fail; tapi_fill_complete_transfer() refuses a @mode
 * other than one &enum tapi_transfer_mode bit, tapi_fill_conf_related() a
 * @capacity above INT_MAX.  tapi_fill_conf_related() leaves the members
 * array to the caller.
 */
void tapi_fill_call_pair(struct tapi_call_pair *req, uint32_t call,
			 uint32_t other);
void tapi_fill_call_consult(struct tapi_call_consult *req, uint32_t call);
int tapi_fill_complete_transfer(struct tapi_call_complete_transfer *req,
				uint32_t call, uint32_t consult_call,
				uint32_t mode);
void tapi_fill_setup_conf(struct tapi_call_setup_conf *req, uint32_t call,
			  unsigned int num_parties);
int tapi_fill_conf_related(struct tapi_conf_related *req, uint32_t call,
			   unsigned int capacity);

/*
 * The same for the call services (call-services.c, forward.c).
 * tapi_fill_line_pickup() (pickup and unpark) and tapi_fill_call_park()
 * take NULL strings as empty and refuse strings too long;
 * tapi_fill_line_forward() refuses a negative @address_id other than
 * %TAPI_ALL_ADDRESSES, and takes a NULL @list as the empty one;
 * tapi_fill_call_user_user() refuses more than %TAPI_USERUSER_MAX bytes
 * and NULL @data with a length.
 */
int tapi_fill_line_pickup(struct tapi_line_pickup *req,
			  unsigned int address_id, const char *dest,
			  const char *group);
int tapi_fill_call_park(struct tapi_call_park *req, uint32_t call,
			uint32_t mode, const char *dest);
int tapi_fill_line_forward(struct tapi_line_forward *req, int address_id,
			   const struct tapi_forward_list *list);
int tapi_fill_call_user_user(struct tapi_call_user_user *req, uint32_t call,
			     const void *data, size_t len);
void tapi_fill_call_completion(struct tapi_call_completion *req,
			       uint32_t call, uint32_t mode);
void tapi_fill_line_uncomplete(struct tapi_line_uncomplete *req,
			       uint32_t completion_id);

/*
 * Snapshots made from what the core wrote (call-info.c, call-status.c,
 * line-status.c, address-status.c).  Return: a new snapshot, or NULL with
 * errno %ENOMEM.
 */
struct tapi_line_call_info *
tapi_line_call_info_from(const struct tapi_call_info *ci);
struct tapi_line_call_status *
tapi_line_call_status_from(uint32_t call, const struct tapi_call_status *cs);
struct tapi_line_status *
tapi_line_status_from(const struct tapi_line_devstatus *ds);
struct tapi_line_address_status *
tapi_line_address_status_from(const struct tapi_address_status *as);

/*
 * Event buffers (event.c): give @buffer the array *@events of *@capacity
 * records, @num of them filled, and take back the buffer's previous array
 * and capacity in their place.  Events left undispatched are discarded.
 */
struct tapi_line_event;
void tapi_event_buffer_exchange(struct tapi_event_buffer *buffer,
				struct tapi_line_event **events,
				unsigned int *capacity, unsigned int num);
/* Forget the events of @buffer, keeping its array. */
void tapi_event_buffer_clear(struct tapi_event_buffer *buffer);

/* The opaque event is the uapi record itself; the buffer reads into it. */
struct tapi_line_event {
	struct tapi_event ev;
};

_Static_assert(sizeof(struct tapi_line_event) == sizeof(struct tapi_event),
	       "events are read straight into an array of tapi_line_event");
_Static_assert(TAPI_LINE_EVENT_NUM_PARAMS ==
	       ARRAY_SIZE(((struct tapi_event *)0)->param),
	       "TAPI_LINE_EVENT_NUM_PARAMS out of step with the uapi");

#endif /* _LIBTAPI_INTERNAL_H */
