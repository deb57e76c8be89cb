"""The whole model: token embedding, stacked LSTM, dropout, linear output."""
import torch
from torch import nn


class TokenLSTM(nn.Module):
    def __init__(self, vocab_size, embedding=64, hidden=256, layers=3, dropout=0.3):
        super().__init__()
        self.vocab_size, self.embedding, self.hidden, self.layers = vocab_size, embedding, hidden, layers
        self.embed = nn.Embedding(vocab_size, embedding)
        self.lstm = nn.LSTM(embedding, hidden, layers, batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, vocab_size)

    def zero_state(self, batch, device=None):
        shape = (self.layers, batch, self.hidden)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, tokens, state=None):
        """tokens int64 [B,T] -> logits [B,T,vocab], (h, c) each [layers,B,hidden]."""
        if state is None:
            state = self.zero_state(tokens.shape[0], tokens.device)
        out, state = self.lstm(self.drop(self.embed(tokens)), state)
        return self.head(self.drop(out)), state


class StepGraph(nn.Module):
    """One step for a batch, the shape of models/<name>/model.onnx: tokens [B], h, c -> logits [B,vocab], h, c."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, tokens, h, c):
        logits, (h_out, c_out) = self.model(tokens.unsqueeze(1), (h, c))
        return logits[:, 0, :], h_out, c_out


class PrefixGraph(nn.Module):
    """A whole prefix at once, for prompt encoding and evaluation: tokens [B,T], h, c -> logits [B,T,vocab], h, c."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, tokens, h, c):
        logits, (h_out, c_out) = self.model(tokens, (h, c))
        return logits, h_out, c_out


def build_model(config, vocab_size):
    return TokenLSTM(vocab_size, config['embedding'], config['hidden'], config['layers'], config['dropout'])
