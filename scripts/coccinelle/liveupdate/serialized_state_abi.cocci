// SPDX-License-Identifier: GPL-2.0
/// Serialized state is read by the next kernel, which may be built with
/// another compiler, configuration or version of the driver: its layout is
/// an ABI.  Members whose size or representation is not fixed break it: a
/// pointer means nothing after a kexec; long changes size with the
/// architecture; bool and enum have no fixed size; bitfields have no
/// fixed order; implicit padding holds whatever was in memory and moves
/// with alignment rules.
///
/// Checked structs:
///  - hand-written ABI structs: those cast from, or assigned an expression
///    of, serialized_data (struct T *s = liveupdate_ptr(...,
///    args->serialized_data, ...), (struct T *)phys_to_virt(...)):
///    every member, and implicit padding between members and at the end;
///  - states named in LUO_SER(): the members its field list preserves,
///    except LUO_FIELD_DEP() (a struct file pointer, written as a token)
///    and LUO_FIELD_VARRAY() (a pointer to the elements).  Padding is not
///    checked there: the framework writes each field at its own offset.
//
// Keywords: serialized_data, LUO_SER
// Confidence: Moderate
// Comments: Only structs defined in the file or in its local includes are
//  seen.  Padding is computed for fixed-width integer types (u8 .. u64,
//  __le/__be, s8 .. s64, char and int types), their arrays and the structs
//  made of them; a struct with a member of unknown size or alignment is
//  not checked for padding.  Report and org modes only.
// Options: --no-includes --include-headers --local-includes

virtual org
virtual report

@initialize:python@
@@
import re

# Size (and alignment) of the types the padding check knows.
LUO_SIZES = {}
for n, names in ((1, "u8 s8 __u8 __s8 uint8_t int8_t char"),
		 (2, "u16 s16 __u16 __s16 __le16 __be16 uint16_t int16_t short"),
		 (4, "u32 s32 __u32 __s32 __le32 __be32 uint32_t int32_t int"),
		 (8, "u64 s64 __u64 __s64 __le64 __be64 __aligned_u64 __aligned_le64 uint64_t int64_t")):
	for name in names.split():
		LUO_SIZES[name] = n

luo_mode = ["report"]
luo_ser = {}		# (file, struct) -> preserved members, or None for all
luo_members = {}	# (file, struct) -> [(line, col, name, type, pos)]
luo_bitfields = set()	# (file, struct) with a bitfield: layout unknown

def luo_add(file, t, fields):
	key = (file, t)
	if fields is None or luo_ser.get(key, ()) is None:
		luo_ser[key] = None
	else:
		luo_ser.setdefault(key, set()).update(fields)

def luo_ser_fields(fields):
	"""Members a LUO_SER() field list preserves as plain data."""
	out = set()
	for kind, m in re.findall(r"\b(LUO_FIELD\w*)\s*\(\s*(\w+)", str(fields)):
		if kind not in ("LUO_FIELD_DEP", "LUO_FIELD_VARRAY"):
			out.add(m)
	return out

def luo_struct_name(t):
	m = re.match(r"\s*struct\s+(\w+)\s*$", str(t))
	return m.group(1) if m else None

def luo_type_error(t):
	t = " ".join(str(t).split())
	base = re.sub(r"\[.*", "", t).strip()
	words = base.replace("*", " * ").split()
	if "*" in words:
		return "a pointer (%s)" % base
	if "long" in words and words.count("long") == 1:
		return "long (%s)" % base
	if "bool" in words or "_Bool" in words:
		return "bool"
	if words and words[0] == "enum":
		return "an enum (%s)" % base
	return None

def luo_size(t, file):
	"""(size, align) of type t, or None when unknown."""
	t = " ".join(str(t).split())
	dims = re.findall(r"\[([^\]]*)\]", t)
	base = re.sub(r"\[.*", "", t).strip()
	words = [w for w in base.split() if w not in ("const", "volatile", "unsigned", "signed")]
	if words == ["long", "long"]:
		words = ["u64"]
	sub = luo_struct_name(base)
	if sub:
		st = luo_struct_size(file, sub)
		if st is None:
			return None
		size, align = st
	elif len(words) == 1 and words[0] in LUO_SIZES:
		size = align = LUO_SIZES[words[0]]
	else:
		return None
	for d in dims:
		d = d.strip()
		if re.fullmatch(r"[0-9]+", d):
			size *= int(d)
		else:
			# Unknown count: only its multiple of the alignment is known.
			size = None
			break
	return (size, align)

def luo_print(pos, msg):
	if luo_mode[0] == "org":
		coccilib.org.print_todo(pos, msg)
	else:
		coccilib.report.print_report(pos, msg)

def luo_layout(file, t):
	"""[(member, pos, hole before it)], trailing hole, alignment, and the
	size when it is known exactly; None if the layout is unknown."""
	if (file, t) in luo_bitfields:
		return None
	members = sorted(luo_members.get((file, t), []), key=lambda m: (m[0], m[1]))
	off, maxalign, out, exact = 0, 1, [], True
	for line, col, name, mt, pos in members:
		st = luo_size(mt, file)
		if st is None:
			if not re.search(r"\[[^\]]*\]", str(mt)):
				return None
			# An array of a known type whose count is a macro: its
			# alignment is known, and so is its size when the element
			# is as large as the greatest alignment that can follow.
			elem = luo_size(re.sub(r"\[.*", "", str(mt)), file)
			if elem is None or elem[0] is None:
				return None
			size, align = None, elem[1]
		else:
			size, align = st
		hole = -off % align
		out.append((name, pos, hole))
		off += hole
		maxalign = max(maxalign, align)
		if size is None:
			if align < 8:
				return None
			size = 0	# a multiple of 8: offsets mod 8 unchanged
			exact = False
		off += size
	if not members:
		return None
	return out, -off % maxalign, maxalign, off if exact else None

def luo_struct_size(file, t):
	l = luo_layout(file, t)
	if l is None or l[3] is None:
		return None
	out, tail, align, off = l
	return (off + tail, align)

@script:python@
@@
luo_ser.clear()
luo_members.clear()
luo_bitfields.clear()

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
T << ser.T;
fs << ser.fs;
@@
t = luo_struct_name(T)
if t:
	luo_add(None, t, luo_ser_fields(fs))

@handle@
expression E;
@@
(
 E->serialized_data
|
 E.serialized_data
)

@cast depends on handle@
identifier T;
expression E : script:python () { "serialized_data" in str(E) };
@@
 (struct T *)E

@script:python@
T << cast.T;
@@
luo_add(None, T, None)

@assigned depends on handle@
identifier T;
idexpression struct T *x;
expression E : script:python () { "serialized_data" in str(E) };
@@
 x = E

@script:python@
T << assigned.T;
@@
luo_add(None, T, None)

@members depends on ser || cast || assigned@
identifier T, m;
type MT;
position p;
@@
struct T { ... MT m@p; ... };

@script:python@
T << members.T;
m << members.m;
MT << members.MT;
p << members.p;
@@
luo_members.setdefault((None, T), []).append(
	(int(p[0].line), int(p[0].column), m, str(MT), p[0]))

@bitfield depends on ser || cast || assigned@
identifier T, m;
type MT;
expression W;
position p;
@@
struct T { ... MT m@p : W; ... };

@script:python depends on report || org@
T << bitfield.T;
m << bitfield.m;
p << bitfield.p;
@@
luo_bitfields.add((None, T))
fields = luo_ser.get((None, T), ())
if fields is None or m in fields:
	luo_print(p[0], "serialized state struct %s: member %s is a bitfield" % (T, m))

@script:python depends on (report || org) && members@
@@
for (f, t), fields in sorted(luo_ser.items(), key=lambda kv: kv[0][1]):
	members = sorted(luo_members.get((None, t), []), key=lambda m: (m[0], m[1]))
	for line, col, name, mt, pos in members:
		if fields is not None and name not in fields:
			continue
		why = luo_type_error(mt)
		if why:
			msg = "serialized state struct %s: member %s is %s" % (t, name, why)
			luo_print(pos, msg)
	if fields is not None:
		continue
	l = luo_layout(None, t)
	if l is None:
		continue
	out, tail, align, off = l
	for name, pos, hole in out:
		if hole:
			msg = "serialized state struct %s: %d bytes of implicit padding before member %s" % (t, hole, name)
			luo_print(pos, msg)
	if tail and out:
		msg = "serialized state struct %s: %d bytes of implicit padding after member %s, at its end" % (t, tail, out[-1][0])
		luo_print(out[-1][1], msg)
