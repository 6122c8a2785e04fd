-- A govkit database of schema version 3 (core, check-tracking, license),
-- as an older govkit left it: t9100-db.t migrates it forward.
PRAGMA user_version = 3;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE govkit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE check_file ( id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, runs INTEGER NOT NULL DEFAULT 0, last_sha256 TEXT, last_run INTEGER);
INSERT INTO check_file VALUES(1,'old.csv',2,NULL,NULL);
CREATE TABLE check_finding ( file_id INTEGER NOT NULL REFERENCES check_file(id) ON DELETE CASCADE, fingerprint INTEGER NOT NULL, check_code TEXT NOT NULL, first_run INTEGER NOT NULL, PRIMARY KEY (file_id, fingerprint)) WITHOUT ROWID;
CREATE TABLE license_revocation ( license_no TEXT PRIMARY KEY, revoked_at TEXT NOT NULL, reason TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('local', 'sync')), recorded_at INTEGER NOT NULL);
INSERT INTO license_revocation VALUES('TL-OLD-0001','2024-01-02','revoked under version 3','local',1704153600);
CREATE TABLE license_sync ( id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL, synced_at INTEGER NOT NULL);
CREATE TABLE license_online_cache ( license_no TEXT PRIMARY KEY, found INTEGER NOT NULL, status TEXT NOT NULL, valid_to TEXT, answered_at INTEGER NOT NULL);
COMMIT;
