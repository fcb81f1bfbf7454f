/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's kselftest_harness.h (extracted at build time into .harness/,
 * never committed), included so that it builds under -Wextra -Werror.
 * Its own helpers leave parameters unused; our code is held to the full set.
 * Plain TEST() is avoided for the same reason: use a fixture.
 *
 * EXPECT_*() and ASSERT_*() expand to two statements (the check, then a
 * loop that prints the TH_LOG() message and bails): a loop or if body made
 * of one of them needs braces, else the message and the bail-out escape it.
 * Their operands are compared as given, so keep both of the same signedness.
 */
#ifndef _TAPI_SELFTEST_HARNESS_H
#define _TAPI_SELFTEST_HARNESS_H

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#endif /* _TAPI_SELFTEST_HARNESS_H */
