/*
 * export.c: the catalog in the forms other systems read: CKAN package
 * dicts, DCAT (DCAT-AP) JSON-LD, a Frictionless Data Package, the XLSX
 * table officers exchange, and entry records.
 */
#include "catalog.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* EU vocabularies DCAT-AP uses for access rights and frequencies. */
#define EU_ACCESS \
	"http://publications.europa.eu/resource/authority/access-right/"
#define EU_FREQ "http://publications.europa.eu/resource/authority/frequency/"
#define EU_FILE_TYPE \
	"http://publications.europa.eu/resource/authority/file-type/"
/* dcat:mediaType: IANA media types, as IRIs (DCAT 3, DCAT-AP 3). */
#define IANA_MEDIA "https://www.iana.org/assignments/media-types/"
#define EU_LANGUAGE "http://publications.europa.eu/resource/authority/language/"
/* The catalog's language when the config names none: every text of the
 * export is tagged zh. */
#define CATALOG_LANGUAGE "ZHO"
/* Where the IRIs of exported datasets live. */
#define DCAT_BASE "urn:govkit:catalog:"
#define DATAPACKAGE_NAME "govkit-catalog"
#define CATALOG_TITLE "政务数据资源目录"
/* dct:description is mandatory for a DCAT-AP catalog. */
#define CATALOG_DESCRIPTION \
	"按《政务信息资源目录编制指南（试行）》编制的政务数据资源目录"

/* Entry fields carried as CKAN extras (strings), in this order. */
static const char *const ckan_extras[] = {
	"provider",   "provider_code",   "category",    "format",
	"share_type", "share_condition", "share_basis", "share_method",
	"open_type",  "update_cycle",    "published",   NULL};

static void
add_extra(cJSON *extras, const char *key, const char *value)
{
	cJSON *x = cJSON_CreateObject();

	cJSON_AddStringToObject(x, "key", key);
	cJSON_AddStringToObject(x, "value", value);
	cJSON_AddItemToArray(extras, x);
}

/* What an entry is called: its name, else its code. */
static const char *
entry_title(const cJSON *entry)
{
	return cat_str(entry, "name") ? cat_str(entry, "name")
				      : cat_str(entry, "code");
}

cJSON *
cat_ckan_package(const cJSON *entry, const char *owner_org)
{
	const char *code = cat_str(entry, "code");
	char *slug = cat_slug(code ? code : "");
	cJSON *pkg = cJSON_CreateObject();
	cJSON *extras = cJSON_CreateArray();
	cJSON *resources = cJSON_CreateArray();
	const cJSON *v;

	cJSON_AddStringToObject(pkg, "name", slug);
	cJSON_AddStringToObject(pkg, "title", entry_title(entry));
	if (cat_str(entry, "summary"))
		cJSON_AddStringToObject(pkg, "notes",
					cat_str(entry, "summary"));
	if (cat_str(entry, "provider"))
		cJSON_AddStringToObject(pkg, "author",
					cat_str(entry, "provider"));
	if (owner_org)
		cJSON_AddStringToObject(pkg, "owner_org", owner_org);
	/* The original code, which a CKAN name cannot hold (it has '/'). */
	add_extra(extras, "identifier", code ? code : "");
	for (const char *const *k = ckan_extras; *k; k++)
		if (!cat_blank(entry, *k) && cat_str(entry, *k))
			add_extra(extras, *k, cat_str(entry, *k));
	v = cJSON_GetObjectItemCaseSensitive(entry, "related");
	if (!cat_blank(entry, "related")) {
		char *t = cJSON_IsString(v) ? NULL : cJSON_PrintUnformatted(v);
		add_extra(extras, "related", t ? t : v->valuestring);
		cJSON_free(t);
	}
	v = cJSON_GetObjectItemCaseSensitive(entry, "items");
	if (cJSON_IsArray(v)) {
		char *t = cJSON_PrintUnformatted(v);
		add_extra(extras, "items", t);
		cJSON_free(t);
	}
	cJSON_AddItemToObject(pkg, "extras", extras);
	cJSON *res = cJSON_CreateObject();
	cJSON_AddStringToObject(res, "name",
				cat_str(entry, "name") ? cat_str(entry, "name")
						       : slug);
	cJSON_AddStringToObject(
		res, "url", cat_str(entry, "url") ? cat_str(entry, "url") : "");
	if (cat_str(entry, "format"))
		cJSON_AddStringToObject(res, "format",
					cat_str(entry, "format"));
	cJSON_AddItemToArray(resources, res);
	cJSON_AddItemToObject(pkg, "resources", resources);
	free(slug);
	return pkg;
}

static const char *
extra_of(const cJSON *pkg, const char *key)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(pkg, "extras")) {
		const char *k = cat_str(x, "key");
		if (k && strcmp(k, key) == 0)
			return cat_str(x, "value");
	}
	return NULL;
}

const char *
cat_owner_org(const struct cat_ctx *c, const struct gk_config *cfg)
{
	const char *org = c->owner_org;

	if (!org)
		org = config_get(cfg, "owner_org");
	return org && *org ? org : NULL;
}

cJSON *
cat_entry_from_ckan(const cJSON *pkg)
{
	cJSON *e = cJSON_CreateObject();
	const char *s;
	cJSON *out;

	s = extra_of(pkg, "identifier");
	cJSON_AddStringToObject(e, "code", s ? s : cat_str(pkg, "name"));
	if ((s = cat_str(pkg, "title")))
		cJSON_AddStringToObject(e, "name", s);
	if ((s = cat_str(pkg, "notes")) && *s)
		cJSON_AddStringToObject(e, "summary", s);
	for (const char *const *k = ckan_extras; *k; k++)
		if ((s = extra_of(pkg, *k)))
			cJSON_AddStringToObject(e, *k, s);
	if (!cat_str(e, "provider") && (s = cat_str(pkg, "author")) && *s)
		cJSON_AddStringToObject(e, "provider", s);
	if (!cat_str(e, "format")) {
		const cJSON *r0 = cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(pkg, "resources"), 0);
		if ((s = cat_str(r0, "format")) && *s)
			cJSON_AddStringToObject(e, "format", s);
	}
	if ((s = extra_of(pkg, "items"))) {
		/* what is not a list is kept as it is, for pull to refuse
		 * (cat_entry_fits), not taken for no items */
		cJSON *items = cJSON_Parse(s);
		cJSON_AddItemToObject(e, "items",
				      items ? items : cJSON_CreateString(s));
	}
	if ((s = extra_of(pkg, "related"))) {
		cJSON *rel = cJSON_Parse(s);
		if (cJSON_IsArray(rel)) {
			cJSON_AddItemToObject(e, "related", rel);
		} else {
			cJSON_Delete(rel);
			cJSON_AddStringToObject(e, "related", s);
			cat_related_as_list(e); /* as add reads it */
		}
	}
	out = cat_entry_normalize(e);
	cJSON_Delete(e);
	return out;
}

/* ---- DCAT --------------------------------------------------------- */

static const char *
access_right(const char *share)
{
	if (!share)
		return NULL;
	if (strcmp(share, "unconditional") == 0)
		return "PUBLIC";
	if (strcmp(share, "conditional") == 0)
		return "RESTRICTED";
	if (strcmp(share, "none") == 0)
		return "NON_PUBLIC";
	return NULL;
}

static const char *
frequency(const char *cycle)
{
	static const char *const map[][2] = {
		{"realtime", "UPDATE_CONT"}, {"daily", "DAILY"},
		{"weekly", "WEEKLY"},        {"monthly", "MONTHLY"},
		{"quarterly", "QUARTERLY"},  {"yearly", "ANNUAL"},
		{"irregular", "IRREG"},
	};

	if (cycle)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(map[i][0], cycle) == 0)
				return map[i][1];
	return NULL;
}

/*
 * A format name (an entry's "format", any case) as the EU file-type
 * vocabulary and the IANA media type name it (NULL: none): DCAT-AP's
 * dct:format is a dct:MediaTypeOrExtent, not a text.
 */
static bool
file_type(const char *format, const char **eu, const char **media)
{
	static const char *const map[][3] = {
		{"csv", "CSV", "text/csv"},
		{"tsv", "TSV", "text/tab-separated-values"},
		{"xlsx", "XLSX",
		 "application/"
		 "vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"xls", "XLS", "application/vnd.ms-excel"},
		{"ods", "ODS",
		 "application/vnd.oasis.opendocument.spreadsheet"},
		{"json", "JSON", "application/json"},
		{"geojson", "GEOJSON", "application/geo+json"},
		{"xml", "XML", "application/xml"},
		{"rdf", "RDF_XML", "application/rdf+xml"},
		{"pdf", "PDF", "application/pdf"},
		{"doc", "DOC", "application/msword"},
		{"docx", "DOCX",
		 "application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"txt", "TXT", "text/plain"},
		{"html", "HTML", "text/html"},
		{"zip", "ZIP", "application/zip"},
	};

	if (format)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcasecmp(map[i][0], format) == 0) {
				*eu = map[i][1];
				*media = map[i][2];
				return true;
			}
	return false;
}

static bool
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static cJSON *
lang_string(const char *s)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "@value", s);
	cJSON_AddStringToObject(o, "@language", "zh");
	return o;
}

static cJSON *
iri(const char *prefix, const char *rest)
{
	cJSON *o = cJSON_CreateObject();
	char *s = gk_xasprintf("%s%s", prefix, rest);

	cJSON_AddStringToObject(o, "@id", s);
	free(s);
	return o;
}

/* A node of class cls labelled text (in Chinese unless it is ASCII):
 * what DCAT-AP's ranges want where the entry has only words. */
static cJSON *
labelled(const char *cls, const char *text)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "@type", cls);
	if (is_ascii(text))
		cJSON_AddStringToObject(o, "rdfs:label", text);
	else
		cJSON_AddItemToObject(o, "rdfs:label", lang_string(text));
	return o;
}

/* Bytes an IRI cannot hold (RFC 3987): controls, space, <>"{}|\^` */
static bool
iri_forbidden(unsigned char ch)
{
	return ch <= 0x20 || ch == 0x7f || strchr("<>\"{}|\\^`", ch);
}

static bool
is_hex(unsigned char ch)
{
	return isxdigit(ch) != 0;
}

/* s without the blanks around it: start in *start, length returned. */
static size_t
url_trim(const char *s, const char **start)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	*start = s;
	return n;
}

bool
cat_url_absolute(const char *url)
{
	const char *s;
	size_t n = url_trim(url, &s);

	if (n == 0 || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ':') /* one letter: a drive, D:\\共享 */
			return i > 1 && i + 1 < n;
		if (!isalnum(ch) && ch != '+' && ch != '-' && ch != '.')
			return false;
	}
	return false;
}

char *
cat_url_iri(const char *url)
{
	struct gk_buf b;
	const char *s;
	size_t n = url_trim(url, &s);

	if (!cat_url_absolute(url))
		return NULL;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (iri_forbidden(ch) ||
		    (ch == '%' &&
		     !(i + 2 < n && is_hex((unsigned char)s[i + 1]) &&
		       is_hex((unsigned char)s[i + 2]))))
			buf_printf(&b, "%%%02X", ch);
		else
			buf_addc(&b, (char)ch);
	}
	return b.data;
}

static void
add_dcat_format(cJSON *dist, const char *format)
{
	const char *eu, *media;

	if (!format || !*format)
		return;
	if (!file_type(format, &eu, &media)) {
		/* 数据库表, 接口: no file type names them */
		cJSON_AddItemToObject(
			dist, "dct:format",
			labelled("dct:MediaTypeOrExtent", format));
		return;
	}
	cJSON_AddItemToObject(dist, "dct:format", iri(EU_FILE_TYPE, eu));
	cJSON_AddItemToObject(dist, "dcat:mediaType", iri(IANA_MEDIA, media));
}

/* The provider as the dataset's dct:publisher; NULL for an entry without
 * one, as a foaf:Agent without a foaf:name is one DCAT-AP refuses. */
static cJSON *
dcat_publisher(const cJSON *entry)
{
	const char *name = cat_str(entry, "provider");
	cJSON *pub;
	const char *s;

	if (!name || !*name)
		return NULL;
	pub = cJSON_CreateObject();
	cJSON_AddStringToObject(pub, "@type", "foaf:Agent");
	cJSON_AddItemToObject(pub, "foaf:name", lang_string(name));
	if ((s = cat_str(entry, "provider_code")))
		cJSON_AddStringToObject(pub, "dct:identifier", s);
	return pub;
}

/* The published date as dct:issued: an xsd:date only when it is one
 * (validate reports it). */
static cJSON *
dcat_issued(const char *published)
{
	cJSON *issued = cJSON_CreateObject();
	struct gk_date day;

	cJSON_AddStringToObject(issued, "@value", published);
	if (date_parse(published, strlen(published), &day) == 0)
		cJSON_AddStringToObject(issued, "@type", "xsd:date");
	return issued;
}

/* How the dataset may be had and used: access rights, update cycle,
 * issued date, category keyword, the conditions or basis of sharing. */
static void
add_dcat_terms(cJSON *d, const cJSON *entry)
{
	const char *s;

	if ((s = access_right(cat_str(entry, "share_type"))))
		cJSON_AddItemToObject(d, "dct:accessRights", iri(EU_ACCESS, s));
	if ((s = frequency(cat_str(entry, "update_cycle"))))
		cJSON_AddItemToObject(d, "dct:accrualPeriodicity",
				      iri(EU_FREQ, s));
	if ((s = cat_str(entry, "published")))
		cJSON_AddItemToObject(d, "dct:issued", dcat_issued(s));
	if ((s = cat_str(entry, "category"))) {
		cJSON *kw = cJSON_CreateArray();
		cJSON_AddItemToArray(kw, lang_string(s));
		cJSON_AddItemToObject(d, "dcat:keyword", kw);
	}
	if ((s = cat_str(entry, "share_condition")) ||
	    (s = cat_str(entry, "share_basis")))
		cJSON_AddItemToObject(d, "dct:rights",
				      labelled("dct:RightsStatement", s));
}

/* The related resources' codes as dct:relation, the datasets' IRIs. */
static void
add_dcat_relations(cJSON *d, const cJSON *entry)
{
	cJSON *one = cJSON_CreateObject();
	const cJSON *v, *r;
	cJSON *rel;

	/* (an entry stored before add read one code as text as its list) */
	cJSON_AddItemReferenceToObject(
		one, "related",
		cJSON_GetObjectItemCaseSensitive(entry, "related"));
	cat_related_as_list(one);
	v = cJSON_GetObjectItemCaseSensitive(one, "related");
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0) {
		cJSON_Delete(one);
		return;
	}
	rel = cJSON_CreateArray();
	cJSON_ArrayForEach(r, v) {
		if (!cJSON_IsString(r))
			continue;
		char *rs = cat_slug(r->valuestring);
		cJSON_AddItemToArray(rel, iri(DCAT_BASE, rs));
		free(rs);
	}
	cJSON_AddItemToObject(d, "dct:relation", rel);
	cJSON_Delete(one);
}

/* The one distribution of the dataset id: its format and address. */
static cJSON *
dcat_distribution(const cJSON *entry, const char *id)
{
	cJSON *dist = cJSON_CreateObject();
	char *did = gk_xasprintf("%s/distribution", id);
	const char *s;
	char *url;

	cJSON_AddStringToObject(dist, "@id", did);
	free(did);
	cJSON_AddStringToObject(dist, "@type", "dcat:Distribution");
	cJSON_AddItemToObject(dist, "dct:title",
			      lang_string(entry_title(entry)));
	add_dcat_format(dist, cat_str(entry, "format"));
	/* an address without a scheme (share.example.gov.cn/api, a name)
	 * would be read relative to wherever the document is: none, and
	 * validate warns; a blank or a quote in it percent-encoded, or the
	 * reader drops the address */
	if ((s = cat_str(entry, "url")) && (url = cat_url_iri(s))) {
		cJSON_AddItemToObject(dist, "dcat:accessURL", iri("", url));
		free(url);
	}
	if ((s = access_right(cat_str(entry, "share_type"))))
		cJSON_AddItemToObject(dist, "dct:accessRights",
				      iri(EU_ACCESS, s));
	return dist;
}

static void
add_dcat_dataset(cJSON *datasets, const cJSON *entry)
{
	const char *code = cat_str(entry, "code");
	char *slug = cat_slug(code);
	char *id = gk_xasprintf("%s%s", DCAT_BASE, slug);
	cJSON *d = cJSON_CreateObject();
	cJSON *dists = cJSON_CreateArray();
	const char *s;

	cJSON_AddStringToObject(d, "@id", id);
	cJSON_AddStringToObject(d, "@type", "dcat:Dataset");
	cJSON_AddStringToObject(d, "dct:identifier", code);
	cJSON_AddItemToObject(d, "dct:title", lang_string(entry_title(entry)));
	if ((s = cat_str(entry, "summary")))
		cJSON_AddItemToObject(d, "dct:description", lang_string(s));
	cJSON *pub = dcat_publisher(entry);
	if (pub)
		cJSON_AddItemToObject(d, "dct:publisher", pub);
	add_dcat_terms(d, entry);
	add_dcat_relations(d, entry);
	cJSON_AddItemToArray(dists, dcat_distribution(entry, id));
	cJSON_AddItemToObject(d, "dcat:distribution", dists);
	cJSON_AddItemToArray(datasets, d);
	free(id);
	free(slug);
}

static cJSON *
dcat_context(void)
{
	cJSON *ctx = cJSON_CreateObject();

	cJSON_AddStringToObject(ctx, "dcat", "http://www.w3.org/ns/dcat#");
	cJSON_AddStringToObject(ctx, "dct", "http://purl.org/dc/terms/");
	cJSON_AddStringToObject(ctx, "foaf", "http://xmlns.com/foaf/0.1/");
	cJSON_AddStringToObject(ctx, "rdfs",
				"http://www.w3.org/2000/01/rdf-schema#");
	cJSON_AddStringToObject(ctx, "xsd",
				"http://www.w3.org/2001/XMLSchema#");
	return ctx;
}

/* A text of the configuration file: in Chinese unless it is ASCII. */
static cJSON *
config_text(const char *s)
{
	return is_ascii(s) ? cJSON_CreateString(s) : lang_string(s);
}

/* catalog_language: EU language codes (ZHO, MON), blanks or commas
 * between them, as IRIs of the vocabulary; NULL and e set when one is
 * not three letters. */
static cJSON *
catalog_languages(const char *value, struct gk_err *e)
{
	cJSON *langs = cJSON_CreateArray();
	const char *p = value;

	while (*p) {
		char code[4];
		size_t n = 0;

		if (*p == ',' || isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		while (p[n] && p[n] != ',' && !isspace((unsigned char)p[n]))
			n++;
		bool ok = n == 3;
		for (size_t i = 0; ok && i < n; i++)
			ok = isalpha((unsigned char)p[i]) != 0;
		if (!ok) {
			gk_err_set(e,
				   "config key 'catalog_language': '%.*s' is "
				   "not a code of the EU language vocabulary "
				   "(ZHO, MON, ENG)",
				   (int)n, p);
			cJSON_Delete(langs);
			return NULL;
		}
		for (size_t i = 0; i < n; i++)
			code[i] = (char)toupper((unsigned char)p[i]);
		code[n] = '\0';
		cJSON_AddItemToArray(langs, iri(EU_LANGUAGE, code));
		p += n;
	}
	if (cJSON_GetArraySize(langs) == 0)
		cJSON_AddItemToArray(langs, iri(EU_LANGUAGE, CATALOG_LANGUAGE));
	return langs;
}

/*
 * The dcat:Catalog without its datasets: what DCAT-AP asks of the
 * catalog itself, from the configuration file's catalog_* keys.  No
 * publisher is made up: without catalog_publisher there is none.  NULL
 * and e set on a key that cannot be used.
 */
static cJSON *
dcat_catalog(const struct gk_config *cfg, struct gk_err *e)
{
	const char *title = config_get(cfg, "catalog_title");
	const char *desc = config_get(cfg, "catalog_description");
	const char *publisher = config_get(cfg, "catalog_publisher");
	const char *homepage = config_get(cfg, "catalog_homepage");
	const char *language = config_get(cfg, "catalog_language");
	cJSON *doc, *langs;
	char *home = NULL;

	if (homepage && *homepage && !(home = cat_url_iri(homepage))) {
		gk_err_set(e,
			   "config key 'catalog_homepage': '%s' is not an "
			   "absolute address (https://...)",
			   homepage);
		return NULL;
	}
	langs = catalog_languages(language ? language : "", e);
	if (!langs) {
		free(home);
		return NULL;
	}
	doc = cJSON_CreateObject();
	cJSON_AddItemToObject(doc, "@context", dcat_context());
	cJSON_AddStringToObject(doc, "@id", DCAT_BASE "catalog");
	cJSON_AddStringToObject(doc, "@type", "dcat:Catalog");
	cJSON_AddItemToObject(
		doc, "dct:title",
		config_text(title && *title ? title : CATALOG_TITLE));
	cJSON_AddItemToObject(
		doc, "dct:description",
		config_text(desc && *desc ? desc : CATALOG_DESCRIPTION));
	if (publisher && *publisher) {
		cJSON *pub = cJSON_CreateObject();
		cJSON_AddStringToObject(pub, "@type", "foaf:Agent");
		cJSON_AddItemToObject(pub, "foaf:name", config_text(publisher));
		cJSON_AddItemToObject(doc, "dct:publisher", pub);
	}
	if (home) {
		cJSON_AddItemToObject(doc, "foaf:homepage", iri("", home));
		free(home);
	}
	cJSON_AddItemToObject(doc, "dct:language", langs);
	return doc;
}

/* ---- Data Package ------------------------------------------------- */

/* Whether a Frictionless v1 Table Schema reader takes format for a field
 * of type: its own string formats, a date or time pattern; none of
 * govkit's (cn-uscc), which strict validators refuse. */
static bool
dp_format_standard(const char *type, const char *format)
{
	static const char *const string_formats[] = {"default", "email", "uri",
						     "binary",  "uuid",  NULL};

	if (strcmp(type, "date") == 0 || strcmp(type, "time") == 0 ||
	    strcmp(type, "datetime") == 0)
		return true;
	if (strcmp(type, "string") == 0)
		return cat_in_set(string_formats, format);
	return strcmp(format, "default") == 0;
}

/* A file extension from the format when it is one ("CSV", "xlsx"), else
 * csv, into ext. */
static void
dp_extension(const char *fmt, struct gk_buf *ext)
{
	for (const char *p = fmt ? fmt : ""; *p; p++) {
		if (!isalnum((unsigned char)*p)) {
			buf_reset(ext);
			break;
		}
		buf_addc(ext, (char)tolower((unsigned char)*p));
	}
	if (ext->len == 0)
		buf_adds(ext, "csv");
}

/* The Table Schema field of item it, named name, of schema type type. */
static cJSON *
dp_field(const cJSON *it, const char *name, const char *type)
{
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(it, "length");
	cJSON *f = cJSON_CreateObject();
	struct gk_err e;
	const char *s;

	cJSON_AddStringToObject(f, "name", name);
	cJSON_AddStringToObject(f, "type", type);
	if ((s = cat_str(it, "format")) && *s &&
	    schema_format_check(type, s, &e) == 0)
		cJSON_AddStringToObject(f,
					dp_format_standard(type, s)
						? "format"
						: SCHEMA_NS_FORMAT,
					s);
	if ((s = cat_str(it, "description")) && *s)
		cJSON_AddStringToObject(f, "description", s);
	/* a length bounds the text of a 字符型 item only: a 备注型
	 * (memo) length is its storage, not its text */
	if (cat_str(it, "type") && strcmp(cat_str(it, "type"), "C") == 0 &&
	    cJSON_IsNumber(len) && len->valuedouble >= 1) {
		cJSON *cons = cJSON_CreateObject();
		cJSON_AddNumberToObject(cons, "maxLength", len->valuedouble);
		cJSON_AddItemToObject(f, "constraints", cons);
	}
	return f;
}

/* The Table Schema of the entry's information items.  What validate
 * reports and gov-check -s would refuse, the whole schema with it, is
 * left out: an item without a name or repeating one, a format gov-check
 * does not take for the type. */
static cJSON *
dp_schema(const cJSON *entry)
{
	cJSON *schema = cJSON_CreateObject();
	cJSON *fields = cJSON_CreateArray();
	struct cat_names names; /* field names given */
	const cJSON *it;

	cat_names_init(&names);
	cJSON_ArrayForEach(it,
			   cJSON_GetObjectItemCaseSensitive(entry, "items")) {
		const char *name = cat_str(it, "name");
		const char *type = cat_item_schema_type(cat_str(it, "type"));
		if (!name || !*name || !cat_names_put(&names, name, 0))
			continue;
		cJSON_AddItemToArray(fields, dp_field(it, name, type));
	}
	cat_names_release(&names);
	cJSON_AddItemToObject(schema, "fields", fields);
	return schema;
}

/* The provider as the resource's one source; NULL for an entry without
 * one, whose source would be an empty title. */
static cJSON *
dp_sources(const cJSON *entry)
{
	const char *provider = cat_str(entry, "provider");
	cJSON *src, *so;

	if (!provider || !*provider)
		return NULL;
	src = cJSON_CreateArray();
	so = cJSON_CreateObject();
	cJSON_AddStringToObject(so, "title", provider);
	cJSON_AddItemToArray(src, so);
	return src;
}

/* Whether the entry's path is one a Data Package takes as a resource's
 * path: an http(s) URL, or a relative POSIX path that starts with none of
 * '.', '/' and '~' and holds no ".." (the profile's pattern), no
 * backslash and no control character. */
static bool
dp_path_ok(const char *path)
{
	if (strncmp(path, "http://", 7) == 0 ||
	    strncmp(path, "https://", 8) == 0)
		return true;
	if (!*path || strchr("./~", path[0]) || strstr(path, ".."))
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	return true;
}

/* The entry as a resource of resources.  One without a field to give
 * its Table Schema (no items, or none named) is a plain data-resource
 * without a schema, as a Table Schema has at least one field; so
 * *tabular is then false. */
static void
add_dp_resource(cJSON *resources, const cJSON *entry, bool *tabular)
{
	char *slug = cat_slug(cat_str(entry, "code"));
	cJSON *r = cJSON_CreateObject();
	cJSON *schema = dp_schema(entry);
	cJSON *sources = dp_sources(entry);
	bool fields = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
			      schema, "fields")) > 0;
	struct gk_buf ext;
	const char *s;

	buf_init(&ext);
	dp_extension(cat_str(entry, "format"), &ext);
	cJSON_AddStringToObject(r, "name", slug);
	char *path = gk_xasprintf("%s.%s", slug, ext.data);
	const char *given = cat_str(entry, "path");
	if (given && !dp_path_ok(given)) {
		/* an absolute or parent path a reader refuses, or would
		 * read outside the package */
		gk_warn("export: entry %s: its path is not one a Data Package "
			"takes (a relative path without '..', or a URL): "
			"written as %s",
			cat_str(entry, "code") ? cat_str(entry, "code")
					       : "(no code)",
			path);
		given = NULL;
	}
	cJSON_AddStringToObject(r, "path", given ? given : path);
	free(path);
	cJSON_AddStringToObject(r, "profile",
				fields ? "tabular-data-resource"
				       : "data-resource");
	cJSON_AddStringToObject(r, "title", entry_title(entry));
	if ((s = cat_str(entry, "summary")))
		cJSON_AddStringToObject(r, "description", s);
	cJSON_AddStringToObject(r, "format", ext.data);
	cJSON_AddStringToObject(r, "encoding", "utf-8");
	if (fields)
		cJSON_AddItemToObject(r, "schema", schema);
	else
		cJSON_Delete(schema);
	if (sources)
		cJSON_AddItemToObject(r, "sources", sources);
	if (!fields)
		*tabular = false;
	cJSON_AddItemToArray(resources, r);
	buf_release(&ext);
	free(slug);
}

/* ---- XLSX --------------------------------------------------------- */

static cJSON *
xlsx_row(const cJSON *entry)
{
	cJSON *row = cJSON_CreateObject();

	for (size_t i = 0; cat_headers[i].field; i++) {
		const char *k = cat_headers[i].field;
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(entry, k);
		if (strcmp(k, "items") == 0) {
			struct gk_buf b;
			const cJSON *it;
			buf_init(&b);
			cJSON_ArrayForEach(it, v) {
				if (it != v->child)
					buf_adds(&b, "; ");
				cat_item_text(&b, it);
			}
			cJSON_AddStringToObject(row, k, b.data ? b.data : "");
			buf_release(&b);
		} else if (strcmp(k, "related") == 0 && cJSON_IsArray(v)) {
			/* the writer joins them with "; "; a code that would
			 * not read back as it is goes in quotes */
			cJSON *codes = cJSON_Duplicate(v, 1), *c;
			char *q;
			cJSON_ArrayForEach(c, codes)
				if (cJSON_IsString(c) &&
				    (q = cat_code_text(c->valuestring))) {
					cJSON_SetValuestring(c, q);
					free(q);
				}
			cJSON_AddItemToObject(row, k, codes);
		} else if (cJSON_IsString(v)) {
			cJSON_AddStringToObject(
				row, k, cat_label_zh(k, v->valuestring));
		} else if (v && !cJSON_IsNull(v)) {
			cJSON_AddItemToObject(row, k, cJSON_Duplicate(v, 1));
		} else {
			cJSON_AddStringToObject(row, k, "");
		}
	}
	return row;
}

/* ---- the command -------------------------------------------------- */

struct export_state {
	struct cat_ctx *c;
	const char *kind;
	const char *code; /* the entry being exported */
	bool lost;        /* a value left out, said (exit 1) */
	cJSON *collect;   /* datasets / resources */
	struct xlsxw *xw;
	const char *owner_org; /* ckan */
	/* dcat: the newest published date up to today, the catalog's
	 * dct:modified */
	struct gk_date newest;
	bool have_newest;
	struct gk_err e;
	struct gk_config cfg; /* ckan and dcat; owner_org borrows from it */
	cJSON *labels;        /* xlsx: the headers, which xw borrows */
	cJSON *doc;           /* dcat, datapackage: the document written */
	bool dp_tabular;      /* datapackage: every resource has a schema */
};

/* Whether the export of kind leaves out the value m names, which it
 * carries when it is of the type its field takes. */
static bool
export_drops(const char *kind, const struct cat_misfit *m)
{
	/* the text fields each carries */
	static const char *const dcat_fields[] = {
		"name",         "provider",        "provider_code",
		"summary",      "category",        "format",
		"share_type",   "share_condition", "share_basis",
		"update_cycle", "published",       NULL};
	static const char *const dp_fields[] = {"name", "summary", "provider",
						"format", NULL};
	bool text = !m->item && strcmp(m->field, "items") != 0 &&
		    strcmp(m->field, "related") != 0;

	if (strcmp(kind, "ckan") == 0) /* a list of items, related: JSON */
		return text || strcmp(m->member, "items") == 0;
	if (strcmp(kind, "dcat") == 0) /* no items */
		return text ? cat_in_set(dcat_fields, m->field)
			    : strcmp(m->field, "related") == 0;
	if (strcmp(kind, "datapackage") == 0) {
		if (text)
			return cat_in_set(dp_fields, m->field);
		if (strcmp(m->field, "related") == 0)
			return false;
		/* a length bounds a 字符型 item's text only */
		if (strcmp(m->field, "length") == 0)
			return cat_str(m->item, "type") &&
			       strcmp(cat_str(m->item, "type"), "C") == 0;
		return true;
	}
	if (strcmp(kind, "xlsx") == 0) {
		/* a number, true or false, a list is written (and read back
		 * as text); an object has no column of its own */
		if (text || strcmp(m->member, "related") == 0)
			return strcmp(m->kind, "an object") == 0;
		return strcmp(m->field, "related") != 0;
	}
	return false; /* ndjson: the entry as it is */
}

/* export_one's callback: a value the export leaves out, said. */
static bool
say_dropped(const struct cat_misfit *m, void *arg)
{
	struct export_state *s = arg;
	const char *where = strcmp(s->kind, "ckan") == 0   ? "CKAN package"
			    : strcmp(s->kind, "dcat") == 0 ? "DCAT catalog"
			    : strcmp(s->kind, "datapackage") == 0
				    ? "Data Package"
				    : "workbook";

	if (!export_drops(s->kind, m))
		return true;
	gk_warn("export: entry %s: %s is %s, not %s: left out of the %s",
		s->code, m->member, m->kind, m->want, where);
	s->lost = true;
	return true;
}

static int
export_one(const cJSON *entry, void *arg)
{
	struct export_state *s = arg;

	/* what an earlier build stored, that no export carries, is named
	 * where this one leaves it out */
	s->code = cat_str(entry, "code") ? cat_str(entry, "code") : "(no code)";
	cat_entry_misfits(entry, say_dropped, s);
	if (strcmp(s->kind, "ndjson") == 0)
		return cat_emit_entry(s->c, entry) != 0 ? 1 : 0;
	if (strcmp(s->kind, "ckan") == 0) {
		cJSON *pkg = cat_ckan_package(entry, s->owner_org);
		int r = cat_emit(s->c, pkg);
		cJSON_Delete(pkg);
		return r != 0 ? 1 : 0;
	}
	if (strcmp(s->kind, "dcat") == 0) {
		const char *p = cat_str(entry, "published");
		struct gk_date day;
		if (p && date_parse(p, strlen(p), &day) == 0 &&
		    date_cmp(&day, &s->c->today) <= 0 &&
		    (!s->have_newest || date_cmp(&day, &s->newest) > 0)) {
			s->newest = day;
			s->have_newest = true;
		}
		add_dcat_dataset(s->collect, entry);
		return 0;
	}
	if (strcmp(s->kind, "datapackage") == 0) {
		add_dp_resource(s->collect, entry, &s->dp_tabular);
		return 0;
	}
	cJSON *row = xlsx_row(entry);
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(entry, "code");
	char where[256];
	/* what the workbook writer has to say names the entry */
	snprintf(where, sizeof where, "entry %s",
		 cJSON_IsString(code) ? code->valuestring : "(no code)");
	xlsxw_set_source(s->xw, where, 0);
	int r = xlsxw_add(s->xw, row, &s->e);
	xlsxw_set_source(s->xw, NULL, 0);
	cJSON_Delete(row);
	return r != 0 ? -1 : 0;
}

static int
write_document(struct cat_ctx *c, cJSON *doc)
{
	char *text;
	int rc = 0;

	cat_mask(c, doc);
	text = cJSON_Print(doc);

	if (fputs(text, c->fp) == EOF || fputc('\n', c->fp) == EOF)
		rc = -1;
	cJSON_free(text);
	return rc;
}

/* The kind of export the options ask for into *kind: 0, else the exit
 * status of a usage error. */
static int
export_kind(const struct cat_ctx *c, int argc, const char **kind)
{
	static const char *const kinds[] = {
		"ckan", "dcat", "datapackage", "xlsx", "ndjson", "jsonl", NULL};

	if (argc > 0)
		return gk_usage_error("export takes no arguments");
	if (!cat_in_set(kinds, c->export_format))
		return gk_usage_error("unknown export format '%s' (ckan, dcat, "
				      "datapackage, xlsx, ndjson)",
				      c->export_format);
	*kind = strcmp(c->export_format, "jsonl") == 0 ? "ndjson"
						       : c->export_format;
	if (strcmp(*kind, "xlsx") == 0 &&
	    (!c->output || strcmp(c->output, "-") == 0))
		return gk_usage_error(
			"export --format xlsx needs -o FILE.xlsx");
	if (cat_check_filters(c) != 0)
		return GK_EXIT_FAIL;
	return GK_EXIT_OK;
}

/* What the export takes from the configuration file; -1 after a
 * message. */
static int
export_config(struct export_state *s)
{
	if ((strcmp(s->kind, "ckan") == 0 && !s->c->owner_org) ||
	    strcmp(s->kind, "dcat") == 0) {
		/* the organization push sends them to, the catalog's own
		 * description: from the config */
		if (config_load(&s->cfg, &s->e) != 0) {
			gk_warn_err(&s->e);
			return -1;
		}
	}
	s->owner_org = cat_owner_org(s->c, &s->cfg);
	if (strcmp(s->kind, "dcat") == 0 &&
	    !(s->doc = dcat_catalog(&s->cfg, &s->e))) {
		gk_warn_err(&s->e);
		return -1;
	}
	return 0;
}

/* The workbook writer, its columns the guide's headers; -1 after a
 * message. */
static int
open_xlsx(struct export_state *s)
{
	struct xlsxw_options xo = {0};
	struct gk_buf cols;

	xo.no_mask = s->c->no_mask;
	s->labels = cJSON_CreateObject();
	buf_init(&cols);
	for (size_t i = 0; cat_headers[i].field; i++) {
		cJSON_AddStringToObject(s->labels, cat_headers[i].field,
					cat_headers[i].zh);
		buf_printf(&cols, "%s%s", i ? "," : "", cat_headers[i].field);
	}
	xo.labels = s->labels;
	xo.columns = cols.data;
	xo.sheet_name = "资源目录";
	s->xw = xlsxw_new(&xo, &s->e);
	buf_release(&cols);
	if (!s->xw) {
		gk_warn_err(&s->e);
		return -1;
	}
	return 0;
}

/* The DCAT catalog with its datasets, dated by the newest of them. */
static void
finish_dcat(struct export_state *s)
{
	if (s->have_newest) {
		char day[11];
		cJSON *mod = cJSON_CreateObject();
		date_format(&s->newest, day);
		cJSON_AddStringToObject(mod, "@value", day);
		cJSON_AddStringToObject(mod, "@type", "xsd:date");
		cJSON_AddItemToObject(s->doc, "dct:modified", mod);
	}
	cJSON_AddItemToObject(s->doc, "dcat:dataset", s->collect);
	s->collect = NULL;
	if (!cJSON_GetObjectItemCaseSensitive(s->doc, "dct:publisher"))
		gk_warn("the catalog has no dct:publisher, which "
			"DCAT-AP requires: name the data office with "
			"catalog_publisher in the configuration file");
}

static void
finish_datapackage(struct export_state *s)
{
	s->doc = cJSON_CreateObject();
	/* a tabular-data-package holds tabular resources only */
	cJSON_AddStringToObject(s->doc, "profile",
				s->dp_tabular ? "tabular-data-package"
					      : "data-package");
	cJSON_AddStringToObject(s->doc, "name", DATAPACKAGE_NAME);
	cJSON_AddStringToObject(s->doc, "title", CATALOG_TITLE);
	cJSON_AddItemToObject(s->doc, "resources", s->collect);
	s->collect = NULL;
}

/* After the last entry: the workbook saved, or the document written.
 * The exit status. */
static int
export_finish(struct export_state *s)
{
	if (strcmp(s->kind, "dcat") == 0) {
		finish_dcat(s);
	} else if (strcmp(s->kind, "datapackage") == 0) {
		finish_datapackage(s);
	} else if (s->xw) {
		if (xlsxw_finish(s->xw, s->c->output, &s->e) != 0) {
			gk_warn_err(&s->e);
			return GK_EXIT_FAIL;
		}
		/* a text cut to Excel's limit, named */
		return xlsxw_cut_cells(s->xw) > 0 ? GK_EXIT_FOUND : GK_EXIT_OK;
	}
	/* a write error is reported at close */
	if (s->doc)
		write_document(s->c, s->doc);
	return GK_EXIT_OK;
}

int
cmd_export(struct cat_ctx *c, int argc, char **argv)
{
	struct export_state s = {0};
	int rc, each;

	s.dp_tabular = true;
	(void)argv;
	rc = export_kind(c, argc, &s.kind);
	if (rc != GK_EXIT_OK)
		return rc;
	s.c = c;
	if (export_config(&s) != 0 || cat_db_read(c) != 0) {
		rc = GK_EXIT_FAIL;
		goto out;
	}
	if (strcmp(s.kind, "xlsx") == 0) {
		if (open_xlsx(&s) != 0) {
			rc = GK_EXIT_FAIL;
			goto out;
		}
	} else if (strcmp(s.kind, "dcat") == 0 ||
		   strcmp(s.kind, "datapackage") == 0) {
		s.collect = cJSON_CreateArray();
	}
	each = cat_entry_each(c->db, c, export_one, &s, &s.e);
	if (each < 0) {
		gk_warn_err(&s.e);
		rc = GK_EXIT_FAIL;
	} else if (each == 0) {
		rc = export_finish(&s);
		/* written, but without a value: as a text cut short */
		if (rc == GK_EXIT_OK && s.lost)
			rc = GK_EXIT_FOUND;
	} /* else the output is gone; the close says if that is an error */
out:
	cJSON_Delete(s.doc);
	cJSON_Delete(s.collect);
	cJSON_Delete(s.labels);
	config_release(&s.cfg);
	if (s.xw)
		xlsxw_free(s.xw);
	return rc;
}
