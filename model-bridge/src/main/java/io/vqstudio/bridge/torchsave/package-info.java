/**
 * A safe reader for PyTorch checkpoints ({@code torch.save} files in the zip and legacy formats,
 * and safetensors files): {@link io.vqstudio.bridge.torchsave.TorchFile#read} gives a
 * {@link io.vqstudio.bridge.torchsave.Checkpoint} whose
 * {@link io.vqstudio.bridge.torchsave.StateDict} maps keys to
 * {@link io.vqstudio.bridge.torchsave.TensorRef}s over the file's memory-mapped storages.
 *
 * <h2>Threat model</h2>
 * A checkpoint comes from anyone. A {@code torch.save} file is a Python pickle, and a pickle is a
 * program: Python's unpickler imports and calls whatever globals it names ({@code os.system},
 * {@code builtins.eval}, {@code subprocess.Popen}...), so loading a file with PyTorch runs the
 * file's author's code. This package never runs anything a file names:
 * <ul>
 *   <li>Its own unpickler ({@code Unpickler}) builds only Java values. A global is a name, never
 *       resolved to code. Names that reach the system or the interpreter ({@code os}, {@code posix},
 *       {@code nt}, {@code subprocess}, {@code sys}, {@code importlib}, {@code runpy}, builtins other
 *       than plain data types, dunder names...) are refused as soon as they are named, whichever
 *       opcode names them (GLOBAL, STACK_GLOBAL, INST). Calling (REDUCE, NEWOBJ, INST, OBJ) is
 *       allowed only for an allowlist ({@code Globals}): OrderedDict, PyTorch's tensor
 *       rebuilders, and a few data classes ({@code argparse.Namespace}, numpy scalars, paths) that
 *       become inert {@link io.vqstudio.bridge.torchsave.Placeholder}s. Any other global may appear
 *       as a value (Lightning keys callback states by class) but is refused when called.</li>
 *   <li>Damage and hostility end in one {@link io.vqstudio.bridge.torchsave.TorchFileException}
 *       whose one-line message names the file: every length is checked against the bytes left
 *       before anything is allocated; stack, marks, memo and container nesting are bounded and
 *       cycles refused (no OutOfMemoryError, StackOverflowError or hang); every zip entry's CRC-32
 *       is checked (stricter than PyTorch); every tensor's offset, shape and strides must lie inside
 *       its storage, and every storage entry must be as long as its pickle says.</li>
 *   <li>Weights are never read onto the Java heap: storages are memory-mapped (one mapping each,
 *       at most 2 GB per storage; a larger one is refused), so files past 2 GB open, and
 *       {@link io.vqstudio.bridge.torchsave.TensorRef#toNDArray} copies a tensor once into native
 *       memory. The NDArray never aliases the read-only mapping.</li>
 * </ul>
 * What it does not protect against: a file that changes while it is mapped (truncating a mapped
 * file faults the reader), and damage inside a legacy file's raw storages (that format has no
 * checksums).
 */
package io.vqstudio.bridge.torchsave;
