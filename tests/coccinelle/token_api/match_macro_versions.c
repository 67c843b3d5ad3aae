// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

/* The handler's versions in a macro: still a LUO_HANDLER() file. */
#define RING_VERSIONS LUO_VERSIONS(2, 1)

struct ring_state {
	u64 vm_token;
};

static struct liveupdate_session *ring_session;
static struct file *ring_vm;

/* The callbacks get no session: this one uses one kept aside. */
static int ring_save(struct file *file, struct ring_state *st)
{
	int err;

	err = liveupdate_get_token_outgoing(ring_session, ring_vm, &st->vm_token); // expect: liveupdate_get_token_outgoing() in a file with LUO_HANDLER(): its callbacks have no session to pass it, and the framework would not know of the dependency; declare it with LUO_FIELD_DEP() instead
	if (err)
		return err;
	return 0;
}

static struct file *ring_load(struct ring_state *st)
{
	struct file *vm;

	if (liveupdate_get_file_incoming(ring_session, st->vm_token, &vm)) // expect: liveupdate_get_file_incoming() in a file with LUO_HANDLER()
		return ERR_PTR(-ENOENT);
	return vm;
}

LUO_SER(ring_ser, struct ring_state, LUO_FIELD(vm_token, ring_ser));

LUO_HANDLER(ring_handler, "fixture-ring", ring_ser, RING_VERSIONS,
	    .can_preserve = ring_can_preserve, .save = ring_save,
	    .load = ring_load);
