import type { App } from '../../src/server/http/app.js';
import { buildApp } from '../../src/server/http/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/db/connection.js';

export async function testApp(database: Database, env: Record<string, string> = {}): Promise<App> {
  const app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent', PATTERNS_LIVE: 'false', ...env }) });
  await app.ready();
  return app;
}

export interface Response<T = unknown> { status: number; body: T; headers: Record<string, unknown> }

/** A signed-in browser-like client: keeps the session cookie and sends the CSRF token on changes. */
export class Client {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
  constructor(readonly app: App, readonly ip = '203.0.113.10') {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const isChange = !['GET', 'HEAD'].includes(method);
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(isChange && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = response.cookies.find((c) => c.name === 'lantern_session');
    if (setCookie) this.cookie = setCookie.value ? `lantern_session=${setCookie.value}` : undefined;
    const text = response.body;
    let parsed: unknown = text;
    if (text && /json/.test(String(response.headers['content-type']))) parsed = JSON.parse(text);
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  }

  get<T = any>(url: string) { return this.request<T>('GET', url); }
  post<T = any>(url: string, body?: unknown) { return this.request<T>('POST', url, body ?? {}); }
  patch<T = any>(url: string, body: unknown) { return this.request<T>('PATCH', url, body); }
  put<T = any>(url: string, body: unknown) { return this.request<T>('PUT', url, body); }
  delete<T = any>(url: string) { return this.request<T>('DELETE', url); }

  async signIn(email: string, password: string): Promise<Response> {
    const response = await this.post('/api/v1/auth/sign-in', { email, password });
    if (response.status === 200) this.csrfToken = (response.body as { csrfToken: string }).csrfToken;
    return response;
  }
}

export async function signedIn(app: App, email: string, password: string, ip?: string): Promise<Client> {
  const client = new Client(app, ip);
  const response = await client.signIn(email, password);
  if (response.status !== 200) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(response.body)}`);
  return client;
}
