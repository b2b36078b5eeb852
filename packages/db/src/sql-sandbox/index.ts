export {
  SqlSandbox,
  SqlSandboxError,
  type SqlAnswer,
  type SqlSandboxOptions,
} from './sql-sandbox.js';
export type { SandboxColumn } from './sandbox-protocol.js';
