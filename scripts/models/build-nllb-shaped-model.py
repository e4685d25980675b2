#!/usr/bin/env python3
"""Write a random-weight stand-in for Xenova/nllb-200-distilled-600M for speed
benchmarks.

    apt-get install -y python3-torch python3-onnx libopenblas0-pthread
    /usr/bin/python3 scripts/models/build-nllb-shaped-model.py

Output: models/bench-nllb-shaped/ (git-ignored; do not commit it), with the
q8 files Transformers.js loads for dtype "q8":

    config.json  generation_config.json  tokenizer.json  tokenizer_config.json
    onnx/encoder_model_quantized.onnx  onnx/decoder_model_merged_quantized.onnx

Check it with `node scripts/models/check-nllb-shaped-model.mjs`. Measured
on a 2-core machine: 4-7 minutes, up to 10 GB of memory (plus about 7 GB of
temporary fp32 files), 1.15 GB written. The q8 merged decoder (732 MB) is
larger than the real export's because the embedding is stored twice in int8,
once for the input lookup and once, transposed, for the tied output
projection; the work per token is the same.

It has the real model's shape: M2M100 architecture (model_type m2m_100, as
NLLB's own config says), d_model 1024, 12+12 layers, 16 heads, FFN 4096,
embedding rows 256,206; the tokenizer (`NllbTokenizer`) has NLLB's ids
(<s> 0, <pad> 1, </s> 2, <unk> 3, pieces up to 256,000, the 202 language codes
from 256,001 with eng_Latn 256,047 and ind_Latn 256,075, <mask> 256,203).
The merged decoder has the layout of an Optimum export (If on
use_cache_branch, cross-attention keys and values computed once), built by
scripts/models/build-opus-shaped-model.py's exporter and merger.

Its weights are random, so it translates nothing, but an end-of-sentence rule
in the decoder graph makes each row emit </s> (id 2) once it has generated
ceil(1.1 x its source tokens) tokens (target language token and </s>
included), as the opus-shaped stand-in does: rows of a batch end at
different, realistic lengths.

The vocabulary holds the Marian fixture's pieces, one piece per word of the
seed articles in content/ (as the opus-shaped stand-in's) and one per
one-word headword of the look-up dictionary, so Indonesian news splits into
about as many tokens as with a real vocabulary; filler pieces bring it to
NLLB's size. Special ids other than </s> are never generated (see _Decoder).

The fp32 model is over 2 GB: its graphs are exported with their weights in
external data files in a temporary folder, quantized to int8 (the tiny
Marian fixture's quantizer) and merged; the fp32 files are then deleted
unless --keep-fp32 is given (the encoder only; the fp32 merged decoder would
need external data, which this script does not write).
"""

import argparse
import importlib.util
import os
import shutil
import time

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
EOS_ID = 2
LENGTH_RATIO = (11, 10)  # generated tokens (language token and </s> included) per source token
EOS_BIAS = 1e4
D_MODEL, LAYERS, HEADS, FFN = 1024, 12, 16, 4096
PIECES_END = 256001  # ids 0..256000: specials and sentencepiece pieces
EMBEDDING_ROWS = 256206  # config vocab_size: the tokenizer's 256,204 ids and two unused rows

# NLLB-200's language codes in id order (the first is 256,001).
LANGUAGE_CODES = """
ace_Arab ace_Latn acm_Arab acq_Arab aeb_Arab afr_Latn ajp_Arab aka_Latn amh_Ethi apc_Arab
arb_Arab ars_Arab ary_Arab arz_Arab asm_Beng ast_Latn awa_Deva ayr_Latn azb_Arab azj_Latn
bak_Cyrl bam_Latn ban_Latn bel_Cyrl bem_Latn ben_Beng bho_Deva bjn_Arab bjn_Latn bod_Tibt
bos_Latn bug_Latn bul_Cyrl cat_Latn ceb_Latn ces_Latn cjk_Latn ckb_Arab crh_Latn cym_Latn
dan_Latn deu_Latn dik_Latn dyu_Latn dzo_Tibt ell_Grek eng_Latn epo_Latn est_Latn eus_Latn
ewe_Latn fao_Latn pes_Arab fij_Latn fin_Latn fon_Latn fra_Latn fur_Latn fuv_Latn gla_Latn
gle_Latn glg_Latn grn_Latn guj_Gujr hat_Latn hau_Latn heb_Hebr hin_Deva hne_Deva hrv_Latn
hun_Latn hye_Armn ibo_Latn ilo_Latn ind_Latn isl_Latn ita_Latn jav_Latn jpn_Jpan kab_Latn
kac_Latn kam_Latn kan_Knda kas_Arab kas_Deva kat_Geor knc_Arab knc_Latn kaz_Cyrl kbp_Latn
kea_Latn khm_Khmr kik_Latn kin_Latn kir_Cyrl kmb_Latn kon_Latn kor_Hang kmr_Latn lao_Laoo
lvs_Latn lij_Latn lim_Latn lin_Latn lit_Latn lmo_Latn ltg_Latn ltz_Latn lua_Latn lug_Latn
luo_Latn lus_Latn mag_Deva mai_Deva mal_Mlym mar_Deva min_Latn mkd_Cyrl plt_Latn mlt_Latn
mni_Beng khk_Cyrl mos_Latn mri_Latn zsm_Latn mya_Mymr nld_Latn nno_Latn nob_Latn npi_Deva
nso_Latn nus_Latn nya_Latn oci_Latn gaz_Latn ory_Orya pag_Latn pan_Guru pap_Latn pol_Latn
por_Latn prs_Arab pbt_Arab quy_Latn ron_Latn run_Latn rus_Cyrl sag_Latn san_Deva sat_Beng
scn_Latn shn_Mymr sin_Sinh slk_Latn slv_Latn smo_Latn sna_Latn snd_Arab som_Latn sot_Latn
spa_Latn als_Latn srd_Latn srp_Cyrl ssw_Latn sun_Latn swe_Latn swh_Latn szl_Latn tam_Taml
tat_Cyrl tel_Telu tgk_Cyrl tgl_Latn tha_Thai tir_Ethi taq_Latn taq_Tfng tpi_Latn tsn_Latn
tso_Latn tuk_Latn tum_Latn tur_Latn twi_Latn tzm_Tfng uig_Arab ukr_Cyrl umb_Latn urd_Arab
uzn_Latn vec_Latn vie_Latn war_Latn wol_Latn xho_Latn ydd_Hebr yor_Latn yue_Hant zho_Hans
zho_Hant zul_Latn
""".split()


def load_script(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(REPO_ROOT, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


M2M = load_script("build_tiny_m2m100", os.path.join("scripts", "models", "build-tiny-m2m100.py"))
OPUS = load_script("build_opus_shaped_model", os.path.join("scripts", "models", "build-opus-shaped-model.py"))
TINY = M2M.TINY


class _Decoder(OPUS._Decoder):
    """One M2M100 decoder pass plus the end-of-sentence rule, without past
    (computes the cross-attention cache) or with past (reads it), in the
    calling convention of build-opus-shaped-model.py's export_decoders."""

    def __init__(self, model, with_past):
        super().__init__(model, with_past, EOS_ID)
        # Random tied weights make the decoder repeat its last token, which
        # after the forced eng_Latn would be a language code all along (an
        # empty translation once special tokens are skipped); banning the
        # special ids makes it write ordinary pieces instead.
        banned = torch.zeros(model.vocab_size)
        banned[[0, 1, 3]] = -EOS_BIAS
        banned[PIECES_END:] = -EOS_BIAS
        self.register_buffer("banned", banned)

    def forward(self, input_ids, encoder_attention_mask, *rest):
        m = self.model
        n = len(m.decoder_layers)
        if self.with_past:
            past = [tuple(rest[4 * i:4 * i + 4]) for i in range(n)]
            enc_h = None
        else:
            enc_h = rest[0]
            past = m.empty_past(input_ids.shape[0])
        past_len = torch.ones_like(past[0][0][:, 0, :, 0]).to(torch.int64).sum(1, keepdim=True)
        logits, presents = m.decode(input_ids, enc_h, encoder_attention_mask, past)
        # Token number q_pos + 1 is </s> once it reaches ceil(1.1 x source
        # tokens) of its row, never before.
        q_pos = torch.cumsum(torch.ones_like(input_ids), dim=1) - 1 + past_len
        src = encoder_attention_mask.to(torch.int64).sum(1, keepdim=True)
        target = torch.div(src * LENGTH_RATIO[0] + LENGTH_RATIO[1] - 1, LENGTH_RATIO[1],
                           rounding_mode="trunc")
        done = (q_pos + 1 >= target).to(torch.float32)
        logits = logits + ((done * 2.0 - 1.0) * EOS_BIAS)[:, :, None] * self.eos_onehot + self.banned
        flat = [logits]
        for k, v, ek, ev in presents:
            flat += [k, v, ek, ev]
        return tuple(flat)


# Stacked Indonesian prefixes that the Marian fixture's sub-words lack.
PREFIXES = ["memper", "diper", "keber", "keter", "pember", "penye", "penge", "seper"]


def dictionary_pieces(known, floor):
    """One piece per one-word Indonesian headword of the look-up dictionary
    (lib/lookup/data/id-en.json), lower case and capitalised, scored below
    every news word, and the same words as word-inner pieces (roots after a
    prefix) scored lower still: a real vocabulary of this size holds most
    Indonesian words whole and splits affixed ones into a few pieces
    (meng|umum|kan), so news text outside content/ should not fall apart
    into letters."""
    import json
    import re
    with open(os.path.join(REPO_ROOT, "lib", "lookup", "data", "id-en.json"), encoding="utf-8") as f:
        entries = json.load(f)["entries"]
    words = sorted(w for w in entries if re.fullmatch(r"[a-z]+(-[a-z]+)*", w))
    scored = [(TINY.SPACE + w, floor - 0.5) for w in words]
    scored += [(TINY.SPACE + w[0].upper() + w[1:], floor - 0.5) for w in words]
    scored += [(TINY.SPACE + p, floor - 0.8) for p in PREFIXES]
    scored += [(w, floor - 0.8) for w in words if len(w) >= 3]
    out = []
    for piece, score in scored:
        if piece not in known:
            known.add(piece)
            out.append((piece, round(score, 4)))
    return out


def vocabulary():
    """NLLB's id layout with the pieces described in the module docstring."""
    pieces = [(p, s) for p, s in M2M.m2m100_vocabulary(TINY.generate_pairs())
              if p not in (M2M.BOS, M2M.PAD, M2M.EOS, M2M.UNK) and not p.startswith("__")]
    floor = min(s for _, s in pieces)
    pieces += OPUS.news_pieces(TINY, {p for p, _ in pieces})
    pieces += dictionary_pieces({p for p, _ in pieces}, floor)
    head = [(M2M.BOS, 0.0), (M2M.PAD, 0.0), (M2M.EOS, 0.0), (M2M.UNK, 0.0)]
    fillers = PIECES_END - len(head) - len(pieces)
    # Filler pieces start with a character no text here contains and score
    # below everything, so they never take part in a split.
    pieces += [(f"{TINY.SPACE}\u00a7{i}", round(floor - 5.0, 4)) for i in range(fillers)]
    return head + pieces + [(c, 0.0) for c in LANGUAGE_CODES] + [("<mask>", 0.0)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join("models", "bench-nllb-shaped"))
    ap.add_argument("--keep-fp32", action="store_true",
                    help="keep onnx/encoder_model.onnx (fp32) beside the q8 files")
    args = ap.parse_args()
    assert len(LANGUAGE_CODES) == 202 and len(set(LANGUAGE_CODES)) == 202
    torch.manual_seed(0)
    t0 = time.time()
    out_dir = os.path.join(REPO_ROOT, args.out)
    onnx_dir = os.path.join(out_dir, "onnx")
    work = os.path.join(out_dir, "fp32-work")  # external-data exports, deleted at the end
    shutil.rmtree(work, ignore_errors=True)
    dirs = {k: os.path.join(work, k) for k in ("encoder", "no_past", "with_past")}
    for d in list(dirs.values()) + [onnx_dir]:
        os.makedirs(d, exist_ok=True)

    pieces = vocabulary()
    ids = {p: i for i, (p, _) in enumerate(pieces)}
    assert ids["eng_Latn"] == 256047 and ids["ind_Latn"] == 256075 and len(pieces) == 256204
    model = M2M.M2M100Transformer(EMBEDDING_ROWS, 1, EOS_ID, ids["eng_Latn"], D_MODEL, LAYERS,
                                  LAYERS, HEADS, FFN)
    model.eval()
    params = sum(p.numel() for p in model.parameters())
    print(f"{params / 1e6:.1f} M parameters, {len(pieces)} tokenizer ids, "
          f"{EMBEDDING_ROWS} embedding rows", flush=True)

    with torch.no_grad():
        OPUS.export_encoder(TINY, model, dirs["encoder"])
        parts = OPUS.export_decoders(model, onnx_dir, decoder_class=_Decoder, dirs=dirs)
    print(f"exported fp32 in {time.time() - t0:.0f} s", flush=True)

    TINY.quantize_onnx(os.path.join(dirs["encoder"], "encoder_model.onnx"),
                       os.path.join(onnx_dir, "encoder_model_quantized.onnx"))
    quantized = {}
    for key, path in parts.items():
        quantized[key] = os.path.join(work, f"{key}_quantized.onnx")
        TINY.quantize_onnx(path, quantized[key])
        print(f"quantized {key} in {time.time() - t0:.0f} s", flush=True)
    OPUS.merge_decoders(quantized["no_past"], quantized["with_past"],
                        os.path.join(onnx_dir, "decoder_model_merged_quantized.onnx"),
                        LAYERS, HEADS, D_MODEL // HEADS, EMBEDDING_ROWS)
    if args.keep_fp32:
        shutil.copy(os.path.join(dirs["encoder"], "encoder_model.onnx"), onnx_dir)
    shutil.rmtree(work)
    print(f"merged in {time.time() - t0:.0f} s", flush=True)

    M2M.write_config_files(out_dir, "bench-nllb-shaped", EMBEDDING_ROWS, D_MODEL, LAYERS, LAYERS,
                           HEADS, FFN, max_positions=1024)
    TINY._write_json(os.path.join(out_dir, "tokenizer.json"),
                     M2M.tokenizer_json(pieces, LANGUAGE_CODES, "eng_Latn", ids[M2M.UNK]),
                     indent=None)
    TINY._write_json(os.path.join(out_dir, "tokenizer_config.json"),
                     M2M.tokenizer_config("NllbTokenizer", LANGUAGE_CODES, cls_token=M2M.BOS,
                                          mask_token="<mask>", legacy_behaviour=False))
    size = sum(os.path.getsize(os.path.join(dp, f))
               for dp, _, fs in os.walk(out_dir) for f in fs)
    print(f"wrote {args.out} ({size / 1e6:.0f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
