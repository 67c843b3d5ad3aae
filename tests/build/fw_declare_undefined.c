// SPDX-License-Identifier: GPL-2.0
// expect: "luo_handler_ringpol_is_declared_but_never_defined" [
/*
 * A dependency on a handler declared under a misspelt name, which no
 * LUO_HANDLER() defines: the module must not link.
 */
#include <linux/luo_handler/handler.h>

struct pool_state {
	u64 id;
};

struct ring_state {
	struct file *pool;
};

LUO_HANDLER_DECLARE(ringpol);

LUO_SER(pool_ser, struct pool_state, LUO_FIELD(id, pool_ser));
LUO_SER(ring_ser, struct ring_state, LUO_FIELD_DEP(pool, ring_ser, ringpol));

static bool can_preserve(struct file *file)
{
	return false;
}

static int pool_save(struct file *file, struct pool_state *s)
{
	return 0;
}

static struct file *pool_load(struct pool_state *s)
{
	return ERR_PTR(-EINVAL);
}

static int ring_save(struct file *file, struct ring_state *s)
{
	return 0;
}

static struct file *ring_load(struct ring_state *s)
{
	return ERR_PTR(-EINVAL);
}

LUO_HANDLER(ringpool, "ringpool", pool_ser, LUO_VERSIONS(1),
	    .can_preserve = can_preserve, .save = pool_save,
	    .load = pool_load);
LUO_HANDLER(ring, "ring", ring_ser, LUO_VERSIONS(1),
	    .can_preserve = can_preserve, .save = ring_save,
	    .load = ring_load);

static int __init fixture_init(void)
{
	int err = luo_handler_register(&ringpool);

	if (!err)
		err = luo_handler_register(&ring);
	return err;
}

module_init(fixture_init);
MODULE_LICENSE("GPL");
