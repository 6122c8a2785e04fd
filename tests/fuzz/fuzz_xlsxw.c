/* Fuzz target: gov-xlsx's own flattening JSON parser (xlsxw_add_json). */
#include "fuzz.h"

#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsxw_options o = {0};
	const uint8_t *p = data, *end = data + size;
	struct xlsxw *w;
	struct gk_err e;

	o.sheet_by = "u";
	w = xlsxw_new(&o, &e);
	if (!w)
		return 0;
	/* Each line a record, as gov-xlsx feeds them; copied so the parser
	 * sees exactly the line's bytes and nothing after. */
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = gk_xstrndup((const char *)p, n);

		xlsxw_add_json(w, line, n, &e);
		free(line);
		p += n + 1;
	}
	xlsxw_free(w);
	return 0;
}
