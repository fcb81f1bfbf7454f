// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_abi: the command table, every command of uapi/linux/tapi.h, and the
 * generators of plausible, sometimes broken, arguments; the fds and call
 * handles the fuzzer holds, which the generators draw from.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_abi.h"

/* ---- random numbers --------------------------------------------------- */

/* A value that is mostly in [lo, hi], sometimes an edge or anything. */
uint32_t rnd_range(uint32_t lo, uint32_t hi)
{
	switch (rnd(20)) {
	case 0:
		return hi + 1;
	case 1:
		return lo ? lo - 1 : 0;
	case 2:
		return (uint32_t)rnd64();
	case 3:
		return hi;
	case 4:
		return lo;
	default:
		return lo + rnd(hi - lo + 1);
	}
}

/* One bit of @valid mostly, sometimes 0, several or an unknown one. */
uint32_t rnd_bit(uint32_t valid)
{
	uint32_t b;

	switch (rnd(12)) {
	case 0:
		return 0;
	case 1:
		return valid & (uint32_t)rnd64();
	case 2:
		return 1u << rnd(32);
	default:
		if (!valid)
			return 0;
		do
			b = 1u << rnd(32);
		while (!(b & valid));
		return b;
	}
}

/* Flags for a field defining @valid: mostly a subset, sometimes not. */
uint32_t rnd_flags(uint32_t valid)
{
	if (chance(6))
		return (uint32_t)rnd64() | (1u << rnd(32));
	if (chance(40))
		return 0;
	return valid & (uint32_t)rnd64();
}

/* ---- fds, handles, cards ----------------------------------------------- */

bool fd_dead(const struct fz_fd *f)
{
	const struct fz_card *c = &fz.cards[f->card];

	return !c->live || c->gen != f->gen;
}

struct fz_fd *fd_new(int fd, enum fz_kind kind, int card)
{
	unsigned int i;

	for (i = 0; i < FZ_MAX_FDS; i++) {
		struct fz_fd *f = &fz.fds[i];

		if (f->kind != K_FREE)
			continue;
		memset(f, 0, sizeof(*f));
		f->fd = fd;
		f->kind = kind;
		f->card = card;
		f->gen = fz.cards[card].gen;
		return f;
	}
	/* No room: do not hold it. */
	close(fd);
	return NULL;
}

void stale_fd(int fd)
{
	fz.stale_fds[fz.stale_idx++ % FZ_STALE] = fd;
}

static void stale_handle(uint32_t h)
{
	fz.stale_handles[rnd(FZ_STALE)] = h;
}

void handle_add(struct fz_fd *f, uint32_t h)
{
	unsigned int i, free = FZ_MAX_HANDLES;

	if (!h || !f || f->kind != K_LINE)
		return;
	for (i = 0; i < FZ_MAX_HANDLES; i++) {
		if (f->handles[i] == h)
			return;
		if (!f->handles[i] && free == FZ_MAX_HANDLES)
			free = i;
	}
	if (free == FZ_MAX_HANDLES) {
		free = rnd(FZ_MAX_HANDLES);
		stale_handle(f->handles[free]);
	}
	f->handles[free] = h;
}

void handle_del(struct fz_fd *f, uint32_t h)
{
	unsigned int i;

	for (i = 0; i < FZ_MAX_HANDLES; i++) {
		if (f->handles[i] == h) {
			f->handles[i] = 0;
			stale_handle(h);
		}
	}
}

unsigned int handle_count(const struct fz_fd *f)
{
	unsigned int i, n = 0;

	for (i = 0; i < FZ_MAX_HANDLES; i++)
		n += !!f->handles[i];
	return n;
}

/* A handle this fd holds, or 0. */
static uint32_t handle_pick(const struct fz_fd *f)
{
	unsigned int i, n = handle_count(f), k;

	if (!n)
		return 0;
	k = rnd(n);
	for (i = 0; i < FZ_MAX_HANDLES; i++)
		if (f->handles[i] && !k--)
			return f->handles[i];
	return 0;
}

/* A random fd of @kind (K_FREE: any kind), or NULL. */
struct fz_fd *fd_pick(enum fz_kind kind)
{
	unsigned int i, n = 0, k;

	for (i = 0; i < FZ_MAX_FDS; i++)
		n += fz.fds[i].kind != K_FREE &&
		     (kind == K_FREE || fz.fds[i].kind == kind);
	if (!n)
		return NULL;
	k = rnd(n);
	for (i = 0; i < FZ_MAX_FDS; i++) {
		struct fz_fd *f = &fz.fds[i];

		if (f->kind != K_FREE && (kind == K_FREE || f->kind == kind) &&
		    !k--)
			return f;
	}
	return NULL;
}

/* A call handle for a command on @f: mostly its own. */
static uint32_t call_pick(const struct fz_fd *f)
{
	const struct fz_fd *o;
	uint32_t h;

	switch (rnd(20)) {
	case 0:
		return 0;
	case 1:
		return (uint32_t)rnd64();
	case 2:
		return 1 + rnd(64);
	case 3:
	case 4:
		return fz.stale_handles[rnd(FZ_STALE)];
	case 5:
	case 6:
		o = fd_pick(K_LINE);
		h = o ? handle_pick(o) : 0;
		if (h)
			return h;
		/* fall through */
	default:
		h = f ? handle_pick(f) : 0;
		return h ? h : 1 + rnd(8);
	}
}

static unsigned int card_lines(const struct fz_fd *f)
{
	return f ? fz.cards[f->card].sim.num_lines : 2;
}

/* A number to call: a line's, an external one, a park address, junk. */
static void number_pick(const struct fz_fd *f, char *buf, size_t len)
{
	static const char junk[] = "0123456789*#ABCDabcd,+-WwPp!@$ \t\x01\x7f";
	unsigned int i, n;

	switch (rnd(20)) {
	case 0:
		buf[0] = '\0';
		return;
	case 1:
		snprintf(buf, len, "9%u", 100 + rnd(900));
		return;
	case 2:
		snprintf(buf, len, "700%u", rnd(3));
		return;
	case 3:
		snprintf(buf, len, "%u", rnd(100000));
		return;
	case 4:
		n = rnd(len + 1);
		for (i = 0; i < n && i < len; i++)
			buf[i] = junk[rnd(sizeof(junk) - 1)];
		if (n < len)
			buf[n] = '\0';
		return;
	case 5:
		snprintf(buf, len, "2100");
		return;
	default:
		snprintf(buf, len, "%u", 2000 + rnd(card_lines(f)));
		return;
	}
}

static void digits_pick(char *buf, size_t len)
{
	static const char dtmf[] = "0123456789*#ABCDabcd,";
	unsigned int i, n = rnd(8);

	if (one_in(10)) {
		for (i = 0; i + 1 < len; i++)
			buf[i] = (char)(1 + rnd(255));
		buf[len - 1] = one_in(2) ? '\0' : 'x';
		return;
	}
	for (i = 0; i < n && i + 1 < len; i++)
		buf[i] = dtmf[rnd(sizeof(dtmf) - 1)];
	buf[i] = '\0';
}

static void name_pick(char *buf, size_t len)
{
	switch (rnd(8)) {
	case 0:
		buf[0] = '\0';
		break;
	case 1:
		memset(buf, 'n', len);
		break;
	case 2:
		snprintf(buf, len, "fz%u", rnd(100));
		break;
	default:
		snprintf(buf, len, "fz");
		break;
	}
}

static uint32_t media_pick(void)
{
	static const uint32_t m[] = {
		0, TAPI_MEDIA_INTERACTIVEVOICE, TAPI_MEDIA_INTERACTIVEVOICE,
		TAPI_MEDIA_AUTOMATEDVOICE, TAPI_MEDIA_UNKNOWN,
		TAPI_MEDIA_G3FAX, TAPI_MEDIA_DATAMODEM,
	};

	return one_in(8) ? rnd_bit(TAPI_MEDIA_VALID) : m[rnd(ARRAY_SIZE(m))];
}

/* ---- argument generators ----------------------------------------------- */

static unsigned int line_pick(const struct fz_gen *g)
{
	return rnd_range(0, card_lines(g->f) - 1);
}

static void gen_features(struct fz_gen *g, void *arg)
{
	struct tapi_features *a = arg;

	(void)g;
	a->reserved = one_in(20);
}

static void gen_card_info(struct fz_gen *g, void *arg)
{
	(void)g;
	(void)arg;
}

static void gen_devcaps(struct fz_gen *g, void *arg)
{
	struct tapi_line_devcaps *a = arg;

	a->line = line_pick(g);
	if (one_in(20))
		a->reserved[rnd(4)] = 1;
}

static void gen_addrcaps(struct fz_gen *g, void *arg)
{
	struct tapi_address_caps *a = arg;

	a->line = line_pick(g);
	a->address_id = rnd_range(0, 1);
	a->reserved = one_in(20);
}

static uint64_t event_mask_pick(void)
{
	switch (rnd(6)) {
	case 0:
		return EV_CALLS;
	case 1:
		return rnd64() & TAPI_EV_MASK_VALID;
	case 2:
		return one_in(3) ? rnd64() : 1ull << rnd(64);
	default:
		return 0;
	}
}

static void gen_line_open(struct fz_gen *g, void *arg)
{
	static const uint32_t privs[] = {
		TAPI_PRIV_NONE, TAPI_PRIV_MONITOR, TAPI_PRIV_OWNER,
		TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
		TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR,
	};
	struct tapi_line_open *a = arg;

	a->line = line_pick(g);
	a->privileges = one_in(10) ? rnd_flags(TAPI_PRIV_VALID) :
		privs[rnd(ARRAY_SIZE(privs))];
	if (a->privileges & TAPI_PRIV_OWNER)
		a->media_modes = one_in(8) ? rnd_flags(TAPI_MEDIA_VALID) :
			TAPI_MEDIA_INTERACTIVEVOICE |
			(one_in(3) ? TAPI_MEDIA_AUTOMATEDVOICE : 0);
	else if (one_in(10))
		a->media_modes = TAPI_MEDIA_INTERACTIVEVOICE;
	switch (rnd(8)) {
	case 0:
		a->event_queue_depth = rnd_range(0, TAPI_EVENT_QUEUE_MAX);
		break;
	case 1:
		a->event_queue_depth = 2;
		break;
	default:
		break;
	}
	a->event_mask = event_mask_pick();
	a->fd = (int32_t)rnd64();
	a->reserved = one_in(25);
	name_pick(a->app_name, sizeof(a->app_name));
}

static void gen_devstatus(struct fz_gen *g, void *arg)
{
	struct tapi_line_devstatus *a = arg;

	(void)g;
	a->reserved = one_in(20);
}

static void gen_event_mask(struct fz_gen *g, void *arg)
{
	struct tapi_line_event_mask *a = arg;

	(void)g;
	a->event_mask = event_mask_pick();
}

static void gen_priority(struct fz_gen *g, void *arg)
{
	struct tapi_line_priority *a = arg;

	(void)g;
	a->media_modes = one_in(3) ? rnd_flags(TAPI_MEDIA_VALID) :
		TAPI_MEDIA_INTERACTIVEVOICE;
	a->priority = one_in(3) ? (uint32_t)rnd64() : rnd(3);
}

static void gen_addrstatus(struct fz_gen *g, void *arg)
{
	struct tapi_address_status *a = arg;

	(void)g;
	a->address_id = rnd_range(0, 1);
}

static void gen_new_calls(struct fz_gen *g, void *arg)
{
	struct tapi_line_new_calls *a = arg;

	a->address_id = rnd_range(0, 1);
	a->capacity = one_in(10) ? (uint32_t)rnd64() :
		MIN(rnd(9), g->inner_len / 4);
	a->handles = g->inner;
}

static void gen_make(struct fz_gen *g, void *arg)
{
	struct tapi_call_make *a = arg;

	a->address_id = one_in(4) ? rnd_range(0, 1) : 0;
	a->media_mode = media_pick();
	a->bearer_mode = one_in(4) ? rnd_bit(TAPI_BEARER_VALID) : 0;
	a->no_answer_timeout_ms = one_in(4) ? rnd_range(1, 2000) : 0;
	a->call = (uint32_t)rnd64();
	a->request_id = (uint32_t)rnd64();
	number_pick(g->f, a->dest, sizeof(a->dest));
}

static void gen_dial(struct fz_gen *g, void *arg)
{
	struct tapi_call_dial *a = arg;

	a->call = call_pick(g->f);
	if (chance(60))
		number_pick(g->f, a->digits, sizeof(a->digits));
	else
		digits_pick(a->digits, sizeof(a->digits));
}

/*
 * Commands whose only input is a call handle (answer, accept, drop, get
 * status): it sits where struct tapi_call_request has it.
 */
_Static_assert(offsetof(struct tapi_call_status, call) ==
	       offsetof(struct tapi_call_request, call),
	       "a call handle at one offset");

static void gen_call_only(struct fz_gen *g, void *arg)
{
	struct tapi_call_request *a = arg;

	a->call = call_pick(g->f);
}

static void gen_dealloc(struct fz_gen *g, void *arg)
{
	struct tapi_call_dealloc *a = arg;

	a->call = call_pick(g->f);
	a->reserved = one_in(25);
}

static void gen_call_info(struct fz_gen *g, void *arg)
{
	struct tapi_call_info *a = arg;

	a->call = call_pick(g->f);
	a->reserved = one_in(25);
	if (one_in(25))
		a->reserved2 = 1;
}

static void gen_privilege(struct fz_gen *g, void *arg)
{
	struct tapi_call_privilege *a = arg;

	a->call = call_pick(g->f);
	a->privilege = one_in(6) ? rnd_flags(TAPI_PRIV_VALID) :
		one_in(2) ? TAPI_PRIV_OWNER : TAPI_PRIV_MONITOR;
}

static void gen_handoff(struct fz_gen *g, void *arg)
{
	struct tapi_call_handoff *a = arg;

	a->call = call_pick(g->f);
	a->media_mode = one_in(2) ? media_pick() : 0;
	if (!a->media_mode || one_in(8))
		name_pick(a->app_name, sizeof(a->app_name));
}

static void gen_media_open(struct fz_gen *g, void *arg)
{
	struct tapi_media_open *a = arg;

	a->call = call_pick(g->f);
	a->format = one_in(10) ? (uint32_t)rnd64() : rnd(3);
	a->frame_ms = one_in(3) ? rnd_range(TAPI_MEDIA_FRAME_MS_MIN,
					    TAPI_MEDIA_FRAME_MS_MAX) : 0;
	a->rx_entries = one_in(3) ? (one_in(4) ? rnd_range(0, 2048) :
				      1u << rnd(12)) : 0;
	if (a->flags & TAPI_MEDIA_OPEN_TX || one_in(10))
		a->tx_entries = one_in(3) ? 1u << rnd(12) : 0;
	a->fd = (int32_t)rnd64();
	a->reserved = one_in(25);
}

static void gen_gen_digits(struct fz_gen *g, void *arg)
{
	struct tapi_generate_digits *a = arg;

	a->call = call_pick(g->f);
	a->digit_mode = one_in(4) ? rnd_bit(TAPI_DIGITMODE_VALID) : 0;
	a->duration_ms = one_in(3) ? rnd_range(TAPI_GENERATE_DIGIT_MS_MIN,
					       TAPI_GENERATE_DIGIT_MS_MAX) : 0;
	a->reserved = one_in(25);
	digits_pick(a->digits, sizeof(a->digits));
}

static void gen_gen_tone(struct fz_gen *g, void *arg)
{
	struct tapi_generate_tone *a = arg;
	unsigned int i;

	a->call = call_pick(g->f);
	a->tone_mode = rnd_bit(0x1f);
	a->duration_ms = one_in(2) ? rnd_range(0, 5000) : 0;
	if (a->tone_mode == TAPI_TONEMODE_CUSTOM || one_in(10))
		a->num_components = rnd_range(1, TAPI_TONE_MAX_FREQS);
	for (i = 0; i < TAPI_TONE_MAX_FREQS; i++) {
		struct tapi_tone_component *t = &a->components[i];

		if (i >= a->num_components && !one_in(20))
			continue;
		t->freq_hz = rnd_range(TAPI_TONE_FREQ_MIN, TAPI_TONE_FREQ_MAX);
		t->on_ms = one_in(2) ? rnd_range(0, 2000) : 0;
		t->off_ms = t->on_ms ? rnd_range(0, 2000) : 0;
		t->amplitude = one_in(2) ? rnd_range(0, 16383) : 0;
	}
}

static void gen_mon_digits(struct fz_gen *g, void *arg)
{
	struct tapi_monitor_digits *a = arg;

	a->call = call_pick(g->f);
	a->digit_modes = rnd_flags(TAPI_DIGITMODE_VALID);
}

static void gen_gather(struct fz_gen *g, void *arg)
{
	struct tapi_gather_digits *a = arg;

	a->call = call_pick(g->f);
	a->digit_modes = rnd_flags(TAPI_DIGITMODE_DTMF | TAPI_DIGITMODE_PULSE);
	a->num_digits = rnd_range(1, TAPI_GATHER_MAX_DIGITS);
	a->first_timeout_ms = one_in(2) ? rnd_range(0, 3000) : 0;
	a->inter_timeout_ms = one_in(2) ? rnd_range(0, 3000) : 0;
	a->reserved = one_in(25);
	digits_pick(a->terminators, sizeof(a->terminators));
}

static void gen_mon_tones(struct fz_gen *g, void *arg)
{
	struct tapi_monitor_tones *a = arg;
	unsigned int i, j;

	a->call = call_pick(g->f);
	a->num_tones = rnd_range(0, 4);
	for (i = 0; i < TAPI_MONITOR_TONES_MAX; i++) {
		struct tapi_tone_desc *t = &a->tones[i];

		if (i >= a->num_tones && !one_in(20))
			continue;
		t->app_specific = (uint32_t)rnd64();
		t->duration_ms = rnd_range(TAPI_MONITOR_TONE_MS_MIN, 2000);
		for (j = 0; j < TAPI_TONE_MAX_FREQS; j++)
			if (one_in(2))
				t->freq_hz[j] = rnd_range(TAPI_TONE_FREQ_MIN,
							  TAPI_TONE_FREQ_MAX);
		t->reserved = one_in(25);
	}
}

static void gen_mon_media(struct fz_gen *g, void *arg)
{
	struct tapi_monitor_media *a = arg;

	a->call = call_pick(g->f);
	a->media_modes = rnd_flags(TAPI_MONITOR_MEDIA_DETECTABLE |
				   TAPI_MEDIA_INTERACTIVEVOICE);
}

static void gen_pair(struct fz_gen *g, void *arg)
{
	struct tapi_call_pair *a = arg;

	a->call = call_pick(g->f);
	a->other = one_in(10) ? a->call : call_pick(g->f);
	a->reserved = one_in(25);
}

static void gen_consult(struct fz_gen *g, void *arg)
{
	struct tapi_call_consult *a = arg;

	a->call = call_pick(g->f);
	a->consult = (uint32_t)rnd64();
	a->reserved = one_in(25);
}

static void gen_complete_transfer(struct fz_gen *g, void *arg)
{
	struct tapi_call_complete_transfer *a = arg;

	a->call = call_pick(g->f);
	a->consult = one_in(10) ? a->call : call_pick(g->f);
	a->conf = (uint32_t)rnd64();
}

static void gen_setup_conf(struct fz_gen *g, void *arg)
{
	struct tapi_call_setup_conf *a = arg;

	a->call = call_pick(g->f);
	a->num_parties = one_in(2) ? rnd_range(2, 8) : 0;
	a->reserved = one_in(25);
}

static void gen_conf_related(struct fz_gen *g, void *arg)
{
	struct tapi_conf_related *a = arg;

	a->call = call_pick(g->f);
	a->capacity = one_in(10) ? (uint32_t)rnd64() :
		MIN(rnd(9), g->inner_len / sizeof(struct tapi_conf_member));
	a->members = g->inner;
}

static void gen_pickup(struct fz_gen *g, void *arg)
{
	struct tapi_line_pickup *a = arg;
	bool unpark = g->cmd->nr == _IOC_NR(TAPI_IOC_LINE_UNPARK);

	a->address_id = one_in(4) ? rnd_range(0, 1) : 0;
	a->reserved = one_in(25);
	if (unpark && chance(70))
		snprintf(a->dest, sizeof(a->dest), "700%u", rnd(2));
	else if (chance(50))
		number_pick(g->f, a->dest, sizeof(a->dest));
	if ((!a->dest[0] && one_in(2)) || one_in(15))
		snprintf(a->group, sizeof(a->group), "%s",
			 one_in(3) ? "nogroup" : "g1");
}

static void gen_park(struct fz_gen *g, void *arg)
{
	struct tapi_call_park *a = arg;

	a->call = call_pick(g->f);
	a->mode = rnd_bit(TAPI_PARK_VALID);
	a->reserved = one_in(25);
	if (a->mode == TAPI_PARK_DIRECTED || one_in(10))
		snprintf(a->dest, sizeof(a->dest), "700%u", rnd(3));
}

static void gen_forward(struct fz_gen *g, void *arg)
{
	struct tapi_line_forward *a = arg;
	unsigned int i;

	a->address_id = one_in(4) ? rnd_range(0, 1) : 0;
	a->num_entries = rnd_range(0, TAPI_FORWARD_MAX);
	for (i = 0; i < TAPI_FORWARD_MAX; i++) {
		struct tapi_forward_entry *e = &a->entries[i];

		if (i >= a->num_entries && !one_in(20))
			continue;
		e->mode = one_in(3) ? rnd_bit(TAPI_FORWARD_VALID) : 1u << i;
		e->reserved = one_in(30);
		number_pick(g->f, e->dest, sizeof(e->dest));
	}
	if (a->num_entries && one_in(3))
		a->no_answer_ms = rnd_range(0, TAPI_FORWARD_NO_ANSWER_MS_MAX);
}

static void gen_user_user(struct fz_gen *g, void *arg)
{
	struct tapi_call_user_user *a = arg;
	unsigned int i;

	a->call = call_pick(g->f);
	a->len = rnd_range(1, TAPI_USERUSER_MAX);
	a->reserved = one_in(25);
	for (i = 0; i < TAPI_USERUSER_MAX; i++)
		if (i < a->len || one_in(200))
			a->data[i] = (uint8_t)rnd(256);
}

static void gen_completion(struct fz_gen *g, void *arg)
{
	struct tapi_call_completion *a = arg;

	a->call = call_pick(g->f);
	a->mode = rnd_bit(TAPI_COMPLETION_VALID);
	a->completion_id = (uint32_t)rnd64();
}

static void gen_uncomplete(struct fz_gen *g, void *arg)
{
	struct tapi_line_uncomplete *a = arg;

	a->completion_id = g->f && !one_in(5) ? g->f->compl[rnd(FZ_MAX_COMPL)] :
		rnd(20);
}

#define CMD(_ioc, _struct, _min, _on, _kind, _valid, _gen)		\
	[_IOC_NR(TAPI_IOC_##_ioc)] = {					\
		.nr = _IOC_NR(TAPI_IOC_##_ioc),				\
		.name = #_ioc,						\
		.size = sizeof(struct _struct),				\
		.min_size = (_min) ? (_min) : sizeof(struct _struct),	\
		.on = _on,						\
		.kind = _kind,						\
		.flags_valid = _valid,					\
		.gen = _gen,						\
	}

#define RQ	TAPI_REQUEST_VALID

/* Every command of uapi/linux/tapi.h; minimum sizes from uapi.rst. */
const struct fz_cmd cmds[] = {
	CMD(GET_FEATURES, tapi_features, 0, ON_CARD | ON_LINE, 0, 0,
	    gen_features),
	CMD(CARD_GET_INFO, tapi_card_info, 0, ON_CARD, 0, 0, gen_card_info),
	CMD(LINE_GET_DEVCAPS, tapi_line_devcaps, 0, ON_CARD, 0, 0,
	    gen_devcaps),
	CMD(ADDRESS_GET_CAPS, tapi_address_caps, 96, ON_CARD, 0, 0,
	    gen_addrcaps),
	CMD(LINE_OPEN, tapi_line_open, 0, ON_CARD, 0, TAPI_LINE_OPEN_VALID,
	    gen_line_open),
	CMD(LINE_GET_DEVSTATUS, tapi_line_devstatus, 0, ON_LINE, 0, 0,
	    gen_devstatus),
	CMD(LINE_SET_EVENT_MASK, tapi_line_event_mask, 0, ON_LINE, C_IN_ONLY,
	    0, gen_event_mask),
	CMD(LINE_SET_PRIORITY, tapi_line_priority, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_priority),
	CMD(ADDRESS_GET_STATUS, tapi_address_status, 32, ON_LINE, 0, 0,
	    gen_addrstatus),
	CMD(LINE_GET_NEW_CALLS, tapi_line_new_calls, 0, ON_LINE, 0,
	    TAPI_NEW_CALLS_VALID, gen_new_calls),
	CMD(CALL_MAKE, tapi_call_make, 0, ON_LINE, C_ASYNC,
	    TAPI_CALL_MAKE_VALID, gen_make),
	CMD(CALL_DIAL, tapi_call_dial, 0, ON_LINE, C_ASYNC, RQ, gen_dial),
	CMD(CALL_ANSWER, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_ACCEPT, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_DROP, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_DEALLOCATE, tapi_call_dealloc, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_dealloc),
	CMD(CALL_GET_INFO, tapi_call_info, 872, ON_LINE, 0, 0, gen_call_info),
	CMD(CALL_GET_STATUS, tapi_call_status, 0, ON_LINE, 0, 0,
	    gen_call_only),
	CMD(CALL_SET_PRIVILEGE, tapi_call_privilege, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_privilege),
	CMD(CALL_HANDOFF, tapi_call_handoff, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_handoff),
	CMD(CALL_MEDIA_OPEN, tapi_media_open, 0, ON_LINE, 0,
	    TAPI_MEDIA_OPEN_VALID, gen_media_open),
	CMD(CALL_GENERATE_DIGITS, tapi_generate_digits, 0, ON_LINE, C_IN_ONLY,
	    0, gen_gen_digits),
	CMD(CALL_GENERATE_TONE, tapi_generate_tone, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_gen_tone),
	CMD(CALL_MONITOR_DIGITS, tapi_monitor_digits, 0, ON_LINE, C_IN_ONLY,
	    0, gen_mon_digits),
	CMD(CALL_GATHER_DIGITS, tapi_gather_digits, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_gather),
	CMD(CALL_MONITOR_TONES, tapi_monitor_tones, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_mon_tones),
	CMD(CALL_MONITOR_MEDIA, tapi_monitor_media, 0, ON_LINE, C_IN_ONLY, 0,
	    gen_mon_media),
	CMD(CALL_HOLD, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_UNHOLD, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_SWAP_HOLD, tapi_call_pair, 0, ON_LINE, C_ASYNC, RQ,
	    gen_pair),
	CMD(CALL_SETUP_TRANSFER, tapi_call_consult, 0, ON_LINE, C_ASYNC, RQ,
	    gen_consult),
	CMD(CALL_COMPLETE_TRANSFER, tapi_call_complete_transfer, 0, ON_LINE,
	    C_ASYNC, TAPI_COMPLETE_TRANSFER_VALID, gen_complete_transfer),
	CMD(CALL_BLIND_TRANSFER, tapi_call_dial, 0, ON_LINE, C_ASYNC, RQ,
	    gen_dial),
	CMD(CALL_SETUP_CONF, tapi_call_setup_conf, 0, ON_LINE, C_ASYNC, RQ,
	    gen_setup_conf),
	CMD(CALL_PREPARE_ADD_CONF, tapi_call_consult, 0, ON_LINE, C_ASYNC, RQ,
	    gen_consult),
	CMD(CALL_ADD_TO_CONF, tapi_call_pair, 0, ON_LINE, C_ASYNC, RQ,
	    gen_pair),
	CMD(CALL_REMOVE_FROM_CONF, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_GET_CONF_RELATED, tapi_conf_related, 0, ON_LINE, 0, 0,
	    gen_conf_related),
	CMD(CALL_REDIRECT, tapi_call_dial, 0, ON_LINE, C_ASYNC, RQ, gen_dial),
	CMD(LINE_PICKUP, tapi_line_pickup, 0, ON_LINE, C_ASYNC, RQ,
	    gen_pickup),
	CMD(CALL_PARK, tapi_call_park, 0, ON_LINE, C_ASYNC, RQ, gen_park),
	CMD(LINE_UNPARK, tapi_line_pickup, 0, ON_LINE, C_ASYNC, RQ,
	    gen_pickup),
	CMD(LINE_FORWARD, tapi_line_forward, 0, ON_LINE, C_ASYNC,
	    TAPI_LINE_FORWARD_VALID, gen_forward),
	CMD(CALL_SECURE, tapi_call_request, 0, ON_LINE, C_ASYNC, RQ,
	    gen_call_only),
	CMD(CALL_SEND_USER_USER, tapi_call_user_user, 0, ON_LINE, C_ASYNC, RQ,
	    gen_user_user),
	CMD(CALL_COMPLETE, tapi_call_completion, 0, ON_LINE, C_ASYNC, RQ,
	    gen_completion),
	CMD(LINE_UNCOMPLETE, tapi_line_uncomplete, 0, ON_LINE, C_ASYNC, RQ,
	    gen_uncomplete),
};

const char *cmd_name(unsigned int nr)
{
	if (nr < ARRAY_SIZE(cmds) && cmds[nr].name)
		return cmds[nr].name;
	if (nr == TAPI_URING_READ_EVENTS)
		return "URING_READ_EVENTS";
	return "(unknown command)";
}

const unsigned int ncmds = ARRAY_SIZE(cmds);
