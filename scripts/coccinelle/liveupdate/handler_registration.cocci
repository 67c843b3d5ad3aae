// SPDX-License-Identifier: GPL-2.0
/// A file handler that stays registered after its module is gone leaves
/// the orchestrator calling into freed code the next time a file is
/// preserved or retrieved; one whose registration failed silently leaves
/// files of its type unpreservable, found out only at the next update.
/// Reported, for liveupdate_register_file_handler() and the framework's
/// luo_handler_register() (unregistered with
/// liveupdate_unregister_file_handler(), the core's checked
/// luo_unregister_file_handler() or the framework's luo_seam_unregister(),
/// and luo_handler_unregister()), each handler on its own:
///
///  - a registration whose result is ignored;
///  - a handler registered in a file that never unregisters it (no exit
///    path);
///  - a return, directly or through a goto, from an error branch taken
///    after a successful registration, on a path that does not unregister
///    the handler.
//
// Keywords: liveupdate_register_file_handler, luo_handler_register
// Confidence: Moderate
// Comments: Handlers are compared as expressions, so registering through a
//  pointer and unregistering through another name is reported.  A handler
//  unregistered from another file is reported as never unregistered.  The
//  error path check follows control flow, not values: it only looks at
//  returns inside a conditional branch, on paths that do not register the
//  same handler expression again (a loop registering several handlers);
//  registering another handler on the way does not hide the first.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
luo_unreg = set()

def luo_expr(h):
	return "".join(str(h).split())

def luo_key(p, h):
	return (p[0].file, luo_expr(h))

@ignored depends on context || org || report@
identifier reg = {liveupdate_register_file_handler, luo_handler_register};
expression H;
position p;
@@
*reg@p(H);

@unreg depends on context || org || report@
identifier un = {liveupdate_unregister_file_handler, luo_unregister_file_handler,
		 luo_seam_unregister, luo_handler_unregister};
expression H;
position p;
@@
un@p(H)

@script:python@
H << unreg.H;
p << unreg.p;
@@
luo_unreg.add(luo_key(p, H))

@unpaired depends on context || org || report@
identifier reg = {liveupdate_register_file_handler, luo_handler_register};
expression H;
position p : script:python (H) { luo_key(p, H) not in luo_unreg };
@@
*reg@p(H)

@leak exists@
identifier reg = {liveupdate_register_file_handler, luo_handler_register};
identifier reg2 = {liveupdate_register_file_handler, luo_handler_register};
identifier un = {liveupdate_unregister_file_handler, luo_unregister_file_handler,
		 luo_seam_unregister, luo_handler_unregister};
identifier ret;
expression H, C;
statement S;
type T;
position p1, p2;
@@
(
ret = reg@p1(H);
|
T ret = reg@p1(H);
)
... when != ret
if (<+... ret ...+>) S
... when != un(H)
    when != reg2(H)
if (C) {
	... when != un(H)
	    when != reg2(H)
(
	return 0;
|
*	return@p2 ...;
)
}

@script:python depends on report && ignored@
p << ignored.p;
H << ignored.H;
@@
coccilib.report.print_report(p[0], "result of registering %s ignored" % luo_expr(H))

@script:python depends on org && ignored@
p << ignored.p;
H << ignored.H;
@@
coccilib.org.print_todo(p[0], "result of registering %s ignored" % luo_expr(H))

@script:python depends on report@
p << unpaired.p;
H << unpaired.H;
@@
coccilib.report.print_report(p[0], "%s registered but never unregistered in this file" % luo_expr(H))

@script:python depends on org@
p << unpaired.p;
H << unpaired.H;
@@
coccilib.org.print_todo(p[0], "%s registered but never unregistered in this file" % luo_expr(H))

@script:python depends on report@
p1 << leak.p1;
p2 << leak.p2;
H << leak.H;
@@
coccilib.report.print_report(p2[0], "error path returns with %s still registered (registered on line %s)" % (luo_expr(H), p1[0].line))

@script:python depends on org@
p1 << leak.p1;
p2 << leak.p2;
H << leak.H;
@@
coccilib.org.print_todo(p2[0], "error path returns with %s still registered (registered on line %s)" % (luo_expr(H), p1[0].line))
