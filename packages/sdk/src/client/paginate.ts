/**
 * Walks a paged list one item at a time, fetching the next page only when
 * the caller has consumed the previous one (so `break` stops the requests).
 */
export interface Page<T> {
  items: readonly T[];
  /** Items over all pages, when the server says. */
  total?: number | undefined;
}

export async function* paginate<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  pageSize: number,
  firstPage = 1,
): AsyncGenerator<T, void, undefined> {
  let seen = 0;
  for (let page = firstPage; ; page++) {
    const { items, total } = await fetchPage(page);
    for (const item of items) yield item;
    seen += items.length;
    if (items.length === 0 || items.length < pageSize) return;
    if (total !== undefined && seen >= total) return;
  }
}
