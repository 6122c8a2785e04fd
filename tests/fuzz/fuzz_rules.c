/* Fuzz target: the rules expression parser, over a fixed schema.
 * Property: a refused expression says where ("column N: why"). */
#include "fuzz.h"

#include <string.h>

static struct schema *schema;

static struct schema *
fixed_schema(void)
{
	static const char text[] =
		"{\"fields\":[{\"name\":\"a\",\"type\":\"integer\"},"
		"{\"name\":\"b\",\"type\":\"string\"},{\"name\":\"start\",\"type\":\"date\"},"
		"{\"name\":\"end\",\"type\":\"date\"}]}";
	struct gk_err e;
	char path[64];
	int fd = fuzz_file((const uint8_t *)text, sizeof text - 1, path);

	schema = schema_load(path, &e);
	close(fd);
	if (!schema)
		abort();
	return schema;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rule_expr *r;
	struct gk_err e;
	char *text;

	if (!schema)
		fixed_schema();
	text = gk_xstrndup((const char *)data, size);
	if (strlen(text) == size) {
		e.msg[0] = '\0';
		r = rule_compile(text, schema, &e);
		if (!r && strncmp(e.msg, "column ", 7) != 0)
			abort();
		rule_free(r);
	}
	free(text);
	return 0;
}
