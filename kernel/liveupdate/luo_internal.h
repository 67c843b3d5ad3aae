/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Live Update Orchestrator core: definitions shared by its files and by its
 * KUnit suites.  Not for handlers; they use <linux/liveupdate.h>.
 */
#ifndef _KERNEL_LIVEUPDATE_LUO_INTERNAL_H
#define _KERNEL_LIVEUPDATE_LUO_INTERNAL_H

#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/liveupdate.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <uapi/linux/liveupdate.h>

/*
 * Version of the handover image this core writes and reads.  Listed in
 * .liveupdate_versions and in /sys/kernel/liveupdate/versions next to the
 * handlers' versions, because a next kernel that cannot read the image
 * cannot read anything in it.
 */
#define LUO_IMAGE_COMPATIBLE	"luo-image-v1"

/* Bounds of this image's (vmlinux's or this module's) version table. */
extern const u8 __liveupdate_versions_start[];
extern const u8 __liveupdate_versions_end[];

int luo_file_handlers_init(void);
void luo_file_handlers_exit(void);
void luo_file_handlers_drop_module(struct module *mod);

int luo_visit_compatibles(int (*fn)(const char *, void *), void *arg);
ssize_t luo_versions_format(char **bufp);

int luo_sysfs_init(void);
void luo_sysfs_exit(void);
int luo_kexec_init(void);
void luo_kexec_exit(void);
int luo_ioctl_init(void);
void luo_ioctl_exit(void);

struct luo_file;

/**
 * struct luo_file_set - the files of a session (luo_file.c)
 * @files:      In preservation order.
 * @tokens:     By token (luo_file_index.c).
 * @nr_files:   Number of files.
 * @retrieving: The file whose retrieve() is running, for the log of an
 *              out-of-order dependency.
 */
struct luo_file_set {
	struct list_head files;
	struct rhashtable tokens;
	u64 nr_files;
	struct luo_file *retrieving;
};

/**
 * struct liveupdate_session - a named set of preserved files
 * @name:      NUL-terminated name, unique among sessions of the same way.
 * @incoming:  Handed over by the previous kernel, rather than created to be
 *             handed to the next.
 * @list:      Entry in luo_outgoing or luo_incoming, in creation order.
 * @fs:        Its files.
 * @open:      Whether a file descriptor refers to the session.
 * @finished:  Incoming and finished: off every list, freed when closed.
 */
struct liveupdate_session {
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	bool incoming;
	struct list_head list;
	struct luo_file_set fs;
	bool open;
	bool finished;
};

/**
 * struct luo_file - a preserved file, in either kernel
 * @session:         Its session.
 * @fh:              Outgoing: the handler that preserved it.  Incoming: the
 *                   handler found at retrieve(), if any.
 * @file:            Outgoing: the preserved file.  Incoming: the restored
 *                   file, once retrieved.  A reference is held on it.
 * @token:           Userspace's name for it.
 * @serialized_data: The handler's handle.
 * @private_data:    The handler's, between preserve() and freeze().
 * @retrieve_status: Incoming: 0 before retrieve(), 1 after a successful
 *                   one, or the errno of the failed one.
 * @frozen:          Outgoing: freeze() succeeded and unfreeze() is owed.
 * @compatible:      Incoming: the handler and version that wrote it.
 * @list:            Entry in its file set.
 * @token_node:      Entry in its file set's tokens.
 * @file_node:       Outgoing: entry in the table of all preserved files.
 */
struct luo_file {
	struct liveupdate_session *session;
	struct liveupdate_file_handler *fh;
	struct file *file;
	u64 token;
	u64 serialized_data;
	void *private_data;
	int retrieve_status;
	bool frozen;
	char compatible[LIVEUPDATE_HNDL_COMPAT_LENGTH];
	struct list_head list;
	struct rhash_head token_node;
	struct rhash_head file_node;
};

extern struct mutex luo_lock;

int luo_target_set(const char *text, size_t len);
ssize_t luo_target_write(const char *in, loff_t off, size_t count);
ssize_t luo_target_read(char *out, loff_t off, size_t count);
int luo_target_check_file(struct liveupdate_session *s, struct luo_file *lf);
void luo_target_reset(void);

struct liveupdate_session *luo_session_create(const char *name);
struct liveupdate_session *luo_session_open_incoming(const char *name);
void luo_session_close(struct liveupdate_session *s);
int luo_session_preserve(struct liveupdate_session *s, u64 token,
			 struct file *file);
int luo_session_retrieve(struct liveupdate_session *s, u64 token,
			 struct file **filep);
int luo_session_finish(struct liveupdate_session *s);
int luo_freeze(void);
void luo_unfreeze(void);
bool luo_frozen(void);
void luo_drop_outgoing(void);
int luo_sessions_init(void);
void luo_sessions_exit(void);
bool luo_handler_in_use(struct liveupdate_file_handler *fh);

/* The files of a session (luo_file.c), under luo_lock. */
int luo_file_set_init(struct luo_file_set *fs);
void luo_file_set_destroy(struct luo_file_set *fs);
void luo_file_set_drop(struct luo_file_set *fs);
bool luo_file_set_uses(struct luo_file_set *fs,
		       struct liveupdate_file_handler *fh);
int luo_file_preserve(struct liveupdate_session *s, u64 token,
		      struct file *file);
void luo_file_unpreserve_all(struct luo_file_set *fs);
int luo_file_freeze_all(struct liveupdate_session *s);
void luo_file_unfreeze_all(struct luo_file_set *fs);
int luo_file_add_incoming(struct liveupdate_session *s, const char *compatible,
			  u64 token, u64 data);
int luo_file_retrieve(struct liveupdate_session *s, u64 token,
		      struct file **filep);
int luo_file_finish_all(struct liveupdate_session *s);

/*
 * Finding a file by token in its set, or by struct file among every
 * outgoing one: luo_file_index.c, or luo_file_index_list.c in the
 * benchmark's baseline.
 */
int luo_index_init(void);
void luo_index_exit(void);
int luo_index_set_init(struct luo_file_set *fs);
void luo_index_set_destroy(struct luo_file_set *fs);
int luo_index_add(struct luo_file *lf);
void luo_index_del(struct luo_file *lf);
void luo_index_drop_set(struct luo_file_set *fs);
struct luo_file *luo_index_token(struct luo_file_set *fs, u64 token);
struct luo_file *luo_index_file(struct file *file);

/* Incoming side, built by the image loader. */
struct liveupdate_session *luo_incoming_session_add(const char *name);
void luo_drop_incoming(void);
bool luo_have_incoming(void);

/* The handover medium and its heap (luo_heap.c), under luo_lock. */
bool luo_medium_attached(void);
int luo_heap_incoming_slot(void);
void luo_heap_set_incoming(int slot, u64 size);
u64 luo_slot_size(void);
void *luo_slot(int slot);
int luo_outgoing_slot(void);
u64 luo_heap_end(void);
void *luo_heap_carve(u64 size, u64 *handlep);
void luo_heap_rewind(u64 mark);
struct list_head *luo_outgoing_sessions(void);
struct liveupdate_file_handler *luo_handler_for_file(struct file *file);
struct liveupdate_file_handler *luo_handler_by_compatible(const char *compat);

int luo_medium_attach(void *base, u64 size);
void luo_medium_detach(void);
int luo_image_seal(void);
void luo_image_invalidate(void);
int luo_image_load(void);
int luo_image_validate(const void *image, u64 slot_size);
void luo_image_release_incoming(void);
void luo_heap_reset(void);

/*
 * EXPORT_SYMBOL_FOR_LUO_TESTS(sym), at the definition of an internal that
 * the core's KUnit suites or its benchmark call: a core built with KUnit
 * exports it to the suites (EXPORT_SYMBOL_IF_KUNIT()), the benchmark's
 * build of the core (LUO_BENCH_EXPORTS=y, scripts/bench.sh) in namespace
 * LUO_BENCH, any other build not at all.  LUO_TEST_HOOKS says whether the
 * hooks below, which only the suites and the benchmark call, are built;
 * the two after them only the suites call.
 */
#if defined(LUO_BENCH_EXPORTS) && IS_ENABLED(CONFIG_KUNIT)
#error "the benchmark's core is built without KUnit: the suites have theirs"
#elif defined(LUO_BENCH_EXPORTS)
#define EXPORT_SYMBOL_FOR_LUO_TESTS(sym)	EXPORT_SYMBOL_NS_GPL(sym, LUO_BENCH)
#else
#define EXPORT_SYMBOL_FOR_LUO_TESTS(sym)	EXPORT_SYMBOL_IF_KUNIT(sym)
#endif
#if IS_ENABLED(CONFIG_KUNIT) || defined(LUO_BENCH_EXPORTS)
#define LUO_TEST_HOOKS	1
#else
#define LUO_TEST_HOOKS	0
#endif

#if LUO_TEST_HOOKS
int luo_load_incoming(void);
int luo_simulate_kexec(void);
void luo_reset(void);
#endif

#if IS_ENABLED(CONFIG_KUNIT)
void luo_set_enabled(bool enabled);
u32 luo_image_checksum(const void *image, u64 size);
#endif

#endif /* _KERNEL_LIVEUPDATE_LUO_INTERNAL_H */
