/** Outline, breadcrumbs and Go to Symbol list the tunes of an ABC file (with parts and voices); each tune folds. */
import * as vscode from 'vscode';
import { abcOutline, type OutlineEntry } from '../../abc/outline';
import { offsetRange } from '../editor';

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
  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return abcOutline(document.getText()).map((t) => toSymbol(document, t));
  }
}

class TuneFolding implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const ranges: vscode.FoldingRange[] = [];
    const add = (entry: OutlineEntry) => {
      const first = document.positionAt(entry.start).line;
      const last = document.positionAt(entry.end).line;
      if (last > first) ranges.push(new vscode.FoldingRange(first, last, vscode.FoldingRangeKind.Region));
    };
    for (const tune of abcOutline(document.getText())) {
      add(tune);
      for (const child of tune.children) if (child.kind === 'part') add(child);
    }
    return ranges;
  }
}

export function registerOutlineSupport(): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: 'abc' };
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, new TuneSymbols(), { label: 'Tunes' }),
    vscode.languages.registerFoldingRangeProvider(selector, new TuneFolding()),
  );
}
