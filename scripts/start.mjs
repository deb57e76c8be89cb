// `npm start`: packages the extension and opens examples/ in a real VS Code with it installed — the desktop
// `code` when it is on PATH, otherwise code-server from .cache/e2e (scripts/e2e/install-code-server.sh),
// printing the address to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { hostTarget, vsixPath } from './package.mjs';

const root = resolve(import.meta.dirname, '..');
const examples = join(root, 'examples');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`start: '${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** This computer's package (the universal one where no native package fits). */
function packageExtension() {
  const target = hostTarget();
  run('npm', ['run', 'package', '--', target]);
  return vsixPath(target);
}

/** The desktop VS Code CLI, unless `code` on PATH is code-server's remote CLI (it cannot open a window here). */
function desktopCode() {
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  if (which.status !== 0 || !path) return undefined;
  const version = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return version.status === 0 && !/code-server/i.test(version.stdout) ? path : undefined;
}

function freePort(preferred) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => (preferred ? freePort(0).then(resolvePort) : resolvePort(0)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const vsix = packageExtension();
const code = desktopCode();
if (code) {
  run(code, ['--install-extension', vsix, '--force']);
  run(code, [examples]);
  console.log(`start: opened ${examples} in VS Code with ${vsix} installed`);
  process.exit(0);
}

run('bash', ['scripts/e2e/install-code-server.sh']);
const install = JSON.parse(readFileSync(join(process.env.BACHBOT_E2E_CACHE ?? join(root, '.cache/e2e'), 'paths.json'), 'utf8'));
const home = join(root, '.cache/e2e/start');
const userData = join(home, 'user-data');
const extensions = join(home, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
const settingsFile = join(userData, 'User/settings.json');
if (!existsSync(settingsFile)) {
  const settings = { 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.ignoreRecommendations': true };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
}
const env = { ...process.env, EXTENSIONS_GALLERY: '{}', NODE_OPTIONS: '' };
const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
run(install.node, [install.codeServer, ...common, '--install-extension', vsix, '--force'], { env });

const port = await freePort(Number(process.env.PORT ?? 8080));
const config = join(home, 'config.yaml');
writeFileSync(config, 'auth: none\ncert: false\n');
const args = [install.codeServer, ...common, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
  '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', examples];
const server = spawn(install.node, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
let announced = false;
const announce = (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /HTTP server listening/.test(chunk.toString())) {
    announced = true;
    console.log(`\nstart: BachBot is installed in code-server. Open http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)} (Ctrl+C stops it)\n`);
  }
};
server.stdout.on('data', announce);
server.stderr.on('data', announce);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
server.on('exit', (codeOrNull) => process.exit(codeOrNull ?? 0));
