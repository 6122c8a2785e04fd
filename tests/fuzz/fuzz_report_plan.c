/*
 * Fuzz target: gov-report's plan loader (plan.c plan_parse): units,
 * aliases, tasks, lead and cooperating units, milestones, quarters; the
 * text read as the plan file is (json_parse_document: nothing but blanks
 * after the value).
 */
#include "fuzz.h"
#include "report.h"

#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan p;
	struct gk_err e;
	cJSON *root;

	e.msg[0] = '\0';
	root = json_parse_document((const char *)data, size, "plan.json",
				   "the plan", &e);
	if (!root) {
		if (e.msg[0] == '\0')
			abort(); /* a refused text says why */
		return 0;
	}
	e.msg[0] = '\0';
	if (plan_parse(root, "plan.json", &p, &e) == 0) {
		struct gk_quarter q = p.start;

		for (size_t i = 0; i < p.nunits; i++) {
			if (plan_unit_find(&p, p.units[i].id) < 0)
				abort(); /* every unit is found by its id */
		}
		for (size_t i = 0; i < p.ntasks; i++) {
			const struct task *t = &p.tasks[i];

			if (plan_task_find(&p, t->id) < 0)
				abort();
			for (size_t u = 0; u < p.nunits; u++)
				(void)plan_task_role(t, u);
			(void)plan_task_active(t, &q);
		}
		plan_release(&p);
	} else if (e.msg[0] == '\0') {
		abort(); /* a refused plan says why */
	}
	cJSON_Delete(root);
	return 0;
}
