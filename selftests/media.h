/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the tapi selftests for media fds and media control: open and
 * map a media fd, move frames through its rings, the G.711 codecs as the
 * standard gives them (independently of the kernel's code), and the
 * digit monitoring and generation ioctls.  Like calls.h: 0 or a
 * non-negative value on success, a negative errno on failure.
 */
#ifndef _TAPI_SELFTEST_MEDIA_H
#define _TAPI_SELFTEST_MEDIA_H

#include <stdint.h>
#include <linux/tapi.h>

/**
 * struct media - one open, mapped media fd
 * @fd: the media fd, -1 if closed
 * @mo: what TAPI_IOC_CALL_MEDIA_OPEN returned
 * @k: the kernel region (read-only)
 * @u: the user region
 * @rx_cons: frames taken off the RX ring so far
 */
struct media {
	int fd;
	struct tapi_media_open mo;
	uint8_t *k;
	uint8_t *u;
	uint32_t rx_cons;
};

/*
 * Open a media fd for @call (@flags TAPI_MEDIA_OPEN_*; CLOEXEC is added)
 * in @format with @frame_ms frames, @rx_entries and @tx_entries (0: the
 * core's defaults) and map both regions.  On failure @m is closed.
 */
int media_open(int line_fd, uint32_t call, uint32_t flags, uint32_t format,
	       uint32_t frame_ms, uint32_t rx_entries, uint32_t tx_entries,
	       struct media *m);
void media_close(struct media *m);
/* A u32 index of a region at offset @off. */
uint32_t *media_idx(uint8_t *region, uint32_t off);
/* Bytes per sample of @m's format. */
int media_bps(const struct media *m);
/* Samples per frame of @m. */
int media_frame_samples(const struct media *m);
/*
 * Queue @n samples of @data (@m's format, whole frames) on the TX ring.
 * -ENOSPC, with nothing queued, when they do not all fit.
 */
int media_tx_queue(struct media *m, const void *data, int n);
/* Free frames of the TX ring now. */
int media_tx_room(struct media *m);
/*
 * Append what the RX ring holds to @buf, which has @len samples of room
 * @max; whole frames only.  Return: the new length.
 */
int media_rx_take(struct media *m, void *buf, int len, int max);
/* Where @want (@n samples of @size bytes) starts in @have (@len), or -1. */
int media_find(const void *have, int len, const void *want, int n, int size);

/* G.711 as ITU-T G.711 gives it. */
int16_t g711_ulaw_decode(uint8_t u);
uint8_t g711_ulaw_encode(int16_t s);
int16_t g711_alaw_decode(uint8_t a);
uint8_t g711_alaw_encode(int16_t s);

/* TAPI_IOC_CALL_MONITOR_DIGITS for &enum tapi_digit_mode @modes. */
int mctl_monitor_digits(int line_fd, uint32_t call, uint32_t modes);
/* TAPI_IOC_CALL_GENERATE_DIGITS of @digits, each @ms long (0: default). */
int mctl_generate_digits(int line_fd, uint32_t call, const char *digits,
			 uint32_t ms);

#endif /* _TAPI_SELFTEST_MEDIA_H */
