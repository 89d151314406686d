/** Rows per query when a report streams orders. */
const BATCH_SIZE = 1000;

/**
 * Reads a result of any size in id order, one batch at a time (`WHERE id > :afterId ORDER BY
 * id LIMIT n`): memory stays flat, and unlike OFFSET each batch starts at an index seek.
 */
export async function* keysetBatches<T extends { id: number }>(
  read: (afterId: number, limit: number) => Promise<T[]>,
  afterId = 0,
): AsyncGenerator<T[]> {
  for (;;) {
    const batch = await read(afterId, BATCH_SIZE);
    if (batch.length) yield batch;
    if (batch.length < BATCH_SIZE) return;
    afterId = batch[batch.length - 1].id;
  }
}
