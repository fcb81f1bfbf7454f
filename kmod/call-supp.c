// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the supplementary services of a line fd: hold, swap hold,
 * transfer and conference (see "Supplementary services" in the uapi
 * header).  As in call-ioctl.c, each handler checks in the uapi order
 * (arguments, handles, capability, privilege, state), then starts an
 * asynchronous request.  Those that create calls (consultation and
 * conference calls) create them here, in UNKNOWN with a handle of the
 * requester's that becomes valid with the request's success, exactly as
 * make call does.
 *
 * Every handler runs with the card's ops_sem held for reading and the
 * card live.
 */
#include <linux/string.h>
#include <linux/uaccess.h>

#include "tapi_core.h"

/**
 * struct tapi_supp - one supplementary request being set up
 * @ucmd: the command
 * @op: the request
 * @h: the handle of the call the request is about
 * @other: the handle of a second call it names, or NULL
 * @new_conf: create a conference call
 * @new_consult: create a consultation call
 * @except: a call the request puts on hold or into a conference, not
 *	counted when checking for room for the new calls
 * @args: for the TSP's operation
 * @sync: the requester takes the outcome itself
 */
struct tapi_supp {
	struct tapi_ucmd *ucmd;
	enum tapi_request_op op;
	struct tapi_call_handle *h;
	struct tapi_call_handle *other;
	bool new_conf;
	bool new_consult;
	struct tapi_call *except;
	struct tapi_request_args args;
	bool sync;
};

static const struct tapi_request_args tapi_supp_no_args;

/* The capability, privilege and state checks of one handle. */
static int tapi_supp_check(struct tapi_supp *s, struct tapi_call_handle *h,
			   u32 feature, u32 states)
{
	struct tapi_call *call = h->call;
	u32 privilege, state, legal;

	if (!tapi_op_present(s->ucmd->card->ops, s->op) ||
	    !(call->line->addrs[call->address_id].call_features & feature))
		return -EOPNOTSUPP;
	spin_lock_irq(&call->lock);
	privilege = h->privilege;
	state = call->state;
	legal = tapi_call_legal_features(call);
	spin_unlock_irq(&call->lock);
	if (privilege != TAPI_PRIV_OWNER)
		return -EPERM;
	/* A feature names what the call may do, @states what it may be. */
	if (states ? !(state & states) : !(legal & feature))
		return -EBADFD;
	return 0;
}

/* Create a new call like @from, for the requester, pending its request. */
static struct tapi_call_handle *tapi_supp_new_call(struct tapi_supp *s,
						   struct tapi_call *from,
						   bool conf)
{
	struct tapi_call_handle *h;
	struct tapi_call *call;

	call = tapi_call_create(from->line, from->address_id,
				TAPI_CALLSTATE_UNKNOWN, 0);
	if (!call)
		return ERR_PTR(-ENOMEM);
	tapi_call_init_outbound(call, from->media_mode, from->bearer_mode, "");
	if (conf)
		call->origin = TAPI_CALLORIGIN_CONFERENCE;
	h = tapi_handle_new(s->ucmd->lf, call);
	if (IS_ERR(h))
		tapi_call_discard(call);
	else
		tapi_handle_link(h, TAPI_PRIV_OWNER, false, false);
	/* The handle holds the call now. */
	tapi_call_put(call);
	return h;
}

static void tapi_supp_discard(struct tapi_call_handle *h)
{
	struct tapi_call *call = tapi_call_get(h->call);

	tapi_handle_remove(h);
	tapi_call_discard(call);
	tapi_call_put(call);
}

/*
 * Create the calls the request makes, start it and write the new handles
 * to @conf_out and @consult_out and the request id to @id_out (all in
 * the command's structure) before the TSP sees it.
 */
static int tapi_supp_start(struct tapi_supp *s, u32 *conf_out,
			   u32 *consult_out, u32 *id_out)
{
	struct tapi_call_handle *made[TAPI_REQUEST_NEW_CALLS] = { };
	struct tapi_ucmd *ucmd = s->ucmd;
	struct tapi_card *card = ucmd->card;
	struct tapi_call *call = s->h->call;
	struct tapi_request *req;
	unsigned int n = 0, i;
	int ret = 0;

	if (s->new_conf || s->new_consult) {
		mutex_lock(&card->lock);
		if (s->new_consult &&
		    !tapi_line_has_room_except(call->line, call->address_id,
					       s->except))
			ret = -EBUSY;
		if (!ret && s->new_conf) {
			made[n] = tapi_supp_new_call(s, call, true);
			if (IS_ERR(made[n]))
				ret = PTR_ERR(made[n]);
			else
				s->args.conf = made[n++]->call;
		}
		if (!ret && s->new_consult) {
			made[n] = tapi_supp_new_call(s, call, false);
			if (IS_ERR(made[n]))
				ret = PTR_ERR(made[n]);
			else
				s->args.consult = made[n++]->call;
		}
		mutex_unlock(&card->lock);
		if (ret)
			goto err_calls;
	}

	req = tapi_request_new(ucmd->lf, call, s->op, s->h->handle, s->sync);
	if (IS_ERR(req)) {
		ret = PTR_ERR(req);
		goto err_calls;
	}
	for (i = 0; i < n; i++) {
		kref_get(&made[i]->ref);
		req->new_handles[i] = made[i];
	}
	*id_out = req->id;
	if (s->new_conf)
		*conf_out = made[0]->handle;
	if (s->new_consult)
		*consult_out = made[n - 1]->handle;
	ret = tapi_ucmd_respond(ucmd);
	if (!ret)
		ret = tapi_start_request(ucmd, req, call, &s->args);
	if (ret) {
		tapi_request_abort(req);
		tapi_request_put(req);
		goto err_calls;
	}

	/* Under way: the line's monitors hear of the new calls. */
	for (i = 0; i < n; i++) {
		mutex_lock(&card->lock);
		tapi_call_distribute(made[i]->call, ucmd->lf);
		mutex_unlock(&card->lock);
		tapi_call_address_changed(made[i]->call);
	}
	return tapi_request_result(ucmd, req);

err_calls:
	for (i = 0; i < n; i++)
		tapi_supp_discard(made[i]);
	return ret;
}

/*
 * Look up the command's handles and check its flags: the common start.
 * @other points at the command's second handle, or is NULL for commands
 * that name none; a second handle of 0 is looked up like any other, and
 * so is -ENOENT.
 */
static int tapi_supp_begin(struct tapi_supp *s, struct tapi_ucmd *ucmd,
			   enum tapi_request_op op, u32 flags, u32 valid,
			   u32 call, const u32 *other)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->ucmd = ucmd;
	s->op = op;
	if (flags & ~valid)
		return -EOPNOTSUPP;
	ret = tapi_request_sync(ucmd, flags, &s->sync);
	if (ret)
		return ret;
	s->h = tapi_handle_get(ucmd->lf, call);
	if (!s->h)
		return -ENOENT;
	if (other) {
		s->other = tapi_handle_get(ucmd->lf, *other);
		if (!s->other)
			return -ENOENT;
		if (s->other->call == s->h->call)
			return -EINVAL;
		s->args.other = s->other->call;
	}
	return 0;
}

static void tapi_supp_end(struct tapi_supp *s)
{
	if (s->other)
		tapi_handle_put(s->other);
	if (s->h)
		tapi_handle_put(s->h);
}

/**
 * tapi_cmd_call_hold() - %TAPI_IOC_CALL_HOLD
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_hold(struct tapi_ucmd *ucmd)
{
	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_HOLD,
			    TAPI_CALLFEATURE_HOLD, &tapi_supp_no_args);
}

/**
 * tapi_cmd_call_unhold() - %TAPI_IOC_CALL_UNHOLD
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_unhold(struct tapi_ucmd *ucmd)
{
	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_UNHOLD,
			    TAPI_CALLFEATURE_UNHOLD, &tapi_supp_no_args);
}

/**
 * tapi_cmd_call_remove_from_conf() - %TAPI_IOC_CALL_REMOVE_FROM_CONF
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_remove_from_conf(struct tapi_ucmd *ucmd)
{
	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_REMOVE_FROM_CONF,
			    TAPI_CALLFEATURE_REMOVEFROMCONF, &tapi_supp_no_args);
}

/**
 * tapi_cmd_call_blind_transfer() - %TAPI_IOC_CALL_BLIND_TRANSFER
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_blind_transfer(struct tapi_ucmd *ucmd)
{
	return tapi_call_op_digits(ucmd, TAPI_OP_BLIND_TRANSFER,
				   TAPI_CALLFEATURE_BLINDTRANSFER);
}

/**
 * tapi_cmd_call_swap_hold() - %TAPI_IOC_CALL_SWAP_HOLD
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_swap_hold(struct tapi_ucmd *ucmd)
{
	struct tapi_call_pair *arg = ucmd->cmd;
	struct tapi_supp s;
	int ret;

	ret = tapi_supp_begin(&s, ucmd, TAPI_OP_SWAP_HOLD, arg->flags,
			      TAPI_REQUEST_VALID, arg->call, &arg->other);
	if (!ret && arg->reserved)
		ret = -EINVAL;
	if (!ret)
		ret = tapi_supp_check(&s, s.h, TAPI_CALLFEATURE_SWAPHOLD, 0);
	if (!ret)
		ret = tapi_supp_check(&s, s.other, TAPI_CALLFEATURE_SWAPHOLD,
				      TAPI_CALLSTATE_ONHOLD |
				      TAPI_CALLSTATE_ONHOLDPENDTRANSFER);
	if (!ret)
		ret = tapi_supp_start(&s, NULL, NULL, &arg->request_id);
	tapi_supp_end(&s);
	return ret;
}

/* %ENOSPC if the conference call @h names has all the members it may. */
static int tapi_supp_conf_room(struct tapi_call_handle *h)
{
	struct tapi_call *conf = h->call;

	if (!tapi_call_is_conf(conf))
		return 0;
	if (tapi_conf_members(conf) >=
	    conf->line->addrs[conf->address_id].max_conf_members)
		return -ENOSPC;
	return 0;
}

/*
 * Setup transfer and prepare add: put the call on hold of its kind and
 * create a consultation call; @conf_room: the call is a conference call
 * that must have room for one more member.
 */
static int tapi_supp_consult(struct tapi_ucmd *ucmd, enum tapi_request_op op,
			     u32 feature, bool conf_room)
{
	struct tapi_call_consult *arg = ucmd->cmd;
	struct tapi_supp s;
	int ret;

	ret = tapi_supp_begin(&s, ucmd, op, arg->flags, TAPI_REQUEST_VALID,
			      arg->call, NULL);
	if (!ret && arg->reserved)
		ret = -EINVAL;
	if (!ret && conf_room)
		ret = tapi_supp_conf_room(s.h);
	if (!ret)
		ret = tapi_supp_check(&s, s.h, feature, 0);
	if (!ret) {
		s.new_consult = true;
		s.except = s.h->call;
		ret = tapi_supp_start(&s, NULL, &arg->consult,
				      &arg->request_id);
	}
	tapi_supp_end(&s);
	return ret;
}

/**
 * tapi_cmd_call_setup_transfer() - %TAPI_IOC_CALL_SETUP_TRANSFER
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_setup_transfer(struct tapi_ucmd *ucmd)
{
	return tapi_supp_consult(ucmd, TAPI_OP_SETUP_TRANSFER,
				 TAPI_CALLFEATURE_SETUPTRANSFER, false);
}

/**
 * tapi_cmd_call_complete_transfer() - %TAPI_IOC_CALL_COMPLETE_TRANSFER
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_complete_transfer(struct tapi_ucmd *ucmd)
{
	struct tapi_call_complete_transfer *arg = ucmd->cmd;
	bool conf = arg->flags & TAPI_COMPLETE_TRANSFER_CONFERENCE;
	u32 mode = conf ? TAPI_TRANSFER_CONFERENCE : TAPI_TRANSFER_TRANSFER;
	struct tapi_call *call;
	struct tapi_supp s;
	int ret;

	ret = tapi_supp_begin(&s, ucmd, TAPI_OP_COMPLETE_TRANSFER, arg->flags,
			      TAPI_COMPLETE_TRANSFER_VALID, arg->call,
			      &arg->consult);
	if (ret)
		goto out;
	call = s.h->call;
	if (!(call->line->addrs[call->address_id].transfer_modes & mode)) {
		ret = -EOPNOTSUPP;
		goto out;
	}
	ret = tapi_supp_check(&s, s.h, TAPI_CALLFEATURE_COMPLETETRANSF, 0);
	if (!ret)
		ret = tapi_supp_check(&s, s.other,
				      TAPI_CALLFEATURE_COMPLETETRANSF,
				      TAPI_CALLSTATE_CONNECTED);
	if (!ret && tapi_call_is_conf(s.other->call))
		ret = -EBADFD;
	if (!ret) {
		s.new_conf = conf;
		arg->conf = 0;
		ret = tapi_supp_start(&s, &arg->conf, NULL, &arg->request_id);
	}
out:
	tapi_supp_end(&s);
	return ret;
}

/**
 * tapi_cmd_call_setup_conf() - %TAPI_IOC_CALL_SETUP_CONF
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_setup_conf(struct tapi_ucmd *ucmd)
{
	struct tapi_call_setup_conf *arg = ucmd->cmd;
	unsigned int parties = arg->num_parties ?: 2;
	struct tapi_call *call;
	struct tapi_supp s;
	int ret;

	ret = tapi_supp_begin(&s, ucmd, TAPI_OP_SETUP_CONF, arg->flags,
			      TAPI_REQUEST_VALID, arg->call, NULL);
	if (ret)
		goto out;
	if (arg->reserved || parties < 2) {
		ret = -EINVAL;
		goto out;
	}
	ret = tapi_supp_check(&s, s.h, TAPI_CALLFEATURE_SETUPCONF, 0);
	if (ret)
		goto out;
	call = s.h->call;
	if (parties > call->line->addrs[call->address_id].max_conf_members) {
		ret = -EINVAL;
		goto out;
	}
	s.args.num_parties = parties;
	s.new_conf = true;
	s.new_consult = true;
	s.except = call;
	ret = tapi_supp_start(&s, &arg->conf, &arg->consult, &arg->request_id);
out:
	tapi_supp_end(&s);
	return ret;
}

/**
 * tapi_cmd_call_prepare_add_conf() - %TAPI_IOC_CALL_PREPARE_ADD_CONF
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_prepare_add_conf(struct tapi_ucmd *ucmd)
{
	return tapi_supp_consult(ucmd, TAPI_OP_PREPARE_ADD_CONF,
				 TAPI_CALLFEATURE_PREPAREADDCONF, true);
}

/**
 * tapi_cmd_call_add_to_conf() - %TAPI_IOC_CALL_ADD_TO_CONF
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_add_to_conf(struct tapi_ucmd *ucmd)
{
	struct tapi_call_pair *arg = ucmd->cmd;
	struct tapi_supp s;
	int ret;

	ret = tapi_supp_begin(&s, ucmd, TAPI_OP_ADD_TO_CONF, arg->flags,
			      TAPI_REQUEST_VALID, arg->call, &arg->other);
	if (!ret && arg->reserved)
		ret = -EINVAL;
	if (!ret)
		ret = tapi_supp_conf_room(s.h);
	if (!ret)
		ret = tapi_supp_check(&s, s.h, TAPI_CALLFEATURE_ADDTOCONF, 0);
	if (!ret)
		ret = tapi_supp_check(&s, s.other, TAPI_CALLFEATURE_ADDTOCONF,
				      TAPI_CALLSTATE_CONNECTED);
	if (!ret && tapi_call_is_conf(s.other->call))
		ret = -EBADFD;
	if (!ret)
		ret = tapi_supp_start(&s, NULL, NULL, &arg->request_id);
	tapi_supp_end(&s);
	return ret;
}

/* The conference call @call is or belongs to, with a reference; or NULL. */
static struct tapi_call *tapi_conf_of(struct tapi_call *call)
{
	struct tapi_card *card = call->line->card;
	struct tapi_call *conf;
	u32 id;

	if (tapi_call_is_conf(call))
		return tapi_call_get(call);
	spin_lock_irq(&call->lock);
	id = call->state == TAPI_CALLSTATE_CONFERENCED ? call->related_id : 0;
	spin_unlock_irq(&call->lock);
	if (!id)
		return NULL;
	xa_lock_irq(&card->call_ids);
	conf = xa_load(&card->call_ids, id);
	if (conf && (conf->line != call->line || !tapi_call_is_conf(conf) ||
		     !kref_get_unless_zero(&conf->ref)))
		conf = NULL;
	xa_unlock_irq(&card->call_ids);
	return conf;
}

/* One entry: the call, and @lf's valid handle to it if any. */
static void tapi_conf_entry(struct tapi_call *call, struct tapi_line_file *lf,
			    struct tapi_conf_member *m)
{
	struct tapi_call_handle *h;

	memset(m, 0, sizeof(*m));
	spin_lock_irq(&call->lock);
	m->call_id = call->id;
	m->state = call->state;
	list_for_each_entry(h, &call->handles, call_node) {
		if (h->lf == lf && h->valid) {
			m->handle = h->handle;
			break;
		}
	}
	spin_unlock_irq(&call->lock);
}

/**
 * tapi_cmd_call_get_conf_related() - %TAPI_IOC_CALL_GET_CONF_RELATED
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_get_conf_related(struct tapi_ucmd *ucmd)
{
	struct tapi_conf_related *arg = ucmd->cmd;
	struct tapi_conf_member __user *out = u64_to_user_ptr(arg->members);
	struct tapi_line_file *lf = ucmd->lf;
	struct tapi_call *conf, *call, **calls;
	struct tapi_call_handle *h;
	unsigned int n = 0, i, max;
	struct tapi_conf_member m;
	int ret = 0;

	if (arg->flags)
		return -EOPNOTSUPP;
	h = tapi_handle_get(lf, arg->call);
	if (!h)
		return -ENOENT;
	conf = tapi_conf_of(h->call);
	tapi_handle_put(h);
	arg->count = 0;
	arg->remaining = 0;
	if (!conf)
		return -EINVAL;

	/* The conference and its members, referenced, so no lock is held. */
	max = conf->line->addrs[conf->address_id].max_conf_members + 1;
	calls = kcalloc(max, sizeof(*calls), GFP_KERNEL);
	if (!calls) {
		tapi_call_put(conf);
		return -ENOMEM;
	}
	calls[n++] = conf;
	spin_lock_irq(&conf->line->calls_lock);
	list_for_each_entry(call, &conf->line->calls, line_node) {
		if (n < max &&
		    READ_ONCE(call->state) == TAPI_CALLSTATE_CONFERENCED &&
		    READ_ONCE(call->related_id) == conf->id &&
		    kref_get_unless_zero(&call->ref))
			calls[n++] = call;
	}
	spin_unlock_irq(&conf->line->calls_lock);

	for (i = 0; i < n; i++) {
		if (arg->count == arg->capacity) {
			arg->remaining++;
			continue;
		}
		tapi_conf_entry(calls[i], lf, &m);
		if (copy_to_user(&out[arg->count], &m, sizeof(m))) {
			ret = -EFAULT;
			break;
		}
		arg->count++;
	}
	for (i = 0; i < n; i++)
		tapi_call_put(calls[i]);
	kfree(calls);
	return ret;
}
