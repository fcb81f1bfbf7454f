// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libtapi against fake-tapi.so (LD_PRELOAD): enumeration, opening by path,
 * node and name, snapshots, line open requests, events and status.  TAP
 * output; exit 0 when every test passed, 1 otherwise, 4 (skip) when the
 * fake is not preloaded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libtapi.h>

static int test_num;
static int failures;

static void __attribute__((format(printf, 2, 3)))
ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	test_num++;
	printf("%s %d - ", cond ? "ok" : "not ok", test_num);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failures++;
}

static bool streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static struct tapi_line_open *last_open;

static void test_list(void)
{
	char **paths = NULL;
	int n;

	n = tapi_list_cards(&paths);
	ok(n == 3, "three cards listed (%d)", n);
	if (n != 3)
		return;
	ok(streq(paths[0], "/dev/tapi0") && streq(paths[1], "/dev/tapi2") &&
	   streq(paths[2], "/dev/tapi10") && !paths[3],
	   "sorted by index, NULL-terminated, non-cards skipped");
	ok(tapi_is_card_device(paths[0]), "%s is a card", paths[0]);
	tapi_card_list_free(paths);
}

static void test_open(void)
{
	struct tapi_card *card;

	card = tapi_card_open("/dev/tapi2");
	ok(card && tapi_card_get_index(card) == 2 &&
	   streq(tapi_card_get_path(card), "/dev/tapi2"), "open by path");
	tapi_card_close(card);

	card = tapi_card_open("tapi10");
	ok(card && tapi_card_get_index(card) == 10 &&
	   streq(tapi_card_get_driver(card), "tapi_dahdi") &&
	   tapi_card_get_num_lines(card) == 0, "open by node name");
	tapi_card_close(card);

	card = tapi_card_open("sim0");
	ok(card && tapi_card_get_index(card) == 0 &&
	   streq(tapi_card_get_name(card), "sim0") &&
	   streq(tapi_card_get_path(card), "/dev/tapi0") &&
	   tapi_card_get_fd(card) >= 0, "open by card name");
	tapi_card_close(card);

	errno = 0;
	card = tapi_card_open("span1");
	ok(!card && errno == ENOTUNIQ, "ambiguous name: ENOTUNIQ");
	errno = 0;
	card = tapi_card_open("nosuch");
	ok(!card && errno == ENOENT, "unknown name: ENOENT");
	errno = 0;
	card = tapi_card_open("/dev/null");
	ok(!card && errno == ENOTTY, "/dev/null is not a card: ENOTTY");
	errno = 0;
	card = tapi_card_open("tapi7");
	ok(!card && errno == ENOENT, "no tapi7: ENOENT");
}

static void test_info(struct tapi_card *card)
{
	struct tapi_address_info *ai;
	struct tapi_core_info *ci;
	struct tapi_line_info *li;

	ci = tapi_card_get_core_info(card);
	ok(ci && tapi_core_info_get_abi_version(ci) == TAPI_ABI_VERSION &&
	   tapi_core_info_get_max_lines(ci) == TAPI_MAX_LINES &&
	   tapi_core_info_get_max_addresses(ci) == TAPI_MAX_ADDRESSES &&
	   tapi_core_info_get_max_event_queue(ci) == TAPI_EVENT_QUEUE_MAX,
	   "core info");
	ok(ci && tapi_core_info_has_feature(ci, TAPI_FEATURE_LINE_CAPS) &&
	   !tapi_core_info_has_feature(ci, TAPI_FEATURE_LINE_OPEN) &&
	   !tapi_core_info_has_feature(ci, 0) &&
	   tapi_core_info_get_features(ci) ==
	   (TAPI_FEATURE_CARD_INFO | TAPI_FEATURE_LINE_CAPS),
	   "core features");
	tapi_core_info_free(ci);

	li = tapi_card_get_line_info(card, 0);
	ok(li && tapi_line_info_get_line(li) == 0 &&
	   streq(tapi_line_info_get_name(li), "Line 0 \"front desk\"") &&
	   tapi_line_info_get_num_addresses(li) == 2 &&
	   tapi_line_info_get_max_active_calls(li) == 4 &&
	   tapi_line_info_get_media_modes(li) ==
	   (TAPI_MEDIA_INTERACTIVEVOICE | TAPI_MEDIA_AUTOMATEDVOICE) &&
	   tapi_line_info_get_string_format(li) == TAPI_STRINGFORMAT_UTF8 &&
	   tapi_line_info_get_monitor_tone_max(li) == 4,
	   "line info of line 0");
	tapi_line_info_free(li);

	errno = 0;
	li = tapi_card_get_line_info(card, 2);
	ok(!li && errno == ENOENT, "no line 2: ENOENT");

	ai = tapi_card_get_address_info(card, 0, 1);
	ok(ai && tapi_address_info_get_line(ai) == 0 &&
	   tapi_address_info_get_id(ai) == 1 &&
	   streq(tapi_address_info_get_address(ai), "1001") &&
	   tapi_address_info_get_max_calls(ai) == 1 &&
	   tapi_address_info_get_call_features(ai) ==
	   (TAPI_CALLFEATURE_ANSWER | TAPI_CALLFEATURE_DROP),
	   "address info of 0/1");
	tapi_address_info_free(ai);

	errno = 0;
	ai = tapi_card_get_address_info(card, 0, 2);
	ok(!ai && errno == ENOENT, "no address 0/2: ENOENT");
}

static void test_line(struct tapi_card *card)
{
	struct tapi_line_settings *s;
	struct tapi_event_buffer *buf;
	const struct tapi_line_event *ev;
	struct tapi_line_event *copy;
	struct tapi_line_status *st;
	struct tapi_line *line;
	struct timespec t0, t1;
	int ret, fl;

	line = tapi_card_open_line(card, 0, NULL);
	ok(line && last_open->privileges == TAPI_PRIV_NONE &&
	   last_open->flags == TAPI_LINE_OPEN_CLOEXEC &&
	   last_open->media_modes == 0 && last_open->event_mask == 0 &&
	   last_open->event_queue_depth == 0 && !last_open->app_name[0] &&
	   last_open->size == sizeof(*last_open),
	   "NULL settings: privilege none, close-on-exec");
	ok(line && tapi_line_get_privileges(line) == TAPI_PRIV_NONE &&
	   tapi_line_get_line(line) == 0, "line getters");
	if (line) {
		fl = fcntl(tapi_line_get_fd(line), F_GETFD);
		ok(fl >= 0 && (fl & FD_CLOEXEC), "line fd is close-on-exec");
	}
	tapi_line_close(line);

	s = tapi_line_settings_new();
	tapi_line_settings_set_privileges(s, TAPI_PRIV_OWNER |
					  TAPI_PRIV_MONITOR);
	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_AUTOMATEDVOICE);
	tapi_line_settings_set_event_queue_depth(s, 100);
	tapi_line_settings_set_event_mask(s, 1ULL << TAPI_EV_CALLSTATE);
	tapi_line_settings_set_app_name(s, "ivr");
	tapi_line_settings_set_nonblock(s, true);
	line = tapi_card_open_line(card, 0, s);
	ok(line && last_open->line == 0 &&
	   last_open->privileges == (TAPI_PRIV_OWNER | TAPI_PRIV_MONITOR) &&
	   last_open->media_modes == TAPI_MEDIA_AUTOMATEDVOICE &&
	   last_open->event_queue_depth == 100 &&
	   last_open->event_mask == 1ULL << TAPI_EV_CALLSTATE &&
	   last_open->flags ==
	   (TAPI_LINE_OPEN_CLOEXEC | TAPI_LINE_OPEN_NONBLOCK) &&
	   streq(last_open->app_name, "ivr") && !last_open->reserved,
	   "settings reach the request");
	ok(line && tapi_line_get_media_modes(line) ==
	   TAPI_MEDIA_AUTOMATEDVOICE, "owned media modes");

	tapi_line_settings_set_media_modes(s, TAPI_MEDIA_G3FAX);
	errno = 0;
	ok(!tapi_card_open_line(card, 0, s) && errno == EOPNOTSUPP,
	   "a media mode the line lacks: EOPNOTSUPP");
	tapi_line_settings_set_privileges(s, TAPI_PRIV_NONE);
	errno = 0;
	ok(!tapi_card_open_line(card, 0, s) && errno == EINVAL,
	   "media modes without owner: EINVAL");
	errno = 0;
	ok(!tapi_card_open_line(card, 5, NULL) && errno == ENOENT,
	   "no line 5: ENOENT");
	tapi_line_settings_free(s);
	if (!line)
		return;

	ok(tapi_line_wait_event(line, 0) == 1, "events pending");

	buf = tapi_event_buffer_new(2);
	ret = tapi_line_read_events(line, buf, 0);
	ok(ret == 2 && tapi_event_buffer_get_num_events(buf) == 2,
	   "read fills the buffer's capacity (%d)", ret);
	ev = tapi_event_buffer_get(buf, 1);
	ok(ev && tapi_line_event_get_type(ev) == TAPI_EV_NEWCALL &&
	   tapi_line_event_get_seqno(ev) == 2 &&
	   tapi_line_event_get_call(ev) == 7 &&
	   tapi_line_event_get_line(ev) == 0 &&
	   tapi_line_event_get_timestamp_ns(ev) > 0 &&
	   tapi_line_event_get_request_id(ev) == 0,
	   "second event is NEWCALL seqno 2 call 7");
	copy = ev ? tapi_line_event_copy(ev) : NULL;

	ret = tapi_line_read_events(line, buf, 1);
	ev = tapi_event_buffer_get(buf, 0);
	ok(ret == 1 && ev && tapi_line_event_get_type(ev) == TAPI_EV_CALLSTATE &&
	   tapi_line_event_get_param(ev, 0) == 2 &&
	   tapi_line_event_get_param(ev, 1) == 0x55 &&
	   tapi_line_event_get_param(ev, 7) == 0 &&
	   tapi_line_event_get_param(ev, 8) == 0,
	   "third event is CALLSTATE with its params");
	ok(!tapi_event_buffer_get(buf, 1), "only one event in the buffer");
	ok(copy && tapi_line_event_get_seqno(copy) == 2 &&
	   tapi_line_event_get_type(copy) == TAPI_EV_NEWCALL,
	   "a copy survives the next read");
	tapi_line_event_free(copy);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = tapi_line_wait_event(line, 50000000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ok(ret == 0 && (t1.tv_sec - t0.tv_sec) * 1000000000L +
	   (t1.tv_nsec - t0.tv_nsec) >= 40000000L,
	   "wait times out after 50 ms when nothing is queued");
	errno = 0;
	ret = tapi_line_read_events(line, buf, 0);
	ok(ret == -1 && errno == EAGAIN &&
	   tapi_event_buffer_get_num_events(buf) == 0,
	   "non-blocking read of an empty queue: EAGAIN, buffer emptied");
	tapi_event_buffer_free(buf);

	st = tapi_line_get_status(line);
	ok(st && tapi_line_status_get_num_opens(st) == 1 &&
	   tapi_line_status_get_num_owners(st) == 1 &&
	   tapi_line_status_get_num_monitors(st) == 0 &&
	   tapi_line_status_get_open_media_modes(st) ==
	   TAPI_MEDIA_INTERACTIVEVOICE &&
	   tapi_line_status_get_num_active_calls(st) == 1 &&
	   tapi_line_status_get_num_onhold_calls(st) == 2 &&
	   tapi_line_status_get_num_onholdpend_calls(st) == 3 &&
	   tapi_line_status_get_features(st) == TAPI_LINEFEATURE_MAKECALL &&
	   tapi_line_status_get_flags(st) ==
	   (TAPI_DEVSTATUS_CONNECTED | TAPI_DEVSTATUS_INSERVICE),
	   "line status");
	tapi_line_status_free(st);

	/* The line outlives its card object. */
	tapi_card_close(card);
	st = tapi_line_get_status(line);
	ok(st != NULL, "line usable after its card is closed");
	tapi_line_status_free(st);
	tapi_line_close(line);
}

static void test_removed(struct tapi_card *card)
{
	struct tapi_event_buffer *buf = tapi_event_buffer_new(8);
	const struct tapi_line_event *ev;
	struct tapi_line *line;
	int ret;

	setenv("FAKE_TAPI_REMOVED", "1", 1);
	line = tapi_card_open_line(card, 1, NULL);
	unsetenv("FAKE_TAPI_REMOVED");
	ok(line != NULL, "open a line whose card goes away");
	if (!line || !buf) {
		tapi_event_buffer_free(buf);
		return;
	}
	ret = tapi_line_read_events(line, buf, 0);
	ev = tapi_event_buffer_get(buf, 3);
	ok(ret == 4 && ev && tapi_line_event_get_type(ev) == TAPI_EV_REMOVED &&
	   tapi_line_event_get_line(ev) == 1,
	   "queued events are read, the last one REMOVED");
	ok(tapi_line_wait_event(line, -1) == 1,
	   "wait returns at once once the card is gone");
	errno = 0;
	ret = tapi_line_read_events(line, buf, 0);
	ok(ret == -1 && errno == ENODEV, "then reads fail with ENODEV");
	tapi_line_close(line);
	tapi_event_buffer_free(buf);
}

int main(void)
{
	struct tapi_card *card;

	printf("TAP version 13\n");
	last_open = dlsym(RTLD_DEFAULT, "fake_tapi_last_line_open");
	if (!last_open) {
		printf("1..0 # SKIP fake-tapi.so is not preloaded\n");
		return 4;
	}

	test_list();
	test_open();
	card = tapi_card_open("tapi0");
	ok(card != NULL, "open tapi0");
	if (card) {
		test_info(card);
		test_removed(card);
		test_line(card);	/* closes the card */
	}
	printf("1..%d\n", test_num);
	return failures ? 1 : 0;
}
