#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: kernel-doc -Wall on every C file and header: comments that are
# malformed or miss a parameter.
# beside: yes

set -uo pipefail
. "$(dirname "$0")/lib.sh"

cd "$LUO_ROOT" || exit 1
while read -r file; do
	out=$("$LUO_KSRC/scripts/kernel-doc" -Wall -none "$file" 2>&1)
	if [ -z "$out" ]; then
		ktap_result ok "$file"
	else
		ktap_result fail "$file" "$out"
	fi
done < <(c_sources | grep -v '^tests/build/')
ktap_end
