import { Agent, request } from 'node:http';

/** An answer of {@link JsonClient.send}. */
export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Size of the body as sent, in bytes. */
  readonly bytes: number;
}

/**
 * A small JSON-over-HTTP client on `node:http` with kept-alive sockets. The harness shares the
 * machine with the system it measures, and global `fetch` costs about 0.45 ms more CPU per
 * request here, which a run's two requests would take from the services.
 */
export class JsonClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1024 });

  /** `headers` go with every request (an `Authorization`, say). */
  constructor(
    private readonly base: URL,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  /** Sends one request; the body, if any, as JSON. Rejects on a network error only. */
  send(method: 'GET' | 'POST', path: string, body?: string): Promise<JsonAnswer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...this.headers };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = request(
        { host: this.base.hostname, port: this.base.port, method, path, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: the caller sees the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, bytes: Buffer.byteLength(text) });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
