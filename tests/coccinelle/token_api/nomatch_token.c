// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>

struct fixture_ser {
	__le64 token;
};

static int checked_preserve(struct liveupdate_file_op_args *args,
			    struct file *dep, struct fixture_ser *ser)
{
	u64 token;
	int err;

	err = liveupdate_get_token_outgoing(args->session, dep, &token);
	if (err)
		return err;
	ser->token = cpu_to_le64(token);
	return 0;
}

static int checked_retrieve(struct liveupdate_file_op_args *args,
			    struct fixture_ser *ser)
{
	struct file *vm;
	int err = liveupdate_get_file_incoming(args->session,
					       le64_to_cpu(ser->token), &vm);

	if (err)
		return err;
	args->file = vm;
	return 0;
}

static int returned(struct liveupdate_session *s, u64 token,
		    struct file **filep)
{
	return liveupdate_get_file_incoming(s, token, filep);
}
