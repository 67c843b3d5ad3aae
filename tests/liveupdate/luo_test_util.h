/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the live update test programs: /dev/liveupdate
 * requests, the update's sysfs state, and the state of the sample drivers
 * (samples/liveupdate), set up and preserved before a kexec, retrieved and
 * compared after it.
 *
 * Functions that return an int return 0 (or a file descriptor) on success
 * and a negative errno on failure.  The sample helpers check several
 * things each: they print every mismatch as a KTAP diagnostic ("# ...")
 * and return -1 when anything differed, so that the caller reports one
 * test per step.
 */
#ifndef _LUO_TESTS_LUO_TEST_UTIL_H
#define _LUO_TESTS_LUO_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/types.h>

#define LUO_DEV			"/dev/liveupdate"
#define LUO_STATE		"/sys/kernel/liveupdate/state"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

const char *luo_strerror(int ret);

/* /dev/liveupdate and its sessions. */
int luo_open_dev(void);
int luo_create_session(int dev, const char *name);
int luo_retrieve_session(int dev, const char *name);
int luo_preserve_fd(int session, int fd, __u64 token);
int luo_retrieve_fd(int session, __u64 token);
int luo_finish_session(int session);

int luo_retrieve_sessions(int dev, const char * const *names, int *fds,
			  int n);
int luo_finish_sessions(const int *fds, const char * const *names, int n);

/* The update as a whole, and the kernel. */
int luo_freeze(__u64 *ns);
int luo_freeze_at_reboot(__u64 *ns);
int luo_read_state(char *buf, size_t len);
int luo_load_module(const char *path, const char *params);
int luo_daemonize_and_hold(void);

__u64 luo_now_ns(void);
__u64 luo_fnv1a(const void *data, size_t len);

/* The samples' state: sessions, in the order the programs restore them. */
#define LUO_SESSION_COUNTERS	"demo-counters"
#define LUO_SESSION_VM		"demo-vm"
#define LUO_SESSION_NOTE	"demo-note"
#define LUO_SESSION_MEMFD	"demo-memfd"

/* Tokens of the samples' files in their sessions. */
enum luo_token {
	LUO_TOKEN_REQUESTS = 1,
	LUO_TOKEN_ERRORS,
	LUO_TOKEN_VM = 10,
	LUO_TOKEN_VCPU0,
	LUO_TOKEN_VCPU1,
	LUO_TOKEN_NOTE = 20,
	LUO_TOKEN_CONFIG = 30,
	LUO_TOKEN_RAM,
	LUO_TOKEN_TOO_BIG = 39,
};

/* The value the "requests" counter is preserved with. */
#define LUO_REQUESTS		41ULL
#define LUO_VM_ID		0x5eedULL
#define LUO_NR_VCPUS		2

/**
 * struct luo_counters - the demo-counters session, before the update
 * @session: The session's fd.
 * @fd:      The "requests" and "errors" counters' fds.
 */
struct luo_counters {
	int session;
	int fd[2];
};

/**
 * struct luo_vm - the demo-vm session, before the update
 * @session: The session's fd.
 * @vm:      The VM's fd.
 * @vcpu:    Its vCPUs' fds.
 * @running: Whether vCPU 1 was left running.
 */
struct luo_vm {
	int session;
	int vm;
	int vcpu[LUO_NR_VCPUS];
	bool running;
};

int luo_counters_preserve(int dev, struct luo_counters *c);
int luo_counters_restore(int session, __u64 requests);

int luo_vm_create(int dev, bool running, struct luo_vm *vm);
int luo_vm_preserve(const struct luo_vm *vm);
int luo_vm_restore(int session);

int luo_note_preserve(int dev, unsigned int priority);
int luo_note_restore(int session, unsigned int priority, unsigned int layout);

int luo_memfds_preserve(int dev, int *session);
int luo_memfd_too_big(int session, long bytes);
int luo_memfds_restore(int session);

void luo_print_retrieve_time(void);

#endif /* _LUO_TESTS_LUO_TEST_UTIL_H */
