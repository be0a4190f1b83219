import { describe, expect, it } from 'vitest';
import { peekContinue } from './live.js';

const answer = (body: string, status = 200) => ({ status, body, headers: {} });

describe('peekContinue (the next page asked for before this one is parsed)', () => {
  it('reads the token from the leading metadata of a LIST answer, as the API server writes it', () => {
    const body = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"4242","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDI0Miwic3RhcnQiOiJhL3AtNVx1MDAwMCJ9","remainingItemCount":10},"items":[{"metadata":{"name":"p"}}]}';
    expect(peekContinue(answer(body))).toBe('eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDI0Miwic3RhcnQiOiJhL3AtNVx1MDAwMCJ9');
    // Metadata-only lists (PartialObjectMetadataList) have the same head.
    expect(peekContinue(answer('{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1","continue":"abc_-="},"items":[]}'))).toBe('abc_-=');
  });

  it('gives nothing for the last page, a failure, or a body not in the expected shape', () => {
    expect(peekContinue(answer('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]}'))).toBeUndefined();
    expect(peekContinue(answer('{"kind":"Status","metadata":{"continue":"abc"}}', 410))).toBeUndefined();
    // A "continue" inside an item is not the list's.
    expect(peekContinue(answer('{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"continue":"abc"}}]}'))).toBeUndefined();
    // Items before metadata, or a token with characters base64url does not use: parsed first instead.
    expect(peekContinue(answer('{"items":[],"metadata":{"continue":"abc"}}'))).toBeUndefined();
    expect(peekContinue(answer('{"kind":"PodList","apiVersion":"v1","metadata":{"continue":"a\\"b"},"items":[]}'))).toBeUndefined();
  });
});

describe('peekContinue on a raw answer (bytes, for the page worker)', () => {
  it('reads the token from the bytes as from the text', () => {
    const body = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1","continue":"abc"},"items":[]}';
    expect(peekContinue({ status: 200, body: '', bytes: Buffer.from(body), headers: {} })).toBe('abc');
  });
});
