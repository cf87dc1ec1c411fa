// Calls to the storefront API through the shop's app proxy. One Idempotency-Key per shopper action, reused on
// every retry of that action, so a retried message or form can never be recorded twice.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  /** Worth retrying with the same key: no answer, a server failure, a rate limit, a request still in flight. */
  get retryable(): boolean {
    return (
      this.code !== "concierge.disabled" &&
      (this.status === 0 || this.status >= 500 || this.status === 429 || this.code === "idempotency.in_progress")
    );
  }
}

const TIMEOUT_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function newKey(): string {
  const c = crypto as Crypto & { randomUUID?: () => string };
  return c.randomUUID ? c.randomUUID() : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

export interface Api {
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
  post<T>(path: string, body: unknown, key: string): Promise<T>;
  del<T>(path: string, query?: Record<string, string>): Promise<T>;
}

export function createApi(proxy: string): Api {
  async function once<T>(method: string, path: string, query: Record<string, string>, body?: unknown, key?: string) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const qs = new URLSearchParams(query).toString();
    let res: Response;
    try {
      res = await fetch(`${proxy}/${path}${qs ? `?${qs}` : ""}`, {
        method,
        signal: controller.signal,
        headers: {
          accept: "application/json",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(key ? { "idempotency-key": key } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ApiError(0, navigator.onLine === false ? "network.offline" : "network.failed", "no answer");
    } finally {
      clearTimeout(timer);
    }
    let json: Record<string, unknown> = {};
    try {
      json = (await res.json()) as Record<string, unknown>;
    } catch {
      // an empty or non-JSON answer (a proxy error page): judged by its status below
    }
    if (!res.ok) {
      const error = (json.error ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
      throw new ApiError(res.status, error.code ?? `http.${res.status}`, error.message ?? "", error.details);
    }
    return json as T;
  }

  /** Two quiet retries for transient failures (same key), then the caller shows the error state. */
  async function request<T>(method: string, path: string, query: Record<string, string>, body?: unknown, key?: string) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once<T>(method, path, query, body, key);
      } catch (error) {
        if (
          !(error instanceof ApiError) ||
          !error.retryable ||
          error.status === 429 ||
          attempt >= 2 ||
          error.code === "network.offline"
        ) {
          throw error;
        }
        await sleep(error.code === "idempotency.in_progress" ? 400 : 700 * (attempt + 1));
      }
    }
  }

  return {
    get: (path, query = {}) => request("GET", path, query),
    post: (path, body, key) => request("POST", path, {}, body, key),
    del: (path, query = {}) => request("DELETE", path, query),
  };
}
