// The page's side of the channel to the extension host, typed by the shared message unions.
import type { HostToPage, PageToHost, PreviewPageSettings, PreviewPageState } from '../src/preview-protocol/messages';
import { isHostToPage } from '../src/preview-protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: PageToHost): void {
  api.postMessage(message);
}

export function saveState(state: PreviewPageState): void {
  api.setState(state);
}

export function onHostMessage(handler: (message: HostToPage) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    if (isHostToPage(event.data)) handler(event.data);
  });
}

export function readSettings(): PreviewPageSettings {
  const raw = document.getElementById('bachbot-preview-settings')?.getAttribute('data-settings');
  const parsed = raw ? (JSON.parse(raw) as Partial<PreviewPageSettings>) : {};
  return { soundFontUrl: typeof parsed.soundFontUrl === 'string' ? parsed.soundFontUrl : '' };
}
