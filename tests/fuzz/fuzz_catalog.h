/*
 * tests/fuzz/fuzz_catalog.h: what gov-catalog's modules take from its
 * main.c, which the fuzz targets of cmd/catalog do not link (fuzz_rule):
 * no database, records read from nowhere, what is emitted written to
 * c->fp through mask_text.  Included once, by a target's own file.
 */
#ifndef GOVKIT_FUZZ_CATALOG_H
#define GOVKIT_FUZZ_CATALOG_H

#include "catalog.h"

#include <string.h>

int
cat_db(struct cat_ctx *c)
{
	(void)c;
	return -1;
}

int
cat_db_read(struct cat_ctx *c)
{
	(void)c;
	return -1;
}

const char *
cat_user(const struct cat_ctx *c)
{
	(void)c;
	return "fuzz";
}

int
cat_check_filters(const struct cat_ctx *c)
{
	(void)c;
	return 0;
}

void
cat_mask(const struct cat_ctx *c, cJSON *v)
{
	(void)c;
	(void)v;
}

int
cat_emit(struct cat_ctx *c, const cJSON *rec)
{
	char *text = cJSON_PrintUnformatted(rec);
	int rc = 0;

	if (!text)
		return -1;
	if (mask_text_needed(text, strlen(text))) {
		struct gk_buf b;
		buf_init(&b);
		mask_text(text, strlen(text), &b);
		buf_release(&b);
	}
	if (fputs(text, c->fp) < 0)
		rc = -1;
	free(text);
	return rc;
}

int
cat_read_records(struct cat_ctx *c, const char *path, FILE *spool,
		 cat_record_fn cb, void *arg)
{
	(void)c;
	(void)path;
	(void)spool;
	(void)cb;
	(void)arg;
	return GK_EXIT_FAIL;
}

int
cat_read_batch(struct cat_ctx *c, int argc, char **argv, cat_record_fn cb)
{
	(void)c;
	(void)argc;
	(void)argv;
	(void)cb;
	return GK_EXIT_FAIL;
}

#endif
