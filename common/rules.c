/*
 * rules.c: the small expression language of a schema's `rules`:
 *
 *   expr  := or
 *   or    := and ("or" and)*
 *   and   := not ("and" not)*
 *   not   := "not" not | test
 *   test  := value (op value | "is" ["not"] "null")?   op: = == != <> < <= > >=
 *   value := field | "quoted field" | `quoted field` | 'text' | number
 *          | true | false | "(" expr ")"
 *
 * Keywords are case-insensitive.  Logic is SQL's three-valued one: a
 * comparison with a null is unknown, and a rule fails only when false.
 * Text literals compared with a typed field are cast with that field's
 * type when compiled, so "end_date >= '2024-01-01'" compares dates.
 */
#include <stdlib.h>
#include <string.h>

#include "govkit.h"

/*
 * Parentheses and "not"s one inside another: the parser recurses on
 * each, so a rule nested deeper would use up the stack (a schema is
 * outside input).  Chains of "and" and "or" are not nested: they are
 * walked in loops, as long as they come.
 */
#define RULE_MAX_DEPTH 100

enum cls {
	C_NULL,
	C_NUM,
	C_STR,
	C_BOOL,
	C_DATE,
	C_DATETIME,
	C_TIME,
	C_LOGIC, /* a sub-expression */
};

enum nk {
	N_OR,
	N_AND,
	N_NOT,
	N_CMP,
	N_ISNULL,
	N_FIELD, /* a boolean field used as a condition */
	N_CONST, /* true / false */
};

enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

struct operand {
	bool is_field;
	size_t field;
	struct schema_value lit;
	char *text;
	enum cls cls;
	long col;
};

struct rule_expr {
	enum nk kind;
	enum op op;
	bool negate; /* is not null */
	struct rule_expr *a, *b;
	struct operand x, y;
};

enum tk { T_END, T_IDENT, T_QIDENT, T_STR, T_NUM, T_OP, T_LP, T_RP };

struct tok {
	enum tk kind;
	const char *p;
	size_t n;
	long col;
};

struct parser {
	const char *text;
	size_t pos;
	struct tok t;
	const struct schema *s;
	struct gk_err *e;
	bool failed;
	int depth;      /* parentheses and "not"s open */
	size_t col_off; /* column_of's last offset ... */
	long col;       /* ... and its column there */
};

/* The column (in characters) of byte off; tokens come in order, so it
 * counts on from the last token's, not from the start of the rule. */
static long
column_of(struct parser *ps, size_t off)
{
	if (off < ps->col_off) {
		ps->col_off = 0;
		ps->col = 1;
	}
	for (size_t i = ps->col_off; i < off; i++)
		if (((unsigned char)ps->text[i] & 0xc0) != 0x80)
			ps->col++;
	ps->col_off = off;
	return ps->col;
}

static void perr(struct parser *ps, long col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
perr(struct parser *ps, long col, const char *fmt, ...)
{
	char m[512];
	va_list ap;
	if (ps->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	gk_err_set(ps->e, "column %ld: %s", col, m);
	ps->failed = true;
}

static bool
ident_start(unsigned char c)
{
	return c == '_' || (unsigned)((c | 0x20) - 'a') < 26u || c >= 0x80;
}

static bool
ident_char(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/* The token is s[i..j): its kind, its length, and the parser after it. */
static void
token_at(struct parser *ps, enum tk kind, size_t i, size_t j)
{
	ps->t.kind = kind;
	ps->t.n = j - i;
	ps->pos = j;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 'text' (a '' inside is one quote), "name" or `name` from s[i]. */
static void
lex_quoted(struct parser *ps, size_t i)
{
	const char *s = ps->text;
	char q = s[i];
	size_t j = i + 1;

	for (;;) {
		if (!s[j]) {
			perr(ps, ps->t.col, "unterminated %s",
			     q == '\'' ? "text" : "quoted name");
			ps->t.kind = T_END;
			ps->pos = j;
			return;
		}
		if (s[j] == q) {
			if (q == '\'' && s[j + 1] == '\'') {
				j += 2;
				continue;
			}
			break;
		}
		j++;
	}
	ps->t.kind = q == '\'' ? T_STR : T_QIDENT;
	ps->t.p = s + i + 1;
	ps->t.n = j - i - 1;
	ps->pos = j + 1;
}

static bool
number_starts(const char *s)
{
	return is_digit(s[0]) ||
	       ((s[0] == '-' || s[0] == '.') && is_digit(s[1]));
}

static void
lex_number(struct parser *ps, size_t i)
{
	const char *s = ps->text;
	size_t j = i + 1;

	while (is_digit(s[j]) || s[j] == '.' || s[j] == 'e' || s[j] == 'E' ||
	       ((s[j] == '-' || s[j] == '+') && (s[j - 1] | 0x20) == 'e'))
		j++;
	token_at(ps, T_NUM, i, j);
}

/* = != < <= > >= <>; a lone '!' is an error. */
static void
lex_operator(struct parser *ps, size_t i)
{
	const char *s = ps->text;
	size_t j = i + 1;

	if (s[j] == '=' || (s[i] == '<' && s[j] == '>'))
		j++;
	token_at(ps, T_OP, i, j);
	if (ps->t.n == 1 && s[i] == '!') {
		perr(ps, ps->t.col, "unexpected '!' (write != or not)");
		ps->t.kind = T_END;
	}
}

static void
lex_ident(struct parser *ps, size_t i)
{
	const char *s = ps->text;
	size_t j = i + 1;

	while (s[j] && ident_char((unsigned char)s[j]))
		j++;
	token_at(ps, T_IDENT, i, j);
}

static void
next(struct parser *ps)
{
	const char *s = ps->text;
	size_t i = ps->pos;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	ps->t.p = s + i;
	ps->t.col = column_of(ps, i);
	if (!s[i]) {
		token_at(ps, T_END, i, i);
	} else if (s[i] == '(' || s[i] == ')') {
		token_at(ps, s[i] == '(' ? T_LP : T_RP, i, i + 1);
	} else if (s[i] == '\'' || s[i] == '"' || s[i] == '`') {
		lex_quoted(ps, i);
	} else if (number_starts(s + i)) {
		lex_number(ps, i);
	} else if (strchr("=!<>", s[i])) {
		lex_operator(ps, i);
	} else if (ident_start((unsigned char)s[i])) {
		lex_ident(ps, i);
	} else {
		perr(ps, ps->t.col, "unexpected character '%c'", s[i]);
		ps->t.kind = T_END;
		ps->pos = i + 1;
	}
}

static bool
is_kw(const struct tok *t, const char *kw)
{
	return t->kind == T_IDENT && t->n == strlen(kw) &&
	       strncasecmp(t->p, kw, t->n) == 0;
}

static bool
is_reserved(const struct tok *t)
{
	return is_kw(t, "and") || is_kw(t, "or") || is_kw(t, "not") ||
	       is_kw(t, "is") || is_kw(t, "null") || is_kw(t, "true") ||
	       is_kw(t, "false");
}

/* A token is shown up to this many bytes, cut between characters: one
 * byte of a character alone is no UTF-8 in the message. */
#define TOK_SHOWN_MAX 40

static void
describe_tok(const struct tok *t, char *out, size_t cap)
{
	size_t k = 0;

	if (t->kind == T_END) {
		snprintf(out, cap, "the end");
		return;
	}
	while (k < t->n) {
		size_t c = utf8_sequence(t->p + k, t->n - k);

		if (c == 0)
			c = 1;
		if (k + c > TOK_SHOWN_MAX)
			break;
		k += c;
	}
	snprintf(out, cap, "'%.*s'", (int)k, t->p);
}

static enum cls
field_cls(enum schema_type t)
{
	switch (t) {
	case SCHEMA_INTEGER:
	case SCHEMA_NUMBER:
	case SCHEMA_YEAR: return C_NUM;
	case SCHEMA_BOOLEAN: return C_BOOL;
	case SCHEMA_DATE:
	case SCHEMA_YEARMONTH: return C_DATE;
	case SCHEMA_DATETIME: return C_DATETIME;
	case SCHEMA_TIME: return C_TIME;
	default: return C_STR;
	}
}

static const char *
cls_name(enum cls c)
{
	static const char *const names[] = {
		"null", "number",   "text", "boolean",
		"date", "datetime", "time", "condition",
	};
	return names[c];
}

/* An "and" or "or" chain is a spine of nodes down ->a (see
 * parse_chain): walked in a loop, so its length costs no stack. */
void
rule_free(struct rule_expr *r)
{
	while (r) {
		struct rule_expr *next = r->a;

		rule_free(r->b);
		free(r->x.text);
		free(r->y.text);
		free(r);
		r = next;
	}
}

void
rule_mark_fields(const struct rule_expr *r, bool *seen)
{
	/* down ->a as rule_free goes: a chain's spine is as long as it is */
	for (; r; r = r->a) {
		rule_mark_fields(r->b, seen);
		if (r->x.is_field)
			seen[r->x.field] = true;
		if (r->y.is_field)
			seen[r->y.field] = true;
	}
}

static struct rule_expr *parse_or(struct parser *ps);

static struct rule_expr *
node(enum nk kind)
{
	struct rule_expr *r = gk_xcalloc(1, sizeof *r);
	r->kind = kind;
	return r;
}

/* A parenthesised expression into *sub, the '(' the current token. */
static int
operand_group(struct parser *ps, struct operand *o, struct rule_expr **sub)
{
	char d[64];

	if (++ps->depth > RULE_MAX_DEPTH) {
		perr(ps, ps->t.col, "nested deeper than %d levels",
		     RULE_MAX_DEPTH);
		return -1;
	}
	next(ps);
	*sub = parse_or(ps);
	ps->depth--;
	if (!*sub)
		return -1;
	if (ps->t.kind != T_RP) {
		describe_tok(&ps->t, d, sizeof d);
		perr(ps, ps->t.col, "expected ')', found %s", d);
		rule_free(*sub);
		*sub = NULL;
		return -1;
	}
	next(ps);
	o->cls = C_LOGIC;
	return 0;
}

static int
operand_number(struct parser *ps, struct operand *o)
{
	double v;
	char *end, *t = gk_xstrndup(ps->t.p, ps->t.n);

	v = strtod(t, &end);
	if (*end) {
		perr(ps, ps->t.col, "bad number '%s'", t);
		free(t);
		return -1;
	}
	o->text = t;
	o->lit.kind = SV_NUM;
	o->lit.u.d = v;
	o->lit.s = t;
	o->lit.n = strlen(t);
	o->cls = C_NUM;
	next(ps);
	return 0;
}

/* A quoted text, its '' each one quote. */
static int
operand_string(struct parser *ps, struct operand *o)
{
	struct gk_buf b;

	buf_init(&b);
	for (size_t i = 0; i < ps->t.n; i++) {
		buf_addc(&b, ps->t.p[i]);
		if (ps->t.p[i] == '\'')
			i++; /* '' is one quote */
	}
	if (!b.data)
		buf_addc(&b, '\0'), b.len = 0;
	o->text = b.data;
	o->lit.kind = SV_STR;
	o->lit.s = o->text;
	o->lit.n = b.len;
	o->cls = C_STR;
	next(ps);
	return 0;
}

static int
operand_field(struct parser *ps, struct operand *o)
{
	char *name = gk_xstrndup(ps->t.p, ps->t.n);
	long k = schema_field_index(ps->s, name);

	if (k < 0) {
		perr(ps, ps->t.col, "no field named '%s'", name);
		free(name);
		return -1;
	}
	free(name);
	o->is_field = true;
	o->field = (size_t)k;
	o->cls = field_cls(schema_field_type(ps->s, (size_t)k));
	next(ps);
	return 0;
}

static int
operand_unexpected(struct parser *ps)
{
	char d[64];

	describe_tok(&ps->t, d, sizeof d);
	perr(ps, ps->t.col, "expected a field name or a value, found %s", d);
	return -1;
}

/* A bare word: true or false, else a field's name (not a keyword). */
static int
operand_word(struct parser *ps, struct operand *o)
{
	if (is_kw(&ps->t, "true") || is_kw(&ps->t, "false")) {
		o->lit.kind = SV_BOOL;
		o->lit.u.b = is_kw(&ps->t, "true");
		o->cls = C_BOOL;
		next(ps);
		return 0;
	}
	if (is_kw(&ps->t, "null")) {
		perr(ps, ps->t.col,
		     "compare with null using 'is null' or 'is not null'");
		return -1;
	}
	if (is_reserved(&ps->t))
		return operand_unexpected(ps);
	return operand_field(ps, o);
}

/* One value; *sub set instead when it is a parenthesised expression. */
static int
parse_operand(struct parser *ps, struct operand *o, struct rule_expr **sub)
{
	*sub = NULL;
	o->col = ps->t.col;
	switch (ps->t.kind) {
	case T_LP: return operand_group(ps, o, sub);
	case T_NUM: return operand_number(ps, o);
	case T_STR: return operand_string(ps, o);
	case T_IDENT: return operand_word(ps, o);
	case T_QIDENT: return operand_field(ps, o);
	default: return operand_unexpected(ps);
	}
}

/* Make two operands comparable: cast a text literal to the other side's type. */
static int
unify(struct parser *ps, struct operand *x, struct operand *y)
{
	struct operand *lit = NULL, *fld = NULL;

	if (x->cls == y->cls)
		return 0;
	if (!x->is_field && x->cls == C_STR && y->is_field) {
		lit = x;
		fld = y;
	} else if (!y->is_field && y->cls == C_STR && x->is_field) {
		lit = y;
		fld = x;
	}
	if (lit) {
		struct schema_value v;
		if (schema_value_parse(ps->s, fld->field, lit->text,
				       strlen(lit->text), &v) < 0 ||
		    v.kind == SV_NULL) {
			perr(ps, lit->col,
			     "'%s' is not a valid %s (field '%s' is one)",
			     lit->text, cls_name(fld->cls),
			     schema_field_name(ps->s, fld->field));
			return -1;
		}
		lit->lit = v;
		lit->lit.s = lit->text;
		lit->lit.n = strlen(lit->text);
		lit->cls = fld->cls;
		return 0;
	}
	perr(ps, y->col, "cannot compare a %s with a %s", cls_name(x->cls),
	     cls_name(y->cls));
	return -1;
}

/* The operator of token t into *op (left alone if t names none). */
static void
op_of(const struct tok *t, enum op *op)
{
	static const struct {
		const char *s;
		enum op op;
	} ops[] = {
		{"=", OP_EQ}, {"==", OP_EQ}, {"!=", OP_NE}, {"<>", OP_NE},
		{"<", OP_LT}, {"<=", OP_LE}, {">", OP_GT},  {">=", OP_GE},
	};

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strlen(ops[i].s) == t->n &&
		    strncmp(ops[i].s, t->p, t->n) == 0)
			*op = ops[i].op;
}

/* x OP y, x (with its subexpression sub) read, the operator next. */
static struct rule_expr *
parse_comparison(struct parser *ps, const struct operand *x,
		 struct rule_expr *sub)
{
	struct rule_expr *r = node(N_CMP);

	r->x = *x;
	r->a = sub;
	op_of(&ps->t, &r->op);
	if (x->cls == C_LOGIC) {
		perr(ps, ps->t.col,
		     "a condition in parentheses cannot be compared");
		goto bad;
	}
	next(ps);
	if (parse_operand(ps, &r->y, &r->b) < 0)
		goto bad;
	if (r->y.cls == C_LOGIC) {
		perr(ps, r->y.col,
		     "a condition in parentheses cannot be compared");
		goto bad;
	}
	if (unify(ps, &r->x, &r->y) < 0)
		goto bad;
	if ((r->x.cls == C_BOOL) && r->op != OP_EQ && r->op != OP_NE) {
		perr(ps, r->y.col, "booleans compare only with = and !=");
		goto bad;
	}
	return r;
bad:
	rule_free(r);
	return NULL;
}

/* x is [not] null, x read, "is" next. */
static struct rule_expr *
parse_is_null(struct parser *ps, const struct operand *x, struct rule_expr *sub)
{
	struct rule_expr *r;
	char d[64];

	if (x->cls == C_LOGIC || !x->is_field) {
		perr(ps, ps->t.col, "'is null' needs a field before it");
		free(x->text);
		rule_free(sub);
		return NULL;
	}
	r = node(N_ISNULL);
	r->x = *x;
	next(ps);
	if (is_kw(&ps->t, "not")) {
		r->negate = true;
		next(ps);
	}
	if (!is_kw(&ps->t, "null")) {
		describe_tok(&ps->t, d, sizeof d);
		perr(ps, ps->t.col, "expected 'null', found %s", d);
		rule_free(r);
		return NULL;
	}
	next(ps);
	return r;
}

static struct rule_expr *
parse_test(struct parser *ps)
{
	struct rule_expr *sub = NULL, *r;
	struct operand x = {0};
	char d[64];

	if (parse_operand(ps, &x, &sub) < 0)
		return NULL;
	if (ps->t.kind == T_OP)
		return parse_comparison(ps, &x, sub);
	if (is_kw(&ps->t, "is"))
		return parse_is_null(ps, &x, sub);
	if (x.cls == C_LOGIC)
		return sub;
	if (x.cls == C_BOOL) {
		r = node(x.is_field ? N_FIELD : N_CONST);
		r->x = x;
		return r;
	}
	describe_tok(&ps->t, d, sizeof d);
	perr(ps, ps->t.col, "expected a comparison after %s, found %s",
	     x.is_field ? "the field" : "the value", d);
	free(x.text);
	return NULL;
}

static struct rule_expr *
parse_not(struct parser *ps)
{
	if (is_kw(&ps->t, "not")) {
		struct rule_expr *r, *a;
		if (++ps->depth > RULE_MAX_DEPTH) {
			perr(ps, ps->t.col, "nested deeper than %d levels",
			     RULE_MAX_DEPTH);
			return NULL;
		}
		next(ps);
		a = parse_not(ps);
		ps->depth--;
		if (!a)
			return NULL;
		r = node(N_NOT);
		r->a = a;
		return r;
	}
	return parse_test(ps);
}

static struct rule_expr *
parse_chain(struct parser *ps, const char *kw, enum nk kind,
	    struct rule_expr *(*sub)(struct parser *))
{
	struct rule_expr *l = sub(ps), *r;
	while (l && is_kw(&ps->t, kw)) {
		next(ps);
		r = node(kind);
		r->a = l;
		r->b = sub(ps);
		if (!r->b) {
			rule_free(r);
			return NULL;
		}
		l = r;
	}
	return l;
}

static struct rule_expr *
parse_and(struct parser *ps)
{
	return parse_chain(ps, "and", N_AND, parse_not);
}

static struct rule_expr *
parse_or(struct parser *ps)
{
	return parse_chain(ps, "or", N_OR, parse_and);
}

struct rule_expr *
rule_compile(const char *text, const struct schema *s, struct gk_err *e)
{
	struct parser ps = {text, 0, {0}, s, e, false, 0, 0, 1};
	struct rule_expr *r;
	char d[64];

	next(&ps);
	if (ps.t.kind == T_END && !ps.failed) {
		perr(&ps, 1, "empty rule");
		return NULL;
	}
	r = parse_or(&ps);
	if (r && ps.t.kind != T_END) {
		describe_tok(&ps.t, d, sizeof d);
		perr(&ps, ps.t.col, "expected 'and', 'or' or the end, found %s",
		     d);
	}
	if (ps.failed) {
		rule_free(r);
		return NULL;
	}
	return r;
}

static const struct schema_value *
value_of(const struct operand *o, const struct schema_value *vals)
{
	return o->is_field ? &vals[o->field] : &o->lit;
}

/*
 * An "or" (decisive 1) or "and" (decisive 0) chain: its terms are the
 * ->b of each node down the spine of ->a, then the last ->a.  The first
 * decisive term decides; else unknown if any term is, else the other.
 */
static int
eval_chain(const struct rule_expr *r, const struct schema_value *vals)
{
	enum nk kind = r->kind;
	int decisive = kind == N_OR ? 1 : 0, x;
	bool unknown = false;

	for (; r->kind == kind; r = r->a) {
		x = rule_eval(r->b, vals);
		if (x == decisive)
			return decisive;
		unknown |= x < 0;
	}
	x = rule_eval(r, vals);
	if (x == decisive)
		return decisive;
	return unknown || x < 0 ? -1 : !decisive;
}

int
rule_eval(const struct rule_expr *r, const struct schema_value *vals)
{
	const struct schema_value *a, *b;
	int x, c;

	switch (r->kind) {
	case N_OR:
	case N_AND: return eval_chain(r, vals);
	case N_NOT: x = rule_eval(r->a, vals); return x < 0 ? -1 : !x;
	case N_ISNULL:
		a = value_of(&r->x, vals);
		return (a->kind == SV_NULL) != r->negate;
	case N_FIELD:
		a = value_of(&r->x, vals);
		return a->kind == SV_NULL ? -1 : a->u.b;
	case N_CONST: return r->x.lit.u.b;
	case N_CMP:
		a = value_of(&r->x, vals);
		b = value_of(&r->y, vals);
		if (a->kind == SV_NULL || b->kind == SV_NULL)
			return -1;
		c = schema_value_cmp(a, b);
		switch (r->op) {
		case OP_EQ: return c == 0;
		case OP_NE: return c != 0;
		case OP_LT: return c < 0;
		case OP_LE: return c <= 0;
		case OP_GT: return c > 0;
		case OP_GE: return c >= 0;
		}
	}
	return -1;
}
