#!/usr/bin/env python3
"""Write a random-weight model with the shape of Helsinki-NLP/opus-mt-id-en
(d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 54,796) for speed
benchmarks. It translates nothing: its weights are random and </s> can never
be generated (its logit bias is -1e4), so every call runs to max_new_tokens
(or max_length 512), which makes timings comparable.

    /usr/bin/python3 scripts/build-opus-shaped-model.py

Output: models/bench-opus-shaped/ (git-ignored, about 0.7 GB with the q8
files). Load it with env.localModelPath = '<repo>/models/' and the model id
'bench-opus-shaped', or with the path './models/bench-opus-shaped'.

The architecture, ONNX export, quantization and config writers come from
scripts/build-tiny-marian.py. Like the tiny model, its merged decoder has no
If node / use_cache_branch: cross-attention keys and values are recomputed
from encoder_hidden_states at every step instead of being reused from the
cache, so each generated token costs somewhat more than with an optimum
export of the real model (more so for long inputs); timings are an upper
bound.
"""

import argparse
import importlib.util
import os
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(HERE)


def load_tiny():
    spec = importlib.util.spec_from_file_location(
        "build_tiny_marian", os.path.join(HERE, "build-tiny-marian.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join("models", "bench-opus-shaped"))
    ap.add_argument("--vocab-size", type=int, default=54796)
    ap.add_argument("--no-quantized", action="store_true")
    args = ap.parse_args()
    tiny = load_tiny()
    torch.manual_seed(0)
    out_dir = os.path.join(REPO_ROOT, args.out)
    onnx_dir = os.path.join(out_dir, "onnx")
    t0 = time.time()

    # Vocabulary: the tiny model's pieces (so Indonesian test text tokenizes
    # into realistic lengths) padded with filler pieces to the real size.
    pieces = tiny.build_vocabulary(tiny.generate_pairs())[:-1]  # without <pad>
    floor = min(s for p, s in pieces if p not in (tiny.EOS, tiny.UNK))
    n = 0
    while len(pieces) < args.vocab_size - 1:
        pieces.append((f"{tiny.SPACE}\u00a7{n}", round(floor - 5.0, 4)))
        n += 1
    pieces.append((tiny.PAD, 0.0))
    vocab = len(pieces)
    pad_id = vocab - 1
    eos_id = 0

    d_model, layers, heads, ffn = 512, 6, 8, 2048
    model = tiny.MarianTransformer(vocab, pad_id, d_model, layers, layers, heads, ffn)
    with torch.no_grad():
        model.final_logits_bias[eos_id] = -1e4  # never finishes early
    model.eval()
    params = sum(p.numel() for p in model.parameters())
    print(f"{params / 1e6:.1f} M parameters, vocabulary {vocab}")

    os.makedirs(onnx_dir, exist_ok=True)
    tiny.export_onnx(model, onnx_dir)
    if not args.no_quantized:
        for name in ("encoder_model", "decoder_model_merged"):
            tiny.quantize_onnx(os.path.join(onnx_dir, name + ".onnx"),
                               os.path.join(onnx_dir, name + "_quantized.onnx"))
    tiny.write_config_files(out_dir, vocab, pad_id, eos_id, d_model, layers, layers, heads, ffn,
                            name="bench-opus-shaped")
    tiny._write_json(os.path.join(out_dir, "tokenizer.json"), tiny.tokenizer_json(pieces),
                     indent=None)
    tiny._write_json(os.path.join(out_dir, "tokenizer_config.json"), tiny.tokenizer_config())
    size = sum(os.path.getsize(os.path.join(dp, f))
               for dp, _, fs in os.walk(out_dir) for f in fs)
    print(f"wrote {args.out} ({size / 1e6:.0f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
