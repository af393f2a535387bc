import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs every vitest project, then reads the report: a run in which the browser tests did not run (or were
 * skipped) fails, because a green suite that never opened a browser proves nothing about the reader's page.
 */
const root = join(import.meta.dirname, '..');
const reportPath = join(root, 'test-results', 'vitest.json');
mkdirSync(join(root, 'test-results'), { recursive: true });

const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { name: string; assertionResults: { status: string }[] }[];
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
const browserPassed = report.testResults
  .filter((file) => file.name.includes('/test/e2e/'))
  .flatMap((file) => file.assertionResults)
  .filter((test) => test.status === 'passed').length;

console.log(`browser tests passed: ${browserPassed}`);
const summary = `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`;
console.log(summary);
writeFileSync(join(root, 'test-results', 'summary.txt'), `${summary}\n`);
if (browserPassed === 0) {
  console.error('The browser tests did not run: is Chromium installed at /usr/bin/chromium (or CHROMIUM_PATH)?');
  process.exit(1);
}
process.exit(run.status ?? 1);
