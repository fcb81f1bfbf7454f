// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: media fds ("tapi-media"), a call's audio rings shared with
 * the MSP in user space, and the TSPI helpers that feed and drain them.
 *
 * A media fd has two vmalloc'd regions, mapped by the MSP at their own
 * mmap offsets (see "Media rings" in the uapi header):
 *
 *   kernel region (read-only to user space)   user region (read-write)
 *   +0     RX producer                        +0     RX consumer
 *   +64    TX consumer                        +64    TX producer
 *   +128   struct tapi_media_stats            +128   RX flags
 *   +PAGE  RX frames                          +PAGE  TX frames (TX fds)
 *
 * (the index offsets are SMP_CACHE_BYTES apart: one cache line each).
 *
 * Barrier contract, kernel side.  RX, the kernel producing: read the RX
 * consumer with smp_load_acquire() (so the MSP's reads of the slot are
 * done before we overwrite it), copy the frame into the free slot, then
 * publish the producer with smp_store_release() (so the frame is visible
 * before the index is).  TX, the kernel consuming: read the TX producer
 * with smp_load_acquire() (so the MSP's writes of the frame are seen),
 * copy the frame out, then publish the consumer with smp_store_release()
 * (so the copy is done before the MSP may reuse the slot).  The indices
 * user space writes are never trusted: they only ever select a slot
 * modulo the ring size, and a TX producer more than a ring ahead is
 * counted and dropped.  The user side of the same contract is written
 * out in the uapi header ("Media rings"); selftests/media_test.c follows it.
 *
 * The TSP moves audio at 8 kHz, in 16-bit linear samples or in G.711
 * bytes, in chunks of any length, from any context (typically a timer or
 * an interrupt): each fd gathers them in its own format (converted as
 * they arrive, or copied when the formats match) and cuts them into its
 * own frame length; TX frames stay in the fd's format until they are
 * handed out in the TSP's.  call->media_lock, a
 * spinlock taken with interrupts off, protects the call's list of media
 * fds and every ring's kernel-side state; it nests inside
 * line->calls_lock and is never held while taking call->lock.
 */
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/overflow.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "tapi_core.h"
#include "trace.h"

/* Samples a millisecond: everything is 8 kHz. */
#define TAPI_MEDIA_SAMPLES_MS	8
#define TAPI_MEDIA_MAX_SAMPLES	(TAPI_MEDIA_FRAME_MS_MAX * TAPI_MEDIA_SAMPLES_MS)
/* Linear samples converted at a time, on the stack, for G.711 helpers. */
#define TAPI_MEDIA_CHUNK	160

/* Layout of both regions' first page. */
#define TAPI_MEDIA_IDX0		0
#define TAPI_MEDIA_IDX1		SMP_CACHE_BYTES
#define TAPI_MEDIA_IDX2		(2 * SMP_CACHE_BYTES)
#define TAPI_MEDIA_FRAMES	PAGE_SIZE

/**
 * struct tapi_media - one media fd
 * @call: its call; a reference is held
 * @node: entry in @call->media; under @call->media_lock
 * @wait: pollers
 * @format: &enum tapi_media_format
 * @frame_samples: samples a frame
 * @frame_size: bytes a frame
 * @rx_entries: RX ring size, a power of two
 * @tx_entries: TX ring size, or 0 for an fd that does not transmit
 * @kreg: the kernel region (tapi_media_region_alloc())
 * @ksize: its size
 * @ureg: the user region
 * @usize: its size
 * @rx_prod: RX producer, in @kreg
 * @tx_cons: TX consumer, in @kreg
 * @stats: counters, in @kreg
 * @rx_frames: RX frames, in @kreg
 * @rx_cons: RX consumer, in @ureg (user-written)
 * @tx_prod: TX producer, in @ureg (user-written)
 * @rx_flags: &enum tapi_media_rx_flag bits, in @ureg (user-written)
 * @tx_frames: TX frames, in @ureg (user-written)
 *
 * The fields below are under @call->media_lock.
 *
 * @stopped: the call ended or the card went: the rings are still
 * @rx_head: the RX producer index (what *@rx_prod says)
 * @rx_fill: samples gathered in @rx_acc
 * @tx_tail: the TX consumer index (what *@tx_cons says)
 * @tx_pos: samples of @tx_cur already sent
 * @tx_real: @tx_cur holds a frame from the ring (else the period is
 *	silent)
 * @xrun: &enum tapi_media_xrun bits not reported yet
 * @xrun_at: jiffies of the last %TAPI_EV_MEDIA, or of the open
 * @rx_acc: the RX frame being gathered, in @format (s16 for alignment)
 * @tx_cur: the TX frame being sent, in @format, as the MSP queued it
 * @msgs: messages from the TSP not read yet (struct tapi_msp_msg)
 * @nmsgs: how many
 */
struct tapi_media {
	struct tapi_call *call;
	struct list_head node;
	wait_queue_head_t wait;
	u32 format;
	u32 frame_samples;
	u32 frame_size;
	u32 rx_entries;
	u32 tx_entries;
	void *kreg;
	size_t ksize;
	void *ureg;
	size_t usize;
	u32 *rx_prod;
	u32 *tx_cons;
	struct tapi_media_stats *stats;
	u8 *rx_frames;
	u32 *rx_cons;
	u32 *tx_prod;
	u32 *rx_flags;
	u8 *tx_frames;

	bool stopped;
	u32 rx_head;
	u32 rx_fill;
	u32 tx_tail;
	u32 tx_pos;
	bool tx_real;
	u32 xrun;
	unsigned long xrun_at;
	s16 rx_acc[TAPI_MEDIA_MAX_SAMPLES];
	s16 tx_cur[TAPI_MEDIA_MAX_SAMPLES];
	struct list_head msgs;
	unsigned int nmsgs;
};

/**
 * struct tapi_msp_msg - a message from the TSP queued on a media fd
 * @node: entry in tapi_media.msgs
 * @len: its length
 * @data: its bytes
 */
struct tapi_msp_msg {
	struct list_head node;
	size_t len;
	u8 data[];
};

/* Bytes a sample of @format. */
static u32 tapi_media_bps(u32 format)
{
	return format == TAPI_MEDIA_LINEAR16 ? 2 : 1;
}

/*
 * @n samples of @src, in @sfmt, into @dst in @dfmt (&enum
 * tapi_media_format): copied when the formats are the same, so a G.711
 * byte comes out as it went in.
 */
static void tapi_media_convert(u32 dfmt, void *dst, u32 sfmt,
			       const void *src, unsigned int n)
{
	if (dfmt == sfmt)
		memcpy(dst, src, n * tapi_media_bps(dfmt));
	else if (dfmt == TAPI_MEDIA_LINEAR16)
		tapi_g711_decode(sfmt, dst, src, n);
	else if (sfmt == TAPI_MEDIA_LINEAR16)
		tapi_g711_encode(dfmt, dst, src, n);
	else
		tapi_g711_transcode(dfmt, dst, src, n);
}

/* @n samples of silence in @format. */
static void tapi_media_silence(u32 format, void *dst, unsigned int n)
{
	if (format == TAPI_MEDIA_LINEAR16)
		memset(dst, 0, n * sizeof(s16));
	else
		memset(dst, tapi_g711_silence(format), n);
}

/*
 * Note a lost frame; when a TAPI_EV_MEDIA is due, fill @ev in (its type
 * says so) and start the next period.  media_lock held.
 */
static void tapi_media_xrun_locked(struct tapi_media *m, u32 what,
				   struct tapi_event *ev)
{
	m->xrun |= what;
	trace_tapi_media_xrun(m->call, what, m->stats->rx_overruns,
			      m->stats->tx_underruns);
	if (ev->type || time_before(jiffies, m->xrun_at + HZ))
		return;
	ev->type = TAPI_EV_MEDIA;
	ev->param[0] = m->xrun;
	ev->param[1] = m->stats->rx_overruns;
	ev->param[2] = m->stats->tx_underruns;
	m->xrun = 0;
	m->xrun_at = jiffies;
}

/* Queue @ev, if filled in, on every handle of @call.  No core lock held. */
static void tapi_media_report(struct tapi_call *call, struct tapi_event *ev)
{
	unsigned long flags;

	if (!ev->type)
		return;
	ev->line = call->line->index;
	spin_lock_irqsave(&call->lock, flags);
	tapi_call_fanout_locked(call, ev);
	spin_unlock_irqrestore(&call->lock, flags);
}

/* A whole RX frame is in m->rx_acc: put it on the ring.  media_lock held. */
static void tapi_media_rx_frame_locked(struct tapi_media *m,
				       struct tapi_event *ev)
{
	u32 cons = smp_load_acquire(m->rx_cons);

	if (m->rx_head - cons >= m->rx_entries) {
		m->stats->rx_overruns++;
		tapi_media_xrun_locked(m, TAPI_MEDIA_XRUN_RX_OVERRUN, ev);
		return;
	}
	memcpy(m->rx_frames + (m->rx_head & (m->rx_entries - 1)) * m->frame_size,
	       m->rx_acc, m->frame_size);
	smp_store_release(m->rx_prod, ++m->rx_head);
	m->stats->rx_frames++;
	/*
	 * Pairs with the MSP's full barrier between setting NEED_WAKEUP and
	 * looking at the producer: one of us sees the other's store.
	 */
	smp_mb();
	if (READ_ONCE(*m->rx_flags) & TAPI_MEDIA_RX_NEED_WAKEUP &&
	    wq_has_sleeper(&m->wait))
		wake_up_poll(&m->wait, EPOLLIN | EPOLLRDNORM);
}

/* Let the call's detectors hear G.711 audio, a chunk at a time. */
static void tapi_media_rx_detect_locked(struct tapi_call *call, u32 format,
					const u8 *data, unsigned int n)
{
	s16 buf[TAPI_MEDIA_CHUNK];
	unsigned int done, k;

	if (!tapi_mctl_hears_locked(call))
		return;
	for (done = 0; done < n; done += k) {
		k = min_t(unsigned int, n - done, TAPI_MEDIA_CHUNK);
		tapi_g711_decode(format, buf, data + done, k);
		tapi_mctl_rx_locked(call, buf, k, n - done - k);
	}
}

/*
 * Deliver @n samples of @data, in @format, to every media fd of @call,
 * each gathering them in its own format, and to the call's detectors.
 */
static void tapi_media_rx_fmt(struct tapi_call *call, u32 format,
			      const void *data, unsigned int n)
{
	u32 k, done, bps = tapi_media_bps(format), mbps;
	struct tapi_event ev = {};
	struct tapi_media *m;
	unsigned long flags;

	spin_lock_irqsave(&call->media_lock, flags);
	list_for_each_entry(m, &call->media, node) {
		if (m->stopped)
			continue;
		mbps = tapi_media_bps(m->format);
		for (done = 0; done < n; done += k) {
			k = min(n - done, m->frame_samples - m->rx_fill);
			tapi_media_convert(m->format,
					   (u8 *)m->rx_acc + m->rx_fill * mbps,
					   format, data + done * bps, k);
			m->rx_fill += k;
			if (m->rx_fill < m->frame_samples)
				continue;
			m->rx_fill = 0;
			tapi_media_rx_frame_locked(m, &ev);
		}
	}
	if (format == TAPI_MEDIA_LINEAR16)
		tapi_mctl_rx_locked(call, data, n, 0);
	else
		tapi_media_rx_detect_locked(call, format, data, n);
	spin_unlock_irqrestore(&call->media_lock, flags);
	tapi_media_report(call, &ev);
	tapi_mctl_flush(call);
}

/**
 * tapi_media_rx() - audio received from the far end of a call
 * @call: the call
 * @samples: 8 kHz 16-bit linear samples
 * @n: how many
 *
 * Delivers @samples to every media fd of @call, each cutting them into its
 * frames; a frame that finds its RX ring full is dropped and counted.
 * The call's digit and tone detectors hear them too.  Nothing happens for
 * a call without media fds or media control, or whose media stopped.
 *
 * Context: any context, also hard interrupt; does not sleep.
 */
void tapi_media_rx(struct tapi_call *call, const s16 *samples, unsigned int n)
{
	if (!call || !samples) {
		tapi_tsp_refused_nocard("media of a NULL call or buffer, refused\n");
		return;
	}
	tapi_media_rx_fmt(call, TAPI_MEDIA_LINEAR16, samples, n);
}
EXPORT_SYMBOL_GPL(tapi_media_rx);

static bool tapi_media_is_g711(u32 format)
{
	return format == TAPI_MEDIA_ULAW || format == TAPI_MEDIA_ALAW;
}

/**
 * tapi_media_rx_g711() - G.711 audio received from the far end of a call
 * @call: the call
 * @format: the law of @data: %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW
 * @data: 8 kHz G.711 bytes, one a sample
 * @n: how many
 *
 * As tapi_media_rx(), for a card that moves G.711: a media fd in @format
 * gets the bytes exactly as given; one in the other law or in linear gets
 * them converted (through linear, as the core encodes and decodes
 * G.711).  The call's detectors hear them decoded.  Another @format is a
 * bug: it is logged (ratelimited) and nothing is delivered.
 *
 * Context: any context, also hard interrupt; does not sleep.
 */
void tapi_media_rx_g711(struct tapi_call *call, u32 format, const u8 *data,
			unsigned int n)
{
	if (!call || !data) {
		tapi_tsp_refused_nocard("media of a NULL call or buffer, refused\n");
		return;
	}
	if (!tapi_media_is_g711(format)) {
		tapi_tsp_refused(call->line->card, "call %u: G.711 media in format %#x, refused\n",
				 call->id, format);
		return;
	}
	tapi_media_rx_fmt(call, format, data, n);
}
EXPORT_SYMBOL_GPL(tapi_media_rx_g711);

/*
 * Start the next TX frame period: take a frame off the ring into
 * m->tx_cur, as it is, or note that there is none.  media_lock held.
 */
static void tapi_media_tx_frame_locked(struct tapi_media *m,
				       struct tapi_event *ev)
{
	u32 prod = smp_load_acquire(m->tx_prod);
	u32 avail = prod - m->tx_tail;

	if (avail > m->tx_entries) {
		/* Nonsense from user space: take the ring as empty. */
		m->stats->tx_invalid++;
		m->tx_tail = prod;
		smp_store_release(m->tx_cons, m->tx_tail);
		avail = 0;
	}
	m->tx_real = avail;
	if (!avail) {
		m->stats->tx_underruns++;
		tapi_media_xrun_locked(m, TAPI_MEDIA_XRUN_TX_UNDERRUN, ev);
		return;
	}
	memcpy(m->tx_cur, m->tx_frames +
	       (m->tx_tail & (m->tx_entries - 1)) * m->frame_size,
	       m->frame_size);
	smp_store_release(m->tx_cons, ++m->tx_tail);
	m->stats->tx_frames++;
	if (wq_has_sleeper(&m->wait))
		wake_up_poll(&m->wait, EPOLLOUT | EPOLLWRNORM);
}

/*
 * Fill @n samples of @data, in @format, from @m's TX ring; silence where
 * the MSP queued no frame.  Return: samples from the MSP.
 */
static u32 tapi_media_tx_fill_locked(struct tapi_media *m, u32 format,
				     void *data, unsigned int n,
				     struct tapi_event *ev)
{
	u32 k, done, got = 0, bps = tapi_media_bps(format);
	u32 mbps = tapi_media_bps(m->format);

	for (done = 0; done < n; done += k) {
		if (!m->tx_pos)
			tapi_media_tx_frame_locked(m, ev);
		k = min(n - done, m->frame_samples - m->tx_pos);
		if (m->tx_real) {
			tapi_media_convert(format, data + done * bps, m->format,
					   (u8 *)m->tx_cur + m->tx_pos * mbps,
					   k);
			got += k;
		} else {
			tapi_media_silence(format, data + done * bps, k);
		}
		m->tx_pos += k;
		if (m->tx_pos == m->frame_samples)
			m->tx_pos = 0;
	}
	return got;
}

/*
 * Let the call's generator replace G.711 audio to send, a chunk at a
 * time.  Return: how many samples, from the first, it wrote.
 */
static unsigned int tapi_media_tx_generate_locked(struct tapi_call *call,
						  u32 format, u8 *data,
						  unsigned int n)
{
	s16 buf[TAPI_MEDIA_CHUNK];
	unsigned int done, k, w;

	for (done = 0; done < n; done += w) {
		k = min_t(unsigned int, n - done, TAPI_MEDIA_CHUNK);
		w = tapi_mctl_tx_locked(call, buf, k);
		tapi_g711_encode(format, data + done, buf, w);
		if (w < k)
			return done + w;
	}
	return done;
}

/* Fill @n samples of @data in @format for the TSP to send. */
static unsigned int tapi_media_tx_fmt(struct tapi_call *call, u32 format,
				      void *data, unsigned int n)
{
	struct tapi_event ev = {};
	struct tapi_media *m;
	unsigned long flags;
	u32 got, gen;

	spin_lock_irqsave(&call->media_lock, flags);
	m = call->media_tx;
	if (m && !m->stopped) {
		got = tapi_media_tx_fill_locked(m, format, data, n, &ev);
	} else {
		tapi_media_silence(format, data, n);
		got = 0;
	}
	if (format == TAPI_MEDIA_LINEAR16)
		gen = tapi_mctl_tx_locked(call, data, n);
	else
		gen = tapi_media_tx_generate_locked(call, format, data, n);
	got = max(got, gen);
	spin_unlock_irqrestore(&call->media_lock, flags);
	tapi_media_report(call, &ev);
	tapi_mctl_flush(call);
	return got;
}

/**
 * tapi_media_tx() - audio to send to the far end of a call
 * @call: the call
 * @samples: where to put 8 kHz 16-bit linear samples
 * @n: how many the TSP sends now
 *
 * Fills @samples from the call's transmitting media fd, frame by frame;
 * where it has none queued (or there is no such fd) the TSP gets silence.
 * A frame period the MSP left empty counts as one underrun.  While the
 * call's digit or tone generator runs, what it generates replaces the
 * MSP's audio.
 *
 * Context: any context, also hard interrupt; does not sleep.
 * Return: how many of the @n samples are audio (from the MSP or the
 * generator); the rest are zero.
 */
unsigned int tapi_media_tx(struct tapi_call *call, s16 *samples,
			   unsigned int n)
{
	if (!call || !samples) {
		tapi_tsp_refused_nocard("media of a NULL call or buffer, refused\n");
		return 0;
	}
	return tapi_media_tx_fmt(call, TAPI_MEDIA_LINEAR16, samples, n);
}
EXPORT_SYMBOL_GPL(tapi_media_tx);

/**
 * tapi_media_tx_g711() - G.711 audio to send to the far end of a call
 * @call: the call
 * @format: the law to fill @data in: %TAPI_MEDIA_ULAW or %TAPI_MEDIA_ALAW
 * @data: where to put 8 kHz G.711 bytes, one a sample
 * @n: how many the TSP sends now
 *
 * As tapi_media_tx(), for a card that moves G.711: the bytes of a
 * transmitting media fd in @format come out exactly as the MSP queued
 * them; those of an fd in the other law or in linear are converted
 * (through linear).  Where the MSP queued nothing (or there is no such
 * fd) the TSP gets the law's silence, 0xff (mu-law) or 0xd5 (A-law); what
 * the call's generator makes is encoded in @format.  Another @format is a
 * bug: it is logged (ratelimited) and @data is filled with 0xff.
 *
 * Context: any context, also hard interrupt; does not sleep.
 * Return: how many of the @n samples are audio (from the MSP or the
 * generator); the rest are silence.
 */
unsigned int tapi_media_tx_g711(struct tapi_call *call, u32 format, u8 *data,
				unsigned int n)
{
	if (!call || !data) {
		tapi_tsp_refused_nocard("media of a NULL call or buffer, refused\n");
		return 0;
	}
	if (!tapi_media_is_g711(format)) {
		tapi_tsp_refused(call->line->card, "call %u: G.711 media in format %#x, refused\n",
				 call->id, format);
		memset(data, 0xff, n);
		return 0;
	}
	return tapi_media_tx_fmt(call, format, data, n);
}
EXPORT_SYMBOL_GPL(tapi_media_tx_g711);

/**
 * tapi_media_call_ended() - stop a call's media: EPOLLHUP on its fds
 * @call: the call, disconnected or idle, or whose card is going
 *
 * Context: any context; no core lock but line->calls_lock held.
 */
void tapi_media_call_ended(struct tapi_call *call)
{
	struct tapi_media *m;
	unsigned long flags;

	spin_lock_irqsave(&call->media_lock, flags);
	call->media_ended = true;
	tapi_mctl_stop_locked(call);
	list_for_each_entry(m, &call->media, node) {
		m->stopped = true;
		wake_up_poll(&m->wait, EPOLLHUP);
	}
	spin_unlock_irqrestore(&call->media_lock, flags);
}

static __poll_t tapi_media_poll(struct file *file, poll_table *pt)
{
	struct tapi_media *m = file->private_data;
	__poll_t mask = 0;
	u32 prod, cons;

	poll_wait(file, &m->wait, pt);
	prod = smp_load_acquire(m->rx_prod);
	if (prod != READ_ONCE(*m->rx_cons))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (m->tx_entries) {
		cons = smp_load_acquire(m->tx_cons);
		if (READ_ONCE(*m->tx_prod) - cons < m->tx_entries)
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	if (READ_ONCE(m->nmsgs))
		mask |= EPOLLPRI;
	if (READ_ONCE(m->stopped))
		mask |= EPOLLHUP;
	return mask;
}

/*
 * Map the first @size bytes of a ring region into @vma.  The regions come
 * from tapi_media_region_alloc(), without VM_USERMAP, which
 * remap_vmalloc_range() wants: insert their pages one by one, as it would.
 */
static int tapi_media_map_region(struct vm_area_struct *vma, void *region,
				 unsigned long size)
{
	unsigned long off;
	int ret;

	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	for (off = 0; off < size; off += PAGE_SIZE) {
		ret = vm_insert_page(vma, vma->vm_start + off,
				     vmalloc_to_page(region + off));
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * A zeroed ring region.  Its size is the application's choice, so a
 * failure is an error for it (ENOMEM), not a warning in the kernel log:
 * vmalloc_user() cannot be asked for __GFP_NOWARN.
 */
static void *tapi_media_region_alloc(size_t size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
}

static int tapi_media_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct tapi_media *m = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	size_t region_size;
	void *region;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (off == TAPI_MEDIA_OFF_KERNEL) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
		region = m->kreg;
		region_size = m->ksize;
	} else if (off == TAPI_MEDIA_OFF_USER) {
		region = m->ureg;
		region_size = m->usize;
	} else {
		return -EINVAL;
	}
	if (size > region_size)
		return -EINVAL;
	return tapi_media_map_region(vma, region, size);
}

/* Take @m off its call's list: the TSP's helpers no longer see it. */
static void tapi_media_detach(struct tapi_media *m)
{
	struct tapi_call *call = m->call;

	spin_lock_irq(&call->media_lock);
	list_del(&m->node);
	if (call->media_tx == m)
		call->media_tx = NULL;
	spin_unlock_irq(&call->media_lock);
}

static void tapi_media_free(struct tapi_media *m)
{
	struct tapi_msp_msg *msg, *tmp;

	list_for_each_entry_safe(msg, tmp, &m->msgs, node)
		kfree(msg);
	tapi_call_put(m->call);
	vfree(m->kreg);
	vfree(m->ureg);
	kfree(m);
}

static int tapi_media_release(struct inode *inode, struct file *file)
{
	struct tapi_media *m = file->private_data;

	tapi_media_detach(m);
	tapi_media_free(m);
	return 0;
}

/* The next message, if it fits @len: taken off the queue.  Or an error. */
static struct tapi_msp_msg *tapi_msp_take(struct tapi_media *m, size_t len)
{
	struct tapi_msp_msg *msg;

	spin_lock_irq(&m->call->media_lock);
	msg = list_first_entry_or_null(&m->msgs, struct tapi_msp_msg, node);
	if (!msg) {
		msg = m->stopped ? NULL : ERR_PTR(-EAGAIN);
	} else if (msg->len > len) {
		msg = ERR_PTR(-EMSGSIZE);
	} else {
		list_del(&msg->node);
		WRITE_ONCE(m->nmsgs, m->nmsgs - 1);
	}
	spin_unlock_irq(&m->call->media_lock);
	return msg;
}

/* read(): one message from the TSP; 0 once media stopped and none left. */
static ssize_t tapi_media_read(struct file *file, char __user *buf,
			       size_t len, loff_t *ppos)
{
	struct tapi_media *m = file->private_data;
	struct tapi_msp_msg *msg;
	ssize_t ret;

	for (;;) {
		msg = tapi_msp_take(m, len);
		if (!IS_ERR(msg) || PTR_ERR(msg) != -EAGAIN)
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(m->wait, READ_ONCE(m->nmsgs) ||
					       READ_ONCE(m->stopped));
		if (ret)
			return ret;
	}
	if (IS_ERR_OR_NULL(msg))
		return PTR_ERR_OR_ZERO(msg);
	ret = copy_to_user(buf, msg->data, msg->len) ? -EFAULT : msg->len;
	kfree(msg);
	return ret;
}

/* The TSP's msp_data, as a callback of the card; ops_sem held. */
static int tapi_media_msp_data_op(struct tapi_card *card, struct tapi_call *call,
				  const void *data, size_t len)
{
	struct tapi_tsp_frame f;
	int ret;

	tapi_tsp_enter(card, &f, false);
	ret = card->ops->msp_data(card, call, data, len);
	tapi_tsp_leave(card, &f);
	if (ret > 0) {
		tapi_tsp_refused(card, "call %u: msp_data returned %d, taken as %d\n",
				 call->id, ret, -EIO);
		ret = -EIO;
	}
	return ret;
}

/* write(): one message to the TSP. */
static ssize_t tapi_media_write(struct file *file, const char __user *buf,
				size_t len, loff_t *ppos)
{
	struct tapi_media *m = file->private_data;
	struct tapi_call *call = m->call;
	struct tapi_card *card = call->line->card;
	void *data;
	int ret;

	if (!len)
		return -EINVAL;
	if (len > TAPI_MSP_DATA_MAX)
		return -EMSGSIZE;
	data = memdup_user(buf, len);
	if (IS_ERR(data))
		return PTR_ERR(data);
	down_read(&card->ops_sem);
	if (!card->ops)
		ret = -ENODEV;
	else if (!card->ops->msp_data)
		ret = -EOPNOTSUPP;
	else if (READ_ONCE(m->stopped))
		ret = -EPIPE;
	else
		ret = tapi_media_msp_data_op(card, call, data, len);
	up_read(&card->ops_sem);
	kfree(data);
	return ret ?: len;
}

/**
 * tapi_media_msp_data() - send a message to the MSPs of a call
 * @call: the call
 * @data: the message
 * @len: its length, 1 to %TAPI_MSP_DATA_MAX
 *
 * Queues a copy on every media fd of @call for read(), and tells every
 * handle of the call with a %TAPI_EV_MSPDATA record.  An fd whose queue is
 * full (%TAPI_MSP_DATA_QUEUE messages) drops it and counts it.
 *
 * Context: any context; does not sleep.
 * Return: 0; -EINVAL for a bad length, a NULL @call or @data; -ENOTCONN
 * when the call has no media fd or its media stopped; -ENOMEM.
 */
int tapi_media_msp_data(struct tapi_call *call, const void *data, size_t len)
{
	struct tapi_event ev = { .type = TAPI_EV_MSPDATA, .param = { len } };
	struct tapi_msp_msg *msg;
	struct tapi_media *m;
	unsigned long flags;
	int ret = -ENOTCONN;

	if (!call || !data || !len || len > TAPI_MSP_DATA_MAX)
		return -EINVAL;
	spin_lock_irqsave(&call->media_lock, flags);
	list_for_each_entry(m, &call->media, node) {
		if (m->stopped)
			continue;
		if (m->nmsgs >= TAPI_MSP_DATA_QUEUE) {
			m->stats->msp_dropped++;
			ret = 0;
			continue;
		}
		msg = kmalloc(struct_size(msg, data, len), GFP_ATOMIC);
		if (!msg) {
			ret = -ENOMEM;
			break;
		}
		msg->len = len;
		memcpy(msg->data, data, len);
		list_add_tail(&msg->node, &m->msgs);
		WRITE_ONCE(m->nmsgs, m->nmsgs + 1);
		wake_up_poll(&m->wait, EPOLLPRI);
		ret = 0;
	}
	spin_unlock_irqrestore(&call->media_lock, flags);
	if (!ret)
		tapi_media_report(call, &ev);
	return ret;
}
EXPORT_SYMBOL_GPL(tapi_media_msp_data);

static const struct file_operations tapi_media_fops = {
	.owner		= THIS_MODULE,
	.read		= tapi_media_read,
	.write		= tapi_media_write,
	.poll		= tapi_media_poll,
	.mmap		= tapi_media_mmap,
	.release	= tapi_media_release,
	.llseek		= noop_llseek,
};

static bool tapi_media_entries_ok(u32 entries)
{
	return is_power_of_2(entries) && entries >= TAPI_MEDIA_ENTRIES_MIN &&
	       entries <= TAPI_MEDIA_ENTRIES_MAX;
}

/*
 * Check the request and fill in its defaults and frame size.  The out
 * fields (fd, off) are not looked at: they are overwritten.
 */
static int tapi_media_check(struct tapi_media_open *mo, bool *tx)
{
	if (mo->flags & ~TAPI_MEDIA_OPEN_VALID)
		return -EOPNOTSUPP;
	*tx = mo->flags & TAPI_MEDIA_OPEN_TX;
	if (mo->reserved || mo->format > TAPI_MEDIA_ALAW)
		return -EINVAL;
	if (!mo->frame_ms)
		mo->frame_ms = TAPI_MEDIA_FRAME_MS_DEFAULT;
	if (mo->frame_ms < TAPI_MEDIA_FRAME_MS_MIN ||
	    mo->frame_ms > TAPI_MEDIA_FRAME_MS_MAX)
		return -EINVAL;
	if (!mo->rx_entries)
		mo->rx_entries = TAPI_MEDIA_ENTRIES_DEFAULT;
	if (!tapi_media_entries_ok(mo->rx_entries))
		return -EINVAL;
	if (!*tx) {
		if (mo->tx_entries)
			return -EINVAL;
	} else {
		if (!mo->tx_entries)
			mo->tx_entries = TAPI_MEDIA_ENTRIES_DEFAULT;
		if (!tapi_media_entries_ok(mo->tx_entries))
			return -EINVAL;
	}
	mo->frame_size = mo->frame_ms * TAPI_MEDIA_SAMPLES_MS *
			 (mo->format == TAPI_MEDIA_LINEAR16 ? 2 : 1);
	return 0;
}

static struct tapi_media *tapi_media_alloc(const struct tapi_media_open *mo,
					   bool tx)
{
	struct tapi_media *m;

	m = kzalloc(sizeof(*m), GFP_KERNEL_ACCOUNT);
	if (!m)
		return NULL;
	init_waitqueue_head(&m->wait);
	INIT_LIST_HEAD(&m->msgs);
	m->format = mo->format;
	m->frame_samples = mo->frame_ms * TAPI_MEDIA_SAMPLES_MS;
	m->frame_size = mo->frame_size;
	m->rx_entries = mo->rx_entries;
	m->tx_entries = tx ? mo->tx_entries : 0;
	m->ksize = PAGE_ALIGN(TAPI_MEDIA_FRAMES +
			      (size_t)m->rx_entries * m->frame_size);
	m->usize = PAGE_ALIGN(TAPI_MEDIA_FRAMES +
			      (size_t)m->tx_entries * m->frame_size);
	m->kreg = tapi_media_region_alloc(m->ksize);
	m->ureg = tapi_media_region_alloc(m->usize);
	if (!m->kreg || !m->ureg) {
		vfree(m->kreg);
		vfree(m->ureg);
		kfree(m);
		return NULL;
	}
	m->rx_prod = m->kreg + TAPI_MEDIA_IDX0;
	m->tx_cons = m->kreg + TAPI_MEDIA_IDX1;
	m->stats = m->kreg + TAPI_MEDIA_IDX2;
	m->rx_frames = m->kreg + TAPI_MEDIA_FRAMES;
	m->rx_cons = m->ureg + TAPI_MEDIA_IDX0;
	m->tx_prod = m->ureg + TAPI_MEDIA_IDX1;
	m->rx_flags = m->ureg + TAPI_MEDIA_IDX2;
	m->tx_frames = m->ureg + TAPI_MEDIA_FRAMES;
	*m->rx_flags = TAPI_MEDIA_RX_NEED_WAKEUP;
	m->xrun_at = jiffies;
	return m;
}

static void tapi_media_publish(const struct tapi_media *m,
			       struct tapi_media_open *mo)
{
	struct tapi_media_offsets *off = &mo->off;

	/* Out only: what user space passed in its place is not echoed. */
	memset(off, 0, sizeof(*off));
	off->rx_producer = TAPI_MEDIA_IDX0;
	off->tx_consumer = TAPI_MEDIA_IDX1;
	off->stats = TAPI_MEDIA_IDX2;
	off->rx_frames = TAPI_MEDIA_FRAMES;
	off->rx_consumer = TAPI_MEDIA_IDX0;
	off->tx_producer = TAPI_MEDIA_IDX1;
	off->rx_flags = TAPI_MEDIA_IDX2;
	off->tx_frames = TAPI_MEDIA_FRAMES;
	off->kernel_size = m->ksize;
	off->user_size = m->usize;
}

/* Put @m on its call's list.  Return: 0, -ESRCH or -EBUSY. */
static int tapi_media_attach(struct tapi_media *m, bool tx)
{
	struct tapi_call *call = m->call;
	int ret = 0;

	spin_lock_irq(&call->media_lock);
	if (call->media_ended)
		ret = -ESRCH;
	else if (tx && call->media_tx)
		ret = -EBUSY;
	if (!ret) {
		list_add_tail(&m->node, &call->media);
		if (tx)
			call->media_tx = m;
	}
	spin_unlock_irq(&call->media_lock);
	return ret;
}

/**
 * tapi_cmd_call_media_open() - %TAPI_IOC_CALL_MEDIA_OPEN
 * @ucmd: the command
 *
 * Return: 0 or a negative errno.
 */
int tapi_cmd_call_media_open(struct tapi_ucmd *ucmd)
{
	struct tapi_media_open *mo = ucmd->cmd;
	struct tapi_call_handle *h;
	struct tapi_media *m;
	struct file *file;
	u32 state, priv;
	int fd, ret;
	bool tx;

	ret = tapi_media_check(mo, &tx);
	if (ret)
		return ret;
	h = tapi_handle_get(ucmd->lf, mo->call);
	if (!h)
		return -ENOENT;
	spin_lock_irq(&h->call->lock);
	state = h->call->state;
	priv = h->privilege;
	spin_unlock_irq(&h->call->lock);
	if (tx && priv != TAPI_PRIV_OWNER) {
		ret = -EPERM;
		goto out_handle;
	}
	if (state & (TAPI_CALLSTATE_IDLE | TAPI_CALLSTATE_DISCONNECTED)) {
		ret = -ESRCH;
		goto out_handle;
	}
	ret = -ENOMEM;
	m = tapi_media_alloc(mo, tx);
	if (!m)
		goto out_handle;
	m->call = tapi_call_get(h->call);
	fd = get_unused_fd_flags(O_RDWR |
				 (mo->flags & TAPI_MEDIA_OPEN_CLOEXEC ?
				  O_CLOEXEC : 0));
	if (fd < 0) {
		ret = fd;
		goto out_free;
	}
	ret = tapi_media_attach(m, tx);
	if (ret)
		goto out_fd;
	file = anon_inode_getfile("tapi-media", &tapi_media_fops, m,
				  O_RDWR | (mo->flags & TAPI_MEDIA_OPEN_NONBLOCK ?
					    O_NONBLOCK : 0));
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		tapi_media_detach(m);
		goto out_fd;
	}
	tapi_media_publish(m, mo);
	mo->fd = fd;
	ucmd->new_file = file;
	ucmd->new_fd = fd;
	tapi_handle_put(h);
	return 0;

out_fd:
	put_unused_fd(fd);
out_free:
	tapi_media_free(m);
out_handle:
	tapi_handle_put(h);
	return ret;
}
