/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LUO_FIXTURE_HANDLERS_H
#define _LUO_FIXTURE_HANDLERS_H

#include <linux/liveupdate.h>

extern const struct liveupdate_file_ops luo_fixture_ops;
extern struct liveupdate_file_handler luo_fixture_a;
extern struct liveupdate_file_handler luo_fixture_b;
extern struct liveupdate_file_handler luo_fixture_c;

#endif /* _LUO_FIXTURE_HANDLERS_H */
