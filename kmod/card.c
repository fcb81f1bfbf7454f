// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: cards.  A TSP registers a card, the core copies its description
 * into a struct tapi_card with one struct tapi_line per line and creates
 * /dev/tapiN; unregistering orphans every open fd.
 */
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "tapi_core.h"

static DEFINE_IDA(tapi_ida);

/* Registered cards, for enumeration, and how often that list changed. */
static LIST_HEAD(tapi_cards);
static DEFINE_MUTEX(tapi_cards_lock);
static unsigned int tapi_cards_gen;

/**
 * tapi_card_get_next() - the registered card with the lowest index from
 *	@index on
 * @index: in: the first index to look at; out: the index of the card
 *	returned
 *
 * Context: process context.
 * Return: the card with a reference on its device the caller puts, or NULL
 * when no card from @index on is registered.  It may be unregistered any
 * time after: card->ops tells, under card->ops_sem.
 */
struct tapi_card *tapi_card_get_next(u32 *index)
{
	struct tapi_card *card, *best = NULL;

	mutex_lock(&tapi_cards_lock);
	list_for_each_entry(card, &tapi_cards, node) {
		if (card->index >= *index &&
		    (!best || card->index < best->index))
			best = card;
	}
	if (best) {
		get_device(&best->dev);
		*index = best->index;
	}
	mutex_unlock(&tapi_cards_lock);
	return best;
}

/**
 * tapi_cards_generation() - a number that changes whenever a card is
 *	registered or unregistered, for dumps to tell they raced with that
 *
 * Return: the number, never 0.
 */
unsigned int tapi_cards_generation(void)
{
	return READ_ONCE(tapi_cards_gen) | 1;
}

/**
 * tapi_tsp_may_sleep() - may a helper the TSP called sleep here
 *
 * For the helpers that sleep (tapi_card_register(), tapi_card_unregister(),
 * tapi_call_offer()): called from an interrupt, a timer, or with a
 * spinlock or the RCU read lock held, they refuse rather than sleep.
 *
 * Return: true in process context with nothing held that forbids sleeping.
 */
bool tapi_tsp_may_sleep(void)
{
	return !in_atomic() && !irqs_disabled() && !rcu_preempt_depth();
}

/**
 * tapi_card_gone() - has the TSP unregistered the card
 * @card: the card
 *
 * Context: any context; a snapshot, for refusing the helpers a TSP calls
 * after tapi_card_unregister() (with a reference of its own on the call
 * or request it names, which keeps @card in memory).
 * Return: true once the card's operations are gone.
 */
bool tapi_card_gone(const struct tapi_card *card)
{
	return !READ_ONCE(card->ops);
}

/**
 * tapi_tsp_enter() - a callback into the TSP starts
 * @card: the card
 * @f: the frame, on the caller's stack
 * @card_lock: the callback runs with card->lock held
 *
 * Context: process context; card->ops_sem held (or card->lock, or both).
 */
void tapi_tsp_enter(struct tapi_card *card, struct tapi_tsp_frame *f,
		    bool card_lock)
{
	f->task = current;
	f->card_lock = card_lock;
	spin_lock(&card->cb_lock);
	list_add(&f->node, &card->cb_frames);
	spin_unlock(&card->cb_lock);
}

/**
 * tapi_tsp_leave() - the callback of tapi_tsp_enter() returned
 * @card: the card
 * @f: its frame
 */
void tapi_tsp_leave(struct tapi_card *card, struct tapi_tsp_frame *f)
{
	spin_lock(&card->cb_lock);
	list_del(&f->node);
	spin_unlock(&card->cb_lock);
}

/**
 * tapi_tsp_in_callback() - is the current task inside a callback of @card
 * @card: the card
 * @card_lock: set if one of them holds card->lock; may be NULL
 *
 * Context: process context.
 * Return: true if the TSP is calling from inside one of @card's callbacks.
 */
bool tapi_tsp_in_callback(struct tapi_card *card, bool *card_lock)
{
	struct tapi_tsp_frame *f;
	bool in = false, locked = false;

	spin_lock(&card->cb_lock);
	list_for_each_entry(f, &card->cb_frames, node) {
		if (f->task != current)
			continue;
		in = true;
		locked |= f->card_lock;
	}
	spin_unlock(&card->cb_lock);
	if (card_lock)
		*card_lock = locked;
	return in;
}

static bool tapi_str_fits(const char *s, size_t len)
{
	return s && s[0] && strnlen(s, len) < len;
}

static int tapi_check_address_desc(const struct tapi_address_desc *ad)
{
	if (!tapi_str_fits(ad->address, TAPI_ADDRESS_LEN) || !ad->max_calls)
		return -EINVAL;
	if (ad->address_features & ~TAPI_ADDRFEATURE_VALID ||
	    ad->call_features & ~TAPI_CALLFEATURE_VALID ||
	    ad->transfer_modes & ~TAPI_TRANSFER_VALID ||
	    ad->park_modes & ~TAPI_PARK_VALID ||
	    ad->forward_modes & ~TAPI_FORWARD_VALID ||
	    ad->completion_modes & ~TAPI_COMPLETION_VALID ||
	    ad->max_user_user > TAPI_USERUSER_MAX)
		return -EINVAL;
	/* Each capability with its modes or limit. */
	if ((ad->call_features & TAPI_CALLFEATURE_PARK && !ad->park_modes) ||
	    (ad->address_features & TAPI_ADDRFEATURE_FORWARD &&
	     !ad->forward_modes) ||
	    (ad->call_features & TAPI_CALLFEATURE_COMPLETECALL &&
	     !ad->completion_modes) ||
	    (ad->call_features & TAPI_CALLFEATURE_SENDUSERUSER &&
	     !ad->max_user_user))
		return -EINVAL;
	if (ad->call_features & TAPI_CALLFEATURE_COMPLETETRANSF &&
	    !ad->transfer_modes)
		return -EINVAL;
	if ((ad->call_features & TAPI_CALLFEATURE_SETUPCONF ||
	     ad->transfer_modes & TAPI_TRANSFER_CONFERENCE) &&
	    ad->max_conf_members < 2)
		return -EINVAL;
	return 0;
}

static int tapi_check_line_desc(const struct tapi_line_desc *ld)
{
	unsigned int i;
	int ret;

	if (!tapi_str_fits(ld->name, TAPI_LINE_NAME_LEN))
		return -EINVAL;
	if (!ld->max_active_calls || !ld->num_addresses ||
	    ld->num_addresses > TAPI_MAX_ADDRESSES || !ld->addresses)
		return -EINVAL;
	if (!ld->media_modes || ld->media_modes & ~TAPI_MEDIA_VALID ||
	    !ld->bearer_modes || ld->bearer_modes & ~TAPI_BEARER_VALID ||
	    ld->line_features & ~TAPI_LINEFEATURE_VALID ||
	    ld->devcaps_flags & ~TAPI_DEVCAPS_VALID ||
	    ld->gen_digit_modes & ~TAPI_DIGITMODE_VALID ||
	    ld->monitor_digit_modes & ~TAPI_DIGITMODE_VALID)
		return -EINVAL;
	for (i = 0; i < ld->num_addresses; i++) {
		ret = tapi_check_address_desc(&ld->addresses[i]);
		if (ret)
			return ret;
	}
	return 0;
}

static int tapi_check_card_desc(const struct tapi_card_desc *desc)
{
	unsigned int i;
	int ret;

	if (!desc || !desc->ops || !tapi_str_fits(desc->name, TAPI_NAME_LEN))
		return -EINVAL;
	/* A call placed must be droppable. */
	if (desc->ops->make_call && !desc->ops->drop)
		return -EINVAL;
	if (!desc->num_lines || desc->num_lines > TAPI_MAX_LINES ||
	    !desc->lines)
		return -EINVAL;
	for (i = 0; i < desc->num_lines; i++) {
		ret = tapi_check_line_desc(&desc->lines[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Capabilities the core implements for a TSP with these operations: a TSP
 * may not advertise what applications cannot use.
 */
static u32 tapi_line_features(const struct tapi_tsp_ops *ops)
{
	return (ops->make_call ? TAPI_LINEFEATURE_MAKECALL : 0) |
	       (ops->forward ? TAPI_LINEFEATURE_FORWARD : 0);
}

static u32 tapi_address_features(const struct tapi_tsp_ops *ops)
{
	return (ops->make_call ? TAPI_ADDRFEATURE_MAKECALL : 0) |
	       (ops->pickup ? TAPI_ADDRFEATURE_PICKUP : 0) |
	       (ops->unpark ? TAPI_ADDRFEATURE_UNPARK : 0) |
	       (ops->forward ? TAPI_ADDRFEATURE_FORWARD : 0);
}

static void tapi_line_release(struct device *dev)
{
	struct tapi_line *line = container_of(dev, struct tapi_line, dev);
	struct tapi_card *card = line->card;

	kfree(line->fwd);
	kfree(line->addrs);
	kfree(line);
	put_device(&card->dev);
}

static const struct device_type tapi_line_type = {
	.name = "tapi_line",
	.groups = tapi_line_groups,
	.release = tapi_line_release,
};

/* Copy one line's description into the core's own objects. */
static struct tapi_line *tapi_line_create(struct tapi_card *card,
					  unsigned int index,
					  const struct tapi_line_desc *ld)
{
	struct tapi_line_devcaps *caps;
	struct tapi_line *line;
	unsigned int i;

	line = kzalloc(sizeof(*line), GFP_KERNEL);
	if (!line)
		return NULL;
	line->addrs = kcalloc(ld->num_addresses, sizeof(*line->addrs),
			      GFP_KERNEL);
	line->fwd = kcalloc(ld->num_addresses, sizeof(*line->fwd), GFP_KERNEL);
	if (!line->addrs || !line->fwd) {
		kfree(line->fwd);
		kfree(line->addrs);
		kfree(line);
		return NULL;
	}
	line->card = card;
	line->index = index;
	spin_lock_init(&line->opens_lock);
	INIT_LIST_HEAD(&line->opens);
	spin_lock_init(&line->calls_lock);
	INIT_LIST_HEAD(&line->calls);
	spin_lock_init(&line->fwd_lock);

	caps = &line->caps;
	caps->line = index;
	caps->permanent_line_id = ld->permanent_line_id;
	caps->num_addresses = ld->num_addresses;
	caps->max_active_calls = ld->max_active_calls;
	caps->media_modes = ld->media_modes;
	caps->bearer_modes = ld->bearer_modes;
	caps->line_features = ld->line_features & tapi_line_features(card->ops);
	caps->devcaps_flags = ld->devcaps_flags;
	caps->string_format = TAPI_STRINGFORMAT_UTF8;
	caps->gen_digit_modes = ld->gen_digit_modes;
	caps->monitor_digit_modes = ld->monitor_digit_modes;
	caps->gen_tone_max_freqs = ld->gen_tone_max_freqs;
	caps->monitor_tone_max_freqs = ld->monitor_tone_max_freqs;
	caps->monitor_tone_max = ld->monitor_tone_max;
	strscpy(caps->name, ld->name, sizeof(caps->name));

	for (i = 0; i < ld->num_addresses; i++) {
		const struct tapi_address_desc *ad = &ld->addresses[i];
		struct tapi_address_caps *ac = &line->addrs[i];

		ac->line = index;
		ac->address_id = i;
		ac->max_calls = ad->max_calls;
		ac->address_features = ad->address_features &
				       tapi_address_features(card->ops);
		ac->call_features = ad->call_features &
				    (tapi_call_supported_features(card->ops) |
				     tapi_mctl_call_features(caps));
		strscpy(ac->address, ad->address, sizeof(ac->address));
		if (ac->call_features & TAPI_CALLFEATURE_COMPLETETRANSF)
			ac->transfer_modes = ad->transfer_modes;
		if (ac->call_features & TAPI_CALLFEATURE_SETUPCONF ||
		    ac->transfer_modes & TAPI_TRANSFER_CONFERENCE)
			ac->max_conf_members = ad->max_conf_members;
		/* Modes and limits only of what the address can do. */
		if (ac->call_features & TAPI_CALLFEATURE_PARK)
			ac->park_modes = ad->park_modes;
		if (ac->address_features & TAPI_ADDRFEATURE_FORWARD)
			ac->forward_modes = ad->forward_modes;
		if (ac->call_features & TAPI_CALLFEATURE_COMPLETECALL)
			ac->completion_modes = ad->completion_modes;
		if (ac->call_features & TAPI_CALLFEATURE_SENDUSERUSER)
			ac->max_user_user = ad->max_user_user;
	}

	device_initialize(&line->dev);
	/*
	 * The line pins its card for as long as it lives: the parent link
	 * does not, device_del() drops it, and line fds outlive that.
	 */
	get_device(&card->dev);
	line->dev.type = &tapi_line_type;
	line->dev.parent = &card->dev;
	if (dev_set_name(&line->dev, "line%u", index)) {
		put_device(&line->dev);
		return NULL;
	}
	return line;
}

static void tapi_card_release(struct device *dev)
{
	struct tapi_card *card = container_of(dev, struct tapi_card, dev);

	ratelimit_state_exit(&card->refused_rs);
	if (card->index >= 0)
		ida_free(&tapi_ida, card->index);
	xa_destroy(&card->call_ids);
	kfree(card->lines);
	kfree(card);
}

/* Drop the lines created so far; the ones added to sysfs leave it first. */
static void tapi_card_del_lines(struct tapi_card *card, unsigned int added)
{
	unsigned int i;

	for (i = 0; i < card->num_lines; i++) {
		if (!card->lines[i])
			continue;
		if (i < added)
			device_del(&card->lines[i]->dev);
		put_device(&card->lines[i]->dev);
		card->lines[i] = NULL;
	}
}

/**
 * tapi_card_register() - register a card and create /dev/tapiN for it
 * @desc: the card, its lines and their addresses; copied, so it may be
 *	freed once this returns
 *
 * Context: process context; sleeps.
 * Return: the new card, or an ERR_PTR(): -EINVAL for an invalid
 * description (see &struct tapi_card_desc), -EWOULDBLOCK when called
 * where it cannot sleep, -ENOSPC when %TAPI_MAX_CARDS cards exist,
 * -ENOMEM, or a driver core error.
 */
struct tapi_card *tapi_card_register(const struct tapi_card_desc *desc)
{
	struct tapi_card *card;
	unsigned int i, added = 0;
	int ret;

	if (!tapi_tsp_may_sleep()) {
		tapi_tsp_refused_nocard("card registered from atomic context, refused\n");
		return ERR_PTR(-EWOULDBLOCK);
	}
	ret = tapi_check_card_desc(desc);
	if (ret)
		return ERR_PTR(ret);

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return ERR_PTR(-ENOMEM);
	card->index = -1;
	init_rwsem(&card->ops_sem);
	mutex_init(&card->lock);
	xa_init_flags(&card->call_ids, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);
	spin_lock_init(&card->req_lock);
	INIT_LIST_HEAD(&card->requests);
	INIT_LIST_HEAD(&card->completions);
	ratelimit_state_init(&card->refused_rs, DEFAULT_RATELIMIT_INTERVAL,
			     TAPI_REFUSED_BURST);
	ratelimit_set_flags(&card->refused_rs, RATELIMIT_MSG_ON_RELEASE);
	spin_lock_init(&card->cb_lock);
	INIT_LIST_HEAD(&card->cb_frames);
	init_waitqueue_head(&card->remove_wait);
	INIT_LIST_HEAD(&card->node);
	card->ops = desc->ops;
	card->priv = desc->priv;
	strscpy(card->name, desc->name, sizeof(card->name));
	strscpy(card->driver,
		desc->ops->owner ? module_name(desc->ops->owner) : "builtin",
		sizeof(card->driver));

	device_initialize(&card->dev);
	card->dev.class = &tapi_class;
	card->dev.parent = desc->parent;
	card->dev.release = tapi_card_release;
	dev_set_drvdata(&card->dev, card);

	card->lines = kcalloc(desc->num_lines, sizeof(*card->lines),
			      GFP_KERNEL);
	if (!card->lines) {
		ret = -ENOMEM;
		goto err_put;
	}
	card->num_lines = desc->num_lines;

	ret = ida_alloc_max(&tapi_ida, TAPI_MAX_CARDS - 1, GFP_KERNEL);
	if (ret < 0)
		goto err_put;
	card->index = ret;
	card->dev.devt = MKDEV(MAJOR(tapi_devt), card->index);
	ret = dev_set_name(&card->dev, "tapi%d", card->index);
	if (ret)
		goto err_put;

	for (i = 0; i < desc->num_lines; i++) {
		card->lines[i] = tapi_line_create(card, i, &desc->lines[i]);
		if (!card->lines[i]) {
			ret = -ENOMEM;
			goto err_lines;
		}
	}

	cdev_init(&card->cdev, &tapi_card_fops);
	card->cdev.owner = THIS_MODULE;
	/*
	 * The card's "add" uevent waits until the card is complete, its
	 * lines in sysfs and itself in the registry, so that udev rules find
	 * what they look for; a card that fails here is never announced.
	 */
	dev_set_uevent_suppress(&card->dev, 1);
	ret = cdev_device_add(&card->cdev, &card->dev);
	if (ret)
		goto err_lines;

	for (added = 0; added < card->num_lines; added++) {
		ret = device_add(&card->lines[added]->dev);
		if (ret)
			goto err_cdev;
	}

	mutex_lock(&tapi_cards_lock);
	list_add_tail(&card->node, &tapi_cards);
	WRITE_ONCE(tapi_cards_gen, tapi_cards_gen + 2);
	mutex_unlock(&tapi_cards_lock);
	dev_set_uevent_suppress(&card->dev, 0);
	kobject_uevent(&card->dev.kobj, KOBJ_ADD);
	tapi_nl_card_added(card);

	dev_dbg(&card->dev, "card %s of %s with %u lines\n", card->name,
		card->driver, card->num_lines);
	return card;

err_cdev:
	tapi_card_del_lines(card, added);
	cdev_device_del(&card->cdev, &card->dev);
	put_device(&card->dev);
	return ERR_PTR(ret);
err_lines:
	tapi_card_del_lines(card, 0);
err_put:
	put_device(&card->dev);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(tapi_card_register);

/**
 * tapi_card_unregister() - take a card away
 * @card: a card returned by tapi_card_register()
 *
 * Waits for callbacks into the TSP in progress, calls &tapi_tsp_ops.line_close
 * for every line still open, completes every request the TSP has not
 * completed with -ENODEV, removes /dev/tapiN and its sysfs entries, and
 * queues %TAPI_EV_CLOSE and %TAPI_EV_REMOVED on every open line fd.  When
 * this returns 0 the core will not call the TSP for @card again and @card
 * must not be used by the TSP any more: no helper but tapi_call_put() and
 * tapi_request_put() on the references it still holds.  The TSP stops
 * completing requests before it calls this (see &struct tapi_tsp_ops).  fds
 * user space still holds fail with -ENODEV.
 *
 * Called where it would deadlock, it refuses and changes nothing (logged,
 * ratelimited): from inside a &tapi_tsp_ops callback of @card (it would
 * wait for that very callback), or where it cannot sleep.  The TSP then
 * still owns a registered card and unregisters it later, from process
 * context outside its callbacks.
 *
 * Context: process context; sleeps.  Not from a &tapi_tsp_ops callback of
 * @card.
 * Return: 0; -EDEADLK from inside a callback of @card; -EWOULDBLOCK from
 * atomic context; -ENODEV if the card was unregistered already (only
 * caught while something else, an open fd, still holds @card).
 */
int tapi_card_unregister(struct tapi_card *card)
{
	unsigned int i;

	if (!card) {
		tapi_tsp_refused_nocard("NULL card unregistered, refused\n");
		return -EINVAL;
	}
	if (!tapi_tsp_may_sleep()) {
		tapi_tsp_refused(card, "unregistered from atomic context, refused\n");
		return -EWOULDBLOCK;
	}
	if (tapi_tsp_in_callback(card, NULL)) {
		tapi_tsp_refused(card, "unregistered from inside its own callback, refused\n");
		return -EDEADLK;
	}

	if (tapi_card_gone(card)) {
		tapi_tsp_refused(card, "unregistered twice, refused\n");
		return -ENODEV;
	}

	mutex_lock(&tapi_cards_lock);
	list_del_init(&card->node);
	WRITE_ONCE(tapi_cards_gen, tapi_cards_gen + 2);
	mutex_unlock(&tapi_cards_lock);

	down_write(&card->ops_sem);
	if (!card->ops) {
		/* Another unregistration got here first. */
		up_write(&card->ops_sem);
		tapi_tsp_refused(card, "unregistered twice, refused\n");
		return -ENODEV;
	}
	mutex_lock(&card->lock);
	for (i = 0; i < card->num_lines; i++) {
		struct tapi_tsp_frame f;

		if (!card->lines[i]->num_opens || !card->ops->line_close)
			continue;
		tapi_tsp_enter(card, &f, true);
		card->ops->line_close(card, i);
		tapi_tsp_leave(card, &f);
	}
	WRITE_ONCE(card->ops, NULL);
	card->priv = NULL;
	mutex_unlock(&card->lock);
	up_write(&card->ops_sem);

	/* Outstanding requests fail before the fds hear of the removal. */
	tapi_requests_card_gone(card);
	for (i = 0; i < card->num_lines; i++) {
		tapi_line_removed(card->lines[i]);
		device_del(&card->lines[i]->dev);
	}
	cdev_device_del(&card->cdev, &card->dev);
	wake_up_all(&card->remove_wait);
	tapi_nl_card_removed(card);

	/* Open line fds keep their line devices, and so the card, alive. */
	for (i = 0; i < card->num_lines; i++)
		put_device(&card->lines[i]->dev);
	put_device(&card->dev);
	return 0;
}
EXPORT_SYMBOL_GPL(tapi_card_unregister);

/**
 * tapi_card_priv() - the TSP's private data of a card
 * @card: the card
 *
 * Return: &tapi_card_desc.priv as given to tapi_card_register(); NULL
 * once the card is unregistered, or for a NULL @card.
 */
void *tapi_card_priv(struct tapi_card *card)
{
	return card ? card->priv : NULL;
}
EXPORT_SYMBOL_GPL(tapi_card_priv);

/**
 * tapi_card_index() - the N of a card's /dev/tapiN
 * @card: the card
 *
 * Return: the card's index, >= 0; -EINVAL for a NULL @card.
 */
int tapi_card_index(struct tapi_card *card)
{
	return card ? card->index : -EINVAL;
}
EXPORT_SYMBOL_GPL(tapi_card_index);

static int tapi_card_open(struct inode *inode, struct file *file)
{
	struct tapi_card *card = container_of(inode->i_cdev, struct tapi_card,
					      cdev);
	int ret = 0;

	down_read(&card->ops_sem);
	if (!card->ops)
		ret = -ENODEV;
	else
		get_device(&card->dev);
	up_read(&card->ops_sem);
	if (ret)
		return ret;

	file->private_data = card;
	return nonseekable_open(inode, file);
}

static int tapi_card_file_release(struct inode *inode, struct file *file)
{
	struct tapi_card *card = file->private_data;

	put_device(&card->dev);
	return 0;
}

/* Nothing is read from a card fd; poll() only tells that the card is gone. */
static __poll_t tapi_card_poll(struct file *file, poll_table *wait)
{
	struct tapi_card *card = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &card->remove_wait, wait);
	down_read(&card->ops_sem);
	if (!card->ops)
		mask = EPOLLHUP | EPOLLERR;
	up_read(&card->ops_sem);
	return mask;
}

const struct file_operations tapi_card_fops = {
	.owner = THIS_MODULE,
	.open = tapi_card_open,
	.release = tapi_card_file_release,
	.poll = tapi_card_poll,
	.unlocked_ioctl = tapi_card_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.uring_cmd = tapi_card_uring_cmd,
	.llseek = no_llseek,
};
