"""PyTorch reference values for the CRF layer (Sources/Tagger/Layers/CRF*.swift).

Regenerate (from the repository root):

    python3 Scripts/golden/crf_golden.py > Tests/TaggerTests/Fixtures/crf-golden.json

A hand-written linear-chain CRF in float64 (the forward algorithm with torch.logsumexp, as in
the PyTorch "Advanced: Making Dynamic Decisions and the Bi-LSTM CRF" tutorial and torchcrf):
score(y) = start[y0] + sum_t e[t, y_t] + sum_t transitions[y_{t-1}, y_t] + end[y_{T-1}].
For each case it records the batch (batch-first emissions [B, T, C], lengths, gold tags), the
parameters, log Z per sentence, the summed negative log-likelihood, its gradients (autograd),
the marginals (d log Z / d emissions) and the Viterbi paths. Only the product's tests read the
JSON; the product never depends on Python.
"""
import json

import torch

torch.manual_seed(12)


def log_partition(emissions, length, transitions, start, end):
    alpha = start + emissions[0]
    for t in range(1, length):
        alpha = torch.logsumexp(alpha.unsqueeze(1) + transitions, dim=0) + emissions[t]
    return torch.logsumexp(alpha + end, dim=0)


def path_score(emissions, tags, transitions, start, end):
    score = start[tags[0]] + end[tags[-1]]
    for t, tag in enumerate(tags):
        score = score + emissions[t, tag]
        if t > 0:
            score = score + transitions[tags[t - 1], tag]
    return score


def viterbi(emissions, length, transitions, start, end):
    delta = start + emissions[0]
    pointers = []
    for t in range(1, length):
        scores = delta.unsqueeze(1) + transitions
        delta, best = scores.max(dim=0)
        delta = delta + emissions[t]
        pointers.append(best)
    last = int((delta + end).argmax())
    path = [last]
    for best in reversed(pointers):
        path.append(int(best[path[-1]]))
    return list(reversed(path))


def make_case(tag_count, lengths):
    batch, steps = len(lengths), max(lengths)
    emissions = (torch.rand(batch, steps, tag_count, dtype=torch.float64) * 6 - 3).requires_grad_()
    transitions = (torch.rand(tag_count, tag_count, dtype=torch.float64) * 4 - 2).requires_grad_()
    start = (torch.rand(tag_count, dtype=torch.float64) * 4 - 2).requires_grad_()
    end = (torch.rand(tag_count, dtype=torch.float64) * 4 - 2).requires_grad_()
    tags = torch.randint(0, tag_count, (batch, steps))
    log_z = [log_partition(emissions[b], n, transitions, start, end) for b, n in enumerate(lengths)]
    gold = [path_score(emissions[b], tags[b, :n].tolist(), transitions, start, end)
            for b, n in enumerate(lengths)]
    nll = sum(z - g for z, g in zip(log_z, gold))
    nll.backward()
    marginal_input = emissions.detach().clone().requires_grad_()
    total = sum(log_partition(marginal_input[b], n, transitions.detach(), start.detach(),
                              end.detach()) for b, n in enumerate(lengths))
    total.backward()
    return {
        "tag_count": tag_count,
        "lengths": lengths,
        "emissions": emissions.detach().tolist(),
        "tags": [tags[b, :n].tolist() for b, n in enumerate(lengths)],
        "transitions": transitions.detach().tolist(),
        "start": start.detach().tolist(),
        "end": end.detach().tolist(),
        "log_partition": [float(z.detach()) for z in log_z],
        "nll": float(nll.detach()),
        "grad_emissions": emissions.grad.tolist(),
        "grad_transitions": transitions.grad.tolist(),
        "grad_start": start.grad.tolist(),
        "grad_end": end.grad.tolist(),
        "marginals": marginal_input.grad.tolist(),
        "viterbi": [viterbi(emissions.detach()[b], n, transitions.detach(), start.detach(),
                            end.detach()) for b, n in enumerate(lengths)],
    }


cases = [make_case(5, [6, 3, 1]), make_case(3, [4, 4]), make_case(1, [2, 5])]
print(json.dumps({"generator": "Scripts/golden/crf_golden.py", "torch": torch.__version__,
                  "cases": cases}))
