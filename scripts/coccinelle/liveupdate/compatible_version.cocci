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
/// is too long with the suffix of its newest version.  The versions may be
/// written inline or through an object-like macro defined in the same file
/// as LUO_VERSIONS(...) (or as another such macro), in as many #if
/// branches as the file has: the newest version of any branch counts.
//
// Keywords: LIVEUPDATE_FILE_HANDLER, LIVEUPDATE_VERSIONS_ENTRY, liveupdate_file_handler, LUO_HANDLER
// Confidence: High
// Comments: Only string literals are checked, not macros expanding to one
//  (LIVEUPDATE_FILE_HANDLER() refuses those that do not fit at build time).
//  LUO_HANDLER() is parsed through luo_macros.h, whose tokens
//  context mode cannot mark: its findings are printed as report lines.
//  Versions given by a macro that this file does not define are not
//  known: the base is then checked with the shortest suffix, -v1.
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

def luo_suffix_error(text):
	if '"' not in str(text):
		return None
	if re.search(rb"-v[0-9]+$", luo_literal(text)):
		return "LUO_HANDLER() base %s already ends in a version: the framework appends -v<N>" % text
	return None

def luo_length_error(text, versions):
	if '"' not in str(text):
		return None
	s = luo_literal(text)
	nums = [int(v) for v in re.findall(r"[0-9]+", str(versions))] or [1]
	longest = len(s) + len("-v") + max(len(str(v)) for v in nums) + 1
	if longest > COMPAT_LEN:
		return "LUO_HANDLER() base %s makes a %d-byte compatible with -v%d and its NUL, more than %d" % \
			(text, longest, max(nums), COMPAT_LEN)
	return None

def luo_base_error(text, versions):
	return luo_suffix_error(text) or luo_length_error(text, versions)

luo_vdefs = {}	# macro -> [(line, versions or None, macro it names)]

def luo_vdef(name, line, vs=None, alias=None):
	nums = None
	if vs is not None:
		nums = [int(v) for v in re.findall(r"[0-9]+", str(vs))]
	luo_vdefs.setdefault(str(name), []).append(
		(int(line), nums, alias and str(alias)))

def luo_macro_versions(name, line, depth=0):
	"""The versions macro name stands for in a handler on line: one
	(numbers, where) per #define of it above that line, each #if branch
	its own, through macros that name another; [] when the file has
	none."""
	out = []
	if depth > 8:
		return out
	for dline, nums, alias in luo_vdefs.get(str(name), []):
		if dline >= int(line):
			continue
		if nums is not None:
			out.append((nums, "%s on line %d" % (name, dline)))
		else:
			out += luo_macro_versions(alias, line, depth + 1)
	return out

def luo_macro_base_error(text, name, line):
	msg = luo_suffix_error(text)
	if msg:
		return msg
	alts = luo_macro_versions(name, line)
	if not alts:
		msg = luo_length_error(text, "")
		if msg:
			msg += " (%s is not defined in this file: counted as version 1)" % name
		return msg
	# The longest compatible comes from the greatest version of any
	# branch: that branch is the one to name.
	nums, where = max(alts, key=lambda a: max(a[0] or [1]))
	msg = luo_length_error(text, ", ".join(map(str, nums)))
	if msg:
		msg += " (versions from %s)" % where
	return msg

@script:python@
@@
luo_vdefs.clear()

@vdef depends on context || org || report@
identifier M;
expression list vs;
position p;
@@
#define M@p LUO_VERSIONS(vs)

@script:python@
M << vdef.M;
vs << vdef.vs;
p << vdef.p;
@@
luo_vdef(M, p[0].line, vs=vs)

@valias depends on context || org || report@
identifier M, N;
position p;
@@
#define M@p N

@script:python@
M << valias.M;
N << valias.N;
p << valias.p;
@@
luo_vdef(M, p[0].line, alias=N)

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

@r3 depends on context || org || report@
identifier h, l, V;
constant char[] C;
position p;
@@
struct luo_handler h = { C@p, &l, V, ... };

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

@script:python depends on report || context@
C << r3.C;
V << r3.V;
p << r3.p;
@@
msg = luo_macro_base_error(C, V, p[0].line)
if msg:
	coccilib.report.print_report(p[0], msg)

@script:python depends on org@
C << r3.C;
V << r3.V;
p << r3.p;
@@
msg = luo_macro_base_error(C, V, p[0].line)
if msg:
	coccilib.org.print_todo(p[0], msg)
