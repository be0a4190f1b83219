/**
 * YAML for the report CRDs (PolicyReport, OpenReports) that every YAML 1.1 and 1.2 parser reads
 * back to the same value: PyYAML, Go's yaml.v2 (1.1) and yaml.v3 / sigs.k8s.io/yaml (1.2),
 * js-yaml. Written in 1.1 mode, so strings a 1.1 parser would resolve to another type (`on`,
 * `y`, `0777`, `12:30`, `1_000`) are quoted; strings holding a TAB or any other control
 * character are double-quoted, and the characters YAML 1.1 treats as line breaks or does not
 * allow in a stream (C1 controls, NEL, U+2028/2029, BOM) are written as escapes.
 */
import { Document, Scalar, visit } from 'yaml';

/** TAB, C0 (but LF), DEL, C1, the Unicode line/paragraph separators, and the BOM. */
const NEEDS_QUOTES = /[\t\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
/** What the yaml library leaves raw inside a double-quoted scalar but a 1.1 parser reads differently. */
const RAW_IN_QUOTES = /[\x7f-\x9f\u2028\u2029\ufeff]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One YAML document for `value`, without the `---` marker. */
export function portableYaml(value: unknown): string {
  // Results share one timestamp object: without aliasDuplicateObjects off, yaml writes it once as an
  // anchor and then one alias per result, and parsers with an alias limit refuse a large report.
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  let quoted = false;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && NEEDS_QUOTES.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
        quoted = true;
      }
    },
  });
  const text = doc.toString({ lineWidth: 0 });
  // Those characters occur only inside the scalars quoted above, so escaping them in place is exact.
  return quoted ? text.replace(RAW_IN_QUOTES, escapeChar) : text;
}
