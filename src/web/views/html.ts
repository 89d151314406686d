/**
 * Server-side templates as typed functions: `html` escapes every interpolated value unless it
 * is already `Html` (the output of another template), so text people typed can never become
 * markup. No template engine, no second toolchain.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((part, i) => (out += render(part) + strings[i + 1]));
  return new Html(out);
}

/** Markup that is trusted as it is (our own constants only). */
export const raw = (markup: string): Html => new Html(markup);
