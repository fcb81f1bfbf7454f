// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the call commands of a line fd.  ioctl.c has copied the
 * argument in and checked its size; these check everything else, in the
 * order the uapi header gives (handle, capability, privilege, state), and
 * either answer at once or start an asynchronous request.
 *
 * Every handler runs with the card's ops_sem held for reading and the
 * card live.
 */
#include <linux/bitops.h>
#include <linux/string.h>

#include "tapi_core.h"
#include "trace.h"

static const struct tapi_request_args tapi_no_args;

/* A NUL-terminated string without control characters in @len bytes. */
bool tapi_dial_string_ok(const char *s, size_t len, bool empty_ok)
{
	size_t i;

	for (i = 0; i < len && s[i]; i++) {
		if ((u8)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	}
	return i < len && (empty_ok || i);
}

/* A media or bearer mode: 0 for @dflt, else one bit the line has. */
static int tapi_pick_mode(u32 mode, u32 dflt, u32 valid, u32 line_modes,
			  u32 *out)
{
	mode = mode ?: dflt;
	if (!is_power_of_2(mode) || mode & ~valid)
		return -EINVAL;
	if (!(mode & line_modes))
		return -EOPNOTSUPP;
	*out = mode;
	return 0;
}

/**
 * tapi_op_present() - does the card implement a request at all
 * @ops: the TSP's operations
 * @op: the request
 *
 * Return: true if the TSP has the operation.
 */
bool tapi_op_present(const struct tapi_tsp_ops *ops, enum tapi_request_op op)
{
	switch (op) {
	case TAPI_OP_MAKE_CALL:
		return ops->make_call;
	case TAPI_OP_DIAL:
		return ops->dial;
	case TAPI_OP_ANSWER:
		return ops->answer;
	case TAPI_OP_ACCEPT:
		return ops->accept;
	case TAPI_OP_DROP:
		return ops->drop;
	case TAPI_OP_HOLD:
		return ops->hold;
	case TAPI_OP_UNHOLD:
		return ops->unhold;
	case TAPI_OP_SWAP_HOLD:
		return ops->swap_hold;
	case TAPI_OP_SETUP_TRANSFER:
		return ops->setup_transfer;
	case TAPI_OP_COMPLETE_TRANSFER:
		return ops->complete_transfer;
	case TAPI_OP_BLIND_TRANSFER:
		return ops->blind_transfer;
	case TAPI_OP_SETUP_CONF:
		return ops->setup_conference;
	case TAPI_OP_PREPARE_ADD_CONF:
		return ops->prepare_add_to_conference;
	case TAPI_OP_ADD_TO_CONF:
		return ops->add_to_conference;
	case TAPI_OP_REMOVE_FROM_CONF:
		return ops->remove_from_conference;
	case TAPI_OP_REDIRECT:
		return ops->redirect;
	case TAPI_OP_PICKUP:
		return ops->pickup;
	case TAPI_OP_PARK:
		return ops->park;
	case TAPI_OP_UNPARK:
		return ops->unpark;
	case TAPI_OP_FORWARD:
		return ops->forward;
	case TAPI_OP_SECURE:
		return ops->secure_call;
	case TAPI_OP_SEND_USER_USER:
		return ops->send_user_user;
	case TAPI_OP_COMPLETE_CALL:
	case TAPI_OP_UNCOMPLETE_CALL:
		return ops->complete_call && ops->uncomplete_call;
	}
	return false;
}

/**
 * tapi_start_request() - hand a request to the TSP
 * @ucmd: the command; its id has reached user space before
 * @req: the request
 * @call: the call it is about, or NULL (forward, uncomplete)
 * @args: what else the operation takes
 *
 * Return: the ioctl's result: 0, or the TSP's refusal (the request is
 * taken back then).
 */
int tapi_start_request(struct tapi_ucmd *ucmd, struct tapi_request *req,
		       struct tapi_call *call,
		       const struct tapi_request_args *args)
{
	const struct tapi_tsp_ops *ops = ucmd->card->ops;
	struct tapi_card *card = ucmd->card;
	int ret;

	tapi_request_submit(req);
	switch (req->op) {
	case TAPI_OP_MAKE_CALL:
		ret = ops->make_call(card, call, args->params, req);
		break;
	case TAPI_OP_DIAL:
		ret = ops->dial(card, call, args->digits, req);
		break;
	case TAPI_OP_ANSWER:
		ret = ops->answer(card, call, req);
		break;
	case TAPI_OP_ACCEPT:
		ret = ops->accept(card, call, req);
		break;
	case TAPI_OP_DROP:
		ret = ops->drop(card, call, TAPI_DROP_REQUESTED, req);
		break;
	case TAPI_OP_HOLD:
		ret = ops->hold(card, call, req);
		break;
	case TAPI_OP_UNHOLD:
		ret = ops->unhold(card, call, req);
		break;
	case TAPI_OP_SWAP_HOLD:
		ret = ops->swap_hold(card, call, args->other, req);
		break;
	case TAPI_OP_SETUP_TRANSFER:
		ret = ops->setup_transfer(card, call, args->consult, req);
		break;
	case TAPI_OP_COMPLETE_TRANSFER:
		ret = ops->complete_transfer(card, call, args->other,
					     args->conf, req);
		break;
	case TAPI_OP_BLIND_TRANSFER:
		ret = ops->blind_transfer(card, call, args->digits, req);
		break;
	case TAPI_OP_SETUP_CONF:
		ret = ops->setup_conference(card, call, args->conf,
					    args->consult, args->num_parties,
					    req);
		break;
	case TAPI_OP_PREPARE_ADD_CONF:
		ret = ops->prepare_add_to_conference(card, call, args->consult,
						     req);
		break;
	case TAPI_OP_ADD_TO_CONF:
		ret = ops->add_to_conference(card, call, args->other, req);
		break;
	case TAPI_OP_REMOVE_FROM_CONF:
		ret = ops->remove_from_conference(card, call, req);
		break;
	case TAPI_OP_REDIRECT:
		ret = ops->redirect(card, call, args->digits, req);
		break;
	case TAPI_OP_PICKUP:
		ret = ops->pickup(card, call, args->digits, args->group, req);
		break;
	case TAPI_OP_PARK:
		ret = ops->park(card, call, args->mode, args->digits, req);
		break;
	case TAPI_OP_UNPARK:
		ret = ops->unpark(card, call, args->digits, req);
		break;
	case TAPI_OP_FORWARD:
		ret = ops->forward(card, args->line, args->address_id,
				   args->fwd, req);
		break;
	case TAPI_OP_SECURE:
		ret = ops->secure_call(card, call, req);
		break;
	case TAPI_OP_SEND_USER_USER:
		ret = ops->send_user_user(card, call, args->data, args->len,
					  req);
		break;
	case TAPI_OP_COMPLETE_CALL:
		ret = ops->complete_call(card, call, args->mode,
					 args->completion_id, req);
		break;
	case TAPI_OP_UNCOMPLETE_CALL:
		ret = ops->uncomplete_call(card, args->line,
					   args->completion_id, req);
		break;
	default:
		ret = -EINVAL;
	}
	if (WARN_ON_ONCE(ret > 0))
		ret = -EIO;
	if (ret) {
		trace_tapi_request_complete(req, ret);
		tapi_request_abort(req);
	}
	return ret;
}

/**
 * tapi_request_sync() - does the requester take the outcome itself (an
 *	ioctl waiting for it, or an io_uring command completing with it)
 *	rather than as a reply event
 * @ucmd: the command
 * @flags: the command's flags, with %TAPI_REQUEST_SYNC
 * @sync: the answer
 *
 * Return: 0, or -EINVAL for %TAPI_REQUEST_SYNC on an io_uring command
 * that asked for a reply event.
 */
int tapi_request_sync(struct tapi_ucmd *ucmd, u32 flags, bool *sync)
{
	bool reply_event = ucmd->uring_flags & TAPI_URING_REPLY_EVENT;

	if (!ucmd->uring) {
		*sync = flags & TAPI_REQUEST_SYNC;
		return 0;
	}
	if (reply_event && flags & TAPI_REQUEST_SYNC)
		return -EINVAL;
	*sync = !reply_event;
	return 0;
}

/**
 * tapi_request_result() - the end of a started request: wait for it,
 *	leave the io_uring command pending on it, or return its id
 * @ucmd: the command
 * @req: the request, with the requester's reference, which this takes
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_request_result(struct tapi_ucmd *ucmd,
			       struct tapi_request *req)
{
	int id = req->id;

	if (req->sync && ucmd->uring)
		return tapi_uring_bind_request(ucmd, req);
	if (req->sync) {
		/* ioctl.c waits once ops_sem is released. */
		ucmd->wait_req = req;
		return 0;
	}
	tapi_request_put(req);
	return id;
}

/**
 * tapi_place_call() - start a request that creates a call of the
 *	requester's: make call, pickup, unpark
 * @ucmd: the command
 * @call: the new call, created for it (its room checked) with the
 *	caller's reference, which this takes
 * @op: the request
 * @args: what else the TSP's operation takes
 * @sync: the requester takes the outcome itself
 * @call_out: where the new handle goes, in the command's structure
 * @id_out: where the request id goes, in the command's structure
 *
 * The requester gets an owner handle that becomes valid with the
 * request's success; both numbers reach user space before the TSP sees
 * the request.  Once it is under way the line's monitors get their
 * handles.
 *
 * Return: the request id, 0 (synchronous), or a negative errno (the call
 * is gone then).
 */
int tapi_place_call(struct tapi_ucmd *ucmd, struct tapi_call *call,
		    enum tapi_request_op op, const struct tapi_request_args *args,
		    bool sync, u32 *call_out, u32 *id_out)
{
	struct tapi_line_file *lf = ucmd->lf;
	struct tapi_card *card = ucmd->card;
	struct tapi_call_handle *h;
	struct tapi_request *req;
	int ret;

	h = tapi_handle_new(lf, call);
	if (IS_ERR(h)) {
		ret = PTR_ERR(h);
		goto err_call;
	}
	tapi_handle_link(h, TAPI_PRIV_OWNER, false, false);
	req = tapi_request_new(lf, call, op, h->handle, sync);
	if (IS_ERR(req)) {
		ret = PTR_ERR(req);
		goto err_handle;
	}
	kref_get(&h->ref);
	req->new_handles[0] = h;
	*id_out = req->id;
	*call_out = h->handle;
	/* The handle must reach user space, whether we wait or not. */
	ret = tapi_ucmd_respond(ucmd);
	if (ret)
		goto err_req;
	ret = tapi_start_request(ucmd, req, call, args);
	if (ret)
		goto err_req;

	/* Under way: the line's monitors hear of it. */
	mutex_lock(&card->lock);
	tapi_call_distribute(call, lf);
	mutex_unlock(&card->lock);
	tapi_call_address_changed(call);
	tapi_call_put(call);
	return tapi_request_result(ucmd, req);

err_req:
	tapi_request_abort(req);
	tapi_request_put(req);
err_handle:
	tapi_handle_remove(h);
err_call:
	tapi_call_discard(call);
	tapi_call_put(call);
	return ret;
}

/**
 * tapi_line_op() - start a request about a line, not a call: forward,
 *	uncomplete
 * @ucmd: the command, checked
 * @sync: the requester takes the outcome itself
 * @op: the request
 * @args: what the TSP's operation takes
 * @id_out: where the request id goes, in the command's structure
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_line_op(struct tapi_ucmd *ucmd, bool sync, enum tapi_request_op op,
		 const struct tapi_request_args *args, u32 *id_out)
{
	struct tapi_request *req;
	int ret;

	req = tapi_request_new(ucmd->lf, NULL, op, 0, sync);
	if (IS_ERR(req))
		return PTR_ERR(req);
	req->completion_id = args->completion_id;
	*id_out = req->id;
	ret = tapi_ucmd_respond(ucmd);
	if (!ret)
		ret = tapi_start_request(ucmd, req, NULL, args);
	if (ret) {
		tapi_request_abort(req);
		tapi_request_put(req);
		return ret;
	}
	return tapi_request_result(ucmd, req);
}

/**
 * tapi_cmd_call_make() - %TAPI_IOC_CALL_MAKE
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_make(struct tapi_ucmd *ucmd)
{
	struct tapi_call_make *arg = ucmd->cmd;
	struct tapi_line *line = ucmd->lf->line;
	struct tapi_card *card = ucmd->card;
	struct tapi_call_params params = { .dest = arg->dest };
	struct tapi_request_args args = { .params = &params };
	struct tapi_call *call;
	bool sync;
	int ret;

	if (arg->flags & ~TAPI_CALL_MAKE_VALID)
		return -EOPNOTSUPP;
	ret = tapi_request_sync(ucmd, arg->flags, &sync);
	if (ret)
		return ret;
	if (arg->address_id >= line->caps.num_addresses)
		return -ENOENT;
	if (!card->ops->make_call ||
	    !(line->caps.line_features & TAPI_LINEFEATURE_MAKECALL) ||
	    !(line->addrs[arg->address_id].address_features &
	      TAPI_ADDRFEATURE_MAKECALL))
		return -EOPNOTSUPP;
	ret = tapi_pick_mode(arg->media_mode, TAPI_MEDIA_INTERACTIVEVOICE,
			     TAPI_MEDIA_VALID, line->caps.media_modes,
			     &params.media_mode);
	if (ret)
		return ret;
	ret = tapi_pick_mode(arg->bearer_mode, TAPI_BEARER_VOICE,
			     TAPI_BEARER_VALID, line->caps.bearer_modes,
			     &params.bearer_mode);
	if (ret)
		return ret;
	if (!tapi_dial_string_ok(arg->dest, sizeof(arg->dest), true))
		return -EINVAL;
	params.address_id = arg->address_id;
	params.no_answer_timeout_ms = arg->no_answer_timeout_ms;
	params.block_id = arg->flags & TAPI_CALL_MAKE_BLOCKID;

	call = tapi_call_create_new(line, arg->address_id);
	if (IS_ERR(call))
		return PTR_ERR(call);
	tapi_call_init_outbound(call, params.media_mode, params.bearer_mode,
				arg->dest);
	if (params.block_id)
		call->param_flags = TAPI_CALLPARAM_BLOCKID;
	return tapi_place_call(ucmd, call, TAPI_OP_MAKE_CALL, &args, sync,
			       &arg->call, &arg->request_id);
}

/*
 * The capabilities an operation needs of the address beyond its feature
 * bit: the park or completion mode asked for, the length of user-user
 * information.
 */
static int tapi_op_caps(const struct tapi_address_caps *caps,
			enum tapi_request_op op,
			const struct tapi_request_args *args)
{
	switch (op) {
	case TAPI_OP_PARK:
		return caps->park_modes & args->mode ? 0 : -EOPNOTSUPP;
	case TAPI_OP_COMPLETE_CALL:
		return caps->completion_modes & args->mode ? 0 : -EOPNOTSUPP;
	case TAPI_OP_SEND_USER_USER:
		return args->len <= caps->max_user_user ? 0 : -EINVAL;
	default:
		return 0;
	}
}

/**
 * tapi_call_op_check() - the checks of a request on one call
 * @ucmd: the command
 * @flags: the command's flags; only %TAPI_REQUEST_VALID bits are known
 * @handle: the call handle
 * @op: the request
 * @feature: the &enum tapi_call_feature bit it needs
 * @args: what else the TSP's operation takes (its capability is checked)
 * @sync: out: the requester takes the outcome itself
 * @state: out, may be NULL: the call's state when it was checked
 *
 * In the uapi order: flags, handle, capability, privilege, state.  The
 * command's own arguments are checked before.
 *
 * Return: the handle, with a reference for the caller, or an ERR_PTR().
 */
struct tapi_call_handle *tapi_call_op_check(struct tapi_ucmd *ucmd, u32 flags,
					    u32 handle, enum tapi_request_op op,
					    u32 feature,
					    const struct tapi_request_args *args,
					    bool *sync, u32 *state)
{
	const struct tapi_address_caps *caps;
	struct tapi_call_handle *h;
	struct tapi_call *call;
	u32 privilege, legal, now;
	int ret;

	if (flags & ~TAPI_REQUEST_VALID)
		return ERR_PTR(-EOPNOTSUPP);
	ret = tapi_request_sync(ucmd, flags, sync);
	if (ret)
		return ERR_PTR(ret);
	h = tapi_handle_get(ucmd->lf, handle);
	if (!h)
		return ERR_PTR(-ENOENT);
	call = h->call;
	caps = &call->line->addrs[call->address_id];
	if (!tapi_op_present(ucmd->card->ops, op) ||
	    !(caps->call_features & feature)) {
		ret = -EOPNOTSUPP;
		goto err;
	}
	ret = tapi_op_caps(caps, op, args);
	if (ret)
		goto err;
	spin_lock_irq(&call->lock);
	privilege = h->privilege;
	legal = tapi_call_legal_features(call);
	now = call->state;
	spin_unlock_irq(&call->lock);
	if (privilege != TAPI_PRIV_OWNER) {
		ret = -EPERM;
		goto err;
	}
	if (!(legal & feature)) {
		ret = -EBADFD;
		goto err;
	}
	if (state)
		*state = now;
	return h;

err:
	tapi_handle_put(h);
	return ERR_PTR(ret);
}

/**
 * tapi_call_op_start() - start a checked request on one call
 * @ucmd: the command
 * @h: the handle tapi_call_op_check() gave
 * @sync: as tapi_call_op_check() said
 * @op: the request
 * @args: what else the TSP's operation takes
 * @id_out: where the request id goes, in the command's structure
 * @started: out: the request went to the TSP (its outcome, even a
 *	failure, comes as a reply); false when it never started
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_call_op_start(struct tapi_ucmd *ucmd, struct tapi_call_handle *h,
		       bool sync, enum tapi_request_op op,
		       const struct tapi_request_args *args, u32 *id_out,
		       bool *started)
{
	struct tapi_request *req;
	int ret;

	*started = false;
	req = tapi_request_new(ucmd->lf, h->call, op, h->handle, sync);
	if (IS_ERR(req))
		return PTR_ERR(req);
	req->completion_id = args->completion_id;
	*id_out = req->id;
	ret = tapi_ucmd_respond(ucmd);
	if (!ret)
		ret = tapi_start_request(ucmd, req, h->call, args);
	if (ret) {
		tapi_request_abort(req);
		tapi_request_put(req);
		return ret;
	}
	*started = true;
	return tapi_request_result(ucmd, req);
}

/**
 * tapi_call_op_out() - an asynchronous request on one call
 * @ucmd: the command
 * @flags: the command's flags; only %TAPI_REQUEST_VALID bits are known
 * @handle: the call handle
 * @id_out: where the request id goes, in the command's structure
 * @op: the request
 * @feature: the &enum tapi_call_feature bit it needs
 * @args: what else the TSP's operation takes
 *
 * tapi_call_op_check(), then tapi_call_op_start().
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_call_op_out(struct tapi_ucmd *ucmd, u32 flags, u32 handle,
		     u32 *id_out, enum tapi_request_op op, u32 feature,
		     const struct tapi_request_args *args)
{
	struct tapi_call_handle *h;
	bool sync, started;
	int ret;

	h = tapi_call_op_check(ucmd, flags, handle, op, feature, args, &sync,
			       NULL);
	if (IS_ERR(h))
		return PTR_ERR(h);
	ret = tapi_call_op_start(ucmd, h, sync, op, args, id_out, &started);
	tapi_handle_put(h);
	return ret;
}

/**
 * tapi_call_op() - an asynchronous request on one call whose structure
 *	starts as struct tapi_call_request does
 * @ucmd: the command
 * @arg: the command's structure, whose first four fields are those of
 *	struct tapi_call_request
 * @op: the request
 * @feature: the &enum tapi_call_feature bit it needs
 * @args: what else the TSP's operation takes
 *
 * Dial, answer, accept, drop, hold, unhold, blind transfer, remove from
 * conference, redirect, secure, send user-user information.
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_call_op(struct tapi_ucmd *ucmd, struct tapi_call_request *arg,
		 enum tapi_request_op op, u32 feature,
		 const struct tapi_request_args *args)
{
	return tapi_call_op_out(ucmd, arg->flags, arg->call, &arg->request_id,
				op, feature, args);
}

/**
 * tapi_call_op_digits() - a request on one call with a struct
 *	tapi_call_dial: dial, blind transfer, redirect
 * @ucmd: the command
 * @op: the request
 * @feature: the &enum tapi_call_feature bit it needs
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_call_op_digits(struct tapi_ucmd *ucmd, enum tapi_request_op op,
			u32 feature)
{
	struct tapi_call_dial *arg = ucmd->cmd;
	struct tapi_request_args args = { .digits = arg->digits };
	static_assert(offsetof(struct tapi_call_dial, request_id) ==
		      offsetof(struct tapi_call_request, request_id));

	if (arg->flags & ~TAPI_REQUEST_VALID)
		return -EOPNOTSUPP;
	if (!tapi_dial_string_ok(arg->digits, sizeof(arg->digits), false))
		return -EINVAL;
	return tapi_call_op(ucmd, ucmd->cmd, op, feature, &args);
}

/**
 * tapi_cmd_call_dial() - %TAPI_IOC_CALL_DIAL
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_dial(struct tapi_ucmd *ucmd)
{
	return tapi_call_op_digits(ucmd, TAPI_OP_DIAL, TAPI_CALLFEATURE_DIAL);
}

/**
 * tapi_cmd_call_answer() - %TAPI_IOC_CALL_ANSWER
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_answer(struct tapi_ucmd *ucmd)
{
	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_ANSWER,
			    TAPI_CALLFEATURE_ANSWER, &tapi_no_args);
}

/**
 * tapi_cmd_call_accept() - %TAPI_IOC_CALL_ACCEPT
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_accept(struct tapi_ucmd *ucmd)
{
	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_ACCEPT,
			    TAPI_CALLFEATURE_ACCEPT, &tapi_no_args);
}

/**
 * tapi_cmd_call_drop() - %TAPI_IOC_CALL_DROP
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_drop(struct tapi_ucmd *ucmd)
{
	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_DROP,
			    TAPI_CALLFEATURE_DROP, &tapi_no_args);
}

/**
 * tapi_cmd_call_dealloc() - %TAPI_IOC_CALL_DEALLOCATE
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_dealloc(struct tapi_ucmd *ucmd)
{
	struct tapi_call_dealloc *arg = ucmd->cmd;
	struct tapi_call_handle *h;
	int ret;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (arg->reserved)
		return -EINVAL;
	h = tapi_handle_get(ucmd->lf, arg->call);
	if (!h)
		return -ENOENT;
	ret = tapi_handle_dealloc(h);
	tapi_handle_put(h);
	return ret;
}

/**
 * tapi_cmd_call_get_info() - %TAPI_IOC_CALL_GET_INFO
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_get_info(struct tapi_ucmd *ucmd)
{
	struct tapi_call_info *ci = ucmd->cmd;
	struct tapi_call_handle *h;

	if (ci->flags)
		return -EOPNOTSUPP;
	if (ci->reserved || ci->reserved2)
		return -EINVAL;
	h = tapi_handle_get(ucmd->lf, ci->call);
	if (!h)
		return -ENOENT;
	spin_lock_irq(&h->call->lock);
	tapi_call_fill_info(h->call, ci);
	spin_unlock_irq(&h->call->lock);
	tapi_handle_put(h);
	return 0;
}

/**
 * tapi_cmd_call_get_status() - %TAPI_IOC_CALL_GET_STATUS
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_get_status(struct tapi_ucmd *ucmd)
{
	struct tapi_call_status *st = ucmd->cmd;
	struct tapi_call_handle *h;
	struct tapi_call *call;

	if (st->flags)
		return -EOPNOTSUPP;
	h = tapi_handle_get(ucmd->lf, st->call);
	if (!h)
		return -ENOENT;
	call = h->call;
	spin_lock_irq(&call->lock);
	st->state = call->state;
	st->mode = call->mode;
	st->privilege = h->privilege;
	st->call_features = tapi_call_features(call, h);
	st->call_id = call->id;
	st->state_ns = call->state_ns[__ffs(call->state)];
	spin_unlock_irq(&call->lock);
	tapi_handle_put(h);
	return 0;
}

/**
 * tapi_cmd_call_set_privilege() - %TAPI_IOC_CALL_SET_PRIVILEGE
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_set_privilege(struct tapi_ucmd *ucmd)
{
	struct tapi_call_privilege *arg = ucmd->cmd;
	struct tapi_call_handle *h;
	int ret;

	if (arg->flags)
		return -EOPNOTSUPP;
	h = tapi_handle_get(ucmd->lf, arg->call);
	if (!h)
		return -ENOENT;
	ret = tapi_handle_set_privilege(h, arg->privilege);
	tapi_handle_put(h);
	return ret;
}

/**
 * tapi_cmd_call_handoff() - %TAPI_IOC_CALL_HANDOFF
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_handoff(struct tapi_ucmd *ucmd)
{
	struct tapi_call_handoff *arg = ucmd->cmd;
	struct tapi_call_handle *h;
	int ret;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (!memchr(arg->app_name, '\0', sizeof(arg->app_name)))
		return -EINVAL;
	h = tapi_handle_get(ucmd->lf, arg->call);
	if (!h)
		return -ENOENT;
	ret = tapi_handoff(h, arg->media_mode, arg->app_name);
	tapi_handle_put(h);
	return ret;
}

/**
 * tapi_cmd_line_new_calls() - %TAPI_IOC_LINE_GET_NEW_CALLS
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_line_new_calls(struct tapi_ucmd *ucmd)
{
	struct tapi_line_new_calls *arg = ucmd->cmd;

	if (arg->flags & ~TAPI_NEW_CALLS_VALID)
		return -EOPNOTSUPP;
	return tapi_line_new_calls(ucmd->lf, ucmd);
}

/**
 * tapi_cmd_address_get_status() - %TAPI_IOC_ADDRESS_GET_STATUS
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_address_get_status(struct tapi_ucmd *ucmd)
{
	struct tapi_address_status *st = ucmd->cmd;
	struct tapi_line *line = ucmd->lf->line;
	struct tapi_call_counts c;
	u32 features;

	if (st->flags)
		return -EOPNOTSUPP;
	if (st->address_id >= line->caps.num_addresses)
		return -ENOENT;
	tapi_call_count(line, st->address_id, &c);
	st->num_inuse = c.inuse;
	st->num_active_calls = c.active;
	st->num_onhold_calls = c.onhold;
	st->num_onholdpend_calls = c.onholdpend;
	features = line->addrs[st->address_id].address_features;
	/* Each of these makes a call here. */
	if (!tapi_line_has_room(line, st->address_id))
		features &= ~(TAPI_ADDRFEATURE_MAKECALL |
			      TAPI_ADDRFEATURE_PICKUP |
			      TAPI_ADDRFEATURE_UNPARK);
	st->address_features = features;
	tapi_address_fill_forward(line, st->address_id, st);
	return 0;
}

/**
 * tapi_cmd_line_set_event_mask() - %TAPI_IOC_LINE_SET_EVENT_MASK
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_line_set_event_mask(struct tapi_ucmd *ucmd)
{
	struct tapi_line_event_mask *arg = ucmd->cmd;
	int ret;

	if (arg->flags)
		return -EOPNOTSUPP;
	ret = tapi_check_event_mask(arg->event_mask);
	if (ret)
		return ret;
	WRITE_ONCE(ucmd->lf->event_mask,
		   (arg->event_mask ?: TAPI_EV_MASK_VALID) |
		   TAPI_EV_ALWAYS_MASK);
	return 0;
}

/**
 * tapi_cmd_line_set_priority() - %TAPI_IOC_LINE_SET_PRIORITY
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_line_set_priority(struct tapi_ucmd *ucmd)
{
	struct tapi_line_priority *arg = ucmd->cmd;
	struct tapi_line_file *lf = ucmd->lf;
	unsigned long bits = arg->media_modes;
	unsigned int bit;

	if (arg->flags)
		return -EOPNOTSUPP;
	if (!arg->media_modes || arg->media_modes & ~lf->media_modes)
		return -EINVAL;
	mutex_lock(&ucmd->card->lock);
	for_each_set_bit(bit, &bits, TAPI_MEDIA_BITS)
		lf->priority[bit] = arg->priority;
	mutex_unlock(&ucmd->card->lock);
	return 0;
}
