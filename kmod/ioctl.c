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
#include <linux/stddef.h>
#include <linux/uaccess.h>

#include "tapi_core.h"

/* Which fds a command is valid on. */
#define TAPI_ON_CARD	BIT(0)
#define TAPI_ON_LINE	BIT(1)

/**
 * struct tapi_ucmd - one command being executed
 * @card: the card of the fd
 * @lf: the line fd, or NULL for a card fd
 * @cmd: kernel copy of the user structure
 * @new_file: a file a handler created, to install as @new_fd once the
 *	result has reached user space
 * @new_fd: the reserved fd for @new_file
 */
struct tapi_ucmd {
	struct tapi_card *card;
	struct tapi_line_file *lf;
	void *cmd;
	struct file *new_file;
	int new_fd;
};

/* Every structure the dispatcher may hold; sized for the largest. */
union tapi_ucmd_buffer {
	struct tapi_features features;
	struct tapi_card_info card_info;
	struct tapi_line_devcaps line_devcaps;
	struct tapi_address_caps address_caps;
	struct tapi_line_open line_open;
	struct tapi_line_devstatus line_devstatus;
};

/**
 * struct tapi_ioctl_op - one command of the table
 * @size: size of its structure in this kernel
 * @min_size: smallest size user space may pass
 * @on: %TAPI_ON_CARD and/or %TAPI_ON_LINE
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
		      TAPI_FEATURE_LINE_EVENTS | TAPI_FEATURE_LINE_STATUS;
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
		.size = sizeof(_struct) +				\
			BUILD_BUG_ON_ZERO(sizeof(union tapi_ucmd_buffer) < \
					  sizeof(_struct)),		\
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
};

/* The uapi structures' sizes are ABI: they only ever grow. */
static_assert(sizeof(struct tapi_features) == 40);
static_assert(sizeof(struct tapi_card_info) == 80);
static_assert(sizeof(struct tapi_line_devcaps) == 144);
static_assert(sizeof(struct tapi_address_caps) == 96);
static_assert(sizeof(struct tapi_line_open) == 72);
static_assert(sizeof(struct tapi_line_devstatus) == 48);
static_assert(sizeof(struct tapi_event) == 64);

static long tapi_ioctl(struct tapi_card *card, struct tapi_line_file *lf,
		       unsigned int on, unsigned int cmd, void __user *uarg)
{
	const struct tapi_ioctl_op *op;
	union tapi_ucmd_buffer buf;
	struct tapi_ucmd ucmd = {
		.card = card,
		.lf = lf,
		.cmd = &buf,
	};
	unsigned int nr = _IOC_NR(cmd);
	u32 user_size;
	long ret;

	if (_IOC_TYPE(cmd) != TAPI_IOC_TYPE || _IOC_DIR(cmd) != _IOC_NONE ||
	    _IOC_SIZE(cmd) || nr >= ARRAY_SIZE(tapi_ioctl_ops))
		return -ENOTTY;
	op = &tapi_ioctl_ops[nr];
	if (!op->execute || !(op->on & on))
		return -ENOTTY;

	/* A dead fd answers -ENODEV to every command, whatever its argument. */
	if (!READ_ONCE(card->ops))
		return -ENODEV;

	if (get_user(user_size, (u32 __user *)uarg))
		return -EFAULT;
	if (user_size < op->min_size)
		return -EINVAL;
	ret = copy_struct_from_user(&buf, op->size, uarg, user_size);
	if (ret)
		return ret;

	down_read(&card->ops_sem);
	if (card->ops)
		ret = op->execute(&ucmd);
	else
		ret = -ENODEV;
	up_read(&card->ops_sem);
	if (ret)
		return ret;

	if (copy_to_user(uarg, &buf, min_t(u32, user_size, op->size)))
		ret = -EFAULT;
	if (ucmd.new_file) {
		if (ret) {
			/* Releasing the file undoes the open. */
			fput(ucmd.new_file);
			put_unused_fd(ucmd.new_fd);
		} else {
			fd_install(ucmd.new_fd, ucmd.new_file);
		}
	}
	return ret;
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
