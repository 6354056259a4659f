/** Why a data folder could not be opened; the message is shown to the person as it is. */
export type DataFolderProblem = 'in_use' | 'newer_schema' | 'not_keel' | 'migration_failed' | 'damaged' | 'network_path' | 'disk_full';

export class DataFolderError extends Error {
  readonly problem: DataFolderProblem;
  /** What is wrong in a sentence, without the command-line advice (for the recovery screen). */
  readonly summary: string;
  constructor(problem: DataFolderProblem, message: string, options?: { cause?: unknown; summary?: string }) {
    super(message, options);
    this.name = 'DataFolderError';
    this.problem = problem;
    this.summary = options?.summary ?? message;
  }
}

/** A full disk or quota, in SQLite's words or the system's. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
