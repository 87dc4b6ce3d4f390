package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.core.PriorKind;

/**
 * What a prior models, whatever its family: g x g grids of K codes, class-conditional over C
 * classes, AR or MaskGIT.
 *
 * @param nullClass whether class id C means "no class" (unconditional sampling and classifier-free
 *                  guidance); a prior trained without one (taming's class-conditional transformer)
 *                  always needs a class and cannot be guided
 */
public record PriorShape(PriorKind kind, int gridSize, int codebookSize, int numClasses, boolean nullClass) {

    /** Image tokens per grid. */
    public int tokens() {
        return gridSize * gridSize;
    }

    /** The class id that means "no class", or -1 when the prior has none. */
    public int noClass() {
        return nullClass ? numClasses : -1;
    }
}
