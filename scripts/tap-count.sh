#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tap-count.sh - count test cases in the TAP output of a selftest run.
#
# Usage: scripts/tap-count.sh FILE
#
# Prints "PASSED FAILED".  A test program whose output has nested TAP results
# ("# ok N ..." lines, as kselftest_harness prints them) counts its nested
# cases; one without counts as one case.  A program reported "not ok" whose
# nested cases all passed counts one more failure.  Skips count as passed.

set -euo pipefail

awk '
/^# (ok|not ok) [0-9]+/ {
	if ($2 == "ok") np++; else nf++
	next
}
/^(ok|not ok) [0-9]+/ {
	top_ok = ($1 == "ok")
	if (np + nf == 0) {
		if (top_ok) p++; else f++
	} else {
		p += np; f += nf
		if (!top_ok && nf == 0) f++
	}
	np = nf = 0
}
END { print p + 0, f + 0 }
' "$1"
