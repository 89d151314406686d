import type { MessageEntity, StoredMessage } from '../../test/support/fake-bot-api';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** Plain links in text become clickable, as Telegram clients make them. */
const linkify = (escaped: string) =>
  escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" target="_blank">${url}</a>`);

const TAGS: Record<string, [string, string]> = {
  bold: ['<b>', '</b>'],
  italic: ['<i>', '</i>'],
  underline: ['<u>', '</u>'],
  strikethrough: ['<s>', '</s>'],
  spoiler: ['<span class="spoiler">', '</span>'],
  code: ['<code>', '</code>'],
  pre: ['<pre>', '</pre>'],
  blockquote: ['<blockquote>', '</blockquote>'],
  expandable_blockquote: ['<blockquote>', '</blockquote>'],
};

function tagsOf(entity: MessageEntity): [string, string] | undefined {
  if (entity.type === 'text_link' && entity.url && /^(https?|tg):/.test(entity.url)) {
    return [`<a href="${escape(entity.url)}" target="_blank">`, '</a>'];
  }
  return TAGS[entity.type];
}

/**
 * A message as a Telegram client shows it: the visible text with its entities (what the bot's
 * HTML became after Telegram parsed it) turned back into safe markup. Entities nest, as the
 * parser produced them; anything else is escaped.
 */
export function renderMessage(message: StoredMessage): string {
  const text = message.visibleText ?? message.visibleCaption ?? message.text ?? '';
  const entities = (message.entities ?? [])
    .map((entity) => ({ entity, tags: tagsOf(entity) }))
    .filter((e): e is { entity: MessageEntity; tags: [string, string] } => !!e.tags);
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  // Longer entities open first and close last, so nesting stays valid.
  entities
    .sort((a, b) => a.entity.offset - b.entity.offset || b.entity.length - a.entity.length)
    .forEach(({ entity, tags }) => {
      opens.set(entity.offset, [...(opens.get(entity.offset) ?? []), tags[0]]);
      const end = entity.offset + entity.length;
      closes.set(end, [tags[1], ...(closes.get(end) ?? [])]);
    });
  const cuts = [...new Set([0, text.length, ...opens.keys(), ...closes.keys()])].sort(
    (a, b) => a - b,
  );
  let out = '';
  cuts.forEach((at, i) => {
    out += (closes.get(at) ?? []).join('') + (opens.get(at) ?? []).join('');
    const next = cuts[i + 1];
    if (next !== undefined) out += linkify(escape(text.slice(at, next)));
  });
  return out.replace(/\n/g, '<br>');
}
