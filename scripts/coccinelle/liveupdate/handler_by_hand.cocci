// SPDX-License-Identifier: GPL-2.0
/// A struct liveupdate_file_handler defined by hand, instead of with
/// LIVEUPDATE_FILE_HANDLER() or the luo_handler framework's LUO_HANDLER(),
/// puts no entry for its compatible in .liveupdate_versions.  Tools that
/// read that section to decide whether the next kernel can restore a file
/// then do not know this version exists, and refuse the update, or let it
/// go ahead without the state being readable.
///
/// Patch mode rewrites a definition whose only members are .ops and a
/// string literal .compatible into LIVEUPDATE_FILE_HANDLER(); any other
/// definition (a compatible built at run time, extra members, no
/// initializer, a handler on the stack) is reported, not converted.
//
// Keywords: liveupdate_file_handler
// Confidence: High
// Comments: extern declarations are not reported; the definition they
//  refer to is, where it is in the tree.
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@fix depends on patch@
identifier h;
expression O;
constant char[] C;
declarer name LIVEUPDATE_FILE_HANDLER;
@@
(
- static struct liveupdate_file_handler h = { .ops = O, .compatible = C, };
+ static LIVEUPDATE_FILE_HANDLER(h, C, O);
|
- struct liveupdate_file_handler h = { .ops = O, .compatible = C, };
+ LIVEUPDATE_FILE_HANDLER(h, C, O);
)

@r depends on !patch@
identifier h;
position p;
@@
(
 extern struct liveupdate_file_handler h;
|
*struct liveupdate_file_handler h@p = ...;
|
*struct liveupdate_file_handler h@p;
)

@script:python depends on report@
p << r.p;
h << r.h;
@@
coccilib.report.print_report(p[0],
	"file handler %s defined by hand: its version is missing from .liveupdate_versions; use LIVEUPDATE_FILE_HANDLER() or LUO_HANDLER()" % h)

@script:python depends on org@
p << r.p;
h << r.h;
@@
coccilib.org.print_todo(p[0],
	"file handler %s defined by hand: its version is missing from .liveupdate_versions" % h)
