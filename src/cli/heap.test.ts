import { describe, expect, it } from 'vitest';
import { MALLOC_ENV, restartFor, SEMI_SPACE_MB } from './heap.js';

describe('restartFor', () => {
  const flag = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
  const none: Record<string, string | undefined> = {};

  it('sizes the young generation and sets the malloc settings for the commands that read a cluster, a snapshot or a result', () => {
    for (const cmd of ['scan', 'report', 'serve', 'snapshot']) {
      expect(restartFor([cmd, '--from', 'x'], [], none, 'linux')).toEqual({ flags: flag, env: { ...MALLOC_ENV } });
    }
  });

  it('leaves light commands and no command as they are', () => {
    for (const args of [['version'], ['rules'], ['explain', 'pss/privileged'], ['--help'], []]) expect(restartFor(args, [], none, 'linux')).toBeUndefined();
  });

  it('keeps a young-generation size the user chose, on the command line or in NODE_OPTIONS, with - or _', () => {
    const env = (nodeOptions: string): Record<string, string> => ({ ...MALLOC_ENV, NODE_OPTIONS: nodeOptions });
    expect(restartFor(['scan'], ['--max-semi-space-size=64'], { ...MALLOC_ENV }, 'linux')).toBeUndefined();
    expect(restartFor(['scan'], [], env('--max-old-space-size=768 --max_semi_space_size=8'), 'linux')).toBeUndefined();
    expect(restartFor(['scan'], [], env('--semi-space-size=8'), 'linux')).toBeUndefined();
    expect(restartFor(['scan'], [], env('--min-semi-space-size=2'), 'linux')).toBeUndefined();
    // Other flags are not a choice of young-generation size.
    expect(restartFor(['scan'], ['--import', 'x.mjs'], env('--max-old-space-size=768'), 'linux')).toEqual({ flags: flag, env: {} });
  });

  it('restarts once: after the restart every setting is in force', () => {
    const first = restartFor(['scan'], [], none, 'linux')!;
    expect(restartFor(['scan'], first.flags, { ...first.env }, 'linux')).toBeUndefined();
  });

  it('keeps malloc settings the user set and sets only the missing one', () => {
    expect(restartFor(['scan'], flag, { MALLOC_MMAP_THRESHOLD_: '65536' }, 'linux')).toEqual({ flags: [], env: { MALLOC_TRIM_THRESHOLD_: '131072' } });
  });

  it('sets no malloc variables off Linux (they are glibc settings)', () => {
    expect(restartFor(['scan'], [], none, 'darwin')).toEqual({ flags: flag, env: {} });
    expect(restartFor(['scan'], flag, none, 'darwin')).toBeUndefined();
  });
});
