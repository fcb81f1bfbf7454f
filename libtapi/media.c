// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Media fds: a call's audio rings, mapped (TAPI_IOC_CALL_MEDIA_OPEN and
 * "Media rings" in uapi/linux/tapi.h).
 *
 * Barrier contract, user side; the kernel's half is in kmod/media.c and
 * both are written out in the uapi header.  RX, the MSP consuming:
 * tapi_media_rx_ready() reads the RX producer with an acquire load, so
 * that the frames it counts are seen whole; the caller reads them; then
 * tapi_media_rx_release() publishes the new RX consumer with a release
 * store, so that the reads are done before the kernel may overwrite the
 * slots.  TX, the MSP producing: tapi_media_tx_room() reads the TX
 * consumer with an acquire load, so that the kernel's copy out of a slot
 * is done before the caller writes it again; the caller fills free slots;
 * then tapi_media_tx_commit() publishes the new TX producer with a release
 * store, so that the frames are written before the kernel sees them.
 * Our own index is ours alone: it is kept here and only ever stored.
 *
 * Like every object of the library, a media object is for one thread at
 * a time; the kernel is the other side of each ring.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

/*
 * @rx_cons, @tx_prod: our own indices, the last values stored.
 * @rx_seen: frames ready as the last tapi_media_rx_ready() found them.
 * @tx_free: free slots as the last tapi_media_tx_room() found them.
 */
struct tapi_media {
	int fd;
	uint32_t format;
	unsigned int frame_ms;
	unsigned int frame_size;
	unsigned int rx_entries;
	unsigned int tx_entries;
	struct tapi_media_offsets off;
	uint8_t *kreg;
	uint8_t *ureg;
	uint32_t rx_cons;
	uint32_t tx_prod;
	unsigned int rx_seen;
	unsigned int tx_free;
};

/* Samples a millisecond: media fds are 8 kHz. */
#define SAMPLES_PER_MS	8

static uint32_t *kidx(const struct tapi_media *m, uint32_t off)
{
	return (uint32_t *)(m->kreg + off);
}

static uint32_t *uidx(const struct tapi_media *m, uint32_t off)
{
	return (uint32_t *)(m->ureg + off);
}

/* Does the layout the kernel published fit the regions it gave? */
static bool layout_ok(const struct tapi_media_open *mo)
{
	const struct tapi_media_offsets *o = &mo->off;
	uint64_t rx_end = o->rx_frames + (uint64_t)mo->rx_entries * mo->frame_size;
	uint64_t tx_end = o->tx_frames + (uint64_t)mo->tx_entries * mo->frame_size;

	return mo->frame_size && rx_end <= o->kernel_size &&
	       tx_end <= o->user_size &&
	       o->rx_producer + 4 <= o->kernel_size &&
	       o->tx_consumer + 4 <= o->kernel_size &&
	       o->stats + sizeof(struct tapi_media_stats) <= o->kernel_size &&
	       o->rx_consumer + 4 <= o->user_size &&
	       o->tx_producer + 4 <= o->user_size &&
	       o->rx_flags + 4 <= o->user_size;
}

static int media_map(struct tapi_media *m)
{
	void *k, *u;

	k = mmap(NULL, m->off.kernel_size, PROT_READ, MAP_SHARED, m->fd,
		 TAPI_MEDIA_OFF_KERNEL);
	if (k == MAP_FAILED)
		return -1;
	u = mmap(NULL, m->off.user_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 m->fd, TAPI_MEDIA_OFF_USER);
	if (u == MAP_FAILED) {
		int err = errno;

		munmap(k, m->off.kernel_size);
		errno = err;
		return -1;
	}
	m->kreg = k;
	m->ureg = u;
	return 0;
}

TAPI_API struct tapi_media *
tapi_line_open_media(struct tapi_line *line, uint32_t call, uint32_t flags,
		     uint32_t format, unsigned int frame_ms, unsigned int entries)
{
	struct tapi_media_open mo;
	struct tapi_media *m;
	int err;

	memset(&mo, 0, sizeof(mo));
	mo.size = sizeof(mo);
	mo.flags = flags | TAPI_MEDIA_OPEN_CLOEXEC;
	mo.call = call;
	mo.format = format;
	mo.frame_ms = frame_ms;
	mo.rx_entries = entries;
	mo.tx_entries = flags & TAPI_MEDIA_OPEN_TX ? entries : 0;
	mo.fd = -1;

	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	if (ioctl(tapi_line_get_fd(line), TAPI_IOC_CALL_MEDIA_OPEN, &mo))
		goto err_free;
	m->fd = mo.fd;
	if (m->fd < 0 || !layout_ok(&mo)) {
		errno = EIO;	/* the core broke its promise */
		goto err_close;
	}
	m->format = mo.format;
	m->frame_ms = mo.frame_ms;
	m->frame_size = mo.frame_size;
	m->rx_entries = mo.rx_entries;
	m->tx_entries = flags & TAPI_MEDIA_OPEN_TX ? mo.tx_entries : 0;
	m->off = mo.off;
	if (media_map(m))
		goto err_close;
	/* Fresh rings: both indices start where the kernel's do. */
	m->rx_cons = *uidx(m, m->off.rx_consumer);
	m->tx_prod = *uidx(m, m->off.tx_producer);
	return m;

err_close:
	err = errno;
	if (m->fd >= 0)
		close(m->fd);
	errno = err;
err_free:
	err = errno;
	free(m);
	errno = err;
	return NULL;
}

TAPI_API void tapi_media_close(struct tapi_media *media)
{
	int err = errno;

	if (!media)
		return;
	munmap(media->kreg, media->off.kernel_size);
	munmap(media->ureg, media->off.user_size);
	close(media->fd);
	free(media);
	errno = err;
}

TAPI_API int tapi_media_get_fd(struct tapi_media *media)
{
	return media->fd;
}

TAPI_API uint32_t tapi_media_get_format(struct tapi_media *media)
{
	return media->format;
}

TAPI_API unsigned int tapi_media_get_frame_ms(struct tapi_media *media)
{
	return media->frame_ms;
}

TAPI_API unsigned int tapi_media_get_frame_samples(struct tapi_media *media)
{
	return media->frame_ms * SAMPLES_PER_MS;
}

TAPI_API unsigned int tapi_media_get_frame_size(struct tapi_media *media)
{
	return media->frame_size;
}

TAPI_API unsigned int tapi_media_get_rx_entries(struct tapi_media *media)
{
	return media->rx_entries;
}

TAPI_API unsigned int tapi_media_get_tx_entries(struct tapi_media *media)
{
	return media->tx_entries;
}

/* ---- RX: the kernel produces, we consume ---- */

TAPI_API unsigned int tapi_media_rx_ready(struct tapi_media *media)
{
	uint32_t prod = __atomic_load_n(kidx(media, media->off.rx_producer),
					__ATOMIC_ACQUIRE);

	media->rx_seen = prod - media->rx_cons;
	/* The kernel never runs ahead of a full ring; do not trust it to. */
	if (media->rx_seen > media->rx_entries)
		media->rx_seen = media->rx_entries;
	return media->rx_seen;
}

TAPI_API const void *tapi_media_rx_frame(struct tapi_media *media,
					 unsigned int i)
{
	uint32_t slot = (media->rx_cons + i) & (media->rx_entries - 1);

	if (i >= media->rx_seen) {
		errno = ENOBUFS;
		return NULL;
	}
	return media->kreg + media->off.rx_frames +
	       (size_t)slot * media->frame_size;
}

TAPI_API int tapi_media_rx_release(struct tapi_media *media, unsigned int n)
{
	if (n > media->rx_seen) {
		errno = EINVAL;
		return -1;
	}
	media->rx_cons += n;
	media->rx_seen -= n;
	__atomic_store_n(uidx(media, media->off.rx_consumer), media->rx_cons,
			 __ATOMIC_RELEASE);
	return 0;
}

TAPI_API void tapi_media_set_rx_wakeup(struct tapi_media *media, bool wakeup)
{
	/* Ordered before the caller's next look at the RX producer. */
	__atomic_store_n(uidx(media, media->off.rx_flags),
			 wakeup ? TAPI_MEDIA_RX_NEED_WAKEUP : 0,
			 __ATOMIC_SEQ_CST);
}

TAPI_API bool tapi_media_get_rx_wakeup(struct tapi_media *media)
{
	return __atomic_load_n(uidx(media, media->off.rx_flags),
			       __ATOMIC_RELAXED) & TAPI_MEDIA_RX_NEED_WAKEUP;
}

/* ---- TX: we produce, the kernel consumes ---- */

TAPI_API unsigned int tapi_media_tx_room(struct tapi_media *media)
{
	uint32_t cons, queued;

	if (!media->tx_entries)
		return 0;
	cons = __atomic_load_n(kidx(media, media->off.tx_consumer),
			       __ATOMIC_ACQUIRE);
	queued = media->tx_prod - cons;
	media->tx_free = queued > media->tx_entries ? 0 :
			 media->tx_entries - queued;
	return media->tx_free;
}

TAPI_API void *tapi_media_tx_frame(struct tapi_media *media, unsigned int i)
{
	uint32_t slot;

	if (i >= media->tx_free) {
		errno = media->tx_entries ? ENOBUFS : EPERM;
		return NULL;
	}
	slot = (media->tx_prod + i) & (media->tx_entries - 1);
	return media->ureg + media->off.tx_frames +
	       (size_t)slot * media->frame_size;
}

TAPI_API int tapi_media_tx_commit(struct tapi_media *media, unsigned int n)
{
	if (!media->tx_entries) {
		errno = EPERM;
		return -1;
	}
	if (n > media->tx_free) {
		errno = EINVAL;
		return -1;
	}
	media->tx_prod += n;
	media->tx_free -= n;
	__atomic_store_n(uidx(media, media->off.tx_producer), media->tx_prod,
			 __ATOMIC_RELEASE);
	return 0;
}

/* ---- counters ---- */

TAPI_API void tapi_media_get_stats(struct tapi_media *media,
				   struct tapi_media_stats *stats)
{
	const struct tapi_media_stats *k =
		(const void *)(media->kreg + media->off.stats);

	/* Each counter is read whole; they are not read as one. */
	memset(stats, 0, sizeof(*stats));
	stats->rx_frames = __atomic_load_n(&k->rx_frames, __ATOMIC_RELAXED);
	stats->rx_overruns = __atomic_load_n(&k->rx_overruns, __ATOMIC_RELAXED);
	stats->tx_frames = __atomic_load_n(&k->tx_frames, __ATOMIC_RELAXED);
	stats->tx_underruns = __atomic_load_n(&k->tx_underruns,
					      __ATOMIC_RELAXED);
	stats->tx_invalid = __atomic_load_n(&k->tx_invalid, __ATOMIC_RELAXED);
}
