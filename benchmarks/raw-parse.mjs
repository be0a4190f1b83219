// Baseline "raw parse" (performance.md §7, B0): read the input and parse it, then exit.
// No trimming, no indexes, no rules. Plain .mjs so the floor does not include TypeScript stripping.
//   node benchmarks/raw-parse.mjs FILE json|yaml
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const [file, mode] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
let count = 0;
if (mode === 'json') {
  const value = JSON.parse(text);
  count = Array.isArray(value.items) ? value.items.length : 1;
} else {
  for (const doc of parseAllDocuments(text)) {
    const v = doc.toJS();
    count += v && Array.isArray(v.items) ? v.items.length : v ? 1 : 0;
  }
}
process.stdout.write(`${count}\n`);
