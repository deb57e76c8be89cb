import type { ModelServiceState } from './models/model-service';

/** Text and tooltip of the item (no vscode import: tested in plain Node). */
export function statusText(state: ModelServiceState): { text: string; tooltip: string } {
  const busy = state.busy > 0 || state.loading.length > 0;
  const icon = busy ? '$(sync~spin)' : state.failed.length ? '$(error)' : '$(music)';
  const names = state.loaded.map((m) => `${m.name} · ${m.provider}`);
  const text = `${icon} BachBot${names.length ? `: ${names.join(', ')}` : ''}`;
  const lines = [
    ...state.loaded.map((m) => `${m.language} model ${m.name} on ${m.provider}${explains(m.providerNote) ? ` (${m.providerNote})` : ''}`),
    ...state.loading.map((l) => `loading the ${l} model…`),
    ...state.failed.map((f) => `${f.language} model failed: ${f.message}`),
  ];
  if (lines.length === 0) lines.push('No model loaded yet: the first completion or harmonization loads it.');
  if (state.busy > 0) lines.push('working…');
  return { text, tooltip: lines.join('\n') };
}

/** A note worth showing: a fallback or auto's choice, not the plain echo of what was asked for. */
function explains(note: string | undefined): note is string {
  return !!note && !/^\w+ \(requested\)$/.test(note);
}
