/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the tapi selftests for calls: thin wrappers around the call
 * ioctls, event reading with timeouts, and the sim card's network
 * attribute.  Like sim.h: 0 or a non-negative value on success, a negative
 * errno on failure; nothing prints or exits.
 */
#ifndef _TAPI_SELFTEST_CALLS_H
#define _TAPI_SELFTEST_CALLS_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/tapi.h>

#include "sim.h"

/* Event types a call test usually wants, as an event mask. */
#define EV(t)		(1ull << TAPI_EV_##t)
#define EV_CALLS	(EV(REPLY) | EV(CALLSTATE) | EV(NEWCALL))

/*
 * Open @line of @card_fd with @privileges (owner: interactive voice) and
 * only the events of @mask (0: all).  Return: the fd or -errno.
 */
int call_open_line(int card_fd, unsigned int line, uint32_t privileges,
		   uint64_t mask);

/* TAPI_IOC_CALL_MAKE; *call gets the handle.  Return: request id, 0, -errno. */
int call_make(int line_fd, const char *dest, uint32_t flags, uint32_t *call);
/* Answer, accept or drop (cmd): request id, 0 (TAPI_REQUEST_SYNC), -errno. */
int call_op(int line_fd, unsigned long cmd, uint32_t call, uint32_t flags);
int call_dial(int line_fd, uint32_t call, const char *digits, uint32_t flags);
int call_dealloc(int line_fd, uint32_t call);
int call_status(int line_fd, uint32_t call, struct tapi_call_status *st);
int call_info(int line_fd, uint32_t call, struct tapi_call_info *ci);
/* The call's state, or -errno. */
int call_state(int line_fd, uint32_t call);
int call_privilege(int line_fd, uint32_t call, uint32_t privilege);
int call_handoff(int line_fd, uint32_t call, uint32_t media,
		 const char *app_name);
/* TAPI_IOC_LINE_GET_NEW_CALLS; *remaining may be NULL.  Return: count. */
int call_new_calls(int line_fd, uint32_t *calls, unsigned int capacity,
		   uint32_t *remaining);
int call_address_status(int line_fd, unsigned int address,
			struct tapi_address_status *st);

/* One event within @timeout_ms.  Return: 1, 0 on timeout, -errno. */
int ev_read(int fd, struct tapi_event *ev, int timeout_ms);
/*
 * Skip events until one of @type (and of handle @call, unless 0) comes.
 * Return: 1, 0 on timeout, -errno.
 */
int ev_wait(int fd, uint32_t type, uint32_t call, struct tapi_event *ev,
	    int timeout_ms);
/* Wait for CALLSTATE @state of @call (any call if 0).  Return: as ev_wait. */
int ev_wait_state(int fd, uint32_t call, uint32_t state,
		  struct tapi_event *ev, int timeout_ms);
/* Read and discard what is queued.  Return: how many. */
int ev_drain(int fd);
/*
 * Line fd @a calls @dest, line fd @b gets the call and, if @answer,
 * answers it; waits for CONNECTED on @a.  Handles in *@ca and *@cb.
 * Return: 0 or -errno (-ETIMEDOUT after @timeout_ms per step).
 */
int call_connect(int a, int b, const char *dest, bool answer,
		 uint32_t *ca, uint32_t *cb, int timeout_ms);

/*
 * One whole call from line fd @a to line fd @b, whose number is @number:
 * made, offered to @b, answered, dropped by @a, dropped by @b, both handles
 * deallocated.  @sync: every request with TAPI_REQUEST_SYNC; else each
 * waits for its TAPI_EV_REPLY, as an event-driven application does.  @a
 * must get REPLY, @b REPLY and NEWCALL events; other events are skipped.
 * *@syscalls (unless NULL) counts the system calls made.
 * Return: 0, or -errno with *@what naming the step that failed.
 */
int call_round(int a, int b, const char *number, bool sync,
	       const char **what, unsigned long *syscalls);

/* Write a command to line @line's network attribute.  Return: 0, -errno. */
int sim_network(const struct sim_card *card, unsigned int line,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Name of a call state (for messages). */
const char *state_name(uint32_t state);

#endif /* _TAPI_SELFTEST_CALLS_H */
