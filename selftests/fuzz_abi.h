/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz_abi: what its three files share (fuzz_abi.c, the operations and
 * the run; fuzz_abi_cmds.c, issuing and checking one command;
 * fuzz_abi_args.c, the command table and argument generators).
 */
#ifndef _TAPI_SELFTEST_FUZZ_ABI_H
#define _TAPI_SELFTEST_FUZZ_ABI_H

#include <stdbool.h>
#include <stdint.h>
#include <liburing.h>

#include "calls.h"

#define FZ_DEFAULT_OPS		1000000ull
/*
 * Budget in seconds on a stock kernel, and on one with kmemleak (KASAN,
 * lockdep: the debug lane).  Under TCG one runner does about 3,000
 * operations a second on the stock kernel and 780 on the debug kernel, and
 * the test VM's two CPUs run two runners; so the stock lane reaches
 * FZ_DEFAULT_OPS in about 200 s, and the debug lane does some 270,000
 * with every sanitizer watching.  The per-test timeout (settings) is above
 * both.
 */
#define FZ_DEFAULT_SECS		300
#define FZ_DEFAULT_SECS_DEBUG	180
/* The watchdog's patience with an operation, in seconds. */
#define FZ_HANG_SECS		60
#define FZ_HANG_SECS_DEBUG	240

/* Runners side by side (-j; default one per CPU). */
#define FZ_MAX_RUNNERS		8
#define FZ_MAX_CARDS		3
#define FZ_MAX_LINES		4
#define FZ_MAX_FDS		40
#define FZ_MAX_HANDLES		12
#define FZ_MAX_COMPL		4
#define FZ_MAX_MAPS		12
#define FZ_MAX_CHILDREN		2
#define FZ_STALE		16
#define FZ_PAGE			4096u

/* io_uring: argument slots that stay put while a command is pending. */
#define FZ_SLOTS		32
#define FZ_SLOT_SIZE		2048u
#define FZ_RING_ENTRIES		64


#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)		((a) < (b) ? (a) : (b))

/* ---- the commands ---------------------------------------------------- */

enum { ON_CARD = 1, ON_LINE = 2 };
enum {
	C_ASYNC = 1 << 0,	/* [a]: starts a request */
	C_IN_ONLY = 1 << 1,	/* [i]: nothing written back */
};

struct fz_gen;

/**
 * struct fz_cmd - one command of the ABI, as the fuzzer knows it
 * @nr: its number
 * @name: its name without TAPI_IOC_
 * @size: sizeof its structure in this header
 * @min_size: the ABI version 1 size (Documentation/uapi.rst)
 * @on: %ON_CARD and/or %ON_LINE
 * @kind: %C_ASYNC, %C_IN_ONLY
 * @flags_valid: the bits its flags field defines
 * @gen: fill in a plausible, sometimes broken, structure
 */
struct fz_cmd {
	unsigned int nr;
	const char *name;
	unsigned int size;
	unsigned int min_size;
	unsigned int on;
	unsigned int kind;
	uint32_t flags_valid;
	void (*gen)(struct fz_gen *g, void *arg);
};

/* Rows of the figures: the commands, then the other operations. */
enum {
	ROW_READ_EVENTS = 0x2f,	/* TAPI_URING_READ_EVENTS */
	ROW_BAD_CMD,		/* no such command */
	ROW_LINE_READ,
	ROW_MEDIA_READ,
	ROW_MEDIA_WRITE,
	ROW_MMAP,
	ROW_MPROTECT,
	ROW_NETWORK,
	ROW_CONFIGFS,
	ROW_GENL,
	FZ_ROWS
};

/* ---- what is shared with the parent: figures and the last operations -- */

#define FZ_ERRNO_MAX	134
#define FZ_LAST		32
#define FZ_FAILS	24
#define FZ_MSG		200

enum fz_what {
	W_IOCTL, W_URING, W_URING_DONE, W_READ, W_POLL, W_MMAP, W_MUNMAP,
	W_MPROTECT, W_RING_POKE, W_MEDIA_READ, W_MEDIA_WRITE, W_CLOSE, W_OPEN,
	W_FORK, W_CARD_DOWN, W_CARD_UP, W_NETWORK, W_RING_EXIT, W_GENL,
};

/* Pointer kinds of an argument. */
enum fz_ptr {
	P_OK, P_GUARD, P_NULL, P_UNMAPPED, P_RO, P_KERNEL, P_NONCANON,
};

/* Kinds of fd. */
enum fz_kind { K_FREE, K_CARD, K_LINE, K_MEDIA, K_OTHER };

/**
 * struct fz_rec - one operation, for the record of the last ones
 * @seq: operation number in its process
 * @pid: the process
 * @what: &enum fz_what
 * @cmd: the command number, or what the operation took
 * @fd: the fd
 * @kind: the fd's &enum fz_kind
 * @dead: its card was gone
 * @ptr: &enum fz_ptr
 * @size: the structure's size field
 * @flags: its flags
 * @call: its call handle, when it has one
 * @uflags: io_uring command area flags
 * @ulen: io_uring command area len
 * @result: the result, or -errno
 * @done: @result is set
 */
struct fz_rec {
	uint64_t seq;
	int32_t pid;
	uint16_t what;
	uint16_t cmd;
	int32_t fd;
	uint8_t kind;
	uint8_t dead;
	uint8_t ptr;
	uint8_t done;
	uint32_t size;
	uint32_t flags;
	uint32_t call;
	uint32_t uflags;
	uint32_t ulen;
	int64_t result;
};

struct fz_shared {
	uint64_t count[FZ_ROWS][2][FZ_ERRNO_MAX];
	uint64_t ops;
	uint64_t ioctls;
	uint64_t urings;
	uint64_t reads;
	uint64_t polls;
	uint64_t mmaps;
	uint64_t munmaps;
	uint64_t pokes;
	uint64_t closes;
	uint64_t forks;
	uint64_t card_downs;
	uint64_t card_rmdirs;
	uint64_t card_ups;
	uint64_t network;
	uint64_t netlink;
	uint64_t scenarios;
	uint64_t connected;
	uint64_t events;
	uint64_t pending_max;
	uint64_t ring_exits;
	uint64_t violations;
	uint64_t child_failures;
	uint32_t last_idx;
	struct fz_rec last[FZ_LAST];
	uint32_t nfails;
	char fails[FZ_FAILS][FZ_MSG];
	int runner_done;
	int runner_status;
};

extern struct fz_shared *sh;

/* ---- state of the process doing operations ---------------------------- */

struct fz_card {
	bool exists;		/* its configfs directory does */
	bool live;
	unsigned int gen;	/* bumped each time it goes live */
	unsigned int delay_ms;	/* reply_delay_ms */
	struct sim_card sim;
};

/* A mapping of a media fd's region; it outlives the fd. */
struct fz_map {
	uint8_t *addr;
	size_t len;
	bool user;		/* the user region, writable */
	struct tapi_media_offsets off;
};

/**
 * struct fz_fd - one fd the fuzzer holds
 * @fd: the fd, -1 if the slot is free
 * @kind: &enum fz_kind
 * @card: its card's slot
 * @gen: the card's generation when it was opened
 * @line: line index (line fds)
 * @priv: privileges (line fds)
 * @nonblock: opened non-blocking
 * @handles: call handles it holds, or may: 0 is none
 * @compl: pending call completion ids
 * @off: media fds: the layout
 * @tx: media fds: it transmits
 */
struct fz_fd {
	int fd;
	enum fz_kind kind;
	int card;
	unsigned int gen;
	unsigned int line;
	uint32_t priv;
	bool nonblock;
	uint32_t handles[FZ_MAX_HANDLES];
	uint32_t compl[FZ_MAX_COMPL];
	struct tapi_media_offsets off;
	bool tx;
};

/* A pending io_uring command. */
struct fz_slot {
	bool busy;
	uint64_t free_at;	/* quarantine after a ring teardown */
	const struct fz_cmd *cmd;
	unsigned int cmd_nr;
	int fdi;		/* index in fds[], or -1 */
	struct fz_rec rec;
	uint8_t *buf;
};

struct fz_state {
	pid_t pid;
	bool child;
	bool verbose;
	bool uring_ok;
	uint64_t seq;
	uint64_t rng;
	struct fz_card cards[FZ_MAX_CARDS];
	struct fz_fd fds[FZ_MAX_FDS];
	struct fz_map maps[FZ_MAX_MAPS];
	int stale_fds[FZ_STALE];
	uint32_t stale_handles[FZ_STALE];
	unsigned int stale_idx;
	/* argument arena: 2 pages rw, a guard, a read-only page, a hole */
	uint8_t *rw;
	uint8_t *guard;
	uint8_t *ro;
	uint8_t *hole;
	struct io_uring ring;
	bool ring_up;
	struct fz_slot slots[FZ_SLOTS];
	uint8_t *slot_mem;
	unsigned int pending;
	pid_t children[FZ_MAX_CHILDREN];
	uint64_t deadline_ns;
	uint64_t max_ops;
};

extern struct fz_state fz;

/**
 * struct fz_call - what the fuzzer knows of one command it issued
 * @cmd: the command, NULL for an unknown number
 * @nr: the number issued
 * @kind: the fd's kind
 * @dead: the fd's card is gone (known to this process)
 * @stale: the fd number is not one the fuzzer holds
 * @uring: issued as a uring_cmd
 * @uflags: its command area flags
 * @ulen: and len
 * @ptr: &enum fz_ptr of the argument
 * @usize: the size field
 * @guard_at: for %P_GUARD, readable bytes before the guard
 * @tail_nonzero: a non-zero byte past the kernel's size, in @usize
 * @readable: the whole @usize is readable
 * @sync: an asynchronous command with %TAPI_REQUEST_SYNC
 */
struct fz_call {
	const struct fz_cmd *cmd;
	unsigned int nr;
	enum fz_kind kind;
	bool dead;
	bool stale;
	bool uring;
	uint32_t uflags;
	uint32_t ulen;
	enum fz_ptr ptr;
	uint32_t usize;
	uint32_t guard_at;
	bool tail_nonzero;
	bool readable;
	bool sync;
};

/* A pending uring command keeps its struct fz_call in a slot's first bytes. */
_Static_assert(sizeof(struct fz_call) <= 64, "struct fz_call outgrew its place");

/**
 * struct fz_issue - a command being built
 * @c: what the checks know of it
 * @f: the fd it goes to, or NULL
 * @fd: the fd number
 * @ioc: the command number issued
 * @arg: the structure, as generated (and as written back, for %P_OK)
 * @tail_len: bytes past the structure that were placed (zero but one)
 * @inner: the array a pointer in the structure names, for %P_OK
 * @inner_len: its size
 */
struct fz_issue {
	struct fz_call c;
	struct fz_fd *f;
	int fd;
	unsigned long ioc;
	uint8_t arg[2 * FZ_PAGE] __attribute__((aligned(8)));
	uint32_t tail_len;
	uint8_t *inner;
	uint32_t inner_len;
};

/**
 * struct fz_gen - what a generator builds for
 * @f: the fd the command goes to (NULL for a number the fuzzer does not hold)
 * @cmd: the command
 * @inner: a user pointer to use for an array in the structure
 * @inner_len: bytes behind @inner
 */
struct fz_gen {
	struct fz_fd *f;
	const struct fz_cmd *cmd;
	uint64_t inner;
	uint32_t inner_len;
};

/* ---- random numbers --------------------------------------------------- */

static inline uint64_t rnd64(void)
{
	uint64_t z = (fz.rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint32_t rnd(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

static inline bool chance(unsigned int pct)
{
	return rnd(100) < pct;
}

static inline bool one_in(unsigned int n)
{
	return rnd(n) == 0;
}

/* fuzz_abi_args.c */
extern const struct fz_cmd cmds[];
extern const unsigned int ncmds;
const char *cmd_name(unsigned int nr);
uint32_t rnd_range(uint32_t lo, uint32_t hi);
uint32_t rnd_bit(uint32_t valid);
uint32_t rnd_flags(uint32_t valid);
bool fd_dead(const struct fz_fd *f);
struct fz_fd *fd_new(int fd, enum fz_kind kind, int card);
void stale_fd(int fd);
void handle_add(struct fz_fd *f, uint32_t h);
void handle_del(struct fz_fd *f, uint32_t h);
unsigned int handle_count(const struct fz_fd *f);
struct fz_fd *fd_pick(enum fz_kind kind);

/* fuzz_abi_cmds.c */
struct fz_rec *rec_begin(enum fz_what what);
void rec_end(struct fz_rec *r, int64_t result);
int rec_format(const struct fz_rec *r, char *buf, size_t len);
void stat_count(unsigned int row, bool uring, int err);
void violation(const struct fz_rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int arena_init(void);
void fd_close(struct fz_fd *f);
long issue_ioctl(struct fz_issue *is);
void issue_init(struct fz_issue *is, struct fz_fd *f, int fd);
void op_cmd(struct fz_fd *f, int fd, bool uring);
void ring_setup(void);
void ring_exit(void);
void uring_reap(void);
int op_read(struct fz_fd *f, struct tapi_event *out, unsigned int max);
void op_poll(void);
struct fz_map *map_pick(void);
void map_drop(struct fz_map *m);
void op_mmap(struct fz_fd *f);
void op_poke(struct fz_map *m);
void op_media_io(struct fz_fd *f);
void op_media(void);

#endif /* _TAPI_SELFTEST_FUZZ_ABI_H */
