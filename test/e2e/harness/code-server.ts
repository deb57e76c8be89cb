// Starts code-server with a fresh user-data-dir and extensions dir, the packaged extension installed,
// quiet predictable settings and no network use; stops it and everything it spawned.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerInstall, resultsDir } from './paths';
import { spawnGroup, type GroupProcess } from './processes';

/** Settings that keep the workbench still: no welcome page, tips, chat panels, update or marketplace checks. */
export function quietUserSettings(trust: boolean): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.enableExperiments': false,
    'workbench.editor.enablePreview': false,
    'workbench.layoutControl.enabled': false,
    'window.commandCenter': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'chat.agent.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'update.showReleaseNotes': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'json.schemaDownload.enable': false,
    'npm.fetchOnlinePackageInfo': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'git.enabled': false,
    'git.autoRepositoryDetection': false,
    'security.workspace.trust.enabled': trust,
    'security.workspace.trust.startupPrompt': 'always',
    'security.workspace.trust.emptyWindow': false,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'editor.inlineSuggest.enabled': true,
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.wordBasedSuggestions': 'off',
    'editor.suggestOnTriggerCharacters': false,
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.formatOnType': false,
    'editor.accessibilitySupport': 'off',
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  /** A fresh directory this instance may fill (user data, extensions, config, XDG dirs). */
  root: string;
  workspace: string;
  vsix: string;
  /** Workspace Trust on (Restricted Mode can happen) or switched off with --disable-workspace-trust. */
  trust: boolean;
  /** Name for the log file under test-results/e2e/. */
  name: string;
  userSettings?: Record<string, unknown>;
}

export interface RunningCodeServer {
  url: string;
  process: GroupProcess;
  stop(): Promise<void>;
}

function hermeticEnv(root: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
    // The VS Code server must not inherit the test runner's Node options (tsx loader, test flags).
    NODE_OPTIONS: '',
    // No extension gallery at all: nothing is fetched from a marketplace, nothing is recommended.
    EXTENSIONS_GALLERY: '{}',
  };
}

export function installExtension(vsix: string, extensionsDir: string, userDataDir: string, root: string): void {
  const { node, codeServer } = codeServerInstall();
  const args = [codeServer, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  const result = spawnSync(node, args, { env: hermeticEnv(root), encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${result.status}):\n${output}`);
  }
}

async function waitForHealth(url: string, server: GroupProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`code-server exited early:\n${server.output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms:\n${server.output()}`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { node, codeServer } = codeServerInstall();
  const userDataDir = join(options.root, 'user-data');
  const extensionsDir = join(options.root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const settings = { ...quietUserSettings(options.trust), ...options.userSettings };
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  // The extension host runs on the server, which reads machine-scoped settings (bachbot.modelPath) from here only.
  writeFileSync(join(userDataDir, 'Machine/settings.json'), JSON.stringify(settings, null, 2));
  const config = join(options.root, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');

  installExtension(options.vsix, extensionsDir, userDataDir, options.root);

  const port = await freePort();
  const args = [
    codeServer,
    '--config', config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.trust ? [] : ['--disable-workspace-trust']),
    options.workspace,
  ];
  const server = spawnGroup(node, args, { env: hermeticEnv(options.root), logFile: join(resultsDir, `${options.name}.code-server.log`) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, server, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, process: server, stop: () => server.stop() };
}
