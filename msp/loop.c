// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The MSP loop: one epoll set over the media fds of its channels.
 *
 * Wake mode registers each fd edge-triggered for EPOLLIN and, on a TX fd,
 * EPOLLOUT: the kernel wakes the set when it puts an RX frame on the ring
 * (while TAPI_MEDIA_RX_NEED_WAKEUP is set) and when it takes a TX frame
 * off, and whatever woke a channel, both of its rings are looked at.
 * Edge-triggered, a channel with room it has nothing to fill does not
 * wake the loop again and again.
 *
 * Clock mode registers each fd for nothing, so that only EPOLLHUP and
 * EPOLLERR are reported, clears NEED_WAKEUP, and waits in epoll_pwait2()
 * until the next tick: one syscall a tick for every channel together,
 * none a frame.  A tick that comes late is served at once; a loop more
 * than a few ticks behind starts counting again from now.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "msp.h"

/* Ticks a clock-mode loop may fall behind before it skips them. */
#define MAX_LATE_TICKS	4
/* Events taken a wait. */
#define MAX_EVENTS	64

struct msp_chan {
	struct msp_loop *loop;
	struct tapi_media *media;
	const struct msp_chan_ops *ops;
	void *data;
	bool tx_on;
	bool dead;
};

struct msp_loop {
	enum msp_mode mode;
	int ep;
	int64_t tick_ns;
	struct msp_chan **chans;
	unsigned int num;	/* in @chans, dead ones included */
	unsigned int cap;
	unsigned int live;
	bool dirty;		/* dead channels to free */
	bool in_round;
	bool stop;
	struct msp_loop_stats st;
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct msp_loop *msp_loop_new(enum msp_mode mode, unsigned int tick_ms)
{
	struct msp_loop *loop;

	if (mode != MSP_MODE_WAKE && mode != MSP_MODE_CLOCK) {
		errno = EINVAL;
		return NULL;
	}
	loop = calloc(1, sizeof(*loop));
	if (!loop)
		return NULL;
	loop->ep = epoll_create1(EPOLL_CLOEXEC);
	if (loop->ep < 0) {
		free(loop);
		return NULL;
	}
	loop->mode = mode;
	loop->tick_ns = (int64_t)(tick_ms ? tick_ms : MSP_TICK_MS_DEFAULT) *
			1000000;
	return loop;
}

/* Free the channels removed meanwhile. */
static void loop_compact(struct msp_loop *loop)
{
	unsigned int i, j;

	if (!loop->dirty || loop->in_round)
		return;
	for (i = j = 0; i < loop->num; i++) {
		if (loop->chans[i]->dead)
			free(loop->chans[i]);
		else
			loop->chans[j++] = loop->chans[i];
	}
	loop->num = j;
	loop->dirty = false;
}

void msp_loop_free(struct msp_loop *loop)
{
	unsigned int i;

	if (!loop)
		return;
	for (i = 0; i < loop->num; i++)
		free(loop->chans[i]);
	free(loop->chans);
	close(loop->ep);
	free(loop);
}

struct msp_chan *msp_loop_add(struct msp_loop *loop, struct tapi_media *media,
			      const struct msp_chan_ops *ops, void *data)
{
	struct epoll_event ev = { 0 };
	struct msp_chan *chan, **chans;

	if (loop->num == loop->cap) {
		unsigned int cap = loop->cap ? 2 * loop->cap : 16;

		chans = realloc(loop->chans, cap * sizeof(*chans));
		if (!chans)
			return NULL;
		loop->chans = chans;
		loop->cap = cap;
	}
	chan = calloc(1, sizeof(*chan));
	if (!chan)
		return NULL;
	chan->loop = loop;
	chan->media = media;
	chan->ops = ops;
	chan->data = data;
	chan->tx_on = ops->tx && tapi_media_get_tx_entries(media);

	if (loop->mode == MSP_MODE_WAKE) {
		ev.events = EPOLLIN | EPOLLET;
		if (tapi_media_get_tx_entries(media))
			ev.events |= EPOLLOUT;
	}
	ev.data.ptr = chan;
	loop->st.syscalls++;
	if (epoll_ctl(loop->ep, EPOLL_CTL_ADD, tapi_media_get_fd(media),
		      &ev)) {
		int err = errno;

		free(chan);
		errno = err;
		return NULL;
	}
	tapi_media_set_rx_wakeup(media, loop->mode == MSP_MODE_WAKE);
	loop->chans[loop->num++] = chan;
	loop->live++;
	return chan;
}

void msp_loop_remove(struct msp_loop *loop, struct msp_chan *chan)
{
	if (chan->dead)
		return;
	loop->st.syscalls++;
	epoll_ctl(loop->ep, EPOLL_CTL_DEL, tapi_media_get_fd(chan->media),
		  NULL);
	chan->dead = true;
	loop->live--;
	loop->dirty = true;
	loop_compact(loop);
}

void msp_chan_set_tx(struct msp_chan *chan, bool on)
{
	chan->tx_on = on && chan->ops->tx &&
		      tapi_media_get_tx_entries(chan->media);
}

struct tapi_media *msp_chan_get_media(struct msp_chan *chan)
{
	return chan->media;
}

void msp_loop_stop(struct msp_loop *loop)
{
	loop->stop = true;
}

unsigned int msp_loop_num_chans(struct msp_loop *loop)
{
	return loop->live;
}

void msp_loop_get_stats(struct msp_loop *loop, struct msp_loop_stats *stats)
{
	*stats = loop->st;
}

/*
 * Look at both rings of @chan and call its callbacks.  Return: 0, or -1
 * with errno set by a callback.
 */
static int chan_serve(struct msp_chan *chan)
{
	struct tapi_media *m = chan->media;
	unsigned int n;
	int r = MSP_CONTINUE;

	if (chan->dead)
		return 0;
	chan->loop->st.rounds++;
	n = tapi_media_rx_ready(m);
	if (n) {
		if (chan->ops->rx)
			r = chan->ops->rx(chan, n, chan->data);
		else
			tapi_media_rx_release(m, n);
	}
	if (r == MSP_CONTINUE && chan->tx_on) {
		n = tapi_media_tx_room(m);
		if (n)
			r = chan->ops->tx(chan, n, chan->data);
	}
	if (r == MSP_DONE)
		msp_loop_remove(chan->loop, chan);
	return r < 0 ? -1 : 0;
}

/* The call ended: what is left of RX, then the hangup callback. */
static int chan_hangup(struct msp_chan *chan)
{
	int ret;

	chan->tx_on = false;
	ret = chan_serve(chan);
	if (chan->dead)
		return ret;
	if (chan->ops->hangup)
		chan->ops->hangup(chan, chan->data);
	msp_loop_remove(chan->loop, chan);
	return ret;
}

static int serve_all(struct msp_loop *loop)
{
	unsigned int i;
	int ret = 0;

	loop->in_round = true;
	for (i = 0; i < loop->num && !ret; i++)
		ret = chan_serve(loop->chans[i]);
	loop->in_round = false;
	loop_compact(loop);
	return ret;
}

static int wait_events(struct msp_loop *loop, int64_t until)
{
	struct epoll_event evs[MAX_EVENTS];
	struct timespec ts, *tsp = NULL;
	int64_t left;
	int n, i, ret = 0;

	if (until >= 0) {
		left = until - now_ns();
		if (left < 0)
			left = 0;
		ts.tv_sec = left / 1000000000;
		ts.tv_nsec = left % 1000000000;
		tsp = &ts;
	}
	loop->st.syscalls++;
	n = epoll_pwait2(loop->ep, evs, MAX_EVENTS, tsp, NULL);
	if (n < 0)
		return -1;
	if (n && loop->mode == MSP_MODE_WAKE)
		loop->st.wakeups++;
	loop->in_round = true;
	for (i = 0; i < n && !ret; i++) {
		struct msp_chan *chan = evs[i].data.ptr;

		if (chan->dead)
			continue;
		if (evs[i].events & (EPOLLHUP | EPOLLERR))
			ret = chan_hangup(chan);
		else
			ret = chan_serve(chan);
	}
	loop->in_round = false;
	loop_compact(loop);
	return ret;
}

int msp_loop_run(struct msp_loop *loop, int64_t timeout_ns)
{
	int64_t now = now_ns(), deadline = -1, next_tick = now, until;

	if (timeout_ns >= 0)
		deadline = now + timeout_ns;
	loop->stop = false;
	/* Whatever is there already, before the first wait. */
	if (loop->mode == MSP_MODE_WAKE && serve_all(loop))
		return -1;
	while (!loop->stop && loop->live) {
		now = now_ns();
		until = deadline;
		if (loop->mode == MSP_MODE_CLOCK) {
			if (now >= next_tick) {
				loop->st.wakeups++;
				if (serve_all(loop))
					return -1;
				next_tick += loop->tick_ns;
				if (now - next_tick > MAX_LATE_TICKS * loop->tick_ns)
					next_tick = now + loop->tick_ns;
				continue;
			}
			if (deadline < 0 || next_tick < deadline)
				until = next_tick;
		}
		if (deadline >= 0 && now >= deadline)
			return 1;
		if (wait_events(loop, until))
			return -1;
	}
	return 0;
}
