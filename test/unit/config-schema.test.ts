import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../src/config/schema.js';
import { createAjv } from '../../src/config/ajv.js';
import { defaultConfig } from '../../src/config/types.js';

const PUBLISHED = join(import.meta.dirname, '../../docs/config.schema.json');

describe('docs/config.schema.json', () => {
  it('equals the schema the loader uses (regenerated here when stale: commit the result)', () => {
    const expected = JSON.stringify(CONFIG_SCHEMA, null, 2) + '\n';
    const actual = existsSync(PUBLISHED) ? readFileSync(PUBLISHED, 'utf8') : '';
    if (actual !== expected && process.env['CI'] !== 'true') writeFileSync(PUBLISHED, expected);
    expect(actual, 'docs/config.schema.json was stale and has been regenerated; re-run and commit it').toBe(expected);
  });

  it('accepts the embedded defaults written out in full', () => {
    const validate = createAjv().compile(CONFIG_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(defaultConfig()))), JSON.stringify(validate.errors)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// The schema must describe exactly the keys of the PalisadeConfig type: a field added to
// types.ts but not to schema.ts would be rejected as an "unknown key" in every user config.

type Shape =
  | { kind: 'leaf' }
  | { kind: 'array'; item: Shape }
  | { kind: 'record'; value: Shape }
  | { kind: 'object'; props: Map<string, Shape> };

function shapeOf(type: ts.Type, checker: ts.TypeChecker, depth = 0): Shape {
  if (depth > 8) return { kind: 'leaf' };
  const t = checker.getNonNullableType(type);
  if (checker.isArrayType(t)) return { kind: 'array', item: shapeOf(checker.getTypeArguments(t as ts.TypeReference)[0]!, checker, depth + 1) };
  if (t.isUnion() || !(t.flags & ts.TypeFlags.Object)) return { kind: 'leaf' };
  const props = checker.getPropertiesOfType(t);
  const index = checker.getIndexInfosOfType(t);
  if (props.length === 0 && index.length > 0) return { kind: 'record', value: shapeOf(index[0]!.type, checker, depth + 1) };
  const out = new Map<string, Shape>();
  for (const p of props) out.set(p.name, shapeOf(checker.getTypeOfSymbol(p), checker, depth + 1));
  return { kind: 'object', props: out };
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
}

function compare(shape: Shape, schema: SchemaNode, path: string, problems: string[]): void {
  if (shape.kind === 'object') {
    const inSchema = new Set(Object.keys(schema.properties ?? {}));
    for (const [key, sub] of shape.props) {
      if (!inSchema.has(key)) problems.push(`${path}${key}: in PalisadeConfig but not in CONFIG_SCHEMA`);
      else compare(sub, schema.properties![key]!, `${path}${key}.`, problems);
    }
    for (const key of inSchema) if (!shape.props.has(key)) problems.push(`${path}${key}: in CONFIG_SCHEMA but not in PalisadeConfig`);
  } else if (shape.kind === 'array' && schema.items) {
    compare(shape.item, schema.items, `${path}[].`, problems);
  } else if (shape.kind === 'record' && typeof schema.additionalProperties === 'object' && schema.additionalProperties.properties) {
    compare(shape.value, schema.additionalProperties, `${path}*.`, problems);
  }
}

describe('CONFIG_SCHEMA and the PalisadeConfig type', () => {
  it('have the same keys at every level', () => {
    const file = join(import.meta.dirname, '../../src/config/types.ts');
    // Only the type graph is needed: the ES5 lib (for Array) and no @types keep this fast.
    const program = ts.createProgram([file], {
      strict: true,
      lib: ['lib.es5.d.ts'],
      types: [],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'PalisadeConfig');
    expect(decl, 'interface PalisadeConfig in src/config/types.ts').toBeDefined();
    const shape = shapeOf(checker.getTypeAtLocation(decl!), checker);
    expect(shape.kind).toBe('object');
    const problems: string[] = [];
    compare(shape, CONFIG_SCHEMA as unknown as SchemaNode, '', problems);
    expect(problems).toEqual([]);
  }, 60_000);
});
