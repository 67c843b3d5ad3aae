#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Turn the "luo-bench: ..." lines of a guest's console into the benchmark's
# CSV, the data and script of its plot, and its table of figures and goals.
#
# Usage: bench_report.py CONSOLE_LOG OUT_DIR FW_TEXT HAND_TEXT [TEXT_TABLE]
#
# FW_TEXT and HAND_TEXT are the .text sizes of glue_vcpu_fw.o and
# glue_vcpu_hand.o.  TEXT_TABLE has a line "N FW HAND ENGINE" per count of
# file types in a module: the code (.text, .init.text, .exit.text) of
# tests/bench/text's two modules, and of the engine.  Writes
# OUT_DIR/bench.csv, bench.dat, bench.gp and bench.txt, and prints the
# table.

import csv
import os
import re
import statistics
import sys

CHAIN_PHASES = ["preserve", "freeze", "load", "retrieve", "finish"]
GLUE_PHASES = ["preserve", "freeze", "retrieve", "finish"]
CODEC_PHASES = ["encode", "decode", "memcpy", "alloc_memcpy"]
# The core's own log lines split freeze and load (microseconds).
CORE_STEPS = ["freeze.handlers", "freeze.image", "load.validate", "load.build"]

GOAL_GROWTH = 1.3       # per-file(100k) / per-file(1k), at most
GOAL_SPEEDUP = 20.0     # baseline / ours at 10k files, at least
GOAL_GLUE_TIME = 1.0    # generated / hand-written, at most
GOAL_GLUE_TEXT = 1.10
GOAL_CODEC = 0.5        # codec MB/s / memcpy MB/s, at least


def parse(path):
    runs, core = [], {}
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").replace("\r", "")
            m = re.search(r"liveupdate: frozen in \d+ us: handlers (\d+) us, "
                          r"image (\d+) us", line)
            if m:
                core["freeze.handlers"] = int(m.group(1)) * 1000
                core["freeze.image"] = int(m.group(2)) * 1000
            m = re.search(r"liveupdate: received image .*validated in (\d+) us, "
                          r"sessions built in (\d+) us", line)
            if m:
                core["load.validate"] = int(m.group(1)) * 1000
                core["load.build"] = int(m.group(2)) * 1000
            m = re.search(r"luo-bench: (chain|glue|codec) (.*)", line)
            if not m:
                continue
            fields = dict(kv.split("=", 1) for kv in m.group(2).split())
            fields["item"] = m.group(1)
            if m.group(1) == "chain" and len(core) == len(CORE_STEPS):
                fields.update({k: str(v) for k, v in core.items()})
            core = {}
            runs.append(fields)
    return runs


def verdict(ok):
    return "met" if ok else "MISSED"


def main():
    log, out, fw_text, hand_text = sys.argv[1:5]
    fw_text, hand_text = int(fw_text), int(hand_text)
    modules = []
    if len(sys.argv) > 5:
        with open(sys.argv[5]) as f:
            modules = [tuple(int(x) for x in line.split()) for line in f
                       if line.strip()]
    runs = parse(log)
    if not runs:
        sys.exit("no luo-bench lines in " + log)

    rows = []
    # chain[(lookup, n)] -> list of {phase: ns per file, "total": ...}
    chain, glue, codec = {}, {}, {}
    for r in runs:
        item = r["item"]
        if item == "chain":
            key, n, phases = (r["lookup"], int(r["n"])), int(r["n"]), CHAIN_PHASES
            variant, dest = r["lookup"], chain
        elif item == "glue":
            key, n, phases = (r["variant"], int(r["files"])), int(r["files"]), GLUE_PHASES
            variant, dest = r["variant"], glue
        else:
            key, n, phases = (r["kind"], int(r["bytes"])), int(r["bytes"]), CODEC_PHASES
            variant, dest = r["kind"], codec
        per = {}
        if item == "chain" and CORE_STEPS[0] in r:
            phases = phases + CORE_STEPS
        for p in phases:
            ns = int(r[p])
            per[p] = ns / n
            rows.append([item, variant, n, r["rep"], p, ns, "%.4f" % (ns / n)])
        if item == "chain":
            per["total"] = sum(per[p] for p in CHAIN_PHASES)
        elif item == "glue":
            per["total"] = sum(per[p] for p in phases)
        dest.setdefault(key, []).append(per)

    with open(os.path.join(out, "bench.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["item", "variant", "n", "rep", "phase", "ns", "ns_per_unit"])
        w.writerows(rows)

    def med(samples, p):
        return statistics.median(s[p] for s in samples)

    def lo(samples, p):
        return min(s[p] for s in samples)

    text = []
    say = text.append
    cols = CHAIN_PHASES + ["total"]

    for lookup, title in (("hash", "ours: hash tables"),
                          ("list", "baseline: list scans")):
        sizes = sorted(n for (l, n) in chain if l == lookup)
        if not sizes:
            continue
        reps = len(chain[(lookup, sizes[0])])
        say("Item %d. Chain of N files, each depending on the one before (%s)"
            % (1 if lookup == "hash" else 2, title))
        say("  ns per file, median of %d runs (min)" % reps)
        say("  %8s " % "N" + "".join("%19s" % c for c in cols))
        for n in sizes:
            s = chain[(lookup, n)]
            say("  %8d " % n + "".join("%11.0f (%5.0f)" % (med(s, c), lo(s, c))
                                     for c in cols))
        say("")

    ok_all = True
    if ("hash", 1000) in chain and ("hash", 100000) in chain:
        a, b = chain[("hash", 1000)], chain[("hash", 100000)]
        say("  Growth per file, N=100000 against N=1000 (goal <= %.1f):" % GOAL_GROWTH)
        for c in cols:
            g = med(b, c) / med(a, c)
            ok_all &= g <= GOAL_GROWTH
            say("    %-9s %5.2f  %s" % (c, g, verdict(g <= GOAL_GROWTH)))
        say("  Item 1 goal (every phase <= %.1f): %s" % (GOAL_GROWTH, verdict(ok_all)))
        say("")
    sizes = sorted(n for (l, n) in chain if l == "hash")
    if sizes and CORE_STEPS[0] in chain[("hash", sizes[0])][0]:
        say("  Where freeze and load go (ours; the core's log lines, us "
            "resolution), ns per file, median:")
        say("  %8s " % "N" + "".join("%17s" % c for c in CORE_STEPS))
        for n in sizes:
            s_ = chain[("hash", n)]
            say("  %8d " % n + "".join("%17.0f" % med(s_, c) for c in CORE_STEPS))
        say("")

    if ("hash", 10000) in chain and ("list", 10000) in chain:
        a, b = chain[("hash", 10000)], chain[("list", 10000)]
        say("  Baseline / ours at N=10000 (goal >= %.0fx on the whole pipeline):"
            % GOAL_SPEEDUP)
        for c in cols:
            say("    %-9s %7.1fx" % (c, med(b, c) / med(a, c)))
        sp = med(b, "total") / med(a, "total")
        say("  Item 2 goal: %.1fx, %s" % (sp, verdict(sp >= GOAL_SPEEDUP)))
        say("")

    if glue:
        (fw_key,) = [k for k in glue if k[0] == "fw"]
        (hand_key,) = [k for k in glue if k[0] == "hand"]
        fw, hand = glue[fw_key], glue[hand_key]
        say("Item 3. Generated glue against hand-written handlers: a VM and "
            "%d vCPUs, %d runs each, alternating" % (fw_key[1] - 1, len(fw)))
        say("  %-9s %14s %14s %7s" % ("phase", "fw ns/file", "hand ns/file", "fw/hand"))
        for c in GLUE_PHASES + ["total"]:
            say("  %-9s %8.0f (%4.0f) %8.0f (%4.0f) %7.3f" %
                (c, med(fw, c), lo(fw, c), med(hand, c), lo(hand, c),
                 med(fw, c) / med(hand, c)))
        tr = med(fw, "total") / med(hand, "total")
        trm = lo(fw, "total") / lo(hand, "total")
        say("  Time, medians: %.3f (mins: %.3f); goal <= %.2f: %s" %
            (tr, trm, GOAL_GLUE_TIME, verdict(tr <= GOAL_GLUE_TIME)))
        xr = fw_text / hand_text
        say("  .text: glue_vcpu_fw.o %d bytes, glue_vcpu_hand.o %d bytes, "
            "%.3f; goal <= %.2f: %s" % (fw_text, hand_text, xr,
                                        GOAL_GLUE_TEXT,
                                        verdict(xr <= GOAL_GLUE_TEXT)))
        say("")

    if modules:
        say("  Code per module (.text, .init.text, .exit.text), N file types "
            "of two versions and a dependency each; the engine, %d bytes, "
            "is the kernel's, once" % modules[0][3])
        say("  %3s %9s %9s %7s" % ("N", "fw", "hand", "fw/hand"))
        for n, fw, hand, _ in modules:
            say("  %3d %9d %9d %7.3f  %s" % (n, fw, hand, fw / hand,
                                           verdict(fw / hand <= GOAL_GLUE_TEXT)))
        say("")

    if codec:
        say("Item 4. Codec on a large state against memcpy() of the same bytes")
        say("  MB/s, median of runs (best); ratio of medians, goal >= %.1f" % GOAL_CODEC)
        say("  (alloc+memcpy: kvmalloc() and memcpy() into it, what a decode "
            "of a variable-length array copies; borrow: the same array read "
            "in place, LUO_BORROW)")
        say("  %-7s %9s %15s %15s %15s %15s %5s %5s %9s" %
            ("kind", "bytes", "encode", "decode", "memcpy", "alloc+memcpy",
             "enc", "dec", "dec/alloc"))
        for key in sorted(codec):
            s = codec[key]
            mbs = {p: 1e3 / med(s, p) for p in CODEC_PHASES}
            best = {p: 1e3 / lo(s, p) for p in CODEC_PHASES}
            re_, rd = mbs["encode"] / mbs["memcpy"], mbs["decode"] / mbs["memcpy"]
            say("  %-7s %9d %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %7.0f (%5.0f) %5.2f %5.2f %9.2f  %s" %
                (key[0], key[1], mbs["encode"], best["encode"], mbs["decode"],
                 best["decode"], mbs["memcpy"], best["memcpy"],
                 mbs["alloc_memcpy"], best["alloc_memcpy"], re_, rd,
                 mbs["decode"] / mbs["alloc_memcpy"],
                 verdict(min(re_, rd) >= GOAL_CODEC)))
        say("")

    say("Item 5. Blackout of the demo scenario: from the demo's kernel logs "
        "(Documentation/liveupdate/benchmark.rst), not measured here.")

    with open(os.path.join(out, "bench.txt"), "w") as f:
        f.write("\n".join(text) + "\n")
    print("\n".join(text))

    # The plot: per-file medians against N, one column per phase and core.
    sizes = sorted({n for (_, n) in chain})
    with open(os.path.join(out, "bench.dat"), "w") as f:
        f.write("# N " + " ".join("%s_%s" % (p, l) for l in ("hash", "list")
                                  for p in cols) + "\n")
        for n in sizes:
            vals = []
            for lookup in ("hash", "list"):
                s = chain.get((lookup, n))
                vals += ["%.1f" % med(s, c) if s else "NaN" for c in cols]
            f.write("%d %s\n" % (n, " ".join(vals)))
    with open(os.path.join(out, "bench.gp"), "w") as f:
        f.write("""# Written by scripts/bench_report.py
set terminal pngcairo size 1100,750
set output 'bench.png'
set title 'Live update: ns per file against files in the session (chain; median)'
set xlabel 'files in the session (N)'
set ylabel 'ns per file (under emulation)'
set logscale xy
set grid
set key outside right
set datafile missing 'NaN'
""")
        plots = []
        for i, c in enumerate(cols):
            plots.append("'bench.dat' using 1:%d with linespoints lt %d dt 1 "
                         "pt 7 title '%s, ours'" % (2 + i, i + 1, c))
            plots.append("'bench.dat' using 1:%d with linespoints lt %d dt 2 "
                         "pt 4 title '%s, baseline'" % (2 + len(cols) + i, i + 1, c))
        f.write("plot " + ", \\\n     ".join(plots) + "\n")


if __name__ == "__main__":
    main()
