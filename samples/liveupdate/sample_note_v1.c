// SPDX-License-Identifier: GPL-2.0
/*
 * The previous release of sample_note.c, as an older kernel ships it: its
 * state has layout 1 only.
 */
#define SAMPLE_NOTE_LAYOUT	1
#include "sample_note.c"
