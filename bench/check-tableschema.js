// The gov-check benchmark's Frictionless JavaScript peer (npm tableschema):
// the same schema without govkit's cn-ric format (which it does not
// know) and with the datetime pattern spelt out, every row cast and its
// constraints checked, rows with errors counted.
// usage: node check-tableschema.js SCHEMA.json FILE.csv
"use strict";
const path = require("path");
const fs = require("fs");
const { Table, Schema } = require(path.join(__dirname, "node_modules/tableschema"));

(async () => {
  const descriptor = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  for (const f of descriptor.fields) {
    if (f.format && f.format.startsWith("cn-")) delete f.format;
    // its default datetime wants a trailing Z; the data has local times
    if (f.type === "datetime" && !f.format) f.format = "%Y-%m-%dT%H:%M:%S";
  }
  const schema = await Schema.load(descriptor);
  const table = await Table.load(process.argv[3], { schema });
  const stream = await table.iter({ forceCast: true, stream: true });
  let rows = 0, errors = 0;
  for await (const row of stream) {
    rows++;
    if (row instanceof Error) errors++;
  }
  console.log(rows, errors);
})().catch((e) => { console.error(String(e)); process.exit(2); });
