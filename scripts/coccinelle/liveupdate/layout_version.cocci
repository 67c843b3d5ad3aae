// SPDX-License-Identifier: GPL-2.0
/// A layout that changes without a new version makes the next kernel read
/// state written in another layout under the same compatible: fields
/// shift, and the data restored is wrong without any error.  Whether a
/// struct changed since the last release is a question about history,
/// which Coccinelle cannot see; what it can check is that the versions a
/// LUO_SER() layout declares agree with the LUO_VERSIONS() of the
/// LUO_HANDLER() that uses it:
///
///  - a field added in, or kept until, a version the handler does not
///    declare (LUO_SINCE(3) with LUO_VERSIONS(2, 1)): the layout changed
///    but the version was not added;
///  - a declared version whose field list is the same as that of the
///    version before it: the version was added but the field added with
///    it lacks LUO_SINCE(), so it was also added to the older version,
///    whose layout changed.
///
/// The handler's versions may be written inline, or through an
/// object-like macro the same file defines as LUO_VERSIONS(...) (or as
/// another such macro); a macro defined in several #if branches is checked
/// once per branch, each branch being a build of its own.
//
// Keywords: LUO_SER
// Confidence: Moderate
// Comments: A version may legitimately be added for a change of meaning
//  rather than of layout; such a handler is reported by the second check.
//  Fields of nested layouts defined in the same file are counted.  A
//  layout defined in several #if branches is checked in the branch that
//  agrees best with the handler (or with each branch of its versions
//  macro), whose own branch is not known.  Versions given by a macro that
//  this file does not define are not checked.  Hand
//  written handlers (LIVEUPDATE_FILE_HANDLER()) are not checked: their
//  layout is whatever their code writes.  Report and org modes only.
// Options: --no-includes --include-headers

virtual org
virtual report

@initialize:python@
@@
import re

luo_mode = ["report"]
luo_layouts = {}	# layout name -> [(member, since, until, nested)]
luo_variants = {}	# layout name -> its definitions, one per #if branch

def luo_parse_fields(fs):
	"""The fields of a LUO_SER() list, with their versions."""
	out = []
	for spec in re.findall(r"\bLUO_FIELD\w*\s*\((?:[^()]|\([^()]*\))*\)", str(fs)):
		kind, args = re.match(r"(LUO_FIELD\w*)\s*\((.*)\)$", spec, re.S).groups()
		parts = [a.strip() for a in args.split(",")]
		since = until = 0
		m = re.search(r"LUO_SINCE\s*\(\s*([0-9]+)\s*\)", args)
		if m:
			since = int(m.group(1))
		m = re.search(r"LUO_UNTIL\s*\(\s*([0-9]+)\s*\)", args)
		if m:
			until = int(m.group(1))
		# (member, layout, ...): the version or nested layout is third.
		if kind == "LUO_FIELD_SINCE" and len(parts) > 2 and parts[2].isdigit():
			since = int(parts[2])
		nested = parts[2] if kind == "LUO_FIELD_NESTED" and len(parts) > 2 else None
		out.append((parts[0], since, until, nested))
	return out

def luo_in(f, v):
	return v >= f[1] and (not f[2] or v <= f[2])

def luo_fields_in(layout, v, depth=0):
	fields = []
	for f in luo_layouts.get(layout, []):
		if not luo_in(f, v):
			continue
		fields.append(f[0])
		if f[3] and depth < 8:
			fields += [f[0] + "." + n for n in luo_fields_in(f[3], v, depth + 1)]
	return fields

def luo_all_fields(layout, depth=0):
	out = []
	for f in luo_layouts.get(layout, []):
		out.append((layout, f))
		if f[3] and depth < 8:
			out += luo_all_fields(f[3], depth + 1)
	return out

def luo_print(pos, msg):
	if luo_mode[0] == "org":
		coccilib.org.print_todo(pos, msg)
	else:
		coccilib.report.print_report(pos, msg)

def luo_problems(h, l, versions):
	out = []
	newest = max(versions)
	for layout, f in luo_all_fields(l):
		for what, v in (("LUO_SINCE", f[1]), ("LUO_UNTIL", f[2])):
			if v > newest:
				out.append("%s: field %s of layout %s has %s(%d), newer than LUO_VERSIONS(%s) lists" %
					   (h, f[0], layout, what, v, ", ".join(map(str, versions))))
	ordered = sorted(set(versions), reverse=True)
	for newer, older in zip(ordered, ordered[1:]):
		if luo_fields_in(l, newer) == luo_fields_in(l, older):
			out.append("%s: version %d has the same fields as version %d: does the field added for %d lack LUO_SINCE(%d)?" %
				   (h, newer, older, newer, newer))
	return out

def luo_check(h, l, versions):
	"""What is wrong with handler h of layout l reading versions."""
	l = str(l)
	if not versions or l not in luo_variants:
		return []
	# A layout defined in several #if branches: the branch that agrees
	# best with this handler is the one it goes with.
	for name, variants in luo_variants.items():
		luo_layouts[name] = variants[0]
	best = None
	for variant in luo_variants[l]:
		luo_layouts[l] = variant
		found = luo_problems(h, l, versions)
		if best is None or len(found) < len(best):
			best = found
	return best

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

@script:python@
@@
luo_layouts.clear()
luo_variants.clear()
luo_vdefs.clear()

@script:python depends on org@
@@
luo_mode[0] = "org"

@ser@
declarer name LUO_SER;
identifier n;
type T;
expression list fs;
@@
LUO_SER(n, T, fs);

@script:python@
n << ser.n;
fs << ser.fs;
@@
luo_variants.setdefault(str(n), []).append(luo_parse_fields(fs))

@hnd depends on ser@
identifier h, l;
expression b;
expression list vs;
position p;
@@
struct luo_handler h = { b@p, &l, LUO_VERSIONS(vs), ... };

@script:python depends on report || org@
h << hnd.h;
l << hnd.l;
vs << hnd.vs;
p << hnd.p;
@@
versions = [int(v) for v in re.findall(r"[0-9]+", str(vs))]
for msg in luo_check(h, l, versions):
	luo_print(p[0], msg)

@vdef depends on ser@
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

@valias depends on ser@
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

@hnd_macro depends on ser@
identifier h, l, V;
expression b;
position p;
@@
struct luo_handler h = { b@p, &l, V, ... };

@script:python depends on report || org@
h << hnd_macro.h;
l << hnd_macro.l;
V << hnd_macro.V;
p << hnd_macro.p;
@@
# Each #if branch defining the macro is a build of its own: all are
# checked, each with the layout branch that agrees best with it.
seen = set()
for versions, where in luo_macro_versions(V, p[0].line):
	for msg in luo_check(h, l, versions):
		msg += " (versions from %s)" % where
		if msg not in seen:
			seen.add(msg)
			luo_print(p[0], msg)
