// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fake-tapi.so: an LD_PRELOAD stand-in for the tapi core, so that libtapi
 * and tapictl can be tested on a machine without the module.
 *
 * It pretends that /dev holds three cards (tapi0, tapi2, tapi10), answers
 * their ioctls from the tables below, checks requests the way the uapi
 * says the core does, and hands out pipes as line fds with a few events
 * already queued (then %TAPI_EV_REMOVED and %ENODEV, as after a hot unplug,
 * if FAKE_TAPI_REMOVED is set).
 *
 * Each line fd of tapi0:0 also has a few calls of its own to play with
 * (see fake-tapi.h): call commands check their arguments in the core's order
 * (handle, capability, privilege, state), change the call's state at once
 * and queue the %TAPI_EV_REPLY and %TAPI_EV_CALLSTATE records a card
 * would cause.  The number placed decides how a call goes: "busy"
 * (disconnected), "engaged" (busy), "ringing" (rings on), "noanswer",
 * "fail" (the request fails: reply -EIO), "full" (the ioctl fails:
 * EBUSY), "" (dial tone), anything else is answered.
 *
 * The supplementary services (hold, transfer, conference) and the call
 * services work on those calls too, in the same rough way: a consultation
 * call dialled goes through as a placed call would; a blind transfer or a
 * redirect to "busy" fails with EBUSY, to "nowhere" with ENXIO, anything
 * else succeeds; fake-services.c says how the other services go.
 *
 * It is a test double, not a model of the core: the real thing is tested
 * in a VM by selftests/.  This file has the device nodes, the line fds,
 * their events and the ioctl dispatch; the calls are in fake-calls.c, the
 * supplementary services in fake-supp.c (fake-tapi-int.h joins them).
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <linux/tapi.h>

#include "fake-tapi-int.h"

#define FAKE_MAJOR	240
#define MAX_FDS		1024

#define VOICE	(TAPI_MEDIA_INTERACTIVEVOICE | TAPI_MEDIA_AUTOMATEDVOICE)
#define SUPPF	(TAPI_CALLFEATURE_HOLD | TAPI_CALLFEATURE_UNHOLD | \
		 TAPI_CALLFEATURE_SWAPHOLD | TAPI_CALLFEATURE_SETUPTRANSFER | \
		 TAPI_CALLFEATURE_COMPLETETRANSF | \
		 TAPI_CALLFEATURE_BLINDTRANSFER | TAPI_CALLFEATURE_SETUPCONF | \
		 TAPI_CALLFEATURE_PREPAREADDCONF | TAPI_CALLFEATURE_ADDTOCONF | \
		 TAPI_CALLFEATURE_REMOVEFROMCONF)
#define CALLF	(TAPI_CALLFEATURE_ACCEPT | TAPI_CALLFEATURE_ANSWER | \
		 TAPI_CALLFEATURE_DIAL | TAPI_CALLFEATURE_DROP | SUPPF | \
		 TAPI_CALLFEATURE_GENERATEDIGITS | \
		 TAPI_CALLFEATURE_GENERATETONE | \
		 TAPI_CALLFEATURE_MONITORDIGITS | \
		 TAPI_CALLFEATURE_GATHERDIGITS | TAPI_CALLFEATURE_MONITORTONES)
#define XFERM	(TAPI_TRANSFER_TRANSFER | TAPI_TRANSFER_CONFERENCE)
#define SERVF	(TAPI_CALLFEATURE_REDIRECT | TAPI_CALLFEATURE_PARK | \
		 TAPI_CALLFEATURE_SECURECALL | TAPI_CALLFEATURE_SENDUSERUSER | \
		 TAPI_CALLFEATURE_COMPLETECALL)
#define PARKM	(TAPI_PARK_DIRECTED | TAPI_PARK_NONDIRECTED)
#define COMPLM	(TAPI_COMPLETION_CAMPON | TAPI_COMPLETION_CALLBACK)

static const struct fake_card cards[] = {
	{
		.index = 0, .name = "sim0", .driver = "tapi_sim",
		.num_lines = 2,
		.lines = {
			{
				.name = "Line 0 \"front desk\"",
				.media_modes = VOICE,
				.bearer_modes = TAPI_BEARER_VOICE |
						TAPI_BEARER_SPEECH,
				.features = TAPI_LINEFEATURE_MAKECALL |
					    TAPI_LINEFEATURE_FORWARD,
				.devcaps_flags = TAPI_DEVCAPS_CLOSEDROP |
						 TAPI_DEVCAPS_DIALDIALTONE,
				.max_calls = 4,
				.num_addresses = 2,
				.addresses = {
					{ "1000", 2, TAPI_ADDRFEATURE_MAKECALL |
					  TAPI_ADDRFEATURE_PICKUP |
					  TAPI_ADDRFEATURE_UNPARK |
					  TAPI_ADDRFEATURE_FORWARD,
					  CALLF | SERVF, XFERM, 3, PARKM,
					  TAPI_FORWARD_VALID, COMPLM,
					  FAKE_MAX_USER_USER },
					{ "1001", 1, TAPI_ADDRFEATURE_MAKECALL |
					  TAPI_ADDRFEATURE_FORWARD,
					  TAPI_CALLFEATURE_ANSWER |
					  TAPI_CALLFEATURE_DIAL |
					  TAPI_CALLFEATURE_DROP | SUPPF |
					  TAPI_CALLFEATURE_PARK,
					  TAPI_TRANSFER_TRANSFER, 2,
					  TAPI_PARK_DIRECTED,
					  TAPI_FORWARD_UNCOND, 0, 0 },
				},
			},
			{
				.name = "Ligne caf\xc3\xa9",
				.media_modes = TAPI_MEDIA_G3FAX |
					       TAPI_MEDIA_DATAMODEM,
				.bearer_modes = TAPI_BEARER_DATA | (1u << 12),
				.features = 0,
				.max_calls = 1,
				.num_addresses = 1,
				.addresses = {
					{ "+33 1 23 45 67 89", 1, 0, 0, 0, 0 },
				},
			},
		},
	},
	{
		.index = 2, .name = "span1", .driver = "tapi_sim",
		.num_lines = 1,
		.lines = {
			{
				.name = "",
				.media_modes = TAPI_MEDIA_INTERACTIVEVOICE,
				.bearer_modes = TAPI_BEARER_VOICE,
				.features = TAPI_LINEFEATURE_MAKECALL,
				.max_calls = 1,
				.num_addresses = 1,
				.addresses = { { "200", 1, 0, 0, 0, 0 } },
			},
		},
	},
	{
		.index = 10, .name = "span1", .driver = "tapi_dahdi",
		.num_lines = 0,
	},
};

#define NUM_CARDS	(sizeof(cards) / sizeof(cards[0]))

/* What each fd of ours is. */
enum fd_kind { FD_NONE, FD_CARD, FD_LINE };

static struct {
	enum fd_kind kind;
	const struct fake_card *card;
	unsigned int line;
	struct fake_lf *lf;
} fds[MAX_FDS];

static char fake_dev[64];

/* The requests received, for tests to inspect. */
struct fake_tapi_log fake_tapi_log;

#define REAL(name)	static __typeof__(name) *real_##name;		\
			if (!real_##name)				\
				real_##name = dlsym(RTLD_NEXT, #name)

static const struct fake_card *card_by_node(const char *name)
{
	unsigned int i;
	char buf[16];

	for (i = 0; i < NUM_CARDS; i++) {
		snprintf(buf, sizeof(buf), "tapi%u", cards[i].index);
		if (!strcmp(name, buf))
			return &cards[i];
	}
	return NULL;
}

static const struct fake_card *card_by_path(const char *path)
{
	if (strncmp(path, "/dev/", 5))
		return NULL;
	return card_by_node(path + 5);
}

static void fake_stat(const struct fake_card *card, struct stat *st)
{
	st->st_mode = S_IFCHR | 0660;
	st->st_rdev = makedev(FAKE_MAJOR, card->index);
	st->st_size = 0;
}

__attribute__((constructor)) static void fake_init(void)
{
	static const char *const extra[] = { "tapi01", "tapi3", "tapix" };
	char path[128];
	unsigned int i;
	int fd;

	snprintf(fake_dev, sizeof(fake_dev), "/tmp/fake-tapi.XXXXXX");
	if (!mkdtemp(fake_dev))
		abort();
	for (i = 0; i < NUM_CARDS + 3; i++) {
		if (i < NUM_CARDS)
			snprintf(path, sizeof(path), "%s/tapi%u", fake_dev,
				 cards[i].index);
		else	/* not cards: not canonical, or not a device */
			snprintf(path, sizeof(path), "%s/%s", fake_dev,
				 extra[i - NUM_CARDS]);
		fd = creat(path, 0600);
		if (fd >= 0)
			close(fd);
	}
}

__attribute__((destructor)) static void fake_fini(void)
{
	struct dirent *de;
	char path[sizeof(fake_dev) + 256 + 1];
	DIR *dir;

	dir = opendir(fake_dev);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", fake_dev, de->d_name);
		unlink(path);
	}
	closedir(dir);
	rmdir(fake_dev);
}

DIR *opendir(const char *name)
{
	REAL(opendir);
	if (!strcmp(name, "/dev") || !strcmp(name, "/dev/"))
		return real_opendir(fake_dev);
	return real_opendir(name);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	const struct fake_card *card = card_by_path(path);

	REAL(stat);
	if (!card)
		return real_stat(path, st);
	memset(st, 0, sizeof(*st));
	fake_stat(card, st);
	return 0;
}

int fstatat(int dirfd, const char *restrict name, struct stat *restrict st,
	    int flags)
{
	const struct fake_card *card = strchr(name, '/') ?
		card_by_path(name) : card_by_node(name);

	REAL(fstatat);
	if (!card)
		return real_fstatat(dirfd, name, st, flags);
	memset(st, 0, sizeof(*st));
	fake_stat(card, st);
	return 0;
}

int fstat(int fd, struct stat *st)
{
	REAL(fstat);
	if (fd >= 0 && fd < MAX_FDS && fds[fd].kind == FD_CARD) {
		memset(st, 0, sizeof(*st));
		fake_stat(fds[fd].card, st);
		return 0;
	}
	return real_fstat(fd, st);
}

static int do_open(const char *path, int flags, mode_t mode)
{
	const struct fake_card *card = card_by_path(path);
	int fd;

	REAL(open);
	if (!card)
		return real_open(path, flags, mode);
	fd = real_open("/dev/null", flags, 0);
	if (fd >= MAX_FDS) {
		close(fd);
		errno = EMFILE;
		return -1;
	}
	if (fd >= 0) {
		fds[fd].kind = FD_CARD;
		fds[fd].card = card;
	}
	return fd;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return do_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return do_open(path, flags, mode);
}

int close(int fd)
{
	REAL(close);
	if (fd >= 0 && fd < MAX_FDS) {
		if (fds[fd].lf) {
			if (fds[fd].lf->wfd >= 0)
				real_close(fds[fd].lf->wfd);
			free(fds[fd].lf);
			fds[fd].lf = NULL;
		}
		fds[fd].kind = FD_NONE;
	}
	return real_close(fd);
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	static const char target[] = "../../../class/tapi";
	char prefix[32];
	size_t n;

	REAL(readlink);
	snprintf(prefix, sizeof(prefix), "/sys/dev/char/%u:", FAKE_MAJOR);
	if (strncmp(path, prefix, strlen(prefix)))
		return real_readlink(path, buf, size);
	n = strlen(target) < size ? strlen(target) : size;
	memcpy(buf, target, n);
	return n;
}

/* Copy a string into a fixed kernel field, NUL-padded. */
static void set_str(char *dst, size_t size, const char *src)
{
	memset(dst, 0, size);
	memcpy(dst, src, strlen(src) < size ? strlen(src) : size - 1);
}

int fail(int err)
{
	errno = err;
	return -1;
}

static const struct fake_line *get_line(const struct fake_card *card,
					unsigned int line)
{
	return line < card->num_lines ? &card->lines[line] : NULL;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Queue one record on a line fd, if its event mask lets it through. */
void queue_event4(struct fake_lf *lf, uint32_t type, uint32_t line,
		  uint32_t call, uint32_t request_id, uint32_t p0,
		  uint32_t p1, uint32_t p2, uint32_t p3)
{
	uint64_t mask = lf->event_mask ? lf->event_mask : TAPI_EV_MASK_VALID;
	struct tapi_event ev;

	if (lf->wfd < 0 || !((mask | TAPI_EV_ALWAYS_MASK) & (1ULL << type)))
		return;
	memset(&ev, 0, sizeof(ev));
	ev.timestamp_ns = now_ns();
	ev.seqno = ++lf->seqno;
	ev.type = type;
	ev.line = line;
	ev.call = call;
	ev.request_id = request_id;
	ev.param[0] = p0;
	ev.param[1] = p1;
	ev.param[2] = p2;
	ev.param[3] = p3;
	if (write(lf->wfd, &ev, sizeof(ev)) != sizeof(ev))
		abort();
}

void queue_event(struct fake_lf *lf, uint32_t type, uint32_t line,
		 uint32_t call, uint32_t request_id, uint32_t p0,
		 uint32_t p1, uint32_t p2)
{
	queue_event4(lf, type, line, call, request_id, p0, p1, p2, 0);
}

void set_party(struct tapi_call_party *p, const char *number,
	       const char *name)
{
	p->flags = (*number ? TAPI_PARTYID_ADDRESS : 0) |
		   (*name ? TAPI_PARTYID_NAME : 0);
	if (!p->flags)
		p->flags = TAPI_PARTYID_UNKNOWN;
	set_str(p->number, sizeof(p->number), number);
	set_str(p->name, sizeof(p->name), name);
}

void call_set_state(struct fake_call *c, uint32_t state, uint32_t mode)
{
	c->state = state;
	c->mode = mode;
	c->state_ns = now_ns();
	c->info.state_entry_ns[__builtin_ctz(state)] = c->state_ns;
}

struct fake_call *new_call(struct fake_lf *lf, unsigned int line,
			   unsigned int address_id, uint32_t call_id)
{
	unsigned int i;

	for (i = 0; i < MAX_CALLS; i++) {
		struct fake_call *c = &lf->calls[i];

		if (c->used)
			continue;
		memset(c, 0, sizeof(*c));
		c->used = true;
		c->info.line = line;
		c->info.address_id = address_id;
		c->info.call_id = call_id;
		c->info.media_mode = TAPI_MEDIA_INTERACTIVEVOICE;
		c->info.bearer_mode = TAPI_BEARER_VOICE;
		c->info.reason = TAPI_CALLREASON_DIRECT;
		c->info.create_ns = now_ns();
		set_party(&c->info.caller, "", "");
		set_party(&c->info.called, "", "");
		set_party(&c->info.connected, "", "");
		set_party(&c->info.redirecting, "", "");
		set_party(&c->info.redirection, "", "");
		return c;
	}
	return NULL;
}

/* The calls every fd of tapi0:0 finds (fake-tapi.h). */
static void add_line_calls(struct fake_lf *lf, unsigned int line)
{
	struct fake_call *c;
	uint32_t i;

	c = new_call(lf, line, 0, FAKE_CALL_ID_A);
	c->info.origin = TAPI_CALLORIGIN_EXTERNAL;
	set_party(&c->info.caller, "555", "Bob");
	set_party(&c->info.called, "1000", "");
	call_set_state(c, TAPI_CALLSTATE_OFFERING, TAPI_OFFERINGMODE_ACTIVE);

	c = new_call(lf, line, 1, FAKE_CALL_ID_B);
	c->info.origin = TAPI_CALLORIGIN_INTERNAL;
	set_party(&c->info.caller, "1001", "");
	set_party(&c->info.called, "2000", "Carol");
	set_party(&c->info.connected, "2000", "Carol");
	c->info.param_flags = TAPI_CALLPARAM_SECURE;
	c->info.user_user_len = strlen(FAKE_USER_USER_B);
	memcpy(c->info.user_user_info, FAKE_USER_USER_B,
	       strlen(FAKE_USER_USER_B));
	call_set_state(c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);

	if (getenv("FAKE_TAPI_HELD")) {
		/* Someone else's call on hold, on address 0. */
		c = new_call(lf, line, 0, FAKE_CALL_ID_HELD);
		c->info.origin = TAPI_CALLORIGIN_EXTERNAL;
		set_party(&c->info.caller, "558", "");
		set_party(&c->info.connected, "558", "");
		call_set_state(c, TAPI_CALLSTATE_ONHOLD, 0);
	}
	if (!getenv("FAKE_TAPI_CONF"))
		return;
	/* Someone else's conference, on address 0: two members. */
	c = new_call(lf, line, 0, FAKE_CONF_ID);
	c->is_conf = true;
	c->info.origin = TAPI_CALLORIGIN_CONFERENCE;
	call_set_state(c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE);
	for (i = 1; i <= 2; i++) {
		c = new_call(lf, line, 0, FAKE_CONF_ID + i);
		c->info.origin = TAPI_CALLORIGIN_EXTERNAL;
		c->info.related_call_id = FAKE_CONF_ID;
		set_party(&c->info.caller, "1000", "");
		set_party(&c->info.connected, i == 1 ? "555" : "556", "");
		call_set_state(c, TAPI_CALLSTATE_CONFERENCED, 0);
	}
}

/* The forwarding of address 0 of tapi0:0 with FAKE_TAPI_FORWARD. */
static void add_line_forward(struct fake_lf *lf, unsigned int line)
{
	struct fake_forward *f = &lf->forward[0];

	f->num = 2;
	f->no_answer_ms = FAKE_FWD_NO_ANSWER_MS;
	f->entries[0].mode = TAPI_FORWARD_BUSY;
	set_str(f->entries[0].dest, sizeof(f->entries[0].dest), FAKE_FWD_BUSY);
	f->entries[1].mode = TAPI_FORWARD_NOANSWER;
	set_str(f->entries[1].dest, sizeof(f->entries[1].dest),
		FAKE_FWD_NOANSWER);
	queue_event(lf, TAPI_EV_ADDRESSSTATE, line, 0, 0, 0,
		    TAPI_ADDRSTATE_FORWARD,
		    TAPI_FORWARD_BUSY | TAPI_FORWARD_NOANSWER);
}

static int line_open(const struct fake_card *card, struct tapi_line_open *req)
{
	const struct fake_line *line = get_line(card, req->line);
	uint32_t priv = req->privileges;
	struct fake_lf *lf;
	int p[2];

	fake_tapi_log.line_open = *req;
	if (req->size != sizeof(*req) || req->reserved ||
	    req->app_name[TAPI_NAME_LEN - 1])
		return fail(EINVAL);
	if (req->flags & ~TAPI_LINE_OPEN_VALID)
		return fail(EOPNOTSUPP);
	if (!line)
		return fail(ENOENT);
	if (!priv || (priv & ~TAPI_PRIV_VALID))
		return fail(priv ? EOPNOTSUPP : EINVAL);
	if ((priv & TAPI_PRIV_NONE) && priv != TAPI_PRIV_NONE)
		return fail(EINVAL);
	if (!(priv & TAPI_PRIV_OWNER) != !req->media_modes)
		return fail(EINVAL);
	if (req->media_modes & ~line->media_modes)
		return fail(EOPNOTSUPP);
	if (req->event_queue_depth > TAPI_EVENT_QUEUE_MAX)
		return fail(EINVAL);
	if (req->event_mask & ~TAPI_EV_MASK_VALID)
		return fail(EOPNOTSUPP);

	lf = calloc(1, sizeof(*lf));
	if (!lf)
		return -1;
	if (pipe2(p, ((req->flags & TAPI_LINE_OPEN_NONBLOCK) ? O_NONBLOCK : 0) |
		  ((req->flags & TAPI_LINE_OPEN_CLOEXEC) ? O_CLOEXEC : 0))) {
		free(lf);
		return -1;
	}
	if (p[0] >= MAX_FDS || p[1] >= MAX_FDS) {
		close(p[0]);
		close(p[1]);
		free(lf);
		return fail(EMFILE);
	}
	fds[p[0]].kind = FD_LINE;
	fds[p[0]].card = card;
	fds[p[0]].line = req->line;
	fds[p[0]].lf = lf;
	/* The write end stays open, so that reads do not see EOF. */
	lf->wfd = p[1];
	lf->privileges = priv;
	lf->media_modes = req->media_modes;
	/* Masks filter what the call commands queue, not these. */
	lf->event_mask = 0;
	lf->next_handle = FAKE_FIRST_HANDLE;
	lf->next_request = 1;
	lf->next_call_id = FAKE_FIRST_CALL_ID;
	services_init(lf);
	if (card == &cards[0] && req->line == 0)
		add_line_calls(lf, req->line);

	queue_event(lf, TAPI_EV_LINEDEVSTATE, req->line, 0, 0, 1, 0, 0);
	if (card == &cards[0] && req->line == 0 && getenv("FAKE_TAPI_FORWARD"))
		add_line_forward(lf, req->line);
	if (lf->calls[0].used && !getenv("FAKE_TAPI_QUIET")) {
		struct fake_call *a = &lf->calls[0];

		a->handle = FAKE_HANDLE_A;
		a->valid = true;
		a->privilege = TAPI_PRIV_MONITOR;
		if ((priv & TAPI_PRIV_OWNER) &&
		    (req->media_modes & TAPI_MEDIA_INTERACTIVEVOICE))
			a->privilege = TAPI_PRIV_OWNER;
		queue_event(lf, TAPI_EV_NEWCALL, req->line, a->handle, 0, 0,
			    a->privilege, a->info.call_id);
		queue_event(lf, TAPI_EV_CALLSTATE, req->line, a->handle, 0,
			    a->state, a->mode, a->privilege);
	}
	if (getenv("FAKE_TAPI_REMOVED")) {
		/* The card goes away: last record, then ENODEV and HUP. */
		queue_event(lf, TAPI_EV_REMOVED, req->line, 0, 0, 0, 0, 0);
		close(p[1]);
		lf->wfd = -1;
	}
	lf->event_mask = req->event_mask;
	req->fd = p[0];
	return 0;
}

ssize_t read(int fd, void *buf, size_t count)
{
	ssize_t ret;

	REAL(read);
	ret = real_read(fd, buf, count);
	if (!ret && fd >= 0 && fd < MAX_FDS && fds[fd].kind == FD_LINE) {
		errno = ENODEV;
		return -1;
	}
	return ret;
}

static int card_ioctl(const struct fake_card *card, unsigned long cmd,
		      void *arg)
{
	const struct fake_line *line;
	const struct fake_address *addr;

	switch (cmd) {
	case TAPI_IOC_GET_FEATURES: {
		struct tapi_features *f = arg;

		if (f->size != sizeof(*f) || f->flags)
			return fail(EINVAL);
		f->abi_version = TAPI_ABI_VERSION;
		f->max_lines = TAPI_MAX_LINES;
		f->max_addresses = TAPI_MAX_ADDRESSES;
		f->max_event_queue = TAPI_EVENT_QUEUE_MAX;
		f->features = TAPI_FEATURE_CARD_INFO | TAPI_FEATURE_LINE_CAPS;
		return 0;
	}
	case TAPI_IOC_CARD_GET_INFO: {
		struct tapi_card_info *ci = arg;

		if (ci->size != sizeof(*ci) || ci->flags)
			return fail(EINVAL);
		ci->index = card->index;
		ci->num_lines = card->num_lines;
		/* Junk after the NUL: only the string counts. */
		memset(ci->name, 'X', sizeof(ci->name));
		memcpy(ci->name, card->name, strlen(card->name) + 1);
		set_str(ci->driver, sizeof(ci->driver), card->driver);
		return 0;
	}
	case TAPI_IOC_LINE_GET_DEVCAPS: {
		struct tapi_line_devcaps *dc = arg;

		if (dc->size != sizeof(*dc) || dc->flags)
			return fail(EINVAL);
		line = get_line(card, dc->line);
		if (!line)
			return fail(ENOENT);
		dc->permanent_line_id = 0x100 * card->index + dc->line;
		dc->num_addresses = line->num_addresses;
		dc->max_active_calls = line->max_calls;
		dc->media_modes = line->media_modes;
		dc->bearer_modes = line->bearer_modes;
		dc->line_features = line->features;
		dc->devcaps_flags = line->devcaps_flags;
		dc->string_format = TAPI_STRINGFORMAT_UTF8;
		dc->gen_digit_modes = TAPI_DIGITMODE_DTMF;
		dc->monitor_digit_modes = TAPI_DIGITMODE_DTMF |
					  TAPI_DIGITMODE_DTMFEND;
		dc->gen_tone_max_freqs = 3;
		dc->monitor_tone_max_freqs = 3;
		dc->monitor_tone_max = 4;
		set_str(dc->name, sizeof(dc->name), line->name);
		return 0;
	}
	case TAPI_IOC_ADDRESS_GET_CAPS: {
		struct tapi_address_caps *ac = arg;

		if (ac->size != sizeof(*ac) || ac->flags || ac->reserved)
			return fail(EINVAL);
		line = get_line(card, ac->line);
		if (!line || ac->address_id >= line->num_addresses)
			return fail(ENOENT);
		addr = &line->addresses[ac->address_id];
		ac->max_calls = addr->max_calls;
		ac->address_features = addr->features;
		ac->call_features = addr->call_features;
		ac->transfer_modes = addr->transfer_modes;
		ac->max_conf_members = addr->max_conf_members;
		ac->park_modes = addr->park_modes;
		ac->forward_modes = addr->forward_modes;
		ac->completion_modes = addr->completion_modes;
		ac->max_user_user = addr->max_user_user;
		set_str(ac->address, sizeof(ac->address), addr->address);
		return 0;
	}
	case TAPI_IOC_LINE_OPEN:
		return line_open(card, arg);
	default:
		return fail(ENOTTY);
	}
}

static int line_devstatus(struct tapi_line_devstatus *ds)
{
	if (ds->size != sizeof(*ds) || ds->flags || ds->reserved)
		return fail(EINVAL);
	ds->num_opens = 1;
	ds->num_owners = 1;
	ds->num_monitors = 0;
	ds->open_media_modes = TAPI_MEDIA_INTERACTIVEVOICE;
	ds->num_active_calls = 1;
	ds->num_onhold_calls = 2;
	ds->num_onholdpend_calls = 3;
	ds->line_features = TAPI_LINEFEATURE_MAKECALL;
	ds->devstatus_flags = TAPI_DEVSTATUS_CONNECTED |
			      TAPI_DEVSTATUS_INSERVICE;
	return 0;
}

static int line_ioctl(int fd, unsigned long cmd, void *arg)
{
	struct fake_ctx x = {
		.lf = fds[fd].lf,
		.line = get_line(fds[fd].card, fds[fd].line),
		.index = fds[fd].line,
	};

	fake_tapi_log.line_ioctls++;
	if (cmd == TAPI_IOC_LINE_GET_DEVSTATUS)
		return line_devstatus(arg);
	if (x.lf->wfd < 0 && _IOC_TYPE(cmd) == TAPI_IOC_TYPE)
		return fail(ENODEV);

	switch (cmd) {
	case TAPI_IOC_LINE_SET_EVENT_MASK:
		return set_event_mask(&x, arg);
	case TAPI_IOC_LINE_SET_PRIORITY:
		return set_priority(&x, arg);
	case TAPI_IOC_ADDRESS_GET_STATUS:
		return address_status(&x, arg);
	case TAPI_IOC_LINE_GET_NEW_CALLS:
		return new_calls(&x, arg);
	case TAPI_IOC_CALL_MAKE:
		return call_make(&x, arg);
	case TAPI_IOC_CALL_DIAL:
		return call_dial(&x, arg);
	case TAPI_IOC_CALL_ANSWER:
	case TAPI_IOC_CALL_ACCEPT:
	case TAPI_IOC_CALL_DROP:
		return call_request(&x, cmd, arg);
	case TAPI_IOC_CALL_DEALLOCATE:
		return call_dealloc(&x, arg);
	case TAPI_IOC_CALL_GET_INFO:
		return call_get_info(&x, arg);
	case TAPI_IOC_CALL_GET_STATUS:
		return call_get_status(&x, arg);
	case TAPI_IOC_CALL_SET_PRIVILEGE:
		return call_set_privilege(&x, arg);
	case TAPI_IOC_CALL_HANDOFF:
		return call_handoff(&x, arg);
	case TAPI_IOC_CALL_HOLD:
	case TAPI_IOC_CALL_UNHOLD:
	case TAPI_IOC_CALL_REMOVE_FROM_CONF:
	case TAPI_IOC_CALL_SECURE:
		return supp_request(&x, cmd, arg);
	case TAPI_IOC_CALL_SWAP_HOLD:
	case TAPI_IOC_CALL_ADD_TO_CONF:
		return supp_pair(&x, cmd, arg);
	case TAPI_IOC_CALL_SETUP_TRANSFER:
	case TAPI_IOC_CALL_PREPARE_ADD_CONF:
		return supp_consult(&x, cmd, arg);
	case TAPI_IOC_CALL_COMPLETE_TRANSFER:
		return supp_complete(&x, arg);
	case TAPI_IOC_CALL_BLIND_TRANSFER:
	case TAPI_IOC_CALL_REDIRECT:
		return supp_send_away(&x, cmd, arg);
	case TAPI_IOC_CALL_SETUP_CONF:
		return supp_setup_conf(&x, arg);
	case TAPI_IOC_CALL_GET_CONF_RELATED:
		return supp_conf_related(&x, arg);
	case TAPI_IOC_LINE_PICKUP:
	case TAPI_IOC_LINE_UNPARK:
		return svc_take(&x, cmd, arg);
	case TAPI_IOC_CALL_PARK:
		return svc_park(&x, arg);
	case TAPI_IOC_LINE_FORWARD:
		return svc_forward(&x, arg);
	case TAPI_IOC_CALL_SEND_USER_USER:
		return svc_user_user(&x, arg);
	case TAPI_IOC_CALL_COMPLETE:
		return svc_complete(&x, arg);
	case TAPI_IOC_LINE_UNCOMPLETE:
		return svc_uncomplete(&x, arg);
	default:
		return fail(ENOTTY);
	}
}

int ioctl(int fd, unsigned long cmd, ...)
{
	va_list ap;
	void *arg;

	REAL(ioctl);
	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);

	if (fd < 0 || fd >= MAX_FDS || fds[fd].kind == FD_NONE)
		return real_ioctl(fd, cmd, arg);
	if (fds[fd].kind == FD_CARD)
		return card_ioctl(fds[fd].card, cmd, arg);
	return line_ioctl(fd, cmd, arg);
}
