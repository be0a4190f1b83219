/** HTML escaping for text and attribute values. Object names, messages and evidence are attacker-controlled. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return s.replace(/[&<>"']/g, (c) => MAP[c] ?? c);
}
