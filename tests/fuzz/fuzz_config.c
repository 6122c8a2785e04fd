/* Fuzz target: the configuration file reader.  Properties: a refused
 * file is named in the message and leaves the configuration as it was
 * (empty here); a loaded one has no empty key, and every key is found. */
#include "fuzz.h"

#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_config c = {0};
	struct gk_err e;
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	e.msg[0] = '\0';
	if (config_load_file(&c, path, &e) != 0) {
		if (c.n != 0 || strstr(e.msg, path) == NULL)
			abort();
	} else {
		for (size_t i = 0; i < c.n; i++)
			if (c.keys[i][0] == '\0' ||
			    config_get(&c, c.keys[i]) == NULL)
				abort();
	}
	(void)config_get(&c, "api");
	config_release(&c);
	close(fd);
	return 0;
}
