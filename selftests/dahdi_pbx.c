// SPDX-License-Identifier: GPL-2.0
/*
 * dahdi_pbx.c - the "PBX side" of the DAHDI tests: DAHDI channels through
 * /dev/dahdi/channel, DAHDI's control device for dynamic spans, G.711 and
 * a Goertzel DTMF detector.  See dahdi_pbx.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <dahdi/user.h>

#include "dahdi_pbx.h"

#define DAHDI_CHANNEL_DEV	"/dev/dahdi/channel"
#define DAHDI_CTL_DEV		"/dev/dahdi/ctl"

long long dpbx_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int left_ms(long long deadline)
{
	long long now = dpbx_now_ms();

	if (deadline < 0)
		return -1;
	return now >= deadline ? 0 : (int)(deadline - now);
}

int dpbx_open(struct dpbx_chan *c, int channo, int blocksize, int numbufs)
{
	struct dahdi_bufferinfo bi;
	int err;

	c->channo = channo;
	c->blocksize = blocksize > 0 ? blocksize : DPBX_FRAME;
	c->fd = open(DAHDI_CHANNEL_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (c->fd < 0)
		return -errno;
	if (ioctl(c->fd, DAHDI_SPECIFY, &channo) ||
	    ioctl(c->fd, DAHDI_SET_BLOCKSIZE, &c->blocksize))
		goto fail;
	if (numbufs > 0) {
		if (ioctl(c->fd, DAHDI_GET_BUFINFO, &bi))
			goto fail;
		bi.numbufs = numbufs;
		bi.bufsize = c->blocksize;
		bi.txbufpolicy = DAHDI_POLICY_IMMEDIATE;
		bi.rxbufpolicy = DAHDI_POLICY_IMMEDIATE;
		if (ioctl(c->fd, DAHDI_SET_BUFINFO, &bi))
			goto fail;
	}
	return 0;
fail:
	err = -errno;
	close(c->fd);
	c->fd = -1;
	return err;
}

void dpbx_close(struct dpbx_chan *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

int dpbx_set_txpolicy(struct dpbx_chan *c, int policy, int numbufs)
{
	struct dahdi_bufferinfo bi;

	if (ioctl(c->fd, DAHDI_GET_BUFINFO, &bi))
		return -errno;
	bi.txbufpolicy = policy;
	if (numbufs > 0)
		bi.numbufs = numbufs;
	bi.bufsize = c->blocksize;
	return ioctl(c->fd, DAHDI_SET_BUFINFO, &bi) ? -errno : 0;
}

int dpbx_flush(struct dpbx_chan *c, int what)
{
	return ioctl(c->fd, DAHDI_FLUSH, &what) ? -errno : 0;
}

int dpbx_hook(struct dpbx_chan *c, int op)
{
	/* EINPROGRESS: the hook change is under way (a kewl pulse, ring
	 * cadence); it completes on its own.
	 */
	if (ioctl(c->fd, DAHDI_HOOK, &op) && errno != EINPROGRESS)
		return -errno;
	return 0;
}

int dpbx_params(struct dpbx_chan *c, int *sigtype, int *rxisoffhook)
{
	struct dahdi_params p;

	memset(&p, 0, sizeof(p));
	p.channo = c->channo;
	if (ioctl(c->fd, DAHDI_GET_PARAMS, &p))
		return -errno;
	if (sigtype)
		*sigtype = p.sigtype;
	if (rxisoffhook)
		*rxisoffhook = p.rxisoffhook;
	return 0;
}

static const char *const event_names[] = {
	[DAHDI_EVENT_NONE] = "NONE",
	[DAHDI_EVENT_ONHOOK] = "ONHOOK",
	[DAHDI_EVENT_RINGOFFHOOK] = "RINGOFFHOOK",
	[DAHDI_EVENT_WINKFLASH] = "WINKFLASH",
	[DAHDI_EVENT_ALARM] = "ALARM",
	[DAHDI_EVENT_NOALARM] = "NOALARM",
	[DAHDI_EVENT_ABORT] = "ABORT",
	[DAHDI_EVENT_OVERRUN] = "OVERRUN",
	[DAHDI_EVENT_BADFCS] = "BADFCS",
	[DAHDI_EVENT_DIALCOMPLETE] = "DIALCOMPLETE",
	[DAHDI_EVENT_RINGERON] = "RINGERON",
	[DAHDI_EVENT_RINGEROFF] = "RINGEROFF",
	[DAHDI_EVENT_HOOKCOMPLETE] = "HOOKCOMPLETE",
	[DAHDI_EVENT_BITSCHANGED] = "BITSCHANGED",
	[DAHDI_EVENT_PULSE_START] = "PULSE_START",
	[DAHDI_EVENT_TIMER_EXPIRED] = "TIMER_EXPIRED",
	[DAHDI_EVENT_TIMER_PING] = "TIMER_PING",
	[DAHDI_EVENT_POLARITY] = "POLARITY",
	[DAHDI_EVENT_RINGBEGIN] = "RINGBEGIN",
	[DAHDI_EVENT_EC_DISABLED] = "EC_DISABLED",
	[DAHDI_EVENT_REMOVED] = "REMOVED",
	[DAHDI_EVENT_NEONMWI_ACTIVE] = "NEONMWI_ACTIVE",
	[DAHDI_EVENT_NEONMWI_INACTIVE] = "NEONMWI_INACTIVE",
	[DAHDI_EVENT_TX_CED_DETECTED] = "TX_CED_DETECTED",
	[DAHDI_EVENT_RX_CED_DETECTED] = "RX_CED_DETECTED",
	[DAHDI_EVENT_TX_CNG_DETECTED] = "TX_CNG_DETECTED",
	[DAHDI_EVENT_RX_CNG_DETECTED] = "RX_CNG_DETECTED",
	[DAHDI_EVENT_EC_NLP_DISABLED] = "EC_NLP_DISABLED",
	[DAHDI_EVENT_EC_NLP_ENABLED] = "EC_NLP_ENABLED",
	[DAHDI_EVENT_READ_OVERRUN] = "READ_OVERRUN",
	[DAHDI_EVENT_WRITE_UNDERRUN] = "WRITE_UNDERRUN",
};

#define NUM_EVENT_NAMES	(int)(sizeof(event_names) / sizeof(event_names[0]))

const char *dpbx_event_name(int event)
{
	static __thread char buf[32];

	if (event >= 0 && event < NUM_EVENT_NAMES && event_names[event])
		return event_names[event];
	if (event & DAHDI_EVENT_DTMFDOWN)
		snprintf(buf, sizeof(buf), "DTMFDOWN:%c", event & 0xff);
	else if (event & DAHDI_EVENT_DTMFUP)
		snprintf(buf, sizeof(buf), "DTMFUP:%c", event & 0xff);
	else if (event & DAHDI_EVENT_PULSEDIGIT)
		snprintf(buf, sizeof(buf), "PULSEDIGIT:%c", event & 0xff);
	else
		snprintf(buf, sizeof(buf), "EVENT%d", event);
	return buf;
}

int dpbx_event_by_name(const char *name)
{
	int i;

	for (i = 0; i < NUM_EVENT_NAMES; i++)
		if (event_names[i] && !strcasecmp(name, event_names[i]))
			return i;
	return -1;
}

int dpbx_event(struct dpbx_chan *c, int timeout_ms)
{
	long long deadline = timeout_ms < 0 ? -1 : dpbx_now_ms() + timeout_ms;
	struct pollfd p = { .fd = c->fd, .events = POLLPRI };
	int ev, n;

	for (;;) {
		ev = 0;
		if (ioctl(c->fd, DAHDI_GETEVENT, &ev))
			return -errno;
		if (ev)
			return ev;
		/* POLLIN and POLLOUT are up most of the time: sleep on
		 * POLLPRI alone.
		 */
		n = poll(&p, 1, left_ms(deadline));
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n == 0)
			return 0;
		if (p.revents & (POLLERR | POLLNVAL | POLLHUP))
			return -ENODEV;
	}
}

int dpbx_expect(struct dpbx_chan *c, int want, int timeout_ms,
		char *seen, size_t seenlen)
{
	long long deadline = dpbx_now_ms() + timeout_ms;
	size_t len;
	int ev;

	if (seen && seenlen)
		seen[0] = '\0';
	for (;;) {
		ev = dpbx_event(c, left_ms(deadline));
		if (ev < 0)
			return ev;
		if (ev == 0)
			return -ETIMEDOUT;
		if (seen && seenlen) {
			len = strlen(seen);
			snprintf(seen + len, seenlen - len, "%s ",
				 dpbx_event_name(ev));
		}
		if (ev == want)
			return 0;
	}
}

/* Wait for POLLIN or POLLOUT; -ELAST when an event is queued. */
static int wait_io(struct dpbx_chan *c, short what, int timeout_ms)
{
	struct pollfd p = { .fd = c->fd, .events = what | POLLPRI };
	int n;

	do {
		n = poll(&p, 1, timeout_ms);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	if (p.revents & POLLPRI)
		return -ELAST;
	if (p.revents & (POLLERR | POLLNVAL | POLLHUP))
		return -ENODEV;
	return 1;
}

ssize_t dpbx_read(struct dpbx_chan *c, void *buf, size_t len, int timeout_ms)
{
	ssize_t n;
	int r;

	for (;;) {
		n = read(c->fd, buf, len);
		if (n >= 0)
			return n;
		if (errno != EAGAIN)
			return -errno;
		r = wait_io(c, POLLIN, timeout_ms);
		if (r <= 0)
			return r;
	}
}

ssize_t dpbx_write(struct dpbx_chan *c, const void *buf, size_t len,
		   int timeout_ms)
{
	ssize_t n;
	int r;

	for (;;) {
		n = write(c->fd, buf, len);
		if (n >= 0)
			return n;
		if (errno != EAGAIN)
			return -errno;
		r = wait_io(c, POLLOUT, timeout_ms);
		if (r <= 0)
			return r;
	}
}

int dpbx_dial(struct dpbx_chan *c, const char *digits)
{
	struct dahdi_dialoperation op;

	memset(&op, 0, sizeof(op));
	op.op = DAHDI_DIAL_OP_APPEND;
	if (strlen(digits) + 2 > sizeof(op.dialstr))
		return -E2BIG;
	snprintf(op.dialstr, sizeof(op.dialstr), "T%s", digits);
	return ioctl(c->fd, DAHDI_DIAL, &op) ? -errno : 0;
}

static int dynamic_op(unsigned long req, const char *driver,
		      const char *addr, int nchans, int timing)
{
	struct dahdi_dynamic_span ds;
	int fd, r;

	memset(&ds, 0, sizeof(ds));
	if (strlen(driver) >= sizeof(ds.driver) ||
	    strlen(addr) >= sizeof(ds.addr))
		return -EINVAL;
	strcpy(ds.driver, driver);
	strcpy(ds.addr, addr);
	ds.numchans = nchans;
	ds.timing = timing;
	fd = open(DAHDI_CTL_DEV, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = ioctl(fd, req, &ds) ? -errno : ds.spanno;
	close(fd);
	return r;
}

int dpbx_dynamic_create(const char *driver, const char *addr, int nchans,
			int timing)
{
	return dynamic_op(DAHDI_DYNAMIC_CREATE, driver, addr, nchans, timing);
}

int dpbx_dynamic_destroy(const char *driver, const char *addr)
{
	int r = dynamic_op(DAHDI_DYNAMIC_DESTROY, driver, addr, 0, 0);

	return r < 0 ? r : 0;
}

/*
 * G.711 mu-law: sign, a 3-bit segment (exponent) and a 4-bit step, all
 * inverted; the linear value is biased by 33 (in 14-bit units) so that the
 * segments are powers of two.
 */
#define ULAW_BIAS	0x84	/* 33 << 2, in 16-bit units */
#define ULAW_CLIP	32635

int16_t dpbx_ulaw_to_linear(uint8_t u)
{
	int exp, mant, v;

	u = ~u;
	exp = (u >> 4) & 7;
	mant = u & 0x0f;
	v = (((mant << 3) + ULAW_BIAS) << exp) - ULAW_BIAS;
	return (u & 0x80) ? -v : v;
}

uint8_t dpbx_linear_to_ulaw(int16_t s)
{
	int v = s, sign = 0, exp, mant;

	if (v < 0) {
		v = -v;
		sign = 0x80;
	}
	if (v > ULAW_CLIP)
		v = ULAW_CLIP;
	v += ULAW_BIAS;
	for (exp = 7; exp > 0 && !(v & (0x4000 >> (7 - exp))); exp--)
		;
	mant = (v >> (exp + 3)) & 0x0f;
	return ~(sign | (exp << 4) | mant);
}

/*
 * DTMF: one Goertzel filter per DTMF frequency over blocks of
 * DPBX_DTMF_BLOCK samples (12.75 ms).  A block holds a digit when its
 * strongest row and column tones stand 8 dB over the other tones of their
 * group, are within 8 dB of each other, and carry most of the block's
 * energy.  A digit is down after two blocks in a row hold it, and up after
 * a block without it.
 */
static const double dtmf_freqs[8] = {
	697, 770, 852, 941, 1209, 1336, 1477, 1633
};
static const char dtmf_keys[4][4] = {
	{ '1', '2', '3', 'A' },
	{ '4', '5', '6', 'B' },
	{ '7', '8', '9', 'C' },
	{ '*', '0', '#', 'D' },
};

void dpbx_dtmf_init(struct dpbx_dtmf *d)
{
	memset(d, 0, sizeof(*d));
}

static double goertzel(const int16_t *x, int n, double freq)
{
	double coeff = 2 * cos(2 * M_PI * freq / DPBX_RATE);
	double s1 = 0, s2 = 0, s;
	int i;

	for (i = 0; i < n; i++) {
		s = x[i] + coeff * s1 - s2;
		s2 = s1;
		s1 = s;
	}
	return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

static int strongest(const double *p, int n)
{
	int i, best = 0;

	for (i = 1; i < n; i++)
		if (p[i] > p[best])
			best = i;
	return best;
}

static char dtmf_block(const int16_t *x)
{
	double p[8], energy = 0, tones;
	int i, r, c;

	for (i = 0; i < DPBX_DTMF_BLOCK; i++)
		energy += (double)x[i] * x[i];
	/* Below about -45 dBm0: silence. */
	if (energy < DPBX_DTMF_BLOCK * 100.0 * 100.0)
		return 0;
	for (i = 0; i < 8; i++)
		p[i] = goertzel(x, DPBX_DTMF_BLOCK, dtmf_freqs[i]);
	r = strongest(p, 4);
	c = 4 + strongest(p + 4, 4);
	for (i = 0; i < 8; i++)
		if (i != r && i != c && p[i] * 6.3 > (i < 4 ? p[r] : p[c]))
			return 0;
	if (p[r] > p[c] * 6.3 || p[c] > p[r] * 6.3)
		return 0;
	/* A pure tone of amplitude A gives (A N / 2)^2 and block energy
	 * A^2 N / 2: both tones together are near energy * N / 2.
	 */
	tones = (p[r] + p[c]) / (energy * DPBX_DTMF_BLOCK / 2);
	if (tones < 0.5)
		return 0;
	return dtmf_keys[r][c - 4];
}

int dpbx_dtmf_feed(struct dpbx_dtmf *d, const int16_t *samples, size_t n,
		   char *out, size_t outlen)
{
	int found = 0;
	size_t take;
	char digit;

	while (n) {
		take = DPBX_DTMF_BLOCK - d->fill;
		if (take > n)
			take = n;
		memcpy(d->block + d->fill, samples, take * sizeof(*samples));
		d->fill += take;
		samples += take;
		n -= take;
		if (d->fill < DPBX_DTMF_BLOCK)
			break;
		d->fill = 0;
		digit = dtmf_block(d->block);
		if (digit && digit == d->last && digit != d->down) {
			d->down = digit;
			if ((size_t)found + 1 < outlen)
				out[found++] = digit;
		} else if (digit != d->down) {
			d->down = 0;
		}
		d->last = digit;
	}
	if (outlen)
		out[found] = '\0';
	return found;
}

int dpbx_dtmf_feed_ulaw(struct dpbx_dtmf *d, const uint8_t *ulaw, size_t n,
			char *out, size_t outlen)
{
	int16_t lin[DPBX_FRAME];
	size_t i, take;
	int found = 0, r;

	if (outlen)
		out[0] = '\0';
	while (n) {
		take = n > DPBX_FRAME ? DPBX_FRAME : n;
		for (i = 0; i < take; i++)
			lin[i] = dpbx_ulaw_to_linear(ulaw[i]);
		r = dpbx_dtmf_feed(d, lin, take, out + found,
				   outlen > (size_t)found ? outlen - found : 0);
		found += r;
		ulaw += take;
		n -= take;
	}
	return found;
}

void dpbx_stream_init(struct dpbx_stream *s, struct dpbx_chan *c,
		      long long tx_bytes, long long rx_bytes)
{
	memset(s, 0, sizeof(*s));
	s->c = c;
	s->trace = !!getenv("DPBX_TRACE");
	s->tx_lead = DPBX_LEAD;
	s->tx_target = tx_bytes;
	s->rx_target = rx_bytes;
}

void dpbx_stream_free(struct dpbx_stream *s)
{
	free(s->blockbuf);
	s->blockbuf = NULL;
}

/* Ramp bytes in a row that pick the ramp up again after a bad byte. */
#define RAMP_SYNC	8

static void ramp_check(struct dpbx_stream *s, const uint8_t *b, size_t n)
{
	size_t i, j;

	for (i = 0; i < n && s->rx_bytes < s->rx_target; i++) {
		if (s->rx_synced) {
			if (b[i] == s->rx_next) {
				s->rx_next++;
				s->rx_bytes++;
				continue;
			}
			s->rx_bad++;
			s->rx_synced = 0;
			if (s->trace)
				fprintf(stderr,
					"dpbx: chan %d: ramp byte %lld: 0x%02x, not 0x%02x\n",
					s->c->channo, s->rx_bytes, b[i],
					s->rx_next);
		}
		if (!s->rx_started) {
			/* The ramp starts at 0, which no idle byte is
			 * (DAHDI's mu-law silence is 0x7f, never 0xff;
			 * A-law's 0xd5).
			 */
			if (b[i]) {
				if (s->trace && b[i] != 0x7f && b[i] != 0xff &&
				    !s->rx_noise++)
					fprintf(stderr,
						"dpbx: chan %d: byte 0x%02x before the ramp, after %lld bytes\n",
						s->c->channo, b[i],
						s->rx_skipped);
				s->rx_skipped++;
				continue;
			}
			if (s->trace)
				fprintf(stderr,
					"dpbx: chan %d: ramp starts after %lld bytes\n",
					s->c->channo, s->rx_skipped);
			s->rx_started = 1;
			s->rx_synced = 1;
			s->rx_next = 1;
			s->rx_bytes++;
			continue;
		}
		for (j = 1; j < RAMP_SYNC && i + j < n; j++)
			if (b[i + j] != (uint8_t)(b[i] + j))
				break;
		if (j == RAMP_SYNC) {
			s->rx_synced = 1;
			s->rx_next = b[i] + 1;
			s->rx_bytes++;
		} else {
			s->rx_skipped++;
		}
	}
}

static int stream_done(const struct dpbx_stream *s)
{
	return s->tx_lead_bytes >= s->tx_lead && s->tx_bytes >= s->tx_target &&
	       s->rx_bytes >= s->rx_target;
}

int dpbx_pump(struct dpbx_stream *s, int n, int timeout_ms)
{
	long long deadline = dpbx_now_ms() + timeout_ms;
	struct pollfd *p;
	int i, r, left, err = 0;
	ssize_t len, k;
	uint8_t *b;

	p = calloc(n, sizeof(*p));
	if (!p)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (!s[i].blockbuf)
			s[i].blockbuf = malloc(s[i].c->blocksize);
		if (!s[i].blockbuf) {
			free(p);
			return -ENOMEM;
		}
	}
	for (;;) {
		left = 0;
		for (i = 0; i < n; i++) {
			p[i].fd = s[i].c->fd;
			p[i].events = POLLPRI;
			if (s[i].tx_lead_bytes < s[i].tx_lead ||
			    s[i].tx_bytes < s[i].tx_target)
				p[i].events |= POLLOUT;
			if (s[i].rx_bytes < s[i].rx_target)
				p[i].events |= POLLIN;
			left += !stream_done(&s[i]);
		}
		if (!left)
			break;
		r = left_ms(deadline);
		if (r == 0) {
			err = -ETIMEDOUT;
			break;
		}
		r = poll(p, n, r);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = -errno;
			break;
		}
		for (i = 0; i < n && r > 0; i++) {
			if (!p[i].revents)
				continue;
			r--;
			if (p[i].revents & (POLLERR | POLLNVAL | POLLHUP)) {
				err = -ENODEV;
				goto out;
			}
			if (p[i].revents & POLLPRI) {
				int ev = 0;

				/* read() and write() fail with ELAST
				 * until the event is taken.
				 */
				if (ioctl(p[i].fd, DAHDI_GETEVENT, &ev)) {
					err = -errno;
					goto out;
				}
				if (ev) {
					s[i].events++;
					s[i].last_event = ev;
				}
				if (ev && s[i].trace)
					fprintf(stderr,
						"dpbx: chan %d: event %s after %lld bytes\n",
						s[i].c->channo,
						dpbx_event_name(ev),
						s[i].rx_bytes);
				continue;
			}
			b = (uint8_t *)s[i].blockbuf;
			if ((p[i].revents & POLLOUT) &&
			    s[i].tx_lead_bytes < s[i].tx_lead) {
				len = s[i].c->blocksize;
				if (len > s[i].tx_lead - s[i].tx_lead_bytes)
					len = s[i].tx_lead - s[i].tx_lead_bytes;
				memset(b, DPBX_ULAW_SILENCE, len);
				k = write(p[i].fd, b, len);
				if (k < 0 && errno != EAGAIN &&
				    errno != ELAST) {
					err = -errno;
					goto out;
				}
				if (k > 0)
					s[i].tx_lead_bytes += k;
			} else if (p[i].revents & POLLOUT) {
				len = s[i].c->blocksize;
				if (len > s[i].tx_target - s[i].tx_bytes)
					len = s[i].tx_target - s[i].tx_bytes;
				for (k = 0; k < len; k++)
					b[k] = s[i].tx_next++;
				k = write(p[i].fd, b, len);
				if (k < 0 && errno != EAGAIN &&
				    errno != ELAST) {
					err = -errno;
					goto out;
				}
				if (k > 0)
					s[i].tx_bytes += k;
				/* Take back what was not written. */
				if (k < 0)
					k = 0;
				s[i].tx_next -= len - k;
			}
			if (p[i].revents & POLLIN) {
				k = read(p[i].fd, b, s[i].c->blocksize);
				if (k < 0 && errno != EAGAIN &&
				    errno != ELAST) {
					err = -errno;
					goto out;
				}
				if (k > 0)
					ramp_check(&s[i], b, k);
			}
		}
	}
out:
	free(p);
	return err;
}
