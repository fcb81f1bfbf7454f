// SPDX-License-Identifier: GPL-2.0
/*
 * Simulated cards through /sys/kernel/config/tapi-sim and thin ioctl
 * wrappers, shared by the tapi selftests.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"

static unsigned int sim_seq;

int sim_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return n;
}

int sim_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return (size_t)n == len ? 0 : -EIO;
}

int sim_read_u64(const char *path, unsigned long long *val)
{
	char buf[64], *end;
	int ret;

	ret = sim_read(path, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	errno = 0;
	*val = strtoull(buf, &end, 0);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

const char *sim_unavailable(void)
{
	struct stat st;

	if (geteuid() != 0)
		return "needs root";
	if (stat(SIM_CONFIGFS, &st))
		return "no " SIM_CONFIGFS " (CONFIG_CONFIGFS_FS)";
	if (stat(SIM_ROOT, &st)) {
		/* configfs may just not be mounted yet. */
		if (mount("configfs", SIM_CONFIGFS, "configfs", 0, NULL) &&
		    errno != EBUSY)
			return "cannot mount configfs";
		if (stat(SIM_ROOT, &st))
			return "tapi_sim not loaded (no " SIM_ROOT ")";
	}
	return NULL;
}

void sim_require(const char *prog)
{
	const char *why = sim_unavailable();

	if (!why)
		return;
	printf("TAP version 13\n1..0 # SKIP %s: %s\n", prog, why);
	exit(4);
}

int sim_card_new_named(struct sim_card *card, const char *name)
{
	char buf[sizeof(card->name)];

	/* @name may be card->name itself */
	snprintf(buf, sizeof(buf), "%s", name);
	memset(card, 0, sizeof(*card));
	card->index = -1;
	memcpy(card->name, buf, sizeof(buf));
	snprintf(card->dir, sizeof(card->dir), SIM_ROOT "/%s", card->name);
	if (mkdir(card->dir, 0755))
		return -errno;
	return 0;
}

int sim_card_new(struct sim_card *card, const char *tag)
{
	char name[32];

	snprintf(name, sizeof(name), SIM_PREFIX "%.6s-%d-%u", tag,
		 (int)getpid(), sim_seq++);
	return sim_card_new_named(card, name);
}

void sim_default_number(const struct sim_card *card, unsigned int line,
			char *buf, size_t len)
{
	(void)card;
	snprintf(buf, len, "%u", 2000 + line);
}

int sim_card_attr_path(const struct sim_card *card, const char *attr,
		       char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s", card->dir, attr);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int sim_line_attr_path(const struct sim_card *card, unsigned int line,
		       const char *attr, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/line%u%s%s", card->dir, line,
			 attr ? "/" : "", attr ? attr : "");

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int sim_card_set(const struct sim_card *card, const char *attr,
		 const char *val)
{
	char path[256];
	int ret = sim_card_attr_path(card, attr, path, sizeof(path));

	return ret ? ret : sim_write(path, val);
}

int sim_card_get(const struct sim_card *card, const char *attr, char *buf,
		 size_t len)
{
	char path[256];
	int ret = sim_card_attr_path(card, attr, path, sizeof(path));

	return ret ? ret : sim_read(path, buf, len);
}

int sim_line_set(const struct sim_card *card, unsigned int line,
		 const char *attr, const char *val)
{
	char path[256];
	int ret = sim_line_attr_path(card, line, attr, path, sizeof(path));

	return ret ? ret : sim_write(path, val);
}

int sim_line_get(const struct sim_card *card, unsigned int line,
		 const char *attr, char *buf, size_t len)
{
	char path[256];
	int ret = sim_line_attr_path(card, line, attr, path, sizeof(path));

	return ret ? ret : sim_read(path, buf, len);
}

int sim_line_add(struct sim_card *card, unsigned int line,
		 const char *numbers)
{
	char path[256];
	int ret;

	ret = sim_line_attr_path(card, line, NULL, path, sizeof(path));
	if (ret)
		return ret;
	if (mkdir(path, 0755))
		return -errno;
	if (line >= card->num_lines)
		card->num_lines = line + 1;
	if (numbers)
		return sim_line_set(card, line, "numbers", numbers);
	return 0;
}

int sim_card_create(struct sim_card *card, const char *tag,
		    unsigned int num_lines)
{
	char num[32];
	unsigned int i;
	int ret;

	ret = sim_card_new(card, tag);
	if (ret)
		return ret;
	for (i = 0; i < num_lines; i++) {
		sim_default_number(card, i, num, sizeof(num));
		ret = sim_line_add(card, i, num);
		if (ret) {
			sim_card_destroy(card);
			return ret;
		}
	}
	return 0;
}

int sim_card_live(struct sim_card *card, bool live)
{
	char buf[64];
	int ret;

	ret = sim_card_set(card, "live", live ? "1" : "0");
	if (ret)
		return ret;
	card->live = live;
	card->index = -1;
	card->dev_path[0] = '\0';
	if (!live)
		return 0;
	ret = sim_card_get(card, "dev_name", buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (sscanf(buf, "tapi%d", &card->index) != 1)
		return -EPROTO;
	snprintf(card->dev_path, sizeof(card->dev_path), "/dev/%.32s", buf);
	/* devtmpfs creates the node before device_add() returns. */
	return 0;
}

int sim_card_create_live(struct sim_card *card, const char *tag,
			 unsigned int num_lines)
{
	int ret = sim_card_create(card, tag, num_lines);

	if (ret)
		return ret;
	ret = sim_card_live(card, true);
	if (ret)
		sim_card_destroy(card);
	return ret;
}

int sim_card_open(const struct sim_card *card)
{
	int fd = open(card->dev_path, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int sim_card_open_lines(const struct sim_card *card)
{
	char path[256];
	unsigned long long v;
	int ret;

	ret = sim_card_attr_path(card, "open_lines", path, sizeof(path));
	if (!ret)
		ret = sim_read_u64(path, &v);
	return ret ? ret : (int)v;
}

int sim_card_rmdir(struct sim_card *card)
{
	char path[512];
	struct dirent *de;
	int ret = 0;
	DIR *d;

	d = opendir(card->dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "line", 4) || de->d_type != DT_DIR)
			continue;
		snprintf(path, sizeof(path), "%s/%s", card->dir, de->d_name);
		if (rmdir(path) && !ret)
			ret = -errno;
	}
	closedir(d);
	if (rmdir(card->dir) && !ret)
		ret = -errno;
	if (!ret) {
		card->live = false;
		card->index = -1;
	}
	return ret;
}

int sim_card_destroy(struct sim_card *card)
{
	struct stat st;

	if (!card->dir[0] || stat(card->dir, &st))
		return 0;
	sim_card_set(card, "live", "0");
	return sim_card_rmdir(card);
}

bool sim_wait_path(const char *path, bool exists, int ms)
{
	struct stat st;

	for (;;) {
		if ((stat(path, &st) == 0) == exists)
			return true;
		if (ms <= 0)
			return false;
		usleep(10000);
		ms -= 10;
	}
}

int tapi_open_line_args(int card_fd, struct tapi_line_open *args)
{
	int ret;

	args->size = sizeof(*args);
	args->fd = -1;
	ret = tapi_ioctl(card_fd, TAPI_IOC_LINE_OPEN, args);
	return ret < 0 ? ret : args->fd;
}

int tapi_open_line(int card_fd, unsigned int line, uint32_t privileges,
		   uint32_t media_modes, uint32_t flags)
{
	struct tapi_line_open args = {
		.flags = flags,
		.line = line,
		.privileges = privileges,
		.media_modes = media_modes,
	};

	return tapi_open_line_args(card_fd, &args);
}

int tapi_devstatus(int line_fd, struct tapi_line_devstatus *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return tapi_ioctl(line_fd, TAPI_IOC_LINE_GET_DEVSTATUS, st);
}

int tapi_card_info(int card_fd, struct tapi_card_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return tapi_ioctl(card_fd, TAPI_IOC_CARD_GET_INFO, info);
}

int tapi_devcaps(int card_fd, unsigned int line,
		 struct tapi_line_devcaps *caps)
{
	memset(caps, 0, sizeof(*caps));
	caps->size = sizeof(*caps);
	caps->line = line;
	return tapi_ioctl(card_fd, TAPI_IOC_LINE_GET_DEVCAPS, caps);
}

int tapi_addrcaps(int card_fd, unsigned int line, unsigned int address,
		  struct tapi_address_caps *caps)
{
	memset(caps, 0, sizeof(*caps));
	caps->size = sizeof(*caps);
	caps->line = line;
	caps->address_id = address;
	return tapi_ioctl(card_fd, TAPI_IOC_ADDRESS_GET_CAPS, caps);
}

int tapi_features(int fd, struct tapi_features *f)
{
	memset(f, 0, sizeof(*f));
	f->size = sizeof(*f);
	return tapi_ioctl(fd, TAPI_IOC_GET_FEATURES, f);
}

int count_fds_if(bool (*match)(const char *name, const char *target,
				void *ctx), void *ctx)
{
	char target[128];
	struct dirent *de;
	int n = 0;
	ssize_t len;
	DIR *d;

	d = opendir("/proc/self/fd");
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(d))
			continue;
		len = readlinkat(dirfd(d), de->d_name, target,
				 sizeof(target) - 1);
		target[len > 0 ? len : 0] = '\0';
		if (match(de->d_name, target, ctx))
			n++;
	}
	closedir(d);
	return n;
}

/* Not the io_uring transport's own ring (transport.c). */
static bool not_io_uring(const char *name, const char *target, void *ctx)
{
	(void)name;
	(void)ctx;
	return strcmp(target, "anon_inode:[io_uring]");
}

int count_fds(void)
{
	return count_fds_if(not_io_uring, NULL);
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

int split_list(const char *s, char out[][TAPI_ADDRESS_LEN], int max)
{
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, " ,\n\t");

		if (len) {
			if (n == max)
				return -E2BIG;
			if (len >= TAPI_ADDRESS_LEN)
				return -ENAMETOOLONG;
			memcpy(out[n], s, len);
			out[n][len] = '\0';
			n++;
		}
		s += len;
		if (*s)
			s++;
	}
	return n;
}

long sim_read_long(const char *path)
{
	char buf[32];

	if (sim_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Remove the cards of @prefix left in configfs; return how many. */
int sim_remove_left_cards(const char *prefix)
{
	struct sim_card card;
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(SIM_ROOT);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		memset(&card, 0, sizeof(card));
		snprintf(card.name, sizeof(card.name), "%.31s", de->d_name);
		snprintf(card.dir, sizeof(card.dir), SIM_ROOT "/%.31s",
			 de->d_name);
		sim_card_destroy(&card);
		printf("# left in configfs: %s\n", de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* Cards of @prefix /sys/class/tapi or debugfs still shows. */
int sim_cards_shown(const char *prefix)
{
	char path[300], name[64], *buf;
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(SIM_SYSFS_CLASS);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "tapi", 4))
			continue;
		snprintf(path, sizeof(path), SIM_SYSFS_CLASS "/%s/name",
			 de->d_name);
		if (sim_read(path, name, sizeof(name)) > 0 &&
		    !strncmp(name, prefix, strlen(prefix))) {
			printf("# still in %s: %s (%s)\n", SIM_SYSFS_CLASS,
			       de->d_name, name);
			n++;
		}
	}
	if (d)
		closedir(d);
	buf = malloc(1 << 20);
	if (buf) {
		snprintf(path, sizeof(path), "name=%s", prefix);
		if (sim_read(SIM_DEBUGFS_STATE, buf, 1 << 20) > 0 &&
		    strstr(buf, path)) {
			printf("# still in %s: %s\n", SIM_DEBUGFS_STATE,
			       strstr(buf, path));
			n++;
		}
		free(buf);
	}
	return n;
}

/* With kmemleak: scan, and count the leaks tapi is part of. */
int sim_kmemleak_tapi(void)
{
	char *buf, *p, *rec;
	int fd, n = 0, shown = 0;
	ssize_t len, got = 0;
	size_t cap = 4 << 20;

	sleep(6);	/* objects younger than 5 s are never reported */
	if (sim_write(SIM_KMEMLEAK, "scan"))
		return -1;
	buf = malloc(cap + 1);
	fd = open(SIM_KMEMLEAK, O_RDONLY);
	if (!buf || fd < 0) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((len = read(fd, buf + got, cap - got)) > 0)
		got += len;
	close(fd);
	buf[got] = '\0';
	for (rec = strstr(buf, "unreferenced object"); rec; rec = p) {
		p = strstr(rec + 1, "unreferenced object");
		if (p)
			p[-1] = '\0';
		if (!strstr(rec, "tapi"))
			continue;
		n++;
		if (shown++ < 3)
			printf("# kmemleak: %.600s\n", rec);
	}
	free(buf);
	return n;
}

bool sim_module_refs_back(long ref_tapi, long ref_sim, int wait_ms)
{
	long now_tapi, now_sim;

	for (;;) {
		now_tapi = sim_read_long("/sys/module/tapi/refcnt");
		now_sim = sim_read_long("/sys/module/tapi_sim/refcnt");
		if (now_tapi == ref_tapi && now_sim == ref_sim)
			return true;
		if (wait_ms <= 0)
			break;
		usleep(100000);
		wait_ms -= 100;
	}
	printf("# module references: tapi %ld -> %ld, tapi_sim %ld -> %ld\n",
	       ref_tapi, now_tapi, ref_sim, now_sim);
	return false;
}
