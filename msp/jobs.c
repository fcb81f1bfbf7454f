// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The jobs behind the tools, for any program that holds a line and a
 * call handle: play a file into a call, record a call, check its tones.
 * Each opens a media fd on the call, drives it with a loop of one channel
 * until it is done or the call ends, and closes it.
 */
#include <errno.h>
#include <string.h>

#include "msp.h"

/* Slack past a job's length before it gives up waiting for audio. */
#define JOB_SLACK_NS	(5 * 1000000000LL)

/*
 * struct job - what the callbacks of every job share
 * @res: the caller's result
 * @max_samples: stop after this many; 0 for no limit
 * @eof: (play) the file ended
 * @src, @dst, @tones: what the job reads or feeds
 */
struct job {
	struct msp_job_result *res;
	uint64_t max_samples;
	bool eof;
	struct msp_wav *src;
	struct msp_wav *dst;
	struct msp_tones *tones;
};

static void job_hangup(struct msp_chan *chan, void *data)
{
	struct job *j = data;

	(void)chan;
	j->res->hangup = true;
}

static int play_tx(struct msp_chan *chan, unsigned int room, void *data)
{
	struct tapi_media *m = msp_chan_get_media(chan);
	unsigned int spf = tapi_media_get_frame_samples(m), i;
	uint32_t format = tapi_media_get_format(m);
	int16_t buf[MSP_MAX_FRAME_SAMPLES];
	struct job *j = data;
	long got;

	for (i = 0; i < room && !j->eof; i++) {
		got = msp_wav_read(j->src, buf, spf);
		if (got < 0)
			return -1;
		if ((unsigned long)got < spf) {
			/* The last frame, padded with silence. */
			memset(buf + got, 0, (spf - got) * sizeof(*buf));
			j->eof = true;
			if (!got)
				break;
		}
		msp_frame_encode(format, buf, tapi_media_tx_frame(m, i), spf);
		j->res->samples += got;
	}
	if (i && tapi_media_tx_commit(m, i))
		return -1;
	/* Done once the file ended and every frame went out. */
	if (j->eof && tapi_media_tx_room(m) == tapi_media_get_tx_entries(m))
		return MSP_DONE;
	return MSP_CONTINUE;
}

/*
 * Hand each RX frame, as linear samples, to the recorder or the tone
 * detector, up to the job's length.
 */
static int rx_linear(struct msp_chan *chan, unsigned int ready, void *data)
{
	struct tapi_media *m = msp_chan_get_media(chan);
	unsigned int spf = tapi_media_get_frame_samples(m), i, n;
	uint32_t format = tapi_media_get_format(m);
	int16_t buf[MSP_MAX_FRAME_SAMPLES];
	struct job *j = data;
	int ret = MSP_CONTINUE;

	for (i = 0; i < ready && ret == MSP_CONTINUE; i++) {
		n = spf;
		if (j->max_samples && j->res->samples + n >= j->max_samples) {
			n = j->max_samples - j->res->samples;
			ret = MSP_DONE;
		}
		msp_frame_decode(format, tapi_media_rx_frame(m, i), buf, spf);
		if (j->dst && msp_wav_write(j->dst, buf, n))
			return -1;
		if (j->tones)
			msp_tones_feed(j->tones, buf, n);
		j->res->samples += n;
	}
	tapi_media_rx_release(m, i);
	return ret;
}

static const struct msp_chan_ops play_ops = {
	.tx = play_tx,
	.hangup = job_hangup,
};

static const struct msp_chan_ops listen_ops = {
	.rx = rx_linear,
	.hangup = job_hangup,
};

static int job_run(struct tapi_line *line, uint32_t call, uint32_t flags,
		   const struct msp_media_opts *o,
		   const struct msp_chan_ops *ops, struct job *j,
		   int64_t timeout_ns)
{
	struct tapi_media *m;
	struct msp_loop *loop;
	int ret = -1, err;

	memset(j->res, 0, sizeof(*j->res));
	m = tapi_line_open_media(line, call, flags, o->format, o->frame_ms,
				 o->entries);
	if (!m)
		return -1;
	loop = msp_loop_new(o->mode, o->tick_ms);
	if (!loop)
		goto out;
	if (!msp_loop_add(loop, m, ops, j))
		goto out;
	ret = msp_loop_run(loop, timeout_ns);
	if (ret == 1) {
		errno = ETIMEDOUT;
		ret = -1;
	}
	msp_loop_get_stats(loop, &j->res->loop);
	tapi_media_get_stats(m, &j->res->stats);
out:
	err = errno;
	msp_loop_free(loop);
	tapi_media_close(m);
	errno = err;
	return ret;
}

static int64_t job_timeout(uint64_t max_ms)
{
	return max_ms ? (int64_t)max_ms * 1000000 + JOB_SLACK_NS : -1;
}

int msp_play(struct tapi_line *line, uint32_t call, struct msp_wav *src,
	     const struct msp_media_opts *o, struct msp_job_result *res)
{
	struct job j = { .res = res, .src = src };

	return job_run(line, call, TAPI_MEDIA_OPEN_TX, o, &play_ops, &j, -1);
}

/* Record into @dst, or feed @t, or both. */
static int listen(struct tapi_line *line, uint32_t call, struct msp_wav *dst,
		  struct msp_tones *t, uint64_t max_ms,
		  const struct msp_media_opts *o, struct msp_job_result *res)
{
	struct job j = {
		.res = res,
		.dst = dst,
		.tones = t,
		.max_samples = max_ms * MSP_SAMPLES_PER_MS,
	};

	return job_run(line, call, 0, o, &listen_ops, &j, job_timeout(max_ms));
}

int msp_record(struct tapi_line *line, uint32_t call, struct msp_wav *dst,
	       uint64_t max_ms, const struct msp_media_opts *o,
	       struct msp_job_result *res)
{
	return listen(line, call, dst, NULL, max_ms, o, res);
}

int msp_tonecheck(struct tapi_line *line, uint32_t call, struct msp_tones *t,
		  uint64_t max_ms, const struct msp_media_opts *o,
		  struct msp_job_result *res)
{
	int ret = listen(line, call, NULL, t, max_ms, o, res);

	msp_tones_finish(t);
	return ret;
}
