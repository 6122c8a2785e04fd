// check-diff.py's half in JavaScript: reads its cases ([{field, values}])
// and prints, per case, per value, the checks npm tableschema fails
// ("type" for a cast error), each constraint asked on its own.
"use strict";
const path = require("path");
const fs = require("fs");
const { Field } = require(path.join(__dirname, "node_modules/tableschema"));
const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const map = { minLength: "min-length", maxLength: "max-length" };
const out = [];
for (const c of cases) {
  const f = new Field(c.field);
  const names = Object.keys(c.field.constraints || {}).filter(
    (n) => n !== "required" && n !== "unique");
  out.push(c.values.map((v) => {
    try { f.castValue(v, { constraints: false }); }
    catch (e) { return ["type"]; }
    const bad = [];
    for (const n of names) {
      try { f.castValue(v, { constraints: [n] }); }
      catch (e) { bad.push(map[n] || n); }
    }
    return bad.sort();
  }));
}
process.stdout.write(JSON.stringify(out));
