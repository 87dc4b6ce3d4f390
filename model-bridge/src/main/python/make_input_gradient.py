"""Writes input_gradient.pt, the TorchScript module behind io.vqstudio.bridge.gan.R1Penalty.

The module maps (out, x) to d(sum(out))/dx with create_graph=True, so the returned gradient is
itself differentiable: a loss built from it (the R1 penalty, Mescheder et al. 2018) back-propagates
into the discriminator's weights. DJL can do the same through JniUtils.backward(createGraph=true),
but that path leaks native memory every call; running torch.autograd.grad inside libtorch does not.

The Java side calls the module with Block.forward(..., training=true): runMethod would run it in
inference mode, where no graph exists to differentiate.

Usage (Debian's python3-torch is enough; the file it writes loads in libtorch 2.7.1):
    apt-get install -y python3-torch
    /usr/bin/python3 model-bridge/src/main/python/make_input_gradient.py \
        model-bridge/src/main/resources/io/vqstudio/bridge/gan/input_gradient.pt
"""
import sys

import torch


class InputGradient(torch.nn.Module):
    """(out: any shape, x: (B, ...)) -> (B, ...): the gradient of out.sum() with respect to x."""

    def forward(self, out: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        grads = torch.autograd.grad([out.sum()], [x], create_graph=True)
        grad = grads[0]
        assert grad is not None, "out does not depend on x"
        return grad


def check(module: torch.jit.ScriptModule) -> None:
    """The scripted module must agree with autograd and stay differentiable."""
    w = torch.randn(3, dtype=torch.float64, requires_grad=True)
    x = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    out = (x * w).pow(2).sum(dim=1)
    grad = module(out, x)
    torch.testing.assert_close(grad, 2 * x * w.pow(2))
    grad.square().sum().backward()
    torch.testing.assert_close(w.grad, (16 * x.pow(2) * w.pow(3)).sum(dim=0).detach())


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_input_gradient.py OUTPUT.pt")
    module = torch.jit.script(InputGradient())
    check(module)
    module.save(sys.argv[1])
    print("wrote", sys.argv[1], "with torch", torch.__version__)


if __name__ == "__main__":
    main()
