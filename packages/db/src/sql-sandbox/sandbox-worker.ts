// A SQL sandbox worker: a child process (child_process.fork) holding its own DuckDB instance per
// version file, opened read-only and locked down as DuckDB's guidance for untrusted SQL asks
// (https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview): no file or network
// access, no extension installed or loaded, one thread, a memory limit, and the configuration
// locked so a query cannot undo any of it. The API process never runs a client's SQL in its own
// DuckDB; if this process dies (out of memory, a crash), SqlSandbox starts another.
//
// One request at a time: the parent sends the next only after this one answers.
import {
  DuckDBInstance,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  StatementType,
  type DuckDBConnection,
} from '@duckdb/node-api';
import type {
  SandboxColumn,
  SandboxFailureKind,
  SandboxRequest,
  SandboxResponse,
} from './sandbox-protocol.js';

const memoryLimit = process.argv[2] ?? '1GB';

/** The statement types a console may run: a query, and EXPLAIN of one. */
const ALLOWED = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

/** Integer types JSON gives as strings; a column of them becomes numbers while they are exact. */
const WIDE_INTEGERS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

class Refusal extends Error {
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
  ) {
    super(message);
  }
}

let open: { file: string; connection: DuckDBConnection; close: () => void } | null = null;

async function connect(file: string): Promise<DuckDBConnection> {
  if (open?.file === file) return open.connection;
  open?.close();
  open = null;
  const instance = await DuckDBInstance.create(file, {
    access_mode: 'READ_ONLY',
    enable_external_access: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: '1',
    memory_limit: memoryLimit,
    max_temp_directory_size: '0B',
    lock_configuration: 'true',
  });
  const connection = await instance.connect();
  open = {
    file,
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
  return connection;
}

/** DuckDB's message for a failure, sorted into what the client is told. */
function classify(error: unknown): { kind: SandboxFailureKind; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (/INTERRUPT/i.test(message)) return { kind: 'time', message };
  if (/Out of Memory|memory limit|could not allocate/i.test(message)) {
    return { kind: 'memory', message };
  }
  if (/Permission Error|disabled by configuration|Cannot change configuration/i.test(message)) {
    return { kind: 'refused', message };
  }
  return { kind: 'invalid', message };
}

async function run(request: SandboxRequest): Promise<SandboxResponse> {
  const started = performance.now();
  const connection = await connect(request.file);
  const timer = setTimeout(() => connection.interrupt(), request.limits.timeMs);
  try {
    // DuckDB's own parser says how many statements there are and of which kind: no text matching.
    const statements = await connection.extractStatements(request.sql);
    if (statements.count === 0) throw new Refusal('refused', 'the query is empty');
    if (statements.count > 1) {
      throw new Refusal(
        'refused',
        `one statement per query (this text holds ${statements.count}); remove the others`,
      );
    }
    const prepared = await statements.prepare(0);
    if (!ALLOWED.has(prepared.statementType)) {
      const type = StatementType[prepared.statementType] ?? 'other';
      throw new Refusal(
        'refused',
        `only SELECT (and EXPLAIN) queries are allowed here, not ${type} statements`,
      );
    }
    const result = await prepared.stream();
    const names = result.columnNames();
    const types = result.columnTypes();
    const columns: SandboxColumn[] = names.map((name, i) => ({
      name,
      type: types[i]?.toString() ?? 'UNKNOWN',
    }));
    const wide = types.map((type) => WIDE_INTEGERS.has(type.typeId));
    const rows: unknown[][] = [];
    let bytes = 2;
    let truncated = false;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.convertRows(JsonDuckDBValueConverter)) {
        const values = row.map((value, i) =>
          wide[i] && typeof value === 'string' && Number.isSafeInteger(Number(value))
            ? Number(value)
            : value,
        );
        const size = JSON.stringify(values).length + 1;
        if (rows.length >= request.limits.rows || bytes + size > request.limits.bytes) {
          truncated = true;
          break;
        }
        rows.push(values);
        bytes += size;
      }
      if (truncated) break;
    }
    return {
      id: request.id,
      ok: true,
      columns,
      rows,
      truncated,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    };
  } catch (error) {
    if (error instanceof Refusal)
      return { id: request.id, ok: false, kind: error.kind, message: error.message };
    return { id: request.id, ok: false, ...classify(error) };
  } finally {
    clearTimeout(timer);
  }
}

process.on('message', (message: SandboxRequest) => {
  void run(message).then(
    (response) => process.send?.(response),
    (error: unknown) => process.send?.({ id: message.id, ok: false, ...classify(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
