/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KTAP output for the live update test programs, in the manner of the
 * kernel's kselftests (Documentation/dev-tools/ktap.rst):
 *
 *	KTAP version 1
 *	1..3
 *	# a diagnostic, for a person
 *	ok 1 first-test
 *	# first-test: why the next one failed
 *	not ok 2 second-test
 *	ok 3 third-test # SKIP why it did not run
 *	# Totals: pass:1 fail:1 skip:1
 *
 * A program prints the header and its plan before any test, one result
 * per test, and ends with ktap_finished(), which exits 0 only when every
 * planned test reported and none failed (a skip is not a failure here,
 * as in kselftest; scripts/ktap.py counts it as one, though).  Each
 * line is flushed as soon as it is written: stdout may be a serial
 * console, and the program may not live to print the next one.
 *
 * The counts live in this file's static variables: report from one
 * translation unit only.  Other files may print diagnostics.
 */
#ifndef _LUO_TESTS_KTAP_H
#define _LUO_TESTS_KTAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* The kernel's names of the attributes used here and by the programs. */
#ifndef __printf
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#endif
#ifndef __noreturn
#define __noreturn		__attribute__((noreturn))
#endif
#ifndef __maybe_unused
#define __maybe_unused		__attribute__((unused))
#endif

static unsigned int ktap_plan __maybe_unused;
static unsigned int ktap_pass __maybe_unused;
static unsigned int ktap_fail __maybe_unused;
static unsigned int ktap_skip __maybe_unused;

static inline unsigned int ktap_test_count(void)
{
	return ktap_pass + ktap_fail + ktap_skip;
}

static inline void ktap_vprint(const char *prefix, const char *fmt,
			       va_list ap, const char *suffix)
{
	fputs(prefix, stdout);
	vprintf(fmt, ap);
	fputs(suffix, stdout);
	fflush(stdout);
}

/**
 * ktap_print_header() - start the KTAP document
 */
static inline void ktap_print_header(void)
{
	printf("KTAP version 1\n");
	fflush(stdout);
}

/**
 * ktap_set_plan() - announce how many tests will report
 * @plan: Number of tests; ktap_finished() fails when another number ran.
 */
static inline void ktap_set_plan(unsigned int plan)
{
	ktap_plan = plan;
	printf("1..%u\n", plan);
	fflush(stdout);
}

/**
 * ktap_print_msg() - print a diagnostic line, "# " and the text
 * @fmt: printf() format of the text, without its newline.
 */
static inline __printf(1, 2)
void ktap_print_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint("# ", fmt, ap, "\n");
	va_end(ap);
}

/**
 * ktap_test_result() - report the next test as passed or failed
 * @ok:  Whether it passed.
 * @fmt: printf() format of its name, lowercase words joined by dashes.
 *
 * Return: @ok, so that a caller can give up on what depended on it.
 */
static inline __printf(2, 3)
bool ktap_test_result(bool ok, const char *fmt, ...)
{
	char prefix[32];
	va_list ap;

	if (ok)
		ktap_pass++;
	else
		ktap_fail++;
	snprintf(prefix, sizeof(prefix), "%sok %u ", ok ? "" : "not ",
		 ktap_test_count());
	va_start(ap, fmt);
	ktap_vprint(prefix, fmt, ap, "\n");
	va_end(ap);
	return ok;
}

/**
 * ktap_test_result_why() - report the next test, saying why it failed
 * @ok:   Whether it passed.
 * @name: Its name.
 * @fmt:  printf() format of the reason, printed as a diagnostic before
 *        the result when the test failed.
 *
 * Return: @ok.
 */
static inline __printf(3, 4)
bool ktap_test_result_why(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!ok) {
		printf("# %s: ", name);
		va_start(ap, fmt);
		ktap_vprint("", fmt, ap, "\n");
		va_end(ap);
	}
	return ktap_test_result(ok, "%s", name);
}

/**
 * ktap_test_skip() - report the next test as not run
 * @name: Its name.
 * @fmt:  printf() format of the reason.
 */
static inline __printf(2, 3)
void ktap_test_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	ktap_skip++;
	printf("ok %u %s # SKIP ", ktap_test_count(), name);
	va_start(ap, fmt);
	ktap_vprint("", fmt, ap, "\n");
	va_end(ap);
}

static inline void ktap_print_totals(void)
{
	if (ktap_test_count() != ktap_plan)
		printf("# planned %u tests, %u reported\n", ktap_plan,
		       ktap_test_count());
	printf("# Totals: pass:%u fail:%u skip:%u\n", ktap_pass, ktap_fail,
	       ktap_skip);
	fflush(stdout);
}

/**
 * ktap_finished() - end the document and exit
 *
 * Exits 0 when every planned test reported and none failed, 1 otherwise.
 */
static inline __noreturn void ktap_finished(void)
{
	ktap_print_totals();
	exit(ktap_fail || ktap_test_count() != ktap_plan);
}

/**
 * ktap_exit_fail_msg() - give up: the remaining tests cannot run
 * @fmt: printf() format of the reason, printed on a "Bail out!" line.
 *
 * Exits 1.
 */
static inline __noreturn __printf(1, 2)
void ktap_exit_fail_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint("Bail out! ", fmt, ap, "\n");
	va_end(ap);
	ktap_print_totals();
	exit(1);
}

#endif /* _LUO_TESTS_KTAP_H */
