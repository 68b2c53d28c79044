/**
 * The wire form of a stored dataset or datapoint: ISO-8601 timestamps (as
 * HoneyHive sends them) and `_id` beside `id`, because the official SDKs read
 * the classic `_id` name.
 */
export const present = <T extends { id: string; created_at: number; updated_at: number }>(record: T) => ({
  ...record,
  _id: record.id,
  created_at: new Date(record.created_at).toISOString(),
  updated_at: new Date(record.updated_at).toISOString(),
});
