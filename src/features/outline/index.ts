/** Outline, breadcrumbs and Go to Symbol list the tunes of an ABC file (with parts and voices); each tune folds. */
import * as vscode from 'vscode';
import type { AnalysisClient } from '../../analysis/client';
import type { OutlineEntry } from '../../abc/outline';
import { offsetRange } from '../editor';

/** The outline of a document's latest version, read once in the analysis worker for symbols and folding alike. */
class Outlines {
  private last: { uri: string; version: number; outline: Promise<OutlineEntry[]> } | undefined;

  constructor(private readonly analysis: AnalysisClient) {}

  of(document: vscode.TextDocument): Promise<OutlineEntry[]> {
    const uri = document.uri.toString();
    if (this.last?.uri === uri && this.last.version === document.version) return this.last.outline;
    const outline = this.analysis.call('outline', { text: document.getText() }, `outline ${uri}`);
    const entry = { uri, version: document.version, outline };
    this.last = entry;
    // A failed or superseded read is not kept: the next request reads again.
    outline.catch(() => this.last === entry && (this.last = undefined));
    return outline;
  }
}

const SYMBOL_KIND: Record<OutlineEntry['kind'], vscode.SymbolKind> = {
  tune: vscode.SymbolKind.Module,
  part: vscode.SymbolKind.Namespace,
  voice: vscode.SymbolKind.Field,
};

function toSymbol(document: vscode.TextDocument, entry: OutlineEntry): vscode.DocumentSymbol {
  const range = offsetRange(document, entry.start, Math.max(entry.end, entry.nameEnd));
  const selection = offsetRange(document, entry.nameStart, entry.nameEnd);
  const symbol = new vscode.DocumentSymbol(entry.name, entry.detail, SYMBOL_KIND[entry.kind], range, range.contains(selection) ? selection : range);
  symbol.children = entry.children.map((c) => toSymbol(document, c));
  return symbol;
}

class TuneSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly outlines: Outlines) {}

  async provideDocumentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const outline = await this.outlines.of(document).catch(() => []);
    return outline.map((t) => toSymbol(document, t));
  }
}

class TuneFolding implements vscode.FoldingRangeProvider {
  constructor(private readonly outlines: Outlines) {}

  async provideFoldingRanges(document: vscode.TextDocument): Promise<vscode.FoldingRange[]> {
    const outline = await this.outlines.of(document).catch(() => []);
    const ranges: vscode.FoldingRange[] = [];
    const add = (entry: OutlineEntry) => {
      const first = document.positionAt(entry.start).line;
      const last = document.positionAt(entry.end).line;
      if (last > first) ranges.push(new vscode.FoldingRange(first, last, vscode.FoldingRangeKind.Region));
    };
    for (const tune of outline) {
      add(tune);
      for (const child of tune.children) if (child.kind === 'part') add(child);
    }
    return ranges;
  }
}

export function registerOutlineSupport(analysis: AnalysisClient): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: 'abc' };
  const outlines = new Outlines(analysis);
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, new TuneSymbols(outlines), { label: 'Tunes' }),
    vscode.languages.registerFoldingRangeProvider(selector, new TuneFolding(outlines)),
  );
}
