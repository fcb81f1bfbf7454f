# SPDX-License-Identifier: GPL-2.0-or-later
#
# What the device-less MSP tests share: numbered TAP cases.  Source it:
# it prints the TAP header; end the script with finish.

num=0
failed=0

echo "TAP version 13"

# check DESCRIPTION EXPECTED GOT: one case, passed when GOT is EXPECTED.
check()
{
	num=$((num + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $num - $1"
	else
		echo "not ok $num - $1 # expected '$2', got '$3'"
		failed=$((failed + 1))
	fi
}

# The plan; the status is 0 when every case passed.
finish()
{
	echo "1..$num"
	[ "$failed" -eq 0 ]
}
