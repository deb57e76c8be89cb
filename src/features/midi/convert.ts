/** MIDI in and out for both languages, as plain functions over text and bytes (no vscode import). */
import { notationOf, type NotationLanguage } from '../../notation';
import { midiToChorale } from '../../satb';

/** The document as MIDI bytes; in ABC, the tune at `offset`. Errors in the notation stop the export with their position. */
export function documentToMidi(language: NotationLanguage, text: string, offset: number): Uint8Array {
  return notationOf(language).toMidi(text, offset);
}

/** A MIDI file as the text of a new document: a chorale (`.satb`) or an ABC tune of four voices. */
export function midiToDocument(bytes: Uint8Array, language: NotationLanguage): string {
  return notationOf(language).fromChorale(midiToChorale(bytes));
}

/** `song.abc` → `song.mid`; untitled documents get `untitled.mid`. */
export function midiFileName(documentPath: string | undefined): string {
  const base = documentPath?.split(/[\\/]/).pop() ?? '';
  return base ? `${base.replace(/\.[^.]*$/, '')}.mid` : 'untitled.mid';
}
