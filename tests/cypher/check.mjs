// Check Cypher statements with Neo4j's own parser and semantic analysis, with no server.
//
// Input (stdin): a JSON array; each item is a string, one statement as a driver would send it
// (no trailing ';') or one cypher-shell console command such as ':param rows => [...]', or an
// object {"statement": string, "versions": ["CYPHER 5", ...]} to check under fewer versions.
// Output (stdout): a JSON array with one entry per input, in order:
//   {"index": i, "errors": [{"version", "message", "start", "end"}], "warnings": [...]}
// A string is checked under each Cypher version Neo4j knows (CYPHER 5 and CYPHER 25).
// Errors are the diagnostics of severity Error, except "Parameter $x is not defined." (the
// statements take their data as parameters, which the linter cannot know). A plain statement
// that holds more than one statement, or a console command, is an error too.
// Exit code: 0 when it could check (whatever it found), 2 when the input is malformed.
// No network is used.
import {
  allCypherVersions,
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
} from '@neo4j-cypher/language-support';

const ERROR = 1;

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function diagnostic(version, d) {
  return { version, message: d.message, start: d.offsets.start, end: d.offsets.end };
}

function check(statement, versions) {
  const isCommand = statement.trimStart().startsWith(':');
  const errors = [];
  const warnings = [];
  if (!isCommand && parseStatementsStrs(statement).length > 1) {
    errors.push({
      version: null,
      message: 'holds more than one statement; a driver runs one at a time',
      start: 0,
      end: statement.length,
    });
  }
  for (const version of versions) {
    const { diagnostics } = lintCypherQuery(
      statement,
      { defaultLanguage: version },
      { consoleCommandsEnabled: isCommand },
    );
    for (const d of diagnostics) {
      if (d.severity === ERROR && isNotParamError(d)) errors.push(diagnostic(version, d));
      else if (d.severity !== ERROR) warnings.push(diagnostic(version, d));
    }
  }
  return { errors, warnings };
}

let input;
try {
  input = JSON.parse(await readStdin());
} catch {
  input = null;
}
function item(value) {
  if (typeof value === 'string') return { statement: value, versions: allCypherVersions };
  const ok =
    value !== null &&
    typeof value === 'object' &&
    typeof value.statement === 'string' &&
    Array.isArray(value.versions) &&
    value.versions.length > 0 &&
    value.versions.every((v) => allCypherVersions.includes(v));
  return ok ? value : null;
}

const items = Array.isArray(input) ? input.map(item) : null;
if (items === null || items.includes(null)) {
  process.stderr.write(
    `check.mjs: stdin must be a JSON array of statements (strings) or of ` +
      `{"statement", "versions"} objects with versions among ${JSON.stringify(allCypherVersions)}\n`,
  );
  process.exit(2);
}
const results = items.map(({ statement, versions }, index) => ({
  index,
  ...check(statement, versions),
}));
process.stdout.write(JSON.stringify(results) + '\n');
