import busboy from 'busboy';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Params, type UploadedFile } from './params';
import type { ApiResponse } from './types';

export interface Outcome {
  status: number;
  response: ApiResponse;
  /** Answer this much later (an injected hang); the call has already taken effect. */
  delayMs?: number;
}

export type CallHandler = (method: string, params: Params, signal: AbortSignal) => Promise<Outcome>;

const ROUTE = /^\/bot([^/]+)\/([^/]+)$/;

/**
 * The HTTP face of the fake: `GET|POST /bot<token>/<method>` with a JSON, urlencoded or
 * multipart body, answered with the Bot API envelope. It knows nothing about the methods.
 */
export class BotApiServer {
  private readonly server: Server;
  private readonly lateAnswers = new Set<NodeJS.Timeout>();
  private root = '';

  constructor(
    private readonly token: string,
    private readonly handle: CallHandler,
  ) {
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  /** `http://127.0.0.1:<port>`, once listening. */
  get apiRoot(): string {
    return this.root;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.root = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Also cuts held long polls and keep-alive sockets, which would otherwise keep jest alive. */
  async close(): Promise<void> {
    for (const timer of this.lateAnswers) clearTimeout(timer);
    this.lateAnswers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const route = ROUTE.exec(url.pathname);
    if (!route)
      return reply(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (decodeURIComponent(route[1]) !== this.token) {
      request.resume();
      return reply(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }

    let params: Params;
    try {
      params = await readParams(request, url);
    } catch (error) {
      const description = `Bad Request: ${error instanceof Error ? error.message : String(error)}`;
      return reply(response, 400, { ok: false, error_code: 400, description });
    }

    const client = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) client.abort();
    });
    const outcome = await this.handle(decodeURIComponent(route[2]), params, client.signal);
    if (!outcome.delayMs) return reply(response, outcome.status, outcome.response);
    const timer = setTimeout(() => {
      this.lateAnswers.delete(timer);
      reply(response, outcome.status, outcome.response);
    }, outcome.delayMs);
    this.lateAnswers.add(timer);
  }
}

function reply(response: ServerResponse, status: number, body: ApiResponse): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readParams(request: IncomingMessage, url: URL): Promise<Params> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const files: Record<string, UploadedFile> = {};
    await readMultipart(request, values, files);
    return new Params(values, files);
  }
  const body = await readBody(request);
  if (body.length === 0) return new Params(values);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(values, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
    return new Params(values);
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error("can't parse JSON object");
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('JSON object expected');
  }
  return new Params(Object.assign(values, json));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function readMultipart(
  request: IncomingMessage,
  values: Record<string, unknown>,
  files: Record<string, UploadedFile>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Telegram reads file names as UTF-8 (telegraf sends them raw); busboy's default is latin1.
    const parser = busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      limits: { fieldSize: 16 * 1024 * 1024 },
    });
    parser.on('field', (name, value) => (values[name] = value));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        files[name] = {
          fileName: info.filename,
          mimeType: info.mimeType,
          bytes: Buffer.concat(chunks),
        };
      });
    });
    parser.on('close', () => resolve());
    parser.on('error', reject);
    request.pipe(parser);
  });
}
