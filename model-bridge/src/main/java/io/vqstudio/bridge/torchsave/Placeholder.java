package io.vqstudio.bridge.torchsave;

/**
 * An object a checkpoint names that we keep as data only: a class used as a dict key (Lightning
 * keys its callback states by class), an {@code argparse.Namespace} of hyper-parameters, a numpy
 * scalar. {@code state} is what the file gave it (the Namespace's fields as a Map, the arguments
 * it was built from as a List), or null for a bare class.
 */
public record Placeholder(String className, Object state) {}
