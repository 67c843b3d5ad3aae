// SPDX-License-Identifier: GPL-2.0
/// liveupdate_get_token_outgoing() fails with -ENOENT when the file a
/// handler depends on is not preserved in the session, and
/// liveupdate_get_file_incoming() fails while the dependency is not
/// retrieved yet, or when the token is unknown.  Using the token or file
/// without checking the result writes a meaningless token into the
/// handover state, or dereferences a file that was never set.
///
/// Reported:
///  - a call whose result is ignored;
///  - a result stored but not tested before the token or file is used;
///  - in a file that declares handlers with LUO_HANDLER() (whatever the
///    form of its versions), any direct call, from any function: the
///    callbacks of LUO_HANDLER() get no session to pass, so such a call
///    cannot find the dependency, and the framework, which resolves,
///    type-checks and orders the dependencies its layouts declare with
///    LUO_FIELD_DEP(), would not know of it.
//
// Keywords: liveupdate_get_token_outgoing, liveupdate_get_file_incoming
// Confidence: High
// Comments: "Used before being tested" follows control flow: a use on any
//  path before the result is read is reported.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@ignored depends on context || org || report@
identifier f = {liveupdate_get_token_outgoing, liveupdate_get_file_incoming};
position p;
@@
*f@p(...);

@unchecked exists@
identifier f = {liveupdate_get_token_outgoing, liveupdate_get_file_incoming};
identifier ret;
expression list es;
expression O;
type T;
position p, p2;
@@
(
ret = f@p(es, &O);
|
T ret = f@p(es, &O);
)
... when != ret
(
O = ...
|
*O@p2
)

@fw depends on context || org || report@
identifier h, l;
expression b;
@@
struct luo_handler h = { b, &l, ... };

@by_hand depends on fw@
identifier f = {liveupdate_get_token_outgoing, liveupdate_get_file_incoming};
position p;
@@
*f@p(...)

@script:python depends on report@
f << ignored.f;
p << ignored.p;
@@
coccilib.report.print_report(p[0], "result of %s() ignored" % f)

@script:python depends on org@
f << ignored.f;
p << ignored.p;
@@
coccilib.org.print_todo(p[0], "result of %s() ignored" % f)

@script:python depends on report@
f << unchecked.f;
O << unchecked.O;
p << unchecked.p;
p2 << unchecked.p2;
@@
coccilib.report.print_report(p2[0], "%s used before the result of %s() on line %s is checked" % (O, f, p[0].line))

@script:python depends on org@
f << unchecked.f;
O << unchecked.O;
p << unchecked.p;
p2 << unchecked.p2;
@@
coccilib.org.print_todo(p2[0], "%s used before the result of %s() on line %s is checked" % (O, f, p[0].line))

@script:python depends on report@
f << by_hand.f;
p << by_hand.p;
@@
coccilib.report.print_report(p[0], "%s() in a file with LUO_HANDLER(): its callbacks have no session to pass it, and the framework would not know of the dependency; declare it with LUO_FIELD_DEP() instead" % f)

@script:python depends on org@
f << by_hand.f;
p << by_hand.p;
@@
coccilib.org.print_todo(p[0], "%s() in a file with LUO_HANDLER(): its callbacks have no session to pass it, and the framework would not know of the dependency; declare it with LUO_FIELD_DEP() instead" % f)
