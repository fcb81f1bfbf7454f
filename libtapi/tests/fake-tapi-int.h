/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fake-tapi.so's insides, shared by its files: fake-tapi.c (the device
 * nodes, line fds, events, ioctl dispatch), fake-calls.c (the call
 * commands), fake-supp.c (hold, transfer, conference, redirect),
 * fake-services.c (the other call services).  Not for the
 * tests: they see fake-tapi.h only.  Every function declared here is
 * hidden, so that it never takes the place of a program's own.
 */
#ifndef _FAKE_TAPI_INT_H
#define _FAKE_TAPI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/tapi.h>

#include "fake-tapi.h"

#define MAX_CALLS	16

struct fake_address {
	const char *address;
	unsigned int max_calls;
	uint32_t features;
	uint32_t call_features;
	uint32_t transfer_modes;
	unsigned int max_conf_members;
	uint32_t park_modes;
	uint32_t forward_modes;
	uint32_t completion_modes;
	unsigned int max_user_user;
};

struct fake_line {
	const char *name;
	uint32_t media_modes;
	uint32_t bearer_modes;
	uint32_t features;
	uint32_t devcaps_flags;
	unsigned int max_calls;
	unsigned int num_addresses;
	struct fake_address addresses[3];
};

struct fake_card {
	unsigned int index;
	const char *name;
	const char *driver;
	unsigned int num_lines;
	struct fake_line lines[2];
};

/*
 * A call as one line fd sees it.  @handle 0: a call of the line this fd
 * has no handle to (yet).  @valid: a placed call's handle is not valid
 * until its request succeeded.  @is_conf: a conference call;
 * @consult_for: the call id of the call a consultation call was made for
 * (held pending transfer or conference); a member's conference is its
 * info.related_call_id.
 */
struct fake_call {
	bool used;
	bool valid;
	bool is_conf;
	uint32_t consult_for;
	uint32_t handle;
	uint32_t privilege;
	struct tapi_call_info info;
	uint32_t state;
	uint32_t mode;
	uint64_t state_ns;
};

/* The forwarding of one address, as in struct tapi_address_status. */
struct fake_forward {
	unsigned int num;
	uint32_t no_answer_ms;
	struct tapi_forward_entry entries[TAPI_FORWARD_MAX];
};

/*
 * What a line fd is, besides a pipe.  @parked: the party parked at each
 * park address ("70" + slot), "" if none; @completions: the ids of the
 * call completions pending, 0 for a free slot.
 */
struct fake_lf {
	int wfd;		/* write end of the pipe; -1 once removed */
	uint32_t seqno;
	uint32_t privileges;
	uint32_t media_modes;
	uint64_t event_mask;
	uint32_t next_handle;
	uint32_t next_request;
	uint32_t next_call_id;
	struct fake_call calls[MAX_CALLS];
	struct fake_forward forward[3];
	char parked[FAKE_PARK_SLOTS][TAPI_DIAL_LEN];
	uint32_t completions[TAPI_MAX_COMPLETIONS];
	uint32_t next_completion;
};

/* A line fd and what it is a line of. */
struct fake_ctx {
	struct fake_lf *lf;
	const struct fake_line *line;
	unsigned int index;
};

/* The requests received (fake-tapi.c), exported for the tests. */
extern struct fake_tapi_log fake_tapi_log;

#pragma GCC visibility push(hidden)

/* fake-tapi.c: errors, events, calls */
int fail(int err);
void queue_event4(struct fake_lf *lf, uint32_t type, uint32_t line,
		  uint32_t call, uint32_t request_id, uint32_t p0,
		  uint32_t p1, uint32_t p2, uint32_t p3);
void queue_event(struct fake_lf *lf, uint32_t type, uint32_t line,
		 uint32_t call, uint32_t request_id, uint32_t p0,
		 uint32_t p1, uint32_t p2);
void set_party(struct tapi_call_party *p, const char *number,
	       const char *name);
void call_set_state(struct fake_call *c, uint32_t state, uint32_t mode);
struct fake_call *new_call(struct fake_lf *lf, unsigned int line,
			   unsigned int address_id, uint32_t call_id);

/* fake-calls.c: calls, as every command sees them; the call commands */
struct fake_call *find_handle(struct fake_lf *lf, uint32_t handle);
struct fake_call *find_call_id(struct fake_lf *lf, uint32_t call_id);
unsigned int conf_members(struct fake_lf *lf,
			  const struct fake_call *conf);
uint32_t legal_features(const struct fake_ctx *x,
			const struct fake_call *c);
void reply(const struct fake_ctx *x, const struct fake_call *c,
	   uint32_t id, int result);
bool str_ok(const char *s, size_t len, bool nonempty);
int address_in_use(const struct fake_ctx *x, unsigned int address_id);
/*
 * A request starts with outcome @err (0 or an errno): a synchronous one
 * fails with it at once, an asynchronous one gets an id and a reply about
 * @handle.  Returns the id (0 when synchronous), or -1.
 */
int request_start(const struct fake_ctx *x, uint32_t handle, uint32_t flags,
		  int err, uint32_t *request_id);
/* What a number the far end is at does to a request: EBUSY, ENXIO or 0. */
int far_end_error(const char *number);
int call_make(const struct fake_ctx *x, struct tapi_call_make *req);
int call_dial(const struct fake_ctx *x, struct tapi_call_dial *req);
int call_request(const struct fake_ctx *x, unsigned long cmd,
		 struct tapi_call_request *req);
int call_dealloc(const struct fake_ctx *x, struct tapi_call_dealloc *req);
int call_get_info(const struct fake_ctx *x, struct tapi_call_info *ci);
int call_get_status(const struct fake_ctx *x,
		    struct tapi_call_status *st);
int call_set_privilege(const struct fake_ctx *x,
		       struct tapi_call_privilege *req);
int call_handoff(const struct fake_ctx *x, struct tapi_call_handoff *req);
int new_calls(const struct fake_ctx *x, struct tapi_line_new_calls *req);
int address_status(const struct fake_ctx *x,
		   struct tapi_address_status *st);
int set_event_mask(const struct fake_ctx *x,
		   struct tapi_line_event_mask *req);
int set_priority(const struct fake_ctx *x,
		 struct tapi_line_priority *req);

/* fake-supp.c: hold, transfer and conference */
/* Move a call of this fd to a state; a member names its conference. */
void supp_state(const struct fake_ctx *x, struct fake_call *c,
		uint32_t state, uint32_t mode, uint32_t privilege);
/* The flags, then a handle: the common start of every command. */
int supp_get(const struct fake_ctx *x, uint32_t flags, uint32_t valid,
	     uint32_t handle, struct fake_call **c);
/* Capability, privilege, then the state (@states, or the features). */
int supp_check(const struct fake_ctx *x, const struct fake_call *c,
	       uint32_t feature, uint32_t states);
/* A new call on an address, owned by this fd, for a request under way. */
struct fake_call *owned_call(const struct fake_ctx *x,
			     unsigned int address_id);
void supp_call_end(const struct fake_ctx *x, struct fake_call *c);
void consult_progress(const struct fake_ctx *x, struct fake_call *c,
		      const char *digits);
int supp_request(const struct fake_ctx *x, unsigned long cmd,
		 struct tapi_call_request *req);
int supp_pair(const struct fake_ctx *x, unsigned long cmd,
	      struct tapi_call_pair *req);
int supp_consult(const struct fake_ctx *x, unsigned long cmd,
		 struct tapi_call_consult *req);
int supp_complete(const struct fake_ctx *x,
		  struct tapi_call_complete_transfer *req);
int supp_send_away(const struct fake_ctx *x, unsigned long cmd,
		   struct tapi_call_dial *req);
int supp_setup_conf(const struct fake_ctx *x,
		    struct tapi_call_setup_conf *req);
int supp_conf_related(const struct fake_ctx *x,
		      struct tapi_conf_related *req);

/* fake-services.c: the call services */
void services_init(struct fake_lf *lf);
/* The call services @c's state allows. */
uint32_t service_features(const struct fake_call *c);
int svc_take(const struct fake_ctx *x, unsigned long cmd,
	     struct tapi_line_pickup *req);
int svc_park(const struct fake_ctx *x, struct tapi_call_park *req);
int svc_forward(const struct fake_ctx *x, struct tapi_line_forward *req);
int svc_user_user(const struct fake_ctx *x, struct tapi_call_user_user *req);
int svc_complete(const struct fake_ctx *x, struct tapi_call_completion *req);
int svc_uncomplete(const struct fake_ctx *x,
		   struct tapi_line_uncomplete *req);

#pragma GCC visibility pop

#endif /* _FAKE_TAPI_INT_H */
