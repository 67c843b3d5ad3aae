#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: one result of the two its plan promises, then a clean exit; run
# beside the others, as the dispatcher's background lane must count it
# beside: yes

printf 'KTAP version 1\n1..2\nok 1 only\n'
