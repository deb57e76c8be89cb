"""Frames of the chorale corpus for the harmonizer: the soprano line with its context, and alto, tenor and bass.

Reads a directory written by `bachbot corpus` over .satb files:
  vocab.json, pieces.jsonl   the token ids of each chorale (read_corpus.py)
  harmony.jsonl              per chorale: barLength and pickup (sixteenths), minor (bool) and one chord label id per
                             frame, from the analysis of each beat's sonority in src/satb/harmony-analysis.ts
The split is read_corpus.py's (every tenth piece by name).
"""
import json
import os
import random
import re

import torch

from read_corpus import CorpusError, is_validation_piece, load_corpus

VOICE = re.compile(r'^\((\d+),(True|False)\)$')
CHORD_QUALITIES = 9          # src/music/chord-label.ts: CHORD_QUALITIES
CHORD_LABELS = 1 + 12 * CHORD_QUALITIES
POSITIONS = 48               # index of a frame in its bar, capped
BAR_CLASSES = {8: 1, 12: 2, 16: 3, 24: 4}  # 0: any other bar length


def bar_class(bar_length):
    return BAR_CLASSES.get(bar_length, 0)


class Vocabulary:
    """The chorale token vocabulary, with what the harmonizer needs of each token: pitch and held flag."""

    def __init__(self, tokens, specials):
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.start = self.ids[specials['start']]
        self.end = self.ids[specials['end']]
        self.fermata = self.ids['(.)']
        self.frame_end = self.ids['|||']
        self.rest = self.ids.get('(r)')
        self.voice = {}
        for i, t in enumerate(tokens):
            m = VOICE.match(t)
            if m:
                self.voice[i] = (int(m.group(1)), m.group(2) == 'True')
        self.by_pitch = {v: i for i, v in self.voice.items()}
        # For training on the model's own previous frames: each id's pitch (-1: a rest or not a voice token), and
        # the id that strikes the same pitch (itself when it is not a held note).
        self.pitch_of = torch.full((len(tokens),), -1, dtype=torch.long)
        self.struck_of = torch.arange(len(tokens))
        for i, (pitch, held) in self.voice.items():
            self.pitch_of[i] = pitch
            if held and (pitch, False) in self.by_pitch:
                self.struck_of[i] = self.by_pitch[(pitch, False)]

    def is_voice(self, i):
        return i in self.voice or i == self.rest

    def transposed(self, i, semitones):
        """The id of voice token i moved by semitones, or None when that token is not in the vocabulary."""
        if i == self.rest or semitones == 0:
            return i
        pitch, held = self.voice[i]
        return self.by_pitch.get((pitch + semitones, held))


def frames_of(ids, vocab, name):
    """[(fermata, s, a, t, b)] from START ... END token ids."""
    frames, at, n = [], 1, len(ids)
    while at < n:
        tok = ids[at]
        if tok != vocab.fermata and not vocab.is_voice(tok):
            break  # END
        fermata = tok == vocab.fermata
        if fermata:
            at += 1
        voices = ids[at: at + 4]
        if len(voices) != 4 or not all(vocab.is_voice(v) for v in voices) or at + 4 >= n or ids[at + 4] != vocab.frame_end:
            raise CorpusError(f'{name}: frame {len(frames) + 1} is not [(.)] S A T B |||')
        frames.append((fermata, *voices))
        at += 5
    return frames


class Piece:
    def __init__(self, name, frames, harmony):
        self.name = name
        self.frames = frames
        if len(harmony['chords']) != len(frames):
            raise CorpusError(f'{name}: {len(harmony["chords"])} chord labels for {len(frames)} frames')
        self.chords = harmony['chords']
        self.minor = bool(harmony['minor'])
        bar, pickup = harmony['barLength'], harmony['pickup']
        self.positions = [min(POSITIONS - 1, (f - pickup) % bar) for f in range(len(frames))]
        self.bar_class = bar_class(bar)

    def tensors(self, vocab, semitones=0, label_keep=1.0, rng=None):
        """Model inputs and targets, moved by semitones (None if a voice would leave the vocabulary); chord labels
        kept with probability label_keep, per beat-long run of equal labels."""
        sop, fer, a, t, b = [], [], [], [], []
        for fermata, s, *lower in self.frames:
            moved = [vocab.transposed(v, semitones) for v in (s, *lower)]
            if any(m is None for m in moved):
                return None
            sop.append(moved[0])
            fer.append(1 if fermata else 0)
            a.append(moved[1])
            t.append(moved[2])
            b.append(moved[3])
        chords, keep, previous = [], True, None
        for c in self.chords:
            if c != previous and rng is not None:
                keep = rng.random() < label_keep
            previous = c
            if c and keep:
                root, quality = (c - 1) // CHORD_QUALITIES, (c - 1) % CHORD_QUALITIES
                chords.append(1 + ((root + semitones) % 12) * CHORD_QUALITIES + quality)
            else:
                chords.append(0)
        n = len(self.frames)
        return {
            'soprano': sop, 'fermata': fer, 'position': self.positions, 'bar': [self.bar_class] * n,
            'chord': chords, 'minor': [1 if self.minor else 0] * n, 'alto': a, 'tenor': t, 'bass': b,
        }


FIELDS = ('soprano', 'fermata', 'position', 'bar', 'chord', 'minor', 'alto', 'tenor', 'bass')


def load_harmony_corpus(corpus_dir):
    corpus = load_corpus(corpus_dir)
    if corpus['type'] != 'satb':
        raise CorpusError(f'{corpus_dir}: the harmonizer trains on a chorale (satb) corpus, not {corpus["type"]}')
    path = os.path.join(corpus_dir, 'harmony.jsonl')
    if not os.path.isfile(path):
        raise CorpusError(f'{path} is missing; write the corpus again with `bachbot corpus DIR --out {corpus_dir}`')
    with open(path, encoding='utf-8') as f:
        harmony = {h['name']: h for h in (json.loads(line) for line in f if line.strip())}
    vocab = Vocabulary(corpus['vocab'], corpus['specials'])

    def pieces(split):
        out = []
        for name, ids in split:
            if name not in harmony:
                raise CorpusError(f'{path}: no entry for {name}')
            out.append(Piece(name, frames_of(ids, vocab, name), harmony[name]))
        return out

    return {'vocab': vocab, 'train': pieces(corpus['train']), 'valid': pieces(corpus['valid']), 'dir': corpus['dir'],
            'tokens': corpus['vocab'], 'specials': corpus['specials']}


def batch_of(samples, pad_target=-100):
    """Pads a list of tensors() dicts into [B, T] tensors; targets padded with pad_target, inputs with 0."""
    width = max(len(s['soprano']) for s in samples)
    out = {}
    for key in FIELDS:
        pad = pad_target if key in ('alto', 'tenor', 'bass') else 0
        rows = [s[key] + [pad] * (width - len(s[key])) for s in samples]
        out[key] = torch.tensor(rows, dtype=torch.long)
    out['length'] = torch.tensor([len(s['soprano']) for s in samples], dtype=torch.long)
    return out


def training_batches(pieces, vocab, batch, rng, max_shift, label_keep, all_labels_dropped):
    """One epoch: every piece once, moved by a random shift in [-max_shift, max_shift] (unmoved when the shift leaves
    the vocabulary), its chord labels all withheld with probability all_labels_dropped, else kept per beat with
    probability label_keep; batches of similar length."""
    samples = []
    for piece in pieces:
        shift = rng.randint(-max_shift, max_shift) if max_shift else 0
        keep = 0.0 if rng.random() < all_labels_dropped else label_keep
        s = piece.tensors(vocab, shift, keep, rng) or piece.tensors(vocab, 0, keep, rng)
        samples.append(s)
    samples.sort(key=lambda s: len(s['soprano']) + rng.random() * 40)
    groups = [samples[i: i + batch] for i in range(0, len(samples), batch)]
    rng.shuffle(groups)
    return [batch_of(g) for g in groups]
