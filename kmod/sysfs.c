// SPDX-License-Identifier: GPL-2.0
/*
 * tapi core: sysfs attributes of cards (/sys/class/tapi/tapiN/) and of their
 * lines (/sys/class/tapi/tapiN/lineK/).  Documented in
 * Documentation/ABI/testing/sysfs-class-tapi.
 */
#include <linux/device.h>
#include <linux/sysfs.h>

#include "tapi_core.h"

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct tapi_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", card->name);
}
static DEVICE_ATTR_RO(name);

static ssize_t driver_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct tapi_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", card->driver);
}
static DEVICE_ATTR_RO(driver);

static ssize_t num_lines_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tapi_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", card->num_lines);
}
static DEVICE_ATTR_RO(num_lines);

static struct attribute *tapi_card_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_driver.attr,
	&dev_attr_num_lines.attr,
	NULL
};

static const struct attribute_group tapi_card_group = {
	.attrs = tapi_card_attrs,
};

const struct attribute_group *tapi_card_groups[] = {
	&tapi_card_group,
	NULL
};

static struct tapi_line *to_tapi_line(struct device *dev)
{
	return container_of(dev, struct tapi_line, dev);
}

/* A line's own "name" attribute; the card's is above. */
static ssize_t line_name_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_tapi_line(dev)->caps.name);
}
static struct device_attribute dev_attr_line_name =
	__ATTR(name, 0444, line_name_show, NULL);

static ssize_t addresses_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tapi_line *line = to_tapi_line(dev);
	unsigned int i;
	int len = 0;

	for (i = 0; i < line->caps.num_addresses; i++)
		len += sysfs_emit_at(buf, len, "%s%s", i ? " " : "",
				     line->addrs[i].address);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}
static DEVICE_ATTR_RO(addresses);

#define TAPI_LINE_CAP_ATTR(_name, _fmt)					\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, _fmt "\n", to_tapi_line(dev)->caps._name); \
}									\
static DEVICE_ATTR_RO(_name)

TAPI_LINE_CAP_ATTR(media_modes, "0x%x");
TAPI_LINE_CAP_ATTR(bearer_modes, "0x%x");
TAPI_LINE_CAP_ATTR(max_active_calls, "%u");
TAPI_LINE_CAP_ATTR(permanent_line_id, "%u");

static ssize_t num_opens_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_tapi_line(dev)->num_opens));
}
static DEVICE_ATTR_RO(num_opens);

static struct attribute *tapi_line_attrs[] = {
	&dev_attr_line_name.attr,
	&dev_attr_addresses.attr,
	&dev_attr_media_modes.attr,
	&dev_attr_bearer_modes.attr,
	&dev_attr_max_active_calls.attr,
	&dev_attr_permanent_line_id.attr,
	&dev_attr_num_opens.attr,
	NULL
};

static const struct attribute_group tapi_line_group = {
	.attrs = tapi_line_attrs,
};

const struct attribute_group *tapi_line_groups[] = {
	&tapi_line_group,
	NULL
};
