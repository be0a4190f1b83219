/** Inline SVG charts (no library, no network): a score gauge and horizontal bars. */
import { esc } from './escape.js';

export function scoreGauge(score: number | null, label: string): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const value = score === null ? 0 : Math.max(0, Math.min(100, score));
  const color = score === null ? '#9aa3ad' : value >= 90 ? '#2e7d32' : value >= 70 ? '#b7791f' : '#c62828';
  const dash = ((value / 100) * c).toFixed(2);
  return (
    `<svg class="gauge" viewBox="0 0 140 140" width="140" height="140" role="img" aria-label="${esc(label)}">` +
    `<circle cx="70" cy="70" r="${r}" fill="none" stroke="#e4e7eb" stroke-width="14"/>` +
    `<circle cx="70" cy="70" r="${r}" fill="none" stroke="${color}" stroke-width="14" stroke-linecap="butt" ` +
    `stroke-dasharray="${dash} ${c.toFixed(2)}" transform="rotate(-90 70 70)"/>` +
    `<text x="70" y="78" text-anchor="middle" font-size="30" font-weight="700" fill="#1f2933">${score === null ? 'n/a' : esc(score)}</text>` +
    `</svg>`
  );
}

export interface Bar {
  label: string;
  value: number;
  color: string;
}

export function barChart(bars: readonly Bar[], title: string): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const labelW = 90;
  const width = 360;
  const h = bars.length * rowH + 4;
  const rows = bars
    .map((b, i) => {
      const w = Math.round(((width - labelW - 50) * b.value) / max);
      const y = i * rowH + 2;
      return (
        `<text x="0" y="${y + 15}" font-size="12" fill="#3e4c59">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="15" rx="2" fill="${b.color}"/>` +
        `<text x="${labelW + w + 6}" y="${y + 15}" font-size="12" fill="#1f2933">${esc(b.value)}</text>`
      );
    })
    .join('');
  return `<svg class="bars" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${esc(title)}">${rows}</svg>`;
}

export interface DimensionBar {
  dimension: string;
  /** 0-100, or null when nothing in the dimension was evaluated (drawn as an empty, labelled track). */
  score: number | null;
}

/** Colour of a score: green ≥ 90, amber ≥ 70, red below, grey when there is none. */
export function scoreColor(score: number | null): string {
  return score === null ? '#9aa3ad' : score >= 90 ? '#2e7d32' : score >= 70 ? '#b7791f' : '#c62828';
}

/** One tenant's isolation scores by dimension: a 0-100 track per dimension, the score written beside it. */
export function dimensionChart(tenant: string, bars: readonly DimensionBar[]): string {
  const rowH = 18;
  const labelW = 86;
  const track = 120;
  const width = labelW + track + 40;
  const h = bars.length * rowH + 22;
  const rows = bars
    .map((b, i) => {
      const y = 20 + i * rowH;
      const w = b.score === null ? 0 : Math.round((track * Math.max(0, Math.min(100, b.score))) / 100);
      return (
        `<g data-dimension="${esc(b.dimension)}" data-score="${b.score === null ? 'n/a' : esc(b.score)}">` +
        `<text x="0" y="${y + 12}" font-size="11" fill="#3e4c59">${esc(b.dimension)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${track}" height="11" fill="#eef0f2"/>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="11" fill="${scoreColor(b.score)}"/>` +
        `<text x="${labelW + track + 5}" y="${y + 12}" font-size="11" fill="#1f2933">${b.score === null ? 'n/a' : esc(b.score)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="dims" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${esc(`isolation of ${tenant} by dimension`)}" data-tenant="${esc(tenant)}">` +
    `<text x="0" y="13" font-size="12" font-weight="700" fill="#1f2933">${esc(tenant)}</text>${rows}</svg>`
  );
}
