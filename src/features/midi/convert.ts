/** MIDI in and out for both languages, as plain functions over text and bytes (no vscode import). */
import { parseSatb } from '../../satb';
import { choraleToAbc, choraleToMidi, midiToChorale, writeSatb } from '../../satb';
import type { NotationLanguage } from '../languages';
import { abcToMidi } from '../../abc/midi';

export class MidiExportError extends Error {}

/** The document as MIDI bytes; in ABC, the tune at `offset`. Errors in the notation stop the export with their position. */
export function documentToMidi(language: NotationLanguage, text: string, offset: number): Uint8Array {
  if (language === 'abc') return abcToMidi(text, offset);
  const { chorale, diagnostics } = parseSatb(text);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) throw new MidiExportError(`line ${error.range.start.line + 1}, column ${error.range.start.column + 1}: ${error.message}`);
  if (chorale.frames.length === 0) throw new MidiExportError('the chorale has no frames');
  return choraleToMidi(chorale);
}

/** A MIDI file as the text of a new document: a chorale (`.satb`) or an ABC tune of four voices. */
export function midiToDocument(bytes: Uint8Array, language: NotationLanguage): string {
  const chorale = midiToChorale(bytes);
  return language === 'satb' ? writeSatb(chorale) : choraleToAbc(chorale);
}

/** `song.abc` → `song.mid`; untitled documents get `untitled.mid`. */
export function midiFileName(documentPath: string | undefined): string {
  const base = documentPath?.split(/[\\/]/).pop() ?? '';
  return base ? `${base.replace(/\.[^.]*$/, '')}.mid` : 'untitled.mid';
}
