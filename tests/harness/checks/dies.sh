#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: dies before printing anything

kill -SEGV $$
