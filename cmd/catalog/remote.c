/*
 * remote.c: push and pull against a CKAN-compatible central catalog.
 *
 * push asks package_show first, then package_create for a new package or
 * package_patch with only what changed (never package_update, which drops
 * every field it is not given).  Extras and resources another system added
 * on the central side are kept.  Nothing local changes on push, so a
 * failed push leaves the catalog as it was.  pull writes what the central
 * catalog holds into the local one, each entry in its own transaction
 * with its row of history.
 */
#include "catalog.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CKAN_ACTION "/api/3/action/"

/* Top-level package keys gov-catalog manages (see cat_ckan_package). */
static const char *const managed_keys[] = {"title", "notes", "author", NULL};
/* Extras it manages: everything cat_ckan_package may write. */
static const char *const managed_extras[] = {
	"identifier",      "provider",     "provider_code",
	"category",        "format",       "share_type",
	"share_condition", "share_basis",  "share_method",
	"open_type",       "update_cycle", "published",
	"related",         "items",        NULL};
/* Entry fields a pull takes from the central catalog. */
static const char *const pulled_fields[] = {"name",
					    "provider",
					    "provider_code",
					    "summary",
					    "category",
					    "format",
					    "items",
					    "share_type",
					    "share_condition",
					    "share_basis",
					    "share_method",
					    "open_type",
					    "update_cycle",
					    "published",
					    "related",
					    NULL};

struct remote {
	struct cat_ctx *c;
	struct gk_config cfg;
	const char *owner_org; /* cat_owner_org's */
	struct http_client *http;
	int rc;
	bool unreachable;
};

static int
remote_open(struct remote *r, struct cat_ctx *c)
{
	struct gk_err e;

	memset(r, 0, sizeof *r);
	r->c = c;
	if (config_load(&r->cfg, &e) != 0) {
		gk_warn_err(&e);
		return -1;
	}
	if (c->api)
		config_set(&r->cfg, "api", c->api);
	r->owner_org = cat_owner_org(c, &r->cfg);
	r->http = http_client_from_config(&r->cfg, c->cacert, &e);
	if (!r->http) {
		gk_warn_err(&e);
		return -1;
	}
	return 0;
}

static void
remote_close(struct remote *r)
{
	http_client_free(r->http);
	config_release(&r->cfg);
}

/* One call's answer, and what its messages name. */
struct ckan_answer {
	const char *action;
	const char *label; /* the package asked for, "" when none */
	struct http_response resp;
	cJSON *doc; /* the answer's JSON, NULL when it is none */
};

static const char *
call_label(const char *id, const cJSON *body)
{
	return id                      ? id
	       : cat_str(body, "name") ? cat_str(body, "name")
	       : cat_str(body, "id")   ? cat_str(body, "id")
				       : "";
}

/* The path of action, with id as its query (caller frees); NULL and e
 * set when there is no memory to escape it. */
static char *
action_path(const char *action, const char *id, struct gk_err *e)
{
	char *path, *q;

	if (!id)
		return gk_xasprintf(CKAN_ACTION "%s", action);
	/* a name from the central catalog's package_list may hold a
	 * space, '&' or '#': escaped, it is one query value */
	q = curl_easy_escape(NULL, id, 0);
	if (!q) {
		gk_err_set(e, "%s '%s': out of memory", action, id);
		return NULL;
	}
	path = gk_xasprintf(CKAN_ACTION "%s?id=%s", action, q);
	curl_free(q);
	return path;
}

/* POST body (GET without one) to path; -1 and e set, resp released,
 * when no answer came. */
static int
send_call(struct remote *r, const char *path, const cJSON *body,
	  struct http_response *resp, struct gk_err *e)
{
	char *text = body ? cJSON_PrintUnformatted(body) : NULL;
	int rc = http_request(r->http, body ? "POST" : "GET", path, text,
			      text ? strlen(text) : 0, NULL, resp, e);

	cJSON_free(text);
	if (rc != 0) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		gk_err_set(e, "unable to reach the central catalog: %s", why);
		/* a try that failed half-way may have left part of a body */
		http_response_release(resp);
		return -1;
	}
	return 0;
}

/* The answer's JSON into a->doc: -1 when the catalog is down or the
 * answer holds NUL, 0 when it is refused, 1 to read on. */
static int
read_answer(struct ckan_answer *a, struct gk_err *e)
{
	const struct http_response *resp = &a->resp;

	if (http_status_retryable(resp->status)) {
		/* still failing after the retries: the catalog is down */
		struct gk_err d;
		http_response_describe(resp, &d);
		gk_err_set(e, "central catalog unavailable for %s '%s': %s",
			   a->action, a->label, d.msg);
		return -1;
	}
	if (resp->body.len &&
	    json_nul_escape_at(resp->body.data, resp->body.len) !=
		    resp->body.len) {
		gk_err_set(e,
			   "%s '%s': the central catalog's answer holds "
			   "\\u0000 (NUL), refused",
			   a->action, a->label);
		return -1;
	}
	a->doc = cJSON_ParseWithLength(resp->body.data ? resp->body.data : "",
				       resp->body.len);
	/* cJSON takes any byte in a string: a name or a message of bytes
	 * that are no UTF-8 would be stored, and written into JSON Lines
	 * that no reader takes.  (An answer that is no JSON, an HTML page,
	 * is described as it was, made printable.)  Refused as CKAN's
	 * refusals are: that package rejected, the others go on. */
	if (a->doc && !utf8_valid(resp->body.data, resp->body.len)) {
		gk_err_set(e,
			   "%s '%s': the central catalog's answer is not "
			   "valid UTF-8",
			   a->action, a->label);
		return 0;
	}
	return 1;
}

/* The fields at fault of CKAN's error, "; field: why, why" each. */
static void
add_error_fields(struct gk_buf *msg, const cJSON *err)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, err) {
		if (!f->string || strcmp(f->string, "__type") == 0 ||
		    strcmp(f->string, "message") == 0)
			continue;
		buf_printf(msg, "%s%s: ", msg->len ? "; " : "", f->string);
		if (cJSON_IsArray(f)) {
			const cJSON *x;
			bool first = true;
			cJSON_ArrayForEach(x, f) {
				if (cJSON_IsString(x))
					buf_printf(msg, "%s%s",
						   first ? "" : ", ",
						   x->valuestring);
				first = false;
			}
		} else if (cJSON_IsString(f)) {
			buf_adds(msg, f->valuestring);
		}
	}
}

/* CKAN's success:false: its type, message and the fields at fault. */
static void
ckan_refusal(const struct ckan_answer *a, const cJSON *err, bool *not_found,
	     struct gk_err *e)
{
	struct gk_buf msg;
	const char *type = cat_str(err, "__type");
	const char *m = cat_str(err, "message");

	buf_init(&msg);
	if (type)
		buf_adds(&msg, type);
	if (m && (!type || strcmp(m, type) != 0))
		buf_printf(&msg, "%s%s", msg.len ? ": " : "", m);
	add_error_fields(&msg, err);
	if (type && strcmp(type, "Authorization Error") == 0)
		buf_adds(&msg,
			 " (check the token: GOVKIT_TOKEN or token_file)");
	if (not_found && type && strcmp(type, "Not Found Error") == 0)
		*not_found = true;
	if (msg.data) /* the central catalog's words, for a terminal */
		msg.len = utf8_printable(msg.data, msg.len);
	gk_err_set(e, "%s '%s' refused by the central catalog (HTTP %ld): %s",
		   a->action, a->label, a->resp.status,
		   msg.data ? msg.data : "");
	buf_release(&msg);
}

/* 1 with *result taken from a successful answer, else 0 with e saying
 * why (*not_found set for a package that is not there). */
static int
answer_result(struct ckan_answer *a, cJSON **result, bool *not_found,
	      struct gk_err *e)
{
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(a->doc, "success");
	const cJSON *err;

	if (a->resp.status >= 200 && a->resp.status < 300 && cJSON_IsTrue(ok)) {
		*result = cJSON_DetachItemFromObjectCaseSensitive(a->doc,
								  "result");
		if (!*result)
			*result = cJSON_CreateNull();
		return 1;
	}
	err = cJSON_GetObjectItemCaseSensitive(a->doc, "error");
	if (!cJSON_IsObject(err)) {
		struct gk_err d;
		http_response_describe(&a->resp, &d);
		gk_err_set(e, "%s '%s' failed: %s", a->action, a->label, d.msg);
		if (not_found && a->resp.status == 404)
			*not_found = true;
		return 0;
	}
	ckan_refusal(a, err, not_found, e);
	return 0;
}

/*
 * One CKAN action.  Returns 1 with *result (caller owns) on success, 0 on
 * a CKAN refusal (e says why, *not_found set for "Not Found Error"), -1
 * when no answer came.
 */
static int
ckan_call(struct remote *r, const char *action, const char *id,
	  const cJSON *body, cJSON **result, bool *not_found, struct gk_err *e)
{
	struct ckan_answer a = {.action = action,
				.label = call_label(id, body)};
	char *path;
	int rc;

	*result = NULL;
	if (not_found)
		*not_found = false;
	path = action_path(action, id, e);
	if (!path)
		return -1;
	rc = send_call(r, path, body, &a.resp, e);
	free(path);
	if (rc != 0)
		return -1;
	rc = read_answer(&a, e);
	if (rc > 0)
		rc = answer_result(&a, result, not_found, e);
	cJSON_Delete(a.doc);
	http_response_release(&a.resp);
	return rc;
}

/* ---- push --------------------------------------------------------- */

static const cJSON *
find_extra(const cJSON *extras, const char *key)
{
	const cJSON *x;

	if (!key)
		return NULL;
	cJSON_ArrayForEach(x, extras) {
		const char *k = cat_str(x, "key");
		if (k && strcmp(k, key) == 0)
			return x;
	}
	return NULL;
}

/* "extras.KEY" on the list of fields a patch changes; a remote extra
 * without a key (the patch drops it, as merged_extras does) is
 * "extras". */
static void
add_extra_field(cJSON *fields, const char *key)
{
	char *n = key ? gk_xasprintf("extras.%s", key) : gk_xstrdup("extras");

	cJSON_AddItemToArray(fields, cJSON_CreateString(n));
	free(n);
}

/* Ours, then the remote's extras that are not ours (kept as they are). */
static cJSON *
merged_extras(const cJSON *desired, const cJSON *remote)
{
	cJSON *out = cJSON_Duplicate(desired, 1);
	const cJSON *x;

	cJSON_ArrayForEach(x, remote) {
		const char *k = cat_str(x, "key");
		if (k && !cat_in_set(managed_extras, k))
			cJSON_AddItemToArray(out, cJSON_Duplicate(x, 1));
	}
	return out;
}

static bool
same_extras(const cJSON *a, const cJSON *b)
{
	const cJSON *x;

	if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
		return false;
	cJSON_ArrayForEach(x, a) {
		const cJSON *y = find_extra(b, cat_str(x, "key"));
		const char *vx = cat_str(x, "value"), *vy = cat_str(y, "value");
		if (!y || !vx || !vy || strcmp(vx, vy) != 0)
			return false;
	}
	return true;
}

/*
 * Whether the central catalog holds a resource member as we would set it.
 * CKAN cleans a resource's format to its own spelling of the name ("csv"
 * is kept as "CSV", "geojson" as "GeoJSON"): taken for a change, every
 * push patched every such package again.
 */
static bool
same_resource_member(const cJSON *have, const cJSON *want)
{
	if (!have)
		return false;
	if (want->string && strcmp(want->string, "format") == 0 &&
	    cJSON_IsString(have) && cJSON_IsString(want))
		return strcasecmp(have->valuestring, want->valuestring) == 0;
	return cJSON_Compare(have, want, 1);
}

/* The first resource, with what we set, keeping its id and the rest. */
static bool
resources_patch(const cJSON *desired, const cJSON *remote, cJSON **out)
{
	const cJSON *want = cJSON_GetArrayItem(desired, 0);
	const cJSON *have = cJSON_GetArrayItem(remote, 0);
	const cJSON *f;
	bool differ = !have;

	*out = NULL;
	if (!want)
		return false;
	cJSON_ArrayForEach(f, want) {
		const cJSON *h =
			have ? cJSON_GetObjectItemCaseSensitive(have, f->string)
			     : NULL;
		if (!same_resource_member(h, f))
			differ = true;
	}
	if (!differ)
		return false;
	*out = cJSON_CreateArray();
	cJSON_AddItemToArray(*out, have ? cat_merge(have, want)
					: cJSON_Duplicate(want, 1));
	const cJSON *r;
	int i = 0;
	cJSON_ArrayForEach(r, remote)
		if (i++ > 0)
			cJSON_AddItemToArray(*out, cJSON_Duplicate(r, 1));
	return true;
}

/*
 * Whether the remote package belongs to the organization --owner-org
 * names.  CKAN takes owner_org by the organization's name or id and keeps
 * the id, with the organization beside it: compared as sent, a push
 * with --owner-org NAME patched owner_org on every run.
 */
static bool
same_owner(const cJSON *remote, const cJSON *want)
{
	const cJSON *org =
		cJSON_GetObjectItemCaseSensitive(remote, "organization");
	const cJSON *have =
		cJSON_GetObjectItemCaseSensitive(remote, "owner_org");
	const char *w = cJSON_IsString(want) ? want->valuestring : NULL;
	const char *oid = cat_str(org, "id"), *oname = cat_str(org, "name");

	if (have && cJSON_Compare(have, want, 1))
		return true;
	/* the organization's name, when it is the one owner_org holds */
	return w && cJSON_IsString(have) && oid &&
	       strcmp(oid, have->valuestring) == 0 && oname &&
	       strcmp(oname, w) == 0;
}

/* A patch being made: what it sends (body), the keys it changes (fields),
 * and the two packages it makes equal. */
struct patch {
	cJSON *body;
	cJSON *fields;
	const cJSON *desired;
	const cJSON *remote;
};

static void
patch_set(struct patch *p, const char *key, cJSON *value)
{
	cJSON_AddItemToObject(p->body, key, value);
	cJSON_AddItemToArray(p->fields, cJSON_CreateString(key));
}

/* The top-level keys gov-catalog manages: set as we have them, or
 * cleared there when cleared here. */
static void
patch_managed_keys(struct patch *p)
{
	for (const char *const *k = managed_keys; *k; k++) {
		const cJSON *want =
			cJSON_GetObjectItemCaseSensitive(p->desired, *k);
		const cJSON *have =
			cJSON_GetObjectItemCaseSensitive(p->remote, *k);
		const char *hv = cJSON_IsString(have) ? have->valuestring : "";
		if (want && !cJSON_Compare(want, have, 1))
			patch_set(p, *k, cJSON_Duplicate(want, 1));
		else if (!want && *hv)
			/* cleared locally: clear it there too */
			patch_set(p, *k, cJSON_CreateString(""));
	}
}

/* The other keys we send (owner_org, ...) where the remote differs. */
static void
patch_other_keys(struct patch *p)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, p->desired) {
		if (!f->string || cat_in_set(managed_keys, f->string) ||
		    strcmp(f->string, "extras") == 0 ||
		    strcmp(f->string, "resources") == 0 ||
		    strcmp(f->string, "name") == 0)
			continue;
		const cJSON *have =
			cJSON_GetObjectItemCaseSensitive(p->remote, f->string);
		if (strcmp(f->string, "owner_org") == 0
			    ? !same_owner(p->remote, f)
			    : !have || !cJSON_Compare(have, f, 1))
			patch_set(p, f->string, cJSON_Duplicate(f, 1));
	}
}

/* The extras, ours merged with the remote's, when they differ; each
 * extra that changes named on the fields. */
static void
patch_extras(struct patch *p)
{
	const cJSON *rex =
		cJSON_GetObjectItemCaseSensitive(p->remote, "extras");
	cJSON *ex = merged_extras(
		cJSON_GetObjectItemCaseSensitive(p->desired, "extras"), rex);
	const cJSON *x;

	if (same_extras(ex, rex)) {
		cJSON_Delete(ex);
		return;
	}
	cJSON_ArrayForEach(x, ex) {
		const cJSON *y = find_extra(rex, cat_str(x, "key"));
		if (!y || !cat_str(y, "value") || !cat_str(x, "value") ||
		    strcmp(cat_str(x, "value"), cat_str(y, "value")) != 0)
			add_extra_field(p->fields, cat_str(x, "key"));
	}
	cJSON_ArrayForEach(x, rex)
		if (!find_extra(ex, cat_str(x, "key")))
			add_extra_field(p->fields, cat_str(x, "key"));
	cJSON_AddItemToObject(p->body, "extras", ex);
}

/* What package_patch must send so the remote equals desired; NULL if it
 * already does.  *fields lists the keys that change. */
static cJSON *
package_patch(const cJSON *desired, const cJSON *remote, cJSON *fields)
{
	struct patch p = {cJSON_CreateObject(), fields, desired, remote};
	cJSON *res;

	patch_managed_keys(&p);
	patch_other_keys(&p);
	patch_extras(&p);
	if (resources_patch(
		    cJSON_GetObjectItemCaseSensitive(desired, "resources"),
		    cJSON_GetObjectItemCaseSensitive(remote, "resources"),
		    &res))
		patch_set(&p, "resources", res);
	if (!p.body->child) {
		cJSON_Delete(p.body);
		return NULL;
	}
	const char *id = cat_str(remote, "id") ? cat_str(remote, "id")
					       : cat_str(desired, "name");
	cJSON_AddStringToObject(p.body, "id", id);
	/* name too, so messages can say which package */
	if (!cJSON_GetObjectItemCaseSensitive(p.body, "name"))
		cJSON_AddStringToObject(p.body, "name",
					cat_str(desired, "name"));
	return p.body;
}

static void
emit_result(struct remote *r, const char *type, const char *code,
	    const char *slug, const char *action, cJSON *fields,
	    const char *message)
{
	cJSON *rec = cJSON_CreateObject();

	cJSON_AddStringToObject(rec, "type", type);
	cJSON_AddStringToObject(rec, "code", code);
	cJSON_AddStringToObject(rec, "name", slug);
	cJSON_AddStringToObject(rec, "action", action);
	cJSON_AddItemToObject(rec, "fields",
			      fields ? fields : cJSON_CreateArray());
	if (message)
		cJSON_AddStringToObject(rec, "message", message);
	if (cat_emit(r->c, rec) != 0)
		r->rc = GK_EXIT_FAIL;
	cJSON_Delete(rec);
}

static void
refused(struct remote *r, const char *type, const char *code, const char *slug,
	const struct gk_err *e)
{
	gk_warn("%s: %s", code, e->msg);
	emit_result(r, type, code, slug, "rejected", NULL, e->msg);
	if (r->rc < GK_EXIT_FOUND)
		r->rc = GK_EXIT_FOUND;
}

/*
 * Only entries that pass validation go to the central catalog: its
 * findings are printed (as `validate` prints them) and the entry is
 * skipped, so a bad code or a missing legal basis is never published.
 */
static bool
push_valid(struct remote *r, const cJSON *entry)
{
	struct cat_validation v = {.ctx = r->c, .file = "catalog", .row = 0};

	v.by_check = cJSON_CreateObject();
	cat_validate_entry(&v, entry);
	cJSON_Delete(v.by_check);
	cJSON_Delete(v.batch_codes);
	if (v.errors == 0)
		return true;
	gk_warn("%s: not pushed: %ld validation error%s (see gov-catalog validate)",
		cat_str(entry, "code") ? cat_str(entry, "code") : "?", v.errors,
		v.errors == 1 ? "" : "s");
	if (r->rc < GK_EXIT_FOUND)
		r->rc = GK_EXIT_FOUND;
	return false;
}

/*
 * After package_create was refused: whether the package is there all the
 * same, holding this resource (*remote then its package_show).  So it is
 * when a try of the create reached the catalog and its answer was lost
 * (the connection cut, a time-out): the try after it is refused, "That
 * URL is already in use", for the package the first one made.
 */
static bool
created_after_all(struct remote *r, const char *slug, const char *code,
		  cJSON **remote)
{
	struct gk_err e;
	bool not_found;
	const char *holder;

	if (ckan_call(r, "package_show", slug, NULL, remote, &not_found, &e) <=
	    0) {
		cJSON_Delete(*remote);
		*remote = NULL;
		return false;
	}
	holder = cat_str(
		find_extra(cJSON_GetObjectItemCaseSensitive(*remote, "extras"),
			   "identifier"),
		"value");
	if (holder && strcmp(holder, code) == 0)
		return true;
	cJSON_Delete(*remote);
	*remote = NULL;
	return false;
}

static int
push_one(const cJSON *entry, void *arg)
{
	struct remote *r = arg;
	const char *code = cat_str(entry, "code");
	cJSON *desired;

	if (!push_valid(r, entry))
		return 0;
	desired = cat_ckan_package(entry, r->owner_org);
	const char *slug = cat_str(desired, "name");
	cJSON *remote = NULL, *result = NULL, *patch = NULL;
	cJSON *fields = cJSON_CreateArray();
	bool not_found, created = false;
	struct gk_err e;
	int got;

	got = ckan_call(r, "package_show", slug, NULL, &remote, &not_found, &e);
	if (got < 0)
		goto unreachable;
	if (got == 0 && !not_found) {
		refused(r, "push", code, slug, &e);
		goto out;
	}
	if (got == 0) {
		got = ckan_call(r, "package_create", NULL, desired, &result,
				NULL, &e);
		if (got < 0)
			goto unreachable;
		if (got > 0) {
			emit_result(r, "push", code, slug, "created", NULL,
				    NULL);
			goto out;
		}
		if (!created_after_all(r, slug, code, &remote)) {
			refused(r, "push", code, slug, &e);
			goto out;
		}
		/* made by a try whose answer was lost: as it is, or
		 * patched to what was sent */
		created = true;
	}
	/* Two codes can make one CKAN name ("1/2", "1-2"): never patch
	 * another resource's package. */
	const char *holder = cat_str(
		find_extra(cJSON_GetObjectItemCaseSensitive(remote, "extras"),
			   "identifier"),
		"value");
	if (holder && strcmp(holder, code) != 0) {
		gk_err_set(&e,
			   "package '%s' of the central catalog holds resource "
			   "'%s', not this one",
			   slug, holder);
		refused(r, "push", code, slug, &e);
		goto out;
	}
	patch = package_patch(desired, remote, fields);
	if (!patch) {
		emit_result(r, "push", code, slug,
			    created ? "created" : "unchanged", NULL, NULL);
		goto out;
	}
	got = ckan_call(r, "package_patch", NULL, patch, &result, NULL, &e);
	if (got < 0)
		goto unreachable;
	if (got == 0) {
		refused(r, "push", code, slug, &e);
		goto out;
	}
	emit_result(r, "push", code, slug, "patched", fields, NULL);
	fields = NULL;
	goto out;
unreachable:
	gk_warn_err(&e);
	r->unreachable = true;
	r->rc = GK_EXIT_FAIL;
out:
	cJSON_Delete(fields);
	cJSON_Delete(patch);
	cJSON_Delete(result);
	cJSON_Delete(remote);
	cJSON_Delete(desired);
	return r->unreachable || r->rc == GK_EXIT_FAIL ? 1 : 0;
}

int
cmd_push(struct cat_ctx *c, int argc, char **argv)
{
	struct remote r;
	struct gk_err e;

	if (cat_check_filters(c) != 0)
		return GK_EXIT_FAIL;
	if (cat_db_read(c) != 0)
		return GK_EXIT_FAIL;
	if (remote_open(&r, c) != 0) {
		config_release(&r.cfg);
		return GK_EXIT_FAIL;
	}
	if (argc == 0) {
		if (cat_entry_each(c->db, c, push_one, &r, &e) < 0) {
			gk_warn_err(&e);
			r.rc = GK_EXIT_FAIL;
		}
	}
	for (int i = 0; i < argc && !r.unreachable && r.rc < GK_EXIT_FAIL;
	     i++) {
		cJSON *entry;
		int got = cat_entry_get(c->db, argv[i], &entry, &e);
		if (got < 0) {
			gk_warn_err(&e);
			r.rc = GK_EXIT_FAIL;
			break;
		}
		if (got == 0) {
			gk_warn("no entry '%s' in the catalog", argv[i]);
			if (r.rc < GK_EXIT_FOUND)
				r.rc = GK_EXIT_FOUND;
			continue;
		}
		push_one(entry, &r);
		cJSON_Delete(entry);
	}
	remote_close(&r);
	return r.rc;
}

/* ---- pull --------------------------------------------------------- */

static void
pull_one(struct remote *r, const char *ref)
{
	cJSON *pkg = NULL, *remote_entry = NULL, *old = NULL, *merged = NULL;
	cJSON *norm = NULL, *changes = NULL, *fields = NULL;
	const char *action, *code;
	bool not_found;
	struct gk_err e;
	int got;

	got = ckan_call(r, "package_show", ref, NULL, &pkg, &not_found, &e);
	if (got < 0) {
		gk_warn_err(&e);
		r->unreachable = true;
		r->rc = GK_EXIT_FAIL;
		return;
	}
	if (got == 0) {
		refused(r, "pull", ref, ref, &e);
		return;
	}
	remote_entry = cat_entry_from_ckan(pkg);
	code = cat_str(remote_entry, "code");
	if (!code || !*code) {
		/* no package (a "result" of null, a list, ...), or one with
		 * neither an identifier nor a name: nothing to store it as */
		gk_err_set(&e,
			   "package_show '%s': the central catalog's "
			   "answer holds no package with a name",
			   ref);
		refused(r, "pull", ref, ref, &e);
		goto out;
	}
	/* a value no export carries is refused as add refuses it: the
	 * package is named, nothing of it stored */
	struct gk_buf why;
	buf_init(&why);
	if (!cat_entry_fits(remote_entry, &why)) {
		gk_err_set(&e, "package '%s': %s; entry not pulled",
			   cat_str(pkg, "name") ? cat_str(pkg, "name") : ref,
			   why.data);
		buf_release(&why);
		refused(r, "pull", code,
			cat_str(pkg, "name") ? cat_str(pkg, "name") : ref, &e);
		goto out;
	}
	buf_release(&why);
	/* Fields the central catalog no longer has are removed here too;
	 * fields it never carries (local additions) are kept. */
	for (const char *const *k = pulled_fields; *k; k++)
		if (!cJSON_GetObjectItemCaseSensitive(remote_entry, *k))
			cJSON_AddNullToObject(remote_entry, *k);
	if (cat_entry_get(r->c->db, code, &old, &e) < 0) {
		gk_warn_err(&e);
		r->rc = GK_EXIT_FAIL;
		goto out;
	}
	merged = old ? cat_merge(old, remote_entry)
		     : cat_merge(remote_entry, remote_entry);
	norm = cat_entry_normalize(merged);
	if (cat_entry_put(r->c->db, norm, cat_user(r->c), "pull", &action,
			  &changes, &e) != 0) {
		gk_warn("%s: %s", code, e.msg);
		r->rc = GK_EXIT_FAIL;
		goto out;
	}
	fields = cJSON_CreateArray();
	const cJSON *ch;
	cJSON_ArrayForEach(ch, changes)
		cJSON_AddItemToArray(fields, cJSON_CreateString(ch->string));
	emit_result(r, "pull", code,
		    cat_str(pkg, "name") ? cat_str(pkg, "name") : ref, action,
		    fields, NULL);
out:
	cJSON_Delete(changes);
	cJSON_Delete(norm);
	cJSON_Delete(merged);
	cJSON_Delete(old);
	cJSON_Delete(remote_entry);
	cJSON_Delete(pkg);
}

int
cmd_pull(struct cat_ctx *c, int argc, char **argv)
{
	struct remote r;
	struct gk_err e;

	if (cat_db(c) != 0)
		return GK_EXIT_FAIL;
	if (remote_open(&r, c) != 0) {
		config_release(&r.cfg);
		return GK_EXIT_FAIL;
	}
	if (argc > 0) {
		for (int i = 0; i < argc && !r.unreachable; i++) {
			/* a package named elsewhere is asked for by its name */
			char *slug = cat_is_ckan_name(argv[i])
					     ? gk_xstrdup(argv[i])
					     : cat_slug(argv[i]);
			pull_one(&r, slug);
			free(slug);
		}
	} else {
		cJSON *names = NULL;
		int got = ckan_call(&r, "package_list", NULL, NULL, &names,
				    NULL, &e);
		if (got <= 0) {
			gk_warn_err(&e);
			r.rc = GK_EXIT_FAIL;
		} else {
			const cJSON *n;
			cJSON_ArrayForEach(n, names) {
				if (r.unreachable)
					break;
				if (cJSON_IsString(n))
					pull_one(&r, n->valuestring);
			}
		}
		cJSON_Delete(names);
	}
	remote_close(&r);
	return r.rc;
}
