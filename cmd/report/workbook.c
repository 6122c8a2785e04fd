/*
 * workbook.c: the quarterly workbook (summary with a chart, tasks, units,
 * missing reports, milestones, the reports themselves) and a unit's
 * template, written with libxlsxwriter into a reserved temporary name and
 * renamed into place.  Document properties carry a fixed creation time
 * (today, midnight UTC), so the same quarter compiled twice is the same
 * bytes.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "report.h"

/* Colours: a status is a pale fill with a dark font of the same hue. */
#define C_HEADER_BG 0x1F4E79
#define C_HEADER_FG 0xFFFFFF
#define C_BORDER 0xBFBFBF
#define C_TITLE 0x1F4E79
#define C_NOTE 0x7F7F7F
#define C_INPUT_BG 0xFFF9E5
#define C_BAND_BG 0xF2F6FA

static const lxw_color_t status_bg[PS_TASK_COUNT] = {
	0xEDEDED, 0xDDEBF7, 0xFFEB9C, 0xFFC7CE, 0xC6EFCE, 0xF8CBAD,
};
static const lxw_color_t status_fg[PS_TASK_COUNT] = {
	0x595959, 0x1F4E79, 0x9C5700, 0x9C0006, 0x006100, 0x843C0C,
};
/* Chart bars: stronger versions of the same hues. */
static const lxw_color_t status_bar[PS_TASK_COUNT] = {
	0xA6A6A6, 0x5B9BD5, 0xFFC000, 0xE15759, 0x70AD47, 0xED7D31,
};
/* Order of the statuses in tables and the chart: best first. */
static const int status_order[PS_TASK_COUNT] = {
	PS_DONE,    PS_ON_TRACK,    PS_AT_RISK,
	PS_DELAYED, PS_NOT_STARTED, PS_UNREPORTED,
};
static const int ms_status[MS_COUNT] = {
	PS_NOT_STARTED,
	PS_AT_RISK,
	PS_DELAYED,
	PS_DONE,
};

/* Dates as gov-xlsx writes them: Excel's serial of 1970-01-01, the
 * first day past Excel's 1900-02-29, the format shown. */
#define EXCEL_UNIX_EPOCH 25569
#define EXCEL_FIRST_SAFE_SERIAL 61
#define DATE_FORMAT "yyyy-mm-dd"

/* A unit's compliance rate at or above this is shown green, below the
 * warning level red, between them amber. */
#define RATE_GOOD 1.0
#define RATE_WARN 0.8

/* The summary's key figures: row height; the chart beside them is as
 * tall as they are. */
#define FIGURE_ROW_PT 22.0
#define PX_PER_PT (96.0 / 72.0)
#define CHART_WIDTH 525
#define CHART_DEFAULT_WIDTH 480.0
#define CHART_DEFAULT_HEIGHT 288.0

struct fmts {
	lxw_format *title, *subtitle, *note, *header, *cell, *cell_c, *wrap,
		*pct, *num, *label, *big, *big_pct, *total, *total_num, *input,
		*input_c, *band, *date_c;
	lxw_format *status[PS_TASK_COUNT];
	lxw_format *rate[3];
};

static const char *
font_for(enum lang l)
{
	return l == LANG_ZH ? "微软雅黑" : "Calibri";
}

static lxw_format *
fmt_base(lxw_workbook *wb, enum lang l)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, font_for(l));
	format_set_font_size(f, 10);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static lxw_format *
fmt_cell(lxw_workbook *wb, enum lang l)
{
	lxw_format *f = fmt_base(wb, l);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_border_color(f, C_BORDER);
	return f;
}

/* Titles and notes: text without a border. */
static void
make_text_fmts(lxw_workbook *wb, enum lang l, struct fmts *f)
{
	f->title = fmt_base(wb, l);
	format_set_bold(f->title);
	format_set_font_size(f->title, 16);
	format_set_font_color(f->title, C_TITLE);
	f->subtitle = fmt_base(wb, l);
	format_set_bold(f->subtitle);
	format_set_font_size(f->subtitle, 12);
	f->note = fmt_base(wb, l);
	format_set_font_color(f->note, C_NOTE);
	format_set_font_size(f->note, 9);
}

/* A table's header and its plain cells: text, dates, percents, counts. */
static void
make_table_fmts(lxw_workbook *wb, enum lang l, struct fmts *f)
{
	f->header = fmt_cell(wb, l);
	format_set_bold(f->header);
	format_set_bg_color(f->header, C_HEADER_BG);
	format_set_font_color(f->header, C_HEADER_FG);
	format_set_text_wrap(f->header);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	f->cell = fmt_cell(wb, l);
	f->cell_c = fmt_cell(wb, l);
	format_set_align(f->cell_c, LXW_ALIGN_CENTER);
	f->date_c = fmt_cell(wb, l);
	format_set_align(f->date_c, LXW_ALIGN_CENTER);
	format_set_num_format(f->date_c, DATE_FORMAT);
	f->wrap = fmt_cell(wb, l);
	format_set_text_wrap(f->wrap);
	f->pct = fmt_cell(wb, l);
	format_set_num_format(f->pct, "0%");
	format_set_align(f->pct, LXW_ALIGN_CENTER);
	f->num = fmt_cell(wb, l);
	format_set_align(f->num, LXW_ALIGN_CENTER);
}

/* The summary's key figures and the totals rows, on the band colour. */
static void
make_figure_fmts(lxw_workbook *wb, enum lang l, struct fmts *f)
{
	f->label = fmt_cell(wb, l);
	format_set_bg_color(f->label, C_BAND_BG);
	f->big = fmt_cell(wb, l);
	format_set_bold(f->big);
	format_set_font_size(f->big, 12);
	format_set_align(f->big, LXW_ALIGN_CENTER);
	f->big_pct = fmt_cell(wb, l);
	format_set_bold(f->big_pct);
	format_set_font_size(f->big_pct, 12);
	format_set_align(f->big_pct, LXW_ALIGN_CENTER);
	format_set_num_format(f->big_pct, "0.0%");
	f->total = fmt_cell(wb, l);
	format_set_bold(f->total);
	format_set_bg_color(f->total, C_BAND_BG);
	f->total_num = fmt_cell(wb, l);
	format_set_bold(f->total_num);
	format_set_bg_color(f->total_num, C_BAND_BG);
	format_set_align(f->total_num, LXW_ALIGN_CENTER);
}

/* A template's cells: those the unit fills in (unlocked) and those
 * filled in already. */
static void
make_template_fmts(lxw_workbook *wb, enum lang l, struct fmts *f)
{
	f->input = fmt_cell(wb, l);
	format_set_bg_color(f->input, C_INPUT_BG);
	format_set_text_wrap(f->input);
	format_set_unlocked(f->input);
	f->input_c = fmt_cell(wb, l);
	format_set_bg_color(f->input_c, C_INPUT_BG);
	format_set_align(f->input_c, LXW_ALIGN_CENTER);
	format_set_unlocked(f->input_c);
	f->band = fmt_cell(wb, l);
	format_set_bg_color(f->band, C_BAND_BG);
	format_set_text_wrap(f->band);
}

/* A status in its colours, and a compliance rate in those of the status
 * it compares with (done, at risk, delayed). */
static void
make_status_fmts(lxw_workbook *wb, enum lang l, struct fmts *f)
{
	for (int s = 0; s < PS_TASK_COUNT; s++) {
		f->status[s] = fmt_cell(wb, l);
		format_set_bg_color(f->status[s], status_bg[s]);
		format_set_font_color(f->status[s], status_fg[s]);
		format_set_align(f->status[s], LXW_ALIGN_CENTER);
		format_set_bold(f->status[s]);
	}
	for (int i = 0; i < 3; i++) {
		static const int map[3] = {PS_DONE, PS_AT_RISK, PS_DELAYED};

		f->rate[i] = fmt_cell(wb, l);
		format_set_num_format(f->rate[i], "0.0%");
		format_set_align(f->rate[i], LXW_ALIGN_CENTER);
		format_set_bg_color(f->rate[i], status_bg[map[i]]);
		format_set_font_color(f->rate[i], status_fg[map[i]]);
	}
}

/* Every format of the workbooks, added in this order (the order of the
 * styles in the file). */
static void
make_fmts(lxw_workbook *wb, enum lang l, struct fmts *f)
{
	make_text_fmts(wb, l, f);
	make_table_fmts(wb, l, f);
	make_figure_fmts(wb, l, f);
	make_template_fmts(wb, l, f);
	make_status_fmts(wb, l, f);
}

/* The formats in a struct fmts: the named ones, the statuses, the rates. */
#define FMTS_COUNT (18 + PS_TASK_COUNT + 3)
_Static_assert(sizeof(struct fmts) == FMTS_COUNT * sizeof(lxw_format *),
	       "every format of struct fmts is listed in fmts_members");

static void
fmts_members(struct fmts *f, lxw_format **m[FMTS_COUNT])
{
	lxw_format **named[] = {
		&f->title,   &f->subtitle, &f->note,   &f->header,    &f->cell,
		&f->cell_c,  &f->wrap,     &f->pct,    &f->num,       &f->label,
		&f->big,     &f->big_pct,  &f->total,  &f->total_num, &f->input,
		&f->input_c, &f->band,     &f->date_c,
	};
	size_t i = 0;

	for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
		m[i++] = named[k];
	for (int s = 0; s < PS_TASK_COUNT; s++)
		m[i++] = &f->status[s];
	for (int k = 0; k < 3; k++)
		m[i++] = &f->rate[k];
}

/*
 * The workbook being written (one at a time), for the functions below:
 * its name, for the warnings, the texts cut so far, its formats, and the
 * same again with text wrap on, each the twin of one of the formats: a
 * text holding a line break is written in the twin of its cell's
 * format, shown on its lines as its border, colours and alignment are
 * kept.  (A format no cell uses is not in the workbook: the twins cost a
 * workbook without line breaks nothing.)
 */
static struct {
	const char *path;
	long cut;
	struct fmts *f, *wrapped;
} cells;

/* Formats of workbook wb into f, their wrapped twins into wrapped, both
 * kept in cells for its texts; cells' count of texts cut set to 0. */
static void
start_cells(lxw_workbook *wb, enum lang l, const char *path, struct fmts *f,
	    struct fmts *wrapped)
{
	lxw_format **m[FMTS_COUNT];

	make_fmts(wb, l, f);
	make_fmts(wb, l, wrapped);
	fmts_members(wrapped, m);
	for (size_t i = 0; i < FMTS_COUNT; i++)
		format_set_text_wrap(*m[i]);
	cells.path = path;
	cells.cut = 0;
	cells.f = f;
	cells.wrapped = wrapped;
}

/* The format for text s in a cell of format f: its wrapped twin when s
 * holds a line break. */
static lxw_format *
text_format(const char *s, lxw_format *f)
{
	lxw_format **m[FMTS_COUNT], **t[FMTS_COUNT];

	if (strchr(s, '\n') == NULL || f == NULL)
		return f;
	fmts_members(cells.f, m);
	fmts_members(cells.wrapped, t);
	for (size_t i = 0; i < FMTS_COUNT; i++)
		if (*m[i] == f)
			return *t[i];
	return f;
}

/*
 * Text as a cell holds it (into b): cut to Excel's 32,767 characters,
 * with a warning naming the cell, and escaped so that Excel reads it
 * back as it was (xlsxw_text_escape): a unit's "_x0041_" is not an "A",
 * and a U+FFFF in a report does not make the whole workbook one that
 * nothing opens.  Uncut, a text past the limit was refused by the
 * library and its cell left empty.
 */
static const char *
cell_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	  struct gk_buf *b)
{
	size_t n, fit;
	char ref[LXW_MAX_CELL_NAME_LENGTH];

	if (s == NULL)
		return "";
	n = strlen(s);
	fit = xlsxw_text_fit(s, n);
	if (fit < n) {
		lxw_rowcol_to_cell(ref, r, c);
		gk_warn("%s: sheet '%s', cell %s: text cut to Excel's %d "
			"characters",
			cells.path, ws->name, ref, XLSXW_CELL_MAX_UNITS);
		cells.cut++;
	}
	if (xlsxw_text_escape(s, fit, b))
		return b->data;
	if (fit < n) {
		buf_reset(b);
		buf_add(b, s, fit);
		return b->data;
	}
	return s;
}

/* Every text of the workbooks is written through these two. */
static void
text_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	  lxw_format *f)
{
	struct gk_buf b;
	const char *t;

	buf_init(&b);
	t = cell_text(ws, r, c, s, &b);
	worksheet_write_string(ws, r, c, t, text_format(t, f));
	buf_release(&b);
}

static void
text_range(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
	   lxw_col_t c2, const char *s, lxw_format *f)
{
	struct gk_buf b;
	const char *t;

	buf_init(&b);
	t = cell_text(ws, r1, c1, s, &b);
	worksheet_merge_range(ws, r1, c1, r2, c2, t, text_format(t, f));
	buf_release(&b);
}

/*
 * A date (YYYY-MM-DD) as Excel's own, shown as gov-xlsx shows one, so
 * that it sorts and filters as a date; text when it is not one.
 */
static void
date_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *iso,
	  const struct fmts *f)
{
	struct gk_date d;

	if (iso == NULL || date_parse(iso, strlen(iso), &d) < 0 ||
	    date_to_days(&d) + EXCEL_UNIX_EPOCH < EXCEL_FIRST_SAFE_SERIAL) {
		text_cell(ws, r, c, iso, f->cell_c);
		return;
	}
	worksheet_write_number(ws, r, c,
			       (double)(date_to_days(&d) + EXCEL_UNIX_EPOCH),
			       f->date_c);
}

/* Print set-up every sheet shares: A4 landscape, one page wide. */
static void
page_setup(lxw_worksheet *ws, const char *header, int repeat_row)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_set_header(ws, header);
	worksheet_set_footer(ws, "&C&P / &N");
	if (repeat_row >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)repeat_row,
				      (lxw_row_t)repeat_row);
}

static void
write_header(lxw_worksheet *ws, lxw_row_t row, const char *const *labels,
	     const double *widths, size_t n, const struct fmts *f)
{
	for (size_t i = 0; i < n; i++) {
		text_cell(ws, row, (lxw_col_t)i, labels[i], f->header);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i],
				     NULL);
	}
	worksheet_set_row(ws, row, 30, NULL);
}

static void
write_pct(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int v, lxw_format *f,
	  lxw_format *blank)
{
	if (v >= 0)
		worksheet_write_number(ws, r, c, v / 100.0, f);
	else
		text_cell(ws, r, c, "—", blank);
}

static double
ratio(size_t num, size_t den)
{
	return den ? (double)num / (double)den : 1.0;
}

static lxw_format *
rate_fmt(const struct fmts *f, double r)
{
	return r >= RATE_GOOD   ? f->rate[0]
	       : r >= RATE_WARN ? f->rate[1]
				: f->rate[2];
}

static void
join_units(const struct plan *p, const size_t *u, size_t n, struct gk_buf *b)
{
	buf_reset(b);
	for (size_t k = 0; k < n; k++) {
		if (k)
			buf_adds(b, "、");
		buf_adds(b, p->units[u[k]].name);
	}
}

/* Sheet names, by language. */
#define SHEET_SUMMARY(l) TR(l, "Summary", "汇总")
#define SHEET_TASKS(l) TR(l, "Tasks", "任务进展")
#define SHEET_UNITS(l) TR(l, "Units", "单位报送")
#define SHEET_MISSING(l) TR(l, "Missing", "未报送")
#define SHEET_MILESTONES(l) TR(l, "Milestones", "阶段目标")
#define SHEET_REPORTS(l) TR(l, "Reports", "报送明细")

/* The row of the key figures' header; the chart stands beside them. */
#define FIGURES_ROW 4

static void summary_attention(lxw_worksheet *ws, lxw_row_t r,
			      const struct compiled *c, enum lang l,
			      const struct fmts *f);

static void
summary_title(lxw_worksheet *ws, const struct compiled *c, enum lang l,
	      const struct fmts *f)
{
	char ql[32], line[256];

	quarter_label(&c->q, l, ql, sizeof ql);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 7, 12, NULL);
	worksheet_set_row(ws, 0, 28, NULL);
	text_range(ws, 0, 0, 0, 7, c->p->title, f->title);
	if (l == LANG_ZH)
		snprintf(line, sizeof line, "%s工作落实情况汇总", ql);
	else
		snprintf(line, sizeof line, "Progress report, %s", ql);
	text_range(ws, 1, 0, 1, 7, line, f->subtitle);
	snprintf(
		line, sizeof line, "%s %s    %s %s%s",
		TR(l, "Compiled", "汇总日期"), c->today,
		TR(l, "Reports due by", "报送截止"), c->deadline,
		compile_overdue(c)
			? ""
			: TR(l,
			     " (not yet due: the reports not received are not late)",
			     "(尚未到报送截止日期,未报送的不属逾期)"));
	text_range(ws, 2, 0, 2, 7, line, f->note);
}

/* The key figures from FIGURES_ROW down; the last row written. */
static lxw_row_t
summary_figures(lxw_worksheet *ws, const struct compiled *c, enum lang l,
		const struct fmts *f)
{
	struct {
		const char *label;
		double v;
		bool pct;
	} figs[] = {
		{TR(l, "Tasks and safeguards", "重点任务和保障措施"),
		 (double)c->ntasks, false},
		{TR(l, "Active this quarter", "本季度推进中"),
		 (double)c->active, false},
		{TR(l, "Units owing reports", "应报送单位"), (double)c->nunits,
		 false},
		{TR(l, "Reports owed", "应报送(项)"), (double)c->owed, false},
		{TR(l, "Reports received", "已报送(项)"), (double)c->received,
		 false},
		{TR(l, "of which late", "其中逾期报送"), (double)c->late,
		 false},
		{TR(l, "Reports missing", "未报送(项)"), (double)c->missing,
		 false},
		{TR(l, "Reporting rate", "报送率"), ratio(c->received, c->owed),
		 true},
		{TR(l, "Units with missing reports", "有未报送事项的单位"),
		 (double)c->units_missing, false},
		{TR(l, "Milestones due soon", "阶段目标即将到期"),
		 (double)c->ms_by_state[MS_DUE], false},
		{TR(l, "Milestones overdue", "阶段目标已逾期"),
		 (double)c->ms_by_state[MS_OVERDUE], false},
	};
	lxw_row_t r = FIGURES_ROW;

	text_cell(ws, r, 0, TR(l, "Key figures", "主要指标"), f->header);
	text_cell(ws, r, 1, TR(l, "Value", "数值"), f->header);
	worksheet_set_row(ws, r, FIGURE_ROW_PT, NULL);
	for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++) {
		r++;
		worksheet_set_row(ws, r, FIGURE_ROW_PT, NULL);
		text_cell(ws, r, 0, figs[i].label, f->label);
		worksheet_write_number(ws, r, 1, figs[i].v,
				       figs[i].pct ? f->big_pct : f->big);
	}
	return r;
}

/* A section's tasks by status, and their total. */
static void
status_section_row(lxw_worksheet *ws, lxw_row_t r, const struct compiled *c,
		   size_t s, const struct fmts *f)
{
	size_t tot = 0;

	text_cell(ws, r, 0, c->p->sections[s], f->cell);
	for (int k = 0; k < PS_TASK_COUNT; k++) {
		size_t v = c->section_status[s * PS_TASK_COUNT +
					     (size_t)status_order[k]];

		tot += v;
		worksheet_write_number(ws, r, (lxw_col_t)(k + 1), (double)v,
				       v ? f->status[status_order[k]] : f->num);
	}
	worksheet_write_number(ws, r, PS_TASK_COUNT + 1, (double)tot, f->num);
}

/* Every section's tasks by status, and the grand total. */
static void
status_total_row(lxw_worksheet *ws, lxw_row_t r, const struct compiled *c,
		 enum lang l, const struct fmts *f)
{
	size_t ns = c->p->nsections;

	text_cell(ws, r, 0, TR(l, "Total", "合计"), f->total);
	for (int k = 0; k <= PS_TASK_COUNT; k++) {
		size_t v = 0;

		for (size_t s = 0; s < ns; s++)
			for (int j = 0; j < PS_TASK_COUNT; j++)
				if (k == PS_TASK_COUNT || j == status_order[k])
					v += c->section_status
						     [s * PS_TASK_COUNT +
						      (size_t)j];
		worksheet_write_number(ws, r, (lxw_col_t)(k + 1), (double)v,
				       f->total_num);
	}
}

/* Task status by section, from row top: the table the chart draws.
 * Its last row. */
static lxw_row_t
summary_status_table(lxw_worksheet *ws, const struct compiled *c, enum lang l,
		     const struct fmts *f, lxw_row_t top)
{
	lxw_row_t r = top;

	text_cell(ws, r, 0, TR(l, "Section", "板块"), f->header);
	for (int k = 0; k < PS_TASK_COUNT; k++)
		text_cell(ws, r, (lxw_col_t)(k + 1),
			  pstatus_label(status_order[k], l), f->header);
	text_cell(ws, r, PS_TASK_COUNT + 1, TR(l, "Total", "合计"), f->header);
	worksheet_set_row(ws, r, 30, NULL);
	for (size_t s = 0; s < c->p->nsections; s++) {
		r++;
		status_section_row(ws, r, c, s, f);
	}
	r++;
	status_total_row(ws, r, c, l, f);
	return r;
}

/* A bar a status, stacked, from the table whose header is at row top. */
static void
chart_status_series(lxw_chart *ch, enum lang l, lxw_row_t top, size_t ns)
{
	const char *sheet = SHEET_SUMMARY(l);

	for (int k = 0; k < PS_TASK_COUNT; k++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		lxw_chart_fill fill = {.color = status_bar[status_order[k]]};

		chart_series_set_categories(se, sheet, top + 1, 0,
					    top + (lxw_row_t)ns, 0);
		chart_series_set_values(se, sheet, top + 1, (lxw_col_t)(k + 1),
					top + (lxw_row_t)ns,
					(lxw_col_t)(k + 1));
		chart_series_set_name_range(se, sheet, top, (lxw_col_t)(k + 1));
		chart_series_set_fill(se, &fill);
	}
}

static void
chart_status_style(lxw_chart *ch, enum lang l)
{
	lxw_chart_font tf = {
		.name = (char *)font_for(l), .size = 12, .bold = 1};
	lxw_chart_font af = {.name = (char *)font_for(l), .size = 9};

	chart_title_set_name(
		ch, TR(l, "Task status by section", "各板块任务进展情况"));
	chart_title_set_name_font(ch, &tf);
	chart_axis_set_num_font(ch->x_axis, &af);
	chart_axis_set_num_font(ch->y_axis, &af);
	/* A bar chart's categories run up its y axis: keep the
	 * sections in table order, top to bottom. */
	chart_axis_set_reverse(ch->y_axis);
	chart_axis_set_major_unit(ch->x_axis, 1);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_legend_set_font(ch, &af);
}

/* The chart of the status table at row top, beside the key figures
 * and as tall as their figure_rows rows. */
static void
summary_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct compiled *c,
	      enum lang l, lxw_row_t top, lxw_row_t figure_rows)
{
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_BAR_STACKED);
	lxw_chart_options co = {
		.x_offset = 10, .y_offset = 0, .x_scale = 1, .y_scale = 1};
	double nrows = (double)figure_rows;

	chart_status_series(ch, l, top, c->p->nsections);
	chart_status_style(ch, l);
	co.x_scale = CHART_WIDTH / CHART_DEFAULT_WIDTH;
	co.y_scale = nrows * FIGURE_ROW_PT * PX_PER_PT / CHART_DEFAULT_HEIGHT;
	worksheet_insert_chart_opt(ws, FIGURES_ROW, 2, ch, &co);
}

static void
sheet_summary(lxw_workbook *wb, const struct compiled *c, enum lang l,
	      const struct fmts *f, const char *header)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_SUMMARY(l));
	lxw_row_t last_figure, top, last;

	page_setup(ws, header, -1);
	worksheet_fit_to_pages(ws, 1, 1); /* the summary is one page */
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	summary_title(ws, c, l, f);
	last_figure = summary_figures(ws, c, l, f);
	top = last_figure + 2;
	last = summary_status_table(ws, c, l, f, top);
	summary_attention(ws, last + 2, c, l, f);
	summary_chart(wb, ws, c, l, top, last_figure - FIGURES_ROW + 1);
}

/*
 * Rows are sized here, since neither Excel nor LibreOffice grows a row for
 * wrapped text on opening: lines = display width over column width.
 */
#define LINE_PT 13.0
#define ROW_PAD_PT 4.0
#define ROW_MIN_PT 18.0
#define ROW_MAX_PT 409.0 /* Excel's tallest row */

/* A row's height for text of so many lines, within Excel's bounds. */
static double
row_height(double lines)
{
	double h = lines * LINE_PT + ROW_PAD_PT;

	return h < ROW_MIN_PT ? ROW_MIN_PT : h > ROW_MAX_PT ? ROW_MAX_PT : h;
}

static double
text_lines(const char *s, double width)
{
	double lines = 0;
	double cap = width > 2 ? width - 1 : 1;

	if (s == NULL || *s == '\0')
		return 1;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		double w = (double)utf8_width(s, n);
		double k = w / cap;

		lines += k > (double)(long)k ? (double)(long)k + 1
					     : (k < 1 ? 1 : k);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return lines;
}

struct rowfit {
	const double *widths;
	double lines;
};

static void
put(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f,
    struct rowfit *rf)
{
	double k = text_lines(s, rf->widths[c]);

	if (k > rf->lines)
		rf->lines = k;
	text_cell(ws, r, c, s, f);
}

/* Text for a page header: '&' starts a code there, so it is doubled. */
static void
header_text(struct gk_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_addc(b, '&');
		buf_addc(b, *s);
	}
}

static void
fit_row(lxw_worksheet *ws, lxw_row_t r, struct rowfit *rf)
{
	worksheet_set_row(ws, r, row_height(rf->lines), NULL);
	rf->lines = 1;
}

/* Summary columns C..H merged hold the text of an attention line. */
#define ATTENTION_TEXT_WIDTH 70.0
#define ATTENTION_LABEL_WIDTH 30.0

static void
attention_line(lxw_worksheet *ws, lxw_row_t r, const char *label,
	       const char *state, lxw_format *state_fmt, const char *text,
	       const struct fmts *f)
{
	double k = text_lines(text, ATTENTION_TEXT_WIDTH);
	double kl = text_lines(label, ATTENTION_LABEL_WIDTH);

	text_cell(ws, r, 0, label, f->wrap);
	text_cell(ws, r, 1, state, state_fmt);
	text_range(ws, r, 2, r, 7, text, f->wrap);
	worksheet_set_row(ws, r, row_height(k > kl ? k : kl), NULL);
}

/* The attention lines as they are written: the rows so far, how many
 * lines, the texts of the line being made. */
struct attention {
	lxw_worksheet *ws;
	const struct compiled *c;
	enum lang l;
	const struct fmts *f;
	lxw_row_t r;
	size_t n;
	struct gk_buf label, text;
};

/* The next line: label, its state and the text made in a->text. */
static void
attention_add(struct attention *a, const char *label, const char *state,
	      lxw_format *state_fmt)
{
	attention_line(a->ws, ++a->r, label, state, state_fmt, a->text.data,
		       a->f);
	a->n++;
}

/* A task's label: its number and title. */
static void
attention_task_label(struct attention *a, const struct task *t)
{
	buf_reset(&a->label);
	buf_printf(&a->label, "%s %s", t->id, t->title);
}

/* What a task's lead units say of its issues, each once, after their
 * names. */
static void
attention_lead_issues(struct attention *a, const struct task_status *ts)
{
	struct gk_buf *text = &a->text;
	size_t head;

	buf_reset(text);
	join_units(a->c->p, ts->t->lead, ts->t->nlead, text);
	head = text->len;
	for (size_t k = 0; k < ts->nunits; k++) {
		const char *issues = compile_lead_issues(a->c, &ts->units[k]);

		/* Several lead units often say the same. */
		if (issues && strstr(text->data + head, issues) == NULL)
			buf_printf(text, "%s%s", text->len > head ? "; " : ": ",
				   issues);
	}
}

/* The active tasks of one status (delayed, at risk). */
static void
attention_tasks(struct attention *a, int want)
{
	for (size_t i = 0; i < a->c->ntasks; i++) {
		const struct task_status *ts = &a->c->tasks[i];

		if (!ts->active || ts->status != want)
			continue;
		attention_task_label(a, ts->t);
		attention_lead_issues(a, ts);
		attention_add(a, a->label.data, pstatus_label(want, a->l),
			      a->f->status[want]);
	}
}

/* The milestones overdue, task by task. */
static void
attention_milestones(struct attention *a)
{
	enum lang l = a->l;

	for (size_t i = 0; i < a->c->ntasks; i++) {
		const struct task_status *ts = &a->c->tasks[i];

		for (size_t m = 0; m < ts->t->nms; m++) {
			char d[8];

			if (ts->ms[m] != MS_OVERDUE)
				continue;
			quarter_format(&ts->t->ms[m].due, d);
			attention_task_label(a, ts->t);
			buf_reset(&a->text);
			buf_printf(&a->text, "%s %s: %s",
				   TR(l, "Milestone due", "阶段目标到期"), d,
				   ts->t->ms[m].target);
			attention_add(a, a->label.data,
				      ms_state_label(MS_OVERDUE, l),
				      a->f->status[PS_DELAYED]);
		}
	}
}

/* The units that owe reports and sent none. */
static void
attention_silent_units(struct attention *a)
{
	enum lang l = a->l;

	for (size_t i = 0; i < a->c->nunits; i++) {
		const struct unit_comp *uc = &a->c->units[i];

		if (uc->received > 0 || uc->owed == 0)
			continue;
		buf_reset(&a->text);
		buf_printf(&a->text,
			   TR(l, "Nothing reported (%zu owed)",
			      "应报%zu项,均未报送"),
			   uc->owed);
		attention_add(a, a->c->p->units[uc->unit].name,
			      TR(l, "Not reported", "未报送"),
			      a->f->status[PS_UNREPORTED]);
	}
}

/*
 * What the reader should look at first: delayed and at-risk tasks with
 * what their lead units say, overdue milestones, units that sent nothing.
 */
static void
summary_attention(lxw_worksheet *ws, lxw_row_t r, const struct compiled *c,
		  enum lang l, const struct fmts *f)
{
	struct attention a = {.ws = ws, .c = c, .l = l, .f = f, .r = r};

	buf_init(&a.label);
	buf_init(&a.text);
	text_range(ws, r, 0, r, 7, TR(l, "Needs attention", "需关注事项"),
		   f->header);
	worksheet_set_row(ws, r, FIGURE_ROW_PT, NULL);
	attention_tasks(&a, PS_DELAYED);
	attention_tasks(&a, PS_AT_RISK);
	attention_milestones(&a);
	attention_silent_units(&a);
	if (a.n == 0)
		attention_line(ws, ++a.r, TR(l, "Nothing to flag", "无"), "",
			       f->cell, "", f);
	buf_release(&a.label);
	buf_release(&a.text);
}

/* "↑10" / "↓5" / "—": the change in points against last quarter. */
static void
trend_text(const struct task_status *ts, enum lang l, char *out, size_t n)
{
	int t = trend_of(ts);

	if (t == 1 || t == -1)
		snprintf(out, n, "%s%d", t == 1 ? "↑" : "↓",
			 abs(ts->percent - ts->prev_percent));
	else
		snprintf(out, n, "%s", trend_label(t, l));
}

/* A sheet's rows as they are written: where, from what, the rows' fit
 * and a text being made. */
struct sheet_rows {
	lxw_worksheet *ws;
	const struct compiled *c;
	enum lang l;
	const struct fmts *f;
	struct rowfit rf;
	struct gk_buf b;
};

/* The units owing a report on an active task that have not sent this
 * quarter's, into s->b. */
static void
task_not_reported(struct sheet_rows *s, const struct task_status *ts)
{
	const struct plan *p = s->c->p;

	buf_reset(&s->b);
	for (size_t k = 0; k < ts->nunits && ts->active; k++) {
		const struct unit_report *ur = &ts->units[k];

		if (ur->r && quarter_cmp(&ur->r->quarter, &s->c->q) == 0)
			continue;
		if (s->b.len)
			buf_adds(&s->b, "、");
		buf_adds(&s->b, p->units[ur->unit].name);
	}
}

/* A task's milestones, a line each: due, state, target; into s->b. */
static void
task_milestones(struct sheet_rows *s, const struct task_status *ts)
{
	const struct task *t = ts->t;

	buf_reset(&s->b);
	for (size_t m = 0; m < t->nms; m++) {
		char d[8];

		quarter_format(&t->ms[m].due, d);
		buf_printf(&s->b, "%s[%s %s] %s", m ? "\n" : "", d,
			   ms_state_label(ts->ms[m], s->l), t->ms[m].target);
	}
}

/* What the lead units say of the task's issues, a line each (named when
 * there are several); into s->b. */
static void
task_issues(struct sheet_rows *s, const struct task_status *ts)
{
	const struct plan *p = s->c->p;

	buf_reset(&s->b);
	for (size_t k = 0; k < ts->nunits; k++) {
		const struct unit_report *ur = &ts->units[k];
		const char *issues = compile_lead_issues(s->c, ur);

		if (issues == NULL)
			continue;
		if (s->b.len)
			buf_adds(&s->b, "\n");
		if (ts->t->nlead > 1)
			buf_printf(&s->b, "%s: ", p->units[ur->unit].name);
		buf_adds(&s->b, issues);
	}
}

/* Row r of the Tasks sheet: one task. */
static void
task_row(struct sheet_rows *s, lxw_row_t r, const struct task_status *ts)
{
	lxw_worksheet *ws = s->ws;
	const struct fmts *f = s->f;
	const struct task *t = ts->t;
	struct rowfit *rf = &s->rf;
	char rep[32], tr[32];

	put(ws, r, 0, t->id, f->cell_c, rf);
	put(ws, r, 1, t->title, f->wrap, rf);
	join_units(s->c->p, t->lead, t->nlead, &s->b);
	put(ws, r, 2, s->b.data, f->wrap, rf);
	put(ws, r, 3, pstatus_label(ts->status, s->l), f->status[ts->status],
	    rf);
	write_pct(ws, r, 4, ts->percent, f->pct, f->num);
	trend_text(ts, s->l, tr, sizeof tr);
	put(ws, r, 5, tr, f->cell_c, rf);
	snprintf(rep, sizeof rep, "%zu/%zu", ts->nreported,
		 ts->active ? ts->nunits : 0);
	put(ws, r, 6, rep, ts->nmissing ? f->status[PS_AT_RISK] : f->cell_c,
	    rf);
	task_not_reported(s, ts);
	put(ws, r, 7, s->b.data ? s->b.data : "", f->wrap, rf);
	task_milestones(s, ts);
	put(ws, r, 8, s->b.data ? s->b.data : "", f->wrap, rf);
	task_issues(s, ts);
	put(ws, r, 9, s->b.data ? s->b.data : "", f->wrap, rf);
	fit_row(ws, r, rf);
}

static void
sheet_tasks(lxw_workbook *wb, const struct compiled *c, enum lang l,
	    const struct fmts *f, const char *header)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_TASKS(l));
	const char *labels[] = {
		TR(l, "No.", "编号"),
		TR(l, "Task", "任务名称"),
		TR(l, "Lead units", "牵头单位"),
		TR(l, "Status", "进展状态"),
		TR(l, "Progress", "完成进度"),
		TR(l, "Change", "较上季度"),
		TR(l, "Reported", "已报/应报"),
		TR(l, "Not reported", "未报送单位"),
		TR(l, "Milestones", "阶段目标"),
		TR(l, "Issues (lead units)", "存在问题(牵头单位)"),
	};
	const double widths[] = {6, 26, 18, 11, 8, 8, 8, 18, 28, 30};
	const lxw_col_t last = sizeof labels / sizeof labels[0] - 1;
	struct sheet_rows s = {ws, c, l, f, {widths, 1}, {0}};
	lxw_row_t r = 0;
	size_t section = (size_t)-1;

	buf_init(&s.b);
	page_setup(ws, header, 0);
	write_header(ws, r, labels, widths, last + 1, f);
	for (size_t i = 0; i < c->ntasks; i++) {
		const struct task *t = c->tasks[i].t;

		if (t->section_idx != section) {
			section = t->section_idx;
			r++;
			text_range(ws, r, 0, r, last, t->section, f->total);
			worksheet_set_row(ws, r, ROW_MIN_PT, NULL);
		}
		r++;
		task_row(&s, r, &c->tasks[i]);
	}
	worksheet_freeze_panes(ws, 1, 2);
	buf_release(&s.b);
}

/* The units' order on their sheet: worst compliance rate first, so the
 * units to chase head it; equal rates keep their order in c->units.  The
 * caller frees it. */
static size_t *
units_worst_first(const struct compiled *c)
{
	size_t *order = gk_xcalloc(c->nunits + 1, sizeof *order);

	for (size_t i = 0; i < c->nunits; i++)
		order[i] = i;
	for (size_t i = 1; i < c->nunits; i++)
		for (size_t j = i; j > 0; j--) {
			const struct unit_comp *x = &c->units[order[j - 1]];
			const struct unit_comp *y = &c->units[order[j]];

			if (ratio(y->received, y->owed) >=
			    ratio(x->received, x->owed))
				break;
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	return order;
}

/* Row r of the Units sheet: one unit's reports. */
static void
unit_row(struct sheet_rows *s, lxw_row_t r, const struct unit_comp *uc)
{
	lxw_worksheet *ws = s->ws;
	const struct fmts *f = s->f;
	const struct plan *p = s->c->p;
	double rate = ratio(uc->received, uc->owed);

	put(ws, r, 0, p->units[uc->unit].name, f->cell, &s->rf);
	put(ws, r, 1, p->units[uc->unit].id, f->cell, &s->rf);
	worksheet_write_number(ws, r, 2, (double)uc->owed, f->num);
	worksheet_write_number(ws, r, 3, (double)uc->received, f->num);
	worksheet_write_number(ws, r, 4, (double)uc->late,
			       uc->late ? f->status[PS_AT_RISK] : f->num);
	worksheet_write_number(ws, r, 5, (double)uc->nmissing,
			       uc->nmissing ? f->status[PS_DELAYED] : f->num);
	worksheet_write_number(ws, r, 6, rate, rate_fmt(f, rate));
	buf_reset(&s->b);
	for (size_t k = 0; k < uc->nmissing; k++)
		buf_printf(&s->b, "%s%s", k ? ", " : "",
			   p->tasks[uc->missing[k]].id);
	put(ws, r, 7, s->b.data ? s->b.data : "", f->wrap, &s->rf);
	fit_row(ws, r, &s->rf);
}

/* Row r of the Units sheet: every unit's reports together. */
static void
units_total_row(lxw_worksheet *ws, lxw_row_t r, const struct compiled *c,
		enum lang l, const struct fmts *f)
{
	text_cell(ws, r, 0, TR(l, "Total", "合计"), f->total);
	text_cell(ws, r, 1, "", f->total);
	worksheet_write_number(ws, r, 2, (double)c->owed, f->total_num);
	worksheet_write_number(ws, r, 3, (double)c->received, f->total_num);
	worksheet_write_number(ws, r, 4, (double)c->late, f->total_num);
	worksheet_write_number(ws, r, 5, (double)c->missing, f->total_num);
	worksheet_write_number(ws, r, 6, ratio(c->received, c->owed),
			       rate_fmt(f, ratio(c->received, c->owed)));
	text_cell(ws, r, 7, "", f->total);
}

static void
sheet_units(lxw_workbook *wb, const struct compiled *c, enum lang l,
	    const struct fmts *f, const char *header)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_UNITS(l));
	const char *labels[] = {
		TR(l, "Unit", "单位"),
		TR(l, "Unit id", "单位代码"),
		TR(l, "Owed", "应报"),
		TR(l, "Received", "已报"),
		TR(l, "Late", "逾期报送"),
		TR(l, "Missing", "未报"),
		TR(l, "Rate", "报送率"),
		TR(l, "Tasks not reported", "未报任务"),
	};
	const double widths[] = {30, 16, 8, 8, 9, 8, 9, 30};
	struct sheet_rows s = {ws, c, l, f, {widths, 1}, {0}};
	lxw_row_t r = 0;
	size_t *order = units_worst_first(c);

	buf_init(&s.b);
	page_setup(ws, header, 0);
	write_header(ws, r, labels, widths, sizeof labels / sizeof labels[0],
		     f);
	for (size_t i = 0; i < c->nunits; i++)
		unit_row(&s, ++r, &c->units[order[i]]);
	free(order);
	r++;
	units_total_row(ws, r, c, l, f);
	worksheet_freeze_panes(ws, 1, 1);
	worksheet_autofilter(ws, 0, 0, r - 1, 7);
	buf_release(&s.b);
}

static void
sheet_missing(lxw_workbook *wb, const struct compiled *c, enum lang l,
	      const struct fmts *f, const char *header)
{
	const struct plan *p = c->p;
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_MISSING(l));
	const char *labels[] = {
		TR(l, "Unit", "单位"),       TR(l, "No.", "任务编号"),
		TR(l, "Task", "任务名称"),   TR(l, "Role", "职责"),
		TR(l, "Due by", "报送截止"),
	};
	const double widths[] = {30, 9, 40, 8, 12};
	struct rowfit rf = {widths, 1};
	lxw_row_t r = 0;

	page_setup(ws, header, 0);
	write_header(ws, r, labels, widths, sizeof labels / sizeof labels[0],
		     f);
	for (size_t i = 0; i < c->nunits; i++) {
		const struct unit_comp *uc = &c->units[i];

		for (size_t k = 0; k < uc->nmissing; k++) {
			const struct task *t = &p->tasks[uc->missing[k]];
			int role = plan_task_role(t, uc->unit);

			r++;
			text_cell(ws, r, 0, p->units[uc->unit].name,
				  k ? f->cell : f->label);
			text_cell(ws, r, 1, t->id, f->cell_c);
			put(ws, r, 2, t->title, f->wrap, &rf);
			text_cell(ws, r, 3,
				  role_label(role == ROLE_LEAD
						     ? ROLE_LEAD
						     : ROLE_COOPERATING,
					     l),
				  role == ROLE_LEAD ? f->status[PS_DELAYED]
						    : f->cell_c);
			date_cell(ws, r, 4, c->deadline, f);
			fit_row(ws, r, &rf);
		}
	}
	if (r == 0)
		text_cell(ws, 1, 0,
			  TR(l, "Every report has been received.",
			     "各单位均已报送。"),
			  f->cell);
	worksheet_freeze_panes(ws, 1, 0);
	if (r > 0)
		worksheet_autofilter(ws, 0, 0, r, 4);
}

static void
sheet_milestones(lxw_workbook *wb, const struct compiled *c, enum lang l,
		 const struct fmts *f, const char *header)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_MILESTONES(l));
	const char *labels[] = {
		TR(l, "No.", "任务编号"),      TR(l, "Task", "任务名称"),
		TR(l, "Target", "目标"),       TR(l, "Due", "到期季度"),
		TR(l, "State", "状态"),        TR(l, "Task status", "任务进展"),
		TR(l, "Progress", "完成进度"),
	};
	const double widths[] = {9, 26, 50, 10, 10, 11, 9};
	struct rowfit rf = {widths, 1};
	lxw_row_t r = 0;

	page_setup(ws, header, 0);
	write_header(ws, r, labels, widths, sizeof labels / sizeof labels[0],
		     f);
	for (size_t i = 0; i < c->ntasks; i++) {
		const struct task_status *ts = &c->tasks[i];

		for (size_t m = 0; m < ts->t->nms; m++) {
			char d[8];

			quarter_format(&ts->t->ms[m].due, d);
			r++;
			text_cell(ws, r, 0, ts->t->id, f->cell_c);
			put(ws, r, 1, ts->t->title, f->wrap, &rf);
			put(ws, r, 2, ts->t->ms[m].target, f->wrap, &rf);
			text_cell(ws, r, 3, d, f->cell_c);
			text_cell(ws, r, 4, ms_state_label(ts->ms[m], l),
				  f->status[ms_status[ts->ms[m]]]);
			text_cell(ws, r, 5, pstatus_label(ts->status, l),
				  f->status[ts->status]);
			write_pct(ws, r, 6, ts->percent, f->pct, f->num);
			fit_row(ws, r, &rf);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
}

static void
sheet_reports(lxw_workbook *wb, const struct compiled *c,
	      const struct progress_set *s, enum lang l, const struct fmts *f,
	      const char *header)
{
	const struct plan *p = c->p;
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_REPORTS(l));
	const char *labels[] = {
		TR(l, "No.", "任务编号"),
		TR(l, "Task", "任务名称"),
		TR(l, "Unit", "单位"),
		TR(l, "Role", "职责"),
		TR(l, "Status", "进展状态"),
		TR(l, "Progress", "完成进度"),
		TR(l, "Progress made", "工作进展"),
		TR(l, "Issues", "存在问题"),
		TR(l, "Next steps", "下步计划"),
		TR(l, "Reported", "报送日期"),
		TR(l, "Late", "逾期"),
	};
	const double widths[] = {6, 20, 18, 6, 11, 8, 34, 24, 24, 11, 6};
	struct rowfit rf = {widths, 1};
	lxw_row_t r = 0;

	page_setup(ws, header, 0);
	write_header(ws, r, labels, widths, sizeof labels / sizeof labels[0],
		     f);
	for (size_t i = 0; i < s->n; i++) {
		const struct progress *x = &s->v[i];
		const struct task *t = &p->tasks[x->task];
		int role;
		bool late;

		if (quarter_cmp(&x->quarter, &c->q) != 0)
			continue;
		role = plan_task_role(t, x->unit);
		late = compile_is_late(c, x);
		r++;
		text_cell(ws, r, 0, t->id, f->cell_c);
		put(ws, r, 1, t->title, f->wrap, &rf);
		put(ws, r, 2, p->units[x->unit].name, f->wrap, &rf);
		text_cell(ws, r, 3,
			  role_label(role == ROLE_LEAD ? ROLE_LEAD
						       : ROLE_COOPERATING,
				     l),
			  f->cell_c);
		text_cell(ws, r, 4, pstatus_label(x->status, l),
			  f->status[x->status]);
		write_pct(ws, r, 5, x->percent, f->pct, f->num);
		put(ws, r, 6, x->summary, f->wrap, &rf);
		put(ws, r, 7, x->issues, f->wrap, &rf);
		put(ws, r, 8, x->next_steps, f->wrap, &rf);
		date_cell(ws, r, 9, x->reported, f);
		text_cell(ws, r, 10, late ? TR(l, "yes", "是") : "",
			  late ? f->status[PS_AT_RISK] : f->cell_c);
		fit_row(ws, r, &rf);
	}
	worksheet_freeze_panes(ws, 1, 2);
	if (r > 0)
		worksheet_autofilter(ws, 0, 0, r, 10);
}

/* Midnight UTC of an ISO date, for the document's creation time. */
static time_t
date_time(const char *iso)
{
	struct gk_date d;
	const long secs_per_day = 86400;

	if (date_parse(iso, strlen(iso), &d) < 0)
		return 0;
	return (time_t)(date_to_days(&d) * secs_per_day);
}

static lxw_workbook *
open_workbook(const char *path, char **tmp, struct gk_err *e)
{
	lxw_workbook *wb;

	if (out_tmp_reserve(path, tmp, e) < 0)
		return NULL;
	wb = workbook_new(*tmp);
	if (wb == NULL) {
		gk_err_set(e, "cannot create workbook '%s'", path);
		out_tmp_abort(*tmp);
		*tmp = NULL;
	}
	return wb;
}

static int
close_workbook(lxw_workbook *wb, char *tmp, const char *path, struct gk_err *e)
{
	lxw_error err = workbook_close(wb);

	if (err != LXW_NO_ERROR) {
		gk_err_set(e, "cannot write workbook '%s': %s", path,
			   lxw_strerror(err));
		out_tmp_abort(tmp);
		return -1;
	}
	return out_tmp_commit(tmp, path, e);
}

/*
 * Text of the plan in a page header or the workbook's properties, which
 * libxlsxwriter writes as it is (only cells have their controls escaped):
 * a control character a space, U+FFFE and U+FFFF U+FFFD, so that the XML
 * stays XML and the workbook opens.
 */
static void
xml_field(struct gk_buf *b)
{
	if (!b->data)
		return;
	b->len = utf8_printable(b->data, b->len);
	utf8_xml_fix(b->data, b->len);
}

/* A page header: name on the left, the quarter on the right. */
static void
page_header(struct gk_buf *hb, const char *name, const char *ql)
{
	buf_init(hb);
	buf_adds(hb, "&L&8 ");
	header_text(hb, name);
	buf_adds(hb, "&R&8 ");
	buf_adds(hb, ql);
	xml_field(hb);
}

static void
set_properties(lxw_workbook *wb, char *title, char *subject, const char *today)
{
	lxw_doc_properties props;
	struct gk_buf t, s;

	buf_init(&t);
	buf_init(&s);
	buf_adds(&t, title);
	buf_adds(&s, subject);
	xml_field(&t);
	xml_field(&s);
	memset(&props, 0, sizeof props);
	props.title = t.data;
	props.subject = s.data;
	props.author = "gov-report";
	props.company = "govkit";
	props.created = date_time(today);
	workbook_set_properties(wb, &props);
	buf_release(&t);
	buf_release(&s);
}

int
workbook_quarter(const struct compiled *c, const struct progress_set *s,
		 const char *file, const char *path, enum lang l,
		 struct gk_err *e)
{
	char ql[32], title[512];
	lxw_workbook *wb = workbook_new(file);
	struct fmts f, wrapped;
	struct gk_buf hb;
	const char *header;
	lxw_error err;

	if (wb == NULL) {
		gk_err_set(e, "cannot create workbook '%s'", path);
		return -1;
	}
	quarter_label(&c->q, l, ql, sizeof ql);
	if (l == LANG_ZH)
		snprintf(title, sizeof title, "%s %s工作落实情况", c->p->title,
			 ql);
	else
		snprintf(title, sizeof title, "%s: progress report %s",
			 c->p->title, ql);
	page_header(&hb, c->p->title, ql);
	header = hb.data;
	set_properties(wb, title, c->p->id, c->today);
	start_cells(wb, l, path, &f, &wrapped);
	sheet_summary(wb, c, l, &f, header);
	sheet_tasks(wb, c, l, &f, header);
	sheet_units(wb, c, l, &f, header);
	sheet_missing(wb, c, l, &f, header);
	sheet_milestones(wb, c, l, &f, header);
	sheet_reports(wb, c, s, l, &f, header);
	err = workbook_close(wb);
	buf_release(&hb);
	if (err != LXW_NO_ERROR) {
		gk_err_set(e, "cannot write workbook '%s': %s", path,
			   lxw_strerror(err));
		return -1;
	}
	return cells.cut > INT_MAX ? INT_MAX : (int)cells.cut;
}

/* ---------------------------------------------------------------- */

static const char *
column_label(const char *key, enum lang l)
{
	for (size_t i = 0; i < progress_column_count; i++)
		if (strcmp(progress_columns[i].key, key) == 0)
			return l == LANG_ZH ? progress_columns[i].zh
					    : progress_columns[i].en;
	return key;
}

/* Rows a template offers for free additions below the tasks?  None: a
 * unit reports exactly the tasks it owes. */
#define TEMPLATE_TEXT_WIDTH 36

/* The template's columns; the unit fills in those from the status on. */
static const char *const template_keys[] = {
	"task",   "title",   "role",    "unit",   "quarter",    "previous",
	"status", "percent", "summary", "issues", "next_steps", "reason",
};
static const double template_widths[] = {
	8, 30, 7, 22, 9, 14, 12, 10, TEMPLATE_TEXT_WIDTH, 28, 28, 22};
static const size_t template_ncol =
	sizeof template_keys / sizeof template_keys[0];
enum {
	TEMPLATE_COL_STATUS = 6,
	TEMPLATE_COL_PERCENT = 7,
	TEMPLATE_COL_TEXT = 8
};

static void
template_title(const struct plan *p, size_t unit, const char *ql, enum lang l,
	       char *title, size_t n)
{
	if (l == LANG_ZH)
		snprintf(title, n, "%s %s工作落实情况填报表(%s)", p->title, ql,
			 p->units[unit].name);
	else
		snprintf(title, n, "%s: progress return %s (%s)", p->title, ql,
			 p->units[unit].name);
}

/* What the unit reported on the task last quarter: status and percent. */
static void
previous_text(const struct task_status *ts, size_t unit, enum lang l,
	      struct gk_buf *b)
{
	const struct progress *prev = NULL;

	for (size_t k = 0; k < ts->nunits; k++)
		if (ts->units[k].unit == unit)
			prev = ts->units[k].prev;
	buf_reset(b);
	if (prev) {
		buf_adds(b, pstatus_label(prev->status, l));
		if (prev->percent >= 0)
			buf_printf(b, " %d%%", prev->percent);
	}
}

/* Does the unit owe a report on any task this quarter (a row of its
 * template)? */
static bool
template_owes(const struct compiled *c, size_t unit)
{
	for (size_t ti = 0; ti < c->ntasks; ti++)
		if (c->tasks[ti].active &&
		    plan_task_role(c->tasks[ti].t, unit) >= 0)
			return true;
	return false;
}

/* A row for each task the unit reports on this quarter, the cells to
 * fill in left blank; the last row written (0: none). */
static lxw_row_t
template_task_rows(lxw_worksheet *ws, const struct compiled *c, size_t unit,
		   const struct gk_quarter *q, enum lang l,
		   const struct fmts *f)
{
	const char *unit_name = c->p->units[unit].name;
	char qc[8];
	struct gk_buf b;
	lxw_row_t r = 0;

	buf_init(&b);
	quarter_format(q, qc);
	for (size_t ti = 0; ti < c->ntasks; ti++) {
		const struct task_status *ts = &c->tasks[ti];
		int role = plan_task_role(ts->t, unit);

		if (!ts->active || role < 0)
			continue;
		r++;
		text_cell(ws, r, 0, ts->t->id, f->band);
		text_cell(ws, r, 1, ts->t->title, f->band);
		text_cell(ws, r, 2, role_label((enum role)role, l), f->band);
		text_cell(ws, r, 3, unit_name, f->band);
		text_cell(ws, r, 4, qc, f->band);
		previous_text(ts, unit, l, &b);
		text_cell(ws, r, 5, b.data ? b.data : "", f->band);
		worksheet_write_blank(ws, r, TEMPLATE_COL_STATUS, f->input_c);
		worksheet_write_blank(ws, r, TEMPLATE_COL_PERCENT, f->input_c);
		for (lxw_col_t col = TEMPLATE_COL_TEXT; col < template_ncol;
		     col++)
			worksheet_write_blank(ws, r, col, f->input);
		worksheet_set_row(ws, r, 45, NULL);
	}
	buf_release(&b);
	return r;
}

/* Rows 1 to last take a status from the list. */
static void
validate_status(lxw_worksheet *ws, lxw_row_t last, enum lang l)
{
	const char *status_list[PS_COUNT + 1];
	lxw_data_validation dv;

	for (int i = 0; i < PS_COUNT; i++)
		status_list[i] = pstatus_label(i, l);
	status_list[PS_COUNT] = NULL;
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)status_list;
	dv.input_title = (char *)TR(l, "Status", "进展状态");
	dv.input_message =
		(char *)TR(l, "Pick one from the list", "请从下拉列表中选择");
	dv.error_title = (char *)TR(l, "Status", "进展状态");
	dv.error_message = (char *)TR(l, "Pick a status from the list",
				      "请从下拉列表中选择进展状态");
	worksheet_data_validation_range(ws, 1, TEMPLATE_COL_STATUS, last,
					TEMPLATE_COL_STATUS, &dv);
}

/* Rows 1 to last take a whole percent. */
static void
validate_percent(lxw_worksheet *ws, lxw_row_t last, enum lang l)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_INTEGER;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_number = 0;
	dv.maximum_number = 100;
	dv.input_title = (char *)TR(l, "Progress", "完成进度");
	dv.input_message = (char *)TR(l, "A whole number from 0 to 100",
				      "填写0到100之间的整数");
	dv.error_message = (char *)TR(l, "A whole number from 0 to 100",
				      "请填写0到100之间的整数");
	worksheet_data_validation_range(ws, 1, TEMPLATE_COL_PERCENT, last,
					TEMPLATE_COL_PERCENT, &dv);
}

/* The sheet the unit fills in, protected but for its input cells. */
static void
template_progress_sheet(lxw_workbook *wb, const struct compiled *c, size_t unit,
			const struct gk_quarter *q, enum lang l,
			const struct fmts *f, const char *header)
{
	lxw_worksheet *ws =
		workbook_add_worksheet(wb, TR(l, "Progress", "进展填报"));
	lxw_protection prot;
	lxw_row_t r;

	page_setup(ws, header, 0);
	for (size_t i = 0; i < template_ncol; i++) {
		text_cell(ws, 0, (lxw_col_t)i,
			  column_label(template_keys[i], l), f->header);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
				     template_widths[i], NULL);
	}
	worksheet_set_row(ws, 0, 30, NULL);
	r = template_task_rows(ws, c, unit, q, l, f);
	if (r > 0) {
		validate_status(ws, r, l);
		validate_percent(ws, r, l);
	}
	worksheet_freeze_panes(ws, 1, 2);
	memset(&prot, 0, sizeof prot);
	worksheet_protect(ws, NULL, &prot);
}

static void
template_instructions(lxw_workbook *wb, const struct gk_quarter *q,
		      long grace_days, const char *title, enum lang l,
		      const struct fmts *f)
{
	static const char *const lines_zh[] = {
		"1. 每行对应本单位本季度应报送的一项任务(牵头或配合),请逐行填写黄色单元格。",
		"2. 进展状态从下拉列表选择;完成进度填写0到100的整数,已完成填100。",
		"3. 完成进度低于上季度时,请在“进度回退说明”中写明原因。",
		"4. 灰色单元格为预填内容,请勿修改。",
	};
	static const char *const lines_en[] = {
		"1. Each row is one task the unit reports on this quarter (as lead or cooperating unit); fill in the yellow cells.",
		"2. Pick the status from the list; progress is a whole number from 0 to 100, 100 when done.",
		"3. When progress is lower than last quarter, say why under 'Reason for lower progress'.",
		"4. Grey cells are filled in already; leave them as they are.",
	};
	lxw_worksheet *help =
		workbook_add_worksheet(wb, TR(l, "Instructions", "填报说明"));
	char line[512], dd[11];
	lxw_row_t hr = 2;
	struct gk_date due;

	worksheet_set_column(help, 0, 0, 100, NULL);
	text_cell(help, 0, 0, title, f->subtitle);
	quarter_last_day(q, &due);
	date_from_days(date_to_days(&due) + grace_days, &due);
	for (size_t i = 0; i < sizeof lines_en / sizeof lines_en[0]; i++)
		text_cell(help, hr++, 0,
			  l == LANG_ZH ? lines_zh[i] : lines_en[i], f->note);
	date_format(&due, dd);
	snprintf(line, sizeof line,
		 l == LANG_ZH ? "5. 请于%s前报送。"
			      : "5. Please return it by %s.",
		 dd);
	text_cell(help, hr, 0, line, f->note);
}

int
workbook_template(const struct plan *p, const struct progress_set *s,
		  const struct gk_quarter *q, size_t unit, const char *today,
		  long grace_days, const char *path, enum lang l,
		  struct gk_err *e)
{
	struct compile_options co;
	struct compiled c;
	char *tmp = NULL, ql[32], title[512];
	struct gk_buf hb;
	lxw_workbook *wb;
	struct fmts f, wrapped;
	int rc;

	memset(&co, 0, sizeof co);
	co.q = *q;
	co.today = today;
	co.grace_days = grace_days;
	compile_quarter(p, s, &co, &c);
	if (!template_owes(&c, unit)) {
		char qc[8];

		quarter_format(q, qc);
		gk_err_set(e,
			   "unit '%s' (%s) owes no report for %s: none of its "
			   "tasks is active then; no template written",
			   p->units[unit].id, p->units[unit].name, qc);
		compiled_release(&c);
		return -1;
	}
	wb = open_workbook(path, &tmp, e);
	if (wb == NULL) {
		compiled_release(&c);
		return -1;
	}
	quarter_label(q, l, ql, sizeof ql);
	template_title(p, unit, ql, l, title, sizeof title);
	page_header(&hb, p->units[unit].name, ql);
	set_properties(wb, title, p->id, today);
	start_cells(wb, l, path, &f, &wrapped);
	template_progress_sheet(wb, &c, unit, q, l, &f, hb.data);
	template_instructions(wb, q, grace_days, title, l, &f);
	compiled_release(&c);
	rc = close_workbook(wb, tmp, path, e);
	buf_release(&hb);
	if (rc < 0)
		return rc;
	return cells.cut > INT_MAX ? INT_MAX : (int)cells.cut;
}
