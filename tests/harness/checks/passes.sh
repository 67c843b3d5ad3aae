#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: two cases that pass, and a file of its own named like the
# dispatcher's (which must not be what gets counted)

echo "garbage" >"$LUO_LOGDIR/passes.ktap"
echo "garbage" >"$LUO_LOGDIR/passes.log"
printf 'KTAP version 1\n1..2\nok 1 first\nok 2 second\n'
