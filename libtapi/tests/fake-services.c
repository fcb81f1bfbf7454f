// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fake-tapi.so: the call services (pickup, park, unpark, forward,
 * user-user information, call completion; redirect and secure call are
 * in fake-supp.c, with blind transfer and hold) on the calls of
 * fake-calls.c.  Each
 * command checks its arguments in the order of the uapi (size, flags, its
 * own arguments, handle or address, capability, privilege, state), then
 * starts: a result about the far end (fake-tapi.h names the numbers that
 * cause each) is the outcome of the request, its reply or the synchronous
 * ioctl's error.
 *
 * The fake switch, seen from each line fd: park addresses "70" to "73",
 * FAKE_PARK_TAKEN taken when the fd opens; calls alerting for pickup;
 * call completions pending on the fd.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fake-tapi-int.h"

/* The slot of park address @s ("70" to "73"), or -1 if it is none. */
static int park_slot(const char *s)
{
	if (s[0] != '7' || s[1] < '0' || s[1] >= '0' + FAKE_PARK_SLOTS ||
	    s[2])
		return -1;
	return s[1] - '0';
}

static bool one_bit_of(uint32_t mode, uint32_t valid)
{
	return mode && !(mode & (mode - 1)) && !(mode & ~valid);
}

void services_init(struct fake_lf *lf)
{
	int slot = park_slot(FAKE_PARK_TAKEN);

	memcpy(lf->parked[slot], FAKE_PARKED_PARTY,
	       sizeof(FAKE_PARKED_PARTY));
	lf->next_completion = 1;
}

uint32_t service_features(const struct fake_call *c)
{
	uint32_t f = 0;

	switch (c->state) {
	case TAPI_CALLSTATE_IDLE:
	case TAPI_CALLSTATE_DISCONNECTED:
		return 0;
	case TAPI_CALLSTATE_OFFERING:
	case TAPI_CALLSTATE_ACCEPTED:
		f = TAPI_CALLFEATURE_REDIRECT | TAPI_CALLFEATURE_SENDUSERUSER;
		break;
	case TAPI_CALLSTATE_PROCEEDING:
		f = TAPI_CALLFEATURE_SENDUSERUSER;
		break;
	case TAPI_CALLSTATE_RINGBACK:
		f = TAPI_CALLFEATURE_SENDUSERUSER |
		    TAPI_CALLFEATURE_COMPLETECALL;
		break;
	case TAPI_CALLSTATE_BUSY:
		f = TAPI_CALLFEATURE_COMPLETECALL;
		break;
	case TAPI_CALLSTATE_CONNECTED:
		f = TAPI_CALLFEATURE_SENDUSERUSER;
		if (!c->is_conf)
			f |= TAPI_CALLFEATURE_PARK;
		break;
	}
	if (!(c->info.param_flags & TAPI_CALLPARAM_SECURE))
		f |= TAPI_CALLFEATURE_SECURECALL;
	return f;
}

/* ---- pickup, unpark ---- */

/* The outcome of a pickup or an unpark at @req's number or group. */
static int take_error(const struct fake_lf *lf, bool unpark,
		      const struct tapi_line_pickup *req)
{
	int slot;

	if (unpark) {
		slot = park_slot(req->dest);
		if (slot < 0)
			return ENXIO;
		return lf->parked[slot][0] ? 0 : ESRCH;
	}
	if (!req->dest[0])
		return !req->group[0] ||
			!strcmp(req->group, FAKE_PICKUP_GROUP) ? 0 : ESRCH;
	if (!strcmp(req->dest, FAKE_PICKUP_DEST))
		return 0;
	return far_end_error(req->dest) == ENXIO ? ENXIO : ESRCH;
}

int svc_take(const struct fake_ctx *x, unsigned long cmd,
	     struct tapi_line_pickup *req)
{
	bool unpark = cmd == TAPI_IOC_LINE_UNPARK;
	const struct fake_address *addr;
	struct fake_call *c;
	int id, err, slot;

	fake_tapi_log.pickup = *req;
	fake_tapi_log.pickup_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_REQUEST_VALID)
		return fail(EOPNOTSUPP);
	if (req->reserved || !str_ok(req->dest, sizeof(req->dest), unpark) ||
	    !str_ok(req->group, sizeof(req->group), false) ||
	    (req->group[0] && (unpark || req->dest[0])))
		return fail(EINVAL);
	if (req->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	addr = &x->line->addresses[req->address_id];
	if (!(addr->features & (unpark ? TAPI_ADDRFEATURE_UNPARK :
				TAPI_ADDRFEATURE_PICKUP)))
		return fail(EOPNOTSUPP);
	if (address_in_use(x, req->address_id) >= (int)addr->max_calls)
		return fail(EBUSY);
	c = owned_call(x, req->address_id);
	if (!c)
		return fail(EBUSY);
	req->call = c->handle;
	err = take_error(x->lf, unpark, req);
	if (err)
		c->used = false;	/* the handle never becomes valid */
	id = request_start(x, c->handle, req->flags, err, &req->request_id);
	if (id < 0 || err)
		return id;

	c->info.origin = TAPI_CALLORIGIN_EXTERNAL;
	set_party(&c->info.called, addr->address, "");
	if (unpark) {
		slot = park_slot(req->dest);
		c->info.reason = TAPI_CALLREASON_UNPARK;
		set_party(&c->info.caller, x->lf->parked[slot], "");
		set_party(&c->info.redirecting, req->dest, "");
		x->lf->parked[slot][0] = '\0';
	} else {
		c->info.reason = TAPI_CALLREASON_PICKUP;
		set_party(&c->info.caller, FAKE_PICKUP_CALLER, "");
		set_party(&c->info.redirecting, req->dest[0] ? req->dest :
			  FAKE_PICKUP_DEST, "");
	}
	c->info.connected = c->info.caller;
	queue_event(x->lf, TAPI_EV_ADDRESSSTATE, x->index, 0, 0,
		    req->address_id, TAPI_ADDRSTATE_NUMCALLS,
		    address_in_use(x, req->address_id));
	supp_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		   TAPI_PRIV_OWNER);
	return id;
}

/* ---- park ---- */

int svc_park(const struct fake_ctx *x, struct tapi_call_park *req)
{
	bool directed = req->mode == TAPI_PARK_DIRECTED;
	char park[] = "70";
	struct fake_call *c;
	int id, err = 0, slot;

	fake_tapi_log.park = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID) &&
	    (req->reserved || !one_bit_of(req->mode, TAPI_PARK_VALID) ||
	     !str_ok(req->dest, sizeof(req->dest), false) ||
	     directed != !!req->dest[0]))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	if (!(x->line->addresses[c->info.address_id].park_modes & req->mode))
		return fail(EOPNOTSUPP);
	if (supp_check(x, c, TAPI_CALLFEATURE_PARK, 0))
		return -1;
	if (directed) {
		slot = park_slot(req->dest);
		if (slot < 0)
			err = ENXIO;
		else if (x->lf->parked[slot][0])
			err = EBUSY;
	} else {
		for (slot = 0; slot < FAKE_PARK_SLOTS &&
		     x->lf->parked[slot][0]; slot++)
			;
		if (slot == FAKE_PARK_SLOTS)
			err = EBUSY;
	}
	id = request_start(x, c->handle, req->flags, err, &req->request_id);
	if (id < 0 || err)
		return id;

	memcpy(x->lf->parked[slot], c->info.connected.number,
	       sizeof(x->lf->parked[slot]));
	park[1] += slot;
	set_party(&c->info.redirection, park, "");
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_REDIRECTIONID, 0, 0);
	supp_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
	return id;
}

/* ---- forward ---- */

/* Check a forwarding list as the core does; its modes in *@modes. */
static int forward_list_ok(const struct tapi_line_forward *req,
			   uint32_t *modes)
{
	static const struct tapi_forward_entry zero;
	const struct tapi_forward_entry *e;
	unsigned int i;

	*modes = 0;
	if (req->num_entries > TAPI_FORWARD_MAX ||
	    req->no_answer_ms > TAPI_FORWARD_NO_ANSWER_MS_MAX ||
	    ((req->flags & TAPI_LINE_FORWARD_ALL_ADDRESSES) &&
	     req->address_id))
		return -1;
	for (i = 0; i < TAPI_FORWARD_MAX; i++) {
		e = &req->entries[i];
		if (i >= req->num_entries) {
			if (memcmp(e, &zero, sizeof(zero)))
				return -1;
			continue;
		}
		if (!one_bit_of(e->mode, TAPI_FORWARD_VALID) ||
		    (*modes & e->mode) || e->reserved ||
		    !str_ok(e->dest, sizeof(e->dest), true))
			return -1;
		*modes |= e->mode;
	}
	if (req->no_answer_ms && !(*modes & TAPI_FORWARD_NOANSWER))
		return -1;
	return 0;
}

/* May address @a of the line forward as @req says?  0 or an errno. */
static int forward_address_error(const struct fake_ctx *x, unsigned int a,
				 const struct tapi_line_forward *req,
				 uint32_t modes)
{
	const struct fake_address *addr = &x->line->addresses[a];
	unsigned int i;

	if (!(req->flags & TAPI_LINE_FORWARD_ALL_ADDRESSES) &&
	    !(addr->features & TAPI_ADDRFEATURE_FORWARD))
		return EOPNOTSUPP;
	if (modes & ~addr->forward_modes)
		return EOPNOTSUPP;
	for (i = 0; i < req->num_entries; i++)
		if (!strcmp(req->entries[i].dest, addr->address))
			return EINVAL;
	return 0;
}

int svc_forward(const struct fake_ctx *x, struct tapi_line_forward *req)
{
	bool all = req->flags & TAPI_LINE_FORWARD_ALL_ADDRESSES;
	unsigned int a, first, last, i;
	struct fake_forward *f;
	int id, err = 0;
	uint32_t modes;

	fake_tapi_log.forward = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_LINE_FORWARD_VALID)
		return fail(EOPNOTSUPP);
	if (forward_list_ok(req, &modes))
		return fail(EINVAL);
	if (!all && req->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	if (all && !(x->line->features & TAPI_LINEFEATURE_FORWARD))
		return fail(EOPNOTSUPP);
	first = all ? 0 : req->address_id;
	last = all ? x->line->num_addresses - 1 : req->address_id;
	for (a = first; a <= last; a++) {
		err = forward_address_error(x, a, req, modes);
		if (err)
			return fail(err);
	}
	for (i = 0; i < req->num_entries; i++)
		if (far_end_error(req->entries[i].dest) == ENXIO)
			err = ENXIO;
	id = request_start(x, 0, req->flags, err, &req->request_id);
	if (id < 0 || err)
		return id;

	for (a = first; a <= last; a++) {
		f = &x->lf->forward[a];
		f->num = req->num_entries;
		f->no_answer_ms = req->no_answer_ms;
		memcpy(f->entries, req->entries, sizeof(f->entries));
		queue_event(x->lf, TAPI_EV_ADDRESSSTATE, x->index, 0, 0, a,
			    TAPI_ADDRSTATE_FORWARD, modes);
	}
	return id;
}

/* ---- user-user information (secure call: fake-supp.c) ---- */

int svc_user_user(const struct fake_ctx *x, struct tapi_call_user_user *req)
{
	struct fake_call *c;
	unsigned int i;

	fake_tapi_log.user_user = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID)) {
		if (req->reserved || !req->len ||
		    req->len > TAPI_USERUSER_MAX)
			return fail(EINVAL);
		for (i = req->len; i < TAPI_USERUSER_MAX; i++)
			if (req->data[i])
				return fail(EINVAL);
	}
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c) ||
	    supp_check(x, c, TAPI_CALLFEATURE_SENDUSERUSER, 0))
		return -1;
	if (req->len > x->line->addresses[c->info.address_id].max_user_user)
		return fail(EINVAL);
	/* The far end is no call of this fd: nothing more to see. */
	return request_start(x, c->handle, req->flags, 0, &req->request_id);
}

/* ---- call completion ---- */

/* The completion @id pending on the fd, or NULL. */
static uint32_t *find_completion(struct fake_lf *lf, uint32_t id)
{
	unsigned int i;

	for (i = 0; id && i < TAPI_MAX_COMPLETIONS; i++)
		if (lf->completions[i] == id)
			return &lf->completions[i];
	return NULL;
}

/* The switch calls back for completion @id: a new call, offered. */
static void call_back(const struct fake_ctx *x, const struct fake_call *from,
		      uint32_t id)
{
	struct fake_call *c = owned_call(x, from->info.address_id);

	if (!c)
		return;
	c->info.origin = TAPI_CALLORIGIN_EXTERNAL;
	c->info.reason = TAPI_CALLREASON_CALLCOMPLETION;
	c->info.completion_id = id;
	c->info.caller = from->info.called;
	c->info.called = from->info.caller;
	queue_event(x->lf, TAPI_EV_NEWCALL, x->index, c->handle, 0,
		    c->info.address_id, TAPI_PRIV_OWNER, c->info.call_id);
	supp_state(x, c, TAPI_CALLSTATE_OFFERING, TAPI_OFFERINGMODE_ACTIVE,
		   TAPI_PRIV_OWNER);
}

int svc_complete(const struct fake_ctx *x, struct tapi_call_completion *req)
{
	bool campon = req->mode == TAPI_COMPLETION_CAMPON;
	struct fake_call *c;
	uint32_t *slot;
	int id;

	fake_tapi_log.completion = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID) &&
	    !one_bit_of(req->mode, TAPI_COMPLETION_VALID))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	if (!(x->line->addresses[c->info.address_id].completion_modes &
	      req->mode))
		return fail(EOPNOTSUPP);
	if (supp_check(x, c, TAPI_CALLFEATURE_COMPLETECALL, 0))
		return -1;
	if (campon && c->state != TAPI_CALLSTATE_BUSY)
		return fail(EBADFD);
	for (slot = x->lf->completions;
	     slot < x->lf->completions + TAPI_MAX_COMPLETIONS && *slot; slot++)
		;
	if (slot == x->lf->completions + TAPI_MAX_COMPLETIONS)
		return fail(ENOSPC);
	*slot = x->lf->next_completion++;
	req->completion_id = *slot;
	id = request_start(x, c->handle, req->flags, 0, &req->request_id);

	/* The far end is free at once: a camp-on rings it, a call back
	 * comes; a call back of a call still ringing waits. */
	if (campon) {
		*slot = 0;
		supp_state(x, c, TAPI_CALLSTATE_RINGBACK, 0, 0);
	} else if (c->state == TAPI_CALLSTATE_BUSY) {
		call_back(x, c, *slot);
		*slot = 0;
	}
	return id;
}

int svc_uncomplete(const struct fake_ctx *x, struct tapi_line_uncomplete *req)
{
	uint32_t *slot;

	fake_tapi_log.uncomplete = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_REQUEST_VALID)
		return fail(EOPNOTSUPP);
	slot = find_completion(x->lf, req->completion_id);
	if (!slot)
		return fail(ENOENT);
	*slot = 0;
	return request_start(x, 0, req->flags, 0, &req->request_id);
}
