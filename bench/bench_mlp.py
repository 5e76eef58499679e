"""One training epoch of nncore's MLP (through Trainer) against a hand-written numpy loop
of the same arithmetic and against PyTorch on the CPU.

    .venv/bin/python bench/bench_mlp.py            # --repeats 7 --warmup 1 --threads 1

Every implementation trains the same network (ReLU hidden layer, linear output, softmax
cross-entropy, plain SGD, lr 0.05) from the same initial weights on the same shuffled
mini-batches (the permutation of each epoch comes from ``np.random.default_rng(seed)``,
the generator ``Trainer`` uses), in the same dtype, and all three record the batch loss
and the number of correct predictions of every batch (what ``Trainer`` keeps for its
history). Before timing, one epoch of each is run from the same start and the
parameters compared, so the three really do the same arithmetic.

Cases: 784-256-10 on 10,000 random samples with batch 64 and 512; 64-32-10 on the
1,797 digits (``nncore.datasets.digits()``, scaled to [0, 1]) with batch 32; each in
float32 and float64. The epochs of the three implementations are interleaved (one of
each per repeat), so a change of load on the shared machine hits all of them alike.

PyTorch is optional (``pip install -r bench/requirements-bench.txt``); without it the
torch rows are skipped with a message. Results and their reading: bench/README.md.
"""

import argparse
import os
import sys
import time


def _parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed epochs per variant")
    parser.add_argument("--warmup", type=int, default=1, help="untimed epochs first")
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS / torch threads (default 1: the machine is shared)")
    parser.add_argument("--quick", action="store_true", help="only the digits case")
    return parser.parse_args()


ARGS = _parse() if __name__ == "__main__" else None
if ARGS is not None:  # before numpy is imported, so OpenBLAS sees it
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(ARGS.threads)

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import print_table  # noqa: E402

from nncore.datasets import digits  # noqa: E402
from nncore.mlp import MLP, Trainer  # noqa: E402

try:
    import torch
except ImportError:  # optional
    torch = None

LR = 0.05
SEED = 0


# ---------------------------------------------------------------------------------------
# The hand-written numpy loop: the arithmetic of one epoch, nothing else
# ---------------------------------------------------------------------------------------


class NumpyLoop:
    """Plain numpy SGD for a one-hidden-layer ReLU network with softmax cross-entropy."""

    def __init__(self, params, X, y, batch_size, seed):
        (self.W1, self.b1), (self.W2, self.b2) = [(W.copy(), b.copy()) for W, b in params]
        self.X, self.y, self.bs = X, y, batch_size
        self.rng = np.random.default_rng(seed)

    def run_epoch(self):
        W1, b1, W2, b2 = self.W1, self.b1, self.W2, self.b2
        X, y, bs, lr = self.X, self.y, self.bs, LR
        n = X.shape[0]
        order = self.rng.permutation(n)
        total_loss, correct = 0.0, 0
        for start in range(0, n, bs):
            idx = order[start:start + bs]
            Xb, yb = X[idx], y[idx]
            m = Xb.shape[0]
            rows = np.arange(m)
            # forward
            Z1 = Xb @ W1.T
            Z1 += b1
            A1 = np.maximum(Z1, 0.0)
            Z2 = A1 @ W2.T
            Z2 += b2
            # softmax cross-entropy, shifted by the row maximum
            S = Z2 - Z2.max(axis=1, keepdims=True)
            E = np.exp(S)
            tot = E.sum(axis=1, keepdims=True)
            loss = float(np.log(tot).sum() - S[rows, yb].sum()) / m
            correct += int(np.count_nonzero(Z2.argmax(axis=1) == yb))
            total_loss += loss * m
            dZ2 = E / tot
            dZ2[rows, yb] -= 1.0
            dZ2 *= 1.0 / m
            # backward
            dW2 = dZ2.T @ A1
            db2 = dZ2.sum(axis=0)
            dA1 = dZ2 @ W2
            dA1 *= Z1 > 0
            dW1 = dA1.T @ Xb
            db1 = dA1.sum(axis=0)
            # SGD
            W1 -= lr * dW1
            b1 -= lr * db1
            W2 -= lr * dW2
            b2 -= lr * db2
        return total_loss / n, correct / n

    def params(self):
        return [(self.W1, self.b1), (self.W2, self.b2)]


# ---------------------------------------------------------------------------------------
# PyTorch on the CPU: the same network, batches and updates
# ---------------------------------------------------------------------------------------


class TorchLoop:
    def __init__(self, params, X, y, batch_size, seed):
        (W1, b1), (W2, b2) = params
        dtype = torch.float32 if X.dtype == np.float32 else torch.float64
        self.model = torch.nn.Sequential(
            torch.nn.Linear(W1.shape[1], W1.shape[0]),
            torch.nn.ReLU(),
            torch.nn.Linear(W2.shape[1], W2.shape[0]),
        ).to(dtype)
        with torch.no_grad():
            for layer, (W, b) in zip((self.model[0], self.model[2]), params):
                layer.weight.copy_(torch.from_numpy(W))
                layer.bias.copy_(torch.from_numpy(b))
        self.opt = torch.optim.SGD(self.model.parameters(), lr=LR)
        self.X = torch.from_numpy(X)
        self.y = torch.from_numpy(y.astype(np.int64))
        self.bs = batch_size
        self.rng = np.random.default_rng(seed)

    def run_epoch(self):
        n = self.X.shape[0]
        order = torch.from_numpy(self.rng.permutation(n))
        total_loss, correct = 0.0, 0
        model, opt, loss_fn = self.model, self.opt, torch.nn.functional.cross_entropy
        for start in range(0, n, self.bs):
            idx = order[start:start + self.bs]
            Xb, yb = self.X[idx], self.y[idx]
            logits = model(Xb)
            loss = loss_fn(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total_loss += loss.item() * Xb.shape[0]
            correct += int((logits.argmax(dim=1) == yb).sum().item())
        return total_loss / n, correct / n

    def params(self):
        return [(layer.weight.detach().numpy(), layer.bias.detach().numpy())
                for layer in (self.model[0], self.model[2])]


class NncoreLoop:
    def __init__(self, model, X, y, batch_size, seed):
        self.trainer = Trainer(model, X, y, loss="cross_entropy", lr=LR,
                               batch_size=batch_size, seed=seed)

    def run_epoch(self):
        self.trainer.run_epoch()
        h = self.trainer.history_
        return h["train_loss"][-1], h["train_acc"][-1]

    def params(self):
        return self.trainer.model.params


# ---------------------------------------------------------------------------------------


def _cases(quick):
    rng = np.random.default_rng(1)
    X_digits, y_digits = digits()
    cases = [("64-32-10, digits (1,797), batch 32", (64, 32, 10), X_digits / 16.0, y_digits, 32)]
    if not quick:
        X = rng.random((10_000, 784))
        y = rng.integers(0, 10, 10_000)
        cases = [("784-256-10, 10,000 random, batch 64", (784, 256, 10), X, y, 64),
                 ("784-256-10, 10,000 random, batch 512", (784, 256, 10), X, y, 512)] + cases
    return cases


def _implementations(sizes, X, y, batch_size, dtype):
    model = MLP(sizes, "relu", seed=SEED, dtype=dtype)
    start = [(W.copy(), b.copy()) for W, b in model.params]
    X = X.astype(dtype)
    impls = [("(a) numpy loop (hand-written)", lambda: NumpyLoop(start, X, y, batch_size, SEED)),
             ("(b) nncore MLP + Trainer", lambda: NncoreLoop(MLP(sizes, "relu", params=start, dtype=dtype),
                                                            X, y, batch_size, SEED))]
    if torch is not None:
        impls.append(("(c) PyTorch CPU", lambda: TorchLoop(start, X, y, batch_size, SEED)))
    return impls


def _check_same(impls, dtype):
    """One epoch of each from the same start: the parameters must agree."""
    runs = [make() for _, make in impls]
    results = [r.run_epoch() for r in runs]
    tol = 1e-4 if dtype == np.float32 else 1e-10
    ref = runs[0].params()
    for (label, _), run, (loss, acc) in zip(impls, runs, results):
        worst = max(float(np.max(np.abs(np.asarray(P) - Q))) / max(float(np.max(np.abs(Q))), 1e-300)
                    for pair, ref_pair in zip(run.params(), ref) for P, Q in zip(pair, ref_pair))
        assert worst < tol, f"{label}: parameters differ from the numpy loop by {worst:.2e}"
        assert abs(loss - results[0][0]) < 1e-3 and abs(acc - results[0][1]) < 1e-3, label
    return results[0]


def main(args):
    if torch is None:
        print("PyTorch is not installed: the torch rows are skipped "
              "(pip install -r bench/requirements-bench.txt to add them).\n")
    else:
        torch.set_num_threads(args.threads)
    versions = f"numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else "")
    print(f"Python {sys.version.split()[0]}, {versions}, threads {args.threads}, "
          f"{args.repeats} timed epochs after {args.warmup} warm-up, load average "
          f"{os.getloadavg()[0]:.2f}\n")
    for title, sizes, X, y, batch_size in _cases(args.quick):
        for dtype in (np.float32, np.float64):
            impls = _implementations(sizes, X, y, batch_size, dtype)
            _check_same(impls, dtype)
            runs = [make() for _, make in impls]
            times = [[] for _ in impls]
            for rep in range(args.warmup + args.repeats):
                for i, run in enumerate(runs):  # interleaved: one epoch of each per repeat
                    t0 = time.perf_counter()
                    run.run_epoch()
                    if rep >= args.warmup:
                        times[i].append((time.perf_counter() - t0) * 1e3)
            print(f"### {title}, {np.dtype(dtype).name}\n")
            print_table([(label, np.array(t), None) for (label, _), t in zip(impls, times)], {})
            print()


if __name__ == "__main__":
    main(ARGS)
