#!/usr/bin/env python3
"""Golden values for the sentence-label head's last-state path, computed by PyTorch.

A 2-layer bidirectional RNN (D = 3, H = 4) runs over a padded batch of three sequences of
lengths 5, 2 and 3 (packed, so padding never enters a state). The sentence vector is
cat(h_n[-2], h_n[-1]): the top layer's forward state at the last real step and its backward
state at the first step. A linear layer [K = 3, 2H] gives the logits; the loss is the summed
cross-entropy against fixed targets. Everything runs in float64.

Output: Tests/TaggerTests/Fixtures/sentence-label-golden.json, with one case per cell (lstm, gru),
laid out like recurrent-golden.json (batch-first input, PyTorch parameter names under `weights`
and `grad_weights`) plus `classifier`, `grad_classifier`, `pooled`, `logits`, `targets`, `loss`.

Regenerate with:
    python3 Scripts/golden/sentence_label_golden.py > Tests/TaggerTests/Fixtures/sentence-label-golden.json
"""
import json

import torch
from torch.nn.utils.rnn import pack_padded_sequence

torch.manual_seed(7)
torch.set_default_dtype(torch.float64)

INPUT_SIZE, HIDDEN_SIZE, LAYERS, LABELS = 3, 4, 2, 3
LENGTHS = [5, 2, 3]
TARGETS = [2, 0, 1]


def case(cell):
    module = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](
        INPUT_SIZE, HIDDEN_SIZE, num_layers=LAYERS, bidirectional=True, batch_first=True)
    classifier = torch.nn.Linear(2 * HIDDEN_SIZE, LABELS)
    batch = len(LENGTHS)
    steps = max(LENGTHS)
    x = torch.randn(batch, steps, INPUT_SIZE)
    for b, length in enumerate(LENGTHS):
        x[b, length:] = 1000.0  # padding must never matter
    x.requires_grad_(True)
    packed = pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=True, enforce_sorted=False)
    _, state = module(packed)
    h_n = state[0] if cell == "lstm" else state
    pooled = torch.cat([h_n[-2], h_n[-1]], dim=1)
    logits = classifier(pooled)
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor(TARGETS), reduction="sum")
    loss.backward()
    grad_input = x.grad.clone()
    for b, length in enumerate(LENGTHS):
        grad_input[b, length:] = 0.0
    return {
        "cell": cell,
        "input_size": INPUT_SIZE,
        "hidden_size": HIDDEN_SIZE,
        "num_layers": LAYERS,
        "lengths": LENGTHS,
        "targets": TARGETS,
        "input": x.detach().tolist(),
        "weights": {name: p.detach().tolist() for name, p in module.named_parameters()},
        "classifier": {"weight": classifier.weight.detach().tolist(),
                       "bias": classifier.bias.detach().tolist()},
        "pooled": pooled.detach().tolist(),
        "logits": logits.detach().tolist(),
        "loss": loss.item(),
        "grad_weights": {name: p.grad.tolist() for name, p in module.named_parameters()},
        "grad_classifier": {"weight": classifier.weight.grad.tolist(),
                            "bias": classifier.bias.grad.tolist()},
        "grad_input": grad_input.tolist(),
    }


print(json.dumps({
    "generator": "Scripts/golden/sentence_label_golden.py",
    "torch": torch.__version__,
    "cases": [case("lstm"), case("gru")],
}, separators=(",", ":")))
