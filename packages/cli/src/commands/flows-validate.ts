import { readFile } from 'node:fs/promises';

import { parseFlowDocument, validateFlow, type FlowProblem } from '@scimflow/flow';
import { createValidationContext } from '@scimflow/nodes';

import { formatProblem } from '../problems.js';

/** The problems found in one flow file. */
export interface FileValidation {
  file: string;
  problems: FlowProblem[];
}

/**
 * Validates flow files without a server: format, graph, node configs and expressions. Credential
 * names are checked against each document's own credential list, since the store is not at hand.
 */
export async function validateFlowFiles(files: string[]): Promise<FileValidation[]> {
  const results: FileValidation[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      results.push({
        file,
        problems: [
          {
            code: 'document_invalid',
            severity: 'error',
            message: `Cannot read the file: ${(error as Error).message}`,
          },
        ],
      });
      continue;
    }

    const parsed = parseFlowDocument(text);
    const problems = parsed.ok
      ? validateFlow(parsed.document, createValidationContext())
      : parsed.problems;
    results.push({ file, problems });
  }
  return results;
}

/** Prints each file's problems and returns the exit code: 1 when any file has an error. */
export async function runValidate(files: string[], out: (line: string) => void): Promise<number> {
  if (files.length === 0) throw new UsageError('flows validate needs at least one flow file.');

  const results = await validateFlowFiles(files);
  let errors = 0;
  for (const { file, problems } of results) {
    if (problems.length === 0) {
      out(`${file}: valid`);
      continue;
    }
    for (const problem of problems) {
      out(`${file}: ${formatProblem(problem)}`);
      if (problem.severity === 'error') errors++;
    }
  }
  return errors > 0 ? 1 : 0;
}

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}
