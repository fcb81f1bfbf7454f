// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: line fds.  TAPI_IOC_LINE_OPEN on a card fd returns a line fd
 * (anonymous inode "tapi-line"), TAPI's lineOpen; closing it is lineClose.
 */
#include <linux/anon_inodes.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "tapi_core.h"

/**
 * tapi_check_event_mask() - check an event mask from user space
 * @mask: bits (1 << &enum tapi_event_type); 0 means all
 *
 * Return: 0, or -EOPNOTSUPP for a bit naming no event type.
 */
int tapi_check_event_mask(u64 mask)
{
	return mask & ~TAPI_EV_MASK_VALID ? -EOPNOTSUPP : 0;
}

static int tapi_check_line_open(const struct tapi_line *line,
				const struct tapi_line_open *arg)
{
	u32 priv = arg->privileges;

	if (arg->privileges & ~TAPI_PRIV_VALID ||
	    tapi_check_event_mask(arg->event_mask) ||
	    arg->media_modes & ~TAPI_MEDIA_VALID)
		return -EOPNOTSUPP;
	if (!priv || (priv & TAPI_PRIV_NONE && priv != TAPI_PRIV_NONE))
		return -EINVAL;
	if (!(priv & TAPI_PRIV_OWNER) != !arg->media_modes)
		return -EINVAL;
	if (arg->event_queue_depth > TAPI_EVENT_QUEUE_MAX)
		return -EINVAL;
	if (!memchr(arg->app_name, '\0', sizeof(arg->app_name)))
		return -EINVAL;
	if (arg->media_modes & ~line->caps.media_modes)
		return -EOPNOTSUPP;
	return 0;
}

static void tapi_line_file_free(struct tapi_line_file *lf)
{
	tapi_uring_release_lf(lf);
	tapi_event_queue_free(lf);
	put_device(&lf->line->dev);
	kfree(lf);
}

/*
 * Record one more opener of @line; the first one powers the line up through
 * the TSP.  Called with card->ops_sem held for reading and the card live.
 */
static int tapi_line_attach(struct tapi_line_file *lf)
{
	struct tapi_line *line = lf->line;
	struct tapi_card *card = line->card;
	int ret = 0;

	mutex_lock(&card->lock);
	if (!line->num_opens && card->ops->line_open)
		ret = card->ops->line_open(card, line->index);
	if (!ret) {
		line->num_opens++;
		spin_lock_irq(&line->opens_lock);
		list_add_tail(&lf->node, &line->opens);
		spin_unlock_irq(&line->opens_lock);
	}
	mutex_unlock(&card->lock);
	if (!ret)
		tapi_nl_line_changed(line);
	return ret;
}

/*
 * First half of undoing tapi_line_attach(): take @lf off its line's list of
 * opens, so that nobody gives it a handle any more.
 */
static void tapi_line_unlist(struct tapi_line_file *lf)
{
	struct tapi_line *line = lf->line;
	struct tapi_card *card = line->card;

	mutex_lock(&card->lock);
	spin_lock_irq(&line->opens_lock);
	list_del_init(&lf->node);
	spin_unlock_irq(&line->opens_lock);
	mutex_unlock(&card->lock);
	tapi_nl_line_changed(line);
}

/*
 * Second half: one opener less; the last one powers the line down.  The
 * caller holds card->ops_sem for reading.
 */
static void tapi_line_detach_locked(struct tapi_line_file *lf)
{
	struct tapi_line *line = lf->line;
	struct tapi_card *card = line->card;

	mutex_lock(&card->lock);
	if (!--line->num_opens && card->ops && card->ops->line_close)
		card->ops->line_close(card, line->index);
	mutex_unlock(&card->lock);
}

/**
 * tapi_line_file_open() - create a line fd's file
 * @card: the card, live; card->ops_sem is held for reading
 * @arg: the validated-size request from user space
 * @filep: where to return the file
 *
 * The caller reserves the fd, copies the result to user space and only then
 * installs the file; on failure it fput()s the file, which undoes
 * everything done here.
 *
 * Return: 0 or a negative errno as documented for %TAPI_IOC_LINE_OPEN.
 */
int tapi_line_file_open(struct tapi_card *card, struct tapi_line_open *arg,
			struct file **filep)
{
	struct tapi_line_file *lf;
	struct tapi_line *line;
	struct file *file;
	int ret;

	if (arg->flags & ~TAPI_LINE_OPEN_VALID)
		return -EOPNOTSUPP;
	if (arg->reserved)
		return -EINVAL;
	if (arg->line >= card->num_lines)
		return -ENOENT;
	line = card->lines[arg->line];
	ret = tapi_check_line_open(line, arg);
	if (ret)
		return ret;

	lf = kzalloc(sizeof(*lf), GFP_KERNEL_ACCOUNT);
	if (!lf)
		return -ENOMEM;
	get_device(&line->dev);
	lf->line = line;
	INIT_LIST_HEAD(&lf->node);
	lf->privileges = arg->privileges;
	lf->media_modes = arg->media_modes;
	lf->event_mask = (arg->event_mask ?: TAPI_EV_MASK_VALID) |
			 TAPI_EV_ALWAYS_MASK;
	xa_init_flags(&lf->handles, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);
	INIT_LIST_HEAD(&lf->requests);
	INIT_LIST_HEAD(&lf->replies);
	tapi_uring_init_lf(lf);
	strscpy(lf->app_name, arg->app_name, sizeof(lf->app_name));
	ret = tapi_event_queue_init(lf, arg->event_queue_depth ?:
					TAPI_EVENT_QUEUE_DEFAULT);
	if (ret) {
		put_device(&line->dev);
		kfree(lf);
		return ret;
	}
	arg->event_queue_depth = kfifo_size(&lf->events);

	ret = tapi_line_attach(lf);
	if (ret) {
		tapi_line_file_free(lf);
		return ret;
	}

	file = anon_inode_getfile("tapi-line", &tapi_line_fops, lf,
				  O_RDWR | (arg->flags & TAPI_LINE_OPEN_NONBLOCK ?
					    O_NONBLOCK : 0));
	if (IS_ERR(file)) {
		tapi_line_unlist(lf);
		tapi_line_detach_locked(lf);
		tapi_line_file_free(lf);
		return PTR_ERR(file);
	}
	*filep = file;
	return 0;
}

/**
 * tapi_line_status() - fill the status of a line, as every fd of it reads it
 * @line: the line; card->ops_sem is held for reading and the card is live
 * @st: the status; size and flags are left alone
 */
void tapi_line_status(struct tapi_line *line, struct tapi_line_devstatus *st)
{
	struct tapi_card *card = line->card;
	struct tapi_line_file *o;
	struct tapi_call_counts calls;
	u32 devstatus = TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE;

	st->num_opens = 0;
	st->num_owners = 0;
	st->num_monitors = 0;
	st->open_media_modes = 0;
	spin_lock_irq(&line->opens_lock);
	list_for_each_entry(o, &line->opens, node) {
		st->num_opens++;
		if (o->privileges & TAPI_PRIV_OWNER)
			st->num_owners++;
		if (o->privileges & TAPI_PRIV_MONITOR)
			st->num_monitors++;
		st->open_media_modes |= o->media_modes;
	}
	spin_unlock_irq(&line->opens_lock);

	tapi_call_count(line, -1, &calls);
	st->num_active_calls = calls.active;
	st->num_onhold_calls = calls.onhold;
	st->num_onholdpend_calls = calls.onholdpend;
	st->line_features = line->caps.line_features;
	if (calls.active >= line->caps.max_active_calls)
		st->line_features &= ~TAPI_LINEFEATURE_MAKECALL;
	if (card->ops->line_get_devstatus)
		card->ops->line_get_devstatus(card, line->index, &devstatus);
	st->devstatus_flags = devstatus;
	st->reserved = 0;
}

/**
 * tapi_line_get_devstatus() - fill the status of a line fd's line
 * @lf: the line fd; card->ops_sem is held for reading and the card is live
 * @st: the reply, size and flags already checked
 */
void tapi_line_get_devstatus(struct tapi_line_file *lf,
			     struct tapi_line_devstatus *st)
{
	tapi_line_status(lf->line, st);
}

/**
 * tapi_line_removed() - the card of @line is gone: finish every line fd
 * @line: the line
 */
void tapi_line_removed(struct tapi_line *line)
{
	struct tapi_line_file *lf;
	struct tapi_call *call;

	spin_lock_irq(&line->calls_lock);
	list_for_each_entry(call, &line->calls, line_node)
		tapi_media_call_ended(call);
	spin_unlock_irq(&line->calls_lock);

	spin_lock_irq(&line->opens_lock);
	list_for_each_entry(lf, &line->opens, node)
		tapi_event_queue_removed(lf);
	spin_unlock_irq(&line->opens_lock);
}

/**
 * tapi_line_devstate_changed() - report a change of a line's device state
 * @card: the card
 * @line: index of the line on the card
 * @devstatus_flags: the new &enum tapi_devstatus_flag bits
 *
 * Queues %TAPI_EV_LINEDEVSTATE with @devstatus_flags in param[0] on every
 * open fd of the line that wants it.
 *
 * Context: any context.
 */
void tapi_line_devstate_changed(struct tapi_card *card, unsigned int line,
				u32 devstatus_flags)
{
	struct tapi_event ev = {
		.type = TAPI_EV_LINEDEVSTATE,
		.line = line,
		.param = { devstatus_flags },
	};

	if (WARN_ON_ONCE(line >= card->num_lines))
		return;
	tapi_line_broadcast(card->lines[line], &ev);
	tapi_nl_line_changed(card->lines[line]);
}
EXPORT_SYMBOL_GPL(tapi_line_devstate_changed);

/*
 * lineClose: off the line's list (no new handles), no replies any more,
 * its call completions cancelled, every handle given back (calls only
 * this fd owned are dropped), and last, one opener less.
 */
static int tapi_line_release(struct inode *inode, struct file *file)
{
	struct tapi_line_file *lf = file->private_data;
	struct tapi_card *card = lf->line->card;

	tapi_line_unlist(lf);
	tapi_requests_detach_lf(lf);
	tapi_completions_release(lf);
	tapi_handles_release(lf);
	down_read(&card->ops_sem);
	tapi_line_detach_locked(lf);
	up_read(&card->ops_sem);
	tapi_line_file_free(lf);
	return 0;
}

static ssize_t tapi_line_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos)
{
	return tapi_event_read(file->private_data, buf, count,
			       file->f_flags & O_NONBLOCK);
}

static __poll_t tapi_line_poll(struct file *file, poll_table *wait)
{
	return tapi_event_poll(file->private_data, file, wait);
}

const struct file_operations tapi_line_fops = {
	.owner = THIS_MODULE,
	.release = tapi_line_release,
	.flush = tapi_line_flush,
	.read = tapi_line_read,
	.poll = tapi_line_poll,
	.unlocked_ioctl = tapi_line_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.uring_cmd = tapi_line_uring_cmd,
	.llseek = no_llseek,
};
