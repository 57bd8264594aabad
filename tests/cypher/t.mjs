import { lintCypherQuery } from '@neo4j-cypher/language-support';
const q = 'UNWIND $rows AS row MERGE (n:Resource {uri: row.uri}) SET n:`Organization` SET n:`Cloud` WITH n, row WHERE properties(n) <> row.props SET n = row.props';
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  lintCypherQuery(q + ' '.repeat(i), { defaultLanguage: i % 2 ? 'CYPHER 5' : 'CYPHER 25' }, { consoleCommandsEnabled: false });
  console.log(i, (performance.now() - t0).toFixed(0));
}
const lit = 'RETURN [' + Array.from({length: 30}, (_, i) => `{\`uri\`: 'https://x/${i}', \`props\`: {\`name\`: 'n${i}', \`a\`: [1,2,3]}}`).join(', ') + ']';
console.log(lit.length);
for (let i = 0; i < 4; i++) {
  const t0 = performance.now();
  lintCypherQuery(lit + ' '.repeat(i), { defaultLanguage: 'CYPHER 5' }, { consoleCommandsEnabled: false });
  console.log('lit', i, (performance.now() - t0).toFixed(0));
}
