/** Why a data folder could not be opened; the message is shown to the person as it is. */
export type DataFolderProblem = 'in_use' | 'newer_schema' | 'not_keel' | 'migration_failed' | 'damaged' | 'network_path';

export class DataFolderError extends Error {
  readonly problem: DataFolderProblem;
  constructor(problem: DataFolderProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataFolderError';
    this.problem = problem;
  }
}
