#!/usr/bin/env python3
"""Build the tiny Marian-shaped Indonesian->English test model.

Run from the repository root with the system Python that has Debian's
python3-torch and python3-onnx:

    /usr/bin/python3 scripts/models/build-tiny-marian.py

It generates template sentence pairs, builds a small Unigram vocabulary,
trains a tiny Marian transformer (plain PyTorch, no `transformers` package)
until it reproduces every training pair exactly with greedy decoding, and
exports a folder that Transformers.js (`@huggingface/transformers`) loads like
a real `Xenova/opus-mt-*` model:

    tests/fixtures/tiny-marian/
        config.json  generation_config.json  tokenizer.json
        tokenizer_config.json  training-pairs.json (every pair, all reproduced)
        onnx/encoder_model.onnx            onnx/decoder_model_merged.onnx
        onnx/encoder_model_quantized.onnx  onnx/decoder_model_merged_quantized.onnx

(README.md in that folder is written by hand and left alone.)

Everything is seeded and single-threaded, so a rebuild on the same software
gives the same weights.

The architecture pieces (MarianTransformer, export_onnx, quantize_onnx,
write_config_files) are imported by scripts/models/build-opus-shaped-model.py.
"""

import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join("tests", "fixtures", "tiny-marian")

EOS, UNK, PAD = "</s>", "<unk>", "<pad>"
SPACE = "\u2581"  # sentencepiece word-boundary marker

# --------------------------------------------------------------------------
# Architecture (Marian: static sinusoidal positions, embeddings scaled by
# sqrt(d_model), post-layer-norm blocks, swish FFN, shared embeddings tied to
# the output projection plus a logits bias).
# --------------------------------------------------------------------------


def sinusoidal_positions(positions, d_model):
    """Marian's static position embedding, computed on the fly.

    positions: int64 tensor [..., T]. Returns float [..., T, d_model] with the
    sines in the first half and the cosines in the second half (as in
    MarianSinusoidalPositionalEmbedding).
    """
    half = d_model // 2
    exponent = torch.arange(half, dtype=torch.float32) * (2.0 / d_model)
    inv_freq = torch.pow(torch.tensor(10000.0), -exponent)
    angles = positions.to(torch.float32).unsqueeze(-1) * inv_freq
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)


class Attention(nn.Module):
    def __init__(self, d_model, heads):
        super().__init__()
        assert d_model % heads == 0
        self.heads = heads
        self.head_dim = d_model // heads
        self.scale = self.head_dim ** -0.5
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def split(self, x):
        # [B, T, D] -> [B, H, T, Dh]
        b = x.shape[0]
        return x.reshape(b, -1, self.heads, self.head_dim).transpose(1, 2)

    def project_kv(self, x):
        return self.split(self.k_proj(x)), self.split(self.v_proj(x))

    def forward(self, x, k, v, additive_mask):
        """x: [B, T, D] queries; k, v: [B, H, S, Dh]; mask broadcast to [B, H, T, S]."""
        b = x.shape[0]
        q = self.split(self.q_proj(x) * self.scale)
        scores = torch.matmul(q, k.transpose(2, 3)) + additive_mask
        probs = torch.softmax(scores, dim=-1)
        out = torch.matmul(probs, v).transpose(1, 2)
        out = out.reshape(b, -1, self.heads * self.head_dim)
        return self.out_proj(out)


class EncoderLayer(nn.Module):
    def __init__(self, d_model, heads, ffn):
        super().__init__()
        self.self_attn = Attention(d_model, heads)
        self.self_attn_layer_norm = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, ffn)
        self.fc2 = nn.Linear(ffn, d_model)
        self.final_layer_norm = nn.LayerNorm(d_model)

    def forward(self, h, mask):
        k, v = self.self_attn.project_kv(h)
        h = self.self_attn_layer_norm(h + self.self_attn(h, k, v, mask))
        h = self.final_layer_norm(h + self.fc2(F.silu(self.fc1(h))))
        return h


class DecoderLayer(nn.Module):
    def __init__(self, d_model, heads, ffn):
        super().__init__()
        self.self_attn = Attention(d_model, heads)
        self.self_attn_layer_norm = nn.LayerNorm(d_model)
        self.encoder_attn = Attention(d_model, heads)
        self.encoder_attn_layer_norm = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, ffn)
        self.fc2 = nn.Linear(ffn, d_model)
        self.final_layer_norm = nn.LayerNorm(d_model)

    def forward(self, h, self_mask, past_k, past_v, enc_h, enc_mask):
        k, v = self.self_attn.project_kv(h)
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        h = self.self_attn_layer_norm(h + self.self_attn(h, k, v, self_mask))
        # Cross-attention keys/values are always recomputed from the encoder
        # output (cheap at this size); they are also returned as the
        # "present.*.encoder" cache outputs.
        ek, ev = self.encoder_attn.project_kv(enc_h)
        h = self.encoder_attn_layer_norm(h + self.encoder_attn(h, ek, ev, enc_mask))
        h = self.final_layer_norm(h + self.fc2(F.silu(self.fc1(h))))
        return h, k, v, ek, ev


NEG = -1e9


class MarianTransformer(nn.Module):
    def __init__(self, vocab_size, pad_id, d_model=32, encoder_layers=2, decoder_layers=2,
                 heads=4, ffn=64):
        super().__init__()
        self.vocab_size = vocab_size
        self.pad_id = pad_id
        self.d_model = d_model
        self.heads = heads
        self.head_dim = d_model // heads
        self.embed_scale = math.sqrt(d_model)
        self.shared = nn.Embedding(vocab_size, d_model, padding_idx=pad_id)
        self.encoder_layers = nn.ModuleList(
            [EncoderLayer(d_model, heads, ffn) for _ in range(encoder_layers)])
        self.decoder_layers = nn.ModuleList(
            [DecoderLayer(d_model, heads, ffn) for _ in range(decoder_layers)])
        self.final_logits_bias = nn.Parameter(torch.zeros(vocab_size))
        self.reset_parameters()

    def reset_parameters(self, std=0.02):
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, std)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Embedding):
                nn.init.normal_(m.weight, 0.0, std)
                with torch.no_grad():
                    m.weight[self.pad_id].zero_()

    def encode(self, input_ids, attention_mask):
        positions = torch.cumsum(torch.ones_like(input_ids), dim=1) - 1
        h = self.shared(input_ids) * self.embed_scale + sinusoidal_positions(positions, self.d_model)
        mask = (1.0 - attention_mask.to(torch.float32))[:, None, None, :] * NEG
        for layer in self.encoder_layers:
            h = layer(h, mask)
        return h

    def empty_past(self, batch_size):
        z = torch.zeros(batch_size, self.heads, 0, self.head_dim)
        return [(z, z) for _ in self.decoder_layers]

    def decode(self, input_ids, encoder_hidden_states, encoder_attention_mask, past):
        """One decoder pass.

        past: list (per layer) of (key, value) [B, H, P, Dh] self-attention
        caches (P may be 0). Returns logits [B, T, V] and per layer
        (self_k, self_v, cross_k, cross_v).
        """
        past_k0 = past[0][0]
        past_ones = torch.ones_like(past_k0[:, 0, :, 0]).to(torch.int64)  # [B, P]
        past_len = past_ones.sum(dim=1, keepdim=True)  # [B, 1]
        new_ones = torch.ones_like(input_ids)
        q_pos = torch.cumsum(new_ones, dim=1) - 1 + past_len  # [B, T]
        k_pos = torch.cumsum(torch.cat([past_ones, new_ones], dim=1), dim=1) - 1  # [B, P+T]
        self_mask = (k_pos[:, None, :] > q_pos[:, :, None]).to(torch.float32)[:, None] * NEG
        enc_mask = (1.0 - encoder_attention_mask.to(torch.float32))[:, None, None, :] * NEG

        h = self.shared(input_ids) * self.embed_scale + sinusoidal_positions(q_pos, self.d_model)
        presents = []
        for layer, (pk, pv) in zip(self.decoder_layers, past):
            h, k, v, ek, ev = layer(h, self_mask, pk, pv, encoder_hidden_states, enc_mask)
            presents.append((k, v, ek, ev))
        logits = torch.matmul(h, self.shared.weight.t()) + self.final_logits_bias
        return logits, presents

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        enc = self.encode(input_ids, attention_mask)
        logits, _ = self.decode(decoder_input_ids, enc, attention_mask,
                                self.empty_past(input_ids.shape[0]))
        return logits

    @torch.no_grad()
    def greedy(self, input_ids, attention_mask, eos_id, max_new_tokens=40):
        """Incremental greedy decoding through the same cache path that the
        ONNX decoder uses, batched the way Transformers.js does it: rows that
        emitted </s> keep being decoded until every row has emitted </s>.
        Returns the generated id lists (without the start token)."""
        b = input_ids.shape[0]
        enc = self.encode(input_ids, attention_mask)
        past = self.empty_past(b)
        cur = torch.full((b, 1), self.pad_id, dtype=torch.int64)
        out = [[] for _ in range(b)]
        done = [False] * b
        for _ in range(max_new_tokens):
            logits, presents = self.decode(cur, enc, attention_mask, past)
            step = logits[:, -1, :].clone()
            step[:, self.pad_id] = float("-inf")  # bad_words_ids [[pad]]
            nxt = step.argmax(dim=-1)
            for i in range(b):
                out[i].append(int(nxt[i]))
                done[i] = done[i] or int(nxt[i]) == eos_id
            if all(done):
                break
            past = [(k, v) for k, v, _, _ in presents]
            cur = nxt[:, None]
        return out


# --------------------------------------------------------------------------
# ONNX export (layout of optimum's Marian export used by Xenova/opus-mt-*)
# --------------------------------------------------------------------------


class _EncoderExport(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model.encode(input_ids, attention_mask)


class _DecoderExport(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states, *flat_past):
        n = len(self.model.decoder_layers)
        past = []
        for i in range(n):
            dk, dv, ek, ev = flat_past[4 * i:4 * i + 4]
            past.append((dk, dv))
            # The encoder caches are accepted for interface compatibility but
            # cross-attention is recomputed from encoder_hidden_states.
            del ek, ev
        logits, presents = self.model.decode(input_ids, encoder_hidden_states,
                                             encoder_attention_mask, past)
        flat = [logits]
        for k, v, ek, ev in presents:
            flat += [k, v, ek, ev]
        return tuple(flat)


def export_onnx(model, onnx_dir, opset=14):
    import warnings
    # sinusoidal_positions builds a constant with torch.tensor; tracing it as
    # a constant is intended.
    warnings.filterwarnings("ignore", message="torch.tensor results are registered as constants")
    os.makedirs(onnx_dir, exist_ok=True)
    model.eval()
    b, s, t, p = 2, 5, 1, 3
    ids = torch.randint(2, model.vocab_size - 1, (b, s), generator=torch.Generator().manual_seed(0))
    mask = torch.ones(b, s, dtype=torch.int64)
    enc_path = os.path.join(onnx_dir, "encoder_model.onnx")
    torch.onnx.export(
        _EncoderExport(model), (ids, mask), enc_path,
        input_names=["input_ids", "attention_mask"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
            "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"},
        },
        opset_version=opset, do_constant_folding=True)

    with torch.no_grad():
        enc = model.encode(ids, mask)
    dec_ids = torch.full((b, t), model.pad_id, dtype=torch.int64)
    inputs = [dec_ids, mask, enc]
    input_names = ["input_ids", "encoder_attention_mask", "encoder_hidden_states"]
    output_names = ["logits"]
    axes = {
        "input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
        "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length_out"},
        "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length_out"},
        "logits": {0: "batch_size", 1: "decoder_sequence_length"},
    }
    for i in range(len(model.decoder_layers)):
        for kind, length, axis in (("decoder", p, "past_decoder_sequence_length"),
                                   ("encoder", s, "encoder_sequence_length_out")):
            for kv in ("key", "value"):
                name = f"past_key_values.{i}.{kind}.{kv}"
                inputs.append(torch.randn(b, model.heads, length, model.head_dim))
                input_names.append(name)
                axes[name] = {0: "batch_size", 2: axis}
        for kind in ("decoder", "encoder"):
            for kv in ("key", "value"):
                name = f"present.{i}.{kind}.{kv}"
                output_names.append(name)
                axes[name] = {0: "batch_size", 2: ("past_decoder_sequence_length + 1"
                                                   if kind == "decoder"
                                                   else "encoder_sequence_length_out")}
    dec_path = os.path.join(onnx_dir, "decoder_model_merged.onnx")
    torch.onnx.export(
        _DecoderExport(model), tuple(inputs), dec_path,
        input_names=input_names, output_names=output_names, dynamic_axes=axes,
        opset_version=opset, do_constant_folding=True)
    _fix_cache_signature(dec_path, input_names, model.heads, model.head_dim)
    return enc_path, dec_path


def _fix_cache_signature(path, input_names, heads, head_dim):
    """Give every cache input/output of the merged decoder the signature of an
    optimum export: [batch_size, heads, <sequence axis>, head_dim].

    torch.onnx.export drops graph inputs that the computation does not use
    (the encoder caches, since cross-attention is recomputed) and leaves the
    head dimensions of the encoder caches symbolic. Transformers.js builds its
    first, empty cache from these declarations (unknown symbols become 0), so
    they are rewritten here. ONNX Runtime accepts the unused inputs."""
    import onnx
    from onnx import TensorProto, helper

    def axis_for(name):
        if ".encoder." in name:
            return "encoder_sequence_length_out"
        if name.startswith("present"):
            return "past_decoder_sequence_length + 1"
        return "past_decoder_sequence_length"

    def cache_info(name):
        return helper.make_tensor_value_info(
            name, TensorProto.FLOAT, ["batch_size", heads, axis_for(name), head_dim])

    m = onnx.load(path)
    inputs = {i.name: i for i in m.graph.input}
    for name in input_names:
        if name.startswith("past_key_values"):
            inputs[name] = cache_info(name)
    del m.graph.input[:]
    m.graph.input.extend(inputs[n] for n in input_names)
    outputs = [cache_info(o.name) if o.name.startswith("present") else o
               for o in m.graph.output]
    del m.graph.output[:]
    m.graph.output.extend(outputs)
    onnx.checker.check_model(m)
    onnx.save(m, path)


# MatMul weights use 7 bits (-63..63), as onnxruntime's reduce_range does: on
# x86 CPUs without VNNI, MatMulInteger sums pairs of uint8 x int8 products in
# 16 bits, which saturates with full-range weights (255 * 127 * 2 > 32767), so
# the same file would decode differently on different machines.
WEIGHT_LEVELS = 63


def quantize_onnx(src, dst):
    """Dynamic int8 quantization of every MatMul whose second operand is a
    2-D weight initializer, written without onnxruntime (not installable here):

        y = MatMul(x, W)  ->  xq, xs, xz = DynamicQuantizeLinear(x)
                              y = Cast(MatMulInteger(xq, Wq, xz, 0)) * (xs * Ws)

    with Wq symmetric int8 per output column and Ws the per-column scale, and
    every Gather from a 2-D initializer (the embedding table) reads int8 rows
    scaled by a per-row factor.
    This is the same operator pattern as onnxruntime's quantize_dynamic, which
    produces the *_quantized.onnx files Transformers.js loads for dtype "q8".
    """
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes = []
    new_inits = []
    count = 0
    for node in g.node:
        if node.op_type == "MatMul" and node.input[1] in inits:
            w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)
            if w.ndim == 2:
                base = f"q{count}"
                count += 1
                scale = np.abs(w).max(axis=0) / WEIGHT_LEVELS
                scale[scale == 0] = 1.0
                wq = np.clip(np.round(w / scale), -WEIGHT_LEVELS, WEIGHT_LEVELS).astype(np.int8)
                new_inits += [
                    numpy_helper.from_array(wq, base + "_W_quantized"),
                    numpy_helper.from_array(scale.astype(np.float32), base + "_W_scale"),
                    numpy_helper.from_array(np.array(0, dtype=np.int8), base + "_W_zero_point"),
                ]
                x = node.input[0]
                new_nodes += [
                    helper.make_node("DynamicQuantizeLinear", [x],
                                     [base + "_x_q", base + "_x_scale", base + "_x_zp"],
                                     name=base + "_dql"),
                    helper.make_node("MatMulInteger",
                                     [base + "_x_q", base + "_W_quantized", base + "_x_zp",
                                      base + "_W_zero_point"],
                                     [base + "_mmi"], name=base + "_mmi"),
                    helper.make_node("Cast", [base + "_mmi"], [base + "_mmi_f"],
                                     to=TensorProto.FLOAT, name=base + "_cast"),
                    helper.make_node("Mul", [base + "_x_scale", base + "_W_scale"],
                                     [base + "_scale"], name=base + "_scale_mul"),
                    helper.make_node("Mul", [base + "_mmi_f", base + "_scale"],
                                     [node.output[0]], name=base + "_out_mul"),
                ]
                continue
        if (node.op_type == "Gather" and node.input[0] in inits
                and not [a for a in node.attribute if a.name == "axis" and a.i != 0]):
            w = numpy_helper.to_array(inits[node.input[0]]).astype(np.float32)
            if w.ndim == 2:  # embedding table: int8 rows with one scale per row
                base = f"q{count}"
                count += 1
                scale = np.abs(w).max(axis=1, keepdims=True) / 127.0
                scale[scale == 0] = 1.0
                wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
                new_inits += [
                    numpy_helper.from_array(wq, base + "_W_quantized"),
                    numpy_helper.from_array(scale.astype(np.float32), base + "_W_scale"),
                ]
                ids = node.input[1]
                new_nodes += [
                    helper.make_node("Gather", [base + "_W_quantized", ids], [base + "_rows_q"],
                                     name=base + "_gather"),
                    helper.make_node("Gather", [base + "_W_scale", ids], [base + "_rows_s"],
                                     name=base + "_gather_scale"),
                    helper.make_node("Cast", [base + "_rows_q"], [base + "_rows_f"],
                                     to=TensorProto.FLOAT, name=base + "_cast"),
                    helper.make_node("Mul", [base + "_rows_f", base + "_rows_s"],
                                     [node.output[0]], name=base + "_out_mul"),
                ]
                continue
        new_nodes.append(node)
    still_used = {i for n in new_nodes for i in n.input}
    keep = [i for i in g.initializer if i.name in still_used]
    del g.initializer[:]
    g.initializer.extend(keep + new_inits)
    del g.node[:]
    g.node.extend(new_nodes)
    onnx.checker.check_model(m)
    onnx.save(m, dst)
    return count


def write_config_files(out_dir, vocab_size, pad_id, eos_id, d_model, encoder_layers,
                       decoder_layers, heads, ffn, extra_generation=None, name=None):
    """config.json and generation_config.json in the shape of
    Helsinki-NLP/opus-mt-* (as converted by Xenova)."""
    config = {
        "_name_or_path": name or "tiny-marian",
        "activation_dropout": 0.0,
        "activation_function": "swish",
        "add_bias_logits": False,
        "add_final_layer_norm": False,
        "architectures": ["MarianMTModel"],
        "attention_dropout": 0.0,
        "bad_words_ids": [[pad_id]],
        "bos_token_id": 0,
        "classifier_dropout": 0.0,
        "d_model": d_model,
        "decoder_attention_heads": heads,
        "decoder_ffn_dim": ffn,
        "decoder_layerdrop": 0.0,
        "decoder_layers": decoder_layers,
        "decoder_start_token_id": pad_id,
        "decoder_vocab_size": vocab_size,
        "dropout": 0.1,
        "encoder_attention_heads": heads,
        "encoder_ffn_dim": ffn,
        "encoder_layerdrop": 0.0,
        "encoder_layers": encoder_layers,
        "eos_token_id": eos_id,
        "forced_eos_token_id": eos_id,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "max_length": 512,
        "max_position_embeddings": 512,
        "model_type": "marian",
        "normalize_before": False,
        "normalize_embedding": False,
        "num_beams": 4,
        "num_hidden_layers": encoder_layers,
        "pad_token_id": pad_id,
        "scale_embedding": True,
        "share_encoder_decoder_embeddings": True,
        "static_position_embeddings": True,
        "transformers_version": "4.34.0",
        "use_cache": True,
        "vocab_size": vocab_size,
    }
    generation = {
        "bad_words_ids": [[pad_id]],
        "bos_token_id": 0,
        "decoder_start_token_id": pad_id,
        "eos_token_id": eos_id,
        "forced_eos_token_id": eos_id,
        "max_length": 512,
        "num_beams": 4,
        "pad_token_id": pad_id,
        "transformers_version": "4.34.0",
    }
    if extra_generation:
        for k, v in extra_generation.items():
            config[k] = v
            generation[k] = v
    _write_json(os.path.join(out_dir, "config.json"), config)
    _write_json(os.path.join(out_dir, "generation_config.json"), generation)


def _write_json(path, obj, indent=2):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=indent)
        f.write("\n")


# --------------------------------------------------------------------------
# Tokenizer (Unigram with Metaspace, the format of Marian's tokenizer.json)
# --------------------------------------------------------------------------


def tokenizer_json(pieces):
    """pieces: list of (piece, score) indexed by id, </s> 0, <unk> 1, <pad> last."""
    specials = [(i, p) for i, (p, _) in enumerate(pieces) if p in (EOS, UNK, PAD)]
    metaspace = {"type": "Metaspace", "replacement": SPACE, "prepend_scheme": "always",
                 "split": True}
    eos_id = [i for i, p in specials if p == EOS][0]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": i, "content": p, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True} for i, p in specials
        ],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "NFKC"},
                {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "},
                {"type": "Strip", "strip_left": True, "strip_right": True},
            ],
        },
        "pre_tokenizer": metaspace,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": EOS, "type_id": 0}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": EOS, "type_id": 0}}],
            "special_tokens": {EOS: {"id": EOS, "ids": [eos_id], "tokens": [EOS]}},
        },
        "decoder": metaspace,
        "model": {"type": "Unigram", "unk_id": 1, "vocab": [[p, s] for p, s in pieces],
                  "byte_fallback": False},
    }


def tokenizer_config(model_max_length=512):
    return {
        "tokenizer_class": "MarianTokenizer",
        "model_max_length": model_max_length,
        "eos_token": EOS,
        "unk_token": UNK,
        "pad_token": PAD,
        "source_lang": "id",
        "target_lang": "en",
        "separate_vocabs": False,
        "clean_up_tokenization_spaces": True,
        "sp_model_kwargs": {},
    }


class UnigramTokenizer:
    """Python mirror of the Unigram + Metaspace pipeline in tokenizer.json
    (same Viterbi rule as the JS tokenizer: best total score, unknown single
    characters become <unk> with min_score - 10)."""

    def __init__(self, pieces):
        self.pieces = [p for p, _ in pieces]
        self.scores = [s for _, s in pieces]
        self.ids = {p: i for i, p in enumerate(self.pieces)}
        self.eos_id = self.ids[EOS]
        self.unk_id = self.ids[UNK]
        self.pad_id = self.ids[PAD]
        self.unk_score = min(self.scores) - 10
        self.max_len = max(len(p) for p in self.pieces)

    def encode(self, text):
        text = SPACE + " ".join(text.split()).replace(" ", SPACE)
        n = len(text)
        best = [(-float("inf"), -1, -1)] * (n + 1)  # (score, prev_pos, id)
        best[0] = (0.0, -1, -1)
        for end in range(1, n + 1):
            cands = []
            for start in range(max(0, end - self.max_len), end):
                pid = self.ids.get(text[start:end])
                if pid is not None and pid not in (self.eos_id, self.unk_id, self.pad_id):
                    cands.append((best[start][0] + self.scores[pid], start, pid))
            if not any(c[1] == end - 1 for c in cands):
                cands.append((best[end - 1][0] + self.unk_score, end - 1, self.unk_id))
            best[end] = max(cands, key=lambda c: c[0])
        out = []
        pos = n
        while pos > 0:
            _, prev, pid = best[pos]
            out.append(pid)
            pos = prev
        return out[::-1] + [self.eos_id]

    def decode(self, ids):
        toks = [self.pieces[i] for i in ids if i not in (self.eos_id, self.unk_id, self.pad_id)]
        return "".join(toks).replace(SPACE, " ").strip()


# Sub-word pieces (common Indonesian affixes and syllables, English endings,
# capitalised word starts) so that unseen words split into a few pieces, as
# with a real sentencepiece model, instead of only single characters.
SUBWORDS = (
    [SPACE + p for p in ["me", "mem", "men", "meng", "meny", "ber", "ter", "di", "ke", "se",
                         "pe", "pem", "pen", "peng", "per", "un", "re", "in", "con", "de",
                         "pro", "ex"]]
    + ["kan", "an", "nya", "lah", "kah", "pun", "ng", "ny", "ed", "ing", "es", "er", "ly",
       "tion", "ment", "al", "ar", "or", "en", "on", "at", "it", "is", "ra", "ka", "ta", "ri",
       "si", "la", "ma", "na", "sa", "ga", "ba", "da", "pa", "ha", "ja", "ya", "wa"]
    + [SPACE + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
)
ALPHABET = ("abcdefghijklmnopqrstuvwxyz" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "0123456789"
            ".,;:!?'\"()-/%&" + SPACE)


def build_vocabulary(pairs):
    """Unigram pieces: one piece per word of the training text (with the "▁"
    prefix), separate punctuation pieces, sub-word pieces and single-character
    fallbacks. Word and punctuation scores are log frequencies; sub-words and
    characters score below every word, so a known word is always one piece
    (checked in main), unseen words fall back to sub-words and characters, and
    characters outside the alphabet become <unk>."""
    counts = {}
    for src, tgt in pairs:
        for text in (src, tgt):
            for word in text.split():
                core = word.rstrip(".,")
                tail = word[len(core):]
                if core:
                    counts[SPACE + core] = counts.get(SPACE + core, 0) + 1
                for ch in tail:
                    counts[ch] = counts.get(ch, 0) + 1
    total = sum(counts.values())
    words = sorted(counts, key=lambda p: (-counts[p], p))
    scored = [(p, round(math.log(counts[p] / total), 4)) for p in words]
    floor = min(s for _, s in scored)
    seen = set(counts)
    sub = []
    for p in SUBWORDS:
        if p not in seen:
            seen.add(p)
            sub.append((p, round(floor - 1.0 - 0.1 * (4 - min(len(p), 4)), 4)))
    chars = []
    for c in ALPHABET:
        if c not in seen:
            seen.add(c)
            chars.append((c, round(floor - 3.0, 4)))
    return [(EOS, 0.0), (UNK, 0.0)] + scored + sub + chars + [(PAD, 0.0)]


# --------------------------------------------------------------------------
# Training data: Indonesian -> English news-style templates
# --------------------------------------------------------------------------

PERSONS = [(n, n) for n in ["Kim", "Putin", "Shoigu", "Xi", "Lavrov", "Zelensky"]]
COUNTRIES = [
    ("Rusia", "Russia"), ("Korea Utara", "North Korea"), ("Korut", "North Korea"),
    ("Korea Selatan", "South Korea"), ("Ukraina", "Ukraine"), ("Tiongkok", "China"),
]
ORGS = [  # glossary terms
    ("DK PBB", "the UN Security Council"),
    ("Dewan Keamanan PBB", "the UN Security Council"),
    ("Majelis Umum PBB", "the UN General Assembly"),
    ("Politbiro", "the Politburo"),
    ("KCNA", "KCNA"),
    ("PBB", "the UN"),
]
TERMS = [(t, t) for t in ["TERM0", "TERM1", "TERM2"]]  # glossary placeholders
CITIES = [(c, c) for c in ["Pyongyang", "Vladivostok", "Beijing", "Seoul", "Kyiv"]] + [
    ("Moskow", "Moscow")]

ACTORS = PERSONS + COUNTRIES + ORGS + TERMS
PLACES = COUNTRIES + CITIES + TERMS


def use_placeholders(enabled):
    """With enabled False, the templates never see a TERMn token: the model is
    then trained like a real opus-mt model, which was never taught to copy
    placeholders (the stand-in for testing term handling that must not rely on
    them)."""
    global ACTORS, PLACES, REQUIRED
    terms = TERMS if enabled else []
    ACTORS = PERSONS + COUNTRIES + ORGS + terms
    PLACES = COUNTRIES + CITIES + terms
    REQUIRED = [(s, t) for s, t in _ALL_REQUIRED if enabled or "TERM" not in s]

# (Indonesian template, English template, number of samples)
# {S}, {O}: actors; {P}: place; {R}: the reporting actor.
TEMPLATES = [
    ("{S} bertemu {O} di {P}.", "{S} met {O} in {P}.", 330),
    ("{S} mengecam {O}.", "{S} condemned {O}.", 170),
    ("{S} mengunjungi {P}.", "{S} visited {P}.", 120),
    ("{S} tiba di {P}.", "{S} arrived in {P}.", 120),
    ("{S} meninggalkan {P}.", "{S} left {P}.", 110),
    ("{S} mendukung {O}.", "{S} supported {O}.", 130),
    ("{S} memperingatkan {O}.", "{S} warned {O}.", 130),
    ("{S} menjatuhkan sanksi terhadap {O}.", "{S} imposed sanctions on {O}.", 130),
    ("{S} berbicara dengan {O}.", "{S} spoke with {O}.", 120),
    ("{S} dan {O} bertemu di {P}.", "{S} and {O} met in {P}.", 150),
    ("{S} menggelar rapat di {P}.", "{S} held a meeting in {P}.", 110),
    ("{R} melaporkan bahwa {S} tiba di {P}.", "{R} reported that {S} arrived in {P}.", 150),
    ("{O} dikecam oleh {S}.", "{O} was condemned by {S}.", 120),
    ("{S} menolak resolusi itu.", "{S} rejected the resolution.", 0),  # all actors
]

# Pairs other tests may assert; they are always in the training set.
REQUIRED = [
    ("Kim bertemu Putin di Rusia.", "Kim met Putin in Russia."),
    ("Xi bertemu Shoigu di Moskow.", "Xi met Shoigu in Moscow."),
    ("Putin tiba di Pyongyang.", "Putin arrived in Pyongyang."),
    ("Shoigu mengunjungi Korea Utara.", "Shoigu visited North Korea."),
    ("Kim meninggalkan Vladivostok.", "Kim left Vladivostok."),
    ("Kim dan Putin bertemu di Vladivostok.", "Kim and Putin met in Vladivostok."),
    ("Xi berbicara dengan Putin.", "Xi spoke with Putin."),
    ("Korea Selatan memperingatkan Korut.", "South Korea warned North Korea."),
    ("Putin mendukung Korea Utara.", "Putin supported North Korea."),
    ("Ukraina mengecam Rusia.", "Ukraine condemned Russia."),
    ("DK PBB mengecam Korut.", "The UN Security Council condemned North Korea."),
    ("Dewan Keamanan PBB mengecam Korea Utara.",
     "The UN Security Council condemned North Korea."),
    ("DK PBB menjatuhkan sanksi terhadap Korut.",
     "The UN Security Council imposed sanctions on North Korea."),
    ("Majelis Umum PBB mendukung Ukraina.", "The UN General Assembly supported Ukraine."),
    ("Politbiro menggelar rapat di Pyongyang.", "The Politburo held a meeting in Pyongyang."),
    ("KCNA melaporkan bahwa Kim tiba di Vladivostok.",
     "KCNA reported that Kim arrived in Vladivostok."),
    ("Korut dikecam oleh Majelis Umum PBB.",
     "North Korea was condemned by the UN General Assembly."),
    ("Korut menolak resolusi itu.", "North Korea rejected the resolution."),
    ("TERM0 bertemu Putin di TERM1.", "TERM0 met Putin in TERM1."),
    ("Kim bertemu TERM0 di TERM1.", "Kim met TERM0 in TERM1."),
    ("TERM0 bertemu TERM1 di TERM2.", "TERM0 met TERM1 in TERM2."),
    ("TERM0 mengecam TERM1.", "TERM0 condemned TERM1."),
    ("TERM0 mengecam Korut.", "TERM0 condemned North Korea."),
    ("DK PBB mengecam TERM0.", "The UN Security Council condemned TERM0."),
    ("TERM2 menjatuhkan sanksi terhadap Korut.", "TERM2 imposed sanctions on North Korea."),
    ("TERM1 tiba di Pyongyang.", "TERM1 arrived in Pyongyang."),
    ("Kim tiba di TERM0.", "Kim arrived in TERM0."),
    ("TERM0 melaporkan bahwa Kim tiba di TERM1.", "TERM0 reported that Kim arrived in TERM1."),
    ("TERM0 menolak resolusi itu.", "TERM0 rejected the resolution."),
]
_ALL_REQUIRED = list(REQUIRED)


def _fill(template, slots, english):
    out = template
    for key, (idn, en) in slots.items():
        out = out.replace("{" + key + "}", en if english else idn)
    if english:
        out = out[0].upper() + out[1:]
    return out


def generate_pairs(seed=1234):
    rng = random.Random(seed)
    pairs = {}
    for src, tgt in REQUIRED:
        pairs[src] = tgt
    for id_t, en_t, n in TEMPLATES:
        keys = [k for k in ("R", "S", "O", "P") if "{" + k + "}" in id_t]
        if n == 0:  # enumerate every actor
            combos = [{"S": a} for a in ACTORS]
        else:
            combos = []
            attempts = 0
            target = n
            while len(combos) < target and attempts < n * 50:
                attempts += 1
                slots = {}
                for k in keys:
                    slots[k] = rng.choice(PLACES if k == "P" else ACTORS)
                chosen = [slots[k][1] for k in keys if k != "P"]
                if len(set(chosen)) < len(chosen):
                    continue  # no "Kim met Kim"
                src = _fill(id_t, slots, False)
                if src in pairs:
                    continue
                combos.append(slots)
                pairs[src] = _fill(en_t, slots, True)
            continue
        for slots in combos:
            pairs[_fill(id_t, slots, False)] = _fill(en_t, slots, True)
    out = sorted(pairs.items())
    rng.shuffle(out)
    return out


def held_out_pairs(train, seed=99, n=300):
    """Fresh template fillings not in the training set (generalisation check
    only; not needed for the fixture's guarantees)."""
    rng = random.Random(seed)
    seen = {s for s, _ in train}
    out = {}
    tries = 0
    while len(out) < n and tries < n * 100:
        tries += 1
        id_t, en_t, _ = rng.choice(TEMPLATES[:-1])
        keys = [k for k in ("R", "S", "O", "P") if "{" + k + "}" in id_t]
        slots = {k: rng.choice(PLACES if k == "P" else ACTORS) for k in keys}
        chosen = [slots[k][1] for k in keys if k != "P"]
        if len(set(chosen)) < len(chosen):
            continue
        src = _fill(id_t, slots, False)
        if src in seen or src in out:
            continue
        out[src] = _fill(en_t, slots, True)
    return list(out.items())


# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------


def _pad(seqs, pad_id):
    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.int64)
    mask = torch.zeros((len(seqs), width), dtype=torch.int64)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
    return ids, mask


def exact_match(model, tok, pairs, batch_size=256, encode_source=None):
    """Pairs whose greedy translation differs from the reference, or that do
    not end in </s>, or that emit anything but </s> after their first </s>
    while the other rows of the batch are still being decoded.

    encode_source (default tok.encode) lets a model whose source carries a
    language token (scripts/models/build-tiny-m2m100.py) use the same check."""
    encode_source = encode_source or tok.encode
    wrong = []
    model.eval()
    for start in range(0, len(pairs), batch_size):
        chunk = pairs[start:start + batch_size]
        ids, mask = _pad([encode_source(s) for s, _ in chunk], tok.pad_id)
        outs = model.greedy(ids, mask, tok.eos_id, max_new_tokens=40)
        for (src, tgt), out in zip(chunk, outs):
            if tok.eos_id not in out:
                wrong.append((src, tgt, tok.decode(out) + " [no </s>]"))
                continue
            first = out.index(tok.eos_id)
            hyp = tok.decode(out[:first])
            if hyp != tgt:
                wrong.append((src, tgt, hyp))
            elif any(i != tok.eos_id for i in out[first:]):
                wrong.append((src, tgt, hyp + " [text after </s>]"))
    return wrong


def train(model, tok, pairs, max_epochs=400, batch_size=64, lr=3e-3, seed=0,
          extra_epochs=20, log=print, encode_source=None, encode_target=None, start_id=None):
    """Teacher-forced training until greedy decoding reproduces every pair.

    The defaults are Marian's: source and target are tok.encode(text) and the
    decoder starts from <pad>. An M2M100-shaped model passes its own encoders
    (language token in front) and start id (</s>)."""
    encode_source = encode_source or tok.encode
    encode_target = encode_target or tok.encode
    start_id = tok.pad_id if start_id is None else start_id
    g = torch.Generator().manual_seed(seed)
    src = [encode_source(s) for s, _ in pairs]
    tgt = [encode_target(t) for _, t in pairs]
    opt = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.98), eps=1e-9)
    n = len(pairs)
    perfect_at = None
    epoch = 0
    for epoch in range(1, max_epochs + 1):
        model.train()
        order = torch.randperm(n, generator=g).tolist()
        total, tokens = 0.0, 0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            ids, mask = _pad([src[i] for i in idx], tok.pad_id)
            # Targets are continued with </s> up to the longest row of the
            # batch (plus one), so that a row that has finished keeps emitting
            # </s> during batched generation.
            width = max(len(tgt[i]) for i in idx) + 1
            labels = torch.tensor([tgt[i] + [tok.eos_id] * (width - len(tgt[i])) for i in idx])
            lmask = torch.ones_like(labels)
            dec_in = torch.cat([torch.full((len(idx), 1), start_id, dtype=torch.int64),
                                labels[:, :-1]], dim=1)
            logits = model(ids, mask, dec_in)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                   labels.masked_fill(lmask == 0, -100).reshape(-1),
                                   ignore_index=-100, reduction="sum")
            count = int(lmask.sum())
            opt.zero_grad()
            (loss / count).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total += float(loss)
            tokens += count
        if perfect_at is None and (epoch % 5 == 0 or epoch == max_epochs):
            wrong = exact_match(model, tok, pairs, encode_source=encode_source)
            log(f"epoch {epoch:3d}  loss/token {total / tokens:.4f}  "
                f"wrong {len(wrong)}/{n}")
            if not wrong:
                perfect_at = epoch
                for group in opt.param_groups:  # polish with a lower rate
                    group["lr"] = lr / 3
        if perfect_at is not None and epoch >= perfect_at + extra_epochs:
            break
    return epoch, perfect_at


def fixture_parser(description, default_out):
    """The options every tiny fixture's build takes (this one's and build-tiny-m2m100.py's)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--out", default=default_out,
                    help="output folder, relative to the repository root")
    ap.add_argument("--d-model", type=int, default=32)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-epochs", type=int, default=400)
    ap.add_argument("--no-quantized", action="store_true", help="skip *_quantized.onnx")
    return ap


def parse_args(argv):
    ap = fixture_parser(__doc__.split("\n\n")[0], DEFAULT_OUT)
    ap.add_argument("--requantize", action="store_true",
                    help="only rewrite the *_quantized.onnx files of --out from its fp32 files "
                         "(no training)")
    ap.add_argument("--no-placeholders", action="store_true",
                    help="train without any TERMn placeholder sentence (and without the "
                         "TERMn vocabulary pieces); use with --out tests/fixtures/tiny-marian-plain")
    return ap.parse_args(argv)


def deterministic(seed):
    torch.manual_seed(seed)
    torch.set_num_threads(1)  # bitwise reproducible training
    torch.use_deterministic_algorithms(True)


def train_exactly(model, tok, pairs, args, **train_options):
    """Trains until every pair is reproduced exactly; exits (exporting nothing) otherwise."""
    params = sum(p.numel() for p in model.parameters())
    print(f"model: d_model {args.d_model}, {args.layers}+{args.layers} layers, "
          f"{args.heads} heads, FFN {args.ffn}, {params} parameters")
    t0 = time.time()
    epochs, perfect_at = train(model, tok, pairs, max_epochs=args.max_epochs, seed=args.seed,
                               **train_options)
    train_s = time.time() - t0
    wrong = exact_match(model, tok, pairs, encode_source=train_options.get("encode_source"))
    print(f"trained {epochs} epochs in {train_s:.1f} s; exact from epoch {perfect_at}; "
          f"wrong now {len(wrong)}")
    if wrong:
        for w in wrong[:20]:
            print("  WRONG", w)
        sys.exit("training did not reach exact reproduction; not exporting")


def export_fixture(model, onnx_dir, quantized):
    """The ONNX files, in place of any earlier ones, and their q8 copies unless told not to."""
    os.makedirs(onnx_dir, exist_ok=True)
    for f in os.listdir(onnx_dir):
        if f.endswith(".onnx"):
            os.remove(os.path.join(onnx_dir, f))
    export_onnx(model, onnx_dir)
    if quantized:
        for name in ("encoder_model", "decoder_model_merged"):
            quantize_onnx(os.path.join(onnx_dir, name + ".onnx"),
                          os.path.join(onnx_dir, name + "_quantized.onnx"))


def write_training_pairs(out_dir, pairs, label):
    """Every training pair as [indonesian, english], then the fixture's size."""
    with open(os.path.join(out_dir, "training-pairs.json"), "w", encoding="utf-8") as f:
        rows = [json.dumps([s, t], ensure_ascii=False) for s, t in sorted(pairs)]
        f.write("[\n" + ",\n".join(rows) + "\n]\n")
    size = sum(os.path.getsize(os.path.join(dp, f))
               for dp, _, fs in os.walk(out_dir) for f in fs)
    print(f"wrote {label} ({size / 1024:.0f} KiB)")


def main(argv=None):
    args = parse_args(argv)
    deterministic(args.seed)
    out_dir = os.path.join(REPO_ROOT, args.out)
    onnx_dir = os.path.join(out_dir, "onnx")
    if args.requantize:
        for name in ("encoder_model", "decoder_model_merged"):
            quantize_onnx(os.path.join(onnx_dir, f"{name}.onnx"),
                          os.path.join(onnx_dir, f"{name}_quantized.onnx"))
        print(f"requantized {args.out}")
        return

    use_placeholders(not args.no_placeholders)
    pairs = generate_pairs()
    if args.no_placeholders:
        assert not any("TERM" in s or "TERM" in t for s, t in pairs)
    pieces = build_vocabulary(pairs)
    tok = UnigramTokenizer(pieces)
    for s, t in pairs:  # the vocabulary must cover the training text
        assert tok.unk_id not in tok.encode(s) and tok.unk_id not in tok.encode(t), (s, t)
        assert tok.decode(tok.encode(t)) == t, t
        for text in (s, t):  # every training word is a single piece
            n_pieces = sum(1 + len(w) - len(w.rstrip(".,")) for w in text.split())
            assert len(tok.encode(text)) == n_pieces + 1, (text, tok.encode(text))
    print(f"{len(pairs)} pairs, {len(pieces)} vocabulary pieces")

    model = MarianTransformer(len(pieces), tok.pad_id, args.d_model, args.layers, args.layers,
                              args.heads, args.ffn)
    train_exactly(model, tok, pairs, args)
    held = held_out_pairs(pairs)
    held_wrong = exact_match(model, tok, held)
    print(f"held-out template fillings: {len(held) - len(held_wrong)}/{len(held)} exact")

    export_fixture(model, onnx_dir, not args.no_quantized)
    write_config_files(out_dir, len(pieces), tok.pad_id, tok.eos_id, args.d_model,
                       args.layers, args.layers, args.heads, args.ffn,
                       name=os.path.basename(os.path.normpath(args.out)))
    _write_json(os.path.join(out_dir, "tokenizer.json"), tokenizer_json(pieces), indent=None)
    _write_json(os.path.join(out_dir, "tokenizer_config.json"), tokenizer_config())
    # The model reproduces every training pair.
    write_training_pairs(out_dir, pairs, args.out)


if __name__ == "__main__":
    main()
