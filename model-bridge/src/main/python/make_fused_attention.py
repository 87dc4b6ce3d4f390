"""Writes fused_attention.pt, the TorchScript module behind io.vqstudio.bridge.nn.FusedAttention.

The module maps (q, k, v, mask, dropoutP, causal) to softmax(q k^T / sqrt(Dh) + mask) v through libtorch's
aten::scaled_dot_product_attention, whose CPU kernel is fused (blocked, online softmax): it never
materialises the (B, H, T, T) probabilities as separate arrays per op, forward or backward. DJL's
Java API does not expose that op; a TorchScript module reaches it.

    q, k, v   (B, H, T, Dh)
    mask      additive (T, T) float mask (0 or -inf), or an empty tensor for full attention
    dropoutP  0-d float tensor: attention-probability dropout rate (0 outside training)
    causal    0-d int64 tensor, 1 for causal attention (query i sees keys 0..i): the op's
              is_causal, under which the kernel skips the blocks above the diagonal instead of
              adding a (T, T) mask to them; the mask is then empty
    returns   (B, H, T, Dh)

Debian's python3-torch (1.13) predates the op, so this script scripts a module with the same
signature in 1.13 (for the archive's pickles and version record) and writes the module's code
file itself; libtorch 2.7.1, which DJL loads, resolves the op when it loads the archive. The
1.13 debug tables are left out: they index source text that is no longer there. The Java test
FusedAttentionTest checks values and gradients against the unfused attention.

Usage:
    apt-get install -y python3-torch
    /usr/bin/python3 model-bridge/src/main/python/make_fused_attention.py \
        model-bridge/src/main/resources/io/vqstudio/bridge/nn/fused_attention.pt
"""
import io
import sys
import zipfile

import torch

CODE = '''class FusedAttention(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _is_full_backward_hook : Optional[bool]
  def forward(self: __torch__.FusedAttention,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    mask: Tensor,
    dropoutP: Tensor,
    causal: Tensor) -> Tensor:
    p = float(torch.item(dropoutP))
    if bool(int(torch.item(causal))):
      _0 = torch.scaled_dot_product_attention(q, k, v, None, p, True)
    else:
      if torch.eq(torch.numel(mask), 0):
        _1 = torch.scaled_dot_product_attention(q, k, v, None, p)
      else:
        _1 = torch.scaled_dot_product_attention(q, k, v, mask, p)
      _0 = _1
    return _0
'''


class FusedAttention(torch.nn.Module):
    """Same signature as CODE; its body is replaced in the archive."""

    def forward(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor,
                dropoutP: torch.Tensor, causal: torch.Tensor) -> torch.Tensor:
        return q + k + v + mask + dropoutP + causal


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_fused_attention.py OUTPUT.pt")
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(FusedAttention()), buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as out:
        for entry in source.infolist():
            name = entry.filename
            if name.endswith(".debug_pkl"):
                continue
            data = CODE.encode() if name.endswith("/code/__torch__.py") else source.read(entry)
            # The archive's top folder names the module in the file, as torch.jit.save does.
            # A fixed date keeps the archive byte-identical from run to run.
            out.writestr(zipfile.ZipInfo("fused_attention/" + name.split("/", 1)[1], (1980, 1, 1, 0, 0, 0)), data)
    print("wrote", sys.argv[1], "from torch", torch.__version__)


if __name__ == "__main__":
    main()
