// SPDX-License-Identifier: GPL-2.0
/*
 * dahdi_dynamic_tapi: the DAHDI side.  A dynamic span driver named "tapi":
 *
 *	dynamic=tapi,<address>,<channels>,0
 *
 * in DAHDI's system.conf makes span DYN/tapi/<address>, and this driver a
 * tapi card of that name with one line per channel.  DAHDI calls
 * transmit() every millisecond, in atomic context with its own locks held,
 * with one frame: for every channel its signalling bits and 8 samples in
 * the channel's law.  The frame is the near end (the PBX on DAHDI)
 * talking; transmit() answers at once through dahdi_dynamic_receive() with
 * the far end's frame, which is what the tapi lines say and send.  So the
 * span never provides timing (it would call itself), and the timing field
 * of the dynamic= line must be 0.
 *
 * Frame layout (both directions): byte 0 samples per channel (8), byte 1
 * flags (bit 0 yellow alarm, bit 1 signalling present), bytes 2-3 the
 * sequence number and 4-5 the channel count, big-endian; then one
 * big-endian u16 of signalling per four channels (channel x's ABCD nibble
 * at bit 4 * (x % 4)); then 8 bytes of audio per channel.
 */
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <dahdi/kernel.h>

#include "dahdi-tapi.h"

unsigned int tapi_dahdi_ring_on_ms = 2000;
module_param_named(ring_on_ms, tapi_dahdi_ring_on_ms, uint, 0644);
MODULE_PARM_DESC(ring_on_ms, "Ringing a DAHDI phone: ms on (2000)");
unsigned int tapi_dahdi_ring_off_ms = 4000;
module_param_named(ring_off_ms, tapi_dahdi_ring_off_ms, uint, 0644);
MODULE_PARM_DESC(ring_off_ms, "Ringing a DAHDI phone: ms off (4000)");
unsigned int tapi_dahdi_dialtone_ms = 300;
module_param_named(dialtone_ms, tapi_dahdi_dialtone_ms, uint, 0644);
MODULE_PARM_DESC(dialtone_ms,
		 "A phone line off hook: ms until dial tone is assumed (300)");
unsigned int tapi_dahdi_ring_gap_ms = 8000;
module_param_named(ring_gap_ms, tapi_dahdi_ring_gap_ms, uint, 0644);
MODULE_PARM_DESC(ring_gap_ms,
		 "An offered call whose ringing stopped this long is gone (8000)");
unsigned int tapi_dahdi_kewl_ms = 600;
module_param_named(kewl_ms, tapi_dahdi_kewl_ms, uint, 0644);
MODULE_PARM_DESC(kewl_ms,
		 "Dropping a DAHDI phone's call: ms of loop open (600)");
unsigned int tapi_dahdi_no_answer_ms = 30000;
module_param_named(no_answer_ms, tapi_dahdi_no_answer_ms, uint, 0644);
MODULE_PARM_DESC(no_answer_ms,
		 "Ringing a DAHDI phone: give up after this long (30000)");

#define TAPI_DAHDI_FLAG_SIGBITS	0x02
#define TAPI_DAHDI_HDR		6

static u8 tapi_dahdi_silence(u32 law)
{
	return law == TAPI_MEDIA_ALAW ? 0xd5 : 0xff;
}

static u32 tapi_dahdi_law(const struct dahdi_chan *dchan)
{
	return dchan->xlaw == __dahdi_alaw ? TAPI_MEDIA_ALAW : TAPI_MEDIA_ULAW;
}

/*
 * One channel's millisecond: note what DAHDI signals, run the timers and
 * the ring cadence, move the audio.  s->lock held.  Return: the bits to
 * send back; *kick is set when the work has something to do.
 */
static u8 tapi_dahdi_tick_chan(struct tapi_dahdi_chan *c, u8 bits,
			       const u8 *in, u8 *out, bool *kick)
{
	u32 law = tapi_dahdi_law(c->dchan);
	int sig = READ_ONCE(c->dchan->sig);
	u8 send = c->our_bits;

	if (bits != c->dahdi_bits) {
		c->dahdi_bits = bits;
		set_bit(TAPI_DAHDI_EV_BITS, &c->events);
		*kick = true;
	}
	if (sig != c->sig) {
		c->sig = sig;
		set_bit(TAPI_DAHDI_EV_SIG, &c->events);
		*kick = true;
	}
	/* Ringing, offered or rejected: keep it alive while DAHDI rings. */
	if ((c->phase == TAPI_DAHDI_IN_RINGING ||
	     c->phase == TAPI_DAHDI_REJECTED) && !(bits & TAPI_DAHDI_B))
		c->timer_ms = tapi_dahdi_ring_gap_ms;
	if (c->timer_ms && !--c->timer_ms) {
		set_bit(TAPI_DAHDI_EV_TIMER, &c->events);
		*kick = true;
	}
	if (c->ringing) {
		if (c->ring_pos < tapi_dahdi_ring_on_ms)
			send = TAPI_DAHDI_RING;
		if (++c->ring_pos >= tapi_dahdi_ring_on_ms +
				     tapi_dahdi_ring_off_ms)
			c->ring_pos = 0;
	}
	if (c->kewl_ms) {
		c->kewl_ms--;
		send = TAPI_DAHDI_ABCD;
	}
	if (c->call && c->audio) {
		tapi_media_rx_g711(c->call, law, in, TAPI_DAHDI_CHUNK);
		tapi_media_tx_g711(c->call, law, out, TAPI_DAHDI_CHUNK);
	} else {
		memset(out, tapi_dahdi_silence(law), TAPI_DAHDI_CHUNK);
	}
	return send;
}

/*
 * DAHDI's frame for the span, every millisecond.  Atomic context, inside
 * DAHDI's RCU read section: s is freed only after a grace period.
 */
static void tapi_dahdi_transmit(struct dahdi_dynamic *dyn, u8 *msg,
				size_t msglen)
{
	struct tapi_dahdi_span *s = READ_ONCE(dyn->pvt);
	unsigned int x, nwords, n;
	const u8 *sigin, *audin;
	u8 *sigout, *audout;
	unsigned long flags;
	bool kick = false;
	u16 word = 0;

	if (!s)
		return;
	n = s->nchans;
	nwords = DIV_ROUND_UP(n, 4);
	if (msglen != s->reply_len || msg[0] != TAPI_DAHDI_CHUNK ||
	    !(msg[1] & TAPI_DAHDI_FLAG_SIGBITS) ||
	    get_unaligned_be16(msg + 4) != n) {
		pr_warn_ratelimited("%s: unexpected frame of %zu bytes\n",
				    dyn->span.name, msglen);
		return;
	}
	sigin = msg + TAPI_DAHDI_HDR;
	audin = sigin + 2 * nwords;
	sigout = s->reply + TAPI_DAHDI_HDR;
	audout = sigout + 2 * nwords;

	spin_lock_irqsave(&s->lock, flags);
	for (x = 0; x < n; x++) {
		unsigned int shift = 4 * (x % 4);
		u8 bits = (get_unaligned_be16(sigin + 2 * (x / 4)) >> shift) &
			  0xf;
		u8 send;

		send = tapi_dahdi_tick_chan(&s->chans[x], bits,
					    audin + x * TAPI_DAHDI_CHUNK,
					    audout + x * TAPI_DAHDI_CHUNK,
					    &kick);
		word |= send << shift;
		if (x % 4 == 3 || x == n - 1) {
			put_unaligned_be16(word, sigout + 2 * (x / 4));
			word = 0;
		}
	}
	spin_unlock_irqrestore(&s->lock, flags);

	s->reply[0] = TAPI_DAHDI_CHUNK;
	s->reply[1] = TAPI_DAHDI_FLAG_SIGBITS;
	/* Our sequence follows DAHDI's: one frame back for each one in. */
	memcpy(s->reply + 2, msg + 2, 4);
	dahdi_dynamic_receive(&dyn->span, s->reply, s->reply_len);
	if (kick)
		schedule_work(&s->work);
}

static bool tapi_dahdi_addr_ok(const char *addr)
{
	size_t len = strlen(addr);
	size_t i;

	if (!len || len > TAPI_DAHDI_ADDR_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(addr[i]) && !strchr("_.:-", addr[i]))
			return false;
	return true;
}

static int tapi_dahdi_register(struct tapi_dahdi_span *s)
{
	struct tapi_address_desc *ad;
	struct tapi_line_desc *ld;
	struct tapi_card_desc desc = {};
	char (*numbers)[8];
	char name[TAPI_NAME_LEN];
	unsigned int x;
	int ret = 0;

	ld = kcalloc(s->nchans, sizeof(*ld), GFP_KERNEL);
	ad = kcalloc(s->nchans, sizeof(*ad), GFP_KERNEL);
	numbers = kcalloc(s->nchans, sizeof(*numbers), GFP_KERNEL);
	if (!ld || !ad || !numbers) {
		ret = -ENOMEM;
		goto out;
	}
	for (x = 0; x < s->nchans; x++)
		tapi_dahdi_fill_line(s, x, &ld[x], &ad[x], numbers[x],
				     sizeof(numbers[x]));
	snprintf(name, sizeof(name), "%s", s->dyn->span.name);
	desc.name = name;
	desc.ops = &tapi_dahdi_ops;
	desc.priv = s;
	desc.num_lines = s->nchans;
	desc.lines = ld;
	s->card = tapi_card_register(&desc);
	if (IS_ERR(s->card))
		ret = PTR_ERR(s->card);
out:
	kfree(numbers);
	kfree(ad);
	kfree(ld);
	return ret;
}

/* dahdi_cfg made a span for us.  Process context, DAHDI's mutex held. */
static int tapi_dahdi_create(struct dahdi_dynamic *dyn, const char *address)
{
	unsigned int n = dyn->span.channels;
	struct tapi_dahdi_span *s;
	unsigned int x;
	int ret;

	if (!tapi_dahdi_addr_ok(address)) {
		pr_notice("dynamic=tapi,%s: the address must be 1 to %zu letters, digits or _.:-\n",
			  address, TAPI_DAHDI_ADDR_LEN);
		return -EINVAL;
	}
	if (n > TAPI_DAHDI_MAX_CHANS) {
		pr_notice("%s: %u channels; a tapi span has at most %d\n",
			  dyn->span.name, n, TAPI_DAHDI_MAX_CHANS);
		return -EINVAL;
	}
	if (dyn->timing)
		pr_notice("%s: timing %d ignored: a tapi span never provides timing\n",
			  dyn->span.name, dyn->timing);

	s = kzalloc(struct_size(s, chans, n), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->dyn = dyn;
	s->nchans = n;
	s->reply_len = TAPI_DAHDI_HDR + 2 * DIV_ROUND_UP(n, 4) +
		       n * TAPI_DAHDI_CHUNK;
	s->reply = kzalloc(s->reply_len, GFP_KERNEL);
	if (!s->reply) {
		kfree(s);
		return -ENOMEM;
	}
	spin_lock_init(&s->lock);
	mutex_init(&s->mutex);
	INIT_WORK(&s->work, tapi_dahdi_work);
	for (x = 0; x < n; x++) {
		struct tapi_dahdi_chan *c = &s->chans[x];

		c->index = x;
		c->dchan = dyn->chans[x];
		c->sig = c->dchan->sig;
		c->dahdi_bits = TAPI_DAHDI_BD;
		c->our_bits = TAPI_DAHDI_BD;
		/* Have the work look at the signalling once. */
		set_bit(TAPI_DAHDI_EV_SIG, &c->events);
	}

	ret = tapi_dahdi_register(s);
	if (ret) {
		pr_notice("%s: cannot register a tapi card: %d\n",
			  dyn->span.name, ret);
		kfree(s->reply);
		kfree(s);
		return ret;
	}
	/* Answering from inside transmit(): never DAHDI's timing master. */
	dyn->span.cannot_provide_timing = 1;
	WRITE_ONCE(dyn->pvt, s);
	schedule_work(&s->work);
	pr_info("%s: tapi card %d, %u lines\n", dyn->span.name,
		tapi_card_index(s->card), n);
	return 0;
}

/*
 * The span is being destroyed (dahdi_cfg -s, or this module unloads).
 * Process context.  DAHDI may still call transmit() until its RCU grace
 * period; it finds no span then.
 */
static void tapi_dahdi_destroy(struct dahdi_dynamic *dyn)
{
	struct tapi_dahdi_span *s = dyn->pvt;

	if (!s)
		return;
	WRITE_ONCE(dyn->pvt, NULL);
	synchronize_rcu();

	mutex_lock(&s->mutex);
	s->dead = true;
	mutex_unlock(&s->mutex);
	cancel_work_sync(&s->work);
	pr_info("%s: removing tapi card %d\n", dyn->span.name,
		tapi_card_index(s->card));
	tapi_card_unregister(s->card);
	tapi_dahdi_release_calls(s);
	kfree(s->reply);
	kfree(s);
}

static struct dahdi_dynamic_driver tapi_dahdi_driver = {
	.owner = THIS_MODULE,
	.name = "tapi",
	.desc = "tapi bridge",
	.create = tapi_dahdi_create,
	.destroy = tapi_dahdi_destroy,
	.transmit = tapi_dahdi_transmit,
};

static int __init tapi_dahdi_init(void)
{
	/* DAHDI answers -1 when a driver of that name is registered. */
	if (dahdi_dynamic_register_driver(&tapi_dahdi_driver))
		return -EEXIST;
	return 0;
}

static void __exit tapi_dahdi_exit(void)
{
	dahdi_dynamic_unregister_driver(&tapi_dahdi_driver);
}

module_init(tapi_dahdi_init);
module_exit(tapi_dahdi_exit);

MODULE_DESCRIPTION("tapi bridge: DAHDI dynamic spans as tapi cards");
MODULE_LICENSE("GPL");
