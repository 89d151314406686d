import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The validator is an ES module, which jest's CommonJS runtime cannot load: it runs in a
// node process of its own, resolved from this repository's node_modules.
const SCRIPT = `
import { Validator } from '@seriousme/openapi-schema-validator';
const result = await new Validator().validate(process.argv[1]);
process.stdout.write(JSON.stringify({ valid: result.valid, version: new Validator().version, errors: result.errors ?? [] }));
`;

export interface OpenApiCheck {
  valid: boolean;
  version: string;
  errors: unknown[];
}

/** Checks a document against the OpenAPI JSON schema of its version (3.0 or 3.1). */
export async function validateOpenApi(document: unknown): Promise<OpenApiCheck> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT, file],
      { cwd: join(__dirname, '..', '..') },
    );
    return JSON.parse(stdout) as OpenApiCheck;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
