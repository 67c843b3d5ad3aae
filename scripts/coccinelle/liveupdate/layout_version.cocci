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
//
// Keywords: LUO_SER
// Confidence: Moderate
// Comments: A version may legitimately be added for a change of meaning
//  rather than of layout; such a handler is reported by the second check.
//  Fields of nested layouts defined in the same file are counted.  A
//  layout defined in several #if branches is checked in the branch that
//  agrees best with the handler, whose own branch is not known.  Hand
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

@script:python@
@@
luo_layouts.clear()
luo_variants.clear()

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
l = str(l)

def problems():
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

# A layout defined in several #if branches: the branch that agrees best
# with this handler is the one it goes with.
if versions and l in luo_variants:
	for name, variants in luo_variants.items():
		luo_layouts[name] = variants[0]
	best = None
	for variant in luo_variants[l]:
		luo_layouts[l] = variant
		found = problems()
		if best is None or len(found) < len(best):
			best = found
	for msg in best:
		luo_print(p[0], msg)
