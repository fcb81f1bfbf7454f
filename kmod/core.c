// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: module setup, the device class and the char device region.
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>

#include "tapi_core.h"

dev_t tapi_devt;

/* Work the core does on its own: dropping calls nobody owns. */
struct workqueue_struct *tapi_wq;

/*
 * The variables of a card's uevents (add, remove, and what reading its
 * "uevent" attribute shows), for udev rules to match on.  Documented in
 * Documentation/ABI/testing/sysfs-class-tapi.  Every device of the class
 * is a card; its lines are children of no class and send no uevents.
 */
static int tapi_dev_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	struct tapi_card *card = dev_get_drvdata(dev);
	int ret;

	ret = add_uevent_var(env, "TAPI_CARD_NAME=%s", card->name);
	if (ret)
		return ret;
	ret = add_uevent_var(env, "TAPI_DRIVER=%s", card->driver);
	if (ret)
		return ret;
	return add_uevent_var(env, "TAPI_NUM_LINES=%u", card->num_lines);
}

struct class tapi_class = {
	.name = "tapi",
	.owner = THIS_MODULE,
	.dev_groups = tapi_card_groups,
	.dev_uevent = tapi_dev_uevent,
};

static int __init tapi_init(void)
{
	int ret;

	tapi_g711_init();
	tapi_wq = alloc_workqueue("tapi", 0, 0);
	if (!tapi_wq)
		return -ENOMEM;
	ret = alloc_chrdev_region(&tapi_devt, 0, TAPI_MAX_CARDS, "tapi");
	if (ret)
		goto err_wq;

	ret = class_register(&tapi_class);
	if (ret)
		goto err_region;
	ret = tapi_nl_init();
	if (ret)
		goto err_class;
	tapi_debugfs_init();
	pr_info("tapi: telephony core, ABI version %u\n", TAPI_ABI_VERSION);
	return 0;

err_class:
	class_unregister(&tapi_class);
err_region:
	unregister_chrdev_region(tapi_devt, TAPI_MAX_CARDS);
err_wq:
	destroy_workqueue(tapi_wq);
	return ret;
}

/*
 * No card can be registered here: every TSP module uses our symbols, so the
 * module loader refuses to unload us while one is loaded, and card and line
 * fds pin this module through their file operations' owner.  Drops still
 * queued hold the last references of their calls: run them (they find the
 * card gone) before the class goes.
 */
static void __exit tapi_exit(void)
{
	tapi_debugfs_exit();
	destroy_workqueue(tapi_wq);
	/* After the drops, which may still have told monitors. */
	tapi_nl_exit();
	class_unregister(&tapi_class);
	unregister_chrdev_region(tapi_devt, TAPI_MAX_CARDS);
}

module_init(tapi_init);
module_exit(tapi_exit);

MODULE_DESCRIPTION("Telephony API core: cards, lines, calls and events");
MODULE_LICENSE("GPL");
