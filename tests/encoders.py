"""Small deterministic sentence encoders, standing in for the embedding model in tests.

The theme model accepts any callable from a list of texts to one row per text; these
exercise its embeddings path without the ``tandem[embeddings]`` extra.
"""
import zlib

import numpy as np

FOOD = {"pie", "tart", "cake", "plum", "crumble"}
TRANSPORT = {"car", "bus", "cab", "train", "tram"}


def trigram_encoder(texts, dim=256):
    """Count each text's character trigrams into ``dim`` buckets (a stable hash)."""
    out = np.zeros((len(texts), dim))
    for row, text in enumerate(texts):
        padded = f"  {text.lower()} "
        for i in range(len(padded) - 2):
            out[row, zlib.crc32(padded[i:i + 3].encode()) % dim] += 1
    return out


def topic_encoder(texts):
    """Two dimensions: how many food words, how many transport words a text holds."""
    return np.array([[sum(w in FOOD for w in text.lower().split()),
                      sum(w in TRANSPORT for w in text.lower().split())] for text in texts],
                    dtype=float)
