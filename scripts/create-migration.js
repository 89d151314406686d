#!/usr/bin/env node
// npm run migration:create -- AddSomething
// Creates an empty migration with the same name and timestamp in each dialect's folder,
// so both sets stay in step (README, Database and migrations). Fill in both, then `npm run migration:run`.
const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:create -- <PascalCaseName>, e.g. AddOrderSearchIndex');
  process.exit(1);
}
const timestamp = Date.now();
for (const dialect of ['sqlite', 'postgres']) {
  const file = join(__dirname, '..', 'migrations', dialect, `${timestamp}-${name}.ts`);
  if (existsSync(file)) throw new Error(`${file} exists already`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // ${dialect}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // ${dialect}
  }
}
`,
  );
  console.log(`created ${file}`);
}
