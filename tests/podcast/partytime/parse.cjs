// Parse podcast feed files with podcast-partytime (an independent Podcasting 2.0 parser) and
// print what it read as JSON: {"<file>": <feed object, or null when it could not parse>}.
const { parseFeed } = require("podcast-partytime");
const fs = require("fs");
const result = {};
for (const path of process.argv.slice(2)) {
  result[path] = parseFeed(fs.readFileSync(path, "utf8"), { allowMissingGuid: false }) || null;
}
process.stdout.write(JSON.stringify(result));
