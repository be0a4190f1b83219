import { describe, expect, it } from 'vitest';
import { heapFlagsFor, SEMI_SPACE_MB } from './heap.js';

describe('heapFlagsFor', () => {
  const flag = [`--max-semi-space-size=${SEMI_SPACE_MB}`];

  it('sizes the young generation for the commands that read a cluster, a snapshot or a result', () => {
    for (const cmd of ['scan', 'report', 'serve', 'snapshot']) expect(heapFlagsFor([cmd, '--from', 'x'], [], undefined)).toEqual(flag);
  });

  it('leaves light commands and no command as they are', () => {
    for (const args of [['version'], ['rules'], ['explain', 'pss/privileged'], ['--help'], []]) expect(heapFlagsFor(args, [], undefined)).toBeUndefined();
  });

  it('keeps a size the user chose, on the command line or in NODE_OPTIONS, with - or _', () => {
    expect(heapFlagsFor(['scan'], ['--max-semi-space-size=64'], undefined)).toBeUndefined();
    expect(heapFlagsFor(['scan'], [], '--max-old-space-size=768 --max_semi_space_size=8')).toBeUndefined();
    expect(heapFlagsFor(['scan'], [], '--semi-space-size=8')).toBeUndefined();
    expect(heapFlagsFor(['scan'], [], '--min-semi-space-size=2')).toBeUndefined();
    // Other flags are not a choice of young-generation size.
    expect(heapFlagsFor(['scan'], ['--import', 'x.mjs'], '--max-old-space-size=768')).toEqual(flag);
  });
});
