import { badRequest } from './api-error';
import type { MessageEntity } from './types';

// Telegram's HTML parse mode, following the parser of tdlib (td/telegram/MessageEntity.cpp,
// parse_html): same tag set, same attribute rules, same error texts with byte offsets. Tests
// then fail on exactly the markup Telegram would refuse, e.g. `<br>` or a raw `<` in a name.

const SUPPORTED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

const ENTITY_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
};

const NAMED_ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
]);

export interface FormattedText {
  /** The visible text, trimmed as Telegram trims it. */
  text: string;
  entities: MessageEntity[];
}

interface OpenTag {
  tag: string;
  argument: string;
  offset: number;
}

const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);

/** Parses Telegram HTML into visible text and entities, or throws the Bot API's 400. */
export function parseHtml(html: string): FormattedText {
  const length = html.length;
  const byteOffset = (position: number) => Buffer.byteLength(html.slice(0, position));
  const fail = (reason: string) => badRequest(`can't parse entities: ${reason}`);
  const open: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let text = '';
  let i = 0;

  while (i < length) {
    const char = html[i];
    if (char === '&') {
      const decoded = decodeEntity(html, i);
      if (decoded) {
        text += decoded.char;
        i = decoded.end;
        continue;
      }
      // Telegram itself shows a lone "&" literally, but its documentation requires escaping it,
      // and an unescaped "&" in user input turns "&lt;" typed by a user into "<". The fake holds
      // the bot to the documented rule so a missing escape fails a test instead of a customer.
      throw fail(
        `Character "&" at byte offset ${byteOffset(i)} is not part of an HTML entity; escape it as "&amp;"`,
      );
    }
    if (char !== '<') {
      text += char;
      i++;
      continue;
    }

    const begin = i;
    i++;
    if (html[i] !== '/') {
      const nameStart = i;
      while (i < length && !isSpace(html[i]) && html[i] !== '>') i++;
      if (i >= length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      const tag = html.slice(nameStart, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(tag)) {
        throw fail(`Unsupported start tag "${tag}" at byte offset ${byteOffset(begin)}`);
      }
      const unclosed = () =>
        fail(`Unclosed start tag "${tag}" at byte offset ${byteOffset(begin)}`);

      let argument = '';
      while (html[i] !== '>') {
        while (i < length && isSpace(html[i])) i++;
        if (i >= length) throw unclosed();
        if (html[i] === '>') break;
        const attributeStart = i;
        while (i < length && !isSpace(html[i]) && !'=>/"\''.includes(html[i])) i++;
        const attribute = html.slice(attributeStart, i).toLowerCase();
        if (!attribute) {
          throw fail(
            `Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(begin)}`,
          );
        }
        while (i < length && isSpace(html[i])) i++;
        if (i >= length) throw unclosed();
        if (html[i] !== '=') {
          if (tag === 'blockquote' && attribute === 'expandable') argument = 'expandable';
          continue;
        }
        i++;
        while (i < length && isSpace(html[i])) i++;
        if (i >= length) throw unclosed();

        let value = '';
        if (html[i] !== '"' && html[i] !== "'") {
          const tokenStart = i;
          while (i < length && /[A-Za-z0-9.-]/.test(html[i])) i++;
          value = html.slice(tokenStart, i).toLowerCase();
          if (i >= length) throw unclosed();
          if (!isSpace(html[i]) && html[i] !== '>') {
            throw fail(`Unexpected end of name token at byte offset ${byteOffset(tokenStart)}`);
          }
        } else {
          const quote = html[i++];
          while (i < length && html[i] !== quote) {
            const decoded = html[i] === '&' ? decodeEntity(html, i) : undefined;
            if (decoded) {
              value += decoded.char;
              i = decoded.end;
            } else {
              value += html[i++];
            }
          }
          if (i < length) i++;
          if (i >= length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        }

        if (tag === 'a' && attribute === 'href') argument = value;
        else if (tag === 'code' && attribute === 'class' && value.startsWith('language-')) {
          argument = value.slice('language-'.length);
        } else if (tag === 'span' && attribute === 'class' && value.startsWith('tg-')) {
          argument = value.slice('tg-'.length);
        } else if (tag === 'tg-emoji' && attribute === 'emoji-id') argument = value;
      }
      if (tag === 'span' && argument !== 'spoiler') {
        throw fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
      }
      open.push({ tag, argument, offset: text.length });
      i++;
      continue;
    }

    if (open.length === 0) throw fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    i++;
    const nameStart = i;
    while (i < length && !isSpace(html[i]) && html[i] !== '>') i++;
    const endName = html.slice(nameStart, i).toLowerCase();
    while (i < length && isSpace(html[i])) i++;
    if (html[i] !== '>') throw fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    i++;
    const top = open.pop() as OpenTag;
    if (endName && endName !== top.tag) {
      throw fail(
        `Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${top.tag}>", found "</${endName}>"`,
      );
    }
    if (text.length > top.offset) addEntity(entities, top, text.length);
  }

  if (open.length > 0) {
    throw fail(`Can't find end tag corresponding to start tag "${open[open.length - 1].tag}"`);
  }
  return trimFormatted(text, entities);
}

/** Plain text (no parse mode) gets the same trimming, so lengths are counted the same way. */
export function plainText(text: string): FormattedText {
  return trimFormatted(text, []);
}

function addEntity(entities: MessageEntity[], open: OpenTag, end: number): void {
  const offset = open.offset;
  const length = end - offset;
  const last = entities[entities.length - 1];
  // <pre><code class="language-x">…</code></pre> is one pre entity with a language.
  if (
    open.tag === 'pre' &&
    last?.type === 'code' &&
    last.offset === offset &&
    last.length === length
  ) {
    entities[entities.length - 1] = {
      type: 'pre',
      offset,
      length,
      ...(last.language ? { language: last.language } : {}),
    };
    return;
  }
  if (open.tag === 'a') {
    if (open.argument) entities.push({ type: 'text_link', offset, length, url: open.argument });
  } else if (open.tag === 'tg-emoji') {
    entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: open.argument });
  } else if (open.tag === 'blockquote') {
    const type = open.argument === 'expandable' ? 'expandable_blockquote' : 'blockquote';
    entities.push({ type, offset, length });
  } else if (open.tag === 'code' && open.argument) {
    entities.push({ type: 'code', offset, length, language: open.argument });
  } else {
    entities.push({ type: ENTITY_TYPES[open.tag], offset, length });
  }
}

function decodeEntity(html: string, start: number): { char: string; end: number } | undefined {
  let end = start + 1;
  let char: string | undefined;
  if (html[end] === '#') {
    end++;
    const hex = html[end] === 'x' || html[end] === 'X';
    if (hex) end++;
    const digitsStart = end;
    while (end < html.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(html[end])) end++;
    const code = parseInt(html.slice(digitsStart, end), hex ? 16 : 10);
    if (!(code > 0 && code < 0x10ffff) || end - start >= 10) return undefined;
    char = String.fromCodePoint(code);
  } else {
    while (end < html.length && /[A-Za-z]/.test(html[end])) end++;
    char = NAMED_ENTITIES.get(html.slice(start + 1, end));
    if (char === undefined) return undefined;
  }
  if (html[end] === ';') end++;
  return { char, end };
}

function trimFormatted(text: string, entities: MessageEntity[]): FormattedText {
  const trimmed = text.trim();
  const shift = text.length - text.trimStart().length;
  const kept: MessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(entity.offset - shift, 0);
    const end = Math.min(entity.offset + entity.length - shift, trimmed.length);
    if (end > start) kept.push({ ...entity, offset: start, length: end - start });
  }
  kept.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: trimmed, entities: kept };
}
