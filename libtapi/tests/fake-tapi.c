// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fake-tapi.so: an LD_PRELOAD stand-in for the tapi core, so that libtapi
 * and tapictl can be tested on a machine without the module.
 *
 * It pretends that /dev holds three cards (tapi0, tapi2, tapi10), answers
 * their ioctls from the tables below, checks requests the way the uapi
 * says the core does, and hands out pipes as line fds with a few events
 * already queued (then %TAPI_EV_REMOVED and %ENODEV, as after a hot unplug,
 * if FAKE_TAPI_REMOVED is set).  It is a test double, not a model of the core: the real
 * thing is tested in a VM by selftests/.
 */
#include <dirent.h>
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

#define FAKE_MAJOR	240
#define MAX_FDS		1024

struct fake_address {
	const char *address;
	unsigned int max_calls;
	uint32_t features;
	uint32_t call_features;
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
#define CALLF	(TAPI_CALLFEATURE_ACCEPT | TAPI_CALLFEATURE_ANSWER | \
		 TAPI_CALLFEATURE_DIAL | TAPI_CALLFEATURE_DROP | \
		 TAPI_CALLFEATURE_HOLD | TAPI_CALLFEATURE_UNHOLD | \
		 TAPI_CALLFEATURE_BLINDTRANSFER | \
		 TAPI_CALLFEATURE_GENERATEDIGITS | \
		 TAPI_CALLFEATURE_GENERATETONE | \
		 TAPI_CALLFEATURE_MONITORDIGITS | \
		 TAPI_CALLFEATURE_GATHERDIGITS | TAPI_CALLFEATURE_MONITORTONES)

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
				.features = TAPI_LINEFEATURE_MAKECALL,
				.devcaps_flags = TAPI_DEVCAPS_CLOSEDROP |
						 TAPI_DEVCAPS_DIALDIALTONE,
				.max_calls = 4,
				.num_addresses = 2,
				.addresses = {
					{ "1000", 2, TAPI_ADDRFEATURE_MAKECALL |
					  TAPI_ADDRFEATURE_PICKUP, CALLF },
					{ "1001", 1, TAPI_ADDRFEATURE_MAKECALL,
					  TAPI_CALLFEATURE_ANSWER |
					  TAPI_CALLFEATURE_DROP },
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
					{ "+33 1 23 45 67 89", 1, 0, 0 },
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
				.addresses = { { "200", 1, 0, 0 } },
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
} fds[MAX_FDS];

static char fake_dev[64];

/* The last line open request, for tests to inspect. */
struct tapi_line_open fake_tapi_last_line_open;

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
	if (fd >= 0 && fd < MAX_FDS)
		fds[fd].kind = FD_NONE;
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

static void queue_event(int wfd, uint32_t seqno, uint32_t type,
			uint32_t line, uint32_t call, uint32_t p0, uint32_t p1)
{
	struct tapi_event ev;
	struct timespec ts;

	memset(&ev, 0, sizeof(ev));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ev.timestamp_ns = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	ev.seqno = seqno;
	ev.type = type;
	ev.line = line;
	ev.call = call;
	ev.param[0] = p0;
	ev.param[1] = p1;
	if (write(wfd, &ev, sizeof(ev)) != sizeof(ev))
		abort();
}

static int line_open(const struct fake_card *card, struct tapi_line_open *req)
{
	const struct fake_line *line = get_line(card, req->line);
	uint32_t priv = req->privileges;
	int p[2];

	fake_tapi_last_line_open = *req;
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

	if (pipe2(p, ((req->flags & TAPI_LINE_OPEN_NONBLOCK) ? O_NONBLOCK : 0) |
		  ((req->flags & TAPI_LINE_OPEN_CLOEXEC) ? O_CLOEXEC : 0)))
		return -1;
	if (p[0] >= MAX_FDS)
		return fail(EMFILE);
	fds[p[0]].kind = FD_LINE;
	fds[p[0]].card = card;
	fds[p[0]].line = req->line;
	/* The write end stays open (and leaks) so reads do not see EOF. */
	queue_event(p[1], 1, TAPI_EV_LINEDEVSTATE, req->line, 0, 1, 0);
	queue_event(p[1], 2, TAPI_EV_NEWCALL, req->line, 7, 0, 0);
	queue_event(p[1], 3, TAPI_EV_CALLSTATE, req->line, 7, 2, 0x55);
	if (getenv("FAKE_TAPI_REMOVED")) {
		/* The card goes away: last record, then ENODEV and HUP. */
		queue_event(p[1], 4, TAPI_EV_REMOVED, req->line, 0, 0, 0);
		close(p[1]);
	}
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
		set_str(ac->address, sizeof(ac->address), addr->address);
		return 0;
	}
	case TAPI_IOC_LINE_OPEN:
		return line_open(card, arg);
	default:
		return fail(ENOTTY);
	}
}

static int line_ioctl(unsigned long cmd, void *arg)
{
	struct tapi_line_devstatus *ds = arg;

	if (cmd != TAPI_IOC_LINE_GET_DEVSTATUS)
		return fail(ENOTTY);
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
	return line_ioctl(cmd, arg);
}
