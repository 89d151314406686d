import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Specs read whatever the answer holds.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls the running service's REST API over real HTTP, as another system would. */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  static of(app: INestApplication): ApiClient {
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new ApiClient(`http://127.0.0.1:${port}`);
  }

  async call(
    method: string,
    path: string,
    options: {
      key?: string;
      body?: unknown;
      /** Sent as it is, as a JSON body: for a malformed one. */
      raw?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
        ...(options.body !== undefined || options.raw !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...options.headers,
      },
      body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
    const type = response.headers.get('content-type') ?? '';
    const body = type.includes('json')
      ? await response.json()
      : Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  }
}
