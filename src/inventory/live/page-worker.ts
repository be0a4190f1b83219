/**
 * The page worker: parses and trims LIST pages off the main thread (see page-decoder.ts). A full
 * page is parsed here and only its trimmed items, as JSON text, go back: the main thread parses
 * the smaller text and interns it, and the page's body and parse tree never touch its heap.
 */
import { parentPort } from 'node:worker_threads';
import { trimPage } from './page.js';
import type { PageReply, PageRequest } from './page-decoder.js';

const port = parentPort;
if (!port) throw new Error('page-worker.js runs as a worker thread only');

port.on('message', (m: PageRequest) => {
  let reply: PageReply;
  try {
    const page = trimPage(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength).toString('utf8'), m.apiVersion, m.kind);
    reply = { id: m.id, items: JSON.stringify(page.items), ...(page.continue !== undefined ? { continue: page.continue } : {}) };
  } catch (err) {
    reply = { id: m.id, error: (err as Error).message };
  }
  port.postMessage(reply);
});
