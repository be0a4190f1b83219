/** HTML escaping for text and attribute values. Object names, messages and evidence are attacker-controlled. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  // Control characters (e.g. ANSI escapes in an error message) are dropped: they are parse errors in HTML.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/[&<>"']/g, (c) => MAP[c] ?? c);
}
