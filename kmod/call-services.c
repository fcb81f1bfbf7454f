// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: the call services of a line fd that act on a call or create
 * one: redirect, pickup, park, unpark, secure call, user-user information
 * and call completion (see "Call services" in the uapi header).  The
 * forwarding of addresses and the cancelling of completions, which act on
 * the line, are in address.c.
 *
 * As everywhere, each handler checks in the uapi order (size and flags,
 * the command's own arguments, handle, capability, privilege, state) and
 * then starts an asynchronous request; pickup and unpark create their
 * call as make call does.
 *
 * Every handler runs with the card's ops_sem held for reading and the
 * card live.
 */
#include <linux/bitops.h>
#include <linux/string.h>

#include "tapi_core.h"

/**
 * tapi_cmd_call_redirect() - %TAPI_IOC_CALL_REDIRECT
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_redirect(struct tapi_ucmd *ucmd)
{
	return tapi_call_op_digits(ucmd, TAPI_OP_REDIRECT,
				   TAPI_CALLFEATURE_REDIRECT);
}

/* Pickup and unpark: take a call from elsewhere onto a new call here. */
static int tapi_take_call(struct tapi_ucmd *ucmd, enum tapi_request_op op,
			  u32 feature, u32 reason)
{
	struct tapi_line_pickup *arg = ucmd->cmd;
	struct tapi_line *line = ucmd->lf->line;
	struct tapi_card *card = ucmd->card;
	struct tapi_request_args args = {
		.digits = arg->dest,
		.group = arg->group,
	};
	struct tapi_call *call;
	u32 media_mode;
	bool sync;
	int ret;

	if (arg->flags & ~TAPI_REQUEST_VALID)
		return -EOPNOTSUPP;
	ret = tapi_request_sync(ucmd, arg->flags, &sync);
	if (ret)
		return ret;
	if (arg->reserved ||
	    !tapi_dial_string_ok(arg->dest, sizeof(arg->dest),
				 op == TAPI_OP_PICKUP) ||
	    !tapi_dial_string_ok(arg->group, sizeof(arg->group), true))
		return -EINVAL;
	/* A group is for a pickup of nobody in particular. */
	if (arg->group[0] && (op != TAPI_OP_PICKUP || arg->dest[0]))
		return -EINVAL;
	if (arg->address_id >= line->caps.num_addresses)
		return -ENOENT;
	if (!tapi_op_present(card->ops, op) ||
	    !(line->addrs[arg->address_id].address_features & feature))
		return -EOPNOTSUPP;

	call = tapi_call_create_new(line, arg->address_id);
	if (IS_ERR(call))
		return PTR_ERR(call);
	/* The call taken may be of any media mode the line has. */
	media_mode = line->caps.media_modes & TAPI_MEDIA_INTERACTIVEVOICE ?:
		     BIT(__ffs(line->caps.media_modes));
	tapi_call_init_taken(call, media_mode, reason);
	return tapi_place_call(ucmd, call, op, &args, sync, &arg->call,
			       &arg->request_id);
}

/**
 * tapi_cmd_line_pickup() - %TAPI_IOC_LINE_PICKUP
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_line_pickup(struct tapi_ucmd *ucmd)
{
	return tapi_take_call(ucmd, TAPI_OP_PICKUP, TAPI_ADDRFEATURE_PICKUP,
			      TAPI_CALLREASON_PICKUP);
}

/**
 * tapi_cmd_line_unpark() - %TAPI_IOC_LINE_UNPARK
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_line_unpark(struct tapi_ucmd *ucmd)
{
	return tapi_take_call(ucmd, TAPI_OP_UNPARK, TAPI_ADDRFEATURE_UNPARK,
			      TAPI_CALLREASON_UNPARK);
}

/**
 * tapi_cmd_call_park() - %TAPI_IOC_CALL_PARK
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_park(struct tapi_ucmd *ucmd)
{
	struct tapi_call_park *arg = ucmd->cmd;
	struct tapi_request_args args = {
		.digits = arg->dest,
		.mode = arg->mode,
	};
	bool directed = arg->mode == TAPI_PARK_DIRECTED;

	if (arg->flags & ~TAPI_REQUEST_VALID)
		return -EOPNOTSUPP;
	if (arg->reserved || !is_power_of_2(arg->mode) ||
	    arg->mode & ~TAPI_PARK_VALID ||
	    !tapi_dial_string_ok(arg->dest, sizeof(arg->dest), !directed) ||
	    (!directed && arg->dest[0]))
		return -EINVAL;
	return tapi_call_op_out(ucmd, arg->flags, arg->call, &arg->request_id,
				TAPI_OP_PARK, TAPI_CALLFEATURE_PARK, &args);
}

/**
 * tapi_cmd_call_secure() - %TAPI_IOC_CALL_SECURE
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_secure(struct tapi_ucmd *ucmd)
{
	static const struct tapi_request_args no_args;

	return tapi_call_op(ucmd, ucmd->cmd, TAPI_OP_SECURE,
			    TAPI_CALLFEATURE_SECURECALL, &no_args);
}

/**
 * tapi_cmd_call_send_user_user() - %TAPI_IOC_CALL_SEND_USER_USER
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_send_user_user(struct tapi_ucmd *ucmd)
{
	struct tapi_call_user_user *arg = ucmd->cmd;
	struct tapi_request_args args = { .data = arg->data, .len = arg->len };

	if (arg->flags & ~TAPI_REQUEST_VALID)
		return -EOPNOTSUPP;
	if (arg->reserved || !arg->len || arg->len > TAPI_USERUSER_MAX ||
	    memchr_inv(arg->data + arg->len, 0,
		       sizeof(arg->data) - arg->len))
		return -EINVAL;
	return tapi_call_op_out(ucmd, arg->flags, arg->call, &arg->request_id,
				TAPI_OP_SEND_USER_USER,
				TAPI_CALLFEATURE_SENDUSERUSER, &args);
}

/**
 * tapi_cmd_call_complete() - %TAPI_IOC_CALL_COMPLETE
 * @ucmd: the command
 *
 * Return: the request id, 0 (synchronous), or a negative errno.
 */
int tapi_cmd_call_complete(struct tapi_ucmd *ucmd)
{
	struct tapi_call_completion *arg = ucmd->cmd;
	struct tapi_request_args args = { .mode = arg->mode };
	struct tapi_call_handle *h;
	bool sync, started;
	u32 state;
	int ret;

	if (arg->flags & ~TAPI_REQUEST_VALID)
		return -EOPNOTSUPP;
	if (!is_power_of_2(arg->mode) || arg->mode & ~TAPI_COMPLETION_VALID)
		return -EINVAL;
	h = tapi_call_op_check(ucmd, arg->flags, arg->call,
			       TAPI_OP_COMPLETE_CALL,
			       TAPI_CALLFEATURE_COMPLETECALL, &args, &sync,
			       &state);
	if (IS_ERR(h))
		return PTR_ERR(h);
	/* Camp-on waits at a busy station: RINGBACK has call back only. */
	ret = -EBADFD;
	if (arg->mode == TAPI_COMPLETION_CAMPON &&
	    state != TAPI_CALLSTATE_BUSY)
		goto out;
	ret = tapi_completion_add(ucmd->lf, &args.completion_id);
	if (ret)
		goto out;
	arg->completion_id = args.completion_id;
	ret = tapi_call_op_start(ucmd, h, sync, TAPI_OP_COMPLETE_CALL, &args,
				 &arg->request_id, &started);
	/* A failed outcome takes the completion away (request.c). */
	if (!started)
		tapi_completion_remove(ucmd->card, args.completion_id);
out:
	tapi_handle_put(h);
	return ret;
}
