/* Fuzz target: the JSON Lines reader, and masking of what it reads. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jl_reader r;
	struct gk_err e;
	cJSON *obj;
	char path[64];
	int fd = fuzz_file(data, size, path), got;

	if (fd < 0)
		return 0;
	if (jl_open(&r, path, &e) == 0) {
		while ((got = jl_next(&r, &obj, &e)) != 0) {
			if (got > 0) {
				mask_json(obj);
				cJSON_Delete(obj);
			}
		}
		jl_close(&r);
	}
	close(fd);
	return 0;
}
