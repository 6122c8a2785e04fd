/* Fuzz target: the Table Schema loader (and the rules it compiles).
 * Property: a refused schema is named in the message ("FILE: where: why"
 * or "FILE:line:col: not valid JSON"). */
#include "fuzz.h"

#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct schema *s;
	struct gk_err e;
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	e.msg[0] = '\0';
	s = schema_load(path, &e);
	if (!s && strstr(e.msg, path) == NULL)
		abort();
	if (s) {
		for (size_t i = 0; i < schema_field_count(s); i++) {
			cJSON *v = schema_cast(s, i, "12", 2);
			cJSON_Delete(v);
		}
		schema_free(s);
	}
	close(fd);
	return 0;
}
