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
 * would cause.  The number placed decides how a call goes: "busy",
 * "noanswer", "fail" (the request fails: reply -EIO), "full" (the ioctl
 * fails: EBUSY), "" (dial tone), anything else is answered.
 *
 * The supplementary services (hold, transfer, conference) work on those
 * calls too, in the same rough way: a consultation call dialled goes
 * through as a placed call would; a blind transfer to "busy" fails with
 * EBUSY, to "nowhere" with ENXIO, anything else succeeds.
 *
 * It is a test double, not a model of the core: the real thing is tested
 * in a VM by selftests/.
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

#include "fake-tapi.h"

#define FAKE_MAJOR	240
#define MAX_FDS		1024
#define MAX_CALLS	16

struct fake_address {
	const char *address;
	unsigned int max_calls;
	uint32_t features;
	uint32_t call_features;
	uint32_t transfer_modes;
	unsigned int max_conf_members;
	uint32_t park_modes;
	uint32_t forward_modes;
	uint32_t completion_modes;
	unsigned int max_user_user;
};

struct fake_line {
	const char *name;
	uint32_t media_modes;
	uint32_t bearer_modes;
	uint32_t features;
	uint32_t devcaps_flags;
	unsigned int max_calls;
	unsigned int num_addresses;
	struct fake_address addresses[3];
};

struct fake_card {
	unsigned int index;
	const char *name;
	const char *driver;
	unsigned int num_lines;
	struct fake_line lines[2];
};

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

/*
 * A call as one line fd sees it.  @handle 0: a call of the line this fd
 * has no handle to (yet).  @valid: a placed call's handle is not valid
 * until its request succeeded.  @is_conf: a conference call;
 * @consult_for: the call id of the call a consultation call was made for
 * (held pending transfer or conference); a member's conference is its
 * info.related_call_id.
 */
struct fake_call {
	bool used;
	bool valid;
	bool is_conf;
	uint32_t consult_for;
	uint32_t handle;
	uint32_t privilege;
	struct tapi_call_info info;
	uint32_t state;
	uint32_t mode;
	uint64_t state_ns;
};

/* The forwarding of one address, as in struct tapi_address_status. */
struct fake_forward {
	unsigned int num;
	uint32_t no_answer_ms;
	struct tapi_forward_entry entries[TAPI_FORWARD_MAX];
};

/* What a line fd is, besides a pipe. */
struct fake_lf {
	int wfd;		/* write end of the pipe; -1 once removed */
	uint32_t seqno;
	uint32_t privileges;
	uint32_t media_modes;
	uint64_t event_mask;
	uint32_t next_handle;
	uint32_t next_request;
	uint32_t next_call_id;
	struct fake_call calls[MAX_CALLS];
	struct fake_forward forward[3];
};

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

static int fail(int err)
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
static void queue_event4(struct fake_lf *lf, uint32_t type, uint32_t line,
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

static void queue_event(struct fake_lf *lf, uint32_t type, uint32_t line,
			uint32_t call, uint32_t request_id, uint32_t p0,
			uint32_t p1, uint32_t p2)
{
	queue_event4(lf, type, line, call, request_id, p0, p1, p2, 0);
}

static void set_party(struct tapi_call_party *p, const char *number,
		      const char *name)
{
	p->flags = (*number ? TAPI_PARTYID_ADDRESS : 0) |
		   (*name ? TAPI_PARTYID_NAME : 0);
	if (!p->flags)
		p->flags = TAPI_PARTYID_UNKNOWN;
	set_str(p->number, sizeof(p->number), number);
	set_str(p->name, sizeof(p->name), name);
}

static void call_set_state(struct fake_call *c, uint32_t state, uint32_t mode)
{
	c->state = state;
	c->mode = mode;
	c->state_ns = now_ns();
	c->info.state_entry_ns[__builtin_ctz(state)] = c->state_ns;
}

static struct fake_call *new_call(struct fake_lf *lf, unsigned int line,
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

/* ---- calls ---- */

/* A line fd and what it is a line of. */
struct fake_ctx {
	struct fake_lf *lf;
	const struct fake_line *line;
	unsigned int index;
};

static struct fake_call *find_handle(struct fake_lf *lf, uint32_t handle)
{
	unsigned int i;

	if (!handle)
		return NULL;
	for (i = 0; i < MAX_CALLS; i++)
		if (lf->calls[i].used && lf->calls[i].valid &&
		    lf->calls[i].handle == handle)
			return &lf->calls[i];
	return NULL;
}

/* The operations the state allows (a rough cut of the core's table). */
static uint32_t state_features(uint32_t state)
{
	switch (state) {
	case TAPI_CALLSTATE_IDLE:
		return 0;
	case TAPI_CALLSTATE_OFFERING:
		return TAPI_CALLFEATURE_ACCEPT | TAPI_CALLFEATURE_ANSWER |
		       TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_ACCEPTED:
		return TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_DIALTONE:
	case TAPI_CALLSTATE_DIALING:
		return TAPI_CALLFEATURE_DIAL | TAPI_CALLFEATURE_DROP;
	case TAPI_CALLSTATE_CONNECTED:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_HOLD |
		       TAPI_CALLFEATURE_BLINDTRANSFER |
		       TAPI_CALLFEATURE_SETUPTRANSFER |
		       TAPI_CALLFEATURE_SETUPCONF |
		       TAPI_CALLFEATURE_SWAPHOLD |
		       TAPI_CALLFEATURE_PREPAREADDCONF;
	case TAPI_CALLSTATE_ONHOLD:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_UNHOLD;
	case TAPI_CALLSTATE_ONHOLDPENDTRANSFER:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_COMPLETETRANSF;
	case TAPI_CALLSTATE_ONHOLDPENDCONF:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_ADDTOCONF;
	case TAPI_CALLSTATE_CONFERENCED:
		return TAPI_CALLFEATURE_DROP | TAPI_CALLFEATURE_REMOVEFROMCONF;
	default:
		return TAPI_CALLFEATURE_DROP;
	}
}

static struct fake_call *find_call_id(struct fake_lf *lf, uint32_t call_id)
{
	unsigned int i;

	for (i = 0; call_id && i < MAX_CALLS; i++)
		if (lf->calls[i].used && lf->calls[i].info.call_id == call_id)
			return &lf->calls[i];
	return NULL;
}

/* The members of conference call @conf. */
static unsigned int conf_members(struct fake_lf *lf,
				 const struct fake_call *conf)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_CALLS; i++)
		n += lf->calls[i].used &&
		     lf->calls[i].state == TAPI_CALLSTATE_CONFERENCED &&
		     lf->calls[i].info.related_call_id == conf->info.call_id;
	return n;
}

static bool has_held(struct fake_lf *lf)
{
	unsigned int i;

	for (i = 0; i < MAX_CALLS; i++)
		if (lf->calls[i].used &&
		    (lf->calls[i].state == TAPI_CALLSTATE_ONHOLD ||
		     lf->calls[i].state == TAPI_CALLSTATE_ONHOLDPENDTRANSFER))
			return true;
	return false;
}

/* The state's operations, less what the calls around rule out. */
static uint32_t legal_features(const struct fake_ctx *x,
			       const struct fake_call *c)
{
	const struct fake_address *addr = &x->line->addresses[c->info.address_id];
	uint32_t f = state_features(c->state);
	struct fake_call *conf;

	if (c->is_conf) {
		f &= ~(TAPI_CALLFEATURE_SETUPTRANSFER |
		       TAPI_CALLFEATURE_BLINDTRANSFER |
		       TAPI_CALLFEATURE_SETUPCONF | TAPI_CALLFEATURE_SWAPHOLD);
		if (conf_members(x->lf, c) >= addr->max_conf_members)
			f &= ~(TAPI_CALLFEATURE_PREPAREADDCONF |
			       TAPI_CALLFEATURE_ADDTOCONF);
	} else {
		f &= ~(TAPI_CALLFEATURE_PREPAREADDCONF |
		       TAPI_CALLFEATURE_ADDTOCONF);
	}
	if (!has_held(x->lf))
		f &= ~TAPI_CALLFEATURE_SWAPHOLD;
	if (c->state == TAPI_CALLSTATE_CONFERENCED) {
		conf = find_call_id(x->lf, c->info.related_call_id);
		if (!conf || conf_members(x->lf, conf) < 2)
			f &= ~TAPI_CALLFEATURE_REMOVEFROMCONF;
	}
	return f;
}

static uint32_t call_features(const struct fake_ctx *x,
			      const struct fake_call *c)
{
	if (c->privilege != TAPI_PRIV_OWNER)
		return 0;
	return legal_features(x, c) &
	       x->line->addresses[c->info.address_id].call_features;
}

/* Move a call to a state and tell its handle. */
static void change_state(const struct fake_ctx *x, struct fake_call *c,
			 uint32_t state, uint32_t mode, uint32_t privilege)
{
	call_set_state(c, state, mode);
	queue_event(x->lf, TAPI_EV_CALLSTATE, x->index, c->handle, 0, state,
		    mode, privilege);
}

static void reply(const struct fake_ctx *x, const struct fake_call *c,
		  uint32_t id, int result)
{
	queue_event(x->lf, TAPI_EV_REPLY, x->index, c->handle, id,
		    (uint32_t)result, 0, 0);
}

static int address_in_use(const struct fake_ctx *x, unsigned int address_id)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_CALLS; i++)
		if (x->lf->calls[i].used &&
		    x->lf->calls[i].info.address_id == address_id &&
		    x->lf->calls[i].state != TAPI_CALLSTATE_IDLE)
			n++;
	return n;
}

/* Does a string end within its field?  Non-empty if @nonempty. */
static bool str_ok(const char *s, size_t len, bool nonempty)
{
	size_t n = strnlen(s, len);

	return n < len && (n || !nonempty);
}

static int call_make(const struct fake_ctx *x, struct tapi_call_make *req)
{
	bool sync = req->flags & TAPI_CALL_MAKE_SYNC;
	const struct fake_address *addr;
	struct fake_call *c;
	uint32_t id;

	fake_tapi_log.call_make = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_CALL_MAKE_VALID)
		return fail(EOPNOTSUPP);
	if (req->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	addr = &x->line->addresses[req->address_id];
	if (!(x->line->features & TAPI_LINEFEATURE_MAKECALL) ||
	    !(addr->features & TAPI_ADDRFEATURE_MAKECALL))
		return fail(EOPNOTSUPP);
	if (req->media_mode & (req->media_mode - 1) ||
	    req->bearer_mode & (req->bearer_mode - 1) ||
	    !str_ok(req->dest, sizeof(req->dest), false))
		return fail(EINVAL);
	if ((req->media_mode && !(req->media_mode & x->line->media_modes)) ||
	    (req->bearer_mode && !(req->bearer_mode & x->line->bearer_modes)))
		return fail(EOPNOTSUPP);
	if (!strcmp(req->dest, "full") ||
	    address_in_use(x, req->address_id) >= (int)addr->max_calls)
		return fail(EBUSY);
	c = new_call(x->lf, x->index, req->address_id, x->lf->next_call_id++);
	if (!c)
		return fail(EBUSY);

	c->handle = x->lf->next_handle++;
	c->privilege = TAPI_PRIV_OWNER;
	c->info.origin = TAPI_CALLORIGIN_OUTBOUND;
	if (req->media_mode)
		c->info.media_mode = req->media_mode;
	if (req->bearer_mode)
		c->info.bearer_mode = req->bearer_mode;
	set_party(&c->info.caller, addr->address, "");
	if (req->flags & TAPI_CALL_MAKE_BLOCKID)
		c->info.caller.flags = TAPI_PARTYID_BLOCKED;
	set_party(&c->info.called, req->dest, "");
	call_set_state(c, TAPI_CALLSTATE_UNKNOWN, 0);
	req->call = c->handle;
	id = sync ? 0 : x->lf->next_request++;
	req->request_id = id;

	if (!strcmp(req->dest, "fail")) {
		c->used = false;	/* the handle never becomes valid */
		if (sync)
			return fail(EIO);
		reply(x, c, id, -EIO);
		return id;
	}
	c->valid = true;
	if (!sync)
		reply(x, c, id, 0);
	queue_event(x->lf, TAPI_EV_ADDRESSSTATE, x->index, 0, 0,
		    req->address_id,
		    TAPI_ADDRSTATE_INUSEONE | TAPI_ADDRSTATE_NUMCALLS,
		    address_in_use(x, req->address_id));
	if (!req->dest[0]) {
		change_state(x, c, TAPI_CALLSTATE_DIALTONE,
			     TAPI_DIALTONEMODE_NORMAL, TAPI_PRIV_OWNER);
		return id;
	}
	change_state(x, c, TAPI_CALLSTATE_PROCEEDING, 0, TAPI_PRIV_OWNER);
	if (!strcmp(req->dest, "busy")) {
		change_state(x, c, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_BUSY, 0);
		return id;
	}
	change_state(x, c, TAPI_CALLSTATE_RINGBACK, 0, 0);
	if (!strcmp(req->dest, "noanswer")) {
		change_state(x, c, TAPI_CALLSTATE_DISCONNECTED,
			     TAPI_DISCONNECTMODE_NOANSWER, 0);
		return id;
	}
	set_party(&c->info.connected, req->dest, "");
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_CONNECTEDID, 0, 0);
	change_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		     0);
	return id;
}

/* ---- supplementary services ---- */

/* Move a call of this fd to a state; a member names its conference. */
static void supp_state(const struct fake_ctx *x, struct fake_call *c,
		       uint32_t state, uint32_t mode, uint32_t privilege)
{
	call_set_state(c, state, mode);
	if (state != TAPI_CALLSTATE_CONFERENCED)
		c->info.related_call_id = c->consult_for;
	if (!c->valid || !c->handle)
		return;
	queue_event4(x->lf, TAPI_EV_CALLSTATE, x->index, c->handle, 0, state,
		     mode, privilege,
		     state == TAPI_CALLSTATE_CONFERENCED ?
		     c->info.related_call_id : 0);
}

static void supp_join(const struct fake_ctx *x, struct fake_call *conf,
		      struct fake_call *m)
{
	m->consult_for = 0;
	m->info.related_call_id = conf->info.call_id;
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, m->handle, 0,
		    TAPI_CALLINFO_RELATEDCALLID, 0, 0);
	supp_state(x, m, TAPI_CALLSTATE_CONFERENCED, 0, 0);
}

/*
 * A call went idle: a consultation call gives its held call back, a
 * conference call takes its members and consultation call with it, a
 * conference that lost its last member goes idle.
 */
static void supp_call_end(const struct fake_ctx *x, struct fake_call *c)
{
	struct fake_call *other = find_call_id(x->lf, c->consult_for);
	unsigned int i;

	c->consult_for = 0;
	if (other && (other->state == TAPI_CALLSTATE_ONHOLDPENDTRANSFER ||
		      (other->state == TAPI_CALLSTATE_ONHOLDPENDCONF &&
		       conf_members(x->lf, other))))
		supp_state(x, other, TAPI_CALLSTATE_CONNECTED,
			   TAPI_CONNECTEDMODE_ACTIVE, 0);
	if (c->is_conf) {
		for (i = 0; i < MAX_CALLS; i++) {
			struct fake_call *m = &x->lf->calls[i];

			if (!m->used || m->state == TAPI_CALLSTATE_IDLE ||
			    (m->info.related_call_id != c->info.call_id &&
			     m->consult_for != c->info.call_id))
				continue;
			m->consult_for = 0;
			supp_state(x, m, TAPI_CALLSTATE_IDLE, 0, 0);
		}
		return;
	}
	other = find_call_id(x->lf, c->info.related_call_id);
	if (other && other->is_conf && other->state != TAPI_CALLSTATE_IDLE &&
	    !conf_members(x->lf, other)) {
		supp_state(x, other, TAPI_CALLSTATE_IDLE, 0, 0);
		supp_call_end(x, other);
	}
}

/* A consultation call dialled goes on as a placed call would. */
static void consult_progress(const struct fake_ctx *x, struct fake_call *c,
			     const char *digits)
{
	set_party(&c->info.called, digits, "");
	if (!strcmp(digits, "busy")) {
		supp_state(x, c, TAPI_CALLSTATE_BUSY, TAPI_BUSYMODE_STATION, 0);
		return;
	}
	supp_state(x, c, TAPI_CALLSTATE_RINGBACK, 0, 0);
	if (!strcmp(digits, "noanswer")) {
		supp_state(x, c, TAPI_CALLSTATE_DISCONNECTED,
			   TAPI_DISCONNECTMODE_NOANSWER, 0);
		return;
	}
	set_party(&c->info.connected, digits, "");
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_CONNECTEDID, 0, 0);
	supp_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		   0);
}

/* The flags, then a handle: the common start of every command. */
static int supp_get(const struct fake_ctx *x, uint32_t flags, uint32_t valid,
		    uint32_t handle, struct fake_call **c)
{
	if (flags & ~valid)
		return fail(EOPNOTSUPP);
	*c = find_handle(x->lf, handle);
	return *c ? 0 : fail(ENOENT);
}

/* Capability, privilege, then the state (@states, or the features). */
static int supp_check(const struct fake_ctx *x, const struct fake_call *c,
		      uint32_t feature, uint32_t states)
{
	if (!(x->line->addresses[c->info.address_id].call_features & feature))
		return fail(EOPNOTSUPP);
	if (c->privilege != TAPI_PRIV_OWNER)
		return fail(EPERM);
	if (states ? !(c->state & states) :
	    !(legal_features(x, c) & feature))
		return fail(EBADFD);
	return 0;
}

/* Room on @c's address for one more call, @c not counted. */
static int supp_room(const struct fake_ctx *x, const struct fake_call *c)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_CALLS; i++) {
		const struct fake_call *o = &x->lf->calls[i];

		n += o->used && o != c &&
		     o->info.address_id == c->info.address_id &&
		     o->state != TAPI_CALLSTATE_IDLE &&
		     o->state != TAPI_CALLSTATE_CONFERENCED;
	}
	if (n >= x->line->addresses[c->info.address_id].max_calls)
		return fail(EBUSY);
	return 0;
}

/* ENOSPC if conference call @c has all the members it may. */
static int supp_conf_room(const struct fake_ctx *x, const struct fake_call *c)
{
	if (c->is_conf && conf_members(x->lf, c) >=
	    x->line->addresses[c->info.address_id].max_conf_members)
		return fail(ENOSPC);
	return 0;
}

/* A new call like @from, owned by this fd, for a request under way. */
static struct fake_call *supp_new_call(const struct fake_ctx *x,
				       const struct fake_call *from, bool conf)
{
	struct fake_call *c;

	c = new_call(x->lf, x->index, from->info.address_id,
		     x->lf->next_call_id++);
	if (!c)
		return NULL;
	c->handle = x->lf->next_handle++;
	c->valid = true;
	c->privilege = TAPI_PRIV_OWNER;
	c->is_conf = conf;
	c->info.origin = conf ? TAPI_CALLORIGIN_CONFERENCE :
		TAPI_CALLORIGIN_OUTBOUND;
	c->info.media_mode = from->info.media_mode;
	c->info.bearer_mode = from->info.bearer_mode;
	call_set_state(c, TAPI_CALLSTATE_UNKNOWN, 0);
	return c;
}

/* The request starts: its id, and its reply unless synchronous. */
static uint32_t supp_start(const struct fake_ctx *x, const struct fake_call *c,
			   uint32_t flags, uint32_t *request_id)
{
	uint32_t id = flags & TAPI_REQUEST_SYNC ? 0 : x->lf->next_request++;

	*request_id = id;
	if (id)
		reply(x, c, id, 0);
	return id;
}

/* Hold, unhold, remove from conference. */
static int supp_request(const struct fake_ctx *x, unsigned long cmd,
			struct tapi_call_request *req)
{
	uint32_t feature = cmd == TAPI_IOC_CALL_HOLD ? TAPI_CALLFEATURE_HOLD :
		cmd == TAPI_IOC_CALL_UNHOLD ? TAPI_CALLFEATURE_UNHOLD :
		TAPI_CALLFEATURE_REMOVEFROMCONF;
	struct fake_call *c;
	uint32_t id;

	fake_tapi_log.call_request = *req;
	fake_tapi_log.call_request_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c) ||
	    supp_check(x, c, feature, 0))
		return -1;
	id = supp_start(x, c, req->flags, &req->request_id);
	switch (cmd) {
	case TAPI_IOC_CALL_HOLD:
		supp_state(x, c, TAPI_CALLSTATE_ONHOLD, 0, 0);
		break;
	case TAPI_IOC_CALL_UNHOLD:
		supp_state(x, c, TAPI_CALLSTATE_CONNECTED,
			   TAPI_CONNECTEDMODE_ACTIVE, 0);
		break;
	default:
		c->info.related_call_id = 0;
		queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
			    TAPI_CALLINFO_RELATEDCALLID, 0, 0);
		supp_state(x, c, TAPI_CALLSTATE_ONHOLD, 0, 0);
		break;
	}
	return id;
}

/* Swap hold, add to conference. */
static int supp_pair(const struct fake_ctx *x, unsigned long cmd,
		     struct tapi_call_pair *req)
{
	bool swap = cmd == TAPI_IOC_CALL_SWAP_HOLD;
	uint32_t feature = swap ? TAPI_CALLFEATURE_SWAPHOLD :
		TAPI_CALLFEATURE_ADDTOCONF;
	struct fake_call *c, *o;
	uint32_t id, state;

	fake_tapi_log.call_pair = *req;
	fake_tapi_log.call_pair_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	o = find_handle(x->lf, req->other);
	if (!o)
		return fail(ENOENT);
	if (o == c || req->reserved)
		return fail(EINVAL);
	if (!swap && supp_conf_room(x, c))
		return -1;
	if (supp_check(x, c, feature, 0) ||
	    supp_check(x, o, feature, swap ?
		       TAPI_CALLSTATE_ONHOLD |
		       TAPI_CALLSTATE_ONHOLDPENDTRANSFER :
		       TAPI_CALLSTATE_CONNECTED))
		return -1;
	if (!swap && o->is_conf)
		return fail(EBADFD);
	id = supp_start(x, c, req->flags, &req->request_id);
	if (swap) {
		state = o->state;
		supp_state(x, o, TAPI_CALLSTATE_CONNECTED,
			   TAPI_CONNECTEDMODE_ACTIVE, 0);
		supp_state(x, c, state, 0, 0);
		return id;
	}
	supp_join(x, c, o);
	supp_state(x, c, TAPI_CALLSTATE_CONNECTED, TAPI_CONNECTEDMODE_ACTIVE,
		   0);
	return id;
}

/* Setup transfer, prepare add to conference. */
static int supp_consult(const struct fake_ctx *x, unsigned long cmd,
			struct tapi_call_consult *req)
{
	bool transfer = cmd == TAPI_IOC_CALL_SETUP_TRANSFER;
	struct fake_call *c, *consult;
	uint32_t id;

	fake_tapi_log.call_consult = *req;
	fake_tapi_log.call_consult_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	if (req->reserved)
		return fail(EINVAL);
	if (!transfer && supp_conf_room(x, c))
		return -1;
	if (supp_check(x, c, transfer ? TAPI_CALLFEATURE_SETUPTRANSFER :
		       TAPI_CALLFEATURE_PREPAREADDCONF, 0) ||
	    supp_room(x, c))
		return -1;
	consult = supp_new_call(x, c, false);
	if (!consult)
		return fail(EBUSY);
	consult->consult_for = c->info.call_id;
	consult->info.related_call_id = c->info.call_id;
	req->consult = consult->handle;
	id = supp_start(x, c, req->flags, &req->request_id);
	supp_state(x, c, transfer ? TAPI_CALLSTATE_ONHOLDPENDTRANSFER :
		   TAPI_CALLSTATE_ONHOLDPENDCONF, 0, 0);
	supp_state(x, consult, TAPI_CALLSTATE_DIALTONE,
		   TAPI_DIALTONEMODE_INTERNAL, TAPI_PRIV_OWNER);
	return id;
}

static int supp_complete(const struct fake_ctx *x,
			 struct tapi_call_complete_transfer *req)
{
	bool as_conf = req->flags & TAPI_COMPLETE_TRANSFER_CONFERENCE;
	struct fake_call *c, *o, *conf;
	uint32_t id, mode;

	fake_tapi_log.complete_transfer = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_COMPLETE_TRANSFER_VALID, req->call,
		     &c))
		return -1;
	o = find_handle(x->lf, req->consult);
	if (!o)
		return fail(ENOENT);
	if (o == c)
		return fail(EINVAL);
	mode = as_conf ? TAPI_TRANSFER_CONFERENCE : TAPI_TRANSFER_TRANSFER;
	if (!(x->line->addresses[c->info.address_id].transfer_modes & mode))
		return fail(EOPNOTSUPP);
	if (supp_check(x, c, TAPI_CALLFEATURE_COMPLETETRANSF, 0) ||
	    supp_check(x, o, TAPI_CALLFEATURE_COMPLETETRANSF,
		       TAPI_CALLSTATE_CONNECTED))
		return -1;
	if (o->is_conf)
		return fail(EBADFD);
	conf = NULL;
	req->conf = 0;
	if (as_conf) {
		conf = supp_new_call(x, c, true);
		if (!conf)
			return fail(ENOMEM);
		req->conf = conf->handle;
	}
	id = supp_start(x, c, req->flags, &req->request_id);
	c->consult_for = 0;
	o->consult_for = 0;
	if (!conf) {
		supp_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
		supp_state(x, o, TAPI_CALLSTATE_IDLE, 0, 0);
		return id;
	}
	supp_join(x, conf, c);
	supp_join(x, conf, o);
	supp_state(x, conf, TAPI_CALLSTATE_CONNECTED,
		   TAPI_CONNECTEDMODE_ACTIVE, TAPI_PRIV_OWNER);
	return id;
}

static int supp_blind(const struct fake_ctx *x, struct tapi_call_dial *req)
{
	bool sync = req->flags & TAPI_REQUEST_SYNC;
	struct fake_call *c;
	uint32_t id;
	int err = 0;

	fake_tapi_log.blind_transfer = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID) &&
	    !str_ok(req->digits, sizeof(req->digits), true))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c) ||
	    supp_check(x, c, TAPI_CALLFEATURE_BLINDTRANSFER, 0))
		return -1;
	if (!strcmp(req->digits, "busy"))
		err = EBUSY;
	else if (!strcmp(req->digits, "nowhere"))
		err = ENXIO;
	if (err && sync)
		return fail(err);
	id = sync ? 0 : x->lf->next_request++;
	req->request_id = id;
	if (id)
		reply(x, c, id, -err);
	if (!err)
		supp_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
	return id;
}

static int supp_setup_conf(const struct fake_ctx *x,
			   struct tapi_call_setup_conf *req)
{
	unsigned int parties = req->num_parties ? req->num_parties : 2;
	struct fake_call *c, *conf, *consult;
	uint32_t id;

	fake_tapi_log.setup_conf = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, TAPI_REQUEST_VALID, req->call, &c))
		return -1;
	if (req->reserved || parties < 2)
		return fail(EINVAL);
	if (supp_check(x, c, TAPI_CALLFEATURE_SETUPCONF, 0))
		return -1;
	if (parties > x->line->addresses[c->info.address_id].max_conf_members)
		return fail(EINVAL);
	if (supp_room(x, c))
		return -1;
	conf = supp_new_call(x, c, true);
	consult = conf ? supp_new_call(x, c, false) : NULL;
	if (!consult) {
		if (conf)
			conf->used = false;
		return fail(EBUSY);
	}
	consult->consult_for = conf->info.call_id;
	consult->info.related_call_id = conf->info.call_id;
	req->conf = conf->handle;
	req->consult = consult->handle;
	id = supp_start(x, c, req->flags, &req->request_id);
	supp_join(x, conf, c);
	supp_state(x, conf, TAPI_CALLSTATE_ONHOLDPENDCONF, 0,
		   TAPI_PRIV_OWNER);
	supp_state(x, consult, TAPI_CALLSTATE_DIALTONE,
		   TAPI_DIALTONEMODE_INTERNAL, TAPI_PRIV_OWNER);
	return id;
}

static int supp_conf_related(const struct fake_ctx *x,
			     struct tapi_conf_related *req)
{
	struct tapi_conf_member *out =
		(struct tapi_conf_member *)(uintptr_t)req->members;
	struct fake_call *c, *conf;
	unsigned int i;

	fake_tapi_log.conf_related = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (supp_get(x, req->flags, 0, req->call, &c))
		return -1;
	req->count = 0;
	req->remaining = 0;
	conf = c->is_conf ? c : c->state == TAPI_CALLSTATE_CONFERENCED ?
		find_call_id(x->lf, c->info.related_call_id) : NULL;
	if (!conf)
		return fail(EINVAL);
	if (req->capacity && !out)
		return fail(EFAULT);
	for (i = 0; i <= MAX_CALLS; i++) {
		/* The conference call first, then its members. */
		struct fake_call *m = i ? &x->lf->calls[i - 1] : conf;

		if (i && (!m->used || m->state != TAPI_CALLSTATE_CONFERENCED ||
			  m->info.related_call_id != conf->info.call_id))
			continue;
		if (req->count == req->capacity) {
			req->remaining++;
			continue;
		}
		memset(&out[req->count], 0, sizeof(out[0]));
		out[req->count].call_id = m->info.call_id;
		out[req->count].handle = m->valid ? m->handle : 0;
		out[req->count].state = m->state;
		req->count++;
	}
	return 0;
}

/*
 * Dial, answer, accept, drop: check as the core does (handle, capability,
 * privilege, state), then reply and move the call on.
 */
static int call_op(const struct fake_ctx *x, unsigned long cmd, uint32_t flags,
		   uint32_t handle, uint32_t *request_id, uint32_t feature)
{
	bool sync = flags & TAPI_REQUEST_SYNC;
	struct fake_call *c;
	uint32_t id;

	if (flags & ~TAPI_REQUEST_VALID)
		return fail(EOPNOTSUPP);
	c = find_handle(x->lf, handle);
	if (!c)
		return fail(ENOENT);
	if (!(x->line->addresses[c->info.address_id].call_features & feature))
		return fail(EOPNOTSUPP);
	if (c->privilege != TAPI_PRIV_OWNER)
		return fail(EPERM);
	if (!(state_features(c->state) & feature))
		return fail(EBADFD);

	id = sync ? 0 : x->lf->next_request++;
	*request_id = id;
	if (!sync)
		reply(x, c, id, 0);
	switch (cmd) {
	case TAPI_IOC_CALL_DIAL:
		change_state(x, c, TAPI_CALLSTATE_DIALING, 0, 0);
		break;
	case TAPI_IOC_CALL_ANSWER:
		change_state(x, c, TAPI_CALLSTATE_CONNECTED,
			     TAPI_CONNECTEDMODE_ACTIVE, 0);
		break;
	case TAPI_IOC_CALL_ACCEPT:
		change_state(x, c, TAPI_CALLSTATE_ACCEPTED, 0, 0);
		break;
	case TAPI_IOC_CALL_DROP:
		change_state(x, c, TAPI_CALLSTATE_IDLE, 0, 0);
		queue_event(x->lf, TAPI_EV_ADDRESSSTATE, x->index, 0, 0,
			    c->info.address_id, TAPI_ADDRSTATE_NUMCALLS,
			    address_in_use(x, c->info.address_id));
		supp_call_end(x, c);
		break;
	}
	return id;
}

static int call_dial(const struct fake_ctx *x, struct tapi_call_dial *req)
{
	struct fake_call *c;
	int ret;

	fake_tapi_log.call_dial = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (!(req->flags & ~TAPI_REQUEST_VALID) &&
	    !str_ok(req->digits, sizeof(req->digits), true))
		return fail(EINVAL);
	ret = call_op(x, TAPI_IOC_CALL_DIAL, req->flags, req->call,
		      &req->request_id, TAPI_CALLFEATURE_DIAL);
	c = ret < 0 ? NULL : find_handle(x->lf, req->call);
	if (c && c->consult_for)
		consult_progress(x, c, req->digits);
	return ret;
}

static int call_request(const struct fake_ctx *x, unsigned long cmd,
			struct tapi_call_request *req)
{
	uint32_t feature = cmd == TAPI_IOC_CALL_ANSWER ?
		TAPI_CALLFEATURE_ANSWER : cmd == TAPI_IOC_CALL_ACCEPT ?
		TAPI_CALLFEATURE_ACCEPT : TAPI_CALLFEATURE_DROP;

	fake_tapi_log.call_request = *req;
	fake_tapi_log.call_request_cmd = cmd;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	return call_op(x, cmd, req->flags, req->call, &req->request_id,
		       feature);
}

static int call_dealloc(const struct fake_ctx *x, struct tapi_call_dealloc *req)
{
	struct fake_call *c;

	fake_tapi_log.call_dealloc = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (req->reserved)
		return fail(EINVAL);
	c = find_handle(x->lf, req->call);
	if (!c)
		return fail(ENOENT);
	/* The fake's calls have no other owner. */
	if (c->privilege == TAPI_PRIV_OWNER &&
	    c->state != TAPI_CALLSTATE_IDLE)
		return fail(EBUSY);
	if (c->state == TAPI_CALLSTATE_IDLE) {
		c->used = false;
	} else {
		/* Still on the line: get_new_calls would find it again. */
		c->handle = 0;
		c->valid = false;
	}
	return 0;
}

static int call_get_info(const struct fake_ctx *x, struct tapi_call_info *ci)
{
	struct fake_call *c;
	uint32_t call;

	memset(&fake_tapi_log.call_info, 0, sizeof(fake_tapi_log.call_info));
	memcpy(&fake_tapi_log.call_info, ci, offsetof(struct tapi_call_info,
						      line));
	if (ci->size != sizeof(*ci))
		return fail(EINVAL);
	if (ci->flags)
		return fail(EOPNOTSUPP);
	if (ci->reserved)
		return fail(EINVAL);
	c = find_handle(x->lf, ci->call);
	if (!c)
		return fail(ENOENT);
	call = ci->call;
	*ci = c->info;
	ci->size = sizeof(*ci);
	ci->flags = 0;
	ci->call = call;
	ci->num_owners = c->privilege == TAPI_PRIV_OWNER;
	ci->num_monitors = c->privilege == TAPI_PRIV_MONITOR;
	if (c->info.call_id == FAKE_CALL_ID_B ||
	    (c->info.call_id >= FAKE_CONF_ID &&
	     c->info.call_id <= FAKE_CONF_ID + 2))
		ci->num_owners++;	/* someone else's call */
	/* Junk after the NULs: only the strings count. */
	memset(ci->caller.name + strlen(ci->caller.name) + 1, 'X',
	       sizeof(ci->caller.name) - strlen(ci->caller.name) - 1);
	return 0;
}

static int call_get_status(const struct fake_ctx *x,
			   struct tapi_call_status *st)
{
	struct fake_call *c;

	memset(&fake_tapi_log.call_status, 0,
	       sizeof(fake_tapi_log.call_status));
	memcpy(&fake_tapi_log.call_status, st,
	       offsetof(struct tapi_call_status, state));
	if (st->size != sizeof(*st))
		return fail(EINVAL);
	if (st->flags)
		return fail(EOPNOTSUPP);
	c = find_handle(x->lf, st->call);
	if (!c)
		return fail(ENOENT);
	st->state = c->state;
	st->mode = c->mode;
	st->privilege = c->privilege;
	st->call_features = call_features(x, c);
	st->call_id = c->info.call_id;
	st->state_ns = c->state_ns;
	return 0;
}

static int call_set_privilege(const struct fake_ctx *x,
			      struct tapi_call_privilege *req)
{
	struct fake_call *c;

	fake_tapi_log.call_privilege = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	c = find_handle(x->lf, req->call);
	if (!c)
		return fail(ENOENT);
	if (req->privilege != TAPI_PRIV_OWNER &&
	    req->privilege != TAPI_PRIV_MONITOR)
		return fail(EINVAL);
	if (req->privilege == c->privilege)
		return 0;
	c->privilege = req->privilege;
	queue_event(x->lf, TAPI_EV_CALLINFO, x->index, c->handle, 0,
		    TAPI_CALLINFO_NUMOWNERS | TAPI_CALLINFO_NUMMONITORS, 0, 0);
	queue_event(x->lf, TAPI_EV_CALLSTATE, x->index, c->handle, 0,
		    c->state, c->mode, c->privilege);
	return 0;
}

static int call_handoff(const struct fake_ctx *x, struct tapi_call_handoff *req)
{
	struct fake_call *c;

	fake_tapi_log.call_handoff = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (!str_ok(req->app_name, sizeof(req->app_name), false))
		return fail(EINVAL);
	c = find_handle(x->lf, req->call);
	if (!c)
		return fail(ENOENT);
	if (c->privilege != TAPI_PRIV_OWNER)
		return fail(EPERM);
	if (!req->media_mode == !req->app_name[0])
		return fail(EINVAL);
	return fail(ESRCH);	/* nobody else is here */
}

static int new_calls(const struct fake_ctx *x, struct tapi_line_new_calls *req)
{
	uint32_t *out = (uint32_t *)(uintptr_t)req->handles;
	unsigned int i;

	fake_tapi_log.new_calls = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags & ~TAPI_NEW_CALLS_VALID)
		return fail(EOPNOTSUPP);
	if (req->flags & TAPI_NEW_CALLS_ADDRESS &&
	    req->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	if (req->capacity && !out)
		return fail(EFAULT);
	req->count = 0;
	req->remaining = 0;
	for (i = 0; i < MAX_CALLS; i++) {
		struct fake_call *c = &x->lf->calls[i];

		if (!c->used || c->handle || c->state == TAPI_CALLSTATE_IDLE)
			continue;
		if (req->flags & TAPI_NEW_CALLS_ADDRESS &&
		    c->info.address_id != req->address_id)
			continue;
		if (req->count == req->capacity) {
			req->remaining++;
			continue;
		}
		c->handle = x->lf->next_handle++;
		c->valid = true;
		c->privilege = TAPI_PRIV_MONITOR;
		out[req->count++] = c->handle;
	}
	return 0;
}

static int address_status(const struct fake_ctx *x,
			  struct tapi_address_status *st)
{
	const struct fake_address *addr;
	struct fake_forward *fwd;
	unsigned int i;

	memset(&fake_tapi_log.address_status, 0,
	       sizeof(fake_tapi_log.address_status));
	memcpy(&fake_tapi_log.address_status, st,
	       offsetof(struct tapi_address_status, num_inuse));
	if (st->size != sizeof(*st))
		return fail(EINVAL);
	if (st->flags)
		return fail(EOPNOTSUPP);
	if (st->address_id >= x->line->num_addresses)
		return fail(ENOENT);
	addr = &x->line->addresses[st->address_id];
	st->num_inuse = 0;
	st->num_active_calls = 0;
	st->num_onhold_calls = 0;
	st->num_onholdpend_calls = 0;
	for (i = 0; i < MAX_CALLS; i++) {
		struct fake_call *c = &x->lf->calls[i];

		if (!c->used || c->info.address_id != st->address_id ||
		    c->state == TAPI_CALLSTATE_IDLE)
			continue;
		st->num_inuse++;
		if (c->state != TAPI_CALLSTATE_DISCONNECTED)
			st->num_active_calls++;
	}
	st->address_features = addr->features;
	if (st->num_inuse >= addr->max_calls)
		st->address_features &= ~(TAPI_ADDRFEATURE_MAKECALL |
					  TAPI_ADDRFEATURE_PICKUP |
					  TAPI_ADDRFEATURE_UNPARK);
	fwd = &x->lf->forward[st->address_id];
	st->num_forward = fwd->num;
	st->forward_no_answer_ms = fwd->no_answer_ms;
	memcpy(st->forward, fwd->entries, sizeof(st->forward));
	return 0;
}

static int set_event_mask(const struct fake_ctx *x,
			  struct tapi_line_event_mask *req)
{
	fake_tapi_log.event_mask = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (req->event_mask & ~TAPI_EV_MASK_VALID)
		return fail(EOPNOTSUPP);
	x->lf->event_mask = req->event_mask;
	return 0;
}

static int set_priority(const struct fake_ctx *x,
			struct tapi_line_priority *req)
{
	fake_tapi_log.priority = *req;
	if (req->size != sizeof(*req))
		return fail(EINVAL);
	if (req->flags)
		return fail(EOPNOTSUPP);
	if (!req->media_modes || req->media_modes & ~x->lf->media_modes)
		return fail(EINVAL);
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
		return supp_blind(&x, arg);
	case TAPI_IOC_CALL_SETUP_CONF:
		return supp_setup_conf(&x, arg);
	case TAPI_IOC_CALL_GET_CONF_RELATED:
		return supp_conf_related(&x, arg);
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
