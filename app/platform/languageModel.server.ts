// The port to an OpenAI-compatible chat-completions API (OpenAI, DeepSeek, a local llama.cpp or Ollama server),
// and its one adapter. The base URL and `fetch` are injectable so tests talk to a server on loopback.

export interface ChatRequest {
  system: string;
  user: string;
  signal: AbortSignal;
}

/** A language model that answers a system + user prompt with the assistant's text. */
export interface LanguageModel {
  readonly model: string;
  complete(request: ChatRequest): Promise<string>;
}

/** The API answered, but not with a usable completion (`status` is the HTTP status, or null for a bad body). */
export class LanguageModelError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = "LanguageModelError";
  }
}

export interface OpenAiCompatibleOptions {
  /** e.g. https://api.openai.com/v1, https://api.deepseek.com/v1, http://127.0.0.1:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  model: string;
  fetch?: typeof fetch;
  /** Upper bound on the answer's length; an {intent, entities} object needs far fewer. */
  maxTokens?: number;
}

export function openAiCompatibleModel(options: OpenAiCompatibleOptions): LanguageModel {
  const url = new URL("chat/completions", options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  return {
    model: options.model,
    async complete({ system, user, signal }) {
      const res = await fetchFn(url, {
        method: "POST",
        headers,
        signal,
        body: JSON.stringify({
          model: options.model,
          temperature: 0,
          max_tokens: options.maxTokens ?? 300,
          response_format: { type: "json_object" },
          messages: [
            { role: "system", content: system },
            { role: "user", content: user },
          ],
        }),
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new LanguageModelError(res.status, `the language model answered HTTP ${res.status}`);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new LanguageModelError(null, "the language model's answer is not JSON");
      }
      const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
      if (typeof content !== "string") throw new LanguageModelError(null, "the language model's answer has no content");
      return content;
    },
  };
}
