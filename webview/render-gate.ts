// Drops renders that arrive out of order: a page showing version 7 of a document ignores version 6.
// Shared by the page and the tests; no `vscode` or DOM imports.

export class RenderGate {
  private current: { uri: string; version: number } | undefined;

  /** True when a render of `uri` at `version` should be drawn (and becomes the current one). */
  accept(uri: string, version: number): boolean {
    if (this.current && this.current.uri === uri && version < this.current.version) return false;
    this.current = { uri, version };
    return true;
  }

  get shown(): { uri: string; version: number } | undefined {
    return this.current;
  }
}
