/** The server serves a single database file, without a data directory: no versions (501). */
export class NoDataStoreError extends Error {
  override readonly name = 'NoDataStoreError';
  constructor() {
    super(
      'this server has no data directory (it serves a single database file), so it has no versions',
    );
  }
}
