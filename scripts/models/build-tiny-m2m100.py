#!/usr/bin/env python3
"""Build the tiny M2M100-shaped Indonesian->English test model.

Run from the repository root with the system Python that has Debian's
python3-torch and python3-onnx (libopenblas0-pthread makes it faster):

    /usr/bin/python3 scripts/models/build-tiny-m2m100.py

It trains, on the template pairs of scripts/models/build-tiny-marian.py, a tiny
model with the architecture of M2M100 (plain PyTorch, no `transformers`
package) and exports a folder that Transformers.js (`@huggingface/transformers`)
loads as it loads a real `Xenova/m2m100_418M`:

    tests/fixtures/tiny-m2m100/
        config.json  generation_config.json  tokenizer.json
        tokenizer_config.json  training-pairs.json
        onnx/encoder_model.onnx            onnx/decoder_model_merged.onnx
        onnx/encoder_model_quantized.onnx  onnx/decoder_model_merged_quantized.onnx

(README.md in that folder is written by hand and left alone.)

M2M100 conventions kept here: ids <s> 0, <pad> 1, </s> 2, <unk> 3; language
tokens `__id__`, `__en__`, ... as added special tokens after the pieces; the
source is `__id__ text </s>`; the decoder starts from </s> and its first token
is the target language (`forced_bos_token_id`), so it reads
`</s> __en__ text </s>`.

Architecture (as M2M100ForConditionalGeneration): pre-layer-norm blocks, ReLU
FFN, a final layer norm after the encoder and after the decoder, sinusoidal
positions counted from padding_idx + 1 (pad positions get a zero vector),
embeddings scaled by sqrt(d_model), output projection tied to the embeddings
without a bias.

The vocabulary, training pairs, training loop, ONNX export and quantizer are
those of scripts/models/build-tiny-marian.py; the config and tokenizer writers here
are shared with scripts/models/build-nllb-shaped-model.py. Seeded and
single-threaded, so a rebuild on the same software gives the same files.
"""

import importlib.util
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join("tests", "fixtures", "tiny-m2m100")

BOS, PAD, EOS, UNK = "<s>", "<pad>", "</s>", "<unk>"
# M2M100 writes its language codes as __xx__; the fixture knows a few so that
# the tokenizer's language handling has something to choose from.
LANGUAGES = ["id", "en", "ms", "fr", "de"]
SRC_LANG, TGT_LANG = "id", "en"


def load_tiny_marian():
    """scripts/models/build-tiny-marian.py as a module (its file name is not an
    importable identifier)."""
    spec = importlib.util.spec_from_file_location(
        "build_tiny_marian", os.path.join(HERE, "build-tiny-marian.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TINY = load_tiny_marian()


def lang_token(code):
    return f"__{code}__"


# --------------------------------------------------------------------------
# Architecture
# --------------------------------------------------------------------------


def m2m100_positions(position_ids, d_model, padding_idx):
    """M2M100's sinusoidal embedding, computed on the fly rather than read
    from a table: frequencies exp(-i * ln(10000) / (half - 1)), sines then
    cosines, and a zero vector at padding_idx."""
    half = d_model // 2
    step = math.log(10000.0) / (half - 1)
    inv_freq = torch.exp(torch.arange(half, dtype=torch.float32) * -step)
    angles = position_ids.to(torch.float32).unsqueeze(-1) * inv_freq
    emb = torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)
    keep = (position_ids != padding_idx).to(torch.float32).unsqueeze(-1)
    return emb * keep


class EncoderLayer(nn.Module):
    """Pre-layer-norm self-attention and ReLU FFN blocks."""

    def __init__(self, d_model, heads, ffn):
        super().__init__()
        self.self_attn = TINY.Attention(d_model, heads)
        self.self_attn_layer_norm = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, ffn)
        self.fc2 = nn.Linear(ffn, d_model)
        self.final_layer_norm = nn.LayerNorm(d_model)

    def forward(self, h, mask):
        x = self.self_attn_layer_norm(h)
        k, v = self.self_attn.project_kv(x)
        h = h + self.self_attn(x, k, v, mask)
        h = h + self.fc2(F.relu(self.fc1(self.final_layer_norm(h))))
        return h


class DecoderLayer(nn.Module):
    def __init__(self, d_model, heads, ffn):
        super().__init__()
        self.self_attn = TINY.Attention(d_model, heads)
        self.self_attn_layer_norm = nn.LayerNorm(d_model)
        self.encoder_attn = TINY.Attention(d_model, heads)
        self.encoder_attn_layer_norm = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, ffn)
        self.fc2 = nn.Linear(ffn, d_model)
        self.final_layer_norm = nn.LayerNorm(d_model)

    def forward(self, h, self_mask, past_k, past_v, enc_h, enc_mask, cross=None):
        x = self.self_attn_layer_norm(h)
        k, v = self.self_attn.project_kv(x)
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        h = h + self.self_attn(x, k, v, self_mask)
        # Cross-attention keys/values come from the (already normalised)
        # encoder output, at every step as in the Marian fixture, unless a
        # cache gives them (cross); they are returned as present.*.encoder.
        ek, ev = cross if cross is not None else self.encoder_attn.project_kv(enc_h)
        h = h + self.encoder_attn(self.encoder_attn_layer_norm(h), ek, ev, enc_mask)
        h = h + self.fc2(F.relu(self.fc1(self.final_layer_norm(h))))
        return h, k, v, ek, ev


class M2M100Transformer(nn.Module):
    """Same interface as build-tiny-marian.py's MarianTransformer (encode,
    decode, empty_past, greedy, vocab_size, pad_id, heads, head_dim,
    decoder_layers), so its export_onnx and exact_match work unchanged."""

    def __init__(self, vocab_size, pad_id, eos_id, forced_bos_id, d_model=32, encoder_layers=2,
                 decoder_layers=2, heads=4, ffn=64):
        super().__init__()
        self.vocab_size = vocab_size
        self.pad_id = pad_id
        self.eos_id = eos_id
        self.start_id = eos_id  # M2M100's decoder_start_token_id is </s>
        self.forced_bos_id = forced_bos_id
        self.d_model = d_model
        self.heads = heads
        self.head_dim = d_model // heads
        self.embed_scale = math.sqrt(d_model)
        self.shared = nn.Embedding(vocab_size, d_model, padding_idx=pad_id)
        self.encoder_layers = nn.ModuleList(
            [EncoderLayer(d_model, heads, ffn) for _ in range(encoder_layers)])
        self.encoder_layer_norm = nn.LayerNorm(d_model)
        self.decoder_layers = nn.ModuleList(
            [DecoderLayer(d_model, heads, ffn) for _ in range(decoder_layers)])
        self.decoder_layer_norm = nn.LayerNorm(d_model)
        TINY.MarianTransformer.reset_parameters(self)

    def encode(self, input_ids, attention_mask):
        not_pad = (input_ids != self.pad_id).to(torch.int64)
        position_ids = torch.cumsum(not_pad, dim=1) * not_pad + self.pad_id
        h = (self.shared(input_ids) * self.embed_scale
             + m2m100_positions(position_ids, self.d_model, self.pad_id))
        mask = (1.0 - attention_mask.to(torch.float32))[:, None, None, :] * TINY.NEG
        for layer in self.encoder_layers:
            h = layer(h, mask)
        return self.encoder_layer_norm(h)

    def empty_past(self, batch_size):
        z = torch.zeros(batch_size, self.heads, 0, self.head_dim)
        return [(z, z) for _ in self.decoder_layers]

    def decode(self, input_ids, encoder_hidden_states, encoder_attention_mask, past):
        """One decoder pass; past as in MarianTransformer.decode (P may be 0).
        A past entry may also be (key, value, cross_key, cross_value): the
        cross-attention cache is then used and encoder_hidden_states may be
        None (the with-past branch of an Optimum-style merged decoder)."""
        past_ones = torch.ones_like(past[0][0][:, 0, :, 0]).to(torch.int64)  # [B, P]
        past_len = past_ones.sum(dim=1, keepdim=True)  # [B, 1]
        new_ones = torch.ones_like(input_ids)
        q_pos = torch.cumsum(new_ones, dim=1) - 1 + past_len  # [B, T]
        k_pos = torch.cumsum(torch.cat([past_ones, new_ones], dim=1), dim=1) - 1
        self_mask = (k_pos[:, None, :] > q_pos[:, :, None]).to(torch.float32)[:, None] * TINY.NEG
        enc_mask = (1.0 - encoder_attention_mask.to(torch.float32))[:, None, None, :] * TINY.NEG
        # Position ids as M2M100 counts them: the first token is at
        # padding_idx + 1, later steps add the cache length.
        not_pad = (input_ids != self.pad_id).to(torch.int64)
        position_ids = (torch.cumsum(not_pad, dim=1) + past_len) * not_pad + self.pad_id
        h = (self.shared(input_ids) * self.embed_scale
             + m2m100_positions(position_ids, self.d_model, self.pad_id))
        presents = []
        for layer, entry in zip(self.decoder_layers, past):
            cross = tuple(entry[2:]) if len(entry) == 4 else None
            h, k, v, ek, ev = layer(h, self_mask, entry[0], entry[1], encoder_hidden_states,
                                    enc_mask, cross)
            presents.append((k, v, ek, ev))
        logits = torch.matmul(self.decoder_layer_norm(h), self.shared.weight.t())
        return logits, presents

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        enc = self.encode(input_ids, attention_mask)
        logits, _ = self.decode(decoder_input_ids, enc, attention_mask,
                                self.empty_past(input_ids.shape[0]))
        return logits

    @torch.no_grad()
    def greedy(self, input_ids, attention_mask, eos_id, max_new_tokens=40):
        """Greedy decoding as Transformers.js runs it for M2M100: start from
        </s>, the first token forced to the target language, rows that
        finished keep being decoded until every row has emitted </s>."""
        b = input_ids.shape[0]
        enc = self.encode(input_ids, attention_mask)
        past = self.empty_past(b)
        cur = torch.full((b, 1), self.start_id, dtype=torch.int64)
        out = [[] for _ in range(b)]
        done = [False] * b
        for step in range(max_new_tokens):
            logits, presents = self.decode(cur, enc, attention_mask, past)
            if step == 0:
                nxt = torch.full((b,), self.forced_bos_id, dtype=torch.int64)
            else:
                nxt = logits[:, -1, :].argmax(dim=-1)
            for i in range(b):
                out[i].append(int(nxt[i]))
                done[i] = done[i] or int(nxt[i]) == eos_id
            if all(done):
                break
            past = [(k, v) for k, v, _, _ in presents]
            cur = nxt[:, None]
        return out


# --------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------


def m2m100_vocabulary(pairs):
    """The Marian fixture's pieces, renumbered the M2M100 way: <s>, <pad>,
    </s>, <unk> first, the language tokens last."""
    middle = [p for p in TINY.build_vocabulary(pairs) if p[0] not in (EOS, UNK, PAD)]
    return ([(BOS, 0.0), (PAD, 0.0), (EOS, 0.0), (UNK, 0.0)] + middle
            + [(lang_token(c), 0.0) for c in LANGUAGES])


class M2M100Tokenizer(TINY.UnigramTokenizer):
    """The Marian fixture's Python mirror of the Unigram tokenizer, with the
    language token in front of the source and target, and every special
    token dropped when decoding (skip_special_tokens)."""

    def __init__(self, pieces):
        super().__init__(pieces)
        self.bos_id = self.ids[BOS]
        self.lang_ids = {c: self.ids[lang_token(c)] for c in LANGUAGES}
        self.special_ids = {self.bos_id, self.pad_id, self.eos_id, self.unk_id,
                            *self.lang_ids.values()}

    def source(self, text, lang=SRC_LANG):
        return [self.lang_ids[lang]] + self.encode(text)

    def target(self, text, lang=TGT_LANG):
        return [self.lang_ids[lang]] + self.encode(text)

    def decode(self, ids):
        toks = [self.pieces[i] for i in ids if i not in self.special_ids]
        return "".join(toks).replace(TINY.SPACE, " ").strip()


def tokenizer_json(pieces, lang_tokens, placeholder_lang, unk_id):
    """tokenizer.json of an M2M100/NLLB export: the Marian fixture's Unigram +
    Metaspace tokenizer with these specials, and a post-processor
    `[language, A, </s>]` whose language token Transformers.js replaces with
    the src_lang of each translation call."""
    out = TINY.tokenizer_json(pieces)
    specials = {BOS, PAD, EOS, UNK, "<mask>", *lang_tokens}
    ids = {p: i for i, (p, _) in enumerate(pieces)}
    out["added_tokens"] = [
        {"id": i, "content": p, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for i, (p, _) in enumerate(pieces) if p in specials]
    single = [{"SpecialToken": {"id": placeholder_lang, "type_id": 0}},
              {"Sequence": {"id": "A", "type_id": 0}},
              {"SpecialToken": {"id": EOS, "type_id": 0}}]
    pair = single[:2] + [{"Sequence": {"id": "B", "type_id": 0}}] + single[2:]
    out["post_processor"] = {
        "type": "TemplateProcessing",
        "single": single,
        "pair": pair,
        "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]}
                           for t in [EOS, *lang_tokens]},
    }
    out["model"]["unk_id"] = unk_id
    return out


def tokenizer_config(tokenizer_class, lang_tokens, model_max_length=1024, **extra):
    config = {
        "tokenizer_class": tokenizer_class,
        "model_max_length": model_max_length,
        "bos_token": BOS,
        "eos_token": EOS,
        "sep_token": EOS,
        "unk_token": UNK,
        "pad_token": PAD,
        "src_lang": None,
        "tgt_lang": None,
        "additional_special_tokens": list(lang_tokens),
        "clean_up_tokenization_spaces": True,
        "sp_model_kwargs": {},
    }
    config.update(extra)
    return config


def write_config_files(out_dir, name, vocab_size, d_model, encoder_layers, decoder_layers,
                       heads, ffn, max_positions=1024, extra=None):
    """config.json and generation_config.json in the shape of the
    m2m_100 configs (M2M100 and NLLB-200 both use model_type m2m_100)."""
    config = {
        "_name_or_path": name,
        "activation_dropout": 0.0,
        "activation_function": "relu",
        "architectures": ["M2M100ForConditionalGeneration"],
        "attention_dropout": 0.1,
        "bos_token_id": 0,
        "d_model": d_model,
        "decoder_attention_heads": heads,
        "decoder_ffn_dim": ffn,
        "decoder_layerdrop": 0.05,
        "decoder_layers": decoder_layers,
        "decoder_start_token_id": 2,
        "dropout": 0.1,
        "encoder_attention_heads": heads,
        "encoder_ffn_dim": ffn,
        "encoder_layerdrop": 0.05,
        "encoder_layers": encoder_layers,
        "eos_token_id": 2,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "max_length": 200,
        "max_position_embeddings": max_positions,
        "model_type": "m2m_100",
        "num_hidden_layers": encoder_layers,
        "pad_token_id": 1,
        "scale_embedding": True,
        "transformers_version": "4.34.0",
        "use_cache": True,
        "vocab_size": vocab_size,
    }
    config.update(extra or {})
    generation = {
        "bos_token_id": 0,
        "decoder_start_token_id": 2,
        "eos_token_id": 2,
        "max_length": 200,
        "pad_token_id": 1,
        "transformers_version": "4.34.0",
    }
    TINY._write_json(os.path.join(out_dir, "config.json"), dict(sorted(config.items())))
    TINY._write_json(os.path.join(out_dir, "generation_config.json"), generation)


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def main(argv=None):
    args = TINY.fixture_parser(__doc__.split("\n\n")[0], DEFAULT_OUT).parse_args(argv)
    TINY.deterministic(args.seed)
    out_dir = os.path.join(REPO_ROOT, args.out)

    TINY.use_placeholders(True)
    pairs = TINY.generate_pairs()
    pieces = m2m100_vocabulary(pairs)
    tok = M2M100Tokenizer(pieces)
    assert (tok.bos_id, tok.pad_id, tok.eos_id, tok.unk_id) == (0, 1, 2, 3)
    for s, t in pairs:
        assert tok.unk_id not in tok.source(s) and tok.unk_id not in tok.target(t), (s, t)
        assert tok.decode(tok.target(t)) == t, t
    print(f"{len(pairs)} pairs, {len(pieces)} vocabulary pieces")

    model = M2M100Transformer(len(pieces), tok.pad_id, tok.eos_id, tok.lang_ids[TGT_LANG],
                              args.d_model, args.layers, args.layers, args.heads, args.ffn)
    TINY.train_exactly(model, tok, pairs, args, encode_source=tok.source,
                       encode_target=tok.target, start_id=tok.eos_id)

    TINY.export_fixture(model, os.path.join(out_dir, "onnx"), not args.no_quantized)
    lang_tokens = [lang_token(c) for c in LANGUAGES]
    write_config_files(out_dir, os.path.basename(os.path.normpath(args.out)), len(pieces),
                       args.d_model, args.layers, args.layers, args.heads, args.ffn)
    TINY._write_json(os.path.join(out_dir, "tokenizer.json"),
                     tokenizer_json(pieces, lang_tokens, lang_token("en"), tok.unk_id),
                     indent=None)
    TINY._write_json(os.path.join(out_dir, "tokenizer_config.json"),
                     tokenizer_config("M2M100Tokenizer", lang_tokens,
                                      language_codes="m2m100", num_madeup_words=0))
    # All training pairs are reproduced in PyTorch. Which ones the ONNX files
    # reproduce is checked through Transformers.js by tests/model/m2m100-fixture.test.ts.
    TINY.write_training_pairs(out_dir, pairs, args.out)


if __name__ == "__main__":
    main()
