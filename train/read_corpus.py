"""Reads a corpus directory written by `bachbot corpus` and splits it for training.

    /usr/bin/python3 train/read_corpus.py /tmp/corpus-satb     # prints the split and its statistics

The tokenizers live in TypeScript only; this file only reads their output:
  vocab.json    {"type": "satb"|"abc", "vocab": [token strings in id order], "specials": {"start", "end"}}
  pieces.jsonl  one {"name": ..., "ids": [...]} per line, sorted by name
"""
import json
import os
import sys


def is_validation_piece(index):
    """The shared split (also src/model/split.ts): every tenth piece by sorted name."""
    return index % 10 == 9


class CorpusError(Exception):
    pass


def load_corpus(corpus_dir):
    """Returns {type, vocab, specials, train: [(name, ids)], valid: [(name, ids)], dir}."""
    vocab_path = os.path.join(corpus_dir, 'vocab.json')
    pieces_path = os.path.join(corpus_dir, 'pieces.jsonl')
    for path in (vocab_path, pieces_path):
        if not os.path.isfile(path):
            raise CorpusError(f'{path} is missing; write the corpus with `bachbot corpus DIR --out {corpus_dir}`')
    with open(vocab_path, encoding='utf-8') as f:
        meta = json.load(f)
    for key in ('type', 'vocab', 'specials'):
        if key not in meta:
            raise CorpusError(f'{vocab_path}: no "{key}" field')
    vocab = meta['vocab']
    start = vocab.index(meta['specials']['start'])
    pieces = []
    with open(pieces_path, encoding='utf-8') as f:
        for line_number, line in enumerate(f, 1):
            if not line.strip():
                continue
            piece = json.loads(line)
            ids = piece['ids']
            if not ids or ids[0] != start:
                raise CorpusError(f'{pieces_path}:{line_number}: piece {piece["name"]} does not begin with the start token')
            if max(ids) >= len(vocab) or min(ids) < 0:
                raise CorpusError(f'{pieces_path}:{line_number}: piece {piece["name"]} has an id outside the vocabulary')
            pieces.append((piece['name'], ids))
    if not pieces:
        raise CorpusError(f'{pieces_path}: no pieces')
    pieces.sort(key=lambda p: p[0])
    train = [p for i, p in enumerate(pieces) if not is_validation_piece(i)]
    valid = [p for i, p in enumerate(pieces) if is_validation_piece(i)]
    return {'type': meta['type'], 'vocab': vocab, 'specials': meta['specials'], 'train': train, 'valid': valid,
            'dir': os.path.abspath(corpus_dir)}


def describe(corpus):
    def tokens(pieces):
        return sum(len(ids) for _, ids in pieces)
    return (f"{corpus['type']} corpus {corpus['dir']}: vocabulary {len(corpus['vocab'])}, "
            f"train {len(corpus['train'])} pieces / {tokens(corpus['train'])} tokens, "
            f"valid {len(corpus['valid'])} pieces / {tokens(corpus['valid'])} tokens")


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: read_corpus.py CORPUS_DIR')
    try:
        print(describe(load_corpus(sys.argv[1])))
    except CorpusError as e:
        sys.exit(f'read_corpus.py: {e}')
