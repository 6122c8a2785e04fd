/* Fuzz target: the configuration file reader. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_config c = {0};
	struct gk_err e;
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	config_load_file(&c, path, &e);
	(void)config_get(&c, "api");
	config_release(&c);
	close(fd);
	return 0;
}
