#!/usr/bin/python3
"""central.py: the reference central server of govkit's tests.

Speaks every call of the central API in the contract
(/work/shared/spec/interfaces.md, "gov-submit"), on a loopback port chosen
at start-up, with Python's standard library only:

  POST /v1/NAME                 {"records":[...]} -> {"accepted":N,"rejected":[...]}
                                (bearer token checked, deduplicated by
                                Idempotency-Key: a key seen before gets the
                                answer it got the first time, nothing stored)
  GET  /v1/revocations?since=ISO  {"revocations":[{"license_no","revoked_at","reason"}]}
  POST /v1/licenses/verify      {"license_no":...} -> {"license_no","status","valid_to"}
  POST /api/3/action/package_create | package_update | package_patch |
       package_delete           CKAN action API, {"success":true,"result":{...}};
                                a resource's format cleaned as CKAN does
                                ("csv" is stored as "CSV"), owner_org kept
                                as the organization's id
  GET  /api/3/action/package_show?id=ID_OR_NAME, package_list

Test controls (no token needed; never counted as requests):

  POST /_control  JSON object, any of:
     {"fail": N, "status": 503, "retry_after": S}   next N API requests fail
     {"throttle": N, "retry_after": S}              next N answer 429 + Retry-After
     {"hang": N, "seconds": S, "after": K}          next N sleep S first (then
                                                    are processed as usual); with
                                                    after, the next K go through
                                                    first, and the N after them
                                                    hang
     {"answer": N, "status": S, "body": TEXT}       next N get this answer as it
                                                    is (status S, default 200),
                                                    unprocessed, nothing stored;
                                                    a lone \\udcXX in TEXT is the
                                                    byte XX (an answer that is
                                                    not UTF-8)
     {"drop": N}                                    next N are processed, then
                                                    the connection is cut mid-answer
     {"reject": [{"field": F, "value": V, "error": MSG}], "reject_status": 422}
                                                    records whose field F equals V
                                                    are rejected (answer status
                                                    reject_status, default 422,
                                                    when any record is rejected)
     {"max_records": N, "max_bytes": B}             from now on a POST /v1/NAME of
                                                    more records, or a larger body,
                                                    is answered 413 and nothing
                                                    stored (0: no limit)
     {"waf": TEXT, "waf_status": 400}               from now on a request whose body
                                                    holds TEXT (its bytes, as sent)
                                                    is answered an HTML page as a
                                                    web application firewall's,
                                                    quoting TEXT
                                                    (status waf_status, default
                                                    400), nothing stored ("": off)
     {"path": "/v1/"}                               limit fail/throttle/answer/hang/drop
                                                    to paths starting with this
     {"revocations": [...]}  add revocations
     {"make_revocations": N, "reason": TEXT, "reason_repeat": K}
                             add N revocations made up here: license_no
                             TL-GEN-0000001 on, revoked_at a second apart
                             from 2025-01-01T00:00:01Z, reason TEXT K times
                             (a register too large to post in a control)
     {"pad": BYTES}          every API answer from now on ends with this
                             many spaces (JSON allows them): an answer of
                             any size from any call
     {"licenses": [...]}     add licenses ({"license_no","status","valid_to"})
     {"packages": [...]}     add CKAN packages as they are
     {"token": "T"}          change the expected token
     {"unowned": false}      package_create refuses a package without
                             owner_org, as a CKAN does whose
                             ckan.auth.create_unowned_dataset is false
                             (true again: accepted, the default)
     {"reset": true}         forget records, keys, packages, controls, counters
  GET /_records?endpoint=NAME   stored records of NAME, one JSON per line
  GET /_requests                every API request seen, one JSON per line:
                                {"method","path","status","key","user_agent",
                                 "content_type","auth":"ok"|"bad"|"none","records",
                                 "proxied": true when it came as to a proxy}
  GET /_stats                   {"requests":N,"stored":{NAME:N},"keys":N}
  GET /_packages                the CKAN packages, one JSON per line

A record posted with a member "_reject": "message" is always rejected with
that message.  The server also serves as a plain-HTTP forward proxy to
itself (a request line with an absolute URL), for tests of http_proxy.

Usage: central.py [--port N] [--port-file FILE] [--token T]
                  [--revocations FILE] [--licenses FILE] [--store FILE]
                  [--cert PEM --key PEM]
The token also comes from $CENTRAL_TOKEN; without any, no token is checked.
--store FILE keeps what was accepted across restarts (a journal).
--cert/--key: speak HTTPS with this certificate chain and key.
--sink: answer every API call 200 {"accepted":N,"rejected":[]} at once,
without parsing its JSON (N counts the records' "type" members) or
storing it (for benchmarks of the client alone).
The port is written to --port-file (atomically) once the server listens.
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ENDPOINT_RE = re.compile(r"^/v1/([a-z0-9][a-z0-9_-]*)$")
MAX_BODY = 64 << 20


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))



def instant(text):
    """An RFC 3339 date-time as an aware datetime, or None."""
    try:
        t = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else None


def not_before(revoked_at, since):
    """revoked_at >= since, as instants when both are date-times with a
    zone (a register compares times, not text: 17:30+08:00 is 09:30Z),
    else as text."""
    a, b = instant(revoked_at), instant(since)
    if a is not None and b is not None:
        return a >= b
    return str(revoked_at) >= since

class State:
    def __init__(self, token, store):
        self.lock = threading.Lock()
        self.token = token
        self.store_path = store
        self.reset()
        if store and os.path.exists(store):
            self.replay(store)

    def reset(self):
        self.records = {}       # endpoint -> [record]
        self.keys = {}          # idempotency key -> (body hash, status, answer)
        self.revocations = []
        self.licenses = {}
        self.packages = {}      # id -> package
        self.requests = []
        self.fail = 0
        self.fail_status = 503
        self.fail_retry_after = None
        self.throttle = 0
        self.throttle_retry_after = 1
        self.hang = 0
        self.hang_seconds = 5.0
        self.hang_after = 0
        self.max_records = 0
        self.max_bytes = 0
        self.drop = 0
        self.canned = 0
        self.canned_status = 200
        self.canned_body = ""
        self.path = ""
        self.reject_rules = []
        self.reject_status = 422
        self.made = 0
        self.pad = 0
        self.unowned = True
        self.waf = b""
        self.waf_status = 400

    def journal(self, event):
        if not self.store_path:
            return
        with open(self.store_path, "a", encoding="utf-8") as f:
            f.write(dumps(event) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def replay(self, path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                ev = json.loads(line)
                kind = ev["ev"]
                if kind == "batch":
                    self.records.setdefault(ev["endpoint"], []).extend(
                        ev["records"])
                    if ev.get("key"):
                        self.keys[ev["key"]] = (ev["hash"], ev["status"],
                                                ev["answer"])
                elif kind == "package":
                    self.packages[ev["package"]["id"]] = ev["package"]
                elif kind == "package_delete":
                    self.packages.pop(ev["id"], None)
                elif kind == "revocation":
                    self.revocations.append(ev["revocation"])
                elif kind == "make_revocations":
                    self.make_revocations(ev["count"], ev["reason"])
                elif kind == "license":
                    self.licenses[ev["license"]["license_no"]] = ev["license"]

    def add_revocation(self, r):
        self.revocations.append(r)
        self.journal({"ev": "revocation", "revocation": r})

    def make_revocations(self, n, reason):
        t0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
        for _ in range(n):
            self.made += 1
            at = t0 + datetime.timedelta(seconds=self.made)
            self.revocations.append({
                "license_no": "TL-GEN-%07d" % self.made,
                "revoked_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "reason": reason})

    def add_license(self, lic):
        self.licenses[lic["license_no"]] = lic
        self.journal({"ev": "license", "license": lic})

    def put_package(self, pkg):
        self.packages[pkg["id"]] = pkg
        self.journal({"ev": "package", "package": pkg})

    def find_package(self, ref):
        if ref in self.packages:
            return self.packages[ref]
        for p in self.packages.values():
            if p.get("name") == ref:
                return p
        return None


def load_list(path, key):
    """A JSON file {"key":[...]} or [...], or JSON Lines."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
        if isinstance(doc, dict):
            return doc.get(key, [])
        return doc
    except ValueError:
        return [json.loads(l) for l in text.splitlines() if l.strip()]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "govkit-central/1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        # Head and body go in two writes: without this, Nagle's algorithm
        # and the client's delayed ACK add 40 ms to every answer.
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    # ---------------------------------------------------------- helpers
    @property
    def st(self):
        return self.server.state

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(n) if n > 0 else b""

    def answer(self, status, obj=None, headers=None, raw=None, ctype=None):
        if raw is None:
            raw = (dumps(obj) + "\n").encode() if obj is not None else b""
            ctype = ctype or "application/json"
        if self.st.pad and not urlsplit(self.path).path.startswith("/_"):
            raw += b" " * self.st.pad
        self.send_response(status)
        self.send_header("Content-Type", ctype or "application/x-ndjson")
        self.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(raw)

    def cut(self, status, obj):
        """Send the head and part of the body, then drop the connection."""
        raw = (dumps(obj) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw) + 100))
        self.end_headers()
        self.wfile.write(raw[: max(1, len(raw) // 2)])
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def auth_state(self):
        h = self.headers.get("Authorization")
        if h is None:
            return "none"
        tok = self.st.token
        if tok is None:
            return "ok"
        if h == "Bearer " + tok or h == tok:
            return "ok"
        return "bad"

    def log_request_seen(self, path, status, auth, nrec=None):
        st = self.st
        st.requests.append({
            "method": self.command, "path": path, "status": status,
            "key": self.headers.get("Idempotency-Key"),
            "user_agent": self.headers.get("User-Agent"),
            "content_type": self.headers.get("Content-Type"),
            "auth": auth, "records": nrec,
            "proxied": self.path.startswith(("http://", "https://"))})

    # ---------------------------------------------------------- dispatch
    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def dispatch(self):
        url = urlsplit(self.path)
        path = url.path
        query = parse_qs(url.query)
        try:
            body = self.read_body()
        except (ValueError, OSError):
            self.answer(413, {"error": "request body too large"})
            return
        if path.startswith("/_"):
            self.control(path, query, body)
            return
        if self.server.sink:
            # Benchmarks of the client: answer at once, store nothing.
            # The answer must count the records (a 2xx without a count
            # is not the API's answer and keeps the batch queued); they
            # are counted by their top-level "type" member, which every
            # govkit record has, without parsing (a string's own quotes
            # are escaped, and the bench's findings nest no object).
            n = body.count(b'"type":')
            self.answer(200, {"accepted": n, "rejected": []})
            return
        st = self.st
        # Misbehaviour first: it hits whatever the request was.
        with st.lock:
            applies = path.startswith(st.path)
            hang = applies and st.hang > 0 and st.hang_after == 0
            if applies and st.hang > 0 and st.hang_after > 0:
                st.hang_after -= 1
            mode = None
            if applies and st.fail > 0:
                st.fail -= 1
                mode = "fail"
                status = st.fail_status
                retry_after = st.fail_retry_after
            elif applies and st.throttle > 0:
                st.throttle -= 1
                mode = "throttle"
                retry_after = st.throttle_retry_after
            elif applies and st.canned > 0:
                st.canned -= 1
                mode = "canned"
                status = st.canned_status
                canned = st.canned_body
            elif hang:
                st.hang -= 1
                mode = "hang"
                seconds = st.hang_seconds
            elif applies and st.drop > 0:
                st.drop -= 1
                mode = "drop"
            if mode is None and st.waf and st.waf in body:
                mode = "waf"
                status = st.waf_status
                waf = st.waf
            auth = self.auth_state()
            if mode in ("fail", "throttle", "canned"):
                code = 429 if mode == "throttle" else status
                self.log_request_seen(path, code, auth)
            if mode == "waf":
                try:
                    nrec = len(json.loads(body.decode("utf-8"))["records"])
                except (ValueError, UnicodeDecodeError, KeyError, TypeError):
                    nrec = None
                self.log_request_seen(path, status, auth, nrec)
        if mode == "fail":
            hdr = {"Retry-After": retry_after} if retry_after is not None else {}
            self.answer(status, {"error": "injected failure"}, hdr)
            return
        if mode == "throttle":
            self.answer(429, {"error": "too many requests"},
                        {"Retry-After": retry_after})
            return
        if mode == "waf":
            self.answer(status, raw=b"<html><head><title>Request Rejected"
                        b"</title></head><body>The requested URL was "
                        b"rejected: it holds " + waf + b".</body></html>",
                        ctype="text/html")
            return
        if mode == "canned":
            self.answer(status, raw=canned.encode("utf-8", "surrogateescape"),
                        ctype="application/json")
            return
        if mode == "hang":
            time.sleep(seconds)
        status, obj = self.api(path, query, body, auth)
        if mode == "drop":
            self.cut(status, obj)
            return
        try:
            self.answer(status, obj)
        except OSError:
            pass  # the client gave up (hang): what was stored stays stored

    # ---------------------------------------------------------- the API
    def api(self, path, query, body, auth):
        st = self.st
        m = ENDPOINT_RE.match(path)
        with st.lock:
            if path == "/v1/revocations" and self.command == "GET":
                status, obj = self.revocations(query, auth)
                self.log_request_seen(path, status, auth)
                return status, obj
            if path == "/v1/licenses/verify" and self.command == "POST":
                status, obj = self.verify(body, auth)
                self.log_request_seen(path, status, auth)
                return status, obj
            if path.startswith("/api/3/action/"):
                status, obj = self.ckan(path[len("/api/3/action/"):], query,
                                        body, auth)
                self.log_request_seen(path, status, auth)
                return status, obj
            if m and self.command == "POST":
                status, obj, n = self.records(m.group(1), body, auth)
                self.log_request_seen(path, status, auth, n)
                return status, obj
            self.log_request_seen(path, 404, auth)
            return 404, {"error": "no such call: %s %s" % (self.command, path)}

    def need_token(self, auth):
        if auth == "ok":
            return None
        return 401, {"error": "missing or bad bearer token"}

    def records(self, endpoint, body, auth):
        st = self.st
        bad = self.need_token(auth)
        if bad:
            return bad[0], bad[1], None
        try:
            doc = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            return 400, {"error": "body is not JSON: %s" % exc}, None
        if not isinstance(doc, dict) or not isinstance(doc.get("records"), list):
            return 400, {"error": "body must be {\"records\":[...]}"}, None
        recs = doc["records"]
        # Before the key is looked at: nothing of a body too large is
        # kept, as when a proxy in front refuses it.
        if st.max_bytes and len(body) > st.max_bytes:
            return 413, {"error": "payload too large: %d bytes, at most %d"
                         % (len(body), st.max_bytes)}, len(recs)
        if st.max_records and len(recs) > st.max_records:
            return 413, {"error": "payload too large: %d records, at most %d"
                         % (len(recs), st.max_records)}, len(recs)
        key = self.headers.get("Idempotency-Key")
        digest = hashlib.sha256(body).hexdigest()
        if key is not None and key in st.keys:
            h, status, answer = st.keys[key]
            if h != digest:
                return 422, {"error": "Idempotency-Key reused with another body"}, len(recs)
            return status, answer, len(recs)
        rejected = []
        kept = []
        for i, r in enumerate(recs):
            msg = self.rejection(r)
            if msg is not None:
                rejected.append({"index": i, "error": msg})
            else:
                kept.append(r)
        status = st.reject_status if rejected else 200
        answer = {"accepted": len(kept), "rejected": rejected}
        st.records.setdefault(endpoint, []).extend(kept)
        if key is not None:
            st.keys[key] = (digest, status, answer)
        st.journal({"ev": "batch", "endpoint": endpoint, "key": key,
                    "hash": digest, "status": status, "answer": answer,
                    "records": kept})
        return status, answer, len(recs)

    def rejection(self, r):
        if not isinstance(r, dict):
            return "record is not an object"
        if "_reject" in r:
            return str(r["_reject"])
        for rule in self.st.reject_rules:
            if r.get(rule.get("field")) == rule.get("value"):
                return rule.get("error", "rejected")
        return None

    def revocations(self, query, auth):
        bad = self.need_token(auth)
        if bad:
            return bad
        since = (query.get("since") or [""])[0]
        out = [r for r in self.st.revocations
               if not since or not_before(r.get("revoked_at", ""), since)]
        return 200, {"revocations": out}

    def verify(self, body, auth):
        bad = self.need_token(auth)
        if bad:
            return bad
        try:
            doc = json.loads(body.decode("utf-8"))
            no = doc["license_no"]
        except (ValueError, UnicodeDecodeError, KeyError, TypeError):
            return 400, {"error": "body must be {\"license_no\":...}"}
        lic = self.st.licenses.get(no)
        revoked = any(r.get("license_no") == no for r in self.st.revocations)
        if lic is None and not revoked:
            return 404, {"license_no": no, "status": "unknown",
                         "valid_to": None, "error": "no such license"}
        out = {"license_no": no,
               "status": (lic or {}).get("status", "valid"),
               "valid_to": (lic or {}).get("valid_to")}
        if revoked:
            out["status"] = "revoked"
        return 200, out

    # ---------------------------------------------------------- CKAN
    # CKAN's resource schema cleans a format (clean_format, through
    # unified_resource_format and ckan/config/resource_formats.json): a
    # known name, extension or media type in any case becomes the
    # canonical name ("csv" and "text/csv" are "CSV").  A few of its lines.
    CKAN_FORMATS = {"csv": "CSV", "text/csv": "CSV", "tsv": "TSV",
                    "xls": "XLS", "xlsx": "XLSX", "json": "JSON",
                    "application/json": "JSON", "xml": "XML", "pdf": "PDF",
                    "zip": "ZIP", "txt": "TXT", "html": "HTML",
                    "geojson": "GeoJSON"}

    @classmethod
    def ckan_clean(cls, pkg):
        """What CKAN's validation makes of a package it stores."""
        for r in pkg.get("resources") or []:
            if isinstance(r, dict) and isinstance(r.get("format"), str):
                r["format"] = cls.CKAN_FORMATS.get(r["format"].lower(), r["format"])
        # owner_org is given as the organization's name or id and kept as
        # its id (owner_org_validator), the organization beside it; here
        # every name is an organization, its id made from the name
        org = pkg.get("organization")
        owner = pkg.get("owner_org")
        if isinstance(owner, str) and owner and not (
                isinstance(org, dict) and owner == org.get("id")):
            oid = str(uuid.uuid5(uuid.NAMESPACE_URL, "govkit-org:" + owner))
            pkg["owner_org"] = oid
            pkg["organization"] = {"id": oid, "name": owner, "title": owner,
                                   "type": "organization"}
        return pkg

    @staticmethod
    def ckan_error(status, kind, message, extra=None):
        err = {"message": message, "__type": kind}
        if extra:
            err.update(extra)
        return status, {"help": "", "success": False, "error": err}

    @staticmethod
    def ckan_ok(result):
        return 200, {"help": "", "success": True, "result": result}

    def ckan(self, action, query, body, auth):
        st = self.st
        params = {k: v[0] for k, v in query.items()}
        if body:
            try:
                doc = json.loads(body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                return self.ckan_error(400, "Validation Error", "body is not JSON")
            if not isinstance(doc, dict):
                return self.ckan_error(400, "Validation Error", "body must be an object")
            params.update(doc)
        read_only = action in ("package_show", "package_list")
        if not read_only:
            if self.command != "POST":
                return self.ckan_error(400, "Bad request", "Bad request - POST only")
            if auth != "ok":
                return self.ckan_error(403, "Authorization Error", "Access denied")
        if action == "package_show":
            ref = params.get("id") or params.get("name")
            pkg = st.find_package(ref) if ref else None
            if pkg is None:
                return self.ckan_error(404, "Not Found Error", "Not found")
            return self.ckan_ok(pkg)
        if action == "package_list":
            return self.ckan_ok(sorted(p.get("name", "") for p in st.packages.values()))
        if action == "package_create":
            name = params.get("name")
            if not name or not re.match(r"^[a-z0-9_-]{2,100}$", str(name)):
                return self.ckan_error(409, "Validation Error", "Validation Error",
                                       {"name": ["Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"]})
            if st.find_package(name) is not None:
                return self.ckan_error(409, "Validation Error", "Validation Error",
                                       {"name": ["That URL is already in use."]})
            if not st.unowned and not params.get("owner_org"):
                # CKAN's owner_org_validator
                return self.ckan_error(409, "Validation Error", "Validation Error",
                                       {"owner_org": ["An organization must be provided"]})
            pkg = dict(params)
            pkg["id"] = str(uuid.uuid4())
            pkg["metadata_created"] = pkg["metadata_modified"] = now_iso()
            pkg.setdefault("state", "active")
            st.put_package(self.ckan_clean(pkg))
            return self.ckan_ok(pkg)
        if action in ("package_update", "package_patch"):
            ref = params.get("id") or params.get("name")
            old = st.find_package(ref) if ref else None
            if old is None:
                return self.ckan_error(404, "Not Found Error", "Not found")
            if action == "package_update":
                pkg = dict(params)
            else:
                pkg = dict(old)
                pkg.update(params)
            pkg["id"] = old["id"]
            pkg.setdefault("name", old.get("name"))
            pkg["metadata_created"] = old.get("metadata_created")
            pkg["metadata_modified"] = now_iso()
            pkg.setdefault("state", "active")
            st.put_package(self.ckan_clean(pkg))
            return self.ckan_ok(pkg)
        if action == "package_delete":
            ref = params.get("id") or params.get("name")
            old = st.find_package(ref) if ref else None
            if old is None:
                return self.ckan_error(404, "Not Found Error", "Not found")
            del st.packages[old["id"]]
            st.journal({"ev": "package_delete", "id": old["id"]})
            return self.ckan_ok(None)
        return self.ckan_error(400, "Bad request", "Action name not known: %s" % action)

    # ---------------------------------------------------------- controls
    def control(self, path, query, body):
        st = self.st
        with st.lock:
            if path == "/_control" and self.command == "POST":
                try:
                    c = json.loads(body.decode("utf-8") or "{}")
                except (ValueError, UnicodeDecodeError) as exc:
                    self.answer(400, {"error": str(exc)})
                    return
                if c.get("reset"):
                    st.reset()
                if "fail" in c:
                    st.fail = int(c["fail"])
                    st.fail_status = int(c.get("status", 503))
                    st.fail_retry_after = c.get("retry_after")
                if "throttle" in c:
                    st.throttle = int(c["throttle"])
                    st.throttle_retry_after = c.get("retry_after", 1)
                if "hang" in c:
                    st.hang = int(c["hang"])
                    st.hang_seconds = float(c.get("seconds", 5))
                    st.hang_after = int(c.get("after", 0))
                if "max_records" in c:
                    st.max_records = int(c["max_records"])
                if "max_bytes" in c:
                    st.max_bytes = int(c["max_bytes"])
                if "drop" in c:
                    st.drop = int(c["drop"])
                if "answer" in c:
                    st.canned = int(c["answer"])
                    st.canned_status = int(c.get("status", 200))
                    st.canned_body = str(c.get("body", ""))
                if "path" in c:
                    st.path = str(c["path"])
                if "waf" in c:
                    st.waf = str(c["waf"]).encode("utf-8")
                    st.waf_status = int(c.get("waf_status", 400))
                if "reject" in c:
                    st.reject_rules = list(c["reject"])
                    st.reject_status = int(c.get("reject_status", 422))
                for r in c.get("revocations", []):
                    st.add_revocation(r)
                if "make_revocations" in c:
                    n = int(c["make_revocations"])
                    reason = str(c.get("reason", "")) * int(
                        c.get("reason_repeat", 1))
                    st.make_revocations(n, reason)
                    st.journal({"ev": "make_revocations", "count": n,
                                "reason": reason})
                if "pad" in c:
                    st.pad = int(c["pad"])
                for lic in c.get("licenses", []):
                    st.add_license(lic)
                for p in c.get("packages", []):
                    p = dict(p)
                    p.setdefault("id", str(uuid.uuid4()))
                    st.put_package(p)
                if "token" in c:
                    st.token = c["token"]
                if "unowned" in c:
                    st.unowned = bool(c["unowned"])
                self.answer(200, {"ok": True})
                return
            if path == "/_records":
                ep = (query.get("endpoint") or [""])[0]
                lines = "".join(dumps(r) + "\n" for r in st.records.get(ep, []))
                self.answer(200, raw=lines.encode())
                return
            if path == "/_requests":
                lines = "".join(dumps(r) + "\n" for r in st.requests)
                self.answer(200, raw=lines.encode())
                return
            if path == "/_packages":
                lines = "".join(dumps(p) + "\n" for p in st.packages.values())
                self.answer(200, raw=lines.encode())
                return
            if path == "/_stats":
                self.answer(200, {
                    "requests": len(st.requests),
                    "stored": {k: len(v) for k, v in st.records.items()},
                    "keys": len(st.keys)})
                return
        self.answer(404, {"error": "no such control"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def main():
    ap = argparse.ArgumentParser(description="govkit reference central server")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--token", default=os.environ.get("CENTRAL_TOKEN"))
    ap.add_argument("--revocations")
    ap.add_argument("--licenses")
    ap.add_argument("--store")
    ap.add_argument("--sink", action="store_true",
                    help="answer every API call 200 at once, store nothing")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    a = ap.parse_args()

    srv = Server(("127.0.0.1", a.port), Handler)
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.state = State(a.token, a.store)
    srv.sink = a.sink
    if a.revocations:
        for r in load_list(a.revocations, "revocations"):
            srv.state.revocations.append(r)
    if a.licenses:
        for lic in load_list(a.licenses, "licenses"):
            srv.state.licenses[lic["license_no"]] = lic
    port = srv.server_address[1]
    if a.port_file:
        tmp = a.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, a.port_file)
    else:
        print(port, flush=True)
    try:
        srv.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
