/*
 * Fuzz target: gov-xlsx's own flattening JSON parser (xlsxw_add_json),
 * fed as gov-xlsx feeds it: each line jl_next_line gives.  Property:
 * gov-xlsx takes no line that jl_next (every other tool's reader)
 * refuses, so what goes into a workbook is JSON the suite agrees on.
 * (The other way differs on purpose: cJSON takes numbers with leading
 * zeros, "007", which JSON does not allow and xlsxw refuses.  And a
 * \u0000 that jl_next refuses, gov-xlsx drops from the cell with a
 * warning and exit 1, as gov-xlsx(1) says: such lines are not compared.)
 */
#include "fuzz.h"

#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsxw_options o = {0};
	struct xlsxw *w;
	struct jl_reader r;
	struct gk_err e, je;
	const char *line;
	size_t len;
	char path[64];
	int fd;

	o.sheet_by = "u";
	o.element_sheets = true; /* as gov-xlsx asks */
	w = xlsxw_new(&o, &e);
	if (!w)
		return 0;
	fd = fuzz_file(data, size, path);
	if (fd >= 0 && jl_open(&r, path, &e) == 0) {
		while (jl_next_line(&r, &line, &len, &e) == 1) {
			cJSON *obj = NULL;
			int fast = xlsxw_add_json(w, line, len, &e);

			if (fast == 0 && json_nul_escape_at(line, len) == len &&
			    jl_parse_line(&r, line, len, &obj, NULL, NULL,
					  &je) != 1) {
				dprintf(2,
					"xlsxw took what jl_next refuses: %s\n",
					je.msg);
				abort();
			}
			cJSON_Delete(obj);
		}
		jl_close(&r);
	}
	if (fd >= 0)
		close(fd);
	xlsxw_free(w);
	return 0;
}
