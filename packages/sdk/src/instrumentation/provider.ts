/**
 * Which provider a client talks to, from its base URL: OpenAI-compatible
 * clients are pointed at many services, and the event should name the
 * service that answered (and bill at its prices), not the client package.
 */

export interface ProviderInfo {
  /** `gen_ai.provider.name`: a well-known name, else the URL's host. */
  name: string;
  serverAddress: string | undefined;
  serverPort: number | undefined;
  /**
   * The service reports usage in a stream when asked (`stream_options.include_usage`).
   * Asking one that does not know the option could fail the call, so only these are asked.
   */
  streamUsageOnRequest: boolean;
}

/** Host suffix → provider name, and whether the service honours `stream_options.include_usage`. */
const HOSTS: readonly (readonly [string, string, boolean])[] = [
  ["api.openai.com", "openai", true],
  ["openai.azure.com", "azure.ai.openai", true],
  ["cognitiveservices.azure.com", "azure.ai.openai", true],
  ["services.ai.azure.com", "azure.ai.openai", true],
  ["api.groq.com", "groq", true],
  ["api.together.xyz", "together", true],
  ["api.together.ai", "together", true],
  ["api.mistral.ai", "mistral_ai", false],
  ["api.deepseek.com", "deepseek", true],
  ["api.fireworks.ai", "fireworks", true],
  ["openrouter.ai", "openrouter", true],
  ["api.x.ai", "x_ai", true],
  ["api.perplexity.ai", "perplexity", false],
  ["api.cerebras.ai", "cerebras", true],
  ["api.deepinfra.com", "deepinfra", true],
  ["generativelanguage.googleapis.com", "gcp.gemini", true],
  ["api.anthropic.com", "anthropic", false],
  ["api.cohere.ai", "cohere", false],
  ["api.cohere.com", "cohere", false],
];

/** Well-known local servers by port; every local OpenAI-compatible server tried (Ollama, vLLM, LM Studio, llama.cpp) honours include_usage. */
const LOCAL_PORTS: Readonly<Record<string, string>> = { "11434": "ollama", "1234": "lmstudio" };
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);

const cache = new Map<string, ProviderInfo>();

export function providerFromBaseUrl(baseURL: string | undefined, fallback = "openai"): ProviderInfo {
  const key = `${baseURL}\u0000${fallback}`;
  let info = cache.get(key);
  if (info === undefined) {
    info = derive(baseURL, fallback);
    if (cache.size > 256) cache.clear();
    cache.set(key, info);
  }
  return info;
}

function derive(baseURL: string | undefined, fallback: string): ProviderInfo {
  let url: URL;
  try {
    url = new URL(baseURL ?? "");
  } catch {
    return { name: fallback, serverAddress: undefined, serverPort: undefined, streamUsageOnRequest: false };
  }
  const host = url.hostname.toLowerCase();
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const base = { serverAddress: host, serverPort: port };
  for (const [suffix, name, usage] of HOSTS) {
    if (host === suffix || host.endsWith(`.${suffix}`)) return { name, ...base, streamUsageOnRequest: usage };
  }
  if (LOOPBACK.has(host)) {
    const name = LOCAL_PORTS[url.port] ?? url.host;
    return { name, ...base, streamUsageOnRequest: true };
  }
  return { name: url.host, ...base, streamUsageOnRequest: false };
}
