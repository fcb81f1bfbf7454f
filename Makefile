# SPDX-License-Identifier: GPL-2.0
#
# tapi for Linux.  "make" builds the modules against KDIR and all user space;
# "make check" runs the selftests in a VM on the stock kernel, "make
# check-all" on the stock and the debug kernel (the README's test command),
# "make demo" the demo, "make bench" the calls/s benchmark, "make
# bench-media" the media benchmark.  See README.md.

KDIR ?= $(shell bash scripts/kernel-env.sh | sed -n 's/^KDIR=//p')

.PHONY: all modules user libtapi msp selftests check check-all demo bench \
	bench-media clean

all: modules user

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

user: libtapi msp selftests

libtapi:
	$(MAKE) -C libtapi

msp: libtapi
	$(MAKE) -C msp

selftests: libtapi msp
	$(MAKE) -C selftests

check:
	TAPI_LANES=stock scripts/run-tests.sh

check-all:
	scripts/run-tests.sh

demo:
	scripts/run-demo.sh

bench:
	scripts/bench-calls.sh

bench-media:
	scripts/bench-media.sh

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C libtapi clean
	$(MAKE) -C msp clean
	$(MAKE) -C selftests clean
	rm -rf build
