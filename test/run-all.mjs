// `npm test`: every check and suite in order, then one closing line `N passed, N failed` that sums
// them, so a run that executed no test is visible. A failing step does not stop the later ones: the
// summary should show everything that is broken at once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'chatlet-test-'));
let passed = 0;
let failed = 0;

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

/** A check without test cases of its own (type-check, lint, build) counts as one test. */
function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${label} failed`);
  }
}

/** One vitest run over `projects` (see vite.config.ts), its tests counted one by one. */
function vitest(label, projects) {
  const out = join(work, `vitest-${projects.join('-')}.json`);
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) {
    failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!ok && report.numFailedTests === 0) failed += 1; // e.g. a suite that failed to load
}

/** The consumer apps (test/consumers/run.mjs), counted by their closing `consumers: N passed, N failed`. */
function consumers() {
  console.log(
    '\n▶ consumer apps (packed tarball in React, Vue, <chatlet-widget>, Express, and Next.js with CHATLET_CONSUMERS_NEXT=1; Chromium)',
  );
  const result = spawnSync('node', ['test/consumers/run.mjs'], { encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const counts = /consumers: (\d+) passed, (\d+) failed/.exec(result.stdout);
  if (!counts) {
    failed += 1;
    return;
  }
  passed += Number(counts[1]);
  failed += Number(counts[2]);
  if (result.status !== 0 && Number(counts[2]) === 0) failed += 1;
}

function playwright() {
  const out = join(work, 'playwright.json');
  const ok = run('end-to-end tests (Chromium, Firefox, WebKit)', 'npx', ['playwright', 'test'], {
    CHATLET_PW_JSON: out,
  });
  if (!existsSync(out)) {
    failed += 1;
    return;
  }
  const { stats } = JSON.parse(readFileSync(out, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  if (!ok && stats.unexpected === 0) failed += 1;
}

// The Debian packages the browser and shared-state suites need (installed only when missing).
if (!run('machine setup', 'bash', ['.ci/setup-machine'])) {
  console.log('✗ machine setup failed: the suites that need those packages will fail too');
}

check('type-check (browser)', 'npx', ['tsc', '-p', 'tsconfig.json']);
check('type-check (server, no DOM)', 'npx', ['tsc', '-p', 'tsconfig.server.json']);
check('type-check (pure core)', 'npx', ['tsc', '-p', 'tsconfig.core.json']);
check('lint', 'npx', ['oxlint', '--deny-warnings', 'src', 'test', 'e2e', 'vite.config.ts']);
check('format', 'npx', ['prettier', '--check', '.']);
vitest('unit and component tests', ['node', 'dom']);
check('build', 'npm', ['run', 'build', '--silent']);
// Two built chatlet-proxy processes on one redis-server, so after the build.
vitest('tests of the built proxy (two instances, Redis)', ['built']);
check('size budgets (brotli)', 'node', ['test/size-budget.mjs']);
// The packed tarball, as the registry would serve it, not the working tree.
const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', work], {
  encoding: 'utf8',
});
const tarball = join(work, packed.stdout.trim().split('\n').pop() ?? 'missing.tgz');
check('package exports and files (publint, packed tarball)', 'npx', ['publint', tarball]);
// ESM only: CommonJS consumers load the package with import(), which attw's esm-only profile allows.
check('package types for every export (attw, packed tarball)', 'npx', [
  'attw',
  tarball,
  '--profile',
  'esm-only',
]);
check('types of the built package in a strict React consumer', 'npx', [
  'tsc',
  '-p',
  'test/types/tsconfig.json',
]);
consumers();
playwright();

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
