// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: ioctl dispatch.
 *
 * One table describes every command: which fd kind takes it, the size of its
 * structure and the minimum size user space may pass.  The dispatcher does
 * all copying and the size checks of the uapi DOC block; handlers see a
 * kernel copy and check flags and reserved fields.  Every command runs with
 * the card's ops_sem held for reading and fails with -ENODEV once the card
 * is gone.
 */
#include <linux/build_bug.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/nospec.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>

#include "tapi_core.h"

/* Nothing to write back: a read-only argument is fine. */
#define TAPI_IN_ONLY	BIT(2)

/* Commands whose structure fits here run without an allocation. */
#define TAPI_UCMD_STACK_SIZE	256

/**
 * struct tapi_ioctl_op - one command of the table
 * @size: size of its structure in this kernel
 * @min_size: smallest size user space may pass
 * @on: %TAPI_ON_CARD and/or %TAPI_ON_LINE, and %TAPI_IN_ONLY
 * @execute: the handler
 */
struct tapi_ioctl_op {
	unsigned int size;
	unsigned int min_size;
	unsigned int on;
	int (*execute)(struct tapi_ucmd *ucmd);
};

static int tapi_get_features(struct tapi_ucmd *ucmd)
{
	struct tapi_features *f = ucmd->cmd;

	if (f->flags)
		return -EOPNOTSUPP;
	if (f->reserved)
		return -EINVAL;
	f->abi_version = TAPI_ABI_VERSION;
	f->max_lines = TAPI_MAX_LINES;
	f->max_addresses = TAPI_MAX_ADDRESSES;
	f->max_event_queue = TAPI_EVENT_QUEUE_MAX;
	f->features = TAPI_FEATURE_CARD_INFO | TAPI_FEATURE_LINE_CAPS |
		      TAPI_FEATURE_ADDRESS_CAPS | TAPI_FEATURE_LINE_OPEN |
		      TAPI_FEATURE_LINE_EVENTS | TAPI_FEATURE_LINE_STATUS |
		      TAPI_FEATURE_CALLS | TAPI_FEATURE_MEDIA |
		      TAPI_FEATURE_MEDIA_CONTROL | TAPI_FEATURE_MSP_DATA |
		      TAPI_FEATURE_SUPPLEMENTARY | TAPI_FEATURE_CALL_SERVICES |
		      (tapi_uring_supported() ? TAPI_FEATURE_URING : 0);
	f->event_size = sizeof(struct tapi_event);
	return 0;
}

static int tapi_card_get_info(struct tapi_ucmd *ucmd)
{
	struct tapi_card_info *info = ucmd->cmd;
	struct tapi_card *card = ucmd->card;

	if (info->flags)
		return -EOPNOTSUPP;
	info->index = card->index;
	info->num_lines = card->num_lines;
	strscpy_pad(info->name, card->name, sizeof(info->name));
	strscpy_pad(info->driver, card->driver, sizeof(info->driver));
	return 0;
}

static int tapi_line_get_devcaps(struct tapi_ucmd *ucmd)
{
	struct tapi_line_devcaps *caps = ucmd->cmd;
	struct tapi_card *card = ucmd->card;
	u32 size = caps->size;

	if (caps->flags)
		return -EOPNOTSUPP;
	if (memchr_inv(caps->reserved, 0, sizeof(caps->reserved)))
		return -EINVAL;
	if (caps->line >= card->num_lines)
		return -ENOENT;
	*caps = card->lines[caps->line]->caps;
	caps->size = size;
	return 0;
}

static int tapi_address_get_caps(struct tapi_ucmd *ucmd)
{
	struct tapi_address_caps *caps = ucmd->cmd;
	struct tapi_card *card = ucmd->card;
	struct tapi_line *line;
	u32 size = caps->size;

	if (caps->flags)
		return -EOPNOTSUPP;
	if (caps->reserved)
		return -EINVAL;
	if (caps->line >= card->num_lines)
		return -ENOENT;
	line = card->lines[caps->line];
	if (caps->address_id >= line->caps.num_addresses)
		return -ENOENT;
	*caps = line->addrs[caps->address_id];
	caps->size = size;
	return 0;
}

static int tapi_line_open_cmd(struct tapi_ucmd *ucmd)
{
	struct tapi_line_open *arg = ucmd->cmd;
	struct file *file;
	int fd, ret;

	fd = get_unused_fd_flags(O_RDWR | (arg->flags & TAPI_LINE_OPEN_CLOEXEC ?
					   O_CLOEXEC : 0));
	if (fd < 0)
		return fd;
	ret = tapi_line_file_open(ucmd->card, arg, &file);
	if (ret) {
		put_unused_fd(fd);
		return ret;
	}
	arg->fd = fd;
	ucmd->new_file = file;
	ucmd->new_fd = fd;
	return 0;
}

static int tapi_line_get_devstatus_cmd(struct tapi_ucmd *ucmd)
{
	struct tapi_line_devstatus *st = ucmd->cmd;

	if (st->flags)
		return -EOPNOTSUPP;
	if (st->reserved)
		return -EINVAL;
	tapi_line_get_devstatus(ucmd->lf, st);
	return 0;
}

#define TAPI_IOCTL_OP(_ioctl, _fn, _struct, _last, _on)			\
	[_IOC_NR(_ioctl)] = {						\
		.size = sizeof(_struct),				\
		.min_size = offsetofend(_struct, _last),		\
		.on = _on,						\
		.execute = _fn,						\
	}

static const struct tapi_ioctl_op tapi_ioctl_ops[] = {
	TAPI_IOCTL_OP(TAPI_IOC_GET_FEATURES, tapi_get_features,
		      struct tapi_features, reserved,
		      TAPI_ON_CARD | TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CARD_GET_INFO, tapi_card_get_info,
		      struct tapi_card_info, driver, TAPI_ON_CARD),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_GET_DEVCAPS, tapi_line_get_devcaps,
		      struct tapi_line_devcaps, name, TAPI_ON_CARD),
	TAPI_IOCTL_OP(TAPI_IOC_ADDRESS_GET_CAPS, tapi_address_get_caps,
		      struct tapi_address_caps, address, TAPI_ON_CARD),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_OPEN, tapi_line_open_cmd,
		      struct tapi_line_open, app_name, TAPI_ON_CARD),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_GET_DEVSTATUS, tapi_line_get_devstatus_cmd,
		      struct tapi_line_devstatus, reserved, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_SET_EVENT_MASK,
		      tapi_cmd_line_set_event_mask,
		      struct tapi_line_event_mask, event_mask, TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_SET_PRIORITY, tapi_cmd_line_set_priority,
		      struct tapi_line_priority, priority, TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_ADDRESS_GET_STATUS, tapi_cmd_address_get_status,
		      struct tapi_address_status, address_features,
		      TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_GET_NEW_CALLS, tapi_cmd_line_new_calls,
		      struct tapi_line_new_calls, handles, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_MAKE, tapi_cmd_call_make,
		      struct tapi_call_make, dest, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_DIAL, tapi_cmd_call_dial,
		      struct tapi_call_dial, digits, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_ANSWER, tapi_cmd_call_answer,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_ACCEPT, tapi_cmd_call_accept,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_DROP, tapi_cmd_call_drop,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_DEALLOCATE, tapi_cmd_call_dealloc,
		      struct tapi_call_dealloc, reserved, TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_GET_INFO, tapi_cmd_call_get_info,
		      struct tapi_call_info, redirection, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_GET_STATUS, tapi_cmd_call_get_status,
		      struct tapi_call_status, state_ns, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_SET_PRIVILEGE, tapi_cmd_call_set_privilege,
		      struct tapi_call_privilege, privilege, TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_HANDOFF, tapi_cmd_call_handoff,
		      struct tapi_call_handoff, app_name, TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_MEDIA_OPEN, tapi_cmd_call_media_open,
		      struct tapi_media_open, off, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_GENERATE_DIGITS,
		      tapi_cmd_call_generate_digits,
		      struct tapi_generate_digits, digits,
		      TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_GENERATE_TONE, tapi_cmd_call_generate_tone,
		      struct tapi_generate_tone, components,
		      TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_MONITOR_DIGITS,
		      tapi_cmd_call_monitor_digits,
		      struct tapi_monitor_digits, digit_modes,
		      TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_GATHER_DIGITS, tapi_cmd_call_gather_digits,
		      struct tapi_gather_digits, terminators,
		      TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_MONITOR_TONES, tapi_cmd_call_monitor_tones,
		      struct tapi_monitor_tones, tones,
		      TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_MONITOR_MEDIA, tapi_cmd_call_monitor_media,
		      struct tapi_monitor_media, media_modes,
		      TAPI_ON_LINE | TAPI_IN_ONLY),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_HOLD, tapi_cmd_call_hold,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_UNHOLD, tapi_cmd_call_unhold,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_SWAP_HOLD, tapi_cmd_call_swap_hold,
		      struct tapi_call_pair, reserved, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_SETUP_TRANSFER,
		      tapi_cmd_call_setup_transfer,
		      struct tapi_call_consult, reserved, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_COMPLETE_TRANSFER,
		      tapi_cmd_call_complete_transfer,
		      struct tapi_call_complete_transfer, request_id,
		      TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_BLIND_TRANSFER,
		      tapi_cmd_call_blind_transfer,
		      struct tapi_call_dial, digits, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_SETUP_CONF, tapi_cmd_call_setup_conf,
		      struct tapi_call_setup_conf, reserved, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_PREPARE_ADD_CONF,
		      tapi_cmd_call_prepare_add_conf,
		      struct tapi_call_consult, reserved, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_ADD_TO_CONF, tapi_cmd_call_add_to_conf,
		      struct tapi_call_pair, reserved, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_REMOVE_FROM_CONF,
		      tapi_cmd_call_remove_from_conf,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_GET_CONF_RELATED,
		      tapi_cmd_call_get_conf_related,
		      struct tapi_conf_related, members, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_REDIRECT, tapi_cmd_call_redirect,
		      struct tapi_call_dial, digits, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_PICKUP, tapi_cmd_line_pickup,
		      struct tapi_line_pickup, group, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_PARK, tapi_cmd_call_park,
		      struct tapi_call_park, dest, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_UNPARK, tapi_cmd_line_unpark,
		      struct tapi_line_pickup, group, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_FORWARD, tapi_cmd_line_forward,
		      struct tapi_line_forward, entries, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_SECURE, tapi_cmd_call_secure,
		      struct tapi_call_request, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_SEND_USER_USER,
		      tapi_cmd_call_send_user_user,
		      struct tapi_call_user_user, data, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_CALL_COMPLETE, tapi_cmd_call_complete,
		      struct tapi_call_completion, request_id, TAPI_ON_LINE),
	TAPI_IOCTL_OP(TAPI_IOC_LINE_UNCOMPLETE, tapi_cmd_line_uncomplete,
		      struct tapi_line_uncomplete, request_id, TAPI_ON_LINE),
};

/* The uapi structures' sizes are ABI: they only ever grow. */
static_assert(sizeof(struct tapi_features) == 40);
static_assert(sizeof(struct tapi_card_info) == 80);
static_assert(sizeof(struct tapi_line_devcaps) == 144);
static_assert(sizeof(struct tapi_address_caps) == 120);
static_assert(sizeof(struct tapi_line_open) == 72);
static_assert(sizeof(struct tapi_line_devstatus) == 48);
static_assert(sizeof(struct tapi_event) == 64);
static_assert(sizeof(struct tapi_line_event_mask) == 16);
static_assert(sizeof(struct tapi_line_priority) == 16);
static_assert(sizeof(struct tapi_address_status) == 328);
static_assert(sizeof(struct tapi_line_new_calls) == 32);
static_assert(sizeof(struct tapi_call_make) == 96);
static_assert(sizeof(struct tapi_call_dial) == 80);
static_assert(sizeof(struct tapi_call_request) == 16);
static_assert(sizeof(struct tapi_call_dealloc) == 16);
static_assert(sizeof(struct tapi_call_party) == 136);
static_assert(sizeof(struct tapi_call_info) == 1016);
static_assert(sizeof(struct tapi_call_status) == 40);
static_assert(sizeof(struct tapi_call_privilege) == 16);
static_assert(sizeof(struct tapi_call_handoff) == 48);
static_assert(sizeof(struct tapi_media_open) == 88);
static_assert(sizeof(struct tapi_generate_digits) == 88);
static_assert(sizeof(struct tapi_generate_tone) == 72);
static_assert(sizeof(struct tapi_monitor_digits) == 16);
static_assert(sizeof(struct tapi_gather_digits) == 48);
static_assert(sizeof(struct tapi_monitor_tones) == 400);
static_assert(sizeof(struct tapi_monitor_media) == 16);
static_assert(sizeof(struct tapi_call_pair) == 24);
static_assert(sizeof(struct tapi_call_consult) == 24);
static_assert(sizeof(struct tapi_call_complete_transfer) == 24);
static_assert(sizeof(struct tapi_call_setup_conf) == 32);
static_assert(sizeof(struct tapi_conf_member) == 16);
static_assert(sizeof(struct tapi_conf_related) == 32);
static_assert(sizeof(struct tapi_forward_entry) == 72);
static_assert(sizeof(struct tapi_line_pickup) == 152);
static_assert(sizeof(struct tapi_call_park) == 88);
static_assert(sizeof(struct tapi_line_forward) == 312);
static_assert(sizeof(struct tapi_call_user_user) == 152);
static_assert(sizeof(struct tapi_call_completion) == 24);
static_assert(sizeof(struct tapi_line_uncomplete) == 16);

/**
 * tapi_ucmd_respond() - copy a command's result to user space now
 * @ucmd: the command
 *
 * For handlers that must know the result reached user space before they
 * commit to something that cannot be undone (handing a request to the
 * TSP).  The dispatcher then does not copy again.
 *
 * Return: 0 or -EFAULT.
 */
int tapi_ucmd_respond(struct tapi_ucmd *ucmd)
{
	const struct tapi_ioctl_op *op = ucmd->op;

	if (copy_to_user(ucmd->uarg, ucmd->cmd,
			 min_t(u32, ucmd->user_size, op->size)))
		return -EFAULT;
	ucmd->responded = true;
	return 0;
}

/**
 * tapi_ucmd_run() - run one command of the ioctl table
 * @ucmd: the command: @ucmd->card, @ucmd->lf and @ucmd->uarg set, and for
 *	io_uring @ucmd->uring and friends
 * @on: %TAPI_ON_CARD or %TAPI_ON_LINE: the kind of fd it came on
 * @cmd: the ioctl number (io_uring's cmd_op)
 *
 * Copies the structure in, checks its size, runs the handler under the
 * card's ops_sem and copies the result out; for an ioctl, waits for a
 * synchronous request.
 *
 * Context: process context, no lock held.
 * Return: the command's result, or -EIOCBQUEUED for an io_uring command
 * whose request completes later.
 */
long tapi_ucmd_run(struct tapi_ucmd *ucmd, unsigned int on, unsigned int cmd)
{
	u64 stack_buf[TAPI_UCMD_STACK_SIZE / sizeof(u64)];
	struct tapi_card *card = ucmd->card;
	void __user *uarg = ucmd->uarg;
	const struct tapi_ioctl_op *op;
	unsigned int nr = _IOC_NR(cmd);
	void *buf = stack_buf;
	long ret;

	if (_IOC_TYPE(cmd) != TAPI_IOC_TYPE || _IOC_DIR(cmd) != _IOC_NONE ||
	    _IOC_SIZE(cmd) || nr >= ARRAY_SIZE(tapi_ioctl_ops))
		return -ENOTTY;
	nr = array_index_nospec(nr, ARRAY_SIZE(tapi_ioctl_ops));
	op = &tapi_ioctl_ops[nr];
	if (!op->execute || !(op->on & on))
		return -ENOTTY;
	ucmd->op = op;

	/* A dead fd answers -ENODEV to every command, whatever its argument. */
	if (!READ_ONCE(card->ops))
		return -ENODEV;

	if (get_user(ucmd->user_size, (u32 __user *)uarg))
		return -EFAULT;
	if (ucmd->user_size < op->min_size)
		return -EINVAL;
	if (op->size > sizeof(stack_buf)) {
		buf = kmalloc(op->size, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	ucmd->cmd = buf;
	ret = copy_struct_from_user(buf, op->size, uarg, ucmd->user_size);
	if (ret)
		goto out;

	down_read(&card->ops_sem);
	if (card->ops)
		ret = op->execute(ucmd);
	else
		ret = -ENODEV;
	up_read(&card->ops_sem);

	if (ucmd->wait_req) {
		/* Synchronous request: its outcome is the result. */
		ret = tapi_request_wait(ucmd->wait_req);
		tapi_request_put(ucmd->wait_req);
		goto out;
	}
	if (ret < 0 || ucmd->responded || op->on & TAPI_IN_ONLY)
		goto out;

	if (copy_to_user(uarg, buf, min_t(u32, ucmd->user_size, op->size)))
		ret = -EFAULT;
	if (ucmd->new_file) {
		if (ret) {
			/* Releasing the file undoes the open. */
			fput(ucmd->new_file);
			put_unused_fd(ucmd->new_fd);
		} else {
			fd_install(ucmd->new_fd, ucmd->new_file);
		}
	}
out:
	if (buf != stack_buf)
		kfree(buf);
	return ret;
}

static long tapi_ioctl(struct tapi_card *card, struct tapi_line_file *lf,
		       unsigned int on, unsigned int cmd, void __user *uarg)
{
	struct tapi_ucmd ucmd = {
		.card = card,
		.lf = lf,
		.uarg = uarg,
	};

	return tapi_ucmd_run(&ucmd, on, cmd);
}

long tapi_card_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return tapi_ioctl(file->private_data, NULL, TAPI_ON_CARD, cmd,
			  (void __user *)arg);
}

long tapi_line_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tapi_line_file *lf = file->private_data;

	return tapi_ioctl(lf->line->card, lf, TAPI_ON_LINE, cmd,
			  (void __user *)arg);
}
