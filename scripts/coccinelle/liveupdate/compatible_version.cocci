// SPDX-License-Identifier: GPL-2.0
/// A compatible string names a handler and the version of its serialized
/// state, "<name>-v<N>": the orchestrator pairs preserved state with the
/// code able to read it by this string alone, and the version tools
/// compare kernels by is its -v<N> suffix.  A compatible without the
/// suffix cannot be versioned; one of 48 bytes or more with its NUL does
/// not fit in struct liveupdate_file_handler nor in a .liveupdate_versions
/// entry.
///
/// Checked: the compatible of LIVEUPDATE_FILE_HANDLER(), of a .compatible
/// initializer of a struct liveupdate_file_handler and of
/// LIVEUPDATE_VERSIONS_ENTRY(); for LUO_HANDLER(), which
/// appends "-v<N>" itself, a base that already ends in a version, or that
/// is too long with the suffix of its newest version.
//
// Keywords: LIVEUPDATE_FILE_HANDLER, LIVEUPDATE_VERSIONS_ENTRY, liveupdate_file_handler, LUO_HANDLER
// Confidence: High
// Comments: Only string literals are checked, not macros expanding to one
//  (LIVEUPDATE_FILE_HANDLER() refuses those that do not fit at build time).
//  LUO_HANDLER() is parsed through luo_macros.h, whose tokens
//  context mode cannot mark: its findings are printed as report lines.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

COMPAT_LEN = 48

def luo_literal(text):
	"""The bytes of a C string literal, adjacent literals joined."""
	out = b""
	for part in re.findall(r'"((?:[^"\\]|\\.)*)"', text):
		try:
			out += part.encode("latin-1").decode("unicode_escape").encode("latin-1")
		except (UnicodeError, ValueError):
			out += part.encode("latin-1")
	return out

def luo_compat_error(text):
	if '"' not in str(text):
		return None	# a macro: its value is not known here
	s = luo_literal(text)
	if len(s) + 1 > COMPAT_LEN:
		return "compatible %s is %d bytes with its NUL, more than %d" % \
			(text, len(s) + 1, COMPAT_LEN)
	if not re.search(rb"-v[0-9]+$", s):
		return "compatible %s has no -v<N> version suffix" % text
	return None

def luo_base_error(text, versions):
	if '"' not in str(text):
		return None
	s = luo_literal(text)
	if re.search(rb"-v[0-9]+$", s):
		return "LUO_HANDLER() base %s already ends in a version: the framework appends -v<N>" % text
	nums = [int(v) for v in re.findall(r"[0-9]+", str(versions))] or [1]
	longest = len(s) + len("-v") + max(len(str(v)) for v in nums) + 1
	if longest > COMPAT_LEN:
		return "LUO_HANDLER() base %s makes a %d-byte compatible with -v%d and its NUL, more than %d" % \
			(text, longest, max(nums), COMPAT_LEN)
	return None

@r1 depends on context || org || report@
declarer name LIVEUPDATE_FILE_HANDLER, LIVEUPDATE_VERSIONS_ENTRY;
identifier h, I;
constant char[] C : script:python () { luo_compat_error(C) is not None };
expression O;
position p;
@@
(
 LIVEUPDATE_FILE_HANDLER(h,
*C@p
 , O);
|
 LIVEUPDATE_VERSIONS_ENTRY(
*C@p
 );
|
 struct liveupdate_file_handler I = { ..., .compatible =
*C@p
 , ... };
)

@r2 depends on context || org || report@
identifier h, l;
expression list vs;
constant char[] C : script:python (vs) { luo_base_error(C, vs) is not None };
position p;
@@
struct luo_handler h = { C@p, &l, LUO_VERSIONS(vs), ... };

@script:python depends on report@
C << r1.C;
p << r1.p;
@@
coccilib.report.print_report(p[0], luo_compat_error(C))

@script:python depends on org@
C << r1.C;
p << r1.p;
@@
coccilib.org.print_todo(p[0], luo_compat_error(C))

@script:python depends on report || context@
C << r2.C;
vs << r2.vs;
p << r2.p;
@@
coccilib.report.print_report(p[0], luo_base_error(C, vs))

@script:python depends on org@
C << r2.C;
vs << r2.vs;
p << r2.p;
@@
coccilib.org.print_todo(p[0], luo_base_error(C, vs))
