import type { JsonObject } from "@honeyhive-ts/semconv";
import { HoneyHiveError } from "../../errors.js";
import { CsvReader, type CsvRecord } from "./csv.js";
import { LineReader } from "./lines.js";
import { rowToDraft } from "./mapping.js";
import type { DatapointDraft, FieldMapping } from "./types.js";

/**
 * Streamed dataset import: bytes → text → rows (JSONL lines or CSV records)
 * → datapoints, written in chunks of `chunkRows` rows (or `chunkChars` of
 * text, whichever comes first), each chunk one transaction
 * of multi-row INSERTs. The source is read only as fast as chunks commit, so
 * memory holds one chunk whatever the file size. A bad row is reported with
 * its line number and the import goes on.
 *
 * CSV is text: every cell imports as a string (a "007" code or a "1e3" id must
 * not change); use JSONL for typed values. An empty unquoted cell is no value,
 * a quoted "" is an empty string.
 */

export type ImportFormat = "jsonl" | "csv";

export interface ImportOptions {
  format: ImportFormat;
  mapping: FieldMapping | undefined;
  /** Largest body in bytes (after decompression); more is refused with 413. */
  maxBytes: number;
  /** Longest line (JSONL) or record (CSV) in characters; longer ones are reported and skipped. */
  maxRowChars: number;
  chunkRows: number;
  /** A chunk is also written once its rows hold this many characters of source text. */
  chunkChars: number;
}

export interface ImportError {
  line: number;
  message: string;
}

export interface ImportResult {
  imported: number;
  failed: number;
  /** The first MAX_REPORTED errors. */
  errors: ImportError[];
}

export const MAX_REPORTED = 100;

interface RowItem {
  line: number;
  /** Characters of source text (bounds a chunk's memory). */
  size?: number;
  row?: JsonObject;
  error?: string;
}

async function* text(source: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let bytes = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    bytes += buf.byteLength;
    if (bytes > maxBytes) {
      throw new HoneyHiveError(
        "HH_E_BODY_TOO_LARGE",
        413,
        `The import body is larger than ${maxBytes} bytes`,
        "Split the file, or raise the server's import size limit.",
      );
    }
    yield decoder.decode(buf, { stream: true });
  }
  yield decoder.decode();
}

async function* jsonlRows(chunks: AsyncIterable<string>, maxChars: number): AsyncGenerator<RowItem> {
  const reader = new LineReader(maxChars);
  const parse = function* (lines: ReturnType<LineReader["push"]>): Generator<RowItem> {
    for (const { line, text: t, tooLong } of lines) {
      if (tooLong) yield { line, error: `line longer than ${maxChars} characters` };
      else if (t.trim() === "") continue;
      else {
        try {
          yield { line, row: JSON.parse(t) as JsonObject, size: t.length };
        } catch (err) {
          yield { line, error: `invalid JSON: ${(err as Error).message}` };
        }
      }
    }
  };
  for await (const chunk of chunks) yield* parse(reader.push(chunk));
  yield* parse(reader.end());
}

function badHeader(message: string): HoneyHiveError {
  return new HoneyHiveError(
    "HH_E_VALIDATION",
    400,
    `CSV header: ${message}`,
    "The first row must name every column once, e.g. question,answer.",
    { field: "body" },
  );
}

async function* csvRows(chunks: AsyncIterable<string>, maxChars: number): AsyncGenerator<RowItem> {
  const reader = new CsvReader(maxChars);
  let header: string[] | undefined;
  const toRows = function* (records: CsvRecord[]): Generator<RowItem> {
    for (const rec of records) {
      if (rec.error !== undefined) {
        if (!header) throw badHeader(`line ${rec.line}: ${rec.error}`);
        yield { line: rec.line, error: rec.error };
      } else if (!header) {
        header = rec.fields.map((f) => f.value.trim());
        const seen = new Set<string>();
        for (const name of header) {
          if (name === "") throw badHeader("a column has no name");
          if (seen.has(name)) throw badHeader(`column '${name}' appears twice`);
          seen.add(name);
        }
      } else if (rec.fields.length !== header.length) {
        yield {
          line: rec.line,
          error: `${rec.fields.length} fields where the header has ${header.length}`,
        };
      } else {
        const row: JsonObject = {};
        for (const [i, f] of rec.fields.entries())
          if (f.quoted || f.value !== "") row[header[i] as string] = f.value;
        yield { line: rec.line, row };
      }
    }
  };
  for await (const chunk of chunks) yield* toRows(reader.push(chunk));
  yield* toRows(reader.end());
}

/** Reads the whole source and hands datapoints to `write` in chunks; resolves to the tally. */
export async function importStream(
  source: AsyncIterable<Uint8Array | string>,
  opts: ImportOptions,
  write: (drafts: DatapointDraft[]) => Promise<void>,
): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, failed: 0, errors: [] };
  const fail = (line: number, message: string) => {
    result.failed++;
    if (result.errors.length < MAX_REPORTED) result.errors.push({ line, message });
  };
  let chunk: DatapointDraft[] = [];
  let chars = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const drafts = chunk;
    chunk = [];
    chars = 0;
    await write(drafts);
    result.imported += drafts.length;
  };
  const chunks = text(source, opts.maxBytes);
  const items =
    opts.format === "csv" ? csvRows(chunks, opts.maxRowChars) : jsonlRows(chunks, opts.maxRowChars);
  for await (const item of items) {
    if (item.error !== undefined) {
      fail(item.line, item.error);
      continue;
    }
    try {
      chunk.push(rowToDraft(item.row, opts.mapping));
    } catch (err) {
      fail(item.line, (err as Error).message);
      continue;
    }
    chars += item.size ?? 0;
    if (chunk.length >= opts.chunkRows || chars >= opts.chunkChars) await flush();
  }
  await flush();
  return result;
}
