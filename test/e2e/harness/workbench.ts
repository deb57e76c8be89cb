// Drives the VS Code workbench in a browser page the way a user does: keyboard, command palette, clicks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { chromiumPath, resultsDir } from './paths';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

export interface CursorPosition {
  line: number;
  column: number;
}

export class Workbench {
  private constructor(readonly page: Page) {}

  /** Opens the workbench at `url` and waits until it is usable; answers the trust prompt when one shows. */
  static async open(browser: Browser, url: string, trust: 'trust' | 'restricted' | 'none'): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const workbench = new Workbench(page);
    if (trust !== 'none') await workbench.answerTrustPrompt(trust === 'trust');
    await page.locator('#workbench\\.parts\\.statusbar').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    return workbench;
  }

  private async answerTrustPrompt(trust: boolean): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    const label = trust ? /Yes, I trust/ : /No, I don.t trust/;
    await dialog.getByRole('button', { name: label }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The workbench's own key handling (Ctrl+P, F1, Ctrl+Z) sees these as a user's keys. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Opens a file by Quick Open in the first editor group (a preview may have the second). */
  async openFile(relativePath: string): Promise<void> {
    await this.keysToWorkbench();
    await this.press('Control+1');
    await this.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relativePath);
    const name = relativePath.split('/').pop()!;
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: name }) }).first();
    await row.waitFor();
    await row.click();
    await this.page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
    await this.editor().waitFor();
    await this.editor().click({ position: { x: 200, y: 10 } });
  }

  /**
   * A webview (the preview) that was clicked keeps the keyboard in its own frame, and the workbench's shortcuts
   * (Ctrl+P, F1) pressed there do not always reach it: take focus out of any frame first.
   */
  private async keysToWorkbench(): Promise<void> {
    await this.page.evaluate(() => {
      const active = document.activeElement;
      if (active instanceof HTMLIFrameElement) active.blur();
    });
  }

  /** The text area of the active code editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
  }

  async runCommand(title: string): Promise<void> {
    await this.keysToWorkbench();
    await this.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: title }) }).first();
    await row.waitFor();
    await row.click();
    // Closed, or taken over by what the command opened (a quick pick, a save dialog).
    await this.page.waitForFunction(() => {
      const box = document.querySelector<HTMLInputElement>('.quick-input-widget input');
      return !box || box.offsetParent === null || !/Type the name of a command/.test(box.getAttribute('aria-label') ?? '');
    });
  }

  /** Gives the keyboard back to the editor of a file (after a webview, panel or other editor had it). */
  async focusEditor(fileName: string): Promise<void> {
    await this.page.locator(`.tab[data-resource-name="${fileName}"]`).first().click();
    await this.page.locator(`.tab.active[data-resource-name="${fileName}"]`).first().waitFor();
  }

  async waitForCursorLine(line: number, timeoutMs = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (want) => /Ln (\d+)/.exec(document.querySelector('#status\\.editor\\.selection')?.textContent ?? '')?.[1] === String(want),
      line, { timeout: timeoutMs },
    );
  }

  async goTo(line: number, column: number): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // The quick input can close again as it opens, while the workbench moves focus (it is then inert, then hidden):
    // open it again rather than wait on one that is gone.
    for (let attempt = 1; ; attempt++) {
      await this.press('Control+G');
      try {
        await input.waitFor({ timeout: 5_000 });
        await input.fill(`:${line}:${column}`, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.press('Escape');
      }
    }
    await this.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** 1-based line and column as the status bar shows them ("Ln 3, Col 7"). */
  async cursor(): Promise<CursorPosition> {
    const text = await this.page.locator('#status\\.editor\\.selection').innerText();
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    if (!match) throw new Error(`status bar shows no cursor position: '${text}'`);
    return { line: Number(match[1]), column: Number(match[2]) };
  }

  async save(): Promise<void> {
    await this.press('Control+S');
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  }

  ghostText(): Locator {
    return this.page.locator('.editor-group-container.active .ghost-text-decoration, .editor-group-container.active .ghost-text-decoration-preview');
  }

  /** Texts of the notification toasts now showing. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** Texts of the error notifications now showing. */
  async errorNotifications(): Promise<string[]> {
    const items = this.page.locator('.notifications-toasts .notification-list-item').filter({ has: this.page.locator('.codicon-error') });
    return items.locator('.notification-list-item-message').allInnerTexts();
  }

  /**
   * Waits until the extension is active (its status bar item is shown): keys typed before its inline completion
   * provider is registered get no suggestion, and VS Code does not ask again when the provider arrives.
   */
  async waitForBachbot(timeoutMs = 30_000): Promise<void> {
    await this.explained('BachBot did not activate', this.bachbotItem().waitFor({ timeout: timeoutMs }));
  }

  private bachbotItem(): Locator {
    return this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').filter({ hasText: 'BachBot' }).first();
  }

  /** The extension's status bar item as the user reads it (text and accessible label). */
  async bachbotStatus(): Promise<string> {
    const item = this.bachbotItem();
    if (!(await item.count())) return '(no BachBot item in the status bar)';
    const label = (await item.locator('a, .statusbar-item-label').first().getAttribute('aria-label').catch(() => null)) ?? '';
    return `${(await item.innerText()).trim()}${label ? ` [${label}]` : ''}`;
  }

  /** Awaits `work`; when it fails, says what the user could see: notifications and the BachBot status. */
  async explained<T>(what: string, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      const notes = await this.notifications().catch(() => []);
      const status = await this.bachbotStatus().catch(() => '?');
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(`${what}: ${reason}\n  notifications: ${notes.length ? notes.join(' | ') : '(none)'}\n  status bar: ${status}`);
    }
  }

  /** The status bar's problems item, e.g. { errors: 1, warnings: 2 }. */
  async problemCounts(): Promise<{ errors: number; warnings: number }> {
    const label = (await this.page.locator('#status\\.problems').getAttribute('aria-label')) ?? '';
    const errors = /Errors?: (\d+)/i.exec(label);
    const warnings = /Warnings?: (\d+)/i.exec(label);
    return { errors: errors ? Number(errors[1]) : 0, warnings: warnings ? Number(warnings[1]) : 0 };
  }

  /** The webview frame that shows `selector` (code-server nests a webview's page in an iframe inside an iframe). */
  async webviewFrame(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        if (await frame.$(selector).catch(() => null)) return frame;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no webview shows '${selector}' within ${timeoutMs} ms`);
  }

  /** Ghost text as the user reads it (the editor draws spaces as no-break spaces). */
  async ghostTextContent(): Promise<string> {
    const text = await this.page.evaluate(() => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor[data-uri]');
      if (!editor) return '';
      // The rest of the cursor's line is drawn as inline spans (one per colour); further lines as a view zone.
      const inline = [...editor.querySelectorAll('.view-lines .ghost-text-decoration')].map((e) => e.textContent ?? '').join('');
      const block = [...editor.querySelectorAll('.ghost-text .view-line')].map((e) => e.textContent ?? '');
      return block.length ? `${inline}\n${block.join('\n')}` : inline;
    });
    return text.replace(/\u00a0/g, ' ');
  }

  /** The ghost text once it shows something other than `was` (non-empty), or what it shows after `timeoutMs`. */
  async ghostTextOtherThan(was: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = await this.ghostTextContent();
    while ((text === '' || text === was) && Date.now() < deadline) {
      await this.page.waitForTimeout(100);
      text = await this.ghostTextContent();
    }
    return text;
  }

  /**
   * Types `text` and returns the milliseconds from the last key press until ghost text is drawn, measured in
   * the page. Any suggestion showing before the last key is dismissed, so the figure covers a fresh request.
   */
  async typeAndTimeGhostText(text: string, timeoutMs = 30_000): Promise<number> {
    await this.page.keyboard.type(text.slice(0, -1), { delay: 40 });
    await this.press('Escape');
    await this.ghostText().first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await this.page.evaluate(() => {
      const w = window as unknown as { __e2eGhost?: { key: number; shown: number } };
      const state = { key: 0, shown: 0 };
      w.__e2eGhost = state;
      const selector = '.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text';
      document.addEventListener('keydown', () => { state.key = performance.now(); state.shown = 0; }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (state.key && !state.shown && document.querySelector(selector)) {
          state.shown = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await this.page.keyboard.type(text.slice(-1));
    await this.ghostText().first().waitFor({ timeout: timeoutMs });
    return this.page.evaluate(() => {
      const state = (window as unknown as { __e2eGhost: { key: number; shown: number } }).__e2eGhost;
      return Math.round(state.shown - state.key);
    });
  }

  /** Rows of the Problems panel (opened if needed), as their accessible labels. */
  async problems(): Promise<string[]> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor();
    await rows.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? '')));
  }

  /** Squiggles drawn in the active editor. */
  squiggles(kind: 'error' | 'warning'): Locator {
    return this.page.locator(`.editor-group-container.active .squiggly-${kind}`);
  }
}
