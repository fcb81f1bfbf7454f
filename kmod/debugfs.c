// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: /sys/kernel/debug/tapi/state, a read-only dump of the core's
 * objects for bug reports: every registered card, its lines, the open line
 * fds of each line and the calls of each line.  Not ABI: the format may
 * change with any release (Documentation/tracing.rst describes it).
 *
 * Objects are named by the numbers user space knows (card index, line
 * index, call id); no kernel pointers, and no party numbers or names of
 * calls.  The dump takes the locks the ioctl paths take: a card's ops_sem
 * for reading (a card being unregistered waits; one already gone is
 * skipped), card->lock for the open fds of its lines, and each call's,
 * fd's and the card's request lock only for the lines it prints from them.
 *
 * Without debugfs (not built, disabled at boot, or not mounted) the
 * debugfs calls fail quietly and nothing else changes.
 */
#include <linux/debugfs.h>
#include <linux/kfifo.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "tapi_core.h"

/* Escaped in names, so that one object stays on one line. */
#define TAPI_DEBUGFS_ESC	" \t\n\\="

static struct dentry *tapi_debugfs_dir;

static void tapi_debugfs_privileges(struct seq_file *s, u32 priv)
{
	if (priv & TAPI_PRIV_OWNER)
		seq_puts(s, priv & TAPI_PRIV_MONITOR ? "owner,monitor" :
						       "owner");
	else if (priv & TAPI_PRIV_MONITOR)
		seq_puts(s, "monitor");
	else
		seq_puts(s, "none");
}

/* Outstanding requests on @head: an fd's (@lf) or a call's list. */
static unsigned int tapi_debugfs_requests(struct tapi_card *card,
					  struct list_head *head, bool lf)
{
	struct tapi_request *req;
	unsigned int n = 0;

	spin_lock_irq(&card->req_lock);
	if (lf) {
		list_for_each_entry(req, head, lf_node)
			n++;
	} else {
		list_for_each_entry(req, head, call_node)
			n++;
	}
	spin_unlock_irq(&card->req_lock);
	return n;
}

/* One open line fd.  card->lock held: @lf stays on the line's list. */
static void tapi_debugfs_open(struct seq_file *s, struct tapi_line_file *lf)
{
	struct tapi_card *card = lf->line->card;
	struct tapi_call_handle *h;
	unsigned int queued, depth, handles = 0;
	unsigned long idx;
	u32 seqno, lost;
	bool removed;

	xa_for_each(&lf->handles, idx, h)
		handles++;
	spin_lock_irq(&lf->wait.lock);
	queued = kfifo_len(&lf->events);
	depth = kfifo_size(&lf->events);
	seqno = lf->seqno;
	lost = lf->lost;
	removed = lf->removed;
	spin_unlock_irq(&lf->wait.lock);

	seq_puts(s, "    open app=");
	seq_escape(s, lf->app_name, TAPI_DEBUGFS_ESC);
	seq_puts(s, " privileges=");
	tapi_debugfs_privileges(s, lf->privileges);
	seq_printf(s, " media_modes=0x%x event_mask=0x%llx queued=%u/%u seqno=%u lost=%u%s handles=%u requests=%u\n",
		   lf->media_modes, (unsigned long long)READ_ONCE(lf->event_mask),
		   queued, depth, seqno, lost, removed ? " removed" : "",
		   handles, tapi_debugfs_requests(card, &lf->requests, true));
}

/* One call; the caller holds a reference on it. */
static void tapi_debugfs_call(struct seq_file *s, struct tapi_call *call)
{
	struct tapi_card *card = call->line->card;
	struct tapi_call_handle *h;
	struct list_head *pos;
	unsigned int handles = 0, media = 0, requests;
	u64 now = ktime_get_ns();
	bool first = true;

	requests = tapi_debugfs_requests(card, &call->requests, false);

	spin_lock_irq(&call->media_lock);
	list_for_each(pos, &call->media)
		media++;
	spin_unlock_irq(&call->media_lock);

	spin_lock_irq(&call->lock);
	list_for_each_entry(h, &call->handles, call_node)
		handles++;
	seq_printf(s, "    call %u address=%u state=%s mode=0x%x media_mode=0x%x age_ms=%llu handles=%u owners=%u monitors=%u requests=%u media_fds=%u",
		   call->id, call->address_id,
		   tapi_callstate_name(call->state), call->mode,
		   call->media_mode,
		   (unsigned long long)div_u64(now - call->create_ns,
					       NSEC_PER_MSEC),
		   handles, call->num_owners, call->num_monitors, requests,
		   media);
	/* Who holds the handles: each line fd's application and privilege. */
	seq_puts(s, " holders=");
	list_for_each_entry(h, &call->handles, call_node) {
		if (!first)
			seq_putc(s, ',');
		first = false;
		seq_escape(s, h->lf->app_name, TAPI_DEBUGFS_ESC ",:");
		seq_putc(s, ':');
		tapi_debugfs_privileges(s, h->privilege);
		if (!h->valid)
			seq_puts(s, ":pending");
	}
	if (first)
		seq_putc(s, '-');
	seq_putc(s, '\n');
	spin_unlock_irq(&call->lock);
}

/*
 * The calls of a line: referenced under calls_lock, printed without it
 * (call->lock is taken outside calls_lock, never inside).
 */
static void tapi_debugfs_calls(struct seq_file *s, struct tapi_line *line)
{
	struct tapi_call **calls, *call;
	unsigned int n = 0, i;

	spin_lock_irq(&line->calls_lock);
	list_for_each_entry(call, &line->calls, line_node)
		n++;
	spin_unlock_irq(&line->calls_lock);
	if (!n)
		return;
	calls = kmalloc_array(n, sizeof(*calls), GFP_KERNEL);
	if (!calls) {
		seq_puts(s, "    calls: no memory\n");
		return;
	}
	i = 0;
	spin_lock_irq(&line->calls_lock);
	list_for_each_entry(call, &line->calls, line_node) {
		if (i == n)
			break;
		/* One whose last reference went waits for this lock. */
		if (kref_get_unless_zero(&call->ref))
			calls[i++] = call;
	}
	spin_unlock_irq(&line->calls_lock);

	n = i;
	for (i = 0; i < n; i++) {
		tapi_debugfs_call(s, calls[i]);
		tapi_call_put(calls[i]);
	}
	kfree(calls);
}

static void tapi_debugfs_card(struct seq_file *s, struct tapi_card *card)
{
	struct tapi_line_file *lf;
	struct tapi_line *line;
	unsigned int i;

	down_read(&card->ops_sem);
	if (!card->ops) {
		/* Unregistered since the list was taken. */
		up_read(&card->ops_sem);
		return;
	}
	seq_printf(s, "card %d name=", card->index);
	seq_escape(s, card->name, TAPI_DEBUGFS_ESC);
	seq_puts(s, " driver=");
	seq_escape(s, card->driver, TAPI_DEBUGFS_ESC);
	seq_printf(s, " lines=%u\n", card->num_lines);

	for (i = 0; i < card->num_lines; i++) {
		line = card->lines[i];
		mutex_lock(&card->lock);
		seq_printf(s, "  line %u name=", line->index);
		seq_escape(s, line->caps.name, TAPI_DEBUGFS_ESC);
		seq_printf(s, " addresses=%u opens=%u\n",
			   line->caps.num_addresses, line->num_opens);
		list_for_each_entry(lf, &line->opens, node)
			tapi_debugfs_open(s, lf);
		mutex_unlock(&card->lock);
		tapi_debugfs_calls(s, line);
	}
	up_read(&card->ops_sem);
}

static int tapi_state_show(struct seq_file *s, void *unused)
{
	struct tapi_card *card;
	u32 index = 0;

	while ((card = tapi_card_get_next(&index))) {
		tapi_debugfs_card(s, card);
		put_device(&card->dev);
		index++;
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tapi_state);

/**
 * tapi_debugfs_init() - create /sys/kernel/debug/tapi/state
 *
 * Failure (no debugfs) is not an error: the file is for bug reports only.
 */
void tapi_debugfs_init(void)
{
	tapi_debugfs_dir = debugfs_create_dir("tapi", NULL);
	debugfs_create_file("state", 0444, tapi_debugfs_dir, NULL,
			    &tapi_state_fops);
}

/**
 * tapi_debugfs_exit() - remove the debugfs directory, waiting for readers
 */
void tapi_debugfs_exit(void)
{
	debugfs_remove_recursive(tapi_debugfs_dir);
}
