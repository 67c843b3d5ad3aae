// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

struct vcpu_state {
	u64 vm_token;
};

LUO_SER(vcpu_ser, struct vcpu_state, LUO_FIELD(vm_token, vcpu_ser));

LUO_HANDLER(vcpu_handler, "fixture-vcpu", vcpu_ser, LUO_VERSIONS(1),
	    .can_preserve = vcpu_can_preserve, .save = vcpu_save,
	    .load = vcpu_load);

/* A dependency looked up by hand, behind the framework's back. */
static int vcpu_token(struct liveupdate_session *s, struct file *vm,
		      struct vcpu_state *st)
{
	int err = liveupdate_get_token_outgoing(s, vm, &st->vm_token); // expect: liveupdate_get_token_outgoing() in a file with LUO_HANDLER()

	if (err)
		return err;
	return 0;
}
