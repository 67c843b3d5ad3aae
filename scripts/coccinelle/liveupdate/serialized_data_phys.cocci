// SPDX-License-Identifier: GPL-2.0
/// In a file that uses the luo_handler framework, serialized_data is a
/// handle the framework's seam interprets: a physical address on mainline
/// LUO, an offset in the handover image on the project's own core.
/// phys_to_virt() or __va() of it, or virt_to_phys() or __pa() into it,
/// works on one of the two only, and skips the bounds check the core does
/// on a handle from the previous kernel.  Use luo_state_ptr() and
/// luo_state_alloc() (or liveupdate_ptr() and liveupdate_alloc()).
//
// Keywords: serialized_data
// Confidence: High
// Comments: A file uses the framework when it includes a
//  <linux/luo_handler/...> header or defines a handler with LUO_HANDLER().
//  Hand-written handlers for mainline only may use the physical address,
//  and are not reported.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@fw_include@
@@
(
#include <linux/luo_handler/handler.h>
|
#include <linux/luo_handler/seam.h>
|
#include <linux/luo_handler/glue.h>
|
#include <linux/luo_handler/codec.h>
|
#include <linux/luo_handler/deps.h>
|
#include <linux/luo_handler/types.h>
|
#include <linux/luo_handler/layout.h>
)

@fw_handler@
identifier h, l;
expression b;
@@
struct luo_handler h = { b, &l, ... };

@raw depends on (fw_include || fw_handler) && (context || org || report)@
identifier fld = {serialized_data};
identifier f = {phys_to_virt, __va};
identifier g = {virt_to_phys, __pa};
expression E, X;
position p;
@@
(
*f@p(<+... E->fld ...+>)
|
*f@p(<+... E.fld ...+>)
|
 E->fld =
*g@p(X)
|
 E.fld =
*g@p(X)
)

@script:python depends on report@

p << raw.p;
@@
coccilib.report.print_report(p[0], "raw physical address conversion of serialized_data in a luo_handler user: use luo_state_ptr() / luo_state_alloc()")

@script:python depends on org@
p << raw.p;
@@
coccilib.org.print_todo(p[0], "raw physical address conversion of serialized_data in a luo_handler user: use luo_state_ptr() / luo_state_alloc()")
