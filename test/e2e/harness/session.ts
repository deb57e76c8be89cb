// One scenario's world: a workspace copied from examples/, code-server with the packaged extension, a browser.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './code-server';
import { repoRoot, resultsDir } from './paths';
import { packagedVsix } from './vsix';
import { launchBrowser, Workbench } from './workbench';

export interface SessionOptions {
  /** Names screenshots and logs under test-results/e2e/. */
  name: string;
  /** 'off': --disable-workspace-trust; 'trusted' / 'restricted': Workspace Trust on and the prompt answered so. */
  trust: 'off' | 'trusted' | 'restricted';
  /** Written to the workspace's .vscode/settings.json; a function may first put files in the workspace. */
  workspaceSettings?: Record<string, unknown> | ((workspace: string) => Record<string, unknown>);
  userSettings?: Record<string, unknown>;
  /** Extra files for the workspace, by path relative to it. */
  files?: Record<string, string | Buffer>;
}

export interface Session {
  workbench: Workbench;
  /** The workspace folder on disk (a copy; the test may change it freely). */
  workspace: string;
  /** Absolute path of a file in the workspace. */
  path(relative: string): string;
  close(): Promise<void>;
}

const fixturesDir = join(repoRoot, 'test/e2e/fixtures');

function prepareWorkspace(root: string, options: SessionOptions): string {
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const examples = join(repoRoot, 'examples');
  if (existsSync(examples)) cpSync(examples, workspace, { recursive: true });
  if (existsSync(fixturesDir)) cpSync(fixturesDir, join(workspace, 'e2e'), { recursive: true });
  for (const [relative, content] of Object.entries(options.files ?? {})) {
    const file = join(workspace, relative);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, content);
  }
  if (options.workspaceSettings) {
    const settings = typeof options.workspaceSettings === 'function' ? options.workspaceSettings(workspace) : options.workspaceSettings;
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  }
  return workspace;
}

/** Keeps the VS Code logs (extension host output included) beside the screenshots. */
function keepLogs(root: string, name: string): void {
  const logs = join(root, 'user-data/logs');
  if (!existsSync(logs)) return;
  const target = join(resultsDir, `${name}-logs`);
  rmSync(target, { recursive: true, force: true });
  for (const run of readdirSync(logs)) cpSync(join(logs, run), join(target, run), { recursive: true });
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const vsix = packagedVsix();
  const root = mkdtempSync(join(tmpdir(), 'bachbot-e2e-'));
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    keepLogs(root, options.name);
    if (!process.env.BACHBOT_E2E_KEEP) rmSync(root, { recursive: true, force: true });
  };
  try {
    const workspace = prepareWorkspace(root, options);
    // BACHBOT_E2E_MODEL_PATH: try models that are not packaged yet (a folder of model folders, as bachbot.modelPath).
    const modelPath = process.env.BACHBOT_E2E_MODEL_PATH;
    const userSettings = { ...(modelPath ? { 'bachbot.modelPath': resolve(modelPath) } : {}), ...options.userSettings };
    server = await startCodeServer({ root, workspace, vsix, trust: options.trust !== 'off', name: options.name, userSettings });
    browser = await launchBrowser();
    const answer = options.trust === 'off' ? 'none' : options.trust === 'trusted' ? 'trust' : 'restricted';
    const workbench = await Workbench.open(browser, server.url, answer);
    return { workbench, workspace, path: (relative) => join(workspace, relative), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a scenario step; on failure keeps a screenshot of what the user would have seen. */
export async function withFailureScreenshot<T>(session: Session | undefined, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await session?.workbench.screenshot(`${name}-FAILED`).catch(() => undefined);
    throw error;
  }
}
