/** Embedding cosine similarity between the output and the ground truth. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput } from "../types.js";
import { createEmbeddings, type EmbeddingsClientLike, type ProviderOptions } from "./provider.js";
import { asText, type BuiltinOptions, pickOutput, requireExpected, wrapperOptions } from "./shared.js";

export type Embedder = (texts: string[], signal?: AbortSignal) => Promise<number[][]>;

export interface EmbeddingSimilarityOptions extends BuiltinOptions, ProviderOptions<EmbeddingsClientLike> {
  /** Any embedder; when absent, an OpenAI-compatible embeddings call through `client` or `baseURL`. */
  embed?: Embedder;
  /** The embeddings model of the default embedder (default "text-embedding-3-small"). */
  model?: string;
}

export function cosineSimilarity(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error(`the vectors differ in length (${a.length} and ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) throw new Error("cosine similarity of a zero vector is undefined");
  return dot / Math.sqrt(na * nb);
}

/**
 * Cosine similarity (-1..1) of the output's and the ground truth's embeddings,
 * both embedded in one call. Passes at >= 0.8 unless `threshold` says otherwise.
 */
export function embeddingSimilarity(options: EmbeddingSimilarityOptions = {}): Evaluator {
  const model = options.model ?? "text-embedding-3-small";
  const embed: Embedder =
    options.embed ?? ((texts, signal) => createEmbeddings(options, model, texts, signal));
  return evaluator(
    async (ev: EvaluatorInput) => {
      const texts = [
        asText(pickOutput(ev, options)),
        asText(requireExpected(ev, options, "embedding_similarity")),
      ];
      const vectors = await embed(texts, ev.signal);
      if (vectors.length !== 2)
        throw new Error(`the embedder returned ${vectors.length} vectors for 2 texts`);
      const score = cosineSimilarity(vectors[0]!, vectors[1]!);
      return { score, explanation: `cosine similarity ${score.toFixed(4)}` };
    },
    wrapperOptions(options, { name: "embedding_similarity", threshold: { min: 0.8 } }),
  );
}
