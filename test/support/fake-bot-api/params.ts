import { badRequest } from './api-error';

/** A file part of a multipart request. */
export interface UploadedFile {
  fileName?: string;
  mimeType?: string;
  bytes: Buffer;
}

/**
 * Request parameters as the Bot API reads them. JSON bodies carry typed values, while query
 * strings, urlencoded and multipart bodies carry only strings (telegraf sends `reply_markup` as a
 * JSON string in multipart requests), so every reader accepts both forms.
 */
export class Params {
  constructor(
    private readonly values: Record<string, unknown>,
    readonly files: Record<string, UploadedFile> = {},
  ) {}

  has(name: string): boolean {
    const value = this.values[name];
    return (value !== undefined && value !== null && value !== '') || name in this.files;
  }

  raw(name: string): unknown {
    return this.values[name];
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : String(value);
  }

  integer(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(number)) throw badRequest(`invalid ${name} specified`);
    return number;
  }

  boolean(name: string): boolean {
    const value = this.values[name];
    return value === true || value === 'true' || value === 1 || value === '1';
  }

  /** A JSON-typed field: objects pass through, strings are parsed as JSON. */
  json(name: string, unparsable: string): unknown {
    const value = this.values[name];
    if (typeof value !== 'string') return value ?? undefined;
    if (value === '') return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(unparsable);
    }
  }

  /** What calls() shows: the values with JSON strings decoded and files described. */
  describe(): Record<string, unknown> {
    const described: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(this.values)) {
      described[name] = decodeForLog(name, value);
    }
    for (const [name, file] of Object.entries(this.files)) {
      described[name] = { file_name: file.fileName, size: file.bytes.length };
    }
    return described;
  }
}

// Free text stays a string even when it looks like a number or JSON ("42", "true", "[x]").
const TEXT_FIELDS = new Set(['text', 'caption', 'description', 'url', 'secret_token', 'action']);

function decodeForLog(name: string, value: unknown): unknown {
  if (typeof value !== 'string' || TEXT_FIELDS.has(name)) return value;
  if (/^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}
