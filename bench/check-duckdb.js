// The gov-check benchmark's DuckDB peer: the checks of check.schema.json
// as SQL over read_csv (all columns as text, so a bad value is counted,
// not a load error), in one scan.  usage: node check-duckdb.js FILE.csv
"use strict";
const path = require("path");
const { DuckDBInstance } = require(path.join(__dirname, "node_modules/@duckdb/node-api"));

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const weighted = W.map((w, i) => `${w} * CAST(substr(id_no, ${i + 1}, 1) AS INTEGER)`).join(" + ");
const ric = `CASE WHEN id_no IS NULL THEN 0
  WHEN NOT regexp_full_match(id_no, '[0-9]{17}[0-9X]') THEN 1
  WHEN substr('10X98765432', ((${weighted}) % 11) + 1, 1) <> substr(id_no, 18, 1) THEN 1
  WHEN TRY_CAST(substr(id_no, 7, 4) || '-' || substr(id_no, 11, 2) || '-' || substr(id_no, 13, 2) AS DATE) IS NULL THEN 1
  ELSE 0 END`;
const sql = (file) => `
SELECT count(*) AS rows,
  count(*) - count(DISTINCT TRY_CAST(id AS BIGINT)) AS "unique",
  sum(CASE WHEN id IS NULL OR TRY_CAST(id AS BIGINT) IS NULL THEN 1 ELSE 0 END) AS id_type,
  sum(CASE WHEN id_no IS NULL THEN 1 ELSE 0 END) AS id_no_required,
  sum(${ric}) AS id_no_format,
  sum(CASE WHEN name IS NULL THEN 1 WHEN length(name) < 2 OR length(name) > 20 THEN 1 ELSE 0 END) AS name,
  sum(CASE WHEN gender IS NOT NULL AND gender NOT IN ('男', '女') THEN 1 ELSE 0 END) AS gender_enum,
  sum(CASE WHEN birth_date IS NULL THEN 0 WHEN TRY_CAST(birth_date AS DATE) IS NULL THEN 1
           WHEN TRY_CAST(birth_date AS DATE) < DATE '1900-01-01' THEN 1 ELSE 0 END) AS birth_date,
  sum(CASE WHEN mobile IS NOT NULL AND NOT regexp_full_match(mobile, '1[3-9][0-9]{9}') THEN 1 ELSE 0 END) AS mobile_pattern,
  sum(CASE WHEN household_id IS NULL OR NOT regexp_full_match(household_id, 'H[0-9]{8}') THEN 1 ELSE 0 END) AS household_id,
  sum(CASE WHEN household_size IS NULL THEN 0 WHEN TRY_CAST(household_size AS BIGINT) IS NULL THEN 1
           WHEN TRY_CAST(household_size AS BIGINT) NOT BETWEEN 1 AND 12 THEN 1 ELSE 0 END) AS household_size,
  sum(CASE WHEN monthly_income IS NULL THEN 0 WHEN TRY_CAST(monthly_income AS DOUBLE) IS NULL THEN 1
           WHEN TRY_CAST(monthly_income AS DOUBLE) < 0 THEN 1 ELSE 0 END) AS monthly_income,
  sum(CASE WHEN status IS NOT NULL AND status NOT IN ('常住', '暂住', '迁出') THEN 1 ELSE 0 END) AS status_enum,
  sum(CASE WHEN updated_at IS NOT NULL AND TRY_CAST(updated_at AS TIMESTAMP) IS NULL THEN 1 ELSE 0 END) AS updated_at
FROM read_csv(${JSON.stringify(file)}, all_varchar = true, header = true)`;

(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const r = await c.runAndReadAll(sql(process.argv[2]));
  const row = r.getRowObjects()[0];
  let total = 0n;
  for (const [k, v] of Object.entries(row)) if (k !== "rows") total += BigInt(v);
  console.log(String(row.rows), String(total), JSON.stringify(row, (k, v) => typeof v === "bigint" ? Number(v) : v));
})();
