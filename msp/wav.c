// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Sound files through libsndfile: read any format it reads at 8 kHz
 * (channels mixed down to one), write 8 kHz mono 16-bit WAV.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sndfile.h>

#include "msp.h"

/* Frames converted a time when mixing channels down, and most channels. */
#define MIX_FRAMES	256
#define MAX_CHANNELS	8

struct msp_wav {
	SNDFILE *f;
	int channels;
	bool writing;
};

struct msp_wav *msp_wav_open(const char *path, const char **why)
{
	struct msp_wav *w;
	SF_INFO info;
	int fd;

	*why = NULL;
	/* open() first, so that errno says why a file cannot be opened. */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	memset(&info, 0, sizeof(info));
	w = calloc(1, sizeof(*w));
	if (!w) {
		close(fd);
		return NULL;
	}
	w->f = sf_open_fd(fd, SFM_READ, &info, SF_TRUE);
	if (!w->f) {
		*why = "not a sound file libsndfile can read";
		goto err;
	}
	if (info.samplerate != MSP_RATE) {
		*why = "not sampled at 8000 Hz (convert it first, e.g. "
		       "\"sox IN -r 8000 -c 1 OUT.wav\")";
		sf_close(w->f);
		goto err;
	}
	if (info.channels > MAX_CHANNELS) {
		*why = "has more than 8 channels";
		sf_close(w->f);
		goto err;
	}
	w->channels = info.channels;
	return w;

err:
	free(w);
	errno = EINVAL;
	return NULL;
}

struct msp_wav *msp_wav_create(const char *path)
{
	struct msp_wav *w;
	SF_INFO info;
	int fd, err;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	w = calloc(1, sizeof(*w));
	if (!w)
		goto err;
	memset(&info, 0, sizeof(info));
	info.samplerate = MSP_RATE;
	info.channels = 1;
	info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	w->f = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
	if (!w->f) {
		free(w);
		errno = EIO;
		return NULL;	/* sf_open_fd() closed the fd */
	}
	w->channels = 1;
	w->writing = true;
	return w;

err:
	err = errno;
	close(fd);
	errno = err;
	return NULL;
}

long msp_wav_read(struct msp_wav *w, int16_t *buf, size_t n)
{
	int16_t mix[MIX_FRAMES * MAX_CHANNELS];
	size_t done = 0;
	sf_count_t got, i;
	int c;

	if (w->channels == 1) {
		got = sf_read_short(w->f, buf, n);
		if (got < 0) {
			errno = EIO;
			return -1;
		}
		return got;
	}
	while (done < n) {
		sf_count_t want = n - done;
		int chans = w->channels;

		if (want > MIX_FRAMES)
			want = MIX_FRAMES;
		got = sf_readf_short(w->f, mix, want);
		if (got <= 0)
			break;
		for (i = 0; i < got; i++) {
			int sum = 0;

			for (c = 0; c < chans; c++)
				sum += mix[i * chans + c];
			buf[done + i] = sum / chans;
		}
		done += got;
	}
	return done;
}

int msp_wav_write(struct msp_wav *w, const int16_t *buf, size_t n)
{
	if (sf_write_short(w->f, buf, n) != (sf_count_t)n) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int msp_wav_close(struct msp_wav *w)
{
	int ret = 0;

	if (!w)
		return 0;
	if (w->writing)
		sf_write_sync(w->f);
	if (sf_close(w->f)) {
		errno = EIO;
		ret = -1;
	}
	free(w);
	return ret;
}
