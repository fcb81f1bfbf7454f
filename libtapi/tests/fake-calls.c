// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fake-tapi.so: the calls of a line fd and the call commands (make call,
 * dial, answer, accept, drop, deallocate, info, status, privilege,
 * handoff, new calls), the address status and the line's settings.  Each
 * command checks its arguments in the core's order (handle, capability,
 * privilege, state), changes the call's state at once and queues the
 * %TAPI_EV_REPLY and %TAPI_EV_CALLSTATE records a card would cause.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fake-tapi-int.h"

struct fake_call *find_handle(struct fake_lf *lf, uint32_t handle)
{
	unsigned int i;

	if (!handle)
		return NULL;
	for (i = 0; i < MAX_CALLS; i++)
		if (lf->calls[i].used && lf->calls[i].valid &&
		    lf->calls[i].handle == handle)
			return &lf->calls[i];
	return NULL;
}

/* The operations the state allows (a rough cut of the core's table). */
static uint32_t state_features(uint32_t state)
{
	switch (state) {
	case TAPI_CALLSTATE_IDLE:
		return 0;
	case TAPI_CALLSTATE_OFFERING:
		return TAPI_CALLFEATURE_ACCEPT | TAPI_CALLFEATURE_ANSWER |
		       TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_ACCEPTED:
		return TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_DIALTONE:
	case TAPI_CALLSTATE_DIALING:
		return TAPI_CALLFEATURE_DIAL | TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_CONNECTED:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_HOLD |
		       TAPI_CALLFEATURE_BLINDTRANSFER |
		       TAPI_CALLFEATURE_SETUPTRANSFER |
		       TAPI_CALLFEATURE_SETUPCONF |
		       TAPI_CALLFEATURE_SWAPHOLD |
		       TAPI_CALLFEATURE_PREPAREADDCONF;
	case TAPI_CALLSTATE_ONHOLD:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_UNHOLD;
	case TAPI_CALLSTATE_ONHOLDPENDTRANSFER:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_COMPLETETRANSF;
	case TAPI_CALLSTATE_ONHOLDPENDCONF:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_ADDTOCONF;
	case TAPI_CALLSTATE_CONFERENCED:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_REMOVEFROMCONF;
	default:
		return TAPI_CALLFEATURE_DROP;
	}
}

struct fake_call *find_call_id(struct fake_lf *lf, uint32_t call_id)
{
	unsigned int i;

	for (i = 0; call_id && i < MAX_CALLS; i++)
		if (lf->calls[i].used && lf->calls[i].info.call_id == call_id)
			return &lf->calls[i];
	return NULL;
}

/* The members of conference call @conf. */
unsigned int conf_members(struct fake_lf *lf,
			  const struct fake_call *conf)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_CALLS; i++)
		n += lf->calls[i].used &&
		     lf->calls[i].state == TAPI_CALLSTATE_CONFERENCED &&
		     lf->calls[i].info.related_call_id == conf->info.call_id;
	return n;
}

static bool has_held(struct fake_lf *lf)
{
	unsigned int i;

	for (i = 0; i < MAX_CALLS; i++)
		if (lf->calls[i].used &&
		    (lf->calls[i].state == TAPI_CALLSTATE_ONHOLD ||
		     lf->calls[i].state == TAPI_CALLSTATE_ONHOLDPENDTRANSFER))
			return true;
	return false;
}

/* The state's operations, less what the calls around rule out. */
uint32_t legal_features(const struct fake_ctx *x,
			const struct fake_call *c)
{
	const struct fake_address *addr = &x->line->addresses[c->info.address_id];
	uint32_t f = state_features(c->state);
	struct fake_call *conf;

	if (c->is_conf) {
		f &= ~(TAPI_CALLFEATURE_SETUPTRANSFER |
		       TAPI_CALLFEATURE_BLINDTRANSFER |
		       TAPI_CALLFEATURE_SETUPCONF | TAPI_CALLFEATURE_SWAPHOLD);
		if (conf_members(x->lf, c) >= addr->max_conf_members)
			f &= ~(TAPI_CALLFEATURE_PREPAREADDCONF |
			       TAPI_CALLFEATURE_ADDTOCONF);
	} else {
		f &= ~(TAPI_CALLFEATURE_PREPAREADDCONF |
		       TAPI_CALLFEATURE_ADDTOCONF);
	}
	if (!has_held(x->lf))
		f &= ~TAPI_CALLFEATURE_SWAPHOLD;
	f |= service_features(c);
	if (c->state == TAPI_CALLSTATE_CONFERENCED) {
		conf = find_call_id(x->lf, c->info.related_call_id);
		if (!conf || conf_members(x->lf, conf) < 2)
			f &= ~TAPI_CALLFEATURE_REMOVEFROMCONF;
	}
	return f;
}

static uint32_t call_features(const struct fake_ctx *x,
			      const struct fake_call *c)
{
	if (c->privilege != TAPI_PRIV_OWNER)
		return 0;
	return legal_features(x, c) &
	       x->line->addresses[c->info.address_id].call_features;
}

/* Move a call to a state and tell its handle. */
static void change_state(const struct fake_ctx *x, struct fake_call *c,
			 uint32_t state, uint32_t mode, uint32_t privilege)
{
	call_set_state(c, state, mode);
	queue_event(x->lf, TAPI_EV_CALLSTATE, x->index, c->handle, 0, state,
		    mode, privilege);
}

void reply(const struct fake_ctx *x, const struct fake_call *c,
	   uint32_t id, int result)
{
	queue_event(x->lf, TAPI_EV_REPLY, x->index, c->handle, id,
		    (uint32_t)result, 0, 0);
}

int request_start(const struct fake_ctx *x, uint32_t handle, uint32_t flags,
		  int err, uint32_t *request_id)
{
	uint32_t id = flags & TAPI_REQUEST_SYNC ? 0 : x->lf->next_request++;

	if (err && !id)
		return fail(err);
	*request_id = id;
	if (id)
		queue_event(x->lf, TAPI_EV_REPLY, x->index, handle, id,
			    (uint32_t)-err, 0, 0);
	return id;
}

int far_end_error(const char *number)
{
	if (!strcmp(number, "busy"))
		return EBUSY;
	if (!strcmp(number, "nowhere"))
		return ENXIO;
	return 0;
}

int address_in_use(const struct fake_ctx *x, unsigned int address_id)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_CALLS; i++)
		if (x->lf->calls[i].used &&
		    x->lf->calls[i].info.address_id == address_id &&
		    x->lf->calls[i].state != TAPI_CALLSTATE_IDLE)
			n++;
	return n;
}

/* Does a string end within its field?  Non-empty if @nonempty. */
bool str_ok(const char *s, size_t len, bool nonempty)
{
	size_t n = strnlen(s, len);

	return n < len && (n || !nonempty);
}

int call_make(const struct fake_ctx *x, struct tapi_call_make *req)
{
	bool sync = req->flags & TAPI_CALL_MAKE_SYNC;
	const struct fake_address *addr;
	struct fake_call *c;
	uint32_t id;

	fake_tapi_log.call_make = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_CALL_MAKE_VALID)
		return fail(EOPNOTSUPP);
	if (req->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	addr = &x->line->addresses[req->address_id];
	if (!(x->line->features & TAPI_LINEFEATURE_MAKECALL) ||
	    !(addr->features & TAPI_ADDRFEATURE_MAKECALL))
		return fail(EOPNOTSUPP);
	if (req->media_mode & (req->media_mode - 1) ||
	    req->bearer_mode & (req->bearer_mode - 1) ||
	    !str_ok(req->dest, sizeof(req->dest), false))
		return fail(EINVAL);
	if ((req->media_mode && !(req->media_mode & x->line->media_modes)) ||
	    (req->bearer_mode && !(req->bearer_mode & x->line->bearer_modes)))
		return fail(EOPNOTSUPP);
	if (!strcmp(req->dest, "full") ||
	    address_in_use(x, req->address_id) >= (int)addr->max_calls)
		return fail(EBUSY);
	c = new_call(x->lf, x->index, req->address_id, x->lf->next_call_id++);
	if (!c)
		return fail(EBUSY);

	c->handle = x->lf->next_handle++;
	c->privilege = TAPI_PRIV_OWNER;
	c->info.origin = TAPI_CALLORIGIN_OUTBOUND;
	if (req->media_mode)
		c->info.media_mode = req->media_mode;
	if (req->bearer_mode)
		c->info.bearer_mode = req->bearer_mode;
	set_party(&c->info.caller, addr->address, "");
	if (req->flags & TAPI_CALL_MAKE_BLOCKID)
		c->info.caller.flags = TAPI_PARTYID_BLOCKED;
	set_party(&c->info.called, req->dest, "");
	call_set_state(c, TAPI_CALLSTATE_UNKNOWN, 0);
	req->call = c->handle;
	id = sync ? 0 : x->lf->next_request++;
	req->request_id = id;

	if (!strcmp(req->dest, "fail")) {
		c->used = false;	/* the handle never becomes valid */
		if (sync)
			return fail(EIO);
		reply(x, c, id, -EIO);
		return id;
	}
	c->valid = true;
	if (!sync)
		reply(x, c, id, 0);
	queue_event(x->lf, TAPI_EV_ADDRESSSTATE, x->index, 0, 0,
		    req->address_id,
		    TAPI_ADDRSTATE_INUSEONE | TAPI_ADDRSTATE_NUMCALLS,
		    address_in_use(x, req->address_id));
	if (!req->dest[0]) {
		change_state(x, c, TAPI_CALLSTATE_DIALTONE,
			     TAPI_DIALTONEMODE_NORMAL, TAPI_PRIV_OWNER);
		return id;
	}
	change_state(x, c, TAPI_CALLSTATE_PROCEEDING, 0, TAPI_PRIV_OWNER);
	if (!strcmp(req->dest, "busy")) {
		change_state(x, c, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_BUSY, 0);
		return id;
	}
	if (!strcmp(req->dest, "engaged")) {
		change_state(x, c, TAPI_CALLSTATE_BUSY, TAPI_BUSYMODE_STATION,
			     0);
		return id;
	}
	change_state(x, c, TAPI_CALLSTATE_RINGBACK, 0, 0);
	if (!strcmp(req->dest, "ringing"))
		return id;
	if (!strcmp(req->dest, "noanswer")) {
		change_state(x, c, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_NOANSWER, 0);
		return id;
	}
	set_party(&c->info.connected, req->dest, "");
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_CONNECTEDID, 0, 0);
	change_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		     0);
	return id;
}

/*
 * Dial, answer, accept, drop: check as the core does (handle, capability,
 * privilege, state), then reply and move the call on.
 */
static int call_op(const struct fake_ctx *x, unsigned long cmd, uint32_t flags,
		   uint32_t handle, uint32_t *request_id, uint32_t feature)
{
	struct fake_call *c;
	uint32_t id;

	if (flags & ~TAPI_REQUEST_VALID)
		return fail(EOPNOTSUPP);
	c = find_handle(x->lf, handle);
	if (!c)
		return fail(ENOENT);
	if (!(x->line->addresses[c->info.address_id].call_features & feature))
		return fail(EOPNOTSUPP);
	if (c->privilege != TAPI_PRIV_OWNER)
		return fail(EPERM);
	if (!(state_features(c->state) & feature))
		return fail(EBADFD);

	id = request_start(x, c->handle, flags, 0, request_id);
	switch (cmd) {
	case TAPI_IOC_CALL_DIAL:
		change_state(x, c, TAPI_CALLSTATE_DIALING, 0, 0);
		break;
	case TAPI_IOC_CALL_ANSWER:
		change_state(x, c, TAPI_CALLSTATE_CONNECTED,
			     TAPI_CONNECTEDMODE_ACTIVE, 0);
		break;
	case TAPI_IOC_CALL_ACCEPT:
		change_state(x, c, TAPI_CALLSTATE_ACCEPTED, 0, 0);
		break;
	case TAPI_IOC_CALL_DROP:
		change_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
		queue_event(x->lf, TAPI_EV_ADDRESSSTATE, x->index, 0, 0,
			    c->info.address_id, TAPI_ADDRSTATE_NUMCALLS,
			    address_in_use(x, c->info.address_id));
		supp_call_end(x, c);
		break;
	}
	return id;
}

int call_dial(const struct fake_ctx *x, struct tapi_call_dial *req)
{
	struct fake_call *c;
	int ret;

	fake_tapi_log.call_dial = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID) &&
	    !str_ok(req->digits, sizeof(req->digits), true))
		return fail(EINVAL);
	ret = call_op(x, TAPI_IOC_CALL_DIAL, req->flags, req->call,
		      &req->request_id, TAPI_CALLFEATURE_DIAL);
	c = ret < 0 ? NULL : find_handle(x->lf, req->call);
	if (c && c->consult_for)
		consult_progress(x, c, req->digits);
	return ret;
}

int call_request(const struct fake_ctx *x, unsigned long cmd,
		 struct tapi_call_request *req)
{
	uint32_t feature = cmd == TAPI_IOC_CALL_ANSWER ?
		TAPI_CALLFEATURE_ANSWER : cmd == TAPI_IOC_CALL_ACCEPT ?
		TAPI_CALLFEATURE_ACCEPT : TAPI_CALLFEATURE_DROP;

	fake_tapi_log.call_request = *req;
	fake_tapi_log.call_request_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	return call_op(x, cmd, req->flags, req->call, &req->request_id,
		       feature);
}

int call_dealloc(const struct fake_ctx *x, struct tapi_call_dealloc *req)
{
	struct fake_call *c;

	fake_tapi_log.call_dealloc = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (req->reserved)
		return fail(EINVAL);
	c = find_handle(x->lf, req->call);
	if (!c)
		return fail(ENOENT);
	/* The fake's calls have no other owner. */
	if (c->privilege == TAPI_PRIV_OWNER &&
	    c->state != TAPI_CALLSTATE_IDLE)
		return fail(EBUSY);
	if (c->state == TAPI_CALLSTATE_IDLE) {
		c->used = false;
	} else {
		/* Still on the line: get_new_calls would find it again. */
		c->handle = 0;
		c->valid = false;
	}
	return 0;
}

int call_get_info(const struct fake_ctx *x, struct tapi_call_info *ci)
{
	struct fake_call *c;
	uint32_t call;

	memset(&fake_tapi_log.call_info, 0, sizeof(fake_tapi_log.call_info));
	memcpy(&fake_tapi_log.call_info, ci, offsetof(struct tapi_call_info,
						      line));
	if (ci->size != sizeof(*ci))
		return fail(EINVAL);
	if (ci->flags)
		return fail(EOPNOTSUPP);
	if (ci->reserved)
		return fail(EINVAL);
	c = find_handle(x->lf, ci->call);
	if (!c)
		return fail(ENOENT);
	call = ci->call;
	*ci = c->info;
	ci->size = sizeof(*ci);
	ci->flags = 0;
	ci->call = call;
	ci->num_owners = c->privilege == TAPI_PRIV_OWNER;
	ci->num_monitors = c->privilege == TAPI_PRIV_MONITOR;
	if (c->info.call_id == FAKE_CALL_ID_B ||
	    c->info.call_id == FAKE_CALL_ID_HELD ||
	    (c->info.call_id >= FAKE_CONF_ID &&
	     c->info.call_id <= FAKE_CONF_ID + 2))
		ci->num_owners++;	/* someone else's call */
	/* Junk after the NULs: only the strings count. */
	memset(ci->caller.name + strlen(ci->caller.name) + 1, 'X',
	       sizeof(ci->caller.name) - strlen(ci->caller.name) - 1);
	return 0;
}

int call_get_status(const struct fake_ctx *x,
		    struct tapi_call_status *st)
{
	struct fake_call *c;

	memset(&fake_tapi_log.call_status, 0,
	       sizeof(fake_tapi_log.call_status));
	memcpy(&fake_tapi_log.call_status, st,
	       offsetof(struct tapi_call_status, state));
	if (st->size != sizeof(*st))
		return fail(EINVAL);
	if (st->flags)
		return fail(EOPNOTSUPP);
	c = find_handle(x->lf, st->call);
	if (!c)
		return fail(ENOENT);
	st->state = c->state;
	st->mode = c->mode;
	st->privilege = c->privilege;
	st->call_features = call_features(x, c);
	st->call_id = c->info.call_id;
	st->state_ns = c->state_ns;
	return 0;
}

int call_set_privilege(const struct fake_ctx *x,
		       struct tapi_call_privilege *req)
{
	struct fake_call *c;

	fake_tapi_log.call_privilege = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	c = find_handle(x->lf, req->call);
	if (!c)
		return fail(ENOENT);
	if (req->privilege != TAPI_PRIV_OWNER &&
	    req->privilege != TAPI_PRIV_MONITOR)
		return fail(EINVAL);
	if (req->privilege == c->privilege)
		return 0;
	c->privilege = req->privilege;
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_NUMOWNERS | TAPI_CALLINFO_NUMMONITORS, 0, 0);
	queue_event(x->lf, TAPI_EV_CALLSTATE, x->index, c->handle, 0,
		    c->state, c->mode, c->privilege);
	return 0;
}

int call_handoff(const struct fake_ctx *x, struct tapi_call_handoff *req)
{
	struct fake_call *c;

	fake_tapi_log.call_handoff = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (!str_ok(req->app_name, sizeof(req->app_name), false))
		return fail(EINVAL);
	c = find_handle(x->lf, req->call);
	if (!c)
		return fail(ENOENT);
	if (c->privilege != TAPI_PRIV_OWNER)
		return fail(EPERM);
	if (!req->media_mode == !req->app_name[0])
		return fail(EINVAL);
	return fail(ESRCH);	/* nobody else is here */
}

int new_calls(const struct fake_ctx *x, struct tapi_line_new_calls *req)
{
	uint32_t *out = (uint32_t *)(uintptr_t)req->handles;
	unsigned int i;

	fake_tapi_log.new_calls = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_NEW_CALLS_VALID)
		return fail(EOPNOTSUPP);
	if (req->flags & TAPI_NEW_CALLS_ADDRESS &&
	    req->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	if (req->capacity && !out)
		return fail(EFAULT);
	req->count = 0;
	req->remaining = 0;
	for (i = 0; i < MAX_CALLS; i++) {
		struct fake_call *c = &x->lf->calls[i];

		if (!c->used || c->handle || c->state == TAPI_CALLSTATE_IDLE)
			continue;
		if (req->flags & TAPI_NEW_CALLS_ADDRESS &&
		    c->info.address_id != req->address_id)
			continue;
		if (req->count == req->capacity) {
			req->remaining++;
			continue;
		}
		c->handle = x->lf->next_handle++;
		c->valid = true;
		c->privilege = TAPI_PRIV_MONITOR;
		out[req->count++] = c->handle;
	}
	return 0;
}

int address_status(const struct fake_ctx *x,
		   struct tapi_address_status *st)
{
	const struct fake_address *addr;
	struct fake_forward *fwd;
	unsigned int i;

	memset(&fake_tapi_log.address_status, 0,
	       sizeof(fake_tapi_log.address_status));
	memcpy(&fake_tapi_log.address_status, st,
	       offsetof(struct tapi_address_status, num_inuse));
	if (st->size != sizeof(*st))
		return fail(EINVAL);
	if (st->flags)
		return fail(EOPNOTSUPP);
	if (st->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	addr = &x->line->addresses[st->address_id];
	st->num_inuse = 0;
	st->num_active_calls = 0;
	st->num_onhold_calls = 0;
	st->num_onholdpend_calls = 0;
	for (i = 0; i < MAX_CALLS; i++) {
		struct fake_call *c = &x->lf->calls[i];

		if (!c->used || c->info.address_id != st->address_id ||
		    c->state == TAPI_CALLSTATE_IDLE)
			continue;
		st->num_inuse++;
		if (c->state != TAPI_CALLSTATE_DISCONNECTED)
			st->num_active_calls++;
	}
	st->address_features = addr->features;
	if (st->num_inuse >= addr->max_calls)
		st->address_features &= ~(TAPI_ADDRFEATURE_MAKECALL |
					  TAPI_ADDRFEATURE_PICKUP |
					  TAPI_ADDRFEATURE_UNPARK);
	fwd = &x->lf->forward[st->address_id];
	st->num_forward = fwd->num;
	st->forward_no_answer_ms = fwd->no_answer_ms;
	memcpy(st->forward, fwd->entries, sizeof(st->forward));
	return 0;
}

int set_event_mask(const struct fake_ctx *x,
		   struct tapi_line_event_mask *req)
{
	fake_tapi_log.event_mask = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (req->event_mask & ~TAPI_EV_MASK_VALID)
		return fail(EOPNOTSUPP);
	x->lf->event_mask = req->event_mask;
	return 0;
}

int set_priority(const struct fake_ctx *x,
		 struct tapi_line_priority *req)
{
	fake_tapi_log.priority = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (!req->media_modes || req->media_modes & ~x->lf->media_modes)
		return fail(EINVAL);
	return 0;
}
