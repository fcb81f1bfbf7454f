/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal declarations of the tapi core, shared by its files only.
 *
 * Objects and their lifetimes:
 *
 * struct tapi_card is one registered card: /dev/tapiN.  Its struct device is
 * the reference count: the TSP's registration holds one reference, every open
 * card fd holds one, every line holds one (taken explicitly: the parent
 * link of a device is dropped by device_del(), and lines outlive that).
 *
 * struct tapi_line is one line of a card, a child device "lineK" of the card
 * device.  Every open line fd holds a reference on the line device, which
 * keeps the line and the card in memory after the card is unregistered.
 *
 * struct tapi_line_file is one open line fd (anonymous inode "tapi-line").
 *
 * Locking, outermost first:
 *
 * card->ops_sem (rw_semaphore): card->ops is non-NULL while the card is
 *	registered.  Readers hold it across every callback into the TSP and
 *	across every ioctl, so tapi_card_unregister() (the only writer) waits
 *	for them and afterwards nobody calls into the TSP.
 * card->lock (mutex): the open/close decisions of every line of the card
 *	(first open, last close) and the per-line open counters.
 * line->opens_lock (spinlock, irq-safe): line->opens, the list of open line
 *	fds, walked to fan events out from any context.
 * lf->wait.lock (spinlock, irq-safe): the event queue of one line fd and
 *	its counters.
 */
#ifndef _TAPI_CORE_H
#define _TAPI_CORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/kfifo.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include <tapi/tsp.h>

/* Most cards registered at once: the size of the char device region. */
#define TAPI_MAX_CARDS		256

/**
 * struct tapi_line - one line of a card
 * @card: the card the line belongs to
 * @index: index of the line on the card
 * @dev: the line's sysfs device, child of the card's device
 * @caps: the line's capabilities, as the TSP described them
 * @addrs: @caps.num_addresses address capabilities
 * @opens_lock: protects @opens
 * @opens: open line fds of this line (struct tapi_line_file.node)
 * @num_opens: how many line fds are open; under card->lock
 */
struct tapi_line {
	struct tapi_card *card;
	unsigned int index;
	struct device dev;
	struct tapi_line_devcaps caps;
	struct tapi_address_caps *addrs;
	spinlock_t opens_lock;
	struct list_head opens;
	unsigned int num_opens;
};

/**
 * struct tapi_card - one card registered by a TSP
 * @dev: the card's device, /dev/tapiN and /sys/class/tapi/tapiN
 * @cdev: the character device
 * @index: N of tapiN, also the minor number
 * @name: the card's name
 * @driver: the name of the TSP module
 * @priv: the TSP's private data
 * @ops_sem: see the locking comment at the top of this file
 * @ops: the TSP's operations; NULL once the card is unregistered
 * @lock: see the locking comment at the top of this file
 * @remove_wait: pollers of card fds, woken when the card goes away
 * @node: entry in the list of registered cards (tapi_cards_lock)
 * @num_lines: number of entries in @lines
 * @lines: the card's lines
 */
struct tapi_card {
	struct device dev;
	struct cdev cdev;
	int index;
	char name[TAPI_NAME_LEN];
	char driver[TAPI_NAME_LEN];
	void *priv;
	struct rw_semaphore ops_sem;
	const struct tapi_tsp_ops *ops;
	struct mutex lock;
	wait_queue_head_t remove_wait;
	struct list_head node;
	unsigned int num_lines;
	struct tapi_line **lines;
};

/**
 * struct tapi_line_file - one open line fd
 * @line: the line; a reference on @line->dev is held
 * @node: entry in @line->opens
 * @privileges: &enum tapi_privilege bits granted
 * @media_modes: media modes owned (with %TAPI_PRIV_OWNER)
 * @event_mask: event types delivered, as bits (1 << type)
 * @app_name: the application's name
 * @wait: readers and pollers; its lock protects the fields below
 * @events: queued event records
 * @seqno: sequence number of the last event queued
 * @lost: events dropped since the last %TAPI_EV_OVERFLOW was read
 * @first_lost: sequence number of the first of those
 * @removed: the card is gone; no more events will come
 */
struct tapi_line_file {
	struct tapi_line *line;
	struct list_head node;
	u32 privileges;
	u32 media_modes;
	u64 event_mask;
	char app_name[TAPI_NAME_LEN];
	wait_queue_head_t wait;
	DECLARE_KFIFO_PTR(events, struct tapi_event);
	u32 seqno;
	u32 lost;
	u32 first_lost;
	bool removed;
};

/* core.c */
extern struct class tapi_class;
extern dev_t tapi_devt;

/* card.c */
extern const struct file_operations tapi_card_fops;

/* line.c */
extern const struct file_operations tapi_line_fops;
int tapi_line_file_open(struct tapi_card *card, struct tapi_line_open *arg,
			struct file **filep);
void tapi_line_get_devstatus(struct tapi_line_file *lf,
			     struct tapi_line_devstatus *st);
void tapi_line_removed(struct tapi_line *line);

/* event.c */
int tapi_event_queue_init(struct tapi_line_file *lf, unsigned int depth);
void tapi_event_queue_free(struct tapi_line_file *lf);
void tapi_event_queue(struct tapi_line_file *lf, const struct tapi_event *ev);
void tapi_event_queue_removed(struct tapi_line_file *lf);
ssize_t tapi_event_read(struct tapi_line_file *lf, char __user *buf,
			size_t count, bool nonblock);
__poll_t tapi_event_poll(struct tapi_line_file *lf, struct file *file,
			 poll_table *wait);
void tapi_line_broadcast(struct tapi_line *line, const struct tapi_event *ev);

/* ioctl.c */
long tapi_card_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
long tapi_line_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* sysfs.c */
extern const struct attribute_group *tapi_card_groups[];
extern const struct attribute_group *tapi_line_groups[];

#endif /* _TAPI_CORE_H */
