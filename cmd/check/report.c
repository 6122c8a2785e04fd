/*
 * report.c: findings and summaries out, as JSON Lines or as a table a
 * person scans, and the scores (the formula is in gov-check(1)).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* A warning lowers a score half as much as an error. */
#define WARNING_WEIGHT 0.5
/* Text form: widths of the field, check and value columns. */
#define TEXT_FIELD_WIDTH 16
#define TEXT_VALUE_WIDTH 22
static const struct {
	const char *name;
	enum chk_dim dim;
} codes[CK_COUNT] = {
	[CK_ENCODING] = {"encoding", DIM_ACCESSIBILITY},
	[CK_BLANK_HEADER] = {"blank-header", DIM_CONFORMITY},
	[CK_DUPLICATE_HEADER] = {"duplicate-header", DIM_CONFORMITY},
	[CK_MISSING_COLUMN] = {"missing-column", DIM_CONFORMITY},
	[CK_EXTRA_COLUMN] = {"extra-column", DIM_CONFORMITY},
	[CK_EXTRA_CELL] = {"extra-cell", DIM_COMPLETENESS},
	[CK_MISSING_CELL] = {"missing-cell", DIM_COMPLETENESS},
	[CK_BLANK_ROW] = {"blank-row", DIM_COMPLETENESS},
	[CK_REQUIRED] = {"required", DIM_COMPLETENESS},
	[CK_TYPE] = {"type", DIM_CONFORMITY},
	[CK_FORMAT] = {"format", DIM_ACCURACY},
	[CK_PATTERN] = {"pattern", DIM_CONFORMITY},
	[CK_ENUM] = {"enum", DIM_CONFORMITY},
	[CK_MIN_LENGTH] = {"min-length", DIM_CONFORMITY},
	[CK_MAX_LENGTH] = {"max-length", DIM_CONFORMITY},
	[CK_MINIMUM] = {"minimum", DIM_ACCURACY},
	[CK_MAXIMUM] = {"maximum", DIM_ACCURACY},
	[CK_DUPLICATE_ROW] = {"duplicate-row", DIM_CONSISTENCY},
	[CK_UNIQUE] = {"unique", DIM_CONSISTENCY},
	[CK_PRIMARY_KEY] = {"primary-key", DIM_CONSISTENCY},
	[CK_FOREIGN_KEY] = {"foreign-key", DIM_CONSISTENCY},
	[CK_RULE] = {"rule", DIM_CONSISTENCY},
	[CK_FRESHNESS] = {"freshness", DIM_TIMELINESS},
	[CK_ROW_COUNT] = {"row-count", DIM_COMPLETENESS},
};

static const char *const dim_names[DIM_COUNT] = {
	"conformity",  "completeness", "accuracy",
	"consistency", "timeliness",   "accessibility",
};
static const char *const dim_names_zh[DIM_COUNT] = {
	"规范性", "完整性", "准确性", "一致性", "时效性", "可访问性",
};

const char *
chk_code_name(enum chk_code c)
{
	return codes[c].name;
}

enum chk_dim
chk_code_dim(enum chk_code c)
{
	return codes[c].dim;
}

const char *
chk_dim_name(enum chk_dim d)
{
	return dim_names[d];
}

int
chk_code_parse(const char *s, size_t n)
{
	for (int i = 0; i < CK_COUNT; i++)
		if (strlen(codes[i].name) == n &&
		    memcmp(codes[i].name, s, n) == 0)
			return i;
	return -1;
}

struct report {
	FILE *fp;
	const struct chk_options *o;
	enum gk_format fmt;
	char *file;
	struct track *track;
	long count[CK_COUNT];
	long printed[CK_COUNT];
	long total, errors, warnings;
	long n_new, n_persisting;
	bool truncated;
	long dim_findings[DIM_COUNT];
	double dim_rows[DIM_COUNT]; /* row-level, weighted */
	long dim_last_row[DIM_COUNT];
	double dim_last_w[DIM_COUNT];
	double dim_header[DIM_COUNT]; /* header findings, weighted */
	double dim_whole[DIM_COUNT];  /* whole-file findings, weighted */
	bool table_started;
	long files_ended; /* files whose summary is out, kept across files */
	struct gk_buf line, val;
	struct gk_buf field, message; /* masked copies */
};

struct report *
report_new(FILE *fp, const struct chk_options *o)
{
	struct report *r = gk_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->o = o;
	r->fmt = gk_format_resolve(o->format, fp);
	buf_init(&r->line);
	buf_init(&r->val);
	buf_init(&r->field);
	buf_init(&r->message);
	return r;
}

void
report_free(struct report *r)
{
	if (!r)
		return;
	free(r->file);
	buf_release(&r->line);
	buf_release(&r->val);
	buf_release(&r->field);
	buf_release(&r->message);
	free(r);
}

void
report_set_track(struct report *r, struct track *t)
{
	r->track = t;
}

void
report_begin(struct report *r, const char *file)
{
	struct gk_buf keep = r->line, keepv = r->val;
	struct gk_buf keepf = r->field, keepm = r->message;
	FILE *fp = r->fp;
	const struct chk_options *o = r->o;
	enum gk_format fmt = r->fmt;
	long ended = r->files_ended;

	free(r->file);
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->o = o;
	r->fmt = fmt;
	r->line = keep;
	r->val = keepv;
	r->field = keepf;
	r->message = keepm;
	r->files_ended = ended;
	r->file = gk_xstrdup(file);
}

/* A value as a finding shows it: an ID or phone number anywhere in it
 * masked ("张三 138****5678"), as gov-records masks it; a personal
 * field's malformed value too. */
static void
mask_part(const char *s, size_t n, bool personal, struct gk_buf *out)
{
	if (personal)
		mask_personal(s, n, out);
	else
		mask_text(s, n, out);
}

/* A field's name or a message as the finding shows it: masked unless
 * --no-mask (a header cell may be an ID, a message may quote a value or
 * the schema's). */
static const char *
shown_text(struct report *r, const char *s, struct gk_buf *b)
{
	if (!s || r->o->no_mask || !mask_text_needed(s, strlen(s)))
		return s;
	buf_reset(b);
	mask_text(s, strlen(s), b);
	return b->data;
}

static void
shown_value(struct report *r, const struct finding *f)
{
	buf_reset(&r->val);
	if (r->o->no_mask) {
		buf_add(&r->val, f->value, f->value_len);
	} else if (f->nparts) {
		size_t at = 0;
		for (size_t i = 0; i < f->nparts; i++) {
			const struct value_part *p = &f->parts[i];
			buf_add(&r->val, f->value + at, p->off - at);
			mask_part(f->value + p->off, p->len, p->personal,
				  &r->val);
			at = p->off + p->len;
		}
		buf_add(&r->val, f->value + at, f->value_len - at);
	} else {
		mask_part(f->value, f->value_len, f->personal, &r->val);
	}
	if (!r->val.data)
		buf_addc(&r->val, '\0');
}

static void
json_opt_string(struct gk_buf *b, const char *s)
{
	if (s)
		buf_add_json_string(b, s, strlen(s));
	else
		buf_adds(b, "null");
}

static void
text_finding(struct report *r, const struct finding *f, const char *status)
{
	struct gk_buf *b = &r->line;
	char num[32];

	if (!r->table_started) {
		/* each file after the first set apart from the one before */
		fprintf(r->fp, "%s%s\n", r->files_ended ? "\n" : "", r->file);
		fprintf(r->fp, "%6s %4s  %-*s %-16s %-7s %-*s %s\n", "ROW",
			"COL", TEXT_FIELD_WIDTH, "FIELD", "CHECK", "LEVEL",
			TEXT_VALUE_WIDTH, "VALUE", "MESSAGE");
		r->table_started = true;
	}
	buf_reset(b);
	if (f->row)
		buf_printf(b, "%6ld ", f->row);
	else
		buf_printf(b, "%6s ", "-");
	if (f->column)
		snprintf(num, sizeof num, "%ld", f->column);
	else
		snprintf(num, sizeof num, "-");
	buf_printf(b, "%4s  ", num);
	buf_add_cell(b, f->field ? f->field : "-",
		     f->field ? strlen(f->field) : 1, TEXT_FIELD_WIDTH, false);
	buf_printf(b, " %-16s %-7s ", chk_code_name(f->check),
		   f->warning ? "warning" : "error");
	if (f->has_value)
		buf_add_cell(b, r->val.data, r->val.len, TEXT_VALUE_WIDTH,
			     false);
	else
		buf_add_cell(b, "", 0, TEXT_VALUE_WIDTH, false);
	buf_addc(b, ' ');
	buf_add_printable(b, f->message, strlen(f->message));
	if (status)
		buf_printf(b, " [%s]", status);
	buf_addc(b, '\n');
	fwrite(b->data, 1, b->len, r->fp);
}

static void
json_finding(struct report *r, const struct finding *f, const char *status)
{
	struct gk_buf *b = &r->line;

	buf_reset(b);
	buf_adds(b, "{\"type\":\"finding\",\"file\":");
	buf_add_json_string(b, r->file, strlen(r->file));
	if (f->row)
		buf_printf(b, ",\"row\":%ld", f->row);
	else
		buf_adds(b, ",\"row\":null");
	if (f->column)
		buf_printf(b, ",\"column\":%ld", f->column);
	else
		buf_adds(b, ",\"column\":null");
	buf_adds(b, ",\"field\":");
	json_opt_string(b, f->field);
	buf_printf(
		b,
		",\"check\":\"%s\",\"dimension\":\"%s\",\"severity\":\"%s\",\"value\":",
		chk_code_name(f->check), dim_names[chk_code_dim(f->check)],
		f->warning ? "warning" : "error");
	if (f->has_value)
		buf_add_json_string(b, r->val.data, r->val.len);
	else
		buf_adds(b, "null");
	buf_adds(b, ",\"message\":");
	buf_add_json_string(b, f->message, strlen(f->message));
	if (status)
		buf_printf(b, ",\"status\":\"%s\"", status);
	buf_adds(b, "}\n");
	fwrite(b->data, 1, b->len, r->fp);
}

void
report_finding(struct report *r, const struct finding *f)
{
	enum chk_dim d = chk_code_dim(f->check);
	double w = f->warning ? WARNING_WEIGHT : 1.0;
	const char *status = NULL;
	struct finding shown = *f;

	r->total++;
	r->count[f->check]++;
	if (f->warning)
		r->warnings++;
	else
		r->errors++;
	r->dim_findings[d]++;
	if (f->check == CK_FRESHNESS || f->check == CK_ROW_COUNT) {
		r->dim_whole[d] += w * f->share;
	} else if (!f->row) {
		r->dim_header[d] += w;
	} else {
		/* a row's findings come one after the other, but for those
		 * told at the end, which say what their row had */
		if (f->row != r->dim_last_row[d]) {
			r->dim_last_row[d] = f->row;
			r->dim_last_w[d] = f->counted;
		}
		if (w > r->dim_last_w[d]) {
			r->dim_rows[d] += w - r->dim_last_w[d];
			r->dim_last_w[d] = w;
		}
	}
	if (r->track) {
		status = track_status(r->track, f);
		if (status[0] == 'n')
			r->n_new++;
		else
			r->n_persisting++;
	}
	if (r->o->max_findings >= 0 &&
	    r->printed[f->check] >= r->o->max_findings) {
		r->truncated = true;
		return;
	}
	r->printed[f->check]++;
	if (f->has_value)
		shown_value(r, f);
	shown.field = shown_text(r, f->field, &r->field);
	shown.message = shown_text(r, f->message, &r->message);
	if (r->fmt == GK_FORMAT_TEXT)
		text_finding(r, &shown, status);
	else
		json_finding(r, &shown, status);
}

double
report_row_weight(const struct report *r, enum chk_dim d, long row)
{
	return row && r->dim_last_row[d] == row ? r->dim_last_w[d] : 0;
}

static double
round1(double x)
{
	return floor(x * 10 + 0.5) / 10;
}

/* The file's scores, one per dimension and overall, as the summary
 * shows them. */
struct scores {
	double score[DIM_COUNT];
	bool applies[DIM_COUNT];
	int napply;
	char overall_text[16];
};

static void
compute_scores(const struct report *r, const struct file_stats *st,
	       struct scores *sc)
{
	double rows = st->rows > 0 ? (double)st->rows : 1;
	double fields = st->fields > 0 ? (double)st->fields : 1;
	double sum = 0, overall;

	sc->napply = 0;
	for (int d = 0; d < DIM_COUNT; d++) {
		double hit = r->dim_rows[d] + r->dim_header[d] * rows / fields +
			     r->dim_whole[d] * rows;
		sc->applies[d] = st->measured[d] || r->dim_findings[d] > 0;
		sc->score[d] = round1(100.0 * fmax(0.0, 1.0 - hit / rows));
		if (sc->applies[d]) {
			sum += sc->score[d];
			sc->napply++;
		}
	}
	/* NAN when no dimension was measured (every check skipped) */
	overall = sc->napply ? round1(sum / sc->napply) : NAN;

	if (sc->napply)
		snprintf(sc->overall_text, sizeof sc->overall_text, "%.1f",
			 overall);
	else
		snprintf(sc->overall_text, sizeof sc->overall_text, "-");
}

static void
text_dimensions(struct report *r, const struct scores *sc)
{
	struct gk_buf *b = &r->line;

	buf_printf(b, "  %-24s %8s %6s\n", "dimension", "findings", "score");
	for (int d = 0; d < DIM_COUNT; d++) {
		size_t pad =
			24 - strlen(dim_names[d]) - 1 -
			utf8_width(dim_names_zh[d], strlen(dim_names_zh[d]));
		buf_printf(b, "  %s %s%*s %8ld ", dim_names[d], dim_names_zh[d],
			   (int)pad, "", r->dim_findings[d]);
		if (sc->applies[d])
			buf_printf(b, "%6.1f\n", sc->score[d]);
		else
			buf_printf(b, "%6s\n", "-");
	}
}

static void
text_summary(struct report *r, const struct file_stats *st,
	     const struct scores *sc)
{
	struct gk_buf *b = &r->line;
	bool first;

	if (r->table_started || r->files_ended)
		buf_addc(b, '\n');
	buf_printf(
		b,
		"%s: %ld row%s, %ld field%s, %ld finding%s (%ld error%s, %ld warning%s); score %s; %s\n",
		r->file, st->rows, st->rows == 1 ? "" : "s", st->fields,
		st->fields == 1 ? "" : "s", r->total, r->total == 1 ? "" : "s",
		r->errors, r->errors == 1 ? "" : "s", r->warnings,
		r->warnings == 1 ? "" : "s", sc->overall_text,
		r->errors ? "NOT VALID" : "valid");
	buf_printf(b, "  sha256 %s  encoding %s\n", st->sha256, st->encoding);
	text_dimensions(r, sc);
	if (r->total) {
		buf_adds(b, "  by check:");
		first = true;
		for (int c = 0; c < CK_COUNT; c++)
			if (r->count[c]) {
				buf_printf(b, "%s %s %ld", first ? "" : ",",
					   codes[c].name, r->count[c]);
				first = false;
			}
		buf_addc(b, '\n');
	}
	if (r->truncated)
		buf_printf(
			b,
			"  (list capped at %ld per check by --max-findings; the counts are complete)\n",
			r->o->max_findings);
	if (r->track)
		buf_printf(
			b,
			"  tracked: %ld new, %ld persisting, %ld resolved since the last run\n",
			r->n_new, r->n_persisting, st->resolved);
}

static void
json_summary(struct report *r, const struct file_stats *st,
	     const struct scores *sc)
{
	struct gk_buf *b = &r->line;
	bool first;

	buf_adds(b, "{\"type\":\"summary\",\"file\":");
	buf_add_json_string(b, r->file, strlen(r->file));
	buf_printf(
		b,
		",\"sha256\":\"%s\",\"rows\":%ld,\"fields\":%ld,\"encoding\":",
		st->sha256, st->rows, st->fields);
	buf_add_json_string(b, st->encoding, strlen(st->encoding));
	buf_printf(
		b,
		",\"findings\":%ld,\"errors\":%ld,\"warnings\":%ld,\"by_check\":{",
		r->total, r->errors, r->warnings);
	first = true;
	for (int c = 0; c < CK_COUNT; c++)
		if (r->count[c]) {
			buf_printf(b, "%s\"%s\":%ld", first ? "" : ",",
				   codes[c].name, r->count[c]);
			first = false;
		}
	buf_adds(b, "},\"dimensions\":{");
	for (int d = 0; d < DIM_COUNT; d++) {
		buf_printf(b, "%s\"%s\":{\"findings\":%ld,\"score\":",
			   d ? "," : "", dim_names[d], r->dim_findings[d]);
		if (sc->applies[d])
			buf_printf(b, "%.1f}", sc->score[d]);
		else
			buf_adds(b, "null}");
	}
	buf_printf(b, "},\"score\":%s,\"valid\":%s,\"truncated\":%s",
		   sc->napply ? sc->overall_text : "null",
		   r->errors ? "false" : "true",
		   r->truncated ? "true" : "false");
	if (r->track)
		buf_printf(b,
			   ",\"new\":%ld,\"persisting\":%ld,\"resolved\":%ld",
			   r->n_new, r->n_persisting, st->resolved);
	buf_adds(b, "}\n");
}

bool
report_end(struct report *r, const struct file_stats *st)
{
	struct scores sc;

	compute_scores(r, st, &sc);
	buf_reset(&r->line);
	if (r->fmt == GK_FORMAT_TEXT)
		text_summary(r, st, &sc);
	else
		json_summary(r, st, &sc);
	fwrite(r->line.data, 1, r->line.len, r->fp);
	r->files_ended++;
	return r->errors > 0;
}
