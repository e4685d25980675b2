#!/usr/bin/env python3
"""Write a random-weight stand-in for Xenova/opus-mt-id-en for speed benchmarks.

It has the real model's shape (d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocabulary 54,796) and the layout of its Optimum export: the merged decoder
`onnx/decoder_model_merged.onnx` (and the q8 `_quantized` file) takes a boolean
`use_cache_branch` and holds an `If` node. The first step (no cache) computes
the cross-attention keys and values from encoder_hidden_states once and returns
them as present.{i}.encoder.*; later steps read them back from
past_key_values.{i}.encoder.*, never touch encoder_hidden_states, and return
an empty tensor as present.{i}.encoder.* (Optimum's merge does the same).

It translates nothing (its weights are random), but an end-of-sentence rule in
the decoder graph makes each row emit </s> (id 0) once it has generated
ceil(1.1 x its source tokens) tokens, counted from encoder_attention_mask and
the decoder position: rows of a batch finish at different steps, as with the
real model, and timings reflect realistic output lengths.

    /usr/bin/python3 scripts/models/build-opus-shaped-model.py

Output: models/bench-opus-shaped/ (git-ignored, about 1 GB with the q8 files).
Load it with env.localModelPath = '<repo>/models/' and the model id
'bench-opus-shaped'.

The architecture, quantization and config/tokenizer writers come from
scripts/models/build-tiny-marian.py. The decoder is exported twice with torch.onnx
(without and with past) and the two graphs are merged into the branches of one
If node, their shared weights stored once in the outer graph, as Optimum does.
"""

import argparse
import hashlib
import importlib.util
import os
import time

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
EOS_ID = 0
LENGTH_RATIO = (11, 10)  # generated tokens (with </s>) per source token
EOS_BIAS = 1e4


def load_tiny():
    spec = importlib.util.spec_from_file_location(
        "build_tiny_marian", os.path.join(HERE, "build-tiny-marian.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Decoder(nn.Module):
    """One decoder pass with the end-of-sentence rule. Without past it
    computes the cross-attention keys/values; with past it reuses them."""

    def __init__(self, model, with_past, eos_id=EOS_ID):
        super().__init__()
        self.model = model
        self.with_past = with_past
        onehot = torch.zeros(model.vocab_size)
        onehot[eos_id] = 1.0
        self.register_buffer("eos_onehot", onehot)

    def forward(self, input_ids, encoder_attention_mask, *rest):
        m = self.model
        n = len(m.decoder_layers)
        b = input_ids.shape[0]
        if self.with_past:
            past = [tuple(rest[4 * i:4 * i + 4]) for i in range(n)]
            past_len = torch.ones_like(past[0][0][:, 0, :, 0]).to(torch.int64).sum(1, keepdim=True)
        else:
            enc_h = rest[0]
            z = torch.zeros(b, m.heads, 0, m.head_dim)
            past = [(z, z, None, None) for _ in range(n)]
            past_len = torch.zeros(b, 1, dtype=torch.int64)
        new_ones = torch.ones_like(input_ids)
        q_pos = torch.cumsum(new_ones, dim=1) - 1 + past_len  # [B, T]
        past_ones = torch.ones_like(past[0][0][:, 0, :, 0]).to(torch.int64)
        k_pos = torch.cumsum(torch.cat([past_ones, new_ones], dim=1), dim=1) - 1
        self_mask = (k_pos[:, None, :] > q_pos[:, :, None]).to(torch.float32)[:, None] * -1e9
        enc_mask = (1.0 - encoder_attention_mask.to(torch.float32))[:, None, None, :] * -1e9
        h = m.shared(input_ids) * m.embed_scale + m_positions(q_pos, m.d_model)
        flat = []
        for layer, (pk, pv, ek, ev) in zip(m.decoder_layers, past):
            k, v = layer.self_attn.project_kv(h)
            k = torch.cat([pk, k], dim=2)
            v = torch.cat([pv, v], dim=2)
            h = layer.self_attn_layer_norm(h + layer.self_attn(h, k, v, self_mask))
            if ek is None:
                ek, ev = layer.encoder_attn.project_kv(enc_h)
            h = layer.encoder_attn_layer_norm(h + layer.encoder_attn(h, ek, ev, enc_mask))
            h = layer.final_layer_norm(h + layer.fc2(nn.functional.silu(layer.fc1(h))))
            flat += [k, v, ek, ev]
        logits = torch.matmul(h, m.shared.weight.t()) + m.final_logits_bias
        # End-of-sentence rule: token number q_pos+1 is </s> once it reaches
        # ceil(1.1 x source tokens) of its row, never before.
        src = encoder_attention_mask.to(torch.int64).sum(1, keepdim=True)
        target = torch.div(src * LENGTH_RATIO[0] + LENGTH_RATIO[1] - 1, LENGTH_RATIO[1],
                           rounding_mode="trunc")
        done = (q_pos + 1 >= target).to(torch.float32)
        bias = (done * 2.0 - 1.0) * EOS_BIAS
        logits = logits + bias[:, :, None] * self.eos_onehot
        return tuple([logits] + flat)


def m_positions(positions, d_model):
    return TINY.sinusoidal_positions(positions, d_model)


def cache_names(n):
    out = []
    for i in range(n):
        for kind in ("decoder", "encoder"):
            for kv in ("key", "value"):
                out.append(f"{i}.{kind}.{kv}")
    return out


def export_decoders(model, onnx_dir, opset=14, decoder_class=None, dirs=None):
    """The decoder without and with past as two ONNX files. decoder_class
    (default this file's Marian _Decoder) and dirs (one output folder per
    graph, for models whose weights go to external data files) let
    scripts/models/build-nllb-shaped-model.py export its M2M100 decoder."""
    import warnings
    decoder_class = decoder_class or _Decoder
    dirs = dirs or {"no_past": onnx_dir, "with_past": onnx_dir}
    warnings.filterwarnings("ignore")
    b, s, p = 2, 5, 3
    n = len(model.decoder_layers)
    g = torch.Generator().manual_seed(0)
    mask = torch.ones(b, s, dtype=torch.int64)
    enc = torch.randn(b, s, model.d_model, generator=g)
    ids = torch.full((b, 1), model.pad_id, dtype=torch.int64)
    names = cache_names(n)
    out_names = ["logits"] + [f"present.{c}" for c in names]
    out_axes = {"logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    for c in names:
        out_axes[f"present.{c}"] = {0: "batch_size", 2: "seq"}
    base_axes = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
                 "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length_out"}}
    paths = {}
    # without past
    path = os.path.join(dirs["no_past"], "decoder_model.onnx")
    axes = dict(base_axes, encoder_hidden_states={0: "batch_size",
                                                  1: "encoder_sequence_length_out"}, **out_axes)
    torch.onnx.export(decoder_class(model, False), (ids, mask, enc), path,
                      input_names=["input_ids", "encoder_attention_mask",
                                   "encoder_hidden_states"],
                      output_names=out_names, dynamic_axes=axes, opset_version=opset,
                      do_constant_folding=True)
    paths["no_past"] = path
    # with past
    past, past_names, axes = [], [], dict(base_axes, **out_axes)
    for c in names:
        length = p if ".decoder." in c else s
        past.append(torch.randn(b, model.heads, length, model.head_dim, generator=g))
        nm = f"past_key_values.{c}"
        past_names.append(nm)
        axes[nm] = {0: "batch_size", 2: "past_decoder_sequence_length" if ".decoder." in c
                    else "encoder_sequence_length_out"}
    path = os.path.join(dirs["with_past"], "decoder_with_past_model.onnx")
    torch.onnx.export(decoder_class(model, True), tuple([ids, mask] + past), path,
                      input_names=["input_ids", "encoder_attention_mask"] + past_names,
                      output_names=out_names, dynamic_axes=axes, opset_version=opset,
                      do_constant_folding=True)
    paths["with_past"] = path
    return paths


def export_encoder(tiny, model, onnx_dir, opset=14):
    ids = torch.randint(2, model.vocab_size - 1, (2, 5),
                        generator=torch.Generator().manual_seed(0))
    mask = torch.ones(2, 5, dtype=torch.int64)
    axes = {0: "batch_size", 1: "encoder_sequence_length"}
    torch.onnx.export(
        tiny._EncoderExport(model), (ids, mask), os.path.join(onnx_dir, "encoder_model.onnx"),
        input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
        opset_version=opset, do_constant_folding=True)


def news_pieces(tiny, known):
    """One piece per word of the seed articles in content/ (as it starts a
    whitespace-separated chunk, and as it follows punctuation), scored by log
    frequency, so each such word is one piece as in a vocabulary trained on
    news; punctuation stays separate pieces."""
    import glob
    import math
    import re
    counts = {}
    for path in sorted(glob.glob(os.path.join(REPO_ROOT, "content", "*.md"))):
        text = open(path, encoding="utf-8").read().split("---", 2)[-1]
        for chunk in text.split():
            parts = re.findall(r"\w+|[^\w\s]", chunk)
            for i, part in enumerate(parts):
                piece = (tiny.SPACE + part) if i == 0 else part
                counts[piece] = counts.get(piece, 0) + 1
                if not part[0].isalnum():
                    counts[part] = counts.get(part, 0) + 1
    total = sum(counts.values())
    return [(p, round(math.log(c / total), 4))
            for p, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if p not in known]


def merge_decoders(no_past_path, with_past_path, dst, n_layers, heads, head_dim, vocab):
    """One graph: If(use_cache_branch) with the with-past graph as then-branch
    and the no-past graph as else-branch. Initializers of both move to the
    outer graph, one copy per distinct content; every other name in a branch
    gets the branch's prefix so nothing shadows the outer scope."""
    import onnx
    from onnx import TensorProto, helper

    models = {"cache": onnx.load(with_past_path), "first": onnx.load(no_past_path)}
    outer_inputs = ["input_ids", "encoder_attention_mask", "encoder_hidden_states"] + [
        f"past_key_values.{c}" for c in cache_names(n_layers)]
    by_content = {}
    outer_inits = []
    branches = {}
    for prefix, m in models.items():
        g = m.graph
        rename = {}
        for init in g.initializer:
            orig = init.name
            init.name = ""
            key = hashlib.sha1(init.SerializeToString()).hexdigest()
            if key not in by_content:
                by_content[key] = f"shared_{len(by_content)}"
                init.name = by_content[key]
                outer_inits.append(init)
            rename[orig] = by_content[key]
        graph_inputs = {i.name for i in g.input}

        def new_name(x, prefix=prefix, rename=rename, graph_inputs=graph_inputs):
            if x == "" or x in graph_inputs:
                return x
            if x in rename:
                return rename[x]
            return f"{prefix}/{x}"

        nodes = []
        for node in g.node:
            node.name = f"{prefix}/{node.name}"
            node.input[:] = [new_name(x) for x in node.input]
            node.output[:] = [new_name(x) for x in node.output]
            nodes.append(node)
        outputs = []
        for o in g.output:
            if prefix == "cache" and ".encoder." in o.name:
                # As Optimum's merge: the cached branch returns an empty tensor
                # for the cross-attention keys and values (they never change
                # after the first step), not a copy of them at every step.
                out = f"{prefix}/empty/{o.name}"
                empty = helper.make_tensor("empty", TensorProto.FLOAT, [0, heads, 1, head_dim], [])
                nodes.append(helper.make_node("Constant", [], [out], name=out, value=empty))
            elif new_name(o.name) in graph_inputs:
                # A branch output must be a value of the branch itself.
                out = f"{prefix}/out/{o.name}"
                nodes.append(helper.make_node("Identity", [o.name], [out], name=out))
            else:
                out = new_name(o.name)
            outputs.append(helper.make_tensor_value_info(out, TensorProto.FLOAT, None))
        branches[prefix] = helper.make_graph(nodes, f"{prefix}_branch", [], outputs)

    def cache_info(name):
        if ".encoder." in name:
            axis = "encoder_sequence_length_out"
        elif name.startswith("present"):
            axis = "past_decoder_sequence_length + 1"
        else:
            axis = "past_decoder_sequence_length"
        return helper.make_tensor_value_info(name, TensorProto.FLOAT,
                                             ["batch_size", heads, axis, head_dim])

    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64,
                                      ["batch_size", "decoder_sequence_length"]),
        helper.make_tensor_value_info("encoder_attention_mask", TensorProto.INT64,
                                      ["batch_size", "encoder_sequence_length"]),
        helper.make_tensor_value_info("encoder_hidden_states", TensorProto.FLOAT,
                                      ["batch_size", "encoder_sequence_length", heads * head_dim]),
    ] + [cache_info(n) for n in outer_inputs[3:]] + [
        helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1])]
    out_names = [o.name for o in models["first"].graph.output]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT,
                                             ["batch_size", "decoder_sequence_length", vocab])]
    outputs += [cache_info(n) for n in out_names[1:]]
    if_node = helper.make_node("If", ["use_cache_branch"], out_names, name="optimum::if",
                               then_branch=branches["cache"], else_branch=branches["first"])
    graph = helper.make_graph([if_node], "merged_decoder", inputs, outputs, outer_inits)
    merged = helper.make_model(graph, opset_imports=models["first"].opset_import,
                               producer_name="build-opus-shaped-model")
    merged.ir_version = models["first"].ir_version
    onnx.checker.check_model(merged)
    onnx.save(merged, dst)
    return len(outer_inits)


def main():
    global TINY
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join("models", "bench-opus-shaped"))
    ap.add_argument("--vocab-size", type=int, default=54796)
    ap.add_argument("--no-quantized", action="store_true")
    args = ap.parse_args()
    tiny = TINY = load_tiny()
    torch.manual_seed(0)
    out_dir = os.path.join(REPO_ROOT, args.out)
    onnx_dir = os.path.join(out_dir, "onnx")
    t0 = time.time()

    # Vocabulary: the tiny model's pieces, the words of the seed articles (so
    # news text tokenizes at about the real model's rate, some 1.3 pieces per
    # word, rather than letter by letter), then filler pieces up to the real size.
    pieces = tiny.build_vocabulary(tiny.generate_pairs())[:-1]  # without <pad>
    floor = min(s for p, s in pieces if p not in (tiny.EOS, tiny.UNK))
    pieces += news_pieces(tiny, {p for p, _ in pieces})
    n = 0
    while len(pieces) < args.vocab_size - 1:
        pieces.append((f"{tiny.SPACE}\u00a7{n}", round(floor - 5.0, 4)))
        n += 1
    pieces.append((tiny.PAD, 0.0))
    vocab = len(pieces)
    pad_id = vocab - 1

    d_model, layers, heads, ffn = 512, 6, 8, 2048
    model = tiny.MarianTransformer(vocab, pad_id, d_model, layers, layers, heads, ffn)
    model.eval()
    params = sum(p.numel() for p in model.parameters())
    print(f"{params / 1e6:.1f} M parameters, vocabulary {vocab}", flush=True)

    os.makedirs(onnx_dir, exist_ok=True)
    export_encoder(tiny, model, onnx_dir)
    parts = export_decoders(model, onnx_dir)
    print(f"exported in {time.time() - t0:.0f} s", flush=True)
    variants = [("", parts)]
    if not args.no_quantized:
        tiny.quantize_onnx(os.path.join(onnx_dir, "encoder_model.onnx"),
                           os.path.join(onnx_dir, "encoder_model_quantized.onnx"))
        q = {}
        for key, path in parts.items():
            q[key] = path.replace(".onnx", "_quantized.onnx")
            tiny.quantize_onnx(path, q[key])
        variants.append(("_quantized", q))
    for suffix, p in variants:
        merge_decoders(p["no_past"], p["with_past"],
                       os.path.join(onnx_dir, f"decoder_model_merged{suffix}.onnx"),
                       layers, heads, d_model // heads, vocab)
        for path in p.values():
            os.remove(path)
    print(f"merged in {time.time() - t0:.0f} s", flush=True)
    tiny.write_config_files(out_dir, vocab, pad_id, EOS_ID, d_model, layers, layers, heads, ffn,
                            name="bench-opus-shaped")
    tiny._write_json(os.path.join(out_dir, "tokenizer.json"), tiny.tokenizer_json(pieces),
                     indent=None)
    tiny._write_json(os.path.join(out_dir, "tokenizer_config.json"), tiny.tokenizer_config())
    size = sum(os.path.getsize(os.path.join(dp, f))
               for dp, _, fs in os.walk(out_dir) for f in fs)
    print(f"wrote {args.out} ({size / 1e6:.0f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
