# SPDX-License-Identifier: GPL-2.0
#
# tapi for Linux.  "make" builds the modules against KDIR and all user space;
# "make check" runs the selftests in a VM on the stock kernel, "make
# check-all" on the stock and the debug kernel (the README's test command),
# "make demo" the demo, "make bench" the calls/s benchmark, "make
# bench-media" the media benchmark, "make bench-dahdi" the DAHDI audio
# benchmark.  See README.md.
#
# "make install" installs the modules (into /lib/modules/KREL/extra, then
# depmod), libtapi, tapictl and the MSP commands, the uapi headers, the
# udev rules (/dev/tapiN to group tapi, mode 0660), the man pages, and
# creates the system group "tapi" if it is missing.  With DESTDIR=dir
# everything goes under dir and neither depmod nor groupadd runs (for
# packages); "make install-user" leaves the modules out.
#
#   make install PREFIX=/usr DESTDIR=/tmp/stage UDEVDIR=/usr/lib/udev/rules.d
#
# The DAHDI bridge (tsp/dahdi/) is optional: "make modules DAHDI=1" (and
# "make install DAHDI=1") first builds DAHDI's modules from Debian's
# dahdi-source into build/dahdi/KREL (scripts/build-dahdi.sh) for their
# headers and Module.symvers, then the tree's modules with tsp/dahdi/.
# Only the bridge is installed, not DAHDI: on a real machine DAHDI's
# modules come from dahdi-dkms, built from the same source, so the symbol
# versions match.  Without DAHDI=1, tsp/dahdi/ is left out.

KDIR ?= $(shell bash scripts/kernel-env.sh | sed -n 's/^KDIR=//p')
KREL ?= $(shell KDIR=$(KDIR) bash scripts/kernel-env.sh | \
	  sed -n 's/^KREL=//p')

PREFIX		?= /usr/local
DESTDIR		?=
INCLUDEDIR	?= $(PREFIX)/include
MANDIR		?= $(PREFIX)/share/man
# udev reads its rules from /lib/udev/rules.d (Debian 12; /usr/lib/...
# elsewhere, the same directory on a merged /usr) and /etc/udev/rules.d,
# whatever PREFIX is.
UDEVDIR		?= /lib/udev/rules.d
INSTALL		?= install

DAHDI		?=
DAHDI_OUT	?= $(CURDIR)/build/dahdi/$(KREL)
ifeq ($(DAHDI),1)
DAHDI_ARGS	:= KBUILD_EXTRA_SYMBOLS=$(DAHDI_OUT)/Module.symvers \
		   DAHDI_INCLUDE=$(DAHDI_OUT)/include
endif

.PHONY: all modules user libtapi msp selftests check check-all demo bench \
	bench-media bench-dahdi install install-modules install-user \
	install-udev install-man install-group uninstall clean

all: modules user

modules:
ifeq ($(DAHDI),1)
	scripts/build-dahdi.sh $(KDIR) $(DAHDI_OUT)
endif
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 $(DAHDI_ARGS) modules

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

bench-dahdi:
	scripts/bench-dahdi.sh

install: install-modules install-user

# Kbuild puts external modules in /lib/modules/KREL/extra.  Debian's
# headers have no System.map, so kbuild's own depmod never runs: ours does,
# on the real root only.
install-modules: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		$(DAHDI_ARGS) DEPMOD=true modules_install
ifeq ($(DESTDIR),)
	depmod -a $(KREL)
endif

# libtapi's install puts the uapi headers in place with the library.
install-user: libtapi msp install-udev install-man install-group
	$(MAKE) -C libtapi install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(MAKE) -C msp install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

# A udev already running reads the rules again and applies them to the
# cards there are.
install-udev:
	$(INSTALL) -d $(DESTDIR)$(UDEVDIR)
	$(INSTALL) -m 0644 kmod/60-tapi.rules $(DESTDIR)$(UDEVDIR)/60-tapi.rules
ifeq ($(DESTDIR),)
	-if [ -S /run/udev/control ]; then \
		udevadm control --reload && \
		udevadm trigger --subsystem-match=tapi --action=add; \
	fi
endif

install-man:
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 0644 libtapi/man/tapictl.1 $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 0644 libtapi/man/libtapi.3 $(DESTDIR)$(MANDIR)/man3/

# The group the udev rules name; a package creates it in its own scripts.
install-group:
ifeq ($(DESTDIR),)
	getent group tapi >/dev/null || groupadd --system tapi
endif

uninstall:
	$(MAKE) -C libtapi uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(MAKE) -C msp uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	rm -f $(DESTDIR)$(UDEVDIR)/60-tapi.rules \
	      $(DESTDIR)$(MANDIR)/man1/tapictl.1 \
	      $(DESTDIR)$(MANDIR)/man3/libtapi.3 \
	      $(DESTDIR)/lib/modules/$(KREL)/extra/kmod/tapi.ko \
	      $(DESTDIR)/lib/modules/$(KREL)/extra/tsp/sim/tapi_sim.ko \
	      $(DESTDIR)/lib/modules/$(KREL)/extra/tsp/dahdi/dahdi_dynamic_tapi.ko

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C libtapi clean
	$(MAKE) -C msp clean
	$(MAKE) -C selftests clean
	rm -rf build
