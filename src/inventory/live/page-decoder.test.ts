import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PageDecoder } from './page-decoder.js';

/**
 * The decoder's protocol with a real worker thread. The page worker itself imports the compiled
 * modules, so it runs from dist/ (test/unit/cli-build.test.ts); here small stand-in worker modules
 * answer the same messages.
 */
async function workerModule(source: string): Promise<URL> {
  const file = join(await mkdtemp(join(tmpdir(), 'palisade-pw-')), 'worker.mjs');
  await writeFile(file, `import { parentPort } from 'node:worker_threads';\n${source}\n`);
  return pathToFileURL(file);
}

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('PageDecoder', () => {
  it('is absent when the worker module is not there (the sources run under the test runner)', () => {
    expect(PageDecoder.start(new URL('file:///nonexistent/page-worker.js'))).toBeUndefined();
    expect(PageDecoder.start()).toBeUndefined();
  });

  it('answers each page with its own reply, in any number at once', async () => {
    // Answers with the text and kind it was sent, so a mixed-up reply shows.
    const url = await workerModule(
      `parentPort.on('message', (m) => parentPort.postMessage(m.kind === 'Bad' ? { id: m.id, error: 'bad page' } : { id: m.id, items: Buffer.from(m.bytes).toString('utf8') + '|' + m.kind, continue: 'c' + m.id }));`,
    );
    const d = PageDecoder.start(url)!;
    try {
      const answers = await Promise.all(['a', 'b', 'c', 'd'].map((k) => d.decode(bytes(`page-${k}`), 'v1', k)));
      expect(answers).toEqual([
        { items: 'page-a|a', continue: 'c0' },
        { items: 'page-b|b', continue: 'c1' },
        { items: 'page-c|c', continue: 'c2' },
        { items: 'page-d|d', continue: 'c3' },
      ]);
      await expect(d.decode(bytes('x'), 'v1', 'Bad')).resolves.toEqual({ error: 'bad page' });
      expect(d.failure).toBeUndefined();
    } finally {
      await d.close();
    }
  });

  it('rejects waiting and later pages once the worker fails, and says why', async () => {
    const url = await workerModule(`parentPort.on('message', () => { throw new Error('worker broke'); });`);
    const d = PageDecoder.start(url)!;
    try {
      await expect(d.decode(bytes('{}'), 'v1', 'Pod')).rejects.toThrow('worker broke');
      expect(d.failure?.message).toBe('worker broke');
      await expect(d.decode(bytes('{}'), 'v1', 'Pod')).rejects.toThrow('worker broke');
    } finally {
      await d.close();
    }
  });
});
