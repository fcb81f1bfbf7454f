// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fake-tapi.so: the supplementary services (hold, transfer, conference)
 * on the calls of fake-calls.c, in the same rough way.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fake-tapi-int.h"

/* Move a call of this fd to a state; a member names its conference. */
void supp_state(const struct fake_ctx *x, struct fake_call *c,
		uint32_t state, uint32_t mode, uint32_t privilege)
{
	call_set_state(c, state, mode);
	if (state != TAPI_CALLSTATE_CONFERENCED)
		c->info.related_call_id = c->consult_for;
	if (!c->valid || !c->handle)
		return;
	queue_event4(x->lf, TAPI_EV_CALLSTATE, x->index, c->handle, 0, state,
		     mode, privilege,
		     state == TAPI_CALLSTATE_CONFERENCED ?
		     c->info.related_call_id : 0);
}

static void supp_join(const struct fake_ctx *x, struct fake_call *conf,
		      struct fake_call *m)
{
	m->consult_for = 0;
	m->info.related_call_id = conf->info.call_id;
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, m->handle, 0,
		    TAPI_CALLINFO_RELATEDCALLID, 0, 0);
	supp_state(x, m, TAPI_CALLSTATE_CONFERENCED, 0, 0);
}

/*
 * A call went idle: a consultation call gives its held call back, a
 * conference call takes its members and consultation call with it, a
 * conference that lost its last member goes idle.
 */
void supp_call_end(const struct fake_ctx *x, struct fake_call *c)
{
	struct fake_call *other = find_call_id(x->lf, c->consult_for);
	unsigned int i;

	c->consult_for = 0;
	if (other && (other->state == TAPI_CALLSTATE_ONHOLDPENDTRANSFER ||
		      (other->state == TAPI_CALLSTATE_ONHOLDPENDCONF &&
		       conf_members(x->lf, other))))
		supp_state(x, other, TAPI_CALLSTATE_CONNECTED,
			   TAPI_CONNECTEDMODE_ACTIVE, 0);
	if (c->is_conf) {
		for (i = 0; i < MAX_CALLS; i++) {
			struct fake_call *m = &x->lf->calls[i];

			if (!m->used || m->state == TAPI_CALLSTATE_IDLE ||
			    (m->info.related_call_id != c->info.call_id &&
			     m->consult_for != c->info.call_id))
				continue;
			m->consult_for = 0;
			supp_state(x, m, TAPI_CALLSTATE_IDLE, 0, 0);
		}
		return;
	}
	other = find_call_id(x->lf, c->info.related_call_id);
	if (other && other->is_conf && other->state != TAPI_CALLSTATE_IDLE &&
	    !conf_members(x->lf, other)) {
		supp_state(x, other, TAPI_CALLSTATE_IDLE, 0, 0);
		supp_call_end(x, other);
	}
}

/* A consultation call dialled goes on as a placed call would. */
void consult_progress(const struct fake_ctx *x, struct fake_call *c,
		      const char *digits)
{
	set_party(&c->info.called, digits, "");
	if (!strcmp(digits, "busy")) {
		supp_state(x, c, TAPI_CALLSTATE_BUSY, TAPI_BUSYMODE_STATION, 0);
		return;
	}
	supp_state(x, c, TAPI_CALLSTATE_RINGBACK, 0, 0);
	if (!strcmp(digits, "noanswer")) {
		supp_state(x, c, TAPI_CALLSTATE_DISCONNECTED,
			   TAPI_DISCONNECTMODE_NOANSWER, 0);
		return;
	}
	set_party(&c->info.connected, digits, "");
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_CONNECTEDID, 0, 0);
	supp_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		   0);
}

/* The flags, then a handle: the common start of every command. */
int supp_get(const struct fake_ctx *x, uint32_t flags, uint32_t valid,
	     uint32_t handle, struct fake_call **c)
{
	if (flags & ~valid)
		return fail(EOPNOTSUPP);
	*c = find_handle(x->lf, handle);
	return *c ? 0 : fail(ENOENT);
}

/* Capability, privilege, then the state (@states, or the features). */
int supp_check(const struct fake_ctx *x, const struct fake_call *c,
	       uint32_t feature, uint32_t states)
{
	if (!(x->line->addresses[c->info.address_id].call_features & feature))
		return fail(EOPNOTSUPP);
	if (c->privilege != TAPI_PRIV_OWNER)
		return fail(EPERM);
	if (states ? !(c->state & states) :
	    !(legal_features(x, c) & feature))
		return fail(EBADFD);
	return 0;
}

/* Room on @c's address for one more call, @c not counted. */
static int supp_room(const struct fake_ctx *x, const struct fake_call *c)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_CALLS; i++) {
		const struct fake_call *o = &x->lf->calls[i];

		n += o->used && o != c &&
		     o->info.address_id == c->info.address_id &&
		     o->state != TAPI_CALLSTATE_IDLE &&
		     o->state != TAPI_CALLSTATE_CONFERENCED;
	}
	if (n >= x->line->addresses[c->info.address_id].max_calls)
		return fail(EBUSY);
	return 0;
}

/* ENOSPC if conference call @c has all the members it may. */
static int supp_conf_room(const struct fake_ctx *x, const struct fake_call *c)
{
	if (c->is_conf && conf_members(x->lf, c) >=
	    x->line->addresses[c->info.address_id].max_conf_members)
		return fail(ENOSPC);
	return 0;
}

struct fake_call *owned_call(const struct fake_ctx *x,
			     unsigned int address_id)
{
	struct fake_call *c;

	c = new_call(x->lf, x->index, address_id, x->lf->next_call_id++);
	if (!c)
		return NULL;
	c->handle = x->lf->next_handle++;
	c->valid = true;
	c->privilege = TAPI_PRIV_OWNER;
	call_set_state(c, TAPI_CALLSTATE_UNKNOWN, 0);
	return c;
}

/* A new call like @from, owned by this fd, for a request under way. */
static struct fake_call *supp_new_call(const struct fake_ctx *x,
				       const struct fake_call *from, bool conf)
{
	struct fake_call *c = owned_call(x, from->info.address_id);

	if (!c)
		return NULL;
	c->is_conf = conf;
	c->info.origin = conf ? TAPI_CALLORIGIN_CONFERENCE :
		TAPI_CALLORIGIN_OUTBOUND;
	c->info.media_mode = from->info.media_mode;
	c->info.bearer_mode = from->info.bearer_mode;
	return c;
}

/* The request starts: its id, and its reply unless synchronous. */
static uint32_t supp_start(const struct fake_ctx *x, const struct fake_call *c,
			   uint32_t flags, uint32_t *request_id)
{
	return request_start(x, c->handle, flags, 0, request_id);
}

/* The call feature each command on one call needs. */
static uint32_t request_feature(unsigned long cmd)
{
	switch (cmd) {
	case TAPI_IOC_CALL_HOLD:
		return TAPI_CALLFEATURE_HOLD;
	case TAPI_IOC_CALL_UNHOLD:
		return TAPI_CALLFEATURE_UNHOLD;
	case TAPI_IOC_CALL_SECURE:
		return TAPI_CALLFEATURE_SECURECALL;
	default:
		return TAPI_CALLFEATURE_REMOVEFROMCONF;
	}
}

/* Hold, unhold, remove from conference, secure call. */
int supp_request(const struct fake_ctx *x, unsigned long cmd,
		 struct tapi_call_request *req)
{
	uint32_t feature = request_feature(cmd);
	struct fake_call *c;
	uint32_t id;

	fake_tapi_log.call_request = *req;
	fake_tapi_log.call_request_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c) ||
	    supp_check(x, c, feature, 0))
		return -1;
	id = supp_start(x, c, req->flags, &req->request_id);
	switch (cmd) {
	case TAPI_IOC_CALL_HOLD:
		supp_state(x, c, TAPI_CALLSTATE_ONHOLD, 0, 0);
		break;
	case TAPI_IOC_CALL_UNHOLD:
		supp_state(x, c, TAPI_CALLSTATE_CONNECTED,
			   TAPI_CONNECTEDMODE_ACTIVE, 0);
		break;
	case TAPI_IOC_CALL_SECURE:
		c->info.param_flags |= TAPI_CALLPARAM_SECURE;
		queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
			    TAPI_CALLINFO_CALLPARAMFLAGS, 0, 0);
		break;
	default:
		c->info.related_call_id = 0;
		queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
			    TAPI_CALLINFO_RELATEDCALLID, 0, 0);
		supp_state(x, c, TAPI_CALLSTATE_ONHOLD, 0, 0);
		break;
	}
	return id;
}

/* Swap hold, add to conference. */
int supp_pair(const struct fake_ctx *x, unsigned long cmd,
	      struct tapi_call_pair *req)
{
	bool swap = cmd == TAPI_IOC_CALL_SWAP_HOLD;
	uint32_t feature = swap ? TAPI_CALLFEATURE_SWAPHOLD :
		TAPI_CALLFEATURE_ADDTOCONF;
	struct fake_call *c, *o;
	uint32_t id, state;

	fake_tapi_log.call_pair = *req;
	fake_tapi_log.call_pair_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	o = find_handle(x->lf, req->other);
	if (!o)
		return fail(ENOENT);
	if (o == c || req->reserved)
		return fail(EINVAL);
	if (!swap && supp_conf_room(x, c))
		return -1;
	if (supp_check(x, c, feature, 0) ||
	    supp_check(x, o, feature, swap ?
		       TAPI_CALLSTATE_ONHOLD |
		       TAPI_CALLSTATE_ONHOLDPENDTRANSFER :
		       TAPI_CALLSTATE_CONNECTED))
		return -1;
	if (!swap && o->is_conf)
		return fail(EBADFD);
	id = supp_start(x, c, req->flags, &req->request_id);
	if (swap) {
		state = o->state;
		supp_state(x, o, TAPI_CALLSTATE_CONNECTED,
			   TAPI_CONNECTEDMODE_ACTIVE, 0);
		supp_state(x, c, state, 0, 0);
		return id;
	}
	supp_join(x, c, o);
	supp_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		   0);
	return id;
}

/* Setup transfer, prepare add to conference. */
int supp_consult(const struct fake_ctx *x, unsigned long cmd,
		 struct tapi_call_consult *req)
{
	bool transfer = cmd == TAPI_IOC_CALL_SETUP_TRANSFER;
	struct fake_call *c, *consult;
	uint32_t id;

	fake_tapi_log.call_consult = *req;
	fake_tapi_log.call_consult_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	if (req->reserved)
		return fail(EINVAL);
	if (!transfer && supp_conf_room(x, c))
		return -1;
	if (supp_check(x, c, transfer ? TAPI_CALLFEATURE_SETUPTRANSFER :
		       TAPI_CALLFEATURE_PREPAREADDCONF, 0) ||
	    supp_room(x, c))
		return -1;
	consult = supp_new_call(x, c, false);
	if (!consult)
		return fail(EBUSY);
	consult->consult_for = c->info.call_id;
	consult->info.related_call_id = c->info.call_id;
	req->consult = consult->handle;
	id = supp_start(x, c, req->flags, &req->request_id);
	supp_state(x, c, transfer ? TAPI_CALLSTATE_ONHOLDPENDTRANSFER :
		   TAPI_CALLSTATE_ONHOLDPENDCONF, 0, 0);
	supp_state(x, consult, TAPI_CALLSTATE_DIALTONE,
		   TAPI_DIALTONEMODE_INTERNAL, TAPI_PRIV_OWNER);
	return id;
}

int supp_complete(const struct fake_ctx *x,
		  struct tapi_call_complete_transfer *req)
{
	bool as_conf = req->flags & TAPI_COMPLETE_TRANSFER_CONFERENCE;
	struct fake_call *c, *o, *conf;
	uint32_t id, mode;

	fake_tapi_log.complete_transfer = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_COMPLETE_TRANSFER_VALID, req->call,
		     &c))
		return -1;
	o = find_handle(x->lf, req->consult);
	if (!o)
		return fail(ENOENT);
	if (o == c)
		return fail(EINVAL);
	mode = as_conf ? TAPI_TRANSFER_CONFERENCE : TAPI_TRANSFER_TRANSFER;
	if (!(x->line->addresses[c->info.address_id].transfer_modes & mode))
		return fail(EOPNOTSUPP);
	if (supp_check(x, c, TAPI_CALLFEATURE_COMPLETETRANSF, 0) ||
	    supp_check(x, o, TAPI_CALLFEATURE_COMPLETETRANSF,
		       TAPI_CALLSTATE_CONNECTED))
		return -1;
	if (o->is_conf)
		return fail(EBADFD);
	conf = NULL;
	req->conf = 0;
	if (as_conf) {
		conf = supp_new_call(x, c, true);
		if (!conf)
			return fail(ENOMEM);
		req->conf = conf->handle;
	}
	id = supp_start(x, c, req->flags, &req->request_id);
	c->consult_for = 0;
	o->consult_for = 0;
	if (!conf) {
		supp_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
		supp_state(x, o, TAPI_CALLSTATE_IDLE, 0, 0);
		return id;
	}
	supp_join(x, conf, c);
	supp_join(x, conf, o);
	supp_state(x, conf, TAPI_CALLSTATE_CONNECTED,
		   TAPI_CONNECTEDMODE_ACTIVE, TAPI_PRIV_OWNER);
	return id;
}

int supp_send_away(const struct fake_ctx *x, unsigned long cmd,
		   struct tapi_call_dial *req)
{
	bool redirect = cmd == TAPI_IOC_CALL_REDIRECT;
	struct fake_call *c;
	int id, err;

	if (redirect)
		fake_tapi_log.redirect = *req;
	else
		fake_tapi_log.blind_transfer = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID) &&
	    !str_ok(req->digits, sizeof(req->digits), true))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c) ||
	    supp_check(x, c, redirect ? TAPI_CALLFEATURE_REDIRECT :
		       TAPI_CALLFEATURE_BLINDTRANSFER, 0))
		return -1;
	err = far_end_error(req->digits);
	id = request_start(x, c->handle, req->flags, err, &req->request_id);
	if (id >= 0 && !err)
		supp_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
	return id;
}

int supp_setup_conf(const struct fake_ctx *x,
		    struct tapi_call_setup_conf *req)
{
	unsigned int parties = req->num_parties ? req->num_parties : 2;
	struct fake_call *c, *conf, *consult;
	uint32_t id;

	fake_tapi_log.setup_conf = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	if (req->reserved || parties < 2)
		return fail(EINVAL);
	if (supp_check(x, c, TAPI_CALLFEATURE_SETUPCONF, 0))
		return -1;
	if (parties > x->line->addresses[c->info.address_id].max_conf_members)
		return fail(EINVAL);
	if (supp_room(x, c))
		return -1;
	conf = supp_new_call(x, c, true);
	consult = conf ? supp_new_call(x, c, false) : NULL;
	if (!consult) {
		if (conf)
			conf->used = false;
		return fail(EBUSY);
	}
	consult->consult_for = conf->info.call_id;
	consult->info.related_call_id = conf->info.call_id;
	req->conf = conf->handle;
	req->consult = consult->handle;
	id = supp_start(x, c, req->flags, &req->request_id);
	supp_join(x, conf, c);
	supp_state(x, conf, TAPI_CALLSTATE_ONHOLDPENDCONF, 0,
		   TAPI_PRIV_OWNER);
	supp_state(x, consult, TAPI_CALLSTATE_DIALTONE,
		   TAPI_DIALTONEMODE_INTERNAL, TAPI_PRIV_OWNER);
	return id;
}

int supp_conf_related(const struct fake_ctx *x,
		      struct tapi_conf_related *req)
{
	struct tapi_conf_member *out =
		(struct tapi_conf_member *)(uintptr_t)req->members;
	struct fake_call *c, *conf;
	unsigned int i;

	fake_tapi_log.conf_related = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, 0, req->call, &c))
		return -1;
	req->count = 0;
	req->remaining = 0;
	conf = c->is_conf ? c : c->state == TAPI_CALLSTATE_CONFERENCED ?
		find_call_id(x->lf, c->info.related_call_id) : NULL;
	if (!conf)
		return fail(EINVAL);
	if (req->capacity && !out)
		return fail(EFAULT);
	for (i = 0; i <= MAX_CALLS; i++) {
		/* The conference call first, then its members. */
		struct fake_call *m = i ? &x->lf->calls[i - 1] : conf;

		if (i && (!m->used || m->state != TAPI_CALLSTATE_CONFERENCED ||
			  m->info.related_call_id != conf->info.call_id))
			continue;
		if (req->count == req->capacity) {
			req->remaining++;
			continue;
		}
		memset(&out[req->count], 0, sizeof(out[0]));
		out[req->count].call_id = m->info.call_id;
		out[req->count].handle = m->valid ? m->handle : 0;
		out[req->count].state = m->state;
		req->count++;
	}
	return 0;
}
