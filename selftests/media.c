// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the tapi selftests for media fds and media control; see
 * media.h.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "media.h"
#include "sim.h"

int media_open(int line_fd, uint32_t call, uint32_t flags, uint32_t format,
	       uint32_t frame_ms, uint32_t rx_entries, uint32_t tx_entries,
	       struct media *m)
{
	int err;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->mo.size = sizeof(m->mo);
	m->mo.flags = flags | TAPI_MEDIA_OPEN_CLOEXEC;
	m->mo.call = call;
	m->mo.format = format;
	m->mo.frame_ms = frame_ms;
	m->mo.rx_entries = rx_entries;
	m->mo.tx_entries = tx_entries;
	if (ioctl(line_fd, TAPI_IOC_CALL_MEDIA_OPEN, &m->mo))
		return -errno;
	m->fd = m->mo.fd;
	m->k = mmap(NULL, m->mo.off.kernel_size, PROT_READ, MAP_SHARED, m->fd,
		    TAPI_MEDIA_OFF_KERNEL);
	m->u = mmap(NULL, m->mo.off.user_size, PROT_READ | PROT_WRITE,
		    MAP_SHARED, m->fd, TAPI_MEDIA_OFF_USER);
	if (m->k == MAP_FAILED || m->u == MAP_FAILED) {
		err = -errno;
		media_close(m);
		return err;
	}
	return 0;
}

void media_close(struct media *m)
{
	if (m->k && m->k != MAP_FAILED)
		munmap(m->k, m->mo.off.kernel_size);
	if (m->u && m->u != MAP_FAILED)
		munmap(m->u, m->mo.off.user_size);
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	m->k = m->u = NULL;
}

uint32_t *media_idx(uint8_t *region, uint32_t off)
{
	return (uint32_t *)(region + off);
}

int media_bps(const struct media *m)
{
	return m->mo.format == TAPI_MEDIA_LINEAR16 ? 2 : 1;
}

int media_frame_samples(const struct media *m)
{
	return m->mo.frame_ms * 8;
}

int media_tx_room(struct media *m)
{
	uint32_t prod = *media_idx(m->u, m->mo.off.tx_producer);
	uint32_t cons = __atomic_load_n(media_idx(m->k, m->mo.off.tx_consumer),
					__ATOMIC_ACQUIRE);

	return m->mo.tx_entries - (prod - cons);
}

int media_tx_queue(struct media *m, const void *data, int n)
{
	uint32_t entries = m->mo.tx_entries, fsz = m->mo.frame_size;
	uint32_t *prodp = media_idx(m->u, m->mo.off.tx_producer);
	uint32_t prod = *prodp;
	int spf = media_frame_samples(m), done;

	if ((n + spf - 1) / spf > media_tx_room(m))
		return -ENOSPC;
	for (done = 0; done < n; done += spf) {
		memcpy(m->u + m->mo.off.tx_frames + (prod & (entries - 1)) * fsz,
		       (const uint8_t *)data + done * media_bps(m), fsz);
		prod++;
	}
	__atomic_store_n(prodp, prod, __ATOMIC_RELEASE);
	return 0;
}

int media_rx_take(struct media *m, void *buf, int len, int max)
{
	uint32_t entries = m->mo.rx_entries, fsz = m->mo.frame_size;
	uint32_t prod = __atomic_load_n(media_idx(m->k, m->mo.off.rx_producer),
					__ATOMIC_ACQUIRE);
	int spf = media_frame_samples(m);

	while (m->rx_cons != prod && len + spf <= max) {
		memcpy((uint8_t *)buf + len * media_bps(m),
		       m->k + m->mo.off.rx_frames +
		       (m->rx_cons & (entries - 1)) * fsz, fsz);
		len += spf;
		m->rx_cons++;
	}
	__atomic_store_n(media_idx(m->u, m->mo.off.rx_consumer), m->rx_cons,
			 __ATOMIC_RELEASE);
	return len;
}

int media_find(const void *have, int len, const void *want, int n, int size)
{
	int i;

	for (i = 0; i + n <= len; i++) {
		if (!memcmp((const uint8_t *)have + i * size, want, n * size))
			return i;
	}
	return -1;
}

int16_t g711_ulaw_decode(uint8_t u)
{
	int exp, mag;

	u = ~u;
	exp = (u >> 4) & 7;
	mag = ((((u & 0x0f) << 3) + 0x84) << exp) - 0x84;
	return u & 0x80 ? -mag : mag;
}

uint8_t g711_ulaw_encode(int16_t s)
{
	int mag = s < 0 ? -s : s, exp = 7;
	uint8_t sign = s < 0 ? 0x80 : 0;

	if (mag > 32635)
		mag = 32635;
	mag += 0x84;
	while (exp > 0 && !(mag & (0x4000 >> (7 - exp))))
		exp--;
	return ~(sign | exp << 4 | ((mag >> (exp + 3)) & 0x0f));
}

int16_t g711_alaw_decode(uint8_t a)
{
	int seg, mag;

	a ^= 0x55;
	seg = (a >> 4) & 7;
	mag = ((a & 0x0f) << 4) + 8;
	if (seg)
		mag = (mag + 0x100) << (seg - 1);
	return a & 0x80 ? mag : -mag;
}

uint8_t g711_alaw_encode(int16_t s)
{
	int x = (s >= 0 ? s : -(int)s - 1) >> 3, seg;
	uint8_t mask = s >= 0 ? 0xd5 : 0x55, code;

	if (x < 32) {
		code = x >> 1;
	} else {
		for (seg = 1; (x >> seg) >= 32; seg++)
			;
		code = seg > 7 ? 0x7f : (seg << 4 | ((x >> seg) & 0x0f));
	}
	return code ^ mask;
}

int mctl_monitor_digits(int line_fd, uint32_t call, uint32_t modes)
{
	struct tapi_monitor_digits md = {
		.size = sizeof(md),
		.call = call,
		.digit_modes = modes,
	};

	return tapi_ioctl(line_fd, TAPI_IOC_CALL_MONITOR_DIGITS, &md);
}

int mctl_generate_digits(int line_fd, uint32_t call, const char *digits,
			 uint32_t ms)
{
	struct tapi_generate_digits g = {
		.size = sizeof(g),
		.call = call,
		.duration_ms = ms,
	};

	strncpy(g.digits, digits, sizeof(g.digits) - 1);
	return tapi_ioctl(line_fd, TAPI_IOC_CALL_GENERATE_DIGITS, &g);
}
