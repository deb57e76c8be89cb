"""The harmonizer: a bidirectional LSTM reads the whole melody (soprano token, fermata, position in the bar, bar
length, chord label, mode) and a decoder LSTM writes alto, tenor and bass frame by frame, each voice conditioned on
the voices above it in the same frame: p(A | h), p(T | h, A), p(B | h, A, T), h the decoder state after reading the
melody encoding of this frame and the previous frame's A, T and B."""
import torch
from torch import nn

from harmony_data import CHORD_LABELS, POSITIONS


class Harmonizer(nn.Module):
    def __init__(self, vocab_size, start_id, encoder_hidden=128, encoder_layers=2, decoder_hidden=256, decoder_layers=2,
                 embedding=48, dropout=0.3, mask_id=None, previous_dropout=0.0):
        super().__init__()
        self.vocab_size, self.start_id = vocab_size, start_id
        # Training replaces some of the previous frame's voices by mask_id, so that the decoder leans on the melody
        # and not only on copying what it wrote before (what it wrote itself may differ from Bach's).
        self.mask_id, self.previous_dropout = mask_id, previous_dropout
        self.decoder_hidden, self.decoder_layers = decoder_hidden, decoder_layers
        self.soprano = nn.Embedding(vocab_size, embedding)
        self.fermata = nn.Embedding(2, 8)
        self.position = nn.Embedding(POSITIONS, 16)
        self.bar = nn.Embedding(5, 4)
        self.chord = nn.Embedding(CHORD_LABELS, 32)
        self.minor = nn.Embedding(2, 4)
        melody_width = embedding + 8 + 16 + 4 + 32 + 4
        self.encoder = nn.LSTM(melody_width, encoder_hidden, encoder_layers, batch_first=True, bidirectional=True,
                               dropout=dropout if encoder_layers > 1 else 0.0)
        self.encoding_width = 2 * encoder_hidden
        self.previous = nn.Embedding(vocab_size, embedding)   # the previous frame's A, T and B
        self.decoder = nn.LSTM(self.encoding_width + 3 * embedding, decoder_hidden, decoder_layers, batch_first=True,
                               dropout=dropout if decoder_layers > 1 else 0.0)
        self.above = nn.Embedding(vocab_size, embedding)      # this frame's voices above the one being chosen
        self.drop = nn.Dropout(dropout)
        # The output layers read the decoder's state and the frame's melody encoding side by side.
        self.output_width = decoder_hidden + self.encoding_width
        self.head_alto = nn.Linear(self.output_width, vocab_size)
        self.head_tenor = nn.Sequential(nn.Linear(self.output_width + embedding, decoder_hidden), nn.Tanh(),
                                        nn.Linear(decoder_hidden, vocab_size))
        self.head_bass = nn.Sequential(nn.Linear(self.output_width + 2 * embedding, decoder_hidden), nn.Tanh(),
                                       nn.Linear(decoder_hidden, vocab_size))

    def encode(self, soprano, fermata, position, bar, chord, minor):
        """[B, T] ids each -> [B, T, encoding_width]."""
        x = torch.cat([self.soprano(soprano), self.fermata(fermata), self.position(position), self.bar(bar),
                       self.chord(chord), self.minor(minor)], dim=-1)
        out, _ = self.encoder(self.drop(x))
        return out

    def decoder_input(self, encoding, prev_a, prev_t, prev_b):
        return torch.cat([encoding, self.previous(prev_a), self.previous(prev_t), self.previous(prev_b)], dim=-1)

    def tenor_logits(self, hidden, alto):
        return self.head_tenor(torch.cat([hidden, self.above(alto)], dim=-1))

    def bass_logits(self, hidden, alto, tenor):
        return self.head_bass(torch.cat([hidden, self.above(alto), self.above(tenor)], dim=-1))

    def forward(self, batch, previous=None):
        """Teacher-forced logits for alto, tenor, bass: each [B, T, vocab]. `previous` replaces the previous frame's
        voices the decoder reads (three [B, T] rows); by default they are the true voices shifted by one frame."""
        encoding = self.encode(batch['soprano'], batch['fermata'], batch['position'], batch['bar'], batch['chord'],
                               batch['minor'])
        a, t, b = (batch[k].clamp(min=0) for k in ('alto', 'tenor', 'bass'))
        prev = previous if previous is not None else previous_voices(a, t, b, self.start_id)
        if self.training and self.previous_dropout > 0:
            prev = [torch.where(torch.rand(p.shape, device=p.device) < self.previous_dropout,
                                torch.full_like(p, self.mask_id), p) for p in prev]
        out, _ = self.decoder(self.drop(self.decoder_input(encoding, *prev)))
        hidden = self.drop(torch.cat([out, encoding], dim=-1))
        return self.head_alto(hidden), self.tenor_logits(hidden, a), self.bass_logits(hidden, a, t)


def previous_voices(a, t, b, start_id):
    """Each voice shifted one frame later, START before the first frame."""
    start = torch.full_like(a[:, :1], start_id)
    return [torch.cat([start, v[:, :-1]], dim=1) for v in (a, t, b)]


class EncoderGraph(nn.Module):
    """encoder.onnx: the six melody id rows [1, T] -> encoding [1, T, W]."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, soprano, fermata, position, bar, chord, minor):
        return self.model.encode(soprano, fermata, position, bar, chord, minor)


class DecoderStepGraph(nn.Module):
    """decoder.onnx: one frame for a batch of beams: encoding [B, W], previous A T B [B], h c [L, B, H] ->
    alto logits [B, V], hidden [B, H + W] (the decoder's output beside the encoding), h, c."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, encoding, prev_a, prev_t, prev_b, h, c):
        x = self.model.decoder_input(encoding, prev_a, prev_t, prev_b).unsqueeze(1)
        out, (h_out, c_out) = self.model.decoder(x, (h, c))
        hidden = torch.cat([out[:, 0, :], encoding], dim=-1)
        return self.model.head_alto(hidden), hidden, h_out, c_out


class TenorGraph(nn.Module):
    """tenor.onnx: hidden [B, H + W], alto [B] -> tenor logits [B, V]."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, hidden, alto):
        return self.model.tenor_logits(hidden, alto)


class BassGraph(nn.Module):
    """bass.onnx: hidden [B, H + W], alto [B], tenor [B] -> bass logits [B, V]."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, hidden, alto, tenor):
        return self.model.bass_logits(hidden, alto, tenor)


def build_harmonizer(config, vocab_size, start_id, mask_id):
    return Harmonizer(vocab_size, start_id, config['encoder_hidden'], config['encoder_layers'], config['decoder_hidden'],
                      config['decoder_layers'], config['embedding'], config['dropout'], mask_id,
                      config.get('previous_dropout', 0.0))
