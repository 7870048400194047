import { createServer } from 'node:http';
import type { Server } from 'node:http';

/**
 * A one-shot HTTP listener on the loopback redirect URI: the browser lands here after the
 * user approves, and the full callback URL (code, state, iss) goes to the session manager,
 * which checks the state. It answers the redirect path only, and only the first time.
 */
export class CallbackListener {
  readonly callback: Promise<string>;
  readonly #server: Server;
  #resolve: (url: string) => void = () => undefined;

  private constructor(redirectUri: URL) {
    this.callback = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    let answered = false;
    this.#server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', redirectUri);
      if (request.method !== 'GET' || url.pathname !== redirectUri.pathname) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      const first = !answered;
      answered = true;
      response
        .writeHead(first ? 200 : 409, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        })
        .end(first ? DONE_PAGE : ALREADY_PAGE);
      if (first) this.#resolve(url.href);
    });
  }

  /** Listens on the redirect URI's host and port; rejects when it cannot (port in use). */
  static async listen(redirectUri: URL): Promise<CallbackListener> {
    const listener = new CallbackListener(redirectUri);
    const host = redirectUri.hostname.replace(/^\[|\]$/g, '');
    const port = Number(redirectUri.port === '' ? 80 : redirectUri.port);
    await new Promise<void>((resolve, reject) => {
      listener.#server.once('error', reject);
      listener.#server.listen(port, host, () => {
        listener.#server.off('error', reject);
        resolve();
      });
    });
    return listener;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => { resolve(); }));
  }
}

const page = (text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>tibber-data</title><p>${text}</p>\n`;
const DONE_PAGE = page('tibber-data got the answer from Tibber. You can close this tab.');
const ALREADY_PAGE = page('tibber-data already has an answer; this one was ignored.');
