// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>

struct fixture_ser {
	__le64 token;
};

static int ignored_preserve(struct liveupdate_file_op_args *args,
			    struct file *dep, struct fixture_ser *ser)
{
	u64 token = 0;

	liveupdate_get_token_outgoing(args->session, dep, &token); // expect: result of liveupdate_get_token_outgoing() ignored
	ser->token = cpu_to_le64(token);
	return 0;
}

static int unchecked_preserve(struct liveupdate_file_op_args *args,
			      struct file *dep, struct fixture_ser *ser)
{
	u64 token;
	int err;

	err = liveupdate_get_token_outgoing(args->session, dep, &token);
	ser->token = cpu_to_le64(token); // expect: token used before the result of liveupdate_get_token_outgoing() on line 24 is checked
	return err;
}

static int unchecked_retrieve(struct liveupdate_file_op_args *args,
			      struct fixture_ser *ser)
{
	struct file *vm;
	int err = liveupdate_get_file_incoming(args->session,
					       le64_to_cpu(ser->token), &vm);

	args->file = vm; // expect: vm used before the result of liveupdate_get_file_incoming() on line 33 is checked
	return err;
}
